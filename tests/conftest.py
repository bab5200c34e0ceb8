"""Shared fixtures: the shipped référentiel, its source document, test documents."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["LC_ALL"] = "C.UTF-8"  # the tests speak English unless they ask for French (--lang fr)
# the output is wrapped as off a terminal (pytest-xdist's workers are given COLUMNS=80)
os.environ.pop("COLUMNS", None)
# the name indexes the tests keep go to a folder of their own, not to the user's cache
os.environ.setdefault("CARRIERES_CACHE", os.path.join(tempfile.gettempdir(), "carrieres-tests-cache"))

from carrieres import ParseReport, Referentiel, load_referentiel, parse_file

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "les-41-metiers-informatique.txt"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def referentiel() -> Referentiel:
    """The shipped référentiel, loaded from its JSON dataset."""
    return load_referentiel()


@pytest.fixture(scope="session")
def seed_report() -> ParseReport:
    """A fresh parse of the shipped source document."""
    return parse_file(SOURCE, name="metiers-informatique")


@pytest.fixture(scope="session")
def small_report() -> ParseReport:
    """A small document written for the tests, with the seed's layout variations."""
    return parse_file(TEST_DATA / "petit-referentiel.txt")
