"""`omidesk sandbox`: the sandbox relay on 127.0.0.1 — a local test SMTP server with the
relay's TLS, AUTH and LaunchID replies — until Ctrl+C: its settings, ready-to-paste probe
and send lines, then one line per message it receives. Nothing is delivered."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.text import Text
from .usage import help_text

if TYPE_CHECKING:
    from ..core.sandbox import SandboxMessage, SandboxRelay
    from .usage import SignalHandler


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    box = sub.add_parser("sandbox", help=help_text(Text(
        "run the sandbox relay: a local test SMTP server",
        "執行沙盒轉發伺服器：本機的測試 SMTP 伺服器")), description=help_text(Text(
            "Run the sandbox relay on 127.0.0.1 (implicit TLS and STARTTLS, AUTH, 250 "
            "LaunchID=<n> like the real relay) until Ctrl+C: print its settings, then one line "
            "per message it receives. Nothing is delivered.",
            "在 127.0.0.1 執行沙盒轉發伺服器（與真正的轉發伺服器一樣提供直接 TLS 與 "
            "STARTTLS、AUTH，並回覆 250 LaunchID=<n>），直到按下 Ctrl+C：先顯示它的設定，"
            "再為收到的每封郵件顯示一行。不會真的把郵件發送給收件者。")))
    box.add_argument("--json", action="store_true", help=help_text(Text(
        "the settings as one JSON line, then one JSON line per message",
        "以一行 JSON 輸出設定，之後每封郵件一行 JSON")))
    return box


SANDBOX_PASSWORD_ENV = "OMIDESK_SANDBOX_PASSWORD"


def _shell_line(words: Sequence[str]) -> str:
    import shlex
    import subprocess

    return subprocess.list2cmdline(words) if os.name == "nt" else shlex.join(words)


def sandbox_examples(relay: SandboxRelay, sender: str = "me@example.com",
                     to: str = "you@example.com") -> dict[str, str]:
    """Ready-to-paste `omidesk probe` / `omidesk send` lines for this relay's SSL port."""
    from ..core.smtp import Security

    conn = ["--host", relay.host, "--port", str(relay.port(Security.SSL)), "--security", "ssl",
            "--user", relay.user, "--password-env", SANDBOX_PASSWORD_ENV,
            "--cafile", str(relay.cafile)]
    set_env = (f"set {SANDBOX_PASSWORD_ENV}={relay.password}" if os.name == "nt" else
               f"export {SANDBOX_PASSWORD_ENV}={relay.password}")
    return {
        "set_password": set_env,
        "probe": _shell_line(["omidesk", "probe", *conn]),
        "send": _shell_line(["omidesk", "send", *conn, "--from", sender, "--to", to,
                             "--subject", "Sandbox test / 沙盒測試"]),
    }


def _print_sandbox_settings(relay: SandboxRelay, lang: str) -> None:
    examples = sandbox_examples(relay)

    def t(en: str, zh: str) -> str:
        return Text(en, zh).get(lang)

    print(t(f"OMIDesk sandbox relay running on {relay.host} — mail stays here, nothing is "
            "delivered.",
            f"OMIDesk 沙盒伺服器已在 {relay.host} 上執行：郵件只留在這裡，不會發送。"))
    for port, security in relay.combos():
        print(f"  {security.label.get(lang)}: {relay.host} {t('port', '連接埠')} {port}")
    print(f"  {t('Login', '帳號')}: {relay.user}")
    print(f"  {t('Password', '密碼')}: {relay.password}  " +
          t("(a throw-away password for this sandbox session only, not a real account)",
            "（僅供本次沙盒使用的臨時密碼，並非真實帳號）"))
    print(f"  {t('CA file', 'CA 憑證檔')}: {relay.cafile}  " +
          t("(trust it for this session only; deleted when the sandbox stops)",
            "（只在本次執行期間信任；沙盒停止時即刪除）"))
    print()
    print(t("Try it from another terminal:", "可在另一個終端機視窗試用："))
    for key in ("set_password", "probe", "send"):
        print(f"  {examples[key]}")
    print()
    print(t("Waiting for messages; press Ctrl+C to stop.", "等待郵件中；按 Ctrl+C 停止。"),
          flush=True)


def _ready(relay: SandboxRelay) -> dict[str, object]:
    """The settings as `--json` prints them, first."""
    return {
        "event": "ready", "host": relay.host, "user": relay.user, "password": relay.password,
        "password_note": "a throw-away password for this sandbox session only",
        "cafile": str(relay.cafile), "ports": {s.value: p for p, s in relay.combos()},
        "password_env": SANDBOX_PASSWORD_ENV, "examples": sandbox_examples(relay),
    }


def _sandbox_line(message: SandboxMessage, lang: str) -> str:
    to = ", ".join(message.rcpt_tos)
    subject = message.subject or Text("(no subject)", "（無主旨）").get(lang)
    return (f"{message.received_at:%H:%M:%S}  {message.mail_from} -> {to}  “{subject}”  "
            f"LaunchID={message.launch_id}")


def run(args: argparse.Namespace, lang: str) -> int:
    """Runs until Ctrl+C, SIGTERM (or Ctrl+Break): the relay serves in its own thread, the
    main thread only prints, and a signal just ends the wait so the relay stops cleanly."""
    import json
    import queue
    import signal
    import threading

    from ..core.sandbox import SandboxRelay

    def show(message: SandboxMessage) -> None:
        if args.json:
            print(json.dumps({"event": "message", **message.to_dict()}, ensure_ascii=False),
                  flush=True)
        else:
            print(_sandbox_line(message, lang), flush=True)

    inbox: queue.Queue[SandboxMessage] = queue.Queue()
    done = threading.Event()
    previous: dict[int, SignalHandler] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                previous[number] = signal.signal(number, lambda *_: done.set())
    relay = SandboxRelay()
    try:
        relay.start()
        relay.subscribe(inbox.put)
        if args.json:
            print(json.dumps(_ready(relay), ensure_ascii=False), flush=True)
        else:
            _print_sandbox_settings(relay, lang)
        while not done.is_set():
            try:
                show(inbox.get(timeout=0.2))
            except queue.Empty:
                pass
    finally:
        relay.stop()
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
    while not inbox.empty():  # arrived just before the stop
        show(inbox.get_nowait())
    if args.json:
        print(json.dumps({"event": "stopped"}), flush=True)
    else:
        print(Text("Sandbox stopped; its certificates were deleted.",
                   "沙盒已停止，憑證已刪除。").get(lang), flush=True)
    return 0
