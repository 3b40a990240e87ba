"""Sending a mailing: individually (one personalised message per recipient over one reused
SMTP session) or as one launch (one message, every recipient in the envelope, the relay fans
it out), each recipient's state written to the Journal before and after its SMTP transaction
and every transaction written to the sent log.

Rules (see journal.py): 250 -> sent; 4xx on RCPT/DATA (421 included) -> deferred with an
exponential backoff; 5xx -> failed with the reply; connection lost before the data went out ->
deferred (nothing reached the server); connection lost after the data went out and before the
reply -> unknown (never resent silently). After 421 or a lost connection the session is
reopened for the rest.

More than one connection (settings.connections, off by default): each connection takes the
next due recipient from the journal — handed out once, claimed until its transaction settles —
and the same rules hold per transaction: "sending" is committed before its data goes out.
The first session opens alone (a wrong password costs one login); the others follow. A
connection that gets a 421, is lost, or cannot be opened backs off (it is closed and does not
come back in this run) while another one is still open; its recipient is deferred or left
queued by the rules above and sent by the others. The rate limit is shared.

Pause (resume_event cleared; stop_after_current too) is looked at again after the rate wait:
pressed during it, nothing starts and the recipients taken go back to the front, queued.

A journal write that fails (a full disk) stops the run with the journal's StorageError: each
write is one transaction, so every row is still as last committed — a row whose message went
out but whose "sent" could not be written stays "sending" with its data started, and becomes
"unknown" when the journal is opened again (never resent silently). A sent-log write that
fails does not stop the mailing (the journal, not the log, decides who gets the message): it
is reported once through on_warning.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from contextlib import AbstractContextManager
from typing import cast

from ..errors import SMTPFailure, SMTPReplyError, StorageError, ValidationError
from .. import reasons
from ..journal import Entry, Journal
from ..listeners import guarded
from ..message import OutgoingMessage
from ..outbox import Outbox
from ..sentlog import Outcome, SentRecipient, SentRecord, Source, message_subject
from ..smtp.config import ServerConfig
from ..smtp.failures import reply_text
from ..smtp.send import is_delivery_unknown, launch_id, open_session
from ..smtp.session import Envelope, Session
from ..smtp.transcript import Transcript, redactor_for
from ..text import Text
from .due_rows import DueRows
from .interrupted import record_interrupted
from .messages import MakeLaunch, MakeMessage, SendMode
from .settings import (
    DEFAULT_BACKOFF, DEFAULT_BATCH, MAX_CONNECTIONS, MailingHooks, MailingSettings,
    Progress, backoff_delay,
)


class _BackOff(Exception):
    """A connection that could not be opened while others are: it stops, they go on."""


class _Connection:
    """One SMTP session of a mailing, and the next transaction it built while waiting."""

    def __init__(self, number: int, transcript: Transcript) -> None:
        self.number, self.transcript = number, transcript
        self.session: Session | None = None
        self.prefetched: tuple[list[Entry], OutgoingMessage | None] | None = None
        self.lost = False  # dropped after a 421 or a lost connection


class _Run:
    def __init__(self, config: ServerConfig, journal: Journal,
                 make_message: MakeMessage | MakeLaunch, settings: MailingSettings,
                 outbox: Outbox, hooks: MailingHooks) -> None:
        self.config, self.journal, self.make_message = config, journal, make_message
        self.mode = SendMode(settings.mode)
        self.batch_size = max(1, settings.batch_size) if self.mode is SendMode.ONE_LAUNCH else 1
        self.interval = 60.0 / settings.rate_per_minute if settings.rate_per_minute else 0.0
        # a hook's own errors are not the mailing's (core/listeners.py)
        self.on_progress = guarded(hooks.on_progress, "progress")
        self.resume_event = hooks.resume_event
        self.max_attempts, self.backoff = max(1, settings.max_attempts), tuple(settings.backoff)
        self.redact = redactor_for(config)
        self.on_event = hooks.on_event
        self.connections = min(max(1, settings.connections), MAX_CONNECTIONS)
        self.on_unencrypted_login = guarded(hooks.on_unencrypted_login, "unencrypted login")
        self.outbox = outbox
        self.on_warning = guarded(hooks.on_warning, "warning")
        self.log_failed = False
        self.rows = DueRows(journal, self.batch_size)  # handed out once, claimed till settled
        # the connections still at work; set when one settles
        self.live: set[_Connection] = set()
        self.settled = asyncio.Event()
        self.tries: dict[str, int] = {}  # attempts in this run, per address key
        self.next_start = 0.0  # monotonic time the next transaction may start (the rate)
        self.started = time.monotonic()
        self.handled = 0

    # -- the loop ------------------------------------------------------------------------------
    async def run(self) -> dict[str, int]:
        # the recipients a killed run left unknown: in the sent log once (QA round 3, 22)
        record_interrupted(self.journal, self.outbox, make_message=self.make_message,
                           mode=self.mode, server=f"{self.config.host}:{self.config.port}")
        first = self._connection(1)
        if self.connections == 1:
            self.live.add(first)
            await self._work(first)
        else:
            await self._work_together(first)
        return self.journal.summary()

    def _connection(self, number: int) -> _Connection:
        # nobody reads a mailing's transcript back: handed to on_event only, never collected
        conn = _Connection(number, Transcript(redactor=self.redact, on_event=self.on_event,
                                              keep=False))
        if self.connections > 1:
            conn.transcript.local(f"connection {number} of {self.connections}")
        return conn

    async def _work_together(self, first: _Connection) -> None:
        """The first session opens alone (a wrong password costs one login, an unreachable
        server is raised as with one connection), then every connection works at once; the
        first failure that stops a mailing (the journal cannot be written, the last
        connection cannot be opened) cancels the others, each settling its transaction."""
        try:
            await self._session(first)
        except BaseException:
            await self._close(first)
            raise
        conns = [first, *(self._connection(n) for n in range(2, self.connections + 1))]
        self.live.update(conns)
        tasks = [asyncio.create_task(self._work(conn)) for conn in conns]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        finally:
            for task in tasks:
                task.cancel()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        failures = [o for o in outcomes if isinstance(o, BaseException)]
        for failure in failures:
            if not isinstance(failure, asyncio.CancelledError):
                raise failure
        if failures:
            raise failures[0]

    async def _work(self, conn: _Connection) -> None:
        """One connection's loop: the next recipients, their transaction, until none is due
        (or due later in this run: it waits). With other connections at work it waits for
        them when nothing is due (what they settle may be due again), and it stops after a
        421 or a lost connection (backs off); alone, it opens a new session instead."""
        try:
            task = asyncio.current_task()
            while True:
                # On 3.11 a cancel that meets a reply inside asyncio.wait_for (aiosmtplib's
                # timeouts) can be swallowed: honour it here, between transactions.
                if task is not None and task.cancelling():
                    raise asyncio.CancelledError
                if self.resume_event is not None:
                    await self.resume_event.wait()
                if conn.lost and len(self.live) > 1:
                    break
                batch = self._take_prefetched(conn) or self.rows.take()
                if not batch:
                    if self.rows.claimed:  # in the others' transactions
                        self.settled.clear()
                        await self.settled.wait()
                        continue
                    wait = self.rows.retry_in()
                    if wait is None:
                        break
                    await asyncio.sleep(wait)
                    continue
                await self._throttle()
                if self._paused():  # paused while it waited for its slot: nothing started
                    self._put_back(conn, batch)
                    continue
                try:
                    await self._transaction(conn, batch)
                except _BackOff:
                    break
        finally:
            self.live.discard(conn)
            if conn.prefetched is not None:  # built ahead, not sent: for the others
                self.rows.release(conn.prefetched[0])
                conn.prefetched = None
            self.settled.set()
            await self._close(conn)

    def _take_prefetched(self, conn: _Connection) -> list[Entry]:
        """The recipients _prefetch took for the next transaction (its message built)."""
        if conn.prefetched is None:
            return []
        return conn.prefetched[0]

    def _paused(self) -> bool:
        """Pause (or stop_after_current) asked for since the loop last looked."""
        return self.resume_event is not None and not self.resume_event.is_set()

    def _put_back(self, conn: _Connection, batch: list[Entry]) -> None:
        """Recipients taken but not started: first in line again (still queued in the
        journal, no longer claimed), their built message dropped."""
        if conn.prefetched is not None and conn.prefetched[0] is batch:
            conn.prefetched = None
        self.rows.put_back(batch)

    async def _throttle(self) -> None:
        """At most one start per interval, whichever connection starts: each takes the next
        free moment (reserved before it waits, so two never take the same)."""
        if not self.interval:
            return
        now = time.monotonic()
        start = max(now, self.next_start)
        self.next_start = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)

    async def _session(self, conn: _Connection) -> Session:
        if conn.session is None:
            conn.session, _ = await open_session(self.config, conn.transcript)
            conn.lost = False
            if conn.session.password_in_clear and self.on_unencrypted_login is not None:
                self.on_unencrypted_login()
        return conn.session

    async def _close(self, conn: _Connection) -> None:
        session, conn.session = conn.session, None
        if session is None:
            return
        try:
            await asyncio.shield(session.quit())
        except (asyncio.CancelledError, SMTPFailure, OSError):
            pass
        finally:
            session.close()

    @staticmethod
    def _drop_session(conn: _Connection) -> None:
        if conn.session is not None:
            conn.session.close()
            conn.session = None
        conn.lost = True

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

    def _prefetch(self, conn: _Connection) -> None:
        """Take the next transaction's recipients and build its message while the server
        reads this one (client CPU and server time overlap instead of adding up). A failure
        to build is left for _build to meet."""
        if conn.prefetched is not None:
            return
        entries = self.rows.take()
        if not entries:
            return
        try:
            conn.prefetched = (entries, self._make(entries))
        except Exception:  # noqa: BLE001 — _build will raise it where it is handled
            conn.prefetched = (entries, None)

    def _build(self, conn: _Connection, entries: list[Entry]) -> OutgoingMessage | None:
        prefetched, conn.prefetched = conn.prefetched, None
        if prefetched is not None and prefetched[0] is entries and prefetched[1] is not None:
            return prefetched[1]
        try:
            return self._make(entries)
        except ValidationError as exc:
            with self._commit(len(entries)):
                for entry in entries:
                    self.journal.mark_failed(entry.address,
                                             reason=reasons.message_problem(exc.text))
            self._progress([e.address for e in entries])
            return None

    def _commit(self, rows: int) -> AbstractContextManager[None]:
        """One commit for the changes to several rows (a launch's); one row's change is one
        statement, committed on its own (no BEGIN and COMMIT around it)."""
        return self.journal.batch() if rows > 1 else contextlib.nullcontext()

    async def _transaction(self, conn: _Connection, entries: list[Entry]) -> None:
        """One SMTP transaction for these recipients (one, or a launch batch). The journal
        gets one commit before the body goes out (sending, data started) and one after.
        Their claim ends with it (settled, or left to the journal's recovery)."""
        try:
            await self._send(conn, entries)
        finally:
            self.rows.release(entries)
            self.settled.set()

    async def _open(self, conn: _Connection) -> Session:
        """The connection's session. Failing to open it ends the run, everyone not handled
        still queued — unless another connection is at work: then this one backs off."""
        try:
            return await self._session(conn)
        except (SMTPFailure, OSError) as exc:
            if len(self.live) < 2:
                raise
            code = getattr(exc, "code", type(exc).__name__)
            conn.transcript.local(f"connection {conn.number} not opened ({code}): going on "
                                  f"with {len(self.live) - 1}")
            raise _BackOff from exc

    async def _send(self, conn: _Connection, entries: list[Entry]) -> None:
        outgoing = self._build(conn, entries)
        if outgoing is None:
            return
        session = await self._open(conn)
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
                response = await session.data(
                    outgoing.body, while_waiting=functools.partial(self._prefetch, conn))
                final = self.redact(reply_text(response))
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
            self._settle_failure(exc, conn, session, outgoing, pending, outcomes,
                                 data_phase=data_phase, marked=marked)
        except BaseException:  # cancelled: leave the journal as decided as we can
            self._drop_session(conn)
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
                self.rows.exhausted.add(key)

    def _settle_envelope(self, envelope: Envelope, pending: dict[str, str],
                         outcomes: dict[str, SentRecipient]) -> None:
        """One commit after RCPT: the refused ones decided, the accepted ones "sending" with
        their data started (from here on a lost connection may mean the server has it)."""
        refused = {a.lower(): reply for a, reply in envelope.refused.items()}
        accepted = {a.lower() for a in envelope.accepted}
        with self._commit(len(pending)):
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
        with self._commit(len(pending)):
            for key, address in pending.items():
                # the server has it: the sent log says so even when the journal cannot
                outcomes[key] = SentRecipient(address, Outcome.SENT, final)
                self.journal.mark_sent(address, message_id=outgoing.message_id,
                                       final_reply=final, launch_id=lid)
        pending.clear()

    def _settle_failure(self, exc: SMTPFailure | OSError, conn: _Connection, session: Session,
                        outgoing: OutgoingMessage, pending: dict[str, str],
                        outcomes: dict[str, SentRecipient], *, data_phase: bool,
                        marked: bool) -> None:
        """A refusal (a reply) or a lost, timed-out or garbled connection during the
        transaction: unknown where the data went out without an answer, else refused or
        deferred. A new session follows a lost one, and a 421 (with other connections at
        work, this one backs off instead)."""
        if not isinstance(exc, SMTPReplyError) or not exc.reply or exc.reply.startswith("421"):
            self._drop_session(conn)
        with self._commit(len(pending)):
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
        with self._commit(len(pending)):
            for key, address in pending.items():
                if data_phase and session.data_sent:
                    self.journal.mark_unknown(address, message_id=outgoing.message_id,
                                              reason=reasons.CANCELLED_AFTER_DATA)
                    outcomes[key] = SentRecipient(address, Outcome.UNKNOWN, "cancelled")
                elif marked:
                    self.journal.requeue(address)  # nothing of the body went out

    def _refused(self, address: str, reply: str, *, new_attempt: bool) -> SentRecipient:
        reply = self.redact(reply)
        if reply.startswith("4"):
            return self._defer(address, reply, new_attempt=new_attempt)
        self.journal.mark_failed(address, reason=reply, new_attempt=new_attempt)
        return SentRecipient(address, Outcome.REFUSED, reply)

    def _defer(self, address: str, reason: str, *, new_attempt: bool) -> SentRecipient:
        reason = self.redact(reason)
        self.rows.forget()  # it may come due before the rows read ahead
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
           "DEFAULT_BACKOFF", "DEFAULT_BATCH", "MAX_CONNECTIONS"]
