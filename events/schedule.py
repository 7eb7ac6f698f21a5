"""Time in the calendar: an event's start and end, academic years, and the dated sessions of a
recurring series (python-dateutil's rrule, with the series' exceptions and one-off changes)."""

import datetime
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule
from django.conf import settings

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
DEFAULT_LENGTH = datetime.timedelta(minutes=90)
ACADEMIC_YEAR_STARTS = 7  # July
MAX_OCCURRENCES = 400


def site_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def event_bounds(event):
    """(start, end) of an event as aware datetimes, from the day, times and zone entered."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    end_date = event.end_date or event.start_date
    if event.all_day or not event.start_time:
        start = datetime.datetime.combine(event.start_date, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(
            end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return start, end
    start = datetime.datetime.combine(event.start_date, event.start_time, tzinfo=zone)
    if event.end_time:
        end = datetime.datetime.combine(end_date, event.end_time, tzinfo=zone)
    else:
        end = start + DEFAULT_LENGTH
    return start, max(end, start)


def academic_year_of(moment):
    """The academic year (its first calendar year) a date or datetime falls in."""
    if isinstance(moment, datetime.datetime):
        moment = moment.astimezone(site_zone()).date()
    return moment.year if moment.month >= ACADEMIC_YEAR_STARTS else moment.year - 1


def academic_year_bounds(year):
    """[1 July ``year``, 1 July ``year + 1``) in the site's time zone."""
    zone = site_zone()
    start = datetime.datetime(year, ACADEMIC_YEAR_STARTS, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, ACADEMIC_YEAR_STARTS, 1, tzinfo=zone)


def academic_year_label(year):
    return f"{year}–{str(year + 1)[-2:]}"


def by_academic_year(events):
    """``events`` as [(“2025–26”, [events]), …]: one entry per academic year (July–June)
    in the order the events come, each keeping their order."""
    by_year = {}
    for event in events:
        by_year.setdefault(academic_year_of(event.starts_at), []).append(event)
    return [(academic_year_label(year), items) for year, items in by_year.items()]


def schedule_errors(series):
    """Field errors of a series' recurring schedule, as a dict (empty when it is sound)."""
    if not series.frequency:
        return {}
    errors = {}
    for name in ("first_date", "start_time", "weekday"):
        if getattr(series, name) in (None, ""):
            errors[name] = "A recurring schedule needs this."
    if series.frequency == series.MONTHLY and series.week_of_month is None:
        errors["week_of_month"] = "Say which of the month's weekdays, e.g. second."
    if series.first_date and series.last_date and series.last_date < series.first_date:
        errors["last_date"] = "The last session cannot be before the first."
    if series.start_time and series.end_time and series.end_time <= series.start_time:
        errors["end_time"] = "A session must end after it starts."
    if not series.interval:
        errors["interval"] = "At least 1."
    return errors


def describe(series):
    """The schedule in words: “Second Tuesday of every month, 12:00–13:00”."""
    if not series.is_recurring:
        return ""
    day = WEEKDAY_NAMES[series.weekday]
    if series.frequency == series.MONTHLY:
        every = "month" if series.interval == 1 else f"{series.interval} months"
        words = f"{ORDINALS[series.week_of_month].capitalize()} {day} of every {every}"
    else:
        words = f"Every {day}" if series.interval == 1 else f"Every {series.interval} weeks, {day}"
    times = series.start_time.strftime("%H:%M")
    if series.end_time:
        times += f"–{series.end_time.strftime('%H:%M')}"
    return f"{words}, {times}"


def rule_of(series):
    """The series' schedule as a dateutil rrule over aware datetimes in its zone."""
    weekday = rrule.weekday(series.weekday)
    if series.frequency == series.MONTHLY:
        weekday = weekday(series.week_of_month)
    start = datetime.datetime.combine(series.first_date, series.start_time, tzinfo=series.tz)
    until = None
    if series.last_date:
        until = datetime.datetime.combine(series.last_date, datetime.time.max, tzinfo=series.tz)
    return rrule.rrule(
        rrule.MONTHLY if series.frequency == series.MONTHLY else rrule.WEEKLY,
        dtstart=start,
        interval=series.interval,
        byweekday=weekday,
        until=until,
        count=None if until else MAX_OCCURRENCES,
    )


def session_length(series):
    if not series.end_time:
        return DEFAULT_LENGTH
    day = datetime.date(2000, 1, 1)
    return datetime.datetime.combine(day, series.end_time) - datetime.datetime.combine(
        day, series.start_time
    )


@dataclass(frozen=True)
class Occurrence:
    """One dated session of a recurring series."""

    original_start: datetime.datetime
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    cancelled: bool = False
    changed: bool = False
    note: str = ""


def occurrences(series, after=None, limit=None):
    """The series' sessions by its schedule, exceptions and one-off changes applied, in order.

    ``after``: only sessions ending after it; ``limit``: at most that many.
    """
    if not series.is_recurring:
        return []
    changes = {change.original_date: change for change in series.schedule_changes.all()}
    length = session_length(series)
    found = []
    for original in rule_of(series):
        # Wall-clock time in the zone: a session stays at 12:00 across daylight-saving changes.
        original = original.replace(tzinfo=series.tz)
        change = changes.get(original.date())
        start, end = original, original + length
        if change is not None and not change.cancelled:
            day = change.new_date or original.date()
            start = datetime.datetime.combine(
                day, change.new_start_time or series.start_time, tzinfo=series.tz
            )
            end = (
                datetime.datetime.combine(day, change.new_end_time, tzinfo=series.tz)
                if change.new_end_time
                else start + length
            )
        occurrence = Occurrence(
            original_start=original,
            starts_at=start,
            ends_at=end,
            cancelled=bool(change and change.cancelled),
            changed=change is not None and not change.cancelled,
            note=change.note if change else "",
        )
        if after is not None and occurrence.ends_at < after:
            continue
        found.append(occurrence)
        if limit and len(found) >= limit:
            break
    return sorted(found, key=lambda occurrence: occurrence.starts_at)
