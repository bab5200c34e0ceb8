from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carrieres import (
    ParseError,
    Profile,
    RequestError,
    build_graph,
    find_paths,
    find_routes,
    load_referentiel,
)
from carrieres.cli import main
from carrieres.tables import Columns, import_tables

ONET_JOBS = (
    "O*NET-SOC Code\tTitle\tDescription\n"
    "15-1232.00\tComputer User Support Specialists\tProvide technical assistance.\n"
    "15-1244.00\tNetwork and Computer Systems Administrators\tInstall, configure, and maintain networks.\n"
    "15-1212.00\tInformation Security Analysts\tPlan and carry out security measures.\n"
)
ONET_LINKS = (
    "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n"
    "15-1232.00\t15-1244.00\tPrimary-Short\t1\n"
    "15-1244.00\t15-1212.00\tPrimary-Short\t2\n"
    "15-1232.00\t15-1212.00\tSupplemental\t9\n"
)
ONET = Columns(
    id="O*NET-SOC Code",
    title="Title",
    source="O*NET-SOC Code",
    target="Related O*NET-SOC Code",
    kind="Relatedness Tier",
    weight="Index",
)


def _files(tmp_path: Path, jobs: str, links: str, suffix: str = "txt") -> tuple[Path, Path]:
    jobs_path, links_path = tmp_path / f"jobs.{suffix}", tmp_path / f"links.{suffix}"
    jobs_path.write_text(jobs, encoding="utf-8")
    links_path.write_text(links, encoding="utf-8")
    return jobs_path, links_path


def test_tab_separated_related_occupations(tmp_path: Path) -> None:
    ref = import_tables(*_files(tmp_path, ONET_JOBS, ONET_LINKS), columns=ONET)
    assert len(ref.jobs) == 3
    support = ref.job("Computer User Support Specialists")
    assert support.code == "15-1232.00"
    assert [(r.kind, r.rank, r.ids) for r in support.proximity] == [
        ("primary_short", 1, ["15-1244-00"]),
        ("supplemental", 9, ["15-1212-00"]),
    ]
    G = build_graph(ref, edges="primary_short")
    route = find_paths(G, "15-1232.00", "Information Security Analysts")
    assert [s.code for s in (ref.get(step.id) for step in route.paths[0].steps)] == [
        "15-1232.00",
        "15-1244.00",
        "15-1212.00",
    ]


def test_hr_spreadsheet_with_families_and_levels(tmp_path: Path) -> None:
    jobs = (
        "id;title;family;education;aliases\n"
        "tech;Technicien support;IT;Bac+2;Hotliner|Support N1\n"
        "admin;Administrateur;IT;3;\n"
    )
    links = "source;target\ntech;admin\n"
    ref = import_tables(*_files(tmp_path, jobs, links, "csv"))
    assert ref.job("hotliner").id == "tech"
    assert ref.job("admin").prerequisites.education_min == 3
    assert ref.job("tech").family == "IT"


def test_links_alone_define_the_jobs(tmp_path: Path) -> None:
    links = tmp_path / "links.csv"
    links.write_text("source,target,kind\nA,B,evolution\nB,C,evolution\n", encoding="utf-8")
    ref = import_tables(None, links)
    assert [job.id for job in ref.jobs] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("jobs", "links", "message", "line"),
    [
        ("name,title\nx,X\n", "source,target\n", "no column 'id'", 1),
        ("id,title\nx,X\nx,Y\n", "source,target\n", "appears twice", 3),
        ("id,title\nx,X\n", "source,target\nx,y\n", "'y' is no id of the jobs table", 2),
        ("id,title,education\nx,X,maternelle\n", "source,target\n", "not an education level", 2),
        ("id,title\nx,X,extra\n", "source,target\n", "3 cells where the header has 2", 2),
    ],
)
def test_bad_tables(tmp_path: Path, jobs: str, links: str, message: str, line: int) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        import_tables(*_files(tmp_path, jobs, links, "csv"))
    assert caught.value.line == line


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_encodings_announced_by_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "jobs.csv"
    path.write_bytes("id,title\nx,Ingénieur\n".encode(encoding))
    assert [job.title for job in import_tables(path, None).jobs] == ["Ingénieur"]


def test_utf16_without_a_byte_order_mark_is_called_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_bytes("id,title\nx,Ingénieur\n".encode("utf-16-le"))
    with pytest.raises(ParseError, match="UTF-16 text without a byte-order mark"):
        import_tables(path, None)


def test_quoted_cells_keep_line_breaks_and_lines_are_counted_right(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text('id,title,aliases\n\x0cx,"Titre\nsur deux lignes",a\ny,Y,b\nz\n', encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        import_tables(path, None)
    assert caught.value.line == 5  # the quoted break and the form feed do not shift the count


def test_a_delimiter_is_one_character(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("id,title\nx,X\n", encoding="utf-8")
    for delimiter in ("", "ab", '"'):
        with pytest.raises(RequestError, match="one character"):
            import_tables(jobs, None, delimiter=delimiter)


def test_import_csv_command(tmp_path: Path) -> None:
    jobs, links = _files(tmp_path, ONET_JOBS, ONET_LINKS)
    out = tmp_path / "onet.json"
    args = ["import", "csv", "--jobs", str(jobs), "--links", str(links), "--id", "O*NET-SOC Code",
            "--title", "Title", "--source", "O*NET-SOC Code", "--target", "Related O*NET-SOC Code",
            "--kind", "Relatedness Tier", "--weight", "Index", "-o", str(out)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert len(load_referentiel(out).jobs) == 3
    bad = CliRunner().invoke(main, ["import", "csv", "--jobs", str(jobs), "-o", str(tmp_path / "bad.json")])
    assert bad.exit_code == 1
    assert "no column 'id'" in bad.stderr
    assert not (tmp_path / "bad.json").exists()


def test_routes_answers_a_long_table_part_by_part_as_a_whole(tmp_path: Path) -> None:
    from carrieres.cli.routes import ROWS_AT_ONCE  # noqa: PLC0415

    referentiel = load_referentiel()
    titles = [job.title for job in referentiel.jobs]
    table = tmp_path / "team.csv"
    rows = [(titles[n % 41], titles[(7 * n + 3) % 41], n % 6) for n in range(2 * ROWS_AT_ONCE + 500)]
    rows = [(a, b, level) for a, b, level in rows if a != b]
    with table.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([("from", "to", "education"), *rows])
    lines = CliRunner().invoke(main, ["routes", str(table), "--format", "csv"]).stdout.splitlines()
    assert len(lines) == len(rows) + 1
    assert lines[0].startswith("from,to,education,moves,cost")
    data = json.loads(CliRunner().invoke(main, ["routes", str(table), "--format", "json"]).stdout)
    assert len(data) == len(rows)
    whole = find_routes(
        build_graph(referentiel),
        [(a, b) for a, b, _level in rows],
        profiles=[Profile(education=level) for _a, _b, level in rows],
    )
    assert [route.to_dict() for route in whole] == [
        {k: v for k, v in d.items() if k not in ("line", "cells")} for d in data
    ]


def test_a_column_named_twice_is_refused_with_its_name(tmp_path: Path) -> None:
    """A row read into a dict would keep one of the two cells only."""
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("id,title,title\nc1,A,B\n", encoding="utf-8")
    with pytest.raises(ParseError, match="line 1: the header names the column 'title' twice"):
        import_tables(jobs, None)
