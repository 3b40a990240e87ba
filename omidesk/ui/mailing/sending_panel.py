"""The Mailing tab's sending controls: individually or as one launch (with what each means),
the rate, Start / Pause / Cancel, the progress and what happened last."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from ...core.mailing import Progress, SendMode
from ..i18n import with_colon
from .message_panel import bold
from .progress import ProgressPanel
from .state import MailingState, MessageState


class SendingPanel(QWidget):
    mode_chosen = Signal(object)  # SendMode
    start_requested = Signal()
    pause_requested = Signal()  # pause, or resume when paused
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields: tuple[str, ...] = ()
        self._running = False
        modes = self._build_modes()
        controls = self._build_controls()
        self.notice_label = bold(QLabel(self))
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setAccessibleName(self.tr("Mailing status"))
        self.notice_label.hide()
        self.progress = ProgressPanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(modes)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice_label)

    def _build_modes(self) -> QGridLayout:
        """Individually or as one launch, each with what it means."""
        self.individual_radio = QRadioButton(self.tr("Indi&vidually: one personalised "
                                                     "message to each recipient"), self)
        self.launch_radio = QRadioButton(self.tr("As one launch: one messa&ge, the relay "
                                                 "sends it to everyone"), self)
        self.individual_radio.setChecked(True)
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self.individual_radio)
        self._mode_group.addButton(self.launch_radio)
        self.individual_radio.toggled.connect(lambda _on: self.mode_chosen.emit(self.mode()))
        self.individual_help = QLabel(self.tr(
            "Merge fields are filled in for each row; one connection is reused for all the "
            "messages."), self)
        self.launch_help = QLabel(self)
        for label in (self.individual_help, self.launch_help):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setIndent(24)
            label.setForegroundRole(label.foregroundRole())
        modes = QGridLayout()
        modes.addWidget(self.individual_radio, 0, 0)
        modes.addWidget(self.launch_radio, 0, 1)
        modes.addWidget(self.individual_help, 1, 0, Qt.AlignmentFlag.AlignTop)
        modes.addWidget(self.launch_help, 1, 1, Qt.AlignmentFlag.AlignTop)
        modes.setColumnStretch(0, 1)
        modes.setColumnStretch(1, 1)
        return modes

    def _build_controls(self) -> QHBoxLayout:
        """The rate, Start, Pause, Cancel."""
        self.rate_spin = QSpinBox(self)
        self.rate_spin.setRange(0, 100000)
        self.rate_spin.setSingleStep(10)
        self.rate_spin.setSpecialValueText(self.tr("No limit"))
        self.rate_spin.setAccessibleName(self.tr("Messages per minute"))
        rate_label = QLabel(with_colon(self.tr("R&ate")), self)
        rate_label.setBuddy(self.rate_spin)
        self.start_button = QPushButton(self.tr("&Start"), self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.pause_button.clicked.connect(self.pause_requested)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the mailing"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        controls = QHBoxLayout()
        controls.addWidget(rate_label)
        controls.addWidget(self.rate_spin)
        controls.addWidget(QLabel(self.tr("messages per minute (0 = no limit)"), self))
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.cancel_button)
        return controls

    def mode(self) -> SendMode:
        return SendMode.ONE_LAUNCH if self.launch_radio.isChecked() else SendMode.INDIVIDUAL

    def rate(self) -> int:
        """Messages per minute; 0: no limit."""
        return self.rate_spin.value()

    # -- what it shows -------------------------------------------------------------------------
    def show_message(self, message: MessageState) -> None:
        self._fields = message.fields
        self._show_modes()

    def show_state(self, state: MailingState) -> None:
        self._running = state.running
        self.start_button.setEnabled(not state.running and state.sendable)
        self.pause_button.setEnabled(state.sending)
        self.pause_button.setText(self.tr("&Resume") if state.paused else self.tr("&Pause"))
        self.cancel_button.setEnabled(state.running)
        self.rate_spin.setEnabled(not state.running)
        if not state.sending:
            self.progress.clear_speed()
        self._show_modes()

    def _show_modes(self) -> None:
        explain = self.tr("One envelope with every recipient; the relay delivers it to each. "
                          "The To header says “undisclosed-recipients”, so nobody sees the "
                          "others' addresses, unless ListOption keeps the To header (Options "
                          "tab, manual §7.2).")
        if self._fields:
            explain += " " + self.tr("Not available: the message uses merge fields.")
        self.launch_help.setText(explain)
        self.launch_radio.setEnabled(not self._fields and not self._running)
        self.individual_radio.setEnabled(not self._running)

    def show_notice(self, text: str, error: bool) -> None:
        self.notice_label.setText(text)
        self.notice_label.setStyleSheet("color: palette(link-visited);" if error else "")
        self.notice_label.setVisible(bool(text))

    def show_progress(self, progress: Progress) -> None:
        self.progress.show_progress(progress)
