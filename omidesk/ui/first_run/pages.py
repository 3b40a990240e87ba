"""The set-up assistant's pages. Each renders the controller's state and hands the user's
input to it; none holds state of its own beyond its widgets."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QProgressBar, QPushButton, QSizePolicy, QStyle, QVBoxLayout, QWidget,
)

from ...core.smtp.config import Security, ServerConfig, combo_label
from ...core.smtp.probe import MatrixResult, ProbeResult
from ...core.smtp.send import SendResult
from ..connection_test.reports import Report
from ..i18n import current_lang, pick
from ..widgets.domain_strip import DomainStatusStrip
from .controller import FirstRunController


def _text(parent: QWidget, *, bold: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _error(parent: QWidget) -> QLabel:
    """A field's error under it, as wide as the field: the form grows only fields whose
    policy is Expanding, and a wrapped label left Preferred broke "Enter your / password."
    into a narrow column (QA3 #16)."""
    label = _text(parent)
    label.setStyleSheet("color: palette(link-visited);")
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.hide()
    return label


class AccountPage(QWidget):
    """Step 1: the OMICard login and password, and the sender address."""

    def __init__(self, controller: FirstRunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.intro = _text(self)
        self.server_label = _text(self, selectable=True)
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(self)
        self.show_password.toggled.connect(lambda on: self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.sender_edit = QLineEdit(self)
        self.sender_edit.setPlaceholderText("name@company.com.tw")
        self.sender_name_edit = QLineEdit(self)
        self.errors = {key: _error(self) for key in ("user", "password", "from")}
        self.labels = {key: QLabel(self) for key in ("user", "password", "from", "name")}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.show_password)
        for key, field in (("user", self.user_edit), ("password", password_row),
                           ("from", self.sender_edit), ("name", self.sender_name_edit)):
            form.addRow(self.labels[key], field)
            if key in self.errors:
                form.addRow("", self.errors[key])
        self.labels["user"].setBuddy(self.user_edit)
        self.labels["password"].setBuddy(self.password_edit)
        self.labels["from"].setBuddy(self.sender_edit)
        self.labels["name"].setBuddy(self.sender_name_edit)
        self.keychain_note = _text(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.server_label)
        layout.addLayout(form)
        layout.addWidget(self.keychain_note)
        layout.addStretch(1)
        self.user_edit.textEdited.connect(self._user_edited)
        for edit in (self.user_edit, self.password_edit, self.sender_edit):
            edit.textEdited.connect(lambda _t: self.show_errors(only_filled=True))
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Enter the login and password of your OMICard / NewerMail account (from 沛盛資訊) "
            "and the address your mail is sent from. OMIDesk then finds a working "
            "configuration by itself."))
        self.labels["user"].setText(self.tr("OMICard &login:"))
        self.labels["password"].setText(self.tr("&Password:"))
        self.show_password.setText(self.tr("Sho&w"))
        self.labels["from"].setText(self.tr("&Sender address:"))
        self.labels["name"].setText(self.tr("Sender na&me (optional):"))
        self.keychain_note.setText(self.tr(
            "The password is kept in the system keychain, never in a file.")
            if self.controller.keychain else self.tr(
            "There is no system keychain here: the password is kept until OMIDesk closes, "
            "never in a file."))
        self._show_server()  # not the fields: what is typed stays

    def show_account(self) -> None:
        acc = self.controller.account
        self.user_edit.setText(acc.user)
        self.password_edit.setText(self.controller.password)
        self.sender_edit.setText(acc.sender)
        self.sender_name_edit.setText(acc.sender_name)
        self._show_server()

    def _show_server(self) -> None:
        acc = self.controller.account
        server = acc.host if not acc.backup_host else self.tr("{host} (backup {backup})").format(
            host=acc.host, backup=acc.backup_host)
        self.server_label.setText(self.tr("Server: {server}").format(server=server))

    def _user_edited(self, text: str) -> None:
        """A login that is an address is most often the sender too: filled in while the
        sender is empty or still the login filled in before, never over a typed one."""
        sender = self.sender_edit.text()
        if not sender or sender == self._filled:
            self._filled = text.strip() if "@" in text else ""
            self.sender_edit.setText(self._filled)

    _filled = ""

    def take(self) -> None:
        self.controller.set_login(user=self.user_edit.text(), password=self.password_edit.text(),
                                  sender=self.sender_edit.text(),
                                  sender_name=self.sender_name_edit.text())

    def show_errors(self, *, only_filled: bool = False) -> bool:
        """Each field's problem under it; True if there is none."""
        self.take()
        errors = self.controller.account_errors()
        edits = {"user": self.user_edit, "password": self.password_edit,
                 "from": self.sender_edit}
        for key, label in self.errors.items():
            text = errors.get(key, "")
            if only_filled and not edits[key].text():
                text = ""
            label.setText(text)
            label.setVisible(bool(text))
        return not errors

    def focus_first(self) -> None:
        """The first field still to fill in (or showing a problem)."""
        for key, edit in (("user", self.user_edit), ("password", self.password_edit),
                          ("from", self.sender_edit)):
            if not edit.text() or self.errors[key].isVisible():
                edit.setFocus()
                return
        self.user_edit.setFocus()


class ConnectionPage(QWidget):
    """Step 2: every combination, each row as it goes, the choice in one sentence."""

    def __init__(self, controller: FirstRunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.intro = _text(self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.attempts = QListWidget(self)
        self.attempts.setAccessibleName(self.tr("Combinations tried"))
        self.attempts.setWordWrap(True)  # a row's "what it verified" is long in either language
        self.attempts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attempts.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.result_label = _text(self, bold=True, selectable=True)
        self.diagnosis_label = _text(self, selectable=True)
        self.again_button = QPushButton(self)
        self.again_button.clicked.connect(controller.start_test)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.progress)
        layout.addWidget(self.attempts, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.diagnosis_label)
        layout.addLayout(buttons)
        run = controller.run
        run.begun.connect(self._begun)
        run.attempt_started.connect(self._attempt_started)
        run.attempt_finished.connect(self._attempt_finished)
        controller.test_progress.connect(self._progress)
        controller.test_finished.connect(self._finished)
        controller.test_recommended.connect(self._recommended)
        controller.notice.connect(self._notice)
        self.retranslate()
        self._show_idle()

    def retranslate(self) -> None:
        self.again_button.setText(self.tr("Test &again"))
        self.intro.setText(self.tr(
            "OMIDesk tries every combination of port and encryption on the server and its "
            "backup, and logs in once, on the best encrypted one."))

    def _show_idle(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.result_label.hide()
        self.diagnosis_label.hide()
        self.again_button.setEnabled(True)

    def _row_text(self, port: int, security: Security, host: str, state: str) -> str:
        return self.tr("{combination} — {host}: {state}").format(
            combination=combo_label(port, security, current_lang()), host=host, state=state)

    def _begun(self) -> None:
        self.attempts.clear()
        for host, config in self.controller.run.attempts:
            self.attempts.addItem(self._row_text(config.port, config.security, host,
                                                 self.tr("waiting")))
        self.progress.setRange(0, max(len(self.controller.run.attempts), 1))
        self.progress.setValue(0)
        self.result_label.setText(self.tr("Testing…"))
        self.result_label.show()
        self.diagnosis_label.hide()
        self.again_button.setEnabled(False)

    def _recommended(self, best: ProbeResult) -> None:
        """Final before the slower attempts end: said at once, as the Connection test does."""
        if not self.controller.run.running:
            return
        self.result_label.setText(self.tr(
            "Recommended: {combination} on {host}. Still testing the other combinations; "
            "Next uses this one and stops the wait.").format(
            combination=combo_label(best.port, best.security, current_lang()), host=best.host))
        self.result_label.show()

    def _attempt_started(self, index: int, host: str, config: ServerConfig) -> None:
        item = self.attempts.item(index)
        if item is not None:
            item.setText(self._row_text(config.port, config.security, host,
                                        self.tr("testing…")))

    def _attempt_finished(self, index: int, result: ProbeResult) -> None:
        item = self.attempts.item(index)
        if item is None:
            return
        style = QApplication.style()
        icon = QStyle.StandardPixmap.SP_DialogApplyButton if result.ok else \
            QStyle.StandardPixmap.SP_MessageBoxWarning
        if result.diagnosis.code == "login_not_tried":  # reachable; the login's row says why
            icon = QStyle.StandardPixmap.SP_MessageBoxInformation  # not the refusal's ⚠ (#30)
        item.setIcon(style.standardIcon(icon))
        state = pick(result.verified) if result.ok and result.verified.en else (
            self.tr("works") if result.ok else pick(result.diagnosis.title))
        item.setText(self._row_text(result.port, result.security, result.host, state))
        item.setToolTip(item.text())

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, matrix: MatrixResult) -> None:
        run = self.controller.run
        for index, (host, config) in enumerate(run.attempts):  # cancelled: not "testing…"
            item = self.attempts.item(index)
            if item is not None and index not in run.results:
                item.setIcon(QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MediaStop))
                state = self.tr("cancelled")
                if self.controller.settled:  # the one login's outcome ended the test (#30)
                    login = run.early_failure
                    state = self.tr("not needed: the session failed after the login") \
                        if login is not None and login.authenticated else \
                        self.tr("not needed: the login already failed")
                item.setText(self._row_text(config.port, config.security, host, state))
        self.progress.setValue(self.progress.maximum())
        text = self.controller.choice_text()
        if not matrix.results and self.controller.target().unavailable:
            text = self.controller.target().unavailable
        self.result_label.setText(text)
        self.result_label.show()
        diagnosis = self.controller.diagnosis_text()
        self.diagnosis_label.setText(diagnosis)
        self.diagnosis_label.setVisible(bool(diagnosis))
        self.again_button.setEnabled(True)

    def _notice(self, text: str) -> None:
        if self.controller.step.value == "test":
            self.diagnosis_label.setText(text)
            self.diagnosis_label.show()

class ReportButtons(QWidget):
    """Copy / save the redacted report of the test (and the test message) for IT: under the
    assistant's pages once a test has run."""

    def __init__(self, controller: FirstRunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button = QPushButton(self)
        # the Connection test tab's report: the same words, clipboard and file
        self.report = Report(controller.run, lambda: controller.target().config, self,
                             domain=controller.domain_report)  # step 3's check with it
        self.save_button.clicked.connect(self.report.choose)
        self.report.file.saved.connect(controller.session.show_status)
        self.report.file.failed.connect(controller.notice)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.copy_button)
        row.addWidget(self.save_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.copy_button.setText(self.tr("Copy the &report for IT"))
        self.copy_button.setToolTip(self.tr("The test's transcript and diagnosis, without the "
                                            "password"))
        self.save_button.setText(self.tr("Sa&ve the report…"))

    def save_report_to(self, path: Path) -> asyncio.Task[bool]:
        """Write the report (JSON for a .json name), privately and off the UI thread."""
        return self.report.save_to(path)

    def copy_report(self) -> str:
        text = self.report.copy()
        self.controller.session.show_status(self.tr("The report is on the clipboard "
                                                    "(without the password)."))
        return text


class SendPage(QWidget):
    """Step 3: the sender's domain, then the test message to an address the user gives."""

    def __init__(self, controller: FirstRunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.intro = _text(self)
        self.domain = DomainStatusStrip(self, offer_send=False)
        self.domain.attach(controller.domain)
        self.domain_note = _text(self)
        self.domain_note.hide()
        self.recipient = QLineEdit(self)
        self.recipient.setPlaceholderText("name@gmail.com")
        self.recipient.setClearButtonEnabled(True)
        self.recipient_label = QLabel(self)
        self.recipient_label.setBuddy(self.recipient)
        self.recipient_error = _error(self)
        self.send_button = QPushButton(self)
        self.send_button.clicked.connect(self.send)
        # Enter presses the dialog's default button: Send until a test message went out, then
        # Finish (the dialog's _update_buttons); a second message only by a click (QA4 #5)
        self.result_label = _text(self, bold=True, selectable=True)
        self.look_label = _text(self, selectable=True)
        self.result_label.hide()
        self.look_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.recipient_label)
        row.addWidget(self.recipient, 1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.domain)
        layout.addWidget(self.domain_note)
        layout.addLayout(row)
        layout.addWidget(self.recipient_error)
        layout.addWidget(self.result_label)
        layout.addWidget(self.look_label)
        layout.addStretch(1)
        controller.domain_finished.connect(self._domain_done)
        controller.message_sent.connect(self._sent)
        controller.notice.connect(self._notice)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Last, a real message: OMIDesk checks that the sender's domain is ready for mail "
            "from the relay, then sends a test message to the address below."))
        self.recipient_label.setText(self.tr("Send the test message t&o:"))
        self.send_button.setText(self.tr("Sen&d the test message"))
        self.domain.retranslate()

    def enter(self) -> None:
        self.result_label.hide()
        self.look_label.hide()
        self.recipient_error.hide()
        self.domain.set_sender(self.controller.account.sender)
        self.recipient.setText(self.controller.suggested_recipient())
        checked = self.controller.check_domain() is not None
        domain = self.controller.account.sender.rpartition("@")[2]
        self.domain_note.setText("" if checked else self.tr(
            "The sender's domain {domain} is one reserved for examples: it is not looked "
            "up.").format(domain=domain))
        self.domain_note.setVisible(not checked)

    def _domain_done(self) -> None:
        if not self.recipient.isModified():
            self.recipient.setText(self.controller.suggested_recipient())

    def send(self) -> None:
        problem = self.controller.recipient_problem(self.recipient.text())
        self.recipient_error.setText(problem)
        self.recipient_error.setVisible(bool(problem))
        if problem:
            return
        if self.controller.send_test(self.recipient.text()) is not None:
            self.result_label.setText(self.tr("Sending the test message to {address}…").format(
                address=self.recipient.text().strip()))
            self.result_label.show()
            self.look_label.hide()

    def _sent(self, result: SendResult, text: str) -> None:
        if result.ok:  # what the 250 means follows, in the next lines
            text = self.tr("{host} accepted the test message — LaunchID {launch_id}.").format(
                host=result.host, launch_id=result.launch_id or "—")
        self.result_label.setText(text)
        self.result_label.show()
        look = self.controller.what_to_look_for()
        self.look_label.setText(look)
        self.look_label.setVisible(bool(look))

    def _notice(self, text: str) -> None:
        if self.controller.step.value == "send":
            self.result_label.setText(text)
            self.result_label.show()


class DonePage(QWidget):
    """The end: the saved profile and what next."""

    def __init__(self, controller: FirstRunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.title = _text(self, bold=True)
        self.summary = _text(self, selectable=True)
        self.todo_label = _text(self, bold=True)  # what is not done yet (QA round 2, 30)
        self.next_label = _text(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.todo_label)
        layout.addWidget(self.next_label)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.enter()

    def enter(self) -> None:
        acc, lang = self.controller.account, current_lang()
        self.title.setText(self.tr("OMIDesk is set up."))
        self.summary.setText(self.tr(
            "Saved in the profile “{profile}”: login {user}, sender {sender}, {combination} on "
            "{host}.").format(
            profile=acc.name, user=acc.user, sender=acc.sender,
            combination=combo_label(acc.port, acc.security, lang), host=acc.host))
        todo = []
        if self.controller.domain_ready() is False:
            todo.append(self.tr(
                "The sender's domain {domain} is not ready yet: until its SPF, DKIM and DMARC "
                "are set up (manual §2), mail to other companies may be blocked or land in "
                "spam. The Account tab's domain check says what is missing.").format(
                domain=acc.sender.rpartition("@")[2]))
        if self.controller.sent is None or not self.controller.sent.ok:
            todo.append(self.tr("No test message was sent: send one from the Connection test "
                                "tab before your first mailing."))
        self.todo_label.setText("\n".join(todo))
        self.todo_label.setVisible(bool(todo))
        self.next_label.setText(self.tr(
            "Write your first message on the Compose tab, or a mailing on the Mailing tab. "
            "This assistant is in the File menu whenever you need it again."))
