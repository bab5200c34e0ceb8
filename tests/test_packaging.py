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
    target = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    return target


def test_installed_package_finds_its_data_from_any_folder(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "carrieres", "jobs", "--format", "json"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(result.stdout)) == 41
    rome = subprocess.run(
        [sys.executable, "-m", "carrieres", "-r", "rome-v3", "show", "I1401", "--format", "json"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(rome.stdout)["title"] == "Maintenance informatique et bureautique"
    # the shipped référentiel carries its reviewed crosswalk and the ROME 4.0 moves
    crosswalk = subprocess.run(
        [sys.executable, "-m", "carrieres", "path", "Développeur", "Chef de projet", "--format", "json"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "rome" in json.loads(crosswalk.stdout)["edges"]
    where = subprocess.run(
        [sys.executable, "-c", "import carrieres.files as m; print(m.__file__, m.shipped_dataset_path())"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(path.startswith(str(installed)) for path in where)
    # the interactive map, with its drawing library, from the installed package alone
    subprocess.run(
        [sys.executable, "-m", "carrieres", "export", "html", "-o", "map.html"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "The Cytoscape Consortium" in page
    assert "function findRoutes" in page
    # the shell completion of names, from the installed index
    completed = subprocess.run(
        [sys.executable, "-m", "carrieres"],
        cwd=tmp_path,
        env={
            "PYTHONPATH": str(installed),
            "PATH": "/usr/bin:/bin",
            "_CARRIERES_COMPLETE": "bash_complete",
            "COMP_WORDS": "carrieres path secu",
            "COMP_CWORD": "2",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout == "plain,ingenieur-securite\n"
