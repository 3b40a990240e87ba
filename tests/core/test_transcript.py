from __future__ import annotations

import asyncio
import base64
import time

import pytest

from omidesk.core.smtp import Security, ServerConfig, Timeouts, probe
from omidesk.core.smtp.transcript import REDACTED, Redactor, Transcript
from tests.helpers.loop_turns import SETTLE_TURNS, turns_until


def test_safety_net_redacts_every_form_anywhere():
    user, password = "omiuser", "pässwörd-密碼!"
    raw = password.encode()
    blob = base64.b64encode(b"\0" + user.encode() + b"\0" + raw).decode()
    seen = []
    transcript = Transcript(redactor=Redactor(user, [password]), on_event=seen.append)
    transcript.add("<<", f"535 5.7.8 bad password {password}")  # a server echoing it
    transcript.add(">>", base64.b64encode(raw).decode())  # AUTH LOGIN password line
    transcript.add(">>", f"AUTH PLAIN {blob}")
    transcript.add("**", f"note {base64.b64encode(raw).decode().rstrip('=')}")
    rendered = transcript.render()
    for form in (password, base64.b64encode(raw).decode(), blob):
        assert form not in rendered
    assert rendered.count(REDACTED) == 4
    assert [e.text for e in seen] == [e.text for e in transcript.events]
    assert seen[0].text == f"535 5.7.8 bad password {REDACTED}"


def test_events_carry_time_and_direction():
    transcript = Transcript()
    transcript.local("resolving")
    time.sleep(0.01)
    transcript.add(">>", "EHLO [127.0.0.1]", tls=True)
    first, second = transcript.events
    assert second.ms >= first.ms + 5
    assert second.render().split()[-3:] == [">>", "EHLO", "[127.0.0.1]"]
    assert "TLS" in second.render() and "TLS" not in first.render()


@pytest.mark.asyncio
async def test_cancel_stops_a_probe_at_once(silent_server):
    # timeouts no test outlives: only the cancel can end the probe
    config = ServerConfig("127.0.0.1", silent_server.port, Security.NONE,
                          timeouts=Timeouts(3600, 3600, 3600))
    task = asyncio.ensure_future(probe(config))
    while not silent_server.open_connections:  # connected, waiting for a greeting
        await asyncio.sleep(0.01)
    task.cancel()
    # at once: within a few turns of the loop (counted, not timed), its connection closed
    assert await turns_until(task.done) < SETTLE_TURNS and task.cancelled()
    assert await turns_until(lambda: not silent_server.open_connections) < SETTLE_TURNS
    assert silent_server.connections == 1


def test_the_redactor_neutralises_control_and_bidi_characters_but_keeps_tab_and_newline():
    from omidesk.core.smtp.transcript import Redactor
    from omidesk.core.untrusted import neutralise

    raw = "a\x1b[2Jb\x07c\x9bd\u202ee\u2066f\u2028g\r\x00\th\ni"
    assert neutralise(raw) == ("a\\x1b[2Jb\\x07c\\x9bd\\u202ee\\u2066f\\u2028g\\x0d\\x00\th\ni")
    assert Redactor("u", ["s3cret-pw"])("535 s3cret-pw\x1b[0m") == "535 <redacted>\\x1b[0m"
    assert neutralise("台北 café ✔ 😀") == "台北 café ✔ 😀"  # text stays text


def test_redaction_ignores_letter_case_and_finds_the_base64_at_any_alignment():
    import base64

    from omidesk.core.smtp.transcript import Redactor

    user, password = "omiuser", "Pässwörd-密碼-1234"
    redact = Redactor(user, [password])
    assert password.upper() not in redact(f"535 bad password {password.upper()}")
    assert "<redacted>" in redact(password.lower())
    raw = password.encode()
    for prefix in (b"", b"x", b"xy", b"other-authzid\0", b"\0someone-else\0"):
        blob = base64.b64encode(prefix + raw).decode()
        shown = redact(f"AUTH PLAIN {blob}")
        assert "<redacted>" in shown
        # nothing of the password's own base64 characters is left (at most the edges)
        assert len(shown.replace("AUTH PLAIN ", "").replace("<redacted>", "")) <= \
            len(base64.b64encode(prefix).decode()) + 2, shown
    login_line = base64.b64encode(raw).decode()  # what AUTH LOGIN sends for the password
    assert redact(login_line) == "<redacted>"
    assert redact("250 OK nothing secret") == "250 OK nothing secret"
