from __future__ import annotations

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.merge import (check_fields, fields_used, render_draft, render_html,
                                render_subject, render_text)
from omidesk.core.message import Draft, build_message
from omidesk.core.recipients import load_csv, parse_pasted


def test_fields_used_and_literal_braces():
    assert fields_used("{{ 姓名 }} {{姓名|您好}} {{Company}} {{{{not}} {{}}") == \
        ["姓名", "Company"]
    assert render_text("{{{{name}} = {{name}}", {"name": "王"}) == "{{name}} = 王"


def test_fallback():
    tpl = "{{姓名|您好}}，{{ 公司 | 貴公司 }}"
    assert render_text(tpl, {"姓名": "王小明", "公司": "甲"}) == "王小明，甲"
    assert render_text(tpl, {"姓名": "  ", "公司": ""}) == "您好，貴公司"
    assert render_text(tpl, {}) == "您好，貴公司"
    assert render_text("Hi {{name}}!", {"Name": "Ann"}) == "Hi Ann!"  # case-insensitive


def test_unknown_field_blocks_in_both_languages():
    with pytest.raises(ValidationError) as err:
        check_fields(["Hi {{姓名}}", None, "<p>{{公司}} {{Phone|x}}</p>"], ["姓名", "Email"])
    exc = err.value
    assert exc.code == "unknown_field" and exc.field == "body"
    assert "{{公司}}" in exc.text.en and "{{Phone}}" in exc.text.en
    assert "{{公司}}" in exc.text.zh and "未知的合併欄位" in exc.text.zh
    check_fields(["{{ 姓名 }}", "<p>{{email|x}}</p>"], ["姓名", "Email"])  # no error


def test_html_escaping():
    out = render_html('<p title="{{n}}">Hi {{n}}</p>', {"n": '<script>alert("x")</script>'})
    assert "<script>" not in out
    assert out == ('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">'
                   'Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>')


def test_url_encoding_in_href_and_src():
    values = {"q": "a b&c 中文", "link": "https://example.com/a b?x=1&y=2",
              "js": "javascript:alert(1)"}
    out = render_html('<a class="x" href="https://example.com/s?q={{q}}&amp;z=1">{{q}}</a>'
                      "<img src='https://example.com/{{q}}.png'>"
                      '<a href={{link}}>l</a><a href="{{js}}">j</a>', values)
    assert 'href="https://example.com/s?q=a%20b%26c%20%E4%B8%AD%E6%96%87&amp;z=1"' in out
    assert ">a b&amp;c 中文</a>" in out
    assert "src='https://example.com/a%20b%26c%20%E4%B8%AD%E6%96%87.png'" in out
    assert 'href="https://example.com/a%20b?x=1&amp;y=2"' in out
    assert 'href="javascript%3Aalert%281%29"' in out


def test_percent_encoded_placeholder_in_link():
    tpl = '<a href="https://x.tw/?n=%7B%7B%E5%A7%93%E5%90%8D%7D%7D">x</a>'
    assert fields_used(tpl) == ["姓名"]
    assert render_html(tpl, {"姓名": "王 小"}) == (
        '<a href="https://x.tw/?n=%E7%8E%8B%20%E5%B0%8F">x</a>')


def test_subject_line_breaks_neutralised():
    out = render_subject("Hello {{name}}", {"name": "Ann\r\nBcc: evil@example.com\nX"})
    assert "\r" not in out and "\n" not in out
    assert out == "Hello Ann Bcc: evil@example.com X"
    msg = build_message(Draft(from_addr="me@example.com", to=["a@example.com"], subject=out,
                              text="x")).message
    assert msg["Bcc"] is None


def test_render_draft_builds_message_to_the_row():
    lst = load_csv("姓名,Email,連結\n王小明,wang＠example.com,a b\n".encode("cp950"))
    row = lst.ok_rows()[0]
    draft = Draft(from_addr="me@example.com", subject="{{姓名|您好}}，通知",
                  html='<p>{{姓名}} <a href="https://x.tw/{{連結}}">連結</a></p>',
                  text="{{姓名}}您好", to=["placeholder@example.com"])
    check_fields([draft.subject, draft.html, draft.text], lst.columns)
    rendered = render_draft(draft, row)
    assert draft.subject == "{{姓名|您好}}，通知"  # the original is untouched
    assert rendered.subject == "王小明，通知" and rendered.text == "王小明您好"
    assert 'href="https://x.tw/a%20b"' in rendered.html
    out = build_message(rendered)
    assert out.rcpt_to == ("wang@example.com",)
    assert out.message["To"].addresses[0].addr_spec == "wang@example.com"
    assert out.message["To"].addresses[0].display_name == "王小明"
    assert out.message["Subject"] == "王小明，通知"


def test_render_draft_without_name_column():
    row = parse_pasted("solo@example.com").rows[0]
    rendered = render_draft(Draft(from_addr="me@example.com", subject="Hi {{name|there}}",
                                  text="x"), row)
    assert rendered.to == ["solo@example.com"] and rendered.subject == "Hi there"
    assert build_message(rendered).rcpt_to == ("solo@example.com",)


# -- merge fields through formatting -----------------------------------------------------------

def test_a_placeholder_split_by_formatting_keeps_the_formatting_around_the_value():
    from omidesk.core.merge import join_split_fields, render_html

    values = {"姓名": "<王&小明>", "公司": "沛盛"}
    bold = '<span style=" font-weight:700;">'  # what Qt's rich-text editor writes
    cases = {
        f"{{{{{bold}姓名</span>}}}}": f"{bold}&lt;王&amp;小明&gt;</span>",
        f"{bold}{{{{姓</span>名}}}}": f"{bold}&lt;王&amp;小明&gt;</span>",
        '<span style="color:#ff0000">{{</span>公司}}': '<span style="color:#ff0000"></span>沛盛',
        "{<i>{ 姓名 }</i>}": "<i>&lt;王&amp;小明&gt;</i>",
        "<b>{{姓名|朋友</b>}}": "<b>&lt;王&amp;小明&gt;</b>",
    }
    for template, expected in cases.items():
        assert render_html(template, values) == expected, template
    # not across paragraphs, and a literal {{{{ stays literal
    assert join_split_fields("<p>{{</p><p>公司}}</p>") == "<p>{{</p><p>公司}}</p>"
    assert render_html("{{{{<b>姓名</b>}}", values) == "{{<b>姓名</b>}}"


def test_an_unknown_split_field_is_named_without_html():
    from omidesk.core.mailing import SendMode, check_message, merge_fields

    draft = Draft(from_addr="a@example.com", subject="s",
                  html='<p>{{<span style=" font-weight:700;">電話</span>}} {{姓名}}</p>')
    assert merge_fields(draft) == ["電話", "姓名"]
    with pytest.raises(ValidationError) as err:
        check_message(draft, ["姓名", "Email"], SendMode.INDIVIDUAL)
    assert "{{電話}}" in err.value.text.en and "<span" not in err.value.text.en
    assert "<span" not in err.value.text.zh


# -- QA5 #18: full-width braces, near misses ---------------------------------------------------


def test_full_width_and_mixed_braces_are_the_same_field():
    values = {"姓名": "王一"}
    assert fields_used("｛｛姓名｝｝ {{姓名｝｝ ｛｛ 公司|貴公司 ｝｝") == ["姓名", "公司"]
    assert render_text("親愛的 ｛｛姓名｝｝ 您好, {{姓名｝｝", values) == "親愛的 王一 您好, 王一"
    assert render_subject("｛｛姓名｝｝ 報價", values) == "王一 報價"
    assert render_html('<a href="https://x.tw/?n=｛｛姓名｝｝">｛｛<b>姓</b>名｝｝</a>',
                       values) == '<a href="https://x.tw/?n=%E7%8E%8B%E4%B8%80"><b>王一</b></a>'
    assert render_text("｛｛｛｛姓名｝｝ and ｛not｝", values) == "｛｛姓名｝｝ and ｛not｝"


@pytest.mark.parametrize("typed", ["{姓名}", "{{姓名}", "{姓名}}", "｛ 姓名 ｝", "{Name}"])
def test_a_near_miss_around_a_column_is_refused(typed):
    with pytest.raises(ValidationError) as caught:
        check_fields([f"親愛的 {typed} 您好"], ["姓名", "Email"])
    assert caught.value.code == "near_miss_field" and caught.value.field == "body"
    assert typed in caught.value.text.en and "{{" in caught.value.text.zh
    assert "不是合併欄位" in caught.value.text.zh


def test_braces_around_what_is_not_a_column_are_text():
    check_fields(["{a:1} {備註} {{{{姓名}} {{姓名}} function() { return 1; }"], ["姓名"])


def test_an_unknown_field_is_named_before_any_near_miss():
    with pytest.raises(ValidationError) as caught:
        check_fields(["｛｛公司｝｝ {姓名}"], ["姓名"])
    assert caught.value.code == "unknown_field" and "{{公司}}" in caught.value.text.en
