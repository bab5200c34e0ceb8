"""Pictures of the career map, for reports and slides (matplotlib).

Every ``plot_*`` function takes the career graph first, draws on the given
``ax`` (or on a new figure), and returns ``(fig, ax)``; nothing is shown or
saved. :func:`save_figure` writes a figure to PNG, SVG or PDF, atomically and
byte for byte the same for the same input.

The map lays the jobs on a circle, family after family (a gap between two
families), each label written outward along its radius so that no two labels
overlap; links are drawn inside as curved arrows: the référentiel's own links
solid, inferred links dashed.

Examples
--------
>>> from carrieres import load_referentiel, build_graph
>>> G = build_graph(load_referentiel())
>>> fig, ax = plot_map(G)
>>> len(ax.texts) >= 41
True
"""

from __future__ import annotations

import io
import itertools
import math
import textwrap
import weakref
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.ticker import ScalarFormatter
from matplotlib.transforms import Bbox, Transform, offset_copy

from carrieres._i18n import _, decimal, decimal_mark, ngettext
from carrieres._render import bac, itinerary_heading, profile_line, years
from carrieres._text import xml_safe
from carrieres.analysis import Clustering, centrality, measure_name
from carrieres.exceptions import OutputError
from carrieres.files import check_new, write_atomic
from carrieres.graph import LIFTED_KIND, SKILLS_KIND, link_label, moves_view, require_jobs
from carrieres.layout import (
    CLUSTER_PALETTE,
    ROUTE_COLOURS,
    Position,
    edge_style,
    family_colours,
    family_layout,
    family_of,
    ordered_jobs,
)
from carrieres.models import LEVEL_SCALES, LevelScale, Referentiel
from carrieres.paths import Route

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

__all__ = [
    "FORMATS",
    "KEY_GID",
    "Picture",
    "plot_centrality",
    "plot_clusters",
    "plot_ladder",
    "plot_map",
    "plot_path",
    "save_figure",
]

FORMATS = ("png", "svg", "pdf", "jpg", "jpeg", "webp")
"""The file formats :func:`save_figure` writes, chosen by the file's extension."""

_PIXELS = frozenset({"png", "jpg", "jpeg", "webp"})

_LABEL_WIDTH = 26
LABEL_ALL_UP_TO = 80
"""Maps of up to this many jobs offer a label for every job (shown where it fits)."""
LABELS_ON_LARGE_MAPS = 80
"""How many jobs, the largest nodes, a larger map offers labels for (shown where they fit)."""

_FITTED: weakref.WeakSet[Axes] = weakref.WeakSet()
"""The maps whose job labels :func:`fit_labels` shows only where they fit."""

_NAMED: weakref.WeakKeyDictionary[Text, str] = weakref.WeakKeyDictionary()
"""The job labels a map must show one way or another, with their titles: where one cannot fit,
:func:`fit_labels` puts a number in its place and the job's title in the map's key."""

_TITLES: weakref.WeakKeyDictionary[Text, tuple[str, float]] = weakref.WeakKeyDictionary()
"""A label's own text and rotation, while :func:`fit_labels` shows a number in its place."""

KEY_GID = "label-key"
"""The ``gid`` of a map's key: the titles of the jobs shown by a number (in an SVG too)."""


class Picture(NamedTuple):
    """What a ``plot_*`` function returns: ``figure, ax = plot_map(G)`` as before, and, returned
    from a notebook cell, the picture itself (the cell shows it, as PNG).

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> picture = plot_ladder(build_graph(load_referentiel()))
    >>> picture._repr_png_()[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """

    figure: Figure
    axes: Any
    """The axes drawn on (a sequence of two for :func:`plot_clusters`)."""

    def _repr_png_(self) -> bytes:
        fit_labels(self.figure)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()


def _axes(ax: Axes | None, size: tuple[float, float], *, drawing: bool = False) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: the given axes, or a new figure of ``size`` inches.

    A ``drawing`` (a map, a path: no tick labels, everything placed in data
    coordinates) gets fixed margins that leave room for the title; charts get
    matplotlib's constrained layout, which makes room for tick labels and
    legends outside the axes but costs a second rendering pass when saved.
    """
    if ax is not None:
        figure = ax.get_figure()
        assert isinstance(figure, Figure)
        return figure, ax
    figure = Figure(figsize=size, layout=None if drawing else "constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    if drawing:
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.03, top=0.96 - 0.5 / size[1])
    else:  # room around the title, the labels and the legend: a page's printable margin
        figure.get_layout_engine().set(w_pad=CHART_MARGIN, h_pad=CHART_MARGIN)  # type: ignore[union-attr, call-arg]
    return figure, ax


CHART_MARGIN = 0.15
"""The inches a chart keeps clear around its title, labels and legend (matplotlib's default is 0.04)."""


def _wrap(text: str, width: int = _LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _node_sizes(G: CareerGraph, by: str | None) -> dict[str, float]:
    if by is None:
        return dict.fromkeys(G.nodes, 120.0)
    rows = centrality(G, by=by)
    values = {row.id: float(getattr(row, by) or 0.0) for row in rows}
    top = max(values.values()) or 1.0
    return {node: 60.0 + 640.0 * values[node] / top for node in G.nodes}


def _draw_labels(
    ax: Axes,
    G: CareerGraph,
    pos: Position,
    *,
    bold: Sequence[str] = (),
    sizes: Mapping[str, float] | None = None,
    reach: float = 1.05,
    named: Collection[str] = (),
) -> None:
    """Each job's title outward along its radius, clear of its node (from ``reach`` times the radius);
    in the order of ``pos``, which :func:`fit_labels` follows to choose which labels to show where
    they cannot all fit, a number and a line of the map's key for the ``named`` jobs."""
    _FITTED.add(ax)
    for node, (x, y) in pos.items():
        angle = math.degrees(math.atan2(y, x))
        flip = 90 < angle <= 180 or -180 <= angle < -90
        rotation = angle + 180 if flip else angle
        radius = reach + 0.004 * math.sqrt(sizes[node] if sizes else 100.0)
        label = ax.text(
            x * radius,
            y * radius,
            _wrap(G.nodes[node]["title"]),
            rotation=rotation,
            rotation_mode="anchor",
            ha="right" if flip else "left",
            va="center",
            fontsize=8,
            fontweight="bold" if node in bold else "normal",
            linespacing=1.0,
            gid=f"label-{node}",
            in_layout=False,  # the layout must not move when fit_labels hides some
        )
        if node in named:
            _NAMED[label] = G.nodes[node]["title"]


_BEND = 0.22
"""How much links bend (matplotlib's ``arc3`` connection style)."""


def _draw_edges(
    ax: Axes,
    G: CareerGraph,
    pos: Position,
    edges: Sequence[tuple[str, str]],
    *,
    colour: str | None = None,
    width: float = 0.8,
    alpha: float = 0.7,
    zorder: int = 1,
    bend: float = _BEND,
) -> None:
    """Links as arrows in the style of their kind; drawn in the background (no ``colour``), the
    moves only the ROME or shared skills give are many, and go beneath the others as one
    collection of arcs each. ``bend`` curves the arrows (routes that share a move are drawn on
    arcs apart)."""
    beneath = set()
    for kind in _BENEATH if colour is None else ():
        arcs_of_kind = [edge for edge in edges if G.edges[edge]["kind"] == kind]
        if not arcs_of_kind:
            continue
        beneath.update(arcs_of_kind)
        style = edge_style(kind)
        arcs = PathCollection(
            [_arc(pos[u], pos[v]) for u, v in arcs_of_kind],
            facecolors="none",
            edgecolors=style["color"],
            linestyles=style["linestyle"],
            linewidths=width * 0.8,
            alpha=style["alpha"] * alpha / 0.7,
            zorder=zorder,
        )
        ax.add_collection(arcs, autolim=False)
    for u, v in edges:
        if (u, v) in beneath:
            continue
        kind = G.edges[u, v]["kind"]
        style = edge_style(kind)
        ax.add_patch(
            FancyArrowPatch(
                pos[u],
                pos[v],
                arrowstyle="-|>",
                mutation_scale=8 + 2 * width,
                connectionstyle=f"arc3,rad={bend}",
                color=colour or style["color"],
                linestyle=style["linestyle"],
                linewidth=width,
                alpha=alpha if colour else style.get("alpha", alpha),
                shrinkA=5,
                shrinkB=5,
                zorder=zorder,
            )
        )


BUNDLE_FROM = 3
"""The fewest jobs a fiche names as a group (``production``, ``métiers des études``) whose links to
a job the map draws as one bundle: a thin spoke from each job to a point near their arc, and one
arrow from there."""


def _bundles(
    G: CareerGraph, edges: Sequence[tuple[str, str]]
) -> tuple[dict[tuple[str, str, str], list[str]], list[tuple[str, str]]]:
    """The links that come only from a fiche naming a group of jobs, by (group, target, kind) where
    the group has :data:`BUNDLE_FROM` jobs or more, and the other links."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for u, v in edges:
        data = G.edges[u, v]
        groups = {link.group for link in data["links"]}
        if len(groups) == 1 and "" not in groups and data["kind"] != LIFTED_KIND:
            grouped.setdefault((groups.pop(), v, data["kind"]), []).append(u)
    bundles = {key: sources for key, sources in grouped.items() if len(sources) >= BUNDLE_FROM}
    bundled = {(u, key[1]) for key, sources in bundles.items() for u in sources}
    return bundles, [edge for edge in edges if edge not in bundled]


def _draw_bundles(
    ax: Axes, G: CareerGraph, pos: Position, bundles: Mapping[tuple[str, str, str], Sequence[str]]
) -> None:
    """Each bundle: spokes from its jobs to a point inside their arc, one arrow on to the target."""
    for (_group, target, kind), sources in bundles.items():
        style = edge_style(kind)
        x = 0.78 * sum(pos[u][0] for u in sources) / len(sources)
        y = 0.78 * sum(pos[u][1] for u in sources) / len(sources)
        ax.add_collection(
            LineCollection(
                [(pos[u], (x, y)) for u in sources],
                colors=style["color"],
                linestyles=style["linestyle"],
                linewidths=0.6,
                alpha=0.5,
                zorder=1,
            ),
            autolim=False,
        )
        ax.add_patch(
            FancyArrowPatch(
                (x, y),
                pos[target],
                arrowstyle="-|>",
                mutation_scale=13,
                connectionstyle=f"arc3,rad={_BEND}",
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=2.2,
                alpha=0.8,
                shrinkA=0,
                shrinkB=6,
                zorder=2,
                gid=f"bundle-{target}",
            )
        )


def _arc(start: tuple[float, float], end: tuple[float, float]) -> MplPath:
    """The quadratic arc ``arc3,rad=_BEND`` draws from ``start`` to ``end``."""
    (x1, y1), (x2, y2) = start, end
    control = ((x1 + x2) / 2 + _BEND * (y2 - y1), (y1 + y2) / 2 - _BEND * (x2 - x1))
    return MplPath([start, control, end], [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3])


def _spaced(pos: Position, ranked: Sequence[str]) -> list[str]:
    """The first jobs of ``ranked`` whose labels, written along their radius, do not touch."""
    gap = 2 * math.pi / (LABELS_ON_LARGE_MAPS * 1.25)
    chosen: list[str] = []
    angles: list[float] = []
    for node in ranked:
        angle = math.atan2(pos[node][1], pos[node][0])
        if all(abs((angle - other + math.pi) % (2 * math.pi) - math.pi) >= gap for other in angles):
            chosen.append(node)
            angles.append(angle)
        if len(chosen) == LABELS_ON_LARGE_MAPS:
            break
    return chosen


def _draw_lines(ax: Axes, pos: Position, edges: Sequence[tuple[str, str]]) -> None:
    """Links as one collection of thin straight lines (large maps)."""
    segments = [(pos[u], pos[v]) for u, v in edges]
    ax.add_collection(LineCollection(segments, colors="#9a9a9a", linewidths=0.3, alpha=0.35, zorder=1))


def _draw_nodes(
    ax: Axes, G: CareerGraph, pos: Position, colours: Mapping[str, str], sizes: Mapping[str, float]
) -> None:
    nodes = list(pos)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[sizes[n] for n in nodes],
        c=[colours[n] for n in nodes],
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
    )


def _frame(ax: Axes, title: str | None) -> None:
    ax.set_xlim(-1.95, 1.95)
    ax.set_ylim(-1.95, 1.95)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=13, fontweight="bold")


def _kind_handles(G: CareerGraph) -> list[Line2D]:
    kinds = sorted({kind for *_, data in G.edges(data=True) for kind in data["kinds"]})
    referentiel = G.graph["referentiel"]
    return [
        Line2D(
            [],
            [],
            color=edge_style(k)["color"],
            linestyle=edge_style(k)["linestyle"],
            label=link_label(k, referentiel),
        )
        for k in kinds
    ]


def plot_map(
    G: CareerGraph,
    *,
    size_by: str | None = "betweenness",
    ax: Axes | None = None,
    title: str | None = None,
    node_colours: Mapping[str, str] | None = None,
    legend: Sequence[tuple[str, str]] | None = None,
    size: tuple[float, float] | None = None,
) -> Picture:
    """The whole map: jobs coloured by family and sized by a centrality measure.

    Every job is labelled up to :data:`LABEL_ALL_UP_TO` jobs (where a label
    cannot fit, a number stands in for it and the picture's key gives its
    title); on larger maps only the largest nodes are (at most
    :data:`LABELS_ON_LARGE_MAPS`, where they fit), and links are drawn as
    plain lines.

    Parameters
    ----------
    G
        A career graph from :func:`carrieres.build_graph`.
    size_by
        The centrality measure that sizes the nodes (``None``: all the same).
    ax
        Where to draw (default: a new figure of ``size`` inches, 11 × 11).
    title
        The title (default: the référentiel's name).
    node_colours, legend
        Colours by job and the legend's ``(label, colour)`` entries, to colour
        the jobs otherwise than by family.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> figure, ax = plot_map(build_graph(load_referentiel()), size=(8.27, 11.69))
    >>> sum((text.get_gid() or "").startswith("label-") for text in ax.texts)
    41
    """
    require_jobs(G.graph["referentiel"])
    own_figure = ax is None
    figure, ax = _axes(ax, size or (11.0, 11.0), drawing=True)
    pos = family_layout(G)
    moves = moves_view(G)
    if node_colours is None:
        by_family = family_colours(G)
        node_colours = {n: by_family[family_of(G, n)] for n in G.nodes}
        legend = [(family, colour) for family, colour in by_family.items()]
    sizes = _node_sizes(G, size_by)
    if G.number_of_nodes() > LABEL_ALL_UP_TO:
        _draw_lines(ax, pos, sorted(moves.edges))
        labelled = {
            n: pos[n] for n in _spaced(pos, sorted(G.nodes, key=lambda n: (-sizes[n], G.nodes[n]["title"])))
        }
    else:
        bundles, single = _bundles(G, sorted(moves.edges))
        _draw_edges(ax, G, pos, single)
        _draw_bundles(ax, G, pos, bundles)
        labelled = pos
    _draw_nodes(ax, G, pos, node_colours, sizes)
    _draw_labels(ax, G, labelled, sizes=sizes, named=() if G.number_of_nodes() > LABEL_ALL_UP_TO else G.nodes)
    handles: list[Any] = [Patch(color=colour, label=label) for label, colour in legend or []]
    handles += _kind_handles(G)
    if G.number_of_nodes() <= LABEL_ALL_UP_TO and bundles:
        handles.append(
            Line2D(
                [], [], color="#555555", linewidth=2.2, label=_("jobs a fiche names as a group: one arrow")
            )
        )
    # the legend in columns below the circle, clear of the labels, with room made for it: four
    # where the map is wide enough for them (a column takes about 2.4 inches), else three
    across = ax.get_position().width * figure.get_size_inches()[0]
    columns = 4 if len(handles) > 9 and across >= 4 * 2.4 else 3 if across >= 3 * 2.3 else 2
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=columns,
        fontsize=7 if len(handles) > 9 else 8,
        frameon=False,
    )
    if own_figure:  # room below for the legend's rows (fixed margins: the labels are measured in place)
        rows = math.ceil(len(handles) / columns)
        figure.subplots_adjust(bottom=min(0.35, (0.25 + 0.22 * rows) / figure.get_size_inches()[1]))
    if size_by:
        ax.text(
            1.0,
            0.0,
            _("node size: {measure}").format(measure=measure_name(size_by)),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
        )
    _frame(ax, title if title is not None else _("Career map — {name}").format(name=_referentiel_title(G)))
    _plain_text(figure)
    fit_labels(figure)
    return Picture(figure, ax)


def _referentiel_title(G: CareerGraph) -> str:
    """The référentiel's own title (its document's), else its name."""
    referentiel = G.graph.get("referentiel")
    title = referentiel.document.title if referentiel is not None else ""
    return str(title or G.graph.get("name", ""))


def _scale(G: CareerGraph) -> LevelScale:
    referentiel = G.graph.get("referentiel")
    return referentiel.levels if isinstance(referentiel, Referentiel) else LEVEL_SCALES["bac"]


def _requirement(requires: Any, scale: LevelScale) -> str:
    parts = []
    if requires.education_min is not None:
        parts.append(bac(requires.education_min, requires.education_min, scale))
    if requires.experience_min_years:
        parts.append(years(requires.experience_min_years, requires.experience_min_years))
    return ", ".join(parts) or _("level not stated")


PATH_SIZE = (18.0, 9.5)
"""The default size of a path picture, in inches: the map beside the routes."""

_UNIT = 2.13
"""Inches per unit of the routes' coordinates: the scale the steps are drawn at on the default size."""


def plot_path(
    G: CareerGraph,
    route: Route,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Picture:
    """The map with the routes of a :class:`~carrieres.paths.Route` highlighted, and each route spelt out.

    On the map each route is drawn in its colour and its jobs carry their step
    numbers; each route is a row of numbered steps, each with what it asks for
    (``Bac+4, 3 years``) and, with a profile, the year from now it becomes
    possible. At the default size (:data:`PATH_SIZE`) and on a page in
    landscape the rows sit beside the map, drawn at the scale the size allows;
    on a page in portrait (``size`` taller than wide, such as A4:
    ``(8.27, 11.69)``) they sit below it, at the same type size, and the
    picture is made taller where the routes need it (1.75 inches a route, the
    map at least 62 % of the width). A route's job whose label cannot fit gets
    a number and a line in the picture's key.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph, find_paths
    >>> G = build_graph(load_referentiel())
    >>> route = find_paths(G, "Technicien de maintenance", "Ingénieur sécurité", k=2)
    >>> figure, ax = plot_path(G, route, size=(11.69, 8.27))
    >>> figure.get_size_inches().tolist()
    [11.69, 8.27]
    """
    width, height = size or PATH_SIZE
    if ax is None and _for_a_page(width, height):
        return _plot_path_stacked(G, route, title, (width, height))
    figure, ax = _axes(ax, (width, height), drawing=True)
    _path_map(ax, G, route)
    unit = _inches_per_unit(ax, 6.35 + 1.95, 2 * 1.95)
    lane = min(1.25, 3.6 / max(len(route.paths), 1))
    _draw_routes(ax, route, left=2.15, right=6.2, top=1.75, lane=lane, unit=unit)
    _lifted_legend(ax, G, route)
    ax.set_xlim(-1.95, 6.35)
    ax.set_ylim(-1.95, 1.95)
    _path_heading(ax, G, route, title)
    _plain_text(figure)
    fit_labels(figure)
    return Picture(figure, ax)


def _for_a_page(width: float, height: float) -> bool:
    """Whether a picture of two parts is for a page in portrait (taller than wide), where they sit
    one above the other rather than side by side."""
    return height > width


def _plot_path_stacked(G: CareerGraph, route: Route, title: str | None, size: tuple[float, float]) -> Picture:
    """The path picture for a page: the map on top, the routes below it."""
    width, asked = size
    rows = max(len(route.paths), 1)
    heading, lane = 0.9, 1.75  # inches for the title and the profile, and for a route's row
    height = max(asked, heading + 0.62 * width + rows * lane + 0.1)  # taller, rather than crowded
    below = max(rows * lane, height - heading - width - 0.1)
    side = height - heading - below - 0.1
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.0, (below + 0.1) / height, 1.0, side / height))
    _path_map(ax, G, route)
    ax.set_xlim(-1.95, 1.95)
    ax.set_ylim(-1.95, 1.95)
    _path_heading(ax, G, route, title)
    steps = figure.add_axes((0.02, 0.005, 0.96, below / height))
    across, down = 0.96 * width / _UNIT, below / _UNIT
    _draw_routes(steps, route, left=0.0, right=across, top=-0.02, lane=down / rows, unit=_UNIT)
    _lifted_legend(steps, G, route)
    steps.set_xlim(0, across)
    steps.set_ylim(-down, 0)
    steps.set_aspect("equal")
    steps.axis("off")
    _plain_text(figure)
    fit_labels(figure)
    return Picture(figure, ax)


def _path_map(ax: Axes, G: CareerGraph, route: Route) -> None:
    """The map, faded but for the routes' jobs, the routes in their colours and their step numbers."""
    pos = family_layout(G)
    colours = family_colours(G)
    on_route = list(dict.fromkeys(step.id for path in route.paths for step in path.steps))
    faded = {n: colours[family_of(G, n)] if n in on_route else "#dddddd" for n in G.nodes}
    large = G.number_of_nodes() > LABEL_ALL_UP_TO  # as plot_map: plain lines, the route's labels only
    if large:
        _draw_lines(ax, pos, sorted(moves_view(G).edges))
    else:
        _draw_edges(ax, G, pos, sorted(moves_view(G).edges), alpha=0.18)
    _draw_nodes(ax, G, pos, faded, dict.fromkeys(G.nodes, 30.0 if large else 90.0))
    first = {node: pos[node] for node in on_route}  # the route's jobs keep their labels
    others = {} if large else {node: xy for node, xy in pos.items() if node not in first}
    _draw_labels(ax, G, first | others, bold=on_route, reach=1.1, named=first)  # clear of the step numbers
    for number, path in reversed(list(enumerate(route.paths))):
        nodes = [step.id for step in path.steps]
        colour = ROUTE_COLOURS[number % len(ROUTE_COLOURS)]
        _draw_edges(
            ax,
            G,
            pos,
            list(itertools.pairwise(nodes)),
            colour=colour,
            width=3.0,
            alpha=0.95,
            zorder=4,
            bend=_BEND + 0.14 * number,  # a move on several routes: one arc each, side by side
        )
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    badges: dict[str, dict[int, str]] = {}  # a job's step numbers, each in the first route's colour
    for number, path in enumerate(route.paths):
        for step in path.steps:
            badges.setdefault(step.id, {}).setdefault(step.move, ROUTE_COLOURS[number % len(ROUTE_COLOURS)])
    for node, numbers in badges.items():
        x, y = pos[node]
        inward = math.atan2(-y, -x)
        for place, (move, colour) in enumerate(numbers.items()):
            # where routes reach a job at different steps, one badge each, towards the centre
            offset = 15.0 * place
            at = offset_copy(
                ax.transData, figure, x=offset * math.cos(inward), y=offset * math.sin(inward), units="points"
            )
            _step_badge(ax, x, y, move, colour, transform=at)
    ax.set_aspect("equal")
    ax.axis("off")


_BENEATH = (LIFTED_KIND, SKILLS_KIND)
"""The kinds of link drawn beneath the others, as one collection of faint arcs each."""


def _lifted_legend(ax: Axes, G: CareerGraph, route: Route) -> None:
    """The legend of the ROME moves and of the moves shared skills support, where a route takes one."""
    taken = {link.kind for path in route.paths for step in path.steps for link in step.links}
    handles = [
        Line2D(
            [],
            [],
            color=edge_style(kind)["color"],
            linestyle="dotted",
            label=link_label(kind, G.graph["referentiel"]),
        )
        for kind in _BENEATH
        if kind in taken
    ]
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=9, frameon=False)


def _path_heading(ax: Axes, G: CareerGraph, route: Route, title: str | None) -> None:
    """The title (wrapped to the figure's width) and the profile line above it."""
    start, end = G.nodes[route.from_]["title"], G.nodes[route.to]["title"]
    heading = title if title is not None else _("From {start} to {end}").format(start=start, end=end)
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    ax.set_title(_wrap(heading, int(figure.get_figwidth() * 8)), fontsize=15, fontweight="bold", pad=22)
    ax.text(0.5, 1.0, profile_line(route), transform=ax.transAxes, ha="center", va="bottom", fontsize=11)


def _step_badge(
    ax: Axes, x: float, y: float, number: int, colour: str, *, transform: Transform | None = None
) -> None:
    """A step's number in a disc of its route's colour."""
    ax.text(
        x,
        y,
        str(number),
        transform=transform or ax.transData,
        ha="center",
        va="center",
        fontsize=8,
        fontweight="bold",
        color="white",
        zorder=6,
        bbox={"boxstyle": "circle,pad=0.28", "facecolor": colour, "edgecolor": "white"},
    )


def _text_half_height(text: str, size: float) -> float:
    """Half the height of a boxed text (``pad=0.35``), in inches."""
    return ((text.count("\n") + 1) * size * 1.2 / 2 + 0.35 * size) / 72


def _inches_per_unit(ax: Axes, across: float, down: float) -> float:
    """How many inches a unit of a drawing ``across`` by ``down`` units takes in its axes (its
    aspect kept equal)."""
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    box = ax.get_position(original=True)
    width, height = (float(side) for side in figure.get_size_inches())
    return min(box.width * width / across, box.height * height / down)


def _draw_routes(
    ax: Axes, route: Route, *, left: float, right: float, top: float, lane: float, unit: float = _UNIT
) -> None:
    """Each route as a row of numbered steps with their requirements, ``lane`` apart (in units of
    ``unit`` inches: the type keeps its size, the rows come closer on a smaller page)."""
    inch = 1 / unit
    for number, path in enumerate(route.paths):
        colour = ROUTE_COLOURS[number % len(ROUTE_COLOURS)]
        y = top - number * lane
        ax.text(
            left,
            y,
            itinerary_heading(number + 1, path.moves, path.years),
            fontsize=11,
            fontweight="bold",
            color=colour,
            va="top",
        )
        step_width = (right - left) / max(len(path.steps), 1)
        # a title takes at most 60 % of its step (the rest for the arrows), about 5 points a letter
        titles = [
            _wrap(step.title, max(10, min(18, int(step_width * unit * 0.6 * 72 / 5.0))))
            for step in path.steps
        ]
        box = max(_text_half_height(title, 8.5) for title in titles) * inch
        badge = box + 0.15 * inch  # the numbers just above the boxes
        centre_y = y - 0.34 * inch - badge  # under the heading (11 points) and the numbers
        below = box + 0.06 * inch
        for step, title_lines in zip(path.steps, titles, strict=True):
            x = left + step_width * (step.move + 0.5)
            ax.text(
                x,
                centre_y,
                title_lines,
                ha="center",
                va="center",
                fontsize=8.5,
                zorder=5,
                bbox={
                    "boxstyle": "round,pad=0.35",
                    "facecolor": "white",
                    "edgecolor": colour,
                    "linewidth": 1.5,
                },
            )
            _step_badge(ax, x, centre_y + badge, step.move, colour)
            if step.move == 0:
                detail = _("start")
            else:
                when = (
                    ""
                    if step.profile is None
                    else "\n" + _("year {year}").format(year=decimal(step.profile.earliest_year))
                )
                gain = (
                    ""
                    if step.profile is None or not step.profile.diploma_to_gain
                    else "\n" + _("gain {diploma}").format(diploma=step.profile.diploma_to_gain)
                )
                detail = _requirement(step.requires, route.scale or LEVEL_SCALES["bac"]) + gain + when
            ax.text(x, centre_y - below, detail, ha="center", va="top", fontsize=8, color="#333333")
            if step.move:
                lifted = next((link.move for link in step.links if link.move is not None), None)
                shared = next((link for link in step.links if link.kind == SKILLS_KIND), None)
                ax.annotate(
                    "",
                    xy=(x - step_width * 0.36, centre_y),
                    xytext=(x - step_width * 0.64, centre_y),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": colour,
                        "linewidth": 1.5,
                        "linestyle": "dotted" if lifted or shared else "solid",
                    },
                    zorder=4,
                )
                label, kind = "", LIFTED_KIND
                if lifted is not None:
                    label = f"ROME\n{lifted.link_from.code} → {lifted.link_to.code}"
                elif shared is not None:
                    label, kind = _("{shared} of {of} skills").format(**shared.attributes), SKILLS_KIND
                if label:
                    ax.text(
                        x - step_width * 0.5,
                        centre_y + 0.13 * inch,
                        label,
                        ha="center",
                        va="bottom",
                        fontsize=7,
                        color=edge_style(kind)["color"],
                    )


def plot_ladder(
    G: CareerGraph,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Picture:
    """The career ladder: families and sub-families across, education level up.

    Each job sits at the lowest level its fiche asks for (Bac … Bac+5, or the
    levels of the scale the référentiel declares: job zone 1 … 5); jobs whose
    level is not stated sit apart, in a band at the bottom (none where every job has one). Moves are drawn as
    light arrows, their kinds in a legend below. The default size gives each column 1.9 inches;
    at a given ``size`` (a page: ``(8.27, 11.7)`` for A4, ``(11.7, 8.27)`` across) the titles
    wrap to their column and the type shrinks, down to :data:`LADDER_SMALLEST_TYPE`, until the
    ladder fits the page; only beyond does the picture grow taller than asked.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> figure, ax = plot_ladder(build_graph(load_referentiel()), size=(8.27, 11.69))
    >>> len(figure.legends), figure.get_size_inches().tolist()
    (1, [8.27, 11.69])
    """
    require_jobs(G.graph["referentiel"])
    scale = _scale(G)
    columns = list(dict.fromkeys((family_of(G, n), G.nodes[n]["subfamily"]) for n in ordered_jobs(G)))
    levels: list[int] = sorted(
        {G.nodes[n]["education_min"] for n in G if G.nodes[n]["education_min"] is not None}
    )
    unplaced = any(G.nodes[n]["education_min"] is None for n in G)
    rows: list[int | None] = [None, *levels] if unplaced else [*levels]
    cells: dict[tuple[int, int], list[str]] = {}
    for node in ordered_jobs(G):
        column = columns.index((family_of(G, node), G.nodes[node]["subfamily"]))
        cells.setdefault((column, rows.index(G.nodes[node]["education_min"])), []).append(node)
    heights = [
        max((len(v) for (c, r), v in cells.items() if r == row), default=1) for row in range(len(rows))
    ]
    bottoms = [sum(heights[:row]) + row * 0.6 for row in range(len(rows))]
    pos: Position = {}
    for (column, row), nodes in cells.items():
        for index, node in enumerate(nodes):
            pos[node] = (column * 1.0, bottoms[row] + heights[row] - index - 0.5)
    names = [_("level not stated") if level is None else scale.label(level) for level in rows]
    margin = max(len(name) for name in names) * 9 * 0.62 / 72 + 0.3  # inches for the level names
    width = size[0] if size else max(10.0, 1.9 * len(columns))
    across = max(0.5, (width - margin) / (len(columns) + 0.1))  # inches a column
    slots = sum(heights) + 0.6 * len(rows) + 3.4  # jobs stacked, gaps, headings and the legend

    def layout(points: float) -> tuple[dict[str, str], float]:
        """The jobs' boxes and the inches a job takes, at a type size of ``points``."""
        wrap = max(8, min(30, int(across * 0.85 * 72 / (points * 0.59))))  # letters about 0.59 em wide
        boxes = {node: _wrap(G.nodes[node]["title"], wrap) for node in pos}
        lines = max((text.count("\n") + 1 for text in boxes.values()), default=1)
        return boxes, max(0.06 * points, (lines * points * 1.2 + 0.6 * points) / 72 + 0.05)

    points = LADDER_TYPE
    boxes, unit = layout(points)
    while size and unit * slots > size[1] and points > LADDER_SMALLEST_TYPE:  # a page: fit it
        points -= 0.5
        boxes, unit = layout(points)
    height = max(size[1] if size else 7.0, unit * slots)
    figure, ax = _axes(ax, (width, height))
    colours = family_colours(G)
    for u, v in sorted(moves_view(G).edges):
        style = edge_style(G.edges[u, v]["kind"])
        ax.add_patch(
            FancyArrowPatch(
                pos[u],
                pos[v],
                arrowstyle="-|>",
                mutation_scale=7,
                connectionstyle="arc3,rad=0.08",
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=0.6,
                alpha=0.45,
                shrinkA=14,
                shrinkB=14,
                zorder=1,
            )
        )
    for node, (x, y) in pos.items():
        ax.text(
            x,
            y,
            boxes[node],
            ha="center",
            va="center",
            fontsize=points,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "white",
                "edgecolor": colours[family_of(G, node)],
                "linewidth": 1.2,
            },
            gid=f"label-{node}",
        )
    for row, label in enumerate(names):
        ax.text(
            -0.55,
            bottoms[row] + heights[row] / 2,
            label,
            ha="right",
            va="center",
            fontsize=9,
            fontweight="bold",
        )
        if row:
            ax.axhline(bottoms[row] - 0.3, color="#cccccc", linewidth=0.8, zorder=0)
    for column, (family, subfamily) in enumerate(columns):
        heading = family if not subfamily else f"{family}\n{subfamily}"
        ax.text(
            column,
            sum(heights) + 0.6 * len(rows) + 0.2,
            _wrap(heading, max(8, min(20, int(across * 0.9 * 72 / (6.5 if across >= 1.2 else 5.3))))),
            ha="center",
            va="bottom",
            fontsize=8 if across >= 1.2 else 6.5,  # capitals: narrow columns take a smaller type
            fontweight="bold",
            color=colours[family],
        )
    ax.set_xlim(-0.5 - margin / across, len(columns) - 0.4)
    ax.set_ylim(-0.6, sum(heights) + 0.6 * len(rows) + 1.6)
    ax.axis("off")
    ax.set_title(
        title if title is not None else _("Career ladder: education level by family"),
        fontsize=13,
        fontweight="bold",
    )
    handles = _kind_handles(moves_view(G))
    if handles:  # what each line says, below the ladder
        figure.legend(
            handles=handles,
            loc="outside lower center",
            ncols=min(3, len(handles)),
            fontsize=points,
            frameon=False,
        )
    _plain_text(figure)
    return Picture(figure, ax)


LADDER_TYPE = 7.0
"""The type size of the ladder's job titles, in points."""

LADDER_SMALLEST_TYPE = 5.0
"""The smallest type size the ladder takes to fit the page it is asked for: below, it grows taller."""


class _ProseTicks(ScalarFormatter):
    """Tick labels with the decimal mark of the language in use (``0,05`` in French)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return decimal_mark(super().__call__(x, pos))


def plot_centrality(
    G: CareerGraph,
    *,
    by: str = "betweenness",
    top: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Picture:
    """A ranked bar chart of one centrality measure, bars coloured by family (``size``: inches,
    default 10 wide and as tall as the bars need).

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> figure, ax = plot_centrality(build_graph(load_referentiel()), by="degree", top=5)
    >>> len(ax.patches)
    5
    """
    rows = centrality(G, by=by, top=top)
    figure, ax = _axes(ax, size or (10, max(4.0, 0.38 * len(rows) + 1.5)))
    colours = family_colours(G)
    values = [float(getattr(row, by) or 0.0) for row in rows]
    ax.barh(range(len(rows)), values, color=[colours[family_of(G, row.id)] for row in rows])
    ax.set_yticks(range(len(rows)), [xml_safe(row.title) for row in rows], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel(measure_name(by))
    ax.xaxis.set_major_formatter(_ProseTicks())
    for index, value in enumerate(values):
        ax.text(value, index, " " + decimal_mark(f"{value:.3g}"), va="center", fontsize=8)  # 3 digits read
    ax.set_xlim(0, max(values, default=0.0) * 1.12 or 1.0)  # room for the largest value's number
    ax.spines[["top", "right"]].set_visible(False)
    used = list(dict.fromkeys(family_of(G, row.id) for row in rows))
    ax.legend(
        handles=[Patch(color=colours[f], label=f) for f in used], fontsize=8, frameon=False, loc="lower right"
    )
    heading = (
        title if title is not None else _("Most central jobs by {measure}").format(measure=measure_name(by))
    )
    ax.set_title(heading, fontsize=13, fontweight="bold")
    _plain_text(figure)
    return Picture(figure, ax)


CLUSTERS_SIZE = (20.0, 10.5)
"""The default size of the clusters picture, in inches: the two maps side by side."""


def plot_clusters(
    G: CareerGraph,
    result: Clustering,
    *,
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Picture:
    """The map coloured by cluster, beside the map coloured by official family (above it on a page
    in portrait: ``size`` taller than wide, such as ``(8.27, 11.69)``). Every job is named on both
    maps: where its label cannot fit, by a number that the picture's key gives the title of.

    Examples
    --------
    >>> from carrieres import load_referentiel, build_graph
    >>> from carrieres.analysis import clusters
    >>> G = build_graph(load_referentiel())
    >>> figure, (by_cluster, by_family) = plot_clusters(G, clusters(G, seed=1), size=(11.69, 8.27))
    >>> by_family.get_title()
    'Official families'
    """
    width, height = size or CLUSTERS_SIZE
    stacked = axes is None and _for_a_page(width, height)
    if axes is None:  # fixed margins, as for a map: its labels are measured in place
        figure = Figure(figsize=(width, height))
        FigureCanvasAgg(figure)
        axes = figure.subplots(2, 1) if stacked else figure.subplots(1, 2)
        above, below = (1.3 if title else 0.8), 1.0  # inches above each map and below it
        if stacked:
            each = (height - 2 * (above + below)) / 2
            figure.subplots_adjust(
                left=0.02,
                right=0.98,
                top=1 - above / height,
                bottom=below / height,
                hspace=(above + below) / max(each, 0.1),
            )
        else:
            figure.subplots_adjust(
                left=0.01, right=0.99, top=1 - above / height, bottom=below / height, wspace=0.05
            )
    else:
        first = axes[0].get_figure()
        assert isinstance(first, Figure)
        figure = first
    cluster_of = {job: index for index, group in enumerate(result.clusters) for job in group}
    shown = [i for i, group in enumerate(result.clusters) if len(group) > 1]
    colour = {i: CLUSTER_PALETTE[n % len(CLUSTER_PALETTE)] for n, i in enumerate(shown)}
    node_colours = {n: colour.get(cluster_of[n], "#cfcfcf") for n in G.nodes}
    legend = [
        (
            ngettext(
                "cluster {number} ({count} job)", "cluster {number} ({count} jobs)", len(result.clusters[i])
            ).format(number=i + 1, count=len(result.clusters[i])),
            colour[i],
        )
        for i in shown
    ]
    alone = len(result.clusters) - len(shown)
    if alone:
        legend.append(
            (ngettext("{count} job alone", "{count} jobs alone", alone).format(count=alone), "#cfcfcf")
        )
    plot_map(
        G,
        size_by=None,
        ax=axes[0],
        node_colours=node_colours,
        legend=legend,
        title=_wrap(
            ngettext(
                "{count} group of jobs linked together — agreement with the families: {agreement}",
                "{count} groups of jobs linked together — agreement with the families: {agreement}",
                len(result.clusters),
            ).format(
                count=len(result.clusters),
                agreement=decimal(round(result.vs_families.ari, 2)),  # adjusted Rand index: 1 same, 0 chance
            ),
            int(figure.get_figwidth() / (1 if stacked else 2) * 9),  # about 9 letters an inch of its map
        ),
    )
    plot_map(G, size_by=None, ax=axes[1], title=_("Official families"))
    if title:
        figure.suptitle(title, fontsize=14, fontweight="bold")
    _plain_text(figure)
    fit_labels(figure)
    return Picture(figure, axes)


_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}
"""What each format would otherwise stamp with the date or the software (JPEG and WebP take none)."""


MAX_PIXELS = 100_000_000
"""The largest PNG :func:`save_figure` draws: 100 megapixels (a 40 × 25 inch poster at 300 dpi)."""


def _plain_text(figure: Figure) -> None:
    """Every text of a figure read as it is written: a ``$`` in a title is no mathematics, and
    control characters, which no SVG may hold, are dropped."""
    for text in figure.findobj(Text):
        text.set_parse_math(False)
        content = text.get_text()
        if xml_safe(content) != content:
            text.set_text(xml_safe(content))


LABEL_TYPES = (8.0, 7.0, 6.0)
"""The type sizes a map's job label is tried at, largest first, before it is left out."""


def fit_labels(figure: Figure) -> None:
    """Show the job labels of the figure's maps that fit, at its current size.

    Labels are taken in the order they were drawn (on large maps, the most
    central jobs first); each is shown, at the largest of :data:`LABEL_TYPES`
    at which its text, measured as drawn (rotated along its radius), overlaps
    no label shown before it, and left out where it overlaps at all three. The maps call
    it once drawn, and :func:`save_figure` again at the size the picture is
    written at, so that no two visible labels overlap at any size.
    """
    get_renderer = getattr(figure.canvas, "get_renderer", None)
    if get_renderer is None:  # a canvas that cannot measure text: leave every label as it is
        return
    renderer = get_renderer()
    placed: list[tuple[Axes, list[list[tuple[float, float]]], list[Text]]] = []
    for ax in figure.axes:
        if ax not in _FITTED:
            continue
        ax.apply_aspect()
        labels = [text for text in ax.texts if (text.get_gid() or "").startswith("label-")]
        for text in labels:
            if text in _TITLES:  # its title again, where a number stood in for it
                title, rotation = _TITLES.pop(text)
                text.set_text(title)
                text.set_rotation(rotation)
        shown = _headings(figure, ax, renderer)
        left_out = [text for text in labels if not _place(text, LABEL_TYPES, shown, ax, renderer)]
        for text in left_out:
            text.set_visible(False)
        placed.append((ax, shown, [text for text in left_out if text in _NAMED]))
    _number(figure, placed, renderer)


def _place(
    text: Text, sizes: Sequence[float], shown: list[list[tuple[float, float]]], ax: Axes, renderer: Any
) -> bool:
    """Show a label at the largest of ``sizes`` at which it lies inside the figure and overlaps
    nothing ``shown``, and add it there; ``False`` where it cannot at any size."""
    text.set_visible(True)
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    page = figure.bbox.padded(-LABEL_MARGIN * figure.dpi)
    for points in sizes:  # smaller where the label does not fit at the full size
        text.set_fontsize(points)
        box = _drawn_box(text, ax, renderer)
        inside = all(page.x0 <= x <= page.x1 and page.y0 <= y <= page.y1 for x, y in box)
        if inside and not any(_overlap(box, other) for other in shown):
            shown.append(box)
            return True
    return False


LABEL_MARGIN = 0.08
"""The inches a job label keeps clear of the figure's edges."""

NUMBER_TYPES = (7.0, 6.0)
"""The type sizes of the number that stands in for a job label that cannot fit (and of the key)."""


def _number(
    figure: Figure,
    placed: Sequence[tuple[Axes, list[list[tuple[float, float]]], list[Text]]],
    renderer: Any,
) -> None:
    """Put a number in place of each label left out (``placed``: each map, what is shown on it,
    and its labels left out), the same for a job on every map, and the titles in one key: at a
    corner of a map's place in the figure, under its legend or at the page's head or foot, in
    one to four columns, where it covers nothing: the maps' circles of jobs, their titles,
    legends and labels, the figure's edge. Where no place is clear (a small picture), neither
    numbers nor key: those labels are left out."""
    old = _KEYS.pop(figure, None)
    if old is not None:
        old.remove()
    numbers: dict[str, int] = {}
    for ax, shown, labels in placed:
        for text in labels:
            number = numbers.setdefault(_NAMED[text], len(numbers) + 1)
            _TITLES[text] = (text.get_text(), text.get_rotation())
            text.set_text(str(number))
            text.set_rotation(0)
            if not _place(text, NUMBER_TYPES, shown, ax, renderer):  # a number is shown, even crowded
                text.set_visible(True)
    if not numbers:
        return
    titles = [f"{number}  {title}" for title, number in numbers.items()]
    corners = [corner for ax, _shown, _labels in placed for corner in _key_corners(figure, ax, renderer)]
    covered = [box for _ax, shown, _labels in placed for box in shown]
    avoided = [
        *_headings(figure, placed[0][0], renderer),  # titles and legends: never covered
        *(
            [tuple(ax.transData.transform((math.cos(a), math.sin(a)))) for a in _OCTAGON]
            for ax, _s, _l in placed
        ),
    ]
    page = figure.bbox.frozen().padded(1.0)
    chosen: tuple[int, int, int] | None = None
    for columns in (1, 2, 3, 4):
        for index, (ax, corner) in enumerate(corners):
            key = _key(ax, figure, titles, corner, columns, len(placed))
            extent = key.get_window_extent(renderer)
            key.remove()
            box = _corners(extent)
            outside = not (page.contains(extent.x0, extent.y0) and page.contains(extent.x1, extent.y1))
            cost = (
                1000 * outside
                + 100 * sum(_overlap(box, other) for other in avoided)
                + sum(_overlap(box, other) for other in covered)
            )
            if chosen is None or cost < chosen[0]:
                chosen = (cost, columns, index)
    assert chosen is not None
    if chosen[0]:  # nowhere clear of the maps, titles and labels: the numbers go, as the labels did
        for _ax, _shown, labels in placed:
            for text in labels:
                title, rotation = _TITLES.pop(text)
                text.set_text(title)
                text.set_rotation(rotation)
                text.set_visible(False)
        return
    ax, corner = corners[chosen[2]]
    _KEYS[figure] = _key(ax, figure, titles, corner, chosen[1], len(placed))


def _key_corners(figure: Figure, ax: Axes, renderer: Any) -> list[tuple[Axes, _Corner]]:
    """Where a key may go by a map: the corners of its place in the figure, under its legend, and
    the page's foot or head where no other map lies below or above it (as ``x``, ``y`` in the
    figure and the key's corner that goes there)."""
    place = ax.get_position(original=True)  # the map's share of the figure, wider than its circle
    corners: list[_Corner] = [
        (place.x0, place.y1, "upper left"),
        (place.x1, place.y1, "upper right"),
        (place.x0, place.y0, "lower left"),
        (place.x1, place.y0, "lower right"),
    ]
    legend = ax.get_legend()
    if legend is not None:
        under = figure.transFigure.inverted().transform(legend.get_window_extent(renderer).p0)
        corners.append((place.x0, float(under[1]) - 0.1 / figure.get_figheight(), "upper left"))
    places = [other.get_position(original=True) for other in figure.axes if other in _FITTED]
    margin = KEY_MARGIN / figure.get_figheight()
    if not any(other.y1 <= place.y0 for other in places):
        corners += [(place.x0, margin, "lower left"), (place.x1, margin, "lower right")]
    if not any(other.y0 >= place.y1 for other in places):
        corners += [(place.x0, 1 - margin, "upper left"), (place.x1, 1 - margin, "upper right")]
    return [(ax, corner) for corner in corners]


_Corner = tuple[float, float, Literal["upper left", "upper right", "lower left", "lower right"]]
"""Where a key goes: ``x`` and ``y`` in the figure, and the key's corner that goes there."""

KEY_MARGIN = 0.2
"""The inches a key at the foot or head of a picture keeps from its edge."""

_OCTAGON = tuple(math.pi * (2 * k + 1) / 8 for k in range(8))
"""The angles of an octagon round the unit circle of jobs (what a map's key keeps clear of)."""

_KEYS: weakref.WeakKeyDictionary[Figure, Legend] = weakref.WeakKeyDictionary()
"""Each figure's key of the jobs its maps show by a number, made anew each time :func:`fit_labels`
runs."""


def _key(ax: Axes, figure: Figure, titles: Sequence[str], corner: _Corner, columns: int, maps: int) -> Legend:
    """A key of numbered jobs, in ``columns``, at a ``corner`` of a map's place in the figure
    (``x``, ``y`` and which corner of the key is there)."""
    x, y, loc = corner
    key = Legend(
        ax,
        [Patch(visible=False)] * len(titles),
        titles,
        loc=loc,
        bbox_to_anchor=(x, y),
        bbox_transform=figure.transFigure,
        ncol=columns,
        fontsize=NUMBER_TYPES[0],
        title=ngettext("Numbered on the map:", "Numbered on the maps:", maps),
        title_fontsize=NUMBER_TYPES[0],
        alignment="left",
        handlelength=0,
        handletextpad=0,
        borderpad=0,
        labelspacing=0.25,
        columnspacing=1.2,
        frameon=False,
    )
    key.set_gid(KEY_GID)
    key.set_in_layout(False)
    ax.add_artist(key)
    return key


def _headings(figure: Figure, ax: Axes, renderer: Any) -> list[list[tuple[float, float]]]:
    """What a map's labels must leave clear: the titles, the legends, the lines written over the map
    (a profile), and every text of the figure's other axes (the steps of a path picture)."""
    found = [
        _corners(other.title.get_window_extent(renderer).padded(4.0))  # a little air under a title
        for other in figure.axes
        if other.title.get_text()
    ]
    for other in figure.axes:
        other.apply_aspect()
        legend = other.get_legend()
        if legend is not None:  # the legend of a map stays readable
            found.append(_corners(legend.get_window_extent(renderer)))
        found += [
            _corners(text.get_window_extent(renderer))
            for text in other.texts
            if text.get_visible() and (other is not ax or text.get_transform() == ax.transAxes)
        ]
    return found


def _corners(box: Bbox) -> list[tuple[float, float]]:
    return [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]


def _drawn_box(text: Text, ax: Axes, renderer: Any) -> list[tuple[float, float]]:
    """The corners of a label as drawn, in pixels: laid out level at its anchor, then turned."""
    degrees = text.get_rotation()
    text.set_rotation(0)
    level = text.get_window_extent(renderer).padded(1.0)
    text.set_rotation(degrees)
    cx, cy = ax.transData.transform(text.get_position())
    turn = math.radians(degrees)
    cos, sin = math.cos(turn), math.sin(turn)
    corners = ((level.x0, level.y0), (level.x1, level.y0), (level.x1, level.y1), (level.x0, level.y1))
    return [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in corners]


def _overlap(first: Sequence[tuple[float, float]], second: Sequence[tuple[float, float]]) -> bool:
    """Whether two convex polygons overlap: no edge of either separates them."""
    for polygon in (first, second):
        for (x1, y1), (x2, y2) in itertools.pairwise([*polygon, polygon[0]]):
            normal = (y2 - y1, x1 - x2)
            a = [normal[0] * x + normal[1] * y for x, y in first]
            b = [normal[0] * x + normal[1] * y for x, y in second]
            if max(a) <= min(b) or max(b) <= min(a):
                return False
    return True


def save_figure(figure: Figure, path: str | Path, *, dpi: int = 150, force: bool = False) -> None:
    """Write a figure to PNG, SVG, PDF, JPEG or WebP (by extension), atomically and reproducibly; a map shows
    the labels that fit at the figure's size (:func:`fit_labels`).

    Raises
    ------
    OutputError
        An unknown extension, an existing file without ``force``, a folder
        that cannot be written, or a PNG of more than :data:`MAX_PIXELS`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from carrieres import load_referentiel, build_graph
    >>> figure, ax = plot_map(build_graph(load_referentiel()))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_figure(figure, pathlib.Path(folder) / "map.svg")
    ...     (pathlib.Path(folder) / "map.svg").read_text(encoding="utf-8").startswith("<?xml")
    True
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        msg = _("cannot write {path}: unknown picture format {format}; use {formats}").format(
            path=path, format=repr(path.suffix or _("(none)")), formats=", ".join(f".{f}" for f in FORMATS)
        )
        raise OutputError(msg)
    check_new(path, force=force)
    width, height = (side * dpi for side in figure.get_size_inches())
    if fmt in _PIXELS and width * height > MAX_PIXELS:
        msg = _(
            "cannot write {path}: {width} × {height} pixels is more than {million} million; "
            "lower the resolution (dpi) or the size"
        ).format(path=path, width=f"{width:,.0f}", height=f"{height:,.0f}", million=decimal(MAX_PIXELS / 1e6))
        raise OutputError(msg)
    fit_labels(figure)
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"metadata": _METADATA[fmt]} if fmt in _METADATA else {}
    with mpl.rc_context({"svg.hashsalt": "carrieres", "svg.fonttype": "none", "pdf.fonttype": 42}):
        figure.savefig(buffer, format=fmt, dpi=dpi, **metadata)
    write_atomic(path, buffer.getvalue(), force=force)
