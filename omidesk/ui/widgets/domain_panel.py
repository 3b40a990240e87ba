"""The sender-domain check as people see it. DomainPanel (Account tab): the verdict, a row per
record read (found / missing / does not cover the relay, with a status icon), what to do with
example records, and the approximation note. DomainStatusStrip (Connection test tab): the
verdict on one line, and when the domain is not ready, the manual's §2 advice with a field to
send the test to a Gmail address instead.

The check itself (core.domain, asyncio, dnspython) is imported on the first check: the Account
tab is the first one painted, and its paint does not wait for what a click needs."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QStyle,
    QVBoxLayout, QWidget,
)

from ..i18n import current_lang, pick

if TYPE_CHECKING:
    import asyncio

    from ...core.domain.check import DomainReport
    from ...core.domain.names import Target
    from .domain_check import DomainChecker

MAX_VALUE = 110  # characters of a record shown in its row (all of it in the tooltip)


def _short(value: str) -> str:
    if len(value) <= MAX_VALUE:
        return value
    keep = MAX_VALUE // 2 - 1
    return f"{value[:keep]}…{value[-keep:]}"


def _icon(widget: QWidget, level: str) -> QIcon:
    """The status picture of a level: ok, error, warning, info, busy."""
    pixmap = QStyle.StandardPixmap
    return widget.style().standardIcon({
        "ok": pixmap.SP_DialogApplyButton, "error": pixmap.SP_MessageBoxCritical,
        "warning": pixmap.SP_MessageBoxWarning, "info": pixmap.SP_MessageBoxInformation,
        "busy": pixmap.SP_BrowserReload}[level], None, widget)


def _label(parent: QWidget, *, selectable: bool = False, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _CheckFrame(QFrame):
    """What the panel and the strip share: a checker made on first use (its signals to
    _started / _finished), and texts redone when the language changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._checker: DomainChecker | None = None

    @property
    def checker(self) -> DomainChecker:
        if self._checker is None:
            from .domain_check import DomainChecker

            self._checker = DomainChecker(self)
            self._checker.started.connect(self._started)
            self._checker.finished.connect(self._finished)
        return self._checker

    def attach(self, checker: DomainChecker) -> None:
        """Show the checks of a checker owned elsewhere (the set-up assistant's controller)."""
        self._checker = checker
        checker.started.connect(self._started)
        checker.finished.connect(self._finished)

    @property
    def busy(self) -> bool:
        return self._checker is not None and self._checker.busy

    def cancel(self) -> None:
        if self._checker is not None:
            self._checker.cancel()

    def retranslate(self) -> None:
        raise NotImplementedError

    def _started(self, _domain: str) -> None:
        raise NotImplementedError

    def _finished(self, _result: object) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DomainPanel(_CheckFrame):
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
        self.title = _label(self, selectable=True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.summary = _label(self, selectable=True)
        self.checked = _label(self)
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

        self.advice = _label(self, selectable=True, rich=True)
        self.advice.setContentsMargins(40, 0, 0, 0)
        self.note = _label(self)
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
              fresh: bool = True) -> asyncio.Task[DomainReport] | None:
        """Check the domain of `sender` (an address, 'Name <address>' or a domain) for mail
        from `hosts`. None when the text is no address: the panel says why."""
        from ...core.domain.names import parse_target
        from ...core.errors import ValidationError

        self.show()
        try:
            target = parse_target(sender) if sender.strip() else None
        except ValidationError as exc:
            target, self._error = None, pick(exc.text)
        else:
            self._error = "" if target else self.tr(
                "Enter the sender address first: its domain is what is checked.")
        if target is None:
            self.checker.cancel()
            self.report = None
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

    def _set_icon(self, level: str) -> None:
        self.icon.setPixmap(_icon(self, level).pixmap(32, 32))

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
            domain = self._target.domain if self._target else ""
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
            icon.setPixmap(_icon(self, finding.level).pixmap(16, 16))
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
            shown = f'{finding.name}  "{finding.value}"' if finding.value else finding.name
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


class DomainStatusStrip(_CheckFrame):
    """The line about the sender's domain near a "send a test to myself" button (Connection
    test, Compose). Hidden for a domain that is not checked (none, or reserved for examples
    such as example.com). With `offer_send`, a domain not ready comes with a field to send
    the test to another address (send_to)."""

    send_to = Signal(str)  # send the test message to this address instead

    def __init__(self, parent: QWidget | None = None, *, offer_send: bool = True) -> None:
        super().__init__(parent)
        self._offer_send = offer_send
        self._target: Target | None = None
        self._shown_before: DomainReport | None = None  # a not-ready status the user saw
        self.icon = QLabel(self)
        self.icon.setFixedSize(16, 16)
        self.text = _label(self, selectable=True)
        self.advice = _label(self)
        font = self.advice.font()
        font.setBold(True)
        self.advice.setFont(font)
        self.recipient = QLineEdit(self)
        self.recipient.setPlaceholderText("name@gmail.com")
        self.recipient.setClearButtonEnabled(True)
        self.recipient_label = QLabel(self)
        self.recipient_label.setBuddy(self.recipient)
        self.send_button = QPushButton(self)
        self.send_button.clicked.connect(self._send_clicked)
        self.recipient.returnPressed.connect(self._send_clicked)
        self.recipient.textChanged.connect(lambda _text: self._update_send())
        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        self.send_row = QWidget(self)
        row = QHBoxLayout(self.send_row)
        row.setContentsMargins(22, 0, 0, 0)
        row.addWidget(self.recipient_label)
        row.addWidget(self.recipient, 1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        self.advice.setContentsMargins(22, 0, 0, 0)
        layout.addWidget(self.advice)
        layout.addWidget(self.send_row)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.recipient_label.setText(self.tr("Send the test to another address:"))
        self.send_button.setText(self.tr("Send test there"))
        self.send_button.setToolTip(self.tr("Send the test message to this address (a Gmail "
                                            "address, say) instead of the sender's own"))
        self._render()

    def _started(self, _domain: str) -> None:
        self._render()

    def _finished(self, _result: object) -> None:
        self._render()

    @staticmethod
    def checkable(sender: str) -> Target | None:
        """The sender's domain, when it is one to check (not empty, not an example domain)."""
        from ...core.domain.names import is_reserved, parse_target
        from ...core.errors import ValidationError

        try:
            target = parse_target(sender) if sender.strip() else None
        except ValidationError:
            return None
        return target if target is not None and not is_reserved(target.domain) else None

    def set_sender(self, sender: str) -> None:
        """A new sender: forget the old verdict (a report still fresh is reused)."""
        target = self.checkable(sender)
        if target != self._target:
            if self._checker is not None:
                self._checker.cancel()
                self._checker.report = None
            self._target = target
        self._render()

    def check(self, hosts: Sequence[str], selectors: Sequence[str] = ()
              ) -> asyncio.Task[DomainReport] | None:
        """Check the sender's domain for these relay hosts (a fresh report is reused)."""
        if self._target is None:
            self.hide()
            return None
        if self.busy:
            return None
        return self.checker.check(self._target, hosts, selectors)

    def decided(self) -> bool | None:
        """Whether a test to the sender's own company address may go now (manual §2): True
        (ready, nothing to check, a free-mail address, or this not-ready status was shown
        and the user asks again), False (not ready: the status is on show, the test waits
        for the user's choice), None (the domain must be checked first: clear_to_send)."""
        from ...core.domain.names import is_free_mail

        target, report = self._target, self.report
        if target is None or is_free_mail(target.domain):
            return True
        if report is None:
            return None
        if report.ready or report is self._shown_before:
            return True
        self._shown_before = report
        return False

    async def clear_to_send(self, hosts: Sequence[str], selectors: Sequence[str] = ()) -> bool:
        """decided(), the domain checked first when it must be (a check that fails with a
        bug stops no test: the strip says what happened)."""
        import asyncio

        decision = self.decided()
        if decision is not None:
            return decision
        running = self.checker.task or self.check(hosts, selectors)
        if running is not None:
            try:
                await asyncio.shield(running)
            except Exception:  # noqa: BLE001
                return True
        return self.decided() is not False

    @property
    def report(self) -> DomainReport | None:
        report = self._checker.report if self._checker is not None else None
        return report if report is not None and self._target is not None and \
            report.target == self._target else None

    def _send_clicked(self) -> None:
        address = self.recipient.text().strip()
        if address:
            self.send_to.emit(address)

    def _update_send(self) -> None:
        self.send_button.setEnabled(bool(self.recipient.text().strip()))

    def _render(self) -> None:
        target, report = self._target, self.report
        if target is None or (report is None and not self.busy):
            self.hide()
            return
        self.show()
        lang = current_lang()
        if report is None:
            self.icon.setPixmap(_icon(self, "busy").pixmap(16, 16))
            self.text.setText(self.tr("Checking the sender's domain {domain} (SPF, DMARC, "
                                      "DKIM)…").format(domain=target.domain))
            self.advice.hide()
            self.send_row.hide()
            return
        from ...core.domain.names import is_free_mail
        from ...core.domain.report import row_label
        from ...core.domain.texts import GMAIL_FIRST, finding_texts, verdict_texts
        from .domain_check import verdict_level

        title = verdict_texts(report)[0].get(lang)
        rows = " · ".join(
            f"{row_label(report, f.row, f.facts.get('selector', ''), lang)} "
            f"{finding_texts(f, report)[3].get(lang)}" for f in report.findings)
        self.icon.setPixmap(_icon(self, verdict_level(report)).pixmap(16, 16))
        self.text.setText(self.tr("Sender domain: {title} — {rows}").format(title=title,
                                                                              rows=rows))
        company = not is_free_mail(target.domain)
        self.advice.setText(GMAIL_FIRST.get(lang) if company else pick(
            finding_texts(report.findings[0], report)[2]))
        self.advice.setVisible(not report.ready)
        self.send_row.setVisible(not report.ready and company and self._offer_send)
        self._update_send()
