"""The Options tab's reading aids: a collapsible section, the tables of Appendix A that do not
travel as headers, and a decoder that names the bits of any number of any table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...core.errors import OptionError, ValidationError
from ...core.options import (
    Group, decode, find_group, groups, parse_number_or_names, readings, zero_rule,
)
from ..i18n import current_lang, pick
from .option_widgets import (
    InlineMessage, Retranslating, const_tooltip, fixed_font, help_of, label_of, reading_line,
)


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


class ReferenceTree(Retranslating, QTreeWidget):
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
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                for column in range(3):
                    item.setToolTip(column, const_tooltip(const))
                top.addChild(item)
            self.addTopLevelItem(top)
        self._fit_columns()

    def _fit_columns(self, *_args: object) -> None:
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)


# ------------------------------------------------------------------------------------------------


class OptionDecoder(Retranslating, QGroupBox):
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
        # As wide as the column gives, never wider (a long English label would push the
        # decoder past the window at 1100 px); the list that opens shows every name whole.
        self.group_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.setMinimumContentsLength(16)
        self.group_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
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
        layout.addWidget(self.group_label, 0, 0, 1, 2)  # the chooser has the whole width
        layout.addWidget(self.group_combo, 1, 0, 1, 2)
        layout.addWidget(self.number_label, 2, 0)
        layout.addWidget(self.number_edit, 2, 1)
        layout.addWidget(self.error, 3, 0, 1, 2)
        layout.addWidget(self.summary, 4, 0, 1, 2)
        layout.addWidget(self.results, 5, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(5, 1)
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
        for group in self._groups:  # the header name, for the five that have one: shorter
            text = self.tr("{label} ({key})").format(label=label_of(group),
                                                     key=group.header or group.key)
            self.group_combo.addItem(text)
            self.group_combo.setItemData(self.group_combo.count() - 1, help_of(group),
                                         Qt.ItemDataRole.ToolTipRole)
        self.group_combo.setCurrentIndex(index)
        self.group_combo.blockSignals(False)
        view = self.group_combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)
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

    def _error_text(self, err: ValidationError) -> str:
        """The core's error with where in this tab the table's options are (the CLI names
        its `options list` command instead; QA3 #10)."""
        text = pick(err.text)
        if not isinstance(err, OptionError) or not err.group:
            return text
        group = find_group(err.group)
        if group.header is not None:
            where = self.tr("Its options are the boxes and choices of “{0}” on the left; "
                            "hover one to see its constant name.").format(label_of(group))
        else:
            where = self.tr("Its constants are listed on the left, at the bottom, under "
                            "“{0}”.").format(QCoreApplication.translate(
                                "OptionsTab", "Reference: other tables of Appendix A"))
        return f"{text} {where}" if current_lang() != "zh_TW" else text + where

    def refresh(self, *_args: object) -> None:
        self.results.clear()
        self.summary.clear()
        group = self.current_group()
        text = self.number_edit.text().strip()
        self.results.hide()  # no empty box before there is a number to decode
        if not text:
            self.error.show_message("")
            return
        try:
            value = parse_number_or_names(group, text)
            decoded = decode(group, value)
        except ValidationError as err:
            self.error.show_message(self._error_text(err))
            return
        self.error.show_message("")
        self.summary.setText(f"{group.header or group.key}: {value} = 0x{value:X}")
        for reading in readings(decoded):
            self._add(reading_line(reading),
                      const_tooltip(reading.const) if reading.const is not None else "")
        if not self.results.count():
            self._add(self.tr("0: no option set"))
        if value == 0 and group.header:  # no header, or sent only when chosen (QA3 #10)
            self._add(pick(zero_rule(group)))
        self.results.show()
