"""The window's saved state: geometry, dock state, the tab shown at start, every tab's splitters
(restored when the tab is built; a tab not built yet keeps what was saved), and what a damaged
settings file made the app reset, said once in a box and the status bar."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeGuard

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from ... import APP_NAME
from ..session import Session
from ..settings import read_int, read_language

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray
    from PySide6.QtWidgets import QMessageBox, QSplitter

    from ..profiles_reset import ProfilesReset

log = logging.getLogger("omidesk")


def saved_bytes(value: object) -> TypeGuard[QByteArray]:
    """A saved geometry or state (a QByteArray, not empty). Nothing saved (a first start) is
    told without PySide's QByteArray type (~0.4 ms of the first paint, issue 18)."""
    if value is None:
        return False
    from PySide6.QtCore import QByteArray

    return isinstance(value, QByteArray) and not value.isEmpty()


DEFAULT_SIZE = (1100, 760)


def shrunk(size: tuple[int, int], available: tuple[int, int]) -> bool:
    """A restored window under two thirds of the size it opens at (within the screen), in
    either direction: saved on a smaller or scaled screen (a laptop at 150 % that was on an
    office monitor), not a size anyone works in. Compose's toolbar and editor need the room."""
    return any(have * 3 < min(default, room) * 2
               for have, default, room in zip(size, DEFAULT_SIZE, available, strict=True))


class WindowState(QObject):
    def __init__(self, window: QMainWindow, tabs: QTabWidget, settings: QSettings,
                 session: Session) -> None:
        super().__init__(window)
        self.window, self.tabs, self.settings, self.session = window, tabs, settings, session
        self.reset: list[str] = []  # damaged settings reset at start, as shown
        self.reset_box: QMessageBox | None = None

    # -- the window ------------------------------------------------------------------------------
    def restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if saved_bytes(geometry):
            self.window.restoreGeometry(geometry)
            self._not_shrunk()
        else:
            self.window.resize(*DEFAULT_SIZE)
        state = self.settings.value("window/state")
        if saved_bytes(state):
            self.window.restoreState(state)
        reset: list[str] = []
        index = read_int(self.settings, "window/tab", 0, low=0, high=self.tabs.count() - 1,
                         reset=reset)
        self.tabs.setCurrentIndex(index)
        what = [self.tr("the tab shown at start")] if reset else []
        language_reset: list[str] = []
        read_language(self.settings, language_reset)  # app.py already started in the system's
        if language_reset:
            what.append(self.tr("the language (the system's is used)"))
        if what:
            self.say_reset(what)

    def _not_shrunk(self) -> None:
        """Opened at its own size again (within the screen) when the saved one is shrunk."""
        window = self.window
        size = (window.width(), window.height())
        if window.isMaximized() or not shrunk(size, DEFAULT_SIZE):
            return  # the usual case, told without the screen's type (the first paint)
        area = window.screen().availableGeometry()
        if shrunk(size, (area.width(), area.height())):
            log.info("window: saved size %dx%d is shrunk; opened at %dx%d", window.width(),
                     window.height(), min(DEFAULT_SIZE[0], area.width()),
                     min(DEFAULT_SIZE[1], area.height()))
            window.resize(min(DEFAULT_SIZE[0], area.width()), min(DEFAULT_SIZE[1], area.height()))
            window.move(area.topLeft())

    def save(self, built_tabs: list[QWidget]) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/state", self.window.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for key, splitter in self.splitters(built_tabs):
            self.settings.setValue(key, splitter.saveState())
        self.settings.sync()

    # -- splitters -------------------------------------------------------------------------------
    def restore_splitters(self, tab: QWidget) -> None:
        if not self.settings.contains(f"splitters/{type(tab).__name__}/0"):
            return  # nothing saved: spare the walk over every child (it wraps each one)
        for key, splitter in self._splitters_of(tab):
            saved = self.settings.value(key)
            if saved_bytes(saved):
                splitter.restoreState(saved)

    @staticmethod
    def _splitters_of(tab: QWidget) -> list[tuple[str, QSplitter]]:
        from PySide6.QtWidgets import QSplitter  # its type: ~2.4 M instructions, not for the
        # first tab's paint (the Account tab has no splitter, and a first start none saved)

        return [(f"splitters/{type(tab).__name__}/{number}", splitter)
                for number, splitter in enumerate(tab.findChildren(QSplitter))]

    def splitters(self, built_tabs: list[QWidget]) -> list[tuple[str, QSplitter]]:
        """Every splitter of these tabs, keyed by its tab and position."""
        return [pair for tab in built_tabs for pair in self._splitters_of(tab)]

    # -- damaged settings ------------------------------------------------------------------------
    def profiles_reset(self, reset: ProfilesReset) -> None:
        """Say what AccountStore.load() had to reset in the saved profiles."""
        what: list[str] = []
        if reset.all_unreadable:
            what.append(self.tr("the saved profiles could not be read: they were set aside "
                                "in the settings file (accounts/damaged) and the preset was "
                                "loaded"))
        if reset.unreadable:
            what.append(self.tr("%n unreadable profile(s) left out", "", reset.unreadable))
        labels = {"port": self.tr("port"), "security": self.tr("security"),
                  "host": self.tr("server"), "backup_host": self.tr("backup server"),
                  "name": self.tr("name"), "user": self.tr("login"),
                  "sender": self.tr("sender address"), "sender_name": self.tr("sender name"),
                  "reply_to": self.tr("Reply-To"), "options": self.tr("default options")}
        for name, fields in reset.fields:
            what.append(self.tr("profile “{name}”: {fields} set back to the default").format(
                name=name, fields=", ".join(labels.get(f, f) for f in fields)))
        if what:
            self.say_reset(what)

    def say_reset(self, what: list[str]) -> None:
        """A damaged setting was reset: say so once, in a box and the status bar."""
        self.reset.extend(what)
        text = self.tr("Some saved settings were damaged and have been reset, so that OMIDesk "
                       "could start: {what}.").format(what="; ".join(self.reset))
        log.warning("settings reset: %s", "; ".join(what))
        self.session.show_status(self.tr("Some saved settings were damaged and have been "
                                         "reset."))
        if self.reset_box is None:
            from PySide6.QtWidgets import QMessageBox  # its type: not before the paint

            self.reset_box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text,
                                         QMessageBox.StandardButton.Ok, self.window)
            QTimer.singleShot(0, self.reset_box.open)  # once the window is there
        else:
            self.reset_box.setText(text)
