"""Made-up Arabic news articles in any number, for tests that need many: short, varied,
with people, places, organisations and a few events each."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

PEOPLE = ["محمد العلي", "أحمد الحسيني", "خالد الزهراني", "سامي العبيدي", "يوسف الشمري", "علي الجبوري",
          "حسن الكعبي", "عمر الدوري"]
PLACES = ["بغداد", "دمشق", "القاهرة", "الرياض", "بيروت", "عمان", "البصرة", "الموصل"]
ORGS = ["وزارة الخارجية", "الأمم المتحدة", "جامعة الدول العربية", "مجلس الأمن"]
DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس"]


def article(number: int) -> dict:
    """The `number`th article, always the same for the same number."""
    person, other = PEOPLE[number % len(PEOPLE)], PEOPLE[(number * 3 + 1) % len(PEOPLE)]
    place, second = PLACES[number % len(PLACES)], PLACES[(number + 3) % len(PLACES)]
    org, day = ORGS[number % len(ORGS)], DAYS[number % len(DAYS)]
    body = (f"زار وزير الخارجية {person} مدينة {place} يوم {day} والتقى {other}.\n\n"
            f"وقال {person} إن {org} تدعم الحوار بين الأطراف في {second}.\n\n"
            f"ودانت {org} الهجوم الذي استهدف {second} في الخبر رقم {number}.")
    date = dt.date(2020, 1, 1) + dt.timedelta(days=number % 300)
    return {"id": f"gen-{number:05d}", "title": f"{person} يزور {place}", "content": body,
            "date": date.isoformat(), "source": "synthetic"}


def write_jsonl(path: Path, count: int, first: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(first, first + count):
            out.write(json.dumps(article(number), ensure_ascii=False) + "\n")
    return path
