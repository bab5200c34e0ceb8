"""The ``carrieres`` command line: thin commands over the library.

Every command reads the référentiel given by ``--referentiel`` (or the
``CARRIERES_REFERENTIEL`` environment variable; default: the shipped one),
makes one library call and renders the result. Errors are printed as
``Error: …`` on stderr, with exit status 1 for invalid input (a malformed
document) and 2 for an invalid request (an unknown job name, an existing
output file).
"""

from __future__ import annotations

from typing import Any

import click

from carrieres import __version__
from carrieres._render import check_data, check_text, job_card, table, to_csv, to_json
from carrieres.exceptions import CarrieresError
from carrieres.io import load_referentiel, save_referentiel
from carrieres.models import Referentiel
from carrieres.parse import parse_file


class _Group(click.Group):
    """A click group that turns library errors into ``Error: …`` and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CarrieresError as err:
            failure = _BadRequest if err.exit_code == _BadRequest.exit_code else click.ClickException
            raise failure(str(err)) from None


class _BadRequest(click.ClickException):
    """``Error: …`` on stderr and exit status 2: the request itself is wrong."""

    exit_code = 2


def _referentiel(ctx: click.Context) -> Referentiel:
    loaded = ctx.obj.get("referentiel")
    if loaded is None:
        loaded = ctx.obj["referentiel"] = load_referentiel(ctx.obj["path"])
    assert isinstance(loaded, Referentiel)
    return loaded


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="carrieres")
@click.option(
    "-r",
    "--referentiel",
    "path",
    envvar="CARRIERES_REFERENTIEL",
    type=click.Path(dir_okay=False),
    help="Référentiel JSON file to use (default: the shipped 41 IT jobs).",
)
@click.pass_context
def main(ctx: click.Context, path: str | None) -> None:
    """Career paths through a référentiel of jobs.

    \b
    Examples:
      carrieres jobs --family production
      carrieres show "ingenieur securite"
      carrieres check my-fiches.txt
    """
    ctx.ensure_object(dict)
    ctx.obj["path"] = path


_FORMAT_TABLE = click.Choice(["table", "json", "csv"])
_FORMAT_TEXT = click.Choice(["text", "json"])


@main.command()
@click.option("--family", help="Only the jobs of this family or sub-family.")
@click.option("--format", "fmt", type=_FORMAT_TABLE, default="table", show_default=True)
@click.pass_context
def jobs(ctx: click.Context, family: str | None, fmt: str) -> None:
    """List the jobs of the référentiel.

    \b
    Example:
      carrieres jobs --family "support et assistance" --format csv
    """
    referentiel = _referentiel(ctx)
    selected = list(referentiel.iter_family(family)) if family else referentiel.jobs
    header = ["id", "title", "family", "subfamily", "has_fiche"]
    rows = [[j.id, j.title, j.family or "", j.subfamily or "", j.has_fiche] for j in selected]
    if fmt == "json":
        click.echo(to_json([dict(zip(header, row, strict=True)) for row in rows]), nl=False)
    elif fmt == "csv":
        click.echo(to_csv(rows, header), nl=False)
    else:
        shown = [
            [j.id, j.title, j.family or "", j.subfamily or "", "yes" if j.has_fiche else "no"]
            for j in selected
        ]
        click.echo(table(shown, ["id", "title", "family", "subfamily", "fiche"]), nl=False)


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=_FORMAT_TEXT, default="text", show_default=True)
@click.pass_context
def show(ctx: click.Context, name: str, fmt: str) -> None:
    """Show one job: its fiche, requirements and links.

    NAME is a title, an appellation or an id; accents and case are optional.

    \b
    Example:
      carrieres show "ingenieur securite" --format json
    """
    referentiel = _referentiel(ctx)
    job = referentiel.job(name)
    if fmt == "json":
        click.echo(to_json(job.model_dump(mode="json")), nl=False)
    else:
        click.echo(job_card(job, referentiel), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=_FORMAT_TEXT, default="text", show_default=True)
def check(file: str, fmt: str) -> None:
    """Check a document of fiches: what was read, what was not.

    Reports the fiches found and the fields of each, the references that name
    no known job, and errors with their line numbers. Exits with status 1 when
    the document has errors.

    \b
    Example:
      carrieres check data/les-41-metiers-informatique.txt
    """
    report = parse_file(file)
    click.echo(to_json(check_data(report)) if fmt == "json" else check_text(report), nl=False)
    if report.errors:
        raise SystemExit(1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JSON file to write.")
@click.option("--name", help="Name of the référentiel (default: from the file name).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def parse(file: str, output: str, name: str | None, force: bool) -> None:
    """Read a document of fiches into a référentiel JSON file.

    Refuses a document with errors (see 'carrieres check').

    \b
    Example:
      carrieres parse my-fiches.txt -o my-referentiel.json
      carrieres -r my-referentiel.json jobs
    """
    report = parse_file(file, name=name)
    if report.errors:
        first = report.errors[0]
        raise click.ClickException(
            f"{file}, line {first.line}: {first.message} "
            f"({len(report.errors)} errors; run 'carrieres check {file}')"
        )
    save_referentiel(report.referentiel, output, force=force)
    click.echo(f"{output}: {len(report.referentiel.jobs)} jobs", err=True)
