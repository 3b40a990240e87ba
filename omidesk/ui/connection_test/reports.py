"""The Connection test's report, as the tab and the set-up assistant offer it: worded from the
run (redacted Markdown in the UI language, or the JSON of `omidesk probe --json`), copied to the
clipboard, saved where a dialog says (one at a time, Markdown or JSON by the filter chosen) to a
file written privately off the UI thread (it names the account and the server, never the
password). What happened is said, never raised."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ...core.errors import OmiError
from ..asyncqt import TaskKeeper
from ..file_dialogs import start_in
from ..i18n import current_lang, pick

if TYPE_CHECKING:
    from ...core.domain.check import DomainReport
    from ...core.smtp.config import ServerConfig
    from .run import ConnectionRun


class ReportFile(QObject):
    chosen = Signal(object)  # Path: the user picked where to save
    saved = Signal(str)  # said in the status bar
    failed = Signal(str)  # said in a message box

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.dialog: QFileDialog | None = None

    def choose(self) -> QFileDialog:
        """Ask where to save (non-blocking: the dialog is open()ed; its choice is `chosen`)."""
        if self.dialog is not None:  # already open (and window-modal)
            return self.dialog
        markdown = self.tr("Markdown report (*.md)")
        json_filter = self.tr("JSON report (*.json)")
        name = f"omidesk-report-{datetime.now():%Y%m%d-%H%M}.md"
        dialog = start_in(QFileDialog(self._parent, self.tr("Save connection report")),
                          "report", name)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([markdown, json_filter])
        dialog.setDefaultSuffix("md")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("json" if chosen == json_filter else "md"))
        dialog.fileSelected.connect(lambda path: self.chosen.emit(Path(path)))
        dialog.finished.connect(self._finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    async def write(self, target: Path, text: str) -> bool:
        from ...core.files import write_private  # private: it names the account and server
        from ...core.text import Text

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, partial(
                write_private, target, text.encode("utf-8"), what=Text("the report", "報告")))
        except OSError as exc:  # a StorageError says why (a full disk: where to free space)
            reason = pick(exc.text) if isinstance(exc, OmiError) else \
                exc.strerror or type(exc).__name__
            self.failed.emit(self.tr("Could not save the report to {path}: {reason}").format(
                path=str(target), reason=reason))
            return False
        self.saved.emit(self.tr("Report saved to {path}.").format(path=str(target)))
        return True


class Report(QObject):
    """The report of one ConnectionRun for the profile `config()` names: its words, the
    clipboard, its file (`file`: its saved/failed signals say how the saving went)."""

    def __init__(self, run: ConnectionRun, config: Callable[[], ServerConfig | None],
                 parent: QWidget,
                 domain: Callable[[], DomainReport | None] | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self._config = config
        self._domain = domain or (lambda: None)  # the domain check shown beside the test
        self.file = ReportFile(parent)
        self.file.chosen.connect(self.save_to)
        self._tasks = TaskKeeper()  # the report being written

    def config(self) -> ServerConfig | None:
        """The profile tested last (the run's), else the one that would be tested."""
        return self.run.config or self._config()

    def text(self, lang: str | None = None) -> str:
        """The redacted Markdown report, in the UI language unless `lang` is given."""
        config = self.config()
        return self.run.report_text(config, lang or current_lang(),
                                    self._domain()) if config else ""

    def json(self) -> str:
        config = self.config()
        return self.run.report_json(config, self._domain()) if config else "{}"

    def copy(self) -> str:
        text = self.text()
        QGuiApplication.clipboard().setText(text)
        return text

    def choose(self) -> QFileDialog:
        """Ask where to save (non-blocking: the dialog is open()ed; its choice arrives in
        save_to)."""
        return self.file.choose()

    def save_to(self, path: str | Path) -> asyncio.Task[bool]:
        """Write the report: JSON for a .json name, Markdown otherwise (UTF-8). The file is
        written off the UI thread; an error is shown, never raised."""
        target = Path(path)
        text = self.json() if target.suffix.lower() == ".json" else self.text()
        return self._tasks.spawn(self.file.write(target, text))
