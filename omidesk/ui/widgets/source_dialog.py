"""The exact bytes a message would be sent as, read-only (Compose's View source)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget


class SourceDialog(QDialog):
    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_bytes = data
        self.setWindowTitle(self.tr("Message source"))
        self.source_view = QPlainTextEdit(self)
        self.source_view.setReadOnly(True)
        self.source_view.setAccessibleName(self.tr("Message source"))
        self.source_view.setFont(QFont("monospace"))
        self.source_view.setPlainText(data.decode("ascii", "replace"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_view)
        layout.addWidget(buttons)
        self.resize(760, 560)
