"""Commands on the data: jobs, show, check, parse, import, crosswalk, link, schema (private)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from carrieres._i18n import N_, _, ngettext
from carrieres._render import CARD_HOW, card_places, check_data, check_text, job_card, to_json
from carrieres.cli.base import built_in_or_file, main, referentiel
from carrieres.cli.options import FiniteFloat, Table, echo_result, job_name_argument, output_option
from carrieres.completion import family_names
from carrieres.exceptions import ParseError
from carrieres.files import (
    ALIASES,
    card_content,
    card_library,
    dump_card_library,
    dump_referentiel,
    load_referentiel,
    save_referentiel,
    write_all,
)
from carrieres.models import LEVEL_SCALES, LevelScale, Referentiel

__all__ = ["check", "crosswalk_command", "jobs", "link", "parse_command", "schema", "show"]


def _say_written(output: str, jobs: int, details: str = "") -> None:
    """Tell on stderr what a command wrote: ``mine.json: 41 jobs (details)``."""
    count = ngettext("{count} job", "{count} jobs", jobs).format(count=jobs)
    click.echo(f"{output}: {count}" + (f" ({details})" if details else ""), err=True)


def _say_cards_written(output: str, cards: int, credit: str) -> None:
    """Tell on stderr that a card library was written: ``cards.json: 41 cards (credit)``."""
    count = ngettext("{count} card", "{count} cards", cards).format(count=cards)
    click.echo(f"{output}: {count} ({credit})", err=True)


@main.command(
    help=N_(
        """\
List the jobs of the référentiel.

\b
Example:
  carrieres jobs --family "support et assistance" --format csv
"""
    )
)
@click.option("--family", shell_complete=family_names, help=N_("Only the jobs of this family or sub-family."))
@output_option("table", "json", "csv")
@click.pass_context
def jobs(ctx: click.Context, family: str | None, fmt: str) -> None:
    chosen = referentiel(ctx)
    selected = list(chosen.iter_family(family)) if family is not None else chosen.jobs  # "": refused
    header = ["id", "title", "family", "subfamily", "has_fiche"]
    rows = [[j.id, j.title, j.family or "", j.subfamily or "", j.has_fiche] for j in selected]
    shown = [[*row[:4], _("yes") if row[4] else _("no")] for row in rows]
    echo_result(
        fmt,
        [dict(zip(header, row, strict=True)) for row in rows],
        rows=Table(header, rows),
        shown=Table([*header[:4], "fiche"], shown),
    )


@main.command(
    help=N_(
        """\
Show one job: its fiche, requirements, links and ROME cards.

NAME is a title, an appellation or an id; accents and case are optional.

\b
Example:
  carrieres show "ingenieur securite" --format json
"""
    )
)
@job_name_argument("name")
@output_option("text", "json")
@click.pass_context
def show(ctx: click.Context, name: str, fmt: str) -> None:
    chosen = referentiel(ctx)
    job = chosen.job(name)
    places = card_places(job, chosen)
    content = card_content(chosen, job)
    data = {
        **job.to_dict(),
        **({"rome": places} if places else {}),
        **({"card": content.to_dict()} if content is not None else {}),
    }
    echo_result(fmt, data, text=lambda: job_card(job, chosen, content))


_EXTEND_OPTION = click.option(
    "--extend",
    is_flag=True,
    help=N_(
        "Read the document as additions to the référentiel (-r; default: the shipped one): "
        "its fiches may name that référentiel's jobs."
    ),
)


@main.command(
    help=N_(
        """\
Check a document of fiches: what was read, what was not.

Reports the fiches found and the fields of each, the references that name
no known job, and errors with their line numbers. Exits with status 1 when
the document has errors.

\b
Example:
  carrieres check data/les-41-metiers-informatique.txt
"""
    )
)
@click.argument("file", type=click.Path(dir_okay=False))
@_EXTEND_OPTION
@output_option("text", "json")
@click.pass_context
def check(ctx: click.Context, file: str, extend: bool, fmt: str) -> None:
    from carrieres.parse import parse_file  # noqa: PLC0415 - loaded for this command only

    report = parse_file(file, extend=referentiel(ctx) if extend else None)
    echo_result(fmt, check_data(report), text=lambda: check_text(report))
    if report.errors:
        raise SystemExit(1)


@main.command(
    name="parse",
    help=N_(
        """\
Read a document of fiches into a référentiel JSON file.

Refuses a document with errors (see 'carrieres check').

\b
Example:
  carrieres parse my-fiches.txt -o my-referentiel.json
  carrieres -r my-referentiel.json jobs
  carrieres parse our-jobs.txt --extend -o it-and-ours.json
"""
    ),
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help=N_("JSON file to write.")
)
@click.option("--name", help=N_("Name of the référentiel (default: from the file name)."))
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@_EXTEND_OPTION
@click.pass_context
def parse_command(
    ctx: click.Context, file: str, output: str, name: str | None, force: bool, extend: bool
) -> None:
    from carrieres.parse import parse_file  # noqa: PLC0415 - loaded for this command only

    report = parse_file(file, name=name, extend=referentiel(ctx) if extend else None)
    if report.errors:
        first = report.errors[0]
        more = ngettext(
            "{count} error; run 'carrieres check {file}'",
            "{count} errors; run 'carrieres check {file}'",
            len(report.errors),
        )
        where = ParseError(first.message, source=file, line=first.line)
        raise click.ClickException(f"{where} ({more.format(count=len(report.errors), file=file)})")
    save_referentiel(report.referentiel, output, force=force)
    _say_written(output, len(report.referentiel.jobs))


def _level_scale(ctx: click.Context, param: click.Parameter, value: str | None) -> LevelScale | None:
    if value is None:
        return None
    if value in LEVEL_SCALES:
        return LEVEL_SCALES[value]
    found = re.fullmatch(r"\s*([^:]+?)\s*:\s*(\d)\s*-\s*(\d)\s*", value)
    if found is None or int(found[2]) > int(found[3]):
        msg = _("{value} is neither {names} nor NAME:LOW-HIGH with levels 0 to 8").format(
            value=repr(value), names=", ".join(LEVEL_SCALES)
        )
        raise click.BadParameter(msg, ctx=ctx, param=param)
    return LevelScale(name=found[1], lowest=int(found[2]), highest=int(found[3]))


@main.group(
    name="import",
    help=N_(
        """\
Import another référentiel: ROME, or any table of jobs and links.

\b
Examples:
  carrieres import rome ROME-FOLDER -o rome.json
  carrieres import csv --jobs jobs.csv --links links.csv -o mine.json
"""
    ),
)
def import_group() -> None:
    pass  # a group: its commands do the work


@import_group.command(
    name="rome",
    help=N_(
        """\
Read a folder of ROME CSV files (v3 or 4.0, recognised by their headers).

Cards become jobs (appellations as aliases), mobility rows become links
(proche, evolution, or ranked mobilite for 4.0), and a 4.0 card's access text
is read into the job's prerequisites. With --cards, the content of every 4.0
card (definition, access, skills with their cœur de métier, work contexts,
RIASEC) is written too. Credit: France Travail.

\b
Example:
  carrieres import rome data/rome-v3 -o rome.json
  carrieres import rome data/rome-v4 -o rome.json --cards rome-cards.json
  carrieres -r rome.json path I1401 M1802
"""
    ),
)
@click.argument("folder", type=click.Path(file_okay=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help=N_("JSON file to write.")
)
@click.option("--name", help=N_("Name of the référentiel (default: rome-v3 or rome-v4)."))
@click.option("--skip-unknown", is_flag=True, help=N_("Pass over the CSV files that are no ROME table."))
@click.option(
    "--cards",
    type=click.Path(dir_okay=False),
    help=N_("Also write the content of every card (ROME 4.0) to this JSON file."),
)
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
def import_rome_command(
    folder: str, output: str, name: str | None, skip_unknown: bool, cards: str | None, force: bool
) -> None:
    from carrieres.rome import read_rome  # noqa: PLC0415 - loaded for this command only
    from carrieres.rome_cards import CONTENT_LAYOUTS  # noqa: PLC0415

    imported = read_rome(folder, name=name, skip_unknown=skip_unknown)
    for layout, left_out in imported.missing:
        columns = ", ".join(sorted(CONTENT_LAYOUTS[layout]))
        message = _("{folder}: no file with the columns {columns}; left out: {what}")
        click.echo(message.format(folder=folder, columns=columns, what=_(left_out)), err=True)
    if cards is not None and not imported.library.cards:
        raise click.UsageError(_("--cards needs the card files of ROME 4.0 in the folder"))
    ref = imported.referentiel
    files: dict[str | Path, str] = {output: dump_referentiel(ref)}
    if cards is not None:
        files[cards] = dump_card_library(imported.library)
    write_all(files, force=force)
    _say_written(output, len(ref.jobs), ref.credit)
    if cards is not None:
        _say_cards_written(cards, len(imported.library.cards), imported.library.credit)


@import_group.command(
    name="csv",
    help=N_(
        """\
Read a table of jobs and a table of links (CSV or tab-separated).

Column names are matched exactly, spaces and punctuation included.

\b
Example:
  carrieres import csv --jobs occupations.txt --links related.txt --delimiter $'\\t' \\
    --id "O*NET-SOC Code" --title Title --source "O*NET-SOC Code" \\
    --target "Related O*NET-SOC Code" --kind "Relatedness Tier" --weight Index -o onet.json
"""
    ),
)
@click.option(
    "--jobs", "jobs_file", type=click.Path(dir_okay=False), help=N_("Table of jobs (one row each).")
)
@click.option(
    "--links", "links_file", type=click.Path(dir_okay=False), help=N_("Table of links (one row each).")
)
@click.option("--delimiter", help=N_("Column separator (default: guessed among , ; and tab)."))
@click.option("--id", "id_column", default="id", show_default=True, help=N_("Jobs: the id column."))
@click.option(
    "--title", "title_column", default="title", show_default=True, help=N_("Jobs: the title column.")
)
@click.option(
    "--family", "family_column", default="family", show_default=True, help=N_("Jobs: the family column.")
)
@click.option(
    "--education",
    "education_column",
    default="education",
    show_default=True,
    help=N_("Jobs: the education column (Bac, Bac+3 or 3)."),
)
@click.option(
    "--aliases",
    "aliases_column",
    default="aliases",
    show_default=True,
    help=N_("Jobs: other names, separated by ; or |."),
)
@click.option(
    "--scale",
    callback=_level_scale,
    metavar="SCALE",
    help=N_(
        "Jobs: the scale of the education column: bac (Bac+N, the default), job-zone (1-5), eqf (1-8), "
        "isced (0-8), or NAME:LOW-HIGH (e.g. 'grade:1-6')."
    ),
)
@click.option(
    "--alias-separator",
    callback=lambda ctx, param, value: value and value.replace("\\n", "\n").replace("\\t", "\t"),
    help=N_("Jobs: what separates the aliases of a cell (default: ; or |; '\\n': one per line)."),
)
@click.option(
    "--source", "source_column", default="source", show_default=True, help=N_("Links: the source id column.")
)
@click.option(
    "--target", "target_column", default="target", show_default=True, help=N_("Links: the target id column.")
)
@click.option("--kind", "kind_column", default="kind", show_default=True, help=N_("Links: the kind column."))
@click.option(
    "--weight",
    "weight_column",
    default="weight",
    show_default=True,
    help=N_("Links: a weight or rank column."),
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help=N_("JSON file to write.")
)
@click.option("--name", help=N_("Name of the référentiel (default: from the first file's name)."))
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
def import_csv_command(
    jobs_file: str | None,
    links_file: str | None,
    delimiter: str | None,
    id_column: str,
    title_column: str,
    family_column: str,
    education_column: str,
    aliases_column: str,
    alias_separator: str | None,
    scale: LevelScale | None,
    source_column: str,
    target_column: str,
    kind_column: str,
    weight_column: str,
    output: str,
    name: str | None,
    force: bool,
) -> None:
    from carrieres.tables import Columns, import_tables  # noqa: PLC0415 - loaded for this command only

    columns = Columns(
        id=id_column,
        title=title_column,
        family=family_column,
        education=education_column,
        aliases=aliases_column,
        alias_separator=alias_separator,
        source=source_column,
        target=target_column,
        kind=kind_column,
        weight=weight_column,
    )
    imported = import_tables(
        jobs_file, links_file, columns=columns, delimiter=delimiter, name=name, scale=scale
    )
    save_referentiel(imported, output, force=force)
    _say_written(output, len(imported.jobs))


@main.command(
    name="crosswalk",
    help=N_(
        """\
The ROME card of each job: code, title, score, how it was found, and the evidence.

ROME is rome-v4 (or rome, the version in use), rome-v3, or a ROME référentiel
file. The shipped référentiel carries a crosswalk reviewed by a person: its
rows say 'reviewed', with a note, where the matcher's card was replaced.
With -o --attach, the référentiel gains the crosswalk and, by default, the
moves lifted from the ROME's links between the cards ('rome' links).

\b
Examples:
  carrieres crosswalk rome-v4
  carrieres crosswalk rome-v3 --format json
  carrieres -r mine.json crosswalk rome -o mine-rome.json --attach
  carrieres -r mine-rome.json path "Mon métier" "Chef de projet"
"""
    ),
)
@click.argument("target", metavar="ROME")
@click.option(
    "--matcher",
    is_flag=True,
    help=N_("Run the matcher, even where the référentiel ships a reviewed crosswalk."),
)
@click.option(
    "--review",
    type=click.Path(dir_okay=False),
    help=N_(
        "A reviewed crosswalk (JSON, as -o writes it or --format json prints it): "
        "its cards replace the matcher's."
    ),
)
@click.option("--no-moves", is_flag=True, help=N_("With -o: do not lift the ROME's links into moves."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help=N_(
        "Write the crosswalk and the moves lifted from it as JSON (with --attach: the référentiel with it)."
    ),
)
@click.option(
    "--attach", is_flag=True, help=N_("With -o: write the référentiel itself, carrying this crosswalk.")
)
@click.option(
    "--cards",
    type=click.Path(dir_okay=False),
    help=N_("With -o and rome-v4: also write the content of the cards the crosswalk joins (JSON)."),
)
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@output_option("table", "json", "csv")
@click.pass_context
def crosswalk_command(
    ctx: click.Context,
    target: str,
    matcher: bool,
    review: str | None,
    no_moves: bool,
    output: str | None,
    attach: bool,
    cards: str | None,
    force: bool,
    fmt: str,
) -> None:
    from carrieres.crosswalk import crosswalk, read_review  # noqa: PLC0415 - loaded for this command only

    if attach and not output:
        raise click.UsageError(_("--attach needs -o"))
    if cards and not (output and ALIASES.get(target, target) == "rome-v4"):
        raise click.UsageError(_("--cards needs -o and the crosswalk to rome-v4"))
    chosen = referentiel(ctx)
    carried = chosen.crosswalk(ALIASES.get(target, target))
    if carried is not None and not (matcher or review or no_moves):
        result = carried  # reviewed and ready: the ROME itself need not be loaded
    else:
        rome = built_in_or_file(target)
        reviewed = read_review(review, rome.name) if review else None
        result = crosswalk(chosen, rome, review=reviewed, fresh=matcher, moves=not no_moves)
    if output:
        others = [c for c in chosen.crosswalks if c.target != result.target]
        content = (
            dump_referentiel(chosen.replace(crosswalks=[*others, result]))
            if attach
            else to_json(result.to_dict())
        )
        files: dict[str | Path, str] = {output: content}
        if cards:
            from carrieres.rome_cards import with_readings  # noqa: PLC0415 - for this option only

            codes = (row.code for row in result.rows if row.code)
            joined = with_readings(card_library().subset(codes)).with_nearest()
            files[cards] = dump_card_library(joined)
        write_all(files, force=force)
        if cards:
            _say_cards_written(cards, len(joined.cards), joined.credit)
        moves = ngettext("{count} move", "{count} moves", len(result.moves)).format(count=len(result.moves))
        _say_written(output, len(result.rows), f"{moves}, {result.credit}")
    data = [row.to_dict() for row in result.rows]
    header = ["id", "title", "code", "card", "score", "how", "evidence", "note"]
    cells = [
        [
            *(row[key] or "" for key in header[:4]),
            f"{row['score']:.2f}",
            row["how"],
            "; ".join(row["evidence"]),
            row["note"],
        ]
        for row in data
    ]
    shown = Table(
        ["job", *header[2:5], "how"], [[cell[1], *cell[2:5], _(CARD_HOW[cell[5]])] for cell in cells]
    )
    echo_result(fmt, data, rows=Table(header, cells), shown=shown)


@main.command(
    help=N_(
        """\
Print the JSON Schema of a référentiel, for files written by hand (JSON or YAML).

\b
Example:
  carrieres schema > referentiel.schema.json
"""
    )
)
def schema() -> None:
    click.echo(to_json(Referentiel.json_schema()), nl=False)


@main.command(
    help=N_(
        """\
Propose links between the jobs of two référentiels, by their names.

A and B are built-in names or files. Each match gives its score and the
two names that justify it; jobs of A with no match are listed too. With
-o, A and B are joined into one référentiel, each job of A linked to its
best match by an 'equivalent' link both ways, so that a path can cross.

\b
Examples:
  carrieres link metiers-informatique rome-v3
  carrieres link metiers-informatique rome-v3 -o it-and-rome.json
  carrieres -r it-and-rome.json path "Technicien de maintenance" "Boulanger"
"""
    )
)
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option(
    "--min-score",
    type=FiniteFloat(0, 1, min_open=True),
    default=0.5,
    show_default=True,
    help=N_("Lowest share of common words between two names."),
)
@click.option(
    "--top", type=click.IntRange(1, 20), default=3, show_default=True, help=N_("Matches shown per job of A.")
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help=N_("Write A and B joined by the best match of each job as one référentiel."),
)
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@output_option("table", "json", "csv")
def link(
    first: str, second: str, min_score: float, top: int, output: str | None, force: bool, fmt: str
) -> None:
    from carrieres.crossing import join, match_jobs  # noqa: PLC0415 - loaded for this command only

    a, b = load_referentiel(first), load_referentiel(second)
    matches = match_jobs(a, b, min_score=min_score, top=top)
    if output:
        joined = join(a, b, [m for m in matches if m.rank == 1])
        save_referentiel(joined, output, force=force)
        _say_written(output, len(joined.jobs))
    matched = {m.source for m in matches}
    data = {
        "matches": [m.to_dict() for m in matches],
        "unmatched": [job.id for job in a.jobs if job.id not in matched],
    }
    rows = [
        [
            m.source_title,
            str(m.rank),
            f"{m.target_title} ({m.target})",
            f"{m.score:.2f}",
            f"{m.source_name} ~ {m.target_name}",
        ]
        for m in matches
    ]
    rows += [[job.title, "-", _("no match"), "", ""] for job in a.jobs if job.id not in matched]
    echo_result(fmt, data, rows=Table(["job", "rank", "match", "score", "evidence"], rows))
