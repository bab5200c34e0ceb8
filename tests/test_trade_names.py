"""Names as people say them: the trade's words, ranked choices, bad names (issue #25)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import AmbiguousNameError, Referentiel, UnknownNameError, load_referentiel
from carrieres._text import tokens
from carrieres.cli import main
from carrieres.exceptions import RequestError
from carrieres.names import Resolver, _alignment, trade_names

from .conftest import ROOT


@pytest.fixture(scope="module")
def rome() -> Referentiel:
    return load_referentiel("rome-v4")


def _appellations() -> dict[str, str]:
    (path,) = (ROOT / "data" / "rome-v4").glob("unix_referentiel_appellation_v*_utf8.csv")
    with path.open(encoding="utf-8", newline="") as file:
        return {row["code_ogr"]: row["libelle_appellation_long"] for row in csv.DictReader(file)}


def test_every_trade_name_says_where_it_comes_from() -> None:
    appellations = _appellations()
    rows = trade_names()
    assert len(rows) >= 50
    assert len({tokens(row.name) for row in rows}) == len(rows)  # no form read two ways
    for row in rows:
        assert tokens(row.name), row
        assert tokens(row.stands_for), row
        assert row.note, row
        assert tokens(row.name) != tokens(row.stands_for), row
        if row.source == "usage":
            continue
        prefix, _, code = row.source.rpartition(" ")
        assert prefix == "ROME 4.0 appellation", row
        written = tokens(appellations[code])  # the appellation cited writes the form or its words
        assert any(
            _alignment(tokens(text), written, whole=False) is not None for text in (row.name, row.stands_for)
        ), (row, appellations[code])


@pytest.mark.parametrize(
    ("name", "job_id"),
    [
        ("DBA", "administrateur-de-base-de-donnees"),
        ("admin BDD", "administrateur-de-base-de-donnees"),
        ("AMOA", "consultant-en-assistance-a-la-maitrise-d-ouvrage"),
        ("consultante AMOA", "consultant-en-assistance-a-la-maitrise-d-ouvrage"),
        ("admin sys", "administrateur-de-reseau-d-entreprise"),
        ("sysadmin", "administrateur-de-reseau-d-entreprise"),
        ("RSSI", "ingenieur-securite"),
        ("CISO", "ingenieur-securite"),
        ("ingé sécu", "ingenieur-securite"),
        ("DSI", "directeur-des-systemes-d-information"),
        ("directeur informatique", "directeur-des-systemes-d-information"),
        ("CTO", "directeur-technique"),
        ("scrum master", "assistant-chef-de-projet"),
        ("project manager", "chef-de-projet"),
        ("cheffe de projet", "chef-de-projet"),
        ("dev", "developpeur"),
        ("développeuse", "developpeur"),
        ("technicien helpdesk", "support-technique"),
        ("technicienne support", "support-technique"),
        ("helpdesk", "support-technique"),
        ("tech de maintenance", "technicien-de-maintenance"),
        ("chargée d'exploitation", "integrateur-d-exploitation"),
        ("business analyst", "analyste-fonctionnel"),
        ("presales engineer", "ingenieur-technico-commercial"),
        ("account manager", "responsable-de-compte"),
        ("webmestre", "administrateur-de-site"),
        ("pupitreuse", "technicien-pilote-d-exploitation"),
        ("CP", "chef-de-projet"),
        ("TAM", "responsable-technique-de-compte"),
        ("ingénieur d'affaires", "ingenieur-commercial"),
        ("chargée de compte", "responsable-de-compte"),  # the table's forms read in the feminine too
        ("responsable informatique", "directeur-des-systemes-d-information"),
        ("ingénieure cybersécurité", "ingenieur-securite"),
        ("program manager", "directeur-de-projet"),
        ("Chef de projet\n", "chef-de-projet"),  # pasted with its line break
        ("développeuse Java", "developpeur"),  # a qualifier no name has is left out
        ("dev java", "developpeur"),
        ("chef de projet MOA", "chef-de-projet"),
    ],
)
def test_names_people_use_find_the_job_a_professional_means(
    referentiel: Referentiel, name: str, job_id: str
) -> None:
    assert referentiel.job(name).id == job_id


def test_a_name_read_through_trade_words_says_so(referentiel: Referentiel) -> None:
    reading = referentiel.read_name("consultante AMOA")
    assert [row.name for row in reading.trade] == ["AMOA"]
    assert reading.others == ()
    assert referentiel.read_name("Chef de projet").trade == ()


def test_a_clearly_closer_job_is_taken_and_the_others_named(referentiel: Referentiel) -> None:
    reading = referentiel.read_name("administrateur de reseau")
    assert reading.key == "administrateur-de-reseau-d-entreprise"
    assert reading.others == ("ingenieur-administrateur-systeme-et-reseaux",)
    with pytest.raises(AmbiguousNameError) as caught:
        referentiel.job("administrateur de reseau", strict=True)
    assert caught.value.candidates[0] == "Administrateur de réseau d’entreprise"


def test_an_ambiguous_name_lists_its_choices_closest_first_with_their_family(
    referentiel: Referentiel,
) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        referentiel.job("architecte")
    assert set(caught.value.candidates) == {
        "Architecte des systèmes d’information",
        "Architecte technique",
        "Ingénieur déploiement réseaux",
    }
    message = str(caught.value)
    assert "(as 'Architecte réseau', PRODUCTION)" in message
    assert "Architecte technique (CONSEIL)" in message
    assert message.index("\n  ") < message.index("be more precise")


@pytest.mark.parametrize(
    ("name", "code"),
    [("RSSI", "m1812"), ("DSI", "m1803"), ("DBA", "m1894"), ("devops", "m1827"), ("PMO", "m1828")],
)
def test_rome_v4_reads_the_trades_words(rome: Referentiel, name: str, code: str) -> None:
    assert rome.job(name).id == code


@pytest.mark.parametrize(
    ("name", "first"),
    [("developpeur", "m1805"), ("chef de projet", "m1853"), ("administrateur reseau", "m1854")],
)
def test_rome_v4_ranks_the_choices_of_a_broad_name(rome: Referentiel, name: str, first: str) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        rome.job(name)
    assert caught.value.candidates[0] == rome.get(first).title
    assert str(caught.value).count("\n  ") <= 9  # the closest eight, and how many more


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "the job name is empty"),
        ("   ", "the job name is empty"),
        ("a" * 10_000, "a name of 10,000 characters is too long"),
        ("Ingénieur\tsécurité", "control character (U+0009)"),
        ("Ingénieur\x00", "control character (U+0000)"),
        ("Инженер", "not written in the Latin alphabet"),
        ("工程师", "not written in the Latin alphabet"),
    ],
)
def test_a_name_no_lookup_can_answer_is_refused_clearly(
    referentiel: Referentiel, name: str, said: str
) -> None:
    with pytest.raises(RequestError, match=re.escape(said)):
        referentiel.job(name)
    result = CliRunner().invoke(main, ["path", name, "Ingénieur sécurité"])
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_an_unknown_trade_word_says_how_it_was_read(referentiel: Referentiel) -> None:
    with pytest.raises(
        UnknownNameError, match="read through the trade's words as 'tierce maintenance applicative'"
    ):
        referentiel.job("TMA")


def test_the_command_line_says_how_a_name_was_read() -> None:
    result = CliRunner().invoke(main, ["path", "DBA", "RSSI", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "note: 'DBA' is Administrateur de base de données: read through the trade's words" in result.stderr
    assert "note: 'RSSI' is Ingénieur sécurité" in result.stderr
    assert result.stdout.startswith("{")  # the notes stay off the output
    appellation = CliRunner().invoke(main, ["next", "technicien helpdesk"])
    assert "is an appellation of its ROME 4.0 card I1404" in " ".join(appellation.stderr.split())
    closest = CliRunner().invoke(main, ["show", "administrateur de reseau"])
    assert "it also matches Ingénieur administrateur système et réseaux (--strict refuses)" in " ".join(
        closest.stderr.split()
    )
    own = CliRunner().invoke(main, ["show", "Chef de projet"])
    assert own.stderr == ""
    qualified = CliRunner().invoke(main, ["show", "développeur Java"])
    assert "read without the word 'java'" in qualified.stderr
    part = CliRunner().invoke(main, ["show", "conseiller micro"])  # the beginning of an alias
    assert "part of its name 'Conseiller micro-informatique'" in " ".join(part.stderr.split())


def test_strict_refuses_a_name_that_matches_several_jobs(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--strict", "plot", "path", "--from", "admin sys", "--to", "DSI", "-o", str(tmp_path / "x.png")],
    )
    assert result.exit_code == 2
    assert "ambiguous job name 'admin sys'" in result.stderr
    assert CliRunner().invoke(main, ["--strict", "show", "DBA"]).exit_code == 0


def test_a_name_written_out_is_never_made_ambiguous_by_the_trades_reading() -> None:
    resolver = Resolver(
        [
            ("operateur", "Opérateur exploitation senior", [], []),
            ("pilote", "Pilote exploitation senior", [], []),  # what «opérateur d'exploitation» reads as
        ]
    )
    assert resolver.reference("Opérateur exploitation senior").ids == ("operateur",)
    assert resolver.resolve("opérateur d'exploitation senior") == "operateur"


def test_the_trades_reading_wins_over_names_shared_by_a_card(referentiel: Referentiel) -> None:
    # «Directeur informatique» is an appellation of M1867, the card of two jobs; the trade reads the
    # words as the DSI's title
    assert "Directeur / Directrice informatique" in referentiel.get("directeur-des-etudes").card_names
    assert referentiel.job("directeur informatique").id == "directeur-des-systemes-d-information"
