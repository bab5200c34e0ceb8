"""Import any table of jobs and links (an HR spreadsheet, a related-occupations table),
and read a table of route requests (:func:`read_pairs`).

Two delimited text files, read as UTF-8 (a byte-order mark is fine), their
delimiter guessed among comma, semicolon and tab unless given:

* the **jobs** table: one row per job, with an id column and a title column;
  optional columns: family, sub-family, education (``Bac+3``, ``3``, ``Bac``),
  aliases (separated by ``;`` or ``|``);
* the **links** table: one row per move, with a source and a target column
  holding job ids; optional columns: the kind of link (default ``related``)
  and a weight or rank.

Column names are matched exactly, spaces and punctuation included (``O*NET-SOC
Code``). Without a jobs table, the jobs are the ids the links name.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "jobs.csv").write_text("id,title\\na,Agent\\nb,Chef\\n", encoding="utf-8")
>>> _ = (folder / "links.csv").write_text("source,target\\na,b\\n", encoding="utf-8")
>>> ref = import_tables(folder / "jobs.csv", folder / "links.csv")
>>> [r.ids for r in ref.job("agent").proximity]
[['b']]
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from carrieres._i18n import N_, _
from carrieres._text import slug, split_lines
from carrieres.exceptions import AmbiguousNameError, ParseError, RequestError, UnknownNameError
from carrieres.files import read_text
from carrieres.models import Alias, DocumentInfo, Item, Job, JobSource, Prerequisites, Reference, Referentiel

__all__ = ["Columns", "PairRow", "csv_records", "import_tables", "read_pairs"]

_EDUCATION = re.compile(r"^\s*(?:bac\s*(?:\+\s*(\d))?|(\d))\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Columns:
    """The column names of the two tables (``None``: the table has no such column)."""

    id: str = "id"
    title: str = "title"
    family: str | None = "family"
    subfamily: str | None = "subfamily"
    education: str | None = "education"
    aliases: str | None = "aliases"
    source: str = "source"
    target: str = "target"
    kind: str | None = "kind"
    weight: str | None = "weight"


def csv_records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV text, each with the line it starts on.

    Quoted cells may hold delimiters, quotes and line breaks; lines end as in
    :func:`carrieres._text.split_lines`.

    Raises
    ------
    RequestError
        The delimiter is not one character, or is a quote or a line break.
    ParseError
        A quoted cell is never closed; the message gives its line.

    Examples
    --------
    >>> [(line, cells) for line, cells in csv_records('a,b\\n"x\\ny",z\\nc,d\\n', ",", "t.csv")]
    [(1, ['a', 'b']), (2, ['x\\ny', 'z']), (4, ['c', 'd'])]
    """
    if len(delimiter) != 1 or delimiter in '"\r\n':
        msg = _("the delimiter must be one character other than a quote or a line break, not {delimiter}")
        msg = msg.format(delimiter=repr(delimiter))
        raise RequestError(msg)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for values in reader:
            yield start, values
            start = reader.line_num + 1
    except csv.Error as err:
        msg = _("not a valid CSV table: {reason}").format(reason=err)
        raise ParseError(msg, source=source, line=start) from None


def _rows(path: Path, delimiter: str | None, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    text = read_text(path, N_("the table"))
    first = next(iter(split_lines(text)), "")
    if not first.strip():
        raise ParseError(_("the table is empty"), source=str(path), line=1)
    chosen = delimiter if delimiter is not None else max(",;\t", key=first.count)
    records = csv_records(text, chosen, str(path))
    header = [name.strip() for name in next(records)[1]]
    missing = [name for name in required if name not in header]
    if missing:
        msg = _("no column {columns}; the header has: {header}").format(
            columns=", ".join(repr(m) for m in missing), header=", ".join(header)
        )
        raise ParseError(msg, source=str(path), line=1)
    rows = []
    for number, values in records:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            msg = _("{count} cells where the header has {expected} (delimiter {delimiter})").format(
                count=len(values), expected=len(header), delimiter=repr(chosen)
            )
            raise ParseError(msg, source=str(path), line=number)
        rows.append((number, dict(zip(header, (v.strip() for v in values), strict=True))))
    return rows


@dataclass(frozen=True)
class PairRow:
    """A row of a table of route requests: its line, its cells, the two jobs it names,
    and the person's education (Bac+N as N) and years worked where the table says."""

    line: int
    cells: dict[str, str]
    start: str
    end: str
    education: int | None = None
    experience: float | None = None


def read_pairs(
    path: str | Path,
    referentiel: Referentiel,
    *,
    columns: tuple[str, str] = ("from", "to"),
    delimiter: str | None = None,
) -> list[PairRow]:
    """The (start, destination) pairs of a table, as job ids of ``referentiel``.

    The table has a header; ``columns`` name the start and destination columns,
    and the other columns (an employee's name, a team) are kept in ``cells``.
    Optional ``education`` (``Bac+3``, ``3``, ``Bac``) and ``experience``
    (years) columns describe each person; an empty cell says nothing.

    Raises
    ------
    ParseError
        The file cannot be read, lacks a column, or a row names no job, an
        ambiguous one or the same job twice, or an education or a number of
        years that cannot be read; the message gives the line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from carrieres import load_referentiel
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "team.csv"
    >>> _ = file.write_text("name,from,to\\nAda,support technique,directeur technique\\n", encoding="utf-8")
    >>> [(row.cells["name"], row.start) for row in read_pairs(file, load_referentiel())]
    [('Ada', 'support-technique')]
    """
    path = Path(path)
    found = []
    for line, row in _rows(path, delimiter, list(columns)):
        ends = []
        for column in columns:
            try:
                ends.append(referentiel.job(row[column]).id)
            except (UnknownNameError, AmbiguousNameError) as err:
                raise ParseError(_in_column(column, str(err)), source=str(path), line=line) from None
        if ends[0] == ends[1]:
            msg = _("{first} and {second} are the same job").format(
                first=repr(row[columns[0]]), second=repr(row[columns[1]])
            )
            raise ParseError(msg, source=str(path), line=line)
        education = _education(row.get("education", ""), path, line, "education")
        experience = _years(row.get("experience", ""), path, line)
        found.append(PairRow(line, row, ends[0], ends[1], education, experience))
    return found


def _in_column(column: str, problem: str) -> str:
    return _("column {column}: {problem}").format(column=repr(column), problem=problem)


def _years(value: str, path: Path, line: int) -> float | None:
    if not value:
        return None
    try:
        years = float(value.replace(",", "."))
    except ValueError:
        years = -1.0
    if not 0 <= years <= 60:
        problem = _("{value} is not a number of years (0 to 60)").format(value=repr(value))
        msg = _in_column("experience", problem)
        raise ParseError(msg, source=str(path), line=line)
    return years


def _optional(row: dict[str, str], column: str | None) -> str:
    return row.get(column, "") if column else ""


def _education(value: str, path: Path, line: int, column: str) -> int | None:
    if not value:
        return None
    found = _EDUCATION.match(value)
    if not found:
        problem = _("{value} is not an education level (Bac, Bac+3 or 3)").format(value=repr(value))
        msg = _in_column(column, problem)
        raise ParseError(msg, source=str(path), line=line)
    return int(found[1] or found[2] or 0)


def import_tables(
    jobs: str | Path | None,
    links: str | Path | None,
    *,
    columns: Columns = Columns(),
    delimiter: str | None = None,
    name: str | None = None,
) -> Referentiel:
    """Read a jobs table and a links table into a référentiel (see the module docstring).

    Raises
    ------
    ParseError
        A file that cannot be read, is not UTF-8, lacks a column, has a row of
        the wrong width, repeats an id, or links an unknown id; the message
        names the file, the line and the column.
    """
    if jobs is None and links is None:
        raise ParseError(_("give a jobs table, a links table or both"))
    found: dict[str, Job] = {}
    files = []
    if jobs is not None:
        path = Path(jobs)
        files.append(path)
        for line, row in _rows(path, delimiter, [columns.id, columns.title]):
            key = slug(row[columns.id])
            if not key:
                raise ParseError(_in_column(columns.id, _("empty id")), source=str(path), line=line)
            if key in found:
                problem = _("{value} appears twice").format(value=repr(row[columns.id]))
                raise ParseError(_in_column(columns.id, problem), source=str(path), line=line)
            aliases = [a.strip() for a in re.split(r"[;|]", _optional(row, columns.aliases)) if a.strip()]
            level = _education(_optional(row, columns.education), path, line, columns.education or "")
            found[key] = Job(
                id=key,
                title=row[columns.title] or row[columns.id],
                code=row[columns.id],
                family=_optional(row, columns.family) or None,
                subfamily=_optional(row, columns.subfamily) or None,
                aliases=[Alias(text=a, line=line) for a in aliases],
                prerequisites=Prerequisites(education_min=level, education_max=level),
                source=JobSource(list_entry=Item(text=row[columns.title] or row[columns.id], line=line)),
            )
    moves: dict[str, list[Reference]] = {}
    if links is not None:
        path = Path(links)
        files.append(path)
        for line, row in _rows(path, delimiter, [columns.source, columns.target]):
            ends = []
            for column in (columns.source, columns.target):
                key = slug(row[column])
                if key not in found:
                    if jobs is not None:
                        problem = _("{value} is no id of the jobs table").format(value=repr(row[column]))
                        msg = _in_column(column, problem)
                        raise ParseError(msg, source=str(path), line=line)
                    found[key] = Job(id=key, title=row[column], code=row[column])
                ends.append(key)
            kind = slug(_optional(row, columns.kind)).replace("-", "_") or "related"
            weight = _optional(row, columns.weight)
            text = f"{kind}" + (f" ({columns.weight} {weight})" if weight else "")
            rank = int(weight) if weight.isdigit() else None
            moves.setdefault(ends[0], []).append(
                Reference(text=text, line=line, ids=[ends[1]], kind=kind, rank=rank)
            )
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()
    return Referentiel(
        name=name or slug(files[0].stem) or "table",
        source="csv",
        document=DocumentInfo(title=", ".join(p.name for p in files), file=files[0].name, sha256=digest),
        jobs=[job.replace(**{"proximity": moves.get(job.id, [])}) for job in found.values()],
    )
