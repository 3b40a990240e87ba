"""What the Connection test tests: a server configuration (the password in memory only), the
sender the test message goes to, the combinations tried and why the profile cannot be tested
now, if it cannot (a sandbox profile without its relay)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...core.smtp.config import RELAY_COMBOS, Security, ServerConfig

if TYPE_CHECKING:
    from ...core.account import Account
    from ...core.sandbox import SandboxRelay


@dataclass(frozen=True)
class Target:
    config: ServerConfig
    sender: str = ""
    sender_name: str = ""
    combos: tuple[tuple[int, Security], ...] = RELAY_COMBOS
    unavailable: str = ""  # why it cannot be reached now (a test then says only that)
    selectors: tuple[str, ...] = field(default=())  # DKIM, for the sender-domain check
    unsaved_password: bool = False  # the password typed on the Account tab, not saved yet


def account_target(account: Account, password: str,
                   sandbox: SandboxRelay | None = None, *,
                   unsaved_password: bool = False) -> Target:
    """The profile as the test tries it: the sandbox on its own ports, a server of one's own
    also on its configured port with every security, the relay on its combinations.
    `unsaved_password`: `password` is the one typed on the Account tab, not the saved one."""
    from ...core.account import PRESET_CUSTOM, PRESET_SANDBOX
    from ...core.smtp.config import matrix_combos

    combos: Sequence[tuple[int, Security]] = RELAY_COMBOS
    unavailable = ""
    if account.preset == PRESET_SANDBOX:
        if sandbox is not None and sandbox.running:
            combos = sandbox.combos()
        else:
            unavailable = QCoreApplication.translate(
                "ConnectionTestTab",
                "This is the sandbox profile, and the sandbox relay is not running: it runs "
                "only while OMIDesk is started with --sandbox. Start OMIDesk that way to test "
                "it, or choose another profile on the Account tab.")
    elif account.preset == PRESET_CUSTOM:  # also its own port with every security
        combos = list(matrix_combos(account.port))
    return Target(account.server_config(password), sender=account.sender.strip(),
                  sender_name=account.sender_name, combos=tuple(combos),
                  unavailable=unavailable, selectors=tuple(account.dkim_selectors),
                  unsaved_password=unsaved_password)
