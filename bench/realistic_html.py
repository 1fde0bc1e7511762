"""Deterministic generator of realistic film web pages (10–150 KB of HTML) for benchmarks.

Each page has what real pages carry around their text: a ``<head>`` with title, meta and
OpenGraph tags (sometimes schema.org JSON-LD), navigation menus, inline scripts (analytics,
ad loaders, 20–80 KB JSON state blobs), styles, an ``<article>`` (headline, byline, prose about
one film), sometimes an infobox, a cast table or a ``<dl>`` of credits, sidebars ("related",
"trending"), ad slots, user comments and a footer. Four site layouts: news site, review blog,
database listing, cinema listing.

Films, people and lead paragraphs come from ``../shared/data/wikipedia-movies/movies.jsonl.gz``
(English Wikipedia, CC BY-SA 4.0) when it is beside the repository, else from built-in lists.
The same ``seed`` and ``n`` always give the same pages.

    from realistic_html import make_pages
    specs = make_pages(n=400, seed=11)   # list of Page(name, html, truth)
"""

from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOVIES = ROOT.parent / "shared" / "data" / "wikipedia-movies" / "movies.jsonl.gz"

MIN_BYTES = 10_000
MAX_BYTES = 150_000
LAYOUTS = ("news", "review", "database", "cinema")

# --------------------------------------------------------------------------- word lists

FIRST = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Daniel Karen Matthew Nancy Anthony Lisa Mark "
    "Betty Steven Sandra Andrew Ashley Joshua Kimberly Kenneth Emily Kevin Donna Brian Michelle "
    "Min-ji Ji-hoon Seo-yeon Hyun-woo Yuki Haruto Sofia Mateo Lucia Pierre Amelie Lars Ingrid "
    "Ravi Priya Omar Leila Tomasz Agnieszka Chidi Ngozi Rafael Camila"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis "
    "Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Carter Mitchell Roberts "
    "Kim Park Choi Jung Kang Tanaka Suzuki Rossi Moreau Lindqvist Nowak Okafor Mendes Patel "
    "Haddad Fischer Novak Silva Costa"
).split()
HANDLES = (
    "cinephile popcorn reeljoe filmbuff nightowl moviegeek celluloid critic42 jbond "
    "lateshow matinee bluray indiekid arthouse frame24 director_cut cineaste"
).split()
GENRES = (
    "thriller drama comedy horror western romance mystery crime science-fiction action "
    "adventure animated musical war documentary fantasy"
).split()
CITIES = (
    "Seoul Busan Chicago Lisbon Marseille Toronto Glasgow Osaka Lagos Austin Naples Vilnius "
    "Melbourne Denver Montreal Tbilisi Havana Tangier"
).split()
STUDIOS = (
    "Warner Bros.|Universal Pictures|A24|Neon|Focus Features|CJ Entertainment|Showbox|"
    "Lionsgate|Searchlight Pictures|Netflix|Paramount Pictures|Magnolia Pictures"
).split("|")
CINEMAS = (
    "Odeon Leicester Square|Picturehouse Central|Regal Union Square|Alamo Drafthouse|"
    "CGV Yongsan|Lotte Cinema World Tower|Curzon Soho|Vue Westfield|Cineworld Glasgow|"
    "AMC Lincoln Square|Prince Charles Cinema|BFI Southbank|Nitehawk Williamsburg"
).split("|")
ROLE_NOUNS = (
    "detective|schoolteacher|getaway driver|retired boxer|nurse|journalist|defector|"
    "lighthouse keeper|con artist|marine biologist|widowed farmer|rookie cop|chef|pilot"
).split("|")
ADJ = (
    "assured|ambitious|restless|tender|furious|elegant|uneven|gripping|haunting|playful|"
    "bruising|luminous|overlong|taut|melancholy|audacious"
).split("|")
FALLBACK_FILMS = [
    ("The Long Crossing", 2019, "Maria Lindqvist"),
    ("Night Harbour", 2021, "Kang Ji-hoon"),
    ("A Quiet Frontier", 2016, "Thomas Okafor"),
    ("Paper Lanterns", 2023, "Yuki Tanaka"),
    ("The Salt Road", 2018, "Rafael Mendes"),
    ("Glass Orchard", 2022, "Sofia Rossi"),
    ("Run North", 2024, "Park Hyun-woo"),
    ("Brass Knuckle Waltz", 2015, "Kevin Walker"),
    ("The Winter Ledger", 2020, "Agnieszka Nowak"),
    ("Low Tide", 2017, "Chidi Okafor"),
    ("Seven Bridges", 2012, "Pierre Moreau"),
    ("Afterglow Motel", 2025, "Jessica Harris"),
]

# --------------------------------------------------------------------------- prose templates

REVIEW = [
    "{title} is {director}'s most {adj} film yet, a {genre} that knows exactly when to hold back.",
    "{actor} gives a {adj} performance as a {role}, and {actor2} matches them scene for scene.",
    "Running {runtime} minutes, the film occasionally tests your patience, but never for long.",
    "The screenplay by {writer} keeps its cards close, doling out the backstory in small, bitter doses.",
    "Shot on location in {city}, {title} looks {adj} in a way few {genre} films bother to.",
    "By the final act, {director} has turned a familiar premise into something genuinely {adj}.",
    "If {title} stumbles, it is in its middle stretch, where {actor2}'s subplot drifts away from the main story.",
    "{actor} has rarely been better; watch the long take in the hospital corridor and try not to flinch.",
    "The score does a lot of heavy lifting, sometimes too much, underlining moments that were already clear.",
    "What lingers is not the plot but the faces: {actor}, {actor2} and {actor3}, each carrying a private grief.",
    "There is a {adj} streak of humour here that keeps the {genre} elements from curdling into solemnity.",
    "Critics at the {city} festival were divided, but the audience gave {title} a long standing ovation.",
    "{director} stages the climactic chase with a clarity that puts bigger-budget studio pictures to shame.",
    "It is, in the end, a film about loyalty, and about what people owe the places they come from.",
    "Not everything works, yet {title} earns its place among the year's most {adj} releases.",
]
NEWS = [
    "{studio} has set a {month} {year} release for {title}, the new {genre} from {director}.",
    "Production on {title} wrapped in {city} last {month}, according to people familiar with the project.",
    "{actor} and {actor2} lead the cast, with {actor3} in a supporting role.",
    "The film, written by {writer}, follows a {role} who returns home to {city} after twenty years away.",
    "{director} said in a statement that the story had been with them since film school.",
    "Early footage screened for exhibitors at CinemaCon drew a warm response, trade reports said.",
    "{title} will premiere at the {city} International Film Festival before a wide release.",
    "The budget was reported at around ${budget} million, modest by the standards of the genre.",
    "A first trailer is expected next month, alongside a poster campaign in {city} and {city2}.",
    "{studio} acquired worldwide rights after a bidding war at the Berlin market.",
    "Representatives for {actor} did not respond to a request for comment.",
]
SYNOPSIS = [
    "When a {role} in {city} stumbles on a ledger that should not exist, everything they trust starts to unravel.",
    "With a storm closing the only road out of town, {character} has one night to decide who to believe.",
    "{character}, a {role} haunted by a case from years ago, is pulled back in by a stranger's letter.",
    "Two estranged siblings cross {city} in a single day to settle their late father's debts.",
    "A small-town {role} and a disgraced {role2} form an unlikely alliance against a powerful family.",
    "Years after a failed heist, a crew reunites for one last job that none of them wants.",
]
COMMENTS = [
    "Saw this last night and I'm still thinking about it. {actor} was incredible.",
    "Honestly overrated. The second half drags and the ending made no sense to me.",
    "Best {genre} I've seen in years, go in knowing as little as possible!",
    "Anyone know if this is getting a physical release? Would love a director's cut.",
    "The review is spot on about the score, it never lets a quiet moment stay quiet.",
    "{director} never misses. Can't wait for whatever comes next.",
    "I didn't expect to cry at a {genre} but here we are.",
    "Cinematography alone is worth the ticket. Those night scenes in {city}!",
    "Agree with most of this but {actor2} deserved more screen time.",
    "Watched it twice. Caught so many details the second time around.",
    "My local cinema only had two showings, which is a crime for a film like this.",
    "Three stars feels harsh. The {city} sequence alone is a five.",
    "{actor3} steals every scene they are in, nobody is talking about it enough.",
    "Went with my dad, he fell asleep, I loved it. Make of that what you will.",
    "Is it just me or is the sound mix awful? Couldn't hear half the dialogue.",
    "Not a patch on the original, sorry.",
]
FILLER_TOPICS = [
    "Box office: the weekend's top ten",
    "Festival lineup announced",
    "Streaming this week",
    "Ten overlooked thrillers",
    "Interview: the editor behind the year's best cut",
    "Trailer roundup",
    "Awards season predictions",
    "Restored classics returning to cinemas",
]
MONTHS = (
    "January February March April May June July August September October November December"
).split()


# --------------------------------------------------------------------------- film source


@dataclass
class Film:
    title: str
    year: int
    director: str
    writer: str
    cast: list[str]
    genres: list[str]
    lead: str | None = None


_DIRECTED = re.compile(r"directed by ((?:[A-Z][\w.'’-]*\s){1,2}[A-Z][\w'’-]+)")
_WRITTEN = re.compile(r"written by ((?:[A-Z][\w.'’-]*\s){1,2}[A-Z][\w'’-]+)")


def load_films(limit: int = 4000, seed: int = 11) -> list[Film]:
    """Films with a lead paragraph and a cast from the shared Wikipedia data, else built-ins."""
    rng = random.Random(seed)
    films: list[Film] = []
    if MOVIES.exists():
        with gzip.open(MOVIES, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        rows = [
            r
            for r in rows
            if r.get("extract")
            and len(r["extract"]) > 300
            and len(r.get("cast") or []) >= 3
            and r.get("year", 0) >= 1950
        ]
        rng.shuffle(rows)
        for r in rows[:limit]:
            lead = r["extract"]
            m = _DIRECTED.search(lead)
            w = _WRITTEN.search(lead)
            director = m.group(1).strip() if m else _person(rng)
            writer = w.group(1).strip() if w else _person(rng)
            genres = [g.lower() for g in r.get("genres") or []] or [rng.choice(GENRES)]
            films.append(Film(r["title"], r["year"], director, writer, r["cast"], genres, lead))
    if not films:
        for title, year, director in FALLBACK_FILMS:
            cast = [_person(rng) for _ in range(rng.randint(4, 9))]
            films.append(
                Film(title, year, director, _person(rng), cast, [rng.choice(GENRES)], None)
            )
    return films


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


# --------------------------------------------------------------------------- page pieces


@dataclass
class Page:
    name: str
    html: str
    layout: str
    truth: dict = field(default_factory=dict)


class _Ctx:
    """Slots for the prose templates of one page."""

    def __init__(self, film: Film, rng: random.Random) -> None:
        self.rng = rng
        self.film = film
        cast = list(film.cast) + [_person(rng) for _ in range(max(0, 4 - len(film.cast)))]
        self.cast = cast
        self.characters = [
            f"{rng.choice(['', 'Detective ', 'Dr. ', 'Captain ', 'Officer ', ''])}"
            f"{rng.choice(FIRST)} {rng.choice(LAST)}".strip()
            for _ in cast
        ]
        self.runtime = rng.randint(84, 164)
        self.month = rng.randrange(12)
        self.day = rng.randint(1, 28)
        self.slots = {
            "title": film.title,
            "year": film.year,
            "director": film.director,
            "writer": film.writer,
            "actor": cast[0],
            "actor2": cast[1],
            "actor3": cast[2],
            "genre": film.genres[0],
            "runtime": self.runtime,
            "studio": rng.choice(STUDIOS),
            "character": self.characters[0],
            "budget": rng.randint(4, 180),
            "month": MONTHS[self.month],
        }

    def fill(self, template: str) -> str:
        rng = self.rng
        extra = {
            "adj": rng.choice(ADJ),
            "role": rng.choice(ROLE_NOUNS),
            "role2": rng.choice(ROLE_NOUNS),
            "city": rng.choice(CITIES),
            "city2": rng.choice(CITIES),
        }
        for key in ("adj", "role", "role2", "genre"):
            value = extra.get(key) or self.slots[key]
            if value[0] in "aeiou":
                template = template.replace(f"a {{{key}}}", f"an {{{key}}}")
        return template.format(**self.slots, **extra)

    def paragraph(self, bank: list[str], k: tuple[int, int] = (3, 6)) -> str:
        chosen = self.rng.sample(bank, min(len(bank), self.rng.randint(*k)))
        return " ".join(self.fill(t) for t in chosen)

    @property
    def release_date(self) -> str:
        return f"{MONTHS[self.month]} {self.day}, {self.film.year}"


def _links(rng: random.Random, n: int, words: list[str] | None = None, prefix: str = "") -> str:
    items = []
    for _ in range(n):
        label = (
            rng.choice(words)
            if words
            else " ".join(rng.choice(FILLER_TOPICS + GENRES).split()[:3]).title()
        )
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        items.append(f'<li class="menu-item"><a href="{prefix}/{slug}/">{escape(label)}</a></li>')
    return "".join(items)


def _nav(rng: random.Random, cls: str, n: int) -> str:
    sections = ["News", "Reviews", "Features", "Trailers", "Box Office", "TV", "Awards", "Video"]
    menus = []
    for s in sections[: max(3, n // 4)]:
        sub = _links(rng, rng.randint(3, 8), prefix=f"/{s.lower().replace(' ', '-')}")
        menus.append(
            f'<li class="menu-item has-children"><a href="/{s.lower()}/">{s}</a>'
            f'<ul class="sub-menu">{sub}</ul></li>'
        )
    return f'<nav class="{cls}" role="navigation" aria-label="Main"><ul class="menu">{"".join(menus)}</ul></nav>'


def _ident(rng: random.Random, n: int = 6) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_$") for _ in range(n))


def _analytics_js(rng: random.Random, size: int) -> str:
    """Minified-looking JS: analytics tags, ad loaders, consent managers."""
    parts = [
        "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
        "event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s);"
        f"j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id=GTM-{rng.randint(10**5, 10**6)}';"
        "f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer');"
    ]
    total = len(parts[0])
    while total < size:
        a, b, c = _ident(rng), _ident(rng, 3), _ident(rng, 4)
        chunk = (
            f"var {a}=function({b},{c}){{if(!{b})return null;var r=[];for(var i=0;i<{b}.length;i++)"
            f"{{r.push({b}[i]^{c}.charCodeAt(i%{c}.length))}}return r.join('{rng.choice('-_.:')}')}};"
            f"window.{a}_cfg={{slot:'div-gpt-ad-{rng.randint(10**9, 10**10)}-{rng.randint(0, 9)}',"
            f"sizes:[[300,250],[728,90]],refresh:{rng.randint(15, 60)}}};"
        )
        parts.append(chunk)
        total += len(chunk)
    return f'<script type="text/javascript">{"".join(parts)}</script>'


def _state_blob(ctx: _Ctx, size: int) -> str:
    """A JSON state blob like __NEXT_DATA__ / window.__INITIAL_STATE__ (article text included)."""
    rng = ctx.rng
    film = ctx.film
    state: dict = {
        "props": {
            "pageProps": {
                "article": {
                    "id": rng.randint(10**6, 10**7),
                    "headline": film.title,
                    "body": [ctx.paragraph(REVIEW) for _ in range(3)],
                    "tags": film.genres,
                },
                "related": [],
            }
        },
        "page": "/[section]/[slug]",
        "buildId": f"{rng.getrandbits(64):016x}",
    }
    related = state["props"]["pageProps"]["related"]
    used = len(json.dumps(state))
    while used < size:
        item = {
            "id": rng.randint(10**6, 10**7),
            "title": f"{rng.choice(FILLER_TOPICS)}: {rng.choice(ADJ)} {rng.choice(GENRES)} picks",
            "slug": f"/{rng.choice(['news', 'reviews', 'features'])}/{rng.getrandbits(40):x}",
            "image": {
                "src": f"https://cdn.example.com/img/{rng.getrandbits(64):016x}.jpg",
                "width": 1200,
                "height": 675,
                "alt": f"Still from {_person(rng)}'s new film",
            },
            "author": {"name": _person(rng), "id": rng.randint(100, 9999)},
            "published": f"{film.year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
            "hash": f"{rng.getrandbits(128):032x}",
        }
        related.append(item)
        used += len(json.dumps(item)) + 2
    data = json.dumps(state, separators=(",", ":")).replace("</", "<\\/")
    if rng.random() < 0.5:
        return f'<script id="__NEXT_DATA__" type="application/json">{data}</script>'
    return f"<script>window.__INITIAL_STATE__={data};</script>"


def _css(rng: random.Random, size: int) -> str:
    rules = []
    total = 0
    while total < size:
        sel = f".{_ident(rng, 5)}-{rng.choice(['card', 'rail', 'btn', 'hero', 'grid', 'meta'])}"
        rule = (
            f"{sel}{{display:{rng.choice(['flex', 'block', 'grid'])};margin:{rng.randint(0, 32)}px "
            f"{rng.randint(0, 32)}px;color:#{rng.getrandbits(24):06x};font-size:{rng.randint(11, 28)}px}}"
        )
        rules.append(rule)
        total += len(rule)
    return f"<style>{''.join(rules)}</style>"


def _json_ld(ctx: _Ctx, review: bool) -> str:
    film = ctx.film
    movie = {
        "@type": "Movie",
        "name": film.title,
        "dateCreated": str(film.year),
        "director": {"@type": "Person", "name": film.director},
        "actor": [{"@type": "Person", "name": a} for a in ctx.cast[:5]],
        "duration": f"PT{ctx.runtime // 60}H{ctx.runtime % 60}M",
        "genre": [g.title() for g in film.genres],
    }
    if review:
        data = {
            "@context": "https://schema.org",
            "@type": "Review",
            "itemReviewed": movie,
            "author": {"@type": "Person", "name": _person(ctx.rng)},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": ctx.rng.randint(2, 5),
                "bestRating": 5,
            },
        }
    else:
        data = {"@context": "https://schema.org", **movie}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _infobox(ctx: _Ctx) -> str:
    film = ctx.film
    rows = [
        ("Directed by", escape(film.director)),
        ("Written by", escape(film.writer)),
        ("Starring", "<br>".join(escape(a) for a in ctx.cast[:5])),
        ("Running time", f"{ctx.runtime} minutes"),
        ("Release date", ctx.release_date),
        ("Country", ctx.rng.choice(["United States", "South Korea", "France", "United Kingdom"])),
    ]
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    return (
        f'<table class="infobox vevent"><caption>{escape(film.title)}</caption>'
        f"<tbody>{body}</tbody></table>"
    )


def _cast_table(ctx: _Ctx) -> str:
    rows = "".join(
        f'<tr><td class="actor"><a href="/name/nm{ctx.rng.randint(10**6, 10**7)}/">{escape(a)}</a></td>'
        f'<td class="character">{escape(c)}</td></tr>'
        for a, c in zip(ctx.cast[:10], ctx.characters[:10], strict=False)
    )
    return (
        '<table class="cast_list"><thead><tr><th>Actor</th><th>Character</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _credits_dl(ctx: _Ctx) -> str:
    film = ctx.film
    items = [
        ("Director", film.director),
        ("Writer", film.writer),
        ("Cast", ", ".join(ctx.cast[:6])),
        ("Running time", f"{ctx.runtime} min"),
        ("Genre", ", ".join(g.title() for g in film.genres)),
        ("Release date", ctx.release_date),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in items)
    return f'<dl class="credits">{body}</dl>'


def _rail(ctx: _Ctx, heading: str, films: list[Film], n: int) -> str:
    rng = ctx.rng
    cards = []
    for f in rng.sample(films, min(n, len(films))):
        cards.append(
            f'<li class="card"><a href="/film/{rng.getrandbits(32):x}/">'
            f'<img src="https://cdn.example.com/p/{rng.getrandbits(48):x}.jpg" alt="" loading="lazy">'
            f'<span class="card-title">{escape(f.title)}</span> <span class="year">({f.year})</span></a></li>'
        )
    return f'<section class="rail"><h3>{heading}</h3><ul>{"".join(cards)}</ul></section>'


def _teasers(ctx: _Ctx, films: list[Film], n: int) -> str:
    """A "More from the site" grid: article teasers with a summary line each."""
    rng = ctx.rng
    items = []
    for f in rng.sample(films, min(n, len(films))):
        items.append(
            f'<div class="teaser"><a href="/{rng.choice(["news", "reviews"])}/{rng.getrandbits(40):x}/">'
            f'<img src="https://cdn.example.com/t/{rng.getrandbits(48):x}.jpg" alt="" loading="lazy">'
            f"<h3>{escape(f.title)}: {escape(rng.choice(FILLER_TOPICS).lower())}</h3></a>"
            f'<p class="dek">{escape(rng.choice(ADJ).title())} {escape(f.genres[0])} from {escape(f.director)}, '
            f"out in {rng.choice(MONTHS)}.</p>"
            f'<span class="meta">{rng.randint(2, 12)} min read · {rng.randint(0, 300)} comments</span></div>'
        )
    return f'<section class="more-from"><h2>More from the site</h2><div class="grid">{"".join(items)}</div></section>'


def _ad(rng: random.Random) -> str:
    return (
        f'<div class="ad-slot" id="div-gpt-ad-{rng.randint(10**9, 10**10)}" data-size="300x250">'
        f'<span class="ad-label">Advertisement</span></div>'
    )


def _comment(ctx: _Ctx, i: int) -> str:
    rng = ctx.rng
    who = f"{rng.choice(HANDLES)}{rng.randint(1, 999)}"
    text = ctx.fill(rng.choice(COMMENTS))
    return (
        f'<li class="comment" id="comment-{i}"><div class="comment-author"><img class="avatar" '
        f'src="https://gravatar.example/{rng.getrandbits(64):x}" alt=""> <cite>{who}</cite></div>'
        f'<div class="comment-meta"><time>{rng.randint(1, 23)} hours ago</time></div>'
        f'<div class="comment-body"><p>{escape(text)}</p></div>'
        f'<div class="reply"><a href="#respond">Reply</a> · {rng.randint(0, 80)} likes</div></li>'
    )


def _footer(rng: random.Random, site: str, extra_links: int) -> str:
    cols = []
    for heading in ("About", "Sections", "Follow us", "Legal"):
        cols.append(
            f'<div class="footer-col"><h4>{heading}</h4><ul>{_links(rng, 5 + extra_links // 4)}</ul></div>'
        )
    return (
        f'<footer class="site-footer">{"".join(cols)}<p class="copyright">© {rng.randint(2015, 2026)} '
        f"{escape(site)}. All rights reserved. | <a href='/privacy'>Privacy</a> | "
        f"<a href='/terms'>Terms of use</a> | <a href='/cookies'>Cookie settings</a></p></footer>"
    )


# --------------------------------------------------------------------------- layouts


def _render(layout: str, ctx: _Ctx, films: list[Film], fill: dict, site: str) -> str:
    rng = ctx.rng
    film = ctx.film
    t = escape(film.title)
    byline = f'<p class="byline">By <a rel="author" href="/author/{rng.randint(1, 999)}">{escape(_person(rng))}</a></p>'
    date = (
        f'<time datetime="{film.year}-{ctx.month + 1:02d}-{ctx.day:02d}">{ctx.release_date}</time>'
    )
    lead = film.lead if film.lead and rng.random() < 0.7 else None
    comments = "".join(_comment(ctx, i) for i in range(fill["comments"]))
    comments_html = (
        f'<section id="comments" class="comments-area"><h2>{fill["comments"]} Comments</h2>'
        f'<ol class="comment-list">{comments}</ol></section>'
        if fill["comments"]
        else ""
    )
    sidebar_rails = "".join(
        _rail(ctx, h, films, n)
        for h, n in zip(
            ["Related films", "Trending now", "Most read", "Coming soon", "Editors' picks"],
            fill["rails"],
            strict=False,
        )
    )
    ads = [_ad(rng) for _ in range(4)]
    teasers = _teasers(ctx, films, fill["teasers"]) if fill["teasers"] else ""
    head_extra = "".join(fill["head"])
    body_end = "".join(fill["body_end"])

    if layout == "news":
        title = f"{film.title}: {rng.choice(['first look', 'release date set', 'cast announced', 'inside the production'])}"
        paras = [ctx.paragraph(NEWS, (3, 5)) for _ in range(rng.randint(3, 7))]
        if lead:
            paras.insert(1, lead)
        body = "".join(f"<p>{escape(p)}</p>" for p in paras)
        main = (
            f'<article class="story"><header><p class="kicker">Film</p><h1 class="headline">{escape(title)}</h1>'
            f"{byline}{date}</header>"
            f'<figure><img src="https://cdn.example.com/hero.jpg" alt=""><figcaption>{t} '
            f"({film.year}). Photo: {escape(ctx.slots['studio'])}</figcaption></figure>"
            f'<div class="article-body">{body[: len(body) // 2]}{ads[0]}{body[len(body) // 2 :]}</div>'
            f'<aside class="read-more"><h4>Read more</h4><ul>{_links(rng, 4)}</ul></aside></article>'
        )
        layout_body = (
            f'<div class="ticker">Breaking: {escape(rng.choice(FILLER_TOPICS))}</div>'
            f'<main class="container"><div class="col-main">{main}{comments_html}</div>'
            f'<aside class="col-side">{ads[1]}{sidebar_rails}{ads[2]}</aside></main>'
        )
    elif layout == "review":
        stars = rng.randint(2, 5)
        title = f"{film.title} review – {rng.choice(ADJ)} {film.genres[0]}"
        paras = [ctx.paragraph(REVIEW) for _ in range(rng.randint(4, 9))]
        extra = _infobox(ctx) if rng.random() < 0.4 else ""
        body = "".join(f"<p>{escape(p)}</p>" for p in paras)
        main = (
            f'<article class="post type-post hentry"><header class="entry-header">'
            f'<h1 class="entry-title">{escape(title)}</h1><div class="entry-meta">{byline}{date}'
            f'<span class="rating" aria-label="{stars} out of 5 stars">{"★" * stars}{"☆" * (5 - stars)}</span></div></header>'
            f'<div class="entry-content">{extra}{body}</div>'
            f'<footer class="entry-footer">Tags: {", ".join(escape(g) for g in film.genres)}, {t}</footer></article>'
        )
        layout_body = (
            f'<div id="content" class="site-content"><div id="primary">{main}'
            f'<nav class="post-navigation"><a href="/prev">Previous post</a> <a href="/next">Next post</a></nav>'
            f"{comments_html}</div>"
            f'<aside id="secondary" class="widget-area"><section class="widget widget_search"><form>'
            f'<input type="search" placeholder="Search…"></form></section>{sidebar_rails}'
            f'<section class="widget widget_archive"><h3>Archives</h3><ul>{_links(rng, 12, MONTHS)}</ul></section>'
            f"{ads[1]}</aside></div>"
        )
    elif layout == "database":
        title = f"{film.title} ({film.year})"
        synopsis = lead or ctx.paragraph(SYNOPSIS, (2, 3))
        credits = _credits_dl(ctx) if rng.random() < 0.5 else _infobox(ctx)
        cast = _cast_table(ctx) if rng.random() < 0.75 else ""
        score = f"{rng.randint(40, 95) / 10:.1f}"
        main = (
            f'<div class="title-block"><h1 itemprop="name">{escape(title)}</h1>'
            f'<ul class="title-meta"><li>{film.year}</li><li>{ctx.runtime // 60}h {ctx.runtime % 60}m</li>'
            f"<li>{escape(', '.join(g.title() for g in film.genres))}</li></ul>"
            f'<div class="user-score">User score <span class="score">{score}/10</span> '
            f"({rng.randint(100, 90000):,} votes)</div></div>"
            f'<section class="storyline"><h2>Storyline</h2><p>{escape(synopsis)}</p>'
            f"<p>{escape(ctx.paragraph(SYNOPSIS, (1, 2)))}</p></section>"
            f'<section class="details"><h2>Details</h2>{credits}</section>'
            + (f'<section class="cast"><h2>Cast</h2>{cast}</section>' if cast else "")
            + f'<section class="user-reviews"><h2>User reviews</h2><p>{escape(ctx.paragraph(REVIEW, (2, 3)))}</p></section>'
        )
        layout_body = (
            f'<main class="page"><div class="main-col">{main}{comments_html}</div>'
            f'<aside class="side-col">{_rail(ctx, "More like this", films, 8)}{sidebar_rails}{ads[1]}</aside></main>'
        )
    else:  # cinema listing
        title = f"{film.title} – tickets and showtimes"
        synopsis = ctx.paragraph(SYNOPSIS, (2, 3))
        rows = []
        for cinema in rng.sample(CINEMAS, rng.randint(3, 7)):
            times = " ".join(
                f'<a class="time" href="/book/{rng.getrandbits(32):x}">{h}:{rng.choice(["00", "15", "30", "45"])}</a>'
                for h in sorted(rng.sample(range(11, 23), rng.randint(2, 5)))
            )
            rows.append(f"<tr><td>{escape(cinema)}</td><td>{times}</td></tr>")
        info = (
            f'<ul class="film-info"><li><strong>Director:</strong> {escape(film.director)}</li>'
            f"<li><strong>Starring:</strong> {escape(', '.join(ctx.cast[:4]))}</li>"
            f"<li><strong>Running time:</strong> {ctx.runtime} mins</li>"
            f"<li><strong>Certificate:</strong> {rng.choice(['PG', '12A', '15', '18', 'R', 'PG-13'])}</li>"
            f"<li><strong>Release date:</strong> {ctx.release_date}</li></ul>"
        )
        main = (
            f'<div class="film-hero"><h1>{t}</h1><a class="btn trailer" href="#trailer">Watch trailer</a></div>'
            f'<div class="film-detail"><p class="synopsis">{escape(synopsis)}</p>{info}'
            + (_cast_table(ctx) if rng.random() < 0.3 else "")
            + f'<h2>Showtimes</h2><table class="showtimes"><tr><th>Cinema</th><th>Times</th></tr>{"".join(rows)}</table></div>'
        )
        layout_body = (
            f'<main>{main}<section class="now-showing">{_rail(ctx, "Also showing", films, 12)}</section>'
            f'<section class="newsletter"><h3>Get the weekly film newsletter</h3><form><input type="email" '
            f'placeholder="Email address"><button>Sign up</button></form></section>{comments_html}</main>'
            f"<aside>{sidebar_rails}{ads[1]}</aside>"
        )

    description = escape(ctx.paragraph(REVIEW if layout == "review" else SYNOPSIS, (1, 2)))
    og = (
        f'<meta property="og:type" content="{"video.movie" if layout in ("database", "cinema") else "article"}">'
        f'<meta property="og:title" content="{escape(title)}">'
        f'<meta property="og:site_name" content="{escape(site)}">'
        f'<meta property="og:description" content="{description}">'
        f'<meta property="og:image" content="https://cdn.example.com/og/{rng.getrandbits(48):x}.jpg">'
        f'<meta name="twitter:card" content="summary_large_image">'
    )
    jsonld = ""
    if rng.random() < {"news": 0.25, "review": 0.4, "database": 0.7, "cinema": 0.5}[layout]:
        jsonld = _json_ld(ctx, review=layout == "review")
    header = (
        f'<header class="site-header"><div class="logo"><a href="/">{escape(site)}</a></div>'
        f"{_nav(rng, 'main-nav', fill['nav'])}"
        f'<div class="header-tools"><a href="/login">Sign in</a> <a href="/subscribe">Subscribe</a></div></header>'
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} | {escape(site)}</title>"
        f'<meta name="description" content="{description}">{og}'
        f'<link rel="canonical" href="https://{site.lower().replace(" ", "")}.example/{rng.getrandbits(40):x}">'
        f'<link rel="stylesheet" href="/static/main.{rng.getrandbits(32):08x}.css">'
        f"{jsonld}{head_extra}</head>"
        f'<body class="{layout}-page">{_ad(rng)}{header}{layout_body}'
        f"{teasers}{_footer(rng, site, fill['nav'])}{body_end}</body></html>"
    )


def make_page(i: int, films: list[Film], rng: random.Random, film: Film | None = None) -> Page:
    """Page ``i`` about ``film`` (default: one of ``films``); ``films`` fill its rails."""
    layout = LAYOUTS[i % len(LAYOUTS)] if rng.random() < 0.6 else rng.choice(LAYOUTS)
    film = film or films[rng.randrange(len(films))]
    ctx = _Ctx(film, rng)
    site = f"{rng.choice(['The', 'Daily', 'Reel', 'Cine', 'Screen', 'Frame'])} {rng.choice(['Reel', 'Post', 'Critic', 'Times', 'Guide', 'Scope', 'Club'])}"
    target = rng.randint(MIN_BYTES, MAX_BYTES)
    small = target < 30_000  # a lean page: short menus, few extras
    fill: dict = {
        "comments": rng.randint(0, 2 if small else 6),
        "rails": [rng.randint(3, 8) for _ in range(1 if small else rng.randint(1, 3))],
        "nav": rng.randint(4, 10) if small else rng.randint(8, 24),
        "teasers": 0,
        "head": [_css(rng, rng.randint(300, 3000)), _analytics_js(rng, rng.randint(500, 3000))],
        "body_end": [],
    }
    page_seed = rng.getrandbits(32)

    def render() -> str:
        ctx.rng = random.Random(page_seed)  # same text on every re-render
        return _render(layout, ctx, films, fill, site)

    html = render()
    # grow towards the target size with what real pages are made of
    if target - len(html) > 24_000 and rng.random() < 0.85:
        blob = min(rng.randint(20_000, 80_000), target - len(html) - 2_000)
        fill["body_end"].append(_state_blob(ctx, blob))
        html = render()
    for _ in range(200):
        gap = target - len(html.encode("utf-8"))
        if gap < 1_500:
            break
        kind = rng.choices(
            ["script", "style", "rails", "comments", "nav", "teasers"],
            weights=[30, 8, 15, 17, 10, 20],
        )[0]
        if kind == "script":
            fill[rng.choice(["head", "body_end"])].append(
                _analytics_js(rng, min(gap - 200, rng.randint(2_000, 9_000)))
            )
        elif kind == "style":
            fill["head"].append(_css(rng, min(gap - 100, rng.randint(1_500, 5_000))))
        elif kind == "rails" and len(fill["rails"]) < 5:
            fill["rails"].append(rng.randint(6, 12))
        elif kind == "comments" and fill["comments"] < 40:
            fill["comments"] += rng.randint(2, 6)
        elif kind == "teasers" and fill["teasers"] < 60:
            fill["teasers"] += rng.randint(4, 12)
        elif kind == "nav" and fill["nav"] < 40:
            fill["nav"] += 6
        else:
            fill["body_end"].append(_analytics_js(rng, min(gap - 200, 4_000)))
        html = render()
    truth = {"title": film.title, "year": film.year, "director": film.director}
    return Page(name=f"{i:05d}-{layout}.html", html=html, layout=layout, truth=truth)


def make_pages(n: int = 400, seed: int = 11) -> list[Page]:
    rng = random.Random(seed)
    films = load_films(seed=seed)
    return [make_page(i, films, rng) for i in range(n)]


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    pages = make_pages(int(sys.argv[2]) if len(sys.argv) > 2 else 8)
    for p in pages:
        print(f"{p.name:22s} {len(p.html.encode()):>8,d} B  {p.truth['title']}")
        if out:
            out.mkdir(parents=True, exist_ok=True)
            (out / p.name).write_text(p.html, encoding="utf-8")
