"""The right cause every time, against real local servers: a relay that wants a login, a
STARTTLS that breaks after 220, refusals after DATA, every refused recipient's reply, "sent"
versus "test" wording, and relay-specific advice only for the relay."""

from __future__ import annotations

import re

import pytest

from omidesk.core.errors import SMTPFailure
from omidesk.core.message import Draft, build_message
from omidesk.core.sentlog import Outcome, Source, record_from_send_result
from omidesk.core.smtp import Security, diagnose, probe, relay_config, send_message
from omidesk.core.smtp.diagnosis_text import DIAGNOSES
from omidesk.core.smtp.tls import suggest_host
from tests.helpers.smtp_client import config_for

RELAY_WORDS = re.compile(r"OMICard|NewerMail|itpison|沛盛|manual|手冊|§")


def outgoing(to: list[str]):  # type: ignore[no-untyped-def]
    return build_message(Draft(from_addr="wang@example.com", to=to, subject="報價",
                               text="您好"))


@pytest.mark.asyncio
async def test_relay_access_denied_is_log_in_first_not_a_typo(smtp_server):
    server = smtp_server(tls="implicit", relay_denied=True)
    anonymous = config_for(server, Security.SSL, user="", password="")
    result = await probe(anonymous, mail_from="a@example.com", rcpt_to=["b@example.com"])
    assert result.diagnosis.code == "relay_denied"
    assert "Relay access denied" in result.diagnosis.reply
    assert "wants a login" in result.diagnosis.render("en")
    assert "typo" not in result.diagnosis.render("en")
    logged_in = await probe(config_for(server, Security.SSL), mail_from="a@example.com",
                            rcpt_to=["b@example.com"])
    assert logged_in.ok  # the same recipient, accepted once logged in
    sent = await send_message(anonymous, outgoing(["b@example.com", "c@example.com"]))
    assert sent.diagnosis.code == "relay_denied" and not server.messages
    assert [(r.address, r.accepted) for r in sent.recipients] == \
        [("b@example.com", False), ("c@example.com", False)]
    assert all("Relay access denied" in r.reply for r in sent.recipients)


@pytest.mark.asyncio
async def test_authentication_required_at_mail_from_is_relay_denied(smtp_server):
    server = smtp_server(tls="implicit", auth_required=True)
    result = await probe(config_for(server, Security.SSL, user="", password=""),
                         mail_from="a@example.com", rcpt_to=["b@example.com"])
    assert result.diagnosis.code == "relay_denied" and result.diagnosis.reply.startswith("530")


@pytest.mark.asyncio
async def test_a_wrong_address_is_still_a_recipient_problem(smtp_server):
    server = smtp_server(tls="implicit", reject_rcpt={"nobody@example.com"})
    result = await probe(config_for(server, Security.SSL), mail_from="a@example.com",
                         rcpt_to=["nobody@example.com"])
    assert result.diagnosis.code == "recipient_rejected"


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", ["garbage", "alert", "close"])
async def test_a_tls_failure_after_220_is_the_servers_fault(smtp_server, fault):
    server = smtp_server(tls="starttls", starttls_fault=fault)
    result = await probe(config_for(server, Security.STARTTLS))
    diagnosis = result.diagnosis
    assert diagnosis.code == "tls_handshake_failed", diagnosis.render("en")
    text = diagnosis.render("en")
    assert "agreed to encrypt the connection" in text and "not a setting of yours" in text
    assert "Often SSL was chosen" not in text
    assert "同意加密連線" in diagnosis.render("zh_TW")
    assert server.auth_attempts == 0 and not result.login_tried


@pytest.mark.asyncio
async def test_ssl_on_a_plain_port_keeps_its_own_explanation(smtp_server):
    server = smtp_server(tls="none", auth_require_tls=False)
    result = await probe(config_for(server, Security.SSL))
    assert result.diagnosis.code == "tls_handshake_failed"
    assert "Often SSL was chosen" in result.diagnosis.render("en")


@pytest.mark.asyncio
@pytest.mark.parametrize("reply, code, outcome", [
    ("554 5.7.1 Message rejected as spam", "message_rejected", Outcome.REFUSED),
    ("451 4.7.1 Greylisted, try again later", "temporary_failure", Outcome.DEFERRED),
])
async def test_a_reply_after_data_is_a_refusal_not_unknown(smtp_server, reply, code, outcome):
    server = smtp_server(tls="implicit", data_reply=reply)
    message = outgoing(["li@example.com"])
    result = await send_message(config_for(server, Security.SSL), message)
    assert result.diagnosis.code == code and not result.ok
    assert result.delivery_unknown is False and result.to_dict()["delivery_unknown"] is False
    record = record_from_send_result(result, message, account="a", source=Source.CLI)
    assert [(r.outcome, r.reply) for r in record.recipients] == [(outcome, reply)]


@pytest.mark.asyncio
async def test_lost_after_the_body_is_unknown_in_the_result_and_the_sent_log(smtp_server):
    server = smtp_server(tls="implicit", drop_during_data=True)
    message = outgoing(["li@example.com", "chen@example.com"])
    result = await send_message(config_for(server, Security.SSL), message)
    assert result.delivery_unknown and result.diagnosis.code == "connection_lost"
    assert [r.accepted for r in result.recipients] == [True, True]
    record = record_from_send_result(result, message, account="a", source=Source.CLI)
    assert [r.outcome for r in record.recipients] == [Outcome.UNKNOWN, Outcome.UNKNOWN]


@pytest.mark.asyncio
async def test_lost_before_the_body_is_not_sent(smtp_server):
    server = smtp_server(tls="implicit", reply_421_at="DATA")
    message = outgoing(["li@example.com"])
    result = await send_message(config_for(server, Security.SSL), message)
    assert not result.delivery_unknown
    record = record_from_send_result(result, message, account="a", source=Source.CLI)
    assert record.recipients[0].outcome in (Outcome.DEFERRED, Outcome.NOT_SENT)
    assert record.recipients[0].outcome is not Outcome.UNKNOWN


@pytest.mark.asyncio
async def test_every_refused_recipient_keeps_its_reply(smtp_server):
    server = smtp_server(tls="implicit", reject_rcpt={"a@example.com", "b@example.com"},
                         tempfail_rcpt={"c@example.com"})
    message = outgoing(["a@example.com", "b@example.com", "c@example.com"])
    result = await send_message(config_for(server, Security.SSL), message)
    assert not result.ok and result.diagnosis.code == "recipient_rejected"
    replies = {r.address: r.reply for r in result.recipients}
    assert replies == {"a@example.com": "550 5.1.1 User unknown",
                       "b@example.com": "550 5.1.1 User unknown",
                       "c@example.com": "451 4.3.0 Try again later"}
    assert result.to_dict()["recipients"] == [
        {"address": a, "accepted": False, "reply": r} for a, r in replies.items()]
    record = record_from_send_result(result, message, account="a", source=Source.CLI)
    assert [(r.address, r.outcome, r.reply) for r in record.recipients] == [
        ("a@example.com", Outcome.REFUSED, "550 5.1.1 User unknown"),
        ("b@example.com", Outcome.REFUSED, "550 5.1.1 User unknown"),
        ("c@example.com", Outcome.DEFERRED, "451 4.3.0 Try again later")]


@pytest.mark.asyncio
async def test_a_plain_send_is_a_sent_message_and_a_test_is_a_test(smtp_server):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    sent = await send_message(config, outgoing(["li@example.com"]))
    assert sent.ok and sent.diagnosis.title.en == "Message accepted"
    assert "test" not in sent.diagnosis.render("en").lower()
    assert "測試" not in sent.diagnosis.render("zh_TW")
    test = await send_message(config, outgoing(["me@example.com"]), test=True)
    assert test.diagnosis.title.en == "Test mail accepted"
    assert "測試郵件" in test.diagnosis.render("zh_TW")


@pytest.mark.parametrize("key", sorted(DIAGNOSES))
def test_other_servers_get_no_relay_advice(key):
    """Every code and variant, for a server of one's own: no OMICard, NewerMail,
    smtp.itpison.com, 沛盛資訊 or manual sections."""
    code, _, variant = key.partition("/")
    if variant == "suggest":  # only ever for the relay's own certificate
        return
    other = relay_config().with_(host="mail.example.com", backup_host="")
    diagnosis = diagnose(code, other, variant=variant)
    for lang in ("en", "zh_TW"):
        text = diagnosis.render(lang)
        assert not RELAY_WORDS.search(text), (key, lang, text)


def test_the_relay_gets_its_own_advice():
    relay = relay_config(user="omiuser", password="Pa55-word-密碼")
    assert "NewerMail" in diagnose("auth_failed", relay).render("en")
    assert "手冊 §2.2" in diagnose("auth_failed", relay).render("zh_TW")
    assert "smtp2.itpison.com" in diagnose("temporary_failure", relay).render("en")
    other = relay.with_(host="mail.example.com")
    assert diagnose("auth_failed", other).title.en == "Login refused"


def test_a_name_mismatch_suggests_only_the_relays_own_host():
    assert suggest_host(("*.itpison.com", "itpison.com")) == "smtp.itpison.com"
    assert suggest_host(("smtp2.itpison.com",)) == "smtp2.itpison.com"
    assert suggest_host(("*.ipison.com",)) == ""  # a look-alike: nothing
    assert suggest_host(("mail.example.com", "*.example.com")) == ""


def test_every_failure_text_of_a_session_is_redacted_where_it_is_made():
    from omidesk.core.smtp.session import Session
    from omidesk.core.smtp.transcript import Redactor, Transcript

    config = relay_config(user="omiuser", password="Pa55-word-密碼")
    session = Session(config, Transcript(redactor=Redactor(config.user, config.secrets())))
    failure = session._fail(SMTPFailure, "auth_failed", "535 bad Pa55-word-密碼",
                            "535 錯誤 Pa55-word-密碼", reply="535 Pa55-word-密碼",
                            detail="Pa55-word-密碼")
    assert "Pa55" not in failure.message("en") + failure.message("zh_TW") + failure.reply
    assert "Pa55" not in str(failure) and "Pa55" not in failure.facts["detail"]


POSTFIX_RELAY_454 = "454 4.7.1 <{address}>: Relay access denied"  # defer_unauth_destination
RELAY_RECIPIENT_TABLE = ("550 5.1.1 <nobody@example.com>: Recipient address rejected: User "
                         "unknown in relay recipient table")


@pytest.mark.parametrize(("reply", "relaying"), [
    ("554 5.7.1 <b@example.com>: Relay access denied", True),  # Postfix
    ("454 4.7.1 <b@example.com>: Relay access denied", True),  # Postfix, deferring
    ("550 5.7.1 Relaying denied. Proper authentication required.", True),  # sendmail
    ("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", True),  # Exchange
    ("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", True),  # qmail
    ("550 relay not permitted", True),  # Exim
    ("530 5.7.0 Authentication Required", True),  # Gmail
    (RELAY_RECIPIENT_TABLE, False),  # Postfix relay_recipient_maps: the address is unknown
    ("550 5.1.1 <x@relay.example.com>: User unknown", False),
    ("451 4.3.0 Try again later", False),
    ("250 2.1.5 Ok, relay granted", False),
])
def test_which_replies_are_relay_refusals(reply, relaying):
    from omidesk.core.smtp.failures import is_relay_refusal

    assert is_relay_refusal(reply) is relaying


@pytest.mark.asyncio
async def test_user_unknown_in_the_relay_recipient_table_is_a_recipient_problem(smtp_server):
    """QA finding 4a: the word "relay" alone is no relay refusal."""
    server = smtp_server(tls="implicit", reject_rcpt={"nobody@example.com"},
                         reject_rcpt_reply=RELAY_RECIPIENT_TABLE)
    for config in (config_for(server, Security.SSL),
                   config_for(server, Security.SSL, user="", password="")):
        result = await probe(config, mail_from="a@example.com", rcpt_to=["nobody@example.com"])
        assert result.diagnosis.code == "recipient_rejected", result.diagnosis.render("en")
        assert "relay recipient table" in result.diagnosis.reply
    sent = await send_message(config_for(server, Security.SSL, user="", password=""),
                              outgoing(["nobody@example.com"]))
    assert sent.diagnosis.code == "recipient_rejected"


@pytest.mark.asyncio
async def test_a_454_relay_access_denied_says_log_in_in_probe_and_send(smtp_server):
    """QA finding 4b: Postfix's default for a client that did not log in is a 454 (deferred):
    still relay_denied ("log in first"), neither a typo nor "try again later"."""
    server = smtp_server(tls="implicit", relay_denied=True, relay_reply=POSTFIX_RELAY_454)
    anonymous = config_for(server, Security.SSL, user="", password="")
    result = await probe(anonymous, mail_from="a@example.com", rcpt_to=["b@example.com"])
    assert result.diagnosis.code == "relay_denied" and result.diagnosis.reply.startswith("454")
    text = result.diagnosis.render("en")
    assert "Log in first" in text and "login name and password" in text and "typo" not in text
    assert "登入" in result.diagnosis.render("zh_TW")
    sent = await send_message(anonymous, outgoing(["b@example.com", "c@example.com"]))
    assert sent.diagnosis.code == "relay_denied" and not server.messages
    assert "Log in first" in sent.diagnosis.render("en")
    assert all(r.reply.startswith("454") and not r.accepted for r in sent.recipients)
    record = record_from_send_result(sent, outgoing(["b@example.com", "c@example.com"]),
                                     account="x", source=Source.CLI)
    assert {r.outcome for r in record.recipients} == {Outcome.DEFERRED}
    # logged in, the same recipients are accepted (the probe needs no DATA to show it)
    logged_in = await probe(config_for(server, Security.SSL), mail_from="a@example.com",
                            rcpt_to=["b@example.com"])
    assert logged_in.ok


@pytest.mark.asyncio
async def test_a_temporary_recipient_refusal_in_the_probe_is_temporary(smtp_server):
    server = smtp_server(tls="implicit", tempfail_rcpt={"later@example.com"})
    result = await probe(config_for(server, Security.SSL), mail_from="a@example.com",
                         rcpt_to=["later@example.com"])
    assert result.diagnosis.code == "temporary_failure", result.diagnosis.render("en")


def test_chinese_diagnoses_keep_a_space_between_chinese_and_latin_words():
    """「OMICard 登入帳號與 OMICard 登入密碼」, not 「…與OMICard…」 (QA round 2, finding 30)."""
    import re

    touching = re.compile(r"[\u4e00-\u9fff][A-Za-z]|[A-Za-z][\u4e00-\u9fff]")
    found = []
    for key, text in DIAGNOSES.items():
        for wording in (text.wording(relay=True), text.wording(relay=False)):
            for part in (wording.title, wording.explain, wording.next_step):
                found += [(key, part.zh[max(m.start() - 6, 0):m.end() + 6])
                          for m in touching.finditer(part.zh)]
    assert not found, found
