from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import ParseError, build_graph, find_paths, load_referentiel
from carrieres.cli import main
from carrieres.files import dump_referentiel, shipped_dataset_path
from carrieres.rome import import_rome

from .conftest import ROOT

ROME_V3 = ROOT / "data" / "rome-v3"


@pytest.fixture(scope="module")
def rome() -> object:
    return load_referentiel("rome-v3")


def test_shipped_rome_matches_a_fresh_import() -> None:
    fresh = import_rome(ROME_V3)
    assert dump_referentiel(fresh) == shipped_dataset_path("rome-v3").read_text(encoding="utf-8")


def test_cards_appellations_and_links(rome: object) -> None:
    ref = load_referentiel("rome-v3")
    assert len(ref.jobs) == 532
    assert ref.credit == "France Travail — ROME v3 (v344)"
    assert (ref.source, ref.version) == ("rome-v3", "v344")
    card = ref.job("I1401")
    assert card.title == "Maintenance informatique et bureautique"
    assert card.family == "Installation et maintenance"
    assert card.subfamily == "I14"
    assert len(ref.jobs) == len({job.id for job in ref.jobs})
    appellations = sum(len(job.aliases) for job in ref.jobs)
    assert appellations == 11096
    rows = sum(len(job.proximity) for job in ref.jobs)
    assert rows == 4223
    kinds = {r.kind for job in ref.jobs for r in job.proximity}
    assert kinds == {"proche", "evolution"}


def test_gendered_appellations_resolve(rome: object) -> None:
    ref = load_referentiel("rome-v3")
    assert ref.job("Ingénieur / Ingénieure sécurité informatique").code == "M1802"
    assert ref.job("ingenieure securite informatique").code == "M1802"
    assert ref.job("Technicien de maintenance en informatique").code == "I1401"


def test_path_across_rome_explains_the_link_types() -> None:
    G = build_graph(load_referentiel("rome-v3"))
    route = find_paths(G, "I1401", "Ingénieur / Ingénieure sécurité informatique", k=2)
    best = route.paths[0]
    assert best.steps[0].id == "i1401"
    assert best.steps[-1].id == "m1802"
    for step in best.steps[1:]:
        assert step.links[0].kind in {"proche", "evolution"}
        assert re.search(r"«\s?(proche|evolution)\s?»", step.explanation)
        assert step.learn is None


def test_rome_stats_from_the_command_line() -> None:
    result = CliRunner().invoke(main, ["-r", "rome-v3", "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["jobs"] == 532
    assert set(stats["links_by_kind"]) == {"proche", "evolution"}


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def rome4(tmp_path: Path) -> Path:
    _write(
        tmp_path,
        "unix_referentiel_code_rome_v460_utf8.csv",
        "code_rome,code_fiche_metier,code_ogr,libelle_rome,transition_eco,transition_num,transition_demo,"
        "emploi_reglemente,emploi_cadre,code_rome_parent\n"
        "I1401,10,100,Maintenance informatique et bureautique,N,O,N,N,N,\n"
        "M1802,11,101,Expertise et support en systèmes d'information,N,O,N,N,O,\n"
        "M1811,12,102,Data engineering,N,O,N,N,O,M1805\n"
        "M1805,13,103,Études et développement informatique,N,O,N,N,O,\n",
    )
    _write(
        tmp_path,
        "links.csv",
        "code_rome,code_rome_cible,numero_ordre\nI1401,M1802,1\nI1401,M1805,2\nM1805,M1811,1\n",
    )
    _write(
        tmp_path,
        "unix_referentiel_appellation_v460_utf8.csv",
        "code_ogr,libelle_appellation_long,libelle_appellation_court,code_rome,transition_eco,transition_num,"
        "transition_demo,emploi_reglemente,emploi_cadre,classification,origine,code_rome_parent,peu_usite\n"
        "200,Data engineer,Data engineer,M1811,N,O,N,N,O,,,M1805,N\n"
        "201,Technicien / Technicienne support informatique,Technicien support,I1401,N,O,N,N,N,,,,N\n",
    )
    return tmp_path


def test_rome_4_layout_loads(rome4: Path) -> None:
    ref = import_rome(rome4)
    assert (ref.name, ref.source, ref.version) == ("rome-v4", "rome-4.0", "v460")
    assert ref.job("M1811").parent == "M1805"
    assert ref.job("data engineer").id == "m1811"
    ranked = ref.job("I1401").proximity
    assert [(r.kind, r.rank, r.ids) for r in ranked] == [
        ("mobilite", 1, ["m1802"]),
        ("mobilite", 2, ["m1805"]),
    ]
    route = find_paths(build_graph(ref), "technicien support informatique", "Data engineer")
    assert [s.id for s in route.paths[0].steps] == ["i1401", "m1805", "m1811"]


def test_not_a_rome_folder(tmp_path: Path) -> None:
    _write(tmp_path, "notes.csv", "a,b\n1,2\n")
    with pytest.raises(ParseError, match="not a ROME table"):
        import_rome(tmp_path)
    with pytest.raises(ParseError, match="no ROME card file"):
        import_rome(tmp_path, skip_unknown=True)
    with pytest.raises(ParseError, match="not a folder"):
        import_rome(tmp_path / "notes.csv")


def test_a_file_the_import_does_not_know_is_not_silently_left_out(rome4: Path, tmp_path: Path) -> None:
    links = rome4 / "links.csv"
    links.write_text(links.read_text(encoding="utf-8").replace("numero_ordre", "rank"), encoding="utf-8")
    out = tmp_path / "rome.json"
    result = CliRunner().invoke(main, ["import", "rome", str(rome4), "-o", str(out)])
    assert result.exit_code == 1
    assert "links.csv, line 1: not a ROME table" in result.stderr
    assert "--skip-unknown" in result.stderr
    assert not out.exists()
    result = CliRunner().invoke(main, ["import", "rome", str(rome4), "-o", str(out), "--skip-unknown"])
    assert result.exit_code == 0, result.output
    assert not any(job.proximity for job in load_referentiel(out).jobs)


def test_link_to_an_unknown_card(rome4: Path) -> None:
    (rome4 / "links.csv").write_text(
        "code_rome,code_rome_cible,numero_ordre\nI1401,Z9999,1\n", encoding="utf-8"
    )
    with pytest.raises(ParseError, match="column code_rome_cible: 'Z9999'") as caught:
        import_rome(rome4)
    assert caught.value.line == 2
    assert caught.value.source.endswith("links.csv")


def test_duplicate_card_and_bad_encoding(rome4: Path) -> None:
    cards = rome4 / "unix_referentiel_code_rome_v460_utf8.csv"
    text = cards.read_text(encoding="utf-8")
    cards.write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match="appears twice"):
        import_rome(rome4)
    cards.write_bytes(text.encode("latin-1"))
    with pytest.raises(ParseError, match="not UTF-8") as caught:
        import_rome(rome4)
    assert caught.value.line == 3  # "systèmes" on the second card


def test_import_rome_command(rome4: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "rome4.json"
    runner = CliRunner()
    assert runner.invoke(main, ["import", "rome", str(rome4), "-o", str(out)]).exit_code == 2
    out.parent.mkdir()
    result = runner.invoke(main, ["import", "rome", str(rome4), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 jobs" in result.stderr
    bad = runner.invoke(main, ["import", "rome", str(tmp_path / "out"), "-o", str(tmp_path / "x.json")])
    assert bad.exit_code == 1
    assert "no ROME card file" in bad.stderr
    assert not (tmp_path / "x.json").exists()


def test_codes_and_ids_are_found_without_building_the_resolver() -> None:
    rome = load_referentiel("rome-v3")
    assert rome.job("I1401").id == rome.job("i1401").id == "i1401"
    assert "resolver" not in vars(rome)  # 30,000 names: half a second saved per command
    assert rome.job("Ingénieur / Ingénieure sécurité informatique").id == "m1802"
    assert "resolver" in vars(rome)
