"""Ingest rules: trigger words in context, grouping sentences into incidents, where a
candidate is when the text does not say it plainly, and which candidates are kept.
Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.events import event_type
from geo.ingest.matching import find_places
from geo.ingest.placing import mark_governments
from geo.ingest.reasons import PlaceReason
from geo.vocab import load_gazetteer
from tests.helpers.ingest import props_on

DAY = dt.date(2025, 5, 6)


_props = props_on(DAY, "en")


@pytest.mark.parametrize(
    ("lang", "sentence", "etype"),
    [
        # A trigger after "after (the)" is an earlier event: this sentence tells of talks.
        ("en", "After the attack, the two ministers met in Kulob.", "Meeting"),
        ("fa", "پس از حمله، وزیران دو کشور در کولاب دیدار کردند.", "Meeting"),
        ("ar", "بعد الهجوم عقد الوزيران اجتماعا في كولاب.", "Meeting"),
        ("ru", "После нападения министры провели встречу в Кулябе.", "Meeting"),
        # ... but a clause after "after" is still this sentence's event.
        ("en", "Two guards died after gunmen attacked their post.", "Battles"),
        # "At that same meeting": the meeting was told before.
        ("fa", "در همین نشست درباره تجارت صحبت شد.", None),
        # A topic, not an incident: "the fight against smuggling", "a threat of attack".
        ("fa", "وزیر بر مبارزه با تروریسم و قاچاق تاکید کرد.", None),
        ("en", "The envoy spoke about the fight against smuggling.", None),
        ("ru", "Министр говорил о борьбе с контрабандой.", None),
        # Words that start like a trigger: a fighter, a forest, Russian "бойцы".
        ("fa", "یک جنگجوی جوان در جنگل دیده شد.", None),
        ("ru", "Бойцы отряда прибыли на заставу.", None),
        # Arabic diacritics written inside the trigger.
        ("ar", "وقع الهُجُوم على المركز ليلا.", "Battles"),
        # New trigger words: talks written without و, negotiations, an opening, an agreement.
        ("fa", "هیئت‌ها برای گفتگو به کابل رفتند.", "Meeting"),
        ("ar", "بدأت المفاوضات بين الوفدين.", "Meeting"),
        ("fa", "یک پل تازه بر دریا افتتاح شد.", "Strategic developments"),
        ("ar", "وقّعت الحكومتان اتفاقا للتجارة.", "Strategic developments"),
        ("en", "A new crossing was inaugurated on the river.", "Strategic developments"),
    ],
)
def test_trigger_words_in_context(lang, sentence, etype):
    found, _trigger = event_type(sentence, lang)
    assert (str(found) if found else None) == etype


def test_a_verb_of_saying_is_a_statement_only_with_an_actor_and_a_date():
    said = "The Taliban said on Monday that the crossing would reopen."
    assert str(event_type(said, "en", speech=True)[0]) == "Statement"
    assert event_type(said, "en")[0] is None
    (props,) = _props(said)
    assert (props["event_type"], props["place_id"], props["geo_precision"]) == (
        "Statement",
        "kabul",
        2,
    )
    assert props["date_start"] == "2025-05-05"
    assert _props("The Taliban said that the crossing would reopen.") == []  # undated
    assert _props("An analyst said on Monday that trade was growing.") == []  # no actor


def test_an_undated_lead_in_joins_the_dated_sentence_after_it():
    text = "Clashes went on along the border. On 3 May two guards were killed near Panj."
    (props,) = _props(text)
    assert props["sources"][0]["excerpt"] == text
    assert (props["date_start"], props["place_id"], props["fatalities"]) == (
        "2025-05-03",
        "panj",
        2,
    )


@pytest.mark.parametrize(
    "text",
    [
        # Another town: the minister's trip is not the Kabul meeting.
        "Officials met in Kabul on 2 May. The minister then flew to Kulob for talks.",
        # Violence after talk: the clash is its own incident.
        "Officials met in Panj on 2 May. Border guards clashed with smugglers there.",
        # "Earlier": another time.
        "Guards clashed with smugglers near Panj on 2 May. Earlier, a drone struck a post.",
    ],
)
def test_an_undated_sentence_about_something_else_starts_its_own_candidate(text):
    assert len(_props(text)) == 2


def test_an_undated_detail_still_joins_its_incident():
    text = "Guards clashed with smugglers near Panj on 2 May. Three of the smugglers were killed."
    (props,) = _props(text)
    assert props["fatalities"] == 3 and props["sources"][0]["excerpt"] == text


def test_a_heading_is_not_a_candidate():
    text = "Clash on the border\n\nGuards clashed with smugglers near Panj on 2 May."
    (props,) = _props(text)
    assert props["sources"][0]["excerpt"].startswith("Guards")


def test_a_candidate_with_neither_date_nor_place_is_dropped():
    assert _props("Talks were held, officials said.") == []
    assert len(_props("Talks were held yesterday, officials said.", published=None)) == 1
    assert len(_props("Talks were held in Kulob, officials said.", published=None)) == 1


def test_a_restatement_is_folded_into_the_first_telling():
    first = "Guards clashed with smugglers near Panj on 2 May."
    later = "The clash near Panj on 2 May worried officials."
    text = f"{first}\n\nTrade went on at the crossing.\n\n{later}"
    (props,) = _props(text)
    assert props["id"] == "proposed-1-panj-2025-05-02"
    assert props["sources"][0]["excerpt"] == first  # the unrelated paragraph is left out
    start = text.index(later)
    assert props["ingest"]["restated"] == [{"start": start, "end": start + len(later)}]
    # A later telling that adds a toll gives it to the same incident: one candidate.
    toll = "Two guards were killed in the clash near Panj on 2 May."
    (props,) = _props(f"{first}\n\nTrade went on.\n\n{toll}")
    assert props["fatalities"] == 2 and props["sources"][0]["excerpt"] == first


def test_a_capital_named_as_a_subject_stands_for_its_government():
    text = "On 2 May, officials said that Kabul held talks about the border."
    (props,) = _props(text)
    assert props["place_id"] == "tjk-afg-border"
    (props,) = _props("Officials held talks in Kabul on 2 May about the border.")
    assert (props["place_id"], props["geo_precision"]) == ("kabul", 1)
    (props,) = _props("On 2 May, officials said that Kabul wanted talks.")
    assert (props["place_id"], props["geo_precision"]) == ("kabul", 2)
    assert "as its government" in props["location_note"]


def test_two_capitals_joined_by_and_are_governments():
    text = "دوشنبه و کابل به گفتگو ادامه دادند، اما هیئت‌ها در شهر دوشنبه ماندند."
    hits = mark_governments(text, find_places(text, load_gazetteer()), "fa")
    governments = [PlaceReason.GOVERNMENT in h.reasons for h in hits]
    assert [h.key for h in hits] == ["dushanbe", "kabul", "dushanbe"]
    assert governments == [True, True, False]


def test_a_sentence_naming_no_place_borrows_the_most_precise_earlier_one():
    text = (
        "Guards clashed with smugglers in Farkhor district, near the border, on 2 May. "
        "A soldier was killed in a second clash on 4 May."
    )
    _first, second = _props(text)
    assert (second["place_id"], second["geo_precision"]) == ("farkhor-district", 2)
    assert "earlier sentence" in second["location_note"]


def test_a_meeting_naming_no_place_is_drawn_at_its_first_party_seat():
    text = "President Rahmon held an emergency security meeting on 1 May."
    (props,) = _props(text)
    assert (props["event_type"], props["place_id"], props["geo_precision"]) == (
        "Meeting",
        "dushanbe",
        2,
    )
    assert "seat of the first party named" in props["location_note"]


def test_the_longer_of_two_equally_vague_places_is_chosen():
    text = "A new border post was inaugurated in a mountainous region of Tajikistan in late 2023."
    (props,) = _props(text, published=None)
    assert props["place_id"] == "tjk-mountain-region"
    assert (props["date_start"], props["date_end"]) == ("2023-09-01", "2023-12-31")


# Wire copy: the lead says when it was reported, the next sentence when it happened.
def test_the_day_of_a_report_gives_way_to_the_day_it_happened():
    text = (
        "Двое нарушителей погибли в перестрелке в Фархорском районе, сообщили во вторник "
        "в ГКНБ.\n\nПо данным ведомства, вечером 1 декабря группа попыталась переправиться "
        "через реку."
    )
    (props,) = _props(text, "ru", dt.date(2025, 12, 2))
    assert (props["date_start"], props["date_text"]) == ("2025-12-01", "1 декабря")
    assert props["fatalities"] == 2 and "вечером 1 декабря" in props["sources"][0]["excerpt"]
    fa = "کمیته امنیت ملی تاجیکستان روز سه‌شنبه اعلام کرد که عصر دوشنبه در شهر پنج حمله شد."
    (props,) = _props(fa, "fa", dt.date(2025, 12, 2))
    assert props["date_start"] == "2025-12-01"


def test_a_report_date_alone_is_used_and_said_so():
    text = "Двое нарушителей погибли в перестрелке близ Пянджа, сообщили во вторник в ГКНБ."
    (props,) = _props(text, "ru", dt.date(2025, 12, 3))
    assert props["date_start"] == "2025-12-02" and "reported" in props["date_note"]


def test_a_deadline_does_not_date_an_incident():
    text = (
        "تجري اشتباكات بين القوات وطالبان في بدخشان. ويتزايد القلق مع انسحاب القوات "
        "بحلول 11 سبتمبر 2021."
    )
    assert [p["date_start"] for p in _props(text, "ar", None)] == [None]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fa",
            "مرزبانان تاجیک روز دوشنبه در ولسوالی خواهان درگیر شدند و دو تن کشته شدند. "
            "طالبان این درگیری را در ولسوالی خواهان رد کرد.",
        ),
        ("ar", "قتل جنديان في اشتباك قرب بانج يوم الاثنين. ونفت طالبان وقوع الاشتباك قرب بانج."),
        (
            "ru",
            "В понедельник у Пянджа погибли двое пограничников. "
            "Талибы опровергли нападение у Пянджа.",
        ),
        (
            "tg",
            "Рӯзи душанбе дар ноҳияи Панҷ ду сарҳадбон ҳалок шуданд. "
            "Толибон ҳамларо дар ноҳияи Панҷ рад карданд.",
        ),
    ],
)
def test_a_denial_is_context_of_the_incident_it_denies(lang, text):
    # A denial with no day of its own is said about the incident: it stays beside it, for
    # the reviewer, and never becomes a fragment carrying the incident's place.
    (incident,) = _props(text, lang)
    assert incident["fatalities"] == 2 and incident["event_type"] != "Statement"
    (said,) = incident["ingest"]["context"]
    assert said["kind"] == "denial" and text[said["start"] : said["end"]].strip()
    assert said["start"] >= incident["sources"][0]["end"]


def test_a_denial_on_a_day_of_its_own_is_still_context_of_the_incident_it_denies():
    # A day of its own is not enough: the denial speaks of the attack the article tells.
    text = (
        "Two border guards were killed near Panj on 2 May. "
        "On 4 May the Taliban denied any attack near Panj."
    )
    (incident,) = _props(text)
    assert incident["fatalities"] == 2 and incident["date_start"] == "2025-05-02"
    (said,) = incident["ingest"]["context"]
    assert said["kind"] == "denial" and "4 May" in text[said["start"] : said["end"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Gunmen from Afghanistan attacked a border post in Shamsiddin Shohin district on "
            "2 May and killed one guard. On 3 May the Taliban described the attackers as "
            "destabilising elements.",
        ),
        (
            "fa",
            "روز ۲ مه افراد مسلح از خاک افغانستان به یک پاسگاه مرزی در ولسوالی شمس‌الدین شاهین "
            "حمله کردند و یک مرزبان را کشتند. طالبان روز ۳ مه مهاجمان را عناصر بی‌ثبات‌کننده "
            "توصیف کرد.",
        ),
    ],
)
def test_a_reaction_on_a_day_of_its_own_is_its_own_statement_never_at_the_incidents_place(
    lang, text
):
    # Another party's words on another day that tell none of the incident's facts (no
    # toll, no place, no trigger of their own: "called the attackers …") are news of their
    # own; the incident keeps its date, toll and place, and the statement is drawn at the
    # speaker's seat, never at the incident's place.
    incident, reaction = _props(text, lang)
    assert incident["date_start"] == "2025-05-02" and incident["fatalities"] == 1
    assert incident["place_id"] == "shamsiddin-shohin-district"
    assert reaction["event_type"] == "Statement" and reaction["date_start"] == "2025-05-03"
    assert reaction["place_id"] == "kabul" and reaction["fatalities"] is None


def test_a_statement_telling_the_incident_is_no_candidate_of_its_own():
    # Its own day (3 May) is not enough when it tells the violence ("condemning the attack"
    # names it with a trigger word) or states a fact of it.
    text = (
        "2 мая боевики из Афганистана напали на заставу в Шамсиддин-Шохинском районе, погиб "
        "один пограничник. 3 мая МИД Таджикистана выступил с заявлением, осудив нападение."
    )
    (incident,) = _props(text, "ru")
    assert incident["date_start"] == "2025-05-02" and incident["fatalities"] == 1
    assert incident["place_id"] == "shamsiddin-shohin-district"
    text = (
        "Gunmen attacked a border post in Farkhor on 2 May and killed one guard. On 3 May "
        "the Taliban said in a statement that two guards had died in Farkhor."
    )
    assert [p["event_type"] for p in _props(text)] == ["Battles"]


def test_a_statement_on_another_matter_with_a_day_of_its_own_is_its_own_candidate():
    text = (
        "Gunmen from Afghanistan attacked a border post in Farkhor on 2 May and killed one "
        "guard. On 4 May the foreign ministry issued a statement calling a news agency's "
        "report on joint patrols fabricated."
    )
    incident, statement = _props(text)
    assert incident["fatalities"] == 1 and incident["date_start"] == "2025-05-02"
    assert statement["event_type"] == "Statement" and statement["date_start"] == "2025-05-04"


def test_a_statement_with_no_day_of_its_own_is_no_candidate():
    # An article of talk only: the statement names no day, so there is nothing to map.
    text = "The border troops issued a statement saying the frontier with Afghanistan is calm."
    assert [p for p in _props(text) if p["event_type"] == "Statement"] == []
    text = "On 4 May the border troops issued a statement saying the frontier is calm."
    (statement,) = _props(text)
    assert statement["event_type"] == "Statement" and statement["date_start"] == "2025-05-04"


def test_a_denial_told_before_is_no_denial():
    text = "رویترز، پس از تکذیب حکومت تاجیکستان، روز چهارشنبه در کابل اطلاعیه‌ای منتشر کرد."
    (props,) = _props(text, "fa")
    assert props["ingest"]["trigger"] == "اطلاعیه"


def test_a_statement_framing_an_incident_is_not_a_statement():
    text = (
        "أعلنت الشرطة مقتل اثنين من المهربين في مديرية إمام صاحب. وقال المتحدث في بيان إن "
        "الحادث وقع ليلة ٢١ سبتمبر. وأضاف أن عنصرا من الشرطة أصيب خلال تبادل إطلاق النار."
    )
    (props,) = _props(text, "ar", dt.date(2025, 9, 23))
    assert (props["event_type"], props["date_start"]) == ("Battles", "2025-09-21")
    assert (props["fatalities"], props["injured"]) == (2, 1)


def test_where_they_came_from_is_not_where_it_happened():
    text = "Вечером 1 декабря группа со стороны афганского уезда Даркад обстреляла заставу."
    (props,) = _props(text, "ru", dt.date(2025, 12, 2))
    assert props["place_id"] == "darqad-district" and "came from" in props["location_note"]
    text += " Перестрелка шла в Фархорском районе."
    (props,) = _props(text, "ru", dt.date(2025, 12, 2))
    assert props["place_id"] == "farkhor-district"


@pytest.mark.parametrize(
    ("lang", "text", "killed", "injured"),
    [
        ("ru", "Военнослужащий погиб в результате обстрела, еще один пограничник ранен.", 1, 1),
        ("ru", "В ходе задержания 3 декабря никто не погиб.", None, None),
        ("ru", "3 декабря около 22:00 произошла перестрелка. Погиб военнослужащий.", 1, None),
        ("ar", "أفادت السلطات بمقتل عامل صيني وإصابة اثنين آخرين.", 1, 2),
        ("ar", "قتل جندي طاجيكي وأصيب اثنان آخران في اشتباك.", 1, 2),
        ("tg", "Се нафар дар соҳили дарёи Панҷ аз таркиши мина ҳалок шуданд.", 3, None),
        ("fa", "دو مرزبان در نزدیکی شهر پنج کشته شدند.", 2, None),
        ("fa", "در این درگیری کسی کشته نشد.", None, None),
    ],
)
def test_counts_in_context(lang, text, killed, injured):
    from geo.ingest.counts import casualties

    counts = casualties(text, lang)
    assert (counts.killed, counts.injured) == (killed, injured)


def test_a_dateline_after_the_headline_and_a_town_alone():
    text = "Headline of the story\n\nKABUL, 3 December 2025 - Guards clashed near Panj yesterday."
    (props,) = _props(text, "en", None)
    assert props["date_start"] == "2025-12-02" and props["place_id"] == "panj"
    text = "قندوز (أفغانستان) - قتل جنديان في اشتباك في مديرية إمام صاحب مساء الأربعاء."
    (props,) = _props(text, "ar", dt.date(2025, 12, 4))
    assert props["place_id"] == "imam-sahib-district"  # not Kunduz, where it was filed


def test_russian_actors_in_any_case_and_bare_border_guards():
    from geo.ingest.matching import find_actors
    from geo.vocab import load_actors

    text = (
        "один таджикский пограничник ранен, сообщили в Пограничных войсках ГКНБ Таджикистана; "
        "пограничники задержали вооружённых лиц, причастность афганских пограничников отрицают"
    )
    found = [(h.key, h.text) for h in find_actors(text, load_actors())]
    assert found == [
        ("Tajik Border Forces", "таджикский пограничник"),
        ("Tajik Border Forces", "Пограничных войсках ГКНБ Таджикистана"),
        ("Tajik Border Forces", "пограничники"),
        ("Unidentified Armed Group (Afghanistan)", "вооружённых лиц"),
    ]
