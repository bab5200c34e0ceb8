"""The notebooks run top to bottom on a clean kernel, and say what the library says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from carrieres.cli import main

from .conftest import ROOT

nbformat = pytest.importorskip(
    "nbformat", reason="the notebook tools are not installed (pip install -e '.[dev]')"
)
nbclient = pytest.importorskip(
    "nbclient", reason="the notebook tools are not installed (pip install -e '.[dev]')"
)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _run(path: Path) -> Any:
    book = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return book


def _outputs(book: Any) -> str:
    texts = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
    return "\n".join(texts)


def test_the_notebooks_are_numbered() -> None:
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-", "04-"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_from_scratch(path: Path) -> None:
    book = _run(path)
    errors = [o for c in book.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    committed = nbformat.read(path, as_version=4)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    assert all(cell.get("execution_count") for cell in code), f"{path.name} is committed unexecuted"
    assert sum(bool(cell.get("outputs")) for cell in code) >= len(code) - 1


def test_tour_gives_the_command_line_answer() -> None:
    book = _run(ROOT / "notebooks" / "01-tour.ipynb")
    result = CliRunner().invoke(
        main, ["path", "Technicien de maintenance", "Ingénieur sécurité", "-k", "3", "--format", "json"]
    )
    routes = [[step["title"] for step in path["steps"]] for path in json.loads(result.output)["paths"]]
    text = _outputs(book)
    for route in routes:
        for title in route:
            assert repr(title) in text


def test_crosswalk_notebook_explains_the_rome_step_as_the_command_line_does() -> None:
    book = _run(ROOT / "notebooks" / "04-rome-crosswalk.ipynb")
    asked = ["path", "Développeur", "Chef de projet", "-k", "2", "--education", "3", "--experience", "2"]
    result = CliRunner().invoke(main, [*asked, "--format", "json"])
    steps = [step for path in json.loads(result.output)["paths"] for step in path["steps"][1:]]
    text = _outputs(book)
    assert any("ROME 4.0: " in step["explanation"] for step in steps)
    for step in steps:
        assert step["explanation"] in text
