"""The third-party licence notices, as the build wrote them into the bundle (build.spec,
packaging/licenses.py): read-only, searchable, with the file one click away. Opened from the
About box and the Help menu, with open() (never exec())."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

NOTICES = Path(__file__).resolve().parent.parent / "resources" / "licenses" / \
    "THIRD-PARTY-NOTICES.txt"


class LicensesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.path = path = path or NOTICES
        self.setWindowTitle(self.tr("Third-party licences"))
        intro = QLabel(self.tr(
            "OMIDesk includes the software below, each part used under the licence named. Qt "
            "and Qt for Python (PySide6) are used under the GNU LGPL version 3: section 1 says "
            "where to get their source code and how to replace the Qt libraries."), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Licence notices"))
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8"))
            self.found = True
        except OSError:
            self.found = False
            self.text.setPlainText(self.tr(
                "The notices are written when OMIDesk is built (packaging/licenses.py); this "
                "copy runs from its source, where `python packaging/licenses.py` writes them."))
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find…"))
        self.find_edit.setAccessibleName(self.tr("Find in the notices"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        find_button = QPushButton(self.tr("Find &next"), self)
        find_button.clicked.connect(self.find_next)
        self.show_file = QPushButton(self.tr("Show the &file"), self)
        self.show_file.setEnabled(self.found)
        self.show_file.clicked.connect(self._show_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.show_file, QDialogButtonBox.ButtonRole.ActionRole)
        row = QHBoxLayout()
        row.addWidget(self.find_edit, 1)
        row.addWidget(find_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(860, 640)

    def find_next(self) -> bool:
        """From the cursor on, then once more from the top."""
        needle = self.find_edit.text()
        if not needle:
            return False
        if self.text.find(needle):
            return True
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.text.setTextCursor(cursor)
        return self.text.find(needle, QTextDocument.FindFlag(0))

    def _show_file(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
