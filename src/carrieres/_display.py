"""Rich display in Jupyter (HTML cards and tables) and pandas DataFrames (private).

Importing this module registers the cards of jobs, référentiels and routes
with :func:`carrieres._html.html_card`, which the records' ``_repr_html_``
call; every text taken from the data is escaped.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from carrieres._html import html_card
from carrieres._i18n import _, clauses, decimal, ngettext
from carrieres._records import Record
from carrieres._render import (
    fiche_sections,
    itinerary_heading,
    profile_text,
    requirement_lines,
    requirements_text,
)
from carrieres.graph import node_attributes
from carrieres.models import Job, Referentiel
from carrieres.paths import Route

_STYLE = "font-family: sans-serif; font-size: 13px; line-height: 1.35;"


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


@html_card.register
def job_html(job: Job, referentiel: Referentiel | None = None) -> str:
    """A fiche card."""
    family = " / ".join(part for part in (job.family, job.subfamily) if part) or _("unknown")
    parts = [
        f'<div style="{_STYLE}"><h3 style="margin: 0 0 4px">{escape(job.title)}</h3>',
        f"<div><code>{escape(job.id)}</code> · {escape(family)}</div>",
    ]
    if job.aliases:
        names = ", ".join(a.text for a in job.aliases)
        parts.append(f"<div>{escape(_('also called: {names}').format(names=names))}</div>")
    parts.append(_list(requirement_lines(job, referentiel)))
    if not job.has_fiche:
        no_fiche = _("This job has no fiche in the référentiel: only its family is known.")
        parts.append(f"<p><i>{escape(no_fiche)}</i></p>")
    for heading, texts in fiche_sections(job, referentiel):
        parts.append(f"<b>{escape(heading)}</b>{_list(texts)}")
    parts.append("</div>")
    return "".join(parts)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th style='text-align: left'>{escape(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td style='text-align: left; vertical-align: top'>{escape(c)}</td>" for c in row)
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@html_card.register
def route_html(route: Route) -> str:
    """Each path as a table of steps: the job, what it asks, the person's gap, why."""
    start, end = (
        (route.paths[0].steps[0].title, route.paths[0].steps[-1].title)
        if route.paths
        else (route.from_, route.to)
    )
    heading = _("From {start} to {end}").format(start=start, end=end)
    parts = [f'<div style="{_STYLE}">', f"<b>{escape(heading)}</b>"]
    for number, path in enumerate(route.paths, start=1):
        parts.append(f"<h4>{escape(itinerary_heading(number, path.moves, path.years, cost=path.cost))}</h4>")
        rows = [
            [
                str(step.move),
                step.title,
                _("start") if step.move == 0 else requirements_text(step.requires, None),
                ""
                if step.profile is None
                else _("year {year}: {check}").format(
                    year=decimal(step.profile.earliest_year), check=profile_text(step.profile)
                ),
                step.explanation,
            ]
            for step in path.steps
        ]
        parts.append(_table(["#", _("job"), _("asks"), _("you"), _("why")], rows))
        if path.assumptions:
            assumptions = _("assumptions: {assumptions}").format(assumptions=clauses(path.assumptions))
            parts.append(f"<p><i>{escape(assumptions)}</i></p>")
    parts.append("</div>")
    return "".join(parts)


@html_card.register
def referentiel_html(referentiel: Referentiel) -> str:
    """A summary: the document, counts, families, unresolved references."""
    with_fiche = sum(job.has_fiche for job in referentiel.jobs)
    rows = []
    for family in referentiel.families:
        members = [job for job in referentiel.jobs if job.family == family.name]
        subfamilies = ", ".join(s.text for s in family.subfamilies) or "-"
        rows.append([family.name, subfamilies, str(len(members)), str(sum(job.has_fiche for job in members))])
    jobs = ngettext("{count} job", "{count} jobs", len(referentiel.jobs)).format(count=len(referentiel.jobs))
    counts = _("{jobs}, {with_fiche} with a fiche; {unresolved} unresolved references").format(
        jobs=jobs, with_fiche=with_fiche, unresolved=len(referentiel.unresolved)
    )
    return (
        f'<div style="{_STYLE}"><h3 style="margin: 0 0 4px">Référentiel {escape(referentiel.name)}</h3>'
        f"<div>{escape(referentiel.document.title)} ({escape(referentiel.document.file)})</div>"
        f"<p>{escape(counts)}</p>"
        + _table([_("family"), _("sub-families"), _("jobs"), _("fiches")], rows)
        + "</div>"
    )


def to_dataframe(rows: Iterable[Record] | Referentiel | Route) -> Any:
    """A pandas DataFrame of results that are tables (needs pandas).

    A référentiel gives its jobs (one row each, prerequisites flattened), a
    route its steps (one row per step of each path), and a list of result
    models (centrality rows, reachable jobs…) one row per model.

    Parameters
    ----------
    rows
        A :class:`~carrieres.Referentiel`, a :class:`~carrieres.Route`, or a
        list of result records.

    Returns
    -------
    pandas.DataFrame
        One row per job, step or record.

    Raises
    ------
    ImportError
        pandas is not installed.

    Examples
    --------
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> carrieres.to_dataframe(ref).shape
    (41, 11)
    >>> G = carrieres.build_graph(ref)
    >>> route = carrieres.find_paths(G, "Technicien de maintenance", "Ingénieur sécurité")
    >>> print(carrieres.to_dataframe(route)[["route", "move", "id"]].to_string(index=False))
     route  move                                          id
         1     0                   technicien-de-maintenance
         1     1 ingenieur-administrateur-systeme-et-reseaux
         1     2                          ingenieur-securite
    >>> list(carrieres.to_dataframe(carrieres.centrality(G, top=2))["id"])
    ['chef-de-produit', 'support-technique']
    """
    try:
        pd = importlib.import_module("pandas")  # optional: not a dependency of carrieres
    except ImportError as err:
        msg = "to_dataframe needs pandas: pip install pandas (or the 'notebook' extra)"
        raise ImportError(msg) from err
    if isinstance(rows, Referentiel):
        records = [_job_record(job) for job in rows.jobs]
    elif isinstance(rows, Route):
        records = [
            {"route": number, "move": step.move, "id": step.id, "title": step.title, **_step_record(step)}
            for number, path in enumerate(rows.paths, start=1)
            for step in path.steps
        ]
    else:
        records = [row.to_dict() for row in rows]
    return pd.DataFrame.from_records(records)


def _job_record(job: Job) -> dict[str, Any]:
    record = {"id": job.id, **node_attributes(job)}
    record["prior_roles"] = ";".join(job.prerequisites.prior_roles)
    return record


def _step_record(step: Any) -> dict[str, Any]:
    check = step.profile
    return {
        "asks": requirements_text(step.requires, None),
        "earliest_year": None if check is None else check.earliest_year,
        "diploma_to_gain": None if check is None else check.diploma_to_gain,
        "explanation": step.explanation,
    }
