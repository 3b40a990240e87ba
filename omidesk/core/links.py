"""The address a link in a message goes to, as Outlook and Word make it from what was typed
(QA5 #15): `www.itpison.com` is https://www.itpison.com (a relative href is dead in every mail
program, and the relay's click tracking has nothing to rewrite), `sales@example.com` is a
mailto: link; an empty or scheme-only address, a script, a file of this computer or a relative
path is refused with the reason, in the dialog where it was typed."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .errors import ValidationError
from .text import Text

_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")
_EMAIL_RE = re.compile(r"^[^@\s/:?#<>\"]+@[^@\s/:?#<>\"]+\.[^@\s/:?#<>\".]+$")
_HOST_RE = re.compile(r"^(?:[a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff]{2,}(?::\d+)?(?:[/?#]|$)",
                      re.IGNORECASE)
WEB = frozenset(("http", "https"))
# a file's name, not a server's (page.html): no top-level domain is called so
FILE_SUFFIXES = frozenset(
    "html htm php asp aspx jsp pdf doc docx xls xlsx png jpg gif txt".split())
KEPT = frozenset(("mailto", "tel", "ftp", "ftps", "sms"))  # what mail programs open


def _refused(code: str, en: str, zh: str) -> ValidationError:
    return ValidationError(Text(en, zh), code=code, field="link")


def link_target(typed: str) -> str:
    """The href for what the user typed as a link's address; raises ValidationError (code
    link_invalid) saying why it cannot be a link in a message."""
    address = typed.strip()
    scheme = _SCHEME_RE.match(address)
    if scheme is not None and "." in scheme.group(1) and address[scheme.end():][:1].isdigit():
        scheme = None  # example.com:8080/…: a server and its port
    if not address or (scheme is not None and not address[scheme.end():].strip("/")):
        raise _refused("link_invalid", "Type the address the link goes to (https://…).",
                       "請輸入連結要前往的網址（https://…）。")
    if any(c.isspace() for c in address):
        raise _refused("link_invalid",
                       f"“{address}” has a space in it: an address has none.",
                       f"「{address}」中有空格：網址不含空格。")
    if scheme is None:
        if _EMAIL_RE.match(address):
            return f"mailto:{address}"
        host = re.split(r"[/?#:]", address, maxsplit=1)[0]
        if _HOST_RE.match(address) and host.rsplit(".", 1)[-1].lower() not in FILE_SUFFIXES:
            return f"https://{address}"
        raise _refused("link_invalid",
                       f"“{address}” is not a whole address: a link in a message needs one "
                       "such as https://www.example.com/page.",
                       f"「{address}」不是完整的網址：郵件中的連結需要完整網址，例如 "
                       "https://www.example.com/page。")
    name = scheme.group(1).lower()
    if name in WEB:
        if not urlsplit(address).hostname:
            raise _refused("link_invalid", f"“{address}” names no server.",
                           f"「{address}」沒有指明伺服器。")
        return address
    if name in KEPT:
        return address
    raise _refused("link_invalid",
                   f"A {name}: link does not work in a message (mail programs block it or "
                   "cannot open it): use an https:// address.",
                   f"{name}: 連結在郵件中無法使用（郵件軟體會封鎖或無法開啟）："
                   "請改用 https:// 網址。")
