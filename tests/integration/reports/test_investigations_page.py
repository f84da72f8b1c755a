"""View 5: investigation health by inspectorate and inspector (fixture: conftest.py).

Alpha's 2026 acts N-1, hand-counted: six (the group's two, the "not work-related" light one, March,
the light one, April; the occupational disease apart), none reviewed yet; the four of the severe or
group accidents have notices unsent past their 24 hours; every commission formed on the accident's
day; March's and April's investigations (15 days) are open past their deadline; one of six not
work-related.
"""

from __future__ import annotations

from core.classifiers import Role
from tests.integration.reports.sections_helpers import cell, csv_rows, rows_of

PERIOD = "from=2026-01-01&to=2026-12-31"


def test_the_figures_of_acts_not_yet_reviewed(login_as, fixture_cases):
    html = login_as(fixture_cases["officer"]).get(f"/reports/investigations?{PERIOD}").get_data(as_text=True)

    figures = ("acts", "notices_late", "with_commission", "commission_avg", "overdue", "not_work_related")
    assert [cell(html, "inspectors", "none", k) for k in figures] == ["6", "4", "6", "0.0", "2", "1"]
    assert cell(html, "inspectors", "none", "nwr_share") == "16.7"
    assert cell(html, "inspectors", "none", "within_share") == ""  # nothing closed: no data
    assert "Ещё не принято к рассмотрению" in html


def test_a_returned_act_counts_for_its_inspector_and_inspectorate(login_as, make_user, make_accident):
    officer = make_user(Role.SAFETY_OFFICER)
    inspector = make_user(Role.INSPECTOR, full_name="Асанов Бакыт")
    act = make_accident(officer, "under_review", reviewer=inspector)["acts"][0]
    client = login_as(inspector)
    version = client.get(f"/api/v1/acts/{act}").get_json()["version"]
    back = client.post(
        f"/api/v1/acts/{act}/transitions",
        json={"action": "return", "version": version, "remark": "Нет схемы"},
    )

    html = client.get(f"/reports/investigations?{PERIOD}").get_data(as_text=True)
    text = client.get(f"/reports/investigations/inspectors.csv?{PERIOD}").get_data(as_text=True)
    records = client.get(
        f"/reports/investigations/inspectors/records?row={inspector.id}&figure=returned&{PERIOD}"
    ).get_data(as_text=True)

    assert back.status_code == 200, back.get_json()
    assert rows_of(html, "inspectors") == [str(inspector.id)]
    assert cell(html, "inspectors", str(inspector.id), "returned") == "1"
    assert cell(html, "inspectors", str(inspector.id), "returned_share") == "100.0"
    assert 'class="num small-numbers"' in html  # one act: the share is greyed
    assert cell(html, "inspectorates", "state", "returned") == "1"
    assert "Асанов Бакыт" in csv_rows(text)[1][0]
    assert records.count("data-act=") == 1


def test_an_officer_finds_none_of_another_employers_numbers(login_as, fixture_cases):
    client = login_as(fixture_cases["other"])

    html = client.get(f"/reports/investigations?{PERIOD}&employer_id={fixture_cases['alpha'].id}").get_data(
        as_text=True
    )
    text = client.get(f"/reports/investigations/inspectorates.xlsx?{PERIOD}")

    assert cell(html, "inspectors", "none", "acts") == "1"
    assert "Alpha" not in html
    assert text.status_code == 200


def test_the_days_to_approval_stand_against_no_deadline_the_law_does_not_set(login_as, fixture_cases):
    from datetime import date

    from accidents import deadlines

    client = login_as(fixture_cases["officer"])
    ru = client.get(f"/reports/investigations?{PERIOD}").get_data(as_text=True)
    client.get("/lang/ky")
    ky = client.get(f"/reports/investigations?{PERIOD}").get_data(as_text=True)

    rules = deadlines.rules_on(date(2026, 3, 10))
    assert rules.approval_days is None  # deadlines.yaml: none in the KG Codes (the RU 3 days not applied)
    assert "art. 208" in rules.approval_source
    assert rules.approval_due(date(2026, 3, 25)) is None
    note = ru.split('id="approval-deadline">', 1)[1].split("</p>", 1)[0]
    assert note == (
        "Срок утверждения акта Н-1 (дни до утверждения в таблицах ниже): срок законом не установлен."
    )
    assert "мыйзамда мөөнөт белгиленген эмес" in ky.split('id="approval-deadline">', 1)[1].split("</p>", 1)[0]


def test_a_regime_that_set_an_approval_deadline_would_be_named_from_its_day(app, monkeypatch):
    import dataclasses
    from datetime import date

    from accidents import deadlines
    from reports.headline import Filters
    from reports.investigations import approval_deadline

    old = deadlines.table()[0]
    later = dataclasses.replace(old, start=date(2026, 7, 1), approval_days=3)
    monkeypatch.setattr(deadlines, "table", lambda: (old, later))

    with app.test_request_context(headers={"Accept-Language": "ru"}):
        both = approval_deadline(Filters(date(2026, 1, 1), date(2026, 12, 31)))
        before = approval_deadline(Filters(date(2026, 1, 1), date(2026, 6, 30)))
        after = approval_deadline(Filters(date(2026, 7, 1), date(2026, 12, 31)))

    assert both == (
        "с 04.08.2004: срок законом не установлен; с 01.07.2026: 3 дн. после окончания расследования"
    )
    assert before == "срок законом не установлен"
    assert after == "3 дн. после окончания расследования"
