"""The accidents list reads its rows as plain columns, the notices' and the deadline's states computed in
SQL (issue 15): what it says of each accident must be what the accident's own record says (computed in
Python from its notices, accidents.deadlines)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from tests.conftest import accident_json


def _sent(client, accident, after, late_recipient=None):
    """Mark every notice of ``accident`` sent ``after`` the accident; ``late_recipient``'s a day later."""
    occurred = datetime.fromisoformat(accident["occurred_at"])
    for notice in accident["notifications"]:
        hours = after + (24 if notice["recipient"] == late_recipient else 0)
        response = client.put(
            f"/api/v1/notifications/{notice['id']}",
            json={
                "version": notice["version"],
                "sent_at": (occurred + timedelta(hours=hours)).isoformat(),
                "method": "phone",
            },
        )
        assert response.status_code == 200, response.get_json()


def _row(html, accident_id):
    found = re.search(rf'<tr data-accident="{accident_id}">(.*?)</tr>', html, re.S)
    assert found, accident_id
    return found.group(1)


def test_each_row_says_of_its_notices_and_deadline_what_the_record_says(login_as, officer):
    client = login_as(officer)
    light = client.post("/api/v1/accidents", json=accident_json(category="light")).get_json()
    unsent = client.post("/api/v1/accidents", json=accident_json()).get_json()
    in_time = client.post("/api/v1/accidents", json=accident_json()).get_json()
    late = client.post("/api/v1/accidents", json=accident_json()).get_json()
    _sent(client, in_time, after=2)
    _sent(client, late, after=2, late_recipient="prosecutor")  # due 24 h after: this one went at 26 h

    items = {item["id"]: item for item in client.get("/api/v1/accidents?per_page=50").get_json()["items"]}
    html = client.get("/accidents?per_page=50").get_data(as_text=True)

    for accident in (light, unsent, in_time, late):
        record = client.get(f"/api/v1/accidents/{accident['id']}").get_json()
        assert items[accident["id"]]["deadline"] == record["deadline"]
        assert items[accident["id"]]["notifications_overdue"] is record["notifications_overdue"]
        assert items[accident["id"]]["victims"] == [v["full_name"] for v in record["victims"]]
    assert [items[a["id"]]["notifications_overdue"] for a in (light, unsent, in_time, late)] == [
        False,
        True,
        False,
        False,
    ]
    # The light accident's investigation (3 days from the report two days ago) still runs; the others' too.
    assert {items[a["id"]]["deadline"]["state"] for a in (light, unsent, in_time, late)} == {"running"}
    assert "badge" not in _row(html, light["id"]).rsplit("<td>", 1)[1]  # no notices: a dash
    assert "badge overdue" in _row(html, unsent["id"]).rsplit("<td>", 1)[1]
    assert "badge ok" in _row(html, in_time["id"]).rsplit("<td>", 1)[1]
    assert "badge warn" in _row(html, late["id"]).rsplit("<td>", 1)[1]
    assert f'href="/accidents/{late["id"]}"' in _row(html, late["id"])
