"""The feminine of French job titles, and names written as French speakers write them."""

from __future__ import annotations

import csv

import pytest

from carrieres import AmbiguousNameError, Referentiel, UnknownNameError
from carrieres._gender import feminine

from .conftest import ROOT

FEMININE_FLOOR = 0.95


def _rome_gendered_pairs() -> list[tuple[str, str]]:
    """ROME 4.0's appellations written « masculine / feminine », as (masculine, feminine) names."""
    path = ROOT / "data" / "rome-v4" / "unix_referentiel_appellation_v460_utf8.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        names = [row["libelle_appellation_long"] for row in csv.DictReader(stream)]
    pairs = []
    for name in names:
        if " / " in name:
            left, right = (half.split() for half in name.split(" / ", 1))
            masculine = [left[0], *right[1:]] if len(left) == 1 else [*left, *right[len(left) :]]
            pairs.append((" ".join(masculine), " ".join(right)))
    return pairs


def test_the_rule_gives_rome_feminine_half_from_its_masculine_half() -> None:
    pairs = _rome_gendered_pairs()
    right = sum(feminine(masculine).lower() == fem.lower() for masculine, fem in pairs)
    print(
        f"\nfeminine rule: {right} of {len(pairs)} ROME 4.0 gendered appellations ({right / len(pairs):.1%})"
    )
    assert len(pairs) > 10_000
    assert right / len(pairs) >= FEMININE_FLOOR


@pytest.mark.parametrize(
    ("masculine", "expected"),
    [
        ("Ingénieur sécurité informatique", "Ingénieure sécurité informatique"),
        ("Technicien de maintenance", "Technicienne de maintenance"),
        ("Directeur commercial", "Directrice commerciale"),
        ("Administrateur de bases de données", "Administratrice de bases de données"),
        ("Consultant fonctionnel", "Consultante fonctionnelle"),
        ("Chef de projet", "Cheffe de projet"),
        ("Acheteur", "Acheteuse"),
        ("Conseiller commercial", "Conseillère commerciale"),
        ("Agent administratif et commercial", "Agente administrative et commerciale"),
        ("Ingénieur technico-commercial", "Ingénieure technico-commerciale"),
        ("Accastilleur-gréeur", "Accastilleuse-gréeuse"),
        ("Sous-officier", "Sous-officière"),
        ("Contremaître", "Contremaîtresse"),
        ("Gestionnaire de parc", "Gestionnaire de parc"),
        ("Analyste", "Analyste"),
        ("Manager de proximité", "Manager de proximité"),
        ("Développeur logiciel", "Développeuse logiciel"),
    ],
)
def test_feminine_by_the_rules(masculine: str, expected: str) -> None:
    assert feminine(masculine) == expected


def test_the_feminine_of_every_title_names_its_job(referentiel: Referentiel) -> None:
    for job in referentiel.jobs:
        for half in job.title.split(" / "):  # « Ingénieur qualité méthodes / ingénieur validation »
            assert referentiel.job(feminine(half)).id == job.id, feminine(half)
            assert referentiel.job(feminine(half).upper()).id == job.id


@pytest.mark.parametrize(
    ("name", "job"),
    [
        ("ingénieure sécurité", "ingenieur-securite"),
        ("technicienne de maintenance", "technicien-de-maintenance"),
        ("hotliner", "support-technique"),
        ("hot liner", "support-technique"),
        ("Hot-liner", "support-technique"),
        ("ingénieur sécurité informatique", "ingenieur-securite"),
        ("ingenieure securite informatique", "ingenieur-securite"),
        ("RSSI", "ingenieur-securite"),
    ],
)
def test_names_as_french_speakers_write_them(referentiel: Referentiel, name: str, job: str) -> None:
    assert referentiel.job(name).id == job


def test_a_word_left_out_only_when_one_job_remains(referentiel: Referentiel) -> None:
    with pytest.raises(UnknownNameError):
        referentiel.job("technicien sécurité informatique")
    with pytest.raises(AmbiguousNameError):
        referentiel.job("ingénieures")
