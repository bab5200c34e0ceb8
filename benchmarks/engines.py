"""The baselines of the scaling table: igraph and rustworkx doing the same computations.

Each baseline is what a hand-written script over the engine would do, given
the same career graph: keep the moves the prior-role rule allows (with their
cost, for paths), build the engine's graph, and run the same computation.
The conversion is counted, as it is for carrieres. An engine that cannot do
a computation is left out of its row (rustworkx has no community detection
and no sampled betweenness).

- ``100 paths``: the cheapest route from one job to each of 100 others, under
  the default cost model (one single-source Dijkstra).
- ``centrality``: degrees, betweenness (exact up to 1,000 jobs, else from the
  same 1,000 sampled sources), closeness (up to 10,000 jobs), PageRank and
  eigenvector centrality.
- ``clusters``: modularity communities of the undirected moves (Leiden) and
  their modularity.
- ``stats``: weak and strong components, reciprocity, links by kind, dead ends
  and the moves between two families.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

from carrieres._engine import LEIDEN_ITERATIONS
from carrieres.analysis import CLOSENESS_LIMIT, EXACT_BETWEENNESS_LIMIT
from carrieres.graph import allowed
from carrieres.paths import move_cost

ENGINES = ("igraph", "rustworkx")


def installed() -> list[str]:
    """The engines installed here."""
    return [name for name in ENGINES if importlib.util.find_spec(name) is not None]


def import_all() -> None:
    """Import the engines before timing them (igraph's import alone takes 0.4 s), and
    carrieres' own engine module, as any long-running session would have."""
    for name in [*installed(), "carrieres._engine"]:
        importlib.import_module(name)


def _moves(G: Any, *, weighted: bool) -> tuple[list[str], dict[str, int], list[tuple[int, int, float]]]:
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    if weighted:
        edges = [(index[u], index[v], move_cost(G, u, v) or 0.0) for u, v in G.edges if allowed(G, u, v)]
    else:
        edges = [(index[u], index[v], 1.0) for u, v in G.edges if allowed(G, u, v)]
    return nodes, index, edges


def _igraph(nodes: list[str], edges: list[tuple[int, int, float]], *, directed: bool = True) -> Any:
    import igraph as ig  # noqa: PLC0415

    graph = ig.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in edges], directed=directed)
    graph.es["weight"] = [w for _, _, w in edges]
    return graph


def _rustworkx(nodes: list[str], edges: list[tuple[int, int, float]]) -> Any:
    import rustworkx as rx  # noqa: PLC0415

    graph = rx.PyDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def igraph_paths(G: Any, start: str, targets: list[str]) -> list[list[int]]:
    nodes, index, edges = _moves(G, weighted=True)
    graph = _igraph(nodes, edges)
    found: list[list[int]] = graph.get_shortest_paths(
        index[start], to=[index[t] for t in targets], weights="weight", output="vpath"
    )
    return found


def rustworkx_paths(G: Any, start: str, targets: list[str]) -> list[list[int]]:
    import rustworkx as rx  # noqa: PLC0415

    nodes, index, edges = _moves(G, weighted=True)
    found = rx.digraph_dijkstra_shortest_paths(_rustworkx(nodes, edges), index[start], weight_fn=float)
    return [list(found[index[t]]) for t in targets]


def igraph_centrality(G: Any, seed: int = 0) -> dict[str, list[float]]:
    nodes, index, edges = _moves(G, weighted=False)
    graph = _igraph(nodes, edges)
    n = len(nodes)
    if n > EXACT_BETWEENNESS_LIMIT:
        sources = random.Random(seed).sample(nodes, EXACT_BETWEENNESS_LIMIT)
        betweenness = graph.betweenness(directed=True, sources=[index[s] for s in sources])
    else:
        betweenness = graph.betweenness(directed=True)
    closeness = []
    if n <= CLOSENESS_LIMIT:  # networkx's closeness: scaled by the share of jobs that reach each one
        closeness = graph.closeness(mode="in", normalized=True)
        reached = graph.neighborhood_size(order=n, mode="in")
        closeness = [c * (r - 1) / (n - 1) for c, r in zip(closeness, reached, strict=True)]
    return {
        "degree": graph.degree(),
        "betweenness": betweenness,
        "closeness": closeness,
        "pagerank": graph.pagerank(),
        "eigenvector": graph.eigenvector_centrality(directed=True),
    }


def rustworkx_centrality(G: Any) -> dict[str, Any]:
    import rustworkx as rx  # noqa: PLC0415

    nodes, _, edges = _moves(G, weighted=False)
    graph = _rustworkx(nodes, edges)
    return {
        "degree": [graph.in_degree(i) + graph.out_degree(i) for i in graph.node_indices()],
        "betweenness": rx.digraph_betweenness_centrality(graph),
        "closeness": rx.digraph_closeness_centrality(graph) if len(nodes) <= CLOSENESS_LIMIT else {},
        "pagerank": rx.pagerank(graph),
        "eigenvector": rx.digraph_eigenvector_centrality(graph, max_iter=1000),
    }


def igraph_clusters(G: Any, seed: int = 1) -> tuple[list[list[int]], float]:
    import igraph as ig  # noqa: PLC0415

    nodes, _, edges = _moves(G, weighted=False)
    graph = _igraph(nodes, edges).as_undirected(mode="collapse")
    ig.set_random_number_generator(random.Random(seed))
    found = graph.community_leiden(objective_function="modularity", n_iterations=LEIDEN_ITERATIONS)
    ig.set_random_number_generator(random)
    return list(found), graph.modularity(found.membership)


def _stats_lists(G: Any, nodes: list[str], edges: list[tuple[int, int, float]]) -> dict[str, object]:
    """The part of the stats that is lists and counts, the same whatever the engine."""
    kinds = Counter(kind for u, v, data in G.edges(data=True) if allowed(G, u, v) for kind in data["kinds"])
    family = [G.nodes[node]["family"] for node in nodes]
    bridges = [(u, v) for u, v, _ in edges if family[u] and family[v] and family[u] != family[v]]
    return {"kinds": kinds, "bridges": bridges}


def igraph_stats(G: Any) -> dict[str, object]:
    nodes, _, edges = _moves(G, weighted=False)
    graph = _igraph(nodes, edges)
    degrees = zip(graph.outdegree(), graph.indegree(), strict=True)
    return {
        "components": [c for c in graph.connected_components(mode="weak") if len(c) > 1],
        "strongly_connected": sum(1 for c in graph.connected_components(mode="strong") if len(c) > 1),
        "reciprocity": graph.reciprocity(),
        "dead_ends": [i for i, (out, into) in enumerate(degrees) if not out and into],
        **_stats_lists(G, nodes, edges),
    }


def rustworkx_stats(G: Any) -> dict[str, object]:
    import rustworkx as rx  # noqa: PLC0415

    nodes, _, edges = _moves(G, weighted=False)
    graph = _rustworkx(nodes, edges)
    return {
        "components": [c for c in rx.weakly_connected_components(graph) if len(c) > 1],
        "strongly_connected": sum(1 for c in rx.strongly_connected_components(graph) if len(c) > 1),
        "reciprocity": sum(1 for u, v, _ in edges if graph.has_edge(v, u)) / max(1, len(edges)),
        "dead_ends": [i for i in graph.node_indices() if not graph.out_degree(i) and graph.in_degree(i)],
        **_stats_lists(G, nodes, edges),
    }


def baselines(G: Any, start: str, targets: list[str]) -> dict[str, Callable[[], object]]:
    """The baseline computations that can run here, by ``"<operation> <engine>"``."""
    here = installed()
    found: dict[str, Callable[[], object]] = {}
    if "igraph" in here:
        found["100 paths igraph"] = lambda: igraph_paths(G, start, targets)
    if "rustworkx" in here:
        found["100 paths rustworkx"] = lambda: rustworkx_paths(G, start, targets)
    if "igraph" in here:
        found["centrality igraph"] = lambda: igraph_centrality(G)
    if "rustworkx" in here and G.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        found["centrality rustworkx"] = lambda: rustworkx_centrality(G)
    if "igraph" in here:
        found["clusters igraph"] = lambda: igraph_clusters(G)
        found["stats igraph"] = lambda: igraph_stats(G)
    if "rustworkx" in here:
        found["stats rustworkx"] = lambda: rustworkx_stats(G)
    return found
