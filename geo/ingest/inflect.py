"""Russian case forms of the gazetteer's area names, so "в Фархорском районе" finds
"Фархорский район" and "Хатлонской области" finds "Хатлонская область".

Only the words a name is built from inflect here: adjectives (-ский, -ный, -ая …) and the
area nouns (район, область, провинция, уезд, граница, река). A proper name after the noun
("район Дусти", "уезд Ишкашим") stays as written; the matcher already lets a Russian name
take a short ending ("в Пяндже").
"""

from __future__ import annotations

import re

from geo.ingest.words import fold
from geo.spellings import ru_stem

# Case order: nominative, genitive, dative, instrumental, prepositional, accusative.
_ADJECTIVES = {
    "ский": ("ский", "ского", "скому", "ским", "ском", "ский"),
    "ный": ("ный", "ного", "ному", "ным", "ном", "ный"),
    "ской": ("ской", "ского", "скому", "ским", "ском", "ской"),
    "ская": ("ская", "ской", "ской", "ской", "ской", "скую"),
    "ная": ("ная", "ной", "ной", "ной", "ной", "ную"),
    "ское": ("ское", "ского", "скому", "ским", "ском", "ское"),
}
_NOUNS = {
    "район": ("район", "района", "району", "районом", "районе", "район"),
    "уезд": ("уезд", "уезда", "уезду", "уездом", "уезде", "уезд"),
    "область": ("область", "области", "области", "областью", "области", "область"),
    "провинция": ("провинция", "провинции", "провинции", "провинцией", "провинции", "провинцию"),
    "граница": ("граница", "границы", "границе", "границей", "границе", "границу"),
    "река": ("река", "реки", "реке", "рекой", "реке", "реку"),
}
_CASES = 6
_WORD = re.compile(r"[^\s\-]+|[\s\-]+")


def _word_form(word: str, case: int) -> str | None:
    """The word in a case, or None when it does not inflect here."""
    low = word.lower()
    if low in _NOUNS:
        return _keep_case(word, _NOUNS[low][case])
    for ending, forms in _ADJECTIVES.items():
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return word[: len(word) - len(ending)] + forms[case]
    return None


def _keep_case(word: str, form: str) -> str:
    return form.capitalize() if word[:1].isupper() else form


def russian_forms(name: str) -> list[str]:
    """Every case form of an area name, the name itself first; [name] when nothing inflects."""
    parts = _WORD.findall(name)
    if not any(_word_form(p, 0) for p in parts):
        return [name]
    forms = [name]
    for case in range(1, _CASES):
        form = "".join(_word_form(p, case) or p for p in parts)
        if form not in forms:
            forms.append(form)
    return forms


_STEMMED = re.compile(r"[а-яё]{4,}", re.IGNORECASE)


def russian_pattern(name: str) -> str:
    """A regex for a Russian name in any case and number: each word of four letters or more
    is its stem and up to three letters of ending, so "таджикские пограничники" finds
    "таджикский пограничник" and "Пограничные войска" finds "Пограничных войсках"."""
    parts = []
    for word in fold(name).split():
        if _STEMMED.fullmatch(word):
            parts.append(re.escape(ru_stem(word.lower())) + "[а-яё]{0,3}")
        else:
            parts.append(re.escape(word))
    return r"[\s\u200c]+".join(parts)
