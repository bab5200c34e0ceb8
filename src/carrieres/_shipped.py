"""Where the files shipped with the package are (private): in the installed package, else in the
checkout's ``data/``."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

__all__ = ["shipped_file"]


@functools.cache
def shipped_file(file: str) -> Path:
    """A file shipped with the package: in the installed package, else in the checkout's ``data/``
    (looked up once a process: the package's lookup costs about a millisecond)."""
    packaged = Path(str(resources.files("carrieres"))) / "data" / file
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / file
