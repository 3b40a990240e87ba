"""SMTP on aiosmtplib: a narrated session, the connection test, diagnosis, sending, reports.

The names below load their submodule on first use (PEP 562, core/lazy.py): the app's window
needs only `presets` (a profile's security mode and ports), and must not wait for aiosmtplib
and cryptography to import."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ..lazy import exports

_WHERE = {
    "DEFAULT_PORTS": "config", "RELAY_BACKUP_HOST": "config", "RELAY_COMBOS": "config",
    "RELAY_HOST": "config", "Security": "config", "ServerConfig": "config",
    "Timeouts": "config", "combo_label": "config", "relay_config": "config",
    "CODES": "diagnosis", "Diagnosis": "diagnosis", "diagnose": "diagnosis",
    "MatrixResult": "probe", "ProbeResult": "probe", "probe": "probe", "probe_all": "probe",
    "RecipientOutcome": "send", "SendResult": "send", "send_message": "send",
    "Redactor": "transcript", "Transcript": "transcript", "TranscriptEvent": "transcript",
}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:  # `name as name`: re-exported for the type checker (__all__ is computed)
    from .config import (
        DEFAULT_PORTS as DEFAULT_PORTS, RELAY_BACKUP_HOST as RELAY_BACKUP_HOST,
        RELAY_COMBOS as RELAY_COMBOS, RELAY_HOST as RELAY_HOST, Security as Security,
        ServerConfig as ServerConfig, Timeouts as Timeouts, combo_label as combo_label,
        relay_config as relay_config,
    )
    from .diagnosis import CODES as CODES, Diagnosis as Diagnosis, diagnose as diagnose
    from .probe import (
        MatrixResult as MatrixResult, ProbeResult as ProbeResult, probe as probe,
        probe_all as probe_all,
    )
    from .send import (
        RecipientOutcome as RecipientOutcome, SendResult as SendResult,
        send_message as send_message,
    )
    from .transcript import (
        Redactor as Redactor, Transcript as Transcript, TranscriptEvent as TranscriptEvent,
    )


__getattr__, __dir__ = exports(__name__, _WHERE)


class _Package(types.ModuleType):
    """Importing the submodule `probe` would make `smtp.probe` the module instead of the
    function of that name (the import system sets it on the package): keep the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
