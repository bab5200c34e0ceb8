"""The HTML cards records show in Jupyter: a registry the output layer fills (private).

A record's ``_repr_html_`` asks :func:`html_card` for its card. The renderers
live in the output layer (:mod:`carrieres._display`), which registers one per
type when it is imported; the records never import it. The first time a card
is asked for, the registry loads the output layer by name, as a plugin.

Examples
--------
>>> from carrieres import load_referentiel
>>> html_card(load_referentiel().job("Support technique"))[:23]
'<div style="font-family'
>>> html_card(object()) is None
True
"""

from __future__ import annotations

import functools
import importlib

__all__ = ["RENDERERS", "html_card"]

RENDERERS = "carrieres._display"
"""The module that registers the HTML renderers."""


@functools.singledispatch
def html_card(record: object) -> str | None:
    """The HTML card of a record, or ``None`` for a type no renderer is registered for."""
    if not _loaded:
        _loaded.append(importlib.import_module(RENDERERS))
        return html_card(record)
    return None


_loaded: list[object] = []
