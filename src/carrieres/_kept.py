"""A référentiel kept in the cache job by job, read back in parts (private).

Loading a référentiel reads its whole file and makes a record of everything
in it: a third of a second for ROME 4.0 (1,584 jobs, 38,000 records), four
for 100,000 jobs (900,000 records), most of it spent checking values that
were already checked the last time the same file was read. What a question
needs of them is often small: the records of the few jobs it reaches, and
the graph (:func:`carrieres.build_graph` keeps its own, see there).

A référentiel is kept here (:func:`keep_referentiel`), in the cache
(:mod:`carrieres._cache`), as each job, each card of its library and each card
item as its own value in marshal's format (quicker to read than JSON), plus
the names the resolver reads; it is read back (:func:`kept_referentiel`) as a
:class:`StoredReferentiel`, which decodes a job when it is first asked for
(and every job where :attr:`jobs` is read).
:func:`carrieres.files.stored_referentiel` tells which files a référentiel
was read from, and keeps and reads it back: :func:`carrieres.load_referentiel`
for référentiels of :data:`KEEP_FROM` jobs or more, the route commands for all.

A stored référentiel answers as the one it was read from (the tests compare
them job by job, route by route and output by output). The cache tells the
file it came from by its content (and the shipped files by their path, size
and time of change, as it tells the package's own modules): a file changed
since is loaded and kept again.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from carrieres import _cache
from carrieres._records import no_collection
from carrieres.models import Job, Referentiel, resolver_inputs
from carrieres.names import Resolver

if TYPE_CHECKING:
    from carrieres.skills import CardLibrary

__all__ = [
    "FORMAT",
    "KEEP_FROM",
    "StoredReferentiel",
    "keep_referentiel",
    "kept",
    "kept_referentiel",
]

FORMAT = "carrieres._kept/1"
"""The shape of the values kept here and by the modules that use it: another shape is never read
back."""

KEEP_FROM = 2_000
"""The fewest jobs of a référentiel :func:`carrieres.load_referentiel` keeps in the cache, and the
fewest of one :func:`carrieres.build_graph` keeps the graph of: below, loading whole is about as
quick as reading back (41 jobs: a few milliseconds)."""


def kept(name: str, fields: int) -> tuple[Any, ...] | None:
    """The value kept under ``name`` where it has this module's shape (:data:`FORMAT`, then
    ``fields`` values), else ``None``: computed again."""
    state = _cache.load(name)
    shaped = isinstance(state, tuple) and len(state) == fields + 1 and state[0] == FORMAT
    return state if shaped else None


def _plain(referentiel: Referentiel, **fields: Any) -> Referentiel:
    """A plain :class:`~carrieres.models.Referentiel` of the same fields (these changed), made
    without a check."""
    made = object.__new__(Referentiel)
    made.__dict__.update({name: getattr(referentiel, name) for name in Referentiel.field_names()}, **fields)
    return made


def keep_referentiel(name: str, referentiel: Referentiel, library: CardLibrary | None) -> bool:
    """Keep a référentiel and the card ``library`` its cards come from (where it uses cards) under
    ``name``; whether it was kept (then ``derived["stored"]`` is ``name``)."""
    head = _plain(referentiel, jobs=[]).to_dict()
    del head["jobs"]  # written one by one
    cards = None
    if library is not None:
        counts, counted = library._counts
        cards = (
            library.version,
            library.credit,
            {code: marshal.dumps(item) for code, item in library.items.items()},
            {code: marshal.dumps(dict(card)) for code, card in library.cards.items()},
            dict(counts),
            counted,
        )
    rows, families = resolver_inputs(referentiel.jobs)
    state = (
        FORMAT,
        head,
        [job.id for job in referentiel.jobs],
        [marshal.dumps(job.to_dict()) for job in referentiel.jobs],
        rows,
        families,
        referentiel.has_fiches,
        cards,
    )
    if not _cache.store(name, state):
        return False
    referentiel.derived["stored"] = name
    return True


def kept_referentiel(name: str, *, keep_from: int = 0) -> StoredReferentiel | None:
    """The référentiel kept under ``name``, where one of ``keep_from`` jobs or more is, else
    ``None``."""
    state = kept(name, 7)
    if state is None or len(state[2]) < keep_from:
        return None
    return StoredReferentiel.restored(state, name)


class _Decoded(Mapping[str, Any]):
    """A mapping whose values are kept in marshal's format and decoded when first asked for (and
    made into records by ``build`` where it is given)."""

    def __init__(self, kept: Mapping[str, bytes], build: Callable[[Any], Any] | None = None) -> None:
        self._kept = kept
        self._build = build
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            data = marshal.loads(self._kept[key])
            self._values[key] = data if self._build is None else self._build(data)
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def __iter__(self) -> Iterator[str]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)


class StoredReferentiel(Referentiel):
    """A référentiel read back from the cache (:func:`kept_referentiel`): a job is decoded when it
    is first asked for by id or name, and every job where :attr:`jobs` is read, so that a question
    about a few jobs reads only theirs. It compares, prints and writes as the référentiel it was
    kept from.
    """

    @classmethod
    def restored(cls, state: tuple[Any, ...], name: str) -> StoredReferentiel:
        """The référentiel a value of :func:`keep_referentiel` holds, kept under ``name``."""
        _format, head, ids, values_of_jobs, rows, families, has_fiches, library = state
        made = object.__new__(cls)
        values = made.__dict__
        values.update(Referentiel.from_checked({**head, "jobs": []}).__dict__)
        del values["jobs"]  # read on demand: __getattr__
        derived: dict[str, Any] = {"stored": name}
        if library is not None:
            from carrieres.skills import CardLibrary  # noqa: PLC0415 - only référentiels with cards

            version, credit, items, cards, counts, counted = library
            kept_library = CardLibrary(version, credit, _Decoded(items), _Decoded(cards))
            kept_library.__dict__["_counts"] = (counts, counted)
            derived["card_library"] = kept_library
        values.update(
            _by_id=_Decoded(dict(zip(ids, values_of_jobs, strict=True)), Job.from_checked),
            has_fiches=has_fiches,
            derived=derived,
            _names=(rows, families),
        )
        return made

    def __getattr__(self, name: str) -> Any:
        if name != "jobs":
            raise AttributeError(name)
        with no_collection():  # 100,000 jobs: 2 s, 5 s more with the collector scanning them
            jobs = self.__dict__["jobs"] = list(self._by_id.values())
        return jobs

    @cached_property
    def resolver(self) -> Resolver:
        """The name resolver, made from the names kept (no job decoded)."""
        rows, families = self.__dict__.get("_names") or resolver_inputs(self.jobs)
        return Resolver(rows, families)

    def __len__(self) -> int:
        return len(self._by_id)

    def whole(self) -> Referentiel:
        """The same référentiel as a plain :class:`~carrieres.models.Referentiel`, every job read."""
        return _plain(self)

    def __eq__(self, other: object) -> bool:
        mine = self.whole()
        return mine == (other.whole() if isinstance(other, StoredReferentiel) else other)

    def __hash__(self) -> int:
        return hash(self.whole())

    def to_dict(self) -> dict[str, Any]:
        """The référentiel as JSON-ready data, as the one it was kept from gives it."""
        return self.whole().to_dict()
