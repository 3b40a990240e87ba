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
    child_env, people, received, start_sender, wait_for_messages,
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

