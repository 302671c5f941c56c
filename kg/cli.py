"""The ``kg`` command: parse flags, call ``kg.api``, print with ``kg.output``.

Exit codes: 0 success; 1 ``kg validate`` found violations; 2 the user's error
(one line on stderr, ``Error: [K0xx] ...``). Anything else is a bug.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from kg import __version__, api
from kg.errors import KgError
from kg.output import output_options, render
from kg.resources import DEFAULT_STORE


class KgGroup(click.Group):
    """Turns a ``KgError`` into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(2)


def store_option(f):  # type: ignore[no-untyped-def]
    return click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE, envvar="KG_STORE",
                        show_default=True, help="The store directory (env KG_STORE).")(f)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        name, sep, value = v.partition("=")
        if not sep or not name:
            raise KgError("K024", value=v)
        out[name.strip()] = value
    return out


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph of actors, statements and events from news articles, then query it with SPARQL.

    \b
    Example:
        kg build examples/ && kg query who-said-what --param actor=Papadaki
    """


class _Progress:
    """A one-line progress bar on stderr: done/total, articles/s and ETA (only on a terminal)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = done / elapsed
        eta = (total - done) / rate if rate else 0.0
        width = 30
        filled = width * done // max(total, 1)
        line = (f"building [{'#' * filled}{'-' * (width - filled)}] {done}/{total}  {rate:.1f} articles/s  "
                f"ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        click.echo(f"\r{line}\x1b[K", err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--date", help="Publication date (YYYY-MM-DD) that relative dates are resolved against.")
@click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline (env KG_SPACY_MODEL).")
@click.option("--force", is_flag=True, help="Rebuild articles even when their content is unchanged.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for the language model (default: one per CPU).")
@click.option("--batch-size", type=click.IntRange(1), default=api.BATCH_SIZE, show_default=True,
              help="Articles per nlp.pipe batch and per store transaction.")
@store_option
def build(paths: tuple[Path, ...], date: str | None, model: str | None, force: bool, jobs: int | None,
          batch_size: int, store: Path) -> None:
    """Extract articles and add them to the store, one named graph per article.

    PATHS are text files, directories of them, or JSON Lines files with id, text
    and optional date, title, url. Rebuilding an article replaces its graph;
    unchanged articles are skipped, so an interrupted build resumes.

    \b
    Example:
        kg build examples/ --date 2025-03-14
        kg build corpus.jsonl --jobs 2
    """
    bar = _Progress() if sys.stderr.isatty() else None
    summary = api.build(paths, store=store, date=date, model=model, force=force, jobs=jobs,
                        batch_size=batch_size, progress=bar)
    if bar:
        bar.close()
    skipped = f" ({summary.skipped} unchanged, skipped)" if summary.skipped else ""
    click.echo(
        f"{summary.articles} articles{skipped}, {summary.actors} actors, {summary.statements} statements, "
        f"{summary.events} events, {summary.triples} triples in {summary.seconds:.1f} s → {store}"
    )


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--date", help="Publication date (YYYY-MM-DD) that relative dates are resolved against.")
@click.option("--format", "fmt", type=click.Choice(["json", "turtle"]), default="json", show_default=True)
@click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline (env KG_SPACY_MODEL).")
def extract(path: Path, date: str | None, fmt: str, model: str | None) -> None:
    """Print what one article (or each line of a JSON Lines file) yields; the store is untouched.

    \b
    Example:
        kg extract examples/harbour-talks.txt --date 2025-03-14 --format json
    """
    from kg.jsonview import to_json

    extractions = api.extract([path], date=date, model=model)
    if fmt == "json":
        for ex in extractions:
            click.echo(json.dumps(to_json(ex), ensure_ascii=False))
        return
    from rdflib import Dataset

    from kg.export import PREFIXES
    from kg.mapping import graph_iri, map_extraction

    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for ex in extractions:
        g = ds.graph(graph_iri(ex.article))
        for t in map_extraction(ex):
            g.add(t)
    if len(extractions) == 1:
        click.echo(ds.graph(graph_iri(extractions[0].article)).serialize(format="turtle"))
    else:
        click.echo(ds.serialize(format="trig"))


@cli.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@output_options
@store_option
def query(name: str, params: tuple[str, ...], fmt: str, store: Path) -> None:
    """Run a SPARQL query file (a bundled name or a path) against the store.

    Parameters are bound as RDF terms, never pasted into the query text.

    \b
    Example:
        kg query who-said-what --param actor=Papadaki --format table
    """
    result = api.query(name, store=store, params=_params(params))
    click.echo(render(result.columns, result.rows, fmt))


@cli.command("queries")
@output_options
def queries_cmd(fmt: str) -> None:
    """List the bundled query files with their titles and parameters.

    \b
    Example:
        kg queries
    """
    rows = [[q.name, q.title, " ".join(f"{p.name}{'?' if p.optional else ''}" for p in q.params)]
            for q in api.queries()]
    click.echo(render(["name", "title", "params"], rows, fmt))


@cli.command()
@click.option("--output", "-o", "out", type=click.Path(path_type=Path), help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld"]),
              help="RDF format (default: from the output suffix, else Turtle).")
@click.option("--graph", help="Export one named graph only (an article graph IRI).")
@store_option
def export(out: Path | None, fmt: str | None, graph: str | None, store: Path) -> None:
    """Write the store as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

    TriG and N-Quads keep one named graph per article: use them as bulk-load input.

    \b
    Example:
        kg export -o graph.ttl
    """
    api.export(store=store, out=out, fmt=fmt, graph=graph)


@cli.command()
@output_options
@store_option
def stats(fmt: str, store: Path) -> None:
    """Count articles, actors, statements, events and triples in the store.

    \b
    Example:
        kg stats
    """
    counts = api.stats(store=store)
    click.echo(render(["what", "count"], [[k, v] for k, v in counts.items()], fmt))


@cli.command()
@click.argument("article", required=False)
@click.option("--all", "all_articles", is_flag=True, help="Every article in the store, plus an index page.")
@click.option("--output", "-o", "out", type=click.Path(path_type=Path),
              help="Output file, or directory with --all (default: ARTICLE-ID.html, or kg-report/).")
@click.option("--date", help="Publication date (YYYY-MM-DD), when ARTICLE is a file to extract.")
@click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline (env KG_SPACY_MODEL).")
@store_option
def report(article: str | None, all_articles: bool, out: Path | None, date: str | None, model: str | None,
           store: Path) -> None:
    """Write a self-contained HTML page per article: highlighted text, tables, graph drawing.

    ARTICLE is a file (extracted on the fly) or an article IRI or id in the store.

    \b
    Example:
        kg report examples/harbour-talks.txt --date 2025-03-14 -o harbour.html
        kg report --all -o reports/
    """
    summary = api.report(article, store=store, out=out, all_articles=all_articles, date=date, model=model)
    where = summary.files[0] if len(summary.files) == 1 else summary.files[0].parent
    click.echo(f"{summary.articles} article{'s' if summary.articles != 1 else ''}, {summary.statements} "
               f"statements, {summary.events} events → {where}")


def main() -> None:  # pragma: no cover
    cli(prog_name="kg", auto_envvar_prefix=None)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main()
