"""Sending a mailing: individually (one personalised message per recipient over one reused
SMTP session) or as one launch (one message, every recipient in the envelope, the relay fans
it out), each recipient's state written to the Journal before and after its SMTP transaction
and every transaction written to the sent log.

Rules (see journal.py): 250 -> sent; 4xx on MAIL/RCPT/DATA (421 included) -> deferred with an
exponential backoff; 5xx -> failed with the reply; connection lost after MAIL FROM was
accepted and before the data went out -> deferred (nothing reached the server); connection
lost after the data went out and before the reply -> unknown (never resent silently). After
421 or a lost connection the session is reopened for the rest.

A transaction starts when the server accepts its MAIL FROM: only then is it the recipients'
attempt. A reused connection idle longer than settings.idle_check is asked NOOP first; one the
server closed meanwhile (idle sessions are closed after minutes), or that is lost at MAIL FROM,
is replaced by a new one at no cost to anyone (the message never left). A new connection lost
before MAIL FROM is answered is one that could not be opened (below).

More than one connection (settings.connections, off by default): each connection takes the
next due recipient from the journal — handed out once, claimed until its transaction settles —
and the same rules hold per transaction: "sending" is committed before its data goes out.
The first session opens alone (a wrong password costs one login); the others follow. A
connection that gets a 421, is lost, or cannot be opened backs off (it is closed and does not
come back in this run) while another one is still open; its recipient is deferred or left
queued by the rules above and sent by the others. The rate limit is shared.

Pause (resume_event cleared; stop_after_current too) is looked at again right before MAIL
FROM, whatever the connection was doing (the rate wait, reconnecting, the NOOP): pressed
meanwhile, nothing starts and the recipients taken go back to the front, as they were. With
nothing due before a deferred recipient's backoff ends, the run waits, and says so
(hooks.on_waiting: once per wait, again when what it waits for changes).

A journal write that fails (a full disk) stops the run with the journal's StorageError: each
write is one transaction, so every row is still as last committed — a row whose message went
out but whose "sent" could not be written stays "sending" with its data started, and becomes
"unknown" when the journal is opened again (never resent silently). A sent-log write that
fails does not stop the mailing (the journal, not the log, decides who gets the message): it
is reported once through on_warning. (What a transaction leaves in the journal, the sent log
and the progress: outcomes.py.)
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import cast

from ..errors import SMTPFailure, SMTPReplyError, StorageError, ValidationError
from .. import reasons
from ..journal import Entry, Journal
from ..journal_rows import key_of
from ..listeners import guarded
from ..message import OutgoingMessage
from ..outbox import Outbox
from ..sentlog import SentRecipient
from ..smtp.config import ServerConfig
from ..smtp.failures import reply_text
from ..smtp.send import launch_id, open_session
from ..smtp.session import Session
from ..smtp.transcript import Transcript
from .due_rows import DueRows
from .interrupted import record_interrupted
from .messages import MakeLaunch, MakeMessage, SendMode
from .outcomes import Outcomes
from .settings import (
    DEFAULT_BACKOFF, DEFAULT_BATCH, MAX_CONNECTIONS, MailingHooks, MailingSettings,
    Progress, Waiting, backoff_delay,
)


class _NotOpened(Exception):
    """No session for the transaction: none could be opened, or a new one was lost before MAIL
    FROM was answered. Alone, the run ends with `failure`; with other connections at work,
    this one backs off (it stops, they go on)."""

    def __init__(self, failure: SMTPFailure | OSError) -> None:
        super().__init__(str(failure))
        self.failure = failure


class _Connection:
    """One SMTP session of a mailing, and the next transaction it built while waiting."""

    def __init__(self, number: int, transcript: Transcript) -> None:
        self.number, self.transcript = number, transcript
        self.session: Session | None = None
        self.prefetched: tuple[list[Entry], OutgoingMessage | None] | None = None
        self.lost = False  # dropped after a 421 or a lost connection
        self.used = 0.0  # when the server last answered on it (monotonic)
        self.carried = False  # a transaction started on its session (MAIL FROM accepted)


class _Run(Outcomes):
    def __init__(self, config: ServerConfig, journal: Journal,
                 make_message: MakeMessage | MakeLaunch, settings: MailingSettings,
                 outbox: Outbox, hooks: MailingHooks) -> None:
        mode = SendMode(settings.mode)
        batch_size = max(1, settings.batch_size) if mode is SendMode.ONE_LAUNCH else 1
        super().__init__(config, journal, DueRows(journal, batch_size), settings=settings,
                         outbox=outbox, hooks=hooks)
        self.make_message, self.mode, self.batch_size = make_message, mode, batch_size
        self.interval = 60.0 / settings.rate_per_minute if settings.rate_per_minute else 0.0
        self.resume_event = hooks.resume_event
        self.max_attempts = max(1, settings.max_attempts)
        self.on_event = hooks.on_event
        self.connections = min(max(1, settings.connections), MAX_CONNECTIONS)
        # a hook's own errors are not the mailing's (core/listeners.py)
        self.on_unencrypted_login = guarded(hooks.on_unencrypted_login, "unencrypted login")
        self.on_waiting = guarded(hooks.on_waiting, "waiting")
        self.waiting: Waiting | None = None  # what on_waiting was told last
        self.idle_check = settings.idle_check
        # the connections still at work; set when one settles
        self.live: set[_Connection] = set()
        self.settled = asyncio.Event()
        self.tries: dict[str, int] = {}  # attempts in this run, per address key
        self.next_start = 0.0  # monotonic time the next transaction may start (the rate)

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
                    waiting = self.rows.waiting()
                    if waiting is None:
                        break
                    self._say_waiting(waiting)
                    await asyncio.sleep(max(waiting.until - time.time(), 0.0))
                    continue
                await self._throttle()
                try:
                    await self._transaction(conn, batch)
                except _NotOpened as exc:
                    if len(self.live) < 2:
                        raise exc.failure from exc.failure.__cause__
                    code = getattr(exc.failure, "code", type(exc.failure).__name__)
                    conn.transcript.local(f"connection {conn.number} not opened ({code}): "
                                          f"going on with {len(self.live) - 1}")
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

    def _say_waiting(self, waiting: Waiting | None) -> None:
        """Tell on_waiting what the run waits for (None: it sends again), once each."""
        if waiting != self.waiting:
            self.waiting = waiting
            if self.on_waiting is not None:
                self.on_waiting(waiting)

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
            conn.lost, conn.used, conn.carried = False, time.monotonic(), False
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

    async def _transaction(self, conn: _Connection, entries: list[Entry]) -> None:
        """One SMTP transaction for these recipients (one, or a launch batch). The journal
        gets one commit before the body goes out (sending, data started) and one after.
        Their claim ends with it (settled, or left to the journal's recovery)."""
        try:
            await self._send(conn, entries)
        finally:
            conn.used = time.monotonic()
            self.rows.release(entries)
            self.settled.set()

    async def _start(self, conn: _Connection, outgoing: OutgoingMessage,
                     keys: dict[str, str]) -> Session | None:
        """The transaction's session with its MAIL FROM accepted: from here on it is the
        recipients' attempt (counted, as a refusal of MAIL FROM is). A reused session the
        server closed, or lost at MAIL FROM, is replaced once, nobody charged; a new one that
        cannot be opened or is lost before MAIL FROM is answered raises _NotOpened. None:
        paused meanwhile, nothing started."""
        while True:
            kept = conn.session is not None
            try:
                session = await self._session(conn)
            except (SMTPFailure, OSError) as exc:
                raise _NotOpened(exc) from exc
            if kept and not await self._still_open(conn, session):
                continue
            if self._paused():  # pressed during the rate wait, the reconnection, the NOOP
                return None
            try:
                await session.mail_from(outgoing.mail_from, size=outgoing.size)
            except SMTPReplyError:
                self._count_tries(keys)
                raise
            except (SMTPFailure, OSError) as exc:  # lost or silent: the message never left
                reused = conn.carried
                self._drop_session(conn)
                if not reused:  # a new session: as one that could not be opened
                    raise _NotOpened(exc) from exc
                conn.transcript.local("the connection was lost before the message started: "
                                      "a new one (no recipient is charged an attempt)")
                continue
            conn.carried = True
            self._count_tries(keys)
            return session

    async def _still_open(self, conn: _Connection, session: Session) -> bool:
        """A reused session can take the next message: still connected, and answering NOOP
        when it sat idle longer than idle_check. False: it was closed (dropped here)."""
        if session.connected and time.monotonic() - conn.used < self.idle_check:
            return True
        try:
            if session.connected and await session.noop():
                conn.used = time.monotonic()
                return True
        except (SMTPFailure, OSError):
            pass
        conn.transcript.local("the server had closed the idle connection: a new one")
        self._drop_session(conn)
        return False

    async def _send(self, conn: _Connection, entries: list[Entry]) -> None:
        outgoing = self._build(conn, entries)
        if outgoing is None:
            return
        addresses = {key_of(e.address): e.address for e in entries}
        outcomes: dict[str, SentRecipient] = {}
        pending = dict(addresses)  # not yet decided
        marked = False  # pending rows are marked "sending" (their attempt counted)
        data_phase = False
        session: Session | None = None
        try:
            session = await self._start(conn, outgoing, addresses)
            if session is None:  # paused before MAIL FROM: nothing started
                self.rows.put_back(entries)
                return
            self._say_waiting(None)
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
        except _NotOpened:
            self.rows.put_back(entries)  # as they were: for the others, or the next run
            raise
        except StorageError:
            # The journal cannot be written (a full disk): stop. Its last commit stands: rows
            # marked "sending" with their data out become "unknown" when it is opened again.
            self._log(outgoing, outcomes)
            raise
        except (SMTPFailure, OSError) as exc:  # refused, or lost, timed out, garbled
            # a new session follows a lost one, and a 421 (with other connections at work,
            # this one backs off instead)
            if not isinstance(exc, SMTPReplyError) or not exc.reply or \
                    exc.reply.startswith("421"):
                self._drop_session(conn)
            self._settle_failure(exc, session, outgoing, pending, outcomes,
                                 data_phase=data_phase, marked=marked)
        except BaseException:  # cancelled: leave the journal as decided as we can
            self._drop_session(conn)
            self._settle_cancelled(outgoing, pending, outcomes,
                                   data_sent=data_phase and session is not None
                                   and session.data_sent, marked=marked)
            self._log(outgoing, outcomes)
            raise
        self._log(outgoing, outcomes)
        self._progress(list(addresses.values()))

    def _count_tries(self, addresses: dict[str, str]) -> None:
        for key in addresses:
            self.tries[key] = self.tries.get(key, 0) + 1
            if self.tries[key] >= self.max_attempts:
                self.rows.exhausted.add(key)



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
