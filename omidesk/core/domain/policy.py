"""DMARC (RFC 7489; the policy found by the DNS tree walk of its revision, RFC 9989, so no
public-suffix list is shipped) and DKIM key records (RFC 6376 §3.6.1). Both are tag lists:
`tag=value` pairs separated by ";", parsed as such."""

from __future__ import annotations

import asyncio
import base64
import binascii
import re
from dataclasses import dataclass, field

from .lookup import Answer, Resolver

MAX_WALK = 8  # RFC 9989 §4.10: at most eight names are asked


def parse_tags(text: str, *, strict: bool = True) -> dict[str, str] | None:
    """A tag-list (RFC 6376 §3.2), in order. A part that is not `name=value`, or a repeated
    tag, makes it None when strict (DKIM); DMARC skips such parts (RFC 7489 §6.3)."""
    tags: dict[str, str] = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name or not name.isascii() or not name[0].isalpha() or \
                not all(ch.isalnum() or ch == "_" for ch in name) or name in tags:
            if strict:
                return None
            continue
        tags[name] = value.strip()
    return tags


# ------------------------------------------------------------------------------------- DMARC


@dataclass(frozen=True)
class Dmarc:
    """What DMARC says about the domain. `record` is empty when none was found."""

    domain: str
    asked: tuple[str, ...]  # the _dmarc names asked, in order
    found_at: str = ""  # the domain whose _dmarc record applies
    record: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    policy: str = ""  # none, quarantine or reject: the one that applies to `domain`
    problem: str = ""  # several_records, case (ignored), bad_policy (treated as none: a
    #                    rua= asks for reports), no_policy (a bad p= and no rua=), dns
    failed: Answer | None = None  # the lookup that failed, when problem is "dns"

    @property
    def inherited(self) -> bool:
        return bool(self.found_at) and self.found_at != self.domain

    @property
    def percent(self) -> int:
        try:
            return max(0, min(100, int(self.tags.get("pct", "100"))))
        except ValueError:
            return 100


def _walk(domain: str) -> list[str]:
    """The names the tree walk asks: the domain, then its parents down to two labels; a long
    name jumps to its seven rightmost labels after the first query."""
    labels = domain.split(".")
    names = [domain]
    start = max(1, len(labels) - 7)
    for i in range(start, len(labels) - 1):
        names.append(".".join(labels[i:]))
    return names[:MAX_WALK]


def _dmarc_records(answer: Answer, *, near: bool = False) -> list[str]:
    """§6.6.3: the records whose first tag is v=DMARC1; other TXT records are not DMARC's.
    near: instead, the records that would be DMARC's but for the case of a letter
    ("V=DMARC1; P=REJECT", "v=dmarc1"): tag names and "DMARC1" are case-sensitive (§6.3 takes
    DKIM's tag-list, RFC 6376 §3.2; §6.4 spells DMARC1 in %x codes), so receivers ignore
    them as if there were no record."""
    out = []
    for text in answer.records:
        tags = parse_tags(text, strict=False) or {}
        first = next(iter(tags), "")
        exact = first == "v" and tags["v"] == "DMARC1"
        if exact != near and (not near or first.lower() == "v"
                              and tags[first].lower() == "dmarc1"):
            out.append(text)
    return out


_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s!]+")


def _reports_asked(tags: dict[str, str]) -> bool:
    """A rua= with at least one syntactically valid URI (§6.6.3 step 6)."""
    return any(_URI.fullmatch(part.strip()) for part in tags.get("rua", "").split(","))


async def find_dmarc(resolver: Resolver, domain: str) -> Dmarc:
    names = _walk(domain)
    # The domain first; its parents only when it has no record (asked side by side then).
    answers = [await resolver.query(f"_dmarc.{domain}", "TXT")]
    if answers[0].status.void and len(names) > 1:
        answers += await asyncio.gather(*(resolver.query(f"_dmarc.{n}", "TXT")
                                          for n in names[1:]))
    asked: list[str] = []
    for name, answer in zip(names, answers, strict=False):
        asked.append(f"_dmarc.{name}")
        if answer.status.failed:
            return Dmarc(domain, tuple(asked), problem="dns", failed=answer)
        records = _dmarc_records(answer) if answer.ok else []
        if not records:
            near = _dmarc_records(answer, near=True) if answer.ok else []
            if near:  # there is a record, but receivers do not read it as DMARC
                return Dmarc(domain, tuple(asked), found_at=name, record=near[0],
                             tags=parse_tags(near[0], strict=False) or {}, problem="case")
            continue
        if len(records) > 1:  # RFC 7489 §6.6.3: then there is no policy
            return Dmarc(domain, tuple(asked), found_at=name, record=" | ".join(records),
                         problem="several_records")
        tags = parse_tags(records[0], strict=False) or {}
        key = "p" if name == domain else ("sp" if "sp" in tags else "p")
        policy = tags.get(key, "").lower()
        problem = ""
        if policy not in ("none", "quarantine", "reject"):
            # §6.6.3 step 6: with a valid rua= it counts as p=none; without, it is no
            # DMARC at all
            policy, problem = (("none", "bad_policy") if _reports_asked(tags)
                               else ("", "no_policy"))
        return Dmarc(domain, tuple(asked), found_at=name, record=records[0], tags=tags,
                     policy=policy, problem=problem)
    return Dmarc(domain, tuple(asked))


# -------------------------------------------------------------------------------------- DKIM


@dataclass(frozen=True)
class DkimKey:
    selector: str
    name: str  # <selector>._domainkey.<domain>
    record: str = ""
    cname: str = ""  # where the name points, when it is a CNAME (often to the sender's ESP)
    key_type: str = ""  # rsa, ed25519
    bits: int = 0  # RSA key size, when it can be read
    testing: bool = False  # t=y: the domain is testing DKIM (RFC 6376 §3.6.1)
    # missing, dangling_cname, revoked (p= empty), no_key, bad_key, dns; a key receivers
    # cannot use (UNUSABLE): unknown_type (k=), hash (h= without sha256), service (s=);
    # other_domain: given as the full name of a key under another domain (not looked up)
    problem: str = ""
    failed: Answer | None = None
    detail: str = ""  # the tag's value that makes the key unusable (k=dsa → "dsa"), the
    # other domain

    @property
    def found(self) -> bool:
        return not self.problem


KEY_TYPES = ("rsa", "ed25519")  # every k= there is: RFC 6376 §3.6.1, RFC 8463
UNUSABLE = {"unknown_type": "k", "hash": "h", "service": "s"}  # problem → its tag


def _unusable(tags: dict[str, str], key_type: str) -> str:
    """Why receivers cannot use a key, by its tags (RFC 6376 §3.6.1): a k= no verifier
    implements; an h= without sha256 (rsa-sha1 MUST NOT be accepted, RFC 8301; sha256 is the
    only other hash); an s= without "email" or "*". "" when nothing says so."""
    if key_type not in KEY_TYPES:
        return "unknown_type"

    def listed(tag: str) -> set[str] | None:
        value = tags.get(tag)
        return None if value is None else {v.strip().lower() for v in value.split(":")}

    hashes, services = listed("h"), listed("s")
    if hashes is not None and "sha256" not in hashes:
        return "hash"
    if services is not None and not services & {"email", "*"}:
        return "service"
    return ""


def _rsa_bits(der: bytes) -> int:
    try:
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.hazmat.primitives.serialization import load_der_public_key

        key = load_der_public_key(der)
    except (ValueError, TypeError, ImportError):
        return 0
    return key.key_size if isinstance(key, rsa.RSAPublicKey) else 0


async def find_dkim(resolver: Resolver, domain: str, selector: str) -> DkimKey:
    """The key of `selector` at <selector>._domainkey.<domain>. A selector given as a full
    record name (`omi._domainkey.example.tw`) is its selector when the name is under `domain`;
    one under another domain is not looked up (problem other_domain, `detail` that domain)."""
    short, full, under = selector.partition("._domainkey.")
    if full:
        if under != domain:
            return DkimKey(short, selector, problem="other_domain", detail=under)
        selector = short
    name = f"{selector}._domainkey.{domain}"
    answer = await resolver.query(name, "TXT")
    if answer.status.failed:
        return DkimKey(selector, name, problem="dns", failed=answer)
    records = list(answer.records) if answer.ok else []
    if not records:  # a CNAME there that leads nowhere is said as such
        return DkimKey(selector, name, cname=answer.cname,
                       problem="dangling_cname" if answer.cname else "missing")
    for text in records:
        tags = parse_tags(text)
        if tags is None or ("v" in tags and tags["v"] != "DKIM1") or "p" not in tags:
            continue
        key = "".join(tags["p"].split())
        key_type = tags.get("k", "rsa").lower()
        if not key:
            return DkimKey(selector, name, text, answer.cname, key_type, problem="revoked")
        unusable = _unusable(tags, key_type)
        testing = "y" in (flag.strip().lower() for flag in tags.get("t", "").split(":"))
        if unusable == "unknown_type":  # its p= means nothing to a receiver
            return DkimKey(selector, name, text, answer.cname, key_type, testing=testing,
                           problem=unusable, detail=tags.get("k", ""))
        try:
            der = base64.b64decode(key, validate=True)
        except (binascii.Error, ValueError):
            return DkimKey(selector, name, text, answer.cname, key_type, problem="bad_key")
        bits = _rsa_bits(der) if key_type == "rsa" else 0
        if (key_type == "rsa" and not bits) or (key_type == "ed25519" and len(der) != 32):
            return DkimKey(selector, name, text, answer.cname, key_type, problem="bad_key")
        if unusable:
            return DkimKey(selector, name, text, answer.cname, key_type, bits, testing,
                           problem=unusable, detail=tags.get(UNUSABLE[unusable], ""))
        return DkimKey(selector, name, text, answer.cname, key_type, bits, testing=testing)
    return DkimKey(selector, name, records[0], answer.cname, problem="no_key")
