"""The command line as the documentation shows it: its commands, and the outputs the pages print.

The site's command reference is generated from the click commands (sphinx-click, ``docs/cli.md``).
The guide pages and the README show commands with what they print, in ``console`` blocks::

    ```console
    $ carrieres --lang fr next "support technique" --top 3
    métier         mobilités coût ...
    ```

Each block is run (``COLUMNS=100``, an English environment, in a folder holding the files of
``docs/examples``) and compared with the page; a line ``[…]`` on its own stands for lines left
out. Run ``python -m tests.cli_reference --write`` to refresh every block that leaves nothing out
after changing what a command prints; ``tests/test_docs.py`` fails while a page differs.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
from click.testing import CliRunner

from carrieres.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
ELIDED = "[…]"
"""A line of a block that stands for one or more lines of the output left out."""
WIDTH = "100"
_SCRIPT = shutil.which("carrieres", path=str(Path(sys.executable).parent))
PROGRAM = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "carrieres"]
"""The installed ``carrieres`` program beside this Python (its usage lines say ``carrieres``)."""


def commands() -> list[str]:
    """Every command, a group's subcommands after it (``plot``, ``plot map``), in the order listed."""
    names = []
    context = click.Context(main)
    for name in main.list_commands(context):  # the group loads each command's module when asked
        names.append(name)
        command = main.get_command(context, name)
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in command.list_commands(click.Context(command))]
    return names


def command(name: str) -> click.Command:
    """The click command ``name`` (``"plot map"``; ``""`` is the group itself)."""
    found: click.Command = main
    for word in name.split():
        assert isinstance(found, click.Group)
        sub = found.get_command(click.Context(found), word)
        assert sub is not None, name
        found = sub
    return found


def help_text(*args: str) -> str:
    """What ``carrieres ARGS --help`` prints."""
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="carrieres", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


@dataclass(frozen=True)
class Block:
    """A ``console`` block of a page: the command it shows and the output printed under it."""

    page: Path
    line: int
    command: str
    shown: list[str]

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def pages() -> list[Path]:
    """The pages whose console blocks are checked: the site's Markdown and the README."""
    return [*sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts), ROOT / "README.md"]


_FENCE = re.compile(r"^(`{3,})console\s*$")


def blocks(page: Path) -> Iterator[Block]:
    """The ``console`` blocks of a page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        i += 1
        if not fence:
            continue
        start = i
        body = []
        while not lines[i].startswith(fence[1]):
            body.append(lines[i])
            i += 1
        i += 1
        assert body, f"{page}:{start}: an empty console block"
        assert body[0].startswith("$ "), f"{page}:{start}: a console block begins with '$ '"
        text = body.pop(0)[2:]
        while text.endswith("\\"):
            text = text[:-1] + " " + body.pop(0).strip()
        yield Block(page, start, text, body)


@contextlib.contextmanager
def session() -> Iterator[Path]:
    """A fresh folder holding the files of ``docs/examples``: a page's commands run there, in order
    (a block may read what an earlier block of the page wrote)."""
    with tempfile.TemporaryDirectory() as folder:
        if EXAMPLES.is_dir():
            shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
        yield Path(folder)


def run(text: str, folder: Path) -> str:
    """What ``text`` (a ``carrieres …`` command line) prints in ``folder``: stderr, then stdout.

    In English unless it says ``--lang``, wrapped to 100 columns, as the installed program.
    """
    args = shlex.split(text)
    assert args[0] == "carrieres", text
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "CARRIERES_"))
    }
    environment.update(COLUMNS=WIDTH, LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [*PROGRAM, *args[1:]],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    return done.stderr + done.stdout


def differences(page: Path) -> Iterator[tuple[Block, str]]:
    """Each console block of ``page`` whose output differs from what its command prints, with the
    output printed; the page's commands run in one :func:`session`, in order."""
    with session() as folder:
        for block in blocks(page):
            printed = run(block.command, folder)
            if not matches(block.shown, printed):
                yield block, printed


def matches(shown: list[str], printed: str) -> bool:
    """Whether the lines a page shows are what was printed, ``[…]`` standing for lines left out."""
    pattern = "".join(
        r"(?:.*\n)+" if line == ELIDED else re.escape(line.rstrip()) + r"[ \t]*\n" for line in shown
    )
    text = "".join(line.rstrip() + "\n" for line in printed.splitlines())
    return re.fullmatch(pattern, text) is not None


def write() -> None:
    """Refresh the output of every console block that leaves nothing out; list the others that differ."""
    for page in pages():
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        for block, printed in reversed(list(differences(page))):
            if ELIDED in block.shown:
                click.echo(f"{block.where}: differs, and leaves lines out: edit it by hand", err=True)
                continue
            head = block.line  # the command's first line
            while lines[head].rstrip().endswith("\\"):
                head += 1
            lines[head + 1 : head + 1 + len(block.shown)] = [
                line.rstrip() + "\n" for line in printed.splitlines()
            ]
            click.echo(f"{block.where}: refreshed")
        page.write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        for page in pages():
            for block, _ in differences(page):
                click.echo(f"{block.where}: differs")
