"""The default offline recognizer and in-article coreference, on sentences written for
these tests and run through the real pipeline."""

from __future__ import annotations

import pytest

from khabar.ingest.document import Document, Mention


def found(doc: Document) -> list[tuple[str, str]]:
    """(text, type) of each mention, in reading order."""
    return [(doc.text[m.start : m.end], m.type) for m in doc.mentions]


def mention(doc: Document, text: str) -> Mention:
    hits = [m for m in doc.mentions if doc.text[m.start : m.end] == text]
    assert hits, f"no mention {text!r} in {found(doc)}"
    return hits[0]


@pytest.mark.parametrize("word", ["وبغداد", "لبغداد", "فبغداد", "ببغداد"])
def test_proclitics_are_split_off_and_the_span_is_the_name(run, word):
    doc = run(f"وصل الوفد أمس {word} في زيارة رسمية.")
    city = mention(doc, "بغداد")
    assert city.type == "LOC"
    assert city.entity == "wd:Q1530"
    assert doc.text[city.start - len(word) + len("بغداد") : city.start] == word[: -len("بغداد")]


@pytest.mark.parametrize("word", ["بالعراق", "والعراق", "للعراق"])
def test_clitics_fused_with_the_article_still_find_the_country(run, word):
    doc = run(f"تحدث الوزير {word} عن الانتخابات.")
    assert [m.entity for m in doc.mentions if m.type == "LOC"] == ["wd:Q796"]


def test_hamza_and_alef_variants_denote_one_entity(run):
    doc = run("زار الوفد ايران ثم عاد إلى إيران مرة أخرى.")
    places = [m for m in doc.mentions if m.type == "LOC"]
    assert len(places) == 2 and {m.entity for m in places} == {"wd:Q794"}
    assert len(doc.entities) == 1


def test_longest_match_keeps_a_nested_name_inside_its_group(run):
    doc = run("أعلنت كتائب حزب الله مسؤوليتها عن الهجوم، ونفى حزب الله أي علاقة به.")
    assert found(doc) == [("كتائب حزب الله", "ORG"), ("حزب الله", "ORG")]
    first, second = doc.mentions
    assert first.entity != second.entity
    assert second.entity == "wd:Q41053"


def test_a_rank_before_one_unknown_word_makes_it_a_person(run):
    doc = run("وصل الجنرال طهماسبي إلى بغداد أمس.")
    assert ("طهماسبي", "PER") in found(doc)
    assert mention(doc, "طهماسبي").rule == "pattern:title"


def test_a_role_title_before_an_unknown_full_name(run):
    doc = run("وقال الباحث ضرغام الفتلاوي إن الوفد وصل.")
    assert found(doc) == [("ضرغام الفتلاوي", "PER")]


def test_a_title_ends_the_organisation_it_follows(run):
    doc = run("وقال المتحدث باسم الجيش العميد يحيى رسول إن القوات جاهزة.")
    assert ("يحيى رسول", "PER") in found(doc)
    assert not any("العميد" in text for text, kind in found(doc) if kind == "ORG")


def test_given_name_and_family_name_make_a_person(run):
    doc = run("وقال مهند الزيدي إن الوفد العراقي وصل.")
    assert found(doc) == [("مهند الزيدي", "PER")]


def test_family_name_alone_is_the_person_the_article_named_not_a_listed_namesake(run):
    doc = run("وقال مهند الزيدي إن الوفد وصل. وأكد الزيدي أن المباحثات مستمرة.")
    full, short = (m for m in doc.mentions if m.type == "PER")
    assert short.entity == full.entity
    assert doc.entities[full.entity].name == "مهند الزيدي"


def test_family_name_alone_after_the_full_name_is_the_same_person(run):
    doc = run("وقال الباحث ضرغام الفتلاوي إن الوفد وصل. وأضاف الفتلاوي أن المباحثات مستمرة.")
    people = [m for m in doc.mentions if m.type == "PER"]
    assert [doc.text[m.start : m.end] for m in people] == ["ضرغام الفتلاوي", "الفتلاوي"]
    assert people[0].entity == people[1].entity
    assert people[1].rule == "coref:short-form"


def test_a_listed_person_named_by_family_name_alone(run):
    doc = run("التقى رئيس الوزراء العراقي مصطفى الكاظمي الوفد، وقال الكاظمي إن الزيارة مهمة.")
    people = [m for m in doc.mentions if m.type == "PER"]
    assert len(people) == 2 and people[0].entity == people[1].entity
    assert len([e for e in doc.entities.values() if e.type == "PER"]) == 1


def test_quoted_name_after_an_organisation_head(run):
    doc = run("وأعلن تحالف «النهضة الجديدة» مشاركته في الانتخابات.")
    assert found(doc) == [("تحالف «النهضة الجديدة»", "ORG")]


def test_nationality_adjectives_are_attributes_not_entities(run):
    doc = run("وصل الوفد العراقي والمسؤولون الأمريكيون إلى الاجتماع.")
    assert found(doc) == []


def test_a_town_is_named_by_its_head_word_and_linked_to_geonames(run):
    doc = run("وقعت الحادثة في مدينة تشاتانوغا مساء أمس.")
    town = mention(doc, "تشاتانوغا")
    assert town.type == "LOC" and town.entity == "gn:4612862"
    assert doc.entities[town.entity].geonames == 4612862


def test_a_small_towns_name_alone_is_not_a_place(run):
    doc = run("وقال إن تشاتانوغا أمس.")
    assert found(doc) == []


def test_each_mention_keeps_its_span_type_score_and_rule(run):
    doc = run("وصل الجنرال طهماسبي إلى بغداد أمس.")
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
        assert m.type in ("PER", "ORG", "LOC")
        assert 0 < m.score <= 1
        assert m.rule.split(":")[0] in ("list", "pattern", "coref")
        assert m.entity in doc.entities


def test_a_name_opening_with_abd_is_a_full_name_and_its_family_name_follows_it(run):
    doc = run("وقال عبد الكريم الزيدي إن الوفد وصل، وأكد الزيدي ذلك.")
    people = [m for m in doc.mentions if m.type == "PER"]
    assert [doc.text[m.start : m.end] for m in people] == ["عبد الكريم الزيدي", "الزيدي"]
    assert people[0].entity == people[1].entity == "PER:عبد الكريم الزيدي"
