"""A référentiel with its own numbers: a generated table of 1,600 jobs and 25,000 weighted links,
read as a research team would publish it, and small tables written for one question each."""

from __future__ import annotations

import csv
import itertools
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from carrieres import build_graph, find_paths, load_referentiel, reachable
from carrieres.analysis import centrality
from carrieres.cli import main
from carrieres.exceptions import NoPathError, ParseError, PathRequestError, RequestError
from carrieres.graph import moves_graph
from carrieres.models import LEVEL_SCALES
from carrieres.paths import CostModel, Profile
from carrieres.tables import Columns, import_tables

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from tables import published_tables, write_table

sys.path.pop(0)

JOBS = 1600
LINKS = 25_000


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("published")
    jobs, links = published_tables(folder, JOBS, LINKS)
    imported = folder / "esco-like.json"
    result = CliRunner().invoke(
        main,
        [
            *("import", "csv", "--jobs", str(jobs), "--links", str(links), "--aliases", "alt"),
            *("--alias-separator", "\\n", "-o", str(imported)),
        ],
    )
    assert result.exit_code == 0, result.output
    return jobs, links, imported


def _cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_column_round_trips_through_every_export(
    published: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    jobs, links, imported = published
    written = {}
    for fmt in ("graphml", "gexf", "json", "csv"):
        result = CliRunner().invoke(
            main, ["-r", str(imported), "export", fmt, "-o", str(tmp_path / f"g.{fmt}")]
        )
        assert result.exit_code == 0, result.output
        written[fmt] = tmp_path / f"g.{fmt}"
    graphs = {
        "graphml": nx.read_graphml(written["graphml"]),
        "gexf": nx.read_gexf(written["gexf"]),
        "json": nx.node_link_graph(json.loads(written["json"].read_text(encoding="utf-8"))),
    }
    job_rows = {row["id"]: row for row in _cells(jobs)}
    link_rows = {(row["source"], row["target"]): row for row in _cells(links)}
    csv_jobs = {row["id"]: row for row in _cells(tmp_path / "g-jobs.csv")}
    csv_links = {(row["source"], row["target"]): row for row in _cells(tmp_path / "g-links.csv")}
    unstated = {
        flag for flag in ("viable", "desirable", "safe") if any(not r[flag] for r in link_rows.values())
    }
    assert unstated == {"safe"}
    for name, G in graphs.items():
        assert G.number_of_nodes() == JOBS, name
        assert G.number_of_edges() == LINKS, name
        for job_id, row in itertools.islice(job_rows.items(), 0, None, 97):
            node = G.nodes[job_id]
            assert node["isco"] == row["isco"], name  # text, leading zero kept
            assert node["job_zone"] == int(row["job_zone"]), name
            assert node["uri"] == row["uri"], name
            assert csv_jobs[job_id]["isco"] == row["isco"]
        for (source, target), row in itertools.islice(link_rows.items(), 0, None, 997):
            edge = G.edges[source, target]
            assert edge["similarity"] == float(row["similarity"]), name
            assert edge["probability"] == float(row["probability"]), name
            assert edge.get("count") == (int(row["count"]) if row["count"] else None), name
            for flag in ("viable", "desirable", "safe"):
                expected: Any = {"true": True, "false": False}.get(row[flag])
                if name == "graphml" and flag in unstated and expected is not None:
                    expected = row[flag]  # a flag some links leave unstated is text in GraphML
                assert edge.get(flag) == expected, (name, flag)
            assert "fiche_similarity" not in edge  # nothing invented
            assert csv_links[source, target]["similarity"] == row["similarity"]
            assert (
                csv_links[source, target]["safe"] == {"true": "True", "false": "False", "": ""}[row["safe"]]
            )


def test_a_multi_line_cell_survives_byte_for_byte(tmp_path: Path) -> None:
    note = 'Line one, with a comma;\r\nline "two"\nand three | with a bar'
    jobs = write_table(
        tmp_path / "jobs.csv",
        ["id", "title", "note", "alt"],
        [["a", "Agent", note, "x\ny"], ["b", "Chef", "", ""]],
    )
    jobs.write_bytes(b"\xef\xbb\xbf" + jobs.read_bytes().replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n"))
    imported = import_tables(jobs, None, columns=Columns(aliases="alt", alias_separator="\n"))
    agent = imported.get("a")
    assert agent.attributes["note"].encode() == note.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()
    assert [alias.text for alias in agent.aliases] == ["x", "y"]
    assert "note" not in imported.get("b").attributes  # an empty cell is absent, not ""


def test_a_malformed_row_is_refused_with_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text('id,title\na,Agent\nb,"Chef\nc,Tech\n', encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["import", "csv", "--jobs", str(jobs), "-o", str(out)])
    assert result.exit_code == 1
    assert "jobs.csv, line 3" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("column", "good", "bad", "message"),
    [
        ("similarity", "0.5", "NaN", "'NaN' is not a finite number"),
        ("similarity", "0.5", "1e999", "'1e999' is not a finite number"),
        ("kind", "related", "similarity", "'similarity' is a kind of link carrieres makes"),
        ("kind", "related", "reverse_proximity", "'reverse_proximity' is a kind of link carrieres makes"),
    ],
)
def test_what_cannot_be_kept_is_refused_with_its_line(
    tmp_path: Path, column: str, good: str, bad: str, message: str
) -> None:
    links = write_table(
        tmp_path / "links.csv", ["source", "target", column], [["b", "a", good], ["a", "b", bad]]
    )
    with pytest.raises(ParseError, match=r"links\.csv, line 3") as caught:
        import_tables(None, links)
    assert message in str(caught.value)


def test_a_column_named_like_carrieres_own_is_refused(tmp_path: Path) -> None:
    links = write_table(tmp_path / "links.csv", ["source", "target", "text"], [["a", "b", "x"]])
    with pytest.raises(ParseError, match="'text' is the name of one of carrieres' own"):
        import_tables(None, links)


def _small(tmp_path: Path, rng: random.Random, jobs: int = 7, links: int = 18) -> Any:
    pairs = rng.sample([(a, b) for a in range(jobs) for b in range(jobs) if a != b], links)
    rows = [
        [f"j{a}", f"j{b}", round(rng.uniform(0.05, 1), 3), rng.choice(["true", "false"])] for a, b in pairs
    ]
    return import_tables(
        None, write_table(tmp_path / "links.csv", ["source", "target", "similarity", "viable"], rows)
    )


def _objective(G: nx.DiGraph, path: list[str], weight: float, move: float) -> float:
    values = [G.edges[u, v]["similarity"] for u, v in itertools.pairwise(path)]
    highest = max(value for _u, _v, value in G.edges(data="similarity"))
    return sum(move + abs(weight) * (highest - value) for value in values)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("move", [0.0, 1.0])
def test_a_route_ranked_by_similarity_is_the_best_by_brute_force(
    tmp_path: Path, seed: int, move: float
) -> None:
    referentiel = _small(tmp_path, random.Random(seed))
    G = build_graph(referentiel)
    costs = CostModel(move=move, education_jump=0, attributes={"similarity": -3})
    for source, target in [("j0", "j6"), ("j1", "j5"), ("j2", "j4")]:
        every = list(nx.all_simple_paths(G, source, target))
        if not every:
            continue
        best = min(_objective(G, path, -3, move) for path in every)
        found = find_paths(G, source, target, costs=costs).paths[0]
        assert math.isclose(found.cost, best, abs_tol=1e-9)
        assert math.isclose(_objective(G, [step.id for step in found.steps], -3, move), best, abs_tol=1e-9)
        if move == 0.0:  # by similarity alone: no route has a better total shortfall
            shortfall = found.cost
            assert all(_objective(G, path, -3, 0.0) >= shortfall - 1e-9 for path in every)


def test_where_keeps_only_the_links_that_meet_it(tmp_path: Path) -> None:
    referentiel = _small(tmp_path, random.Random(3), links=30)
    everything = build_graph(referentiel)
    viable = build_graph(referentiel, where="viable=true")
    strong = build_graph(referentiel, where=["similarity>=0.5", "viable=true"])
    assert set(viable.edges) == {(u, v) for u, v, ok in everything.edges(data="viable") if ok}
    assert set(strong.edges) == {
        (u, v) for u, v, d in everything.edges(data=True) if d["viable"] and d["similarity"] >= 0.5
    }
    assert 0 < strong.number_of_edges() < viable.number_of_edges() < everything.number_of_edges()
    with pytest.raises(RequestError, match="'zone'"):
        build_graph(referentiel, where="zone>1")
    with pytest.raises(RequestError, match="only numbers compare"):
        build_graph(referentiel, where="viable>1x")
    links = tmp_path / "links.csv"
    plain = CliRunner().invoke(
        main, ["-r", str(_saved(referentiel, tmp_path)), "next", "j0", "--format", "json"]
    )
    kept = CliRunner().invoke(
        main,
        [
            "-r",
            str(_saved(referentiel, tmp_path)),
            "next",
            "j0",
            "--where",
            "viable=true",
            "--format",
            "json",
        ],
    )
    assert {r["id"] for r in json.loads(kept.output)} <= {r["id"] for r in json.loads(plain.output)}
    assert links.exists()


def _saved(referentiel: Any, folder: Path) -> Path:
    path = folder / "small.json"
    if not path.exists():
        path.write_text(json.dumps(referentiel.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_next_ranks_by_a_link_number_and_ignores_the_file_order(tmp_path: Path) -> None:
    rows = [
        ["a", target, similarity] for target, similarity in [("b", 0.2), ("c", 0.9), ("d", 0.5), ("e", 0.9)]
    ]
    forward = import_tables(None, write_table(tmp_path / "f.csv", ["source", "target", "similarity"], rows))
    backward = import_tables(
        None, write_table(tmp_path / "b.csv", ["source", "target", "similarity"], rows[::-1])
    )
    ranked = [(r.id, r.value) for r in reachable(build_graph(forward), "a", by="similarity")]
    assert ranked == [("c", 0.9), ("e", 0.9), ("d", 0.5), ("b", 0.2)]
    assert [r.id for r in reachable(build_graph(backward), "a", by="similarity")] == [r for r, _v in ranked]
    assert [r.id for r in reachable(build_graph(forward), "a")] == [
        r.id for r in reachable(build_graph(backward), "a")
    ]
    with pytest.raises(PathRequestError, match="similarity"):
        reachable(build_graph(forward), "a", by="count")


def test_central_ranks_exact_values_and_reports_ties(published: tuple[Path, Path, Path]) -> None:
    referentiel = load_referentiel(str(published[2]))
    G = build_graph(referentiel)
    exact = nx.pagerank(moves_graph(G))  # tiny values: many would tie once rounded to 6 decimals
    rows = centrality(G, by="pagerank", engine="networkx")  # the values nx.pagerank gives
    assert [row.id for row in rows] == sorted(
        exact, key=lambda job: (-exact[job], G.nodes[job]["title"], job)
    )
    rounded_ties = sum(1 for a, b in itertools.pairwise(rows) if a.pagerank == b.pagerank)
    exact_ties = sum(
        1 for a, b in itertools.pairwise(rows) if math.isclose(exact[a.id], exact[b.id], rel_tol=1e-9)
    )
    assert rounded_ties > exact_ties  # rounding would have made ties the values do not have
    for place, (before, after) in enumerate(itertools.pairwise(rows), start=2):
        tied = math.isclose(exact[before.id], exact[after.id], rel_tol=1e-9)
        assert after.rank == (before.rank if tied else place)


def test_summaries_for_a_thousand_jobs_and_the_referentiels_own_words(
    published: tuple[Path, Path, Path],
) -> None:
    imported = str(published[2])
    for command in (["stats"], ["clusters", "--seed", "1"], ["central"], ["next", "occ0001", "--moves", "2"]):
        short = CliRunner().invoke(main, ["-r", imported, *command])
        full = CliRunner().invoke(main, ["-r", imported, *command, "--all"])
        assert short.exit_code == full.exit_code == 0, short.output
        assert len(full.output) > len(short.output), command
        assert len(short.output.splitlines()) < 200, command
    central = CliRunner().invoke(main, ["-r", imported, "central", "--format", "json"])
    assert len(json.loads(central.output)) == 1600  # a program reading JSON gets every job…
    top = CliRunner().invoke(main, ["-r", imported, "central", "--format", "json", "--top", "20"])
    assert len(json.loads(top.output)) == 20  # … unless it asks for fewer
    stats = CliRunner().invoke(main, ["-r", imported, "stats"]).output
    assert "more" in stats
    ranked = CliRunner().invoke(
        main, ["-r", imported, "next", "occ0001", "--by", "similarity", "--format", "csv"]
    )
    rows = list(csv.DictReader(ranked.output.splitlines()))
    one_move = [float(row["similarity"]) for row in rows if row["moves"] == "1"]
    assert one_move == sorted(one_move, reverse=True)
    route = CliRunner().invoke(
        main, ["-r", imported, "path", "occ0001", "occ0002", "--weights", "similarity=-1"]
    )
    assert route.exit_code in {0, 1}
    assert "fiche" not in route.output + route.stderr  # a table's links are no fiche's words
    assert "similarity" in route.output + route.stderr


def test_a_referentiel_on_job_zones_and_the_level_jump_limit(tmp_path: Path) -> None:
    jobs = write_table(
        tmp_path / "jobs.csv",
        ["id", "title", "education"],
        [["d", "Stagiaire", "1"], ["a", "Agent", "Job Zone 2"], ["b", "Chef", "4"], ["c", "Directeur", "5"]],
    )
    links = write_table(
        tmp_path / "links.csv",
        ["source", "target"],
        [["d", "a"], ["a", "b"], ["b", "c"], ["a", "c"], ["d", "c"]],
    )
    out = tmp_path / "zones.json"
    made = CliRunner().invoke(
        main,
        ["import", "csv", "--jobs", str(jobs), "--links", str(links), "--scale", "job-zone", "-o", str(out)],
    )
    assert made.exit_code == 0, made.output
    referentiel = load_referentiel(str(out))
    assert referentiel.levels.name == "job zone"
    assert referentiel.get("a").prerequisites.education_min == 2
    G = build_graph(referentiel)
    direct = find_paths(G, "d", "c", profile=Profile(education=1))
    assert [step.id for step in direct.paths[0].steps] == ["d", "c"]
    assert direct.paths[0].steps[1].profile is not None
    assert direct.paths[0].steps[1].profile.diploma_to_gain == "job zone 5"
    limited = find_paths(G, "d", "c", max_level_jump=2)
    steps = [step.id for step in limited.paths[0].steps]
    assert steps == ["d", "a", "b", "c"]  # d→c climbs 4, a→c 3: both over the limit
    levels = [G.nodes[job]["education_min"] for job in steps]
    assert all(b - a <= 2 for a, b in itertools.pairwise(levels))
    with pytest.raises(NoPathError, match="climbing at most 1 level per move"):
        find_paths(G, "d", "c", max_level_jump=1)
    assert {r.id for r in reachable(G, "d", max_level_jump=1)} == {"a"}
    text = CliRunner().invoke(main, ["-r", str(out), "path", "d", "c", "--education", "1"]).output
    assert "job zone 5" in text
    assert "Bac" not in text
    off = write_table(tmp_path / "off.csv", ["id", "title", "education"], [["x", "X", "7"]])
    with pytest.raises(
        ParseError, match=r"line 2: column 'education': '7' is not a level of the scale job zone"
    ):
        import_tables(off, None, scale=LEVEL_SCALES["job-zone"])


def test_every_column_round_trips_through_igraph(published: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """igraph reads the GraphML with every column, and what a row leaves empty stays missing:
    NaN for a number, an empty text for a text or an unstated flag (never false)."""
    ig = pytest.importorskip("igraph", reason="igraph is not installed (pip install 'carrieres[fast]')")
    jobs, links, imported = published
    path = tmp_path / "g.graphml"
    result = CliRunner().invoke(main, ["-r", str(imported), "export", "graphml", "-o", str(path)])
    assert result.exit_code == 0, result.output
    graph = ig.Graph.Read_GraphML(str(path))
    assert (graph.vcount(), graph.ecount()) == (JOBS, LINKS)
    job_rows = {row["id"]: row for row in _cells(jobs)}
    assert set(graph.vs.attributes()) >= {"id", "title", "label", *next(iter(job_rows.values())).keys()} - {
        "alt"  # the aliases column is read as the jobs' aliases
    }
    for vertex in graph.vs:
        row = job_rows[vertex["id"]]
        assert vertex["label"] == vertex["title"] == row["title"]
        assert vertex["isco"] == row["isco"]
        assert vertex["job_zone"] == int(row["job_zone"])
    ids = graph.vs["id"]
    link_rows = {(row["source"], row["target"]): row for row in _cells(links)}
    for edge in graph.es:
        row = link_rows[ids[edge.source], ids[edge.target]]
        assert edge["similarity"] == float(row["similarity"])
        assert math.isnan(edge["count"]) if not row["count"] else edge["count"] == int(row["count"])
        assert edge["safe"] == row["safe"]  # 'true', 'false', or '' where the table leaves it empty
        assert edge["viable"] == (row["viable"] == "true")  # stated for every link: a boolean
