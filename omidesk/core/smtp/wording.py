"""The pieces the diagnosis texts are written with (diagnosis_text.py, diagnosis_connect.py,
diagnosis_login.py): a wording (title, explanation, next step), a text for the relay and
optionally one for any other server, and phrases several texts share."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import Text


@dataclass(frozen=True, slots=True)
class Wording:
    title: Text  # a few words
    explain: Text  # 1–3 sentences: what happened, in plain language
    next_step: Text  # what to do now, concretely


@dataclass(frozen=True, slots=True)
class DiagnosisText:
    code: str
    title: Text
    explain: Text
    next_step: Text
    other: Wording | None = None  # for a server that is not the relay (None: the same words)

    def wording(self, *, relay: bool) -> Wording:
        if relay or self.other is None:
            return Wording(self.title, self.explain, self.next_step)
        return self.other


def _other(relay: tuple[Text, Text, Text], title: Text | None = None,
           explain: Text | None = None, next_step: Text | None = None) -> Wording:
    return Wording(title or relay[0], explain or relay[1], next_step or relay[2])


def entry(key: str, title: Text, explain: Text, next_step: Text, *,
          title_other: Text | None = None, explain_other: Text | None = None,
          next_other: Text | None = None) -> tuple[str, DiagnosisText]:
    """One entry of DIAGNOSES: the key ("code" or "code/variant") and its texts; the *_other
    words, where given, are for a server that is not the relay."""
    other = None
    if title_other or explain_other or next_other:
        other = _other((title, explain, next_step), title_other, explain_other, next_other)
    return key, DiagnosisText(key.split("/", 1)[0], title, explain, next_step, other)


PORTS_EN = "465 → SSL; 587 → STARTTLS; 25 → STARTTLS or no encryption"
PORTS_ZH = "465 → SSL；587 → TLS (STARTTLS)；25 → TLS (STARTTLS) 或不加密"
ONE_LOGIN_EN = ("OMIDesk sent the password once and did not retry, so repeated attempts will "
                 "not get your account locked.")
ONE_LOGIN_ZH = "OMIDesk 只發送一次密碼、不會重試，因此不會因反覆嘗試而讓帳號被鎖住。"
ASK_OPERATOR_EN = "copy the report and send it to the server’s operator"
ASK_OPERATOR_ZH = "請複製報告並發送給這台伺服器的管理者"
