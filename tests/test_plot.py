from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path as MplPath

from carrieres import OutputError, Profile, Referentiel, build_graph, find_paths, load_referentiel
from carrieres.analysis import clusters
from carrieres.cli import main
from carrieres.graph import moves_view
from carrieres.layout import family_layout
from carrieres.plot import (
    KEY_GID,
    LABELS_ON_LARGE_MAPS,
    plot_centrality,
    plot_clusters,
    plot_ladder,
    plot_map,
    plot_path,
    save_figure,
)

mpl.use("Agg")


@pytest.fixture(scope="module")
def graph(referentiel: Referentiel) -> nx.DiGraph:
    return build_graph(referentiel)


def _svg_text(figure: Figure, tmp_path: Path) -> str:
    path = tmp_path / "picture.svg"
    save_figure(figure, path, force=True)
    return path.read_text(encoding="utf-8")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_layout_is_deterministic_and_groups_families(graph: nx.DiGraph) -> None:
    first, second = family_layout(graph), family_layout(graph)
    assert first == second
    assert set(first) == set(graph)
    clockwise = {n: (math.pi / 2 - math.atan2(y, x)) % (2 * math.pi) for n, (x, y) in first.items()}
    ordered = sorted(graph, key=clockwise.__getitem__)
    production = [n for n in graph if graph.nodes[n]["family"] == "PRODUCTION"]
    indices = [ordered.index(n) for n in production]
    assert max(indices) - min(indices) == len(production) - 1


def test_map_shows_every_job_with_accents(graph: nx.DiGraph, tmp_path: Path) -> None:
    figure, _ = plot_map(graph)
    svg = _svg_text(figure, tmp_path)
    for _, title in graph.nodes(data="title"):
        for word in title.split():
            assert word in svg
    assert "Ingénieur sécurité" in svg.replace("\n", " ") or "sécurité" in svg
    assert "PRODUCTION" in svg


def test_map_draws_into_a_given_axes(graph: nx.DiGraph) -> None:
    figure = Figure()
    ax = figure.add_subplot()
    returned_figure, returned_ax = plot_map(graph, ax=ax, size_by=None)
    assert returned_ax is ax
    assert returned_figure is figure


def test_path_highlights_the_route(graph: nx.DiGraph, tmp_path: Path) -> None:
    route = find_paths(
        graph, "Technicien de maintenance", "Ingénieur sécurité", k=2, profile=Profile(education=2)
    )
    figure, ax = plot_path(graph, route)
    svg = _svg_text(figure, tmp_path)
    assert "Route 1: 2 moves" in svg
    assert "Route 2" in svg
    assert "Bac+4, 3 years" in svg
    assert "gain Bac+4" in svg
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert any("Ingénieur sécurité" in text for text in bold)


def test_ladder_places_jobs_by_level(graph: nx.DiGraph, tmp_path: Path) -> None:
    figure, ax = plot_ladder(graph)
    labels = {t.get_text(): t.get_position() for t in ax.texts}
    assert {"Bac", "Bac+2", "Bac+4", "Bac+5"} <= set(labels)
    y = {text.replace("\n", " "): pos[1] for text, pos in labels.items()}
    assert y["Ingénieur sécurité"] > y["Support technique"] > y["Technicien de maintenance"]
    assert y["Chef de projet"] > y["Technicien de maintenance"]  # Bac+5, from its ROME card
    unplaced = [n for n, level in graph.nodes(data="education_min") if level is None]
    svg = _svg_text(figure, tmp_path)
    assert ("level not stated" in svg) == bool(unplaced)


def test_centrality_chart(graph: nx.DiGraph) -> None:
    _, ax = plot_centrality(graph, by="pagerank", top=5)
    assert len(ax.patches) == 5
    widths = [patch.get_width() for patch in ax.patches]
    assert widths == sorted(widths, reverse=True)


def test_clusters_beside_families(graph: nx.DiGraph) -> None:
    found = clusters(graph)
    figure, axes = plot_clusters(graph, found)
    assert len(axes) == 2
    assert axes[0].get_title() == (  # plain words, the agreement being the adjusted Rand index
        f"{len(found.clusters)} groups of jobs linked together — agreement with the families: "
        f"{round(found.vs_families.ari, 2):g}"
    )
    assert axes[1].get_title() == "Official families"
    assert figure.get_size_inches()[0] > figure.get_size_inches()[1]


def test_png_size_follows_dpi(graph: nx.DiGraph, tmp_path: Path) -> None:
    figure, _ = plot_centrality(graph, top=5)
    figure.set_size_inches(8, 4)
    save_figure(figure, tmp_path / "small.png", dpi=50)
    save_figure(figure, tmp_path / "large.png", dpi=100)
    assert _png_size(tmp_path / "small.png") == (400, 200)
    assert _png_size(tmp_path / "large.png") == (800, 400)


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_pictures_are_byte_identical(graph: nx.DiGraph, tmp_path: Path, suffix: str) -> None:
    for name in ("a", "b"):
        figure, _ = plot_map(graph)
        save_figure(figure, tmp_path / f"{name}.{suffix}")
    assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()
    if suffix == "svg":
        assert not re.search(r"<dc:date>", (tmp_path / "a.svg").read_text(encoding="utf-8"))


def test_save_refuses_unknown_formats_and_existing_files(graph: nx.DiGraph, tmp_path: Path) -> None:
    figure, _ = plot_centrality(graph, top=3)
    with pytest.raises(OutputError, match="unknown picture format"):
        save_figure(figure, tmp_path / "picture.gif")
    save_figure(figure, tmp_path / "picture.png")
    with pytest.raises(OutputError, match="already exists"):
        save_figure(figure, tmp_path / "picture.png")
    with pytest.raises(OutputError, match="cannot write"):
        save_figure(figure, tmp_path / "missing" / "picture.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["picture.png"]


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".jpg", b"\xff\xd8\xff"), (".JPEG", b"\xff\xd8\xff"), (".webp", b"RIFF")]
)
def test_jpeg_and_webp_pictures_are_written_the_same_every_time(
    graph: nx.DiGraph, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    written = []
    for name in ("a", "b"):
        figure, _ = plot_centrality(graph, top=3)
        save_figure(figure, tmp_path / f"{name}{suffix}", dpi=60)
        written.append((tmp_path / f"{name}{suffix}").read_bytes())
    assert written[0].startswith(magic)
    assert written[0] == written[1]


def _visible_label_corners(figure: Any, ax: Any) -> dict[str, list[tuple[float, float]]]:
    """Each visible job label's corners in pixels, as matplotlib draws it (rendered first)."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    corners = {}
    for text in ax.texts:
        if not (text.get_gid() or "").startswith("label-") or not text.get_visible():
            continue
        angle = text.get_rotation()
        text.set_rotation(0)
        box = text.get_window_extent(renderer)
        text.set_rotation(angle)
        cx, cy = ax.transData.transform(text.get_position())
        turn = math.radians(angle)
        corners[text.get_gid()] = [
            (
                cx + (x - cx) * math.cos(turn) - (y - cy) * math.sin(turn),
                cy + (x - cx) * math.sin(turn) + (y - cy) * math.cos(turn),
            )
            for x, y in ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))
        ]
    return corners


def _intersect(first: list[tuple[float, float]], second: list[tuple[float, float]]) -> bool:
    polygon = MplPath([*first, first[0]], closed=True)
    other = MplPath([*second, second[0]], closed=True)
    return bool(polygon.intersects_path(other, filled=True))


@pytest.mark.parametrize("name", ["metiers-informatique", "rome-v3", "rome-v4"])
@pytest.mark.parametrize("inches", [11, 8.3, 5])
def test_no_two_visible_labels_overlap(name: str, inches: float, tmp_path: Path) -> None:
    G = build_graph(load_referentiel(name))
    figure, ax = plot_map(G)
    figure.set_size_inches(inches, inches)
    save_figure(figure, tmp_path / "map.png", dpi=60)  # saving shows the labels that fit at this size
    corners = _visible_label_corners(figure, ax)
    overlapping = [
        (a, b) for a, b in itertools.combinations(corners, 2) if _intersect(corners[a], corners[b])
    ]
    assert overlapping == []
    if name == "metiers-informatique" and inches >= 8.3:
        assert len(corners) == 41  # the 41 jobs all fit at A4 width
    elif inches == 11:
        assert 30 <= len(corners) <= LABELS_ON_LARGE_MAPS


def _other_text_corners(figure: Any) -> dict[str, list[tuple[float, float]]]:
    """The corners of every visible text that is not a job label: titles, route rows, badges."""
    renderer = figure.canvas.get_renderer()
    found = {}
    for number, ax in enumerate(figure.axes):
        texts = [ax.title, *ax.texts] if ax.title.get_text() else list(ax.texts)
        for place, text in enumerate(texts):
            if (text.get_gid() or "").startswith("label-") or not text.get_visible() or not text.get_text():
                continue
            box = text.get_window_extent(renderer)
            key = f"{number}.{place}: {text.get_text()!r}"
            found[key] = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    return found


@pytest.mark.parametrize("size", [(8.27, 11.7), (6.3, 8.0), (18.0, 9.5), (11.69, 8.27)])
def test_path_picture_for_a_page_keeps_every_text_clear(
    graph: nx.DiGraph, size: tuple[float, float], tmp_path: Path
) -> None:
    """At A4 width (and a report's text width) the routes sit below the map at the same type size,
    on A4 in landscape beside it, smaller: no job label covers a title or a step, no step text
    covers another, nothing is cut."""
    route = find_paths(
        graph, "Technicien de maintenance", "Ingénieur sécurité", k=3, profile=Profile(education=2)
    )
    figure, ax = plot_path(graph, route, size=size)
    save_figure(figure, tmp_path / "path.png", dpi=60)
    assert figure.get_figwidth() == size[0]
    assert figure.get_figheight() >= size[1]  # taller only where the three routes need it
    labels = _visible_label_corners(figure, ax)
    others = _other_text_corners(figure)
    covered = [(a, b) for a in labels for b in others if _intersect(labels[a], others[b])]
    assert covered == []
    clashing = [(a, b) for a, b in itertools.combinations(others, 2) if _intersect(others[a], others[b])]
    assert clashing == []
    width, height = (side * figure.dpi for side in figure.get_size_inches())
    outside = [
        key
        for key, box in {**labels, **others}.items()
        if any(not (-1 <= x <= width + 1 and -1 <= y <= height + 1) for x, y in box)
    ]
    assert outside == []
    assert sum(1 for key in others if "Route " in key) == 3
    assert len(labels) >= 20


@pytest.mark.parametrize("size", [None, (8.27, 11.7)])
def test_ladder_keeps_every_text_clear(
    graph: nx.DiGraph, size: tuple[float, float] | None, tmp_path: Path
) -> None:
    """The ladder at its own size and at A4 width: every job's box is shown, none covers another
    text (boxes, level names, column headings, title), nothing is cut."""
    figure, ax = plot_ladder(graph, size=size)
    save_figure(figure, tmp_path / "ladder.png", dpi=60)
    if size is not None:
        assert figure.get_figwidth() == size[0]
    texts = _other_text_corners(figure) | _visible_label_corners(figure, ax)
    assert sum(1 for key in texts if key.startswith("label-")) == graph.number_of_nodes()
    clashing = [(a, b) for a, b in itertools.combinations(texts, 2) if _intersect(texts[a], texts[b])]
    assert clashing == []
    width, height = (side * figure.dpi for side in figure.get_size_inches())
    assert [
        key
        for key, box in texts.items()
        if any(not (-1 <= x <= width + 1 and -1 <= y <= height + 1) for x, y in box)
    ] == []


@pytest.mark.parametrize("size", [None, (8.27, 11.7)])
def test_clusters_picture_keeps_labels_off_titles_and_legends(
    graph: nx.DiGraph, size: tuple[float, float] | None, tmp_path: Path
) -> None:
    figure, axes = plot_clusters(graph, clusters(graph, seed=1), size=size)
    save_figure(figure, tmp_path / "clusters.png", dpi=60)
    renderer = figure.canvas.get_renderer()
    others = _other_text_corners(figure)
    for ax in axes:
        box = ax.get_legend().get_window_extent(renderer)
        others[f"legend {id(ax)}"] = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    labels: dict[str, list[tuple[float, float]]] = {}
    for number, ax in enumerate(axes):
        labels |= {f"{number} {key}": corners for key, corners in _visible_label_corners(figure, ax).items()}
    assert [(a, b) for a in labels for b in others if _intersect(labels[a], others[b])] == []
    width, height = (side * figure.dpi for side in figure.get_size_inches())
    assert [
        k
        for k, box in others.items()
        if any(not (-1 <= x <= width + 1 and -1 <= y <= height + 1) for x, y in box)
    ] == []
    assert len(labels) >= 40  # of the 82 labels of the two maps


def test_map_bundles_the_links_of_a_fiche_that_names_a_group() -> None:
    """A fiche that asks for experience in "production" links the 15 PRODUCTION jobs to it: the map
    draws them as one arrow from a point their spokes meet, not 15 arcs over one another."""
    G = build_graph(load_referentiel())
    grouped: dict[tuple[str, str], list[str]] = {}
    for u, v, data in G.edges(data=True):
        groups = {link.group for link in data["links"]}
        if data["kind"] != "rome" and len(groups) == 1 and "" not in groups:
            grouped.setdefault((groups.pop(), v), []).append(u)
    bundles = {key: sources for key, sources in grouped.items() if len(sources) >= 3}
    assert any(group == "production" and len(sources) >= 10 for (group, _v), sources in bundles.items())
    _figure, ax = plot_map(G)
    arrows = [patch for patch in ax.patches if isinstance(patch, FancyArrowPatch)]
    assert sorted(p.get_gid() for p in arrows if (p.get_gid() or "").startswith("bundle-")) == sorted(
        f"bundle-{target}" for _group, target in bundles
    )
    bundled = sum(len(sources) for sources in bundles.values())
    beneath = ("rome", "skills")  # drawn beneath as one collection each, not arrows
    single = [(u, v) for u, v, data in moves_view(G).edges(data=True) if data["kind"] not in beneath]
    assert len(arrows) == len(single) - bundled + len(bundles)
    legend = ax.get_legend()
    assert legend is not None
    assert "jobs a fiche names as a group: one arrow" in [text.get_text() for text in legend.get_texts()]


@pytest.mark.parametrize("size", [(8.27, 11.7), (11.7, 8.27)])
def test_ladder_fits_the_page_it_is_asked_for_with_a_legend(
    graph: nx.DiGraph, size: tuple[float, float], tmp_path: Path
) -> None:
    """A4 upright or across: the ladder takes exactly the page, its type shrinking as it must,
    and says below what each kind of line is."""
    figure, ax = plot_ladder(graph, size=size)
    save_figure(figure, tmp_path / "ladder.pdf")
    assert tuple(figure.get_size_inches()) == pytest.approx(size)
    (legend,) = figure.legends
    said = [text.get_text() for text in legend.get_texts()]
    assert "prior experience required" in said
    assert "ROME 4.0 move (no fiche states it)" in said
    boxes = [text for text in ax.texts if (text.get_gid() or "").startswith("label-")]
    assert len(boxes) == graph.number_of_nodes()
    assert all(5.0 <= text.get_fontsize() <= 7.0 for text in boxes)


def test_a_charts_title_keeps_a_margin_from_the_edge(graph: nx.DiGraph, tmp_path: Path) -> None:
    figure, ax = plot_centrality(graph)
    save_figure(figure, tmp_path / "central.png", dpi=100)
    renderer = figure.canvas.get_renderer()
    top = ax.title.get_window_extent(renderer).y1
    assert figure.bbox.height - top >= 0.1 * figure.dpi  # at least a tenth of an inch above it
    largest = max(t.get_window_extent(renderer).x1 for t in ax.texts)
    assert largest <= figure.bbox.width  # the largest value's number is not cut


def test_hostile_titles_stay_text_in_an_svg(referentiel: Referentiel, tmp_path: Path) -> None:
    """A title holding markup or a script is written as text: the SVG is well-formed XML with no
    element the title could have made."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    hostile = 'Admin <script>alert("x")</script> & <b>co</b>'
    jobs = [referentiel.jobs[0].replace(**{"title": hostile}), *referentiel.jobs[1:]]
    G = build_graph(referentiel.replace(**{"jobs": jobs}))
    figure, _ax = plot_map(G)
    path = tmp_path / "map.svg"
    save_figure(figure, path)
    tree = ET.parse(path)
    tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert not tags & {"script", "b", "foreignObject"}
    assert "&lt;script&gt;" in path.read_text(encoding="utf-8")


def _named(figure: Figure, axes: list[Any], G: nx.DiGraph) -> dict[str, str]:
    """What each map of a saved figure shows for each of its jobs: its label, or its number and the
    title the figure's key gives that number (``"?"`` where the key lacks it)."""
    keys = [legend for legend in figure.findobj(Legend) if legend.get_gid() == KEY_GID]
    assert len(keys) <= 1
    key = dict(text.get_text().split("  ", 1) for text in keys[0].get_texts()) if keys else {}
    shown = {}
    for number, ax in enumerate(axes):
        for text in ax.texts:
            gid = text.get_gid() or ""
            if not gid.startswith("label-") or not text.get_visible():
                continue
            node = gid.removeprefix("label-")
            words = text.get_text()
            shown[f"{number} {node}"] = _squeezed(key.get(words, "?") if words.isdigit() else words)
    return shown


def _squeezed(title: str) -> str:
    """A title without its spaces and line breaks (a label is wrapped at spaces and hyphens)."""
    return "".join(title.split())


@pytest.mark.parametrize("size", [(8.27, 11.69), (11.69, 8.27), (6.3, 8.0)])
def test_a_picture_on_a_page_names_every_job(
    graph: nx.DiGraph, size: tuple[float, float], tmp_path: Path
) -> None:
    """Where a job's label cannot fit, a number stands in for it, the same on both maps, and the key
    gives its title; the key covers no title, legend or label and stays on the page. Where no place
    is clear for a key, the labels that cannot fit are left out, with no number."""
    figure, axes = plot_clusters(graph, clusters(graph, seed=1), size=size)
    save_figure(figure, tmp_path / "clusters.png", dpi=60)
    shown = _named(figure, list(axes), graph)
    titles = {node: _squeezed(graph.nodes[node]["title"]) for node in graph}
    keys = [legend for legend in figure.findobj(Legend) if legend.get_gid() == KEY_GID]
    if size == (6.3, 8.0):  # a report's column: no clear place for a key, so no numbers either
        assert keys == []
        assert 20 <= len(shown) < 82
        assert set(shown.values()) <= set(titles.values())
        return
    assert shown == {f"{n} {node}": title for n in (0, 1) for node, title in titles.items()}
    key = keys[0]
    renderer = figure.canvas.get_renderer()
    box = key.get_window_extent(renderer)
    corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    others = _other_text_corners(figure)
    for number, ax in enumerate(axes):
        others |= {f"{number} {k}": c for k, c in _visible_label_corners(figure, ax).items()}
        legend = ax.get_legend().get_window_extent(renderer)
        others[f"legend {number}"] = [(legend.x0, legend.y0), (legend.x1, legend.y1), (legend.x0, legend.y1)]
    assert [name for name, other in others.items() if _intersect(corners, other)] == []
    assert figure.bbox.contains(box.x0, box.y0)
    assert figure.bbox.contains(box.x1, box.y1)


def test_a_map_of_few_jobs_needs_no_key(graph: nx.DiGraph, tmp_path: Path) -> None:
    figure, ax = plot_map(graph)
    save_figure(figure, tmp_path / "map.png", dpi=60)
    assert [legend for legend in figure.findobj(Legend) if legend.get_gid() == KEY_GID] == []
    assert set(_named(figure, [ax], graph).values()) == {
        _squeezed(graph.nodes[node]["title"]) for node in graph
    }


def test_a_route_on_the_national_map_names_each_of_its_jobs(tmp_path: Path) -> None:
    """On a map of 1,584 jobs only a route's jobs are labelled: neighbours on the circle that cannot
    all be written get a number and a line in the key, none is dropped."""
    G = build_graph(load_referentiel("rome-v4"))
    route = find_paths(G, "M1805", "M1853", k=3)
    figure, ax = plot_path(G, route)
    save_figure(figure, tmp_path / "path.png", dpi=60)
    on_route = {step.id for path in route.paths for step in path.steps}
    shown = _named(figure, [ax], G)
    assert {key.split(" ", 1)[1] for key in shown} == on_route
    assert all(shown[f"0 {node}"] == _squeezed(G.nodes[node]["title"]) for node in on_route)


@pytest.mark.parametrize(("size", "pixels"), [("a4", (827, 1169)), ("A4-landscape", (1169, 827))])
def test_pictures_come_at_a_paper_size(size: str, pixels: tuple[int, int], tmp_path: Path) -> None:
    for command in (["map"], ["path", "--from", "Technicien de maintenance", "--to", "Ingénieur sécurité"]):
        out = tmp_path / f"{command[0]}.png"
        result = CliRunner().invoke(main, ["plot", *command, "-o", str(out), "--size", size, "--dpi", "100"])
        assert result.exit_code == 0, result.output
        assert _png_size(out) == pixels


def test_an_unknown_paper_size_is_refused_with_the_sizes_known(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["plot", "map", "-o", str(tmp_path / "m.png"), "--size", "b7"])
    assert result.exit_code == 2
    assert "'b7' is not WIDTHxHEIGHT" in result.output
    assert "a4" in result.output
    assert not (tmp_path / "m.png").exists()
