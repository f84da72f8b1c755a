"""Whether the employer is liable for the harm, and the victim's share of fault.

Labour Code of the Kyrgyz Republic (2004):

* Art. 226 part 1 - harm by a source of increased danger: the employer is liable
  in full unless it proves force majeure or the victim's intent;
* Art. 226 part 2 - harm not by such a source: the employer is freed if the harm
  was not its fault (the contract: liable only with ``employer_fault``);
* Art. 227 - what counts as the employer's fault (unsafe conditions);
* Art. 229 - the aircraft owner: liable unless the victim's intent (covered by
  part 1's rule with no force-majeure defence being claimed);
* Art. 230 - mixed liability: the victim's gross negligence, in percent fixed by
  the commission, reduces lost earnings and the Art. 247 one-off benefit only;
  full refusal is not allowed (so the percentage is below 100).
"""

from __future__ import annotations

from .case import Liability
from .trace import Step

__all__ = ["employer_liable", "liability_step"]


def employer_liable(liability: Liability) -> bool:
    """Arts. 226, 229: liable unless the victim's intent; with a danger source unless force majeure;
    without one only for its own fault (Art. 227)."""
    if liability.victim_intent:
        return False
    if liability.source_of_increased_danger:
        return not liability.force_majeure
    return liability.employer_fault


def liability_step(liability: Liability, liable: bool) -> Step:
    """Art. 226/230 as a trace step: the facts, the conclusion, and the fault percentage that will apply."""
    if liability.victim_intent:
        key, article = "liability.intent", "226"
    elif liability.source_of_increased_danger:
        key, article = (
            ("liability.force_majeure", "226") if liability.force_majeure else ("liability.danger", "226")
        )
    else:
        key, article = (
            ("liability.fault", "226, 227") if liability.employer_fault else ("liability.no_fault", "226")
        )
    fault = liability.victim_fault.text
    if liable and liability.victim_fault.numerator:
        key += "+230"
        article += ", 230"
    return Step(
        article,
        key,
        {
            "source_of_increased_danger": liability.source_of_increased_danger,
            "employer_fault": liability.employer_fault,
            "force_majeure": liability.force_majeure,
            "victim_intent": liability.victim_intent,
            "victim_gross_negligence_percent": fault,
        },
        "liable" if liable else "not liable",
    )
