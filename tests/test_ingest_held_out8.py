"""Rules found through held-out set 8 of real articles (`held_out_set` 8 in
`bench/ingest_real.json`, scored first before any rule was changed for it): each
difficulty again in a short article written for this test (never an outlet's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.ingest import props_on, violent

_props = props_on(dt.date(2025, 9, 9))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fa",
            "تاجیکستان سه هزار تن کمک برای آسیب‌دیدگان زلزله شرق افغانستان فرستاد.\n\n"
            "زلزله‌ای که در نهم شهریور رخ داد دست‌کم دو هزار کشته و سه هزار زخمی بر جای گذاشت.",
        ),
        (
            "en",
            "Tajikistan sent flour and tents across the Panj bridge for Afghan flood victims.\n\n"
            "The floods that struck Badakhshan on 31 August killed 40 people and injured 70.",
        ),
        (
            "ru",
            "Таджикистан направил гуманитарную помощь пострадавшим от землетрясения в "
            "Афганистане. По данным властей, 31 августа погибли более двух тысяч человек.",
        ),
    ],
)
def test_the_dead_of_a_quake_or_a_flood_are_no_incidents_toll(lang, text):
    assert violent(_props(text, lang)) == []


def test_violence_told_beside_a_quake_keeps_its_toll():
    text = (
        "On 31 August gunmen killed two aid workers carrying earthquake relief near Farkhor, "
        "police said."
    )
    (props,) = violent(_props(text, "en"))
    assert props["fatalities"] == 2
