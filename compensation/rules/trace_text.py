"""The sentences of the trace in Russian (default), Kyrgyz and English, by message key.

The rules name a key and give its values (:class:`.trace.Step`); this table
writes them out. Placeholders are the step's ``inputs`` plus ``{result}``;
``{name_t}`` writes the code held in input ``name`` in words (table :data:`TERMS`),
and the result is written in words too when it is a code.
These strings are the engine's own and do not go through Flask-Babel, so the
library works without the web app. Every key must have all three languages
(tests/rules/test_trace_text.py checks it).
"""

from __future__ import annotations

__all__ = ["READING", "TERMS", "TEXT", "WARNINGS"]

#: Codes of the contract in words, for ``{name_t}`` placeholders and for results that are codes.
TERMS: dict[str, dict[str, str]] = {
    "lost_earnings": {"en": "lost earnings", "ru": "утраченный заработок", "ky": "жоготулган эмгек акы"},
    "care_special_medical": {
        "en": "special medical care",
        "ru": "специальный медицинский уход",
        "ky": "атайын медициналык кароо",
    },
    "care_household": {"en": "household care", "ru": "бытовой уход", "ky": "тиричилик кароо"},
    "one_off_injury": {
        "en": "one-off benefit on injury",
        "ru": "единовременное пособие при увечье",
        "ky": "жаракат үчүн бир жолку жөлөкпул",
    },
    "survivor": {"en": "survivor's share", "ru": "доля иждивенца", "ky": "багуудагы адамдын үлүшү"},
    "one_off_death": {
        "en": "one-off benefit on death",
        "ru": "единовременное пособие в связи со смертью",
        "ky": "өлүмгө байланыштуу бир жолку жөлөкпул",
    },
    "temporary_transfer": {
        "en": "pay on temporary transfer",
        "ru": "оплата при временном переводе",
        "ky": "убактылуу которууда эмгек акы",
    },
    "retraining": {
        "en": "pay during retraining",
        "ru": "выплата за время переобучения",
        "ky": "кайра окутуу мезгилиндеги төлөм",
    },
    "additional_expenses": {
        "en": "additional expenses",
        "ru": "дополнительные расходы",
        "ky": "кошумча чыгымдар",
    },
    "moral_damage": {"en": "moral damage", "ru": "моральный вред", "ky": "моралдык зыян"},
    "burial": {"en": "burial costs", "ru": "расходы на погребение", "ky": "сөөк коюу чыгымдары"},
    "periodic": {"en": "monthly sums", "ru": "ежемесячные суммы", "ky": "ай сайынкы суммалар"},
    "one_off": {"en": "one-off sums", "ru": "единовременные суммы", "ky": "бир жолку суммалар"},
    "minor": {"en": "under 18", "ru": "не достиг 18 лет", "ky": "18 жашка толо элек"},
    "student": {
        "en": "full-time student under 23",
        "ru": "учащийся очной формы до 23 лет",
        "ky": "23 жашка чейинки күндүзгү окуучу",
    },
    "disabled": {"en": "person with a disability", "ru": "лицо с инвалидностью", "ky": "майыптыгы бар адам"},
    "pension_age": {"en": "pension age", "ru": "пенсионный возраст", "ky": "пенсиялык курак"},
    "caregiver": {
        "en": "caring for the deceased's children",
        "ru": "занят уходом за детьми умершего",
        "ky": "каза болгон адамдын балдарын багууда",
    },
    "agreement": {
        "en": "agreement of the parties",
        "ru": "соглашением сторон",
        "ky": "тараптардын макулдашуусу",
    },
    "court": {"en": "a court", "ru": "судом", "ky": "сот"},
    "victim": {"en": "the victim", "ru": "потерпевшего", "ky": "жабыркаган адам"},
    "open-ended": {"en": "open-ended", "ru": "бессрочно", "ky": "мөөнөтсүз"},
    "right_ended": {
        "en": "the right ended early (arts. 251, 263)",
        "ru": "право прекратилось досрочно (ст. 251, 263)",
        "ky": "укук мөөнөтүнөн мурда токтогон (251, 263-беренелер)",
    },
    "caregiver_until_14": {
        "en": "caring until the youngest minor turns 14 (no end date given)",
        "ru": "уход до 14 лет младшего несовершеннолетнего (дата окончания не указана)",
        "ky": "эң кичүү баланын 14 жашына чейин кароо (аяктаган күнү көрсөтүлгөн эмес)",
    },
    "simple_70_min10": {
        "en": "monthly sum x months to age 70, at least 120 months, no discounting",
        "ru": "ежемесячная сумма x месяцы до 70 лет, не менее 120 месяцев, без дисконтирования",
        "ky": "айлык сумма x 70 жашка чейинки айлар, 120 айдан кем эмес, дисконтсуз",
    },
    "labour_code_2004": {
        "en": "the Labour Code of 2004",
        "ru": "ТК КР 2004 г.",
        "ky": "2004-ж. Эмгек кодекси",
    },
    "labour_code_2025": {
        "en": "the Labour Code of 2025",
        "ru": "ТК КР 2025 г.",
        "ky": "2025-ж. Эмгек кодекси",
    },
    "resolution_465": {
        "en": "Cabinet Resolution No. 465 of 4 Aug 2025",
        "ru": "постановление Кабинета Министров № 465 от 4.08.2025",
        "ky": "Министрлер Кабинетинин 2025-жылдын 4-августундагы № 465 токтому",
    },
    "liable": {"en": "liable", "ru": "несёт ответственность", "ky": "жооптуу"},
    # Regions of the subsistence minimum (contract v2 §1); "*" is the republic.
    "*": {"en": "the republic", "ru": "республика", "ky": "республика"},
    "bishkek": {"en": "Bishkek city", "ru": "г. Бишкек", "ky": "Бишкек шаары"},
    "osh_city": {"en": "Osh city", "ru": "г. Ош", "ky": "Ош шаары"},
    "batken": {"en": "Batken region", "ru": "Баткенская область", "ky": "Баткен облусу"},
    "chui": {"en": "Chui region", "ru": "Чуйская область", "ky": "Чүй облусу"},
    "issyk_kul": {"en": "Issyk-Kul region", "ru": "Иссык-Кульская область", "ky": "Ысык-Көл облусу"},
    "jalal_abad": {"en": "Jalal-Abad region", "ru": "Джалал-Абадская область", "ky": "Жалал-Абад облусу"},
    "naryn": {"en": "Naryn region", "ru": "Нарынская область", "ky": "Нарын облусу"},
    "osh": {"en": "Osh region", "ru": "Ошская область", "ky": "Ош облусу"},
    "talas": {"en": "Talas region", "ru": "Таласская область", "ky": "Талас облусу"},
    "not liable": {"en": "not liable", "ru": "не несёт ответственности", "ky": "жооптуу эмес"},
}

#: Appended to a step whose figure rests on a reading of the law (its input ``interpretation`` names
#: the source: contract v2 §5, regimes.md's [I] marks).
READING = {
    "en": "This is a reading of the law, not its letter (source: {interpretation}).",
    "ru": "Это толкование закона, а не его прямое указание (источник: {interpretation}).",
    "ky": "Бул мыйзамдын түз көрсөтмөсү эмес, чечмелөөсү (булагы: {interpretation}).",
}

#: Contract v2: the messages of the result's ``warnings`` (by key), in the same three languages.
WARNINGS: dict[str, dict[str, str]] = {
    "warning.one_time_benefit_gap": {
        "en": "No amount of the one-time benefit ({what_t}) was in force on {right_arose}, the day the right "
        "arose (LC-2025 art. 219 leaves it to the Cabinet of Ministers; no amount from {since}): the amount "
        "is left empty for a person to decide.",
        "ru": "На {right_arose}, день возникновения права, размер единовременного пособия ({what_t}) не был "
        "установлен (ст. 219 ТК КР 2025 г. оставляет его Кабинету Министров; размера нет с {since}): сумма "
        "оставлена пустой, решение принимает человек.",
        "ky": "Укук пайда болгон {right_arose} күнү бир жолку жөлөкпулдун ({what_t}) өлчөмү белгиленген эмес "
        "(2025-ж. ЭК 219-беренеси аны Министрлер Кабинетине калтырат; {since} баштап өлчөм жок): сумма бош "
        "калтырылды, чечимди адам кабыл алат.",
    },
    "warning.average_wage_unknown": {
        "en": "The republic's average monthly wage in force on {right_arose} is not known: the one-time "
        "benefit ({what_t}) is left empty; give the figure in parameters.average_monthly_wage.",
        "ru": "Средняя месячная заработная плата по республике на {right_arose} неизвестна: единовременное "
        "пособие ({what_t}) оставлено пустым; укажите её в parameters.average_monthly_wage.",
        "ky": "{right_arose} карата республика боюнча орточо айлык эмгек акы белгисиз: бир жолку жөлөкпул "
        "({what_t}) бош калтырылды; аны parameters.average_monthly_wage ичинде көрсөтүңүз.",
    },
}

TEXT: dict[str, dict[str, str]] = {
    # --- liability (Arts. 226-230) ---
    "liability.intent": {
        "en": "The harm was caused by the victim's intent: the employer is not liable (Art. 226).",
        "ru": "Вред возник вследствие умысла потерпевшего: работодатель не несёт ответственности (ст. 226).",
        "ky": "Зыян жабыркаган адамдын атайылап кылган аракетинен келип чыккан: жумуш берүүчү жооптуу эмес "
        "(226-берене).",
    },
    "liability.force_majeure": {
        "en": "Harm by a source of increased danger, but due to force majeure: the employer is not liable "
        "(Art. 226 part 1).",
        "ru": "Вред причинён источником повышенной опасности, но вследствие непреодолимой силы: работодатель "
        "не несёт ответственности (ч. 1 ст. 226).",
        "ky": "Зыян жогорку коркунуч булагынан, бирок жеңүүгө мүмкүн болбогон күчтөн келип чыккан: жумуш "
        "берүүчү жооптуу эмес (226-берененин 1-бөлүгү).",
    },
    "liability.danger": {
        "en": "Harm by a source of increased danger: the employer is liable in full (Art. 226 part 1).",
        "ru": "Вред причинён источником повышенной опасности: работодатель отвечает в полном объёме "
        "(ч. 1 ст. 226).",
        "ky": "Зыян жогорку коркунуч булагынан келтирилген: жумуш берүүчү толук көлөмдө жооптуу "
        "(226-берененин 1-бөлүгү).",
    },
    "liability.fault": {
        "en": "No source of increased danger; the employer is at fault (unsafe conditions): it is liable "
        "(Arts. 226 part 2, 227).",
        "ru": "Источника повышенной опасности нет; вина работодателя (необеспечение безопасных условий "
        "труда): он несёт ответственность (ч. 2 ст. 226, ст. 227).",
        "ky": "Жогорку коркунуч булагы жок; жумуш берүүчүнүн күнөөсү бар (коопсуз эмгек шарттары "
        "камсыз кылынган эмес): ал жооптуу (226-берененин 2-бөлүгү, 227-берене).",
    },
    "liability.no_fault": {
        "en": "No source of increased danger and no fault of the employer: the employer is not liable "
        "(Art. 226 part 2).",
        "ru": "Источника повышенной опасности нет и вины работодателя нет: работодатель не несёт "
        "ответственности (ч. 2 ст. 226).",
        "ky": "Жогорку коркунуч булагы жок жана жумуш берүүчүнүн күнөөсү жок: жумуш берүүчү жооптуу эмес "
        "(226-берененин 2-бөлүгү).",
    },
    "liability.third_party": {
        "en": "The harm came through a third party's fault: the employer compensates it and then has "
        "recourse against that party (LC-2004 art. 226 part 3; LC-2025 art. 210(5)).",
        "ru": "Вред причинён по вине третьего лица: работодатель возмещает его, а затем вправе предъявить "
        "регрессное требование к этому лицу (ч. 3 ст. 226 ТК КР 2004 г.; ч. 5 ст. 210 ТК КР 2025 г.).",
        "ky": "Зыян үчүнчү жактын күнөөсү менен келтирилген: жумуш берүүчү анын ордун толтурат, андан кийин "
        "ал жакка регресстик талап коё алат (2004-ж. ЭК 226-беренесинин 3-бөлүгү; 2025-ж. ЭК "
        "210-беренесинин 5-бөлүгү).",
    },
    "liability.aircraft": {
        "en": "Harm by an aircraft: the employer is liable unless the victim's intent, force majeure "
        "notwithstanding (Art. 229).",
        "ru": "Вред причинён воздушным судном: работодатель отвечает, если вред не возник вследствие умысла "
        "потерпевшего, даже при непреодолимой силе (ст. 229).",
        "ky": "Зыян аба кемеси менен келтирилген: жабыркаган адамдын атайылап кылган аракети болбосо, "
        "жеңүүгө мүмкүн болбогон күч болсо да жумуш берүүчү жооптуу (229-берене).",
    },
    # --- average monthly earnings and base (Arts. 234, 236-238) ---
    "ame.actual": {
        "en": "Average monthly earnings: the {count} most recent usable months before {reference_month} "
        "({months_used}; excluded: {months_excluded}; sustained rise from: "
        "{sustained_increase_from}) total {sum}; {sum} / {count} = {result} (Arts. 237, 238).",
        "ru": "Среднемесячный заработок: {count} последних учитываемых месяцев до {reference_month} "
        "({months_used}; исключены: {months_excluded}; устойчивое повышение с: "
        "{sustained_increase_from}) составили {sum}; {sum} / {count} = {result} (ст. 237, 238).",
        "ky": "Орточо айлык эмгек акы: {reference_month} чейинки эсепке алынуучу акыркы {count} ай "
        "({months_used}; чыгарылган: {months_excluded}; туруктуу "
        "жогорулоо: {sustained_increase_from}) жалпы {sum}; {sum} / {count} = {result} (237, 238-беренелер).",
    },
    "ame.partial_month": {
        "en": "Less than one month worked: conditional monthly earnings = {earned} / {days_worked} days "
        "worked "
        "x {average_working_days_per_month} working days a month on average = {result} (Art. 238 part 3).",
        "ru": "Проработано менее одного месяца: условный месячный заработок = {earned} / {days_worked} "
        "отработанных дней x {average_working_days_per_month} рабочих дней в месяце в среднем = {result} "
        "(ч. 3 ст. 238).",
        "ky": "Бир айдан аз иштелген: шарттуу айлык эмгек акы = {earned} / {days_worked} иштелген күн x "
        "айына орточо {average_working_days_per_month} иш күнү = {result} (238-берененин 3-бөлүгү).",
    },
    "ame.no_documents": {
        "en": "No documents of actual earnings can be obtained: compensation is computed from five minimum "
        "wages (Art. 238 part 4).",
        "ru": "Документы о фактическом заработке получить невозможно: возмещение исчисляется из пятикратной "
        "минимальной заработной платы (ч. 4 ст. 238).",
        "ky": "Иш жүзүндөгү эмгек акы тууралуу документтерди алуу мүмкүн эмес: ордун толтуруу беш эселенген "
        "минималдык эмгек акыдан эсептелет (238-берененин 4-бөлүгү).",
    },
    "ame.nothing_usable": {
        "en": "No usable month of earnings: compensation is computed from five minimum wages (Art. 238).",
        "ru": "Нет учитываемых месяцев заработка: возмещение исчисляется из пятикратной минимальной "
        "заработной платы (ст. 238).",
        "ky": "Эсепке алынуучу эмгек акы айлары жок: ордун толтуруу беш эселенген минималдык эмгек акыдан "
        "эсептелет (238-берене).",
    },
    "base": {
        "en": "Base {period}: the larger of AME {ame} x indexation {index} = {indexed} and 5 x minimum wage "
        "{minimum_wage[value]} (from {minimum_wage[from]}) = {floor}: {result} (Arts. 234, 238).",
        "ru": "База {period}: большее из СМЗ {ame} x индексация {index} = {indexed} и 5 x МЗП "
        "{minimum_wage[value]} (с {minimum_wage[from]}) = {floor}: {result} (ст. 234, 238).",
        "ky": "Негиз {period}: ОАЭА {ame} x индексация {index} = {indexed} жана 5 x МЭА "
        "{minimum_wage[value]} ({minimum_wage[from]} баштап) = {floor} ичинен чоңу: {result} "
        "(234, 238-беренелер).",
    },
    "base.floor_only": {
        "en": "Base {period}: 5 x minimum wage {minimum_wage[value]} (from {minimum_wage[from]}) = {result} "
        "(Art. 238).",
        "ru": "База {period}: 5 x МЗП {minimum_wage[value]} (с {minimum_wage[from]}) = {result} (ст. 238).",
        "ky": "Негиз {period}: 5 x МЭА {minimum_wage[value]} ({minimum_wage[from]} баштап) = {result} "
        "(238-берене).",
    },
    # --- schedule (Arts. 257, 260, 264) ---
    "schedule.periodic_due": {
        "en": "A month's installment is due on the later of the month's last day and the claim date "
        "{claim_date} + {decision_days} days = {result} (Arts. 257, 264).",
        "ru": "Ежемесячный платёж подлежит выплате в более поздний из дней: последний день месяца или дата "
        "заявления {claim_date} + {decision_days} дней = {result} (ст. 257, 264).",
        "ky": "Айлык төлөм эки күндүн кечирээгинде төлөнөт: айдын акыркы күнү же арыз берилген күн "
        "{claim_date} + {decision_days} күн = {result} (257, 264-беренелер).",
    },
    "schedule.limit": {
        "en": "The claim of {claim_date} came more than {years} years after the right arose on "
        "{right_arose}: "
        "days before {result} are not owed (Art. 260).",
        "ru": "Заявление от {claim_date} подано более чем через {years} года после возникновения права "
        "{right_arose}: дни до {result} не возмещаются (ст. 260).",
        "ky": "{claim_date} арызы укук пайда болгон {right_arose} күндөн {years} жылдан ашык убакыт өткөндөн "
        "кийин берилген: {result} чейинки күндөр үчүн төлөнбөйт (260-берене).",
    },
    # --- injury (Arts. 235, 244-245, 247, 265) ---
    "injury.recalculation_increase": {
        "en": "Finding {finding} raises the loss from {old_percent}% to {new_percent}%: brought on "
        "{applied_on}, it applies from {result}; until then {old_percent}% (Art. 265 item 1).",
        "ru": "Заключение {finding} повышает утрату с {old_percent}% до {new_percent}%: представлено "
        "{applied_on}, применяется с {result}; до того {old_percent}% (п. 1 ст. 265).",
        "ky": "{finding} корутундусу жоготууну {old_percent}% дан {new_percent}% га чейин жогорулатат: "
        "{applied_on} тапшырылган, {result} баштап колдонулат; ага чейин {old_percent}% "
        "(265-берененин 1-пункту).",
    },
    "injury.recalculation_decrease": {
        "en": "Finding {finding} lowers the loss from {old_percent}% to {new_percent}% from {from}: it "
        "applies "
        "from {result}; until then {old_percent}% (Art. 265 item 2).",
        "ru": "Заключение {finding} снижает утрату с {old_percent}% до {new_percent}% с {from}: "
        "применяется с "
        "{result}; до того {old_percent}% (п. 2 ст. 265).",
        "ky": "{finding} корутундусу {from} баштап жоготууну {old_percent}% дан {new_percent}% га чейин "
        "төмөндөтөт: {result} баштап колдонулат; ага чейин {old_percent}% (265-берененин 2-пункту).",
    },
    "injury.lost_earnings_month": {
        "en": "Lost earnings {period}: base {base} x {loss_percent}% loss x (100% - {fault_percent}% "
        "fault) = "
        "{result} a month (Arts. 235, 230).",
        "ru": "Утраченный заработок {period}: база {base} x {loss_percent}% утраты x (100% - "
        "{fault_percent}% вины) = {result} в месяц (ст. 235, 230).",
        "ky": "Жоготулган эмгек акы {period}: негиз {base} x {loss_percent}% жоготуу x (100% - "
        "{fault_percent}% күнөө) = айына {result} (235, 230-беренелер).",
    },
    "injury.lost_earnings_prorated": {
        "en": "Lost earnings {period}: base {base} x (days x loss%: {days}) / {days_in_month} days x "
        "(100% - {fault_percent}% fault) = {result} (Arts. 235, 230).",
        "ru": "Утраченный заработок {period}: база {base} x (дни x % утраты: {days}) / {days_in_month} дней "
        "x (100% - {fault_percent}% вины) = {result} (ст. 235, 230).",
        "ky": "Жоготулган эмгек акы {period}: негиз {base} x (күндөр x жоготуу %: {days}) / {days_in_month} "
        "күн x (100% - {fault_percent}% күнөө) = {result} (235, 230-беренелер).",
    },
    "injury.care": {
        "en": "Care ({kind_t}) {period}: {multiple} x minimum wage {minimum_wage[value]} (from "
        "{minimum_wage[from]}) x {days}/{days_in_month} days = {result}; not reduced for fault "
        "(Arts. 244, 245, 230).",
        "ru": "Уход ({kind_t}) {period}: {multiple} x МЗП {minimum_wage[value]} (с {minimum_wage[from]}) x "
        "{days}/{days_in_month} дней = {result}; вина потерпевшего не учитывается (ст. 244, 245, 230).",
        "ky": "Кароо ({kind_t}) {period}: {multiple} x МЭА {minimum_wage[value]} ({minimum_wage[from]} "
        "баштап) "
        "x {days}/{days_in_month} күн = {result}; күнөө эсепке алынбайт (244, 245, 230-беренелер).",
    },
    "injury.one_off": {
        "en": "One-off benefit, disability group {disability_group} (finding {finding}): {multiplier} "
        "(statute {statutory_multiplier}, collective agreement {agreement_multiplier}) x 12 x base of "
        "{base_month} {base} x (100% - {fault_percent}% fault) = {result}, due {due_date}, one month after "
        "the later of the claim {claim_date} and the finding brought {applied_on} (Arts. 247, 233, 230, "
        "264).",
        "ru": "Единовременное пособие, группа инвалидности {disability_group} (заключение {finding}): "
        "{multiplier} (по закону {statutory_multiplier}, по коллективному договору {agreement_multiplier}) "
        "x 12 x база {base_month} {base} x (100% - {fault_percent}% вины) = {result}, срок {due_date} — "
        "через "
        "месяц после более поздней из дат: заявление {claim_date}, представление заключения {applied_on} "
        "(ст. 247, 233, 230, 264).",
        "ky": "Бир жолку жөлөкпул, майыптык тобу {disability_group} ({finding} корутундусу): {multiplier} "
        "(мыйзам боюнча {statutory_multiplier}, жамааттык келишим боюнча {agreement_multiplier}) x 12 x "
        "{base_month} негизи {base} x (100% - {fault_percent}% күнөө) = {result}, мөөнөтү {due_date} — арыз "
        "{claim_date} жана корутунду тапшырылган {applied_on} күндөрүнүн кечирээгинен бир ай өткөндө "
        "(247, 233, 230, 264-беренелер).",
    },
    # --- death (Arts. 249-252) ---
    "death.shares": {
        "en": "From {from}, {dependants} dependant(s) whose right has begun are counted ({counted}); they "
        "share the deceased's earnings less court-ordered maintenance {court_maintenance_total} for "
        "{non_dependants} non-dependant(s), the deceased's own share counting too: each gets {result}. The "
        "shares change only when a child is born after the death, a carer's right begins or ends, or a "
        "dependant becomes unable to work within five years (Arts. 250, 251).",
        "ru": "С {from} учитываются {dependants} иждивенец(-цы), чьё право возникло ({counted}); они делят "
        "заработок умершего за вычетом взысканного судом содержания {court_maintenance_total} на "
        "{non_dependants} лиц(а), не состоявших на иждивении, с учётом доли самого умершего: каждому "
        "{result}. Доли пересчитываются только при рождении ребёнка после смерти, назначении или прекращении "
        "выплат лицу, занятому уходом, и назначении выплат иждивенцу, ставшему нетрудоспособным в течение "
        "пяти лет (ст. 250, 251).",
        "ky": "{from} баштап укугу пайда болгон {dependants} багуудагы адам эсепке алынат ({counted}); алар "
        "каза болгон адамдын эмгек акысын сот өндүргөн {non_dependants} адамдын күтүү каражаты "
        "{court_maintenance_total} чегерилгенден кийин, анын өз үлүшүн эсепке алуу менен бөлүшөт: ар "
        "бирине {result}. Үлүштөр өлүмдөн кийин бала төрөлгөндө, кароочунун төлөмү дайындалганда же "
        "токтогондо, беш жылдын ичинде эмгекке жарамсыз болуп калган багуудагы адамга төлөм дайындалганда "
        "гана кайра эсептелет (250, 251-беренелер).",
    },
    "death.recalculation": {
        "en": "Recalculation from {from}: {dependants} dependant(s) are now counted ({counted}); each share "
        "is {result} of the earnings left after court-ordered maintenance, for every dependant from that "
        "day, prorated by days (Art. 251).",
        "ru": "Перерасчёт с {from}: теперь учитываются {dependants} иждивенец(-цы) ({counted}); доля каждого "
        "— {result} заработка за вычетом содержания по решению суда, для всех иждивенцев с этого дня, "
        "пропорционально дням (ст. 251).",
        "ky": "{from} баштап кайра эсептөө: эми {dependants} багуудагы адам эсепке алынат ({counted}); ар "
        "биринин үлүшү — соттун чечими боюнча күтүү каражаты чегерилген эмгек акынын {result}, ушул "
        "күндөн тартып бардык багуудагы адамдарга, күндөргө жараша (251-берене).",
    },
    "death.right": {
        "en": "Survivor {survivor} ({grounds_t}): a right from {from} to {result} ({ends_by_t}) "
        "(Arts. 249, 260).",
        "ru": "Лицо {survivor} ({grounds_t}): право с {from} по {result} ({ends_by_t}) (ст. 249, 260).",
        "ky": "{survivor} ({grounds_t}): укугу {from} баштап {result} чейин ({ends_by_t}) (249, "
        "260-беренелер).",
    },
    "death.right_open": {
        "en": "Survivor {survivor} ({grounds_t}): a right from {from}, without a time limit ({ends_by_t}) "
        "(Arts. 249, 260).",
        "ru": "Лицо {survivor} ({grounds_t}): право с {from}, бессрочно ({ends_by_t}) (ст. 249, 260).",
        "ky": "{survivor} ({grounds_t}): укугу {from} баштап, мөөнөтсүз ({ends_by_t}) (249, 260-беренелер).",
    },
    "death.survivor_recalculated": {
        "en": "Survivor {survivor} {period}: (base {base} - court maintenance {court_maintenance_total}) x "
        "(days x share: {parts}) / {days_in_month} days = {result}: the shares were recalculated this month "
        "(Arts. 250, 251).",
        "ru": "{survivor} {period}: (база {base} - содержание по решению суда {court_maintenance_total}) x "
        "(дни x доля: {parts}) / {days_in_month} дней = {result}: в этом месяце доли пересчитаны "
        "(ст. 250, 251).",
        "ky": "{survivor} {period}: (негиз {base} - сот чечими боюнча күтүү каражаты "
        "{court_maintenance_total}) x (күндөр x үлүш: {parts}) / {days_in_month} күн = {result}: бул айда "
        "үлүштөр кайра эсептелген (250, 251-беренелер).",
    },
    "death.survivor_month": {
        "en": "Survivor {survivor} {period}: (base {base} - court maintenance {court_maintenance_total}) / "
        "{shares} shares = {result} a month (Arts. 250, 251).",
        "ru": "{survivor} {period}: (база {base} - содержание по решению суда {court_maintenance_total}) / "
        "{shares} долей = {result} в месяц (ст. 250, 251).",
        "ky": "{survivor} {period}: (негиз {base} - сот чечими боюнча күтүү каражаты "
        "{court_maintenance_total}) / {shares} үлүш = айына {result} (250, 251-беренелер).",
    },
    "death.survivor_prorated": {
        "en": "Survivor {survivor} {period}: (base {base} - court maintenance {court_maintenance_total}) / "
        "{shares} shares x {days}/{days_in_month} days = {result} (Arts. 250, 251, 260).",
        "ru": "{survivor} {period}: (база {base} - содержание по решению суда {court_maintenance_total}) / "
        "{shares} долей x {days}/{days_in_month} дней = {result} (ст. 250, 251, 260).",
        "ky": "{survivor} {period}: (негиз {base} - сот чечими боюнча күтүү каражаты "
        "{court_maintenance_total}) / {shares} үлүш x {days}/{days_in_month} күн = {result} "
        "(250, 251, 260-беренелер).",
    },
    "death.court_maintenance": {
        "en": "Survivor {survivor} {period}: maintenance set by a court, {court_maintenance} a month = "
        "{result} "
        "(Art. 250 part 3).",
        "ru": "{survivor} {period}: содержание, назначенное судом, {court_maintenance} в месяц = {result} "
        "(ч. 3 ст. 250).",
        "ky": "{survivor} {period}: сот белгилеген күтүү каражаты, айына {court_maintenance} = {result} "
        "(250-берененин 3-бөлүгү).",
    },
    "death.court_maintenance_prorated": {
        "en": "Survivor {survivor} {period}: maintenance set by a court {court_maintenance} x "
        "{days}/{days_in_month} days = {result} (Art. 250 part 3).",
        "ru": "{survivor} {period}: содержание, назначенное судом, {court_maintenance} x "
        "{days}/{days_in_month} "
        "дней = {result} (ч. 3 ст. 250).",
        "ky": "{survivor} {period}: сот белгилеген күтүү каражаты {court_maintenance} x "
        "{days}/{days_in_month} күн = {result} (250-берененин 3-бөлүгү).",
    },
    "death.one_off": {
        "en": "One-off death benefit: the larger of 20 x 12 x base of {base_month} {base} = {by_earnings} "
        "and "
        "4 x 12 x subsistence minimum {subsistence_minimum[value]} ({region_t}, from "
        "{subsistence_minimum[from]}) = {by_minimum}; {total} split among the {survivors} person(s) whose "
        "right has begun by the due date ({sharing}): {result} each, due {due_date}, one month after the "
        "claim {claim_date} (Arts. 252, 264).",
        "ru": "Единовременное пособие в связи со смертью: большее из 20 x 12 x база {base_month} {base} = "
        "{by_earnings} и 4 x 12 x прожиточный минимум {subsistence_minimum[value]} ({region_t}, с "
        "{subsistence_minimum[from]}) = {by_minimum}; {total} делится на {survivors} лиц(о), чьё право "
        "возникло к сроку выплаты ({sharing}): по {result}, срок {due_date} — через месяц после заявления "
        "{claim_date} (ст. 252, 264).",
        "ky": "Каза болгондугуна байланыштуу бир жолку жөлөкпул: 20 x 12 x {base_month} негизи {base} = "
        "{by_earnings} жана 4 x 12 x жашоо минимуму {subsistence_minimum[value]} ({region_t}, "
        "{subsistence_minimum[from]} баштап) = {by_minimum} ичинен чоңу; {total} төлөө мөөнөтүнө чейин укугу "
        "пайда болгон {survivors} адамга ({sharing}) бөлүнөт: ар бирине {result}, мөөнөтү "
        "{due_date} — арыз {claim_date} берилгенден бир ай өткөндө "
        "(252, 264-беренелер).",
    },
    # --- the one-time benefit under the 2025 Code (LC-2025 art. 219, Resolution No. 465) ---
    "one_time.gap": {
        "en": "The right to the one-time benefit arose on {right_arose}, under the 2025 Labour Code, which "
        "leaves its amount to the Cabinet of Ministers; no amount was in force that day: no figure is "
        "computed, a person must decide (see the warnings).",
        "ru": "Право на единовременное пособие возникло {right_arose}, по ТК КР 2025 г., который оставляет "
        "его размер Кабинету Министров; в этот день размер не был установлен: сумма не исчисляется, решение "
        "принимает человек (см. предупреждения).",
        "ky": "Бир жолку жөлөкпулга укук {right_arose} пайда болгон, 2025-ж. Эмгек кодекси боюнча, ал анын "
        "өлчөмүн Министрлер Кабинетине калтырат; ошол күнү өлчөм белгиленген эмес: сумма эсептелбейт, "
        "чечимди адам кабыл алат (эскертүүлөрдү караңыз).",
    },
    "one_time.no_wage": {
        "en": "The right to the one-time benefit arose on {right_arose}; the republic's average monthly wage "
        "in force that day is not known: no figure is computed (see the warnings).",
        "ru": "Право на единовременное пособие возникло {right_arose}; средняя месячная заработная плата по "
        "республике, действовавшая в этот день, неизвестна: сумма не исчисляется (см. предупреждения).",
        "ky": "Бир жолку жөлөкпулга укук {right_arose} пайда болгон; ошол күнү күчүндө болгон республика "
        "боюнча орточо айлык эмгек акы белгисиз: сумма эсептелбейт (эскертүүлөрдү караңыз).",
    },
    "one_time.injury": {
        "en": "One-time benefit, disability group {disability_group} (finding {finding}, right arose "
        "{right_arose}; {rule_name_t}): the larger of the Cabinet's multiple {cabinet_multiple} and the "
        "collective agreement's {agreement_multiple}, x 12 x the republic's average monthly wage "
        "{average_monthly_wage[value]} ({average_monthly_wage[period]}, published "
        "{average_monthly_wage[from]}) "
        "= {result}, due {due_date}, one month after the later of the claim {claim_date} and the right "
        "(Art. 219).",
        "ru": "Единовременное пособие, группа инвалидности {disability_group} (заключение {finding}, право "
        "возникло {right_arose}; {rule_name_t}): большее из кратности Кабинета Министров {cabinet_multiple} "
        "и кратности коллективного договора {agreement_multiple}, x 12 x средняя месячная заработная плата "
        "по республике {average_monthly_wage[value]} ({average_monthly_wage[period]}, опубликована "
        "{average_monthly_wage[from]}) = {result}, срок {due_date} — через месяц после более поздней из дат: "
        "заявление {claim_date} или возникновение права (ст. 219).",
        "ky": "Бир жолку жөлөкпул, майыптык тобу {disability_group} ({finding} корутундусу, укук "
        "{right_arose} "
        "пайда болгон; {rule_name_t}): Министрлер Кабинетинин эселиги {cabinet_multiple} жана жамааттык "
        "келишимдин эселиги {agreement_multiple} ичинен чоңу, x 12 x республика боюнча орточо айлык эмгек "
        "акы {average_monthly_wage[value]} ({average_monthly_wage[period]}, {average_monthly_wage[from]} "
        "жарыяланган) = {result}, мөөнөтү {due_date} — арыз {claim_date} жана укук пайда болгон күндүн "
        "кечирээгинен бир ай өткөндө (219-берене).",
    },
    "one_time.injury_budget": {
        "en": "One-time benefit, disability group {disability_group} (finding {finding}, right arose "
        "{right_arose}; {rule_name_t}), an employer of the budget sector: the fixed sum {fixed_sum}, raised "
        "only by a collective agreement's multiple {agreement_multiple} x 12 x the average monthly wage = "
        "{result}, due {due_date} (Art. 219).",
        "ru": "Единовременное пособие, группа инвалидности {disability_group} (заключение {finding}, право "
        "возникло {right_arose}; {rule_name_t}), работодатель бюджетной сферы: фиксированная сумма "
        "{fixed_sum}; её может только увеличить кратность коллективного договора {agreement_multiple} x 12 x "
        "средняя месячная заработная плата = {result}, срок {due_date} (ст. 219).",
        "ky": "Бир жолку жөлөкпул, майыптык тобу {disability_group} ({finding} корутундусу, укук "
        "{right_arose} "
        "пайда болгон; {rule_name_t}), бюджеттик чөйрөнүн жумуш берүүчүсү: белгиленген сумма {fixed_sum}; "
        "аны жамааттык келишимдин эселиги {agreement_multiple} x 12 x орточо айлык эмгек акы гана көбөйтө "
        "алат = {result}, мөөнөтү {due_date} (219-берене).",
    },
    "one_time.death": {
        "en": "One-time benefit on the death of {death_date} ({rule_name_t}): {multiple} x 12 x the "
        "republic's average monthly wage {average_monthly_wage[value]} ({average_monthly_wage[period]}, "
        "published {average_monthly_wage[from]}) = {total}, split among the {dependants} dependant(s) whose "
        "right has begun by the due date ({sharing}): {result} each, due {due_date}; not reduced for the "
        "deceased's fault (Art. 219).",
        "ru": "Единовременное пособие в связи со смертью {death_date} ({rule_name_t}): {multiple} x 12 x "
        "средняя месячная заработная плата по республике {average_monthly_wage[value]} "
        "({average_monthly_wage[period]}, опубликована {average_monthly_wage[from]}) = {total}, делится на "
        "{dependants} иждивенца(-цев), чьё право возникло к сроку выплаты ({sharing}): по {result}, срок "
        "{due_date}; вина погибшего не учитывается (ст. 219).",
        "ky": "{death_date} өлүмгө байланыштуу бир жолку жөлөкпул ({rule_name_t}): {multiple} x 12 x "
        "республика боюнча орточо айлык эмгек акы {average_monthly_wage[value]} "
        "({average_monthly_wage[period]}, {average_monthly_wage[from]} жарыяланган) = {total}, төлөө "
        "мөөнөтүнө чейин укугу пайда болгон {dependants} багуудагы адамга ({sharing}) бөлүнөт: ар бирине "
        "{result}, мөөнөтү {due_date}; каза болгон адамдын күнөөсү эсепке алынбайт (219-берене).",
    },
    "one_time.death_budget": {
        "en": "One-time benefit on the death of {death_date} ({rule_name_t}), an employer of the budget "
        "sector: the fixed sum {total}, split among the {dependants} dependant(s) whose right has begun by "
        "the due date ({sharing}): {result} each, due {due_date} (Art. 219).",
        "ru": "Единовременное пособие в связи со смертью {death_date} ({rule_name_t}), работодатель "
        "бюджетной сферы: фиксированная сумма {total} делится на {dependants} иждивенца(-цев), чьё право "
        "возникло к сроку выплаты ({sharing}): по {result}, срок {due_date} (ст. 219).",
        "ky": "{death_date} өлүмгө байланыштуу бир жолку жөлөкпул ({rule_name_t}), бюджеттик чөйрөнүн "
        "жумуш берүүчүсү: белгиленген сумма {total} төлөө мөөнөтүнө чейин укугу пайда болгон {dependants} "
        "багуудагы адамга ({sharing}) бөлүнөт: ар бирине {result}, мөөнөтү {due_date} (219-берене).",
    },
    "death.one_off_republic_minimum": {},
    "schedule.limit_lifted": {
        "en": "The claim of {claim_date} came late through the employer's fault: the 3-year limit does not "
        "apply, everything since the right arose is owed (Art. 269 part 3).",
        "ru": "Заявление от {claim_date} подано с опозданием по вине работодателя: трёхлетнее ограничение не "
        "применяется, возмещается всё время с возникновения права (ч. 3 ст. 269).",
        "ky": "{claim_date} арызы жумуш берүүчүнүн күнөөсү менен кечиктирилип берилген: үч жылдык чектөө "
        "колдонулбайт, укук пайда болгондон бери бардык убакыт үчүн төлөнөт (269-берененин 3-бөлүгү).",
    },
    # --- payments and penalties (Art. 269) ---
    "payment.applied": {
        "en": "{count} payment(s) applied in date order, each to the oldest outstanding sums of its kind "
        "(monthly or one-off): {result} applied, {left_over} left over; {late_parts} part(s) were paid after "
        "their due date and carry a penalty for the days late (Art. 269).",
        "ru": "{count} платеж(а/ей) зачтены в порядке дат, каждый — в самые ранние непогашенные суммы своего "
        "вида (ежемесячные или единовременные): зачтено {result}, осталось {left_over}; {late_parts} "
        "част(и/ей) выплачены после срока, и на них начисляется пеня за дни просрочки (ст. 269).",
        "ky": "{count} төлөм күн тартиби менен өз түрүндөгү (ай сайынкы же бир жолку) эң эрте төлөнбөгөн "
        "суммаларга эсептелди: эсептелгени {result}, калганы {left_over}; {late_parts} бөлүгү мөөнөтүнөн "
        "кийин төлөнгөн жана кечиктирилген күндөр үчүн туум эсептелет (269-берене).",
    },
    "payment.after_calculation_date": {
        "en": "Payment {payment} of {amount} on {date} is after the calculation date and is not counted.",
        "ru": "Платёж {payment} на {amount} от {date} позже даты расчёта и не учитывается.",
        "ky": "{payment}-төлөм {amount}, {date} эсептөө күнүнөн кийин болгондуктан эсепке алынбайт.",
    },
    "penalty.rule": {
        "en": "Penalty: {result} of the unpaid sum per day late (the rate from {rate[from]}, "
        "that day on), for each part paid late and for what is outstanding on {calculation_date}; "
        "rounded per installment "
        "(Art. 269).",
        "ru": "Пеня: {result} от невыплаченной суммы за каждый день просрочки (ставка с "
        "{rate[from]}) — на каждую часть, выплаченную с опозданием, и на остаток на {calculation_date}; "
        "округляется по каждому платежу (ст. 269).",
        "ky": "Туум: төлөнбөгөн сумманын {result} ар бир кечиктирилген күн үчүн (чен "
        "{rate[from]} баштап) — кечиктирилип төлөнгөн ар бир бөлүгүнө жана {calculation_date} карата калган "
        "карызга; ар бир төлөм боюнча тегеректелет (269-берене).",
    },
    # --- optional sections (docs/compensation.md) ---
    "extras.temporary_transfer": {
        "en": "Temporary transfer {transfer} ({from} .. {to}): former earnings {former_earnings} (months "
        "{former_months}) less the pay of the lighter work {monthly_pay} = {result} a month, prorated by "
        "days, "
        "not reduced for fault (Arts. 242, 230).",
        "ru": "Временный перевод {transfer} ({from} .. {to}): прежний заработок {former_earnings} (месяцы "
        "{former_months}) за вычетом оплаты более лёгкой работы {monthly_pay} = {result} в месяц, "
        "пропорционально дням, без учёта вины (ст. 242, 230).",
        "ky": "Убактылуу которуу {transfer} ({from} .. {to}): мурунку эмгек акы {former_earnings} (айлар "
        "{former_months}) минус жеңилирээк иштин акысы {monthly_pay} = айына {result}, күндөргө жараша, "
        "күнөө эсепке алынбайт (242, 230-беренелер).",
    },
    "extras.retraining": {
        "en": "Retraining {retraining} ({from} .. {to}): the former earnings {former_earnings} (months "
        "{former_months}) a month, prorated by days, besides lost earnings (Arts. 243, 242).",
        "ru": "Обучение новой профессии {retraining} ({from} .. {to}): прежний заработок {former_earnings} "
        "(месяцы {former_months}) в месяц, пропорционально дням, сверх возмещения утраченного заработка "
        "(ст. 243, 242).",
        "ky": "Жаңы кесипке окутуу {retraining} ({from} .. {to}): мурунку эмгек акы {former_earnings} (айлар "
        "{former_months}) айына, күндөргө жараша, жоготулган эмгек акыдан тышкары (243, 242-беренелер).",
    },
    "extras.additional_expenses": {
        "en": "Additional expenses of {period} reimbursed on receipts: {result}, due {due_date}, one month "
        "after "
        "the documents brought on {submitted_on} (Arts. 244, 245, 264).",
        "ru": "Дополнительные расходы за {period} по счетам и чекам: {result}, срок {due_date} — через месяц "
        "после представления документов {submitted_on} (ст. 244, 245, 264).",
        "ky": "{period} кошумча чыгымдары эсептер жана чектер боюнча: {result}, мөөнөтү {due_date} — "
        "документтер "
        "{submitted_on} тапшырылгандан бир ай өткөндө (244, 245, 264-беренелер).",
    },
    "extras.agreed_sum": {
        "en": "{kind_t} for {recipient_t}, set by {basis_t}: {result}, due {due_date}; not reduced for "
        "fault.",
        "ru": "{kind_t} для {recipient_t}, определено {basis_t}: {result}, срок {due_date}; вина не "
        "учитывается.",
        "ky": "{recipient_t} үчүн {kind_t}, {basis_t} менен аныкталган: {result}, мөөнөтү {due_date}; "
        "күнөө эсепке "
        "алынбайт.",
    },
    "capitalisation.seventy": {
        "en": "Capitalisation for {recipient_t} ({method_t}): {monthly} a month x {months} months (to age "
        "{age_limit}, reached {until}, but at least {minimum_months} months; no discounting) = {result} "
        "(Art. 255).",
        "ru": "Капитализация для {recipient_t} ({method_t}): {monthly} в месяц x {months} мес. (до "
        "{age_limit} "
        "лет, т. е. до {until}, но не менее {minimum_months} мес.; без дисконтирования) = {result} (ст. "
        "255).",
        "ky": "{recipient_t} үчүн капиталдаштыруу ({method_t}): айына {monthly} x {months} ай ({age_limit} "
        "жашка чейин, б. а. {until} чейин, бирок {minimum_months} айдан кем эмес; дисконтсуз) = {result} "
        "(255-берене).",
    },
    "capitalisation.minimum": {
        "en": "Capitalisation for {recipient_t} ({method_t}): {monthly} a month x the minimum of {months} "
        "months "
        "(age {age_limit} comes sooner); no discounting = {result} (Art. 255).",
        "ru": "Капитализация для {recipient_t} ({method_t}): {monthly} в месяц x минимум {months} мес. "
        "({age_limit} лет наступает раньше); без дисконтирования = {result} (ст. 255).",
        "ky": "{recipient_t} үчүн капиталдаштыруу ({method_t}): айына {monthly} x минималдуу {months} ай "
        "({age_limit} жаш эртерээк келет); дисконтсуз = {result} (255-берене).",
    },
    "capitalisation.right_ends": {
        "en": "Capitalisation for {recipient_t} ({method_t}): {monthly} a month x {months} months until the "
        "right ends on {until}; no discounting = {result} (Art. 255).",
        "ru": "Капитализация для {recipient_t} ({method_t}): {monthly} в месяц x {months} мес. до окончания "
        "права {until}; без дисконтирования = {result} (ст. 255).",
        "ky": "{recipient_t} үчүн капиталдаштыруу ({method_t}): айына {monthly} x {months} ай, укук {until} "
        "аяктаганга чейин; дисконтсуз = {result} (255-берене).",
    },
    "care_home.split": {
        "en": "In a care home from {from} to {to_t}: {dependants} dependant(s) get {result} of the monthly "
        "sums, "
        "the rest goes to the home, which pays the person at least {person_minimum} (cost of upkeep "
        "{monthly_cost}) (Art. 266).",
        "ru": "В доме-интернате с {from} по {to_t}: {dependants} иждивенец(-цам) — {result} ежемесячных "
        "сумм, "
        "остальное — дому-интернату, который выплачивает лицу не менее {person_minimum} (стоимость "
        "содержания "
        "{monthly_cost}) (ст. 266).",
        "ky": "{from} баштап {to_t} чейин интернат-үйдө: {dependants} багуудагы адамга ай сайынкы "
        "суммалардын "
        "{result}, калганы интернат-үйгө, ал адамга {person_minimum} кем эмес төлөйт (күтүү наркы "
        "{monthly_cost}) (266-берене).",
    },
}


#: Contract v2 / issue 16: what the victim's fault reduces, said once, by case type.
_FAULT_CLAUSE = {
    "+fault": {
        "en": "; the victim's gross negligence of {victim_gross_negligence_percent}% reduces only lost "
        "earnings and the one-off benefit of the injury",
        "ru": "; грубая неосторожность потерпевшего {victim_gross_negligence_percent}% уменьшает только "
        "возмещение утраченного заработка и единовременное пособие по увечью",
        "ky": "; жабыркаган адамдын {victim_gross_negligence_percent}% одоно этиятсыздыгы жоготулган эмгек "
        "акынын ордун толтурууну жана жаракат боюнча бир жолку жөлөкпулду гана азайтат",
    },
    "+fault_death": {
        "en": "; the deceased's gross negligence of {victim_gross_negligence_percent}% reduces nothing in a "
        "death case",
        "ru": "; грубая неосторожность погибшего {victim_gross_negligence_percent}% в деле о смерти "
        "ничего не "
        "уменьшает",
        "ky": "; каза болгон адамдын {victim_gross_negligence_percent}% одоно этиятсыздыгы өлүм боюнча иште "
        "эч нерсени азайтпайт",
    },
}


def _with_fault(key: str, suffix: str) -> dict[str, str]:
    """A liability sentence followed by what the fault reduces (the citation is the step's own)."""
    out = {}
    for language, text in TEXT[key].items():
        body = text.rstrip()
        if body.endswith(")."):
            body = body[: body.rindex("(")].rstrip()
        else:
            body = body.rstrip(".")
        out[language] = body + _FAULT_CLAUSE[suffix][language] + " (Art.)."
    return out


for _key in ("liability.danger", "liability.fault", "liability.third_party", "liability.aircraft"):
    for _suffix in _FAULT_CLAUSE:
        TEXT[_key + _suffix] = _with_fault(_key, _suffix)

TEXT["death.one_off_republic_minimum"] = {
    language: text[: text.rindex("(")].rstrip()
    + {
        "en": " The region has no subsistence minimum of its own in force: the republic's figure stands in.",
        "ru": " Для региона нет своего действующего прожиточного минимума: применён республиканский.",
        "ky": " Регион үчүн өзүнүн күчүндөгү жашоо минимуму жок: республикалык көрсөткүч колдонулду.",
    }[language]
    + " (Art.)."
    for language, text in TEXT["death.one_off"].items()
}
for _key in ("one_time.injury", "one_time.injury_budget"):
    TEXT[_key + "+fault"] = {
        language: text[: text.rindex("(")].rstrip()
        + {
            "en": " Reduced for the victim's gross negligence of {fault_percent}% (from {before_fault}).",
            "ru": " Уменьшено на грубую неосторожность потерпевшего {fault_percent}% (из {before_fault}).",
            "ky": " Жабыркаган адамдын {fault_percent}% одоно этиятсыздыгына азайтылды "
            "({before_fault} ичинен).",
        }[language]
        + " (Art.)."
        for language, text in TEXT[_key].items()
    }
