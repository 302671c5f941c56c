"""Properties: any quote survives RDF round trips; the same record always mints the same IRI."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.mapping import map_extraction, slug
from kg.model import Article, Extraction, Span, Statement

# Characters RDF literals can hold: no surrogates; NUL is legal in RDF but not in N-Triples tooling.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1)


@settings(max_examples=60, deadline=None)
@given(quote=TEXT)
def test_quote_round_trips_through_turtle(quote: str) -> None:
    text = "She said " + quote
    article = Article(id="t", text=text, date="2025-01-01")
    st_ = Statement(id="s1", speaker=None, cue="said", content=Span(9, len(text)), kind="indirect")
    g = Graph()
    for t in map_extraction(Extraction(article=article, statements=(st_,))):
        g.add(t)
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    contents = {str(o) for o in back.objects(None, URIRef("https://w3id.org/kg/ontology#contentText"))}
    assert contents == {quote}
    assert Literal(quote) in set(back.objects())


@settings(max_examples=60, deadline=None)
@given(id_=TEXT, start=st.integers(0, 50), length=st.integers(1, 50))
def test_same_record_same_iris(id_: str, start: int, length: int) -> None:
    text = "x" * 120
    article = Article(id=id_, text=text, date="2025-01-01")
    st_ = Statement(id="s1", speaker=None, cue="said", content=Span(start, start + length), kind="indirect")
    ex = Extraction(article=article, statements=(st_,))
    subjects = [{s for s, _, _ in map_extraction(ex)} for _ in range(2)]
    assert subjects[0] == subjects[1]
    assert all("/" not in str(s).rsplit("/id/", 1)[1] for s in subjects[0])


@given(value=TEXT)
def test_slug_is_iri_safe(value: str) -> None:
    s = slug(value)
    assert s and all(c.isascii() and (c.isalnum() or c == "-") for c in s)
