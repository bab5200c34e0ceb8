"""A cache on disk of what carrieres derives from a référentiel at every run (private).

The name index of ROME 4.0 (45,000 names, each folded, split into words and
indexed by word and by initials) takes half a second to build and a hundredth
of a second to read back: :class:`carrieres.names.Resolver` keeps the index of
a large set of names here, and every later command that looks a name up in the
same names reads it instead of building it. A large référentiel is kept here
job by job (:mod:`carrieres._kept`) and its graphs (:func:`carrieres.build_graph`),
and the route commands keep the costs of its moves (:mod:`carrieres._stored`).

Each value is one file named by a digest of all it was computed from: the
inputs, the package's modules (the size and time of change of each, as Python
tells a ``__pycache__`` file from its source) and the version of Python. A
change to any of them gives another file, never a stale answer; the most recently used files
of a kind are kept, :data:`KEPT` of them and :data:`KEPT_BYTES` in all at most. The folder
is ``CARRIERES_CACHE`` where it is set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/carrieres``, else ``~/.cache/carrieres``. Values are written
in Python's ``marshal`` format, as the interpreter's own ``__pycache__`` files
are, and read only from that folder.
A folder that cannot be written, or a file that cannot be read back, only means
that the value is computed again.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from carrieres import __version__

__all__ = ["KEPT", "KEPT_BYTES", "cache_folder", "digest", "load", "store", "writable"]

KEPT = 16
"""The most files of one kind the cache keeps (the least recently used go first)."""

KEPT_BYTES = 1 << 30
"""The most bytes the files of one kind take in all (1 GiB; the least recently used go first): a
référentiel of 100,000 jobs keeps 130 MB, and 100 MB for each graph of it."""

_PACKAGE = Path(__file__).resolve().parent


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The cache's folder the ``environ`` variables give, or ``None`` where ``CARRIERES_CACHE`` is
    ``off`` (or empty).

    Examples
    --------
    >>> cache_folder({"CARRIERES_CACHE": "off"}) is None
    True
    >>> cache_folder({"CARRIERES_CACHE": "/tmp/carrieres"}), cache_folder({"XDG_CACHE_HOME": "/var/c"})
    (PosixPath('/tmp/carrieres'), PosixPath('/var/c/carrieres'))
    """
    chosen = environ.get("CARRIERES_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in {"", "off", "0", "no", "false"} else Path(chosen)
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "carrieres"


@functools.cache
def _code() -> bytes:
    """What tells the package's source from another: each module's name, size and time of last
    change (as Python tells a ``__pycache__`` file from its source), and the version."""
    code = hashlib.blake2b(__version__.encode(), digest_size=16)
    for module in sorted(_PACKAGE.rglob("*.py")):
        stat = module.stat()
        code.update(f"{module.relative_to(_PACKAGE).as_posix()} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return code.digest()


def digest(kind: str, inputs: bytes) -> str:
    """The name of the value of ``kind`` computed from ``inputs`` by this code on this Python.

    Examples
    --------
    >>> digest("names", b"Technicien") == digest("names", b"Technicien") != digest("names", b"Ingenieur")
    True
    """
    name = hashlib.blake2b(digest_size=20)
    for part in (kind.encode(), sys.version.encode(), str(marshal.version).encode(), _code(), inputs):
        name.update(len(part).to_bytes(8, "little"))
        name.update(part)
    return f"{kind}-{name.hexdigest()}"


def load(name: str) -> Any:
    """The value stored under ``name`` (:func:`digest`), or ``None`` where there is none to read."""
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / f"{name}.marshal"
    try:
        with open(path, "rb") as stream:
            value = marshal.loads(stream.read())
        os.utime(path)  # recently used: kept the longest
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value


def writable(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the cache the ``environ`` variables give is on and its folder can be written (made
    where it is missing).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     writable({"CARRIERES_CACHE": folder}), writable({"CARRIERES_CACHE": "off"})
    (True, False)
    """
    folder = cache_folder(environ)
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def store(name: str, value: Any) -> bool:
    """Keep ``value`` under ``name``, written whole or not at all; whether it was written (nothing
    is said where it cannot be: the value is computed again next time)."""
    folder = cache_folder()
    if folder is None:
        return False
    import tempfile  # noqa: PLC0415 - only when a value is written

    try:
        data = marshal.dumps(value)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, folder / f"{name}.marshal")
        except BaseException:
            os.unlink(temporary)
            raise
        _forget_old(folder, name.split("-", 1)[0])
    except (OSError, ValueError):
        return False
    return True


def _forget_old(folder: Path, kind: str) -> None:
    """Remove the least recently used files of a kind beyond the :data:`KEPT` most recent, and
    beyond :data:`KEPT_BYTES` in all (the most recent file is always kept)."""
    files = []
    for path in folder.glob(f"{kind}-*.marshal"):
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append((stat.st_mtime_ns, path.name, stat.st_size, path))
    total = 0
    for number, (_, _, size, path) in enumerate(sorted(files, reverse=True)):
        total += size
        if number and (number >= KEPT or total > KEPT_BYTES):
            try:
                path.unlink()
            except OSError:
                continue
