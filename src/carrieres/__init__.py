"""carrieres: career paths through a référentiel of jobs.

Load the shipped référentiel (41 IT jobs, 16 detailed fiches), look jobs up by
any of their names, or parse your own document of fiches.

Examples
--------
>>> import carrieres
>>> ref = carrieres.load_referentiel()
>>> job = ref.job("technicien de maintenance")
>>> job.prerequisites.beginner_ok, [r.ids[0] for r in job.proximity][:2]
(True, ['support-technique', 'gestionnaire-de-parc-micro-informatique'])
"""

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
from carrieres.graph import build_graph
from carrieres.io import load_referentiel, save_referentiel
from carrieres.models import Job, Prerequisites, Reference, Referentiel
from carrieres.parse import ParseReport, parse_file, parse_text
from carrieres.paths import CostModel, Path, Profile, Route, find_paths, reachable

__version__ = "0.1.0"

_PICTURES = ("plot_centrality", "plot_clusters", "plot_ladder", "plot_map", "plot_path", "save_figure")


def __getattr__(name: str) -> object:
    """The plotting functions, imported on first use so that matplotlib loads only for pictures."""
    if name in _PICTURES:
        from carrieres import plot  # noqa: PLC0415

        return getattr(plot, name)
    msg = f"module 'carrieres' has no attribute {name!r}"
    raise AttributeError(msg)


__all__ = [
    "AmbiguousNameError",
    "CarrieresError",
    "CostModel",
    "Job",
    "NoPathError",
    "OutputError",
    "ParseError",
    "ParseReport",
    "Path",
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
    "centrality",
    "clusters",
    "find_paths",
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
]
