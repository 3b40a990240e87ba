"""HTML -> readable plain text for the text/plain alternative; links are kept as URLs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li table tr blockquote pre hr section article header footer "
    "address dl dt dd form fieldset".split()
)
_SKIP = frozenset(("head", "style", "script", "title", "template"))
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.lists: list[list[int | None]] = []  # per open list: [counter or None for bullets]
        self.links: list[tuple[str, int]] = []  # (href, position in out where its text starts)
        # in a table cell: its paragraphs (Qt writes <td><p>…</p></td>) are joined by a space,
        # so that a row stays one line of tab-separated cells, as Excel's own text has it
        self.cell = False

    # -- helpers ---------------------------------------------------------------------------------
    def _text(self) -> str:
        return "".join(self.out)

    def _newline(self, blank: bool = False) -> None:
        text = self._text()
        if not text:
            return
        want = "\n\n" if blank else "\n"
        tail = len(text) - len(text.rstrip("\n"))
        if tail < len(want):
            self.out.append("\n" * (len(want) - tail))

    def _emit(self, text: str) -> None:
        if self.skip:
            return
        if not self.pre:
            text = _SPACE_RE.sub(" ", text)
            current = self._text()
            if not current or current.endswith(("\n", " ", "\t")):
                text = text.lstrip(" ")
        self.out.append(text)

    # -- parser events ---------------------------------------------------------------------------
    def _in_cell(self) -> bool:
        """Inside a cell, a block or a line break is a space (none at the cell's start)."""
        if not self.cell:
            return False
        text = self._text()
        if text and not text.endswith(("\t", "\n", " ")):
            self.out.append(" ")
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag in ("table", "tr", "td", "th"):
            self.cell = tag in ("td", "th")  # a cell ends where the next one (or row) starts
        elif (tag in _BLOCKS or tag == "br") and self._in_cell():
            return
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self._newline()
            self.lists.append([1 if tag == "ol" else None])
        elif tag == "li":
            self._newline()
            depth = max(len(self.lists) - 1, 0)
            counter = self.lists[-1][0] if self.lists else None
            if counter is None:
                marker = "• "
            else:
                marker = f"{counter}. "
                self.lists[-1][0] = counter + 1
            self.out.append("  " * depth + marker)
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "pre", "hr"):
            self._newline(blank=True)
            if tag == "pre":
                self.pre += 1
            if tag == "hr":
                self.out.append("-" * 20 + "\n")
        elif tag in _BLOCKS:
            self._newline()
        elif tag in ("td", "th"):
            text = self._text().rstrip(" ")  # the space before the cell's end is no text
            self.out = [text]
            if text and not text.endswith(("\n", "\t")):
                self.out.append("\t")
        elif tag == "a":
            self.links.append((attr.get("href", ""), len(self._text())))
        elif tag == "img":
            alt = attr.get("alt", "").strip()
            if alt:
                self._emit(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("table", "tr", "td", "th"):
            self.cell = False
        elif self.cell and tag in _BLOCKS:
            return
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._newline()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = self._text()[start:].strip()
            target = href[7:] if href.lower().startswith("mailto:") else href
            if href and not href.startswith(("#", "cid:", "javascript:")) and target != label:
                self.out.append(f" <{href}>" if label else href)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self._newline(blank=True)
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"):
            self._newline(blank=True)
        elif tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        self._emit(data)


def html_to_text(html: str) -> str:
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    lines = [line.rstrip(" ") for line in maker._text().replace("\ufffc", "").split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""
