"""Sphinx configuration of the carrieres site (``make docs``).

Prose is MyST Markdown, the notebooks are rendered from their stored outputs
(nothing is executed), the command reference comes from the click commands
(sphinx-click) and the API reference from the docstrings (autodoc, numpydoc).
"""

from __future__ import annotations

import importlib
import textwrap
from typing import Any

import carrieres

project = "carrieres"
author = "carrieres developers"
copyright = "carrieres developers"
version = release = carrieres.__version__

extensions = [
    "myst_nb",  # MyST Markdown and the notebooks (it loads myst_parser)
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_click",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "jupyter_execute", "**/.ipynb_checkpoints", "examples"]
root_doc = "index"
language = "en"
smartquotes = False  # options such as --top stay as written, never an en dash

# MyST: heading anchors for links such as [paths](guide/paths.md#the-rule); ::: fences; {attribution}
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

# Notebooks: shown with the outputs they were committed with (the test suite runs them).
nb_execution_mode = "off"
nb_merge_streams = True

# API reference: numpydoc docstrings, types in the signatures only.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": False}
add_module_names = False

# Every cross-reference inside the project must resolve (-W turns a miss into an error); names
# from other projects (networkx, matplotlib, the standard library) are not looked up: no network.
nitpicky = True
nitpick_ignore_regex = [(r"py:.*", r"(?!carrieres\b).*")]

# The link check checks the site's own links only: no network.
linkcheck_ignore = [r"https?://.*", r"mailto:.*"]

html_theme = "furo"
html_title = f"carrieres {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
pygments_style = "friendly"
pygments_dark_style = "monokai"


# --- Cross-references into the package -------------------------------------------------------
# A docstring may name a public object by its module (``carrieres.paths.find_paths``); the site
# documents it where people import it (``carrieres.find_paths``). A reference to an object that
# exists in the package but has no entry of its own (a private helper, a module constant) is
# shown as code, unlinked. A reference to a name the package does not have stays a warning.

PUBLIC = frozenset(carrieres.__all__)


def _exists(target: str) -> bool:
    """Whether ``target`` (``carrieres.module.Name.attr``) names an object of the package."""
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if name in getattr(obj, "__dataclass_fields__", {}):
                return name == parts[-1]
            try:
                obj = getattr(obj, name)
            except AttributeError:
                return False
        return True
    return False


def _resolve_in_package(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("carrieres."):
        return None
    parts = target.split(".")
    domain = env.get_domain("py")
    for i, name in enumerate(parts[1:], start=1):
        if name in PUBLIC and i > 1:
            public = ".".join(["carrieres", *parts[i:]])
            found = domain.resolve_any_xref(env, node["refdoc"], app.builder, public, node, contnode)
            if found:
                return found[0][1]
    return contnode if _exists(target) else None


def _escape_bars(app: Any, ctx: Any, lines: list[str]) -> None:
    """An option's help is plain text: a lone ``|`` ("; or |") is not a reST substitution."""
    for i, line in enumerate(lines):
        if "|" in line and not line.lstrip().startswith((".. option::", ":options:")):
            lines[i] = line.replace("|", r"\|")


def _examples_as_code(app: Any, ctx: Any, lines: list[str]) -> None:
    """A help's unwrapped paragraph (click's ``\\b``, a line block here) under a heading such as
    ``Example:`` is shown as code: commands keep their ``--`` and quotes as written."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("| "):
            out.append(lines[i])
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i].startswith("|"):
            block.append(lines[i][2:])
            i += 1
        head, body = block[0], block[1:]
        if body and head.endswith(":"):
            language = "sh" if head.startswith("Example") else "text"
            code = textwrap.dedent("\n".join(body)).split("\n")
            out += [head, "", f".. code-block:: {language}", "", *(f"   {line}" for line in code)]
        else:
            out += [f"| {line}" for line in block]
    lines[:] = out


def setup(app: Any) -> None:
    app.connect("missing-reference", _resolve_in_package)
    app.connect("sphinx-click-process-options", _escape_bars)
    app.connect("sphinx-click-process-description", _examples_as_code)
