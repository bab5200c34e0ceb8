"""Analyses of large graphs through igraph (the optional ``fast`` extra).

Used by :mod:`carrieres.analysis` from :data:`ENGINE_THRESHOLD` jobs on when
igraph is installed. The igraph graph is built straight from the career
graph's edge list (the moves the rule allows), without the networkx copy of
the moves that the networkx path works on.

Centrality gives networkx's values: betweenness normalised by (n−1)(n−2), or,
when estimated from the same k sampled sources networkx would draw for the
seed, by k(n−2) — (k−1)(n−2) for the sampled jobs themselves, as networkx 3.5
does; closeness over incoming distances with the Wasserman–Faust factor;
PageRank to 1e-5; eigenvector centrality to 1e-5, scaled to unit length.
Clusters come from igraph's Leiden algorithm with the modularity objective,
not networkx's Louvain: on the same graph the groups can differ, and the
modularity is as high or higher (a test compares both).
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import random
import warnings
from typing import TYPE_CHECKING, Any

from carrieres.graph import allowed

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

ENGINE_THRESHOLD = 1000
"""From this many jobs, analyses run on igraph when it is installed."""

LEIDEN_ITERATIONS = 2
"""Passes of the Leiden algorithm: igraph's default. Iterating until nothing moves
gains little modularity (0.293 → 0.314 on 100,000 random jobs) for 60 times the time."""


def available() -> bool:
    """Whether igraph is installed (``pip install 'carrieres[fast]'``)."""
    return importlib.util.find_spec("igraph") is not None


def sampled_sources(nodes: list[str], k: int | None, seed: int) -> list[str] | None:
    """The sources networkx's betweenness samples for ``k`` and ``seed`` (None: all)."""
    if k is None or k >= len(nodes):
        return None
    return random.Random(seed).sample(nodes, k)


def moves_igraph(G: CareerGraph, moves: list[tuple[str, str]] | None = None) -> tuple[list[str], Any]:
    """The jobs of ``G`` in order, and the moves the rule allows (``moves``, when the
    caller has them already) as a directed igraph graph."""
    ig: Any = importlib.import_module("igraph")
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    if moves is None:
        moves = [(u, v) for u, v in G.edges if allowed(G, u, v)]
    edges = [(index[u], index[v]) for u, v in moves]
    return nodes, ig.Graph(n=len(nodes), edges=edges, directed=True)


def centrality(
    G: CareerGraph, sample: int | None, seed: int, *, with_closeness: bool
) -> dict[str, dict[str, float] | None]:
    """Degrees, betweenness, closeness (or None), PageRank and eigenvector of every job, by igraph."""
    nodes, graph = moves_igraph(G)
    n = len(nodes)
    closeness = None
    if with_closeness:
        reached = graph.neighborhood_size(order=n, mode="in")
        values = graph.closeness(mode="in", normalized=True)
        closeness = {
            node: 0.0 if math.isnan(values[i]) or n < 2 else values[i] * (reached[i] - 1) / (n - 1)
            for i, node in enumerate(nodes)
        }

    def by_node(values: list[float]) -> dict[str, float]:
        return dict(zip(nodes, values, strict=True))

    return {
        "degree": by_node(graph.degree(mode="all")),
        "in_degree": by_node(graph.degree(mode="in")),
        "out_degree": by_node(graph.degree(mode="out")),
        "betweenness": _betweenness(graph, nodes, sampled_sources(nodes, sample, seed)),
        "closeness": closeness,
        "pagerank": by_node(graph.pagerank(directed=True, damping=0.85)),
        "eigenvector": _eigenvector(graph, nodes),
    }


def _betweenness(graph: Any, nodes: list[str], sources: list[str] | None) -> dict[str, float]:
    """Betweenness from all sources or from sampled ones, scaled as networkx (3.5 and later)
    scales it: by the (source, target) pairs that could pass through each job, which are
    fewer for a sampled source, since it cannot lie inside its own routes."""
    n = len(nodes)
    if sources is None:
        raw = graph.betweenness(directed=True)
        scales = [1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0] * n
    else:
        index = {node: i for i, node in enumerate(nodes)}
        raw = graph.betweenness(directed=True, sources=[index[s] for s in sources])
        k, sampled = len(sources), set(sources)
        scales = [1.0 / ((k - 1 if node in sampled else k) * (n - 2)) for node in nodes]
    return {node: value * scale for node, value, scale in zip(nodes, raw, scales, strict=True)}


def _eigenvector(graph: Any, nodes: list[str]) -> dict[str, float]:
    """Eigenvector centrality scaled to unit length, as networkx scales it.

    igraph warns on graphs that are not strongly connected; its values there
    are still networkx's (to 5e-6 on the shipped map), so the warning is not passed on.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        values = graph.eigenvector_centrality(directed=True)
    length = math.sqrt(sum(x * x for x in values)) or 1.0
    return {node: x / length for node, x in zip(nodes, values, strict=True)}


def shape(G: CareerGraph, moves: list[tuple[str, str]]) -> dict[str, Any]:
    """Weak components (of two jobs or more), strongly connected groups, reciprocity and
    degrees of the ``moves``, by igraph; the same values as networkx's."""
    nodes, graph = moves_igraph(G, moves)
    weak = [[nodes[i] for i in members] for members in graph.connected_components(mode="weak")]
    strong = graph.connected_components(mode="strong")
    return {
        "components": [members for members in weak if len(members) > 1],
        "strongly_connected": sum(1 for members in strong if len(members) > 1),
        "reciprocity": graph.reciprocity(ignore_loops=True) if graph.ecount() else 0.0,
        "links": graph.ecount(),
        "in_degree": dict(zip(nodes, graph.degree(mode="in"), strict=True)),
        "out_degree": dict(zip(nodes, graph.degree(mode="out"), strict=True)),
    }


def communities(G: CareerGraph, seed: int, resolution: float) -> tuple[list[list[str]], float]:
    """Leiden communities (modularity objective) of the undirected moves, and their modularity."""
    ig: Any = importlib.import_module("igraph")
    nodes, graph = moves_igraph(G)
    undirected = graph.as_undirected(mode="collapse")
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = undirected.community_leiden(
            objective_function="modularity", resolution=resolution, n_iterations=LEIDEN_ITERATIONS
        )
    finally:
        ig.set_random_number_generator(random)
    groups = [[nodes[i] for i in members] for members in found]
    if not undirected.ecount():
        return groups, 0.0
    return groups, undirected.modularity(found.membership, resolution=resolution)
