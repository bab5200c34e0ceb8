"""The command line's contract under inputs nobody planned for (Hypothesis).

Whatever the document, table, référentiel file or option value: the exit status is 0, 1 or 2,
no traceback escapes, no output file is left half-written (it exists only on success), and the
JSON or XML written on success parses. The examples are drawn from a fixed seed, so that CI
runs the same ones every time; for a deeper run, set ``HYPOTHESIS_PROFILE=deep`` (1,000
examples per test, random seeds): ``HYPOTHESIS_PROFILE=deep pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from tempfile import TemporaryDirectory

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from carrieres.cli import main

settings.register_profile(
    "ci",
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FICHE_PIECES = [
    "\tFamille\n",
    "PRODUCTION\n",
    "\tSous-famille\n",
    "EXPLOITATION\n",
    "\tIntitulé de l’emploi-type TECHNICIEN RÉSEAU\n",
    "\tIntitulé de l’emploi-type ANALYSTE $SOC$\n",
    "\tAppellations couramment utilisées\n",
    "· Technicien réseaux\n",
    "\tPrérequis (expérience, diplômes, certifications ou habilitations particulières)\n",
    "Une expérience de deux ans à des postes comme technicien de maintenance est indispensable.\n",
    "Les recrutements se font au niveau Bac+2 à Bac+4.\n",
    "\tEmplois-types de proximité\n",
    "· Ingénieur sécurité\n",
    "· =HYPERLINK(1)\n",
    "\tCodes ROME correspondants\n",
    "32331\n",
    "\x0c",
    "\r\n",
    "\u2028",
]
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
DOCUMENT = st.lists(st.one_of(st.sampled_from(FICHE_PIECES), TEXT), max_size=40).map("".join)


def _no_traceback(result: Result) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@given(document=DOCUMENT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
def test_any_document_is_checked_or_refused_with_a_message(document: str, encoding: str) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(document.encode(encoding, errors="replace"))
        result = _run("check", str(path), "--format", "json")
        _no_traceback(result)
        if result.exit_code == 0:
            json.loads(result.output)
        out = Path(folder) / "out.json"
        parsed = _run("parse", str(path), "-o", str(out))
        _no_traceback(parsed)
        assert out.exists() == (parsed.exit_code == 0)
        if out.exists():
            json.loads(out.read_text(encoding="utf-8"))


CELL = st.one_of(TEXT, st.sampled_from(["=1+1", "@x", "-2", "Bac+3", "", '"', "a,b", "x\ny"]))


@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_any_table_is_imported_whole_or_refused(rows: list[list[str]], delimiter: str) -> None:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["id", "title", "aliases", "education"][: max(2, max(map(len, rows), default=2))])
    writer.writerows(rows)
    with TemporaryDirectory() as folder:
        jobs = Path(folder) / "jobs.csv"
        jobs.write_text(buffer.getvalue(), encoding="utf-8")
        out = Path(folder) / "out.json"
        result = _run("import", "csv", "--jobs", str(jobs), "--delimiter", delimiter, "-o", str(out))
        _no_traceback(result)
        assert out.exists() == (result.exit_code == 0)
        if result.exit_code == 0:
            graphml = Path(folder) / "g.graphml"
            exported = _run("-r", str(out), "export", "graphml", "-o", str(graphml))
            _no_traceback(exported)
            if exported.exit_code == 0:
                ET.parse(graphml)


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(TEXT, children, max_size=3)),
    max_leaves=12,
)


@given(
    data=st.one_of(
        JSON_VALUE,
        st.fixed_dictionaries(
            {"name": TEXT, "jobs": st.lists(st.dictionaries(TEXT, JSON_VALUE), max_size=3)}
        ),
        st.fixed_dictionaries(
            {"name": TEXT, "jobs": st.lists(st.fixed_dictionaries({"id": TEXT, "title": TEXT}), max_size=3)}
        ),
    ),
    suffix=st.sampled_from([".json", ".yaml"]),
)
def test_any_referentiel_file_is_loaded_or_refused(data: object, suffix: str) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"mine{suffix}"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML too
        result = _run("-r", str(path), "jobs", "--format", "json")
        _no_traceback(result)
        if result.exit_code == 0:
            json.loads(result.output)


OPTION_VALUE = st.one_of(
    TEXT,
    st.sampled_from(
        ["nan", "inf", "-inf", "-1", "0", "1e308", "1e-320", "", "ab", "1x1", "NaNx2", "move=nan"]
    ),
)


@example(option=("clusters", "--resolution"), value="1E306")  # found by a deep run: modularity overflowed
@given(
    option=st.sampled_from(
        [
            ("path", "Technicien de maintenance", "Ingénieur sécurité", "--experience"),
            ("path", "Technicien de maintenance", "Ingénieur sécurité", "--weights"),
            ("path", "Technicien de maintenance", "Ingénieur sécurité", "--min-stay"),
            ("path", "Technicien de maintenance", "Ingénieur sécurité", "-k"),
            ("next", "Support technique", "--moves"),
            ("stats", "--edges"),
            ("stats", "--similarity-threshold"),
            ("clusters", "--resolution"),
            ("routes", "team.csv", "--delimiter"),
            ("crosswalk", "rome-v3", "--format"),
            ("path", "Technicien de maintenance"),
            ("show",),
        ]
    ),
    value=OPTION_VALUE,
)
def test_any_option_value_is_used_or_refused(option: tuple[str, ...], value: str) -> None:
    with TemporaryDirectory() as folder:
        team = Path(folder) / "team.csv"
        team.write_text("from,to\nSupport technique,Directeur technique\n", encoding="utf-8")
        args = [str(team) if part == "team.csv" else part for part in option]
        result = _run(*args, value, *(["--format", "json"] if option[0] in {"path", "next", "stats"} else []))
        _no_traceback(result)
        if result.exit_code == 0 and option[0] in {"path", "next", "stats"}:
            json.loads(result.output)


@given(
    size=st.one_of(TEXT, st.sampled_from(["100x100", "0x0", "nanx2", "1e9x1", "12x8"])),
    dpi=st.sampled_from(["1200", "30", "0", "-5", "x"]),
)
def test_any_picture_option_draws_or_is_refused(size: str, dpi: str) -> None:
    with TemporaryDirectory() as folder:
        out = Path(folder) / "ladder.svg"
        result = _run("plot", "ladder", "-o", str(out), "--size", size, "--dpi", dpi)
        _no_traceback(result)
        assert out.exists() == (result.exit_code == 0)
        if out.exists():
            ET.parse(out)
