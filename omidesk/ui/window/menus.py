"""The window's menus: File (Quit), Language, Help (third-party licences, About).

Every action's menu role is set, none left to Qt's guess by its text: on macOS Quit and About
move to the application menu (結束 OMIDesk, 關於 OMIDesk) and nothing else does. There is no
preferences window to give the Preferences role to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QWidget

from ... import __version__
from ..lean import action as new_action
from ..settings import LANGUAGE_KEY, read_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class WindowMenus(QObject):
    assistant_wanted = Signal()  # File → Set-up assistant…

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.about_box: QMessageBox | None = None
        self.licences_dialog: QWidget | None = None
        self._build()

    def _build(self) -> None:
        window, no_role = self.window, QAction.MenuRole.NoRole
        file_menu = window.menuBar().addMenu(self.tr("&File"))
        assistant = new_action(self.tr("&Set-up assistant…"), window)
        assistant.setMenuRole(no_role)
        assistant.triggered.connect(self.assistant_wanted)
        file_menu.addAction(assistant)
        separator = QAction(window)  # not addSeparator(): its QAction comes back as PySide's
        separator.setSeparator(True)  # QWidgetAction type, made for it (~0.4 ms, issue 18)
        separator.setMenuRole(no_role)
        file_menu.addAction(separator)
        quit_action = new_action(self.tr("&Quit"), window)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(window.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action  # its shortcut comes once the window is on screen

        language_menu = window.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(window)
        chosen = read_language(self.settings)
        for code, label in (("", self.tr("System default")), ("zh_TW", "繁體中文"),
                            ("en", "English")):
            action = new_action(label, window)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setMenuRole(no_role)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = window.menuBar().addMenu(self.tr("&Help"))
        licences = new_action(self.tr("Third-party &licences…"), window)
        licences.setMenuRole(no_role)
        licences.triggered.connect(self.show_licences)
        help_menu.addAction(licences)
        about = new_action(self.tr("&About OMIDesk"), window)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def add_shortcuts(self) -> None:
        """Quit's key (Ctrl+Q, ⌘Q: the system's), set once the window has been painted (the
        window's tab keys too): QKeySequence's type and its StandardKey enum cost the first
        paint ~1 ms (issue 18), and no key can be pressed in a window not yet on screen."""
        from PySide6.QtGui import QKeySequence

        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)  # (setShortcut: the
        # Qt namespace's enums, ~15 ms)

    def choose_language(self, code: str) -> None:
        """Switch now: Qt's and OMIDesk's translators, then every text on screen (relabel);
        the widgets whose texts follow their state retranslate on Qt's LanguageChange."""
        from .. import i18n
        from ..relabel import switch_language

        self.settings.setValue(LANGUAGE_KEY, code)
        old = i18n.current_lang()
        i18n.set_language(code or None)
        new = i18n.current_lang()
        if new != old:
            switch_language(old, new)

    def about(self) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox  # its type: not before the first paint

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About OMIDesk"),
                          self.tr("OMIDesk {version}\nA desktop client for the OMICard / "
                                  "NewerMail SMTP relay (沛盛資訊).").format(version=__version__),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(self.tr("OMIDesk uses Qt and Qt for Python (PySide6) under the "
                                       "GNU LGPL version 3, and other open-source software."))
        licences = box.addButton(self.tr("Third-party &licences…"),
                                 QMessageBox.ButtonRole.ActionRole)
        licences.clicked.connect(self.show_licences)
        self.about_box = box
        box.open()
        return box

    def show_licences(self) -> QWidget:
        """The notices of everything shipped (written into the bundle by the build)."""
        from ..licenses_dialog import LicensesDialog

        dialog = LicensesDialog(self.window)
        self.licences_dialog = dialog
        dialog.open()
        return dialog
