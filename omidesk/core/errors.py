"""One error hierarchy. Each class also subclasses the matching built-in, and each error carries a
stable code that the UI and the CLI translate, plus the field it came from."""

from __future__ import annotations

from .text import Text


class OmiError(Exception):
    """Base of every error OMIDesk reports to a person."""

    code: str = "error"

    def __init__(self, text: Text, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(text.en)
        self.text = text
        if code is not None:
            self.code = code
        self.field = field

    def message(self, lang: str = "en") -> str:
        return self.text.get(lang)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, {self.text.en!r})"


class ValidationError(OmiError, ValueError):
    """Input that cannot become a message or a setting: shown at the field it came from."""

    code = "invalid"


class OptionError(ValidationError):
    """An EmailOption the manual does not have or define (unknown_option, option_undefined).
    `group` is the table it is about, so that each side words where to look it up: the CLI
    `omidesk options list --group G`, the Options tab its own section (QA3 #10)."""

    def __init__(self, text: Text, *, code: str | None = None, field: str | None = None,
                 group: str = "") -> None:
        super().__init__(text, code=code, field=field)
        self.group = group


class StorageError(OmiError, OSError):
    """A file could not be written or created: a full disk (code disk_full; the text says
    where to free space), a read-only disk, no permission, a folder where a file should be
    (file_unwritable). `path` is the file."""

    code = "file_unwritable"

    def __init__(self, text: Text, *, code: str | None = None, field: str | None = None,
                 path: str = "") -> None:
        super().__init__(text, code=code, field=field)
        self.path = path


class BusyError(OmiError, RuntimeError):
    """Another OMIDesk sender (a window or a command) holds this mailing's journal: nothing
    was done (code journal_busy)."""

    code = "journal_busy"


class SMTPFailure(OmiError):
    """A step of an SMTP conversation failed. `code` is a diagnosis code (see smtp.diagnosis);
    `reply` is the server's own reply when it said something; `facts` fill the explanation."""

    code = "protocol_error"

    def __init__(self, text: Text, *, code: str | None = None, reply: str = "",
                 facts: dict[str, str] | None = None, variant: str = "") -> None:
        super().__init__(text, code=code, field="server")
        self.reply = reply
        self.facts = dict(facts or {})
        self.variant = variant  # picks a more precise explanation of the same code


class SMTPConnectFailure(SMTPFailure, ConnectionError):
    """dns_failed, connect_refused, network_unreachable, connection_lost."""

    code = "connection_lost"


class SMTPTimeout(SMTPFailure, TimeoutError):
    """dns_timeout, connect_timeout, greeting_timeout, command_timeout."""

    code = "command_timeout"


class SMTPTLSFailure(SMTPFailure, ConnectionError):
    """tls_handshake_failed, cert_name_mismatch, cert_untrusted, cert_expired."""

    code = "tls_handshake_failed"


class SMTPReplyError(SMTPFailure):
    """The server answered, and the answer was no (auth_failed, sender_rejected, relay_denied,
    …), or OMIDesk itself declined before a step (plaintext_login_refused, password_missing)."""

    code = "protocol_error"
