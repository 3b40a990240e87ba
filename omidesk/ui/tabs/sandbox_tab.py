"""沙盒收件匣 / Sandbox inbox: what the embedded relay received, newest first, with the message
rendered as a mail client would (its inline cid: images shown), its attachments by their decoded
names and sizes, the envelope and X-headers, and the source."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import QFontDatabase, QImage, QPaintEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from ...core.sandbox import SandboxMessage, SandboxRelay
from ...core.sandbox.inbox import InboxPart
from ...core.smtp.config import Security
from ...core.untrusted import shown_filename
from ..session import Session
from ..widgets.attachment_list import size_text
from ..widgets.table_style import draw_placeholder

WIDEST = 280  # px: a column sized to its content stops here (the subject takes the rest)


class InboxTable(QTableWidget):
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        draw_placeholder(self, self.tr("Nothing received yet. What you send to the sandbox "
                                       "— from Compose, a test or a mailing — appears here, "
                                       "newest first."))


class MessageView(QTextBrowser):
    """The rendered message: its cid: images from the message's own parts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.images: dict[str, InboxPart] = {}

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt name)
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if kind == QTextDocument.ResourceType.ImageResource.value and name.startswith("cid:"):
            part = self.images.get(name[4:])
            if part is not None:
                return QImage.fromData(QByteArray(part.data))
        return super().loadResource(kind, url)


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
        table = InboxTable(0, 5)
        table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("From"), self.tr("To"),
                                         self.tr("Subject"), "LaunchID"])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.setAccessibleName(self.tr("Received messages"))
        table.itemSelectionChanged.connect(self._selected)
        return table

    def _build_detail(self) -> QTabWidget:
        """The selected message: rendered, its envelope and X-headers, its source."""
        detail = QTabWidget()
        page = QWidget()
        self.rendered = MessageView(page)
        self.rendered.setAccessibleName(self.tr("Message as received"))  # no label above it
        self.rendered.setPlaceholderText(self.tr("Select a message above to read it here as "
                                                 "its recipient would."))
        self.attachments_label = QLabel(page)
        self.attachments_label.setWordWrap(True)
        self.attachments_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.rendered, 1)
        box.addWidget(self.attachments_label)
        self.attachments_label.hide()
        self.headers = QPlainTextEdit(readOnly=True)
        self.source = QPlainTextEdit(readOnly=True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.headers.setFont(mono)
        self.source.setFont(mono)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        detail.addTab(page, self.tr("Message"))
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
        """Newest first: the new one on top, and selected unless another one was chosen."""
        follow = not self.table.selectedItems() or self._selected_row() == 0
        self.table.blockSignals(True)  # the selection moves down a row: still the same message
        try:
            self.shown.insert(0, message)
            self.table.insertRow(0)
            values = (message.received_at.strftime("%Y-%m-%d %H:%M:%S"), message.mail_from,
                      ", ".join(message.rcpt_tos), message.subject, str(message.launch_id))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(0, column, item)
        finally:
            self.table.blockSignals(False)
        self._fit_columns()
        self._update_count()
        if follow:
            self.table.selectRow(0)

    def _selected_row(self) -> int | None:
        rows = {item.row() for item in self.table.selectedItems()}
        return min(rows) if rows else None

    def _fit_columns(self) -> None:
        for column in (0, 1, 2, 4):
            self.table.resizeColumnToContents(column)
            if self.table.columnWidth(column) > WIDEST:
                self.table.setColumnWidth(column, WIDEST)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Messages received: %n", "", len(self.shown)))

    def _selected(self) -> None:
        rows = {item.row() for item in self.table.selectedItems()}
        if not rows:
            return
        message = self.shown[min(rows)]
        self.rendered.images = message.inline_images
        if message.html:
            self.rendered.setHtml(message.html)
        else:
            self.rendered.setPlainText(message.text)
        attached = message.attachments
        unnamed = self.tr("(no name)")
        files = "; ".join(f"{shown_filename(part.name) or unnamed} ({size_text(part.size)}, "
                          f"{part.content_type})" for part in attached)
        self.attachments_label.setText(self.tr("Attachments: {files}").format(files=files))
        self.attachments_label.setVisible(bool(attached))
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
        self.attachments_label.hide()
        self._update_count()

