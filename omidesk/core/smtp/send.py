"""Sending one message: per-recipient outcomes, the final reply, the relay's LaunchID, and
failover to the backup host when the primary cannot be reached (never when it says no, so a
wrong password costs one failed login, primary and backup together)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import SMTPFailure, SMTPReplyError
from ..message import OutgoingMessage
from ..text import Text
from .config import Security, ServerConfig
from .failures import reply_text
from .session import Session
from .transcript import Transcript, TranscriptEvent, redactor_for

if TYPE_CHECKING:  # the diagnoses' texts load when a result is diagnosed, not for a mailing
    from .diagnosis import Diagnosis

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
    password_unencrypted: bool = False  # the login went without TLS (the user allowed it)
    interrupted: bool = False  # cancelled (Ctrl+C): raised as SendInterrupted with this result

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok, "host": self.host, "port": self.port,
            "security": self.security.value, "message_id": self.message_id,
            "launch_id": self.launch_id, "final_reply": self.final_reply,
            "recipients": [vars(r) for r in self.recipients], "failed_over": self.failed_over,
            "delivery_unknown": self.delivery_unknown,
            "password_unencrypted": self.password_unencrypted,
            "interrupted": self.interrupted,
            "elapsed_ms": round(self.elapsed_ms, 1),
            "diagnosis": self.diagnosis.to_dict(), "hosts_tried": self.attempts,
            "transcript": [e.to_dict() for e in self.events],
        }


class SendInterrupted(asyncio.CancelledError):
    """send_message was cancelled (Ctrl+C, a window closing): the cancel goes on, and
    `result` says what it left — every recipient "unknown" once the body went out and no
    reply came back (the server may have it), "not sent" before that; a final reply that
    came before the cancel stands."""

    def __init__(self, result: SendResult) -> None:
        super().__init__("send interrupted")
        self.result = result


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
            from .diagnosis import UNREACHABLE

            session.close()
            if exc.code not in UNREACHABLE or index == len(hosts) - 1:
                raise
            transcript.local(f"{host} cannot be reached ({exc.code}); trying the backup host "
                             f"{hosts[index + 1]}")
        except BaseException:  # cancelled, or anything unexpected: never leave it open
            session.close()
            raise
    raise AssertionError("unreachable")


@dataclass
class Delivery:
    """What deliver() learnt, kept even when it raises: every recipient's RCPT outcome (a
    refused one with the server's reply) and the final reply."""

    recipients: list[RecipientOutcome] = field(default_factory=list)
    final_reply: str = ""


async def deliver(session: Session, outgoing: OutgoingMessage,
                  into: Delivery | None = None) -> Delivery:
    """MAIL, RCPT for everyone, DATA if anyone was accepted. Refused recipients are outcomes,
    not errors, unless nobody was accepted; `into` keeps them either way."""
    delivery = into if into is not None else Delivery()
    await session.mail_from(outgoing.mail_from, size=outgoing.size)
    envelope = await session.rcpt_to(outgoing.rcpt_to)
    outcomes = [RecipientOutcome(a, True) for a in envelope.accepted]
    outcomes += [RecipientOutcome(a, False, r) for a, r in envelope.refused.items()]
    order = {a: i for i, a in enumerate(outgoing.rcpt_to)}
    outcomes.sort(key=lambda o: order[o.address])
    delivery.recipients = outcomes
    if not envelope.accepted:
        await session.rset()
        first = next(iter(envelope.refused.values()), "")
        code = session.recipient_refusal_code(first)
        lines = "; ".join(f"{a}: {r}" for a, r in envelope.refused.items())
        raise SMTPReplyError(Text(f"Every recipient was refused: {lines}",
                                  f"所有收件者都被拒絕：{lines}"), code=code, reply=first)
    response = await session.data(outgoing.body)
    delivery.final_reply = session.transcript.redact(reply_text(response))
    return delivery


def is_delivery_unknown(session: Session | None, exc: BaseException | None) -> bool:
    """The body went out and no answer came back (lost, timed out, garbled): the server may
    have the message. A refusal after DATA (4xx/5xx) is an answer, not unknown."""
    if session is None or exc is None or not session.data_sent:
        return False
    return not (isinstance(exc, SMTPReplyError) and exc.reply)



async def send_message(config: ServerConfig, outgoing: OutgoingMessage, *,
                       on_event: Callable[[TranscriptEvent], None] | None = None,
                       test: bool = False) -> SendResult:
    """Send one message. `test`: it is a test message (the wording of the result says so)."""
    from .diagnosis import PASSWORD_UNENCRYPTED, diagnose
    from .diagnosis_text import AFTER_DATA

    transcript = Transcript(redactor=redactor_for(config), on_event=on_event)
    started = time.perf_counter()
    session: Session | None = None
    failed_over = False
    delivery = Delivery()
    failure: BaseException | None = None
    cancelled = False
    try:
        session, failed_over = await open_session(config, transcript)
        await deliver(session, outgoing, delivery)
        await session.quit()
    except (SMTPFailure, OSError) as exc:
        failure = exc
        if session is not None and isinstance(exc, SMTPReplyError):
            await session.quit()
    except asyncio.CancelledError as exc:  # settled like a lost connection, then raised on
        cancelled = True
        if not delivery.final_reply:  # cancelled during QUIT: the message was accepted
            failure = exc
    finally:
        if session is not None:
            session.close()
    host = session.host if session else config.host
    notes = [PASSWORD_UNENCRYPTED] if session is not None and session.password_in_clear else []
    if isinstance(failure, asyncio.CancelledError):
        unknown = is_delivery_unknown(session, failure)
        diagnosis = diagnose("cancelled", config, host=host, notes=notes,
                             variant=AFTER_DATA if unknown else "send")
        transcript.local(f"interrupted: {'delivery unknown' if unknown else 'not sent'}")
    elif failure is None:
        diagnosis = diagnose("ok", config, host=host, reply=delivery.final_reply,
                             variant="test" if test else "", notes=notes,
                             redact=transcript.redact)
    else:
        unknown = is_delivery_unknown(session, failure)
        diagnosis = diagnose(failure, config, host=host, notes=notes, redact=transcript.redact,
                             variant=AFTER_DATA if unknown else "")
        transcript.local(f"diagnosis: {diagnosis.code}")
    result = SendResult(
        ok=failure is None, host=host, port=config.port, security=config.security,
        message_id=outgoing.message_id, recipients=delivery.recipients,
        final_reply=delivery.final_reply, launch_id=launch_id(delivery.final_reply),
        elapsed_ms=(time.perf_counter() - started) * 1000, events=transcript.events,
        diagnosis=diagnosis, failed_over=failed_over,
        delivery_unknown=is_delivery_unknown(session, failure),
        attempts=[config.host] + ([config.backup_host] if failed_over else []),
        password_unencrypted=bool(session and session.password_in_clear),
        interrupted=cancelled,
    )
    if cancelled:
        raise SendInterrupted(result)
    return result
