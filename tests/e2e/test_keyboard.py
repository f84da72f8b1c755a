"""The main forms used with the keyboard alone, in a real Chromium (issue 14): the accident report, the
act N-1, the MSEC finding, the claim, the payment, the calculator and the login. On each, every control
has an id of its own in the page and a name people read in Chromium's accessibility tree (a label, not
``earnings.0.month``); Tab walks the fields in the order they stand, with a focus ring one can see; and
the form is filled and sent from the keyboard (Enter in a field, Space on its button)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from core import create_app, db
from core.classifiers import Role
from tests.conftest import LONG_SESSIONS, TEST_CONFIG, TODAY, fresh_database
from tests.integration.test_pages_read_well import DEMO_PASSWORD, OFFICER, issued_claim

pytestmark = pytest.mark.e2e

#: The form's controls a person reaches: everything but hidden inputs, in the order they stand.
CONTROLS = """(form) => [...document.querySelector(form).elements]
  .filter((el) => el.type !== "hidden" && el.tagName !== "FIELDSET" && el.tagName !== "OBJECT")
  .map((el) => ({
    id: el.id,
    name: el.name,
    tag: el.tagName.toLowerCase(),
    type: el.type,
    labelled: el.labels && el.labels.length > 0 ? [...el.labels].map((l) => l.innerText.trim()).join(" ")
      : (el.getAttribute("aria-label") || (el.tagName === "BUTTON" ? el.innerText.trim() : "")),
    tabbable: !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0,
  }))"""
#: Ids used more than once in the page.
DUPLICATE_IDS = """() => {
  const seen = {};
  document.querySelectorAll("[id]").forEach((el) => { seen[el.id] = (seen[el.id] || 0) + 1; });
  return Object.keys(seen).filter((id) => seen[id] > 1);
}"""
#: The focused element: its id, and whether a focus ring of at least 2 px shows around it.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return { id: el.id, ring: ring || (style.boxShadow !== "none" && style.boxShadow !== "") };
}"""
#: A name that is a field's path or an internal code, not words: earnings.0.month, victim_fault_percent.
CODE_LIKE = re.compile(r"^[a-z0-9_]+([.][a-z0-9_]+)+$|^[a-z]+_[a-z0-9_]+$")
#: The roles of form controls in Chromium's accessibility tree, as aria_snapshot() writes them.
CONTROL_ROLES = ("textbox", "combobox", "checkbox", "radio", "spinbutton", "button", "listbox", "slider")


def _first(app: Any, statement: Any) -> int:
    return int(app_scalar(app, statement))


@pytest.fixture(scope="module")
def demo_server(
    migrated_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Any]]:
    """The demo's records served over HTTP (CSRF on, as in production) for the module: loading them
    takes a while."""
    from werkzeug.serving import make_server

    db.pin_today(TODAY)
    url = fresh_database(migrated_database, tmp_path_factory.mktemp("keyboard"))
    app = create_app({**TEST_CONFIG, **LONG_SESSIONS, "WTF_CSRF_ENABLED": True, "DATABASE_URL": url})
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    thread.join(timeout=10)
    db.pin_today(None)
    app.extensions["emgek.engine"].dispose()


@pytest.fixture(scope="module")
def forms(demo_server: tuple[str, Any]) -> dict[str, tuple[str, str, str]]:
    """Each main form: the demo account that fills it, its URL and the CSS selector of the form."""
    from accidents import workflow
    from accidents.models import Accident, Act
    from core.auth.models import User

    app = demo_server[1]
    act = _first(app, sa.select(Act.id).where(Act.status.in_(tuple(workflow.EDITABLE))).order_by(Act.id))
    act_officer = app_scalar(
        app,
        sa.select(User.email)
        .join(Accident, Accident.employer_id == User.employer_id)
        .join(Act, Act.accident_id == Accident.id)
        .where(Act.id == act, User.role == Role.SAFETY_OFFICER)
        .order_by(User.id)
        .limit(1),
    )
    claim = issued_claim(app, OFFICER)
    post = "main form[method=post]"
    return {
        "accident": (OFFICER, "/accidents/new", post),
        "act": (act_officer, f"/accidents/acts/{act}/edit", "main form[method=post]:has(#save-submit)"),
        "finding": (OFFICER, "/compensation/findings/new", post),
        "claim": (OFFICER, "/compensation/claims/new", post),
        "payment": (OFFICER, f"/compensation/claims/{claim}/payments/new", post),
        "calculator": (OFFICER, "/compensation/calculator", "#case-form"),
    }


def app_scalar(app: Any, statement: Any) -> Any:
    with app.app_context():
        found = db.session().scalar(statement)
    assert found is not None, str(statement)
    return found


def _sign_in_by_keyboard(page: Any, live_server: str, email: str = OFFICER) -> None:
    """The login form from the keyboard: Tab to the e-mail, type, Tab, type the password, Enter."""
    page.goto(f"{live_server}/login")
    page.locator("body").focus()
    for _step in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-email":
            break
    else:
        pytest.fail("Tab never reaches the login's e-mail field")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/")


def _faults(page: Any, form: str) -> list[str]:
    """What stops a keyboard or screen-reader user on the form: a control without an id or with one
    the page repeats, a control without a name people read (in the DOM and in Chromium's accessibility
    tree), a Tab order that skips or reorders fields, a focus one cannot see."""
    faults = [f"id {i!r} used twice" for i in page.evaluate(DUPLICATE_IDS)]
    controls = page.evaluate(CONTROLS, form)
    assert controls, f"no control in {form}"
    for c in controls:
        what = c["id"] or c["name"] or c["tag"]
        if not c["id"]:
            faults.append(f"{what}: no id")
        if not c["labelled"]:
            faults.append(f"{what}: no label")
        elif CODE_LIKE.match(c["labelled"].replace("*", "").strip()):
            faults.append(f"{what}: labelled {c['labelled']!r}")
    tree = page.locator(form).aria_snapshot()
    in_tree = 0
    for line in tree.splitlines():
        role = line.strip().lstrip("- ").split(" ", 1)[0].rstrip(":")
        if role in CONTROL_ROLES:
            in_tree += 1
            found = re.search(r'"(.*)"', line)
            name = found.group(1) if found else ""
            if not name.strip():
                faults.append(f"accessibility tree: {line.strip()} has no name")
            elif CODE_LIKE.match(name.strip(" *")):
                faults.append(f"accessibility tree: {line.strip()} is named by a code")
    if in_tree < len([c for c in controls if c["tabbable"] and c["type"] not in ("date", "month", "file")]):
        faults.append(f"the accessibility tree shows {in_tree} of the form's {len(controls)} controls")
    if page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count():
        faults.append("a positive tabindex reorders the page")
    faults += _tab_order_faults(page, [c for c in controls if c["tabbable"]])
    return faults


def _tab_order_faults(page: Any, controls: list[dict[str, Any]]) -> list[str]:
    """Tab from the form's first control to its last: each next one in the order they stand (a group
    of radio buttons is one stop), each with its focus ring."""
    expected: list[str] = []
    radios: set[str] = set()
    for c in controls:
        if c["type"] == "radio":
            if c["name"] in radios:
                continue
            radios.add(c["name"])
        expected.append(c["id"])
    start = next(c for c in controls if c["id"])
    page.locator(f"[id='{start['id']}']").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # the first field, reached from the keyboard (:focus-visible)
    walked: list[str] = []
    unseen: list[str] = []
    # A date field takes a Tab for each of its parts (day, month, year): one stop in the walk.
    for _step in range(4 * len(expected)):
        focused = page.evaluate(FOCUSED)
        if not walked or walked[-1] != focused["id"]:
            if len(walked) == len(expected):
                break
            walked.append(focused["id"])
            if not focused["ring"]:
                unseen.append(focused["id"])
        page.keyboard.press("Tab")
    faults = []
    if walked != expected:
        first = next(i for i, (a, b) in enumerate(zip(walked, expected, strict=False)) if a != b)
        faults.append(
            f"Tab order: after {walked[first - 1] if first else 'the start'} comes "
            f"{walked[first]!r}, not {expected[first]!r}"
        )
    if unseen:
        faults.append(f"no visible focus on {unseen[:5]}")
    return faults


def test_the_login_form_is_used_with_the_keyboard_alone(demo_server, page):
    live_server = demo_server[0]
    page.goto(f"{live_server}/login")

    faults = _faults(page, "main form[method=post]")
    assert not faults, "\n".join(faults)
    _sign_in_by_keyboard(page, live_server)


@pytest.mark.parametrize("name", ["accident", "act", "finding", "claim", "payment", "calculator"])
def test_a_main_form_has_ids_labels_a_tab_order_and_a_focus_one_sees(demo_server, page, forms, name):
    live_server = demo_server[0]
    email, url, form = forms[name]
    _sign_in_by_keyboard(page, live_server, email)
    page.goto(f"{live_server}{url}")

    faults = _faults(page, form)
    assert not faults, "\n".join(faults)


def _tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until ``selector`` has the focus."""
    for _step in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reaches {selector}")


@pytest.mark.parametrize("name", ["accident", "act", "finding", "claim", "payment", "calculator"])
def test_a_main_form_is_filled_and_sent_from_the_keyboard(demo_server, page, forms, name):
    """A field typed into, Tab on to the form's main button, Space: the form goes to the server, which
    either takes it or shows it again with the field's text kept (the forms' rule for bad input)."""
    live_server = demo_server[0]
    email, url, form = forms[name]
    _sign_in_by_keyboard(page, live_server, email)
    page.goto(f"{live_server}{url}")
    field = page.locator(f"{form} input[type=text]:visible, {form} textarea:visible").first
    field_id = field.get_attribute("id")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Проверка клавиатуры")

    _tab_to(page, f"{form} button[type=submit].primary")
    with page.expect_navigation():
        page.keyboard.press("Space")

    assert page.url.split("?")[0] != f"{live_server}{url}" or (
        page.locator(f"[id='{field_id}']").input_value() == "Проверка клавиатуры"
    )


def _date_keys(page: Any, day: str, month: str, year: str) -> str:
    """What to type into a date field for that day: the field's parts stand in the browser's own
    order (dd.mm.yyyy in Russian, mm/dd/yyyy in English), found on a scratch field first."""
    page.set_content("<input type=date id=probe>")
    page.locator("#probe").focus()
    page.keyboard.type("01022003")
    found = page.locator("#probe").input_value()
    return f"{day}{month}{year}" if found == "2003-02-01" else f"{month}{day}{year}"


def test_enter_in_the_payment_form_records_the_payment(demo_server, page, forms):
    """The payment form filled field by field with the keyboard and sent with Enter: it is recorded."""
    live_server = demo_server[0]
    email, url, form = forms["payment"]
    keys = _date_keys(page, "26", "11", "2026")
    _sign_in_by_keyboard(page, live_server, email)
    page.goto(f"{live_server}{url}")
    controls = [c for c in page.evaluate(CONTROLS, form) if c["tabbable"]]
    page.locator(f"[id='{controls[0]['id']}']").focus()
    typed = {"amount": "1000"}
    for c in controls:
        assert page.evaluate("document.activeElement.id") == c["id"]
        if c["type"] == "date":
            page.keyboard.type(keys)  # the field moves on from part to part by itself
        elif c["name"] in typed:
            page.keyboard.type(typed[c["name"]])
        if c["tag"] == "button":
            break
        for _part in range(4):  # a date field takes a Tab for each of its parts
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") != c["id"]:
                break
    assert page.locator("#f-paid_on").input_value() == "2026-11-26"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/payments/new" not in page.url, page.locator("main").inner_text()[:500]


def test_add_a_survivor_from_the_keyboard_adds_a_numbered_row_and_puts_the_cursor_in_it(
    demo_server, page, forms
):
    """Issue 14: a repeated table takes more rows than it offers. Tab to "Add a survivor", Space: a
    fifth blank row with ids of its own and labels people read ("…, row 5"), the cursor in its first
    field; typing goes there; Enter in a field still sends the form's own button, not the add button."""
    live_server = demo_server[0]
    email, url, form = forms["calculator"]
    _sign_in_by_keyboard(page, live_server, email)
    page.goto(f"{live_server}{url}")
    before = page.locator("#survivors tbody tr").count()

    _tab_to(page, "#add-survivors")
    page.keyboard.press("Space")

    assert page.locator("#survivors tbody tr").count() == before + 1
    assert page.evaluate("document.activeElement.id") == f"f-survivors.{before}.id"
    label = page.locator(f"[id='f-survivors.{before}.id']").get_attribute("aria-label")
    assert label.endswith(f", строка {before + 1}"), label
    page.keyboard.type("s5")
    assert page.locator(f"[id='f-survivors.{before}.id']").input_value() == "s5"
    assert page.locator(f"[id='f-survivors.{before - 1}.id']").input_value() == ""
    assert page.evaluate(DUPLICATE_IDS) == []
    assert page.locator("#add-survivors").get_attribute("type") == "button"


def test_add_a_measure_to_the_act_from_the_keyboard_and_the_new_row_is_saved(demo_server, page, forms):
    """Issue 14: the act's repeated groups (persons responsible, measures, witnesses) and the accident's,
    commission's and claim's take more rows than they offer. Tab to "Add a measure", Space: one more blank
    group numbered on, with ids of its own, the cursor in its first field; what is typed there is saved
    with the act."""
    live_server = demo_server[0]
    email, url, form = forms["act"]
    _sign_in_by_keyboard(page, live_server, email)
    page.goto(f"{live_server}{url}")
    before = page.locator('[data-row^="measures."]').count()
    page.locator(f"[id='f-measures.{before - 1}.description']").fill("Заполнено до добавления")

    _tab_to(page, "#add-measures")
    page.keyboard.press("Space")

    assert page.locator('[data-row^="measures."]').count() == before + 1
    assert page.evaluate("document.activeElement.id") == f"f-measures.{before}.description"
    assert page.locator(f"[id='f-measures.{before}.description']").input_value() == ""
    assert page.evaluate(DUPLICATE_IDS) == []
    page.keyboard.type("Ограждение лестничного пролёта")
    page.locator(f"[id='f-measures.{before}.due_date']").fill("2026-12-20")
    page.locator(f"[id='f-measures.{before - 1}.due_date']").fill("2026-12-19")
    page.locator(f"[id='f-measures.{before - 1}.description']").fill("Инструктаж бригады")
    with page.expect_navigation():
        page.locator(f"{form} #save").click()

    page.goto(f"{live_server}{url}")
    saved = [
        page.locator(f"[id='f-measures.{i}.description']").input_value()
        for i in range(page.locator('[data-row^="measures."]').count())
    ]
    assert "Ограждение лестничного пролёта" in saved
    assert "Инструктаж бригады" in saved
