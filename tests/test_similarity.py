from __future__ import annotations

import pytest

from carrieres import Referentiel
from carrieres.similarity import similar_pairs, stem, terms


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("reseau", "reseaux"), True),
        (("administrer", "administration"), True),
        (("securite", "secure"), True),
        (("reseau", "securite"), False),
    ],
)
def test_light_stemming(words: tuple[str, str], same: bool) -> None:
    assert (stem(words[0]) == stem(words[1])) is same


def test_terms_drop_stop_words_and_accents(referentiel: Referentiel) -> None:
    found = terms(referentiel.job("Ingénieur sécurité"))
    assert "secur" in found
    assert not {"les", "de", "et", "mettre"} & set(found.values())
    assert terms(referentiel.job("Chef de projet")) == {}


def test_pairs_are_sorted_and_justified(referentiel: Referentiel) -> None:
    pairs = similar_pairs(referentiel, threshold=0.1)
    scores = [pair.score for pair in pairs]
    assert scores == sorted(scores, reverse=True)
    assert all(pair.shared for pair in pairs)
    assert all(referentiel.get(pair.source).has_fiche for pair in pairs)
    fewer = similar_pairs(referentiel, threshold=0.2)
    assert set(fewer) < set(pairs)
    maintenance = {(p.source, p.target) for p in fewer}
    assert ("technicien-de-maintenance", "support-technique") in maintenance


def test_threshold_is_checked(referentiel: Referentiel) -> None:
    with pytest.raises(ValueError, match="threshold"):
        similar_pairs(referentiel, threshold=0)
