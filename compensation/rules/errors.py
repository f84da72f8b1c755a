"""The one error the rules raise: the case asks for something the law (as encoded) does not allow."""

from __future__ import annotations

from typing import Any

__all__ = ["RuleViolation"]


class RuleViolation(ValueError):
    """A case the rules refuse, naming the input at fault (``field``) and a message key with its values.

    The contract layer turns it into the error document ``{"errors": {field: [message]}}``,
    the message written out in the caller's language (see compensation.validation).
    """

    def __init__(self, field: str, key: str, **params: Any) -> None:
        super().__init__(f"{field}: {key} {params}")
        self.field, self.key, self.params = field, key, params
