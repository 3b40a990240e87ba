"""撰寫 / Compose: recipients with inline validation, a rich-text editor with inline images,
attachments (drag and drop, CJK names, size limit, reminder), send on the qasync loop with the
relay's LaunchID shown, the exact source, and drafts that are never lost (autosave ~2 s after a
change, .eml save/open). Dialogs are opened with open(), never exec()."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...core.addresses import parse_mailboxes, split_address_list
from ...core.drafts import DraftStore, open_eml, save_eml
from ...core.errors import OmiError, ValidationError
from ...core.files import NotAFileError
from ...core.message import (
    DEFAULT_MAX_BYTES, Attachment, Draft, attachment_problem, build_message,
)
from ...core.options import OptionSet
from ...core.richtext import mail_html
from ...core.sentlog import Source
from ...core.smtp.config import ServerConfig
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED
from ...core.smtp.send import SendResult
from ...core.text import Text
from ..asyncqt import TaskKeeper, weak_callback
from ..i18n import current_lang, pick, with_colon
from ..session import Session
from ..widgets.domain_panel import DomainStatusStrip
from ..widgets.rich_editor import EditorToolbar, RichEditor

ADDRESS_FIELDS = ("to", "cc", "bcc", "reply_to")
REMINDER_WORDS = ("附件", "附檔", "attach")


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} MB"


class ComposeTab(QWidget):
    """Writes the message from the session's profile (sender, Reply-To) and options, and puts
    the draft into the session as it changes. restore() at start-up; send() /
    send_test_to_self() return an asyncio.Task."""

    AUTOSAVE_MS = 2000

    def __init__(self, session: Session, draft_store: DraftStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = draft_store
        self._attachments: list[Attachment] = []
        self._tasks = TaskKeeper(on_error=weak_callback(self._task_failed))
        self._busy = False
        self._restoring = False
        self.last_result: SendResult | None = None
        self.dialog: QDialog | None = None
        self.setAcceptDrops(True)
        self._build()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(self.AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._connect_changes()
        self._update_attachments()
        session.account_changed.connect(self._account_changed)
        session.options_changed.connect(self._publish)
        session.cancel_requested.connect(self.cancel)
        session.closing.connect(self.save_now)
        self._account_changed()

    # ========================================================================== construction
    def _build(self) -> None:
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        labels = {"to": self.tr("&To"), "cc": self.tr("&Cc"), "bcc": self.tr("&Bcc"),
                  "reply_to": self.tr("&Reply-To"), "subject": self.tr("&Subject")}
        names = {"to": self.tr("To"), "cc": self.tr("Cc"), "bcc": self.tr("Bcc"),
                 "reply_to": self.tr("Reply-To"), "subject": self.tr("Subject")}
        for key in (*ADDRESS_FIELDS, "subject"):
            edit = QLineEdit(self)
            edit.setAccessibleName(names[key])
            error = QLabel(self)
            error.setWordWrap(True)
            error.setAccessibleName(self.tr("{field} problem").format(field=names[key]))
            font = error.font()
            font.setBold(True)
            error.setFont(font)
            error.hide()
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(edit)
            box.addWidget(error)
            label = QLabel(with_colon(labels[key]), self)
            label.setBuddy(edit)
            form.addRow(label, box)
            self.fields[key] = edit
            self.errors[key] = error
        for key in ADDRESS_FIELDS:
            self.fields[key].setPlaceholderText(self.tr("name@example.com, 王小明 <ming@example.com>"))
            self.fields[key].textEdited.connect(lambda _t, k=key: self.check_field(k))
        self.to_edit = self.fields["to"]
        self.subject_edit = self.fields["subject"]

        self.editor = RichEditor(self)
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.sender_provider = lambda: self._sender()
        self.editor.files_dropped.connect(self.add_attachments)
        self.toolbar = EditorToolbar(self.editor, self)
        self.body_error = QLabel(self)
        self.body_error.setWordWrap(True)
        self.body_error.hide()

        self.attach_list = QListWidget(self)
        self.attach_list.setAccessibleName(self.tr("Attachments"))
        self.attach_list.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("&Attach files…"), self)
        self.add_button.clicked.connect(self.choose_attachments)
        self.remove_button = QPushButton(self.tr("Re&move"), self)
        self.remove_button.clicked.connect(self.remove_selected_attachments)
        self.total_label = QLabel(self)
        self.size_warning = QLabel(self)
        self.size_warning.setWordWrap(True)
        self.reminder_label = QLabel(self)
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setAutoFillBackground(True)
        self.reminder_label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.reminder_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.reminder_label.setText(self.tr("The message mentions an attachment, but nothing "
                                            "is attached."))
        self.reminder_label.hide()

        attach_row = QHBoxLayout()
        attach_row.addWidget(self.add_button)
        attach_row.addWidget(self.remove_button)
        attach_row.addWidget(self.total_label, 1)

        self.send_button = QPushButton(self.tr("S&end"), self)
        self.send_button.setToolTip(self.tr("Send ({shortcut})").format(
            shortcut=QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)))
        self.send_button.clicked.connect(self.send)
        self.test_button = QPushButton(self.tr("Send &test to myself"), self)
        self.test_button.clicked.connect(self.send_test_to_self)
        self.source_button = QPushButton(self.tr("View so&urce"), self)
        self.source_button.clicked.connect(self.view_source)
        self.save_eml_button = QPushButton(self.tr("Save as .eml…"), self)
        self.save_eml_button.clicked.connect(self.choose_save_eml)
        self.open_eml_button = QPushButton(self.tr("Open .eml…"), self)
        self.open_eml_button.clicked.connect(self.choose_open_eml)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Send result"))
        self.domain_status = DomainStatusStrip(self, offer_send=False)  # manual §2

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_eml_button)
        buttons.addWidget(self.save_eml_button)
        buttons.addWidget(self.source_button)
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.body_error)
        layout.addWidget(self.attach_list)
        layout.addLayout(attach_row)
        layout.addWidget(self.size_warning)
        layout.addWidget(self.reminder_label)
        layout.addWidget(self.domain_status)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)

        self.send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.send_shortcut.activated.connect(self.send)

    def _connect_changes(self) -> None:
        for edit in self.fields.values():
            edit.textChanged.connect(self._changed)
        self.editor.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if self._restoring:
            return
        self._autosave.start()
        self._update_reminder()
        self._publish()

    # ========================================================================== the session
    def _account_changed(self) -> None:
        self.domain_status.set_sender(self._sender())
        self._publish()

    def _publish(self) -> None:
        """The draft as it would be sent, for the session (the Mailing tab sends it)."""
        self.session.set_draft(self._base_draft(mail_html(self.editor.toHtml()),
                                                self.session.options))

    def _sender(self) -> str:
        account = self.session.account
        return account.sender if account is not None else ""

    @property
    def busy(self) -> bool:
        return self._busy

    def server_config(self) -> ServerConfig | None:
        account = self.session.account
        if account is None:
            return None
        return account.server_config(self.session.password)

    # ========================================================================== the draft
    def _base_draft(self, html: str, options: OptionSet) -> Draft:
        acc = self.session.account
        return Draft(
            from_addr=acc.sender if acc else "",
            from_name=acc.sender_name if acc else "",
            to=split_address_list(self.fields["to"].text()),
            cc=split_address_list(self.fields["cc"].text()),
            bcc=split_address_list(self.fields["bcc"].text()),
            reply_to=split_address_list(self.fields["reply_to"].text())
            or ([acc.reply_to] if acc and acc.reply_to else []),
            subject=self.subject_edit.text(),
            html=html,
            inline_images=self.editor.inline_images(),
            attachments=list(self._attachments),
            options=options,
        )

    def draft(self) -> Draft:
        """The message as it will be sent (mail-safe HTML, text derived by the core); raises
        ValidationError while a field of the Options tab shows an error."""
        return self._base_draft(mail_html(self.editor.toHtml()), self.session.checked_options())

    def _stored_draft(self) -> Draft:
        # Drafts keep Qt's own HTML so that restoring gives back exactly what was on screen;
        # recipients exactly as typed.
        draft = self._base_draft(self.editor.toHtml(), self.session.options)
        for key in ADDRESS_FIELDS:
            setattr(draft, key, [self.fields[key].text()] if self.fields[key].text() else [])
        return draft

    def load_draft(self, draft: Draft) -> None:
        self._restoring = True
        try:
            for key in ADDRESS_FIELDS:
                self.fields[key].setText(", ".join(getattr(draft, key)))
            self.subject_edit.setText(draft.subject)
            self.editor.clear_all()
            self.editor.set_images(draft.inline_images)
            if draft.html is not None:
                self.editor.setHtml(draft.html)
            else:
                self.editor.setPlainText(draft.text or "")
            self._attachments = list(draft.attachments)
        finally:
            self._restoring = False
        self._update_attachments()
        for key in ADDRESS_FIELDS:
            self.check_field(key)
        self._publish()

    # ========================================================================== drafts
    def save_now(self) -> Path | None:
        self._autosave.stop()
        try:
            return self.store.save(self._stored_draft())
        except (OSError, TypeError, ValueError) as exc:
            self.session.show_status(self.tr("The draft could not be saved: {error}").format(
                error=str(exc)))
            return None

    def restore(self) -> bool:
        draft, notes = self.store.restore()
        if draft is None:
            return False
        self.load_draft(draft)
        if notes:  # a draft file names something the user did not attach as it says
            self._show_attachment_notes(self.tr("Check the attachments of the restored "
                                                "draft: {notes}."), notes)
        return True

    def _show_attachment_notes(self, template: str, notes: list[Text]) -> None:
        self.body_error.setText(template.format(notes="; ".join(pick(n) for n in notes)))
        self.body_error.show()

    def choose_save_eml(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Save as .eml"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("eml")
        dialog.setNameFilter(self.tr("Email messages (*.eml)"))
        dialog.fileSelected.connect(lambda p: self.save_eml_to(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_eml_to(self, path: Path) -> bool:
        if not self._show_problems(self.draft()):
            return False
        try:
            save_eml(self.draft(), path)
        except (OmiError, OSError) as exc:
            self._show_result(str(exc) if not isinstance(exc, OmiError)
                              else exc.message(current_lang()))
            return False
        self.session.show_status(self.tr("Saved {path}").format(path=str(path)))
        return True

    def choose_open_eml(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Open .eml"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Email messages (*.eml)"))
        dialog.fileSelected.connect(lambda p: self.open_eml_from(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_eml_from(self, path: Path) -> bool:
        notes: list[Text] = []
        try:
            draft = open_eml(path, self.store.folder / "attachments" / Path(path).stem,
                             notes=notes)
        except (OmiError, OSError, ValueError) as exc:
            if isinstance(exc, OmiError):
                error = exc.message(current_lang())
            elif isinstance(exc, NotAFileError):  # a folder or a FIFO: said, never read
                error = pick(exc.problem)
            else:
                error = getattr(exc, "strerror", None) or str(exc)
            self._show_result(self.tr("The file could not be opened: {error}").format(
                error=error))
            return False
        self.load_draft(draft)
        self._autosave.start()
        if notes:  # opened with what could be read
            self._show_result(self.tr("Opened {name}, but not all of it: {notes}").format(
                name=Path(path).name, notes="; ".join(pick(n) for n in notes)))
        return True

    # ========================================================================== validation
    def check_field(self, key: str) -> bool:
        try:
            parse_mailboxes(self.fields[key].text(), field=key)
        except ValidationError as exc:
            self._set_error(key, exc.message(current_lang()))
            return False
        self._set_error(key, "")
        return True

    def _set_error(self, key: str, text: str) -> None:
        label = self.errors.get(key, self.body_error)
        label.setText(text)
        label.setVisible(bool(text))

    def _show_problems(self, draft: Draft) -> bool:
        from ...core.message import validate_draft

        problems = validate_draft(draft)
        for label in (*self.errors.values(), self.body_error):
            label.hide()
        general: list[str] = []
        for exc in problems:
            text = pick(exc.text)
            if exc.field in self.errors:
                self._set_error(exc.field, text)
            elif exc.field in ("attachments", "body"):
                self.body_error.setText(text)
                self.body_error.show()
            else:
                general.append(text)
        if general:
            self._show_result("\n".join(general))
        elif problems:
            self._show_result(self.tr("Nothing was sent: correct the marked fields."))
        return not problems

    # ========================================================================== attachments
    def add_attachments(self, paths: list[Path]) -> None:
        """Attach the files; a folder, a link, a device or a FIFO is not attached, and why
        is said."""
        known = {Path(a.path) for a in self._attachments}
        refused: list[Text] = []
        for path in paths:
            path = Path(path)
            problem = attachment_problem(path)
            if problem is not None:
                refused.append(problem)
            elif path not in known:
                self._attachments.append(Attachment(path))
                known.add(path)
        self._update_attachments()
        self._changed()
        if refused:
            self._show_attachment_notes(self.tr("Not attached: {notes}."), refused)

    def remove_attachment(self, index: int) -> None:
        del self._attachments[index]
        self._update_attachments()
        self._changed()

    def remove_selected_attachments(self) -> None:
        rows = sorted((self.attach_list.row(i) for i in self.attach_list.selectedItems()),
                      reverse=True)
        for row in rows:
            del self._attachments[row]
        self._update_attachments()
        self._changed()

    def attachments(self) -> list[Attachment]:
        return list(self._attachments)

    def choose_attachments(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda ps: self.add_attachments([Path(p) for p in ps]))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _update_attachments(self) -> None:
        self.attach_list.clear()
        total = 0
        for att in self._attachments:
            path = Path(att.path)
            problem = attachment_problem(path)
            try:
                size = path.stat().st_size if problem is None else 0
                shown = _size(size) if problem is None else self.tr("not sent: {reason}").format(
                    reason=pick(problem))
            except OSError:
                size, shown = 0, self.tr("missing")
            total += size
            # The file itself, not only the name it is sent under: a draft may name another.
            label = f"{att.name}  ({shown})" if att.name == path.name else \
                self.tr("{name} (the file {path})  ({size})").format(
                    name=att.name, path=str(path), size=shown)
            item = QListWidgetItem(label)
            item.setToolTip(str(path))
            self.attach_list.addItem(item)
        total += sum(len(i.data) for i in self.editor.inline_images())
        self.total_label.setText(self.tr("{count} file(s), total {size}").format(
            count=len(self._attachments), size=_size(total)) if self._attachments else
            self.tr("No attachments: add files or drop them here."))
        self.remove_button.setEnabled(bool(self._attachments))
        over = total > DEFAULT_MAX_BYTES
        self.size_warning.setText(self.tr(
            "The message is over the {limit} MB limit: remove attachments or share large files "
            "by link.").format(limit=DEFAULT_MAX_BYTES // 1048576) if over else "")
        self.size_warning.setVisible(over)
        self._update_reminder()

    def needs_attachment_reminder(self) -> bool:
        if self._attachments:
            return False
        text = (self.subject_edit.text() + "\n" + self.editor.toPlainText()).lower()
        return any(word in text for word in REMINDER_WORDS)

    def _update_reminder(self) -> None:
        self.reminder_label.setVisible(self.needs_attachment_reminder())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.add_attachments(files)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    # ========================================================================== sending
    def send(self) -> asyncio.Task[SendResult | None]:
        draft = self._draft_or_explain()
        return self._start(draft) if draft else self._tasks.spawn(self._nothing())

    def send_test_to_self(self) -> asyncio.Task[SendResult | None]:
        draft = self._draft_or_explain()
        if draft is None:
            return self._tasks.spawn(self._nothing())
        draft.to = [draft.from_addr] if draft.from_addr else []
        draft.cc, draft.bcc = [], []
        account = self.session.account
        if account is not None and self.domain_status.report is None:  # show it (manual §2)
            self.domain_status.check([h for h in (account.host, account.backup_host) if h],
                                     account.dkim_selectors)
        draft.subject = self.tr("[Test] {subject}").format(subject=draft.subject)
        return self._start(draft, Source.TEST)

    def _draft_or_explain(self) -> Draft | None:
        """The draft, or None with the reason shown (e.g. an invalid field on the Options tab,
        whose provider refuses while it shows an error)."""
        try:
            return self.draft()
        except ValidationError as exc:
            self._show_result(exc.message(current_lang()))
            return None

    @staticmethod
    async def _nothing() -> None:
        return None

    def _start(self, draft: Draft,
               source: Source = Source.COMPOSE) -> asyncio.Task[SendResult | None]:
        return self._tasks.spawn(self._run_send(draft, source))

    async def _run_send(self, draft: Draft, source: Source = Source.COMPOSE
                        ) -> SendResult | None:
        if self._busy:
            return None
        config = self.server_config()
        if config is None or not draft.from_addr:
            self._show_result(self.tr("Set up the account (sender address and server) on the "
                                      "Account tab first."))
            return None
        if not self._show_problems(draft):
            return None
        outbox = self.session.outbox(source)
        try:
            outgoing = outbox.build(draft)
        except OmiError as exc:
            self._show_result(exc.message(current_lang()))
            return None
        self._set_busy(True)
        self._show_result(self.tr("Sending…"))
        try:
            result = await outbox.send(config, outgoing, test=source is Source.TEST)
        finally:
            self._set_busy(False)
        self.last_result = result
        if result.ok:
            text = self.tr("Accepted by {host} — LaunchID {launch_id}. Message-ID {message_id}"
                           ).format(host=result.host, launch_id=result.launch_id or "—",
                                    message_id=result.message_id)
            refused = [r.address for r in result.recipients if not r.accepted]
            if refused:
                text += "\n" + self.tr("Refused: {addresses}").format(
                    addresses=", ".join(refused))
        elif result.delivery_unknown:
            text = self.tr("The message went out but no reply came back: it may still arrive. "
                           "{title}").format(title=pick(result.diagnosis.title))
        else:
            text = self.tr("Not sent: {title}").format(title=pick(result.diagnosis.title))
        if result.password_unencrypted:
            text += "\n" + pick(PASSWORD_UNENCRYPTED)
        self._show_result(text)
        return result

    def view_source(self) -> QDialog | None:
        try:
            data = build_message(self.draft()).as_bytes()
        except OmiError as exc:
            self._show_problems(self.draft())
            self._show_result(exc.message(current_lang()))
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Message source"))
        view = QPlainTextEdit(dialog)
        view.setReadOnly(True)
        view.setAccessibleName(self.tr("Message source"))
        view.setFont(QFont("monospace"))
        view.setPlainText(data.decode("ascii", "replace"))
        dialog.source_bytes = data  # type: ignore[attr-defined]
        dialog.source_view = view  # type: ignore[attr-defined]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(760, 560)
        self.dialog = dialog
        dialog.open()
        return dialog

    def cancel(self) -> None:
        self._tasks.cancel_all()
        self.domain_status.cancel()

    # ========================================================================== display
    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        for button in (self.send_button, self.test_button):
            button.setEnabled(not busy)
        self.session.set_busy(self, busy)

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self.session.show_status(text)

    def _task_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_result(self.tr("Sending failed: {error}").format(error=str(exc)))
