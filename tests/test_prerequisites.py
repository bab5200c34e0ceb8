from __future__ import annotations

import pytest

from carrieres.names import Resolver
from carrieres.prerequisites import extract_prerequisites


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(
        [
            ("iasr", "Ingénieur administrateur système et réseaux", [], ["Ingénieur système"]),
            ("support", "Support technique", [], []),
            ("tech", "Technicien de maintenance", [], []),
            ("dev", "Développeur", [], []),
        ],
        {"PRODUCTION": ["iasr", "support", "tech"], "ETUDE & DEVELOPPEMENT": ["dev"]},
    )


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Les recrutements se font à des niveaux Bac+2 à Bac+4.", 2, 4),
        ("Diplômés de niveau BAC+4 ou BAC+5.", 4, 5),
        ("Formation de niveau Bac+4/5 en informatique.", 4, 5),
        ("Les recrutements se font à des niveaux Bac à Bac+2 technique", 0, 2),
        ("Certaines entreprises exigent un niveau Bac+4 et plus.", 4, None),
        ("Une formation de niveau Bac+5.", 5, 5),
        ("Accessible à partir d'une certification d'un niveau Bac+2 en informatique", 2, None),
        ("À partir d'un niveau Bac+2 mais certaines entreprises exigent un niveau Bac+4 et plus.", 2, None),
        ("Titulaire d'un BTS ou d'un DUT.", 2, 2),
        ("Une licence ou un master.", 3, 5),
        ("Bac +3 minimum.", 3, None),
        ("Un bon sens du contact est attendu.", None, None),
    ],
)
def test_education(resolver: Resolver, text: str, low: int | None, high: int | None) -> None:
    found = extract_prerequisites([(text, 10)], resolver)
    assert (found.education_min, found.education_max) == (low, high)
    if low is not None:
        assert found.sources["education"].line == 10
    else:
        assert "education" not in found.sources


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Au moins trois années d'expérience en production.", 3, None),
        ("Une expérience de 4 à 5 ans est souvent exigée.", 4, 5),
        ("Accessible à des personnes ayant une expérience d'environ 5 années.", 5, 5),
        ("L'accès à ce poste est possible après 2 à 3 ans d'expérience.", 2, 3),
        ("Une expérience de deux ans est demandée.", 2, 2),
        ("Entre six et dix ans d'expérience.", 6, 10),
        ("Une expérience de plusieurs années est indispensable.", None, None),
        ("Il n'est pas nécessaire d'avoir 3 ans d'expérience.", None, None),
        ("L'entreprise existe depuis 5 ans.", None, None),
    ],
)
def test_experience(resolver: Resolver, text: str, low: float | None, high: float | None) -> None:
    found = extract_prerequisites([(text, 3)], resolver)
    assert (found.experience_min_years, found.experience_max_years) == (low, high)


@pytest.mark.parametrize(
    ("text", "beginner_ok"),
    [
        ("Ce poste est accessible à des débutants.", True),
        ("Cette fonction est accessible par des débutants.", True),
        ("Il n'est pas nécessaire d'avoir une expérience particulière.", True),
        ("Une expérience de plusieurs années dans le métier est demandée.", False),
        ("Une expérience professionnelle est indispensable à l'exercice de cette fonction", False),
        ("Accessible après 2 à 3 ans d'expérience.", False),
        ("Les entreprises recrutent des diplômés Bac+2, souvent avec expérience.", None),
        ("Formation de niveau Bac+5.", None),
    ],
)
def test_beginners(resolver: Resolver, text: str, beginner_ok: bool | None) -> None:
    found = extract_prerequisites([(text, 1)], resolver)
    assert found.beginner_ok is beginner_ok
    assert ("beginner_ok" in found.sources) is (beginner_ok is not None)


def test_prior_roles_as_a_list_of_posts(resolver: Resolver) -> None:
    text = (
        "Une expérience professionnelle a des postes comme ingénieur système et réseaux "
        "ou responsable qualité est indispensable à l'exercice de cette fonction"
    )
    found = extract_prerequisites([(text, 1691)], resolver)
    assert found.prior_roles == ["iasr"]
    assert found.unresolved_prior_roles == ["responsable qualité"]
    assert [r.line for r in found.prior_role_references] == [1691, 1691]
    assert found.sources["prior_roles"].text == text


def test_prior_roles_named_by_a_trade(resolver: Resolver) -> None:
    text = (
        "Ces postes sont accessibles à des diplômés Bac+2 "
        "avec une expérience des métiers du support technique."
    )
    found = extract_prerequisites([(text, 5)], resolver)
    assert found.prior_roles == ["support"]
    assert found.beginner_ok is False


def test_prior_roles_named_by_families_keep_each_alternative(resolver: Resolver) -> None:
    text = "Une expérience de plusieurs années dans les métiers de la production ou des études."
    found = extract_prerequisites([(text, 5)], resolver)
    groups = [r.group for r in found.prior_role_references]
    assert groups == ["PRODUCTION", "ETUDE & DEVELOPPEMENT"]
    assert set(found.prior_roles) == {"iasr", "support", "tech", "dev"}


def test_the_fiche_own_job_is_left_out_of_a_group(resolver: Resolver) -> None:
    found = extract_prerequisites([("Trois ans d'expérience en production.", 1)], resolver, job_id="tech")
    assert "tech" not in found.prior_roles
    assert found.prior_role_references[0].group == "PRODUCTION"


def test_negated_experience_names_no_prior_role(resolver: Resolver) -> None:
    found = extract_prerequisites(
        [("Il n'est pas nécessaire d'avoir une expérience en production.", 1)], resolver
    )
    assert found.prior_roles == []
    assert found.beginner_ok is True


def test_text_keeps_lines_as_paragraphs(resolver: Resolver) -> None:
    found = extract_prerequisites([("Bac+2.", 1), ("Débutants acceptés.", 2)], resolver)
    assert found.text == "Bac+2.\nDébutants acceptés."
    assert found.sources["beginner_ok"].line == 2
