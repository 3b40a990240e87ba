"""The Options tab's editors of §7.1's value headers: text (a line edit and its error) and
moments (a picker in Taiwan time, the relay's zone, with the local time beside it; the time it
suggests is worked out when it is offered, from the tab's clock: QA4 #11)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox, QDateTimeEdit, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from ...core.options import RELAY_TZ, ValueField
from .option_widgets import InlineMessage, Retranslating, help_of, keep_room, label_of

# What the picker shows; the core sends the same fields (core/options/relay_time.py).
DISPLAY_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


def relay_qtimezone() -> QTimeZone:
    offset = RELAY_TZ.utcoffset(None)
    assert offset is not None
    return QTimeZone(int(offset.total_seconds()))


def to_relay_datetime(moment: QDateTime) -> datetime:
    """The moment as an aware datetime in the relay's zone (Taiwan), whatever the machine's."""
    local = moment.toTimeZone(relay_qtimezone())
    d, t = local.date(), local.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(),
                    tzinfo=RELAY_TZ)


def from_relay_datetime(moment: datetime) -> QDateTime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=RELAY_TZ)
    moment = moment.astimezone(RELAY_TZ)
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute, moment.second), relay_qtimezone())


class TextFieldEditor(Retranslating, QWidget):
    """A value header of §7.1 that holds text (TEXT or TOKEN): a line edit and its error."""

    text_edited = Signal(str)

    def __init__(self, field: ValueField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"field_{field.key}")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._changed)
        self.error = InlineMessage()
        self.error.setObjectName(f"error_{field.key}")
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self._syncing = False
        self.retranslate()

    def retranslate(self) -> None:
        field = self.field
        self.edit.setAccessibleName(label_of(field))
        self.edit.setToolTip(f"{field.header}\n{help_of(field)}")
        self.edit.setAccessibleDescription(help_of(field))

    def _changed(self, text: str) -> None:
        if not self._syncing:
            self.text_edited.emit(text)

    def display(self, text: str) -> None:
        if self.edit.text() != text:
            self._syncing = True
            self.edit.setText(text)
            self._syncing = False

    def show_error(self, message: str) -> None:
        self.error.show_message(message)
        self.edit.setAccessibleDescription(message or help_of(self.field))

    def focus_widget(self) -> QWidget:
        return self.edit


class DateTimeFieldEditor(Retranslating, QWidget):
    """A value header of §7.1 that holds a moment: enable box, picker in Taiwan time. Until
    the user picks a moment (or one is shown from the options), the picker holds a suggestion
    made from `now` each time it is offered — the box ticked, the field shown — so it is never
    one already past; a moment the user picked stays theirs."""

    moment_edited = Signal(object)  # an aware datetime in RELAY_TZ, or None when switched off

    def __init__(self, field: ValueField, parent: QWidget | None = None, *,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._now = now or (lambda: datetime.now(RELAY_TZ))
        self._chosen = False  # the picker holds a moment of the user's (or of the options)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.enable = QCheckBox()
        self.enable.setObjectName(f"enable_{field.key}")
        self.edit = QDateTimeEdit()
        self.edit.setObjectName(f"field_{field.key}")
        self.edit.setTimeZone(relay_qtimezone())
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DISPLAY_TIME_FORMAT)
        self._syncing = True
        self.edit.setDateTime(self._suggested())
        self.edit.setEnabled(False)
        self.zone = QLabel()
        self.zone.setWordWrap(True)
        self.local = QLabel()  # the same moment on this computer's clock, when its zone differs
        self.local.setWordWrap(True)
        if self._zone_differs():  # its line is kept: ticking Set must not move anything
            keep_room(self.local)
        self.local.setVisible(False)
        self.error = InlineMessage()  # what the core refuses: before the start, in the past
        self.error.setObjectName(f"error_{field.key}")
        self.enable.toggled.connect(self._toggled)
        self.edit.dateTimeChanged.connect(self._moved)
        layout.addWidget(self.enable, 0, 0)
        layout.addWidget(self.edit, 0, 1)
        layout.addWidget(self.zone, 1, 1, 1, 2)
        layout.addWidget(self.local, 2, 1, 1, 2)
        layout.addWidget(self.error, 3, 0, 1, 3)
        layout.setColumnStretch(2, 1)
        self._syncing = False
        self.retranslate()

    def _suggested(self) -> QDateTime:
        """The next whole hour from now, Taiwan time: a sensible first value for a schedule
        (at least a minute ahead)."""
        later = self._now().astimezone(RELAY_TZ) + timedelta(hours=1, minutes=1)
        return from_relay_datetime(later.replace(minute=0, second=0, microsecond=0))

    def _suggest(self) -> None:
        """The picker's suggestion brought up to now, unless it holds a moment of the user's."""
        if self._chosen:
            return
        suggested = self._suggested()
        if self.edit.dateTime() != suggested:
            self._syncing = True
            try:
                self.edit.setDateTime(suggested)
            finally:
                self._syncing = False
            self._update_local()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self.enable.isChecked():
            self._suggest()

    def retranslate(self) -> None:
        field = self.field
        self.enable.setText(self.tr("Set"))
        self.enable.setAccessibleName(self.tr("Set {0}").format(label_of(field)))
        self.enable.setToolTip(self.tr("Send {0} with the message").format(field.header))
        self.edit.setAccessibleName(label_of(field))
        self.edit.setAccessibleDescription(
            self.tr("{help} Format {format}, Taiwan time (UTC+08:00).").format(
                help=help_of(field), format=DISPLAY_TIME_FORMAT))
        self.edit.setToolTip(f"{field.header}\n{help_of(field)}")
        self.zone.setText(self.tr("Taiwan time (UTC+08:00)"))
        self._update_local()

    @staticmethod
    def _zone_differs() -> bool:
        now = datetime.now(RELAY_TZ)
        return now.astimezone().utcoffset() != now.utcoffset()

    def _update_local(self) -> None:
        moment = to_relay_datetime(self.edit.dateTime())
        here = moment.astimezone()
        differs = here.utcoffset() != moment.utcoffset()
        if differs:  # set while hidden too: the line it keeps has the height of its text
            self.local.setText(self.tr("On this computer's clock: {0}").format(
                here.strftime("%Y-%m-%d %H:%M:%S %Z").strip()))
        self.local.setVisible(differs and self.enable.isChecked())

    def _toggled(self, on: bool) -> None:
        if on:
            self._suggest()  # offered now: from now, not from when the tab was built
        self.edit.setEnabled(on)
        self._update_local()
        if not self._syncing:
            self.moment_edited.emit(self.moment())

    def _moved(self, _moment: QDateTime) -> None:
        self._update_local()
        if not self._syncing:
            self._chosen = True  # the user's now (a picker is edited only when ticked)
            if self.enable.isChecked():
                self.moment_edited.emit(self.moment())

    def moment(self) -> datetime | None:
        return to_relay_datetime(self.edit.dateTime()) if self.enable.isChecked() else None

    def display(self, text: str) -> None:
        """Show a value as sent ("2026-12-01 09:30:00", Taiwan time) or "" for none."""
        self._syncing = True
        try:
            if text:
                moment = from_relay_datetime(datetime.fromisoformat(text))
                if self.edit.dateTime() != moment:  # not the suggestion just ticked
                    self._chosen = True  # the options' moment (a draft's): kept, as the user's
                    self.edit.setDateTime(moment)
            self.enable.setChecked(bool(text))
            self.edit.setEnabled(bool(text))
        finally:
            self._syncing = False
        self._update_local()

    def show_error(self, message: str) -> None:
        """A picker holds only valid moments; what is refused is the moment against the other
        one or the present (core options checks: before the start, already past)."""
        self.error.show_message(message)
        self.edit.setAccessibleDescription(message or help_of(self.field))

    def focus_widget(self) -> QWidget:
        return self.enable
