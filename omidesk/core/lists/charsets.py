"""Which encoding a text list is in, and its text.

Excel on a 繁中 Windows saves "CSV" as cp950 and "Unicode Text" as UTF-16 LE with a BOM; other
tools write UTF-8 with or without a BOM; mainland partners send GB18030 (GBK). The order:

1. an explicit encoding is honoured (big5 means cp950, gbk/gb2312 mean gb18030: supersets);
2. a byte order mark decides (UTF-8, UTF-16 LE/BE, UTF-32);
3. text that is valid UTF-8 is UTF-8 (other encodings of Chinese are almost never valid UTF-8);
   UTF-16 without a BOM is recognised by its zero bytes;
4. otherwise every candidate that decodes without error (cp950, else Big5-HKSCS; GB18030) is
   scored: charset-normalizer's chaos (how messy the text is) times the share of the
   characters that are in the encoding's common range (Big5 常用字 A440–C67E, GB2312 level 1
   B0A1–D7F9). GB18030 text read as cp950 (姓名 → 俷靡) decodes without an error but lands
   among rare characters; the real encoding scores near 1. The choice is "sure" when both
   judges agree and it has at least 75 % of the score; otherwise the caller asks or stops.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Literal

from ..errors import ValidationError
from ..text import Text
from . import problems

How = Literal["explicit", "bom", "utf-8", "utf-16", "only", "detector"]
SURE_CONFIDENCE = 0.75
_SAMPLE_BYTES = 256 * 1024  # the detectors look at this much; decoding covers the whole file

# What the encoding chooser offers (the codec name, and what the user knows it as).
ENCODINGS: tuple[tuple[str, Text], ...] = (
    ("utf-8", Text("UTF-8", "UTF-8")),
    ("utf-8-sig", Text("UTF-8 with BOM", "UTF-8（含 BOM）")),
    ("utf-16", Text("UTF-16 (Excel “Unicode Text”)", "UTF-16（Excel「Unicode 文字」）")),
    ("cp950", Text("Big5 (cp950, Traditional Chinese Windows)",
                   "Big5（cp950，繁體中文 Windows）")),
    ("big5hkscs", Text("Big5-HKSCS (Hong Kong)", "Big5-HKSCS（香港）")),
    ("gb18030", Text("GB18030 / GBK (Simplified Chinese)", "GB18030 / GBK（簡體中文）")),
)
# Names people type for the codecs above; each maps to the superset that reads it. These
# are the only encodings a list is read in (the tab's chooser, `--encoding`): any other codec
# Python has (latin-1, cp1252, …) reads every byte of a Big5 file as some letter, without an
# error, and the names would go out garbled (QA round 2, 30). UTF-16 with a byte order named
# (what the detector finds in a file without a BOM) is UTF-16 too.
_ALIASES = {"big5": "cp950", "big5-tw": "cp950", "ms950": "cp950", "gbk": "gb18030",
            "gb2312": "gb18030", "cp936": "gb18030", "ms936": "gb18030", "hkscs": "big5hkscs",
            "big5-hkscs": "big5hkscs", "utf8": "utf-8", "utf16": "utf-16",
            "utf-8-bom": "utf-8-sig", "utf8-sig": "utf-8-sig", "utf-16le": "utf-16-le",
            "utf-16be": "utf-16-be", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be",
            **{codec: codec for codec, _label in ENCODINGS}}
# The alias people know a listed codec by, said beside it in a refusal.
_KNOWN_AS = {"cp950": "big5", "gb18030": "gbk"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Common ranges by encoding: (first, last) of the two-byte codes of everyday characters.
_COMMON = {"cp950": (0xA440, 0xC67E), "big5hkscs": (0xA440, 0xC67E),
           "gb18030": (0xB0A1, 0xD7F9)}


@dataclass(frozen=True)
class Candidate:
    """One encoding that read the file: its share of the score and, as it reads, the first
    line where the candidates differ (an ASCII header reads the same in all of them: the
    first line with 陳 or 闊 is what lets a person choose), shown beside it."""

    encoding: str
    confidence: float
    sample: str


@dataclass(frozen=True)
class Decoding:
    """How a text file was decoded. `candidates` are all the encodings that read it, best
    first (one for a BOM, an explicit choice or valid UTF-8). `agreed`: whether the two
    judges (charset-normalizer's chaos, the common-character share) chose the same."""

    encoding: str
    confidence: float
    how: How
    candidates: tuple[Candidate, ...]
    agreed: bool = True

    @property
    def sure(self) -> bool:
        return self.how != "detector" or (self.agreed and self.confidence >= SURE_CONFIDENCE)

    @property
    def alternatives(self) -> tuple[str, ...]:
        return tuple(c.encoding for c in self.candidates if c.encoding != self.encoding)

    def uncertain_error(self, name: str, how: Text | None = None) -> ValidationError:
        """The error to stop with when not sure (`how`: what to do, e.g. the CLI's
        "choose one with --encoding NAME")."""
        return problems.encoding_uncertain(
            name, [(c.encoding, c.confidence) for c in self.candidates], how)


@dataclass(frozen=True)
class _Scored:
    encoding: str
    text: str
    chaos: float
    common: float


def accepted_names() -> list[tuple[str, str]]:
    """The encodings a list may be read in, each with the name people know it by ("" if
    none), as a refusal names them."""
    return [(codec, _KNOWN_AS.get(codec, "")) for codec, _label in ENCODINGS]


def canonical(encoding: str) -> str:
    """The codec OMIDesk uses for a name the user gave: one of ENCODINGS (or a name for one
    of them); any other name, a codec Python has or not, raises unknown_encoding naming the
    accepted ones."""
    name = encoding.strip().lower().replace("_", "-")
    if name not in _ALIASES:
        raise problems.unknown_encoding(encoding, accepted_names(),
                                        known=_is_codec(name))
    return _ALIASES[name]


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def decode(data: bytes, *, encoding: str | None = None, name: str = "") -> tuple[str, Decoding]:
    """(text without a BOM, how it was decoded). Raises bad_encoding when an explicit
    encoding fails or no candidate reads the file, unknown_encoding for a name no codec has."""
    if encoding:
        codec = canonical(encoding)
        return _strict(data, codec, name).removeprefix("\ufeff"), _single(codec, "explicit", data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name).removeprefix("\ufeff"), _single(codec, "bom", data)
    try:
        return data.decode("utf-8"), _single("utf-8", "utf-8", data)
    except UnicodeDecodeError:
        pass
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), _single(utf16, "utf-16", data)
        except UnicodeDecodeError:
            pass
    return _detect(data, name)


def decode_8bit(data: bytes, *, name: str = "") -> tuple[str, Decoding]:
    """Steps 3 and 4 alone, for 8-bit text too short to carry a byte order mark or to be
    UTF-16 (an .eml's raw header values, a text part without a charset: eml_charset): UTF-8
    if it is, else the candidates scored as for a list. Raises no_encoding when none reads
    it."""
    try:
        return data.decode("utf-8"), _single("utf-8", "utf-8", data)
    except UnicodeDecodeError:
        return _detect(data, name)


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise problems.bad_encoding(name, codec, exc.start) from None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line[:120]
    return ""


def _telling_lines(texts: dict[str, str]) -> dict[str, str]:
    """Each text's first line that differs between the texts (its first line if none does)."""
    split = {codec: text[:_SAMPLE_BYTES].splitlines() for codec, text in texts.items()}
    for lines in zip(*split.values(), strict=False):
        if len(set(lines)) > 1:
            return {codec: line[:120] for codec, line in zip(split, lines, strict=True)}
    return {codec: _first_line(text) for codec, text in texts.items()}


def _single(codec: str, how: How, data: bytes) -> Decoding:
    sample = data[:4096].decode(codec, errors="replace").removeprefix("\ufeff")
    return Decoding(codec, 1.0, how, (Candidate(codec, 1.0, _first_line(sample)),))


def utf16_without_bom(data: bytes) -> str:
    """utf-16-le / utf-16-be when most of the even (or odd) bytes are zero: ASCII-heavy
    UTF-16 (tabs, digits, addresses) saved without a BOM."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return ""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return ""


def _commonness(text: str, codec: str) -> float:
    """The share of the non-ASCII letters that are in the encoding's everyday range
    (full-width punctuation counts as everyday; private-use and unassigned characters,
    which a wrong guess often yields, never do)."""
    low, high = _COMMON[codec]
    seen = common = 0
    for ch in text:
        if ch < "\x80" or ch.isspace():
            continue
        seen += 1
        if "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e":
            common += 1
            continue
        code = ch.encode(codec, errors="ignore")
        if len(code) == 2 and low <= (code[0] << 8 | code[1]) <= high:
            common += 1
    return common / seen if seen else 0.5


def _chaos(sample: bytes, codecs_: list[str]) -> dict[str, float]:
    """charset-normalizer's mess ratio (0 clean … 1 garbage) of each candidate; a candidate
    it rejects outright gets 1."""
    from charset_normalizer import from_bytes

    out = dict.fromkeys(codecs_, 1.0)
    for match in from_bytes(sample, cp_isolation=codecs_, explain=False):
        name = codecs.lookup(match.encoding).name
        for codec in codecs_:
            if codecs.lookup(codec).name == name:
                out[codec] = min(out[codec], float(match.chaos))
    return out


def _detect(data: bytes, name: str) -> tuple[str, Decoding]:
    texts: dict[str, str] = {}
    for family in (("cp950", "big5hkscs"), ("gb18030",)):
        for codec in family:
            try:
                texts[codec] = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    if not texts:
        raise problems.no_encoding(name, ["utf-8", "utf-16", "cp950", "big5hkscs", "gb18030"])
    if len(texts) == 1:
        codec, text = next(iter(texts.items()))
        return text, Decoding(codec, 1.0, "only", (Candidate(codec, 1.0, _first_line(text)),))
    sample = data[:_SAMPLE_BYTES]
    chaos = _chaos(sample, list(texts))
    scored = [_Scored(c, t, chaos[c], _commonness(t[:_SAMPLE_BYTES], c)) for c, t in texts.items()]
    scores = {s.encoding: s.common * (1 - s.chaos) for s in scored}
    total = sum(scores.values())
    share = {c: (v / total if total else 1 / len(scores)) for c, v in scores.items()}
    ranked = sorted(scored, key=lambda s: share[s.encoding], reverse=True)
    best = ranked[0]
    samples = _telling_lines({s.encoding: s.text for s in scored})
    by_chaos = min(scored, key=lambda s: (s.chaos, -share[s.encoding]))
    return best.text, Decoding(best.encoding, share[best.encoding], "detector", tuple(
        Candidate(s.encoding, share[s.encoding], samples[s.encoding]) for s in ranked),
        agreed=by_chaos.encoding == best.encoding)


__all__ = ["ENCODINGS", "SURE_CONFIDENCE", "Candidate", "Decoding", "accepted_names",
           "canonical", "decode", "decode_8bit",
           "utf16_without_bom"]
