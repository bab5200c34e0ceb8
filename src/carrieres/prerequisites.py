"""Read prerequisites out of the French text of a fiche.

Three things are extracted, each kept with the sentence and line it comes from:

* the **education** level, as Bac+N: ``"Bac+2 à Bac+4"`` → 2–4, ``"BAC+4 ou
  BAC+5"`` and ``"Bac+4/5"`` → 4–5, ``"niveaux Bac à Bac+2"`` → 0–2, ``"Bac+4 et
  plus"`` or ``"à partir d'un niveau Bac+2"`` → a minimum and no maximum; common
  diplomas count too (BTS, DUT → 2; licence → 3; master, diplôme d'ingénieur → 5);
* the **experience** in years: ``"au moins trois années"`` → 3 and no maximum,
  ``"4 à 5 ans"`` → 4–5, ``"environ 5 années"`` → 5, numbers written as words;
  ``"plusieurs années"`` says experience is needed without saying how much;
* whether the job is **open to beginners** (``"accessible à des débutants"``,
  ``"pas nécessaire d'avoir une expérience"`` → true; experience required → false),
  and the **prior roles** the text names (``"à des postes comme X ou Y"``, ``"une
  expérience des métiers du support technique"``, ``"expérience en production"``).

Whatever the text does not say stays ``None``: nothing is guessed.

Examples
--------
>>> from carrieres.names import Resolver
>>> resolver = Resolver([("dev", "Développeur", [], [])])
>>> pre = extract_prerequisites(
...     [("Accessible après trois ans d'expérience comme développeur.", 7),
...      ("Niveau Bac+3 ou Bac+5.", 8)], resolver)
>>> pre.education_min, pre.education_max, pre.experience_min_years, pre.beginner_ok
(3, 5, 3.0, False)
>>> pre.prior_roles, pre.sources["education"].line
(['dev'], 8)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from carrieres._text import NUMBER_PATTERN, clean, fold, parse_number, split_sentences
from carrieres.models import Item, Prerequisites, Reference
from carrieres.names import Resolver

__all__ = ["extract_prerequisites"]

_N = NUMBER_PATTERN
_UNIT = r"(?:ans|an|annees|annee)\b"
_OPEN_BEFORE = re.compile(r"(?:a partir d|au moins|au minimum|minimum|plus de|superieur a)[^.]{0,50}$")
_OPEN_AFTER = re.compile(r"^\s*(?:et plus|ou plus|minimum|au minimum|au moins|ou superieur)")
_BAC = re.compile(r"\bbac(?:calaureat)?\b(?:\s*\+\s*(\d)(?:\s*/\s*(?:bac\s*\+\s*)?(\d))?)?")
_DIPLOMAS = [
    (re.compile(r"\b(?:bts|dut|deug|deust)\b"), 2),
    (re.compile(r"\b(?:licence|bachelor|but)\b"), 3),
    (re.compile(r"\b(?:maitrise|master 1|m1)\b"), 4),
    (re.compile(r"\b(?:master|dess|dea|diplome d'ingenieur|ecole d'ingenieurs?)\b"), 5),
    (re.compile(r"\bdoctorat\b"), 8),
]
_RANGE_LINK = re.compile(r"^\s*(?:a|au|jusqu'a|-|ou|/|,)\s*$")

_YEARS_RANGE = re.compile(rf"(?:\bde\s+|\bentre\s+)?\b({_N})\s*(?:a|-|et|ou)\s*({_N})\s*{_UNIT}")
_YEARS_AT_LEAST = re.compile(
    rf"(?:au moins|au minimum|minimum|plus de|pas moins de)\s+(?:de\s+)?({_N})\s*{_UNIT}"
)
_YEARS_ABOUT = re.compile(rf"(?:environ|pres de|approximativement)\s+({_N})\s*{_UNIT}")
_YEARS_ONE = re.compile(rf"\b({_N})\s*{_UNIT}")
_YEARS_VAGUE = re.compile(r"\b(?:plusieurs|quelques|de nombreuses)\s+annees\b")

_NEGATION = re.compile(
    r"(?:\bpas\b|\baucune?\b|\bsans\b)[^.]{0,40}\bexperience|\bexperience[^.]{0,20}\bnon\b"
)
_BEGINNERS_YES = re.compile(
    r"accessibles?\s+(?:a|aux|par|pour)\s+(?:des\s+)?(?:jeunes\s+)?debutants"
    r"|debutants?\s+(?:acceptes?|bienvenus?|admis)"
    r"|(?:pas|aucunement)\s+(?:\w+\s+){0,2}(?:necessaire|requis|exige|obligatoire)\w*\s+d'avoir\s+(?:une\s+)?experience"
    r"|\bsans\s+experience|\baucune\s+experience\s+(?:n'est\s+)?(?:requise|exigee|necessaire)"
    r"|\bjeunes?\s+diplomes?"
)
_BEGINNERS_NO = re.compile(
    r"(?:pas|non)\s+accessibles?\s+(?:a|aux)\s+(?:des\s+)?debutants|debutants?\s+(?:non|pas)\s+(?:acceptes?|admis)"
    r"|\bexperience\b[^.]{0,80}\b(?:indispensable|exigee|requise|obligatoire|necessaire)s?\b"
    r"|\b(?:indispensable|exigee|requise|obligatoire)s?\b[^.]{0,20}\bexperience\b"
    r"|\bayant\s+(?:\w+\s+){0,4}experience"
)

_ROLE_STOP = (
    r"(?=\s*(?:[.,;:()]|$|\b(?:est|sont|sera|indispensable|exigee?|requise?|necessaire|obligatoire|souhaitee?|"
    r"appreciee?|d'environ|d'au moins|de \d|pendant|depuis|avec|pour|afin|dans|sur|ayant|et une?|apres)\b))"
)
_ROLE_PATTERNS = [
    re.compile(rf"\bpostes?\s+(?:comme|de|d'|en tant que)\s*(?P<names>.+?){_ROLE_STOP}"),
    re.compile(rf"\b(?:en tant que|en qualite de|experiences?\s+comme)\s+(?P<names>.+?){_ROLE_STOP}"),
    re.compile(rf"\b(?:les\s+)?metiers?\s+(?P<article>de la|de l'|du|des|de)\s*(?P<names>.+?){_ROLE_STOP}"),
    re.compile(
        r"\bexperiences?\s+(?:(?:professionnelle|significative|confirmee|prealable)s?\s+)?"
        r"(?P<article>de la|de l'|du|des|en|dans le|dans la|dans l')\s*"
        r"(?!metier|poste|plusieurs|quelques|\d)"
        rf"(?P<names>[a-z].+?){_ROLE_STOP}"
    ),
]
_ALTERNATIVES = re.compile(r"\s*(?:,|;|\bou\b)\s*(?![^(]*\))")
_ARTICLE = re.compile(r"^(?:de la|de l'|du|des|de|d')\s*")


@dataclass(frozen=True)
class _Sentence:
    text: str
    folded: str
    line: int

    def item(self) -> Item:
        return Item(text=self.text, line=self.line)


def extract_prerequisites(
    lines: Sequence[tuple[str, int]], resolver: Resolver, *, job_id: str = ""
) -> Prerequisites:
    """Extract the prerequisites from the lines of a fiche's *Prérequis* section.

    Parameters
    ----------
    lines
        ``(text, line number)`` of each line of the section.
    resolver
        Resolves the prior roles the text names.
    job_id
        The fiche's own job, left out of the groups of jobs a prior role names.

    Returns
    -------
    Prerequisites
        Values the text states, ``None`` where it does not, and the sentence
        each value comes from.
    """
    sentences = [
        _Sentence(sentence, fold(sentence), number)
        for text, number in lines
        for sentence in split_sentences(text)
    ]
    sources: dict[str, Item] = {}
    education = _education(sentences, sources)
    experience = _experience(sentences, sources)
    references = _prior_roles(sentences, resolver, sources, job_id)
    beginner_ok = _beginner_ok(sentences, experience, references, sources)
    return Prerequisites(
        text="\n".join(clean(text) for text, _ in lines),
        education_min=education[0],
        education_max=education[1],
        experience_min_years=experience[0],
        experience_max_years=experience[1],
        beginner_ok=beginner_ok,
        prior_roles=list(dict.fromkeys(i for r in references for i in r.ids)),
        unresolved_prior_roles=[r.text for r in references if not r.ids],
        prior_role_references=references,
        sources=sources,
    )


Bounds = tuple[float | None, float | None]


def _merge(found: list[tuple[float, float | None]]) -> Bounds:
    """Lowest minimum and highest maximum; no maximum when one is open."""
    if not found:
        return None, None
    highs = [high for _, high in found]
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    return min(low for low, _ in found), high


def _collect(
    sentences: Sequence[_Sentence],
    read: Callable[[str], list[tuple[float, float | None]]],
    key: str,
    sources: dict[str, Item],
) -> Bounds:
    found: list[tuple[float, float | None]] = []
    used: list[_Sentence] = []
    for sentence in sentences:
        values = read(sentence.folded)
        if values:
            found += values
            used.append(sentence)
    if used:
        sources[key] = Item(text=" ".join(s.text for s in used), line=used[0].line)
    return _merge(found)


def _education(sentences: Sequence[_Sentence], sources: dict[str, Item]) -> tuple[int | None, int | None]:
    low, high = _collect(sentences, _education_levels, "education", sources)
    return (None if low is None else int(low)), (None if high is None else int(high))


def _education_levels(folded: str) -> list[tuple[float, float | None]]:
    mentions: list[tuple[int, int, int, int]] = []  # start, end, low, high
    for match in _BAC.finditer(folded):
        low = int(match[1] or 0)
        mentions.append((match.start(), match.end(), low, int(match[2] or low)))
    for pattern, level in _DIPLOMAS:
        mentions += [(m.start(), m.end(), level, level) for m in pattern.finditer(folded)]
    mentions.sort()
    groups: list[list[tuple[int, int, int, int]]] = []
    for mention in mentions:
        if groups and _RANGE_LINK.match(folded[groups[-1][-1][1] : mention[0]]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    found: list[tuple[float, float | None]] = []
    for group in groups:
        start, end = group[0][0], group[-1][1]
        open_ended = bool(_OPEN_BEFORE.search(folded[:start]) or _OPEN_AFTER.match(folded[end:]))
        levels = [level for mention in group for level in mention[2:]]
        found.append((min(levels), None if open_ended else max(levels)))
    return found


def _experience(sentences: Sequence[_Sentence], sources: dict[str, Item]) -> Bounds:
    return _collect(sentences, _experience_years, "experience", sources)


def _experience_years(folded: str) -> list[tuple[float, float | None]]:
    if ("experience" not in folded and "anciennete" not in folded) or _NEGATION.search(folded):
        return []
    found: list[tuple[float, float | None]] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        overlap = any(match.start() < end and start < match.end() for start, end in taken)
        if not overlap:
            taken.append(match.span())
        return not overlap

    for match in _YEARS_RANGE.finditer(folded):
        if free(match):
            first, second = sorted((parse_number(match[1]), parse_number(match[2])))
            found.append((first, second))
    for match in _YEARS_AT_LEAST.finditer(folded):
        if free(match):
            found.append((parse_number(match[1]), None))
    for match in _YEARS_ABOUT.finditer(folded):
        if free(match):
            found.append((parse_number(match[1]), parse_number(match[1])))
    for match in _YEARS_ONE.finditer(folded):
        if free(match):
            years = parse_number(match[1])
            open_ended = _OPEN_AFTER.match(folded[match.end() :])
            found.append((years, None if open_ended else years))
    return found


def _prior_roles(
    sentences: Sequence[_Sentence], resolver: Resolver, sources: dict[str, Item], exclude: str
) -> list[Reference]:
    references: list[Reference] = []
    used: list[_Sentence] = []
    for sentence in sentences:
        if _NEGATION.search(sentence.folded) or _BEGINNERS_YES.search(sentence.folded):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in _ROLE_PATTERNS:
            for match in pattern.finditer(sentence.folded):
                start, end = match.span("names")
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                names = sentence.text[start:end]
                group_article = match.groupdict().get("article")
                for text in _split_alternatives(names, group_article, pattern is _ROLE_PATTERNS[2]):
                    references.append(
                        Reference.from_resolution(resolver.reference(text), sentence.line, exclude=exclude)
                    )
                if sentence not in used:
                    used.append(sentence)
    if used:
        sources["prior_roles"] = Item(text=" ".join(s.text for s in used), line=used[0].line)
    return references


def _split_alternatives(names: str, article: str | None, trade_group: bool) -> list[str]:
    """``"X ou Y"`` → ``["X", "Y"]``; in ``"métiers de la X ou des Y"`` each keeps ``métiers``."""
    parts = [part for part in _ALTERNATIVES.split(names) if part.strip()]
    if not trade_group:
        return parts
    texts = []
    for index, part in enumerate(parts):
        own = _ARTICLE.match(fold(part))
        if index == 0:
            texts.append(f"métiers {article or 'de'} {part}")
        elif own:
            texts.append(f"métiers {part}")
        else:
            texts.append(f"métiers {article or 'de'} {part}")
    return texts


def _beginner_ok(
    sentences: Sequence[_Sentence],
    experience: Bounds,
    references: Sequence[Reference],
    sources: dict[str, Item],
) -> bool | None:
    yes = [s for s in sentences if _BEGINNERS_YES.search(s.folded)]
    no = [
        s
        for s in sentences
        if s not in yes
        and (_BEGINNERS_NO.search(s.folded) or ("experience" in s.folded and _YEARS_VAGUE.search(s.folded)))
    ]
    if not no and (experience[0] or references):
        source = sources.get("experience") or sources.get("prior_roles")
        no = [_Sentence(source.text, fold(source.text), source.line)] if source else []
    if yes and not no:
        sources["beginner_ok"] = yes[0].item()
        return True
    if no and not yes:
        sources["beginner_ok"] = no[0].item()
        return False
    return None
