"""The tab the window opens on is painted before the event loop's modules load: building it
must not import asyncio or qasync (which cost the first tab ~25 ms when an annotation pulled
asyncio in). tests/test_startup.py guards the window's frame; this guards the first tab."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

EVENT_LOOP = ("asyncio", "qasync", "aiosmtplib")
# Hidden until used: the Account tab makes its domain panel on first use (~25 ms, issue 18).
# OpenSSL's hashlib: not for the translation's cache name (~2 ms).
LATER = (*EVENT_LOOP, "omidesk.ui.widgets.domain_panel", "omidesk.ui.widgets.domain_strip",
         "omidesk.ui.widgets.domain_frame", "uuid", "_hashlib")

FIRST_TAB = '''
import sys
from omidesk.app import create_application, setup_language
app = create_application([], icon=False)  # as the app's start: the icon after the paint
setup_language()
from omidesk.ui.main_window import MainWindow
window = MainWindow(keychain_later=True)
window.tabs.setCurrentIndex({index})
window.show()
app.processEvents()
window.build_current_tab()
window.repaint()
assert window.built_tabs(), "the first tab was built"
print(",".join(m for m in {modules!r} if m in sys.modules))
'''


# Account (where a first start opens) and Options; Compose and the connection test hold tasks
# of the loop, and load asyncio with their module, as they always have.
@pytest.mark.parametrize("index", [0, 4])
def test_the_first_tab_is_painted_before_the_event_loop_loads(tmp_path, index):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "OMIDESK_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", FIRST_TAB.format(index=index,
                                                                    modules=LATER)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# What the Account tab of a new profile (a first start) is painted without (issue 18): PySide's
# types of the `Qt` namespace (~15 ms of enums) and of QStyle (~7 ms), the dialogs it opens on
# request, QKeySequence (Quit's key comes after the paint), QWidgetAction (a menu's separator
# made as a QAction), QSocketNotifier (the single-instance listener), QLibraryInfo (Qt's own
# translation: not in English), QIcon (its ThemeIcon enum, ~11 M instructions: the window icon
# comes after the paint; no QAction(text, parent) or QPushButton(text, parent), whose overload
# checks against (icon, text) make it; the show-password action joins its field with its icon),
# the options catalog, the address and DKIM parsers, a server's
# configuration (the profile's presets only), datetime, platform and unicodedata (its names are
# printable), and the record of damaged profiles (none here).
ACCOUNT_TAB_LATER = (*LATER, "omidesk.core.options.catalog", "omidesk.core.options.model",
                     "omidesk.core.addresses", "omidesk.core.domain.names", "datetime",
                     "platform", "omidesk.core.smtp.config", "unicodedata",
                     "omidesk.ui.profiles_reset")
ACCOUNT_TAB = FIRST_TAB.replace('print(",".join', '''
import PySide6.QtCore as core, PySide6.QtWidgets as widgets
import PySide6.QtGui as gui
types = [name for module, name in ((core, "Qt"), (widgets, "QStyle"), (widgets, "QMessageBox"),
                                   (widgets, "QInputDialog"), (gui, "QKeySequence"),
                                   (widgets, "QWidgetAction"), (core, "QSocketNotifier"),
                                   (core, "QLibraryInfo"), (gui, "QIcon"))
         if isinstance(vars(module).get(name), type)]
field = window.account_tab.password_edit
icon = window.account_tab.show_password.icon().isNull(), len(field.actions())
from PySide6.QtCore import Qt  # (after the types are listed)
defaults = window.account_tab.defaults_box.defaults_label
selectable = lambda: bool(defaults.textInteractionFlags()
                          & Qt.TextInteractionFlag.TextSelectableByMouse)
plain = not selectable()
from PySide6.QtWidgets import QLabel
made = [l.objectName() for l in window.findChildren(QLabel) if l.objectName().startswith("error_")]
app.processEvents()  # one turn of the event loop: the password field's action and icon
print(",".join(types), *icon, window.account_tab.show_password.icon().isNull(),
      field.actions() == [window.account_tab.show_password], plain, selectable(), made)
print(",".join''')


def test_the_account_tab_is_painted_without_the_qt_namespace_or_the_style(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "OMIDESK_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", ACCOUNT_TAB.format(
        index=0, modules=ACCOUNT_TAB_LATER)], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    types, loaded = result.stdout.splitlines()
    # No such type made; the show-password action, and the defaults' text selectable (a
    # QTextDocument, ~3 M instructions), one turn later; no field's error label (none to show)
    assert types == " True 0 False True True True []"
    assert loaded == ""
