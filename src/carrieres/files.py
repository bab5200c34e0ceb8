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
import importlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from carrieres._text import line_number
from carrieres.exceptions import OutputError, ParseError
from carrieres.models import Referentiel

__all__ = [
    "ALIASES",
    "BUILT_IN",
    "CROSSWALKS",
    "SHIPPED_DATASET",
    "check_new",
    "decode_text",
    "dump_referentiel",
    "load_referentiel",
    "read_bytes",
    "read_text",
    "save_referentiel",
    "shipped_dataset_path",
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

SHIPPED_DATASET = BUILT_IN["metiers-informatique"]
"""File name of the default référentiel."""


def shipped_dataset_path(name: str = "metiers-informatique") -> Path:
    """Where a shipped référentiel is: in the installed package, else in the checkout."""
    return _shipped_file(BUILT_IN[ALIASES.get(name, name)])


def _shipped_file(file: str) -> Path:
    packaged = Path(str(resources.files("carrieres"))) / "data" / file
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / file


def load_referentiel(source: str | Path | None = None) -> Referentiel:
    """Load a référentiel: a built-in one by name (see :data:`BUILT_IN`), or a JSON or YAML file.

    Without ``source``, the shipped 41 IT jobs, with their reviewed crosswalks
    to ROME 4.0 and v3 (:data:`CROSSWALKS`). A YAML file (``.yaml``,
    ``.yml``) follows the same schema as the JSON (``carrieres schema``).

    Raises
    ------
    ParseError
        The file cannot be read or is not a valid référentiel; the message
        names the file and the field path of the first error.
    """
    if source is None or (isinstance(source, str) and (source in BUILT_IN or source in ALIASES)):
        name = ALIASES.get(source or "metiers-informatique", source or "metiers-informatique")
        data = json.loads(read_bytes(shipped_dataset_path(name), "référentiel"))
        files = CROSSWALKS.get(name, ())
        data["crosswalks"] = [json.loads(read_bytes(_shipped_file(f), "crosswalk")) for f in files]
        return Referentiel.from_dict(data)
    path = Path(source)
    data = read_bytes(path, "référentiel")
    from pydantic import ValidationError  # noqa: PLC0415 - only files written elsewhere need it

    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            return Referentiel.validate(_yaml(data, path))
        return Referentiel.validate_json(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        msg = f"not a valid référentiel ({err.error_count()} errors; first at {where}: {first['msg']})"
        raise ParseError(msg, source=str(path)) from None


def read_bytes(path: str | Path, what: str = "file") -> bytes:
    """The bytes of a file, or a :class:`ParseError` naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as err:
        msg = f"cannot read the {what}: {err.strerror}"
        raise ParseError(msg, source=str(path)) from err


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks and the encoding each announces (UTF-32's before UTF-16's, which it begins with)."""


def decode_text(data: bytes, source: str, what: str = "file") -> str:
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
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and max(data[0::2].count(0), data[1::2].count(0)) > len(data) // 4:
        msg = f"UTF-16 text without a byte-order mark; save the {what} as UTF-8 (or UTF-16 with its mark)"
        raise ParseError(msg, source=source, line=1)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        before = data[: err.start].decode(encoding, "replace")
        name = encoding.removesuffix("-sig").upper()
        msg = f"not {name} text (byte {data[err.start]:#04x}); save the {what} as UTF-8"
        line = line_number(before, len(before))
        raise ParseError(msg, source=source, line=line) from None
    if "\x00" in text:
        msg = f"this is a binary file, not a text {what} (NUL byte)"
        raise ParseError(msg, source=source, line=line_number(text, text.index("\x00")))
    return text


def read_text(path: str | Path, what: str = "file") -> str:
    """A text file, or a :class:`ParseError` with the line at fault (see :func:`decode_text`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "latin1.txt"
    >>> _ = bad.write_bytes("ligne\\nMétier".encode("latin-1"))
    >>> read_text(bad, "document")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.ParseError: ...latin1.txt, line 2: not UTF-8 text (byte 0xe9); ...
    """
    return decode_text(read_bytes(path, what), str(path), what)


def _yaml(data: bytes, path: Path) -> object:
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        msg = "reading YAML needs PyYAML (pip install pyyaml)"
        raise ParseError(msg, source=str(path)) from None
    try:
        return yaml.safe_load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        msg = f"not valid YAML: {getattr(err, 'problem', None) or err}"
        raise ParseError(msg, source=str(path), line=line) from None


def dump_referentiel(referentiel: Referentiel) -> str:
    """The référentiel as JSON text: stable key order, UTF-8, one trailing newline."""
    data = referentiel.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def save_referentiel(referentiel: Referentiel, path: str | Path, *, force: bool = False) -> None:
    """Write a référentiel as JSON (see :func:`write_atomic` for ``force``)."""
    write_atomic(path, dump_referentiel(referentiel), force=force)


def check_new(*paths: str | Path, force: bool = False) -> None:
    """Refuse to replace existing files unless ``force``.

    Raises
    ------
    OutputError
        One of the files exists and ``force`` is false.
    """
    existing = [str(path) for path in paths if Path(path).exists()]
    if existing and not force:
        msg = f"{', '.join(existing)} already exists; use `force` to replace it"
        raise OutputError(msg)


def write_atomic(path: str | Path, content: str | bytes, *, force: bool = False) -> None:
    """Write a file all at once, or not at all.

    Parameters
    ----------
    path
        The file to write.
    content
        Text (written as UTF-8) or bytes.
    force
        Replace the file if it exists.

    Raises
    ------
    OutputError
        The file exists and ``force`` is false, or the folder is missing or
        not writable.
    """
    path = Path(path)
    check_new(path, force=force)
    if path.is_dir():
        msg = f"{path} is a folder, not a file"
        raise OutputError(msg)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as err:
        msg = f"cannot write {path}: {err.strerror} ({path.parent})"
        raise OutputError(msg) from err
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as err:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, OSError):
            msg = f"cannot write {path}: {err.strerror}"
            raise OutputError(msg) from err
        raise
