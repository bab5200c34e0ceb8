"""A référentiel and its moves read back from the cache answer as the ones they were kept from:
the same jobs, the same routes, the same reachable jobs, the same command output; a changed file
is read again, and a question reads only the jobs it reaches."""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from carrieres import _cache, build_graph, load_referentiel
from carrieres._kept import FORMAT, StoredReferentiel
from carrieres._stored import weighed_graph
from carrieres.exceptions import CarrieresError
from carrieres.files import _inputs, stored_referentiel
from carrieres.paths import CostModel, Profile, find_paths, reachable

from .conftest import ROOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _restored(source: str | Path | None = None) -> StoredReferentiel:
    stored_referentiel(source)  # loaded and kept
    restored = stored_referentiel(source)
    assert isinstance(restored, StoredReferentiel)
    return restored


@pytest.mark.parametrize("name", ["metiers-informatique", "rome-v4", "rome-v3"])
def test_a_stored_referentiel_holds_the_jobs_it_was_kept_from(cache: Path, name: str) -> None:
    loaded = load_referentiel(name)
    restored = _restored(name)
    assert len(restored) == len(loaded)
    assert repr(restored) == repr(loaded)
    assert restored.get(loaded.jobs[-1].id) == loaded.jobs[-1]
    assert restored.jobs == loaded.jobs
    assert restored == loaded
    assert restored.to_dict() == loaded.to_dict()
    assert restored.has_fiches == loaded.has_fiches
    assert restored.replace(name="copy").jobs == loaded.jobs


def test_a_stored_referentiel_reads_only_the_jobs_asked_for(cache: Path) -> None:
    restored = _restored("rome-v4")
    dba = restored.job("DBA")
    assert dba == load_referentiel("rome-v4").job("DBA")
    assert "jobs" not in restored.__dict__
    assert len(restored._by_id._values) == 1  # type: ignore[attr-defined]
    assert len(restored.jobs) == 1584  # all of them, where asked


def test_names_read_as_on_the_loaded_referentiel(cache: Path) -> None:
    loaded, restored = load_referentiel("rome-v4"), _restored("rome-v4")
    for name in ["DBA", "developpeur", "technicienne support", "M1805", "tecnicien reso", "xyz"]:
        outcomes = []
        for referentiel in (loaded, restored):
            try:
                outcomes.append(referentiel.read_name(name))
            except CarrieresError as err:
                outcomes.append((type(err).__name__, str(err)))
        assert outcomes[0] == outcomes[1], name


def _route(G: object, a: str, b: str, **options: object) -> object:
    try:
        return find_paths(G, a, b, **options).to_dict()  # type: ignore[arg-type]
    except CarrieresError as err:
        return type(err).__name__, str(err)


@pytest.mark.parametrize(("name", "count"), [("metiers-informatique", 60), ("rome-v4", 25)])
def test_routes_on_weighed_moves_are_those_of_the_whole_graph(cache: Path, name: str, count: int) -> None:
    restored = _restored(name)
    whole = build_graph(load_referentiel(name))
    ids = [job.id for job in restored.jobs]
    pairs = random.Random(3).sample(list(itertools.permutations(ids, 2)), count)
    requests = [
        ({}, {"k": 3}),
        ({"costs": CostModel(move=2.0, rome=1.0)}, {"costs": CostModel(move=2.0, rome=1.0)}),
        ({"fewest_moves": True, "max_level_jump": 1}, {"fewest_moves": True, "max_level_jump": 1, "k": 2}),
    ]
    for request, options in requests:
        weighed = {"costs": CostModel(), "fewest_moves": False, "max_level_jump": None} | request
        weighed_graph(restored, similarity_threshold=0.3, **weighed)  # type: ignore[arg-type]  # kept
        G = weighed_graph(restored, similarity_threshold=0.3, **weighed)  # type: ignore[arg-type]
        assert G.graph["weighed"] is not None
        profile = Profile(education=2, experience=1)
        for a, b in pairs:
            assert _route(G, a, b, profile=profile, **options) == _route(
                whole, a, b, profile=profile, **options
            )
    G = weighed_graph(restored, similarity_threshold=0.3, costs=CostModel())
    a, b, c = pairs[0][0], pairs[0][1], pairs[1][0]
    if c not in (a, b):
        assert _route(G, a, b, via=[c]) == _route(whole, a, b, via=[c])
        assert _route(G, a, b, avoid=[c], k=2) == _route(whole, a, b, avoid=[c], k=2)


@pytest.mark.parametrize("name", ["metiers-informatique", "rome-v4"])
def test_jobs_reachable_on_weighed_moves_are_those_of_the_whole_graph(cache: Path, name: str) -> None:
    restored = _restored(name)
    whole = build_graph(load_referentiel(name))
    weighed_graph(restored, similarity_threshold=0.3, costs=CostModel())
    G = weighed_graph(restored, similarity_threshold=0.3, costs=CostModel())
    for start in random.Random(5).sample([job.id for job in restored.jobs], 6):
        mine = [r.to_dict() for r in reachable(G, start, moves=2)]
        assert mine == [r.to_dict() for r in reachable(whole, start, moves=2)]
        assert [r.to_dict() for r in reachable(G, start, moves=2, top=5)] == mine[:5]


def test_a_weighed_graph_refuses_another_request(cache: Path) -> None:
    restored = _restored()
    weighed_graph(restored, similarity_threshold=0.3, costs=CostModel())
    G = weighed_graph(restored, similarity_threshold=0.3, costs=CostModel())
    with pytest.raises(ValueError, match="weighed for another request"):
        find_paths(G, "Développeur", "Chef de projet", costs=CostModel(move=3.0))


def test_a_changed_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    jobs = [{"id": "a", "title": "Analyste"}, {"id": "b", "title": "Bibliothécaire"}]
    path.write_text(json.dumps({"name": "mine", "jobs": jobs}), encoding="utf-8")
    assert _restored(path).job("a").title == "Analyste"
    jobs[0]["title"] = "Architecte"
    path.write_text(json.dumps({"name": "mine", "jobs": jobs}), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert _restored(path).job("a").title == "Architecte"
    path.unlink()
    assert _inputs(path, False) is None


def test_a_value_of_another_shape_is_computed_again(cache: Path) -> None:
    inputs = _inputs("metiers-informatique", False)
    assert inputs is not None
    for other in [("carrieres._kept/0", "old"), (FORMAT, "cut short"), [FORMAT], b"bytes"]:
        _cache.store(_cache.digest("referentiel", inputs), other)
        first = stored_referentiel("metiers-informatique")
        assert not isinstance(first, StoredReferentiel)
        assert first.jobs == load_referentiel().jobs
        assert isinstance(stored_referentiel("metiers-informatique"), StoredReferentiel)


def test_without_a_cache_the_referentiel_is_loaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CARRIERES_CACHE", "off")
    assert not isinstance(stored_referentiel("rome-v4"), StoredReferentiel)
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path / "a-file" / "cache"))  # cannot be made
    loaded = stored_referentiel()
    assert not isinstance(loaded, StoredReferentiel)
    assert "stored" not in loaded.derived  # nothing prepared for a cache that cannot keep it
    G = weighed_graph(loaded, similarity_threshold=0.3, costs=CostModel())
    assert "weighed" not in G.graph


@pytest.mark.parametrize(
    "args",
    [
        ["-r", "rome-v4", "path", "developpeur informatique", "DSI", "-k", "2", "--education", "2"],
        ["-r", "rome-v4", "next", "M1805", "--moves", "2"],
        ["path", "Chef de projet", "Directeur de projet", "--format", "json"],
        ["path", "Ingénieur sécurité", "Technicien de maintenance"],
        ["next", "support technique", "--moves", "2", "--avoid", "superviseur hot line"],
        ["-r", "rome-v4", "show", "DBA"],
        ["show", "Développeur", "--format", "json"],
        ["show", "xyz"],
    ],
)
def test_the_commands_say_the_same_from_the_cache(tmp_path: Path, args: list[str]) -> None:
    def run(cache: str, lang: str = "en") -> tuple[int, str, str]:
        env = {**os.environ, "CARRIERES_CACHE": cache}
        done = subprocess.run(
            [sys.executable, "-m", "carrieres", "--lang", lang, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    cached = str(tmp_path / "cache")
    first, second = run(cached), run(cached)
    kept = {path.name.split("-")[0] for path in (tmp_path / "cache").glob("*.marshal")} - {"names"}
    assert kept == ({"referentiel"} if "show" in args else {"referentiel", "moves"})
    assert first == second == run("off")
    assert run(cached, "fr") == run("off", "fr")  # the links' texts kept in English are not reused
