"""Trigger words by language: what suggests an event type, and what makes a trigger not this
sentence's event ("after the attack", "the fight against smuggling", "fighters").

The tables only; `geo.ingest.events` applies them.
"""

from __future__ import annotations

from geo.model import EventType

# Words of guarding changing hands, or of who guarded until when: "took over guarding the
# border", "was responsible for guarding the border until 2005" (the year it changed hands).
HANDOVER: dict[str, list[str]] = {
    "fa": [
        *("مسئولیت حفاظت", "مسئولیت حراست", "تحویل گرفت", "تحویل داد"),
        *("مسئول حفاظت", "مسئول حراست"),
    ],
    "ar": [
        *("تولت", "تولى", "تسلمت مسؤولية", "تسلم مسؤولية", "سلمت مسؤولية"),
        *("مسؤولة عن حراسة", "مسؤولا عن حراسة", "مسؤولة عن حماية"),
    ],
    "ru": [
        *("передала охрану", "передал охрану", "передачи охраны", "передача охраны"),
        *("взяла под охрану", "взял под охрану", "взяли под охрану"),
        *("отвечала за охрану", "отвечали за охрану", "отвечал за охрану"),
    ],
    "tg": ["ҳифзи сарҳадро ба ӯҳда гирифт", "масъулияти ҳифзи", "масъули ҳифзи"],
    "en": [
        *("took over responsibility", "handed over responsibility", "took over guarding"),
        *("handed over guarding", "handover of", "responsible for guarding"),
        "responsible for protecting",
    ],
}
# Trigger stems by language and the event type each suggests (first match wins, in order).
# Russian "похитили/похищен" and whom it takes when it means abducting (word beginnings).
_TAKING_RU = ("похитил", "похитила", "похитили", "похищен", "похищена", "похищены")
_TAKEN_RU = (
    *("жител", "граждан", "человек", "люд", "пастух", "пограничник", "военнослужащ"),
    *("солдат", "рабоч", "работник", "инженер", "двух", "трех", "трёх", "одного"),
)
TRIGGERS: dict[EventType, dict[str, list[str]]] = {
    EventType.EXPLOSIONS: {
        "fa": [
            *("پهپاد", "انفجار", "بمب", "ماین", "مین", "راکت", "خمپاره", "موشک"),
            *("حمله هوایی", "حملات هوایی"),
        ],
        "ar": [
            *("انفجار", "طائرة مسيرة", "مسيرة", "قذيفة", "قذائف", "صاروخ", "لغم", "عبوة"),
            *("غارة جوية", "غارات جوية", "قصف جوي"),
        ],
        "ru": [
            "взрыв",
            "подрыв",
            "подорва",
            "беспилотник",
            "дрон",
            "мина",
            "на мине",
            "на мину",
            "миномет",
            "ракет",
            "обстрел",
            "авиаудар",
            "бомбардиров",
        ],
        "tg": ["таркиш", "дрон", "ҳавопаймои бесарнишин", "мина", "мушак", "бомбаборон"],
        # Not "mine": in this region it is as often a gold mine as a landmine.
        "en": [
            *("explosion", "drone", "bomb", "landmine", "shelling", "rocket", "mortar"),
            *("air strike", "airstrike", "air raid", "air attack"),
        ],
    },
    EventType.BATTLES: {
        "fa": [
            *("درگیری", "درگیر شد", "تبادل آتش", "تیراندازی", "شلیک", "زد و خورد", "نبرد"),
            *("حمله", "جنگ"),
        ],
        "ar": [
            "اشتباك",
            "تبادل إطلاق النار",
            "تبادل لإطلاق النار",
            "إطلاق نار",
            "معارك",
            "هجوم",
            "هجمات",
            "هاجم",
            "مواجهة",
            "فتحت النار",
            "فتح النار",
            "فتحوا النار",
            "أطلق النار",
            "أطلقت النار",
            "أطلقوا النار",
            "تبادلا لإطلاق النار",
        ],
        "ru": [
            "перестрелк",
            "стычк",
            "бой",
            "боестолкновени",
            "столкновени",
            "столкнул",
            "нападени",
            "напал",
            "атак",
            "огонь",
        ],
        # "задухурд" is how "задухӯрд" (clash) is often typed without the Tajik letter ӯ.
        "tg": ["задухӯрд", "задухурд", "тирпарронӣ", "ҳамла", "набард", "тирандозӣ", "тир холӣ"],
        "en": [
            "clash",
            "firefight",
            "exchange of fire",
            "exchanged fire",
            "gunfight",
            "gun battle",
            "skirmish",
            "attack",
            "shootout",
            "fighting",
            "opened fire",
            "fired on",
            "fired at",
        ],
    },
    # Taking people: violence against civilians whoever they are (ACLED's abduction).
    EventType.VIOLENCE_AGAINST_CIVILIANS: {
        "fa": ["ربودند", "ربوده شد", "به گروگان گرفت", "گروگان گرفته"],
        "ar": ["اختطف", "خطف", "احتجزوا رهائن", "أخذوا رهائن", "كرهائن", "كرهينة"],
        # "похитили" also means "stole" ("похитили автомобиль"): people only.
        "ru": [
            *(f"{verb} {who}" for verb in _TAKING_RU for who in _TAKEN_RU),
            *("похищение человека", "похищение людей", "похищения человека"),
            *("взяты в заложники", "взяли в заложники", "взят в заложники"),
        ],
        "tg": ["рабуданд", "рабуда шуд", "ба гаравгон гирифт", "гаравгон гирифта"],
        "en": ["kidnapped", "abducted", "taken hostage", "took hostage", "were seized as hostages"],
    },
    EventType.MEETING: {
        "fa": ["دیدار", "نشست", "ملاقات", "گفتوگو", "گفت‌وگو", "گفتگو", "مذاکره", "مذاکرات"],
        "ar": ["اجتماع", "اجتماعات", "محادثات", "لقاء", "مباحثات", "مفاوضات", "محادثته الهاتفية"],
        "ru": ["встреч", "переговор", "совещани"],
        "tg": ["вохӯрӣ", "мулоқот", "гуфтушунид", "ҷаласа"],
        "en": ["met ", "meeting", "talks", "phone call"],
    },
    EventType.STATEMENT: {
        "fa": ["بیانیه", "اعلامیه", "اطلاعیه"],
        "ar": ["بيان", "تصريح", "أعلن"],
        "ru": ["заявлени"],
        "tg": ["изҳорот", "баёнот"],
        "en": ["statement"],
    },
    EventType.STRATEGIC: {
        "fa": [
            "بازداشت",
            "دستگیر",
            "ضبط",
            "قاچاق",
            "تصمیم گرفت",
            "افتتاح",
            "مستقر کرد",
            "رزمایش",
            "تمرینات نظامی",
            "توافقنامه",
            *HANDOVER["fa"],
        ],
        "ar": [
            *("اعتقال", "ضبط", "تهريب", "احتجاز", "قرار", "افتتاح", "اتفاق", "مناورات"),
            *HANDOVER["ar"],
        ],
        "ru": [
            *("задержа", "изъят", "контрабанд", "наркотик", "решени", "соглашени", "учения"),
            *HANDOVER["ru"],
        ],
        "tg": [
            *("боздошт", "мусодира", "қочоқ", "маводи мухаддир", "қарор", "созишнома"),
            *HANDOVER["tg"],
        ],
        "en": [
            "arrested",
            "detained",
            "seized",
            "smuggl",
            "decision",
            "decided",
            "agreement",
            "inaugurat",
            "deployed",
            "military exercise",
            *HANDOVER["en"],
        ],
    },
}
# Verbs of saying: a statement only when the sentence also names an actor of the vocabulary
# and dates what was said (undated "X said" is the article quoting, not an event).
SPEECH: dict[str, list[str]] = {
    "fa": ["گفت", "اعلام کرد", "هشدار داد", "اظهار داشت", "توصیف کرد", "تاکید کرد"],
    "ar": ["قال", "أكد", "صرح", "حذر", "أعرب"],
    "ru": ["заявил", "сообщил", "предупредил", "подчеркнул"],
    "tg": ["гуфт", "изҳор дошт", "эълон кард", "ҳушдор дод"],
    "en": ["said", "announced", "warned", "stated", "described"],
}
# Words that begin with a trigger stem but are not that event: a fighter is not a war, a
# forest not a battle, talks ("گفتگو") not a saying, Russian fighters ("бойцы") not a fight,
# smugglers (people) not smuggling (an act).
NOT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "جنگ": ("جنگجو", "جنگل"),
    "گفت": ("گفتگو", "گفتوگو", "گفت‌وگو"),
    "бой": ("бойц", "бойкот"),
    "قاچاق": ("قاچاقچی", "قاچاقبر"),
    "اجتماع": ("اجتماعی", "اجتماعیه", "اجتماعیة"),  # social, not a meeting (folded ی)
    "smuggl": ("smuggler",),
    "контрабанд": ("контрабандист",),
    "қочоқ": ("қочоқбар",),
    # Who attacked is no attack: "described the attackers as …".
    "attack": ("attacker",),
    "ҳамла": ("ҳамлагар",),
}
# A trigger right before one of these (or with one word between) is figurative: "to
# confront the growing security challenges" is no clash.
FIGURATIVE: dict[str, list[str]] = {
    "fa": ["چالش", "تهدید", "خطر"],
    "ar": ["التحديات", "تحديات", "التهديدات", "تهديدات", "المخاطر", "مخاطر"],
    "ru": ["вызов", "угроз", "риск"],
    "tg": ["чолиш", "таҳдид", "хатар"],
    "en": ["challenge", "threat", "risk"],
}
# A trigger right after one of these (or after one with "the", "this" between) names an
# event told before, that the sentence refers back to: "after the attack, officials met",
# "at that same meeting".
AFTER: dict[str, list[str]] = {
    "fa": ["پس از", "بعد از", "در پی", "به دنبال", "همین"],
    "ar": ["بعد", "عقب", "إثر", "اثر", "في أعقاب", "نفس"],
    "ru": ["после", "вслед за", "том же", "той же"],
    "tg": ["пас аз", "баъд аз", "баъди", "ҳамон"],
    "en": ["after", "following", "followed", "since", "same"],
}
DETERMINERS: dict[str, list[str]] = {
    "fa": ["این", "آن"],
    "ar": ["هذا", "هذه", "ذلك", "تلك"],
    "ru": ["этого", "этой", "того", "той", "этих"],
    "tg": ["ин", "он"],
    "en": ["the", "this", "that", "these", "those", "a", "an"],
}
# A trigger up to two words after one of these is a topic, not an incident: "the fight
# against terrorism and smuggling", "threatened an attack".
TOPIC: dict[str, list[str]] = {
    "fa": ["مبارزه با", "مقابله با", "تهدید به", "خطر"],
    "ar": ["مكافحة", "لمكافحة", "ومكافحة", "التهديد", "تهديد"],
    "ru": ["борьбы с", "борьба с", "борьбе с", "борьбу с", "угрозы", "угроза", "угрозу"],
    "tg": ["мубориза бо", "муборизаи зидди", "таҳдиди"],
    "en": ["fight against", "combating", "threat of", "threatened", "risk of", "countering"],
}
# Right after a word of meeting, these make it an interview, not a meeting: "در گفتگو با
# رسانه‌ها" (talking to the media), "в беседе с журналистами".
INTERVIEW: dict[str, list[str]] = {
    "fa": ["با رسانه", "با خبرنگار", "با خبرگزاری", "با تلویزیون", "با رادیو", "اختصاصی"],
    "ar": ["مع وكالة", "مع قناة", "مع صحيفة", "مع الصحفيين", "مع الصحافيين", "لوكالة", "لقناة"],
    "ru": ["с журналист", "с корреспондент", "с агентств", "с издани", "с телеканал", "с радио"],
    "tg": ["бо хабарнигор", "бо расона", "бо хабаргузорӣ", "бо радиои"],
    "en": ["with reporters", "with journalists", "with the agency", "with the newspaper"],
}
# Words of killing and injuring (`geo.ingest.counts` reads the numbers that go with them).
# "Neutralised", "liquidated", "destroyed" said of people are read as killed (the note of
# the count says which words were read).
KILLED = {
    "fa": [
        *("کشته", "جان باخت", "جان خود را از دست", "هلاک", "جان سپرد", "نابود", "کشتن"),
        *("از پا درآمد", "از پا در آمد", "به قتل رسید", "به هلاکت رسید", "از بین برد"),
        *("از بین رفت",),
    ],
    "ar": ["مقتل", "قتل", "قتلى", "لقي حتفه", "لقوا حتفهم", "مصرع", "قتيل", "تحييد", "القضاء على"],
    "ru": [
        *("погиб", "убит", "гибел", "скончал", "ликвидир", "уничтож", "нейтрализ", "застрел"),
        *("обезвред", "обезвреж", "убил", "убив"),
        *("тела", "трупы"),
    ],
    "tg": ["кушта", "ҳалок", "фавтид", "ба ҳалокат", "нобуд", "безарар", "зарарсон"],
    "en": [
        *("killed", "dead", "died", "death", "neutralised", "neutralized", "eliminated"),
        *("bodies of", "killing"),  # "…, killing two guards"
    ],
}
INJURED = {
    "fa": ["زخمی", "مجروح", "جراحت"],
    "ar": ["إصابة", "أصيب", "جرحى", "جريح", "مصاب", "جرح"],
    "ru": ["ранен", "ранения", "пострадал"],
    "tg": ["захмӣ", "захми", "захмдор", "маҷрӯҳ", "маҷруҳ", "ярадор", "ҷароҳат"],
    "en": ["injured", "wounded", "hurt", "injuring", "wounding"],
}
# Who a count is of, by the word after the number (or, in Arabic, the word itself): a later
# sentence restating "two border guards" does not add two more, but "three militants" does.
VICTIMS: dict[str, dict[str, list[str]]] = {
    "security": {
        "fa": ["سرباز", "مرزبان", "نیرو", "پولیس", "پلیس", "افسر", "نظامی", "عسکر", "محافظ"],
        "ar": ["جند", "جنود", "حرس", "حارس", "شرط", "ضابط", "عسکری"],
        "ru": [
            *("пограничн", "военнослужащ", "солдат", "офицер", "военн", "полицейск", "погранич"),
            *("погранслужб", "погранвойск"),
        ],
        "tg": ["сарбоз", "марзбон", "сарҳадбон", "низомӣ", "хизматчи", "афсар", "полковник"],
        "en": ["soldier", "guard", "officer", "police", "servicem", "troop", "serviceman"],
    },
    "militant": {
        "fa": [
            *("مهاجم", "تروریست", "قاچاقبر", "قاچاقچی", "شورشی", "جنگجو", "مسلح", "طالب", "عضو"),
            "اعضای",
        ],
        "ar": ["مسلح", "ارهاب", "مهرب", "مهاجم", "متسلل", "مقاتل", "اعضاء", "عضو"],
        "ru": [
            *("боевик", "террорист", "нарушител", "контрабандист", "наркокурьер", "нападавш"),
            *("член", "наркоконтрабандист", "вооруженн", "вооружённ", "главар", "подельник"),
            *("сообщник",),
        ],
        "tg": ["ҷангҷӯ", "террорист", "қочоқбар", "ҷинояткор", "силоҳбадаст", "ҳамлагар", "аъзо"],
        "en": [
            *("militant", "gunm", "fighter", "attacker", "smuggler", "terrorist", "insurgent"),
            *("trespasser", "intruder", "violator", "assailant", "infiltrator", "member"),
            *("accomplice", "ringleader"),
        ],
    },
    "civilian": {
        "fa": [
            *("کارگر", "غیرنظامی", "شهروند", "باشنده", "ملکی", "چینی", "راننده", "مهندس"),
            *("تبعه", "اتباع"),
        ],
        "ar": ["عمال", "عامل", "مدنی", "مدني", "مواطن", "صینی", "سائق", "مهندس"],
        "ru": ["рабоч", "граждан", "мирн", "жител", "китай", "водител", "инженер"],
        "tg": ["коргар", "сокин", "шаҳрванд", "ғайринизом", "чин", "ронанда", "муҳандис"],
        "en": [
            *("worker", "civilian", "resident", "villager", "chinese", "driver", "engineer"),
            *("nationals", "citizen"),
        ],
    },
}
# After these a number is part of a total already counted: "five killed, including two
# soldiers", "в том числе двое", "از جمله دو", "بينهم اثنان", "аз ҷумла ду".
INCLUDING = {
    "fa": ["از جمله", "شامل"],
    "ar": ["بينهم", "بينهما", "منهم", "من بينهم"],
    "ru": ["том числе", "из них", "среди них"],
    "tg": ["аз ҷумла", "аз онҳо"],
    "en": ["including", "among them", "of them", "of whom"],
}
