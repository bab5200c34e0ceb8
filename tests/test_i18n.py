"""French for French users: the catalogs are complete and current, and French is what they read."""

from __future__ import annotations

import gettext
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from carrieres._i18n import LOCALE, decimal, language_from_environment, ngettext, set_language
from carrieres.cli import main
from carrieres.graph import DEFAULT_EDGE_KINDS, INFERRED_KINDS

from .conftest import ROOT

babel = pytest.importorskip("babel", reason="Babel maintains the catalogs (pip install -e '.[dev]')")
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

PO = LOCALE / "fr" / "LC_MESSAGES" / "carrieres.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def _catalog() -> object:
    with PO.open("rb") as stream:
        return read_po(stream)


def test_every_message_of_the_code_is_in_the_catalog_and_translated() -> None:
    in_code = {
        message[2] if isinstance(message[2], str) else tuple(message[2])
        for message in extract_from_dir(
            str(ROOT / "src" / "carrieres"),
            [("**.py", "python")],
            keywords={**DEFAULT_KEYWORDS, "N_plural": (1, 2)},  # as 'make i18n' extracts them
        )
    }
    catalog = _catalog()
    in_catalog = {m.id for m in catalog if m.id}  # type: ignore[attr-defined]
    assert in_code - in_catalog == set(), "messages missing from the catalog: run 'make i18n'"
    assert in_catalog - in_code == set(), "messages the code no longer has: run 'make i18n'"
    for message in catalog:  # type: ignore[attr-defined]
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        placeholders = set().union(*(re.findall(r"\{(\w+)", text) for text in ids))
        for text in strings:  # a translation may leave a placeholder out, never invent one
            assert set(re.findall(r"\{(\w+)", text)) <= placeholders, f"{message.id!r}: {text!r}"
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"  # type: ignore[attr-defined]


def test_the_compiled_catalog_is_current() -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _catalog())
    buffer.seek(0)
    fresh = gettext.GNUTranslations(buffer)
    with MO.open("rb") as stream:
        shipped = gettext.GNUTranslations(stream)
    messages = {key: value for key, value in shipped._catalog.items() if key}  # type: ignore[attr-defined]
    expected = {key: value for key, value in fresh._catalog.items() if key}  # type: ignore[attr-defined]
    assert messages == expected, "the .mo is older than the .po: run 'make i18n'"
    assert [shipped.plural(n) for n in (0, 1, 2)] == [0, 0, 1]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LC_MESSAGES": "C", "LANG": "fr_FR"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_environment_as_gettext_reads_it(
    environ: dict[str, str], expected: str
) -> None:
    assert language_from_environment(environ) == expected


def test_plurals_and_numbers() -> None:
    assert ngettext("{count} move", "{count} moves", 1).format(count=1) == "1 move"
    set_language("fr")
    assert [ngettext("{count} move", "{count} moves", n).format(count=n) for n in (0, 1, 2)] == [
        "0 mobilité",
        "1 mobilité",
        "2 mobilités",
    ]
    assert decimal(7.5) == "7,5"


ENGLISH = (
    "Route ",
    " moves",
    " years",
    "education",
    "experience",
    "asks:",
    "why:",
    "you:",
    "(start)",
    "assumptions",
    "to learn",
    "the fiche of",
    "not stated",
    "has no fiche",
    "prior role",
    "year ",
)


def test_a_route_in_french_has_no_english_left() -> None:
    args = ["path", "Technicienne de maintenance", "Ingénieure sécurité", "-k", "3", "--education", "2"]
    french = CliRunner().invoke(main, ["--lang", "fr", *args, "--experience", "0"]).output
    assert "Parcours 1 : 2 mobilités, environ 7 ans" in french
    assert "année 5" in french
    assert "par niveau de Bac manquant ; au moins 2 ans dans" in " ".join(french.split())  # French spacing
    assert "» ; la fiche Ingénieur administrateur système et réseaux cite" in " ".join(french.split())
    leftovers = [word for word in ENGLISH if word in french]
    assert leftovers == []
    rome = CliRunner().invoke(main, ["--lang", "fr", "path", "Chef de projet", "Directeur de projet"]).output
    assert "(rang de mobilité 2)" in " ".join(rome.split())
    assert "Aucune fiche ne cite cette mobilité" in rome
    skills = CliRunner().invoke(main, ["--lang", "fr", "path", "Développeur", "Chef de projet"]).output
    assert "Développeur a 21 des 67 compétences de Chef de projet" in skills


def test_french_elides_agrees_and_names_links_in_words() -> None:
    french = CliRunner().invoke(
        main, ["--lang", "fr", "path", "Ingénieur sécurité", "Directeur de production"]
    )
    first = french.output.splitlines()[0]
    # «de» before a vowel elides; the kinds of link are words, not the codes --edges takes
    assert first.startswith("D’Ingénieur sécurité à Directeur de production (liens : postes antérieurs, ")
    assert not any(code in first for code in ("prerequisite", "proximity", "skills"))
    route = CliRunner().invoke(
        main, ["--lang", "fr", "path", "Technicien de maintenance", "Ingénieur sécurité"]
    )
    assert "exige une expérience d’Ingénieur administrateur système et réseaux" in " ".join(
        route.output.split()
    )
    assert "«\u00a0production\u00a0»" in route.output  # French (no-break) spaces inside guillemets
    assert "non accessible aux débutants" in route.output
    shown = CliRunner().invoke(main, ["--lang", "fr", "show", "Développeur"]).output
    assert "ouvert aux débutants : non précisé\n" in shown  # agrees with «ouvert», not «formation»
    assert "✧ compétence émergente" in shown  # «émergente» qualifies «compétence», not the skill's noun
    assert "ROME 4.0 : " in CliRunner().invoke(main, ["--lang", "fr", "path", "Chef de projet", "DSI"]).output


def test_english_is_unchanged_where_english_is_chosen() -> None:
    args = ["path", "Technicien de maintenance", "Ingénieur sécurité", "--education", "2", "--format", "json"]
    english = CliRunner().invoke(main, ["--lang", "en", *args]).output
    default = CliRunner().invoke(main, args).output
    assert english == default
    assert "Route 1: 2 moves, about 7 years" in CliRunner().invoke(main, args[:-2]).output
    french = json.loads(CliRunner().invoke(main, ["--lang", "fr", *args]).output)
    assert french.keys() == json.loads(english).keys()  # JSON keys stay; sentences are French
    assert french["paths"][0]["steps"][1]["explanation"].startswith("La fiche")


def test_errors_in_french() -> None:
    result = CliRunner().invoke(main, ["--lang", "fr", "path", "zzz", "Support technique"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "Erreur : métier inconnu : « zzz » ; la commande « carrieres jobs » liste les noms des métiers\n"
    )


def test_french_from_the_environment_without_the_option() -> None:
    env = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "carrieres", "path", "Technicien réseau", "Ingénieur sécurité"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("De Technicien réseau à Ingénieur sécurité")


def test_pictures_in_french(tmp_path: object) -> None:
    import xml.etree.ElementTree as ET  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    out = Path(str(tmp_path)) / "path.svg"
    args = [
        "--lang",
        "fr",
        "plot",
        "path",
        "--from",
        "Technicien de maintenance",
        "--to",
        "Ingénieur sécurité",
    ]
    result = CliRunner().invoke(main, [*args, "-k", "2", "--education", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = " ".join(ET.parse(out).getroot().itertext())
    assert "Parcours 1 : 2 mobilités, environ 7 ans" in texts
    assert "De Technicien de maintenance à Ingénieur sécurité" in texts
    assert "obtenir Bac+4" in texts
    assert not any(word in texts for word in ("Route ", " moves", "year ", "gain ", "start"))
    out = Path(str(tmp_path)) / "map.svg"
    assert CliRunner().invoke(main, ["--lang", "fr", "plot", "map", "-o", str(out)]).exit_code == 0
    texts = " ".join(ET.parse(out).getroot().itertext())
    assert "Carte des métiers — Les 41 métiers du secteur informatique" in texts
    assert "taille des nœuds : intermédiarité" in texts
    assert "mobilité ROME 4.0 (aucune fiche ne la cite)" in texts


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (
            ["show", "ingénieure sécurité"],
            (
                "family:",
                "also called",
                "education:",
                "open to beginners",
                "Summary",
                "Main activities",
                "Knowledge",
                "card:",
                "how:",
                "jobs whose cards",
                "rank ",
                "through the parent",
                "forbidden",
            ),
        ),
        (
            ["stats"],
            ("jobs:", "links:", "moves by source", "isolated", "entry points", "dead ends", "bridges"),
        ),
        (["clusters"], ("clusters (", "modularity", "vs families", "Cluster ", "Grouped apart", " jobs")),
        (["next", "support technique"], ("job ", "moves", "education", "experience", "through", "to learn")),
        (["central"], ("degree", "betweenness", "closeness", "eigenvector", "title")),
        (["jobs"], ("  yes", "title", "subfamily")),
        (["crosswalk", "rome"], ("job ", "card", "how", "title", "reviewed")),
        (["link", "metiers-informatique", "rome-v3"], ("no match", "rank", "evidence", "match ")),
        (
            ["path", "Développeur", "Directeur technique", "--format", "json"],
            ("The fiche", "prior role", "ROME 4.0 links"),
        ),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else "",
)
def test_commands_in_french_have_no_english_left(args: list[str], english: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, ["--lang", "fr", *args])
    assert result.exit_code == 0, result.output
    assert [word for word in english if word in result.output] == []


def test_checking_a_document_in_french(tmp_path: object) -> None:
    from pathlib import Path  # noqa: PLC0415

    document = Path(str(tmp_path)) / "fiches.txt"
    document.write_text(
        "Préambule égaré\n"
        "1. Les 3 métiers du service\n"
        "- Alpha\n"
        "- Beta\n"
        "ligne sans puce\n"
        "- Beta\n"
        "\n"
        "Famille : Production\n"
        "Intitulé de l emploi-type : Gamma\n",
        encoding="utf-8",
    )
    french = CliRunner().invoke(main, ["--lang", "fr", "check", str(document)])
    assert french.exit_code == 1
    lines = french.output.splitlines()
    assert lines[0] == f"{document.name} : 2 métiers, 0 fiche"
    assert "erreurs : 1" in lines
    assert "  ligne 8 : fiche sans titre (« Intitulé de l'emploi-type »)" in lines
    assert "  ligne 1 : texte hors de toute section ignoré : « Préambule égaré »" in lines
    assert "  ligne 6 : « Beta » figure deux fois dans la liste (ligne 4) ; ignoré" in lines
    assert "  ligne 2 : le titre annonce 3 métiers mais la liste en compte 2" in lines
    english = CliRunner().invoke(main, ["check", str(document)]).output
    assert english.splitlines()[0] == f"{document.name}: 2 jobs, 0 fiches"
    assert "  line 8: fiche without a title ('Intitulé de l'emploi-type')" in english.splitlines()
    refused = CliRunner().invoke(
        main, ["--lang", "fr", "parse", str(document), "-o", str(document) + ".json"]
    )
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Erreur : {document}, ligne 8 : fiche sans titre (« Intitulé de l'emploi-type ») "
        f"(1 erreur ; « carrieres check {document} » la détaille)\n"
    )
    assert not Path(str(document) + ".json").exists()


def test_jupyter_cards_in_french() -> None:
    import carrieres  # noqa: PLC0415

    referentiel = carrieres.load_referentiel()
    graph = carrieres.build_graph(referentiel)
    set_language("fr")
    profile = carrieres.Profile(education=2, experience=0)
    route = carrieres.find_paths(
        graph, "Technicien de maintenance", "Ingénieur sécurité", k=1, profile=profile
    )
    cards = (
        route._repr_html_() + referentiel._repr_html_() + referentiel.get("support-technique")._repr_html_()
    )
    assert "De Technicien de maintenance à Ingénieur sécurité" in cards
    assert re.search(r"Parcours 1 : 2 mobilités, environ 7 ans \(coût \d+,\d+\)", cards)  # decimal comma
    assert "<th style='text-align: left'>pourquoi</th>" in cards
    assert "année 5 : Bac+4 à obtenir" in cards
    assert "41 métiers, dont 16 avec une fiche" in cards
    assert "appellations : Assistant aux utilisateurs" in cards
    english = ("From ", "Route ", " moves", "asks", ">you<", ">why<", "year ", "with a fiche", "also called")
    assert [word for word in english if word in cards] == []


def test_chart_numbers_in_french(tmp_path: object) -> None:
    import xml.etree.ElementTree as ET  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    texts = {}
    for lang in ("en", "fr"):
        out = Path(str(tmp_path)) / f"central-{lang}.svg"
        result = CliRunner().invoke(main, ["--lang", lang, "plot", "central", "-o", str(out)])
        assert result.exit_code == 0, result.output
        texts[lang] = [text.strip() for text in ET.parse(out).getroot().itertext() if text.strip()]
    english_ticks = [text for text in texts["en"] if re.fullmatch(r"\d+\.\d+", text)]
    french_ticks = [text for text in texts["fr"] if re.fullmatch(r"\d+,\d+", text)]
    assert len(english_ticks) >= 4
    assert french_ticks == [tick.replace(".", ",") for tick in english_ticks]
    assert not any(re.fullmatch(r"\d+\.\d+", text) for text in texts["fr"])
    assert "Métiers les plus centraux (intermédiarité)" in texts["fr"]


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    context = click.Context(group)
    for name in group.list_commands(context):  # the group loads each command's module when asked
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


HELP_ENGLISH = re.compile(
    r"\b(?:Usage|Options:|Commands|Show|Example|default|the|of|and|with|TEXT|INTEGER|FLOAT|RANGE)\b"
)


@pytest.mark.parametrize("command", list(_commands(main)), ids=lambda c: " ".join(c) or "carrieres")
def test_every_help_page_is_french(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, ["--lang", "fr", *command, "--help"])
    assert result.exit_code == 0
    prose = "\n".join(  # the examples' command lines and the option names are no prose
        re.sub(r"--?[\w-]+|'[^']*'|\"[^\"]*\"", "", line)
        for line in result.output.splitlines()
        if not line.lstrip().startswith("carrieres ")
    )
    assert HELP_ENGLISH.findall(prose) == []
    assert result.output.startswith("Utilisation : ")
    english = CliRunner().invoke(main, ["--lang", "en", *command, "--help"]).output
    assert english.startswith("Usage: ")
    assert "Show this message and exit." in english


def test_the_edges_help_names_every_kind_of_link() -> None:
    english = CliRunner().invoke(main, ["path", "--help"]).output
    for kind in (*DEFAULT_EDGE_KINDS, *INFERRED_KINDS):
        assert kind in english


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (["path"], "Erreur : Argument manquant 'FROM'."),
        (["path", "a", "b", "--bogus"], "Erreur : Option « --bogus » inconnue."),
        (["path", "a", "b", "-k", "x"], "Valeur invalide pour '-k' : « x » n’est pas un nombre valide."),
        (["central", "--by", "zzz"], "Valeur invalide pour '--by' : « zzz » ne fait pas partie des choix"),
        (["-r", "/nonexistent.json", "jobs"], "impossible de lire le référentiel : Fichier ou dossier"),
        (["path", "a", "b", "--weights", "move"], "'move' n’est pas de la forme NOM=NOMBRE"),
        (["pathh"], "Erreur : Commande « pathh » inconnue."),
    ],
)
def test_click_and_file_errors_in_french(args: list[str], french: str) -> None:
    result = CliRunner().invoke(main, ["--lang", "fr", *args])
    assert result.exit_code in {1, 2}  # invalid input, invalid request
    assert french in result.stderr
    assert "Error" not in result.stderr
    assert "Usage" not in result.stderr
    english = CliRunner().invoke(main, ["--lang", "en", *args])
    assert english.stderr.startswith(("Usage: ", "Error: "))


def test_an_unknown_picture_format_is_refused_in_french(tmp_path: Path) -> None:
    out = tmp_path / "carte.bmp"
    result = CliRunner().invoke(main, ["--lang", "fr", "plot", "map", "-o", str(out)])
    assert result.exit_code == 2
    assert "format d’image inconnu '.bmp' ; utilisez .png, .svg, .pdf, .jpg, .jpeg, .webp" in result.output
    assert not out.exists()


def test_a_job_found_by_its_cards_appellations_says_so_in_french() -> None:
    french = CliRunner().invoke(main, ["--lang", "fr", "show", "technicienne helpdesk"]).stdout
    assert french.startswith("Support technique\n")
    assert "autres appellations (fiche ROME 4.0 I1404) : " in french


def _english_fragments() -> set[str]:
    """The English words of the catalogue's messages that a French output can only hold if a message
    was left untranslated: each literal run between fields, of two words or more, that its French
    translation does not also write (``ROME 4.0``, ``PageRank``)."""
    fragments = set()
    for message in _catalog():  # type: ignore[attr-defined]
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        french = " ".join([message.string] if isinstance(message.string, str) else message.string)
        for text in ids:
            pieces = (piece.strip(" :;,.()[]'\"-…") for piece in re.split(r"\{[^}]*\}|\n", text))
            fragments |= {p for p in pieces if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2 and p not in french}
    return fragments


_FOR_PROGRAMS = re.compile(r"--format json|carrieres schema")


def _reference_examples() -> list[list[str]]:
    """The examples of every command's help (the CLI reference), as arguments; not those that write
    data for programs (JSON, a schema), whose words stay the same in every language."""
    from tests.cli_reference import commands, help_text  # noqa: PLC0415

    examples = []
    for name in ["", *commands()]:
        for written in help_text(*name.split()).splitlines():
            line = written.strip()
            if line.startswith("carrieres ") and not line.endswith("\\") and not _FOR_PROGRAMS.search(line):
                examples.append(shlex.split(line)[1:])
    return list(map(list, dict.fromkeys(map(tuple, examples))))


def test_the_reference_examples_in_french_leave_no_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    fragments = _english_fragments()
    assert len(fragments) > 300  # the catalogue is read
    left = {}
    for args in _reference_examples():
        result = CliRunner().invoke(main, ["--lang", "fr", *args])
        found = sorted(piece for piece in fragments if piece in result.output)
        if found:
            left[" ".join(args)] = found
    assert left == {}


def test_how_a_card_was_found_is_said_in_french() -> None:
    """`show` says how the crosswalk found a job's ROME card in the reader's words, as the
    crosswalk table does."""
    french = CliRunner().invoke(main, ["--lang", "fr", "show", "support technique"]).output
    assert "méthode\u00a0: mots de l’intitulé" in french
    assert "title words" not in french
    english = CliRunner().invoke(main, ["show", "support technique"]).output
    assert "how: title words" in english
