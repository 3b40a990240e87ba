"""SMTP on aiosmtplib: a narrated session, the connection test, diagnosis, sending, reports."""

from .config import (
    DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_COMBOS, RELAY_HOST, Security, ServerConfig,
    Timeouts, combo_label, relay_config,
)
from .diagnosis import CODES, Diagnosis, diagnose
from .probe import MatrixResult, ProbeResult, probe, probe_all
from .send import RecipientOutcome, SendResult, send_message
from .transcript import Redactor, Transcript, TranscriptEvent

__all__ = [
    "CODES", "DEFAULT_PORTS", "RELAY_BACKUP_HOST", "RELAY_COMBOS", "RELAY_HOST", "Diagnosis",
    "MatrixResult", "ProbeResult", "RecipientOutcome", "Redactor", "Security", "SendResult",
    "ServerConfig", "Timeouts", "Transcript", "TranscriptEvent", "combo_label", "diagnose",
    "probe", "probe_all", "relay_config", "send_message",
]
