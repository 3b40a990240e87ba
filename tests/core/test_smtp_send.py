"""Sending against real local servers: outcomes, LaunchID, failover, and the ambiguous drop."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser

import pytest

from omidesk.core.message import Draft, build_message
from omidesk.core.smtp import Security, send_message
from omidesk.core.smtp.testmessage import draft_test_message
from tests.helpers.smtp_client import config_for, secret_forms


def outgoing(**changes):
    draft = Draft(from_addr="wang@example.com", from_name="王小明",
                  to=["li@example.com", "nobody@example.com"], bcc=["hidden@example.com"],
                  subject="十一月報價", text="您好")
    for key, value in changes.items():
        setattr(draft, key, value)
    return build_message(draft)


def assert_clean(result, config) -> None:
    dump = json.dumps(result.to_dict(), ensure_ascii=False)
    for form in secret_forms(config.user, config.password):
        assert form not in dump


@pytest.mark.asyncio
async def test_send_reports_each_recipient_and_the_launch_id(smtp_server):
    server = smtp_server(tls="implicit", reject_rcpt={"nobody@example.com"})
    config = config_for(server, Security.SSL)
    message = outgoing()
    result = await send_message(config, message)
    assert result.ok and result.diagnosis.code == "ok"
    assert result.launch_id.isdigit() and f"LaunchID={result.launch_id}" in result.final_reply
    assert [(o.address, o.accepted) for o in result.recipients] == [
        ("li@example.com", True), ("nobody@example.com", False), ("hidden@example.com", True)]
    assert result.recipients[1].reply.startswith("550")
    assert len(server.messages) == 1
    got = server.messages[0]
    assert sorted(got.rcpt_tos) == ["hidden@example.com", "li@example.com"]
    parsed = BytesParser(policy=policy.default).parsebytes(got.data)
    assert parsed["Subject"] == "十一月報價" and parsed["Message-ID"] == result.message_id
    assert b"hidden@example.com" not in got.data
    assert any(e.text.startswith("<message: ") for e in result.events)
    assert_clean(result, config)


@pytest.mark.asyncio
async def test_everyone_refused_is_a_failure_without_data(smtp_server):
    server = smtp_server(tls="none", auth_require_tls=False,
                         reject_rcpt={"li@example.com", "nobody@example.com",
                                      "hidden@example.com"})
    result = await send_message(config_for(server, Security.NONE), outgoing())
    assert not result.ok and result.diagnosis.code == "recipient_rejected"
    assert not server.messages and "DATA" not in server.commands


@pytest.mark.asyncio
async def test_temporary_failure_and_size(smtp_server, tmp_path):
    temp = smtp_server(tls="none", auth_require_tls=False, tempfail_rcpt={"li@example.com"},
                       reject_rcpt={"nobody@example.com", "hidden@example.com"})
    result = await send_message(config_for(temp, Security.NONE), outgoing())
    assert result.diagnosis.code == "temporary_failure"
    small = smtp_server(tls="none", auth_require_tls=False, size_limit=2000)
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 5000)
    from omidesk.core.message import Attachment

    result = await send_message(config_for(small, Security.NONE),
                                outgoing(attachments=[Attachment(big)]))
    assert result.diagnosis.code == "message_too_large"
    assert not small.messages
    # the limit the server announced (EHLO SIZE 2000), not "—" (QA 16)
    assert result.diagnosis.facts["size_limit"] == "2 KB (2,000 B)"
    assert "Size limit: 2 KB (2,000 B)." in result.diagnosis.render("en")
    assert "大小上限：2 KB (2,000 B)。" in result.diagnosis.render("zh_TW")


@pytest.mark.asyncio
async def test_421_mid_session(smtp_server):
    server = smtp_server(tls="none", auth_require_tls=False, reply_421_at="MAIL")
    result = await send_message(config_for(server, Security.NONE), outgoing())
    assert result.diagnosis.code == "temporary_failure" and "421" in result.diagnosis.reply


@pytest.mark.asyncio
async def test_drop_during_data_is_marked_unknown(smtp_server):
    server = smtp_server(tls="none", auth_require_tls=False, drop_during_data=True)
    result = await send_message(config_for(server, Security.NONE), outgoing())
    assert result.diagnosis.code == "connection_lost"
    assert result.delivery_unknown


@pytest.mark.asyncio
async def test_fails_over_only_when_the_primary_cannot_be_reached(smtp_server):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL, host="127.0.0.2", backup_host="127.0.0.1")
    result = await send_message(config, outgoing(to=["li@example.com"], bcc=[]))
    assert result.ok and result.failed_over and result.host == "127.0.0.1"
    assert any("trying the backup host" in e.text for e in result.events)
    rejecting = smtp_server(tls="implicit", reject_auth=True)
    config = config_for(rejecting, Security.SSL, backup_host="127.0.0.2")
    result = await send_message(config, outgoing(to=["li@example.com"], bcc=[]))
    assert result.diagnosis.code == "auth_failed" and not result.failed_over
    assert rejecting.auth_attempts == 1


@pytest.mark.asyncio
async def test_test_message_names_the_settings_not_the_password(smtp_server):
    server = smtp_server(tls="starttls_required")
    config = config_for(server, Security.STARTTLS)
    draft = draft_test_message(config, sender="me@example.com")
    result = await send_message(config, build_message(draft))
    assert result.ok and result.launch_id
    body = server.messages[0].data
    parsed = BytesParser(policy=policy.default).parsebytes(body)
    assert parsed["To"].addresses[0].addr_spec == "me@example.com"
    assert str(server.port) in parsed["Subject"] and "starttls" in parsed["Subject"]
    text = parsed.get_content()
    assert "127.0.0.1" in text and server.user in text and "測試郵件" in text
    for form in secret_forms(config.user, config.password):
        assert form.encode() not in body and form not in text


@pytest.mark.asyncio
async def test_refused_data_is_not_recorded_as_a_message_sent(smtp_server):
    server = smtp_server(tls="none", auth_require_tls=False, reply_421_at="DATA")
    result = await send_message(config_for(server, Security.NONE), outgoing(to=["li@example.com"],
                                                                            bcc=[]))
    assert result.diagnosis.code == "temporary_failure" and not result.delivery_unknown
    assert not any(e.text.startswith("<message: ") for e in result.events)


@pytest.mark.asyncio
async def test_cancelling_a_send_while_connecting_closes_the_socket(silent_server):
    import asyncio

    from omidesk.core.smtp import ServerConfig, Timeouts

    config = ServerConfig("127.0.0.1", silent_server.port, Security.NONE,
                          timeouts=Timeouts(5, 30, 30))
    task = asyncio.ensure_future(send_message(config, outgoing(to=["li@example.com"], bcc=[])))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(50):  # the server sees the client hang up
        if silent_server.open_connections == 0:
            break
        await asyncio.sleep(0.02)
    assert silent_server.open_connections == 0
