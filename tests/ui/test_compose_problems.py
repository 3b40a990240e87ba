"""Compose's inline problems move nothing (QA round 2, finding 22): a field in error is marked
in place and its reason is written on a line whose room is always kept, so the fields below
it, the text and the buttons stay where the user is about to click — when a problem comes,
when it goes, in 繁中 and in English (a real window at 1100×760)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from omidesk.core.account import Account
from omidesk.core.drafts import DraftStore
from omidesk.core.smtp import Security
from omidesk.ui import translations
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def compose(qtbot, tmp_path: Path) -> Iterator[ComposeTab]:
    set_language("en")
    session = Session(tmp_path, sent_log=None)
    session.set_account(Account(name="test", host="127.0.0.1", port=465,
                                security=Security.SSL, user="u", sender="me@example.com"), "pw")
    tab = ComposeTab(session, DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    yield tab
    set_language(None)


def where(tab: ComposeTab) -> dict[str, QRect]:
    """Everything the user may click next, in the tab's coordinates."""
    QApplication.processEvents()
    widgets: dict[str, QWidget] = {
        **{f"field {k}": e for k, e in tab.fields.items()},
        "attach": tab.attachment_list.add_button, "send": tab.send_button,
        "test": tab.test_button, "open": tab.open_eml_button, "change": tab.from_button,
    }
    return {name: QRect(w.mapTo(tab, QPoint(0, 0)), w.size()) for name, w in widgets.items()}


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Typed as a user does: ASCII as keys, the rest through the input method (「；」 too)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(edit, char)
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(char)
            QApplication.sendEvent(edit, commit)


def mark_shown(edit: QLineEdit) -> bool:
    return any(a.isVisible() for a in edit.actions())


def test_a_wrong_address_marks_its_field_and_moves_nothing(compose: ComposeTab, qtbot) -> None:
    """No field or button moves; the line under Subject takes room at its first problem (the
    text gets it before, QA4 #16) and keeps it: a problem that goes, or comes again, moves
    nothing at all."""
    fields, line = compose.address_fields, compose.address_fields.problem_line
    before = where(compose)
    assert not line.isVisible()  # nothing wrong yet: no room taken from the text
    compose.to_edit.setFocus()
    type_into(qtbot, compose.to_edit, "a1@qa2corp.com.tw；王小明 <a2@")
    assert fields.problem("to") == ""  # the second is still being typed: not judged yet
    qtbot.mouseClick(compose.subject_edit, Qt.MouseButton.LeftButton)  # the QA's next click
    assert compose.subject_edit.hasFocus()  # it landed where it was meant to
    reason = fields.problem("to")
    assert reason.startswith("To: “王小明 <a2@”"), reason
    assert mark_shown(compose.to_edit)  # the field is marked at once…
    assert compose.to_edit.accessibleDescription() == reason  # …for a screen reader too
    assert compose.to_edit.toolTip() == reason
    assert line.message() == reason and line.text.accessibleName() == reason
    assert line.text.text() == reason  # it fits: shown whole
    assert where(compose) == before  # no field, no button moved
    QApplication.processEvents()
    subject = compose.subject_edit.geometry()
    assert line.isVisible() and line.y() > subject.y() + subject.height() - 1  # under Subject
    line_at, editor_at = line.geometry(), compose.editor.geometry()
    compose.to_edit.setFocus()
    qtbot.keyClick(compose.to_edit, Qt.Key.Key_End)
    qtbot.keyClicks(compose.to_edit, "example.com>")  # marked: judged as it is typed
    assert fields.problem("to") == "" and line.message() == "" and line.text.text() == ""
    assert not mark_shown(compose.to_edit) and compose.to_edit.toolTip() == ""
    assert where(compose) == before and line.geometry() == line_at  # its room is kept
    assert compose.editor.geometry() == editor_at
    compose.fields["cc"].setText("x@")
    compose.address_fields.check("cc")  # a problem again: nothing moves this time
    assert line.message() and where(compose) == before and line.geometry() == line_at
    assert compose.editor.geometry() == editor_at


@pytest.mark.parametrize("key", ["cc", "bcc", "reply_to"])
def test_every_address_field_keeps_the_layout(compose: ComposeTab, qtbot, key: str) -> None:
    fields, edit = compose.address_fields, compose.fields[key]
    before = where(compose)
    edit.setFocus()
    qtbot.keyClicks(edit, "x@, ")  # a finished entry is judged while typing
    assert fields.problem(key) and mark_shown(edit)
    assert fields.problem_line.message() == fields.problem(key)
    assert where(compose) == before
    edit.selectAll()
    qtbot.keyClicks(edit, "ok@example.com")
    assert fields.problem(key) == "" and not mark_shown(edit)
    assert where(compose) == before


def test_send_marks_every_field_in_the_forms_order(compose: ComposeTab, qloop) -> None:
    """A Send with two wrong fields and a wrong subject: each field marked, the reasons on the
    one line in the form's order, nothing sent, nothing moved; the long line ends in "…" and
    says it all in its tool tip."""
    before = where(compose)
    compose.fields["cc"].setText("bad-cc")
    compose.fields["reply_to"].setText("bad-reply")
    compose.subject_edit.setText("a\x00b")
    assert qloop.run_until_complete(compose.send()) is None
    fields, line = compose.address_fields, compose.address_fields.problem_line
    assert all(fields.problem(k) for k in ("cc", "reply_to", "subject"))
    assert fields.problem("to") == "" and fields.problem("bcc") == ""
    assert line.message() == " ".join(fields.problem(k) for k in ("cc", "reply_to", "subject"))
    assert line.text.text().endswith("…") and line.toolTip() == line.message()
    assert compose.result_label.text() == "Nothing was sent: correct the marked fields."
    assert where(compose) == before


def test_the_sender_is_marked_on_the_from_line(compose: ComposeTab, qloop) -> None:
    compose.session.set_account(Account(name="test", host="127.0.0.1", port=465,
                                        security=Security.SSL, user="u",
                                        sender="me@@example.com"), "pw")
    compose.to_edit.setText("ok@example.com")
    before = where(compose)
    assert qloop.run_until_complete(compose.send()) is None
    reason = compose.address_fields.problem("from")
    assert reason and compose.address_fields.problem_line.message() == reason
    assert compose.from_line.icon.pixmap() is not None
    assert not compose.from_line.icon.pixmap().isNull()
    assert compose.from_label.accessibleDescription() == reason
    assert where(compose) == before


def test_warnings_that_come_move_no_button(compose: ComposeTab, tmp_path: Path) -> None:
    """Eleven public recipients, the attachment reminder, an attachment over the limit: each
    shortens the text; the fields, the Attach and Send buttons stay."""
    before = where(compose)
    editor_top = compose.editor.mapTo(compose, QPoint(0, 0))
    compose.to_edit.setText(", ".join(f"u{i}@example.com" for i in range(11)))
    assert compose.address_fields.public_warning.isVisible()
    compose.editor.setPlainText("附件如附")
    assert compose.reminder_label.isVisible()
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: 21 MB on paper
    compose.add_attachments([big])
    assert compose.attachment_list.size_warning.isVisible()
    after = where(compose)
    assert {k: v for k, v in after.items() if k != "attach"} == \
        {k: v for k, v in before.items() if k != "attach"}
    # the file's line comes above the Attach row: that row stays where it was clicked
    assert after["attach"] == before["attach"]
    assert compose.editor.mapTo(compose, QPoint(0, 0)) == editor_top


def test_the_reason_in_chinese_and_after_a_live_switch(compose: ComposeTab, qtbot) -> None:
    from PySide6.QtCore import QStandardPaths

    compose.fields["cc"].setText("王小明")
    compose.address_fields.check("cc")
    assert compose.address_fields.problem("cc").startswith("Cc: ")
    QStandardPaths.setTestModeEnabled(True)
    try:
        set_language("zh_TW")
        assert translations.install("zh_TW")
        QApplication.processEvents()
        reason = compose.address_fields.problem("cc")
        assert reason.startswith("副本：「王小明」不是有效的電子郵件地址")
        assert compose.address_fields.problem_line.message() == reason
        assert compose.fields["cc"].accessibleDescription() == reason
    finally:
        set_language("en")
        translations.install("en")
        QStandardPaths.setTestModeEnabled(False)
    QApplication.processEvents()
    assert compose.address_fields.problem("cc").startswith("Cc: ")


def test_a_note_under_the_text_goes_when_its_cause_does(compose: ComposeTab,
                                                         tmp_path: Path) -> None:
    """"Not attached: … is a folder" stays until the attachments change (then it is about
    something else); the line under the text takes no room once it is gone."""
    compose.add_attachments([tmp_path])
    note = compose.body_error
    assert note.isVisible() and note.text().startswith("Not attached:")
    assert "is a folder" in note.text()
    before = where(compose)
    (tmp_path / "ok.txt").write_text("x")
    compose.add_attachments([tmp_path / "ok.txt"])
    assert note.isHidden()
    after = where(compose)
    assert {k: after[k] for k in after if k.startswith("field")} == \
        {k: before[k] for k in before if k.startswith("field")}
    assert after["send"] == before["send"]
