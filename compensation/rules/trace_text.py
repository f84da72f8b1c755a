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

__all__ = ["TERMS", "TEXT"]

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
    "liable": {"en": "liable", "ru": "несёт ответственность", "ky": "жооптуу"},
    "not liable": {"en": "not liable", "ru": "не несёт ответственности", "ky": "жооптуу эмес"},
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
    "liability.danger+230": {
        "en": "Harm by a source of increased danger: the employer is liable (Art. 226 part 1); the victim's "
        "gross negligence of {victim_gross_negligence_percent}% reduces lost earnings and the one-off "
        "benefit (Art. 230).",
        "ru": "Вред причинён источником повышенной опасности: работодатель несёт ответственность "
        "(ч. 1 ст. 226); грубая неосторожность потерпевшего {victim_gross_negligence_percent}% уменьшает "
        "возмещение утраченного заработка и единовременное пособие (ст. 230).",
        "ky": "Зыян жогорку коркунуч булагынан келтирилген: жумуш берүүчү жооптуу (226-берененин 1-бөлүгү); "
        "жабыркаган адамдын {victim_gross_negligence_percent}% одоно этиятсыздыгы жоготулган эмгек акынын "
        "ордун толтурууну жана бир жолку жөлөкпулду азайтат (230-берене).",
    },
    "liability.fault": {
        "en": "No source of increased danger; the employer is at fault (unsafe conditions): it is liable "
        "(Arts. 226 part 2, 227).",
        "ru": "Источника повышенной опасности нет; вина работодателя (необеспечение безопасных условий "
        "труда): он несёт ответственность (ч. 2 ст. 226, ст. 227).",
        "ky": "Жогорку коркунуч булагы жок; жумуш берүүчүнүн күнөөсү бар (коопсуз эмгек шарттары "
        "камсыз кылынган эмес): ал жооптуу (226-берененин 2-бөлүгү, 227-берене).",
    },
    "liability.fault+230": {
        "en": "No source of increased danger; the employer is at fault: it is liable (Arts. 226 part 2, "
        "227); "
        "the victim's gross negligence of {victim_gross_negligence_percent}% reduces lost earnings and the "
        "one-off benefit (Art. 230).",
        "ru": "Источника повышенной опасности нет; вина работодателя: он несёт ответственность (ч. 2 ст. "
        "226, "
        "ст. 227); грубая неосторожность потерпевшего {victim_gross_negligence_percent}% уменьшает "
        "возмещение "
        "утраченного заработка и единовременное пособие (ст. 230).",
        "ky": "Жогорку коркунуч булагы жок; жумуш берүүчүнүн күнөөсү бар: ал жооптуу (226-берененин "
        "2-бөлүгү, 227-берене); жабыркаган адамдын {victim_gross_negligence_percent}% одоно этиятсыздыгы "
        "жоготулган эмгек акынын ордун толтурууну жана бир жолку жөлөкпулду азайтат (230-берене).",
    },
    "liability.no_fault": {
        "en": "No source of increased danger and no fault of the employer: the employer is not liable "
        "(Art. 226 part 2).",
        "ru": "Источника повышенной опасности нет и вины работодателя нет: работодатель не несёт "
        "ответственности (ч. 2 ст. 226).",
        "ky": "Жогорку коркунуч булагы жок жана жумуш берүүчүнүн күнөөсү жок: жумуш берүүчү жооптуу эмес "
        "(226-берененин 2-бөлүгү).",
    },
    # --- average monthly earnings and base (Arts. 234, 236-238) ---
    "ame.actual": {
        "en": "Average monthly earnings: the {count} most recent usable months before {reference_month} "
        "({months_used}; excluded at the victim's choice: {months_excluded}; sustained rise from: "
        "{sustained_increase_from}) total {sum}; {sum} / {count} = {result} (Arts. 237, 238).",
        "ru": "Среднемесячный заработок: {count} последних учитываемых месяцев до {reference_month} "
        "({months_used}; исключены по выбору потерпевшего: {months_excluded}; устойчивое повышение с: "
        "{sustained_increase_from}) составили {sum}; {sum} / {count} = {result} (ст. 237, 238).",
        "ky": "Орточо айлык эмгек акы: {reference_month} чейинки эсепке алынуучу акыркы {count} ай "
        "({months_used}; жабыркаган адамдын тандоосу боюнча чыгарылган: {months_excluded}; туруктуу "
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
        "en": "{dependants} dependant(s) share the deceased's earnings less court-ordered maintenance "
        "{court_maintenance_total} for {non_dependants} non-dependant(s); the deceased's own share counts "
        "too: each gets {result}; shares are not recalculated when a right ends (Arts. 250, 251).",
        "ru": "{dependants} иждивенец(-цы) делят заработок умершего за вычетом взысканного судом содержания "
        "{court_maintenance_total} на {non_dependants} лиц(а), не состоявших на иждивении; доля самого "
        "умершего учитывается: каждому {result}; при прекращении чьего-либо права доли не пересчитываются "
        "(ст. 250, 251).",
        "ky": "{dependants} багуудагы адам каза болгон адамдын эмгек акысын сот өндүргөн {non_dependants} "
        "адамдын күтүү каражаты {court_maintenance_total} чегерилгенден кийин бөлүшөт; каза болгон адамдын "
        "өз үлүшү да эсепке алынат: ар бирине {result}; кимдир бирөөнүн укугу токтогондо үлүштөр кайра "
        "эсептелбейт (250, 251-беренелер).",
    },
    "death.right": {
        "en": "Survivor {survivor} ({grounds_t}): a right from {from}, lasting until {result} ({ends_by_t}) "
        "(Arts. 249, 260).",
        "ru": "Лицо {survivor} ({grounds_t}): право с {from} до {result} ({ends_by_t}) (ст. 249, 260).",
        "ky": "{survivor} ({grounds_t}): укугу {from} баштап {result} чейин ({ends_by_t}) (249, "
        "260-беренелер).",
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
        "4 x 12 x subsistence minimum {subsistence_minimum[value]} ({region}, from "
        "{subsistence_minimum[from]}) = {by_minimum}; {total} split among {survivors} survivor(s): {result} "
        "each, due {due_date}, one month after the claim {claim_date} (Arts. 252, 264).",
        "ru": "Единовременное пособие в связи со смертью: большее из 20 x 12 x база {base_month} {base} = "
        "{by_earnings} и 4 x 12 x прожиточный минимум {subsistence_minimum[value]} ({region}, с "
        "{subsistence_minimum[from]}) = {by_minimum}; {total} делится на {survivors} получателя(-ей): по "
        "{result}, срок {due_date} — через месяц после заявления {claim_date} (ст. 252, 264).",
        "ky": "Каза болгондугуна байланыштуу бир жолку жөлөкпул: 20 x 12 x {base_month} негизи {base} = "
        "{by_earnings} жана 4 x 12 x жашоо минимуму {subsistence_minimum[value]} ({region}, "
        "{subsistence_minimum[from]} баштап) = {by_minimum} ичинен чоңу; {total} {survivors} алуучуга "
        "бөлүнөт: ар бирине {result}, мөөнөтү {due_date} — арыз {claim_date} берилгенден бир ай өткөндө "
        "(252, 264-беренелер).",
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
        "en": "Penalty: {result} of the unpaid sum per day late (from {rate[from]}: {rate[source]}), for "
        "each "
        "part paid late and for what is outstanding on {calculation_date}; rounded per installment "
        "(Art. 269).",
        "ru": "Пеня: {result} от невыплаченной суммы за каждый день просрочки (с {rate[from]}: "
        "{rate[source]}) — на каждую часть, выплаченную с опозданием, и на остаток на {calculation_date}; "
        "округляется по каждому платежу (ст. 269).",
        "ky": "Туум: төлөнбөгөн сумманын {result} ар бир кечиктирилген күн үчүн ({rate[from]} баштап: "
        "{rate[source]}) — кечиктирилип төлөнгөн ар бир бөлүгүнө жана {calculation_date} карата калган "
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
        "en": "Capitalisation for {recipient_t} ({method}): {monthly} a month x {months} months (to age "
        "{age_limit}, reached {until}, but at least {minimum_months} months; no discounting) = {result} "
        "(Art. 255).",
        "ru": "Капитализация для {recipient_t} ({method}): {monthly} в месяц x {months} мес. (до {age_limit} "
        "лет, т. е. до {until}, но не менее {minimum_months} мес.; без дисконтирования) = {result} (ст. "
        "255).",
        "ky": "{recipient_t} үчүн капиталдаштыруу ({method}): айына {monthly} x {months} ай ({age_limit} "
        "жашка чейин, б. а. {until} чейин, бирок {minimum_months} айдан кем эмес; дисконтсуз) = {result} "
        "(255-берене).",
    },
    "capitalisation.minimum": {
        "en": "Capitalisation for {recipient_t} ({method}): {monthly} a month x the minimum of {months} "
        "months "
        "(age {age_limit} comes sooner); no discounting = {result} (Art. 255).",
        "ru": "Капитализация для {recipient_t} ({method}): {monthly} в месяц x минимум {months} мес. "
        "({age_limit} лет наступает раньше); без дисконтирования = {result} (ст. 255).",
        "ky": "{recipient_t} үчүн капиталдаштыруу ({method}): айына {monthly} x минималдуу {months} ай "
        "({age_limit} жаш эртерээк келет); дисконтсуз = {result} (255-берене).",
    },
    "capitalisation.right_ends": {
        "en": "Capitalisation for {recipient_t} ({method}): {monthly} a month x {months} months until the "
        "right ends on {until}; no discounting = {result} (Art. 255).",
        "ru": "Капитализация для {recipient_t} ({method}): {monthly} в месяц x {months} мес. до окончания "
        "права {until}; без дисконтирования = {result} (ст. 255).",
        "ky": "{recipient_t} үчүн капиталдаштыруу ({method}): айына {monthly} x {months} ай, укук {until} "
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
