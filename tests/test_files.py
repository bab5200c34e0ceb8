from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from carrieres import OutputError, ParseError, ParseReport, files, load_referentiel
from carrieres._text import split_lines
from carrieres.files import dump_referentiel, shipped_dataset_path, write_atomic


def test_committed_dataset_matches_a_fresh_parse(seed_report: ParseReport) -> None:
    committed = shipped_dataset_path().read_text(encoding="utf-8")
    assert dump_referentiel(seed_report.referentiel) == committed, (
        "data/metiers-informatique.json is stale: run 'make data'"
    )


def test_dump_is_deterministic(seed_report: ParseReport) -> None:
    own = load_referentiel(fiche_only=True)
    assert dump_referentiel(own.replace(crosswalks=[])) == dump_referentiel(seed_report.referentiel)


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
    with pytest.raises(OutputError, match="already exists; use `force`"):
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


def test_built_in_names_and_files(tmp_path: Path) -> None:
    assert load_referentiel("rome-v3").credit.startswith("France Travail")
    assert load_referentiel("metiers-informatique") == load_referentiel()
    with pytest.raises(ParseError, match="cannot read"):
        load_referentiel("rome-v9")


def test_hand_written_yaml_follows_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: maison\n"
        "source: hand\n"
        "jobs:\n"
        "  - id: agent\n"
        "    title: Agent d'accueil\n"
        "    proximity:\n"
        "      - {text: Chef d'équipe, line: 1, ids: [chef]}\n"
        "  - id: chef\n"
        "    title: Chef d'équipe\n"
        "    prerequisites: {education_min: 2, experience_min_years: 3}\n",
        encoding="utf-8",
    )
    ref = load_referentiel(path)
    assert ref.job("agent d'accueil").proximity[0].ids == ["chef"]
    path.write_text("name: maison\njobs:\n  - id: Agent\n    title: x\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"jobs\.0\.id"):
        load_referentiel(path)
    path.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ParseError, match="not valid YAML") as caught:
        load_referentiel(path)
    assert caught.value.line == 2


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 20])
def test_text_lines_reads_as_read_text_does_whatever_the_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Line ends, a \\r\\n and a character of several bytes cut between two chunks, in every encoding."""
    monkeypatch.setattr(files, "CHUNK_BYTES", chunk)
    text = "métier,«niveau»\r\nœuvre\rfin\n\nx\x0cy\r\n€ dernière"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        path = tmp_path / f"t-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        lines = list(files.text_lines(path))
        assert "".join(lines) == files.read_text(path) == text
        assert [line.rstrip("\r\n") for line in lines] == split_lines(text)


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
def test_text_lines_names_the_line_of_a_bad_byte_or_a_nul(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(files, "CHUNK_BYTES", chunk)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"a,b\r\nc,d\ne,f\r" + "\nmétier".encode("latin-1"))
    with pytest.raises(ParseError, match=r"line 4: not UTF-8 text \(byte 0xe9\)"):
        list(files.text_lines(latin))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"a,b\nc,d\n\x00\x01")
    with pytest.raises(ParseError, match="line 3: this is a binary file"):
        list(files.text_lines(binary))
