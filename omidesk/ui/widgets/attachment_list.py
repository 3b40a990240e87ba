"""Compose's attachments: the files with their sizes (and the file really sent, when a draft
names it otherwise), Attach files… and Remove, the total with the size limit, and the reminder
when the text mentions an attachment but nothing is attached. A folder, a link, a device or a
FIFO is not attached, and why is said (the tab shows it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from ...core.attachment_names import name_warning, name_warnings, sent_names
from ...core.message import Attachment, attachment_problem, measure_content
from ...core.untrusted import shown_filename
from ...core.text import Text, size_text
from ..i18n import pick
from ..file_dialogs import start_in

REMINDER_WORDS = ("附件", "附檔", "attach")


class AttachmentList(QWidget):
    """refresh(inline_bytes) draws the list again: the tab calls it once the files changed.
    add_button is not in this widget's layout: its owner places it."""

    changed = Signal()  # files added or removed
    refused = Signal(list)  # [Text]: files not attached, and why

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attachments: list[Attachment] = []
        self.dialog: QFileDialog | None = None
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.attach_list = QListWidget(self)
        self.attach_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.attach_list.itemSelectionChanged.connect(self._update_remove)
        self.attach_list.installEventFilter(self)  # Delete / Backspace remove the selected
        self.attach_list.hide()  # no empty box before there is a file
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.total_label = QLabel(self)
        self.size_warning = QLabel(self)
        self.size_warning.setWordWrap(True)
        self.size_warning.setFont(font)  # bold, as the tab's other warnings
        self.name_warning = QLabel(self)  # a name that reads in another order than it is
        self.name_warning.setWordWrap(True)
        self.name_warning.setFont(font)
        self.name_warning.hide()
        self.reminder_label = QLabel(self)
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setAutoFillBackground(True)
        self.reminder_label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.reminder_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.reminder_label.hide()
        for fixed in (self.title, self.total_label):  # any spare height goes to the warnings
            fixed.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The files' row (title, Remove, the total) shows only with something to count; Attach
        # files… is for the owner to place where it never moves (Compose: its button row).
        self.summary = QWidget(self)
        attach_row = QHBoxLayout(self.summary)
        attach_row.setContentsMargins(0, 0, 0, 0)
        attach_row.addWidget(self.title)
        attach_row.addWidget(self.remove_button)
        attach_row.addWidget(self.total_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The warnings and the files above the row: the tab keeps this area at its bottom,
        # so what comes (a warning, a file) moves neither the row's buttons nor the files.
        layout.addWidget(self.size_warning)
        layout.addWidget(self.name_warning)
        layout.addWidget(self.reminder_label)
        layout.addWidget(self.attach_list)
        layout.addWidget(self.summary)
        self._inline = (0, 0)  # the inline images' bytes and count, as last refreshed
        self.retranslate()

    def retranslate(self) -> None:
        """Every text again, in the language now installed (also when it changes live)."""
        self.title.setText(self.tr("Attachments"))
        self.attach_list.setAccessibleName(self.tr("Attachments"))
        self.add_button.setText(self.tr("&Attach files…"))
        self.add_button.setToolTip(self.tr("Attach files (or drop them on this tab)"))
        self.remove_button.setText(self.tr("Re&move"))
        self.remove_button.setToolTip(self.tr("Remove the selected files (Delete)"))
        self.reminder_label.setText(self.tr("The message mentions an attachment, but nothing "
                                            "is attached."))
        self.refresh(*self._inline)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the files -------------------------------------------------------------------------------
    def attachments(self) -> list[Attachment]:
        return list(self._attachments)

    def set_attachments(self, attachments: list[Attachment]) -> None:
        """A draft's attachments, as they are (a restored draft is checked by the core)."""
        self._attachments = list(attachments)

    def add(self, paths: list[Path]) -> None:
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
        self.changed.emit()
        if refused:
            self.refused.emit(refused)

    def remove(self, index: int) -> None:
        del self._attachments[index]
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted((self.attach_list.row(i) for i in self.attach_list.selectedItems()),
                      reverse=True)
        for row in rows:
            del self._attachments[row]
        if rows:
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.attach_list and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(bool(self.attach_list.selectedItems()))

    def choose(self) -> QFileDialog:
        dialog = start_in(QFileDialog(self, self.tr("Attach files")), "attachment")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda ps: self.add([Path(p) for p in ps]))
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- what it shows ---------------------------------------------------------------------------
    def refresh(self, inline_bytes: int = 0, inline_count: int = 0) -> None:
        """The files with their sizes; the inline images counted apart; the total against
        the size limit. The list shows only when there are files, as tall as they need."""
        self._inline = (inline_bytes, inline_count)
        self.attach_list.clear()
        # One look at each file (its size, or why it cannot be sent) and the core's count.
        size = measure_content([a.path for a in self._attachments], inline_bytes)
        names = sent_names(self._attachments)  # as the recipient sees them (core)
        for att, name, file in zip(self._attachments, names, size.files, strict=True):
            path = Path(att.path)
            shown = size_text(file.size) if file.problem is None else self.tr(
                "not sent: {reason}").format(reason=pick(file.problem))
            # The file itself, not only the name it is sent under: a draft may name another,
            # and of two files called alike the second goes as "name (2)" (QA3 #11).
            # Names through the core's escaper: "\u202efdp.exe" never shows as "exe.pdf"
            # (QA4 #9); it goes under its real name, which the warning above says.
            label = f"{shown_filename(name)}  ({shown})" if name == path.name else \
                self.tr("{name} (the file {path})  ({size})").format(
                    name=shown_filename(name), path=shown_filename(path), size=shown)
            warning = name_warning(att.name)
            item = QListWidgetItem(f"⚠ {label}" if warning is not None else label)
            item.setToolTip(shown_filename(path))  # the folder on hover
            self.attach_list.addItem(item)
        warnings = name_warnings(self._attachments)
        self.name_warning.setText("\n".join(pick(w) for w in warnings))
        self.name_warning.setVisible(bool(warnings))
        files, total = size.file_bytes, size.total
        parts = [self.tr("%n file(s), {size}", "", len(self._attachments)).format(
            size=size_text(files))] if self._attachments else []
        if inline_count:
            parts.append(self.tr("%n inline image(s) in the text, {size}", "", inline_count
                                 ).format(size=size_text(inline_bytes)))
        if len(parts) > 1:
            parts.append(self.tr("total {size}").format(size=size_text(total)))
        self.total_label.setText(" · ".join(parts))
        self.summary.setVisible(bool(parts))  # nothing to count: the text gets the room
        rows = self.attach_list.count()
        self.attach_list.setVisible(bool(rows))
        if rows:
            row = self.attach_list.sizeHintForRow(0)
            frame = 2 * self.attach_list.frameWidth()
            self.attach_list.setFixedHeight(min(rows, 4) * row + frame + 2)
        self._update_remove()
        problem = size.problem()  # the limit as a Send applies it, in the same words
        self.size_warning.setText(pick(problem.text) if problem is not None else "")
        self.size_warning.setVisible(problem is not None)

    def needs_reminder(self, text: str) -> bool:
        """The text mentions an attachment (附件, 附檔, attach…) and nothing is attached."""
        return not self._attachments and any(word in text.lower() for word in REMINDER_WORDS)

    def show_reminder(self, text: str) -> None:
        self.reminder_label.setVisible(self.needs_reminder(text))
