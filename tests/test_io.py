from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from carrieres import OutputError, ParseError, ParseReport, Referentiel, load_referentiel
from carrieres.io import dump_referentiel, shipped_dataset_path, write_atomic


def test_committed_dataset_matches_a_fresh_parse(seed_report: ParseReport) -> None:
    committed = shipped_dataset_path().read_text(encoding="utf-8")
    assert dump_referentiel(seed_report.referentiel) == committed, (
        "data/metiers-informatique.json is stale: run 'make data'"
    )


def test_dump_is_deterministic(seed_report: ParseReport, referentiel: Referentiel) -> None:
    assert dump_referentiel(referentiel) == dump_referentiel(seed_report.referentiel)


def test_loading_does_not_need_the_source_text(tmp_path: Path) -> None:
    copy = tmp_path / "ref.json"
    shutil.copy(shipped_dataset_path(), copy)
    loaded = load_referentiel(copy)
    assert len(loaded.jobs) == 41
    assert loaded.document.file == "les-41-metiers-informatique.txt"
    assert not (tmp_path / "les-41-metiers-informatique.txt").exists()


def test_loading_a_file_that_is_not_a_referentiel(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "jobs": [{"id": "Not A Slug", "title": "t"}]}', encoding="utf-8")
    with pytest.raises(ParseError, match="not a valid référentiel"):
        load_referentiel(bad)
    with pytest.raises(ParseError, match="cannot read"):
        load_referentiel(tmp_path / "missing.json")


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "first")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_atomic(target, "second")
    assert target.read_text(encoding="utf-8") == "first"
    write_atomic(target, "second", force=True)
    assert target.read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomic_into_a_missing_or_read_only_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "out.json", "x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores permissions
            pytest.skip("this user can write into read-only folders")
        with pytest.raises(OutputError, match="cannot write"):
            write_atomic(locked / "out.json", "x")
    finally:
        locked.chmod(0o700)
