"""`omidesk mailing` as a user runs it: real CSV files, real local servers, a real journal."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from omidesk.core.sentlog import SentLog
from tests.conftest import REPO, run_cli
from tests.helpers.smtp_client import secret_forms

SUMMARY = "{} sent, {} failed, {} deferred, {} unknown"


def write_list(path: Path, rows: list[tuple[str, str]], encoding: str = "utf-8-sig") -> Path:
    text = "姓名,Email,公司\n" + "".join(f"{n},{a},沛盛資訊\n" for n, a in rows)
    path.write_bytes(text.encode(encoding))
    return path


def people(n: int) -> list[tuple[str, str]]:
    return [(f"客戶{i}", f"user{i}@example.com") for i in range(1, n + 1)]


@pytest.fixture
def mailing(tmp_path):
    body = tmp_path / "body.html"
    body.write_text('<p>親愛的 {{姓名|朋友}}：</p><p><a href="https://x.example/?n={{姓名}}">'
                    "報價</a></p>", encoding="utf-8")

    def run(server, csv: Path, *extra: str, journal: str = "j.sqlite", security="none",
            subject="{{姓名}}，十一月報價"):
        args = ["mailing", "--csv", str(csv), "--journal", str(tmp_path / journal),
                "--subject", subject, "--html-file", str(body), "--from", "wang@example.com",
                "--host", "127.0.0.1", "--backup-host", "", "--port", str(server.port),
                "--security", security, "--user", server.user, "--password-env", "T_PW",
                "--timeout", "2", "--sent-log", str(tmp_path / "log.sqlite"), *extra]
        if security == "none":  # a plain test server: the login without TLS, explicitly
            args.append("--allow-plaintext-login")
        if server.cafile:
            args += ["--cafile", str(server.cafile)]
        return run_cli(*args, env={"T_PW": server.password})
    return run


def out_lines(result) -> list[str]:
    return result.stdout.decode().strip().splitlines()


def received(server) -> Counter[str]:
    return Counter(r for m in server.messages for r in m.rcpt_tos)


def mailing_command(server, tmp_path: Path, csv: Path, journal: Path, *extra: str) -> list[str]:
    (tmp_path / "b.txt").write_text("{{姓名}} 您好", encoding="utf-8")
    return [sys.executable, "-m", "omidesk", "mailing", "--csv", str(csv), "--journal",
            str(journal), "--subject", "報價 {{姓名}}", "--text-file", str(tmp_path / "b.txt"),
            "--from", "wang@example.com", "--host", "127.0.0.1", "--backup-host", "",
            "--port", str(server.port), "--security", "none", "--user", server.user,
            "--password-env", "T_PW", "--allow-plaintext-login", "--sent-log",
            str(tmp_path / "log.sqlite"), "--timeout", "5", *extra]


def child_env(server, lang: str = "en") -> dict[str, str]:
    return {**os.environ, "T_PW": server.password, "OMIDESK_LANG": lang}


def wait_for_messages(server, child, count: int) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 30
    while len(server.messages) < count and child.poll() is None:
        assert time.monotonic() < deadline, "the CLI sent nothing"
        time.sleep(0.002)


def start_sender(server, tmp_path: Path, count: int, *extra: str):  # type: ignore[no-untyped-def]
    """`omidesk mailing` to `count` people in a child process: (its arguments, the child)."""
    csv = write_list(tmp_path / "list.csv", people(count))
    args = mailing_command(server, tmp_path, csv, tmp_path / "j.sqlite", *extra)
    return args, subprocess.Popen(args, cwd=REPO, env=child_env(server),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_big5_list_sends_each_once_and_a_rerun_sends_nothing(smtp_server, tmp_path, mailing):
    server = smtp_server(tls="implicit")
    csv = write_list(tmp_path / "list.csv", [("王小明", "wang＠example.com"),
                                             ("陳大文", "chen@example.com"),
                                             ("王小明", "WANG@example.com")], "cp950")
    first = mailing(server, csv, security="ssl")
    assert first.returncode == 0, first.stderr.decode()
    lines = out_lines(first)
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0)
    assert any("1 duplicate" in line and "cp950" in line for line in lines)
    assert received(server) == Counter(["wang@example.com", "chen@example.com"])
    subjects = {str(make_header(decode_header(message_from_bytes(m.data)["Subject"])))
                for m in server.messages}
    assert subjects == {"王小明，十一月報價", "陳大文，十一月報價"}
    again = mailing(server, csv, security="ssl")
    assert again.returncode == 0 and out_lines(again)[-1] == SUMMARY.format(2, 0, 0, 0)
    assert "This mailing is finished: 2 of 2 sent; nobody gets it twice from this journal. " \
        "To send the same message to everyone again, as a new mailing, give a new --journal " \
        "file." in again.stdout.decode()
    assert len(server.messages) == 2
    # a monthly notice: the same message to the same list again is a new --journal
    month = mailing(server, csv, security="ssl", journal="j-12.sqlite")
    assert month.returncode == 0 and out_lines(month)[-1] == SUMMARY.format(2, 0, 0, 0)
    assert received(server) == Counter(["wang@example.com", "chen@example.com"] * 2)
    with SentLog(tmp_path / "log.sqlite") as log:
        assert {r.subject for r in log.search()} == subjects
    logged = (tmp_path / "log.sqlite").read_bytes() + first.stdout + first.stderr
    for form in secret_forms(server.user, server.password):
        assert form.encode() not in logged


def test_550_and_invalid_rows_fail_then_retry_failed(smtp_server, tmp_path, mailing):
    server = smtp_server(tls="none", reject_rcpt={"user2@example.com"})
    csv = write_list(tmp_path / "list.csv", [*people(3), ("壞", "no-at-sign")])
    result = mailing(server, csv, "--export", str(tmp_path / "out.csv"))
    assert result.returncode == 1
    assert out_lines(result)[-1] == SUMMARY.format(2, 2, 0, 0)  # the 550 and the invalid row
    assert "row 4" in result.stdout.decode() and "@" in result.stdout.decode()
    exported = (tmp_path / "out.csv").read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf") and b"550" in exported
    fixed = smtp_server(tls="none")  # the mailbox exists now
    again = mailing(fixed, csv, "--retry-failed", "--json")
    data = json.loads(again.stdout)
    assert data["summary"]["sent"] == 3 and data["invalid_rows"] == 1
    assert again.returncode == 1  # the invalid row is still not sent
    assert received(fixed) == Counter(["user2@example.com"])


def test_451_deferred_then_sent_on_the_next_run(smtp_server, tmp_path, mailing):
    csv = write_list(tmp_path / "list.csv", people(3))
    busy = smtp_server(tls="none", tempfail_rcpt={"user3@example.com"})
    first = mailing(busy, csv, "--max-attempts", "2", "--backoff", "0.1")
    assert first.returncode == 1 and out_lines(first)[-1] == SUMMARY.format(2, 0, 1, 0)
    assert busy.commands.count("RCPT TO:<user3@example.com>") == 2
    good = smtp_server(tls="none")
    second = mailing(good, csv, "--backoff", "0.1")
    assert second.returncode == 0 and out_lines(second)[-1] == SUMMARY.format(3, 0, 0, 0)
    assert received(good) == Counter(["user3@example.com"])


def test_unknown_is_reported_and_only_resent_when_resolved(smtp_server, tmp_path, mailing):
    csv = write_list(tmp_path / "list.csv", people(2))
    dropping = smtp_server(tls="none", drop_during_data=True)
    first = mailing(dropping, csv)
    assert first.returncode == 1 and out_lines(first)[-1] == SUMMARY.format(0, 0, 0, 2)
    assert "--resolve-unknown" in first.stdout.decode()
    good = smtp_server(tls="none")
    assert out_lines(mailing(good, csv))[-1] == SUMMARY.format(0, 0, 0, 2)
    assert not good.messages
    third = mailing(good, csv, "--resolve-unknown", "user1@example.com=sent",
                    "--resolve-unknown", "user2@example.com=resend")
    assert third.returncode == 0 and out_lines(third)[-1] == SUMMARY.format(2, 0, 0, 0)
    assert received(good) == Counter(["user2@example.com"])
    bad = mailing(good, csv, "--resolve-unknown", "user1@example.com=maybe")
    assert bad.returncode == 2 and b"--resolve-unknown" in bad.stderr


def test_export_never_replaces_the_list_the_message_or_the_journal(smtp_server, tmp_path,
                                                                   mailing):
    """QA2 #21: --export named the list, the body or the journal → refused before anything is
    read or sent (exit 2, the file unchanged); any other file that is not an earlier export
    likewise; an earlier export is replaced (a resumed mailing exports again)."""
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(2))
    body = tmp_path / "body.html"
    other = tmp_path / "notes.txt"
    other.write_text("my notes", encoding="utf-8")
    first = mailing(server, csv, journal="j.sqlite")
    assert first.returncode == 0 and len(server.messages) == 2
    kept = {p: p.read_bytes() for p in (csv, body, tmp_path / "j.sqlite", other)}
    for target, flag in ((csv, "--list"), (body, "--html-file"),
                         (tmp_path / "j.sqlite", "--journal"),
                         (tmp_path / "j.sqlite-wal", "--journal"),
                         (tmp_path / "log.sqlite", "--sent-log"), (other, "")):
        refused = mailing(server, csv, "--export", str(target), journal="j.sqlite")
        err = refused.stderr.decode()
        assert refused.returncode == 2, err
        assert "--export" in err and flag in err, err
        assert len(server.messages) == 2  # nothing sent, not even a connection's worth
    assert {p: p.read_bytes() for p in kept} == kept
    assert "is not an OMIDesk export" in mailing(
        server, csv, "--export", str(other), journal="j.sqlite").stderr.decode()
    # an earlier export is replaced, a new name written
    out = tmp_path / "out.csv"
    for _ in range(2):
        done = mailing(server, csv, "--export", str(out), journal="j.sqlite")
        assert done.returncode == 0, done.stderr.decode()
        assert out.read_bytes().startswith(b"\xef\xbb\xbfrow,address,")
    assert len(server.messages) == 2


def test_one_launch_one_envelope_and_merge_fields_refused(smtp_server, tmp_path, mailing):
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(5))
    refused = mailing(server, csv, "--mode", "one-launch")
    assert refused.returncode == 1 and b"--mode" in refused.stderr
    assert "姓名".encode() in refused.stderr and not server.messages
    (tmp_path / "body.html").write_text("<p>各位好</p>", encoding="utf-8")
    result = mailing(server, csv, "--mode", "one-launch", "--batch-size", "3",
                     subject="十一月報價", journal="launch.sqlite")
    assert result.returncode == 0, result.stderr.decode()
    assert out_lines(result)[-1] == SUMMARY.format(5, 0, 0, 0)
    assert [len(m.rcpt_tos) for m in server.messages] == [3, 2]
    # Any server may pass the headers on as they are: nobody's address is in them.
    for message in server.messages:
        head = message.data.split(b"\r\n\r\n")[0]
        assert b"To: undisclosed-recipients:;" in head
        assert not any(r.encode() in head for r in message.rcpt_tos)
    assert "nobody sees the others' addresses" in result.stdout.decode() + \
        result.stderr.decode()
    shown = mailing(server, csv, "--mode", "one-launch", "--option", "ListOption=1",
                    subject="十一月報價", journal="launch2.sqlite")
    assert shown.returncode == 0, shown.stderr.decode()
    assert "sees the others' addresses in To" in shown.stdout.decode() + shown.stderr.decode()
    assert all(r.encode() in server.messages[-1].data.split(b"\r\n\r\n")[0]
               for r in server.messages[-1].rcpt_tos)


def test_dry_run_writes_messages_and_no_journal(tmp_path, mailing, smtp_server):
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(3), "utf-8")
    result = mailing(server, csv, "--dry-run", "--out", str(tmp_path / "eml"))
    assert result.returncode == 0, result.stderr.decode()
    files = sorted((tmp_path / "eml").iterdir())
    assert [f.name for f in files] == ["00001.eml", "00002.eml", "00003.eml"]
    message = message_from_bytes(files[1].read_bytes())
    assert str(make_header(decode_header(message["Subject"]))) == "客戶2，十一月報價"
    html = next(part.get_payload(decode=True).decode() for part in message.walk()
                if part.get_content_type() == "text/html")
    assert "n=%E5%AE%A2%E6%88%B62" in html  # the value URL-encoded in the link
    assert not (tmp_path / "j.sqlite").exists() and not server.messages


@pytest.mark.parametrize("args,flag", [
    (["--csv", "missing.csv"], "--csv"),
    (["--delimiter", "pipe"], "--delimiter"),
    (["--rate", "0"], "--rate"),
    (["--backoff", "x"], "--backoff"),
])
def test_bad_arguments_name_the_flag(tmp_path, args, flag):
    csv = write_list(tmp_path / "list.csv", people(1))
    base = {"--csv": str(csv), "--journal": str(tmp_path / "j.sqlite"), "--subject": "s",
            "--text-file": str(tmp_path / "list.csv"), "--from": "a@example.com"}
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = str(tmp_path / value) if key == "--csv" else value
    result = run_cli("mailing", *[x for kv in base.items() for x in kv])
    assert result.returncode == 2 and flag.encode() in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_file_that_is_not_a_journal_is_refused(tmp_path, smtp_server, mailing):
    server = smtp_server(tls="none")
    (tmp_path / "j.sqlite").write_text("not a database " * 100, encoding="utf-8")
    result = mailing(server, write_list(tmp_path / "list.csv", people(1)))
    assert result.returncode == 2 and b"--journal" in result.stderr
    assert b"Traceback" not in result.stderr and not server.messages


@pytest.mark.parametrize("kill_after", [1, 3, 6])
def test_sigkill_the_cli_mid_mailing_then_resume(smtp_server, tmp_path, kill_after):
    server = smtp_server(tls="none")
    count = 8
    args, child = start_sender(server, tmp_path, count, "--rate", "600")
    try:
        wait_for_messages(server, child, kill_after)
        child.send_signal(signal.SIGKILL)
    finally:
        _, err = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, err.decode()
    assert kill_after <= len(server.messages) < count
    resumed = subprocess.run(args, cwd=REPO, env=child_env(server), capture_output=True,
                             timeout=60)
    last = resumed.stdout.decode().strip().splitlines()[-1]
    sent, _, _, unknown = (int(word) for word in last.split() if word.isdigit())
    assert sent + unknown == count and unknown <= 1
    assert last == SUMMARY.format(sent, 0, 0, unknown)
    counts = received(server)
    unknown_rows = [line.split()[-1] for line in resumed.stdout.decode().splitlines()
                    if line.startswith("  user")]
    for _, address in people(count):
        if address in unknown_rows:
            assert counts[address] <= 1
        else:
            assert counts[address] == 1, (address, counts)


def test_a_resumed_mailing_names_the_next_recipient(smtp_server, tmp_path):
    """QA round 4, finding 6: a resume's plan names the recipient it sends to next (said as a
    resume), the first one the resumed run sends — not row 1, who has the message already."""
    server = smtp_server(tls="none")
    args, child = start_sender(server, tmp_path, 6, "--rate", "600")
    try:
        wait_for_messages(server, child, 2)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=10)
    resumed = subprocess.run(args, cwd=REPO, env=child_env(server), capture_output=True,
                             timeout=60)
    out = resumed.stdout.decode()
    assert b"Traceback" not in resumed.stderr  # exit 1 when the killed one is left unknown
    first_sent = next(found.group(1) for line in out.splitlines()
                      if (found := re.match(r"\[ *\d+/6\] sent +(\S+)", line)))
    assert received(server)[first_sent] == 1
    number = first_sent.removeprefix("user").removesuffix("@example.com")
    assert number != "1"
    assert (f"Next message (resuming): “報價 客戶{number}” to \"客戶{number}\" <{first_sent}>"
            in out.splitlines()), out
    assert "First message" not in out and "Resuming: " in out
    assert out.index("Next message (resuming)") < out.index("Resuming: ")


def test_cli_send_is_recorded_in_the_sent_log(smtp_server, tmp_path):
    server = smtp_server(tls="none")
    result = run_cli("send", "--host", "127.0.0.1", "--backup-host", "", "--port",
                     str(server.port), "--security", "none", "--user", server.user,
                     "--password-env", "T_PW", "--allow-plaintext-login", "--from",
                     "wang@example.com", "--to", "li@example.com", "--subject", "單封 測試",
                     "--sent-log",
                     str(tmp_path / "log.sqlite"), env={"T_PW": server.password})
    assert result.returncode == 0, result.stderr.decode()
    with SentLog(tmp_path / "log.sqlite") as log:
        (record,) = log.search("單封")
    assert record.ok and record.source == "cli" and record.launch_id
    assert record.recipients[0].address == "li@example.com"
    assert record.account.startswith("wang@example.com via")


# -- two senders, SIGTERM, a full disk ------------------------------------------------------


def holding_server(smtp_server):  # type: ignore[no-untyped-def]
    """A plain server that holds the first sender's 2nd message until the gate opens (so a
    second sender starts while the first is mid-mailing): (server, gate)."""
    import threading

    gate = threading.Event()

    def hold_the_second(message) -> None:  # type: ignore[no-untyped-def]
        if message.rcpt_tos == ["user2@example.com"]:
            gate.wait(30)

    return smtp_server(tls="none", on_message=hold_the_second), gate


@pytest.mark.parametrize(("other_name", "lang"), [
    ("same name", "en"), ("same name", "zh_TW"), ("hard link", "en"),
    ("hard link elsewhere", "zh_TW"), ("symlink", "en"), ("other spelling", "en")])
def test_two_senders_on_one_journal_nobody_twice(smtp_server, tmp_path, other_name, lang):
    """The second sender stops at once (exit 3), whatever name it reaches the journal by: the
    lock follows the file, not the name (a hard link: the QA's `ln j.sqlite jhard.sqlite`,
    one in another folder, a symbolic link, a path spelled differently)."""
    server, gate = holding_server(smtp_server)
    count = 10
    args, first = start_sender(server, tmp_path, count)
    journal = tmp_path / "j.sqlite"
    (tmp_path / "elsewhere").mkdir()
    try:
        wait_for_messages(server, first, 2)  # the first is mid-mailing, waiting for a reply
        other = {"same name": journal, "hard link": tmp_path / "jhard.sqlite",
                 "hard link elsewhere": tmp_path / "elsewhere" / "copy.sqlite",
                 "symlink": tmp_path / "elsewhere" / "link.sqlite",
                 "other spelling": tmp_path / "elsewhere" / ".." / "." / "j.sqlite"
                 }[other_name]
        if other_name == "symlink":
            other.symlink_to(journal)
        elif other_name.startswith("hard link"):
            os.link(journal, other)
        second_args = [*args]
        second_args[second_args.index(str(journal))] = str(other)
        second = subprocess.run(second_args, cwd=REPO, env=child_env(server, lang),
                                capture_output=True, timeout=60)
        assert first.poll() is None, "the first sender should still be sending"
    finally:
        gate.set()
        out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err.decode()
    assert out.decode().strip().splitlines()[-1] == SUMMARY.format(count, 0, 0, 0)
    said = second.stderr.decode()
    assert second.returncode == 3 and "Traceback" not in said, said
    assert ("being sent by another OMIDesk window or command" in said if lang == "en"
            else "正由另一個 OMIDesk 視窗或指令發送中" in said), said
    assert "--journal" in said and b" sent, " not in second.stdout  # stopped at once
    assert received(server) == Counter(a for _, a in people(count))  # each exactly once
    with SentLog(tmp_path / "log.sqlite") as log:  # the second recorded nothing either
        assert sum(len(r.recipients) for r in log.search()) == count
    # once the first is done, the other name is the same finished mailing: nothing more
    again = subprocess.run(second_args, cwd=REPO, env=child_env(server), capture_output=True,
                           timeout=60)
    assert again.returncode == 0, again.stderr.decode()
    assert received(server) == Counter(a for _, a in people(count))


def test_sigterm_ends_a_mailing_like_ctrl_c(smtp_server, tmp_path):
    server = smtp_server(tls="none", data_delay=0.1)
    count = 30
    _, child = start_sender(server, tmp_path, count)
    try:
        wait_for_messages(server, child, 3)
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    lines = out.decode().strip().splitlines()
    assert child.returncode == 1 and "Traceback" not in err.decode(), err.decode()
    assert "Interrupted." in lines
    sent, _, _, unknown = (int(word) for word in lines[-1].split() if word.isdigit())
    assert lines[-1] == SUMMARY.format(sent, 0, 0, unknown)  # the summary line, last
    assert sent + unknown >= 3 and sent < count and unknown <= 1
    journal = sqlite3.connect(tmp_path / "j.sqlite")
    states = Counter(s for (s,) in journal.execute("SELECT state FROM recipients"))
    journal.close()
    assert states["sending"] == 0  # the transaction in progress settled
    assert states["sent"] == sent
    assert states["sent"] + states["unknown"] + states["queued"] == count
    assert sent <= len(server.messages) <= sent + unknown


def test_a_full_disk_mid_mailing_says_what_to_free_and_resumes(smtp_server, tmp_path,
                                                               small_disk):
    count = 8

    def fill_after_the_third(message) -> None:  # type: ignore[no-untyped-def]
        if message.rcpt_tos == ["user3@example.com"]:
            small_disk.fill()

    server = smtp_server(tls="none", on_message=fill_after_the_third)
    csv = write_list(tmp_path / "list.csv", people(count))
    args = mailing_command(server, tmp_path, csv, small_disk.path / "j.sqlite")
    full = subprocess.run(args, cwd=REPO, env=child_env(server), capture_output=True,
                          timeout=60)
    lines = full.stdout.decode().strip().splitlines()
    text = full.stdout.decode() + full.stderr.decode()
    assert full.returncode == 1 and "Traceback" not in text, text
    assert "disk is full" in text and str(small_disk.path) in text and "Free space" in text
    assert "run the same command again" in text
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0)  # user3 went out: not yet "sent"
    small_disk.free()
    resumed = subprocess.run(args, cwd=REPO, env=child_env(server), capture_output=True,
                             timeout=60)
    last = resumed.stdout.decode().strip().splitlines()[-1]
    assert last == SUMMARY.format(count - 1, 0, 0, 1), resumed.stdout.decode()
    assert "user3@example.com" in resumed.stdout.decode()  # listed as unknown
    counts = received(server)
    assert max(counts.values()) == 1 and len(counts) == count  # nobody twice, nobody skipped


def test_sigterm_before_the_engine_starts_still_ends_with_the_summary(smtp_server, tmp_path):
    """QA 16: SIGTERM in the first moments (here: right after the list check, while the
    journal of a long list is being made) is Ctrl+C too: "Interrupted", the summary line
    last, exit 1 — not a silent rc 143 — and the journal and the server agree."""
    server = smtp_server(tls="none")
    count = 3000
    csv = write_list(tmp_path / "list.csv", people(count))
    args = mailing_command(server, tmp_path, csv, tmp_path / "j.sqlite")
    child = subprocess.Popen(args, cwd=REPO, env={**child_env(server), "PYTHONUNBUFFERED": "1"},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert child.stdout is not None
        first = child.stdout.readline().decode()
        assert first.startswith("List:"), first
        child.send_signal(signal.SIGTERM)
        rest, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    lines = (first + rest.decode()).strip().splitlines()
    assert child.returncode == 1 and "Traceback" not in err.decode(), (child.returncode, err)
    assert any(line.startswith("Interrupted") for line in lines), lines
    numbers = [int(word) for word in lines[-1].split() if word.isdigit()]
    assert len(numbers) == 4 and lines[-1] == SUMMARY.format(*numbers), lines[-1]
    assert numbers[0] <= len(server.messages) <= numbers[0] + numbers[3]
    assert numbers[0] < count


def test_connections_flag_sends_over_several_and_each_once(smtp_server, tmp_path, mailing):
    from omidesk.cli.mailing import MAX_CONNECTIONS
    from omidesk.core.mailing import MAX_CONNECTIONS as ENGINE_MAX

    assert MAX_CONNECTIONS == ENGINE_MAX  # what --help says is what the engine allows
    server = smtp_server(tls="none", data_delay=0.02)
    csv = write_list(tmp_path / "list.csv", people(12))
    result = mailing(server, csv, "--connections", "3")
    assert result.returncode == 0, result.stderr.decode()
    assert out_lines(result)[-1] == SUMMARY.format(12, 0, 0, 0)
    assert any(line.startswith("To send: 12 recipients") and "over 3 connections at once"
               in line for line in out_lines(result))  # the plan says so before sending
    assert received(server) == Counter(a for _, a in people(12))
    assert server.peak_sessions == 3 and server.auth_attempts == 3
    for bad in ("0", "5", "x"):
        refused = mailing(server, csv, "--connections", bad, journal="k.sqlite")
        assert refused.returncode == 2 and b"--connections" in refused.stderr
        assert b"Traceback" not in refused.stderr
    assert len(server.messages) == 12


def test_sigkill_the_cli_with_three_connections_then_resume(smtp_server, tmp_path):
    server = smtp_server(tls="none", data_delay=0.01)
    count = 12
    args, child = start_sender(server, tmp_path, count, "--connections", "3")
    try:
        wait_for_messages(server, child, 4)
        child.send_signal(signal.SIGKILL)
    finally:
        _, err = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, err.decode()
    assert 4 <= len(server.messages) < count
    resumed = subprocess.run(args, cwd=REPO, env=child_env(server), capture_output=True,
                             timeout=60)
    last = resumed.stdout.decode().strip().splitlines()[-1]
    sent, _, _, unknown = (int(word) for word in last.split() if word.isdigit())
    assert sent + unknown == count and unknown <= 3  # one in flight per connection at most
    counts = received(server)
    unknown_rows = [line.split()[-1] for line in resumed.stdout.decode().splitlines()
                    if line.startswith("  user")]
    assert len(unknown_rows) == unknown
    for _, address in people(count):
        if address in unknown_rows:
            assert counts[address] <= 1
        else:
            assert counts[address] == 1, (address, counts)


@pytest.mark.parametrize("flag", ["--attach-column", "--email-column", "--sheet"])
def test_a_flag_naming_one_column_or_sheet_given_twice_is_refused(tmp_path, flag):
    """QA2 #30: `--attach-column 附件 --attach-column 備註` took the last, silently."""
    csv = write_list(tmp_path / "list.csv", people(1))
    result = run_cli("mailing", "--csv", str(csv), "--journal", str(tmp_path / "j.sqlite"),
                     "--subject", "s", "--text-file", str(csv), "--from", "a@example.com",
                     flag, "姓名", flag, "email", "--dry-run")
    err = result.stderr.decode()
    assert result.returncode == 2 and flag in err and "given twice" in err, err
    assert "姓名" in err and "email" in err and not (tmp_path / "j.sqlite").exists()
    same = run_cli("mailing", "--csv", str(csv), "--journal", str(tmp_path / "j.sqlite"),
                   "--subject", "s", "--text-file", str(csv), "--from", "a@example.com",
                   "--email-column", "email", "--email-column", "email", "--dry-run")
    assert b"given twice" not in same.stderr  # the same value twice is no contradiction


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_summary_names_the_email_options_that_go_with_every_message(
        smtp_server, tmp_path, mailing, lang):
    """QA round 3, 15: the last words before sending say the X-headers going out."""
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(2))
    result = mailing(server, csv, "--option", "X-JobName=十二月月報", "--option",
                     "LinkOption=192", "--lang", lang)
    assert result.returncode == 0, result.stderr.decode()
    said = result.stdout.decode() + result.stderr.decode()
    if lang == "en":
        assert ("EmailOptions in every message: X-JobName: 十二月月報; X-LinkOption: 192 "
                "(Don't track opens, Don't track link clicks)") in said, said
    else:
        assert ("每封郵件都帶有這些 EmailOptions：X-JobName: 十二月月報；X-LinkOption: 192"
                "（不追蹤開信、不追蹤連結點擊）") in said, said
    assert received(server) == Counter(["user1@example.com", "user2@example.com"])
    heads = [m.data.split(b"\r\n\r\n")[0] for m in server.messages]
    assert len(heads) == 2 and all(b"X-LinkOption: 192" in h for h in heads)


def test_a_message_in_flight_when_killed_reaches_the_sent_log_once_as_unknown(
        smtp_server, tmp_path):
    """QA round 3, 22: SIGKILL while the server holds the reply to a message's data (it has
    the message); on resume the journal says unknown, and so does the sent log — once, also
    after later runs."""
    slow = smtp_server(tls="none", data_delay=30.0)
    count = 4
    args, child = start_sender(slow, tmp_path, count)
    try:
        wait_for_messages(slow, child, 1)  # the first one's data is in: its reply held
        time.sleep(0.2)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert received(slow) == Counter(["user1@example.com"])
    good = smtp_server(tls="none")
    again = [good.port if a == str(slow.port) else a for a in args]
    again = [str(a) for a in again]
    for _ in range(2):  # the resume, then a run on the finished mailing
        resumed = subprocess.run(again, cwd=REPO, env=child_env(good), capture_output=True,
                                 timeout=60)
        assert resumed.stdout.decode().strip().splitlines()[-1] == SUMMARY.format(3, 0, 0, 1)
    assert received(good) == Counter(f"user{i}@example.com" for i in (2, 3, 4))  # not 1
    with SentLog(tmp_path / "log.sqlite") as log:
        records = log.search("user1@example.com")
    assert [[(r.address, str(r.outcome)) for r in rec.recipients] for rec in records] == [
        [("user1@example.com", "unknown")]]
    [record] = records
    assert record.subject == "報價 客戶1" and record.mailing == "j.sqlite"
    assert record.recipients[0].reply == "interrupted_after_data"
