"""The sender-domain check as people see it. DomainPanel (Account tab): the verdict, a row per
record read (found / missing / does not cover the relay, with a status icon), what to do with
example records, and the approximation note. (The one-line status near "send a test to
myself" is domain_strip.py; what both share, domain_frame.py.)

The check itself (core.domain, asyncio, dnspython) is imported on the first check: the Account
tab is the first one painted, and its paint does not wait for what a click needs."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
    QWidget,
)

from ..i18n import current_lang, pick
from .domain_frame import CheckFrame, status_icon, text_label

if TYPE_CHECKING:
    import asyncio

    from ...core.errors import ValidationError

    from ...core.domain.check import DomainReport
    from ...core.domain.names import Target

MAX_VALUE = 110  # characters of a record shown in its row (all of it in the tooltip)


def _short(value: str) -> str:
    if len(value) <= MAX_VALUE:
        return value
    keep = MAX_VALUE // 2 - 1
    return f"{value[:keep]}…{value[-keep:]}"


class DomainPanel(CheckFrame):
    """check(sender, hosts=…, selectors=…) looks the domain up and shows what it found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("domain_panel")
        self.report: DomainReport | None = None
        self._error = ""
        self._build()
        self.hide()

    def _build(self) -> None:
        self.icon = QLabel(self)
        self.icon.setFixedSize(32, 32)
        self.title = text_label(self, selectable=True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.summary = text_label(self, selectable=True)
        self.checked = text_label(self)
        self.checked.setStyleSheet("color: palette(placeholder-text);")
        self.again_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.again_button.clicked.connect(self.check_again)
        self.copy_button.clicked.connect(self.copy_report)
        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        for widget in (self.title, self.summary, self.checked):
            head_text.addWidget(widget)
        head = QHBoxLayout()
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)
        head.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)

        self.rows = QWidget(self)
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(40, 4, 0, 4)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(3, 1)
        self.row_widgets: list[tuple[QLabel, QLabel, QLabel, QLabel]] = []

        self.advice = text_label(self, selectable=True, rich=True)
        self.advice.setContentsMargins(40, 0, 0, 0)
        self.note = text_label(self)
        self.note.setContentsMargins(40, 0, 0, 0)
        self.note.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.rows)
        layout.addWidget(self.advice)
        layout.addWidget(self.note)
        self._target: Target | None = None
        self._hosts: tuple[str, ...] = ()
        self._selectors: tuple[str, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.again_button.setText(self.tr("&Check again"))
        self.again_button.setToolTip(self.tr("Look the records up again, now"))
        self.copy_button.setText(self.tr("Copy"))  # no key left on the Account tab
        self.copy_button.setToolTip(self.tr("Copy every record read and the advice, for IT "
                                            "or 沛盛資訊"))
        self._render()

    # -- public ------------------------------------------------------------------------------
    def check(self, sender: str, *, hosts: Sequence[str], selectors: Sequence[str] = (),
              selector_error: ValidationError | None = None,
              fresh: bool = True) -> asyncio.Task[DomainReport] | None:
        """Check the domain of `sender` (an address, 'Name <address>' or a domain) for mail
        from `hosts`. None when the text is no address, or `selector_error` says the typed
        DKIM selectors are not selectors (a verdict without them would pass for "DKIM not
        asked"): the panel says why."""
        from ...core.domain.names import parse_target
        from ...core.errors import ValidationError

        self.show()
        self.bring_into_view()  # "Checking …" (or why not) where the user looks, at once
        try:
            target = parse_target(sender) if sender.strip() else None
        except ValidationError as exc:
            target, self._error = None, pick(exc.text)
        else:
            self._error = "" if target else self.tr(
                "Enter the sender address first: its domain is what is checked.")
        if target is not None and selector_error is not None:
            target, self._error = None, self.tr(
                "Fix the DKIM selectors first: {error}").format(error=pick(selector_error.text))
        if target is None:
            self.checker.cancel()
            self.report, self._target = None, None
            self._render()
            return None
        self._target, self._hosts, self._selectors = target, tuple(hosts), tuple(selectors)
        return self.checker.check(target, hosts, selectors, fresh=fresh)

    def keep_if_current(self, sender: str, *, hosts: Sequence[str],
                        selectors: Sequence[str]) -> None:
        """Put away a result that no longer matches the form (another sender, server or
        selector, another profile): a stale verdict is worse than none."""
        from ...core.domain.names import parse_target
        from ...core.errors import ValidationError

        if self.isHidden():
            return
        try:
            target = parse_target(sender) if sender.strip() else None
        except ValidationError:
            target = None
        if self._error and target is None:
            return  # still the same bad input
        if (target, tuple(hosts), tuple(selectors)) != (self._target, self._hosts,
                                                         self._selectors):
            self.cancel()
            self.report, self._target, self._error = None, None, ""
            self.hide()

    def check_again(self) -> asyncio.Task[DomainReport] | None:
        if self._target is None:
            return None
        return self.checker.check(self._target, self._hosts, self._selectors, fresh=True)

    def copy_report(self) -> str:
        from ...core.domain.report import render_text

        text = render_text(self.report, current_lang()) if self.report else ""
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    # -- display -----------------------------------------------------------------------------
    def _started(self, _domain: str) -> None:
        self.report = None
        self._error = ""
        self._render()

    def _finished(self, result: object) -> None:
        from ...core.domain.check import DomainReport

        if isinstance(result, BaseException):
            self.report = None
            self._error = self.tr("The check stopped on an unexpected error: {error}").format(
                error=f"{type(result).__name__}: {result}")
        else:
            assert isinstance(result, DomainReport)
            self.report = result
        self._render()
        self.bring_into_view()

    def bring_into_view(self) -> None:
        """In a small window the panel opens below the fold (QA3 #20): scroll the form that
        holds it just enough to show it, its top first (once the layout has placed it)."""
        QTimer.singleShot(0, self, self._scroll_to)

    def _scroll_to(self) -> None:
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        content = area.widget() if area is not None else None
        if area is None or content is None or self.isHidden():
            return
        if (layout := content.layout()) is not None:
            layout.activate()  # the panel's new size placed before it is measured
        bar, margin = area.verticalScrollBar(), 8
        top = self.mapTo(content, QPoint(0, 0)).y()
        view = area.viewport().height()
        value = bar.value()
        if top + self.height() + margin > value + view:
            value = top + self.height() + margin - view
        bar.setValue(max(0, min(value, top - margin)))

    def _set_icon(self, level: str) -> None:
        self.icon.setPixmap(status_icon(self, level).pixmap(32, 32))

    def _render(self) -> None:
        report, busy = self.report, self.busy
        self.again_button.setEnabled(self._target is not None and not busy)
        self.copy_button.setEnabled(report is not None and not busy)
        if self._error or (report is None and not busy):
            self._set_icon("error" if self._error else "info")
            self.title.setText(self._error or self.tr("Not checked yet"))
            for widget in (self.summary, self.checked, self.rows, self.advice, self.note):
                widget.hide()
            return
        if report is None:
            self._set_icon("busy")
            domain = self._target.shown if self._target else ""
            self.title.setText(self.tr("Checking {domain}…").format(domain=domain))
            self.summary.setText(self.tr("Reading its SPF, DMARC and DKIM records from DNS."))
            self.summary.show()
            for widget in (self.checked, self.rows, self.advice, self.note):
                widget.hide()
            return
        from ...core.domain.texts import approximation, verdict_texts
        from .domain_check import verdict_level

        lang = current_lang()
        title, explain, step, _status = verdict_texts(report)
        self._set_icon(verdict_level(report))
        self.title.setText(title.get(lang))
        self.summary.setText(explain.get(lang))
        self.checked.setText(self.tr("Checked {time} · DNS server {server} · {ms} ms").format(
            time=datetime.now().strftime("%H:%M:%S"), server=report.nameserver,
            ms=f"{report.elapsed_ms:,.0f}"))
        self._fill_rows(report, lang)
        self.advice.setText(self._advice_html(report, lang, step.get(lang)))
        self.note.setText(approximation(report).get(lang))
        for widget in (self.summary, self.checked, self.rows, self.note):
            widget.show()
        self.advice.setVisible(bool(self.advice.text()))

    def _fill_rows(self, report: DomainReport, lang: str) -> None:
        from ...core.domain.names import shown_name
        from ...core.domain.report import row_label
        from ...core.domain.texts import finding_texts

        while self.row_widgets:
            for widget in self.row_widgets.pop():
                self.grid.removeWidget(widget)
                widget.deleteLater()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for index, finding in enumerate(report.findings):
            _title, _explain, _step, status = finding_texts(finding, report)
            icon = QLabel(self.rows)
            icon.setPixmap(status_icon(self, finding.level).pixmap(16, 16))
            name = QLabel(row_label(report, finding.row, finding.facts.get("selector", ""),
                                    lang), self.rows)
            bold = name.font()
            bold.setBold(True)
            name.setFont(bold)
            state = QLabel(status.get(lang), self.rows)
            value = QLabel(self.rows)
            value.setFont(mono)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            record = shown_name(finding.name)
            shown = f"{record}  {report.shown_value(finding)}" if finding.value else record
            value.setText(_short(shown))
            value.setToolTip(shown)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            for column, widget in enumerate((icon, name, state, value)):
                self.grid.addWidget(widget, index, column)
            icon.setAccessibleName(f"{name.text()}: {state.text()}")
            self.row_widgets.append((icon, name, state, value))

    def _advice_html(self, report: DomainReport, lang: str, verdict_step: str) -> str:
        from ...core.domain.texts import finding_texts
        from .domain_check import text_html

        parts = []
        next_step = html.escape(self.tr("Next step:"))
        gap = "" if next_step.endswith("：") else " "
        for finding in report.findings:
            if finding.level == "ok":
                continue
            title, explain, step, _status = finding_texts(finding, report)
            parts.append(f"<p style='margin:6px 0 2px 0'><b>{html.escape(title.get(lang))}</b>"
                         f"<br>{text_html(explain.get(lang))}<br>"
                         f"<b>{next_step}</b>{gap}{text_html(step.get(lang))}</p>")
        if not report.ready:
            parts.append(f"<p style='margin-top:8px'><b>{html.escape(verdict_step)}</b></p>")
        return "".join(parts)
