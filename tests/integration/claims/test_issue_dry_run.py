"""Issue 14: the API's own preview of issuing an order, ``?dry_run=true``: what the order would fix,
checked as the issue is, and nothing written (the page's confirmation step, for API clients)."""

from __future__ import annotations

from typing import Any


def test_a_dry_run_of_issuing_answers_the_preview_and_issues_nothing(draft_award: dict[str, Any]) -> None:
    officer, draft = draft_award["client"], draft_award["draft"]
    url = f"/api/v1/decisions/{draft['id']}/issue"
    body = {"number": "12-к", "issued_on": "2026-12-10", "version": draft["version"]}
    history = officer.get(f"/api/v1/decisions/{draft['id']}/history").get_json()

    preview = officer.post(f"{url}?dry_run=true", json=body)

    assert preview.status_code == 202, preview.get_json()
    found = preview.get_json()
    assert found["number"] == "12-к"
    assert found["issued_on"] == "2026-12-10"
    assert found["installments"] > 0
    assert found["totals"]["accrued"] == draft["result"]["totals"]["accrued"]
    assert found["supersedes"] is None
    still = officer.get(f"/api/v1/decisions/{draft['id']}").get_json()
    assert (still["status"], still["version"]) == ("draft", draft["version"])
    assert officer.get(f"/api/v1/decisions/{draft['id']}/history").get_json() == history


def test_a_dry_run_refuses_what_the_issue_would_refuse_and_the_real_issue_still_works(
    draft_award: dict[str, Any],
) -> None:
    officer, draft = draft_award["client"], draft_award["draft"]
    url = f"/api/v1/decisions/{draft['id']}/issue"
    body = {"number": "12-к", "issued_on": "2099-01-01", "version": draft["version"]}

    late = officer.post(f"{url}?dry_run=true", json=body)
    issued = officer.post(url, json={**body, "issued_on": "2026-12-10"})

    assert late.status_code == 422
    assert "issued_on" in late.get_json()["errors"]
    assert issued.status_code == 200, issued.get_json()
    assert issued.get_json()["status"] == "issued"
