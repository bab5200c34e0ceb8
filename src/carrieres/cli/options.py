"""Options shared by the commands, and the one way they print results (private).

* :func:`output_option` and :func:`echo_result`: ``--format`` and the table,
  JSON, CSV or text it chooses.
* :func:`link_options`: ``--edges`` and ``--similarity-threshold``, passed to
  the command as one :class:`Links`.
* :func:`route_options`: the links, the person's profile and the cost model of
  a route request, passed as one :class:`RouteChoice`; :func:`waypoint_options`
  adds ``--via`` and ``--avoid``.
* :func:`picture_options`: ``-o``, ``--dpi``, ``--size``, ``--title``, ``--force``.
"""

from __future__ import annotations

import functools
import gc
import math
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from carrieres._i18n import N_, _, clauses, decimal_mark
from carrieres._records import no_collection
from carrieres._render import table, titles_text, to_csv, to_json, wrap_lines
from carrieres._text import education_level, fold
from carrieres.cli.base import referentiel
from carrieres.completion import job_names
from carrieres.exceptions import RequestError
from carrieres.graph import build_graph
from carrieres.layout import PAGE_SIZES, page_size
from carrieres.names import WHOLE_ONLY
from carrieres.similarity import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from carrieres.graph import CareerGraph
    from carrieres.models import Referentiel
    from carrieres.names import Reading
    from carrieres.paths import CostModel, Profile, Route

__all__ = [
    "FiniteFloat",
    "Links",
    "RouteChoice",
    "Table",
    "echo_result",
    "job_name_argument",
    "job_name_option",
    "link_options",
    "output_option",
    "picture_options",
    "route_options",
    "stream_result",
    "top_options",
    "waypoint_options",
]

Command = Callable[..., Any]


def _options(command: Command, options: Sequence[Callable[[Command], Command]]) -> Command:
    """Apply click options so that ``--help`` lists them in the order given."""
    for option in reversed(options):
        command = option(command)
    return command


class FiniteFloat(click.FloatRange):
    """A number in a range, and never NaN or infinity (which every comparison lets through)."""

    name = "finite float"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not math.isfinite(click.FLOAT.convert(value, param, ctx)):
            self.fail(_("{value} is not a finite number").format(value=repr(value)), param, ctx)
        return super().convert(value, param, ctx)


class EducationLevel(click.ParamType[int]):
    """A person's education level: N (Bac+N; on another scale, its level), ``Bac+N`` or a diploma
    (``licence``, ``master``, ``BTS``, ``CAP``…), any case and accents; on another scale, its name
    and level too (``job zone 2``)."""

    name = "level"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            return value
        level = education_level(str(value))
        named = _NAMED_LEVEL.fullmatch(fold(str(value)).strip().lower())
        if level is None and named and named[1] not in NATIONAL_WORDS:  # niveau 2 is no diploma's
            level = int(named[2])
        if level is None or not -1 <= level <= 8:
            msg = _(
                "{value} is not an education level: give N for Bac+N (0 = Bac, -1 = CAP or BEP), Bac+N, "
                "a level of the national nomenclature (niveau 3 to 8) or a diploma: {diplomas}"
            ).format(value=repr(value), diplomas=DIPLOMA_WORDS)
            self.fail(msg, param, ctx)
        return level


_NAMED_LEVEL = re.compile(r"([a-z][a-z ]*?)\s*(\d)")
NATIONAL_WORDS = frozenset({"niveau", "cec", "eqf", "rncp"})
"""Words of the national and European nomenclatures, read on the Bac scale (see
:data:`carrieres._text.NATIONAL_LEVELS`), never as a level of the référentiel's own scale."""
DIPLOMA_WORDS = "CAP, BEP, Bac, Bac pro, BTS, DUT, BUT, licence, bachelor, master, ingénieur, doctorat"
"""The diplomas ``--education`` names in its errors (it reads all of ``_text.DIPLOMA_LEVELS``)."""


@dataclass(frozen=True)
class Table:
    """Rows under a header, for ``--format table`` or ``csv``."""

    header: Sequence[str]
    rows: Sequence[Sequence[Any]]


COLUMN_NAMES = {
    "id": N_("id"),
    "title": N_("title"),
    "family": N_("family"),
    "subfamily": N_("subfamily"),
    "fiche": N_("fiche"),
    "job": N_("job"),
    "moves": N_("moves"),
    "education": N_("education"),
    "experience": N_("experience"),
    "through": N_("through"),
    "links": N_("links"),
    "cost": N_("cost"),
    "years": N_("years"),
    "route": N_("route"),
    "code": N_("code"),
    "card": N_("card"),
    "score": N_("score"),
    "how": N_("how"),
    "rank": N_("rank"),
    "match": N_("match"),
    "evidence": N_("evidence"),
    "to learn": N_("to learn"),
    "skills shared": N_("skills shared"),
}
"""The headers of the tables people read, translated where they are printed (CSV keeps the keys)."""


def column_name(name: str) -> str:
    """A table's header as the reader's language writes it (a column of their own table stays)."""
    if name in COLUMN_NAMES:
        return _(COLUMN_NAMES[name])
    from carrieres.analysis import measure_name  # noqa: PLC0415 - the analyses' columns only

    return measure_name(name)


_DECIMAL = re.compile(r"-?\d+\.\d+")


def _as_read(cell: Any) -> Any:
    """A table cell as the reader's language writes it: ``0,25`` for ``0.25`` in French."""
    text = str(cell) if isinstance(cell, float) else cell
    return decimal_mark(text) if isinstance(text, str) and _DECIMAL.fullmatch(text) else text


def output_option(*choices: str) -> Callable[[Command], Command]:
    """``--format``, among ``choices``; the first is the default. The command gets it as ``fmt``."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True
    )


def stream_result(fmt: str, header: Sequence[str], parts: Iterable[Sequence[Any]]) -> None:
    """Print a long result part by part, byte for byte as :func:`echo_result` prints it whole:
    ``json``, each part's items as one list; ``csv``, each part's rows under one header."""
    formulas = bool(click.get_current_context().find_root().obj.get("csv_formulas"))
    first = True
    for part in parts:
        for item in part if fmt == "json" else ():
            text = to_json(item).rstrip("\n")
            click.echo(("[\n" if first else ",\n") + textwrap.indent(text, "  "), nl=False)
            first = False
        if fmt == "csv" and part:
            text = to_csv(part, header, formulas=formulas)
            click.echo(text if first else text.split("\n", 1)[1], nl=False)
            first = False
    if fmt == "json":
        click.echo("[]" if first else "\n]")
    elif first:
        click.echo(to_csv([], header), nl=False)


OFF_TERMINAL_WIDTH = 100
"""The width text and tables are wrapped to when the output is not a terminal (a file, a pipe)."""


def output_width() -> int:
    """The width to wrap text and tables to: the ``COLUMNS`` environment variable where it is set
    (``COLUMNS=200 carrieres next … > file``), else the terminal's, else :data:`OFF_TERMINAL_WIDTH`."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(40, int(columns))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((OFF_TERMINAL_WIDTH, 24)).columns)
    return OFF_TERMINAL_WIDTH


def echo_result(
    fmt: str,
    data: Any,
    *,
    rows: Table | None = None,
    shown: Table | None = None,
    text: Callable[[], str] | None = None,
) -> None:
    """Print a result as ``fmt`` asks: ``data`` as JSON, ``rows`` as CSV, ``shown`` (else
    ``rows``) as an aligned table, or the ``text`` rendering."""
    if fmt == "json":
        click.echo(to_json(data), nl=False)
    elif fmt == "csv" and rows is not None:
        formulas = bool(click.get_current_context().find_root().obj.get("csv_formulas"))
        click.echo(to_csv(rows.rows, rows.header, formulas=formulas), nl=False)
    elif fmt == "table" and (shown or rows) is not None:
        chosen = shown or rows
        assert chosen is not None
        cells = [[_as_read(cell) for cell in row] for row in chosen.rows]
        click.echo(
            table(cells, [column_name(name) for name in chosen.header], width=output_width()), nl=False
        )
    elif text is not None:
        click.echo(wrap_lines(text(), output_width()), nl=False)
    else:  # pragma: no cover - a command offers only the formats it can print
        msg = f"no {fmt} rendering for this command"
        raise click.UsageError(msg)


@dataclass(frozen=True)
class Links:
    """The links chosen on the command line: the kinds, and the similarity threshold."""

    edges: tuple[str, ...] | None
    similarity_threshold: float
    where: tuple[str, ...] = ()

    def graph(
        self, ctx: click.Context, weighed_for: tuple[CostModel, bool, int | None] | None = None
    ) -> CareerGraph:
        """The career graph of the command's référentiel with these links; with ``weighed_for``
        (costs, fewest moves, the most levels a move climbs), the graph of its moves weighed so,
        read back from the cache where it was kept (:func:`carrieres._stored.weighed_graph`)."""
        loaded = referentiel(ctx)
        with no_collection():  # it lives until the command ends, as the référentiel does
            if weighed_for is None:
                G = build_graph(
                    loaded, edges=self.edges, similarity_threshold=self.similarity_threshold, where=self.where
                )
            else:
                from carrieres._stored import weighed_graph  # noqa: PLC0415 - route commands only

                costs, fewest_moves, max_level_jump = weighed_for
                G = weighed_graph(
                    loaded,
                    edges=self.edges,
                    similarity_threshold=self.similarity_threshold,
                    where=self.where,
                    costs=costs,
                    fewest_moves=fewest_moves,
                    max_level_jump=max_level_jump,
                )
            gc.freeze()
        return G


def _edge_kinds(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(kind.strip() for kind in value.split(",") if kind.strip())


_LINK_OPTIONS = (
    click.option(
        "--edges",
        callback=_edge_kinds,
        help=N_(
            "Kinds of links, comma-separated (default: the référentiel's own). Fiches state "
            "proximity and prerequisite (and rome, moves lifted from ROME 4.0), ROME v3 proche and "
            "evolution, ROME 4.0 mobilite; any référentiel also has "
            "the inferred reverse_proximity and similarity."
        ),
    ),
    click.option(
        "--similarity-threshold",
        type=FiniteFloat(0, 1, min_open=True),
        default=DEFAULT_THRESHOLD,
        show_default=True,
        help=N_("Minimum similarity of two fiches for a 'similarity' link."),
    ),
    click.option(
        "--where",
        multiple=True,
        metavar="CONDITION",
        help=N_(
            "Keep only the links whose attributes meet a condition, e.g. 'similarity>=0.3' or "
            "'viable=true' (repeatable, or comma-separated; = != > >= < <=)."
        ),
    ),
)


def link_options(command: Command) -> Command:
    """``--edges``, ``--similarity-threshold`` and ``--where``, given to the command as ``links``."""

    @functools.wraps(command)
    def with_links(
        *args: Any,
        edges: tuple[str, ...] | None,
        similarity_threshold: float,
        where: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
        return command(*args, links=Links(edges, similarity_threshold, where), **kwargs)

    return _options(with_links, _LINK_OPTIONS)


@dataclass(frozen=True)
class RouteChoice:
    """What a route request asks besides its jobs: links, profile, assumptions and costs."""

    links: Links
    education: int | None
    experience: float | None
    min_stay: float
    years_per_level: float
    fewest_moves: bool
    costs: CostModel
    max_level_jump: int | None = None

    def profile(self, education: int | None = None, experience: float | None = None) -> Profile:
        """The person's profile: these values where given (a row of a table), else the options'."""
        from carrieres.paths import Profile  # noqa: PLC0415 - loaded for route commands only

        years = self.experience if experience is None else experience
        return Profile(
            education=self.education if education is None else education,
            experience=years or 0.0,
            min_stay_years=self.min_stay,
            years_per_level=self.years_per_level,
        )

    def find(
        self,
        ctx: click.Context,
        source: str,
        target: str,
        *,
        k: int,
        via: Sequence[str],
        avoid: Sequence[str],
    ) -> tuple[CareerGraph, Route]:
        """The graph these links give, and the ``k`` best routes on it (:func:`carrieres.find_paths`)."""
        from carrieres.paths import find_paths  # noqa: PLC0415 - loaded for route commands only

        G = self.links.graph(ctx, (self.costs, self.fewest_moves, self.max_level_jump))
        found = find_paths(
            G,
            source,
            target,
            k=k,
            via=via,
            avoid=avoid,
            fewest_moves=self.fewest_moves,
            costs=self.costs,
            max_level_jump=self.max_level_jump,
            profile=self.profile(),
        )
        return G, found


def _weights(ctx: click.Context, param: click.Parameter, value: str | None) -> CostModel:
    from carrieres.paths import CostModel  # noqa: PLC0415 - loaded for route commands only

    if not value:
        return CostModel()
    pairs: dict[str, float] = {}
    own_names = [name for name in CostModel.field_names() if name != "attributes"]
    for part in value.split(","):
        name, _equals, number = (text.strip() for text in part.partition("="))
        if not _NUMBER.fullmatch(number):
            msg = _("{part} is not NAME=NUMBER").format(part=repr(part))
            raise click.BadParameter(msg, ctx=ctx, param=param)
        if name in pairs:
            msg = _("{name} is weighed twice").format(name=repr(name))
            raise click.BadParameter(msg, ctx=ctx, param=param)
        pairs[name] = float(number)
        if not math.isfinite(pairs[name]):
            msg = _("{part}: {number} is not a finite number").format(part=repr(part), number=number)
            raise click.BadParameter(msg, ctx=ctx, param=param)
        if name in own_names and pairs[name] < 0:
            msg = _(
                "{part}: the weight of {name} is a cost, never negative; weights are {names}, each "
                "a number ≥ 0, and the numbers of the links (any sign)"
            ).format(part=repr(part), name=name, names=", ".join(own_names))
            raise click.BadParameter(msg, ctx=ctx, param=param)
    own = {name: pairs.pop(name) for name in own_names if name in pairs}
    try:
        return CostModel(**own, attributes=pairs)
    except RequestError as err:  # a weight too large
        raise click.BadParameter(str(err), ctx=ctx, param=param) from err


_NUMBER = re.compile(
    r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)", re.ASCII | re.I
)
"""A number as ``--weights`` reads it: ASCII digits (float() would take ``1_000`` and other scripts'
digits), or a word for infinity or NaN, refused as such."""


_ROUTE_OPTIONS = (
    click.option(
        "--education",
        type=EducationLevel(),
        help=N_(
            "Your current level: N for Bac+N (0 = Bac, -1 = CAP or BEP), Bac+N, a diploma (CAP, Bac, "
            "BTS, licence, master, ingénieur, doctorat…), a level of the national nomenclature "
            "(niveau 6: Bac+3), or a level of the référentiel's scale (2: job zone 2)."
        ),
    ),
    click.option("--experience", type=FiniteFloat(0, 60), help=N_("Years you have worked.")),
    *_LINK_OPTIONS,
    click.option("--fewest-moves", is_flag=True, help=N_("Rank by number of moves only, ignoring costs.")),
    click.option(
        "--max-level-jump",
        type=click.IntRange(0, 8),
        help=N_("Forbid moves that climb more than N education levels at once (Bac+2 to Bac+5 climbs 3)."),
    ),
    click.option(
        "--weights",
        callback=_weights,
        help=N_(
            "Cost model, e.g. 'move=1,education_jump=0.5,inferred=1,rome=4,skills=2.5' (the defaults; "
            "with skills links, also group=1,unshared=1,experience=0.5); "
            "a number of the links too: 'similarity=-2' (negative: higher is better)."
        ),
    ),
    click.option(
        "--min-stay",
        type=FiniteFloat(0, 60),
        default=2.0,
        show_default=True,
        help=N_("Years in a job before the next move, where the référentiel does not say."),
    ),
    click.option(
        "--years-per-level",
        type=FiniteFloat(0, 10),
        default=1.0,
        show_default=True,
        help=N_("Years of study per missing Bac level."),
    ),
)


def route_options(command: Command) -> Command:
    """The options of a route request, given to the command as ``request`` (a :class:`RouteChoice`)."""

    @functools.wraps(command)
    def with_route(
        *args: Any,
        education: int | None,
        experience: float | None,
        edges: tuple[str, ...] | None,
        similarity_threshold: float,
        where: tuple[str, ...],
        fewest_moves: bool,
        max_level_jump: int | None,
        weights: CostModel,
        min_stay: float,
        years_per_level: float,
        **kwargs: Any,
    ) -> Any:
        route = RouteChoice(
            links=Links(edges, similarity_threshold, where),
            education=education,
            experience=experience,
            min_stay=min_stay,
            years_per_level=years_per_level,
            fewest_moves=fewest_moves,
            costs=weights,
            max_level_jump=max_level_jump,
        )
        return command(*args, request=route, **kwargs)

    return _options(with_route, _ROUTE_OPTIONS)


def waypoint_options(command: Command) -> Command:
    """``--via`` and ``--avoid``, given to the command as ``via`` and ``avoid`` (tuples of names)."""
    return _options(
        command,
        (
            job_name_option(
                "--via", multiple=True, help=N_("A job the route must pass through (repeatable, in order).")
            ),
            job_name_option(
                "--avoid", multiple=True, help=N_("A job the route must not pass through (repeatable).")
            ),
        ),
    )


def job_name_option(*names: str, **attrs: Any) -> Callable[[Command], Command]:
    """An option that takes job names: completed from the référentiel's names, each read as
    :func:`read_job_names` says, and given to the command as the job's id."""
    return click.option(*names, shell_complete=job_names, callback=read_job_names, **attrs)


def job_name_argument(name: str, **attrs: Any) -> Callable[[Command], Command]:
    """An argument that takes a job name, as :func:`job_name_option`."""
    return click.argument(name, shell_complete=job_names, callback=read_job_names, **attrs)


def read_job_names(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """The job (or jobs) a name given on the command line names, as ids: read as the library reads
    names (refused when several jobs match, with ``--strict``), saying on stderr how a name was
    read where it is not one of the job's own names (:func:`reading_note`)."""
    if value is None:
        return None
    chosen = referentiel(ctx)
    strict = bool(ctx.find_root().obj.get("strict"))
    ids = []
    for name in value if isinstance(value, tuple) else (value,):
        reading = chosen.read_name(name, strict=strict)
        note = reading_note(reading, chosen)
        if note:
            click.echo(wrap_lines(_("note: {note}").format(note=note), output_width()), err=True)
        ids.append(reading.key)
    return tuple(ids) if isinstance(value, tuple) else ids[0]


def reading_note(reading: Reading, chosen: Referentiel) -> str | None:
    """How a job name was read, where a person should know it: through the trade's words, by an
    appellation of the job's ROME card, or as the closest of several jobs (``None``: by one of
    the job's own names, the only one it matches)."""
    said = []
    if reading.trade:
        forms = ", ".join(
            _("{form} = {words!r}").format(form=row.name, words=row.stands_for) for row in reading.trade
        )
        said.append(_("read through the trade's words ({forms})").format(forms=forms))
    if reading.left_out:
        said.append(_("read without the word {word!r}").format(word=reading.left_out))
    if reading.initials:
        said.append(_("the initials of its name {matched!r}").format(matched=reading.matched))
    elif reading.how == "partial" and reading.priority < WHOLE_ONLY:
        said.append(_("part of its name {matched!r}").format(matched=reading.matched))
    if reading.priority >= WHOLE_ONLY:
        from carrieres.rome_cards import card_code  # noqa: PLC0415 - only names found by a card

        code = card_code(chosen, chosen.get(reading.key)) or "?"
        said.append(
            _("{name!r} is an appellation of its ROME 4.0 card {code}").format(
                name=reading.matched, code=code
            )
        )
    if reading.others:
        said.append(
            _("the closest of the jobs it matches; it also matches {others} (--strict refuses)").format(
                others=titles_text(reading.others, chosen, 3)
            )
        )
    if not said:
        return None
    title = chosen.get(reading.key).title
    return _("{name!r} is {title}: {how}").format(name=reading.name, title=title, how=clauses(said))


SUMMARY_SIZE = 20
"""How many jobs a summary lists, unless ``--top`` or ``--all`` says otherwise."""


def top_options(command: Command) -> Command:
    """``--top N`` and ``--all``, given to the command as ``top`` (``None``: every item). Without
    ``--top``, a table or a text lists :data:`SUMMARY_SIZE` items and a machine format (JSON, CSV) lists
    them all: a program reading it is never cut short without being told."""

    @functools.wraps(command)
    def with_top(*args: Any, top: int | None, show_all: bool, **kwargs: Any) -> Any:
        if top is None and kwargs.get("fmt", "table") in ("table", "text"):
            top = SUMMARY_SIZE
        return command(*args, top=None if show_all else top, **kwargs)

    return _options(
        with_top,
        (
            click.option(
                "--top",
                type=click.IntRange(1),
                help=N_(
                    "List the first N (default: 20 in a table or a text, a summary for large "
                    "référentiels; everything in JSON and CSV)."
                ),
            ),
            click.option("--all", "show_all", is_flag=True, help=N_("List everything (overrides --top).")),
        ),
    )


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    size = page_size(value)
    if size is not None:
        return size
    width, _times, height = value.lower().partition("x")
    try:
        size = (float(width), float(height))
    except ValueError:
        msg = _(
            "{value} is not WIDTHxHEIGHT in inches, e.g. 12x8, nor a paper size ({pages}, add "
            "'-landscape' for landscape)"
        ).format(value=repr(value), pages=", ".join(PAGE_SIZES))
        raise click.BadParameter(msg, ctx=ctx, param=param) from None
    if not all(1 <= side <= 100 for side in size):
        raise click.BadParameter(_("each side must be between 1 and 100 inches"), ctx=ctx, param=param)
    return size


def picture_options(command: Command) -> Command:
    """The options of every picture: the file, its resolution, size and title, and ``--force``."""
    return _options(
        command,
        (
            click.option(
                "-o",
                "--output",
                required=True,
                type=click.Path(dir_okay=False),
                help=N_("PNG, SVG, PDF, JPEG or WebP file (by its extension)."),
            ),
            click.option(
                "--dpi",
                type=click.IntRange(30, 1200),
                default=150,
                show_default=True,
                help=N_("Resolution of a PNG."),
            ),
            click.option(
                "--size",
                callback=_size,
                help=N_(
                    "Figure size in inches, WIDTHxHEIGHT, or a page: a4, a4-landscape, a3, letter… "
                    "(default: per plot)."
                ),
            ),
            click.option("--title", help=N_("Title of the picture (default: per plot).")),
            click.option("--force", is_flag=True, help=N_("Replace the output file if it exists.")),
        ),
    )
