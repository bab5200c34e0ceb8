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
from pathlib import Path
from typing import Any

import click

from carrieres import __version__
from carrieres._i18n import LANGUAGES, _, set_language
from carrieres.exceptions import CarrieresError, RequestError, UnknownNameError
from carrieres.files import ALIASES, BUILT_IN, LIMITS, load_referentiel
from carrieres.models import Referentiel

__all__ = ["OPTION_NAMES", "built_in_or_file", "in_cli_words", "main", "referentiel"]


class _Group(click.Group):
    """A click group that turns library errors into ``Error: …`` and an exit status."""

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


def referentiel(ctx: click.Context) -> Referentiel:
    """The référentiel the command works on, loaded once."""
    obj = ctx.find_root().obj
    loaded = obj.get("referentiel")
    if loaded is None:
        loaded = obj["referentiel"] = load_referentiel(obj["path"])
        # The référentiel lives until the command ends: keep the garbage collector from
        # scanning its records again and again (seconds per full pass at 100,000 jobs).
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
    msg = f"unknown référentiel {name!r}: give a built-in name ({known}) or a JSON or YAML file"
    raise RequestError(msg)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="carrieres")
@click.option(
    "-r",
    "--referentiel",
    "path",
    envvar="CARRIERES_REFERENTIEL",
    help="Référentiel to use: a built-in name (metiers-informatique, rome-v4 or rome, rome-v3) "
    "or a JSON or YAML file "
    "(default: the shipped 41 IT jobs).",
)
@click.option(
    "--max-input",
    type=click.IntRange(1, 1 << 20),
    default=LIMITS.max_bytes >> 20,
    show_default=True,
    metavar="MB",
    help="The largest file read (document, table, référentiel), in megabytes.",
)
@click.option(
    "--csv-formulas",
    is_flag=True,
    help="Write CSV cells that begin with = + - @ as they are (by default they begin with ' "
    "so that a spreadsheet shows them instead of running them).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="The language of what carrieres writes (default: from LC_ALL, LC_MESSAGES or LANG; English).",
)
@click.pass_context
def main(ctx: click.Context, path: str | None, max_input: int, csv_formulas: bool, lang: str | None) -> None:
    """Career paths through a référentiel of jobs.

    \b
    Examples:
      carrieres jobs --family production
      carrieres show "ingenieur securite"
      carrieres check my-fiches.txt
    """
    ctx.ensure_object(dict)
    set_language(lang)
    ctx.obj["path"] = path
    ctx.obj["csv_formulas"] = csv_formulas
    LIMITS.max_bytes = max_input << 20
