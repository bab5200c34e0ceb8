"""An interactive map in one self-contained HTML file, for any browser, offline.

The page draws the map with `Cytoscape.js <https://js.cytoscape.org>`_ (MIT
licence, written into the page with its copyright notice; the page credits it):
jobs on a circle by family, as in :func:`carrieres.plot_map`, with zoom and pan
(wheel, drag, the + − buttons, keys + − 0), and labels that appear as space
allows: each time the view changes, the labels are taken in order (the
selected job, the route, the neighbours, then the most connected jobs) and
one is shown only where it overlaps none shown before. Clicking a job (or
Enter on the job the arrow keys reach) highlights it, its neighbours and the
links between them, and shows its fiche at the top of the panel.

The search reads names as the command line does: the page is given the
resolver's names and a port of its lookup, which the browser tests compare
with :meth:`NameIndex.lookup`. The routes are those of ``carrieres path``:
the page is given the moves of the same graph in the same order with each
move's cost, explanation and what it asks to learn, and runs the same search
(networkx's Yen algorithm and bidirectional Dijkstra, ported step for step,
ties kept as :func:`carrieres.find_paths` keeps them), then ranks the routes
by cost, years and moves for the profile chosen on the page. The browser
tests compare the page with :func:`carrieres.find_paths` on every ordered
pair of the shipped référentiel's jobs and a sample of ROME pairs.

Everything taken from the data is written into a JSON block (``<`` ``>``
``&`` escaped) and put on the page as text, never as markup: a fiche that
contains ``<script>`` shows it as text.

Examples
--------
>>> from carrieres import load_referentiel
>>> page = webmap_html(load_referentiel())
>>> page.startswith("<!DOCTYPE html>"), "Cytoscape.js" in page
(True, True)
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import sys
import types
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carrieres._i18n import _, language, ngettext
from carrieres._render import (
    VERSION_NAMES,
    bac,
    fiche_sections,
    learning_lines,
    links_text,
    requirement_lines,
    requirements_text,
)
from carrieres._text import APOSTROPHES, DASHES, STOP_WORDS, seniority
from carrieres.files import card_content, write_atomic
from carrieres.graph import INFERRED_KINDS, build_graph, link_kinds, link_label, require_jobs
from carrieres.layout import ROUTE_COLOURS, edge_style, family_colours, family_layout, family_of
from carrieres.models import Referentiel
from carrieres.names import WHOLE_ONLY, trade_words
from carrieres.paths import (
    JUMP_RANKS,
    SAME_JOB_KINDS,
    TIE_BREAK_CANDIDATES,
    CostModel,
    Profile,
    assumption_texts,
    explain_move,
    move_weight,
    what_to_learn,
    years_asked,
    years_in,
)

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph
    from carrieres.skills import CardContent

__all__ = ["WebMap", "webmap", "webmap_html"]

RENDERER = "Cytoscape.js 3.35.0"
"""The graph-drawing library written into the page (``templates/vendor``)."""

_RADIUS = 400.0
_DASHES = {"solid": "solid", "dashed": "dashed", "dotted": "dotted", "dashdot": "dashed"}


def _template(name: str) -> str:
    return resources.files("carrieres").joinpath("templates", name).read_text(encoding="utf-8")


def _card_panel(content: CardContent | None) -> list[Any] | None:
    """What the job's panel shows of its ROME card: the access text and the core skills by block."""
    if content is None:
        return None
    blocks = [
        [_("Access to the job"), list(content.access)],
        [_("Core savoir-faire"), [s.text for s in content.savoir_faire if s.core]],
        [_("Core knowledge"), [s.text for s in content.knowledge if s.core]],
    ]
    title = _("{version} card {code}: {title}").format(
        version=VERSION_NAMES["rome-v4"], code=content.code, title=content.title
    )
    return [title, [block for block in blocks if block[1]]]


def _jobs(referentiel: Referentiel, G: CareerGraph) -> list[dict[str, Any]]:
    profile = Profile()
    positions = family_layout(G)
    degree = dict(G.degree())
    place = {job.id: number for number, job in enumerate(referentiel.jobs)}
    jobs = []
    for job in referentiel.jobs:
        x, y = positions[job.id]
        pre = job.prerequisites
        asked, assumed = years_asked(pre, profile)
        roles = years_in(pre)
        jobs.append(
            {
                "id": job.id,
                "title": job.title,
                "family": family_of(G, job.id),
                "subfamily": job.subfamily or "",
                "x": round(x * _RADIUS, 2),
                "y": round(-y * _RADIUS, 2),
                "degree": degree[job.id],
                "aliases": [a.text for a in job.aliases],
                "has_fiche": job.has_fiche,
                "requires": requirement_lines(job, referentiel),
                "asks": requirements_text(pre, referentiel),
                "sections": fiche_sections(job, referentiel),
                "education": pre.education_min,
                "experience": asked,
                "assumed": assumed,
                "years_in": None if roles is None else sorted(place[role] for role in roles),
                "seniority": seniority(job.title),
                "card": _card_panel(card_content(referentiel, job)),
            }
        )
    return jobs


def _routing(referentiel: Referentiel, G: CareerGraph, costs: CostModel) -> dict[str, Any]:
    """The moves of the graph ``carrieres path`` searches, in networkx's order: for each job its
    successors (with the move's cost, whether it stays in the same job, its explanation and what
    it asks to learn) and its predecessors, as the search walks them."""
    place = {job.id: number for number, job in enumerate(referentiel.jobs)}
    weight = move_weight(G, costs)
    explanations: list[str] = []
    learning: list[list[str]] = []
    shown = referentiel.has_fiches or bool(referentiel.cards)
    out: list[list[list[Any]]] = [[] for _job in referentiel.jobs]
    allowed: set[tuple[str, str]] = set()
    for u in G:
        for v, data in G.succ[u].items():
            cost = weight(u, v, data)
            if cost is None:
                continue
            allowed.add((u, v))
            target = referentiel.get(v)
            learn = what_to_learn(referentiel, referentiel.get(u), target)
            explanations.append(explain_move(G, u, v))
            lines = learning_lines(learn, target.title, target.has_fiche, cards=bool(referentiel.cards))
            learning.append(lines if shown else [])
            out[place[u]].append([place[v], cost, data["kind"] in SAME_JOB_KINDS, len(explanations) - 1])
    into = [[place[u] for u in G.pred[job.id] if (u, job.id) in allowed] for job in referentiel.jobs]
    pieces: dict[str, int] = {}  # a line's clauses, each written once: moves into one card share them
    packed = [
        [[pieces.setdefault(part, len(pieces)) for part in line.split(CLAUSE)] for line in lines]
        for lines in learning
    ]
    return {
        "links": links_text(G.graph["edge_kinds"].split(","), G.graph.get("where", "")),
        "succ": out,
        "pred": into,
        "why": explanations,
        "learn": packed,
        "pieces": list(pieces),
        "clause": CLAUSE,
        "ties": TIE_BREAK_CANDIDATES,
        "has_fiches": referentiel.has_fiches,
    }


def _profile(referentiel: Referentiel) -> dict[str, Any]:
    """The default profile's assumptions and the scale's levels, for the page's own profiles."""
    scale, profile = referentiel.levels, Profile()
    return {
        "min_stay_years": profile.min_stay_years,
        "years_per_level": profile.years_per_level,
        "several_years": profile.several_years,
        "jump_ranks": JUMP_RANKS,
        "levels": [
            [level, bac(level, level, scale), scale.label(level)]
            for level in range(scale.lowest, scale.highest + 1)
        ],
        "assumptions": assumption_texts(profile, scale),
    }


def _kinds(referentiel: Referentiel, kinds: tuple[str, ...], routed: list[str]) -> list[dict[str, Any]]:
    styles = []
    for kind in kinds:
        style = edge_style(kind)
        styles.append(
            {
                "kind": kind,
                "label": link_label(kind, referentiel),
                "inferred": kind in INFERRED_KINDS,
                "default": kind in routed,
                "colour": style["color"],
                "dash": _DASHES.get(style["linestyle"], "solid"),
            }
        )
    return styles


def _data(referentiel: Referentiel, routes: CareerGraph, costs: CostModel) -> dict[str, Any]:
    kinds = link_kinds(referentiel)
    G = build_graph(referentiel, edges=kinds)
    place = {job.id: number for number, job in enumerate(referentiel.jobs)}
    kind_index = {kind: number for number, kind in enumerate(kinds)}
    moves = [
        [place[u], place[v], [kind_index[kind] for kind in data["kinds"]]]
        for u, v, data in sorted(G.edges(data=True), key=lambda edge: (place[edge[0]], place[edge[1]]))
    ]
    titles = sorted(referentiel.jobs, key=lambda job: job.title)
    return {
        "title": _("Career map — {name}").format(name=referentiel.document.title),
        "credit": _("Source: {title} ({file}). Made with carrieres.").format(
            title=referentiel.document.title, file=referentiel.document.file
        ),
        "renderer": _("Drawn with {library} (MIT licence, © The Cytoscape Consortium).").format(
            library=RENDERER
        ),
        "ui": _interface(),
        "decimal_comma": language() == "fr",
        "elide": language() == "fr",
        "families": [{"name": name, "colour": colour} for name, colour in family_colours(G).items()],
        "kinds": _kinds(referentiel, kinds, routes.graph["edge_kinds"].split(",")),
        "route_colours": list(ROUTE_COLOURS),
        "jobs": _jobs(referentiel, G),
        "names": _names(referentiel),
        "moves": moves,
        "routing": _routing(referentiel, routes, costs),
        "profile": _profile(referentiel),
        "start": place[titles[0].id],
        "end": place[titles[-1].id],
    }


def _names(referentiel: Referentiel) -> dict[str, Any]:
    """The job names as the command line's resolver reads them, for the page's search to find
    the same jobs: each name's words (folded, singular, without stop words: the feminine and
    other forms included) with its job's place in ``jobs`` and its priority, and what the page
    needs to cut a query into words the same way."""
    place = {job.id: number for number, job in enumerate(referentiel.jobs)}
    return {
        "entries": [
            [" ".join(words), place[key], priority]
            for words, key, priority in referentiel.resolver.jobs.names()
        ],
        "whole_only": WHOLE_ONLY,
        "trade": [[" ".join(form), " ".join(words)] for form, (_row, words) in trade_words().items()],
        "apostrophes": APOSTROPHES,
        "dashes": DASHES,
        "stop_words": sorted(STOP_WORDS),
    }


def _plural(key: str, singular: str, plural: str) -> dict[str, str]:
    return {f"{key}_one": ngettext(singular, plural, 1), f"{key}_other": ngettext(singular, plural, 2)}


def _interface() -> dict[str, Any]:
    """The page's own words, in the language in use; ``{name}`` fields are filled by the page."""
    return {
        "search_placeholder": _("Search a job (accents optional)"),
        "search_label": _("Search a job"),
        "families": _("Families"),
        "links": _("Links"),
        "route": _("Route"),
        "from": _("From"),
        "to": _("To"),
        "find_route": _("Find the route"),
        "fiche": _("Fiche"),
        "click_hint": _("Click a job on the map, or search for one."),
        "also_called": _("also called: {names}"),
        "no_fiche": _("This job has no fiche in the référentiel: only its family is known."),
        "no_fiche_card": _(
            "This job has no fiche in the référentiel: what it asks comes from its ROME card (below)."
        ),
        "assumed": _("{asked} (assumed)"),
        "route_from_here": _("Route from here"),
        "route_to_here": _("Route to here"),
        "choose_two": _("Choose two different jobs."),
        "no_match": _("No job matches «{query}». The closest names:"),
        "panel": _("Panel"),
        "no_route": _("No route from {start} to {end} with these links."),
        "singular": [
            n
            for n in (0, 1)
            if ngettext("{count} move", "{count} moves", n) == ngettext("{count} move", "{count} moves", 1)
        ],
        **_plural("moves", "{count} move", "{count} moves"),
        **_plural("about", "about {years} year", "about {years} years"),
        **_plural("study", "{years} year of study", "{years} years of study"),
        **_plural("asked", "{years} year asked", "{years} years asked"),
        **_plural("worked", "{years} year worked", "{years} years worked"),
        "start": _("(start)"),
        "route_heading": _("Route {number}: {moves}"),
        "cost": _(" (cost {cost})"),
        "year": _("year {year}"),
        "why": _("why: {reasons}"),
        "asks": _("asks: {requirements}"),
        "you": _("you: {gaps}"),
        "diploma_to_gain": _("diploma to gain: {diploma} ({study})"),
        "education_met": _("education met"),
        "experience_not_stated": _("experience asked not stated"),
        "experience_met": _("experience met"),
        "experience_asked": _("experience: {asked}"),
        "assumptions": _("assumptions: {assumptions}"),
        "clauses": _("; "),
        "profile": _("Profile: education {level}, {worked}"),
        "not_given": _("not given"),
        "education": _("Education"),
        "experience": _("Years worked"),
        "routes_count": _("Routes"),
        "links_used": _("Routes take these links: {links}."),
        "zoom_in": _("Zoom in"),
        "zoom_out": _("Zoom out"),
        "fit": _("Whole map"),
        "map_label": _("Map of the jobs: arrow keys move from job to job, Enter selects, + and − zoom."),
    }


CLAUSE = "; "
"""What the page cuts each line of what a move asks to learn at, to write each clause (a skill)
once; it joins them back with it, so that every line reads as the command line writes it."""


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot close the ``<script>`` block it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def webmap_html(source: Referentiel | CareerGraph, *, costs: CostModel | None = None) -> str:
    """The interactive map of a référentiel as one HTML page (see the module docstring).

    Given a career graph, the page's routes are those ``carrieres path`` finds on it (its kinds
    of links, its conditions); given a référentiel, those of its default graph.
    """
    if isinstance(source, Referentiel):
        referentiel, routes = source, build_graph(source)
    else:
        referentiel, routes = source.graph["referentiel"], source
    require_jobs(referentiel)
    data = _data(referentiel, routes, costs or CostModel())
    head, rest = _template("webmap.html").split("__BLOCKS__")
    middle, end = rest.split("__SCRIPT__")
    head = head.replace("__LANG__", language()).replace("__TITLE__", html.escape(data["title"]))
    text, library = _script_json(data), _template("vendor/cytoscape.min.js")
    if len(text) > PACK_ABOVE:  # a national map: the page unpacks its data and library when it opens
        licence = _template("vendor/cytoscape.LICENSE").replace("--", "- -")
        blocks = [
            f"<!-- Cytoscape.js, packed below:\n{licence}-->",
            _packed("data", text),
            _packed("library", library),
        ]
    else:
        library = "<script>\n" + library.replace("</", "<\\/") + "\n</script>"
        blocks = [_block("data", "application/json", text), library]
    return head + "\n".join(blocks) + middle + _template("webmap.js") + end


PACK_ABOVE = 2_000_000
"""The characters of data above which the page holds its data and its drawing library compressed
(gzip, in base64): ROME's 1,584 jobs take 3 MB instead of 20. Browsers unpack them natively."""


def _block(name: str, kind: str, text: str) -> str:
    return f'<script id="{name}" type="{kind}">{text}</script>'


def _packed(name: str, text: str) -> str:
    """A block of the page compressed, the same bytes each time (no date in the gzip header)."""
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return _block(name, PACKED, packed.decode("ascii"))


PACKED = "application/gzip+base64"
"""The type of a compressed block of the page."""


class WebMap:
    """The interactive map, to show in a notebook (JupyterLab, VS Code: in a frame, offline) or save.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> shown = webmap(load_referentiel())
    >>> shown._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, page: str, *, height: int = 640) -> None:
        self.html = page
        self.height = height

    def __repr__(self) -> str:
        return f"<WebMap: {len(self.html.encode('utf-8')) // 1000:,} kB of HTML>"

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="carrieres" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>'
        )

    def save(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the page to ``path`` whole or not at all, and return the path.

        Raises
        ------
        OutputError
            ``path`` exists (without ``force``), or cannot be written.
        """
        write_atomic(path, self.html.encode("utf-8"), force=force)
        return Path(path)


def webmap(source: Referentiel | CareerGraph, *, costs: CostModel | None = None, height: int = 640) -> WebMap:
    """The interactive map of :func:`webmap_html`, shown inline when a notebook cell returns it
    (in a frame of ``height`` pixels: everything is in the page, so it works offline), or saved
    with :meth:`WebMap.save`.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> page = webmap(load_referentiel(), height=480)
    >>> page.html.startswith("<!DOCTYPE html>"), page.height
    (True, 480)
    """
    return WebMap(webmap_html(source, costs=costs), height=height)


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`webmap`: importing ``carrieres.webmap`` puts the module
    where the package's function ``carrieres.webmap`` was, and both must keep working."""

    def __call__(
        self, source: Referentiel | CareerGraph, *, costs: CostModel | None = None, height: int = 640
    ) -> WebMap:
        return webmap(source, costs=costs, height=height)


sys.modules[__name__].__class__ = _CallableModule
