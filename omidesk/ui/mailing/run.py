"""One run of a mailing for the Mailing tab's controller: core's run_mailing on the qasync loop,
with pause/resume, and its progress batched. The engine reports each recipient; the run only
queues those and emits them every FLUSH_MS (the status table applies them with one
dataChanged), so a fast mailing never floods the Qt thread. It says (notice) how it starts and
how it ended: finished, stopped and why, cancelled; and while the engine waits out a deferred
recipient's backoff, that it waits, for whom and until when (QA round 4, 19)."""

from __future__ import annotations

import asyncio
import gc

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.errors import OmiError, SMTPFailure
from ...core.journal import Entry, Journal
from ...core.mailing import (
    MailingHooks, MailingSettings, MakeLaunch, MakeMessage, Progress, SendMode, Waiting,
    run_mailing,
)
from ...core.outbox import Outbox
from ...core.reasons import reason_text
from ...core.sentlog import Source
from ...core.smtp.config import ServerConfig
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED, diagnose
from ...core.text import Text, clock_text
from ..i18n import current_lang, pick, sentences
from ..session import Session
from .journal_link import JournalLink
from .texts import counts_text


class Run(QObject):
    entries_updated = Signal(list)  # entries that changed since the last flush
    progress_changed = Signal(object)  # Progress
    warning = Signal(object)  # Text: the sent log cannot be written (said once)
    begun = Signal()  # the engine is about to run
    notice = Signal(object, bool)  # how it starts and ends (a text or its maker), if a problem
    waiting_changed = Signal(bool)  # True: the engine waits out a backoff (no rate to show)

    FLUSH_MS = 150

    def __init__(self, session: Session, journal: JournalLink,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._journal = journal
        self._resume_event = asyncio.Event()
        self._resume_event.set()
        self._pending: dict[str, Entry] = {}
        self._last_progress: Progress | None = None
        self.sending = False
        self.unencrypted = False  # a session logged in without TLS (allowed by the profile)
        self.summary: dict[str, int] = {}  # the last progress's counts
        self.waiting: Waiting | None = None  # the engine waits out a backoff
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(self.FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)

    @property
    def resume_event(self) -> asyncio.Event:
        """The engine goes on only while it is set (MailingHooks.resume_event)."""
        return self._resume_event

    @property
    def paused(self) -> bool:
        return self.sending and not self._resume_event.is_set()

    def begin(self) -> None:
        """The engine is about to run: sending, not paused, progress flushed on a timer."""
        self._resume_event.set()
        self.sending, self.unencrypted, self.waiting = True, False, None
        self._flush_timer.start()

    async def send_and_say(self, config: ServerConfig, journal: Journal,
                           make: MakeMessage | MakeLaunch, *, mode: SendMode, rate: int,
                           note: str = "") -> dict[str, int] | None:
        """send() through the session's outbox, said as it starts (resuming, with `note`) and
        as it ends: the summary, or why it stopped (None; cancelled: raised again)."""
        before = journal.summary()
        self.begin()
        self.begun.emit()
        self.notice.emit(sentences(self.tr("Resuming: {sent} of {total} already sent.").format(
            sent=before["sent"], total=before["total"]) if before["sent"] else
            self.tr("Sending…"), note), False)
        try:
            summary = await self.send(config, journal, make, mode=mode, rate=rate,
                                      outbox=self.session.outbox(Source.MAILING))
        except SMTPFailure as exc:
            self._journal.reload()
            diagnosis = diagnose(exc, config, host=config.host)
            self.notice.emit(self.tr("The mailing stopped: {title}. {step} Nobody else was "
                                     "sent to; Start continues where it stopped.").format(
                title=pick(diagnosis.title), step=pick(diagnosis.next_step)), True)
            return None
        except OmiError as exc:  # the journal cannot be written: a full disk
            self._journal.reload()
            self.notice.emit(self.tr("The mailing stopped: {reason} Nobody gets the message "
                                     "twice: once there is space, Start continues where it "
                                     "stopped.").format(reason=exc.message(current_lang())),
                             True)
            return None
        except asyncio.CancelledError:
            self._journal.reload()
            summary = self._journal.summary
            self.notice.emit(self.tr("Cancelled: {sent} of {total} sent. Start continues where "
                                     "it stopped.").format(sent=summary.get("sent", 0),
                                                           total=summary.get("total", 0)),
                             False)
            raise
        await asyncio.sleep(0)
        self._journal.reload()
        unencrypted = self.unencrypted
        self.notice.emit(lambda: sentences(self.tr("Finished: {counts}.").format(
            counts=counts_text(summary)), *self._journal.decisions(summary),
            *([pick(PASSWORD_UNENCRYPTED)] if unencrypted else [])), False)
        return summary

    async def send(self, config: ServerConfig, journal: Journal,
                   make: MakeMessage | MakeLaunch, *, mode: SendMode, rate: int,
                   outbox: Outbox) -> dict[str, int]:
        """Every recipient still queued, at most `rate` a minute (0: no limit). Raises what
        run_mailing raises; stopped (flushed, not paused) however it ends."""
        if not self.sending:
            self.begin()
        # A full collection of the app's long-lived objects stalls the loop ~30 ms: keep them
        # out of the collector's way while the mailing runs (unless the app already did).
        froze = gc.get_freeze_count() == 0
        if froze:
            gc.freeze()
        try:
            return await run_mailing(
                config, journal, make,
                MailingSettings(mode=mode, rate_per_minute=float(rate) if rate else None),
                outbox=outbox, hooks=MailingHooks(
                    on_progress=self._progress, resume_event=self._resume_event,
                    on_warning=self._warned, on_unencrypted_login=self._unencrypted,
                    on_waiting=self._waiting))
        finally:
            if froze:
                gc.unfreeze()
            self.stop()

    def stop(self) -> None:
        self._flush_timer.stop()
        self.flush()
        self._resume_event.set()
        self.sending, self.waiting = False, None

    def pause(self) -> bool:
        """Nothing more is sent after the message in progress, until resume()."""
        if not self.sending or self.paused:
            return False
        self._resume_event.clear()
        return True

    def resume(self) -> bool:
        if not self.paused:
            return False
        self._resume_event.set()
        return True

    def _progress(self, progress: Progress) -> None:
        """Called by the engine after each recipient: queued, emitted by flush()."""
        self._pending[progress.entry.address.lower()] = progress.entry
        self._last_progress = progress

    def flush(self) -> None:
        if self._pending:
            self.entries_updated.emit(list(self._pending.values()))
            self._pending.clear()
        progress, self._last_progress = self._last_progress, None
        if progress is not None:
            self.summary = progress.summary
            self.progress_changed.emit(progress)

    def _waiting(self, waiting: Waiting | None) -> None:
        """The engine waits out a backoff (said in the status line), or sends again."""
        self.waiting = waiting
        self.flush()  # the progress before the wait first: then its rate is taken back
        self.waiting_changed.emit(waiting is not None)
        if waiting is not None:
            self.say_waiting()
        elif not self.paused:  # a Pause pressed meanwhile is what the line says
            self.notice.emit(self.tr("Sending…"), False)

    def say_waiting(self) -> bool:
        """The wait in the status line (a text worded again on a language switch), if the
        engine is waiting; False when it is not."""
        waiting = self.waiting
        if waiting is None:
            return False
        self.notice.emit(lambda: self.waiting_text(waiting), False)
        return True

    def waiting_text(self, waiting: Waiting) -> str:
        return self.tr("Waiting until {time} to retry %n deferred recipient(s) (first "
                       "{address}: {reason}). Cancelling now is safe: Start continues where it "
                       "stopped.", "", waiting.deferred).format(
            time=clock_text(waiting.until), address=waiting.address,
            reason=pick(reason_text(waiting.reason)))

    def _warned(self, text: Text) -> None:
        self.warning.emit(text)

    def _unencrypted(self) -> None:
        self.unencrypted = True
