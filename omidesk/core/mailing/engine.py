"""Sending a mailing: individually (one personalised message per recipient over one reused
SMTP session) or as one launch (one message, every recipient in the envelope, the relay fans
it out), each recipient's state written to the Journal before and after its SMTP transaction
and every transaction written to the sent log.

Rules (see journal.py): 250 -> sent; 4xx on RCPT/DATA (421 included) -> deferred with an
exponential backoff; 5xx -> failed with the reply; connection lost before the data went out ->
deferred (nothing reached the server); connection lost after the data went out and before the
reply -> unknown (never resent silently). After 421 or a lost connection the session is
reopened for the rest.

A journal write that fails (a full disk) stops the run with the journal's StorageError: each
write is one transaction, so every row is still as last committed — a row whose message went
out but whose "sent" could not be written stays "sending" with its data started, and becomes
"unknown" when the journal is opened again (never resent silently). A sent-log write that
fails does not stop the mailing (the journal, not the log, decides who gets the message): it
is reported once through on_warning.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

from ..errors import SMTPFailure, SMTPReplyError, StorageError, ValidationError
from .. import reasons
from ..journal import Entry, Journal, State
from ..message import OutgoingMessage
from ..outbox import Outbox
from ..sentlog import Outcome, SentRecipient, SentRecord, Source, message_subject
from ..smtp.config import ServerConfig
from ..smtp.diagnosis import redactor_for
from ..smtp.send import is_delivery_unknown, launch_id, open_session
from ..smtp.session import Envelope, Session, reply_text
from ..smtp.transcript import Transcript, TranscriptEvent
from ..text import Text
from .messages import MakeLaunch, MakeMessage, SendMode

DEFAULT_BACKOFF: tuple[float, ...] = (60.0, 300.0, 900.0, 3600.0)
DEFAULT_BATCH = 100  # recipients per launch transaction (RFC 5321 §4.5.3.1.8: 100 at least)


@dataclass(frozen=True)
class MailingSettings:
    """How a mailing is sent: plain data that the Mailing tab and `omidesk mailing` fill from
    their inputs (each checks its own; the engine only clamps batch_size and max_attempts to
    at least 1).

    - mode INDIVIDUAL: make_message(row) per recipient; ONE_LAUNCH: make_message(rows) once
      per batch of `batch_size` recipients, all in one envelope (message_maker gives both).
    - rate_per_minute: at most this many transactions started per minute (None: no limit).
    - max_attempts: tries per recipient within this run; a 4xx row is retried (after its
      backoff, waiting for it) until then, and stays deferred for a later run afterwards.
    - backoff: seconds to wait after the 1st, 2nd, … try (the last value repeats)."""

    mode: SendMode = SendMode.INDIVIDUAL
    batch_size: int = DEFAULT_BATCH
    rate_per_minute: float | None = None
    max_attempts: int = 3
    backoff: tuple[float, ...] = DEFAULT_BACKOFF


@dataclass(frozen=True)
class MailingHooks:
    """What a running mailing tells its caller, and how the caller steers it (all optional).

    - on_progress(Progress): after each recipient's transaction.
    - on_event(TranscriptEvent): the SMTP transcript, redacted.
    - on_unencrypted_login(): a session logged in without TLS (only ever when the
      configuration allows it), so the caller can say the password went unencrypted.
    - on_warning(Text): told once when the sent log cannot be written (the mailing goes on).
    - resume_event: the run goes on only while it is set; clear it to pause between
      messages, set it to resume."""

    on_progress: Callable[[Progress], None] | None = None
    on_event: Callable[[TranscriptEvent], None] | None = None
    on_unencrypted_login: Callable[[], None] | None = None
    on_warning: Callable[[Text], None] | None = None
    resume_event: asyncio.Event | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Progress:
    """Handed to on_progress after each recipient's transaction."""

    entry: Entry  # the recipient just handled, as the journal now has it
    summary: dict[str, int]
    done: int  # sent + failed + unknown (final for this mailing)
    total: int
    rate_per_minute: float  # messages handled per minute in this run
    seconds_left: float | None  # estimate for the queued ones at that rate


def backoff_delay(attempts: int, backoff: Sequence[float]) -> float:
    """Delay before the next try after `attempts` tries (1-based), from the backoff table."""
    if not backoff:
        return 0.0
    return float(backoff[min(max(attempts, 1), len(backoff)) - 1])


class _Run:
    def __init__(self, config: ServerConfig, journal: Journal,
                 make_message: MakeMessage | MakeLaunch, settings: MailingSettings,
                 outbox: Outbox, hooks: MailingHooks) -> None:
        self.config, self.journal, self.make_message = config, journal, make_message
        self.mode = SendMode(settings.mode)
        self.batch_size = max(1, settings.batch_size) if self.mode is SendMode.ONE_LAUNCH else 1
        self.interval = 60.0 / settings.rate_per_minute if settings.rate_per_minute else 0.0
        self.on_progress, self.resume_event = hooks.on_progress, hooks.resume_event
        self.max_attempts, self.backoff = max(1, settings.max_attempts), tuple(settings.backoff)
        self.transcript = Transcript(redactor=redactor_for(config), on_event=hooks.on_event)
        self.on_unencrypted_login = hooks.on_unencrypted_login
        self.outbox = outbox
        self.on_warning = hooks.on_warning
        self.log_failed = False
        self.session: Session | None = None
        # The next transaction's message, built while the server reads the current one.
        self.prefetched: tuple[tuple[str, ...], OutgoingMessage] | None = None
        self.tries: dict[str, int] = {}  # attempts in this run, per address key
        self.exhausted: set[str] = set()  # keys tried max_attempts times in this run
        self.last_start: float | None = None
        self.started = time.monotonic()
        self.handled = 0

    # -- the loop ------------------------------------------------------------------------------
    async def run(self) -> dict[str, int]:
        try:
            task = asyncio.current_task()
            while True:
                # On 3.11 a cancel that meets a reply inside asyncio.wait_for (aiosmtplib's
                # timeouts) can be swallowed: honour it here, between transactions.
                if task is not None and task.cancelling():
                    raise asyncio.CancelledError
                if self.resume_event is not None:
                    await self.resume_event.wait()
                batch = self._next()
                if not batch:
                    wait = self._next_retry_in()
                    if wait is None:
                        break
                    await asyncio.sleep(wait)
                    continue
                await self._throttle()
                await self._transaction(batch)
        finally:
            await self._close()
        return self.journal.summary()

    def _next(self) -> list[Entry]:
        exhausted = self.exhausted
        batch: list[Entry] = []
        for entry in self.journal.due(limit=self.batch_size + len(exhausted)):
            if entry.state is State.QUEUED or entry.address.lower() not in exhausted:
                batch.append(entry)
                if len(batch) == self.batch_size:
                    break
        return batch

    def _next_retry_in(self) -> float | None:
        """Seconds until a deferred row this run may still retry comes due, or None."""
        now, soonest = time.time(), None
        for entry in self.journal.entries(State.DEFERRED):
            if entry.address.lower() in self.exhausted:
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
            if self.session.password_in_clear and self.on_unencrypted_login is not None:
                self.on_unencrypted_login()
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

    # -- one transaction -----------------------------------------------------------------------
    def _make(self, entries: list[Entry]) -> OutgoingMessage:
        """The transaction's message; a file that holds the password fails the row(s) like
        any other problem of the message (secret_scan), before the journal's sending mark."""
        from ..secret_scan import check_attachments

        if self.mode is SendMode.ONE_LAUNCH:
            # run_mailing's caller made the maker for its mode (message_maker, preflight)
            outgoing = cast(MakeLaunch, self.make_message)([e.row() for e in entries])
        else:
            outgoing = cast(MakeMessage, self.make_message)(entries[0].row())
        check_attachments(outgoing, self.config.secrets())
        return outgoing

    def _prefetch(self) -> None:
        """Build the next transaction's message while the server reads this one (client CPU
        and server time overlap instead of adding up). A failure is left for _build to meet."""
        self.prefetched = None
        try:
            entries = self._next()
            if entries:
                self.prefetched = (tuple(e.address for e in entries), self._make(entries))
        except Exception:  # noqa: BLE001 — _build will raise it where it is handled
            self.prefetched = None

    def _build(self, entries: list[Entry]) -> OutgoingMessage | None:
        prefetched, self.prefetched = self.prefetched, None
        if prefetched is not None and prefetched[0] == tuple(e.address for e in entries):
            return prefetched[1]
        try:
            return self._make(entries)
        except ValidationError as exc:
            with self.journal.batch():
                for entry in entries:
                    self.journal.mark_failed(entry.address,
                                             reason=reasons.message_problem(exc.text))
            self._progress([e.address for e in entries])
            return None

    async def _transaction(self, entries: list[Entry]) -> None:
        """One SMTP transaction for these recipients (one, or a launch batch). The journal
        gets one commit before the body goes out (sending, data started) and one after."""
        outgoing = self._build(entries)
        if outgoing is None:
            return
        session = await self._session()  # a connect/login failure ends the run, all queued
        addresses = {e.address.lower(): e.address for e in entries}
        self._count_tries(addresses)
        outcomes: dict[str, SentRecipient] = {}
        pending = dict(addresses)  # not yet decided
        marked = False  # pending rows are marked "sending" (their attempt counted)
        data_phase = False
        try:
            await session.mail_from(outgoing.mail_from, size=outgoing.size)
            envelope = await session.rcpt_to(outgoing.rcpt_to)
            self._settle_envelope(envelope, pending, outcomes)
            marked = True
            if not pending:
                await session.rset()
            else:
                data_phase = True
                response = await session.data(outgoing.body, while_waiting=self._prefetch)
                final = self.transcript.redact(reply_text(response))
                self._settle_sent(outgoing, pending, outcomes, final)
                self._log(outgoing, outcomes, final_reply=final, launch=launch_id(final))
                self._progress(list(addresses.values()))
                return
        except StorageError:
            # The journal cannot be written (a full disk): stop. Its last commit stands: rows
            # marked "sending" with their data out become "unknown" when it is opened again.
            self._log(outgoing, outcomes)
            raise
        except (SMTPFailure, OSError) as exc:  # refused, or lost, timed out, garbled
            self._settle_failure(exc, session, outgoing, pending, outcomes,
                                 data_phase=data_phase, marked=marked)
        except BaseException:  # cancelled: leave the journal as decided as we can
            self._drop_session()
            self._settle_cancelled(session, outgoing, pending, outcomes,
                                   data_phase=data_phase, marked=marked)
            self._log(outgoing, outcomes)
            raise
        self._log(outgoing, outcomes)
        self._progress(list(addresses.values()))

    def _count_tries(self, addresses: dict[str, str]) -> None:
        for key in addresses:
            self.tries[key] = self.tries.get(key, 0) + 1
            if self.tries[key] >= self.max_attempts:
                self.exhausted.add(key)

    def _settle_envelope(self, envelope: Envelope, pending: dict[str, str],
                         outcomes: dict[str, SentRecipient]) -> None:
        """One commit after RCPT: the refused ones decided, the accepted ones "sending" with
        their data started (from here on a lost connection may mean the server has it)."""
        refused = {a.lower(): reply for a, reply in envelope.refused.items()}
        accepted = {a.lower() for a in envelope.accepted}
        with self.journal.batch():
            for key, address in list(pending.items()):
                if key not in accepted:
                    reply = refused.get(key) or next(iter(refused.values()), "refused")
                    outcomes[key] = self._refused(address, reply, new_attempt=True)
                    del pending[key]
            for address in pending.values():
                self.journal.mark_sending(address, data_started=True)

    def _settle_sent(self, outgoing: OutgoingMessage, pending: dict[str, str],
                     outcomes: dict[str, SentRecipient], final: str) -> None:
        """250 after the data: one commit marks every pending recipient sent."""
        lid = launch_id(final)
        with self.journal.batch():
            for key, address in pending.items():
                self.journal.mark_sent(address, message_id=outgoing.message_id,
                                       final_reply=final, launch_id=lid)
                outcomes[key] = SentRecipient(address, Outcome.SENT, final)
        pending.clear()

    def _settle_failure(self, exc: SMTPFailure | OSError, session: Session,
                        outgoing: OutgoingMessage, pending: dict[str, str],
                        outcomes: dict[str, SentRecipient], *, data_phase: bool,
                        marked: bool) -> None:
        """A refusal (a reply) or a lost, timed-out or garbled connection during the
        transaction: unknown where the data went out without an answer, else refused or
        deferred. A new session follows a lost one, and a 421."""
        if not isinstance(exc, SMTPReplyError) or not exc.reply or exc.reply.startswith("421"):
            self._drop_session()
        with self.journal.batch():
            for key, address in pending.items():
                if data_phase and is_delivery_unknown(session, exc):
                    outcomes[key] = self._unknown(address, outgoing, exc)
                elif isinstance(exc, SMTPReplyError):
                    outcomes[key] = self._refused(address, exc.reply or exc.message("en"),
                                                  new_attempt=not marked)
                else:
                    outcomes[key] = self._defer(address, reasons.coded(reasons.CONNECTION, exc),
                                                new_attempt=not marked)

    def _settle_cancelled(self, session: Session, outgoing: OutgoingMessage,
                          pending: dict[str, str], outcomes: dict[str, SentRecipient], *,
                          data_phase: bool, marked: bool) -> None:
        """Cancelled: unknown where the data went out, queued again where nothing of the
        body did."""
        with self.journal.batch():
            for key, address in pending.items():
                if data_phase and session.data_sent:
                    self.journal.mark_unknown(address, message_id=outgoing.message_id,
                                              reason=reasons.CANCELLED_AFTER_DATA)
                    outcomes[key] = SentRecipient(address, Outcome.UNKNOWN, "cancelled")
                elif marked:
                    self.journal.requeue(address)  # nothing of the body went out

    def _refused(self, address: str, reply: str, *, new_attempt: bool) -> SentRecipient:
        reply = self.transcript.redact(reply)
        if reply.startswith("4"):
            return self._defer(address, reply, new_attempt=new_attempt)
        self.journal.mark_failed(address, reason=reply, new_attempt=new_attempt)
        return SentRecipient(address, Outcome.REFUSED, reply)

    def _defer(self, address: str, reason: str, *, new_attempt: bool) -> SentRecipient:
        reason = self.transcript.redact(reason)
        attempts = self.journal.entry(address).attempts + int(new_attempt)
        self.journal.mark_deferred(
            address, reason=reason, new_attempt=new_attempt,
            next_attempt_at=time.time() + backoff_delay(attempts, self.backoff))
        return SentRecipient(address, Outcome.DEFERRED, reason)

    def _unknown(self, address: str, outgoing: OutgoingMessage,
                 exc: BaseException) -> SentRecipient:
        reason = reasons.coded(reasons.LOST_AFTER_DATA, exc)
        self.journal.mark_unknown(address, message_id=outgoing.message_id, reason=reason)
        return SentRecipient(address, Outcome.UNKNOWN, reason)

    def _log(self, outgoing: OutgoingMessage, outcomes: dict[str, SentRecipient], *,
             final_reply: str = "", launch: str = "") -> None:
        if not outcomes:
            return
        self.outbox.record(SentRecord(
            account=self.outbox.account, subject=message_subject(outgoing),
            source=Source.MAILING, recipients=tuple(outcomes.values()),
            message_id=outgoing.message_id, launch_id=launch, final_reply=final_reply,
            server=f"{self.config.host}:{self.config.port}",
            mailing=self.journal.path.name), on_error=self._log_failed)

    def _log_failed(self, exc: BaseException) -> None:
        """The journal decides who gets the message; the log only records: say it once."""
        if not self.log_failed and self.on_warning is not None:
            self.on_warning(Text(
                f"The sent log could not be written ({exc}); the mailing goes on, and its "
                "journal keeps every recipient's result.",
                f"無法寫入寄件記錄（{exc}）；群發會繼續，每位收件者的結果仍記在日誌檔中。"))
        self.log_failed = True

    def _progress(self, addresses: list[str]) -> None:
        self.handled += len(addresses)
        if self.on_progress is None:
            return
        summary = self.journal.summary()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.handled / elapsed * 60
        left = summary["queued"] + summary["deferred"]
        for address in addresses:
            self.on_progress(Progress(
                entry=self.journal.entry(address), summary=summary,
                done=summary["sent"] + summary["failed"] + summary["unknown"],
                total=summary["total"], rate_per_minute=rate,
                seconds_left=left / rate * 60 if rate > 0 else None))


async def run_mailing(config: ServerConfig, journal: Journal,
                      make_message: MakeMessage | MakeLaunch,
                      settings: MailingSettings | None = None, *,
                      outbox: Outbox | None = None,
                      hooks: MailingHooks | None = None) -> dict[str, int]:
    """Send every queued and due-deferred recipient of the journal and return the journal's
    summary (counts per state and "total").

    make_message and settings.mode go together (message_maker gives the maker for a mode).
    outbox: every transaction is recorded through it (Outbox.record, source "mailing", its
    account as the account); None records nothing. Cancel the task to stop: the journal
    stays consistent. A failure to connect or log in is raised (everyone not yet handled
    stays queued), and so is the journal's StorageError when it cannot be written (a full
    disk)."""
    run = _Run(config, journal, make_message, settings or MailingSettings(),
               outbox or Outbox(None), hooks or MailingHooks())
    return await run.run()


__all__ = ["run_mailing", "MailingSettings", "MailingHooks", "Progress", "backoff_delay",
           "DEFAULT_BACKOFF", "DEFAULT_BATCH"]
