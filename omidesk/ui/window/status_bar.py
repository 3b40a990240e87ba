"""The window's status bar: messages (elided, the whole text as tooltip), the current profile,
and a progress bar with Cancel while a tab runs a task. Everything arrives through the session."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ..session import Session


class StatusBar(QStatusBar):
    MESSAGE_MS = 30000

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName(self.tr("Working"))
        self.cancel_button = QPushButton(self)  # not QPushButton(text, parent): telling it
        self.cancel_button.setText(self.tr("Cancel"))  # from (icon, text) makes QIcon's type
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.cancel_button.clicked.connect(session.cancel)
        self.account_label = QLabel(self)
        self.addPermanentWidget(self.account_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.show_busy(False)
        session.busy_changed.connect(self.show_busy)
        session.status_message.connect(self.show_status)
        session.account_changed.connect(self._show_account)

    def show_status(self, text: str) -> None:
        """Elided to the room left of the permanent widgets; the full text as tooltip."""
        room = self.width() - self.account_label.sizeHint().width() - 60
        if self.progress.isVisible():
            room -= self.progress.width() + self.cancel_button.width()
        from PySide6.QtCore import Qt  # not at the top: Qt's ~90 enums take 15 ms to create

        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 80))
        self.setToolTip(text)
        self.showMessage(shown, self.MESSAGE_MS)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A new language: the last message was in the old one (it is a passing note)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.clearMessage()
            self.setToolTip("")
        super().changeEvent(event)

    def show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _show_account(self) -> None:
        account = self.session.account
        self.account_label.setText(
            f"{account.name} — {account.host}:{account.port}" if account is not None else "")
