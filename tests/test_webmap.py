"""The interactive map, in a real headless Chromium."""

from __future__ import annotations

import base64
import functools
import gzip
import itertools
import json
import math
import random
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import carrieres
from carrieres import NoPathError, Profile, Referentiel, find_paths, load_referentiel
from carrieres._gender import feminine
from carrieres._render import itinerary_heading, learning_lines, profile_line
from carrieres._text import fold
from carrieres.export import export_graph
from carrieres.graph import build_graph, link_kinds
from carrieres.webmap import webmap, webmap_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _data(page: str) -> dict[str, Any]:
    block = re.search(r'<script id="data" type="([^"]+)">(.*?)</script>', page, re.S)
    assert block is not None
    text = (
        block[2] if block[1] == "application/json" else gzip.decompress(base64.b64decode(block[2])).decode()
    )
    data: dict[str, Any] = json.loads(text)
    return data


def test_a_national_map_is_a_page_of_three_megabytes(rome_pages: Callable[[str], str]) -> None:
    """ROME's 1,584 jobs and 20,000 moves: the page holds its data and library compressed, the
    same bytes each time, the library's licence still written out; the 41 jobs stay plain."""
    page = rome_pages("rome-v4")
    assert len(page.encode("utf-8")) <= 3_000_000
    assert page == webmap_html(load_referentiel("rome-v4"))
    assert '<script id="data" type="application/gzip+base64">' in page
    assert '<script id="library" type="application/gzip+base64">' in page
    assert "Permission is hereby granted, free of charge" in page
    data = _data(page)
    assert len(data["jobs"]) == 1584
    assert len(data["routing"]["learn"]) == len(data["routing"]["why"]) > 15_000
    assert '<script id="data" type="application/json">' in webmap_html(load_referentiel())


def test_page_is_self_contained_and_deterministic(referentiel: Referentiel) -> None:
    page = webmap_html(referentiel)
    assert page == webmap_html(referentiel)
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<script src" not in page
    data = _data(page)
    assert len(data["jobs"]) == 41
    kinds = [kind["kind"] for kind in data["kinds"]]
    drawn = {kinds[i] for _s, _t, indices in data["moves"] for i in indices}
    assert drawn >= {"proximity", "prerequisite", "reverse_proximity", "similarity"}
    # The drawing library is in the page with its licence, and the page credits it.
    licence = (Path(carrieres.__file__).parent / "templates" / "vendor" / "cytoscape.LICENSE").read_text()
    assert licence.splitlines()[0] in page
    assert "Permission is hereby granted, free of charge" in page
    assert data["renderer"].startswith("Drawn with Cytoscape.js 3.35.0 (MIT licence")


def test_the_page_routes_on_the_graph_it_is_given(referentiel: Referentiel) -> None:
    default = _data(webmap_html(referentiel))["routing"]
    proximity = _data(webmap_html(build_graph(referentiel, edges="proximity")))["routing"]
    assert default["links"] == "prior roles, related jobs, ROME moves, shared skills"
    assert proximity["links"] == "related jobs"
    assert sum(map(len, proximity["succ"])) < sum(map(len, default["succ"]))


def test_data_from_the_referentiel_cannot_inject_markup(referentiel: Referentiel) -> None:
    job = referentiel.jobs[0]
    hostile = job.replace(**{"title": 'Admin <script>alert("x")</script> & co'})
    patched = referentiel.replace(**{"jobs": [hostile, *referentiel.jobs[1:]]})
    page = webmap_html(patched)
    assert "<script>alert" not in page
    assert _data(page)["jobs"][0]["title"] == 'Admin <script>alert("x")</script> & co'


@pytest.fixture(scope="module")
def rome_pages() -> Callable[[str], str]:
    """The page of a ROME référentiel, built once for the module (about 4 s for ROME 4.0)."""
    return functools.cache(lambda name: webmap_html(load_referentiel(name)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed ('make setup' installs Debian's chromium where it can)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


def _open(
    browser: Any, page_text: str, tmp_path: Path, name: str = "map.html", *, framed: bool = False
) -> tuple[Any, list[str]]:
    """The page in the browser, and the errors and outside requests it makes (both must stay empty)."""
    path = tmp_path / name
    path.write_text(page_text, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: None if request.url.startswith(("file:", "data:")) else problems.append(request.url),
    )
    page.goto(path.as_uri())
    if not framed:  # a large map unpacks its data first
        page.wait_for_function("window.carrieres !== undefined")
    return page, problems


_LABEL_BOXES = """() => carrieres.cy.nodes('.labelled').map(node => {
  const box = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
  const zoom = carrieres.cy.zoom(), measured = node._private.rstyle;  // the text's size as Cytoscape drew it
  return [node.data('label'), box.x1, box.y1, box.x2, box.y2, node.style('text-rotation'),
          measured.labelWidth * zoom, measured.labelHeight * zoom];
})"""
OUTLINE = 2
"""The white outline around the text of a label, in pixels."""


def _corners(box: tuple[float, float, float, float, float]) -> list[tuple[float, float]]:
    x, y, half_width, half_height, angle = box
    ux, uy, vx, vy = math.cos(angle), math.sin(angle), -math.sin(angle), math.cos(angle)
    return [
        (x + a * half_width * ux + b * half_height * vx, y + a * half_width * uy + b * half_height * vy)
        for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]


def _apart(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Two convex shapes are apart when an edge of either separates them (separating axes)."""
    for shape in (a, b):
        for (x1, y1), (x2, y2) in zip(shape, shape[1:] + shape[:1], strict=True):
            nx_, ny_ = y1 - y2, x2 - x1
            if max(nx_ * x + ny_ * y for x, y in a) <= min(nx_ * x + ny_ * y for x, y in b) or max(
                nx_ * x + ny_ * y for x, y in b
            ) <= min(nx_ * x + ny_ * y for x, y in a):
                return True
    return False


def _labels_fit(page: Any) -> list[str]:
    """The visible labels, as Cytoscape places and measures them: none overlaps another (each a
    rectangle turned along its radius), none is cut by the edge of the map."""
    page.evaluate("carrieres.fitLabels()")
    width, height = page.evaluate("[carrieres.cy.width(), carrieres.cy.height()]")
    boxes = []
    for label, x1, y1, x2, y2, rotation, text_width, text_height in page.evaluate(_LABEL_BOXES):
        assert x1 >= 0, label
        assert y1 >= 0, label
        assert x2 <= width, label
        assert y2 <= height, label
        angle = (
            float(rotation.removesuffix("rad"))
            if rotation.endswith("rad")
            else math.radians(float(rotation.removesuffix("deg")))
        )
        centre = ((x1 + x2) / 2, (y1 + y2) / 2)  # the label turns about its centre
        half = (text_width / 2 + OUTLINE, text_height / 2 + OUTLINE)
        boxes.append((label, _corners((*centre, *half, angle))))
    clashes = [
        (a, b) for i, (a, one) in enumerate(boxes) for b, other in boxes[i + 1 :] if not _apart(one, other)
    ]
    assert clashes == []
    return [label for label, _corners_ in boxes]


def test_map_in_a_browser(browser: Any, referentiel: Referentiel, tmp_path: Path) -> None:
    (path,) = export_graph(build_graph(referentiel), "html", tmp_path / "map.html")
    page, problems = _open(browser, path.read_text(encoding="utf-8"), tmp_path)
    assert page.evaluate("carrieres.cy.nodes().length") == 41

    # Zoom: the buttons and the keys zoom in and out around the centre; more labels fit.
    labels = len(_labels_fit(page))  # 33 of 41 in a 1400×900 window
    zoom = page.evaluate("carrieres.cy.zoom()")
    page.click("#zoom-in")
    page.click("#zoom-in")
    assert page.evaluate("carrieres.cy.zoom()") == pytest.approx(zoom * 2.25)
    page.evaluate("void carrieres.cy.center(carrieres.cy.getElementById('j0'))")  # as a drag would
    zoomed = _labels_fit(page)
    page.focus("#map")
    page.keyboard.press("-")
    page.keyboard.press("0")
    assert page.evaluate("carrieres.cy.zoom()") == pytest.approx(zoom)
    assert labels >= 20
    assert len(zoomed) >= 6  # fewer jobs in view, most of them labelled

    # Search as the command line reads names, then a click: the job, its neighbours and the
    # links between them stand out; the others fade; the fiche is at the top of the panel.
    page.fill("#search", "RSSI")
    assert page.inner_text("#results li:first-child") == "Ingénieur sécurité"
    page.click("#results button")
    fiche = page.inner_text("#fiche")
    assert fiche.startswith("Ingénieur sécurité")
    assert "Bac+4 to Bac+5" in fiche
    assert page.evaluate("document.getElementById('fiche').getBoundingClientRect().top") < 200
    shown = build_graph(referentiel, edges=link_kinds(referentiel))
    near = set(shown.successors("ingenieur-securite")) | set(shown.predecessors("ingenieur-securite"))
    jobs = [job.id for job in referentiel.jobs]
    highlighted = page.evaluate("carrieres.cy.nodes('.near').map(n => n.id())")
    assert {jobs[int(i[1:])] for i in highlighted} - {"ingenieur-securite"} <= near
    visible = build_graph(referentiel)  # the kinds shown when the page opens
    default_near = set(visible.successors("ingenieur-securite")) | set(
        visible.predecessors("ingenieur-securite")
    )
    assert {jobs[int(i[1:])] for i in highlighted} - {"ingenieur-securite"} == default_near
    assert page.evaluate("carrieres.cy.nodes('.selected').map(n => n.data('label'))") == [
        "Ingénieur sécurité"
    ]
    assert page.evaluate("carrieres.cy.edges('.near').length") == page.evaluate(
        "carrieres.cy.nodes('.selected').connectedEdges().not('.filtered').length"
    )
    assert page.evaluate("carrieres.cy.nodes('.faded').length") == 41 - 1 - len(default_near)
    assert "Ingénieur sécurité" in _labels_fit(page)

    # Families and kinds of links filter what is drawn.
    page.click('input[data-family="CONSEIL"]')
    conseil = sum(1 for job in referentiel.jobs if job.family == "CONSEIL")
    assert page.evaluate("carrieres.cy.nodes('.filtered').length") == conseil
    only_similar = """carrieres.cy.edges().filter(edge => !edge.hasClass('filtered')
        && edge.data('kinds').every(kind => kind === 'similarity')).length"""
    assert page.evaluate(only_similar) == 0
    page.click('input[data-kind="similarity"]')
    assert page.evaluate(only_similar) > 0
    page.screenshot(path=str(tmp_path / "map.png"))
    assert problems == []
    page.close()


def test_keyboard_moves_from_job_to_job_without_hiding_labels(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    page, problems = _open(browser, webmap_html(referentiel), tmp_path)
    page.keyboard.press("Tab")  # the map is the first thing the keyboard reaches after the zoom buttons
    while page.evaluate("document.activeElement.id") != "map":
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("carrieres.cy.nodes('.focused').map(n => n.data('label'))")
    assert len(focused) == 1
    assert focused[0] in _labels_fit(page)  # its label is shown, and clear
    # The map's focus ring is drawn inside its border (no box around a job over the labels).
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none"
    assert "inset" in page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    page.keyboard.press("Enter")
    assert page.inner_text("#fiche").startswith(focused[0])
    assert page.evaluate("carrieres.cy.nodes('.selected').map(n => n.data('label'))") == focused
    assert problems == []
    page.close()


def test_the_page_gives_the_routes_of_the_command_line(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    G = build_graph(referentiel)
    page, problems = _open(browser, webmap_html(G), tmp_path)
    page.select_option("#from", "technicien-de-maintenance")
    page.select_option("#to", "ingenieur-securite")
    page.select_option("#education", "2")
    page.fill("#experience", "0")
    page.click("#route-button")
    route = find_paths(
        G, "technicien-de-maintenance", "ingenieur-securite", k=3, profile=Profile(education=2)
    )
    headings = page.locator(".itinerary summary").all_inner_texts()
    assert headings == [
        itinerary_heading(n, path.moves, path.years, cost=path.cost) for n, path in enumerate(route.paths, 1)
    ]
    assert page.inner_text("#profile") == profile_line(route)
    first = page.inner_text('.itinerary[data-route="1"]')
    assert "line 1691" in first
    assert "diploma to gain: Bac+4 (2 years of study)" in first
    for step in route.paths[0].steps[1:]:  # what to learn, in the command line's words
        for line in learning_lines(step.learn, step.title, step.has_fiche, cards=True):
            assert line in first
    on_route = {(u, v) for path in route.paths for u, v in itertools.pairwise(s.id for s in path.steps)}
    assert page.evaluate("carrieres.cy.edges('.on-route').length") == len(on_route)
    page.screenshot(path=str(tmp_path / "routes.png"))
    page.select_option("#to", "technicien-de-maintenance")
    page.click("#route-button")
    assert page.inner_text("#route") == "Choose two different jobs."
    assert problems == []
    page.close()


def test_the_map_brings_the_routes_into_view(browser: Any, referentiel: Referentiel, tmp_path: Path) -> None:
    """Zoomed in on the far side of the circle, asking for routes pans the map to them; a job chosen
    in the search is brought into view the same way."""
    page, problems = _open(browser, webmap_html(referentiel), tmp_path)
    outside = """ids => ids.filter(id => {
        const at = carrieres.cy.getElementById(id).renderedPosition();
        return at.x < 0 || at.y < 0 || at.x > carrieres.cy.width() || at.y > carrieres.cy.height();
    })"""
    route_ids = "() => [...new Set(carrieres.cy.nodes('.on-route').map(n => n.id()))]"
    page.evaluate("void carrieres.cy.zoom({ level: carrieres.cy.zoom() * 4, position: { x: -300, y: 0 } })")
    page.select_option("#from", "technicien-de-maintenance")
    page.select_option("#to", "ingenieur-securite")
    ends = page.evaluate(
        "['technicien-de-maintenance', 'ingenieur-securite']"
        ".map(id => 'j' + carrieres.jobs.findIndex(job => job.id === id))"
    )
    before = page.evaluate(f"({outside})({ends!r})")
    page.click("#route-button")
    page.wait_for_timeout(600)  # the pan is animated
    on_route = page.evaluate(f"({route_ids})()")
    assert len(on_route) >= 3
    assert before == ends  # the routes began out of view
    assert page.evaluate(f"({outside})({on_route!r})") == []
    page.evaluate("void carrieres.cy.zoom({ level: carrieres.cy.zoom() * 3, position: { x: 300, y: 0 } })")
    page.fill("#search", "chef de projet")
    page.locator("#results button").first.click()
    page.wait_for_timeout(600)
    assert page.evaluate("carrieres.cy.nodes('.selected').length") == 1
    assert page.evaluate(f"({outside})(carrieres.cy.nodes('.selected').map(n => n.id()))") == []
    assert problems == []
    page.close()


def _routes_in_the_page(page: Any, pairs: list[tuple[str, str]], education: int | None) -> Any:
    return page.evaluate(
        """([pairs, education]) => pairs.map(([a, b]) => carrieres.findRoutes(
             carrieres.jobs.findIndex(j => j.id === a), carrieres.jobs.findIndex(j => j.id === b), 3,
             { education, experience: 0 })
           .map(r => [r.path.map(i => carrieres.jobs[i].id), r.cost, r.years]))""",
        [pairs, education],
    )


def _routes_in_python(G: Any, pairs: list[tuple[str, str]], education: int | None) -> list[Any]:
    found = []
    for a, b in pairs:
        try:
            route = find_paths(G, a, b, k=3, profile=Profile(education=education))
        except NoPathError:
            found.append([])
            continue
        found.append([[[s.id for s in p.steps], p.cost, p.years] for p in route.paths])
    return found


def test_one_routing_truth_on_every_pair_of_the_shipped_referentiel(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    G = build_graph(referentiel)
    page, problems = _open(browser, webmap_html(G), tmp_path)
    pairs = list(itertools.permutations([job.id for job in referentiel.jobs], 2))
    assert len(pairs) == 1640
    for education, asked in ((None, pairs), (2, random.Random(3).sample(pairs, 200))):
        in_page = _routes_in_the_page(page, asked, education)
        differ = [
            p
            for p, js, py in zip(asked, in_page, _routes_in_python(G, asked, education), strict=True)
            if js != py
        ]
        assert differ == []
    assert sum(1 for routes in in_page if len(routes) == 3) > 100  # the pairs do have routes
    assert problems == []
    page.close()


@pytest.mark.parametrize("name", ["rome-v3", "rome-v4"])
def test_one_routing_truth_on_rome_pairs(
    browser: Any, rome_pages: Callable[[str], str], tmp_path: Path, name: str
) -> None:
    rome = load_referentiel(name)
    G = build_graph(rome)
    page, problems = _open(browser, rome_pages(name), tmp_path)  # the page of the default graph, G
    pairs = random.Random(4).sample(list(itertools.permutations([job.id for job in rome.jobs], 2)), 25)
    in_page = _routes_in_the_page(page, pairs, None)
    assert in_page == _routes_in_python(G, pairs, None)
    assert sum(1 for routes in in_page if routes) >= 15
    assert problems == []
    page.close()


def test_rome_map_shows_only_labels_that_fit(
    browser: Any, rome_pages: Callable[[str], str], tmp_path: Path
) -> None:
    page, problems = _open(browser, rome_pages("rome-v4"), tmp_path)
    whole = _labels_fit(page)
    assert 15 <= len(whole) < 200
    pan = page.evaluate("carrieres.cy.pan()")
    page.mouse.move(300, 450)
    page.mouse.down()
    page.mouse.move(350, 500, steps=5)
    page.mouse.up()
    moved = page.evaluate("carrieres.cy.pan()")
    assert (moved["x"] - pan["x"], moved["y"] - pan["y"]) == pytest.approx((50, 50), abs=1)  # dragged
    # its 20,000 moves are drawn beneath the jobs, and become elements of the map where looked at
    assert page.evaluate("document.getElementById('underlay').width") > 0
    assert page.evaluate("carrieres.cy.edges().length") == 0
    page.fill("#search", "data scientist")
    page.click("#results button")  # selects the job and brings it to the centre
    data = _data(rome_pages("rome-v4"))
    assert len(data["jobs"]) == 1584
    chosen = next(i for i, job in enumerate(data["jobs"]) if job["title"] == "Data scientist")
    touching = sum(1 for s, t, _kinds in data["moves"] if chosen in (s, t))
    assert page.evaluate("carrieres.cy.edges().length") == touching > 0
    page.wait_for_function(
        "Math.abs(carrieres.cy.$('.selected').renderedPosition().x - carrieres.cy.width() / 2) < 1"
    )
    for _click in range(3):
        page.click("#zoom-in")
    zoomed = _labels_fit(page)
    assert "Data scientist" in zoomed
    assert len(set(zoomed) - set(whole)) >= 10  # zooming in shows other jobs
    page.screenshot(path=str(tmp_path / "rome.png"))
    assert problems == []
    page.close()


def test_the_map_shows_inline_in_a_notebook(browser: Any, referentiel: Referentiel, tmp_path: Path) -> None:
    cell = webmap(referentiel, height=500)._repr_html_()
    page, problems = _open(
        browser, f"<!DOCTYPE html><html><body><p>Out[1]:</p>{cell}</body></html>", tmp_path, framed=True
    )
    frame = page.frames[1]
    frame.wait_for_function("window.carrieres !== undefined")
    assert frame.evaluate("carrieres.cy.nodes().length") == 41
    frame.fill("#search", "ingenieurs securite")
    assert frame.inner_text("#results li:first-child") == "Ingénieur sécurité"
    assert page.evaluate("document.querySelector('iframe').clientHeight") == 500
    assert problems == []
    page.close()


def test_the_map_speaks_the_chosen_language(browser: Any, referentiel: Referentiel, tmp_path: Path) -> None:
    from carrieres._i18n import set_language  # noqa: PLC0415

    english = webmap_html(referentiel)
    set_language("fr")
    try:
        french = webmap_html(referentiel)
    finally:
        set_language("en")
    assert english != french

    def places(page: str) -> list[tuple[str, str, float, float]]:
        return [(job["id"], job["title"], job["x"], job["y"]) for job in _data(page)["jobs"]]

    assert places(english) == places(french)  # the jobs stay as the référentiel writes them
    assert '<html lang="fr">' in french
    assert '<html lang="en">' in english
    page, problems = _open(browser, french, tmp_path, "carte.html")
    assert page.inner_text("#heading") == "Carte des métiers — Les 41 métiers du secteur informatique"
    assert page.get_attribute("#search", "placeholder") == "Chercher un métier (accents facultatifs)"
    assert page.inner_text("#route-button") == "Trouver le parcours"
    page.select_option("#from", "technicien-de-maintenance")
    page.select_option("#to", "ingenieur-securite")
    page.select_option("#education", "2")
    page.click("#route-button")
    assert page.inner_text("#profile") == "Profil : formation Bac+2, 0 an d’expérience"
    best = find_paths(
        build_graph(load_referentiel()),
        "Technicien de maintenance",
        "Ingénieur sécurité",
        profile=Profile(education=2, experience=0),
    ).paths[0]
    cost = f"{best.cost:g}".replace(".", ",")
    assert (
        page.inner_text('.itinerary[data-route="1"] summary')
        == f"Parcours 1 : 2 mobilités, environ 7 ans (coût {cost})"
    )
    steps = page.inner_text("#route")
    assert "Technicien de maintenance (départ)" in steps
    assert "ligne 1691" in steps
    assert "exige une expérience d’Ingénieur administrateur système et réseaux" in steps
    page.select_option("#from", "ingenieur-securite")
    page.select_option("#to", "responsable-de-compte")  # nothing leads to it
    page.click("#route-button")
    assert page.inner_text("#route").startswith("Aucun parcours d’Ingénieur sécurité à Responsable de compte")
    page.select_option("#from", "technicien-de-maintenance")
    page.fill("#search", "support technique")
    page.click("#results button")
    assert "appellations : Assistant aux utilisateurs" in page.inner_text("#fiche")
    page.select_option("#to", "technicien-de-maintenance")
    page.click("#route-button")
    assert page.inner_text("#route") == "Choisissez deux métiers différents."
    page.screenshot(path=str(tmp_path / "carte.png"))
    side = page.inner_text("#side")
    english_words = (
        "Search",
        "Families",
        "Links",
        "Find the route",
        "start",
        "line ",
        "Routes take",
        "Drawn with",
    )
    assert [word for word in english_words if word in side] == []
    assert problems == []
    page.close()


def _queries(referentiel: Referentiel, rng: random.Random, sample: int) -> list[str]:
    """Names people type: titles, aliases and their feminine forms, plurals, no accents, initials,
    fused and spaced words, a word too many, single words, typos, word salads."""
    names = [job.title for job in referentiel.jobs] + [
        a.text for job in referentiel.jobs for a in job.aliases
    ]
    names = rng.sample(names, min(sample, len(names)))
    words = sorted({word for name in names for word in name.split()})
    queries = []
    for name in names:
        split = name.split()
        queries += [
            name,
            fold(name).upper(),
            feminine(name),
            " ".join(word + "s" for word in split),
            "".join(word[0] for word in split),
            name.replace(" ", "", 1),
            name + " informatique",
            split[0],
            " ".join(rng.sample(split, len(split))),
            name[: max(1, len(name) - 2)],
            " ".join(rng.sample(words, 2)),
        ]
    return [
        *queries,
        "RSSI",
        "DSI",
        "hotliner",
        "hot liner",
        "ingenieurs",
        "technicienne",
        "",
        "de la",
        "Ingé-nieur",
        "DBA",
        "admin sys",
        "consultante AMOA",
        "administrateur de reseau",
        "technicienne support",
        "architecte",
        "developpeur",
        "développeur java",
        "chef de projet MOA",
        "consultant IT",
    ]


def _same_lookup_in_the_page(
    browser: Any, referentiel: Referentiel, tmp_path: Path, queries: list[str], page_text: str = ""
) -> None:
    page, _problems = _open(browser, page_text or webmap_html(referentiel), tmp_path)
    in_page = page.evaluate("queries => queries.map(query => carrieres.resolveName(query))", queries)
    page.close()
    index = referentiel.resolver.jobs
    expected = [{"ids": list(m.keys), "how": m.how, "clear": m.clear} for m in map(index.lookup, queries)]
    differ = [(q, js, py) for q, js, py in zip(queries, in_page, expected, strict=True) if js != py]
    assert differ == []
    assert sum(1 for found in expected if found["ids"]) > len(queries) // 3  # the corpus finds jobs


def test_the_page_finds_the_jobs_the_command_line_finds(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    queries = _queries(referentiel, random.Random(0), 200)
    _same_lookup_in_the_page(browser, referentiel, tmp_path, queries)
    (path,) = export_graph(build_graph(referentiel), "html", tmp_path / "carte.html")
    page = browser.new_page()
    page.goto(path.as_uri())
    for query, title in [
        ("RSSI", "Ingénieur sécurité"),
        ("ingenieurs securite", "Ingénieur sécurité"),
        ("technicienne de maintenance", "Technicien de maintenance"),
        ("hot liner", "Support technique"),  # one of its names: Hotliner
    ]:
        page.fill("#search", query)
        assert page.inner_text("#results li:first-child") == title, query
    page.close()


def test_the_page_finds_the_rome_appellations_the_command_line_finds(
    browser: Any, rome_pages: Callable[[str], str], tmp_path: Path
) -> None:
    rome = load_referentiel("rome-v4")
    queries = _queries(rome, random.Random(1), 60)
    _same_lookup_in_the_page(browser, rome, tmp_path, queries, rome_pages("rome-v4"))


def test_a_search_that_finds_nothing_says_so_and_offers_close_names(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    page, problems = _open(browser, webmap_html(referentiel), tmp_path)
    page.fill("#search", "ingenieurs securite")
    results = page.inner_text("#results").splitlines()
    assert results[0] == "Ingénieur sécurité"  # read as the command line reads it: found
    page.fill("#search", "astronaute")
    results = page.inner_text("#results").splitlines()
    assert results[0] == "No job matches «astronaute». The closest names:"
    assert 1 <= len(results[1:]) <= 3
    assert problems == []
    page.close()


def test_a_narrow_window_puts_the_panel_below_as_a_drawer_and_refits(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    """At 400 pixels the panel sits below the map and folds away; resizing fits the whole map again."""
    page, problems = _open(browser, webmap_html(referentiel), tmp_path)
    page.set_viewport_size({"width": 400, "height": 800})
    page.wait_for_timeout(200)
    box = page.evaluate(
        "(({ width, height }) => [width, height])(document.getElementById('map').getBoundingClientRect())"
    )
    side = page.evaluate("document.getElementById('side').getBoundingClientRect().top")
    assert box[0] == pytest.approx(400, abs=2)
    assert side >= box[1] - 1  # the panel below the map, never over it
    page.click("#panel-toggle")
    page.wait_for_timeout(200)
    assert page.evaluate("document.getElementById('map').getBoundingClientRect().height") > 700
    assert page.evaluate("document.getElementById('panel-toggle').getAttribute('aria-expanded')") == "false"
    radius = max(math.hypot(job["x"], job["y"]) for job in _data(webmap_html(referentiel))["jobs"])
    zoom, width = page.evaluate("[carrieres.cy.zoom(), carrieres.cy.width()]")
    assert 2 * radius * zoom <= width  # the whole circle in view after the resize
    assert problems == []
    page.close()


HOSTILE_TITLES = [
    "Admin <script>window.ran = 1</script> & co",
    '<img src=x onerror="window.ran = 2">Chef "de" projet \'dev\'',
    "مدير المشروع — chef de projet",  # right to left
    "Ingénieur " + "très " * 120 + "long",
]


def test_hostile_titles_are_shown_as_text_in_the_browser(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    """Markup, script, quotes, right-to-left text and a very long title in the data: the page shows
    them as text in the fiche and runs none of them."""
    jobs = [
        job.replace(**{"title": title}) for job, title in zip(referentiel.jobs, HOSTILE_TITLES, strict=False)
    ]
    patched = referentiel.replace(**{"jobs": [*jobs, *referentiel.jobs[len(jobs) :]]})
    page, problems = _open(browser, webmap_html(patched), tmp_path)
    assert page.evaluate("window.ran === undefined")
    assert page.evaluate("document.querySelectorAll('#side script, #side img').length") == 0
    for job in jobs:  # found by its id (the right-to-left title reads as «chef de projet»)
        page.fill("#search", job.id)
        page.click("#results button >> nth=0")
        assert page.inner_text("#fiche h3") == job.title
    assert page.evaluate("window.ran === undefined")
    assert problems == []
    page.close()


def test_the_function_webmap_survives_importing_its_module(referentiel: Referentiel) -> None:
    """Importing ``carrieres.webmap`` (for ``webmap_html``) puts the module where the package's
    function was: ``carrieres.webmap(...)`` still draws the map."""
    import carrieres  # noqa: PLC0415
    import carrieres.webmap  # noqa: PLC0415

    assert carrieres.webmap(referentiel, height=300).height == 300
