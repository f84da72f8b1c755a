"""Every error page of the web UI speaks the reader's language: a heading that says what happened (not
a bare number), a message and a way back, in Russian and in Kyrgyz alike."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import TooManyRequests

from core.classifiers import Role
from core.errors import Conflict, DomainError
from tests.conftest import login

#: The heading each status shows, by language.
HEADINGS = {
    "ru": {
        403: "Доступ запрещён",
        404: "Не найдено",
        405: "Это действие здесь недоступно",
        409: "Конфликт изменений",
        413: "Файл или форма слишком большие",
        422: "Неверный запрос",
        429: "Слишком много запросов",
        500: "Сбой на нашей стороне",
    },
    "ky": {
        403: "Кирүүгө тыюу салынган",
        404: "Табылган жок",
        405: "Бул аракет бул жерде жеткиликсиз",
        409: "Өзгөртүүлөрдүн карама-каршылыгы",
        413: "Файл же форма өтө чоң",
        422: "Туура эмес суроо-талап",
        429: "Өтө көп суроо-талап",
        500: "Биз тараптан ката кетти",
    },
}


@pytest.fixture
def signed_in(app, client, make_user, request):
    """An officer signed in, reading the page in the parametrised language; three routes that fail the
    way services do (a stale version, a rule refused, a bug) and a throttle."""

    def stale():
        raise Conflict()

    def refused():
        raise DomainError("x", field="occurred_at")

    def broken():
        raise RuntimeError("a bug")

    def throttled():
        raise TooManyRequests()

    for name, view in {"stale": stale, "refused": refused, "broken": broken, "throttled": throttled}.items():
        app.add_url_rule(f"/test-errors/{name}", name, view)
    app.config["MAX_CONTENT_LENGTH"] = 1024
    client.get(f"/lang/{request.param}")
    login(client, make_user(Role.SAFETY_OFFICER))
    return client, request.param


def _answer(client, code):
    if code == 403:
        return client.get("/admin/users")
    if code == 404:
        return client.get("/accidents/999999")
    if code == 405:
        return client.delete("/accidents")
    if code == 413:
        return client.post("/accidents/new", data={"place": "x" * 4096})
    names = {409: "stale", 422: "refused", 429: "throttled", 500: "broken"}
    return client.get(f"/test-errors/{names[code]}")


@pytest.mark.parametrize("signed_in", ["ru", "ky"], indirect=True)
@pytest.mark.parametrize("code", [403, 404, 405, 409, 413, 422, 429, 500])
def test_each_error_page_names_what_happened_in_the_readers_language(signed_in, code):
    client, lang = signed_in

    response = _answer(client, code)

    assert response.status_code == code
    text = response.get_data(as_text=True)
    assert f'lang="{lang}"' in text
    assert f"<h1>{HEADINGS[lang][code]}</h1>" in text
    assert f"<title>{HEADINGS[lang][code]}" in text
    assert "Error" not in text
    assert f"Ошибка {code}" not in text
