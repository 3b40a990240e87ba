"""A connection test you can trust with a real password, proved from the servers' side: the
test servers log every AUTH they receive and whether it came inside TLS (read from their own
transport). The relay offers AUTH on plain connections too (manual §4.2.1), and TestRelay does
the same, so a client that logs in there would show up here."""

from __future__ import annotations

import json

import pytest

from omidesk.core.smtp import Security, probe, probe_all
from omidesk.core.smtp.report import render_report, report_dict
from tests.helpers.loop_turns import SETTLE_TURNS, eventually, turns_until
from tests.helpers.servers import TestRelay
from tests.helpers.smtp_client import FAST, config_for, secret_forms

BACKUP = "localhost"  # the same servers as 127.0.0.1: one AUTH log for primary and backup


def relay_config(relay: TestRelay, **changes):  # type: ignore[no-untyped-def]
    base = config_for(relay.servers[0], Security.SSL, backup_host=BACKUP)
    return base.with_(**changes)


def all_texts(matrix, config) -> str:  # type: ignore[no-untyped-def]
    parts = [json.dumps(matrix.to_dict(), ensure_ascii=False),
             json.dumps(report_dict(config, matrix.results), ensure_ascii=False),
             render_report(config, matrix.results, lang="en"),
             render_report(config, matrix.results, lang="zh_TW")]
    return "\n".join(parts)


def assert_no_secret(text: str, config) -> None:  # type: ignore[no-untyped-def]
    for form in secret_forms(config.user, config.password):
        assert form not in text


@pytest.mark.asyncio
async def test_right_password_one_login_inside_tls_and_none_in_clear(test_relay):
    relay = test_relay()
    config = relay_config(relay)
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
    assert len(matrix.results) == 8
    # from the servers' side: one AUTH in the whole test, inside TLS, on SSL of the primary
    assert [(a.mechanism, a.tls, a.ok) for a in relay.auth_log] == [("PLAIN", True, True)]
    assert relay.servers[0].auth_attempts == 1 and relay.plain.auth_attempts == 0
    assert matrix.login_attempts == 1 and matrix.login is matrix.results[0]
    assert matrix.recommended is matrix.results[0] and matrix.results[0].host == "127.0.0.1"
    codes = [r.diagnosis.code for r in matrix.results]
    assert codes == ["connection_ok", "connection_ok", "connection_ok",
                     "plaintext_login_refused"] * 2
    first = matrix.results[0]
    assert first.authenticated and first.verified.en == "reachable, TLS verified, login worked"
    assert "This test logged in only here" in first.diagnosis.render("en")
    for other in (matrix.results[1], matrix.results[2], *matrix.results[4:7]):
        assert not other.login_tried and other.authenticated is None and other.ok
        assert other.verified.en == ("reachable, TLS verified, login not tried: verified on "
                                     f"SSL ({relay.servers[0].port}) — 127.0.0.1")
        assert "未在此登入：已在 SSL 加密" in other.verified.zh
    for plain in (matrix.results[3], matrix.results[7]):
        assert plain.verified.en == "reachable, not encrypted, login not tried"
        assert "--allow-plaintext-login" in plain.diagnosis.render("en")
    data = matrix.to_dict()
    assert data["login_attempts"] == 1 and data["login"]["security"] == "ssl"
    assert report_dict(config, matrix.results)["login_attempts"] == 1
    assert "Login tried once, on SSL" in render_report(config, matrix.results, lang="en")
    assert_no_secret(all_texts(matrix, config), config)


@pytest.mark.asyncio
async def test_wrong_password_costs_one_failed_login_for_the_whole_test(test_relay):
    relay = test_relay(reject_auth=True)
    config = relay_config(relay, password="Wr0ng-密碼-" + relay.password[-4:])
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
    # primary and backup together, every combination: one AUTH, refused, inside TLS
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, False)]
    assert matrix.login_attempts == 1 and not matrix.ok and matrix.recommended is None
    login = matrix.login
    assert login is matrix.results[0] and matrix.focus is login
    assert login.diagnosis.code == "auth_failed" and login.authenticated is False
    text = login.diagnosis.render("en")
    assert "sent the password once and did not retry" in text
    assert "This test logged in only here" in text and "535" in text
    for other in (matrix.results[1], matrix.results[2], *matrix.results[4:7]):
        assert other.diagnosis.code == "login_not_tried" and not other.ok
        assert "login not tried: it failed on SSL" in other.verified.en
        assert f"SSL ({relay.servers[0].port}) — 127.0.0.1" in other.diagnosis.render("en")
        assert "在 SSL 加密" in other.verified.zh
    assert_no_secret(all_texts(matrix, config), config)


@pytest.mark.asyncio
async def test_the_login_goes_to_the_best_encrypted_combination_that_works(
        smtp_server, test_relay):
    """SSL with an expired certificate: no login there (nor on the second, unverified
    connection that reads the certificate); the login moves to STARTTLS."""
    relay = test_relay()
    expired = smtp_server(tls="implicit", cert="expired", password=relay.password)
    combos = [(expired.port, Security.SSL), *relay.combos[1:]]
    config = relay_config(relay, backup_host="")
    matrix = await probe_all(config, combos=combos, stagger=0.01)
    assert matrix.results[0].diagnosis.code == "cert_expired"
    assert expired.connections == 2 and expired.auth_attempts == 0  # read, never logged in
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, True)]
    assert relay.servers[1].auth_attempts == 1  # STARTTLS, the best one left
    assert matrix.login is matrix.results[1] is matrix.recommended
    assert matrix.results[1].verified.en == "reachable, TLS verified, login worked"


@pytest.mark.asyncio
async def test_without_a_user_nothing_logs_in(test_relay):
    relay = test_relay()
    config = relay_config(relay, user="", password="", backup_host="")
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
    assert relay.auth_attempts == 0 and matrix.login_attempts == 0
    assert [r.ok for r in matrix.results] == [True] * 4
    assert all("No login was given" in r.diagnosis.render("en") for r in matrix.results)
    assert matrix.results[3].verified.en == "reachable, not encrypted, login offered"


@pytest.mark.asyncio
async def test_the_envelope_is_checked_only_where_the_test_logged_in(test_relay):
    relay = test_relay(relay_denied=True)
    config = relay_config(relay, backup_host="")
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01,
                             mail_from="a@example.com", rcpt_to=["b@example.com"])
    assert matrix.ok and matrix.recommended is matrix.results[0]
    mails = [sum(c.startswith("MAIL") for c in s.commands) for s in relay.servers]
    assert mails == [1, 0, 0, 0]
    assert not relay.messages  # a probe never sends DATA


@pytest.mark.asyncio
async def test_allowed_plaintext_login_only_when_nothing_encrypted_offers_one(
        test_relay, closed_port):
    relay = test_relay()
    allowed = relay_config(relay, backup_host="", allow_plaintext_login=True)
    # something encrypted works: the plain row is not where the login goes
    matrix = await probe_all(allowed, combos=relay.combos, stagger=0.01)
    assert [a.tls for a in relay.auth_log] == [True]
    plain = matrix.results[3]
    assert plain.ok and not plain.login_tried
    assert plain.verified.en.startswith("reachable, not encrypted, login not tried: verified on")
    # only the plain combination answers: with the user's consent the login goes there, once
    only_plain = [(closed_port.port, Security.SSL), relay.combos[3]]
    matrix = await probe_all(allowed, combos=only_plain, stagger=0.01)
    assert [a.tls for a in relay.plain.auth_log] == [False]
    result = matrix.results[1]
    assert result.login_tried and result.authenticated and result.password_unencrypted
    assert "unencrypted" in result.diagnosis.render("en")
    assert "未加密" in result.diagnosis.render("zh_TW")
    assert result.to_dict()["password_unencrypted"] is True
    # without it: no password in clear, whatever else fails
    refused = await probe_all(allowed.with_(allow_plaintext_login=False), combos=only_plain,
                              stagger=0.01)
    assert len(relay.plain.auth_log) == 1  # still just the one above
    assert refused.results[1].diagnosis.code == "plaintext_login_refused"
    assert refused.login_attempts == 0 and refused.focus is refused.results[1]


@pytest.mark.asyncio
async def test_encrypted_on_the_backup_beats_plain_on_the_primary(smtp_server):
    """QA finding 2a: the primary offers only plain text (with AUTH), the backup works with
    TLS. Plain text is allowed, yet the one login goes to the backup's SSL, inside TLS, and
    that is what is recommended. 127.0.0.2 is the primary: the same port numbers as the
    backup (127.0.0.1), only its plain port listening."""
    ssl_server = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls", password=ssl_server.password)
    plain = smtp_server(tls="none", auth_require_tls=False, password=ssl_server.password,
                        listen="127.0.0.2")
    combos = [(ssl_server.port, Security.SSL), (starttls.port, Security.STARTTLS),
              (plain.port, Security.NONE)]
    config = config_for(ssl_server, Security.SSL, host="127.0.0.2", backup_host="127.0.0.1",
                        allow_plaintext_login=True)
    matrix = await probe_all(config, combos=combos, stagger=0.01)
    codes = [r.diagnosis.code for r in matrix.results]
    assert codes[:2] == ["connect_refused"] * 2 and matrix.results[2].ok
    # from the servers' side: one AUTH, inside TLS, on the backup's SSL; none in clear
    assert [(a.tls, a.ok) for a in ssl_server.auth_log] == [(True, True)]
    assert plain.auth_attempts == 0 and starttls.auth_attempts == 0
    assert matrix.login is matrix.results[3] is matrix.recommended
    assert (matrix.recommended.host, matrix.recommended.security) == ("127.0.0.1", Security.SSL)
    assert not any(r.password_unencrypted for r in matrix.results)
    assert matrix.results[2].verified.en.startswith(
        "reachable, not encrypted, login not tried: verified on SSL")
    # without a login the same rule picks what to recommend
    anonymous = await probe_all(config.with_(user="", password=""), combos=combos,
                                stagger=0.01)
    best = anonymous.recommended
    assert best is not None and (best.host, best.security) == ("127.0.0.1", Security.SSL)
    assert ssl_server.auth_attempts + plain.auth_attempts + starttls.auth_attempts == 1


@pytest.mark.asyncio
async def test_an_own_port_with_starttls_beats_the_relays_plain_port_25(smtp_server):
    """QA finding 2b: a server of one's own: STARTTLS (verified, AUTH) on its own port, and
    AUTH in clear on 25 — a combination of the relay's list, which ranked ahead of own
    ports. Plain text is allowed; the login still goes to STARTTLS."""
    starttls = smtp_server(tls="starttls")
    try:
        plain = smtp_server(tls="none", auth_require_tls=False, password=starttls.password,
                            port=25)
    except OSError as exc:  # not root, or port 25 taken here
        pytest.skip(f"cannot listen on port 25: {exc}")
    combos = [(25, Security.NONE), (starttls.port, Security.STARTTLS)]
    config = config_for(starttls, Security.STARTTLS, backup_host="",
                        allow_plaintext_login=True)
    matrix = await probe_all(config, combos=combos, stagger=0.01)
    assert [(a.mechanism, a.tls, a.ok) for a in starttls.auth_log] == [("PLAIN", True, True)]
    assert plain.auth_attempts == 0
    assert matrix.login is matrix.results[1] is matrix.recommended
    assert matrix.results[0].ok and not matrix.results[0].login_tried


@pytest.mark.asyncio
async def test_a_starttls_row_whose_certificate_failed_does_not_say_login_offered(
        smtp_server):
    """QA 16: the AUTH offered before STARTTLS is no offer once the certificate failed."""
    expired = smtp_server(tls="starttls", cert="expired", auth_require_tls=False)
    for config in (config_for(expired, Security.STARTTLS, backup_host=""),
                   config_for(expired, Security.STARTTLS, backup_host="", user="",
                              password="")):
        matrix = await probe_all(config, combos=[(expired.port, Security.STARTTLS)],
                                 stagger=0.01)
        (row,) = matrix.results
        assert row.diagnosis.code == "cert_expired"
        assert "login offered" not in row.verified.en and "提供登入" not in row.verified.zh
        assert row.verified.en.startswith("reachable")
    assert expired.auth_attempts == 0


@pytest.mark.asyncio
async def test_a_single_probe_without_encryption_stops_before_auth(test_relay):
    relay = test_relay()
    plain = config_for(relay.plain, Security.NONE, allow_plaintext_login=False)
    result = await probe(plain)
    assert result.diagnosis.code == "plaintext_login_refused" and not result.login_tried
    assert relay.plain.auth_attempts == 0
    assert "250-AUTH" in "\n".join(e.text for e in result.events)  # offered, not used
    text = result.diagnosis.render("en")
    assert "--allow-plaintext-login" in text and "Account tab" in text
    assert "--allow-plaintext-login" in result.diagnosis.render("zh_TW")
    allowed = await probe(plain.with_(allow_plaintext_login=True))
    assert allowed.ok and allowed.password_unencrypted
    assert [(a.tls, a.ok) for a in relay.plain.auth_log] == [(False, True)]
    assert "The password was sent unencrypted" in allowed.diagnosis.render("en")
    assert allowed.verified.en == "reachable, not encrypted, login worked"


@pytest.mark.asyncio
async def test_an_empty_password_is_no_login_attempt(test_relay):
    relay = test_relay()
    result = await probe(config_for(relay.servers[0], Security.SSL, password=""))
    assert result.diagnosis.code == "password_missing" and relay.auth_attempts == 0
    matrix = await probe_all(relay_config(relay, password="", backup_host=""),
                             combos=relay.combos, stagger=0.01)
    assert relay.auth_attempts == 0 and matrix.login_attempts == 0
    assert matrix.results[0].diagnosis.code == "password_missing"


@pytest.mark.asyncio
async def test_a_server_echoing_the_credentials_in_its_535_is_redacted(test_relay):
    relay = test_relay(reject_auth=True, echo_credentials=True)
    config = relay_config(relay, backup_host="")
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
    login = matrix.login
    assert login is not None and login.diagnosis.code == "auth_failed"
    assert "<redacted>" in login.diagnosis.reply
    transcript = "\n".join(e.render() for r in matrix.results for e in r.events)
    assert_no_secret(transcript + all_texts(matrix, config), config)


@pytest.mark.asyncio
async def test_cancelling_a_matrix_closes_every_connection(test_relay, silent_server):
    import asyncio

    relay = test_relay()
    # the silent one ranks first (a tie is broken by the order): the others wait for it
    combos = [(silent_server.port, Security.STARTTLS), *relay.combos[1:]]
    config = relay_config(relay, backup_host="")
    task = asyncio.ensure_future(probe_all(config, combos=combos, stagger=0.01))
    await asyncio.sleep(FAST.connect / 2)
    assert relay.auth_attempts == 0
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # closed by the cancel itself, within a few turns of the loop (counted, not timed)
    assert await turns_until(lambda: not silent_server.open_connections) < SETTLE_TURNS
    assert relay.auth_attempts == 0 and relay.connections >= 3
    assert await eventually(lambda: not any(s._sessions for s in relay.servers))


@pytest.mark.asyncio
async def test_a_session_dropped_after_the_login_is_the_tests_verdict(test_relay):
    """QA3 finding 27, across the matrix: the one login works, then the server hangs up;
    nothing is recommended, the verdict says so, the other rows say where it happened, and
    the other combinations did not log in to find out (one AUTH, over TLS)."""
    relay = test_relay(drop_after_auth=True)
    config = relay_config(relay)
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, True)]
    assert not matrix.ok and matrix.login_attempts == 1 and matrix.login is matrix.results[0]
    verdict = matrix.verdict
    assert verdict is not None and verdict.code == "connection_lost"
    assert verdict.title.en == "Login accepted, then the server closed the connection"
    for other in (matrix.results[1], matrix.results[2], *matrix.results[4:7]):
        assert other.diagnosis.code == "login_not_tried" and not other.ok
        assert "it worked on SSL" in other.verified.en and "then the session failed" in \
            other.verified.en
    assert_no_secret(all_texts(matrix, config), config)
