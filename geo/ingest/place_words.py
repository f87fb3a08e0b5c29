"""Words naming a kind of place, by language: the one table that the place matchers take
off a name before comparing letters (`geo.ingest.fuzzy`), and that make the next word a
name rather than a number or a weekday ("شهر پنج" the town of Panj, "дарёи Панҷ" the Panj
river, not five: `geo.ingest.people`, `geo.ingest.matching`)."""

from __future__ import annotations

PLACE_KINDS: dict[str, tuple[str, ...]] = {
    "fa": ("ولسوالی", "ولایت", "شهر", "شهرستان", "ناحیه", "بندر", "دریای"),
    "ar": ("ولاية", "مديرية", "مدیریه", "مدينة"),
    "ru": (
        *("район", "района", "районе", "область", "области", "провинция", "провинции"),
        *("город", "города", "уезд", "уезда"),
    ),
    "tg": ("вилояти", "ноҳияи", "нохияи", "шаҳри", "шахри", "дарёи", "шаҳраки", "деҳаи"),
    "en": ("district", "province", "region", "city", "town", "village"),
}
# A border post or crossing named like a number or a weekday: "پاسگاه پنج" (the Panj post,
# not five), "посгоҳи Панҷ".
POST_WORDS: dict[str, tuple[str, ...]] = {
    "fa": ("پاسگاه", "گذرگاه", "قرارگاه"),
    "tg": ("посгоҳи", "гузаргоҳи", "заставаи"),
}
