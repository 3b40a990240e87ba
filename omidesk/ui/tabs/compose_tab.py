"""撰寫 / Compose: recipients with inline validation, a rich-text editor with inline images,
attachments (drag and drop, CJK names, size limit, reminder), send on the qasync loop with the
relay's LaunchID shown, the exact source, and drafts that are never lost (autosave ~2 s after a
change, .eml save/open). Dialogs are opened with open(), never exec()."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ...core.drafts import DraftStore
from ...core.eml import save_eml
from ...core.errors import OmiError
from ...core.message import Attachment, Draft, build_message
from ...core.options import OptionSet
from ...core.richtext import mail_html
from ...core.smtp.send import SendResult
from ...core.untrusted import shown_filename
from ...core.text import Text
from ..i18n import current_lang, pick
from ..session import Session
from ..widgets.address_fields import ADDRESS_FIELDS, AddressFields
from ..widgets.attachment_list import AttachmentList
from ..widgets.domain_strip import DomainStatusStrip
from ..widgets.eml_files import EmlFiles
from ..widgets.from_line import FromLine
from ..widgets.editor_toolbar import EditorToolbar
from ..widgets.rich_editor import RichEditor
from ..widgets.send_result import SendResultLabel
from ..widgets.source_dialog import SourceDialog
from .compose_send import ComposeSend

class ComposeTab(QWidget):
    """Writes the message from the session's profile (sender, Reply-To) and options, and puts
    the draft into the session as it changes. restore() at start-up; send() /
    send_test_to_self() return an asyncio.Task."""

    AUTOSAVE_MS = 2000
    account_wanted = Signal()  # the From line's Change…: show the Account tab
    mailing_requested = Signal(str)  # "Send as a mailing": the To and Cc addresses

    def __init__(self, session: Session, draft_store: DraftStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = draft_store
        self._restoring = False
        self._sent_as_is = False  # on screen as it was sent: no draft to keep (until a change)
        self._inline_shown = (0, 0)  # the inline images' bytes and count the area shows
        self._under_text_about = ""  # what the line under the text is about, if it shows
        self.dialog: QDialog | None = None
        self.eml_files = EmlFiles(self)
        self.eml_files.save_chosen.connect(self.save_eml_to)
        self.eml_files.open_chosen.connect(self.open_eml_from)
        self.setAcceptDrops(True)
        self._build()
        self.sending = ComposeSend(session, self.domain_status, draft=self.draft,
                                   problems_shown=self._show_problems, parent=self)
        self.sending.said.connect(self._show_result)
        self.sending.refused.connect(self._refused)
        self.sending.busy_changed.connect(self._busy_changed)
        self.sending.checking.connect(self._checking)
        self.sending.answered.connect(self._answered)
        self.sending.delivered.connect(self._delivered)
        self.domain_status.send_to.connect(self.send_test_to)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(self.AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._connect_changes()
        self._update_attachments()
        session.account_changed.connect(self._account_changed)
        session.options_changed.connect(self._options_changed)
        session.cancel_requested.connect(self.cancel)
        session.closing.connect(self.save_now)
        self._account_changed()

    # ========================================================================== construction
    def _build(self) -> None:
        self.address_fields = AddressFields(self)
        self.address_fields.use_address_book(lambda: self.session.address_book, self._sender)
        self.address_fields.mailing_requested.connect(self.mailing_requested)
        self.fields = self.address_fields.fields
        self.to_edit = self.fields["to"]
        self.subject_edit = self.fields["subject"]

        self.editor = RichEditor(self)
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.files_dropped.connect(self.add_attachments)
        self.editor.pasted_note.connect(self._paste_said)
        self.toolbar = EditorToolbar(self.editor, self)
        self.body_error = QLabel(self)
        self.body_error.setWordWrap(True)
        font = self.body_error.font()
        font.setBold(True)  # as the tab's other problems and warnings
        self.body_error.setFont(font)
        self.body_error.hide()

        self.attachment_list = AttachmentList(self)
        self.attachment_list.changed.connect(self._attachments_changed)
        self.attachment_list.refused.connect(
            lambda notes: self._show_attachment_notes(self.tr("Not attached: {notes}."), notes))
        self.attach_list = self.attachment_list.attach_list
        self.reminder_label = self.attachment_list.reminder_label
        buttons = self._build_buttons()
        self.result_label = SendResultLabel(self)
        # manual §2; its field sends the test to a Gmail address alone (QA3 #14)
        self.domain_status = DomainStatusStrip(self, offer_send=True)

        layout = QVBoxLayout(self)
        self.from_line = FromLine(self)
        self.from_line.account_wanted.connect(self.account_wanted)
        self.from_label, self.from_button = self.from_line.label, self.from_line.button
        self.address_fields.problems.add("from", self.from_line.mark)
        layout.addWidget(self.from_line)
        layout.addWidget(self.address_fields)
        layout.addWidget(self.toolbar)
        # Below the text, what comes and goes only makes the text shorter: nothing the user
        # is about to click moves (above it, the fields' problems keep their line).
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.body_error)
        layout.addWidget(self.address_fields.public_warning)
        layout.addWidget(self.attachment_list)
        layout.addWidget(self.domain_status)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)

        self.send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.send_shortcut.activated.connect(self.send)

    def _build_buttons(self) -> QHBoxLayout:
        """Attach files, open and save .eml, View source; Send test to myself, Send."""
        self.send_button = QPushButton(self.tr("S&end"), self)
        self.send_button.setToolTip(self.tr("Send ({shortcut})").format(
            shortcut=QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)))
        self.send_button.clicked.connect(self.send)
        self.test_button = QPushButton(self.tr("Se&nd test to myself"), self)
        self.test_button.clicked.connect(self.send_test_to_self)
        self.source_button = QPushButton(self.tr("View so&urce"), self)
        self.source_button.clicked.connect(self.view_source)
        self.save_eml_button = QPushButton(self.tr("Sa&ve as .eml…"), self)
        self.save_eml_button.clicked.connect(self.choose_save_eml)
        self.open_eml_button = QPushButton(self.tr("O&pen .eml…"), self)
        self.open_eml_button.clicked.connect(self.choose_open_eml)
        buttons = QHBoxLayout()
        # Attach files… here, where the files coming or going never move it (QA4 #16: the
        # files' own row takes no room while there are none)
        buttons.addWidget(self.attachment_list.add_button)
        buttons.addWidget(self.open_eml_button)
        buttons.addWidget(self.save_eml_button)
        buttons.addWidget(self.source_button)
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.send_button)
        return buttons

    def _connect_changes(self) -> None:
        for edit in self.fields.values():
            edit.textChanged.connect(self._changed)
        self.editor.textChanged.connect(self._text_changed)

    def _text_changed(self) -> None:
        if self._under_text_about == "body" or (  # about the text as it was
                self._under_text_about == "paste" and self.editor.document().isEmpty()):
            self.say_under_text("", "")
        self._changed()

    def _changed(self) -> None:
        if self._restoring:
            return
        self._sent_as_is = False
        self._autosave.start()
        self._update_inline_images()
        if not self.busy:
            self.result_label.clear()  # the last send's result is about another message now
        self._publish()

    # ========================================================================== the session
    def _account_changed(self) -> None:
        self.from_line.show_account(self.session.account)
        self.domain_status.set_sender(self._sender())
        self.editor.set_sender(self._sender())  # inline images' Content-IDs on its domain
        self._publish()

    def _options_changed(self) -> None:
        """The message's options are the draft's too: a change alone autosaves it."""
        self._publish()
        if not self._restoring:
            self._sent_as_is = False
            self._autosave.start()

    def _publish(self) -> None:
        """The draft as it would be sent, for the session (the Mailing tab sends it)."""
        self.session.set_draft(self._base_draft(mail_html(self.editor.html_for_mail()),
                                                self.session.options))

    def _sender(self) -> str:
        account = self.session.account
        return account.sender if account is not None else ""

    @property
    def busy(self) -> bool:
        return self.sending.busy

    # ========================================================================== the draft
    def _base_draft(self, html: str, options: OptionSet) -> Draft:
        acc, fields = self.session.account, self.address_fields
        return Draft(
            from_addr=acc.sender if acc else "",
            from_name=acc.sender_name if acc else "",
            to=fields.addresses("to"), cc=fields.addresses("cc"), bcc=fields.addresses("bcc"),
            reply_to=fields.addresses("reply_to")
            or ([acc.reply_to] if acc and acc.reply_to else []),
            subject=self.subject_edit.text(),
            html=html,
            inline_images=self.editor.inline_images(),
            attachments=self.attachment_list.attachments(),
            options=options,
        )

    def draft(self) -> Draft:
        """The message as it will be sent (mail-safe HTML, text derived by the core); raises
        ValidationError while a field of the Options tab shows an error."""
        return self._base_draft(mail_html(self.editor.html_for_mail()),
                                self.session.checked_options())

    def _stored_draft(self) -> Draft:
        # Drafts keep Qt's own HTML so that restoring gives back exactly what was on screen;
        # recipients exactly as typed; the options as the Options tab has them (the account's
        # defaults apply again under them, as before).
        draft = self._base_draft(self.editor.toHtml(), self.session.message_options)
        for key in ADDRESS_FIELDS:
            setattr(draft, key, self.address_fields.typed(key))
        return draft

    def load_draft(self, draft: Draft) -> None:
        """The message on screen, its options the session's (the Options tab shows them and
        every send uses them: an opened or restored message goes with its own)."""
        self._sent_as_is = False
        self._restoring = True
        try:
            if draft.options != self.session.message_options:  # else the tab's problem stays
                self.session.set_message_options(draft.options)
            self.address_fields.show_draft(draft)
            self.editor.clear_all()
            self.editor.set_images(draft.inline_images)
            if draft.html is not None:
                self.editor.set_html(draft.html)
            else:
                self.editor.setPlainText(draft.text or "")
            self.attachment_list.set_attachments(draft.attachments)
        finally:
            self._restoring = False
        self._update_attachments()
        self.address_fields.check_all()
        self.address_fields.problem_line.release()  # another message, without problems
        self._publish()

    # ========================================================================== drafts
    def save_now(self) -> Path | None:
        """The autosave; a message on screen as it was sent is no draft: the file goes (the
        next start does not offer it again as if unsent, e.g. after quitting during its
        send)."""
        self._autosave.stop()
        if self._sent_as_is:
            self.store.discard()
            return None
        try:
            return self.store.save(self._stored_draft())
        except (OSError, TypeError, ValueError) as exc:
            self.session.show_status(self.tr("The draft could not be saved: {error}").format(
                error=str(exc)))
            return None

    def restore(self) -> bool:
        option_notes: list[Text] = []
        draft, notes = self.store.restore(option_notes=option_notes)
        if draft is None:
            return False
        self.load_draft(draft)
        if notes:  # a draft file names something the user did not attach as it says
            self._show_attachment_notes(self.tr("Check the attachments of the restored "
                                                "draft: {notes}."), notes)
        if option_notes:
            self._show_result(self.tr("{said} {options}").format(
                said=self.tr("Check the EmailOptions of the restored draft: {notes}.").format(
                    notes="; ".join(pick(n) for n in option_notes)),
                options=self._options_taken(draft.options)))
        return True

    def _options_taken(self, options: OptionSet) -> str:
        """What an opened or restored message's options are now, in words."""
        headers = options.headers()
        if not headers:
            return self.tr("It has no EmailOptions that can be sent: the account's defaults "
                           "apply (Options tab).")
        return self.tr("Its EmailOptions, now on the Options tab and sent with it: "
                       "{headers}.").format(headers="; ".join(f"{n}: {v}" for n, v in headers))

    def _show_attachment_notes(self, template: str, notes: list[Text]) -> None:
        self.say_under_text(template.format(notes="; ".join(pick(n) for n in notes)),
                            "attachments")

    def _paste_said(self, said: str) -> None:
        """A paste's note; a clean paste ("") clears only an earlier paste's, never a note
        about the attachments or the text."""
        if said or self._under_text_about == "paste":
            self.say_under_text(said, "paste")

    def say_under_text(self, text: str, about: str) -> None:
        """A problem of the text ("body") or the attachments under the text ("" hides it);
        it goes when what it is about changes."""
        self.body_error.setText(text)
        self.body_error.setVisible(bool(text))
        self._under_text_about = about if text else ""

    def choose_save_eml(self) -> QFileDialog:
        return self.eml_files.choose_save()

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
        return self.eml_files.choose_open()

    def open_eml_from(self, path: Path) -> bool:
        """The message in the file replaces the one on screen, with its EmailOptions (said:
        those taken and those left out); the status bar names this file, not one before."""
        draft, said = self.eml_files.read(path, self.store.folder / "attachments")
        if draft is None:
            self.result_label.setText(said)
            self.session.show_status(said)
            return False
        before = self.session.message_options
        self.load_draft(draft)
        self._autosave.start()
        opened = self.tr("Opened {name}").format(name=shown_filename(path.name))
        if draft.options.headers() or before.numbers or before.values:  # the options changed
            said = self.tr("{said} {options}").format(
                said=said or self.tr("Opened {name}.").format(name=shown_filename(path.name)),
                options=self._options_taken(draft.options))
        self.result_label.setText(said)  # the note about a message opened before goes
        self.session.show_status(opened)
        return True

    # ========================================================================== validation
    def check_field(self, key: str) -> bool:
        return self.address_fields.check(key)

    def _show_problems(self, draft: Draft) -> bool:
        from ...core.message import validate_draft

        problems = validate_draft(draft)
        self.say_under_text("", "")
        general: list[str] = []
        for exc in self.address_fields.show_problems(problems):
            text = pick(exc.text)
            if exc.code == "too_large":  # the attachment area says it, in these words
                self._update_attachments()
            elif exc.field in ("attachments", "body"):
                self.say_under_text(text, exc.field)
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
        self.attachment_list.add(paths)

    def remove_attachment(self, index: int) -> None:
        self.attachment_list.remove(index)

    def attachments(self) -> list[Attachment]:
        return self.attachment_list.attachments()

    def _attachments_changed(self) -> None:
        if self._under_text_about == "attachments":
            self.say_under_text("", "")
        self._update_attachments()
        self._changed()

    def _update_attachments(self) -> None:
        images = self.editor.inline_images()
        self._inline_shown = (sum(len(i.data) for i in images), len(images))
        self.attachment_list.refresh(*self._inline_shown)
        self._update_reminder()

    def _update_inline_images(self) -> None:
        """While typing: the area redrawn only when an inline image came or went."""
        images = self.editor.inline_images()
        if (sum(len(i.data) for i in images), len(images)) != self._inline_shown:
            self._update_attachments()
        else:
            self._update_reminder()

    def needs_attachment_reminder(self) -> bool:
        return self.attachment_list.needs_reminder(
            self.subject_edit.text() + "\n" + self.editor.toPlainText())

    def _update_reminder(self) -> None:
        self.reminder_label.setVisible(self.needs_attachment_reminder())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """A file deleted or changed meanwhile shows as it is now (missing, its new size)."""
        super().showEvent(event)
        self._update_attachments()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt name)
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.add_attachments(files)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    # ========================================================================== sending
    def send(self) -> asyncio.Task[SendResult | None]:
        return self.sending.send()

    def send_test_to_self(self) -> asyncio.Task[SendResult | None]:
        return self.sending.test_to_self()

    def send_test_to(self, address: str) -> asyncio.Task[SendResult | None]:
        return self.sending.test_to(address)

    @property
    def last_result(self) -> SendResult | None:
        return self.sending.last_result

    def view_source(self) -> SourceDialog | None:
        try:
            data = build_message(self.draft()).as_bytes()
        except OmiError as exc:
            self._show_problems(self.draft())
            self._show_result(exc.message(current_lang()))
            return None
        dialog = SourceDialog(data, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def cancel(self) -> None:
        self.sending.cancel()
        self.domain_status.cancel()

    # ========================================================================== display
    def _busy_changed(self, busy: bool) -> None:
        for button in (self.send_button, self.test_button):
            button.setEnabled(not busy)
        self.session.set_busy(self, busy)

    def _checking(self, checking: bool) -> None:
        self.test_button.setEnabled(not checking and not self.busy)

    def _refused(self, text: str) -> None:
        self.say_under_text(text, "attachments")

    def _delivered(self) -> None:
        self._sent_as_is = True
        self.save_now()
        self.address_fields.problem_line.release()  # the user looks at the result below

    def _answered(self, result: SendResult) -> None:
        from ...core.outbox import not_recorded

        text = self.result_label.show_result(result)
        notes = [self.sending.unsaved_note()]
        if self.sending.trial_note is not None and result.ok:
            notes.append(pick(self.sending.trial_note))  # the schedule waits for the real send
        if self.sending.unrecorded and (result.ok or result.delivery_unknown):
            notes.append(pick(not_recorded(result.diagnosis)))  # as `omidesk send` says it
        if any(notes):
            text = "\n".join([text, *filter(None, notes)])
            self.result_label.setText(text)
        self._status(text)

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self._status(text)

    def _status(self, text: str) -> None:
        """The status bar too, only while this tab is not on screen: said once, not twice."""
        if not self.isVisible():
            self.session.show_status(text)
