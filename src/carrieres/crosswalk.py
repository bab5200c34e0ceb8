"""The crosswalk: each job of a référentiel joined to the ROME card that stands for it.

:func:`match_cards` finds, for every job, the card of a ROME référentiel
(v3 or 4.0, see :mod:`carrieres.rome`) whose names best match the job's names.
Names are compared as sets of content words (accents, case, plural and stop
words do not count; ``Technicien / Technicienne`` stands for both forms):

1. a whole name of the job (its title, or one of the fiche's other names) that
   is a whole name of a card (its title or one of its *appellations*) scores 1;
   a card name cut of its trailing explanation (``Analyste SOC`` for ``Analyste
   SOC (Security Operations Center)``) counts :data:`SHORTENED_WEIGHT` as much;
2. otherwise the names score by the words they share, each word weighted by how
   rare it is among the ROME's names, so that ``sécurité`` counts for more
   than ``technicien``: the mean of the share of the job name's words the
   card name holds and of the weighted Jaccard index of the two names. Words
   that the cards of the référentiel's own domains add to their titles as a
   qualifier (``informatique`` for IT jobs) cost nothing when the job's name
   lacks them, and the words that name a head (*directeur*, *responsable*,
   *chef*, *manager*) stand half for one another;
3. a fiche's other names (aliases) count :data:`ALIAS_WEIGHT` as much as its
   title;
4. a domain prior favours the *domaines professionnels* (``M18``) and *grands
   domaines* (``M``) where the référentiel's other jobs land, and, for jobs
   whose fiches give the same old 5-digit ROME code, where those siblings
   land: an IT référentiel lands in IT, not in cinema or food.

A card's score, from 0 to 1, is its best name's score, plus how well all the
job's names match its domain (:data:`OWN_DOMAIN_WEIGHT`) and the domain prior
(:data:`PRIOR_WEIGHT`); among equal scores, a card whose title matched, then
the lower code. A job whose best card scores below ``min_score`` gets none.

:func:`lift_moves` then lifts the ROME's links between cards into moves
between jobs (see :func:`lift_moves` for the rule), and :func:`make_crosswalk`
keeps both in a :class:`~carrieres.models.Crosswalk`, with a person's review
where there is one.

Examples
--------
>>> from carrieres import load_referentiel
>>> rows = match_cards(load_referentiel(), load_referentiel("rome-v4"))
>>> row = next(r for r in rows if r.id == "technicien-de-maintenance")
>>> row.code, row.card, row.how
('I1401', 'Technicien / Technicienne de maintenance en informatique', 'appellation')
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from carrieres._i18n import N_, _
from carrieres._text import tokens
from carrieres.exceptions import ParseError, RequestError
from carrieres.files import parse_json, read_text, validation_message
from carrieres.models import Card, CardMatch, CardMove, Crosswalk, Job, Referentiel
from carrieres.names import name_forms

__all__ = [
    "ALIAS_WEIGHT",
    "MIN_SCORE",
    "OWN_DOMAIN_WEIGHT",
    "PRIOR_WEIGHT",
    "crosswalk",
    "crosswalk_target",
    "lift_moves",
    "make_crosswalk",
    "match_cards",
    "read_review",
]

MIN_SCORE = 0.4
"""Below this score a job gets no card."""

PRIOR_WEIGHT = 0.3
"""The share of the référentiel's domain prior in a card's score."""

OWN_DOMAIN_WEIGHT = 0.1
"""The share of how well all the job's names match the card's domain (the rest is the best name's)."""

ALIAS_WEIGHT = 0.8
"""How much a match on one of the fiche's other names counts, against one on its title."""

SHORTENED_WEIGHT = 0.95
"""How much a card name counts without its trailing explanation, against the name as the ROME writes it."""


@dataclass(frozen=True)
class _Name:
    text: str
    words: frozenset[str]
    shortened: bool = False
    """A form cut from a longer name: it counts :data:`SHORTENED_WEIGHT` as much."""


@dataclass(frozen=True)
class _Candidate:
    code: str
    names: float
    job_name: str
    card_name: str
    alias: bool
    title: bool
    """Whether the card name matched is the card's title (its main name)."""


def crosswalk_target(referentiel: Referentiel, rome: Referentiel) -> None:
    """Check that a crosswalk from ``referentiel`` to ``rome`` makes sense.

    Raises
    ------
    RequestError
        ``rome`` is no ROME référentiel, or ``referentiel`` is one itself.
    """
    if not rome.source.startswith("rome"):
        msg = _(
            "the référentiel {name!r} is not a ROME référentiel (its source: {source}); a crosswalk "
            "joins jobs to ROME cards: give rome-v4 (or rome) or rome-v3"
        )
        raise RequestError(msg.format(name=rome.name, source=rome.source))
    if referentiel.source.startswith("rome"):
        msg = _("{name} is a ROME référentiel itself: it has no ROME counterpart to find")
        msg = msg.format(name=referentiel.name)
        raise RequestError(msg)


_EXPLANATION = re.compile(r"\s*(?:\([^()]*\)|-[A-Z]+-)\s*$")
"""A trailing explanation or acronym: ``Analyste SOC (Security Operations Center)``, ``DSI -DSI-``."""


def _forms(texts: Iterable[str]) -> list[_Name]:
    """Each name's forms (:func:`carrieres.names.name_forms`), also without a trailing explanation."""
    forms = dict.fromkeys(form for text in texts for form in name_forms(text) if " / " not in form)
    shortened = [
        short for form in forms if (short := _EXPLANATION.sub("", form)) != form and short not in forms
    ]
    return [
        _Name(form, frozenset(tokens(form)), shortened=cut)
        for form, cut in [
            *((form, False) for form in forms),
            *((form, True) for form in dict.fromkeys(shortened)),
        ]
        if tokens(form)
    ]


def _job_names(job: Job) -> list[tuple[_Name, bool]]:
    """The job's names, each with whether it is one of the fiche's other names (an alias)."""
    titles = _forms([job.title, *job.source.title_forms()])
    title_words = {name.words for name in titles}
    aliases = [n for n in _forms(alias.text for alias in job.aliases) if n.words not in title_words]
    return [(name, False) for name in titles] + [(name, True) for name in aliases]


_LEADERSHIP = frozenset({"chef", "cheffe", "directeur", "directrice", "dirigeant", "manager", "responsable"})
"""Words that name the head of something: a title written with one stands close to one written with
another (*Directeur de production*, *Responsable de la production*)."""


class _CardIndex:
    """The names of a ROME référentiel's cards, indexed by word, with each word's weight.

    ``context`` holds the words that the cards of the référentiel's own domains
    add to its jobs' titles as a qualifier (``informatique`` for IT jobs): a
    card name that has one more of them than the job's title loses nothing.
    """

    CONTEXT_SHARE = 0.1
    """A context word is in at least this share of the names of the référentiel's domains …"""
    CONTEXT_CONCENTRATION = 0.5
    """… and at least this share of its uses are there."""

    def __init__(self, rome: Referentiel) -> None:
        self.cards = {card.code or card.id.upper(): card for card in rome.jobs}
        self.names: dict[str, list[_Name]] = {
            code: _forms([card.title, *(alias.text for alias in card.aliases)])
            for code, card in self.cards.items()
        }
        self.titles = {
            code: {name.words for name in _forms([card.title])} for code, card in self.cards.items()
        }
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for code, names in self.names.items():
            for name in names:
                for word in name.words:
                    self.by_word[word].add(code)
        self.counts = Counter(word for names in self.names.values() for name in names for word in name.words)
        total = sum(len(names) for names in self.names.values())
        self.weight = {word: math.log(1 + total / count) for word, count in self.counts.items()}
        self.unseen = math.log(1 + total)
        self.context: frozenset[str] = frozenset()

    def set_context(self, domains: Iterable[str]) -> None:
        """Learn the context words of the cards of these *domaines professionnels*."""
        chosen = set(domains)
        names = [name for code, names in self.names.items() if _domain(code) in chosen for name in names]
        inside = Counter(word for name in names for word in name.words)
        self.context = frozenset(
            word
            for word, count in inside.items()
            if count >= self.CONTEXT_SHARE * len(names)
            and count >= self.CONTEXT_CONCENTRATION * self.counts[word]
        )

    def _weight(self, words: Iterable[str]) -> float:
        return sum(self.weight.get(word, self.unseen) for word in sorted(words))

    def similarity(self, words: frozenset[str], card_words: frozenset[str]) -> float:
        """How well a card name matches a job name, from 0 to 1 (see the module docstring)."""
        common = words & card_words
        shared = self._weight(common)
        extra = card_words - words - self.context
        missing = words - common
        if missing & _LEADERSHIP and extra & _LEADERSHIP:
            head = next(iter(sorted(missing & _LEADERSHIP)))
            shared += self._weight([head]) / 2
            extra = extra - _LEADERSHIP
        if not shared:
            return 0.0
        return (shared / self._weight(words) + shared / (self._weight(words) + self._weight(extra))) / 2

    def candidates(self, job: Job) -> tuple[dict[str, _Candidate], dict[str, float]]:
        """Every card sharing a word with one of the job's names, with its best name score; and
        how well the job's names, on average, match each *domaine professionnel*."""
        best: dict[str, _Candidate] = {}
        names = _job_names(job)
        support: dict[str, float] = defaultdict(float)
        for name, alias in names:
            own: dict[str, float] = {}
            codes = set().union(*(self.by_word.get(word, set()) for word in name.words))
            for code in codes:
                for card_name in self.names[code]:
                    score = self.similarity(name.words, card_name.words)
                    if not score:
                        continue
                    score *= (ALIAS_WEIGHT if alias else 1.0) * (
                        SHORTENED_WEIGHT if card_name.shortened else 1.0
                    )
                    own[_domain(code)] = max(own.get(_domain(code), 0.0), score)
                    title = card_name.words in self.titles[code]
                    found = best.get(code)
                    if found is None or (score, not alias, title) > (
                        found.names,
                        not found.alias,
                        found.title,
                    ):
                        best[code] = _Candidate(code, score, name.text, card_name.text, alias, title)
            for domain, value in own.items():
                support[domain] += value
        return best, {domain: total / len(names) for domain, total in support.items()}


def _domain(code: str) -> str:
    return code[:3]


class _Prior:
    """Where the other jobs of the référentiel fall.

    Each job votes for the domain its names match best (shared between
    domains within ``TOP_SHARE`` of the best). A domain's prior, for one
    job, is the votes of the *other* jobs, full from ``FULL_VOTES`` votes:
    a domain where the référentiel has some presence counts as much as its
    main one, and a job's own leaning does not vote for itself.
    """

    TOP_SHARE = 0.9
    FULL_VOTES = 2.0

    def __init__(self, support: dict[str, dict[str, float]], siblings: dict[str, list[str]]) -> None:
        self.support = support
        self.votes = {job_id: self._vote(own) for job_id, own in support.items()}
        self.domains: dict[str, float] = defaultdict(float)
        self.letters: dict[str, float] = defaultdict(float)
        for vote in self.votes.values():
            for domain, value in vote.items():
                self.domains[domain] += value
            for letter, value in self._letters(vote).items():
                self.letters[letter] += value
        self.siblings = siblings

    def main_domains(self) -> list[str]:
        """The domains with full votes: where the référentiel is."""
        return [domain for domain, votes in self.domains.items() if votes >= self.FULL_VOTES]

    @classmethod
    def _vote(cls, own: dict[str, float]) -> dict[str, float]:
        top = max(own.values(), default=0.0)
        chosen = [domain for domain, value in own.items() if top and value >= cls.TOP_SHARE * top]
        return {domain: 1 / len(chosen) for domain in chosen}

    @staticmethod
    def _letters(vote: dict[str, float]) -> dict[str, float]:
        letters: dict[str, float] = defaultdict(float)
        for domain, value in vote.items():
            letters[domain[0]] += value
        return letters

    def score(self, job_id: str, candidate: _Candidate) -> float:
        """The candidate's score: its names', the job's names' in its domain, and the prior of its domain."""
        domain = _domain(candidate.code)
        vote = self.votes[job_id]
        others = [
            self.domains[domain] - vote.get(domain, 0.0),
            self.letters[domain[0]] - self._letters(vote)[domain[0]],
        ]
        siblings = self.siblings.get(job_id)
        if siblings:
            others.append(self.FULL_VOTES * sum(self.votes[o].get(domain, 0.0) for o in siblings))
        prior = sum(min(1.0, value / self.FULL_VOTES) for value in others) / len(others)
        own = self.support[job_id].get(domain, 0.0)
        names = (1 - PRIOR_WEIGHT - OWN_DOMAIN_WEIGHT) * candidate.names
        return names + OWN_DOMAIN_WEIGHT * own + PRIOR_WEIGHT * prior


def match_cards(
    referentiel: Referentiel, rome: Referentiel, *, min_score: float = MIN_SCORE
) -> list[CardMatch]:
    """The best card of ``rome`` for each job of ``referentiel``, in the référentiel's order.

    Parameters
    ----------
    referentiel
        The jobs to place (their titles, aliases and old ROME codes are read).
    rome
        A ROME référentiel (``load_referentiel("rome-v4")``).
    min_score
        The lowest score a card may have to be chosen, in (0, 1].

    Returns
    -------
    list of CardMatch
        One row per job; ``code`` is ``None`` where no card scores enough.

    Raises
    ------
    RequestError
        ``rome`` is not a ROME référentiel, ``referentiel`` is one, or
        ``min_score`` is outside (0, 1].

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> rows = match_cards(load_referentiel(), load_referentiel("rome-v4"))
    >>> next(r for r in rows if r.id == "administrateur-de-site").evidence[0]
    '«Administrateur de site» ~ «Administrateur de site Web»'
    """
    crosswalk_target(referentiel, rome)
    if not 0 < min_score <= 1:
        msg = _("the minimum score must be in (0, 1] (got {score})").format(score=min_score)
        raise RequestError(msg)
    index = _CardIndex(rome)
    siblings = _siblings(referentiel)
    found, support = {}, {}
    for job in referentiel.jobs:
        found[job.id], support[job.id] = index.candidates(job)
    index.set_context(_Prior(support, siblings).main_domains())
    for job in referentiel.jobs:
        found[job.id], support[job.id] = index.candidates(job)
    prior = _Prior(support, siblings)
    rows = []
    for job in referentiel.jobs:
        scored = [(prior.score(job.id, c), c) for c in found[job.id].values()]
        if not scored or max(score for score, _ in scored) < min_score:
            rows.append(
                CardMatch(
                    id=job.id, title=job.title, code=None, card=None, score=0.0, how="none", evidence=[]
                )
            )
            continue
        score, best = max(
            scored, key=lambda item: (round(item[0], 9), item[1].title, _lower_first(item[1].code))
        )
        rows.append(_row(job, best, score, index, prior, siblings.get(job.id, ())))
    return rows


def _lower_first(code: str) -> str:
    """A key under which ``max`` prefers the lower of two codes."""
    return "".join(chr(255 - ord(c)) for c in code)


def _siblings(referentiel: Referentiel) -> dict[str, list[str]]:
    """For each job, the other jobs whose fiches give one of its old ROME codes."""
    by_code: dict[str, list[str]] = defaultdict(list)
    for job in referentiel.jobs:
        for item in job.rome_codes:
            by_code[item.text.strip()].append(job.id)
    return {
        job.id: [o for item in job.rome_codes for o in by_code[item.text.strip()] if o != job.id]
        for job in referentiel.jobs
        if job.rome_codes
    }


def _row(
    job: Job, best: _Candidate, score: float, index: _CardIndex, prior: _Prior, siblings: Sequence[str]
) -> CardMatch:
    whole = best.names >= (ALIAS_WEIGHT if best.alias else 1.0) - 1e-9
    how: Literal["appellation", "fiche alias", "title words"] = (
        ("fiche alias" if best.alias else "appellation") if whole else "title words"
    )
    evidence = [f"«{best.job_name}» ~ «{best.card_name}»"]
    if any(_domain(best.code) in prior.votes[other] for other in siblings):
        codes = ", ".join(sorted({i.text for i in job.rome_codes}))
        evidence.append(f"old ROME code {codes}, shared with {', '.join(siblings)}")
    card = index.cards[best.code]
    return CardMatch(
        id=job.id,
        title=job.title,
        code=best.code,
        card=card.title,
        score=round(score, 3),
        how=how,
        evidence=evidence,
        matcher_code=best.code,
    )


def lift_moves(referentiel: Referentiel, rome: Referentiel, rows: Sequence[CardMatch]) -> list[CardMove]:
    """The moves between jobs that the ROME's links between their cards give.

    The rule: ``A → B`` when the ROME links ``A``'s card to ``B``'s card; and
    where it does not, when it links the card's *parent* (ROME 4.0's
    ``code_rome_parent``, the broader card a newer one derives from) to ``B``'s
    card or its parent. Two jobs that share a card, or whose cards share a
    parent, are not linked by that fact alone. Only the moves between two
    jobs of the référentiel are kept; each carries the ROME link behind it.
    """
    cards = {card.code or card.id.upper(): card for card in rome.jobs}
    links: dict[tuple[str, str], tuple[str, int | None]] = {}
    for card in rome.jobs:
        for reference in card.proximity:
            for other in reference.ids:
                pair = (card.code or card.id.upper(), other.upper())
                links.setdefault(pair, (reference.kind, reference.rank))
    placed = {row.id: row.code for row in rows if row.code is not None}

    def parent(code: str) -> str:
        return cards[code].parent or code

    def as_card(code: str) -> Card:
        return Card(code=code, title=cards[code].title)

    moves = []
    for source in referentiel.jobs:
        for target in referentiel.jobs:
            a, b = placed.get(source.id), placed.get(target.id)
            if a is None or b is None or source.id == target.id or a == b:
                continue
            tries = dict.fromkeys([(a, b), *((x, y) for x in (a, parent(a)) for y in (b, parent(b)))])
            for x, y in tries:
                if x != y and (x, y) in links:
                    kind, rank = links[x, y]
                    moves.append(
                        CardMove(
                            source=source.id,
                            target=target.id,
                            source_card=as_card(a),
                            target_card=as_card(b),
                            link_from=as_card(x),
                            link_to=as_card(y),
                            kind=kind,
                            rank=rank,
                            through="card" if (x, y) == (a, b) else "parent",
                        )
                    )
                    break
    return moves


def read_review(path: str | Path, target: str) -> Crosswalk:
    """A reviewed crosswalk from a JSON file: a crosswalk as ``carrieres crosswalk -o`` writes it,
    or its rows as ``carrieres crosswalk --format json`` prints them.

    Raises
    ------
    ParseError
        The file cannot be read or holds neither.
    """
    from pydantic import TypeAdapter, ValidationError  # noqa: PLC0415 - only reviews written elsewhere

    parsed = parse_json(read_text(path, N_("the review")), path)
    try:
        if isinstance(parsed, list):
            rows = TypeAdapter(list[CardMatch]).validate_python(parsed)
            return Crosswalk(target=target, credit="", rows=rows)
        return Crosswalk.validate(parsed)
    except ValidationError as err:
        template = N_("not a crosswalk or a list of its rows ({count} errors; first at {where}: {message})")
        raise ParseError(validation_message(err, template), source=str(path)) from None
    except ValueError as err:  # a row's own check
        msg = _("not a crosswalk or a list of its rows ({reason})").format(reason=err)
        raise ParseError(msg, source=str(path)) from None


def crosswalk(
    referentiel: Referentiel,
    rome: Referentiel,
    *,
    review: Crosswalk | None = None,
    fresh: bool = False,
    moves: bool = True,
) -> Crosswalk:
    """The crosswalk from ``referentiel`` to ``rome``: the one it carries (reviewed), or a new one.

    Parameters
    ----------
    referentiel, rome
        The jobs to place, and the ROME référentiel whose cards they go to.
    review
        A person's choices, which replace the matcher's where they differ.
    fresh
        Run the matcher even when the référentiel carries a crosswalk.
    moves
        Lift the ROME's links into moves (:func:`lift_moves`).

    Raises
    ------
    RequestError
        As :func:`match_cards`.

    Examples
    --------
    >>> from carrieres import load_referentiel
    >>> shipped = crosswalk(load_referentiel(), load_referentiel("rome"))
    >>> row = shipped.row("ingenieur-securite")
    >>> row.code, row.card
    ('M1819', 'Ingénieur / Ingénieure sécurité informatique')
    """
    crosswalk_target(referentiel, rome)
    carried = referentiel.crosswalk(rome.name)
    if carried is not None and review is None and not fresh:
        return carried
    return make_crosswalk(referentiel, rome, reviewed=review, moves=moves)


def make_crosswalk(
    referentiel: Referentiel, rome: Referentiel, *, reviewed: Crosswalk | None = None, moves: bool = True
) -> Crosswalk:
    """The crosswalk from ``referentiel`` to ``rome``: the matcher's rows, a review's where given, and moves.

    A reviewed row keeps the reviewer's card and note, and records what the
    matcher finds now in ``matcher_code``; rows of jobs the review does not
    name are the matcher's.

    Raises
    ------
    RequestError
        As :func:`match_cards`; or the review names a job the référentiel does not have, or a card
        ``rome`` does not have (each such row named, up to five).
    """
    review = {row.id: row for row in reviewed.rows} if reviewed is not None else {}
    codes = {job.code for job in rome.jobs if job.code}
    ids = {job.id for job in referentiel.jobs}
    wrong = [
        f"{row.id} → {row.code}"
        for row in review.values()
        if row.id not in ids or (row.code and row.code not in codes)
    ]
    if wrong:
        msg = _("the review names jobs or cards that {rome} and this référentiel do not have: {rows}").format(
            rome=rome.name, rows=", ".join(wrong[:5]) + (" …" if len(wrong) > 5 else "")
        )
        raise RequestError(msg)
    matched = match_cards(referentiel, rome)
    rows = []
    for row in matched:
        person = review.get(row.id)
        if person is None:
            rows.append(row)
        elif person.code == row.code:
            rows.append(row.replace(note=person.note))
        else:
            rows.append(person.replace(matcher_code=row.code, how="reviewed", title=row.title))
    return Crosswalk(
        target=rome.name,
        credit=rome.credit,
        rows=rows,
        moves=lift_moves(referentiel, rome, rows) if moves else [],
    )
