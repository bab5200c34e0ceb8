"""The ``carrieres`` command line: thin commands over the library.

Every command reads the référentiel given by ``--referentiel`` (or the
``CARRIERES_REFERENTIEL`` environment variable; default: the shipped one),
makes one library call and renders the result. Errors are printed as
``Error: …`` on stderr, with exit status 1 for invalid input (a malformed
document) and 2 for an invalid request (an unknown job name, an existing
output file).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from carrieres import __version__
from carrieres._render import (
    card_places,
    check_data,
    check_text,
    clusters_text,
    job_card,
    reachable_rows,
    route_summary,
    route_text,
    stats_text,
    table,
    to_csv,
    to_json,
)
from carrieres.analysis import (
    CLUSTER_METHODS,
    EXACT_BETWEENNESS_LIMIT,
    MEASURES,
    centrality,
    clusters,
    map_stats,
)
from carrieres.exceptions import CarrieresError, RequestError, UnknownNameError
from carrieres.export import EXPORT_FORMATS, export_graph
from carrieres.files import ALIASES, BUILT_IN, load_referentiel, save_referentiel, write_atomic
from carrieres.graph import DEFAULT_EDGE_KINDS, INFERRED_KINDS, build_graph
from carrieres.models import Referentiel
from carrieres.similarity import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph
    from carrieres.paths import CostModel, Profile


class _Group(click.Group):
    """A click group that turns library errors into ``Error: …`` and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CarrieresError as err:
            failure = _BadRequest if err.exit_code == _BadRequest.exit_code else click.ClickException
            raise failure(_in_cli_words(err)) from None


OPTION_NAMES = {"k": "-k", "force": "--force"}
"""The options that carry a library argument under another name (the rest: ``--`` and the name)."""


def _in_cli_words(err: CarrieresError) -> str:
    """A library error as the command line says it: options for the arguments the message names.

    >>> from carrieres.exceptions import PathRequestError, UnknownNameError
    >>> _in_cli_words(PathRequestError("`k` must be at least 1 (got 0)"))
    '-k must be at least 1 (got 0)'
    >>> _in_cli_words(UnknownNameError("zzz"))
    "unknown job 'zzz'; run 'carrieres jobs' to list the job names"
    """
    message = str(err)
    for argument in err.arguments:
        option = OPTION_NAMES.get(argument, "--" + argument.replace("_", "-"))
        message = message.replace(f"`{argument}`", option)
    if isinstance(err, UnknownNameError) and not err.suggestions:
        message += f"; run 'carrieres jobs' to list the {err.what} names"
    return message


class _BadRequest(click.ClickException):
    """``Error: …`` on stderr and exit status 2: the request itself is wrong."""

    exit_code = 2


def _referentiel(ctx: click.Context) -> Referentiel:
    loaded = ctx.obj.get("referentiel")
    if loaded is None:
        loaded = ctx.obj["referentiel"] = load_referentiel(ctx.obj["path"])
        # The référentiel lives until the command ends: keep the garbage collector from
        # scanning its records again and again (seconds per full pass at 100,000 jobs).
        gc.freeze()
    assert isinstance(loaded, Referentiel)
    return loaded


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
        places = card_places(job, referentiel)
        click.echo(to_json({**job.to_dict(), **({"rome": places} if places else {})}), nl=False)
    else:
        click.echo(job_card(job, referentiel), nl=False)


_EXTEND_OPTION = click.option(
    "--extend",
    is_flag=True,
    help="Read the document as additions to the référentiel (-r; default: the shipped one): "
    "its fiches may name that référentiel's jobs.",
)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_EXTEND_OPTION
@click.option("--format", "fmt", type=_FORMAT_TEXT, default="text", show_default=True)
@click.pass_context
def check(ctx: click.Context, file: str, extend: bool, fmt: str) -> None:
    """Check a document of fiches: what was read, what was not.

    Reports the fiches found and the fields of each, the references that name
    no known job, and errors with their line numbers. Exits with status 1 when
    the document has errors.

    \b
    Example:
      carrieres check data/les-41-metiers-informatique.txt
    """
    from carrieres.parse import parse_file  # noqa: PLC0415 - loaded for this command only

    report = parse_file(file, extend=_referentiel(ctx) if extend else None)
    click.echo(to_json(check_data(report)) if fmt == "json" else check_text(report), nl=False)
    if report.errors:
        raise SystemExit(1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JSON file to write.")
@click.option("--name", help="Name of the référentiel (default: from the file name).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@_EXTEND_OPTION
@click.pass_context
def parse(ctx: click.Context, file: str, output: str, name: str | None, force: bool, extend: bool) -> None:
    """Read a document of fiches into a référentiel JSON file.

    Refuses a document with errors (see 'carrieres check').

    \b
    Example:
      carrieres parse my-fiches.txt -o my-referentiel.json
      carrieres -r my-referentiel.json jobs
      carrieres parse our-jobs.txt --extend -o it-and-ours.json
    """
    from carrieres.parse import parse_file  # noqa: PLC0415 - loaded for this command only

    report = parse_file(file, name=name, extend=_referentiel(ctx) if extend else None)
    if report.errors:
        first = report.errors[0]
        raise click.ClickException(
            f"{file}, line {first.line}: {first.message} "
            f"({len(report.errors)} errors; run 'carrieres check {file}')"
        )
    save_referentiel(report.referentiel, output, force=force)
    click.echo(f"{output}: {len(report.referentiel.jobs)} jobs", err=True)


def _edge_kinds(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(kind.strip() for kind in value.split(",") if kind.strip())


def _weights(ctx: click.Context, param: click.Parameter, value: str | None) -> CostModel:
    from carrieres.paths import CostModel  # noqa: PLC0415 - loaded for path commands only

    if not value:
        return CostModel()
    pairs = {}
    for part in value.split(","):
        name, _, number = part.partition("=")
        try:
            pairs[name.strip()] = float(number)
        except ValueError:
            raise click.BadParameter(f"{part!r} is not NAME=NUMBER", ctx=ctx, param=param) from None
    try:
        return CostModel(**pairs)
    except (TypeError, ValueError) as err:  # an unknown name, or a negative weight
        names = ", ".join(CostModel.field_names())
        raise click.BadParameter(f"weights are {names}, each a number ≥ 0", ctx=ctx, param=param) from err


def _graph_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that choose the links of the career graph."""
    command = click.option(
        "--similarity-threshold",
        type=click.FloatRange(0, 1, min_open=True),
        default=DEFAULT_THRESHOLD,
        show_default=True,
        help="Minimum similarity of two fiches for a 'similarity' link.",
    )(command)
    return click.option(
        "--edges",
        callback=_edge_kinds,
        help="Kinds of links, comma-separated (default: the référentiel's own). Fiches state "
        f"{' and '.join(DEFAULT_EDGE_KINDS)} (and rome, moves lifted from ROME 4.0), ROME v3 proche and "
        "evolution, ROME 4.0 mobilite; any référentiel also has "
        f"the inferred {' and '.join(sorted(INFERRED_KINDS))}.",
    )(command)


def _graph(ctx: click.Context, edges: tuple[str, ...] | None, threshold: float) -> CareerGraph:
    return build_graph(_referentiel(ctx), edges=edges, similarity_threshold=threshold)


_ROUTE_OPTIONS = (
    click.option("--education", type=click.IntRange(0, 8), help="Your current level: N for Bac+N (0 = Bac)."),
    click.option("--experience", type=click.FloatRange(0, 60), help="Years you have worked."),
    _graph_options,
    click.option("--fewest-moves", is_flag=True, help="Rank by number of moves only, ignoring costs."),
    click.option(
        "--weights",
        callback=_weights,
        help="Cost model, e.g. 'move=1,education_jump=0.5,inferred=1' (those are the defaults).",
    ),
    click.option(
        "--min-stay",
        type=click.FloatRange(0, 60),
        default=2.0,
        show_default=True,
        help="Years in a job before the next move, where the référentiel does not say.",
    ),
    click.option(
        "--years-per-level",
        type=click.FloatRange(0, 10),
        default=1.0,
        show_default=True,
        help="Years of study per missing Bac level.",
    ),
)


def _route_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of a route request, shared by ``path`` and ``routes``: profile, links, costs."""
    for option in reversed(_ROUTE_OPTIONS):
        command = option(command)
    return command


def _profile(
    education: int | None, experience: float | None, min_stay: float, years_per_level: float
) -> Profile:
    from carrieres.paths import Profile  # noqa: PLC0415 - loaded for path commands only

    return Profile(
        education=education,
        experience=experience or 0.0,
        min_stay_years=min_stay,
        years_per_level=years_per_level,
    )


@main.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "-k", "count", type=click.IntRange(1, 50), default=1, show_default=True, help="Distinct routes."
)
@click.option("--via", multiple=True, help="A job the route must pass through (repeatable, in order).")
@click.option("--avoid", multiple=True, help="A job the route must not pass through (repeatable).")
@_route_options
@click.option("--format", "fmt", type=_FORMAT_TEXT, default="text", show_default=True)
@click.pass_context
def path(
    ctx: click.Context,
    source: str,
    target: str,
    count: int,
    education: int | None,
    experience: float | None,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    via: tuple[str, ...],
    avoid: tuple[str, ...],
    fewest_moves: bool,
    weights: CostModel,
    min_stay: float,
    years_per_level: float,
    fmt: str,
) -> None:
    """Routes from one job to another that respect the référentiel's rules.

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
    referentiel = _referentiel(ctx)
    from carrieres.paths import find_paths  # noqa: PLC0415 - loaded for this command only

    route = find_paths(
        _graph(ctx, edges, similarity_threshold),
        source,
        target,
        k=count,
        via=via,
        avoid=avoid,
        fewest_moves=fewest_moves,
        costs=weights,
        profile=_profile(education, experience, min_stay, years_per_level),
    )
    if fmt == "json":
        click.echo(to_json(route.to_dict()), nl=False)
    else:
        click.echo(route_text(route, referentiel), nl=False)


@main.command()
@click.argument("pairs_file", metavar="PAIRS", type=click.Path(dir_okay=False))
@click.option("--from-column", default="from", show_default=True, help="The column of the start jobs.")
@click.option("--to-column", default="to", show_default=True, help="The column of the destinations.")
@click.option("--delimiter", help="The cell delimiter (default: guessed among comma, semicolon and tab).")
@_route_options
@click.option("--format", "fmt", type=_FORMAT_TABLE, default="table", show_default=True)
@click.pass_context
def routes(
    ctx: click.Context,
    pairs_file: str,
    from_column: str,
    to_column: str,
    delimiter: str | None,
    education: int | None,
    experience: float | None,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    fewest_moves: bool,
    weights: CostModel,
    min_stay: float,
    years_per_level: float,
    fmt: str,
) -> None:
    """The best route for each row of a table of (start, destination) pairs.

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
    referentiel = _referentiel(ctx)
    from carrieres.paths import find_routes  # noqa: PLC0415 - loaded for this command only
    from carrieres.tables import read_pairs  # noqa: PLC0415

    rows = read_pairs(pairs_file, referentiel, columns=(from_column, to_column), delimiter=delimiter)
    found = find_routes(
        _graph(ctx, edges, similarity_threshold),
        [(row.start, row.end) for row in rows],
        fewest_moves=fewest_moves,
        costs=weights,
        profiles=[
            _profile(
                education if row.education is None else row.education,
                experience if row.experience is None else row.experience,
                min_stay,
                years_per_level,
            )
            for row in rows
        ],
    )
    if fmt == "json":
        pairs = zip(rows, found, strict=True)
        data = [{"line": row.line, "cells": row.cells, **route.to_dict()} for row, route in pairs]
        click.echo(to_json(data), nl=False)
        return
    columns = list(rows[0].cells) if rows else [from_column, to_column]
    header = [*columns, "moves", "cost", "years", "route"]
    pairs = zip(rows, found, strict=True)
    lines = [[*row.cells.values(), *route_summary(route, referentiel)] for row, route in pairs]
    click.echo(to_csv(lines, header) if fmt == "csv" else table(lines, header), nl=False)


@main.command(name="next")
@click.argument("name")
@click.option(
    "--moves", type=click.IntRange(1, 20), default=1, show_default=True, help="At most this many moves."
)
@_graph_options
@click.option("--avoid", multiple=True, help="A job not to pass through (repeatable).")
@click.option("--format", "fmt", type=_FORMAT_TABLE, default="table", show_default=True)
@click.pass_context
def next_jobs(
    ctx: click.Context,
    name: str,
    moves: int,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    avoid: tuple[str, ...],
    fmt: str,
) -> None:
    """Where can I go from here? The jobs reachable within N moves.

    \b
    Example:
      carrieres next "support technique" --moves 2
    """
    referentiel = _referentiel(ctx)
    from carrieres.paths import reachable  # noqa: PLC0415 - loaded for this command only

    found = reachable(_graph(ctx, edges, similarity_threshold), name, moves=moves, avoid=avoid)
    if fmt == "json":
        click.echo(to_json([r.to_dict() for r in found]), nl=False)
        return
    header = ["job", "moves", "education", "experience", "through", "links"]
    rows = reachable_rows(found, referentiel)
    click.echo(to_csv(rows, header) if fmt == "csv" else table(rows, header), nl=False)


@main.command()
@click.option(
    "--by",
    type=click.Choice(MEASURES),
    default="betweenness",
    show_default=True,
    help="The measure to rank by.",
)
@click.option("--top", type=click.IntRange(1), help="Only the first N jobs.")
@click.option(
    "--sources",
    type=click.IntRange(2),
    default=EXACT_BETWEENNESS_LIMIT,
    show_default=True,
    help="Betweenness is exact up to this many jobs, estimated from this many sampled sources beyond "
    "(fewer: faster and rougher).",
)
@_graph_options
@click.option("--format", "fmt", type=_FORMAT_TABLE, default="table", show_default=True)
@click.pass_context
def central(
    ctx: click.Context,
    by: str,
    top: int | None,
    sources: int,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    fmt: str,
) -> None:
    """The most central roles of the map.

    \b
    Measures, in career terms:
      degree       links in and out: how connected a role is
      in_degree    jobs that lead to it: a destination
      out_degree   jobs it leads to: a springboard
      betweenness  on many shortest routes between other jobs: a crossroads
      closeness    reached in few moves from the others (left out above 10,000 jobs)
      pagerank     where long walks along moves end up: a role routes converge on
      eigenvector  reached from roles that are central themselves

    Moves the prior-role rule forbids are left out.

    \b
    Example:
      carrieres central --by pagerank --top 5
    """
    rows = centrality(_graph(ctx, edges, similarity_threshold), by=by, top=top, sources=sources)
    data = [row.to_dict() for row in rows]
    if fmt == "json":
        click.echo(to_json(data), nl=False)
        return
    header = ["id", "title", *MEASURES]
    values = [[_cell(row[key]) for key in header] for row in data]
    click.echo(to_csv(values, header) if fmt == "csv" else table(values, header), nl=False)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


@main.command(name="clusters")
@click.option("--method", type=click.Choice(CLUSTER_METHODS), default="louvain", show_default=True)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed: the same seed, the same clusters."
)
@click.option(
    "--resolution",
    type=click.FloatRange(0, min_open=True),
    default=1.0,
    show_default=True,
    help="Above 1: smaller clusters; below 1: larger ones.",
)
@_graph_options
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.pass_context
def clusters_command(
    ctx: click.Context,
    method: str,
    seed: int,
    resolution: float,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    fmt: str,
) -> None:
    """Groups of jobs linked together, compared with the official families.

    Reports the modularity of the grouping and how it matches the families and
    sub-families of the nomenclature (adjusted Rand index, normalised mutual
    information), and which jobs it groups differently.

    \b
    Example:
      carrieres clusters --method greedy --edges proximity,prerequisite,similarity
    """
    result = clusters(
        _graph(ctx, edges, similarity_threshold), method=method, seed=seed, resolution=resolution
    )
    if fmt == "json":
        click.echo(to_json(result.to_dict()), nl=False)
    elif fmt == "csv":
        rows = [[job, index] for index, group in enumerate(result.clusters) for job in group]
        click.echo(to_csv(rows, ["id", "cluster"]), nl=False)
    else:
        click.echo(clusters_text(result, _referentiel(ctx)), nl=False)


@main.command()
@_graph_options
@click.option("--format", "fmt", type=_FORMAT_TEXT, default="text", show_default=True)
@click.pass_context
def stats(ctx: click.Context, edges: tuple[str, ...] | None, similarity_threshold: float, fmt: str) -> None:
    """The shape of the map: jobs, links, components, entry points, dead ends, bridges.

    \b
    Example:
      carrieres stats --format json
    """
    result = map_stats(_graph(ctx, edges, similarity_threshold))
    if fmt == "json":
        click.echo(to_json(result.to_dict()), nl=False)
    else:
        click.echo(stats_text(result, _referentiel(ctx)), nl=False)


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    width, _, height = value.lower().partition("x")
    try:
        size = (float(width), float(height))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not WIDTHxHEIGHT in inches, e.g. 12x8", ctx=ctx, param=param
        ) from None
    if not all(1 <= side <= 100 for side in size):
        raise click.BadParameter("each side must be between 1 and 100 inches", ctx=ctx, param=param)
    return size


PLOTS = ("map", "path", "ladder", "central", "clusters")


@main.command()
@click.argument("kind", type=click.Choice(PLOTS))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="PNG, SVG or PDF file.")
@click.option("--from", "source", help="path: the starting job.")
@click.option("--to", "target", help="path: the job to reach.")
@click.option(
    "-k", "count", type=click.IntRange(1, 5), default=1, show_default=True, help="path: routes to draw."
)
@click.option("--education", type=click.IntRange(0, 8), help="path: your current level, Bac+N.")
@click.option("--experience", type=click.FloatRange(0, 60), help="path: years you have worked.")
@click.option(
    "--by",
    type=click.Choice(MEASURES),
    default="betweenness",
    show_default=True,
    help="map: node size; central: the measure ranked.",
)
@click.option("--top", type=click.IntRange(1), default=15, show_default=True, help="central: bars shown.")
@click.option(
    "--method",
    type=click.Choice(CLUSTER_METHODS),
    default="louvain",
    show_default=True,
    help="clusters: the method.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="clusters: the seed.")
@_graph_options
@click.option(
    "--dpi", type=click.IntRange(30, 1200), default=150, show_default=True, help="Resolution of a PNG."
)
@click.option("--size", callback=_size, help="Figure size in inches, WIDTHxHEIGHT (default: per plot).")
@click.option("--title", help="Title of the picture (default: per plot).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_context
def plot(
    ctx: click.Context,
    kind: str,
    output: str,
    source: str | None,
    target: str | None,
    count: int,
    education: int | None,
    experience: float | None,
    by: str,
    top: int,
    method: str,
    seed: int,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    dpi: int,
    size: tuple[float, float] | None,
    title: str | None,
    force: bool,
) -> None:
    """Draw the map, a path, the career ladder, central jobs or clusters.

    The format follows the file's extension: .png, .svg or .pdf.

    \b
    Examples:
      carrieres plot map -o map.png
      carrieres plot path --from "Technicien de maintenance" --to "Ingénieur sécurité" -k 2 -o path.png
      carrieres plot ladder -o ladder.svg
    """
    from carrieres import plot as plots  # noqa: PLC0415 - matplotlib loads only for pictures

    G = _graph(ctx, edges, similarity_threshold)
    if kind == "path":
        if not source or not target:
            raise click.UsageError("plot path needs --from and --to")
        from carrieres.paths import Profile, find_paths  # noqa: PLC0415 - loaded for this picture only

        profile = Profile(education=education, experience=experience or 0.0)
        route = find_paths(G, source, target, k=count, profile=profile)
        figure, _ = plots.plot_path(G, route, title=title)
    elif kind == "map":
        figure, _ = plots.plot_map(G, size_by=by, title=title)
    elif kind == "ladder":
        figure, _ = plots.plot_ladder(G, title=title)
    elif kind == "central":
        figure, _ = plots.plot_centrality(G, by=by, top=top, title=title)
    else:
        figure, _ = plots.plot_clusters(G, clusters(G, method=method, seed=seed), title=title)
    if size is not None:
        figure.set_size_inches(*size)
    plots.save_figure(figure, output, dpi=dpi, force=force)
    click.echo(f"{output}: {kind}", err=True)


@main.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@_graph_options
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    output: str,
    edges: tuple[str, ...] | None,
    similarity_threshold: float,
    force: bool,
) -> None:
    """Export the career graph: GraphML, GEXF (Gephi), node-link JSON, Graphviz DOT, CSV, HTML.

    Every node and edge attribute is written; lists are joined with ';' and
    values the référentiel does not state are left empty. csv writes two
    tables beside the file: STEM-jobs.csv and STEM-links.csv. html writes one
    self-contained page: the map, search, fiches, routes and filters, offline.

    \b
    Examples:
      carrieres export graphml -o carrieres.graphml
      carrieres export csv -o carrieres.csv
      carrieres export html -o map.html
    """
    for written in export_graph(_graph(ctx, edges, similarity_threshold), fmt, output, force=force):
        click.echo(f"{written}: {fmt}", err=True)


@main.group(name="import")
def import_group() -> None:
    """Import another référentiel: ROME, or any table of jobs and links.

    \b
    Examples:
      carrieres import rome ROME-FOLDER -o rome.json
      carrieres import csv --jobs jobs.csv --links links.csv -o mine.json
    """


@import_group.command(name="rome")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JSON file to write.")
@click.option("--name", help="Name of the référentiel (default: rome-v3 or rome-v4).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_rome_command(folder: str, output: str, name: str | None, force: bool) -> None:
    """Read a folder of ROME CSV files (v3 or 4.0, recognised by their headers).

    Cards become jobs (appellations as aliases), mobility rows become links
    (proche, evolution, or ranked mobilite for 4.0). Credit: France Travail.

    \b
    Example:
      carrieres import rome data/rome-v3 -o rome.json
      carrieres -r rome.json path I1401 M1802
    """
    from carrieres.rome import import_rome  # noqa: PLC0415 - loaded for this command only

    referentiel = import_rome(folder, name=name)
    save_referentiel(referentiel, output, force=force)
    click.echo(f"{output}: {len(referentiel.jobs)} jobs ({referentiel.credit})", err=True)


@import_group.command(name="csv")
@click.option("--jobs", "jobs_file", type=click.Path(dir_okay=False), help="Table of jobs (one row each).")
@click.option("--links", "links_file", type=click.Path(dir_okay=False), help="Table of links (one row each).")
@click.option("--delimiter", help="Column separator (default: guessed among , ; and tab).")
@click.option("--id", "id_column", default="id", show_default=True, help="Jobs: the id column.")
@click.option("--title", "title_column", default="title", show_default=True, help="Jobs: the title column.")
@click.option(
    "--family", "family_column", default="family", show_default=True, help="Jobs: the family column."
)
@click.option(
    "--education",
    "education_column",
    default="education",
    show_default=True,
    help="Jobs: the education column (Bac, Bac+3 or 3).",
)
@click.option(
    "--aliases",
    "aliases_column",
    default="aliases",
    show_default=True,
    help="Jobs: other names, separated by ; or |.",
)
@click.option(
    "--source", "source_column", default="source", show_default=True, help="Links: the source id column."
)
@click.option(
    "--target", "target_column", default="target", show_default=True, help="Links: the target id column."
)
@click.option("--kind", "kind_column", default="kind", show_default=True, help="Links: the kind column.")
@click.option(
    "--weight", "weight_column", default="weight", show_default=True, help="Links: a weight or rank column."
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JSON file to write.")
@click.option("--name", help="Name of the référentiel (default: from the first file's name).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_csv_command(
    jobs_file: str | None,
    links_file: str | None,
    delimiter: str | None,
    id_column: str,
    title_column: str,
    family_column: str,
    education_column: str,
    aliases_column: str,
    source_column: str,
    target_column: str,
    kind_column: str,
    weight_column: str,
    output: str,
    name: str | None,
    force: bool,
) -> None:
    """Read a table of jobs and a table of links (CSV or tab-separated).

    Column names are matched exactly, spaces and punctuation included.

    \b
    Example:
      carrieres import csv --jobs occupations.txt --links related.txt --delimiter $'\t' \\
        --id "O*NET-SOC Code" --title Title --source "O*NET-SOC Code" \\
        --target "Related O*NET-SOC Code" --kind "Relatedness Tier" --weight Index -o onet.json
    """
    from carrieres.tables import Columns, import_tables  # noqa: PLC0415 - loaded for this command only

    columns = Columns(
        id=id_column,
        title=title_column,
        family=family_column,
        education=education_column,
        aliases=aliases_column,
        source=source_column,
        target=target_column,
        kind=kind_column,
        weight=weight_column,
    )
    referentiel = import_tables(jobs_file, links_file, columns=columns, delimiter=delimiter, name=name)
    save_referentiel(referentiel, output, force=force)
    click.echo(f"{output}: {len(referentiel.jobs)} jobs", err=True)


@main.command(name="crosswalk")
@click.argument("target", metavar="ROME")
@click.option(
    "--matcher", is_flag=True, help="Run the matcher, even where the référentiel ships a reviewed crosswalk."
)
@click.option(
    "--review",
    type=click.Path(dir_okay=False),
    help="A reviewed crosswalk (JSON, as -o writes it or --format json prints it): "
    "its cards replace the matcher's.",
)
@click.option("--no-moves", is_flag=True, help="With -o: do not lift the ROME's links into moves.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the crosswalk and the moves lifted from it as JSON (with --attach: the référentiel with it).",
)
@click.option(
    "--attach", is_flag=True, help="With -o: write the référentiel itself, carrying this crosswalk."
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--format", "fmt", type=_FORMAT_TABLE, default="table", show_default=True)
@click.pass_context
def crosswalk_command(
    ctx: click.Context,
    target: str,
    matcher: bool,
    review: str | None,
    no_moves: bool,
    output: str | None,
    attach: bool,
    force: bool,
    fmt: str,
) -> None:
    """The ROME card of each job: code, title, score, how it was found, and the evidence.

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
    from carrieres.crosswalk import crosswalk, read_review  # noqa: PLC0415 - loaded for this command only

    if attach and not output:
        raise click.UsageError("--attach needs -o")
    referentiel = _referentiel(ctx)
    carried = referentiel.crosswalk(ALIASES.get(target, target))
    if carried is not None and not (matcher or review or no_moves):
        result = carried  # reviewed and ready: the ROME itself need not be loaded
    else:
        rome = _built_in_or_file(target)
        reviewed = read_review(review, rome.name) if review else None
        result = crosswalk(referentiel, rome, review=reviewed, fresh=matcher, moves=not no_moves)
    if output:
        others = [c for c in referentiel.crosswalks if c.target != result.target]
        if attach:
            save_referentiel(referentiel.replace(crosswalks=[*others, result]), output, force=force)
        else:
            write_atomic(output, to_json(result.to_dict()), force=force)
        click.echo(
            f"{output}: {len(result.rows)} jobs, {len(result.moves)} moves ({result.credit})", err=True
        )
    rows = [row.to_dict() for row in result.rows]
    if fmt == "json":
        click.echo(to_json(rows), nl=False)
        return
    header = ["id", "title", "code", "card", "score", "how", "evidence", "note"]
    cells = [
        [
            *(row[key] or "" for key in header[:4]),
            f"{row['score']:.2f}",
            row["how"],
            "; ".join(row["evidence"]),
            row["note"],
        ]
        for row in rows
    ]
    if fmt == "csv":
        click.echo(to_csv(cells, header), nl=False)
    else:
        click.echo(table([[cell[1], *cell[2:6]] for cell in cells], ["job", *header[2:6]]), nl=False)


def _built_in_or_file(name: str) -> Referentiel:
    """A référentiel named on the command line, other than the current one."""
    if name in BUILT_IN or name in ALIASES or Path(name).is_file():
        return load_referentiel(name)
    known = ", ".join([*BUILT_IN, *ALIASES])
    msg = f"unknown référentiel {name!r}: give a built-in name ({known}) or a JSON or YAML file"
    raise RequestError(msg)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a référentiel, for files written by hand (JSON or YAML).

    \b
    Example:
      carrieres schema > referentiel.schema.json
    """
    click.echo(to_json(Referentiel.json_schema()), nl=False)


@main.command()
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.5,
    show_default=True,
    help="Lowest share of common words between two names.",
)
@click.option(
    "--top", type=click.IntRange(1, 20), default=3, show_default=True, help="Matches shown per job of A."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write A and B joined by the best match of each job as one référentiel.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--format", "fmt", type=_FORMAT_TABLE, default="table", show_default=True)
def link(
    first: str, second: str, min_score: float, top: int, output: str | None, force: bool, fmt: str
) -> None:
    """Propose links between the jobs of two référentiels, by their names.

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
    from carrieres.crossing import join, match_jobs  # noqa: PLC0415 - loaded for this command only

    a, b = load_referentiel(first), load_referentiel(second)
    matches = match_jobs(a, b, min_score=min_score, top=top)
    if output:
        joined = join(a, b, [m for m in matches if m.rank == 1])
        save_referentiel(joined, output, force=force)
        click.echo(f"{output}: {len(joined.jobs)} jobs", err=True)
    matched = {m.source for m in matches}
    if fmt == "json":
        data = {
            "matches": [m.to_dict() for m in matches],
            "unmatched": [job.id for job in a.jobs if job.id not in matched],
        }
        click.echo(to_json(data), nl=False)
        return
    header = ["job", "rank", "match", "score", "evidence"]
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
    rows += [[job.title, "-", "no match", "", ""] for job in a.jobs if job.id not in matched]
    click.echo(to_csv(rows, header) if fmt == "csv" else table(rows, header), nl=False)
