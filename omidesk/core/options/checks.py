"""What an OptionSet may not send, checked wherever options become headers (message build,
the CLI's flags, the Options tab): numbers the manual does not define, flags that contradict
each other, an expiry not after the start; and, at the moment of sending, a start or an expiry
already past. Everything it knows comes from the catalog."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..text import Text
from .relay_time import RELAY_TZ

if TYPE_CHECKING:
    from .model import ValueField
    from .optionset import OptionSet


def _moment(text: str) -> datetime | None:
    """A value as stored ("2026-12-01 09:30:00", Taiwan time) as an aware datetime."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None  # refused by the field's own check (invalid_datetime)
    return moment.replace(tzinfo=RELAY_TZ) if moment.tzinfo is None else moment


def _label(vf: ValueField) -> Text:
    return Text(f"{vf.header} ({vf.en})", f"{vf.header}（{vf.zh}）")


def number_problems(options: OptionSet) -> list[ValidationError]:
    from .catalog import exclusive_problem, header_groups, undefined_problem

    out: list[ValidationError] = []
    for group in header_groups():
        if group.key not in options.numbers:
            continue
        number = options.numbers[group.key]
        for problem in (undefined_problem(group, number), exclusive_problem(group, number)):
            if problem is not None:
                out.append(problem)
    return out


def _schedule(options: OptionSet) -> tuple[ValueField, ValueField, datetime | None,
                                            datetime | None]:
    from .catalog import schedule_fields

    start_field, expiry_field = schedule_fields()
    start_text = options.values.get(start_field.key, "")
    expiry_text = options.values.get(expiry_field.key, "")
    return (start_field, expiry_field, _moment(start_text) if start_text else None,
            _moment(expiry_text) if expiry_text else None)


def order_problems(options: OptionSet) -> list[ValidationError]:
    """The expiry not after the start: the job could never launch."""
    start_field, expiry_field, start, expiry = _schedule(options)
    if start is None or expiry is None or expiry > start:
        return []
    s_label, e_label = _label(start_field), _label(expiry_field)
    start_text, expiry_text = options.values[start_field.key], options.values[expiry_field.key]
    return [ValidationError(Text(
        f"{e_label.en}: {expiry_text} is not after {s_label.en} {start_text}, so the job "
        f"could never start. Set the deadline after the scheduled time (Taiwan time).",
        f"{e_label.zh}：{expiry_text} 沒有晚於 {s_label.zh}的 {start_text}，任務將永遠"
        f"無法啟動。請將截止時間設在預約時間之後（台灣時間）。"),
        code="launch_expiry_before_start", field=expiry_field.key)]


def past_problems(options: OptionSet, *, now: datetime) -> list[ValidationError]:
    """At the moment of sending (`now`): a start already past (the relay would launch at
    once instead of at the chosen time) or an expiry already past (it would never launch).
    Checked when a send starts (a message, a mailing's first), not for each message of a
    mailing under way: its start may pass while it runs."""
    start_field, expiry_field, start, expiry = _schedule(options)
    out: list[ValidationError] = []
    if start is not None and start <= now:
        label, text = _label(start_field), options.values[start_field.key]
        out.append(ValidationError(Text(
            f"{label.en}: {text} (Taiwan time) has already passed: the relay would start the "
            f"job at once, not at the time you chose. Choose a later time, or leave it out to "
            f"send now.",
            f"{label.zh}：{text}（台灣時間）已經過了：系統會立即啟動任務，而不是在您選的時間。"
            f"請改為稍後的時間，或不設定此項以立即發送。"),
            code="launch_time_past", field=start_field.key))
    if expiry is not None and expiry <= now:
        label, text = _label(expiry_field), options.values[expiry_field.key]
        out.append(ValidationError(Text(
            f"{label.en}: {text} (Taiwan time) has already passed: the relay would never "
            f"start the job, so nothing would be sent. Choose a later time, or leave it out.",
            f"{label.zh}：{text}（台灣時間）已經過了：系統將不會啟動任務，郵件不會發送。"
            f"請改為稍後的時間，或不設定此項。"),
            code="launch_expiry_past", field=expiry_field.key))
    return out


def problems(options: OptionSet, *, now: datetime | None = None) -> list[ValidationError]:
    """Every problem at once, in the order of the tab: the numbers, then the schedule (with
    `now`, the moment of sending, also what is already past)."""
    found = number_problems(options) + order_problems(options)
    return found + past_problems(options, now=now) if now is not None else found
