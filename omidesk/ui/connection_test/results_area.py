"""The Connection test's results: the table of attempts above, the diagnosis and the live
transcript side by side below. The table gets the height of the rows the coming test will have
(before it starts: nothing jumps then) until the user moves the splitter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ...core.smtp.config import ServerConfig, combo_label
from ...core.smtp.probe import MatrixResult, ProbeResult
from ...core.smtp.send import SendResult
from ..i18n import current_lang
from ..widgets.results_table import ResultsTable
from ..widgets.transcript_panel import TranscriptPanel
from .diagnosis import DiagnosisPanel
from .prefixes import attempt_prefixes, pad
from .run import SEND_ATTEMPT


class ResultsArea(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.table = ResultsTable(self)
        self.diagnosis = DiagnosisPanel(self)
        self.transcript_title = QLabel(self)
        self.transcript_title.setTextFormat(Qt.TextFormat.PlainText)
        self.transcript = TranscriptPanel(self)
        self.transcript_title.setBuddy(self.transcript.view)
        transcript_box = QWidget(self)
        transcript_layout = QVBoxLayout(transcript_box)
        transcript_layout.setContentsMargins(0, 0, 0, 0)
        transcript_layout.addWidget(self.transcript_title)
        transcript_layout.addWidget(self.transcript, 1)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.diagnosis)
        lower.addWidget(transcript_box)
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 3)
        lower.setChildrenCollapsible(False)
        self.addWidget(self.table)
        self.addWidget(lower)
        # The table keeps the height _fit_table gave its rows; what the tab gains or loses (the
        # domain strip appearing at the end of a test) is the diagnosis and transcript's, so
        # no row scrolls away (QA round 2, finding 26).
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self._moved = False
        self.splitterMoved.connect(self._was_moved)
        self._prefix_width = 0  # of the transcript prefixes of the last test
        self._lineup: list[tuple[int, str, str, ServerConfig]] = []  # the last test's attempts
        self._message_to: str | None = None  # where the last test message went
        self._expected = 8  # rows of the coming test (expect())
        self._shown_once = False
        self.retranslate()

    def retranslate(self) -> None:
        self.transcript_title.setText(self.tr("Tr&anscript (<< server, >> OMIDesk, ** notes)"))
        self._label_attempts()  # their combinations' names are words too (SSL 加密 (465))
        self._label_message()

    def _label_attempts(self) -> None:
        lang = current_lang()
        for index, prefix, host, cfg in self._lineup:
            label = combo_label(cfg.port, cfg.security, lang)
            self.transcript.add_attempt(index, prefix, f"#{index + 1} {label} — {host}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _was_moved(self, _pos: int, _index: int) -> None:
        self._moved = True

    def begin(self, attempts: Sequence[tuple[str, ServerConfig]]) -> None:
        """A new test: no rows, and a transcript line-up for each attempt."""
        self.table.clear_attempts()
        self.transcript.clear()
        prefixes, self._prefix_width = attempt_prefixes(attempts)
        self._lineup = [(index, prefixes[index], host, cfg)
                        for index, (host, cfg) in enumerate(attempts)]
        self._message_to = None
        self._label_attempts()

    def expect(self, rows: int) -> None:
        """The rows a test of the current target will have: the table gets their height now,
        before any test, so the splitter does not jump when one starts."""
        self._expected = rows
        self._fit_table(rows)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._shown_once:  # sizes exist from the first show
            self._shown_once = True
            self._fit_table(self._expected)

    def add_message(self, address: str) -> None:
        """The test message's lines in the transcript, after the test's."""
        self._message_to = address
        self._label_message()

    def _label_message(self) -> None:
        if self._message_to is not None:
            self.transcript.add_attempt(
                SEND_ATTEMPT, pad(self.tr("mail"), self._prefix_width),
                self.tr("Test message to {address}").format(address=self._message_to))

    def show_diagnosis(self, results: Mapping[int, ProbeResult], matrix: MatrixResult | None,
                       sent: SendResult | None, *, busy: bool, unavailable: str,
                       early: ProbeResult | None = None,
                       failed: ProbeResult | None = None) -> None:
        """The selected attempt's; else the test message's; else the one core puts forward
        (MatrixResult.pattern: what the rows say together when nothing worked; else
        MatrixResult.focus, or `early`: the recommendation while slower attempts run); else
        why there is none yet."""
        panel = self.diagnosis
        selected = self.table.selected_attempt()
        if selected is not None:
            result = results.get(selected)
            if result is not None:
                panel.show_probe(result, recommended=result is (
                    matrix.recommended if matrix else early))
            else:
                panel.show_unfinished(cancelled=self.table.attempt_state(selected) == "cancelled")
            return
        if sent is not None:
            panel.show_send(sent)
            return
        if matrix is not None and matrix.recommended is None and matrix.pattern is not None:
            panel.show_verdict(matrix.pattern, attempts=len(matrix.results))
            return
        focus = matrix.focus if matrix is not None else early or failed  # failed: the login
        if focus is not None:
            panel.show_probe(focus, recommended=focus is (matrix.recommended if matrix
                                                          else early))
        elif matrix is not None and unavailable:
            panel.show_text(unavailable)
        else:
            panel.show_waiting(busy=busy)

    def chosen(self, results: Mapping[int, ProbeResult],
               matrix: MatrixResult | None,
               early: ProbeResult | None = None) -> ProbeResult | None:
        """The selected row if it worked, otherwise the recommended one (only when nothing
        else is selected; `early`: the recommendation while slower attempts still run)."""
        selected = self.table.selected_attempt()
        if selected is not None:
            result = results.get(selected)
            return result if result is not None and result.ok else None
        return matrix.recommended if matrix else early

    def _fit_table(self, rows: int) -> None:
        """Give the table the height of its rows (3 to 10), the rest to diagnosis and transcript,
        unless the user has placed the splitter themself."""
        if self._moved:
            return
        sizes = self.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        table = self.table
        height = (table.horizontalHeader().sizeHint().height()
                  + max(3, min(rows, 10)) * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + 2)
        height = min(height, total // 2)
        self.setSizes([height, total - height])
