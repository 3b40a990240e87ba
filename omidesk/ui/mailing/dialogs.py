"""Small dialogs of the Mailing tab. Each is opened with open() (never exec()); the tab reads
the result when `finished` is emitted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)


class PasteListDialog(QDialog):
    """Addresses pasted by hand: one a line, or separated by , ; or spaces; "Name <addr>"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste a list of addresses"))
        hint = QLabel(self.tr(
            "One address a line, or separated by commas, semicolons or spaces. "
            "“Name <address>” keeps the name for {{name}} (or {{姓名}})."), self)
        hint.setWordWrap(True)
        self.edit = QPlainTextEdit(self)
        self.edit.setAccessibleName(self.tr("Addresses"))
        self.edit.setPlaceholderText("王小明 <ming@example.com>\nmei@example.com")
        hint.setBuddy(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def text(self) -> str:
        return self.edit.toPlainText()
