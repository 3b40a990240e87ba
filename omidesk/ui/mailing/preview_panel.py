"""The Mailing tab's preview: any row of the list rendered as its recipient gets the message
(merge fields filled in, inline images shown), or its HTML source; the files it gets (shared
and its own); why a row is not sent; and the test to oneself rendered as that row."""

from __future__ import annotations

import os
from dataclasses import replace

from PySide6.QtCore import QEvent, QUrl, Qt, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTextBrowser,
    QVBoxLayout, QWidget,
)

from ...core.merge import render_draft
from ...core.message import Draft
from ...core.recipients import RecipientList
from ...core.untrusted import shown_filename
from ..i18n import listing, pick, with_colon, with_note
from ...core.text import size_text
from ..widgets.domain_strip import DomainStatusStrip
from .fitting import FittingBox
from .message_panel import bold
from .state import MailingState, MessageState


class PreviewPanel(FittingBox):  # its texts never cut (the test's result: QA round 3, 24)
    test_requested = Signal(int)  # a test to oneself rendered as this row (1-based)
    test_to_requested = Signal(int, str)  # the same test to another address

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setTitle(self.tr("Preview"))
        self._draft: Draft | None = None
        self._draft_problem = ""
        self._list: RecipientList | None = None
        self.html = ""  # the HTML of the row shown
        self.row_spin = QSpinBox(self)
        self.row_spin.setRange(1, 1)
        self.row_spin.setAccessibleName(self.tr("Row to preview"))
        self.row_spin.valueChanged.connect(self.preview)
        self.row_total = QLabel(self)
        self.source_check = QCheckBox(self.tr("HTML source"), self)
        self.source_check.toggled.connect(lambda _on: self.preview(self.row_spin.value()))
        row_label = QLabel(with_colon(self.tr("&Row")), self)
        row_label.setBuddy(self.row_spin)
        top = QHBoxLayout()
        top.addWidget(row_label)
        top.addWidget(self.row_spin)
        top.addWidget(self.row_total)
        top.addStretch(1)
        top.addWidget(self.source_check)
        self.to_label = QLabel(self)
        self.to_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_label = bold(QLabel(self))
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_label.setWordWrap(True)
        self.files_label = self._text_label()
        self.files_label.hide()
        self.note_label = self._text_label()
        self.note_label.setStyleSheet("color: palette(link-visited);")
        self.note_label.hide()
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(self.tr("Message as this recipient sees it"))
        self.test_button = QPushButton(self.tr("Se&nd a test to myself as this row"), self)
        self.test_button.clicked.connect(lambda: self.test_requested.emit(self.row_spin.value()))
        # the sender's domain before a test to the sender's own address (manual §2), with a
        # field to send the test to another address (a Gmail address) instead
        self.domain_status = DomainStatusStrip(self)
        self.domain_status.send_to.connect(
            lambda address: self.test_to_requested.emit(self.row_spin.value(), address))
        self.test_result = self._text_label()
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.to_label)
        layout.addWidget(self.subject_label)
        layout.addWidget(self.files_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.test_button)
        layout.addWidget(self.domain_status)
        layout.addWidget(self.test_result)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A live language switch: the row rendered again, its lists with the new language's
        punctuation (QA round 3, 16: "（2.0 KB）、" stayed in English)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.preview(self.row_spin.value())

    # -- what it is given ----------------------------------------------------------------------
    def show_list(self, recipients: RecipientList | None) -> None:
        """A new list (the message is shown again after it, by show_message)."""
        self._list = recipients
        if recipients is None:
            self.row_spin.setRange(1, 1)
            self.row_total.setText("")
        else:
            self.row_spin.setRange(1, max(len(recipients.rows), 1))
            self.row_total.setText(self.tr("of {n}").format(n=len(recipients.rows)))

    def show_message(self, message: MessageState) -> None:
        self._draft, self._draft_problem = message.draft, message.draft_problem
        self.preview(self.row_spin.value())

    def show_state(self, state: MailingState) -> None:
        self.test_button.setEnabled(not state.testing and state.has_rows and state.has_draft)

    def row(self) -> int:
        return self.row_spin.value()

    def show_row(self, number: int) -> None:
        self.row_spin.setValue(number)

    def _text_label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _size(path: os.PathLike[str] | str) -> str:
        try:
            return size_text(os.stat(path).st_size)
        except OSError:
            return "—"

    # -- rendering -----------------------------------------------------------------------------
    def preview(self, number: int) -> None:
        """Show row `number` (1-based position in the list) rendered."""
        view = self.view
        self.note_label.hide()
        self.files_label.hide()
        if self._list is None or not self._list.rows or self._draft is None:
            self.to_label.setText("")
            self.subject_label.setText("")
            view.setPlainText(self.tr("Import a list to see each recipient's message here.")
                              if self._draft is not None else self._draft_problem)
            return
        position = min(max(number, 1), len(self._list.rows))
        row = self._list.rows[position - 1]
        shown = self._list.shown_row(row)  # the Row column's number (a sheet's own)
        total = len(self._list.rows)
        self.row_total.setText(self.tr("of {n}").format(n=total) if shown == position else
                               self.tr("of {n} (row {row} of the sheet)").format(n=total,
                                                                                 row=shown))
        unknown = {column: self.tr("[{column}: formula never calculated]").format(column=column)
                   for column, lines in self._list.formulas.items() if row.line in lines}
        if unknown:  # never shown as an empty value (the mailing does not start with them)
            row = replace(row, values={**row.values, **unknown})
        rendered = render_draft(self._draft, row)
        self.to_label.setText(self.tr("To: {to}").format(to=", ".join(rendered.to) or "—"))
        self.subject_label.setText(rendered.subject)
        if rendered.attachments:
            self.files_label.setText(self.tr("Attachments: {files}").format(
                files=listing([with_note(shown_filename(a.name), self._size(a.path))
                               for a in rendered.attachments])))
            self.files_label.show()
        if row.status != "ok" and row.reason is not None:
            self.note_label.setText(self.tr("This row is not sent: {reason}").format(
                reason=pick(row.reason)))
            self.note_label.show()
        if self.source_check.isChecked():
            view.setPlainText(rendered.html if rendered.html is not None else
                              rendered.text or "")
        elif rendered.html is not None:
            document = view.document()
            for image in rendered.inline_images:
                document.addResource(QTextDocument.ResourceType.ImageResource,
                                     QUrl(f"cid:{image.cid}"), QImage.fromData(image.data))
            view.setHtml(rendered.html)
        else:
            view.setPlainText(rendered.text or "")
        self.html = rendered.html or ""
