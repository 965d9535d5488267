"""Arabic temporal expressions: find them in news text and resolve them to ISO 8601.

`find_dates` recognises explicit dates ("15 كانون الثاني (يناير) العام 2021", "24/11/2020"),
month names ("حزيران (يونيو) الماضي"), years ("منذ العام 2014"), relative words ("أمس",
"مطلع العام المقبل", "قبل ثلاثة أيام") and weekdays ("الثلاثاء الماضي", "اليوم (الاثنين)"),
and resolves each against the article's publication date at the precision the text supports.

Matching runs on a normalised copy of the text (no diacritics, tatweel or invisible marks;
one alef, yeh and heh; ASCII digits). Normalisation maps the text character by character and
every kept character remembers its index in the original, so reported offsets always point
into the text the caller passed in.

The words live in data/months.tsv and data/relative_dates.tsv; this module holds only the
grammar that strings them together and the calendar arithmetic.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["TimeExpression", "find_dates"]

_DATA_DIR = Path(__file__).resolve().parent / "data"
_V = TypeVar("_V")


@dataclass(frozen=True)
class TimeExpression:
    start: int  # character offsets into the text passed in
    end: int
    text: str  # text[start:end]
    value: str  # ISO 8601 with the precision the text supports: "2020", "2020-06", "2020-11-17"
    precision: str  # "year" | "month" | "day"
    kind: str  # "explicit" | "relative" | "weekday" | "month_name" | "year"


def find_dates(text: str, published: datetime.date | None) -> list[TimeExpression]:
    """All temporal expressions in text, resolved against the article's publication date,
    sorted by start, non-overlapping (longest wins)."""
    if isinstance(published, datetime.datetime):  # a datetime would leak a time into the values
        published = published.date()
    view = _normalise(text)
    starts = _match_starts(view.text)
    found = [
        _Candidate(m.start(), m.end(), order, resolution)
        for order, rule in enumerate(_rules())
        for m in _matches(rule.pattern, view.text, starts)
        if (resolution := _safely(rule.resolve, m, view.text, published))
    ]
    expressions = []
    for cand in _longest_first(found):
        start, end = view.original_span(cand.start, cand.end)
        res = cand.resolution
        expressions.append(TimeExpression(start, end, text[start:end], res.value, res.precision, res.kind))
    return expressions


# --- Normalisation -------------------------------------------------------------------------

# Harakat, Quranic annotation signs, dagger alef and tatweel: they never change the word.
_MARKS = frozenset(
    chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640)
)
# Bidi controls, zero-width joiners, soft hyphen, BOM: news CMSs leave them inside words.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_DROPPED = _MARKS | _INVISIBLE
# One character in, one character out, so alignment only has to account for dropped characters.
_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ؤ": "و", "ئ": "ي"}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Extended (Persian/Urdu) digits


@dataclass(frozen=True)
class _View:
    """The normalised text and, for each of its characters, where it came from."""

    source: str
    text: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        first, last = self.origin[start], self.origin[end - 1] + 1
        while last < len(self.source) and self.source[last] in _MARKS:  # keep "غداً"'s tanween
            last += 1
        return first, last


def _normalise(source: str) -> _View:
    kept = [(i, _FOLD.get(ch, ch)) for i, ch in enumerate(source) if ch not in _DROPPED]
    return _View(source, "".join(ch for _, ch in kept), tuple(i for i, _ in kept))


def _key(phrase: str) -> str:
    """The normalised, single-spaced form lexicon entries are stored and looked up under."""
    return " ".join(_normalise(phrase).text.split())


# --- Lexicons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    """months.tsv split by calendar, and relative_dates.tsv by category. Its categories and values:
    day (offset in days), weekday (Monday = 0), modifier (-1 past, 0 current, 1 next), unit
    (year/month/week), part (start/end/mid), count_unit (unit:count, 0 = a plural that needs a
    number), number, ordinal (day of month), ago (-1/1), demonstrative, year_word, approx and
    preposition (value unused). All keys are normalised."""

    months: dict[str, int]  # Gregorian names of every civil system -> month number
    hijri: dict[str, int]
    words: dict[str, dict[str, str]]


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(_DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.cache
def _lexicon() -> _Lexicon:
    months: dict[str, int] = {}
    hijri: dict[str, int] = {}
    for row in _read_tsv("months.tsv"):
        table = hijri if row["system"] == "hijri" else months
        table[_key(row["name"])] = int(row["month_number"])
    words: dict[str, dict[str, str]] = {}
    for row in _read_tsv("relative_dates.tsv"):
        words.setdefault(row["category"], {})[_key(row["phrase"])] = row["value"]
    return _Lexicon(months, hijri, words)


# Month names that are also everyday words (father, "he practised", the carmaker, Gulf "water"): on
# their own they count only after a preposition, and never with a ب/ل/ك clitic ("باب" = door).
_HOMOGRAPH_MONTHS = frozenset({"اب", "مارس", "نيسان", "ماي"})


def _get(table: dict[str, _V], matched: str) -> _V | None:
    key = " ".join(matched.split())
    # "للعام" is لـ + العام with the article's alef elided: the pattern matched "لعام".
    return table.get(key, table.get("ا" + key))


def _lookup(category: str, matched: str) -> str | None:
    return _get(_lexicon().words[category], matched)


def _month_numbers(matched: str, table: dict[str, int]) -> list[int]:
    """Month numbers of the names inside a matched (possibly paired) month expression."""
    names = (_get(table, m.group()) for m in _name_finder(tuple(table)).finditer(matched))
    return [n for n in names if n is not None]


@functools.cache
def _name_finder(names: tuple[str, ...]) -> re.Pattern[str]:
    # The text was already matched with boundaries; longest first is all that is left to get right.
    forms = set(names) | {name[1:] for name in names if name.startswith("ال")}
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile("|".join(r"\s+".join(map(re.escape, form.split())) for form in ordered))


# --- Regex building blocks -----------------------------------------------------------------

_END = r"(?!\w)"
# A word starts after a non-word character or after the conjunctions و/ف ...
_BARE = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"
# ... or, for nouns that take them, after the prepositions ب/ل/ك too ("بالأمس", "وبحزيران").
_CLITIC = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
# The article, or the lam left of it after the preposition لـ ("للعام" = لـ + العام).
_ARTICLE = r"(?:ال|(?<=(?<!\w)ل)ل|(?<=(?<!\w)[وف]ل)ل)"
_DAY_NUMBER = _CLITIC + r"(?<![0-9][/.:,])(?P<dnum>0?[1-9]|[12][0-9]|3[01])(?![0-9])"
_YEAR_DIGITS = r"[0-9]{4}(?![0-9])"
_NOT_HIJRI = r"(?!\s*(?:ه|هجري\w*)(?!\w))"  # "1441 هـ" is not a Gregorian year
_AD_MARK = r"(?:\s?(?:م|ميلادي|ميلاديه)(?!\w))?"  # "2014م"


def _words(phrases: Iterable[str], *, clitics: bool = True, bare: frozenset[str] = frozenset()) -> str:
    """Alternation of whole normalised phrases, longest first, behind their start boundary.

    Phrases sharing a boundary share one lookbehind: checking it once per position rather than
    once per phrase matters with ~60 month names."""
    groups: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        if phrase.startswith("ال"):
            start, body = _CLITIC + _ARTICLE, body[2:]
        else:
            start = _CLITIC if clitics and phrase not in bare else _BARE
        groups.setdefault(start, []).append(body)
    return "(?:" + "|".join(f"{start}(?:{'|'.join(bodies)})" for start, bodies in groups.items()) + ")" + _END


def _category(name: str, value: str | None = None, *, clitics: bool = True) -> str:
    table = _lexicon().words[name]
    return _words((p for p, v in table.items() if value is None or v == value), clitics=clitics)


@dataclass(frozen=True)
class _Grammar:
    """Regex fragments shared by the rules, built once from the lexicons."""

    month: str
    month_pair: str
    hijri_month: str
    weekday: str
    modifier: str
    part: str
    year_word: str
    year_unit: str
    month_unit: str
    unit: str
    demonstrative: str
    ordinal: str

    def year_tail(self, comma: bool) -> str:
        sep = r"\s*[,،]?\s*" if comma else r"\s*"
        return rf"{sep}(?:من\s+)?(?:{self.year_word}\s+)?(?P<year>{_YEAR_DIGITS}){_NOT_HIJRI}{_AD_MARK}"

    @property
    def relative_year_tail(self) -> str:  # "... من العام الماضي", "... من هذا العام"
        return (
            rf"\s+(?:من\s+)?(?:{self.year_unit}\s+(?P<ymod>{self.modifier})"
            rf"|(?P<ydem>{self.demonstrative})\s+{self.year_unit})"
        )

    @property
    def day(self) -> str:  # "15", "15 من", "الخامس عشر من"
        return rf"(?:{_DAY_NUMBER}\s*(?:من\s+)?|(?P<dord>{self.ordinal})\s+من\s+)"


@functools.cache
def _grammar() -> _Grammar:
    lex = _lexicon()
    month = _words(lex.months, bare=_HOMOGRAPH_MONTHS)
    return _Grammar(
        month=month,
        # "حزيران (يونيو)" and "كانون الثاني/يناير" name one month twice: one expression.
        month_pair=rf"{month}(?:\s*\(\s*{month}\s*\)|\s*/\s*{month})?",
        hijri_month=_words(lex.hijri),
        weekday=_category("weekday"),
        modifier=_category("modifier"),
        part=_category("part"),
        year_word=_category("year_word"),
        year_unit=_category("unit", "year"),
        month_unit=_category("unit", "month"),
        unit=_category("unit"),
        demonstrative=_category("demonstrative"),
        ordinal=_category("ordinal"),
    )


# --- Resolution helpers --------------------------------------------------------------------


@dataclass(frozen=True)
class _Resolution:
    value: str
    precision: str
    kind: str


def _as_year(year: int, kind: str) -> _Resolution | None:
    return _Resolution(f"{year:04d}", "year", kind) if 1 <= year <= 9999 else None


def _as_month(year: int, month: int, kind: str) -> _Resolution | None:
    return _Resolution(f"{year:04d}-{month:02d}", "month", kind) if 1 <= year <= 9999 else None


def _as_day(day: datetime.date, kind: str) -> _Resolution:
    return _Resolution(day.isoformat(), "day", kind)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + delta, 12)
    return y, m + 1


def _year_of_month(pub: datetime.date, month: int, direction: int | None) -> int:
    """Year of the named month: None = latest on or before the published month (news reports
    the past), -1 = strictly before it, +1 = strictly after it, 0 = the published year."""
    if direction == 0:
        return pub.year
    if direction is None:
        return pub.year if month <= pub.month else pub.year - 1
    if direction < 0:
        return pub.year if month < pub.month else pub.year - 1
    return pub.year if month > pub.month else pub.year + 1


def _day_near(pub: datetime.date, month: int, day: int, direction: int | None) -> datetime.date | None:
    """The day+month nearest the published date in the given direction (as _year_of_month)."""
    if direction == 0:
        return _date(pub.year, month, day)
    step = 1 if direction is not None and direction > 0 else -1
    for year in range(pub.year, pub.year + 9 * step, step):  # 29 February may be 8 years away
        d = _date(year, month, day)
        if d is None:
            continue
        if (direction is None and d <= pub) or (direction == -1 and d < pub) or (direction == 1 and d > pub):
            return d
    return None


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _weekday_near(pub: datetime.date, weekday: int, direction: int | None) -> datetime.date:
    if direction == -1:  # "الثلاثاء الماضي": strictly before, a week back if today is Tuesday
        return pub - datetime.timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    if direction == 1:
        return pub + datetime.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    return pub - datetime.timedelta(days=(pub.weekday() - weekday) % 7)


def _hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """Tabular (arithmetic) Islamic calendar, civil epoch. Sighted calendars such as Umm
    al-Qura can differ by a day or two, which is the price of staying stdlib-only."""
    julian_day = day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return datetime.date.fromordinal(julian_day - 1721425)


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"(\w*)\s*$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


_NEXT_WORD = re.compile(r"\s+(\w+)")


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end)
    return m.group(1) if m else ""


def _after_preposition(text: str, start: int) -> bool:
    """True when a preposition (في، منذ، بحلول ...) or a glued بـ/لـ ("ب2020") comes first."""
    word = _previous_word(text, start)
    if start > 0 and re.match(r"\w", text[start - 1]):
        # A glued "و" alone ("2000 و2020 شخص") is just as often a count as a year.
        return word in ("ب", "ل", "وب", "ول", "فب", "فل")
    prepositions = _lexicon().words["preposition"]
    return word in prepositions or (word[:1] in ("و", "ف") and word[1:] in prepositions)


def _direction(m: re.Match[str], group: str = "mod") -> int | None:
    matched = m.group(group)
    value = _lookup("modifier", matched) if matched else None
    return int(value) if value is not None else None


def _day_of(m: re.Match[str]) -> int | None:
    if m.group("dnum"):
        return int(m.group("dnum"))
    ordinal = _lookup("ordinal", m.group("dord") or "")
    return int(ordinal) if ordinal else None


def _single_month(matched: str, table: dict[str, int]) -> int | None:
    """The month a (possibly paired) name denotes; a pair that disagrees is not trusted."""
    numbers = set(_month_numbers(matched, table))
    return numbers.pop() if len(numbers) == 1 else None


# --- Rules ---------------------------------------------------------------------------------
# Each rule is a pattern over the normalised text and a resolver for its matches. A resolver
# returns None when the match is not a date after all or cannot be resolved (no published
# date for a relative expression): the match is then dropped.

_Resolver = Callable[[re.Match[str], str, datetime.date | None], _Resolution | None]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: _Resolver


def _resolve_numeric(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4 and len(c) <= 2:
        d = _date(int(a), int(b), int(c))
    elif len(c) == 4 and len(a) <= 2:  # Arabic usage is day/month/year; fall back to US order
        d = _date(int(c), int(b), int(a)) or _date(int(c), int(a), int(b))
    else:
        return None
    return _as_day(d, "explicit") if d else None


def _resolve_calendar(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    month = _single_month(m.group("month"), _lexicon().months)
    day = _day_of(m)
    if month is None or day is None:
        return None
    if m.group("year"):
        d = _date(int(m.group("year")), month, day)
    elif pub is None:
        return None
    elif m.group("ymod") or m.group("ydem"):
        offset = int(_lookup("modifier", m.group("ymod")) or 0) if m.group("ymod") else 0
        d = _date(pub.year + offset, month, day)
    else:
        d = _day_near(pub, month, day, _direction(m))
    return _as_day(d, "explicit") if d else None


def _resolve_month(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    matched = m.group("month")
    month = _single_month(matched, _lexicon().months)
    if month is None:
        return None
    alone = not any(m.group(g) for g in ("part", "shahr", "year", "ymod", "ydem", "mod"))
    if alone and _key(matched) in _HOMOGRAPH_MONTHS and not _after_preposition(text, m.start()):
        return None
    if m.group("year"):
        return _as_month(int(m.group("year")), month, "explicit")
    if pub is None:
        return None
    if m.group("ymod") or m.group("ydem"):
        offset = int(_lookup("modifier", m.group("ymod")) or 0) if m.group("ymod") else 0
        return _as_month(pub.year + offset, month, "month_name")
    return _as_month(_year_of_month(pub, month, _direction(m)), month, "month_name")


def _resolve_hijri(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    month = _single_month(m.group("hmonth"), _lexicon().hijri)
    year = int(m.group("year"))
    if month is None:
        return None
    if not m.group("mark") and year >= 1600:  # "رمضان 2020": a Gregorian year, say only that
        return _as_year(year, "explicit") if len(m.group("year")) == 4 else None
    day = int(m.group("dnum")) if m.group("dnum") else None
    if (day is not None and day > 30) or year < 1:
        return None
    try:
        if day is not None:
            return _as_day(_hijri_to_gregorian(year, month, day), "explicit")
        middle = _hijri_to_gregorian(year, month, 15)  # a Hijri month straddles two Gregorian ones
        return _as_month(middle.year, middle.month, "explicit")
    except (ValueError, OverflowError):
        return None


def _resolve_year(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    year = int(m.group("year"))
    part = _lookup("part", m.group("part")) if m.group("part") else None
    if not m.group("kw") and not part:
        # A bare number is a year only where a year is expected: "في 2014", "منذ 2014".
        if not (1900 <= year <= 2100 and _after_preposition(text, m.start("year"))):
            return None
    if part == "start":
        return _as_month(year, 1, "year")
    if part == "end":
        return _as_month(year, 12, "year")
    return _as_year(year, "year")


def _resolve_relative_day(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    phrase = m.group("phrase")
    if pub is None:
        return None
    if phrase.startswith(("ال", "ل")) and not (m.group("wd") or m.group("wd2")):
        # "اليوم التالي", "اليوم نفسه", "ذلك اليوم" are days of the story, not of publication.
        following = _next_word(text, m.end())
        if following.startswith("ال") or following in ("نفسه", "ذاته"):
            return None
        if _previous_word(text, m.start()) in ("ذلك", "تلك", "ذات"):
            return None
    offset = int(_lookup("day", phrase) or 0)
    return _as_day(pub + datetime.timedelta(days=offset), "relative")


def _resolve_weekday(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    weekday = _lookup("weekday", m.group("wd"))
    if pub is None or weekday is None:
        return None
    if weekday == "0":  # الاثنين is also "the two": "كلا الاثنين", "بين الاثنين"
        if _previous_word(text, m.start()) in ("كلا", "بين") or _next_word(text, m.end()) == "معا":
            return None
    direction = _direction(m) or None  # "الجاري"/"الحالي" add nothing to a weekday
    return _as_day(_weekday_near(pub, int(weekday), direction), "weekday")


def _resolve_relative_unit(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    if pub is None:
        return None
    unit = _lookup("unit", m.group("unit") or m.group("dunit"))
    part = _lookup("part", m.group("part")) if m.group("part") else None
    if m.group("mod"):
        offset = int(_lookup("modifier", m.group("mod")) or 0)
    elif m.group("dem") or (part and unit in ("year", "month")):
        offset = 0  # "هذا العام"; "مطلع العام" means this year's
    else:
        return None  # a bare "العام" is "the year" or "general", not a date
    if unit == "year":
        year = pub.year + offset
        if part in ("start", "end"):
            return _as_month(year, 1 if part == "start" else 12, "relative")
        return _as_year(year, "relative")
    if unit == "month":
        return _as_month(*_shift_month(pub.year, pub.month, offset), "relative")
    if unit == "week":  # no week precision: the month of the day a week away
        day = pub + datetime.timedelta(days=7 * offset)
        return _as_month(day.year, day.month, "relative")
    return None


def _resolve_count(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    if pub is None:
        return None
    unit, _, implied = (_lookup("count_unit", m.group("cu")) or "").partition(":")
    if implied != "2" and _next_word(text, m.end()).startswith("ال"):
        return None  # construct state: "قبل يوم الانتخابات" is "before election day"
    count = _count(m.group("num")) or int(implied or 0)  # "ثلاثة أيام", else "يومين" = 2
    if count <= 0:
        return None  # "منذ أيام": a few days, no date
    sign = int(_lookup("ago", m.group("ago")) or -1)
    if unit == "day":
        return _as_day(pub + datetime.timedelta(days=sign * count), "relative")
    if unit == "week":
        day = pub + datetime.timedelta(days=sign * 7 * count)
        return _as_month(day.year, day.month, "relative")
    if unit == "month":
        return _as_month(*_shift_month(pub.year, pub.month, sign * count), "relative")
    if unit == "year":
        return _as_year(pub.year + sign * count, "relative")
    return None


def _count(number: str | None) -> int:
    if not number:
        return 0
    return int(number) if number.isdigit() else int(_lookup("number", number) or 0)


def _resolve_day_of_month(m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    day = _day_of(m)
    if pub is None or day is None:
        return None
    offset = int(_lookup("modifier", m.group("mod") or m.group("bmod")) or 0) if not m.group("dem") else 0
    d = _date(*_shift_month(pub.year, pub.month, offset), day)
    return _as_day(d, "relative") if d else None


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    g = _grammar()
    shahr = _words(["شهر"])
    any_month = rf"(?:{g.month}|{g.hijri_month}|{g.weekday})"
    year_or_tail = rf"(?:{g.year_tail(comma=False)}|{g.relative_year_tail}|\s+(?P<mod>{g.modifier}))?"
    specs: list[tuple[str, _Resolver]] = [
        (  # 24/11/2020, 2020-11-24
            _CLITIC + r"(?<![0-9][/.:,])(?P<a>[0-9]{1,4})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)"
            r"(?P<c>[0-9]{1,4})(?![0-9])(?!(?P=sep)[0-9])",
            _resolve_numeric,
        ),
        (  # [الثلاثاء] 15 كانون الثاني (يناير) [العام 2021 | المقبل | من العام الماضي]
            rf"(?:(?:{_BARE}يوم\s+)?{g.weekday}\s*[,،]?\s*(?:الموافق\s+)?)?{g.day}"
            rf"(?:{shahr}\s+)?(?P<month>{g.month_pair})"
            rf"(?:{g.year_tail(comma=True)}|{g.relative_year_tail}|\s+(?P<mod>{g.modifier}))?",
            _resolve_calendar,
        ),
        (  # [مطلع] [شهر] حزيران (يونيو) [2020 | الماضي | من العام المقبل]
            rf"(?:(?P<part>{g.part})\s+)?(?:(?P<shahr>{shahr})\s+)?(?P<month>{g.month_pair}){year_or_tail}",
            _resolve_month,
        ),
        (  # [15] رمضان [عام] 1441 [هـ]
            rf"(?:{_DAY_NUMBER}\s*(?:من\s+)?)?(?:{shahr}\s+)?(?P<hmonth>{g.hijri_month})\s*[,،]?\s*"
            rf"(?:(?:من\s+)?{g.year_word}\s+)?(?P<year>[0-9]{{3,4}})(?![0-9])(?P<mark>\s*(?:ه|هجري\w*)(?!\w))?",
            _resolve_hijri,
        ),
        (  # [مطلع] [العام] 2014
            rf"(?:(?P<part>{g.part})\s+)?(?:(?P<kw>{g.year_word})\s+)?{_CLITIC}(?<![0-9][/.:,])"
            rf"(?P<year>{_YEAR_DIGITS})(?![/.][0-9]){_NOT_HIJRI}{_AD_MARK}",
            _resolve_year,
        ),
        (  # أمس، أول من أمس، اليوم (الاثنين)
            rf"(?P<phrase>{_category('day', clitics=False)})"
            rf"(?:\s*\(\s*(?P<wd>{g.weekday})\s*\)|\s+(?P<wd2>{g.weekday}))?",
            _resolve_relative_day,
        ),
        (  # [يوم] الثلاثاء [الماضي]
            rf"(?:{_BARE}يوم\s+)?(?P<wd>{g.weekday})(?:\s+(?P<mod>{g.modifier}))?",
            _resolve_weekday,
        ),
        (  # [مطلع] العام الماضي، الشهر الجاري، هذا الأسبوع
            rf"(?:(?P<part>{g.part})\s+)?(?:(?P<unit>{g.unit})(?:\s+(?P<mod>{g.modifier}))?"
            rf"|(?P<dem>{g.demonstrative})\s+(?P<dunit>{g.unit}))",
            _resolve_relative_unit,
        ),
        (  # قبل يومين، منذ ثلاثة أيام، بعد أسبوع
            rf"(?P<ago>{_category('ago', clitics=False)})\s+(?:{_category('approx', clitics=False)}\s+)?"
            rf"(?:(?P<num>{_category('number', clitics=False)}|[0-9]{{1,3}}(?![0-9]))\s*)?"
            rf"(?P<cu>{_category('count_unit', clitics=False)})"
            rf"(?!\s*[0-9])(?!\s+{any_month})(?!\s+(?:واحد\s+|واحده\s+)?(?:من|علي)(?!\w))",
            _resolve_count,
        ),
        (  # 15 من الشهر الجاري، العاشر من الشهر الماضي، في 20 الجاري
            rf"{g.day}(?:(?P<unit>{g.month_unit})\s+(?P<mod>{g.modifier})"
            rf"|(?P<dem>{g.demonstrative})\s+{g.month_unit}|(?P<bmod>{g.modifier}))",
            _resolve_day_of_month,
        ),
    ]
    return tuple(_Rule(re.compile(pattern), resolve) for pattern, resolve in specs)


# --- Choosing among overlapping matches ----------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int  # rule order breaks ties between equally long matches
    resolution: _Resolution


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Greedy: longest match first, then leftmost; drop anything overlapping a kept one."""
    starts: list[int] = []
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.order)):
        i = bisect.bisect_right(starts, cand.start)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        if i < len(kept) and kept[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        kept.insert(i, cand)
    return kept


_WORD_START = re.compile(r"\b\w")
_CLITIC_LETTERS = frozenset("وفبلك")


def _match_starts(text: str) -> list[int]:
    """Every place a rule can start: a word start, or just after one or two clitic letters glued
    to the front of a word ("وبحزيران", "للعام"). Trying the rules only there, instead of at
    every character, is what keeps long articles fast."""
    starts = []
    for m in _WORD_START.finditer(text):
        at = m.start()
        starts.append(at)
        for after in (at + 1, at + 2):
            if after >= len(text) or text[after - 1] not in _CLITIC_LETTERS:
                break
            starts.append(after)
    return starts


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterable[re.Match[str]]:
    """pattern.finditer(text), but only trying the given (sorted) start positions."""
    end = 0
    for at in starts:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m and m.end() > m.start():
            end = m.end()
            yield m


def _safely(resolve: _Resolver, m: re.Match[str], text: str, pub: datetime.date | None) -> _Resolution | None:
    # Calendar arithmetic at the edges of datetime's range (year 1 or 9999) raises; such a
    # match simply has no value.
    try:
        return resolve(m, text, pub)
    except (ValueError, OverflowError):
        return None
