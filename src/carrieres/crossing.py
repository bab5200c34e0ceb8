"""Cross two référentiels: match their jobs by name, and join them into one.

Two jobs match when one of the names of the first (title, appellations) and
one of the names of the second share most of their words: the score is the
Jaccard index of their content words (:func:`carrieres.names.name_forms`
expands gendered forms such as ``Technicien / Technicienne de maintenance``
first; accents, case, plurals and stop words do not count). Ties between
jobs of the second référentiel are broken by how many of the first job's
names they match. Each match keeps the two names that justify it.

:func:`join` makes one référentiel of both, with an ``equivalent`` link both
ways between each accepted pair, so that a path can start in one and end in
the other.

Examples
--------
>>> from carrieres import load_referentiel
>>> matches = match_jobs(load_referentiel(), load_referentiel("rome-v3"))
>>> best = next(m for m in matches if m.source == "technicien-de-maintenance")
>>> best.target, best.target_title
('i1401', 'Maintenance informatique et bureautique')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from carrieres._i18n import _
from carrieres._records import Record, record
from carrieres._text import tokens
from carrieres.exceptions import RequestError
from carrieres.models import Job, Reference, Referentiel
from carrieres.names import name_forms

__all__ = ["JobMatch", "join", "match_jobs"]


@record
class JobMatch(Record):
    """A job of one référentiel matched to a job of another, with the evidence."""

    source: str
    source_title: str
    target: str
    target_title: str
    score: float
    source_name: str
    target_name: str
    rank: int


def _names(job: Job) -> list[tuple[str, frozenset[str]]]:
    names = [job.title, *(alias.text for alias in job.aliases)]
    forms = dict.fromkeys(form for name in names for form in name_forms(name) if " / " not in form)
    return [(form, frozenset(tokens(form))) for form in forms if tokens(form)]


def match_jobs(
    first: Referentiel, second: Referentiel, *, min_score: float = 0.5, top: int = 3
) -> list[JobMatch]:
    """For each job of ``first``, up to ``top`` jobs of ``second`` whose names match, best first.

    Raises
    ------
    RequestError
        ``min_score`` outside (0, 1] or ``top`` below 1.
    """
    if not 0 < min_score <= 1 or top < 1:
        msg = _("the minimum score must be in (0, 1] and top at least 1 (got {score}, {top})").format(
            score=min_score, top=top
        )
        raise RequestError(msg)
    index: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for job in second.jobs:
        for name, words in _names(job):
            for word in words:
                index[word].append((job.id, name, words))
    titles = {job.id: job.title for job in second.jobs}
    found: list[JobMatch] = []
    for job in first.jobs:
        best: dict[str, tuple[float, int, str, str]] = {}
        for name, words in _names(job):
            seen: set[tuple[str, str]] = set()
            for word in words:
                for target, target_name, target_words in index.get(word, []):
                    if (target, target_name) in seen:
                        continue
                    seen.add((target, target_name))
                    score = len(words & target_words) / len(words | target_words)
                    if score < min_score:
                        continue
                    previous = best.get(target)
                    hits = (previous[1] if previous else 0) + 1
                    if previous is None or score > previous[0]:
                        best[target] = (score, hits, name, target_name)
                    else:
                        best[target] = (previous[0], hits, previous[2], previous[3])
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))[:top]
        found += [
            JobMatch(
                source=job.id,
                source_title=job.title,
                target=target,
                target_title=titles[target],
                score=round(score, 6),
                source_name=name,
                target_name=target_name,
                rank=rank,
            )
            for rank, (target, (score, _, name, target_name)) in enumerate(ranked, start=1)
        ]
    return found


def join(
    first: Referentiel, second: Referentiel, matches: Sequence[JobMatch], *, name: str | None = None
) -> Referentiel:
    """One référentiel holding both, with an ``equivalent`` link both ways for each match.

    Raises
    ------
    RequestError
        The two référentiels share job ids.
    """
    shared = sorted({job.id for job in first.jobs} & {job.id for job in second.jobs})
    if shared:
        msg = _("the two référentiels share job ids ({ids}); they cannot be joined").format(
            ids=", ".join(shared[:5])
        )
        raise RequestError(msg)
    links: dict[str, list[Reference]] = defaultdict(list)
    for match in matches:
        text = f"«{match.source_name}» ~ «{match.target_name}» ({match.score:.2f})"  # data: no language
        links[match.source].append(Reference(text=text, line=1, ids=[match.target], kind="equivalent"))
        links[match.target].append(Reference(text=text, line=1, ids=[match.source], kind="equivalent"))
    jobs = [
        job.replace(**{"proximity": [*job.proximity, *links.get(job.id, [])]})
        for job in [*first.jobs, *second.jobs]
    ]
    known = {family.name for family in first.families}
    return Referentiel(
        name=name or f"{first.name}+{second.name}".replace("+", "-"),
        source="joined",
        credit="; ".join(credit for credit in (first.credit, second.credit) if credit),
        document=first.document,
        based_on=second.document,
        families=[*first.families, *(f for f in second.families if f.name not in known)],
        jobs=jobs,
    )
