"""Compose's From line: who the message goes out as — the profile's sender and the profile's
name — with Change… to the Account tab. A problem with the sender marks it in place (an icon
whose room is kept, the reason as tool tip and accessible description)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from .field_problems import warning_icon

if TYPE_CHECKING:
    from ...core.account import Account


class FromLine(QWidget):
    account_wanted = Signal()  # Change…: show the Account tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Chan&ge…"), self)
        self.button.setToolTip(self.tr("Choose or edit the profile on the Account tab"))
        self.button.clicked.connect(self.account_wanted)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._warning = warning_icon(self).pixmap(size, size)
        self.icon = QLabel(self)
        self.icon.setFixedSize(size, size)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.icon)
        row.addWidget(self.button)

    def show_account(self, account: Account | None) -> None:
        if account is None or not account.sender:
            text = self.tr("From: no sender yet — set it up on the Account tab.")
        else:
            sender = f"{account.sender_name} <{account.sender}>" if account.sender_name \
                else account.sender
            text = self.tr("From: {sender} — profile “{profile}”").format(
                sender=sender, profile=account.name)
        self.label.setText(text)

    def mark(self, message: str) -> None:
        """The sender's problem ("" when there is none)."""
        self.icon.setPixmap(self._warning if message else QPixmap())
        self.icon.setToolTip(message)
        self.label.setToolTip(message)
        self.label.setAccessibleDescription(message)
