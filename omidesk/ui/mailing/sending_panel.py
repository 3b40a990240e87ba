"""The Mailing tab's sending controls: individually or as one launch (with what each means),
the rate, Start / Pause / Cancel, the progress and what happened last."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...core.mailing import Progress, SendMode
from ..i18n import with_colon
from .message_panel import bold
from .progress import ProgressPanel
from .state import MailingState, MessageState


class SendingPanel(QWidget):
    """Two rows and what they mean: the mode, the rate and the buttons in one row, what the
    chosen mode does below it (the other mode's meaning in its tooltip), then the progress and
    what happened last. Compact, so the status table keeps its room (QA 11)."""

    mode_chosen = Signal(object)  # SendMode
    start_requested = Signal()
    pause_requested = Signal()  # pause, or resume when paused
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields: tuple[str, ...] = ()
        self._running = False
        self._message_problem = False
        self._height = -1  # its height for its width, as the box around last learnt it
        row = self._build_modes()
        self._build_controls(row)
        self.mode_help = QLabel(self)
        self.mode_help.setTextFormat(Qt.TextFormat.PlainText)
        self.mode_help.setWordWrap(True)
        self.mode_help.setIndent(24)
        self.notice_label = bold(QLabel(self))
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setAccessibleName(self.tr("Mailing status"))
        self.notice_label.hide()
        self.progress = ProgressPanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.mode_help)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice_label)
        self._show_modes()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self._show_modes()  # built from two messages: worded again
            self._word_rate()
        super().changeEvent(event)

    def _build_modes(self) -> QHBoxLayout:
        """Individually or as one launch."""
        self.individual_radio = QRadioButton(self.tr("Indi&vidually"), self)
        self.launch_radio = QRadioButton(self.tr("As a sin&gle launch"), self)
        self.individual_radio.setChecked(True)
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self.individual_radio)
        self._mode_group.addButton(self.launch_radio)
        self.individual_radio.toggled.connect(self._mode_toggled)
        row = QHBoxLayout()
        row.addWidget(self.individual_radio)
        row.addWidget(self.launch_radio)
        row.addSpacing(24)
        return row

    def _build_controls(self, row: QHBoxLayout) -> None:
        """The rate, Start, Pause, Cancel (in the modes' row)."""
        self.rate_spin = QSpinBox(self)
        self.rate_spin.setRange(0, 100000)
        self.rate_spin.setSingleStep(10)
        self._word_rate()
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
        row.addWidget(rate_label)
        row.addWidget(self.rate_spin)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.pause_button)
        row.addWidget(self.cancel_button)

    def _word_rate(self) -> None:
        """A spin box's words (special value, suffix) are not found by the live switch."""
        self.rate_spin.setSpecialValueText(self.tr("No limit"))
        self.rate_spin.setSuffix(self.tr(" per minute"))
        self.rate_spin.setAccessibleName(self.tr("Messages per minute"))
        self.rate_spin.setToolTip(self.tr("messages per minute (0 = no limit)"))

    def _mode_toggled(self, _on: bool) -> None:
        self._show_modes()
        self.mode_chosen.emit(self.mode())

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
        self._message_problem = state.message_problem
        self.start_button.setEnabled(not state.running and state.sendable
                                     and not state.message_problem)
        # why Start cannot be pressed: the problem is said once, under Message (QA 14)
        self.start_button.setToolTip(self.tr("First fix the problem shown under Message.")
                                     if state.message_problem else "")
        self.pause_button.setEnabled(state.sending)
        self.pause_button.setText(self.tr("&Resume") if state.paused else self.tr("&Pause"))
        self.cancel_button.setEnabled(state.running)
        self.rate_spin.setEnabled(not state.running)
        if not state.sending:
            self.progress.clear_speed()
        self._show_modes()

    def individual_text(self) -> str:
        return self.tr("One personalised message to each recipient: merge fields are filled "
                       "in for each row; one connection is reused for all the messages.")

    def launch_text(self) -> str:
        text = self.tr("One message, the relay sends it to everyone: one envelope with every "
                       "recipient; the relay delivers it to each. The To header says "
                       "“undisclosed-recipients”, so nobody sees the others' addresses, unless "
                       "ListOption keeps the To header (Options tab, manual §7.2).")
        if self._fields:
            text += " " + self.tr("Not available: the message uses merge fields.")
        return text

    def _show_modes(self) -> None:
        """The chosen mode's meaning below the row; each mode's in its tooltip."""
        individual, launch = self.individual_text(), self.launch_text()
        self.individual_radio.setToolTip(individual)
        self.launch_radio.setToolTip(launch)
        self.mode_help.setText(launch if self.launch_radio.isChecked() else individual)
        self.launch_radio.setEnabled(not self._fields and not self._running)
        self.individual_radio.setEnabled(not self._running)

    def event(self, event: QEvent) -> bool:
        """Its layout redone (a text set, also by the live language switch): when its height
        for its width changed, the box around is told — its layout keeps the old one
        otherwise, and the notice's second line was cut (QA round 3, 16)."""
        done = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            height = self.heightForWidth(self.width())
            if height != self._height:
                self._height = height
                self.updateGeometry()
        return done

    def show_notice(self, text: str, error: bool) -> None:
        self.notice_label.setText(text)
        self.notice_label.setStyleSheet("color: palette(link-visited);" if error else "")
        self.notice_label.setVisible(bool(text))

    def show_progress(self, progress: Progress) -> None:
        self.progress.show_progress(progress)

    def show_waiting(self, waiting: bool) -> None:
        """Waiting out a backoff: no rate, and no "about 0 s left" (the notice says until
        when); the next progress shows them again."""
        if waiting:
            self.progress.clear_speed()
