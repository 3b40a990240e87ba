"""Images of an HTML body that would not reach the recipient become inline cid: parts: a file
on the sender's disk (`<img src="圖片.png">` in an HTML file, QA round 3, finding 12; the
`file:///C:/Users/<name>/AppData/…/clip_image002.png` that Word puts on the clipboard, QA round
5, finding 1) and a `data:` image (pasted from a web page; Gmail and Outlook do not show them).
One path (embed_images) for `omidesk send --html-file` and for HTML pasted into Compose; one
reader of an image file (image_file) for both and for the editor's inserted images. Remote
(http, https), cid: sources and {{merge fields}} are left as they are. What cannot go is said,
naming the image, and no local path is ever sent (local_image_problems, checked at Send)."""

from __future__ import annotations

import base64
import binascii
import html
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from .errors import ValidationError
from .files import NotAFileError, file_problem, read_regular_file
from .message import InlineImage, new_content_id
from .text import Text

# <img …>, then its src attribute (quoted either way, or bare)
# possessive: a pasted data: picture is megabytes long (QA5 #14), an unclosed tag never backtracks
_IMG_RE = re.compile(r"""<img\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.IGNORECASE)  # > in quotes
_SRC_RE = re.compile(r"""((?<![\w-])src\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")  # two letters at least: C:\ is a path
_DRIVE_RE = re.compile(r"^[a-zA-Z]:[\\/]")  # C:\Users\… or C:/Users/…, as Word may write it
_DATA_RE = re.compile(r"^data:([^,]*),(.*)$", re.IGNORECASE | re.DOTALL)
# the types a data: image is checked against (its first bytes), and the extension of its name
_MAGIC = (("image/png", b"\x89PNG\r\n\x1a\n", ".png"), ("image/jpeg", b"\xff\xd8\xff", ".jpg"),
          ("image/gif", b"GIF8", ".gif"), ("image/bmp", b"BM", ".bmp"),
          ("image/webp", b"RIFF", ".webp"))
SHOWN_DATA_CHARS = 40  # of a data: address in a message: its type and the start of its bytes


def image_mime(name: str) -> str | None:
    """The image type from the file name ("image/png"), or None for what is not an image."""
    mime = mimetypes.guess_type(name)[0] or ""
    return mime if mime.startswith("image/") else None


def image_file(path: Path, *, sender: str, data: bytes | None = None) -> InlineImage:
    """An image file as an inline part: its own bytes (never re-encoded), its type from its
    name (PNG when the name says nothing), a Content-ID on the sender's domain."""
    path = Path(path)
    content = read_regular_file(path) if data is None else data
    return InlineImage(new_content_id(sender), content, image_mime(path.name) or "image/png",
                       path.name)


@dataclass(frozen=True, slots=True)
class ImageProblem:
    """An image of the HTML that cannot go with the message: its src as written, the file it
    names on this disk (None for a data: image), and why."""

    src: str
    path: Path | None
    problem: Text

    @property
    def shown_src(self) -> str:
        """The src for a message: a data: address by its start, not its thousands of bytes."""
        if self.path is None and len(self.src) > SHOWN_DATA_CHARS:
            return self.src[:SHOWN_DATA_CHARS] + "…"
        return self.src

    def text(self) -> Text:
        """What the user is told in Compose (at paste and at Send)."""
        en = zh = self.shown_src
        if self.path is not None:  # by its name, and where it is unless the reason says so
            full = str(self.path)
            en = self.path.name if full in self.problem.en else f"{self.path.name} ({full})"
            zh = self.path.name if full in self.problem.zh else f"{self.path.name}（{full}）"
        return Text(
            f"The picture {en} cannot go with the message: {self.problem.en}. Insert it "
            "again (the Image… button, or paste it), or delete it from the text.",
            f"圖片 {zh} 無法隨郵件發送：{self.problem.zh}。請重新插入（「圖片…」按鈕或"
            "貼上），或將它從內文刪除。")


@dataclass(slots=True)
class EmbeddedHtml:
    """The HTML with its images as cid:, the images to send with it, and those that cannot
    go (their src left as it was, for Send to refuse: local_image_problems)."""

    html: str
    images: list[InlineImage] = field(default_factory=list)
    problems: list[ImageProblem] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)  # http(s) sources, which stay as they are


def _local_path(src: str, base: Path | None) -> Path | None:
    """The file a src names on this disk, or None when it is not a local file (a remote,
    cid:, data: or other URL; a {{merge field}} that only a mailing fills in; a relative
    path without a `base` folder, as pasted HTML has no folder)."""
    from .merge import FIELD_START_RE  # merge's own rule: ｛｛photo｝｝ is a field too

    if not src or FIELD_START_RE.search(src) or src.startswith("//"):
        return None
    if _DRIVE_RE.match(src):
        return Path(src)
    scheme = _SCHEME_RE.match(src)
    if scheme is not None:
        if scheme.group(1).lower() != "file":
            return None
        url = urlsplit(src)  # file:///C:/Users/… (url2pathname makes it C:\Users\… there)
        local = url2pathname(url.path)
        return Path(f"//{url.netloc}{local}" if url.netloc not in ("", "localhost") else local)
    path = Path(src.split("#", 1)[0].split("?", 1)[0])
    if not path.is_absolute() and base is None:
        return None
    full = path if path.is_absolute() or base is None else base / path
    if not full.exists() and "%" in src:  # images/a%20b.png, as an editor writes it
        decoded = Path(unquote(str(path)))
        full = decoded if decoded.is_absolute() or base is None else base / decoded
    return full


def _read_local(full: Path) -> bytes | Text:
    """The image file's bytes, or why it cannot go (said as such: missing, a folder, …)."""
    problem = file_problem(full)
    if problem is not None:
        return problem
    if image_mime(full.name) is None:
        return Text("its name does not say it is an image (.png, .jpg, .gif …)",
                    "檔名看不出是圖片（.png、.jpg、.gif …）")
    try:
        return read_regular_file(full)
    except NotAFileError as exc:
        return exc.problem
    except OSError as exc:
        return Text(f"it cannot be read ({exc.strerror})", f"無法讀取（{exc.strerror}）")


def data_image(src: str) -> tuple[bytes, str] | Text:
    """A data: image's bytes and type, or why it is not one. The type is the one its first
    bytes show (PNG, JPEG, GIF, BMP, WebP); another image type (SVG) is taken as declared."""
    match = _DATA_RE.match(src)
    if match is None:
        return Text("it is not a complete data: address", "它不是完整的 data: 位址")
    params = [p.strip().lower() for p in match.group(1).split(";")]
    declared, payload = params[0], match.group(2)
    try:
        if "base64" in params[1:]:
            packed = "".join(unquote(payload).split())  # a source's line breaks
            data = base64.b64decode(packed + "=" * (-len(packed) % 4), validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return Text("its data cannot be decoded (damaged base64)",
                    "其資料無法解碼（base64 已損毀）")
    for mime, magic, _ext in _MAGIC:
        if data.startswith(magic) and (mime != "image/webp" or data[8:12] == b"WEBP"):
            return data, mime
    if declared.startswith("image/") and declared not in {m for m, _b, _e in _MAGIC} and data:
        return data, declared
    if declared.startswith("image/"):
        return Text(f"its data is not an image of its type ({declared})",
                    f"其資料不是它所標示類型（{declared}）的圖片")
    return Text(f"it is not an image ({declared or 'no type'})",
                f"它不是圖片（{declared or '未標示類型'}）")


def _data_name(mime: str, number: int) -> str:
    ext = next((e for m, _b, e in _MAGIC if m == mime), None) \
        or mimetypes.guess_extension(mime) or ".img"
    return f"image{ext}" if number == 1 else f"image-{number}{ext}"


def embed_images(body: str, *, sender: str, base: Path | None = None,
                 files: bool = True) -> EmbeddedHtml:
    """`body` with every local <img src> (a file: URL, an absolute path, or one relative to
    `base`; none with files=False) and every data: image replaced by cid:…, and the images to
    send with it: their original bytes, the same file or the same data twice one part. An
    image that cannot be read or decoded keeps its src and is named in `problems`."""
    out = EmbeddedHtml(body)
    images: dict[object, InlineImage] = {}

    def one_src(match: re.Match[str]) -> str:
        raw = next(g for g in match.groups()[2:] if g is not None)
        src = html.unescape(raw).strip()
        key: object
        if src[:5].lower() == "data:":
            key = src
            if key not in images:
                found = data_image(src)
                if isinstance(found, Text):
                    out.problems.append(ImageProblem(src, None, found))
                    return match.group(0)
                data, mime = found
                named = sum(isinstance(k, str) for k in images) + 1
                images[key] = InlineImage(new_content_id(sender), data, mime,
                                          _data_name(mime, named))
        else:
            full = _local_path(src, base)
            if full is None or not files:
                if src[:7].lower() == "http://" or src[:8].lower() == "https://":
                    out.remote.append(src)
                return match.group(0)
            key = full.resolve() if full.exists() else full
            if key not in images:
                content = _read_local(full)
                if isinstance(content, Text):
                    out.problems.append(ImageProblem(src, full.absolute(), content))
                    return match.group(0)
                images[key] = image_file(full, sender=sender, data=content)
        return f'{match.group(1)}"cid:{images[key].cid}"'

    def one_img(match: re.Match[str]) -> str:
        return _SRC_RE.sub(one_src, match.group(0), count=1)

    out.html = _IMG_RE.sub(one_img, body)
    out.images = list(images.values())
    return out


def embed_local_images(body: str, *, html_file: Path, sender: str
                       ) -> tuple[str, list[InlineImage]]:
    """embed_images for `omidesk send --html-file`: relative sources from the HTML file's
    folder. Raises ValidationError naming the first image that cannot go."""
    html_file = Path(html_file)
    embedded = embed_images(body, sender=sender, base=html_file.parent)
    if embedded.problems:
        raise _refused(embedded.problems[0], html_file)
    return embedded.html, embedded.images


def _refused(image: ImageProblem, html_file: Path) -> ValidationError:
    problem, src, name = image.problem, image.shown_src, html_file.name
    if image.path is None:  # a data: image
        where_en = where_zh = ""
        advice_en, advice_zh = "Save the image as a file next to it", "請將圖片存成檔案放在它旁"
    else:
        where_en, where_zh = f" ({image.path})", f"（{image.path}）"
        advice_en, advice_zh = "Put the image next to it", "請將圖片放在它旁"
    return ValidationError(Text(
        f"the image <img src=\"{src}\"> in {name}{where_en} cannot go with the message: "
        f"{problem.en}. {advice_en} (a path relative to {name}), or use an http or https "
        "address.",
        f"{name} 中的圖片 <img src=\"{src}\">{where_zh}無法隨郵件發送：{problem.zh}。"
        f"{advice_zh}（以相對於 {name} 的路徑指定），或改用 http 或 https 網址。"),
        code="inline_image_unreadable", field="body")


def local_image_problems(body: str) -> list[ImageProblem]:
    """The images of `body` that would send a path of this computer (file:, C:\\…, /…) or a
    data: address: what embed_images could not take. Send refuses a message that has one."""
    found: list[ImageProblem] = []
    for img in _IMG_RE.finditer(body):
        src_match = _SRC_RE.search(img.group(0))
        if src_match is None:
            continue
        src = html.unescape(next(g for g in src_match.groups()[2:] if g is not None)).strip()
        if src[:5].lower() == "data:":
            why = data_image(src)
            found.append(ImageProblem(src, None, why if isinstance(why, Text) else Text(
                "it was not put into the message", "它未放入郵件")))
            continue
        full = _local_path(src, None)
        if full is not None:
            content = _read_local(full)
            found.append(ImageProblem(src, full.absolute(), content if isinstance(
                content, Text) else Text("it was not put into the message", "它未放入郵件")))
    return found
