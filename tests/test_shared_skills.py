"""``skills`` links: jobs whose ROME 4.0 cards list the same skills, and the routes they open."""

from __future__ import annotations

import csv
import itertools
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from carrieres import (
    CostModel,
    Referentiel,
    RequestError,
    build_graph,
    find_paths,
    load_referentiel,
    reachable,
)
from carrieres.cli import main
from carrieres.files import card_content, card_library
from carrieres.graph import moves_graph
from carrieres.paths import MIN_SHARE, is_jump, move_weight

from .conftest import ROOT


def _listed(code: str) -> set[str]:
    """The savoir-faire and savoirs a card lists, read straight from the v460 file."""
    (path,) = (ROOT / "data" / "rome-v4").glob("unix_liens_rome_referentiels_v*_utf8.csv")
    with path.open(encoding="utf-8", newline="") as file:
        return {
            row["code_ogr"]
            for row in csv.DictReader(file)
            if row["code_rome"] == code and row["code_compo_bloc"] == "5" and row["code_rubrique"] in "13"
        }


@pytest.fixture(scope="module")
def graph(referentiel: Referentiel) -> nx.DiGraph:
    return build_graph(referentiel)


def test_a_skills_link_counts_the_skills_both_cards_list(graph: nx.DiGraph) -> None:
    edge = graph.edges["developpeur", "chef-de-projet"]
    assert edge["kinds"] == ("skills",)
    developer, lead = _listed("M1805"), _listed("M1853")
    assert edge["shared"] == len(developer & lead) == 21
    assert edge["of"] == len(lead)
    assert 0 < edge["score"] <= 1
    assert edge["core_shared"] <= edge["shared"]


def test_the_move_is_explained_in_words(graph: nx.DiGraph) -> None:
    route = find_paths(graph, "Développeur", "Chef de projet")
    best = route.paths[0]
    assert [step.id for step in best.steps] == ["developpeur", "chef-de-projet"]
    assert "Développeur has 21 of the 67 skills of Chef de projet" in best.steps[1].explanation
    assert "M1805 → M1853" in best.steps[1].explanation


def test_jobs_of_one_card_are_not_linked_by_their_skills(referentiel: Referentiel, graph: nx.DiGraph) -> None:
    codes = {job.id: getattr(card_content(referentiel, job), "code", None) for job in referentiel.jobs}
    for source, target, data in graph.edges(data=True):
        if data["kinds"] == ("skills",):
            assert codes[source] != codes[target]


@pytest.mark.parametrize(
    ("start", "end", "most"),
    [
        ("Développeur", "Chef de projet", 2),
        ("Assistant chef de projet", "Chef de projet", 1),
        ("Technicien réseau", "Administrateur de réseau d'entreprise", 1),
        ("Intégrateur Web", "Développeur", 1),
        ("Vendeur de solution informatique", "Ingénieur commercial", 2),
        ("Chef de produit", "Responsable marketing", 2),
        ("Chef de projet", "Directeur de projet", 1),
        ("Support technique", "Administrateur de réseau d'entreprise", 2),
        ("Développeur", "Directeur des systèmes d'information", 3),
    ],
)
def test_moves_a_professional_expects(graph: nx.DiGraph, start: str, end: str, most: int) -> None:
    best = find_paths(graph, start, end).paths[0]
    assert best.moves <= most
    families = [graph.nodes[step.id]["family"] for step in best.steps[1:-1]]
    if graph.nodes[best.steps[0].id]["family"] != "COMMERCIAL":
        assert "COMMERCIAL" not in families  # not through a sales job


def test_the_main_question_is_the_fiches_route(graph: nx.DiGraph) -> None:
    best = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité").paths[0]
    assert [step.id for step in best.steps] == [
        "technicien-de-maintenance",
        "ingenieur-administrateur-systeme-et-reseaux",
        "ingenieur-securite",
    ]


def test_a_group_weight_makes_group_moves_cost_the_skills_they_lack(graph: nx.DiGraph) -> None:
    plain = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité").paths[0]
    weighed = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité", costs=CostModel(group=3))
    # the fiche admits every PRODUCTION job into Ingénieur administrateur système et réseaux; the
    # maintenance technician's card lists few of its skills: the weighed route goes round
    assert weighed.paths[0].moves > plain.moves
    assert weighed.costs.group == 3.0
    assert "group" not in CostModel().to_dict()  # the default is not written


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("Développeur", "Directeur des systèmes d'information"),
        ("Développeur", "Directeur technique"),
        ("Technicien de maintenance", "Directeur de production"),
        ("Support technique", "Directeur technique"),
        ("Intégrateur Web", "Directeur de projet"),
        ("Ingénieur commercial", "Directeur commercial"),
    ],
)
def test_jumps_that_are_not_one_move(graph: nx.DiGraph, start: str, end: str) -> None:
    best = find_paths(graph, start, end).paths[0]
    assert best.moves >= 2
    titles = [step.title for step in best.steps]
    assert is_jump(graph.graph["referentiel"], best.steps[0].id, best.steps[-1].id), titles


def _best_routes(graph: nx.DiGraph) -> list[list[str]]:
    weight = move_weight(graph)
    return [
        route for _, routes in nx.all_pairs_dijkstra_path(graph, weight=weight) for route in routes.values()
    ]


def test_no_best_route_jumps_or_borrows_where_the_jobs_share_almost_nothing(
    referentiel: Referentiel, graph: nx.DiGraph
) -> None:
    library = card_library()
    code = {job.id: getattr(card_content(referentiel, job), "code", None) for job in referentiel.jobs}
    routes = _best_routes(graph)
    assert len(routes) > 1500
    for route in routes:
        for source, target in itertools.pairwise(route):
            links = graph.edges[source, target]["links"]
            if is_jump(referentiel, source, target):  # only where a fiche names the job itself
                assert any(link.kind in ("prerequisite", "proximity") and not link.group for link in links)
            if all(link.move is not None and link.move.through == "parent" for link in links):
                assert library.share(code[source], code[target]) >= MIN_SHARE


def test_responsable_technique_de_compte_is_no_longer_a_hub(graph: nx.DiGraph) -> None:
    """Its fiche admits every PRODUCTION and ÉTUDES job through a group; it was on 394 best routes of
    the 1,640 when group moves cost nothing more and a group of related jobs led up to directors."""
    through = Counter(job for route in _best_routes(graph) for job in route[1:-1])
    assert through["responsable-technique-de-compte"] < 300


def test_years_add_up_and_a_jump_is_never_immediate() -> None:
    runner = CliRunner()
    asked = ["path", "Développeur", "Directeur des systèmes d'information", "--experience", "6"]
    route = json.loads(runner.invoke(main, [*asked, "-k", "3", "--format", "json"]).output)
    for path in route["paths"]:
        years = [step["profile"]["earliest_year"] for step in path["steps"][1:]]
        assert years == sorted(years)
        assert years[-1] == path["years"]
    # where a ROME release's own links give the jump (its mobility alone), it waits several years,
    # whatever the years already worked, and says so
    jump = ["-r", "rome-v4", "path", "M1805", "M1803", "--edges", "mobilite", "--experience", "6"]
    found = json.loads(runner.invoke(main, [*jump, "--format", "json"]).output)["paths"][0]
    assert found["moves"] == 1
    assert found["years"] >= 3
    assert any("director" in text for text in found["assumptions"])
    default = json.loads(runner.invoke(main, [*jump[:5], "--format", "json"]).output)["paths"][0]
    assert default["moves"] >= 2  # with the cards' skills in use, no junior job leads straight to DSI


def test_years_asked_in_named_jobs_count_only_the_years_in_them() -> None:
    """*Directeur de production* asks about 5 years in production: a developer's years do not count."""
    runner = CliRunner()
    asked = ["path", "Développeur", "Directeur de production", "--experience", "10", "--format", "json"]
    found = json.loads(runner.invoke(main, asked).output)["paths"][0]
    last = found["steps"][-1]["profile"]
    assert last["meets_experience"] is False
    assert found["years"] >= 5


def test_most_pairs_stay_routable(graph: nx.DiGraph) -> None:
    moves = moves_graph(graph)
    routable = sum(len(nx.descendants(moves, job)) for job in moves)
    assert routable / (41 * 40) >= 0.9


def test_edges_where_and_weights_work_on_skills() -> None:
    runner = CliRunner()
    fiches = runner.invoke(
        main, ["path", "Développeur", "Chef de projet", "--edges", "prerequisite,proximity"]
    )
    assert fiches.exit_code == 1  # no fiche leads to Chef de projet
    only = runner.invoke(
        main, ["path", "Développeur", "Chef de projet", "--edges", "skills", "--where", "score>=0.2"]
    )
    assert only.exit_code == 0, only.output
    assert "has 21 of the 67 skills" in only.output
    strict = runner.invoke(
        main, ["path", "Développeur", "Chef de projet", "--edges", "skills", "--where", "score>=0.9"]
    )
    assert strict.exit_code == 1
    dear = runner.invoke(
        main, ["path", "Développeur", "Chef de projet", "--weights", "skills=100", "--format", "json"]
    )
    steps = json.loads(dear.output)["paths"][0]["steps"]
    kinds = [{link["kind"] for link in step["links"]} for step in steps[1:]]
    assert {"skills"} not in kinds  # no move that only shared skills support
    assert json.loads(dear.output)["costs"]["skills"] == 100.0


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        ("score>=1.5", "a share between 0 and 1"),
        ("score<-0.1", "a share between 0 and 1"),
        ("shared>=-2", "never negative"),
        ("score=high", "is a number"),
    ],
)
def test_a_skills_condition_out_of_its_range_is_refused(tmp_path: Path, condition: str, said: str) -> None:
    out = tmp_path / "map.graphml"
    result = CliRunner().invoke(main, ["export", "graphml", "-o", str(out), "--where", condition])
    assert result.exit_code == 2
    assert said in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    with pytest.raises(RequestError, match="score"):
        build_graph(load_referentiel(), where="score>2")


def test_the_library_stores_each_cards_nearest() -> None:
    library = card_library()
    near = {row[0]: row for row in library.cards["M1805"]["near"]}
    assert "M1853" in near
    assert near["M1853"][2] == len(_listed("M1805") & _listed("M1853"))
    computed = library.overlaps(["M1805", "M1853"], nearest=1, threshold=0.1)
    assert computed[0].score == pytest.approx(near["M1853"][1], abs=1e-6)


def test_a_rome_4_path_takes_skills_links_too() -> None:
    for asked in ([], ["--edges", "skills"]):  # by default too: ROME's mobility weighs as ROME moves do
        result = CliRunner().invoke(main, ["-r", "rome-v4", "path", "M1805", "M1853", *asked])
        assert result.exit_code == 0, result.output
        assert "Route 1: 1 move" in result.output
        assert f"{len(_listed('M1805') & _listed('M1853'))} of the 67 skills" in result.output


def test_next_ranks_the_most_plausible_first(graph: nx.DiGraph) -> None:
    near = reachable(graph, "Technicien de maintenance", moves=2)
    costs = [r.cost for r in near]
    assert costs == sorted(costs)  # cheapest route first
    one_move = {r.id: r for r in near if r.moves == 1}
    assert all(r.cost is not None and r.cost >= 1 for r in near)
    # a move the fiches state comes before one only shared skills or the ROME support
    stated = [r.cost for r in one_move.values() if r.kinds[0] in ("proximity", "prerequisite")]
    added = [r.cost for r in one_move.values() if r.kinds[0] in ("skills", "rome")]
    assert stated
    assert added
    assert min(stated) < min(added)
    data = json.loads(CliRunner().invoke(main, ["next", "Développeur", "--format", "json", "--all"]).output)
    assert [row["cost"] for row in data] == sorted(row["cost"] for row in data)


def test_next_gives_the_share_of_skills_the_start_has() -> None:
    data = json.loads(CliRunner().invoke(main, ["next", "Développeur", "--format", "json", "--all"]).output)
    lead = next(row for row in data if row["id"] == "chef-de-projet")
    assert lead["share"] == pytest.approx(card_library().share("M1805", "M1853"), abs=1e-6)
    assert all(0 <= row["share"] <= 1 for row in data if row.get("share") is not None)
    table = CliRunner().invoke(main, ["next", "Développeur"], env={"COLUMNS": "400"}).output
    assert "skills shared" in table
    assert f"{round(100 * lead['share'])} %" in table
