"""The interactive map, in a real headless Chromium."""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from carrieres import Referentiel, load_referentiel
from carrieres._gender import feminine
from carrieres._text import fold
from carrieres.export import export_graph
from carrieres.graph import build_graph
from carrieres.webmap import webmap_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _data(page: str) -> dict[str, Any]:
    block = re.search(r'<script id="data" type="application/json">(.*?)</script>', page, re.S)
    assert block is not None
    data: dict[str, Any] = json.loads(block[1])
    return data


def test_page_is_self_contained_and_deterministic(referentiel: Referentiel) -> None:
    page = webmap_html(referentiel)
    assert page == webmap_html(referentiel)
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<script src" not in page
    data = _data(page)
    assert len(data["jobs"]) == 41
    assert {m["kind"] for m in data["moves"]} >= {"proximity", "prerequisite", "reverse_proximity"}


def test_data_from_the_referentiel_cannot_inject_markup(referentiel: Referentiel) -> None:
    job = referentiel.jobs[0]
    hostile = job.replace(**{"title": 'Admin <script>alert("x")</script> & co'})
    patched = referentiel.replace(**{"jobs": [hostile, *referentiel.jobs[1:]]})
    page = webmap_html(patched)
    assert "<script>alert" not in page
    assert _data(page)["jobs"][0]["title"] == 'Admin <script>alert("x")</script> & co'


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


def test_map_in_a_browser(browser: Any, referentiel: Referentiel, tmp_path: Path) -> None:
    (path,) = export_graph(build_graph(referentiel), "html", tmp_path / "map.html")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request", lambda request: None if request.url.startswith("file:") else outside.append(request.url)
    )
    page.goto(path.as_uri())

    assert page.locator(".job").count() == 41
    page.fill("#search", "ingenieur securite")
    assert page.inner_text("#results") == "Ingénieur sécurité"
    page.click("#results li")
    fiche = page.inner_text("#fiche")
    assert fiche.startswith("Ingénieur sécurité")
    assert "Bac+4 to Bac+5" in fiche
    assert page.locator('.job.selected[data-id="ingenieur-securite"]').count() == 1

    page.select_option("#from", "technicien-de-maintenance")
    page.select_option("#to", "ingenieur-securite")
    page.click("#route-button")
    steps = page.inner_text("#steps")
    assert "Ingénieur administrateur système et réseaux" in steps
    assert "line 1691" in steps
    assert page.locator(".move.on-route").count() == 2
    page.screenshot(path=str(tmp_path / "route.png"))
    assert (tmp_path / "route.png").stat().st_size > 10_000

    page.click('input[data-kind="prerequisite"]')
    page.click("#route-button")
    proximity_only = page.inner_text("#steps")
    assert proximity_only != steps
    assert "Ingénieur administrateur système et réseaux" in proximity_only
    page.click('input[data-kind="proximity"]')
    page.click("#route-button")
    assert page.locator("#no-route").count() == 1

    page.click('input[data-family="CONSEIL"]')
    assert page.locator(".job.hidden").count() == sum(1 for j in referentiel.jobs if j.family == "CONSEIL")
    assert problems == []
    assert outside == []
    page.close()


def test_clicking_a_job_on_the_map_shows_its_fiche(
    browser: Any, referentiel: Referentiel, tmp_path: Path
) -> None:
    (path,) = export_graph(build_graph(referentiel), "html", tmp_path / "map.html")
    page = browser.new_page()
    page.goto(path.as_uri())
    page.click('.job[data-id="technicien-de-maintenance"] circle')
    assert page.inner_text("#fiche").startswith("Technicien de maintenance")
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
    path = tmp_path / "carte.html"
    path.write_text(french, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.as_uri())
    assert page.inner_text("#heading") == "Carte des métiers — Les 41 métiers du secteur informatique"
    assert page.get_attribute("#search", "placeholder") == "Chercher un métier (accents facultatifs)"
    assert page.inner_text("#route-button") == "Trouver le parcours"
    page.select_option("#from", "technicien-de-maintenance")
    page.select_option("#to", "ingenieur-securite")
    page.click("#route-button")
    assert page.inner_text("#route p") == "2 mobilités"
    steps = page.inner_text("#steps")
    assert "Technicien de maintenance (départ)" in steps
    assert "ligne 1691" in steps
    page.click('.job[data-id="support-technique"] circle')
    assert "appellations : Assistant aux utilisateurs" in page.inner_text("#fiche")
    page.select_option("#to", "technicien-de-maintenance")
    page.click("#route-button")
    assert page.inner_text("#route") == "Choisissez deux métiers différents."
    page.screenshot(path=str(tmp_path / "carte.png"))
    side = page.inner_text("#side")
    assert [
        word for word in ("Search", "Families", "Links", "Find the route", "start", "line ") if word in side
    ] == []
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
    ]


def _same_lookup_in_the_page(
    browser: Any, referentiel: Referentiel, tmp_path: Path, queries: list[str]
) -> None:
    path = tmp_path / "map.html"
    path.write_text(webmap_html(referentiel), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    in_page = page.evaluate("queries => queries.map(query => resolveName(query))", queries)
    page.close()
    index = referentiel.resolver.jobs
    expected = [{"ids": list(index.lookup(q).keys), "how": index.lookup(q).how} for q in queries]
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


def test_the_page_finds_the_rome_appellations_the_command_line_finds(browser: Any, tmp_path: Path) -> None:
    rome = load_referentiel("rome-v4")
    _same_lookup_in_the_page(browser, rome, tmp_path, _queries(rome, random.Random(1), 60))
