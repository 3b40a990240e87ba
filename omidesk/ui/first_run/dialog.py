"""The set-up assistant's window: the steps named at the top, one page at a time, Back / the
step's own action / Cancel below, and "Skip set-up" on the first page. Opened with open(),
never exec(); Cancel stops what runs, and closes the window when nothing runs (the step reached
is kept: the File menu resumes it)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from .controller import FirstRunController
from .pages import AccountPage, ConnectionPage, DonePage, ReportButtons, SendPage
from .progress import Step


class FirstRunDialog(QDialog):
    def __init__(self, controller: FirstRunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setModal(False)
        self.setMinimumSize(640, 500)
        self.steps_label = QLabel(self)
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        self.send_page = SendPage(controller, self)
        self.pages = {Step.ACCOUNT: AccountPage(controller, self),
                      Step.TEST: ConnectionPage(controller, self),
                      Step.SEND: self.send_page, Step.DONE: DonePage(controller, self)}
        self.stack = QStackedWidget(self)
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.skip_button = QPushButton(self)
        self.skip_button.clicked.connect(self.skip)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.report = ReportButtons(controller, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps_label)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        # the report's buttons in a row of their own: beside "Finish without a test message"
        # the five did not fit, and the first was cut (QA round 2, finding 18)
        layout.addWidget(self.report, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)
        controller.step_changed.connect(self._show_step)
        controller.busy_changed.connect(lambda _busy: self._update_buttons())
        controller.test_finished.connect(lambda _m: self._update_buttons())
        controller.test_recommended.connect(lambda _r: self._update_buttons())
        controller.message_sent.connect(lambda *_a: self._update_buttons())
        controller.domain_finished.connect(self._update_buttons)
        session = controller.session
        session.cancel_requested.connect(controller.cancel)
        session.closing.connect(self.close)
        self.retranslate()
        self._show_step(controller.step)

    # -- texts ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up OMIDesk"))
        self.skip_button.setText(self.tr("S&kip set-up"))
        self.skip_button.setToolTip(self.tr("Set up the account yourself on the Account tab; "
                                            "this assistant stays in the File menu"))
        self.back_button.setText(self.tr("< &Back"))
        self.cancel_button.setText(self.tr("Cancel"))
        for page in self.pages.values():
            page.retranslate()  # type: ignore[attr-defined]
        self.report.retranslate()
        self._show_steps()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _step_names(self) -> dict[Step, str]:
        return {Step.ACCOUNT: self.tr("Login"), Step.TEST: self.tr("Connection test"),
                Step.SEND: self.tr("Domain and test message"), Step.DONE: self.tr("Done")}

    def _show_steps(self) -> None:
        current = self.controller.step
        parts = []
        for step, name in self._step_names().items():
            text = html.escape(f"{step.number + 1}. {name}")
            parts.append(f"<b>{text}</b>" if step is current else
                         f"<span style='color: palette(placeholder-text)'>{text}</span>")
        self.steps_label.setText(" &nbsp;›&nbsp; ".join(parts))
        self.steps_label.setAccessibleName(self.tr("Step {number} of {total}: {name}").format(
            number=current.number + 1, total=len(Step), name=self._step_names()[current]))

    # -- moving through the steps ---------------------------------------------------------------
    def _show_step(self, step: Step) -> None:
        page = self.pages[step]
        self.stack.setCurrentWidget(page)
        if isinstance(page, (SendPage, DonePage)):
            page.enter()
        if isinstance(page, AccountPage):
            page.show_account()
            page.focus_first()
        self._show_steps()
        self._update_buttons()

    def _update_buttons(self) -> None:
        controller, step = self.controller, self.controller.step
        busy = controller.busy
        matrix = controller.matrix
        tested = matrix is not None and matrix.ok
        texts = {Step.ACCOUNT: self.tr("&Test the connection >"),
                 Step.TEST: self.tr("&Next >"),
                 Step.SEND: self.tr("&Finish") if controller.sent is not None and
                 controller.sent.ok else self.tr("&Finish without a test message"),
                 Step.DONE: self.tr("&Close")}
        self.next_button.setText(texts[step])
        # Enter does what the highlighted button says: send the test message until one went
        # out, then Finish (QA4 #5: Enter in the address field sent it again)
        sending = step is Step.SEND and not (controller.sent is not None and controller.sent.ok)
        self.next_button.setDefault(not sending)
        self.send_page.send_button.setDefault(sending)
        early = step is Step.TEST and busy and controller.early is not None
        self.next_button.setEnabled(early or (not busy and (step is not Step.TEST or tested)))
        if early:  # the slower attempts still wait: Next takes the recommendation (QA2 #32)
            self.next_button.setToolTip(self.tr(
                "Use the recommended combination now and stop waiting for the others"))
        else:
            self.next_button.setToolTip("")
        self.back_button.setVisible(step is not Step.ACCOUNT and step is not Step.DONE)
        self.back_button.setEnabled(not busy)
        self.skip_button.setVisible(step is Step.ACCOUNT)
        self.cancel_button.setVisible(step is not Step.DONE)
        policy = self.report.sizePolicy()  # its row kept on these pages: no jump at the end
        policy.setRetainSizeWhenHidden(step in (Step.TEST, Step.SEND))
        self.report.setSizePolicy(policy)
        self.report.setVisible(step in (Step.TEST, Step.SEND) and matrix is not None
                               and bool(matrix.results))
        self.report.setEnabled(not busy)

    def next(self) -> None:
        controller, step = self.controller, self.controller.step
        if step is Step.ACCOUNT:
            page = self.pages[Step.ACCOUNT]
            assert isinstance(page, AccountPage)
            if not page.show_errors():
                page.focus_first()
                return
            controller.submit_login()
        elif step is Step.TEST:
            if controller.busy:  # the recommendation is final: stop the wait, then move on
                controller.take_recommendation()
                return
            controller.go(Step.SEND)
        elif step is Step.SEND:
            controller.finish()
        else:
            self.accept()

    def back(self) -> None:
        steps = list(Step)
        step = self.controller.step
        if step is not Step.ACCOUNT:
            self.controller.go(steps[step.number - 1])

    def skip(self) -> None:
        self.controller.skip()
        self.reject()

    def cancel(self) -> None:
        """Stop what runs; when nothing runs, close (the step reached is kept)."""
        if not self.controller.cancel():
            self.reject()

    def reject(self) -> None:
        self.controller.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.controller.cancel()
        super().closeEvent(event)
