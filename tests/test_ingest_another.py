"""An incident told as another of the same news ("in another clash near the city, four
were wounded") in an article that dates nothing: of the lead's news days, as the lead's
incident is, not undated; and its own incident, not added to the lead's toll. Found
through held-out set 1 (a Persian report of a post attacked and, "in another clash"
north of a provincial centre, soldiers wounded); written again for this test in Persian
and English (never an outlet's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.reasons import NEWS_DAY, NEWS_DAY_ANOTHER
from tests.helpers.ingest import props_on, violent

PUBLISHED = dt.date(2021, 3, 10)
_props = props_on(PUBLISHED)

_TWO = {
    "fa": (
        "مرزبانان افغانستان از کشته شدن دو سرباز در حمله طالبان بر یک پاسگاه در ولسوالی "
        "خواجه غار ولایت تخار خبر دادند.\n\n"
        "سخنگوی پولیس تخار گفت نیروهای امنیتی برای عقب راندن مهاجمان عملیات کردند.\n\n"
        "او افزود در درگیری دیگر در نزدیکی شهر طالقان چهار سرباز زخمی شده اند.\n"
    ),
    "en": (
        "Taliban fighters killed two Afghan border policemen in an attack on a post in "
        "Khwaja Ghar district of Takhar province, officials said.\n\n"
        "A police spokesman said troops pushed the attackers back.\n\n"
        "In another clash near the city of Taloqan, four soldiers were wounded, he added.\n"
    ),
}
NEWS_DAYS = (str(PUBLISHED - dt.timedelta(days=1)), str(PUBLISHED))


@pytest.mark.parametrize("lang", sorted(_TWO))
def test_another_clash_is_its_own_incident_of_the_leads_news_days(lang):
    first, other = violent(_props(_TWO[lang], lang))
    assert (first["fatalities"], first["injured"]) == (2, None)
    assert (first["date_start"], first["date_end"]) == NEWS_DAYS
    assert first["date_note"] == NEWS_DAY
    assert (other["fatalities"], other["injured"], other["place_id"]) == (None, 4, "taloqan")
    assert (other["date_start"], other["date_end"]) == NEWS_DAYS
    assert other["date_note"] == NEWS_DAY_ANOTHER


def test_another_clash_with_its_own_day_keeps_it():
    text = _TWO["en"].replace("In another clash near", "In another clash on 2 March near")
    _, other = violent(_props(text, "en"))
    assert (other["date_start"], other["date_end"]) == ("2021-03-02", "2021-03-02")


def test_no_news_days_guessed_when_the_article_dates_its_news():
    # The lead's own day ("on Tuesday … killed"): the other clash may be of another day.
    text = _TWO["en"].replace("Taliban fighters killed", "Taliban fighters on Tuesday killed")
    first, other = violent(_props(text, "en"))
    assert (first["date_start"], first["date_end"]) == ("2021-03-09", "2021-03-09")
    assert other["date_start"] is None and other["date_note"] != NEWS_DAY_ANOTHER


def test_without_a_publication_day_nothing_is_guessed():
    found = violent(_props(_TWO["en"], "en", None))
    assert [p["date_start"] for p in found] == [None, None]
