"""Analysis commands: central, clusters, stats (private)."""

from __future__ import annotations

import click

from carrieres._i18n import N_
from carrieres._render import clusters_text, stats_text
from carrieres.analysis import (
    CLUSTER_METHODS,
    EXACT_BETWEENNESS_LIMIT,
    MAX_RESOLUTION,
    MEASURES,
    centrality,
    clusters,
    map_stats,
)
from carrieres.cli.base import main, referentiel
from carrieres.cli.options import (
    FiniteFloat,
    Links,
    Table,
    echo_result,
    link_options,
    output_option,
    top_options,
)

__all__ = ["central", "clusters_command", "stats"]

MEASURE_OPTION = click.option(
    "--by",
    type=click.Choice(MEASURES),
    default="betweenness",
    show_default=True,
    help=N_("The measure to rank by."),
)
METHOD_OPTION = click.option(
    "--method",
    type=click.Choice(CLUSTER_METHODS),
    default="louvain",
    show_default=True,
    help=N_("The method."),
)
SEED_OPTION = click.option(
    "--seed", type=int, default=0, show_default=True, help=N_("Seed: the same seed, the same clusters.")
)


@main.command(
    help=N_(
        """\
The most central roles of the map.

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
    )
)
@MEASURE_OPTION
@top_options
@click.option(
    "--sources",
    type=click.IntRange(2),
    default=EXACT_BETWEENNESS_LIMIT,
    show_default=True,
    help=N_(
        "Betweenness is exact up to this many jobs, estimated from this many sampled sources beyond "
        "(fewer: faster and rougher)."
    ),
)
@link_options
@output_option("table", "json", "csv")
@click.pass_context
def central(ctx: click.Context, by: str, top: int | None, sources: int, links: Links, fmt: str) -> None:
    rows = centrality(links.graph(ctx), by=by, top=top, sources=sources)
    data = [row.to_dict() for row in rows]
    header = ["rank", "id", "title", *MEASURES]
    cells = [["" if row[key] is None else row[key] for key in header] for row in data]
    echo_result(fmt, data, rows=Table(header, cells))


@main.command(
    name="clusters",
    help=N_(
        """\
Groups of jobs linked together, compared with the official families.

Reports the modularity of the grouping and how it matches the families and
sub-families of the nomenclature (adjusted Rand index, normalised mutual
information), and which jobs it groups differently.

\b
Example:
  carrieres clusters --method greedy --edges proximity,prerequisite,similarity
"""
    ),
)
@METHOD_OPTION
@SEED_OPTION
@click.option(
    "--resolution",
    type=FiniteFloat(0, MAX_RESOLUTION, min_open=True),
    default=1.0,
    show_default=True,
    help=N_("Above 1: smaller clusters; below 1: larger ones."),
)
@link_options
@top_options
@output_option("text", "json", "csv")
@click.pass_context
def clusters_command(
    ctx: click.Context, method: str, seed: int, resolution: float, links: Links, top: int | None, fmt: str
) -> None:
    result = clusters(links.graph(ctx), method=method, seed=seed, resolution=resolution)
    groups = Table(
        ["id", "cluster"], [[job, index] for index, group in enumerate(result.clusters) for job in group]
    )
    echo_result(fmt, result.to_dict(), rows=groups, text=lambda: clusters_text(result, referentiel(ctx), top))


@main.command(
    help=N_(
        """\
The shape of the map: jobs, links, components, entry points, dead ends, bridges.

\b
Example:
  carrieres stats --format json
"""
    )
)
@link_options
@top_options
@output_option("text", "json")
@click.pass_context
def stats(ctx: click.Context, links: Links, top: int | None, fmt: str) -> None:
    result = map_stats(links.graph(ctx))
    echo_result(fmt, result.to_dict(), text=lambda: stats_text(result, referentiel(ctx), top))
