"""The README's command-line reference, generated from ``--help``.

Run ``python -m tests.cli_reference --write`` to refresh the README after
changing a command; ``tests/test_cli.py`` fails while they differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from carrieres.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"


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


def help_text(*args: str) -> str:
    """What ``carrieres ARGS --help`` prints."""
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="carrieres", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def reference() -> str:
    """The README section: the group's help, then each command's."""
    blocks = ["```text\n$ carrieres --help\n" + help_text() + "```"]
    for name in commands():
        blocks.append(f"```text\n$ carrieres {name} --help\n" + help_text(*name.split()) + "```")
    return "\n\n".join(blocks)


def readme_section() -> str:
    """The reference as the README has it now."""
    text = README.read_text(encoding="utf-8")
    return text[text.index(START) + len(START) : text.index(END)].strip()


def write() -> None:
    """Replace the README's section with a fresh one."""
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{START}\n{reference()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        click.echo(reference())
