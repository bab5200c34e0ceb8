"""The index the shell completion answers from (``src/carrieres/completion.json``).

Run ``python -m tests.completion_index --write`` (``make data`` does) after changing a command's
options or a built-in référentiel; ``tests/test_completion.py`` fails while it is stale.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from carrieres.cli import main
from carrieres.completion import INDEX, command_map, names_of_families, names_of_jobs, names_of_trade_words
from carrieres.files import ALIASES, BUILT_IN, load_referentiel


def completion_index() -> dict[str, Any]:
    """The command line's map and the built-in référentiels' names."""
    referentiels = {}
    for name in BUILT_IN:
        referentiel = load_referentiel(name)
        referentiels[name] = {
            "job": names_of_jobs(referentiel),
            "trade": names_of_trade_words(referentiel),
            "family": names_of_families(referentiel),
        }
    return {
        "commands": command_map(main),
        "aliases": ALIASES,
        "default": next(iter(BUILT_IN)),
        "referentiels": referentiels,
    }


def index_text() -> str:
    """The index as the file holds it: one line per référentiel's list, the same bytes every time."""
    return json.dumps(completion_index(), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        INDEX.write_text(index_text(), encoding="utf-8")
    else:
        sys.stdout.write(index_text())
