"""Hostile and careless inputs: nothing lost or invented, bounded time and memory, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import ParseError, RequestError, load_referentiel
from carrieres.cli import main
from carrieres.files import LIMITS

from .conftest import ROOT

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
        (
            "huge.json",
            '{"name": "x",\n "jobs": [{"id": "a", "title": "A",\n "attributes": {"x": 1e999}}]}',
            "1e999 is not a finite number",
            3,
        ),
        (
            "long.json",
            '{"name": "x",\n "jobs": [{"id": "a", "title": "A", "attributes": {"x": ' + "9" * 5000 + "}}]}",
            "a number of more than 4,300 digits",
            2,
        ),
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


@pytest.fixture
def hostile_referentiel(tmp_path: Path) -> Path:
    """Titles a careless or hostile table may hold: formulas, mathematics, control characters."""
    jobs = _written(
        tmp_path,
        "jobs.csv",
        'id,title\nf,"=HYPERLINK(""http://x"")"\nm,Chef $x^2$ de projet\nc,Ctrl\x0bchar\x01\na,@home\n',
    )
    links = _written(tmp_path, "links.csv", "source,target\nf,m\nm,c\nc,a\na,f\n")
    out = tmp_path / "hostile.json"
    result = run("import", "csv", "--jobs", str(jobs), "--links", str(links), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_csv_cells_that_a_spreadsheet_would_run_are_made_inert(
    hostile_referentiel: Path, tmp_path: Path
) -> None:
    table = run("-r", str(hostile_referentiel), "jobs", "--format", "csv").output
    assert "'=HYPERLINK" in table
    assert "'@home" in table
    raw = run("--csv-formulas", "-r", str(hostile_referentiel), "jobs", "--format", "csv").output
    assert '"=HYPERLINK(""http://x"")"' in raw
    result = run("-r", str(hostile_referentiel), "export", "csv", "-o", str(tmp_path / "g.csv"))
    assert result.exit_code == 0, result.output
    assert "'=HYPERLINK" in (tmp_path / "g-jobs.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_parse_whatever_the_titles(hostile_referentiel: Path, tmp_path: Path, fmt: str) -> None:
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    out = tmp_path / f"g.{fmt}"
    assert run("-r", str(hostile_referentiel), "export", fmt, "-o", str(out)).exit_code == 0
    text = ET.tostring(ET.parse(out).getroot(), encoding="unicode")
    assert "Ctrlchar" in text
    assert "$x^2$" in text


@pytest.mark.parametrize("kind", ["map", "ladder", "central"])
def test_pictures_draw_titles_as_written(hostile_referentiel: Path, tmp_path: Path, kind: str) -> None:
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    out = tmp_path / f"{kind}.svg"
    result = run("-r", str(hostile_referentiel), "plot", kind, "-o", str(out), "--title", "Coût en $ et %")
    assert result.exit_code == 0, result.output
    texts = "".join(ET.parse(out).getroot().itertext())
    assert "Coût en $ et %" in texts
    if kind != "central":
        assert "$x^2$" in texts


def test_a_picture_too_large_is_refused_before_it_is_drawn(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = run("plot", "map", "--dpi", "1200", "--size", "100x100", "-o", str(out))
    assert result.exit_code == 2
    assert "more than 100 million" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "--experience", "nan"],
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "--min-stay", "inf"],
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "--weights", "move=nan"],
        ["path", "Technicien de maintenance", "Ingénieur sécurité", "--weights", "rome=inf"],
        ["stats", "--edges", "proximity,similarity", "--similarity-threshold", "nan"],
        ["clusters", "--resolution", "inf"],
    ],
)
def test_numbers_that_are_not_numbers_are_refused(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "finite number" in result.stderr


def test_records_refuse_nan_and_json_output_is_strict() -> None:
    from carrieres.paths import CostModel, Profile  # noqa: PLC0415

    with pytest.raises(ValueError, match="not a finite number"):
        Profile(experience=float("nan"))
    with pytest.raises(ValueError, match="not a finite number"):
        CostModel(move=float("inf"))
    from carrieres._render import to_json  # noqa: PLC0415

    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        to_json({"x": float("nan")})


def test_outputs_that_are_not_regular_files_are_never_replaced(tmp_path: Path) -> None:
    import os  # noqa: PLC0415

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (
        ["export", "json", "-o", str(fifo), "--force"],
        ["export", "json", "-o", "/dev/null", "--force"],
    ):
        result = run(*args)
        assert result.exit_code == 2
        assert "not a regular file" in result.stderr
    assert fifo.exists()
    assert not fifo.is_file()


def test_files_are_written_all_or_nothing(tmp_path: Path) -> None:
    from carrieres import OutputError  # noqa: PLC0415
    from carrieres.files import write_all  # noqa: PLC0415

    first, second = tmp_path / "a.csv", tmp_path / "missing" / "b.csv"
    with pytest.raises(OutputError, match="cannot write"):
        write_all({first: "A", second: "B"})
    assert list(tmp_path.iterdir()) == []  # neither file, and no temporary file
    first.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError):
        write_all({first: "new", second: "B"}, force=True)
    assert first.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_creating_a_file_never_replaces_one_written_meanwhile(tmp_path: Path) -> None:
    from carrieres import OutputError  # noqa: PLC0415
    from carrieres.files import _link_new  # noqa: PLC0415

    temporary = tmp_path / ".new"
    temporary.write_text("mine", encoding="utf-8")
    taken = tmp_path / "out.json"
    taken.write_text("theirs", encoding="utf-8")  # written by another process after our check
    with pytest.raises(OutputError, match="written meanwhile"):
        _link_new(str(temporary), taken)
    assert taken.read_text(encoding="utf-8") == "theirs"


def test_sigterm_while_writing_cleans_up_like_ctrl_c(tmp_path: Path) -> None:
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415

    from carrieres.files import write_all  # noqa: PLC0415

    class Terminated(str):
        """Text whose writing is interrupted by SIGTERM, as a `kill` would."""

        def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
            os.kill(os.getpid(), signal.SIGTERM)
            return super().encode(encoding, errors)

    with pytest.raises(KeyboardInterrupt):
        write_all({tmp_path / "a.txt": "a", tmp_path / "b.txt": Terminated("x" * 10)})
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_yaml_lines_are_counted_at_line_breaks_only(tmp_path: Path) -> None:
    path = _written(tmp_path, "dup.yaml", 'name: "Métiers\u2028du numérique"\njobs: []\njobs: []\n')
    with pytest.raises(ParseError, match="'jobs' appears twice") as caught:
        load_referentiel(path)
    assert caught.value.line == 3


def test_a_review_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    rows = json.loads(run("crosswalk", "rome-v4", "--format", "json").output)
    review = _written(tmp_path, "review.json", json.dumps(rows[:1], ensure_ascii=False).encode("utf-8-sig"))
    result = run("crosswalk", "rome-v4", "--review", str(review), "--format", "json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("weights", ["move=1e308", "education_jump=2e6", "score=-1e300"])
def test_a_weight_that_would_overflow_a_routes_cost_is_refused(weights: str) -> None:
    result = CliRunner().invoke(
        main, ["path", "Technicien de maintenance", "Ingénieur sécurité", "--weights", weights]
    )
    assert result.exit_code == 2
    assert "a weight is at most 1,000,000" in result.stderr
    assert "Traceback" not in result.output
    assert (
        CliRunner().invoke(main, ["path", "Développeur", "Chef de projet", "--weights", "move=1e6"]).exit_code
        == 0
    )


def test_a_review_naming_a_card_rome_does_not_have_is_refused(tmp_path: Path) -> None:
    review = json.loads((ROOT / "data" / "crosswalk-rome-v4.json").read_text(encoding="utf-8"))
    review["rows"][0]["code"] = "Z9999"
    path = tmp_path / "review.json"
    path.write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "crosswalk.json"
    result = CliRunner().invoke(main, ["crosswalk", "rome-v4", "--review", str(path), "-o", str(output)])
    assert result.exit_code == 2
    assert "administrateur-de-base-de-donnees → Z9999" in result.stderr
    assert not output.exists()


def test_a_terminal_that_cannot_write_a_character_gets_it_replaced() -> None:
    for encoding in ("latin-1", "ascii"):
        done = subprocess.run(
            [sys.executable, "-m", "carrieres", "path", "Technicien de maintenance", "Ingénieur sécurité"],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr
        assert b"Technicien de maintenance" in done.stdout


@pytest.mark.parametrize("command", [["central"], ["next", "Support technique", "--moves", "3"]])
def test_machine_formats_list_everything_unless_top_is_given(command: list[str]) -> None:
    everything = json.loads(CliRunner().invoke(main, [*command, "--format", "json"]).stdout)
    assert len(everything) > 20  # what a table shows by default
    three = json.loads(CliRunner().invoke(main, [*command, "--format", "json", "--top", "3"]).stdout)
    assert len(three) == 3
    csv_rows = CliRunner().invoke(main, [*command, "--format", "csv"]).stdout.splitlines()
    assert len(csv_rows) == len(everything) + 1


def test_a_links_number_that_would_overflow_a_routes_cost_is_refused(tmp_path: Path) -> None:
    """A finite number in a table, times a finite weight, can still pass what a float holds."""
    links = _written(tmp_path, "links.csv", "source,target,similarity\nc1,c2,0.82\nc2,c3,1e308\nc3,c4,0.58\n")
    saved = tmp_path / "ref.json"
    assert run("import", "csv", "--links", str(links), "-o", str(saved)).exit_code == 0
    for weight in ("-2", "2", "1000000"):
        result = run("-r", str(saved), "path", "c1", "c4", "--weights", f"similarity={weight}")
        assert result.exit_code == 2, result.output
        assert "similarity runs from 0.58 to 1e+308" in result.output
        assert "Traceback" not in result.output
    result = run(
        "-r",
        str(saved),
        "routes",
        str(_written(tmp_path, "p.csv", "from,to\nc1,c4\n")),
        "--weights",
        "similarity=2",
    )
    assert result.exit_code == 2
    assert run("-r", str(saved), "path", "c1", "c4", "--weights", "similarity=1e-300").exit_code == 0


@pytest.mark.parametrize(
    "command",
    [["export", "html"], ["plot", "map"], ["plot", "ladder"]],
)
def test_a_referentiel_without_jobs_is_not_drawn(tmp_path: Path, command: list[str]) -> None:
    empty = _written(tmp_path, "empty.json", '{"name": "vide", "jobs": []}')
    out = tmp_path / ("page.html" if command[0] == "export" else "picture.png")
    result = run("-r", str(empty), *command, "-o", str(out))
    assert result.exit_code == 2
    assert "the référentiel 'vide' has no job: there is nothing to draw" in result.output
    assert not out.exists()


def test_an_empty_alias_separator_is_refused(tmp_path: Path) -> None:
    jobs = _written(tmp_path, "jobs.csv", "id,title,aliases\nc1,A,x;y\n")
    result = run(
        "import", "csv", "--jobs", str(jobs), "--alias-separator", "", "-o", str(tmp_path / "r.json")
    )
    assert result.exit_code == 2
    assert "the alias separator is empty" in result.output


def test_a_raised_input_limit_does_not_set_its_size_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a small file under a limit of a terabyte reads the file, not a terabyte of memory."""
    monkeypatch.setattr(LIMITS, "max_bytes", LIMITS.max_bytes)  # put back after the test
    small = _written(tmp_path, "ref.json", '{"name": "x", "jobs": [{"id": "a", "title": "A"}]}')
    result = run("--max-input", str(1 << 20), "-r", str(small), "jobs")
    assert result.exit_code == 0, result.output
    assert LIMITS.max_bytes == 1 << 40


def _on_a_terminal(*args: str) -> tuple[int, str]:
    """Run the command line with its output on a pseudo-terminal, as a person's shell runs it."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "carrieres", *args], stdout=slave, stderr=slave, check=False, timeout=60
    )
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return done.returncode, out.decode("utf-8")


def test_control_characters_in_data_are_shown_not_sent_to_a_terminal(tmp_path: Path) -> None:
    """An escape sequence in a title would set the terminal's title or colour: it is shown as «�»
    on a terminal, and written as it is to a pipe or a file (nothing lost)."""
    title = "\x1b[31mRouge\x1b]0;titre\x07"
    data = {"name": "t", "jobs": [{"id": "a", "title": title}, {"id": "b", "title": "Beta"}]}
    ref = _written(tmp_path, "esc.json", json.dumps(data))
    status, shown = _on_a_terminal("-r", str(ref), "show", "a")
    assert status == 0
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "�[31mRouge�]0;titre�" in shown
    piped = run("-r", str(ref), "jobs", "--format", "json")
    assert json.loads(piped.output)[0]["title"] == title


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("move=-1", "'move=-1': the weight of move is a cost, never negative"),
        ("skills=-1,move=2", "'skills=-1': the weight of skills is a cost"),
        ("move=1,move=2", "'move' is weighed twice"),
        ("move=1_000", "'move=1_000' is not NAME=NUMBER"),
        ("move=١", "is not NAME=NUMBER"),
        ("move=nan", "'move=nan': nan is not a finite number"),
    ],
)
def test_a_weight_given_wrongly_is_named(weights: str, message: str) -> None:
    result = run("path", "Technicien de maintenance", "Ingénieur sécurité", "--weights", weights)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_empty_family_and_a_start_to_avoid_are_refused() -> None:
    empty = run("jobs", "--family", "")
    assert empty.exit_code == 2
    assert "the family name is empty" in empty.output
    avoided = run("next", "Développeur", "--avoid", "developpeur")
    assert avoided.exit_code == 2
    assert "Développeur is both the start and to avoid" in avoided.output
