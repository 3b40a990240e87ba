"""Files handed to the app from outside: `omidesk FILE.eml` (the installers register "Open with
OMIDesk" for .eml), a second start passing its files on (single_instance), and macOS' open
events (Finder's "Open With", a file dropped on the Dock icon), which Qt sends to the
application object as QFileOpenEvent rather than as arguments (Application.event below; not an
application-wide event filter, which would run Python for every event of every widget). Each
ends here: the window comes to the front and the message opens on the Compose tab. What
arrives before the window exists waits for it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from .main_window import MainWindow

log = logging.getLogger("omidesk")


def shown_filename(name: str) -> str:
    """The core's escaper for names, loaded when a file is named: one module fewer before the
    first paint."""
    from ..core.untrusted import shown_filename as shown

    return shown(name)
MESSAGE_SUFFIXES = (".eml",)


class FileOpener(QObject):
    """Fed by the command line, by second starts and by macOS open events; opens what it gets
    in the window once attached."""

    def __init__(self) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        self._waiting: list[tuple[list[str], bool]] = []
        self._boxes: list[QMessageBox] = []

    def file_open_event(self, event: QEvent) -> bool:
        """A QFileOpenEvent: open its file (True), or not one (False)."""
        if event.type() != QEvent.Type.FileOpen:
            return False
        from PySide6.QtGui import QFileOpenEvent

        assert isinstance(event, QFileOpenEvent)
        path = event.file() or event.url().toLocalFile()
        if path:
            self.open([path], activate=True)
        return True

    def attach(self, window: MainWindow) -> None:
        self.window = window
        waiting, self._waiting = self._waiting, []
        for paths, activate in waiting:
            self.open(paths, activate=activate)

    def open(self, paths: Iterable[str], *, activate: bool) -> None:
        paths = list(paths)
        if self.window is None:
            self._waiting.append((paths, activate))
            return
        if activate:
            bring_to_front(self.window)
        if paths:
            self._open_files(self.window, [Path(p) for p in paths])

    # -- opening -----------------------------------------------------------------------------
    def _open_files(self, window: MainWindow, paths: list[Path]) -> None:
        messages = [p for p in paths if p.suffix.lower() in MESSAGE_SUFFIXES and p.is_file()]
        others = [p for p in paths if p not in messages]
        for path in others:
            log.info("not opened (not an .eml message): %s", path)
        if others:
            names = ", ".join(shown_filename(p.name) for p in others[:3]) + (
                "…" if len(others) > 3 else "")
            self._tell(window, self.tr("OMIDesk opens .eml e-mail messages. Not opened: "
                                       "{names}").format(names=names))
        if not messages:
            return
        first, more = messages[0], len(messages) - 1
        compose = window.compose_tab
        window.tabs.setCurrentWidget(compose)
        if not _draft_in_progress(compose):
            self._open_message(window, first, more)
            return
        from PySide6.QtWidgets import QMessageBox  # not before the first paint (ui/lean.py)

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Open a message"),
                          self.tr("Open “{name}” on the Compose tab? It replaces the message "
                                  "you are writing.").format(name=shown_filename(first.name)),
                          QMessageBox.StandardButton.NoButton, window)
        box.setInformativeText(self.tr("To keep the current message, save it first with "
                                       "Save as .eml."))
        replace = box.addButton(self.tr("&Open it"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Keep my message"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r, b=box: self._answered(window, b, replace, first, more))
        self._boxes.append(box)
        box.open()

    def _answered(self, window: MainWindow, box: QMessageBox, replace: Any, path: Path,
                  more: int) -> None:
        self._boxes.remove(box)
        if box.clickedButton() is replace:
            self._open_message(window, path, more)

    def _open_message(self, window: MainWindow, path: Path, more: int) -> None:
        if not window.compose_tab.open_eml_from(path):
            return
        log.info("opened %s", path)
        if more:
            window.session.show_status(self.tr("Opened {name}; one message is open at a time, {n} "
                                       "more were not opened.").format(
                                           name=shown_filename(path.name), n=more))
        else:
            window.session.show_status(self.tr("Opened {name}").format(
                name=shown_filename(path.name)))

    def _tell(self, window: MainWindow, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, window.windowTitle(), text,
                          QMessageBox.StandardButton.Ok, window)
        box.finished.connect(lambda _r, b=box: self._boxes.remove(b))
        self._boxes.append(box)
        box.open()


class Application(QApplication):
    """The app's QApplication: it takes macOS' open events, which may come before the window
    exists (the app started by opening a file), to its FileOpener."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.opener = FileOpener()
        from . import theme

        theme.install(self)  # Fusion's frames seen in a dark palette

    def event(self, event: QEvent) -> bool:
        if self.opener.file_open_event(event):
            return True
        return super().event(event)


def _draft_in_progress(compose: Any) -> bool:
    draft = compose.draft()
    return bool(draft.to or draft.cc or draft.bcc or draft.subject.strip() or draft.attachments
                or compose.editor.toPlainText().strip())


def bring_to_front(window: Any) -> None:
    """As far as the system lets an app raise itself: Windows only when the starting process
    allowed it (single_instance.hand_over does), X11 window managers may only flash it."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
