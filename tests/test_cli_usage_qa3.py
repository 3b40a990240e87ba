"""Bad arguments are usage errors (exit 2) said before anything is read, connected or tested,
and every recipient of `omidesk send` gets its line (QA3 #18); against real local servers
whose connections and commands are counted."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


def _conn(server, security: str = "ssl") -> list[str]:  # type: ignore[no-untyped-def]
    return ["--host", "127.0.0.1", "--backup-host", "", "--port", str(server.port),
            "--security", security, "--cafile", str(server.cafile), "--timeout", "5"]


@pytest.mark.parametrize("lang, said", [("en", "at least one recipient is needed"),
                                        ("zh_TW", "至少需要一位收件者")])
def test_send_without_a_recipient_is_a_usage_error(smtp_server, lang, said):
    server = smtp_server(tls="implicit")
    result = run_cli("--lang", lang, "send", *_conn(server), "--from", "a@example.com",
                     "--text-file", __file__)
    assert result.returncode == 2, result.stderr
    err = result.stderr.decode()
    assert "--to" in err and said in err
    assert server.connections == 0
    cc_only = run_cli("send", "--dry-run", "--from", "a@example.com", "--cc", "b@example.com",
                      "--subject", "s")
    assert cc_only.returncode == 0, cc_only.stderr


@pytest.mark.parametrize("flag", ["--host", "--backup-host"])
def test_a_server_name_that_is_no_name_is_a_usage_error(flag):
    other = ["--backup-host", ""] if flag == "--host" else ["--host", "127.0.0.1"]
    result = run_cli("probe", *other, flag, "a b", "--security", "ssl", "--quiet")
    assert result.returncode == 2, result.stderr
    assert f"argument {flag}: " in result.stderr.decode() and "“a b”" in result.stderr.decode()


@pytest.mark.parametrize("report", ["/proc/omidesk-report.md", "{tmp}", "{tmp}/no/such/r.md"])
def test_a_report_that_cannot_be_written_is_said_before_the_test(smtp_server, tmp_path,
                                                                  report):
    server = smtp_server(tls="implicit")
    path = report.format(tmp=tmp_path)
    result = run_cli("probe", *_conn(server), "--report", path, "--quiet")
    assert result.returncode == 2, result.stderr
    assert f"argument --report: The report “{path}” cannot be written" in \
        result.stderr.decode()
    assert server.connections == 0 and server.commands == []  # nothing was tested
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file left


def test_a_report_that_can_be_written_still_is(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    result = run_cli("probe", *_conn(server), "--report", str(tmp_path / "r.md"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_send_to_a_server_that_resets_after_login_says_each_recipient(smtp_server):
    server = smtp_server(tls="implicit", drop_after_auth=True)
    result = run_cli("send", *_conn(server), "--user", server.user, "--password-env", "OMI_PW",
                     "--from", "a@example.com", "--to", "li@example.com", "--to",
                     "wu@example.com", "--subject", "s", "--quiet",
                     env={"OMI_PW": server.password})
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr
    assert "-- li@example.com  not sent" in out and "-- wu@example.com  not sent" in out
    assert "Login accepted, then the server closed the connection" in out  # QA3 #27
    assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)] and not server.messages


@pytest.mark.parametrize("lang, said", [
    ("en", "Login accepted, then the server closed the connection"),
    ("zh_TW", "登入成功後，伺服器關閉了連線")])
def test_probe_of_a_server_that_resets_after_login_is_no_success(smtp_server, lang, said):
    """QA3 #27: "Connection works", exit 0, for a server that hangs up after its 235."""
    server = smtp_server(tls="implicit", drop_after_auth=True)
    result = run_cli("probe", *_conn(server), "--user", server.user, "--password-env", "OMI_PW",
                     "--lang", lang, env={"OMI_PW": server.password})
    out = result.stdout.decode()
    assert result.returncode != 0, out
    assert said in out and "Connection works" not in out and "連線正常" not in out
    assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)]


def test_mailing_resolve_unknown_syntax_is_checked_before_the_list_is_read(smtp_server,
                                                                          tmp_path):
    server = smtp_server(tls="implicit")
    listing = tmp_path / "list.csv"
    listing.write_text("email\nli@example.com\n", encoding="utf-8")
    journal = tmp_path / "j.sqlite"
    result = run_cli("mailing", *_conn(server), "--list", str(listing), "--journal",
                     str(journal), "--from", "a@example.com", "--subject", "s", "--text-file",
                     __file__, "--resolve-unknown", "li@example.com=maybe")
    assert result.returncode == 2, result.stderr
    assert "argument --resolve-unknown: expected ADDR=sent or ADDR=resend, got " \
        "“li@example.com=maybe”" in result.stderr.decode()
    assert b"First message" not in result.stdout + result.stderr  # the list was not read
    assert not journal.exists() and server.connections == 0
