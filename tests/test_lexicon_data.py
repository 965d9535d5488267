"""Checks of the curated lexicon data files in ingest/data (stdlib only, no project imports).

Each JSONL gazetteer must parse, carry its required keys with well-formed values, use only
the allowed kinds, and give every surface form (after the same light normalisation the
matcher applies) to a single entity. The TSV/TXT word lists must have the right columns,
known kinds, no duplicates, and cover the phrases the recognizer relies on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "ingest" / "data"

ARABIC_LETTER = re.compile("[\u0621-\u064a]")
LATIN_LETTER = re.compile("[A-Za-z]")
QID = re.compile(r"^Q[1-9][0-9]*$")
ISO2 = re.compile(r"^[A-Z]{2}$")
HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")

ORG_KINDS = {"ArmedGroup", "PoliticalParty", "GovernmentBody", "Military", "InternationalOrganization",
             "NewsAgency", "Company", "Religious", "SportsClub", "Other"}
PLACE_KINDS = {"Country", "Governorate", "Region", "City", "Facility", "Landmark", "Waterway"}
TITLE_KINDS = {"head_of_state", "head_of_government", "minister", "military", "rank", "religious", "party",
               "spokesperson", "diplomat", "official", "academic", "honorific"}
# Arab League members (Palestine as PS, Western Sahara not a member).
ARAB_STATES = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
               "SO", "SD", "SY", "TN", "AE", "YE"}
MAJOR = {"IR", "TR", "IL", "US", "RU", "GB", "FR", "DE", "CN"}


def norm(text: str) -> str:
    """Light Arabic normalisation: no diacritics or tatweel, one alef, yeh, heh."""
    text = HARAKAT.sub("", unicodedata.normalize("NFC", text))
    text = re.sub("[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return " ".join(text.split())


def is_arabic_text(text: str) -> bool:
    return (isinstance(text, str) and text == text.strip() and bool(text)
            and bool(ARABIC_LETTER.search(text)) and not LATIN_LETTER.search(text)
            and "\t" not in text and "\n" not in text)


def load_jsonl(name: str) -> list[dict]:
    rows = []
    path = DATA / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - the assertion message is the point
            pytest.fail(f"{name}:{n}: invalid JSON: {exc}")
        assert isinstance(obj, dict), f"{name}:{n}: not an object"
        rows.append(obj)
    return rows


def load_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


PEOPLE = "known_people.jsonl"
ORGS = "known_organizations.jsonl"
PLACES = "known_places.jsonl"
GAZETTEERS = {
    PEOPLE: {"required": {"ar", "variants", "en", "nationality"}, "minimum": 1000,
             "allowed": {"ar", "variants", "en", "wikidata", "nationality", "roles"}},
    ORGS: {"required": {"ar", "variants", "en", "kind"}, "minimum": 600,
           "allowed": {"ar", "variants", "en", "wikidata", "kind", "country"}},
    PLACES: {"required": {"ar", "variants", "en", "kind"}, "minimum": 800,
             "allowed": {"ar", "variants", "en", "wikidata", "geonames", "kind", "country", "lat", "lon", "part_of"}},
}


@pytest.fixture(scope="module", params=sorted(GAZETTEERS))
def gazetteer(request):
    return request.param, load_jsonl(request.param)


# --------------------------------------------------------------------------- JSONL: shared checks

def test_gazetteer_files_exist():
    for name in GAZETTEERS:
        assert (DATA / name).is_file(), f"{name} is missing"


def test_minimum_counts(gazetteer):
    name, rows = gazetteer
    assert len(rows) >= GAZETTEERS[name]["minimum"], f"{name}: only {len(rows)} entries"


def test_required_and_known_keys(gazetteer):
    name, rows = gazetteer
    spec = GAZETTEERS[name]
    for row in rows:
        missing = spec["required"] - row.keys()
        assert not missing, f"{name}: {row.get('ar')!r} lacks {sorted(missing)}"
        unknown = row.keys() - spec["allowed"]
        assert not unknown, f"{name}: {row.get('ar')!r} has unknown keys {sorted(unknown)}"


def test_arabic_names_and_variants(gazetteer):
    name, rows = gazetteer
    for row in rows:
        assert is_arabic_text(row["ar"]), f"{name}: 'ar' is not clean Arabic text: {row['ar']!r}"
        variants = row["variants"]
        assert isinstance(variants, list), f"{name}: {row['ar']}: variants must be a list"
        for v in variants:
            assert is_arabic_text(v), f"{name}: {row['ar']}: variant {v!r} is not clean Arabic text"
        normed = [norm(v) for v in variants]
        assert len(set(normed)) == len(normed), f"{name}: {row['ar']}: duplicate variants {variants}"
        assert norm(row["ar"]) not in normed, f"{name}: {row['ar']}: a variant repeats the name itself"


def test_english_names(gazetteer):
    name, rows = gazetteer
    for row in rows:
        en = row["en"]
        assert isinstance(en, str) and en.strip() == en and en, f"{name}: {row['ar']}: bad 'en' {en!r}"
        assert LATIN_LETTER.search(en), f"{name}: {row['ar']}: 'en' has no Latin letters: {en!r}"
        assert not ARABIC_LETTER.search(en), f"{name}: {row['ar']}: 'en' contains Arabic: {en!r}"


def test_no_duplicate_ar_keys(gazetteer):
    name, rows = gazetteer
    counts = Counter(row["ar"] for row in rows)
    dupes = [k for k, c in counts.items() if c > 1]
    assert not dupes, f"{name}: duplicate 'ar' keys: {dupes}"


def test_each_surface_form_names_one_entity(gazetteer):
    """After normalisation no name or variant may belong to two entries of the same file."""
    name, rows = gazetteer
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in [row["ar"], *row["variants"]]:
            owners[norm(form)].add(row["ar"])
    clashes = {form: sorted(o) for form, o in owners.items() if len(o) > 1}
    assert not clashes, f"{name}: ambiguous surface forms: {clashes}"


def test_no_surface_form_shared_across_files():
    owners: dict[str, set[str]] = defaultdict(set)
    for name in GAZETTEERS:
        for row in load_jsonl(name):
            for form in [row["ar"], *row["variants"]]:
                owners[norm(form)].add(f"{name}:{row['ar']}")
    clashes = {form: sorted(o) for form, o in owners.items() if len({x.split(':')[0] for x in o}) > 1}
    assert not clashes, f"surface forms in more than one gazetteer: {clashes}"


def test_wikidata_ids(gazetteer):
    name, rows = gazetteer
    seen: dict[str, str] = {}
    for row in rows:
        if "wikidata" not in row:
            continue
        qid = row["wikidata"]
        assert isinstance(qid, str) and QID.match(qid), f"{name}: {row['ar']}: bad wikidata id {qid!r}"
        assert qid not in seen, f"{name}: {qid} used by both {seen[qid]} and {row['ar']}"
        seen[qid] = row["ar"]


def test_country_codes(gazetteer):
    name, rows = gazetteer
    key = "nationality" if name == PEOPLE else "country"
    for row in rows:
        if key in row:
            assert isinstance(row[key], str) and ISO2.match(row[key]), f"{name}: {row['ar']}: bad {key} {row[key]!r}"


# --------------------------------------------------------------------------- JSONL: per-file checks

def test_people_specifics():
    rows = load_jsonl(PEOPLE)
    for row in rows:
        tokens = row["ar"].split()
        assert len(tokens) >= 2 or row["ar"].startswith(("البابا", "الملك", "الملكة")), \
            f"people: {row['ar']!r} is a bare single word"
        for v in row["variants"]:
            # A bare surname or given name taken from the full name is not a variant.
            assert not (len(v.split()) == 1 and v in tokens), f"people: {row['ar']}: bare-name variant {v!r}"
        if "roles" in row:
            assert isinstance(row["roles"], list) and row["roles"], f"people: {row['ar']}: empty or non-list roles"
            for role in row["roles"]:
                assert is_arabic_text(role), f"people: {row['ar']}: role {role!r} is not Arabic"
    nationalities = Counter(row["nationality"] for row in rows)
    for code in ARAB_STATES | MAJOR:
        assert nationalities[code] >= 1, f"people: no one from {code}"


def test_people_cover_the_brief():
    names = {norm(f) for row in load_jsonl(PEOPLE) for f in [row["ar"], *row["variants"]]}
    for person in ["علي خامنئي", "علي السيستاني", "مقتدى الصدر", "حسن نصر الله", "إسماعيل قاآني", "قاسم سليماني",
                   "أبو مهدي المهندس", "عبد الملك الحوثي", "دونالد ترامب", "دونالد ترمب", "فلاديمير بوتين",
                   "فلاديمير بوتن", "بشار الأسد", "رجب طيب أردوغان", "بنيامين نتنياهو", "أنطونيو غوتيريش",
                   "محمد بن سلمان", "تميم بن حمد", "محمد شياع السوداني", "مظلوم عبدي", "أبو بكر البغدادي",
                   "أيمن الظواهري", "خليفة حفتر", "غير بيدرسون", "هانس غروندبرغ", "قيس الخزعلي", "هادي العامري",
                   "فالح الفياض", "أكرم الكعبي", "يحيى السنوار", "أحمد الشرع", "أبو محمد الجولاني"]:
        assert norm(person) in names, f"people: {person} is missing"


def test_world_and_archive_coverage():
    """Figures, bodies and places of the wider world and of earlier decades, as the Arabic press names them."""
    expected = {
        PEOPLE: ["كوندوليزا رايس", "كولن باول", "ديك تشيني", "جاك شيراك", "غيرهارد شرودر", "بوريس يلتسين",
                 "خافيير سولانا", "إميل لحود", "هوغو شافيز", "ألبرت أينشتاين", "نجيب محفوظ", "محمود درويش",
                 "أم كلثوم", "فيروز", "زين الدين زيدان", "رونالدينيو", "روجيه فيدرر", "مايكل شوماخر"],
        ORGS: ["ريال مدريد", "نادي برشلونة", "مانشستر يونايتد", "النادي الأهلي", "الزمالك", "الترجي", "الوداد البيضاوي",
               "نوكيا", "فولكس فاغن", "صحيفة الحياة", "لوموند", "الويبو", "المجلس الاقتصادي والاجتماعي"],
        PLACES: ["أفريقيا", "إفريقيا", "أوروبا", "أوربا", "أمريكا اللاتينية", "البلقان", "الحجاز", "الأندلس", "طوكيو",
                 "برشلونة", "هونغ كونغ", "هونج كونج", "معتقل غوانتانامو", "جبل عرفات", "البرازيل"],
    }
    for name, wanted in expected.items():
        forms = {norm(f) for row in load_jsonl(name) for f in [row["ar"], *row["variants"]]}
        for form in wanted:
            assert norm(form) in forms, f"{name}: {form} is missing"


def test_given_wikidata_examples():
    by_ar = {row["ar"]: row for row in load_jsonl(PEOPLE)}
    expected = {"دونالد ترامب": "Q22686", "باراك أوباما": "Q76", "فلاديمير بوتين": "Q7747",
                "رجب طيب أردوغان": "Q39259", "بشار الأسد": "Q44329", "علي خامنئي": "Q57336",
                "قاسم سليماني": "Q1189263", "حسن نصر الله": "Q214475"}
    for ar, qid in expected.items():
        assert by_ar[ar].get("wikidata") == qid, f"people: {ar} should carry {qid}"


def test_organization_specifics():
    rows = load_jsonl(ORGS)
    for row in rows:
        assert row["kind"] in ORG_KINDS, f"orgs: {row['ar']}: unknown kind {row['kind']!r}"
    kinds = Counter(row["kind"] for row in rows)
    for kind in ORG_KINDS:
        assert kinds[kind] >= 5, f"orgs: only {kinds[kind]} of kind {kind}"
    names = {norm(f) for row in rows for f in [row["ar"], *row["variants"]]}
    for org in ["كتائب حزب الله", "عصائب أهل الحق", "حزب الله", "أنصار الله", "الحوثيون", "حماس", "الجهاد الإسلامي",
                "داعش", "تنظيم الدولة", "جبهة النصرة", "هيئة تحرير الشام", "قسد", "الحشد الشعبي", "سرايا السلام",
                "حركة النجباء", "الحرس الثوري", "فيلق القدس", "الجيش الإسرائيلي", "الأمم المتحدة", "مجلس الأمن",
                "جامعة الدول العربية", "مجلس التعاون الخليجي", "حلف الناتو", "الاتحاد الأوروبي", "منظمة أوبك",
                "الوكالة الدولية للطاقة الذرية", "اليونيفيل", "الصليب الأحمر", "الجزيرة", "قناة العربية", "رويترز",
                "وكالة الأنباء السعودية", "واس", "إرنا", "سانا", "فرانس برس", "أرامكو"]:
        assert norm(org) in names, f"orgs: {org} is missing"


def test_place_specifics():
    rows = load_jsonl(PLACES)
    for row in rows:
        where = f"places: {row['ar']}"
        assert row["kind"] in PLACE_KINDS, f"{where}: unknown kind {row['kind']!r}"
        if "geonames" in row:
            gid = row["geonames"]
            assert isinstance(gid, int) and not isinstance(gid, bool) and gid > 0, f"{where}: bad geonames {gid!r}"
        assert ("lat" in row) == ("lon" in row), f"{where}: lat and lon come together"
        if "lat" in row:
            lat, lon = row["lat"], row["lon"]
            for value in (lat, lon):
                assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{where}: bad coordinate"
            assert -90 <= lat <= 90 and -180 <= lon <= 180, f"{where}: coordinates out of range"
        if "part_of" in row:
            assert is_arabic_text(row["part_of"]), f"{where}: part_of {row['part_of']!r} is not Arabic"
        if row["kind"] == "Country":
            assert "country" in row and "geonames" in row, f"{where}: a country needs its code and geonames id"
    kinds = Counter(row["kind"] for row in rows)
    for kind in PLACE_KINDS:
        assert kinds[kind] >= 5, f"places: only {kinds[kind]} of kind {kind}"
    governorates = Counter(row.get("country") for row in rows if row["kind"] == "Governorate")
    for code, minimum in {"IQ": 18, "SY": 14, "YE": 21, "EG": 27, "SA": 13, "JO": 12, "LB": 8, "IR": 15}.items():
        assert governorates[code] >= minimum, f"places: {code} has only {governorates[code]} governorates"
    names = {norm(f) for row in rows for f in [row["ar"], *row["variants"]]}
    for place in ["محافظة الأنبار", "الأنبار", "غزة", "قطاع غزة", "الضفة الغربية", "القدس الشرقية", "رفح",
                  "إقليم كردستان", "الخليج العربي", "الشرق الأوسط", "البحر الأحمر", "مضيق هرمز", "باب المندب",
                  "الجولان", "سيناء", "شمال سوريا", "المنطقة الخضراء", "مطار بغداد الدولي", "المسجد الأقصى",
                  "قاعدة عين الأسد", "قاعدة حميميم", "ميناء الحديدة", "معبر رفح", "معبر باب الهوى"]:
        assert norm(place) in names, f"places: {place} is missing"


def test_place_coordinates_fall_in_the_region_of_their_country():
    """A coarse sanity box per country catches swapped or mistyped coordinates."""
    boxes = {"IQ": (29, 38, 38, 49), "SY": (32, 37.5, 35.5, 42.5), "LB": (33, 34.8, 35, 36.7),
             "PS": (31, 32.6, 34.2, 35.6), "IL": (29.4, 33.4, 34.2, 35.9), "JO": (29, 33.4, 34.9, 39.4),
             "EG": (22, 31.8, 24.6, 36), "SA": (16, 32.2, 34.4, 55.7), "YE": (12, 19, 42, 54),
             "IR": (25, 40, 44, 63.5), "TR": (35.8, 42.2, 25.6, 44.9), "AE": (22.5, 26.3, 51.5, 56.5),
             "LY": (19.5, 33.3, 9.3, 25.2), "SD": (8.6, 22.3, 21.8, 38.7), "QA": (24.4, 26.3, 50.7, 51.7),
             "KW": (28.5, 30.2, 46.5, 48.5), "BH": (25.7, 26.4, 50.3, 50.9), "OM": (16.6, 26.5, 51.8, 59.9)}
    for row in load_jsonl(PLACES):
        box = boxes.get(row.get("country"))
        if box and "lat" in row and row["kind"] not in {"Waterway", "Region"}:
            lat_lo, lat_hi, lon_lo, lon_hi = box
            assert lat_lo <= row["lat"] <= lat_hi and lon_lo <= row["lon"] <= lon_hi, \
                f"places: {row['ar']} ({row['lat']}, {row['lon']}) lies outside {row['country']}"


# --------------------------------------------------------------------------- word lists

def test_given_names():
    lines = (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
    names = [line for line in lines if line.strip() and not line.startswith("#")]
    assert len(names) >= 400, f"given_names.txt: only {len(names)} names"
    for n in names:
        assert is_arabic_text(n), f"given_names.txt: {n!r} is not clean Arabic text"
    dupes = [n for n, c in Counter(norm(n) for n in names).items() if c > 1]
    assert not dupes, f"given_names.txt: duplicates {dupes}"
    normed = {norm(n) for n in names}
    for n in ["محمد", "علي", "فاطمة", "زينب", "دونالد", "جو", "إيمانويل", "كريستوفر", "مايك", "أنتوني", "بنيامين",
              "رجب", "مسعود", "قاسم"]:
        assert norm(n) in normed, f"given_names.txt: {n} is missing"


def test_nationalities():
    rows = load_tsv("nationalities.tsv")
    assert len(rows) >= 200
    mapping: dict[str, tuple[str, str]] = {}
    for row in rows:
        assert len(row) == 3, f"nationalities.tsv: expected 3 columns in {row}"
        adjective, country, iso = row
        assert is_arabic_text(adjective) and is_arabic_text(country), f"nationalities.tsv: bad row {row}"
        assert ISO2.match(iso), f"nationalities.tsv: bad ISO code in {row}"
        key = norm(adjective)
        assert key not in mapping, f"nationalities.tsv: {adjective} listed twice"
        mapping[key] = (country, iso)
    isos = Counter(iso for _, iso in mapping.values())
    for code in ARAB_STATES | MAJOR:
        assert isos[code] >= 4, f"nationalities.tsv: {code} lacks its masculine/feminine forms"
    assert len(set(isos) - ARAB_STATES - MAJOR) >= 20, "nationalities.tsv: fewer than 20 further countries"
    for adjective, iso in {"العراقي": "IQ", "العراقية": "IQ", "عراقي": "IQ", "عراقية": "IQ", "الأمريكي": "US",
                           "الأميركي": "US", "الأمريكية": "US", "الأميركية": "US", "العراقيين": "IQ",
                           "الإيرانيين": "IR", "الأمريكيين": "US", "الأميركيين": "US", "الإسرائيلي": "IL",
                           "التركية": "TR", "السعودي": "SA", "الفلسطينيين": "PS"}.items():
        assert mapping.get(norm(adjective), ("", ""))[1] == iso, f"nationalities.tsv: {adjective} should map to {iso}"


@pytest.mark.parametrize("name, kinds, minimum, required", [
    ("person_titles.tsv", TITLE_KINDS, 120,
     ["الرئيس", "رئيس الوزراء", "رئيس الحكومة", "وزير الخارجية", "وزير الدفاع", "وزير الداخلية", "الملك", "الأمير",
      "ولي العهد", "السلطان", "الشيخ", "السيد", "الجنرال", "اللواء", "العميد", "العقيد", "الفريق", "المشير", "قائد",
      "زعيم", "الأمين العام", "المرشد الأعلى", "آية الله", "المتحدث باسم", "الناطق باسم", "السفير", "المبعوث الأممي",
      "القيادي", "النائب", "الباحث", "المحلل السياسي", "الخبير", "الدكتور", "الصحفي"]),
    ("org_heads.tsv", ORG_KINDS, 40,
     ["حزب", "حركة", "تحالف", "كتائب", "ميليشيا", "ميلشيا", "فيلق", "جيش", "وزارة", "هيئة", "منظمة", "مجلس", "قوات",
      "جبهة", "عصائب", "سرايا", "لواء", "جماعة", "تنظيم", "اتحاد", "رابطة", "جمعية", "مؤسسة", "شركة", "وكالة", "صحيفة",
      "قناة", "جامعة", "محكمة", "برلمان", "مكتب", "مديرية", "قيادة", "غرفة", "بنك", "مصرف", "صندوق"]),
    ("place_heads.tsv", PLACE_KINDS, 30,
     ["محافظة", "مدينة", "بلدة", "قرية", "منطقة", "إقليم", "ولاية", "مطار", "ميناء", "معبر", "منفذ", "قاعدة", "حي",
      "شارع", "ساحة", "جزيرة", "نهر", "بحر", "خليج", "مضيق", "مخيم", "سجن", "مستشفى"]),
])
def test_two_column_lists(name, kinds, minimum, required):
    rows = load_tsv(name)
    assert len(rows) >= minimum, f"{name}: only {len(rows)} lines"
    phrases = []
    for row in rows:
        # place heads may mark, in a third column, the heads a town's name follows
        assert len(row) == 2 or (name == "place_heads.tsv" and row[2:] == ["town"]), f"{name}: bad columns {row}"
        phrase, kind = row[:2]
        assert is_arabic_text(phrase), f"{name}: {phrase!r} is not clean Arabic text"
        assert kind in kinds, f"{name}: {phrase}: unknown kind {kind!r}"
        phrases.append(norm(phrase))
    dupes = [p for p, c in Counter(phrases).items() if c > 1]
    assert not dupes, f"{name}: duplicate phrases {dupes}"
    for phrase in required:
        assert norm(phrase) in phrases, f"{name}: {phrase} is missing"
