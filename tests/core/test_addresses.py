from __future__ import annotations

import pytest

from omidesk.core.addresses import parse_mailbox, parse_mailboxes, split_address_list
from omidesk.core.errors import ValidationError


def test_names_and_lists():
    boxes = parse_mailboxes('王小明 <wang@example.com>; "Li, Da" <li@example.com>'
                            '\nchen@example.com',
                            field="to")
    assert [(b.name, b.addr) for b in boxes] == [
        ("王小明", "wang@example.com"), ("Li, Da", "li@example.com"), ("", "chen@example.com")]


def test_full_width_at_and_idn_domain():
    assert parse_mailbox("wang＠example.com", field="to").addr == "wang@example.com"
    assert parse_mailbox("info@例子.台灣", field="to").addr == "info@xn--fsqu00a.xn--kpry57d"


@pytest.mark.parametrize("entry", ["nope", "a@b", "a@@example.com", "<>", "王@example.com"])
def test_invalid_addresses_name_the_field(entry):
    with pytest.raises(ValidationError) as err:
        parse_mailbox(entry, field="cc")
    assert err.value.code == "invalid_address" and err.value.field == "cc"
    assert "副本" in err.value.text.zh and "Cc" in err.value.text.en


def test_display_name_line_break_is_refused():
    with pytest.raises(ValidationError) as err:
        parse_mailbox("x@example.com", field="from", name="Boss\r\nBcc: all@example.com")
    # The name's own field (--from-name, the Account tab's name), not the address's.
    assert err.value.code == "header_line_break" and err.value.field == "from_name"


def test_split_keeps_quoted_commas():
    assert split_address_list('"A, B" <a@x.com>, c@y.com') == ['"A, B" <a@x.com>', "c@y.com"]


@pytest.mark.parametrize("typed", [
    "a1@example.com；a2@example.com", "a1@example.com，a2@example.com",
    "王小明 <a1@example.com>、李大華 <a2@example.com>", "a1@example.com ； a2@example.com",
])
def test_full_width_separators_split_like_half_width_ones(typed):
    """QA2 #22: what a Chinese input method types between addresses (，；、) separates them;
    a quoted name keeps its own."""
    assert [m.addr for m in parse_mailboxes(typed, field="to")] == \
        ["a1@example.com", "a2@example.com"]
    assert split_address_list('"王、李" <a@x.com>；c@y.com') == ['"王、李" <a@x.com>', "c@y.com"]


@pytest.mark.parametrize(("entry", "zh"), [
    ("li@example", "應該含有句點"),
    ("li.example.com", "缺少 @ 符號"),
    ("@example.com", "@ 前面沒有內容"),
    ("li@", "@ 後面沒有內容"),
    ("li..wang@example.com", "不能有連續兩個句點"),
    ("li@exa mple.com", "@ 後面含有無效的字元"),
    ("li@example.com extra", "無效的字元"),
    ("王@example.com", "@ 前面不支援中文等非英數字元"),
    ("li@x.invalid", "保留或特殊用途"),
])
def test_the_validators_reasons_in_chinese(entry, zh):
    """Issue 17 / QA finding 8: 「li@example」不是有效的電子郵件地址（The part after the
    @-sign …）: email-validator's English inside the 繁中 message."""
    from tests.helpers.zh_text import english_words

    with pytest.raises(ValidationError) as caught:
        parse_mailbox(entry, field="to")
    chinese = caught.value.text.zh
    assert zh in chinese and english_words(chinese) == [], chinese
    assert "is not a valid e-mail address" in caught.value.text.en
