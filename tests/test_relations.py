"""Standing relations from titles, appositions and place phrases, on sentences written for
these tests and run through the real pipeline."""

from __future__ import annotations

import pytest

from khabar.ingest.document import Document


def triples(doc: Document) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name) of every relation."""
    names = {k: e.name for k, e in doc.entities.items()}
    return {(names[r.subject], r.predicate, names[r.object]) for r in doc.relations}


def has(doc: Document, subject: str, predicate: str, obj: str) -> bool:
    """Whether a relation ties an entity whose name holds `subject` to one whose name holds `obj`."""
    return any(subject in s and p == predicate and obj in o for s, p, o in triples(doc))


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("وصل هادي العامري، زعيم منظمة بدر، إلى بغداد.", "العامري", "leads", "منظمة بدر"),
    ("وقال أحمد الأسدي، القيادي في هيئة الحشد الشعبي، إن الحشد باق.", "الأسدي", "memberOf", "الحشد الشعبي"),
    ("وقال زعيم التيار الصدري مقتدى الصدر إن الانتخابات ستجري.", "الصدر", "leads", "التيار الصدري"),
    ("وأكد المتحدث باسم هيئة الحشد الشعبي، أحمد الأسدي، أن القوات جاهزة.", "الأسدي", "spokespersonFor",
     "الحشد الشعبي"),
    ("والتقى فالح الفياض، رئيس هيئة الحشد الشعبي، مسؤولين في أربيل.", "الفياض", "leads", "الحشد الشعبي"),
])
def test_title_next_to_a_name_relates_the_person_to_the_organisation(run, text, subject, predicate, obj):
    doc = run(text)
    assert has(doc, subject, predicate, obj), triples(doc)


def test_former_title_still_names_who_led_it(run):
    doc = run("وكان نوري المالكي، الرئيس السابق لائتلاف دولة القانون، قد زار طهران.")
    assert has(doc, "المالكي", "leads", "دولة القانون"), triples(doc)


@pytest.mark.parametrize("text, subject, predicate, country", [
    ("وصل وزير الخارجية القطري خالد العطية إلى بغداد.", "العطية", "holdsPosition", "قطر"),
    ("واستقبل الرئيس العراقي برهم صالح وفدا تركيا.", "برهم صالح", "holdsPosition", "العراق"),
    ("وقال الباحث العراقي هشام الهاشمي إن الفصائل منقسمة.", "الهاشمي", "citizenOf", "العراق"),
])
def test_nationality_adjective_names_the_country(run, text, subject, predicate, country):
    doc = run(text)
    assert has(doc, subject, predicate, country), triples(doc)
    country_entity = next(e for e in doc.entities.values() if e.name == country)
    assert country_entity.type == "LOC" and country_entity.kind == "Country"


def test_country_named_only_by_its_adjective_becomes_an_entity(run):
    doc = run("وصل وزير الخارجية القطري خالد العطية إلى بغداد.")
    assert any(e.name == "قطر" for e in doc.entities.values())
    assert not any("قطر" in m.text for m in doc.mentions)


@pytest.mark.parametrize("text, inner, outer", [
    ("وقصفت الطائرات مطار الموصل، الواقع في محافظة نينوى، فجر اليوم.", "الموصل", "نينوى"),
    ("وانفجرت عبوة في مدينة الرمادي غرب العراق.", "الرمادي", "العراق"),
    ("ووقع الهجوم في الفلوجة، التي يقطنها آلاف النازحين، غرب العراق.", "الفلوجة", "العراق"),
    ("وتجمع المحتجون في ساحة التحرير وسط بغداد.", "التحرير", "بغداد"),
])
def test_place_phrases_give_located_in(run, text, inner, outer):
    doc = run(text)
    assert has(doc, inner, "locatedIn", outer), triples(doc)


def test_a_bearing_between_two_cities_is_no_containment(run):
    doc = run("ووقع الهجوم في الفلوجة شرق الرمادي.")
    assert not has(doc, "الفلوجة", "locatedIn", "الرمادي"), triples(doc)


def test_a_list_of_places_is_no_containment(run):
    doc = run("وتواصلت الاشتباكات في الرمادي والفلوجة ومحافظة نينوى.")
    assert not any(p == "locatedIn" for _, p, _ in triples(doc)), triples(doc)


def test_a_country_lies_in_nothing(run):
    doc = run("وانتشرت القوات في العراق شمال الخليج.")
    assert not any(p == "locatedIn" and s == "العراق" for s, p, _ in triples(doc))


def test_place_that_a_group_controls(run):
    doc = run("وفر السكان من الموصل التي يسيطر عليها تنظيم داعش منذ عام.")
    assert has(doc, "الدولة الإسلامية", "controls", "الموصل") or has(doc, "داعش", "controls", "الموصل"), \
        triples(doc)


def test_group_subordinate_to_another(run):
    doc = run("وهاجمت كتائب حزب الله التابعة لهيئة الحشد الشعبي مواقع المسلحين.")
    assert has(doc, "كتائب حزب الله", "partOf", "الحشد الشعبي"), triples(doc)


def test_group_led_by_a_person_named_after_a_cue(run):
    doc = run("وأعلن تحالف الفتح بزعامة هادي العامري انسحابه من المفاوضات.")
    assert has(doc, "العامري", "leads", "الفتح"), triples(doc)


def test_title_right_after_a_subject_is_the_verbs_object_not_an_apposition(run):
    doc = run("واستقبل مسعود بارزاني وزير الخارجية التركي في أربيل.")
    assert not any("بارزاني" in s for s, _, _ in triples(doc)), triples(doc)


def test_title_standing_alone_refers_to_the_person_it_introduced(run):
    doc = run("وقال زعيم منظمة بدر، هادي العامري، إن الحوار مستمر. وأضاف زعيم منظمة بدر أن الانسحاب مرفوض.")
    statements = [e for e in doc.events if e.kind == "Statement"]
    assert len(statements) == 2
    assert {doc.entities[e.agent].name for e in statements} == {"هادي العامري"}
    person = doc.entities[statements[0].agent]
    assert any("زعيم منظمة بدر" in title for title in person.titles)


def test_bare_title_refers_to_the_one_person_introduced_with_it(run):
    doc = run("وصل وزير الخارجية القطري خالد العطية إلى أربيل. وقال الوزير إن الزيارة تأتي لتعزيز العلاقات.")
    statement = next(e for e in doc.events if e.kind == "Statement")
    assert doc.entities[statement.agent].name == "خالد العطية"


def test_a_title_two_people_held_stands_for_neither(run):
    doc = run("وقال وزير الخارجية العراقي فؤاد حسين إن الزيارة ناجحة. وكان وزير الخارجية العراقي هوشيار "
              "زيباري قد زار أنقرة. وأكد وزير الخارجية العراقي أن العلاقات جيدة.")
    assert has(doc, "فؤاد حسين", "holdsPosition", "العراق") and has(doc, "زيباري", "holdsPosition", "العراق")
    assert not [e for e in doc.events if e.sentence == 2 and e.agent is not None]


def test_relations_carry_sentence_confidence_and_rule(run):
    doc = run("وصل هادي العامري، زعيم منظمة بدر، إلى بغداد.")
    assert doc.relations
    for relation in doc.relations:
        assert relation.sentence == 0
        assert 0 < relation.confidence <= 1
        assert relation.rule


def test_read_also_lines_give_no_relations(run):
    doc = run("اقرأ أيضاً: هادي العامري، زعيم منظمة بدر، يزور طهران\n\nوقال مصدر إن الوضع هادئ.")
    assert doc.relations == []
