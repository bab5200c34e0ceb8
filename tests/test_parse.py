from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carrieres import ParseError, ParseReport, parse_file, parse_text
from carrieres.models import Job

from .conftest import SOURCE, TEST_DATA

SEED_LINES = SOURCE.read_text(encoding="utf-8").splitlines()

# (education min, max, experience min, max, beginner_ok) as each fiche's Prérequis states them.
PREREQUISITES = {
    "administrateur-de-base-de-donnees": (2, 4, None, None, None),
    "administrateur-de-reseau-d-entreprise": (2, 4, None, None, None),
    "administrateur-de-site": (2, 4, None, None, None),
    "analyste-d-exploitation": (2, None, 4, 5, False),
    "directeur-de-production": (None, None, 5, 5, False),
    "gestionnaire-de-parc-micro-informatique": (2, 2, None, None, True),
    "ingenieur-administrateur-systeme-et-reseaux": (4, 5, 3, None, False),
    "ingenieur-deploiement-reseaux": (4, 4, None, None, None),
    "ingenieur-securite": (4, 5, None, None, False),
    "integrateur-d-exploitation": (4, 5, 2, 3, False),
    "responsable-technique-de-compte": (5, 5, None, None, False),
    "technicien-de-maintenance": (0, 2, None, None, True),
    "technicien-pilote-d-exploitation": (2, None, None, None, None),
    "technicien-reseau": (2, 2, None, None, True),
    "superviseur-hot-line": (2, 2, None, None, False),
    "support-technique": (2, 2, None, None, True),
}

# Resolved proximity of each fiche, as the fiche lists it (groups expanded).
PROXIMITY = {
    "administrateur-de-base-de-donnees": [
        "administrateur-de-reseau-d-entreprise",
        "administrateur-de-site",
        "ingenieur-administrateur-systeme-et-reseaux",
        "ingenieur-deploiement-reseaux",
    ],
    "administrateur-de-site": ["administrateur-de-reseau-d-entreprise"],
    "analyste-d-exploitation": ["administrateur-de-reseau-d-entreprise"],
    "directeur-de-production": ["directeur-technique"],
    "ingenieur-administrateur-systeme-et-reseaux": [
        "ingenieur-securite",
        "consultant-en-technologie",
        "architecte-technique",
    ],
    "ingenieur-securite": [
        "administrateur-de-reseau-d-entreprise",
        "ingenieur-administrateur-systeme-et-reseaux",
        "administrateur-de-base-de-donnees",
    ],
    "technicien-de-maintenance": [
        "support-technique",
        "gestionnaire-de-parc-micro-informatique",
        "technicien-reseau",
    ],
    "support-technique": ["gestionnaire-de-parc-micro-informatique"],
}


def _job(report: ParseReport, job_id: str) -> Job:
    return report.referentiel.get(job_id)


def test_seed_has_41_jobs_16_fiches_and_no_error(seed_report: ParseReport) -> None:
    jobs = seed_report.referentiel.jobs
    assert len(jobs) == 41
    assert sum(job.has_fiche for job in jobs) == 16
    assert seed_report.errors == []
    assert seed_report.warnings == []


def test_every_job_has_a_family_and_fiches_are_production(seed_report: ParseReport) -> None:
    ref = seed_report.referentiel
    assert [f.name for f in ref.families] == [
        "PRODUCTION",
        "ETUDE & DEVELOPPEMENT",
        "CONSEIL",
        "PROJET",
        "COMMERCIAL",
    ]
    assert [s.text for s in ref.families[0].subfamilies] == ["EXPLOITATION", "SUPPORT ET ASSISTANCE"]
    assert [s.text for s in ref.families[3].subfamilies] == ["MANAGEMENT", "SUPPORT"]
    assert all(job.family for job in ref.jobs)
    assert {job.family for job in ref.jobs if job.has_fiche} == {"PRODUCTION"}


def test_table_cells_read_in_row_order(seed_report: ParseReport) -> None:
    ref = seed_report.referentiel
    assert (ref.job("Support technique").family, ref.job("Support technique").subfamily) == (
        "PRODUCTION",
        "SUPPORT ET ASSISTANCE",
    )
    assert ref.job("Manager de ressources").subfamily == "MANAGEMENT"
    assert ref.job("Assistant chef de projet").subfamily == "SUPPORT"
    assert ref.job("Directeur des SI").family == "CONSEIL"
    assert ref.job("Chef de produit").family == "COMMERCIAL"
    assert ref.job("Gestionnaire de configuration").family == "ETUDE & DEVELOPPEMENT"
    cell = ref.job("Responsable technique de compte").source.table
    assert cell is not None
    assert (cell.line, cell.column, cell.family_wide) == (193, 1, False)


def test_uncertain_placements_carry_a_note(seed_report: ParseReport) -> None:
    ref = seed_report.referentiel
    assert any("whole PRODUCTION family" in note for note in ref.job("Directeur de production").notes)
    assert any("fiche" in note for note in ref.job("Directeur de production").notes)
    assert any("COMMERCIAL family" in note for note in ref.job("Ingénieur technico-commercial").notes)
    assert ref.job("Technicien de maintenance").notes == []


@pytest.mark.parametrize(("job_id", "expected"), PREREQUISITES.items())
def test_seed_prerequisites(seed_report: ParseReport, job_id: str, expected: tuple[object, ...]) -> None:
    pre = _job(seed_report, job_id).prerequisites
    found = (
        pre.education_min,
        pre.education_max,
        pre.experience_min_years,
        pre.experience_max_years,
        pre.beginner_ok,
    )
    assert found == expected
    for source in pre.sources.values():
        assert source.text.split()[0] in SEED_LINES[source.line - 1]


def test_seed_prior_roles(seed_report: ParseReport) -> None:
    security = _job(seed_report, "ingenieur-securite").prerequisites
    assert security.prior_roles == ["ingenieur-administrateur-systeme-et-reseaux"]
    assert security.unresolved_prior_roles == ["responsable qualité"]
    assert _job(seed_report, "superviseur-hot-line").prerequisites.prior_roles == ["support-technique"]
    account = _job(seed_report, "responsable-technique-de-compte").prerequisites
    assert [r.group for r in account.prior_role_references] == ["PRODUCTION", "ETUDE & DEVELOPPEMENT"]
    assert "responsable-technique-de-compte" not in account.prior_roles
    assert "developpeur" in account.prior_roles


@pytest.mark.parametrize(("job_id", "expected"), PROXIMITY.items())
def test_seed_proximity(seed_report: ParseReport, job_id: str, expected: list[str]) -> None:
    found = [i for ref in _job(seed_report, job_id).proximity for i in ref.ids]
    assert found == expected


def test_group_references_expand_visibly(seed_report: ParseReport) -> None:
    account = _job(seed_report, "responsable-technique-de-compte").proximity
    assert [(r.text, r.how, r.group) for r in account] == [("Métiers du conseil", "group", "CONSEIL")]
    assert len(account[0].ids) == 7
    security = _job(seed_report, "ingenieur-securite").proximity[0]
    assert security.text == "Administrateur (système, réseaux, bases de données)"
    assert security.how == "group"
    assert len(security.members) == 3


def test_unresolved_references_listed_with_line(seed_report: ParseReport) -> None:
    found = [(u.job, u.field, u.text, u.line) for u in seed_report.referentiel.unresolved]
    assert found == [
        ("analyste-d-exploitation", "proximity", "Ingénieur développement", 869),
        ("ingenieur-securite", "prior_roles", "responsable qualité", 1691),
    ]


@pytest.mark.parametrize(
    ("job_id", "counts"),
    [
        # aliases, main, secondary, savoir-faire, knowledge, variability
        ("administrateur-de-base-de-donnees", (4, 4, 2, 6, 6, 2)),
        ("administrateur-de-site", (3, 7, 2, 12, 7, 3)),
        ("directeur-de-production", (0, 12, 1, 10, 7, 2)),
        ("technicien-de-maintenance", (3, 4, 3, 4, 6, 2)),
        ("technicien-reseau", (0, 9, 2, 13, 7, 2)),
        ("integrateur-d-exploitation", (3, 4, 1, 3, 4, 0)),
    ],
)
def test_seed_section_counts(seed_report: ParseReport, job_id: str, counts: tuple[int, ...]) -> None:
    job = _job(seed_report, job_id)
    found = tuple(
        len(getattr(job, name))
        for name in (
            "aliases",
            "main_activities",
            "secondary_activities",
            "savoir_faire",
            "knowledge",
            "variability",
        )
    )
    assert found == counts
    for item in [*job.main_activities, *job.knowledge]:
        assert item.text in SEED_LINES[item.line - 1]


def test_english_aliases_are_marked(seed_report: ParseReport) -> None:
    site = _job(seed_report, "administrateur-de-site")
    assert [(a.text, a.language) for a in site.aliases] == [
        ("Webmestre", "fr"),
        ("Gestionnaire de site", "fr"),
        ("Webmaster", "en"),
    ]


def test_behavioural_skills_follow_the_tick_marker(seed_report: ParseReport) -> None:
    skills = _job(seed_report, "directeur-de-production").behavioural_skills
    assert len(skills) == 5
    client = skills[1]
    assert client.category == "Orientation client (commercial)"
    assert client.required
    assert [p.text for p in client.precisions] == [
        "Capacités de négociation et de conviction",
        "Avoir des qualités relationnelles",
    ]
    assert not skills[0].required


def test_rome_codes_and_certifications(seed_report: ParseReport) -> None:
    assert [c.text for c in _job(seed_report, "technicien-de-maintenance").rome_codes] == ["53221"]
    certifications = _job(seed_report, "administrateur-de-reseau-d-entreprise").certifications
    assert [c.text for c in certifications] == ["CQP Administrateur de réseau d’entreprise (ARE)"]


def test_title_forms_are_recorded(seed_report: ParseReport) -> None:
    park = _job(seed_report, "gestionnaire-de-parc-micro-informatique")
    assert park.title == "Gestionnaire de parc micro-informatique"
    forms = park.source.title_forms()
    assert "Gestionnaire de parc micro" in forms
    assert "GESTIONNAIRE DE PARC MICRO" in forms
    assert park.source.fiche is not None
    assert len(park.source.fiche.titles) == 3


def test_security_title_keeps_its_accents(seed_report: ParseReport) -> None:
    assert _job(seed_report, "ingenieur-securite").title == "Ingénieur sécurité"


# -- a small document written for the tests ----------------------------------


def test_small_document_variations(small_report: ParseReport) -> None:
    ref = small_report.referentiel
    assert small_report.errors == []
    assert [j.id for j in ref.jobs] == [
        "technicien-reseau",
        "gestionnaire-de-parc-micro-informatique",
        "chef-de-projet",
        "directeur-des-si",
        "developpeur",
    ]
    tech = ref.job("technicien reseau")
    assert tech.source.fiche is not None
    assert [t.text for t in tech.source.fiche.titles] == [
        "TECHNICIEN RÉSEAU",
        "TECHNICIEN RESEAU",
        "TECHNICIEN RÉSEAU",
    ]
    assert (tech.family, tech.subfamily) == ("TECHNIQUE", "RESEAUX")
    assert [c.text for c in tech.rome_codes] == ["I1401"]
    assert [(s.category, [p.text for p in s.precisions]) for s in tech.behavioural_skills if s.required] == [
        ("Orientation client (commercial)", ["Sens du service"]),
        ("Autre comportement spécifique", ["Rigueur", "Patience"]),
    ]
    assert ref.job("Directeur des SI").source.table is not None
    assert ref.families[1].name == "GESTION & PILOTAGE"


def test_small_document_groups_and_prior_roles(small_report: ParseReport) -> None:
    ref = small_report.referentiel
    tech = ref.job("technicien reseau")
    assert [r.ids for r in tech.proximity] == [
        ["gestionnaire-de-parc-micro-informatique"],
        ["chef-de-projet", "developpeur"],
        [],
    ]
    park = ref.job("gestionnaire de parc micro")
    assert park.prerequisites.prior_roles == ["technicien-reseau"]
    assert park.prerequisites.unresolved_prior_roles == ["opérateur fusée"]
    assert (park.prerequisites.experience_min_years, park.prerequisites.experience_max_years) == (2, 3)
    assert park.prerequisites.education_min == 3


def test_fiches_only_document_takes_families_from_fiches() -> None:
    text = (TEST_DATA / "petit-referentiel.txt").read_text(encoding="utf-8")
    fiches_only = text[text.index("\tFamille") :]
    report = parse_text(fiches_only, source="fiches.txt")
    assert [j.id for j in report.referentiel.jobs] == [
        "technicien-reseau",
        "gestionnaire-de-parc-micro-informatique",
    ]
    assert [(f.name, [s.text for s in f.subfamilies]) for f in report.referentiel.families] == [
        ("TECHNIQUE", ["RESEAUX", "SUPPORT"])
    ]


# -- malformed documents -------------------------------------------------------


def test_empty_document() -> None:
    with pytest.raises(ParseError, match="empty") as caught:
        parse_text("  \n\u00a0\n", source="vide.txt")
    assert caught.value.line == 1
    assert "vide.txt" in str(caught.value)


def test_binary_document(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"PNG\n\n\x00\x01\x02")
    with pytest.raises(ParseError, match="binary") as caught:
        parse_file(path)
    assert caught.value.line == 3


def test_not_utf8_document(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Famille\nPRODUCTION\nIntitulé".encode("latin-1"))
    with pytest.raises(ParseError, match="UTF-8") as caught:
        parse_file(path)
    assert caught.value.line == 3


def test_document_without_jobs() -> None:
    with pytest.raises(ParseError, match="no job found"):
        parse_text("Bonjour,\nvoici un texte sans fiche.\n")


def test_truncated_document_is_an_error_with_its_line() -> None:
    cut = SEED_LINES.index("\tCompétences comportementales requises") + 5
    report = parse_text("\n".join(SEED_LINES[:cut]), source="coupe.txt")
    assert len(report.errors) == 1
    error = report.errors[0]
    assert "truncated" in error.message
    assert "ADMINISTRATEUR DE BASE DE DONNÉES" in error.message
    assert error.line == cut


def test_repeated_section_points_at_a_missing_header() -> None:
    lines = list(SEED_LINES)
    family = lines.index("\tFamille", 2000)
    title = lines.index("\tIntitulé de l’emploi-type ", family)
    lines[family] = "\tFamile"  # both misspelt: the next fiche's first page merges into this one
    lines[title] = "\tIntitule emploi"
    report = parse_text("\n".join(lines))
    twice = [e for e in report.errors if "appears twice" in e.message]
    assert twice
    assert twice[0].line == family + 5


def test_table_with_a_broken_row() -> None:
    lines = list(SEED_LINES)
    row = lines.index("\tAnalyste d'exploitation")
    del lines[row + 1]
    report = parse_text("\n".join(lines))
    assert [e.line for e in report.errors] == [row + 1]
    assert "row of 6 cells" in report.errors[0].message


_MUTATIONS = st.lists(
    st.tuples(st.integers(0, len(SEED_LINES) - 1), st.sampled_from(["drop", "dup", "junk", "cut"])),
    max_size=8,
)


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_MUTATIONS, st.text(max_size=30))
def test_mutated_documents_raise_only_parse_errors(mutations: list[tuple[int, str]], junk: str) -> None:
    lines = list(SEED_LINES)
    for position, action in mutations:
        if not lines:
            break
        index = position % len(lines)
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "junk":
            lines[index] = junk
        else:
            lines = lines[:index]
    try:
        report = parse_text("\n".join(lines))
    except ParseError:
        return
    assert all(d.line >= 1 for d in report.diagnostics)


def test_a_title_without_letters_is_an_error_not_a_crash() -> None:
    lines = SEED_LINES[1:]
    lines[1753] = ":"  # the title of a fiche, once the first line is gone
    report = parse_text("\n".join(lines))
    errors = [e for e in report.errors if e.line == 1754]
    assert [e.message for e in errors] == [
        "job ':' cannot be read: its title has no letter or digit to make an id of"
    ]


def test_a_document_in_decomposed_unicode_reads_as_the_composed_one(tmp_path: Path) -> None:
    """macOS can write «é» as «e» and a combining accent: the fiches read the same."""
    text = (TEST_DATA / "petit-referentiel.txt").read_text(encoding="utf-8")
    decomposed = tmp_path / "nfd.txt"
    decomposed.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert unicodedata.normalize("NFD", text) != text
    composed = parse_text(text, source="nfd.txt").referentiel
    assert parse_file(decomposed).referentiel.jobs == composed.jobs


def test_an_error_in_a_fiches_prerequisites_names_the_file(tmp_path: Path) -> None:
    text = (TEST_DATA / "petit-referentiel.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Une expérience de"))
    lines[at] = "Une expérience de 1000 ans est indispensable."
    document = tmp_path / "fiches.txt"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match=rf"^fiches.txt, line {at + 1}: 1000 years of experience"):
        parse_file(document)
