"""Events from sentences written for these tests, run through the real pipeline.

Each test is one shape of Arabic news grammar: verb-subject-object, subject-verb, a masdar
with its genitive, a relative clause, a passive with "من قبل", a light verb, reported speech,
negation, attribution and each form of date. The article is dated Tuesday 24 November 2020."""

from __future__ import annotations

import pytest

from khabar.ingest.document import Document, Event


def name(doc: Document, key: str | None) -> str:
    return doc.entities[key].name if key else ""


def find(doc: Document, kind: str) -> list[Event]:
    return [e for e in doc.events if e.kind == kind]


def one(doc: Document, kind: str) -> Event:
    found = find(doc, kind)
    assert len(found) == 1, f"expected one {kind}, got {[(e.kind, e.agent, e.rule) for e in doc.events]}"
    return found[0]


# --- argument shapes -------------------------------------------------------------------------


def test_verb_subject_object_with_a_titled_subject(run):
    doc = run("زار وزير الخارجية العراقي فؤاد حسين أمس طهران.")
    visit = one(doc, "Visit")
    assert "فؤاد حسين" in name(doc, visit.agent)
    assert name(doc, visit.location) == "طهران"
    assert visit.date == "2020-11-23"
    assert doc.text[visit.trigger_start : visit.trigger_end] == "زار"


def test_subject_before_the_verb_after_a_complementizer(run):
    doc = run("وأعلنت الحكومة أن هادي العامري سيزور أربيل الأسبوع المقبل.")
    visit = one(doc, "Visit")
    assert "العامري" in name(doc, visit.agent)
    assert name(doc, visit.location) == "أربيل"


def test_masdar_takes_its_genitive_as_agent(run):
    doc = run("وتأتي زيارة مقتدى الصدر إلى دمشق في ظروف صعبة.")
    visit = one(doc, "Visit")
    assert "الصدر" in name(doc, visit.agent)
    assert name(doc, visit.location) == "دمشق"
    assert visit.rule.startswith("masdar")


def test_masdar_of_killing_takes_its_genitive_as_patient(run):
    doc = run("وجاء ذلك بعد أيام من اغتيال هشام الهاشمي في بغداد.")
    killing = one(doc, "Killing")
    assert killing.agent is None
    assert "الهاشمي" in name(doc, killing.patient)
    assert name(doc, killing.location) == "بغداد"


def test_relative_clause_subject_is_the_antecedent(run):
    doc = run("وكشف مصدر أن نوري المالكي الذي التقى مسعود بارزاني في أربيل عاد إلى بغداد.")
    meeting = one(doc, "Meeting")
    assert "المالكي" in name(doc, meeting.agent)
    assert "بارزاني" in name(doc, meeting.patient)
    assert name(doc, meeting.location) == "أربيل"


def test_passive_with_an_agent_after_min_qibal(run):
    doc = run("واعتقل ناشط بارز من قبل سرايا السلام في البصرة.")
    arrest = one(doc, "Arrest")
    assert name(doc, arrest.agent) == "سرايا السلام"
    assert name(doc, arrest.location) == "البصرة"


def test_light_verb_gives_the_masdar_its_subject(run):
    doc = run("وقام رئيس الوزراء حيدر العبادي بزيارة مفاجئة إلى الموصل.")
    visit = one(doc, "Visit")
    assert "العبادي" in name(doc, visit.agent)
    assert name(doc, visit.location) == "الموصل"


def test_relative_clause_with_a_light_verb_after_the_masdar(run):
    doc = run("وأثارت الزيارة التي قام بها عمار الحكيم إلى طهران جدلا واسعا.")
    visit = one(doc, "Visit")
    assert "الحكيم" in name(doc, visit.agent)
    assert name(doc, visit.location) == "طهران"


@pytest.mark.parametrize("text, kind", [
    ("وقالت هيئة الحشد الشعبي إن قواتها مستعدة.", "Statement"),
    ("فأعلن هادي العامري أن التحالف باق.", "Statement"),
    ("وبينما دان قيس الخزعلي الهجوم، التزمت الحكومة الصمت.", "Condemnation"),
    ("واستقبل مسعود بارزاني في أربيل هوشيار زيباري.", "Meeting"),
])
def test_clitic_prefixed_triggers(run, text, kind):
    doc = run(text)
    event = one(doc, kind)
    assert event.agent is not None


def test_coordinated_verb_shares_the_subject_and_takes_an_object(run):
    doc = run("زار مسعود بارزاني بغداد والتقى مصطفى الكاظمي.")
    meeting = one(doc, "Meeting")
    assert "بارزاني" in name(doc, meeting.agent)
    assert "الكاظمي" in name(doc, meeting.patient)


def test_each_coordinated_participant_gets_its_event(run):
    doc = run("والتقى مسعود بارزاني مقتدى الصدر وعمار الحكيم في النجف.")
    met = sorted(name(doc, e.patient) for e in find(doc, "Meeting"))
    assert met == ["عمار الحكيم", "مقتدى الصدر"]


def test_a_place_after_the_verb_is_the_visit_destination_not_its_agent(run):
    doc = run("وزار دمشق وفد برئاسة هادي العامري.")
    visit = one(doc, "Visit")
    assert name(doc, visit.location) == "دمشق"
    assert "العامري" in name(doc, visit.agent)


def test_group_named_among_the_subject_acts(run):
    doc = run("وأدانت دول عدة، من بينها تركيا، الهجوم على السفارة.")
    condemnation = one(doc, "Condemnation")
    assert name(doc, condemnation.agent) == "تركيا"


def test_member_of_a_group_makes_the_group_the_agent(run):
    doc = run("واستهدف مسلحو جبهة النصرة مواقع في ريف دمشق.")
    attack = one(doc, "Attack")
    assert name(doc, attack.agent) == "جبهة النصرة"


# --- reported speech -------------------------------------------------------------------------


def test_statement_keeps_speaker_and_quote(run):
    doc = run('قال هادي العامري إن "الفصائل لن تنسحب من المدن".')
    statement = one(doc, "Statement")
    assert "العامري" in name(doc, statement.agent)
    assert "الفصائل لن تنسحب من المدن" in statement.quote


def test_pronoun_subject_verb_takes_the_last_speaker(run):
    doc = run("وقال مقتدى الصدر إن الحكومة ضعيفة. وأضاف: «على الجميع التحرك الآن».")
    statements = find(doc, "Statement")
    assert len(statements) == 2
    assert statements[1].agent == statements[0].agent
    assert "الصدر" in name(doc, statements[1].agent)
    assert "على الجميع التحرك الآن" in statements[1].quote


def test_an_unnamed_speaker_is_not_replaced_by_the_last_named_one(run):
    doc = run("وقال مقتدى الصدر إن الحكومة ضعيفة. وقال مصدر مطلع إن الاجتماع تأجل. وأضاف أن الموعد لم يحدد.")
    statements = find(doc, "Statement")
    assert len(statements) == 1  # the unnamed source's two statements have no entity agent
    assert "الصدر" in name(doc, statements[0].agent)


def test_participle_takes_the_clause_subject(run):
    doc = run("وأكد عمار الحكيم أن الحوار مستمر، مشيرا إلى أن الخلافات تراجعت.")
    statements = find(doc, "Statement")
    assert len(statements) == 2
    assert all("الحكيم" in name(doc, s.agent) for s in statements)


def test_speaker_of_a_verb_with_no_subject_is_the_sentence_subject(run):
    doc = run("ودان قيس الخزعلي الهجوم على المطار، وقال إن الرد سيكون قاسيا.")
    statement = one(doc, "Statement")
    assert "الخزعلي" in name(doc, statement.agent)


def test_pronoun_carrier_makes_the_noun_after_the_verb_its_object(run):
    doc = run("ودان قيس الخزعلي الهجوم، لكنه، من جهة أخرى، انتقد الحكومة العراقية.")
    criticism = [e for e in find(doc, "Condemnation") if e.patient]
    assert len(criticism) == 1
    assert "الخزعلي" in name(doc, criticism[0].agent)
    assert name(doc, criticism[0].patient) == "الحكومة العراقية"


def test_an_organisation_named_again_by_its_head_noun(run):
    doc = run("ورفضت حركة حماس المبادرة المصرية. وقالت الحركة في بيان إن الحصار يجب أن ينتهي.")
    statement = one(doc, "Statement")
    assert "حماس" in name(doc, statement.agent)


def test_a_head_noun_two_organisations_share_stands_for_neither(run):
    doc = run("والتقى ممثلو حركة حماس وحركة الجهاد الإسلامي في القاهرة. وقالت الحركة إن اللقاء كان مثمرا.")
    assert all(e.agent is None or e.kind != "Statement" for e in doc.events)


def test_impersonal_reporting_phrase_has_no_speaker(run):
    doc = run("وقال هادي العامري إن الوضع مستقر. ويذكر أن التحالف تأسس قبل سنوات.")
    assert [e.sentence for e in find(doc, "Statement")] == [0]


# --- polarity --------------------------------------------------------------------------------


def test_negated_visit_is_marked_and_never_the_positive_fact(run):
    doc = run("ولم يزر بشار الأسد طهران منذ سنوات.")
    visit = one(doc, "Visit")
    assert visit.negated
    from khabar.graph.iris import Iris
    from khabar.graph.triples import document_quads

    predicates = {q.predicate.value.rsplit("#", 1)[-1] for q in document_quads(doc, Iris())}
    assert "visited" not in predicates


def test_denial_verb_gives_a_denial_by_the_denier_and_negates_what_is_denied(run):
    doc = run("ونفى قيس الخزعلي أن يكون قد التقى نوري المالكي في بغداد.")
    denial = one(doc, "Denial")
    assert "الخزعلي" in name(doc, denial.agent)
    meeting = one(doc, "Meeting")
    assert meeting.negated


def test_not_responsible_in_a_statement_is_a_denial_by_the_speaker(run):
    doc = run('وقال هادي العامري إن منظمة بدر "غير مسؤولة" عن قصف المطار.')
    denial = one(doc, "Denial")
    assert "العامري" in name(doc, denial.agent)
    assert not denial.negated


def test_future_negation_with_lan(run):
    doc = run("وأكدت الحكومة أن الولايات المتحدة لن تنسحب من العراق.")
    withdrawal = one(doc, "Withdrawal")
    assert withdrawal.negated
    assert name(doc, withdrawal.agent) == "الولايات المتحدة"


def test_attempted_killing_is_not_reported_as_a_killing(run):
    doc = run("ونجا نوري المالكي من محاولة اغتيال في بغداد.")
    assert find(doc, "Killing") == []


# --- attribution -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, source", [
    ("وبحسب مراقبين، زار مقتدى الصدر طهران سرا.", "مراقبين"),
    ("ووفق مصادر مطلعة، التقى هادي العامري مسعود بارزاني.", "مصادر مطلعة"),
])
def test_attributed_claim_keeps_its_source(run, text, source):
    doc = run(text)
    assert doc.events
    assert all(e.reported_by == source for e in doc.events)


def test_relayed_speech_has_the_speaker_as_agent_and_the_relay_as_source(run):
    doc = run("ونقلت وكالة الأنباء العراقية عن فالح الفياض قوله إن الحشد سيبقى.")
    statement = one(doc, "Statement")
    assert "الفياض" in name(doc, statement.agent)
    assert "وكالة الأنباء العراقية" in statement.reported_by
    assert "الحشد سيبقى" in statement.quote


def test_events_in_a_speakers_words_are_reported_by_the_speaker(run):
    doc = run("وأوضح مقتدى الصدر أن هادي العامري زار طهران.")
    visit = one(doc, "Visit")
    assert "الصدر" in visit.reported_by


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, date", [
    ("زار مقتدى الصدر طهران في 15 كانون الثاني (يناير) 2021.", "2021-01-15"),
    ("زار مقتدى الصدر طهران الثلاثاء الماضي.", "2020-11-17"),
    ("زار مقتدى الصدر طهران أول من أمس.", "2020-11-22"),
    ("زار مقتدى الصدر طهران مطلع العام الحالي.", "2020-01"),
    ("زار مقتدى الصدر طهران في حزيران (يونيو) الماضي.", "2020-06"),
    ("زار مقتدى الصدر طهران اليوم.", "2020-11-24"),
    ("زار مقتدى الصدر طهران.", None),
])
def test_each_date_form(run, text, date):
    doc = run(text)
    assert one(doc, "Visit").date == date


def test_each_event_takes_the_date_nearest_after_its_own_trigger(run):
    doc = run("وقال مقتدى الصدر أمس إن هادي العامري زار طهران في حزيران (يونيو) الماضي.")
    assert one(doc, "Statement").date == "2020-11-23"
    assert one(doc, "Visit").date == "2020-06"


def test_a_date_in_another_sentence_is_not_the_events_date(run):
    doc = run("عقد البرلمان جلسته أمس. وزار مقتدى الصدر طهران.")
    assert one(doc, "Visit").date is None


# --- what gives nothing ----------------------------------------------------------------------


def test_read_also_lines_give_no_events(run):
    doc = run("اقرأ أيضاً: زار مقتدى الصدر طهران والتقى مسؤولين\n\nوقال هادي العامري إن الوضع هادئ.")
    assert [e.kind for e in doc.events] == ["Statement"]
    assert all(doc.sentences[e.sentence].boilerplate is False for e in doc.events)


def test_events_carry_sentence_offsets_confidence_and_rule(run):
    doc = run("قال هادي العامري إن الوضع هادئ. وزار مقتدى الصدر طهران.")
    for event in doc.events:
        sentence = doc.sentences[event.sentence]
        assert sentence.start <= event.trigger_start < event.trigger_end <= sentence.end
        assert 0 < event.confidence <= 1
        assert event.rule
