"""Sending a mailing individually: one message per recipient over one reused SMTP session,
each recipient's state written to the Journal before and after its SMTP transaction.

Rules (see journal.py): 250 -> sent; 4xx on RCPT/DATA (421 included) -> deferred with an
exponential backoff; 5xx -> failed with the reply; connection lost before the data went out ->
deferred (nothing reached the server); connection lost after the data went out and before the
reply -> unknown (never resent silently). After 421 or a lost connection the session is
reopened for the rest.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import SMTPFailure, SMTPReplyError, ValidationError
from .journal import Entry, Journal, State, content_fingerprint
from .merge import render_draft
from .message import Draft, OutgoingMessage, build_message
from .recipients import RecipientList, Row
from .smtp.config import ServerConfig
from .smtp.send import launch_id, open_session
from .smtp.session import Session, reply_text
from .smtp.transcript import Redactor, Transcript, TranscriptEvent

DEFAULT_BACKOFF: tuple[float, ...] = (60.0, 300.0, 900.0, 3600.0)


@dataclass(frozen=True)
class Progress:
    """Handed to on_progress after each recipient's transaction."""

    entry: Entry  # the recipient just handled, as the journal now has it
    summary: dict[str, int]
    done: int  # sent + failed + unknown (final for this mailing)
    total: int
    rate_per_minute: float  # messages handled per minute in this run
    seconds_left: float | None  # estimate for the queued ones at that rate


def individual_messages(draft: Draft) -> Callable[[Row], OutgoingMessage]:
    """The usual make_message: the draft rendered for the row (To = the row), then built."""
    def make(row: Row) -> OutgoingMessage:
        return build_message(render_draft(draft, row))
    return make


def draft_fingerprint(draft: Draft, recipients: Sequence[Row] | RecipientList) -> str:
    """The journal fingerprint of a mailing made from this draft and list."""
    return content_fingerprint(subject=draft.subject, html=draft.html, text=draft.text,
                               recipients=recipients,
                               extra=f"{draft.from_addr}|{draft.from_name}")


def backoff_delay(attempts: int, backoff: Sequence[float]) -> float:
    """Delay before the next try after `attempts` tries (1-based), from the backoff table."""
    if not backoff:
        return 0.0
    return float(backoff[min(max(attempts, 1), len(backoff)) - 1])


class _Run:
    def __init__(self, config: ServerConfig, journal: Journal,
                 make_message: Callable[[Row], OutgoingMessage], *,
                 rate_per_minute: float | None, on_progress: Callable[[Progress], None] | None,
                 resume_event: asyncio.Event | None, max_attempts: int,
                 backoff: Sequence[float],
                 on_event: Callable[[TranscriptEvent], None] | None) -> None:
        self.config, self.journal, self.make_message = config, journal, make_message
        self.interval = 60.0 / rate_per_minute if rate_per_minute else 0.0
        self.on_progress, self.resume_event = on_progress, resume_event
        self.max_attempts, self.backoff = max(1, max_attempts), tuple(backoff)
        self.transcript = Transcript(redactor=Redactor(config.user, config.secrets()),
                                     on_event=on_event)
        self.session: Session | None = None
        self.tries: dict[str, int] = {}  # attempts in this run, per address key
        self.last_start: float | None = None
        self.started = time.monotonic()
        self.handled = 0

    # -- the loop ------------------------------------------------------------------------------
    async def run(self) -> dict[str, int]:
        try:
            while True:
                if self.resume_event is not None:
                    await self.resume_event.wait()
                entry = self._next()
                if entry is None:
                    wait = self._next_retry_in()
                    if wait is None:
                        break
                    await asyncio.sleep(wait)
                    continue
                await self._throttle()
                await self._send_one(entry)
        finally:
            await self._close()
        return self.journal.summary()

    def _next(self) -> Entry | None:
        for entry in self.journal.due():
            if entry.state is State.QUEUED or \
                    self.tries.get(entry.address.lower(), 0) < self.max_attempts:
                return entry
        return None

    def _next_retry_in(self) -> float | None:
        """Seconds until a deferred row this run may still retry comes due, or None."""
        now, soonest = time.time(), None
        for entry in self.journal.entries(State.DEFERRED):
            if self.tries.get(entry.address.lower(), 0) >= self.max_attempts:
                continue
            at = entry.next_attempt_at or now
            soonest = at if soonest is None else min(soonest, at)
        return None if soonest is None else max(soonest - now, 0.0)

    async def _throttle(self) -> None:
        now = time.monotonic()
        if self.interval and self.last_start is not None:
            wait = self.last_start + self.interval - now
            if wait > 0:
                await asyncio.sleep(wait)
        self.last_start = time.monotonic()

    async def _session(self) -> Session:
        if self.session is None:
            self.session, _ = await open_session(self.config, self.transcript)
        return self.session

    async def _close(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        try:
            await asyncio.shield(session.quit())
        except (asyncio.CancelledError, SMTPFailure, OSError):
            pass
        finally:
            session.close()

    def _drop_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    # -- one recipient -------------------------------------------------------------------------
    async def _send_one(self, entry: Entry) -> None:
        journal, address = self.journal, entry.address
        key = address.lower()
        try:
            outgoing = self.make_message(entry.row())
        except ValidationError as exc:
            journal.mark_failed(address, reason=f"message: {exc.message('en')}")
            self._progress(address)
            return
        session = await self._session()  # a connect/login failure ends the run, all queued
        self.tries[key] = self.tries.get(key, 0) + 1
        journal.mark_sending(address)
        data_phase = False
        try:
            data = outgoing.as_bytes()
            await session.mail_from(outgoing.mail_from, size=len(data))
            envelope = await session.rcpt_to(outgoing.rcpt_to)
            mine = next((a for a in outgoing.rcpt_to if a.lower() == key), None)
            refusal = envelope.refused.get(mine) if mine is not None else None
            if refusal is not None or not envelope.accepted:
                refusal = refusal or next(iter(envelope.refused.values()), "refused")
                await session.rset()
                self._refused(address, refusal)
            else:
                journal.mark_data_started(address)
                data_phase = True
                response = await session.data(data)
                final = self.transcript.redact(reply_text(response))
                journal.mark_sent(address, message_id=outgoing.message_id, final_reply=final,
                                  launch_id=launch_id(final))
        except SMTPReplyError as exc:
            if exc.reply.startswith("421") or not exc.reply:
                self._drop_session()
            if data_phase and session.data_sent and not exc.reply:
                self._unknown(address, outgoing, exc)
            else:
                self._refused(address, exc.reply or exc.message("en"))
        except (SMTPFailure, OSError) as exc:  # lost, timed out, garbled: start a new session
            self._drop_session()
            if data_phase and session.data_sent:
                self._unknown(address, outgoing, exc)
            else:
                self._defer(address, f"connection: {exc}")
        except BaseException:  # cancelled: leave the journal as decided as we can
            self._drop_session()
            if data_phase and session.data_sent:
                journal.mark_unknown(address, message_id=outgoing.message_id,
                                     reason="cancelled after the message data went out")
            elif journal.entry(address).state is State.SENDING:
                journal.requeue(address)
            raise
        self._progress(address)

    def _refused(self, address: str, reply: str) -> None:
        reply = self.transcript.redact(reply)
        if reply.startswith("4"):
            self._defer(address, reply)
        else:
            self.journal.mark_failed(address, reason=reply)

    def _defer(self, address: str, reason: str) -> None:
        attempts = self.journal.entry(address).attempts
        self.journal.mark_deferred(
            address, reason=reason,
            next_attempt_at=time.time() + backoff_delay(attempts, self.backoff))

    def _unknown(self, address: str, outgoing: OutgoingMessage, exc: BaseException) -> None:
        self.journal.mark_unknown(
            address, message_id=outgoing.message_id,
            reason=f"connection lost after the message data went out, before the reply "
                   f"({exc}); the server may have it")

    def _progress(self, address: str) -> None:
        self.handled += 1
        if self.on_progress is None:
            return
        summary = self.journal.summary()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.handled / elapsed * 60
        left = summary["queued"] + summary["deferred"]
        self.on_progress(Progress(
            entry=self.journal.entry(address), summary=summary,
            done=summary["sent"] + summary["failed"] + summary["unknown"],
            total=summary["total"], rate_per_minute=rate,
            seconds_left=left / rate * 60 if rate > 0 else None))


async def run_mailing(config: ServerConfig, journal: Journal,
                      make_message: Callable[[Row], OutgoingMessage], *,
                      rate_per_minute: float | None = None,
                      on_progress: Callable[[Progress], None] | None = None,
                      resume_event: asyncio.Event | None = None,
                      max_attempts: int = 3,
                      backoff: Sequence[float] = DEFAULT_BACKOFF,
                      on_event: Callable[[TranscriptEvent], None] | None = None,
                      ) -> dict[str, int]:
    """Send every queued and due-deferred recipient of the journal, one message each, and
    return the journal's summary (counts per state and "total").

    - rate_per_minute: at most this many messages started per minute (None: no limit).
    - resume_event: the run goes on only while it is set; clear it to pause between
      messages, set it to resume.
    - max_attempts: tries per recipient within this run; a 4xx row is retried (after its
      backoff, waiting for it) until then, and stays deferred for a later run afterwards.
    - backoff: seconds to wait after the 1st, 2nd, … try (the last value repeats).
    - Cancel the task to stop: the journal stays consistent.
    A failure to connect or log in is raised (everyone not yet handled stays queued)."""
    run = _Run(config, journal, make_message, rate_per_minute=rate_per_minute,
               on_progress=on_progress, resume_event=resume_event,
               max_attempts=max_attempts, backoff=backoff, on_event=on_event)
    return await run.run()


__all__ = ["run_mailing", "Progress", "individual_messages", "draft_fingerprint",
           "backoff_delay", "DEFAULT_BACKOFF"]
