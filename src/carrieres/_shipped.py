"""Where the files shipped with the package are (private): in the installed package, else in the
checkout's ``data/``."""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["shipped_file"]

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def shipped_file(file: str) -> Path:
    """A file shipped with the package: in the installed package's ``data/`` (where the wheel puts
    them, beside this module), else in the checkout's ``data/``.

    Examples
    --------
    >>> shipped_file("trade-names.csv").name
    'trade-names.csv'
    """
    packaged = _PACKAGE / "data" / file
    return packaged if packaged.is_file() else _PACKAGE.parents[1] / "data" / file
