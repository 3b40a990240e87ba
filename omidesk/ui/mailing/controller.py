"""The Mailing tab's controller: the list, the session's draft checked against it, the journal,
the run with pause/resume, and the test to oneself. No widget here: it awaits core coroutines
and says what happened through its signals, which the panels render.

One journal file per mailing, <data folder>/mailings/<fingerprint prefix>.sqlite: loading the
same list for the same message finds it again ("Resuming: 37 of 120 already sent"). A running
mailing reports each recipient through on_progress; the controller only queues those and emits
them every FLUSH_MS (the status table applies them with one dataChanged), so a fast mailing
never floods the Qt thread."""

from __future__ import annotations

import asyncio
import functools
import gc
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.errors import BusyError, OmiError, SMTPFailure, ValidationError
from ...core.files import private_folder
from ...core.journal import Entry, Journal, State
from ...core.mailing import (
    MailingHooks, MailingSettings, Progress, SendMode, check_mode, draft_fingerprint,
    merge_fields, message_maker, run_mailing, test_draft_for_row,
)
from ...core.mailing_results import sent_elsewhere
from ...core.merge import check_fields
from ...core.message import Draft, build_message
from ...core.outbox import Outbox
from ...core.recipients import RecipientList, Row, load_csv, parse_pasted
from ...core.sentlog import Source
from ...core.smtp.config import ServerConfig
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED, diagnose
from ...core.smtp.send import SendResult, send_message
from ..asyncqt import TaskKeeper, weak_callback
from ..i18n import current_lang, pick, sentences
from ..session import Session
from .state import Confirmation, MailingState, MessageState
from .texts import counts_text

Confirm = Callable[[Confirmation], Awaitable[bool]]


class MailingController(QObject):
    list_changed = Signal(object, str)  # RecipientList | None, the file's name ("" if none)
    list_problem = Signal(str)  # why the list cannot be read or used ("" clears it)
    message_changed = Signal(object)  # MessageState
    entries_loaded = Signal(list, bool)  # the journal's entries; True: another journal
    entries_updated = Signal(list)  # entries that changed during a run
    summary_changed = Signal(dict)  # the journal's counts, after it is read
    progress_changed = Signal(object)  # Progress, during a run
    progress_reset = Signal()  # no journal
    notice = Signal(str, bool)  # what happened, and whether it is a problem
    test_result = Signal(str)  # the test to oneself
    state_changed = Signal(object)  # MailingState
    finished = Signal(object)  # the journal's summary when a run ends

    FLUSH_MS = 150

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._journal_folder: Path | None = None
        self._draft: Draft | None = None
        self._draft_problem = ""
        self._mode = SendMode.INDIVIDUAL
        self._list: RecipientList | None = None
        self._csv_path: Path | None = None
        self._journal: Journal | None = None
        self._journal_fp = ""
        self._summary: dict[str, int] = {}
        self._tasks = TaskKeeper(on_error=weak_callback(self._task_failed))
        self._mailing: asyncio.Task[dict[str, int] | None] | None = None
        self._sending = False  # run_mailing is running (not only the confirmation)
        self._resume_event = asyncio.Event()
        self._pending: dict[str, Entry] = {}
        self._last_progress: Progress | None = None
        self._testing = False
        self.last_test: SendResult | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(self.FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        session.account_changed.connect(self.refresh_message)
        session.closing.connect(self.shutdown)

    # ============================================================================ what it holds
    @property
    def running(self) -> bool:
        """A start is under way: checks, the confirmation, then the sending itself."""
        return self._mailing is not None and not self._mailing.done()

    @property
    def sending(self) -> bool:
        return self._sending

    @property
    def paused(self) -> bool:
        return self._sending and not self._resume_event.is_set()

    @property
    def journal(self) -> Journal | None:
        return self._journal

    @property
    def recipients(self) -> RecipientList | None:
        return self._list

    @property
    def mode(self) -> SendMode:
        return self._mode

    def server_config(self) -> ServerConfig | None:
        account = self.session.account
        if account is None:
            return None
        return account.server_config(self.session.password)

    def journal_folder(self) -> Path:
        if self._journal_folder is None:
            self._journal_folder = self.session.data_folder / "mailings"
        return private_folder(self._journal_folder)

    def journal_path(self, fingerprint: str | None = None) -> Path:
        """The journal of this message + list + mode (or of `fingerprint`)."""
        return self.journal_folder() / f"{(fingerprint or self._fingerprint())[:16]}.sqlite"

    def state(self) -> MailingState:
        summary, recipients = self._summary, self._list
        return MailingState(
            running=self.running, sending=self._sending, paused=self.paused,
            has_list=recipients is not None, has_rows=bool(recipients and recipients.rows),
            sendable=bool(recipients and recipients.ok_rows()), has_draft=self._draft is not None,
            has_journal=self._journal is not None, failed=summary.get("failed", 0),
            unknown=summary.get("unknown", 0), testing=self._testing)

    def _state_changed(self) -> None:
        self.state_changed.emit(self.state())

    # ============================================================================ the message
    def refresh_message(self) -> None:
        """Read the session's draft again; re-check fields, mode and journal. A running
        mailing keeps the draft and journal it started with."""
        if not self.running:
            self._refresh()

    def _refresh(self) -> None:
        self._draft, self._draft_problem = None, ""
        try:
            self._draft = self.session.checked_draft()
        except OmiError as exc:
            self._draft_problem = exc.message(current_lang())
        self._message_checked()
        self._attach_journal()
        self._state_changed()

    def _message_checked(self) -> None:
        draft = self._draft
        self.message_changed.emit(MessageState(
            draft=draft, draft_problem=self._draft_problem, problem=self._message_problem(),
            fields=tuple(merge_fields(draft)) if draft is not None else ()))

    def _message_problem(self) -> str:
        """Why the message cannot be sent to this list (unknown fields, mode), or ""."""
        if self._draft_problem:
            return self._draft_problem
        if self._draft is None:
            return ""
        try:
            if self._list is not None:
                draft = self._draft
                check_fields([draft.subject, draft.html, draft.text], self._list.columns)
            check_mode(self._draft, self._mode)
        except ValidationError as exc:
            return exc.message(current_lang())
        return ""

    def set_mode(self, mode: SendMode) -> None:
        self._mode = SendMode(mode)
        self._message_checked()
        self._attach_journal()
        self._state_changed()

    # ============================================================================ the list
    def import_csv(self, path: Path, *, encoding: str | None = None,
                   delimiter: str | None = None) -> bool:
        """Read the file with this encoding and delimiter (None: detected)."""
        if self.running:
            return False
        self._csv_path = Path(path)
        try:
            loaded = load_csv(self._csv_path, encoding=encoding, delimiter=delimiter)
        except ValidationError as exc:
            self._set_list(None)
            self._list_problem(exc.message(current_lang()))
            return False
        self._set_list(loaded)
        return True

    def reread(self, *, encoding: str | None, delimiter: str | None) -> None:
        """The file again, with another encoding or delimiter."""
        if self._csv_path is not None:
            self.import_csv(self._csv_path, encoding=encoding, delimiter=delimiter)

    def load_pasted(self, text: str) -> bool:
        if self.running:
            return False
        self._csv_path = None
        loaded = parse_pasted(text)
        if not loaded.rows:
            self._set_list(None)
            self._list_problem(self.tr("No address was found in the pasted text."))
            return False
        self._set_list(loaded)
        return True

    def set_email_column(self, name: str) -> bool:
        if self._list is None or self.running or name == self._list.email_column:
            return False
        try:
            self._set_list(self._list.with_email_column(name))
        except ValidationError as exc:
            self._list_problem(exc.message(current_lang()))
            return False
        return True

    def _set_list(self, recipients: RecipientList | None) -> None:
        self._list = recipients
        self.list_changed.emit(recipients, self._csv_path.name if self._csv_path else "")
        if recipients is not None and not recipients.email_column:  # said with its columns
            self._list_problem(pick(recipients.no_address_text()))
        self.refresh_message()

    def _list_problem(self, text: str) -> None:
        self.list_problem.emit(text)
        if text:
            self.session.show_status(text)

    def row(self, number: int) -> Row | None:
        """Row `number` (1-based position in the list, kept within it)."""
        if self._list is None or not self._list.rows:
            return None
        return self._list.rows[min(max(number, 1), len(self._list.rows)) - 1]

    # ============================================================================ test to self
    def send_test(self, number: int) -> asyncio.Task[SendResult | None]:
        """The message rendered as row `number`, to the sender's own address."""
        return self._tasks.spawn(self._send_test(number))

    async def _send_test(self, number: int) -> SendResult | None:
        self.refresh_message()
        row, draft, config = self.row(number), self._draft, self.server_config()
        if self._testing or row is None or draft is None:
            if draft is None and self._draft_problem:
                self.test_result.emit(self._draft_problem)
            return None
        account = self.session.account
        sender = account.sender if account is not None else ""
        if config is None or not sender:
            self.test_result.emit(self._no_account_text())
            return None
        try:
            test = test_draft_for_row(draft, row, sender,
                                      subject_format=self.tr("[Test] {subject}"))
            outgoing = build_message(test)
        except OmiError as exc:
            self.test_result.emit(exc.message(current_lang()))
            return None
        self._testing = True
        self._state_changed()
        self.test_result.emit(self.tr("Sending a test to {address}…").format(address=sender))
        try:
            result = await send_message(config, outgoing, test=True)
        finally:
            self._testing = False
            self._state_changed()
        self.last_test = result
        self.session.record_send(result, outgoing, str(Source.TEST))
        if result.ok:
            text = self.tr("Test sent to {address} as row {row} — LaunchID {launch_id}").format(
                address=sender, row=row.index, launch_id=result.launch_id or "—")
        else:
            text = self.tr("The test was not sent: {title}").format(
                title=pick(result.diagnosis.title))
        if result.password_unencrypted:
            text += " " + pick(PASSWORD_UNENCRYPTED)
        self.test_result.emit(text)
        self.session.show_status(text)
        return result

    # ============================================================================ the journal
    def _fingerprint(self) -> str:
        assert self._draft is not None and self._list is not None
        return draft_fingerprint(self._draft, self._list, self._mode)

    def _attach_journal(self) -> None:
        """Show the journal of this message + list + mode when one exists (a mailing started
        before, maybe in an earlier session): Start then resumes it."""
        if self.running:
            return
        if self._draft is None or self._list is None or not self._list.ok_rows():
            self._use_journal(None, "")
            return
        fingerprint = self._fingerprint()
        if fingerprint == self._journal_fp and self._journal is not None:
            return
        path = self.journal_path(fingerprint)
        if not path.exists():
            self._use_journal(None, "")
            return
        try:
            journal = Journal.open_or_create(path, fingerprint=fingerprint,
                                             recipients=self._list)
        except (OmiError, OSError, sqlite3.Error) as exc:
            self._use_journal(None, "")
            # Another window or command is sending it (BusyError), or it cannot be used.
            self._notice(self._journal_problem(exc), error=isinstance(exc, BusyError))
            return
        self._use_journal(journal, fingerprint)
        self._notice(self.resume_text(self._summary))

    def _journal_problem(self, exc: BaseException) -> str:
        if isinstance(exc, OmiError):
            return exc.message(current_lang())
        return self.tr("The mailing's journal cannot be used: {error}").format(
            error=getattr(exc, "strerror", None) or str(exc))

    def _use_journal(self, journal: Journal | None, fingerprint: str) -> None:
        if self._journal is not None and self._journal is not journal:
            self._journal.close()
        self._journal, self._journal_fp = journal, fingerprint
        self._pending.clear()
        if journal is None:
            self._summary = {}
            self.entries_loaded.emit([], True)
            self.progress_reset.emit()
            self._notice("")
        else:
            self._reload_status(reset=True)
        self._state_changed()

    def _reload_status(self, *, reset: bool = False) -> None:
        """Read the whole journal once (at open, after a run or a decision)."""
        if self._journal is None:
            return
        self.entries_loaded.emit(self._journal.entries(), reset)
        self._summary = self._journal.summary()
        self.summary_changed.emit(self._summary)
        self._state_changed()

    def resume_text(self, summary: dict[str, int]) -> str:
        total, sent = summary.get("total", 0), summary.get("sent", 0)
        left = summary.get("queued", 0) + summary.get("deferred", 0)
        parts: list[str] = []
        if left == 0:
            parts.append(self.tr("This mailing is finished: {sent} of {total} sent.").format(
                sent=sent, total=total))
        elif sent or summary.get("failed", 0) or summary.get("unknown", 0):
            parts.append(self.tr("Resuming: {sent} of {total} already sent. Start sends to the "
                                 "other {left}.").format(sent=sent, total=total, left=left))
        parts.extend(self._decisions(summary))
        return sentences(*parts)

    def _decisions(self, summary: dict[str, int]) -> list[str]:
        """What is left for the user to do: failed and unknown recipients."""
        parts: list[str] = []
        if summary.get("failed", 0):
            parts.append(self.tr("{n} failed: Retry failed sends to them again.").format(
                n=summary["failed"]))
        if summary.get("unknown", 0):
            parts.append(self.tr("{n} unknown: the connection was lost before the server "
                                 "answered; decide with Resolve unknown…").format(
                n=summary["unknown"]))
        return parts

    # ============================================================================ sending
    def _no_account_text(self) -> str:
        return self.tr("Set up the account (sender address and server) on the Account tab "
                       "first.")

    def start(self, *, rate: int = 0, confirm: Confirm | None = None
              ) -> asyncio.Task[dict[str, int] | None]:
        """Send to every recipient still queued, at most `rate` a minute (0: no limit);
        `confirm`, if given, is asked first (and only then are earlier versions of this
        message looked for)."""
        if self.running:
            assert self._mailing is not None
            return self._mailing
        self._mailing = self._tasks.spawn(self._start_flow(rate, confirm))
        self._mailing.add_done_callback(lambda _t: self._flow_done())
        self._state_changed()
        return self._mailing

    def _flow_done(self) -> None:
        self._sending = False
        self._state_changed()

    def _start_problem(self) -> str:
        if self._draft is None:
            return self._draft_problem or self.tr("There is no message: write it on the "
                                                  "Compose tab.")
        if self._list is None:
            return self.tr("Import a recipient list first.")
        if not self._list.ok_rows():
            return self.tr("No row of the list can be sent: see the Problem column.")
        if self.server_config() is None or not self._draft.from_addr:
            return self._no_account_text()
        problem = self._message_problem()
        if problem:
            return problem
        try:  # attachments, size, headers: refused now, not after the first recipient
            make = message_maker(self._draft, self._mode)
            first = self._list.ok_rows()[0]
            make([first] if self._mode is SendMode.ONE_LAUNCH else first)  # type: ignore[arg-type]
        except OmiError as exc:
            return exc.message(current_lang())
        return ""

    async def _start_flow(self, rate: int, confirm: Confirm | None) -> dict[str, int] | None:
        self._resume_event.set()
        self._refresh()
        await asyncio.sleep(0)  # each step is short, and the loop runs between them
        problem = self._start_problem()
        if problem:
            self._notice(problem, error=True)
            return None
        assert self._draft is not None and self._list is not None
        draft, recipients, mode = self._draft, self._list, self._mode
        config = self.server_config()
        assert config is not None
        fingerprint = self._fingerprint()
        if self._journal is None or self._journal_fp != fingerprint:
            await asyncio.sleep(0)
            try:
                journal = await self._open_journal(self.journal_path(fingerprint), fingerprint,
                                                   recipients)
            except (OmiError, OSError, sqlite3.Error) as exc:
                self._notice(self._journal_problem(exc), error=True)
                return None
            await asyncio.sleep(0)
            self._use_journal(journal, fingerprint)
            await asyncio.sleep(0)
        journal = self._journal
        assert journal is not None
        summary = journal.summary()
        left = summary["queued"] + summary["deferred"]
        if left == 0:
            self._notice(self.resume_text(summary) or self.tr("Nothing left to send."))
            return summary
        if confirm is not None:
            earlier: set[str] = set()
            if summary["sent"] == 0:
                # Another journal that sent to these people: an earlier version of this message.
                earlier = await asyncio.get_running_loop().run_in_executor(
                    None, functools.partial(sent_elsewhere, self.journal_folder(),
                                            [r.address for r in recipients.ok_rows()],
                                            exclude=journal.path))
            if not await confirm(Confirmation(draft=draft, host=config.host, mode=mode,
                                              summary=summary, left=left,
                                              earlier=len(earlier), rate=rate)):
                self._notice(self.tr("Nothing was sent."))
                return None
        return await self._run(config, journal, draft, mode, rate)

    @staticmethod
    async def _open_journal(path: Path, fingerprint: str, recipients: RecipientList) -> Journal:
        """A new journal is written (every row, fsync'd) on a worker thread; the UI thread
        then opens the finished file, which is quick."""
        if not path.exists():
            def create() -> None:
                Journal.open_or_create(path, fingerprint=fingerprint,
                                       recipients=recipients).close()
            await asyncio.get_running_loop().run_in_executor(None, create)
        return Journal.open_or_create(path, fingerprint=fingerprint, recipients=recipients)

    async def _run(self, config: ServerConfig, journal: Journal, draft: Draft,
                   mode: SendMode, rate: int) -> dict[str, int] | None:
        before = journal.summary()
        self._sending = True
        self._state_changed()
        self._notice(self.tr("Resuming: {sent} of {total} already sent.").format(
            sent=before["sent"], total=before["total"]) if before["sent"] else
            self.tr("Sending…"))
        self._flush_timer.start()
        # A full collection of the app's long-lived objects stalls the loop ~30 ms: keep them
        # out of the collector's way while the mailing runs (unless the app already did).
        froze = gc.get_freeze_count() == 0
        if froze:
            gc.freeze()
        unencrypted: list[bool] = []
        try:
            summary = await run_mailing(
                config, journal, message_maker(draft, mode),
                MailingSettings(mode=mode, rate_per_minute=float(rate) if rate else None),
                outbox=Outbox(self.session.sent_log, account=self.session.account_label(),
                              source=Source.MAILING),
                hooks=MailingHooks(
                    on_progress=self._progress, resume_event=self._resume_event,
                    on_warning=lambda text: self.session.show_status(pick(text)),
                    on_unencrypted_login=lambda: unencrypted.append(True)))
        except SMTPFailure as exc:
            self._end_run()
            diagnosis = diagnose(exc, config, host=config.host)
            self._notice(self.tr("The mailing stopped: {title} {step} Nobody else was sent "
                                 "to; Start continues where it stopped.").format(
                title=pick(diagnosis.title), step=pick(diagnosis.next_step)), error=True)
            return None
        except OmiError as exc:  # the journal cannot be written: a full disk
            self._end_run()
            self._notice(self.tr("The mailing stopped: {reason} Nobody gets the message "
                                 "twice: once there is space, Start continues where it "
                                 "stopped.").format(reason=exc.message(current_lang())),
                         error=True)
            return None
        except asyncio.CancelledError:
            self._end_run()
            self._notice(self.tr("Cancelled: {sent} of {total} sent. Start continues where it "
                                 "stopped.").format(sent=self._summary.get("sent", 0),
                                                    total=self._summary.get("total", 0)))
            raise
        finally:
            if froze:
                gc.unfreeze()
        self._flush()
        await asyncio.sleep(0)
        self._end_run()
        self._notice(sentences(self.tr("Finished: {counts}.").format(
            counts=counts_text(summary)), *self._decisions(summary),
            *([pick(PASSWORD_UNENCRYPTED)] if unencrypted else [])))
        self.finished.emit(summary)
        return summary

    def _end_run(self) -> None:
        self._flush_timer.stop()
        self._flush()
        self._resume_event.set()
        self._sending = False
        self._reload_status()
        self._state_changed()

    def _progress(self, progress: Progress) -> None:
        """Called by the engine after each recipient: queued, emitted by _flush()."""
        self._pending[progress.entry.address.lower()] = progress.entry
        self._last_progress = progress

    def _flush(self) -> None:
        if self._pending:
            self.entries_updated.emit(list(self._pending.values()))
            self._pending.clear()
        progress, self._last_progress = self._last_progress, None
        if progress is not None:
            self._summary = progress.summary
            self.progress_changed.emit(progress)

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def pause(self) -> None:
        if not self.running or self.paused:
            return
        self._resume_event.clear()
        self._notice(self.tr("Paused: the message in progress finishes, then nothing more is "
                             "sent until you press Resume."))
        self._state_changed()

    def resume(self) -> None:
        if not self.paused:
            return
        self._resume_event.set()
        self._notice(self.tr("Sending…"))
        self._state_changed()

    def cancel(self) -> None:
        if self._mailing is not None and not self._mailing.done():
            # A cancel swallowed by asyncio.wait_for on 3.11 is honoured by the engine itself
            # before its next transaction (run_mailing checks Task.cancelling()).
            self._mailing.cancel()

    def shutdown(self) -> None:
        """The window closes: stop sending (the journal stays consistent)."""
        self._tasks.cancel_all()
        self._flush_timer.stop()

    # ============================================================================ after a run
    def retry_failed(self) -> int | None:
        """Queue the failed recipients again (None: no journal, or it runs); Start sends."""
        if self._journal is None or self.running:
            return None
        count = self._journal.retry_failed()
        self._reload_status()
        self.session.show_status(self.tr("{n} failed recipients queued again.").format(n=count))
        return count

    def unknown_to_resolve(self, selected: Sequence[Entry]) -> list[Entry]:
        """The unknown recipients among `selected`, or every unknown one if none is."""
        if self._journal is None or self.running:
            return []
        chosen = [e for e in selected if e.state is State.UNKNOWN]
        return chosen or self._journal.entries(State.UNKNOWN)

    def apply_resolution(self, addresses: list[str], *, resend: bool) -> int:
        """Unknown recipients marked as sent, or queued to be sent again."""
        if self._journal is None or self.running:
            return 0
        done = 0
        for address in addresses:
            try:
                self._journal.resolve_unknown(address, resend=resend)
                done += 1
            except (ValidationError, KeyError):
                continue  # no longer unknown
        self._reload_status()
        self._notice(self.tr("{n} recipients queued again: press Start to send to them.").format(
            n=done) if resend else self.tr("{n} recipients marked as sent.").format(n=done))
        return done

    def export_to(self, path: Path) -> bool:
        if self._journal is None:
            return False
        try:
            self._journal.export_csv(path)
        except OmiError as exc:  # StorageError: the file was left as it was
            self._notice(self.tr("The results could not be saved: {error}").format(
                error=exc.message(current_lang())), error=True)
            return False
        self.session.show_status(self.tr("Results saved to {path}").format(path=str(path)))
        return True

    # ============================================================================ saying it
    def _notice(self, text: str, *, error: bool = False) -> None:
        self.notice.emit(text, error)
        if text:
            self.session.show_status(text)

    def _task_failed(self, exc: BaseException) -> None:
        self._flush_timer.stop()
        self._sending = False
        text = exc.message(current_lang()) if isinstance(exc, OmiError) else str(exc)
        self._notice(self.tr("The mailing stopped because of an error: {error}").format(
            error=text or type(exc).__name__), error=True)
        self._state_changed()
