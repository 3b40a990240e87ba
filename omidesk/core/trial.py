"""A test message ("Send test to myself", a test to a Gmail address, a mailing's row sent as a
test): the real message, to one address, going now.

A test is sent to be looked at before the real send (QA round 5, finding 9). The EmailOptions
that hold a job back or name it (manual §7.1: NextLaunchTime, LaunchExpireTime, RefNumber;
Appendix A: cLHPendApproveOption) belong to the real send: carried into the test, the relay
would launch it tomorrow, or after someone approves it, while the app says "Accepted", and
the test would spend the campaign's reference number. Every test path takes its draft from
here, so none of them carries them and each says what it left out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .message import Draft
from .options import OptionSet
from .options.catalog import find_const
from .text import Text

# What holds a job back or names it: the one-time values (OptionSet.split_one_time, the same
# ones that never become a profile's default), then these flags (group, flag).
HELD_FLAGS: tuple[tuple[str, str], ...] = (("LaunchOption", "cLHPendApproveOption"),)


@dataclass(frozen=True)
class Trial:
    """The test's draft and, when options were left out of it, the sentence that says so."""

    draft: Draft
    left_out: Text | None = None


def _fold_option_headers(draft: Draft) -> tuple[OptionSet, list[tuple[str, str]]]:
    """The draft's options with its option headers laid over them (as build_message lays
    them); a header that is not a valid option stays an extra header, to be refused where the
    message is built, as in the real send."""
    options = OptionSet(dict(draft.options.numbers), dict(draft.options.values))
    extra: list[tuple[str, str]] = []
    for name, value in draft.extra_headers:
        try:
            if options.set_header(name, value):  # False: not an option header
                continue
        except ValueError:
            pass
        extra.append((name, value))
    return options, extra


def test_options(options: OptionSet) -> tuple[OptionSet, list[Text]]:
    """`options` without what holds a job back or names it, and what was taken out."""
    kept, once = options.split_one_time()
    left = [Text(f"X-{key} {value}", f"X-{key} {value}")
            for key, value in once.values.items() if value]
    for group_key, flag in HELD_FLAGS:
        number = kept.numbers.get(group_key, 0)
        const = find_const(group_key, flag)
        if number & const.value:
            kept.numbers[group_key] = number & ~const.value
            left.append(Text(f"X-{group_key} “{const.en}”", f"X-{group_key}「{const.zh}」"))
    return kept, left


def trial_draft(draft: Draft, *, to: str, subject_format: str = "[Test] {subject}") -> Trial:
    """The test of `draft`: to `to` alone (never its Cc or Bcc), the subject marked
    (subject_format: the UI's translation of the mark), sent now."""
    options, extra = _fold_option_headers(draft)
    options, left = test_options(options)
    test = replace(draft, to=[to] if to else [], cc=[], bcc=[], options=options,
                   extra_headers=extra, subject=subject_format.format(subject=draft.subject))
    if not left:
        return Trial(test)
    return Trial(test, Text(
        "The test goes now, without " + ", ".join(t.en for t in left)
        + ": they apply to the real send.",
        "測試信會立即發送，不帶 " + "、".join(t.zh for t in left) + "：這些設定只用於正式發送。"))


test_options.__test__ = False  # type: ignore[attr-defined]  # not a pytest test

__all__ = ["HELD_FLAGS", "Trial", "test_options", "trial_draft"]

