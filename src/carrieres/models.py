"""The référentiel as validated data (pydantic v2 models).

A :class:`Referentiel` holds :class:`Job` records, one per *emploi-type*. Every
value read from the source document keeps the line it came from, and every
value *extracted* from a sentence (a Bac level, a number of years, a prior role)
keeps that sentence beside it, so that a result can always be traced back.

Examples
--------
>>> from carrieres import load_referentiel
>>> ref = load_referentiel()
>>> job = ref.job("ingenieur securite")
>>> job.id, job.prerequisites.education_min, job.prerequisites.education_max
('ingenieur-securite', 4, 5)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carrieres.exceptions import UnknownNameError
from carrieres.names import How, Resolution, Resolver

__all__ = [
    "Alias",
    "BacLevel",
    "BehaviouralSkill",
    "Family",
    "FicheSource",
    "Item",
    "Job",
    "JobSource",
    "Prerequisites",
    "Reference",
    "Referentiel",
    "TableCell",
    "Years",
]

BacLevel = Annotated[int, Field(ge=0, le=8, description="Bac+N as N; 0 is the Bac itself")]
"""An education level: Bac+N as the integer N (0 for the Bac)."""

Years = Annotated[float, Field(ge=0, le=60, description="years of experience")]
"""A number of years of professional experience."""

Line = Annotated[int, Field(ge=1, description="1-based line number in the source document")]


class Model(BaseModel):
    """Base of every model: immutable, and unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Item(Model):
    """A piece of text from the document and the line it starts on."""

    text: str
    line: Line


class Alias(Item):
    """An *appellation*: another name of the job, in French or in English."""

    language: Literal["fr", "en"] = "fr"


class BehaviouralSkill(Model):
    """A row of the behavioural-skills table.

    ``required`` is true when the row is ticked (a ``(`` in the extracted text);
    the 1/2/3 importance level was lost in extraction and is not recorded.
    """

    category: str
    line: Line
    required: bool
    precisions: list[Item] = []


class Reference(Model):
    """A job named in a fiche, as written and as resolved.

    ``how`` tells how the text was matched (see :mod:`carrieres.names`);
    ``ids`` is empty when nothing matched, and then ``candidates`` lists the
    jobs an ambiguous name could mean.
    """

    text: str
    line: Line
    ids: list[str] = []
    how: How = "exact"
    kind: str = Field("proximity", description="the kind of link: proximity, or the source's own (proche…)")
    rank: int | None = Field(None, description="the link's rank where the source orders links")
    group: str | None = None
    members: list[str] = []
    candidates: list[str] = []

    @classmethod
    def from_resolution(cls, resolution: Resolution, line: int, *, exclude: str = "") -> Reference:
        """The reference a resolution found at ``line``; ``exclude`` drops a job
        (the fiche's own) from a group."""
        ids = [i for i in resolution.ids if i != exclude or resolution.how != "group"]
        return cls(
            text=resolution.text,
            line=line,
            ids=ids,
            how=resolution.how,
            group=resolution.group,
            members=list(resolution.members),
            candidates=list(resolution.candidates),
        )


class Prerequisites(Model):
    """What a job asks of the people who take it, read from its fiche.

    Every value is ``None`` (or empty) where the text does not say; ``sources``
    maps each extracted value (``education``, ``experience``, ``beginner_ok``,
    ``prior_roles``) to the sentence it comes from.
    """

    text: str = ""
    education_min: BacLevel | None = None
    education_max: BacLevel | None = None
    experience_min_years: Years | None = None
    experience_max_years: Years | None = None
    beginner_ok: bool | None = None
    prior_roles: list[str] = []
    unresolved_prior_roles: list[str] = []
    prior_role_references: list[Reference] = []
    sources: dict[str, Item] = {}

    @model_validator(mode="after")
    def _check(self) -> Prerequisites:
        for low, high in (
            (self.education_min, self.education_max),
            (self.experience_min_years, self.experience_max_years),
        ):
            if low is not None and high is not None and low > high:
                msg = f"minimum {low} is above maximum {high}"
                raise ValueError(msg)
        resolved = list(dict.fromkeys(i for r in self.prior_role_references for i in r.ids))
        unresolved = [r.text for r in self.prior_role_references if not r.ids]
        if resolved != self.prior_roles or unresolved != self.unresolved_prior_roles:
            msg = "prior_roles and unresolved_prior_roles must match prior_role_references"
            raise ValueError(msg)
        return self


class TableCell(Model):
    """Where the nomenclature table places a job."""

    text: str
    line: Line
    row: int
    column: int
    family_wide: bool = Field(description="a cell spanning a whole family (no sub-family)")


class FicheSource(Model):
    """Where a fiche stands in the document.

    ``titles`` are the title lines as written (each page repeats the title);
    ``sections`` maps each section to its first and last line.
    """

    start: Line
    end: Line
    titles: list[Item]
    sections: dict[str, tuple[int, int]]


class JobSource(Model):
    """Where a job appears in the document: list, table, fiche index, fiche."""

    list_entry: Item | None = None
    table: TableCell | None = None
    index: Item | None = None
    fiche: FicheSource | None = None

    def title_forms(self) -> list[str]:
        """Every form the document gives the job's title in."""
        forms = [s.text for s in (self.list_entry, self.table, self.index) if s is not None]
        if self.fiche is not None:
            forms += [t.text for t in self.fiche.titles]
        return list(dict.fromkeys(forms))


class Job(Model):
    """One *emploi-type*: its place in the nomenclature and its fiche.

    Fiche fields are empty when ``has_fiche`` is false. ``notes`` records the
    judgement calls made on the data (an uncertain table placement, a family
    that the table and the fiche give differently).
    """

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str
    code: str | None = Field(None, description="the job's code in its source (a ROME code: I1401)")
    parent: str | None = Field(None, description="the code of the card this one derives from (ROME 4.0)")
    family: str | None = None
    subfamily: str | None = None
    has_fiche: bool = False
    aliases: list[Alias] = []
    summary: Item | None = None
    main_activities: list[Item] = []
    secondary_activities: list[Item] = []
    savoir_faire: list[Item] = []
    knowledge: list[Item] = []
    behavioural_skills: list[BehaviouralSkill] = []
    prerequisites: Prerequisites = Prerequisites()
    variability: list[Item] = []
    proximity: list[Reference] = []
    rome_codes: list[Item] = []
    pcs_codes: list[Item] = []
    certifications: list[Item] = []
    collective_agreement: list[Item] = []
    figures: list[Item] = []
    outlook: list[Item] = []
    observations: list[Item] = []
    source: JobSource = JobSource()
    notes: list[str] = []

    def _repr_html_(self) -> str:
        from carrieres._display import job_html  # noqa: PLC0415 - display code loads on demand

        return job_html(self)


class Family(Model):
    """A family of the nomenclature and its sub-families."""

    name: str
    line: Line
    subfamilies: list[Item] = []


class DocumentInfo(Model):
    """The document a référentiel was read from (all empty for one written by hand)."""

    title: str = ""
    file: str = ""
    sha256: str = Field("", pattern=r"^(?:[0-9a-f]{64})?$")
    lines: int = 0


class UnresolvedReference(Model):
    """A reference of a fiche that names no known job."""

    job: str
    field: Literal["proximity", "prior_roles"]
    text: str
    line: Line
    candidates: list[str] = []


class Referentiel(Model):
    """A set of jobs, their families and the document they come from.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> ref = load_referentiel()
    >>> len(ref.jobs), ref.job("Technicien réseaux").title
    (41, 'Technicien réseau')
    """

    name: str
    source: str = Field("fiches", description="what it was read from: fiches, rome-v3, rome-v4, csv, hand")
    version: str = ""
    credit: str = ""
    document: DocumentInfo = DocumentInfo()
    based_on: DocumentInfo | None = Field(
        None, description="the document of the référentiel this one extends"
    )
    families: list[Family] = []
    jobs: list[Job]

    @model_validator(mode="after")
    def _check_ids(self) -> Referentiel:
        counts = Counter(job.id for job in self.jobs)
        duplicates = sorted(i for i, n in counts.items() if n > 1)
        if duplicates:
            msg = f"duplicate job ids: {', '.join(duplicates)}"
            raise ValueError(msg)
        known = set(counts)
        for job in self.jobs:
            refs = [*job.proximity, *job.prerequisites.prior_role_references]
            missing = sorted({i for r in refs for i in r.ids} - known)
            if missing:
                msg = f"job {job.id!r} refers to unknown ids: {', '.join(missing)}"
                raise ValueError(msg)
        return self

    @cached_property
    def _by_id(self) -> dict[str, Job]:
        return {job.id: job for job in self.jobs}

    @cached_property
    def resolver(self) -> Resolver:
        """The name resolver over these jobs and families."""
        return make_resolver(self.jobs)

    def __len__(self) -> int:
        return len(self.jobs)

    def _repr_html_(self) -> str:
        from carrieres._display import referentiel_html  # noqa: PLC0415 - display code loads on demand

        return referentiel_html(self)

    def get(self, job_id: str) -> Job:
        """The job with this id.

        Raises
        ------
        UnknownNameError
            No job has this id.
        """
        try:
            return self._by_id[job_id]
        except KeyError:
            raise UnknownNameError(job_id, self.resolver.jobs.suggest(job_id)) from None

    def job(self, name: str) -> Job:
        """The job a name (title, alias, id; accents and case optional) names.

        Raises
        ------
        UnknownNameError
            No job matches; the message suggests close names.
        AmbiguousNameError
            Several jobs match; the message lists them.
        """
        if name in self._by_id:
            return self._by_id[name]
        return self._by_id[self.resolver.resolve(name)]

    def iter_family(self, family: str) -> Iterator[Job]:
        """The jobs of a family or sub-family, named as in :meth:`job`."""
        label = self.resolver.families.resolve(family)
        for job in self.jobs:
            if label in (job.family, f"{job.family} / {job.subfamily}"):
                yield job

    @property
    def unresolved(self) -> list[UnresolvedReference]:
        """Every reference of a fiche that names no known job: job by job, in line order."""
        found: list[UnresolvedReference] = []
        for job in self.jobs:
            own: list[UnresolvedReference] = []
            for field, refs in (
                ("proximity", job.proximity),
                ("prior_roles", job.prerequisites.prior_role_references),
            ):
                own += [
                    UnresolvedReference(
                        job=job.id, field=field, text=r.text, line=r.line, candidates=r.candidates
                    )
                    for r in refs
                    if not r.ids
                ]
            found += sorted(own, key=lambda u: u.line)
        return found


def family_labels(job: Job) -> list[str]:
    """The family labels a job belongs to: its family, and family / sub-family."""
    if job.family is None:
        return []
    labels = [job.family]
    if job.subfamily:
        labels.append(f"{job.family} / {job.subfamily}")
    return labels


def make_resolver(jobs: list[Job]) -> Resolver:
    """A resolver over jobs: titles and their forms, aliases, families."""
    families: dict[str, list[str]] = {}
    for job in jobs:
        for label in family_labels(job):
            families.setdefault(label, []).append(job.id)
    return Resolver(
        (
            (
                job.id,
                job.title,
                [*job.source.title_forms(), *([job.code] if job.code else [])],
                [a.text for a in job.aliases],
            )
            for job in jobs
        ),
        families,
    )
