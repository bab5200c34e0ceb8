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

A name is also read through the trade's words (:func:`trade_names`, the table
``data/trade-names.csv``): ``DBA``, ``AMOA``, ``admin sys``, ``project manager``
stand for the French words every référentiel writes.

Among the jobs a name matches, the closest come first: words written out before
initials, a name that begins with the words asked before one that holds them
further on, titles before aliases. Where one job is closer than every other,
:meth:`NameIndex.read` takes it and says which others the name matches (with
``strict`` it refuses); where several are as close, the name is ambiguous:
:class:`~carrieres.exceptions.AmbiguousNameError` lists them, closest first. A
reference in a fiche is never mapped to a guess (:meth:`Resolver.reference`).
"""

from __future__ import annotations

import bisect
import csv
import functools
import marshal
import math
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from carrieres._gender import feminine as to_feminine
from carrieres._i18n import _, grouped
from carrieres._shipped import shipped_file
from carrieres._text import clean, fold, tokens
from carrieres.exceptions import AmbiguousNameError, RequestError, UnknownNameError

__all__ = [
    "MAX_NAME_LENGTH",
    "How",
    "Match",
    "NameIndex",
    "Reading",
    "Resolution",
    "Resolver",
    "TradeName",
    "check_name",
    "name_forms",
    "trade_names",
    "trade_reading",
    "trade_words",
]

MAX_NAME_LENGTH = 300
"""The longest name looked up: no job title is longer, and a longer query would only cost time."""

WHOLE_ONLY = 2
"""Names of this priority or above match only whole: the appellations of a job's card, hundreds of
them shared by the jobs of one card, would otherwise make a word such as «support» ambiguous."""

STATE_FORMAT = "carrieres.NameIndex/2"
"""The form of :meth:`NameIndex.state`: another form is not read back."""

CACHED_FROM = 2_000
"""A resolver of at least this many names keeps its index in the cache (:mod:`carrieres._cache`):
below, it is built faster than read back."""

How = Literal["exact", "partial", "group", "none"]
"""How a name was matched."""

_GROUP_PREFIX = re.compile(r"^(?:les\s+)?metiers?\s+(?:de\s+la|de\s+l'|du|des|de)\s*(?P<rest>.+)$")
_PARENTHESES = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inside>[^()]+)\)\s*$")
_FEMININE = re.compile(r"\((?:e|se|ne|ère|ere|euse|rice|trice|le|te)\)", re.IGNORECASE)
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|\bet\b|\bou\b)\s*")


@dataclass(frozen=True)
class Match:
    """Keys matched by one name, closest first, and how.

    ``how`` is ``"exact"``, ``"partial"`` or ``"none"``; ``clear`` says that the
    first key is closer than every other (then :meth:`NameIndex.read` takes it).
    """

    keys: tuple[str, ...]
    how: How
    clear: bool = False


@dataclass(frozen=True)
class TradeName:
    """A row of the trade names table: a form people write, the words it stands for, and where
    that reading comes from (``source``: a ROME 4.0 appellation that writes it, or ``usage``,
    with a ``note`` saying what the form is)."""

    name: str
    stands_for: str
    source: str
    note: str


@functools.cache
def trade_names() -> tuple[TradeName, ...]:
    """The trade's acronyms, short forms and English titles, and the French words they stand for.

    Read from ``data/trade-names.csv`` (shipped with the package); every
    référentiel's lookup reads a name through them.

    Examples
    --------
    >>> [row.stands_for for row in trade_names() if row.name == "DBA"]
    ['administrateur de base de données']
    """
    with shipped_file("trade-names.csv").open(encoding="utf-8", newline="") as file:
        return tuple(TradeName(**row) for row in csv.DictReader(file))


@functools.cache
def trade_words() -> dict[tuple[str, ...], tuple[TradeName, tuple[str, ...]]]:
    """The trade names by their words: the words a form is written with, and those of its feminine
    (``chargée de compte``), → the row and its words.

    Examples
    --------
    >>> trade_words()[("chargee", "compte")][1]
    ('responsable', 'compte')
    """
    table: dict[tuple[str, ...], tuple[TradeName, tuple[str, ...]]] = {}
    for row in trade_names():
        for form in dict.fromkeys((row.name, to_feminine(row.name))):
            table.setdefault(tokens(form), (row, tokens(row.stands_for)))
    return table


def trade_reading(query: Sequence[str]) -> tuple[tuple[str, ...], tuple[TradeName, ...]]:
    """A name's words with each trade form (the longest first) replaced by the words it stands for,
    and the rows used.

    Examples
    --------
    >>> trade_reading(tokens("admin sys"))[0]
    ('administrateur', 'systeme')
    >>> trade_reading(tokens("consultante AMOA"))[0]
    ('consultante', 'assistance', 'maitrise', 'ouvrage')
    """
    table = trade_words()
    longest = max(map(len, table), default=0)
    words: list[str] = []
    used: list[TradeName] = []
    start = 0
    while start < len(query):
        for length in range(min(longest, len(query) - start), 0, -1):
            found = table.get(tuple(query[start : start + length]))
            if found is not None:
                words += found[1]
                used.append(found[0])
                start += length
                break
        else:
            words.append(query[start])
            start += 1
    return tuple(words), tuple(dict.fromkeys(used))


@dataclass(frozen=True)
class _Entry:
    name: str
    key: str
    words: tuple[str, ...]
    priority: int


class _Texts:
    """Texts written end to end in one string, each found by its offset: what the cache holds of
    ROME's 45,000 names in one object instead of 45,000 (a text is made when it is asked for)."""

    def __init__(self, joined: str = "", offsets: bytes = b"") -> None:
        self._joined = joined
        self._offsets = array("I", offsets) if offsets else array("I", [0])

    @classmethod
    def of(cls, texts: Iterable[str]) -> _Texts:
        """The texts, packed."""
        offsets = array("I", [0])
        parts = []
        for text in texts:
            parts.append(text)
            offsets.append(offsets[-1] + len(text))
        return cls("".join(parts), offsets.tobytes())

    def packed(self) -> tuple[str, bytes]:
        return self._joined, self._offsets.tobytes()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, number: int) -> str:
        offsets = self._offsets
        if number < 0:
            raise IndexError(number)
        return self._joined[offsets[number] : offsets[number + 1]]

    def __iter__(self) -> Iterator[str]:
        return (self[number] for number in range(len(self)))


class _Entries:
    """The names of an index, column by column (a name's words joined by spaces): an entry
    (:class:`_Entry`) is made when it is asked for, so that an index read back from the cache
    makes none of ROME's 45,000 until a query reaches them."""

    def __init__(
        self,
        names: list[str] | _Texts | None = None,
        keys: list[str] | None = None,
        words: list[str] | _Texts | None = None,
        priorities: array[int] | None = None,
    ) -> None:
        self.names = names if names is not None else []
        self.keys = keys if keys is not None else []
        self.words = words if words is not None else []
        self.priorities = priorities if priorities is not None else array("i")

    def append(self, name: str, key: str, words: tuple[str, ...], priority: int) -> None:
        """Add an entry (to the columns as lists: those read back from the cache become lists first)."""
        if not isinstance(self.names, list) or not isinstance(self.words, list):
            self.names, self.words = list(self.names), list(self.words)
        self.names.append(name)
        self.keys.append(key)
        self.words.append(" ".join(words))
        self.priorities.append(priority)

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, number: int) -> _Entry:
        words = tuple(self.words[number].split(" "))
        return _Entry(self.names[number], self.keys[number], words, self.priorities[number])

    def __iter__(self) -> Iterator[_Entry]:
        return (self[number] for number in range(len(self)))


class _Postings:
    """The numbers of the entries that hold each word: sets, and, as read back from the cache,
    every word's numbers in one array, made a set for a word when it is first asked for."""

    def __init__(self, words: _Texts | None = None, numbers: bytes = b"", offsets: bytes = b"") -> None:
        self._words = words if words is not None else _Texts()  # in order
        self._numbers = array("I", numbers)
        self._offsets = array("I", offsets) if offsets else array("I", [0])
        self._sets: dict[str, set[int]] = {}

    @classmethod
    def restored(cls, packed: Any) -> _Postings:
        """The postings :meth:`packed` gave."""
        (words, word_offsets), numbers, offsets = packed
        return cls(_Texts(words, word_offsets), numbers, offsets)

    def _place(self, word: str) -> int | None:
        """Where ``word`` is among the words read back from the cache."""
        place = bisect.bisect_left(self._words, word)
        return place if place < len(self._words) and self._words[place] == word else None

    def get(self, word: str) -> set[int]:
        """The entries holding ``word`` (an empty set for a word no entry holds)."""
        found = self._sets.get(word)
        if found is None:
            place = self._place(word)
            if place is None:
                return set()
            found = self._sets[word] = set(self._numbers[self._offsets[place] : self._offsets[place + 1]])
        return found

    def add(self, word: str, number: int) -> None:
        found = self._sets.get(word)
        if found is None:
            found = self._sets[word] = self.get(word)
        found.add(number)

    def count(self, word: str) -> int:
        """How many entries hold ``word``."""
        found = self._sets.get(word)
        if found is not None:
            return len(found)
        place = self._place(word)
        return 0 if place is None else self._offsets[place + 1] - self._offsets[place]

    def __contains__(self, word: str) -> bool:
        return word in self._sets or self._place(word) is not None

    def __iter__(self) -> Iterator[str]:
        yield from self._sets
        yield from (word for word in self._words if word not in self._sets)

    def packed(self) -> tuple[tuple[str, bytes], bytes, bytes]:
        """The words in order, packed, with every word's entries in one array and their offsets."""
        words = sorted(self)
        numbers, offsets = array("I"), array("I", [0])
        for word in words:
            numbers.extend(sorted(self.get(word)))
            offsets.append(len(numbers))
        return _Texts.of(words).packed(), numbers.tobytes(), offsets.tobytes()


@dataclass(frozen=True)
class _Found:
    """One name a query matched, and how closely: :attr:`rank` orders them, closest first."""

    entry: _Entry
    whole: bool
    initials: bool
    inside: bool
    extra: int
    trade: tuple[TradeName, ...]
    left_out: str = ""

    @property
    def rank(self) -> tuple[bool, bool, bool, bool, int, int]:
        """Whole names first, then words written out (not initials), the query as written before
        its reading through trade words, names that begin with the query, names the query lacks
        less of (rare words weigh more), titles before aliases before card names."""
        return (not self.whole, self.initials, bool(self.trade), self.inside, self.extra, self.entry.priority)


@dataclass(frozen=True)
class Reading:
    """How a name was read: the one key it names and what tells so.

    ``matched`` is the name of the key that matched (its title, an alias, an
    appellation of its card: ``priority`` 0, 1, 2 and above); ``trade`` the
    rows of :func:`trade_names` the query was read through; ``others`` the
    other keys the name matches, closest first, when this one was closer than
    all of them; ``left_out`` the word of the name left out to find it (a
    qualifier no name of the key has).
    """

    name: str
    key: str
    matched: str
    how: How
    priority: int
    initials: bool = False
    trade: tuple[TradeName, ...] = ()
    others: tuple[str, ...] = ()
    left_out: str = ""


class NameIndex:
    """Look up keys by name.

    Parameters
    ----------
    entries
        ``(name, key, priority)`` triples: several names may share a key;
        a lower priority wins among exact matches (titles before aliases).
    what
        What the keys are (``"job"``, ``"family"``), for error messages.
    groups
        The family of each key, said in the list of an ambiguous name's choices.

    Examples
    --------
    >>> index = NameIndex([("Ingénieur sécurité", "ingenieur-securite", 0),
    ...                    ("Responsable sécurité des SI", "ingenieur-securite", 1),
    ...                    ("Technicien réseau", "technicien-reseau", 0)])
    >>> index.resolve("INGENIEUR SECURITE")
    'ingenieur-securite'
    >>> index.match("Technicien réseaux")
    Match(keys=('technicien-reseau',), how='exact', clear=True)
    >>> index.match("securite").how
    'partial'
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str, int]],
        *,
        what: str = "job",
        groups: Mapping[str, str] | None = None,
    ) -> None:
        self.what = what
        self._groups = dict(groups or {})
        self._entries = _Entries()
        self._seen: set[tuple[tuple[str, ...], str, int]] | None = set()
        self._display: dict[str, int] = {}
        self._with_word = _Postings()
        self._with_initials = _Postings()
        self._by_trigram: _Postings | None = None  # letter triples → numbers of words in order
        self._words_in_order: Sequence[str] | _Texts = ()
        for name, key, priority in entries:
            self.add(name, key, priority)

    def add(self, name: str, key: str, priority: int = 0) -> None:
        """Add one more name of a key (a name without any word is ignored)."""
        words = tokens(name)
        if self._seen is None:  # read back from the cache: made when first needed
            self._seen = {(entry.words, entry.key, entry.priority) for entry in self._entries}
        if not words or (words, key, priority) in self._seen:
            return  # a form with the words of another (a feminine like the masculine) changes nothing
        self._seen.add((words, key, priority))
        number = len(self._entries)
        self._entries.append(clean(name), key, words, priority)
        shown = self._display.get(key)
        if shown is None or priority < self._entries.priorities[shown]:
            self._display[key] = number
        firsts = "".join(w[0] for w in words)
        for start, word in enumerate(words):
            self._with_word.add(word, number)
            if start + 1 < len(words):  # « hotliner » finds « Hot liner »
                self._with_word.add(word + words[start + 1], number)
            for end in range(start + 2, min(start + 5, len(words)) + 1):
                self._with_initials.add(firsts[start:end], number)
        self._by_trigram = None

    def state(self) -> tuple[object, ...]:
        """The index as plain data (strings, and numbers packed in bytes): what :meth:`restored`
        reads back, fifty times as fast as the names are indexed again (:mod:`carrieres._cache`)."""
        entries = self._entries
        keys = list(dict.fromkeys(entries.keys))
        number = {key: index for index, key in enumerate(keys)}
        return (
            STATE_FORMAT,
            _Texts.of(entries.names).packed(),
            keys,
            array("I", [number[key] for key in entries.keys]).tobytes(),
            _Texts.of(entries.words).packed(),
            entries.priorities.tobytes(),
            dict(self._display),
            self._with_word.packed(),
            self._with_initials.packed(),
            self._trigram_index().packed(),
        )

    @classmethod
    def restored(
        cls, state: object, *, what: str = "job", groups: Mapping[str, str] | None = None
    ) -> NameIndex | None:
        """The index :meth:`state` gave, or ``None`` where ``state`` is not one (of this format).

        Examples
        --------
        >>> index = NameIndex([("Technicien réseau", "tr", 0), ("Technicienne réseau", "tr", 0)])
        >>> NameIndex.restored(index.state()).read("technicienne reseaux").key
        'tr'
        >>> NameIndex.restored(("another", "format")) is None
        True
        """
        values: Any = state
        try:
            form, names, keys, numbers, words, priorities, display, with_word, with_initials, trigrams = (
                values
            )
            if form != STATE_FORMAT:
                return None
            entries = _Entries(
                _Texts(*names),
                [keys[number] for number in array("I", numbers)],
                _Texts(*words),
                array("i", priorities),
            )
            if not len(entries.names) == len(entries.keys) == len(entries.words) == len(entries.priorities):
                return None
            index = cls((), what=what, groups=groups)
            index._entries, index._seen, index._display = entries, None, dict(display)
            index._with_word = _Postings.restored(with_word)
            index._with_initials = _Postings.restored(with_initials)
            index._by_trigram, index._words_in_order = _Postings.restored(trigrams), _Texts(*with_word[0])
        except (AttributeError, IndexError, OverflowError, TypeError, ValueError):
            return None
        return index

    def match(self, name: str, *, cards: bool = True) -> Match:
        """All keys that ``name`` matches, closest first: exactly if possible, else partially
        (``cards``: by the beginning of its cards' names too, where nothing else matches)."""
        found, clear = self._closest(self._matching(name, cards=cards))
        return Match(_unique(f.entry.key for f in found), _how(found), clear)

    def _matching(self, name: str, *, cards: bool = True) -> list[_Found]:
        """The names ``name`` matches in the closest tier: whole names (at the best priority) as
        written, else as read through the trade's words, else names holding its words (titles and
        aliases), else the names of cards that begin with them. Where the name holds trade words,
        its words as written must be written out (``DBA`` is no one's initials)."""
        query = tokens(name)
        if not query:
            return []
        read, trade = trade_reading(query)
        readings = [(query, (), True)] if not trade else [(query, (), False), (read, trade, True)]
        others: list[tuple[tuple[str, ...], tuple[TradeName, ...], bool, _Entry]] = []
        exact: list[list[_Found]] = []
        for words, rows, initials in readings:
            exact.append([])
            for number in sorted(self._fused_candidates(words, initials=initials)):
                entry = self._entries[number]
                whole = _alignment(words, entry.words, whole=True, initials=initials)
                if whole is not None:
                    exact[-1].append(_Found(entry, True, whole[0] > 0, False, 0, rows))
                else:
                    others.append((words, rows, initials, entry))
        # a job's own name the query is wins, as written before as the trade reads it; else a card's
        for tier in [[f for f in e if f.entry.priority < WHOLE_ONLY] for e in exact] + exact:
            if tier:
                best = min(f.entry.priority for f in tier)
                return [f for f in tier if f.entry.priority == best]
        found: list[_Found] = []
        rarity = functools.cache(self._rarity)
        for words, rows, initials, entry in others:
            aligned = _alignment(words, entry.words, whole=False, initials=initials, weight=rarity)
            if aligned is not None:
                used, skipped, extra = aligned
                found.append(_Found(entry, False, used > 0, skipped > 0, extra, rows))
        partial = [f for f in found if f.entry.priority < WHOLE_ONLY]
        return partial or [f for f in found if cards and not f.inside]

    def _rarity(self, word: str) -> int:
        """How much a name word the query lacks sets the name apart from it: the word's inverse
        frequency among the names, in thousandths (``informatique``, in most ROME names, little)."""
        return round(1000 * math.log(len(self._entries) / max(1, self._with_word.count(word))))

    def _fused_candidates(self, query: Sequence[str], *, initials: bool) -> set[int]:
        numbers = self._candidates(query, initials=initials)
        for start in range(len(query) - 1):  # « hot liner » finds « Hotliner », « charg e » « chargée »
            fused = (*query[:start], query[start] + query[start + 1], *query[start + 2 :])
            numbers |= self._candidates(fused, initials=initials)
        return numbers

    def _candidates(self, query: Sequence[str], *, initials: bool = True) -> set[int]:
        """The entries that hold, for every query word, that word or (for a word that may be
        initials) as many consecutive words with those initials: all that :func:`_alignment` can
        accept, found without reading every name (ROME has 30,000), smallest sets first."""
        holding = []
        for word in dict.fromkeys(query):
            entries = self._with_word.get(word)
            if initials and _may_be_initials(word) and word in self._with_initials:
                entries = entries | self._with_initials.get(word)
            if not entries:
                return set()
            holding.append(entries)
        holding.sort(key=len)
        return set(holding[0]).intersection(*holding[1:])

    def _closest(self, found: Sequence[_Found]) -> tuple[list[_Found], bool]:
        """The best name of each key, closest key first, and whether the first key is clearly the
        closest: ahead of the second by how it matched (whole, written out, as written, at the
        beginning of the name), or, among the names of cards, matched by at least three times as
        many."""
        best: dict[str, _Found] = {}
        count: defaultdict[str, int] = defaultdict(int)
        for f in found:
            count[f.entry.key] += 1
            if f.entry.key not in best or f.rank < best[f.entry.key].rank:
                best[f.entry.key] = f
        ranked = sorted(best.values(), key=lambda f: (f.rank, -count[f.entry.key], self.display(f.entry.key)))
        if len(ranked) < 2:
            return ranked, bool(ranked)
        first, second = ranked[0], ranked[1]
        clear = first.rank[:4] < second.rank[:4] or (
            first.entry.priority >= WHOLE_ONLY and count[first.entry.key] >= 3 * count[second.entry.key]
        )
        return ranked, clear

    def lookup(self, name: str) -> Match:
        """The keys :meth:`resolve` would choose among, closest first: those of :meth:`match`,
        else the one key a name matches once a qualifier is left out."""
        found, clear = self._closest(self._matching(name) or self._without_a_qualifier(name))
        return Match(_unique(f.entry.key for f in found), _how(found), clear)

    def names(self) -> list[tuple[tuple[str, ...], str, int]]:
        """Every name as ``(words, key, priority)``: what a second implementation of the lookup
        (the HTML map's search) needs to find what :meth:`lookup` finds."""
        return [(entry.words, entry.key, entry.priority) for entry in self._entries]

    def resolve(self, name: str, *, strict: bool = False) -> str:
        """The one key that ``name`` names (see :meth:`read`)."""
        return self.read(name, strict=strict).key

    def read(self, name: str, *, strict: bool = False) -> Reading:
        """How ``name`` reads: the one key it names, the name of it that matched, and the other
        keys it matches when this one is clearly the closest (``strict``: refused then).

        Raises
        ------
        UnknownNameError
            No key matches; the error carries up to three close names.
        AmbiguousNameError
            Several keys match and none is clearly the closest (or, with
            ``strict``, several match); the error lists them, closest first,
            with the name each matched by when it is not the title.
        RequestError
            The name is empty, longer than :data:`MAX_NAME_LENGTH` characters,
            holds control characters or no letter of the Latin alphabet.

        Examples
        --------
        >>> index = NameIndex([("Administrateur de réseau d'entreprise", "are", 0),
        ...                    ("Ingénieur administrateur système et réseaux", "iasr", 0)])
        >>> reading = index.read("administrateur de reseau")
        >>> reading.key, reading.others
        ('are', ('iasr',))
        """
        check_name(name, self.what)
        found, clear = self._closest(self._matching(name) or self._without_a_qualifier(name))
        if not found:
            read, trade = trade_reading(tokens(name))
            raise UnknownNameError(
                name, self.suggest(name), what=self.what, read_as=" ".join(read) if trade else None
            )
        if len(found) > 1 and (strict or not clear):
            titles = [self.display(f.entry.key) for f in found]
            details = [self._details(f) for f in found]
            raise AmbiguousNameError(name, titles, what=self.what, details=details)
        first = found[0]
        return Reading(
            name,
            first.entry.key,
            first.entry.name,
            _how(found),
            first.entry.priority,
            first.initials,
            first.trade,
            tuple(f.entry.key for f in found[1:]),
            first.left_out,
        )

    def _details(self, found: _Found) -> str:
        """What the list of an ambiguous name's choices says of one beside its title: the name it
        matched by when it is another, and its family."""
        title = self.display(found.entry.key)
        details = [] if found.entry.name == title else [_("as {name!r}").format(name=found.entry.name)]
        if found.entry.key in self._groups:
            details.append(self._groups[found.entry.key])
        return ", ".join(details)

    def _without_a_qualifier(self, name: str) -> list[_Found]:
        """The entries a name (as written, and read through the trade's words where it holds some)
        matches whole, its words written out, once one of its words is left out, when that gives
        one key: « ingénieur sécurité informatique » is *Ingénieur sécurité*, « développeur
        Java » *Développeur*, where nothing is closer; a name that two keys would match so stays
        unknown."""
        query = tokens(name)
        read, trade = trade_reading(query)
        found = [
            _Found(self._entries[number], True, False, False, 0, rows, words[left_out])
            for words, rows in ((query, ()), (read, trade))[: 2 if trade else 1]
            if len(words) >= 2
            for left_out in range(len(words))
            for shorter in [words[:left_out] + words[left_out + 1 :]]
            for number in sorted(self._candidates(shorter, initials=False))
            if _alignment(shorter, self._entries[number].words, whole=True, initials=False)
        ]
        return found if len(_unique(f.entry.key for f in found)) == 1 else []

    def _spelt_alike(self, words: set[str]) -> list[_Entry]:
        """The names holding the most words spelt like the query's (sharing at least half of a
        query word's letter triples), at most :data:`_CLOSEST_READ`: what a misspelt name is
        compared with, in a large index, instead of every name."""
        by_trigram = self._trigram_index()
        held: defaultdict[int, int] = defaultdict(int)
        for query in words:
            grams = _trigrams(query)
            shared: defaultdict[int, int] = defaultdict(int)
            for gram in grams:
                for word in by_trigram.get(gram):
                    shared[word] += 1
            numbers = set().union(
                *(
                    self._with_word.get(self._words_in_order[w])
                    for w, n in shared.items()
                    if 2 * n >= len(grams)
                )
            )
            for number in numbers:
                held[number] += 1
        best = sorted(held, key=lambda number: (-held[number], number))[:_CLOSEST_READ]
        return [self._entries[number] for number in sorted(best)]

    def _trigram_index(self) -> _Postings:
        """The words of the names in order (:attr:`_words_in_order`) by their letter triples,
        made when a misspelt name first needs them."""
        if self._by_trigram is None:
            self._words_in_order = sorted(self._with_word)
            self._by_trigram = _Postings()
            for number, word in enumerate(self._words_in_order):
                for gram in _trigrams(word):
                    self._by_trigram.add(gram, number)
        return self._by_trigram

    def display(self, key: str) -> str:
        """The best name of a key (its title when it has one)."""
        shown = self._display.get(key)
        return key if shown is None else self._entries.names[shown]

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` names close to ``name``, best first.

        Closeness mixes the similarity of the spelling and the share of the
        query's words the name holds.

        Examples
        --------
        >>> NameIndex([("Technicien réseau", "t", 0)]).suggest("tecnicien reso")
        ['Technicien réseau']
        """
        from difflib import SequenceMatcher  # noqa: PLC0415 - only for names not found

        query = fold(clean(name))
        words = set(tokens(name))
        scored: dict[str, float] = {}
        for entry in self._entries if len(self._entries) <= READ_ALL else self._spelt_alike(words):
            spelling = SequenceMatcher(None, query, fold(entry.name)).ratio()
            shared = len(words & set(entry.words)) / len(words) if words else 0.0
            score = max(spelling, 0.5 * spelling + 0.5 * shared)
            if score >= 0.5 and score > scored.get(entry.key, 0.0):
                scored[entry.key] = score
        best = sorted(scored, key=lambda key: (-scored[key], self.display(key)))
        return [self.display(key) for key in best[:limit]]


READ_ALL = 2_000
"""Up to this many names, :meth:`NameIndex.suggest` compares the query with every one; beyond, with
those holding a word spelt like one of its words (:meth:`NameIndex._spelt_alike`)."""

_CLOSEST_READ = 500
"""The most names :meth:`NameIndex.suggest` compares a query with, beyond :data:`READ_ALL`."""


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def check_name(name: str, what: str) -> None:
    """Refuse a name no lookup can answer, saying why: empty, too long, control or invisible
    characters inside it (a line break at its end, as pasted, is not one), or written without a
    letter of the Latin alphabet (in another script).

    Raises
    ------
    RequestError
        The name is one of those.

    Examples
    --------
    >>> check_name("Ingénieur sécurité", "job")
    >>> check_name("Инженер", "job")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.RequestError: the name 'Инженер' is not written in the Latin alphabet: ...
    """
    if len(name) > MAX_NAME_LENGTH:
        msg = _("a name of {count} characters is too long (at most {most})").format(
            count=grouped(len(name)), most=MAX_NAME_LENGTH
        )
        raise RequestError(msg)
    if not name.strip():
        raise RequestError(_("the family name is empty") if what == "family" else _("the job name is empty"))
    control = next((c for c in name.strip() if unicodedata.category(c) in ("Cc", "Cf")), None)
    if control is not None:
        msg = _(
            "the name {name} holds an invisible or control character ({code}): write it on one line, as text"
        )
        raise RequestError(msg.format(name=repr(name), code=f"U+{ord(control):04X}"))
    letters = [c for c in name if c.isalpha()]
    if letters and not any("LATIN" in unicodedata.name(c, "") for c in letters):
        msg = _("the name {name} is not written in the Latin alphabet: the names here are French")
        raise RequestError(msg.format(name=repr(name)))


def _how(found: Sequence[_Found]) -> How:
    if not found:
        return "none"
    return "exact" if found[0].whole else "partial"


def _may_be_initials(word: str) -> bool:
    """Whether a query word may stand for the initials of as many name words (``si``, ``dsi``)."""
    return word.isalpha() and 2 <= len(word) <= 5


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def _alignment(
    query: Sequence[str],
    words: Sequence[str],
    *,
    whole: bool,
    initials: bool = True,
    weight: Callable[[str], int] = lambda word: 1,
) -> tuple[int, int, int] | None:
    """How the query words align with a name's words, in order, at best: ``(initials, skipped,
    extra)``, the query words read as initials, the name words before the first one matched,
    and the ``weight`` of the name words left unmatched (``None``: no alignment).

    With ``whole`` every word of the name is consumed. A query word may also be
    two name words written as one (or the reverse), and a word of two to five
    letters the initials of as many consecutive name words (unless ``initials``
    is false).

    Examples
    --------
    >>> _alignment(("dsi",), ("directeur", "systeme", "information"), whole=True)
    (1, 0, 0)
    >>> _alignment(("securite",), ("ingenieur", "securite"), whole=False)
    (0, 1, 1)
    """

    if tuple(query) == tuple(words):
        return (0, 0, 0)
    memo: dict[tuple[int, int, bool], tuple[int, int, int] | None] = {}

    def walk(q: int, w: int, started: bool) -> tuple[int, int, int] | None:
        if (q, w, started) not in memo:
            memo[q, w, started] = best(q, w, started)
        return memo[q, w, started]

    def best(q: int, w: int, started: bool) -> tuple[int, int, int] | None:
        if q == len(query):
            return None if whole and w < len(words) else (0, 0, sum(map(weight, words[w:])))
        if w == len(words):
            return None
        word = query[q]
        options: list[tuple[int, int, int]] = []

        def step(next_q: int, next_w: int, by_initials: int) -> None:
            found = walk(next_q, next_w, True)
            if found is not None:
                options.append((found[0] + by_initials, found[1], found[2]))

        if word == words[w]:
            step(q + 1, w + 1, 0)
        if w + 1 < len(words) and word == words[w] + words[w + 1]:
            step(q + 1, w + 2, 0)  # one word of the query, two of the name: hotliner, hot liner
        if q + 1 < len(query) and word + query[q + 1] == words[w]:
            step(q + 2, w + 1, 0)
        if initials and _may_be_initials(word):
            span = words[w : w + len(word)]
            if len(span) == len(word) and "".join(part[0] for part in span) == word:
                step(q + 1, w + len(word), 1)
        if not whole:
            skipped = walk(q, w + 1, started)
            if skipped is not None:
                options.append(
                    (skipped[0], skipped[1] + (0 if started else 1), skipped[2] + weight(words[w]))
                )
        return min(options, default=None)

    return walk(0, 0, False)


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
        named = [
            (key, title, tuple(variants), tuple(aliases), tuple(card[0]) if card else ())
            for key, title, variants, aliases, *card in jobs
        ]
        self._families = dict(families or {})
        family_of = {
            key: label for label, keys in self._families.items() if " / " not in label for key in keys
        }
        self.jobs, self.families = _indexes(named, self._families, family_of)

    def resolve(self, name: str, *, strict: bool = False) -> str:
        """The id of the one job ``name`` names (see :meth:`NameIndex.read`)."""
        return self.jobs.resolve(name, strict=strict)

    def reference(self, text: str) -> Resolution:
        """Resolve a reference found in a fiche: a job, or a group of jobs."""
        text = clean(text).strip(" .;:,")
        direct = self.jobs.match(text, cards=False)
        if direct.how == "exact" and len(direct.keys) == 1:
            return Resolution(text, direct.keys, "exact")
        group = _GROUP_PREFIX.match(fold(text))
        if group:
            rest = text[group.start("rest") :]
            family = self.families.match(rest)
            if len(family.keys) == 1:
                label = family.keys[0]
                return Resolution(text, tuple(self._families[label]), "group", group=label)
            named = self.jobs.match(rest, cards=False)
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
            ids = _unique(key for member in members for key in self.jobs.match(member, cards=False).keys)
            return Resolution(text, ids, "group" if ids else "none", members=members)
        if len(direct.keys) == 1:
            return Resolution(text, direct.keys, direct.how)
        return Resolution(text, (), "none", candidates=direct.keys)


_Named = list[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]


def _indexes(
    jobs: _Named, families: dict[str, Sequence[str]], family_of: dict[str, str]
) -> tuple[NameIndex, NameIndex]:
    """The indexes of the jobs' and the families' names: read back from the cache where as many
    names were indexed before (:data:`CACHED_FROM` or more), else built (and, if large, kept)."""
    count = sum(1 + len(variants) + len(aliases) + len(card) for _, _, variants, aliases, card in jobs)
    if count < CACHED_FROM:
        return _built_job_index(jobs, family_of), _built_family_index(families)
    from carrieres import _cache  # noqa: PLC0415 - only for large référentiels

    try:
        kept = _cache.digest(
            "names", marshal.dumps((jobs, {label: tuple(keys) for label, keys in families.items()}))
        )
    except ValueError:  # a name that is not a plain string (a str subclass): not kept
        return _built_job_index(jobs, family_of), _built_family_index(families)
    state = _cache.load(kept)
    if isinstance(state, tuple) and len(state) == 2:
        job_index = NameIndex.restored(state[0], groups=family_of)
        family_index = NameIndex.restored(state[1], what="family")
        if job_index is not None and family_index is not None:
            return job_index, family_index
    job_index, family_index = _built_job_index(jobs, family_of), _built_family_index(families)
    _cache.store(kept, (job_index.state(), family_index.state()))
    return job_index, family_index


def _built_family_index(families: Mapping[str, Sequence[str]]) -> NameIndex:
    """The index of the families' names: a family, a sub-family by its label or its own name."""
    names = [(label, label, 0) for label in families]
    names += [(label.split(" / ", 1)[1], label, 1) for label in families if " / " in label]
    return NameIndex(names, what="family")


def _built_job_index(jobs: _Named, family_of: dict[str, str]) -> NameIndex:
    """The index of the jobs' names, built: titles and their variants first, then aliases, then
    the names of their cards (matched whole only)."""
    entries: list[tuple[str, str, int]] = []
    for key, title, variants, aliases, card in jobs:
        entries += [(form, key, 0) for name in (title, *variants) for form in name_forms(name, feminine=True)]
        entries += [(form, key, 1) for alias in aliases for form in name_forms(alias, feminine=True)]
        entries += [(form, key, WHOLE_ONLY) for name in card for form in name_forms(name)]
    return NameIndex(entries, what="job", groups=family_of)


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
