"""連線測試 / Connection test: every port/security combination (or only the configured one)
tried side by side with a live transcript, a results table, a plain-language diagnosis, "Use this
configuration", a test message to oneself, and a redacted report to copy or save.

The test itself is core's probe_all (one login for the whole test, on the best encrypted
combination), rendered through its per-attempt callbacks: the CLI and this tab cannot disagree.

All network I/O is core coroutines awaited on the qasync loop (asyncio on the Qt thread); the tab
keeps its tasks in a TaskKeeper and never exec()s a dialog. The password is only inside the
ServerConfig handed to core, which redacts every form of it from transcripts and reports."""

from __future__ import annotations

import asyncio
import html
import json
import time
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
    QRadioButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from ...core.errors import OmiError
from ...core.smtp.config import (
    RELAY_COMBOS, Security, ServerConfig, combo_label,
)
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED, Diagnosis, redactor_for
from ...core.smtp.probe import MatrixResult, ProbeResult, matrix_configs, probe_all, recommend
from ...core.smtp.report import render_report, report_dict
from ...core.sentlog import Source
from ...core.smtp.send import SendResult
from ...core.smtp.testmessage import draft_test_message
from ...core.smtp.transcript import Redactor, TranscriptEvent
from ..asyncqt import TaskKeeper, weak_callback
from ..i18n import current_lang, pick, sentences
from ..session import Session
from ..widgets.domain_panel import DomainStatusStrip
from ..widgets.results_table import ResultsTable
from ..widgets.transcript_view import TranscriptPanel

if TYPE_CHECKING:
    from ...core.sandbox import SandboxRelay

SEND_ATTEMPT = 1_000_000  # the transcript key of the test message's lines


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _columns(text: str) -> int:
    """Display width in a monospace font: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _columns(text), 0)


def _short_hosts(hosts: Sequence[str]) -> dict[str, str]:
    """Short names for the transcript prefix: "smtp" and "smtp2" for smtp.itpison.com and
    smtp2.itpison.com; the whole name when the first labels would not tell them apart."""
    unique = list(dict.fromkeys(hosts))
    firsts = [h.split(".", 1)[0] for h in unique]
    is_ip = any(h.replace(".", "").isdigit() or ":" in h for h in unique)
    if is_ip or len(set(firsts)) != len(firsts):
        return {h: h for h in unique}
    return dict(zip(unique, firsts))


class ConnectionTestTab(QWidget):
    """Tests the session's profile (or what set_target() names); start_test(),
    send_test_message(), report_text()."""

    use_configuration = Signal(str, int, str)  # host, port, Security value ("ssl", …)

    STAGGER = 0.1  # seconds between the starts of two attempts (Thunderbird's 100 ms)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 sandbox: SandboxRelay | None = None) -> None:
        """sandbox: the relay of a --sandbox session, tested on its own ports."""
        super().__init__(parent)
        self.session = session
        self.sandbox = sandbox
        self._config: ServerConfig | None = None
        self._sender = ""
        self._sender_name = ""
        self._selectors: tuple[str, ...] = ()
        self._combos: tuple[tuple[int, Security], ...] = RELAY_COMBOS
        self._unavailable = ""  # why this account cannot be tested now (a stopped sandbox)
        self._tasks = TaskKeeper(on_error=weak_callback(self._task_failed))
        self._task: asyncio.Task[object] | None = None
        self._busy = False
        self._run_config: ServerConfig | None = None  # the configuration the results are for
        self._attempts: list[tuple[str, ServerConfig]] = []
        self._results: dict[int, ProbeResult] = {}
        self._matrix: MatrixResult | None = None
        self._send: SendResult | None = None
        self._cancelled = False
        self._started = 0.0
        self._prefix_width = 0  # of the transcript prefixes of the last test
        self._save_dialog: QFileDialog | None = None
        self._message_box: QMessageBox | None = None
        self._build()
        self.retranslate()
        self._update_actions()
        session.account_changed.connect(self._account_changed)
        session.cancel_requested.connect(self.cancel)
        session.closing.connect(self.cancel)
        self._account_changed()

    # ============================================================================ construction
    def _build(self) -> None:
        self.target_label = QLabel(self)
        self.target_label.setTextFormat(Qt.TextFormat.PlainText)
        self.target_label.setWordWrap(True)
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.all_radio = QRadioButton(self)
        self.one_radio = QRadioButton(self)
        self.all_radio.setChecked(True)
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self.all_radio)
        self._mode_group.addButton(self.one_radio)
        self.test_button = QPushButton(self)
        self.test_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.test_button.clicked.connect(self._test_clicked)
        self.cancel_button.clicked.connect(self.cancel)

        mode_row = QHBoxLayout()
        mode_row.addWidget(self.all_radio)
        mode_row.addWidget(self.one_radio)
        mode_row.addStretch(1)
        mode_row.addWidget(self.test_button)
        mode_row.addWidget(self.cancel_button)

        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setWordWrap(True)

        self.table = ResultsTable(self)
        self.table.attempt_selected.connect(self._attempt_selected)

        self.diagnosis_title = QLabel(self)
        self.diagnosis_view = QTextBrowser(self)
        self.diagnosis_view.setOpenLinks(False)
        self.diagnosis_title.setBuddy(self.diagnosis_view)
        diagnosis_box = QWidget(self)
        diagnosis_layout = QVBoxLayout(diagnosis_box)
        diagnosis_layout.setContentsMargins(0, 0, 0, 0)
        diagnosis_layout.addWidget(self.diagnosis_title)
        diagnosis_layout.addWidget(self.diagnosis_view, 1)

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
        lower.addWidget(diagnosis_box)
        lower.addWidget(transcript_box)
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 3)
        lower.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self._splitter_moved = False
        self.splitter.splitterMoved.connect(self._splitter_was_moved)

        self.use_button = QPushButton(self)
        self.send_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.use_button.clicked.connect(self.apply_configuration)
        self.send_button.clicked.connect(self.send_test_message)
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button.clicked.connect(self.save_report)
        actions = QHBoxLayout()
        for button in (self.use_button, self.send_button, self.copy_button, self.save_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.notice_label = QLabel(self)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()
        self.domain_status = DomainStatusStrip(self)  # the sender's domain (manual §2)
        self.domain_status.send_to.connect(self.send_test_message)

        layout = QVBoxLayout(self)
        layout.addWidget(self.target_label)
        layout.addLayout(mode_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.domain_status)
        layout.addLayout(actions)
        layout.addWidget(self.notice_label)

        order = [self.all_radio, self.one_radio, self.test_button, self.cancel_button,
                 self.table, self.diagnosis_view, self.transcript.filter_box,
                 self.transcript.find_button, self.transcript.copy_button, self.transcript.view,
                 self.transcript.find_bar.edit, self.use_button, self.send_button,
                 self.copy_button, self.save_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _test_clicked(self) -> None:
        self.start_test(self.all_radio.isChecked())

    def _splitter_was_moved(self, _pos: int, _index: int) -> None:
        self._splitter_moved = True

    def retranslate(self) -> None:
        self.all_radio.setText(self.tr("Test &all combinations"))
        self.all_radio.setToolTip(self.tr("Try every port and security combination, on the "
                                          "server and its backup, side by side; log in only "
                                          "once, on the best encrypted one"))
        self.one_radio.setText(self.tr("&Only the configured one"))
        self.one_radio.setToolTip(self.tr("Try only the port and security set on the Account "
                                          "tab"))
        self.test_button.setText(self.tr("&Test"))
        self.test_button.setToolTip(self.tr("Connect, encrypt and log in; no mail is sent"))
        self.test_button.setAccessibleName(self.tr("Start the connection test"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the running test now"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the test"))
        self.diagnosis_title.setText(self.tr("&Diagnosis"))
        self.diagnosis_view.setAccessibleName(self.tr("Diagnosis"))
        self.transcript_title.setText(self.tr("T&ranscript (<< server, >> OMIDesk, ** notes)"))
        self.use_button.setText(self.tr("&Use this configuration"))
        self.use_button.setToolTip(self.tr("Put the selected working combination (or the "
                                           "recommended one) into the account"))
        self.use_button.setAccessibleName(self.tr("Use this configuration"))
        self.send_button.setText(self.tr("Send test &message"))
        self.send_button.setToolTip(self.tr("Send a short test message to your own sender "
                                            "address with the account's settings"))
        self.send_button.setAccessibleName(self.tr("Send test message"))
        self.copy_button.setText(self.tr("Copy &report"))
        self.copy_button.setToolTip(self.tr("Copy a report for IT or 沛盛資訊 support; the "
                                            "password is never in it"))
        self.copy_button.setAccessibleName(self.tr("Copy report"))
        self.save_button.setText(self.tr("&Save report…"))
        self.save_button.setToolTip(self.tr("Save the report as Markdown (.md) or JSON (.json)"))
        self.save_button.setAccessibleName(self.tr("Save report"))
        self._show_target()
        self._show_summary()
        self._show_diagnosis()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ============================================================================ public API
    def _account_changed(self) -> None:
        """Point the test at the session's profile: the sandbox on its own ports, a server of
        one's own also on its configured port with every security."""
        from ...core.account import PRESET_CUSTOM, PRESET_SANDBOX
        from ...core.smtp.config import matrix_combos

        account = self.session.account
        if account is None:
            return
        combos: list[tuple[int, Security]] | None = None
        unavailable = ""
        if account.preset == PRESET_SANDBOX:
            if self.sandbox is not None and self.sandbox.running:
                combos = self.sandbox.combos()
            else:
                unavailable = self.tr(
                    "This is the sandbox profile, and the sandbox relay is not running: it "
                    "runs only while OMIDesk is started with --sandbox. Start OMIDesk that "
                    "way to test it, or choose another profile on the Account tab.")
        elif account.preset == PRESET_CUSTOM:  # also its own port with every security
            combos = list(matrix_combos(account.port))
        self.set_target(account.server_config(self.session.password), sender=account.sender,
                        sender_name=account.sender_name, combos=combos,
                        unavailable=unavailable, dkim_selectors=account.dkim_selectors)

    def set_target(self, config: ServerConfig, *, sender: str, sender_name: str = "",
                   combos: Sequence[tuple[int, Security]] | None = None,
                   unavailable: str = "", dkim_selectors: Sequence[str] = ()) -> None:
        """The account to test (password in memory only). A running test keeps its own copy.
        `unavailable`: why this account cannot be reached now (a test then says only that);
        `dkim_selectors`: for the sender-domain check."""
        self._config = config
        self._sender = sender.strip()
        self._sender_name = sender_name
        self._selectors = tuple(dkim_selectors)
        self.domain_status.set_sender(self._sender)
        self._combos = tuple(combos) if combos is not None else RELAY_COMBOS
        self._unavailable = unavailable
        self._show_target()
        self._update_actions()

    @property
    def config(self) -> ServerConfig | None:
        return self._config

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def last_matrix(self) -> MatrixResult | None:
        """The last test's results (also after a cancel: the attempts that finished)."""
        return self._matrix

    @property
    def last_send(self) -> SendResult | None:
        return self._send

    @property
    def recommended(self) -> ProbeResult | None:
        return self._matrix.recommended if self._matrix else None

    def start_test(self, all_combinations: bool = True) -> asyncio.Task[MatrixResult | None]:
        """Test every combination (or only the configured one) on the server and its backup.
        While a test or send runs, returns that task instead of starting another."""
        if self._task is not None and not self._task.done():
            return self._task  # type: ignore[return-value]
        if self._config is None:
            raise RuntimeError("set_target() before start_test()")
        (self.all_radio if all_combinations else self.one_radio).setChecked(True)
        config = self._config
        combos = self._combos if all_combinations else ((config.port, config.security),)
        attempts = [] if self._unavailable else matrix_configs(config, combos)
        self._begin(config, attempts)
        self._set_busy(True)
        task = self._tasks.spawn(self._run_test(config, combos))
        task.add_done_callback(self._test_done)
        self._task = task
        return task

    def cancel(self) -> None:
        """Stop the running test or send now: its connections are closed at once."""
        if self._task is not None and not self._task.done():
            self._cancelled = True
            self._task.cancel()
        self.domain_status.cancel()

    def check_sender_domain(self) -> asyncio.Task[object] | None:
        """Show whether the sender's domain is ready for mail from this server (manual §2)."""
        config = self._config
        if config is None:
            return None
        hosts = [h for h in (config.host, config.backup_host) if h]
        return self.domain_status.check(hosts, self._selectors)  # type: ignore[return-value]

    def send_test_message(self, to: str = "") -> asyncio.Task[SendResult | None]:
        """Send the test message to the sender's own address (or `to`) with the account's
        settings; the sender's domain is checked meanwhile when that is not done yet."""
        if self._task is not None and not self._task.done():
            return self._task  # type: ignore[return-value]
        if self._config is None:
            raise RuntimeError("set_target() before send_test_message()")
        self._cancelled = False
        self._hide_notice()
        self._set_busy(True)
        if not to and self.domain_status.report is None:
            self.check_sender_domain()
        task = self._tasks.spawn(self._run_send(self._config, self._sender, self._sender_name,
                                                to.strip()))
        task.add_done_callback(self._send_done)
        self._task = task
        return task

    def report_text(self, lang: str | None = None) -> str:
        """The redacted Markdown report, in the UI language unless `lang` is given."""
        config = self._run_config or self._config
        if config is None:
            return ""
        matrix = self._matrix
        return render_report(config, matrix.results if matrix else [],
                             lang=lang or current_lang(),
                             recommended=matrix.recommended if matrix else None,
                             test_message=self._send)

    def report_json(self) -> str:
        config = self._run_config or self._config
        if config is None:
            return "{}"
        matrix = self._matrix
        data = report_dict(config, matrix.results if matrix else [],
                           recommended=matrix.recommended if matrix else None,
                           test_message=self._send)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def chosen_result(self) -> ProbeResult | None:
        """What "Use this configuration" applies: the selected row if it worked, otherwise
        the recommended one (only when nothing else is selected)."""
        selected = self.table.selected_attempt()
        if selected is not None:
            result = self._results.get(selected)
            return result if result is not None and result.ok else None
        return self.recommended

    def apply_configuration(self) -> bool:
        result = self.chosen_result()
        if result is None:
            return False
        self.use_configuration.emit(result.host, result.port, result.security.value)
        self._status(self.tr("Using {combination} on {host} for this account.").format(
            combination=combo_label(result.port, result.security, current_lang()),
            host=result.host))
        return True

    def copy_report(self) -> str:
        text = self.report_text()
        QGuiApplication.clipboard().setText(text)
        self._status(self.tr("Report copied to the clipboard (without the password)."))
        return text

    def save_report(self) -> QFileDialog:
        """Ask where to save (non-blocking: the dialog is open()ed; its choice arrives in
        save_report_to)."""
        if self._save_dialog is not None:  # already open (and window-modal)
            return self._save_dialog
        markdown = self.tr("Markdown report (*.md)")
        json_filter = self.tr("JSON report (*.json)")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"omidesk-report-{datetime.now():%Y%m%d-%H%M}.md"
        dialog = QFileDialog(self, self.tr("Save connection report"), str(Path(folder) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([markdown, json_filter])
        dialog.setDefaultSuffix("md")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("json" if chosen == json_filter else "md"))
        dialog.fileSelected.connect(self.save_report_to)
        dialog.finished.connect(self._save_dialog_finished)
        self._save_dialog = dialog
        dialog.open()
        return dialog

    def _save_dialog_finished(self, _result: int) -> None:
        dialog, self._save_dialog = self._save_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def save_report_to(self, path: str | Path) -> asyncio.Task[bool]:
        """Write the report: JSON for a .json name, Markdown otherwise (UTF-8). The file is
        written off the UI thread; an error is shown, never raised."""
        target = Path(path)
        text = self.report_json() if target.suffix.lower() == ".json" else self.report_text()
        return self._tasks.spawn(self._write_report(target, text))

    async def _write_report(self, target: Path, text: str) -> bool:
        from ...core.files import write_private  # private: it names the account and server
        from ...core.text import Text

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, partial(
                write_private, target, text.encode("utf-8"), what=Text("the report", "報告")))
        except OSError as exc:  # a StorageError says why (a full disk: where to free space)
            reason = pick(exc.text) if isinstance(exc, OmiError) else \
                exc.strerror or type(exc).__name__
            self._show_error(self.tr("Could not save the report to {path}: {reason}").format(
                path=str(target), reason=reason))
            return False
        self._status(self.tr("Report saved to {path}.").format(path=str(target)))
        return True

    # ============================================================================ the test
    async def _run_test(self, config: ServerConfig,
                        combos: Sequence[tuple[int, Security]]) -> MatrixResult | None:
        """Core's matrix (probe_all), each attempt started STAGGER after the previous, shown
        as it goes. A cancel cancels them all and waits for their connections to be closed."""
        if self._unavailable:
            self._show_notice(self._unavailable)
            return self._finish()
        matrix = await probe_all(config, combos=combos, stagger=self.STAGGER,
                                 on_start=self._attempt_started, on_event=self._on_event,
                                 on_result=self._attempt_finished)
        return self._finish(matrix)

    def _test_done(self, task: asyncio.Task[object]) -> None:
        """Also runs when the task was cancelled or failed, even before it started."""
        if task is self._task:
            self._task = None
        if self._matrix is None:
            self._finish()

    def _begin(self, config: ServerConfig, attempts: list[tuple[str, ServerConfig]]) -> None:
        self._started = time.perf_counter()
        self._run_config = config
        self._attempts = attempts
        self._results = {}
        self._matrix = None
        self._send = None
        self._cancelled = False
        self._hide_notice()
        self.table.clear_attempts()
        self.transcript.clear()
        several = len(attempts) > 1
        names = _short_hosts([host for host, _ in attempts])
        lang = current_lang()
        prefixes = [f"#{i + 1} " + (f"{names[host]} " if len(names) > 1 else "")
                    + f"{cfg.port}/{cfg.security.value}" for i, (host, cfg) in enumerate(attempts)]
        width = max(map(_columns, prefixes), default=0) if several else 0
        self._prefix_width = width
        for index, (host, cfg) in enumerate(attempts):
            self.transcript.add_attempt(
                index, _pad(prefixes[index], width) if several else "",
                f"#{index + 1} {combo_label(cfg.port, cfg.security, lang)} — {host}")
        self._fit_table(len(attempts))
        self._show_summary()
        self._show_diagnosis()
        self._update_actions()

    def _fit_table(self, rows: int) -> None:
        """Give the table the height of its rows (3 to 10), the rest to diagnosis and transcript,
        unless the user has placed the splitter themself."""
        if self._splitter_moved:
            return
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        table = self.table
        height = (table.horizontalHeader().sizeHint().height()
                  + max(3, min(rows, 10)) * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + 2)
        height = min(height, total // 2)
        self.splitter.setSizes([height, total - height])

    def _attempt_started(self, index: int, host: str, cfg: ServerConfig) -> None:
        self.table.add_attempt(index, host, cfg.port, cfg.security)

    def _attempt_finished(self, index: int, result: ProbeResult) -> None:
        self._results[index] = result
        self.table.set_result(index, result)
        self._show_summary()
        if self.table.selected_attempt() == index:
            self._show_diagnosis()
        self._update_actions()

    def _on_event(self, attempt: int, event: TranscriptEvent) -> None:
        self.transcript.view.append_event(attempt, event)

    def _finish(self, matrix: MatrixResult | None = None) -> MatrixResult:
        """Core's result; after a cancel, core's choice (probe.recommend) over the attempts
        that finished."""
        config, results = self._run_config, self._results
        assert config is not None
        elapsed_ms = (time.perf_counter() - self._started) * 1000
        self._matrix = matrix or recommend(config, [results[i] for i in sorted(results)],
                                           elapsed_ms)
        best = self._matrix.recommended
        for index in self.table.attempts():
            if index in results:
                self.table.set_result(index, results[index])
            else:
                self.table.set_cancelled(index)
        best_index = next((i for i, r in results.items() if r is best), None)
        self.table.set_recommended(best_index)
        self.transcript.view.flush()
        self._set_busy(False)
        self._show_summary()
        self._show_diagnosis()
        self._update_actions()
        self._status(self.summary_label.text())
        if best is not None:
            self.check_sender_domain()
        return self._matrix

    # ============================================================================ test message
    async def _run_send(self, config: ServerConfig, sender: str, sender_name: str,
                        to: str = "") -> SendResult | None:
        try:
            if not sender:
                self._show_notice(self.tr("Enter the sender address on the Account tab first: "
                                          "the test message goes to it."))
                return None
            outbox = self.session.outbox(Source.TEST)
            try:
                outgoing = outbox.build(draft_test_message(config, sender=sender,
                                                           sender_name=sender_name,
                                                           to=[to] if to else None))
            except OmiError as exc:
                self._show_notice(exc.message(current_lang()))
                return None
            self.transcript.add_attempt(SEND_ATTEMPT, _pad(self.tr("mail"), self._prefix_width),
                                        self.tr("Test message to {address}").format(
                                            address=to or sender))
            self._show_notice(self.tr("Sending a test message to {address}…").format(
                address=to or sender))
            result = await outbox.send(config, outgoing, test=True,
                                       on_event=partial(self._on_event, SEND_ATTEMPT))
            self._send = result
            if self._run_config is None:
                self._run_config = config
            self.table.clearSelection()
            self._show_send_result(result)
            return result
        except asyncio.CancelledError:
            self._show_notice(self.tr("Sending was cancelled. If the message had already gone "
                                      "out, it may still arrive."))
            raise
        finally:
            self.transcript.view.flush()

    def _send_done(self, task: asyncio.Task[object]) -> None:
        if task is self._task:
            self._task = None
        self._set_busy(False)
        self._update_actions()

    def _show_send_result(self, result: SendResult) -> None:
        if result.ok:
            text = self.tr("Test message accepted by {host} — LaunchID {launch_id}. A 250 reply "
                           "means the relay accepted it, not that it reached the inbox: check "
                           "the inbox (and the spam folder) of {address}.").format(
                host=result.host, launch_id=result.launch_id or "—",
                address=", ".join(r.address for r in result.recipients if r.accepted))
        elif result.delivery_unknown:
            text = self.tr("The message went out but no reply came back: it may still arrive. "
                           "{title}").format(title=result.diagnosis.title.get(current_lang()))
        else:
            text = self.tr("The test message was not sent: {title}").format(
                title=result.diagnosis.title.get(current_lang()))
        if result.password_unencrypted:
            text += " " + PASSWORD_UNENCRYPTED.get(current_lang())
        self._show_notice(text)
        self._status(text)
        self._show_diagnosis()

    # ============================================================================ display
    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        # Keep the keyboard where it was useful: Test -> Cancel while running, and back.
        focus = QApplication.focusWidget()
        starters = (self.test_button, self.all_radio, self.one_radio, self.send_button)
        self._update_actions()
        if busy and focus in starters:
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not busy and focus is self.cancel_button:
            self.test_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.session.set_busy(self, busy)

    def _update_actions(self) -> None:
        busy = self._busy
        has_target = self._config is not None
        has_report = self._matrix is not None or self._send is not None
        self.test_button.setEnabled(has_target and not busy)
        self.cancel_button.setEnabled(busy)
        self.all_radio.setEnabled(not busy)
        self.one_radio.setEnabled(not busy)
        self.send_button.setEnabled(has_target and bool(self._sender) and not busy)
        self.copy_button.setEnabled(has_report and not busy)
        self.save_button.setEnabled(has_report and not busy)
        self.use_button.setEnabled(self.chosen_result() is not None)

    def _show_target(self) -> None:
        config = self._config
        if config is None:
            self.target_label.setText(self.tr("No account to test yet: fill in the Account tab "
                                              "first."))
            return
        lang = current_lang()
        server = config.host
        if config.backup_host:
            server = self.tr("{host} (backup {backup})").format(host=config.host,
                                                                backup=config.backup_host)
        login = config.user or self.tr("no login")
        text = self.tr("Server: {server} · configured: {combination} · login: {login}").format(
            server=server, combination=combo_label(config.port, config.security, lang),
            login=login)
        if config.user and config.allow_plaintext_login:
            text += " · " + self.tr("login without encryption allowed for this profile")
        self.target_label.setText(text)

    def _show_summary(self) -> None:
        lang = current_lang()
        total = len(self._attempts)
        if self._busy and self._matrix is None and self._attempts:
            text = self.tr("Testing… {done} of {total} attempts finished.").format(
                done=len(self._results), total=total)
        elif self._matrix is None:
            text = self.tr("Press Test to try the connection. Nothing is sent; the password is "
                           "never shown.")
        elif not self._matrix.results and self._unavailable:
            text = self._unavailable
        else:
            best, login = self._matrix.recommended, self._matrix.login
            results = self._matrix.results
            done = len(results)
            several = total > 1
            if best is not None:
                text = self.tr("Recommended: {combination} on {host} ({working} of {done} "
                               "worked).").format(
                    combination=combo_label(best.port, best.security, lang), host=best.host,
                    working=sum(r.ok for r in results), done=done)
                if login is not None and several:
                    text = sentences(text, self.tr(
                        "Logged in once, on {combination} on {host}.").format(
                        combination=combo_label(login.port, login.security, lang),
                        host=login.host))
            elif login is not None and several:  # reachable, and the one login failed
                text = self.tr("The login on {combination} on {host} failed: {title}. No other "
                               "login was tried; {reached} of {done} combinations answered."
                               ).format(combination=combo_label(login.port, login.security, lang),
                                        host=login.host, title=login.diagnosis.title.get(lang),
                                        reached=sum(bool(r.greeting) for r in results),
                                        done=done)
            elif done == 1 and total == 1:
                text = self.tr("The connection failed: {title}").format(
                    title=results[0].diagnosis.title.get(lang))
            elif done:
                text = self.tr("None of the {done} combinations tried worked.").format(done=done)
            else:
                text = self.tr("No attempt finished.")
            if self._cancelled and done < total:
                text = sentences(self.tr("Test cancelled."), text)
        self.summary_label.setText(text)

    def _focus_result(self) -> ProbeResult | None:
        """The result the panel shows when no row is selected (core's MatrixResult.focus)."""
        return self._matrix.focus if self._matrix is not None else None

    def _show_diagnosis(self) -> None:
        selected = self.table.selected_attempt()
        if selected is not None:
            result = self._results.get(selected)
            if result is not None:
                self._set_panel(self._probe_html(result))
            elif self.table.state(selected) == "cancelled":
                self._set_panel_text(self.tr("Cancelled before this attempt finished."))
            else:
                self._set_panel_text(self.tr("Testing…"))
            return
        if self._send is not None:
            self._set_panel(self._send_html(self._send))
            return
        focus = self._focus_result()
        if focus is not None:
            self._set_panel(self._probe_html(focus))
        elif self._matrix is not None and self._unavailable:
            self._set_panel_text(self._unavailable)
        elif self._busy:
            self._set_panel_text(self.tr("Testing… each result appears in the table as soon as "
                                         "its attempt finishes."))
        else:
            self._set_panel_text(self.tr("The diagnosis appears here after a test: what "
                                         "happened, in plain words, and what to do next."))

    def _set_panel_text(self, text: str) -> None:
        self.diagnosis_view.setHtml(f"<p>{_html(text)}</p>")

    def _set_panel(self, body: str) -> None:
        self.diagnosis_view.setHtml(body)

    def _diagnosis_html(self, diagnosis: Diagnosis, heading: str, badge: str = "") -> str:
        lang = current_lang()
        parts = [f"<p style='margin-bottom:2px'>{_html(heading)}</p>"]
        title = _html(diagnosis.title.get(lang))
        if badge:
            title += f" — {_html(badge)}"
        parts.append(f"<h3 style='margin-top:2px'>{title}</h3>")
        parts.append(f"<p>{_html(diagnosis.explain.get(lang))}</p>")
        parts += [f"<p>{_html(note.get(lang))}</p>" for note in diagnosis.notes]
        alternative = diagnosis.alternative_text().get(lang)
        if alternative:
            parts.append(f"<p><b>{_html(alternative)}</b></p>")
        next_step = self.tr("Next step:")
        parts.append(f"<p><b>{_html(next_step)}</b> {_html(diagnosis.next_step.get(lang))}</p>")
        return "".join(parts)

    def _probe_html(self, result: ProbeResult) -> str:
        lang = current_lang()
        heading = f"{combo_label(result.port, result.security, lang)} — {result.host} · " \
                  f"{result.elapsed_ms:,.0f} ms"
        badge = self.tr("recommended") if self._matrix and result is self._matrix.recommended \
            else ""
        body = self._diagnosis_html(result.diagnosis, heading, badge)
        facts = []
        if result.diagnosis.reply:
            facts.append(self.tr("Server reply: {reply}").format(reply=result.diagnosis.reply))
        if result.tls is not None and result.tls.verdict:
            facts.append(f"TLS: {result.tls.version or '—'} — {result.tls.verdict}")
        if facts:
            body += "<p><tt>" + "<br>".join(_html(f) for f in facts) + "</tt></p>"
        return body

    def _send_html(self, result: SendResult) -> str:
        lang = current_lang()
        heading = self.tr("Test message — {combination} on {host}").format(
            combination=combo_label(result.port, result.security, lang), host=result.host)
        body = self._diagnosis_html(result.diagnosis, heading)
        facts = [f"LaunchID: {result.launch_id or '—'}", f"Message-ID: {result.message_id}"]
        if result.final_reply:
            facts.append(self.tr("Final reply: {reply}").format(reply=result.final_reply))
        body += "<p><tt>" + "<br>".join(_html(f) for f in facts) + "</tt></p>"
        if result.ok:
            body += "<p><i>" + _html(self.tr(
                "A 250 reply means the relay accepted the message; it is not proof that it "
                "reached the inbox. Check the inbox and the spam folder.")) + "</i></p>"
        return body

    def _attempt_selected(self, attempt: int) -> None:
        self.transcript.set_filter(None if attempt < 0 else attempt)
        self._show_diagnosis()
        self._update_actions()

    def _show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.show()

    def _hide_notice(self) -> None:
        self.notice_label.clear()
        self.notice_label.hide()

    def _status(self, text: str) -> None:
        self.session.show_status(text)

    def _show_error(self, text: str) -> None:
        self._status(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Connection test"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.finished.connect(box.deleteLater)
        box.finished.connect(self._message_box_finished)
        self._message_box = box
        box.open()

    def _message_box_finished(self, _result: int) -> None:
        self._message_box = None

    def _task_failed(self, exc: BaseException) -> None:
        """An unexpected error in a task: shown (redacted), and the tab is usable again."""
        config = self._run_config or self._config
        redact = redactor_for(config) if config else Redactor()
        self._set_busy(False)
        self._show_error(redact(self.tr("The test stopped on an unexpected error: {error}")
                                .format(error=f"{type(exc).__name__}: {exc}")))
