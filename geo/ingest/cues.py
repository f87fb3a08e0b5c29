"""Words that tell how a sentence stands to an incident, by language: it refers back to
one told before, names its assailants, sums up a period, says it happened, likens it to
another, dates a publication, or counts "since" a month.

The tables only; `geo.ingest.analysis`, `geo.ingest.events` and `geo.ingest.grouping` apply
them (trigger words and tolls are in `geo.ingest.triggers`).
"""

from __future__ import annotations

# Words that refer back to an incident told before: a sentence holding one gives that
# incident its date or place ("The raid took place on the night of 3 Hamal").
BACK_REFERENCES = {
    "fa": ["این حمله", "این حادثه", "این رویداد", "این درگیری", "این انفجار", "این واقعه", "حادثه"],
    "ar": ["الهجوم", "الحادث", "الحادثة", "الاشتباك", "وأسفر", "أسفر", "الواقعة"],
    "ru": ["инцидент", "нападение произошло", "происшеств", "этот бой", "это нападение"],
    "tg": ["ин ҳодиса", "ҳодиса", "ин ҳамла"],
    "en": ["the attack", "incident", "the raid", "the clash", "the attackers"],
}
# Who did the violence, named as such: a statement that speaks of them ("the Taliban called
# the attackers destabilising elements") speaks of the incident.
ASSAILANTS = {
    "fa": ["مهاجمان", "مهاجم", "افراد مسلح", "عاملان حمله"],
    "ar": ["المهاجمين", "المهاجمون", "مهاجمين", "المسلحين", "مسلحين", "منفذي الهجوم"],
    "ru": ["нападавш", "напавш", "вооруженн", "вооружённ"],
    "tg": ["ҳамлагар", "ҳамлакунанд", "афроди мусаллаҳ"],
    "en": ["attackers", "assailants", "gunmen", "perpetrators"],
}
# Words of an aggregate over a period: its count is no incident's toll, its date none's.
BACKGROUND = {
    "fa": [
        *("اغلب", "بارها", "همواره", "معمولا", "معمولاً"),
        *("از آغاز", "از ابتدای", "در مجموع", "طی سال", "در سال‌های", "در سالهای"),
        *("در طول سال", "در جریان سال"),
        *("ماه گذشته، این", "سومین", "دومین", "چهارمین", "در جریان یک هفته", "طی یک هفته"),
        *("چنین درگیری", "چنین حوادث", "چنین حملات", "چنین رویدادها"),
        *("سال اخیر", "سال‌های اخیر", "سالهای اخیر"),
        *("اوایل همین ماه", "اوایل این ماه", "اوایل ماه جاری", "اوایل امسال"),
        *("در اوایل ماه", "از ابتدای ماه", "از آغاز ماه"),
    ],
    "ar": [
        *("غالبا", "كثيرا ما", "عادة", "مرارا"),
        *(
            "منذ بداية",
            "منذ مطلع",
            "منذ عام",
            "خلال العام",
            "خلال السنوات",
            "في المجموع",
            "إجمالا",
            "حتى الآن",
        ),
        *("الثالث من نوعه", "الثاني من نوعه", "خلال الشهر"),
        *("مثل هذه الحوادث", "مثل هذه الاشتباكات", "مثل هذه الهجمات"),
        # without "في", which "و" may open ("وفي وقت سابق …")
        *("وقت سابق من هذا الشهر", "وقت سابق هذا الشهر", "وقت سابق من هذا العام"),
        *("وقت سابق هذا العام", "وقت سابق من الشهر", "مطلع الشهر", "أوائل الشهر"),
    ],
    "ru": [
        "нередко",
        "часто",
        "регулярно",
        "с начала",
        "за последние",
        "в общей сложности",
        "с тех пор",
        "за год",
        "за прошлый год",
        *("в течение всего года", "за весь год"),
        "в течение года",
        "за последний месяц",
        "за неделю",
        *("за последнюю неделю", "за прошедшую неделю", "за минувшую неделю"),
        "в течение недели",
        "прежних",
        "предыдущих нападени",
        "предыдущих инцидент",
        "уже третий",
        "уже второй",
        "третий за",
        "второй за",
        *("подобные инциденты", "подобные столкновения", "подобные нападения"),
        *("ранее в этом месяце", "ранее в этом году", "в начале месяца", "в начале этого"),
        *("с начала месяца", "с начала года", "за прошедшие недели", "за прошедшие месяцы"),
        "за прошедшие годы",
    ],
    "tg": [
        "аз оғози",
        "аз аввали",
        "дар маҷмӯъ",
        "дар давоми сол",
        *("тӯли соли", "тули соли", "дар тӯли соли", "дар тули соли"),  # "during (the year) 2011"
        "сеюмин",
        "аксаран",
        "зуд-зуд",
        *("чунин ҳодисаҳо", "чунин задухӯрдҳо", "чунин ҳамлаҳо"),
        *("соли охир", "солҳои охир", "соли ахир"),
        *("аввали ҳамин моҳ", "аввали моҳи ҷорӣ", "аз ибтидои", "моҳи ҷорӣ то"),
    ],
    "en": [
        "often",
        "frequently",
        "regularly",
        "routinely",
        "so far this year",
        "in total",
        *("during the year", "throughout the year", "in the whole of"),
        "over the past",
        "over the last",
        "a total of",
        "over five years",
        "in recent years",
        "the third such",
        "the second such",
        *("in the past month", "in the past week", "in the last week"),
        "previous attacks",
        "previous incidents",
        "previous cross-border",
        "two previous",
        "within a week",
        "in a week",
        "earlier attacks",
        *("such clashes", "such incidents", "such attacks"),
        # an earlier period's toll told beside the day's incident
        *("earlier this month", "earlier this week", "earlier this year", "earlier in the month"),
        *("earlier in the week", "earlier in the year"),
        *("since the start", "since the beginning", "during the past", "over recent"),
    ],
}
# Words of a natural disaster: a quake's or a flood's dead are no security incident's toll
# ("the earthquake in eastern Afghanistan left 2,205 dead", told in a report of aid).
DISASTER = {
    "fa": ["زلزله", "زمین لرزه", "زمین‌لرزه", "سیل", "رانش زمین", "بلایای طبیعی"],
    "ar": ["زلزال", "الزلزال", "هزة أرضية", "الهزة الأرضية", "فيضان", "الفيضان", "سيول"],
    "ru": ["землетрясени", "наводнени", "паводк", "лавин", "оползн", "селев", "стихийн"],
    "tg": ["заминларза", "заминҷунбӣ", "обхезӣ", "тарма", "офати табиӣ", "офатҳои табиӣ"],
    "en": ["earthquake", "quake", "flood", "avalanche", "landslide", "mudslide", "mudflow"],
}
# Words of the current stretch of time: "Another guard died in a firefight this month",
# told after the day's incident, is background; told first ("Two guards were killed this
# month when gunmen attacked a post"), it is the incident itself.
RECENT = {
    "en": ["this month"],
    "ru": ["в этом месяце"],
}
# Verbs saying that something happened: a date beside one is the event's, even in a
# clause of reporting ("the statement says the incident occurred on 2 December").
OCCURRED = {
    "fa": ["رخ داد", "رخ داده", "اتفاق افتاد", "صورت گرفت", "روی داد"],
    "ar": ["وقع", "وقعت", "حدث", "جرى"],
    "ru": ["произош", "случил", "имел место"],
    "tg": ["рух дод", "рух дода", "ба амал омад", "рӯй дод"],
    "en": ["occurred", "took place", "happened", "broke out"],
}
# Words saying an incident is like one told before, so another one ("a similar attack
# took place on 26 November"), anywhere in the sentence.
SIMILAR = {
    "fa": ["حمله‌ای مشابه", "حمله ای مشابه", "حمله مشابه", "رویدادی مشابه", "حادثه‌ای مشابه"],
    "ar": ["هجوم مماثل", "هجوما مماثلا", "حادث مماثل", "حادثا مماثلا", "اشتباك مماثل"],
    "ru": [
        *("похожее нападение", "похожий инцидент", "похожая атака", "аналогичное нападение"),
        *("аналогичный инцидент", "такое же нападение"),
    ],
    "tg": ["айнан чунин", "ҳамлаи монанд", "ҳодисаи монанд"],
    "en": ["a similar attack", "a similar clash", "a similar incident", "another such attack"],
}
# Words telling a further incident as part of the same news ("in another clash north of
# the city five were wounded"): undated, it is of the lead's news days, not of none.
ANOTHER = {
    "fa": ["درگیری دیگر", "درگیری دیگری", "حمله دیگر", "حمله دیگری", "رویداد دیگر"],
    "ar": ["اشتباك آخر", "هجوم آخر", "حادث آخر", "اشتباكات أخرى"],
    "ru": ["в другом столкновении", "в другой перестрелке", "в ходе другого столкновения"],
    "tg": ["дар задухӯрди дигар", "дар даргирии дигар", "дар ҳамлаи дигар"],
    "en": ["in another clash", "in another attack", "in a separate clash", "in a separate attack"],
}
# Words saying an incident took place where the one told before did ("in the same area
# on 21 February a group crossed …"): its place is that incident's.
SAME_PLACE = {
    "fa": ["در همین منطقه", "در همان منطقه", "در همین محل", "در همان محل"],
    "ar": ["في المنطقة نفسها", "في نفس المنطقة", "في المكان نفسه", "في نفس المكان"],
    "ru": ["в том же районе", "в этом же районе", "на том же участке", "в том же месте"],
    "tg": ["дар ҳамин минтақа", "дар ҳамон минтақа", "дар ҳамин ҷо", "дар ҳамон ҷо"],
    "en": ["in the same area", "in the same place", "at the same place", "in the same spot"],
}
# Words before a quoted title ("news under the title «Two fishermen killed on the border»
# spread online"): the quote is another report's headline, not this article's telling.
TITLED = {
    "fa": ["با عنوان", "تحت عنوان", "به عنوان", "با تیتر"],
    "ar": ["بعنوان", "تحت عنوان", "بعنوان", "تحت عنوان"],
    "ru": ["под заголовком", "с заголовком", "под названием", "на тему"],
    "tg": ["дар мавзӯи", "дар мавзуи", "бо унвони", "зери унвони", "таҳти унвони"],
    "en": ["titled", "headlined", "under the headline", "under the title", "entitled"],
}
# Words before a date that make it the day of publication or of an update.
PUBLISHED = {
    "fa": ["منتشر شده در", "تاریخ انتشار", "به‌روزشده", "تاریخ:"],
    "ar": ["نشرت في", "نُشرت في", "نشر في", "تاريخ النشر", "آخر تحديث", "تحديث"],
    "ru": ["опубликовано", "дата публикации", "дата:", "обновлено"],
    "tg": ["нашр шуд", "санаи нашр", "таърих:"],
    "en": ["published", "updated", "posted", "published on", "last updated"],
}
# "Since" before a month or a year makes a total over a period ("since November, 16 people
# have been killed"); before anything else it may mean "because" or "after".
SINCE = {
    "fa": ["از", "از ماه"],
    "ar": ["منذ"],
    "ru": ["с", "начиная с"],
    "tg": ["аз"],
    "en": ["since"],
}
# Words telling that violence is going on as the article is written ("fighting is under
# way", "تجري مواجهة", "идут бои", "درگیری‌ها ادامه دارد"): with no date of its own, such
# a sentence tells the day of writing. Verbs only, next to the trigger: an "ongoing"
# mining project beside a skirmish is no fighting going on.
ONGOING = {
    "fa": ["ادامه دارد", "جریان دارد", "در جریان است"],
    "ar": ["تجري", "تدور", "تتواصل"],
    "ru": ["идут бои", "продолжаются бои", "идут столкновения", "продолжаются столкновения"],
    "tg": ["идома дорад", "ҷараён дорад", "идома меёбад"],
    "en": ["under way", "underway", "continues", "continue"],
}
# Words moving a narrative forward or back from the day told before: a bare weekday after
# "5 March 2016" is the next such day with "then", the last one before with "earlier".
AFTERWARDS = {
    "fa": ["سپس", "بعدا", "بعداً", "پس از آن", "روز بعد", "فردای آن"],
    "ar": ["ثم", "لاحقا", "لاحقاً", "بعد ذلك", "في اليوم التالي", "وبعد"],
    "ru": ["затем", "потом", "позже", "позднее", "на следующ", "спустя"],
    "tg": ["сипас", "баъдтар", "пас аз он", "рӯзи дигар", "баъд аз он"],
    "en": ["then", "later", "next", "the following", "afterwards", "after that"],
}
BEFOREHAND = {
    "fa": ["پیش از آن", "قبل از آن", "پیشتر", "پیش‌تر", "قبلا", "قبلاً"],
    "ar": ["قبل ذلك", "سابقا", "سابقاً", "في وقت سابق"],
    "ru": ["ранее", "до этого", "перед этим", "прежде"],
    "tg": ["пеш аз он", "қабл аз он", "пештар", "қаблан"],
    "en": ["earlier", "before that", "previously", "beforehand"],
}
