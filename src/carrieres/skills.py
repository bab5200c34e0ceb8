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
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from carrieres._records import Record, record

__all__ = [
    "COMPARED_KINDS",
    "CORE_WEIGHT",
    "SKILL_KINDS",
    "CardContent",
    "CardLibrary",
    "Skill",
    "SkillKind",
    "SkillOverlap",
    "WorkContext",
]

SkillKind = Literal["savoir_faire", "knowledge", "behavioural"]

SKILL_KINDS: tuple[SkillKind, ...] = ("savoir_faire", "knowledge", "behavioural")
"""The three blocks of a card's skills: savoir-faire, savoirs, savoir-être professionnels."""


@record
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


@record
class WorkContext(Record):
    """A work context of a card (``Travail en équipe``), under its type (``Horaires et durée du travail``)."""

    text: str
    code: str
    type: str = ""


@record
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


COMPARED_KINDS: tuple[SkillKind, ...] = ("savoir_faire", "knowledge")
"""The blocks two cards are compared on: savoir-faire and savoirs (savoir-être are qualities
most cards share, not what a move asks to learn)."""

CORE_WEIGHT = 2.0
"""How much more a skill of the target's *cœur de métier* counts than its other skills."""

NEAR_STORED = 10
"""How many nearest cards the library of all the ROME's cards stores for each card."""

NEAR_THRESHOLD = 0.1
"""The lowest share of skills a stored nearest card has."""


@dataclass(frozen=True)
class SkillOverlap:
    """How much of the target card's skills the source card lists (see :meth:`CardLibrary.overlaps`).

    ``score`` is the share (0 to 1) of the target's skills, each weighted by
    how specific it is and core ones :data:`CORE_WEIGHT` times, that the
    source lists too; ``shared`` counts the skills both list, ``core_shared``
    those of them in the target's *cœur de métier*, ``of`` and ``core_of``
    the target's skills and core skills.
    """

    source: str
    target: str
    score: float
    shared: int
    core_shared: int
    of: int
    core_of: int


def _nearest(found: Iterable[SkillOverlap], nearest: int) -> list[SkillOverlap]:
    """The ``nearest`` best pairs out of each card and into each card (ties by code), by source."""
    out: dict[str, list[SkillOverlap]] = defaultdict(list)
    into: dict[str, list[SkillOverlap]] = defaultdict(list)
    for overlap in found:
        out[overlap.source].append(overlap)
        into[overlap.target].append(overlap)
    kept = {
        (o.source, o.target): o
        for groups in (out, into)
        for group in groups.values()
        for o in sorted(group, key=lambda o: (-o.score, o.source, o.target))[:nearest]
    }
    return sorted(kept.values(), key=lambda o: (o.source, -o.score, o.target))


@dataclass(frozen=True)
class CardLibrary:
    """The content of a set of ROME cards: each item once, and per card the codes it lists.

    ``items`` maps a code OGR to ``[kind, text, category, subcategory or
    macro-competence code]`` (kind: ``savoir_faire``, ``knowledge``,
    ``behavioural``, ``context``; a macro-competence is an item too, its
    savoir-faire name its code); ``cards`` maps a card code to
    its ``title``, ``definition``, ``access``, ``riasec``, ``skills`` and
    ``contexts`` (codes, in the card's order), ``core`` and ``emerging``
    (codes), and ``near``: its nearest cards among the library's by shared
    skills (:meth:`with_nearest`), as ``[code, score, shared, core_shared, of,
    core_of]``. A library of some cards only keeps,
    in ``counts``, how many cards of the whole ROME list each of its skills
    (and, in ``counted``, how many cards there are), so that it weighs skills
    as the whole does. This is also the shape of the shipped file.
    """

    version: str
    credit: str
    items: Mapping[str, list[str]]
    cards: Mapping[str, Mapping[str, Any]]
    counts: Mapping[str, int] = dataclasses.field(default_factory=dict)
    counted: int = 0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CardLibrary:
        """The library a shipped file holds (see the class docstring)."""
        return cls(
            data["version"],
            data["credit"],
            data["items"],
            data["cards"],
            data.get("counts", {}),
            data.get("counted", 0),
        )

    def to_dict(self) -> dict[str, Any]:
        """The library as the shipped file holds it (keys sorted by the writer)."""
        data = {"version": self.version, "credit": self.credit, "items": self.items, "cards": self.cards}
        return data | ({"counts": self.counts, "counted": self.counted} if self.counts else {})

    @cached_property
    def _counts(self) -> tuple[Mapping[str, int], int]:
        """How many cards list each compared skill, and how many cards there are."""
        if self.counts:
            return self.counts, self.counted
        skills = (card.get("skills", ()) for card in self.cards.values())
        listed = Counter(itertools.chain.from_iterable(skills))
        counts = {code: count for code, count in listed.items() if self.items[code][0] in COMPARED_KINDS}
        return counts, len(self.cards)

    @cached_property
    def _weighed(self) -> dict[str, dict[str, float]]:
        """The cards whose skills :meth:`_weights` has weighed, by code (a route's search weighs
        the same cards again and again)."""
        return {}

    def _weights(self, code: str) -> dict[str, float]:
        """Each compared skill of a card and its weight: how specific it is (the log of how many
        cards there are over how many list it), :data:`CORE_WEIGHT` times for a core one."""
        weighed = self._weighed.get(code)
        if weighed is not None:
            return weighed
        counts, counted = self._counts
        card = self.cards[code]
        core = set(card.get("core", ()))
        weighed = self._weighed[code] = {
            item: math.log(counted / counts[item]) * (CORE_WEIGHT if item in core else 1.0)
            for item in card.get("skills", ())
            if item in counts
        }
        return weighed

    def share(self, source: str, target: str) -> float:
        """The share (0 to 1) of the target card's skills that the source card lists, weighted as
        in :meth:`overlaps`; 0 where either card is not in the library.

        Examples
        --------
        >>> from carrieres.files import card_library
        >>> round(card_library().share("M1805", "M1853"), 2), card_library().share("M1805", "X0000")
        (0.28, 0.0)
        """
        if source not in self.cards or target not in self.cards:
            return 0.0
        have, need = self._weights(source), self._weights(target)
        total = sum(need.values())
        return sum(weight for item, weight in need.items() if item in have) / total if total else 0.0

    def overlaps(self, codes: Iterable[str], *, nearest: int, threshold: float) -> list[SkillOverlap]:
        """The pairs of these cards whose skills overlap the most: each card's ``nearest`` targets
        (the cards whose skills it lists the most of) and its ``nearest`` sources (the cards that
        list the most of its skills), each with a score at least ``threshold``; by source, best
        first, then by target.

        Examples
        --------
        >>> from carrieres.files import card_library
        >>> near = card_library().overlaps(["M1805", "M1853", "M1803"], nearest=2, threshold=0.1)
        >>> [(o.source, o.target, round(o.score, 2), o.shared) for o in near]
        [('M1805', 'M1853', 0.28, 21), ('M1853', 'M1805', 0.33, 21)]
        """
        chosen = sorted(set(codes) & set(self.cards))
        whole = len(chosen) == len(self.cards) and all("near" in self.cards[code] for code in chosen)
        if whole and nearest <= NEAR_STORED and threshold >= NEAR_THRESHOLD:
            found = [SkillOverlap(code, *row) for code in chosen for row in self.cards[code]["near"]]
        else:
            found = self._compute(chosen)
        return _nearest([o for o in found if o.score >= threshold], nearest)

    def _compute(self, chosen: list[str]) -> list[SkillOverlap]:
        """Every pair of these cards that share a skill."""
        weights = {code: self._weights(code) for code in chosen}
        listing: dict[str, list[str]] = defaultdict(list)
        for code in chosen:
            for item in weights[code]:
                listing[item].append(code)
        found = []
        for target in chosen:
            need = weights[target]
            total = sum(need.values())
            if total <= 0:
                continue
            core = set(self.cards[target].get("core", ())) & set(need)
            shared: dict[str, list[str]] = defaultdict(list)
            for item in need:
                for source in listing[item]:
                    if source != target:
                        shared[source].append(item)
            for source, items in shared.items():
                score = round(sum(need[item] for item in items) / total, 6)
                core_shared = sum(item in core for item in items)
                found.append(
                    SkillOverlap(source, target, score, len(items), core_shared, len(need), len(core))
                )
        return found

    def with_nearest(self) -> CardLibrary:
        """The library with, for each card, the pairs :meth:`overlaps` keeps for :data:`NEAR_STORED`
        (its nearest targets and sources) stored under their source (``near``)."""
        near: dict[str, list[list[Any]]] = defaultdict(list)
        for o in _nearest([o for o in self._compute(self.codes()) if o.score >= NEAR_THRESHOLD], NEAR_STORED):
            near[o.source].append([o.target, o.score, o.shared, o.core_shared, o.of, o.core_of])
        cards = {code: {**card, "near": near[code]} for code, card in self.cards.items()}
        return dataclasses.replace(self, cards=cards)

    def with_names(self, names: Mapping[str, Iterable[str]]) -> CardLibrary:
        """The library with the names each card goes by (its appellations) stored under it (``names``)."""
        cards = {
            code: {**card, **({"names": list(names[code])} if names.get(code) else {})}
            for code, card in self.cards.items()
        }
        return dataclasses.replace(self, cards=cards)

    def names(self, code: str) -> list[str]:
        """The names a card goes by (the ROME's appellations), where the library stores them."""
        return list(self.cards.get(code, {}).get("names", ()))

    def __contains__(self, code: object) -> bool:
        return code in self.cards

    def codes(self) -> list[str]:
        """The codes of the cards the library holds, in order."""
        return sorted(self.cards)

    def subset(self, codes: Iterable[str]) -> CardLibrary:
        """A library of these cards only, with the items they list and how many cards of this
        library list each skill (their nearest cards, which may lie outside, are left out)."""
        cards = {
            code: {key: value for key, value in self.cards[code].items() if key != "near"}
            for code in sorted(set(codes))
            if code in self.cards
        }
        used = {c for card in cards.values() for c in (*card.get("skills", ()), *card.get("contexts", ()))}
        macros = (self.items[c] for c in list(used))
        used |= {item[3] for item in macros if item[0] == "savoir_faire" and len(item) > 3}
        counts, counted = self._counts
        kept = {c: counts[c] for c in sorted(used) if c in counts}
        return CardLibrary(
            self.version, self.credit, {c: self.items[c] for c in sorted(used)}, cards, kept, counted
        )

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
