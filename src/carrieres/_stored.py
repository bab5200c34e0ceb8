"""A référentiel and its moves' costs kept on disk, read back in parts (private).

A route question on ROME 4.0 (1,584 jobs, 19,000 moves) reads the whole
référentiel (6 MB of JSON, 38,000 records) and its card library (8 MB), and
builds the graph, before its first route is searched: a third of a second,
where the search itself takes a few milliseconds once each move's cost is
known. What a route needs of them is small: the cost of each move, and the
records, links and cards of the few jobs on the routes found.

The route commands of the command line (``path``, ``next``) keep both in the
cache (:mod:`carrieres._cache`) the first time they are asked, and later read
back only what a question reaches:

- the référentiel (:func:`stored_referentiel`): each job, each card and each
  card item as its own JSON text, and the names the resolver reads, read back
  as a :class:`StoredReferentiel`, which decodes a job when it is first asked
  for (and every job where a command asks for all of them);
- its moves (:func:`weighed_graph`), for one choice of links and one cost
  request: each allowed move's cost, in the graph's own order, and the links
  of each job's moves, read for the moves of the routes found (see
  :data:`carrieres.paths.WEIGHED`).

A stored référentiel answers as the one it was read from (the tests compare
them job by job, route by route and output by output). The cache tells the
files it came from by their path, size and time of change, as it tells the
package's own modules.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from carrieres import _cache
from carrieres._i18n import language
from carrieres._shipped import shipped_file
from carrieres.files import ALIASES, BUILT_IN, CARD_FILES, CROSSWALKS, card_library_for, load_referentiel
from carrieres.graph import Link, _edge_attributes, build_graph, link_kinds
from carrieres.models import CardMove, Job, Referentiel, resolver_inputs
from carrieres.names import Resolver
from carrieres.paths import WEIGHED, CostModel, Weight, _weight
from carrieres.skills import CardLibrary

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

__all__ = ["StoredReferentiel", "stored_referentiel", "weighed_graph"]

FORMAT = "carrieres._stored/1"
"""The shape of the values this module keeps: another shape is never read back."""


def _inputs(source: str | Path | None, fiche_only: bool) -> bytes | None:
    """What tells a référentiel's files from others: the name or path asked for, and each file it
    may be read from (the shipped ones, and the file named), by path, size and time of change;
    ``None`` where a file named cannot be read (loading it says why)."""
    shipped = [*BUILT_IN.values(), *(f for files in CROSSWALKS.values() for f in files), *CARD_FILES.values()]
    paths = [shipped_file(name) for name in shipped]
    if source is not None and not (isinstance(source, str) and (source in BUILT_IN or source in ALIASES)):
        paths.append(Path(source).resolve())
    told = [repr((None if source is None else str(source), fiche_only))]
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            return None
        told.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
    return "\n".join(told).encode()


def stored_referentiel(source: str | Path | None = None, *, fiche_only: bool = False) -> Referentiel:
    """The référentiel :func:`carrieres.load_referentiel` gives, read back from the cache where it
    was kept (a :class:`StoredReferentiel`), else loaded and kept.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> stored = stored_referentiel("rome-v4")
    >>> stored.job("DBA").title == load_referentiel("rome-v4").job("DBA").title
    True
    """
    inputs = _inputs(source, fiche_only)
    if inputs is None or not _cache.writable():  # where nothing can be kept, nothing is prepared
        return load_referentiel(source, fiche_only=fiche_only)
    name = _cache.digest("referentiel", inputs)
    state = _kept(name, 7)
    if state is not None:
        return StoredReferentiel.restored(state, name)
    loaded = load_referentiel(source, fiche_only=fiche_only)
    if _cache.store(name, _referentiel_state(loaded)):
        loaded.derived["stored"] = name  # its moves are kept too (weighed_graph)
    return loaded


def _kept(name: str, fields: int) -> tuple[Any, ...] | None:
    """The value kept under ``name`` where it has this module's shape (:data:`FORMAT`, then
    ``fields`` values), else ``None``: computed again."""
    state = _cache.load(name)
    shaped = isinstance(state, tuple) and len(state) == fields + 1 and state[0] == FORMAT
    return state if shaped else None


def _text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _plain(referentiel: Referentiel, **fields: Any) -> Referentiel:
    """A plain :class:`~carrieres.models.Referentiel` of the same fields (these changed), made
    without a check."""
    plain = object.__new__(Referentiel)
    plain.__dict__.update({name: getattr(referentiel, name) for name in Referentiel.field_names()}, **fields)
    return plain


def _head(referentiel: Referentiel) -> dict[str, Any]:
    """The référentiel's fields but its jobs, as JSON-ready data (its jobs are written one by one)."""
    head = _plain(referentiel, jobs=[]).to_dict()
    del head["jobs"]
    return head


def _referentiel_state(referentiel: Referentiel) -> tuple[Any, ...]:
    head = _head(referentiel)
    library = None
    if referentiel.cards:
        cards = card_library_for(referentiel)
        counts, counted = cards._counts
        library = (
            cards.version,
            cards.credit,
            {code: _text(item) for code, item in cards.items.items()},
            {code: _text(card) for code, card in cards.cards.items()},
            dict(counts),
            counted,
        )
    rows, families = resolver_inputs(referentiel.jobs)
    return (
        FORMAT,
        _text(head),
        [job.id for job in referentiel.jobs],
        [_text(job.to_dict()) for job in referentiel.jobs],
        rows,
        families,
        referentiel.has_fiches,
        library,
    )


class _Decoded(Mapping[str, Any]):
    """A mapping whose values are kept as JSON texts and decoded when first asked for (and made
    into records by ``build`` where it is given)."""

    def __init__(self, texts: Mapping[str, str], build: Callable[[Any], Any] | None = None) -> None:
        self._texts = texts
        self._build = build
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            data = json.loads(self._texts[key])
            self._values[key] = data if self._build is None else self._build(data)
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


class StoredReferentiel(Referentiel):
    """A référentiel read back from the cache (:func:`stored_referentiel`): a job is decoded when
    it is first asked for by id or name, and every job where :attr:`jobs` is read, so that a
    question about a few jobs reads only theirs. It compares, prints and writes as the
    référentiel it was kept from.
    """

    @classmethod
    def restored(cls, state: tuple[Any, ...], name: str) -> StoredReferentiel:
        """The référentiel a value of :func:`_referentiel_state` holds, kept under ``name``."""
        _format, head, ids, texts, rows, families, has_fiches, library = state
        made = object.__new__(cls)
        values = made.__dict__
        values.update(Referentiel.from_checked({**json.loads(head), "jobs": []}).__dict__)
        del values["jobs"]  # read on demand: __getattr__
        derived: dict[str, Any] = {"stored": name}
        if library is not None:
            version, credit, items, cards, counts, counted = library
            kept = CardLibrary(version, credit, _Decoded(items), _Decoded(cards))
            kept.__dict__["_counts"] = (counts, counted)
            derived["card_library"] = kept
        values.update(
            _by_id=_Decoded(dict(zip(ids, texts, strict=True)), Job.from_checked),
            has_fiches=has_fiches,
            derived=derived,
            _names=(rows, families),
        )
        return made

    def __getattr__(self, name: str) -> Any:
        if name != "jobs":
            raise AttributeError(name)
        jobs = self.__dict__["jobs"] = list(self._by_id.values())
        return jobs

    @cached_property
    def resolver(self) -> Resolver:
        """The name resolver, made from the names kept (no job decoded)."""
        rows, families = self.__dict__.get("_names") or resolver_inputs(self.jobs)
        return Resolver(rows, families)

    def __len__(self) -> int:
        return len(self._by_id)

    def whole(self) -> Referentiel:
        """The same référentiel as a plain :class:`~carrieres.models.Referentiel`, every job read."""
        return _plain(self)

    def __eq__(self, other: object) -> bool:
        mine = self.whole()
        return mine == (other.whole() if isinstance(other, StoredReferentiel) else other)

    def __hash__(self) -> int:
        return hash(self.whole())

    def to_dict(self) -> dict[str, Any]:
        """The référentiel as JSON-ready data, as the one it was kept from gives it."""
        return self.whole().to_dict()


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

    kept = referentiel.derived.get("stored")
    if kept is None:
        return whole()
    # the links' texts (a ROME move's, lifted: "mobility rank 2") are in the language chosen
    links = (edges, similarity_threshold, tuple(where))
    asked = repr((kept, links, costs.to_dict(), fewest_moves, max_level_jump, language()))
    name = _cache.digest("moves", asked.encode())
    state = _kept(name, 8)
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
            [
                (v, [_link_row(link) for link in data["links"]])
                for v, data in G.succ[u].items()
                if (u, v) in costs
            ]
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


def _link_row(link: Link) -> tuple[Any, ...]:
    move = None if link.move is None else link.move.to_dict()
    shared = list(link.shared)
    return (
        link.source,
        link.target,
        link.kind,
        link.fiche,
        link.line,
        link.text,
        link.group,
        link.score,
        shared,
        move,
        dict(link.attributes),
    )


def _link(row: Sequence[Any]) -> Link:
    source, target, kind, fiche, line, text, group, score, shared, move, attributes = row
    card_move = None if move is None else CardMove.from_checked(move)
    return Link(source, target, kind, fiche, line, text, group, score, tuple(shared), card_move, attributes)


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
                successors[u][v].update(_edge_attributes([_link(row) for row in rows], rank))

    G.graph.update({WEIGHED: request, "read_moves": read_moves, "whole": whole})
    return G
