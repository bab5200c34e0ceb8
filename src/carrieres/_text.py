"""Text helpers shared by the parser and the name resolver (private).

French text is compared after *folding*: accents removed, lower case, every
apostrophe and dash made one character, white space collapsed.  Folding keeps
the length of the string, so a match found in folded text can be cut from the
original at the same offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

APOSTROPHES = "'’‘`´ʼ"
DASHES = "-‐‑‒–—―"

STOP_WORDS = frozenset(
    (
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "un",
        "une",
        "pour",
        "par",
        "sur",
    )
)
"""Words a name's comparison leaves out (articles, prepositions)."""

_NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
}

NUMBER_PATTERN = r"(?:\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
"""A regular expression for a number written in digits or in French words."""


FLAG_WORDS = {"true": True, "false": False, "yes": True, "no": False}
FLAG_WORDS |= {"vrai": True, "faux": False, "oui": True, "non": False}
"""The words a table or a condition writes a flag with (lower case), and the flag each means."""


def _fold_char(char: str) -> str:
    if char in APOSTROPHES:
        return "'"
    if char in DASHES:
        return "-"
    if char.isspace():
        return " "
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return base.lower() if len(base.lower()) == 1 else char.lower()[:1]


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character once, on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold text for comparison, keeping its length.

    Examples
    --------
    >>> fold("Ingénieur SÉCURITÉ d’exploitation")
    "ingenieur securite d'exploitation"
    """
    return text.translate(_FOLD_TABLE)


_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of a text, ended by ``\\n``, ``\\r\\n`` or ``\\r`` only.

    ``str.splitlines`` also ends a line at a form feed (which pdftotext puts at
    each page break), a vertical tab, ``\\x85`` or U+2028, and every line
    number after them would be wrong.

    Examples
    --------
    >>> split_lines("page 1\\x0cpage 2\\r\\nend\\n")
    ['page 1\\x0cpage 2', 'end']
    """
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def line_number(text: str, offset: int) -> int:
    """The 1-based line of a character of ``text``, lines ended as :func:`split_lines` ends them.

    Examples
    --------
    >>> line_number("a\\rb\\r\\nc", 5)
    3
    """
    return len(_LINE_END.findall(text, 0, offset)) + 1


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (control characters but tab and line breaks).

    Examples
    --------
    >>> xml_safe("Chef\\x0bde\\x00 projet\\t")
    'Chefde projet\\t'
    """
    return _NOT_IN_XML.sub("", text)


def is_blank(line: str) -> bool:
    """Whether a line holds only white space (no-break spaces included)."""
    return not line.strip()


def clean(text: str) -> str:
    """Collapse white space and trim a text taken from the document."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Content words of a name, folded, without stop words, singular.

    Hyphens and apostrophes separate words; a plural ``s`` or ``x`` is dropped
    from words of more than three letters, so that singular and plural forms
    compare equal.

    Examples
    --------
    >>> tokens("Administrateur de réseaux d’entreprise")
    ('administrateur', 'reseau', 'entreprise')
    >>> tokens("Gestionnaire de parc micro-informatique")
    ('gestionnaire', 'parc', 'micro', 'informatique')
    """
    words = re.findall(r"[a-z0-9+]+", fold(text).replace("œ", "oe").replace("æ", "ae"))
    return tuple(_singular(word) for word in words if word not in STOP_WORDS)


def _singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def bac_label(level: int) -> str:
    """An education level as people write it: ``Bac`` for 0, ``Bac+N`` above, ``CAP/BEP`` below.

    Examples
    --------
    >>> bac_label(0), bac_label(4), bac_label(-1)
    ('Bac', 'Bac+4', 'CAP/BEP')
    """
    if level < 0:
        return "CAP/BEP"
    return "Bac" if level == 0 else f"Bac+{level}"


DIPLOMA_LEVELS = {
    **dict.fromkeys(("cap", "bep", "capa", "cap bep", "titre professionnel niveau 3"), -1),
    **dict.fromkeys(("bac", "baccalaureat", "bac pro", "bac professionnel", "bp", "bpa", "bac techno"), 0),
    **dict.fromkeys(("high school", "a level", "a levels"), 0),
    **dict.fromkeys(("bts", "btsa", "dut", "deust", "deug"), 2),
    **dict.fromkeys(("licence", "licence pro", "licence professionnelle", "but", "bachelor"), 3),
    **dict.fromkeys(("maitrise", "master 1", "m1"), 4),
    **dict.fromkeys(("master", "master 2", "m2", "ingenieur", "diplome d'ingenieur", "dess", "dea"), 5),
    **dict.fromkeys(("mba", "ecole de commerce", "grande ecole"), 5),
    **dict.fromkeys(("doctorat", "doctorate", "phd", "docteur"), 8),
}
"""Diplomas people name their level by, on the Bac+N scale (−1: below the Bac), folded."""

NATIONAL_LEVELS = {
    "3": -1,
    "4": 0,
    "5": 2,
    "6": 3,
    "7": 5,
    "8": 8,
    "v": -1,
    "iv": 0,
    "iii": 2,
    "ii": 3,
    "i": 5,
}
"""The levels of the French nomenclature of diplomas on the Bac+N scale: the 2019 one (``niveau 3``
CAP … ``niveau 8`` doctorat, the same numbers as the European ``CEC``/``EQF`` levels) and the
1969 one (``niveau V`` CAP … ``niveau I`` Bac+5)."""

_BAC_PLUS = re.compile(r"^(?:bac\s*\+?\s*)?([+-]?\d)$")
_NATIONAL = re.compile(r"^(?:niveau|cec|eqf|rncp)\s*(\d|[iv]+)$")


def education_level(text: str) -> int | None:
    """The Bac+N level a person writes: ``Bac+3``, ``3``, ``Bac``, a diploma (``licence``, ``Master``,
    ``BTS``, ``CAP``, ``ingénieur``, ``doctorat``), any case and accents; ``None`` for anything else.

    Examples
    --------
    >>> [education_level(t) for t in ["Bac+3", "3", "BAC", "licence", "Master", "CAP", "Ingénieur", "x"]]
    [3, 3, 0, 3, 5, -1, 5, None]

    A level of the national nomenclature (:data:`NATIONAL_LEVELS`) is read on it:

    >>> [education_level(t) for t in ["niveau 6", "Niveau 5", "CEC 7", "niveau IV", "niveau 2"]]
    [3, 2, 5, 0, None]
    """
    folded = fold(text).lower()
    found = _BAC_PLUS.match("".join(folded.split()))
    if found:
        return int(found[1])
    national = _NATIONAL.match(" ".join(folded.split()))
    if national:
        return NATIONAL_LEVELS.get(national[1])
    return DIPLOMA_LEVELS.get(" ".join(folded.replace("'s", "").replace("-", " ").split()))


DIRECTOR_WORDS = frozenset({"directeur", "directrice", "dsi", "dirigeant", "dirigeante", "pdg", "president"})
"""Words of a title that name a director (folded, singular): a job at the head of a function."""

MANAGER_WORDS = frozenset(
    {"chef", "cheffe", "manager", "responsable", "superviseur", "superviseuse", "encadrant", "encadrante"}
)
"""Words of a title that name a manager or a lead (folded, singular)."""

ASSISTANT_WORDS = frozenset({"assistant", "assistante", "apprenti", "apprentie", "stagiaire"})
"""Words that, opening a title, make it the assistant of the job it names (*Assistant chef de projet*)."""


@functools.lru_cache(maxsize=4096)
def seniority(title: str) -> int:
    """The level of responsibility a job title names: 2 a director, 1 a manager or lead, 0 otherwise.

    Read from the title's words (:data:`DIRECTOR_WORDS`, :data:`MANAGER_WORDS`);
    a title that opens with an assistant's word (:data:`ASSISTANT_WORDS`) names
    neither. Both forms of a gendered title count (``Directeur / Directrice``).

    Examples
    --------
    >>> [seniority(t) for t in ["Directeur des systèmes d'information -DSI-", "Cheffe de projet",
    ...                         "Assistant chef de projet", "Développeur"]]
    [2, 1, 0, 0]
    """
    words = tokens(title)
    if words and words[0] in ASSISTANT_WORDS:
        return 0
    if DIRECTOR_WORDS.intersection(words):
        return 2
    return 1 if MANAGER_WORDS.intersection(words) else 0


def slug(text: str) -> str:
    """ASCII, lower-case identifier of a title, words joined by ``-``.

    Examples
    --------
    >>> slug("Administrateur de réseau d’entreprise")
    'administrateur-de-reseau-d-entreprise'
    """
    ascii_text = fold(text).replace("œ", "oe").replace("æ", "ae")
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def parse_number(word: str) -> float:
    """Value of a number written in digits or in French words.

    Examples
    --------
    >>> parse_number("trois"), parse_number("2,5")
    (3.0, 2.5)
    """
    folded = fold(word)
    if folded in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[folded])
    return float(folded.replace(",", "."))


def sentence_case(text: str, acronyms: Iterable[str] = ()) -> str:
    """Turn an upper-case heading into a sentence-case title, keeping the given acronyms.

    Examples
    --------
    >>> sentence_case("INGÉNIEUR DÉPLOIEMENT RÉSEAUX")
    'Ingénieur déploiement réseaux'
    >>> sentence_case("ANALYSTE SOC", acronyms=["SOC"])
    'Analyste SOC'
    """
    keep = set(acronyms)
    words = [word if word in keep else word.lower() for word in clean(text).split(" ")]
    lowered = " ".join(words)
    return lowered[:1].upper() + lowered[1:]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at ``.``, ``!`` or ``?`` followed by a space.

    Examples
    --------
    >>> split_sentences("Bac+2. Débutants acceptés.")
    ['Bac+2.', 'Débutants acceptés.']
    """
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", clean(text))
    return [part for part in parts if part]
