from __future__ import annotations

import importlib.util

import networkx as nx
import pytest

from carrieres import Reference, Referentiel, RequestError, build_graph, load_referentiel
from carrieres.analysis import (
    MEASURES,
    adjusted_rand_index,
    centrality,
    clusters,
    map_stats,
    normalized_mutual_information,
    pagerank_power,
)
from carrieres.graph import DEFAULT_EDGE_KINDS, moves_graph, moves_view


@pytest.fixture(scope="module")
def graph(referentiel: Referentiel) -> nx.DiGraph:
    """The map the fiches draw (the ROME's moves are tested in test_crosswalk)."""
    return build_graph(referentiel, edges=DEFAULT_EDGE_KINDS)


def test_centrality_rows_cover_every_job_and_measure(graph: nx.DiGraph) -> None:
    rows = centrality(graph)
    assert len(rows) == 41
    assert {row.id for row in rows} == set(graph)
    for measure in MEASURES:
        ranked = centrality(graph, by=measure)
        values = [getattr(row, measure) or 0 for row in ranked]
        assert values == sorted(values, reverse=True)


def test_degrees_count_moves(graph: nx.DiGraph) -> None:
    moves = moves_view(graph)
    row = next(r for r in centrality(graph) if r.id == "superviseur-hot-line")
    assert row.in_degree == moves.in_degree("superviseur-hot-line")
    # the park manager lists the supervisor, but the supervisor's fiche asks for support experience
    assert graph.has_edge("gestionnaire-de-parc-micro-informatique", "superviseur-hot-line")
    assert row.in_degree == graph.in_degree("superviseur-hot-line") - 1


def test_crossroads_are_the_roles_routes_pass_through(graph: nx.DiGraph) -> None:
    top = [row.id for row in centrality(graph, by="betweenness", top=3)]
    assert "ingenieur-administrateur-systeme-et-reseaux" in top
    isolated = next(r for r in centrality(graph) if r.id == "chef-de-projet")
    assert (isolated.degree, isolated.betweenness) == (0, 0.0)


def test_unknown_measure(graph: nx.DiGraph) -> None:
    with pytest.raises(ValueError, match="unknown measure"):
        centrality(graph, by="fame")


@pytest.mark.parametrize("method", ["louvain", "greedy", "label_propagation"])
def test_clusters_partition_the_jobs_deterministically(graph: nx.DiGraph, method: str) -> None:
    first = clusters(graph, method=method, seed=3)
    again = clusters(graph, method=method, seed=3)
    assert first == again
    jobs = [job for group in first.clusters for job in group]
    assert sorted(jobs) == sorted(graph)
    assert -0.5 <= first.modularity <= 1
    assert -1 <= first.vs_families.ari <= 1
    assert 0 <= first.vs_families.nmi <= 1
    assert sum(sum(c.values()) for c in first.vs_families.contingency) == 41


def test_louvain_separates_production_from_conseil(graph: nx.DiGraph) -> None:
    result = clusters(graph, seed=0)
    by_job = {job: index for index, group in enumerate(result.clusters) for job in group}
    assert by_job["technicien-de-maintenance"] != by_job["consultant-en-technologie"]
    assert result.vs_families.ari > 0.2
    regrouped = {r["id"] for r in result.vs_families.regrouped}
    for job in regrouped:
        cluster = result.clusters[by_job[job]]
        families = [graph.nodes[j]["family"] for j in cluster]
        assert families.count(graph.nodes[job]["family"]) <= families.count(
            max(set(families), key=families.count)
        )


def test_cluster_arguments_are_checked(graph: nx.DiGraph) -> None:
    with pytest.raises(ValueError, match="unknown clustering method"):
        clusters(graph, method="kmeans")
    for resolution in (0, 1e306, float("nan")):
        with pytest.raises(RequestError, match="above 0 and at most 100"):
            clusters(graph, resolution=resolution)


def test_ari_and_nmi_on_known_labellings() -> None:
    same = ([0, 0, 1, 1, 2], ["a", "a", "b", "b", "c"])
    assert adjusted_rand_index(*same) == 1.0
    assert normalized_mutual_information(*same) == pytest.approx(1.0)
    crossed = ([0, 0, 1, 1], [0, 1, 0, 1])
    assert adjusted_rand_index(*crossed) == pytest.approx(-0.5)
    assert normalized_mutual_information(*crossed) == pytest.approx(0.0)


def test_map_stats(graph: nx.DiGraph, referentiel: Referentiel) -> None:
    stats = map_stats(graph)
    assert stats.jobs == 41
    assert stats.jobs_with_fiche == 16
    named = {i for job in referentiel.jobs for r in job.proximity for i in r.ids}
    expected_isolated = {job.id for job in referentiel.jobs if not job.has_fiche and job.id not in named} - {
        i for job in referentiel.jobs for i in job.prerequisites.prior_roles
    }
    assert set(stats.isolated) == expected_isolated
    assert stats.entry_points == sorted(job.id for job in referentiel.jobs if job.prerequisites.beginner_ok)
    assert "technicien-de-maintenance" in stats.entry_points
    assert stats.forbidden_links == 1
    assert all(moves_view(graph).out_degree(job) == 0 for job in stats.dead_ends)
    assert all(b["from_family"] != b["to_family"] for b in stats.bridges)
    assert 0 <= stats.reciprocity <= 1


def test_similarity_changes_the_analysis(referentiel: Referentiel) -> None:
    plain = build_graph(referentiel, edges=DEFAULT_EDGE_KINDS)
    wider = build_graph(referentiel, edges="proximity,prerequisite,similarity")
    assert wider.number_of_edges() > plain.number_of_edges()
    similar = [(u, v, d) for u, v, d in wider.edges(data=True) if "similarity" in d["kinds"]]
    assert similar
    for u, v, data in similar:
        assert wider.has_edge(v, u)
        assert data["shared_terms"]
        assert data["fiche_similarity"] >= 0.2
    assert map_stats(wider).links_by_kind["similarity"] == len(similar)


def _synthetic_graph(size: int = 1200) -> nx.DiGraph:
    import random  # noqa: PLC0415

    from carrieres.models import Job  # noqa: PLC0415

    rng = random.Random(3)
    ids = [f"job-{i}" for i in range(size)]
    jobs = [
        Job(
            id=job_id,
            title=f"Métier {i}",
            family=f"F{i % 5}",
            proximity=[
                Reference(text=ids[t], line=1, ids=[ids[t]])
                for t in sorted({rng.randrange(size) for _ in range(4)} - {i})
            ],
        )
        for i, job_id in enumerate(ids)
    ]
    return build_graph(Referentiel(name="synthetic", jobs=jobs))


def test_igraph_engine_gives_the_networkx_values(referentiel: Referentiel) -> None:
    pytest.importorskip("igraph", reason="the fast extra (igraph) is not installed")
    for graph in (build_graph(referentiel), _synthetic_graph()):
        slow = {row.id: row for row in centrality(graph, engine="networkx")}
        fast = {row.id: row for row in centrality(graph, engine="igraph")}
        for job_id, row in slow.items():
            assert fast[job_id].betweenness == pytest.approx(row.betweenness, abs=1e-5)
            assert fast[job_id].closeness == pytest.approx(row.closeness, abs=1e-6)
            # power iteration stops when the scores move by less than 1e-6 per job in all (41e-6
            # here); igraph solves exactly
            assert fast[job_id].pagerank == pytest.approx(row.pagerank, abs=5e-5)
            assert (fast[job_id].degree, fast[job_id].in_degree) == (row.degree, row.in_degree)
            assert fast[job_id].eigenvector == pytest.approx(row.eigenvector, abs=1e-5)


def test_igraph_clusters_are_as_good_as_networkx_louvain(referentiel: Referentiel) -> None:
    pytest.importorskip("igraph", reason="the fast extra (igraph) is not installed")
    shipped = build_graph(referentiel)
    slow, fast = clusters(shipped, engine="networkx"), clusters(shipped, engine="igraph")
    assert (slow.engine, fast.engine) == ("networkx", "igraph")
    assert fast.clusters == slow.clusters
    assert fast.vs_families == slow.vs_families
    synthetic = _synthetic_graph()
    slow, fast = clusters(synthetic, engine="networkx"), clusters(synthetic, engine="igraph")
    assert sorted(job for group in fast.clusters for job in group) == sorted(synthetic)
    assert fast.modularity >= slow.modularity - 0.005
    assert clusters(synthetic, engine="igraph", seed=2) == clusters(synthetic, engine="igraph", seed=2)


def test_igraph_map_stats_are_networkx_ones(referentiel: Referentiel) -> None:
    pytest.importorskip("igraph", reason="the fast extra (igraph) is not installed")
    for graph in (build_graph(referentiel), _synthetic_graph()):
        assert map_stats(graph, engine="igraph") == map_stats(graph, engine="networkx")


def test_betweenness_from_fewer_sources_is_an_estimate_both_engines_share(referentiel: Referentiel) -> None:
    graph = build_graph(referentiel)
    exact = {row.id: row.betweenness for row in centrality(graph)}
    rough = {row.id: row.betweenness for row in centrality(graph, sources=10, engine="networkx")}
    assert rough != exact
    assert rough == {row.id: row.betweenness for row in centrality(graph, sources=10, engine="networkx")}
    if importlib.util.find_spec("igraph"):
        fast = {row.id: row.betweenness for row in centrality(graph, sources=10, engine="igraph")}
        assert fast == pytest.approx(rough, abs=1e-6)
    with pytest.raises(ValueError, match="at least 2 sampled sources"):
        centrality(graph, sources=1)


@pytest.mark.parametrize("name", ["metiers-informatique", "rome-v3"])
def test_pagerank_without_scipy_gives_networkx_values(name: str) -> None:
    moves = moves_graph(build_graph(load_referentiel(name)))
    ours = pagerank_power(moves)
    theirs = nx.pagerank(moves)  # scipy's sparse power iteration, the same stopping rule
    assert list(ours) == list(moves)
    assert max(abs(ours[job] - theirs[job]) for job in moves) < 1e-12
    converged = nx.pagerank(moves, tol=1e-12)
    assert max(abs(ours[job] - converged[job]) for job in moves) < 1e-4
    assert abs(sum(ours.values()) - 1) < 1e-9
    with pytest.raises(nx.PowerIterationFailedConvergence):
        pagerank_power(moves, max_iter=1)
