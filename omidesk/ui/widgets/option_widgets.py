"""Widgets for the EmailOptions (manual §7, Appendix A), generated from the catalog: the
helpers they share, the status marker and inline message, and a header group's editor (its
flags as checkboxes, its masked values as choices). The value fields are in option_fields.py,
the reference tables and the decoder in option_reference.py.

Each widget is a view: it displays a value it is given and reports what the user asked for
through a signal. The Options tab (ui/tabs/options_tab.py) owns the OptionSet state. Nothing
here restates a constant name, value or header: every one comes from omidesk.core.options.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.options import (
    Const,
    Reading,
    Group,
    Kind,
    Preset,
    Style,
    ValueField,
    decode,
    readings,
    zero_line,
    zero_rule,
)
from ...core.text import Text
from ..i18n import pick, with_colon

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


def reading_line(reading: Reading) -> str:
    """One line of core's readings (the CLI's `options decode` prints the same words)."""
    text = pick(reading.text)
    if not reading.known:
        return text if reading.name == "?" else pick(Text(f"{reading.name}: {text}",
                                                          f"{reading.name}：{text}"))
    const = reading.const
    if const is not None and const.kind is Kind.MASK:  # a masked number: "cLinkMask = 37"
        return f"{reading.name} — {text}"
    prefix = f"{const.within} → " if const is not None and const.within else ""
    return f"{prefix}{reading.name} = {reading.number} — {text}"


def keep_room(widget: QWidget) -> None:
    """Hidden, the widget keeps its room: showing it (a "changed" marker, a "Use default"
    button) must not shrink the fields beside it or move what is below (QA3 #10)."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class Retranslating:
    """Mixin: rebuild texts on a LanguageChange event (a new QTranslator or UI language)."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class ChoiceCombo(QComboBox):
    """A group's choice. With none chosen its placeholder says what applies (the account's
    own setting, or a number the manual does not define): drawn in the text's colour while
    the box can be changed, not in the grey of a hint, which made it look disabled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._match_placeholder()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a new theme: its text colour
            self._match_placeholder()

    def _match_placeholder(self) -> None:
        palette = self.palette()
        changed = False
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            text = palette.color(group, QPalette.ColorRole.ButtonText)
            if palette.color(group, QPalette.ColorRole.PlaceholderText) != text:
                palette.setColor(group, QPalette.ColorRole.PlaceholderText, text)
                changed = True
        if changed:  # the disabled box keeps its grey
            self.setPalette(palette)


class StatusMarker(QLabel):
    """A small bold label in the palette's accent (Link) colour: "changed"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.Link)
        keep_room(self)
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
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size,
                                                                                         size))
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
        parent = self.parentWidget()
        shown = self.isVisibleTo(parent) if parent is not None else not self.isHidden()
        return self.text.text() if shown else ""


# ------------------------------------------------------------------------------------------------
class GroupEditor(Retranslating, QGroupBox):
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
        self._sent = False
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
        keep_room(self.reset_button)
        top.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)

        self.header_line = QLabel()
        self.header_line.setObjectName(f"header_{group.key}")
        self.header_line.setFont(fixed_font())
        self.header_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header_line.setWordWrap(True)  # "…: 0 — no header: the relay applies …"
        outer.addWidget(self.header_line)
        self.extra = InlineMessage()  # what the manual does not define, flags that conflict
        self.extra.setObjectName(f"problem_{group.key}")
        outer.addWidget(self.extra)
        self._problem = ""

        if group.style is Style.ENUM:
            self._add_choice_row(outer, None, [c for c in group.consts if c.kind is Kind.VALUE])
        else:
            for mask in (c for c in group.consts if c.kind is Kind.MASK):
                within = [c for c in group.consts
                          if c.kind is Kind.VALUE and c.within == mask.name]
                if within:
                    self._add_choice_row(outer, mask, within)
            flags = [c for c in group.consts if c.kind is Kind.FLAG]
            if flags:
                outer.addLayout(self._flag_grid(flags))
        self.retranslate()

    def _flag_grid(self, flags: list[Const]) -> QGridLayout:
        """A checkbox per flag, down the first column, then the second."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        rows = (len(flags) + 1) // 2
        for index, const in enumerate(flags):
            box = QCheckBox()
            box.setObjectName(const.name)
            box.toggled.connect(lambda on, c=const: self._flag_toggled(c, on))
            self.checkboxes[const.name] = box
            grid.addWidget(box, index % rows, index // rows)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _add_choice_row(self, outer: QVBoxLayout, mask: Const | None,
                        choices: list[Const]) -> None:
        row = QHBoxLayout()
        label = QLabel()
        combo = ChoiceCombo()
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
        self.display(self._value, default=self._default, overridden=self._overridden,
                     sent=self._sent)

    # -- display -------------------------------------------------------------------------------
    def display(self, value: int, *, default: int, overridden: bool,
                sent: bool | None = None) -> None:
        """Show the effective number; mark it when it differs from the account's default.
        `sent`: whether it goes out as a header (OptionSet.sends; default: when not 0). A 0
        that is not sent says that the relay applies the account's own setting, and a choice
        whose 0 is a value of the manual ("e-mail only") shows none chosen (QA3 #10)."""
        sent = bool(value) if sent is None else sent
        self._value, self._default, self._overridden = value, default, overridden
        self._sent = sent
        for name, box in self.checkboxes.items():
            const = next(c for c in self.group.consts if c.name == name)
            box.blockSignals(True)
            box.setChecked(bool(const.value) and value & const.value == const.value)
            box.blockSignals(False)
        for mask, choices, combo, _label in self.choices:
            part = value & mask.value if mask is not None else value
            index = next((i for i, c in enumerate(choices) if c.value == part), -1)
            combo.blockSignals(True)
            if sent or index < 0:
                combo.setPlaceholderText(self.tr("Not in the manual: {0}").format(part))
            else:  # the account's own setting applies until a choice is made
                index = -1
                combo.setPlaceholderText(self.tr("Your account's setting (no header)"))
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        header = self.group.header
        if sent:
            self.header_line.setText(f"{header}: {value}")
            self.header_line.setToolTip("")
        else:
            self.header_line.setText(pick(zero_line(self.group)))
            self.header_line.setToolTip(pick(zero_rule(self.group)))
        extra = [reading_line(r) for r in readings(decode(self.group, value))
                 if not r.known or (r.const is not None and r.const.kind is Kind.MASK)]
        if self._problem and not extra:  # an undefined value's lines already say it
            extra.append(self._problem)
        self.extra.show_message("\n".join(extra))
        self.marker.setVisible(value != default)
        self.reset_button.setVisible(overridden)
        self.reset_button.setToolTip(
            self.tr("Back to the account's default: {0}").format(default))

    def show_problem(self, message: str) -> None:
        """What the core refuses in this group (core options checks), under its header line."""
        if message != self._problem:
            self._problem = message
            self.display(self._value, default=self._default, overridden=self._overridden,
                     sent=self._sent)

    def problem(self) -> str:
        return self.extra.message()

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
