"""A mailing's progress: a bar with the count ("37 / 120"), the rate per minute, the time left,
and the counts per state in words."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ...core.mailing import Progress
from .texts import counts_text


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setFormat("%v / %m")
        self.bar.setAccessibleName(self.tr("Mailing progress"))
        self.speed_label = QLabel(self)
        self.speed_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label = QLabel(self)
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.counts_label)
        layout.addSpacing(12)
        layout.addWidget(self.speed_label)
        self.reset()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The bar's own text is not found by the live switch (QA round 2, finding 23)."""
        if event.type() == QEvent.Type.LanguageChange and "%" not in self.bar.format():
            self.bar.setFormat(self.tr("Not started"))
        super().changeEvent(event)

    def reset(self) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("Not started"))
        self.speed_label.setText("")
        self.counts_label.setText("")

    def show_summary(self, summary: dict[str, int]) -> None:
        """The journal's counts (when nothing runs, or after a run)."""
        total = summary.get("total", 0)
        done = summary.get("sent", 0) + summary.get("failed", 0) + summary.get("unknown", 0)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat("%v / %m" if total else self.tr("Not started"))
        self.counts_label.setText(self.counts_text(summary))

    def show_progress(self, progress: Progress) -> None:
        self.show_summary(progress.summary)
        self.bar.setValue(progress.done)
        self.speed_label.setText(self.speed_text(progress.rate_per_minute,
                                                 progress.seconds_left))

    def clear_speed(self) -> None:
        self.speed_label.setText("")

    def speed_text(self, rate: float, seconds_left: float | None) -> str:
        rate_text = self.tr("{rate} per minute").format(rate=f"{rate:.0f}" if rate >= 10
                                                        else f"{rate:.1f}")
        if seconds_left is None:
            return rate_text
        return self.tr("{rate}, about {left} left").format(rate=rate_text,
                                                           left=self.duration(seconds_left))

    def duration(self, seconds: float) -> str:
        seconds = max(int(round(seconds)), 0)
        if seconds < 60:
            return self.tr("{s} s").format(s=seconds)
        minutes, seconds = divmod(seconds, 60)
        if minutes < 60:
            return self.tr("{m} min {s} s").format(m=minutes, s=seconds)
        hours, minutes = divmod(minutes, 60)
        return self.tr("{h} h {m} min").format(h=hours, m=minutes)

    def counts_text(self, summary: dict[str, int]) -> str:
        return counts_text(summary)
