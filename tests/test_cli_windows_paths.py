"""The command line's path flags take the paths a list's attachment column takes (QA4 #13),
run as a user runs them (a subprocess, relative paths from its working folder): `sub\\b.html`
pasted from a Windows colleague's notes is sub/b.html here; `C:\\Users\\…` and
`\\\\server\\share\\…` are said to be paths on a Windows PC (exit 2, one line, both languages),
never "moved or deleted?". And counts read as counts: "Not sent (1 row)", "(2 rows)"."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.conftest import run_cli

WINDOWS_PC = {"en": "is a path on a Windows PC, which this computer cannot open",
              "zh_TW": "是 Windows 電腦上的路徑，這台電腦無法開啟"}


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>附件</p>", encoding="utf-8")
    (tmp_path / "sub" / "body.txt").write_text("您好", encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


def _send(cwd: Path, *extra: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return run_cli("--lang", lang, "send", "--dry-run", "--from", "me@example.tw", "--to",
                   "a@example.tw", "--subject", "w", *extra, cwd=cwd)


def test_backslash_paths_from_windows_work_for_input_and_output_flags(tmp_path: Path) -> None:
    cwd = _folder(tmp_path)
    result = _send(cwd, "--text-file", "sub\\body.txt", "--attach", "sub\\b.html",
                   "--out", "out\\x.eml")
    assert result.returncode == 0, result.stderr.decode()
    written = cwd / "out" / "x.eml"  # the folder's file, not a file named "out\x.eml"
    assert written.is_file() and not (cwd / "out\\x.eml").exists()
    message = message_from_bytes(written.read_bytes(), policy=policy.default)
    (part,) = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert part.get_filename() == "b.html"
    assert part.get_payload(decode=True) == "<p>附件</p>".encode()
    assert message.get_body(("plain",)).get_content().strip() == "您好"  # type: ignore[attr-defined,union-attr]


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
@pytest.mark.parametrize("flag,value", [
    ("--attach", "C:\\Users\\me\\a.pdf"), ("--attach", "\\\\server\\share\\x.pdf"),
    ("--html-file", "C:\\Users\\me\\a.html"), ("--text-file", "D:/notes/body.txt"),
    ("--out", "C:\\Users\\me\\x.eml"),
])
def test_a_windows_pc_path_is_named_as_such_exit_2(tmp_path: Path, lang: str, flag: str,
                                                   value: str) -> None:
    cwd = _folder(tmp_path)
    extra = [flag, value] if flag in ("--text-file", "--html-file") else \
        ["--text-file", "sub/body.txt", flag, value]
    result = _send(cwd, *extra, lang=lang)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert flag in err and value in err and WINDOWS_PC[lang] in err
    assert "moved or deleted" not in err and "移動或刪除" not in err
    assert not list((cwd / "out").iterdir())


def _list(folder: Path) -> Path:
    listed = folder / "l.csv"
    listed.write_text("姓名,Email\n王小明,a@example.tw\n陳大文,not-an-address\n"
                      "林美玲,c@example.tw\n", encoding="utf-8")
    return listed


def _mailing(cwd: Path, listed: str, *extra: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return run_cli("--lang", lang, "mailing", "--list", listed, "--journal", "out\\j.sqlite",
                   "--subject", "{{姓名}}", "--text-file", "sub\\body.txt", "--from",
                   "wang@example.tw", "--host", "127.0.0.1", "--port", "9", "--security",
                   "none", "--dry-run", "--out", "out\\eml", *extra, cwd=cwd)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_mailing_takes_the_same_paths_and_counts_rows_as_counts(tmp_path: Path,
                                                                  lang: str) -> None:
    cwd = _folder(tmp_path)
    _list(cwd)
    result = _mailing(cwd, ".\\l.csv", lang=lang)
    out = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 1, out  # the invalid row: exit 1, as a dry run says
    assert sorted(p.name for p in (cwd / "out" / "eml").iterdir()) == ["00001.eml", "00003.eml"]
    if lang == "en":
        assert "List: 3 rows, 2 to send" in out and "Not sent (1 row):" in out
        assert "(1 rows)" not in out
    else:
        assert "名單：共 3 列" in out and "不發送（1 列）：" in out


def test_two_rows_not_sent_read_rows(tmp_path: Path) -> None:
    cwd = _folder(tmp_path)
    (cwd / "l.csv").write_text("姓名,Email\n王小明,a@example.tw\n陳大文,x\n林,y\n",
                               encoding="utf-8")
    result = _mailing(cwd, "l.csv")
    assert "Not sent (2 rows):" in result.stdout.decode(), result.stdout.decode()


def test_a_list_on_a_windows_share_is_named_as_such(tmp_path: Path) -> None:
    cwd = _folder(tmp_path)
    result = _mailing(cwd, "\\\\fileserver\\業務\\名單.csv", lang="zh_TW")
    err = result.stderr.decode()
    assert result.returncode == 2 and "--list" in err and WINDOWS_PC["zh_TW"] in err, err
    assert not (cwd / "out" / "j.sqlite").exists()
