"""The claim procedure of the Code in force on the day a claim is filed: its term, and where a dispute goes.

* Labour Code 2004, arts. 254-259: the employer decides within ten days of the claim (art. 257); a
  claim left undecided counts as refused; the claimant appeals to an inspectorate (art. 258), whose
  decision binds the employer, and then to court (art. 259).
* Labour Code 2025: that procedure is gone from the Code (regimes.md, 211(2)). The one-time benefit is
  paid within one month of the documents needed for it (art. 226(2)); the month's sum by the month's
  end (art. 226(1)). A dispute or the employer's refusal to pay is decided in the pre-trial procedure,
  then in court (art. 211(2)): the labour disputes commission or the state labour inspectorate, or
  directly the court, at the worker's choice (art. 241(2)), within three months of learning of the
  breach (art. 243(1)).

Two readings here are interpretations (regimes.md [I]), said so wherever they are shown:
the procedure is that of the day the claim is filed (art. 11: a new law governs the rights and duties
arising after it), and under the 2025 Code a claim left undecided past the month of art. 226(2) is the
employer's refusal to pay of art. 211(2), which the claimant may take to the pre-trial procedure.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

#: The day the Labour Code of 2025 was published and entered into force (contract v2 §2).
REGIME_2025_FROM = date(2025, 1, 28)
LABOUR_CODE_2004 = "labour_code_2004"
LABOUR_CODE_2025 = "labour_code_2025"
#: LC-2004 art. 257: the employer decides within ten days of the claim.
DECISION_DAYS = 10

#: What each procedure's pages say: the term, what its passing means, where a dispute goes.
TEXTS = {
    LABOUR_CODE_2004: {
        "term": _l("Decision deadline (Labour Code 2004 art. 257)"),
        "term_short": _l("Decision due (art. 257)"),
        "overdue": _l("the delay counts as a refusal and may be appealed to an inspectorate (art. 258)"),
        "deemed": _l("deemed refused (art. 257)"),
        "dispute": _l(
            "A decision, or the refusal deemed by the delay, may be appealed to a state or trade union "
            "labour inspectorate, whose decision binds the employer (art. 258), and then to court (art. 259)."
        ),
        "other": (),
        "appeals": _l("Appeals (art. 258)"),
        "appeal_intro": _l(
            "The victim or the survivors may appeal the employer's decision, or the refusal a delay beyond "
            "ten days amounts to, to the labour inspectorate or the trade unions' technical inspection "
            "(arts. 257, 258)."
        ),
        "deemed_option": _l("the refusal deemed by the delay (art. 257)"),
        "job": _l("No decision within 10 days (art. 257)."),
    },
    LABOUR_CODE_2025: {
        "term": _l("Term of the one-time benefit (Labour Code 2025 art. 226(2))"),
        "term_short": _l("One-time benefit due (art. 226(2))"),
        "overdue": _l(
            "not decided within the month: read as a refusal to pay, the dispute may go to the pre-trial "
            "procedure (art. 211(2); an interpretation)"
        ),
        "deemed": _l("undecided past its term (art. 226(2))"),
        "appeals": _l("Pre-trial procedure (arts. 211(2), 241)"),
        "appeal_intro": _l(
            "Under the 2025 Code the victim or the survivors take a dispute or a refusal to pay to the "
            "pre-trial procedure: the state labour inspectorate or the labour disputes commission, or "
            "directly to court (arts. 211(2), 241(2)), within three months of learning of the breach "
            "(art. 243(1))."
        ),
        "deemed_option": _l("no decision within the month of art. 226(2) (a refusal to pay, art. 211(2))"),
        "job": _l(
            "No decision within the month of Labour Code 2025 art. 226(2): a refusal to pay, open to the "
            "pre-trial procedure (art. 211(2); an interpretation)."
        ),
        "dispute": _l(
            "A dispute or a refusal to pay is decided in the pre-trial procedure, then in court "
            "(art. 211(2)): at the claimant's choice the labour disputes commission, the state labour "
            "inspectorate or the court (art. 241(2)), within three months of learning of the breach "
            "(art. 243(1))."
        ),
        "other": (
            _l("Each month's sum is paid by the end of that month (art. 226(1))."),
            _l(
                "The claim procedure of the 2004 Code (arts. 254-259) applies to claims filed before "
                "28 January 2025; this claim follows the 2025 Code (art. 11; an interpretation)."
            ),
        ),
    },
}


def regime_of(filed_on: date) -> str:
    """The Code whose procedure a claim filed on ``filed_on`` follows (the one in force that day) [I]."""
    return LABOUR_CODE_2025 if filed_on >= REGIME_2025_FROM else LABOUR_CODE_2004


def one_month_after(day: date) -> date:
    """The same day of the next month (the month's last day where the next month is shorter)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def decision_due_on(filed_on: date, received: Iterable[date | None] = ()) -> date:
    """The claim's term: ten days of the claim (LC-2004 art. 257), or one month of the documents, the
    later of the claim and the last document received (LC-2025 art. 226(2))."""
    if regime_of(filed_on) == LABOUR_CODE_2004:
        return filed_on + timedelta(days=DECISION_DAYS)
    return one_month_after(max([filed_on, *[d for d in received if d is not None]]))


def texts(filed_on: date) -> dict[str, object]:
    """What the pages show of the procedure of a claim filed on ``filed_on``."""
    return {"regime": regime_of(filed_on), **TEXTS[regime_of(filed_on)]}
