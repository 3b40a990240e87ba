"""Images of an HTML body that live on the sender's disk become inline cid: parts, as Compose
makes a dropped or chosen image: `<img src="圖片.png">` in an HTML file reaches the recipient
only if the image goes with the message (QA round 3, finding 12). One path for reading an
image file into an InlineImage (image_file): the Compose editor's insert and
`--html-file`'s images both go through it. Remote (http, https), cid: and data: sources are
left as they are; a local one that cannot be read is refused, naming the image."""

from __future__ import annotations

import html
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import ValidationError
from .files import NotAFileError, file_problem, read_regular_file
from .message import InlineImage, new_content_id
from .text import Text

# <img …>, then its src attribute (quoted either way, or bare)
_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC_RE = re.compile(r"""((?<![\w-])src\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")  # two letters at least: C:\ is a path


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


def _local_path(src: str, base: Path) -> Path | None:
    """The file a src names on this disk, or None when it is not a local file (a remote,
    cid:, data: or other URL; a {{merge field}} that only a mailing fills in)."""
    if not src or "{{" in src or src.startswith("//"):
        return None
    scheme = _SCHEME_RE.match(src)
    if scheme is not None:
        if scheme.group(1).lower() != "file":
            return None
        return Path(unquote(urlsplit(src).path))
    path = Path(src.split("#", 1)[0].split("?", 1)[0])
    full = path if path.is_absolute() else base / path
    if not full.exists() and "%" in src:  # images/a%20b.png, as an editor writes it
        decoded = Path(unquote(str(path)))
        full = decoded if decoded.is_absolute() else base / decoded
    return full


def _refused(src: str, html_file: Path, full: Path, problem: Text) -> ValidationError:
    full = full.absolute()
    return ValidationError(Text(
        f"the image <img src=\"{src}\"> in {html_file.name} ({full}) cannot go with the "
        f"message: {problem.en}. Put the image next to {html_file.name} (a path relative to "
        "it), or use an http or https address.",
        f"{html_file.name} 中的圖片 <img src=\"{src}\">（{full}）無法隨郵件發送："
        f"{problem.zh}。請將圖片放在 {html_file.name} 旁（以相對於它的路徑指定），或改用 "
        "http 或 https 網址。"),
        code="inline_image_unreadable", field="body")


def embed_local_images(body: str, *, html_file: Path, sender: str
                       ) -> tuple[str, list[InlineImage]]:
    """`body` with every local <img src> (relative to `html_file`'s folder, absolute, or
    file:) replaced by cid:…, and the images to send with it; the same file twice is one
    part. Raises ValidationError naming the first image that cannot be read or is not one."""
    base = Path(html_file).parent
    images: dict[Path, InlineImage] = {}

    def one_src(match: re.Match[str]) -> str:
        raw = next(g for g in match.groups()[2:] if g is not None)
        src = html.unescape(raw).strip()
        full = _local_path(src, base)
        if full is None:
            return match.group(0)
        key = full.resolve() if full.exists() else full
        if key not in images:
            problem = file_problem(full)  # missing, a folder, a FIFO: said as such
            if problem is not None:
                raise _refused(src, html_file, full, problem)
            if image_mime(full.name) is None:
                raise _refused(src, html_file, full, Text(
                    "its name does not say it is an image (.png, .jpg, .gif …)",
                    "檔名看不出是圖片（.png、.jpg、.gif …）"))
            try:
                images[key] = image_file(full, sender=sender)
            except NotAFileError as exc:
                raise _refused(src, html_file, full, exc.problem) from None
            except OSError as exc:
                raise _refused(src, html_file, full, Text(
                    f"it cannot be read ({exc.strerror})",
                    f"無法讀取（{exc.strerror}）")) from None
        return f'{match.group(1)}"cid:{images[key].cid}"'

    def one_img(match: re.Match[str]) -> str:
        return _SRC_RE.sub(one_src, match.group(0), count=1)

    return _IMG_RE.sub(one_img, body), list(images.values())
