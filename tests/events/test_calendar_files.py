"""iCalendar files of an event, a kind, a series and the whole calendar, read by two parsers."""

import datetime

import pytest

from events.models import EventPage, SeriesScheduleChange
from tests.events.helpers import calendar_file, soup

pytestmark = pytest.mark.django_db


def publish(event, **changes):
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def test_an_event_file_has_its_zone_url_and_keeps_its_uid_while_sequence_grows(client, add_event):
    event = add_event("Learning from every encounter", time_zone="Europe/London")
    parsed, also = calendar_file(client.get(f"{event.url}calendar/"))
    [vevent] = parsed.walk("VEVENT")
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/London"]
    assert vevent["DTSTART"].dt.tzinfo.key == "Europe/London"
    assert vevent["DTSTART"].dt.hour == 12
    assert str(vevent["URL"]) == event.get_full_url()
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert also.vevent.summary.value == "Learning from every encounter"
    uid, sequence = str(vevent["UID"]), int(vevent["SEQUENCE"])

    event = publish(event, title="Learning from every single encounter", slug="renamed")
    parsed, also = calendar_file(client.get(f"{event.url}calendar/"))
    [vevent] = parsed.walk("VEVENT")
    assert str(vevent["UID"]) == uid
    assert int(vevent["SEQUENCE"]) > sequence
    assert int(also.vevent.sequence.value) == int(vevent["SEQUENCE"])

    second = int(vevent["SEQUENCE"])
    event = publish(event, status=EventPage.CANCELLED, status_note="The speaker is unwell.")
    parsed, also = calendar_file(client.get(f"{event.url}calendar/"))
    [vevent] = parsed.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert also.vevent.status.value == "CANCELLED"
    assert int(vevent["SEQUENCE"]) > second


def test_republishing_an_old_revision_never_lowers_the_sequence(add_event):
    event = add_event("Versions")
    old = event.save_revision()
    old.publish()
    event = publish(EventPage.objects.get(pk=event.pk), title="Versions, edited")
    before = event.sequence
    old.publish()
    assert EventPage.objects.get(pk=event.pk).sequence > before


def test_an_all_day_event_is_a_date(client, add_event):
    event = add_event("Reunion day", all_day=True, start_time=None, end_time=None)
    parsed, _ = calendar_file(client.get(f"{event.url}calendar/"))
    [vevent] = parsed.walk("VEVENT")
    assert vevent["DTSTART"].dt == event.start_date
    assert vevent["DTEND"].dt == event.start_date + datetime.timedelta(days=1)


def test_kind_and_whole_calendar_files(client, add_event, webinar):
    add_event("A webinar", kind=webinar)
    add_event("A seminar")
    add_event("Long ago", days=-800)
    whole, _ = calendar_file(client.get("/events/calendar/"))
    assert sorted(str(e["SUMMARY"]) for e in whole.walk("VEVENT")) == ["A seminar", "A webinar"]
    kind, _ = calendar_file(client.get("/events/kind/webinar/calendar/"))
    assert [str(e["SUMMARY"]) for e in kind.walk("VEVENT")] == ["A webinar"]
    assert client.get("/events/kind/reunion/calendar/").status_code == 404
    assert client.get("/events/series/nothing/calendar/").status_code == 404


def monthly_collaboratory(series):
    series.frequency = series.MONTHLY
    series.weekday = 1  # Tuesday
    series.week_of_month = 2
    series.first_date = datetime.date(2026, 9, 8)
    series.last_date = datetime.date(2027, 4, 30)
    series.start_time = datetime.time(12, 0)
    series.end_time = datetime.time(13, 0)
    series.place = "Zoom"
    series.save()
    SeriesScheduleChange.objects.create(
        series=series, original_date=datetime.date(2026, 12, 8), cancelled=True, note="Holidays"
    )
    SeriesScheduleChange.objects.create(
        series=series,
        original_date=datetime.date(2027, 2, 9),
        new_date=datetime.date(2027, 2, 16),
        note="Moved a week",
    )
    return series


def test_a_series_schedule_is_rrule_with_exdate_and_recurrence_id(
    client, event_index, collaboratory
):
    monthly_collaboratory(collaboratory)
    parsed, also = calendar_file(client.get("/events/series/lhs-collaboratory/calendar/"))
    main, moved = sorted(parsed.walk("VEVENT"), key=lambda e: "RECURRENCE-ID" in e)
    assert main["RRULE"]["FREQ"] == ["MONTHLY"]
    assert main["RRULE"]["BYDAY"] == ["2TU"]
    assert main["DTSTART"].dt == datetime.datetime(2026, 9, 8, 12, tzinfo=main["DTSTART"].dt.tzinfo)
    assert [d.dt.date() for d in main["EXDATE"].dts] == [datetime.date(2026, 12, 8)]
    assert moved["RECURRENCE-ID"].dt.date() == datetime.date(2027, 2, 9)
    assert moved["DTSTART"].dt.date() == datetime.date(2027, 2, 16)
    assert str(moved["UID"]) == str(main["UID"])
    # vobject expands the rule: eight second Tuesdays from September to April, one cancelled.
    master = next(v for v in also.vevent_list if not hasattr(v, "recurrence_id"))
    dates = [moment.date() for moment in master.getrruleset()]
    assert len(dates) == 7
    assert datetime.date(2026, 12, 8) not in dates
    assert datetime.date(2026, 10, 13) in dates


def test_the_series_page_lists_dated_sessions(client, event_index, collaboratory):
    monthly_collaboratory(collaboratory)
    page = soup(client.get("/events/series/lhs-collaboratory/"))
    sessions = [li.get_text(" ", strip=True) for li in page.select(".session-list li")]
    assert any("Cancelled" in text and "Holidays" in text for text in sessions)
    assert any("Feb 16, 2027" in text and "moved" in text for text in sessions)
    assert "Second Tuesday of every month, 12:00–13:00" in page.get_text()
    links = [a["href"] for a in page.select(".subscribe a")]
    assert "webcal://testserver/events/series/lhs-collaboratory/calendar/" in links


def test_the_event_page_offers_download_and_webcal(client, add_event):
    event = add_event("Subscribe to me")
    links = [a["href"] for a in soup(client.get(event.url)).select(".subscribe a")]
    assert links == [f"{event.url}calendar/", f"webcal://testserver{event.url}calendar/"]
