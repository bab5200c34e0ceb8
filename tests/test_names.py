from __future__ import annotations

import csv
import random
from collections.abc import Sequence

import pytest
from click.testing import CliRunner

from carrieres import AmbiguousNameError, Referentiel, UnknownNameError, load_referentiel
from carrieres._text import tokens
from carrieres.cli import main
from carrieres.names import Match, NameIndex, Resolver

from .conftest import ROOT


@pytest.mark.parametrize(
    ("name", "job_id"),
    [
        ("ingenieur securite", "ingenieur-securite"),
        ("INGÉNIEUR SÉCURITÉ", "ingenieur-securite"),
        ("Technicien réseaux", "technicien-reseau"),
        ("Technicien reseau", "technicien-reseau"),
        ("Gestionnaire de parc micro", "gestionnaire-de-parc-micro-informatique"),
        ("gestionnaire de parc micro-informatique", "gestionnaire-de-parc-micro-informatique"),
        ("Analyste d'exploitation", "analyste-d-exploitation"),
        ("Analyste d’exploitation", "analyste-d-exploitation"),
        ("Webmestre", "administrateur-de-site"),
        ("Webmaster", "administrateur-de-site"),
        ("Hot liner", "support-technique"),
        ("Pupitreur", "technicien-pilote-d-exploitation"),
        ("Ingénieur système", "ingenieur-administrateur-systeme-et-reseaux"),
        ("Directeur des SI", "directeur-des-systemes-d-information"),
        ("Architecte des SI", "architecte-des-systemes-d-information"),
        ("DSI", "directeur-des-systemes-d-information"),
        ("Ingénieur validation", "ingenieur-qualite-methodes-ingenieur-validation"),
        ("ingenieur-securite", "ingenieur-securite"),
    ],
)
def test_names_resolve_to_one_job(referentiel: Referentiel, name: str, job_id: str) -> None:
    assert referentiel.job(name).id == job_id


def test_unknown_name_suggests_close_names(referentiel: Referentiel) -> None:
    with pytest.raises(UnknownNameError, match="tecnicien de maintenence") as caught:
        referentiel.job("tecnicien de maintenence")
    assert caught.value.suggestions[0] == "Technicien de maintenance"
    assert len(caught.value.suggestions) <= 3


def test_ambiguous_name_lists_candidates(referentiel: Referentiel) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        referentiel.job("administrateur")
    assert "Administrateur de site" in caught.value.candidates
    assert "Administrateur de base de données" in caught.value.candidates
    assert isinstance(caught.value, LookupError)


def test_ambiguity_names_the_alias_that_matched(referentiel: Referentiel) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        referentiel.job("ingenieur")
    assert "Administrateur de base de données (as 'Ingénieur base de données'" in str(caught.value)


def test_title_wins_over_alias_at_the_same_words() -> None:
    index = NameIndex([("Support technique", "a", 0), ("Support technique", "b", 1)])
    assert index.resolve("support technique") == "a"


def test_partial_match_needs_all_query_words_in_order() -> None:
    index = NameIndex([("Ingénieur administrateur système et réseaux", "iasr", 0)])
    assert index.match("ingénieur système et réseaux").keys == ("iasr",)
    assert index.match("ingénieur système et réseaux").how == "partial"
    assert index.match("ingénieur développement").keys == ()


@pytest.fixture
def resolver() -> Resolver:
    return Resolver(
        [
            ("abd", "Administrateur de base de données", [], []),
            ("are", "Administrateur de réseau d'entreprise", [], ["Administrateur systèmes et réseaux"]),
            ("site", "Administrateur de site", [], []),
            ("iasr", "Ingénieur administrateur système et réseaux", [], ["Ingénieur système"]),
            ("conseil", "Consultant en technologie", [], []),
            ("archi", "Architecte technique", [], []),
        ],
        {"CONSEIL": ["conseil", "archi"], "PRODUCTION": ["abd", "are", "site", "iasr"]},
    )


def test_family_group_expands_to_its_jobs(resolver: Resolver) -> None:
    found = resolver.reference("Métiers du conseil")
    assert (found.ids, found.how, found.group) == (("conseil", "archi"), "group", "CONSEIL")


def test_parenthesised_group_expands_each_member(resolver: Resolver) -> None:
    found = resolver.reference("Administrateur (système, réseaux, bases de données)")
    assert found.how == "group"
    assert set(found.ids) == {"are", "iasr", "abd"}
    assert found.members == (
        "Administrateur système",
        "Administrateur réseaux",
        "Administrateur bases de données",
    )


def test_reference_to_nothing_stays_unresolved(resolver: Resolver) -> None:
    found = resolver.reference("Ingénieur développement")
    assert (found.ids, found.how, found.resolved) == ((), "none", False)


def test_ambiguous_reference_is_not_guessed(resolver: Resolver) -> None:
    found = resolver.reference("Administrateur")
    assert found.ids == ()
    assert set(found.candidates) == {"abd", "are", "site", "iasr"}


def test_bare_family_name_is_a_group(resolver: Resolver) -> None:
    assert resolver.reference("production").group == "PRODUCTION"


class _EveryName(NameIndex):
    """The same lookup, reading every name for each query word (what the word index must keep)."""

    def _candidates(self, query: Sequence[str], *, initials: bool = True) -> set[int]:
        return {
            n
            for n, e in enumerate(self._entries)
            if query and all(_holds(e.words, w, initials) for w in query)
        }


def _holds(words: Sequence[str], word: str, initials: bool) -> bool:
    """Whether a name's words hold a query word: as it is, as two words written as one, or (a word
    of two to five letters) as the initials of as many words."""
    for start in range(len(words)):
        if word in (words[start], "".join(words[start : start + 2])):
            return True
        span = words[start : start + len(word)]
        initial = initials and word.isalpha() and 2 <= len(word) == len(span) <= 5
        if initial and "".join(part[0] for part in span) == word:
            return True
    return False


def _scan_every_name(index: NameIndex, name: str) -> Match:
    scan = _EveryName([])
    scan.__dict__.update(index.__dict__)
    return scan.match(name)


@pytest.mark.parametrize(("source", "count"), [("metiers-informatique", 100), ("rome-v3", 20)])
def test_the_word_index_finds_what_reading_every_name_finds(source: str, count: int) -> None:
    referentiel = load_referentiel(source)
    index = referentiel.resolver.jobs
    rng = random.Random(4)
    names = [name for job in referentiel.jobs for name in (job.title, *(a.text for a in job.aliases))]
    queries = rng.sample(names, min(count, len(names)))
    words = sorted({word for name in names for word in tokens(name)})
    queries += [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(count)]
    queries += [name[: len(name) // 2] for name in rng.sample(names, min(count // 2, len(names)))]
    queries += [
        "SI",
        "DSI",
        "ingénieur SI",
        "Chef",
        "tech",
        "xyz",
        "",
        "d'",
        "administrateur BDD",
        "admin sys",
    ]
    for query in queries:
        assert index.match(query) == _scan_every_name(index, query), query


def _appellations(code: str) -> list[str]:
    """A card's appellations, read straight from the shipped v460 file."""
    (path,) = (ROOT / "data" / "rome-v4").glob("unix_referentiel_appellation_v*_utf8.csv")
    with path.open(encoding="utf-8", newline="") as file:
        return [row["libelle_appellation_long"] for row in csv.DictReader(file) if row["code_rome"] == code]


def test_a_job_answers_to_its_cards_appellations() -> None:
    referentiel = load_referentiel()
    support = referentiel.get("support-technique")
    card = referentiel.crosswalk("rome-v4").row("support-technique").code
    assert support.card_names == _appellations(card)
    assert "Technicien / Technicienne helpdesk" in support.card_names
    for name in ("technicien helpdesk", "Technicienne helpdesk", "TECHNICIEN HELPDESK"):
        assert referentiel.resolver.resolve(name) == "support-technique", name
    assert referentiel.resolver.resolve("scrum master") == "assistant-chef-de-projet"
    # a job's own names come first: an appellation never takes a title or an alias from another job
    for job in referentiel.jobs:
        assert referentiel.resolver.resolve(job.title) == job.id
    # what the document alone says knows nothing of the cards
    with pytest.raises(UnknownNameError):
        load_referentiel(fiche_only=True).resolver.resolve("scrum master")


def test_show_says_which_appellations_find_a_job() -> None:
    shown = CliRunner().invoke(main, ["show", "technicien helpdesk"]).stdout
    assert shown.startswith("Support technique\n")
    assert "found too by the appellations of its ROME 4.0 card I1404: " in shown
