from __future__ import annotations

import dataclasses
import importlib
import json
import typing
from dataclasses import FrozenInstanceError

import pytest
from pydantic import ValidationError

from carrieres import Prerequisites, Referentiel
from carrieres._records import Record, _hints, record
from carrieres._shipped import shipped_file
from carrieres.files import BUILT_IN, CROSSWALKS, shipped_dataset_path
from carrieres.models import Alias, Item, Job

from .conftest import ROOT


def test_minimum_above_maximum_is_rejected() -> None:
    with pytest.raises(ValueError, match="above maximum"):
        Prerequisites(education_min=5, education_max=2)
    with pytest.raises(ValueError, match="above maximum"):
        Prerequisites(experience_min_years=3, experience_max_years=1)


def test_levels_are_bounded() -> None:
    with pytest.raises(ValueError, match="education_min: -2 is below -1"):
        Prerequisites(education_min=-2)
    assert Prerequisites(education_min=-1).education_min == -1  # a CAP or a BEP
    with pytest.raises(ValueError, match="experience_min_years: 100 is above 60"):
        Prerequisites(experience_min_years=100)


def test_prior_roles_must_agree_with_their_references() -> None:
    with pytest.raises(ValueError, match="prior_role_references"):
        Prerequisites(prior_roles=["x"])


def test_unknown_keys_are_rejected_and_models_are_frozen() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Item.validate({"text": "a", "line": 1, "colour": "red"})
    with pytest.raises(TypeError, match="colour"):
        Item(text="a", line=1, colour="red")  # type: ignore[call-arg]
    item = Item(text="a", line=1)
    with pytest.raises(FrozenInstanceError):
        item.text = "b"  # type: ignore[misc]


def test_files_are_checked_field_by_field() -> None:
    with pytest.raises(ValidationError, match=r"line\n.*greater than or equal to 1"):
        Item.validate_json('{"text": "a", "line": 0}')
    with pytest.raises(ValidationError, match=r"jobs\.0\.id\n.*should match pattern"):
        Referentiel.validate({"name": "x", "jobs": [{"id": "Not A Slug", "title": "x"}]})
    with pytest.raises(ValidationError, match=r"jobs\.0\.title\n.*valid string"):
        Referentiel.validate({"name": "x", "jobs": [{"id": "x", "title": 3}]})


def test_shipped_data_round_trips(referentiel: Referentiel) -> None:
    data = referentiel.to_dict()
    assert Referentiel.from_dict(data) == referentiel
    assert Referentiel.validate(data) == referentiel
    assert Referentiel.from_dict(data).to_dict() == data


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_every_shipped_referentiel_passes_the_full_validation(name: str) -> None:
    """The shipped files load without their fields being checked again: pydantic checks them here."""
    data = json.loads(shipped_dataset_path(name).read_bytes())
    data["crosswalks"] = [json.loads(shipped_file(file).read_bytes()) for file in CROSSWALKS.get(name, ())]
    validated = Referentiel.validate(data)
    assert validated.to_dict() == Referentiel.from_dict(data).to_dict()
    assert len(validated.jobs) >= 41


def test_ids_are_slugs() -> None:
    with pytest.raises(ValueError, match="id: 'Ingénieur' does not match"):
        Job(id="Ingénieur", title="Ingénieur")


def test_referentiel_rejects_dangling_references(referentiel: Referentiel) -> None:
    data = referentiel.to_dict()
    data["jobs"] = [job for job in data["jobs"] if job["id"] != "support-technique"]
    with pytest.raises(ValidationError, match="unknown ids: support-technique"):
        Referentiel.validate(data)


def test_referentiel_rejects_duplicate_ids(referentiel: Referentiel) -> None:
    data = referentiel.to_dict()
    data["jobs"].append(data["jobs"][0])
    with pytest.raises(ValidationError, match="duplicate job ids"):
        Referentiel.validate(data)


def test_family_lookup(referentiel: Referentiel) -> None:
    support = [job.id for job in referentiel.iter_family("support et assistance")]
    assert support == [
        "gestionnaire-de-parc-micro-informatique",
        "technicien-de-maintenance",
        "superviseur-hot-line",
        "support-technique",
    ]
    assert len(list(referentiel.iter_family("Production"))) == 16


def _record_classes() -> list[type]:
    """Every record class of the package (its modules imported)."""
    for module in sorted((ROOT / "src" / "carrieres").glob("*.py")):
        if not module.stem.startswith("__"):
            importlib.import_module(f"carrieres.{module.stem}")
    found, stack = [], list(Record.__subclasses__())
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack += cls.__subclasses__()
    return sorted(set(found), key=lambda cls: (cls.__module__, cls.__qualname__))


def test_records_read_their_field_types_as_typing_does() -> None:
    classes = [cls for cls in _record_classes() if cls.__module__.startswith("carrieres.")]
    assert len(classes) > 30
    for cls in classes:
        expected = typing.get_type_hints(cls, include_extras=True)
        names = [field.name for field in dataclasses.fields(cls)]
        assert {n: _hints(cls)[n] for n in names} == {n: expected[n] for n in names}, cls


def test_records_compare_hash_and_print_as_dataclasses_do() -> None:
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Generated:
        text: str
        line: int = 1

    @record
    class Shared(Record):
        text: str
        line: int = 1

    pairs = [
        ({"text": "a"}, {"text": "a"}),
        ({"text": "a"}, {"text": "a", "line": 2}),
        ({"text": "b"}, {"text": "a"}),
    ]
    for left, right in pairs:
        assert (Shared(**left) == Shared(**right)) == (Generated(**left) == Generated(**right))
        assert (hash(Shared(**left)) == hash(Shared(**right))) == (Generated(**left) == Generated(**right))
        assert repr(Shared(**left)).replace("Shared", "Generated") == repr(Generated(**left))
    assert Shared(text="a") != Generated(text="a")
    assert Item(text="Bac", line=1) != Alias(text="Bac", line=1)  # a subclass is another record
    assert len({Item(text="Bac", line=1), Item(text="Bac", line=1)}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        Item(text="Bac", line=1).text = "Bac+2"  # type: ignore[misc]
