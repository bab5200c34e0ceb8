"""Read a document of *fiches emploi-type* into a :class:`~carrieres.models.Referentiel`.

The document is plain text extracted from a word-processor file, laid out like
"Les 41 métiers du secteur informatique":

* numbered headings (``1. …``) open sections before the fiches: a bullet list
  of the jobs, the nomenclature table (heading naming the *nomenclature*) and a
  bullet index of the fiches (heading naming the *fiches*); each is optional;
* the nomenclature table is flattened one cell per line, row after row: a cell
  starts with a tab, lines without a tab continue it, and a cell ending on an
  empty line ends its row. The first row names the families; a second row in
  capitals names their sub-families (a family's sub-families are consecutive
  non-empty cells; an empty cell is a family without sub-families). A row with
  one cell per family spans whole families;
* each fiche is a sequence of sections opened by the headers of the form
  (``Famille``, ``Intitulé de l'emploi-type``, ``Activités principales``, …, see
  :data:`SECTION_HEADERS`); a header may carry its content on the same line.
  A fiche starts at ``Famille`` or at a title that is not a repeat of the
  current one (each page repeats the title, sometimes shortened).

Problems are reported as :class:`Diagnostic` records with their line numbers;
only a document that cannot be read at all (empty, binary, not UTF-8, nothing
recognisable) raises :class:`~carrieres.exceptions.ParseError`.

Examples
--------
>>> report = parse_text('''Famille
... PRODUCTION
... Intitulé de l'emploi-type TECHNICIEN RÉSEAU
... Description synthétique
... Il installe les réseaux.
... Activités principales
... · Câbler
... Prérequis
... Accessible à des débutants de niveau Bac+2.
... Emplois-types de proximité
... · Administrateur réseau
... ''', source="fiche.txt")
>>> job = report.referentiel.jobs[0]
>>> job.id, job.prerequisites.education_min, job.prerequisites.beginner_ok
('technicien-reseau', 2, True)
>>> [(u.text, u.line) for u in report.referentiel.unresolved]
[('Administrateur réseau', 11)]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from carrieres._i18n import N_, _
from carrieres._records import Record, RecordError, record
from carrieres._text import clean, fold, is_blank, line_number, sentence_case, slug, split_lines, tokens
from carrieres.exceptions import ParseError
from carrieres.files import read_text
from carrieres.models import (
    FICHE_SECTIONS,
    Alias,
    BehaviouralSkill,
    DocumentInfo,
    Family,
    FicheSource,
    Item,
    Job,
    JobSource,
    Reference,
    Referentiel,
    TableCell,
    make_resolver,
)
from carrieres.names import NameIndex, Resolver
from carrieres.prerequisites import extract_prerequisites

__all__ = ["SECTION_HEADERS", "Diagnostic", "ParseReport", "parse_file", "parse_text"]

SECTION_HEADERS: dict[str, str] = {
    "family": r"famille",
    "subfamily": r"sous-famille",
    "title": r"intitule de l'emploi[- ]type",
    "aliases": r"appellations? couramment utilisees?",
    "english_aliases": r"appellations? equivalentes? en anglais",
    "summary": r"description synthetique",
    "main_activities": r"activites? principales?",
    "secondary_activities": r"activites? accessoires?",
    "savoir_faire": r"savoir-faire specifiques? necessaires?",
    "knowledge": r"connaissances? specifiques? requises?",
    "behavioural_skills": r"competences? comportementales? requises?",
    "prerequisites": r"prerequis",
    "variability": r"variabilite et particularites de l'emploi[- ]type",
    "proximity": r"emplois?[- ]types? de proximite",
    "rome_codes": r"codes? rome(?: correspondants?)?",
    "pcs_codes": r"codes? pcs(?: correspondants?)?",
    "certifications": r"diplomes? et certifications? homologuees? reconnues?",
    "collective_agreement": r"reference a la convention collective",
    "figures": r"chiffrage",
    "outlook": r"elements? de prospective",
    "observations": r"observations? diverses?",
}
"""Section key → the header that opens it (folded text, a regular expression)."""

_HEADER_PATTERNS = [(key, re.compile(rf"^{pattern}(?![a-z0-9])")) for key, pattern in SECTION_HEADERS.items()]
_REQUIRED_SECTIONS = ("title", "prerequisites", "proximity")
_READ_APART = frozenset(
    {"aliases", "summary", "behavioural_skills", "prerequisites", "proximity", "rome_codes"}
)
_LIST_SECTIONS = tuple(name for name in FICHE_SECTIONS if name not in _READ_APART)
"""The sections read as plain lists of items; the others have readers of their own."""
_SKILL_CATEGORIES = (
    "esprit d'entreprendre",
    "orientation client",
    "animation d'equipe",
    "communication",
    "autre comportement specifique",
)
_SKILL_TABLE_HEADER = re.compile(r"^(?:categorie de competences|precisions sur les competences|[123])")
_SKILL_LEGEND = re.compile(r"^\(\s*1\s+assez important")
_BULLET = re.compile(r"^\s*[·•▪◦●*–—-]\s*")
_HEADING = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\S.*)$")
_ROME_CODE = re.compile(r"\b(?:[A-Z]\d{4}|\d{5})\b")


@record
class Diagnostic(Record):
    """A problem found in a document, at a line."""

    level: Literal["error", "warning"]
    line: int
    message: str


@record
class ParseReport(Record):
    """The référentiel read from a document, and what could not be read.

    ``diagnostics`` lists every problem with its line; ``errors`` are those
    that make the document invalid (``carrieres check`` exits with status 1),
    ``warnings`` those that only deserve a look.

    Examples
    --------
    >>> import carrieres
    >>> fiche = ("\\tFamille\\nPRODUCTION\\n\\tIntitulé de l’emploi-type ANALYSTE SOC\\n"
    ...          "\\tPrérequis\\nLes recrutements se font au niveau Bac+3.\\n"
    ...          "\\tEmplois-types de proximité\\n· Ingénieur sécurité\\n· Pentesteur\\n")
    >>> truncated = fiche[: fiche.index("\\tEmplois")]
    >>> report = carrieres.parse_text(truncated, source="soc.txt")
    >>> report.warnings, [job.title for job in report.referentiel.jobs]
    ([], ['Analyste soc'])
    >>> for problem in report.errors:
    ...     print(problem.level, problem.line, problem.message)  # doctest: +NORMALIZE_WHITESPACE
    error 5 fiche 'ANALYSTE SOC' has no section 'emplois?[- ]types? de proximite':
    truncated document or misspelt header
    """

    referentiel: Referentiel
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that make the document invalid."""
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that only deserve a look."""
        return [d for d in self.diagnostics if d.level == "warning"]


def parse_file(
    path: str | Path, *, name: str | None = None, extend: Referentiel | None = None
) -> ParseReport:
    """Parse the document at ``path`` (UTF-8 text); see :func:`parse_text`.

    Parameters
    ----------
    path
        The document: text laid out like «Les 41 métiers du secteur
        informatique» (a byte-order mark may announce UTF-16 or UTF-32).
    name, extend
        As for :func:`parse_text`; the file's name is the ``source``.

    Returns
    -------
    ParseReport
        The référentiel and what could not be read, with line numbers.

    Raises
    ------
    ParseError
        The file cannot be read, is empty or binary, or holds no job.

    Examples
    --------
    >>> import carrieres
    >>> fiche = ("\\tFamille\\nPRODUCTION\\n\\tIntitulé de l’emploi-type ANALYSTE SOC\\n"
    ...          "\\tPrérequis\\nLes recrutements se font au niveau Bac+3.\\n"
    ...          "\\tEmplois-types de proximité\\n· Ingénieur sécurité\\n· Pentesteur\\n")
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "soc.txt"
    >>> _ = path.write_text(fiche, encoding="utf-8")
    >>> report = carrieres.parse_file(path, extend=carrieres.load_referentiel())
    >>> report.referentiel.name, len(report.referentiel.jobs), report.errors
    ('soc', 42, [])
    """
    path = Path(path)
    return parse_text(read_text(path, N_("the document")), source=path.name, name=name, extend=extend)


def parse_text(
    text: str, *, source: str = "<document>", name: str | None = None, extend: Referentiel | None = None
) -> ParseReport:
    """Parse a document given as text.

    Parameters
    ----------
    text
        The whole document.
    source
        Its file name, recorded in the référentiel and in error messages.
    name
        The référentiel's name (default: a slug of ``source``).
    extend
        A référentiel to add the document's jobs to: references in the
        document may name its jobs, and the result holds both.

    Returns
    -------
    ParseReport
        The référentiel and what could not be read, with line numbers.

    Raises
    ------
    ParseError
        The document is empty or holds neither a list of jobs nor a fiche.

    Examples
    --------
    >>> import carrieres
    >>> fiche = ("\\tFamille\\nPRODUCTION\\n\\tIntitulé de l’emploi-type ANALYSTE SOC\\n"
    ...          "\\tPrérequis\\nLes recrutements se font au niveau Bac+3.\\n"
    ...          "\\tEmplois-types de proximité\\n· Ingénieur sécurité\\n· Pentesteur\\n")
    >>> alone = carrieres.parse_text(fiche, source="soc.txt")
    >>> [(reference.text, reference.line) for reference in alone.referentiel.unresolved]
    [('Ingénieur sécurité', 7), ('Pentesteur', 8)]

    Read as additions to the shipped jobs, the fiche may name them:

    >>> report = carrieres.parse_text(fiche, source="soc.txt", extend=carrieres.load_referentiel())
    >>> len(report.referentiel.jobs), [reference.text for reference in report.referentiel.unresolved][-1]
    (42, 'Pentesteur')
    >>> report.referentiel.job("analyste SOC").prerequisites.education_min
    3
    >>> carrieres.parse_text("  \\n")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.ParseError: <document>, line 1: the document is empty
    """
    if "\x00" in text:
        msg = _("this is a binary file, not a text document (NUL byte)")
        raise ParseError(msg, source=source, line=line_number(text, text.index("\x00")))
    lines = split_lines(unicodedata.normalize("NFC", text))  # accents as one character each (macOS)
    if all(is_blank(line) for line in lines):
        raise ParseError(_("the document is empty"), source=source, line=1)
    return _Parser(lines, source, extend).run(text, name or slug(Path(source).stem) or "referentiel")


@dataclass
class _Fiche:
    start: int
    sections: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    titles: list[Item] = field(default_factory=list)
    end: int = 0

    @property
    def title(self) -> str:
        return self.titles[0].text if self.titles else ""


@dataclass
class _Draft:
    """A job being assembled from the places the document names it; ``key`` is its
    place among the drafts, under which the parser's name index knows its titles."""

    key: str
    title_forms: list[tuple[str, int]] = field(default_factory=list)
    list_entry: Item | None = None
    table: TableCell | None = None
    index: Item | None = None
    table_family: tuple[str | None, str | None] = (None, None)
    fiche: _Fiche | None = None
    notes: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, lines: list[str], source: str, base: Referentiel | None) -> None:
        self.lines = lines
        self.source = source
        self.base = base
        self.diagnostics: list[Diagnostic] = []
        self.families: list[Family] = []
        self.drafts: list[_Draft] = []
        self.titles = NameIndex([])
        self.by_opening: dict[tuple[str, ...], list[_Draft]] = {}
        """The drafts by the first two words of each of their title forms (see :meth:`_find`)."""
        """Every title form placed so far, keyed by the draft's position."""
        self.document_title = ""

    def report(self, level: Literal["error", "warning"], line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(level=level, line=line, message=message))

    # -- the whole document -------------------------------------------------

    def run(self, text: str, name: str) -> ParseReport:
        zone = next((i for i, line in enumerate(self.lines) if _header(line)), len(self.lines))
        self._read_headed_sections(self.lines[:zone])
        fiches = self._read_fiches(zone)
        for fiche in fiches:
            self._attach_fiche(fiche)
        if not self.drafts:
            msg = _(
                "no job found: expected a bullet list of jobs, "
                "or fiches opened by 'Famille' or 'Intitulé de l'emploi-type'"
            )
            raise ParseError(msg, source=self.source, line=1)
        jobs = self._build_jobs()
        document = DocumentInfo(
            title=self.document_title or Path(self.source).stem,
            file=self.source,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            lines=len(self.lines),
        )
        families = self.families
        if self.base is not None:
            jobs = [*self.base.jobs, *jobs]
            known = {family.name for family in self.base.families}
            families = [*self.base.families, *(f for f in families if f.name not in known)]
        try:
            referentiel = Referentiel(
                name=name,
                document=document,
                based_on=None if self.base is None else self.base.document,
                families=families,
                jobs=jobs,
            )
        except ValueError as err:
            msg = _("the document does not make a valid référentiel: {error}").format(error=err)
            raise ParseError(msg, source=self.source) from None
        diagnostics = sorted(self.diagnostics, key=lambda d: (d.line, d.level, d.message))
        return ParseReport(referentiel=referentiel, diagnostics=diagnostics)

    # -- numbered sections before the fiches ---------------------------------

    def _read_headed_sections(self, lines: Sequence[str]) -> None:
        headings = [(i, m) for i, raw in enumerate(lines) if (m := _HEADING.match(raw))]
        for i, raw in enumerate(lines[: headings[0][0] if headings else len(lines)]):
            if not is_blank(raw):
                self.report(
                    "warning", i + 1, _("text outside any section ignored: {text!r}").format(text=clean(raw))
                )
        seen_list = False
        for number, (start, heading) in enumerate(headings):
            end = headings[number + 1][0] if number + 1 < len(headings) else len(lines)
            body = [(raw, i + 1) for i, raw in enumerate(lines[start + 1 : end], start + 1)]
            title = clean(heading[2])
            kind = fold(title)
            if "nomenclature" in kind:
                self._read_table(body)
            elif "fiche" in kind:
                for text, line in self._bullets(body, title):
                    self._place(text, line).index = Item(text=text, line=line)
            elif not seen_list:
                seen_list = True
                self.document_title = title
                listed = 0
                for text, line in self._bullets(body, title):
                    twin = self._find(text)
                    if twin is not None and twin.list_entry is not None:
                        first = twin.list_entry.line
                        self.report(
                            "warning",
                            line,
                            _("{text!r} is listed twice (line {first}); ignored").format(
                                text=text, first=first
                            ),
                        )
                        continue
                    self._place(text, line, create_only=True).list_entry = Item(text=text, line=line)
                    listed += 1
                counted = re.search(r"\b(\d+)\b", title)
                if counted and int(counted[1]) != listed:
                    self.report(
                        "warning",
                        start + 1,
                        _("the heading announces {announced} jobs but the list has {listed}").format(
                            announced=counted[1], listed=listed
                        ),
                    )
            else:
                self.report(
                    "warning", start + 1, _("section {title!r} not recognised; ignored").format(title=title)
                )

    def _bullets(self, body: Iterable[tuple[str, int]], section: str) -> list[tuple[str, int]]:
        items = []
        for raw, line in body:
            if is_blank(raw):
                continue
            bullet = _BULLET.match(raw)
            if not bullet:
                message = _("line without a bullet in {section!r} ignored: {text!r}")
                self.report("warning", line, message.format(section=section, text=clean(raw)))
                continue
            text = clean(raw[bullet.end() :])
            if text:
                items.append((text, line))
        return items

    def _read_table(self, body: Sequence[tuple[str, int]]) -> None:
        rows = _table_rows(body)
        if not rows:
            line = body[0][1] if body else 1
            self.report("error", line, _("nomenclature table: no cell found (cells start with a tab)"))
            return
        family_row, *rest = rows
        self.families = [Family(name=text, line=line) for text, line in family_row if text]
        columns: list[tuple[str, str | None]] = [(f.name, None) for f in self.families]
        if rest and _is_header_row(rest[0]):
            columns = self._align_subfamilies(rest.pop(0))
        for number, row in enumerate(rest, start=1):
            if len(row) == len(columns):
                places, family_wide = columns, False
            elif len(row) == len(self.families):
                places, family_wide = [(f.name, None) for f in self.families], True
            else:
                msg = _(
                    "nomenclature table: row of {cells} cells; expected {columns} "
                    "(one per column) or {families} (one per family)"
                ).format(cells=len(row), columns=len(columns), families=len(self.families))
                self.report("error", row[0][1], msg)
                continue
            for column, ((text, line), (family, subfamily)) in enumerate(zip(row, places, strict=True)):
                if not text:
                    continue
                draft = self._place(text, line)
                draft.table = TableCell(
                    text=text, line=line, row=number, column=column + 1, family_wide=family_wide
                )
                draft.table_family = (family, subfamily)

    def _align_subfamilies(self, row: list[tuple[str, int]]) -> list[tuple[str, str | None]]:
        groups: list[list[tuple[str, int]]] = []
        for cell in row:
            if cell[0] and groups and groups[-1][-1][0]:
                groups[-1].append(cell)
            else:
                groups.append([cell])
        if len(groups) != len(self.families):
            msg = _(
                "nomenclature table: cannot align {families} families with the "
                "sub-family row (runs of named cells: {runs})"
            ).format(families=len(self.families), runs=len(groups))
            self.report("error", row[0][1], msg)
            return [(f.name, None) for f in self.families]
        columns: list[tuple[str, str | None]] = []
        for index, (family, group) in enumerate(zip(self.families, groups, strict=True)):
            subfamilies = [Item(text=text, line=line) for text, line in group if text]
            self.families[index] = family.replace(**{"subfamilies": subfamilies})
            columns += [(family.name, text or None) for text, _ in group]
        return columns

    def _place(self, text: str, line: int, *, create_only: bool = False) -> _Draft:
        """The draft of the job ``text`` names, created when none matches."""
        draft = None if create_only else self._find(text)
        if draft is None:
            draft = _Draft(key=str(len(self.drafts)))
            self.drafts.append(draft)
        elif not any(tokens(text) == tokens(form) for form, _ in draft.title_forms):
            first = draft.title_forms[0]
            draft.notes.append(
                f"The document writes this title {text!r} (line {line}) and {first[0]!r} (line {first[1]})."
            )
        draft.title_forms.append((text, line))
        self.titles.add(text, draft.key)
        opening = tokens(text)[:2]
        same_opening = self.by_opening.setdefault(opening, []) if len(opening) == 2 else []
        if all(other is not draft for other in same_opening):
            same_opening.append(draft)
        return draft

    def _find(self, text: str) -> _Draft | None:
        found = self.titles.match(text)
        if found.how == "exact" and len(found.keys) == 1:
            return self.drafts[int(found.keys[0])]
        words = tokens(text)
        prefixed = [  # a title one begins the other with at least two words: they share the first two
            d
            for d in self.by_opening.get(words[:2], ())
            if any(_is_prefix(words, tokens(form)) for form, _ in d.title_forms)
        ]
        return prefixed[0] if len(prefixed) == 1 else None

    # -- the fiches -----------------------------------------------------------

    def _read_fiches(self, zone: int) -> list[_Fiche]:
        fiches: list[_Fiche] = []
        current: _Fiche | None = None
        key = ""
        for index in range(zone, len(self.lines)):
            raw, number = self.lines[index], index + 1
            found = _header(raw)
            if found is None:
                if not is_blank(raw) and current is not None:
                    current.sections[key].append((clean(raw), number))
                    current.spans[key] = (current.spans[key][0], number)
                continue
            key, rest = found
            if current is None or self._starts_fiche(current, key, rest, number):
                current = _Fiche(start=number)
                fiches.append(current)
            if key in current.sections and key != "title":
                msg = _(
                    "section {section!r} appears twice in the fiche starting at line "
                    "{start}: a 'Famille' or title header is missing or misspelt"
                ).format(section=key, start=current.start)
                self.report("error", number, msg)
            current.sections.setdefault(key, [])
            if rest:
                current.sections[key].append((rest, number))
            current.spans[key] = (current.spans.get(key, (number, number))[0], number)
        for fiche in fiches:
            fiche.end = max(end for _, end in fiche.spans.values())
            fiche.titles = [Item(text=t, line=n) for t, n in fiche.sections.pop("title", [])]
            if not fiche.titles:
                self.report("error", fiche.start, _("fiche without a title ('Intitulé de l'emploi-type')"))
        return fiches

    def _starts_fiche(self, fiche: _Fiche, key: str, rest: str, line: int) -> bool:
        if key == "family":
            return bool(set(fiche.sections) - {"family"})
        titles = fiche.sections.get("title")
        if key != "title" or not titles:
            return False
        title = rest or self._next_content(line)
        return bool(title) and not _same_title(title, titles[0][0])

    def _next_content(self, line: int) -> str:
        for raw in self.lines[line:]:
            if _header(raw):
                return ""
            if not is_blank(raw):
                return clean(raw)
        return ""

    def _attach_fiche(self, fiche: _Fiche) -> None:
        if not fiche.titles:
            return
        missing = [k for k in _REQUIRED_SECTIONS[1:] if k not in fiche.sections]
        if missing:
            names = ", ".join(repr(SECTION_HEADERS[k]) for k in missing)
            msg = _("fiche {title!r} has no section {names}: truncated document or misspelt header").format(
                title=fiche.title, names=names
            )
            self.report("error", fiche.end, msg)
        draft = self._place(fiche.title, fiche.titles[0].line)
        if draft.fiche is not None:
            self.report("error", fiche.start, _("second fiche for {title!r}").format(title=fiche.title))
            return
        draft.fiche = fiche

    # -- jobs -----------------------------------------------------------------

    def _build_jobs(self) -> list[Job]:
        skeletons: list[Job] = []
        drafts: list[_Draft] = []
        by_id: dict[str, Job] = {}
        base_ids = {j.id for j in self.base.jobs} if self.base is not None else set()
        for draft in self.drafts:
            line = draft.title_forms[0][1]
            try:
                job = self._skeleton(draft)
            except ValueError as err:
                title = draft.title_forms[0][0]
                why = (
                    _("its title has no letter or digit to make an id of")
                    if isinstance(err, RecordError) and err.field == "id"
                    else str(err)
                )
                self.report(
                    "error", line, _("job {title!r} cannot be read: {why}").format(title=title, why=why)
                )
                continue
            twin = by_id.get(job.id)
            if twin is not None:
                message = _("a second job with id {id!r} ({title!r}); ignored")
                self.report("error", line, message.format(id=job.id, title=twin.title))
                continue
            if job.id in base_ids and self.base is not None:
                msg = _("{title!r} is already a job of the référentiel {name!r}; ignored").format(
                    title=job.title, name=self.base.name
                )
                self.report("error", line, msg)
                continue
            by_id[job.id] = job
            skeletons.append(job)
            drafts.append(draft)
        resolver = make_resolver([*(self.base.jobs if self.base else []), *skeletons])
        if not self.families:
            self.families = _families_of(skeletons)
        return [
            self._complete(job, draft.fiche, resolver) if draft.fiche else job
            for job, draft in zip(skeletons, drafts, strict=True)
        ]

    def _skeleton(self, draft: _Draft) -> Job:
        fiche = draft.fiche
        aliases = []
        if fiche is not None:
            aliases = [Alias(text=t, line=n) for t, n in self._items(fiche, "aliases")]
            aliases += [
                Alias(text=t, line=n, language="en") for t, n in self._items(fiche, "english_aliases")
            ]
        title = _best_title(draft, fiche, [alias.text for alias in aliases])
        family, subfamily = draft.table_family
        notes = list(draft.notes)
        if draft.table and draft.table.family_wide:
            notes.append(
                f"The nomenclature table places this job in a cell spanning the whole {family} "
                f"family (line {draft.table.line}), so the table gives no sub-family."
            )
        if fiche is not None:
            family, subfamily = self._fiche_family(fiche, family, subfamily, notes)
        notes += self._title_family_notes(title, family)
        return Job(
            id=slug(title),
            title=title,
            family=family,
            subfamily=subfamily,
            has_fiche=fiche is not None,
            aliases=aliases,
            source=JobSource(
                list_entry=draft.list_entry,
                table=draft.table,
                index=draft.index,
                fiche=None
                if fiche is None
                else FicheSource(start=fiche.start, end=fiche.end, titles=fiche.titles, sections=fiche.spans),
            ),
            notes=notes,
        )

    def _fiche_family(
        self, fiche: _Fiche, family: str | None, subfamily: str | None, notes: list[str]
    ) -> tuple[str | None, str | None]:
        stated = {
            k: clean(" ".join(t for t, _ in fiche.sections.get(k, []))) for k in ("family", "subfamily")
        }
        families = self.families or (self.base.families if self.base else [])
        fiche_family = self._canonical(stated["family"], [f.name for f in families]) or family
        known = next((f for f in families if f.name == fiche_family), None)
        fiche_sub = (
            self._canonical(stated["subfamily"], [s.text for s in known.subfamilies] if known else [])
            or subfamily
        )
        if (family, subfamily) != (fiche_family, fiche_sub) and family is not None:
            where = f"{family} / {subfamily}" if subfamily else family
            notes.append(
                f"The table places this job under {where}; its fiche (line {fiche.start}) says "
                f"{fiche_family} / {fiche_sub}. The fiche is followed."
            )
        return fiche_family, fiche_sub

    @staticmethod
    def _canonical(name: str, known: Sequence[str]) -> str | None:
        """A name as the nomenclature writes it, else as written."""
        if not name:
            return None
        same = [k for k in known if tokens(k) == tokens(name)]
        return same[0] if same else name

    def _title_family_notes(self, title: str, family: str | None) -> list[str]:
        words = set(tokens(title))
        others = [f.name for f in self.families if f.name != family and set(tokens(f.name)) & words]
        return [
            f"The title names the {other} family but the nomenclature places the job under "
            f"{family}: placement uncertain."
            for other in others
        ]

    def _items(self, fiche: _Fiche, key: str) -> list[tuple[str, int]]:
        """The entries of a list section: bullets, a line without bullet continuing the one above."""
        items: list[tuple[str, int]] = []
        previous = 0
        for text, line in fiche.sections.get(key, []):
            bullet = _BULLET.match(text)
            content = clean(text[bullet.end() :] if bullet else text)
            if not content:
                continue
            if not bullet and items and previous == line - 1 and content[:1].islower():
                items[-1] = (f"{items[-1][0]} {content}", items[-1][1])
            else:
                items.append((content, line))
            previous = line
        return items

    def _complete(self, job: Job, fiche: _Fiche, resolver: Resolver) -> Job:

        def items(key: str) -> list[Item]:
            return [Item(text=t, line=n) for t, n in self._items(fiche, key)]

        summary_lines = fiche.sections.get("summary", [])
        rome = [
            Item(text=code, line=line)
            for text, line in fiche.sections.get("rome_codes", [])
            for code in _ROME_CODE.findall(text)
        ]
        for text, line in fiche.sections.get("rome_codes", []):
            if not _ROME_CODE.search(text):
                self.report("warning", line, _("no ROME code in {text!r}").format(text=text))
        proximity = [
            Reference.from_resolution(resolver.reference(text), line, exclude=job.id)
            for text, line in self._items(fiche, "proximity")
        ]
        return job.replace(
            **{
                "summary": Item(text=" ".join(t for t, _ in summary_lines), line=summary_lines[0][1])
                if summary_lines
                else None,
                "behavioural_skills": self._skills(fiche),
                "prerequisites": extract_prerequisites(
                    fiche.sections.get("prerequisites", []), resolver, job_id=job.id, source=self.source
                ),
                "proximity": proximity,
                "rome_codes": rome,
                **{key: items(key) for key in _LIST_SECTIONS},
            }
        )

    def _skills(self, fiche: _Fiche) -> list[BehaviouralSkill]:
        skills: list[BehaviouralSkill] = []
        ticked = False
        for text, line in fiche.sections.get("behavioural_skills", []):
            folded = fold(text)
            if _SKILL_LEGEND.match(folded) or (_SKILL_TABLE_HEADER.match(folded) and len(folded) < 60):
                continue
            if folded == "(":
                ticked = True
                continue
            if any(folded.startswith(category) for category in _SKILL_CATEGORIES):
                skills.append(BehaviouralSkill(category=text, line=line, required=False))
                ticked = False
                continue
            if not skills:
                message = _("behavioural precision {text!r} before any category; ignored")
                self.report("warning", line, message.format(text=text))
                continue
            last = skills[-1]
            skills[-1] = last.replace(
                **{
                    "required": last.required or ticked,
                    "precisions": [*last.precisions, Item(text=text, line=line)],
                }
            )
            ticked = False
        return skills


def _header(raw: str) -> tuple[str, str] | None:
    """The section a line opens, and the content written after the header."""
    text = clean(raw)
    folded = fold(text)
    for key, pattern in _HEADER_PATTERNS:
        found = pattern.match(folded)
        if found:
            rest = text[found.end() :].strip()
            if key == "prerequisites" and rest.startswith("("):
                rest = rest[rest.find(")") + 1 :] if ")" in rest else ""
            return key, rest.lstrip(" :").strip()
    return None


def _table_rows(body: Sequence[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Cells grouped in rows: a tab opens a cell, an empty last line closes its row."""
    cells: list[tuple[list[str], int]] = []
    for raw, line in body:
        if raw.startswith("\t"):
            cells.append(([raw[1:]], line))
        elif cells:
            cells[-1][0].append(raw)
    rows: list[list[tuple[str, int]]] = [[]]
    for parts, line in cells:
        rows[-1].append((clean(" ".join(parts)), line))
        if len(parts) > 1 and parts[-1] == "":
            rows.append([])
    return [row for row in rows if row]


def _is_header_row(row: Sequence[tuple[str, int]]) -> bool:
    return all(text == text.upper() for text, _ in row) and any(text for text, _ in row)


def _is_prefix(short: Sequence[str], long: Sequence[str]) -> bool:
    small, large = sorted((tuple(short), tuple(long)), key=len)
    return len(small) >= 2 and large[: len(small)] == small


def _same_title(a: str, b: str) -> bool:
    """Whether two title lines name the same job (a page repeat, maybe shortened)."""
    return tokens(a) == tokens(b) or _is_prefix(tokens(a), tokens(b))


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def _best_title(draft: _Draft, fiche: _Fiche | None, names: Sequence[str] = ()) -> str:
    """The job's title: the fiche's own title, in the best-written form the document gives.

    A title only written in capitals is put in sentence case, keeping the words
    that the job's other ``names`` (its appellations) also write in capitals.
    """
    written = [form for form, _ in draft.title_forms if form != form.upper()]
    if fiche is None:
        return written[0] if written else sentence_case(draft.title_forms[0][0])
    same = [form for form in written if _plain(form) == _plain(fiche.title)]
    preferred = [s.text for s in (draft.index, draft.list_entry, draft.table) if s and s.text in same]
    if preferred:
        return preferred[0]
    acronyms = {word for name in names for word in name.split() if len(word) > 1 and word.isupper()}
    return same[0] if same else sentence_case(fiche.title, acronyms)


def _families_of(jobs: Sequence[Job]) -> list[Family]:
    """Families as the fiches give them, where the document has no nomenclature table."""
    families: dict[str, Family] = {}
    for job in jobs:
        fiche = job.source.fiche
        if job.family is None or fiche is None:
            continue
        line = fiche.sections.get("family", (fiche.start, fiche.start))[0]
        family = families.setdefault(job.family, Family(name=job.family, line=line))
        if job.subfamily and job.subfamily not in [s.text for s in family.subfamilies]:
            sub_line = fiche.sections.get("subfamily", (line, line))[0]
            subfamilies = [*family.subfamilies, Item(text=job.subfamily, line=sub_line)]
            families[job.family] = family.replace(**{"subfamilies": subfamilies})
    return list(families.values())
