"""The commands that print or write data load only what they need (speed: see benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "scipy", "numpy", "matplotlib", "pandas", "igraph", "yaml", "carrieres.prerequisites")
"""Modules a data command must not import: each costs 30 to 400 ms at start-up (the reader of
access sentences compiles 40 ms of patterns: the shipped data carries its readings)."""

RUN_AND_LIST = f"""
import json, sys
from carrieres.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    if exit.code:
        raise
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["jobs"],
        ["show", "ingenieur securite"],
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "-k", "3", "--education", "2"],
        ["next", "Support technique", "--moves", "2"],
        ["central", "--top", "5"],
        ["clusters"],
        ["stats"],
        ["export", "json", "-o", "{tmp}/g.json"],
        ["export", "graphml", "-o", "{tmp}/g.graphml"],
        ["export", "csv", "-o", "{tmp}/g.csv"],
        ["export", "gexf", "-o", "{tmp}/g.gexf"],
        ["export", "dot", "-o", "{tmp}/g.dot"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_data_commands_load_no_heavy_module(args: list[str], tmp_path: Path) -> None:
    command = [sys.executable, "-c", RUN_AND_LIST, *(a.format(tmp=tmp_path) for a in args)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert json.loads(done.stderr.splitlines()[-1]) == []


def test_files_written_elsewhere_are_validated_by_pydantic(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text('{"name": "mine", "jobs": [{"id": "a", "title": "A"}]}', encoding="utf-8")
    command = [sys.executable, "-c", RUN_AND_LIST, "-r", str(mine), "jobs"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "pydantic" in json.loads(done.stderr.splitlines()[-1])
