"""A large référentiel is kept in the cache by the first load, and its graph by the first build:
the next load reads it back job by job, the next build reads the graph back, and both answer as
the ones they were kept from (every node, edge, attribute and order; the same files written)."""

from __future__ import annotations

import contextlib
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from carrieres import _kept, build_graph, load_referentiel
from carrieres._i18n import language, set_language
from carrieres._kept import StoredReferentiel
from carrieres.cli import main
from carrieres.export import export_graph
from carrieres.files import stored_referentiel
from carrieres.graph import link_kinds


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _large_file(folder: Path, size: int = _kept.KEEP_FROM + 50) -> Path:
    """A référentiel of ``size`` jobs, each with a few weighted links, some with required prior
    roles and access values, written as a person would (only the fields they have)."""
    rng = random.Random(11)
    jobs: list[dict[str, Any]] = []
    for number in range(size):
        targets = sorted({rng.randrange(size) for _ in range(4)} - {number})
        job: dict[str, Any] = {
            "id": f"job-{number}",
            "title": f"Métier {number}",
            "family": f"Famille {number % 7}",
            "proximity": [
                {
                    "text": f"Métier {t}",
                    "line": number + 1,
                    "ids": [f"job-{t}"],
                    "attributes": {"weight": 0.25 * k},
                }
                for k, t in enumerate(targets)
            ],
            "attributes": {"zone": number % 5},
        }
        if number % 3 == 0:
            job["prerequisites"] = {"education_min": number % 6, "experience_min_years": number % 4}
        if number % 17 == 0:
            prior = f"job-{(number * 7 + 1) % size}"
            job["prerequisites"] = {
                "prior_roles": [prior],
                "prior_role_references": [{"text": prior, "line": number + 1, "ids": [prior]}],
            }
        jobs.append(job)
    path = folder / "large.json"
    path.write_text(json.dumps({"name": "large", "jobs": jobs}, ensure_ascii=False), encoding="utf-8")
    return path


@contextlib.contextmanager
def _speaking(chosen: str) -> Iterator[None]:
    before = language()
    set_language(chosen)
    try:
        yield
    finally:
        set_language(before)


def _same_graph(mine: nx.DiGraph, theirs: nx.DiGraph) -> None:
    """The same graph: attributes, nodes and edges, each in the same order (algorithms that break
    ties by order find the same answers)."""
    assert {k: v for k, v in mine.graph.items() if k != "referentiel"} == {
        k: v for k, v in theirs.graph.items() if k != "referentiel"
    }
    assert list(mine.graph) == list(theirs.graph)
    assert list(mine.nodes(data=True)) == list(theirs.nodes(data=True))
    for u in theirs:
        assert list(mine.succ[u].items()) == list(theirs.succ[u].items())
        assert list(mine.pred[u]) == list(theirs.pred[u])
    for u, v, data in theirs.edges(data=True):
        assert list(mine.edges[u, v]) == list(data)  # the attributes in the same order


def test_a_large_referentiel_is_read_back_and_its_graph_too(cache: Path, tmp_path: Path) -> None:
    path = _large_file(tmp_path)
    first = load_referentiel(path)
    assert not isinstance(first, StoredReferentiel)
    assert "stored" in first.derived
    whole = build_graph(first)
    again = load_referentiel(path)
    assert isinstance(again, StoredReferentiel)
    G = build_graph(again)
    assert link_kinds(again) == link_kinds(first)
    assert "jobs" not in again.__dict__  # the graph was read back, no job was decoded
    _same_graph(G, whole)
    assert G.graph["referentiel"] is again
    assert again == first
    for kind in ("graphml", "json", "gexf"):
        export_graph(whole, kind, tmp_path / f"whole.{kind}")
        export_graph(G, kind, tmp_path / f"kept.{kind}")
        assert (tmp_path / f"kept.{kind}").read_bytes() == (tmp_path / f"whole.{kind}").read_bytes()


def test_a_smaller_referentiel_is_loaded_whole(cache: Path) -> None:
    stored_referentiel("rome-v4")  # kept by a route command
    assert isinstance(stored_referentiel("rome-v4"), StoredReferentiel)
    loaded = load_referentiel("rome-v4")  # fewer than KEEP_FROM jobs: read whole
    assert not isinstance(loaded, StoredReferentiel)
    build_graph(loaded)
    assert not list(cache.glob("graph-*"))


@pytest.mark.parametrize("name", ["metiers-informatique", "rome-v4"])
@pytest.mark.parametrize(
    "request_",
    [
        {},
        {"edges": "all", "similarity_threshold": 0.2},
        {"where": "score>=0.3"},
        {"language": "fr"},
    ],
)
def test_a_graph_read_back_is_the_graph_built(
    cache: Path, monkeypatch: pytest.MonkeyPatch, name: str, request_: dict[str, Any]
) -> None:
    monkeypatch.setattr(_kept, "KEEP_FROM", 0)  # ROME moves, cards and skills links: the shipped ones
    options = {key: value for key, value in request_.items() if key != "language"}
    if options.get("edges") == "all":
        options["edges"] = link_kinds(load_referentiel(name))  # a sequence, not a text
    with _speaking(request_.get("language", "en")):
        whole = build_graph(load_referentiel(name), **options)
        again = load_referentiel(name)
        assert isinstance(again, StoredReferentiel)
        build_graph(again, **options)  # built from the jobs read back, and kept
        G = build_graph(again, **options)
    _same_graph(G, whole)
    assert len(list(cache.glob("graph-*"))) == 1
    links = [link for _u, _v, data in G.edges(data=True) for link in data["links"]]
    assert all((link.move is not None) == (link.kind == "rome") for link in links)


def test_another_request_or_language_is_another_graph(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_kept, "KEEP_FROM", 0)
    load_referentiel()
    ref = load_referentiel()
    texts = {}
    for chosen in ("en", "fr"):
        with _speaking(chosen):
            G = build_graph(ref, edges="rome")
            texts[chosen] = sorted(data["text"] for _u, _v, data in G.edges(data=True))
    assert texts["en"] != texts["fr"]
    assert build_graph(ref, edges="proximity").number_of_edges() != build_graph(ref).number_of_edges()
    assert len(list(cache.glob("graph-*"))) == 4


def test_without_a_cache_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRIERES_CACHE", "off")
    path = _large_file(tmp_path)
    load_referentiel(path)
    loaded = load_referentiel(path)
    assert not isinstance(loaded, StoredReferentiel)
    assert "stored" not in loaded.derived


@pytest.mark.parametrize(
    "args",
    [
        ["central", "--top", "5"],
        ["stats"],
        ["clusters", "--format", "json"],
        ["path", "job-1", "job-40", "-k", "2"],
        ["next", "job-3", "--moves", "2", "--format", "csv"],
        ["show", "Métier 12"],
        ["jobs", "--family", "Famille 3"],
    ],
)
def test_commands_on_a_large_referentiel_say_the_same_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    path = _large_file(tmp_path)
    runner = CliRunner()

    def run(cache: str) -> tuple[int, str]:
        monkeypatch.setenv("CARRIERES_CACHE", cache)
        done = runner.invoke(main, ["-r", str(path), *args])
        return done.exit_code, done.output

    cached = str(tmp_path / "cache")
    first, second = run(cached), run(cached)
    assert first == second == run("off")
    assert first[0] == 0, first[1]
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.marshal")} >= {"referentiel"}


def test_a_file_changed_with_the_same_size_and_time_is_read_again(cache: Path, tmp_path: Path) -> None:
    path = _large_file(tmp_path)
    assert load_referentiel(path).job("job-7").title == "Métier 7"
    assert isinstance(load_referentiel(path), StoredReferentiel)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"title": "Métier 7"', '"title": "Métier X"', 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    changed = load_referentiel(path)
    assert not isinstance(changed, StoredReferentiel)
    assert changed.job("job-7").title == "Métier X"
    assert build_graph(load_referentiel(path)).nodes["job-7"]["title"] == "Métier X"
