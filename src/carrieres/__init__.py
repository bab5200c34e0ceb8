"""carrieres: career paths through a référentiel of jobs.

Load the shipped référentiel (41 IT jobs, 16 detailed fiches), look jobs up by
any of their names, find paths, analyse and draw the map, or read your own
document of fiches. Every name below is imported on first use, so that a
command loads only what it needs (matplotlib only for pictures).

Examples
--------
>>> import carrieres
>>> ref = carrieres.load_referentiel()
>>> job = ref.job("technicien de maintenance")
>>> job.prerequisites.beginner_ok, [r.ids[0] for r in job.proximity][:2]
(True, ['support-technique', 'gestionnaire-de-parc-micro-informatique'])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_PUBLIC = {
    "carrieres._display": ("to_dataframe",),
    "carrieres.analysis": ("centrality", "clusters", "map_stats"),
    "carrieres.exceptions": (
        "AmbiguousNameError",
        "CarrieresError",
        "NoPathError",
        "OutputError",
        "ParseError",
        "PathRequestError",
        "RequestError",
        "UnknownNameError",
    ),
    "carrieres.graph": ("LinkCondition", "build_graph"),
    "carrieres.files": ("card_content", "load_referentiel", "save_referentiel"),
    "carrieres.models": ("Job", "LevelScale", "Prerequisites", "Reference", "Referentiel"),
    "carrieres.parse": ("ParseReport", "parse_file", "parse_text"),
    "carrieres.paths": (
        "CostModel",
        "Itinerary",
        "Profile",
        "Route",
        "find_paths",
        "find_routes",
        "iter_routes",
        "reachable",
        "what_to_learn",
    ),
    "carrieres.tables": ("import_tables",),
    "carrieres.webmap": ("webmap",),
    "carrieres.plot": (
        "plot_centrality",
        "plot_clusters",
        "plot_ladder",
        "plot_map",
        "plot_path",
        "save_figure",
    ),
}
_MODULE_OF = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = [
    "AmbiguousNameError",
    "CarrieresError",
    "CostModel",
    "Itinerary",
    "Job",
    "LevelScale",
    "LinkCondition",
    "NoPathError",
    "OutputError",
    "ParseError",
    "ParseReport",
    "PathRequestError",
    "Prerequisites",
    "Profile",
    "Reference",
    "Referentiel",
    "RequestError",
    "Route",
    "UnknownNameError",
    "__version__",
    "build_graph",
    "card_content",
    "centrality",
    "clusters",
    "find_paths",
    "find_routes",
    "import_tables",
    "iter_routes",
    "load_referentiel",
    "map_stats",
    "parse_file",
    "parse_text",
    "plot_centrality",
    "plot_clusters",
    "plot_ladder",
    "plot_map",
    "plot_path",
    "reachable",
    "save_figure",
    "save_referentiel",
    "to_dataframe",
    "webmap",
    "what_to_learn",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use."""
    module = _MODULE_OF.get(name)
    if module is None:
        msg = f"module 'carrieres' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from carrieres._display import to_dataframe
    from carrieres.analysis import centrality, clusters, map_stats
    from carrieres.exceptions import (
        AmbiguousNameError,
        CarrieresError,
        NoPathError,
        OutputError,
        ParseError,
        PathRequestError,
        RequestError,
        UnknownNameError,
    )
    from carrieres.files import load_referentiel, save_referentiel
    from carrieres.graph import LinkCondition, build_graph
    from carrieres.models import Job, LevelScale, Prerequisites, Reference, Referentiel
    from carrieres.parse import ParseReport, parse_file, parse_text
    from carrieres.paths import (
        CostModel,
        Itinerary,
        Profile,
        Route,
        find_paths,
        find_routes,
        iter_routes,
        reachable,
    )
    from carrieres.plot import plot_centrality, plot_clusters, plot_ladder, plot_map, plot_path, save_figure
    from carrieres.tables import import_tables
    from carrieres.webmap import webmap
