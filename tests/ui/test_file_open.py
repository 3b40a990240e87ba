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


# -- what the note says (QA finding 13) -----------------------------------------------------


def note(window: MainWindow) -> str:
    return window.compose_tab.result_label.text()


def test_the_note_of_the_previous_message_goes_with_it(window, eml, tmp_path):
    from tests.core.test_drafts import _deep_eml

    opener = FileOpener()
    opener.attach(window)
    (tmp_path / "deep.eml").write_bytes(_deep_eml(3000))
    opener.open([str(tmp_path / "deep.eml")], activate=False)
    assert "not all of it" in note(window)
    window.compose_tab.load_draft(window.compose_tab.draft().__class__())  # a fresh page
    opener.open([str(eml)], activate=False)
    assert window.compose_tab.subject_edit.text() == "十一月報價單"
    assert note(window) == ""  # deep.eml's note is not this message's


@pytest.mark.parametrize(("content", "said"), [
    (bytes(range(256)) * 200, "is not an e-mail message"),
    ("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".encode("latin-1") + b"\x00" * 50, "is not an e-mail message"),
    (b"", "is empty"),
    (b"\r\n\r\n  \n", "is empty"),
], ids=["binary", "pdf", "empty", "blank lines"])
def test_a_file_that_is_no_message_opens_nothing_and_says_why(window, tmp_path, content,
                                                              said):
    compose = window.compose_tab
    compose.subject_edit.setText("寫到一半的信")
    path = tmp_path / "附件.eml"
    path.write_bytes(content)
    assert not compose.open_eml_from(path)
    assert compose.subject_edit.text() == "寫到一半的信"  # nothing written is lost
    assert "could not be opened" in note(window) and said in note(window), note(window)
    assert "附件.eml" in note(window)


def test_an_encoded_line_break_in_the_subject_is_neutralised_and_said(window, tmp_path):
    import base64

    evil = base64.b64encode("報價\r\nBcc: evil@elsewhere.com.tw".encode()).decode()
    path = tmp_path / "evil.eml"
    path.write_bytes(f"From: sales@example.com.tw\r\nTo: li@example.com\r\nSubject: "
                     f"=?utf-8?b?{evil}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
                     "charset=utf-8\r\n\r\nhello\r\n".encode())
    compose = window.compose_tab
    assert compose.open_eml_from(path)
    assert compose.subject_edit.text() == "報價 Bcc: evil@elsewhere.com.tw"
    assert compose.draft().bcc == [] and compose.fields["bcc"].text() == ""
    said = note(window)
    assert "subject held line breaks or control characters" in said, said
    assert "replaced by spaces" in said


def test_the_notes_in_chinese(window, tmp_path):
    from omidesk.core.eml import open_eml
    from omidesk.core.errors import ValidationError

    (tmp_path / "e.eml").write_bytes(b"")
    with pytest.raises(ValidationError) as err:
        open_eml(tmp_path / "e.eml", tmp_path / "att")
    assert err.value.code == "eml_empty" and "是空的" in err.value.message("zh_TW")
    (tmp_path / "b.eml").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(ValidationError) as err:
        open_eml(tmp_path / "b.eml", tmp_path / "att")
    assert err.value.code == "eml_not_a_message" and "不是電子郵件" in err.value.message("zh_TW")
    import base64

    notes: list = []
    subject = base64.b64encode("報價\r\nBcc: x@y.tw".encode())
    (tmp_path / "s.eml").write_bytes(b"From: a@example.com\r\nSubject: =?utf-8?b?" + subject
                                     + b"?=\r\n\r\nhi\r\n")
    draft = open_eml(tmp_path / "s.eml", tmp_path / "att", notes=notes)
    assert draft.subject == "報價 Bcc: x@y.tw"
    assert [n.zh for n in notes] == [
        "主旨含有換行或控制字元（藏在編碼中），已改為空格：「報價 Bcc: x@y.tw」"]
