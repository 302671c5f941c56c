"""`kg report` (issue 9): highlighting, escaping, the store round trip, the page in headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import cli
from kg.model import Actor, Article, Event, Extraction, Quantity, Span, Statement
from kg.report import Mark, highlight, load_from_store, render_report, report_data
from kg.store import Store

from .conftest import EXAMPLES, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -- a small DOM, from the browser's serialised DOM or from our own output ------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        def match(n: Node) -> bool:
            return (tag is None or n.tag == tag) and all(
                (v in n.attrs.get(k.rstrip("_"), "").split())
                if k == "class_"
                else n.attrs.get(k.replace("_", "-")) == v
                for k, v in attrs.items()
            )

        return [n for n in self.iter() if match(n)]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root
        self.unbalanced: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.cur.tag != tag:
            self.unbalanced.append(f"</{tag}> closes <{self.cur.tag}>")
            n = self.cur
            while n.parent is not None and n.tag != tag:
                n = n.parent
            self.cur = n
        if self.cur.parent is not None:
            self.cur = self.cur.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(markup: str, *, strict: bool = False) -> Node:
    b = _Builder()
    b.feed(markup)
    b.close()
    if strict:
        assert not b.unbalanced, b.unbalanced[:5]
    return b.root


# -- the browser ------------------------------------------------------------------------------------------


def chromium(page: Path, tmp_path: Path, *extra: str, fragment: str = "") -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    proc = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri() + fragment],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def browser_dom(page: Path, tmp_path: Path, fragment: str = "") -> Node:
    """The DOM after the page loaded and its script ran (Chromium's --dump-dom)."""
    return parse(chromium(page, tmp_path, "--dump-dom", fragment=fragment).stdout)


def screenshot(page: Path, tmp_path: Path, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)
    chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    return shot


def texts_by_iri(dom: Node, layer: str) -> dict[str, str]:
    """IRI -> the text of all its highlight fragments of one layer, joined in document order."""
    out: dict[str, str] = {}
    for n in dom.find_all("span", class_=layer):
        if "hl" in n.attrs.get("class", "").split() and "data-iri" in n.attrs:
            out[n.attrs["data-iri"]] = out.get(n.attrs["data-iri"], "") + n.text()
    return out


# -- highlighting -----------------------------------------------------------------------------------------


def test_highlight_nests_an_actor_inside_a_statement_and_splits_crossing_spans() -> None:
    text = "Mayor Ana Ruiz said the port of Vigo & its docks will reopen."

    def mark(part: str, layer: str, ref: str) -> Mark:
        start = text.index(part)
        return Mark(start, start + len(part), layer, ref, f"urn:{ref}", ref)

    marks = [
        mark("the port of Vigo & its docks will reopen", "st", "s1"),
        mark("Ana Ruiz", "actor", "a1"),
        mark("Vigo", "actor", "a2"),  # inside the statement and inside the event
        mark("Vigo & its docks", "ev", "e1"),
        mark("docks will reopen.", "cue", "c1"),  # crosses the statement's end
    ]
    out = highlight(text, marks)
    dom = parse(out, strict=True)
    assert dom.text() == text
    for m in marks:
        frags = [
            n
            for n in dom.find_all("span")
            if n.attrs.get("data-ref") == m.ref and m.layer in n.attrs["class"].split()
        ]
        assert "".join(f.text() for f in frags) == text[m.start : m.end]
    a2 = next(n for n in dom.find_all("span") if n.attrs.get("data-ref") == "a2")
    assert a2.parent is not None and "ev" in a2.parent.attrs["class"].split()  # the shorter span is inner
    assert "&amp;" in out


marks_strategy = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(["st", "ev", "actor", "cue", "time"])),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=45), raw=marks_strategy)
def test_highlight_keeps_the_text_and_covers_exactly_each_span(
    text: str, raw: list[tuple[int, int, str]]
) -> None:
    marks = [
        Mark(s, min(s + n, len(text)), layer, f"r{i}", f"urn:{i}", f'"t{i}<')
        for i, (s, n, layer) in enumerate(raw)
        if s < len(text)
    ]
    dom = parse(highlight(text, marks), strict=True)
    assert dom.text() == text
    covered: dict[str, set[int]] = {m.ref: set() for m in marks}

    def walk(node: Node, pos: int, open_refs: tuple[str, ...]) -> int:
        for c in node.children:
            if isinstance(c, str):
                for ref in open_refs:
                    covered[ref].update(range(pos, pos + len(c)))
                pos += len(c)
            else:
                assert c.attrs["title"] == f'"t{c.attrs["data-ref"][1:]}<'
                pos = walk(c, pos, (*open_refs, c.attrs["data-ref"]))
        return pos

    walk(dom, 0, ())
    for m in marks:
        assert covered[m.ref] == set(range(m.start, m.end))


# -- pages ------------------------------------------------------------------------------------------------


PAYLOADS = (
    "<script>document.documentElement.dataset.pwned='script'</script>",
    '"><img src=x onerror="document.documentElement.dataset.pwned=\'img\'">',
    "&amp;",
)


def hostile_extraction() -> Extraction:
    """Every field the page shows carries markup: text, names, cue, type, quantity, title and id."""
    text = (
        f"Minister Ana Ruiz said {PAYLOADS[0]} is harmless.\n"
        f"Rebels {PAYLOADS[1]} shelled the port &amp; the docks, officials said."
    )

    def span(s: str) -> Span:
        start = text.index(s)
        return Span(start, start + len(s))

    bad = PAYLOADS[1]
    a1 = Actor(
        "a1",
        "Ana Ruiz" + bad,
        "Person",
        "person-ana-ruiz",
        mentions=(span("Ana Ruiz"),),
        roles=("Minister" + PAYLOADS[0],),
    )
    a2 = Actor("a2", "Rebels", "Group", "group-rebels" + bad, mentions=(span("Rebels"),))
    s1 = Statement(
        "s1",
        "a1",
        "said" + bad,
        span(PAYLOADS[0] + " is harmless"),
        "indirect",
        cue_span=span("said"),
        reported_by=("a2",),
        date="2025-01-01" + bad,
    )
    s2 = Statement(
        "s2",
        None,
        "said",
        span(f"Rebels {bad} shelled the port &amp; the docks"),
        "indirect",
        cue_span=Span(len(text) - 5, len(text) - 1),
    )
    e1 = Event(
        "e1",
        "Shelling" + bad,
        "195",
        span("shelled"),
        mentions=(span("&amp;"),),
        agent=("a2",),
        target=("a1",),
        quantity=Quantity("3" + PAYLOADS[0], 3, unit="shells" + bad),
    )
    art = Article(
        id="hostile" + bad,
        text=text,
        date="2025-01-02",
        title="T</title>" + PAYLOADS[0],
        url='javascript:alert(1)"' + bad,
    )
    return Extraction(article=art, actors=(a1, a2), statements=(s1, s2), events=(e1,))


def test_page_is_self_contained_and_its_csp_admits_only_its_own_style_and_script(tmp_path: Path) -> None:
    page = render_report(report_data(hostile_extraction()))
    dom = parse(page, strict=True)
    assert not dom.find_all("link") and not dom.find_all("img") and not dom.find_all("iframe")
    (style,), (script,) = dom.find_all("style"), dom.find_all("script")
    assert not any("src" in n.attrs for n in dom.iter())
    assert "url(" not in style.text() and "@import" not in style.text() and "fetch(" not in script.text()
    csp = next(
        m.attrs["content"]
        for m in dom.find_all("meta")
        if m.attrs.get("http-equiv") == "Content-Security-Policy"
    )

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"

    assert f"style-src {digest(style.text())};" in csp and f"script-src {digest(script.text())};" in csp
    assert csp.startswith("default-src 'none';") and "unsafe-inline" not in csp
    assert not any("style" in n.attrs or any(k.startswith("on") for k in n.attrs) for n in dom.iter())
    hrefs = [n.attrs["href"] for n in dom.find_all("a") if "href" in n.attrs]
    assert hrefs and all(h.startswith(("#", "https://w3id.org/kg/id/")) for h in hrefs)  # no javascript: URL


@pytest.mark.browser
def test_hostile_article_renders_as_text_and_runs_nothing(tmp_path: Path) -> None:
    ex = hostile_extraction()
    page = tmp_path / "hostile.html"
    page.write_text(render_report(report_data(ex)), encoding="utf-8")
    dom = browser_dom(page, tmp_path)
    html_el = dom.find_all("html")[0]
    assert html_el.attrs.get("data-report-ready") == "1"  # our own script ran under the CSP...
    assert "data-pwned" not in html_el.attrs  # ...and the article's did not
    assert dom.find_all("img") == [] and len(dom.find_all("script")) == 1
    assert dom.find_all("title")[0].text() == f"{ex.article.title} — kg report"
    assert dom.by_id("article-text").text() == ex.article.text
    assert texts_by_iri(dom, "st") == {
        report_data(ex).statement_iris[s.id]: s.content.text(ex.article.text) for s in ex.statements
    }
    rows = {n.attrs["data-ref"]: n for n in dom.find_all("tr") if "data-ref" in n.attrs}
    assert PAYLOADS[1] in rows["a1"].text() and PAYLOADS[0] in rows["s1"].text()
    assert PAYLOADS[0] in rows["e1"].text() and "Shelling" + PAYLOADS[1] in rows["e1"].text()
    spans = [n for n in dom.find_all("span") if n.attrs.get("data-ref") == "a1"]
    assert spans and all(n.attrs["title"].startswith("Ana Ruiz" + PAYLOADS[1]) for n in spans)


@pytest.mark.browser
def test_report_of_an_example_highlights_and_lists_every_statement_and_event(
    tmp_path: Path,
    extract_text,
    runner,
) -> None:
    path = EXAMPLES / "harbour-talks.txt"
    ex = extract_text(path.read_text(encoding="utf-8"), date="2025-03-14", id="harbour-talks")
    assert ex.statements and ex.events
    data = report_data(ex)
    page = tmp_path / "harbour-talks.html"
    page.write_text(render_report(data), encoding="utf-8")
    dom = browser_dom(page, tmp_path)
    text = ex.article.text
    assert dom.by_id("article-text").text() == text
    st_text, ev_text = texts_by_iri(dom, "st"), texts_by_iri(dom, "ev")
    st_rows = {
        n.attrs["data-iri"]
        for n in dom.find_all("table", class_="statements")[0].find_all("tr")
        if "data-iri" in n.attrs
    }
    ev_rows = {
        n.attrs["data-iri"]
        for n in dom.find_all("table", class_="events")[0].find_all("tr")
        if "data-iri" in n.attrs
    }
    drawn = {n.attrs["data-ref"] for n in dom.find_all("a", class_="node")}
    for s in ex.statements:
        iri = data.statement_iris[s.id]
        assert st_text[iri] == s.content.text(text), s
        assert iri in st_rows and s.id in drawn
        if s.cue_span:
            assert s.cue_span.text(text) in texts_by_iri(dom, "cue")[iri]
    for e in ex.events:
        iri = data.event_iris[e.id]
        assert ev_text[iri].startswith(e.trigger.text(text)) and iri in ev_rows and e.id in drawn
    for a in ex.actors:
        assert len(
            [n for n in dom.find_all("span", class_="actor") if n.attrs.get("data-ref") == a.id]
        ) >= len(a.mentions)
    assert dom.find_all("svg") and dom.find_all("html")[0].attrs.get("data-report-ready") == "1"
    first = ex.statements[0]
    assert dom.by_id("panel-body").text().startswith(f"Statement {first.id} ({first.kind})")  # the script ran
    last = ex.statements[-1]
    panel = browser_dom(page, tmp_path, fragment=f"#row-{last.id}").by_id("panel-body")
    assert panel.text().startswith(f"Statement {last.id}") and data.statement_iris[last.id] in panel.text()
    shot = screenshot(page, tmp_path, "report-harbour-talks.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# -- from the store and the CLI ---------------------------------------------------------------------------


def _view(ex: Extraction) -> dict[str, object]:
    """What a report shows, by names and spans rather than local ids."""

    def names(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(ex.actor(i).name for i in ids))  # type: ignore[union-attr]

    return {
        "actors": sorted((a.name, a.type, a.mentions) for a in ex.actors),
        "statements": sorted(
            (
                s.content,
                s.cue,
                s.kind,
                s.cue_span,
                s.speaker_mention,
                names((s.speaker,) if s.speaker else ()),
                tuple(a.name for r in s.reported_by if (a := ex.actor(r))),
                s.date,
            )
            for s in ex.statements
        ),
        "events": sorted(
            (
                e.trigger,
                e.type,
                e.cameo,
                e.mentions,
                names(e.agent),
                names(e.target),
                names(e.location),
                e.date,
                e.quantity,
                e.modality,
            )
            for e in ex.events
        ),
    }


def test_store_report_shows_what_a_fresh_extraction_shows(built_store: Path, extract_text) -> None:
    db = Store(built_store, read_only=True)
    for path in sorted(EXAMPLES.glob("*.txt")):
        fresh = extract_text(path.read_text(encoding="utf-8"), date="2025-03-14", id=path.stem)
        stored = load_from_store(db, path.stem)
        assert stored.origin == "store" and _view(stored.extraction) == _view(fresh)
        assert set(stored.statement_iris.values()) == set(report_data(fresh).statement_iris.values())
        assert set(stored.event_iris.values()) == set(report_data(fresh).event_iris.values())
        assert load_from_store(db, stored.article_iri).extraction.article.id == path.stem


def test_cli_report_all_writes_a_page_per_article_and_an_index(
    built_store: Path, runner, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    r = runner.invoke(cli, ["report", "--all", "--store", str(built_store), "-o", str(out)])
    assert r.exit_code == 0, r.output
    names = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert sorted(p.stem for p in out.glob("*.html")) == sorted([*names, "index"])
    assert re.fullmatch(rf"3 articles, \d+ statements?, \d+ events? → {re.escape(str(out))}\n", r.stdout)
    index = parse((out / "index.html").read_text(encoding="utf-8"), strict=True)
    assert sorted(a.attrs["href"] for a in index.find_all("a")) == [f"{n}.html" for n in names]


def test_cli_report_errors(built_store: Path, runner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["report", "no-such-article", "--store", str(built_store)])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("Error: [K220] 'no-such-article': no such file, and no such article in ")
    assert r.stderr.count("\n") == 1 and "harbour-talks" in r.stderr
    r = runner.invoke(cli, ["report", "--store", str(built_store)])
    assert (r.exit_code, r.stderr) == (
        2,
        "Error: [K224] Pass either one ARTICLE (a file, an article IRI or id) or --all, not both.\n",
    )
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = runner.invoke(cli, ["report", "--all", "--store", str(built_store), "-o", str(blocker)])
    assert r.exit_code == 2 and r.stderr.startswith("Error: [K223] ")
    r = runner.invoke(cli, ["report", "missing.txt", "--store", str(tmp_path / "nostore")])
    assert r.exit_code == 2 and r.stderr.startswith("Error: [K001] missing.txt: no such file")


def test_cli_report_of_a_file_with_markup(runner, tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        f"Officials said {PAYLOADS[0]} and {PAYLOADS[1]} mean {PAYLOADS[2]} nothing.\n", encoding="utf-8"
    )
    out = tmp_path / "out" / "markup.html"
    r = runner.invoke(cli, ["report", str(article), "--date", "2025-03-14", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert re.fullmatch(rf"1 article, \d+ statements?, \d+ events? → {re.escape(str(out))}\n", r.stdout)
    dom = parse(out.read_text(encoding="utf-8"), strict=True)
    assert dom.by_id("article-text").text() == article.read_text(encoding="utf-8")
    assert not dom.find_all("img") and len(dom.find_all("script")) == 1


def test_graph_is_drawn_without_graphviz_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.report import graph_svg

    data = report_data(hostile_extraction())
    with_dot = parse(graph_svg(data), strict=True)
    monkeypatch.setenv("PATH", "")  # no `dot`: the simple two-column layout
    without = parse(graph_svg(data), strict=True)
    for svg in (with_dot, without):
        assert sorted(n.attrs["data-ref"] for n in svg.find_all("a", class_="node")) == [
            "a1",
            "a2",
            "e1",
            "s1",
            "s2",
        ]
        assert len(svg.find_all("path")) == 4  # a1 said s1, a2 relayed s1, a2 agent of e1, e1 targets a1
        assert PAYLOADS[1][:20] in svg.text() and not svg.find_all("img")
    assert with_dot.find_all("svg")[0].attrs["viewbox"] != without.find_all("svg")[0].attrs["viewbox"]
