from __future__ import annotations

import pytest
from pydantic import ValidationError

from carrieres import Prerequisites, Referentiel
from carrieres.models import Item, Job


def test_minimum_above_maximum_is_rejected() -> None:
    with pytest.raises(ValidationError, match="above maximum"):
        Prerequisites(education_min=5, education_max=2)
    with pytest.raises(ValidationError, match="above maximum"):
        Prerequisites(experience_min_years=3, experience_max_years=1)


def test_levels_are_bounded() -> None:
    with pytest.raises(ValidationError):
        Prerequisites(education_min=-1)
    with pytest.raises(ValidationError):
        Prerequisites(experience_min_years=100)


def test_prior_roles_must_agree_with_their_references() -> None:
    with pytest.raises(ValidationError, match="prior_role_references"):
        Prerequisites(prior_roles=["x"])


def test_unknown_keys_are_rejected_and_models_are_frozen() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Item.model_validate({"text": "a", "line": 1, "colour": "red"})
    item = Item(text="a", line=1)
    with pytest.raises(ValidationError):
        item.text = "b"  # type: ignore[misc]


def test_ids_are_slugs() -> None:
    with pytest.raises(ValidationError):
        Job(id="Ingénieur", title="Ingénieur")


def test_referentiel_rejects_dangling_references(referentiel: Referentiel) -> None:
    data = referentiel.model_dump()
    data["jobs"] = [job for job in data["jobs"] if job["id"] != "support-technique"]
    with pytest.raises(ValidationError, match="unknown ids: support-technique"):
        Referentiel.model_validate(data)


def test_referentiel_rejects_duplicate_ids(referentiel: Referentiel) -> None:
    data = referentiel.model_dump()
    data["jobs"].append(data["jobs"][0])
    with pytest.raises(ValidationError, match="duplicate job ids"):
        Referentiel.model_validate(data)


def test_family_lookup(referentiel: Referentiel) -> None:
    support = [job.id for job in referentiel.iter_family("support et assistance")]
    assert support == [
        "gestionnaire-de-parc-micro-informatique",
        "technicien-de-maintenance",
        "superviseur-hot-line",
        "support-technique",
    ]
    assert len(list(referentiel.iter_family("Production"))) == 16
