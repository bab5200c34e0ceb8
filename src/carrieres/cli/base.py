"""The ``carrieres`` group: the référentiel option, and library errors as ``Error: …`` (private).

Every command reads the référentiel given by ``--referentiel`` (or the
``CARRIERES_REFERENTIEL`` environment variable; default: the shipped one).
Errors are printed as ``Error: …`` on stderr, with exit status 1 for invalid
input (a malformed document) and 2 for an invalid request (an unknown job name,
an existing output file); the library's messages name its arguments
(```k```), which become the options that carry them (``-k``).
"""

from __future__ import annotations

import gc
import importlib
import inspect
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from carrieres import __version__, _kept
from carrieres._i18n import LANGUAGES, N_, _, set_language
from carrieres._records import no_collection
from carrieres.cli._click import speak_through_click
from carrieres.exceptions import CarrieresError, RequestError, UnknownNameError
from carrieres.files import ALIASES, BUILT_IN, LIMITS, load_referentiel, stored_referentiel
from carrieres.models import Referentiel

__all__ = ["OPTION_NAMES", "built_in_or_file", "in_cli_words", "main", "referentiel"]


speak_through_click()


_TYPE_NAMES = {
    "TEXT": N_("TEXT"),
    "INTEGER": N_("INTEGER"),
    "INTEGER RANGE": N_("INTEGER"),
    "FLOAT": N_("NUMBER"),
    "FLOAT RANGE": N_("NUMBER"),
    "FINITE FLOAT": N_("NUMBER"),
    "LEVEL": N_("LEVEL"),
    "ATTRIBUTE": N_("ATTRIBUTE"),
    "CONDITION": N_("CONDITION"),
    "SCALE": N_("SCALE"),
    "MB": N_("MB"),
}
"""What an option's value is, as its metavar says it (click names it after the type)."""

_TYPE_NAME = re.compile(
    r"(?<=[a-z] )(?:INTEGER RANGE|FLOAT RANGE|FINITE FLOAT|{})\b".format(
        "|".join(name for name in _TYPE_NAMES if " " not in name)
    )
)

_USAGE_WORDS = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
    "NAME": N_("NAME"),
    "FILE": N_("FILE"),
    "FOLDER": N_("FOLDER"),
    "FORMAT": N_("FORMAT"),
    "FROM": N_("FROM"),
    "TO": N_("TO"),
    "PAIRS": N_("PAIRS"),
}
"""The words of a command's usage line, as the language in use writes them (arguments' names)."""


class _Formatter(click.HelpFormatter):
    """Help pages in the language chosen: headings, each option's help and value looked up when written."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_('{heading}:').format(heading=heading)}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        translated = []
        for term, definition in rows:
            text, bracket, extra = definition.partition("  [")  # click appends "  [default: …; …]"
            translated.append(
                (
                    _TYPE_NAME.sub(lambda found: _(_TYPE_NAMES[found[0]]), term),
                    (_(text) if text else "") + bracket + extra.replace("; ", _("; ")),
                )
            )
        super().write_dl(translated, col_max, col_spacing)


class _Context(click.Context):
    formatter_class = _Formatter


class _Command(click.Command):
    """A command whose help is written in the language chosen (help texts are ``N_``-marked)."""

    context_class = _Context

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [
            _(_USAGE_WORDS[piece]) if piece in _USAGE_WORDS else piece
            for piece in super().collect_usage_pieces(ctx)
        ]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(_(self.help)))

    def get_short_help_str(self, limit: int = 45) -> str:
        summary = inspect.cleandoc(_(self.help)).partition("\n")[0] if self.help else ""  # the first line
        return summary if len(summary) <= limit else textwrap.shorten(summary, limit, placeholder="...")

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:  # click caches it in the language of its first use: keep the msgid
            option.help = N_("Show this message and exit.")
        return option


class _Group(_Command, click.Group):
    """The group: help in the language chosen, and library errors as ``Error: …`` with an exit status."""

    command_class = _Command
    group_class = type

    def main(self, *args: Any, **kwargs: Any) -> Any:
        set_language(None)  # the environment's, until --lang says otherwise
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES if self is main else ()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self is main and cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(f"carrieres.cli.{COMMAND_MODULES[cmd_name]}")  # it adds its commands
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CarrieresError as err:
            failure = _BadRequest if err.exit_code == _BadRequest.exit_code else click.ClickException
            raise failure(in_cli_words(err)) from None


class _BadRequest(click.ClickException):
    """``Error: …`` on stderr and exit status 2: the request itself is wrong."""

    exit_code = 2


OPTION_NAMES = {"k": "-k", "force": "--force"}
"""The options that carry a library argument under another name (the rest: ``--`` and the name)."""


def in_cli_words(err: CarrieresError) -> str:
    """A library error as the command line says it: options for the arguments the message names.

    Examples
    --------
    >>> from carrieres.exceptions import PathRequestError, UnknownNameError
    >>> in_cli_words(PathRequestError("`k` must be at least 1 (got 0)"))
    '-k must be at least 1 (got 0)'
    >>> in_cli_words(UnknownNameError("zzz"))
    "unknown job 'zzz'; run 'carrieres jobs' to list the job names"
    """
    message = str(err)
    for argument in err.arguments:
        option = OPTION_NAMES.get(argument, "--" + argument.replace("_", "-"))
        message = message.replace(f"`{argument}`", option)
    if isinstance(err, UnknownNameError) and not err.suggestions:
        hint = _("; run 'carrieres jobs' to list the job names")
        if err.what == "family":
            hint = _("; run 'carrieres jobs' to list the family names")
        message += hint
    return message


STORED_COMMANDS = frozenset({"path", "next", "show"})
"""The commands that keep the référentiel in the cache whatever its size and read it back job by job
(:mod:`carrieres._kept`), and search routes on its moves' costs kept there
(:mod:`carrieres._stored`): a question about a few jobs of ROME 4.0 reads only theirs (``show`` reads
one job and its card). The others keep référentiels of :data:`~carrieres._kept.KEEP_FROM` jobs or
more, as :func:`carrieres.load_referentiel` does."""


def referentiel(ctx: click.Context) -> Referentiel:
    """The référentiel the command works on, loaded once."""
    obj = ctx.find_root().obj
    loaded = obj.get("referentiel")
    if loaded is None:
        # The référentiel lives until the command ends: keep the garbage collector from
        # scanning its records again and again (seconds per full pass at 100,000 jobs).
        with no_collection():
            keep_from = 0 if ctx.find_root().invoked_subcommand in STORED_COMMANDS else _kept.KEEP_FROM
            loaded = obj["referentiel"] = stored_referentiel(
                obj["path"], fiche_only=obj.get("fiche_only", False), keep_from=keep_from
            )
            gc.freeze()
    assert isinstance(loaded, Referentiel)
    return loaded


def built_in_or_file(name: str) -> Referentiel:
    """A référentiel named on the command line, other than the current one.

    Raises
    ------
    RequestError
        Neither a built-in name nor a file.
    """
    if name in BUILT_IN or name in ALIASES or Path(name).is_file():
        return load_referentiel(name)
    known = ", ".join([*BUILT_IN, *ALIASES])
    msg = _("unknown référentiel {name}: give a built-in name ({known}) or a JSON or YAML file")
    msg = msg.format(name=repr(name), known=known)
    raise RequestError(msg)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)


COMMAND_MODULES = {
    **dict.fromkeys(("jobs", "show", "check", "parse", "import", "crosswalk", "link", "schema"), "data"),
    **dict.fromkeys(("path", "routes", "next"), "routes"),
    **dict.fromkeys(("central", "clusters", "stats"), "analysis"),
    **dict.fromkeys(("plot", "export"), "pictures"),
}
"""The module of :mod:`carrieres.cli` that defines each command: a command's module is imported
when the command is asked for, so that ``path`` does not load the pictures' or the analyses'."""


@click.group(
    cls=_Group,
    help=N_(
        "Career paths through a référentiel of jobs.\n\n"
        "\b\nExamples:\n"
        "  carrieres jobs --family production\n"
        '  carrieres show "ingenieur securite"\n'
        "  carrieres check my-fiches.txt"
    ),
)
@click.version_option(__version__, prog_name="carrieres")
@click.option(
    "-r",
    "--referentiel",
    "path",
    envvar="CARRIERES_REFERENTIEL",
    help=N_(
        "Référentiel to use: a built-in name (metiers-informatique, rome-v4 or rome, rome-v3) "
        "or a JSON or YAML file "
        "(default: the shipped 41 IT jobs)."
    ),
)
@click.option(
    "--fiche-only",
    is_flag=True,
    envvar="CARRIERES_FICHE_ONLY",
    help=N_(
        "Use only what the référentiel's own document states: no access values or skills "
        "taken from the jobs' ROME 4.0 cards."
    ),
)
@click.option(
    "--max-input",
    type=click.IntRange(1, 1 << 20),
    default=LIMITS.max_bytes >> 20,
    show_default=True,
    metavar="MB",
    help=N_("The largest file read (document, table, référentiel), in megabytes."),
)
@click.option(
    "--csv-formulas",
    is_flag=True,
    help=N_(
        "Write CSV cells that begin with = + - @ as they are (by default they begin with ' "
        "so that a spreadsheet shows them instead of running them)."
    ),
)
@click.option(
    "--strict",
    is_flag=True,
    envvar="CARRIERES_STRICT",
    help=N_(
        "Refuse a job name that matches several jobs, even where one is clearly the closest "
        "(for scripts: by default that one is taken, and a note on stderr names the others)."
    ),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    is_eager=True,
    expose_value=False,
    callback=_choose_language,
    help=N_("The language of what carrieres writes (default: from LC_ALL, LC_MESSAGES or LANG; English)."),
)
@click.pass_context
def main(
    ctx: click.Context, path: str | None, fiche_only: bool, max_input: int, csv_formulas: bool, strict: bool
) -> None:
    ctx.ensure_object(dict)
    ctx.obj["strict"] = strict
    ctx.obj["path"] = path
    ctx.obj["fiche_only"] = fiche_only
    ctx.obj["csv_formulas"] = csv_formulas
    LIMITS.max_bytes = max_input << 20
