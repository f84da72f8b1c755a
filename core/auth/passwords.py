"""Which passwords an account may be given: long enough, not one of those that leak first, not a pattern.

Credential stuffing and guessing try the passwords people choose most, in the order of the breach
corpora. The list is the 30,000 most common passwords of those corpora as the maintained ``zxcvbn``
package ships them (MIT licence; no network at run time). A password is refused if it, lowercased, or
what the same keys give on the Latin layout when typed on the Russian (Kyrgyz) one ("йцукенгшщз" is
"qwertyuiop"), is on the list, or if it is one short piece repeated or a run of consecutive characters.
Every way a password is set (the administrators' page and API, ``flask users create``) goes through
:func:`check_new_password`, in the service.
"""

from __future__ import annotations

import functools
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.errors import FormErrors

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
TOO_SHORT = _l("A password has at least 10 characters.")

#: The Russian ЙЦУКЕН layout (which Kyrgyz keyboards extend) key by key onto the Latin QWERTY one.
_RUSSIAN_KEYS = str.maketrans("йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`")
#: One to four characters repeated over the whole password ("aaaaaaaaaa", "abcabcabcabc", "1212121212").
_REPEATED = re.compile(r"^(.{1,4})\1+$", re.DOTALL)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The breach corpora's most common passwords, lowercased (read once, on first use)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(password.lower() for password in FREQUENCY_LISTS["passwords"])


def _consecutive(text: str) -> bool:
    """A run of characters each one after (or before) the last: "1234567890", "abcdefghij", "9876543210"."""
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})


def password_problem(password: str) -> str | None:
    """Why ``password`` may not be an account's password, in the user's language; None if it may."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return str(TOO_SHORT)
    if len(password) > PASSWORD_MAX_LENGTH:
        return _("A password has at most 200 characters.")
    folded = password.lower()
    if {folded, folded.translate(_RUSSIAN_KEYS)} & common_passwords():
        return _(
            "This password is one of the most common passwords, which are tried first on any account: "
            "choose another."
        )
    if _REPEATED.match(folded) or _consecutive(folded):
        return _("This password is a repeated or consecutive run of characters: choose another.")
    return None


def check_new_password(password: str) -> None:
    """Refuse a password an account may not have with a :class:`FormErrors` naming ``password``."""
    problem = password_problem(password)
    if problem is not None:
        raise FormErrors({"password": [problem]})
