from __future__ import annotations

import networkx as nx
import pytest

from carrieres import Referentiel, build_graph, load_referentiel
from carrieres.graph import EDGE_KINDS, LIFTED_KIND, parse_edge_kinds


@pytest.fixture(scope="module")
def graph(referentiel: Referentiel) -> nx.DiGraph:
    return build_graph(referentiel)


def test_one_node_per_job_with_flat_prerequisites(graph: nx.DiGraph, referentiel: Referentiel) -> None:
    assert sorted(graph.nodes) == sorted(job.id for job in referentiel.jobs)
    security = graph.nodes["ingenieur-securite"]
    assert (security["education_min"], security["education_max"]) == (4, 5)
    assert security["beginner_ok"] is False
    assert security["prior_roles"] == ("ingenieur-administrateur-systeme-et-reseaux",)
    assert security["family"] == "PRODUCTION"
    project = graph.nodes["chef-de-projet"]
    # no fiche: the level comes from its ROME 4.0 card (M1853)
    assert (project["has_fiche"], project["education_min"], project["prior_roles"]) == (False, 5, ())
    assert referentiel.job("chef-de-projet").prerequisites.origins["education"] == "rome-v4:M1853"


def test_proximity_edges_follow_each_fiche(graph: nx.DiGraph, referentiel: Referentiel) -> None:
    for job in referentiel.jobs:
        for reference in job.proximity:
            for target in reference.ids:
                edge = graph.edges[job.id, target]
                assert "proximity" in edge["kinds"]
    edge = graph.edges["technicien-de-maintenance", "support-technique"]
    assert (edge["kind"], edge["fiche"], edge["line"], edge["text"], edge["group"]) == (
        "proximity",
        "technicien-de-maintenance",
        2513,
        "Support technique",
        "",
    )
    assert edge["inferred"] is False


def test_prerequisite_edges_point_into_the_demanding_job(graph: nx.DiGraph) -> None:
    edge = graph.edges["ingenieur-administrateur-systeme-et-reseaux", "ingenieur-securite"]
    assert edge["kind"] == "prerequisite"
    assert edge["kinds"] == ("prerequisite", "proximity")
    assert edge["fiche"] == "ingenieur-securite"
    assert edge["line"] == 1691
    assert "indispensable" in edge["text"]
    assert [link.kind for link in edge["links"]] == ["prerequisite", "proximity"]


def test_group_edges_carry_the_group_text(graph: nx.DiGraph) -> None:
    edge = graph.edges["responsable-technique-de-compte", "consultant-en-technologie"]
    assert edge["group"] == "Métiers du conseil"
    into_iasr = graph.edges["technicien-de-maintenance", "ingenieur-administrateur-systeme-et-reseaux"]
    assert into_iasr["group"] == "production"


def test_reverse_proximity_only_when_asked(referentiel: Referentiel, graph: nx.DiGraph) -> None:
    assert all(d["kind"] != "reverse_proximity" for *_, d in graph.edges(data=True))
    wider = build_graph(
        referentiel, edges=[kind for kind in EDGE_KINDS if kind not in (LIFTED_KIND, "skills")]
    )
    edge = wider.edges["directeur-technique", "directeur-de-production"]
    assert (edge["kind"], edge["inferred"], edge["fiche"]) == (
        "reverse_proximity",
        True,
        "directeur-de-production",
    )
    assert wider.edges["support-technique", "technicien-de-maintenance"]["inferred"] is True
    # a pair both fiches link in each direction gets no inferred edge
    assert (
        "reverse_proximity"
        not in wider.edges["administrateur-de-site", "administrateur-de-reseau-d-entreprise"]["kinds"]
    )


def test_only_chosen_kinds(referentiel: Referentiel) -> None:
    proximity = build_graph(referentiel, edges="proximity")
    assert {d["kind"] for *_, d in proximity.edges(data=True)} == {"proximity"}
    assert proximity.graph["edge_kinds"] == "proximity"
    assert proximity.number_of_edges() < build_graph(referentiel).number_of_edges()


def test_unknown_edge_kind() -> None:
    with pytest.raises(ValueError, match="unknown edge kind similar"):
        parse_edge_kinds("proximity,similar")


def test_build_is_deterministic(referentiel: Referentiel) -> None:
    first, second = build_graph(referentiel), build_graph(referentiel)
    assert list(first.edges(data="kinds")) == list(second.edges(data="kinds"))


def test_the_graph_built_is_the_one_networkx_would_build() -> None:
    """Edges are filled straight into the adjacency maps: the graph is still a consistent DiGraph."""
    G = build_graph(load_referentiel("rome-v4"))
    copy = nx.DiGraph(**G.graph)
    copy.add_nodes_from(G.nodes(data=True))
    copy.add_edges_from(G.edges(data=True))
    assert nx.utils.graphs_equal(G, copy)
    assert all(G.pred[target][source] is G.succ[source][target] for source, target in G.edges)
    assert sum(degree for _, degree in G.in_degree()) == G.number_of_edges() > 10_000
