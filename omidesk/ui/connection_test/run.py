"""The Connection test's runs, without a widget: core's probe_all (one login for the whole test,
on the best encrypted combination; each attempt started STAGGER after the previous) and the
test message through the session's outbox. Both report through signals as they go, which the
tab renders; after a cancel the result is core's choice over the attempts that finished.

The password is only inside the ServerConfig handed to core, which redacts every form of it
from transcripts and reports."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ...core.errors import OmiError
from ...core.sentlog import Source
from ...core.smtp.config import Security, ServerConfig
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED
from ...core.smtp.probe import (
    MatrixResult, ProbeResult, matrix_configs, probe_all, recommend, settles_the_test,
)
from ...core.smtp.report import render_report, report_dict
from ...core.smtp.send import SendResult
from ...core.smtp.testmessage import draft_test_message
from ...core.smtp.transcript import TranscriptEvent
from ..asyncqt import TaskKeeper, alive, weak_callback, while_alive
from ..i18n import current_lang
from ..session import Session

if TYPE_CHECKING:
    from ...core.domain.check import DomainReport

SEND_ATTEMPT = 1_000_000  # the transcript key of the test message's lines


class ConnectionRun(QObject):
    begun = Signal()  # a test starts: attempts, results and the test message are reset
    attempt_started = Signal(int, str, object)  # index, host, ServerConfig
    attempt_finished = Signal(int, object)  # index, ProbeResult
    # index, ProbeResult: the recommendation is final (every better-ranked attempt is over),
    # while slower attempts may still be running
    recommended = Signal(int, object)
    # attempt (SEND_ATTEMPT: the test message), TranscriptEvent
    transcript_event = Signal(int, object)
    finished = Signal(object)  # MatrixResult: the test ended, however it ended
    notice = Signal(str)  # what happened, said under the tab
    message_started = Signal(str)  # the test message goes to this address now
    message_sent = Signal(object, str)  # SendResult, and what it means in words
    message_ended = Signal()  # sent, refused, cancelled or failed
    failed = Signal(object)  # an unexpected error in a run

    STAGGER = 0.1  # seconds between the starts of two attempts (Thunderbird's 100 ms)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._tasks = TaskKeeper(on_error=weak_callback(self._failed))
        self.task: asyncio.Task[Any] | None = None  # the test or the test message
        self.config: ServerConfig | None = None  # the configuration the results are for
        self.attempts: list[tuple[str, ServerConfig]] = []
        self.combos: tuple[tuple[int, Security], ...] = ()  # what the last test tried
        self.results: dict[int, ProbeResult] = {}
        self.early: ProbeResult | None = None  # the recommendation, once final
        self.early_failure: ProbeResult | None = None  # the one login, failed: final too
        self.matrix: MatrixResult | None = None
        self.sent: SendResult | None = None
        self.cancelled = False
        self._started = 0.0

    @while_alive
    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(exc)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def cancel(self) -> None:
        """Stop the running test or send now: its connections are closed at once."""
        if self.task is not None and not self.task.done():
            self.cancelled = True
            self.task.cancel()

    # -- the test --------------------------------------------------------------------------------
    def test(self, config: ServerConfig, combos: Sequence[tuple[int, Security]], *,
             unavailable: str = "") -> asyncio.Task[MatrixResult | None]:
        """Every combination in `combos` on the server and its backup. `unavailable`: why
        this profile cannot be reached now (then the test says only that)."""
        self._started = time.perf_counter()
        self.config = config
        self.combos = tuple(combos)  # the report names what was tried, not config's one
        self.attempts = [] if unavailable else matrix_configs(config, combos)
        self.results, self.matrix, self.sent, self.cancelled = {}, None, None, False
        self.early = self.early_failure = None
        self.begun.emit()
        task = self._tasks.spawn(self._test(config, combos, unavailable))
        task.add_done_callback(weak_callback(self._test_done))
        self.task = task
        return task

    async def _test(self, config: ServerConfig, combos: Sequence[tuple[int, Security]],
                    unavailable: str) -> MatrixResult | None:
        if unavailable:
            self.notice.emit(unavailable)
            return self._finish()
        matrix = await probe_all(config, combos=combos, stagger=self.STAGGER,
                                 on_start=self._attempt_started, on_event=self._on_event,
                                 on_result=self._attempt_finished,
                                 on_recommended=self._recommended)
        return self._finish(matrix)

    @while_alive
    def _recommended(self, index: int, result: ProbeResult) -> None:
        self.early = result
        self.recommended.emit(index, result)

    @while_alive
    def _attempt_started(self, index: int, host: str, cfg: ServerConfig) -> None:
        self.attempt_started.emit(index, host, cfg)

    @while_alive
    def _on_event(self, attempt: int, event: TranscriptEvent) -> None:
        self.transcript_event.emit(attempt, event)

    @while_alive
    def _attempt_finished(self, index: int, result: ProbeResult) -> None:
        self.results[index] = result
        if settles_the_test(result):
            self.early_failure = result
        self.attempt_finished.emit(index, result)

    @while_alive
    def _test_done(self, task: asyncio.Task[object]) -> None:
        """Also runs when the task was cancelled or failed, even before it started."""
        if task is self.task:
            self.task = None
        if self.matrix is None:
            self._finish()

    def _finish(self, matrix: MatrixResult | None = None) -> MatrixResult:
        """Core's result; after a cancel, core's choice (probe.recommend) over the attempts
        that finished."""
        config, results = self.config, self.results
        assert config is not None
        elapsed_ms = (time.perf_counter() - self._started) * 1000
        self.matrix = matrix or recommend(config, [results[i] for i in sorted(results)],
                                          elapsed_ms, complete=False)
        self.finished.emit(self.matrix)
        return self.matrix

    # -- the test message ------------------------------------------------------------------------
    def send(self, config: ServerConfig, *, sender: str, sender_name: str = "",
             to: str = "") -> asyncio.Task[SendResult | None]:
        """The test message to the sender's own address (or `to`)."""
        self.cancelled = False
        task = self._tasks.spawn(self._send(config, sender, sender_name, to))
        task.add_done_callback(weak_callback(self._send_done))
        self.task = task
        return task

    async def _send(self, config: ServerConfig, sender: str, sender_name: str,
                    to: str) -> SendResult | None:
        try:
            if not sender:
                self.notice.emit(self.tr("Enter the sender address on the Account tab first: "
                                         "the test message goes to it."))
                return None
            outbox = self.session.outbox(Source.TEST)
            try:
                outgoing = outbox.build(draft_test_message(config, sender=sender,
                                                           sender_name=sender_name,
                                                           to=[to] if to else None))
            except OmiError as exc:
                self.notice.emit(exc.message(current_lang()))
                return None
            self.message_started.emit(to or sender)
            result = await outbox.send(config, outgoing, test=True,
                                       on_event=partial(self._on_event, SEND_ATTEMPT))
            self.sent = result
            if self.config is None:
                self.config = config
            self.message_sent.emit(result, self._sent_text(result))
            return result
        except asyncio.CancelledError:
            if alive(self):  # not when its window was closed and deleted
                self.notice.emit(self.tr("Sending was cancelled. If the message had already "
                                         "gone out, it may still arrive."))
            raise
        finally:
            if alive(self):
                self.message_ended.emit()

    def _sent_text(self, result: SendResult) -> str:
        lang = current_lang()
        if result.ok:
            text = self.tr("Test message accepted by {host} — LaunchID {launch_id}. A 250 reply "
                           "means the relay accepted it, not that it reached the inbox: check "
                           "the inbox (and the spam folder) of {address}.").format(
                host=result.host, launch_id=result.launch_id or "—",
                address=", ".join(r.address for r in result.recipients if r.accepted))
        elif result.delivery_unknown:
            text = self.tr("The message went out but no reply came back: it may still arrive. "
                           "{title}").format(title=result.diagnosis.title.get(lang))
        else:
            text = self.tr("The test message was not sent: {title}").format(
                title=result.diagnosis.title.get(lang))
        if result.password_unencrypted:
            text += " " + PASSWORD_UNENCRYPTED.get(lang)
        return text

    @while_alive
    def _send_done(self, task: asyncio.Task[object]) -> None:
        if task is self.task:
            self.task = None

    # -- the report ------------------------------------------------------------------------------
    def report_text(self, config: ServerConfig, lang: str,
                    domain: DomainReport | None = None) -> str:
        """The redacted Markdown report of the last test and test message (and `domain`, the
        sender-domain check shown beside them)."""
        matrix = self.matrix
        return render_report(config, matrix.results if matrix else [], lang=lang,
                             recommended=matrix.recommended if matrix else None,
                             pattern=matrix.pattern if matrix else None,
                             test_message=self.sent, domain=domain, combos=self.combos)

    def report_json(self, config: ServerConfig, domain: DomainReport | None = None) -> str:
        matrix = self.matrix
        data = report_dict(config, matrix.results if matrix else [],
                           recommended=matrix.recommended if matrix else None,
                           pattern=matrix.pattern if matrix else None,
                           test_message=self.sent, domain=domain, combos=self.combos)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
