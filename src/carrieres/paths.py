"""Mobility paths that respect the référentiel's own rules, explained step by step.

Rules
-----
A move ``u → v`` follows an edge of the career graph (see :mod:`carrieres.graph`).
A job whose fiche names required prior roles (``prior_roles``) is entered only
from one of them: the fiche of *Ingénieur sécurité* says experience as an
*ingénieur système et réseaux* is indispensable, so the only way in is from
*Ingénieur administrateur système et réseaux*.

Cost model
----------
Among the allowed routes, the default ranking minimises the sum over moves of::

    move + education_jump × (Bac levels the target asks above the current job)
         + inferred × (1 if the link is inferred, else 0)
         + the extra cost of a move no fiche states:
             rome    if only a move lifted from the ROME links the two jobs,
             skills  if only shared skills do (their ROME 4.0 cards, :mod:`carrieres.skills`),
             0.9 × the cheaper of the two where both do

with the weights of :class:`CostModel` (default move 1, education_jump 0.5,
inferred 1, rome 4, skills 2.5): fewer moves first, then smaller jumps in
diploma, then the référentiel's own links before the evidence carrieres adds
(a move both the ROME and shared skills support before either alone, shared
skills, which say what the jobs have in common, before a ROME link alone).

Where ``skills`` links are in use (a référentiel with card content, the
default map), the evidence behind each move also counts, measured by the
share of the target's ROME skills the current job's card lists, and how far
it falls short of what a ``skills`` link asks (0.15; :func:`_lacking`)::

         + group      × shortfall, for a move a fiche admits only through a group
                        of jobs ("une expérience en production"),
         + unshared   × shortfall, for a move only a ROME link supports,
         + experience × (years the target asks beyond the current job's)

(default group 1, unshared 1, experience 0.5 per year, what a year of study
costs), and some moves are not offered:

- a move lifted through a parent card where the two jobs share almost
  nothing (under :data:`MIN_SHARE`, 2 % of the target's skills, less than 9 in
  10 pairs of ROME cards drawn at random share), and one a fiche admits
  through a group where their cards share no skill at all;
- a jump from a junior job straight into a director's (:func:`is_jump`), unless
  a fiche names the job itself (a group it belongs to is not enough), and a
  move up in responsibility that only a fiche's list of related jobs gives
  through a group (``Métiers du conseil``: a neighbourhood, not a way up).

Years asked in named jobs (``une expérience de la production d'environ 5
années``) count in full, since the current job's own years are not known to
have been spent in them. In a ROME release with its card content
(``-r rome-v4``), the release's own mobility weighs as a lifted ROME move.
With the référentiel's own links alone (``--edges prerequisite,proximity``)
none of this applies: the fiches' moves are their own evidence.

A route the fiches state keeps its place where it is not longer than a few
moves (*Technicien de maintenance → Ingénieur sécurité* is the fiches'
route), while *Développeur → Chef de projet*, which no fiche states, takes
the one move their skills support, and *Développeur → Directeur des systèmes
d'information* takes two, through *Chef de projet*. Entering a job whose level
is not stated makes no jump, and leaving it counts from the Bac, so that a
route cannot skip a diploma by passing through such a job. With
``fewest_moves=True`` every move costs 1 and only the number of moves counts
(the moves not offered stay so).

A référentiel whose links carry numbers (a table's ``similarity``, a
transition ``probability``) can add them to the cost: ``CostModel(attributes=
{"similarity": -2})`` (on the command line, ``--weights similarity=-2``). The
sign says which way is better. A negative weight *w* means higher is better:
a move costs ``|w| × (highest − value)``, what it falls short of the best link
of the map; a positive weight means lower is better: ``w × (value − lowest)``.
Both are never negative, so routes stay shortest paths; a move whose link
lacks the number costs as the worst one, ``|w| × (highest − lowest)``. The
term adds to the others: with ``move=0`` a route ranks by the attribute
alone, with ``move=1`` each move also costs 1.

Profile and years
-----------------
A :class:`Profile` (current Bac+N, years worked) makes the path personal: each
step says whether the person meets the education and experience its target
asks for, the diploma to gain, and the earliest year (from now) they can take
it. Years worked count in every role: the person works from now on, so the
experience asked for by a step is reached ``asked − worked`` years later;
where a fiche asks for years in named jobs (:func:`years_in`), only the years
spent in them count. Where the référentiel does not say, assumptions (all
options of :class:`Profile`) are used and listed in the result:
``min_stay_years`` in each job before the next move (the years already worked
count as years in the first job), ``years_per_level`` of study for each
missing Bac level, ``first_experience_years`` and ``several_years`` for
experience asked without a number, and ``several_years`` in the job before a
move into a job of more responsibility that states no experience (the years
already worked count as years in the first job) or a jump into a director's
job (whatever was worked). Each step's wait and study add up to the year
shown for it, the last step's year being the route's.

Examples
--------
>>> from carrieres import load_referentiel, build_graph
>>> G = build_graph(load_referentiel())
>>> route = find_paths(G, "Technicien de maintenance", "Ingénieur sécurité",
...                    profile=Profile(education=2, experience=0))
>>> best = route.paths[0]
>>> [step.id for step in best.steps]
['technicien-de-maintenance', 'ingenieur-administrateur-systeme-et-reseaux', 'ingenieur-securite']
>>> best.steps[1].profile.diploma_to_gain, best.years
('Bac+4', 7.0)
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, cast

import networkx as nx

from carrieres._html import html_card
from carrieres._i18n import _, clauses, decimal, grouped, language, ngettext, readable
from carrieres._records import Meta, Record, record
from carrieres._text import seniority, tokens
from carrieres.exceptions import NoPathError, PathRequestError, RequestError
from carrieres.files import card_content, card_library_for
from carrieres.graph import (
    INFERRED_KINDS,
    LIFTED_KIND,
    SKILLS_KIND,
    SKILLS_THRESHOLD,
    Link,
    allowed,
    moves_view,
    stated_kinds,
)
from carrieres.rome_cards import card_code

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph
from carrieres.models import (
    RESERVED_ATTRIBUTES,
    AttributeValue,
    BacLevel,
    CardMove,
    Item,
    Job,
    LevelScale,
    Prerequisites,
    Referentiel,
    Years,
)
from carrieres.skills import COMPARED_KINDS, CardContent, Skill

__all__ = [
    "CostModel",
    "Itinerary",
    "Learning",
    "Profile",
    "Reachable",
    "Route",
    "Step",
    "StepCheck",
    "StepLink",
    "assumption_texts",
    "explain_move",
    "find_paths",
    "find_routes",
    "is_jump",
    "iter_routes",
    "move_cost",
    "move_weight",
    "numeric_range",
    "reachable",
    "rome_kinds",
    "what_to_learn",
    "years_asked",
    "years_in",
]


ROME_WEIGHT = 4.0
"""The default extra cost of a move lifted from the ROME (see :class:`CostModel`): more than a move
shared skills support, which says what the two jobs have in common."""

GROUP_WEIGHT = 1.0
"""The default extra cost of a move a fiche admits only through a group of jobs (``une expérience
en production`` admits all 15 PRODUCTION jobs), times how far the two jobs' shared skills fall short
of a ``skills`` link's (see :func:`_lacking`): 1 keeps the route the fiches give *Technicien
de maintenance → Ingénieur sécurité* (2 gives way to a three-move one through *Technicien réseau*,
3 to a four-move one); see :class:`CostModel`."""

UNSHARED_WEIGHT = 1.0
"""The default extra cost of a move only a ROME link supports (no fiche, no ``skills`` link), times
how far the two jobs' shared skills fall short of a ``skills`` link's: a ROME link between cards
that list little of each other's skills (*Support technique → Vendeur de solution informatique*,
none) costs up to this much more than one between close cards."""

EXPERIENCE_WEIGHT = 0.5
"""The default cost of each year of experience a job asks beyond the current job's: what a year of
study costs (``education_jump`` per Bac level, one year of study each)."""

MIN_SHARE = 0.02
"""Below this share of the target's skills (weighted as a ``skills`` link weighs them), two jobs
share almost nothing: 9 in 10 pairs of ROME 4.0 cards drawn at random share less. A move lifted
through a parent card is not offered below it; one a fiche admits through a group, where the two
cards share no skill at all."""

SKILLS_WEIGHT = 2.5
"""The default extra cost of a move only shared skills support (see :class:`CostModel`): less than a
ROME move alone, which names two cards without saying what the jobs share; a move both support
costs :data:`BOTH_FACTOR` times the cheaper."""


MAX_WEIGHT = 1e6
"""The largest weight of the cost model, either sign: a million times a move already outweighs any
route, and a larger one, times a route's terms, could overflow its cost to infinity."""


MAX_MOVE_COST = 1e12
"""The most a link's number may add to the cost of one move (its weight times the range of its
values): a route's cost is a sum of such terms, exact to the cent below it, infinite far above."""


@record
class CostModel(Record):
    """The weights of the default ranking (see the module docstring).

    Each field is the weight of one term of a move's cost; ``attributes`` gives
    a weight to a number the links carry (``{"similarity": -2}``).

    Raises
    ------
    ValueError
        A weight below 0, or a weight of a link number that is not finite.
    RequestError
        A weight so large that a route's cost could overflow.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> route = carrieres.find_paths(G, "Développeur", "Chef de projet")
    >>> [step.title for step in route.paths[0].steps], route.paths[0].cost
    (['Développeur', 'Chef de projet'], 5.0)

    With shared skills made dear, the route takes a move a fiche states:

    >>> dear = carrieres.CostModel(skills=10)
    >>> route = carrieres.find_paths(G, "Développeur", "Chef de projet", costs=dear)
    >>> [step.title for step in route.paths[0].steps]
    ['Développeur', 'Responsable technique de compte', 'Chef de projet']
    """

    move: Annotated[float, Meta("cost of every move", ge=0)] = 1.0
    education_jump: Annotated[float, Meta("cost per Bac level asked above the current job's", ge=0)] = 0.5
    inferred: Annotated[float, Meta("extra cost of an inferred link", ge=0)] = 1.0
    rome: Annotated[float, Meta("extra cost of a move lifted from the ROME, that no fiche states", ge=0)] = (
        field(default=ROME_WEIGHT, metadata={"omit_default": True})
    )
    skills: Annotated[
        float,
        Meta("extra cost of a move only shared skills support (ROME 4.0 cards), that no fiche states", ge=0),
    ] = field(default=SKILLS_WEIGHT, metadata={"omit_default": True})
    group: Annotated[
        float,
        Meta(
            "extra cost of a move a fiche admits only through a group of jobs, times the skills it lacks",
            ge=0,
        ),
    ] = field(default=GROUP_WEIGHT, metadata={"omit_default": True})
    unshared: Annotated[
        float,
        Meta("extra cost of a move only a ROME link supports, times the skills it lacks", ge=0),
    ] = field(default=UNSHARED_WEIGHT, metadata={"omit_default": True})
    experience: Annotated[
        float,
        Meta(
            "cost per year of experience asked above the current job's, where skills links are in use",
            ge=0,
        ),
    ] = field(default=EXPERIENCE_WEIGHT, metadata={"omit_default": True})
    attributes: Annotated[
        dict[str, float],
        Meta("weight of each number the links carry: negative, higher is better; positive, lower is"),
    ] = field(default_factory=dict, metadata={"omit_default": True})

    def __post_init__(self) -> None:
        super().__post_init__()
        if not all(math.isfinite(weight) for weight in self.attributes.values()):
            msg = "the weights of link numbers must be finite"
            raise ValueError(msg)
        weights = {name: getattr(self, name) for name in self.field_names() if name != "attributes"}
        too_large = {name: w for name, w in {**weights, **self.attributes}.items() if abs(w) > MAX_WEIGHT}
        if too_large:
            msg = _("{weights}: a weight is at most {most} (a larger one could overflow a route's cost)")
            listed = ", ".join(f"{name}={weight:g}" for name, weight in too_large.items())
            raise RequestError(msg.format(weights=listed, most=grouped(int(MAX_WEIGHT))))


@record
class Profile(Record):
    """A person's starting point, and the assumptions used where the référentiel is silent.

    Raises
    ------
    ValueError
        A level outside the Bac+N scale (−1 to 8) or a negative number of years.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> bac2 = carrieres.Profile(education=2, experience=0)
    >>> route = carrieres.find_paths(G, "Technicien de maintenance", "Ingénieur sécurité", profile=bac2)
    >>> step = route.paths[0].steps[1]
    >>> step.title, step.profile.diploma_to_gain, step.profile.years_of_study, step.profile.earliest_year
    ('Ingénieur administrateur système et réseaux', 'Bac+4', 2.0, 5.0)
    >>> carrieres.Profile(education=12)
    Traceback (most recent call last):
    ...
    carrieres._records.RecordError: education: 12 is above 8
    """

    education: BacLevel | None = None
    """Current Bac+N; None: not checked."""
    experience: Years = 0.0
    """Years worked so far."""
    min_stay_years: Years = 2.0
    """Years in a job before the next move (assumed)."""
    years_per_level: Years = 1.0
    """Years of study per missing Bac level (assumed)."""
    first_experience_years: Years = field(default=1.0, metadata={"omit_default": True})
    """Years a job that asks for "a first experience" is taken to ask (assumed)."""
    several_years: Years = field(default=3.0, metadata={"omit_default": True})
    """Years a job that asks for "several years" of experience is taken to ask (assumed)."""


@record
class StepLink(Record):
    """Why a move is possible: a link of the référentiel, with its source."""

    kind: str
    fiche: str
    line: int
    text: str
    group: str
    inferred: bool
    move: CardMove | None = field(default=None, metadata={"omit_default": True})
    """For a move lifted from the ROME, the ROME link behind it."""
    attributes: dict[str, AttributeValue] = field(default_factory=dict, metadata={"omit_default": True})
    """The link's own values in its source (a similarity, flags)."""


@record
class Learning(Record):
    """What a move asks to learn (see :func:`what_to_learn`).

    ``savoir_faire`` and ``knowledge`` list what the target asks that the
    current job does not have; ``others`` counts the target's other skills
    it lacks; ``compared`` says how: ``codes`` (the ROME cards' items, by
    code OGR), ``texts`` (the fiches' lines, by their words) or ``same card``
    (both jobs have one card: the ROME tells them apart by nothing).
    """

    savoir_faire: list[Skill]
    knowledge: list[Skill]
    others: int = 0
    compared: Literal["codes", "texts", "same card"] = "texts"


@record
class StepCheck(Record):
    """The step measured against a person's profile."""

    meets_education: bool | None
    diploma_to_gain: str | None
    years_of_study: float
    meets_experience: bool | None
    experience_needed: float | None
    experience_assumed: bool = field(default=False, metadata={"omit_default": True})
    """The years needed are assumed: the job asks for experience without a number."""
    earliest_year: float


@record
class Step(Record):
    """One job of a path; every step after the first is a move into it."""

    id: str
    title: str
    has_fiche: bool
    move: int
    links: list[StepLink]
    requires: Prerequisites
    learn: Learning | None
    profile: StepCheck | None
    explanation: str


@record
class Itinerary(Record):
    """One of the routes a :class:`Route` answer offers ("Route 1" in the text): its steps,
    length, cost and estimated duration.

    ``steps`` starts with the start job (move 0); ``years`` is ``None`` where
    the référentiel gives too little to estimate it; ``assumptions`` says in
    words what the estimate assumed.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> bac2 = carrieres.Profile(education=2)
    >>> route = carrieres.find_paths(G, "Technicien de maintenance", "Ingénieur sécurité", profile=bac2)
    >>> best = route.paths[0]
    >>> best.moves, best.years, round(best.cost, 2)
    (2, 7.0, 6.89)
    >>> [(step.move, step.title) for step in best.steps]  # doctest: +NORMALIZE_WHITESPACE
    [(0, 'Technicien de maintenance'), (1, 'Ingénieur administrateur système et réseaux'),
     (2, 'Ingénieur sécurité')]
    >>> best.assumptions[0]
    '1 year of study per missing Bac level'
    """

    steps: list[Step]
    moves: int
    cost: float
    years: float | None
    assumptions: list[str]

    def total(self, name: str) -> float | None:
        """The sum of a number the route's links carry (``similarity``); ``None`` where a move lacks it."""
        return _sum_of_every(
            next((_number(link.attributes.get(name)) for link in step.links if name in link.attributes), None)
            for step in self.steps[1:]
        )


@record
class Route(Record):
    """The answer to a path request: the best paths first.

    It keeps the request (start and destination ids, the kinds of links, the
    ranking, the cost model, the profile, ``via`` and ``avoid``) beside its
    :class:`Itinerary` list; ``to_dict()`` gives it as the JSON of ``carrieres
    path --format json``.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> route = carrieres.find_paths(G, "technicien de maintenance", "ingenieur securite", k=2)
    >>> route.from_, route.to, route.mode, len(route.paths)
    ('technicien-de-maintenance', 'ingenieur-securite', 'cost', 2)
    >>> route.edges
    ['prerequisite', 'proximity', 'rome', 'skills']
    >>> list(route.to_dict())
    ['from', 'to', 'edges', 'mode', 'costs', 'profile', 'via', 'avoid', 'paths']
    """

    from_: str = field(metadata={"alias": "from"})
    to: str
    edges: list[str]
    mode: Literal["cost", "fewest_moves"]
    costs: CostModel
    profile: Profile
    via: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    paths: list[Itinerary]
    where: str = field(default="", metadata={"omit_default": True})
    """The conditions the links were kept by (``similarity>=0.3``), when some were given."""
    max_level_jump: int | None = field(default=None, metadata={"omit_default": True})
    """The most levels one move may climb, when limited."""
    scale: LevelScale | None = field(default=None, metadata={"omit_default": True})
    """The référentiel's level scale, when not Bac+N."""

    def __repr__(self) -> str:
        """A line to recognise the route by (``print`` spells it out; its fields: :meth:`to_dict`).

        Examples
        --------
        >>> from carrieres import load_referentiel, build_graph, find_paths
        >>> find_paths(build_graph(load_referentiel()), "Développeur", "Chef de projet", k=2)
        Route('developpeur' → 'chef-de-projet', 2 paths: 1, 2 moves)
        """
        moves = ", ".join(str(path.moves) for path in self.paths)
        return f"Route({self.from_!r} → {self.to!r}, {len(self.paths)} paths: {moves} moves)"

    def _repr_html_(self) -> str | None:
        return html_card(self)


@record
class Reachable(Record):
    """A job reachable from a start: in how many moves, by which route, what it asks."""

    id: str
    title: str
    moves: int
    route: list[str]
    requires: Prerequisites
    rome: list[str] = field(default_factory=list, metadata={"omit_default": True})
    """The moves of the route that only the ROME gives, in words (:func:`carrieres.graph.describe_move`)."""
    kinds: list[str] = field(default_factory=list)
    """The kind of link of each move of the route."""
    value: float | None = field(default=None, metadata={"omit_default": True})
    """With ``by``: the route's total of that link attribute (``None``: a move lacks it)."""
    learn: Learning | None = field(default=None, metadata={"omit_default": True})
    """What the job asks to learn, compared with the start (:func:`what_to_learn`)."""
    cost: float | None = field(default=None, metadata={"omit_default": True})
    """The route's cost under the cost model (see the module docstring): the lower, the more plausible."""
    share: float | None = field(default=None, metadata={"omit_default": True})
    """With card content: the share (0 to 1) of the job's ROME skills, weighted as a ``skills`` link
    weighs them, that the start's card lists (:meth:`carrieres.skills.CardLibrary.share`)."""


TIE_BREAK_CANDIDATES = 4
"""Routes looked at beyond the ``k`` asked for, so that among routes of equal cost the quickest win."""

SAME_JOB_KINDS = frozenset({"equivalent"})
"""Kinds of link between two names of the same job (in two référentiels): a free step, not a move."""

Weight = Callable[[Any, Any, Any], float | None]


def _referentiel(G: CareerGraph) -> Referentiel:
    referentiel = G.graph.get("referentiel")
    if not isinstance(referentiel, Referentiel):
        msg = "the graph carries no référentiel: build it with carrieres.build_graph"
        raise TypeError(msg)
    return referentiel


def _weight(
    G: CareerGraph, costs: CostModel, *, fewest_moves: bool, max_level_jump: int | None = None
) -> Weight:
    if max_level_jump is not None and max_level_jump < 0:
        msg = _("`max_level_jump` must be at least 0 (got {jump})").format(jump=max_level_jump)
        raise PathRequestError(msg)
    weighed = G.graph.get(WEIGHED)
    if weighed is not None:
        if weighed != (costs, fewest_moves, max_level_jump):
            msg = "the graph's moves were weighed for another request"
            raise ValueError(msg)
        return _weighed_cost
    ranges = {name: numeric_range(G, name) for name in costs.attributes}
    for name, (low, high) in ranges.items():
        if abs(costs.attributes[name]) * (high - low) > MAX_MOVE_COST:  # inf too
            msg = _(
                "{name} runs from {low:g} to {high:g} on the links: weighed by {weight:g}, one move "
                "could cost more than a route's sum can hold exactly; weigh it at most {most:g}, "
                "or rescale the column"
            )
            most = MAX_MOVE_COST / (high - low) if math.isfinite(high - low) else 0.0
            factor = costs.attributes[name]
            raise RequestError(msg.format(name=name, low=low, high=high, weight=factor, most=most))
    lowest = _referentiel(G).levels.start
    rome = rome_kinds(G)
    evidence = _evidence_rules(G, costs, rome)

    def numbers(data: Any) -> float:
        total = 0.0
        for name, factor in costs.attributes.items():
            lowest, highest = ranges[name]
            value = _number(data.get(name))
            if value is None:
                total += abs(factor) * (highest - lowest)
            else:
                total += factor * (value - lowest) if factor > 0 else -factor * (highest - value)
        return total

    def weight(source: str, target: str, data: Any) -> float | None:
        if not allowed(G, source, target):
            return None
        if data["kind"] in SAME_JOB_KINDS:
            return 0.0
        jump = _jump(G, source, target, lowest)
        if max_level_jump is not None and jump > max_level_jump:
            return None
        weighed = evidence(source, target, data["links"]) if evidence else 0.0
        if weighed is None:
            return None
        if fewest_moves:
            return 1.0
        extra = _link_cost(costs, data["kinds"], rome) + numbers(data) + weighed
        return costs.move + costs.education_jump * jump + extra

    return weight


WEIGHED = "weighed"
"""The graph attribute of a graph that holds only what a route search needs (what
:mod:`carrieres._stored` reads back from the cache): ``(costs, fewest_moves, max_level_jump)``, the
request its moves were weighed for. Each of its edges holds its cost under ``cost``, and the rest
of its data once ``G.graph["read_moves"]`` has read it for the moves of the routes found;
``G.graph["whole"]()`` gives the whole graph it stands for."""


def _weighed_cost(source: str, target: str, data: Any) -> float:
    cost: float = data["cost"]
    return cost


def _read_moves(G: CareerGraph, routes: Iterable[Sequence[str]]) -> None:
    """Make sure the edges of these routes hold all their data (see :data:`WEIGHED`)."""
    read = G.graph.get("read_moves")
    if read is not None:
        read([pair for nodes in routes for pair in itertools.pairwise(nodes)])


def _avoiding(G: CareerGraph, banned: Iterable[str]) -> CareerGraph:
    """A read-only view of ``G`` without the jobs to avoid (``G`` itself where there are none)."""
    banned = list(banned)
    return cast("CareerGraph", nx.restricted_view(G, banned, [])) if banned else G


def _whole(G: CareerGraph) -> CareerGraph:
    """The graph itself, or the whole graph a graph of weighed moves stands for (:data:`WEIGHED`)."""
    whole: Callable[[], CareerGraph] | None = G.graph.get("whole")
    return G if whole is None else whole()


BOTH_FACTOR = 0.9
"""A move both a ROME link and shared skills support costs this share of the cheaper of the two: a
little less than either alone (0.75 made moves out of a group-admitted job so cheap that
*Responsable technique de compte* lay on 446 best routes of the 41 jobs; 0.9, 394)."""

EvidenceRule = Callable[[str, str, Sequence[Link]], float | None]


def _evidence_rules(G: CareerGraph, costs: CostModel, rome: frozenset[str]) -> EvidenceRule | None:
    """Where ``skills`` links are in use (card content, and the kind asked for), the rules that
    weigh a move by what supports it: the extra cost of a move only a ROME link supports or a
    fiche admits only through a group, as its skills fall short (:func:`_lacking`; ``rome``: the
    kinds of a ROME release's own mobility, :func:`rome_kinds`), the
    years of experience it asks, and the moves not offered: too little shared, or a jump
    (:func:`is_jump`) no fiche states for the job itself. ``None`` elsewhere: with the
    référentiel's own links alone, its moves are their own evidence."""
    referentiel = _referentiel(G)
    if SKILLS_KIND not in G.graph["edge_kinds"].split(",") or not referentiel.cards:
        return None
    share = _skill_share(referentiel)
    rank = {job.id: seniority(job.title) for job in referentiel.jobs}
    asked = {job.id: years_asked(job.prerequisites, Profile())[0] or 0.0 for job in referentiel.jobs}
    in_roles = {job.id: years_in(job.prerequisites) is not None for job in referentiel.jobs}

    def weigh(source: str, target: str, links: Sequence[Link]) -> float | None:
        climb = rank[target] - rank[source]
        if (climb >= JUMP_RANKS and not _names_job(links)) or (climb > 0 and _only_related_group(links)):
            return None
        extra = costs.experience * max(0.0, asked[target] - (0.0 if in_roles[target] else asked[source]))
        by_group = _only_by_group(links)
        by_rome = all(link.kind == LIFTED_KIND or link.kind in rome for link in links)
        if not (by_group or by_rome):  # a fiche names the job, or shared skills support the move
            return extra
        found = share(source, target)
        if (by_group and not found) or (_only_through_parent(links) and (found or 0.0) < MIN_SHARE):
            return None
        return extra + (costs.group if by_group else costs.unshared) * _lacking(found)

    return weigh


JUMP_RANKS = 2
"""A move that climbs this many levels of responsibility (:func:`carrieres._text.seniority`: from
a job that names neither a manager nor a director into a director's) is a jump. A gap in diploma
alone is not: the study it asks is paid in the cost and the years (*Développeur*, Bac+2, to *Chef
de projet*, Bac+5, is the field's most common move)."""


def is_jump(referentiel: Referentiel, source: str, target: str) -> bool:
    """Whether ``source → target`` goes from a junior job straight into a director's, by their titles
    (:func:`carrieres._text.seniority`): where card content is in use, such a move is offered only
    where a fiche names the job (not a group it belongs to), and its step is assumed to ask
    several years in the job before it (:class:`Profile` ``several_years``).

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> referentiel = load_referentiel()
    >>> is_jump(referentiel, "developpeur", "directeur-des-systemes-d-information")
    True
    >>> is_jump(referentiel, "chef-de-projet", "directeur-de-projet")
    False
    """
    before, after = referentiel.get(source), referentiel.get(target)
    return seniority(after.title) - seniority(before.title) >= JUMP_RANKS


def _names_job(links: Sequence[Link]) -> bool:
    """Whether a fiche states the move for the job itself: a prior role or a related job naming it,
    not a group it belongs to."""
    return any(link.kind in ("prerequisite", "proximity") and not link.group for link in links)


def _lacking(share: float | None) -> float:
    """How far a share of skills falls short of what a ``skills`` link asks, 0 (as much or more)
    to 1 (none, or no card to tell)."""
    return 1.0 if share is None else max(0.0, 1.0 - share / SKILLS_THRESHOLD)


def _only_by_group(links: Sequence[Link]) -> bool:
    """Whether a fiche admits the move only through a group of jobs it names."""
    return all(link.group and link.kind in ("prerequisite", "proximity") for link in links)


def _only_related_group(links: Sequence[Link]) -> bool:
    """Whether only a fiche's list of related jobs, through a group, links the two jobs
    (``Métiers du conseil``): a neighbourhood, not a way up."""
    return all(link.group and link.kind == "proximity" for link in links)


def _only_through_parent(links: Sequence[Link]) -> bool:
    """Whether only ROME links between parent cards support the move (no fiche, no shared skills)."""
    return all(
        link.kind == LIFTED_KIND and link.move is not None and link.move.through == "parent" for link in links
    )


def _skill_share(referentiel: Referentiel) -> Callable[[str, str], float | None]:
    """The share of a job's ROME skills another job's card lists (:meth:`CardLibrary.share`), for
    two job ids; ``None`` where either has no card."""
    library = card_library_for(referentiel)

    @functools.cache
    def code(job_id: str) -> str | None:
        return card_code(referentiel, referentiel.get(job_id), referentiel.cards)

    def share(source: str, target: str) -> float | None:
        a, b = code(source), code(target)
        return None if a is None or b is None else library.share(a, b)

    return share


def _link_cost(costs: CostModel, kinds: Sequence[str], rome_kinds: frozenset[str] = frozenset()) -> float:
    """The extra cost of a link that the référentiel does not state itself: the cheapest of its kinds;
    :data:`BOTH_FACTOR` times the cheaper of the two where a ROME link and shared skills both support
    it. ``rome_kinds`` are the kinds of a ROME release's own mobility, which weigh as ROME moves
    where ``skills`` links are in use."""
    extra = {
        LIFTED_KIND: costs.rome,
        SKILLS_KIND: costs.skills,
        **dict.fromkeys(INFERRED_KINDS, costs.inferred),
        **dict.fromkeys(rome_kinds, costs.rome),
    }
    cheapest = min(extra.get(kind, 0.0) for kind in kinds)
    by_rome = LIFTED_KIND in kinds or not rome_kinds.isdisjoint(kinds)
    return cheapest * BOTH_FACTOR if by_rome and SKILLS_KIND in kinds else cheapest


def rome_kinds(G: CareerGraph) -> frozenset[str]:
    """The kinds of link that are a ROME release's own mobility, where the graph is that release
    with its card content and ``skills`` links in use (``-r rome-v4``): there, a ROME link weighs
    as a move lifted from the ROME weighs in a référentiel with fiches, so that shared skills
    count as much against it. Empty elsewhere.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> rome_kinds(build_graph(load_referentiel("rome-v4"))), rome_kinds(build_graph(load_referentiel()))
    (frozenset({'mobilite'}), frozenset())
    """
    referentiel = _referentiel(G)
    kinds = G.graph["edge_kinds"].split(",")
    if SKILLS_KIND not in kinds or not referentiel.cards or referentiel.crosswalks or referentiel.has_fiches:
        return frozenset()
    return frozenset(stated_kinds(referentiel)) - {SKILLS_KIND}


def move_weight(G: CareerGraph, costs: CostModel | None = None) -> Weight:
    """The cost of each move under the cost model, as a ``(source, target, edge data)`` function
    for many moves at once (``None`` where the rule forbids the move; see :func:`move_cost`)."""
    return _weight(G, costs or CostModel(), fewest_moves=False)


def move_cost(G: CareerGraph, source: str, target: str, *, costs: CostModel | None = None) -> float | None:
    """The cost of the move ``source → target`` under the cost model; ``None`` when the rule forbids it.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> G = build_graph(load_referentiel())
    >>> round(move_cost(G, "technicien-de-maintenance", "ingenieur-administrateur-systeme-et-reseaux"), 2)
    5.39
    >>> move_cost(G, "developpeur", "directeur-des-systemes-d-information") is None  # a jump
    True

    The first is 1 for the move, 0.5 × 4 Bac levels, 0.5 × the 3 years asked
    in production, and 0.89 for the skills the group-admitted technician lacks.
    """
    return _weight(G, costs or CostModel(), fewest_moves=False)(source, target, G.edges[source, target])


def explain_move(G: CareerGraph, source: str, target: str) -> str:
    """Why the move ``source → target`` is possible, quoting the fiche and line that say so."""
    referentiel = _referentiel(G)
    links = G.edges[source, target]["links"]
    return _explain(referentiel, referentiel.get(source), referentiel.get(target), links)


def _jump(G: CareerGraph, source: str, target: str, lowest: int) -> int:
    """The levels a move climbs: from the source's level (``lowest``, the scale's, where none is stated)."""
    have = G.nodes[source]["education_min"]
    if have is None:
        have = lowest
    need = G.nodes[target]["education_min"]
    return 0 if need is None else max(0, need - have)


def find_paths(
    G: CareerGraph,
    source: str,
    target: str,
    *,
    k: int = 1,
    via: Sequence[str] = (),
    avoid: Sequence[str] = (),
    fewest_moves: bool = False,
    costs: CostModel | None = None,
    max_level_jump: int | None = None,
    profile: Profile | None = None,
) -> Route:
    """The ``k`` best distinct routes from one job to another.

    Parameters
    ----------
    G
        A career graph from :func:`carrieres.build_graph`.
    source, target
        Job names (title, alias or id; accents and case optional).
    k
        How many distinct routes, best first.
    via
        Jobs the route must pass through, in this order.
    avoid
        Jobs the route must not pass through.
    fewest_moves
        Rank by number of moves only, ignoring the cost model.
    costs
        The weights of the cost model (default :class:`CostModel`).
    max_level_jump
        The most education levels one move may climb (``None``: no limit): with
        1, a move from a Bac+2 job to a Bac+5 one is not taken, nor from job
        zone 2 to 4. A job that states no level climbs from the scale's lowest.
    profile
        The person's education and experience (default: a beginner whose
        education is not checked).

    Returns
    -------
    Route
        The paths found, each with its steps explained.

    Raises
    ------
    UnknownNameError, AmbiguousNameError
        A job name matches no job, or several.
    PathRequestError
        The request cannot be answered as asked (same start and end, a job both
        required and avoided, ``k`` below 1, a negative ``max_level_jump``).
    NoPathError
        No route satisfies the request; the message says what blocks it.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> route = carrieres.find_paths(G, "Technicien de maintenance", "Ingénieur sécurité", k=3)
    >>> for path in route.paths:
    ...     print(path.moves, [step.title for step in path.steps[1:-1]])
    2 ['Ingénieur administrateur système et réseaux']
    3 ['Technicien réseau', 'Ingénieur administrateur système et réseaux']
    3 ['Support technique', 'Ingénieur administrateur système et réseaux']

    Each step says why the move is allowed, with the fiche and the line:

    >>> last = route.paths[0].steps[-1]
    >>> [(link.kind, link.fiche, link.line) for link in last.links][0]
    ('prerequisite', 'ingenieur-securite', 1691)
    """
    referentiel = _referentiel(G)
    start, end = referentiel.job(source).id, referentiel.job(target).id
    waypoints = [referentiel.job(name).id for name in via]
    banned = [referentiel.job(name).id for name in avoid]
    _check_request(referentiel, start, end, waypoints, banned, k)
    costs = costs or CostModel()
    profile = profile or Profile()
    view = _avoiding(G, banned)
    weight = _weight(G, costs, fewest_moves=fewest_moves, max_level_jump=max_level_jump)
    found = _k_paths(view, [start, *waypoints, end], weight, k)
    if not found:
        whole = _whole(G)
        reason = _why_no_path(whole, _avoiding(whole, banned), [start, *waypoints, end], banned)
        if max_level_jump is not None:
            first, _newline, rest = reason.partition("\n")
            limit = ngettext(
                ", climbing at most {count} level per move",
                ", climbing at most {count} levels per move",
                max_level_jump,
            ).format(count=max_level_jump)
            reason = first + limit + _newline + rest
        raise NoPathError(reason)
    return Route(
        from_=start,
        to=end,
        edges=G.graph["edge_kinds"].split(","),
        where=G.graph.get("where", ""),
        max_level_jump=max_level_jump,
        scale=referentiel.scale,
        mode="fewest_moves" if fewest_moves else "cost",
        costs=costs,
        profile=profile,
        via=waypoints,
        avoid=banned,
        paths=_best(G, referentiel, found, k, profile),
    )


def find_routes(
    G: CareerGraph,
    pairs: Iterable[tuple[str, str]],
    *,
    fewest_moves: bool = False,
    costs: CostModel | None = None,
    max_level_jump: int | None = None,
    profile: Profile | None = None,
    profiles: Sequence[Profile] | None = None,
) -> list[Route]:
    """The best route for each ``(start, destination)`` pair, as a list (see :func:`iter_routes`).

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> G = build_graph(load_referentiel())
    >>> [route.to for route in find_routes(G, [("Développeur", "Chef de projet")])]
    ['chef-de-projet']
    """
    return list(
        iter_routes(
            G,
            pairs,
            fewest_moves=fewest_moves,
            costs=costs,
            max_level_jump=max_level_jump,
            profile=profile,
            profiles=profiles,
        )
    )


def iter_routes(
    G: CareerGraph,
    pairs: Iterable[tuple[str, str]],
    *,
    fewest_moves: bool = False,
    costs: CostModel | None = None,
    max_level_jump: int | None = None,
    profile: Profile | None = None,
    profiles: Iterable[Profile] | None = None,
) -> Iterator[Route]:
    """The best route for each ``(start, destination)`` pair, one at a time: many questions at
    once, in as little memory as one (:func:`find_routes` gives them as a list).

    ``profile`` is everyone's; ``profiles`` gives each pair its own (a team
    whose members have different diplomas and years), in the order of ``pairs``.
    Both may be iterators, read as the routes are asked for (a table of a
    million rows, read as it goes): a list of pairs is checked whole before the
    first route, an iterator pair by pair, the error coming at the pair's turn.
    The searches kept stay within :data:`SEARCHES_KEPT` jobs.

    One search from each distinct start answers all its destinations, so that
    a hundred destinations cost about one search. Each route is the one
    :func:`find_paths` gives (``k=1``): the same cost, and among routes of
    equal cost the quickest of the first five (when more than five tie, the
    five looked at may differ). A pair with no route gets a :class:`Route`
    whose ``paths`` is empty.

    Raises
    ------
    UnknownNameError, AmbiguousNameError
        A job name matches no job, or several.
    PathRequestError
        A start is its own destination, or ``profiles`` and ``pairs`` differ in length.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> G = build_graph(load_referentiel())
    >>> routes = iter_routes(G, [("Support technique", "Directeur technique"),
    ...                          ("Support technique", "Responsable de compte")])
    >>> [len(route.paths[0].steps) if route.paths else None for route in routes]
    [4, None]
    """
    referentiel = _referentiel(G)
    checked = isinstance(pairs, Sequence)  # checked whole before the first answer; else as they come
    if checked:
        pairs = [_checked_pair(referentiel, a, b) for a, b in pairs]
        if isinstance(profiles, Sequence) and len(profiles) != len(pairs):
            raise _profiles_for_pairs(len(profiles), len(pairs))
    costs = costs or CostModel()
    profile = profile or Profile()
    weight = _weight(G, costs, fewest_moves=fewest_moves, max_level_jump=max_level_jump)
    # per start: its search's predecessors, and the cheapest routes to each end asked (the same for
    # every person), least recently asked start first
    searches: dict[str, tuple[dict[str, list[str]], dict[str, list[tuple[list[str], float]]]]] = {}
    kept = 0  # the jobs the searches kept reach, in all
    asked = Route(
        from_="",
        to="",
        edges=G.graph["edge_kinds"].split(","),
        where=G.graph.get("where", ""),
        max_level_jump=max_level_jump,
        scale=referentiel.scale,
        mode="fewest_moves" if fewest_moves else "cost",
        costs=costs,
        profile=profile,
        paths=[],
    )
    said: MovesSaid = {}

    def cheapest(start: str, end: str) -> list[tuple[list[str], float]]:
        nonlocal kept
        found = searches.pop(start, None)
        if found is None:
            found = nx.dijkstra_predecessor_and_distance(G, start, weight=weight)[0], {}
            kept += len(found[0])
            while kept > SEARCHES_KEPT and searches:  # forget the least recently asked
                kept -= len(searches.pop(next(iter(searches)))[0])
        searches[start] = found
        predecessors, ends = found
        if end not in ends:
            ends[end] = _cheapest_first(
                [
                    (nodes, _cost(G, nodes, weight))
                    for nodes in _tied_paths(predecessors, start, end, 1 + TIE_BREAK_CANDIDATES)
                ]
            )
        return ends[end]

    def answers() -> Iterator[Route]:
        people = iter(profiles) if profiles is not None else itertools.repeat(profile)
        count = 0
        for a, b in pairs:
            start, end = (a, b) if checked else _checked_pair(referentiel, a, b)
            person = next(people, None)
            if person is None:
                raise _profiles_for_pairs(count, count + 1)
            count += 1
            paths = _best(G, referentiel, cheapest(start, end), 1, person, said)
            yield asked.replace(from_=start, to=end, profile=person, paths=paths)
        if profiles is not None and next(people, None) is not None:
            raise _profiles_for_pairs(count + 1, count)

    return answers()


SEARCHES_KEPT = 1_000_000
"""How many jobs, in all, the searches :func:`iter_routes` keeps reach (about 150 MB): it forgets
the least recently asked start beyond, so that its memory stays bounded however many starts a
table names. The 41 jobs are searched once from each; ROME 4.0's 1,584, about 600 kept."""


def _checked_pair(referentiel: Referentiel, a: str, b: str) -> tuple[str, str]:
    start, end = referentiel.job(a).id, referentiel.job(b).id
    _check_request(referentiel, start, end, [], [], 1)
    return start, end


def _profiles_for_pairs(profiles: int, pairs: int) -> PathRequestError:
    return PathRequestError(_("{profiles} profiles for {pairs} pairs").format(profiles=profiles, pairs=pairs))


def _tied_paths(predecessors: dict[str, list[str]], start: str, end: str, limit: int) -> list[list[str]]:
    """Up to ``limit`` cheapest simple paths to ``end``, read back along a search's predecessors."""
    if end not in predecessors:
        return []
    found: list[list[str]] = []
    stack = [[end]]
    while stack and len(found) < limit:
        partial = stack.pop()
        if partial[-1] == start:
            found.append(partial[::-1])
            continue
        stack += [[*partial, u] for u in reversed(predecessors[partial[-1]]) if u not in partial]
    return found


def _cost(G: CareerGraph, nodes: Sequence[str], weight: Weight) -> float:
    return sum(weight(u, v, G.edges[u, v]) or 0.0 for u, v in itertools.pairwise(nodes))


def _best(
    G: CareerGraph,
    referentiel: Referentiel,
    found: list[tuple[list[str], float]],
    k: int,
    profile: Profile,
    said: MovesSaid | None = None,
) -> list[Itinerary]:
    """The ``k`` best of the routes found, by cost, then years, then moves, each described."""
    _read_moves(G, (nodes for nodes, _cost in found))
    described = (_describe(G, referentiel, nodes, cost, profile, said) for nodes, cost in found)
    return sorted(described, key=lambda path: (path.cost, path.years, path.moves))[:k]


def _check_request(
    referentiel: Referentiel, start: str, end: str, via: list[str], avoid: list[str], k: int
) -> None:
    def title(job_id: str) -> str:
        return referentiel.get(job_id).title

    if k < 1:
        msg = _("`k` must be at least 1 (got {k})").format(k=k)
        raise PathRequestError(msg)
    if start == end:
        msg = _("the start and the destination are the same job ({job})").format(job=title(start))
        raise PathRequestError(msg)
    clash = [job for job in avoid if job in (start, end, *via)]
    if clash:
        msg = _("{job} is both on the route and to avoid").format(job=title(clash[0]))
        raise PathRequestError(msg)
    stops = [start, *via, end]
    twice = next((job for job in stops if stops.count(job) > 1), None)
    if twice is not None:
        msg = _("{job} appears twice among the start, the `via` jobs and the destination")
        raise PathRequestError(msg.format(job=title(twice)))


def _k_paths(G: CareerGraph, stops: list[str], weight: Weight, k: int) -> list[tuple[list[str], float]]:
    """The ``k`` cheapest simple paths through ``stops`` in order, and up to
    :data:`TIE_BREAK_CANDIDATES` more that cost as much as the k-th, cheapest first."""
    if len(stops) == 2:
        return _k_paths_and_ties(G, stops[0], stops[1], weight, k)
    per_leg = k + TIE_BREAK_CANDIDATES
    legs = []
    for a, b in itertools.pairwise(stops):
        try:
            legs.append(list(itertools.islice(nx.shortest_simple_paths(G, a, b, weight=weight), per_leg)))
        except nx.NetworkXNoPath:
            return []
    combined: list[tuple[list[str], float]] = []
    for parts in itertools.product(*legs):
        nodes = [parts[0][0]] + [node for part in parts for node in part[1:]]
        if len(set(nodes)) == len(nodes):
            combined.append((nodes, _cost(G, nodes, weight)))
    return _cheapest_first(combined)[:per_leg]


def _cheapest_first(found: list[tuple[list[str], float]]) -> list[tuple[list[str], float]]:
    """Paths with their costs, cheapest first, then shortest, then by their jobs (a stable order)."""
    return sorted(found, key=lambda path: (path[1], len(path[0]), path[0]))


def _k_paths_and_ties(
    G: CareerGraph, start: str, end: str, weight: Weight, k: int
) -> list[tuple[list[str], float]]:
    """One leg of :func:`_k_paths`: Yen's paths, taken only while they can still tie with the k-th."""
    found: list[tuple[list[str], float]] = []
    try:
        for nodes in nx.shortest_simple_paths(G, start, end, weight=weight):
            value = _cost(G, nodes, weight)
            enough = len(found) == k + TIE_BREAK_CANDIDATES
            if len(found) >= k and (enough or value > found[k - 1][1] + 1e-9):
                break
            found.append((nodes, value))
    except nx.NetworkXNoPath:
        return []
    return _cheapest_first(found)


def _learning(referentiel: Referentiel, current: Job, target: Job) -> Learning | None:
    """:func:`what_to_learn`, once for each move of a référentiel."""
    learned: dict[tuple[str, str], Learning | None] = referentiel.derived.setdefault("learned", {})
    if (current.id, target.id) not in learned:
        learned[current.id, target.id] = what_to_learn(referentiel, current, target)
    return learned[current.id, target.id]


def what_to_learn(referentiel: Referentiel, current: Job, target: Job) -> Learning | None:
    """What a move from ``current`` to ``target`` asks to learn.

    Where both jobs have a fiche, their fiches are compared, line by line by
    their words: every savoir-faire and knowledge of the target's fiche that
    the current one does not list (the référentiel's own words, more precise
    than a card's). Otherwise, where the target has a ROME 4.0 card (a
    référentiel with card content, see :func:`carrieres.files.load_referentiel`),
    the cards are compared by code: the target's *cœur de métier*
    savoir-faire and savoirs, and its emerging ones, that the current card
    does not list; ``others`` counts its other savoir-faire and savoirs the
    current card lacks (all of them where the current job has no card). Two
    jobs of one card without two fiches to compare say ``same card``. ``None``
    only where the target lists no skill, or, reading the fiches alone, where
    either job has no fiche.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> r = load_referentiel()
    >>> learn = what_to_learn(r, r.job("Développeur"), r.job("Chef de projet"))
    >>> learn.compared, learn.savoir_faire[0].core, learn.others > 0
    ('codes', True, True)
    >>> tm, st = r.job("Technicien de maintenance"), r.job("Support technique")
    >>> learn = what_to_learn(r, tm, st)
    >>> learn.compared, learn.knowledge[0].text
    ('texts', 'Techniques de prise d’appel')
    """
    if current.has_fiche and target.has_fiche:
        return _by_text(current, target)
    need = card_content(referentiel, target)
    if need is None:
        return None
    have = card_content(referentiel, current)
    if have is not None and have.code == need.code:
        return Learning(savoir_faire=[], knowledge=[], compared="same card")
    return _by_code(have, need)


def _by_code(have: CardContent | None, need: CardContent) -> Learning | None:
    if not any(need.skills(kind) for kind in COMPARED_KINDS):
        return None
    known = set() if have is None else {s.code for kind in COMPARED_KINDS for s in have.skills(kind)}
    new = {kind: [s for s in need.skills(kind) if s.code not in known] for kind in COMPARED_KINDS}
    listed = {kind: [s for s in new[kind] if s.core or s.emerging] for kind in COMPARED_KINDS}
    others = sum(len(new[kind]) - len(listed[kind]) for kind in COMPARED_KINDS)
    return Learning(
        savoir_faire=listed["savoir_faire"], knowledge=listed["knowledge"], others=others, compared="codes"
    )


def _by_text(current: Job, target: Job) -> Learning:
    def new(have: Iterable[Item], need: Iterable[Item]) -> list[Skill]:
        known = {tokens(item.text) for item in have}
        return [Skill(text=item.text) for item in need if tokens(item.text) not in known]

    return Learning(
        knowledge=new(current.knowledge, target.knowledge),
        savoir_faire=new(current.savoir_faire, target.savoir_faire),
    )


MovesSaid: TypeAlias = dict[tuple[str, str], tuple[list["StepLink"], str]]
"""What a route says of each of its moves whoever takes it (its links and why it is a move), by
move: :func:`iter_routes` says it once for all the routes it gives."""


def _describe(
    G: CareerGraph,
    referentiel: Referentiel,
    nodes: list[str],
    cost: float,
    profile: Profile,
    said: MovesSaid | None = None,
) -> Itinerary:
    jobs = [referentiel.get(node) for node in nodes]
    same = [False, *(G.edges[u, v]["kind"] in SAME_JOB_KINDS for u, v in itertools.pairwise(nodes))]
    checks, years, assumptions = _timeline(jobs, same, profile, referentiel.levels)
    said = {} if said is None else said
    steps = []
    for move, job in enumerate(jobs):
        previous = jobs[move - 1] if move else None
        key = (previous.id if previous else "", job.id)
        if key not in said:
            links = [] if previous is None else list(G.edges[previous.id, job.id]["links"])
            said[key] = ([_step_link(link) for link in links], _explain(referentiel, previous, job, links))
        step_links, explanation = said[key]
        steps.append(
            Step(
                id=job.id,
                title=job.title,
                has_fiche=job.has_fiche,
                move=move,
                links=list(step_links),
                requires=job.prerequisites,
                learn=None if previous is None else _learning(referentiel, previous, job),
                profile=checks[move],
                explanation=explanation,
            )
        )
    moves = len(nodes) - 1 - sum(same)
    return Itinerary(steps=steps, moves=moves, cost=round(cost, 6), years=years, assumptions=assumptions)


def _step_link(link: Link) -> StepLink:
    """The link as a step shows it: the fields of :class:`StepLink`, read from the graph's link."""
    values = {name: getattr(link, name) for name in StepLink.field_names()}
    return StepLink(**{**values, "attributes": dict(link.attributes)})


def assumption_texts(profile: Profile, scale: LevelScale) -> dict[str, str]:
    """The assumptions a route's years may rest on, as sentences, by key: ``not_checked`` (no
    education given), ``stay`` (the years in a job where the référentiel asks for less or states no
    experience) and ``per_level`` (the years of study per missing level).

    Examples
    --------
    >>> assumption_texts(Profile(), LevelScale())["per_level"]
    '1 year of study per missing Bac level'
    """
    rules = (profile.years_per_level, profile.min_stay_years, profile.first_experience_years)
    return dict(_assumption_texts(*rules, profile.several_years, scale.is_bac, scale.name, language()))


@functools.lru_cache(maxsize=64)
def _assumption_texts(
    years_per_level: float,
    min_stay_years: float,
    first_experience_years: float,
    several_years: float,
    is_bac: bool,
    scale: str,
    _language: str,
) -> dict[str, str]:
    """:func:`assumption_texts`, said once for each set of rules and each language (a table of a
    million rows asks it of each row)."""
    per_level = (
        ngettext(
            "{years} year of study per missing Bac level",
            "{years} years of study per missing Bac level",
            years_per_level,
        )
        if is_bac
        else ngettext(
            "{years} year of study per missing level ({scale})",
            "{years} years of study per missing level ({scale})",
            years_per_level,
        )
    )
    stay = ngettext("{years} year", "{years} years", min_stay_years)
    first = ngettext("{years} year", "{years} years", first_experience_years)
    several = ngettext("{years} year", "{years} years", several_years)
    return {
        "unquantified": _(
            "where a job asks for experience without a number, {first} for a first experience "
            "and {several} for several years"
        ).format(
            first=first.format(years=decimal(first_experience_years)),
            several=several.format(years=decimal(several_years)),
        ),
        "not_checked": _("education is not checked (no current level given)"),
        "stay": _(
            "at least {stay} in a job before the next move, where the référentiel asks for less or "
            "states no experience"
        ).format(stay=stay.format(years=decimal(min_stay_years))),
        "per_level": per_level.format(years=decimal(years_per_level), scale=scale),
        "in_roles": _(
            "where a fiche asks for years in named jobs, only the years in those jobs count "
            "(the years already worked, as years in the first job)"
        ),
        "climb": _(
            "into a job of more responsibility that states no experience, "
            "{several} in the job before the move"
        ).format(several=several.format(years=decimal(several_years))),
        "jump": _(
            "from a junior job into a director's, {several} in the job before the move, "
            "whatever the years already worked"
        ).format(several=several.format(years=decimal(several_years))),
    }


def years_asked(pre: Prerequisites, profile: Profile) -> tuple[float | None, bool]:
    """The years of experience a route waits for before entering a job, and whether they are assumed.

    Experience that can stand in for a diploma, or is only an advantage, is
    not waited for; experience asked without a number takes the profile's
    assumption (a first experience: 1 year, several years: 3, by default).

    Examples
    --------
    >>> years_asked(Prerequisites(experience_unquantified="several"), Profile())
    (3.0, True)
    >>> years_asked(Prerequisites(experience_min_years=2, experience_role="advantage"), Profile())
    (None, False)
    """
    if pre.experience_role in ("alternative", "advantage"):
        return None, False
    if pre.experience_min_years is not None:
        return pre.experience_min_years, False
    if pre.experience_unquantified == "first":
        return profile.first_experience_years, True
    if pre.experience_unquantified == "several":
        return profile.several_years, True
    return None, False


def years_in(pre: Prerequisites) -> frozenset[str] | None:
    """The jobs whose years count towards the experience a job asks, where its fiche asks them in
    named roles in one sentence (``une expérience de la production d'environ 5 années``: years
    in the 15 PRODUCTION jobs); ``None`` where any years count.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> pre = load_referentiel().get("directeur-de-production").prerequisites
    >>> len(years_in(pre)), "technicien-de-maintenance" in years_in(pre)
    (15, True)
    """
    said, roles = pre.sources.get("experience"), pre.sources.get("prior_roles")
    if said is None or roles is None or said.line != roles.line or not pre.prior_roles:
        return None
    return frozenset(pre.prior_roles)


def _timeline(
    jobs: list[Job], same: list[bool], profile: Profile, scale: LevelScale
) -> tuple[list[StepCheck | None], float, list[str]]:
    """When each move can happen, from now, for this person.

    ``same[i]`` says that step ``i`` names the same job in another référentiel
    (an ``equivalent`` link): it takes no time and the years in the job go on.
    """
    assumptions: set[str] = set()
    said = assumption_texts(profile, scale)
    checks: list[StepCheck | None] = [None]
    year, worked, education = 0.0, profile.experience, profile.education
    in_job = profile.experience
    spent = {jobs[0].id: profile.experience}  # years worked in each job of the route so far
    if profile.education is None:
        assumptions.add(said["not_checked"])
    for previous, job, same_job in zip(jobs, jobs[1:], same[1:], strict=False):
        pre = job.prerequisites
        needed, assumed = years_asked(pre, profile)
        stay = 0.0 if same_job else max(0.0, profile.min_stay_years - in_job)
        climb = 0 if same_job else seniority(job.title) - seniority(previous.title)
        if climb >= JUMP_RANKS:
            stay = max(stay, profile.several_years)  # years already worked were not a manager's
            assumptions.add(said["jump"])
        elif climb > 0 and needed is None:
            stay = max(stay, profile.several_years - in_job)
            assumptions.add(said["climb"])
        if assumed:
            assumptions.add(said["unquantified"])
        roles = years_in(pre)
        counted = worked if roles is None else sum(spent.get(role, 0.0) for role in roles)
        have = profile.experience if roles is None or jobs[0].id in roles else 0.0
        if roles is not None and needed is not None and counted < worked:
            assumptions.add(said["in_roles"])
        wait = max(stay, (needed or 0.0) - counted)
        if not same_job and (needed is None or stay > max(0.0, needed - counted)):
            assumptions.add(said["stay"])  # the stay, not the référentiel, set the wait
        year += wait
        worked += wait
        spent[previous.id] = spent.get(previous.id, 0.0) + wait
        meets_education: bool | None = None
        gain: str | None = None
        study = 0.0
        if education is not None and pre.education_min is not None:
            meets_education = education >= pre.education_min
            if not meets_education:
                gain = scale.label(pre.education_min)
                study = (pre.education_min - education) * profile.years_per_level
                assumptions.add(said["per_level"])
                education = pre.education_min
                year += study
        checks.append(
            StepCheck(
                meets_education=meets_education,
                diploma_to_gain=gain,
                years_of_study=study,
                meets_experience=None if needed is None else have >= needed,
                experience_needed=needed,
                experience_assumed=assumed,
                earliest_year=round(year, 6),
            )
        )
        in_job = in_job + wait if same_job else 0.0
    return checks, round(year, 6), sorted(assumptions)


def _explain(referentiel: Referentiel, previous: Job | None, job: Job, links: Sequence[Link]) -> str:
    if previous is None:
        return _("Start: {job}.").format(job=job.title)
    parts = []
    for link in links:
        words = {
            "fiche": referentiel.get(link.fiche).title if link.fiche else "",
            "group": _(" (group {group!r})").format(group=link.group) if link.group else "",
            "previous": previous.title,
            "job": job.title,
            "line": link.line,
            "text": link.text,
            "kind": link.kind,
            "lifted": link.text,
        }
        if link.kind == "prerequisite" and link.group:
            template = _(
                "the fiche of {fiche} requires prior experience in «{text_group}», "
                "which {previous} gives, line {line}: «{text}»"
            )
            words["text_group"] = link.group
        elif link.kind == "prerequisite":
            template = _(
                "the fiche of {fiche} requires prior experience as {previous}, line {line}: «{text}»"
            )
        elif link.kind == "proximity":
            template = _(
                "the fiche of {fiche} lists {job} among its related jobs{group}, line {line}: «{text}»"
            )
        elif link.kind == "similarity":
            template = _("inferred from the text: {text}")
        elif link.kind == LIFTED_KIND:
            template = _("no fiche states this move; {lifted}")
        elif link.kind == SKILLS_KIND:
            template = _(
                "{previous} has {shared} of the {of} skills of {job} ({core_shared} of its core ones), "
                "by their ROME 4.0 cards {text}"
            )
            words |= {name: link.attributes[name] for name in ("shared", "of", "core_shared")}
        elif link.kind != "reverse_proximity" and not referentiel.has_fiches:
            template = _("the référentiel links {previous} to {job} as «{kind}», line {line}")
        elif link.kind != "reverse_proximity":
            template = _("{fiche} lists {job} as a «{kind}» link{group}, line {line}: «{text}»")
        else:
            template = _(
                "inferred: the fiche of {fiche} lists {previous} among its related jobs{group}, "
                "line {line}, and the link is read backwards"
            )
        values = ", ".join(f"{name} {readable(value)}" for name, value in link.attributes.items())
        values = "" if link.kind == SKILLS_KIND else values  # said in words above
        parts.append(template.format(**words) + (f" ({values})" if values else ""))
    text = clauses(parts) + "."
    text = text[0].upper() + text[1:]
    if not job.has_fiche and referentiel.has_fiches:
        origins = sorted(set(job.prerequisites.origins.values()))
        if origins:
            cards = ", ".join(origin.partition(":")[2] for origin in origins)
            text += " " + _("{job} has no fiche: its requirements come from its ROME card {cards}.").format(
                job=job.title, cards=cards
            )
        else:
            text += " " + _("{job} has no fiche: its requirements are unknown.").format(job=job.title)
    return text


def _why_no_path(G: CareerGraph, view: CareerGraph, stops: list[str], avoid: list[str]) -> str:
    """Explain, leg by leg, what blocks a route through ``stops`` in ``view``."""
    referentiel = _referentiel(G)

    def title(job_id: str) -> str:
        return referentiel.get(job_id).title

    def names(ids: Sequence[str]) -> str:
        return ", ".join(title(i) for i in ids[:5]) + (" …" if len(ids) > 5 else "")

    kinds = G.graph["edge_kinds"].split(",")
    where = G.graph.get("where", "")
    lines = _no_route_heading(title(stops[0]), title(stops[-1]), kinds, where, names(avoid) if avoid else "")

    def card_note(job: str, side: Literal["from", "to"]) -> str:
        return "" if where else _card_note(referentiel, job, kinds, side)

    for a, b in itertools.pairwise(stops):
        reached = _reach(view, a)
        if b in reached:
            continue
        words = {"from": title(a), "to": title(b)}
        lines.append(_("{to} cannot be reached from {from}:").format(**words))
        into = list(G.predecessors(b))
        prior = list(G.nodes[b]["prior_roles"])
        target = referentiel.get(b)
        if not into and where:
            lines.append("  " + _("no link the conditions keep leads to {to}").format(**words))
        elif not into:
            if target.proximity and "reverse_proximity" not in kinds:
                template = (
                    _(
                        "no link of these kinds leads to {to}; its fiche lists related jobs, "
                        "so `edges` {kinds} would add inferred links into it"
                    )
                    if referentiel.has_fiches
                    else _(
                        "no link of these kinds leads to {to}; "
                        "its own links, read backwards, would: `edges` {kinds}"
                    )
                )
                lines.append("  " + template.format(kinds=",".join([*kinds, "reverse_proximity"]), **words))
            else:
                if not referentiel.has_fiches:
                    template = _("no link of the référentiel leads to {to}")
                elif target.has_fiche:
                    template = _(
                        "nothing in the référentiel leads to {to}: no fiche names it and it has a fiche"
                    )
                else:
                    template = _(
                        "nothing in the référentiel leads to {to}: no fiche names it and it has no fiche"
                    )
                lines.append("  " + template.format(**words) + card_note(b, "to"))
        elif prior and set(prior) <= set(avoid):
            lines.append(
                "  "
                + _("its fiche requires prior experience as {jobs}, which you asked to avoid").format(
                    jobs=names(prior)
                )
            )
        elif prior and not reached & set(prior):
            source = target.prerequisites.sources.get("prior_roles")
            where = _(" (line {line}: «{text}»)").format(line=source.line, text=source.text) if source else ""
            lines.append(
                "  "
                + _("its fiche requires prior experience as {jobs}{where},").format(
                    jobs=names(prior), where=where
                )
            )
            lines.append("  " + _("and none of them can be reached from {from}").format(**words))
        elif set(into) <= set(avoid):
            lines.append(
                "  " + _("every job that leads to it ({jobs}) is to be avoided").format(jobs=names(into))
            )
        else:
            lines.append(
                "  "
                + _("none of the jobs that lead to it ({jobs}) can be reached from {from}").format(
                    jobs=names(into), **words
                )
            )
        if not list(G.successors(a)):
            lines.append("  " + _("no link leads out of {from}").format(**words) + card_note(a, "from"))
        closest = _closest(G, reached - {a}, b)
        if closest:
            lines.append(
                "  " + _("closest jobs reachable from {from}: {jobs}").format(jobs=names(closest), **words)
            )
    return "\n".join(lines)


def _no_route_heading(start: str, end: str, kinds: Sequence[str], where: str, avoided: str) -> list[str]:
    """The first lines of :func:`_why_no_path`: what was asked, and what the conditions leave out."""
    heading = _("no route from {start} to {end} with links of kind {kinds}").format(
        start=start, end=end, kinds=", ".join(kinds)
    )
    if where:
        heading += _(", where {conditions}").format(conditions=where)
    if avoided:
        heading += _(", avoiding {jobs}").format(jobs=avoided)
    if not where:
        return [heading]
    # what the référentiel's data says of its cards no longer holds of the links kept
    note = _(
        "the conditions {conditions} keep only the links that carry their attributes and meet "
        "them (a link that lacks an attribute does not meet its condition): a route may exist "
        "without them"
    )
    return [heading, note.format(conditions=where)]


def _card_note(
    referentiel: Referentiel, job_id: str, kinds: Sequence[str], way: Literal["to", "from"]
) -> str:
    """Why no ROME move helps either: no other job's card is linked to (or from) the job's card."""
    if LIFTED_KIND not in kinds:
        return ""
    notes = []
    for crosswalk in referentiel.crosswalks:
        row = crosswalk.row(job_id)
        if not crosswalk.moves or row is None:
            continue
        words = {"version": crosswalk.version, "card": f"{row.code} {row.card}"}
        if row.code is None:
            notes.append(_("it has no {version} card").format(**words))
        elif way == "to":
            notes.append(_("in {version}, no other job's card leads to its card {card}").format(**words))
        else:
            notes.append(_("in {version}, its card {card} leads to no other job's card").format(**words))
    return _("; {notes}").format(notes=clauses(notes)) if notes else ""


def _reach(G: CareerGraph, start: str) -> set[str]:
    """The start and every job the rule lets one reach from it."""
    return {start, *nx.descendants(moves_view(G), start)}


def _closest(G: CareerGraph, candidates: set[str], target: str, limit: int = 3) -> list[str]:
    """The candidates nearest to ``target`` when links are read in both directions."""
    distance = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), target)
    near = [c for c in candidates if c in distance]
    return sorted(near, key=lambda c: (distance[c], G.nodes[c]["title"]))[:limit]


def reachable(
    G: CareerGraph,
    source: str,
    *,
    moves: int = 1,
    avoid: Sequence[str] = (),
    by: str | None = None,
    top: int | None = None,
    max_level_jump: int | None = None,
    costs: CostModel | None = None,
) -> list[Reachable]:
    """The jobs reachable from a job within ``moves`` moves, the most plausible first.

    Each comes with its cheapest route of at most ``moves`` moves under the
    cost model (``costs``, default :class:`CostModel`; see the module
    docstring), its cost and what it asks for: a move the fiches state comes
    before one the ROME or shared skills support, a small jump in diploma
    before a large one. With ``by`` (a numeric link attribute, such as a
    table's ``similarity``), the jobs are ranked by moves, then by the highest
    total of it along the route (routes with a move that lacks it last), then
    those reached without a move lifted from the ROME (``rome`` spells those
    out). Ties go by title. ``top`` keeps the first ones; ``max_level_jump``
    leaves out the moves that climb more education levels (see
    :func:`find_paths`).

    Raises
    ------
    UnknownNameError, AmbiguousNameError
        The name matches no job, or several.
    PathRequestError
        ``moves`` below 1, the start among the jobs to avoid, or ``by`` no numeric attribute of
        the links.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> G = build_graph(load_referentiel())
    >>> [(r.id, r.moves, r.cost) for r in reachable(G, "support technique")][:2]
    [('gestionnaire-de-parc-micro-informatique', 1, 1.0), ('superviseur-hot-line', 1, 1.5)]
    """
    referentiel = _referentiel(G)
    start_job, cards = referentiel.job(source), bool(referentiel.cards)
    start = start_job.id
    banned = {referentiel.job(name).id for name in avoid}
    if moves < 1:
        msg = _("`moves` must be at least 1 (got {moves})").format(moves=moves)
        raise PathRequestError(msg)
    if start in banned:  # as path refuses it
        msg = _("{job} is both the start and to avoid").format(job=start_job.title)
        raise PathRequestError(msg)
    kept = _avoiding(G, banned)
    weight = _weight(kept, costs or CostModel(), fewest_moves=False, max_level_jump=max_level_jump)
    routes = _cheapest_within(kept, start, moves, weight)
    routes.pop(start, None)
    if by is not None:
        numeric_range(_whole(G), by)  # a clear error for an attribute no link has
    _read_moves(G, (route for _cost, route in routes.values()))
    exact = {job_id: None if by is None else _total(G, route, by) for job_id, (_c, route) in routes.items()}
    rome = {
        job_id: [
            G.edges[u, v]["text"]
            for u, v in itertools.pairwise(route)
            if G.edges[u, v]["kind"] == LIFTED_KIND
        ]
        for job_id, (_c, route) in routes.items()
    }
    title = {job_id: referentiel.get(job_id).title for job_id in routes}
    if by is None:
        order = sorted(routes, key=lambda i: (round(routes[i][0], 6), len(routes[i][1]), title[i], i))
    else:
        order = sorted(
            routes,
            key=lambda i: (
                len(routes[i][1]),
                exact[i] is None,
                -(exact[i] or 0.0),
                len(rome[i]),
                title[i],
                i,
            ),
        )
    share = _skill_share(referentiel) if cards else None
    return [
        Reachable(
            id=job_id,
            title=title[job_id],
            moves=len(route) - 1,
            route=route,
            requires=referentiel.get(job_id).prerequisites,
            rome=rome[job_id],
            kinds=[G.edges[u, v]["kind"] for u, v in itertools.pairwise(route)],
            value=None if exact[job_id] is None else round(exact[job_id] or 0.0, 9),  # ranked exact
            learn=what_to_learn(referentiel, start_job, referentiel.get(job_id)) if cards else None,
            cost=round(cost, 6),
            share=_rounded(share(start, job_id)) if share else None,
        )
        for job_id in order[:top]
        for cost, route in [routes[job_id]]
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _cheapest_within(
    G: CareerGraph, start: str, moves: int, weight: Weight
) -> dict[str, tuple[float, list[str]]]:
    """The cheapest route of at most ``moves`` moves to each job reachable so (hop by hop: the best
    route with one more move extends a best route with one move fewer); ties go to fewer moves, then
    to the route whose jobs come first."""
    best: dict[str, tuple[float, list[str]]] = {start: (0.0, [start])}
    frontier = dict(best)
    for _hop in range(moves):
        reached: dict[str, tuple[float, list[str]]] = {}
        for u, (cost, route) in frontier.items():
            for v, data in G.succ[u].items():
                step = weight(u, v, data)
                if step is None or v in route:
                    continue
                candidate = (cost + step, [*route, v])
                if v not in reached or (candidate[0], candidate[1]) < (reached[v][0], reached[v][1]):
                    reached[v] = candidate
        frontier = {v: found for v, found in reached.items() if v not in best or found[0] < best[v][0] - 1e-9}
        best.update(frontier)
    return best


def _total(G: CareerGraph, route: Sequence[str], name: str) -> float | None:
    return _sum_of_every(_number(G.edges[u, v].get(name)) for u, v in itertools.pairwise(route))


def _sum_of_every(values: Iterable[float | None]) -> float | None:
    """The sum of a route's numbers, one per move; ``None`` where a move has none."""
    given = list(values)
    return None if None in given else math.fsum(value for value in given if value is not None)


def _is_number(value: object) -> bool:
    return _number(value) is not None


def _number(value: object) -> float | None:
    """A link attribute as a number (a flag or a text is none)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def numeric_range(G: CareerGraph, name: str) -> tuple[float, float]:
    """The lowest and highest value of a numeric link attribute over the graph's links.

    Raises
    ------
    PathRequestError
        No link has ``name`` as a number; the message lists the numeric attributes the links have.
    """
    found = (_number(data.get(name)) for _u, _v, data in G.edges(data=True))
    values = [value for value in found if value is not None]
    if not values:
        names = sorted(
            {
                key
                for _u, _v, data in G.edges(data=True)
                for key, value in data.items()
                if _is_number(value) and key not in RESERVED_ATTRIBUTES
            }
        )
        msg = _("no link has a number named {name}; the links' numbers: {names}").format(
            name=repr(name), names=", ".join(names) or _("none")
        )
        raise PathRequestError(msg)
    return float(min(values)), float(max(values))
