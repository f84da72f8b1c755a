"""Issue 14: issuing an order shows what will be fixed and asks for confirmation before the write."""

from __future__ import annotations

from typing import Any

from tests.factories import claim_payload, finding_payload


def test_issuing_an_order_shows_its_figures_and_issues_only_once_confirmed(
    login_as: Any, people: dict[str, Any], victim_id: int
) -> None:
    officer = login_as(people["officer"])
    assert officer.post("/api/v1/findings", json=finding_payload(victim_id)).status_code == 201
    claim = officer.post("/api/v1/claims", json=claim_payload(victim_id)).get_json()
    draft = officer.post(
        f"/api/v1/claims/{claim['id']}/decisions", json={"calculation_date": "2026-12-10"}
    ).get_json()
    url = f"/compensation/decisions/{draft['id']}/issue"

    asked = officer.post(url, data={"number": "12-к", "issued_on": "2026-12-10", "version": "1"})
    assert asked.status_code == 200
    html = asked.get_data(as_text=True)
    assert 'id="confirm-issue"' in html
    assert 'data-preview="number">12-к<' in html
    assert 'data-preview="issued_on">10.12.2026<' in html
    assert 'name="confirm" value="1"' in html
    still = officer.get(f"/api/v1/decisions/{draft['id']}").get_json()
    assert still["status"] == "draft"  # nothing is issued by the first step

    late = officer.post(url, data={"number": "12-к", "issued_on": "2099-01-01", "version": "1"})
    assert late.status_code == 422  # the preview checks what the issue would check

    done = officer.post(
        url, data={"number": "12-к", "issued_on": "2026-12-10", "version": "1", "confirm": "1"}
    )
    assert done.status_code == 302
    issued = officer.get(f"/api/v1/decisions/{draft['id']}").get_json()
    assert issued["status"] == "issued"
    assert issued["number"] == "12-к"
