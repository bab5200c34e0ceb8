"""The errors carrieres raises: a base class and a few typed subclasses.

Each also derives from the builtin a caller would expect (``KeyError`` for an
unknown name, ``ValueError`` for a malformed document), and each message names
the offending input and says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from carrieres._i18n import _, ngettext

__all__ = [
    "AmbiguousNameError",
    "CarrieresError",
    "NoPathError",
    "OutputError",
    "ParseError",
    "PathRequestError",
    "RequestError",
    "UnknownNameError",
]


class CarrieresError(Exception):
    """Base class of every error carrieres raises on purpose.

    ``exit_code`` is the status the command line exits with on this error:
    1 when the input is invalid, 2 when the request is. Each subclass is also
    a built-in exception (``KeyError``, ``ValueError``, ``LookupError``,
    ``OSError``), so that code written for the built-in keeps working.

    Examples
    --------
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> try:
    ...     ref.job("Ingénieur fusée")
    ... except carrieres.CarrieresError as err:
    ...     print(type(err).__name__, err.exit_code, isinstance(err, KeyError))
    UnknownNameError 2 True
    """

    exit_code = 1

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    @property
    def arguments(self) -> list[str]:
        """The arguments of the call the message names, written in it between backquotes (`k`)."""
        return re.findall(r"`(\w+)`", str(self))


class UnknownNameError(CarrieresError, KeyError):
    """A name that matches no job (or family).

    Examples
    --------
    >>> str(UnknownNameError("Ingénieur fusée", ["Ingénieur sécurité"]))
    "unknown job 'Ingénieur fusée'; did you mean: Ingénieur sécurité?"
    """

    exit_code = 2

    def __init__(
        self, name: str, suggestions: Sequence[str] = (), *, what: str = "job", read_as: str | None = None
    ) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        self.what = what
        unknown = _("unknown family {name!r}") if what == "family" else _("unknown job {name!r}")
        message = unknown.format(name=name)
        if read_as is not None:
            message += _(" (read through the trade's words as {words!r})").format(words=read_as)
        if self.suggestions:
            message += _("; did you mean: {names}?").format(names=", ".join(self.suggestions))
        super().__init__(message)


LISTED = 8
"""The most choices the message of an ambiguous name lists (the closest; the error keeps them all)."""


class AmbiguousNameError(CarrieresError, LookupError):
    """A name that matches several jobs as closely; ``candidates`` lists them, closest first.

    ``details`` says, for each, what the message adds to its title: the name
    it matched by when it is not the title, its family.

    Examples
    --------
    >>> print(AmbiguousNameError("architecte", ["Architecte technique", "Ingénieur déploiement réseaux"],
    ...                          details=["", "as 'Architecte réseau'"]))
    ambiguous job name 'architecte'; it matches, the closest first:
      Architecte technique
      Ingénieur déploiement réseaux (as 'Architecte réseau')
    be more precise
    """

    exit_code = 2

    def __init__(
        self, name: str, candidates: Sequence[str], *, what: str = "job", details: Sequence[str] = ()
    ) -> None:
        self.name = name
        self.candidates = list(candidates)
        self.details = list(details) or [""] * len(self.candidates)
        shown = list(zip(self.candidates, self.details, strict=True))[:LISTED]
        listed = "".join(
            "\n  " + (_("{title} ({details})").format(title=title, details=more) if more else title)
            for title, more in shown
        )
        if len(self.candidates) > LISTED:
            more = len(self.candidates) - LISTED
            listed += "\n  " + ngettext("… and {count} more", "… and {count} more", more).format(count=more)
        template = _(
            "ambiguous family name {name!r}; it matches, the closest first:{listed}\nbe more precise"
        )
        if what != "family":
            template = _(
                "ambiguous job name {name!r}; it matches, the closest first:{listed}\nbe more precise"
            )
        super().__init__(template.format(name=name, listed=listed))


class ParseError(CarrieresError, ValueError):
    """A document that cannot be read; ``line`` is where (1-based), when known.

    Examples
    --------
    >>> str(ParseError("the document is empty", source="fiches.txt", line=1))
    'fiches.txt, line 1: the document is empty'
    """

    def __init__(self, message: str, *, source: str = "<document>", line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        template = _("{source}: {message}") if line is None else _("{source}, line {line}: {message}")
        super().__init__(template.format(source=source, line=line, message=message))


class OutputError(CarrieresError, OSError):
    """An output file that cannot or must not be written (it exists and ``force`` is not given, …).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import carrieres
    >>> ref = carrieres.load_referentiel()
    >>> path = Path(tempfile.mkdtemp()) / "ref.json"
    >>> carrieres.save_referentiel(ref, path)
    >>> carrieres.save_referentiel(ref, path)
    Traceback (most recent call last):
    ...
    carrieres.exceptions.OutputError: ...ref.json already exists; use `force` to replace it
    """

    exit_code = 2


class RequestError(CarrieresError, ValueError):
    """A request that cannot be answered as asked (an unknown kind of link, …).

    Examples
    --------
    >>> import carrieres
    >>> carrieres.build_graph(carrieres.load_referentiel(), edges="friendship")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.RequestError: unknown edge kind friendship; choose among prerequisite, ...
    """

    exit_code = 2


class PathRequestError(RequestError):
    """A path request that makes no sense as asked (same start and end, …).

    Examples
    --------
    >>> import carrieres
    >>> G = carrieres.build_graph(carrieres.load_referentiel())
    >>> carrieres.find_paths(G, "Développeur", "développeuse")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.PathRequestError: the start and the destination are the same job (Développeur)
    """


class NoPathError(CarrieresError, LookupError):
    """No route satisfies the request; the message explains what blocks it.

    Examples
    --------
    >>> import carrieres
    >>> fiches = carrieres.build_graph(carrieres.load_referentiel(), edges="proximity,prerequisite")
    >>> try:
    ...     carrieres.find_paths(fiches, "Directeur technique", "Technicien de maintenance")
    ... except carrieres.NoPathError as err:
    ...     print(err)  # doctest: +NORMALIZE_WHITESPACE
    no route from Directeur technique to Technicien de maintenance with links of kind proximity, prerequisite
    Technicien de maintenance cannot be reached from Directeur technique:
      none of the jobs that lead to it (Technicien pilote d’exploitation) can be reached
      from Directeur technique
      no link leads out of Directeur technique
    """
