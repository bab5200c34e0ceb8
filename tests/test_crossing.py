from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import RequestError, build_graph, find_paths, load_referentiel
from carrieres.cli import main
from carrieres.crossing import join, match_jobs


@pytest.fixture(scope="module")
def matches() -> list:  # type: ignore[type-arg]
    return match_jobs(load_referentiel(), load_referentiel("rome-v3"))


def test_best_matches_carry_their_evidence(matches: list) -> None:  # type: ignore[type-arg]
    best = {m.source: m for m in matches if m.rank == 1}
    assert best["technicien-de-maintenance"].target == "i1401"
    assert best["ingenieur-securite"].target == "m1802"
    assert best["analyste-d-exploitation"].target == "m1810"
    for match in matches:
        assert match.score >= 0.5
        assert match.source_name
        assert match.target_name
    per_job = [m.rank for m in matches if m.source == "administrateur-de-base-de-donnees"]
    assert per_job == [1, 2, 3]


def test_join_lets_a_path_cross(matches: list) -> None:  # type: ignore[type-arg]
    a, b = load_referentiel(), load_referentiel("rome-v3")
    joined = join(a, b, [m for m in matches if m.rank == 1])
    assert len(joined.jobs) == 41 + 532
    route = find_paths(build_graph(joined), "Technicien de maintenance", "Boulanger / Boulangère")
    steps = route.paths[0].steps
    assert steps[1].id == "i1401"
    assert steps[1].links[0].kind == "equivalent"
    assert steps[1].profile is not None
    assert steps[1].profile.earliest_year == 0
    assert route.paths[0].moves == len(steps) - 2


def test_joining_a_referentiel_with_itself_is_refused() -> None:
    ref = load_referentiel()
    with pytest.raises(RequestError, match="share job ids"):
        join(ref, ref, [])
    with pytest.raises(RequestError):
        match_jobs(ref, ref, min_score=0)


def test_link_command(tmp_path: Path) -> None:
    out = tmp_path / "joined.json"
    result = CliRunner().invoke(
        main, ["link", "metiers-informatique", "rome-v3", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["matches"]
    assert set(data["unmatched"]) <= {job.id for job in load_referentiel().jobs}
    assert len(load_referentiel(out).jobs) == 573
