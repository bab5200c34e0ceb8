"""Central roles, clusters against the official families, and the shape of the map.

Every function works on the *moves* of a career graph (:func:`~carrieres.graph.moves_graph`):
the edges the prior-role rule forbids are left out, since nobody can take them.

Centrality measures, in career terms
------------------------------------
``degree``
    Links in and out: how connected a role is.
``in_degree``
    Jobs that lead to it: a *destination*.
``out_degree``
    Jobs it leads to: a *springboard*.
``betweenness``
    Share of shortest routes between other jobs that pass through it: a
    *crossroads*. Exact up to :data:`EXACT_BETWEENNESS_LIMIT` jobs (or
    ``sources``), estimated from that many sampled sources beyond (fixed seed).
``closeness``
    How few moves it takes to reach it from the others (incoming distances);
    ``None`` above :data:`CLOSENESS_LIMIT` jobs.
``pagerank``
    How likely a long random walk along moves ends there: a role many routes
    converge on.
``eigenvector``
    Being reached from roles that are themselves central; ``None`` where the
    power iteration does not converge (as on graphs that are not strongly
    connected).

Clusters are found on the undirected moves graph (a link in either direction
joins two jobs) and compared with the nomenclature's families by the adjusted
Rand index (1: the same grouping, 0: chance) and the normalised mutual
information (1: the same, 0: unrelated).

Examples
--------
>>> from carrieres import load_referentiel, build_graph
>>> G = build_graph(load_referentiel(), edges="proximity,prerequisite")  # the fiches' links only
>>> [row.id for row in centrality(G, by="betweenness")[:2]]
['responsable-technique-de-compte', 'ingenieur-administrateur-systeme-et-reseaux']
>>> result = clusters(G, seed=1)
>>> result.method, len(result.clusters) > 1
('louvain', True)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import networkx as nx

from carrieres import _engine
from carrieres._i18n import N_, _
from carrieres._records import Record, record
from carrieres.exceptions import RequestError
from carrieres.graph import INFERRED_KINDS, LIFTED_KIND, SKILLS_KIND, allowed, link_kinds, moves_graph

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

__all__ = [
    "CLUSTER_METHODS",
    "MEASURES",
    "MEASURE_LABELS",
    "Centrality",
    "Clustering",
    "FamilyComparison",
    "MapStats",
    "adjusted_rand_index",
    "centrality",
    "clusters",
    "map_stats",
    "measure_name",
    "normalized_mutual_information",
]

MEASURES = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "pagerank", "eigenvector")
"""The centrality measures, each explained in the module docstring."""

MEASURE_LABELS = {
    "degree": N_("degree"),
    "in_degree": N_("in-degree"),
    "out_degree": N_("out-degree"),
    "betweenness": N_("betweenness"),
    "closeness": N_("closeness"),
    "pagerank": N_("PageRank"),
    "eigenvector": N_("eigenvector centrality"),
}
"""How people read each measure's name (translated where it is shown: pictures, table headers)."""


def measure_name(by: str) -> str:
    """A centrality measure as people read it, in the language in use (another name stays as it is).

    Examples
    --------
    >>> measure_name("in_degree"), measure_name("score")
    ('in-degree', 'score')
    """
    return _(MEASURE_LABELS[by]) if by in MEASURE_LABELS else by


CLUSTER_METHODS = ("louvain", "greedy", "label_propagation")
"""Community detection methods."""

EXACT_BETWEENNESS_LIMIT = 1000
"""Above this many jobs, betweenness is estimated from this many sampled sources (by default)."""

CLOSENESS_LIMIT = 10_000
"""Above this many jobs, closeness is not computed (``None``): it takes one search per job."""

_DIGITS = 6


@record
class Centrality(Record):
    """Every centrality measure of one job."""

    id: str
    title: str
    family: str
    degree: int
    in_degree: int
    out_degree: int
    betweenness: float
    closeness: float | None
    pagerank: float
    eigenvector: float | None
    rank: int = 0
    """Place in the ranking by the measure asked for, on its exact values: jobs as central share
    a rank (1, 2, 2, 4), whatever the rounding of the values shown."""


def centrality(
    G: CareerGraph,
    *,
    by: str = "betweenness",
    top: int | None = None,
    seed: int = 0,
    sources: int = EXACT_BETWEENNESS_LIMIT,
    engine: Literal["auto", "networkx", "igraph"] = "auto",
) -> list[Centrality]:
    """Every job's centrality, sorted by one measure (highest first, then by title).

    The ranking uses the exact values; the values are rounded to 6 decimals for the
    record only, and ``rank`` gives jobs as central the same place.

    Parameters
    ----------
    G
        A career graph from :func:`carrieres.build_graph`.
    by
        The measure to sort by (see :data:`MEASURES`).
    top
        Keep only the first ``top`` jobs.
    seed
        Seed of the sampling used for betweenness on large graphs.
    sources
        Betweenness is exact on maps of up to this many jobs, and estimated
        from this many sampled sources on larger ones: the time grows with it
        (1,000 sources take about a minute at 100,000 jobs).
    engine
        ``"networkx"``, ``"igraph"`` (the ``fast`` extra: same values, computed
        in C), or ``"auto"``: igraph from
        :data:`~carrieres._engine.ENGINE_THRESHOLD` jobs on, when it is installed.

    Returns
    -------
    list[Centrality]
        One row per job (or the first ``top``), with every measure.

    Raises
    ------
    RequestError
        An unknown measure, fewer than 2 sources, or igraph asked for and not installed.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> for row in carrieres.centrality(G, top=3):
    ...     print(row.rank, row.id, row.betweenness)
    1 chef-de-produit 0.148918
    2 support-technique 0.111523
    3 responsable-marketing 0.098224
    >>> [row.title for row in carrieres.centrality(G, by="pagerank", top=2)]
    ['Gestionnaire de parc micro-informatique', 'Directeur des études']
    """
    if by not in MEASURES:
        msg = _("unknown measure {name}; choose among {choices}").format(
            name=repr(by), choices=", ".join(MEASURES)
        )
        raise RequestError(msg)
    if sources < 2:
        msg = _("betweenness needs at least 2 sampled sources, not {count}").format(count=sources)
        raise RequestError(msg)
    n = G.number_of_nodes()
    sample = sources if n > sources else None
    with_closeness = n <= CLOSENESS_LIMIT
    measures = (
        _engine.centrality(G, sample, seed, with_closeness=with_closeness)
        if _use_igraph(engine, n)
        else _networkx_centrality(moves_graph(G), sample, seed, with_closeness=with_closeness)
    )

    def value(measure: str, node: str) -> float | None:
        values = measures[measure]
        return None if values is None else round(values[node], _DIGITS)

    exact = measures[by]
    order = sorted(G.nodes, key=lambda node: (-(exact[node] if exact else 0.0), G.nodes[node]["title"], node))
    ranks: dict[str, int] = {}
    for place, node in enumerate(order):
        previous = order[place - 1] if place else None
        tied = (
            previous is not None
            and exact is not None
            and math.isclose(exact[node], exact[previous], rel_tol=1e-9, abs_tol=1e-15)
        )
        ranks[node] = ranks[previous] if tied and previous is not None else place + 1
    rows = [
        Centrality(
            id=node,
            title=data["title"],
            family=data["family"],
            degree=int(value("degree", node) or 0),
            in_degree=int(value("in_degree", node) or 0),
            out_degree=int(value("out_degree", node) or 0),
            betweenness=value("betweenness", node) or 0.0,
            closeness=value("closeness", node),
            pagerank=value("pagerank", node) or 0.0,
            eigenvector=value("eigenvector", node),
            rank=ranks[node],
        )
        for node in order
        for data in (G.nodes[node],)
    ]
    return rows[:top] if top is not None else rows


def _use_igraph(engine: str, n: int) -> bool:
    """Whether an analysis of ``n`` jobs runs on igraph (see :func:`centrality`)."""
    if engine == "igraph" and not _engine.available():
        msg = _("the igraph engine is not installed: pip install 'carrieres[fast]'")
        raise RequestError(msg)
    return n > 0 and (
        engine == "igraph" or (engine == "auto" and n >= _engine.ENGINE_THRESHOLD and _engine.available())
    )


def _networkx_centrality(
    moves: CareerGraph, sample: int | None, seed: int, *, with_closeness: bool
) -> dict[str, dict[str, float] | None]:
    eigenvector: dict[str, float] | None
    try:
        eigenvector = nx.eigenvector_centrality(moves)
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigenvector = None
    return {
        "degree": dict(moves.degree()),
        "in_degree": dict(moves.in_degree()),
        "out_degree": dict(moves.out_degree()),
        "betweenness": nx.betweenness_centrality(moves, k=sample, seed=seed),
        "closeness": nx.closeness_centrality(moves) if with_closeness else None,
        "pagerank": _pagerank(moves) if moves else {},
        "eigenvector": eigenvector,
    }


def _pagerank(moves: CareerGraph) -> dict[str, float]:
    """PageRank: :func:`pagerank_power` on small graphs, ``nx.pagerank`` (scipy) on larger ones."""
    if moves.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return pagerank_power(moves)
    return cast("dict[str, float]", nx.pagerank(moves))


def pagerank_power(
    moves: CareerGraph, *, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100
) -> dict[str, float]:
    """PageRank of an unweighted graph by power iteration, in plain Python.

    ``nx.pagerank`` computes the same values (within its tolerance) with scipy,
    whose import costs the command line 0.16 s; on a map of a few hundred jobs,
    this loop is as fast as the whole of that import. The iteration is the
    textbook one networkx also uses: each job passes ``alpha`` of its score
    along its moves, jobs no move leaves share theirs with everyone, and every
    job gets ``1 - alpha`` spread evenly; it stops when the scores change by
    less than ``tol`` per job.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        The scores did not settle within ``max_iter`` iterations.

    Examples
    --------
    >>> import networkx as nx
    >>> ring = nx.cycle_graph(4, create_using=nx.DiGraph)
    >>> [round(score, 6) for score in pagerank_power(ring).values()]
    [0.25, 0.25, 0.25, 0.25]
    """
    n = moves.number_of_nodes()
    if n == 0:
        return {}
    share = {node: 1.0 / degree for node, degree in moves.out_degree() if degree}
    dangling = [node for node in moves if node not in share]
    scores = dict.fromkeys(moves, 1.0 / n)
    for _iteration in range(max_iter):
        last = scores
        scores = dict.fromkeys(last, 0.0)
        spread = alpha * sum(last[node] for node in dangling)
        for node in scores:
            for target in moves.successors(node):
                scores[target] += alpha * last[node] * share[node]
            scores[node] += spread / n + (1.0 - alpha) / n
        if sum(abs(scores[node] - last[node]) for node in scores) < n * tol:
            return scores
    raise nx.PowerIterationFailedConvergence(max_iter)


@record
class FamilyComparison(Record):
    """How clusters compare with the nomenclature's families and sub-families.

    ``contingency`` maps each cluster (by index) to the count of its jobs in
    each family; ``regrouped`` lists the jobs whose family is not the most
    common family of their cluster.
    """

    ari: float
    nmi: float
    subfamily_ari: float
    subfamily_nmi: float
    contingency: list[dict[str, int]]
    regrouped: list[dict[str, str]]


@record
class Clustering(Record):
    """Communities of jobs, their modularity and their fit with the families."""

    method: str
    engine: str
    seed: int
    resolution: float
    edges: list[str]
    modularity: float
    clusters: list[list[str]]
    vs_families: FamilyComparison


def clusters(
    G: CareerGraph,
    *,
    method: Literal["louvain", "greedy", "label_propagation"] | str = "louvain",
    seed: int = 0,
    resolution: float = 1.0,
    engine: Literal["auto", "networkx", "igraph"] = "auto",
) -> Clustering:
    """Communities of the career graph, compared with the official families.

    Parameters
    ----------
    G
        A career graph from :func:`carrieres.build_graph`.
    method
        ``"louvain"`` (default), ``"greedy"`` (greedy modularity) or
        ``"label_propagation"`` (asynchronous label propagation).
    seed
        Seed of the randomised methods: the same seed gives the same clusters.
    resolution
        Above 1, smaller clusters; below 1, larger ones (not used by label propagation).
    engine
        For ``"louvain"``: ``"networkx"`` (its Louvain), ``"igraph"`` (the
        ``fast`` extra: igraph's Leiden, which refines Louvain; groups may
        differ, modularity is as high or higher), or ``"auto"``: igraph from
        :data:`~carrieres._engine.ENGINE_THRESHOLD` jobs on, when it is installed.

    Returns
    -------
    Clustering
        The clusters (job ids, largest first), their modularity, and how they
        compare with the families (``vs_families``: adjusted Rand index,
        normalised mutual information, contingency table, jobs grouped apart).

    Raises
    ------
    RequestError
        An unknown method, a resolution that is not positive, or igraph asked for and not installed.

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> found = carrieres.clusters(G)
    >>> len(found.clusters), round(found.modularity, 3), found.vs_families.ari
    (3, 0.173, 0.434794)
    >>> found.vs_families.contingency[1]
    {'ETUDE & DEVELOPPEMENT': 2, 'PRODUCTION': 14}
    """
    if method not in CLUSTER_METHODS:
        msg = _("unknown clustering method {name}; choose among {choices}").format(
            name=repr(method), choices=", ".join(CLUSTER_METHODS)
        )
        raise RequestError(msg)
    if not 0 < resolution <= MAX_RESOLUTION:
        msg = _("the resolution must be above 0 and at most {most}, not {value}").format(
            most=f"{MAX_RESOLUTION:g}", value=resolution
        )
        raise RequestError(msg)
    fast = method == "louvain" and _use_igraph(engine, G.number_of_nodes())
    found: Iterable[Collection[str]]
    if fast:
        found, modularity = _engine.communities(G, seed, resolution)
    else:
        undirected = moves_graph(G).to_undirected(as_view=False)
        if method == "louvain":
            found = nx.community.louvain_communities(undirected, seed=seed, resolution=resolution)
        elif method == "greedy":
            found = nx.community.greedy_modularity_communities(undirected, resolution=resolution)
        else:
            found = list(nx.community.asyn_lpa_communities(undirected, seed=seed))
        sets = [set(group) for group in found]
        modularity = (
            nx.community.modularity(undirected, sets, resolution=resolution) if undirected.size() else 0.0
        )
    groups = sorted((sorted(group) for group in found), key=lambda group: (-len(group), group))
    return Clustering(
        method=method,
        engine="igraph" if fast else "networkx",
        seed=seed,
        resolution=resolution,
        edges=G.graph["edge_kinds"].split(","),
        modularity=round(modularity, _DIGITS),
        clusters=groups,
        vs_families=_compare(G, groups),
    )


def _compare(G: CareerGraph, groups: list[list[str]]) -> FamilyComparison:
    cluster_of = {job: index for index, group in enumerate(groups) for job in group}
    jobs = list(G.nodes)
    found = [cluster_of[job] for job in jobs]
    families = [G.nodes[job]["family"] or "?" for job in jobs]
    subfamilies = [f"{G.nodes[job]['family']} / {G.nodes[job]['subfamily']}" for job in jobs]
    contingency = [
        dict(sorted(Counter(G.nodes[j]["family"] or "?" for j in group).items())) for group in groups
    ]
    regrouped = []
    for index, group in enumerate(groups):
        counts = contingency[index]
        majority = max(sorted(counts), key=lambda family: counts[family])
        regrouped += [
            {"id": job, "family": G.nodes[job]["family"], "cluster_family": majority, "cluster": str(index)}
            for job in group
            if (G.nodes[job]["family"] or "?") != majority
        ]
    return FamilyComparison(
        ari=round(adjusted_rand_index(found, families), _DIGITS),
        nmi=round(normalized_mutual_information(found, families), _DIGITS),
        subfamily_ari=round(adjusted_rand_index(found, subfamilies), _DIGITS),
        subfamily_nmi=round(normalized_mutual_information(found, subfamilies), _DIGITS),
        contingency=contingency,
        regrouped=regrouped,
    )


def _pairs(count: int) -> float:
    return count * (count - 1) / 2


def adjusted_rand_index(a: Sequence[object], b: Sequence[object]) -> float:
    """Adjusted Rand index of two labellings of the same items (Hubert and Arabie).

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], ["x", "x", "y", "y"])
    1.0
    >>> round(adjusted_rand_index([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2]), 3)
    0.444
    """
    table = Counter(zip(a, b, strict=True))
    index = sum(_pairs(n) for n in table.values())
    rows = sum(_pairs(n) for n in Counter(a).values())
    columns = sum(_pairs(n) for n in Counter(b).values())
    total = _pairs(len(a))
    expected = rows * columns / total if total else 0.0
    maximum = (rows + columns) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def _entropy(labels: Sequence[object]) -> float:
    n = len(labels)
    return -sum(c / n * math.log(c / n) for c in Counter(labels).values())


def normalized_mutual_information(a: Sequence[object], b: Sequence[object]) -> float:
    """Mutual information of two labellings divided by the mean of their entropies.

    Examples
    --------
    >>> normalized_mutual_information([0, 0, 1, 1], ["x", "x", "y", "y"])
    1.0
    """
    n = len(a)
    if n == 0:
        return 1.0
    count_a, count_b = Counter(a), Counter(b)
    mutual = sum(
        c / n * math.log(c * n / (count_a[x] * count_b[y]))
        for (x, y), c in Counter(zip(a, b, strict=True)).items()
    )
    mean = (_entropy(a) + _entropy(b)) / 2
    return 1.0 if mean == 0 else max(0.0, mutual / mean)


@record
class MapStats(Record):
    """The shape of the map: size, components, entry points, dead ends, bridges."""

    jobs: int
    jobs_with_fiche: int
    links: int
    links_by_kind: dict[str, int]
    forbidden_links: int
    components: list[list[str]]
    strongly_connected: int
    isolated: list[str]
    entry_points: list[str]
    dead_ends: list[str]
    bridges: list[dict[str, str]]
    reciprocity: float
    moves_by_source: dict[str, int]
    """Moves by who states them: the ``référentiel``, the ROME version they were lifted from,
    ``skills`` (only shared skills support them), ``inferred``."""


MAX_RESOLUTION = 100.0
"""The largest clustering resolution: beyond it every job is alone, and the modularity overflows."""


def _source(G: CareerGraph, kind: str) -> str:
    """Who states a link of this kind: ``référentiel``, ``inferred``, ``skills`` (shared skills of
    the jobs' ROME cards), or the ROME version it comes from."""
    if kind in INFERRED_KINDS:
        return "inferred"
    if kind == SKILLS_KIND:
        return SKILLS_KIND
    if kind != LIFTED_KIND:
        return "référentiel"
    crosswalks = G.graph["referentiel"].crosswalks
    return ", ".join(dict.fromkeys(c.version for c in crosswalks if c.moves)) or LIFTED_KIND


def map_stats(G: CareerGraph, *, engine: Literal["auto", "networkx", "igraph"] = "auto") -> MapStats:
    """Counts and lists that describe the career graph.

    ``isolated``: jobs no link touches (no fiche, and no fiche names them);
    ``entry_points``: jobs open to beginners; ``dead_ends``: jobs linked to the
    map that no move leaves; ``bridges``: moves between two families;
    ``forbidden_links``: links the prior-role rule makes unusable;
    ``moves_by_source``: the allowed moves by who states them, each counted
    once (a move the référentiel states is not counted again for the ROME).
    ``engine`` chooses who finds the components, as in :func:`centrality`
    (same values).

    Parameters
    ----------
    G
        A career graph from :func:`carrieres.build_graph`.
    engine
        ``"networkx"``, ``"igraph"`` or ``"auto"``, as in :func:`centrality`.

    Returns
    -------
    MapStats
        The counts and lists above; each of ``bridges`` names its two jobs and their families.

    Raises
    ------
    RequestError
        igraph asked for and not installed.

    Examples
    --------
    >>> import carrieres
    >>> stats = carrieres.map_stats(carrieres.build_graph(carrieres.load_referentiel()))
    >>> stats.jobs, stats.isolated, stats.dead_ends
    (41, [], ['consultant-en-conduite-du-changement'])
    >>> stats.entry_points  # doctest: +NORMALIZE_WHITESPACE
    ['gestionnaire-de-parc-micro-informatique', 'support-technique', 'technicien-de-maintenance',
     'technicien-reseau']
    >>> stats.moves_by_source
    {'ROME 4.0': 341, 'référentiel': 95, 'skills': 54}
    """
    moves = [(u, v) for u, v in G.edges if allowed(G, u, v)]
    shape = _engine.shape(G, moves) if _use_igraph(engine, G.number_of_nodes()) else _networkx_shape(G)
    kinds = Counter(kind for u, v in moves for kind in G.edges[u, v]["kinds"])
    families = nx.get_node_attributes(G, "family")
    bridges = [
        {"from": u, "to": v, "from_family": families[u], "to_family": families[v]}
        for u, v in sorted(moves)
        if families[u] and families[v] and families[u] != families[v]
    ]
    into, out = shape["in_degree"], shape["out_degree"]
    return MapStats(
        jobs=G.number_of_nodes(),
        jobs_with_fiche=sum(1 for _, fiche in G.nodes(data="has_fiche") if fiche),
        links=shape["links"],
        links_by_kind={kind: kinds[kind] for kind in link_kinds(G.graph["referentiel"]) if kind in kinds},
        forbidden_links=G.number_of_edges() - shape["links"],
        components=sorted(
            (sorted(c) for c in shape["components"]), key=lambda component: (-len(component), component)
        ),
        strongly_connected=shape["strongly_connected"],
        isolated=sorted(node for node in G if G.degree(node) == 0),
        entry_points=sorted(node for node, ok in G.nodes(data="beginner_ok") if ok),
        dead_ends=sorted(node for node in G if out[node] == 0 and into[node] > 0),
        bridges=bridges,
        reciprocity=round(shape["reciprocity"], _DIGITS),
        moves_by_source=dict(sorted(Counter(_source(G, G.edges[u, v]["kind"]) for u, v in moves).items())),
    )


def _networkx_shape(G: CareerGraph) -> dict[str, Any]:
    """What :func:`carrieres._engine.shape` gives, by networkx."""
    moves = moves_graph(G)
    return {
        "components": [c for c in nx.weakly_connected_components(moves) if len(c) > 1],
        "strongly_connected": sum(1 for c in nx.strongly_connected_components(moves) if len(c) > 1),
        "reciprocity": cast(float, nx.reciprocity(moves)) if moves.number_of_edges() else 0.0,
        "links": moves.number_of_edges(),
        "in_degree": dict(moves.in_degree()),
        "out_degree": dict(moves.out_degree()),
    }
