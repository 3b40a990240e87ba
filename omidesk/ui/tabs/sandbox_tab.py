"""沙盒收件匣 / Sandbox inbox: what the embedded relay received, with rendered HTML and source."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from ...core.sandbox import SandboxMessage, SandboxRelay
from ...core.smtp.config import Security
from ..session import Session


class SandboxTab(QWidget):
    # Emitted from the relay's thread; Qt queues it to the GUI thread (thread-safe).
    arrived = Signal(object)

    def __init__(self, session: Session, relay: SandboxRelay,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relay = relay
        session.closing.connect(self.detach)
        self.shown: list[SandboxMessage] = []
        root = QVBoxLayout(self)
        info = QLabel(self.tr(
            "The sandbox is a test relay on this computer: nothing leaves it. Server "
            "{host}, SSL port {ssl}, STARTTLS port {starttls}, login “{user}”.").format(
                host=relay.host, ssl=relay.port(Security.SSL),
                starttls=relay.port(Security.STARTTLS), user=relay.user))
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(info)
        bar = QHBoxLayout()
        self.count_label = QLabel()
        bar.addWidget(self.count_label, 1)
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the sandbox inbox"))
        self.clear_button.clicked.connect(self.clear)
        bar.addWidget(self.clear_button)
        root.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = self._build_table()
        split.addWidget(self.table)
        self.detail = self._build_detail()
        split.addWidget(self.detail)
        split.setSizes([220, 380])
        root.addWidget(split, 1)

        self.arrived.connect(self._add)
        self._unsubscribe = relay.subscribe(self._from_relay)
        for message in relay.messages:
            self._add(message)
        self._update_count()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 5)
        table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("From"), self.tr("To"),
                                         self.tr("Subject"), "LaunchID"])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setAccessibleName(self.tr("Received messages"))
        table.itemSelectionChanged.connect(self._selected)
        return table

    def _build_detail(self) -> QTabWidget:
        """The selected message: rendered, its envelope and X-headers, its source."""
        detail = QTabWidget()
        self.rendered = QTextBrowser()
        self.rendered.setOpenLinks(False)
        self.headers = QPlainTextEdit(readOnly=True)
        self.source = QPlainTextEdit(readOnly=True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.headers.setFont(mono)
        self.source.setFont(mono)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        detail.addTab(self.rendered, self.tr("Message"))
        detail.addTab(self.headers, self.tr("Envelope and X-headers"))
        detail.addTab(self.source, self.tr("Source"))
        return detail

    def _from_relay(self, message: SandboxMessage) -> None:
        """In the relay's thread: hand over to the GUI thread, unless this tab is gone."""
        if shiboken6.isValid(self):
            self.arrived.emit(message)

    def detach(self) -> None:
        self._unsubscribe()

    def _add(self, message: SandboxMessage) -> None:
        self.shown.append(message)
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (message.received_at.strftime("%H:%M:%S"), message.mail_from,
                  ", ".join(message.rcpt_tos), message.subject, str(message.launch_id))
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self._update_count()
        if len(self.table.selectedItems()) == 0:
            self.table.selectRow(row)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Messages received: %n", "", len(self.shown)))

    def _selected(self) -> None:
        rows = {item.row() for item in self.table.selectedItems()}
        if not rows:
            return
        message = self.shown[min(rows)]
        if message.html:
            self.rendered.setHtml(message.html)
        else:
            self.rendered.setPlainText(message.text)
        lines = [f"MAIL FROM: <{message.mail_from}>",
                 *(f"RCPT TO: <{r}>" for r in message.rcpt_tos),
                 f"LaunchID: {message.launch_id}",
                 self.tr("TLS: yes") if message.tls else self.tr("TLS: no"),
                 f"AUTH: {message.auth_user or '—'}", ""]
        lines += [f"{name}: {value}" for name, value in message.x_headers] or \
            [self.tr("(no X-headers)")]
        self.headers.setPlainText("\n".join(lines))
        self.source.setPlainText(message.data.decode("utf-8", "replace"))

    def clear(self) -> None:
        self.relay.clear()
        self.shown.clear()
        self.table.setRowCount(0)
        for view in (self.rendered, self.headers, self.source):
            view.clear()
        self._update_count()

