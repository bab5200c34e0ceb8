"""The content of the ROME 4.0 cards: read exactly as the v460 files list it, shipped compact,
joined to the 41 jobs through the reviewed crosswalk, and used to say what a move asks to learn."""

from __future__ import annotations

import csv
import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import ParseError, Referentiel, load_referentiel
from carrieres.cli import main
from carrieres.files import card_content, card_library, card_library_for, dump_card_library, shipped_file
from carrieres.paths import what_to_learn
from carrieres.rome import read_rome
from carrieres.rome_cards import with_readings

from .conftest import ROOT, TEST_DATA

ROME_V4 = ROOT / "data" / "rome-v4"


def _rows(stem: str) -> list[dict[str, str]]:
    (path,) = ROME_V4.glob(f"{stem}_v*_utf8.csv")
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def listed() -> dict[str, dict[str, set[str]]]:
    """What each card lists, by block, read straight from the files with the csv module."""
    blocks = {("5", "1"): "savoir_faire", ("5", "2"): "behavioural", ("5", "3"): "knowledge"}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows("unix_liens_rome_referentiels"):
        block = blocks.get((row["code_compo_bloc"], row["code_rubrique"]))
        if block is None and row["code_compo_bloc"] == "6":
            block = "contexts"
        if block is not None:
            found[row["code_rome"]][block].add(row["code_ogr"])
    for row in _rows("unix_coherence_item"):
        mark = {"Principale": "core", "Émergente": "emerging"}.get(row["coeur_metier"])
        skills = set().union(*(found[row["code_rome"]][b] for b in blocks.values()))
        if mark and row["code_ogr"] in skills:
            found[row["code_rome"]][mark].add(row["code_ogr"])
    return found


def test_every_card_lists_its_skills_exactly_as_the_files_do(listed: dict[str, dict[str, set[str]]]) -> None:
    library = card_library()
    assert len(library.cards) == 1584
    assert library.credit == "France Travail — ROME 4.0 (v460)"
    for code in library.codes():
        content = library.card(code)
        assert content is not None
        expected = listed.get(code, {})
        for block in ("savoir_faire", "knowledge", "behavioural"):
            assert {s.code for s in content.skills(block)} == expected.get(block, set()), (code, block)  # type: ignore[arg-type]
        assert {c.code for c in content.contexts} == expected.get("contexts", set()), code
        skills = [s for block in ("savoir_faire", "knowledge", "behavioural") for s in content.skills(block)]  # type: ignore[arg-type]
        assert {s.code for s in skills if s.core} == expected.get("core", set()), code
        assert {s.code for s in skills if s.emerging} == expected.get("emerging", set()), code


def test_items_keep_their_labels_categories_and_macro_competences() -> None:
    competences = {row["code_ogr"]: row for row in _rows("unix_referentiel_competence")}
    savoirs = {row["code_ogr_savoir"]: row for row in _rows("unix_referentiel_savoir")}
    library = card_library()
    seen = 0
    for code in library.codes()[::40]:
        content = library.card(code)
        assert content is not None
        for skill in content.savoir_faire:
            row = competences[skill.code or ""]
            assert skill.text == row["libelle_competence"]
            assert skill.category == row["sous_cat_comp"]
            macro = row["code_ogr_macro_comp"]
            assert skill.macro == (competences[macro]["libelle_competence"] if macro else "")
            seen += 1
        for skill in content.knowledge:
            row = savoirs[skill.code or ""]
            assert (skill.text, skill.category, skill.subcategory) == (
                row["libelle_savoir"],
                row["categorie_savoir"],
                row["sous_categorie_savoir"],
            )
    assert seen > 500


def test_definition_access_and_riasec_of_a_card() -> None:
    content = card_library().card("M1805")
    assert content is not None
    assert content.title == "Développeur / Développeuse informatique"
    assert content.riasec == "IC"
    assert content.definition[0].startswith("Le / La Développeur(se) informatique conçoit")
    assert content.access == [
        "Cet emploi est accessible avec un niveau Bac+2 à Bac+5 dans le domaine de l'informatique."
    ]
    assert "''" not in json.dumps(content.to_dict())
    assert {c.type for c in content.contexts} >= {"Statut d'emploi"}


def test_shipped_libraries_match_a_fresh_import() -> None:
    fresh = read_rome(ROME_V4)
    assert fresh.missing == []
    text = dump_card_library(fresh.library)
    assert text == shipped_file("rome-v4-cards.json").read_text(encoding="utf-8")
    assert dump_card_library(fresh.library) == text  # the same bytes every time
    ref = load_referentiel(fiche_only=True)
    crosswalk = ref.crosswalk("rome-v4")
    assert crosswalk is not None
    subset = with_readings(
        fresh.library.subset(row.code for row in crosswalk.rows if row.code)
    ).with_nearest()
    assert all("prerequisites" in card for card in subset.cards.values() if card.get("access"))
    assert not any("prerequisites" in card for card in fresh.library.cards.values())
    assert dump_card_library(subset) == shipped_file("metiers-informatique-cards.json").read_text(
        encoding="utf-8"
    )


def test_the_41_jobs_have_skills_and_levels(referentiel: Referentiel) -> None:
    with_skills = [
        job for job in referentiel.jobs if (c := card_content(referentiel, job)) and c.savoir_faire
    ]
    assert len(with_skills) == 41
    placed = [
        job
        for job in referentiel.jobs
        if job.prerequisites.education_min is not None or job.prerequisites.without_diploma
    ]
    assert len(placed) >= 39
    fiche_only = load_referentiel(fiche_only=True)
    before = [job for job in fiche_only.jobs if job.prerequisites.education_min is not None]
    assert len(placed) > len(before)


def test_a_fiche_keeps_every_value_it_states(referentiel: Referentiel) -> None:
    own = load_referentiel(fiche_only=True)
    fields = ("education_min", "education_max", "experience_min_years", "experience_max_years")
    filled_from_cards = 0
    for job in referentiel.jobs:
        mine, filled = own.get(job.id).prerequisites, job.prerequisites
        for name in fields:
            if getattr(mine, name) is not None:
                assert getattr(filled, name) == getattr(mine, name), (job.id, name)
        assert mine.sources.items() <= filled.sources.items()
        for key in filled.origins:
            assert key not in mine.sources, (job.id, key)
            assert filled.origins[key].startswith("rome-v4:")
            filled_from_cards += 1
        assert filled.text == mine.text
    assert filled_from_cards > 25


def test_fiche_only_is_the_document_as_parsed() -> None:
    shipped = json.loads(shipped_file("metiers-informatique.json").read_text(encoding="utf-8"))
    own = load_referentiel(fiche_only=True)
    assert [job.to_dict() for job in own.jobs] == shipped["jobs"]
    assert own.cards == ""
    assert load_referentiel().cards == "rome-v4"


def test_a_value_from_a_card_says_so_in_show_and_path() -> None:
    runner = CliRunner()
    shown = runner.invoke(main, ["show", "Développeur"])
    assert shown.exit_code == 0, shown.output
    assert "education: Bac+2 to Bac+5 (from ROME 4.0 M1805)" in shown.output
    assert "ROME 4.0 card M1805: Développeur / Développeuse informatique" in shown.output
    assert "  - ★ Coder" in shown.output
    data = json.loads(runner.invoke(main, ["show", "Développeur", "--format", "json"]).output)
    assert data["prerequisites"]["origins"] == {"education": "rome-v4:M1805"}
    assert data["card"]["code"] == "M1805"
    assert {"text", "code", "core", "emerging"} <= data["card"]["savoir_faire"][0].keys()
    fiche = runner.invoke(main, ["--fiche-only", "show", "Développeur"])
    assert "education: not stated" in fiche.output
    assert "M1805:" not in fiche.output


def test_learn_compares_the_cards_by_code(referentiel: Referentiel) -> None:
    dev, lead = referentiel.job("Développeur"), referentiel.job("Chef de projet")
    have, need = card_content(referentiel, dev), card_content(referentiel, lead)
    assert have is not None
    assert need is not None
    assert have.code != need.code
    learn = what_to_learn(referentiel, dev, lead)
    assert learn is not None
    assert learn.compared == "codes"
    known = {s.code for s in (*have.savoir_faire, *have.knowledge)}
    lacking = [s for s in (*need.savoir_faire, *need.knowledge) if s.code not in known]
    listed = [*learn.savoir_faire, *learn.knowledge]
    assert listed == [s for s in lacking if s.core or s.emerging]
    assert learn.others == len(lacking) - len(listed) > 0
    assert all(s.code not in known for s in listed)


def test_learn_between_two_jobs_of_one_card_falls_back_on_their_fiches(referentiel: Referentiel) -> None:
    library = card_library_for(referentiel)
    by_card: dict[str, list[str]] = defaultdict(list)
    for job in referentiel.jobs:
        content = card_content(referentiel, job)
        if content is not None:
            by_card[content.code].append(job.id)
    assert library.codes() == sorted(by_card)
    shared = [ids for ids in by_card.values() if len(ids) > 1]
    assert shared
    for ids in shared:
        a, b = referentiel.get(ids[0]), referentiel.get(ids[1])
        learn = what_to_learn(referentiel, a, b)
        assert learn is not None
        assert learn.compared == ("texts" if a.has_fiche and b.has_fiche else "same card")


def test_path_json_learn_and_origins() -> None:
    result = CliRunner().invoke(
        main, ["path", "Développeur", "Chef de projet", "--format", "json", "--education", "2"]
    )
    assert result.exit_code == 0, result.output
    steps = json.loads(result.output)["paths"][0]["steps"]
    for step in steps[1:]:
        assert set(step["learn"]) == {"savoir_faire", "knowledge", "others", "compared"}
    last = steps[-1]
    assert last["requires"]["origins"]["education"].startswith("rome-v4:")
    assert all("code" in item for item in last["learn"]["savoir_faire"])
    text = CliRunner().invoke(main, ["path", "Développeur", "Chef de projet"]).output
    assert "to learn (core savoir-faire):" in text
    assert "to learn: unknown" not in text


def _tiny_rome(folder: Path, *, without: tuple[str, ...] = ()) -> Path:
    """A ROME 4.0 folder of two cards, written for the test."""
    files = {
        "cards.csv": "code_rome,code_fiche_metier,code_ogr,libelle_rome,code_rome_parent\n"
        "M1805,1,10,Développeur / Développeuse,M1805\nM1853,2,11,Chef / Cheffe de projet,M1853\n",
        "texts.csv": "code_rome,code_compo_bloc,libelle_type_texte,position_phrase,libelle_texte\n"
        "M1853,4,acces_metier,1,\"Cet emploi est accessible avec un Master, et l''expérience.\"\n"
        "M1853,3,definition,1,Pilote des projets.\n",
        "items.csv": "code_rome,code_compo_bloc,code_rubrique,code_ogr\n"
        "M1805,5,1,100\nM1853,5,1,100\nM1853,5,1,101\nM1853,5,3,200\nM1853,6,,300\n",
        "core.csv": "code_rome,code_ogr,coeur_metier\nM1853,101,Principale\nM1853,200,Émergente\n",
        "competences.csv": "code_ogr,nature,libelle_competence,code_ogr_macro_comp,cat_comp,sous_cat_comp\n"
        "100,Compétence,Coder,900,Savoir-faire,Technique\n101,Compétence,Planifier,,Savoir-faire,Transverse\n"
        "900,Macro-compétence,Développer,,Savoir-faire,Technique\n",
        "savoirs.csv": "code_ogr_savoir,libelle_savoir,categorie_savoir,sous_categorie_savoir\n"
        "200,Méthode agile,Normes et procédés,Méthodes\n",
        "contexts.csv": "code_ogr,libelle_cont_travail,code_type_cont_trav,libelle_type_cont_trav\n"
        "300,Travail en équipe,1,Conditions de travail\n",
        "riasec.csv": "code_rome,riasec_majeur,riasec_mineur\nM1853,E,C\n",
    }
    folder.mkdir()
    for name, text in files.items():
        if name not in without:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_tiny_rome_folder_is_read_whole(tmp_path: Path) -> None:
    imported = read_rome(_tiny_rome(tmp_path / "rome"))
    assert imported.missing == []
    content = imported.library.card("M1853")
    assert content is not None
    assert [(s.text, s.core, s.macro) for s in content.savoir_faire] == [
        ("Coder", False, "Développer"),
        ("Planifier", True, ""),
    ]
    assert [(s.text, s.emerging) for s in content.knowledge] == [("Méthode agile", True)]
    assert (content.riasec, content.definition, content.contexts[0].type) == (
        "EC",
        ["Pilote des projets."],
        "Conditions de travail",
    )
    assert content.access == ["Cet emploi est accessible avec un Master, et l'expérience."]
    job = imported.referentiel.job("M1853")
    assert job.prerequisites.education_min == 5
    assert job.prerequisites.origins["education"] == "rome-v4:M1853"


@pytest.mark.parametrize("missing", ["texts.csv", "items.csv", "core.csv", "riasec.csv"])
def test_a_folder_missing_a_content_file_still_imports_and_says_what_is_left_out(
    tmp_path: Path, missing: str
) -> None:
    folder = _tiny_rome(tmp_path / "rome", without=(missing,))
    out = tmp_path / "rome.json"
    result = CliRunner().invoke(
        main, ["import", "rome", str(folder), "-o", str(out), "--cards", str(tmp_path / "cards.json")]
    )
    assert result.exit_code == 0, result.output
    assert "no file with the columns" in result.stderr
    assert "left out:" in result.stderr
    assert out.is_file()
    assert (tmp_path / "cards.json").is_file()
    library = json.loads((tmp_path / "cards.json").read_text(encoding="utf-8"))
    assert sorted(library["cards"]) == ["M1805", "M1853"]


def test_the_html_panel_shows_access_and_core_skills(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["export", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Core savoir-faire" in page
    assert "ROME 4.0 card M1805: Développeur / Développeuse informatique" in page


def test_an_installed_library_file_is_refused_when_it_is_not_one(tmp_path: Path) -> None:
    bad = tmp_path / "cards.json"
    shutil.copy(shipped_file("metiers-informatique.json"), bad)
    with pytest.raises(ParseError, match="not a card library"):
        card_library(str(bad))


def test_check_says_which_access_sentence_it_could_not_place(tmp_path: Path) -> None:
    text = (TEST_DATA / "petit-referentiel.txt").read_text(encoding="utf-8")
    odd = "Un diplôme d'État de la spécialité est nécessaire."
    marker = "Les recrutements se font au niveau BAC+3.\n"
    assert marker in text
    document = tmp_path / "fiches.txt"
    document.write_text(text.replace(marker, marker + odd + "\n"), encoding="utf-8")
    line = document.read_text(encoding="utf-8").splitlines().index(odd) + 1
    result = CliRunner().invoke(main, ["check", str(document), "--format", "json"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.output)["warnings"]
    assert any(w["line"] == line and odd in w["message"] for w in warnings)
    assert any("no level or years could be read" in w["message"] for w in warnings)


def test_a_built_in_name_with_other_cards_reads_the_whole_library(referentiel: Referentiel) -> None:
    crosswalk = referentiel.crosswalk("rome-v4")
    assert crosswalk is not None
    row = crosswalk.rows[0].replace(code="A1101", card="Conducteur / Conductrice d'engins agricoles")
    other = referentiel.replace(
        crosswalks=[crosswalk.replace(rows=[row, *crosswalk.rows[1:]]), *referentiel.crosswalks[1:]]
    )
    assert "A1101" not in card_library("metiers-informatique").cards
    assert "A1101" in card_library_for(other).cards  # nothing of the cards silently lost
    content = card_content(other, other.get(row.id))
    assert content is not None
    assert content.code == "A1101"
