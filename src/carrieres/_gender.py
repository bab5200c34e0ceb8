"""The feminine of a French job title, by the rules of French grammar (private).

A title is a head noun, maybe adjectives that agree with it, then complements
that do not (``Ingénieur sécurité``, ``Chef de projet``). The head and the
adjectives right after it take the feminine; the first complement stops it: a
word after a preposition or an apostrophe, or a noun in apposition (a word that
is no adjective: ``sécurité``, ``réseau``). The ending decides:

========================  ==========================================================
``-teur``                 ``-trice`` after a vowel or a ``c`` (directeur, opérateur,
                          éditeur), else ``-teuse`` (acheteur, monteur, testeur)
``-eur``                  ``-euse`` (vendeur, développeur); ``-eure`` for the nouns
                          French makes so (ingénieur, professeur, docteur …)
``-ien``, ``-en``         ``-ienne``, ``-enne``
``-on``                   ``-onne``
``-er``                   ``-ère`` (conseiller, boulanger); English loanwords stay
``-el``                   ``-elle``
``-f``                    ``-ve``
``-x``                    ``-se``
``-e``                    unchanged (analyste, gestionnaire, responsable)
anything else             ``+e`` (consultant → consultante, chargé → chargée)
========================  ==========================================================

A hyphenated word takes the feminine on each part that is a noun or an
adjective (``technico-commercial`` → ``technico-commerciale``).

Examples
--------
>>> feminine("Ingénieur sécurité informatique")
'Ingénieure sécurité informatique'
>>> feminine("Directeur commercial")
'Directrice commerciale'
>>> feminine("Chef de projet")
'Cheffe de projet'
"""

from __future__ import annotations

import re

__all__ = ["feminine"]

_EURE = frozenset(
    {
        "ingénieur",
        "professeur",
        "docteur",
        "proviseur",
        "assesseur",
        "censeur",
        "procureur",
        "gouverneur",
        "auteur",
        "supérieur",
        "inférieur",
        "extérieur",
        "intérieur",
        "antérieur",
        "postérieur",
        "majeur",
        "mineur",
        "meilleur",
        "prédécesseur",
        "successeur",
        "commandeur",
    }
)
"""Nouns in ``-eur`` whose feminine is ``-eure``: no verb lends them an ``-euse``."""

_INVARIABLE = frozenset(
    {
        "manager",
        "leader",
        "trader",
        "planner",
        "reporter",
        "developer",
        "webmaster",
        "buyer",
        "owner",
        "officer",
        "master",
        "builder",
        "junior",
        "senior",
        "chef",
    }
)
"""Words a feminine leaves as they are (English loanwords; ``chef`` has its own rule)."""

_SPECIAL = {
    "chef": "cheffe",
    "ambassadeur": "ambassadrice",
    "hôte": "hôtesse",
    "designer": "designeuse",
    "booker": "bookeuse",
    "maître": "maîtresse",
    "dieu": "déesse",
    "fils": "fille",
    "homme": "femme",
}

_PREPOSITIONS = frozenset(
    {
        "de",
        "du",
        "des",
        "d",
        "en",
        "à",
        "au",
        "aux",
        "pour",
        "sur",
        "dans",
        "chez",
        "par",
        "et",
        "ou",
        "avec",
        "sans",
        "le",
        "la",
        "les",
        "l",
    }
)

_ADJECTIVE_ENDINGS = (
    "al",
    "el",
    "if",
    "eux",
    "ien",
    "ain",
    "ais",
    "ois",
    "ant",
    "ent",
    "oint",
    "é",
    "ier",
    "eur",
    "er",
    "aire",
    "ique",
    "iste",
    "ile",
    "ible",
    "able",
)
"""Endings of French adjectives: a word after the head that ends so agrees with it."""


def _noun_feminine(word: str) -> str:
    """The feminine of one word (lower-case rules, the word's case kept at its start)."""
    lower = word.lower()
    if lower in _SPECIAL:
        return _cased(_SPECIAL[lower], word)
    if lower in _INVARIABLE or not lower or not lower[-1].isalpha():
        return word
    if lower.endswith("maître"):  # contremaître, quartier-maître
        return word + "sse"
    if lower.endswith("e"):
        return word
    if lower in _EURE:
        return word + "e"
    if lower.endswith("teur"):
        vowel_before = lower[-6:-5] in "aeiouéè"  # tuyauteur, traiteur, bruiteur: an -euse
        if lower.endswith(("ateur", "cteur", "pteur", "ulteur", "oteur", "êteur")) or (
            lower.endswith(("iteur", "uteur")) and not vowel_before
        ):
            return word[:-4] + "trice"
        return word[:-3] + "euse"
    if lower.endswith("eur"):
        if lower in _EURE:
            return word + "e"
        return word[:-1] + "se"
    if lower.endswith(("ien", "en", "on")):
        return word + word[-1] + "e"
    if lower.endswith("er"):
        return word[:-2] + "ère"
    if lower.endswith("el"):
        return word + "le"
    if lower.endswith("f"):
        return word[:-1] + "ve"
    if lower.endswith("x"):
        return word[:-1] + "se"
    return word + "e"


def _cased(feminine: str, word: str) -> str:
    return feminine[:1].upper() + feminine[1:] if word[:1].isupper() else feminine


def _is_adjective(word: str) -> bool:
    lower = word.lower().split("-")[-1]
    if lower.endswith(("ité", "été", "eté", "auté", "anté", "ment", "ciel")):  # sécurité, logiciel: nouns
        return False
    return lower.endswith(_ADJECTIVE_ENDINGS) and len(lower) > 4


_PREFIXES = frozenset(
    {"anti", "semi", "mini", "multi", "demi", "vice", "ex", "non", "sous", "co", "pré", "post"}
)
"""Prefixes a hyphen joins to a noun: they take no feminine (``anti-``, ``vice-``)."""


def _word_feminine(word: str) -> str:
    """A word, each part of a compound noun included (``accastilleur-gréeur`` →
    ``accastilleuse-gréeuse``), but not a prefix (``technico-``, ``anti-``)."""
    if "-" not in word:
        return _noun_feminine(word)
    parts = word.split("-")
    head = 1 if parts[0].lower() in _PREFIXES else 0  # sous-officier: the noun after the prefix
    changed = [
        part
        if index < head or part.lower().endswith("o") or (index > head and not _is_adjective(part))
        else _noun_feminine(part)
        for index, part in enumerate(parts)
    ]
    return "-".join(changed)


def feminine(title: str) -> str:
    """The feminine of a masculine job title (see the module docstring).

    Examples
    --------
    >>> feminine("Technicien de maintenance en informatique")
    'Technicienne de maintenance en informatique'
    >>> feminine("Administrateur de bases de données")
    'Administratrice de bases de données'
    >>> feminine("Consultant fonctionnel")
    'Consultante fonctionnelle'
    """
    words = title.split(" ")
    result = []
    agreeing = True
    for position, word in enumerate(words):
        bare = re.sub(r"[()]", "", word)
        lower = bare.lower()
        following = words[position + 1] if position + 1 < len(words) else ""
        if agreeing and lower in {"et", "ou"} and _is_adjective(following):  # administratif et commercial
            result.append(word)
            continue
        if agreeing and (lower in _PREPOSITIONS or "'" in lower or "’" in lower or not bare[:1].isalpha()):
            agreeing = False
        after_aide = position == 1 and words[0].lower() == "aide"  # « Aide maçon »: the noun that follows
        if agreeing and position > 0 and not after_aide and not _is_adjective(bare):
            agreeing = False
        result.append(word.replace(bare, _word_feminine(bare)) if agreeing and bare else word)
    return " ".join(result)
