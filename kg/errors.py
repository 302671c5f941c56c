"""One error hierarchy and one message catalogue.

Every error a user can cause is a ``KgError`` with a short code, so the CLI can
print exactly one line (``Error: [K0xx] ...``) and exit 2.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # input
    "K001": "{path}: no such file or directory. Check the path, or pass a directory of .txt files.",
    "K002": "{path}: the file is empty; nothing to extract.",
    "K003": "{path}: not UTF-8 text ({reason}). Convert it with `iconv -t UTF-8`.",
    "K004": "{path}: looks binary (NUL bytes); kg reads plain-text articles and JSON Lines.",
    "K005": "{path}: line {line}: {reason}. Each JSON Lines record needs a string `id` and `text`.",
    "K006": "{path}: cannot be read ({reason}).",
    "K007": "Invalid date {value!r}: use YYYY-MM-DD.",
    "K008": "{path}: no articles found (looked for *.txt, *.jsonl).",
    # formats and registries
    "K010": "Unknown {what} {name!r}: available: {choices}.",
    # queries
    "K020": "Unknown query {name!r}: available: {choices}.",
    "K021": "{path}: malformed SPARQL: {reason}",
    "K022": "Unknown parameter {name!r} for query {query!r}: it declares {choices}.",
    "K023": "Parameter {name!r} of query {query!r} is missing: pass --param {name}=VALUE.",
    "K024": "Bad --param {value!r}: use name=value.",
    "K025": "{path}: the header lacks {field}: each .rq file starts with # title:, # description: "
    "and a # param: line per parameter.",
    "K026": "Parameter {name!r}: {value!r} is not a valid {datatype}.",
    "K027": "{path}: --limit/--offset page a SELECT query that ends with its own ORDER BY, not one with "
    "its own LIMIT or OFFSET.",
    # store
    "K030": "{path}: the store cannot be opened ({reason}). Is another kg process using it?",
    "K031": "{path}: no store here yet. Run `kg build ARTICLE...` first.",
    # nlp
    "K040": "No English spaCy pipeline is installed (tried {tried}). Run `make install`.",
    "K041": "The spaCy pipeline {model!r} lacks component {component!r}, needed by extractor {extractor!r}.",
    "K042": "Unknown spaCy model {model!r}: {reason}",
    # ontology / validation
    "K050": "{path}: the ontology cannot be parsed: {reason}",
    "K051": "{path}: cannot parse RDF to validate: {reason}",
    "K052": "OWL reasoning needs Java (HermiT); install a JRE (`apt-get install default-jre-headless`).",
    "K053": "The ontology and data are inconsistent under HermiT: {reason}",
    "K160": "{path}: no such file to validate. Pass an exported graph (.ttl, .nt, .nq, .trig, .jsonld) "
    "or --store DIR.",
    "K161": "{path}: cannot tell the RDF format from the suffix {suffix!r}: use .ttl, .nt, .nq, .trig, "
    ".jsonld or .owl.",
    "K162": "HermiT failed without a verdict: {reason}",
    "K163": "{path}: no ontology files (*.ttl) here; set KG_ONTOLOGY_DIR to the ontology/ directory.",
    # remote
    "K060": "{url}: {reason}",
    "K061": "{url}: the server refused the credentials (HTTP {status}). Check {hint}.",
    "K062": "{url}: cannot connect ({reason}). Is the server running?",
    "K063": "Environment variable {name} is not set; it should hold the password or token.",
    "K064": "Refusing to bind {host}: not a loopback address. Pass --allow-remote to expose the store.",
    # loading into external stores, serving (issue 7)
    "K180": "{reason} {loaded} of {total} graphs were loaded before the failure (recorded in {manifest}); "
    "run the same command again to load the rest.",
    "K181": "{url}: the server answered OK for graph <{graph}> but holds {remote} of its {local} triples. "
    "Check --target and --graph-store (Virtuoso ignores bodies it cannot place).",
    "K183": "{path}: cannot read the netrc file ({reason}).",
    "K184": "The `oxigraph` server program is not installed: run `pip install oxigraph` (kg serve runs it).",
    "K185": "{url}: not an http(s) URL.",
    "K186": "The oxigraph server stopped at start-up: {reason}",
    "K187": "No password for --user on {host}: pass --password-env VAR (or add a ~/.netrc entry); "
    "passwords are never taken on the command line.",
    "K188": "{path}: cannot write the load manifest ({reason}).",
    "K189": "{url}: the answer is not a SPARQL result ({reason}).",
    # export
    "K070": "{path}: cannot write ({reason}).",
    # report
    "K220": "{name!r}: no such file, and no such article in {store} ({count} articles, e.g. {sample}). "
    "Pass an article file, or an article IRI or id from the store.",
    "K221": "{name!r}: the article's graph in {store} lacks its text (nif:isString); "
    "rebuild it with `kg build`.",
    "K222": "{path}: cannot write the report ({reason}).",
    "K223": "{path}: not a directory; `kg report --all` writes one file per article: pass -o DIRECTORY.",
    "K224": "Pass either one ARTICLE (a file, an article IRI or id) or --all, not both.",
}


class KgError(Exception):
    """An error the user can act on; ``str()`` is the one-line message with its code."""

    code = "K000"

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + MESSAGES[code].format(**fields))


class InputError(KgError):
    """An article or input file cannot be read."""


class QueryError(KgError):
    """A query is unknown, malformed or wrongly parameterised."""


class StoreError(KgError):
    """The local store cannot be opened or written."""


class OntologyError(KgError):
    """The ontology or a graph to validate cannot be loaded."""


class RemoteError(KgError):
    """A remote SPARQL endpoint refused or failed a request."""


class ModelError(KgError):
    """The spaCy pipeline is missing or unsuitable."""
