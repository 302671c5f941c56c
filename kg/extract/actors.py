"""Actors (issue #4): named entities, organisations named by description, groups and anonymous sources.

Three passes over the parsed article, all driven by data in ``kg/lexicons/``:

1. **Named entities** (spaCy NER), typed again with gazetteers and context: countries
   by name or one typo away ("Norwya"), cities and US states (GeoNames), well-known
   organisations and their acronyms, place-like heads ("... Stadium"), organisation
   subtypes from name heads ("... Ministry" → GovernmentBody). Demonyms are not
   actors, but plural ones heading a noun phrase are groups ("Palestinians").
2. **Aliases** within the article: same name, surname or given name ↔ full name,
   typos of a multi-word name, "X (Y)", acronyms, an organisation's name with and
   without its country ("Ministry of Defense").
3. **Noun phrases** that name an actor without a name: "Norway's navy",
   "the governor's office", "Greek officials", "a senior official", "opposition fighters".

Titles and affiliations come from pre-modifiers ("Greek Foreign Minister Elena
Papadaki") and appositions ("Elena Papadaki, Greece's foreign minister"). ``Actor.key``
is conservative: countries by ISO code, named actors by type + full name, unnamed
groups and anonymous sources scoped to the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.extract.actor_gazetteer import (
    Country,
    Place,
    country_by_iso,
    demonym_country,
    edit_distance,
    find_country,
    find_org,
    find_place,
    given_name_gender,
    is_demonym,
    is_plural_demonym,
)
from kg.extract.context import Context, actor_key, normalise_name
from kg.lexicons import load_lexicon
from kg.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
OTHER_LABELS = {"EVENT", "WORK_OF_ART", "PRODUCT"}  # only titles of news media are kept from these
MEDIA_TITLE_HEADS = {
    "news",
    "times",
    "post",
    "herald",
    "gazette",
    "tribune",
    "journal",
    "chronicle",
    "telegraph",
}
POSSESSIVE = {"'s", "’s", "'", "’"}
LOCATIVE_PREPS = {
    "in",
    "near",
    "from",
    "to",
    "at",
    "across",
    "around",
    "outside",
    "inside",
    "towards",
    "toward",
    "into",
    "through",
    "throughout",
    "between",
    "via",
    "of",
}
POSTNOMINALS = {
    "QC",
    "KC",
    "SC",
    "MP",
    "MEP",
    "OBE",
    "MBE",
    "CBE",
    "KBE",
    "PhD",
    "Jr",
    "Jr.",
    "Sr",
    "Sr.",
    "MD",
    "Esq",
    "Esq.",
}
NAME_PARTICLES = {
    "al",
    "el",
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "bint",
    "ben",
    "la",
    "le",
    "del",
    "della",
    "dos",
    "das",
    "ul",
    "e",
    "i",
    "o",
}  # "al-Assad", "de Gaulle", "e-Bay"
CAPTION_WORDS = {
    "image",
    "photo",
    "video",
    "file",
    "picture",
    "photograph",
}  # "Ahmed Mohamed Image" (a caption)
QUANTIFIERS = {
    "one",
    "a",
    "an",
    "the",
    "many",
    "some",
    "several",
    "few",
    "most",
    "all",
    "other",
    "more",
    "two",
    "three",
    "dozens",
    "hundreds",
    "thousands",
    "numerous",
    "various",
    "both",
    "these",
    "those",
}
CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")  # "IE9", "STS-134", "3M"
SCORE = re.compile(r"(?<![\d.,:/])\b\d{1,2} ?[–—-] ?\d{1,2}\b(?![\d.,:/%])")  # "1 – 0", "3-2"
NAME_LINKERS = {"of", "for", "and", "the", "&", "de", "del", "la", "le", "al", "du", "von", "van"}


@dataclass
class _Draft:
    """A mutable actor while the article is being read; frozen into ``Actor`` at the end."""

    name: str
    type: str
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: _Draft | None = None
    anonymous: bool = False
    geonames_id: int | None = None
    iso: str | None = None
    key: str | None = None
    canonical: bool = False  # the name comes from a gazetteer, not the text
    described: bool = False  # the text says what it is ("the company X"): its type outvotes NER's
    listed: bool = False  # typed by the names it is listed with ("Zeus, Hera and Athena")
    merged_into: _Draft | None = None
    pending_iso: str | None = None

    def add(self, alias: str, span: Span | None = None) -> None:
        alias = alias.strip()
        if alias and alias not in self.aliases:
            self.aliases.append(alias)
        if span is not None and span not in self.mentions:
            self.mentions.append(span)

    def root(self) -> _Draft:
        d = self
        while d.merged_into is not None:
            d = d.merged_into
        return d


@cache
def _lex() -> dict[str, object]:
    """The lexicons, folded into lookup sets once."""
    types = load_lexicon("actor_types")
    titles = load_lexicon("titles")
    groups = load_lexicon("groups")
    low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    subtype_heads = {h.lower(): st for st, hs in types["subtype_heads"].items() for h in hs}
    org_nouns = {h.lower(): st for st, hs in groups["org_nouns"].items() for h in hs}
    return {
        "subtype_heads": subtype_heads,
        "location_heads": low(types["location_heads"]),
        "generic": low(types["generic"]),
        "org_words": low(types["org_words"]),
        "thing_heads": low(types["thing_heads"]),
        "thing_prefixes": low(types["thing_prefixes"]),
        "former_countries": frozenset(normalise_name(x) for x in types["former_countries"]),
        "org_descriptors": low(types["org_descriptors"]),
        "thing_descriptors": low(types["thing_descriptors"]),
        "thing_modifier_heads": low(types["thing_modifier_heads"]),
        "stance_prefixes": low(types["stance_prefixes"]),
        "place_of_prefixes": low(types["place_of_prefixes"]),
        "thing_with_of": low(groups["thing_with_of"]),
        "title_heads": low(titles["heads"]),
        "occupations": low(titles["occupations"]),
        "state_heads": low(titles["state_heads"]),
        "title_mods": low(titles["modifiers"]),
        "honorifics": low(titles["honorifics"]),
        "anonymous": low(groups["anonymous"]),
        "group": low(groups["group"]),
        "needs_modifier": low(groups["needs_modifier"]),
        "bare": low(groups["bare"]),
        "people_heads": low(groups["people_heads"]),
        "source_markers": low(groups["source_markers"]),
        "descriptive": low(groups["descriptive_modifiers"]),
        "org_nouns": org_nouns,
        "government_like": low(groups["government_like"]),
    }


def _L(name: str) -> frozenset[str]:  # noqa: N802
    return _lex()[name]  # type: ignore[return-value]


def _is_title_word(token: Token) -> bool:
    w = token.lower_
    return w in _L("title_heads") or w in _L("title_mods") or w in _L("honorifics")


def _titlecase(words: list[str]) -> str:
    """Title case for lower-case words ("foreign minister" → "Foreign Minister"), others as written."""
    small = ("of", "for", "and", "the")
    return " ".join(
        w.lower() if w.lower() in small and i else w[:1].upper() + w[1:] if w.islower() else w
        for i, w in enumerate(words)
    )


def _role_from(words: list[str]) -> str | None:
    """The role in a run of title words: up to and including the last title head, honorifics dropped."""
    words = [w for w in words if w.lower() not in _L("honorifics")]
    heads = _L("title_heads")
    end = None
    for i in range(len(words)):
        if words[i].lower() in heads or " ".join(words[i - 1 : i + 1]).lower() in heads:
            end = i + 1
    if end is None:
        return None
    rest = words[end:]
    if (
        len(rest) >= 2
        and rest[0].lower() in ("of", "for")
        and all(w.lower() in _L("title_mods") for w in rest[1:])
    ):
        end = len(words)  # "Secretary of State", "Minister of Foreign Affairs", "Minister for Health"
    return _titlecase(words[:end])


class _Reader:
    """One article's actor extraction: the passes share the drafts and indexes kept here."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.text = ctx.text
        self.drafts: list[_Draft] = []
        self.by_iso: dict[str, _Draft] = {}
        self.token_actor: dict[int, _Draft] = {}  # token index → draft of the entity covering it
        self.countries: set[str] = set()
        self.nested_names: list[tuple[int, int]] = []  # bounds of names NER missed that may hold a place
        self.split_people: list[tuple[int, int]] = []  # people's names cut off the end of a body's name
        self.things: set[str] = set()  # names the article gives to things ("the cruise ship Freewinds")
        # words the article also writes in lower case as common nouns: a capitalised one is no name
        self.common_nouns = frozenset(
            t.lower_ for t in self.doc if t.tag_ in ("NN", "NNS") and t.is_lower and t.is_alpha and len(t) > 2
        )

    # -- helpers -------------------------------------------------------------------
    def new(self, draft: _Draft) -> _Draft:
        self.drafts.append(draft)
        return draft

    def country(self, c: Country) -> _Draft:
        """The article's actor for a country, created (without mentions) if it is not named."""
        d = self.by_iso.get(c.iso)
        if d is None:
            d = self.new(
                _Draft(
                    name=c.name,
                    type="Country",
                    iso=c.iso,
                    geonames_id=c.geonames_id,
                    key=f"country-{c.iso.lower()}",
                    canonical=True,
                )
            )
            d.add(c.name)
            self.by_iso[c.iso] = d
        return d.root()

    def actor_of_token(self, token: Token) -> _Draft | None:
        d = self.token_actor.get(token.i)
        return d.root() if d else None

    def affiliation_of(self, token: Token) -> _Draft | None:
        """The actor a modifier token stands for: a demonym's country, or a named entity."""
        d = self.actor_of_token(token)
        if d is not None and d.type in ("Country", "Organization", "Location", "Person", "Group"):
            return d
        if token.ent_type_ == "NORP" or token.pos_ in ("ADJ", "PROPN"):
            c = demonym_country(token.text)
            if c is not None:
                return self.country(c)
        return None

    # -- pass 1: named entities ----------------------------------------------------
    def clean_entity(self, ent: SpacySpan) -> tuple[int, int] | None:
        """Token bounds of an entity without a leading article, trailing possessive or punctuation."""
        start, end = ent.start, ent.end
        while start < end and (self.doc[start].lower_ in ("the", "a", "an") or self.doc[start].is_punct):
            start += 1
        cut = next(
            (
                t.i
                for t in self.doc[start:end]
                if t.text in ("(", "[") or "\n" in t.text_with_ws[:-1] or (t.is_space and "\n" in t.text)
            ),
            None,
        )
        if (
            cut is not None
            and cut > start
            and ent.label_ == "PERSON"
            and self.heading_before(start, cut, ent.end)
        ):
            start, cut = cut + 1, None  # "Election Results⏎Eddie Chu received ...": a heading, then the name
            while start < end and self.doc[start].is_space:
                start += 1
        end = cut if cut is not None and cut > start else end
        if ent.label_ in ("ORG", "GPE", "LOC", "FAC"):
            the = next((t.i for t in self.doc[start + 1 : end - 1] if t.lower_ == "the"), None)
            before = normalise_name(self.doc[start:the].text) if the is not None else ""
            if before and any(
                d.type == "Person" and f" {before} " in f" {normalise_name(d.name)} " for d in self.live()
            ):
                start = the + 1  # type: ignore[operator]  # "According to [Rathbun the Scientology] property"
        while end - start > 1 and self.doc[end - 1].lower_ in CAPTION_WORDS:
            end -= 1
        while end > start and (
            self.doc[end - 1].text in POSSESSIVE or self.doc[end - 1].is_punct or self.doc[end - 1].is_space
        ):
            end -= 1
        while end - start > 1 and self.doc[end - 1].like_num and find_country(self.doc[start : end - 1].text):
            end -= 1  # "putting [Sweden 1] – 0 up": a score after a country's name
        if ent.label_ == "PERSON":
            while end - start > 1 and self.doc[start].lower_ in _L("honorifics"):
                start += 1
        if ent.label_ in ("PERSON", "GPE", "ORG") and end - start == 1 and start > 0:
            # "Carly [Simon]": NER left a given name out of the person's name
            prev = self.doc[start - 1]
            if (
                prev.tag_ == "NNP"
                and prev.ent_iob_ == "O"
                and prev.is_title
                and prev.is_alpha
                and given_name_gender(prev.text) in ("male", "female")
            ):
                start -= 1
        if ent.label_ == "PERSON" and start > 0 and self.given_name_entity(start - 1):
            start -= 1  # "[Dries]ORG [Mertens]PERSON": one person's name split in two entities
        if ent.label_ != "PERSON" and end - start == 1 and end < len(self.doc):
            nxt = self.doc[end]
            if (
                self.given_name_entity(start, before_person=False)
                and nxt.tag_ in ("NNP", "NNPS")
                and nxt.ent_iob_ == "O"
                and nxt.is_title
                and nxt.is_alpha
                and not _is_title_word(nxt)
                and nxt.lower_ not in _L("org_words")
                and nxt.lower_ not in _L("location_heads")
                and nxt.lower_ not in _L("subtype_heads")
            ):
                end += 1  # "[Dries]ORG Mertens": a given name NER typed apart, and the surname it missed
        if ent.label_ in ("PERSON", "ORG"):
            start = self.strip_country(start, end, person=ent.label_ == "PERSON")
        if ent.label_ == "ORG" and cut is None:
            end = self.extend_org_name(end)
        titled = any(_is_title_word(a) for a in list(self.doc[start:end].root.ancestors)[:4])
        if ent.label_ == "ORG" and end - start >= 5 and titled and self.person_tail(end):
            self.split_people.append((end - 2, end))
            end -= 2  # "[Council on American-Islamic Relations] [Alia Salem]": NER ran on into a name
        if ent.label_ == "ORG" and end - start >= 3 and self.body_word(self.doc[start]):
            # "Doctor Who [Society of Canada]": NER began the name at its body word
            k = start
            while (
                k > 0
                and start - k < 3
                and self.doc[k - 1].tag_ in ("NNP", "NNPS")
                and self.doc[k - 1].ent_iob_ == "O"
                and self.doc[k - 1].is_title
                and not self.doc[k - 1].is_sent_start
            ):
                k -= 1
            start = k
        doc = self.doc
        if (
            ent.label_ == "PERSON"
            and end == ent.end
            and end + 1 < len(doc)
            and end - start >= 2
            and all(len(t.text) <= 5 for t in doc[start:end])
            and not doc[end - 1].whitespace_
            and doc[end].text == "-"
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and len(doc[end + 1].text) <= 5
        ):
            end += 2  # "Wong Yeung[-tat]": NER stopped inside a hyphenated given name
        return (start, end) if end > start else None

    def heading_before(self, start: int, cut: int, end: int) -> bool:
        """NER ran a heading line into the name that opens the next line: the words before the line
        break fill their line, and only the words after it begin with a given name."""
        doc = self.doc
        line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
        after = next((t for t in doc[cut + 1 : end] if not t.is_space), None)
        return (
            line_start
            and after is not None
            and given_name_gender(after.text) in ("male", "female")
            and given_name_gender(doc[start].text) not in ("male", "female")
        )

    def person_tail(self, end: int) -> bool:
        """The last two words of a long name after a title are a person's: "director of the Council on
        X Relations Alia Salem" (a given name and a capitalised word)."""
        doc = self.doc
        first, last, before = doc[end - 2], doc[end - 1], doc[end - 3]
        return (
            first.is_title
            and last.is_title
            and first.is_alpha
            and last.is_alpha
            and given_name_gender(first.text) in ("male", "female")
            and before.lower_ not in NAME_LINKERS
            and not self.body_word(last)
            and last.lower_ not in _L("location_heads")
            and find_org(f"{first.text} {last.text}") is None
            and not _place_word(first.text)
        )

    def given_name_entity(self, i: int, *, before_person: bool = True) -> bool:
        """Token ``i`` is a one-word entity of another label that is a given name (by default, right
        before a person's name)."""
        t = self.doc[i]
        nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
        return (
            t.ent_iob_ == "B"
            and t.ent_type_ in ("ORG", "GPE", "NORP", "LOC")
            and (nxt is None or nxt.ent_iob_ != "I")
            and (not before_person or (nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"))
            and t.is_title
            and t.is_alpha
            and given_name_gender(t.text) in ("male", "female")
            and not _place_word(t.text)
            and find_org(t.text) is None
        )

    def after_stance_prefix(self, start: int, end: int) -> bool:
        """A name glued to "pro-"/"anti-" by a hyphen, inside or before the entity."""
        doc, prefixes = self.doc, _L("stance_prefixes")
        if end - start > 2 and doc[start].lower_ in prefixes and doc[start + 1].text == "-":
            return True
        return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in prefixes

    def strip_country(self, start: int, end: int, *, person: bool) -> int:
        """Where a person's name starts when NER glued the country of a title to it.

        "Prime Minister of India Lars Berg" tags "India Lars Berg" as one name: a country
        opening a name of 3+ words before a known given name (or, in a person's name, after
        "of"/"to"/"for") belongs to the title, not to the name.
        """
        doc = self.doc
        for k in (3, 2, 1):
            rest = start + k
            if end - rest < 2 or find_country(doc[start:rest].text) is None:
                continue
            after_title = person and start > 0 and doc[start - 1].lower_ in ("of", "to", "for")
            if after_title or given_name_gender(doc[rest].text) is not None:
                return rest
        return start

    def extend_org_name(self, end: int) -> int:
        """NER stopped before 'of/for' + capitalised words ("[Joint Council] for the Welfare of ...")."""
        doc = self.doc
        while end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and doc[end].ent_iob_ == "O":
            k = end + 1
            if doc[k].lower_ == "the" and k + 1 < len(doc):
                k += 1
            j = k
            while (
                j < len(doc) and doc[j].tag_ in ("NNP", "NNPS") and doc[j].ent_iob_ == "O" and doc[j].is_title
            ):
                j += 1
            if j == k and doc[k].ent_type_ == "ORG" and self.body_word(doc[end - 1]):
                # "[the Warhol Foundation] for [the Visual Arts]": NER cut one name in two
                j = k + 1
                while j < len(doc) and doc[j].ent_iob_ == "I" and doc[j].ent_type_ == "ORG":
                    j += 1
                tail = doc[k:j]
                if not all(t.is_title and t.tag_ in ("NNP", "NNPS") for t in tail) or find_org(tail.text):
                    break
            if j == k:
                break
            end = j
        return end

    @staticmethod
    def body_word(token: Token) -> bool:
        """A word that heads a body's name: "Foundation", "Institute", "Ministry", "Council"."""
        return token.lower_ in _L("org_words") or token.lower_ in _L("subtype_heads")

    def type_entity(self, ent: SpacySpan, start: int, end: int) -> tuple[str, str | None, object | None]:
        """(type, subtype, gazetteer entry) for one entity mention, NER label repaired."""
        doc, label = self.doc, ent.label_
        name = doc[start:end].text
        words = [t.lower_ for t in doc[start:end]]
        last, last2 = words[-1], " ".join(words[-2:])
        org = find_org(name)
        if org is not None:
            return "Organization", org.subtype, org
        if label in OTHER_LABELS:
            media = end - start > 1 and last in MEDIA_TITLE_HEADS
            return ("Organization", "MediaOrganization", None) if media else ("", None, None)
        country = find_country(name, fuzzy=label in ("GPE", "LOC"))
        if country is not None and (label != "PERSON" or end - start == 1):
            return "Country", None, country
        if label != "PERSON" and self.person_context(start, end):
            return "Person", None, None
        if self.described_as_body(start):
            return "Organization", None, None
        if label in ("PERSON", "ORG") and end - start == 1 and self.qualifies_place(doc[start]):
            return "Location", None, None  # "in Livorno, Tuscany": the region after a town
        if normalise_name(name) in _L("former_countries"):
            return "Location", None, None  # "the Soviet Union": a state of the past, a place now
        head = self.name_head(start, end)
        subtype = (
            _L("subtype_heads").get(head) or _L("subtype_heads").get(last2) or _L("subtype_heads").get(last)
        )  # type: ignore[attr-defined]
        body_last = last in _L("subtype_heads") or last in _L("org_words")  # "Port of Rotterdam Authority"
        is_place_head = (
            not body_last
            and (head in _L("location_heads") and head not in ("center", "centre"))
            or ("of" not in words and (last in _L("location_heads") or last2 in _L("location_heads")))
        )
        if 3 <= len(name) <= 5 and name.isalpha() and name.isupper():
            return "Organization", subtype, None  # an acronym that is not a country ("DAB", "FTU")
        if head in _L("org_words") or last in _L("org_words") or last2 in _L("org_words"):
            return "Organization", subtype, None
        if (
            label in ("PERSON", "ORG")
            and end - start > 1
            and words[0] in _L("org_words")
            and not _is_title_word(doc[start])
            and not is_place_head
        ):
            return "Organization", subtype, None  # "Instituto Gonzaga", "Club Atletico": the body word first
        if label == "PERSON" and end - start > 1 and _place_word(doc[start].text):
            # "Edmonton Sun", "Texas Instruments": a place name does not start a person's name
            return ("Organization", subtype, None) if not is_place_head else ("Location", None, None)
        if label != "PERSON" and self.looks_like_person(start, end, subtype):
            return "Person", None, None
        if label in ("GPE", "LOC", "FAC"):
            if (label == "GPE" or body_last) and subtype and end - start > 1 and not is_place_head:
                return "Organization", subtype, None
            return "Location", None, find_place(name, countries=frozenset(self.countries))
        if label == "ORG":
            if is_place_head and end - start > 1:
                return "Location", None, None
            place = find_place(name, countries=frozenset(self.countries)) if end - start == 1 else None
            if place is not None and normalise_name(place.name) != normalise_name(name):
                place = None  # NER's organisation is no town's other-language name ("Google" for Topeka)
            if place is not None and (self.locative(doc[start]) or self.local(place)):
                return "Location", None, place
            placed = self.inside_of(doc[start]) or self.kind_of_place(doc[start])
            if not subtype and end - start == 1 and placed:
                return "Location", None, None  # "in the Caucasus", "the town of Yeoncheon"
            return "Organization", subtype, None
        # PERSON
        if end - start > 1 and is_place_head:
            return "Location", None, None
        root = doc[start:end].root
        if (
            start > 0
            and doc[start - 1].lower_ == "the"
            and doc[end - 1].tag_ == "NNP"
            and root.dep_ == "pobj"
            and root.head.lower_ in ("to", "in", "at", "into", "from", "near", "inside", "outside")
        ):
            return "Location", None, None  # "dropped down to the Bat Cave": no person's name takes "the"
        if end - start > 1 and subtype == "MediaOrganization" and head in MEDIA_TITLE_HEADS:
            return "Organization", subtype, None
        if end - start == 1:
            place = find_place(name, countries=frozenset(self.countries))
            if place is not None and (self.locative(doc[start]) or self.local(place)):
                return "Location", None, place
        return "Person", None, None

    @staticmethod
    def one_adherent(token: Token) -> bool:
        """A singular "-ist" word with an indefinite article or a lower-case adjective: one adherent."""
        return (
            token.lower_.endswith("ist")
            and token.tag_ in ("NN", "NNP")
            and any(
                (c.dep_ == "det" and c.lower_ in ("a", "an")) or (c.dep_ == "amod" and c.is_lower)
                for c in token.children
            )
        )

    def described_as_thing(self, start: int, end: int) -> bool:
        """ "the 1969 film Easy Rider", "the cruise ship, Freewinds": a lower-case noun of a kind of
        thing (lexicon ``thing_descriptors``) right before the name, bound to it by the parse."""
        doc = self.doc
        k = start - 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        if k < 0:
            return False
        prev, root = doc[k], doc[start:end].root
        return (
            prev.is_lower
            and prev.lower_ in _L("thing_descriptors")
            and (
                prev.head.i == root.i
                or root.head.i == prev.i
                and root.dep_ in ("appos", "compound", "npadvmod")
            )
        )

    def described_as_body(self, start: int) -> bool:
        """ "localist group Civic Passion", "the company Hitwise UK": the text says what the name is."""
        prev = self.doc[start - 1] if start > 0 else None
        return prev is not None and prev.is_lower and prev.lower_ in _L("org_descriptors")

    def qualifies_place(self, token: Token) -> bool:
        """A name right after "<place>," that the parser hangs on that place: the region it lies in."""
        doc = self.doc
        if token.i < 2 or doc[token.i - 1].text != "," or token.dep_ not in ("appos", "npadvmod", "conj"):
            return False
        prev = doc[token.i - 2]
        before = self.actor_of_token(prev)
        place = (before is not None and before.type in ("Location", "Country")) or (
            prev.tag_ == "NNP" and (find_place(prev.text) or find_country(prev.text))
        )
        return (
            bool(place) and token.head.i == prev.i and (token.i + 1 >= len(doc) or doc[token.i + 1].is_punct)
        )

    def person_context(self, start: int, end: int) -> bool:
        """Context that only a person's name has, whatever NER's label: a title just before it
        ("radical preacher Anjem Choudary"), an age after it ("Matanov, 23,"), or a government
        called after its leader ("the Trump administration")."""
        doc = self.doc
        words = [t.text for t in doc[start:end]]
        low = [w.lower() for w in words]
        if not 1 <= len(words) <= 3:
            return False
        if not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            return False
        if any(
            w in _L("org_words") or w in _L("location_heads") or w in _L("subtype_heads") or w in NAME_LINKERS
            for w in low
        ):
            return False
        if _place_word(words[0]) or demonym_country(words[0]) or find_place(" ".join(words)):
            return False
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_ in _L("title_heads") and prev.is_lower and len(words) >= 2:
            return True  # a lower-case title: "preacher Anjem Choudary" (not "Minister" opening a name)
        if (
            prev is not None
            and len(words) == 1
            and prev.lower_ in _L("occupations")
            and prev.is_lower
            and prev.dep_ == "compound"
            and prev.head.i == start
            and low[0] not in self.common_nouns
        ):
            return True  # "fashion designer Halston": a one-word name the title modifies
        if (
            end + 2 < len(doc)
            and doc[end].text == ","
            and doc[end + 1].like_num
            and doc[end + 1].text.isdigit()
            and 1 <= int(doc[end + 1].text) <= 110
            and doc[end + 2].text in (",", ")", ".")
        ):
            return True  # "Khairullozhon Matanov, 23, faces ..."
        t = doc[end - 1]
        return (
            end - start == 1
            and t.dep_ == "compound"
            and t.head.i == end
            and t.head.lemma_.lower() in _L("government_like")
            and t.head.lower_ != "authorities"
        )

    def local(self, place: Place) -> bool:
        """A town of the countries the article names, under its main name, and not also a given name."""
        return (
            place.country in self.countries
            and place.population >= 100_000
            and given_name_gender(place.name) is None
        )

    def looks_like_person(self, start: int, end: int, subtype: str | None) -> bool:
        """Two or three capitalised words, the first a given name, none a place or body word."""
        words = [t.text for t in self.doc[start:end]]
        if not 2 <= len(words) <= 3 or subtype or not all(w[:1].isupper() and w.isalpha() for w in words):
            return False
        low = [w.lower() for w in words]
        if any(
            w in _L("location_heads") or w in _L("subtype_heads") or w in NAME_LINKERS or w in _L("org_words")
            for w in low
        ):
            return False
        if find_place(" ".join(words)) or _place_word(words[0]) or demonym_country(words[0]):
            return False
        return given_name_gender(words[0]) in ("male", "female")

    def name_head(self, start: int, end: int) -> str:
        """The head word of a name: before its first 'of'/'for' ("Ministry of Defense" → ministry)."""
        words = [t.lower_ for t in self.doc[start:end]]
        for i, w in enumerate(words):
            if w in ("of", "for", "on") and i > 0:
                return words[i - 1]
        return words[-1]

    def kind_of_place(self, token: Token) -> bool:
        """A name after "the town of", "the province of": the kind of place is written before it."""
        head = token.head
        return (
            token.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.is_lower
            and head.head.lower_ in _L("location_heads")
        )

    def inside_of(self, token: Token) -> bool:
        """The object of a preposition of being inside or along ("in", "across", "along"): a place."""
        return (
            token.dep_ == "pobj"
            and token.head.lower_ in ("in", "into", "across", "throughout", "inside", "along", "around")
            and token.i + 1 < len(self.doc)
            and self.doc[token.i + 1].text not in POSSESSIVE
        )

    def locative(self, token: Token) -> bool:
        """Context says a place: after a locative preposition, or before 'region', 'city', ..."""
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ in _L("location_heads"):
            return True
        head = token.head if token.dep_ in ("pobj", "compound") else None
        while head is not None and head.dep_ == "compound":
            head = head.head
        return head is not None and head.lower_ in LOCATIVE_PREPS

    def read_entities(self) -> None:
        ents = self.join_split_names(
            [e for e in self.doc.ents if e.label_ in NER_LABELS or e.label_ in OTHER_LABELS]
        )
        # countries first, so that place lookups can prefer the article's countries
        for ent in ents:
            if ent.label_ in ("GPE", "LOC") and (c := find_country(ent.text, fuzzy=True)):
                self.countries.add(c.iso)
            elif ent.label_ == "NORP" and (c := demonym_country(ent.text)):
                self.countries.add(c.iso)
        self.read_described_names()
        for ent in ents:
            if len(ent) == 1 and self.given_name_entity(ent.start):
                continue  # read with the person's name that follows it
            if all(t.i in self.token_actor for t in ent if t.lower_ != "the" and not t.is_punct):
                continue  # already read as part of a longer name
            bounds = self.clean_entity(ent)
            if bounds is None:
                continue
            start, end = bounds
            span = self.doc[start:end]
            norm = normalise_name(span.text)
            if not norm or not any(c.isalpha() for c in norm) or norm in _L("generic"):
                continue
            if _thing_name(norm, ent.label_):
                prefix = next((p for p in _L("thing_prefixes") if norm.startswith(p + " ")), None)
                if prefix is not None:
                    self.things.add(norm[len(prefix) + 1 :])  # "Space Shuttle Columbia", then "Columbia"
                continue  # "Lantern Festival", "Space Shuttle Atlantis": a thing or a happening
            inner = next(
                (t.i for t in span[1:-1] if t.is_lower and t.lower_ in _L("thing_descriptors")), None
            )
            if inner is not None:
                # "[Marvel film Iron Anvil]": the maker, then a word for a thing and the thing's name
                self.things.add(normalise_name(self.doc[inner + 1 : end].text))
                end = inner
                span = self.doc[start:end]
                norm = normalise_name(span.text)
            if norm in self.things or self.described_as_thing(start, end):
                self.things.add(norm)
                continue  # "the 1969 film Easy Rider", "the cruise ship Freewinds" and its later mentions
            if ent.label_ in ("GPE", "LOC", "PERSON", "FAC") and any(CODE.match(t.text) for t in span):
                continue  # "IE9", "STS-134", "F-16": no place or person has digits inside a word
            if end - start == 1 and norm in self.common_nouns and not (find_country(norm) or find_org(norm)):
                continue  # "Iodine deficiency ..." at a sentence start: the text also writes it "iodine"
            if end - start == 1 and norm in _L("title_heads"):
                continue  # "[Minister]" alone is a title, not a name
            if end - start == 1 and self.one_adherent(self.doc[start]):
                continue  # "a former Scientologist", "a devout Buddhist": what a person is, not a name
            portfolio = norm in _L("title_mods") or all(w in _L("title_mods") for w in norm.split())
            if portfolio and end < len(self.doc) and _is_title_word(self.doc[end]):
                continue  # "[Defence] Minister", "[Shadow Home] Secretary" (not "Labour's"): part of a title
            if (
                portfolio
                and end - start == 1
                and end < len(self.doc)
                and (
                    self.doc[end].is_title
                    and self.doc[end].tag_ in ("NNP", "NNPS")
                    or span.root.dep_ == "conj"
                    or any(c.dep_ == "conj" for c in span.root.children)
                    or norm.endswith("al")
                )
            ):
                # "the House [Intelligence] Committee", "the [Intelligence] and Transportation committees",
                # "the [Presidential] race": a word of a longer name or an adjective, alone no name
                continue
            first = span[0].text
            if self.after_stance_prefix(start, end):
                continue  # "pro-Beijing camp", "anti-Pyongyang propaganda": a stance, not the place
            if first[:1].islower() and (
                first.split("-")[0] not in NAME_PARTICLES or len(span) == 1 and "-" not in first
            ):
                continue  # "pro-Beijing", "vehicle miles": not a name
            mention = Span(span.start_char, span.end_char)
            demonym = ent.label_ == "NORP" or (len(span) == 1 and demonym_country(span.text))
            if demonym and find_country(span.text) and ent.label_ != "NORP":
                demonym = False  # "Philippines" is the country, not the plural of "Philippine"
            prev = self.doc[start - 1] if start > 0 else None
            if (
                ent.label_ == "NORP"
                and prev is not None
                and prev.tag_ == "NNP"
                and prev.is_title
                and prev.ent_iob_ == "O"
                and not prev.is_sent_start
                and start >= 2
                and not (self.doc[start - 2].is_space or self.doc[start - 2].is_punct)
                and not _is_title_word(prev)
                and not demonym_country(prev.text)
                and span[-1].tag_ in ("NNPS", "NNS")
            ):
                # "the Neo Democrats", "Sweden Democrats": a capitalised word before a plural of
                # adherents makes a party's name
                span = self.doc[start - 1 : end]
                draft = self.new(_Draft(name=span.text, type="Organization"))
                draft.add(span.text, Span(span.start_char, span.end_char))
                for t in span:
                    self.token_actor[t.i] = draft
                continue
            if demonym and not (
                not is_demonym(span.text) and not _demonym_like(span.text) and self.person_context(start, end)
            ):
                self.read_people(span)
                continue
            parts = [p for p in span.text.split("-") if p]
            if len(parts) > 1 and all(find_country(p) for p in parts):
                continue  # "Armenia-Azerbaijan (border)": a pair of countries, not a name
            type_, subtype, entry = self.type_entity(ent, start, end)
            if not type_:
                self.read_known_orgs_in(start, end)  # "Google Chrome": the maker inside a product's name
                continue
            if type_ == "Person" and end - start > 1:
                # leading title words inside the entity ("Emeritus Professor John Burrows")
                while end - start > 1 and _is_title_word(self.doc[start]):
                    start += 1
                span = self.doc[start:end]
                mention = Span(span.start_char, span.end_char)
            draft = self.new(_Draft(name=span.text, type=type_, subtype=subtype))
            draft.described = type_ == "Organization" and self.described_as_body(start)
            draft.add(span.text, mention)
            if isinstance(entry, Country):
                draft.iso, draft.geonames_id, draft.name, draft.canonical = (
                    entry.iso,
                    entry.geonames_id,
                    entry.name,
                    True,
                )
            elif entry is not None and hasattr(entry, "geonames_id"):
                draft.geonames_id = entry.geonames_id  # type: ignore[attr-defined]
            elif entry is not None:  # a known organisation
                draft.name, draft.canonical = entry.name, True  # type: ignore[attr-defined]
                draft.add(entry.name)  # type: ignore[attr-defined]
            for t in span:
                self.token_actor[t.i] = draft
        for start, end in self.split_people:
            span = self.doc[start:end]
            draft = self.new(_Draft(name=span.text, type="Person"))
            draft.add(span.text, Span(span.start_char, span.end_char))
            for t in span:
                self.token_actor[t.i] = draft
        self.read_missed_places()
        self.read_nested_places(ents)

    def read_described_names(self) -> None:
        """A capitalised name after a lower-case word for a kind of body ("the company Hitwise UK",
        "the firm X") names that body, even where NER missed all or part of it."""
        doc = self.doc
        for t in doc:
            if not (t.is_lower and t.lower_ in _L("org_descriptors")) or t.i + 1 >= len(doc):
                continue
            j = t.i + 1
            while (
                j < len(doc)
                and doc[j].tag_ in ("NNP", "NNPS")
                and doc[j].text[:1].isupper()
                and j not in self.token_actor
                and not doc[j].is_sent_start
            ):
                j += 1
            span = doc[t.i + 1 : j]
            if not span or all(x.ent_iob_ != "O" for x in span) or len(span) > 5:
                continue  # nothing NER missed: the entity is read and typed as usual
            if find_country(span.text) or _known_place(span.text) or _is_title_word(span[0]):
                continue
            draft = self.new(_Draft(name=span.text, type="Organization", described=True))
            draft.add(span.text, Span(span.start_char, span.end_char))
            for x in span:
                self.token_actor[x.i] = draft

    def join_split_names(self, ents: list[SpacySpan]) -> list[SpacySpan]:
        """Two one-word names side by side, the first unknown to every gazetteer, are one person's
        given name and surname NER cut in two ("[Valeska]GPE [Paris]GPE, an Australian woman")."""
        from spacy.tokens import Span as SpacySpan

        out: list[SpacySpan] = []
        for e in ents:
            prev = out[-1] if out else None
            if (
                prev is not None
                and len(prev) == 1
                and len(e) == 1
                and prev.end == e.start
                and prev.label_ in ("GPE", "LOC", "ORG", "PERSON")
                and e.label_ in ("GPE", "LOC", "ORG", "PERSON")
                and self.doc[prev.start].whitespace_ == " "
                and prev.text.isalpha()
                and prev.text.istitle()
                and e.text.isalpha()
                and e.text.istitle()
                and not (find_place(prev.text) or find_country(prev.text) or find_org(prev.text))
                and not (demonym_country(prev.text) or find_country(e.text) or find_org(e.text))
                and prev.text.lower() not in self.common_nouns
            ):
                out[-1] = SpacySpan(self.doc, prev.start, e.end, label="PERSON")
                continue
            out.append(e)
        return out

    def add_known_org(self, span: SpacySpan) -> bool:
        """Make ``span`` the well-known organisation it names exactly (name or alias); False if none."""
        org = find_org(span.text) if len(span.text) > 2 else None
        if org is None or normalise_name(span.text) not in {
            normalise_name(n) for n in (org.name, *org.aliases)
        }:
            return False
        draft = self.new(_Draft(name=org.name, type="Organization", subtype=org.subtype, canonical=True))
        draft.add(org.name)
        draft.add(span.text, Span(span.start_char, span.end_char))
        for t in span:
            self.token_actor[t.i] = draft
        return True

    def read_known_orgs_in(self, start: int, end: int) -> None:
        """Well-known organisations named inside a name that is not an actor (a product, a title)."""
        i = start
        while i < end:
            for j in range(min(end, i + 3), i, -1):
                span = self.doc[i:j]
                if not all(t.tag_ in ("NNP", "NNPS") for t in span):
                    continue
                if not self.add_known_org(span):
                    continue
                i = j - 1
                break
            i += 1

    def read_nested_places(self, ents: list[SpacySpan]) -> None:
        """Places inside the name of a body or facility ("University of Sheffield", "Volgograd Arena")."""
        bounds = [(e.start, e.end, False) for e in ents if e.label_ in ("ORG", "FAC", "WORK_OF_ART")]
        # a city called after its country ("Mexico City", "Kuwait City") holds the country's name
        bounds += [(e.start, e.end, True) for e in ents if e.label_ == "GPE" and e[-1].lower_ == "city"]
        for start, stop, countries_only in bounds + [(a, b, False) for a, b in self.nested_names]:
            if stop - start < 2:
                continue
            owner = self.token_actor.get(start) or self.token_actor.get(stop - 1)
            for i in range(start, stop):
                for j in (i + 2, i + 1):
                    if j > stop or (i, j) == (start, stop):
                        continue
                    span = self.doc[i:j]
                    if not all(t.tag_ == "NNP" for t in span) or span.text[:1].islower():
                        continue
                    country = find_country(span.text)
                    if countries_only and country is None:
                        continue
                    place = None if country else find_place(span.text, countries=frozenset(self.countries))
                    # after "of" ("University of Sheffield") a given-name look-alike is the place; a
                    # two-word spelling variant of a large city ("Nizhny Novgorod") is that city
                    after_of = i > start and self.doc[i - 1].lower_ == "of"
                    if country is None and (
                        place is None
                        or place.population < 100_000
                        or place.name != span.text
                        and not (j - i > 1 and place.population >= 500_000)
                        or given_name_gender(span.text) is not None
                        and not after_of
                    ):
                        continue
                    if owner is not None and normalise_name(owner.name) == normalise_name(span.text):
                        continue
                    self.new_place(span, country, place)
                    break

    def new_place(self, span: SpacySpan, country: Any, place: Any) -> _Draft:
        """A country (ISO code, GeoNames id, canonical name) or a place (GeoNames id) NER missed."""
        draft = self.new(_Draft(name=span.text, type="Country" if country else "Location"))
        draft.add(span.text, Span(span.start_char, span.end_char))
        if country is not None:
            draft.iso, draft.geonames_id, draft.name, draft.canonical = (
                country.iso,
                country.geonames_id,
                country.name,
                True,
            )
        elif place is not None:
            draft.geonames_id = place.geonames_id
        return draft

    def recover_names(self) -> None:
        """Later mentions NER missed: a known name (or a person's surname) as a bare proper noun."""
        doc = self.doc
        names: dict[tuple[str, ...], _Draft | None] = {}
        for d in self.live():
            if d.type == "Group":
                continue
            forms = {a for a in d.aliases if a[:1].isupper() and not _has_title(a)}
            if d.type == "Person" and len(d.name.split()) > 1:
                forms.add(d.name.split()[-1])
            for f in forms:
                k = tuple(f.split())
                names[k] = None if k in names and names[k] is not d else d  # ambiguous → None
        for i, t in enumerate(doc):
            if (
                t.tag_ not in ("NNP", "NNPS", "NN", "NNS")
                or not t.is_title
                or t.ent_iob_ != "O"
                or i in self.token_actor
            ):
                continue
            for n in (3, 2, 1):
                if i + n > len(doc):
                    continue  # the slice would be shorter than n at the end of the text
                k = tuple(x.text for x in doc[i : i + n])
                d = names.get(k)
                if d is None or any(x.i in self.token_actor or x.ent_iob_ != "O" for x in doc[i : i + n]):
                    continue
                if t.tag_ in ("NN", "NNS") and (n > 1 or d.type != "Person"):
                    continue  # a common-noun tag: trust it only for a person's surname ("Starmer later said")
                if i + n < len(doc) and doc[i + n].tag_ == "NNP" and doc[i + n].ent_iob_ == "O":
                    continue  # part of a longer name
                d = d.root()
                d.add(doc[i : i + n].text, Span(t.idx, doc[i + n - 1].idx + len(doc[i + n - 1])))
                for x in doc[i : i + n]:
                    self.token_actor[x.i] = d
                break
            else:
                d = self.surname_typo(t, names)
                if d is not None:
                    d.add(t.text, Span(t.idx, t.idx + len(t)))
                    self.token_actor[i] = d

    def surname_typo(self, t: Token, names: dict[tuple[str, ...], _Draft | None]) -> _Draft | None:
        """The one person whose surname this bare proper noun misspells ("Lindqivst" for "Lindqvist").

        Damerau distance 1 (a transposition counts once), same first letter, 5+ letters, a name
        NER missed standing alone (not part of a longer name), and no other person it could be.
        """
        w = normalise_name(t.text)
        if t.tag_ != "NNP" or len(w) < 5 or " " in w:
            return None
        doc = self.doc
        for j in (t.i - 1, t.i + 1):
            if 0 <= j < len(doc) and doc[j].tag_ in ("NNP", "NNPS"):
                return None
        hits = {
            id(d.root()): d.root()
            for k, d in names.items()
            if d is not None
            and d.type == "Person"
            and len(k) == 1
            and (s_ := normalise_name(k[0])) != w
            and len(s_) >= 5
            and s_[0] == w[0]
            and edit_distance(s_, w, limit=2) <= 1
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def read_missed_places(self) -> None:
        """Proper nouns NER missed that are exactly a country, a US state or a city of 100,000+ people."""
        doc, i = self.doc, 0
        named = NER_LABELS | OTHER_LABELS

        def free(
            t: Token,
        ) -> bool:  # a proper noun outside any name NER found (a "DATE" may be a typo'd place)
            return t.tag_ == "NNP" and t.ent_type_ not in named and t.i not in self.token_actor

        while i < len(doc):
            if not free(doc[i]):
                i += 1
                continue
            j = i
            while j < len(doc) and free(doc[j]):
                j += 1
            span = doc[i:j]
            i = j
            if not span.text[:1].isupper():
                continue
            last = span[-1].lower_
            # "Toronto Star", "Edmonton Sun": a town's name before a newspaper head is a newspaper
            town_paper = (
                len(span) == 2
                and _L("subtype_heads").get(last) == "MediaOrganization"  # type: ignore[attr-defined]
                and _place_word(span[0].text)
            )
            if len(span) >= 2 and (last in MEDIA_TITLE_HEADS or last in _L("org_words") or town_paper):
                # "The Deseret News observed", "Hillside Rescue Association": a body's name NER missed
                media = last in MEDIA_TITLE_HEADS or town_paper
                draft = self.new(
                    _Draft(
                        name=span.text, type="Organization", subtype="MediaOrganization" if media else None
                    )
                )
                draft.add(span.text, Span(span.start_char, span.end_char))
                for t in span:
                    self.token_actor[t.i] = draft
                self.nested_names.append((span.start, span.end))
                continue
            if (
                len(span) >= 2
                and last in _L("location_heads")
                and last not in ("state", "bank")
                and all(t.is_title and t.is_alpha for t in span)
                and not _is_title_word(span[0])
                and not (
                    span.start > 0
                    and (doc[span.start - 1].text in ("-", "–", "—") or doc[span.start - 1].like_num)
                )
                and not (j < len(doc) and doc[j].text in ("-", "–", "—") and not span[-1].whitespace_)
            ):
                # "Shandao Station", "the Grand Mosque": a named place NER missed, by its head word
                draft = self.new(_Draft(name=span.text, type="Location"))
                draft.add(span.text, Span(span.start_char, span.end_char))
                for t in span:
                    self.token_actor[t.i] = draft
                continue
            if j < len(doc) and doc[j].text in POSSESSIVE:
                continue
            if self.add_known_org(span):
                continue
            country = find_country(span.text, fuzzy=self.locative(span[0]))
            place = None if country else find_place(span.text, countries=frozenset(self.countries))
            if country is None and (
                place is None
                or place.population < 100_000
                or (place.name != span.text or given_name_gender(span.text) is not None)
                and not self.locative(span[0])
            ):
                continue
            draft = self.new_place(span, country, place)
            for t in span:
                self.token_actor[t.i] = draft

    def listed_kinds(self, token: Token, exclude: _Draft | None = None) -> Counter[str]:
        """The kinds of the actors named in the list a word stands in; a person NER did not call one
        ("[Merrill Lynch]ORG") is of no sure kind."""
        return Counter(
            other.type if other.type != "Person" or c.ent_type_ in ("PERSON", "") or other.listed else "?"
            for c in token.conjuncts
            if (other := self.actor_of_token(c)) is not None and other is not exclude
        )

    def type_by_coordination(self) -> None:
        """Names in a list are of one kind. A one-word name NER typed from the word alone takes the kind
        of the names it is listed with ("Ubisoft, Microsoft and Sony" are companies; "Zeus, Hera and
        Athena" are persons), then a capitalised word NER skipped in such a list is one too ("Zeus,
        Hera, Poseidon"). Only names no gazetteer knows change: a place becomes a company when the
        other names are companies; a person needs two or more persons and no other kind in the list
        (not "Merrill Lynch, Pierce, Fenner and Smith")."""

        def kind_of(kinds: Counter[str]) -> str | None:
            if len(kinds) != 1:
                return None
            kind, n = next(iter(kinds.items()))
            return kind if kind == "Organization" or (kind == "Person" and n >= 2) else None

        for d in self.live():
            if d.canonical or d.geonames_id or d.iso or d.subtype or d.described:
                continue
            if d.type not in ("Location", "Organization") or len(d.name.split()) != 1 or len(d.name) <= 3:
                continue
            low = d.name.lower()
            if (
                _known_place(d.name)
                or find_country(d.name)
                or low in _L("org_words")
                or low in _L("subtype_heads")
            ):
                continue
            for m in d.mentions:
                span = self.doc.char_span(m.start, m.end)
                if span is None or len(span) != 1:
                    continue
                kind = kind_of(self.listed_kinds(span.root, exclude=d))
                if kind == "Person" or (kind == "Organization" and d.type == "Location"):
                    d.type, d.listed = kind, True
                    break
        for t in self.doc:
            if (
                t.tag_ != "NNP"
                or t.ent_type_
                or t.i in self.token_actor
                or not t.is_title
                or not t.is_alpha
                or t.is_sent_start
                or t.lower_ in self.common_nouns
                or _is_title_word(t)
                or t.lower_ in _L("org_words")
                or any(c.dep_ in ("compound", "amod", "poss") for c in t.children)
                or t.dep_ == "compound"
            ):
                continue
            kinds = self.listed_kinds(t)
            kind = kind_of(kinds)
            if kind is not None and sum(kinds.values()) >= 2 and not _known_place(t.text):
                draft = self.new(_Draft(name=t.text, type=kind))
                draft.add(t.text, Span(t.idx, t.idx + len(t.text)))
                self.token_actor[t.i] = draft

    def add_place_qualifiers(self) -> None:
        """The qualified form of a place is one of its aliases: "Mountain View, California", and for a
        facility or a campus the town it is in ("the Fisht Stadium in Sochi", "X University in Evanston")."""
        doc = self.doc
        for d in self.live():
            last = normalise_name(d.name).split()[-1:] or [""]
            facility = (d.type == "Location" and last[0] in _L("location_heads")) or (
                d.type == "Organization" and last[0] in _L("org_words")
            )
            if d.type != "Location" and not facility:
                continue
            for m in list(d.mentions):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.end + 1 >= len(doc):
                    continue
                if doc[span.end].text != "," and not (facility and doc[span.end].lower_ == "in"):
                    continue
                k = span.end
                while k + 1 < len(doc) and doc[k].text in (",", "in"):
                    outer = self.actor_of_token(doc[k + 1])
                    if outer is None or outer is d or outer.type not in ("Location", "Country"):
                        break
                    if doc[k].text == "in" and k > span.end:
                        break  # "in" only right after the facility
                    k += 1
                    while k < len(doc) and self.actor_of_token(doc[k]) is outer:
                        k += 1
                if k > span.end + 1:
                    d.add(doc[span.start : k].text)

    def add_owner_qualifiers(self) -> None:
        """A unit named after its owner's possessive is known by the owner's name too, and belongs to
        it: "Texas A&M's Aerospace Engineering Department", "the ministry's Press Office"."""
        doc = self.doc
        for d in self.live():
            last = (normalise_name(d.name).split() or [""])[-1]
            if d.type != "Organization" or last not in _L("org_words") and last not in _L("subtype_heads"):
                continue
            for m in list(d.mentions):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.start < 2 or doc[span.start - 1].text not in POSSESSIVE:
                    continue
                owner = self.actor_of_token(doc[span.start - 2])
                if owner is None or owner is d or owner.type != "Organization":
                    continue
                k = span.start - 2
                while k > 0 and self.actor_of_token(doc[k - 1]) is owner:
                    k -= 1
                d.add(doc[k : span.end].text)
                d.affiliation = d.affiliation or owner
                if d.subtype == "GovernmentBody" and owner.subtype != "GovernmentBody":
                    d.subtype = None  # a university's or a firm's department is no government body

    def read_people(self, span: SpacySpan) -> None:
        """A plural demonym heading its phrase is a group ("Palestinians"); else only a modifier."""
        root = span.root
        if root.dep_ in ("amod", "compound", "nmod") or not root.lower_.endswith("s"):
            return
        # the tagger sometimes calls a plural demonym NNP ("Bangladeshis"): a demonym known only
        # without its final -s is a plural all the same
        if root.tag_ not in ("NNS", "NNPS") and not (root.tag_ == "NNP" and is_plural_demonym(root.text)):
            return
        draft = self.new(_Draft(name=span.text, type="Group"))
        draft.add(span.text, Span(span.start_char, span.end_char))
        c = demonym_country(span.text)
        draft.pending_iso = c.iso if c is not None else None  # linked only if the article names the country
        for t in span:
            self.token_actor[t.i] = draft

    # -- pass 2: aliases -------------------------------------------------------------
    def merge(self, keep: _Draft, drop: _Draft) -> None:
        keep, drop = keep.root(), drop.root()
        if keep is drop:
            return
        for a in drop.aliases:
            keep.add(a)
        for m in drop.mentions:
            keep.add("", m)
        for r in drop.roles:
            if r not in keep.roles:
                keep.roles.append(r)
        keep.affiliation = keep.affiliation or drop.affiliation
        keep.geonames_id = keep.geonames_id or drop.geonames_id
        keep.subtype = keep.subtype or drop.subtype
        drop.merged_into = keep

    def live(self) -> list[_Draft]:
        return [d for d in self.drafts if d.merged_into is None]

    def merge_aliases(self) -> None:
        # 1. same country; same normalised name, whatever type NER gave each mention (majority wins)
        seen: dict[tuple[str, str], _Draft] = {}
        votes: dict[int, Counter[str]] = {}
        for d in self.live():
            k = ("iso", d.iso) if d.iso else ("name", normalise_name(d.name))
            if d.iso and d.iso not in self.by_iso:
                self.by_iso[d.iso] = d
            keep = seen.setdefault(k, d)
            strong = d.canonical or d.geonames_id or d.described
            votes.setdefault(id(keep), Counter())[d.type] += 3 if strong else 1
            if keep is not d:
                self.merge(keep, d)
        for keep in seen.values():
            if keep.type != "Group" and not keep.iso and len(votes[id(keep)]) > 1:
                order = ("Person", "Organization", "Location")
                keep.type = max(
                    votes[id(keep)], key=lambda t: (votes[id(keep)][t], -order.index(t) if t in order else -9)
                )
        self.merge_place_kinds()
        self.merge_parentheses()
        self.merge_acronyms()
        self.merge_people()
        self.merge_org_variants()
        self.merge_place_parts()

    def merge_place_kinds(self) -> None:
        """A place named with its kind joins the bare name ("the State of Texas" → "Texas")."""
        places = {
            normalise_name(d.name): d for d in self.live() if d.type in ("Location", "Country") and d.mentions
        }
        for norm, d in list(places.items()):
            for prefix in _L("place_of_prefixes"):
                bare = places.get(norm.removeprefix(prefix + " ")) if norm.startswith(prefix + " ") else None
                if bare is not None and bare is not d:
                    self.merge(bare, d)
                    break

    def merge_parentheses(self) -> None:
        """A bracketed name is an alias of the name before it ("Islamic State (ISIS)")."""
        doc = self.doc
        for t in doc:
            if t.text != "(" or t.i == 0 or t.i + 2 >= len(doc):
                continue
            before, inside = self.actor_of_token(doc[t.i - 1]), self.actor_of_token(doc[t.i + 1])
            close = next((x for x in doc[t.i + 1 : t.i + 6] if x.text == ")"), None)
            if (
                before
                and inside
                and before is not inside
                and close is not None
                and before.type == inside.type
            ):
                self.merge(before, inside)

    def merge_acronyms(self) -> None:
        """An all-capitals name spelling the initials of a longer organisation or place in the article."""
        for d in self.live():
            word = d.name.replace(".", "")
            if not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
                continue
            for other in self.live():
                if other is d or other.type not in ("Organization", "Location") or " " not in other.name:
                    continue
                initials = "".join(
                    w[0] for w in other.name.split() if w.lower() not in NAME_LINKERS and w[:1].isalpha()
                )
                if initials.upper() == word:
                    self.merge(other, d)
                    break

    def merge_people(self) -> None:
        """Surname or given name → the full name; a typo of a multi-word name → that name."""
        people = [d for d in self.live() if d.type == "Person"]
        full = [d for d in people if len(d.name.split()) > 1]
        for d in people:
            if d.merged_into is not None or len(d.name.split()) > 1:
                continue
            norm = normalise_name(d.name)
            cands = [f for f in full if f.merged_into is None and norm in normalise_name(f.name).split()]
            if not cands:
                # a single token another type tagged ("Mohamed" ORG) is handled below
                continue
            self.merge(self.nearest_before(cands, d), d)
        # single-token names NER typed as something else, matching a token of a person's name
        for d in self.live():
            if (
                d.type not in ("Organization", "Location")
                or " " in d.name
                or d.iso
                or d.geonames_id
                or d.canonical
            ):
                continue
            norm = normalise_name(d.name)
            cands = [f for f in full if f.merged_into is None and norm in normalise_name(f.name).split()[1:]]
            if cands:
                self.merge(self.nearest_before(cands, d), d)
        # a country or place named like a person met before, never after a locative preposition:
        # "Michael Jordan ... Jordan said" (a surname), not "talks in Jordan"
        for d in self.live():
            if d.type not in ("Country", "Location") or " " in d.name.strip() or not d.mentions:
                continue
            said = {m.text(self.text) for m in d.mentions}
            cands = [
                f
                for f in full
                if f.merged_into is None
                and normalise_name(f.name).split()[-1] in {normalise_name(x) for x in said}
            ]
            first = min(m.start for m in d.mentions)
            if len(cands) != 1:
                continue
            if min(m.start for m in cands[0].mentions) > first:
                continue  # the person must be named first
            spans = [self.doc.char_span(m.start, m.end, alignment_mode="expand") for m in d.mentions]
            if any(sp is None or self.locative(sp[0]) for sp in spans):
                continue
            if d.iso:
                self.by_iso.pop(d.iso, None)
                d.iso = None
            self.merge(cands[0], d)
        # a one-word name one typo from a person's surname ("Rute said" after "Mark Rutte")
        surnames = {}
        for f in self.live():
            if f.type == "Person" and len(f.name.split()) > 1:
                surnames.setdefault(normalise_name(f.name).split()[-1], []).append(f)
        for d in self.live():
            if " " in d.name.strip() or d.iso or d.canonical or d.type == "Group" or len(d.name) < 4:
                continue
            w = normalise_name(d.name)
            hits = [
                fs
                for s_, fs in surnames.items()
                if len(s_) >= 5 and s_[0] == w[:1] and s_ != w and edit_distance(s_, w, limit=2) <= 1
            ]
            if len(hits) == 1 and len(hits[0]) == 1 and hits[0][0].merged_into is None:
                self.merge(hits[0][0], d)
        # one-word names one typo apart ("Magnitigorsk" = "Magnitogorsk"), same type, 7+ letters
        singles = [d for d in self.live() if " " not in d.name.strip() and len(d.name) >= 7 and not d.iso]
        for i, a in enumerate(singles):
            for b in singles[i + 1 :]:
                if (
                    a.merged_into is None
                    and b.merged_into is None
                    and a.type == b.type
                    and a.name[0] == b.name[0]
                    and a.name != b.name
                    and edit_distance(normalise_name(a.name), normalise_name(b.name), limit=2) <= 1
                ):
                    self.merge(a, b)
        # typos: same number of words, one shared word, the others one edit apart
        full = [d for d in self.live() if d.type == "Person" and len(d.name.split()) > 1]
        for i, a in enumerate(full):
            for b in full[i + 1 :]:
                if a.merged_into is None and b.merged_into is None and _same_person_typo(a.name, b.name):
                    self.merge(a, b)

    def merge_place_parts(self) -> None:
        """A one-word place joins the only two-word place it begins or ends ("D.C." → "Washington D.C.")."""
        places = [d for d in self.live() if d.type in ("Location", "Country")]
        for d in places:
            if d.merged_into is not None or " " in d.name.strip() or d.type == "Country":
                continue  # "Sudan" is not "South Sudan"; "Korea" alone is the one Korea named in full
            w = normalise_name(d.name)
            cands = [
                o
                for o in places
                if o is not d
                and o.merged_into is None
                and len(o.name.split()) == 2
                and w in (normalise_name(o.name).split()[0], normalise_name(o.name).split()[-1])
                # "Volgograd" is not "Volgograd Arena": a facility named after the town it is in
                and normalise_name(o.name).split()[-1] not in _L("location_heads")
            ]
            if len(cands) == 1:
                self.merge(cands[0], d)

    def nearest_before(self, cands: list[_Draft], d: _Draft) -> _Draft:
        """Among candidates for a short name, the one mentioned last before it (else the first)."""
        at = min(m.start for m in d.mentions) if d.mentions else 0
        before = [(max((m.start for m in c.mentions if m.start < at), default=-1), c) for c in cands]
        best = max(before, key=lambda x: x[0])
        return best[1] if best[0] >= 0 else cands[0]

    def merge_org_variants(self) -> None:
        """A body's name without its country ("Ministry of Defense") joins the name with it."""
        orgs = [d for d in self.live() if d.type == "Organization"]
        for d in orgs:
            words = normalise_name(d.name).split()
            for other in orgs:
                if other is d or other.merged_into is not None or d.merged_into is not None:
                    continue
                o = normalise_name(other.name).split()
                if len(words) == 1 and len(o) >= 3 and o[-2] == "of" and o[-1] == words[0]:
                    self.merge(other, d)  # "Scientology" → "Church of Scientology"
                    continue
                if len(o) > len(words) and o[-len(words) :] == words and len(words) >= 2:
                    prefix = " ".join(o[: -len(words)])
                    if demonym_country(prefix) or find_country(prefix):
                        self.merge(other, d)
        # a short form that opens exactly one longer name: "Tandem" = "Tandem Computers Inc",
        # "Northern Power" = "Northern Power Co"; two candidates ("Acme" of "Acme Foods" and
        # "Acme Steel") are left apart
        people = {w for p in self.live() if p.type == "Person" for w in normalise_name(p.name).split()[1:]}
        lone = [  # a one-word "person" that is no one's surname: NER's reading of a firm's short name
            d
            for d in self.live()
            if d.type == "Person" and " " not in d.name.strip() and normalise_name(d.name) not in people
        ]
        for d in orgs + lone:
            if d.merged_into is not None or d.canonical:
                continue
            words = normalise_name(d.name).split()
            if not words or (len(words) == 1 and words[0] in _L("generic")) or "of" in words:
                continue  # "University of X" is not a short form of "University of X Students' Union"
            longer = {
                id(o.root()): o.root()
                for o in orgs
                if o.root() is not d.root()
                and (ow := _without_country(normalise_name(o.name).split()))[: len(words)] == words
                and len(words) < len(ow) <= len(words) + 3
                and (d.type == "Organization" or ow[-1] in _L("org_words"))
            }
            if len(longer) == 1:
                self.merge(next(iter(longer.values())), d)

    # -- teams -----------------------------------------------------------------------
    def is_match_report(self) -> bool:
        """A score ("1 – 0") and a few words only match reports use ("goal", "striker", "league")."""
        sports = load_lexicon("actor_sports")
        if not SCORE.search(self.text):
            return False
        words = {t.lower_ for t in self.doc} & set(sports["sport_words"])
        return len(words) >= sports["min_sport_words"]

    def team_mention(self, token: Token) -> bool:
        """A country or town named as a side: the subject or object of a match verb, or beside a score."""
        sports = load_lexicon("actor_sports")
        verbs = set(sports["match_verbs"])
        t = token
        while t.dep_ in ("conj", "appos") and t.head.i != t.i:
            t = t.head  # "Sweden, Belgium, England win": the first of the list carries the role
        head = t.head
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod") and head.lemma_.lower() in verbs:
            return True
        if (
            t.dep_ == "pobj"
            and head.lower_ in sports["team_preps"]
            and head.head.lemma_.lower() in verbs | set(sports["match_nouns"])
        ):
            return True
        doc = self.doc
        near = doc[max(token.i - 4, 0) : token.i].text + " | " + doc[token.i + 1 : token.i + 5].text
        return bool(SCORE.search(near))

    def read_teams(self) -> None:
        """In a match report, a country or town that plays is its team (an Organization, not a place)."""
        if not self.is_match_report():
            return
        for d in self.live():
            if d.type not in ("Country", "Location") or not d.mentions:
                continue
            spans = [
                sp for m in d.mentions if (sp := self.doc.char_span(m.start, m.end, alignment_mode="expand"))
            ]
            if not d.iso and not d.geonames_id and not any(sp.root.ent_type_ == "GPE" for sp in spans):
                continue  # a side is a country or a town, not any place ("substituted Park")
            team = located = 0
            for span in spans:
                if self.team_mention(span.root):
                    team += 1
                elif self.locative(span[0]):
                    located += 1
            if team == 0 or located > team:
                continue
            if d.iso:  # "Swedish captain X": the demonym now points at the team
                d.key = f"organization-team-{d.iso.lower()}"
            d.type, d.iso, d.geonames_id, d.subtype = "Organization", None, None, None
        # "the Belgians" in a match report are Belgium's team
        teams = {
            normalise_name(d.name): d for d in self.live() if d.key and d.key.startswith("organization-team-")
        }
        for d in self.live():
            c = country_by_iso(d.pending_iso) if d.type == "Group" and d.pending_iso else None
            if c is not None and normalise_name(c.name) in teams:
                self.merge(teams[normalise_name(c.name)], d)

    # -- titles, roles, affiliations ------------------------------------------------
    def read_titles(self) -> None:
        """Roles and affiliations of people from pre-modifiers and appositions."""
        for d in self.live():
            if d.type != "Person":
                continue
            for m in list(d.mentions):
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    self.read_premodifiers(d, span)
                    self.read_apposition(d, span)

    def read_premodifiers(self, d: _Draft, span: SpacySpan) -> None:
        """Titles before a name: "Greek Foreign Minister Elena Papadaki", "Norway's Prime Minister ..."."""
        doc = self.doc
        i = span.start - 1
        words: list[str] = []
        affiliation: _Draft | None = None
        first = span.start
        while i >= 0 and span.start - i <= 8:
            t = doc[i]
            if t.text in POSSESSIVE and i > 0:
                owner = self.actor_of_token(doc[i - 1])
                if owner is None or owner.type == "Person":
                    break
                affiliation = affiliation or owner
                # skip the owner's whole name
                i -= 1
                while i > 0 and self.actor_of_token(doc[i - 1]) is owner:
                    i -= 1
                first = i
                break
            owner = self.actor_of_token(t)
            if owner is not None and owner.type in ("Country", "Organization"):
                affiliation = affiliation or owner
                while i > 0 and self.actor_of_token(doc[i - 1]) is owner:
                    i -= 1
                first = i
                i -= 1
                continue
            c = demonym_country(t.text) if t.text[:1].isupper() else None
            if c is not None:
                affiliation = affiliation or self.country(c)
                first = i
                i -= 1
                continue
            if (
                t.lower_ == "the"
                and affiliation is not None
                and not words
                and i > 0
                and doc[i - 1].lower_ in ("of", "for")
            ):
                i -= 1  # "CEO of the Refugee Council Enver Solomon"
                continue
            if t.text == "-" and words and i > 0 and _is_title_word(doc[i - 1]):
                words[0] = f"{doc[i - 1].text}-{words[0]}"  # "Secretary-General"
                first = i - 1
                i -= 2
                continue
            if (
                t.lower_ in ("of", "for")
                and words
                and i > 0
                and _is_title_word(doc[i - 1])
                and affiliation is None
            ):
                words.insert(0, t.text)  # "Secretary of State Antony Blinken", "Minister for Health X"
                first = i
                i -= 1
                continue
            if (
                t.lower_ in ("of", "for")
                and affiliation is not None
                and not words
                and i > 0
                and _is_title_word(doc[i - 1])
            ):
                i -= 1  # "Governor of Washington Chris Gregoire"
                continue
            if _is_title_word(t) or (
                t.is_title
                and t.dep_ == "compound"
                and t.head.i >= span.start - 1
                and i >= span.start - 3
                and words
            ):
                words.insert(0, t.text)
                first = i
                i -= 1
                continue
            break
        role = _role_from(words)
        if words and not role and all(w.lower() in _L("honorifics") for w in words):
            d.add(doc[first : span.end].text)  # "Ms Bauchtman"
        if role:
            if role not in d.roles:
                d.roles.append(role)
            if affiliation is not None and d.affiliation is None:
                d.affiliation = affiliation
            d.add(doc[first : span.end].text)
        elif affiliation is not None and words == [] and first < span.start:
            d.affiliation = d.affiliation or affiliation
            d.add(doc[first : span.end].text)
        self.read_postmodifier(d, span)
        k = span.end
        if k + 1 < len(self.doc) and self.doc[k].text == "," and self.doc[k + 1].text in POSTNOMINALS:
            d.add(self.doc[span.start : k + 2].text)  # "Tom Molomby, SC"
            owner = self.actor_of_token(self.doc[k + 1])
            if owner is not None and owner is not d and not owner.mentions[1:]:
                self.merge(d, owner)  # "SC" was never an actor of its own

    def read_postmodifier(self, d: _Draft, span: SpacySpan) -> None:
        """Affiliation after a name: "Wong Pik-wan of the Democratic Party", "X from the Y Party"."""
        doc, k = self.doc, span.end
        if k + 1 >= len(doc) or doc[k].lower_ not in ("of", "from"):
            return
        j = k + 1
        while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
            j += 1
        owner = self.actor_of_token(doc[j]) if j < len(doc) else None
        if owner is None or owner.type not in ("Organization", "Country") or owner is d:
            return
        while j < len(doc) and self.actor_of_token(doc[j]) is owner:
            j += 1
        d.affiliation = d.affiliation or owner
        d.add(doc[span.start : j].text)

    def read_apposition(self, d: _Draft, span: SpacySpan) -> None:
        """Roles in appositions: "Elena Papadaki, Greece's foreign minister", and the reverse order."""
        root = span.root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
        if root.dep_ == "appos" and root.head.i < span.start:
            nouns.append(root.head)
        for noun in nouns:
            if self.actor_of_token(noun) is not None:
                continue
            mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod", "poss")]
            words = [
                c.text for c in mods if c.dep_ != "poss" and self.affiliation_of(c) is None and not c.is_punct
            ]
            tail: list[str] = []
            for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"):
                sub = [t for t in prep.subtree if not t.is_punct and t.dep_ != "det"]
                if 1 < len(sub) <= 4 and all(t.lower_ in _L("title_mods") or t.lower_ == "of" for t in sub):
                    tail = [t.text for t in sub]
            role = _role_from([*words, noun.text, *tail])
            if not role:
                continue
            if role not in d.roles:
                d.roles.append(role)
            if d.affiliation is None:
                for c in mods:
                    aff = self.affiliation_of(c)
                    if aff is not None and aff is not d:
                        d.affiliation = aff
                        break
                else:
                    for prep in (
                        c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")
                    ):
                        obj = next((x for x in prep.children if x.dep_ == "pobj"), None)
                        aff = self.affiliation_of(obj) if obj is not None else None
                        if aff is not None and aff is not d:
                            d.affiliation = aff
                            break

    def guess_state_affiliations(self) -> None:
        """A head of state or minister with no stated country: the last country named before it."""
        for d in self.live():
            if d.type != "Person" or d.affiliation is not None or not d.mentions:
                continue
            if not any(any(h in r.lower() for h in _L("state_heads")) for r in d.roles):
                continue
            m = d.mentions[0]
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in reversed(self.doc[span.sent.start : span.start]):
                a = self.actor_of_token(t)
                if a is not None and a.type == "Country":
                    d.affiliation = a
                    break

    # -- pass 3: noun phrases --------------------------------------------------------
    def read_phrases(self) -> None:
        for token in self.doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
                continue
            if token.i in self.token_actor:
                continue
            lemma = token.lemma_.lower()
            two = None
            prev = self.doc[token.i - 1] if token.i > 0 else None
            if prev is not None and prev.dep_ in ("compound", "amod"):
                two = f"{prev.lower_} {token.lower_}"
            org_cat = _L("org_nouns").get(two) if two else None  # type: ignore[attr-defined]
            org_cat = org_cat or _L("org_nouns").get(token.lower_) or _L("org_nouns").get(lemma)  # type: ignore[attr-defined]
            if org_cat and self.read_org_phrase(token, org_cat):
                continue
            if lemma in _L("anonymous") or lemma in _L("group"):
                self.read_group_phrase(token, lemma)
            elif lemma in _L("people_heads") and any(
                c.dep_ == "amod" and c.lower_ in _L("source_markers") and c.i > token.i
                for c in token.children
            ):
                self.read_group_phrase(token, lemma, source=True)  # "two people familiar with the matter"

    def phrase_bounds(self, token: Token, *, with_preps: bool) -> tuple[int, int, int]:
        """(mention start incl. determiner, name start, end) of the phrase a head noun governs."""
        left = [
            c
            for c in token.lefts
            if c.dep_
            in ("amod", "compound", "nmod", "poss", "det", "nummod", "quantmod", "advmod", "npadvmod")
        ]
        mention_start = min((c.left_edge.i for c in left), default=token.i)
        name_start = mention_start
        while name_start < token.i and (
            self.doc[name_start].dep_ in ("det", "predet", "nummod", "quantmod")
            or self.doc[name_start].lower_ in QUANTIFIERS
            or self.doc[name_start].tag_ == "PRP$"
            or self.doc[name_start].like_num
        ):
            name_start += 1
        end = token.i + 1
        if with_preps:
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "at", "with") and prep.i == end:
                    sub = list(prep.subtree)
                    if len(sub) <= 5 and not any(t.pos_ in ("VERB", "AUX") for t in sub):
                        end = sub[-1].i + 1
                    break
        return mention_start, name_start, end

    def modifiers(self, token: Token, start: int, end: int) -> tuple[_Draft | None, bool]:
        """(affiliation, has a descriptive modifier) of a phrase: demonyms, possessors, named entities."""
        aff: _Draft | None = None
        descriptive = False
        for t in self.doc[start:end]:
            if t.i == token.i:
                continue
            a = self.affiliation_of(t)
            if a is not None and aff is None and not (t.i > token.i and a.type == "Person"):
                aff = a
            elif t.i < token.i and (
                t.lower_ in _L("descriptive")
                or (t.lemma_.lower() in _L("descriptive") and t.tag_ not in ("VBN", "VBD", "VBG"))
            ):  # "rescue workers", not "the rescued members"
                descriptive = True
        return aff, descriptive

    def read_org_phrase(self, token: Token, category: str) -> bool:
        """Bodies named by description: "Greek navy", "the governor's office", "Kenya's government"."""
        mstart, nstart, end = self.phrase_bounds(token, with_preps=False)
        aff, _ = self.modifiers(token, nstart, end)
        # the possessor owns the body: "Hungarian Prime Minister Viktor Orban's government" is Orban's
        marker = next((t for t in self.doc[nstart : token.i] if t.text in POSSESSIVE), None)
        owner = self.actor_of_token(self.doc[marker.i - 1]) if marker is not None and marker.i > 0 else None
        aff = owner or aff
        if aff is None or aff.type not in ("Country", "Person", "Organization", "Location"):
            return False
        name_span = self.doc[nstart:end]
        if marker is None and aff.type == "Organization" and token.i == end - 1:
            # "the Interfax news agency": the description names the organisation itself
            aff.add(self.doc[mstart:end].text, Span(self.doc[mstart].idx, name_span.end_char))
            aff.subtype = aff.subtype or category
            self.claim(aff, mstart, end)
            return True
        if marker is not None:
            rest = [t.lower_ for t in self.doc[marker.i + 1 : end]]
        else:
            owner_words = {
                t.i
                for t in name_span
                if self.actor_of_token(t) is aff or (demonym_country(t.text) and aff.type == "Country")
            }
            rest = [t.lower_ for t in name_span if t.i not in owner_words and t.text not in POSSESSIVE]
        if not rest:
            return False
        anchor = aff.key or self.key(aff)
        key = f"organization-{anchor}-{'-'.join(normalise_name(' '.join(rest)).split())}"
        # one government by any of its names: "Kenya's government" = "Kenya's new leadership"
        if token.lemma_.lower() in _L("government_like"):
            same = next(
                (
                    d
                    for d in self.live()
                    if d.type == "Organization"
                    and d.affiliation is aff
                    and d.key
                    and d.key.startswith(f"organization-{anchor}-")
                    and d.key.split("-")[-1] in _L("government_like")
                ),
                None,
            )
            if same is not None:
                same.add(name_span.text, Span(self.doc[mstart].idx, name_span.end_char))
                same.add(name_span.text)
                self.claim(same, mstart, end)
                return True
        same = next((d for d in self.live() if d.key == key), None)
        if same is None:
            same = self.new(
                _Draft(name=name_span.text, type="Organization", subtype=category, affiliation=aff, key=key)
            )
        same.add(name_span.text)
        same.add(self.doc[mstart:end].text, Span(self.doc[mstart].idx, name_span.end_char))
        self.claim(same, mstart, end)
        return True

    def read_group_phrase(self, token: Token, lemma: str, *, source: bool = False) -> None:
        """Groups and sources: "Greek officials", "a senior official", "officials from both sides"."""
        if token.dep_ == "appos" and self.actor_of_token(token.head) is not None:
            return  # "Elena Papadaki, a senior official": a description of a named actor
        if any(c.dep_ == "appos" and self.actor_of_token(c) is not None for c in token.children):
            return
        plural = token.tag_ in ("NNS", "NNPS")
        dets = [c.lower_ for c in token.lefts if c.dep_ == "det"]
        mstart, nstart, end = self.phrase_bounds(token, with_preps=True)
        if source:
            marker = next(c for c in token.children if c.dep_ == "amod" and c.i > token.i)
            end = max(end, marker.right_edge.i + 1)
        aff, descriptive = self.modifiers(token, nstart, end)
        modified = (
            aff is not None
            or descriptive
            or end > token.i + 1
            or any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in token.lefts)
        )
        anonymous = lemma in _L("anonymous") or source
        if any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and (lemma in _L("thing_with_of") or not any(self.actor_of_token(x) for x in c.subtree))
            for c in token.rights
        ):
            return  # "a source of iodine in Australia", "members of the public"
        if lemma in _L("needs_modifier") and not (aff is not None or descriptive) and lemma not in _L("bare"):
            return
        if not anonymous and not plural:
            return
        if anonymous and not plural and not modified and dets and dets[0] in ("the", "this", "that"):
            return  # "the official": a reference to one already named (see Context.resolve_reference)
        if not modified and not anonymous and lemma not in _L("bare"):
            return
        name_span = self.doc[nstart:end]
        name = name_span.text
        mention = Span(self.doc[mstart].idx, name_span.end_char)
        norm = normalise_name(name)
        article = "-".join(re.findall(r"[a-z0-9]+", normalise_name(self.ctx.article.id)))
        key = f"group-{article}-{'-'.join(norm.split())}"
        if plural:
            same = next((d for d in self.live() if d.key == key), None)
            if same is not None:
                same.add(self.doc[mstart:end].text, mention)
                self.claim(same, mstart, end)
                return
        else:
            key = f"{key}-{mention.start}"  # two anonymous sources are two actors
        draft = self.new(_Draft(name=name, type="Group", affiliation=aff, anonymous=anonymous, key=key))
        draft.add(name)
        draft.add(self.doc[mstart:end].text, mention)
        self.claim(draft, mstart, end, only_free=True)

    def claim(self, draft: _Draft, start: int, end: int, *, only_free: bool = False) -> None:
        for t in self.doc[start:end]:
            if not only_free or t.i not in self.token_actor:
                self.token_actor.setdefault(t.i, draft)

    # -- keys and records ----------------------------------------------------------
    def modifies_thing(self, mention: Span, heads: frozenset[str] | set[str]) -> bool:
        """The mention is a compound on a lower-case noun of a thing after it ("the ICI system")."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return (
            root.dep_ == "compound"
            and root.head.i >= span.end
            and root.head.is_lower
            and (root.head.lower_ in heads or root.head.lemma_.lower() in heads)
        )

    def drop_thing_modifiers(self) -> None:
        """A name NER typed as a body or place whose every mention modifies a lower-case noun of a thing
        (lexicon ``thing_modifier_heads``) names that thing: "the ICI system", "NEMISIS database"."""
        heads = _L("thing_modifier_heads")
        dropped: set[int] = set()
        for d in self.live():
            if (
                d.type not in ("Organization", "Location")
                or d.canonical
                or d.iso
                or d.geonames_id
                or not d.mentions
            ):
                continue
            words = normalise_name(d.name).split()
            if find_org(d.name) is not None or (
                words and (words[-1] in _L("org_words") or words[-1] in _L("subtype_heads"))
            ):
                continue  # "the Internal Revenue Service website": a body by its own name
            if all(self.modifies_thing(m, heads) for m in d.mentions):
                dropped.add(id(d))
        if not dropped:
            return
        self.drafts = [d for d in self.drafts if id(d) not in dropped]
        for d in self.drafts:
            if d.affiliation is not None and id(d.affiliation.root()) in dropped:
                d.affiliation = None
        self.token_actor = {i: d for i, d in self.token_actor.items() if id(d.root()) not in dropped}

    def finish(self) -> list[Actor]:
        self.drop_thing_modifiers()
        # names read by different routes ("Indonesian Navy" by NER, "Indonesian navy" as a
        # described force) are one actor; anonymous sources stay apart
        same: dict[tuple[str, str], _Draft] = {}
        for d in self.live():
            if d.anonymous or d.type == "Group":
                continue
            keep = same.setdefault((normalise_name(d.name), d.type), d)
            if keep is not d:
                self.merge(keep, d)
        live = self.live()
        for d in live:
            if (
                d.type == "Organization"
                and d.affiliation is None
                and d.subtype in ("GovernmentBody", "MilitaryForce")
            ):
                first = d.name.split()[0] if d.name.split() else ""
                c = demonym_country(first) or find_country(first.removesuffix("'s").removesuffix("’s"))
                if c is not None and " " in d.name:
                    d.affiliation = self.country(c)  # "Armenian Defence Ministry" → Armenia
            if d.affiliation is None and d.pending_iso in self.by_iso:
                d.affiliation = self.by_iso[d.pending_iso]  # type: ignore[index]
            if d.affiliation is not None:
                d.affiliation = d.affiliation.root()
                if d.affiliation is d:
                    d.affiliation = None
            if d.type == "Person":
                said = [m.text(self.text) for m in d.mentions]
                d.name = max(
                    (a for a in said if _plain_name(a, d)), key=lambda a: len(a.split()), default=d.name
                )
        ids = {id(d): f"a{n}" for n, d in enumerate(live, 1)}
        actors = []
        for d in live:
            key = d.key or self.key(d)
            aliases = [d.name, *(a for a in d.aliases if a != d.name)]
            actors.append(
                Actor(
                    id=ids[id(d)],
                    name=d.name,
                    type=d.type,
                    key=key,
                    subtype=d.subtype,
                    aliases=tuple(aliases),
                    mentions=tuple(sorted(set(d.mentions))),
                    roles=tuple(d.roles),
                    affiliation=ids.get(id(d.affiliation)) if d.affiliation is not None else None,
                    anonymous=d.anonymous,
                    geonames_id=d.geonames_id,
                )
            )
        return actors

    def key(self, d: _Draft) -> str:
        if d.iso:
            return f"country-{d.iso.lower()}"
        if d.type == "Organization" and d.subtype in ("GovernmentBody", "MilitaryForce") and " " in d.name:
            # "Greek Foreign Ministry" and "Greece's Foreign Ministry" are one body
            first, _, rest = d.name.partition(" ")
            c = demonym_country(first) or find_country(first.rstrip("'’s"))
            if c is not None:
                return f"organization-country-{c.iso.lower()}-" + "-".join(normalise_name(rest).split())
        return actor_key(d.name, d.type)


def _has_title(alias: str) -> bool:
    first = alias.split()[0].lower()
    return (
        first in _L("title_heads")
        or first in _L("title_mods")
        or first in _L("honorifics")
        or bool(demonym_country(alias.split()[0]))
    )


def _demonym_like(word: str) -> bool:
    """A word made from a country's name with a demonym ending ("Samoan", "Togolese"), listed or not."""
    w = word.lower()
    if not w.endswith(("n", "an", "ian", "ese", "ish", "i", "ic")) or len(w) < 5:
        return False
    return any(w.startswith(c[: max(4, len(c) - 2)]) for c in _country_words())


@cache
def _country_words() -> frozenset[str]:
    from kg.extract.actor_gazetteer import all_country_names

    return frozenset(n.lower() for n in all_country_names() if " " not in n and len(n) >= 4)


def _without_country(words: list[str]) -> list[str]:
    """A name's words without a leading demonym or country ("italian supreme court" → "supreme court")."""
    if len(words) > 2 and (demonym_country(words[0]) or find_country(words[0])):
        return words[1:]
    return words


def _thing_name(norm: str, label: str) -> bool:
    """A name of a thing or a happening rather than an actor (lexicon ``thing_heads``/``thing_prefixes``)."""
    words = norm.split()
    if any(norm.startswith(p + " ") for p in _L("thing_prefixes")):
        return True
    return label != "PERSON" and len(words) > 1 and words[-1] in _L("thing_heads")


def _place_word(word: str) -> bool:
    """A word that is a country, or the main name of a city of 100,000+, and not also a given name."""
    if given_name_gender(word) is not None:
        return False
    place = find_place(word)
    return find_country(word) is not None or (
        place is not None and place.name == word and place.population >= 100_000
    )


def _known_place(name: str) -> bool:
    """A place the gazetteer knows under this very name (not an other-language name: "Athena")."""
    place = find_place(name)
    return place is not None and normalise_name(place.name) == normalise_name(name)


def _plain_name(alias: str, d: _Draft) -> bool:
    """An alias that is the person's name alone (no title words in front)."""
    words = alias.split()
    return bool(words) and not _has_title(alias)


def _same_person_typo(a: str, b: str) -> bool:
    """Same word count, a shared word, the rest one edit apart ("Jonas Lindqvsit" = "Jonas Lindqvist")."""
    wa, wb = normalise_name(a).split(), normalise_name(b).split()
    if len(wa) != len(wb) or wa == wb:
        return False
    shared = sum(x == y for x, y in zip(wa, wb, strict=True))
    if shared == 0:
        return False
    return all(
        x == y or (min(len(x), len(y)) >= 4 and x[0] == y[0] and edit_distance(x, y, limit=2) <= 1)
        for x, y in zip(wa, wb, strict=True)
    )


def extract_actors(ctx: Context) -> list[Actor]:
    """Actors of one article: named entities, described organisations, groups and anonymous sources."""
    r = _Reader(ctx)
    r.read_entities()
    r.merge_aliases()
    r.recover_names()
    r.type_by_coordination()
    r.add_place_qualifiers()
    r.add_owner_qualifiers()
    r.read_teams()
    r.read_titles()
    r.guess_state_affiliations()
    r.read_phrases()
    actors = r.finish()
    ctx.actors = actors
    return actors
