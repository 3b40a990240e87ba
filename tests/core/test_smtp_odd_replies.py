"""Replies no mail server sends (QA4 #2, #3): an answer past aiosmtplib's 32 KB is said as
longer than any mail server's, in one language, and the transcript keeps its first and last
lines with "… N lines left out"; a greeting whose line never ends is said with what arrived
(neutralised), not as silence or an SSL/STARTTLS mix-up."""

from __future__ import annotations

import pytest

from omidesk.core.smtp import Security, ServerConfig, probe
from omidesk.core.smtp.protocol import HEAD_LINES, TAIL_LINES
from omidesk.core.smtp.report import render_report
from tests.helpers.servers import SilentServer
from tests.helpers.smtp_client import FAST
from tests.helpers.zh_text import english_words

BIG_BANNER = b"".join(b"220-" + f"{i:05d}".encode() + b"x" * 65 + b"\r\n" for i in range(30000))


def _config(server: SilentServer) -> ServerConfig:
    return ServerConfig(host="127.0.0.1", port=server.port, security=Security.NONE,
                        user="qa", password="Pw-秘密!123", timeouts=FAST)


@pytest.mark.asyncio
async def test_an_answer_longer_than_any_mail_servers_is_said_so_and_cut_short() -> None:
    with SilentServer(greeting=BIG_BANNER + b"220 done\r\n") as server:
        result = await probe(_config(server))
    diagnosis = result.diagnosis
    assert diagnosis.code == "protocol_error" and server.connections == 1
    en, zh = diagnosis.render("en"), diagnosis.render("zh_TW")
    assert "longer than any mail server" in en and "32 KB" in en and "—" not in en
    assert "Response too long" not in en and "Response too long" not in zh
    assert "“—”" not in en and "「—」" not in zh
    assert "郵件伺服器" in zh and "32 KB" in zh and english_words(zh) == [], zh
    # the transcript: the first lines, "… N lines left out", the last ones; never 2 MB
    shown = [e.text for e in result.events if e.direction == "<<"]
    assert shown[0].startswith("220-00000") and len(shown) <= HEAD_LINES + TAIL_LINES + 1
    left_out = [e.text for e in result.events if "lines left out" in e.text]
    assert left_out and left_out[0].startswith("… ")
    report = render_report(_config(server), [result], lang="zh_TW")
    assert len(report) < 20_000 and "略過" in report and "Response too long" not in report


@pytest.mark.asyncio
async def test_one_endless_line_is_said_as_one_line() -> None:
    with SilentServer(greeting=b"220 " + b"z" * 2_000_000 + b"\r\n") as server:
        result = await probe(_config(server))
    diagnosis = result.diagnosis
    assert diagnosis.code == "protocol_error"
    assert "one line of more than 32 KB" in diagnosis.render("en")
    assert all(len(e.text) < 1200 for e in result.events)


@pytest.mark.asyncio
async def test_a_greeting_whose_line_never_ends_is_shown_not_called_silence() -> None:
    greeting = "220 qa4.test ESMTP no line end \x1b[2J\u202e".encode()
    with SilentServer(greeting=greeting) as server:
        result = await probe(_config(server))
    diagnosis = result.diagnosis
    assert diagnosis.code == "protocol_error" and server.connections == 1
    en, zh = diagnosis.render("en"), diagnosis.render("zh_TW")
    assert "never ended the line" in en
    assert "220 qa4.test ESMTP no line end \\x1b[2J\\u202e" in en  # what came, neutralised
    assert "\x1b" not in en + zh and "\u202e" not in en + zh
    assert "mixed up" not in en and "said nothing" not in en
    assert "設反" not in zh and "「220 qa4.test ESMTP no line end" in zh
    assert english_words(zh, allow={"qa4", "test", "ESMTP", "no", "line", "end", "x1b",
                                    "u202e", "J"}) == [], zh
    notes = [e.text for e in result.events if e.direction == "**"]
    assert any("never ended the line" in n for n in notes)
    # no QUIT sent into a line that never ends: the connection is closed at once
    assert not any(e.text == "QUIT" for e in result.events)


@pytest.mark.asyncio
async def test_a_server_that_sends_nothing_is_still_silence() -> None:
    with SilentServer() as server:
        result = await probe(_config(server))
    assert result.diagnosis.code == "greeting_timeout"
    assert "said nothing" in result.diagnosis.render("en")
