"""The relay's local time, in which X-NextLaunchTime and X-LaunchExpireTime are sent."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# The relay runs in Taiwan. Times for X-NextLaunchTime / X-LaunchExpireTime are sent as local
# Taiwan time without an offset, "2026-12-01 09:30:00"; the manual gives no format, and this is
# the form a Windows server parses without guessing. Aware datetimes are converted first.
RELAY_TZ = timezone(timedelta(hours=8), "UTC+08:00")
RELAY_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def format_relay_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(RELAY_TZ)
    return moment.strftime(RELAY_TIME_FORMAT)
