"""The command line against hostile or unlucky input: each gets one clear line at its flag, in
both languages, exit 2 for usage and 1 for invalid input; never a traceback, never a hang,
nothing sent. Real subprocesses, real files, real local servers."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_cli_mailing import mailing, people, write_list  # noqa: F401  (fixture)

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX files")


def clean(result) -> str:  # type: ignore[no-untyped-def]
    err = result.stderr.decode()
    assert "Traceback" not in err, err
    return err


def mailing_args(tmp_path: Path, *extra: str) -> list[str]:
    csv = write_list(tmp_path / "list.csv", people(2))
    (tmp_path / "body.txt").write_text("您好 {{姓名}}", encoding="utf-8")
    return ["mailing", "--csv", str(csv), "--journal", str(tmp_path / "j.sqlite"),
            "--subject", "s", "--text-file", str(tmp_path / "body.txt"),
            "--from", "wang@example.com", "--host", "127.0.0.1", "--port", "9",
            "--security", "none", *extra]


@pytest.mark.parametrize("flag,value", [
    ("--max-size", "nan"), ("--max-size", "-1"), ("--max-size", "inf"),
    ("--timeout", "inf"), ("--timeout", "nan"), ("--timeout", "0"), ("--timeout", "1e999"),
    ("--rate", "nan"), ("--rate", "inf"), ("--rate", "-5"),
    ("--backoff", "nan"), ("--backoff", "60,inf"),
])
@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_numbers_that_are_not_numbers_exit_2_at_their_flag(tmp_path, flag, value, lang):
    result = run_cli("--lang", lang, *mailing_args(tmp_path, f"{flag}={value}"))
    err = clean(result)
    assert result.returncode == 2 and flag in err, err
    assert ("must be a number" in err) if lang == "en" else ("參數" in err and "數字" in err)
    assert not (tmp_path / "j.sqlite").exists()


@pytest.mark.parametrize("command", ["send", "probe"])
def test_timeout_and_max_size_checked_for_send_and_probe(command, tmp_path):
    extra = ["--from", "a@example.com", "--to", "b@example.com", "--max-size", "nan"] \
        if command == "send" else ["--timeout", "nan"]
    result = run_cli(command, "--host", "127.0.0.1", "--port", "9", "--security", "none",
                     *extra)
    err = clean(result)
    assert result.returncode == 2 and ("--max-size" in err or "--timeout" in err)


@pytest.mark.parametrize("flag,value", [
    ("--ehlo", "client.example\r\nMAIL FROM:<evil@example.com>"),
    ("--ehlo", "client\x07bell"),
    ("--mail-from", "me@example.com\r\nRCPT TO:<victim@example.com>"),
    ("--rcpt-to", "you@example.com\nDATA"),
    ("--host", "127.0.0.1\r\nQUIT"),
])
def test_control_characters_never_reach_the_server(smtp_server, flag, value):
    server = smtp_server(tls="none")
    args = ["probe", "--host", "127.0.0.1", "--backup-host", "", "--port", str(server.port),
            "--security", "none", "--timeout", "2"]
    if flag == "--rcpt-to":
        args += ["--mail-from", "me@example.com"]
    for lang in ("en", "zh_TW"):
        result = run_cli("--lang", lang, *args, flag, value)
        err = clean(result)
        assert result.returncode == 1 and f"{flag}:" in err, err
        assert ("line" in err or "character" in err) if lang == "en" else \
            ("換行" in err or "字元" in err), err
    assert server.commands == [] and server.connections == 0


def test_from_name_errors_are_named_from_name(tmp_path):
    result = run_cli("send", "--dry-run", "--from", "a@example.com", "--from-name",
                     "Boss\r\nBcc: all@example.com", "--to", "b@example.com", "--subject", "x")
    err = clean(result)
    assert result.returncode == 1 and err.startswith("omidesk send: --from-name: "), err


@posix
def test_a_folder_or_a_fifo_is_named_not_missing(tmp_path):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    for path, said in ((tmp_path / "folder", "folder"), (tmp_path / "pipe", "FIFO")):
        attach = run_cli("send", "--dry-run", "--from", "a@example.com", "--to",
                         "b@example.com", "--subject", "x", "--attach", str(path))
        err = clean(attach)
        assert attach.returncode == 1 and said in err and "does not exist" not in err, err
        body = run_cli("send", "--dry-run", "--from", "a@example.com", "--to", "b@example.com",
                       "--subject", "x", "--html-file", str(path))
        err = clean(body)
        assert body.returncode == 1 and "--html-file" in err and said in err, err
        listed = run_cli(*mailing_args(tmp_path, "--dry-run"), "--csv", str(path))
        err = clean(listed)
        assert listed.returncode == 2 and "--csv" in err and said in err, err


@posix
def test_an_attachment_that_is_a_link_is_refused(tmp_path):
    (tmp_path / "id_rsa").write_bytes(b"private")
    (tmp_path / "invoice.pdf").symlink_to(tmp_path / "id_rsa")
    result = run_cli("send", "--dry-run", "--from", "a@example.com", "--to", "b@example.com",
                     "--subject", "x", "--attach", str(tmp_path / "invoice.pdf"))
    err = clean(result)
    assert result.returncode == 1 and "--attach:" in err and "symbolic link" in err
    assert b"private" not in result.stdout


def test_a_ca_file_that_is_not_pem_is_not_a_tls_mode_problem(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    der = tmp_path / "company-ca.cer"
    der.write_bytes(b"0\x82\x03\x1d0\x82\x02\x05" + os.urandom(200))
    result = run_cli("probe", "--host", "127.0.0.1", "--backup-host", "", "--port",
                     str(server.port), "--security", "ssl", "--cafile", str(der))
    err = clean(result)
    assert result.returncode == 1 and "--cafile:" in err and "PEM" in err, err
    assert "STARTTLS" not in err and server.connections == 0


def test_no_email_column_lists_the_columns(tmp_path):
    csv = tmp_path / "no-email.csv"
    csv.write_text("姓名,公司,電話\n王小明,沛盛,0912\n", encoding="utf-8")
    args = mailing_args(tmp_path, "--dry-run")
    args[args.index("--csv") + 1] = str(csv)
    for lang, listed in (("en", "姓名, 公司, 電話"), ("zh_TW", "姓名、公司、電話")):
        result = run_cli("--lang", lang, *args)
        err = clean(result)
        assert result.returncode == 1 and listed in err and "--email-column" in err, err


def test_a_cell_over_128_kib_is_a_message_not_a_traceback(tmp_path):
    csv = tmp_path / "huge.csv"
    csv.write_bytes("姓名,Email\n王小明,a@example.com\n\"".encode() + b"x" * 140_000 + b"\n")
    args = mailing_args(tmp_path, "--dry-run")
    args[args.index("--csv") + 1] = str(csv)
    result = run_cli(*args)
    err = clean(result)
    assert result.returncode == 1 and "--csv:" in err and "Line 3" in err, err


def test_a_journal_edited_by_hand_is_refused_and_nothing_is_sent(smtp_server, tmp_path,
                                                                 mailing):  # noqa: F811
    server = smtp_server(tls="none", reject_rcpt={"user2@example.com"})
    csv = write_list(tmp_path / "list.csv", people(3))
    first = mailing(server, csv)
    assert first.returncode == 1 and len(server.messages) == 2
    db = sqlite3.connect(tmp_path / "j.sqlite")
    db.execute("UPDATE recipients SET values_json = 'garbage' WHERE row_index = 1")
    db.execute("UPDATE recipients SET state = 'maybe' WHERE row_index = 2")
    db.commit()
    db.close()
    for lang, said in (("en", "changed outside OMIDesk"), ("zh_TW", "在 OMIDesk 之外被修改")):
        again = mailing(server, csv, "--retry-failed", "--lang", lang)
        err = clean(again)
        assert again.returncode == 1 and "--journal:" in err and said in err, err
    assert len(server.messages) == 2


def test_an_unwritable_journal_path_is_called_that(unwritable_dir, tmp_path):
    args = mailing_args(tmp_path)
    args[args.index("--journal") + 1] = str(unwritable_dir / "j.sqlite")
    result = run_cli(*args)
    err = clean(result)
    assert result.returncode == 1 and "--journal:" in err and "cannot be written" in err, err
    assert "not an OMIDesk" not in err


def test_a_folder_as_the_journal_is_a_folder(tmp_path):
    args = mailing_args(tmp_path)
    (tmp_path / "j.sqlite").mkdir()
    result = run_cli(*args)
    err = clean(result)
    assert result.returncode == 2 and "--journal" in err and "is a folder" in err, err


@posix
def test_files_written_for_the_user_are_private(smtp_server, tmp_path, mailing):  # noqa: F811
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(2))
    old = os.umask(0)
    try:
        result = mailing(server, csv, "--export", str(tmp_path / "results.csv"))
        dry = mailing(server, csv, "--dry-run", "--out", str(tmp_path / "eml" / "new"))
        single = run_cli("send", "--dry-run", "--out", str(tmp_path / "one.eml"), "--from",
                         "a@example.com", "--to", "b@example.com", "--subject", "x")
        probe = run_cli("probe", "--host", "127.0.0.1", "--backup-host", "", "--port",
                        str(server.port), "--security", "none", "--report",
                        str(tmp_path / "report.md"))
    finally:
        os.umask(old)
    assert result.returncode == 0 and dry.returncode == 0 and single.returncode == 0
    assert probe.returncode == 0, probe.stderr
    files = [tmp_path / "j.sqlite", tmp_path / "log.sqlite", tmp_path / "results.csv",
             tmp_path / "one.eml", tmp_path / "report.md",
             *sorted((tmp_path / "eml" / "new").iterdir())]
    assert len(files) == 7
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {
        f.name: 0o600 for f in files}
    assert stat.S_IMODE((tmp_path / "eml").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "eml" / "new").stat().st_mode) == 0o700


def test_an_export_that_cannot_be_written_fails_the_command(smtp_server, tmp_path,
                                                            unwritable_dir,
                                                            mailing):  # noqa: F811
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(2))
    result = mailing(server, csv, "--export", str(unwritable_dir / "results.csv"))
    err = clean(result)
    lines = result.stdout.decode().strip().splitlines()
    assert lines[-1] == "2 sent, 0 failed, 0 deferred, 0 unknown"  # still the last line
    assert result.returncode == 1 and "--export:" in err and "cannot be written" in err, err
    assert not (unwritable_dir / "results.csv").exists()


def test_an_export_to_a_full_disk_fails_and_leaves_no_empty_file(smtp_server, tmp_path,
                                                                small_disk,
                                                                mailing):  # noqa: F811
    server = smtp_server(tls="none")
    rows = [(f"客戶{i} " + "長名字" * 40, f"user{i}@example.com") for i in range(1, 41)]
    csv = write_list(tmp_path / "list.csv", rows)
    small_disk.fill()
    result = mailing(server, csv, "--rate", "1000000", "--quiet", "--export",
                     str(small_disk.path / "results.csv"))
    err = clean(result)
    assert result.returncode == 1 and "--export:" in err and "disk is full" in err, err
    assert "Free space there" in err
    assert [p.name for p in small_disk.path.iterdir()] == [".filler"]


def test_the_sent_log_given_as_journal_is_refused_untouched(smtp_server, tmp_path,
                                                            mailing):  # noqa: F811
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(1))
    assert mailing(server, csv, journal="first.sqlite").returncode == 0
    log = tmp_path / "log.sqlite"
    before = log.read_bytes()
    result = mailing(server, csv, journal="log.sqlite")
    err = clean(result)
    assert result.returncode == 2 and "--journal" in err and "sent log" in err, err
    assert log.read_bytes() == before and len(server.messages) == 1


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("these tests use POSIX paths and signals")


@posix
@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_an_out_path_through_a_file_or_into_proc_gets_the_right_reason(tmp_path, lang):
    """QA 16: not "its folder does not exist" when a part of the path is a file, or the folder
    exists but takes no files; a trailing slash never overwrites the file it names."""
    a_file = tmp_path / "a.txt"
    a_file.write_text("keep me", encoding="utf-8")
    send = ["--lang", lang, "send", "--dry-run", "--from", "a@example.com", "--to",
            "b@example.com", "--subject", "x", "--out"]
    through = run_cli(*send, f"{a_file}/x.eml")
    err = clean(through)
    assert through.returncode == 1
    assert (f"“{a_file}” is a file, not a folder" if lang == "en" else
            f"「{a_file}」是檔案，不是資料夾") in err, err
    assert "does not exist" not in err and "不存在" not in err
    slash = run_cli(*send, f"{a_file}/")
    err = clean(slash)
    assert slash.returncode == 2 and ("names a folder" in err or "表示資料夾" in err), err
    assert a_file.read_text(encoding="utf-8") == "keep me"
    if os.path.isdir("/proc/self"):  # a folder that takes no files
        proc = run_cli(*send, "/proc/x.eml")
        err = clean(proc)
        assert proc.returncode == 1 and ("files cannot be created in that folder" in err or
                                         "無法在該資料夾中建立檔案" in err), err


def test_a_mailing_dry_run_out_that_is_a_file_is_refused_before_writing(tmp_path):
    a_file = tmp_path / "a.txt"
    a_file.write_text("keep me", encoding="utf-8")
    result = run_cli(*mailing_args(tmp_path, "--dry-run", "--out", f"{a_file}/"))
    err = clean(result)
    assert result.returncode == 2 and "--out" in err and "is a file, not a folder" in err, err
    assert a_file.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_an_attachment_named_backwards_is_said_and_sent_by_its_real_name(tmp_path, lang):
    """QA4 #9: a file on disk called "\\u202efdp.exe" (shown raw: "exe.pdf"): the CLI says
    so, escaped, before the send; the message carries "fdp.exe"."""
    import email
    from email import policy

    spoof = tmp_path / "\u202efdp.exe"
    spoof.write_bytes(b"MZ")
    out = tmp_path / "m.eml"
    result = run_cli("--lang", lang, "send", "--dry-run", "--out", str(out), "--from",
                     "a@example.com", "--to", "b@example.com", "--subject", "x",
                     "--attach", str(spoof))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "\u202e" not in err and "\\u202efdp.exe" in err and "U+202E" in err
    assert ("注意：" in err and "方向" in err) if lang == "zh_TW" else "Careful:" in err
    parsed = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["fdp.exe"]


@posix
@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_body_file_that_cannot_be_read_is_said_once_at_its_flag(tmp_path, lang):
    """Named by its own flag, once ("--text-file: …", not "--html-file/--text-file:
    --text-file: …"), in the language asked for — not the system's English strerror."""
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    (tmp_path / "folder").mkdir()
    cases = {"missing.txt": ("does not exist", "找不到"), "bad.txt": ("not UTF-8", "UTF-8"),
             "folder": ("is a folder", "是資料夾")}
    for name, (en, zh) in cases.items():
        for flag in ("--text-file", "--html-file"):
            result = run_cli("--lang", lang, "send", "--dry-run", "--out",
                             str(tmp_path / "x.eml"), "--from", "a@example.com", "--to",
                             "b@example.com", "--subject", "s", flag, str(tmp_path / name))
            err = clean(result)
            assert result.returncode == 1, err
            assert err.startswith(f"omidesk send: {flag}: ") and err.count("-file") == 1, err
            assert (en if lang == "en" else zh) in err, err
            assert "No such file" not in err
    assert not (tmp_path / "x.eml").exists()
