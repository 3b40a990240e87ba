"""The menus' roles (on macOS Quit and About go to the application menu) and the third-party
licence notices opened from the About box and the Help menu."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton

from omidesk.core.secrets import SecretStore
from omidesk.ui import licenses_dialog
from omidesk.ui.licenses_dialog import LicensesDialog
from omidesk.ui.main_window import MainWindow
from tests.conftest import REPO


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring):
    win = MainWindow(secrets=SecretStore())
    qtbot.addWidget(win)
    return win


def menu_actions(window: MainWindow) -> dict[str, QAction]:
    actions = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            actions[action.text().replace("&", "")] = action
    return actions


def test_every_action_has_an_explicit_menu_role(window):
    actions = menu_actions(window)
    roles = {text: action.menuRole() for text, action in actions.items()}
    assert roles.pop("Quit") == QAction.MenuRole.QuitRole
    assert roles.pop("About OMIDesk") == QAction.MenuRole.AboutRole
    assert roles and set(roles.values()) == {QAction.MenuRole.NoRole}  # no guess by the text


@pytest.fixture
def notices(tmp_path, monkeypatch):
    sys.path.insert(0, str(REPO / "packaging"))
    import licenses
    import spec_common

    target = tmp_path / licenses.FILE_NAME
    licenses.write_notices(target, app_version="0.0.1", excludes=spec_common.EXCLUDES)
    monkeypatch.setattr(licenses_dialog, "NOTICES", target)
    return target


def test_the_about_box_opens_the_notices(window, qtbot, notices):
    box = window.menus.about()
    assert "LGPL" in box.informativeText()
    button = next(b for b in box.findChildren(QPushButton) if "licences" in b.text())
    button.click()
    dialog = window.menus.licences_dialog
    assert isinstance(dialog, LicensesDialog) and dialog.isVisible() and dialog.found
    text = dialog.text.toPlainText()
    assert text == notices.read_text(encoding="utf-8") and "PySide6" in text
    assert dialog.text.isReadOnly() and dialog.show_file.isEnabled()
    dialog.find_edit.setText("Replacing the Qt libraries")
    assert dialog.find_next()
    assert dialog.text.textCursor().selectedText() == "Replacing the Qt libraries"
    dialog.find_edit.setText("not in the notices at all")
    assert not dialog.find_next()
    dialog.close()
    box.close()


def test_the_help_menu_opens_the_notices_too(window, notices):
    menu_actions(window)["Third-party licences…"].trigger()
    assert window.menus.licences_dialog.isVisible() and window.menus.licences_dialog.found
    window.menus.licences_dialog.close()


def test_run_from_source_the_dialog_says_how_to_write_the_notices(window, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(licenses_dialog, "NOTICES", tmp_path / "missing.txt")
    dialog = window.menus.show_licences()
    assert not dialog.found and not dialog.show_file.isEnabled()
    assert "packaging/licenses.py" in dialog.text.toPlainText()
    dialog.close()
    assert isinstance(window.menus.about(), QMessageBox)
    window.menus.about_box.close()
