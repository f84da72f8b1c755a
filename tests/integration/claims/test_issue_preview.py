"""Issue 14: issuing an order shows what will be fixed and asks for confirmation before the write."""

from __future__ import annotations

from typing import Any


def test_issuing_an_order_shows_its_figures_and_issues_only_once_confirmed(
    draft_award: dict[str, Any],
) -> None:
    officer, draft = draft_award["client"], draft_award["draft"]
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
