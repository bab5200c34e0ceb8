"""The crosswalk to the ROME: the matcher, the reviewed files, the moves lifted from the ROME."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from carrieres import NoPathError, Referentiel, RequestError, build_graph, find_paths, load_referentiel
from carrieres.cli import main
from carrieres.crosswalk import crosswalk, lift_moves, make_crosswalk, match_cards
from carrieres.files import shipped_dataset_path
from carrieres.graph import DEFAULT_EDGE_KINDS, LIFTED_KIND, moves_graph
from carrieres.models import Alias, CardMatch, Crosswalk, Item, Job
from carrieres.paths import CostModel, reachable
from carrieres.rome import import_rome

from .conftest import ROOT

VERSIONS = ("rome-v4", "rome-v3")
AGREEMENT_FLOOR = {"rome-v4": 0.85, "rome-v3": 0.80}
"""The matcher's agreement with the reviewed crosswalk, measured: v4 35/41, v3 33/41."""


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def rome(request: pytest.FixtureRequest) -> dict[str, Referentiel]:
    return {version: load_referentiel(version) for version in VERSIONS}


# -- the shipped crosswalks ---------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_matcher_against_the_reviewed_crosswalk(
    version: str, referentiel: Referentiel, rome: dict[str, Referentiel]
) -> None:
    shipped = referentiel.crosswalk(version)
    assert shipped is not None
    matched = {row.id: row for row in match_cards(referentiel, rome[version])}
    disagreements = [
        f"{row.title}: matcher {matched[row.id].code} {matched[row.id].card}, reviewed {row.code} {row.card}"
        for row in shipped.rows
        if matched[row.id].code != row.code
    ]
    print(f"\n{version}: the matcher disagrees with the review on {len(disagreements)} of 41 jobs")
    print("\n".join(disagreements))
    # every disagreement is a reviewed row that records what the matcher says, and says why
    reviewed = {row.id for row in shipped.rows if row.how == "reviewed"}
    assert reviewed == {row.id for row in shipped.rows if matched[row.id].code != row.code}
    for row in shipped.rows:
        assert row.matcher_code == matched[row.id].code
        assert (row.how == "reviewed") == bool(row.note)
        assert row.code is not None
        assert row.card == rome[version].get(row.code.lower()).title
    assert 1 - len(disagreements) / len(shipped.rows) >= AGREEMENT_FLOOR[version]


@pytest.mark.parametrize("version", VERSIONS)
def test_shipped_crosswalk_is_what_make_data_writes(
    version: str, referentiel: Referentiel, rome: dict[str, Referentiel]
) -> None:
    shipped = referentiel.crosswalk(version)
    assert shipped is not None
    fresh = make_crosswalk(referentiel, rome[version], reviewed=shipped, moves=bool(shipped.moves))
    assert fresh == shipped


def test_crosswalk_output_is_byte_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    outputs = set()
    for seed in ("1", "2"):
        out = tmp_path / f"crosswalk-{seed}.json"
        subprocess.run(
            [sys.executable, "-m", "carrieres", "crosswalk", "rome-v4", "--matcher", "-o", str(out)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        outputs.add(out.read_bytes())
    assert len(outputs) == 1


# -- the matcher, on référentiels written for the test -------------------------------------------


def _job(title: str, *aliases: str, codes: tuple[str, ...] = ()) -> Job:
    from carrieres._text import slug  # noqa: PLC0415

    return Job(
        id=slug(title),
        title=title,
        aliases=[Alias(text=alias, line=1) for alias in aliases],
        rome_codes=[Item(text=code, line=1) for code in codes],
    )


def _rome(
    folder: Path, cards: list[tuple[str, str, str]], names: list[tuple[str, str]], links: str
) -> Referentiel:
    """A small ROME 4.0: cards (code, title, parent), appellations (code, name), links CSV rows."""
    (folder / "cards.csv").write_text(
        "code_rome,code_fiche_metier,code_ogr,libelle_rome,transition_eco,transition_num,transition_demo,"
        "emploi_reglemente,emploi_cadre,code_rome_parent\n"
        + "".join(f'{code},1,1,"{title}",,O,N,N,O,{parent}\n' for code, title, parent in cards),
        encoding="utf-8",
    )
    (folder / "names.csv").write_text(
        "code_ogr,libelle_appellation_long,libelle_appellation_court,code_rome\n"
        + "".join(f'{i},"{name}","{name}",{code}\n' for i, (code, name) in enumerate(names)),
        encoding="utf-8",
    )
    (folder / "links.csv").write_text("code_rome,code_rome_cible,numero_ordre\n" + links, encoding="utf-8")
    return import_rome(folder)


@pytest.fixture
def small_rome(tmp_path: Path) -> Referentiel:
    cards = [
        ("M1801", "Administrateur / Administratrice de systèmes d'information", "M1801"),
        ("M1802", "Expert / Experte systèmes et réseaux informatiques", "M1802"),
        ("M1805", "Développeur / Développeuse informatique", "M1805"),
        ("M1819", "Ingénieur / Ingénieure sécurité informatique", "M1802"),
        ("M1853", "Chef / Cheffe de projet étude et développement informatique", "M1805"),
        ("I1401", "Technicien / Technicienne de maintenance en informatique", "I1401"),
        ("I1102", "Technicien / Technicienne de maintenance industrielle", "I1102"),
        ("G1602", "Cuisinier / Cuisinière", "G1602"),
        ("E1204", "Projectionniste", "E1204"),
    ]
    names = [
        ("M1801", "Administrateur / Administratrice systèmes et réseaux"),
        ("M1805", "Programmeur / Programmeuse"),
        ("M1853", "Chef / Cheffe de projet informatique"),
        ("I1102", "Technicien / Technicienne de maintenance"),
        ("E1204", "Opérateur / Opératrice de cabine de cinéma"),
        ("G1602", "Chef de partie en cuisine"),
    ]
    links = "I1401,M1801,1\nM1801,M1802,2\nM1805,M1802,3\nM1801,M1805,4\n"
    return _rome(tmp_path, cards, names, links)


@pytest.fixture
def small_referentiel() -> Referentiel:
    jobs = [
        _job("Développeur", "Programmeur"),
        _job("Administrateur d’infrastructure", "Administrateur systèmes et réseaux"),
        _job("Technicienne de maintenance", "Technicien micro-informatique"),
        _job("Ingénieur sécurité"),
        _job("Chef de projet"),
        _job("Opérateur pupitre"),
        _job("Architecte réseaux", "Expert réseaux"),
    ]
    return Referentiel(name="petit", jobs=jobs)


def test_matcher_on_a_referentiel_it_has_never_seen(
    small_referentiel: Referentiel, small_rome: Referentiel
) -> None:
    rows = {row.id: row for row in match_cards(small_referentiel, small_rome)}
    assert (rows["developpeur"].code, rows["developpeur"].how) == ("M1805", "appellation")
    # the fiche's own other name is an appellation of the card
    assert (rows["administrateur-d-infrastructure"].code, rows["administrateur-d-infrastructure"].how) == (
        "M1801",
        "fiche alias",
    )
    # a feminine title; the domain prior prefers IT maintenance to industrial maintenance, whose
    # appellation is the title word for word
    assert rows["technicienne-de-maintenance"].code == "I1401"
    # «informatique», which the référentiel's own domain adds to its titles, costs nothing
    assert (rows["ingenieur-securite"].code, rows["ingenieur-securite"].how) == ("M1819", "appellation")
    assert rows["chef-de-projet"].code == "M1853"
    # nothing in the ROME names an «opérateur pupitre» but a cinema operator: too far, no card
    assert (rows["operateur-pupitre"].code, rows["operateur-pupitre"].how) == (None, "none")
    assert rows["operateur-pupitre"].card is None
    for row in rows.values():
        assert 0 <= row.score <= 1
        if row.code is not None:
            assert row.evidence
            assert "~" in row.evidence[0]


def test_old_rome_codes_shared_by_two_fiches_pull_them_together(small_rome: Referentiel) -> None:
    lone = Referentiel(name="x", jobs=[_job("Technicien de maintenance"), _job("Cuisinier")])
    rows = {row.id: row for row in match_cards(lone, small_rome)}
    assert rows["technicien-de-maintenance"].code == "I1102"  # the exact appellation wins alone
    together = Referentiel(
        name="y",
        jobs=[
            _job("Technicien de maintenance", codes=("53221",)),
            _job("Technicien de maintenance en informatique", codes=("53221",)),
            _job("Cuisinier"),
        ],
    )
    rows = {row.id: row for row in match_cards(together, small_rome)}
    assert rows["technicien-de-maintenance"].code == "I1401"
    assert any("53221" in line for line in rows["technicien-de-maintenance"].evidence)


def test_a_crosswalk_needs_a_rome_on_one_side_only(
    small_referentiel: Referentiel, small_rome: Referentiel
) -> None:
    with pytest.raises(RequestError, match="is not a ROME référentiel"):
        match_cards(small_referentiel, small_referentiel)
    with pytest.raises(RequestError, match="is a ROME référentiel itself"):
        match_cards(small_rome, small_rome)
    with pytest.raises(RequestError, match="minimum score"):
        match_cards(small_referentiel, small_rome, min_score=0)


# -- the moves lifted from the ROME -------------------------------------------------------------


def test_lift_rule_cards_then_parents(small_rome: Referentiel) -> None:
    jobs = [_job("Technicien"), _job("Admin"), _job("Secu"), _job("Dev"), _job("Chef"), _job("Dev bis")]
    ref = Referentiel(name="z", jobs=jobs)
    cards = {
        "technicien": "I1401",
        "admin": "M1801",
        "secu": "M1819",
        "dev": "M1805",
        "chef": "M1853",
        "dev-bis": "M1805",
    }
    rows = [CardMatch(id=i, title=i, code=c, card="", score=1.0, how="reviewed") for i, c in cards.items()]
    moves = {(m.source, m.target): m for m in lift_moves(ref, small_rome, rows)}
    direct = moves["technicien", "admin"]
    assert (direct.through, direct.rank, direct.kind) == ("card", 1, "mobilite")
    assert (direct.link_from.code, direct.link_to.code) == ("I1401", "M1801")
    # M1819 has no link of its own; its parent M1802 is the target of M1801 → M1802
    secu = moves["admin", "secu"]
    assert (secu.through, secu.link_from.code, secu.link_to.code, secu.rank) == (
        "parent",
        "M1801",
        "M1802",
        2,
    )
    assert secu.target_card.code == "M1819"
    # M1853 derives from M1805: Admin → Chef through the link M1801 → M1805
    assert moves["admin", "chef"].link_to.code == "M1805"
    # sharing a card (dev, dev bis) or a parent (dev, chef) links nobody
    for pair in [("dev", "dev-bis"), ("dev-bis", "dev"), ("dev", "chef"), ("chef", "dev")]:
        assert pair not in moves
    # no link from the ROME: no move
    assert ("secu", "admin") not in moves


def test_rome_moves_follow_the_prior_role_rule(referentiel: Referentiel) -> None:
    G = build_graph(referentiel)
    into = [
        u for u in G.predecessors("ingenieur-securite") if "rome" in G.edges[u, "ingenieur-securite"]["kinds"]
    ]
    assert len(into) > 1  # the ROME leads many cards to M1819 …
    allowed = moves_graph(G)
    # … but Ingénieur sécurité is entered only from its prior role
    assert list(allowed.predecessors("ingenieur-securite")) == ["ingenieur-administrateur-systeme-et-reseaux"]


def test_rome_moves_only_where_the_fiches_are_silent(referentiel: Referentiel) -> None:
    G = build_graph(referentiel)
    for _, _, data in G.edges(data=True):
        if "rome" in data["kinds"]:
            assert data["kinds"] in {("rome",), ("rome", "skills")}  # shared skills may support it
            assert not data["inferred"]
            assert data["text"].startswith("ROME 4.0: ")
            link = data["links"][0]
            assert link.move is not None
            assert f"{link.move.source_card.code} " in data["text"]


def _routable_pairs(G: nx.DiGraph) -> int:
    moves = moves_graph(G)
    return sum(len(nx.descendants(moves, job)) for job in moves)


def test_rome_moves_answer_most_career_questions(referentiel: Referentiel) -> None:
    pairs = len(referentiel.jobs) * (len(referentiel.jobs) - 1)
    fiches = _routable_pairs(build_graph(referentiel, edges=DEFAULT_EDGE_KINDS))
    both = _routable_pairs(build_graph(referentiel))
    print(f"\nroutable pairs: fiches {fiches}/{pairs}, with ROME 4.0 {both}/{pairs}")
    assert fiches < both
    assert both / pairs >= 0.90


def test_main_question_unchanged_by_the_rome(referentiel: Referentiel) -> None:
    profile = {"education": "2", "experience": "0"}
    asked = ["path", "Technicien de maintenance", "Ingénieur sécurité", "-k", "3", "--format", "json"]
    asked += [f"--{key}={value}" for key, value in profile.items()]
    default = json.loads(run(*asked).output)
    fiches = json.loads(run(*asked, "--edges", "prerequisite,proximity").output)
    assert default["edges"] == ["prerequisite", "proximity", "rome", "skills"]
    best, stated = default["paths"][0], fiches["paths"][0]
    assert [step["id"] for step in best["steps"]] == [step["id"] for step in stated["steps"]]
    assert [step["profile"] for step in best["steps"]] == [step["profile"] for step in stated["steps"]]
    assert best["years"] == stated["years"]
    # the other routes rank by the skills they share, but are still the fiches' own moves
    kinds = {link["kind"] for route in default["paths"] for step in route["steps"] for link in step["links"]}
    assert kinds <= {"prerequisite", "proximity"}


def test_short_fiche_routes_come_first(referentiel: Referentiel) -> None:
    """Wherever a fiche names the job a one-move route comes from, it stays the best route (a fiche's
    group may give way where the skills do not support it); longer fiche routes may give way to
    moves that shared skills or the ROME support, most keep to the fiches' own moves (sample of pairs)."""
    fiches, both = build_graph(referentiel, edges=DEFAULT_EDGE_KINDS), build_graph(referentiel)
    ids = [job.id for job in referentiel.jobs]
    pairs = random.Random(0).sample([(a, b) for a in ids for b in ids if a != b], 400)
    compared = kept = 0
    for a, b in pairs:
        try:
            expected = find_paths(fiches, a, b)
        except NoPathError:
            continue
        compared += 1
        found = find_paths(both, a, b)
        if expected.paths[0].moves == 1 and any(not link.group for link in expected.paths[0].steps[1].links):
            assert [s.id for s in found.paths[0].steps] == [s.id for s in expected.paths[0].steps]
        kinds = {link.kind for step in found.paths[0].steps[1:] for link in step.links}
        kept += found.paths[0].steps == expected.paths[0].steps or kinds <= set(DEFAULT_EDGE_KINDS)
    assert compared > 50
    assert kept > compared * 0.6


def test_edges_option_gives_back_the_fiche_answers() -> None:
    """Asked for the fiches' links, the shipped référentiel answers as if it had no crosswalk."""
    own = load_referentiel(fiche_only=True)
    bare = build_graph(own.replace(crosswalks=[]))
    asked = build_graph(own, edges="prerequisite,proximity")
    ids = [job.id for job in own.jobs]
    for a, b in random.Random(1).sample([(a, b) for a in ids for b in ids if a != b], 150):
        assert _answer(asked, a, b) == _answer(bare, a, b)


def _answer(G: nx.DiGraph, a: str, b: str) -> object:
    """The routes found, or the explanation of why there is none."""
    try:
        return find_paths(G, a, b, k=2).to_dict()
    except NoPathError as err:
        return str(err)


def test_rome_weight_is_a_cost_option(referentiel: Referentiel) -> None:
    G = build_graph(referentiel)
    cheap = find_paths(G, "Développeur", "Chef de projet", costs=CostModel(rome=0))
    dear = find_paths(G, "Développeur", "Chef de projet")
    assert cheap.paths[0].cost < dear.paths[0].cost
    assert "rome" not in CostModel().to_dict()  # the default is not written: outputs of old stay as they were
    assert CostModel(rome=3).to_dict()["rome"] == 3.0
    result = run("path", "Développeur", "Chef de projet", "--weights", "rome=0", "--format", "json")
    assert json.loads(result.output)["costs"]["rome"] == 0.0


def test_a_rome_step_is_explained_in_words(referentiel: Referentiel) -> None:
    route = find_paths(build_graph(referentiel), "Chef de projet", "Directeur de projet")
    lifted = [step for step in route.paths[0].steps if any(link.kind == LIFTED_KIND for link in step.links)]
    assert lifted
    for step in lifted:
        move = step.links[0].move
        assert move is not None
        assert "no fiche states this move; rome 4.0: " in step.explanation.lower()
        assert f"{move.link_from.code}" in step.explanation
        assert f"{move.link_to.code}" in step.explanation
        assert "mobility rank" in step.explanation
    near = reachable(build_graph(referentiel), "Consultant en technologie")
    assert near
    lifted_near = [r for r in near if r.moves == 1 and r.kinds == ["rome"]]
    assert lifted_near
    assert all(r.rome and r.rome[0].startswith("ROME 4.0: M1802") for r in lifted_near)
    assert any(r.kinds == ["skills"] for r in near)  # and jobs its skills lead to
    assert reachable(build_graph(referentiel, edges=DEFAULT_EDGE_KINDS), "Support technique")[0].rome == []


# -- the command line ---------------------------------------------------------------------------


def test_crosswalk_command_formats() -> None:
    rows = json.loads(run("crosswalk", "rome-v4", "--format", "json").output)
    assert len(rows) == 41
    for row in rows:
        assert {"id", "title", "code", "card", "score", "how", "evidence"} <= set(row)
    assert (
        run("crosswalk", "rome", "--format", "json").output
        == run("crosswalk", "rome-v4", "--format", "json").output
    )
    table = run("crosswalk", "rome-v3").output
    assert "Technicien de maintenance" in table
    assert "I1401" in table
    csv = run("crosswalk", "rome-v3", "--format", "csv").output.splitlines()
    assert csv[0] == "id,title,code,card,score,how,evidence,note"
    assert len(csv) == 42


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crosswalk", "rome-v5"], "unknown référentiel 'rome-v5'"),
        (["crosswalk", "metiers-informatique"], "is not a ROME référentiel"),
        (["-r", "rome-v4", "crosswalk", "rome-v3"], "is a ROME référentiel itself"),
    ],
)
def test_crosswalk_bad_requests_exit_2_and_write_nothing(
    args: list[str], message: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    result = run(*args, "-o", str(out))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_crosswalk_attached_to_your_own_referentiel(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    assert (
        run("parse", str(ROOT / "tests" / "data" / "mes-fiches.txt"), "--extend", "-o", str(mine)).exit_code
        == 0
    )
    joined = tmp_path / "mine-rome.json"
    result = run("-r", str(mine), "crosswalk", "rome", "-o", str(joined), "--attach")
    assert result.exit_code == 0, result.output
    assert (
        run("-r", str(mine), "crosswalk", "rome", "-o", str(joined), "--attach").exit_code == 2
    )  # no --force
    loaded = load_referentiel(joined)
    (attached,) = [c for c in loaded.crosswalks if c.target == "rome-v4"]
    assert attached.moves
    assert attached.row("analyste-soc") is not None
    stats = json.loads(run("-r", str(joined), "stats", "--format", "json").output)
    assert stats["moves_by_source"]["ROME 4.0"] > 0
    # a review file replaces the matcher's card, with its note
    rows = json.loads(run("-r", str(mine), "crosswalk", "rome", "--matcher", "--format", "json").output)
    soc = next(row for row in rows if row["id"] == "analyste-soc")
    review = tmp_path / "review.json"
    assert soc["code"] == "M1883"  # «Analyste SOC (Security Operations Center)»
    other = {"code": "M1844", "card": "Analyste en cybersécurité", "how": "reviewed", "note": "vu"}
    review.write_text(json.dumps([{**soc, **other}]), encoding="utf-8")
    reviewed = json.loads(
        run("-r", str(mine), "crosswalk", "rome", "--review", str(review), "--format", "json").output
    )
    row = next(row for row in reviewed if row["id"] == "analyste-soc")
    assert (row["code"], row["how"], row["note"], row["matcher_code"]) == ("M1844", "reviewed", "vu", "M1883")
    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": 3}')
    result = run("-r", str(mine), "crosswalk", "rome", "--review", str(bad))
    assert result.exit_code == 1
    assert "not a crosswalk" in result.stderr


def test_show_lists_the_card_and_the_jobs_that_lead_to_it() -> None:
    text = run("show", "ingenieur securite").output
    assert "ROME 4.0 card: M1819 Ingénieur / Ingénieure sécurité informatique" in text
    assert "ROME v3 card: M1802" in text
    assert "Ingénieur administrateur système et réseaux (M1822, rank 9)" in text
    assert "forbidden by the prior-role rule" in text
    data = json.loads(run("show", "ingenieur securite", "--format", "json").output)
    (v4, v3) = data["rome"]
    assert (v4["version"], v4["code"], v3["version"], v3["code"]) == ("ROME 4.0", "M1819", "ROME v3", "M1802")
    assert any(lead["allowed"] for lead in v4["led_from"])
    assert "rome" not in json.loads(run("-r", "rome-v4", "show", "M1819", "--format", "json").output)


def test_rome_v4_is_built_in() -> None:
    ref = load_referentiel("rome")
    assert (ref.name, ref.credit) == ("rome-v4", "France Travail — ROME 4.0 (v460)")
    assert len(ref.jobs) == 1584
    card = ref.job("M1819")
    assert card.parent == "M1802"
    assert card.attributes["emploi_cadre"] is True
    assert card.attributes["transition_eco"] == "Emploi Blanc"
    assert all(
        set(job.attributes)
        <= {"emploi_cadre", "emploi_reglemente", "transition_eco", "transition_num", "transition_demo"}
        for job in ref.jobs
    )
    assert sum(len(job.proximity) for job in ref.jobs) == 14912
    assert sum(len(job.aliases) for job in ref.jobs) == 13120
    text = run("-r", "rome", "show", "M1819").output
    assert "code: M1819 (parent card: M1802)" in text
    assert "emploi_cadre: yes" in text
    assert "transition_eco: Emploi Blanc" in text


def test_shipped_rome_v4_matches_a_fresh_import() -> None:
    from carrieres.files import dump_referentiel  # noqa: PLC0415

    fresh = import_rome(ROOT / "data" / "rome-v4")
    assert dump_referentiel(fresh) == shipped_dataset_path("rome-v4").read_text(encoding="utf-8")


def test_crosswalk_file_must_name_known_jobs(referentiel: Referentiel) -> None:
    shipped = referentiel.crosswalk("rome-v4")
    assert shipped is not None
    wrong = shipped.replace(rows=[*shipped.rows[:1], shipped.rows[0].replace(id="nobody")])
    with pytest.raises(ValueError, match="names unknown ids: nobody"):
        referentiel.replace(crosswalks=[wrong])


def test_crosswalk_function_returns_the_carried_one_unless_asked(referentiel: Referentiel) -> None:
    rome4 = load_referentiel("rome-v4")
    assert crosswalk(referentiel, rome4) is referentiel.crosswalk("rome-v4")
    fresh = crosswalk(referentiel, rome4, fresh=True, moves=False)
    assert fresh.moves == []
    assert all(row.how != "reviewed" for row in fresh.rows)
    assert isinstance(fresh, Crosswalk)
