"""What a ROME card says of its job beyond its name: definition, access, skills, work contexts.

France Travail's ROME 4.0 lists, for every card, its *savoir-faire* (each under
a macro-competence, in a category: Technique, Technique expert, Transverse),
its *savoirs* (knowledge, by category), its *savoir-être professionnels*, its
work contexts and its RIASEC code; the items that form the card's *cœur de
métier* are marked ``Principale``, emerging ones ``Émergente``. Every item has
a code (the *code OGR*) shared by all the cards that list it, so that two jobs
can be compared item by item.

A :class:`CardLibrary` holds the items once and, per card, the codes it lists;
:meth:`CardLibrary.card` builds the :class:`CardContent` of one card when it is
asked for. The library is read from the ROME files by :mod:`carrieres.rome_cards`.

Examples
--------
>>> library = CardLibrary.from_dict({
...     "version": "v460", "credit": "France Travail — ROME 4.0 (v460)",
...     "items": {"1": ["savoir_faire", "Coder", "Technique", "9"], "9": ["savoir_faire", "Développer", ""],
...               "2": ["knowledge", "Java", "Domaines d'expertise", "Langages informatiques"]},
...     "cards": {"M1805": {"title": "Développeur / Développeuse informatique",
...                         "skills": ["1", "2"], "core": ["1"]}}})
>>> card = library.card("M1805")
>>> [(s.text, s.core, s.macro) for s in card.savoir_faire], card.knowledge[0].category
([('Coder', True, 'Développer')], "Domaines d'expertise")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from carrieres._records import Record

__all__ = ["SKILL_KINDS", "CardContent", "CardLibrary", "Skill", "SkillKind", "WorkContext"]

SkillKind = Literal["savoir_faire", "knowledge", "behavioural"]

SKILL_KINDS: tuple[SkillKind, ...] = ("savoir_faire", "knowledge", "behavioural")
"""The three blocks of a card's skills: savoir-faire, savoirs, savoir-être professionnels."""


@dataclass(frozen=True, kw_only=True)
class Skill(Record):
    """A savoir-faire, a savoir or a savoir-être of a card (or a fiche's own line, without a code).

    ``core`` is true for the card's *cœur de métier* (``Principale``),
    ``emerging`` for an emerging skill (``Émergente``); ``category`` is the
    savoir-faire's category (Technique, Transverse…) or the savoir's,
    ``subcategory`` the finer one, ``macro`` the macro-competence a
    savoir-faire belongs to.
    """

    text: str
    code: str | None = None
    core: bool = False
    emerging: bool = False
    category: str = dataclasses.field(default="", metadata={"omit_default": True})
    subcategory: str = dataclasses.field(default="", metadata={"omit_default": True})
    macro: str = dataclasses.field(default="", metadata={"omit_default": True})


@dataclass(frozen=True, kw_only=True)
class WorkContext(Record):
    """A work context of a card (``Travail en équipe``), under its type (``Horaires et durée du travail``)."""

    text: str
    code: str
    type: str = ""


@dataclass(frozen=True, kw_only=True)
class CardContent(Record):
    """Everything a ROME card says of its job: the text a counsellor reads on the card, with codes.

    ``access`` is the *Accès au métier*, sentence by sentence;
    ``riasec`` the major then the minor RIASEC letter (``IC``), empty
    where the card has none.
    """

    code: str
    title: str
    version: str
    definition: list[str] = dataclasses.field(default_factory=list)
    access: list[str] = dataclasses.field(default_factory=list)
    riasec: str = ""
    savoir_faire: list[Skill] = dataclasses.field(default_factory=list)
    knowledge: list[Skill] = dataclasses.field(default_factory=list)
    behavioural: list[Skill] = dataclasses.field(default_factory=list)
    contexts: list[WorkContext] = dataclasses.field(default_factory=list)

    def skills(self, kind: SkillKind) -> list[Skill]:
        """The skills of one block: ``savoir_faire``, ``knowledge`` or ``behavioural``."""
        found: list[Skill] = getattr(self, kind)
        return found

    @property
    def core_skills(self) -> list[Skill]:
        """The skills of the card's *cœur de métier*, savoir-faire first."""
        return [skill for kind in SKILL_KINDS for skill in self.skills(kind) if skill.core]


@dataclass(frozen=True)
class CardLibrary:
    """The content of a set of ROME cards: each item once, and per card the codes it lists.

    ``items`` maps a code OGR to ``[kind, text, category, subcategory or
    macro-competence code]`` (kind: ``savoir_faire``, ``knowledge``,
    ``behavioural``, ``context``; a macro-competence is an item too, its
    savoir-faire name its code); ``cards`` maps a card code to
    its ``title``, ``definition``, ``access``, ``riasec``, ``skills`` and
    ``contexts`` (codes, in the card's order), ``core`` and ``emerging``
    (codes). This is also the shape of the shipped file.
    """

    version: str
    credit: str
    items: Mapping[str, list[str]]
    cards: Mapping[str, Mapping[str, Any]]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CardLibrary:
        """The library a shipped file holds (see the class docstring)."""
        return cls(data["version"], data["credit"], data["items"], data["cards"])

    def to_dict(self) -> dict[str, Any]:
        """The library as the shipped file holds it (keys sorted by the writer)."""
        return {"version": self.version, "credit": self.credit, "items": self.items, "cards": self.cards}

    def __contains__(self, code: object) -> bool:
        return code in self.cards

    def codes(self) -> list[str]:
        """The codes of the cards the library holds, in order."""
        return sorted(self.cards)

    def subset(self, codes: Iterable[str]) -> CardLibrary:
        """A library of these cards only, with the items they list."""
        cards = {code: self.cards[code] for code in sorted(set(codes)) if code in self.cards}
        used = {c for card in cards.values() for c in (*card.get("skills", ()), *card.get("contexts", ()))}
        macros = (self.items[c] for c in list(used))
        used |= {item[3] for item in macros if item[0] == "savoir_faire" and len(item) > 3}
        return CardLibrary(self.version, self.credit, {c: self.items[c] for c in sorted(used)}, cards)

    @cached_property
    def _cache(self) -> dict[str, CardContent]:
        return {}

    def card(self, code: str) -> CardContent | None:
        """The content of one card, ``None`` where the library does not hold it."""
        if code in self._cache:
            return self._cache[code]
        data = self.cards.get(code)
        if data is None:
            return None
        core, emerging = set(data.get("core", ())), set(data.get("emerging", ()))
        blocks: dict[str, list[Skill]] = {kind: [] for kind in SKILL_KINDS}
        for item in data.get("skills", ()):
            kind, text, *rest = self.items[item]
            blocks[kind].append(self._skill(item, kind, text, rest, core, emerging))
        contexts = [
            WorkContext(text=self.items[item][1], code=item, type=self.items[item][2])
            for item in data.get("contexts", ())
        ]
        content = CardContent(
            code=code,
            title=data["title"],
            version=self.credit.split(" — ", 1)[-1],
            definition=list(data.get("definition", ())),
            access=list(data.get("access", ())),
            riasec=data.get("riasec", ""),
            contexts=contexts,
            **blocks,
        )
        self._cache[code] = content
        return content

    def _skill(
        self, code: str, kind: str, text: str, rest: list[str], core: set[str], emerging: set[str]
    ) -> Skill:
        category = rest[0] if rest else ""
        macro = ""
        subcategory = ""
        if kind == "savoir_faire" and len(rest) > 1:
            macro = self.items.get(rest[1], ["", ""])[1]
        elif len(rest) > 1:
            subcategory = rest[1]
        return Skill(
            text=text,
            code=code,
            core=code in core,
            emerging=code in emerging,
            category=category,
            subcategory=subcategory,
            macro=macro,
        )
