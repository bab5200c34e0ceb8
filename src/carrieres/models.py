"""The référentiel as data: frozen records, validated by pydantic when read from a file.

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

import dataclasses
import math
from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any, Literal, TypeAlias

from carrieres._html import html_card
from carrieres._records import Meta, Record, record
from carrieres._text import bac_label, slug
from carrieres.exceptions import UnknownNameError
from carrieres.names import How, Reading, Resolution, Resolver, check_name

__all__ = [
    "FICHE_SECTIONS",
    "LEVEL_SCALES",
    "RESERVED_ATTRIBUTES",
    "RESERVED_KINDS",
    "Alias",
    "AttributeValue",
    "BacLevel",
    "BehaviouralSkill",
    "Card",
    "CardMatch",
    "CardMove",
    "Credential",
    "Crosswalk",
    "Family",
    "FicheSource",
    "Item",
    "Job",
    "JobSource",
    "LevelScale",
    "Prerequisites",
    "Reference",
    "Referentiel",
    "TableCell",
    "Years",
]

FICHE_SECTIONS = (
    "aliases",
    "summary",
    "main_activities",
    "secondary_activities",
    "savoir_faire",
    "knowledge",
    "behavioural_skills",
    "prerequisites",
    "variability",
    "proximity",
    "rome_codes",
    "pcs_codes",
    "certifications",
    "collective_agreement",
    "figures",
    "outlook",
    "observations",
)
"""The fields of a :class:`Job` that its fiche's sections fill, in the order a fiche gives them."""

BacLevel = Annotated[int, Meta("Bac+N as N; 0 is the Bac itself, -1 a CAP or BEP", ge=-1, le=8)]
"""An education level: Bac+N as the integer N (0 for the Bac, -1 for a CAP, a BEP or a level-3 title)."""

Years = Annotated[float, Meta("years of experience", ge=0, le=60)]
"""A number of years of professional experience."""

Line = Annotated[int, Meta("1-based line number in the source document", ge=1)]

AttributeValue = str | bool | int | float
"""A value a source gives beyond carrieres' own fields: text, a flag or a finite number."""

RESERVED_KINDS = frozenset({"reverse_proximity", "similarity", "rome"})
"""Kinds of link carrieres makes itself (inferred, or lifted from the ROME): no source may state them."""

RESERVED_ATTRIBUTES = frozenset(
    {
        *("id", "title", "family", "subfamily", "has_fiche", "education_min", "education_max"),
        *("experience_min_years", "experience_max_years", "beginner_ok", "prior_roles", "label"),
        *("source", "target", "kind", "kinds", "inferred", "fiche", "line", "text", "group"),
        *("fiche_similarity", "shared_terms", "links", "cost"),
    }
)
"""The names of the career graph's own node and edge attributes (see :mod:`carrieres.graph`):
a source's attribute may not take one."""


@record
class Item(Record):
    """A piece of text from the document and the line it starts on."""

    text: str
    line: Line


@record
class Alias(Item):
    """An *appellation*: another name of the job, in French or in English."""

    language: Literal["fr", "en"] = "fr"


@record
class BehaviouralSkill(Record):
    """A row of the behavioural-skills table.

    ``required`` is true when the row is ticked (a ``(`` in the extracted text);
    the 1/2/3 importance level was lost in extraction and is not recorded.
    """

    category: str
    line: Line
    required: bool
    precisions: list[Item] = dataclasses.field(default_factory=list)


@record
class Reference(Record):
    """A job named in a fiche, as written and as resolved.

    ``how`` tells how the text was matched (see :mod:`carrieres.names`);
    ``ids`` is empty when nothing matched, and then ``candidates`` lists the
    jobs an ambiguous name could mean.

    Raises
    ------
    ValueError
        A link of a kind carrieres makes itself (``similarity``, ``rome``…), or
        an attribute named like one of carrieres' own or not a finite number.

    Examples
    --------
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> for reference in ref.job("Ingénieur sécurité").prerequisites.prior_role_references:
    ...     print(reference.line, repr(reference.text), reference.how, reference.ids)
    1691 'ingénieur système et réseaux' partial ['ingenieur-administrateur-systeme-et-reseaux']
    1691 'responsable qualité' none []
    """

    text: str
    line: Line
    ids: list[str] = dataclasses.field(default_factory=list)
    how: How = "exact"
    kind: Annotated[str, Meta("the kind of link: proximity, or the source's own (proche…)")] = "proximity"
    rank: Annotated[int | None, Meta("the link's rank where the source orders links")] = None
    group: str | None = None
    members: list[str] = dataclasses.field(default_factory=list)
    candidates: list[str] = dataclasses.field(default_factory=list)
    attributes: Annotated[
        dict[str, AttributeValue],
        Meta("the link's other values in its source (a similarity, flags such as viable)"),
    ] = dataclasses.field(default_factory=dict, metadata={"omit_default": True})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.kind in RESERVED_KINDS:
            msg = (
                f"a link of kind {self.kind!r}: carrieres makes that kind itself; give the link another kind"
            )
            raise ValueError(msg)
        if self.attributes:
            _check_attributes(self.attributes)

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


@record
class Credential(Record):
    """A permit, licence, registration or certificate that a job asks for or appreciates.

    ``required`` is true where the text says it is required (``permis B
    exigé``, ``inscription à l'Ordre obligatoire``), false where it is only
    appreciated or may be asked (``un atout``, ``peut être demandé``).
    ``source`` is the sentence it is read from.
    """

    name: str
    required: bool
    source: Item


EXPERIENCE_ROLES = ("required", "alternative", "advantage")
"""What experience does for entry: ``required``; ``alternative``, it can replace or complete a
diploma; ``advantage``, it is only appreciated."""


@record
class Prerequisites(Record):
    """What a job asks of the people who take it, read from its fiche or its access text.

    Every value is ``None`` (or empty) where the text does not say; ``sources``
    maps each extracted value (``education``, ``experience``, ``beginner_ok``,
    ``prior_roles``, ``without_diploma``) to the sentence it comes from, and
    ``origins`` names, for each value that does not come from the job's own
    document, where it does come from (``rome-v4:M1805``: the *accès au métier*
    of the ROME 4.0 card M1805). ``unread`` keeps the sentences that speak of
    a diploma or of experience but that the reader could not place.

    Raises
    ------
    ValueError
        A minimum above its maximum, a level outside the scale, or prior roles
        that do not match their references.

    Examples
    --------
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> asks = ref.job("Directeur de production").prerequisites
    >>> asks.experience_min_years, asks.beginner_ok
    (5.0, False)
    >>> asks.sources["experience"]  # doctest: +NORMALIZE_WHITESPACE
    Item(text='Cette fonction est accessible à des personnes ayant une expérience de la production
    d’environ 5 années.', line=1020)

    A job without a fiche takes what its ROME 4.0 card says, and says so:

    >>> chef = ref.job("Chef de projet").prerequisites
    >>> chef.education_min, chef.origins
    (5, {'education': 'rome-v4:M1853'})
    """

    text: str = ""
    education_min: BacLevel | None = None
    education_max: BacLevel | None = None
    experience_min_years: Years | None = None
    experience_max_years: Years | None = None
    beginner_ok: bool | None = None
    prior_roles: list[str] = dataclasses.field(default_factory=list)
    unresolved_prior_roles: list[str] = dataclasses.field(default_factory=list)
    prior_role_references: list[Reference] = dataclasses.field(default_factory=list)
    sources: dict[str, Item] = dataclasses.field(default_factory=dict)
    without_diploma: Annotated[bool | None, Meta("the text says the job is open without a diploma")] = (
        dataclasses.field(default=None, metadata={"omit_default": True})
    )
    experience_role: Annotated[
        Literal["required", "alternative", "advantage"] | None,
        Meta("what experience does for entry (see EXPERIENCE_ROLES)"),
    ] = dataclasses.field(default=None, metadata={"omit_default": True})
    experience_unquantified: Annotated[
        Literal["first", "several"] | None,
        Meta("experience asked without a number of years: a first experience, or several years"),
    ] = dataclasses.field(default=None, metadata={"omit_default": True})
    credentials: list[Credential] = dataclasses.field(default_factory=list, metadata={"omit_default": True})
    origins: Annotated[
        dict[str, str], Meta("where each value not read from the job's own document comes from")
    ] = dataclasses.field(default_factory=dict, metadata={"omit_default": True})
    unread: Annotated[
        list[Item], Meta("sentences on diplomas or experience that the reader could not place")
    ] = dataclasses.field(default_factory=list, metadata={"omit_default": True})

    def __post_init__(self) -> None:
        super().__post_init__()
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


@record
class TableCell(Record):
    """Where the nomenclature table places a job."""

    text: str
    line: Line
    row: int
    column: int
    family_wide: Annotated[bool, Meta("a cell spanning a whole family (no sub-family)")]


@record
class FicheSource(Record):
    """Where a fiche stands in the document.

    ``titles`` are the title lines as written (each page repeats the title);
    ``sections`` maps each section to its first and last line.
    """

    start: Line
    end: Line
    titles: list[Item]
    sections: dict[str, tuple[int, int]]


@record
class JobSource(Record):
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


@record
class Job(Record):
    """One *emploi-type*: its place in the nomenclature and its fiche.

    Fiche fields are empty when ``has_fiche`` is false. ``notes`` records the
    judgement calls made on the data (an uncertain table placement, a family
    that the table and the fiche give differently).

    Raises
    ------
    ValueError
        An id that is not lower-case words joined by hyphens, or an attribute
        named like one of carrieres' own or not a finite number.

    Examples
    --------
    >>> import carrieres
    >>> job = carrieres.load_referentiel().job("technicienne de maintenance")
    >>> job.id, job.family, job.subfamily, job.has_fiche
    ('technicien-de-maintenance', 'PRODUCTION', 'SUPPORT ET ASSISTANCE', True)
    >>> [(reference.text, reference.line) for reference in job.proximity]  # doctest: +NORMALIZE_WHITESPACE
    [('Support technique', 2513), ('Gestionnaire de parc micro-informatique', 2515),
     ('Technicien réseau', 2517)]
    >>> carrieres.load_referentiel().job("Ingénieur technico-commercial").notes  # doctest: +ELLIPSIS
    ['The title names the COMMERCIAL family but the nomenclature places the job under PROJET: ...']
    """

    id: Annotated[str, Meta("lower-case words joined by hyphens", pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    title: str
    code: Annotated[str | None, Meta("the job's code in its source (a ROME code: I1401)")] = None
    parent: Annotated[str | None, Meta("the code of the card this one derives from (ROME 4.0)")] = None
    family: str | None = None
    subfamily: str | None = None
    has_fiche: bool = False
    aliases: list[Alias] = dataclasses.field(default_factory=list)
    summary: Item | None = None
    main_activities: list[Item] = dataclasses.field(default_factory=list)
    secondary_activities: list[Item] = dataclasses.field(default_factory=list)
    savoir_faire: list[Item] = dataclasses.field(default_factory=list)
    knowledge: list[Item] = dataclasses.field(default_factory=list)
    behavioural_skills: list[BehaviouralSkill] = dataclasses.field(default_factory=list)
    prerequisites: Prerequisites = dataclasses.field(default_factory=Prerequisites)
    variability: list[Item] = dataclasses.field(default_factory=list)
    proximity: list[Reference] = dataclasses.field(default_factory=list)
    rome_codes: list[Item] = dataclasses.field(default_factory=list)
    pcs_codes: list[Item] = dataclasses.field(default_factory=list)
    certifications: list[Item] = dataclasses.field(default_factory=list)
    collective_agreement: list[Item] = dataclasses.field(default_factory=list)
    figures: list[Item] = dataclasses.field(default_factory=list)
    outlook: list[Item] = dataclasses.field(default_factory=list)
    observations: list[Item] = dataclasses.field(default_factory=list)
    source: JobSource = dataclasses.field(default_factory=JobSource)
    notes: list[str] = dataclasses.field(default_factory=list)
    attributes: Annotated[
        dict[str, AttributeValue],
        Meta("other values the source gives (ROME 4.0: emploi_cadre, transition_num…; a table's columns)"),
    ] = dataclasses.field(default_factory=dict, metadata={"omit_default": True})
    card_names: Annotated[
        list[str],
        Meta("the appellations of the job's ROME 4.0 card, names it answers to after its own"),
    ] = dataclasses.field(default_factory=list, metadata={"omit_default": True})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.attributes:
            _check_attributes(self.attributes)

    def __repr__(self) -> str:
        """A line to recognise the job by (its fields: :meth:`to_dict`; a card: in a notebook).

        Examples
        --------
        >>> from carrieres import load_referentiel
        >>> load_referentiel().job("RSSI")
        Job('ingenieur-securite', 'Ingénieur sécurité', family='PRODUCTION', has_fiche=True)
        """
        return f"Job({self.id!r}, {self.title!r}, family={self.family!r}, has_fiche={self.has_fiche})"

    def _repr_html_(self) -> str | None:
        return html_card(self)


def _check_attributes(attributes: dict[str, AttributeValue]) -> None:
    if not RESERVED_ATTRIBUTES.isdisjoint(attributes):
        name = min(RESERVED_ATTRIBUTES.intersection(attributes))
        msg = f"the attribute {name!r} has the name of one of carrieres' own; rename it"
        raise ValueError(msg)
    if not all(math.isfinite(value) for value in attributes.values() if type(value) is float):
        name = next(k for k, v in attributes.items() if type(v) is float and not math.isfinite(v))
        msg = f"the attribute {name!r} is not a finite number"
        raise ValueError(msg)


@record
class Family(Record):
    """A family of the nomenclature and its sub-families."""

    name: str
    line: Line
    subfamilies: list[Item] = dataclasses.field(default_factory=list)


@record
class DocumentInfo(Record):
    """The document a référentiel was read from (all empty for one written by hand)."""

    title: str = ""
    file: str = ""
    sha256: Annotated[str, Meta("SHA-256 of the document", pattern=r"^(?:[0-9a-f]{64})?$")] = ""
    lines: int = 0


@record
class UnresolvedReference(Record):
    """A reference of a fiche that names no known job."""

    job: str
    field: Literal["proximity", "prior_roles"]
    text: str
    line: Line
    candidates: list[str] = dataclasses.field(default_factory=list)


@record
class Card(Record):
    """A job card of another référentiel (a ROME card): its code and title."""

    code: str
    title: str

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


@record
class CardMatch(Record):
    """The card of another référentiel that stands for one job, and why.

    ``how`` says what justifies it: ``appellation`` (the job's title is one
    of the card's names), ``fiche alias`` (one of the fiche's other names
    is), ``title words`` (the names share most of their words), ``reviewed``
    (a person chose the card), ``none`` (no card). ``evidence`` lists the
    names or codes behind it. ``matcher_code`` is what the matcher found,
    and ``note`` says why a reviewer chose otherwise.
    """

    id: str
    title: str
    code: str | None
    card: str | None
    score: Annotated[float, Meta("the matcher's score: 1 for a whole name, less for shared words", ge=0)]
    how: Literal["appellation", "fiche alias", "title words", "reviewed", "none"]
    evidence: list[str] = dataclasses.field(default_factory=list)
    matcher_code: str | None = None
    note: str = ""


@record
class CardMove(Record):
    """A move between two jobs lifted from the other référentiel's links between their cards.

    ``link_from → link_to`` is the link of that référentiel that justifies
    it: the two jobs' cards themselves, or (``through`` = ``parent``) where
    the cards have no link of their own, their parent cards.
    """

    source: str
    target: str
    source_card: Card
    target_card: Card
    link_from: Card
    link_to: Card
    kind: Annotated[str, Meta("the link's type in its référentiel: mobilite, proche, evolution")]
    rank: int | None = None
    through: Literal["card", "parent"] = "card"


@record
class Crosswalk(Record):
    """The jobs of a référentiel joined to the cards of another (ROME), and the moves lifted from it."""

    target: Annotated[str, Meta("the built-in name of the other référentiel: rome-v4, rome-v3")]
    credit: str
    rows: list[CardMatch]
    moves: list[CardMove] = dataclasses.field(default_factory=list)

    @property
    def version(self) -> str:
        """The other référentiel's name as people know it: ``ROME 4.0``, ``ROME v3``."""
        return self.credit.split(" — ", 1)[-1].split(" (", 1)[0]

    def row(self, job_id: str) -> CardMatch | None:
        """The row of a job, if it has one."""
        return self._rows_by_id.get(job_id)

    @cached_property
    def _rows_by_id(self) -> dict[str, CardMatch]:
        """Each job's row (the first, where a job had two): asked for each job an export writes."""
        found: dict[str, CardMatch] = {}
        for row in self.rows:
            found.setdefault(row.id, row)
        return found


@record
class LevelScale(Record):
    """The scale a référentiel writes its education levels on.

    ``Bac`` (the default) counts years after the Bac: 0 is the Bac, 4 is
    Bac+4. Another scale is ordinal, its levels numbered ``lowest`` to
    ``highest`` (0 to 8 at most): O*NET's and ESCO's job zones 1–5, the
    EQF 1–8, ISCED 0–8; ``labels`` name its levels (default: the scale's
    name and the number).

    Examples
    --------
    >>> LevelScale().label(4), LEVEL_SCALES["job-zone"].label(2), LevelScale(name="EQF", lowest=1).label(6)
    ('Bac+4', 'job zone 2', 'EQF 6')
    """

    name: str = "Bac"
    lowest: BacLevel = 0
    highest: BacLevel = 8
    labels: dict[int, str] = dataclasses.field(default_factory=dict, metadata={"omit_default": True})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.lowest > self.highest:
            msg = f"the scale's lowest level {self.lowest} is above its highest {self.highest}"
            raise ValueError(msg)

    @property
    def is_bac(self) -> bool:
        """Whether levels count years after the Bac (``Bac+N``)."""
        return self.name == "Bac"

    @property
    def start(self) -> int:
        """The level a route counts from where a job states none: the Bac on the Bac+N scale
        (a CAP or BEP below it is stated, never assumed), else the scale's lowest."""
        return max(self.lowest, 0) if self.is_bac else self.lowest

    def label(self, level: int) -> str:
        """A level as the scale writes it: ``Bac+4``, ``job zone 2``, or the label given."""
        if level in self.labels:
            return self.labels[level]
        return bac_label(level) if self.is_bac else f"{self.name} {level}"


LEVEL_SCALES = {
    "bac": LevelScale(lowest=-1),
    "job-zone": LevelScale(name="job zone", lowest=1, highest=5),
    "eqf": LevelScale(name="EQF", lowest=1, highest=8),
    "isced": LevelScale(name="ISCED", lowest=0, highest=8),
}
"""The level scales known by name: ``bac`` (Bac+N, from -1: CAP or BEP), ``job-zone`` (O*NET,
ESCO: 1–5), ``eqf`` (1–8), ``isced`` (ISCED 2011: 0–8)."""


READINGS_KEPT = 10_000
"""How many names a référentiel remembers the reading of (:meth:`Referentiel.read_name`)."""


@record
class Referentiel(Record):
    """A set of jobs, their families and the document they come from.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> ref = load_referentiel()
    >>> len(ref.jobs), ref.job("Technicien réseaux").title
    (41, 'Technicien réseau')
    """

    name: str
    source: Annotated[str, Meta("what it was read from: fiches, rome-v3, rome-v4, csv, hand")] = "fiches"
    version: str = ""
    credit: str = ""
    document: DocumentInfo = dataclasses.field(default_factory=DocumentInfo)
    based_on: Annotated[DocumentInfo | None, Meta("the document of the référentiel this one extends")] = None
    families: list[Family] = dataclasses.field(default_factory=list)
    jobs: list[Job]
    crosswalks: Annotated[
        list[Crosswalk], Meta("the jobs joined to the cards of other référentiels (ROME)")
    ] = dataclasses.field(default_factory=list, metadata={"omit_default": True})
    scale: Annotated[LevelScale | None, Meta("the scale of its education levels (default: Bac+N)")] = (
        dataclasses.field(default=None, metadata={"omit_default": True})
    )
    cards: Annotated[
        str,
        Meta("the référentiel whose cards' content fills its jobs and compares their skills (rome-v4)"),
    ] = dataclasses.field(default="", metadata={"omit_default": True})

    def __post_init__(self) -> None:
        super().__post_init__()
        counts = Counter(job.id for job in self.jobs)
        duplicates = sorted(i for i, n in counts.items() if n > 1)
        if duplicates:
            msg = f"duplicate job ids: {', '.join(duplicates)}"
            raise ValueError(msg)
        known = set(counts)
        scale = self.levels
        for job in self.jobs:
            for level in (job.prerequisites.education_min, job.prerequisites.education_max):
                if level is not None and not scale.lowest <= level <= scale.highest:
                    msg = (
                        f"job {job.id!r}: level {level} is off its scale ({scale.lowest} to {scale.highest})"
                    )
                    raise ValueError(msg)
            refs = [*job.proximity, *job.prerequisites.prior_role_references]
            missing = sorted({i for r in refs for i in r.ids} - known)
            if missing:
                msg = f"job {job.id!r} refers to unknown ids: {', '.join(missing)}"
                raise ValueError(msg)
        for crosswalk in self.crosswalks:
            named = {row.id for row in crosswalk.rows}
            named |= {i for move in crosswalk.moves for i in (move.source, move.target)}
            if named - known:
                unknown = ", ".join(sorted(named - known))
                msg = f"the crosswalk to {crosswalk.target} names unknown ids: {unknown}"
                raise ValueError(msg)

    @property
    def levels(self) -> LevelScale:
        """The scale of the education levels: :attr:`scale`, else Bac+N."""
        return self.scale or LEVEL_SCALES["bac"]

    @cached_property
    def has_fiches(self) -> bool:
        """Whether the référentiel was read from fiches (its links are fiches' words), not a table.

        Examples
        --------
        >>> from carrieres import load_referentiel
        >>> load_referentiel().has_fiches, load_referentiel("rome-v4").has_fiches
        (True, False)
        """
        return self.source == "fiches" or any(job.has_fiche for job in self.jobs)

    @cached_property
    def _by_id(self) -> dict[str, Job]:
        return {job.id: job for job in self.jobs}

    @cached_property
    def derived(self) -> dict[str, Any]:
        """Values other modules derive from this référentiel and keep for its lifetime, each under
        its module's key (what each move asks to learn: :func:`carrieres.paths.what_to_learn`)."""
        return {}

    @cached_property
    def resolver(self) -> Resolver:
        """The name resolver over these jobs and families."""
        return make_resolver(self.jobs)

    def __len__(self) -> int:
        return len(self.jobs)

    def __repr__(self) -> str:
        """A line to recognise the référentiel by (its fields: :meth:`to_dict`).

        Examples
        --------
        >>> from carrieres import load_referentiel
        >>> load_referentiel()
        Referentiel('metiers-informatique', source='fiches', 41 jobs, 5 families)
        """
        return (
            f"Referentiel({self.name!r}, source={self.source!r}, {len(self)} jobs, "
            f"{len(self.families)} families)"
        )

    def _repr_html_(self) -> str | None:
        return html_card(self)

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

    def job(self, name: str, *, strict: bool = False) -> Job:
        """The job a name (title, alias, id, trade word; accents and case optional) names.

        Where a name matches several jobs and one is clearly the closest, that
        one (:meth:`read_name` says which others it matches); with ``strict``,
        a name that matches several jobs is refused.

        Raises
        ------
        UnknownNameError
            No job matches; the message suggests close names.
        AmbiguousNameError
            Several jobs match as closely; the message lists them, closest first.
        RequestError
            The name is empty, too long, or not text a name is written in.
        """
        return self._by_id[self.read_name(name, strict=strict).key]

    def read_name(self, name: str, *, strict: bool = False) -> Reading:
        """How a job name reads: the job it names, by which of its names, through which trade
        words, and the other jobs it matches when this one is clearly the closest.

        A name written as an id (``ingenieur-securite``, ``I1401`` for the id
        ``i1401``, or a title whose slug is an id) is found without building
        the name resolver, which takes half a second on ROME's 30,000 names.
        Raises as :meth:`job` does.

        Examples
        --------
        >>> ref = Referentiel.from_dict({"name": "t", "jobs": [
        ...     {"id": "abd", "title": "Administrateur de base de données"},
        ...     {"id": "are", "title": "Administrateur de réseau d'entreprise"},
        ...     {"id": "iasr", "title": "Ingénieur administrateur système et réseaux"}]})
        >>> reading = ref.read_name("DBA")
        >>> reading.key, [row.stands_for for row in reading.trade]
        ('abd', ['administrateur de base de données'])
        >>> ref.read_name("administrateur de reseau").others
        ('iasr',)
        """
        readings: dict[tuple[str, bool], Reading] = self.derived.setdefault("models.readings", {})
        reading = readings.get((name, strict))
        if reading is None:
            reading = self._read_name(name, strict)
            if len(readings) < READINGS_KEPT:  # a table of a million rows names a few jobs many times
                readings[name, strict] = reading
        return reading

    def _read_name(self, name: str, strict: bool) -> Reading:
        check_name(name, "job")
        found = self._by_id.get(name) or self._by_id.get(slug(name))
        if found is not None:
            return Reading(name, found.id, found.id, "exact", 0)
        return self.resolver.jobs.read(name, strict=strict)

    def iter_family(self, family: str) -> Iterator[Job]:
        """The jobs of a family or sub-family, named as in :meth:`job`."""
        label = self.resolver.families.resolve(family)
        for job in self.jobs:
            if label in (job.family, f"{job.family} / {job.subfamily}"):
                yield job

    def crosswalk(self, target: str) -> Crosswalk | None:
        """The crosswalk to another référentiel (``rome-v4``), if this one has it."""
        return next((c for c in self.crosswalks if c.target == target), None)

    @property
    def unresolved(self) -> list[UnresolvedReference]:
        """Every reference of a fiche that names no known job: job by job, in line order."""
        found: list[UnresolvedReference] = []
        for job in self.jobs:
            own: list[UnresolvedReference] = []
            fields: tuple[tuple[Literal["proximity", "prior_roles"], list[Reference]], ...] = (
                ("proximity", job.proximity),
                ("prior_roles", job.prerequisites.prior_role_references),
            )
            for field, refs in fields:
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
    """A resolver over jobs: titles and their forms, aliases, their cards' appellations, families."""
    return Resolver(*resolver_inputs(jobs))


NameRow: TypeAlias = tuple[str, str, list[str], list[str], list[str]]
"""What the resolver reads of a job: its id, title, other forms of the title (and its code), aliases
and its card's names."""


def resolver_inputs(jobs: list[Job]) -> tuple[list[NameRow], dict[str, list[str]]]:
    """What :func:`make_resolver` reads of the jobs: a :data:`NameRow` for each, and the ids of
    each family label's jobs (the resolver of a :class:`Referentiel` read back from the cache is
    made from them alone).

    Examples
    --------
    >>> job = Job(id="dev", title="Développeur", family="ETUDE & DEVELOPPEMENT")
    >>> resolver_inputs([job])
    ([('dev', 'Développeur', [], [], [])], {'ETUDE & DEVELOPPEMENT': ['dev']})
    """
    families: dict[str, list[str]] = {}
    for job in jobs:
        for label in family_labels(job):
            families.setdefault(label, []).append(job.id)
    rows = [
        (
            job.id,
            job.title,
            [*job.source.title_forms(), *([job.code] if job.code else [])],
            [a.text for a in job.aliases],
            list(job.card_names),
        )
        for job in jobs
    ]
    return rows, families
