"""Pictures and files: the plot group, export (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from carrieres._i18n import N_, _, decimal_mark
from carrieres.analysis import MEASURES, clusters
from carrieres.cli.analysis import METHOD_OPTION, SEED_OPTION
from carrieres.cli.base import main
from carrieres.cli.options import (
    Links,
    RouteChoice,
    job_name_option,
    link_options,
    picture_options,
    route_options,
    waypoint_options,
)
from carrieres.export import EXPORT_FORMATS, export_graph

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["export", "plot_group"]


@main.group(
    name="plot",
    help=N_(
        """\
Draw the map, a path, the career ladder, central jobs or clusters.

The format follows the file's extension: .png, .svg, .pdf, .jpg (.jpeg) or .webp.

\b
Examples:
  carrieres plot map -o map.png
  carrieres plot path --from "Technicien de maintenance" --to "Ingénieur sécurité" -k 2 -o path.png
  carrieres plot ladder -o ladder.svg
"""
    ),
)
def plot_group() -> None:
    pass  # a group: its commands do the work


PICTURE_KINDS = {
    "map": N_("map"),
    "path": N_("route"),
    "ladder": N_("ladder"),
    "central": N_("central roles"),
    "clusters": N_("clusters"),
}
"""What each picture shows, as the line that says it was written names it."""


def _save(
    figure: Figure, output: str, kind: str, *, dpi: int, size: tuple[float, float] | None, force: bool
) -> None:
    """Write the picture. Its plot function laid it out for ``size`` (taller where its content
    needs it, for a path or a ladder on a page): the size written is printed."""
    from carrieres.plot import save_figure  # noqa: PLC0415 - matplotlib loads only for pictures

    del size  # used by the plot function, not resized here: that would undo its layout
    save_figure(figure, output, dpi=dpi, force=force)
    width, height = figure.get_size_inches()
    written = _("{output}: {kind} picture, {width} × {height} in").format(
        output=output,
        kind=_(PICTURE_KINDS[kind]),
        width=decimal_mark(f"{width:g}"),
        height=decimal_mark(f"{height:g}"),
    )
    click.echo(written, err=True)


@plot_group.command(
    name="map",
    help=N_(
        """\
The whole map: jobs by family, sized by a centrality measure, links by kind.

\b
Example:
  carrieres plot map --by pagerank -o map.png
"""
    ),
)
@click.option(
    "--by",
    type=click.Choice(MEASURES),
    default="betweenness",
    show_default=True,
    help=N_("What sizes the jobs."),
)
@link_options
@picture_options
@click.pass_context
def plot_map_command(ctx: click.Context, /, by: str, links: Links, title: str | None, **picture: Any) -> None:
    from carrieres.plot import plot_map  # noqa: PLC0415 - matplotlib loads only for pictures

    figure, _ = plot_map(links.graph(ctx), size_by=by, title=title, size=picture["size"])
    _save(figure, kind="map", **picture)


@plot_group.command(
    name="path",
    help=N_(
        """\
The map with the routes from one job to another, each spelt out step by step.

Takes the options of 'carrieres path'.

\b
Example:
  carrieres plot path --from "Technicien de maintenance" --to "Ingénieur sécurité" -k 3 \\
    --education 2 --experience 0 -o path.png
"""
    ),
)
@job_name_option("--from", "source", required=True, help=N_("The starting job."))
@job_name_option("--to", "target", required=True, help=N_("The job to reach."))
@click.option(
    "-k", "count", type=click.IntRange(1, 5), default=1, show_default=True, help=N_("Routes to draw.")
)
@waypoint_options
@route_options
@picture_options
@click.pass_context
def plot_path_command(
    ctx: click.Context,
    /,
    source: str,
    target: str,
    count: int,
    via: tuple[str, ...],
    avoid: tuple[str, ...],
    request: RouteChoice,
    title: str | None,
    **picture: Any,
) -> None:
    from carrieres.plot import plot_path  # noqa: PLC0415 - matplotlib loads only for pictures

    G, route = request.find(ctx, source, target, k=count, via=via, avoid=avoid)
    figure, _ = plot_path(G, route, title=title, size=picture["size"])
    _save(figure, kind="path", **picture)


@plot_group.command(
    name="ladder",
    help=N_(
        """\
The career ladder: families across, the Bac level asked up.

\b
Example:
  carrieres plot ladder -o ladder.svg
"""
    ),
)
@link_options
@picture_options
@click.pass_context
def plot_ladder_command(ctx: click.Context, /, links: Links, title: str | None, **picture: Any) -> None:
    from carrieres.plot import plot_ladder  # noqa: PLC0415 - matplotlib loads only for pictures

    figure, _ = plot_ladder(links.graph(ctx), title=title, size=picture["size"])
    _save(figure, kind="ladder", **picture)


@plot_group.command(
    name="central",
    help=N_(
        """\
The most central jobs by a measure, as bars.

\b
Example:
  carrieres plot central --by pagerank -o central.pdf
"""
    ),
)
@click.option(
    "--by",
    type=click.Choice(MEASURES),
    default="betweenness",
    show_default=True,
    help=N_("The measure ranked."),
)
@click.option("--top", type=click.IntRange(1), default=15, show_default=True, help=N_("Bars shown."))
@link_options
@picture_options
@click.pass_context
def plot_central_command(
    ctx: click.Context, /, by: str, top: int, links: Links, title: str | None, **picture: Any
) -> None:
    from carrieres.plot import plot_centrality  # noqa: PLC0415 - matplotlib loads only for pictures

    figure, _ = plot_centrality(links.graph(ctx), by=by, top=top, title=title, size=picture["size"])
    _save(figure, kind="central", **picture)


@plot_group.command(
    name="clusters",
    help=N_(
        """\
The clusters of the map beside the official families.

\b
Example:
  carrieres plot clusters -o clusters.png
"""
    ),
)
@METHOD_OPTION
@SEED_OPTION
@link_options
@picture_options
@click.pass_context
def plot_clusters_command(
    ctx: click.Context, /, method: str, seed: int, links: Links, title: str | None, **picture: Any
) -> None:
    from carrieres.plot import plot_clusters  # noqa: PLC0415 - matplotlib loads only for pictures

    G = links.graph(ctx)
    figure, _ = plot_clusters(G, clusters(G, method=method, seed=seed), title=title, size=picture["size"])
    _save(figure, kind="clusters", **picture)


@main.command(
    help=N_(
        """\
Export the career graph: GraphML, GEXF (Gephi), node-link JSON, Graphviz DOT, CSV, HTML.

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
    )
)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=N_("The file to write."))
@link_options
@click.option(
    "--excel",
    is_flag=True,
    help=N_("csv: as a spreadsheet set to French opens it (UTF-8 byte-order mark, ';', decimal comma)."),
)
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str, links: Links, excel: bool, force: bool) -> None:
    if excel and fmt != "csv":
        raise click.UsageError(_("--excel is for the csv format"))
    formulas = bool(ctx.find_root().obj.get("csv_formulas"))
    for written in export_graph(links.graph(ctx), fmt, output, force=force, formulas=formulas, excel=excel):
        click.echo(f"{written}: {fmt}", err=True)
