"""Centrality on large graphs through igraph (the optional ``fast`` extra), same results as networkx.

Used by :func:`carrieres.analysis.centrality` above :data:`ENGINE_THRESHOLD`
jobs when igraph is installed. Each measure is scaled as networkx scales it:
betweenness normalised by (n−1)(n−2), and by n/k when estimated from the same
k sampled sources networkx would draw for the seed; closeness over incoming
distances with the Wasserman–Faust factor. The eigenvector centrality comes
from networkx's sparse solver (scipy), which may differ from its power
iteration on graphs that are not strongly connected.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import random
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

ENGINE_THRESHOLD = 5000
"""Above this many jobs, centrality runs on igraph when it is installed."""


def available() -> bool:
    """Whether igraph is installed (``pip install 'carrieres[fast]'``)."""
    return importlib.util.find_spec("igraph") is not None


def sampled_sources(moves: CareerGraph, k: int | None, seed: int) -> list[str] | None:
    """The sources networkx's betweenness samples for ``k`` and ``seed`` (None: all)."""
    if k is None or k >= moves.number_of_nodes():
        return None
    return random.Random(seed).sample(list(moves.nodes()), k)


def centrality(moves: CareerGraph, sources: list[str] | None) -> dict[str, dict[str, float] | None]:
    """Betweenness, closeness, PageRank and eigenvector of every node, computed by igraph."""
    ig: Any = importlib.import_module("igraph")
    nodes = list(moves)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    graph = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in moves.edges], directed=True)
    if sources is None:
        raw = graph.betweenness(directed=True)
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    else:
        raw = graph.betweenness(directed=True, sources=[index[s] for s in sources])
        scale = (1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0) * n / len(sources)
    reached = graph.neighborhood_size(order=n, mode="in")
    closeness = graph.closeness(mode="in", normalized=True)
    pagerank = graph.pagerank(directed=True, damping=0.85)
    try:
        eigenvector: dict[str, float] | None = nx.eigenvector_centrality_numpy(moves)
    except (nx.NetworkXException, ArithmeticError):
        eigenvector = None
    return {
        "betweenness": {node: raw[i] * scale for i, node in enumerate(nodes)},
        "closeness": {
            node: 0.0 if math.isnan(closeness[i]) or n < 2 else closeness[i] * (reached[i] - 1) / (n - 1)
            for i, node in enumerate(nodes)
        },
        "pagerank": {node: pagerank[i] for i, node in enumerate(nodes)},
        "eigenvector": eigenvector,
    }
