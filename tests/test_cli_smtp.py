"""`omidesk probe` and `omidesk send` as IT runs them, against real local servers."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.helpers.dns_servers import SilentDns, system_resolver_available, system_resolver_command
from tests.helpers.smtp_client import secret_forms


def conn(server, security: str) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(server.port), "--security", security,
            "--cafile", str(server.cafile), "--user", server.user, "--password-env",
            "OMI_PW", "--timeout", "1"]


def assert_clean(server, *outputs: bytes) -> None:
    for form in secret_forms(server.user, server.password):
        for out in outputs:
            assert form.encode() not in out


def test_probe_ok_json_and_report(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    report = tmp_path / "report.md"
    result = run_cli("probe", *conn(server, "ssl"), "--json", "--report", str(report),
                     env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    attempt = data["attempts"][0]
    assert attempt["ok"] and attempt["authenticated"] and attempt["tls"]["verified"]
    assert attempt["diagnosis"]["code"] == "connection_ok"
    assert any(e["direction"] == ">>" and e["text"].startswith("AUTH PLAIN <redacted>")
               for e in attempt["transcript"])
    assert data["settings"]["password"] == "given (not shown)"
    assert "AUTH PLAIN <redacted>" in report.read_text(encoding="utf-8")
    assert_clean(server, result.stdout, result.stderr, report.read_bytes())


def test_probe_wrong_password_exits_1_with_the_diagnosis(smtp_server, tmp_path):
    server = smtp_server(tls="starttls_required", reject_auth=True)
    report = tmp_path / "r.json"
    result = run_cli("--lang", "zh_TW", "probe", *conn(server, "starttls"), "--report",
                     str(report), env={"OMI_PW": server.password})
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "auth_failed" in out and "NewerMail" in out and "535" in out
    assert json.loads(report.read_text())["attempts"][0]["diagnosis"]["code"] == "auth_failed"
    assert server.auth_attempts == 1
    assert_clean(server, result.stdout, result.stderr, report.read_bytes())


def test_probe_auto_on_one_port_tries_each_security(smtp_server):
    server = smtp_server(tls="starttls_required")
    result = run_cli("probe", *conn(server, "auto"), "--backup-host", "", "--json",
                     env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["security"] for a in data["attempts"]] == ["ssl", "starttls", "none"]
    assert data["recommended"]["security"] == "starttls"
    assert_clean(server, result.stdout, result.stderr)


def test_probe_password_from_stdin_and_usage_errors(smtp_server):
    server = smtp_server(tls="implicit")
    args = [a if a != "--password-env" else "--password-stdin" for a in conn(server, "ssl")]
    args.remove("OMI_PW")
    result = run_cli("probe", *args, "--quiet", input=server.password.encode() + b"\n")
    assert result.returncode == 0, result.stderr
    assert_clean(server, result.stdout, result.stderr)
    for bad, name in ((["--password-env", "NOT_SET_ANYWHERE"], "--password-env"),
                      (["--port", "70000"], "--port"), (["--security", "tls"], "--security"),
                      (["--timeout", "0"], "--timeout")):
        result = run_cli("probe", "--host", "127.0.0.1", *bad)
        assert result.returncode == 2 and name in result.stderr.decode()
        assert result.stderr.decode().count("\n") == 1


def test_send_for_real_with_json(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", reject_rcpt={"nobody@example.com"})
    result = run_cli("send", *conn(server, "ssl"), "--from", "me@example.com", "--to",
                     "you@example.com, nobody@example.com", "--subject", "測試",
                     "--option", "LinkOption=192", "--json", env={"OMI_PW": server.password})
    assert result.returncode == 1  # one recipient was refused
    data = json.loads(result.stdout)
    assert data["ok"] and data["launch_id"]
    assert [(r["address"], r["accepted"]) for r in data["recipients"]] == [
        ("you@example.com", True), ("nobody@example.com", False)]
    assert b"X-LinkOption: 192" in server.messages[0].data
    assert_clean(server, result.stdout, result.stderr)


def test_send_test_message_to_self(smtp_server):
    server = smtp_server(tls="implicit")
    result = run_cli("send", "--test-message", *conn(server, "ssl"), "--from", "me@example.com",
                     env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr
    assert b"LaunchID: " in result.stdout
    assert server.messages[0].rcpt_tos == ["me@example.com"]


def test_send_test_message_with_password_from_stdin(smtp_server):
    """The password is read once, even though the test message also needs the settings."""
    server = smtp_server(tls="implicit")
    args = [a if a != "--password-env" else "--password-stdin" for a in conn(server, "ssl")]
    args.remove("OMI_PW")
    result = run_cli("send", "--test-message", *args, "--from", "me@example.com", "--quiet",
                     input=server.password.encode() + b"\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert server.messages and server.auth_attempts == 1


# --------------------------------------------------------------------------- a silent DNS server


@pytest.fixture
def silent_system_dns(tmp_path: Path) -> Iterator[tuple[SilentDns, Path]]:
    """A name server that never answers, on port 53 of a loopback address of its own, and a
    resolv.conf naming it (run through system_resolver_command)."""
    why = system_resolver_available(tmp_path)
    if why or os.geteuid() != 0:
        pytest.skip(why or "port 53 and a mount namespace need root")
    address = f"127.53.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}"
    with SilentDns(address, 53) as server:
        yield server, tmp_path


def probe_with_resolver(conf: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`omidesk probe …` whose system resolver reads `conf`. The subprocess timeout is the
    test's only bound on time: well under the resolver's own 30 s wait."""
    argv = [sys.executable, "-m", "omidesk", "probe", *args]
    return subprocess.run(system_resolver_command(conf, argv), capture_output=True, timeout=20,
                          env={**os.environ, "OMIDESK_LANG": "en"}, cwd=REPO)


def test_a_silent_name_server_is_dns_timeout_and_the_probe_does_not_wait_for_it(
        silent_system_dns):
    """QA finding 9: getaddrinfo would wait 30 s here (timeout:30); the probe gives up at its
    own --timeout, says the name server did not answer (not "typo"), and exits without
    joining the lookup's thread."""
    server, tmp = silent_system_dns
    conf = tmp / "resolv.conf"
    conf.write_text(f"nameserver {server.host}\noptions timeout:30 attempts:1\n")
    result = probe_with_resolver(conf, "--host", "smtp.silent-dns.test", "--backup-host",
                                 "smtp2.silent-dns.test", "--timeout", "1", "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert len(data["attempts"]) == 8
    for attempt in data["attempts"]:
        diagnosis = attempt["diagnosis"]
        assert diagnosis["code"] == "dns_timeout", diagnosis
        assert "did not answer" in diagnosis["title"]["en"]
        assert "typo" not in json.dumps(diagnosis) and "打錯" in diagnosis["explain"]["zh_TW"]
    assert server.queries >= 2  # the resolver really asked it
    text = probe_with_resolver(conf, "--host", "smtp.silent-dns.test", "--security", "ssl",
                               "--timeout", "1")
    out = text.stdout.decode()
    assert text.returncode == 1 and "dns_timeout" in out and "typo" not in out
    assert "no answer from the name server within 1 s" in out


def test_a_resolver_that_gives_up_first_is_dns_timeout_too(silent_system_dns):
    """glibc's own timeout (1 s) before the probe's: "temporary failure in name resolution"
    (EAI_AGAIN) is the name server not answering, not an unknown name."""
    server, tmp = silent_system_dns
    conf = tmp / "resolv.conf"
    conf.write_text(f"nameserver {server.host}\noptions timeout:1 attempts:1\n")
    result = probe_with_resolver(conf, "--host", "smtp.silent-dns.test", "--security", "ssl",
                                 "--timeout", "8", "--json")
    assert result.returncode == 1, result.stderr
    diagnosis = json.loads(result.stdout)["attempts"][0]["diagnosis"]
    assert diagnosis["code"] == "dns_timeout", diagnosis
    assert server.queries >= 1


# --------------------------------------------------------------------------- a hostile server

# A banner and replies that would clear the screen, set the terminal's title, colour the rest
# red, send an 8-bit CSI and flip the text's direction, if printed as they came (QA 10).
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b[31mred\x1b[0m \u202egpj.exe \x9b31m \r\x08\x7f\u2066x"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x08", "\x7f", "\r")


def assert_inert(*outputs: bytes) -> None:
    for out in outputs:
        text = out.decode("utf-8", "replace")
        for char in RAW:
            assert char not in text.replace("\r\n", "\n"), (repr(char), text[-400:])


def test_a_hostile_banner_and_replies_never_reach_the_terminal_or_the_report_raw(
        smtp_server, tmp_path):
    server = smtp_server(tls="implicit", greeting=f"evil.test {HOSTILE}",
                         reject_rcpt={"b@example.com"},
                         reject_rcpt_reply=f"550 5.1.1 {HOSTILE}")
    report, as_json = tmp_path / "r.md", tmp_path / "r.json"
    args = [*conn(server, "ssl"), "--mail-from", "a@example.com", "--rcpt-to", "b@example.com"]
    text = run_cli("probe", *args, "--report", str(report), env={"OMI_PW": server.password})
    js = run_cli("probe", *args, "--json", "--report", str(as_json),
                 env={"OMI_PW": server.password})
    sent = run_cli("send", *conn(server, "ssl"), "--from", "a@example.com", "--to",
                   "b@example.com", "--subject", "x", env={"OMI_PW": server.password})
    assert text.returncode == js.returncode == sent.returncode == 1
    out = text.stdout.decode()
    assert "\\x1b[2J" in out and "\\u202egpj.exe" in out  # shown, as visible escapes
    assert "recipient_rejected" in out
    assert_inert(text.stdout, text.stderr, js.stdout, js.stderr, sent.stdout, sent.stderr,
                 report.read_bytes(), as_json.read_bytes())
    assert "\\x1b[31m" in report.read_text(encoding="utf-8")


def test_send_two_attachments_of_one_name_arrive_apart(smtp_server, tmp_path):
    """QA3 #11: `--attach 'sub a/同名.txt' --attach 'sub b/同名.txt'` → 同名.txt and
    同名 (2).txt at the server, each with its own bytes."""
    from email import policy
    from email.parser import BytesParser

    for folder, text in (("sub a", b"first"), ("sub b", b"second")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "同名.txt").write_bytes(text)
    server = smtp_server(tls="implicit")
    result = run_cli("send", *conn(server, "ssl"), "--from", "me@example.com", "--to",
                     "you@example.com", "--subject", "同名", "--attach",
                     str(tmp_path / "sub a" / "同名.txt"), "--attach",
                     str(tmp_path / "sub b" / "同名.txt"), env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr
    (message,) = server.messages
    parsed = BytesParser(policy=policy.default).parsebytes(message.data)
    assert [(a.get_filename(), a.get_content()) for a in parsed.iter_attachments()] == [
        ("同名.txt", "first"), ("同名 (2).txt", "second")]
