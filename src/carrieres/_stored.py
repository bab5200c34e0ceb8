"""The costs of a référentiel's moves kept on disk, read back in parts (private).

A route question on ROME 4.0 (1,584 jobs, 19,000 moves) reads the whole
référentiel (6 MB of JSON, 38,000 records) and its card library (8 MB), and
builds the graph, before its first route is searched: a third of a second,
where the search itself takes a few milliseconds once each move's cost is
known. What a route needs of them is small: the cost of each move, and the
records, links and cards of the few jobs on the routes found.

The route commands of the command line (``path``, ``next``) read the
référentiel kept job by job in the cache (:mod:`carrieres._kept`, through
:func:`carrieres.files.stored_referentiel`) and keep its moves
(:func:`weighed_graph`), for one choice of links and one cost request: each
allowed move's cost, in the graph's own order, and the links of each job's
moves, read for the moves of the routes found (see
:data:`carrieres.paths.WEIGHED`).

The moves read back answer as the graph they were weighed on (the tests compare
them route by route and output by output).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from carrieres import _cache
from carrieres._i18n import language
from carrieres._kept import FORMAT, kept
from carrieres.graph import Link, _edge_attributes, build_graph, link_kinds
from carrieres.models import Referentiel
from carrieres.paths import WEIGHED, CostModel, Weight, _weight

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

__all__ = ["weighed_graph"]


def weighed_graph(
    referentiel: Referentiel,
    *,
    edges: str | Sequence[str] | None = None,
    similarity_threshold: float,
    where: Sequence[str] = (),
    costs: CostModel,
    fewest_moves: bool = False,
    max_level_jump: int | None = None,
) -> CareerGraph:
    """The graph :func:`carrieres.build_graph` gives with these links, holding only each allowed
    move's cost under this request, read back from the cache (:data:`carrieres.paths.WEIGHED`);
    the whole graph where the référentiel was not kept or its moves were never weighed so (they are
    then kept for next time).

    Raises as :func:`carrieres.build_graph` and :func:`carrieres.find_paths` do for a request they
    refuse.
    """

    def whole() -> CareerGraph:
        return build_graph(referentiel, edges=edges, similarity_threshold=similarity_threshold, where=where)

    stored = referentiel.derived.get("stored")
    if stored is None:
        return whole()
    # the links' texts (a ROME move's, lifted: "mobility rank 2") are in the language chosen
    links = (edges, similarity_threshold, tuple(where))
    asked = repr((stored, links, costs.to_dict(), fewest_moves, max_level_jump, language()))
    name = _cache.digest("moves", asked.encode())
    state = kept(name, 8)
    if state is not None:
        return _restored_graph(state, referentiel, (costs, fewest_moves, max_level_jump), whole)
    G = whole()
    weight = _weight(G, costs, fewest_moves=fewest_moves, max_level_jump=max_level_jump)
    _cache.store(name, _graph_state(G, weight))
    return G


def _graph_state(G: CareerGraph, weight: Weight) -> tuple[Any, ...]:
    """What :func:`_restored_graph` reads: the graph's attributes, its jobs, the cost of each allowed
    move in the order of each job's successors and of its predecessors, each job's moves' links."""
    ids = list(G)
    index = {job: number for number, job in enumerate(ids)}
    costs = {}
    for u, out in G.succ.items():
        for v, data in out.items():
            cost = weight(u, v, data)
            if cost is not None:
                costs[u, v] = cost
    succ = [[(index[v], costs[u, v]) for v in G.succ[u] if (u, v) in costs] for u in ids]
    pred = [[index[u] for u in G.pred[v] if (u, v) in costs] for v in ids]
    moves = [
        marshal.dumps(
            [(v, [link.row() for link in data["links"]]) for v, data in G.succ[u].items() if (u, v) in costs]
        )
        for u in ids
    ]
    kinds = list(link_kinds(G.graph["referentiel"]))
    return (
        FORMAT,
        G.graph["name"],
        G.graph["edge_kinds"],
        G.graph.get("where"),
        kinds,
        ids,
        succ,
        pred,
        moves,
    )


def _restored_graph(
    state: tuple[Any, ...],
    referentiel: Referentiel,
    request: tuple[Any, ...],
    whole: Callable[[], CareerGraph],
) -> CareerGraph:
    _format, graph_name, edge_kinds, where, kinds, ids, succ, pred, moves = state
    G: CareerGraph = nx.DiGraph(name=graph_name, edge_kinds=edge_kinds, referentiel=referentiel)
    if where is not None:
        G.graph["where"] = where
    successors: dict[str, dict[str, dict[str, Any]]] = G._succ  # type: ignore[attr-defined]
    predecessors: dict[str, dict[str, dict[str, Any]]] = G._pred  # type: ignore[attr-defined]
    nodes: dict[str, dict[str, Any]] = G._node  # type: ignore[attr-defined]
    for u, out in zip(ids, succ, strict=True):
        nodes[u] = {}
        successors[u] = {ids[v]: {"cost": cost} for v, cost in out}
    for v, into in zip(ids, pred, strict=True):
        predecessors[v] = {ids[u]: successors[ids[u]][v] for u in into}
    rank = {kind: number for number, kind in enumerate(kinds)}
    position = {job: number for number, job in enumerate(ids)}
    read: set[str] = set()

    def read_moves(pairs: Sequence[tuple[str, str]]) -> None:
        for u in sorted({u for u, _v in pairs} - read):
            read.add(u)
            for v, rows in marshal.loads(moves[position[u]]):
                successors[u][v].update(_edge_attributes([Link.from_row(row) for row in rows], rank))

    G.graph.update({WEIGHED: request, "read_moves": read_moves, "whole": whole})
    return G
