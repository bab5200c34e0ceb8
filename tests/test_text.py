from __future__ import annotations

import pytest

from carrieres._text import fold, parse_number, slug, split_sentences, tokens


def test_fold_keeps_length_and_drops_accents() -> None:
    text = "Ingénieur d’ÉTUDES – œuvre\u00a0!"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "ingenieur d'etudes - œuvre !"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Technicien réseaux", "technicien reseau"),
        ("Administrateur de base données", "Administrateur de base de données"),
        ("Analyste d’exploitation", "ANALYSTE D'EXPLOITATION"),
        ("micro-informatique", "micro informatique"),
        ("Systèmes d'information", "systeme information"),
    ],
)
def test_tokens_ignore_accents_case_apostrophes_hyphens_plural(a: str, b: str) -> None:
    assert tokens(a) == tokens(b)


def test_tokens_keep_distinct_words_distinct() -> None:
    assert tokens("Chef de projet") != tokens("Chef de produit")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ingénieur sécurité", "ingenieur-securite"),
        ("Administrateur de réseau d’entreprise", "administrateur-de-reseau-d-entreprise"),
        (
            "Ingénieur qualité méthodes / ingénieur validation",
            "ingenieur-qualite-methodes-ingenieur-validation",
        ),
        ("Cœur de métier", "coeur-de-metier"),
    ],
)
def test_slug_is_ascii_lowercase_hyphenated(title: str, expected: str) -> None:
    assert slug(title) == expected


@pytest.mark.parametrize(("word", "value"), [("trois", 3), ("Une", 1), ("12", 12), ("2,5", 2.5)])
def test_numbers_in_digits_or_words(word: str, value: float) -> None:
    assert parse_number(word) == value


def test_sentences_split_at_stops_only() -> None:
    assert split_sentences("Bac+2. Débutants acceptés ! Et 2.5 ans") == [
        "Bac+2.",
        "Débutants acceptés !",
        "Et 2.5 ans",
    ]
