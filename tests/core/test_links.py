"""core/links.link_target: what a link typed in Compose's link dialog goes to (QA5 #15)."""

from __future__ import annotations

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.links import link_target


@pytest.mark.parametrize(("typed", "href"), [
    ("www.itpison.com", "https://www.itpison.com"),
    ("  itpison.com/價目表?a=1 ", "https://itpison.com/價目表?a=1"),
    ("example.com.tw:8080/x", "https://example.com.tw:8080/x"),
    ("sales@qa5.tw", "mailto:sales@qa5.tw"),
    ("https://example.com/", "https://example.com/"),
    ("HTTP://example.com", "HTTP://example.com"),
    ("mailto:li@example.com?subject=hi", "mailto:li@example.com?subject=hi"),
    ("tel:+886-2-1234-5678", "tel:+886-2-1234-5678"),
])
def test_what_outlook_makes_of_a_typed_address(typed: str, href: str) -> None:
    assert link_target(typed) == href


@pytest.mark.parametrize(("typed", "en", "zh"), [
    ("", "Type the address", "請輸入連結"),
    ("https://", "Type the address", "請輸入連結"),
    ("javascript:alert(1)", "A javascript: link does not work", "javascript: 連結在郵件中無法"),
    ("file:///C:/Users/li/報價.pdf", "A file: link", "file: 連結"),
    ("page.html", "not a whole address", "不是完整的網址"),
    ("報價單", "not a whole address", "不是完整的網址"),
    ("https:///x", "names no server", "沒有指明伺服器"),
    ("www.example.com/a b", "has a space", "有空格"),
])
def test_an_address_that_is_no_link_in_a_message_is_refused_saying_why(
        typed: str, en: str, zh: str) -> None:
    with pytest.raises(ValidationError) as caught:
        link_target(typed)
    assert caught.value.code == "link_invalid" and caught.value.field == "link"
    assert en in caught.value.text.en and zh in caught.value.text.zh
