"""Rules found through held-out set 5 of real articles (`held_out_set` 5 in
`bench/ingest_real.json`) and the three cases left open before it: each difficulty again
in a short article written for this test (never an outlet's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.ingest import props_on, violent

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday
_dated = props_on(PUBLISHED)
_undated = props_on(None)


# (c) A weekday beside a day and month, on a page giving no year and no publication date,
# does not choose the year: "Saturday, 5 March" came round in 2022 and in 2016.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Gunmen attacked the Panj frontier post early on Saturday, 5 March. One border "
            "guard was killed. The border service said on Monday that the group came from "
            "Kunduz.",
        ),
        (
            "fa",
            "روز شنبه ۵ مارس افراد مسلح به پاسگاه مرزی در ولسوالی پنج حمله کردند و یک مرزبان "
            "کشته شد. "
            "مرزبانی روز دوشنبه گفت این گروه از قندوز آمده بود.",
        ),
        (
            "ru",
            "В субботу, 5 марта, вооружённые люди напали на заставу Пяндж, погиб один "
            "пограничник. В понедельник погранслужба сообщила, что группа пришла из Кундуза.",
        ),
    ],
)
def test_a_weekday_does_not_choose_the_year_of_an_undated_page(lang, text):
    (props,) = violent(_undated(text, lang))
    assert props["date_start"] is None and props["date_end"] is None
    assert props["fatalities"] == 1
    assert "none is chosen" in props["date_note"]
    assert "2022" in props["date_note"] and "2016" in props["date_note"]


def test_a_weekday_alone_counts_from_a_day_the_article_gives_with_its_year():
    text = (
        "On 5 March 2016 gunmen attacked the Panj frontier post and one guard was killed. "
        "On Monday the border service said two more attackers were found dead in the reeds."
    )
    dates = sorted(p["date_start"] for p in violent(_undated(text, "en")))
    assert "2016-03-05" in dates
    assert all(d.startswith("2016-") for d in dates)  # counted from a year the text states


def test_with_a_publication_date_the_weekday_still_dates_the_day():
    text = "Gunmen attacked the Panj frontier post on Saturday, 9 March; one guard was killed."
    (props,) = violent(_dated(text, "en"))
    assert props["date_start"] == "2024-03-09"


# (b) A place named as an office's province or town is who spoke, not where it happened.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "On Tuesday a border clash broke out near Hamadoni, and two smugglers were "
            "killed. The clash came days after the governor of Balkh province visited "
            "Dushanbe.",
        ),
        (
            "en",
            "The Badakhshan police chief said on Tuesday that two smugglers were killed in a "
            "clash with Tajik guards near Hamadoni.",
        ),
        (
            "ru",
            "Во вторник пресс-секретарь полиции провинции Кундуз сообщил, что в перестрелке у "
            "Хамадони погибли двое контрабандистов.",
        ),
        (
            "fa",
            "سخنگوی والی بلخ روز سه‌شنبه گفت در درگیری نزدیک همدانی دو قاچاقچی کشته شدند.",
        ),
        (
            "tg",
            "Сухангӯи волии Тахор рӯзи сешанбе гуфт, ки дар задухӯрд дар наздикии Ҳамадонӣ ду "
            "қочоқбар кушта шуданд.",
        ),
    ],
)
def test_an_offices_province_is_not_the_place_of_the_clash(lang, text):
    props = violent(_dated(text, lang))
    assert [p["place_id"] for p in props] == ["hamadoni"]
    assert props[0]["date_start"] == "2024-03-12"
    assert props[0]["fatalities"] == 2


def test_violence_named_only_with_an_offices_province_is_not_placed_there():
    text = "The governor of Balkh province said on Tuesday that two smugglers were killed."
    places = [p["place_id"] for p in violent(_dated(text, "en"))]
    assert "balkh" not in places and "balkh-province" not in places


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("en", "On Tuesday gunmen attacked the police of Farkhor district.", "farkhor-district"),
        ("en", "On Tuesday gunmen attacked police in Kunduz.", "kunduz"),
        ("fa", "روز سه‌شنبه افراد مسلح به پلیس قندوز حمله کردند.", "kunduz"),
    ],
)
def test_an_institution_attacked_where_it_is_keeps_the_place(lang, text, place):
    """Only a person's office ("the governor of", "the police chief of") says who spoke:
    the police of a place, attacked, are attacked there."""
    assert [p["place_id"] for p in violent(_dated(text, lang))] == [place]


# (a) A second incident inside one sentence: "…, after a clash killed two guards" is an
# earlier incident of its own, with its own toll; the sentences around place both.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Aircraft bombed smugglers on Wednesday and killed five of them, after a clash on "
            "Tuesday killed two Tajik border guards. The smugglers hide in a wood in Darqad "
            "district.",
        ),
        (
            "ru",
            "В среду самолёты нанесли удар по контрабандистам и уничтожили пятерых, после "
            "того как во вторник в перестрелке погибли двое таджикских пограничников. "
            "Контрабандисты укрываются в лесу в уезде Даркад.",
        ),
        (
            "fa",
            "روز چهارشنبه هواپیماها قاچاقچیان را بمباران کردند و پنج تن را کشتند، پس از "
            "درگیری روز سه‌شنبه که در آن دو مرزبان تاجیک کشته شدند. این قاچاقچیان در "
            "جنگلی در ولسوالی درقد پنهان می‌شوند.",
        ),
        (
            "tg",
            "Рӯзи чоршанбе ҳавопаймоҳо қочоқбаронро бомбаборон карда, панҷ нафарро куштанд, "
            "пас аз задухӯрди рӯзи сешанбе, ки дар он ду марзбони тоҷик кушта шуданд. "
            "Қочоқбарон дар ҷангали вулусволии Дарқад пинҳон мешаванд.",
        ),
    ],
)
def test_an_earlier_clash_told_after_a_comma_is_its_own_incident(lang, text):
    props = sorted(violent(_dated(text, lang)), key=lambda p: p["date_start"])
    assert [(p["date_start"], p["fatalities"]) for p in props] == [
        ("2024-03-12", 2),
        ("2024-03-13", 5),
    ]
    assert {p["place_id"] for p in props} <= {"darqad", "darqad-district"}


def test_an_earlier_clash_with_no_toll_of_its_own_stays_the_sentences_context():
    text = (
        "On Wednesday aircraft bombed smugglers near Darqad and killed five of them, after "
        "a clash with border guards."
    )
    (props,) = violent(_dated(text, "en"))
    assert (props["date_start"], props["fatalities"]) == ("2024-03-13", 5)


def test_a_toll_undated_on_an_undated_page_is_two_incidents_still():
    text = (
        "Aircraft bombed smugglers and killed six of them, after a clash killed two Tajik "
        "border guards. The smugglers hide in a wood in Darqad district."
    )
    props = violent(_undated(text, "en"))
    assert sorted(p["fatalities"] for p in props) == [2, 6]
    assert all(p["date_start"] is None for p in props)  # no day, nothing guessed


# Set 5: released "without injuries" counts no one injured.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В понедельник у Пянджа освободили восемь заложников, все восемь без ранений."),
        ("en", "On Monday eight hostages were freed near Panj, all eight without injuries."),
    ],
)
def test_without_injuries_counts_no_one(lang, text):
    assert all(p["injured"] is None for p in _dated(text, lang))


# Set 5: taking people is violence against civilians, with its own date and place.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "On Tuesday gunmen from Afghanistan kidnapped two road workers near Panj."),
        ("ru", "Во вторник у Пянджа двое дорожных рабочих были взяты в заложники."),
        ("fa", "روز سه‌شنبه افراد مسلح دو کارگر را در ولسوالی پنج ربودند."),
    ],
)
def test_a_kidnapping_is_an_incident(lang, text):
    (props,) = violent(_dated(text, lang))
    assert props["event_type"] == "Violence against civilians"
    assert props["date_start"] == "2024-03-12"
    assert props["place_id"] in ("panj", "panj-district")


# Set 5: "a similar attack about a year ago" with the ZWNJ dropped ("حملهای مشابه"), and
# "a year ago from Afghan soil" ("یک سال پیش از خاک"): its toll is not the incident's.
def test_a_similar_attack_a_year_ago_keeps_its_toll():
    text = (
        "دیشب در یک حمله پهپادی در ولسوالی شمس‌الدین شاهین سه کارگر چینی کشته شدند. "
        "در پی حملهای مشابه که حدود یک سال پیش از خاک افغانستان صورت گرفت، یک کارگر "
        "کشته و چهار تن دیگر زخمی شدند."
    )
    (props,) = [p for p in violent(_dated(text, "fa")) if p["date_start"] == "2024-03-13"]
    assert (props["fatalities"], props["injured"]) == (3, None)


# Set 5: a district's figures for a whole year are an aggregate, not a battle.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "tg",
            "Тӯли соли 2019 дар марзи ноҳияи Шӯробод дар задухӯрдҳо 3 марзбон ҳалок шуданд, "
            "гуфт раиси ноҳия.",
        ),
        (
            "en",
            "During the year 2019, three border guards were killed in clashes on the border "
            "of Shuroobod district, the district head said.",
        ),
    ],
)
def test_a_whole_years_figures_are_no_incident(lang, text):
    assert violent(_undated(text, lang)) == []


# Set 5: one person killed with words between "was" and the verb ("an officer was earlier
# that day killed"), and a number after the verb that is another verb's subject.
@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("On Friday a senior officer was earlier that day killed near Vanj.", 1, None),
        ("On Friday a border guard was reportedly killed and two smugglers were wounded.", 1, 2),
        ("On Friday gunmen killed two guards and three smugglers were wounded.", 2, 3),
        ("On Friday two engineers and a local driver were wounded near Vanj.", None, 3),
    ],
)
def test_each_verb_counts_its_own_subject(sentence, killed, injured):
    (props,) = violent(_dated(sentence, "en"))
    assert (props["fatalities"], props["injured"]) == (killed, injured)
