"""The connection test against real local servers with real TLS: every diagnosis code the
servers can produce, and the password in none of the transcript, report or JSON."""

from __future__ import annotations

import json

import pytest

from omidesk.core.smtp import Security, ServerConfig, Timeouts, probe, probe_all
from omidesk.core.smtp.transcript import TranscriptEvent
from omidesk.core.smtp.report import render_report, report_dict
from tests.helpers.smtp_client import FAST, config_for, names_port, secret_forms
from tests.helpers.zh_text import english_words


def assert_no_secret(result, config: ServerConfig) -> None:
    texts = ["\n".join(e.render() for e in result.events),
             json.dumps(result.to_dict(), ensure_ascii=False),
             render_report(config, [result], lang="en"),
             render_report(config, [result], lang="zh_TW"),
             json.dumps(report_dict(config, [result]), ensure_ascii=False)]
    for form in secret_forms(config.user, config.password):
        for text in texts:
            assert form not in text


@pytest.mark.asyncio
async def test_transcript_captures_every_line_each_way(smtp_server):
    """Fails if an aiosmtplib upgrade stops routing writes/reads through our protocol."""
    server = smtp_server(tls="none", auth_require_tls=False)
    config = config_for(server, Security.NONE)
    result = await probe(config, mail_from="a@example.com", rcpt_to=["b@example.com"])
    assert result.ok, result.diagnosis.render("en")
    sent = [e.text for e in result.events if e.direction == ">>"]
    assert len(sent) == len(server.commands) >= 6
    for ours, theirs in zip(sent, server.commands, strict=True):
        if theirs.upper().startswith("AUTH"):
            assert ours.startswith("AUTH PLAIN <redacted>") and server.user in ours
        else:
            assert ours == theirs
    received = [e.text for e in result.events if e.direction == "<<"]
    assert received[0].startswith("220 ") and received[-1].startswith("221")
    assert any(line.startswith("250-AUTH") for line in received)
    assert result.authenticated is True
    assert_no_secret(result, config)


@pytest.mark.asyncio
async def test_implicit_tls_verified_with_certificate_facts(smtp_server):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    result = await probe(config)
    assert result.ok and result.diagnosis.code == "connection_ok"
    assert result.tls is not None and result.tls.verified
    assert result.tls.version.startswith("TLS")
    assert "127.0.0.1" in result.tls.cert.names and len(result.tls.cert.sha256) == 95
    facts = [e.text for e in result.events if e.direction == "**"]
    assert any(f.startswith("TCP connected to 127.0.0.1") for f in facts)
    assert any("verification passed" in f for f in facts)
    assert all(e.tls for e in result.events if e.direction in ("<<", ">>"))
    assert_no_secret(result, config)
    # the verdict in the language of the output (QA finding 8: English in the 繁中 panel)
    assert result.tls.verdict == "CA verified, host name verified (using 127.0.0.1)"
    assert result.tls.verdict_in("zh_TW") == "CA 已驗證，主機名稱已驗證（使用 127.0.0.1）"
    tls_line = next(line for line in render_report(config, [result], lang="zh_TW").splitlines()
                    if line.startswith("TLS："))
    assert english_words(tls_line) == [], tls_line


@pytest.mark.asyncio
async def test_starttls_marks_lines_after_the_upgrade(smtp_server):
    server = smtp_server(tls="starttls_required")
    config = config_for(server, Security.STARTTLS)
    result = await probe(config)
    assert result.ok, result.diagnosis.render("en")
    lines = [e for e in result.events if e.direction in ("<<", ">>")]
    upgrade = next(i for i, e in enumerate(lines) if e.text.startswith("220 ") and i > 0)
    assert not any(e.tls for e in lines[: upgrade + 1])
    assert all(e.tls for e in lines[upgrade + 1 :])
    assert any(e.text.startswith("AUTH PLAIN") and e.tls for e in lines)
    assert_no_secret(result, config)


@pytest.mark.asyncio
@pytest.mark.parametrize("wrong", [False, True])
async def test_auth_login_lines_are_redacted_by_state(smtp_server, wrong):
    """AUTH LOGIN sends the password as a bare base64 line after 334: no prefix to match."""
    server = smtp_server(tls="implicit", auth_mechanisms=("LOGIN",), reject_auth=wrong)
    config = config_for(server, Security.SSL)
    result = await probe(config)
    assert result.diagnosis.code == ("auth_failed" if wrong else "connection_ok")
    assert server.auth_attempts == 1
    sent = [e.text for e in result.events if e.direction == ">>"]
    login = sent.index("AUTH LOGIN")
    assert sent[login + 1].endswith(f"(user {server.user})")
    assert sent[login + 2] == "<redacted> (password)"
    assert_no_secret(result, config)


@pytest.mark.asyncio
@pytest.mark.parametrize("tls, security", [("implicit", Security.SSL),
                                           ("starttls_required", Security.STARTTLS),
                                           ("none", Security.NONE)])
async def test_wrong_password_is_one_attempt_and_auth_failed(smtp_server, tls, security):
    server = smtp_server(tls=tls, reject_auth=True, auth_require_tls=False)
    config = config_for(server, security, password="Wr0ng-密碼-" + server.password[-4:])
    result = await probe(config)
    assert result.diagnosis.code == "auth_failed"
    assert server.auth_attempts == 1 and result.login_tried
    assert [a.tls for a in server.auth_log] == [security is not Security.NONE]
    assert "535" in result.diagnosis.reply
    assert "535" in result.diagnosis.explain.en + result.diagnosis.next_step.en
    # 127.0.0.1 is not the relay: no OMICard, NewerMail or manual advice
    assert "NewerMail" not in result.diagnosis.render("zh_TW")
    assert "did not retry" in result.diagnosis.render("en")
    assert_no_secret(result, config)


TOO_WEAK = "534 5.7.9 Authentication mechanism is too weak"
APP_PASSWORD = "534 5.7.9 Application-specific password required"  # Gmail's words


@pytest.mark.asyncio
@pytest.mark.parametrize("reply", [TOO_WEAK, APP_PASSWORD])
async def test_a_login_refused_as_too_weak_is_not_a_wrong_password(smtp_server, reply):
    """QA4 #15: 534 5.7.9 (RFC 4954 §6) says the login method, not the password, is refused:
    auth_too_weak with the app-password advice, one AUTH over TLS, never "password is wrong"."""
    server = smtp_server(tls="implicit", reject_auth=True, reject_auth_reply=reply)
    config = config_for(server, Security.SSL)
    result = await probe(config)
    assert result.diagnosis.code == "auth_too_weak", result.diagnosis.render("en")
    assert server.auth_attempts == 1 and [a.tls for a in server.auth_log] == [True]
    assert result.login_tried and not result.authenticated
    assert result.diagnosis.reply == reply and reply in result.diagnosis.explain.en
    en, zh = result.diagnosis.render("en"), result.diagnosis.render("zh_TW")
    assert "app password" in en and "not a wrong password" in en and "did not retry" in en
    assert "password is wrong" not in en.replace("not a wrong password", "")
    assert "應用程式密碼" in zh and "不是密碼錯誤" in zh and "帳號或密碼有誤" not in zh
    assert any("login refused" in n.en for n in result.diagnosis.notes)  # not "login failed"
    assert_no_secret(result, config)
    # 535 stays auth_failed (the contract): only the too-weak reply gets the new code
    plain = smtp_server(tls="implicit", reject_auth=True)
    assert (await probe(config_for(plain, Security.SSL))).diagnosis.code == "auth_failed"


@pytest.mark.asyncio
@pytest.mark.parametrize("tls, security", [("implicit", Security.SSL),
                                           ("starttls", Security.STARTTLS)])
@pytest.mark.parametrize("cert, code", [("wrong_name", "cert_name_mismatch"),
                                        ("expired", "cert_expired"),
                                        ("unknown_ca", "cert_untrusted")])
async def test_certificate_problems(smtp_server, tls, security, cert, code):
    server = smtp_server(tls=tls, cert=cert)
    config = config_for(server, security, host="localhost")
    result = await probe(config)
    assert result.diagnosis.code == code, result.diagnosis.render("en")
    assert server.auth_attempts == 0  # never log in over an unverified connection
    if cert != "wrong_name":  # read again, unverified, for the report: and still no login
        assert server.connections == 2 and not result.login_tried
    assert result.tls is not None and result.tls.cert is not None  # shown for the report
    assert result.tls.verdict_zh and english_words(result.tls.verdict_in("zh_TW")) == [], \
        result.tls.verdict_zh
    if cert == "wrong_name":  # the relay's own certificate: its own host is suggested
        assert "*.itpison.com" in result.tls.cert.names
        assert result.diagnosis.facts["suggested_host"] == "smtp.itpison.com"
        text = result.diagnosis.render("zh_TW")
        assert "*.itpison.com" in text and "smtp.itpison.com" in text
        assert "localhost.itpison.com" not in text
    assert_no_secret(result, config)


@pytest.mark.asyncio
@pytest.mark.parametrize("tls, security", [("implicit", Security.SSL),
                                           ("starttls", Security.STARTTLS)])
async def test_a_look_alike_certificate_suggests_no_host(smtp_server, tls, security):
    """*.ipison.com must not turn into "127.ipison.com" or any name taken from it."""
    server = smtp_server(tls=tls, cert="typo_name")
    result = await probe(config_for(server, security))
    diagnosis = result.diagnosis
    assert diagnosis.code == "cert_name_mismatch"
    assert diagnosis.facts["suggested_host"] == ""
    for lang in ("en", "zh_TW"):
        text = diagnosis.render(lang)
        assert "*.ipison.com" in text  # the names are shown ...
        assert "127.ipison.com" not in text and "smtp.ipison.com" not in text  # ... not used
        assert "itpison" not in text and "OMICard" not in text  # 127.0.0.1 is not the relay
    assert "operator" in diagnosis.render("en")
    assert server.auth_attempts == 0


def test_a_foreign_certificate_on_the_relays_name_is_not_explained_away():
    """smtp.itpison.com presenting someone else's (CA-valid) certificate: something else
    answers. The relay's expected name is given, nothing derived from that certificate."""
    from omidesk.core.errors import SMTPTLSFailure
    from omidesk.core.smtp import diagnose, relay_config
    from omidesk.core.text import Text

    failure = SMTPTLSFailure(Text("mismatch", "不符"), code="cert_name_mismatch",
                             facts={"cert_names": "*.ipison.com", "suggested_host": ""})
    diagnosis = diagnose(failure, relay_config(user="omiuser", password="Pa55-密碼-word"))
    text = diagnosis.render("en")
    assert "*.ipison.com" in text and "smtp.itpison.com" in text
    assert "Do not switch to a name taken from this certificate" in text
    assert "ipison.com and" not in text and "Change the server name to" not in text


@pytest.mark.asyncio
async def test_trusting_one_certificate_is_explicit_and_pinned(smtp_server):
    server = smtp_server(tls="implicit", cert="wrong_name")
    first = await probe(config_for(server, Security.SSL, host="localhost"))
    assert first.diagnosis.code == "cert_name_mismatch"
    pinned = config_for(server, Security.SSL, host="localhost",
                        trusted_fingerprint=first.tls.cert.sha256)
    assert (await probe(pinned)).ok
    other = config_for(server, Security.SSL, host="localhost", trusted_fingerprint="AB" * 32)
    assert (await probe(other)).diagnosis.code == "cert_untrusted"


@pytest.mark.asyncio
async def test_mode_mix_ups(smtp_server, silent_server, closed_port):
    plain = smtp_server(tls="none", auth_require_tls=False)
    implicit = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls")
    cases = [
        (config_for(plain, Security.STARTTLS), "starttls_unsupported"),
        (config_for(plain, Security.SSL), "tls_handshake_failed"),
        (config_for(implicit, Security.NONE), "greeting_timeout"),
        (config_for(starttls, Security.NONE), "auth_unsupported"),
        (config_for(plain, Security.NONE).with_(port=silent_server.port), "greeting_timeout"),
        (config_for(plain, Security.NONE).with_(port=closed_port.port), "connect_refused"),
        (config_for(plain, Security.NONE).with_(host="no-such-host.invalid"), "dns_failed"),
    ]
    for config, code in cases:
        result = await probe(config)
        assert result.diagnosis.code == code, (config.label, result.diagnosis.render("en"))
        assert result.diagnosis.title.en and result.diagnosis.next_step.zh
        assert_no_secret(result, config)


@pytest.mark.asyncio
async def test_connect_timeout(blackhole_server, smtp_server):
    server = smtp_server(tls="none")
    # the connect timeout is 1 s, every other one longer than any test may run: only the
    # connect timeout can end this wait (the times are bench/matrix_timeout.py's)
    config = config_for(server, Security.NONE).with_(
        port=blackhole_server.port,
        timeouts=Timeouts(connect=1.0, greeting=3600.0, command=3600.0))
    result = await probe(config)
    assert result.diagnosis.code == "connect_timeout"
    said = [e.text for e in result.events if e.text.startswith("no answer from")]
    assert said == [f"no answer from 127.0.0.1 port {blackhole_server.port} within 1.0 s"]


@pytest.mark.asyncio
async def test_envelope_check(smtp_server):
    server = smtp_server(tls="none", auth_require_tls=False, reject_sender={"bad@example.com"},
                         reject_rcpt={"nobody@example.com"})
    config = config_for(server, Security.NONE)
    sender = await probe(config, mail_from="bad@example.com", rcpt_to=["b@example.com"])
    assert sender.diagnosis.code == "sender_rejected" and "550" in sender.diagnosis.reply
    rcpt = await probe(config, mail_from="a@example.com", rcpt_to=["nobody@example.com"])
    assert rcpt.diagnosis.code == "recipient_rejected"
    assert server.commands[-1] == "QUIT"  # a refusal ends politely, not with a hang-up
    assert not server.messages  # a probe never sends DATA


@pytest.mark.asyncio
async def test_matrix_finishes_in_one_connect_timeout_and_recommends_the_best(
        smtp_server, blackhole_server, closed_port):
    implicit = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls_required", password=implicit.password)
    plain = smtp_server(tls="none", auth_require_tls=False, password=implicit.password)
    combos = [(implicit.port, Security.SSL), (starttls.port, Security.STARTTLS),
              (blackhole_server.port, Security.STARTTLS), (plain.port, Security.NONE)]
    config = config_for(implicit, Security.SSL, backup_host="127.0.0.2")
    seen: dict[int, int] = {}
    timeline: list[str] = []  # attempts starting, and the first connect timeout

    def on_event(index: int, event: TranscriptEvent) -> None:
        seen[index] = seen.get(index, 0) + 1
        if event.text.startswith("no answer from"):
            timeline.append("timeout")

    matrix = await probe_all(config, combos=combos, on_event=on_event,
                             on_start=lambda i, _host, _cfg: timeline.append(f"start {i}"))
    # Concurrent, not one after the other, proved by order rather than by the clock (the
    # times are bench/matrix_timeout.py's): all eight attempts were under way before the
    # blackholed one gave up after its connect timeout.
    assert "timeout" in timeline
    assert set(timeline[:timeline.index("timeout")]) == {f"start {i}" for i in range(8)}
    assert len(matrix.results) == 8 and sorted(seen) == list(range(8))
    codes = [r.diagnosis.code for r in matrix.results]
    # one login, on SSL; STARTTLS verified without one; plain: no password without TLS
    assert codes[:4] == ["connection_ok", "connection_ok", "connect_timeout",
                         "plaintext_login_refused"]
    assert codes[4:] == ["connect_refused"] * 4  # nothing listens on the backup 127.0.0.2
    assert (implicit.auth_attempts, starttls.auth_attempts, plain.auth_attempts) == (1, 0, 0)
    assert matrix.login_attempts == 1 and matrix.login is matrix.results[0]
    assert matrix.recommended is matrix.results[0]
    assert "login not tried: verified on SSL (" in matrix.results[1].verified.en
    assert matrix.results[2].diagnosis.alternative.en.startswith("SSL (")
    assert "改用這個組合可以成功：SSL 加密" in matrix.results[2].diagnosis.render("zh_TW")
    for result in matrix.results:
        assert_no_secret(result, config)
    report = render_report(config, matrix.results, lang="zh_TW", recommended=matrix.recommended)
    assert "建議使用" in report and report.count("```") == 16


@pytest.mark.asyncio
async def test_a_server_echoing_the_password_is_redacted_everywhere(smtp_server, certs):
    """Not a real relay's habit, but a proxy or a debug server may echo what it got."""
    password = "Echo-密碼-0042"
    server = smtp_server(tls="implicit", password=password,
                         greeting=f"echo.test ready, you typed {password}")
    config = config_for(server, Security.SSL)
    result = await probe(config)
    assert result.ok
    assert "<redacted>" in result.diagnosis.reply
    assert_no_secret(result, config)


@pytest.mark.asyncio
async def test_not_smtp_at_all_is_a_protocol_error():
    """An HTTP proxy (or the wrong port) answering: a diagnosis, not a crash."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def answer() -> None:
        conn, _ = listener.accept()
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")
        conn.recv(100)
        conn.close()

    thread = threading.Thread(target=answer)
    thread.start()
    try:
        config = ServerConfig("127.0.0.1", listener.getsockname()[1], Security.NONE,
                              timeouts=FAST)
        result = await probe(config)
    finally:
        thread.join(5)
        listener.close()
    assert result.diagnosis.code == "protocol_error"
    assert "HTTP/1.1 400" in "\n".join(e.text for e in result.events)


@pytest.mark.asyncio
async def test_a_server_offering_only_cram_md5_is_said_as_such(smtp_server):
    """QA3 finding 4: "did not offer a login … try 465 with SSL" on an SSL connection whose
    server offered AUTH CRAM-MD5 only. Now: the mechanisms offered and used, the operator's
    step, no advice to use what was just used, and no AUTH at the server."""
    server = smtp_server(tls="implicit", auth_mechanisms=("CRAM-MD5",))
    config = config_for(server, Security.SSL)
    result = await probe(config)
    diagnosis = result.diagnosis
    assert diagnosis.code == "auth_unsupported" and diagnosis.facts["mechanisms"] == "CRAM-MD5"
    assert server.auth_attempts == 0 and server.commands[-1] == "QUIT"
    en, zh = diagnosis.render("en"), diagnosis.render("zh_TW")
    assert "but only with CRAM-MD5" in en and "PLAIN or LOGIN" in en
    assert "did not offer a login" not in en and not names_port(en, 465, 587)
    assert "enable login with AUTH PLAIN or LOGIN over TLS" in diagnosis.next_step.en
    assert "只提供 CRAM-MD5" in zh and not names_port(zh, 465) and english_words(zh) == [], zh
    assert_no_secret(result, config)


@pytest.mark.asyncio
async def test_no_login_on_an_encrypted_connection_does_not_advise_encryption(smtp_server):
    server = smtp_server(tls="implicit", auth=False)
    result = await probe(config_for(server, Security.SSL))
    diagnosis = result.diagnosis
    assert diagnosis.code == "auth_unsupported" and server.auth_attempts == 0
    en = diagnosis.render("en")
    assert "already encrypted" in en and not names_port(en, 465)
    assert "once the connection" not in en
    assert "AUTH PLAIN or LOGIN on this port" in diagnosis.next_step.en


@pytest.mark.asyncio
async def test_no_login_without_encryption_still_advises_encryption(smtp_server):
    server = smtp_server(tls="starttls")  # AUTH offered only after STARTTLS
    result = await probe(config_for(server, Security.NONE))
    assert result.diagnosis.code == "auth_unsupported"
    assert "once the connection is encrypted" in result.diagnosis.explain.en


def test_the_relays_words_for_unusable_mechanisms_name_its_support_not_a_port():
    from omidesk.core.smtp.diagnosis_text import DIAGNOSES

    for key in ("auth_unsupported/mechanisms", "auth_unsupported/encrypted"):
        relay = DIAGNOSES[key].wording(relay=True)
        assert "沛盛資訊" in relay.next_step.en and "沛盛資訊客服" in relay.next_step.zh
        assert not names_port(relay.next_step.en + relay.explain.en, 465)


@pytest.mark.asyncio
async def test_a_greeting_that_never_comes_after_tls_does_not_blame_a_mix_up(smtp_server):
    """QA3 finding 5: greeting_timeout after a TLS handshake that worked said "most often SSL
    and STARTTLS are mixed up"."""
    slow = smtp_server(tls="implicit", greeting_delay=4.0)
    result = await probe(config_for(slow, Security.SSL))
    diagnosis = result.diagnosis
    assert diagnosis.code == "greeting_timeout" and slow.connections == 1
    en, zh = diagnosis.render("en"), diagnosis.render("zh_TW")
    assert "the encryption (SSL" in en and "within 1 s" in en and "busy" in en
    assert "mixed up" not in en and "Match the encryption" not in en
    assert "1 秒內" in zh and "設反" not in zh and english_words(zh) == [], zh
    # without TLS the mix-up is still the likely cause
    implicit = smtp_server(tls="implicit")
    mixed = await probe(config_for(implicit, Security.NONE))
    assert mixed.diagnosis.code == "greeting_timeout" and "mixed up" in mixed.diagnosis.explain.en


@pytest.mark.asyncio
async def test_a_helo_only_server_is_said_to_have_refused_ehlo(smtp_server):
    """QA3 finding 23: a server that answers EHLO 502 and takes HELO offers no extensions;
    on SSL the probe said "did not offer a login … often only once the connection is
    encrypted". Now: EHLO refused, hence no login; the operator or another server."""
    server = smtp_server(tls="implicit", ehlo=False)
    config = config_for(server, Security.SSL)
    result = await probe(config)
    diagnosis = result.diagnosis
    assert diagnosis.code == "auth_unsupported" and server.auth_attempts == 0
    assert [c.split(" ")[0] for c in server.commands] == ["EHLO", "HELO", "QUIT"]
    assert diagnosis.reply.startswith("502")
    en, zh = diagnosis.render("en"), diagnosis.render("zh_TW")
    assert "refused EHLO" in en and "no extensions at all" in en and "502" in en
    assert "once the connection" not in en and "already encrypted" not in en
    assert not names_port(en, 465, 587)
    assert "operator" in diagnosis.next_step.en and "different server" in diagnosis.next_step.en
    assert "拒絕 EHLO" in zh and not names_port(zh, 465) and english_words(zh) == [], zh
    assert_no_secret(result, config)
    # the relay's own words name its support, and no port either
    from omidesk.core.smtp.diagnosis_text import DIAGNOSES

    relay = DIAGNOSES["auth_unsupported/no_ehlo"].wording(relay=True)
    assert "沛盛資訊" in relay.next_step.en and not names_port(relay.next_step.en, 465)


@pytest.mark.asyncio
@pytest.mark.parametrize("how", ["drop_after_auth", "reset_after_auth"])
async def test_a_server_dropping_the_session_after_the_login_does_not_work(smtp_server, how):
    """QA3 finding 27: a server that hangs up right after its 235 was "Connection works"
    (QUIT without a reply passed over). Now: not ok, "the login was accepted, then the server
    closed the connection" — one AUTH, over TLS, at the server (the matrix: test_one_login)."""
    server = smtp_server(tls="implicit", **{how: True})  # hung up before / after the QUIT
    config = config_for(server, Security.SSL)
    result = await probe(config)
    diagnosis = result.diagnosis
    assert not result.ok and result.authenticated is True
    assert diagnosis.code == "connection_lost"
    assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)]
    en, zh = diagnosis.render("en"), diagnosis.render("zh_TW")
    assert diagnosis.title.en == "Login accepted, then the server closed the connection"
    assert "accepted the login" in en and "unstable" not in en and "login worked" in en
    assert "登入成功後" in zh and english_words(zh.replace(server.user, "")) == [], zh
    assert_no_secret(result, config)


@pytest.mark.asyncio
async def test_a_server_answering_quit_after_the_login_still_works(smtp_server):
    server = smtp_server(tls="implicit")
    result = await probe(config_for(server, Security.SSL))
    assert result.ok and server.commands[-1] == "QUIT"
