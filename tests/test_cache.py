"""The cache on disk of a large référentiel's name index: read back, it answers as the index built
anew; it is never stale, never required, and keeps only the most recently used files."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from carrieres import _cache, load_referentiel
from carrieres._text import tokens
from carrieres.exceptions import CarrieresError
from carrieres.models import make_resolver
from carrieres.names import CACHED_FROM, NameIndex

from .conftest import ROOT


def _outcome(index: NameIndex, name: str) -> object:
    """What a lookup answers: the reading, or the error and its message (suggestions included)."""
    try:
        return index.read(name)
    except CarrieresError as err:
        return type(err).__name__, str(err)


def _queries(names: list[str], count: int) -> list[str]:
    rng = random.Random(7)
    words = sorted({word for name in names for word in tokens(name)})
    queries = rng.sample(names, count)
    queries += [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(count)]
    queries += [name[: len(name) // 2] for name in rng.sample(names, count // 2)]
    misspelt = [name.replace("e", "", 1).replace("i", "y", 1) for name in rng.sample(names, count // 2)]
    return queries + misspelt + ["DBA", "RSSI", "DSI", "developpeur", "admin sys", "chef de projet", "xyz"]


@pytest.fixture(scope="module")
def rome() -> tuple[list[str], NameIndex]:
    """ROME 4.0's names and its name index built anew (the cache off)."""
    saved = os.environ.get("CARRIERES_CACHE")
    os.environ["CARRIERES_CACHE"] = "off"
    try:
        referentiel = load_referentiel("rome-v4")
        index = make_resolver(referentiel.jobs).jobs
    finally:
        if saved is None:
            del os.environ["CARRIERES_CACHE"]
        else:
            os.environ["CARRIERES_CACHE"] = saved
    names = [name for job in referentiel.jobs for name in (job.title, *job.card_names)]
    return names, index


def test_an_index_read_back_answers_as_the_index_built_anew(rome: tuple[list[str], NameIndex]) -> None:
    names, built = rome
    restored = NameIndex.restored(built.state(), groups=built._groups)
    assert restored is not None
    assert restored.names() == built.names()
    for query in _queries(names, 60):
        assert _outcome(restored, query) == _outcome(built, query), query
        assert restored.suggest(query) == built.suggest(query), query


def test_the_resolver_keeps_a_large_index_and_reads_it_back(
    rome: tuple[list[str], NameIndex], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names, built = rome
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path))
    jobs = load_referentiel("rome-v4").jobs
    first = make_resolver(jobs).jobs
    (kept,) = tmp_path.glob("names-*.marshal")
    second = make_resolver(jobs).jobs
    assert second._seen is None  # read back, not built
    queries = _queries(names, 20)
    assert [_outcome(second, q) for q in queries] == [_outcome(first, q) for q in queries]
    # a file cut short is not read: the index is built again and the file written whole
    kept.write_bytes(kept.read_bytes()[:1000])
    third = make_resolver(jobs).jobs
    assert third._seen is not None
    assert [_outcome(third, q) for q in queries] == [_outcome(built, q) for q in queries]
    jobs_state, families_state = _cache.load(kept.stem)
    assert NameIndex.restored(jobs_state) is not None
    assert NameIndex.restored(families_state, what="family") is not None


def test_other_names_are_another_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path))
    jobs = load_referentiel("rome-v4").jobs
    make_resolver(jobs)
    renamed = [jobs[0].replace(title="Dompteur de chimères"), *jobs[1:]]
    index = make_resolver(renamed).jobs
    assert len(list(tmp_path.glob("names-*.marshal"))) == 2
    assert index.read("dompteur de chimere").key == jobs[0].id


def test_a_name_added_to_an_index_read_back_is_found(rome: tuple[list[str], NameIndex]) -> None:
    _, built = rome
    restored = NameIndex.restored(built.state())
    assert restored is not None
    count = len(restored.names())
    restored.add("Dompteur de chimères", "m1805")
    restored.add(built._entries.names[0], built._entries.keys[0], built._entries.priorities[0])
    assert len(restored.names()) == count + 1  # the second was already there
    assert restored.read("dompteur chimere").key == "m1805"
    assert restored.suggest("dompteur de chimer")[0] == restored.display("m1805")


def test_no_cache_where_it_is_off_unwritable_or_the_names_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = load_referentiel("rome-v4").jobs
    monkeypatch.setenv("CARRIERES_CACHE", "off")
    assert make_resolver(jobs).jobs.read("DBA").key == "m1894"
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CARRIERES_CACHE", str(blocked / "cache"))
    assert make_resolver(jobs).jobs.read("DBA").key == "m1894"
    assert blocked.read_text() == "not a folder"
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path / "cache"))
    few = load_referentiel().jobs
    assert sum(1 + len(job.aliases) for job in few) < CACHED_FROM
    make_resolver(few)
    assert not (tmp_path / "cache").exists()


def test_a_state_of_another_form_is_not_read() -> None:
    state = NameIndex([("Technicien réseau", "tr", 0)]).state()
    assert NameIndex.restored(state) is not None
    assert NameIndex.restored(("carrieres.NameIndex/0", *state[1:])) is None
    assert NameIndex.restored(state[:-1]) is None
    assert NameIndex.restored(None) is None


def test_only_the_most_recently_used_files_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path))
    names = [_cache.digest("test", str(number).encode()) for number in range(_cache.KEPT + 4)]
    for number, name in enumerate(names):
        _cache.store(name, number)
        os.utime(tmp_path / f"{name}.marshal", ns=(number * 10**9, number * 10**9))
    _cache.store(names[-1], "last")
    kept = sorted(path.stem for path in tmp_path.glob("test-*.marshal"))
    assert kept == sorted(names[-_cache.KEPT :])
    assert _cache.load(names[-1]) == "last"
    assert list(tmp_path.glob(".*")) == []  # no half-written file left
    assert _cache.digest("test", b"1") != _cache.digest("test", b"2")


def test_the_files_of_a_kind_keep_within_their_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRIERES_CACHE", str(tmp_path))
    monkeypatch.setattr(_cache, "KEPT_BYTES", 2_500)
    names = [_cache.digest("big", str(number).encode()) for number in range(4)]
    for number, name in enumerate(names):
        _cache.store(name, "x" * 1_000)
        os.utime(tmp_path / f"{name}.marshal", ns=(number * 10**9, number * 10**9))
    _cache.store(names[-1], "y" * 1_000)
    assert sorted(path.stem for path in tmp_path.glob("big-*.marshal")) == sorted(names[-2:])
    _cache.store(names[0], "z" * 5_000)  # larger than the bound alone: kept, the others go
    assert [path.stem for path in tmp_path.glob("big-*.marshal")] == [names[0]]
    assert _cache.load(names[0]) == "z" * 5_000


def test_the_command_line_answers_the_same_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "CARRIERES_CACHE": str(tmp_path)}
    command = [sys.executable, "-m", "carrieres", "-r", "rome-v4", "show", "DBA"]
    runs = [
        subprocess.run(command, check=False, capture_output=True, text=True, env=env, cwd=ROOT)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr == runs[1].stderr
    assert "Gestionnaire de base de données" in runs[0].stdout
    assert len(list(tmp_path.glob("names-*.marshal"))) == 1
