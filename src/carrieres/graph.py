"""The career graph: jobs as nodes, the référentiel's links as directed edges.

:func:`build_graph` turns a :class:`~carrieres.models.Referentiel` into a plain
``networkx.DiGraph``. This docstring is the one place where every attribute is
documented.

Graph attributes (``G.graph``)
------------------------------
``name``
    The référentiel's name.
``edge_kinds``
    The edge kinds the graph was built with, comma-separated.
``where``
    The conditions the links were kept by (:class:`LinkCondition`), when some were given.
``referentiel``
    The :class:`~carrieres.models.Referentiel` itself (not exported to files).

Node attributes (the key is the job id)
---------------------------------------
``title``, ``family``, ``subfamily``
    As in the référentiel (``family``/``subfamily`` are ``""`` when unknown).
``has_fiche``
    Whether the job has a detailed fiche.
``education_min``, ``education_max``
    Bac+N asked for (``0`` is the Bac), ``None`` when the fiche does not say.
``experience_min_years``, ``experience_max_years``
    Years of experience asked for, ``None`` when the fiche does not say.
``beginner_ok``
    ``True``, ``False`` or ``None`` (not said).
``prior_roles``
    Tuple of the ids of the jobs the fiche requires experience in: the job is
    entered only from one of them (empty: from anywhere).
*the job's own attributes*
    Every value of :attr:`~carrieres.models.Job.attributes` under its name (a
    table's extra columns, ROME 4.0's flags); absent where the source gives none.

Edge attributes (``u → v`` is a possible move from ``u`` to ``v``)
------------------------------------------------------------------
``kind``
    ``"prerequisite"``: the fiche of ``v`` requires prior experience as ``u``;
    ``"proximity"``: the fiche of ``u`` lists ``v`` among its *emplois-types de
    proximité*; ``"rome"``: no fiche links the two jobs, but the ROME links
    ``u``'s card to ``v``'s card (a move lifted from a crosswalk, see
    :func:`carrieres.crosswalk.lift_moves`);
    ``"reverse_proximity"`` (inferred): the fiche of ``v`` lists
    ``u`` and ``u``'s fiche does not list ``v``; ``"similarity"`` (inferred,
    both ways): the two fiches share enough terms (see
    :mod:`carrieres.similarity`). When several kinds link the same pair,
    ``kind`` is the first of that order and ``kinds`` lists them all.
``kinds``
    Tuple of every kind linking the pair.
``inferred``
    ``True`` when the link is not stated by the référentiel (only inferred kinds).
``fiche``, ``line``, ``text``
    The job whose fiche states the (first) link, the line, and the sentence or
    list entry that states it; for a ``rome`` link, no fiche, line 0, and the
    ROME link in words (version, both cards' codes and titles, type and rank).
``group``
    The group reference the link was expanded from (``"Métiers du conseil"``,
    ``"Administrateur (système, réseaux, bases de données)"``), else ``""``.
``fiche_similarity``
    The similarity of the two fiches, only on an edge with a ``similarity`` link.
``shared_terms``
    Tuple of the terms the two fiches share, for a ``similarity`` link.
*the link's own attributes*
    Every value of :attr:`~carrieres.models.Reference.attributes` under its name
    (a table's extra columns: a similarity, a count, flags such as ``viable``);
    absent where the source gives none. When several links join the pair, the
    first that has a value gives it.
``links``
    Tuple of every :class:`Link` behind the edge, first kind first.

Examples
--------
>>> from carrieres import load_referentiel
>>> G = build_graph(load_referentiel())
>>> G.number_of_nodes()
41
>>> G.edges["ingenieur-administrateur-systeme-et-reseaux", "ingenieur-securite"]["kinds"]
('prerequisite', 'proximity')
"""

from __future__ import annotations

import functools
import marshal
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx

from carrieres import _cache, _kept
from carrieres._i18n import N_, _, decimal, language
from carrieres._records import no_collection
from carrieres._text import FLAG_WORDS
from carrieres.exceptions import RequestError
from carrieres.models import AttributeValue, CardMove, Crosswalk, Job, Reference, Referentiel
from carrieres.names import name_forms
from carrieres.similarity import DEFAULT_THRESHOLD, similar_pairs

if TYPE_CHECKING:
    CareerGraph: TypeAlias = nx.DiGraph[str]
    """A career graph: job ids as nodes (see the module docstring)."""

__all__ = [
    "DEFAULT_EDGE_KINDS",
    "EDGE_KINDS",
    "INFERRED_KINDS",
    "LIFTED_KIND",
    "LINK_LABELS",
    "SKILLS_KIND",
    "Link",
    "LinkCondition",
    "build_graph",
    "card_name",
    "describe_move",
    "link_attribute_names",
    "link_kinds",
    "link_label",
    "moves_graph",
    "moves_view",
    "parse_conditions",
    "parse_edge_kinds",
    "require_jobs",
    "stated_kinds",
]

EDGE_KINDS = ("prerequisite", "proximity", "rome", "skills", "reverse_proximity", "similarity")
"""The kinds of link of a référentiel read from fiches, in order of precedence."""

DEFAULT_EDGE_KINDS = ("proximity", "prerequisite")
"""The kinds a référentiel of fiches states itself."""

LIFTED_KIND = "rome"
"""The kind of the moves lifted from a crosswalk to the ROME: used by default, after the fiches' own."""

INFERRED_KINDS = frozenset({"reverse_proximity", "similarity"})
"""The kinds carrieres infers; they are never included unless asked for."""

SKILLS_KIND = "skills"
"""The kind of the links between jobs whose ROME 4.0 cards list the same skills: used by default
wherever card content is (:attr:`carrieres.models.Referentiel.cards`)."""

SKILLS_NEAREST = 10
"""How many jobs a job's ``skills`` links reach at most: those whose skills it lists the most of."""

SKILLS_THRESHOLD = 0.15
"""The lowest share of the target's skills (weighted, see :meth:`carrieres.skills.CardLibrary.overlaps`)
a ``skills`` link needs."""

SKILLS_ATTRIBUTES = ("score", "shared", "core_shared", "of")
"""The values a ``skills`` link carries, for ``--where`` and ``--weights``."""


def link_kinds(referentiel: Referentiel) -> tuple[str, ...]:
    """Every kind of link available on a référentiel: those it states, then the inferred ones.

    A référentiel of fiches states ``prerequisite`` and ``proximity``; one
    imported from ROME states ``proche`` and ``evolution`` (v3) or
    ``mobilite`` (4.0); a table of links states the kinds in its kind column.
    A référentiel with a crosswalk to the ROME also has the ``rome`` moves
    lifted from it.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> link_kinds(load_referentiel())
    ('prerequisite', 'proximity', 'rome', 'skills', 'reverse_proximity', 'similarity')
    """
    known: tuple[str, ...] | None = referentiel.derived.get(_LINK_KINDS)
    if known is None:
        known = referentiel.derived[_LINK_KINDS] = _link_kinds(referentiel)
    return known


_LINK_KINDS = "graph.link_kinds"
"""The key of :func:`link_kinds` in :attr:`~carrieres.models.Referentiel.derived`."""


def _link_kinds(referentiel: Referentiel) -> tuple[str, ...]:
    stated = {reference.kind for job in referentiel.jobs for reference in job.proximity}
    if any(job.prerequisites.prior_role_references for job in referentiel.jobs):
        stated.add("prerequisite")
    if any(crosswalk.moves for crosswalk in referentiel.crosswalks):
        stated.add(LIFTED_KIND)
    if referentiel.cards:
        stated.add(SKILLS_KIND)
    known = [kind for kind in EDGE_KINDS if kind in stated]
    return (*known, *sorted(stated - set(EDGE_KINDS)), "reverse_proximity", "similarity")


LINK_LABELS = {
    "prerequisite": N_("prior experience required"),
    "proximity": N_("related job (fiche)"),
    "reverse_proximity": N_("related job, read backwards (inferred)"),
    "similarity": N_("similar fiches (inferred)"),
    "skills": N_("shared skills (ROME 4.0 cards)"),
}
"""What each kind of link means, as a picture's legend says it (in English; :func:`link_label`
says it in the language in use)."""


def link_label(kind: str, referentiel: Referentiel) -> str:
    """The legend of a kind of link: :data:`LINK_LABELS`, the ROME version for a lifted move, else the kind.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> link_label("rome", load_referentiel())
    'ROME 4.0 move (no fiche states it)'
    """
    if kind == LIFTED_KIND:
        versions = ", ".join(dict.fromkeys(c.version for c in referentiel.crosswalks if c.moves)) or "ROME"
        return _("{versions} move (no fiche states it)").format(versions=versions)
    return _(LINK_LABELS[kind]) if kind in LINK_LABELS else kind


def stated_kinds(referentiel: Referentiel) -> tuple[str, ...]:
    """The kinds of link the référentiel states itself: the default edges of its graph."""
    return tuple(kind for kind in link_kinds(referentiel) if kind not in INFERRED_KINDS)


@dataclass(slots=True)
class Link:
    """One reason for an edge: the kind, and where the référentiel says it.

    Treat it as read-only: it is not frozen only because a graph of 100,000 jobs
    makes half a million of them, and a frozen dataclass takes three times as
    long to build.
    """

    source: str
    target: str
    kind: str
    fiche: str
    line: int
    text: str
    group: str
    score: float = 0.0
    shared: tuple[str, ...] = ()
    move: CardMove | None = None
    """For a ``rome`` link, the ROME link it was lifted from."""
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)
    """The link's own values in its source (see :attr:`carrieres.models.Reference.attributes`)."""

    @property
    def inferred(self) -> bool:
        """Whether carrieres inferred the link rather than read it."""
        return self.kind in INFERRED_KINDS

    def row(self) -> tuple[Any, ...]:
        """The link as plain values, the way the cache keeps it (:meth:`from_row` reads it back).

        Examples
        --------
        >>> link = Link("a", "b", "proximity", "a", 12, "B", "")
        >>> Link.from_row(link.row()) == link
        True
        """
        move = None if self.move is None else self.move.to_dict()
        return (
            *(self.source, self.target, self.kind, self.fiche, self.line, self.text, self.group),
            *(self.score, self.shared, move, dict(self.attributes)),
        )

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Link:
        """The link a :meth:`row` holds."""
        source, target, kind, fiche, line, text, group, score, shared, move, attributes = row
        card_move = None if move is None else CardMove.from_checked(move)
        return cls(source, target, kind, fiche, line, text, group, score, shared, card_move, attributes)


_CONDITION = re.compile(r"^\s*(?P<name>[^<>=!]+?)\s*(?P<operator>>=|<=|!=|==|=|>|<)\s*(?P<value>.*?)\s*$")
_NEXT_CONDITION = re.compile(r",(?=[^,<>=!]+(?:>=|<=|!=|==|=|>|<))")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


@dataclass(frozen=True)
class LinkCondition:
    """A condition on a link's attributes: ``similarity>=0.3``, ``viable=true``, ``sector!=health``.

    A link lacking the attribute does not meet the condition. Numbers compare
    as numbers, flags (``true``/``false``) and texts only with ``=`` and ``!=``.

    Examples
    --------
    >>> condition = LinkCondition.parse("similarity >= 0.3")
    >>> condition.holds({"similarity": 0.5}), condition.holds({"similarity": 0.1}), condition.holds({})
    (True, False, False)
    >>> LinkCondition.parse("viable=true").holds({"viable": True})
    True
    """

    name: str
    operator: str
    value: AttributeValue

    def __str__(self) -> str:
        value = decimal(self.value) if isinstance(self.value, float) else str(self.value).lower()
        return f"{self.name}{self.operator}{value}"

    @classmethod
    def parse(cls, text: str) -> LinkCondition:
        """A condition from ``NAME OPERATOR VALUE`` (operators: = != > >= < <=).

        Raises
        ------
        RequestError
            Not a condition, or an order (``>``…) on a flag or a text.
        """
        found = _CONDITION.match(text)
        if not found or not found["value"]:
            msg = _("{text} is not a condition such as similarity>=0.3 or viable=true").format(
                text=repr(text)
            )
            raise RequestError(msg)
        word = found["value"]
        value: AttributeValue = FLAG_WORDS.get(word.lower(), word)
        if _NUMBER.fullmatch(word):
            value = float(word)
        if found["operator"] not in {"=", "==", "!="} and not isinstance(value, float):
            msg = _("{text}: only numbers compare with {operator}").format(
                text=repr(text), operator=found["operator"]
            )
            raise RequestError(msg)
        return cls(found["name"], found["operator"], value)

    def holds(self, attributes: Mapping[str, AttributeValue]) -> bool:
        """Whether a link with these attributes meets the condition."""
        if self.name not in attributes:
            return False
        have = attributes[self.name]
        if isinstance(self.value, float) != (isinstance(have, int | float) and not isinstance(have, bool)):
            return self.operator == "!="
        return _COMPARE[self.operator](have, self.value)


def parse_conditions(conditions: str | Iterable[str | LinkCondition]) -> tuple[LinkCondition, ...]:
    """Conditions from ``"similarity>=0.3,viable=true"`` or an iterable of texts or conditions."""
    given = [conditions] if isinstance(conditions, str) else list(conditions)
    parts = [
        part for c in given for part in ([c] if isinstance(c, LinkCondition) else _NEXT_CONDITION.split(c))
    ]
    return tuple(
        c if isinstance(c, LinkCondition) else LinkCondition.parse(c) for c in parts if str(c).strip()
    )


def parse_edge_kinds(kinds: str | Iterable[str], available: Iterable[str] = EDGE_KINDS) -> tuple[str, ...]:
    """Edge kinds from ``"proximity,prerequisite"`` or an iterable, checked against ``available``.

    Raises
    ------
    RequestError
        An unknown kind, or none at all.

    Examples
    --------
    >>> parse_edge_kinds("proximity, reverse_proximity")
    ('proximity', 'reverse_proximity')
    """
    names = kinds.split(",") if isinstance(kinds, str) else list(kinds)
    chosen = tuple(dict.fromkeys(name.strip() for name in names if name.strip()))
    choices = tuple(available)
    unknown = [name for name in chosen if name not in choices]
    if unknown or not chosen:
        msg = _("unknown edge kind {kinds}; choose among {choices}").format(
            kinds=", ".join(unknown) or _("(none given)"), choices=", ".join(choices)
        )
        raise RequestError(msg)
    return chosen


def iter_links(
    referentiel: Referentiel,
    *,
    similarity_threshold: float | None = None,
    reverse: bool = True,
    skills: bool = True,
) -> Iterator[Link]:
    """Every link the référentiel states or implies, in document order.

    ``skills`` links (where the référentiel has card content) come after the
    stated ones and the ROME moves; reverse links after them (unless
    ``reverse`` is false); similarity links come last, and only when a
    threshold is given.
    """
    stated: set[tuple[str, str]] = set()
    proximity: list[Link] = []
    for job in referentiel.jobs:
        for reference in job.proximity:
            for target in reference.ids:
                if target != job.id:
                    stated.add((job.id, target))
                    proximity.append(_link(job.id, target, reference.kind, job, reference))
        for reference in job.prerequisites.prior_role_references:
            sentence = job.prerequisites.sources.get("prior_roles")
            for source in reference.ids:
                if source != job.id:
                    yield _link(
                        source, job.id, "prerequisite", job, reference, sentence.text if sentence else None
                    )
    yield from proximity
    for crosswalk in referentiel.crosswalks:
        for move in crosswalk.moves:
            yield Link(
                move.source, move.target, LIFTED_KIND, "", 0, describe_move(move, crosswalk), "", move=move
            )
    if skills and referentiel.cards:
        yield from _skill_links(referentiel)
    for link in proximity if reverse else ():
        if (link.target, link.source) not in stated:
            yield Link(
                link.target, link.source, "reverse_proximity", link.fiche, link.line, link.text, link.group
            )
    if similarity_threshold is not None:
        for pair in similar_pairs(referentiel, threshold=similarity_threshold):
            text = f"the fiches share {len(pair.shared)} terms ({pair.score:.0%}): {', '.join(pair.shared)}"
            for source, target in ((pair.source, pair.target), (pair.target, pair.source)):
                yield Link(source, target, "similarity", "", 0, text, "", pair.score, pair.shared)


def _skill_links(referentiel: Referentiel) -> Iterator[Link]:
    """A ``skills`` link from each job to the :data:`SKILLS_NEAREST` jobs whose card's skills its
    card lists the most of (at least :data:`SKILLS_THRESHOLD`); jobs of one card are not linked."""
    from carrieres.files import card_library_for  # noqa: PLC0415 - only référentiels with cards
    from carrieres.rome_cards import card_code  # noqa: PLC0415

    jobs_of: dict[str, list[str]] = {}
    for job in referentiel.jobs:
        code = card_code(referentiel, job, referentiel.cards)
        if code is not None:
            jobs_of.setdefault(code, []).append(job.id)
    library = card_library_for(referentiel)
    for overlap in library.overlaps(jobs_of, nearest=SKILLS_NEAREST, threshold=SKILLS_THRESHOLD):
        values = {name: getattr(overlap, name) for name in SKILLS_ATTRIBUTES}
        for source in jobs_of[overlap.source]:
            for target in jobs_of[overlap.target]:
                text = f"{overlap.source} → {overlap.target}"
                yield Link(source, target, SKILLS_KIND, "", 0, text, "", overlap.score, attributes=values)


@functools.lru_cache(maxsize=4096)
def card_name(title: str) -> str:
    """A card's title as a job title reads: the masculine of a gendered title.

    Examples
    --------
    >>> card_name("Développeur / Développeuse informatique")
    'Développeur informatique'
    """
    return name_forms(title)[1] if " / " in title else title


def describe_move(move: CardMove, crosswalk: Crosswalk) -> str:
    """A lifted move in words: the ROME link behind it, with its version, type and rank.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> crosswalk = load_referentiel().crosswalk("rome-v4")
    >>> pair = ("developpeur", "directeur-technique")
    >>> move = next(m for m in crosswalk.moves if (m.source, m.target) == pair)
    >>> describe_move(move, crosswalk)  # doctest: +NORMALIZE_WHITESPACE
    "ROME 4.0: M1805 Développeur informatique → M1803 Directeur des systèmes d'information -DSI-
    (mobility rank 2)"
    """

    def card(code: str, title: str) -> str:
        return f"{code} {card_name(title)}"

    text = _("{version}: {source} → {target}").format(
        version=crosswalk.version,
        source=card(move.source_card.code, move.source_card.title),
        target=card(move.target_card.code, move.target_card.title),
    )
    if move.through == "parent":
        text += _(", through the ROME link {source} → {target}").format(
            source=card(move.link_from.code, move.link_from.title),
            target=card(move.link_to.code, move.link_to.title),
        )
    if move.rank is not None:
        kind = _("mobility rank {rank}").format(rank=move.rank)
    else:
        kind = move.kind.replace("evolution", "évolution")
    return f"{text} ({kind})"


def _link(
    source: str, target: str, kind: str, job: Job, reference: Reference, text: str | None = None
) -> Link:
    group = reference.text if reference.how == "group" else ""
    return Link(
        source,
        target,
        kind,
        job.id,
        reference.line,
        text or reference.text,
        group,
        attributes=reference.attributes,
    )


def build_graph(
    referentiel: Referentiel,
    *,
    edges: str | Iterable[str] | None = None,
    similarity_threshold: float = DEFAULT_THRESHOLD,
    where: str | Iterable[str | LinkCondition] = (),
) -> CareerGraph:
    """The career graph of a référentiel.

    Parameters
    ----------
    referentiel
        The jobs and their fiches.
    edges
        The edge kinds to include (see the module docstring and
        :func:`link_kinds`), as names or a comma-separated string. Default:
        the kinds the référentiel states itself.
    similarity_threshold
        The minimum similarity of two fiches for a ``similarity`` link, when
        that kind is asked for.
    where
        Conditions on the links' attributes (:class:`LinkCondition`), as texts,
        comma-separated or in an iterable: only the links that meet them all
        are kept (``"similarity>=0.3,viable=true"``).

    Returns
    -------
    networkx.DiGraph
        One node per job, one edge per pair of jobs some link joins. The graph of
        a référentiel :func:`carrieres.load_referentiel` kept in the cache (2,000
        jobs or more) is kept there too, for these ``edges``, ``where`` and
        threshold and the language in use, and read back the next time
        (100,000 jobs: 1.8 s instead of 2.6 s and its jobs' 4 s of loading).

    Raises
    ------
    RequestError
        An unknown edge kind, a threshold outside (0, 1], a condition that
        cannot be read or names an attribute no link has.

    Examples
    --------
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> G = carrieres.build_graph(ref)
    >>> G.number_of_nodes(), G.graph["edge_kinds"]
    (41, 'prerequisite,proximity,rome,skills')
    >>> move = G.edges["ingenieur-administrateur-systeme-et-reseaux", "ingenieur-securite"]
    >>> move["kind"], move["kinds"], move["line"]
    ('prerequisite', ('prerequisite', 'proximity'), 1691)

    The fiches' own links only, or only the links that meet a condition:

    >>> carrieres.build_graph(ref, edges="proximity,prerequisite").number_of_edges()
    96
    >>> carrieres.build_graph(ref, where="score>=0.3").number_of_edges()
    17
    """
    conditions = parse_conditions(where)
    asked = edges if edges is None or isinstance(edges, str) else tuple(edges)
    stored = referentiel.derived.get("stored")
    with no_collection():
        if stored is None or len(referentiel) < _kept.KEEP_FROM:
            return _build(referentiel, asked, similarity_threshold, conditions)[0]
        # kept beside the référentiel (carrieres._kept); a lifted ROME move's text is translated
        request = (stored, asked, similarity_threshold, tuple(map(str, conditions)), language())
        name = _cache.digest("graph", repr(request).encode())
        state = _kept.kept(name, 5)
        if state is not None:
            return _restored(state, referentiel)
        G, pairs = _build(referentiel, asked, similarity_threshold, conditions)
        _cache.store(name, _graph_state(G, pairs))
        return G


def _graph_state(G: CareerGraph, pairs: Sequence[tuple[str, str]]) -> tuple[Any, ...]:
    """What :func:`_restored` reads: the graph's attributes; the référentiel's :func:`link_kinds`
    (which read all its jobs); the jobs and their attributes; the edges in the order they were
    added (so that each job's successors and predecessors keep theirs), their links as rows,
    :data:`_EDGES_AT_ONCE` at a time (written as they come, never all held as rows at once)."""
    index = {job: number for number, job in enumerate(G)}
    successors = G._succ  # type: ignore[attr-defined]
    edges = []
    for start in range(0, len(pairs), _EDGES_AT_ONCE):
        some = pairs[start : start + _EDGES_AT_ONCE]
        data = [successors[u][v] for u, v in some]
        rows = [{**attributes, "links": [link.row() for link in attributes["links"]]} for attributes in data]
        edges.append(marshal.dumps(([index[u] for u, _v in some], [index[v] for _u, v in some], rows)))
    return (
        _kept.FORMAT,
        {name: value for name, value in G.graph.items() if name != "referentiel"},
        link_kinds(G.graph["referentiel"]),
        list(G),
        [G._node[job] for job in G],  # type: ignore[attr-defined]
        edges,
    )


_EDGES_AT_ONCE = 20_000
"""The edges :func:`_graph_state` writes at once."""


def _restored(state: tuple[Any, ...], referentiel: Referentiel) -> CareerGraph:
    """The graph a value of :func:`_graph_state` holds, of this référentiel."""
    _format, graph, kinds, ids, nodes, edges = state
    referentiel.derived.setdefault(_LINK_KINDS, kinds)  # as the référentiel's jobs say: not read
    G: CareerGraph = nx.DiGraph(name=graph.pop("name"), edge_kinds=graph.pop("edge_kinds"))
    G.graph.update(referentiel=referentiel, **graph)
    successors, predecessors = G._succ, G._pred  # type: ignore[attr-defined]
    for job, attributes in zip(ids, nodes, strict=True):
        G._node[job] = attributes  # type: ignore[attr-defined]
        successors[job] = {}
        predecessors[job] = {}
    from_row = Link.from_row
    for some in edges:
        sources, targets, data = marshal.loads(some)
        for u, v, attributes in zip(sources, targets, data, strict=True):
            attributes["links"] = tuple([from_row(row) for row in attributes["links"]])
            successors[ids[u]][ids[v]] = predecessors[ids[v]][ids[u]] = attributes
    return G


def _build(
    referentiel: Referentiel,
    edges: str | Iterable[str] | None,
    similarity_threshold: float,
    conditions: Sequence[LinkCondition],
) -> tuple[CareerGraph, list[tuple[str, str]]]:
    """The graph, and its edges in the order they were added."""
    _check_condition_names(referentiel, conditions)
    available = link_kinds(referentiel)
    kinds = stated_kinds(referentiel) if edges is None else parse_edge_kinds(edges, available)
    threshold = similarity_threshold if "similarity" in kinds else None
    G: CareerGraph = nx.DiGraph(name=referentiel.name, edge_kinds=",".join(kinds), referentiel=referentiel)
    if conditions:
        G.graph["where"] = ",".join(map(str, conditions))
    G.add_nodes_from((job.id, node_attributes(job)) for job in referentiel.jobs)
    by_pair: dict[tuple[str, str], list[Link]] = {}
    wanted = set(kinds)
    for link in iter_links(
        referentiel,
        similarity_threshold=threshold,
        reverse="reverse_proximity" in wanted,
        skills=SKILLS_KIND in wanted,
    ):
        if link.kind in wanted and all(condition.holds(link.attributes) for condition in conditions):
            pair = (link.source, link.target)
            found = by_pair.get(pair)
            if found is None:
                by_pair[pair] = [link]
            else:
                found.append(link)
    rank = {kind: index for index, kind in enumerate(available)}
    _add_edges(
        G, ((source, target, _edge_attributes(links, rank)) for (source, target), links in by_pair.items())
    )
    return G, list(by_pair)


def _add_edges(G: CareerGraph, edges: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """Add new edges between nodes already in ``G``, each with its own attribute dict.

    What ``G.add_edges_from`` does for a pair not yet joined, without its
    checks and copies (three times faster at 500,000 edges): the dict becomes the
    edge's data, in the successor and predecessor maps networkx documents for
    subclasses.
    """
    successors, predecessors = G._succ, G._pred  # type: ignore[attr-defined]
    for source, target, data in edges:
        successors[source][target] = predecessors[target][source] = data


def _edge_attributes(links: list[Link], rank: Mapping[str, int]) -> dict[str, Any]:
    """The attributes of the edge the ``links`` of one pair make (see the module docstring)."""
    if len(links) > 1:
        links.sort(key=lambda link: rank[link.kind])
        evidence = (LIFTED_KIND, SKILLS_KIND)  # what carrieres adds where no fiche speaks
        if any(not link.inferred and link.kind not in evidence for link in links):
            links[:] = [link for link in links if link.kind not in evidence]
    first = links[0]
    if len(links) == 1:  # most pairs: one link says it all
        return {
            "kind": first.kind,
            "kinds": (first.kind,),
            "inferred": first.kind in INFERRED_KINDS,
            "fiche": first.fiche,
            "line": first.line,
            "text": first.text,
            "group": first.group,
            **({"fiche_similarity": first.score} if first.kind == "similarity" else {}),
            "shared_terms": first.shared,
            "links": (first,),
            **first.attributes,
        }
    similarity = [link.score for link in links if link.kind == "similarity"]
    return {
        "kind": first.kind,
        "kinds": tuple(dict.fromkeys(link.kind for link in links)),
        "inferred": all(link.inferred for link in links),
        "fiche": first.fiche,
        "line": first.line,
        "text": first.text,
        "group": first.group,
        **({"fiche_similarity": max(similarity)} if similarity else {}),
        "shared_terms": next((link.shared for link in links if link.shared), ()),
        "links": tuple(links),
        # the first link that has a value gives it
        **{name: value for link in reversed(links) for name, value in link.attributes.items()},
    }


def link_attribute_names(referentiel: Referentiel) -> list[str]:
    """The names of the attributes the référentiel's links carry (a ``skills`` link's too), sorted."""
    return sorted(
        _own_attribute_names(referentiel) | (set(SKILLS_ATTRIBUTES) if referentiel.cards else set())
    )


def _own_attribute_names(referentiel: Referentiel) -> set[str]:
    return {name for job in referentiel.jobs for reference in job.proximity for name in reference.attributes}


def _check_condition_names(referentiel: Referentiel, conditions: Sequence[LinkCondition]) -> None:
    names = link_attribute_names(referentiel) if conditions else []
    unknown = [condition.name for condition in conditions if condition.name not in names]
    if unknown:
        msg = _("no link has an attribute named {name}; the links' attributes: {names}").format(
            name=repr(unknown[0]), names=", ".join(names) or _("none")
        )
        raise RequestError(msg)
    own = _own_attribute_names(referentiel) if conditions else set()
    for condition in conditions:
        if condition.name in own or condition.name not in SKILLS_ATTRIBUTES:
            continue
        value = condition.value
        if not isinstance(value, float):
            msg = _("{condition}: {name} is a number").format(condition=condition, name=condition.name)
            raise RequestError(msg)
        if condition.name == "score" and not 0 <= value <= 1:
            msg = _("{condition}: a skills link's score is a share between 0 and 1").format(
                condition=condition
            )
            raise RequestError(msg)
        if value < 0:
            msg = _("{condition}: a skills link's {name} is a count, never negative").format(
                condition=condition, name=condition.name
            )
            raise RequestError(msg)


def require_jobs(referentiel: Referentiel) -> None:
    """Refuse to draw a référentiel without jobs: a picture or a page of nothing.

    Raises
    ------
    RequestError
        The référentiel has no job.
    """
    if not referentiel.jobs:
        msg = _("the référentiel {name!r} has no job: there is nothing to draw")
        raise RequestError(msg.format(name=referentiel.name))


def allowed(G: CareerGraph, source: str, target: str) -> bool:
    """Whether the référentiel's rules allow the move ``source → target``.

    A job whose fiche names required prior roles is entered only from one of them.
    """
    prior: tuple[str, ...] = G.nodes[target]["prior_roles"]
    return not prior or source in prior


def moves_view(G: CareerGraph) -> CareerGraph:
    """A read-only view of ``G`` without the edges the prior-role rule forbids.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> G = build_graph(load_referentiel())
    >>> G.has_edge("gestionnaire-de-parc-micro-informatique", "superviseur-hot-line")
    True
    >>> moves_view(G).has_edge("gestionnaire-de-parc-micro-informatique", "superviseur-hot-line")
    False
    """
    view: CareerGraph = nx.subgraph_view(G, filter_edge=lambda u, v: allowed(G, u, v))
    return view


def moves_graph(G: CareerGraph) -> CareerGraph:
    """A plain copy of the moves the rule allows: nodes with their attributes, edges without.

    Algorithms run several times faster on it than on :func:`moves_view`.
    """
    moves: CareerGraph = nx.DiGraph()
    moves.add_nodes_from(G.nodes(data=True))
    moves.add_edges_from((u, v) for u, v in G.edges if allowed(G, u, v))
    return moves


def node_attributes(job: Job) -> dict[str, object]:
    """The attributes of a job's node (see the module docstring)."""
    pre = job.prerequisites
    return {
        "title": job.title,
        "family": job.family or "",
        "subfamily": job.subfamily or "",
        "has_fiche": job.has_fiche,
        "education_min": pre.education_min,
        "education_max": pre.education_max,
        "experience_min_years": pre.experience_min_years,
        "experience_max_years": pre.experience_max_years,
        "beginner_ok": pre.beginner_ok,
        "prior_roles": tuple(pre.prior_roles),
        **job.attributes,
    }
