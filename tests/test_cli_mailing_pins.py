"""What a mailing's journal pins besides the list and the text (QA3 #31, #33): a shared
attachment replaced, or other EmailOptions given, between a SIGKILL and the resume stops the
mailing before anything is sent and says what changed; put back, the rest get what the others
got. Checked at the server: per recipient, the attachment's bytes and the X-headers."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
from email import message_from_bytes, policy

import pytest

from omidesk.core.journal import Journal
from omidesk.core.journal_pins import Pins
from omidesk.core.message import Attachment, Draft
from tests.conftest import REPO
from tests.test_cli_mailing import (
    child_env, mailing_command, people, received, start_sender, wait_for_messages, write_list,
)

COUNT = 8


def killed_after(server, tmp_path, sent: int, *extra: str) -> list[str]:  # type: ignore[no-untyped-def]
    """`omidesk mailing` to COUNT people, SIGKILLed once `sent` arrived: its arguments."""
    args, child = start_sender(server, tmp_path, COUNT, "--rate", "600", *extra)
    try:
        wait_for_messages(server, child, sent)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert sent <= len(server.messages) < COUNT
    return args


def run(args: list[str], server, lang: str = "en") -> subprocess.CompletedProcess[bytes]:  # type: ignore[no-untyped-def]
    return subprocess.run(args, cwd=REPO, env=child_env(server, lang), capture_output=True,
                          timeout=60)


def by_recipient(server) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[object]] = {}
    for m in server.messages:
        out.setdefault(m.rcpt_tos[0], []).append(message_from_bytes(m.data,
                                                                     policy=policy.default))
    return out


def nobody_twice(server, result) -> None:  # type: ignore[no-untyped-def]
    """Each recipient once; the one left unknown by the kill at most once."""
    unknown = {line.split()[-1] for line in result.stdout.decode().splitlines()
               if line.startswith("  user")}
    counts = received(server)
    for _, address in people(COUNT):
        assert counts[address] == 1 or (address in unknown and counts[address] <= 1), counts


def test_a_shared_attachment_replaced_after_a_kill_stops_the_resume(smtp_server, tmp_path):
    server = smtp_server(tls="none", data_delay=0.05)
    shared = tmp_path / "報價單.bin"
    original = bytes(range(256)) * 20
    shared.write_bytes(original)
    args = killed_after(server, tmp_path, 2, "--attach", str(shared))
    before = len(server.messages)
    shared.write_bytes(b"another price list" * 100)
    for lang, said in (("en", "(sent to everyone) is not the one this mailing started with"),
                       ("zh_TW", "所有人的附件 報價單.bin 已不是群發開始時的檔案")):
        refused = run(args, server, lang)
        out = refused.stdout.decode() + refused.stderr.decode()
        assert refused.returncode == 1 and said in out and "報價單.bin" in out, out
        assert "Traceback" not in out
    assert len(server.messages) == before  # nothing sent with the other file
    shared.write_bytes(original)
    resumed = run(args, server)
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    nobody_twice(server, resumed)
    for address, messages in by_recipient(server).items():
        for message in messages:
            files = [(p.get_filename(), p.get_content()) for p in message.iter_attachments()]
            assert files == [("報價單.bin", original)], address  # every one the same bytes


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_other_options_on_the_resume_are_refused_and_named(smtp_server, tmp_path, lang):
    server = smtp_server(tls="none", data_delay=0.05)
    args = killed_after(server, tmp_path, 2, "--option", "LinkOption=64", "--option",
                        "JobName=十二月")
    before = len(server.messages)
    without = [a for a in args if a not in ("--option", "LinkOption=64", "JobName=十二月")]
    refused = run(without, server, lang)
    out = refused.stdout.decode() + refused.stderr.decode()
    assert refused.returncode == 1 and "Traceback" not in out, out
    if lang == "en":
        assert "The EmailOptions are not the ones this mailing started with" in out, out
        assert "X-LinkOption 64 → none" in out and "X-JobName 十二月 → none" in out, out
        assert "--option LinkOption=64" in out and "new --journal" in out, out
    else:
        assert "發送選項（EmailOptions）與這次群發開始時不同" in out, out
        assert "X-LinkOption 64 → 無" in out and "--option LinkOption=64" in out, out
    other = [*without, "--option", "LinkOption=192", "--option", "JobName=十二月"]
    refused = run(other, server, lang)
    assert refused.returncode == 1 and "X-LinkOption 64 → 192" in refused.stderr.decode()
    assert "X-JobName" not in refused.stderr.decode()  # only what changed is named
    assert len(server.messages) == before  # nothing sent with other options
    resumed = run(args, server, lang)  # the same options again: the rest go
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    nobody_twice(server, resumed)
    for address, messages in by_recipient(server).items():
        for message in messages:
            assert message["X-LinkOption"] == "64", address
            assert str(message["X-JobName"]) == "十二月", address


def test_an_option_header_counts_as_the_option(smtp_server, tmp_path):
    """--header X-LinkOption: 64 sends the option as --option does: the same pin."""
    server = smtp_server(tls="none", data_delay=0.05)
    args = killed_after(server, tmp_path, 1, "--header", "X-LinkOption=64")
    swapped = [a if a != "--header" else "--option" for a in args]
    swapped = [a if a != "X-LinkOption=64" else "LinkOption=64" for a in swapped]
    resumed = run(swapped, server)
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    nobody_twice(server, resumed)
    assert all(m["X-LinkOption"] == "64" for ms in by_recipient(server).values() for m in ms)


def test_a_journal_from_an_older_build_still_resumes_and_says_so(smtp_server, tmp_path):
    """A journal without pins (an earlier OMIDesk): resumed, nobody twice, the note that the
    options and shared files could not be checked; from then on they are pinned."""
    server = smtp_server(tls="none", data_delay=0.05)
    args = killed_after(server, tmp_path, 2, "--option", "LinkOption=64")
    db = sqlite3.connect(tmp_path / "j.sqlite")  # what an older build left: no pins
    db.execute("DROP TABLE pins")
    db.commit()
    db.close()
    resumed = run(args, server)
    out = resumed.stdout.decode()
    assert "could not be checked" in out, out
    nobody_twice(server, resumed)
    assert sum(received(server).values()) <= COUNT
    with Journal(tmp_path / "j.sqlite") as journal:  # pinned now
        draft = Draft(attachments=[])
        draft.options.set_number("LinkOption", 64)
        assert journal.pin(Pins.of(draft)).unchecked is False
        other = Draft()
        with pytest.raises(ValueError) as info:
            journal.pin(Pins.of(other))
        assert getattr(info.value, "code", "") == "options_changed"


def test_pins_of_a_draft_hash_the_shared_files(tmp_path):
    one = tmp_path / "a.pdf"
    one.write_bytes(b"%PDF one")
    pins = Pins.of(Draft(attachments=[Attachment(one, filename="報價.pdf")]))
    assert pins.files == ({"path": str(one), "name": "報價.pdf", "size": 8,
                           "sha256": hashlib.sha256(b"%PDF one").hexdigest()},)


# -- QA3 #34: the first Ctrl+C or SIGTERM lets the transaction in progress settle -----------


def journal_states(path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("SELECT address, state FROM recipients"))
    finally:
        db.close()


def signalled(server, tmp_path, count: int, *signums: int, lang: str = "en"):  # type: ignore[no-untyped-def]
    """`omidesk mailing` to `count` people, sent `signums` once the first message's data is
    in (its reply not yet; each next one once the one before was heard): (stdout lines,
    stderr, exit code)."""
    csv = write_list(tmp_path / "list.csv", people(count))
    args = mailing_command(server, tmp_path, csv, tmp_path / "j.sqlite")
    child = subprocess.Popen(args, cwd=REPO, env=child_env(server, lang),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_messages(server, child, 1)
        for n, signum in enumerate(signums):
            if n:
                assert child.stderr is not None
                for line in child.stderr:  # the one before is heard (it says so)
                    if b"Ctrl+C" in line:
                        break
            child.send_signal(signum)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert "Traceback" not in err.decode(), err.decode()
    return out.decode().strip().splitlines(), err.decode(), child.returncode


@pytest.mark.parametrize(("signum", "lang"), [(signal.SIGTERM, "en"), (signal.SIGINT, "en"),
                                              (signal.SIGTERM, "zh_TW")])
def test_a_signal_during_the_reply_wait_lets_it_settle(smtp_server, tmp_path, signum, lang):
    """The server answers the DATA 1.5 s late: the first signal waits for that reply — the
    recipient ends sent, not unknown — and nothing more is sent."""
    server = smtp_server(tls="none", data_delay=1.5)
    lines, err, code = signalled(server, tmp_path, 5, signum, lang=lang)
    assert journal_states(tmp_path / "j.sqlite") == {
        "user1@example.com": "sent", **{f"user{i}@example.com": "queued" for i in range(2, 6)}}
    assert code == 1 and lines[-1] == "1 sent, 0 failed, 0 deferred, 0 unknown", lines
    assert received(server) == {"user1@example.com": 1}
    if lang == "en":
        assert "Interrupted." in lines and "Stopping after the message in progress" in err
    else:
        assert "已中斷。" in lines and "將在目前這封郵件完成後停止" in err, err


def test_a_second_signal_stops_at_once(smtp_server, tmp_path):
    """Ctrl+C twice: no waiting for the late reply; that recipient is unknown (never resent
    without a decision)."""
    server = smtp_server(tls="none", data_delay=4)
    lines, _, code = signalled(server, tmp_path, 3, signal.SIGINT, signal.SIGINT)
    assert code == 1 and lines[-1] == "0 sent, 0 failed, 0 deferred, 1 unknown", lines
    assert journal_states(tmp_path / "j.sqlite")["user1@example.com"] == "unknown"
