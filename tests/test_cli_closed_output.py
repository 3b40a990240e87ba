"""A standard output whose reader went away (`omidesk send … | head -1`, `grep -m1`, a
closed terminal; QA round 4, finding 1): real `omidesk` processes writing into a real pipe
that the test closes after the first line. The command carries on unread: the send is
delivered (counted at the server) and recorded in the sent log, a mailing goes to its end
(each recipient once, the journal right), a probe writes its report; the exit code is the
command's own, and there is no traceback. The server holds its replies back a little, so
that the lines after the first are written after the pipe closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from omidesk.core.journal import Journal
from omidesk.core.sentlog import Outcome, SentLog
from tests.conftest import REPO
from tests.test_cli_mailing import mailing_command, people, received, write_list

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")


def _closed_after_first_line(args: list[str], env: dict[str, str]) -> tuple[int, str, bytes]:
    """Run `omidesk ARGS` with stdout a pipe the test closes after reading one line: (its
    exit code, its stderr, the line read)."""
    child = subprocess.Popen([sys.executable, "-m", "omidesk", *args], cwd=REPO,
                             env={**os.environ, "OMIDESK_LANG": "en", **env},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # the reader goes away, as `head -1` does
    err = child.stderr.read().decode()
    child.stderr.close()
    return child.wait(timeout=60), err, first


def _logged(sent_log: Path) -> list[tuple[str, Outcome]]:
    with SentLog(sent_log) as log:
        return [(r.address, r.outcome) for rec in log.search() for r in rec.recipients]


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_send_into_a_closed_pipe_is_delivered_recorded_and_ends_quietly(
        smtp_server, tmp_path, lang):
    server = smtp_server(tls="none", data_delay=0.5, password="secret")
    body = tmp_path / "body.txt"
    body.write_text("您好", encoding="utf-8")
    sent_log = tmp_path / "sent.sqlite"
    code, err, first = _closed_after_first_line(
        ["send", "--host", "127.0.0.1", "--backup-host", "", "--port", str(server.port),
         "--security", "none", "--allow-plaintext-login", "--user", server.user,
         "--password-env", "T_PW", "--from", "wang@example.com", "--to", "li@example.com",
         "--subject", "報價單", "--text-file", str(body), "--sent-log", str(sent_log),
         "--lang", lang], {"T_PW": "secret"})
    assert b" ms " in first  # the transcript's first line was read, then the pipe closed
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 0, err  # sent: the send's own exit code
    assert [m.rcpt_tos for m in server.messages] == [["li@example.com"]]
    assert _logged(sent_log) == [("li@example.com", Outcome.SENT)]


def test_mailing_into_a_closed_pipe_goes_to_its_end_each_recipient_once(smtp_server,
                                                                        tmp_path):
    """`omidesk mailing … | head -1`: the output is the reader's business, the mailing the
    user's: every recipient gets the message once, the journal says sent, exit 0."""
    server = smtp_server(tls="none", data_delay=0.2)
    count = 8
    csv = write_list(tmp_path / "list.csv", people(count))
    journal = tmp_path / "j.sqlite"
    args = mailing_command(server, tmp_path, csv, journal)[3:]  # without python -m omidesk
    code, err, first = _closed_after_first_line(args, {"T_PW": server.password})
    assert first.strip(), err
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 0, err
    assert received(server) == {address: 1 for _, address in people(count)}
    with Journal(journal) as done:
        assert done.summary()["sent"] == count
    assert sorted(_logged(tmp_path / "log.sqlite")) == sorted(
        (address, Outcome.SENT) for _, address in people(count))


def test_probe_into_a_closed_pipe_writes_its_report(smtp_server, tmp_path):
    server = smtp_server(tls="none", greeting_delay=0.5)
    report = tmp_path / "report.md"
    code, err, first = _closed_after_first_line(
        ["probe", "--host", "127.0.0.1", "--backup-host", "", "--port", str(server.port),
         "--security", "none", "--report", str(report)], {})
    assert first, err
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 0, err
    assert "220" in report.read_text(encoding="utf-8")
