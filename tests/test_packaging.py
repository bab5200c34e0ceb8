"""The built package works without the repository: it carries its data."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, installed into an empty folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", work, ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("carrieres-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "carrieres/data/metiers-informatique.json" in names
    assert "carrieres/data/rome-v3.json" in names
    assert "carrieres/data/rome-v4.json" in names
    assert "carrieres/data/crosswalk-rome-v4.json" in names
    assert "carrieres/templates/webmap.html" in names
    assert "carrieres/templates/webmap.js" in names
    assert "carrieres/completion.json" in names
    assert "carrieres/templates/vendor/cytoscape.min.js" in names
    assert "carrieres/templates/vendor/cytoscape.LICENSE" in names
    assert "carrieres/data/rome-v4-cards.json" in names
    assert "carrieres/data/metiers-informatique-cards.json" in names
    assert wheel.stat().st_size < 5 * 2**20  # the wheel stays under 5 MB, card content included
    target = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    return target


def _installed(installed: Path, folder: Path, *args: str, **env: str) -> str:
    """What ``python ARGS`` prints in ``folder`` with only the installed package on the path."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=folder,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_installed_package_finds_its_data_from_any_folder(installed: Path, tmp_path: Path) -> None:
    jobs = _installed(installed, tmp_path, "-m", "carrieres", "jobs", "--format", "json")
    assert len(json.loads(jobs)) == 41
    rome = _installed(
        installed, tmp_path, "-m", "carrieres", "-r", "rome-v3", "show", "I1401", "--format", "json"
    )
    assert json.loads(rome)["title"] == "Maintenance informatique et bureautique"
    # the shipped référentiel carries its reviewed crosswalk and the ROME 4.0 moves
    crosswalk = _installed(
        installed, tmp_path, "-m", "carrieres", "path", "Développeur", "Chef de projet", "--format", "json"
    )
    assert "rome" in json.loads(crosswalk)["edges"]
    # the content of the cards: the job's access values and skills, from the installed libraries
    steps = json.loads(crosswalk)["paths"][0]["steps"]
    assert steps[-1]["requires"]["origins"]["education"] == "rome-v4:M1853"
    assert steps[-1]["learn"]["compared"] == "codes"
    card = _installed(
        installed, tmp_path, "-m", "carrieres", "-r", "rome-v4", "show", "M1805", "--format", "json"
    )
    assert json.loads(card)["card"]["riasec"] == "IC"
    code = "import carrieres.files as m; print(m.__file__, m.shipped_dataset_path())"
    where = _installed(installed, tmp_path, "-c", code).split()
    assert all(path.startswith(str(installed)) for path in where)
    # the interactive map, with its drawing library, from the installed package alone
    _installed(installed, tmp_path, "-m", "carrieres", "export", "html", "-o", "map.html")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "The Cytoscape Consortium" in page
    assert "function findRoutes" in page
    # the shell completion of names, from the installed index
    completed = _installed(
        installed,
        tmp_path,
        "-m",
        "carrieres",
        _CARRIERES_COMPLETE="bash_complete",
        COMP_WORDS="carrieres path secu",
        COMP_CWORD="2",
    )
    assert completed == "plain,ingenieur-securite\n"
