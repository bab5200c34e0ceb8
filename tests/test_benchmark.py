"""The benchmark still runs (its figures are read by people, not asserted here)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_benchmark_runs_on_a_small_size() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--only", "scaling", "--sizes", "300,600"],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = result.stdout.splitlines()
    for operation in ("load", "graph build", "1 path", "3 paths", "profile path", "100 paths", "centrality"):
        assert any(line.startswith(operation) for line in lines), operation
    assert any(line.startswith("peak MiB") for line in lines)
