"""English left inside a 繁中 text: the words a zh_TW run must not show (QA finding 8).

What may stay in Latin letters: product and company names, protocol acronyms and record types
(any all-capital word: SMTP, TLS, NXDOMAIN), codes (snake_case), command-line flags, host
names, addresses, file names, paths, URLs, record texts (v=spf1 …) and protocol lines."""

from __future__ import annotations

import re

# Names that are written in Latin letters in a 繁中 text as well.
NAMES = frozenset({
    "OMIDesk", "OMICard", "NewerMail", "Gmail", "Yahoo", "Outlook", "Microsoft", "Google",
    "Apple", "Windows", "macOS", "Linux", "Keychain", "Excel", "Word", "LibreOffice", "Qt",
    "PySide", "Python", "OpenSSL", "localhost", "Markdown", "JSON", "Xvfb", "EmailOptions",
    "LaunchID", "Message", "ID", "TLSv", "Big5", "App", "Ctrl", "Shift", "Alt", "Esc", "Enter",
    "Return", "Tab", "Delete", "Backspace", "Home", "End", "Code", "Analytics", "English",
    "Sandbox",
    "Reply", "To",
    "Bcc", "Cc", "From", "Subject", "Date", "ms", "mailto", "rua", "ruf", "pct", "spf",
    "include", "ip4", "ip6", "redirect", "all", "exists", "ptr", "mx", "sp", "p", "v",
    "none", "quarantine", "reject", "permerror", "temperror", "softfail", "neutral", "pass",
    "fail", "cid", "utf", "x",
})
_STRIP = [
    # quoted record texts ("v=spf1 …"; a split one as "…" "…"), first: a key's "/" must not
    # be taken for a path that runs on past its closing quote
    re.compile(r"\"[^\"]*\""),
    re.compile(r"&lt;\w+&gt;"),  # an HTML element named in rich text (&lt;title&gt;)
    re.compile(r"<[^>]+>|&\w+;"),  # rich text: tags and entities
    re.compile(r"^\s*(<<|>>).*$", re.M),  # protocol lines stay as they are
    re.compile(r"https?://\S+"),
    re.compile(r"[\w.+-]+@[\w.-]+"),  # addresses (and li@example)
    re.compile(r"(?<![\w-])--?[a-z][\w-]*(=\S*)?"),  # flags
    re.compile(r"[\w-]+(\.[\w-]+)+"),  # host names, file names, versions
    re.compile(r"[~/\\][^\s，。、；：（）「」]*"),  # paths
    re.compile(r"\b[a-z0-9]+(_[a-z0-9]+)+\b"),  # codes: relay_denied, dns_failed
    re.compile(r"\b[A-Za-z][\w-]*=[^\s，。、；）」]*"),  # NAME=VALUE, record tags, X-Options
    re.compile(r"\bX-[\w-]+"),  # X-headers
    re.compile(r"'[^']*'|「[^」]*」|“[^”]*”"),  # what the user typed, quoted
    re.compile(r"\b\w*Option\b"),  # the relay's option groups (LinkOption, X-ListOption)
    re.compile(r"\b[a-z]*[A-Z]+[a-z0-9]+[A-Z]\w*"),  # the manual's identifiers (cJBDoResendMask)
    re.compile(r"\b[A-Z][a-z]+(-[A-Z][a-z]+)+\b"),  # header names (Content-Location)
    re.compile(r"yyyy-MM-dd HH:mm:ss"),  # a date format
    re.compile(r"\b0x[0-9A-Fa-f]+\b"),  # hexadecimal numbers
    re.compile(r"(?<![\w/])\.[a-z]{2,4}\b"),  # file extensions (.eml, .md)
    re.compile(r"<\w+>"),  # an HTML element named in a text (<title>)
]
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']+")


def english_words(text: str, *, allow: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words in `text` outside what may stay Latin (see the module's note)."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return [w for w in _WORD.findall(text)
            if not (w.isupper() or w in NAMES or w in allow or w.rstrip("s") in NAMES
                    or any(ch.isdigit() for ch in w))]  # Big5, cp950, UTF8: names and codes
