"""More of what real border news does that broke ingest, each difficulty in a short text
written for this test (never an outlet's words). See `test_ingest_real_difficulties` for
the first ones; `python -m bench.ingest_real` measures them on the real articles."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest import propose
from geo.ingest.counts import casualties

PUBLISHED = dt.date(2025, 12, 4)  # a Thursday


def _props(text: str, lang: str, published: dt.date | None = PUBLISHED) -> list[dict]:
    return [f["properties"] for f in propose(text, "x.txt", lang, published)["features"]]


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
