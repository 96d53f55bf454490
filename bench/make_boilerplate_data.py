"""Write the training lines of the page-furniture classifier (src/dateline/data/train/boilerplate_*.jsonl).

Content lines: sentences of MEANTIME (CC BY 4.0) and of the public-domain and Open Government Licence subsets of
re3d, read from ../shared/training, plus the invented sentences below. Furniture lines: invented here, by filling
templates written for Dateline with invented names, outlets and headlines (seeded, so the files are reproducible).

    python bench/make_boilerplate_data.py            # rewrites both files
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "src/dateline/data/train"
SEED = 14
RE3D_LICENCES = ("public domain", "Open Government Licence v3.0")
PER_TEMPLATE = 10

PEOPLE = [
    "Marta Kowal",
    "Jonas Berg",
    "Olena Savchuk",
    "Daniel Reyes",
    "Ahmed Karimi",
    "Sofia Lind",
    "Petro Marchenko",
    "Hannah Wilde",
    "Tomasz Nowicki",
    "Irina Volkova",
    "Liam O'Connor",
    "Chen Wei",
    "Fatima Haddad",
    "Mark Ellison",
    "Yuliia Hnatiuk",
    "George Pratt",
    "Anna Kruk",
    "Viktor Lesko",
    "Rachel Stein",
    "Oskar Lund",
    "Nadia Bilyk",
    "Samuel Achebe",
    "Clara Moreau",
    "Ivan Dorosh",
    "Ewa Zielinska",
    "Tom Hartley",
    "Leila Nasser",
    "Pavel Rudnik",
]
PHOTOGRAPHERS = [
    "Kyrylo Danko",
    "Maria Ostrova",
    "Jens Halvorsen",
    "Ludmila Feld",
    "Arturo Pinel",
    "Bohdan Stryi",
    "Nikos Karas",
    "Ella Brandt",
    "Roman Tkach",
    "Sergio Lanza",
]
AGENCIES = [
    "AFP",
    "AP",
    "Reuters",
    "EPA",
    "EPA-EFE",
    "PAP",
    "Anadolu",
    "dpa",
    "TASS",
    "Ukrinform",
    "Sputnik",
    "PA",
    "Bloomberg",
    "Pool",
    "Xinhua",
    "ANSA",
]
OUTLETS = [
    "Daily Ledger",
    "Northgate News",
    "Harbour Times",
    "Eastline",
    "Morning Courier",
    "Continental Wire",
    "Riverside Post",
    "Meridian Press",
    "Granite Herald",
    "Baltic Observer",
    "Kestrel Media",
    "Union Gazette",
    "Steppe Daily",
    "Evening Dispatch",
    "Atlas Report",
    "Frontline Today",
    "Vistula Online",
    "Dnipro Herald",
]
ORGS = [
    "the Institute for Regional Security",
    "the Centre for Eastern Studies",
    "Lakeside University",
    "the Ministry of Defence",
    "the President's Office",
    "the State Emergency Service",
    "the regional governor's office",
    "the General Staff",
    "the city council",
    "the Atlantic Policy Forum",
]
PLACES = [
    "Kharkiv",
    "Odesa",
    "Lviv",
    "Kyiv",
    "Dnipro",
    "Zaporizhzhia",
    "Kherson",
    "Mykolaiv",
    "Bakhmut",
    "Sumy",
    "Chernihiv",
    "Warsaw",
    "Brussels",
    "Minsk",
    "Moscow",
    "Belgorod",
    "Przemysl",
    "Vilnius",
    "the Donetsk region",
]
CITIES_CAPS = ["KYIV", "MOSCOW", "WARSAW", "LONDON", "BRUSSELS", "KHARKIV", "ODESA", "MINSK", "WASHINGTON", "LVIV"]
SUBJECTS = [
    "Kremlin",
    "Ukraine",
    "NATO",
    "EU leaders",
    "Poland",
    "Zelensky",
    "Putin",
    "Pentagon",
    "Belarus",
    "G7 ministers",
    "Moldova",
    "Hungary",
    "Germany",
    "UN envoy",
    "Black Sea fleet",
    "Farmers",
    "Drone makers",
    "Refugees",
    "Energy prices",
    "Grain exports",
    "Baltic states",
    "White House",
    "Turkey",
    "Kyiv mayor",
    "Russian general",
    "Defence chiefs",
    "Lithuania",
    "Romania",
    "Finland",
    "Senate Republicans",
]
VERBS = [
    "warns of",
    "rejects",
    "signs deal on",
    "prepares for",
    "vows to boost",
    "denies reports of",
    "calls for",
    "unveils plan for",
    "braces for",
    "pledges",
    "weighs",
    "slams",
    "backs",
    "delays",
    "expands",
    "probes",
    "faces questions over",
    "hails",
    "tightens rules on",
    "doubles down on",
]
OBJECTS = [
    "new sanctions",
    "winter energy crisis",
    "air defence systems",
    "talks with Beijing",
    "border closures",
    "grain corridor",
    "ammunition shortages",
    "peace plan",
    "cyber attacks",
    "tank deliveries",
    "prisoner exchange",
    "a second front",
    "fighter jets",
    "frozen assets",
    "reconstruction fund",
    "mobilisation",
    "nuclear drills",
    "refugee aid",
    "gas transit",
    "drone strikes",
]
NEWSLETTERS = ["Morning Brief", "The Front Line", "Europe Today", "Evening Digest", "World Desk", "Week in Review"]
HANDLES = ["eastline_news", "KestrelMedia", "steppe_daily", "NorthgateNews", "baltic_obs", "atlasreport", "DnHerald"]
UKR = [
    "Читайте також: Уряд ухвалив нове рішення щодо енергетики",
    "Реклама",
    "Реклама:",
    "Фото: Укрінформ",
    "Джерело: пресслужба міської ради",
    "ВІДЕО ДНЯ",
    "Підписуйтесь на наш канал у Telegram",
    "Читайте также: В регионе объявили воздушную тревогу",
    "Источник: пресс-служба",
    "Автор: Олена Мельник",
]

# where: start (the article's first lines), end (its last lines), middle, any.
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "link": [
        ("middle", "Read also: {headline}"),
        ("middle", "READ ALSO: {HEADLINE}"),
        ("middle", "Read more: {headline}"),
        ("middle", "See also: {headline}"),
        ("middle", "Also read: {headline}"),
        ("middle", "Related: {headline}"),
        ("middle", "READ MORE: {headline}"),
        ("middle", "More on this story: {headline}"),
        ("end", "You can find more news on the {outlet} main page."),
        ("end", "News from home and abroad on the {outlet} front page."),
        ("middle", "The latest reports from the front can be followed in our live coverage HERE."),
        ("end", "Follow the latest developments in our live blog."),
        ("middle", "{headline} >>"),
        ("end", "Read more here."),
        ("end", "Click here to read the full report."),
        ("end", "More similar stories can be found on the {outlet} home page"),
        ("middle", "Read also: {headline}"),
        ("any", "Recommended: {headline}"),
    ],
    "signup": [
        ("end", "Sign up for the {outlet} newsletter to get the most important stories of the day."),
        ("end", "Subscribe to our Telegram channel"),
        ("end", "Subscribe to our weekly email newsletter"),
        ("end", "JOIN US ON TELEGRAM! Our war coverage is at @{handle}."),
        ("end", "Enable push notifications on our website"),
        ("any", "Get our free {period} newsletter"),
        (
            "middle",
            "skip past newsletter promotion Sign up to {newsletter} Free {period} newsletter "
            "The stories that matter, in your inbox every {day}",
        ),
        ("middle", "after newsletter promotion"),
        ("end", "By entering your email you agree to our terms of use and privacy notice."),
        ("any", "{newsletter}: a newsletter with the day's top stories"),
        ("any", "Newsletter Sign up"),
        ("end", "Already a subscriber? Log in"),
        ("end", "We are glad you are reading us. Sign up for our newsletter to get the best of our reporting."),
        ("end", "Follow us on Twitter"),
        ("end", "Subscribe to us on Facebook"),
        ("end", "Thanks for reading.Sign up for the {outlet} newsletter and never miss a story."),
        ("any", "Sign up to {newsletter}, our free {period} newsletter, every {day} at 7am"),
        ("end", "Dear readers, follow us on Telegram so you do not miss our latest content."),
    ],
    "advert": [
        ("middle", "Advertisement"),
        ("middle", "ADVERTISEMENT"),
        ("middle", "Advertisement:"),
        ("middle", "Sponsored content"),
        ("middle", "Story continues below advertisement"),
        ("middle", "Ad"),
        ("middle", "REKLAMA"),
        ("middle", "Partner content"),
        ("middle", "Advertising"),
        ("middle", "Sponsored: {headline}"),
        ("middle", "Continue reading below the ad"),
    ],
    "audio": [
        ("start", "NEW! You can now listen to {outlet} articles."),
        ("start", "Listen to this article"),
        ("start", "Listen to this story · {n} min"),
        ("any", "Audio: listen to the {newsletter} briefing"),
        ("start", "{n} min listen"),
        ("start", "Play audio version"),
        ("start", "You can now listen to articles from {outlet}!"),
        ("end", "Listen to our podcast {newsletter}"),
    ],
    "video": [
        ("middle", "VIEW VIDEO {headline}"),
        ("middle", "See the video: {headline}"),
        ("middle", "The rest of the article is below the video."),
        ("middle", "The article continues under the video."),
        ("middle", "Watch: {headline}"),
        ("middle", "WATCH: {HEADLINE}"),
        ("middle", "Video: {headline}"),
        ("middle", "{m}:{ss} {headline} – video"),
        ("middle", "Video Ad Feedback {headline}"),
        ("middle", "Play video"),
        ("end", "Watch TV live on {outlet} Go"),
        ("middle", "Continuation of the text under the video material:"),
        ("middle", "See the video {headline}?{person}: {headline}"),
    ],
    "caption": [
        ("middle", "{people_desc} {action} in {place} on {date}. {photographer}/{agency}/Getty Images"),
        ("middle", "{people_desc} {action} in {place}. (Photo: {agency})"),
        ("middle", "{people_desc} {action} near {place}, {month} {year}. {photographer}/{agency}"),
        ("middle", "{person} speaks at a news conference in {place}. (Photo by {photographer}/{agency})"),
        ("middle", "View image in fullscreen {people_desc} {action} in {place}."),
        ("middle", "{person} (left) meets {person} in {place} ({photographer}/{agency})"),
        ("middle", "File photo: {people_desc} {action} in {place}, {year}. {agency}"),
        ("middle", "{people_desc} {action} in {place} {photographer}/{agency}"),
    ],
    "credit": [
        ("any", "Photo: {agency}"),
        ("any", "Photo: {photographer}"),
        ("any", "Cover photo: {org_cap}"),
        ("any", "{photographer}/{agency}"),
        ("any", "{photographer_twice}"),
        ("any", "{agency_twice}"),
        ("any", "Getty Images"),
        ("any", "{agency} via Getty Images"),
        ("end", "Source: {agency}"),
        ("end", "Sources: {agency}/{agency}/Twitter"),
        ("any", "Photos courtesy of {org}"),
        ("any", "Illustration: {outlet}"),
        ("any", "{person} Courtesy of {person}"),
        ("any", "Photo:{agency}"),
        ("end", "{agency}/ {agency}/ {person}"),
    ],
    "byline": [
        ("start", "By {person}"),
        ("start", "By {person} and {person}, {outlet}"),
        ("end", "{person}"),
        ("start", "{person}, {role}"),
        ("end", "Reporting by {person}; Editing by {person}"),
        ("end", "{person} contributed to this report."),
        ("end", "{outlet}'s {person} and {person} contributed reporting."),
        ("end", "The Associated Press contributed to this report."),
        ("end", "Author: {initials}/{initials}"),
        ("start", "Updated {hh}:{ss} GMT, {date}"),
        ("start", "Published {date}"),
        ("start", "{n} min read"),
        ("end", "{person} is a {role_lower} at {org}."),
        ("end", "Author/author: {initials} \\ {initials}"),
        ("end", "Editor's note: {person} is a senior fellow at {org}. The views expressed here are their own."),
        ("start", "Follow this author {person}'s opinions Follow"),
        ("end", "{person} is a {outlet} columnist"),
        ("end", "Reporting from {person}, {person} and {person}"),
    ],
    "dateline": [
        ("start", "{agency} —"),
        ("start", "{city} —"),
        ("start", "{city}, {day_month} ({agency}) –"),
        ("start", "{city} ({agency}) -"),
    ],
    "related": [
        ("any", "{HEADLINE}"),
        ("middle", "Other Topics of Interest {headline} {teaser}"),
        ("end", "More from {outlet}"),
        ("end", "Top stories"),
        ("end", "Most popular"),
        ("end", "Latest news"),
        ("end", "Trending now: {headline}"),
        ("any", "{HEADLINE}"),
        ("any", "{HEADLINE}: '{QUOTE}'"),
        ("end", "In other news: {headline}"),
    ],
    "share": [
        ("start", "Share"),
        ("start", "Share this article"),
        ("start", "Share this article Share"),
        ("end", "Share on Facebook"),
        ("start", "Copy link"),
        ("start", "Link copied"),
        ("end", "Comments"),
        ("start", "Print"),
        ("start", "Email"),
        ("middle", "Expand"),
        ("start", "Gift this article"),
        ("start", "Tweet Share Email"),
        ("start", "Save"),
        ("end", "Share this story on WhatsApp"),
    ],
    "social": [
        ("middle", "{headline}pic.twitter.com/{code} — {person} (@{handle}) {month} {d}, {year}"),
        ("middle", "{headline} https://t.co/{code} — {outlet} (@{handle}) {month} {d}, {year}"),
        ("middle", "— {person} (@{handle}) {month} {d}, {year}"),
        ("middle", "A post shared by {person} (@{handle})"),
        ("middle", "View this post on Instagram"),
        ("middle", "{teaser} pic.twitter.com/{code}"),
    ],
    "promo": [
        ("end", "CLICK HERE TO GET THE {OUTLET} APP"),
        ("end", "Download the {outlet} app for the latest news."),
        ("end", "Help Ukraine: join the fundraiser at {site}/help >>>"),
        ("end", "Install a VPN to keep reading us if our site is blocked in your country."),
        ("end", "Support independent journalism: donate today."),
        ("end", "CLICK HERE TO READ MORE FROM {PERSON}"),
        ("end", "CLICK HERE FOR MORE {OUTLET} OPINION"),
        ("end", "Got a tip? Contact us at tips@{site}"),
        ("end", "Visit {site} for more."),
        ("end", "Watch us on the internet on {outlet} Go"),
        ("end", "Try {outlet} Premium free for 30 days"),
    ],
    "legal": [
        ("end", "Copyright {year} {outlet}. All rights reserved."),
        ("end", "© {year} {outlet}"),
        ("end", "The views in this opinion piece are the writer's and not necessarily those of {outlet}."),
        ("end", "If you use any of {outlet}'s content, please provide an active hyperlink to the original."),
        ("end", "Reprinted with the author's permission from {site}."),
        ("end", "This material may not be reproduced or redistributed without permission."),
        ("end", "Opinions expressed in this column belong to the author."),
    ],
}
# Content that is shaped like furniture: crossheads in the styles news sites use, list items, short sentences.
HEADINGS: list[tuple[str, str]] = [
    ("middle", "{Topic}"),
    ("middle", "The {topic}"),
    ("middle", "The view from {place}"),
    ("middle", "{surname}'s position"),
    ("middle", "Why {topic} matters"),
    ("middle", "What {topic} means for {place}"),
    ("middle", "{place} under fire"),
    ("middle", "What happens next?"),
    ("middle", "Who is {person}?"),
    ("middle", "'{quote}'"),
    ("middle", "– {headline} –"),
    ("middle", "- '{quote}' -"),
    ("middle", "Chapter {k}: {topic}"),
    ("middle", "{k}. {place}"),
    ("middle", "{k}. {Topic}"),
    ("middle", "{surname}: {claim}"),
    ("middle", "The {feature}"),
    ("middle", "‘{quote}’"),
    ("middle", "{Topic} and {topic}"),
    ("middle", "{headline}"),
    ("middle", "{place}: {topic}"),
    ("middle", "A {topic} in {place}"),
    ("middle", "{Topic}?"),
    ("any", "· {pct}% - about {topic};"),
    ("any", "- {pct} percent of respondents expect {topic}"),
    ("any", "• {Topic} in {place}"),
    ("middle", "{k}. {headline}"),
]
TOPICS = [
    "energy prices",
    "defence spending",
    "nuclear rhetoric",
    "grain exports",
    "border security",
    "air defence",
    "sanctions relief",
    "a frozen conflict",
    "the counter-offensive",
    "ammunition supplies",
    "peace talks",
    "the refugee crisis",
    "mobilisation",
    "war crimes trials",
    "cyber attacks",
    "the black sea corridor",
    "drone warfare",
    "reconstruction costs",
    "public opinion",
    "the gas transit deal",
    "election plans",
    "the loss of a job",
    "a decrease in income",
    "a return home",
    "another winter of blackouts",
]
FEATURES = [
    "Black Sea",
    "Kerch Strait",
    "Dnipro River",
    "Carpathian Mountains",
    "Sea of Azov",
    "Pripyat Marshes",
    "Suwalki Gap",
    "Baltic Sea",
    "Donbas steppe",
]
QUOTES = [
    "Not one step back",
    "We are ready",
    "A matter of time",
    "Saves lives",
    "Nothing is ruled out",
    "Worse than expected",
    "This is our land",
    "No compromise",
    "Too little, too late",
    "A turning point",
]
CLAIMS = [
    "the sanctions are working",
    "Russia is preparing a new offensive",
    "we will not accept any ultimatum",
    "NATO is not a party to the war",
    "the talks have failed",
    "aid will arrive next month",
]
SHORT_CONTENT = """
No one was hurt.
He denied the charges.
The talks ended without a deal.
Both sides are taking heavy casualties.
The claim could not be verified.
Kyiv did not comment.
The Kremlin denied it.
Three people were killed.
She was released on bail.
Glory to Ukraine!
Ultimately, the minister resigned on 7 July.
The foreign ministry also summoned the French ambassador.
The prime minister wrote on Twitter.
The mayor announced this on Facebook.
One key area to watch is the defence ministry.
Video of the meeting shows the two leaders shaking hands.
The board recommended a dividend of one share for every ten held.
Send us the tanks so that others will follow our lead, he said.
Help is on the way, the governor told residents.
The video was later deleted.
Watch this space, the spokesman joked.
More talks are planned for next week.
Read the small print, experts warn.
Also on Saturday, the president is due to speak to his French counterpart.
The advert has since been withdrawn.
Printing presses were destroyed in the strike.
Signs of fatigue are growing in Europe.
The share of women in the army has doubled.
Subscribers to the service were told their data was safe.
Follow-up talks are expected in June.
He did not say when.
The vote was 92 to 0.
Prices have risen by a third.
Officials gave no figures.
It was the third attack this week.
The ministry did not respond to a request for comment.
Photos from the scene showed a burning car.
Russia has denied targeting civilians.
That is a lie, Zelensky said.
The bridge was closed to traffic.
"""
ROLES = [
    "Kyiv correspondent",
    "Defence Editor",
    "Senior Reporter",
    "Europe correspondent",
    "Staff Writer",
    "Moscow bureau chief",
]
PEOPLE_DESC = [
    "Ukrainian soldiers",
    "Rescuers",
    "Residents",
    "Firefighters",
    "Volunteers",
    "Police officers",
    "A woman",
    "Children",
    "Local officials",
    "Emergency workers",
]
ACTIONS = [
    "stand next to a destroyed building",
    "clear rubble",
    "carry aid boxes",
    "fire a howitzer",
    "walk past a damaged school",
    "queue for water",
    "inspect a crater",
    "gather at a memorial",
]
TEASERS = [
    "Officials said the talks would resume next week.",
    "The move follows months of pressure from allies.",
    "Analysts expect the decision to take effect in spring.",
    "The ministry gave no further details.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def headline(rng: random.Random) -> str:
    """An invented headline: subject, verb, object; sometimes a quoted speaker."""
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.25:
        text = f"{rng.choice(PEOPLE).split()[-1]}: {text}"
    return text


def lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def twice(name: str) -> str:
    """A credit written twice over, as some sites render it ("Jane Doe Jane Doe")."""
    return f"{name} {name}"


def fill(template: str, rng: random.Random) -> str:
    """One furniture line from a template, every slot drawn afresh."""
    slots = {
        "headline": lambda: headline(rng),
        "HEADLINE": lambda: headline(rng).upper(),
        "outlet": lambda: rng.choice(OUTLETS),
        "OUTLET": lambda: rng.choice(OUTLETS).upper(),
        "person": lambda: rng.choice(PEOPLE),
        "PERSON": lambda: rng.choice(PEOPLE).upper(),
        "photographer": lambda: rng.choice(PHOTOGRAPHERS),
        "agency": lambda: rng.choice(AGENCIES),
        "org": lambda: rng.choice(ORGS),
        "org_cap": lambda: rng.choice(ORGS).removeprefix("the ").capitalize(),
        "place": lambda: rng.choice(PLACES),
        "city": lambda: rng.choice(CITIES_CAPS),
        "handle": lambda: rng.choice(HANDLES),
        "newsletter": lambda: rng.choice(NEWSLETTERS),
        "period": lambda: rng.choice(["daily", "weekly"]),
        "day": lambda: rng.choice(["weekday", "morning", "Friday", "evening"]),
        "n": lambda: str(rng.randint(2, 12)),
        "m": lambda: str(rng.randint(0, 4)),
        "ss": lambda: f"{rng.randint(0, 59):02d}",
        "hh": lambda: f"{rng.randint(0, 23):02d}",
        "date": lambda: f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2021, 2025)}",
        "month": lambda: rng.choice(MONTHS),
        "year": lambda: str(rng.randint(2019, 2025)),
        "d": lambda: str(rng.randint(1, 28)),
        "day_month": lambda: f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
        "role": lambda: rng.choice(ROLES),
        "role_lower": lambda: lower_first(rng.choice(ROLES)),
        "photographer_twice": lambda: twice(rng.choice(PHOTOGRAPHERS)),
        "agency_twice": lambda: twice(rng.choice(AGENCIES)),
        "initials": lambda: "".join(rng.choice("abcdefghjklmnoprstwz") for _ in range(rng.randint(2, 4))),
        "people_desc": lambda: rng.choice(PEOPLE_DESC),
        "action": lambda: rng.choice(ACTIONS),
        "teaser": lambda: rng.choice(TEASERS),
        "code": lambda: "".join(
            rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10)
        ),
        "site": lambda: rng.choice(OUTLETS).lower().replace(" ", "") + rng.choice([".com", ".org", ".net"]),
        "k": lambda: str(rng.randint(1, 9)),
        "QUOTE": lambda: rng.choice(QUOTES).upper(),
        "quote": lambda: rng.choice(QUOTES),
        "topic": lambda: rng.choice(TOPICS),
        "Topic": lambda: rng.choice(TOPICS).capitalize(),
        "feature": lambda: rng.choice(FEATURES),
        "surname": lambda: rng.choice(PEOPLE).split()[-1],
        "pct": lambda: str(rng.randint(3, 88)),
        "claim": lambda: rng.choice(CLAIMS),
    }
    return re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)](), template)


def insertable_content(rng: random.Random) -> list[dict]:
    """Content lines that stand alone between paragraphs: subheadings, list items, short sentences (all invented)."""
    rows, seen = [], set()
    for where, template in HEADINGS:
        for _ in range(PER_TEMPLATE if "{" in template else 1):
            text = fill(template, rng)
            if text not in seen:
                seen.add(text)
                rows.append({"text": text, "label": "content", "where": where, "source": "invented"})
    rows += [
        {"text": t, "label": "content", "where": "any", "source": "invented"}
        for t in SHORT_CONTENT.strip().splitlines()
    ]
    return rows


def furniture_rows(rng: random.Random) -> list[dict]:
    """Every furniture line: each template filled several times (fixed lines once), plus the Cyrillic ones."""
    rows, seen = [], set()
    for kind, templates in TEMPLATES.items():
        for where, template in templates:
            for _ in range(PER_TEMPLATE if "{" in template else 1):
                text = fill(template, rng)
                if text not in seen:
                    seen.add(text)
                    rows.append({"text": text, "label": kind, "where": where, "source": "invented"})
    kinds = {"Реклама": "advert", "Реклама:": "advert", "ВІДЕО ДНЯ": "video"}
    for text in UKR:
        kind = kinds.get(text) or ("link" if text.startswith("Читайте") else "credit" if ":" in text else "signup")
        kind = "byline" if text.startswith("Автор") else kind
        rows.append({"text": text, "label": kind, "where": "any", "source": "invented"})
    return rows


def detokenise(text: str) -> str:
    """Tokens joined by spaces (re3d, MEANTIME) back to running text."""
    text = text.replace("``", "“").replace("''", "”")
    text = re.sub(r"\s+([.,;:!?%)\]”’])", r"\1", text)
    text = re.sub(r"([(\[$“‘])\s+", r"\1", text)
    text = re.sub(r"\s+(['’](?:s|re|ve|ll|d|m|t)\b|n['’]t\b)", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def meantime_rows() -> list[dict]:
    """MEANTIME sentences (CC BY 4.0), document by document; the title as a line of its own, the date line skipped."""
    rows = []
    for line in (SHARED / "training/meantime_en/meantime_en.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        for i, (start, end) in enumerate(doc["sentences"]):
            if i == 1:
                continue
            rows.append(
                {
                    "text": detokenise(doc["text"][start:end]),
                    "label": "content",
                    "doc": doc["id"],
                    "alone": i == 0,
                    "source": "meantime_en (CC BY 4.0)",
                }
            )
    return rows


def re3d_rows() -> list[dict]:
    """re3d sentences of its public-domain and Open Government Licence subsets, document by document."""
    rows = []
    for line in (SHARED / "training/ner_re3d/re3d_permissive.jsonl").open(encoding="utf-8"):
        sent = json.loads(line)
        if sent["licence"].startswith(RE3D_LICENCES):
            rows.append(
                {
                    "text": detokenise(sent["text"]),
                    "label": "content",
                    "doc": f"re3d-{sent['doc_id']}",
                    "alone": False,
                    "source": f"re3d ({sent['licence']})",
                }
            )
    return rows


def invented_rows() -> list[dict]:
    """The invented content paragraphs of INVENTED_CONTENT: one document per block, headings as lines of their own."""
    rows = []
    for n, block in enumerate(INVENTED_CONTENT.strip().split("\n\n")):
        for line in block.strip().splitlines():
            alone = line.startswith("# ")
            rows.append(
                {
                    "text": line.removeprefix("# ").strip(),
                    "label": "content",
                    "doc": f"invented-{n}",
                    "alone": alone,
                    "source": "invented",
                }
            )
    return rows


# Invented content: war-news sentences, short quotes, subheadings (# ...), list items, and sentences that use the
# furniture words (advertisement, sign, subscribe, video, share, follow, photo, listen, watch) as content does.
INVENTED_CONTENT = """
# What happened overnight?
Russian drones struck an energy facility in the Odesa region overnight, the regional governor said on Telegram.
Two workers were injured and power was cut to about 40,000 homes, he added.
"The attack lasted almost three hours," a resident told reporters.
Air defence units shot down 18 of the 24 drones launched, according to the air force.

The defence ministry in Moscow said its forces had taken a village near Avdiivka, a claim that could not be verified.
Ukraine's General Staff said the assault had been repelled.
# Why it matters
The village sits on a road that supplies Ukrainian positions to the north.
Analysts said its loss would not change the front line.

The city council said it would sign an agreement with the company to rebuild the bridge by autumn.
Officials refused to sign the statement, saying it did not condemn the strike.
Both sides signed a prisoner exchange deal in Istanbul on Thursday.
There was no sign of the missing fishermen by Sunday evening, the coast guard said.
He showed no sign of backing down.

An advertisement for army recruits was posted on billboards across the capital in May.
The company pulled the advertisement after complaints from veterans.
Prosecutors said the advertisement had broken the law on wartime propaganda.
# Recruitment drive
The campaign urges men aged 25 to 60 to sign contracts with the army.

A video posted on social media appeared to show a column of tanks moving through the town.
The video could not be independently verified.
Ukrainian officials shared photos of the damaged school on Facebook.
The photo showed a crater in front of the hospital.
Investigators are studying the footage frame by frame.

The minister said Kyiv would share intelligence with its neighbours on the drone routes.
Poland and Ukraine share a border of more than 500 kilometres.
Farmers have seen their share of the grain market fall since the blockade began.
About a third of the country's electricity comes from nuclear plants.

Thousands of people follow the channel, which posts footage from the front every day.
Zelensky wrote on X that the talks had been "productive".
Medvedev said in a Telegram post that the West would pay for its support.
The governor posted on Telegram that a shelter had been hit.
The mayor urged residents to follow the instructions of the emergency services.

"We will not give up a single metre," the commander said.
"Nobody expected this," she said.
"It is a war crime."
"We need air defence now, not next year."
But our people are still here.

# Key numbers
· 12 civilians killed
· 48 wounded
· 6 buildings destroyed
1. Restore power to the grid.
2. Repair the water station.
3. Evacuate the children.

The president signed the law on mobilisation on Tuesday, his office said.
The law lowers the draft age from 27 to 25.
Critics said the reform came too late.
Parliament is expected to vote on a second bill next week.

# The view from Moscow
Kremlin spokesman Dmitry Peskov told reporters that Russia remained open to talks.
He said any agreement would have to take into account "the new realities on the ground".
Western officials dismissed the remarks as a stalling tactic.

Sanctions on Russian oil came into force on Monday.
The European Commission said the new package targets banks and shipping firms.
Hungary had threatened to block the package but dropped its objections late on Friday.
# Energy prices
Gas prices in Europe rose 8% after the announcement.

Soldiers listen to a briefing before a night patrol near the front.
The generals watched the drills from a command post.
The world is watching what happens in Kharkiv, the minister said.
Officials said they would watch closely for any sign of troop movements.
Residents were told to listen for air raid sirens and go to shelters.

The Red Cross said it had delivered food and medicine to 3,000 people in the town.
Aid workers said the convoy was delayed by shelling.
The United Nations called for safe passage for civilians.
More than 200 people were evacuated by bus on Wednesday.

In a statement, the foreign ministry condemned what it called a provocation.
The ambassador was summoned on Thursday morning.
# Reaction
NATO Secretary General said the alliance would not be intimidated.
The US State Department said it was monitoring the situation.

Ukraine's navy said it had hit a Russian patrol ship off the coast of Crimea.
Russia's Black Sea Fleet has moved most of its vessels east since last year.
The claim could not be verified by independent sources.

The court sentenced the soldier to life in prison for killing a civilian.
It was the first war crimes trial since the invasion began.
His lawyer said he would appeal.

Nearly half of those surveyed said they expected the war to last more than a year.
The poll was carried out by telephone between 5 and 13 May.
The margin of error is 2.8 percentage points.

The subscription service was launched in 2019 and now has two million users, the company said.
Readers can subscribe to the paper's print edition for 12 euros a month, the publisher said in its annual report.
The channel's owner said the advertising market had collapsed after the invasion.
Newspapers in the region lost half their advertising revenue in 2022.

# What comes next
Diplomats will meet again in Geneva at the end of the month.
Both sides have said they are ready to talk, but neither has moved on its core demands.

KYIV residents spent another night in metro stations as sirens sounded.
NATO allies agreed to send more air defence systems.
UN inspectors arrived at the nuclear plant on Thursday.

The general was dismissed by decree on Friday.
No reason was given.
He had led the southern group of forces since October.
# Who is he?
A career officer, he fought in Chechnya and Syria.

Photographs of the meeting were published by the presidential press service.
A spokesman for the ministry declined to comment on the report.
The report, published on Tuesday, said at least 400 schools had been damaged.
Updated figures will be released next month, the agency said.

Officials in Belgorod said a woman was killed when debris fell on a house.
Russia blamed Ukraine for the attack.
Kyiv did not comment.

By the end of the week, the army had pushed back to the river.
By then, most residents had left the town.
By law, men of fighting age cannot leave the country.

Share prices in Moscow fell sharply after the announcement.
The rouble lost 3% against the dollar.
Economists expect inflation to rise above 8% this year.

He was detained at the border and charged with spying for a foreign state.
The security service said he had passed the coordinates of military sites to his handlers.
If convicted, he faces up to 15 years in prison.
"""


def main() -> int:
    rng = random.Random(SEED)
    if not (SHARED / "training").is_dir():
        print(f"no training data under {SHARED}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    content = meantime_rows() + re3d_rows() + invented_rows() + insertable_content(rng)
    furniture = furniture_rows(rng)
    for name, rows in (("boilerplate_content.jsonl", content), ("boilerplate_furniture.jsonl", furniture)):
        with (OUT / name).open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        print(f"{name}: {len(rows)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
