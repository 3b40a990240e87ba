"""Widgets for the EmailOptions (manual §7, Appendix A), generated from the catalog.

Each widget here is a view: it displays a value it is given and reports what the user asked
for through a signal. The Options tab (ui/tabs/options_tab.py) owns the OptionSet state.
Nothing here restates a constant name, value or header: every one comes from
omidesk.core.options.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ValidationError
from ...core.options import (
    RELAY_TZ,
    Const,
    Group,
    Kind,
    Preset,
    Style,
    ValueField,
    decode,
    find_group,
    groups,
    parse_number_or_names,
)
from ...core.text import Text
from ..i18n import pick, with_colon

# What the picker shows; the core sends the same fields (omidesk.core.options RELAY_TIME_FORMAT).
DISPLAY_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


def mnemonic_safe(text: str) -> str:
    """Catalog text shown on a button or checkbox: a literal '&' must not become a mnemonic."""
    return text.replace("&", "&&")


def fixed_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def label_of(item: Const | Group | ValueField | Preset) -> str:
    return pick(Text(item.en, item.zh))


def help_of(item: Const | Group | ValueField | Preset) -> str:
    return pick(Text(item.help_en, item.help_zh))


def const_tooltip(const: Const) -> str:
    """Rich text (so Qt wraps it): constant name, value (decimal and hex) and help."""
    return (f"<p><b>{html.escape(const.name)}</b> = {const.value} (0x{const.value:X})</p>"
            f"<p>{html.escape(help_of(const))}</p>")


def mask_shift(mask: int) -> int:
    return (mask & -mask).bit_length() - 1 if mask else 0


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


def unmatched_choices(group: Group, value: int) -> list[tuple[Const, int]]:
    """(mask, part) for each mask whose part of `value` is none of its choices: decode() counts
    those bits as unknown; shown as "mask holds N, not a choice" rather than as loose bits."""
    out: list[tuple[Const, int]] = []
    if group.style is Style.ENUM:
        return out
    for mask in (c for c in group.consts if c.kind is Kind.MASK):
        choices = [c.value for c in group.consts if c.kind is Kind.VALUE and c.within == mask.name]
        part = value & mask.value
        if choices and part not in choices:
            out.append((mask, part))
    return out


def loose_unknown_bits(group: Group, value: int) -> list[int]:
    """The unknown bits of `value` outside any mask with choices (see unmatched_choices)."""
    decoded = decode(group, value)
    covered = 0
    for mask, _part in unmatched_choices(group, value):
        covered |= mask.value
    return [bit for bit in decoded.unknown_bits() if not bit & covered]


class _Retranslating:
    """Mixin: rebuild texts on a LanguageChange event (a new QTranslator or UI language)."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class StatusMarker(QLabel):
    """A small bold label in the palette's accent (Link) colour: "changed"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.Link)
        self.setVisible(False)


class InlineMessage(QWidget):
    """A warning icon and a wrapped message under a field; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.setVisible(bool(message))

    def message(self) -> str:
        return self.text.text() if self.isVisibleTo(self.parentWidget()) else ""


# ------------------------------------------------------------------------------------------------
class GroupEditor(_Retranslating, QGroupBox):
    """One header group of Appendix A: a checkbox per FLAG (two columns) and a combo box per
    set of choices (the VALUEs `within` a MASK, or the members of an ENUM group)."""

    number_edited = Signal(object)  # the group's new number (object: it may exceed int32)
    reset_requested = Signal()

    def __init__(self, group: Group, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert group.header is not None
        self.group = group
        self.setObjectName(f"group_{group.key}")
        self._value = 0
        self._default = 0
        self._overridden = False
        self.checkboxes: dict[str, QCheckBox] = {}
        # (mask or None for a whole ENUM number, the choices, the combo box, its label)
        self.choices: list[tuple[Const | None, list[Const], QComboBox, QLabel]] = []

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top.addWidget(self.help, 1)
        self.marker = StatusMarker()
        top.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        self.reset_button = QToolButton()
        self.reset_button.setObjectName(f"reset_{group.key}")
        self.reset_button.clicked.connect(self.reset_requested)
        top.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)

        self.header_line = QLabel()
        self.header_line.setObjectName(f"header_{group.key}")
        self.header_line.setFont(fixed_font())
        self.header_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.header_line)
        self.extra = QLabel()  # bits the manual does not name, masked numbers
        self.extra.setWordWrap(True)
        self.extra.setVisible(False)
        outer.addWidget(self.extra)

        if group.style is Style.ENUM:
            self._add_choice_row(outer, None, [c for c in group.consts if c.kind is Kind.VALUE])
        else:
            for mask in (c for c in group.consts if c.kind is Kind.MASK):
                within = [c for c in group.consts if c.kind is Kind.VALUE and c.within == mask.name]
                if within:
                    self._add_choice_row(outer, mask, within)
            flags = [c for c in group.consts if c.kind is Kind.FLAG]
            if flags:
                grid = QGridLayout()
                grid.setHorizontalSpacing(18)
                grid.setVerticalSpacing(2)
                rows = (len(flags) + 1) // 2
                for index, const in enumerate(flags):  # down the first column, then the second
                    box = QCheckBox()
                    box.setObjectName(const.name)
                    box.toggled.connect(lambda on, c=const: self._flag_toggled(c, on))
                    self.checkboxes[const.name] = box
                    grid.addWidget(box, index % rows, index // rows)
                grid.setColumnStretch(0, 1)
                grid.setColumnStretch(1, 1)
                outer.addLayout(grid)
        self.retranslate()

    def _add_choice_row(self, outer: QVBoxLayout, mask: Const | None,
                        choices: list[Const]) -> None:
        row = QHBoxLayout()
        label = QLabel()
        combo = QComboBox()
        combo.setObjectName(mask.name if mask is not None else f"choice_{self.group.key}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(combo)
        combo.currentIndexChanged.connect(
            lambda index, m=mask, cs=choices: self._choice_changed(m, cs, index))
        row.addWidget(label)
        row.addWidget(combo)
        row.addStretch(1)
        outer.addLayout(row)
        self.choices.append((mask, choices, combo, label))

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        group = self.group
        self.setTitle(self.tr("{label} — {header}").format(label=label_of(group),
                                                          header=group.header))
        self.help.setText(help_of(group))
        self.setToolTip("")
        self.marker.setText(self.tr("changed"))
        self.marker.setToolTip(self.tr("Differs from the account's default for this message"))
        self.reset_button.setText(self.tr("Use default"))
        self.reset_button.setAccessibleName(
            self.tr("Use the account's default for {0}").format(label_of(group)))
        for name, box in self.checkboxes.items():
            const = next(c for c in group.consts if c.name == name)
            box.setText(mnemonic_safe(label_of(const)))
            box.setToolTip(const_tooltip(const))
            box.setAccessibleName(label_of(const))
            box.setAccessibleDescription(f"{const.name} = {const.value}. {help_of(const)}")
        for mask, choices, combo, label in self.choices:
            label.setText(with_colon(label_of(mask) if mask is not None else label_of(group)))
            if mask is not None:
                label.setToolTip(const_tooltip(mask))
            combo.setAccessibleName(label_of(mask) if mask is not None else label_of(group))
            combo.blockSignals(True)
            index = combo.currentIndex()
            combo.clear()
            for const in choices:
                combo.addItem(self.tr("{label} ({value})").format(label=label_of(const),
                                                                  value=const.value))
                combo.setItemData(combo.count() - 1, const_tooltip(const),
                                  Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.display(self._value, default=self._default, overridden=self._overridden)

    # -- display -------------------------------------------------------------------------------
    def display(self, value: int, *, default: int, overridden: bool) -> None:
        """Show the effective number; mark it when it differs from the account's default."""
        self._value, self._default, self._overridden = value, default, overridden
        for name, box in self.checkboxes.items():
            const = next(c for c in self.group.consts if c.name == name)
            box.blockSignals(True)
            box.setChecked(bool(const.value) and value & const.value == const.value)
            box.blockSignals(False)
        for mask, choices, combo, _label in self.choices:
            part = value & mask.value if mask is not None else value
            index = next((i for i, c in enumerate(choices) if c.value == part), -1)
            combo.blockSignals(True)
            combo.setPlaceholderText(self.tr("Not in the manual: {0}").format(part))
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        header = self.group.header
        if value:
            self.header_line.setText(f"{header}: {value}")
        else:
            self.header_line.setText(self.tr("{0}: 0 — nothing is sent").format(header))
        decoded = decode(self.group, value)
        extra: list[str] = []
        for mask, part in decoded.fields:
            extra.append(self.tr("{mask} holds {number}").format(
                mask=mask.name, number=part >> mask_shift(mask.value)))
        for mask, part in unmatched_choices(self.group, value):
            extra.append(self.tr("{mask} holds {number}, which is not one of its choices").format(
                mask=mask.name, number=part >> mask_shift(mask.value)))
        bits = loose_unknown_bits(self.group, value)
        if bits:
            extra.append(self.tr("Also holds bits the manual does not name: {0}").format(
                ", ".join(str(b) for b in bits)))
        self.extra.setText("\n".join(extra))
        self.extra.setVisible(bool(extra))
        self.marker.setVisible(value != default)
        self.reset_button.setVisible(overridden)
        self.reset_button.setToolTip(
            self.tr("Back to the account's default: {0}").format(default))

    def value(self) -> int:
        return self._value

    # -- user input ----------------------------------------------------------------------------
    def _flag_toggled(self, const: Const, on: bool) -> None:
        value = self._value | const.value if on else self._value & ~const.value
        self.number_edited.emit(value)

    def _choice_changed(self, mask: Const | None, choices: list[Const], index: int) -> None:
        if not 0 <= index < len(choices):
            return
        if mask is None:
            value = choices[index].value
        else:
            value = (self._value & ~mask.value) | choices[index].value
        self.number_edited.emit(value)


# ------------------------------------------------------------------------------------------------
class TextFieldEditor(_Retranslating, QWidget):
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


class DateTimeFieldEditor(_Retranslating, QWidget):
    """A value header of §7.1 that holds a moment: enable box, picker in Taiwan time."""

    moment_edited = Signal(object)  # an aware datetime in RELAY_TZ, or None when switched off

    def __init__(self, field: ValueField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
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
        self.edit.setDateTime(self._suggested())
        self.edit.setEnabled(False)
        self.zone = QLabel()
        self.zone.setWordWrap(True)
        self.local = QLabel()  # the same moment on this computer's clock, when its zone differs
        self.local.setWordWrap(True)
        self.local.setVisible(False)
        self.enable.toggled.connect(self._toggled)
        self.edit.dateTimeChanged.connect(self._moved)
        layout.addWidget(self.enable, 0, 0)
        layout.addWidget(self.edit, 0, 1)
        layout.addWidget(self.zone, 1, 1, 1, 2)
        layout.addWidget(self.local, 2, 1, 1, 2)
        layout.setColumnStretch(2, 1)
        self._syncing = False
        self.retranslate()

    @staticmethod
    def _suggested() -> QDateTime:
        """Next whole hour, Taiwan time: a sensible first value for a schedule."""
        now = datetime.now(RELAY_TZ) + timedelta(hours=1)
        return from_relay_datetime(now.replace(minute=0, second=0, microsecond=0))

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

    def _update_local(self) -> None:
        moment = to_relay_datetime(self.edit.dateTime())
        here = moment.astimezone()
        differs = here.utcoffset() != moment.utcoffset()
        if differs:
            self.local.setText(self.tr("On this computer's clock: {0}").format(
                here.strftime("%Y-%m-%d %H:%M:%S %Z").strip()))
        self.local.setVisible(differs and self.enable.isChecked())

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self._update_local()
        if not self._syncing:
            self.moment_edited.emit(self.moment())

    def _moved(self, _moment: QDateTime) -> None:
        self._update_local()
        if not self._syncing and self.enable.isChecked():
            self.moment_edited.emit(self.moment())

    def moment(self) -> datetime | None:
        return to_relay_datetime(self.edit.dateTime()) if self.enable.isChecked() else None

    def display(self, text: str) -> None:
        """Show a value as sent ("2026-12-01 09:30:00", Taiwan time) or "" for none."""
        self._syncing = True
        try:
            if text:
                moment = from_relay_datetime(datetime.fromisoformat(text))
                if self.edit.dateTime() != moment:
                    self.edit.setDateTime(moment)
            self.enable.setChecked(bool(text))
            self.edit.setEnabled(bool(text))
        finally:
            self._syncing = False
        self._update_local()

    def show_error(self, message: str) -> None:  # a picker cannot hold an invalid moment
        self.edit.setAccessibleDescription(message or help_of(self.field))

    def focus_widget(self) -> QWidget:
        return self.enable


# ------------------------------------------------------------------------------------------------
class CollapsibleSection(QWidget):
    """A header button with an arrow that shows or hides its content."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(False)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.toggle.toggled.connect(self.set_expanded)
        self.content = content
        content.setVisible(False)
        layout.addWidget(self.toggle)
        layout.addWidget(content)

    def set_expanded(self, on: bool) -> None:
        self.toggle.setChecked(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.content.setVisible(on)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()


class ReferenceTree(_Retranslating, QTreeWidget):
    """The tables of Appendix A that do not travel as headers, for reading only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reference")
        self.setColumnCount(3)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(320)
        self.itemExpanded.connect(self._fit_columns)
        self.retranslate()

    def retranslate(self) -> None:
        self.clear()
        self.setHeaderLabels([self.tr("Constant"), self.tr("Value"), self.tr("Meaning")])
        self.setAccessibleName(self.tr("Appendix A tables that are not sent as headers"))
        for group in groups(with_header=False):
            top = QTreeWidgetItem([group.key, "", label_of(group)])
            top.setToolTip(2, f"{help_of(group)} ({group.section})")
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for const in group.consts:
                item = QTreeWidgetItem([const.name, str(const.value), label_of(const)])
                item.setFont(0, fixed_font())
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                for column in range(3):
                    item.setToolTip(column, const_tooltip(const))
                top.addChild(item)
            self.addTopLevelItem(top)
        self._fit_columns()

    def _fit_columns(self, *_args: object) -> None:
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)


# ------------------------------------------------------------------------------------------------
class OptionDecoder(_Retranslating, QGroupBox):
    """'Decode a number': pick a table, type a number (or constant names), read what it means.
    Bits the manual does not name are listed, never dropped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decoder")
        self._groups = list(groups())
        layout = QGridLayout(self)
        self.group_label = QLabel()
        self.group_combo = QComboBox()
        self.group_combo.setObjectName("decoder_group")
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.setMinimumContentsLength(30)
        self.group_label.setBuddy(self.group_combo)
        self.number_label = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("decoder_number")
        self.number_edit.setClearButtonEnabled(True)
        self.number_label.setBuddy(self.number_edit)
        self.error = InlineMessage()
        self.error.setObjectName("decoder_error")
        self.summary = QLabel()
        self.summary.setObjectName("decoder_summary")
        self.summary.setFont(fixed_font())
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = QListWidget()
        self.results.setObjectName("decoder_results")
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(120)
        layout.addWidget(self.group_label, 0, 0)
        layout.addWidget(self.group_combo, 0, 1)
        layout.addWidget(self.number_label, 1, 0)
        layout.addWidget(self.number_edit, 1, 1)
        layout.addWidget(self.error, 2, 0, 1, 2)
        layout.addWidget(self.summary, 3, 0, 1, 2)
        layout.addWidget(self.results, 4, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(4, 1)
        self.group_combo.currentIndexChanged.connect(self.refresh)
        self.number_edit.textChanged.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Decode a number"))
        self.group_label.setText(self.tr("Ta&ble:"))
        self.number_label.setText(self.tr("N&umber:"))
        self.group_combo.setAccessibleName(self.tr("Option table to decode"))
        self.number_edit.setAccessibleName(self.tr("Number to decode"))
        self.number_edit.setPlaceholderText(self.tr("Decimal, 0x… hex, or constant names"))
        self.number_edit.setToolTip(self.tr(
            "Type the number you found in a header or a report to see which options it holds."))
        self.results.setAccessibleName(self.tr("What the number means"))
        index = max(self.group_combo.currentIndex(), 0)
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in self._groups:
            if group.header:
                text = self.tr("{label} ({key}, {header})").format(
                    label=label_of(group), key=group.key, header=group.header)
            else:
                text = self.tr("{label} ({key})").format(label=label_of(group), key=group.key)
            self.group_combo.addItem(text)
            self.group_combo.setItemData(self.group_combo.count() - 1, help_of(group),
                                         Qt.ItemDataRole.ToolTipRole)
        self.group_combo.setCurrentIndex(index)
        self.group_combo.blockSignals(False)
        self.refresh()

    # -- public --------------------------------------------------------------------------------
    def set_input(self, group: str | Group, text: str) -> None:
        self.group_combo.setCurrentIndex(self._groups.index(find_group(group)))
        self.number_edit.setText(text)
        self.refresh()

    def lines(self) -> list[str]:
        return [self.results.item(i).text() for i in range(self.results.count())]

    def current_group(self) -> Group:
        return self._groups[max(self.group_combo.currentIndex(), 0)]

    # -- work ----------------------------------------------------------------------------------
    def _add(self, text: str, tooltip: str = "") -> None:
        item = QListWidgetItem(text)
        if tooltip:
            item.setToolTip(tooltip)
        self.results.addItem(item)

    def refresh(self, *_args: object) -> None:
        self.results.clear()
        self.summary.clear()
        group = self.current_group()
        text = self.number_edit.text().strip()
        if not text:
            self.error.show_message("")
            return
        try:
            value = parse_number_or_names(group, text)
            decoded = decode(group, value)
        except ValidationError as err:
            self.error.show_message(pick(err.text))
            return
        self.error.show_message("")
        self.summary.setText(f"{group.key} = {value} = 0x{value:X}")
        for const in decoded.consts:
            prefix = f"{const.within} → " if const.within else ""
            self._add(f"{prefix}{const.name} = {const.value} — {label_of(const)}",
                      const_tooltip(const))
        for mask, part in decoded.fields:
            self._add(self.tr("{mask} holds {number} (bits {bits})").format(
                mask=mask.name, number=part >> mask_shift(mask.value), bits=part),
                const_tooltip(mask))
        if decoded.unknown_value:
            self._add(self.tr("{0} is not a value the manual lists for this table").format(value))
        else:
            for mask, part in unmatched_choices(group, value):
                self._add(self.tr("{mask} holds {number}, which is not one of its choices").format(
                    mask=mask.name, number=part >> mask_shift(mask.value)), const_tooltip(mask))
            for bit in loose_unknown_bits(group, value):
                self._add(self.tr("Bit {0} (0x{1:X}): not named in the manual").format(bit, bit))
        if not self.results.count():
            self._add(self.tr("0: no option set"))
