"""Which language an article is in, told from its script."""

from __future__ import annotations

LANGS = ("fa", "ar", "ru", "tg", "en")
_TAJIK = frozenset("ҳҷқғӣӯҲҶҚҒӢӮ")
_PERSIAN = frozenset("پچژگیک")
_ARABIC_ONLY = frozenset("يكة")


def _counts(text: str) -> dict[str, int]:
    counts = {"arabic": 0, "cyrillic": 0, "latin": 0, "tajik": 0, "persian": 0, "arabic_only": 0}
    for ch in text:
        if "\u0600" <= ch <= "\u06ff":
            counts["arabic"] += 1
            counts["persian"] += ch in _PERSIAN
            counts["arabic_only"] += ch in _ARABIC_ONLY
        elif "\u0400" <= ch <= "\u04ff":
            counts["cyrillic"] += 1
            counts["tajik"] += ch in _TAJIK
        elif ch.isascii() and ch.isalpha():
            counts["latin"] += 1
    return counts


def detect_lang(text: str) -> str | None:
    """Guess fa/ar/ru/tg/en from the letters used; None when there are no letters at all."""
    c = _counts(text)
    script = max(("arabic", "cyrillic", "latin"), key=lambda k: c[k])
    if c[script] == 0:
        return None
    if script == "arabic":
        # Persian letters (پ چ ژ گ, Persian yeh and keheh) outnumber Arabic-only ي ك ة in Dari.
        return "fa" if c["persian"] > c["arabic_only"] else "ar"
    if script == "cyrillic":
        # Tajik's ҳ ҷ қ ғ ӣ ӯ are frequent; one or two may be a quoted name in Russian.
        return "tg" if c["tajik"] >= max(3, c["cyrillic"] // 100) else "ru"
    return "en"
