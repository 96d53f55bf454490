"""The TIMEX3 normaliser on expressions written for these tests, against a Saturday article date."""

import datetime as dt

import pytest

from dateline.timex import Context, Normaliser, resolve_weekday, resolve_year_of_day

DCT = dt.date(2023, 5, 13)  # a Saturday


@pytest.fixture(scope="module")
def normaliser():
    return Normaliser()


@pytest.mark.parametrize(
    "expr, tense, type_, value",
    [
        ("on Friday", "past", "DATE", "2023-05-12"),
        ("Friday's", None, "DATE", "2023-05-12"),
        ("next Tuesday", None, "DATE", "2023-05-16"),
        ("last Tuesday", None, "DATE", "2023-05-09"),
        ("Tuesday", "future", "DATE", "2023-05-16"),
        ("yesterday", None, "DATE", "2023-05-12"),
        ("tomorrow", None, "DATE", "2023-05-14"),
        ("this morning", None, "TIME", "2023-05-13TMO"),
        ("overnight", None, "TIME", "2023-05-13TNI"),
        ("last night", None, "TIME", "2023-05-12TNI"),
        ("earlier this month", "past", "DATE", "2023-05"),
        ("last month", None, "DATE", "2023-04"),
        ("this week", None, "DATE", "2023-W19"),
        ("last year", None, "DATE", "2022"),
        ("next year", None, "DATE", "2024"),
        ("two days ago", None, "DATE", "2023-05-11"),
        ("three years ago", None, "DATE", "2020"),
        ("in February 2022", None, "DATE", "2022-02"),
        ("since 2014", None, "DATE", "2014"),
        ("May 9, 2023", None, "DATE", "2023-05-09"),
        ("24 February 2022", None, "DATE", "2022-02-24"),
        ("Sept. 30", "past", "DATE", "2022-09-30"),
        ("Sept. 30", "future", "DATE", "2023-09-30"),
        ("December", "past", "DATE", "2022-12"),
        ("last summer", None, "DATE", "2022-SU"),
        ("the third quarter", "past", "DATE", "2022-Q3"),
        ("the first half of 2021", None, "DATE", "2021-H1"),
        ("the 1990s", None, "DATE", "199X"),
        ("the 20th century", None, "DATE", "19"),
        ("9 a.m. Tuesday", "past", "TIME", "2023-05-09T09:00"),
        ("noon", None, "TIME", "2023-05-13T12:00"),
        ("three days", None, "DURATION", "P3D"),
        ("five-hour", None, "DURATION", "PT5H"),
        ("one minute", None, "DURATION", "PT1M"),
        ("the past two weeks", None, "DURATION", "P2W"),
        ("over the week", None, "DURATION", "P1W"),
        ("for months", None, "DURATION", "PXM"),
        ("many years", None, "DURATION", "PXY"),
        ("several days", None, "DURATION", "PXD"),
        ("2 1/2 years", None, "DURATION", "P2Y6M"),
        ("daily", None, "SET", "P1D"),
        ("every Monday", None, "SET", "XXXX-WXX-1"),
        ("each July", None, "SET", "XXXX-07"),
        ("now", None, "DATE", "PRESENT_REF"),
        ("currently", None, "DATE", "PRESENT_REF"),
        ("recently", None, "DATE", "PAST_REF"),
        ("the future", None, "DATE", "FUTURE_REF"),
        ("several years ago", None, "DATE", "PAST_REF"),
        ("Thanksgiving Day", "past", "DATE", "2022-11-24"),
    ],
)
def test_timex_normalises(normaliser, expr, tense, type_, value):
    result = normaliser.normalise(expr, Context(dct=DCT, tense=tense))
    assert result is not None, expr
    assert (result.type, result.value) == (type_, value)


def test_timex_narrative_expressions_use_the_last_explicit_date(normaliser):
    ctx = Context(dct=DCT, anchor=dt.date(2022, 2, 24))
    assert normaliser.normalise("the previous day", ctx).value == "2022-02-23"
    assert normaliser.normalise("the next day", ctx).value == "2022-02-25"
    assert normaliser.normalise("that same day", ctx).value == "2022-02-24"
    assert normaliser.normalise("a week later", ctx).value == "2022-W09"
    assert normaliser.normalise("two days later", ctx).value == "2022-02-26"
    assert normaliser.normalise("two days ago", ctx).value == "2023-05-11"  # "ago" counts from the article date


def test_timex_reports_range_and_precision(normaliser):
    week = normaliser.normalise("last week", Context(dct=DCT))
    assert (week.start, week.end, week.precision) == (dt.date(2023, 5, 1), dt.date(2023, 5, 7), "week")
    month = normaliser.normalise("February 2024", Context(dct=DCT))
    assert (month.start, month.end, month.precision) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")


@pytest.mark.parametrize("expr", ["6-year-old", "52", "may", "the", "quarterly results", "37 years old"])
def test_timex_rejects_what_is_not_a_time(normaliser, expr):
    assert normaliser.normalise(expr, Context(dct=DCT)) is None


def test_timex_capital_may_is_the_month(normaliser):
    assert normaliser.normalise("May", Context(dct=DCT, tense="past")).value == "2023-05"


def test_resolve_weekday_by_tense():
    assert resolve_weekday(5, DCT, "past") == dt.date(2023, 5, 12)
    assert resolve_weekday(1, DCT, "future") == dt.date(2023, 5, 15)
    assert resolve_weekday(6, DCT, "past") == DCT


def test_resolve_year_of_day_prefers_the_nearest():
    assert resolve_year_of_day(12, 28, dt.date(2024, 1, 3), None) == 2023
    assert resolve_year_of_day(1, 5, dt.date(2023, 12, 30), None) == 2024
