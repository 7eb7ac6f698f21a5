"""Recurring schedules, event times and academic years."""

import datetime

import pytest

from events import schedule
from events.models import EventSeries, SeriesScheduleChange

pytestmark = pytest.mark.django_db


def weekly(**fields):
    series = EventSeries.objects.create(
        name="Weekly",
        slug="weekly",
        frequency=EventSeries.WEEKLY,
        weekday=2,
        first_date=datetime.date(2027, 3, 3),
        last_date=datetime.date(2027, 3, 31),
        start_time=datetime.time(12),
        time_zone="America/Detroit",
        **fields,
    )
    return series


def test_weekly_sessions_keep_wall_clock_time_across_daylight_saving():
    series = weekly()
    sessions = series.occurrences()
    assert [s.starts_at.date().day for s in sessions] == [3, 10, 17, 24, 31]
    assert {s.starts_at.hour for s in sessions} == {12}
    # 14 March 2027: clocks go forward; the UTC hour moves, the local one does not.
    assert {s.starts_at.utcoffset() for s in sessions} == {
        datetime.timedelta(hours=-5),
        datetime.timedelta(hours=-4),
    }
    assert sessions[0].ends_at - sessions[0].starts_at == datetime.timedelta(minutes=90)


def test_exceptions_and_one_off_changes():
    series = weekly(end_time=datetime.time(13))
    SeriesScheduleChange.objects.create(
        series=series, original_date=datetime.date(2027, 3, 10), cancelled=True
    )
    SeriesScheduleChange.objects.create(
        series=series,
        original_date=datetime.date(2027, 3, 17),
        new_date=datetime.date(2027, 3, 18),
        new_start_time=datetime.time(15),
    )
    sessions = {s.original_start.day: s for s in series.occurrences()}
    assert sessions[10].cancelled
    assert sessions[17].changed
    assert sessions[17].starts_at.day == 18 and sessions[17].starts_at.hour == 15
    assert sessions[17].ends_at.hour == 16


def test_schedule_errors_name_the_missing_fields():
    series = EventSeries(name="x", slug="x", frequency=EventSeries.MONTHLY)
    assert set(schedule.schedule_errors(series)) >= {"first_date", "start_time", "week_of_month"}


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2026, 6, 30), 2025),
        (datetime.date(2026, 7, 1), 2026),
        (datetime.date(2027, 1, 15), 2026),
    ],
)
def test_academic_years_run_from_july_to_june(day, year):
    assert schedule.academic_year_of(day) == year
    assert schedule.academic_year_label(2026) == "2026–27"
