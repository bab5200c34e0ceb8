"""Import any table of jobs and links (an HR spreadsheet, a related-occupations table),
and read a table of route requests (:func:`read_pairs`).

Two delimited text files, read as UTF-8 (a byte-order mark is fine) and as CSV
(quoted cells may hold delimiters, quotes and line breaks; lines may end in
CRLF), their delimiter guessed among comma, semicolon and tab unless given:

* the **jobs** table: one row per job, with an id column and a title column;
  optional columns: family, sub-family, education (``Bac+3``, ``3``, ``Bac``,
  or a level of the scale declared), aliases (separated by ``;`` or ``|``, or
  by the separator given);
* the **links** table: one row per move, with a source and a target column
  holding job ids; optional: the kind of link (default ``related``).

Every other column is kept, as an attribute of its job
(:attr:`~carrieres.models.Job.attributes`) or of its link
(:attr:`~carrieres.models.Reference.attributes`), typed by its values: a
column whose every cell is ``true``/``false`` (``yes``/``no``, ``oui``/``non``,
``vrai``/``faux``) holds flags, one whose every cell is a number holds
numbers (integers where all are whole; ``0,69`` reads as 0.69), any other
holds text (a code with a leading zero, ``0110``, stays text). An empty cell
leaves the attribute absent. A number that is not finite (``NaN``, ``inf``)
is refused, with its line: leave the cell empty for a missing value. A
column named like one of carrieres' own attributes (:data:`RESERVED_ATTRIBUTES`),
or a kind it makes itself (``similarity``, ``reverse_proximity``, ``rome``),
is refused too. Whole numbers of the weight column also give the link its rank.

Column names are matched exactly, spaces and punctuation included (``O*NET-SOC
Code``). Without a jobs table, the jobs are the ids the links name.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "jobs.csv").write_text("id,title\\na,Agent\\nb,Chef\\n", encoding="utf-8")
>>> _ = (folder / "links.csv").write_text("source,target,similarity\\na,b,0.69\\n", encoding="utf-8")
>>> ref = import_tables(folder / "jobs.csv", folder / "links.csv")
>>> [(r.ids, r.attributes) for r in ref.job("agent").proximity]
[(['b'], {'similarity': 0.69})]
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from carrieres._i18n import N_, _
from carrieres._records import no_collection
from carrieres._text import FLAG_WORDS, education_level, slug
from carrieres.exceptions import AmbiguousNameError, ParseError, RequestError, UnknownNameError
from carrieres.files import text_lines
from carrieres.models import (
    RESERVED_ATTRIBUTES,
    RESERVED_KINDS,
    Alias,
    AttributeValue,
    DocumentInfo,
    Item,
    Job,
    JobSource,
    LevelScale,
    Prerequisites,
    Reference,
    Referentiel,
)

__all__ = ["Columns", "PairRow", "csv_records", "import_tables", "iter_pairs", "read_pairs"]

_LEVEL = re.compile(r"\s*(?:[^\d]*\s)?(\d)\s*")


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
    alias_separator: str | None = None
    """What separates the aliases of a cell (``None``: ``;`` or ``|``; ``"\\n"``: one per line)."""

    def __post_init__(self) -> None:
        if self.alias_separator == "":
            raise RequestError(_("the alias separator is empty: give the characters between two aliases"))


def csv_records(text: str | Iterable[str], delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV text (or of its lines, each with its end), each with the line it starts on.

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
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1
    try:
        for values in reader:
            yield start, values
            start = reader.line_num + 1
    except csv.Error as err:
        msg = _("not a valid CSV table: {reason}").format(reason=err)
        raise ParseError(msg, source=source, line=start) from None


def _rows(path: Path, delimiter: str | None, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a table as they are read, each with its line: the header is checked at once."""
    lines = text_lines(path, N_("the table"))
    first = next(lines, "")
    if not first.strip():
        raise ParseError(_("the table is empty"), source=str(path), line=1)
    chosen = delimiter if delimiter is not None else max(",;\t", key=first.count)
    records = csv_records(itertools.chain([first], lines), chosen, str(path))
    header = [name.strip() for name in next(records)[1]]
    twice = next((name for name in header if header.count(name) > 1), None)
    if twice is not None:  # a row would keep one of the two cells only
        msg = _("the header names the column {column} twice").format(column=repr(twice))
        raise ParseError(msg, source=str(path), line=1)
    missing = [name for name in required if name not in header]
    if missing:
        msg = _("no column {columns}; the header has: {header}").format(
            columns=", ".join(repr(m) for m in missing), header=", ".join(header)
        )
        raise ParseError(msg, source=str(path), line=1)
    return _cells(records, header, chosen, path)


def _cells(
    records: Iterator[tuple[int, list[str]]], header: list[str], delimiter: str, path: Path
) -> Iterator[tuple[int, dict[str, str]]]:
    for number, values in records:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            msg = _("{count} cells where the header has {expected} (delimiter {delimiter})").format(
                count=len(values), expected=len(header), delimiter=repr(delimiter)
            )
            raise ParseError(msg, source=str(path), line=number)
        yield number, dict(zip(header, (v.strip() for v in values), strict=True))


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
    :func:`iter_pairs` gives them one at a time, for tables of any length.

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
    return list(iter_pairs(path, referentiel, columns=columns, delimiter=delimiter))


def iter_pairs(
    path: str | Path,
    referentiel: Referentiel,
    *,
    columns: tuple[str, str] = ("from", "to"),
    delimiter: str | None = None,
) -> Iterator[PairRow]:
    """The rows of a table of route requests as they are read (see :func:`read_pairs`): the file is
    read a part at a time, so that a table of any length takes the memory of a few rows.

    The header is checked at once; a row at fault raises :class:`ParseError`
    when its turn comes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from carrieres import load_referentiel
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "team.csv"
    >>> _ = file.write_text("from,to,experience\\nDBA,DSI,4\\ndba,dsi,\\n", encoding="utf-8")
    >>> for row in iter_pairs(file, load_referentiel()):
    ...     print(row.line, row.start, row.end, row.experience)
    2 administrateur-de-base-de-donnees directeur-des-systemes-d-information 4.0
    3 administrateur-de-base-de-donnees directeur-des-systemes-d-information None
    """
    path = Path(path)
    rows = _rows(path, delimiter, list(columns))

    def job_id(row: dict[str, str], column: str, line: int) -> str:
        try:
            return referentiel.job(row[column]).id  # each name is read once (Referentiel.read_name)
        except (UnknownNameError, AmbiguousNameError, RequestError) as err:  # RequestError: an empty cell…
            raise ParseError(_in_column(column, str(err)), source=str(path), line=line) from None

    def pairs() -> Iterator[PairRow]:
        for line, row in rows:
            start, end = (job_id(row, column, line) for column in columns)
            if start == end:
                msg = _("{first} and {second} are the same job").format(
                    first=repr(row[columns[0]]), second=repr(row[columns[1]])
                )
                raise ParseError(msg, source=str(path), line=line)
            education = _education(row.get("education", ""), path, line, "education")
            experience = _years(row.get("experience", ""), path, line)
            yield PairRow(line, row, start, end, education, experience)

    return pairs()


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


def _education(value: str, path: Path, line: int, column: str, scale: LevelScale | None = None) -> int | None:
    """A level of the education column: ``Bac+3``, ``3``, ``Bac``, a diploma (``licence``) on the Bac
    scale; on another, its
    number, alone or after words (``2``, ``Job Zone 2``, ``EQF 6``), within the scale."""
    if not value:
        return None
    if scale is None or scale.is_bac:
        level = education_level(value)
        if level is None or not -1 <= level <= 8:
            problem = _("{value} is not an education level (Bac, Bac+3, 3 or a diploma: licence, master…)")
            raise ParseError(
                _in_column(column, problem.format(value=repr(value))), source=str(path), line=line
            )
        return level
    number = _LEVEL.fullmatch(value)
    level = int(number[1]) if number else -1
    if not scale.lowest <= level <= scale.highest:
        problem = _("{value} is not a level of the scale {scale} ({lowest} to {highest})").format(
            value=repr(value), scale=scale.name, lowest=scale.lowest, highest=scale.highest
        )
        raise ParseError(_in_column(column, problem), source=str(path), line=line)
    return level


def import_tables(
    jobs: str | Path | None,
    links: str | Path | None,
    *,
    columns: Columns = Columns(),
    delimiter: str | None = None,
    name: str | None = None,
    scale: LevelScale | None = None,
) -> Referentiel:
    """Read a jobs table and a links table into a référentiel (see the module docstring).

    Parameters
    ----------
    jobs
        The jobs table (``None``: the jobs are the ids the links name).
    links
        The links table (``None``: jobs without links).
    columns
        The names of the columns carrieres reads (:class:`Columns`); every
        other column is kept as an attribute.
    delimiter
        The cell delimiter (default: guessed among comma, semicolon and tab).
    name
        The référentiel's name (default: from the jobs table's file name).
    scale
        The scale of the education column (default: Bac+N); the référentiel
        declares it, and paths, profiles and pictures use it.

    Returns
    -------
    Referentiel
        The jobs, each with its links as references, and the scale.

    Raises
    ------
    ParseError
        A file that cannot be read, is not UTF-8, lacks a column, has a row of
        the wrong width, repeats an id, links an unknown id, holds a number
        that is not finite, or names a column or a kind as carrieres' own; the
        message names the file, the line and the column.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import carrieres
    >>> from carrieres.models import LEVEL_SCALES
    >>> folder = Path(tempfile.mkdtemp())
    >>> jobs = "id,title,job_zone\\nc1,Agent d'accueil,2\\nc2,Téléconseiller,2\\nc3,Technicien support,3\\n"
    >>> links = "source,target,similarity\\nc1,c2,0.82\\nc2,c3,0.61\\nc1,c3,0.35\\n"
    >>> _ = (folder / "jobs.csv").write_text(jobs, encoding="utf-8")
    >>> _ = (folder / "links.csv").write_text(links, encoding="utf-8")
    >>> ref = carrieres.import_tables(folder / "jobs.csv", folder / "links.csv",
    ...                               columns=Columns(education="job_zone"), scale=LEVEL_SCALES["job-zone"])
    >>> ref.scale.label(ref.job("technicien support").prerequisites.education_min)
    'job zone 3'

    The links keep their numbers, which routes can weigh (higher is better):

    >>> G = carrieres.build_graph(ref)
    >>> G.edges["c1", "c2"]["similarity"]
    0.82
    >>> similar = carrieres.CostModel(attributes={"similarity": -2})
    >>> route = carrieres.find_paths(G, "agent d'accueil", "technicien support", costs=similar)
    >>> [step.title for step in route.paths[0].steps]
    ["Agent d'accueil", 'Technicien support']
    >>> _ = (folder / "bad.csv").write_text("source,target\\nc1,c9\\n", encoding="utf-8")
    >>> carrieres.import_tables(folder / "jobs.csv", folder / "bad.csv")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.ParseError: ...bad.csv, line 2: column 'target': 'c9' is no id of the jobs table
    """
    if jobs is None and links is None:
        raise ParseError(_("give a jobs table, a links table or both"))
    with no_collection():
        return _import(jobs, links, columns, delimiter, name, scale)


def _import(
    jobs: str | Path | None,
    links: str | Path | None,
    columns: Columns,
    delimiter: str | None,
    name: str | None,
    scale: LevelScale | None,
) -> Referentiel:
    found: dict[str, Job] = {}
    files = []
    if jobs is not None:
        path = Path(jobs)
        files.append(path)
        required = [columns.id, columns.title]
        own = {
            columns.id,
            columns.title,
            columns.family,
            columns.subfamily,
            columns.education,
            columns.aliases,
        }
        typed = _attributes(_rows(path, delimiter, required), own, path)  # a first reading
        for line, row in _rows(path, delimiter, required):
            extra = typed(line, row)
            key = slug(row[columns.id])
            if not key:
                raise ParseError(_in_column(columns.id, _("empty id")), source=str(path), line=line)
            if key in found:
                problem = _("{value} appears twice").format(value=repr(row[columns.id]))
                raise ParseError(_in_column(columns.id, problem), source=str(path), line=line)
            level = _education(_optional(row, columns.education), path, line, columns.education or "", scale)
            found[key] = Job(
                id=key,
                title=row[columns.title] or row[columns.id],
                code=row[columns.id],
                family=_optional(row, columns.family) or None,
                subfamily=_optional(row, columns.subfamily) or None,
                aliases=[
                    Alias(text=a, line=line) for a in _aliases(_optional(row, columns.aliases), columns)
                ],
                prerequisites=Prerequisites(education_min=level, education_max=level),
                source=JobSource(list_entry=Item(text=row[columns.title] or row[columns.id], line=line)),
                attributes=extra,
            )
    moves: dict[str, list[Reference]] = {}
    slugs: dict[str, str] = {}  # each id is written on many links: made into a key once
    if links is not None:
        path = Path(links)
        files.append(path)
        required = [columns.source, columns.target]
        typed = _attributes(
            _rows(path, delimiter, required), {columns.source, columns.target, columns.kind}, path
        )
        for line, row in _rows(path, delimiter, required):
            extra = typed(line, row)
            ends = []
            for column in (columns.source, columns.target):
                key = slugs.get(row[column]) or slugs.setdefault(row[column], slug(row[column]))
                if key not in found:
                    if jobs is not None:
                        problem = _("{value} is no id of the jobs table").format(value=repr(row[column]))
                        raise ParseError(_in_column(column, problem), source=str(path), line=line)
                    found[key] = Job(id=key, title=row[column], code=row[column])
                ends.append(key)
            kind = _kind(_optional(row, columns.kind), columns, path, line)
            weight = extra.get(columns.weight or "")
            text = kind + (f" ({columns.weight} {row[columns.weight or '']})" if weight is not None else "")
            moves.setdefault(ends[0], []).append(
                Reference(
                    text=text,
                    line=line,
                    ids=[ends[1]],
                    kind=kind,
                    rank=weight if isinstance(weight, int) and not isinstance(weight, bool) else None,
                    attributes=extra,
                )
            )
    digest = hashlib.sha256()
    for file in files:
        with file.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    return Referentiel(
        name=name or slug(files[0].stem) or "table",
        source="csv",
        document=DocumentInfo(
            title=", ".join(p.name for p in files), file=files[0].name, sha256=digest.hexdigest()
        ),
        jobs=[job.replace(**{"proximity": moves.get(job.id, [])}) for job in found.values()],
        scale=None if scale is None or scale.is_bac else scale,
    )


def _aliases(cell: str, columns: Columns) -> list[str]:
    parts = (
        re.split(r"[;|]", cell) if columns.alias_separator is None else cell.split(columns.alias_separator)
    )
    return [part.strip() for part in parts if part.strip()]


@functools.lru_cache(maxsize=1024)
def _kind_name(cell: str) -> str:
    return slug(cell).replace("-", "_") or "related"


def _kind(cell: str, columns: Columns, path: Path, line: int) -> str:
    kind = _kind_name(cell)
    if kind in RESERVED_KINDS:
        problem = _("{value} is a kind of link carrieres makes itself; give your links another kind")
        raise ParseError(
            _in_column(columns.kind or "", problem.format(value=repr(kind))), source=str(path), line=line
        )
    return kind


_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_LEADING_ZERO = re.compile(r"[+-]?0\d")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


def _attributes(
    rows: Iterable[tuple[int, dict[str, str]]], own: set[str | None], path: Path
) -> Callable[[int, dict[str, str]], dict[str, AttributeValue]]:
    """How to read the other columns of a row, each typed as its whole column reads (see the
    module docstring): learnt from a first reading of the rows, which a second one applies."""
    kinds: dict[str, _ColumnKind] | None = None
    for _line, row in rows:
        if kinds is None:
            kinds = {name: _ColumnKind() for name in row if name not in own}
            for name in kinds:
                if name in RESERVED_ATTRIBUTES:
                    problem = _("{value} is the name of one of carrieres' own attributes; rename the column")
                    raise ParseError(
                        _in_column(name, problem.format(value=repr(name))), source=str(path), line=1
                    )
        for name, kind in kinds.items():
            if row[name] != "":
                kind.add(row[name])
    readers = {name: kind.reader() for name, kind in (kinds or {}).items()}

    def typed(line: int, row: dict[str, str]) -> dict[str, AttributeValue]:
        values: dict[str, AttributeValue] = {}
        for name, read in readers.items():
            cell = row[name]
            if cell == "":
                continue
            value = read(cell)
            if isinstance(value, float) and not math.isfinite(value):
                problem = _("{value} is not a finite number; leave the cell empty for a missing value")
                raise ParseError(
                    _in_column(name, problem.format(value=repr(cell))), source=str(path), line=line
                )
            values[name] = value
        return values

    return typed


@dataclass
class _ColumnKind:
    """What every filled cell of a column read so far can be: flags, numbers, whole numbers."""

    cells: int = 0
    flags: bool = True
    numbers: bool = True
    integers: bool = True

    def add(self, cell: str) -> None:
        self.cells += 1
        self.flags = self.flags and cell.lower() in FLAG_WORDS
        if not _NOT_FINITE.fullmatch(cell):  # NaN or infinity is refused later, with its line
            self.numbers = self.numbers and bool(_NUMBER.fullmatch(cell)) and not _LEADING_ZERO.match(cell)
            self.integers = self.integers and bool(_INTEGER.fullmatch(cell))

    def reader(self) -> Callable[[str], AttributeValue]:
        """How to read the cells of the column: as flags, integers, numbers or text."""
        if self.cells and self.flags:
            return lambda cell: FLAG_WORDS[cell.lower()]
        if self.cells and self.numbers:
            if self.integers:
                return lambda cell: float(cell) if _NOT_FINITE.fullmatch(cell) else int(cell)
            return lambda cell: float(cell.replace(",", "."))
        return lambda cell: cell
