"""An account profile: where to connect, who sends, and the default EmailOptions. The password
is not part of it (see secrets.py)."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, fields, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ValidationError
from .headers import check_single_line, clean_header_text
from .options import OptionSet
from .smtp.presets import DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security
from .text import Text

if TYPE_CHECKING:
    from .smtp.config import ServerConfig, Timeouts

PRESET_RELAY = "relay"
PRESET_CUSTOM = "custom"
PRESET_SANDBOX = "sandbox"


def _new_id() -> str:
    """32 random hex digits, as uuid4().hex gave (without importing uuid, which loads
    `platform`: ~5 ms the app's first tab waited for, since every profile read makes one)."""
    return os.urandom(16).hex()


@dataclass
class Account:
    name: str = "OMICard / NewerMail (沛盛資訊)"
    preset: str = PRESET_RELAY
    host: str = RELAY_HOST
    backup_host: str = RELAY_BACKUP_HOST
    port: int = DEFAULT_PORTS[Security.SSL]
    security: Security = Security.SSL
    user: str = ""
    sender: str = ""
    sender_name: str = ""
    reply_to: str = ""
    remember_password: bool = True
    # The user confirmed that with "no encryption" the password travels unencrypted: only then
    # does OMIDesk log in on such a connection (shown and changed on the Account tab).
    plaintext_login_confirmed: bool = False
    trusted_fingerprint: str = ""  # an explicit, per-account choice (never global)
    cafile: str = ""  # the sandbox's session CA; or a company CA
    options: OptionSet = field(default_factory=OptionSet)  # defaults for every message
    dkim_selectors: list[str] = field(default_factory=list)  # for the sender-domain check
    id: str = field(default_factory=lambda: _new_id())

    def server_config(self, password: str = "", *, timeouts: Timeouts | None = None
                      ) -> ServerConfig:
        from .smtp.config import ServerConfig, Timeouts  # not for the Account tab's paint

        return ServerConfig(
            host=self.host, port=self.port, security=self.security, user=self.user,
            password=password, backup_host=self.backup_host,
            cafile=Path(self.cafile) if self.cafile else None,
            trusted_fingerprint=self.trusted_fingerprint, timeouts=timeouts or Timeouts(),
            allow_plaintext_login=self.allows_plaintext_login,
        )

    @property
    def hosts(self) -> list[str]:
        """The server and its backup, those that are set: the relay a sender-domain check
        looks up."""
        return [h for h in (self.host, self.backup_host) if h]

    @property
    def allows_plaintext_login(self) -> bool:
        """No encryption chosen for this account and its risk confirmed."""
        return self.security is Security.NONE and self.plaintext_login_confirmed

    def copy(self, **changes: object) -> Account:
        """A copy that shares nothing mutable with this one (its OptionSet included)."""
        options = changes.pop("options", self.options)
        assert isinstance(options, OptionSet)
        return replace(self, options=OptionSet.from_dict(options.to_dict()),
                       **changes)  # type: ignore[arg-type]

    def duplicate(self, name: str) -> Account:
        return self.copy(name=name, id=_new_id())

    # -- validation (inline, per field) ----------------------------------------------------------
    def validate(self) -> list[ValidationError]:
        # The address and DKIM parsers load for a profile that has an address or a selector:
        # a new profile (the first start's Account tab) has neither (issue 18).
        errors: list[ValidationError] = []

        def check(step, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            try:
                step(*args, **kwargs)
            except ValidationError as exc:
                errors.append(exc)

        check(_check_name, self.name)
        check(_check_host, self.host, "host")
        if self.backup_host:
            check(_check_host, self.backup_host, "backup_host")
        check(_check_port, self.port)
        if self.sender:
            from .addresses import parse_mailbox

            check(parse_mailbox, self.sender, field="from", name=self.sender_name)
        else:
            errors.append(ValidationError(Text("Enter the sender address.", "請填寫寄件者地址。"),
                                          code="invalid_address", field="from"))
        if self.reply_to:
            from .addresses import parse_mailboxes

            check(parse_mailboxes, self.reply_to, field="reply_to")
        check(clean_header_text, self.user, field="user", label=Text("Login", "帳號"))
        if self.dkim_selectors:  # the DKIM checker's: not for a mailing, nor a new profile
            from .domain.names import parse_selectors

            check(parse_selectors, self.dkim_selectors)
        return errors

    # -- persistence (no password, ever) ---------------------------------------------------------
    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "preset": self.preset, "host": self.host,
            "backup_host": self.backup_host, "port": self.port, "security": self.security.value,
            "user": self.user, "sender": self.sender, "sender_name": self.sender_name,
            "reply_to": self.reply_to, "remember_password": self.remember_password,
            "plaintext_login_confirmed": self.plaintext_login_confirmed,
            "trusted_fingerprint": self.trusted_fingerprint, "cafile": self.cafile,
            "options": self.options.to_dict(), "dkim_selectors": list(self.dkim_selectors),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object], *, reset: list[str] | None = None) -> Account:
        """A saved profile. A value this field cannot hold (a settings file edited by hand
        or damaged: "port": 1e999, a name that is a number) is replaced by the default and
        its field's name added to `reset`: the profile keeps everything else."""
        default = cls()
        known: dict[str, object] = {}
        bad: list[str] = []
        for spec in fields(cls):
            if spec.name not in data:
                continue
            try:
                known[spec.name] = _saved_value(spec.name, data[spec.name],
                                                getattr(default, spec.name))
            except (ValueError, TypeError, OverflowError, AttributeError):
                bad.append(spec.name)
        if "port" in bad or ("port" not in data and "security" in known):
            known["port"] = DEFAULT_PORTS[known.get("security", default.security)]  # type: ignore[index]
        if reset is not None:
            reset.extend(bad)
        return cls(**known)  # type: ignore[arg-type]


def _saved_value(name: str, raw: object, default: object) -> object:
    """One field of a saved profile, checked against the type of its default."""
    if name == "options":
        if not isinstance(raw, dict):
            raise TypeError("options")
        try:  # a one-time schedule saved as a default before QA5 #17: never one
            return OptionSet.from_dict(raw).split_one_time()[0]
        except ValidationError as exc:
            raise ValueError("options") from exc
    if name == "security":
        return Security(str(raw))
    if name == "port":
        number = float(raw) if isinstance(raw, (int, float, str)) and \
            not isinstance(raw, bool) else math.nan
        if not number.is_integer() or not 0 < number < 65536:
            raise ValueError("port")
        return int(number)
    if name == "dkim_selectors":
        if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
            raise TypeError(name)
        return list(raw)
    if name == "plaintext_login_confirmed":  # a consent: only an explicit true counts
        if not isinstance(raw, bool):
            raise TypeError(name)
        return raw
    if isinstance(default, bool):
        if not isinstance(raw, (bool, int)):
            raise TypeError(name)
        return bool(raw)
    if isinstance(default, str):
        if not isinstance(raw, str) or (name == "id" and not raw):
            raise TypeError(name)
        return raw
    return raw


def _check_name(name: str) -> None:
    if not name.strip():
        raise ValidationError(Text("Give the profile a name.", "請替設定檔命名。"),
                              code="invalid_name", field="name")
    clean_header_text(name, field="name", label=Text("Profile name", "設定檔名稱"))


HOST_LABELS = {"host": Text("Server", "伺服器"),
               "backup_host": Text("Backup server", "備用伺服器"),
               "ehlo": Text("EHLO name", "EHLO 名稱")}


def check_host(host: str, field: str = "host") -> str:
    """A server name or an IP address (trimmed), else a ValidationError at `field`: what the
    command line and a profile may connect to."""
    import ipaddress

    text = host.strip()
    check_single_line(text, field=field, label=HOST_LABELS.get(field))
    try:
        ipaddress.ip_address(text)
        return text
    except ValueError:
        _check_host(text, field)
    return text


def check_ehlo_name(name: str, field: str = "ehlo") -> str:
    """The name OMIDesk says after EHLO: a domain name, or an address literal such as
    [192.0.2.10] or [IPv6:2001:db8::1] (RFC 5321 §4.1.3). Checked before it reaches an SMTP
    command: a line break there would start a command of its own."""
    import ipaddress

    text = name.strip()
    check_single_line(text, field=field, label=HOST_LABELS[field])
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        inner = inner[5:] if inner[:5].lower() == "ipv6:" else inner
        try:
            ipaddress.ip_address(inner)
            return text
        except ValueError:
            pass
    elif text and "_" not in text and not text.replace(".", "").isdigit():
        try:
            _check_host(text, field)
            return text
        except ValidationError:
            pass
    raise ValidationError(
        Text(f"EHLO name: “{text}” is neither a domain name (mail.example.com) nor an address "
             "in brackets ([192.0.2.10]).",
             f"EHLO 名稱：「{text}」不是網域名稱（例如 mail.example.com），也不是加上方括號的"
             "位址（例如 [192.0.2.10]）。"), code="invalid_ehlo", field=field)


def check_cafile(path: str | PathLike[str], field: str = "cafile") -> Path:
    """A file of CA certificates in PEM form that Python's TLS can load, else a
    ValidationError that says so (not a TLS failure at the first connection)."""
    import ssl

    from .files import file_problem

    target = Path(path)
    problem = file_problem(target)
    if problem is not None:
        raise ValidationError(Text(f"CA file: {problem.en}.", f"CA 憑證檔：{problem.zh}。"),
                              code="cafile_unreadable", field=field)
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(target))
    except ssl.SSLError:
        raise ValidationError(Text(
            f"CA file: “{target}” holds no certificate in PEM form (text that starts with "
            "-----BEGIN CERTIFICATE-----). Export the CA certificate as PEM (Base-64) and "
            "try again.",
            f"CA 憑證檔：「{target}」中沒有 PEM 格式的憑證（以 -----BEGIN CERTIFICATE----- 開頭的"
            "文字）。請把 CA 憑證匯出為 PEM（Base-64）格式後再試。"),
            code="cafile_not_pem", field=field) from None
    except OSError as exc:
        raise ValidationError(Text(f"CA file: “{target}” cannot be read ({exc.strerror}).",
                                   f"CA 憑證檔：無法讀取「{target}」（{exc.strerror}）。"),
                              code="cafile_unreadable", field=field) from None
    return target


def _check_host(host: str, field: str) -> None:
    label = HOST_LABELS.get(field, HOST_LABELS["backup_host"])
    host = host.strip()
    ok = bool(host) and len(host) <= 253 and all(
        part and len(part) <= 63 and all(ch.isalnum() or ch in "-_" for ch in part)
        and not part.startswith("-") for part in host.split("."))
    if not ok:
        raise ValidationError(
            Text(f"{label.en}: “{host}” is not a server name like smtp.itpison.com.",
                 f"{label.zh}：「{host}」不是有效的伺服器名稱（例如 smtp.itpison.com）。"),
            code="invalid_host", field=field)


def _check_port(port: int) -> None:
    if not 0 < port < 65536:
        raise ValidationError(Text(f"Port {port} is not between 1 and 65535.",
                                   f"連接埠 {port} 不在 1 到 65535 之間。"),
                              code="invalid_port", field="port")
