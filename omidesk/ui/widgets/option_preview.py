"""The Options tab's preview: the X-headers the next message carries, the groups at 0 that add
none (the relay applies the account's own setting: QA3 #10), the fields that cannot be sent as
typed, and Copy. The tab gives it what would be sent (show_options) and words it again with
itself (retranslate)."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget,
)

from ...core.options import OptionSet, header_groups, value_fields, zero_line, zero_rule
from ...core.text import Text
from ..i18n import pick
from .option_widgets import fixed_font


class HeaderPreview(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.preview.setFont(fixed_font())
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setTabChangesFocus(True)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        line = self.preview.fontMetrics().lineSpacing()
        self.preview.setMinimumHeight(line * 6)
        self.preview.setMaximumHeight(line * 12)
        layout.addWidget(self.preview)
        notes = []
        for name in ("zero_note", "pending_errors"):  # groups at 0 that add no header;
            note = QLabel()  # fields that cannot be sent as typed
            note.setObjectName(name)
            note.setWordWrap(True)
            note.setVisible(False)
            layout.addWidget(note)
            notes.append(note)
        self.zero_note, self.pending = notes
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copy_preview")
        self.copy_button.clicked.connect(self._copy)
        copy_row.addWidget(self.copy_button)
        layout.addLayout(copy_row)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Headers sent with the next message"))
        self.preview.setAccessibleName(self.tr("Headers sent with the next message"))
        self.preview.setPlaceholderText(self.tr(
            "No option headers: the relay applies your OMICard account's own settings."))
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the headers"))

    def show_options(self, effective: OptionSet, wrong: Collection[str | None]) -> None:
        """The headers `effective` sends; `wrong`: the keys of the fields and groups that
        cannot be sent as they are (each says why at its place)."""
        self.preview.setPlainText("\n".join(
            f"{name}: {value}" for name, value in effective.headers(checked=False)))
        # a group set to 0 here or in the profile that adds no header (QA3 #10)
        unsent = [g for g in header_groups() if g.key in effective.numbers
                  and not effective.sends(g)]
        self.zero_note.setText("\n".join(pick(zero_line(g)) for g in unsent))
        self.zero_note.setToolTip("\n".join(pick(zero_rule(g)) for g in unsent))
        self.zero_note.setVisible(bool(unsent))
        if wrong:
            names = [f.header for f in value_fields() if f.key in wrong]
            names += [g.header or g.key for g in header_groups() if g.key in wrong]
            self.pending.setText(self.tr(
                "Not ready to send: correct {0} (shown at the field).").format(
                pick(Text(", ".join(names), "、".join(names)))))
        self.pending.setVisible(bool(wrong))

    def text(self) -> str:
        return self.preview.toPlainText()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.preview.toPlainText())
