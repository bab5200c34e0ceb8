"""Read what a job asks of the people who take it, from French sentences on access.

Two kinds of text are read the same way: the *Prérequis* of a fiche
(:func:`extract_prerequisites`, which also resolves the prior roles it names) and
the *Accès au métier* of a ROME 4.0 card (:func:`read_access`). Each sentence is
read on its own, in clauses cut at ``;``, ``mais`` and ``alors que``; whatever
the text does not say stays ``None``, and every value keeps the sentences it
comes from (``sources``).

Education (``education_min``, ``education_max``), on the Bac+N scale from -1
    ``CAP``, ``BEP``, ``CAPA``, a level-3 title → -1; the Bac, ``Bac pro``,
    ``BP``, ``BPA``, ``BPJEPS``, ``BMA``, ``BTM``, level 4 → 0; ``BTS``, ``BTSA``,
    ``DUT``, ``DEUST``, ``L2``, level 5 → 2; licence, ``BUT``, bachelor,
    level 6 → 3; ``M1``, master 1 → 4; master, diplôme or école d'ingénieur,
    école de commerce, level 7 → 5; doctorat → 8; ``Bac + 2``, ``bac+2``,
    ``Bac+4/5`` as written; a Bac+N above 8 is refused, except beside a
    doctor's diploma, whose long studies (``bac + 11 … docteur en médecine``)
    are the top of the scale, 8. Acronyms count in capitals only (``but`` is
    a word); ``Scrum Master`` is no master.
    ``niveau 3``–``niveau 8`` (the 2019 scale), ``niveau V``–``niveau I`` (the
    old one) and ``CEC 3``–``CEC 8`` count only as a diploma's level: after
    ``diplôme``, ``titre``, ``qualification``, ``certification``, ``formation``
    with nothing but linking words between (``titre à finalité professionnelle
    de niveau 4``), never in ``Secours Civiques de niveau 1``. A CQP, a titre
    professionnel or a Diplôme d'État without a level gives none. A licence
    is a permit, not a diploma, where what follows says so (``licence IV``,
    ``licence d'entraîneur``, ``licence de transport``, or a bare licence
    *délivrée* by someone): it is then a credential.

    Levels joined by ``à``, ``au``, ``jusqu'à``, ``-``, ``ou``, ``/``, ``,``
    (``du Bac au Bac+2``, ``de niveau CAP à Bac +2``, ``Bac (pro, …) à Bac+2
    (BTS, …)``) form one statement; ``à partir d'un``, ``au moins``, ``à
    minima`` before one level, or ``minimum``, ``et plus`` after a statement,
    leave it without a maximum (``à partir d'un Bac+2 à Bac+5`` is a closed
    range). What a statement does for entry depends on its clause:

    * *entry* — after ``accessible``, ``requis``, ``titulaire``, … or with no
      word against it; ``peut être demandé pour les postes de …`` is an entry
      too (it raises the maximum, not the minimum);
    * *alternative* — a lower road that needs experience as well (``Il est
      également accessible avec un Bac+2 complété d'une expérience``, ``(si
      expérience)``): it counts for the minimum, not the maximum;
    * *asset* — only a plus (``atout``, ``un plus``, ``apprécié``, ``peut en
      faciliter l'accès``, ``utile``, ``non obligatoire``): never counted;
    * *advice* (``recommandé``, ``conseillé``, ``souhaité``, ``pertinent``,
      ``privilégié``): counted only where the text names no entry level and
      does not say the job is open without a diploma
      (``Formation recommandée de niveau Bac+5`` → 5).

    The minimum is the lowest entry or alternative level, the maximum the
    highest entry level; a statement without a maximum removes it only where
    it starts at or above that level (``Bac+2 à Bac+4 … Bac+5 et plus`` → no
    maximum, ``Bac+5 … à partir d'un Bac+3`` → 3 to 5).

Open without a diploma (``without_diploma``)
    ``sans diplôme (particulier, spécifique)``, ``sans qualification``, ``sans
    formation (initiale)``, ``sans condition de diplôme``, ``avec ou sans
    diplôme``, ``aucun diplôme … requis``, ``pas conditionné par … un diplôme``
    and ``à tous les niveaux de qualification`` (no diploma is a condition) →
    true; ``ne peut s'exercer sans qualification`` → nothing. The minimum is
    then the lowest level the text names as an entry (``Il est également
    accessible sans diplôme`` beside ``CAP à Bac`` → true, -1 to 0); a
    diploma that is only an asset or an advice gives no minimum
    (``sans diplôme. Un CAP est un plus`` → true, no level).

Experience (``experience_*``, ``beginner_ok``)
    Years are read where they are years *of experience*: ``N ans
    d'expérience`` (or ``d'ancienneté``, ``d'activité professionnelle``), or
    ``une expérience (…) de N ans`` close after the word, in digits or words:
    ``au moins trois années`` → 3 and no maximum, ``3 à 5 ans`` → 3–5,
    ``(minimum 5 ans)``. A training, a validity, a renewal, an age or a
    company's history (``formation de deux ans``, ``renouvelée tous les 5
    ans``, ``existe depuis 5 ans``) is not experience. More than 45 years is
    refused (:class:`~carrieres.exceptions.ParseError`), as is a Bac+N above 8.

    ``experience_role`` is, clause by clause, ``alternative`` where experience
    can replace or complete a diploma (``également accessible avec une
    expérience``, ``ou une expérience``, ``complété d'une expérience``, ``peut
    suffire``), else ``advantage`` where it is only wished (``atout``, ``un
    plus``, ``appréciée``, ``souhaitée``, ``recommandée``, ``valorisée``,
    ``privilégiée``, ``recherchée``, ``si possible``, ``souvent avec
    expérience``, and ``peut être demandée/exigée``: what *may* be asked is
    not required), else ``required`` (``requise``,
    ``indispensable``, ``accessible avec … une expérience``, a number of years,
    or experience stated with no word against it). The text's role is the
    strongest: required, then alternative, then advantage; its years come from
    the sentences of that role. ``experience_unquantified`` says how much
    experience a role without years asks: ``several`` for ``plusieurs`` or
    ``quelques années`` and for an experience ``significative``,
    ``confirmée``, ``solide``, ``longue``; ``first`` for ``une première
    expérience`` and for an experience stated without any amount (``une
    expérience professionnelle dans le secteur``: the least the words ask).
    Experience that is negated (``sans expérience``, ``pas nécessaire``), that
    leads *from* the job (``permet d'évoluer vers``), that exempts from
    something (``en est dispensé``) or that the job gives (``peut être une
    première expérience``) is not a requirement.

    ``beginner_ok`` is true where the text opens the job to beginners
    (``accessible aux débutants``, ``jeunes diplômés``, ``sans expérience``,
    ``expérience … pas indispensable``, ``peut être une première
    expérience``), false where experience is required (in a clause that does
    not open the job to beginners) or a prior role is named, ``None`` where
    it says both or neither.

Credentials (``credentials``)
    Permits (``permis B``, one credential per category: ``permis C et CE`` →
    ``permis C``, ``permis CE``), licences that are permits, professional cards
    (``carte professionnelle G``), registrations (``inscription au tableau de
    l'Ordre des …``), agréments, autorisations, habilitations, certificates
    and attestations with a name, and ``CACES``, ``FIMO``, ``FCO``, ``BAFA``,
    ``BAFD``, ``BNSSA``, ``PSC1``, ``AFGSU``; a name followed by its acronym in
    brackets (or preceded by it) is named by the acronym; a name stops at the
    first word that is not part of it (``délivré``, ``pour``, ``est``, …) and
    keeps eight words at most. Diplomas (CAP, CQP, certificat de
    spécialisation, certifications professionnelles), trainings (a
    *formation* that is obligatory is not a credential), vaccinations, a clean
    criminal record, medical fitness and credentials named only in general
    (``des habilitations spécifiques``, ``des certifications comme …``) are not
    credentials. A credential named twice is kept once, required if either
    sentence requires it. ``required`` is true
    where the clause requires it (``obligatoire``, ``exigé``, ``nécessaire``,
    ``doit être titulaire``, ``il faut``, ``accessible avec``, or nothing said
    against it), false where it is an asset or an advice, where it *may* be
    asked (``peut être demandé``, ``peuvent être exigées``) or is ``non
    obligatoire``.

Sentences left unread (``unread``)
    A sentence that speaks of a diploma, a level, a training or experience
    (``diplôme``, ``niveau``, ``formation``, ``bac``, ``expérience``, ``titre``,
    ``qualification``, ``CQP``, a named diploma) but in which no rule above
    matched.
    A sentence a rule placed is read even where the rule takes no value from
    it (a diploma that is only an asset, experience ``sans expérience``).

Examples
--------
>>> pre = read_access(
...     [("Cet emploi est accessible avec un diplôme de niveau CAP à Bac +2.", 1),
...      ("Il est également accessible avec une expérience professionnelle sans diplôme.", 2),
...      ("Le permis B est exigé.", 3)])
>>> pre.education_min, pre.education_max, pre.without_diploma, pre.experience_role
(-1, 2, True, 'alternative')
>>> [(c.name, c.required) for c in pre.credentials]
[('permis B', True)]
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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Literal

from carrieres._i18n import _
from carrieres._text import NATIONAL_LEVELS, NUMBER_PATTERN, clean, fold, parse_number, split_sentences
from carrieres.exceptions import ParseError
from carrieres.models import Credential, Item, Prerequisites, Reference
from carrieres.names import Resolver

__all__ = ["extract_prerequisites", "read_access"]

MAX_YEARS = 45
"""The most years of experience a sentence may ask; more is an error in the text."""

MAX_LEVEL = 8
"""The top of the Bac+N scale (a doctorate); a higher Bac+N is an error, unless it counts a doctor's
studies (``bac + 11 Diplôme d'État de docteur en médecine`` reads as 8)."""

Kind = Literal["entry", "alternative", "asset", "advice"]
Role = Literal["required", "alternative", "advantage"]
Amount = Literal["first", "several"]
Bounds = tuple[float | None, float | None]

_ROLE_RANK: dict[Role, int] = {"required": 3, "alternative": 2, "advantage": 1}

WINDOW = 240
"""How far (in characters, within its clause) the words that say what a value does are sought."""

# --- words every rule shares (on folded text: no accents, lower case) --------------------------

_CLAUSE_BREAK = re.compile(r";|\bmais\b|\balors qu")
_ASSET = re.compile(  # only a plus
    r"\batouts?\b|\bun plus\b|\bapprecie|\bfacilit|\butiles?\b|\bvaloris|\bnon obligatoire"
    r"|\bpas obligatoire|\bfacultati|\boptionnel|\bun avantage\b|\bbienvenue?s?\b|\bsi possible\b"
    r"|\bpeu\w*\s+(?:\w+\s+)?completer"
)
_ADVICE = re.compile(
    r"\bsouhait|\bconseill|\brecommand|\bpertinent|\bprivilegi|\bde preference\b|\bidealement\b|\benvisag"
    r"|\b(?:est|sont)\s+(?:\w+\s+){0,4}recherchee?s?\b"
)
_MAY = re.compile(  # may be asked: not required
    r"\b(?:peu(?:ven|\(ven\))?t|pourr\w*|pouvant)\s+(?:(?:aussi|egalement|parfois|cependant|donc|etre)\s+){1,3}"
    r"(?:demande|requis|exige|necessaire|impose|obligatoire)"
)
_REQUIRED = re.compile(
    r"\b(?:obligatoires?|exigee?s?|requise?s?|necessaires?|indispensables?|imposee?s?|imperati\w*"
    r"|demandee?s?|incontournables?)\b"
)
_NOT_REQUIRED = re.compile(r"\bn'(?:est|sont)\s+pas\s+(?:\w+\s+)?(?:obligatoire|exige|requis|necessaire)")

# --- education ---------------------------------------------------------------------------------

_BAC = re.compile(
    r"\bbac(?:calaureat)?s?\b(?!\s*\+\s*[a-z])(?:\s*\+\s*(\d+)(?:\s*/\s*(?:bac\s*)?\+?\s*(\d+))?)?"
)
_DOCTORATE = re.compile(r"\bdocteur|\bdoctorat")
_ACRONYMS = {  # matched in capitals only: "but" is a word, "BUT" a diploma
    **dict.fromkeys(("CAP", "CAPA", "BEP", "BEPA"), -1),
    **dict.fromkeys(("BP", "BPA", "BPJEPS", "BMA", "BTM"), 0),
    **dict.fromkeys(("BTS", "BTSA", "DUT", "DEUST", "DEUG", "L2"), 2),
    **dict.fromkeys(("BUT", "L3"), 3),
    "M1": 4,
    "M2": 5,
}
_ACRONYM = re.compile(r"(?<!\w)(" + "|".join(sorted(_ACRONYMS, key=len, reverse=True)) + r")(?!\w)")
_NAMED = [
    (re.compile(r"\bcertificats? d'aptitude professionnelle\b"), -1),
    (re.compile(r"\bbrevets? d'etudes professionnelles\b"), -1),
    (re.compile(r"\bbrevets? de technicien superieur\b"), 2),
    (
        re.compile(
            r"\bbrevets? (?:professionnels?|de technicien|des metiers d'art|techniques? des metiers)\b"
        ),
        0,
    ),
    (re.compile(r"\bdiplomes? universitaires? de technologie\b"), 2),
    (re.compile(r"\bbachelors?\b"), 3),
    (re.compile(r"\blicences?\b"), 3),  # unless a permit: see _LICENCE_PERMIT
    (re.compile(r"(?<!scrum )\bmasters?\s+(?:1|un)\b"), 4),
    (re.compile(r"(?<!scrum )\bmasters?\b(?!\s+(?:1|un|class)\b)"), 5),
    (re.compile(r"\b(?:diplomes?|titres?|ecoles?)\s+(?:superieure?s?\s+)?d'ingenieurs?\b"), 5),
    (re.compile(r"\becoles?\s+(?:superieure?s?\s+)?de commerce\b"), 5),
    (re.compile(r"\bdoctorats?\b"), 8),
]
_LICENCE_PERMIT = re.compile(
    r"\s*(?:(?:iv|i{1,3}|v)\b|(?:europeenne|annuelle|federale|sportive)\b"
    r"|(?:\w+\s+)?(?:de\s+|d')(?:[a-z-]*(?:eur|euse|ier|iere|iste)|pilote|agent|transport|vente|exploitation"
    r"|debit|capitaine|conducteur|chauffeur|taxi|peche|chasse)s?\b)"
)
_LEVEL_WORD = r"(?:[1-9]|iv|v|iii|ii|i)\b"
_SCALE = re.compile(
    rf"\b(?P<word>niveaux?|cec)\s+(?P<a>{_LEVEL_WORD})"
    rf"(?:\s*(?:a|ou|/|-|et)\s*(?:niveau\s+)?(?P<b>{_LEVEL_WORD}))?"
)
_DIPLOMA_NOUN = re.compile(
    r"\b(?:diplomes?|titres?|qualifications?|certifications?|formations?|etudes)\b(?P<glue>[^.;,()]{0,45})$"
)
_GLUE = frozenset(  # words that may stand between a diploma and its "niveau N"
    (
        *("de", "d'", "du", "un", "une", "au", "a", "le", "la", "l'", "egal", "ou", "superieur", "minimum"),
        *("niveau", "finalite", "professionnelle", "professionnel", "reconnu", "reconnue", "equivalent"),
    )
)
_SCALE_AFTER = re.compile(r"\s*(?:cec\b|rncp\b|\((?:cap|bep|bac|bts|dut|licence|master))")
_RANGE_LINK = re.compile(
    r"^[\s,]*(?P<link>a|au|aux|jusqu'a|jusqu'au|-|/|ou|et|voire)?\s*"
    r"(?:un |une |la |le |l'|des |d'un |d'une )?"
    r"(?:(?:diplome|niveau|formation|titre)s?\s+(?:de\s+|d')?(?:niveau\s+)?)?$"
)
_RANGE_WORDS = frozenset({"a", "au", "aux", "jusqu'a", "jusqu'au", "-"})
_OPEN_BEFORE = re.compile(
    r"(?:a partir d|au moins|au minimum|\bminimum|a minima|plus de|superieure?s? (?:ou egale? )?(?:a|au)\b)"
    r"[^.;]{0,50}$"
)
_OPEN_AFTER = re.compile(
    r"^\s*\)?\s*(?:et plus|ou plus|minimum|minimun|au minimum|au moins|ou superieur|mini)\b"
)
_ENTRY_BEFORE = re.compile(
    r"\baccessibles?\b|\bouverts?\b|\brequis|\bexige|\bnecessit|\brequiert|\btitulaires?\b|\bdetent|\bs'exerce"
    r"|\bacces\b|\brecrut|\bconditionne|\bniveaux? d'etudes"
)
_ALTERNATIVE_BEFORE = re.compile(
    r"\b(?:egalement|aussi)\s+(?:\w+\s+)?(?:accessible|possible|ouvert)|\bil est (?:\w+ )?possible d"
    r"|\b(?:accessible|possible|ouvert)e?s?\s+(?:\w+\s+)?(?:egalement|aussi)\b|\bou (?:avec|par)\s"
)
_WITH_EXPERIENCE_AFTER = re.compile(
    r"^[^.;]{0,80}?(?:(?:complete|accompagne|assorti)e?s?\s+(?:par\s+|d'|de\s+)(?:une\s+|de\s+l'|des\s+)?experience"
    r"|\bsi experience|\bselon (?:l')?experience|\ben fonction de l'experience)"
)

# --- without a diploma ---------------------------------------------------------------------------

_WITHOUT_DIPLOMA = re.compile(
    r"\bsans\s+(?:aucune?\s+)?(?:diplome|qualification|formation|condition\s+de\s+diplome|le\s+bac\b)"
    r"|\ba\s+tous\s+les\s+niveaux\s+de\s+qualification"
    r"|\baucune?\s+(?:diplome|qualification|formation)\b[^.;]{0,60}\b(?:requis|exige|necessaire|obligatoire)"
    r"|\bpas\s+conditionne\s+par\s+(?:la\s+detention\s+d'un\s+)?(?:diplome|niveau)"
)
_NOT_WITHOUT = re.compile(
    r"\b(?:ne|n')\s*(?:\w+\s+){0,2}(?:s'exercer|exercee?s?|accessibles?|pratiquee?s?)\s*$"
)

# --- experience ----------------------------------------------------------------------------------

_EXPERIENCE = re.compile(
    r"\bexperiences?\b(?!\s+(?:utilisateur|client|usager))|\banciennete\b|\bactivite professionnelle\b"
)
_UNIT = r"(?:ans|an|annees|annee)\b"
_YEARS = re.compile(
    r"(?P<pre>\b(?:au moins|au minimum|minimum|plus de|pas moins de|environ|pres de|approximativement|entre)"
    r"\s+(?:de\s+|d')?)?"
    rf"\b(?P<low>{NUMBER_PATTERN})(?:\s*(?:a|-|et|ou)\s*(?P<high>{NUMBER_PATTERN}))?\s*{_UNIT}"
)
_YEARS_OF = re.compile(  # "3 ans d'expérience"
    r"^\s*(?:minimum\s+|minimun\s+)?(?:d'|de\s+)(?:experience|anciennete|pratique|activite professionnelle"
    r"|exercice)\w*"
)
_YEARS_BLOCKED = re.compile(  # words between "expérience" and years that make the years another thing's
    r"\b(?:formation|diplome|etudes?|stage|validite|valable|tous|depuis|cursus|contrat|sejour|agee?|periode"
    r"|renouvel\w*|prise)\b"
)
_OPEN_YEARS = re.compile(r"^\s*\)?\s*(?:minimum|minimun|mini|au minimum|au moins|et plus|ou plus)\b")
_NO_EXPERIENCE = re.compile(
    r"\bsans\s+(?:aucune\s+)?experience|\bni\s+(?:aucune\s+)?experience|\baucune\s+experience"
    r"|\bsans\s+(?:\w+\s+){1,2}(?:ou|ni)\s+(?:d'|de\s+l')?experience"
    r"|\bpas\s+(?:\w+\s+){0,2}(?:necessaire|requis|exige|obligatoire|indispensable|besoin)\w*\b[^.;]{0,30}"
    r"\bexperience"
    r"|\bexperience\b[^.;]{0,60}\b(?:n'est|ne sont)\s+pas\s+(?:\w+\s+)?"
    r"(?:necessaire|requise|exigee|obligatoire|indispensable)"
    r"|\bexperience\b[^.]{0,80}\bmais\s+pas\s+(?:indispensable|obligatoire|necessaire|exigee|requise)"
    r"|\bexperience\s+non\s+(?:requise|exigee|obligatoire)"
)
_GIVES_EXPERIENCE = re.compile(
    r"\b(?:peut|pourra|peuvent)\s+(?:etre|constituer)\s+une\s+premiere\s+experience"
)
_NOT_FOR_ENTRY = re.compile(r"\bevolu\w*|\bprogress\w*|\bpromotion\b|\bpromu|\bdispense")
_ALTERNATIVE_EXPERIENCE = re.compile(
    r"\bou\s+(?:avec\s+|par\s+)?(?:une\s+|de\s+l'|d'une\s+)?(?:\w+\s+)?experience"
    r"|\bformation\s+ou\s+(?:une\s+|d'une\s+)?experience|\bexperience\s+ou\s+(?:une\s+|d'une\s+)?formation"
    r"|\b(?:complete|accompagne|assorti)e?s?\s+(?:par\s+|d'|de\s+)(?:une\s+|de\s+l'|des\s+)?experience"
    r"|\bsi experience|\bselon (?:l')?experience|\ben fonction de l'experience"
    r"|\bpeu\w*\s+(?:aussi\s+|egalement\s+|parfois\s+)?(?:suffire|permettre)"
)
_HEDGE = re.compile(
    r"\b(?:souvent|parfois|idealement|eventuellement)\s+avec\s+(?:une\s+|de\s+l')?experience"
    r"|\bexperiences?\s+(?:souvent|parfois)\b"
)
_HEDGE_BEFORE = re.compile(r"\b(?:si possible|idealement|de preference|eventuellement)\b")
_SEVERAL = re.compile(
    r"\b(?:plusieurs|quelques|nombreuses)\s+(?:annees|ans|experiences)"
    r"|\b(?:longue|solide|significative|confirmee|averee|approfondie|eprouvee|consequente|serieuse)s?\b"
)
_BEGINNERS_YES = re.compile(
    r"(?:accessibles?|ouverts?)\s+(?:a|aux|par|pour)\s+(?:des\s+)?(?:jeunes\s+)?debutants"
    r"|debutants?\s+(?:acceptes?|bienvenus?|admis)"
    r"|(?:pas|aucunement)\s+(?:\w+\s+){0,2}(?:necessaire|requis|exige|obligatoire)\w*\s+d'avoir\s+(?:une\s+)?experience"
    r"|\bsans\s+experience|\baucune\s+experience\s+(?:n'est\s+)?(?:requise|exigee|necessaire)"
    r"|\bjeunes?\s+diplomes?"
)
_BEGINNERS_NO = re.compile(
    r"(?:pas|non)\s+accessibles?\s+(?:a|aux)\s+(?:des\s+)?debutants|debutants?\s+(?:non|pas)\s+(?:acceptes?|admis)"
)

# --- prior roles (fiches) ------------------------------------------------------------------------

_NEGATION = re.compile(
    r"(?:\bpas\b|\baucune?\b|\bsans\b)[^.]{0,40}\bexperience|\bexperience[^.]{0,20}\bnon\b"
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

# --- credentials ---------------------------------------------------------------------------------

_KNOWN_CREDENTIALS = ("CACES", "FIMO", "FCO", "BAFA", "BAFD", "BNSSA", "PSC1", "AFGSU")
_CREDENTIAL_ACRONYM = re.compile(r"(?<!\w)(" + "|".join(_KNOWN_CREDENTIALS) + r")(?!\w)")
_SPELLED_CREDENTIALS = [
    (re.compile(r"\bcertificats?\s+d'aptitude\s+a\s+la\s+conduite\s+en\s+securite\b"), "CACES"),
    (re.compile(r"\bformation\s+initiale\s+minim(?:um|ale)\s+obligatoire\b"), "FIMO"),
    (re.compile(r"\bformation\s+continue\s+obligatoire\b"), "FCO"),
    (re.compile(r"\bbrevet\s+d'aptitude\s+aux\s+fonctions\s+d'animateur\b"), "BAFA"),
    (re.compile(r"\bbrevet\s+d'aptitude\s+aux\s+fonctions\s+de\s+directeur\b"), "BAFD"),
]
_CREDENTIAL_HEAD = re.compile(
    r"\b(?P<head>permis|licences?|cartes?\s+(?:professionnelles?|de\s+qualification|de\s+commerce)"
    r"|inscriptions?|enregistrements?|immatriculations?|agrements?|autorisations?|habilitations?"
    r"|certificats?|certifications?|attestations?)\b"
)
_BARE_CREDENTIALS = frozenset({"agrement", "autorisation", "licence"})  # a credential even without a name
_NOT_CREDENTIALS = re.compile(  # diplomas, and the criminal record's "bulletin"
    r"^\s+(?:d'aptitude professionnelle|de qualification professionnelle|de specialisation"
    r"|d'aptitude a la conduite|professionnelles?\b|de niveau|d'un niveau|au bulletin)"
)
_REGISTRATION = re.compile(
    r"^\s+(?:au tableau|a l'ordre|au registre|au repertoire|a l'orias|sur (?:une|la) liste|aupres)"
)
_ANAPHORA = re.compile(r"\b(?:ce|cet|cette|ces|aucune?|leurs?|son|sa|ses)\s+$")
_NAME_STOP = re.compile(
    r"[,;:.()«»\"]|\s-\s|\s(?:de|d')\s*\d"
    r"|\s(?:est|sont|peu\w*|pourr\w*|doi\w*|ser\w*|delivr\w*|valables?|valides?|renouvel\w*|obligatoires?"
    r"|exige\w*|requis\w*|necessaire\w*|indispensable\w*|conditionn\w*|pour|afin|selon|dans|ainsi|qui|que|qu'"
    r"|comme|tel\w*|et|ou|avec|par|mais|bien|hors|lors|apres|sauf|soumis\w*|prevu\w*|permet\w*|atteste\w*"
    r"|mentionn\w*|figurant|recommand\w*|conseill\w*|apprecie\w*|utiles?|propose\w*|sur|en cas|a jour|ne"
    r"|n'\w*)\b"
)
_GENERIC = frozenset(  # words that leave a credential unnamed ("des habilitations spécifiques")
    (
        *("specifique", "specifiques", "complementaire", "complementaires", "particuliere", "particulieres"),
        *("particulier", "particuliers", "professionnelle", "professionnelles", "professionnel"),
        *("professionnels", "reglementaire", "reglementaires", "diverses", "divers", "certaines", "certains"),
        *("adaptee", "adaptees", "speciale", "speciales", "specialisee", "specialisees", "maritimes"),
        *("maritime", "courante", "courantes", "reconnue", "reconnues", "plus", "avancee", "avancees"),
        *("identifiee", "identifiees", "suivante", "suivantes", "ci-apres", "ci-dessous"),
        *("de", "des", "d'", "du", "la", "le", "l'", "les", "a", "au", "aux", "en"),
    )
)
_JOINED = re.compile(r"\s(?:et|ou|en)\s")
_TRAILING = frozenset(("de", "d'", "du", "des", "la", "le", "l'", "a", "au", "aux", "en", "et", "ou"))
_ACRONYM_AFTER = re.compile(r"[^,;.()]{0,90}?(?:\(\s*|\s-\s*)(?P<acronym>[A-Z][A-Z0-9]{1,9})\s*[)-]")
_ACRONYM_BEFORE = re.compile(r"(?<!\w)([A-Z][A-Z0-9]{1,9})\s*\(\s*(?:l'|le |la |les )?$")
_PERMIT_WORDS = re.compile(
    r"(?:\s+de\s+conduire)?(?:\s+(?:poids[\s-]lourds?|moto|pl))?"
    r"(?:\s+(?:de\s+la\s+|des\s+|de\s+)?categories?)?\s+"
)
_CATEGORY = r"(?:AM|A1|A2|B1|BE|C1E|C1|CE|D1E|D1|DE|A|B|C|D)(?!\w)"
_PERMIT_CATEGORIES = re.compile(
    rf"{_CATEGORY}(?:\s*(?:,|/|et/ou|et|ou)\s*(?:parfois\s+)?(?:le\s+|la\s+)?{_CATEGORY})*"
)

# --- sentences left unread -----------------------------------------------------------------------

_SPEAKS_OF_ACCESS = re.compile(
    r"\bdiplom|\bniveau|\bformation|\bbac\b|\bexperience|\btitre|\bqualification|\bcertification|\blicence"
    r"|\bmaster|\bdoctorat|\bcqp\b"
)


@dataclass(frozen=True)
class _Sentence:
    text: str
    folded: str
    line: int

    def item(self) -> Item:
        return Item(text=self.text, line=self.line)

    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        """Where the clauses are cut: ``;``, ``mais``, ``alors que``."""
        return [match.span() for match in _CLAUSE_BREAK.finditer(self.folded)]

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """The start and end of each clause."""
        starts = [0, *(end for _, end in self.breaks)]
        ends = [*(start for start, _ in self.breaks), len(self.folded)]
        return list(zip(starts, ends, strict=True))

    @cached_property
    def cuts(self) -> list[int]:
        """Where each clause break starts."""
        return [start for start, _ in self.breaks]

    def clause(self, position: int) -> tuple[int, int]:
        """The start and end of the clause a position falls in."""
        return self.clauses[bisect_right(self.cuts, position)]

    @cached_property
    def depths(self) -> list[int]:
        """How many brackets are open before each position."""
        depths, depth = [0], 0
        for char in self.folded:
            depth = depth + 1 if char == "(" else max(depth - 1, 0) if char == ")" else depth
            depths.append(depth)
        return depths

    @cached_property
    def another_road(self) -> int | None:
        """Where the sentence starts speaking of another road to the job (``également accessible``)."""
        match = _ALTERNATIVE_BEFORE.search(self.folded)
        return match.end() if match and _EXPERIENCE.search(self.folded) else None

    @cached_property
    def unnamed(self) -> str:
        """The sentence without the spelled names of credentials (``formation continue obligatoire``),
        whose words would say whether they are required."""
        folded = self.folded
        for pattern, _name in _SPELLED_CREDENTIALS:
            folded = pattern.sub(lambda m: " " * len(m[0]), folded)
        return folded

    def error(self, message: str, source: str) -> ParseError:
        """The error a value of this sentence raises (``message`` quotes the sentence)."""
        return ParseError(message, source=source or "<document>", line=self.line)


@dataclass(frozen=True)
class _Level:
    low: int
    high: int | None  # None: no maximum (``à partir d'un Bac+2``)
    kind: Kind
    sentence: _Sentence


@dataclass(frozen=True)
class _Experience:
    role: Role
    years: tuple[float, float | None] | None
    amount: Amount | None
    sentence: _Sentence
    for_beginners: bool  # its clause also opens the job to beginners


def read_access(
    lines: Sequence[tuple[str, int]],
    resolver: Resolver | None = None,
    *,
    job_id: str = "",
    source: str = "",
) -> Prerequisites:
    """Read the prerequisites a French text on access states, sentence by sentence.

    The rules are listed in :mod:`carrieres.prerequisites`.

    Parameters
    ----------
    lines
        ``(text, line number)`` of each line: a fiche's *Prérequis* section,
        or the sentences of a ROME card's *Accès au métier* numbered 1, 2, …
    resolver
        Resolves the prior roles the text names (the jobs of the same
        référentiel); ``None`` reads no prior role (a ROME text names
        sectors, not jobs).
    job_id
        The text's own job, left out of the groups of jobs a prior role names.
    source
        The name of the text, for the errors (``rome-v4 M1805 (accès au métier)``).

    Returns
    -------
    Prerequisites
        The values the text states, ``None`` (or empty) where it does not,
        the sentences each comes from, and the sentences left unread.

    Raises
    ------
    ParseError
        A sentence asks more than 45 years of experience, or a level above
        Bac+8; the message quotes it and gives its line.

    Examples
    --------
    >>> pre = read_access(
    ...     [("Cet emploi est accessible avec un diplôme de niveau Bac+5 en informatique.", 1),
    ...      ("Une première expérience est souhaitée.", 2)])
    >>> pre.education_min, pre.education_max, pre.experience_role, pre.experience_unquantified
    (5, 5, 'advantage', 'first')
    >>> read_access([("Une expérience de 50 ans est exigée.", 3)], source="card")
    Traceback (most recent call last):
    ...
    carrieres.exceptions.ParseError: card, line 3: 50 years of experience is more than a working life \
(45 at most) in 'Une expérience de 50 ans est exigée.'
    """
    sentences = [
        _Sentence(sentence, fold(sentence), number)
        for text, number in lines
        for sentence in split_sentences(text)
    ]
    reading = _Reading(sentences, source)
    references = _prior_roles(sentences, resolver, reading, job_id) if resolver is not None else []
    return reading.prerequisites("\n".join(clean(text) for text, _ in lines), references)


def extract_prerequisites(
    lines: Sequence[tuple[str, int]], resolver: Resolver, *, job_id: str = "", source: str = ""
) -> Prerequisites:
    """Read the prerequisites of a fiche's *Prérequis* section: :func:`read_access` with its prior roles.

    Parameters
    ----------
    lines
        ``(text, line number)`` of each line of the section.
    resolver
        Resolves the prior roles the text names.
    job_id
        The fiche's own job, left out of the groups of jobs a prior role names.
    source
        The document's file name, for the errors.

    Returns
    -------
    Prerequisites
        Values the text states, ``None`` where it does not, and the sentence
        each value comes from.

    Raises
    ------
    ParseError
        A sentence asks more than 45 years of experience, or a level above Bac+8.

    Examples
    --------
    >>> from carrieres.names import Resolver
    >>> resolver = Resolver([("support", "Support technique", [], [])])
    >>> pre = extract_prerequisites(
    ...     [("Une formation de niveau Bac+5 et une expérience de plusieurs années.", 12)], resolver)
    >>> pre.education_min, pre.experience_role, pre.experience_unquantified, pre.beginner_ok
    (5, 'required', 'several', False)
    """
    return read_access(lines, resolver, job_id=job_id, source=source)


class _Reading:
    """What each rule reads in the sentences of one text, and which sentences a rule placed."""

    def __init__(self, sentences: Sequence[_Sentence], source: str) -> None:
        self.sentences = sentences
        self.levels = [level for s in sentences for level in _levels(s, source)]
        self.without = [s for s in sentences if _without_diploma(s.folded)]
        self.experiences = [e for s in sentences for e in _experiences(s, source)]
        self.beginners = [s for s in sentences if _opens_to_beginners(s.folded)]
        self.not_beginners = [s for s in sentences if _BEGINNERS_NO.search(s.folded)]
        self.credentials, named = _credentials(sentences)
        self.sources: dict[str, Item] = {}
        self.placed: set[_Sentence] = {
            *(level.sentence for level in self.levels),
            *(e.sentence for e in self.experiences),
            *self.without,
            *self.beginners,
            *self.not_beginners,
            *named,
        }

    def keep(self, key: str, sentences: Iterable[_Sentence]) -> None:
        """Record the sentences a value comes from (joined, at the first one's line)."""
        unique = list(dict.fromkeys(sentences))
        if unique:
            self.sources[key] = Item(text=" ".join(s.text for s in unique), line=unique[0].line)
            self.placed.update(unique)

    def prerequisites(self, text: str, references: list[Reference]) -> Prerequisites:
        low, high = self.education()
        role, years, amount = self.experience()
        return Prerequisites(
            text=text,
            education_min=low,
            education_max=high,
            experience_min_years=years[0],
            experience_max_years=years[1],
            beginner_ok=self.beginner_ok(role, references),
            prior_roles=list(dict.fromkeys(i for r in references for i in r.ids)),
            unresolved_prior_roles=[r.text for r in references if not r.ids],
            prior_role_references=references,
            sources=self.sources,
            without_diploma=self.without_diploma(),
            experience_role=role,
            experience_unquantified=amount,
            credentials=self.credentials,
            unread=[s.item() for s in self.sentences if s not in self.placed and _speaks_of_access(s)],
        )

    def education(self) -> tuple[int | None, int | None]:
        """The lowest entry or alternative level, and the highest entry level (advice where nothing else)."""
        entries = [level for level in self.levels if level.kind == "entry"]
        alternatives = [level for level in self.levels if level.kind == "alternative"]
        if not entries and not alternatives and not self.without:
            entries = [level for level in self.levels if level.kind == "advice"]
        if not entries and not alternatives:
            return None, None
        self.keep("education", (level.sentence for level in [*entries, *alternatives]))
        return min(level.low for level in [*entries, *alternatives]), _highest(entries or alternatives)

    def without_diploma(self) -> bool | None:
        self.keep("without_diploma", self.without)
        return True if self.without else None

    def experience(self) -> tuple[Role | None, Bounds, Amount | None]:
        """The strongest role, with the years (else the amount) of the sentences that give it."""
        if not self.experiences:
            return None, (None, None), None
        role = max((e.role for e in self.experiences), key=_ROLE_RANK.__getitem__)
        chosen = [e for e in self.experiences if e.role == role]
        self.keep("experience", (e.sentence for e in chosen))
        years = _merge([e.years for e in chosen if e.years is not None])
        if years[0] is not None:
            return role, years, None
        return role, years, "several" if any(e.amount == "several" for e in chosen) else "first"

    def beginner_ok(self, role: Role | None, references: Sequence[Reference]) -> bool | None:
        """True where the text opens the job to beginners, false where it requires experience, else None."""
        yes = self.beginners
        no = [s for s in self.not_beginners if s not in yes]
        if role == "required":
            no += [e.sentence for e in self.experiences if e.role == "required" and not e.for_beginners]
        if not no and references and "prior_roles" in self.sources:
            source = self.sources["prior_roles"]
            no = [_Sentence(source.text, fold(source.text), source.line)]
        if yes and not no:
            self.keep("beginner_ok", yes)
            return True
        if no and not yes:
            self.keep("beginner_ok", no)
            return False
        return None


def _opens_to_beginners(folded: str) -> bool:
    """Whether a sentence opens the job to beginners: ``débutants``, ``sans expérience``, ``peut être une
    première expérience``."""
    return any(p.search(folded) for p in (_BEGINNERS_YES, _NO_EXPERIENCE, _GIVES_EXPERIENCE))


def _speaks_of_access(sentence: _Sentence) -> bool:
    """Whether a sentence speaks of a diploma, a level, a training or experience."""
    return bool(_SPEAKS_OF_ACCESS.search(sentence.folded) or _ACRONYM.search(sentence.text))


def _highest(levels: Sequence[_Level]) -> int | None:
    """The highest level stated; none where an open statement (``Bac+4 et plus``) reaches above it."""
    closed = [level.high for level in levels if level.high is not None]
    reaching = [level.low for level in levels if level.high is None]
    if not closed or (reaching and max(reaching) >= max(closed)):
        return None
    return max(closed)


def _merge(found: Sequence[tuple[float, float | None]]) -> Bounds:
    """Lowest minimum and highest maximum; no maximum when one is open."""
    if not found:
        return None, None
    highs = [high for _, high in found]
    high = None if None in highs else max(h for h in highs if h is not None)
    return min(low for low, _ in found), high


# --- education --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    low: int
    high: int


def _levels(sentence: _Sentence, source: str) -> list[_Level]:
    """The levels a sentence names, each statement (a level, a range, alternatives) with its kind."""
    levels = []
    floor = 0
    for group in _groups(sentence, _mentions(sentence, source)):
        low = min(m.low for m in group)
        high = None if _is_open(sentence.folded, group, floor) else max(m.high for m in group)
        levels.append(_Level(low, high, _kind(sentence, group[0].start, group[-1].end), sentence))
        floor = group[-1].end
    return levels


def _mentions(sentence: _Sentence, source: str) -> list[_Mention]:
    """Every level the sentence names, in order; a Bac+N above Bac+8 is an error."""
    folded, found = sentence.folded, []
    for match in _BAC.finditer(folded):
        levels = [int(n) for n in match.groups() if n is not None] or [0]
        if max(levels) > MAX_LEVEL and not _DOCTORATE.search(folded, max(0, match.start() - WINDOW)):
            message = _("level Bac+{level} is above Bac+{highest}, the top of the scale, in {sentence!r}")
            values = {"level": max(levels), "highest": MAX_LEVEL, "sentence": sentence.text}
            raise sentence.error(message.format(**values), source)
        levels = [min(level, MAX_LEVEL) for level in levels]
        found.append(_Mention(match.start(), match.end(), min(levels), max(levels)))
    for match in _ACRONYM.finditer(sentence.text):
        level = _ACRONYMS[match[1]]
        found.append(_Mention(match.start(), match.end(), level, level))
    for pattern, level in _NAMED:
        for match in pattern.finditer(folded):
            if (
                level != 3
                or not match[0].startswith("licence")
                or not _licence_is_permit(folded, match.end())
            ):
                found.append(_Mention(match.start(), match.end(), level, level))
    found += _scale_mentions(folded)
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for mention in found:  # a named diploma inside a longer one (brevet … supérieur) counts once
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _licence_is_permit(folded: str, end: int) -> bool:
    """Whether the licence ending at ``end`` is a permit (``licence IV``, ``d'entraîneur``), not a diploma."""
    if _LICENCE_PERMIT.match(folded, end):
        return True
    start, stop = end, min(len(folded), end + 60)
    bare = re.match(r"\s*(?:et|,|\.|$)", folded[start:stop]) is not None
    return bare and "delivr" in folded[start:stop]


def _scale_mentions(folded: str) -> list[_Mention]:
    """Levels of the 2019 scale (``niveau 3``, ``CEC 5``) or the old one (``niveau IV``), as a diploma's."""
    found = []
    for match in _SCALE.finditer(folded):
        words = [w for w in (match["a"], match["b"]) if w is not None]
        if any(w not in NATIONAL_LEVELS for w in words):
            continue
        if match["word"] != "cec" and not _names_a_diploma(folded, match):
            continue
        levels = [NATIONAL_LEVELS[w] for w in words]
        found.append(_Mention(match.start(), match.end(), min(levels), max(levels)))
    return found


def _names_a_diploma(folded: str, match: re.Match[str]) -> bool:
    """Whether ``niveau N`` is a diploma's level: after a word for a diploma, or before ``CEC``, ``(CAP)``."""
    if _SCALE_AFTER.match(folded, match.end()):
        return True
    noun = _DIPLOMA_NOUN.search(folded[max(0, match.start() - 60) : match.start()])
    return noun is not None and set(re.findall(r"[a-z]+'?", noun["glue"])) <= _GLUE


def _groups(sentence: _Sentence, mentions: Sequence[_Mention]) -> list[list[_Mention]]:
    """Mentions grouped into statements: a range, alternatives, examples in brackets after a level."""
    folded = sentence.folded
    groups: list[list[_Mention]] = []
    anchor = 0  # the end of the last mention outside brackets
    for mention in mentions:
        if groups and sentence.depths[mention.start] > sentence.depths[anchor]:
            groups[-1].append(mention)
            continue
        gap = _outside_brackets(folded[anchor : mention.start])
        if groups and _RANGE_LINK.match(gap):
            groups[-1].append(mention)
        else:
            groups.append([mention])
        anchor = mention.end
    return groups


def _is_range(folded: str, group: Sequence[_Mention]) -> bool:
    """Whether a statement joins its levels with ``à``, ``au``, ``jusqu'à`` (``CAP à Bac``)."""
    gaps = [_outside_brackets(folded[a.end : b.start]) for a, b in pairwise(group)]
    return any((m := _RANGE_LINK.match(gap)) and m["link"] in _RANGE_WORDS for gap in gaps)


def _outside_brackets(text: str) -> str:
    return re.sub(r"\([^()]*\)", " ", text)


def _is_open(folded: str, group: Sequence[_Mention], floor: int) -> bool:
    """A statement without a maximum: ``minimum`` after it, or ``à partir d'un`` before one level
    (after ``floor``, the end of the statement before it)."""
    start, end = group[0].start, group[-1].end
    if _OPEN_AFTER.match(folded[end : end + 40]):
        return True
    before = folded[max(floor, start - 60) : start]
    return bool(_OPEN_BEFORE.search(before)) and not _is_range(folded, group)


def _kind(sentence: _Sentence, start: int, end: int) -> Kind:
    """What a statement does for entry, from the words of its clause."""
    folded = sentence.folded
    clause_start, clause_end = sentence.clause(start)
    before = folded[max(clause_start, start - WINDOW) : start]
    without = list(_WITHOUT_DIPLOMA.finditer(before))
    if without:
        before = before[without[-1].end() :]
    clause = folded[max(clause_start, start - WINDOW) : min(clause_end, end + WINDOW)]
    if _ENTRY_BEFORE.search(before):
        kind: Kind = "entry"
    elif _ASSET.search(clause):
        return "asset"
    elif _ADVICE.search(clause):
        return "advice"
    else:
        kind = "entry"
    another_road = sentence.another_road is not None and sentence.another_road <= start
    return "alternative" if another_road or _WITH_EXPERIENCE_AFTER.match(folded[end : end + 160]) else kind


def _without_diploma(folded: str) -> bool:
    """Whether the sentence says the job is open without a diploma (and not that it is not)."""
    return any(
        not _NOT_WITHOUT.search(folded[max(0, m.start() - 60) : m.start()])
        for m in _WITHOUT_DIPLOMA.finditer(folded)
    )


# --- experience -------------------------------------------------------------------------------


def _experiences(sentence: _Sentence, source: str) -> list[_Experience]:
    """The experience each clause of the sentence asks for, with its role, years and amount."""
    found = []
    for start, end in sentence.clauses:
        clause = sentence.folded[start:end]
        match = _EXPERIENCE.search(clause)
        if not match or any(p.search(clause) for p in (_NO_EXPERIENCE, _GIVES_EXPERIENCE, _NOT_FOR_ENTRY)):
            continue
        position = match.start()
        years = _years(sentence, clause, source)
        another_road = sentence.another_road is not None and sentence.another_road <= start + position
        role = _role(another_road, clause, position, years is not None)
        window = clause[max(0, position - 30) : position + 70]
        amount: Amount = "several" if _SEVERAL.search(window) else "first"
        beginners = bool(_BEGINNERS_YES.search(clause))
        found.append(_Experience(role, years, None if years else amount, sentence, beginners))
    return found


def _role(another_road: bool, clause: str, position: int, has_years: bool) -> Role:
    """What the experience of a clause does for entry (the first rule that matches)."""
    after = clause[position : position + WINDOW]
    if _ASSET.search(after) or _ADVICE.search(after) or _MAY.search(after):
        return "advantage"  # "complétée par une expérience, peut en faciliter l'accès": only a plus
    if another_road or _ALTERNATIVE_EXPERIENCE.search(clause):
        return "alternative"
    if _HEDGE_BEFORE.search(clause[max(0, position - 30) : position]):
        return "advantage"
    if _HEDGE.search(clause) and not has_years:
        return "advantage"
    return "required"


def _years(sentence: _Sentence, clause: str, source: str) -> tuple[float, float | None] | None:
    """The years of experience a clause asks: the lowest minimum, the highest maximum."""
    found: list[tuple[float, float | None]] = []
    for match in _YEARS.finditer(clause):
        after = _YEARS_OF.match(clause[match.end() : match.end() + 60])
        if not after and not _follows_experience(clause, match.start()):
            continue
        numbers = [parse_number(n) for n in (match["low"], match["high"]) if n is not None]
        if max(numbers) > MAX_YEARS:
            message = _(
                "{years} years of experience is more than a working life ({most} at most) in {sentence!r}"
            )
            values = {"years": f"{max(numbers):g}", "most": MAX_YEARS, "sentence": sentence.text}
            raise sentence.error(message.format(**values), source)
        rest_start = match.end() + (after.end() if after else 0)
        rest = clause[rest_start : rest_start + 30]
        pre = (match["pre"] or "").strip()
        open_ended = pre.startswith(("au", "minimum", "plus", "pas")) or _OPEN_YEARS.match(rest)
        found.append((min(numbers), None if open_ended else max(numbers)))
    low, high = _merge(found)
    return None if low is None else (low, high)


def _follows_experience(clause: str, start: int) -> bool:
    """Whether years are said of an experience named just before (``une expérience de 3 ans``)."""
    words = list(_EXPERIENCE.finditer(clause[max(0, start - 80) : start]))
    if not words:
        return False
    gap = clause[max(0, start - 80) : start][words[-1].end() :]
    return len(gap) <= 60 and not _YEARS_BLOCKED.search(gap)


# --- prior roles (fiches) ---------------------------------------------------------------------


def _prior_roles(
    sentences: Sequence[_Sentence], resolver: Resolver, reading: _Reading, exclude: str
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
    reading.keep("prior_roles", used)
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


# --- credentials ------------------------------------------------------------------------------


def _credentials(sentences: Sequence[_Sentence]) -> tuple[list[Credential], list[_Sentence]]:
    """The credentials of a text, once each by name (required if a sentence requires it), and the
    sentences that name one."""
    found: dict[str, Credential] = {}
    named = []
    for sentence in sentences:
        for start, name in _credential_names(sentence):
            named.append(sentence)
            credential = Credential(name=name, required=_required(sentence, start), source=sentence.item())
            key = fold(name)
            if key not in found or (credential.required and not found[key].required):
                found[key] = credential
    return list(found.values()), named


def _credential_names(sentence: _Sentence) -> list[tuple[int, str]]:
    """Each credential a sentence names: where it starts and its short name."""
    text, folded = sentence.text, sentence.folded
    names = [(m.start(), m[1]) for m in _CREDENTIAL_ACRONYM.finditer(text)]
    names += [(m.start(), name) for pattern, name in _SPELLED_CREDENTIALS for m in pattern.finditer(folded)]
    for match in _CREDENTIAL_HEAD.finditer(folded):
        if match["head"] == "permis":
            names += _permits(sentence, match)
        else:
            name = _credential_name(sentence, match)
            if name:
                names.append((match.start(), name))
    unique: dict[str, tuple[int, str]] = {}
    for start, name in sorted(names):
        unique.setdefault(fold(name), (start, name))
    return list(unique.values())


def _permits(sentence: _Sentence, match: re.Match[str]) -> list[tuple[int, str]]:
    """``permis B``, one per category (``permis C et CE`` → two), else the permit's own name."""
    words = _PERMIT_WORDS.match(sentence.folded, match.end())
    if words:
        categories = _PERMIT_CATEGORIES.match(sentence.text, words.end())
        if categories:
            return [(match.start(), f"permis {c}") for c in re.findall(_CATEGORY, categories[0])]
    name = _credential_name(sentence, match)
    return [(match.start(), name)] if name else []


def _credential_name(sentence: _Sentence, match: re.Match[str]) -> str | None:
    """The short name of a credential named by a head word, or ``None`` where it names none in particular."""
    folded, head = sentence.folded, match["head"]
    rest = folded[match.end() : match.end() + WINDOW]
    if _ANAPHORA.search(folded[max(0, match.start() - 15) : match.start()]) or _NOT_CREDENTIALS.match(rest):
        return None
    if head.startswith("licence") and not _licence_is_permit(folded, match.end()):
        return None
    begin = match.end()
    if head.startswith(("inscription", "enregistrement", "immatriculation")):
        registration = _REGISTRATION.match(rest)
        if not registration:
            return None
        begin += registration.end()
    named = _ACRONYM_BEFORE.search(sentence.text[max(0, match.start() - 20) : match.start()])
    if named:
        return named[1]
    acronym = _ACRONYM_AFTER.match(sentence.text, begin)
    if acronym and not _NAME_STOP.search(_JOINED.sub(" ", folded[begin : acronym.start(1)].rstrip(" (-"))):
        return acronym["acronym"]
    return _short_name(sentence, match.start(), begin, len(head.split()))


def _short_name(sentence: _Sentence, start: int, begin: int, head_words: int) -> str | None:
    """The words from a credential's head to the first that ends its name (eight at most)."""
    stop = _NAME_STOP.search(sentence.folded, begin, begin + WINDOW)
    words = sentence.text[start : stop.start() if stop else begin + WINDOW].split()[:8]
    while len(words) > 1 and fold(words[-1]) in _TRAILING:
        words.pop()
    head = fold(" ".join(words[:head_words]))
    complement = words[head_words:]
    if len(complement) == 1 and complement[0] in _KNOWN_CREDENTIALS:
        return complement[0]
    if not {fold(w) for w in complement} - _GENERIC and head not in _BARE_CREDENTIALS and head[:5] != "carte":
        return None
    return " ".join(words)


_OR_INSTEAD = re.compile(
    r"\b(?:bac|cap|bep|bts|dut|but|licence|master|diplome|doctorat|titre)\b[^.;]*\bou\s+(?:d'|de\s+)?"
    r"(?:une?\s+|la\s+|le\s+|l')?(?:\w+\s+)?$"
)
"""A credential named as the alternative to a diploma: ``… un Master ou une Certification Scrum Master``."""


def _required(sentence: _Sentence, start: int) -> bool:
    """Whether the clause of a credential requires it: the first word after it that says, else before."""
    folded = sentence.unnamed
    clause_start, clause_end = sentence.clause(start)
    after = folded[start : min(clause_end, start + WINDOW)]
    cues = [
        (m.start(), False)
        for pattern in (_ASSET, _ADVICE, _MAY, _NOT_REQUIRED)
        for m in pattern.finditer(after)
    ] + [(m.start(), True) for m in _REQUIRED.finditer(after)]
    if cues:
        return min(cues)[1]
    before = folded[max(clause_start, start - WINDOW) : start]
    if _OR_INSTEAD.search(before):
        return False  # "accessible avec un Master ou une certification X": one way in among others
    return not (_ASSET.search(before) or _ADVICE.search(before) or _MAY.search(before))
