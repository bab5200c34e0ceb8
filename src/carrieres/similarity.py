"""How close two fiches are, from their text: an inferred link, never the référentiel's own.

Each fiche is reduced to a set of *terms*: the words of its knowledge,
savoir-faire and activities, folded (no accents, lower case), without French
stop words, lightly stemmed (``réseaux`` → ``reseau``, ``sécurité`` →
``secur``, ``administrer``/``administration`` → ``administr``). Two fiches
are as similar as the share of terms they have in common (Jaccard index:
shared terms ÷ all their terms). Jobs without a fiche have no terms.

Examples
--------
>>> from carrieres import load_referentiel
>>> ref = load_referentiel()
>>> links = similar_pairs(ref, threshold=0.2)
>>> first = links[0]
>>> first.source, first.target, round(first.score, 2)
('technicien-de-maintenance', 'support-technique', 0.27)
>>> first.shared[:4]
('architecture', 'bases', 'configurer', 'diagnostic')
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from carrieres._i18n import _
from carrieres._text import fold
from carrieres.exceptions import RequestError
from carrieres.models import Job, Referentiel

__all__ = ["DEFAULT_THRESHOLD", "SimilarPair", "similar_pairs", "terms"]

DEFAULT_THRESHOLD = 0.2
"""Default minimum similarity for a ``similarity`` link."""

# French stop words, and verbs and nouns that every fiche uses.
_STOP_TEXT = """
a au aux avec ce ces cet cette d dans de des du elle elles en entre et etc eux il ils l la le
les leur leurs lui n ne ni nos notre nous on ou par pas pour qu que qui sa sans se ses si son
sont sous sur ta tes ton tous tout toute toutes un une vos votre vous y afin ainsi aussi autre
autres bien certains chaque comme donc dont differents differentes ensemble etre faire fait leur
meme meilleur plus selon tel telle tels toutes tres assurer mettre mise place oeuvre realiser
participer effectuer connaissance connaissances maitrise maitriser jour niveau cadre gerer
definir elaborer elaboration
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())

_SUFFIXES = (
    "issements",
    "issement",
    "ications",
    "ication",
    "ations",
    "ation",
    "ements",
    "ement",
    "ateurs",
    "ateur",
    "atrices",
    "atrice",
    "ites",
    "ite",
    "iques",
    "ique",
    "ables",
    "able",
    "euses",
    "euse",
    "eurs",
    "eur",
    "ances",
    "ance",
    "ences",
    "ence",
    "ments",
    "ment",
    "ions",
    "ion",
    "er",
    "es",
    "s",
    "x",
    "e",
)
_MIN_STEM = 4


def stem(word: str) -> str:
    """A light French stem of a folded word.

    Examples
    --------
    >>> [stem(w) for w in ("reseaux", "securite", "administration", "administrer")]
    ['reseau', 'secur', 'administr', 'administr']
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _words(texts: Iterable[str]) -> Iterable[str]:
    for text in texts:
        for word in re.findall(r"[a-z0-9]+", fold(text).replace("œ", "oe")):
            if word not in _STOP_WORDS and len(word) > 2 and not word.isdigit():
                yield word


def terms(job: Job) -> dict[str, str]:
    """A fiche's terms: stem → the word it most often stands for in the fiche."""
    items = [*job.knowledge, *job.savoir_faire, *job.main_activities, *job.secondary_activities]
    words = Counter(_words(item.text for item in items))
    best: dict[str, str] = {}
    for word, _count in sorted(words.items(), key=lambda pair: (-pair[1], pair[0])):
        best.setdefault(stem(word), word)
    return best


@dataclass(frozen=True)
class SimilarPair:
    """Two jobs whose fiches share terms; ``source`` comes first in the référentiel."""

    source: str
    target: str
    score: float
    shared: tuple[str, ...]


def similar_pairs(referentiel: Referentiel, *, threshold: float = DEFAULT_THRESHOLD) -> list[SimilarPair]:
    """Pairs of jobs whose fiches are at least ``threshold`` similar, most similar first.

    Raises
    ------
    RequestError
        ``threshold`` outside (0, 1].
    """
    if not 0 < threshold <= 1:
        msg = _("the similarity threshold must be in (0, 1], not {value}").format(value=threshold)
        raise RequestError(msg)
    term_sets = {job.id: terms(job) for job in referentiel.jobs if job.has_fiche}
    pairs = []
    for (a, terms_a), (b, terms_b) in itertools.combinations(term_sets.items(), 2):
        shared = terms_a.keys() & terms_b.keys()
        union = terms_a.keys() | terms_b.keys()
        score = len(shared) / len(union) if union else 0.0
        if score >= threshold:
            words = tuple(sorted(terms_a[s] for s in shared))
            pairs.append(SimilarPair(a, b, round(score, 6), words))
    return sorted(pairs, key=lambda pair: (-pair.score, pair.source, pair.target))
