"""The whole connection test's headline (core.smtp.verdict): when the encrypted ports are
refused on both hosts and only a plain port answers, the test says the network blocks them and
what to ask IT — not the plain row's "use port 465", which was just refused. Real servers on
127.0.0.1 (the backup 127.0.0.2, where nothing listens); the AUTH count is the server's."""

from __future__ import annotations

import json

import pytest

from omidesk.core.smtp import Security, probe_all
from omidesk.core.smtp.config import RELAY_COMBOS
from omidesk.core.smtp.probe import recommend
from omidesk.core.smtp.report import render_report, report_dict
from omidesk.core.smtp.verdict import across_rows
from tests.conftest import run_cli
from tests.helpers.servers import free_port
from tests.helpers.smtp_client import config_for, names_port


def plain_only(smtp_server, **options):
    """The network the QA tester met: 465/587 refused, port 25 plain with AUTH offered."""
    plain = smtp_server(tls="none", auth_require_tls=False, **options)
    ssl_port, starttls_port = free_port(), free_port()
    combos = [(ssl_port, Security.SSL), (starttls_port, Security.STARTTLS),
              (plain.port, Security.STARTTLS), (plain.port, Security.NONE)]
    config = config_for(plain, Security.SSL, port=ssl_port, backup_host="127.0.0.2",
                        allow_plaintext_login=False)
    return plain, combos, config, (ssl_port, starttls_port)


@pytest.mark.asyncio
async def test_refused_encrypted_ports_and_a_plain_port_say_the_network_blocks_them(
        smtp_server):
    plain, combos, config, (ssl_port, starttls_port) = plain_only(smtp_server)
    matrix = await probe_all(config, combos=combos)
    codes = [r.diagnosis.code for r in matrix.results]
    assert codes[:4] == ["connect_refused", "connect_refused", "starttls_unsupported",
                         "plaintext_login_refused"]
    assert codes[4:] == ["connect_refused"] * 4
    assert plain.auth_attempts == 0 and matrix.login_attempts == 0  # from the server's side
    assert matrix.recommended is None
    # the best-ranked reached row alone would advise the refused ports
    assert "465" in matrix.focus.diagnosis.next_step.en
    verdict = matrix.verdict
    assert verdict is matrix.pattern and verdict.code == "encrypted_ports_blocked"
    ports = f"ports {ssl_port} and {starttls_port}"
    assert verdict.title.en == f"This network blocks {ports}"
    assert verdict.title.zh == f"這個網路封鎖了連接埠 {ssl_port} 與 {starttls_port}"
    assert f"Only port {plain.port} answers, and only without encryption" in verdict.explain.en
    assert "does not send your password unencrypted" in verdict.explain.en
    assert "127.0.0.1 and 127.0.0.2" in verdict.next_step.en
    assert f"allow outgoing connections to 127.0.0.1 and 127.0.0.2 on {ports}" \
        in verdict.next_step.en
    assert f"只有連接埠 {plain.port} 有回應" in verdict.explain.zh
    assert "OMIDesk 不會以未加密的方式傳輸您的密碼" in verdict.explain.zh
    assert "127.0.0.1 與 127.0.0.2 的連接埠" in verdict.next_step.zh
    assert verdict.facts["blocked_ports"] == f"{ssl_port}, {starttls_port}"
    for lang in ("en", "zh_TW"):
        report = render_report(config, matrix.results, lang=lang, pattern=matrix.pattern)
        assert verdict.title.get(lang) in report
    data = report_dict(config, matrix.results, pattern=matrix.pattern)
    assert json.loads(json.dumps(data))["diagnosis"]["code"] == "encrypted_ports_blocked"


@pytest.mark.asyncio
async def test_a_plain_port_without_login_is_said_too(smtp_server):
    plain, combos, config, _ports = plain_only(smtp_server, auth=False)
    matrix = await probe_all(config, combos=combos)
    assert matrix.results[3].diagnosis.code == "auth_unsupported"
    assert matrix.verdict.code == "encrypted_ports_blocked"
    assert "without encryption and without a login" in matrix.verdict.explain.en
    assert "也不提供登入" in matrix.verdict.explain.zh


@pytest.mark.asyncio
async def test_other_patterns_keep_the_rows_own_diagnosis(smtp_server):
    """A wrong password, a cancelled test, or only refusals: no pattern is claimed."""
    plain, combos, config, _ports = plain_only(smtp_server)
    matrix = await probe_all(config, combos=combos)
    partial = recommend(config, matrix.results[:4], complete=False)
    assert partial.pattern is None and partial.verdict is partial.focus.diagnosis
    refused = [r for r in matrix.results if r.diagnosis.code == "connect_refused"]
    assert across_rows(config, refused) is None  # nothing answered: the rows say it
    wrong = [*matrix.results[:3], *matrix.results[4:]]  # the plain row gone: no pattern
    assert across_rows(config, wrong) is not None  # 25 STARTTLS missing still is one
    assert across_rows(config, [matrix.results[0], matrix.results[3]]) is not None
    assert across_rows(config, [matrix.results[3]]) is None  # nothing refused


@pytest.mark.asyncio
async def test_a_working_combination_is_the_headline(test_relay):
    relay = test_relay()
    config = config_for(relay.servers[0], Security.SSL, backup_host="")
    matrix = await probe_all(config, combos=relay.combos)
    assert matrix.pattern is None and matrix.verdict is matrix.recommended.diagnosis


def test_the_cli_says_it_on_the_relays_own_ports(smtp_server):
    """`omidesk probe` with the relay's combinations (465, 587, 25): a host of its own on
    127.0.0.x where only 25 listens, plain; the backup listens nowhere."""
    assert [p for p, _s in RELAY_COMBOS] == [465, 587, 25, 25]
    try:
        plain = smtp_server(tls="none", auth_require_tls=False, port=25, listen="127.0.0.7")
    except OSError as exc:  # pragma: no cover - needs root
        pytest.skip(f"cannot listen on port 25: {exc}")
    args = ["probe", "--host", "127.0.0.7", "--backup-host", "127.0.0.8", "--user",
            plain.user, "--password-env", "OMI_PW", "--timeout", "3", "--quiet"]
    env = {"OMI_PW": plain.password}
    en = run_cli(*args, "--lang", "en", env=env)
    out = en.stdout.decode()
    assert en.returncode == 1
    assert "This network blocks ports 465 and 587" in out
    assert "allow outgoing connections to 127.0.0.7 and 127.0.0.8 on ports 465 and 587" in out
    assert "Use port 465" not in out  # the plain row's advice is not the headline
    zh = run_cli(*args, "--lang", "zh_TW", env=env).stdout.decode()
    assert "這個網路封鎖了連接埠 465 與 587" in zh and "只有連接埠 25 有回應" in zh
    data = json.loads(run_cli(*args, "--json", env=env).stdout)
    assert data["diagnosis"]["code"] == "encrypted_ports_blocked"
    assert plain.auth_attempts == 0 and plain.connections == 6  # 2 per run, never a login


@pytest.mark.asyncio
async def test_a_port_with_login_only_unencrypted_says_so_not_try_465(smtp_server):
    """QA3 finding 6: a custom server whose one port speaks SMTP only without encryption (and
    offers AUTH there): the headline was the STARTTLS row's "try 465 or 587", which nobody
    tested. Now: login only without encryption, and the setting that would allow it."""
    plain = smtp_server(tls="none", auth_require_tls=False)
    config = config_for(plain, Security.SSL, backup_host="", allow_plaintext_login=False)
    combos = [(plain.port, Security.SSL), (plain.port, Security.STARTTLS),
              (plain.port, Security.NONE)]
    matrix = await probe_all(config, combos=combos)
    assert [r.diagnosis.code for r in matrix.results] == [
        "tls_handshake_failed", "starttls_unsupported", "plaintext_login_refused"]
    assert plain.auth_attempts == 0 and matrix.login_attempts == 0
    verdict = matrix.verdict
    assert verdict is matrix.pattern and verdict.code == "plaintext_login_only"
    assert verdict.title.en == "Login only without encryption"
    assert f"on port {plain.port} SSL could not be set up" in verdict.explain.en
    assert "will not send your password unencrypted unless you allow it" in verdict.explain.en
    step = verdict.next_step.en
    assert "--allow-plaintext-login" in step and "Allow my password without encryption" in step
    assert not names_port(step + verdict.explain.en, 465) and not names_port(step, 587)
    assert f"連接埠 {plain.port} 無法建立 SSL 加密" in verdict.explain.zh
    assert "允許密碼不加密傳輸" in verdict.next_step.zh
    data = report_dict(config, matrix.results, pattern=matrix.pattern)
    assert json.loads(json.dumps(data))["diagnosis"]["code"] == "plaintext_login_only"
    # allowed: the login goes ahead there, and there is no such verdict
    allowed = await probe_all(config.with_(allow_plaintext_login=True), combos=combos)
    assert allowed.pattern is None and plain.auth_attempts == 1


def test_the_cli_says_login_only_without_encryption(smtp_server):
    plain = smtp_server(tls="none", auth_require_tls=False)
    args = ["probe", "--host", "127.0.0.1", "--backup-host", "", "--port", str(plain.port),
            "--security", "auto", "--user", plain.user, "--password-env", "OMI_PW",
            "--timeout", "3", "--quiet"]
    env = {"OMI_PW": plain.password}
    out = run_cli(*args, "--lang", "en", env=env).stdout.decode()
    assert "Login only without encryption" in out and "--allow-plaintext-login" in out
    assert "Try port 465" not in out
    zh = run_cli(*args, "--lang", "zh_TW", env=env).stdout.decode()
    assert "只能在未加密的連線登入" in zh and "允許密碼不加密傳輸" in zh
    assert plain.auth_attempts == 0
