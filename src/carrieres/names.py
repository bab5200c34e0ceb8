"""The one name resolver: job and family names to stable keys.

Names are compared as sequences of content words (see :func:`tokens`): accents,
case, apostrophe style, hyphens, stop words and singular/plural do not matter.
A name matches in one of three ways, tried in this order:

``exact``
    every word of the query matches every word of a title, then (when no title
    matches) of an alias. A word of two to five letters may also stand
    for the initials of several words: ``SI`` = ``systèmes d'information``.
``partial``
    the words of the query all appear, in order, in a title or alias
    (``"sécurité"`` finds *Ingénieur sécurité*).
``group``
    a group reference: ``"Métiers du conseil"`` names every job of a family or
    sub-family; ``"Administrateur (système, réseaux)"`` names every job matched
    by ``"Administrateur système"`` and ``"Administrateur réseaux"``.

A single name that matches several jobs is ambiguous: :meth:`NameIndex.resolve`
raises :class:`~carrieres.exceptions.AmbiguousNameError` listing them, and
nothing is ever mapped to a guess.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from carrieres._gender import feminine as to_feminine
from carrieres._i18n import _
from carrieres._text import clean, fold, tokens
from carrieres.exceptions import AmbiguousNameError, RequestError, UnknownNameError

__all__ = ["MAX_NAME_LENGTH", "How", "Match", "NameIndex", "Resolution", "Resolver", "name_forms"]

MAX_NAME_LENGTH = 300
"""The longest name looked up: no job title is longer, and a longer query would only cost time."""

WHOLE_ONLY = 2
"""Names of this priority or above match only whole: the appellations of a job's card, hundreds of
them shared by the jobs of one card, would otherwise make a word such as «support» ambiguous."""

How = Literal["exact", "partial", "group", "none"]
"""How a name was matched."""

_GROUP_PREFIX = re.compile(r"^(?:les\s+)?metiers?\s+(?:de\s+la|de\s+l'|du|des|de)\s*(?P<rest>.+)$")
_PARENTHESES = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inside>[^()]+)\)\s*$")
_FEMININE = re.compile(r"\((?:e|se|ne|ère|ere|euse|rice|trice|le|te)\)", re.IGNORECASE)
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|\bet\b|\bou\b)\s*")


@dataclass(frozen=True)
class Match:
    """Keys matched by one name, and how.

    ``how`` is ``"exact"``, ``"partial"`` or ``"none"``.
    """

    keys: tuple[str, ...]
    how: How


@dataclass(frozen=True)
class _Entry:
    name: str
    key: str
    words: tuple[str, ...]
    priority: int


class NameIndex:
    """Look up keys by name.

    Parameters
    ----------
    entries
        ``(name, key, priority)`` triples: several names may share a key;
        a lower priority wins among exact matches (titles before aliases).
    what
        What the keys are (``"job"``, ``"family"``), for error messages.

    Examples
    --------
    >>> index = NameIndex([("Ingénieur sécurité", "ingenieur-securite", 0),
    ...                    ("Responsable sécurité des SI", "ingenieur-securite", 1),
    ...                    ("Technicien réseau", "technicien-reseau", 0)])
    >>> index.resolve("INGENIEUR SECURITE")
    'ingenieur-securite'
    >>> index.match("Technicien réseaux")
    Match(keys=('technicien-reseau',), how='exact')
    >>> index.match("securite").how
    'partial'
    """

    def __init__(self, entries: Iterable[tuple[str, str, int]], *, what: str = "job") -> None:
        self.what = what
        self._entries: list[_Entry] = []
        self._display: dict[str, _Entry] = {}
        self._with_word: defaultdict[str, set[int]] = defaultdict(set)
        self._with_initials: defaultdict[str, set[int]] = defaultdict(set)
        for name, key, priority in entries:
            self.add(name, key, priority)

    def add(self, name: str, key: str, priority: int = 0) -> None:
        """Add one more name of a key (a name without any word is ignored)."""
        words = tokens(name)
        if not words:
            return
        entry = _Entry(clean(name), key, words, priority)
        number = len(self._entries)
        self._entries.append(entry)
        shown = self._display.get(key)
        if shown is None or priority < shown.priority:
            self._display[key] = entry
        for start, word in enumerate(words):
            self._with_word[word].add(number)
            if start + 1 < len(words):  # « hotliner » finds « Hot liner »
                self._with_word[word + words[start + 1]].add(number)
            for length in range(2, min(5, len(words) - start) + 1):
                self._with_initials["".join(w[0] for w in words[start : start + length])].add(number)

    def match(self, name: str) -> Match:
        """All keys that ``name`` matches, exactly if possible, else partially."""
        found = self._matching(name)
        return Match(_unique(entry.key for entry in found), _how(found, name))

    def _matching(self, name: str) -> list[_Entry]:
        query = tokens(name)
        if not query:
            return []
        numbers = self._candidates(query)
        for start in range(len(query) - 1):  # « hot liner » finds « Hotliner », « charg e » « chargée »
            numbers |= self._candidates(
                (*query[:start], query[start] + query[start + 1], *query[start + 2 :])
            )
        candidates = [self._entries[number] for number in sorted(numbers)]
        exact = [e for e in candidates if _aligns(query, e.words, whole=True)]
        if exact:
            best = min(e.priority for e in exact)
            return [e for e in exact if e.priority == best]
        return [e for e in candidates if e.priority < WHOLE_ONLY and _aligns(query, e.words, whole=False)]

    def _candidates(self, query: Sequence[str]) -> set[int]:
        """The entries that hold, for every query word, that word or (for a word that may be
        initials) as many consecutive words with those initials: all that :func:`_aligns` can
        accept, found without reading every name (ROME has 30,000), smallest sets first."""
        holding = []
        for word in dict.fromkeys(query):
            entries = self._with_word.get(word, set())
            if _may_be_initials(word) and word in self._with_initials:
                entries = entries | self._with_initials[word]
            if not entries:
                return set()
            holding.append(entries)
        holding.sort(key=len)
        return set(holding[0]).intersection(*holding[1:])

    def lookup(self, name: str) -> Match:
        """The keys :meth:`resolve` would choose among: the exact matches (else the partial
        ones), else the one key a name matches once a qualifier is left out."""
        found = self._matching(name) or self._without_a_qualifier(name)
        return Match(_unique(entry.key for entry in found), _how(found, name))

    def names(self) -> list[tuple[tuple[str, ...], str, int]]:
        """Every name as ``(words, key, priority)``: what a second implementation of the lookup
        (the HTML map's search) needs to find what :meth:`lookup` finds."""
        return [(entry.words, entry.key, entry.priority) for entry in self._entries]

    def resolve(self, name: str) -> str:
        """The one key that ``name`` names.

        Raises
        ------
        UnknownNameError
            No key matches; the error carries up to three close names.
        AmbiguousNameError
            Several keys match; the error lists them, with the name each
            matched by when it is not the title.
        RequestError
            The name is longer than :data:`MAX_NAME_LENGTH` characters.
        """
        if len(name) > MAX_NAME_LENGTH:
            msg = _("a name of {count} characters is too long (at most {most})").format(
                count=f"{len(name):,}", most=MAX_NAME_LENGTH
            )
            raise RequestError(msg)
        found = self._matching(name) or self._without_a_qualifier(name)
        keys = _unique(entry.key for entry in found)
        if not keys:
            raise UnknownNameError(name, self.suggest(name), what=self.what)
        if len(keys) > 1:
            candidates = []
            for key in keys:
                title = self.display(key)
                names = [e.name for e in found if e.key == key]
                shown = _("{title} (as {name})").format(title=title, name=repr(names[0]))
                candidates.append(title if title in names else shown)
            raise AmbiguousNameError(name, candidates, what=self.what)
        return keys[0]

    def _without_a_qualifier(self, name: str) -> list[_Entry]:
        """The entries a name matches whole once one of its words is left out, when that gives
        one key: « ingénieur sécurité informatique » is *Ingénieur sécurité* where nothing is
        closer; a name that two keys would match so stays unknown."""
        query = tokens(name)
        if len(query) < 3:
            return []
        found = [
            self._entries[number]
            for left_out in range(len(query))
            for number in sorted(self._candidates(query[:left_out] + query[left_out + 1 :]))
            if _aligns(query[:left_out] + query[left_out + 1 :], self._entries[number].words, whole=True)
        ]
        return found if len(_unique(e.key for e in found)) == 1 else []

    def display(self, key: str) -> str:
        """The best name of a key (its title when it has one)."""
        shown = self._display.get(key)
        return key if shown is None else shown.name

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` names close to ``name``, best first.

        Closeness mixes the similarity of the spelling and the share of the
        query's words the name holds.

        Examples
        --------
        >>> NameIndex([("Technicien réseau", "t", 0)]).suggest("tecnicien reso")
        ['Technicien réseau']
        """
        query = fold(clean(name))
        words = set(tokens(name))
        scored: dict[str, float] = {}
        for entry in self._entries:
            spelling = difflib.SequenceMatcher(None, query, fold(entry.name)).ratio()
            shared = len(words & set(entry.words)) / len(words) if words else 0.0
            score = max(spelling, 0.5 * spelling + 0.5 * shared)
            if score >= 0.5 and score > scored.get(entry.key, 0.0):
                scored[entry.key] = score
        best = sorted(scored, key=lambda key: (-scored[key], self.display(key)))
        return [self.display(key) for key in best[:limit]]


def _how(found: Sequence[_Entry], name: str) -> How:
    if not found:
        return "none"
    query = tokens(name)
    return "exact" if _aligns(query, found[0].words, whole=True) else "partial"


def _may_be_initials(word: str) -> bool:
    """Whether a query word may stand for the initials of as many name words (``si``, ``dsi``)."""
    return word.isalpha() and 2 <= len(word) <= 5


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def _aligns(query: Sequence[str], words: Sequence[str], *, whole: bool) -> bool:
    """Whether the query words align with a name's words, in order.

    With ``whole`` every word of the name is consumed; otherwise the name may
    have words the query lacks. A query word of two to five letters may also
    stand for the initials of as many consecutive name words.
    """

    def walk(q: int, w: int) -> bool:
        if q == len(query):
            return not whole or w == len(words)
        if w == len(words):
            return False
        word = query[q]
        if word == words[w] and walk(q + 1, w + 1):
            return True
        if w + 1 < len(words) and word == words[w] + words[w + 1] and walk(q + 1, w + 2):
            return True  # one word of the query, two of the name: hotliner, hot liner
        if q + 1 < len(query) and word + query[q + 1] == words[w] and walk(q + 2, w + 1):
            return True
        if _may_be_initials(word):
            span = words[w : w + len(word)]
            initials = "".join(part[0] for part in span)
            if len(span) == len(word) and initials == word and walk(q + 1, w + len(word)):
                return True
        return not whole and walk(q, w + 1)

    return walk(0, 0)


@dataclass(frozen=True)
class Resolution:
    """What a reference in a fiche names.

    ``ids`` are the jobs named (empty when nothing matched); ``how`` is
    ``exact``, ``partial``, ``group`` or ``none``; ``group`` is the family or
    sub-family a ``"Métiers du …"`` reference names; ``members`` are the names a
    parenthesised group expands to; ``candidates`` are the jobs an ambiguous
    single name could mean (then ``ids`` is empty).
    """

    text: str
    ids: tuple[str, ...]
    how: How
    group: str | None = None
    members: tuple[str, ...] = field(default=())
    candidates: tuple[str, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        """Whether the reference names at least one job."""
        return bool(self.ids)


class Resolver:
    """Resolve job names and group references against one set of jobs.

    Parameters
    ----------
    jobs
        ``(key, title, other names, aliases[, card names])`` of each job;
        other names (variant forms of the title) rank with titles, aliases
        after them, and last the names of the job's card in another
        référentiel (the ROME's appellations), shared by the jobs of one card,
        which match only whole (:data:`WHOLE_ONLY`).
    families
        Family or sub-family label → keys of its jobs.

    Examples
    --------
    >>> resolver = Resolver(
    ...     [("admin-bd", "Administrateur de base de données", [], []),
    ...      ("admin-reseau", "Administrateur de réseau d'entreprise", [],
    ...       ["Administrateur systèmes et réseaux"]),
    ...      ("consultant", "Consultant en technologie", [], [])],
    ...     {"CONSEIL": ["consultant"]})
    >>> resolver.reference("Métiers du conseil").ids
    ('consultant',)
    >>> resolver.reference("Administrateur (système, bases de données)").ids
    ('admin-reseau', 'admin-bd')
    """

    def __init__(
        self,
        jobs: Iterable[
            tuple[str, str, Sequence[str], Sequence[str]]
            | tuple[str, str, Sequence[str], Sequence[str], Sequence[str]]
        ],
        families: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        entries: list[tuple[str, str, int]] = []
        for key, title, variants, aliases, *card in jobs:
            names = (title, *variants)
            entries += [(form, key, 0) for name in names for form in name_forms(name, feminine=True)]
            entries += [(form, key, 1) for alias in aliases for form in name_forms(alias, feminine=True)]
            entries += [
                (form, key, WHOLE_ONLY) for name in (card[0] if card else ()) for form in name_forms(name)
            ]
        self.jobs = NameIndex(entries, what="job")
        self._families = dict(families or {})
        family_names = [(label, label, 0) for label in self._families]
        family_names += [(label.split(" / ", 1)[1], label, 1) for label in self._families if " / " in label]
        self.families = NameIndex(family_names, what="family")

    def resolve(self, name: str) -> str:
        """The id of the one job ``name`` names (see :meth:`NameIndex.resolve`)."""
        return self.jobs.resolve(name)

    def reference(self, text: str) -> Resolution:
        """Resolve a reference found in a fiche: a job, or a group of jobs."""
        text = clean(text).strip(" .;:,")
        direct = self.jobs.match(text)
        if direct.how == "exact" and len(direct.keys) == 1:
            return Resolution(text, direct.keys, "exact")
        group = _GROUP_PREFIX.match(fold(text))
        if group:
            rest = text[group.start("rest") :]
            family = self.families.match(rest)
            if len(family.keys) == 1:
                label = family.keys[0]
                return Resolution(text, tuple(self._families[label]), "group", group=label)
            named = self.jobs.match(rest)
            if len(named.keys) == 1:
                return Resolution(text, named.keys, named.how)
        domain = self.families.match(text)
        if domain.how == "exact" and len(domain.keys) == 1:
            label = domain.keys[0]
            return Resolution(text, tuple(self._families[label]), "group", group=label)
        parenthesised = _PARENTHESES.match(text)
        if parenthesised:
            head = parenthesised["head"]
            members = tuple(
                f"{head} {part}" for part in _LIST_SEPARATORS.split(parenthesised["inside"]) if part.strip()
            )
            ids = _unique(key for member in members for key in self.jobs.match(member).keys)
            return Resolution(text, ids, "group" if ids else "none", members=members)
        if len(direct.keys) == 1:
            return Resolution(text, direct.keys, direct.how)
        return Resolution(text, (), "none", candidates=direct.keys)


def name_forms(name: str, *, feminine: bool = False) -> list[str]:
    """A name and the forms it stands for: each half of ``A / B``, masculine and feminine.

    With ``feminine``, a name written in one gender only also stands for its
    feminine (:func:`carrieres._gender.feminine`): ``Technicien de
    maintenance`` for ``Technicienne de maintenance``.

    ``"Technicien / Technicienne de maintenance"`` (one word before the slash)
    is a gendered form: both genders take the words after the second one.
    Where the second half is longer (``"Consultant fonctionnel / Consultante
    fonctionnelle des systèmes d'information"``), its extra words qualify both.
    ``"Accastilleur(se)"`` stands for the masculine without the bracket.

    Examples
    --------
    >>> name_forms("Ingénieur / Ingénieure sécurité informatique")[1:]
    ['Ingénieur sécurité informatique', 'Ingénieure sécurité informatique']
    >>> name_forms("Ingénieur qualité méthodes / ingénieur validation")[1:]
    ['Ingénieur qualité méthodes', 'ingénieur validation']
    >>> name_forms("Monteur(se) électronique")
    ['Monteur(se) électronique', 'Monteur électronique']
    >>> name_forms("Chef de projet / Cheffe de projet (Project Management Officer)")[1]
    'Chef de projet (Project Management Officer)'
    >>> name_forms("Directeur commercial", feminine=True)
    ['Directeur commercial', 'Directrice commerciale']
    """
    forms = [clean(name)]
    masculine = clean(_FEMININE.sub("", name))
    if masculine != forms[0]:
        forms.append(masculine)
    if " / " in name:
        left, right = (part.split() for part in clean(masculine).split(" / ", 1))
        if len(left) == 1 and right:
            forms += [" ".join([left[0], *right[1:]]), " ".join(right)]
        else:
            forms += [" ".join([*left, *right[len(left) :]]), " ".join(right)]
        if feminine and len(left) > 1 and to_feminine(left[0]) != right[0]:  # two names, not two genders
            forms += [to_feminine(forms[-2]), to_feminine(forms[-1])]
    elif feminine and "(" not in name:
        forms.append(to_feminine(forms[-1]))
    return list(dict.fromkeys(forms))
