"""Where jobs go in a picture: families in order, their colours, the circular map (no matplotlib).

Examples
--------
>>> from carrieres import load_referentiel, build_graph
>>> G = build_graph(load_referentiel())
>>> x, y = family_layout(G)["administrateur-de-base-de-donnees"]
>>> round(x, 3), round(y, 3)
(0.0, 1.0)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph

__all__ = [
    "CLUSTER_PALETTE",
    "EDGE_STYLES",
    "PAGE_SIZES",
    "PALETTE",
    "ROUTE_COLOURS",
    "Position",
    "edge_style",
    "family_colours",
    "family_layout",
    "family_of",
    "family_order",
    "ordered_jobs",
    "page_size",
]

PAGE_SIZES = {
    "a3": (11.69, 16.54),
    "a4": (8.27, 11.69),
    "a5": (5.83, 8.27),
    "letter": (8.5, 11.0),
    "legal": (8.5, 14.0),
}
"""Paper sizes a picture can be asked for by name, in inches, portrait (width × height)."""


def page_size(name: str) -> tuple[float, float] | None:
    """The size in inches of a paper size named as people write it: ``a4``, ``A4 portrait``,
    ``a4-landscape``, ``letter paysage``; ``None`` for a name that is no paper size.

    Examples
    --------
    >>> page_size("A4"), page_size("a4-landscape"), page_size("Letter paysage"), page_size("12x8")
    ((8.27, 11.69), (11.69, 8.27), (11.0, 8.5), None)
    """
    words = name.lower().replace("-", " ").replace("_", " ").split()
    if not words or words[0] not in PAGE_SIZES or len(words) > 2:
        return None
    width, height = PAGE_SIZES[words[0]]
    turn = words[1] if len(words) == 2 else "portrait"
    if turn in {"landscape", "paysage"}:
        return height, width
    return (width, height) if turn == "portrait" else None


PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
)
CLUSTER_PALETTE = ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3de69")
"""Clusters' colours (soft, so that they do not read as families)."""

ROUTE_COLOURS = ("#e6550d", "#3182bd", "#31a354", "#756bb1", "#636363")
"""The colours of route 1, 2, 3 … on a path picture."""

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "prerequisite": {"color": "#222222", "linestyle": "solid"},
    "proximity": {"color": "#a6a6a6", "linestyle": "solid"},
    "rome": {"color": "#3182bd", "linestyle": "dotted", "alpha": 0.45},
    "skills": {"color": "#31a354", "linestyle": "dotted", "alpha": 0.45},
    "reverse_proximity": {"color": "#a6a6a6", "linestyle": "dashed"},
    "similarity": {"color": "#8c4a2f", "linestyle": "dashdot"},
}
"""How each kind of link is drawn, in pictures and in the DOT export: the référentiel's own solid,
inferred ones dashed (similarity dash-dot), moves lifted from the ROME dotted blue, shared skills
dotted green; two kinds
with the same line differ in lightness, so that they stay apart printed in grey."""

_UNKNOWN_FAMILY = "(no family)"


def edge_style(kind: str) -> dict[str, Any]:
    """How a kind of link is drawn (:data:`EDGE_STYLES`; a kind of another référentiel: solid grey)."""
    return EDGE_STYLES.get(kind, {"color": "#7f7f7f", "linestyle": "solid"})


Position = dict[str, tuple[float, float]]


def family_order(G: CareerGraph) -> list[str]:
    """Families in the référentiel's order, then any other."""
    referentiel = G.graph.get("referentiel")
    ordered = [f.name for f in referentiel.families] if referentiel is not None else []
    seen = [data["family"] or _UNKNOWN_FAMILY for _, data in G.nodes(data=True)]
    return list(dict.fromkeys([*(f for f in ordered if f in seen), *seen]))


def family_colours(G: CareerGraph) -> dict[str, str]:
    """A colour per family, stable for a référentiel."""
    return {family: PALETTE[i % len(PALETTE)] for i, family in enumerate(family_order(G))}


def family_of(G: CareerGraph, node: str) -> str:
    """A job's family, or a placeholder when it has none."""
    return str(G.nodes[node]["family"] or _UNKNOWN_FAMILY)


def ordered_jobs(G: CareerGraph) -> list[str]:
    """Jobs by family (in the référentiel's order), then sub-family, then title."""
    order = family_order(G)
    return sorted(
        G.nodes, key=lambda n: (order.index(family_of(G, n)), G.nodes[n]["subfamily"], G.nodes[n]["title"])
    )


def family_layout(G: CareerGraph) -> Position:
    """Jobs on a unit circle, clockwise from the top, family after family with a gap between two."""
    slots: list[str | None] = []
    previous = None
    for node in ordered_jobs(G):
        family = family_of(G, node)
        if previous is not None and family != previous:
            slots.append(None)
        slots.append(node)
        previous = family
    if len(family_order(G)) > 1:
        slots.append(None)
    count = max(len(slots), 1)
    return {
        node: (
            math.cos(math.pi / 2 - 2 * math.pi * i / count),
            math.sin(math.pi / 2 - 2 * math.pi * i / count),
        )
        for i, node in enumerate(slots)
        if node is not None
    }
