"""Tests for ingest/dates.py: Arabic temporal expressions found and resolved.

Most cases are anchored on 2020-11-24, a Tuesday.
"""

from __future__ import annotations

import datetime
import itertools
import random

import pytest

from khabar.ingest import dates

PUB = datetime.date(2020, 11, 24)  # a Tuesday


def found(text: str, published: datetime.date | None = PUB) -> list[tuple[str, str, str, str]]:
    """(text, value, precision, kind) of every expression, after checking offsets."""
    expressions = dates.find_dates(text, published)
    for e in expressions:
        assert text[e.start : e.end] == e.text
    return [(e.text, e.value, e.precision, e.kind) for e in expressions]


def values(text: str, published: datetime.date | None = PUB) -> list[str]:
    return [value for _, value, _, _ in found(text, published)]


# --- Explicit dates ------------------------------------------------------------------------


def test_paired_month_names_with_year_word_are_one_expression():
    assert found("وقع الاتفاق في 15 كانون الثاني (يناير) العام 2021 في بغداد") == [
        ("15 كانون الثاني (يناير) العام 2021", "2021-01-15", "day", "explicit")
    ]


def test_slash_paired_month_names():
    assert found("بتاريخ 15 كانون الثاني/يناير 2021") == [
        ("15 كانون الثاني/يناير 2021", "2021-01-15", "day", "explicit")
    ]


def test_paired_month_with_year_has_month_precision():
    assert found("في حزيران (يونيو) 2020") == [("حزيران (يونيو) 2020", "2020-06", "month", "explicit")]


def test_span_starts_at_the_day_number_not_the_preposition():
    assert found("في 3 مارس 2019") == [("3 مارس 2019", "2019-03-03", "day", "explicit")]


@pytest.mark.parametrize("text", ["24/11/2020", "2020-11-24", "24-11-2020", "٢٤/١١/٢٠٢٠"])
def test_numeric_dates(text):
    assert found(text) == [(text, "2020-11-24", "day", "explicit")]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("عام 2014", "عام 2014"),
        ("العام 2014", "العام 2014"),
        ("منذ العام 2014", "العام 2014"),
        ("بحلول عام ٢٠١٤", "عام ٢٠١٤"),
        ("في 2014", "2014"),
    ],
)
def test_years(text, span):
    assert found(text) == [(span, "2014", "year", "year")]


def test_bare_numbers_that_are_counts_are_not_years():
    assert found("قتل أكثر من 2000 شخص") == []
    assert found("2000 و2020 شخص") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("في 3 مارس", "2020-03-03"),  # already past this year
        ("في 15 ديسمبر", "2019-12-15"),  # not yet reached: last year's
        ("في 24 نوفمبر", "2020-11-24"),  # the publication day itself counts
        ("في 15 ديسمبر المقبل", "2020-12-15"),
        ("في 3 مارس المقبل", "2021-03-03"),
        ("في 15 يناير من العام الماضي", "2019-01-15"),
        ("الخامس عشر من يوليو", "2020-07-15"),
    ],
)
def test_day_and_month_without_year(text, value):
    assert values(text) == [value]


def test_leap_day_without_year_goes_back_to_a_leap_year():
    assert values("في 29 شباط", datetime.date(2023, 5, 1)) == ["2020-02-29"]


def test_weekday_before_a_date_is_absorbed():
    assert found("الثلاثاء 24 نوفمبر 2020") == [("الثلاثاء 24 نوفمبر 2020", "2020-11-24", "day", "explicit")]


# --- Month names ---------------------------------------------------------------------------


def test_paired_month_last():
    assert found("في حزيران (يونيو) الماضي") == [("حزيران (يونيو) الماضي", "2020-06", "month", "month_name")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("يونيو المقبل", "2021-06"),
        ("نوفمبر المقبل", "2021-11"),  # the current month is not "next"
        ("نوفمبر الماضي", "2019-11"),
        ("نوفمبر الجاري", "2020-11"),
        ("تشرين الأول الماضي", "2020-10"),
        ("في أيار", "2020-05"),
        ("يونيو من العام المقبل", "2021-06"),
        ("أواخر آب (أغسطس) الماضي", "2020-08"),
    ],
)
def test_month_with_modifier(text, value):
    assert values(text) == [value]


def test_month_name_homographs_need_a_date_context():
    assert found("أغلق الباب") == []
    assert found("مارس الرئيس ضغوطا") == []
    assert found("اشترى سيارة نيسان") == []
    assert values("في آب") == ["2020-08"]
    assert values("15 آب") == ["2020-08-15"]


# --- Relative words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("قال اليوم", "اليوم", "2020-11-24"),
        ("قال أمس", "أمس", "2020-11-23"),
        ("قال بالأمس", "الأمس", "2020-11-23"),
        ("وأمس قال", "أمس", "2020-11-23"),
        ("أول من أمس", "أول من أمس", "2020-11-22"),
        ("أول أمس", "أول أمس", "2020-11-22"),
        ("يصل غداً", "غداً", "2020-11-25"),
        ("يصل غدا", "غدا", "2020-11-25"),
        ("قبل يومين", "قبل يومين", "2020-11-22"),
        ("قبل ثلاثة أيام", "قبل ثلاثة أيام", "2020-11-21"),
        ("منذ 10 أيام", "منذ 10 أيام", "2020-11-14"),
    ],
)
def test_relative_days(text, span, value):
    assert found(text) == [(span, value, "day", "relative")]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("الشهر الماضي", "2020-10", "month"),
        ("الشهر المنصرم", "2020-10", "month"),
        ("الشهر الفائت", "2020-10", "month"),
        ("الشهر الجاري", "2020-11", "month"),
        ("الشهر الحالي", "2020-11", "month"),
        ("الشهر المقبل", "2020-12", "month"),
        ("العام الماضي", "2019", "year"),
        ("السنة الماضية", "2019", "year"),
        ("العام الحالي", "2020", "year"),
        ("العام الجاري", "2020", "year"),
        ("هذا العام", "2020", "year"),
        ("العام المقبل", "2021", "year"),
        ("العام القادم", "2021", "year"),
        ("مطلع العام الحالي", "2020-01", "month"),
        ("بداية العام الحالي", "2020-01", "month"),
        ("أوائل العام الحالي", "2020-01", "month"),
        ("مطلع العام المقبل", "2021-01", "month"),
        ("أواخر العام الماضي", "2019-12", "month"),
        ("نهاية العام الماضي", "2019-12", "month"),
        ("مطلع الشهر الجاري", "2020-11", "month"),
        ("الأسبوع الماضي", "2020-11", "month"),
        ("قبل أسبوع", "2020-11", "month"),
        ("قبل شهرين", "2020-09", "month"),
        ("منذ عامين", "2018", "year"),
    ],
)
def test_relative_periods(text, value, precision):
    assert found(text) == [(text, value, precision, "relative")]


def test_week_expressions_give_the_month_of_the_day_a_week_away():
    early_december = datetime.date(2020, 12, 3)
    assert values("الأسبوع الماضي", early_december) == ["2020-11"]
    assert values("قبل أسبوع", early_december) == ["2020-11"]
    assert values("الأسبوع المقبل", datetime.date(2020, 11, 28)) == ["2020-12"]


def test_day_of_a_relative_month():
    assert values("في 15 من الشهر الجاري") == ["2020-11-15"]
    assert values("في الثامن والعشرين من الشهر الماضي") == ["2020-10-28"]


def test_vague_or_story_relative_phrases_are_not_dates():
    assert found("منذ أيام") == []
    assert found("في اليوم التالي") == []
    assert found("قبل يوم الانتخابات") == []
    assert found("بعد يومين من الاجتماع") == []


# --- Weekdays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("الثلاثاء الماضي", "الثلاثاء الماضي", "2020-11-17"),  # strictly before: a week back
        ("قال الثلاثاء", "الثلاثاء", "2020-11-24"),  # bare: on or before
        ("يوم الثلاثاء", "يوم الثلاثاء", "2020-11-24"),
        ("قال الاثنين", "الاثنين", "2020-11-23"),
        ("قال الإثنين", "الإثنين", "2020-11-23"),
        ("قال الأربعاء", "الأربعاء", "2020-11-18"),
        ("الاثنين الماضي", "الاثنين الماضي", "2020-11-23"),
        ("الثلاثاء المقبل", "الثلاثاء المقبل", "2020-12-01"),
        ("الأحد المقبل", "الأحد المقبل", "2020-11-29"),
        ("قال الجيش (الأحد)", "الأحد", "2020-11-22"),
        ("والسبت", "السبت", "2020-11-21"),
    ],
)
def test_weekdays(text, span, value):
    assert found(text) == [(span, value, "day", "weekday")]


def test_today_with_weekday_in_parentheses_is_the_published_day():
    assert found("أعلن اليوم (الاثنين)") == [("اليوم (الاثنين)", "2020-11-24", "day", "relative")]
    assert values("قال أمس (الاثنين)") == ["2020-11-23"]


def test_monday_meaning_the_two_is_not_a_date():
    assert found("كلا الاثنين") == []


# --- Hijri ---------------------------------------------------------------------------------


def test_hijri_date_with_hijri_year_is_converted():
    assert found("في 15 رمضان 1441 هـ") == [("15 رمضان 1441 هـ", "2020-05-08", "day", "explicit")]
    assert values("شهر رمضان 1441") == ["2020-05"]  # the month's middle day decides


def test_hijri_month_without_hijri_year_is_not_resolved():
    assert found("في رمضان") == []
    assert found("عام 1441 هـ") == []  # not the Gregorian year 1441


# --- Clitics, normalisation, offsets -------------------------------------------------------


def test_clitics_are_not_part_of_the_span():
    assert found("وبحلول العام 2014") == [("العام 2014", "2014", "year", "year")]
    assert found("وفي حزيران الماضي") == [("حزيران الماضي", "2020-06", "month", "month_name")]
    assert found("بحزيران 2019") == [("حزيران 2019", "2019-06", "month", "explicit")]


def test_diacritics_and_tatweel_keep_original_offsets():
    text = "قَالَ فِي حَزِيرَانَ الماضـي إنه عاد أمسِ"
    assert found(text) == [
        ("حَزِيرَانَ الماضـي", "2020-06", "month", "month_name"),
        ("أمسِ", "2020-11-23", "day", "relative"),
    ]


def test_several_expressions_sorted_and_non_overlapping():
    text = (
        "أعلنت الوزارة اليوم (الثلاثاء) أن الاتفاق الموقع في 15 كانون الثاني (يناير) العام 2021 "
        "سيطبق مطلع العام المقبل، بعد اجتماع عقد الثلاثاء الماضي وآخر قبل ثلاثة أيام."
    )
    expressions = dates.find_dates(text, PUB)
    assert [e.value for e in expressions] == [
        "2020-11-24",
        "2021-01-15",
        "2021-01",
        "2020-11-17",
        "2020-11-21",
    ]
    for before, after in itertools.pairwise(expressions):
        assert before.end <= after.start
    assert all(text[e.start : e.end] == e.text for e in expressions)


def test_without_published_date_only_explicit_years_resolve():
    text = "في 3 مارس 2019 ثم أمس والثلاثاء الماضي وحزيران الماضي و15 يناير والعام الماضي"
    assert values(text, None) == ["2019-03-03"]
    assert values("في حزيران (يونيو) 2020 وعام 2014", None) == ["2020-06", "2014"]


def test_published_datetime_is_treated_as_its_date():
    assert values("أمس", datetime.datetime(2020, 11, 24, 23, 59)) == ["2020-11-23"]


def test_lexicon_is_read_from_the_data_files():
    lexicon = dates._lexicon()
    assert lexicon is dates._lexicon()  # loaded once
    assert set(lexicon.months.values()) == set(range(1, 13))
    assert set(lexicon.hijri.values()) == set(range(1, 13))
    assert lexicon.months["حزيران"] == lexicon.months["يونيو"] == lexicon.months["يونيه"] == 6


# --- Never crash ---------------------------------------------------------------------------

_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةًٌٍَُِّْـ0123456789٠١٢٣٤٥٦٧٨٩ \n\t()/.-،,:\u200f\u200cهـ"
_PHRASES = [
    "كانون الثاني", "(يناير)", "العام", "2021", "الماضي", "المقبل", "الثلاثاء", "اليوم", "أمس", "مطلع",
    "قبل", "يومين", "رمضان", "1441", "هـ", "15", "31", "/", "29 شباط", "منذ", "في", "آب", "الشهر",
]  # fmt: skip


def _check_invariants(text: str, published: datetime.date | None) -> None:
    expressions = dates.find_dates(text, published)
    previous_end = 0
    for e in expressions:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.start >= previous_end
        assert e.precision in ("year", "month", "day")
        assert e.kind in ("explicit", "relative", "weekday", "month_name", "year")
        previous_end = e.end


@pytest.mark.parametrize("text", ["", "و", "وب", "قال و", "أمس ل", "(", "15", "٢٠٢٠/", "ـً"])
def test_tiny_and_truncated_inputs(text):
    _check_invariants(text, PUB)


def test_fuzz_random_strings_never_crash():
    rng = random.Random(1234)
    for _ in range(2000):
        pieces = [rng.choice(_PHRASES) if rng.random() < 0.5 else rng.choice(_ALPHABET) for _ in range(20)]
        published = rng.choice([None, PUB, datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
        _check_invariants(" ".join(pieces), published)


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the test extras; the random fuzz still runs
    pass
else:
    _texts = st.lists(st.one_of(st.sampled_from(_PHRASES), st.text(_ALPHABET, max_size=4)), max_size=25).map(
        " ".join
    )
    _published = st.one_of(
        st.none(), st.dates(), st.sampled_from([datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
    )

    @settings(max_examples=400, deadline=None)
    @given(_texts, _published)
    def test_fuzz_arabic_like_text_never_crashes(text, published):
        _check_invariants(text, published)

    @settings(max_examples=200, deadline=None)
    @given(st.text(), _published)
    def test_fuzz_any_unicode_never_crashes(text, published):
        _check_invariants(text, published)


def test_long_text_is_fast_enough():
    text = ("قال المتحدث الثلاثاء الماضي إن 15 كانون الثاني (يناير) العام 2021 " + " " * 50) * 400
    assert len(dates.find_dates(text, PUB)) == 800
