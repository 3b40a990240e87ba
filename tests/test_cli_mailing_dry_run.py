"""`omidesk mailing --dry-run` (QA round 4, finding 7): --export with it is refused as a bad
argument (exit 2, naming --export, nothing written), never dropped silently; the dry run's
exit code is 0 when every row can be sent, 1 when some row cannot (invalid, no address:
the mailing would count it failed) — and then its last line says so; duplicates alone are
sent once and keep it 0."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.test_cli_hostile import mailing_args


def _list(tmp_path, rows: str):  # type: ignore[no-untyped-def]
    csv = tmp_path / "list.csv"
    csv.write_text("姓名,Email\n" + rows, encoding="utf-8")
    return csv


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_export_with_a_dry_run_is_refused_and_nothing_is_written(tmp_path, lang):
    export = tmp_path / "e.csv"
    out = tmp_path / "eml"
    result = run_cli("--lang", lang, *mailing_args(tmp_path, "--dry-run", "--out", str(out),
                                                   "--export", str(export)))
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "omidesk mailing" in err and "--export" in err and "--dry-run" in err
    assert ("a dry run sends nothing" in err) if lang == "en" else ("試跑不發送" in err)
    assert "Traceback" not in err
    assert not export.exists() and not out.exists()  # refused before anything was done


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_dry_run_with_an_invalid_row_exits_1_and_says_why_last(tmp_path, lang):
    args = mailing_args(tmp_path, "--dry-run")
    args[args.index("--csv") + 1] = str(_list(
        tmp_path, "王小明,a@example.com\n陳大文,not-an-address\n王小明,A@example.com\n"))
    result = run_cli("--lang", lang, *args)
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 1, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    if lang == "en":
        assert lines[-1].startswith("Exit 1: 1 row of the list cannot be sent"), lines
        assert "count it as failed" in lines[-1]
    else:
        assert lines[-1].startswith("結束代碼 1：名單中有 1 列無法發送"), lines
        assert "計為失敗" in lines[-1]


def test_a_dry_run_with_only_a_duplicate_exits_0_without_an_exit_line(tmp_path):
    args = mailing_args(tmp_path, "--dry-run")
    args[args.index("--csv") + 1] = str(_list(tmp_path, "王小明,a@example.com\n"
                                                        "王小明,A@example.com\n"))
    result = run_cli(*args)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "1 duplicate" in out and "Exit " not in out
    assert out.splitlines()[-1].startswith("Dry run: 1 message rendered")


def test_a_json_dry_run_keeps_stdout_json_and_says_why_on_stderr(tmp_path):
    args = mailing_args(tmp_path, "--dry-run", "--json")
    args[args.index("--csv") + 1] = str(_list(tmp_path, "王小明,a@example.com\n陳,x\n"))
    result = run_cli(*args)
    assert result.returncode == 1
    assert json.loads(result.stdout)["invalid_rows"] == 1
    assert result.stderr.decode().splitlines()[-1].startswith("Exit 1: 1 row")
