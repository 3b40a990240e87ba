"""QTextDocument.toHtml() -> HTML that mail clients (Outlook first) render as the user saw it.

Qt writes CSS only Qt reads (-qt-block-indent, -qt-paragraph-type:empty, -qt-list-indent), the
widget's own font on <body> (often 9 pt 'Sans Serif'), lists with margin-left:0 (Outlook then
drops the bullets) and empty paragraphs as <p style="margin-top:0">…<br /></p> (Outlook collapses
them). This module rewrites the markup tag by tag with html.parser; text, links and
<img src="cid:…"> are kept as they are."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DEFAULT_FONT_STACK = "'Microsoft JhengHei', 微軟正黑體, 'PingFang TC', 'Noto Sans TC', sans-serif"
BODY_FONT_SIZE = "10.5pt"
INDENT_PX = 40  # Qt's width of one -qt-block-indent step
LIST_INDENT_PX = 24  # per list level; Outlook needs a left margin to draw the bullets
EMPTY_PARAGRAPH = '<p style="margin:0;">&nbsp;</p>'

_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_DROP_WITH_CONTENT = frozenset(("head", "style", "script", "title"))
_DROP_TAG = frozenset(("html", "body", "meta", "link"))  # re-emitted by mail_html itself
_SPACES_RE = re.compile(r" {2,}")
_PX_RE = re.compile(r"^(-?\d+(?:\.\d+)?)px$")


def _attr(value: str) -> str:
    """An attribute value for a double-quoted attribute (single quotes of font names kept)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")


def _text(value: str) -> str:
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Qt's stylesheet says white-space:pre-wrap; mail clients ignore it, so keep runs of spaces.
    out = _SPACES_RE.sub(lambda m: "&nbsp;" * (len(m.group()) - 1) + " ", out)
    return out.replace("\u2028", "<br>").replace("\u00a0", "&nbsp;")


def parse_style(style: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for decl in style.split(";"):
        name, sep, value = decl.partition(":")
        if sep and name.strip():
            out.append((name.strip().lower(), value.strip()))
    return out


def _px(value: str) -> float:
    match = _PX_RE.match(value.replace(" ", ""))
    return float(match.group(1)) if match else 0.0


def _fmt_px(value: float) -> str:
    return f"{int(value)}px" if value == int(value) else f"{value}px"


def _style(decls: list[tuple[str, str]]) -> str:
    return " ".join(f"{name}:{value};" for name, value in decls)


class _Rewriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0  # inside <head>, <style>…
        self.empty_p = 0  # inside an empty paragraph: its <br /> is replaced by &nbsp;
        self.body_style: list[tuple[str, str]] = []

    # -- tags --------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, void=tag in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, void=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, void: bool) -> None:
        if tag in _DROP_WITH_CONTENT:
            if not void:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "body":
            self.body_style = parse_style(dict(attrs).get("style") or "")
            return
        if tag in _DROP_TAG:
            return
        if self.empty_p:
            return  # the <br /> (and any span) of an empty paragraph
        style = dict(attrs).get("style") or ""
        decls = parse_style(style)
        if tag == "p" and any(n == "-qt-paragraph-type" and v == "empty" for n, v in decls):
            self.empty_p = 1
            keep = [(n, v) for n, v in self._clean(tag, decls) if not n.startswith("margin")]
            extra = " " + _style(keep) if keep else ""
            align = dict(attrs).get("align")
            head = f'<p align="{_attr(align)}"' if align else "<p"
            self.out.append(f'{head} style="margin:0;{extra}">&nbsp;')
            return
        parts = [tag]
        for name, value in attrs:
            if name == "style":
                cleaned = _style(self._clean(tag, decls))
                if cleaned:
                    parts.append(f'style="{_attr(cleaned)}"')
            elif value is None:
                parts.append(name)
            else:
                parts.append(f'{name}="{_attr(value)}"')
        if tag in ("ul", "ol") and not any(n == "style" for n, _ in attrs):
            parts.append(f'style="margin-left:{LIST_INDENT_PX}px;"')
        self.out.append("<" + " ".join(parts) + ">")

    def _clean(self, tag: str, decls: list[tuple[str, str]]) -> list[tuple[str, str]]:
        indent = 0
        list_indent = 0
        out: list[tuple[str, str]] = []
        for name, value in decls:
            if name == "-qt-block-indent":
                indent = int(value) if value.isdigit() else 0
            elif name == "-qt-list-indent":
                list_indent = int(value) if value.isdigit() else 1
            elif name.startswith("-qt-"):
                continue
            else:
                out.append((name, value))
        if tag in ("ul", "ol"):
            level = max(list_indent, 1)
            out = [(n, v) for n, v in out if n != "margin-left"]
            out.append(("margin-left", _fmt_px(LIST_INDENT_PX * level)))
        elif indent:
            margin = next((_px(v) for n, v in out if n == "margin-left"), 0.0)
            out = [(n, v) for n, v in out if n != "margin-left"]
            out.append(("margin-left", _fmt_px(margin + INDENT_PX * indent)))
        return out

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in _DROP_TAG or tag == "body":
            return
        if self.empty_p:
            if tag != "p":
                return
            self.empty_p = 0
        if tag in _VOID:
            return
        self.out.append(f"</{tag}>")

    # -- text --------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip or self.empty_p:
            return
        if not self.out and not data.strip():
            return
        self.out.append(_text(data))

    def handle_decl(self, decl: str) -> None:  # <!DOCTYPE …>: mail_html writes its own
        return

    def handle_comment(self, data: str) -> None:
        return


def body_style(font_stack: str, qt_body: list[tuple[str, str]] | None = None) -> str:
    decls = [("font-family", font_stack), ("font-size", BODY_FONT_SIZE)]
    for name, value in qt_body or []:
        # The widget's font (family, 9 pt size, weight 400, normal style) stays out of the mail;
        # anything else the document set on <body> (a colour) is kept.
        if name.startswith(("-qt-", "font")):
            continue
        decls.append((name, value))
    return _style(decls)


def mail_html(qt_html: str, *, font_stack: str = DEFAULT_FONT_STACK) -> str:
    """Qt's rich-text HTML as a complete HTML document a mail client renders faithfully."""
    rewriter = _Rewriter()
    rewriter.feed(qt_html)
    rewriter.close()
    content = "".join(rewriter.out).strip("\n")
    style = body_style(font_stack, rewriter.body_style)
    return ('<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=utf-8"></head>\n'
            f'<body style="{_attr(style)}">\n{content}\n</body></html>\n')
