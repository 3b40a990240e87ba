"""The command line with a real password, as a subprocess against real local servers that log
every AUTH: no password in clear without --allow-plaintext-login (probe, send, mailing), one
AUTH per test, an empty password refused before any connection, and nothing unredacted in any
output even from a server that echoes the credentials."""

from __future__ import annotations

import json
import sqlite3

import pytest

from omidesk.core.sentlog import SentLog
from tests.conftest import run_cli
from tests.helpers.smtp_client import secret_forms


def conn(server, security: str, *, port: int | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    return ["--host", "127.0.0.1", "--backup-host", "", "--port", str(port or server.port),
            "--security", security, "--cafile", str(server.cafile), "--user", server.user,
            "--password-env", "OMI_PW", "--timeout", "2"]


def assert_clean(user: str, password: str, *outputs: bytes) -> None:
    for form in secret_forms(user, password):
        for out in outputs:
            assert form.encode() not in out, form


SEND = ["--from", "wang@example.com", "--to", "li@example.com", "--subject", "報價"]


def test_probe_security_none_stops_before_auth_and_names_the_flag(test_relay):
    relay = test_relay()
    plain = relay.plain
    result = run_cli("probe", *conn(plain, "none"), env={"OMI_PW": relay.password})
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "plaintext_login_refused" in out and "--allow-plaintext-login" in out
    assert plain.auth_attempts == 0 and plain.connections == 1  # connected, no AUTH
    zh = run_cli("--lang", "zh_TW", "probe", *conn(plain, "none"), env={"OMI_PW": relay.password})
    assert "--allow-plaintext-login" in zh.stdout.decode() and "不加密" in zh.stdout.decode()
    assert plain.auth_attempts == 0

    allowed = run_cli("probe", *conn(plain, "none"), "--allow-plaintext-login", "--json",
                      env={"OMI_PW": relay.password})
    assert allowed.returncode == 0, allowed.stderr
    data = json.loads(allowed.stdout)
    attempt = data["attempts"][0]
    assert attempt["authenticated"] and attempt["password_unencrypted"]
    assert any("unencrypted" in n["en"] for n in attempt["diagnosis"]["notes"])
    assert data["settings"]["allow_plaintext_login"] is True
    assert [(a.tls, a.ok) for a in plain.auth_log] == [(False, True)]
    text = run_cli("probe", *conn(plain, "none"), "--allow-plaintext-login",
                   env={"OMI_PW": relay.password})
    assert "unencrypted" in text.stdout.decode()
    # the consent was a flag, not a setting of an account (QA 16)
    assert "for this account" not in text.stdout.decode() and "as you allowed" in \
        text.stdout.decode()
    assert_clean(relay.user, relay.password, result.stdout, zh.stdout, allowed.stdout,
                 allowed.stderr, text.stdout)


def test_send_security_none_needs_the_flag(test_relay, tmp_path):
    relay = test_relay()
    plain = relay.plain
    log = tmp_path / "log.sqlite"
    refused = run_cli("send", *conn(plain, "none"), *SEND, "--sent-log", str(log),
                      env={"OMI_PW": relay.password})
    assert refused.returncode == 1 and "--allow-plaintext-login" in refused.stdout.decode()
    assert plain.auth_attempts == 0 and not plain.messages
    sent = run_cli("send", *conn(plain, "none"), *SEND, "--allow-plaintext-login", "--quiet",
                   "--sent-log", str(log), env={"OMI_PW": relay.password})
    assert sent.returncode == 0, sent.stderr
    out = sent.stdout.decode()
    assert "Message accepted" in out and "unencrypted" in out
    assert "test mail" not in out.lower()  # a plain send is a sent message, not a test
    assert [a.tls for a in plain.auth_log] == [False] and len(plain.messages) == 1
    assert_clean(relay.user, relay.password, refused.stdout, refused.stderr, sent.stdout,
                 sent.stderr, log.read_bytes())


def test_mailing_security_none_needs_the_flag(test_relay, tmp_path):
    relay = test_relay()
    plain = relay.plain
    (tmp_path / "list.csv").write_text("姓名,Email\n李大華,li@example.com\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("{{姓名}} 您好", encoding="utf-8")
    args = ["mailing", "--csv", str(tmp_path / "list.csv"), "--journal",
            str(tmp_path / "j.sqlite"), "--subject", "報價 {{姓名}}", "--text-file",
            str(tmp_path / "b.txt"), "--from", "wang@example.com", "--sent-log",
            str(tmp_path / "log.sqlite"), *conn(plain, "none")]
    refused = run_cli(*args, env={"OMI_PW": relay.password})
    assert refused.returncode == 1
    assert "--allow-plaintext-login" in (refused.stdout + refused.stderr).decode()
    assert plain.auth_attempts == 0 and not plain.messages
    sent = run_cli(*args, "--allow-plaintext-login", "--json", env={"OMI_PW": relay.password})
    assert sent.returncode == 0, sent.stderr
    assert "unencrypted" in sent.stderr.decode()
    assert json.loads(sent.stdout)["password_unencrypted"] is True
    assert [a.tls for a in plain.auth_log] == [False] and len(plain.messages) == 1


def test_probe_auto_with_a_wrong_password_logs_in_once_primary_and_backup(test_relay):
    relay = test_relay(reject_auth=True)
    ports = relay.combos
    # the SSL server's port with every security, on the primary and on the backup (the same
    # server by another name): STARTTLS and none meet its TLS and time out, SSL logs in once
    args = ["probe", "--host", "127.0.0.1", "--backup-host", "localhost", "--security", "auto",
            "--port", str(ports[0][0]), "--cafile", str(relay.cafile), "--user", relay.user,
            "--password-env", "OMI_PW", "--timeout", "1", "--json"]
    result = run_cli(*args, env={"OMI_PW": "Wr0ng-密碼-1234"})
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["login_attempts"] == 1 and data["login"]["security"] == "ssl"
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, False)]
    codes = [a["diagnosis"]["code"] for a in data["attempts"]]
    assert codes == ["auth_failed", "greeting_timeout", "greeting_timeout",
                     "login_not_tried", "greeting_timeout", "greeting_timeout"]
    text = run_cli(*args[:-1], env={"OMI_PW": "Wr0ng-密碼-1234"})
    out = text.stdout.decode()
    assert "Logins in this test: 1" in out and "did not retry" in out
    assert len(relay.auth_log) == 2  # the second run's one login
    assert_clean(relay.user, "Wr0ng-密碼-1234", result.stdout, result.stderr, text.stdout)


@pytest.mark.parametrize("how", ["env", "stdin", "no_password"])
def test_an_empty_password_is_a_usage_error_not_an_auth(test_relay, how):
    relay = test_relay()
    server = relay.servers[0]
    args = ["probe", *conn(server, "ssl")]
    if how == "env":
        result = run_cli(*args, env={"OMI_PW": ""})
        flag = "--password-env"
    elif how == "stdin":
        args = [a if a != "--password-env" else "--password-stdin" for a in args]
        args.remove("OMI_PW")
        result = run_cli(*args, input=b"\n")
        flag = "--password-stdin"
    else:
        args = args[:args.index("--password-env")] + args[args.index("OMI_PW") + 1:]
        result = run_cli(*args)
        flag = "--user"
    assert result.returncode == 2, result.stderr
    assert flag in result.stderr.decode() and b"Traceback" not in result.stderr
    assert server.connections == 0 and server.auth_attempts == 0
    for command in (["send", *args[1:], *SEND], ["mailing", *args[1:]]):
        if how == "stdin":
            other = run_cli(*command, input=b"\n")
        else:
            other = run_cli(*command, env={"OMI_PW": ""})
        assert other.returncode == 2
    assert server.connections == 0


def test_a_535_echoing_the_credentials_is_redacted_in_every_output(test_relay, tmp_path):
    """Today's bug: `omidesk mailing` printed such a reply verbatim."""
    relay = test_relay(reject_auth=True, echo_credentials=True)
    server = relay.servers[0]
    (tmp_path / "list.csv").write_text("Email\nli@example.com\nchen@example.com\n",
                                       encoding="utf-8")
    (tmp_path / "b.txt").write_text("您好", encoding="utf-8")
    journal, log = tmp_path / "j.sqlite", tmp_path / "log.sqlite"
    common = [*conn(server, "ssl"), "--sent-log", str(log)]
    env = {"OMI_PW": relay.password}
    mailing = run_cli("mailing", "--csv", str(tmp_path / "list.csv"), "--journal", str(journal),
                      "--subject", "報價", "--text-file", str(tmp_path / "b.txt"),
                      "--from", "wang@example.com", "--transcript", *common, env=env)
    mailing_json = run_cli("mailing", "--csv", str(tmp_path / "list.csv"), "--journal",
                           str(journal), "--subject", "報價", "--text-file",
                           str(tmp_path / "b.txt"), "--from", "wang@example.com", "--json",
                           *common, env=env)
    send = run_cli("send", *common, *SEND, "--json", env=env)
    probe = run_cli("probe", *common[:-2], "--report", str(tmp_path / "r.md"), env=env)
    assert mailing.returncode == mailing_json.returncode == send.returncode == 1
    assert probe.returncode == 1 and relay.auth_attempts == 4
    assert "535" in mailing.stdout.decode() and "<redacted>" in mailing.stdout.decode()
    outputs = [mailing.stdout, mailing.stderr, mailing_json.stdout, mailing_json.stderr,
               send.stdout, send.stderr, probe.stdout, probe.stderr,
               (tmp_path / "r.md").read_bytes()]
    with sqlite3.connect(journal) as db:
        outputs.append(repr(db.execute("SELECT * FROM recipients").fetchall()).encode())
    with SentLog(log) as sent_log:
        outputs.append(repr([r.to_dict() for r in sent_log.search()]).encode())
    assert_clean(relay.user, relay.password, *outputs)
    # the echo itself reached the client: what printed it was redacted
    assert any(b"Authentication failed for" in out for out in outputs)


def test_every_refused_recipient_is_in_the_output_json_and_sent_log(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", reject_rcpt={"li@example.com", "chen@example.com"})
    log = tmp_path / "log.sqlite"
    args = ["send", *conn(server, "ssl"), "--from", "wang@example.com", "--to",
            "li@example.com", "--to", "chen@example.com", "--subject", "報價",
            "--sent-log", str(log)]
    text = run_cli(*args, env={"OMI_PW": server.password})
    data = json.loads(run_cli(*args, "--json", env={"OMI_PW": server.password}).stdout)
    assert text.returncode == 1
    out = text.stdout.decode()
    assert "-- li@example.com  550 5.1.1 User unknown" in out
    assert "-- chen@example.com  550 5.1.1 User unknown" in out
    assert [(r["address"], r["reply"]) for r in data["recipients"]] == [
        ("li@example.com", "550 5.1.1 User unknown"),
        ("chen@example.com", "550 5.1.1 User unknown")]
    with SentLog(log) as sent_log:
        record = sent_log.search()[0]
    assert [(r.address, str(r.outcome), r.reply) for r in record.recipients] == [
        ("li@example.com", "refused", "550 5.1.1 User unknown"),
        ("chen@example.com", "refused", "550 5.1.1 User unknown")]


def test_lost_after_the_body_is_unknown_in_the_cli_and_its_sent_log(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", drop_during_data=True)
    log = tmp_path / "log.sqlite"
    result = run_cli("send", *conn(server, "ssl"), *SEND, "--json", "--sent-log", str(log),
                     env={"OMI_PW": server.password})
    assert result.returncode == 1 and json.loads(result.stdout)["delivery_unknown"] is True
    with SentLog(log) as sent_log:
        (record,) = sent_log.search()
    assert [str(r.outcome) for r in record.recipients] == ["unknown"]


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_lost_after_the_body_is_never_ok_in_the_text_and_the_advice_agrees(smtp_server, lang):
    """QA finding 12: the recipient line says unknown (not "OK"), and the advice is "check
    before sending again", never "try again"."""
    server = smtp_server(tls="implicit", drop_during_data=True)
    result = run_cli("--lang", lang, "send", *conn(server, "ssl"), *SEND,
                     env={"OMI_PW": server.password})
    out = result.stdout.decode()
    assert result.returncode == 1 and len(server.messages) == 0
    lines = [line for line in out.splitlines() if "li@example.com" in line]
    assert lines and not any(line.startswith("OK") for line in lines), out
    if lang == "en":
        assert any(line.startswith("?? li@example.com") and "unknown" in line
                   for line in lines), out
        assert "check before sending again" in out.lower()
        assert "try again" not in out.lower() and "backup server" not in out
    else:
        assert "重寄前請先確認" in out and "再試" not in out and "備用伺服器" not in out
    assert "Connection dropped" not in out  # the title of a drop before the message


def test_a_refusal_after_data_is_refused_in_the_cli_sent_log(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", data_reply="554 5.7.1 Message rejected as spam")
    log = tmp_path / "log.sqlite"
    result = run_cli("send", *conn(server, "ssl"), *SEND, "--json", "--sent-log", str(log),
                     env={"OMI_PW": server.password})
    data = json.loads(result.stdout)
    assert data["delivery_unknown"] is False and data["diagnosis"]["code"] == "message_rejected"
    with SentLog(log) as sent_log:
        (record,) = sent_log.search()
    assert [(str(r.outcome), r.reply) for r in record.recipients] == [
        ("refused", "554 5.7.1 Message rejected as spam")]


def test_test_message_wording_only_for_test_message(smtp_server):
    server = smtp_server(tls="implicit")
    test = run_cli("send", *conn(server, "ssl"), "--test-message", "--from", "me@example.com",
                   env={"OMI_PW": server.password})
    assert test.returncode == 0 and "Test mail accepted" in test.stdout.decode()
