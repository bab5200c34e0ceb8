"""The documentation: the site covers every command, option and public name, and shows what runs.

The site itself is built by ``make docs`` (warnings are errors); these tests check its sources:
the command reference lists what the command line has, the API reference lists ``__all__`` and
each entry has an example, every command a page shows prints what the page says, the French guide
is typeset in French, and the README stays short with links that resolve.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest

import carrieres

from . import cli_reference
from .cli_reference import DOCS, ROOT

pytest.importorskip("sphinx_click", reason="the docs extra is not installed")

API_PAGES = sorted((DOCS / "api").glob("*.md"))
PUBLIC = [name for name in carrieres.__all__ if name != "__version__"]


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- The command reference -------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The command reference page as the site renders it, built alone as text."""
    source = tmp_path_factory.mktemp("cli-page")
    shutil.copy(DOCS / "conf.py", source / "conf.py")
    shutil.copy(DOCS / "cli.md", source / "cli.md")
    (source / "_static").mkdir()
    out = source / "_build"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "text", "-D", "root_doc=cli", source, out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return (out / "cli.txt").read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """Each command's part of the rendered reference, by its name (``""`` for the group)."""
    parts = text.split("-[ Usage ]-")
    sections = {}
    for part in parts[1:]:
        usage = part.strip().splitlines()[0].split()
        assert usage[0] == "carrieres", usage
        name = " ".join(word for word in usage[1:] if word.islower() and word.isidentifier())
        sections[name] = part
    return sections


def test_the_reference_page_generates_every_command_from_the_group() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    directives = re.findall(r"^\.\. click:: (\S+)\n((?:   :\S+:.*\n)*)", text, flags=re.MULTILINE)
    assert directives == [("carrieres.cli:main", "   :prog: carrieres\n   :nested: full\n")]


def test_every_command_has_its_section_in_the_reference(reference_text: str) -> None:
    assert sorted(_sections(reference_text)) == sorted(["", *cli_reference.commands()])


@pytest.mark.parametrize("name", ["", *cli_reference.commands()])
def test_every_option_and_argument_of_a_command_is_in_the_reference(reference_text: str, name: str) -> None:
    section = _sections(reference_text)[name]
    signatures = [line for line in section.splitlines() if line.startswith("-")]
    command = cli_reference.command(name)
    summary = inspect.cleandoc(command.help or "").split("\n")[0]
    assert summary
    assert summary in " ".join(reference_text.split())  # the help is written before the usage
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            for declaration in [*param.opts, *param.secondary_opts]:
                assert any(re.search(rf"(^|, ){re.escape(declaration)}( |,|$)", s) for s in signatures), (
                    f"carrieres {name} {declaration} is missing from the reference"
                )
        elif isinstance(param, click.Argument):
            assert re.search(rf"^{re.escape(param.human_readable_name)}$", section, flags=re.MULTILINE)


# --- The API reference -----------------------------------------------------------------------


def _documented() -> set[str]:
    names = set()
    for page in API_PAGES:
        text = page.read_text(encoding="utf-8")
        for name in re.findall(
            r"^\.\. (?:auto)?(?:function|class|data|exception):: (\S+)", text, re.MULTILINE
        ):
            names.add(name.removeprefix("carrieres."))
    return names


def test_every_public_name_has_an_entry_in_the_api_reference() -> None:
    assert set(carrieres.__all__) - _documented() == set()


def test_the_api_reference_is_in_the_site() -> None:
    index = (DOCS / "api" / "index.md").read_text(encoding="utf-8")
    for page in API_PAGES:
        if page.stem != "index":
            assert re.search(rf"^{page.stem}$", index, re.MULTILINE), page


def _public(name: str) -> object:
    """A public name as its module defines it (``carrieres.webmap`` is also a module's name)."""
    return getattr(importlib.import_module(carrieres._MODULE_OF[name]), name)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_has_an_example(name: str) -> None:
    doc = inspect.getdoc(_public(name)) or ""
    assert "\nExamples\n--------\n" in doc, f"carrieres.{name} has no Examples section"
    examples = doc.split("\nExamples\n--------\n", 1)[1]
    assert ">>> " in examples


def test_the_version_is_written_once() -> None:
    init = (ROOT / "src" / "carrieres" / "__init__.py").read_text(encoding="utf-8")
    assert init.count(f'__version__ = "{carrieres.__version__}"') == 1
    assert 'path = "src/carrieres/__init__.py"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert cli_reference.run("carrieres --version", ROOT) == f"carrieres, version {carrieres.__version__}\n"


# --- Pages that show commands and their output -----------------------------------------------

PAGES_WITH_OUTPUT = [page for page in cli_reference.pages() if list(cli_reference.blocks(page))]


def test_the_guides_show_commands_with_their_output() -> None:
    shown = {
        page.relative_to(ROOT).as_posix(): len(list(cli_reference.blocks(page))) for page in PAGES_WITH_OUTPUT
    }
    assert shown["docs/conseiller.md"] >= 10
    assert shown["docs/getting-started.md"] >= 1
    assert shown["README.md"] == 5


@pytest.mark.parametrize("page", PAGES_WITH_OUTPUT, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_command_a_page_shows_prints_what_the_page_says(page: Path) -> None:
    stale = [block.where for block, _ in cli_reference.differences(page)]
    assert stale == [], "run 'python -m tests.cli_reference --write' (by hand where lines are left out)"


def test_an_elided_block_matches_only_its_own_lines() -> None:
    assert cli_reference.matches(["a", "[…]", "d"], "a\nb\nc\nd\n")
    assert not cli_reference.matches(["a", "[…]", "d"], "a\nd\n")  # […] stands for lines, not none
    assert not cli_reference.matches(["a", "d"], "a\nb\nd\n")
    assert cli_reference.matches(["x  "], "x\n")  # trailing spaces do not count
    assert not cli_reference.matches(["x", "y"], "x\n")


def test_the_french_guide_answers_in_french() -> None:
    blocks = list(cli_reference.blocks(DOCS / "conseiller.md"))
    assert all(block.command.startswith("carrieres --lang fr ") for block in blocks)


def _prose(page: Path) -> str:
    """A page without its code blocks and inline code."""
    text = re.sub(r"^(`{3,}).*?^\1\s*$", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"`[^`]*`", "", text)


def test_the_french_guide_is_typeset_in_french() -> None:
    prose = _prose(DOCS / "conseiller.md")
    assert prose.count("«") == prose.count("»") > 10
    assert re.findall(r"«(?!\u00a0)|(?<!\u00a0)»", prose) == []  # « guillemets » with no-break spaces
    assert re.findall(r"[^\s\u00a0(][:;?!](?=\s)| [:;?!]", prose.replace("://", "")) == []
    assert "'" not in prose.replace("{doc}", "")  # one apostrophe: ’
    for question in (
        "Comment passer de",
        "Que dois-je apprendre",
        "Quels métiers sont proches",
        "Quel diplôme",
    ):
        assert re.search(rf"^## «\u00a0{question}.*\u00a0?»$", prose, re.MULTILINE), question


# --- Pages, links and the README -------------------------------------------------------------


def test_the_site_shows_every_notebook() -> None:
    shown = sorted(path.name for path in (DOCS / "notebooks").glob("*.ipynb"))
    assert shown == sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    for path in (DOCS / "notebooks").glob("*.ipynb"):
        assert path.resolve() == (ROOT / "notebooks" / path.name).resolve()


def test_a_reference_into_the_package_must_name_something_it_has() -> None:
    conf = _load(DOCS / "conf.py")
    assert conf._exists("carrieres.paths.find_paths")
    assert conf._exists("carrieres._engine.ENGINE_THRESHOLD")  # shown unlinked: no entry of its own
    assert conf._exists("carrieres.models.Job.attributes")  # a record's field
    assert not conf._exists("carrieres.paths.find_path")
    assert not conf._exists("carrieres.models.Job.atributes")
    assert not conf._exists("carrieres.nowhere")


def test_the_link_check_finds_broken_links(tmp_path: Path) -> None:
    check = _load(DOCS / "check_links.py")
    (tmp_path / "a.html").write_text(
        '<a href="b.html#here">ok</a><a href="b.html#gone">anchor</a><a href="c.html">file</a>'
        '<a href="https://example.org/x">away</a><img src="pic.png"><a href="#top">self</a><p id="top">',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<h1 id="here">b</h1>', encoding="utf-8")
    (tmp_path / "pic.png").write_bytes(b"")
    assert check.broken_links(tmp_path) == [
        "a.html: b.html#gone (no such anchor)",
        "a.html: c.html (no such file)",
    ]


def _links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'src="([^"]+)"', text)


def test_the_readme_is_short_and_its_links_resolve() -> None:
    readme = ROOT / "README.md"
    assert len(readme.read_text(encoding="utf-8").splitlines()) <= 250
    links = [link for link in _links(readme) if not link.startswith(("http://", "https://"))]
    assert links
    for link in links:
        assert (ROOT / link.split("#")[0]).exists(), link


def test_the_readme_links_each_part_of_the_site() -> None:
    links = {link.split("#")[0] for link in _links(ROOT / "README.md")}
    parts = {"docs/index.md", "docs/getting-started.md", "docs/guide/index.md", "docs/conseiller.md"}
    parts |= {"docs/cli.md", "docs/api/index.md", "docs/notebooks/index.md", "docs/data.md", "CHANGELOG.md"}
    assert parts <= links
    assert any(link.endswith(".png") for link in links)
