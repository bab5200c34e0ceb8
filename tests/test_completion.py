"""Shell completion of job and family names: the quick answer from the index equals click's own
answer from the command line, every name offered reads back as its job, and the index is fresh."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import load_referentiel
from carrieres._text import slug
from carrieres.cli import main
from carrieres.completion import COMPLETE_VAR, INDEX, offered
from carrieres.files import save_referentiel

from .completion_index import completion_index, index_text


def _quick(shell: str, words: str, cword: int, env: dict[str, str] | None = None) -> str:
    """What the ``carrieres`` program answers (the quick path, or click where it defers)."""
    result = subprocess.run(
        [sys.executable, "-m", "carrieres"],
        env={
            **os.environ,
            COMPLETE_VAR: f"{shell}_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _click(shell: str, words: str, cword: int, env: dict[str, str] | None = None) -> str:
    """What click answers from the command line itself, through the completion callbacks."""
    result = CliRunner().invoke(
        main,
        [],
        prog_name="carrieres",
        env={COMPLETE_VAR: f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword), **(env or {})},
    )
    return result.output


LINES = [
    ("carrieres path tech", 2),
    ("carrieres path technicien-de-maintenance ing", 3),
    ("carrieres path -k 3 --education 2 secu", 6),
    ("carrieres path --edges=proximity a b --via sup", 6),
    ("carrieres path a b --avoid ", 5),
    ("carrieres --lang fr show ingenieur-sec", 4),
    ("carrieres show ", 2),
    ("carrieres -r rome show data", 4),
    ("carrieres --referentiel=rome-v3 next boul", 3),
    ("carrieres next support-technique --avoid ges", 4),
    ("carrieres jobs --family prod", 3),
    ("carrieres -r rome jobs --family ban", 5),
    ("carrieres plot path --from tech", 4),
    ("carrieres plot path --from a --to ingenieur-s", 6),
    ("carrieres path a b c", 4),  # no third job: nothing
    ("carrieres path --", 2),  # options: click answers
    ("carrieres plo", 1),  # commands: click answers
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_quick_answer_is_clicks_answer(shell: str) -> None:
    answers = {}
    for words, cword in LINES:
        typed = words.split(" ")[cword] if cword < len(words.split(" ")) else ""
        fish_cword = typed if shell == "fish" else str(cword)
        quick = _quick(shell, words, 0, {"COMP_CWORD": fish_cword})
        slow = _click(shell, words, 0, {"COMP_CWORD": fish_cword})
        assert quick == slow, words
        answers[words] = quick
    assert "technicien-de-maintenance" in answers["carrieres path tech"]
    assert "ingenieur-securite" in answers["carrieres path -k 3 --education 2 secu"]
    assert "ingenieur-securite" in answers["carrieres --lang fr show ingenieur-sec"]
    assert "support-technique" in answers["carrieres path --edges=proximity a b --via sup"]
    assert "data-scientist" in answers["carrieres -r rome show data"]
    assert "boulanger" in answers["carrieres --referentiel=rome-v3 next boul"].lower()
    assert "production" in answers["carrieres jobs --family prod"]
    assert "banque-assurance-immobilier" in answers["carrieres -r rome jobs --family ban"]
    assert answers["carrieres path a b c"].strip() == ""
    assert len(answers["carrieres path a b --avoid "].splitlines()) >= 41
    assert "--via" in answers["carrieres path --"]
    if shell != "bash":
        assert "Ingénieur sécurité" in answers["carrieres plot path --from a --to ingenieur-s"]


def test_a_referentiel_file_is_completed_from_its_own_jobs(tmp_path: Path) -> None:
    ours = tmp_path / "ours.json"
    referentiel = load_referentiel()
    alone = [job for job in referentiel.jobs if not job.has_fiche][:3]  # naming no other job
    save_referentiel(referentiel.replace(name="ours", jobs=alone, crosswalks=[]), ours)
    words = f"carrieres -r {ours} show "
    answer = _quick("bash", words, 4)
    assert answer == _click("bash", words, 4)
    offered = [line.split(",", 1)[1] for line in answer.splitlines()]
    assert {slug(job.title) for job in alone} <= set(offered)
    assert {load_referentiel(ours).job(value).id for value in offered} == {job.id for job in alone}


def test_every_name_offered_reads_back_as_its_job() -> None:
    index = completion_index()
    for name, names in index["referentiels"].items():
        referentiel = load_referentiel(name)
        for value, title, job_id in [*names["job"], *names["trade"]]:  # the trade's words read back too
            assert referentiel.job(value).id == job_id, (name, value)
            assert referentiel.get(job_id).title == title
            assert " " not in value
        for value, label, _label in names["family"]:
            assert referentiel.resolver.families.resolve(value) == label, (name, value)
        readable = sum(1 for value, title, _id in names["job"] if value == slug(title))
        assert readable > len(names["job"]) * 0.9  # titles, not codes, for nearly every job


def test_the_index_is_fresh() -> None:
    assert INDEX.read_text(encoding="utf-8") == index_text(), "run: python -m tests.completion_index --write"


def test_the_trades_words_are_offered_where_no_job_name_matches() -> None:
    names = completion_index()["referentiels"]["metiers-informatique"]
    assert [value for value, _title, _id in offered(names, "job", "DB")] == ["dba"]
    assert [value for value, _title, _id in offered(names, "job", "secu")] == ["ingenieur-securite"]
    referentiel = load_referentiel()
    for value, _title, job_id in offered(names, "job", "project"):
        assert referentiel.job(value).id == job_id
