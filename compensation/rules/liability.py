"""Whether the employer is liable for the harm, and the victim's share of fault.

Labour Code of the Kyrgyz Republic (2004):

* Art. 226 part 1 - harm by a source of increased danger: the employer is liable
  in full unless it proves force majeure or the victim's intent;
* Art. 226 part 2 - harm not by such a source: the employer is freed if the harm
  was not its fault (the contract: liable only with ``employer_fault``);
* Art. 227 - what counts as the employer's fault (unsafe conditions);
* Art. 226 part 3 - harm through a third party's fault: the employer pays, then has recourse
  (``third_party_fault``; LC-2025 art. 210(5) keeps it);
* Art. 229 - the aircraft owner: liable unless the victim's intent, force majeure notwithstanding
  (``aircraft``; LC-2025 has no such rule, so under it the general rules apply);
* Art. 230 - mixed liability: the victim's gross negligence, in percent fixed by
  the commission, reduces lost earnings and the Art. 247 one-off benefit only;
  full refusal is not allowed (so the percentage is below 100).
"""

from __future__ import annotations

from .case import Liability
from .regime import LABOUR_CODE_2004
from .trace import Step

__all__ = ["employer_liable", "liability_step"]


def employer_liable(liability: Liability, regime: str = LABOUR_CODE_2004) -> bool:
    """LC-2004 arts. 226, 229 (LC-2025 art. 210; CC art. 993(2)): liable unless the victim's intent; for a
    third party's fault (it pays, then recourse); for an aircraft under LC-2004 whatever the force
    majeure; with a danger source unless force majeure; without one only for its own fault.

    ``regime`` is the Code in force on the day of the event (contract v2 §5)."""
    if liability.victim_intent:
        return False
    if liability.third_party_fault:
        return True
    if liability.aircraft and regime == LABOUR_CODE_2004:
        return True
    if liability.source_of_increased_danger:
        return not liability.force_majeure
    return liability.employer_fault


def liability_step(
    liability: Liability, liable: bool, regime: str = LABOUR_CODE_2004, case_type: str = "injury"
) -> Step:
    """The liability rule as a trace step: the facts, the conclusion, and the fault percentage that will
    apply (cited only when there is one); the sentence does not say what the fault reduces (the steps
    that reduce a sum say so)."""
    if liability.victim_intent:
        key, article = "liability.intent", "226"
    elif liability.third_party_fault:
        key, article = "liability.third_party", "226 part 3"
    elif liability.aircraft and regime == LABOUR_CODE_2004:
        key, article = "liability.aircraft", "229"
    elif liability.source_of_increased_danger:
        key, article = (
            ("liability.force_majeure", "226") if liability.force_majeure else ("liability.danger", "226")
        )
    else:
        key, article = (
            ("liability.fault", "226 part 2, 227")
            if liability.employer_fault
            else ("liability.no_fault", "226 part 2")
        )
    fault = liability.victim_fault.text
    reading = liability.third_party_fault or liability.aircraft
    if liable and liability.victim_fault.numerator:
        # A death case: the fault reduces nothing (LC-2004 art. 230 part 4; CC art. 1011(4)).
        key += "+fault" if case_type == "injury" else "+fault_death"
        article += ", 230" if case_type == "injury" else ", 230 part 4"
    return Step(
        article,
        key,
        {
            "source_of_increased_danger": liability.source_of_increased_danger,
            "employer_fault": liability.employer_fault,
            "force_majeure": liability.force_majeure,
            "victim_intent": liability.victim_intent,
            "third_party_fault": liability.third_party_fault,
            "aircraft": liability.aircraft,
            "victim_gross_negligence_percent": fault,
            **({"interpretation": "contract v2 §5"} if reading else {}),
        },
        "liable" if liable else "not liable",
    )
