"""What a second start asks of the running app (single_instance): come to the front, open these
files. A dataclass of its own module, made only when a request is handed over or arrives:
Python 3.11 compiles a dataclass's methods when it is made (~1.8 M instructions an ordinary
start's first paint does not wait for, issue 18)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Request:
    """What a second start asks of the running app."""

    files: list[str] = field(default_factory=list)
    sandbox: bool = False
    pid: int = 0

    def to_line(self, token: str) -> bytes:
        import json

        data = {"token": token, "files": self.files, "sandbox": self.sandbox, "pid": self.pid}
        return json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n"

    @classmethod
    def from_line(cls, line: bytes, token: str) -> Request | None:
        """None unless the line is a well-formed request carrying the right token."""
        import hmac
        import json

        try:
            data = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("token"), str) or \
                not hmac.compare_digest(data["token"], token):
            return None
        files = data.get("files", [])
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            return None
        pid = data.get("pid", 0)
        return cls(files=files, sandbox=data.get("sandbox") is True,
                   pid=pid if isinstance(pid, int) else 0)
