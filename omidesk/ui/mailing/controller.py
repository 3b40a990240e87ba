"""The Mailing tab's controller: the list, the session's draft checked against it, the journal,
the run with pause/resume, and the test to oneself. No widget here: it awaits core coroutines
and says what happened through its signals, which the panels render.

Its parts: list_source.py (the list), journal_link.py (the journal of this message + list +
mode, found again to resume), restart.py (Start on a journal with a history: the pinned
options, a finished mailing sent again), run.py (core's run_mailing with pause/resume, its
progress batched for the Qt thread, and what it says as it starts and ends), to_myself.py (the
test rendered as one row)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ...core.errors import OmiError, ValidationError
from ...core.journal import Entry, Journal
from ...core.mailing import (
    MakeLaunch, MakeMessage, SendMode, check_list_mode, check_message, check_values,
    draft_fingerprint, mailing_plan, merge_fields, message_fingerprint, preflight,
    stop_after_current,
)
from ...core.message import Draft, check_attachments
from ...core.recipients import RecipientList
from ...core.smtp.config import ServerConfig
from ...core.smtp.send import SendResult
from ...core.text import Text
from ..asyncqt import TaskKeeper, weak_callback
from ..i18n import current_lang, pick
from ..session import Session
from .journal_link import JournalLink
from .list_source import ListSource
from .restart import Restart
from .run import Run
from .state import Confirmation, MailingState, MessageState
from .to_myself import Gate, SendToMyself

if TYPE_CHECKING:
    from ...core.domain.check import DomainReport

Confirm = Callable[[Confirmation], Awaitable[bool]]


class MailingController(QObject):
    list_changed = Signal(object, str)  # RecipientList | None, the file's name ("" if none)
    list_problem = Signal(str)  # why the list cannot be read or used ("" clears it)
    list_reading = Signal(str)  # the file read in the background ("" when done)
    message_changed = Signal(object)  # MessageState
    entries_loaded = Signal(list, bool)  # the journal's entries; True: another journal
    entries_updated = Signal(list)  # entries that changed during a run
    not_sent = Signal(object)  # {row index: journal Entry}: the rows Start will not send to
    summary_changed = Signal(dict)  # the journal's counts, after it is read
    progress_changed = Signal(object)  # Progress, during a run
    progress_reset = Signal()  # no journal
    waiting_changed = Signal(bool)  # True: the run waits out a deferred recipient's backoff
    notice = Signal(str, bool)  # what happened, and whether it is a problem
    test_result = Signal(str)  # the test to oneself
    state_changed = Signal(object)  # MailingState
    finished = Signal(object)  # the journal's summary when a run ends

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._draft: Draft | None = None
        self._draft_problem = ""
        self._problem = ""  # what the message panel shows (MessageState.problem)
        self._mode = SendMode.INDIVIDUAL
        self._said: tuple[Callable[[], str], bool] | None = None  # reword_notice
        self._tasks = TaskKeeper(on_error=weak_callback(self._task_failed))
        self._mailing: asyncio.Task[dict[str, int] | None] | None = None
        self._list = ListSource(session, self)
        self._list_changes = 0
        self._list.changed.connect(self._list_changed)
        self._list.changed.connect(self.list_changed)
        self._list.problem.connect(self.list_problem)
        self._list.reading.connect(self.list_reading)
        self.list_task: asyncio.Task[bool] | None = None  # the latest background read
        self._journal = JournalLink(session, self)
        self._journal.entries_loaded.connect(self.entries_loaded)
        self._journal.not_sent.connect(self.not_sent)
        self._journal.summary_changed.connect(self.summary_changed)
        self._journal.closed.connect(self.progress_reset)
        for signal in (self._journal.summary_changed, self._journal.closed):
            signal.connect(self._state_changed)
        self._journal.notice.connect(self._notice)
        self._restart = Restart(session, self._journal, self)
        self._restart.notice.connect(self._notice)
        self._run = Run(session, self._journal, self)
        self._run.begun.connect(self._state_changed)
        self._run.notice.connect(self._notice)
        self._run.entries_updated.connect(self.entries_updated)
        self._run.progress_changed.connect(self.progress_changed)
        self._run.waiting_changed.connect(self.waiting_changed)
        self._run.warning.connect(self._warned)
        # the sender domain's last check, if one is known (the tab's strip, another tab's)
        self.domain_report: Callable[[], DomainReport | None] = lambda: None
        self._to_myself = SendToMyself(session, self)
        self._to_myself.result.connect(self.test_result)
        self._to_myself.busy_changed.connect(self._state_changed)
        session.account_changed.connect(self.refresh_message)
        session.closing.connect(self.shutdown)

    # ============================================================================ what it holds
    @property
    def running(self) -> bool:
        """A start is under way: checks, the confirmation, then the sending itself."""
        return self._mailing is not None and not self._mailing.done()

    @property
    def sending(self) -> bool:
        """The engine itself runs (not only the checks or the confirmation)."""
        return self._run.sending

    @property
    def paused(self) -> bool:
        return self._run.paused

    @property
    def journal(self) -> Journal | None:
        return self._journal.journal

    @property
    def recipients(self) -> RecipientList | None:
        return self._list.recipients

    @property
    def mode(self) -> SendMode:
        return self._mode

    @property
    def last_test(self) -> SendResult | None:
        return self._to_myself.last

    def server_config(self) -> ServerConfig | None:
        account = self.session.account
        if account is None:
            return None
        return account.server_config(self.session.send_password)

    def journal_path(self) -> Path:
        """The journal of this message + list + mode."""
        return self._journal.path(self._fingerprint())

    def state(self) -> MailingState:
        summary, recipients = self._journal.summary, self.recipients
        return MailingState(
            running=self.running, sending=self.sending, paused=self.paused,
            has_list=recipients is not None, has_rows=bool(recipients and recipients.rows),
            sendable=bool(recipients and recipients.ok_rows()), has_draft=self._draft is not None,
            has_journal=self.journal is not None, failed=summary.get("failed", 0),
            unknown=summary.get("unknown", 0), testing=self._to_myself.busy,
            message_problem=bool(self._problem))

    def _state_changed(self, *_args: object) -> None:
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
        except OmiError as exc:  # the Options tab's: said as that tab's, not as the message's
            self._draft_problem = self.tr("The Options tab has a problem (the message is "
                                          "not sent until it is fixed): {problem}").format(
                problem=exc.message(current_lang()))
        self._message_checked()
        self._attach_journal()
        self._state_changed()

    def _message_checked(self) -> None:
        draft = self._draft
        self._problem = self._message_problem()
        written = draft if draft is not None else self.session.draft
        self.message_changed.emit(MessageState(
            draft=draft, draft_problem=self._draft_problem, problem=self._problem,
            fields=tuple(merge_fields(written)) if written is not None else (),
            written=written))

    def _message_problem(self) -> str:
        """Why the message cannot be sent to this list (its shared attachments, unknown
        fields, mode), or "": each problem on a line of its own."""
        if self._draft_problem or self._draft is None:
            return self._draft_problem
        # the shared attachments as Compose checks them (a FIFO, over the size limit): said
        # before Start, not after it (QA4 #18)
        problems = check_attachments(self._draft)[1]
        recipients = self.recipients
        try:
            check_message(self._draft, recipients.columns if recipients else None, self._mode)
            if recipients is not None:
                check_values(self._draft, recipients)  # formulas without saved results
                check_list_mode(recipients, self._mode)
        except ValidationError as exc:
            problems.append(exc)
        return "\n".join(exc.message(current_lang()) for exc in problems)

    def set_mode(self, mode: SendMode) -> None:
        self._mode = SendMode(mode)
        self._message_checked()
        self._attach_journal()
        self._state_changed()

    # ============================================================================ the list
    def read_list_later(self, path: Path | None, *, sheet: str | None = None,
                        encoding: str | None = None,
                        delimiter: str | None = None) -> asyncio.Task[bool]:
        """Read the list file `path` (None: the same file again) with this sheet, encoding
        and delimiter (None: detected) on a worker thread; the task (list_task) ends when
        the list is shown, True when it can be used. Refused while a mailing runs."""
        self.list_task = self._tasks.spawn(self._read_later(
            None if self.running else self._list.read_in_background(
                path, sheet=sheet, encoding=encoding, delimiter=delimiter)))
        return self.list_task

    def set_attach_column_later(self, name: str) -> asyncio.Task[bool]:
        """set_attach_column on a worker thread (list_task)."""
        self.list_task = self._tasks.spawn(self._read_later(
            None if self.running else self._list.attach_in_background(name)))
        return self.list_task

    async def _read_later(self, reading: Coroutine[Any, Any, bool] | None) -> bool:
        if reading is None:  # refused while a mailing runs
            return False
        before = self._list_changes
        done = await reading
        if self._list_changes != before:
            self.refresh_message()
        return done

    def set_attach_column(self, name: str) -> bool:
        """Each row's own files from this column ("": none)."""
        return self._listed(lambda: self._list.set_attach_column(name))

    def load_pasted(self, text: str) -> bool:
        return self._listed(lambda: self._list.load_pasted(text))

    def set_email_column(self, name: str) -> bool:
        return self._listed(lambda: self._list.set_email_column(name))

    def _listed(self, change: Callable[[], bool]) -> bool:
        """A change of the list, refused while a mailing runs; then the message again."""
        if self.running:
            return False
        before = self._list_changes
        done = change()
        if self._list_changes != before:
            self.refresh_message()
        return done

    def _list_changed(self, *_args: object) -> None:
        self._list_changes += 1

    # ============================================================================ test to self
    def send_test(self, number: int, to: str = "", *,
                  gate: Gate | None = None) -> asyncio.Task[SendResult | None]:
        """The message rendered as row `number`, to `to` or (""), once `gate` (the sender's
        domain) lets it, to the sender's own address."""
        return self._tasks.spawn(self._send_test(number, to, gate))

    async def _send_test(self, number: int, to: str, gate: Gate | None) -> SendResult | None:
        self.refresh_message()
        if self._draft is None:
            if self._draft_problem:
                self.test_result.emit(self._draft_problem)
            return None
        return await self._to_myself.send(self._draft, self._list.row(number),
                                          self.server_config(), to=to, gate=gate)

    # ============================================================================ the journal
    def _fingerprint(self) -> str:
        assert self._draft is not None and self.recipients is not None
        return draft_fingerprint(self._draft, self.recipients, self._mode)

    def _message(self) -> str:
        assert self._draft is not None
        return message_fingerprint(self._draft, self._mode)

    def _attach_journal(self) -> None:
        if self.running:
            return
        recipients = self.recipients
        sendable = self._draft is not None and recipients is not None and recipients.ok_rows()
        self._journal.attach(self._fingerprint() if sendable else "", recipients,
                             self._message() if sendable else "")

    def resume_text(self, summary: dict[str, int]) -> str:
        return self._journal.resume_text(summary)

    def retry_failed(self) -> int | None:
        """Queue the failed recipients again (None: no journal, or it runs); Start sends."""
        return None if self.running else self._journal.retry_failed()

    def unknown_to_resolve(self, selected: Sequence[Entry]) -> list[Entry]:
        """The unknown recipients among `selected`, or every unknown one if none is."""
        return [] if self.running else self._journal.unknown(selected)

    def apply_resolution(self, addresses: list[str], *, resend: bool) -> int:
        """Unknown recipients marked as sent, or queued to be sent again."""
        return 0 if self.running else self._journal.resolve(addresses, resend=resend)

    def export_to(self, path: Path) -> bool:
        return self._journal.export_to(path, self.recipients)

    # ============================================================================ sending
    def start(self, *, rate: int = 0, confirm: Confirm | None = None
              ) -> asyncio.Task[dict[str, int] | None]:
        """Send to every recipient still queued, at most `rate` a minute (0: no limit);
        `confirm`, if given, is asked first (and only then are earlier versions of this
        message looked for)."""
        if self.running:
            assert self._mailing is not None
            return self._mailing
        self._mailing = self._tasks.spawn(self._start_flow(rate, confirm))
        self._mailing.add_done_callback(self._state_changed)
        self._state_changed()
        return self._mailing

    def _start_problem(self) -> str | MakeMessage | MakeLaunch:
        """Why nothing can be sent now, or the message maker (core's preflight: the fields
        and mode, then the first message built — attachments, size, headers — refused now,
        not after the first recipient)."""
        recipients = self.recipients
        if self._draft is None:
            return self._draft_problem or self.tr("There is no message: write it on the "
                                                  "Compose tab.")
        if recipients is None:
            return self.tr("Import a recipient list first.")
        if not recipients.ok_rows():
            return self.tr("No row of the list can be sent: see the Problem column.")
        if self._list.uncertain_text():
            return self.tr("Choose the list's encoding first (the names could come out "
                           "garbled): {reason}").format(reason=self._list.uncertain_text())
        if self.server_config() is None or not self._draft.from_addr:
            return self._to_myself.no_account_text()
        no_password = self.session.password_problem(self.tr("Start"))
        if no_password:  # said before connecting and before the confirmation
            return no_password
        if self._problem:  # what Message shows (the shared attachments, the fields)
            return self._problem
        try:
            return preflight(self._draft, recipients, self._mode)
        except OmiError as exc:
            return exc.message(current_lang())

    async def _start_flow(self, rate: int, confirm: Confirm | None) -> dict[str, int] | None:
        self._refresh()
        await asyncio.sleep(0)  # each step is short, and the loop runs between them
        make = self._start_problem()
        if isinstance(make, str):
            if make == self._problem:  # shown under Message already: said once (QA 14)
                make = self.tr("Not started: first fix the problem shown under Message.")
            self._notice(make, error=True)
            return None
        draft, recipients, mode, config = self._draft, self.recipients, self._mode, \
            self.server_config()
        assert draft is not None and recipients is not None and config is not None
        server = f"{config.host}:{config.port}"
        journal = await self._journal.open(self._fingerprint(), recipients, self._message())
        as_given = draft, make  # the Options tab's: a new mailing sends with them
        pinned = None if journal is None else await self._restart.pinned(
            journal, draft, make, recipients, mode)
        if journal is None or pinned is None:
            return None
        draft, make, note = pinned
        summary = journal.summary()
        left = summary["queued"] + summary["deferred"]
        again = None
        if left == 0:  # Start on a finished mailing: sent again once asked, or said
            again = self._restart.finished(journal, summary, recipients, make=make, mode=mode,
                                           server=server, asked=confirm is not None)
            if again is None:
                return summary
            summary, left = again.summary, again.left
        if confirm is not None:
            earlier = 0
            if summary["sent"] == 0 and again is None:
                earlier = await self._restart.earlier(journal, recipients, self._fingerprint())
            plan = mailing_plan(draft, recipients, mode, rate=rate, server=server,
                                domain=self.domain_report(),
                                journal=journal if again is None else None)
            if not await confirm(Confirmation(
                    draft=draft, host=config.host, mode=mode, summary=summary, left=left,
                    earlier=earlier, rate=rate, plan=plan,
                    again=again.last_sent if again is not None else None,
                    earlier_summary=again.earlier_summary if again is not None else {})):
                self._notice(self.tr("Nothing was sent."))
                return None
        if again is not None:
            opened = await self._restart.again(self._fingerprint(), recipients,
                                               self._message(), *as_given, mode)
            if opened is None:
                return None
            journal, (draft, make, note) = opened
        return await self._send(config, journal, make, mode, rate, note)

    async def _send(self, config: ServerConfig, journal: Journal,
                    make: MakeMessage | MakeLaunch, mode: SendMode,
                    rate: int, note: str = "") -> dict[str, int] | None:
        summary = await self._run.send_and_say(config, journal, make, mode=mode, rate=rate,
                                               note=note)
        if summary is not None:
            self.finished.emit(summary)
        return summary

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def pause(self) -> None:
        if self.running and self._run.pause():
            self._notice(self.tr("Paused: the message in progress finishes, then nothing "
                                 "more is sent until you press Resume."))
            self._state_changed()

    def resume(self) -> None:
        if self._run.resume():
            if not self._run.say_waiting():  # still waiting out a backoff: said again
                self._notice(self.tr("Sending…"))
            self._state_changed()

    def cancel(self) -> None:
        if self._mailing is not None and not self._mailing.done():
            # A cancel swallowed by asyncio.wait_for on 3.11 is honoured by the engine itself
            # before its next transaction (run_mailing checks Task.cancelling()).
            self._mailing.cancel()

    async def stop_after_current(self) -> None:
        """Quitting during a mailing: nothing more is sent after the transaction in progress;
        returns once it has settled in the journal (sent, refused — not "unknown") and the run
        has ended (core's stop_after_current, as `omidesk mailing`'s first Ctrl+C). Resume
        later with Start, like after a pause."""
        task = self._mailing
        if task is None or task.done():
            return
        self.pause()
        if self.sending and self.journal is not None:
            await stop_after_current(task, self.journal, self._run.resume_event)
        self.cancel()
        await asyncio.wait({task})

    def shutdown(self) -> None:
        """The window closes: stop sending (the journal stays consistent)."""
        self._tasks.cancel_all()
        self._run.stop()

    # ============================================================================ saying it
    def _notice(self, text: str | Callable[[], str], error: bool = False) -> None:
        """Shown by the tab (and in the status bar only while another tab is in view). A
        text made of several sentences comes as its maker: worded again in a new language
        (reword_notice; Qt's relabelling knows single texts only)."""
        self._said = (text, error) if callable(text) else None
        self.notice.emit(text() if callable(text) else text, error)

    def reword_notice(self) -> None:
        """The language changed: the last notice made of several sentences, in it."""
        if self._said is not None:
            self._notice(*self._said)

    def _warned(self, text: Text) -> None:
        self.session.show_status(pick(text))

    def _task_failed(self, exc: BaseException) -> None:
        self._run.stop()
        text = exc.message(current_lang()) if isinstance(exc, OmiError) else str(exc)
        self._notice(self.tr("The mailing stopped because of an error: {error}").format(
            error=text or type(exc).__name__), error=True)
        self._state_changed()

