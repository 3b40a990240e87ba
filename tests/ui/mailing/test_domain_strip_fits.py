"""The sender-domain strip in the Mailing tab's preview keeps a usable field (QA3 leftovers,
item 5): at the width a 1100×760 window gives the preview, "Send the test to another
address:" goes above the field and its button instead of squeezing the field to a few pixels
(it was 28 px wide); where there is room (a wide window) they stay on one line. Both
languages; the domain not ready on dnsmasq (tests/helpers/dns_servers.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from omidesk.ui.i18n import set_language
from tests.ui.mailing.test_domain_gate import company_account, gated  # noqa: F401 (fixture)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_field_keeps_room_for_an_address_in_the_preview(gated, qloop,  # noqa: F811
                                                           smtp_server, lang, request) -> None:
    set_language(lang)
    if lang != "en":
        request.getfixturevalue("chinese_ui")
    server = smtp_server(tls="implicit")
    tab = gated("sales@notcovered.com.tw")
    tab.resize(1080, 700)  # the Mailing tab's part of a 1100×760 window
    tab.session.set_account(company_account(server, "sales@notcovered.com.tw"),
                            server.password)
    assert qloop.run_until_complete(tab.send_test_to_self()) is None  # held: not ready
    QApplication.processEvents()
    strip = tab.preview_panel.domain_status
    field, button, label = strip.recipient, strip.send_button, strip.recipient_label
    assert strip.send_row.isVisible()
    wide_enough = field.fontMetrics().horizontalAdvance("name.surname@gmail.com")
    assert field.width() > wide_enough
    assert button.width() >= button.sizeHint().width()  # its text whole

    def right(widget) -> int:  # type: ignore[no-untyped-def]
        return widget.mapTo(strip, QPoint(widget.width(), 0)).x()

    assert right(button) <= strip.width() and right(label) <= strip.width()
    assert label.mapTo(strip, QPoint(0, 0)).y() < field.mapTo(strip, QPoint(0, 0)).y()
    tab.resize(2400, 700)  # room enough: the label beside the field, one line
    QApplication.processEvents()
    assert label.mapTo(strip, QPoint(0, 0)).y() <= field.mapTo(strip, QPoint(0, 0)).y() + \
        field.height() // 2 and field.mapTo(strip, QPoint(0, 0)).x() > right(label) - 1
