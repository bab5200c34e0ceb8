"""The ``carrieres`` command line: thin commands over the library.

One module per command group — :mod:`~carrieres.cli.data` (jobs, show,
documents, imports, the crosswalk), :mod:`~carrieres.cli.routes` (path, routes,
next), :mod:`~carrieres.cli.analysis` (central, clusters, stats) and
:mod:`~carrieres.cli.pictures` (plot, export) — over the group and its error
handling (:mod:`~carrieres.cli.base`) and the shared options and output
(:mod:`~carrieres.cli.options`). A command's module is imported when the command
is asked for (:data:`~carrieres.cli.base.COMMAND_MODULES`).
"""

from __future__ import annotations

from carrieres.cli.base import main

__all__ = ["main"]
