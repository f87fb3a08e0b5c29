"""Tolls as a reader reads them: some of the dead counted with no number ("several
smugglers and two soldiers were killed"), a person and a companion after a verb in the
singular, a singular verb after a comma; and a sentence summing up several incidents that
dates each of them. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.counts import casualties
from tests.helpers.ingest import props_on

DAY = dt.date(2025, 5, 6)
UNSTATED = "the number killed (some are counted with no number, such as 'several')"


_props = props_on(DAY, "en")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Officials said several smugglers and two Tajik soldiers were killed in the clash "
            "in Shamsiddin Shohin district on 2 May.",
        ),
        (
            "ru",
            "2 мая в Шамсиддин-Шохинском районе в перестрелке убиты несколько контрабандистов "
            "и двое пограничников.",
        ),
        (
            "fa",
            "روز ۲ مه در درگیری در ولسوالی شمس‌الدین شاهین چند قاچاقبر و دو مرزبان تاجیک کشته شدند.",
        ),
    ],
)
def test_a_group_counted_with_no_number_leaves_the_toll_to_the_reviewer(lang, text):
    (props,) = _props(text, lang)
    assert props["date_start"] == "2025-05-02" and props["place_id"] == "shamsiddin-shohin-district"
    assert props["fatalities"] is None
    assert UNSTATED in props["ingest"]["needs"]


def test_a_later_sentence_counting_only_the_soldiers_does_not_give_the_total():
    text = (
        "Several smugglers and two soldiers were killed in a clash in Shamsiddin Shohin "
        "district on 2 May. Local residents say three soldiers died."
    )
    (props,) = _props(text)
    assert props["fatalities"] is None


def test_a_number_for_the_vague_group_later_gives_the_toll():
    # "Several dead" in the lead, then every class counted: the total is stated.
    text = (
        "A clash left several dead in Shamsiddin Shohin district on 2 May. "
        "Three militants and two guards were killed, officials said."
    )
    (props,) = _props(text)
    assert props["fatalities"] == 5 and UNSTATED not in props["ingest"]["needs"]


@pytest.mark.parametrize(
    ("sentence", "killed", "vague"),
    [
        # "several" belongs to the wounding, not to the killing.
        ("Two soldiers were killed and several others wounded.", 2, ()),
        # "some 30" is an approximate number of smugglers, and none of them is said killed.
        ("At least two guards were killed in a gun battle with some 30 smugglers.", 2, ()),
        ("Several smugglers and two soldiers were killed.", 2, ("militant",)),
    ],
)
def test_which_verb_a_vague_quantity_belongs_to(sentence, killed, vague):
    counts = casualties(sentence, "en")
    assert counts.killed == killed and counts.vague_killed == vague


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # A verb in the singular, its subject, "and his deputy": two.
        ("В перестрелке погиб командир заставы и его заместитель.", 2, None),
        ("При задержании был уничтожен главарь банды Карим и его сообщник.", 2, None),
        # A plural companion is no number; a comma ends the subject.
        ("В перестрелке погиб командир заставы и его подчиненные.", 1, None),
        ("Погиб пограничник, и его тело доставлено в Душанбе.", 1, None),
        # A singular verb after a comma is one, not the number of the clause before.
        ("Трое пограничников погибли, командир ранен.", 3, 1),
    ],
)
def test_singular_verbs_and_companions(sentence, killed, injured):
    counts = casualties(sentence, "ru")
    assert (counts.killed, counts.injured) == (killed, injured)


def test_a_sentence_summing_up_two_incidents_dates_each_of_them():
    text = (
        "Пограничники на этой неделе пресекли две попытки прорыва границы. "
        "Один из случаев произошел в районе Хамадони: в перестрелке убит один нарушитель. "
        "Ещё один прорыв пограничники пресекли на Пянджском направлении. "
        "В перестрелке был уничтожен главарь группы и его подельник."
    )
    first, second = _props(text, "ru")
    week = ("2025-05-05", "2025-05-06")
    assert (first["place_id"], first["fatalities"]) == ("hamadoni", 1)
    assert (second["place_id"], second["fatalities"]) == ("panj-district", 2)
    for props in (first, second):
        assert props["date_start"] <= week[0] and props["date_end"] >= week[1]


def test_a_summary_listing_two_days_dates_no_incident_wholesale():
    # "on 26 and 30 November": each incident has its own day, not both.
    text = (
        "В двух нападениях 2 и 4 мая погибли пограничники. "
        "Первое нападение произошло в районе Хамадони, погиб один пограничник. "
        "Ещё одно нападение произошло на Пянджском направлении, погибли двое."
    )
    spans = [(p["date_start"], p["date_end"]) for p in _props(text, "ru")]
    assert ("2025-05-02", "2025-05-04") not in spans
    assert all(start == end for start, end in spans)


@pytest.mark.parametrize(
    ("lang", "sentence", "killed"),
    [
        ("ru", "Трое боевиков были обезврежены, погиб один пограничник.", 4),
        ("ru", "Один нарушитель обезврежен.", 1),
        ("ru", "У заставы обнаружен и обезврежен самодельный взрывной механизм.", None),
        ("en", "Two were charged under articles 179 and 335 after two guards were killed.", 2),
    ],
)
def test_neutralised_is_killed_and_articles_of_a_law_are_no_count(lang, sentence, killed):
    assert casualties(sentence, lang).killed == killed


def test_the_articles_of_a_charge_are_no_injured():
    # Three article numbers with their titles after "статьям": no toll at all.
    text = (
        "Уголовное дело возбуждено по статьям 179 («Терроризм»), 335 («Незаконный переход "
        "границы») и 195 («Незаконное хранение оружия») УК."
    )
    counts = casualties(text, "ru")
    assert (counts.killed, counts.injured) == (None, None)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "tg",
            "Ду моҳигир рӯзи 2 май дар ноҳияи Панҷ кушта шуданд. Мақомот гуфтанд, ки дар 3 "
            "соли охир дар ин марз 40 қочоқбар кушта шудаанд.",
        ),
        (
            "fa",
            "دو ماهیگیر روز ۲ مه در شهر پنج کشته شدند. مقامات گفتند در سه سال اخیر در این "
            "مرز ۴۰ قاچاقبر کشته شده‌اند.",
        ),
    ],
)
def test_a_total_over_the_last_years_is_no_toll_of_the_incident(lang, text):
    (incident,) = _props(text, lang)
    assert incident["fatalities"] == 2 and incident["date_start"] == "2025-05-02"


def test_members_in_the_plural_are_a_group_added_to_the_next():
    # Dari "اعضای" (members of) before the group named: five members and three guards.
    text = "در درگیری با گروه طالبان 5 اعضای این گروه و 3 مرزبان زخمی شدند."
    assert casualties(text, "fa").injured == 8


@pytest.mark.parametrize(
    ("lang", "text", "killed"),
    [
        (
            "en",
            "Three gunmen crossed the river near Panj on 2 May. The guards ordered them to "
            "stop. They opened fire and were killed in the exchange.",
            3,
        ),
        (
            "ru",
            "2 мая четверо вооруженных людей пересекли границу у Пянджа. Пограничники "
            "потребовали сдаться. Они открыли огонь и были ликвидированы в перестрелке.",
            4,
        ),
        (
            "en",
            "Armed men crossed the river near Panj on 2 May. They opened fire and were killed "
            "in the exchange.",
            None,
        ),
    ],
)
def test_they_who_were_killed_are_the_people_counted_before(lang, text, killed):
    (incident,) = _props(text, lang)
    assert incident["fatalities"] == killed, incident
    if killed:
        (read,) = [e for e in incident["evidence"] if e["field"] == "fatalities"]
        assert read["words"] in ("Three", "четверо")


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # "Of the patrol, three of them were wounded and one was killed": the number after
        # "of them" is the wounded; the killing that follows counts its own "one".
        ("كانت الدورية من ثمانية جنود، أصيب 3 منهم بجروح وقتل واحد.", 1, 3),
        # A verb joined by "and" opens a new clause: "two soldiers were killed and five
        # others were wounded" is 2 killed and 5 wounded, not 2 wounded.
        ("قتل جنديان وأصيب 5 آخرون في الاشتباك.", 2, 5),
        # A number after "of them" in its own clause still belongs to the total.
        ("قتل ستة أشخاص، منهم اثنان من حرس الحدود.", 6, None),
    ],
)
def test_an_arabic_verb_joined_by_and_counts_its_own_number(sentence, killed, injured):
    got = casualties(sentence, "ar")
    assert (got.killed, got.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # "one of" counts the posts, not the dead: the sentence gives no number killed.
        ("The raiders opened fire on one of the frontier posts and were killed.", None),
        # The gunmen are counted, not the post they shot at.
        ("Two gunmen shot at one of the outposts, and both were killed.", 2),
        # "one of" followed by people, or by "them", is one person.
        ("One of the Afghan smugglers was killed near the river.", 1),
        ("Guards returned fire and one of them was killed.", 1),
    ],
)
def test_one_of_a_thing_is_no_victim(sentence, killed):
    assert casualties(sentence, "en").killed == killed
