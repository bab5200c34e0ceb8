from __future__ import annotations

import csv
import io
import json
import math
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from networkx.readwrite.gexf import GEXFWriter

import carrieres
from carrieres import OutputError, Referentiel, build_graph, load_referentiel
from carrieres._i18n import set_language
from carrieres.cli import main
from carrieres.export import EXPORT_FORMATS, export_graph, export_text, gexf_graph, graphml_graph


@pytest.fixture(scope="module")
def graph(referentiel: Referentiel) -> nx.DiGraph:
    return build_graph(referentiel, edges="proximity,prerequisite,similarity")


def _written(graph: nx.DiGraph, fmt: str, folder: Path) -> Path:
    (path,) = export_graph(graph, fmt, folder / f"graph.{fmt}")
    return path


def test_graphml_reads_back_with_all_attributes(graph: nx.DiGraph, tmp_path: Path) -> None:
    back = nx.read_graphml(_written(graph, "graphml", tmp_path))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    node = back.nodes["ingenieur-securite"]
    # beginner_ok is unstated for some jobs: text in GraphML, so that no reader takes "not stated" for no
    assert (node["title"], node["education_min"], node["beginner_ok"]) == ("Ingénieur sécurité", 4, "false")
    assert "beginner_ok" not in back.nodes["developpeur"]
    assert back.nodes["developpeur"]["has_fiche"] is False  # stated for every job: a boolean
    assert node["prior_roles"] == "ingenieur-administrateur-systeme-et-reseaux"
    assert "experience_min_years" not in node  # not stated by the fiche: left out
    edge = back.edges["ingenieur-administrateur-systeme-et-reseaux", "ingenieur-securite"]
    assert (edge["kind"], edge["kinds"], edge["line"]) == ("prerequisite", "prerequisite;proximity", 1691)
    assert edge["links"].splitlines()[0].startswith("prerequisite|ingenieur-securite|1691|")
    similar = [d for *_, d in back.edges(data=True) if "similarity" in d["kinds"]]
    assert similar
    assert all(d["shared_terms"] for d in similar)


def test_gexf_reads_back(graph: nx.DiGraph, tmp_path: Path) -> None:
    path = _written(graph, "gexf", tmp_path)
    back = nx.read_gexf(path)
    assert back.number_of_edges() == graph.number_of_edges()
    support = back.nodes["support-technique"]
    assert support["label"] == "Support technique"  # what Gephi shows: the title
    assert support["family"] == "PRODUCTION"
    assert set(support["viz"]) == {"color", "size", "position"}
    colours = {
        tuple(back.nodes[n]["viz"]["color"][c] for c in "rgb")
        for n in back
        if back.nodes[n]["family"] == "PRODUCTION"
    }
    assert len(colours) == 1  # one colour per family
    sizes = {n: back.nodes[n]["viz"]["size"] for n in back}
    assert max(sizes, key=sizes.__getitem__) == max(
        graph, key=lambda n: graph.in_degree(n) + graph.out_degree(n)
    )
    edge = back.edges["technicien-de-maintenance", "ingenieur-administrateur-systeme-et-reseaux"]
    assert edge["weight"] == edge["cost"] == 3.0  # the move's cost, as carrieres path counts it
    text = path.read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert f"<creator>carrieres {carrieres.__version__}</creator>" in text
    assert "NetworkX" not in text  # the bytes do not follow the networkx version


def test_node_link_json_reads_back(graph: nx.DiGraph, tmp_path: Path) -> None:
    data = json.loads(_written(graph, "json", tmp_path).read_text(encoding="utf-8"))
    back = nx.node_link_graph(data)  # networkx's defaults read it
    assert back.is_directed()
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert back.graph["name"] == "metiers-informatique"


def test_csv_tables(graph: nx.DiGraph, tmp_path: Path) -> None:
    jobs, links = export_graph(graph, "csv", tmp_path / "carrieres.csv")
    assert (jobs.name, links.name) == ("carrieres-jobs.csv", "carrieres-links.csv")
    with jobs.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 41
    security = next(r for r in rows if r["id"] == "ingenieur-securite")
    assert (security["education_min"], security["experience_min_years"]) == ("4", "")
    with links.open(encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == graph.number_of_edges()
    with pytest.raises(OutputError, match="already exists"):
        export_graph(graph, "csv", tmp_path / "carrieres.csv")


def test_dot_renders_with_graphviz(graph: nx.DiGraph, tmp_path: Path) -> None:
    path = _written(graph, "dot", tmp_path)
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz's dot is not installed ('make setup' installs it where it can)")
    svg = tmp_path / "graph.svg"
    subprocess.run([dot, "-Tsvg", str(path), "-o", str(svg)], check=True, capture_output=True)
    text = svg.read_text(encoding="utf-8")
    assert "Ingénieur sécurité" in text
    kinds = {kind for *_, kinds in graph.edges(data="kinds") for kind in kinds}
    assert text.count('class="node"') == 41 + 2 * len(kinds)  # the jobs, and the legend's arrows' ends
    families = {graph.nodes[n]["family"] for n in graph}
    assert text.count('class="cluster"') == len(families) + 1  # a box per family, and the legend
    assert "prior experience required" in text


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_are_byte_identical(graph: nx.DiGraph, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = export_graph(graph, fmt, tmp_path / "a" / f"graph.{fmt}")
    second = export_graph(graph, fmt, tmp_path / "b" / f"graph.{fmt}")
    assert first
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()


def test_unknown_format_and_existing_file(graph: nx.DiGraph, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="unknown export format"):
        export_graph(graph, "xlsx", tmp_path / "graph.xlsx")
    with pytest.raises(OutputError, match="unknown export format"):
        export_text(graph, "csv")
    _written(graph, "dot", tmp_path)
    with pytest.raises(OutputError, match="use `force`"):
        _written(graph, "dot", tmp_path)
    export_graph(graph, "dot", tmp_path / "graph.dot", force=True)


def _networkx_graphml(graph: nx.DiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_xml(graphml_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _networkx_gexf(graph: nx.DiGraph) -> bytes:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    assert meta is not None
    meta.attrib.pop("lastmodifieddate")
    creator = meta.find("creator")
    assert creator is not None
    creator.text = f"carrieres {carrieres.__version__}"
    writer.add_graph(gexf_graph(graph))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_graphml_and_gexf_have_the_bytes_of_networkx_writers(referentiel: Referentiel) -> None:
    hostile = referentiel.jobs[0].replace(title='Admin <b>"réseau"</b> & co\tn°1\r\nsuite')
    tricky = referentiel.replace(name="a&b <c>", jobs=[hostile, *referentiel.jobs[1:]])
    graphs = [
        build_graph(referentiel),
        build_graph(referentiel, edges=["prerequisite", "proximity", "reverse_proximity", "similarity"]),
        build_graph(tricky),
        build_graph(load_referentiel("rome-v3")),
        build_graph(Referentiel(name="empty", jobs=[])),
    ]
    for graph in graphs:
        assert export_text(graph, "graphml") == _networkx_graphml(graph).decode("utf-8")
        assert export_text(graph, "gexf") == _networkx_gexf(graph).decode("utf-8")


def test_csv_keeps_every_justification_and_opens_in_a_french_spreadsheet(
    graph: nx.DiGraph, tmp_path: Path
) -> None:
    plain = export_graph(graph, "csv", tmp_path / "plain.csv")
    with plain[1].open(encoding="utf-8", newline="") as stream:
        links = {(row["source"], row["target"]): row for row in csv.DictReader(stream)}
    both = links["ingenieur-administrateur-systeme-et-reseaux", "ingenieur-securite"]
    reasons = both["links"].splitlines()
    assert [reason.split("|")[0] for reason in reasons] == ["prerequisite", "proximity"]
    assert float(both["cost"]) > 0
    excel = export_graph(graph, "csv", tmp_path / "excel.csv", excel=True)
    raw = excel[1].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with excel[1].open(encoding="utf-8-sig", newline="") as stream:
        rows = {(r["source"], r["target"]): r for r in csv.DictReader(stream, delimiter=";")}
    assert rows.keys() == links.keys()
    assert rows["ingenieur-administrateur-systeme-et-reseaux", "ingenieur-securite"]["links"] == both["links"]
    assert all("," in row["cost"] and "." not in row["cost"] for row in rows.values() if row["cost"])
    result = CliRunner().invoke(main, ["export", "graphml", "-o", str(tmp_path / "g.graphml"), "--excel"])
    assert result.exit_code == 2
    assert "--excel is for the csv format" in result.stderr


def test_graphml_labels_jobs_with_their_titles_and_moves_with_their_cost(
    graph: nx.DiGraph, tmp_path: Path
) -> None:
    back = nx.read_graphml(_written(graph, "graphml", tmp_path))
    assert all(back.nodes[n]["label"] == graph.nodes[n]["title"] for n in graph)
    forbidden = [
        (u, v)
        for u, v in graph.edges
        if graph.nodes[v]["prior_roles"] and u not in graph.nodes[v]["prior_roles"]
    ]
    assert forbidden
    assert all("cost" not in back.edges[u, v] for u, v in forbidden)  # the rule forbids them: no cost
    assert (
        back.edges["technicien-de-maintenance", "ingenieur-administrateur-systeme-et-reseaux"]["cost"] == 3.0
    )


def test_graphml_opens_in_igraph_with_every_attribute_and_nothing_made_up(
    graph: nx.DiGraph, tmp_path: Path
) -> None:
    ig = pytest.importorskip("igraph", reason="igraph is not installed (pip install 'carrieres[fast]')")
    back = ig.Graph.Read_GraphML(str(_written(graph, "graphml", tmp_path)))
    flat = graphml_graph(graph)
    assert (back.vcount(), back.ecount()) == (flat.number_of_nodes(), flat.number_of_edges())
    node_names = {name for _n, data in flat.nodes(data=True) for name in data}
    edge_names = {name for *_e, data in flat.edges(data=True) for name in data}
    assert set(back.vs.attributes()) == node_names | {"id"}
    assert set(back.es.attributes()) == edge_names
    for vertex in back.vs:
        stated = flat.nodes[vertex["id"]]
        for name in node_names:
            if name in stated:
                assert vertex[name] == stated[name], (vertex["id"], name)
            elif isinstance(vertex[name], float):
                assert math.isnan(vertex[name]), (vertex["id"], name)  # a missing number stays missing
            else:
                assert vertex[name] == "", (vertex["id"], name)  # a missing text or flag stays empty
    beginners = {vertex["id"]: vertex["beginner_ok"] for vertex in back.vs}
    assert beginners["ingenieur-securite"] == "false"
    assert beginners["developpeur"] == ""  # not stated: neither yes nor no
    ids = back.vs["id"]
    for edge in back.es:
        stated = flat.edges[ids[edge.source], ids[edge.target]]
        assert edge["kinds"] == stated["kinds"]
        assert math.isnan(edge["cost"]) if "cost" not in stated else edge["cost"] == stated["cost"]


GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


def test_gexf_keeps_the_rules_of_the_gexf_1_2_format(graph: nx.DiGraph, tmp_path: Path) -> None:
    """What the GEXF 1.2 schema asks, checked on the file (its XSD is not at hand offline): declared,
    typed attributes; values of their type; nodes and edges that exist; viz values in range; and a
    value the référentiel does not state is left out, not written as false or 0."""
    root = ET.parse(_written(graph, "gexf", tmp_path)).getroot()
    assert (root.tag, root.get("version")) == (f"{GEXF}gexf", "1.2")
    (body,) = root.findall(f"{GEXF}graph")
    assert (body.get("defaultedgetype"), body.get("mode")) == ("directed", "static")
    declared: dict[str, dict[str, str]] = {}
    for block in body.findall(f"{GEXF}attributes"):
        types = {a.get("id"): a.get("type") for a in block.findall(f"{GEXF}attribute")}
        assert set(types.values()) <= {
            "integer",
            "long",
            "double",
            "float",
            "boolean",
            "liststring",
            "string",
        }
        declared[block.get("class", "")] = {str(k): str(v) for k, v in types.items()}
    assert not set(declared["node"]) & set(declared["edge"])  # ids are unique across classes

    def values(element: ET.Element, kind: str) -> dict[str, str]:
        found = {}
        for value in element.iter(f"{GEXF}attvalue"):
            key, text = str(value.get("for")), str(value.get("value"))
            kind_of = declared[kind][key]
            if kind_of == "boolean":
                assert text in {"true", "false"}
            elif kind_of in {"long", "integer"}:
                int(text)
            elif kind_of in {"double", "float"}:
                assert math.isfinite(float(text))
            found[key] = text
        return found

    nodes = body.findall(f"{GEXF}nodes/{GEXF}node")
    ids = [str(n.get("id")) for n in nodes]
    assert len(set(ids)) == len(ids) == graph.number_of_nodes()
    beginner = next(key for key, title in _titles(body, "node").items() if title == "beginner_ok")
    for node in nodes:
        stated = values(node, "node")
        assert (beginner in stated) == (graph.nodes[node.get("id")]["beginner_ok"] is not None)
        colour = node.find(f"{VIZ}color")
        assert colour is not None
        assert all(0 <= int(str(colour.get(c))) <= 255 for c in "rgb")
        size = node.find(f"{VIZ}size")
        assert size is not None
        assert float(str(size.get("value"))) > 0
        position = node.find(f"{VIZ}position")
        assert position is not None
        assert all(math.isfinite(float(str(position.get(axis)))) for axis in "xyz")
    edges = body.findall(f"{GEXF}edges/{GEXF}edge")
    assert len({e.get("id") for e in edges}) == len(edges) == graph.number_of_edges()
    for edge in edges:
        assert {edge.get("source"), edge.get("target")} <= set(ids)
        values(edge, "edge")
        if edge.get("weight") is not None:
            assert float(str(edge.get("weight"))) >= 0


def _titles(body: ET.Element, kind: str) -> dict[str, str]:
    (block,) = (b for b in body.findall(f"{GEXF}attributes") if b.get("class") == kind)
    return {str(a.get("id")): str(a.get("title")) for a in block.findall(f"{GEXF}attribute")}


def test_exports_keep_the_rome_moves_and_the_cards_as_data(referentiel: Referentiel, tmp_path: Path) -> None:
    """A move lifted from the ROME carries its cards, rank and version as typed attributes, not only
    in a sentence; a job its ROME 4.0 card; nothing is written that is empty on every row."""
    G = build_graph(referentiel)
    back = nx.read_graphml(_written(G, "graphml", tmp_path))
    crosswalk = referentiel.crosswalk("rome-v4")
    assert crosswalk is not None
    lifted = {(m.source, m.target): m for m in crosswalk.moves}
    checked = 0
    for u, v, data in back.edges(data=True):
        if G.edges[u, v]["kind"] != "rome":
            assert ("fiche" in data) == bool(G.edges[u, v]["fiche"])
            continue
        move = lifted[u, v]
        assert (data["from_card"], data["to_card"], data["through"]) == (
            move.source_card.code,
            move.target_card.code,
            move.through,
        )
        assert data["version"] == "ROME 4.0"
        assert data.get("rank") == move.rank
        assert isinstance(data.get("rank", 0), int)
        assert "fiche" not in data
        assert "line" not in data
        checked += 1
    assert checked > 300
    cards = {row.id: row.code for row in crosswalk.rows}
    assert all(back.nodes[n].get("card") == cards[n] for n in back if cards.get(n))
    flat = graphml_graph(G)
    for rows in (list(flat.nodes.values()), list(flat.edges.values())):
        names = {name for row in rows for name in row}
        assert all(any(row.get(name) not in (None, "") for row in rows) for name in names)


def test_rome_cards_export_their_code_and_parent(tmp_path: Path) -> None:
    G = build_graph(load_referentiel("rome-v4"), edges="mobilite")
    back = nx.read_graphml(_written(G, "graphml", tmp_path))
    assert back.nodes["m1805"]["code"] == "M1805"
    parents = {n: back.nodes[n]["parent"] for n in back if "parent" in back.nodes[n]}
    assert parents
    assert all(back.nodes[parent.lower()]["code"] == parent for parent in parents.values())


@pytest.fixture
def _english_afterwards() -> Iterator[None]:
    """A command run with --lang fr leaves the library speaking French: back to English after."""
    yield
    set_language("en")


@pytest.mark.usefixtures("_english_afterwards")
@pytest.mark.parametrize("fmt", ["graphml", "json", "csv"])
def test_an_export_holds_the_same_data_in_every_language(tmp_path: Path, fmt: str) -> None:
    """Words for people (``text``) follow --lang; every other attribute is the same data."""
    written = {}
    for language in ("en", "fr"):
        out = tmp_path / language / f"graph.{fmt}"
        out.parent.mkdir()
        result = CliRunner().invoke(main, ["--lang", language, "export", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        written[language] = out
    if fmt == "graphml":
        en, fr = (nx.read_graphml(written[language]) for language in ("en", "fr"))
        assert dict(en.nodes(data=True)) == dict(fr.nodes(data=True))
        strip = [({**d, "text": ""}, {**fr.edges[u, v], "text": ""}) for u, v, d in en.edges(data=True)]
        assert all(a == b for a, b in strip)
        assert any(d["text"] != fr.edges[u, v]["text"] for u, v, d in en.edges(data=True))
    elif fmt == "json":
        en, fr = (json.loads(written[language].read_text(encoding="utf-8")) for language in ("en", "fr"))
        assert en["nodes"] == fr["nodes"]
        assert [{**e, "text": ""} for e in en["edges"]] == [{**e, "text": ""} for e in fr["edges"]]
    else:
        for table in ("jobs", "links"):
            en, fr = (
                list(csv.DictReader(io.StringIO(path.with_name(f"graph-{table}.csv").read_text("utf-8"))))
                for path in (written["en"], written["fr"])
            )
            assert [{**row, "text": ""} for row in en] == [{**row, "text": ""} for row in fr]
