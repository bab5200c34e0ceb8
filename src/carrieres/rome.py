"""Import France Travail's ROME (v3 or 4.0) into a référentiel.

A folder of ROME CSV files (UTF-8, comma-separated, quoted) is read; each file
is recognised from its header, whatever its name:

=================  ==============================================================
cards, v3          ``code_rome, code_fiche_em, code_ogr, libelle_rome, statut``
cards, 4.0         ``code_rome, code_fiche_metier, code_ogr, libelle_rome, …, code_rome_parent``
appellations       ``code_ogr, libelle_appellation_long, libelle_appellation_court, code_rome, …``
mobility, v3       ``code_rome, code_rome_cible, code_appellation_source, code_appellation_cible,
                   code_type_mobilite, libelle_type_mobilite``
mobility, 4.0      ``code_rome, code_rome_cible, numero_ordre``
card content, 4.0  texts, skills, cœur de métier, labels, work contexts, RIASEC: the layouts of
                   :data:`carrieres.rome_cards.CONTENT_LAYOUTS`
other 4.0 tables   centres of interest, the two upper levels of the tree, block and rubric
                   names (:data:`UNUSED_LAYOUTS`): recognised, not read
=================  ==============================================================

Each card becomes a job (id: its code in lower case; ``code``: the ROME code;
family: the ROME *grand domaine*, sub-family: the *domaine professionnel*;
for 4.0, ``parent``: the card it derives from, and as ``attributes`` the
flags of :data:`CARD_ATTRIBUTES`, ``True`` for ``O``, ``False`` for ``N``,
absent when the cell is empty),
its appellations become aliases, and each mobility row becomes a link of the
source card: kind ``proche`` or ``evolution`` (v3) or ``mobilite`` with its
``rank`` (4.0); a row between two appellations keeps them in its text. The
*Accès au métier* of a 4.0 card is read into the job's prerequisites
(:func:`carrieres.prerequisites.read_access`), and :func:`read_rome` also
returns the content of every card (:mod:`carrieres.rome_cards`); a content
file that is missing leaves out what it holds, and the import says which.

Credit: France Travail — ROME (open data), version as read from the file names.

Examples
--------
>>> from carrieres import load_referentiel
>>> ref = load_referentiel("rome-v3")
>>> ref.job("I1401").title, ref.credit
('Maintenance informatique et bureautique', 'France Travail — ROME v3 (v344)')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from carrieres._i18n import N_, _
from carrieres.exceptions import ParseError
from carrieres.files import read_text
from carrieres.models import Alias, DocumentInfo, Family, Item, Job, JobSource, Reference, Referentiel
from carrieres.rome_cards import (
    CONTENT_LAYOUTS,
    CardTables,
    card_prerequisites,
    missing_layouts,
    read_card_library,
)
from carrieres.skills import CardLibrary
from carrieres.tables import csv_records

__all__ = ["CARD_ATTRIBUTES", "GRANDS_DOMAINES", "UNUSED_LAYOUTS", "RomeImport", "import_rome", "read_rome"]

GRANDS_DOMAINES = {
    "A": "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux",
    "B": "Arts et façonnage d'ouvrages d'art",
    "C": "Banque, assurance, immobilier",
    "D": "Commerce, vente et grande distribution",
    "E": "Communication, média et multimédia",
    "F": "Construction, bâtiment et travaux publics",
    "G": "Hôtellerie-restauration, tourisme, loisirs et animation",
    "H": "Industrie",
    "I": "Installation et maintenance",
    "J": "Santé",
    "K": "Services à la personne et à la collectivité",
    "L": "Spectacle",
    "M": "Support à l'entreprise",
    "N": "Transport et logistique",
}
"""The ROME's fourteen *grands domaines*, by the letter their codes start with."""

CARD_ATTRIBUTES = ("emploi_cadre", "emploi_reglemente", "transition_eco", "transition_num", "transition_demo")
"""The columns of a ROME 4.0 card kept as job attributes: a managerial job, a regulated one, and
its place in the ecological, digital and demographic transitions."""

_FLAGS = {"O": True, "N": False}

_LAYOUTS = {
    "cards-v3": {"code_rome", "code_fiche_em", "code_ogr", "libelle_rome"},
    "cards-v4": {"code_rome", "code_fiche_metier", "code_ogr", "libelle_rome", "code_rome_parent"},
    "appellations": {"code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome"},
    "mobility-v3": {"code_rome", "code_rome_cible", "code_type_mobilite", "libelle_type_mobilite"},
    "mobility-v4": {"code_rome", "code_rome_cible", "numero_ordre"},
    **CONTENT_LAYOUTS,
}
UNUSED_LAYOUTS: dict[str, set[str]] = {
    "interests": {"code_centre_interet", "libelle_centre_interet"},
    "domains": {"code_domaine_professionnel", "libelle_domaine_professionnel"},
    "grand-domains": {"code_grand_domaine", "libelle_grand_domaine"},
    "blocks": {"code_compo_bloc", "libelle_bloc"},
    "macro-riasec": {"code_ogr", "riasec_majeur", "riasec_mineur"},
}
"""Tables of the ROME 4.0 release that the import recognises but does not read: centres of
interest, the names of the two upper levels of the tree, of blocks and rubrics, the RIASEC
codes of macro-competences."""
_CODE = re.compile(r"^[A-N]\d{4}$")


@dataclass(frozen=True)
class _Table:
    path: Path
    layout: str
    rows: list[tuple[int, dict[str, str]]]


def _read(path: Path) -> _Table | None:
    """A ROME table, or None when the file's header is no ROME layout."""
    records = csv_records(read_text(path, N_("the ROME file")), ",", str(path))
    header = [name.strip() for name in next(records, (1, []))[1]]
    fits = [name for name, columns in _LAYOUTS.items() if columns <= set(header)]
    layout = max(fits, key=lambda name: len(_LAYOUTS[name]), default=None)
    if layout is None:
        unused = [name for name, columns in UNUSED_LAYOUTS.items() if columns <= set(header)]
        return _Table(path, unused[0], []) if unused else None
    rows = []
    for number, values in records:
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            msg = _("{count} columns where the header has {expected}").format(
                count=len(values), expected=len(header)
            )
            raise ParseError(msg, source=str(path), line=number)
        rows.append((number, dict(zip(header, (v.strip() for v in values), strict=True))))
    return _Table(path, layout, rows)


def _version(tables: Sequence[_Table]) -> str:
    found = {m[1] for t in tables if (m := re.search(r"_v(\d+)", t.path.name))}
    return ", ".join(f"v{v}" for v in sorted(found))


@dataclass(frozen=True)
class RomeImport:
    """What a ROME folder holds: the référentiel, the content of its cards (4.0; empty for v3),
    and the content files that were missing, each with what it leaves out (an ``N_`` phrase)."""

    referentiel: Referentiel
    library: CardLibrary
    missing: list[tuple[str, str]]


def import_rome(folder: str | Path, *, name: str | None = None, skip_unknown: bool = False) -> Referentiel:
    """Read a folder of ROME CSV files (v3 or 4.0) into a référentiel (see :func:`read_rome`).

    Raises
    ------
    ParseError
        As :func:`read_rome`.
    """
    return read_rome(folder, name=name, skip_unknown=skip_unknown).referentiel


def read_rome(folder: str | Path, *, name: str | None = None, skip_unknown: bool = False) -> RomeImport:
    """Read a folder of ROME CSV files (v3 or 4.0): the référentiel and the content of its cards.

    Every CSV file of the folder must be a ROME table, so that none is
    silently left out (a renamed column would drop all the links); with
    ``skip_unknown``, the others are passed over.

    Raises
    ------
    ParseError
        The folder holds no ROME card file, or a CSV file that is no ROME table
        (unless ``skip_unknown``), a file is not text or has a row of the wrong
        width, a code is malformed or appears twice, a link names an
        unknown card, or an access text states an impossible value; the
        message names the file and line.
    """
    folder = Path(folder)
    if not folder.is_dir():
        msg = _("not a folder of ROME CSV files")
        raise ParseError(msg, source=str(folder))
    tables = []
    for path in sorted(folder.glob("*.csv")):
        table = _read(path)
        if table is None and not skip_unknown:
            msg = (
                "not a ROME table: its header holds none of the layouts this import knows; "
                "remove the file or pass `skip_unknown` to leave it out"
            )
            raise ParseError(msg, source=str(path), line=1)
        if table is not None and table.layout not in UNUSED_LAYOUTS:
            tables.append(table)
    cards = [t for t in tables if t.layout.startswith("cards")]
    if not cards:
        expected = ", ".join(sorted(_LAYOUTS["cards-v3"]))
        msg = (
            f"no ROME card file here: expected a CSV file whose header holds {expected} (or the 4.0 columns)"
        )
        raise ParseError(msg, source=str(folder))
    generation = "4.0" if cards[0].layout == "cards-v4" else "v3"
    jobs = _cards(cards[0])
    aliases: dict[str, list[Alias]] = {}
    appellation_names: dict[str, str] = {}
    for table in (t for t in tables if t.layout == "appellations"):
        for line, row in table.rows:
            card = row["code_rome"].lower()
            _known(card, jobs, table, line, "code_rome")
            appellation_names[row["code_ogr"]] = row["libelle_appellation_long"]
            aliases.setdefault(card, []).append(Alias(text=row["libelle_appellation_long"], line=line))
    links: dict[str, list[Reference]] = {}
    for table in (t for t in tables if t.layout.startswith("mobility")):
        for line, row in table.rows:
            source, target = row["code_rome"].lower(), row["code_rome_cible"].lower()
            _known(source, jobs, table, line, "code_rome")
            _known(target, jobs, table, line, "code_rome_cible")
            links.setdefault(source, []).append(_link(row, line, target, appellation_names))
    version = _version(tables)
    credit = f"France Travail — ROME {generation}" + (f" ({version})" if version else "")
    referentiel_name = name or ("rome-v3" if generation == "v3" else "rome-v4")
    content = CardTables(
        titles={job.code or "": job.title for job in jobs.values()} if generation == "4.0" else {},
        tables={t.layout: t.rows for t in tables if t.layout in CONTENT_LAYOUTS},
        version=version,
        credit=credit,
        source=_texts(tables),
    )
    appellations = {
        job.code: [alias.text for alias in aliases.get(job.id, [])] for job in jobs.values() if job.code
    }
    library = read_card_library(content).with_names(appellations)
    missing = missing_layouts(content.tables) if generation == "4.0" else []
    digest = hashlib.sha256()
    for table in tables:
        digest.update(table.path.read_bytes())
    referentiel = Referentiel(
        name=referentiel_name,
        source=f"rome-{generation}",
        version=version,
        credit=credit,
        document=DocumentInfo(
            title=credit,
            file=cards[0].path.name,
            sha256=digest.hexdigest(),
            lines=sum(len(t.rows) + 1 for t in tables),
        ),
        families=_families(jobs),
        cards="rome-v4" if library.cards else "",
        jobs=[
            job.replace(
                aliases=aliases.get(job.id, []),
                proximity=links.get(job.id, []),
                prerequisites=card_prerequisites(library, job.code or "", "rome-v4", source=content.source),
            )
            for job in jobs.values()
        ],
    )
    return RomeImport(referentiel, library, missing)


def _texts(tables: Sequence[_Table]) -> str:
    """The file the access texts come from, named in an error."""
    return next((str(t.path) for t in tables if t.layout == "texts"), "")


def _known(card: str, jobs: dict[str, Job], table: _Table, line: int, column: str) -> None:
    if card not in jobs:
        msg = _("column {column}: {card} is no card of the card file").format(
            column=column, card=repr(card.upper())
        )
        raise ParseError(msg, source=str(table.path), line=line)


def _cards(table: _Table) -> dict[str, Job]:
    jobs: dict[str, Job] = {}
    for line, row in table.rows:
        code = row["code_rome"]
        if not _CODE.match(code):
            msg = _("column code_rome: {code} is not a ROME code (a letter A to N and four digits)")
            msg = msg.format(code=repr(code))
            raise ParseError(msg, source=str(table.path), line=line)
        if code.lower() in jobs:
            msg = _("column code_rome: {code} appears twice").format(code=repr(code))
            raise ParseError(msg, source=str(table.path), line=line)
        jobs[code.lower()] = Job(
            id=code.lower(),
            title=row["libelle_rome"],
            code=code,
            parent=row.get("code_rome_parent") or None,
            family=GRANDS_DOMAINES.get(code[0], code[0]),
            subfamily=code[:3],
            source=JobSource(list_entry=Item(text=row["libelle_rome"], line=line)),
            attributes={
                column: _FLAGS.get(row[column], row[column])
                for column in CARD_ATTRIBUTES
                if row.get(column, "").strip()
            },
        )
    return jobs


def _link(row: dict[str, str], line: int, target: str, appellations: dict[str, str]) -> Reference:
    if "numero_ordre" in row:
        rank = int(row["numero_ordre"]) if row["numero_ordre"].isdigit() else None
        return Reference(
            text=f"mobilité n° {row['numero_ordre']}", line=line, ids=[target], kind="mobilite", rank=rank
        )
    kind = row["libelle_type_mobilite"]
    source_name = appellations.get(row.get("code_appellation_source", ""), "")
    target_name = appellations.get(row.get("code_appellation_cible", ""), "")
    names = " → ".join(name for name in (source_name, target_name) if name)
    text = f"{kind}: {names}" if names else kind
    return Reference(text=text, line=line, ids=[target], kind=kind.lower().replace("é", "e"))


def _families(jobs: dict[str, Job]) -> list[Family]:
    families: dict[str, Family] = {}
    for job in jobs.values():
        name, subfamily = job.family or "", job.subfamily or ""
        line = job.source.list_entry.line if job.source.list_entry else 1
        family = families.setdefault(name, Family(name=name, line=line))
        if subfamily not in [s.text for s in family.subfamilies]:
            subfamilies = [*family.subfamilies, Item(text=subfamily, line=line)]
            families[name] = family.replace(**{"subfamilies": subfamilies})
    return list(families.values())
