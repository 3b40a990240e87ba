"""The main window. The tabs (account, connection test, compose, options) arrive with the
desktop-app issue; today it shows what the foundation offers."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from .. import APP_NAME, __version__


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        label = QLabel(self.tr("OMIDesk — OMICard / NewerMail SMTP relay client"))
        label.setMargin(24)
        self.setCentralWidget(label)
        self.resize(900, 600)
