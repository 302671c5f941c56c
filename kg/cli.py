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
from kg.output import counted, output_options, render
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
    return click.option(
        "--store",
        type=click.Path(path_type=Path),
        default=DEFAULT_STORE,
        envvar="KG_STORE",
        show_default=True,
        help="The store directory (env KG_STORE).",
    )(f)


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
    """A one-line progress bar on stderr: done/total, articles/s and ETA (only on a terminal).

    The rate counts from the first batch that lands, so model loading does not skew the ETA.
    """

    def __init__(self) -> None:
        self.first: tuple[float, int] | None = None
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        self.first = self.first or (now, done)
        elapsed, since = now - self.first[0], done - self.first[1]
        rate = since / elapsed if elapsed > 0 and since > 0 else 0.0
        eta = int((total - done) / rate) if rate else 0
        speed = f"{rate:.1f} articles/s  ETA {eta // 60}:{eta % 60:02d}" if rate else "…"
        filled = 30 * done // max(total, 1)
        line = f"building [{'#' * filled}{'-' * (30 - filled)}] {done}/{total}  {speed}"
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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for the language model (default: one per CPU).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=api.BATCH_SIZE,
    show_default=True,
    help="Articles per nlp.pipe batch and per store transaction.",
)
@store_option
def build(
    paths: tuple[Path, ...],
    date: str | None,
    model: str | None,
    force: bool,
    jobs: int | None,
    batch_size: int,
    store: Path,
) -> None:
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
    summary = api.build(
        paths,
        store=store,
        date=date,
        model=model,
        force=force,
        jobs=jobs,
        batch_size=batch_size,
        progress=bar,
    )
    if bar:
        bar.close()
    skipped = f" ({summary.skipped} unchanged, skipped)" if summary.skipped else ""
    click.echo(
        f"{counted(summary.articles, 'article')}{skipped}, {counted(summary.actors, 'actor')}, "
        f"{counted(summary.statements, 'statement')}, {counted(summary.events, 'event')}, "
        f"{counted(summary.triples, 'triple')} in {summary.seconds:.1f} s → {store}"
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
    from rdflib import Dataset, Graph

    from kg.export import PREFIXES
    from kg.mapping import graph_iri, map_actors, map_article, map_extraction
    from kg.vocab import ACTORS_GRAPH

    if len(extractions) == 1:  # one article: its graph and its actors' descriptions, as one graph
        one = Graph()
        for prefix, ns in PREFIXES.items():
            one.bind(prefix, ns)
        for t in map_extraction(extractions[0]):
            one.add(t)
        click.echo(one.serialize(format="turtle"))
        return
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    actors = ds.graph(ACTORS_GRAPH)
    for ex in extractions:
        article = ds.graph(graph_iri(ex.article))
        for t in map_article(ex):
            article.add(t)
        for t in map_actors(ex):
            actors.add(t)
    click.echo(ds.serialize(format="trig"))


def remote_options(f):
    """Options naming a remote SPARQL store and how to log in; secrets only from env vars or ~/.netrc."""
    from kg.remote import TARGETS

    for opt in reversed(
        [
            click.option(
                "--target",
                type=click.Choice(list(TARGETS)),
                default="generic",
                show_default=True,
                help="The kind of store: it knows each one's endpoint paths and quirks.",
            ),
            click.option("--user", help="User name (password from --password-env or ~/.netrc)."),
            click.option("--password-env", metavar="VAR", help="Environment variable holding the password."),
            click.option("--token-env", metavar="VAR", help="Environment variable holding a bearer token."),
            click.option(
                "--auth",
                type=click.Choice(["basic", "digest"]),
                help="HTTP authentication scheme (default: the target's; Virtuoso uses digest).",
            ),
            click.option(
                "--retries",
                type=click.IntRange(0),
                default=3,
                show_default=True,
                help="Retries (with backoff) on connection errors and 5xx answers.",
            ),
        ]
    ):
        f = opt(f)
    return f


@cli.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--endpoint", metavar="URL", help="Query this remote SPARQL endpoint instead of the store.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows, in the query's order.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first.")
@remote_options
@output_options
@store_option
def query(
    name: str,
    params: tuple[str, ...],
    endpoint: str | None,
    limit: int | None,
    offset: int,
    fmt: str,
    store: Path,
    **remote: Any,
) -> None:
    """Run a SPARQL query file (a bundled name or a path) against the store or a remote endpoint.

    Parameters are bound as RDF terms, never pasted into the query text.

    \b
    Example:
        kg query who-said-what --param actor=Papadaki --format table
        kg query actors --limit 50 --offset 50
        kg query actors --endpoint http://localhost:7878 --target oxigraph
    """
    page = {"limit": limit, "offset": offset}
    if endpoint:
        result = api.query(name, params=_params(params), endpoint=endpoint, **page, **remote)
    else:
        result = api.query(name, store=store, params=_params(params), **page)
    click.echo(render(result.columns, result.rows, fmt))


@cli.command("queries")
@output_options
def queries_cmd(fmt: str) -> None:
    """List the bundled query files with their titles and parameters.

    \b
    Example:
        kg queries
    """
    rows = [
        [q.name, q.title, " ".join(f"{p.name}{'?' if p.optional else ''}" for p in q.params)]
        for q in api.queries()
    ]
    click.echo(render(["name", "title", "params"], rows, fmt))


@cli.command()
@click.option("--output", "-o", "out", type=click.Path(path_type=Path), help="Output file (default: stdout).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld"]),
    help="RDF format (default: from the output suffix, else Turtle).",
)
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
@click.option(
    "--output",
    "-o",
    "out",
    type=click.Path(path_type=Path),
    help="Output file, or directory with --all (default: ARTICLE-ID.html, or kg-report/).",
)
@click.option("--date", help="Publication date (YYYY-MM-DD), when ARTICLE is a file to extract.")
@click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline (env KG_SPACY_MODEL).")
@store_option
def report(
    article: str | None,
    all_articles: bool,
    out: Path | None,
    date: str | None,
    model: str | None,
    store: Path,
) -> None:
    """Write a self-contained HTML page per article: highlighted text, tables, graph drawing.

    ARTICLE is a file (extracted on the fly) or an article IRI or id in the store.

    \b
    Example:
        kg report examples/harbour-talks.txt --date 2025-03-14 -o harbour.html
        kg report --all -o reports/
    """
    summary = api.report(article, store=store, out=out, all_articles=all_articles, date=date, model=model)
    where = summary.files[0] if len(summary.files) == 1 else summary.files[0].parent
    click.echo(
        f"{counted(summary.articles, 'article')}, {counted(summary.statements, 'statement')}, "
        f"{counted(summary.events, 'event')} → {where}"
    )


@cli.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's SPARQL endpoint (or base URL: the --target preset derives the others).",
)
@click.option("--graph-store", metavar="URL", help="The Graph Store Protocol endpoint, where it differs.")
@remote_options
@click.option("--force", is_flag=True, help="Send every graph, also those the endpoint already has.")
@click.option("--dry-run", is_flag=True, help="Print the requests that would be sent, and send nothing.")
@click.option("--batch-size", type=click.IntRange(1), metavar="TRIPLES", help="Triples per request.")
@store_option
def load(
    endpoint: str,
    graph_store: str | None,
    force: bool,
    dry_run: bool,
    batch_size: int | None,
    store: Path,
    **remote: Any,
) -> None:
    """Load the store into an external SPARQL store: each article graph and the ontology graph.

    Each graph replaces its remote copy, so loading twice changes nothing; graphs
    already loaded and unchanged are skipped (see STORE.remote.json), and a run
    that failed part-way is completed by running it again.

    \b
    Example:
        kg load --endpoint http://localhost:7878 --target oxigraph
        kg load --endpoint http://localhost:8890/sparql --target virtuoso \\
            --user dba --password-env VIRTUOSO_PW
    """
    summary = api.push(
        store=store,
        endpoint=endpoint,
        graph_store=graph_store,
        force=force,
        dry_run=dry_run,
        batch_size=batch_size,
        **remote,
    )
    if dry_run:
        click.echo("\n".join(summary.plan))
        return
    skipped = f" ({summary.skipped} unchanged, skipped)" if summary.skipped else ""
    click.echo(
        f"{summary.graphs} graphs{skipped}, {summary.triples} triples in {summary.requests} requests, "
        f"{summary.seconds:.1f} s → {summary.endpoint}"
    )


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--allow-remote", is_flag=True, help="Allow a non-loopback --host (the store has no access control)."
)
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (for YASGUI pages elsewhere).")
@store_option
def serve(host: str, port: int, allow_remote: bool, cors: bool, store: Path) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol (Oxigraph's server; YASGUI at /).

    Queries see the union of the article graphs, as `kg query` does. Ctrl-C stops it.

    \b
    Example:
        kg serve --port 7878    # then: kg query actors --endpoint http://127.0.0.1:7878 --target oxigraph
    """
    server = api.serve(store=store, host=host, port=port, allow_remote=allow_remote, cors=cors)
    click.echo(
        f"Serving {store} read-only: SPARQL endpoint {server.query_url}, YASGUI {server.url}/ (Ctrl-C stops)",
        err=True,
    )
    server.serve_forever()


@cli.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--reason", is_flag=True, help="Also check OWL 2 consistency with HermiT (needs Java).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "table", "csv", "tsv", "json"]),
    default="text",
    show_default=True,
    help="A readable report, or one row per violation.",
)
@store_option
def validate(file: Path | None, reason: bool, fmt: str, store: Path) -> None:
    """Check the store (or an exported FILE) against the SHACL shapes in ontology/shapes.ttl.

    Exit 0 when it conforms, 1 with a report of each violation (focus node, path,
    message, article), 2 when the input cannot be read.

    \b
    Example:
        kg validate --reason
        kg validate graph.trig --format json
    """
    report = api.validate(file, store=store, reason=reason)
    if fmt == "text":
        click.echo("\n".join(report.lines()))
    else:
        click.echo(render(list(report.COLUMNS), report.rows(), fmt))
    if not report.conforms:
        sys.exit(1)


def main() -> None:  # pragma: no cover
    cli(prog_name="kg", auto_envvar_prefix=None)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main()
