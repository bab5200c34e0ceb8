"""The content of ROME 4.0 cards: read from France Travail's files, shipped compact, joined to jobs.

:func:`carrieres.rome.import_rome` hands this module the content tables of a
ROME 4.0 folder, recognised by their header (:data:`CONTENT_LAYOUTS`): the
free texts (definition, *Accès au métier*), what each card lists (skills, work
contexts), which of its items form the *cœur de métier*, the labels and
categories of savoir-faire, savoirs and work contexts, and the RIASEC codes.
:func:`read_card_library` turns them into a :class:`~carrieres.skills.CardLibrary`;
a file that is missing leaves out what it holds, and :func:`missing_layouts`
says which and what.

The shipped library (``data/rome-v4-cards.json``, rebuilt by ``make data``) is
loaded by :func:`carrieres.files.card_library` when a command first needs it.
:func:`card_code` finds a job's card: its own code in a ROME référentiel, else
the card its référentiel's reviewed crosswalk gives it. :func:`fill_from_cards`
gives every job the access values its own document leaves empty, read from
its card's *Accès au métier* (:func:`carrieres.prerequisites.read_access`),
each marked with where it comes from.

Examples
--------
>>> from carrieres import load_referentiel
>>> ref = load_referentiel()
>>> card_code(ref, ref.job("Développeur"))
'M1805'
>>> from carrieres.files import card_library
>>> content = card_library().card("M1805")
>>> content.title, sum(s.core for s in content.savoir_faire) > 0
('Développeur / Développeuse informatique', True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from carrieres._i18n import N_
from carrieres.models import Job, Prerequisites, Referentiel
from carrieres.skills import CardLibrary

__all__ = [
    "CONTENT_LAYOUTS",
    "CardTables",
    "card_code",
    "card_prerequisites",
    "fill",
    "fill_from_cards",
    "missing_layouts",
    "read_card_library",
    "with_readings",
]

CONTENT_LAYOUTS: dict[str, frozenset[str]] = {
    "texts": frozenset({"code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"}),
    "card-items": frozenset({"code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"}),
    "core": frozenset({"code_rome", "code_ogr", "coeur_metier"}),
    "competences": frozenset({"code_ogr", "libelle_competence", "code_ogr_macro_comp", "sous_cat_comp"}),
    "savoirs": frozenset({"code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir"}),
    "contexts": frozenset({"code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"}),
    "riasec": frozenset({"code_rome", "riasec_majeur", "riasec_mineur"}),
}
"""The headers of the ROME 4.0 content files (each file recognised by the columns it holds)."""

_LEFT_OUT = {
    "texts": N_("definitions and access texts (so no education or experience read from the cards)"),
    "card-items": N_("the skills and work contexts of each card"),
    "core": N_("which skills form each card's cœur de métier, and which are emerging"),
    "competences": N_("the savoir-faire's labels, categories and macro-competences"),
    "savoirs": N_("the savoirs' labels and categories"),
    "contexts": N_("the work contexts' labels and types"),
    "riasec": N_("the RIASEC codes"),
}
"""What each content file brings, said when it is missing."""

_BLOCK_SKILLS, _BLOCK_CONTEXTS = "5", "6"
_RUBRIQUES = {"1": "savoir_faire", "2": "behavioural", "3": "knowledge"}
_MARKS = {"principale": "core", "émergente": "emerging", "emergente": "emerging"}

Rows = Sequence[tuple[int, Mapping[str, str]]]


@dataclass(frozen=True)
class CardTables:
    """The content tables of a ROME 4.0 folder, by layout, and the cards' titles."""

    titles: Mapping[str, str]
    tables: Mapping[str, Rows]
    version: str
    credit: str
    source: str = ""
    """The file of the access texts, named in an error."""


def missing_layouts(found: Iterable[str]) -> list[tuple[str, str]]:
    """The content layouts not among ``found``, each with what it leaves out (an ``N_`` phrase)."""
    present = set(found)
    return [(layout, _LEFT_OUT[layout]) for layout in CONTENT_LAYOUTS if layout not in present]


def read_card_library(tables: CardTables) -> CardLibrary:
    """The library of every card named in ``tables.titles``, from the content tables found.

    Examples
    --------
    >>> tables = CardTables(
    ...     titles={"M1805": "Développeur / Développeuse informatique"},
    ...     tables={"card-items": [(2, {"code_rome": "M1805", "code_compo_bloc": "5",
    ...                                 "code_rubrique": "1", "code_ogr": "126535"})],
    ...             "competences": [(2, {"code_ogr": "126535", "libelle_competence": "Coder",
    ...                                  "code_ogr_macro_comp": "", "sous_cat_comp": "Technique"})]},
    ...     version="v460", credit="France Travail — ROME 4.0 (v460)")
    >>> library = read_card_library(tables)
    >>> [s.text for s in library.card("M1805").savoir_faire]
    ['Coder']
    """
    items = _items(tables.tables)
    cards: dict[str, dict[str, Any]] = {code: {"title": title} for code, title in tables.titles.items()}
    for _line, row in tables.tables.get("texts", ()):
        card = cards.get(row["code_rome"])
        key = {"definition": "definition", "acces_metier": "access"}.get(row["libelle_type_texte"])
        if card is not None and key is not None:
            card.setdefault(key, []).append(
                (_position(row["position_phrase"]), _unquote(row["libelle_texte"]))
            )
    for card in cards.values():
        for key in ("definition", "access"):
            if key in card:
                card[key] = [text for _, text in sorted(card[key])]
    _listed(cards, tables.tables.get("card-items", ()), items)
    for _line, row in tables.tables.get("core", ()):
        mark = _MARKS.get(row["coeur_metier"].strip().lower())
        card = cards.get(row["code_rome"])
        if mark and card is not None and row["code_ogr"] in card.get("skills", ()):
            card.setdefault(mark, []).append(row["code_ogr"])
    for _line, row in tables.tables.get("riasec", ()):
        if row["code_rome"] in cards and (letters := row["riasec_majeur"] + row["riasec_mineur"]):
            cards[row["code_rome"]]["riasec"] = letters
    for card in cards.values():
        for key in ("core", "emerging"):
            if key in card:
                card[key] = sorted(set(card[key]))
    whole = CardLibrary(tables.version, tables.credit, items, cards).subset(cards)
    return dataclasses.replace(whole, counts={}, counted=0).with_nearest()  # counts: derived from all


def with_readings(library: CardLibrary, *, source: str = "") -> CardLibrary:
    """The library with each card's access reading stored beside its text (``prerequisites``), so
    that a référentiel filled from these cards loads without reading a sentence (the shipped
    library of a built-in référentiel's cards carries them; the library of all 1,584 does not:
    ``rome-v4`` carries its readings in its jobs).

    Raises
    ------
    ParseError
        An access text states an impossible value (see :func:`card_prerequisites`).
    """
    cards: dict[str, Mapping[str, Any]] = {}
    for code, card in library.cards.items():
        reading = read_card_access(card.get("access", ()), code, "rome-v4", source=source)
        extra = {"prerequisites": reading.to_dict()} if reading != Prerequisites() else {}
        cards[code] = {**card, **extra}
    return dataclasses.replace(library, cards=cards)


def _items(tables: Mapping[str, Rows]) -> dict[str, list[str]]:
    """Every item's kind, label and categories: ``[kind, text, category, subcategory or macro]``."""
    items: dict[str, list[str]] = {}
    for _line, row in tables.get("competences", ()):  # macro-competences are rows of it too
        code, macro = row["code_ogr"], row["code_ogr_macro_comp"].strip()
        kind = "behavioural" if "être" in row.get("cat_comp", "").lower() else "savoir_faire"
        items[code] = [kind, row["libelle_competence"], row["sous_cat_comp"], *([macro] if macro else [])]
    for _line, row in tables.get("savoirs", ()):
        items[row["code_ogr_savoir"]] = [
            "knowledge",
            row["libelle_savoir"],
            row["categorie_savoir"],
            row["sous_categorie_savoir"],
        ]
    for _line, row in tables.get("contexts", ()):
        items[row["code_ogr"]] = ["context", row["libelle_cont_travail"], row["libelle_type_cont_trav"]]
    return items


def _listed(cards: dict[str, dict[str, Any]], rows: Rows, items: dict[str, list[str]]) -> None:
    """Each card's skills and work contexts, in the order the file lists them; an item the
    label files lack keeps its code as its label, so that nothing a card lists is lost."""
    for _line, row in rows:
        card = cards.get(row["code_rome"])
        if card is None:
            continue
        code = row["code_ogr"]
        if row["code_compo_bloc"] == _BLOCK_SKILLS and row["code_rubrique"] in _RUBRIQUES:
            kind = _RUBRIQUES[row["code_rubrique"]]
            if code not in items:
                items[code] = [kind, code, ""]
            elif items[code][0] != kind:  # the rubric a card lists it under says what it is
                items[code] = [kind, *items[code][1:]]
            card.setdefault("skills", []).append(code)
        elif row["code_compo_bloc"] == _BLOCK_CONTEXTS:
            items.setdefault(code, ["context", code, ""])
            card.setdefault("contexts", []).append(code)


def _position(text: str) -> int:
    return int(text) if text.strip().isdigit() else 0


def _unquote(text: str) -> str:
    """France Travail's texts double their apostrophes as SQL does (``l''analyse``), and some
    hold runs of spaces."""
    return " ".join(text.replace("''", "'").split())


def card_prerequisites(library: CardLibrary, code: str, target: str, *, source: str = "") -> Prerequisites:
    """The access values read from a card's *Accès au métier*, each marked as coming from it
    (``origins``: ``target:code``, as ``rome-v4:M1805``); empty where the card has no access text.

    A library written by :func:`with_readings` holds each card's reading
    already (``prerequisites``), so that a référentiel joined to its cards loads
    without reading sentences again.

    Raises
    ------
    ParseError
        The access text states an impossible value (more than 45 years, Bac+9); the
        message names ``source`` (default: ``target``), the card and the sentence.

    Examples
    --------
    >>> from carrieres.files import card_library
    >>> pre = card_prerequisites(card_library(), "M1805", "rome-v4")
    >>> pre.education_min, pre.education_max, pre.origins["education"]
    (2, 5, 'rome-v4:M1805')
    """
    card = library.cards.get(code)
    if card is None:
        return Prerequisites()
    if "prerequisites" in card and target == "rome-v4":
        return Prerequisites.from_dict(card["prerequisites"])
    return read_card_access(card.get("access", ()), code, target, source=source)


def read_card_access(access: Sequence[str], code: str, target: str, *, source: str = "") -> Prerequisites:
    """Read a card's access sentences (numbered from 1) into prerequisites marked with their origin."""
    if not access:
        return Prerequisites()
    from carrieres.prerequisites import read_access  # noqa: PLC0415 - 40 ms of patterns, read on demand

    lines = [(text, number) for number, text in enumerate(access, 1)]
    read = read_access(lines, source=f"{source or target} {code} (accès au métier)")
    origin = f"{target}:{code}"
    return read.replace(origins=dict.fromkeys(_values(read), origin))


def _values(pre: Prerequisites) -> list[str]:
    """The keys of the values a reading holds, as ``sources`` and ``origins`` name them."""
    keys = [key for key in pre.sources if key != "prior_roles"]
    if pre.credentials:
        keys.append("credentials")
    return sorted(set(keys))


def card_code(referentiel: Referentiel, job: Job, target: str = "rome-v4") -> str | None:
    """The ROME card of a job: its own code in a ROME 4.0 référentiel, else its crosswalk row's.

    ``None`` where the job has no card in ``target``.
    """
    if referentiel.source == "rome-4.0" and target == "rome-v4":
        return job.code
    crosswalk = referentiel.crosswalk(target)
    row = crosswalk.row(job.id) if crosswalk is not None else None
    return row.code if row is not None else None


_FILLED = {
    "education": ("education_min", "education_max"),
    "without_diploma": ("without_diploma",),
    "experience": (
        "experience_min_years",
        "experience_max_years",
        "experience_role",
        "experience_unquantified",
    ),
    "beginner_ok": ("beginner_ok",),
    "credentials": ("credentials",),
}
"""The access values a card can fill, by the key ``sources`` and ``origins`` name them, and the
fields of each."""


def _states(pre: Prerequisites, fields: Sequence[str]) -> bool:
    """Whether a reading states a value: any of its fields set (``False`` is a value too)."""
    return any(getattr(pre, name) not in (None, []) for name in fields)


def fill(own: Prerequisites, card: Prerequisites) -> Prerequisites:
    """``own`` with each access value it leaves empty taken from ``card``, with its sentence and origin.

    A value ``own`` states is kept as it is, whatever the card says.
    """
    changes: dict[str, Any] = {}
    sources, origins = dict(own.sources), dict(own.origins)
    for key, fields in _FILLED.items():
        if _states(own, fields) or not _states(card, fields):
            continue
        changes |= {name: getattr(card, name) for name in fields}
        if key in card.sources:
            sources[key] = card.sources[key]
        origins[key] = card.origins[key]
    if not changes:
        return own
    return own.replace(**changes, sources=sources, origins=origins)


def fill_from_cards(referentiel: Referentiel, library: CardLibrary, target: str = "rome-v4") -> Referentiel:
    """Every job with the access values its own document leaves empty, read from its card, and the
    names its card goes by (``card_names``: the ROME's appellations, where the library has them).

    A job keeps every value its fiche (or table) states; each value taken
    from the card says so in ``origins``. Jobs without a card stay as they are.

    Examples
    --------
    >>> from carrieres.files import card_library, load_referentiel
    >>> ref = load_referentiel(fiche_only=True)
    >>> job = fill_from_cards(ref, card_library()).job("Développeur")
    >>> job.prerequisites.education_min, job.prerequisites.origins["education"]
    (2, 'rome-v4:M1805')
    """
    jobs = []
    changed = False
    for job in referentiel.jobs:
        code = card_code(referentiel, job, target)
        if code is None or code not in library:
            jobs.append(job)
            continue
        filled = fill(job.prerequisites, card_prerequisites(library, code, target))
        names = [name for name in library.names(code) if name not in job.card_names]
        if filled is job.prerequisites and not names:
            jobs.append(job)
            continue
        changed = True
        jobs.append(job.replace(prerequisites=filled, card_names=[*job.card_names, *names]))
    return referentiel.replace(jobs=jobs) if changed else referentiel
