"""An interactive map in one self-contained HTML file, for any browser, offline.

The page shows the map (jobs on a circle by family, as in :func:`carrieres.plot_map`),
lets the reader search a job by name as the command line reads names (the
same words, feminine and plural forms, initials such as RSSI, a qualifier too
many: the page is given the resolver's names and a port of its lookup, which
the browser tests compare with :meth:`NameIndex.lookup`), click a job to read
its fiche, choose two jobs to see the best route and why each move is
possible, and filter by family and kind of link. Routes follow the same rules
and costs as :func:`carrieres.find_paths` (the page computes the cheapest
route over the moves the rules allow, with each move's cost and explanation
computed here). The page loads nothing from the network: its script is
written in the file and uses no library.

Everything taken from the data is written into a JSON block (``<`` ``>``
``&`` escaped) and put on the page as text, never as markup: a fiche that
contains ``<script>`` shows it as text.

Examples
--------
>>> from carrieres import load_referentiel
>>> page = webmap_html(load_referentiel())
>>> page.startswith("<!DOCTYPE html>"), "http://" in page.replace("http://www.w3.org", "")
(True, False)
"""

from __future__ import annotations

import html
import json
import math
from importlib import resources
from typing import Any

from carrieres._i18n import _, language, ngettext
from carrieres._render import fiche_sections, requirement_lines
from carrieres._text import APOSTROPHES, DASHES, STOP_WORDS, fold
from carrieres.graph import INFERRED_KINDS, build_graph, link_kinds, link_label, moves_view
from carrieres.layout import family_colours, family_layout, family_of
from carrieres.models import Referentiel
from carrieres.paths import CostModel, explain_move, move_cost

__all__ = ["webmap_html"]

_RADIUS = 330.0


def _label(x: float, y: float) -> dict[str, Any]:
    angle = math.degrees(math.atan2(-y, x))
    flip = abs(angle) > 90
    return {
        "lx": round(x * (_RADIUS + 14), 2),
        "ly": round(-y * (_RADIUS + 14), 2),
        "rotate": round(angle + 180 if flip else angle, 2),
        "anchor": "end" if flip else "start",
    }


def _data(referentiel: Referentiel, costs: CostModel) -> dict[str, Any]:
    kinds = link_kinds(referentiel)
    G = build_graph(referentiel, edges=kinds)
    positions = family_layout(G)
    colours = family_colours(G)
    jobs = []
    for job in referentiel.jobs:
        x, y = positions[job.id]
        names = [job.title, *(a.text for a in job.aliases), job.id]
        jobs.append(
            {
                "id": job.id,
                "title": job.title,
                "family": family_of(G, job.id),
                "subfamily": job.subfamily or "",
                "x": round(x * _RADIUS, 2),
                "y": round(-y * _RADIUS, 2),
                **_label(x, y),
                "aliases": [a.text for a in job.aliases],
                "search": " | ".join(fold(name) for name in names),
                "has_fiche": job.has_fiche,
                "requires": " · ".join(requirement_lines(job, referentiel)),
                "sections": fiche_sections(job, referentiel),
            }
        )
    moves = [
        {
            "s": u,
            "t": v,
            "kind": data["kind"],
            "kinds": list(data["kinds"]),
            "inferred": data["inferred"],
            "cost": move_cost(G, u, v, costs=costs),
            "why": explain_move(G, u, v),
        }
        for u, v, data in sorted(moves_view(G).edges(data=True), key=lambda edge: (edge[0], edge[1]))
    ]
    titles = sorted(referentiel.jobs, key=lambda job: job.title)
    return {
        "title": _("Career map — {name}").format(name=referentiel.document.title),
        "credit": _("Source: {title} ({file}). Made with carrieres.").format(
            title=referentiel.document.title, file=referentiel.document.file
        ),
        "ui": _interface(),
        "families": [{"name": name, "colour": colour} for name, colour in colours.items()],
        "kinds": [
            {
                "kind": kind,
                "label": link_label(kind, referentiel),
                "inferred": kind in INFERRED_KINDS,
                "default": kind not in INFERRED_KINDS,
            }
            for kind in kinds
        ],
        "jobs": jobs,
        "names": _names(referentiel),
        "moves": moves,
        "start": titles[0].id,
        "end": titles[-1].id,
    }


def _names(referentiel: Referentiel) -> dict[str, Any]:
    """The job names as the command line's resolver reads them, for the page's search to find
    the same jobs: each name's words (folded, singular, without stop words: the feminine and
    other forms included) with its job's place in ``jobs`` and its priority, and what the page
    needs to cut a query into words the same way."""
    place = {job.id: number for number, job in enumerate(referentiel.jobs)}
    return {
        "entries": [  # a name repeated (a feminine form like the masculine) changes no answer
            [" ".join(words), place[key], priority]
            for words, key, priority in dict.fromkeys(referentiel.resolver.jobs.names())
        ],
        "apostrophes": APOSTROPHES,
        "dashes": DASHES,
        "stop_words": sorted(STOP_WORDS),
    }


def _interface() -> dict[str, Any]:
    """The page's own words, in the language in use; ``{name}`` fields are filled by the page."""
    one, other = (ngettext("{count} move", "{count} moves", n) for n in (1, 2))
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
        "route_from_here": _("Route from here"),
        "route_to_here": _("Route to here"),
        "choose_two": _("Choose two different jobs."),
        "no_route": _("No route from {start} to {end} with these links."),
        "moves_one": one,
        "moves_other": other,
        "singular": [n for n in (0, 1) if ngettext("{count} move", "{count} moves", n) == one],
        "start": _("(start)"),
    }


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot close the ``<script>`` block it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def webmap_html(referentiel: Referentiel, *, costs: CostModel | None = None) -> str:
    """The interactive map of a référentiel as one HTML page (see the module docstring)."""
    template = resources.files("carrieres").joinpath("templates", "webmap.html").read_text(encoding="utf-8")
    data = _data(referentiel, costs or CostModel())
    head, tail = template.split("__DATA__")
    head = head.replace("__TITLE__", html.escape(data["title"])).replace("__LANG__", language())
    return head + _script_json(data) + tail
