"""CLI-only presentation: result rows as a table, CSV, TSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import click

ROW_FORMATS = ("table", "csv", "tsv", "json")


def counted(n: int, noun: str) -> str:
    """``1 article``, ``3 articles``: counts in summary lines read as English."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def output_options(f):  # type: ignore[no-untyped-def]
    """``--format`` plus the ``--json/--csv/--tsv/--table`` shorthands, for commands that print rows."""
    for name in reversed(ROW_FORMATS):
        f = click.option(f"--{name}", "fmt", flag_value=name, help=f"Same as --format {name}.")(f)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(ROW_FORMATS),
        default="table",
        show_default=True,
        help="How to print the rows.",
    )(f)


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> str:
    """Rows as text in one of ``ROW_FORMATS``."""
    cells = [["" if v is None else str(v) for v in r] for r in rows]
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(columns)
        w.writerows(cells)
        return buf.getvalue().rstrip("\n")
    width = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]

    def line(vals: Sequence[str]) -> str:
        return "  ".join(_clip(v, width[i]).ljust(width[i]) for i, v in enumerate(vals)).rstrip()

    out = [line(columns), line(["-" * w for w in width])] + [line(r) for r in cells]
    return "\n".join(out)


def _clip(value: str, width: int) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"
