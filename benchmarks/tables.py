"""Tables of jobs and weighted links of any size, as a labour-market study publishes them, for the
benchmark and the tests (no third-party data is shipped).

The jobs table has an id, a title, a family (8 sectors), a code with a leading zero (``0123``), a
job zone (1 to 5), a URI and, for one job in three, two alternative names one per line. The links
table joins the first seven eighths of the jobs (the last eighth has no link) with a similarity
(4 decimals), a probability (6 decimals), a count (missing one time in ten) and three flags
(``safe`` sometimes missing).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

JOB_COLUMNS = ["id", "title", "family", "isco", "job_zone", "uri", "alt"]
LINK_COLUMNS = ["source", "target", "similarity", "probability", "count", "viable", "desirable", "safe"]


def write_table(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    """A CSV file as spreadsheets and pandas write it (quoted where needed)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def published_tables(folder: Path, jobs: int, links: int, seed: int = 0) -> tuple[Path, Path]:
    """``occupations.csv`` and ``transitions.csv`` in ``folder`` (see the module docstring)."""
    rng = random.Random(seed)
    job_rows = [
        [
            f"occ{n:04d}",
            f"Occupation {n}",
            f"Sector {n % 8}",
            f"0{rng.randint(100, 999)}",
            rng.randint(1, 5),
            f"http://data.example.org/occupation/{n}",
            f"alt {n} a\nalt {n} b" if n % 3 == 0 else "",
        ]
        for n in range(jobs)
    ]
    linked = jobs - jobs // 8
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < links:
        source, target = rng.randrange(linked), rng.randrange(linked)
        if source != target:
            pairs.add((source, target))
    link_rows = [
        [
            f"occ{source:04d}",
            f"occ{target:04d}",
            round(rng.random(), 4),
            f"{rng.random():.6f}",
            rng.randint(0, 40) if rng.random() > 0.1 else "",
            rng.choice(["true", "false"]),
            rng.choice(["true", "false"]),
            rng.choice(["true", "false", ""]),
        ]
        for source, target in sorted(pairs)
    ]
    return (
        write_table(folder / "occupations.csv", JOB_COLUMNS, job_rows),
        write_table(folder / "transitions.csv", LINK_COLUMNS, link_rows),
    )
