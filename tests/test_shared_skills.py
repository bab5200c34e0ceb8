"""``skills`` links: jobs whose ROME 4.0 cards list the same skills, and the routes they open."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from carrieres import CostModel, NoPathError, Referentiel, build_graph, find_paths, reachable
from carrieres.cli import main
from carrieres.files import card_content, card_library
from carrieres.graph import moves_graph

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
    assert "group" not in CostModel().to_dict()  # off by default


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


def test_a_skills_threshold_outside_0_to_1_reads_as_a_condition_that_holds_nowhere(graph: nx.DiGraph) -> None:
    with pytest.raises(NoPathError):
        find_paths(
            build_graph(graph.graph["referentiel"], edges="skills", where="score>1"),
            "developpeur",
            "chef-de-projet",
        )


def test_the_library_stores_each_cards_nearest() -> None:
    library = card_library()
    near = {row[0]: row for row in library.cards["M1805"]["near"]}
    assert "M1853" in near
    assert near["M1853"][2] == len(_listed("M1805") & _listed("M1853"))
    computed = library.overlaps(["M1805", "M1853"], nearest=1, threshold=0.1)
    assert computed[0].score == pytest.approx(near["M1853"][1], abs=1e-6)


def test_a_rome_4_path_takes_skills_links_too() -> None:
    result = CliRunner().invoke(main, ["-r", "rome-v4", "path", "M1805", "M1853", "--edges", "skills"])
    assert result.exit_code == 0, result.output
    assert "Route 1: 1 move" in result.output
    assert "21 of the 67 skills" in result.output


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
    table = CliRunner().invoke(main, ["next", "Développeur"]).output
    assert "skills shared" in table
    assert f"{round(100 * lead['share'])} %" in table
