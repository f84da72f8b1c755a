"""Checking a case file: the error document, its messages in three languages, and the field parsers.

Pure Python (no Flask, no marshmallow): the CLI, the HTTP endpoint and library
callers get the same answer. An invalid case raises :class:`InvalidCase`,
whose ``errors`` is the contract's error document body
``{"field.path": ["message", ...]}``; messages are written in the language the
caller asked for (Russian by default). Field paths use dots and list indexes
as in the case file: ``msec_findings.1.to``, ``parameters.minimum_wage``.

The parsers are written for speed as much as for clarity: a valid case is
parsed once, straight into integers (tyiyn, day ordinals, month indexes), and
an error path is only built when there is an error.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "MESSAGES",
    "Errors",
    "InvalidCase",
    "day_value",
    "message",
    "money_value",
    "month_value",
    "number_value",
]

LANGUAGES = ("ru", "ky", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "field.unknown": {
        "en": "Unknown field.",
        "ru": "Неизвестное поле.",
        "ky": "Белгисиз талаа.",
    },
    "date.too_late": {
        "en": "The calculation would need a date after 9999-12-31 from this date.",
        "ru": "Из этой даты расчёту понадобилась бы дата позже 9999-12-31.",
        "ky": "Бул күндөн эсептөөгө 9999-12-31ден кийинки күн керек болмок.",
    },
    "injury_date.required": {
        "en": "The day of the injury is required with temporary transfers or retraining: the former "
        "earnings are those of the two months before its month (LC-2004 art. 242; LC-2025 art. 36).",
        "ru": "При временном переводе или переобучении нужна дата увечья: прежний заработок — за два "
        "месяца до месяца увечья (ст. 242 ТК КР 2004 г.; ст. 36 ТК КР 2025 г.).",
        "ky": "Убактылуу которууда же кайра окутууда жаракат алган күн керек: мурунку эмгек акы — жаракат "
        "алган айдын алдындагы эки ай үчүн (2004-ж. ЭК 242-берене; 2025-ж. ЭК 36-берене).",
    },
    "earnings.no_month_before_reference": {
        "en": "No listed month is before the reference month: the months cannot be used. Correct the "
        "reference month or the months (LC-2004 art. 237; LC-2025 art. 216).",
        "ru": "Ни один указанный месяц не предшествует расчётному месяцу: месяцы не могут быть учтены. "
        "Исправьте расчётный месяц или месяцы (ст. 237 ТК КР 2004 г.; ст. 216 ТК КР 2025 г.).",
        "ky": "Көрсөтүлгөн айлардын бири да эсептик айдан мурун эмес: айлар эсепке алынбайт. Эсептик айды "
        "же айларды оңдоңуз (2004-ж. ЭК 237-берене; 2025-ж. ЭК 216-берене).",
    },
    "earnings.no_month_after_increase": {
        "en": "No listed month before the reference month is on or after the sustained rise in pay: "
        "correct the date of the rise (LC-2004 art. 238; LC-2025 art. 217).",
        "ru": "Ни один указанный месяц до расчётного месяца не приходится на период устойчивого "
        "повышения заработка или позже: исправьте дату повышения (ст. 238 ТК КР 2004 г.; ст. 217 ТК КР "
        "2025 г.).",
        "ky": "Эсептик айга чейинки көрсөтүлгөн айлардын бири да эмгек акынын туруктуу жогорулашынан "
        "кийин эмес: жогорулоо күнүн оңдоңуз (2004-ж. ЭК 238-берене; 2025-ж. ЭК 217-берене).",
    },
    "survivor.right_from_too_late": {
        "en": "More than five years after the death: no right arises then (LC-2004 art. 249; LC-2025 "
        "art. 221).",
        "ru": "Позже пяти лет после смерти: право в этом случае не возникает (ст. 249 ТК КР 2004 г.; "
        "ст. 221 ТК КР 2025 г.).",
        "ky": "Өлүмдөн беш жыл өткөндөн кийин: бул учурда укук пайда болбойт (2004-ж. ЭК 249-берене; "
        "2025-ж. ЭК 221-берене).",
    },
    "survivor.right_from_before_death": {
        "en": "Cannot be before the death.",
        "ru": "Не может быть раньше смерти.",
        "ky": "Өлүмгө чейин болушу мүмкүн эмес.",
    },
    "survivor.caring_until_required": {
        "en": "With no minor survivor, the end of the care is required (LC-2004 art. 249 item 3; LC-2025 "
        "art. 221).",
        "ru": "Если среди получателей нет несовершеннолетних, нужна дата окончания ухода (п. 3 ст. 249 ТК "
        "КР 2004 г.; ст. 221 ТК КР 2025 г.).",
        "ky": "Алуучулардын арасында жашы жете элек бала жок болсо, кароонун аяктаган күнү керек (2004-ж. "
        "ЭК 249-беренесинин 3-пункту; 2025-ж. ЭК 221-берене).",
    },
    "json.invalid": {
        "en": "The case is not readable JSON: {detail}.",
        "ru": "Дело не является корректным JSON: {detail}.",
        "ky": "Иш туура JSON эмес: {detail}.",
    },
    "required": {
        "en": "This field is required.",
        "ru": "Обязательное поле.",
        "ky": "Милдеттүү талаа.",
    },
    "type.object": {
        "en": "Must be an object.",
        "ru": "Должно быть объектом.",
        "ky": "Объект болушу керек.",
    },
    "type.list": {
        "en": "Must be a list.",
        "ru": "Должно быть списком.",
        "ky": "Тизме болушу керек.",
    },
    "type.string": {
        "en": "Must be a string.",
        "ru": "Должно быть строкой.",
        "ky": "Сап болушу керек.",
    },
    "type.bool": {
        "en": "Must be true or false.",
        "ru": "Должно быть true или false.",
        "ky": "true же false болушу керек.",
    },
    "type.integer": {
        "en": "Must be a whole number.",
        "ru": "Должно быть целым числом.",
        "ky": "Бүтүн сан болушу керек.",
    },
    "choice": {
        "en": "Must be one of: {choices}.",
        "ru": "Допустимые значения: {choices}.",
        "ky": "Уруксат берилген маанилер: {choices}.",
    },
    "date.format": {
        "en": "Must be a date written YYYY-MM-DD.",
        "ru": "Должно быть датой в формате ГГГГ-ММ-ДД.",
        "ky": "ЖЖЖЖ-АА-КК түрүндөгү күн болушу керек.",
    },
    "month.format": {
        "en": "Must be a month written YYYY-MM.",
        "ru": "Должно быть месяцем в формате ГГГГ-ММ.",
        "ky": "ЖЖЖЖ-АА түрүндөгү ай болушу керек.",
    },
    "money.not_string": {
        "en": 'Money must be a string with at most two decimals, such as "12500.00", not a JSON number.',
        "ru": "Денежная сумма должна быть строкой не более чем с двумя знаками после точки, например "
        '"12500.00", '
        "а не числом JSON.",
        "ky": "Акча суммасы JSON саны эмес, чекиттен кийин эки белгиден ашпаган сап болушу керек, мисалы "
        '"12500.00".',
    },
    "money.format": {
        "en": 'Must be an amount of som with at most two decimals, such as "12500.00".',
        "ru": 'Должно быть суммой в сомах не более чем с двумя знаками после точки, например "12500.00".',
        "ky": 'Чекиттен кийин эки белгиден ашпаган сом суммасы болушу керек, мисалы "12500.00".',
    },
    "money.negative": {
        "en": "Must not be negative.",
        "ru": "Не может быть отрицательным.",
        "ky": "Терс боло албайт.",
    },
    "number.format": {
        "en": "Must be a number or a decimal string.",
        "ru": "Должно быть числом или десятичной строкой.",
        "ky": "Сан же ондук сап болушу керек.",
    },
    "number.positive": {
        "en": "Must be greater than zero.",
        "ru": "Должно быть больше нуля.",
        "ky": "Нөлдөн чоң болушу керек.",
    },
    "number.not_negative": {
        "en": "Must not be negative.",
        "ru": "Не может быть отрицательным.",
        "ky": "Терс боло албайт.",
    },
    "number.range": {
        "en": "Must be between {low} and {high}.",
        "ru": "Должно быть от {low} до {high}.",
        "ky": "{low} менен {high} ортосунда болушу керек.",
    },
    "percent.loss": {
        "en": "The loss of professional capacity must be from 0 to 100 percent (Art. 232).",
        "ru": "Степень утраты профессиональной трудоспособности должна быть от 0 до 100 процентов (ст. 232).",
        "ky": "Кесиптик эмгекке жөндөмдүүлүктү жоготуу даражасы 0дөн 100 пайызга чейин болушу керек "
        "(232-берене).",
    },
    "percent.fault": {
        "en": "The victim's fault must be at least 0 and below 100 percent: full refusal of compensation is "
        "not allowed (Art. 230).",
        "ru": "Степень вины потерпевшего должна быть не меньше 0 и меньше 100 процентов: полный отказ в "
        "возмещении вреда не допускается (ст. 230).",
        "ky": "Жабыркаган адамдын күнөөсүнүн даражасы 0дөн кем эмес жана 100 пайыздан аз болушу керек: "
        "зыяндын ордун толтуруудан толук баш тартууга жол берилбейт (230-берене).",
    },
    "findings.end_before_start": {
        "en": "The finding ends ({to}) before it starts ({from}).",
        "ru": "Заключение заканчивается ({to}) раньше, чем начинается ({from}).",
        "ky": "Корутунду башталганга ({from}) чейин бүтөт ({to}).",
    },
    "findings.overlap": {
        "en": "Overlaps finding {other} ({other_from} .. {other_to}): findings must not overlap.",
        "ru": "Пересекается с заключением {other} ({other_from} .. {other_to}): заключения не должны "
        "пересекаться.",
        "ky": "{other}-корутунду ({other_from} .. {other_to}) менен кесилишет: корутундулар кесилишпеши "
        "керек.",
    },
    "death_date.required": {
        "en": "A death case needs the date of death.",
        "ru": "Для дела о смерти нужна дата смерти.",
        "ky": "Өлүм боюнча ишке өлгөн күнү керек.",
    },
    "claim.before_death": {
        "en": "The claim cannot come before the death ({death_date}).",
        "ru": "Заявление не может быть подано раньше смерти ({death_date}).",
        "ky": "Арыз өлүмгө ({death_date}) чейин берилиши мүмкүн эмес.",
    },
    "region.required": {
        "en": "The region is required to find the subsistence minimum (Art. 252).",
        "ru": "Регион нужен, чтобы определить прожиточный минимум (ст. 252).",
        "ky": "Жашоо минимумун аныктоо үчүн регион керек (252-берене).",
    },
    "survivor.grounds_required": {
        "en": "At least one ground of the right is required (Art. 249): {choices}.",
        "ru": "Нужно хотя бы одно основание права (ст. 249): {choices}.",
        "ky": "Укуктун жок дегенде бир негизи керек (249-берене): {choices}.",
    },
    "survivor.birth_required": {
        "en": "The birth date is required for the ground '{ground}'.",
        "ru": "Для основания '{ground}' нужна дата рождения.",
        "ky": "'{ground}' негизи үчүн туулган күнү керек.",
    },
    "survivor.sex_required": {
        "en": "The sex (male or female) is required for the ground 'pension_age'.",
        "ru": "Для основания 'pension_age' нужен пол (male или female).",
        "ky": "'pension_age' негизи үчүн жынысы (male же female) керек.",
    },
    "payment.recipient_unknown": {
        "en": "No such recipient in this case; one of: {choices}.",
        "ru": "В этом деле нет такого получателя; допустимо: {choices}.",
        "ky": "Бул иште мындай алуучу жок; мүмкүн болгондору: {choices}.",
    },
    "survivor.id_duplicate": {
        "en": "Another survivor has the same id.",
        "ru": "У другого получателя такой же id.",
        "ky": "Башка алуучунун id да ушундай.",
    },
    "survivor.pension_age_too_late": {
        "en": "Reaches the pension age of {age} only on {reached}, more than 5 years after the death: no "
        "right "
        "on this ground (Art. 249).",
        "ru": "Достигает пенсионного возраста {age} лет лишь {reached}, позже 5 лет после смерти: права по "
        "этому основанию нет (ст. 249).",
        "ky": "{age} жаштагы пенсиялык куракка {reached} гана жетет, өлүмдөн 5 жыл өткөндөн кийин: бул негиз "
        "боюнча укук жок (249-берене).",
    },
    "survivor.right_ended_before_death": {
        "en": "The right on these grounds ended on {end}, before the death: this person has no right "
        "(Art. 249).",
        "ru": "Право по этим основаниям прекратилось {end}, до смерти: у этого лица нет права (ст. 249).",
        "ky": "Бул негиздер боюнча укук {end} өлүмгө чейин токтогон: бул адамдын укугу жок (249-берене).",
    },
    "death.court_total_above_base": {
        "en": "Court-ordered maintenance totals {court_total}, more than the deceased's base of {month} "
        "({base}); the law gives no rule for that (Art. 250).",
        "ru": "Содержание по решениям суда в сумме {court_total} больше базы умершего за {month} ({base}); "
        "закон не определяет, как быть в этом случае (ст. 250).",
        "ky": "Сот чечимдери боюнча күтүү каражаты {court_total}, каза болгон адамдын {month} негизинен "
        "({base}) көп; мыйзам бул учурду жөнгө салбайт (250-берене).",
    },
    "earnings.month_duplicate": {
        "en": "The month {month} is listed twice.",
        "ru": "Месяц {month} указан дважды.",
        "ky": "{month} айы эки жолу көрсөтүлгөн.",
    },
    "earnings.reference_required": {
        "en": "The reference month (of the injury or of the loss of capacity) is required with months of "
        "earnings (Art. 237).",
        "ru": "При указании месяцев заработка нужен расчётный месяц (увечья или утраты трудоспособности) "
        "(ст. 237).",
        "ky": "Эмгек акы айлары көрсөтүлгөндө эсептик ай (жаракат алган же эмгекке жөндөмдүүлүгүн жоготкон "
        "ай) керек (237-берене).",
    },
    "parameters.no_row": {
        "en": "The table {table} has no row in force on {date} ({where}); give one in parameters.{table}.",
        "ru": "В таблице {table} нет строки, действующей на {date} ({where}); укажите её в "
        "parameters.{table}.",
        "ky": "{table} таблицасында {date} карата күчүндөгү сап жок ({where}); аны parameters.{table} ичинде "
        "көрсөтүңүз.",
    },
    "parameters.unknown": {
        "en": "The value of {table} in force on {date} (from {since}) is not known to the project; give the "
        "table in parameters.{table}.",
        "ru": "Значение {table}, действующее на {date} (с {since}), проекту неизвестно; укажите таблицу в "
        "parameters.{table}.",
        "ky": "{date} карата күчүндөгү {table} мааниси ({since} баштап) долбоорго белгисиз; таблицаны "
        "parameters.{table} ичинде көрсөтүңүз.",
    },
    "extension.transfer_too_long": {
        "en": "A temporary transfer lasts at most one year (Art. 242).",
        "ru": "Временный перевод длится не более одного года (ст. 242).",
        "ky": "Убактылуу которуу бир жылдан ашпайт (242-берене).",
    },
    "extension.submitted_before_incurred": {
        "en": "The documents cannot be brought before the expense was incurred.",
        "ru": "Документы не могут быть представлены раньше, чем понесён расход.",
        "ky": "Документтер чыгым болгонго чейин тапшырылышы мүмкүн эмес.",
    },
    "extension.birth_for_capitalisation": {
        "en": "The birth date is required to capitalise an open-ended right until the age of 70 (Art. 255).",
        "ru": "Для капитализации бессрочного права до 70 лет нужна дата рождения (ст. 255).",
        "ky": "Мөөнөтсүз укукту 70 жашка чейин капиталдаштыруу үчүн туулган күнү керек (255-берене).",
    },
    "extension.death_only": {
        "en": "Applies to a death case only.",
        "ru": "Применяется только в деле о смерти.",
        "ky": "Өлүм боюнча ишке гана колдонулат.",
    },
    "extension.injury_only": {
        "en": "Applies to an injury case only.",
        "ru": "Применяется только в деле о трудовом увечье.",
        "ky": "Эмгек жаракаты боюнча ишке гана колдонулат.",
    },
    "extension.needs_ame": {
        "en": "Needs the average monthly earnings: give earnings months or a partial month (Arts. 242, 243).",
        "ru": "Нужен среднемесячный заработок: укажите месяцы заработка или неполный месяц (ст. 242, 243).",
        "ky": "Орточо айлык эмгек акы керек: эмгек акы айларын же толук эмес айды көрсөтүңүз "
        "(242, 243-беренелер).",
    },
    "extension.victim_birth_required": {
        "en": "The victim's birth date is required to capitalise the victim's payments (Art. 255).",
        "ru": "Для капитализации платежей потерпевшему нужна его дата рождения (ст. 255).",
        "ky": "Жабыркаган адамга төлөмдөрдү капиталдаштыруу үчүн анын туулган күнү керек (255-берене).",
    },
}


def message(key: str, language: str, params: dict[str, Any]) -> str:
    """The message ``key`` in ``language`` (falls back to English), its placeholders filled."""
    texts = MESSAGES[key]
    return (texts.get(language) or texts["en"]).format(**params)


class InvalidCase(ValueError):
    """The case file is invalid; ``errors`` maps field paths to messages, ``document`` is the contract's
    error document ``{"errors": {...}}`` (exit 2 on the CLI, 422 over HTTP)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors

    @property
    def document(self) -> dict[str, dict[str, list[str]]]:
        return {"errors": self.errors}


def _path(parts: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in parts)


# --- fast value parsers: the value, or None when the raw value is not valid ----------------------
# A valid case goes through these only; the Errors methods below explain an invalid value.
# The caches hold strings seen before (dates and sums repeat a lot across a national run).

CACHE_LIMIT = 100_000
DAY_CACHE: dict[str, int] = {}
MONTH_CACHE: dict[str, int] = {}
MONEY_CACHE: dict[str, int] = {}


def day_value(raw: Any) -> int | None:
    """A date ``YYYY-MM-DD`` as a day ordinal, or None."""
    if type(raw) is not str:
        return None
    found = DAY_CACHE.get(raw)
    if found is not None:
        return found
    if len(raw) != 10 or raw[4] != "-" or raw[7] != "-" or not raw.isascii():
        return None
    try:
        found = date.fromisoformat(raw).toordinal()
    except ValueError:
        return None
    if len(DAY_CACHE) < CACHE_LIMIT:
        DAY_CACHE[raw] = found
    return found


def month_value(raw: Any) -> int | None:
    """A month ``YYYY-MM`` as a month index (``year * 12 + month - 1``), or None."""
    if type(raw) is not str:
        return None
    found = MONTH_CACHE.get(raw)
    if found is not None:
        return found
    if len(raw) != 7 or raw[4] != "-" or not raw.isascii():
        return None
    year, month = raw[:4], raw[5:]
    if not (year.isdigit() and month.isdigit()) or not 1 <= int(month) <= 12 or int(year) < 1:
        return None
    found = int(year) * 12 + int(month) - 1
    if len(MONTH_CACHE) < CACHE_LIMIT:
        MONTH_CACHE[raw] = found
    return found


def money_value(raw: Any) -> int | None:
    """Money as whole tyiyn: a string of som with at most two decimals ("12500.00", "12500.5", "12500")."""
    if type(raw) is not str:
        return None
    found = MONEY_CACHE.get(raw)
    if found is not None:
        return found
    whole, dot, cents = raw.partition(".")
    if not (whole.isdigit() and whole.isascii() and len(whole) <= 15):
        return None
    if dot:
        if not (cents.isdigit() and cents.isascii() and len(cents) <= 2):
            return None
        found = int(whole) * 100 + (int(cents) * 10 if len(cents) == 1 else int(cents))
    else:
        found = int(whole) * 100
    if len(MONEY_CACHE) < CACHE_LIMIT:
        MONEY_CACHE[raw] = found
    return found


def number_value(raw: Any) -> Decimal | None:
    """A number or a decimal string, exactly (a JSON float is read from its shortest decimal form)."""
    kind = type(raw)
    if kind is int:
        return Decimal(raw)
    if kind is str:
        text = raw.strip()
        if text and text.isascii() and text.lstrip("-").replace(".", "", 1).isdigit():
            try:
                return Decimal(text)
            except InvalidOperation:
                return None
        return None
    if kind is float:
        if raw == raw and raw not in (float("inf"), float("-inf")):
            return Decimal(repr(raw))
        return None
    if kind is Decimal and raw.is_finite():
        return raw
    return None


class Errors:
    """Collects every error of a case (not only the first), each under its field path."""

    __slots__ = ("by_path", "language")

    def __init__(self, language: str) -> None:
        self.language = language
        self.by_path: dict[str, list[str]] = {}

    def add(self, path: tuple[Any, ...] | str, key: str, **params: Any) -> None:
        where = path if isinstance(path, str) else _path(path)
        self.by_path.setdefault(where, []).append(message(key, self.language, params))

    def __bool__(self) -> bool:
        return bool(self.by_path)

    def raise_if_any(self) -> None:
        if self.by_path:
            raise InvalidCase(self.by_path)

    # --- field parsers: each returns the parsed value, or None after recording an error -----------

    def _refuse(self, raw: Any, path: tuple[Any, ...], required: bool, key: str) -> None:
        """Records why a field was not taken: ``required`` when nothing came (and it had to), else ``key``."""
        if raw is None:
            if required:
                self.add(path, "required")
        else:
            self.add(path, key)

    def obj(self, raw: Any, *path: Any, required: bool = True) -> dict[str, Any] | None:
        if type(raw) is dict:
            return raw
        self._refuse(raw, path, required, "type.object")
        return None

    def items(self, raw: Any, *path: Any) -> list[Any]:
        """A list (``None`` or absent = empty)."""
        if type(raw) is list:
            return raw
        if raw is None:
            return []
        self.add(path, "type.list")
        return []

    def flag(self, raw: Any, *path: Any) -> bool:
        """A boolean; absent or null = false."""
        if raw is True or raw is False:
            return raw
        if raw is None:
            return False
        self.add(path, "type.bool")
        return False

    def text(self, raw: Any, *path: Any, required: bool = True) -> str | None:
        if type(raw) is str and raw:
            return raw
        self._refuse(None if raw == "" else raw, path, required, "type.string")
        return None

    def choice(self, raw: Any, choices: tuple[str, ...], *path: Any, required: bool = True) -> str | None:
        if type(raw) is str and raw in choices:
            return raw
        if raw is None and not required:
            return None
        if raw is None:
            self.add(path, "required")
        else:
            self.add(path, "choice", choices=", ".join(choices))
        return None

    def day(self, raw: Any, *path: Any, required: bool = True) -> int | None:
        """A date ``YYYY-MM-DD`` as an ordinal."""
        value = day_value(raw)
        if value is not None:
            return value
        self._refuse(raw, path, required, "date.format")
        return None

    def month(self, raw: Any, *path: Any, required: bool = True) -> int | None:
        """A month ``YYYY-MM`` as a month index."""
        value = month_value(raw)
        if value is not None:
            return value
        self._refuse(raw, path, required, "month.format")
        return None

    def money(self, raw: Any, *path: Any, required: bool = True) -> int | None:
        """Money: a string of som with at most two decimals, as whole tyiyn. Floats are refused."""
        value = money_value(raw)
        if value is not None:
            return value
        if raw is None:
            if required:
                self.add(path, "required")
        elif type(raw) is str:
            negative = raw.startswith("-") and money_value(raw[1:]) is not None
            self.add(path, "money.negative" if negative else "money.format")
        elif isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            self.add(path, "money.not_string")
        else:
            self.add(path, "money.format")
        return None

    def number(self, raw: Any, *path: Any, required: bool = True) -> Decimal | None:
        """A number or decimal string, exactly (a JSON float is read from its shortest decimal form)."""
        value = number_value(raw)
        if value is not None:
            return value
        self._refuse(raw, path, required, "number.format")
        return None
