"""The reader of French access sentences: the rules on sentences written for them, then the real
*Accès au métier* texts of ROME 4.0 and the fiches of the shipped référentiel."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from carrieres import ParseError, ParseReport
from carrieres.models import Prerequisites
from carrieres.prerequisites import read_access

ROME = Path(__file__).resolve().parents[2] / "shared" / "data" / "rome-v4"
TEXTS = ROME / "unix_texte_v460_utf8.csv"


def read(*sentences: str) -> Prerequisites:
    """Read sentences given as the lines 1, 2, … of a text."""
    return read_access([(text, line) for line, text in enumerate(sentences, 1)])


# --- education ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Le poste demande un CAP de cuisinier.", -1),
        ("Un BEP suffit pour commencer.", -1),
        ("Le CAPA option jardinier est demandé.", -1),
        ("Il faut un titre professionnel de niveau 3.", -1),
        ("Diplôme de niveau V exigé.", -1),
        ("Le recrutement se fait avec un Bac pro vente.", 0),
        ("Un BP coiffure est exigé.", 0),
        ("Titulaire d'un BPA.", 0),
        ("Une certification de niveau 4 est demandée.", 0),
        ("Une formation de niveau IV est requise.", 0),
        ("Un BTS est nécessaire.", 2),
        ("Les candidats ont un DUT.", 2),
        ("Un BTSA agricole est exigé.", 2),
        ("Un DEUST est requis.", 2),
        ("Diplôme de niveau 5 en gestion.", 2),
        ("Formation de niveau III.", 2),
        ("Une licence en droit est requise.", 3),
        ("Une licence professionnelle est demandée.", 3),
        ("Un BUT informatique est demandé.", 3),
        ("Un Bachelor en commerce suffit.", 3),
        ("Une qualification de niveau 6 est exigée.", 3),
        ("Diplôme de niveau II.", 3),
        ("Un Master en finance est exigé.", 5),
        ("Un diplôme d'ingénieur est indispensable.", 5),
        ("Le diplôme d'une école de commerce est attendu.", 5),
        ("Un titre de niveau 7.", 5),
        ("Diplôme de niveau I.", 5),
        ("Un doctorat en chimie est requis.", 8),
        ("Un Bac + 2 est demandé.", 2),
        ("Un bac+2 est demandé.", 2),
        ("Les formations de niveau Bac +5 sont généralement requises.", 5),
    ],
)
def test_each_diploma_has_its_level(text: str, level: int) -> None:
    found = read(text)
    assert (found.education_min, found.education_max) == (level, level)
    assert found.sources["education"].line == 1
    assert found.unread == []


@pytest.mark.parametrize(
    "text",
    [
        "Un CQP de soudeur est demandé.",
        "Un titre professionnel de vendeur est demandé.",
        "Un Diplôme d'État d'infirmier est obligatoire.",
        "Il travaille dans le but de satisfaire les clients.",  # "but", not a BUT
        "La licence d'entraîneur est exigée.",  # a permit, not a diploma
        "La licence de transport est obligatoire pour l'entreprise.",
        "La formation Prévention et Secours Civiques de niveau 1 est requise.",
        "Une certification Scrum Master est un atout.",
        "La maîtrise de l'anglais est exigée.",
    ],
)
def test_no_level_is_guessed(text: str) -> None:
    found = read(text)
    assert (found.education_min, found.education_max) == (None, None)
    assert "education" not in found.sources


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Les candidats ont un niveau du Bac au Bac+2.", 0, 2),
        ("Le recrutement va de Bac+2 à Bac+5.", 2, 5),
        ("Accessible avec un diplôme de niveau CAP à Bac +2.", -1, 2),
        ("Accessible avec un CAP à Bac en maçonnerie.", -1, 0),
        ("Accessible avec un Bac (professionnel, technologique) à Bac+2 (BTS, DUT).", 0, 2),
        ("Accessible avec un diplôme de niveau Bac+4/5.", 4, 5),
        ("Accessible à partir d'un niveau Bac+2.", 2, None),
        ("Bac+3 minimum.", 3, None),
        ("Un diplôme de niveau égal ou supérieur au niveau 5 est exigé.", 2, None),
        ("Accessible à partir d'un Bac+2 à Bac+5 en gestion.", 2, 5),  # a closed range
        ("Accessible avec un Bac+5. Il est aussi possible d'y entrer à partir d'un Bac+3.", 3, 5),
    ],
)
def test_ranges_and_open_statements(text: str, low: int, high: int | None) -> None:
    found = read(text)
    assert (found.education_min, found.education_max) == (low, high)


def test_a_lower_road_with_experience_is_the_minimum_not_the_maximum() -> None:
    found = read(
        "Ce poste est accessible avec un Master.",
        "Il est également accessible avec un Bac+2 complété d'une expérience dans le domaine.",
    )
    assert (found.education_min, found.education_max) == (2, 5)
    assert found.experience_role == "alternative"
    assert found.sources["education"].line == 1
    assert found.beginner_ok is None


@pytest.mark.parametrize(
    "sentences",
    [
        ("Un BTS peut en faciliter l'accès.",),
        ("Un diplôme de niveau CAP est un atout.",),
        ("Des formations de niveau Bac à Bac+2 sont appréciées, mais non obligatoires.",),
        ("Cet emploi est accessible sans diplôme.", "Une formation de niveau Bac est conseillée."),
    ],
)
def test_a_diploma_that_is_only_a_plus_gives_no_level(sentences: tuple[str, ...]) -> None:
    found = read(*sentences)
    assert (found.education_min, found.education_max) == (None, None)
    assert found.unread == []  # placed: the rule read it as an asset


def test_advice_counts_where_nothing_else_is_said() -> None:
    assert read("Formation recommandée de niveau Bac+5 en informatique.").education_min == 5
    assert read("Bac+2 exigé.", "Un Master est recommandé.").education_max == 2


# --- open without a diploma ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ce métier est accessible sans diplôme particulier.",
        "Ce poste est ouvert sans qualification.",
        "Le métier est accessible sans formation initiale.",
        "Cet emploi est accessible sans condition de diplôme.",
        "Cet emploi est accessible avec ou sans diplôme.",
        "Aucun diplôme n'est exigé pour ce poste.",
        "Ce métier est accessible à tous les niveaux de qualification.",
    ],
)
def test_open_without_a_diploma(text: str) -> None:
    found = read(text)
    assert found.without_diploma is True
    assert found.sources["without_diploma"].text == text
    assert found.education_min is None


def test_not_without_a_diploma() -> None:
    found = read("Ce métier ne peut s'exercer sans qualification.")
    assert found.without_diploma is None
    assert [u.text for u in found.unread] == ["Ce métier ne peut s'exercer sans qualification."]


def test_without_a_diploma_beside_the_usual_diplomas() -> None:
    found = read(
        "Ce métier est accessible avec un diplôme de niveau CAP à Bac.",
        "Il est également accessible avec une expérience professionnelle sans diplôme particulier.",
    )
    assert (found.without_diploma, found.education_min, found.education_max) == (True, -1, 0)
    assert found.experience_role == "alternative"
    assert found.sources["without_diploma"].line == 2


def test_without_a_diploma_and_a_diploma_that_is_a_plus() -> None:
    found = read("Cet emploi est accessible sans diplôme.", "Un CAP est un plus.")
    assert (found.without_diploma, found.education_min) == (True, None)


# --- experience -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Il faut au moins trois années d'expérience dans la vente.", 3, None),
        ("Une expérience de 3 à 5 ans est exigée.", 3, 5),
        ("Deux ans d'expérience sont demandés.", 2, 2),
        ("Une expérience significative (minimum 5 ans) est requise.", 5, None),
        ("Entre six et dix ans d'expérience en atelier.", 6, 10),
        ("Avoir 18 ans et 5 ans d'expérience professionnelle.", 5, 5),
    ],
)
def test_years_of_experience(text: str, low: float, high: float | None) -> None:
    found = read(text)
    assert (found.experience_min_years, found.experience_max_years) == (low, high)
    assert (found.experience_role, found.experience_unquantified) == ("required", None)
    assert found.beginner_ok is False


@pytest.mark.parametrize(
    "text",
    [
        "La formation dure deux ans, puis une expérience en entreprise est exigée.",
        "Le diplôme se prépare en deux ans et comprend une expérience de terrain.",
        "La carte est renouvelée tous les 5 ans, après une expérience de terrain.",
        "L'entreprise existe depuis 5 ans et cherche de l'expérience.",
        "Après 2 ans d'études et une expérience en alternance.",
        "Le permis B valide depuis au moins deux ans et une expérience de la conduite sont exigés.",
    ],
)
def test_years_that_are_not_experience(text: str) -> None:
    found = read(text)
    assert (found.experience_min_years, found.experience_max_years) == (None, None)
    assert found.experience_role == "required"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Une expérience professionnelle est exigée.", "required"),
        ("Cet emploi est accessible avec un BTS et une expérience dans le commerce.", "required"),
        ("Une formation de niveau Bac+5 et une expérience dans le conseil.", "required"),
        ("Il est également accessible avec une expérience professionnelle dans le secteur.", "alternative"),
        ("Accessible avec un BTS ou une expérience équivalente.", "alternative"),
        ("Accessible avec un Bac complété d'une expérience dans le commerce.", "alternative"),
        ("Une expérience dans la vente est un atout.", "advantage"),
        ("Une expérience en atelier est un plus.", "advantage"),
        ("Une expérience en magasin est appréciée.", "advantage"),
        ("Une expérience de la clientèle est souhaitée.", "advantage"),
        ("Une expérience du secteur peut être demandée.", "advantage"),
        ("Les entreprises recrutent des diplômés Bac+2, souvent avec expérience.", "advantage"),
    ],
)
def test_what_experience_does_for_entry(text: str, role: str) -> None:
    found = read(text)
    assert found.experience_role == role
    assert found.sources["experience"].text == text
    assert found.beginner_ok is (False if role == "required" else None)


def test_the_strongest_role_and_its_years() -> None:
    found = read("Une expérience de 2 ans est un atout.", "Une expérience de plusieurs années est exigée.")
    assert found.experience_role == "required"
    assert (found.experience_min_years, found.experience_unquantified) == (None, "several")
    assert found.sources["experience"].line == 2


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Une première expérience est demandée.", "first"),
        ("Une expérience professionnelle dans le secteur est exigée.", "first"),
        ("Plusieurs années d'expérience sont exigées.", "several"),
        ("Quelques années d'expérience sont exigées.", "several"),
        ("Une expérience significative est exigée.", "several"),
        ("Une expérience confirmée de la conduite de poids lourds est requise.", "several"),
    ],
)
def test_experience_asked_without_a_number(text: str, amount: str) -> None:
    found = read(text)
    assert (found.experience_unquantified, found.experience_min_years) == (amount, None)


@pytest.mark.parametrize(
    "text",
    [
        "Ce métier est accessible sans diplôme ni expérience.",
        "Ce poste est accessible aux débutants.",
        "Le poste est ouvert aux jeunes diplômés.",
        "Cet emploi peut être une première expérience pour des jeunes.",
        "Une expérience de la vente est un plus mais pas indispensable.",
    ],
)
def test_open_to_beginners(text: str) -> None:
    found = read(text)
    assert found.beginner_ok is True
    assert found.experience_role in (None, "advantage")
    assert found.sources["beginner_ok"].text == text


def test_experience_that_leads_from_the_job_is_not_asked() -> None:
    found = read("Il évolue vers un poste de chef après plusieurs années d'expérience.")
    assert (found.experience_role, found.beginner_ok) == (None, None)
    assert len(found.unread) == 1


def test_required_and_beginners_in_two_clauses_say_neither() -> None:
    found = read(
        "Le poste demande au moins trois ans d'expérience, mais reste accessible aux jeunes diplômés."
    )
    assert found.experience_min_years == 3
    assert found.beginner_ok is None


# --- credentials ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "credentials"),
    [
        ("Le permis B est exigé.", [("permis B", True)]),
        ("Le permis de conduire de catégorie B est indispensable.", [("permis B", True)]),
        (
            "Le permis C et CE ainsi que la FIMO et la FCO sont obligatoires.",
            [("permis C", True), ("permis CE", True), ("FIMO", True), ("FCO", True)],
        ),
        ("Des CACES peuvent être demandés pour la conduite des engins.", [("CACES", False)]),
        ("Un Certificat d'aptitude à la conduite en sécurité (CACES) est obligatoire.", [("CACES", True)]),
        (
            "L'inscription au tableau de l'Ordre des géomètres-experts est obligatoire.",
            [("inscription au tableau de l'Ordre des géomètres-experts", True)],
        ),
        (
            "Certains postes exigent la carte professionnelle G délivrée par la Préfecture.",
            [("carte professionnelle G", True)],
        ),
        ("Une habilitation électrique peut être un atout.", [("habilitation électrique", False)]),
        ("Une habilitation électrique est nécessaire.", [("habilitation électrique", True)]),
        ("La licence d'entraîneur est exigée.", [("licence d'entraîneur", True)]),
        ("Un agrément délivré par le Conseil départemental est obligatoire.", [("agrément", True)]),
        ("Il doit être titulaire d'une attestation aux gestes d'urgence (AFGSU).", [("AFGSU", True)]),
        ("Le BAFA est apprécié.", [("BAFA", False)]),
        ("Des habilitations électriques peuvent être exigées.", [("habilitations électriques", False)]),
        (
            "La certification AMF n'est pas obligatoire mais peut être un atout.",
            [("certification AMF", False)],
        ),
        ("Des habilitations spécifiques peuvent être requises.", []),
        ("Des vaccinations sont exigées.", []),
        ("Un casier judiciaire vierge est exigé.", []),
    ],
)
def test_credentials(text: str, credentials: list[tuple[str, bool]]) -> None:
    found = read(text)
    assert [(c.name, c.required) for c in found.credentials] == credentials
    assert all(c.source.text == text and c.source.line == 1 for c in found.credentials)


def test_a_credential_named_twice_is_kept_once_and_required_if_once_required() -> None:
    found = read("Le permis B peut être demandé.", "Pour conduire, le permis B est obligatoire.")
    assert [(c.name, c.required, c.source.line) for c in found.credentials] == [("permis B", True, 2)]


# --- sentences left unread, sources, text ---------------------------------------------------------


def test_unread_sentences_are_those_no_rule_placed() -> None:
    found = read(
        "Cet emploi est accessible avec un BTS.",
        "Des formations complémentaires peuvent être proposées.",
        "Une bonne condition physique est requise.",
        "Un CAP est un atout.",
        "La carte est renouvelée tous les 5 ans.",
    )
    assert [(u.line, u.text) for u in found.unread] == [
        (2, "Des formations complémentaires peuvent être proposées.")
    ]


def test_every_value_keeps_its_sentences() -> None:
    found = read_access(
        [
            ("Cet emploi est accessible sans diplôme. Un BTS est parfois demandé.", 7),
            ("Une expérience de 3 ans est exigée.", 8),
        ]
    )
    assert {key: item.line for key, item in found.sources.items()} == {
        "without_diploma": 7,
        "education": 7,
        "experience": 8,
        "beginner_ok": 8,
    }
    assert found.sources["education"].text == "Un BTS est parfois demandé."
    assert found.text == "Cet emploi est accessible sans diplôme. Un BTS est parfois demandé.\n" + (
        "Une expérience de 3 ans est exigée."
    )


# --- errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Une expérience de 50 ans est exigée.", "50 years"),
        ("Au moins 46 ans d'expérience sont exigés.", "46 years"),
        ("Accessible avec un Bac+9 en biologie.", "Bac+9"),
        ("Un diplôme de niveau Bac + 12 est demandé.", "Bac+12"),
    ],
)
def test_a_value_off_its_scale_is_refused_with_its_sentence_and_line(text: str, words: str) -> None:
    with pytest.raises(ParseError) as raised:
        read_access([("Cet emploi est accessible avec un BTS.", 4), (text, 5)], source="card X")
    assert raised.value.line == 5
    assert raised.value.source == "card X"
    assert text in str(raised.value)
    assert words in str(raised.value)


def test_a_doctor_s_long_studies_are_the_top_of_the_scale() -> None:
    found = read("Accessible avec un bac + 11 Diplôme d'État de docteur en médecine.")
    assert (found.education_min, found.education_max) == (8, 8)


# --- the fiches of the shipped référentiel --------------------------------------------------------


def test_the_fiches_read_as_before_and_more(seed_report: ParseReport) -> None:
    jobs = {job.id: job.prerequisites for job in seed_report.referentiel.jobs if job.has_fiche}
    assert len(jobs) == 16
    account = jobs["responsable-technique-de-compte"]
    assert (account.education_min, account.education_max) == (5, 5)
    assert (account.experience_role, account.experience_unquantified) == ("required", "several")
    assert account.beginner_ok is False
    operations = jobs["analyste-d-exploitation"]
    assert (operations.education_min, operations.education_max) == (2, None)
    assert (operations.experience_min_years, operations.experience_max_years) == (4, 5)
    assert jobs["technicien-de-maintenance"].beginner_ok is True
    assert jobs["ingenieur-securite"].experience_unquantified == "first"
    assert all(not pre.unread and not pre.credentials and not pre.without_diploma for pre in jobs.values())


# --- the Accès au métier of ROME 4.0 --------------------------------------------------------------


@pytest.fixture(scope="module")
def rome_access() -> dict[str, list[tuple[str, int]]]:
    """The sentences of each card's *Accès au métier*, in order (apostrophes undoubled)."""
    if not TEXTS.is_file():
        pytest.skip(f"the ROME 4.0 files are not at {ROME} (France Travail's open data, v460)")
    cards: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with TEXTS.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["libelle_type_texte"] == "acces_metier":
                text = row["libelle_texte"].replace("''", "'")
                cards[row["code_rome"]].append((int(row["position_phrase"]), text))
    return {code: [(text, position) for position, text in sorted(rows)] for code, rows in cards.items()}


@pytest.fixture(scope="module")
def rome_read(rome_access: dict[str, list[tuple[str, int]]]) -> dict[str, Prerequisites]:
    return {code: read_access(lines, source=f"rome-v4 {code}") for code, lines in rome_access.items()}


def test_every_card_reads(
    rome_access: dict[str, list[tuple[str, int]]], rome_read: dict[str, Prerequisites]
) -> None:
    assert len(rome_access) == 1584
    assert sum(len(lines) for lines in rome_access.values()) == 2378
    assert rome_read.keys() == rome_access.keys()


def test_coverage_floors(
    rome_access: dict[str, list[tuple[str, int]]], rome_read: dict[str, Prerequisites]
) -> None:
    names_a_level = [
        code
        for code, lines in rome_access.items()
        if any(
            word in f" {text.lower()} "
            for text, _ in lines
            for word in (" bac", " cap ", " bts", "licence", "master")
        )
    ]
    with_level = [code for code in names_a_level if rome_read[code].education_min is not None]
    assert len(with_level) >= 0.9 * len(names_a_level)
    values = rome_read.values()
    assert sum(pre.without_diploma is True for pre in values) >= 180
    assert sum(pre.experience_role is not None for pre in values) >= 250
    assert sum(bool(pre.credentials) for pre in values) >= 350
    sentences = sum(len(lines) for lines in rome_access.values())
    assert sum(len(pre.unread) for pre in values) <= 0.25 * sentences


# Cards whose access text was read by hand: code → (education_min, education_max, without_diploma,
# experience_role, (experience_min_years, experience_max_years), experience_unquantified, beginner_ok,
# credentials as (name, required)).
LABELLED = {
    "A1101": (None, None, True, None, (None, None), None, None, [("CACES", False)]),
    "A1207": (-1, 2, None, "alternative", (None, None), "several", None, [("CACES", False)]),
    "A1504": (
        6,
        6,
        None,
        None,
        (None, None),
        None,
        None,
        [("inscription au tableau de l'Ordre des vétérinaires", True)],
    ),
    "B1605": (-1, 0, True, "alternative", (None, None), "first", None, []),
    "C1505": (2, None, None, "required", (3, None), None, False, []),
    "D1417": (None, None, None, "required", (10, None), None, False, []),
    "E1415": (5, 5, None, "required", (7, 10), None, False, []),
    "F1107": (
        0,
        5,
        None,
        None,
        (None, None),
        None,
        None,
        [("inscription au tableau de l'Ordre des géomètres-experts", True)],
    ),
    "F1206": (-1, None, None, "required", (None, None), "several", False, [("CACES", False)]),
    "G1603": (-1, -1, None, None, (None, None), None, None, []),
    "J1127": (8, 8, None, None, (None, None), None, None, []),
    "K2503": (-1, 0, None, None, (None, None), None, None, [("carte professionnelle", True)]),
    "M1805": (2, 5, None, None, (None, None), None, None, []),
    "M1812": (2, 5, None, "required", (5, 7), None, False, []),
    "M1830": (3, 5, None, None, (None, None), None, None, []),
    "M1840": (
        5,
        5,
        None,
        "required",
        (None, None),
        "several",
        False,
        [("certifications en bid management", False)],
    ),
    "N4105": (
        None,
        None,
        True,
        None,
        (None, None),
        None,
        None,
        [("permis B", True), ("permis C", True), ("permis C1", True), ("FIMO", True), ("FCO", True)],
    ),
    "N4123": (None, None, True, None, (None, None), None, True, [("permis B", True)]),
}


@pytest.mark.parametrize("code", sorted(LABELLED))
def test_cards_read_by_hand(code: str, rome_read: dict[str, Prerequisites]) -> None:
    pre = rome_read[code]
    found = (
        pre.education_min,
        pre.education_max,
        pre.without_diploma,
        pre.experience_role,
        (pre.experience_min_years, pre.experience_max_years),
        pre.experience_unquantified,
        pre.beginner_ok,
        [(c.name, c.required) for c in pre.credentials],
    )
    assert found == LABELLED[code]
