"""richtext.mail_html on real QTextDocument.toHtml() output (captured from PySide6 6.x)."""

from __future__ import annotations

from omidesk.core.htmltext import html_to_text
from omidesk.core.richtext import DEFAULT_FONT_STACK, mail_html

HEAD = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN" "http://www.w3.org/TR/REC-html40/strict.dtd">\n'
        '<html><head><meta name="qrichtext" content="1" /><meta charset="utf-8" />'
        '<style type="text/css">\np, li { white-space: pre-wrap; }\nhr { height: 1px; border-width: 0; }\n'
        'li.unchecked::marker { content: "\\2610"; }\nli.checked::marker { content: "\\2612"; }\n'
        "</style></head><body style=\" font-family:'Sans Serif'; font-size:9pt; font-weight:400; "
        'font-style:normal;">\n')
P = ' margin-top:0px; margin-bottom:0px; margin-left:0px; margin-right:0px; -qt-block-indent:0; text-indent:0px;'

QT_SAMPLE = HEAD + (
    f'<p style="{P}">Hello <span style=" font-weight:700;">粗體</span>   three '
    '<a href="https://x.tw/?a=1&amp;b=2"><span style=" text-decoration: underline; color:#0000ff;">'
    'link</span></a> &lt;tag&gt;</p>\n'
    f'<p style="-qt-paragraph-type:empty;{P}"><br /></p>\n'
    '<ul style="margin-top: 0px; margin-bottom: 0px; margin-left: 0px; margin-right: 0px; -qt-list-indent: 1;">\n'
    f'<li style="{P}">one</li>\n<li style="{P}">two</li></ul>\n'
    '<ol style="margin-top: 0px; margin-bottom: 0px; margin-left: 0px; margin-right: 0px; -qt-list-indent: 2;">\n'
    f'<li style="{P}">a</li></ol>\n'
    f'<p style="{P.replace("-qt-block-indent:0", "-qt-block-indent:2")}">第三行</p>\n'
    f'<p style="{P}"><img src="cid:img1.abc@example.com" width="10" /></p>\n'
    f'<p align="center" style="{P}"><span style=" text-decoration: line-through; color:#ff0000; '
    'background-color:#ffff00;">red</span></p></body></html>'
)


def test_no_qt_css_and_font_stack() -> None:
    out = mail_html(QT_SAMPLE)
    assert "-qt-" not in out
    assert "qrichtext" not in out and "<style" not in out
    assert DEFAULT_FONT_STACK in out
    assert "9pt" not in out and "Sans Serif" not in out
    assert "font-size:10.5pt" in out
    assert out.startswith("<!DOCTYPE html>")


def test_content_kept() -> None:
    out = mail_html(QT_SAMPLE)
    assert '<span style="font-weight:700;">粗體</span>' in out
    assert '<a href="https://x.tw/?a=1&amp;b=2">' in out
    assert '<img src="cid:img1.abc@example.com" width="10">' in out
    assert "&lt;tag&gt;" in out
    assert "&nbsp;&nbsp; three" in out  # runs of spaces survive without pre-wrap
    assert 'align="center"' in out and "line-through" in out and "background-color:#ffff00" in out
    text = html_to_text(out)
    assert "粗體" in text and "第三行" in text and "one" in text


def test_empty_paragraph_and_lists() -> None:
    out = mail_html(QT_SAMPLE)
    assert '<p style="margin:0; text-indent:0px;">&nbsp;</p>' in out
    assert "<br" not in out
    assert '<ul style="margin-top:0px; margin-bottom:0px; margin-right:0px; margin-left:24px;">' in out
    assert "margin-left:48px;" in out  # second list level
    assert "margin-left:80px;" in out  # -qt-block-indent:2
    assert "margin-left: 0px" not in out


def test_custom_font_stack_and_plain_fragment() -> None:
    out = mail_html("<p>hi</p>", font_stack="Arial, sans-serif")
    assert 'font-family:Arial, sans-serif;' in out and "<p>hi</p>" in out


def test_a_table_in_the_text_part_is_one_line_of_tab_separated_cells_per_row() -> None:
    """Qt writes each cell as <td><p>…</p></td>: the text part keeps Excel's own shape (a
    pasted range, QA5 #2), not one paragraph per cell."""
    cell = f'<td>\n<p style="{P}">{{}}</p></td>'
    table = HEAD + (f'<p style="{P}">報價：</p>\n<table border="1" cellspacing="2"><tr>\n'
                    + cell.format("品項") + cell.format("金額") + "</tr>\n<tr>\n"
                    + cell.format("A4 紙") + f'<td>\n<p style="{P}">1,200</p><p>元</p></td>'
                    + f'</tr></table>\n<p style="{P}">謝謝</p></body></html>')
    assert html_to_text(mail_html(table)) == "報價：\n\n品項\t金額\nA4 紙\t1,200 元\n\n謝謝\n"
    assert html_to_text("<table><tr><td>a<br>b<td>c<tr><td>d</table>") == "a b\tc\nd\n"
