"""The benchmark carrieres keeps: command-line latency as ratios, and how cost grows with size.

Run ``python benchmarks/bench.py`` (``make bench``). Three parts (and the tables):

1. **Command line.** Each command runs on the shipped référentiel, alternating
   with its baseline in the same run: ``python -c "import networkx, pydantic,
   click"`` for the commands that print, and a bare script that imports
   networkx and matplotlib and saves a 41-node drawing for the pictures. The
   ratio is the median of the paired ratios (command ÷ baseline).
2. **Documents.** ``carrieres check`` on generated documents of 500, 2,000 and
   5,000 fiches (``benchmarks/documents.py``), one process each: the time per
   1,000 fiches should stay about the same.
   **Tables.** A table of 1,000 and of 10,000 jobs with 15 weighted links each
   (``benchmarks/tables.py``): ``import csv``, then ``path``, ``next`` and
   ``central`` on the référentiel it wrote, as ratios to the first baseline.
   **Names** (``--only names``). The first name a command looks up once
   ROME 4.0 is loaded (a trade word, an ambiguous word, a misspelt name), in
   milliseconds, each in a fresh process as the command line does it: with
   the name index built (the cache off) and read back from the cache.
   **Completion.** The shell's completion of a job or family name on the
   built-in référentiels (``_CARRIERES_COMPLETE=bash_complete``), in
   milliseconds and as a ratio to ``python -c "import click"``: under 100 ms.
   **Pages** (``--only pages``). The browser map of the 41 jobs and of ROME
   4.0 (``export html``): each page's megabytes and the seconds until it is
   ready in headless Chromium, and ROME's as a ratio to the 41 jobs'.
3. **Scaling.** Synthetic référentiels of 1,000, 10,000 and 100,000 jobs
   (about 5 links per job, one job in 20 with required prior roles, education
   and experience drawn with a fixed seed), each measured in a fresh process:
   load and graph build (the first ones keep the référentiel and its graph in
   a cache folder of the run's own; "again" are a second process's, which read
   them back), one constrained path, k = 3 paths, a personal-profile
   path, a batch of 100 constrained paths from one job (``find_routes``),
   centrality, clusters, stats, GraphML export and peak memory; then the same
   paths, centrality, clusters and stats computed by igraph and rustworkx on the same graph
   (``engines.py``), and carrieres' time as a ratio to the fastest of them.
   An operation predicted to pass ``--budget`` seconds at a size (grown as it
   grew between the two sizes before, else as size^1.5) is skipped and printed
   as such (the analyses are not, where they switch to igraph). The garbage
   collector is paused while an operation is timed, as ``timeit`` does: at
   100,000 jobs a full collection takes about 3 s and lands on whichever
   operation happens to trigger it.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PYTHON = sys.executable
BASE = [PYTHON, "-c", "import networkx, pydantic, click"]
PICTURE_BASE = """
import sys, networkx as nx, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
G = nx.gnp_random_graph(41, 0.1, seed=1, directed=True)
nx.draw_networkx(G, pos=nx.spring_layout(G, seed=1))
plt.savefig(sys.argv[1], dpi=150)
"""
COMMANDS = [
    ("jobs", ["jobs"]),
    ("show", ["show", "ingenieur securite"]),
    ("path", ["path", "Technicien de maintenance", "Ingénieur sécurité"]),
    (
        "path -k 3 profile",
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "-k", "3", "--education", "2"],
    ),
    (
        "path, fiches only",
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "--edges", "proximity,prerequisite"],
    ),
    ("path through ROME moves", ["path", "Développeur", "Chef de projet", "-k", "3"]),
    ("path, fiche only", ["--fiche-only", "path", "Technicien de maintenance", "Ingénieur sécurité"]),
    ("show with its card", ["show", "Développeur"]),
    ("rome-v4 path", ["-r", "rome-v4", "path", "M1805", "M1853"]),
    ("rome-v4 show", ["-r", "rome-v4", "show", "M1805"]),
    ("show, a trade word", ["show", "admin sys"]),
    ("rome-v4 show, by its name", ["-r", "rome-v4", "show", "DBA"]),
    ("rome-v4 show, jargon", ["-r", "rome-v4", "show", "ingénieure cybersécurité"]),
    ("rome-v4 next, 2 moves", ["-r", "rome-v4", "next", "M1805", "--moves", "2"]),
    ("crosswalk rome-v4", ["crosswalk", "rome-v4"]),
    ("next", ["next", "Support technique", "--moves", "2"]),
    ("central", ["central", "--top", "5"]),
    ("clusters", ["clusters"]),
    ("stats", ["stats"]),
    ("export graphml", ["export", "graphml", "-o", "{tmp}/g.graphml", "--force"]),
    ("export json", ["export", "json", "-o", "{tmp}/g.json", "--force"]),
    ("export gexf", ["export", "gexf", "-o", "{tmp}/g.gexf", "--force"]),
    ("export csv", ["export", "csv", "-o", "{tmp}/g.csv", "--force"]),
    ("export dot", ["export", "dot", "-o", "{tmp}/g.dot", "--force"]),
]
PICTURES = [
    ("plot map", ["plot", "map", "-o", "{tmp}/map.png", "--force"]),
    (
        "plot path",
        [
            "plot",
            "path",
            "--from",
            "Technicien de maintenance",
            "--to",
            "Ingénieur sécurité",
            "-o",
            "{tmp}/path.png",
            "--force",
        ],
    ),
]


NAME_LOOKUP = """
import gc, sys, time
from carrieres import load_referentiel
from carrieres.exceptions import CarrieresError
referentiel = load_referentiel("rome-v4")
gc.freeze()  # as the command line does once the référentiel is loaded
start = time.perf_counter()
try:
    referentiel.read_name(sys.argv[1])
except CarrieresError:
    pass  # an ambiguous or unknown name: the error and its suggestions are the answer
print(time.perf_counter() - start)
"""
NAMES = [("a trade word", "DBA"), ("an ambiguous word", "developpeur"), ("a misspelt name", "tecnicien reso")]


COMPLETIONS = [
    ("path FROM", "carrieres path tech", 2),
    ("show, ROME 4.0", "carrieres -r rome show data", 4),
    ("next --avoid, ROME v3", "carrieres -r rome-v3 next a --avoid boul", 6),
    ("jobs --family, ROME 4.0", "carrieres -r rome jobs --family ", 5),
]


def _seconds(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def completion(runs: int) -> None:
    """The shell completion of names: milliseconds, and ratios to importing click alone."""
    import os  # noqa: PLC0415

    _compile_package()
    base = [PYTHON, "-c", "import click"]
    print(f"\nCompletion of names ({runs} paired runs, medians)")
    print(f"{'completing':<26}{'median ms':>10}{'base ms':>10}{'ratio':>8}")
    for label, words, cword in COMPLETIONS:
        env = {
            **os.environ,
            "_CARRIERES_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
        }
        command = [PYTHON, "-m", "carrieres"]
        _seconds(command, env)
        pairs = [(_seconds(command, env), _seconds(base)) for _ in range(runs)]
        ratio = statistics.median(c / b for c, b in pairs)
        mine = statistics.median(c for c, _ in pairs) * 1000
        theirs = statistics.median(b for _, b in pairs) * 1000
        print(f"{label:<26}{mine:>10.1f}{theirs:>10.1f}{ratio:>8.2f}")


def names(runs: int) -> None:
    """The first name looked up after loading ROME 4.0, in milliseconds (medians of ``runs``
    fresh processes): the name index built, and read back from the cache."""
    import os  # noqa: PLC0415

    _compile_package()
    print(f"\nFirst name looked up in ROME 4.0, after loading ({runs} processes, median ms)")
    print(f"{'name':<34}{'index built':>12}{'cache':>8}")
    with tempfile.TemporaryDirectory() as folder:
        built = {**os.environ, "CARRIERES_CACHE": "off"}
        kept = {**os.environ, "CARRIERES_CACHE": folder}
        for label, name in NAMES:
            command = [PYTHON, "-c", NAME_LOOKUP, name]
            subprocess.run(command, check=True, capture_output=True, env=kept)  # writes the cache
            figures = []
            for env in (built, kept):
                outputs = [
                    subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
                    for _ in range(runs)
                ]
                figures.append(statistics.median(float(out) for out in outputs) * 1000)
            print(f"{label + ' (' + name + ')':<34}{figures[0]:>12.1f}{figures[1]:>8.1f}")


def _compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does: an editable checkout
    run with PYTHONDONTWRITEBYTECODE would otherwise compile every module at each start."""
    import carrieres  # noqa: PLC0415

    compileall.compile_dir(Path(carrieres.__file__).parent, quiet=1)


def cli_ratios(runs: int) -> None:
    """Median paired ratios of each command against its baseline, with a cache folder of the run's
    own: the first run of each command fills it (its time is printed, ``first s``), the paired
    runs read it back, as every later command of a user does."""
    import os  # noqa: PLC0415

    _compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CARRIERES_CACHE": f"{tmp}/cache"}
        picture_base = [PYTHON, "-c", PICTURE_BASE, f"{tmp}/base.png"]
        print(f"Command line ({runs} paired runs, medians; the cache filled by each command's first run)")
        print(f"{'command':<26}{'first s':>9}{'median s':>10}{'base s':>10}{'ratio':>8}")
        for group, base in ((COMMANDS, BASE), (PICTURES, picture_base)):
            for label, args in group:
                command = [PYTHON, "-m", "carrieres", *(a.format(tmp=tmp) for a in args)]
                first = _seconds(command, env)
                pairs = [(_seconds(command, env), _seconds(base)) for _ in range(runs)]
                ratio = statistics.median(c / b for c, b in pairs)
                mine = statistics.median(c for c, _ in pairs)
                theirs = statistics.median(b for _, b in pairs)
                print(f"{label:<26}{first:>9.3f}{mine:>10.3f}{theirs:>10.3f}{ratio:>8.2f}")


def synthetic(size: int, seed: int = 7) -> object:
    """A référentiel of ``size`` jobs with about five links each."""
    from carrieres.models import Job, Prerequisites, Reference, Referentiel  # noqa: PLC0415

    rng = random.Random(seed)
    ids = [f"job-{i}" for i in range(size)]
    families = [f"F{i}" for i in range(10)]
    jobs = []
    for i, job_id in enumerate(ids):
        targets = sorted({rng.randrange(size) for _ in range(5)} - {i})
        level = rng.choice([None, 0, 2, 3, 5])
        years = rng.choice([None, 0, 2, 3, 5])
        prior: list[Reference] = []
        if i % 20 == 0:
            prior = [
                Reference(text=ids[p], line=1, ids=[ids[p]])
                for p in sorted({rng.randrange(size) for _ in range(2)} - {i})
            ]
        jobs.append(
            Job(
                id=job_id,
                title=f"Métier {i}",
                family=families[i % 10],
                has_fiche=False,
                prerequisites=Prerequisites(
                    education_min=level,
                    education_max=level,
                    experience_min_years=years,
                    beginner_ok=None,
                    prior_roles=[r.ids[0] for r in prior],
                    prior_role_references=prior,
                ),
                proximity=[Reference(text=ids[t], line=1, ids=[ids[t]]) for t in targets],
            )
        )
    return Referentiel(name=f"synthetic-{size}", jobs=jobs)


def one_size(size: int, skip: set[str], folder: Path) -> dict[str, object]:
    """Measure every operation on one size (in this process), on a référentiel written to
    ``folder``: the first load and build keep it in the cache (``CARRIERES_CACHE``)."""
    import engines  # noqa: PLC0415 - beside this script

    engines.import_all()

    from carrieres import Profile, build_graph, find_paths, find_routes  # noqa: PLC0415
    from carrieres.analysis import centrality, clusters, map_stats  # noqa: PLC0415
    from carrieres.export import export_graph  # noqa: PLC0415
    from carrieres.files import dump_referentiel, load_referentiel  # noqa: PLC0415

    results: dict[str, object] = {}
    timed = _timer(results, skip)
    path = folder / "ref.json"
    path.write_text(dump_referentiel(synthetic(size)), encoding="utf-8")
    ref = timed("load", lambda: load_referentiel(path))
    G = timed("graph build", lambda: build_graph(ref))
    start, end = _endpoints(G)
    timed("1 path", lambda: find_paths(G, start, end))
    timed("3 paths", lambda: find_paths(G, start, end, k=3))
    timed("profile path", lambda: find_paths(G, start, end, profile=Profile(education=2, experience=1)))
    batch = _targets(G, start, 100)
    timed("100 paths", lambda: find_routes(G, [(start, target) for target in batch]))
    timed("centrality", lambda: centrality(G))
    timed("clusters", lambda: clusters(G, seed=1))
    timed("stats", lambda: map_stats(G))
    timed("graphml export", lambda: export_graph(G, "graphml", folder / "g.graphml"))
    for engine, work in engines.baselines(G, start, batch).items():
        if engine.rsplit(" ", 1)[0] in skip:
            results[engine] = None
        else:
            timed(engine, work)
    results["peak MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def again(folder: Path) -> dict[str, object]:
    """Load and build the référentiel :func:`one_size` wrote again, in this fresh process: both
    read back from the cache the first ones filled."""
    from carrieres import build_graph  # noqa: PLC0415
    from carrieres.files import load_referentiel  # noqa: PLC0415

    results: dict[str, object] = {}
    timed = _timer(results, set())
    ref = timed("load again", lambda: load_referentiel(folder / "ref.json"))
    timed("graph build again", lambda: build_graph(ref))
    results["peak again MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def _timer(results: dict[str, object], skip: set[str]) -> Callable[[str, Callable[[], object]], object]:
    """A function that times an operation (unless skipped) into ``results``, with the garbage
    collector paused as timeit does: a full collection lands on whichever operation triggers it."""

    def timed(name: str, action: Callable[[], object]) -> object:
        if name in skip:
            results[name] = None
            return None
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            value = action()
            results[name] = time.perf_counter() - start
        finally:
            gc.enable()
        return value

    return timed


def _targets(G: object, start: str, count: int) -> list[str]:
    """``count`` jobs reachable from ``start`` under the rules, spread over distances."""
    import networkx as nx  # noqa: PLC0415

    from carrieres.graph import moves_view  # noqa: PLC0415

    distances = nx.single_source_shortest_path_length(moves_view(G), start)  # type: ignore[arg-type]
    reachable = sorted(node for node in distances if node != start)
    return random.Random(1).sample(reachable, min(count, len(reachable)))


def _endpoints(G: object) -> tuple[str, str]:
    """A start and an end five moves apart or more, reachable under the rules."""
    import networkx as nx  # noqa: PLC0415

    from carrieres.graph import moves_view  # noqa: PLC0415

    moves = moves_view(G)  # type: ignore[arg-type]
    start = "job-1"
    distances = nx.single_source_shortest_path_length(moves, start)
    far = [node for node, d in sorted(distances.items()) if d >= 5] or sorted(distances)
    return start, far[0]


_NEEDED = {"load", "graph build"}
"""Operations every other one needs: never skipped."""

_ON_ENGINE = {"centrality", "clusters", "stats"}
"""Operations that switch to igraph above its threshold: their time at a smaller
size, on networkx, says nothing of the larger one."""


def _skipped(measured: list[tuple[int, dict[str, object]]], size: int, budget: float) -> set[str]:
    """Operations predicted to pass the budget at ``size``, from their times at the smaller sizes:
    grown as they grew between the last two sizes, else as size^1.5."""
    from carrieres._engine import ENGINE_THRESHOLD, available  # noqa: PLC0415

    fast = _ON_ENGINE if size >= ENGINE_THRESHOLD and available() else set()
    last_size, last = measured[-1]
    before = measured[-2] if len(measured) > 1 else None

    def predicted(name: str, value: float) -> float:
        earlier = before[1].get(name) if before else None
        if before and isinstance(earlier, float) and earlier > 0:
            return value * (value / earlier) ** (math.log(size / last_size) / math.log(last_size / before[0]))
        return value * (size / last_size) ** 1.5

    return {
        name
        for name, value in last.items()
        if name not in fast
        and not name.startswith("peak")
        and not name.endswith(" again")
        and " " + name.rsplit(" ", 1)[-1] not in {" igraph", " rustworkx"}
        and (value is None or (isinstance(value, float) and predicted(name, value) > budget))
    } - _NEEDED


def scaling(sizes: list[int], budget: float) -> None:
    """The scaling table: each size in a fresh process."""
    rows: dict[int, dict[str, object]] = {}
    skip: set[str] = set()
    for index, size in enumerate(sizes):
        if index:
            skip = _skipped([(s, rows[s]) for s in sizes[:index]], size, budget)
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "CARRIERES_CACHE": str(Path(folder) / "cache")}
            rows[size] = {}
            for step in (["--one", str(size), "--skip", ",".join(sorted(skip))], ["--again"]):
                done = subprocess.run(
                    [PYTHON, __file__, *step, "--folder", folder],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                )
                rows[size].update(json.loads(done.stdout))
        print(f"measured {size:,} jobs: {json.dumps(rows[size])}", file=sys.stderr)
    names = list(dict.fromkeys(name for size in sizes for name in rows[size]))
    print(f"\nScaling (seconds; × = growth from the previous size; skipped: predicted past {budget:g} s)")
    print(f"{'operation':<22}" + "".join(f"{size:>16,}" for size in sizes))
    for name in names:
        cells = []
        previous = None
        for size in sizes:
            value = rows[size].get(name, "n/a")
            if not isinstance(value, float):
                cells.append(f"{value or 'skipped':>16}")
                previous = None
                continue
            peak = name.startswith("peak")
            growth = f" ×{value / previous:.0f}" if previous and not peak else ""
            text = f"{value:.0f}" if peak else f"{value:.3f}{growth}"
            cells.append(f"{text:>16}")
            previous = value
        print(f"{name:<22}" + "".join(cells))
    print("\nAgainst the engines (carrieres ÷ the fastest engine doing the same computation)")
    print(f"{'operation':<22}" + "".join(f"{size:>16,}" for size in sizes))
    for operation in ("100 paths", "centrality", "clusters", "stats"):
        cells = []
        for size in sizes:
            ours = rows[size].get(operation)
            row = rows[size]
            theirs = [v for k, v in row.items() if k.startswith(f"{operation} ") and isinstance(v, float)]
            ratio = f"{ours / min(theirs):.2f}" if isinstance(ours, float) and theirs else "n/a"
            cells.append(f"{ratio:>16}")
        print(f"{operation:<22}" + "".join(cells))


def tables(sizes: list[int], runs: int) -> None:
    """A table of jobs and weighted links (benchmarks/tables.py, 15 links per job) imported with
    ``import csv``, then ``path``, ``next`` and ``central`` on it: paired ratios to the baseline."""
    from tables import published_tables  # noqa: PLC0415 - beside this script

    _compile_package()
    print(f"\nTables of jobs and weighted links ({runs} paired runs, medians; ratio to the baseline)")
    print(f"{'command':<22}" + "".join(f"{size:>12,} jobs" for size in sizes))
    rows: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            place = Path(folder) / str(size)
            place.mkdir()
            jobs, links = published_tables(place, size, 15 * size)
            imported = place / "imported.json"
            carrieres = [PYTHON, "-m", "carrieres"]
            load = [
                *carrieres,
                "import",
                "csv",
                "--jobs",
                str(jobs),
                "--links",
                str(links),
                "-o",
                str(imported),
            ]
            commands = {
                "import csv": [*load, "--force"],
                "path": [*carrieres, "-r", str(imported), "path", "occ0001", "occ0002"],
                "next": [*carrieres, "-r", str(imported), "next", "occ0001", "--moves", "2"],
                "central": [*carrieres, "-r", str(imported), "central"],
            }
            subprocess.run(load, check=True, capture_output=True)
            for label, command in commands.items():
                subprocess.run(command, check=False, capture_output=True)
                pairs = []
                for _ in range(runs):
                    start = time.perf_counter()
                    subprocess.run(command, check=False, capture_output=True)
                    pairs.append((time.perf_counter() - start, _seconds(BASE)))
                ratio = statistics.median(c / b for c, b in pairs)
                mine = statistics.median(c for c, _ in pairs)
                rows.setdefault(label, []).append(f"{mine:>8.2f} s {ratio:>5.1f}×")
    for label, cells in rows.items():
        print(f"{label:<22}" + "".join(f"{cell:>17}" for cell in cells))


def documents(sizes: list[int]) -> None:
    """``carrieres check`` on documents of many fiches (benchmarks/documents.py), one process each:
    the parser and the name resolver should grow about linearly."""
    from documents import fiche_document  # noqa: PLC0415 - beside this script

    print("\nChecking documents of many fiches (one process each)")
    print(f"{'fiches':>8} {'seconds':>9} {'per 1,000':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"fiches-{size}.txt"
            path.write_text(fiche_document(size), encoding="utf-8")
            seconds = _seconds([PYTHON, "-m", "carrieres", "check", str(path)])
            print(f"{size:>8,} {seconds:>9.2f} {seconds / size * 1000:>10.2f}")


def workforce(sizes: list[int]) -> None:
    """``carrieres routes`` on a company's staff (random jobs of the shipped référentiel, each with an
    education and years worked), one process each, CSV out: seconds per 1,000 rows should stay about
    the same, and the peak memory should not grow with the rows."""
    import csv  # noqa: PLC0415

    from carrieres.files import load_referentiel  # noqa: PLC0415

    titles = [job.title for job in load_referentiel().jobs]
    rng = random.Random(0)
    print("\nroutes on a staff table (one process each, CSV out)")
    print(f"{'rows':>8} {'seconds':>9} {'per 1,000':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"team-{size}.csv"
            with path.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(["from", "to", "education", "experience"])
                for _ in range(size):
                    start, end = rng.sample(titles, 2)
                    writer.writerow([start, end, rng.randint(0, 5), rng.randint(0, 10)])
            seconds = _seconds([PYTHON, "-m", "carrieres", "routes", str(path), "--format", "csv"])
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child yet
            print(f"{size:>8,} {seconds:>9.2f} {seconds / size * 1000:>10.2f} {peak:>8.0f}")


def pages(runs: int) -> None:
    """The browser map (``export html``): each page's size, and the seconds until it is ready (every
    job drawn, the search answering) in headless Chromium, as the median of ``runs`` loads; the
    ROME 4.0 page as a ratio to the 41 jobs' page, loaded in turn in the same run."""
    import shutil  # noqa: PLC0415

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        chromium = None
    if chromium is None:
        print("\nbrowser map: skipped (Chromium or playwright is missing)")
        return
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        files, sizes = {}, {}
        for name, referentiel in (("41 jobs", []), ("rome-v4", ["-r", "rome-v4"])):
            files[name] = Path(folder) / f"{name.replace(' ', '-')}.html"
            command = [PYTHON, "-m", "carrieres", *referentiel, "export", "html", "-o", str(files[name])]
            subprocess.run(command, check=True, capture_output=True)
            sizes[name] = files[name].stat().st_size / 1e6
        browser = playwright.chromium.launch(executable_path=chromium, args=flags)
        ready: dict[str, list[float]] = {name: [] for name in files}
        for _ in range(runs):
            for name, path in files.items():
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.carrieres !== undefined", timeout=120_000)
                ready[name].append(time.perf_counter() - start)
                page.close()
        browser.close()
    print("\nbrowser map (headless Chromium)")
    print(f"{'page':<10}{'MB':>8}{'ready s':>10}")
    for name in files:
        print(f"{name:<10}{sizes[name]:>8.2f}{statistics.median(ready[name]):>10.2f}")
    ratios = [rome / small for rome, small in zip(ready["rome-v4"], ready["41 jobs"], strict=True)]
    print(f"rome-v4 ÷ 41 jobs: {statistics.median(ratios):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="paired runs per command")
    parser.add_argument("--sizes", default="1000,10000,100000", help="sizes of the synthetic référentiels")
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds an operation may be predicted to take"
    )
    parser.add_argument(
        "--only",
        choices=["cli", "names", "completion", "documents", "tables", "workforce", "pages", "scaling"],
        help="run one part only",
    )
    parser.add_argument("--tables", default="1000,10000", help="sizes of the tables of jobs and links")
    parser.add_argument("--fiches", default="500,2000,5000", help="sizes of the documents of fiches")
    parser.add_argument("--staff", default="10000,100000", help="sizes of the staff tables for routes")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help=argparse.SUPPRESS)
    parser.add_argument("--again", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, set(filter(None, args.skip.split(","))), args.folder)))
        return
    if args.again:
        print(json.dumps(again(args.folder)))
        return
    if args.only in (None, "cli"):
        cli_ratios(args.runs)
    if args.only in (None, "names"):
        names(min(args.runs, 5))
    if args.only in (None, "completion"):
        completion(args.runs)
    if args.only in (None, "documents"):
        documents([int(s) for s in args.fiches.split(",")])
    if args.only in (None, "tables"):
        tables([int(s) for s in args.tables.split(",")], min(args.runs, 5))
    if args.only in (None, "workforce"):
        workforce([int(s) for s in args.staff.split(",")])
    if args.only in (None, "pages"):
        pages(5)
    if args.only in (None, "scaling"):
        scaling([int(s) for s in args.sizes.split(",")], args.budget)


if __name__ == "__main__":
    main()
