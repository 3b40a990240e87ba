"""Sending one message: per-recipient outcomes, the final reply, the relay's LaunchID, and
failover to the backup host when the primary cannot be reached (never when it says no)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import SMTPFailure, SMTPReplyError
from ..message import OutgoingMessage
from ..text import Text
from .config import Security, ServerConfig
from .diagnosis import UNREACHABLE, Diagnosis, diagnose
from .session import Session, reply_text
from .transcript import Redactor, Transcript, TranscriptEvent

LAUNCH_ID_RE = re.compile(r"LaunchID=(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class RecipientOutcome:
    address: str
    accepted: bool
    reply: str = ""


@dataclass
class SendResult:
    ok: bool
    host: str
    port: int
    security: Security
    message_id: str
    recipients: list[RecipientOutcome]
    final_reply: str
    launch_id: str
    elapsed_ms: float
    events: list[TranscriptEvent]
    diagnosis: Diagnosis
    failed_over: bool = False
    # The body went out but no reply came back: the server may have accepted it.
    delivery_unknown: bool = False
    attempts: list[str] = field(default_factory=list)  # hosts tried, in order

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok, "host": self.host, "port": self.port,
            "security": self.security.value, "message_id": self.message_id,
            "launch_id": self.launch_id, "final_reply": self.final_reply,
            "recipients": [vars(r) for r in self.recipients], "failed_over": self.failed_over,
            "delivery_unknown": self.delivery_unknown, "elapsed_ms": round(self.elapsed_ms, 1),
            "diagnosis": self.diagnosis.to_dict(), "hosts_tried": self.attempts,
            "transcript": [e.to_dict() for e in self.events],
        }


def launch_id(reply: str) -> str:
    match = LAUNCH_ID_RE.search(reply)
    return match.group(1) if match else ""


async def open_session(config: ServerConfig, transcript: Transcript) -> tuple[Session, bool]:
    """Connected, encrypted as configured, logged in. Tries the backup host only when the
    primary cannot be reached. Returns the session and whether it failed over."""
    hosts = [config.host] + ([config.backup_host] if config.backup_host else [])
    for index, host in enumerate(hosts):
        session = Session(config, transcript, host=host)
        try:
            await session.establish()
            return session, index > 0
        except SMTPFailure as exc:
            session.close()
            if exc.code not in UNREACHABLE or index == len(hosts) - 1:
                raise
            transcript.local(f"{host} cannot be reached ({exc.code}); trying the backup host "
                             f"{hosts[index + 1]}")
        except BaseException:  # cancelled, or anything unexpected: never leave it open
            session.close()
            raise
    raise AssertionError("unreachable")


async def deliver(session: Session, outgoing: OutgoingMessage) -> tuple[list[RecipientOutcome],
                                                                           str]:
    """MAIL, RCPT for everyone, DATA if anyone was accepted. Returns outcomes and final reply;
    refused recipients are outcomes, not errors, unless nobody was accepted."""
    data = outgoing.as_bytes()
    await session.mail_from(outgoing.mail_from, size=len(data))
    envelope = await session.rcpt_to(outgoing.rcpt_to)
    outcomes = [RecipientOutcome(a, True) for a in envelope.accepted]
    outcomes += [RecipientOutcome(a, False, r) for a, r in envelope.refused.items()]
    order = {a: i for i, a in enumerate(outgoing.rcpt_to)}
    outcomes.sort(key=lambda o: order[o.address])
    if not envelope.accepted:
        await session.rset()
        reply = next(iter(envelope.refused.values()), "")
        code = "temporary_failure" if reply.startswith("4") else "recipient_rejected"
        raise SMTPReplyError(Text(f"Every recipient was refused: {reply}",
                                  f"所有收件者都被拒絕：{reply}"), code=code, reply=reply)
    response = await session.data(data)
    return outcomes, reply_text(response)


async def send_message(config: ServerConfig, outgoing: OutgoingMessage, *,
                       on_event: Callable[[TranscriptEvent], None] | None = None) -> SendResult:
    transcript = Transcript(redactor=Redactor(config.user, config.secrets()), on_event=on_event)
    started = time.perf_counter()
    session: Session | None = None
    failed_over = False
    outcomes: list[RecipientOutcome] = []
    final = ""
    try:
        session, failed_over = await open_session(config, transcript)
        outcomes, final = await deliver(session, outgoing)
        await session.quit()
        final = transcript.redact(final)
        outcomes = [RecipientOutcome(o.address, o.accepted, transcript.redact(o.reply))
                    for o in outcomes]
        diagnosis = diagnose("ok", config, host=session.host, reply=final,
                             redact=transcript.redact)
        ok = True
    except (SMTPFailure, OSError) as exc:
        if session is not None and isinstance(exc, SMTPReplyError):
            await session.quit()
        diagnosis = diagnose(exc, config, host=session.host if session else config.host,
                             redact=transcript.redact)
        transcript.local(f"diagnosis: {diagnosis.code}")
        ok = False
    finally:
        if session is not None:
            session.close()
    host = session.host if session else config.host
    return SendResult(
        ok=ok, host=host, port=config.port, security=config.security,
        message_id=outgoing.message_id, recipients=outcomes, final_reply=final,
        launch_id=launch_id(final), elapsed_ms=(time.perf_counter() - started) * 1000,
        events=transcript.events, diagnosis=diagnosis, failed_over=failed_over,
        delivery_unknown=bool(session and session.data_sent and not ok),
        attempts=[config.host] + ([config.backup_host] if failed_over else []),
    )
