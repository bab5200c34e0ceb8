"""Route commands: path, routes, next (private)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import click

from carrieres._i18n import N_, _, ngettext
from carrieres._render import reachable_rows, route_learning, route_summary, route_text
from carrieres.cli.base import main, referentiel
from carrieres.cli.options import (
    Links,
    RouteChoice,
    Table,
    echo_result,
    job_name_argument,
    job_name_option,
    link_options,
    output_option,
    route_options,
    stream_result,
    top_options,
    waypoint_options,
)
from carrieres.exceptions import ParseError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from carrieres.paths import Route
    from carrieres.tables import PairRow

__all__ = ["next_jobs", "path", "routes"]


@main.command(
    help=N_(
        """\
Routes from one job to another that respect the référentiel's rules.

A job whose fiche requires prior roles is entered only from one of them.
Each step says why it is possible (the fiche and line that state the link),
what the job asks for, what to learn, and, with --education and
--experience, what you lack and the earliest year you can take it.
Exits with status 1 and an explanation when no route exists.

\b
Examples:
  carrieres path "Technicien de maintenance" "Ingénieur sécurité"
  carrieres path "technicien de maintenance" "ingenieur securite" -k 3 --education 2 --experience 0
"""
    )
)
@job_name_argument("source", metavar="FROM")
@job_name_argument("target", metavar="TO")
@click.option(
    "-k", "count", type=click.IntRange(1, 50), default=1, show_default=True, help=N_("Distinct routes.")
)
@waypoint_options
@route_options
@output_option("text", "json")
@click.pass_context
def path(
    ctx: click.Context,
    source: str,
    target: str,
    count: int,
    via: tuple[str, ...],
    avoid: tuple[str, ...],
    request: RouteChoice,
    fmt: str,
) -> None:
    _, route = request.find(ctx, source, target, k=count, via=via, avoid=avoid)
    echo_result(fmt, route.to_dict(), text=lambda: route_text(route, referentiel(ctx)))


@main.command(
    help=N_(
        """\
The best route for each row of a table of (start, destination) pairs.

PAIRS is a CSV, semicolon- or tab-separated file with a header; its other
columns (a name, a team) are kept beside each route. Optional 'education'
(Bac+3, 3, Bac) and 'experience' (years) columns describe each person;
--education and --experience fill their empty cells. One search from each
distinct start answers all its rows. Each row gets the route 'path' gives,
or 'no route'.

\b
Example:
  carrieres routes team.csv --education 2 --format csv
"""
    )
)
@click.argument("pairs_file", metavar="PAIRS", type=click.Path(dir_okay=False))
@click.option("--from-column", default="from", show_default=True, help=N_("The column of the start jobs."))
@click.option("--to-column", default="to", show_default=True, help=N_("The column of the destinations."))
@click.option("--delimiter", help=N_("The cell delimiter (default: guessed among comma, semicolon and tab)."))
@route_options
@output_option("table", "json", "csv")
@click.pass_context
def routes(
    ctx: click.Context,
    pairs_file: str,
    from_column: str,
    to_column: str,
    delimiter: str | None,
    request: RouteChoice,
    fmt: str,
) -> None:
    from carrieres.paths import iter_routes  # noqa: PLC0415 - loaded for this command only
    from carrieres.tables import iter_pairs  # noqa: PLC0415

    chosen = referentiel(ctx)

    def table() -> Iterator[PairRow]:  # read as it goes: a table of any length takes little memory
        return iter_pairs(pairs_file, chosen, columns=(from_column, to_column), delimiter=delimiter)

    first = None
    for row in table():  # every row is checked before the first route is written
        first = first or row
    G = request.links.graph(ctx)
    columns = list(first.cells) if first else [from_column, to_column]
    numbers = list(request.costs.attributes)  # the links' numbers the cost weighs, each route's total
    learning = ["to learn"] if chosen.cards else []
    added = ["moves", "cost", "years", "route", *numbers, *learning]
    clash = [name for name in columns if name in added]
    if clash:
        msg = _("the table has a column {column}, which routes writes itself; rename it").format(
            column=repr(clash[0])
        )
        raise ParseError(msg, source=pairs_file, line=1)
    header = [*columns, *added]

    rows, asked, people = itertools.tee(table(), 3)  # consumed in step: tee keeps a row or two
    answers = zip(
        rows,
        iter_routes(
            G,
            ((row.start, row.end) for row in asked),
            fewest_moves=request.fewest_moves,
            costs=request.costs,
            max_level_jump=request.max_level_jump,
            profiles=(request.profile(row.education, row.experience) for row in people),
        ),
        strict=True,
    )

    learnings: dict[tuple[str, ...], str] = {}  # what each route asks to learn, whoever takes it

    def learned(route: Route) -> str:
        key = tuple(step.id for step in route.paths[0].steps) if route.paths else ()
        if key not in learnings:
            if len(learnings) >= LEARNINGS_KEPT:
                learnings.clear()
            learnings[key] = route_learning(route)
        return learnings[key]

    def line(row: PairRow, route: Route) -> list[Any]:
        return [
            *row.cells.values(),
            *route_summary(route, chosen),
            *(_total(route, name) for name in numbers),
            *([learned(route)] if chosen.cards else []),
        ]

    if fmt == "table":  # the columns' widths need every row
        echo_result(fmt, [], rows=Table(header, [line(row, route) for row, route in answers]))
        return
    parts = iter(lambda: list(itertools.islice(answers, ROWS_AT_ONCE)), [])
    if fmt == "json":
        stream_result(
            fmt,
            header,
            ([{"line": r.line, "cells": r.cells, **p.to_dict()} for r, p in pairs] for pairs in parts),
        )
    else:
        stream_result(fmt, header, ([line(row, route) for row, route in pairs] for pairs in parts))


LEARNINGS_KEPT = 10_000
"""How many routes ``routes`` remembers what they ask to learn of."""

ROWS_AT_ONCE = 1_000
"""How many rows of a table ``routes`` answers before it writes them: its memory does not grow
with the routes of the table's rows."""


def _total(route: Route, name: str) -> float | str:
    total = route.paths[0].total(name) if route.paths else None
    return "" if total is None else round(total, 6)


@main.command(
    name="next",
    help=N_(
        """\
Where can I go from here? The jobs within N moves, the most plausible first.

Each job comes with its cheapest route, ranked as 'path' ranks routes: a move
the fiches state before one the ROME or shared skills support, a small jump in
diploma before a large one (the 'cost' column).

\b
Example:
  carrieres next "support technique" --moves 2
"""
    ),
)
@job_name_argument("name")
@click.option(
    "--moves", type=click.IntRange(1, 20), default=1, show_default=True, help=N_("At most this many moves.")
)
@link_options
@job_name_option("--avoid", multiple=True, help=N_("A job not to pass through (repeatable)."))
@click.option(
    "--by",
    metavar="ATTRIBUTE",
    help=N_("Rank the jobs as near by this number of their links, highest total first (a similarity)."),
)
@click.option(
    "--max-level-jump",
    type=click.IntRange(0, 8),
    help=N_("Leave out the moves that climb more than N education levels at once."),
)
@top_options
@output_option("table", "json", "csv")
@click.pass_context
def next_jobs(
    ctx: click.Context,
    name: str,
    moves: int,
    links: Links,
    avoid: tuple[str, ...],
    by: str | None,
    max_level_jump: int | None,
    top: int | None,
    fmt: str,
) -> None:
    from carrieres.paths import CostModel, reachable  # noqa: PLC0415 - loaded for this command only

    weighed_for = None if by else (CostModel(), False, max_level_jump)  # ranked by a number: every link
    found = reachable(
        links.graph(ctx, weighed_for),
        name,
        moves=moves,
        avoid=avoid,
        by=by,
        top=top,
        max_level_jump=max_level_jump,
    )
    header = ["job", "moves", by or "cost", "education", "experience", "through", "links"]
    header += ["skills shared", "to learn"] if referentiel(ctx).cards else []
    echo_result(
        fmt, [r.to_dict() for r in found], rows=Table(header, reachable_rows(found, referentiel(ctx), by))
    )
    if not found and fmt == "table":
        job = referentiel(ctx).get(name)
        click.echo(
            ngettext(
                "No job can be reached from {job} in {count} move with these links.",
                "No job can be reached from {job} in {count} moves or fewer with these links.",
                moves,
            ).format(job=job.title, count=moves),
            err=True,
        )
