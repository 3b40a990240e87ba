"""The transcript with its tool row (show: every attempt or one, find, copy) and its find bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from .find_bar import FindBar
from .transcript_view import ALL, TranscriptView


class TranscriptPanel(QWidget):
    """The view with its tool row (show: all attempts / one, find, copy) and find bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = TranscriptView(self)
        self.find_bar = FindBar(self.view, self)
        self.find_bar.hide()
        self.show_label = QLabel(self)
        self.filter_box = QComboBox(self)
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_label.setBuddy(self.filter_box)
        self.paused_label = QLabel(self)
        self.paused_label.hide()
        self.find_button = QToolButton(self)
        self.copy_button = QToolButton(self)
        for button in (self.find_button, self.copy_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.show_label)
        top.addWidget(self.filter_box)
        top.addStretch(1)
        top.addWidget(self.paused_label)
        top.addWidget(self.find_button)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        self._labels: dict[int, str] = {}
        self.filter_box.currentIndexChanged.connect(self._filter_chosen)
        self.find_button.clicked.connect(self.find_bar.open_bar)
        self.copy_button.clicked.connect(self.view.copy_to_clipboard)
        self.view.find_requested.connect(self.find_bar.open_bar)
        self.view.following_changed.connect(self._following_changed)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.find_bar.open_bar)
        QWidget.setTabOrder(self.filter_box, self.find_button)
        QWidget.setTabOrder(self.find_button, self.copy_button)
        QWidget.setTabOrder(self.copy_button, self.view)
        QWidget.setTabOrder(self.view, self.find_bar.edit)
        self.retranslate()

    # -- attempts and filter ---------------------------------------------------------------------
    def clear(self) -> None:
        self.view.clear_events()
        self._labels.clear()
        self._rebuild_filter(ALL)

    def add_attempt(self, attempt: int, prefix: str, label: str) -> None:
        """Name an attempt: `prefix` goes before its lines, `label` into the Show list."""
        self.view.set_prefix(attempt, prefix)
        self._labels[attempt] = label
        self._rebuild_filter(self.view.filter)

    def set_filter(self, attempt: int | None) -> None:
        index = 0 if attempt is ALL else self.filter_box.findData(attempt)
        self.filter_box.setCurrentIndex(max(index, 0))

    def _rebuild_filter(self, keep: int | None) -> None:
        box = self.filter_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All attempts"), None)
        for attempt, label in self._labels.items():
            box.addItem(label, attempt)
        index = 0 if keep is ALL else box.findData(keep)
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
        self.view.set_filter(box.currentData())

    def _filter_chosen(self, index: int) -> None:
        self.view.set_filter(self.filter_box.itemData(index))

    def _following_changed(self, following: bool) -> None:
        self.paused_label.setVisible(not following)

    # -- text ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.show_label.setText(self.tr("Sh&ow:"))
        self.filter_box.setAccessibleName(self.tr("Show transcript of"))
        self.filter_box.setToolTip(self.tr("Show the lines of every attempt, or of one"))
        if self.filter_box.count():
            self.filter_box.setItemText(0, self.tr("All attempts"))
        self.paused_label.setText(self.tr("Auto-scroll paused"))
        self.paused_label.setToolTip(self.tr("Scroll to the end of the transcript to follow "
                                             "new lines again"))
        self.find_button.setText(self.tr("Find…"))
        self.find_button.setToolTip(self.tr("Find in the transcript (Ctrl+F)"))
        self.find_button.setAccessibleName(self.tr("Find in transcript"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the selected lines, or the whole transcript "
                                            "when nothing is selected"))
        self.copy_button.setAccessibleName(self.tr("Copy transcript"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
