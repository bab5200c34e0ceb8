"""Reading and writing référentiels, and writing any output file safely.

The shipped référentiel is a JSON file generated from the source document
(``carrieres parse``), validated when it was built; loading it neither re-reads
the text nor validates it again. Any other file is validated field by field.
Files are written atomically: to a temporary file in the same folder, then
renamed, so that an error or an interruption never leaves half a file.

Examples
--------
>>> ref = load_referentiel()
>>> ref.name, len(ref.jobs)
('metiers-informatique', 41)
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import hashlib
import importlib
import json
import math
import os
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carrieres import _cache, _kept
from carrieres._i18n import N_, _, grouped
from carrieres._records import no_collection
from carrieres._shipped import shipped_file
from carrieres._text import line_number
from carrieres.exceptions import OutputError, ParseError
from carrieres.models import Referentiel

if TYPE_CHECKING:
    from carrieres.models import Job
    from carrieres.skills import CardContent, CardLibrary

__all__ = [
    "ALIASES",
    "BUILT_IN",
    "CARD_FILES",
    "CROSSWALKS",
    "SHIPPED_DATASET",
    "card_content",
    "card_library",
    "card_library_for",
    "check_new",
    "decode_text",
    "dump_card_library",
    "dump_referentiel",
    "load_referentiel",
    "read_bytes",
    "read_text",
    "save_referentiel",
    "shipped_dataset_path",
    "write_all",
    "write_atomic",
]

BUILT_IN = {
    "metiers-informatique": "metiers-informatique.json",
    "rome-v4": "rome-v4.json",
    "rome-v3": "rome-v3.json",
}
"""The référentiels shipped with the package, by name; the first is the default."""

ALIASES = {"rome": "rome-v4"}
"""Other names of built-in référentiels: ``rome`` is the ROME version in use (4.0 since 2024)."""

CROSSWALKS = {"metiers-informatique": ("crosswalk-rome-v4.json", "crosswalk-rome-v3.json")}
"""The reviewed crosswalks shipped with a built-in référentiel (see :mod:`carrieres.crosswalk`)."""

CARD_FILES = {"rome-v4": "rome-v4-cards.json", "metiers-informatique": "metiers-informatique-cards.json"}
"""The shipped content of ROME 4.0 cards (see :mod:`carrieres.skills`): all 1,584 cards
(``rome-v4``), and the cards a built-in référentiel's crosswalk joins its jobs to, so that
loading it reads 40 cards instead of 1,584 (both rebuilt by ``make data``)."""

SHIPPED_DATASET = BUILT_IN["metiers-informatique"]
"""File name of the default référentiel."""


def shipped_dataset_path(name: str = "metiers-informatique") -> Path:
    """Where a shipped référentiel is: in the installed package, else in the checkout."""
    return shipped_file(BUILT_IN[ALIASES.get(name, name)])


@dataclass
class Limits:
    """The limits that keep a hostile or mistaken input from taking unbounded time or memory.

    Change them for one run with ``carrieres --max-input MB`` (the size), or in
    Python: ``carrieres.files.LIMITS.max_bytes = 2**30``.
    """

    max_bytes: int = 256 * 2**20
    """The largest file read: a document, a table, a référentiel (256 MB)."""
    max_yaml_nodes: int = 5_000_000
    """The most values a YAML file may hold once its aliases are expanded."""
    max_depth: int = 100
    """The deepest nesting of lists and mappings in a JSON or YAML file."""


LIMITS = Limits()
"""The limits in force (see :class:`Limits`)."""


def load_referentiel(source: str | Path | None = None, *, fiche_only: bool = False) -> Referentiel:
    """Load a référentiel: a built-in one by name (see :data:`BUILT_IN`), or a JSON or YAML file.

    Without ``source``, the shipped 41 IT jobs, with their reviewed crosswalks
    to ROME 4.0 and v3 (:data:`CROSSWALKS`). A YAML file (``.yaml``,
    ``.yml``) follows the same schema as the JSON (``carrieres schema``).

    A référentiel joined to ROME 4.0 by a crosswalk takes, for each job, the
    access values its own document leaves empty from its card's *Accès au
    métier* (:func:`carrieres.rome_cards.fill_from_cards`), each marked with
    its origin, and its card's skills serve to compare jobs; with
    ``fiche_only``, neither: only what its own document states.

    A référentiel of 2,000 jobs or more is kept in the cache folder
    (``CARRIERES_CACHE``, else ``~/.cache/carrieres``; ``off`` turns it off)
    the first time it is loaded, and read back the next times from the same
    unchanged files, without checking it again: each job is read when it is
    first asked for (100,000 jobs: 0.2 s instead of 4). :func:`carrieres.build_graph`
    keeps its graph too. It equals the référentiel loaded whole.

    Examples
    --------
    >>> dev = load_referentiel().job("Développeur").prerequisites
    >>> dev.education_min, dev.origins
    (2, {'education': 'rome-v4:M1805'})
    >>> load_referentiel(fiche_only=True).job("Développeur").prerequisites.education_min is None
    True

    Raises
    ------
    ParseError
        The file cannot be read or is not a valid référentiel; the message
        names the file and the field path of the first error.
    """
    return stored_referentiel(source, fiche_only=fiche_only, keep_from=_kept.KEEP_FROM)


def stored_referentiel(
    source: str | Path | None = None, *, fiche_only: bool = False, keep_from: int = 0
) -> Referentiel:
    """The référentiel :func:`load_referentiel` gives, read back from the cache where one of
    ``keep_from`` jobs or more was kept from the same files (a
    :class:`~carrieres._kept.StoredReferentiel`, which reads a job when it is asked for), else
    loaded whole and kept there where it has ``keep_from`` jobs or more.

    :func:`load_referentiel` keeps référentiels of :data:`~carrieres._kept.KEEP_FROM` (2,000) jobs or more;
    the route commands of the command line keep every référentiel (``keep_from=0``). Nothing is
    kept or read back where the cache is off or cannot be written.

    Examples
    --------
    >>> stored = stored_referentiel("rome-v4")
    >>> stored.job("DBA").title == load_referentiel("rome-v4").job("DBA").title
    True
    """
    inputs = None if _cache.cache_folder() is None else _inputs(source, fiche_only)  # no file read for naught
    name = None if inputs is None else _cache.digest("referentiel", inputs)
    with no_collection():
        if name is not None:
            restored = _kept.kept_referentiel(name, keep_from=keep_from)
            if restored is not None:
                return restored
        referentiel = _loaded(source, fiche_only)
        if name is not None and len(referentiel) >= keep_from and _cache.writable():
            library = card_library_for(referentiel) if referentiel.cards else None
            _kept.keep_referentiel(name, referentiel, library)
        return referentiel


def _inputs(source: str | Path | None, fiche_only: bool) -> bytes | None:
    """What tells a référentiel's files from others: the name or path asked for, each shipped file
    it may be read from by path, size and time of change (as Python tells its own modules), and the
    file named by its content (a SHA-256 digest: 0.1 s for 157 MB); ``None`` where the file named
    cannot be read or passes :data:`LIMITS` (loading it says why)."""
    shipped = [*BUILT_IN.values(), *(f for files in CROSSWALKS.values() for f in files), *CARD_FILES.values()]
    told = [repr((None if source is None else str(source), fiche_only))]
    try:
        for path in map(shipped_file, shipped):
            stat = path.stat()
            told.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
        if source is not None and not (isinstance(source, str) and (source in BUILT_IN or source in ALIASES)):
            path = Path(source).resolve()
            if path.stat().st_size > LIMITS.max_bytes:
                return None
            with open(path, "rb") as stream:
                told.append(f"{path} {hashlib.file_digest(stream, 'sha256').hexdigest()}")
    except OSError:
        return None
    return "\n".join(told).encode()


def _loaded(source: str | Path | None, fiche_only: bool) -> Referentiel:
    referentiel = _load(source)
    if fiche_only or referentiel.cards or referentiel.crosswalk("rome-v4") is None:
        return referentiel
    from carrieres.rome_cards import fill_from_cards  # noqa: PLC0415 - only référentiels with cards

    filled = fill_from_cards(referentiel, card_library_for(referentiel))
    return filled.replace(cards="rome-v4")


def card_library(name: str = "rome-v4") -> CardLibrary:
    """The shipped content of ROME 4.0 cards (:data:`CARD_FILES`), or a library file a path names.

    Raises
    ------
    ParseError
        The file cannot be read or holds no card library.

    Examples
    --------
    >>> card_library().card("M1805").riasec
    'IC'
    """
    return _card_library(CARD_FILES.get(name, name))


@functools.cache
def _card_library(file: str) -> CardLibrary:
    from carrieres.skills import CardLibrary  # noqa: PLC0415 - only commands that compare skills

    path = shipped_file(file) if file in CARD_FILES.values() else Path(file)
    data = json.loads(read_bytes(path, N_("the card library")))
    if not isinstance(data, dict) or not {"version", "credit", "items", "cards"} <= data.keys():
        raise ParseError(_("not a card library (version, credit, items, cards)"), source=str(path))
    return CardLibrary.from_dict(data)


def card_library_for(referentiel: Referentiel) -> CardLibrary:
    """The card library that holds a référentiel's cards: the subset shipped for a built-in
    référentiel where it holds every card its crosswalk names, else all the cards.

    Examples
    --------
    >>> len(card_library_for(load_referentiel()).cards) < len(card_library().cards)
    True

    A référentiel read back from the cache (:mod:`carrieres._kept`) brings the library it was
    kept with, under ``derived["card_library"]``.
    """
    kept: CardLibrary | None = referentiel.derived.get("card_library")
    if kept is not None:
        return kept
    subset = CARD_FILES.get(referentiel.name)
    if subset is not None and referentiel.name in BUILT_IN and shipped_file(subset).is_file():
        library = card_library(referentiel.name)
        crosswalk = referentiel.crosswalk("rome-v4")
        named = {row.code for row in crosswalk.rows if row.code} if crosswalk is not None else set()
        if named <= library.cards.keys():
            return library
    return card_library()


def card_content(referentiel: Referentiel, job: Job) -> CardContent | None:
    """The content of a job's ROME 4.0 card, where the référentiel uses card content
    (:attr:`~carrieres.models.Referentiel.cards`; not with ``fiche_only``).

    Examples
    --------
    >>> ref = load_referentiel()
    >>> content = card_content(ref, ref.job("Chef de projet"))
    >>> content.code, content.riasec
    ('M1853', 'IC')
    """
    if not referentiel.cards:
        return None
    from carrieres.rome_cards import card_code  # noqa: PLC0415 - only référentiels with cards

    code = card_code(referentiel, job, referentiel.cards)
    return None if code is None else card_library_for(referentiel).card(code)


def _load(source: str | Path | None) -> Referentiel:
    if source is None or (isinstance(source, str) and (source in BUILT_IN or source in ALIASES)):
        name = ALIASES.get(source or "metiers-informatique", source or "metiers-informatique")
        data = json.loads(read_bytes(shipped_dataset_path(name), N_("the référentiel")))
        files = CROSSWALKS.get(name, ())
        data["crosswalks"] = [json.loads(read_bytes(shipped_file(f), N_("the crosswalk"))) for f in files]
        return Referentiel.from_checked(data)
    path = Path(source)
    text = read_text(path, N_("the référentiel"))
    from pydantic import ValidationError  # noqa: PLC0415 - only files written elsewhere need it

    data = _yaml(text, path) if path.suffix.lower() in {".yaml", ".yml"} else parse_json(text, path)
    try:
        return Referentiel.validate(data)
    except ValidationError as err:
        # data the schema accepts nests a few levels only: depth is worth checking only now
        _check_depth(data, path)
        template = N_("not a valid référentiel ({count} errors; first at {where}: {message})")
        raise ParseError(validation_message(err, template), source=str(path)) from None


def read_bytes(path: str | Path, what: str = N_("the file")) -> bytes:
    """The bytes of a file, up to :attr:`Limits.max_bytes`, or a :class:`ParseError` naming it.

    A folder, or a file larger than the limit (``/dev/zero``, a mistaken
    upload), is refused without being read to its end. ``what`` names the file in
    messages: an ``N_``-marked phrase with its article (``N_("the table")``).
    """
    try:
        with open(path, "rb") as stream:
            data = _read_up_to(stream, LIMITS.max_bytes + 1)
    except OSError as err:
        msg = _("cannot read {what}: {reason}").format(what=_(what), reason=os_reason(err))
        raise ParseError(msg, source=str(path)) from err
    if len(data) > LIMITS.max_bytes:
        megabytes = LIMITS.max_bytes / 2**20
        msg = _("{what} is larger than {megabytes} MB; raise the limit with --max-input if it is right")
        msg = msg.format(what=_(what), megabytes=f"{megabytes:g}")
        raise ParseError(msg, source=str(path))
    return data


def _read_up_to(stream: Any, most: int) -> bytes:
    """At most ``most`` bytes of a stream, read a chunk at a time: ``read(most)`` would set aside
    the whole limit at once, gigabytes when it is raised, before reading a small file."""
    chunks = []
    while most > 0:
        chunk = stream.read(min(most, CHUNK_BYTES * 16))
        if not chunk:
            break
        chunks.append(chunk)
        most -= len(chunk)
    return b"".join(chunks)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks and the encoding each announces (UTF-32's before UTF-16's, which it begins with)."""


def decode_text(data: bytes, source: str, what: str = N_("the file")) -> str:
    """Text from bytes: the encoding a byte-order mark announces (UTF-8, UTF-16, UTF-32), else UTF-8.

    Raises
    ------
    ParseError
        The bytes are not text in that encoding, or hold a NUL byte (a binary
        file); the message names the line.

    Examples
    --------
    >>> decode_text("Métier".encode("utf-16"), "f.txt")
    'Métier'
    """
    encoding = _encoding(data, source, what)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise _not_encoded(err, encoding, source, what) from None
    _check_no_nul(text, source, 0)
    return text


def _encoding(head: bytes, source: str, what: str) -> str:
    """The encoding of a text that begins with ``head``; UTF-16 without its mark is refused."""
    encoding = next((name for bom, name in _BOMS if head.startswith(bom)), "utf-8")
    if encoding == "utf-8" and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        msg = _("UTF-16 text without a byte-order mark; save {what} as UTF-8 (or UTF-16 with its mark)")
        msg = msg.format(what=_(what))
        raise ParseError(msg, source=source, line=1)
    return encoding


def _not_encoded(
    err: UnicodeDecodeError, encoding: str, source: str, what: str, before: str = "", lines_before: int = 0
) -> ParseError:
    """The error for bytes that are not text in ``encoding``: ``before`` is the text of the line under
    way before them, after ``lines_before`` whole lines."""
    data = err.object
    text = before + data[: err.start].decode(encoding, "replace")
    name = encoding.removesuffix("-sig").upper()
    msg = _("not {encoding} text (byte {byte}); save {what} as UTF-8").format(
        encoding=name, byte=f"{data[err.start]:#04x}", what=_(what)
    )
    return ParseError(msg, source=source, line=lines_before + line_number(text, len(text)))


def _check_no_nul(text: str, source: str, lines_before: int) -> None:
    if "\x00" in text:
        msg = _("this is a binary file, not text (NUL byte)")
        line = lines_before + line_number(text, text.index("\x00"))
        raise ParseError(msg, source=source, line=line)


def read_text(path: str | Path, what: str = N_("the file")) -> str:
    """A text file, or a :class:`ParseError` with the line at fault (see :func:`decode_text`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "latin1.txt"
    >>> _ = bad.write_bytes("ligne\\nMétier".encode("latin-1"))
    >>> read_text(bad, N_("the document"))
    Traceback (most recent call last):
    ...
    carrieres.exceptions.ParseError: ...latin1.txt, line 2: not UTF-8 text (byte 0xe9); ...
    """
    return decode_text(read_bytes(path, what), str(path), what)


def text_lines(path: str | Path, what: str = N_("the file")) -> Iterator[str]:
    """The lines of a text file as they are read, each with its end, for files of any size.

    Checked as :func:`read_text` checks a whole file (the encoding a byte-order
    mark announces, else UTF-8; no NUL byte), the error naming the line, but
    with no limit on the size: the file is read :data:`CHUNK_BYTES` at a time.
    Lines end as :func:`carrieres._text.split_lines` ends them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "team.csv"
    >>> _ = file.write_bytes("from,to\\r\\nsupport,DSI".encode("utf-16"))
    >>> list(text_lines(file))
    ['from,to\\r\\n', 'support,DSI']
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the with below, once the lines are read
    except OSError as err:
        msg = _("cannot read {what}: {reason}").format(what=_(what), reason=os_reason(err))
        raise ParseError(msg, source=str(path)) from err
    with stream:
        yield from _lines_of(stream, str(path), what)


CHUNK_BYTES = 2**20
"""How much of a file :func:`text_lines` reads at a time."""


def _lines_of(stream: Any, source: str, what: str) -> Iterator[str]:
    try:
        chunk = stream.read(max(CHUNK_BYTES, 4))  # a whole byte-order mark
    except OSError as err:
        msg = _("cannot read {what}: {reason}").format(what=_(what), reason=os_reason(err))
        raise ParseError(msg, source=source) from err
    encoding = _encoding(chunk, source, what)
    decoder = codecs.getincrementaldecoder(encoding)()
    lines, rest = 0, ""  # lines given so far, and the text of the line under way
    while True:
        try:
            text = rest + decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as err:
            raise _not_encoded(err, encoding, source, what, rest, lines) from None
        _check_no_nul(text, source, lines)
        start = 0
        for end in _LINE_ENDS.finditer(text):
            if end.group() == "\r" and end.end() == len(text) and chunk:
                break  # a \r\n may be cut between two chunks
            lines += 1
            yield text[start : end.end()]
            start = end.end()
        rest = text[start:]
        if not chunk:
            if rest:
                yield rest
            return
        chunk = stream.read(CHUNK_BYTES)


_LINE_ENDS = re.compile(r"\r\n|\r|\n")


class _RepeatedKey(Exception):
    """A JSON object holds a key twice."""


def _no_repeated_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):  # rare: find the key given twice, for the message
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return found


def parse_json(text: str, path: str | Path) -> object:
    """JSON as Python data; a key given twice in one object, NaN, infinity or a number too large for
    a float (``1e999``), an integer of thousands of digits, or nesting too deep for the reader is an
    error naming the line (the standard reader keeps the last value and reads NaN and ``1e999``).

    Examples
    --------
    >>> parse_json('{"years": 2.5}', "f.json")
    {'years': 2.5}
    >>> parse_json('{\\n "years": 1e999}', "f.json")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.ParseError: f.json, line 2: 1e999 is not a finite number
    """

    def refuse(constant: str) -> None:
        msg = _("{constant} is not a number JSON allows").format(constant=constant)
        raise ParseError(msg, source=str(path), line=_line_of(text, constant))

    def finite(literal: str) -> float:
        number = float(literal)
        if not math.isfinite(number):
            msg = _("{number} is not a finite number").format(number=literal)
            raise ParseError(msg, source=str(path), line=_line_of(text, literal))
        return number

    try:
        data = json.loads(text, object_pairs_hook=_no_repeated_key, parse_constant=refuse, parse_float=finite)
    except _RepeatedKey as repeated:
        key = str(repeated)
        msg = _("the key {key} appears twice in one object").format(key=repr(key))
        raise ParseError(msg, source=str(path), line=_repeated_key_line(text, key)) from None
    except json.JSONDecodeError as err:
        msg = _("not valid JSON: {reason}").format(reason=err.msg)
        raise ParseError(msg, source=str(path), line=line_number(text, err.pos)) from None
    except RecursionError:
        msg = _too_deep()
        raise ParseError(msg, source=str(path)) from None
    except ParseError:  # from the hooks above
        raise
    except ValueError:  # the only other: an integer longer than Python converts
        digits = sys.get_int_max_str_digits()
        msg = _("a number of more than {count} digits").format(count=grouped(digits))
        found = re.search(rf"\d{{{digits + 1},}}", text)
        raise ParseError(
            msg, source=str(path), line=line_number(text, found.start()) if found else 1
        ) from None
    return data


def validation_message(err: Any, template: str) -> str:
    """What a pydantic ``ValidationError`` says of a file, in one line: ``template``, an
    ``N_``-marked sentence, with how many errors (``{count}``) and where the first is (``{where}``:
    ``jobs.0.title``, ``3.code`` for the fourth row of a list) and what it is (``{message}``)."""
    first = err.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return _(template).format(count=err.error_count(), where=where or "-", message=first["msg"])


def _line_of(text: str, word: str) -> int:
    found = re.search(rf"(?<![\w\"]){re.escape(word)}(?![\w\"])", text)
    return line_number(text, found.start()) if found else 1


def _repeated_key_line(text: str, key: str) -> int:
    """The line where a key appears a second time in the same object (a small JSON scanner)."""
    objects: list[set[str] | None] = []
    position = 0
    string = re.compile(r'"(?:[^"\\]|\\.)*"')
    while position < len(text):
        char = text[position]
        if char == '"':
            match = string.match(text, position)
            end = match.end() if match else len(text)
            after = text[end:].lstrip()
            if after.startswith(":") and objects and objects[-1] is not None:
                name = json.loads(text[position:end])
                if name == key and name in objects[-1]:
                    return line_number(text, position)
                objects[-1].add(name)
            position = end
            continue
        if char == "{":
            objects.append(set())
        elif char == "[":
            objects.append(None)
        elif char in "}]" and objects:
            objects.pop()
        position += 1
    return 1


def _check_depth(data: object, path: Path) -> None:
    """Refuse data nested deeper than :attr:`Limits.max_depth` (it would exhaust the stack later)."""
    level = [data] if isinstance(data, dict | list) else []
    for _level in range(LIMITS.max_depth + 1):
        if not level:
            return
        level = [  # the containers of the next level (scalars end there)
            child
            for item in level
            for child in (item.values() if type(item) is dict else item)
            if type(child) is dict or type(child) is list
        ]
    msg = _too_deep()
    raise ParseError(msg, source=str(path))


def _yaml(text: str, path: Path) -> object:
    """YAML as Python data, safely: no repeated key, no alias bomb, no nesting beyond the limits."""
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        msg = _("reading YAML needs PyYAML (pip install pyyaml)")
        raise ParseError(msg, source=str(path)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return None
        _check_yaml_node(node, path, text)
        loader = yaml.SafeLoader("")
        return loader.construct_document(node)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = line_number(text, mark.index) if mark is not None else None
        msg = _("not valid YAML: {reason}").format(reason=getattr(err, "problem", None) or err)
        raise ParseError(msg, source=str(path), line=line) from None
    except RecursionError:
        msg = _too_deep()
        raise ParseError(msg, source=str(path)) from None


def _check_yaml_node(root: Any, path: Path, text: str) -> None:
    """Refuse repeated keys, and documents whose aliases expand beyond :attr:`Limits.max_yaml_nodes`
    values or nest beyond :attr:`Limits.max_depth` levels, before anything is built from them."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:  # each distinct node once, after its children: an alias counts as what it names
        node, done = stack.pop()
        key = id(node)
        if key in size:
            continue
        children = _yaml_children(node)
        if not done:
            _check_keys(node, path, text)
            stack.append((node, True))
            stack += [(child, False) for child in children if id(child) not in size]
            continue
        size[key] = 1 + sum(size[id(child)] for child in children)
        depth[key] = 1 + max((depth[id(child)] for child in children), default=0)
        line = line_number(text, node.start_mark.index)  # PyYAML also breaks lines at U+2028
        if size[key] > LIMITS.max_yaml_nodes:
            msg = _("its aliases expand to more than {count} values (an alias bomb?)")
            msg = msg.format(count=f"{LIMITS.max_yaml_nodes:,}")
            raise ParseError(msg, source=str(path), line=line)
        if depth[key] > LIMITS.max_depth:
            msg = _too_deep()
            raise ParseError(msg, source=str(path), line=line)


def _check_keys(node: Any, path: Path, text: str) -> None:
    if not node.tag.endswith(":map"):
        return
    keys: set[str] = set()
    for key, _value in node.value:
        if isinstance(key.value, str) and key.value in keys:
            msg = _("the key {key} appears twice in one mapping").format(key=repr(key.value))
            raise ParseError(msg, source=str(path), line=line_number(text, key.start_mark.index))
        if isinstance(key.value, str):
            keys.add(key.value)


def _yaml_children(node: Any) -> list[Any]:
    if isinstance(node.value, list):
        return [item for entry in node.value for item in (entry if isinstance(entry, tuple) else (entry,))]
    return []


def dump_referentiel(referentiel: Referentiel) -> str:
    """The référentiel as JSON text: stable key order, UTF-8, one trailing newline.

    Each top-level field has a line, and each element of a list (a job, a family, a
    crosswalk) a line of its own: a change to one job is a change to one line, and the
    text is written by the standard library's C encoder (an indented one is pure Python,
    ten times slower on 100,000 links).
    """

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    fields = []
    for key, value in referentiel.to_dict().items():
        text = compact(value)
        if isinstance(value, list) and value:
            text = "[\n" + ",\n".join("  " + compact(item) for item in value) + "\n ]"
        fields.append(f" {compact(key)}: {text}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def dump_card_library(library: CardLibrary) -> str:
    """A card library as JSON text: stable key order, an item or a card a line (see
    :func:`dump_referentiel`)."""

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)

    def block(mapping: Mapping[str, object]) -> str:
        return "{\n" + ",\n".join(f"  {compact(k)}: {compact(mapping[k])}" for k in sorted(mapping)) + "\n }"

    fields = [f' "cards": {block(library.cards)}']
    if library.counts:
        fields += [f' "counted": {library.counted}', f' "counts": {block(library.counts)}']
    fields += [f' "credit": {compact(library.credit)}', f' "items": {block(library.items)}']
    return "{\n" + ",\n".join([*fields, f' "version": {compact(library.version)}']) + "\n}\n"


def save_referentiel(referentiel: Referentiel, path: str | Path, *, force: bool = False) -> None:
    """Write a référentiel as JSON, which :func:`load_referentiel` reads back.

    The file is written atomically: it appears whole or not at all.

    Parameters
    ----------
    referentiel
        What to write.
    path
        The JSON file.
    force
        Replace the file if it exists (a regular file only; see
        :func:`write_atomic`).

    Raises
    ------
    OutputError
        The file exists and ``force`` is not given, or it is a folder, a
        device or a pipe, or it cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> path = Path(tempfile.mkdtemp()) / "mine.json"
    >>> carrieres.save_referentiel(ref, path)
    >>> again = carrieres.load_referentiel(path)
    >>> len(again.jobs), again.job("RSSI").title
    (41, 'Ingénieur sécurité')
    >>> carrieres.save_referentiel(ref, path, force=True)
    """
    write_atomic(path, dump_referentiel(referentiel), force=force)


def check_new(*paths: str | Path, force: bool = False) -> None:
    """Refuse to write where a file should not be written.

    Raises
    ------
    OutputError
        One of the paths exists and ``force`` is false, or is not a regular
        file (a folder, a device such as ``/dev/null``, a named pipe), which
        nothing replaces, ``force`` or not.
    """
    for path in map(Path, paths):
        if path.exists() and not path.is_file():
            msg = _("{path} is not a regular file (a folder, a device or a pipe): choose another output")
            msg = msg.format(path=path)
            raise OutputError(msg)
    existing = [str(path) for path in paths if Path(path).exists()]
    if existing and not force:
        msg = _("{path} already exists; use `force` to replace it").format(path=", ".join(existing))
        raise OutputError(msg)


def write_atomic(path: str | Path, content: str | bytes, *, force: bool = False) -> None:
    """Write a file all at once, or not at all (:func:`write_all` for one file)."""
    write_all({path: content}, force=force)


def write_all(files: Mapping[str | Path, str | bytes], *, force: bool = False) -> None:
    """Write several files all at once, or none of them.

    Each file is written to a temporary file in its folder, then moved into
    place. A new file is linked into place, which fails if another writer
    created it meanwhile; with ``force``, an existing regular file is replaced.
    If a file cannot be moved into place, those already moved are put back as
    they were. An interruption (Ctrl-C, SIGTERM) leaves no temporary file.

    Parameters
    ----------
    files
        Each path and its content: text (written as UTF-8) or bytes.
    force
        Replace the files that exist.

    Raises
    ------
    OutputError
        A file exists and ``force`` is false, is not a regular file, or a
        folder is missing or not writable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_all({folder / "a.txt": "A", folder / "b.txt": b"B"})
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt', 'b.txt']
    """
    targets = {Path(path): content for path, content in files.items()}
    check_new(*targets, force=force)
    temporaries: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    done: list[Path] = []
    current = next(iter(targets), Path("."))
    with _terminate_as_interrupt():
        try:
            for current, content in targets.items():
                temporaries[current] = _temporary(current, content)
            for current, temporary in temporaries.items():
                if force and current.exists():
                    if len(targets) > 1:
                        backups[current] = _temporary(current, current.read_bytes())
                    os.replace(temporary, current)
                else:
                    _link_new(temporary, current)
                done.append(current)
        except BaseException as err:
            for path in done:  # put back what was there
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    path.unlink(missing_ok=True)
            if isinstance(err, OSError):
                raise _cannot_write(err, current) from err
            raise
        finally:
            for leftover in [*temporaries.values(), *backups.values()]:
                Path(leftover).unlink(missing_ok=True)


def _temporary(path: Path, content: str | bytes) -> str:
    """A temporary file beside ``path`` holding ``content``."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as err:
        raise _cannot_write(err, path, f" ({path.parent})") from err
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _link_new(temporary: str, path: Path) -> None:
    """Move a temporary file to a path that must not exist: atomic, unlike a check then a rename."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        msg = _("{path} already exists (written meanwhile by someone else); use `force` to replace it")
        msg = msg.format(path=path)
        raise OutputError(msg) from None
    except OSError:  # a file system without hard links: fall back to a rename
        if path.exists():
            raise
        os.replace(temporary, path)
    else:
        os.unlink(temporary)


def _cannot_write(err: OSError, path: Path, where: str = "") -> OutputError:
    if isinstance(err, OutputError):
        return err
    return OutputError(_("cannot write {path}: {reason}").format(path=path, reason=os_reason(err)) + where)


def _too_deep() -> str:
    return _("nested too deep (more than {count} levels)").format(count=LIMITS.max_depth)


_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
}


def os_reason(err: OSError) -> str:
    """Why the system refused, in the language chosen (the system's own words for rarer reasons).

    Examples
    --------
    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'No such file or directory'
    """
    reason = _OS_REASONS.get(err.errno or 0)
    return _(reason) if reason else str(err.strerror or err)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While writing, SIGTERM interrupts like Ctrl-C, so that the clean-up runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
