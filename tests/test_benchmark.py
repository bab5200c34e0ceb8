"""The benchmark still runs (its figures are read by people, not asserted here)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from .conftest import ROOT


def bench(*args: str) -> list[str]:
    command = [sys.executable, str(ROOT / "benchmarks" / "bench.py"), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()


def test_benchmark_scaling_runs_on_small_sizes() -> None:
    lines = bench("--only", "scaling", "--sizes", "300,600")
    operations = ["load", "graph build", "1 path", "3 paths", "profile path", "100 paths", "centrality"]
    for operation in (*operations, "clusters", "stats", "graphml export", "peak MiB"):
        assert any(line.startswith(operation) for line in lines), operation
    against = lines[next(i for i, line in enumerate(lines) if line.startswith("Against the engines")) :]
    engines = [name for name in ("igraph", "rustworkx") if importlib.util.find_spec(name)]
    for operation in ("100 paths", "centrality", "clusters", "stats"):
        row = next(line for line in against if line.startswith(operation))
        ratios = re.findall(r"\d+\.\d\d|n/a", row)
        assert len(ratios) == 2
        assert all(r != "n/a" for r in ratios) == bool(engines)


def test_benchmark_command_line_part_runs() -> None:
    rows = {line.split("  ")[0]: line for line in bench("--only", "cli", "--runs", "1")[2:]}
    assert {"jobs", "show", "path", "central", "export graphml", "plot map", "plot path"} <= set(rows)
    assert all(re.search(r"\d+\.\d\d$", row) for row in rows.values())
    assert all(len(re.findall(r"\d+\.\d+", row)) == 4 for row in rows.values())  # first, median, base, ratio


def test_benchmark_times_the_first_name_looked_up() -> None:
    lines = bench("--only", "names", "--runs", "1")
    rows = [line for line in lines if line.startswith(("a trade word", "an ambiguous", "a misspelt"))]
    assert len(rows) == 3
    assert all(len(re.findall(r"\d+\.\d$|\d+\.\d ", row)) == 2 for row in rows)


def test_benchmark_checks_documents_of_many_fiches() -> None:
    lines = bench("--only", "documents", "--fiches", "20,40")
    rows = [line.split() for line in lines if re.match(r"\s*\d", line)]
    assert [row[0] for row in rows] == ["20", "40"]
    assert all(float(row[1]) > 0 for row in rows)


def test_document_generator_gives_fiches_the_parser_reads_whole() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from documents import fiche_document  # noqa: PLC0415
    finally:
        sys.path.pop(0)
    from carrieres import parse_text  # noqa: PLC0415

    report = parse_text(fiche_document(60), source="fiches.txt")
    assert report.errors == []
    jobs = report.referentiel.jobs
    assert len(jobs) == 60
    assert all(job.has_fiche and job.prerequisites.prior_roles for job in jobs)
    assert [u.text for u in report.referentiel.unresolved] == ["Astronaute de réserve"] * 60


def test_benchmark_imports_tables_of_weighted_links() -> None:
    lines = bench("--only", "tables", "--tables", "200,400", "--runs", "1")
    rows = {line.split()[0]: line for line in lines if line[:1].isalpha() and "×" in line}
    assert {"import", "path", "next", "central"} <= set(rows)
    assert all(len(re.findall(r"\d+\.\d×", row)) == 2 for row in rows.values())
