"""More of what real border news does that broke ingest, each difficulty in a short text
written for this test (never an outlet's words). See `test_ingest_real_difficulties` for
the first ones; `python -m bench.ingest_real` measures them on the real articles."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.counts import casualties
from geo.ingest.dates import find_dates
from tests.helpers.ingest import props_on

PUBLISHED = dt.date(2025, 12, 4)  # a Thursday


_props = props_on(PUBLISHED)


@pytest.mark.parametrize(
    ("lang", "text", "killed", "injured"),
    [
        # Persian "یک" before a place is the article "a", not one: two killed, not one.
        ("fa", "سه کارگر در یک منطقه مرزی کشته و دو نفر دیگر زخمی شدند.", 3, 2),
        ("fa", "در این حادثه یک سرباز کشته شد.", 1, None),
        # Tajik: a named officer fell (one), and then four guards were hurt: not five dead.
        (
            "tg",
            "Дар натиҷа, фармондеҳи қисм полковник Раҳимов ҳалок гардида, "
            "3 нафар сарҳадбонон захмдор шуданд.",
            1,
            3,
        ),
    ],
)
def test_one_is_a_count_only_of_people(lang, text, killed, injured):
    counts = casualties(text, lang)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_a_dateline_opening_a_later_paragraph_is_where_the_report_was_filed():
    # A page puts a headline and a caption above the dateline: its town is not the place,
    # the district named in the body is.
    text = (
        "Guards die in border fight\n\n"
        "Photo: a border patrol\n\n"
        "KULOB, Tajikistan -- Two Tajik soldiers were killed in a gun battle with smugglers "
        "on 2 December in Shamsiddin Shohin district."
    )
    (props,) = _props(text, "en")
    assert props["place_id"] == "shamsiddin-shohin-district"
    assert props["date_start"] == "2025-12-02"


def test_a_date_stamp_on_its_own_line_is_not_the_incident_day():
    # "08/08/2016 15:45" under the headline is when the page went up; the incident was
    # "last week", told in the dateline's paragraph.
    text = (
        "Smuggler killed on the border\n\n"
        "08/12/2025 10:30\n\n"
        "DUSHANBE, December 8, 2025, Agency – Late last week, border guards stopped armed "
        "smugglers crossing near Panj.\n\n"
        "As a result of the skirmish, one of the smugglers was killed."
    )
    (props,) = _props(text, "en", dt.date(2025, 12, 8))
    assert props["date_start"] == "2025-12-01" and props["date_end"] == "2025-12-07"
    assert props["place_id"] in ("panj", "panj-district")


@pytest.mark.parametrize(
    "name",
    [
        "شمس الدين شوخين",  # "Шохин" transcribed with خ and a و: two letters off
        "شمس الدين شحين",
    ],
)
def test_an_arabic_spelling_from_the_russian_finds_the_district(name):
    text = f"قتل جنديان في اشتباك يوم الثلاثاء في قرية قرب منطقة {name} الحدودية."
    (props,) = _props(text, "ar")
    assert props["place_id"] == "shamsiddin-shohin-district"


def test_the_district_a_place_borders_is_not_where_it_happened():
    text = (
        "The clash took place on 24 August in a village of Badakhshan province, "
        "which borders the Shamsiddin Shohin district of Tajikistan. One Taliban fighter was "
        "killed and four were wounded."
    )
    (props,) = _props(text, "en")
    assert props["place_id"] == "badakhshan"


def test_the_panj_river_is_the_border_not_the_town():
    text = (
        "Tajik guards and Taliban fighters clashed on 24 August over mining in the Panj "
        "riverbed in Badakhshan province; one fighter was killed."
    )
    (props,) = _props(text, "en")
    assert props["place_id"] == "badakhshan"


def test_violence_told_only_by_where_it_came_from_is_on_the_border():
    # The attackers' district and its province are where they came from; nothing names
    # where they struck, so the border they crossed stands for it (not Badakhshan's seat).
    text = (
        "По данным ведомства, похожее нападение произошло 26 ноября. Тогда боевики вторглись "
        "в Таджикистан с территории уезда Шахри Бузург провинции Бадахшан. Погибли трое "
        "рабочих, еще один человек пострадал."
    )
    (props,) = [p for p in _props(text, "ru") if p["fatalities"]]
    assert props["place_id"] == "tjk-afg-border"
    assert (props["fatalities"], props["injured"]) == (3, 1)
    assert "border it crossed" in props["location_note"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ru",
            "На этой неделе пограничники пресекли две попытки прорыва границы, убиты трое "
            "контрабандистов. Один из случаев произошел в районе Хамадони: в перестрелке был "
            "убит один нарушитель.",
        ),
        (
            "en",
            "This week guards stopped two separate attempts to cross the border; three "
            "smugglers were killed. One of the cases was in Hamadoni district, where one "
            "smuggler was killed in a shootout.",
        ),
    ],
)
def test_a_sentence_summing_up_several_incidents_gives_none_its_toll(lang, text):
    props = [p for p in _props(text, lang, dt.date(2025, 12, 4)) if p["fatalities"]]
    assert [p["fatalities"] for p in props] == [1]
    assert props[0]["place_id"] in ("hamadoni", "hamadoni-district")
    assert props[0]["date_start"] is not None


def test_persian_two_separate_attacks_is_no_one_attacks_toll():
    text = (
        "رسانه‌ها گزارش داده‌اند که در دو حمله جداگانه در نزدیکی مرز، پنج تبعه چین کشته و "
        "پنج نفر دیگر زخمی شده‌اند."
    )
    assert all(p["fatalities"] is None for p in _props(text, "fa"))


def test_another_breach_elsewhere_is_another_incident():
    text = (
        "В районе Хамадони 2 декабря в перестрелке убит один нарушитель. Ещё один прорыв "
        "пограничники пресекли на Пянджском направлении границы. В перестрелке погибли двое "
        "контрабандистов."
    )
    props = [p for p in _props(text, "ru") if p["fatalities"]]
    assert sorted(p["fatalities"] for p in props) == [1, 2]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ar",
            "أعلنت الشركة عن مقتل وإصابة أربعة عمال في هجوم على الحدود.",
        ),
        (
            "en",
            "Four workers were killed or wounded in an attack on the border.",
        ),
        ("ru", "Четверо рабочих убиты и ранены при нападении на границе."),
    ],
)
def test_one_number_for_killed_and_injured_is_neither_toll(lang, text):
    counts = casualties(text, lang)
    assert (counts.killed, counts.injured) == (None, None)
    assert counts.either is not None and counts.either.value == 4


def test_the_killed_told_below_leave_the_rest_of_a_joint_count_injured():
    # "Four killed and injured" in the lead; "the three who died" below: one injured.
    text = (
        "أعلنت الشركة يوم الجمعة عن مقتل وإصابة أربعة عمال صينيين في هجوم مسلح على الحدود "
        "في إقليم ختلان يوم الأربعاء. وأضافت أن الأشخاص الثلاثة الذين لقوا حتفهم من موظفيها."
    )
    (props,) = _props(text, "ar")
    assert (props["fatalities"], props["injured"]) == (3, 1)
    quoted = [e for e in props["evidence"] if e["field"] == "injured"]
    assert quoted and "together" in str(quoted[0])


def test_tajik_writes_the_persian_long_a_as_o_in_a_district_name():
    # "Kaldār" is "Калдор" in Tajik. The shipped data gives it no seat, but one place of
    # its own: the district is drawn there (a real point inside it), and the note says so.
    text = "Рӯзи 26 июл дар ноҳияи Калдор 6 низомӣ кушта шуданд."
    (props,) = _props(text, "tg", dt.date(2021, 7, 27))
    assert props["place_id"] == "gn-district-kaldar-af-30-1613"
    assert props["geo_precision"] == 2
    assert "Qaranghū Tōghaī, a GeoNames place inside it (not its seat)" in props["location_note"]


def test_a_district_with_no_place_in_the_data_stands_at_its_province():
    # Khwājah Bahāwuddīn (Takhar): no place of it in the shipped data, so no point of its own.
    text = "Two border guards were killed on 26 July in Khwajah Bahawuddin district."
    (props,) = _props(text, "en", dt.date(2021, 7, 27))
    assert props["place_id"] == "takhar"
    assert props["geo_precision"] == 3
    assert "places nowhere" in props["location_note"]


def test_an_undated_incident_takes_the_day_its_paragraph_says_the_news_came():
    text = (
        "Субҳи рӯзи 26 июл хабаргузорӣ иттилоъ дод, ки неруҳои ҳукуматӣ ба ноҳияи Калдор "
        "ворид шуданд. Ба таъкиди ӯ, зимни набард 6 низомии афғон кушта ва 13 тани дигар "
        "маҷрӯҳ шуданд."
    )
    (props,) = [p for p in _props(text, "tg", dt.date(2021, 7, 27)) if p["fatalities"]]
    assert props["date_start"] == "2021-07-26"
    assert (props["fatalities"], props["injured"]) == (6, 13)
    assert "reported" in props["date_note"]


def test_a_russian_district_name_in_another_order_and_case_is_found():
    # "Шохинского района Шамсиддина": the adjective first, both words declined.
    text = (
        "Инцидент произошел 23 декабря в районе Кавок Шохинского района Шамсиддина. "
        "В перестрелке погибли двое пограничников."
    )
    (props,) = _props(text, "ru")
    assert props["place_id"] == "shamsiddin-shohin-district"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tg", "Рӯзи 9 июн ду сокини деҳаи Ёвони Бадахшони Афғонистон бо тир кушта шуданд."),
        ("ru", "9 июня на севере Бадахшана Афганистана в перестрелке погибли двое жителей."),
    ],
)
def test_badakhshan_of_afghanistan_is_the_afghan_province(lang, text):
    (props,) = _props(text, lang, dt.date(2025, 6, 10))
    assert props["place_id"] == "badakhshan"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fa",
            "رسانه‌ها گزارش داده‌اند که در دو حمله جداگانه در تاریخ‌های ۲۶ و ۳۰ نوامبر، پنج "
            "تبعه چین در نزدیکی مرز تاجیکستان کشته و پنج نفر دیگر زخمی شده‌اند. طالبان از "
            "بازداشت دو مظنون خبر داده است.",
        ),
        (
            "en",
            "In two separate attacks on 26 and 30 November, five Chinese nationals were killed "
            "near the Tajik-Afghan border. The Taliban said they had arrested two suspects.",
        ),
    ],
)
def test_two_separate_attacks_on_two_days_are_two_incidents(lang, text):
    props = _props(text, lang)
    assert sorted(p["date_start"] for p in props) == ["2025-11-26", "2025-11-30"]
    assert all(p["fatalities"] is None for p in props)  # the five are both attacks' together


@pytest.mark.parametrize(
    ("lang", "text", "start", "end"),
    [
        (
            "en",
            "The raid took place on the nights of 9 and 10 November.",
            "2025-11-09",
            "2025-11-10",
        ),
        ("ru", "Нападение произошло 26 и 30 ноября.", "2025-11-26", "2025-11-26"),
        ("en", "Clashes went on between 5 and 10 November.", "2025-11-05", "2025-11-10"),
    ],
)
def test_a_day_listed_before_a_date(lang, text, start, end):
    first = find_dates(text, lang, PUBLISHED)[0]
    assert (str(first.date_start), str(first.date_end)) == (start, end)


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        # Base forms from CLDR: the Russian nominative, the Tajik capitalised month.
        ("ru", "Дата: 5 январь 2025", "2025-01-05"),
        ("tg", "5 Январ 2025", "2025-01-05"),
        # By hand, beside them: Levantine Arabic, the Tajik izafe, Russian "в среду".
        ("ar", "في 5 كانون الثاني 2025", "2025-01-05"),
        ("tg", "5 январи соли 2025", "2025-01-05"),
        ("ru", "в среду", "2025-12-03"),
    ],
)
def test_month_and_weekday_names_from_cldr_and_by_hand(lang, text, day):
    (first,) = find_dates(text, lang, PUBLISHED)
    assert str(first.date_start) == day


def test_the_tajik_weekday_stays_lower_case_so_the_city_is_not_a_monday():
    assert find_dates("Дар Душанбе вохӯрӣ шуд.", "tg", PUBLISHED) == []


def test_an_arabic_dual_noun_counts_two_and_a_gbao_in_the_masculine():
    # "قُتل مواطنان … وأصيب اثنان آخران": two killed (the dual), two injured; Darvoz written
    # with ف for the Russian "в", GBAO with a masculine adjective (إقليم).
    text = (
        "قُتل مواطنان صينيان وأصيب اثنان آخران مساء الأحد في هجوم مسلح على منطقة دارفاز "
        "في إقليم بدخشان الجبلي بطاجيكستان."
    )
    (props,) = _props(text, "ar")
    assert (props["fatalities"], props["injured"]) == (2, 2)
    assert props["place_id"] == "darvoz-district"


def test_two_verbs_share_a_number_only_side_by_side():
    counts = casualties("قتل جنديان وأصيب اثنان آخران في الاشتباك.", "ar")
    assert (counts.killed, counts.injured, counts.either) == (2, 2, None)


def test_a_date_before_a_closing_attribution_is_the_news_not_the_saying():
    text = (
        "Three militants and two Tajik border guards were killed in a shootout, the committee "
        "said on Thursday.\n\n"
        "The militants crossed the border late on Tuesday near a village in Shamsiddin Shohin "
        "district, the committee said."
    )
    props = _props(text, "en")
    assert [(p["date_start"], p["fatalities"]) for p in props] == [("2025-12-02", 5)]


def test_all_three_takes_the_class_of_the_three_named_a_sentence_before():
    # The three are the militants named before: with the two guards, five killed, not three.
    text = (
        "Рӯзи 23 ноябр се нафар аъзои созмони террористӣ дар ноҳияи Шамсиддин Шоҳин сарҳадро "
        "убур карданд. Дар натиҷаи амалиёт ҳар се нафар безарар гардонида шуданд. Ду нафар "
        "хизматчии ҳарбӣ ҳалок гардиданд."
    )
    (props,) = _props(text, "tg")
    assert props["fatalities"] == 5


def test_a_place_attacked_from_afghan_soil_is_no_origin():
    # "من الأراضي الأفغانية على منطقة دارواز": from Afghan soil onto Darvoz: Darvoz is where.
    text = (
        "قتل عاملان صينيان مساء الأحد في هجوم مسلح شنه مجهولون من الأراضي الأفغانية على "
        "منطقة دارواز في ولاية غورنو باداخشان الطاجيكية."
    )
    (props,) = _props(text, "ar")
    assert props["place_id"] == "darvoz-district"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # The arrest dates and places the shootout: one operation, one candidate.
        (
            "ru",
            "Пограничники в ночь на 8 ноября в Хамадонийском районе задержали трех "
            "наркокурьеров. В ходе перестрелки один нарушитель был убит.",
        ),
        # The statement tells when and where: it reports the clash, no event of its own.
        (
            "ar",
            "قالت وكالة الحدود إن خمسة أشخاص قتلوا في تبادل لإطلاق النار. وذكر بيان للوكالة أن "
            "مهاجمين من أفغانستان دخلوا منطقة شمس الدين شاهين يوم الثلاثاء.",
        ),
    ],
)
def test_an_act_or_a_statement_dating_the_clash_is_its_context(lang, text):
    (props,) = _props(text, lang)  # one candidate: the clash
    assert props["date_start"] is not None and props["fatalities"]


def test_persian_eliminated_after_a_long_relative_clause_is_killed():
    # "از بین بردند" (eliminated) with the count far before it, past a relative clause.
    text = (
        "نیروهای مرزی تاجیکستان صبح ۲۸ جدی چهار عضو یک گروه تروریستی را که قصد عبور غیرقانونی "
        "از مرز را داشتند در ولسوالی شمس‌الدین شاهین از بین بردند."
    )
    (props,) = _props(text, "fa", dt.date(2025, 1, 18))
    assert (props["date_start"], props["fatalities"]) == ("2025-01-17", 4)


def test_such_clashes_before_are_background_and_no_detail_dates_an_incident_after_its_report():
    text = (
        "این رویداد شام پنجشنبه ۹ دلو در ولسوالی شمس‌الدین شاهین رخ داده است.\n\n"
        "این درحالیست که پیش از این نیز چنین درگیری‌هایی بین مرزبانان و قاچاقبران رخ داده است.\n\n"
        "به تاریخ ۲۸ جدی نیز مقام‌های تاجیکستان اعلام کرده بودند که نیروهای امنیتی چهار "
        "«تروریست» را از بین برده‌اند."
    )
    props = [p for p in _props(text, "fa", dt.date(2026, 1, 30)) if p["fatalities"]]
    # The four were killed on or before 28 Jadi (18 January), when it was announced: not
    # on 9 Dalv (29 January), the day the lead gives another incident.
    assert [(p["date_start"], p["fatalities"]) for p in props] == [("2026-01-18", 4)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ru",
            "Нападение на рабочих\n\n30 ноября. Двое граждан Китая погибли в Дарвазском районе."
            "\n\nЧитайте также: Трое китайцев погибли при атаке дрона 26 ноября\n\n"
            "Пограничники сообщили, что нападавшие пришли с афганской стороны.",
        ),
        (
            "en",
            "Related: Three Chinese killed in drone attack on Tajik border\n\n"
            "Two more Chinese workers were killed on Sunday in Darvoz district, officials said.",
        ),
        (
            "fa",
            "دو کارگر چینی روز یکشنبه در ولسوالی درواز تاجیکستان کشته شدند.\n\n"
            "بیشتر بخوانید:\nسه شهروند چینی در حمله پهپادی در ختلان کشته شدند",
        ),
    ],
)
def test_a_link_to_another_story_tells_nothing_of_this_one(lang, text):
    (props,) = _props(text, lang, dt.date(2025, 12, 1))
    assert (props["place_id"], props["date_start"], props["fatalities"]) == (
        "darvoz-district",
        "2025-11-30",
        2,
    )


def test_a_sentence_opening_with_a_cue_word_but_no_colon_is_no_link():
    text = "Related reports say three soldiers were killed on Sunday in Darvoz district."
    (props,) = _props(text, "en", dt.date(2025, 12, 1))
    assert props["fatalities"] == 3


def test_a_similar_attack_in_a_bare_year_somewhere_is_no_candidate():
    text = (
        "Two Chinese workers were killed on Sunday in Darvoz district. "
        "In 2024, one Chinese worker was killed in a similar attack."
    )
    props = _props(text, "en", dt.date(2025, 12, 1))
    assert [(p["date_start"], p["fatalities"]) for p in props] == [("2025-11-30", 2)]


@pytest.mark.parametrize(
    ("lang", "text", "killed", "injured"),
    [
        # A participle that chains clauses says nothing of the number; its subject does.
        ("tg", "Марзбонон ҳалок гардида, ҷинояткорон фирор карданд.", None, None),
        ("tg", "Сарбози тоҷик ҳалок гардида, ҷинояткорон фирор карданд.", 1, None),
        # "One more Chinese national was also injured": a national is a person.
        ("fa", "یک تبعه چینی دیگر نیز در این حمله زخمی شده است.", None, 1),
    ],
)
def test_participles_count_by_their_subject(lang, text, killed, injured):
    counts = casualties(text, lang)
    assert (counts.killed, counts.injured) == (killed, injured)
