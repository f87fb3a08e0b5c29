"""Every language the ingest reads has every word table (`geo.ingest.packs`)."""

from __future__ import annotations

import dataclasses

import pytest

from geo.ingest.lang import LANGS
from geo.ingest.packs import pack


@pytest.mark.parametrize("lang", LANGS)
def test_a_language_pack_lacks_no_table(lang):
    p = pack(lang)
    for f in dataclasses.fields(p):
        value = getattr(p, f.name)
        assert value, f"{lang}: {f.name} is empty"
    assert all(p.triggers.values()), f"{lang}: an event type has no trigger words"
    assert all(p.victims.values()), f"{lang}: a class of victims has no nouns"
    assert len(p.months) == 12 and all(p.months)
    assert len(p.weekdays) == 7 and all(p.weekdays)


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_one_to_five_are_read_in_every_language(lang):
    assert {1, 2, 3, 4, 5} <= set(pack(lang).numbers.values())
