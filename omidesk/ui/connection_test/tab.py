"""連線測試 / Connection test: every port/security combination (or only the configured one)
tried side by side with a live transcript, a results table, a plain-language diagnosis, "Use this
configuration", a test message to oneself, and a redacted report to copy or save.

The test itself is core's probe_all (one login for the whole test, on the best encrypted
combination), run by run.py and rendered here through its per-attempt signals: the CLI and this
tab cannot disagree. All network I/O is core coroutines awaited on the qasync loop (asyncio on
the Qt thread); no dialog is exec()ed. The password is only inside the ServerConfig handed to
core, which redacts every form of it from transcripts and reports."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QHBoxLayout, QMessageBox, QPushButton, QRadioButton,
    QVBoxLayout, QWidget,
)

from ...core.smtp.config import RELAY_COMBOS, Security, ServerConfig, combo_label
from ...core.smtp.diagnosis import redactor_for
from ...core.smtp.probe import MatrixResult, ProbeResult
from ...core.smtp.send import SendResult
from ...core.smtp.transcript import Redactor
from ..i18n import current_lang
from ..session import Session
from ..widgets.domain_strip import DomainStatusStrip
from .reports import Report
from .results_area import ResultsArea
from .run import ConnectionRun
from .summary import NoticeLabel, RunState, SummaryLabel, TargetLabel
from .target import Target, account_target
from .to_self import MessageToSelf

if TYPE_CHECKING:
    from ...core.domain.check import DomainReport
    from ...core.sandbox import SandboxRelay


class ConnectionTestTab(QWidget):
    """Tests the session's profile (or what set_target() names); start_test(),
    send_test_message(), report_text()."""

    use_configuration = Signal(str, int, str)  # host, port, Security value ("ssl", …)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 sandbox: SandboxRelay | None = None) -> None:
        """sandbox: the relay of a --sandbox session, tested on its own ports."""
        super().__init__(parent)
        self.session = session
        self.sandbox = sandbox
        self.target: Target | None = None
        self._busy = False
        self._early_status = False  # this run's recommendation went to the status bar
        self._message_box: QMessageBox | None = None
        self.run = ConnectionRun(session, self)
        # the sender-domain status shown under the results goes into the report with them
        self.report = Report(self.run, lambda: self.config, self,
                             domain=lambda: self.domain_status.report)
        self.report_file = self.report.file
        self._build()
        self.retranslate()
        self._update_actions()
        self._wire()
        session.account_changed.connect(self._account_changed)
        session.unsaved_changed.connect(self._show_target)  # the Account tab's hint (QA3 #19)
        session.cancel_requested.connect(self.cancel)
        session.closing.connect(self.cancel)
        self._account_changed()

    # ============================================================================ construction
    def _build(self) -> None:
        self.target_label = TargetLabel(self)
        mode_row = self._build_mode_row()
        self.summary_label = SummaryLabel(self)
        self.splitter = ResultsArea(self)
        self.table, self.diagnosis = self.splitter.table, self.splitter.diagnosis
        self.transcript = self.splitter.transcript
        self.table.attempt_selected.connect(self._attempt_selected)
        actions = self._build_actions()
        self.notice_label = NoticeLabel(self)
        self.domain_status = DomainStatusStrip(self)  # the sender's domain (manual §2)
        self.domain_status.send_to.connect(self.send_test_message)
        self.to_self = MessageToSelf(self.run, self.domain_status,
                                     started=self._message_running, parent=self)
        self.to_self.notice.connect(self._show_notice)
        self.to_self.checking.connect(self._checking_domain)

        layout = QVBoxLayout(self)
        layout.addWidget(self.target_label)
        layout.addLayout(mode_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.domain_status)
        layout.addLayout(actions)
        layout.addWidget(self.notice_label)

        order = [self.all_radio, self.one_radio, self.test_button, self.cancel_button,
                 self.table, self.diagnosis.view, self.transcript.filter_box,
                 self.transcript.find_button, self.transcript.copy_button, self.transcript.view,
                 self.transcript.find_bar.edit, self.use_button, self.send_button,
                 self.copy_button, self.save_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _build_mode_row(self) -> QHBoxLayout:
        """Every combination or the configured one; Test and Cancel."""
        self.all_radio = QRadioButton(self)
        self.one_radio = QRadioButton(self)
        self.all_radio.setChecked(True)
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self.all_radio)
        self._mode_group.addButton(self.one_radio)
        self.test_button = QPushButton(self)
        self.test_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.test_button.clicked.connect(self._test_clicked)
        self.cancel_button.clicked.connect(self.cancel)

        mode_row = QHBoxLayout()
        mode_row.addWidget(self.all_radio)
        mode_row.addWidget(self.one_radio)
        mode_row.addStretch(1)
        mode_row.addWidget(self.test_button)
        mode_row.addWidget(self.cancel_button)
        return mode_row

    def _build_actions(self) -> QHBoxLayout:
        """Use this configuration, Send test message, Copy report, Save report…."""
        self.use_button = QPushButton(self)
        self.send_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.use_button.clicked.connect(self.apply_configuration)
        self.send_button.clicked.connect(self._send_clicked)  # not `to`: clicked(checked)
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button.clicked.connect(self.save_report)
        actions = QHBoxLayout()
        for button in (self.use_button, self.send_button, self.copy_button, self.save_button):
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def _wire(self) -> None:
        run = self.run
        run.begun.connect(self._begun)
        run.attempt_started.connect(lambda index, host, cfg:
                                    self.table.add_attempt(index, host, cfg.port, cfg.security))
        run.transcript_event.connect(self.transcript.view.append_event)
        run.attempt_finished.connect(self._attempt_finished)
        run.recommended.connect(self._recommended)
        run.finished.connect(self._finished)
        run.notice.connect(self._show_notice)
        run.message_started.connect(self._message_started)
        run.message_sent.connect(self._message_sent)
        run.message_ended.connect(self.transcript.view.flush)
        run.failed.connect(self._task_failed)
        self.report_file.saved.connect(self._status)
        self.report_file.failed.connect(self._show_error)

    def _test_clicked(self) -> None:
        self.start_test(self.all_radio.isChecked())

    def _send_clicked(self) -> None:
        self.send_test_message()

    def retranslate(self) -> None:
        self.all_radio.setText(self.tr("T&est all combinations"))
        self.all_radio.setToolTip(self.tr("Try every port and security combination, on the "
                                          "server and its backup, side by side; log in only "
                                          "once, on the best encrypted one"))
        self.one_radio.setText(self.tr("Onl&y the configured one"))
        self.one_radio.setToolTip(self.tr("Try only the port and security set on the Account "
                                          "tab"))
        for button, text, tip, name in (  # text, tooltip, accessible name
                (self.test_button, self.tr("&Test"),
                 self.tr("Connect, encrypt and log in; no mail is sent"),
                 self.tr("Start the connection test")),
                (self.cancel_button, self.tr("&Cancel"), self.tr("Stop the running test now"),
                 self.tr("Cancel the test")),
                (self.use_button, self.tr("&Use this configuration"),
                 self.tr("Put the selected working combination (or the recommended one) into "
                         "the account"), self.tr("Use this configuration")),
                (self.send_button, self.tr("Send test &message"),
                 self.tr("Send a short test message to your own sender address with the "
                         "account's settings"), self.tr("Send test message")),
                (self.copy_button, self.tr("Copy &report"),
                 self.tr("Copy a report for IT or 沛盛資訊 support; the password is never in it"),
                 self.tr("Copy report")),
                (self.save_button, self.tr("&Save report…"),
                 self.tr("Save the report as Markdown (.md) or JSON (.json)"),
                 self.tr("Save report"))):
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(name)
        self._show_target()
        self._show_summary()
        self._show_diagnosis()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ============================================================================ the target
    def _account_changed(self) -> None:
        """Point the test at the session's profile."""
        account, typed = self.session.account, self.session.typed_password
        if account is not None:  # what the Account tab's field holds, saved or not
            self._set(account_target(account, self.session.send_password, self.sandbox,
                                     unsaved_password=typed is not None))

    def set_target(self, config: ServerConfig, *, sender: str, sender_name: str = "",
                   combos: Sequence[tuple[int, Security]] | None = None,
                   unavailable: str = "", dkim_selectors: Sequence[str] = ()) -> None:
        """The account to test (password in memory only). A running test keeps its own copy.
        `unavailable`: why this account cannot be reached now (a test then says only that);
        `dkim_selectors`: for the sender-domain check."""
        self._set(Target(config, sender=sender.strip(), sender_name=sender_name,
                         combos=tuple(combos) if combos is not None else RELAY_COMBOS,
                         unavailable=unavailable, selectors=tuple(dkim_selectors)))

    def _set(self, target: Target) -> None:
        self.target = target
        if not target.unavailable:
            from ...core.smtp.probe import matrix_configs

            self.splitter.expect(len(matrix_configs(target.config, target.combos)))
        self.domain_status.set_sender(target.sender)
        self._show_target()
        self._update_actions()

    @property
    def config(self) -> ServerConfig | None:
        return self.target.config if self.target is not None else None

    @property
    def busy(self) -> bool:
        return self._busy

    # ============================================================================ what it does
    def start_test(self, all_combinations: bool = True) -> asyncio.Task[MatrixResult | None]:
        """Test every combination (or only the configured one) on the server and its backup.
        While a test or send runs, returns that task instead of starting another."""
        if self.run.running:
            return cast("asyncio.Task[MatrixResult | None]", self.run.task)
        target = self.target
        if target is None:
            raise RuntimeError("set_target() before start_test()")
        (self.all_radio if all_combinations else self.one_radio).setChecked(True)
        config = target.config
        combos = target.combos if all_combinations else ((config.port, config.security),)
        task = self.run.test(config, combos, unavailable=target.unavailable)
        task.add_done_callback(self._task_done)  # idle again however the task ended
        self._set_busy(True)
        return task

    def cancel(self) -> None:
        """Stop the running test or send now: its connections are closed at once."""
        self.run.cancel()
        self.domain_status.cancel()

    def check_sender_domain(self) -> asyncio.Task[DomainReport] | None:
        """Show whether the sender's domain is ready for mail from this server (manual §2)."""
        target = self.target
        if target is None:
            return None
        return self.domain_status.check(target.config.hosts, target.selectors)

    def send_test_message(self, to: str = "") -> asyncio.Task[SendResult | None]:
        """Send the test message to the sender's own address (or `to`) with the account's
        settings, its domain's status first (to_self.MessageToSelf)."""
        if self.run.running:
            return cast("asyncio.Task[SendResult | None]", self.run.task)
        target = self.target
        if target is None:
            raise RuntimeError("set_target() before send_test_message()")
        return self.to_self.send(target, to)

    def _message_running(self, task: asyncio.Task[SendResult | None]) -> None:
        # Busy only once the task exists: its done callback is what makes the tab idle again,
        # so nothing that can fail stands between the two.
        task.add_done_callback(self._task_done)
        self._set_busy(True)

    def _checking_domain(self, checking: bool) -> None:
        if checking:
            self.send_button.setEnabled(False)
        else:
            self._update_actions()

    def report_text(self, lang: str | None = None) -> str:  # the report: reports.Report
        return self.report.text(lang)

    def report_json(self) -> str:
        return self.report.json()

    def chosen_result(self) -> ProbeResult | None:
        """What "Use this configuration" applies (ResultsArea.chosen)."""
        return self.splitter.chosen(self.run.results, self.run.matrix, self.run.early)

    def apply_configuration(self) -> bool:
        result = self.chosen_result()
        if result is None:
            return False
        self.use_configuration.emit(result.host, result.port, result.security.value)
        self._status(self.tr("Using {combination} on {host} for this account.").format(
            combination=combo_label(result.port, result.security, current_lang()),
            host=result.host))
        return True

    def copy_report(self) -> str:
        text = self.report.copy()
        self._status(self.tr("Report copied to the clipboard (without the password)."))
        return text

    def save_report(self) -> QWidget:
        """Ask where to save (its choice is written by save_report_to)."""
        return self.report.choose()

    def save_report_to(self, path: str | Path) -> asyncio.Task[bool]:
        """Write the report (reports.Report.save_to): shown, never raised."""
        return self.report.save_to(path)

    # ============================================================================ as it goes
    def _begun(self) -> None:
        self._early_status = False
        self._hide_notice()
        self.splitter.begin(self.run.attempts)
        self._show_summary()
        self._show_diagnosis()
        self._update_actions()

    def _attempt_finished(self, index: int, result: ProbeResult) -> None:
        self.table.set_result(index, result)
        self._show_summary()
        settled = result is self.run.early_failure  # the answer, before the timeouts
        if settled or self.table.selected_attempt() == index:
            self._show_diagnosis()
        self._update_actions()
        if settled and not self.isVisible():
            self._status(self.summary_label.text())
            self._early_status = True

    def _recommended(self, index: int, _result: ProbeResult) -> None:
        """Shown at once; the slower attempts keep filling in the table."""
        self.table.set_recommended(index)
        self._show_summary()
        self._show_diagnosis()
        self._update_actions()
        if not self.isVisible():
            self._status(self.summary_label.text())
            self._early_status = True

    def _finished(self, matrix: MatrixResult) -> None:
        results, best = self.run.results, matrix.recommended
        for index in self.table.attempts():
            if index in results:
                self.table.set_result(index, results[index])
            else:
                self.table.set_cancelled(index)
        best_index = next((i for i, r in results.items() if r is best), None)
        self.table.set_recommended(best_index)
        self.transcript.view.flush()
        self._set_busy(False)
        self._show_summary()
        self._show_diagnosis()
        self._update_actions()
        if self._early_status:  # replaces the "still testing" said there, wherever the user is
            self._status(self.summary_label.text())
        else:
            self._status_from_elsewhere(self.summary_label.text())
        if best is not None:
            self.check_sender_domain()

    def _message_started(self, address: str) -> None:
        self.splitter.add_message(address)
        self._show_notice(self.tr("Sending a test message to {address}…").format(
            address=address))

    def _message_sent(self, _result: SendResult, text: str) -> None:
        self.table.clearSelection()
        self._show_notice(text)
        self._status_from_elsewhere(text)
        self._show_diagnosis()

    def _task_done(self, _task: asyncio.Task[object]) -> None:
        """A test or test message ended (finished, cancelled or failed): the tab is usable
        again even when a slot on the way raised."""
        self._set_busy(False)
        self._update_actions()

    # ============================================================================ display
    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        # Keep the keyboard where it was useful: Test -> Cancel while running, and back.
        focus = QApplication.focusWidget()
        starters = (self.test_button, self.all_radio, self.one_radio, self.send_button)
        self._update_actions()
        if busy and focus in starters:
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not busy and focus is self.cancel_button:
            self.test_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.session.set_busy(self, busy)

    def _update_actions(self) -> None:
        busy = self._busy
        target = self.target
        has_report = self.run.matrix is not None or self.run.sent is not None
        self.test_button.setEnabled(target is not None and not busy)
        self.cancel_button.setEnabled(busy)
        self.all_radio.setEnabled(not busy)
        self.one_radio.setEnabled(not busy)
        self.send_button.setEnabled(target is not None and bool(target.sender) and not busy)
        self.copy_button.setEnabled(has_report and not busy)
        self.save_button.setEnabled(has_report and not busy)
        self.use_button.setEnabled(self.chosen_result() is not None)

    def _show_target(self) -> None:
        from ..widgets.unsaved_account import TEST, unsaved_account_note

        target = self.target
        self.target_label.show_target(
            self.config, unsaved_password=target is not None and target.unsaved_password,
            unsaved=unsaved_account_note(self.session, TEST) if self.config else "")

    def _show_summary(self) -> None:
        run = self.run
        self.summary_label.show_state(RunState(
            attempts=len(run.attempts), finished=len(run.results), busy=self._busy,
            matrix=run.matrix, unavailable=self._unavailable(), cancelled=run.cancelled,
            recommended=run.early, login_failed=run.early_failure))

    def _unavailable(self) -> str:
        return self.target.unavailable if self.target is not None else ""

    def _show_diagnosis(self) -> None:
        run = self.run
        self.splitter.show_diagnosis(run.results, run.matrix, run.sent, busy=self._busy,
                                     unavailable=self._unavailable(), early=run.early,
                                     failed=run.early_failure)

    def _attempt_selected(self, attempt: int) -> None:
        self.transcript.set_filter(None if attempt < 0 else attempt)
        self._show_diagnosis()
        self._update_actions()

    def _show_notice(self, text: str) -> None:
        self.notice_label.say(text)

    def _hide_notice(self) -> None:
        self.notice_label.say("")

    def _status(self, text: str) -> None:
        self.session.show_status(text)

    def _status_from_elsewhere(self, text: str) -> None:
        """What the tab shows already (summary, notice) goes to the status bar only while
        another tab is in view: said once, not twice."""
        if not self.isVisible():
            self._status(text)

    def _show_error(self, text: str) -> None:
        self._status(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Connection test"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.finished.connect(box.deleteLater)
        box.finished.connect(self._message_box_finished)
        self._message_box = box
        box.open()

    def _message_box_finished(self, _result: int) -> None:
        self._message_box = None

    def _task_failed(self, exc: BaseException) -> None:
        """An unexpected error in a task: shown (redacted), and the tab is usable again."""
        config = self.report.config()  # the profile tested, else the one to test
        redact = redactor_for(config) if config else Redactor()
        self._set_busy(False)
        self._show_error(redact(self.tr("The test stopped on an unexpected error: {error}")
                                .format(error=f"{type(exc).__name__}: {exc}")))
