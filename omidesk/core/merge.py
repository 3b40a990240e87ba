"""Merge fields: one template, personalised for each row of a recipient list.

Syntax
------
- ``{{column}}`` — the row's value of that column. Column names may be in any language
  (``{{姓名}}``); white space just inside the braces is ignored (``{{ 姓名 }}``). A name is
  matched exactly, else ignoring case and full-width/half-width differences (NFKC).
- ``{{column|fallback}}`` — the fallback is used when the value is empty (only white space) or
  the column is missing: ``{{姓名|您好}}``. The fallback is part of the template and goes in as
  written (not escaped); it cannot contain ``{`` or ``}``; white space around it is ignored.
- The braces may be full-width (``｛｛姓名｝｝``, what a Chinese IME types in full-width mode),
  or mixed: the same field.
- ``{{{{`` writes a literal ``{{``: to show the text ``{{name}}`` write ``{{{{name}}``.
  Anything else (a single brace, ``{{`` without ``}}``) stays as it is; but where the list is
  known, a near miss around a column's name (``{姓名}``, ``{{姓名}``) blocks the send
  (check_fields, code="near_miss_field"): every recipient would get it literally.

Where the value goes
--------------------
- Subject: line breaks in a value become spaces, so a value cannot add header lines.
- Text: inserted as is.
- HTML: HTML-escaped. Inside the value of a URL attribute (href, src, …):
  a placeholder that starts the attribute and whose value is an http(s)/mailto/tel URL is
  inserted as that URL (only characters not allowed in a URL are %-encoded); anywhere else in
  the URL (``href="https://x.tw/?n={{姓名}}"``) the value is %-encoded as a path/query component
  (``urllib.parse.quote(value, safe="/")``: spaces, & = ? # and 中文 encoded). The result is then
  HTML-escaped for the attribute. A value like ``javascript:…`` is therefore never a link.
  Editors that write ``%7B%7Bname%7D%7D`` in a link are understood too.
  Placeholders inside a tag name or an attribute name are left untouched.
- An unknown column blocks the send: check_fields raises ValidationError(code="unknown_field").

Through formatting
------------------
A rich-text editor splits ``{{姓名}}`` into tags when part of it is bolded or coloured
(``{{<span style="font-weight:700">姓</span>名}}``). In HTML the field name is read from the
text inside the braces, ignoring inline tags (join_split_fields): the value goes where the
name's first character was, inside the same formatting, and the tags stay around it
(``<span style="font-weight:700">王小明</span>``). Error messages name the plain field.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from urllib.parse import quote, unquote

from .addresses import parse_mailbox
from .errors import ValidationError
from .message import Attachment, Draft
from .list_columns import is_name_header
from .recipients import Row, display_name, find_name_column
from .text import Text, some_names

# A brace is ASCII or full-width (U+FF5B/U+FF5D, what a 繁中 IME types in full-width mode):
# ｛｛姓名｝｝ and {{姓名｝｝ are the same field as {{姓名}} (QA5 #18), as a column name is
# matched ignoring width. Only whole placeholders are read so; other braces stay text.
_OPEN = "[{\uff5b]"
_CLOSE = "[}\uff5d]"
_NOT_BRACE = "[^{}\uff5b\uff5d]"
PLACEHOLDER_RE = re.compile(f"{_OPEN}{{4}}|{_OPEN}{{2}}({_NOT_BRACE}*){_CLOSE}{{2}}")
FIELD_START_RE = re.compile(f"{_OPEN}{{2}}")  # where a field may begin: {{, ｛｛ or mixed
# A near miss: one brace where two are needed on either side ({姓名}, {{姓名}, {姓名}}).
_NEAR_MISS_RE = re.compile(f"(?<!{_OPEN})({_OPEN}{{1,2}})({_NOT_BRACE}{{1,60}}?)"
                           f"({_CLOSE}{{1,2}})(?!{_CLOSE})")
_ENCODED_RE = re.compile(r"%7[Bb]%7[Bb](.*?)%7[Dd]%7[Dd]")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "background", "poster",
                            "cite", "longdesc"})
URL_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_COMPONENT_SAFE = "/"

_TAG_RE = re.compile(
    r"<!--.*?-->"
    r"|<[A-Za-z][^\s/>]*"
    r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?|\s*/)*\s*>",
    re.DOTALL)
_ATTR_RE = re.compile(r"([^\s\"'>/=]+)(\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)")


def _parse(body: str) -> tuple[str, str | None]:
    name, bar, fallback = body.partition("|")
    return name.strip(), (fallback.strip() if bar else None)


def _decode_braces(template: str) -> str:
    return _ENCODED_RE.sub(lambda m: "{{" + unquote(m[1]) + "}}", template)


def fields_used(template: str) -> list[str]:
    """The column names the template uses, in order of first use, each once."""
    out: list[str] = []
    for m in PLACEHOLDER_RE.finditer(_decode_braces(template)):
        if m[1] is None:
            continue
        name = _parse(m[1])[0]
        if name and name not in out:
            out.append(name)
    return out


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def resolve_field(name: str, columns: Iterable[str]) -> str | None:
    """The column a placeholder name refers to, or None: the column itself, else the one
    equal to it ignoring case and width, else — for a name field ({{姓名}}, {{Name}}) — the
    list's one person's-name column by another of those names (a pasted list's "name", a
    sheet's "Name"; not 名稱, often a company's)."""
    cols = list(columns)
    for candidate in dict.fromkeys((name, html.unescape(name).strip())):
        if candidate in cols:
            return candidate
        matches = [c for c in cols if _key(c) == _key(candidate)]
        if len(matches) == 1:
            return matches[0]
    if is_name_header(html.unescape(name), person=True):
        names = [c for c in cols if is_name_header(c, person=True)]
        if len(names) == 1:
            return names[0]
    return None


def check_fields(templates: Iterable[str | None], columns: Iterable[str]) -> None:
    """Raise ValidationError(code="unknown_field", field="body") naming every placeholder that
    is not a column of the list."""
    cols = list(columns)
    unknown: list[str] = []
    texts = [template or "" for template in templates]
    for template in texts:
        for name in fields_used(template):
            if resolve_field(name, cols) is None and name not in unknown:
                unknown.append(name)
    if not unknown:
        _check_near_misses(texts, cols)
        return
    names = "、".join(f"{{{{{n}}}}}" for n in unknown)
    names_en = ", ".join(f"{{{{{n}}}}}" for n in unknown)
    have = some_names(cols)
    have_en = have.en or "none"
    have_zh = have.zh or "無"
    raise ValidationError(
        Text(f"Unknown merge field{'s' if len(unknown) > 1 else ''} {names_en}: the list has no "
             f"such column (its columns: {have_en}). Fix the placeholder or the list before "
             "sending.",
             f"未知的合併欄位 {names}：名單中沒有這個欄位（現有欄位：{have_zh}）。"
             "請修正欄位名稱或名單後再發送。"),
        code="unknown_field", field="body")


def _check_near_misses(templates: Iterable[str], columns: list[str]) -> None:
    """Raise ValidationError(code="near_miss_field") for braces around a column's name that
    are not a merge field ({姓名}, {{姓名}, {姓名}}): what a person meant as a field, which
    every recipient would get as written. Braces around anything else ({a:1}) are text."""
    found: dict[str, str] = {}  # as written → the field meant
    for template in templates:
        for m in _NEAR_MISS_RE.finditer(template):
            if len(m[1]) == 2 and len(m[3]) == 2:
                continue  # a whole placeholder, checked above
            name = _parse(m[2])[0]
            if name and resolve_field(name, columns) is not None:
                found.setdefault(m[0], f"{{{{{name}}}}}")
    if not found:
        return
    fields_ = list(dict.fromkeys(found.values()))
    many = len(found) > 1
    raise ValidationError(
        Text(f"{', '.join(found)} {'are not merge fields' if many else 'is not a merge field'}"
             " (one brace where two are needed): "
             f"every recipient would get it as written, so nothing is sent. Write "
             f"{', '.join(fields_)} to fill in the column.",
             f"{'、'.join(found)} 不是合併欄位（需要兩個大括號，這裡只有一個）：每位收件者都會"
             f"收到原樣的文字，因此不會發送。請寫成 {'、'.join(fields_)} 以填入該欄位。"),
        code="near_miss_field", field="body")


def _value(name: str, fallback: str | None, values: Mapping[str, str]) -> tuple[str, bool]:
    """(text, is_fallback)."""
    col = resolve_field(name, values.keys())
    value = values.get(col, "") if col is not None else ""
    value = value if value is not None else ""
    if not value.strip() and fallback is not None:
        return fallback, True
    return value, False


def _render(template: str, values: Mapping[str, str],
            convert: Callable[[str, int], str]) -> str:
    def sub(m: re.Match[str]) -> str:
        if m[1] is None:
            return m[0][:2]
        name, fallback = _parse(m[1])
        if not name:
            return m[0]
        value, is_fallback = _value(name, fallback, values)
        return value if is_fallback else convert(value, m.start())
    return PLACEHOLDER_RE.sub(sub, template)


def render_text(template: str, values: Mapping[str, str]) -> str:
    return _render(template, values, lambda v, _pos: v)


def render_subject(template: str, values: Mapping[str, str]) -> str:
    """Line breaks in values (CR, LF, U+2028, …) become spaces: no header injection."""
    return _render(template, values, lambda v, _pos: " ".join(v.splitlines()))


def _render_url(raw: str, values: Mapping[str, str]) -> str:
    """An attribute value (HTML-escaped as in the source) with placeholders filled as URLs."""
    template = _decode_braces(html.unescape(raw))

    def convert(value: str, pos: int) -> str:
        value = value.strip() if pos == 0 else value
        if pos == 0 and value.lower().startswith(URL_SCHEMES):
            return quote(value, safe=_URL_SAFE)
        return quote(value, safe=_COMPONENT_SAFE)

    return html.escape(_render(template, values, convert), quote=True)


def _render_tag(tag: str, values: Mapping[str, str]) -> str:
    def attr(m: re.Match[str]) -> str:
        name, eq, raw = m[1], m[2], m[3]
        quoted = raw[:1] in ("'", '"')
        inner = raw[1:-1] if quoted else raw
        if not PLACEHOLDER_RE.search(inner) and "%7" not in inner.upper():
            return m[0]
        if name.lower() in URL_ATTRIBUTES:
            out = _render_url(inner, values)
        else:
            out = _render(inner, values, lambda v, _pos: html.escape(v, quote=True))
        if out == inner:
            return m[0]
        q = raw[0] if quoted else '"'
        return f"{name}{eq}{q}{out}{q}"

    first_ws = re.search(r"\s", tag)
    if not first_ws:
        return tag
    start = first_ws.start()
    return tag[:start] + _ATTR_RE.sub(attr, tag[start:])


_ANY_TAG_RE = re.compile(r"<!--.*?-->|</?[A-Za-z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>",
                         re.DOTALL)
_INLINE_TAG_RE = re.compile(
    r"</?(?:span|b|strong|i|em|u|s|strike|font|sub|sup|small|big|mark|code|ins|del)\b[^>]*>"
    r"|<!--.*?-->", re.IGNORECASE | re.DOTALL)


def join_split_fields(html_text: str) -> str:
    """The HTML with every placeholder that inline tags split made whole again: its text (the
    braces and the name, tags removed) at the name's first character, the tags kept in
    order. Placeholders within one piece of text, and tags other than inline formatting
    (a paragraph, a line break), are left as they are."""
    if "{" not in html_text and "\uff5b" not in html_text:
        return html_text
    pieces: list[tuple[bool, str]] = []  # (is a tag, its text)
    pos = 0
    for m in _ANY_TAG_RE.finditer(html_text):
        if m.start() > pos:
            pieces.append((False, html_text[pos:m.start()]))
        pieces.append((True, m[0]))
        pos = m.end()
    if pos < len(html_text):
        pieces.append((False, html_text[pos:]))
    out: list[str] = []
    run: list[tuple[bool, str]] = []  # text and inline tags, joined as one stretch
    for piece in pieces:
        if piece[0] and not _INLINE_TAG_RE.fullmatch(piece[1]):
            out.append(_join_run(run))
            out.append(piece[1])
            run = []
        else:
            run.append(piece)
    out.append(_join_run(run))
    return "".join(out)


def _join_run(run: list[tuple[bool, str]]) -> str:
    """One stretch of text and inline tags, its split placeholders joined."""
    plain = "".join(text for is_tag, text in run if not is_tag)
    owner: list[int] = []  # the piece each character of `plain` is in
    for number, (is_tag, text) in enumerate(run):
        if not is_tag:
            owner += [number] * len(text)
    moves: dict[int, str] = {}  # plain position of a name's first character -> placeholder
    dropped: set[int] = set()
    for m in PLACEHOLDER_RE.finditer(plain):
        if m[1] is None or owner[m.start()] == owner[m.end() - 1]:
            continue
        name_at = m.start(1) + (len(m[1]) - len(m[1].lstrip())) if m[1].strip() else m.start()
        moves[name_at] = m[0]
        dropped.update(range(m.start(), m.end()))
    if not moves:
        return "".join(text for _, text in run)
    out: list[str] = []
    at = 0
    for is_tag, text in run:
        if is_tag:
            out.append(text)
            continue
        for ch in text:
            if at in moves:
                out.append(moves[at])
            if at not in dropped:
                out.append(ch)
            at += 1
    return "".join(out)


def render_html(template: str, values: Mapping[str, str]) -> str:
    """Values HTML-escaped; inside href/src/… %-encoded (see the module docstring);
    placeholders split by formatting tags read as whole (join_split_fields)."""
    template = join_split_fields(template)
    out: list[str] = []
    pos = 0
    escape = lambda v, _pos: html.escape(v, quote=True)  # noqa: E731
    for m in _TAG_RE.finditer(template):
        out.append(_render(template[pos:m.start()], values, escape))
        tag = m[0]
        out.append(_render(tag, values, escape) if tag.startswith("<!--")
                   else _render_tag(tag, values))
        pos = m.end()
    out.append(_render(template[pos:], values, escape))
    return "".join(out)


def recipient_entry(row: Row) -> str:
    """The row as a To entry: `"Name" <addr>` with the list's name column, else the name
    written with the address (`Lee Da <lee@…>` in the e-mail column), else addr."""
    name_col = find_name_column(row.values.keys())
    name = " ".join((row.values.get(name_col, "") if name_col else "").split()) or \
        display_name(row)
    if not name or not row.address:
        return row.address
    try:
        box = parse_mailbox(row.address, field="to", name=name)
    except ValidationError:
        return row.address
    escaped = box.name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}" <{box.addr}>'


def row_attachments(row: Row) -> list[Attachment]:
    """The row's own files (the attachment column) as attachments, after the shared ones."""
    return [Attachment(f.path, filename=f.name) for f in row.files]


def render_draft(draft: Draft, row: Row) -> Draft:
    """A copy of the draft for one row: subject, HTML and text rendered, To = the row, the
    row's own files attached after the shared ones."""
    return replace(
        draft,
        to=[recipient_entry(row)],
        cc=list(draft.cc), bcc=list(draft.bcc), reply_to=list(draft.reply_to),
        subject=render_subject(draft.subject, row.values),
        html=render_html(draft.html, row.values) if draft.html is not None else None,
        text=render_text(draft.text, row.values) if draft.text is not None else None,
        inline_images=list(draft.inline_images),
        attachments=[*draft.attachments, *row_attachments(row)],
        extra_headers=list(draft.extra_headers),
    )


__all__ = ["fields_used", "check_fields", "resolve_field", "render_text", "render_subject",
           "render_html", "render_draft", "recipient_entry", "join_split_fields", "PLACEHOLDER_RE",
           "FIELD_START_RE", "URL_ATTRIBUTES"]
