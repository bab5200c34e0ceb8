"""Export the career graph for Gephi, Cytoscape, yEd, Graphviz, spreadsheets and the web.

Formats: ``graphml``, ``gexf``, ``json`` (networkx node-link), ``dot`` (Graphviz),
``csv`` (two tables, ``<stem>-jobs.csv`` and ``<stem>-links.csv``) and ``html``
(the interactive map of :mod:`carrieres.webmap`, with every kind of link, to
filter in the page).

How attributes are written (see :mod:`carrieres.graph` for their meaning):

* every node and edge attribute of the graph is written, under its own name;
* a value the référentiel does not state (``None``, an empty text or tuple) is
  left out of that node or edge, so readers show an empty cell, never a
  made-up number, and no attribute is written that is empty on every row; an
  edge no fiche states has no ``fiche`` and no ``line``;
* each node also has its ``code`` and ``parent`` (a ROME card's) and its ROME
  4.0 ``card`` (the reviewed crosswalk's, for the shipped référentiel), where
  it has them; an edge lifted from the ROME its ``version``, ``from_card``,
  ``to_card``, ``rank`` and ``through`` (:func:`rome_move_data`); a ``skills``
  edge its ``score``, ``shared``, ``core_shared`` and ``of``;
* only ``text`` is in the language chosen (``--lang``): every other attribute
  is data, the same in every language;
* tuples (``prior_roles``, ``kinds``, ``shared_terms``) are joined with ``;``;
* the ``links`` tuple of an edge is written as ``links``: one line per link,
  ``kind|fiche|line|text``, where the text of a move lifted from the ROME is
  its two cards (``M1805 → M1803``);
* the graph's ``referentiel`` attribute is not written; ``name`` and
  ``edge_kinds`` are;
* in GraphML, a flag that some jobs (or links) leave unstated, such as
  ``beginner_ok``, is written as text, ``true`` or ``false``: readers that
  fill a missing boolean with false (igraph) would turn "not stated" into
  "no"; a missing text stays empty. A flag every job states stays a boolean.

Files carry no date and no random identifier: the same graph gives the same
bytes. They are written atomically (see :func:`carrieres.files.write_atomic`).

Examples
--------
>>> from carrieres import load_referentiel, build_graph
>>> text = export_text(build_graph(load_referentiel()), "dot")
>>> text.splitlines()[0]
'digraph "metiers-informatique" {'
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from carrieres import __version__
from carrieres._i18n import _
from carrieres._render import to_csv
from carrieres._text import xml_safe
from carrieres.exceptions import OutputError
from carrieres.files import check_new, write_all, write_atomic
from carrieres.graph import Link, link_label
from carrieres.layout import edge_style, family_colours, family_layout, family_of
from carrieres.paths import move_weight
from carrieres.rome_cards import card_code

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph
    from carrieres.models import CardMove, Referentiel

__all__ = [
    "EXPORT_FORMATS",
    "export_graph",
    "export_text",
    "flat_graph",
    "gexf_graph",
    "graphml_graph",
    "rome_move_data",
]


def _dot_style(kind: str) -> str:
    """A kind of link drawn in DOT as in the pictures (:data:`carrieres.layout.EDGE_STYLES`)."""
    style = edge_style(kind)
    graphviz = {"dashdot": "dashed"}.get(style["linestyle"], style["linestyle"])  # Graphviz has no dash-dot
    line = "" if graphviz == "solid" else f", style={graphviz}"
    return f'color="{style["color"]}"{line}'


def _flat(value: Any, *, xml: bool = False) -> Any:
    if isinstance(value, tuple):
        if value and isinstance(value[0], Link):
            value = "\n".join(f"{link.kind}|{link.fiche}|{link.line}|{_link_words(link)}" for link in value)
        else:
            value = ";".join(str(item) for item in value)
    return xml_safe(value) if xml and isinstance(value, str) else value


def _link_words(link: Link) -> str:
    """What a link's line of ``links`` says of it: the sentence of its fiche, or for a move lifted
    from the ROME its two cards (the same in every language: the sentence is in ``text``)."""
    move = link.move
    return link.text if move is None else f"{move.source_card.code} → {move.target_card.code}"


def _stated(value: Any) -> bool:
    """Whether an attribute says something: not ``None``, nor an empty text or tuple."""
    return value is not None and value not in ("", ())


def flat_graph(G: CareerGraph, *, xml: bool = False) -> CareerGraph:
    """A copy of the graph with only plain, typed attributes (see the module docstring); for an
    XML format (``xml``), without the control characters XML cannot hold (an imported title may).

    Each node also gets ``label`` (its title: what Gephi, Cytoscape and yEd show), its ``code``,
    ``parent`` and ROME 4.0 ``card`` where it has them; each edge ``cost``, the cost of the move
    under the default cost model (absent where the prior-role rule forbids the move), and for a
    move lifted from the ROME the ROME link as data (:func:`rome_move_data`)."""
    flat: CareerGraph = nx.DiGraph(name=G.graph.get("name", ""), edge_kinds=G.graph.get("edge_kinds", ""))
    referentiel: Referentiel | None = G.graph.get("referentiel")
    for node, data in G.nodes(data=True):
        values = {key: _flat(value, xml=xml) for key, value in data.items() if _stated(value)}
        if referentiel is not None:
            job = referentiel.get(node)
            own = {"code": job.code, "parent": job.parent, "card": card_code(referentiel, job)}
            values |= {key: _flat(value, xml=xml) for key, value in own.items() if _stated(value)}
        flat.add_node(node, label=_flat(data["title"], xml=xml), **values)
    weight = move_weight(G)
    versions = {id(m): c.version for c in referentiel.crosswalks for m in c.moves} if referentiel else {}
    for u, v, data in G.edges(data=True):
        values = {key: _flat(value, xml=xml) for key, value in data.items() if _stated(value)}
        if not data.get("fiche"):  # no fiche states it: no line either
            values.pop("line", None)
        move = next((link.move for link in data["links"] if link.move is not None), None)
        if move is not None:
            values = {**rome_move_data(move, versions.get(id(move), "")), **values}
        cost = weight(u, v, data)
        flat.add_edge(u, v, **values, **({} if cost is None else {"cost": cost}))
    return flat


def rome_move_data(move: CardMove, version: str) -> dict[str, Any]:
    """A move lifted from the ROME as data: ``version`` (``ROME 4.0``), ``from_card`` and
    ``to_card`` (the two jobs' cards), ``rank`` (the mobility's rank in the ROME, where it has
    one) and ``through`` (``card``: the two cards are linked; ``parent``: their parent cards are).

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> crosswalk = load_referentiel().crosswalk("rome-v4")
    >>> pair = ("developpeur", "directeur-technique")
    >>> move = next(m for m in crosswalk.moves if (m.source, m.target) == pair)
    >>> rome_move_data(move, crosswalk.version)
    {'version': 'ROME 4.0', 'from_card': 'M1805', 'to_card': 'M1803', 'rank': 2, 'through': 'card'}
    """
    data = {
        "version": version,
        "from_card": move.source_card.code,
        "to_card": move.target_card.code,
        "rank": move.rank,
        "through": move.through,
    }
    return {key: value for key, value in data.items() if _stated(value)}


_GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_GRAPHML_ROOT = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
)


def graphml_graph(G: CareerGraph) -> CareerGraph:
    """The flat graph (:func:`flat_graph`) as GraphML writes it: a flag some jobs or links leave
    unstated becomes text (``true``/``false``), so that no reader can take its absence for false."""
    flat = flat_graph(G, xml=True)
    for items, count in ((flat.nodes.values(), len(flat)), (flat.edges.values(), flat.number_of_edges())):
        rows = list(items)
        flags = {name for row in rows for name, value in row.items() if isinstance(value, bool)}
        unstated = {name for name in flags if sum(name in row for row in rows) < count}
        for row in rows:
            for name in unstated & row.keys():
                row[name] = "true" if row[name] else "false"
    return flat


def _graphml(G: CareerGraph) -> bytes:
    """GraphML with the bytes networkx's writer gives (a test compares them), written as
    text in one pass: ten times faster and half the memory of its element tree at 100,000 jobs."""
    flat = graphml_graph(G)
    keys: dict[tuple[str, str, str], str] = {}

    def data(scope: str, values: dict[str, Any], indent: str) -> list[str]:
        lines = []
        for name, value in values.items():
            key = keys.setdefault((name, _GRAPHML_TYPES[type(value)], scope), f"d{len(keys)}")
            text = str(value).translate(_XML_TEXT)
            opening = f'{indent}<data key="{key}"'
            lines.append(f"{opening}>{text}</data>" if text else f"{opening} />")
        return lines

    def element(tag: str, attributes: dict[str, str], children: list[str], indent: str) -> list[str]:
        written = (f' {name}="{text.translate(_XML_ATTRIBUTE)}"' for name, text in attributes.items())
        opening = tag + "".join(written)
        if not children:
            return [f"{indent}<{opening} />"]
        return [f"{indent}<{opening}>", *children, f"{indent}</{tag}>"]

    graph_data = data("graph", dict(flat.graph), "    ")
    body = []
    for node, values in flat.nodes(data=True):
        body += element("node", {"id": str(node)}, data("node", values, "      "), "    ")
    for u, v, values in flat.edges(data=True):
        body += element("edge", {"source": str(u), "target": str(v)}, data("edge", values, "      "), "    ")
    key_lines = [
        f'  <key id="{key}" for="{scope}" attr.name="{name.translate(_XML_ATTRIBUTE)}" attr.type="{kind}" />'
        for (name, kind, scope), key in reversed(keys.items())
    ]
    graph = element("graph", {"edgedefault": "directed"}, [*body, *graph_data], "  ")
    lines = ["<?xml version='1.0' encoding='utf-8'?>", _GRAPHML_ROOT, *key_lines, *graph, "</graphml>"]
    return ("\n".join(lines) + "\n").encode("utf-8")


class _PlainGEXFWriter(GEXFWriter):
    """networkx's GEXF writer for the plain values of :func:`flat_graph`: it does not
    import numpy for its types (0.1 s at start-up); same bytes (a test compares)."""

    def construct_types(self) -> None:
        self.xml_type = {
            int: "long",
            float: "double",
            bool: "boolean",
            str: "string",
            list: "string",
            dict: "string",
        }


def _gexf(G: CareerGraph) -> bytes:
    writer = _PlainGEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:  # networkx writes its own version: the bytes would follow it
            creator.text = f"carrieres {__version__}"
    writer.add_graph(gexf_graph(G))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def gexf_graph(G: CareerGraph) -> CareerGraph:
    """The flat graph (:func:`flat_graph`) with what Gephi draws from a GEXF file: each node's
    ``viz`` colour (its family's), size (by degree centrality) and position (the map's layout),
    and each edge's ``weight``, the move's cost (a table's own ``weight`` column stays instead)."""
    flat = flat_graph(G, xml=True)
    colours = family_colours(G)
    positions = family_layout(G)
    degree = {node: G.in_degree(node) + G.out_degree(node) for node in G}
    most = max(degree.values(), default=0) or 1
    for node, data in flat.nodes(data=True):
        red, green, blue = (int(colours[family_of(G, node)][i : i + 2], 16) for i in (1, 3, 5))
        x, y = positions[node]
        data["viz"] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "size": round(4 + 16 * math.sqrt(degree[node] / most), 3),  # by degree centrality
            "position": {"x": round(400 * x, 3), "y": round(400 * y, 3), "z": 0.0},
        }
    for _u, _v, data in flat.edges(data=True):
        if "cost" in data and "weight" not in data:
            data["weight"] = data["cost"]
    return flat


def _json(G: CareerGraph) -> bytes:
    data = nx.node_link_data(flat_graph(G), edges="edges")  # what nx.node_link_graph reads by default
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _quote(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot(G: CareerGraph) -> bytes:
    colour = {family: f"{shade}60" for family, shade in family_colours(G).items()}  # light: text reads on it
    lines = [
        f"digraph {_quote(G.graph.get('name', 'carrieres'))} {{",
        '  graph [rankdir=LR, fontname="DejaVu Sans", overlap=false];',
        '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=10];',
        '  edge [fontname="DejaVu Sans", fontsize=8];',
    ]
    families: dict[str, list[str]] = {}
    for node in G.nodes:
        families.setdefault(family_of(G, node), []).append(node)
    for number, (family, members) in enumerate(families.items()):  # one box per family
        lines += [
            f"  subgraph {_quote(f'cluster_{number}')} {{",
            f"    label={_quote(family)}; style=rounded; color={_quote(family_colours(G)[family])};",
        ]
        for node in members:
            data = G.nodes[node]
            lines.append(
                f"    {_quote(node)} [label={_quote(data['title'])}, "
                f"fillcolor={_quote(colour[family])}, family={_quote(data['family'])}];"
            )
        lines.append("  }")
    for u, v, data in G.edges(data=True):
        lines.append(
            f"  {_quote(u)} -> {_quote(v)} [{_dot_style(data['kind'])}, kind={_quote(data['kind'])}];"
        )
    kinds = list(dict.fromkeys(kind for *_, data in G.edges(data=True) for kind in data["kinds"]))
    if kinds:  # the legend: one sample arrow per kind of link, with what it means
        referentiel = G.graph.get("referentiel")
        lines += ['  subgraph "cluster_legend" {', f"    label={_quote(_('Legend'))}; style=dashed;"]
        lines.append('    node [shape=plaintext, style="", label=""];')
        for number, kind in enumerate(kinds):
            meaning = link_label(kind, referentiel) if referentiel is not None else kind
            lines.append(
                f"    {_quote(f'legend_{number}_from')} -> {_quote(f'legend_{number}_to')} "
                f"[{_dot_style(kind)}, label={_quote(meaning)}];"
            )
        lines.append("  }")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_tables(G: CareerGraph, *, formulas: bool = False, excel: bool = False) -> tuple[bytes, bytes]:
    flat = flat_graph(G)
    node_keys = list(dict.fromkeys(key for _, data in flat.nodes(data=True) for key in data))
    edge_keys = list(dict.fromkeys(key for *_, data in flat.edges(data=True) for key in data))

    def table(header: list[str], rows: list[list[Any]]) -> bytes:
        return to_csv(rows, header, formulas=formulas, excel=excel).encode("utf-8")

    jobs = table(
        ["id", *node_keys], [[n, *(d.get(k, "") for k in node_keys)] for n, d in flat.nodes(data=True)]
    )
    links = table(
        ["source", "target", *edge_keys],
        [[u, v, *(d.get(k, "") for k in edge_keys)] for u, v, d in flat.edges(data=True)],
    )
    return jobs, links


def _html(G: CareerGraph) -> bytes:
    from carrieres.webmap import webmap_html  # noqa: PLC0415 - the page's code loads only for it

    return webmap_html(G).encode("utf-8")


_WRITERS: dict[str, Callable[[CareerGraph], bytes]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "json": _json,
    "dot": _dot,
    "html": _html,
}

EXPORT_FORMATS = (*_WRITERS, "csv")
"""Every export format."""


def export_text(G: CareerGraph, fmt: str) -> str:
    """The graph in one of the single-file formats, as text."""
    if fmt not in _WRITERS:
        msg = _("unknown export format {name}; choose among {choices}").format(
            name=repr(fmt), choices=", ".join(_WRITERS)
        )
        raise OutputError(msg)
    return _WRITERS[fmt](G).decode("utf-8")


def export_graph(
    G: CareerGraph,
    fmt: str,
    path: str | Path,
    *,
    force: bool = False,
    formulas: bool = False,
    excel: bool = False,
) -> list[Path]:
    """Write the graph in a format; returns the files written.

    For ``csv`` two files are written beside ``path``: ``<stem>-jobs.csv`` and
    ``<stem>-links.csv``, both or neither (:func:`carrieres.files.write_all`);
    cells that a spreadsheet would run as formulas are made inert unless
    ``formulas``, and ``excel`` writes them as a spreadsheet set to French
    opens them (:func:`carrieres._render.to_csv`). The links table has every
    justification of a link in ``links``, one per line (``kind|fiche|line|text``).

    Raises
    ------
    OutputError
        An unknown format, an existing file without ``force``, or a folder
        that cannot be written.
    """
    path = Path(path)
    if fmt == "csv":
        targets = [path.with_name(f"{path.stem}-{table}.csv") for table in ("jobs", "links")]
        check_new(*targets, force=force)
        write_all(
            dict(zip(targets, _csv_tables(G, formulas=formulas, excel=excel), strict=True)), force=force
        )
        return targets
    if fmt not in _WRITERS:
        msg = _("unknown export format {name}; choose among {choices}").format(
            name=repr(fmt), choices=", ".join(EXPORT_FORMATS)
        )
        raise OutputError(msg)
    write_atomic(path, _WRITERS[fmt](G), force=force)
    return [path]
