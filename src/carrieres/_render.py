"""Plain-text and table renderings of results, for the command line (private)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from carrieres._i18n import N_, _, clauses, decimal, grouped, language, ngettext, pgettext, readable
from carrieres._text import split_lines
from carrieres.models import (
    FICHE_SECTIONS,
    LEVEL_SCALES,
    Item,
    Job,
    LevelScale,
    Prerequisites,
    Reference,
    Referentiel,
)

if TYPE_CHECKING:
    from carrieres.analysis import Clustering, MapStats
    from carrieres.parse import ParseReport
    from carrieres.paths import Learning, Reachable, Route, StepCheck
    from carrieres.skills import CardContent, Skill


CARD_HOW = {
    "appellation": N_("appellation"),
    "fiche alias": N_("fiche alias"),
    "title words": N_("title words"),
    "reviewed": N_("reviewed"),
    "none": N_("none"),
}
"""How a job's card was found, as a person reads it (JSON and CSV keep the value)."""


def to_json(data: Any) -> str:
    """JSON text as every command writes it: UTF-8, indented, stable."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def table(rows: Sequence[Sequence[str]], header: Sequence[str], *, width: int | None = None) -> str:
    """A plain text table with aligned columns; within ``width`` characters where it is given: the
    widest column narrowed a character at a time, down to its longest word (words break after a
    hyphen; a word is never cut) or :data:`NARROWEST`, its cells wrapped on more lines; where
    that is not enough, one space between columns instead of two (and the lines may be longer).

    Examples
    --------
    >>> print(table([["Chef de projet", "prior roles, related jobs"]], ["job", "links"], width=30))
    job             links
    --------------  --------------
    Chef de projet  prior roles,
                    related jobs
    """
    columns = list(zip(header, *rows, strict=True))
    widths = [max(len(str(cell)) for cell in column) for column in columns]
    words = [
        min(full, max(NARROWEST, *(len(word) for cell in column for word in _WORD_BREAKS.split(str(cell)))))
        for full, column in zip(widths, columns, strict=True)
    ]
    excess = 0 if width is None else sum(widths) + 2 * (len(widths) - 1) - width
    while excess > 0 and any(w > low for w, low in zip(widths, words, strict=True)):
        widest = max((w, -i) for i, (w, low) in enumerate(zip(widths, words, strict=True)) if w > low)
        widths[-widest[1]] -= 1
        excess -= 1
    gap = " " if excess > 0 else "  "  # the last room: one space between columns
    lines = []
    for row in (header, ["-" * w for w in widths], *rows):
        cells = [textwrap.wrap(str(cell), w) or [""] for cell, w in zip(row, widths, strict=True)]
        for line in itertools.zip_longest(*cells, fillvalue=""):
            lines.append(gap.join(part.ljust(w) for part, w in zip(line, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


NARROWEST = 8
"""The narrowest a table's column is made to fit a width."""

_WORD_BREAKS = re.compile(r"\s+|(?<=-)")


def wrap_lines(text: str, width: int) -> str:
    """Text with each line longer than ``width`` wrapped at spaces, its continuation indented as
    far as the line's text begins (past its indentation and a list mark such as ``- ``, ``1. ``,
    ``→``); a line that holds no space to wrap at stays as it is.

    Examples
    --------
    >>> print(wrap_lines("  - Développeur has 21 of the 67 skills of Chef de projet", 30))
      - Développeur has 21 of the
        67 skills of Chef de
        projet
    """
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        mark = _LIST_MARK.match(line)
        indent = " " * (mark.end() if mark else 0)
        out += textwrap.wrap(
            line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        ) or [line]
    return "\n".join(out)


_LIST_MARK = re.compile(r"\s*(?:[-*•→·]\s+|\d+[.)]\s+|[\w ’'/.()-]{1,28}:\s+)?")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a CSV cell that a spreadsheet would run as a formula begins."""


def to_csv(
    rows: Sequence[Sequence[Any]], header: Sequence[str], *, formulas: bool = False, excel: bool = False
) -> str:
    """CSV text with a header row.

    A text cell that begins like a formula (:data:`FORMULA_STARTS`) gets a
    leading ``'``, so that a spreadsheet shows it instead of running it,
    unless ``formulas`` is true; numbers are written as they are. With
    ``excel``, as a spreadsheet set to French opens it: a UTF-8 byte-order
    mark, ``;`` between cells, a decimal comma.

    Examples
    --------
    >>> print(to_csv([["=HYPERLINK(1)", -1, "@home", "-"]], ["a", "b", "c", "d"]), end="")
    a,b,c,d
    '=HYPERLINK(1),-1,'@home,-
    >>> to_csv([[0.5, "x;y"]], ["a", "b"], excel=True)
    '\\ufeffa;b\\n0,5;"x;y"\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=";" if excel else ",")
    writer.writerow(header)
    cells = rows if formulas else [[_inert(cell) for cell in row] for row in rows]
    if excel:
        cells = [
            [repr(cell).replace(".", ",") if type(cell) is float else cell for cell in row] for row in cells
        ]
    writer.writerows(cells)
    return ("\ufeff" if excel else "") + buffer.getvalue()


def _inert(cell: Any) -> Any:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and cell not in _NO_FORMULAS:
        return f"'{cell}"
    return cell


_NO_FORMULAS = frozenset({"-", "+"})
"""Cells that begin like a formula but are none: the dash an empty value is shown by."""


def fiche_fields(job: Job) -> dict[str, int]:
    """How many entries each section of a job's fiche holds."""
    counts: dict[str, int] = {}
    for name in FICHE_SECTIONS:
        value = getattr(job, name)
        if isinstance(value, list):
            counts[name] = len(value)
        elif isinstance(value, Prerequisites):
            counts[name] = 1 if value.text else 0
        else:
            counts[name] = 0 if value is None else 1
    return counts


def _levels(low: float | None, high: float | None, unit: Callable[[float], str]) -> str:
    def show(value: float) -> str:
        return unit(int(value) if float(value).is_integer() else value)

    if low is None:
        return _("not stated")
    if high is None:
        return _("{low} or more").format(low=show(low))
    return show(low) if low == high else _("{low} to {high}").format(low=show(low), high=show(high))


def bac(low: int | None, high: int | None, scale: LevelScale | None = None) -> str:
    """``Bac+2 to Bac+4``, ``Bac+4 or more``, ``not stated`` (or on another scale: ``job zone 2``)."""
    chosen = scale or LEVEL_SCALES["bac"]
    return _levels(low, high, lambda level: chosen.label(int(level)))


def _scale(referentiel: Referentiel | None) -> LevelScale | None:
    return None if referentiel is None else referentiel.levels


def years(low: float | None, high: float | None) -> str:
    """``3 or more years``, ``4 to 5 years``, ``2 years``, ``not stated``."""
    if low is None:
        return _("not stated")
    if high is None:
        return ngettext("{low} or more year", "{low} or more years", low).format(low=decimal(low))
    if low == high:
        return ngettext("{years} year", "{years} years", low).format(years=decimal(low))
    return _("{low} to {high} years").format(low=decimal(low), high=decimal(high))


def _reference(reference: Reference, referentiel: Referentiel | None) -> str:
    """A reference as text: its words, and the jobs it names (ids without a référentiel)."""
    if not reference.ids:
        if reference.candidates:
            return _("{text}  [unresolved (could be: {candidates})]").format(
                text=reference.text, candidates=", ".join(reference.candidates)
            )
        return _("{text}  [unresolved]").format(text=reference.text)
    titles = [referentiel.get(i).title if referentiel else i for i in reference.ids]
    values = ", ".join(f"{name} {readable(value)}" for name, value in reference.attributes.items())
    if values:
        return f"{reference.text} → {', '.join(titles)} ({values})"
    if reference.how == "exact" and len(titles) == 1 and titles[0] == reference.text:
        return titles[0]
    if len(titles) > 4:
        if reference.group:
            return _("{text} → {count} jobs of {group}").format(
                text=reference.text, count=len(titles), group=reference.group
            )
        return _("{text} → {count} jobs").format(text=reference.text, count=len(titles))
    return f"{reference.text} → {', '.join(titles)}"


def _texts(items: Sequence[Item]) -> list[str]:
    return [item.text for item in items]


VERSION_NAMES = {"rome-v4": "ROME 4.0", "rome-v3": "ROME v3"}
"""The built-in référentiels whose cards a value may come from, as people name them."""


def origin_text(pre: Prerequisites, key: str) -> str:
    """Where a value not read from the job's own document comes from: ``ROME 4.0 M1805``, or ``""``.

    Examples
    --------
    >>> origin_text(Prerequisites(origins={"education": "rome-v4:M1805"}), "education")
    'ROME 4.0 M1805'
    """
    origin = pre.origins.get(key)
    if not origin:
        return ""
    target, _sep, code = origin.partition(":")
    return f"{VERSION_NAMES.get(target, target)} {code}".strip()


def _from(pre: Prerequisites, key: str, *, fiche: bool = False) -> str:
    """`` (from ROME 4.0 M1805)`` after a value read from a card; with ``fiche``, also
    `` (fiche, line 1691)`` after a value read from the job's own fiche."""
    origin = origin_text(pre, key)
    if origin:
        said = _("(from {origin}, accès au métier)") if fiche else _("(from {origin})")
        return " " + said.format(origin=origin)
    if fiche and key in pre.sources:
        return " " + _("(fiche, line {line})").format(line=pre.sources[key].line)
    return ""


def education_text(pre: Prerequisites, scale: LevelScale | None = None) -> str:
    """The education a job asks: ``Bac+2 to Bac+5``, ``none required``, ``CAP/BEP or more, or none``."""
    level = bac(pre.education_min, pre.education_max, scale)
    if pre.without_diploma:
        if pre.education_min is None:
            return _("no diploma required")
        return _("{level}, or no diploma").format(level=level)
    return level


def experience_text(pre: Prerequisites) -> str:
    """The experience a job asks: ``3 or more years``, ``several years``, ``a first experience``, and
    its role where it is not simply required (``in place of a diploma``, ``an advantage``)."""
    unquantified = {"first": _("a first experience"), "several": _("several years")}
    if pre.experience_min_years is None and pre.experience_unquantified is not None:
        asked = unquantified[pre.experience_unquantified]
    else:
        asked = years(pre.experience_min_years, pre.experience_max_years)
    if pre.experience_role == "alternative":
        return _("{asked}, which can stand in for a diploma").format(asked=asked)
    if pre.experience_role == "advantage":
        return _("{asked}, an advantage").format(asked=asked)
    return asked


def credentials_text(pre: Prerequisites) -> str:
    """The permits, licences and certificates a job asks for: required ones, then appreciated ones."""
    required = [c.name for c in pre.credentials if c.required]
    appreciated = [c.name for c in pre.credentials if not c.required]
    parts = [", ".join(required)] if required else []
    if appreciated:
        parts.append(_("appreciated: {names}").format(names=", ".join(appreciated)))
    return clauses(parts)


def requirement_lines(job: Job, referentiel: Referentiel | None) -> list[str]:
    """What a job asks for, one line each: education, experience, beginners, prior roles,
    credentials; each value read from a card says which."""
    pre = job.prerequisites
    beginner = {True: _("yes"), False: _("no"), None: pgettext("open to beginners", "not stated")}[
        pre.beginner_ok
    ]
    education = education_text(pre, _scale(referentiel))
    fiche = job.has_fiche
    lines = [
        _("education: {level}").format(level=education) + _from(pre, "education", fiche=fiche),
        _("experience: {asked}").format(asked=experience_text(pre)) + _from(pre, "experience", fiche=fiche),
        _("open to beginners: {answer}").format(answer=beginner) + _from(pre, "beginner_ok", fiche=fiche),
    ]
    if pre.prior_role_references:
        roles = clauses(_reference(r, referentiel) for r in pre.prior_role_references)
        lines.append(_("prior roles: {roles}").format(roles=roles))
    if pre.credentials:
        lines.append(
            _("permits and certificates: {names}").format(names=credentials_text(pre))
            + _from(pre, "credentials", fiche=fiche)
        )
    return lines


SECTION_NAMES = {
    "aliases": N_("other names"),
    "summary": N_("summary"),
    "main_activities": N_("main activities"),
    "secondary_activities": N_("secondary activities"),
    "savoir_faire": N_("savoir-faire"),
    "knowledge": N_("knowledge"),
    "behavioural_skills": N_("behavioural skills"),
    "prerequisites": N_("access conditions"),
    "variability": N_("variability"),
    "proximity": N_("related jobs"),
    "rome_codes": N_("ROME codes"),
    "pcs_codes": N_("PCS codes"),
    "certifications": N_("certifications"),
    "collective_agreement": N_("collective agreement"),
    "figures": N_("figures"),
    "outlook": N_("outlook"),
    "observations": N_("observations"),
}
"""The sections of a fiche (:data:`~carrieres.models.FICHE_SECTIONS`), as a reader names them."""


def fiche_sections(job: Job, referentiel: Referentiel | None) -> list[tuple[str, list[str]]]:
    """The non-empty sections of a job's fiche, as headings and lines of text."""
    skills = [s for s in job.behavioural_skills if s.required or s.precisions]
    sections: list[tuple[str, list[str]]] = [
        (_("Summary"), [job.summary.text] if job.summary else []),
        (_("Main activities"), _texts(job.main_activities)),
        (_("Secondary activities"), _texts(job.secondary_activities)),
        (_("Savoir-faire"), _texts(job.savoir_faire)),
        (_("Knowledge"), _texts(job.knowledge)),
        (_("Prerequisites (text)"), split_lines(job.prerequisites.text)),
        (_("Variability"), _texts(job.variability)),
        (_("Certifications"), _texts(job.certifications)),
        (
            _("Behavioural skills"),
            [f"{s.category}: {', '.join(p.text for p in s.precisions)}" for s in skills],
        ),
        (
            _("Related jobs (proximity)") if referentiel is None or referentiel.has_fiches else _("Links"),
            [_reference(r, referentiel) for r in job.proximity],
        ),
        (_("ROME codes"), [", ".join(code.text for code in job.rome_codes)] if job.rome_codes else []),
        (_("Notes"), list(job.notes)),
    ]
    return [(heading, texts) for heading, texts in sections if texts]


def card_sections(content: CardContent) -> list[tuple[str, list[str]]]:
    """A ROME card's content as headings and lines: definition, access, skills grouped by
    category with the *cœur de métier* first (marked ★, emerging ones ✧), work contexts, RIASEC."""
    sections: list[tuple[str, list[str]]] = [
        (_("Definition"), list(content.definition)),
        (_("Access to the job"), list(content.access)),
    ]
    for heading, skills in (
        (_("Savoir-faire"), content.savoir_faire),
        (_("Knowledge"), content.knowledge),
        (_("Savoir-être"), content.behavioural),
    ):
        sections += [(f"{heading} — {category}", lines) for category, lines in _by_category(skills)]
    contexts: dict[str, list[str]] = {}
    for context in content.contexts:
        contexts.setdefault(context.type, []).append(context.text)
    sections += [(_("Work context — {type}").format(type=kind), texts) for kind, texts in contexts.items()]
    if content.riasec:
        sections.append((_("RIASEC"), [content.riasec]))
    return [(heading, lines) for heading, lines in sections if lines]


def _by_category(skills: Sequence[Skill]) -> list[tuple[str, list[str]]]:
    """Skills by category, in the card's order of categories, the core ones first in each."""
    groups: dict[str, list[Skill]] = {}
    for skill in skills:
        groups.setdefault(skill.category or _("other"), []).append(skill)
    return [
        (category, [_mark(s) + s.text for s in sorted(group, key=lambda s: not s.core)])
        for category, group in groups.items()
    ]


def _mark(skill: Skill) -> str:
    return "★ " if skill.core else "✧ " if skill.emerging else ""


def job_card(job: Job, referentiel: Referentiel, content: CardContent | None = None) -> str:
    """A readable fiche: identity, requirements, sections, links, notes, and the content of the
    job's ROME card where it is given."""
    family = " / ".join(part for part in (job.family, job.subfamily) if part) or _("unknown")
    out = [
        job.title,
        "=" * len(job.title),
        _("id: {id}").format(id=job.id),
        _("family: {family}").format(family=family),
    ]
    if job.code:
        parent = job.parent if job.parent and job.parent != job.code else None
        out.append(
            _("code: {code} (parent card: {parent})").format(code=job.code, parent=parent)
            if parent
            else _("code: {code}").format(code=job.code)
        )
    if job.attributes:
        values = ", ".join(f"{k}: {readable(v)}" for k, v in job.attributes.items())
        out.append(_("attributes: {values}").format(values=values))
    if job.aliases:
        out.append(_("also called: {names}").format(names=", ".join(a.text for a in job.aliases)))
    if job.card_names and content is not None:
        out.append(
            _("found too by the appellations of its ROME 4.0 card {code}: {names}").format(
                code=content.code, names=", ".join(job.card_names)
            )
        )
    out += ["", *requirement_lines(job, referentiel)]
    if not job.has_fiche and referentiel.has_fiches:
        out += [
            "",
            _("This job has no fiche in the référentiel: what it asks comes from its ROME card (below).")
            if content is not None
            else _("This job has no fiche in the référentiel: only its family is known."),
        ]
    access = content.access if content is not None else []
    for heading, texts in fiche_sections(job, referentiel):
        if texts != access:  # a card's access text is shown with its card
            out += ["", _("{heading}:").format(heading=heading), *(f"  - {text}" for text in texts)]
    for place in card_places(job, referentiel):
        card = f"{place['code'] or _('none')} {place['card'] or ''}".rstrip()
        out += ["", _("{version} card: {card}").format(version=place["version"], card=card)]
        how = _("how: {how}").format(how=_(CARD_HOW.get(place["how"], place["how"])))
        out.append("  " + how + (f" ({place['note']})" if place["note"] else ""))
        if place["led_from"]:
            out.append("  " + _("jobs whose cards lead to it in {version}:").format(version=place["version"]))
            out += [
                f"    - {referentiel.get(lead['id']).title} ({_lead(lead)})" for lead in place["led_from"]
            ]
    if content is not None:
        title = _("{version} card {code}: {title}").format(
            version=VERSION_NAMES["rome-v4"], code=content.code, title=content.title
        )
        out += ["", title, "-" * len(title), _("★ cœur de métier · ✧ emerging")]
        for heading, texts in card_sections(content):
            out += ["", _("{heading}:").format(heading=heading), *(f"  - {text}" for text in texts)]
    return "\n".join(out) + "\n"


def _lead(lead: dict[str, Any]) -> str:
    """How a job's card leads to another: the code, the rank or type, the parents, the rule."""
    text = str(lead["code"])
    text += ", " + (_("rank {rank}").format(rank=lead["rank"]) if lead["rank"] is not None else lead["kind"])
    if lead["through"] == "parent":
        text += _(", through the parent cards")
    if not lead["allowed"]:
        text += _("; forbidden by the prior-role rule")
    return text


def card_places(job: Job, referentiel: Referentiel) -> list[dict[str, Any]]:
    """The job's card in each crosswalk of the référentiel, and the jobs whose cards lead to it."""
    places = []
    prior = job.prerequisites.prior_roles
    for crosswalk in referentiel.crosswalks:
        row = crosswalk.row(job.id)
        if row is None:
            continue
        led_from = [
            {
                "id": move.source,
                "code": move.source_card.code,
                "kind": move.kind,
                "rank": move.rank,
                "through": move.through,
                "allowed": not prior or move.source in prior,
            }
            for move in crosswalk.moves
            if move.target == job.id
        ]
        places.append(
            {
                "version": crosswalk.version,
                "code": row.code,
                "card": row.card,
                "how": row.how,
                "note": row.note,
                "led_from": sorted(
                    led_from, key=lambda lead: (lead["rank"] is None, lead["rank"] or 0, lead["id"])
                ),
            }
        )
    return places


def check_data(report: ParseReport) -> dict[str, Any]:
    """What ``carrieres check`` reports, as data."""
    referentiel = report.referentiel
    return {
        "file": referentiel.document.file,
        "jobs": len(referentiel.jobs),
        "fiches": [
            {
                "id": job.id,
                "title": job.title,
                "lines": [job.source.fiche.start, job.source.fiche.end],
                "fields": fiche_fields(job),
            }
            for job in sorted(referentiel.jobs, key=lambda j: j.source.fiche.start if j.source.fiche else 0)
            if job.source.fiche is not None
        ],
        "unresolved": [u.to_dict() for u in referentiel.unresolved],
        "errors": [d.to_dict() for d in report.errors],
        "warnings": sorted(
            [*(d.to_dict() for d in report.warnings), *_unread(referentiel)], key=lambda d: d["line"]
        ),
    }


def _unread(referentiel: Referentiel) -> list[dict[str, Any]]:
    """The access sentences that speak of a diploma or of experience but gave no value, as warnings."""
    message = _("{title}: no level or years could be read from «{text}»; the value stays absent")
    return [
        {"level": "warning", "line": item.line, "message": message.format(title=job.title, text=item.text)}
        for job in referentiel.jobs
        for item in job.prerequisites.unread
    ]


def check_text(report: ParseReport) -> str:
    """What ``carrieres check`` reports, as text."""
    data = check_data(report)
    jobs = ngettext("{count} job", "{count} jobs", data["jobs"]).format(count=data["jobs"])
    fiches = ngettext("{count} fiche", "{count} fiches", len(data["fiches"])).format(
        count=len(data["fiches"])
    )
    out = [_("{file}: {jobs}, {fiches}").format(file=data["file"], jobs=jobs, fiches=fiches)]
    for fiche in data["fiches"]:
        filled = sum(1 for count in fiche["fields"].values() if count)
        empty = [name for name, count in fiche["fields"].items() if not count]
        line = _("{title} (lines {start}-{end}): {filled}/{fields} fields filled").format(
            title=fiche["title"],
            start=fiche["lines"][0],
            end=fiche["lines"][1],
            filled=filled,
            fields=len(fiche["fields"]),
        )
        if empty:
            line += _("; empty: {fields}").format(fields=", ".join(_(SECTION_NAMES[name]) for name in empty))
        out.append("  " + line)
    out.append(_("unresolved references: {count}").format(count=len(data["unresolved"])))
    out += [
        "  "
        + _("line {line}: {text!r} in {job} ({field})").format(
            line=u["line"], text=u["text"], job=u["job"], field=u["field"]
        )
        for u in data["unresolved"]
    ]
    for level, heading in (("errors", _("errors: {count}")), ("warnings", _("warnings: {count}"))):
        if level == "errors" or data[level]:
            out.append(heading.format(count=len(data[level])))
            out += ["  " + _("line {line}: {message}").format(**d) for d in data[level]]
    return "\n".join(out) + "\n"


def requirements_text(requires: Prerequisites, referentiel: Referentiel | None) -> str:
    """What a step asks for, on one line; a value read from a card says which."""
    parts = [
        _("education {level}").format(level=education_text(requires, _scale(referentiel)))
        + _from(requires, "education"),
        (
            _("experience asked: {what}").format(what=experience_text(requires))
            if requires.experience_min_years is None and requires.experience_unquantified
            else _("experience {years}").format(years=experience_text(requires))
        )
        + _from(requires, "experience"),
    ]
    if any(c.required for c in requires.credentials):
        names = ", ".join(c.name for c in requires.credentials if c.required)
        parts.append(_("needs {credentials}").format(credentials=names))
    roles = [_reference(r, referentiel) for r in requires.prior_role_references if r.ids]
    if roles:
        parts.append(_("prior role: {roles}").format(roles=_(" or ").join(roles)))
    if requires.beginner_ok is not None:
        parts.append(_("open to beginners") if requires.beginner_ok else _("not for beginners"))
    return " · ".join(parts)


def profile_text(check: StepCheck) -> str:
    """How a step measures against a person's profile, on one line."""
    parts = []
    if check.meets_education is False and check.diploma_to_gain:
        study = ngettext("{years} year of study", "{years} years of study", check.years_of_study)
        parts.append(
            _("diploma to gain: {diploma} ({study})").format(
                diploma=check.diploma_to_gain, study=study.format(years=decimal(check.years_of_study))
            )
        )
    elif check.meets_education:
        parts.append(_("education met"))
    if check.experience_needed is None:
        parts.append(_("experience asked not stated"))
    elif check.meets_experience:
        parts.append(_("experience met"))
    else:
        asked = ngettext("{years} year asked", "{years} years asked", check.experience_needed)
        asked = asked.format(years=decimal(check.experience_needed))
        if check.experience_assumed:
            asked = _("{asked} (assumed)").format(asked=asked)
        parts.append(_("experience: {asked}").format(asked=asked))
    return " · ".join(parts)


def learning_lines(learn: Learning | None, title: str, has_fiche: bool, *, cards: bool = False) -> list[str]:
    """What a step asks to learn, a line per block (savoir-faire, knowledge), as the route shows it.

    With card content (``cards``), the lines list the target's core and emerging
    skills the current job lacks, and count the others.
    """
    if learn is None:
        if cards:
            return [_("to learn: unknown ({title} lists no skill)").format(title=title)]
        if has_fiche:
            return [_("to learn: unknown (the current job has no fiche)")]
        return [_("to learn: unknown ({title} has no fiche)").format(title=title)]
    if learn.compared == "same card":
        return [_("to learn: the ROME gives both jobs the same card; their fiches do not say")]
    out = []
    blocks = (
        ((_("knowledge"), learn.knowledge), (_("savoir-faire"), learn.savoir_faire))
        if learn.compared == "texts"
        else ((_("core savoir-faire"), learn.savoir_faire), (_("core knowledge"), learn.knowledge))
    )
    for label, items in blocks:
        if items:
            texts = [_skill_text(item) for item in _first(items, 5)]
            out.append(_("to learn ({what}): ").format(what=label) + clauses(texts) + _more(items, 5))
    if learn.others:
        others = ngettext(
            "and {count} other skill of its card", "and {count} other skills of its card", learn.others
        )
        out.append(others.format(count=learn.others))
    if not out:
        out.append(_("to learn: nothing its card lists beyond what the current one does"))
    return out


def _skill_text(skill: Skill) -> str:
    return _("{skill} (emerging)").format(skill=skill.text) if skill.emerging else skill.text


def profile_line(route: Route) -> str:
    """``Profile: education Bac+2, 0 years worked``: whom the route was computed for."""
    profile = route.profile
    level = (
        _("not given")
        if profile.education is None
        else bac(profile.education, profile.education, route.scale)
    )
    worked = ngettext("{years} year worked", "{years} years worked", profile.experience)
    return _("Profile: education {level}, {worked}").format(
        level=level, worked=worked.format(years=decimal(profile.experience))
    )


LINK_NAMES = {
    "prerequisite": N_("prior roles"),
    "proximity": N_("related jobs"),
    "rome": N_("ROME moves"),
    "skills": N_("shared skills"),
    "reverse_proximity": N_("related jobs read backwards"),
    "similarity": N_("similar fiches"),
    "equivalent": N_("same job"),
    "mobilite": N_("ROME mobility"),
    "proche": N_("close jobs (ROME)"),
    "evolution": N_("evolutions (ROME)"),
}
"""The kinds of link carrieres knows, in words (a référentiel's own kinds are shown as it names them)."""


def link_word(kind: str) -> str:
    """A kind of link in words, in the language in use (a référentiel's own kind as it names it)."""
    return _(LINK_NAMES[kind]) if kind in LINK_NAMES else kind


def links_text(kinds: Sequence[str], where: str = "") -> str:
    """The kinds of links routes take, in words, and the conditions on them.

    Examples
    --------
    >>> links_text(["proximity", "rome", "related"], "similarity>=0.3")
    'related jobs, ROME moves, related, where similarity>=0.3'
    """
    words = ", ".join(map(link_word, kinds))
    return words + (_(", where {conditions}").format(conditions=where) if where else "")


def route_text(route: Route, referentiel: Referentiel) -> str:
    """A readable itinerary: each route, each step with its reasons and requirements."""
    start, end = referentiel.get(route.from_).title, referentiel.get(route.to).title
    ranking = _("fewest moves") if route.mode == "fewest_moves" else _("cost")
    out = [
        _("From {start} to {end} (links: {links}; ranked by {ranking})").format(
            start=start,
            end=end,
            links=links_text(route.edges, route.where),
            ranking=ranking,
        )
    ]
    out.append(profile_line(route))
    for number, path in enumerate(route.paths, start=1):
        out += [
            "",
            itinerary_heading(number, path.moves, path.years, cost=path.cost),
        ]
        for step in path.steps:
            when = (
                ""
                if step.profile is None
                else "  — " + _("year {year}").format(year=decimal(step.profile.earliest_year))
            )
            out.append(f"  {step.move}. {step.title}{when}" + ("  " + _("(start)") if step.move == 0 else ""))
            if step.move == 0:
                continue
            out.append("     " + _("why: {reasons}").format(reasons=step.explanation))
            out.append(
                "     "
                + _("asks: {requirements}").format(requirements=requirements_text(step.requires, referentiel))
            )
            if step.profile is not None:
                out.append("     " + _("you: {gaps}").format(gaps=profile_text(step.profile)))
            if referentiel.has_fiches or referentiel.cards:
                lines = learning_lines(step.learn, step.title, step.has_fiche, cards=bool(referentiel.cards))
                out += ["     " + line for line in lines]
        if path.assumptions:
            out.append("  " + _("assumptions: {assumptions}").format(assumptions=clauses(path.assumptions)))
    return "\n".join(out) + "\n"


def itinerary_heading(number: int, moves: int, years: float | None, *, cost: float | None = None) -> str:
    """``Route 1: 2 moves, about 7 years (cost 4)`` (``Parcours 1 : 2 mobilités, environ 7 ans (coût 4)``)."""
    count = ngettext("{count} move", "{count} moves", moves).format(count=moves)
    heading = _("Route {number}: {moves}").format(number=number, moves=count)
    if years is not None:
        about = ngettext("about {years} year", "about {years} years", years).format(years=decimal(years))
        heading += ", " + about
    if cost is not None:
        heading += _(" (cost {cost})").format(cost=decimal(cost))
    return heading


def reachable_rows(
    found: Sequence[Reachable], referentiel: Referentiel, by: str | None = None
) -> list[list[Any]]:
    """Rows of ``carrieres next``: the job, moves, the route's cost (or the ``by`` total), what it
    asks, the route, the links it takes (the ROME moves in words, else the kinds) and, with card
    content, what to learn."""
    fiches = referentiel.has_fiches
    return [
        [
            r.title,
            r.moves,
            *([decimal(r.cost or 0.0)] if by is None else ["" if r.value is None else r.value]),
            education_text(r.requires, referentiel.levels),
            experience_text(r.requires),
            " → ".join(referentiel.get(i).title for i in r.route[1:-1]) or "-",
            clauses(
                [*r.rome, *dict.fromkeys(_kind_words(kind, fiches) for kind in r.kinds if kind != "rome")]
            ),
            *([_percent(r.share), learn_summary(r.learn)] if referentiel.cards else []),
        ]
        for r in found
    ]


def route_learning(route: Route) -> str:
    """What the best path of a route asks to learn, over all its moves, in one cell
    (see :func:`learn_summary`); ``""`` where there is no route."""
    if not route.paths:
        return ""
    learns = [step.learn for step in route.paths[0].steps[1:] if step.learn is not None]
    if not learns:
        return learn_summary(None) if len(route.paths[0].steps) > 1 else "-"
    skills: dict[str, Skill] = {}  # each skill once, where the route first asks it
    for skill in (skill for learn in learns for skill in (*learn.savoir_faire, *learn.knowledge)):
        skills.setdefault(skill.code or skill.text, skill)
    return _summary(list(skills.values()), sum(learn.others for learn in learns))


def _percent(share: float | None) -> str:
    """``28 %``, or ``-`` where there is no share to give."""
    return "-" if share is None else _("{percent} %").format(percent=round(100 * share))


def _kind_words(kind: str, fiches: bool) -> str:
    """A kind of move as a ``next`` table says it: ``fiches``, ``shared skills``, or the kind."""
    if kind == "skills":
        return _("shared skills")
    return _("fiches") if fiches else kind


def learn_summary(learn: Learning | None, top: int = 3) -> str:
    """What a move asks to learn, in one cell: the first ``top`` core skills and how many more.

    Examples
    --------
    >>> from carrieres.paths import Learning
    >>> from carrieres.skills import Skill
    >>> learn_summary(Learning(savoir_faire=[Skill(text="Coder")], knowledge=[], others=4))
    'Coder (+ 4 others)'
    """
    if learn is None:
        return _("unknown")
    return _summary([*learn.savoir_faire, *learn.knowledge], learn.others, top)


def _summary(skills: Sequence[Skill], others: int, top: int = 3) -> str:
    """The first ``top`` skills, and how many more (those beyond ``top`` and ``others``)."""
    items = [_skill_text(skill) for skill in skills]
    more = len(items) - top + others if len(items) > top else others
    shown = clauses(items[:top]) or "-"
    return shown + (
        " " + ngettext("(+ {count} other)", "(+ {count} others)", more).format(count=more) if more else ""
    )


def route_summary(route: Route, referentiel: Referentiel) -> list[str]:
    """Moves, cost, years and the titles along the best path of a route (``no route`` when none);
    ``⇢`` marks a move lifted from the ROME."""
    if not route.paths:
        return ["", "", "", _("no route")]
    best = route.paths[0]
    titles = [referentiel.get(step.id).title for step in best.steps]
    arrows = [" ⇢ " if any(link.move for link in step.links) else " → " for step in best.steps[1:]]
    return [
        str(best.moves),
        f"{best.cost:g}",
        "" if best.years is None else f"{best.years:g}",
        titles[0] + "".join(arrow + title for arrow, title in zip(arrows, titles[1:], strict=True)),
    ]


def titles_text(ids: Sequence[str], referentiel: Referentiel, top: int | None = None) -> str:
    """The titles of jobs, the ``top`` first and how many more (``None``: all), or «none»."""
    shown = ", ".join(referentiel.get(i).title for i in _first(ids, top)) or _("none")
    return shown + _more(ids, top)


def _first(items: Sequence[Any], top: int | None) -> Sequence[Any]:
    return items if top is None else items[:top]


def _more(items: Sequence[Any], top: int | None) -> str:
    """`` … and 12 more`` where a summary leaves items out."""
    left = 0 if top is None else len(items) - top
    return (
        ngettext(" … and {count} more", " … and {count} more", left).format(count=grouped(left))
        if left > 0
        else ""
    )


def clusters_text(result: Clustering, referentiel: Referentiel, top: int | None = None) -> str:
    """The clusters, their families, and the fit with the nomenclature (the ``top`` first clusters,
    jobs and regroupings of each list; ``None``: all)."""
    versus = result.vs_families

    def three(value: float) -> str:
        return decimal(float(f"{value:.3f}")) if language() == "fr" else f"{value:.3f}"

    out = [
        ngettext(
            "{count} cluster ({method}, seed {seed}, resolution {resolution}; links: {links})",
            "{count} clusters ({method}, seed {seed}, resolution {resolution}; links: {links})",
            len(result.clusters),
        ).format(
            count=len(result.clusters),
            method=result.method,
            seed=result.seed,
            resolution=decimal(result.resolution),
            links=", ".join(map(link_word, result.edges)),
        ),
        _("modularity {value}").format(value=three(result.modularity)),
        _("vs families: ARI {ari}, NMI {nmi}; vs sub-families: ARI {sub_ari}, NMI {sub_nmi}").format(
            ari=three(versus.ari),
            nmi=three(versus.nmi),
            sub_ari=three(versus.subfamily_ari),
            sub_nmi=three(versus.subfamily_nmi),
        ),
    ]
    for index, group in enumerate(_first(result.clusters, top)):
        families = ", ".join(f"{family} {count}" for family, count in versus.contingency[index].items())
        heading = ngettext(
            "Cluster {number} ({count} job: {families})",
            "Cluster {number} ({count} jobs: {families})",
            len(group),
        )
        out += ["", heading.format(number=index + 1, count=len(group), families=families)]
        out.append(f"  {titles_text(group, referentiel, top)}")
    if len(result.clusters) > len(_first(result.clusters, top)):
        out += ["", _more(result.clusters, top).strip()]
    if versus.regrouped:
        out += ["", _("Grouped apart from their family:")]
        out += [
            "  "
            + _("{job} ({family}) with {cluster_family} in cluster {number}").format(
                job=referentiel.get(r["id"]).title,
                family=r["family"],
                cluster_family=r["cluster_family"],
                number=int(r["cluster"]) + 1,
            )
            for r in _first(versus.regrouped, top)
        ]
        out += ["  " + _more(versus.regrouped, top).strip()] if _more(versus.regrouped, top) else []
    return "\n".join(out) + "\n"


def stats_text(result: MapStats, referentiel: Referentiel, top: int | None = None) -> str:
    """The shape of the map, in words (the ``top`` first jobs of each list; ``None``: all)."""
    kinds = ", ".join(f"{link_word(kind)} {count}" for kind, count in result.links_by_kind.items())
    sizes = ", ".join(str(len(c)) for c in result.components) or _("none")
    named = {"référentiel": _("référentiel"), "inferred": _("inferred"), "skills": _("shared skills")}
    sources = ", ".join(
        f"{named.get(source, source)} {count}" for source, count in result.moves_by_source.items()
    )
    out = [
        _("jobs: {jobs} ({fiches} with a fiche)").format(jobs=result.jobs, fiches=result.jobs_with_fiche)
        if referentiel.has_fiches
        else _("jobs: {jobs}").format(jobs=result.jobs),
        _("links: {links} ({kinds}); {forbidden} forbidden by the prior-role rule").format(
            links=result.links, kinds=kinds, forbidden=result.forbidden_links
        ),
        _("moves by source: {sources}").format(sources=sources),
        _("connected groups of jobs: {count} (sizes {sizes}); strongly connected groups: {strong}").format(
            count=len(result.components), sizes=sizes, strong=result.strongly_connected
        ),
        _("reciprocity: {value}").format(value=decimal(round(result.reciprocity, 3))),
        _("isolated jobs ({count}): {jobs}").format(
            count=len(result.isolated), jobs=titles_text(result.isolated, referentiel, top)
        ),
        _("entry points, open to beginners ({count}): {jobs}").format(
            count=len(result.entry_points), jobs=titles_text(result.entry_points, referentiel, top)
        ),
        _("dead ends, no move out ({count}): {jobs}").format(
            count=len(result.dead_ends), jobs=titles_text(result.dead_ends, referentiel, top)
        ),
        _("bridges between families: {count}").format(count=len(result.bridges)),
    ]
    out += [
        f"  {referentiel.get(b['from']).title} ({b['from_family']}) → "
        f"{referentiel.get(b['to']).title} ({b['to_family']})"
        for b in _first(result.bridges, top)
    ]
    out += ["  " + _more(result.bridges, top).strip()] if _more(result.bridges, top) else []
    return "\n".join(out) + "\n"
