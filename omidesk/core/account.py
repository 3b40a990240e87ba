"""An account profile: where to connect, who sends, and the default EmailOptions. The password
is not part of it (see secrets.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .addresses import parse_mailbox, parse_mailboxes
from .domain.names import parse_selectors
from .errors import ValidationError
from .headers import clean_header_text
from .options import OptionSet
from .smtp.config import (
    DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security, ServerConfig, Timeouts,
)
from .text import Text

PRESET_RELAY = "relay"
PRESET_CUSTOM = "custom"
PRESET_SANDBOX = "sandbox"


def _new_id() -> str:
    import uuid  # imported here: it loads `platform`, and the app's window should not wait

    return uuid.uuid4().hex


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
        return ServerConfig(
            host=self.host, port=self.port, security=self.security, user=self.user,
            password=password, backup_host=self.backup_host,
            cafile=Path(self.cafile) if self.cafile else None,
            trusted_fingerprint=self.trusted_fingerprint, timeouts=timeouts or Timeouts(),
            allow_plaintext_login=self.allows_plaintext_login,
        )

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
            check(parse_mailbox, self.sender, field="from", name=self.sender_name)
        else:
            errors.append(ValidationError(Text("Enter the sender address.", "請填寫寄件者地址。"),
                                          code="invalid_address", field="from"))
        if self.reply_to:
            check(parse_mailboxes, self.reply_to, field="reply_to")
        check(clean_header_text, self.user, field="user", label=Text("Login", "帳號"))
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
    def from_dict(cls, data: dict[str, object]) -> Account:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["security"] = Security(str(known.get("security", "ssl")))
        known["port"] = int(known.get("port", 465))  # type: ignore[call-overload]
        known["remember_password"] = bool(known.get("remember_password", True))
        known["plaintext_login_confirmed"] = known.get("plaintext_login_confirmed") is True
        selectors = known.get("dkim_selectors")
        known["dkim_selectors"] = [str(s) for s in selectors] if isinstance(selectors, list) \
            else []
        try:
            known["options"] = OptionSet.from_dict(known.get("options") or {})  # type: ignore[arg-type]
        except ValidationError:
            known["options"] = OptionSet()  # keep the profile; only its bad options are lost
        return cls(**known)  # type: ignore[arg-type]


def _check_name(name: str) -> None:
    if not name.strip():
        raise ValidationError(Text("Give the profile a name.", "請替設定檔命名。"),
                              code="invalid_name", field="name")
    clean_header_text(name, field="name", label=Text("Profile name", "設定檔名稱"))


def _check_host(host: str, field: str) -> None:
    label = Text("Server", "伺服器") if field == "host" else Text("Backup server", "備用伺服器")
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
