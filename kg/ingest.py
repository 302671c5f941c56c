"""Read articles from text files, directories and JSON Lines into ``Article`` records.

Every way a file can be unreadable becomes an ``InputError`` naming the file,
raised before anything is written to the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def check_date(value: str | None) -> str | None:
    """Validate a YYYY-MM-DD date (or an ISO 8601 date-time, whose date is kept), or pass None through."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (ValueError, TypeError):
        pass
    try:
        return dt.datetime.fromisoformat(value).date().isoformat()
    except (ValueError, TypeError) as e:
        raise InputError("K007", value=value) from e


def _open_binary(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except FileNotFoundError as e:
        raise InputError("K001", path=path) from e
    except IsADirectoryError as e:
        raise InputError("K006", path=path, reason="is a directory") from e
    except OSError as e:
        raise InputError("K006", path=path, reason=e.strerror or e) from e


def _read_text(path: Path) -> str:
    with _open_binary(path) as fh:
        data = fh.read()
    if b"\0" in data[:8192]:
        raise InputError("K004", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("K003", path=path, reason=f"invalid byte at offset {e.start}") from e
    if not text.strip():
        raise InputError("K002", path=path)
    return text.replace("\r\n", "\n")


def read_text_article(path: Path, *, date: str | None = None) -> Article:
    """One plain-text article; its id is the file name without suffix."""
    return Article(id=path.stem, text=_read_text(path), date=date, source=str(path))


def _iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, decoded line) of a UTF-8 file, one line in memory at a time (issue 8)."""
    with _open_binary(path) as fh:
        try:
            if b"\0" in fh.read(8192):
                raise InputError("K004", path=path)
            fh.seek(0)
            offset = 0
            seen_text = False
            for n, raw in enumerate(fh, 1):
                try:
                    line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as e:
                    reason = f"invalid byte at offset {offset + e.start}"
                    raise InputError("K003", path=path, reason=reason) from e
                offset += len(raw)
                if line.strip():
                    seen_text = True
                    yield n, line
        except OSError as e:
            raise InputError("K006", path=path, reason=e.strerror or e) from e
    if not seen_text:
        raise InputError("K002", path=path)


def read_jsonl(path: Path, *, date: str | None = None) -> Iterator[Article]:
    """Articles from JSON Lines records with ``id``, ``text`` and optional ``date``, ``title``, ``url``.

    Streams: memory stays flat however many records the file holds.
    """
    for n, line in _iter_lines(path):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError("K005", path=path, line=n, reason=f"invalid JSON ({e.msg})") from e
        if (
            not isinstance(rec, dict)
            or not isinstance(rec.get("id"), str | int)
            or not isinstance(rec.get("text"), str)
        ):
            raise InputError("K005", path=path, line=n, reason="missing `id` or `text`")
        if not rec["text"].strip():
            raise InputError("K005", path=path, line=n, reason="empty `text`")
        try:
            rec_date = check_date(rec.get("date")) or date
        except InputError as e:
            raise InputError("K005", path=path, line=n, reason=f"bad `date` {rec.get('date')!r}") from e
        yield Article(
            id=str(rec["id"]),
            text=rec["text"],
            date=rec_date,
            title=rec.get("title"),
            url=rec.get("url"),
            source=f"{path}:{n}",
        )


def expand_paths(paths: list[Path] | tuple[Path, ...]) -> list[Path]:
    """Files named directly, plus the *.txt and *.jsonl files of named directories (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in (".txt", ".jsonl"))
            if not found:
                raise InputError("K008", path=p)
            out.extend(found)
        elif not p.exists():
            raise InputError("K001", path=p)
        else:
            out.append(p)
    return out


def iter_articles(paths: list[Path] | tuple[Path, ...], *, date: str | None = None) -> Iterator[Article]:
    """Every article under ``paths``, in order. Lazy: a large JSON Lines file streams."""
    date = check_date(date)
    for path in expand_paths(paths):
        if path.suffix == ".jsonl":
            yield from read_jsonl(path, date=date)
        else:
            yield read_text_article(path, date=date)


def read_articles(paths: list[Path] | tuple[Path, ...], *, date: str | None = None) -> list[Article]:
    """All articles, read and checked up front so that a bad file changes nothing."""
    return list(iter_articles(paths, date=date))
