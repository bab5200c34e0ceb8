from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from carrieres import Profile, Referentiel, build_graph, find_paths, parse_file
from carrieres.cli import main

from .conftest import TEST_DATA

FICHES = TEST_DATA / "mes-fiches.txt"


def test_own_fiches_link_to_the_shipped_jobs(referentiel: Referentiel) -> None:
    report = parse_file(FICHES, extend=referentiel)
    assert report.errors == []
    mine = report.referentiel
    assert len(mine.jobs) == 42
    assert mine.based_on == referentiel.document
    soc = mine.job("analyste soc")
    assert soc.family == "PRODUCTION"
    assert soc.prerequisites.prior_roles == ["technicien-reseau", "administrateur-de-reseau-d-entreprise"]
    assert [r.ids for r in soc.proximity] == [["ingenieur-securite"], []]
    assert [u.text for u in mine.unresolved][-1] == "Ingénieur fusée"
    route = find_paths(
        build_graph(mine), "Technicien de maintenance", "SOC analyst", profile=Profile(education=2)
    )
    assert [step.id for step in route.paths[0].steps] == [
        "technicien-de-maintenance",
        "technicien-reseau",
        "analyste-soc",
    ]


def test_a_job_already_in_the_referentiel_is_refused(referentiel: Referentiel, tmp_path: Path) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_text(
        FICHES.read_text(encoding="utf-8").replace("ANALYSTE SOC", "SUPPORT TECHNIQUE"), encoding="utf-8"
    )
    report = parse_file(twin, extend=referentiel)
    assert any("already a job" in error.message for error in report.errors)


def test_extend_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    runner = CliRunner()
    result = runner.invoke(main, ["parse", str(FICHES), "--extend", "-o", str(out)])
    assert result.exit_code == 0, result.output
    path = runner.invoke(
        main, ["-r", str(out), "path", "technicien de maintenance", "analyste soc", "--format", "json"]
    )
    assert json.loads(path.output)["to"] == "analyste-soc"
    alone = runner.invoke(main, ["check", str(FICHES)])
    assert "'technicien réseau'" in alone.output
    extended = runner.invoke(main, ["check", str(FICHES), "--extend"])
    assert "'technicien réseau'" not in extended.output
