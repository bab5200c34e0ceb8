from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from carrieres import __version__
from carrieres.cli import main
from carrieres.cli.routes import ROWS_AT_ONCE

from . import cli_reference
from .conftest import SOURCE, TEST_DATA


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="carrieres")


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_jobs_json_lists_41_jobs_with_families() -> None:
    result = run("jobs", "--format", "json")
    assert result.exit_code == 0
    jobs = json.loads(result.output)
    assert len(jobs) == 41
    assert all(job["family"] for job in jobs)
    assert set(jobs[0]) == {"id", "title", "family", "subfamily", "has_fiche"}


def test_jobs_filtered_by_family_as_csv_and_table() -> None:
    result = run("jobs", "--family", "support et assistance", "--format", "csv")
    lines = result.output.splitlines()
    assert lines[0] == "id,title,family,subfamily,has_fiche"
    assert len(lines) == 5
    table = run("jobs", "--family", "conseil").output
    assert "Architecte technique" in table
    assert "Technicien" not in table


def test_show_json_is_the_model_dump() -> None:
    result = run("show", "ingenieur securite", "--format", "json")
    assert result.exit_code == 0
    job = json.loads(result.output)
    pre = job["prerequisites"]
    assert (pre["education_min"], pre["education_max"]) == (4, 5)
    assert pre["prior_roles"] == ["ingenieur-administrateur-systeme-et-reseaux"]
    prior = json.loads(run("show", pre["prior_roles"][0], "--format", "json").output)
    assert "Ingénieur système" in [alias["text"] for alias in prior["aliases"]]
    for key in (
        "id",
        "title",
        "family",
        "subfamily",
        "aliases",
        "summary",
        "main_activities",
        "secondary_activities",
        "savoir_faire",
        "knowledge",
        "behavioural_skills",
        "prerequisites",
        "proximity",
        "rome_codes",
        "variability",
        "source",
        "has_fiche",
    ):
        assert key in job


def test_show_text_card() -> None:
    result = run("show", "Pupitreur")
    assert result.exit_code == 0
    assert result.output.startswith("Technicien pilote d’exploitation\n")
    assert "education: Bac+2 or more" in result.output
    no_fiche = run("show", "chef de projet").output
    assert "has no fiche" in no_fiche


def test_unknown_name_is_an_error_with_suggestions() -> None:
    result = run("show", "tecnicien de maintenence")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: unknown job 'tecnicien de maintenence'")
    assert "Technicien de maintenance" in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_name_lists_candidates() -> None:
    result = run("show", "technicien")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "Technicien réseau" in result.stderr


def test_check_the_source_document() -> None:
    result = run("check", str(SOURCE))
    assert result.exit_code == 0
    assert "41 jobs, 16 fiches" in result.output
    assert "errors: 0" in result.output
    assert "'Ingénieur développement'" in result.output
    data = json.loads(run("check", str(SOURCE), "--format", "json").output)
    assert len(data["fiches"]) == 16
    assert data["errors"] == []
    assert [u["text"] for u in data["unresolved"]] == ["Ingénieur développement", "responsable qualité"]
    assert data["fiches"][0]["fields"]["main_activities"] == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty, line 1"),
        (b"abc\n\x00\x00", "binary file"),
        (b"ab\xff\xff", "not UTF-8"),
        (b"\xff\xfe", "empty"),  # a UTF-16 byte-order mark, and nothing after it
    ],
)
def test_check_unreadable_documents(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "doc.txt" in result.stderr
    assert message.split(",", maxsplit=1)[0] in result.stderr


def test_check_a_truncated_document(tmp_path: Path) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "truncated.txt"
    path.write_text("\n".join(lines[:1300]), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "errors: 1" in result.output
    assert "truncated" in result.output


def test_parse_writes_a_referentiel_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "small.json"
    result = run("parse", str(TEST_DATA / "petit-referentiel.txt"), "-o", str(out))
    assert result.exit_code == 0, result.output
    listed = run("-r", str(out), "jobs", "--format", "json")
    assert [job["id"] for job in json.loads(listed.output)][:2] == [
        "technicien-reseau",
        "gestionnaire-de-parc-micro-informatique",
    ]
    again = run("parse", str(TEST_DATA / "petit-referentiel.txt"), "-o", str(out))
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    forced = run("parse", str(TEST_DATA / "petit-referentiel.txt"), "-o", str(out), "--force")
    assert forced.exit_code == 0


def test_parse_refuses_a_document_with_errors(tmp_path: Path) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    doc = tmp_path / "truncated.txt"
    doc.write_text("\n".join(lines[:1300]), encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("parse", str(doc), "-o", str(out))
    assert result.exit_code == 1
    assert "truncated" in result.stderr
    assert not out.exists()


def test_missing_referentiel_file(tmp_path: Path) -> None:
    result = run("-r", str(tmp_path / "nope.json"), "jobs")
    assert result.exit_code == 1
    assert "nope.json" in result.stderr


@pytest.mark.parametrize("command", cli_reference.commands())
def test_every_command_has_help_with_an_example(command: str) -> None:
    text = cli_reference.help_text(*command.split())
    assert "Example" in text
    assert "carrieres " + command in text


def test_help_has_no_stray_no_rewrap_marker() -> None:
    # click's no-rewrap marker is a backspace on a line of its own; written "\\b" it prints as is
    for command in ["", *cli_reference.commands()]:
        text = cli_reference.help_text(*command.split())
        assert "\\b" not in text, command
        assert "\b" not in text, command


def test_path_text_itinerary() -> None:
    result = run("path", "Technicien de maintenance", "Ingénieur sécurité")
    assert result.exit_code == 0, result.output
    assert "Route 1:" in result.output
    assert "Ingénieur administrateur système et réseaux" in result.output
    assert "line 1691" in result.output


def test_path_k3_profile_json() -> None:
    result = run(
        "path",
        "technicien de maintenance",
        "ingenieur securite",
        "-k",
        "3",
        "--education",
        "2",
        "--experience",
        "0",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["from"], data["to"]) == ("technicien-de-maintenance", "ingenieur-securite")
    assert len(data["paths"]) == 3
    assert len({tuple(s["id"] for s in p["steps"]) for p in data["paths"]}) == 3
    first_move = data["paths"][0]["steps"][1]
    assert first_move["profile"]["diploma_to_gain"] == "Bac+4"
    assert data["paths"][0]["years"] > 0


def test_path_json_is_deterministic() -> None:
    args = ("path", "Technicien réseau", "Ingénieur sécurité", "-k", "3", "--format", "json")
    assert run(*args).output == run(*args).output


def test_path_without_route_exits_1_with_an_explanation() -> None:
    result = run("path", "Technicien de maintenance", "Chef de projet", "--edges", "proximity,prerequisite")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no route")
    assert "no fiche names it" in result.stderr
    # with the ROME's moves, the message says that no ROME card leads there either
    result = run("path", "Développeur", "Responsable de compte")
    assert result.exit_code == 1
    assert "no fiche names it" in result.stderr
    assert "in ROME 4.0, no other job's card leads to its card D1410" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("path", "Support technique", "Support technique"),
        ("path", "Support technique", "Ingénieur sécurité", "--education", "-2"),
        ("path", "Support technique", "Ingénieur sécurité", "--experience", "abc"),
        ("path", "Support technique", "Ingénieur sécurité", "--edges", "friendship"),
        ("path", "Support technique", "Ingénieur sécurité", "--weights", "speed=2"),
        ("path", "Support technique", "Astronaute"),
    ],
)
def test_path_invalid_requests_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Error" in result.stderr
    assert "Traceback" not in result.stderr


def test_next_lists_reachable_jobs() -> None:
    result = run("next", "technicien de maintenance", "--moves", "2", "--format", "json", "--all")
    assert result.exit_code == 0
    found = {r["id"]: r for r in json.loads(result.output)}
    assert found["ingenieur-securite"]["moves"] == 2
    assert found["support-technique"]["moves"] == 1
    table = CliRunner().invoke(main, ["next", "technicien de maintenance"], env={"COLUMNS": "400"}).output
    assert "Support technique" in table
    assert "Ingénieur sécurité" not in table


def test_central_top_and_formats() -> None:
    table = CliRunner().invoke(main, ["central", "--top", "5"], env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert len(table.output.splitlines()) == 7
    narrow = run("central", "--top", "5").output  # off a terminal: within 100 columns, rows wrapped
    assert max(map(len, narrow.splitlines())) <= 100
    assert len(narrow.splitlines()) > 7
    data = json.loads(run("central", "--top", "5", "--format", "json").output)
    assert len(data) == 5
    assert {
        "id",
        "title",
        "degree",
        "in_degree",
        "out_degree",
        "betweenness",
        "closeness",
        "pagerank",
    } <= set(data[0])
    assert [row["betweenness"] for row in data] == sorted((row["betweenness"] for row in data), reverse=True)
    by_pagerank = json.loads(run("central", "--by", "pagerank", "--format", "json").output)
    assert [row["pagerank"] for row in by_pagerank] == sorted(
        (r["pagerank"] for r in by_pagerank), reverse=True
    )
    assert run("central", "--by", "fame").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ("central", "--format", "json"),
        ("clusters", "--format", "json"),
        ("clusters", "--method", "label_propagation", "--seed", "4", "--format", "json"),
        ("stats", "--format", "json"),
        ("central", "--edges", "proximity,prerequisite,similarity", "--format", "json"),
    ],
)
def test_analysis_output_is_byte_identical(args: tuple[str, ...]) -> None:
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.output
    assert first.output == second.output


def test_clusters_json_shape() -> None:
    data = json.loads(run("clusters", "--format", "json").output)
    assert {"method", "modularity", "clusters", "vs_families"} <= set(data)
    assert {"ari", "nmi", "contingency", "regrouped"} <= set(data["vs_families"])
    text = run("clusters").output
    assert "vs families: ARI" in text


def test_stats_lists_isolated_jobs_and_entry_points() -> None:
    text = run("stats", "--edges", "proximity,prerequisite").output
    assert "isolated jobs (11)" in text
    assert "entry points, open to beginners (4): " in text
    assert "Technicien de maintenance" in text
    assert "moves by source: référentiel 95\n" in text


def test_stats_counts_moves_by_source() -> None:
    fiches = json.loads(run("stats", "--edges", "proximity,prerequisite", "--format", "json").output)
    both = json.loads(run("stats", "--format", "json").output)
    assert (
        both["moves_by_source"]["référentiel"] == fiches["moves_by_source"]["référentiel"] == fiches["links"]
    )
    assert set(both["moves_by_source"]) == {"référentiel", "ROME 4.0", "skills"}
    assert sum(both["moves_by_source"].values()) == both["links"]
    assert both["links_by_kind"]["rome"] >= both["moves_by_source"]["ROME 4.0"]  # some with skills too
    assert len(both["isolated"]) < len(fiches["isolated"])


def test_plot_and_export_commands(tmp_path: Path) -> None:
    picture = tmp_path / "path.png"
    result = run(
        "plot",
        "path",
        "--from",
        "Technicien de maintenance",
        "--to",
        "Ingénieur sécurité",
        "-k",
        "2",
        "--size",
        "14x8",
        "--dpi",
        "50",
        "-o",
        str(picture),
    )
    assert result.exit_code == 0, result.output
    data = picture.read_bytes()
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (700, 400)
    again = run("plot", "map", "-o", str(picture))
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert run("plot", "path", "-o", str(tmp_path / "x.png")).exit_code == 2
    assert run("plot", "map", "-o", str(tmp_path / "x.gif")).exit_code == 2
    assert run("plot", "map", "--size", "huge", "-o", str(tmp_path / "y.png")).exit_code == 2
    assert run("plot", "map", "-o", str(tmp_path / "missing" / "y.png")).exit_code == 2
    graphml = tmp_path / "g.graphml"
    assert run("export", "graphml", "-o", str(graphml)).exit_code == 0
    first = graphml.read_bytes()
    assert run("export", "graphml", "-o", str(graphml), "--force").exit_code == 0
    assert graphml.read_bytes() == first
    assert run("export", "xlsx", "-o", str(tmp_path / "g.xlsx")).exit_code == 2


def test_referentiel_by_name_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    by_option = run("-r", "rome-v3", "show", "I1401", "--format", "json")
    assert json.loads(by_option.output)["code"] == "I1401"
    monkeypatch.setenv("CARRIERES_REFERENTIEL", "rome-v3")
    by_env = run("show", "I1401", "--format", "json")
    assert by_env.output == by_option.output


def test_schema_is_the_referentiel_json_schema() -> None:
    schema = json.loads(run("schema").output)
    assert schema["title"] == "Referentiel"
    assert "jobs" in schema["properties"]


def test_routes_answers_each_row_and_keeps_its_cells(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text(
        "name;team;from;to\n"
        "Ada;ops;Technicien de maintenance;ingenieur securite\n"
        "Cléo;sales;support technique;Responsable de compte\n"
        "Dan;dev;Chef de projet;Directeur de projet\n",
        encoding="utf-8",
    )
    result = run("routes", str(team), "--education", "2", "--format", "csv")
    assert result.exit_code == 0, result.output
    header, ada, cleo, dan = csv.reader(io.StringIO(result.output))
    assert header == ["name", "team", "from", "to", "moves", "cost", "years", "route", "to learn"]
    ask = ("Technicien de maintenance", "Ingénieur sécurité", "--education", "2", "--format", "json")
    alone = json.loads(run("path", *ask).output)
    best = alone["paths"][0]
    assert ada[4:7] == [str(best["moves"]), f"{best['cost']:g}", f"{best['years']:g}"]
    assert ada[7] == " → ".join(step["title"] for step in best["steps"])
    first_core = best["steps"][1]["learn"]["savoir_faire"][0]["text"]
    assert ada[8].startswith(first_core)  # what the route asks to learn, core skills first
    assert cleo[4:] == ["", "", "", "no route", ""]
    data = json.loads(run("routes", str(team), "--format", "json").output)
    assert [(row["line"], row["cells"]["name"], bool(row["paths"])) for row in data] == [
        (2, "Ada", True),
        (3, "Cléo", False),
        (4, "Dan", True),
    ]
    # a move only the ROME gives is drawn ⇢, and the JSON carries the ROME link behind it
    steps = data[2]["paths"][0]["steps"]
    lifted = [step for step in steps if any("move" in link for link in step["links"])]
    assert lifted
    assert dan[7].count(" ⇢ ") == len(lifted)
    for step in lifted:
        move = step["links"][0]["move"]
        assert step["links"][0]["kind"] == "rome"
        assert move["target"] == step["id"]
        assert f"{move['link_from']['code']}" in step["explanation"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,from,to\nAda,Technicien réseau,Astronaute\n", "line 2: column 'to': unknown job 'Astronaute'"),
        ("name,from,to\nAda,Support technique,support technique\n", "line 2: .* are the same job"),
        ("name,de,vers\nAda,a,b\n", "line 1: no column 'from', 'to'"),
        ("name,from,to\nAda,Support technique\n", "line 2: 2 cells where the header has 3"),
        (
            "name,from,to,education\nAda,Support technique,Chef de projet,maternelle\n",
            "line 2: .*'maternelle' is",
        ),
        ("name,from,to,experience\nAda,Support technique,Chef de projet,-2\n", "line 2: .*'-2' is not"),
        ("from,to,from\nDéveloppeur,Chef de projet,Support technique\n", "line 1: .* column 'from' twice"),
        ("from,to\nDéveloppeur,\n", "line 2: column 'to': the job name is empty"),
        ("name,from,to,cost\nAda,Développeur,Chef de projet,3\n", "line 1: .*'cost', which routes writes"),
    ],
)
def test_routes_errors_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(content, encoding="utf-8")
    result = run("routes", str(pairs))
    assert result.exit_code == 1
    assert re.search(message, result.output), result.output
    assert "Traceback" not in result.output


def test_routes_checks_every_row_before_it_writes_one(tmp_path: Path) -> None:
    """A table is answered as it is read, but a bad row near its end still leaves no output."""
    rows = "".join(f"{i},Support technique,Directeur technique\n" for i in range(3 * ROWS_AT_ONCE))
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("n,from,to\n" + rows + "last,Support technique,Astronaute\n", encoding="utf-8")
    for fmt in ("csv", "json"):
        result = CliRunner().invoke(main, ["routes", str(pairs), "--format", fmt])
        assert result.exit_code == 1
        assert result.stdout == ""
        assert f"line {3 * ROWS_AT_ONCE + 2}: column 'to': unknown job 'Astronaute'" in result.stderr
    pairs.write_text("n,from,to\n" + rows, encoding="utf-8")
    result = CliRunner().invoke(main, ["routes", str(pairs), "--format", "csv"])
    assert result.exit_code == 0
    assert len(list(csv.reader(io.StringIO(result.stdout)))) == 1 + 3 * ROWS_AT_ONCE


def test_routes_reads_each_persons_education_and_years(tmp_path: Path) -> None:
    team = tmp_path / "team.tsv"
    team.write_text(
        "name\tfrom\tto\teducation\texperience\n"
        "Ada\tTechnicien de maintenance\tIngénieur sécurité\tBac+2\t0\n"
        "Bob\tTechnicien de maintenance\tIngénieur sécurité\t5\t10,5\n"
        "Cyd\tTechnicien de maintenance\tIngénieur sécurité\t\t\n",
        encoding="utf-8",
    )
    rows = json.loads(run("routes", str(team), "--education", "4", "--format", "json").output)
    asked = [("2", "0"), ("5", "10.5"), ("4", "0")]  # Cyd's empty cells take the options
    for row, (education, experience) in zip(rows, asked, strict=True):
        alone = run(
            "path", "Technicien de maintenance", "Ingénieur sécurité",
            "--education", education, "--experience", experience, "--format", "json",
        )  # fmt: skip
        assert row["paths"] == json.loads(alone.output)["paths"]
        profile = row["profile"]
        assert (profile["education"], profile["experience"]) == (int(education), float(experience))


@pytest.mark.parametrize(
    ("words", "level"),
    [
        ("licence", "Bac+3"),
        ("Bac+2", "Bac+2"),
        ("MASTER", "Bac+5"),
        ("ingénieur", "Bac+5"),
        ("cap", "CAP/BEP"),
        ("niveau 6", "Bac+3"),  # the national nomenclature: not Bac+6
        ("Niveau 5", "Bac+2"),
        ("CEC 7", "Bac+5"),
        ("niveau IV", "Bac"),
    ],
)
def test_education_in_words(words: str, level: str) -> None:
    result = run("path", "Technicien de maintenance", "Ingénieur sécurité", "--education", words)
    assert result.exit_code == 0, result.output
    assert f"Profile: education {level}, 0 years worked" in result.output


@pytest.mark.parametrize("words", ["banane", "Bac+9", "-2", "bac+", "niveau 2", "niveau 9"])
def test_an_unknown_education_word_is_refused_with_the_words_known(words: str) -> None:
    result = run("path", "Technicien de maintenance", "Ingénieur sécurité", "--education", words)
    assert result.exit_code == 2
    assert "is not an education level" in result.output
    assert "licence, bachelor, master" in result.output
    assert "Traceback" not in result.output


def test_each_command_is_found_in_the_module_the_group_imports_for_it() -> None:
    """The group imports a command's module only when the command is asked for: every command
    must be listed with its module, and ``path`` must not load the pictures or the analyses."""
    import importlib  # noqa: PLC0415

    from carrieres.cli.base import COMMAND_MODULES  # noqa: PLC0415

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"carrieres.cli.{module}")
    assert set(main.commands) == set(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        assert main.commands[name].callback.__module__.startswith(f"carrieres.cli.{module}"), name
    code = (
        "import sys; from carrieres.__main__ import run; sys.argv = ['carrieres', 'path', "
        "'Technicien de maintenance', 'Ingénieur sécurité']\ntry:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('carrieres.cli.', 'matplotlib', 'pydantic'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == str(
        ["carrieres.cli._click", "carrieres.cli.base", "carrieres.cli.options", "carrieres.cli.routes"]
    )
