"""Files handed to the app from outside (omidesk FILE.eml, a second start, macOS open events):
the message opens on the Compose tab, a message being written is never replaced unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QMessageBox

from omidesk.core.secrets import SecretStore
from omidesk.ui.file_open import FileOpener
from omidesk.ui.main_window import MainWindow
from tests.helpers.app_process import write_eml


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring):
    win = MainWindow(secrets=SecretStore())
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def eml(tmp_path: Path) -> Path:
    return write_eml(tmp_path / "十一月報價.eml", "十一月報價單", text=None,
                     html="<p>您好，<b>附上報價</b>。</p>")


def boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_a_message_opens_on_the_compose_tab_once_the_window_is_there(window, eml):
    opener = FileOpener()
    opener.open([str(eml)], activate=True)  # before the window exists: it waits
    assert window.compose_tab.subject_edit.text() == ""
    opener.attach(window)
    compose = window.compose_tab
    assert window.tabs.currentWidget() is compose
    assert compose.subject_edit.text() == "十一月報價單"
    assert compose.fields["to"].text() == "李大華 <li@example.com>"
    assert "附上報價" in compose.editor.toPlainText()


def test_a_message_being_written_is_replaced_only_when_the_user_says_so(window, eml):
    compose = window.compose_tab
    compose.subject_edit.setText("寫到一半的信")
    opener = FileOpener()
    opener.attach(window)
    opener.open([str(eml)], activate=True)
    [box] = boxes(window)
    assert "十一月報價.eml" in box.text()
    keep = next(b for b in box.buttons() if "Keep" in b.text())
    keep.click()
    assert compose.subject_edit.text() == "寫到一半的信"
    opener.open([str(eml)], activate=False)
    [box] = boxes(window)
    next(b for b in box.buttons() if "Open it" in b.text()).click()
    assert compose.subject_edit.text() == "十一月報價單"


def test_macos_open_events_open_the_message(window, eml):
    opener = FileOpener()
    opener.attach(window)
    assert opener.file_open_event(QFileOpenEvent(str(eml))) is True
    assert window.compose_tab.subject_edit.text() == "十一月報價單"
    assert opener.file_open_event(QEvent(QEvent.Type.Show)) is False


def test_the_apps_qapplication_takes_open_events_sent_to_it(tmp_path, eml):
    """A real QApplication of the app's class in its own process (there is one per process):
    an open event sent to it before any window exists waits for the window."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from omidesk.app import create_application
app = create_application([])
QCoreApplication.sendEvent(app, QFileOpenEvent(sys.argv[1]))
print(type(app).__name__, app.opener._waiting)
"""
    done = subprocess.run([sys.executable, "-c", code, str(eml)], cwd=REPO, capture_output=True,
                          text=True, timeout=60,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Application [([{str(eml)!r}], True)]"


def test_other_files_are_named_and_not_opened(window, tmp_path, eml):
    other = tmp_path / "報價單.pdf"
    other.write_bytes(b"%PDF-1.4")
    opener = FileOpener()
    opener.attach(window)
    opener.open([str(other), str(eml), str(eml)], activate=False)
    [box] = boxes(window)
    assert "報價單.pdf" in box.text() and ".eml" in box.text()
    assert window.compose_tab.subject_edit.text() == "十一月報價單"  # the .eml still opens
    assert "1 more" in window.statusBar().toolTip()
    box.close()
