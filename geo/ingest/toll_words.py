"""Word tables for reading tolls, by language: who is counted, the verbs and words around a
count, and what ends a group. The tables only; `geo.ingest.people` and `geo.ingest.counts`
read them (numbers themselves are in `geo.numbers`)."""

from __future__ import annotations

from geo.ingest.place_words import PLACE_KINDS, POST_WORDS

# Words for people that name no class of victims (those are `triggers.VICTIMS`, which
# `geo.ingest.people` reads as people too): "نفر", "человек", "عناصر" (members of whom
# the next words say).
PERSON_NOUNS = {
    "fa": ["نفر", "تن"],
    "ar": ["عناصر", "أشخاص", "شخص", "آخرين"],
    "ru": ["человек", "командир", "заместител", "начальник", "напарник"],
    "tg": ["нафар", "тан"],
    "en": ["people", "person"],
}


# Words for people at large right after a number: "five people were killed in an armed
# clash" counts people, whatever class a later word names ("خمسة أشخاص في اشتباك مسلح":
# "مسلح" is the clash's, not the victims'), unless "of" follows ("سه تن از مرزبانان").
PEOPLE_AT_LARGE = {
    "fa": ["نفر", "تن"],
    "ar": ["أشخاص", "اشخاص", "شخص", "شخصا", "أشخاصا"],
    "ru": ["человек", "человека"],
    "tg": ["нафар", "тан"],
    "en": ["people", "persons", "person"],
}
OF_WORDS = frozenset({"از", "من", "из", "аз", "of"})


# Verbs that say one person was killed or hurt (Russian singular past).
SINGULAR_VERBS = {
    "ru": {
        "killed": (
            *("погиб", "погибла", "убит", "убита", "скончался", "скончалась"),
            *("уничтожен", "ликвидирован", "застрелен"),
        ),
        "injured": ("ранен", "ранена"),
    },
}


# Arabic nouns for one person: after a noun or verb of killing ("مقتل عامل صيني"), or
# up to three words before a verb of it ("عنصرا من الشرطة أصيب").
ONE_PERSON_AR = (
    *("جندي", "عنصر", "عامل", "مواطن", "شخص", "حارس", "شرطي", "مدني", "طفل", "مهرب"),
    *("مسلح", "ضابط", "مزارع", "راع"),
    # Ranks name one person: "مقتل العقيد" (the colonel's death).
    *("عقيد", "قائد", "رائد", "نقيب", "ملازم", "رقيب", "عريف"),
)


# Arabic verbs (not nouns) of killing and injuring: their subject may stand before them
# ("إن جنديين من حرس الحدود قتلا"), up to AR_SUBJECT words back.
VERBS_AR = (
    *("أصيب", "أصيبت", "أصيبا", "أصيبوا", "قتل", "قتلت", "قتلا", "قتلوا"),
    *("لقي", "لقيا", "لقوا", "توفي"),
)


AR_SUBJECT = 4


WINDOW = 12  # tokens between a number and its verb


# Dari and Tajik put the verb last, after the place and the circumstances: look further.
WINDOW_VERB_LAST = 22


# Where the number stands: before the verb in Dari and Tajik (verb last), after the
# noun of killing in Arabic ("مقتل خمسة"), either side in Russian and English.
LOOK = {"fa": (True, False), "tg": (True, False), "ar": (False, True)}


# A number across "and" or a comma usually belongs to another clause.
CLAUSE_BREAKS = {"و", "and", "и", "а", "ва", ",", "،", ";", "؛"}


# Words before "پنج"/"Панҷ" that make it the town or the river, not five.
# Words of nearness make the next word a place too: "در نزدیکی پنج" (near Panj), not five.
NEAR_WORDS = {"fa": ("نزدیکی", "نزدیک", "حوالی", "نزد"), "tg": ("наздикии", "назди", "атрофи")}
NAME_CUES = {
    lang: (*PLACE_KINDS[lang], *NEAR_WORDS[lang], *POST_WORDS[lang]) for lang in ("fa", "tg")
}


# "Nobody was killed": a verb of killing denied counts nothing. Russian and English deny
# before the verb ("никто не погиб"), Dari and Tajik after it ("کسی کشته نشد", "захмӣ нашуд").
# "Without" before a wound word denies it too: "освобождены без ранений", "released
# without injuries", "بدون إصابات", "بدون زخم", "бе захм".
NEGATED_BEFORE = {
    "ru": ("не", "никто", "нет", "без"),
    "en": ("not", "no", "nobody", "none", "without"),
    "ar": ("بدون", "دون"),
    "fa": ("بدون", "بی"),
    "tg": ("бе", "бидуни"),
}


NEGATED_AFTER = {"fa": ("نشد", "نشده", "نگردید"), "tg": ("нашуд", "нагардид", "нашудааст")}


YEARS = (1900, 2099)  # four digits in this range are a year, not a count


# Words that join two counted groups, and words that end the groups of one verb.
AND_WORDS = frozenset({"و", "and", "и", "ва", "а также", ",", "،", "plus"})


ENDS_GROUP = frozenset({";", "؛", "but", "но", "اما", "ولی", "лекин", "аммо", "لكن"})


# Dari and Tajik verbal nouns put the count after them: "کشته شدن سه تن", "кушта шудани ду".
VERBAL_NOUNS = {"fa": ("شدن", "کردن"), "tg": ("шудани", "шудан", "кардани")}


VERBAL_NOUN_REACH = 4


# Dari and Tajik say one person with a singular auxiliary after the word of killing: "کشته
# شد" (was killed; "کشته شدند": were), "ҳалок гардид" ("ҳалок гардиданд": plural).
SINGULAR_AUX = {
    "fa": frozenset({"شد", "گردید", "شده", "شدهاست", "گردیده"}),
    "tg": frozenset({"шуд", "гардид", "шудааст", "гардидааст", "гашт", "гардида", "шуда"}),
}


# Prepositions that end the noun phrase after a number: who is counted stands before them.
PHRASE_ENDS = frozenset(
    {
        *("by", "in", "on", "near", "at", "during", "from", "with", "after"),
        *("в", "во", "на", "от", "со", "при", "после", "у", "возле"),
        *("در", "توسط", "به", "با", "نزدیک"),  # not از: "سه تن از مرزبانان" (three of)
        *("في", "على", "قرب", "خلال", "بعد"),  # not من: "ثلاثة من المسلحين"
        *("дар", "тавассути", "ба", "бо", "назди"),
    }
)


# An article counts one when it is joined to a counted group: "two engineers and a driver".
ONE_JOINED = {"en": frozenset({"a", "an", "another"})}
# After a Russian verb in the singular, "и его подельник" is one more person ("уничтожен
# главарь банды … и его подельник": two); a plural noun after it ("и его подельники") is
# no number.
COMPANION = {"ru": frozenset({"его", "её", "ее"})}


# "Mortally wounded" is a death, not an injury ("получил смертельное ранение").
MORTAL = ("смертельн", "mortally", "fatally", "مرگبار", "قاتله")

# Quantities that state no number: "несколько", "several", "چند", "عدة", "якчанд".
VAGUE_QUANTITY = {
    "en": frozenset({"several", "dozens", "many", "some", "scores"}),
    "ru": frozenset({"несколько", "десятки", "многие", "ряд"}),
    "fa": frozenset({"چند", "چندین", "دهها", "شماری"}),
    "ar": frozenset({"عده", "عشرات", "بعض", "العدید"}),
    "tg": frozenset({"якчанд", "чанд", "даҳҳо"}),
}

# Words opening a condition: a death after one in its clause is no toll ("medals if they
# capture or kill a smuggler", "если он будет убит", "اگر کشته شود", "إذا قُتل").
CONDITIONAL = {
    "en": ("if", "unless", "whether"),
    "ru": ("если", "ежели"),
    "fa": ("اگر", "درصورتی که", "در صورتی که", "چنانچه"),
    "tg": ("агар", "дар сурате ки"),
    "ar": ("إذا", "لو"),  # not "إن": after a verb of saying it is "that"
}


# A road accident is no violent event, whatever its toll ("a border troops vehicle crashed
# into a minivan: two killed"), nor the charge that follows one ("violation of traffic rules
# entailing death").
ACCIDENT = {
    "fa": [
        *("تصادف", "سانحه ترافیکی", "سانحه رانندگی", "حادثه ترافیکی", "واژگون"),
        "راهنمایی و رانندگی",
    ],
    "ar": ["حادث سير", "حادث مروري", "حادثة سير", "اصطدام", "انقلاب سيارة", "قواعد المرور"],
    "ru": ["дтп", "дорожно-транспортн", "авари", "опрокинул", "правил дорожного движения"],
    "tg": ["садамаи нақлиёт", "садамаи роҳ", "садама", "қоидаҳои ҳаракат"],
    "en": [
        *("traffic accident", "road accident", "car accident", "crashed into", "accident"),
        "traffic rules",
    ],
}
