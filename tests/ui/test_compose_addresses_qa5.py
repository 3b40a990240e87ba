"""Compose's To field with two entries and no comma between them (QA round 5, finding 11), on
a real QApplication: the field is marked with the reason naming both addresses, in English and
in 繁中 after a live switch (the same core check refuses `omidesk send` before any connection:
tests/test_cli_addresses_qa5.py counts it at the server); with the comma the mark goes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from omidesk.ui.i18n import set_language
from tests.ui.test_compose_problems import compose  # noqa: F401 (the Compose tab fixture)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_two_entries_without_a_comma_mark_the_field(compose, chinese_ui) -> None:  # noqa: F811
    fields = compose.address_fields
    compose.fields["to"].setText("王小明 <a@qa5.tw> 李大華 <b@qa5.tw>")
    assert not fields.check("to")
    assert fields.problem("to") == ("To: “王小明 <a@qa5.tw> 李大華 <b@qa5.tw>” holds two "
                                    "addresses without a comma between them (a@qa5.tw and "
                                    "b@qa5.tw): separate them with a comma.")
    set_language("zh_TW")
    QApplication.processEvents()
    assert fields.problem("to") == ("收件者：「王小明 <a@qa5.tw> 李大華 <b@qa5.tw>」含有兩個地址，"
                                    "中間沒有逗號（a@qa5.tw 與 b@qa5.tw）：請用逗號分開。")
    set_language("en")
    compose.fields["to"].setText("王小明 <a@qa5.tw>, 李大華 <b@qa5.tw>")
    assert fields.check("to") and fields.problem("to") == ""
