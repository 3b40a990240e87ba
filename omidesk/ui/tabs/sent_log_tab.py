"""寄件記錄 / Sent log: every message sent from Compose, a test, a mailing or the command line,
newest first, searchable; the recipients' outcomes of the selected one below."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import shiboken6

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer,
)
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSplitter, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...core.errors import OmiError
from ...core.reasons import reason_text
from ...core.sentlog import Outcome, SentLog, SentRecord, Source
from ..asyncqt import weak_callback
from ..i18n import current_lang, pick
from ..session import Session
from ..file_dialogs import start_in
from ..widgets.table_style import draw_placeholder

LIMIT = 1000  # rows shown; the search reaches every record
WIDEST = 260  # px: a column sized to its content stops here (the subject takes the rest)
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the parent of every row of a table


class SentLogModel(QAbstractTableModel):
    COLUMNS = ("time", "source", "account", "subject", "recipients", "outcome", "launch_id",
               "message_id")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[SentRecord] = []

    def set_records(self, records: list[SentRecord]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "time": self.tr("Time"), "source": self.tr("From"), "account": self.tr("Account"),
            "subject": self.tr("Subject"), "recipients": self.tr("Recipients"),
            "outcome": self.tr("Outcome"), "launch_id": "LaunchID", "message_id": "Message-ID",
        }[self.COLUMNS[section]]

    def source_label(self, source: Source) -> str:
        return {Source.COMPOSE: self.tr("Compose"), Source.TEST: self.tr("Test"),
                Source.MAILING: self.tr("Mailing"), Source.CLI: self.tr("Command line")}[source]

    def outcome_text(self, record: SentRecord) -> str:
        labels = {Outcome.SENT: self.tr("{n} accepted"), Outcome.REFUSED: self.tr("{n} refused"),
                  Outcome.DEFERRED: self.tr("{n} deferred"),
                  Outcome.UNKNOWN: self.tr("{n} unknown"),
                  Outcome.NOT_SENT: self.tr("{n} not sent")}
        counts = record.counts()
        return ", ".join(labels[o].format(n=counts[str(o)]) for o in Outcome
                         if counts[str(o)])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "time":
                return datetime.fromtimestamp(record.time).strftime("%Y-%m-%d %H:%M:%S")
            if column == "source":
                return self.source_label(record.source)
            if column == "recipients":
                first = ", ".join(r.address for r in record.recipients[:2])
                more = len(record.recipients) - 2
                return first + (self.tr(" and {n} more").format(n=more) if more > 0 else "")
            if column == "outcome":
                return self.outcome_text(record)
            return getattr(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("subject", "recipients"):
            return record.subject if column == "subject" else "\n".join(
                r.address for r in record.recipients[:30])
        if role == Qt.ItemDataRole.ForegroundRole and column == "outcome" and not record.ok:
            from PySide6.QtGui import QColor, QPalette

            palette = QGuiApplication.palette()
            dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
            return QColor("#ff8a80" if dark else "#b3261e")
        return None


class SentTable(QTableView):
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        draw_placeholder(self, self.tr("Nothing sent yet, or nothing matches the search. Every "
                                       "message sent with OMIDesk is listed here, newest "
                                       "first."))


class SentLogTab(QWidget):
    """The session's sent log (a log that could not be opened is said)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.log: SentLog | None = session.sent_log
        session.closing.connect(self.detach)
        self._export_dialog: QFileDialog | None = None
        self._subscription = weak_callback(self._record_added)
        self.model = SentLogModel(self)
        root = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Every message sent from this computer with OMIDesk: from Compose, tests, mailings "
            "and the command line. A 250 reply means the relay accepted the message; the "
            "LaunchID is what the relay's support asks for. No password is ever stored here."))
        intro.setWordWrap(True)
        root.addWidget(intro)
        root.addLayout(self._build_bar())
        self.count_label = QLabel()
        root.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = self._build_table()
        self.splitter.addWidget(self.table)
        self.detail = self._build_detail()
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        root.addWidget(self.splitter, 1)
        self._listen()

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search subject, address, account, LaunchID or "
                                               "Message-ID"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the sent log"))
        bar.addWidget(self.search, 1)
        self.source_filter = QComboBox()
        self.source_filter.setAccessibleName(self.tr("Show"))
        self.source_filter.addItem(self.tr("Everything"), "")
        for source in Source:
            self.source_filter.addItem(self.model.source_label(source), str(source))
        bar.addWidget(self.source_filter)
        self.copy_button = QPushButton(self.tr("&Copy Message-ID"))
        self.copy_button.clicked.connect(self.copy_message_id)
        bar.addWidget(self.copy_button)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Save what is listed as CSV (UTF-8 with BOM, "
                                              "opens in Excel)"))
        self.export_button.clicked.connect(self.choose_export)
        bar.addWidget(self.export_button)
        return bar

    def _build_table(self) -> QTableView:
        table = SentTable()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SentLogModel.COLUMNS.index("subject"),
                                    QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setResizeContentsPrecision(50)  # the newest rows decide the widths
        table.setAccessibleName(self.tr("Sent messages"))
        table.selectionModel().selectionChanged.connect(self._selected)
        return table

    def _build_detail(self) -> QTableWidget:
        detail = QTableWidget(0, 3)
        detail.setHorizontalHeaderLabels([self.tr("Recipient"), self.tr("Outcome"),
                                          self.tr("Server reply")])
        detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        detail.verticalHeader().setVisible(False)
        detail.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        detail.setColumnWidth(0, 240)
        detail.setColumnWidth(1, 110)
        detail.setAccessibleName(self.tr("Recipients of the selected message"))
        return detail

    def _listen(self) -> None:
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.source_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        log = self.log
        if log is None:
            self.count_label.setText(self.tr("The sent log cannot be opened; sends are not "
                                             "recorded in this session."))
            for widget in (self.search, self.source_filter, self.export_button):
                widget.setEnabled(False)
        else:
            # A send records on the loop thread; refresh after a burst (a mailing), not per row.
            log.subscribe(self._subscription)
        self.refresh()

    def _record_added(self, _record: SentRecord) -> None:
        if shiboken6.isValid(self._debounce):
            self._debounce.start()

    def detach(self) -> None:
        """Stop listening to the log (the window closes)."""
        if self.log is not None:
            self.log.unsubscribe(self._subscription)

    # -- listing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.log is None:
            self.model.set_records([])
            self._update_actions()
            return
        selected = self.current()
        if selected is not None and self.model.records and selected is self.model.records[0]:
            selected = None  # the newest was selected: the newest stays selected
        records = self.log.search(self.search.text(), limit=LIMIT,
                                  source=self.source_filter.currentData() or None)
        self.model.set_records(records)
        self._fit_columns()
        total = self.log.count()
        if self.search.text().strip() or self.source_filter.currentData():
            text = self.tr("{n} found of {total} sent").format(n=len(records), total=total)
        else:
            text = self.tr("{total} sent").format(total=total)
        if len(records) == LIMIT:
            text += " " + self.tr("(the newest {n} are listed; search to find older ones)"
                                  ).format(n=LIMIT)
        damaged = getattr(records, "damaged", 0)
        if damaged:  # changed outside OMIDesk: the rest is still shown
            text += " " + self.tr("(%n damaged record(s) cannot be shown)", "", damaged)
        self.count_label.setText(text)
        row = next((i for i, r in enumerate(records)
                    if selected is not None and r.id == selected.id), 0)
        if records:
            self.table.selectRow(row)  # the newest, unless another one was selected
        self._selected()

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows (the newest rows), at most WIDEST; the subject
        takes the rest."""
        subject = SentLogModel.COLUMNS.index("subject")
        for column in range(len(SentLogModel.COLUMNS)):
            if column != subject:
                self.table.resizeColumnToContents(column)
                if self.table.columnWidth(column) > WIDEST:
                    self.table.setColumnWidth(column, WIDEST)

    def current(self) -> SentRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.records[rows[0].row()] if rows else None

    def _selected(self, *_args: object) -> None:
        record = self.current()
        recipients = record.recipients if record is not None else ()
        self.detail.setRowCount(len(recipients))
        for row, r in enumerate(recipients):
            outcome = {Outcome.SENT: self.tr("accepted"), Outcome.REFUSED: self.tr("refused"),
                       Outcome.DEFERRED: self.tr("deferred"), Outcome.UNKNOWN: self.tr("unknown"),
                       Outcome.NOT_SENT: self.tr("not sent")}[r.outcome]
            for column, text in enumerate((r.address, outcome, pick(reason_text(r.reply)))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.detail.setItem(row, column, item)
        self._update_actions()

    def _update_actions(self) -> None:
        self.copy_button.setEnabled(self.current() is not None)
        self.export_button.setEnabled(self.log is not None and bool(self.model.records))

    # -- actions -------------------------------------------------------------------------------
    def copy_message_id(self) -> None:
        record = self.current()
        if record is not None:
            QGuiApplication.clipboard().setText(record.message_id)
            self.session.show_status(self.tr("Copied {message_id}").format(
                message_id=record.message_id))

    def choose_export(self) -> QFileDialog:
        dialog = start_in(QFileDialog(self, self.tr("Export the sent log")), "export")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"omidesk-sent-{datetime.now():%Y%m%d}.csv")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        self._export_dialog = dialog
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> bool:
        if self.log is None:
            return False
        try:
            self.log.export_csv(path, self.model.records, lang=current_lang())
        except OSError as exc:  # a StorageError: the file was left as it was
            error = exc.message(current_lang()) if isinstance(exc, OmiError) else \
                exc.strerror or str(exc)
            self.session.show_status(self.tr("Could not write {path}: {error}").format(
                path=path, error=error))
            self.count_label.setText(error)
            return False
        self.session.show_status(self.tr("Saved {path}").format(path=path))
        return True
