"""The transcript's own notes in 繁中 (issue 17: "the transcript's own `**` notes (connecting,
DNS, certificate facts)" were English inside a 繁中 run): the real engine against real servers
on 127.0.0.1 in many situations, and every note it wrote has its 繁中 words (notes.py), with
no English word left outside the values it carries; protocol lines stay as they are."""

from __future__ import annotations

import pytest

from omidesk.core.smtp import Security, probe, probe_all
from omidesk.core.smtp.notes import note_text
from omidesk.core.smtp.report import render_report
from tests.helpers.smtp_client import config_for
from tests.helpers.zh_text import english_words

# Values a note carries that stay as they are: the operating system's and OpenSSL's own words.
VALUES = {"Connect", "call", "failed", "Errno", "Connection", "refused", "reset", "by", "peer",
          "wrong", "version", "number", "record", "layer", "failure", "packet", "length",
          "too", "long", "unexpected", "eof", "while", "reading", "Name", "or", "service",
          "not", "known", "Temporary", "in", "resolution", "none", "Testing", "cert", "trustme",
          "v", "OU", "CN", "O", "L", "ST", "C"}


async def notes_of(configs) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    for config in configs:
        result = await probe(config)
        found += [e.text for e in result.events if e.direction == "**"]
    return found


@pytest.mark.asyncio
async def test_every_note_of_the_engine_is_worded_in_chinese(smtp_server, silent_server,
                                                             closed_port):
    implicit = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls")
    plain = smtp_server(tls="none", auth_require_tls=False)
    wrong = smtp_server(tls="implicit", cert="wrong_name")
    expired = smtp_server(tls="starttls", cert="expired")
    configs = [
        config_for(implicit, Security.SSL),
        config_for(starttls, Security.STARTTLS),
        config_for(plain, Security.NONE),
        config_for(plain, Security.NONE, allow_plaintext_login=False),
        config_for(plain, Security.STARTTLS),
        config_for(plain, Security.SSL),
        config_for(wrong, Security.SSL, host="localhost"),
        config_for(expired, Security.STARTTLS, host="localhost"),
        config_for(plain, Security.NONE).with_(port=silent_server.port),
        config_for(plain, Security.NONE).with_(port=closed_port.port),
        config_for(plain, Security.NONE).with_(host="no-such-host.invalid"),
    ]
    notes = await notes_of(configs)
    matrix = await probe_all(config_for(implicit, Security.SSL).with_(backup_host=""))
    notes += [e.text for r in matrix.results for e in r.events if e.direction == "**"]
    assert len(set(notes)) > 25
    unknown = sorted({n for n in notes if note_text(n).zh == n})
    assert not unknown, unknown
    left = {n: english_words(note_text(n).zh, allow=VALUES) for n in set(notes)
            if not n.startswith(("certificate subject:", "certificate issuer:"))}  # values
    assert not {n: w for n, w in left.items() if w}, {n: w for n, w in left.items() if w}
    report = render_report(configs[0], matrix.results, lang="zh_TW")
    assert "正在解析" in report or "已連線到" in report
    assert "TCP connected" not in report and "verification passed" not in report


def test_protocol_lines_stay_as_they_are():
    from omidesk.core.smtp.transcript import TranscriptEvent

    server = TranscriptEvent(12, "<<", "220 smtp.itpison.com ESMTP ready", tls=False)
    note = TranscriptEvent(13, "**", "TLS established: TLSv1.3, cipher TLS_AES_256_GCM_SHA384",
                           tls=True)
    assert server.render("zh_TW") == server.render("en")
    assert note.render("zh_TW").endswith("** TLS 已建立：TLSv1.3，加密套件 TLS_AES_256_GCM_SHA384")
    assert note.render("en").endswith("** TLS established: TLSv1.3, cipher "
                                      "TLS_AES_256_GCM_SHA384")
