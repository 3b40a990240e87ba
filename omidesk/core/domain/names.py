"""Domain names as the sender-domain check needs them: the domain of what a user typed (a From
line, an address or a bare domain), the nameserver of `--nameserver IP[:PORT]`, DKIM
selectors, and the checks RFC 7208 §4.3 makes on a name before any lookup."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationError
from ..text import Text

# Domains of free-mail and ISP mailbox providers: mail "From" them sent through a third-party
# relay fails the provider's own SPF and DMARC (Gmail, Yahoo and Outlook publish p=reject or
# p=quarantine). A subdomain counts too (ms1.hinet.net).
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com",
    "yahoo.com", "yahoo.com.tw", "ymail.com", "rocketmail.com", "yahoo.co.jp",
    "hotmail.com", "hotmail.com.tw", "outlook.com", "live.com", "msn.com", "live.com.tw",
    "icloud.com", "me.com", "mac.com", "aol.com",
    "pchome.com.tw", "hinet.net", "seed.net.tw", "so-net.net.tw",
    "qq.com", "163.com", "126.com", "sina.com", "yeah.net",
    "gmx.com", "gmx.net", "mail.com", "proton.me", "protonmail.com", "yandex.com",
    "zoho.com", "zohomail.com",
})

# The relay's own domains (manual §1.3: smtp.itpison.com; NewerMail is its sending service).
RELAY_DOMAINS = ("itpison.com", "newermail.com")

# Names that are reserved for documentation and tests (RFC 2606, RFC 6761): nothing to check.
RESERVED_SUFFIXES = ("example", "test", "invalid", "localhost", "local",
                     "example.com", "example.net", "example.org")


@dataclass(frozen=True, slots=True)
class Target:
    """What is checked: a domain (ASCII, IDN in punycode), and the address it came from."""

    domain: str
    address: str = ""

    @property
    def shown(self) -> str:
        """The domain as people write it: 範例.台灣 for xn--fsqy19h.xn--kpry57d (QA3 #8)."""
        return unicode_name(self.domain)

    @property
    def shown_address(self) -> str:
        local, at, domain = self.address.rpartition("@")
        return f"{local}{at}{unicode_name(domain)}" if at else self.address

    @property
    def sender(self) -> str:
        """The SPF sender identity: the address, else postmaster@domain (RFC 7208 §4.3)."""
        return self.address or f"postmaster@{self.domain}"


@dataclass(frozen=True, slots=True)
class Nameserver:
    host: str
    port: int = 53

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def unicode_name(name: str) -> str:
    """A DNS name with its punycode labels (xn--…) decoded; a label that does not decode, or a
    result that is not visible text, stays as it is."""
    if "xn--" not in name.lower():
        return name
    import idna

    from ..untrusted import neutralise

    labels = []
    for label in name.split("."):
        if label.lower().startswith("xn--"):
            try:
                decoded = idna.decode(label)
            except (idna.IDNAError, UnicodeError, ValueError):
                decoded = label
            label = decoded if neutralise(decoded, one_line=True) == decoded else label
        labels.append(label)
    return ".".join(labels)


def shown_name(name: str) -> str:
    """A record's name for people: 範例.台灣 (xn--fsqy19h.xn--kpry57d), the punycode that DNS
    holds in brackets; an ASCII name as it is."""
    shown = unicode_name(name)
    return f"{shown} ({name})" if shown != name else name


def is_under(name: str, domain: str) -> bool:
    """True when `name` is `domain` or one of its subdomains (case-insensitive)."""
    name, domain = name.lower().rstrip("."), domain.lower().rstrip(".")
    return name == domain or name.endswith("." + domain)


def is_free_mail(domain: str) -> bool:
    return any(is_under(domain, free) for free in FREE_MAIL_DOMAINS)


def is_relay_name(name: str) -> bool:
    return any(is_under(name, relay) for relay in RELAY_DOMAINS)


def is_reserved(domain: str) -> bool:
    return any(is_under(domain, suffix) for suffix in RESERVED_SUFFIXES)


def valid_dns_name(name: str) -> bool:
    """A name a query can be made for: labels of 1-63 octets, at most 253 in all, ASCII."""
    name = name.rstrip(".")
    if not name or len(name) > 253 or not name.isascii():
        return False
    return all(0 < len(label) <= 63 for label in name.split("."))


def is_fqdn(name: str) -> bool:
    """RFC 7208 §4.3: a well-formed, multi-label domain name (else check_host is "none")."""
    return valid_dns_name(name) and "." in name.rstrip(".")


def _bad_target(text: str) -> ValidationError:
    return ValidationError(
        Text(f"“{text}” is not an e-mail address or a domain name (e.g. sales@example.com.tw "
             "or example.com.tw).",
             f"「{text}」不是電子郵件地址或網域名稱（例如 sales@example.com.tw 或 "
             "example.com.tw）。"),
        code="invalid_domain", field="domain")


def _ascii_domain(domain: str, original: str) -> str:
    domain = domain.strip().rstrip(".").replace("。", ".").replace("．", ".")
    if not domain:
        raise _bad_target(original)
    if not domain.isascii():
        import idna  # email-validator's dependency (IDNA 2008 + UTS 46, like browsers)

        try:
            domain = idna.encode(domain, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise _bad_target(original) from None
    domain = domain.lower()
    labels = domain.split(".")
    ok = is_fqdn(domain) and all(
        all(ch.isalnum() or ch in "-_" for ch in label) and not label.startswith("-")
        and not label.endswith("-") for label in labels) and not labels[-1].isdigit()
    if not ok:
        raise _bad_target(original)
    return domain


def parse_target(text: str) -> Target:
    """`王小明 <sales@example.com.tw>`, `sales@example.com.tw` or `example.com.tw`."""
    from .. import addresses

    raw = text.strip().replace("＠", "@")
    if "@" not in raw:
        return Target(_ascii_domain(raw, text))
    try:
        mailbox = addresses.parse_mailbox(raw, field="from")
    except ValidationError:
        raise _bad_target(text) from None
    return Target(_ascii_domain(mailbox.addr.rpartition("@")[2], text), mailbox.addr)


def parse_nameserver(text: str) -> Nameserver:
    """`IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address; port 53 by default."""
    import ipaddress

    raw = text.strip()
    host, port_text = raw, ""
    if raw.startswith("["):
        host, sep, rest = raw[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            host = ""
        port_text = rest[1:]
    elif raw.count(":") == 1:
        host, _, port_text = raw.partition(":")
    try:
        address = ipaddress.ip_address(host)
        port = int(port_text) if port_text else 53
        if not 0 < port < 65536:
            raise ValueError(port)
    except ValueError:
        raise ValidationError(
            Text(f"“{text}” is not a DNS server address: give an IP address, optionally with "
                 "a port (8.8.8.8, 127.0.0.1:5353, [2001:db8::1]:53).",
                 f"「{text}」不是 DNS 伺服器位址：請輸入 IP 位址，可加上連接埠（例如 8.8.8.8、"
                 "127.0.0.1:5353、[2001:db8::1]:53）。"),
            code="invalid_nameserver", field="nameserver") from None
    return Nameserver(str(address), port)


# What separates selectors typed in one field: the comma, and the full-width comma, enumeration
# comma and semicolon a 繁中 IME types (QA3 #35); spaces (the ideographic one too) as well.
SELECTOR_SEPARATORS = str.maketrans(dict.fromkeys(",，、；", " "))


def split_selectors(values: list[str] | str) -> list[str]:
    """The selectors a field (or several values) holds, not yet checked."""
    items = [values] if isinstance(values, str) else list(values)
    return [s for item in items for s in item.translate(SELECTOR_SEPARATORS).split()]


def parse_selectors(values: list[str] | str) -> list[str]:
    """DKIM selectors (RFC 6376 §3.1: dot-separated labels), separated by commas (half- or
    full-width, 、 or ；) or spaces. The record's full name as DNS panels show it
    (`omi._domainkey.example.tw`, a zone file's final dot too) is kept whole: the check reads
    it as its selector under the sender's domain, and says so when it names another (QA5 #19)."""
    out: list[str] = []
    for selector in split_selectors(values):
        selector = selector.strip().lower().rstrip(".").removesuffix("._domainkey")
        ok = valid_dns_name(selector) and all(
            all(ch.isalnum() or ch in "-_" for ch in label) for label in selector.split("."))
        if not ok:
            raise ValidationError(
                Text(f"“{selector}” is not a DKIM selector (a name such as s1 or "
                     "default, the part before ._domainkey).",
                     f"「{selector}」不是 DKIM 選擇器（例如 s1 或 default，即 ._domainkey "
                     "前面的名稱）。"),
                code="invalid_selector", field="dkim_selector")
        if selector not in out:
            out.append(selector)
    return out


def parse_selector_values(values: list[str]) -> list[str]:
    """DKIM selectors given one per value (a repeated command-line option): an empty value
    or one with a space is refused, not split or dropped (QA3 #7); commas still separate."""
    for value in values:
        text = value.strip()
        if not text:
            raise ValidationError(
                Text("An empty DKIM selector: give one, such as s1 or default, or leave the "
                     "option out.",
                     "DKIM 選擇器是空的：請輸入選擇器（例如 s1 或 default），"
                     "或不要使用這個選項。"),
                code="invalid_selector", field="dkim_selector")
        if any(ch.isspace() for ch in text):
            raise ValidationError(
                Text(f"“{text}” has a space in it: a DKIM selector is one name (such as s1); "
                     "give each selector on its own.",
                     f"「{text}」含有空格：DKIM 選擇器是單一名稱（例如 s1），"
                     "多個選擇器請分別輸入。"),
                code="invalid_selector", field="dkim_selector")
    return parse_selectors(values)
