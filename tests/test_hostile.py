"""Hostile and careless inputs: nothing lost or invented, bounded time and memory, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import ParseError, RequestError, load_referentiel
from carrieres.cli import main
from carrieres.files import LIMITS

GOOD = {"name": "x", "jobs": [{"id": "a", "title": "A"}]}
NAN = '{"name": "x",\n "jobs": [{"id": "a", "title": "A", "prerequisites": {"experience_min_years": NaN}}]}'
INF = NAN.replace("NaN", "Infinity").replace(",\n", ",")


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def _written(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "message", "line"),
    [
        (
            "dup.json",
            '{"name": "x",\n "jobs": [],\n "jobs": [{"id": "a", "title": "A"}]}',
            "'jobs' appears twice",
            3,
        ),
        ("dup.yaml", "name: x\njobs: []\njobs:\n  - {id: a, title: A}\n", "'jobs' appears twice", 3),
        ("nan.json", NAN, "NaN", 2),
        ("inf.json", INF, "Infinity", 1),
        (
            "deep.json",
            '{"name": "x", "jobs": [], "families": ' + "[" * 3000 + "]" * 3000 + "}",
            "nested too deep",
            None,
        ),
        ("deep.yaml", "name: x\njobs: []\nfamilies: " + "[" * 200 + "]" * 200 + "\n", "nested too deep", 3),
    ],
)
def test_referentiel_files_that_would_lose_or_invent_data(
    tmp_path: Path, name: str, text: str, message: str, line: int | None
) -> None:
    path = _written(tmp_path, name, text)
    with pytest.raises(ParseError, match=message) as caught:
        load_referentiel(path)
    assert caught.value.line == line
    result = run("-r", str(path), "jobs")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(8):
        previous = "a" if level == 0 else f"l{level - 1}"
        bomb += f"l{level}: &l{level} [{', '.join([f'*{previous}'] * 10)}]\n"
    path = _written(tmp_path, "bomb.yaml", bomb + "name: bomb\njobs: []\n")
    with pytest.raises(ParseError, match="alias bomb"):
        load_referentiel(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_referentiel_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = _written(tmp_path, "bom.json", json.dumps(GOOD).encode(encoding))
    assert load_referentiel(path).job("a").title == "A"


def test_inputs_larger_than_the_limit_are_not_read_to_their_end(tmp_path: Path) -> None:
    big = _written(tmp_path, "big.txt", "x" * (2 << 20))
    result = run("--max-input", "1", "check", str(big))
    assert result.exit_code == 1
    assert "larger than 1 MB; raise the limit with --max-input" in result.stderr
    result = run("--max-input", "1", "check", "/dev/zero")
    assert result.exit_code == 1
    assert "larger than 1 MB" in result.stderr
    assert LIMITS.max_bytes == 1 << 20  # the option sets the limit for the run
    run("jobs")
    assert LIMITS.max_bytes == 256 << 20


def test_a_name_too_long_is_refused_at_once() -> None:
    with pytest.raises(RequestError, match="100,000 characters is too long"):
        load_referentiel().job("x" * 100_000)
    result = run("path", "x" * 100_000, "support technique")
    assert result.exit_code == 2
    assert "too long (at most 300)" in result.stderr


@pytest.mark.parametrize("form_feed", ["\x0c", "\x0b", "\x85", "\u2028"])
def test_line_numbers_count_only_line_breaks(tmp_path: Path, form_feed: str) -> None:
    text = (Path(__file__).parent / "data" / "mes-fiches.txt").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    spoilt = lines[0].rstrip("\n") + form_feed + "\n" + "".join(lines[1:])
    path = _written(tmp_path, "fiches.txt", spoilt)
    from carrieres import parse_file  # noqa: PLC0415

    plain = parse_file(Path(__file__).parent / "data" / "mes-fiches.txt").referentiel
    report = parse_file(path)
    assert [j.source.fiche.start for j in report.referentiel.jobs if j.source.fiche] == [
        j.source.fiche.start for j in plain.jobs if j.source.fiche
    ]
