"""The language carrieres speaks: English or French, chosen once, used by everything it writes.

The choice comes from :func:`set_language` (the command line's ``--lang``), else
from the environment as gettext reads it (``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
French where the first set says ``fr…``), else English. Messages are looked up
in the gettext catalog shipped in ``carrieres/locale`` (maintained with Babel:
``make i18n``). Numbers in prose are written the French way in French (``7,5``).

Examples
--------
>>> set_language("fr")
>>> print(_("Start: {job}.").format(job="Développeur"), decimal(7.5))
Départ : Développeur. 7,5
>>> set_language("en")
>>> ngettext("{count} move", "{count} moves", 1).format(count=1)
'1 move'
"""

from __future__ import annotations

import gettext
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "N_",
    "N_plural",
    "_",
    "clauses",
    "decimal",
    "decimal_mark",
    "grouped",
    "language",
    "language_from_environment",
    "ngettext",
    "readable",
    "set_language",
]

LANGUAGES = ("en", "fr")
"""The languages carrieres speaks."""

DOMAIN = "carrieres"
LOCALE = Path(__file__).resolve().parent / "locale"

_state: dict[str, object] = {}


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` where the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set says ``fr…``.

    Examples
    --------
    >>> language_from_environment({"LANG": "fr_FR.UTF-8"}), language_from_environment({"LC_ALL": "C"})
    ('fr', 'en')
    """
    environ = os.environ if environ is None else environ
    chosen = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return "fr" if chosen.lower().startswith("fr") else "en"


def set_language(lang: str | None = None) -> None:
    """Speak ``lang`` (``en`` or ``fr``; ``None``: the environment's) from now on.

    Raises
    ------
    ValueError
        Another language.
    """
    chosen = language_from_environment() if lang is None else lang
    if chosen not in LANGUAGES:
        msg = f"carrieres speaks {' and '.join(LANGUAGES)}, not {chosen!r}"
        raise ValueError(msg)
    _state["language"] = chosen
    _state["catalog"] = gettext.translation(DOMAIN, LOCALE, languages=[chosen], fallback=True)


def language() -> str:
    """The language in use."""
    if "language" not in _state:
        set_language()
    return str(_state["language"])


def _catalog() -> gettext.NullTranslations:
    if "catalog" not in _state:
        set_language()
    catalog = _state["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return catalog


_ELIDED = re.compile(r"(?<![\w’'])([DdQq]u?e) \{(\w*)([^{}]*)\}")
_VOWELS = frozenset("aeiouyœæ")


class Message(str):
    """A translated message whose :meth:`format` elides as French writes: ``de {job}`` with
    *Ingénieur sécurité* gives ``d’Ingénieur sécurité``, ``que {job}`` gives ``qu’Ingénieur…``.

    Examples
    --------
    >>> set_language("fr")
    >>> _("From {start} to {end}").format(start="Ingénieur sécurité", end="Développeur")
    'D’Ingénieur sécurité à Développeur'
    >>> set_language("en")
    """

    def format(self, *args: object, **kwargs: object) -> str:
        """The message with its fields filled in; in French, ``de``/``que`` before a value that
        starts with a vowel elide, and a value quoted as Python writes it (``{name!r}``) is
        quoted as French writes: « name »."""
        template = str(self)
        if language() == "fr" and "{" in template:
            template = _ELIDED.sub(lambda found: _elide(found, args, kwargs), template)
            template = _QUOTED.sub("«\u00a0{\\1}\u00a0»", template)
        return template.format(*args, **kwargs)


_QUOTED = re.compile(r"\{(\w*)!r\}")


def _elide(found: re.Match[str], args: tuple[object, ...], kwargs: dict[str, object]) -> str:
    name = found[2]
    value = kwargs.get(name) if name and not name.isdigit() else None
    if name.isdigit() and int(name) < len(args):
        value = args[int(name)]
    if not isinstance(value, str) or not value or _base_letter(value[0]) not in _VOWELS:
        return found[0]
    return f"{found[1][:-1]}’{{{name}{found[3]}}}"


def _base_letter(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0].lower()


def _(message: str) -> str:
    """The message in the language in use."""
    return Message(_catalog().gettext(message))


def ngettext(singular: str, plural: str, count: int | float) -> str:
    """The singular or plural message for ``count``, in the language in use (French: 0 and 1 singular)."""
    return Message(_catalog().ngettext(singular, plural, int(count) if float(count).is_integer() else 2))


def pgettext(context: str, message: str) -> str:
    """The message in the language in use, told apart from the same English words by ``context``
    (French agrees ``not stated`` with what it qualifies: ``non précisée``, ``non précisé``)."""
    return Message(_catalog().pgettext(context, message))


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined, to be translated where it is used."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural for the catalog, to be translated with :func:`ngettext` where used."""
    return singular, plural


def clauses(parts: Iterable[str]) -> str:
    """Clauses of one sentence, separated as the language writes it: ``a; b`` (French: ``a ; b``).

    Examples
    --------
    >>> set_language("fr")
    >>> print(clauses(["Bac+2", "2 ans"]))  # a no-break space before the semicolon
    Bac+2 ; 2 ans
    >>> set_language("en")
    """
    return _("; ").join(parts)


def grouped(count: int) -> str:
    """A whole number with its thousands grouped as the language writes them: ``10,000`` in
    English, ``10 000`` in French (a narrow no-break space).

    Examples
    --------
    >>> grouped(1_000_000)
    '1,000,000'
    """
    text = f"{count:,}"
    return text.replace(",", "\u202f") if language() == "fr" else text


def decimal(value: float) -> str:
    """A number as prose writes it: ``7.5`` in English, ``7,5`` in French; no needless ``.0``."""
    return decimal_mark(f"{value:g}")


def decimal_mark(number: str) -> str:
    """A number already written with a point, with the language's decimal mark (``0,05`` in French)."""
    return number.replace(".", ",") if language() == "fr" else number


def readable(value: str | bool | float) -> str:
    """A value as a person reads it: ``yes``/``no`` for a flag (``oui``/``non``), a number with the
    language's decimal mark and as many digits as it has.

    Examples
    --------
    >>> readable(True), readable(0.69), readable(3), readable("0110")
    ('yes', '0.69', '3', '0110')
    """
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return decimal_mark(repr(value))
    return str(value)
