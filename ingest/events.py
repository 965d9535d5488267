"""Events and standing relations from sentences: the last stage of the pipeline.

For each sentence that is article text (not a "read also" line): the triggers of
data/triggers.tsv, each with its agent, patient and place found by the rules of
ingest/roles.py, its polarity and attribution (ingest/attribution.py), the quote a
statement carries and the date the sentence gives it; then the relations that titles,
appositions and place phrases state (ingest/relations.py)."""

from __future__ import annotations

from dataclasses import replace

from . import attribution, nominal, relations, roles
from .dates import find_dates
from .document import Document, Event, Relation
from .event_dates import date_tokens, give_dates
from .pending import RULE_CONFIDENCE, Discourse, Pending, Scope, inside, name, set_agent
from .roles import Arg, Roles, View
from .speech import attribute, clean_quote, denials_in_speech, find_speech, relays
from .subjects import candidates, joined, nearest, partitive_after, referent, sentence_initial, zero_subject
from .triggers import Trigger, find_triggers, lexicon, parse_preps


def extract(doc: Document) -> Document:
    doc.events, doc.relations = [], []
    views = []
    dates = find_dates(doc.text, doc.article.published)
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        view = roles.build_view(doc, sentence)
        view.dates = [replace(d, start=d.start - sentence.start, end=d.end - sentence.start) for d in dates
                      if sentence.start <= d.start and d.end <= sentence.end]
        view.date_tokens = date_tokens(view)
        blocked = {i for a in view.args for i in range(a.start, a.end)}
        view.triggers, view.lights = _find_triggers(view, blocked)
        relations.extend_over_titles(view)
        view.titles = relations.find_titles(view)
        relations.attach_titles(view, view.titles)
        views.append(view)
    people = relations.title_people(doc, [v.titles for v in views])
    for view in views:
        relations.resolve_titles(doc, view, view.titles, people)
    nominal.add_head_nouns(doc, views)
    found: list[Relation] = []
    for view in views:
        roles.govern(view)
        found += relations.title_relations(doc, view, view.titles)
        found += relations.place_relations(view)
    doc.relations = _dedupe_relations(found)
    state = Discourse()
    for view in views:
        doc.events.extend(sentence_events(view, state))
    return doc


def _find_triggers(view: View, blocked: set[int]) -> tuple[list[Trigger], list[Trigger]]:
    return find_triggers(view.norms, [t.text for t in view.tokens], blocked)


def _dedupe_relations(found: list[Relation]) -> list[Relation]:
    best: dict[tuple[str, str, str], Relation] = {}
    for rel in found:
        key = (rel.subject, rel.predicate, rel.object)
        if key not in best or rel.confidence > best[key].confidence:
            best[key] = rel
    return list(best.values())


def sentence_events(view: View, state: Discourse) -> list[Event]:
    lex = lexicon()
    pending: list[Pending] = []
    denial_scopes: list[tuple[int, int]] = []
    speech_scopes: list[Scope] = []
    view.speech = speech_scopes
    for trigger in view.triggers:
        if view.gram.match("impersonal", view.norms, trigger.start):
            continue  # "يذكر أن"، "يشار إلى أن": no one is speaking
        frame = lex.frame(trigger.cls)
        preps = {**frame.preps, **parse_preps(trigger.entry.option("preps"))}
        found = Roles()
        if trigger.entry.pos == "part":
            # "مؤكداً أن ..." has the subject of the clause it follows
            set_agent(found, nearest(view, trigger, pending), "zero")
            roles.objects(view, trigger, frame, preps, found, trigger.end)
        elif trigger.verbal:
            _verb_roles(view, trigger, frame, preps, found, pending, state)
        else:
            _masdar_roles(view, trigger, frame, preps, found, pending, state)
        roles.between(view, trigger, found)
        roles.place_near(view, trigger, found)
        if found.agent is not None and found.agent in (found.patient, found.location):
            found.patient = None if found.patient is found.agent else found.patient
            found.location = None if found.location is found.agent else found.location
        item = Pending(trigger, found, negated=attribution.negated(view, trigger))
        if any(start <= trigger.start < end for start, end in denial_scopes):
            item.negated = True
        if trigger.cls in ("Statement", "Denial", "Condemnation", "Accusation", "Threat", "Demand"):
            span = find_speech(view, trigger, found)
            if span is not None:
                item.quote_span = span
                item.quote = clean_quote(view.text(*span))
            elif trigger.entry.option("needs") == "complement":
                continue
        if attribution.irrealis(view, trigger) or _governed_by_threat(view, trigger):
            continue
        pending.append(item)
        pending.extend(_coordinated_participants(view, item))
        if item.quote_span and (found.agent is not None or found.explicit_subject):
            # an unnamed speaker's words are a quotation too: no one named in them is its speaker
            speech_scopes.append(Scope(*item.quote_span, name(view, found.agent) if found.agent else "",
                                       found.agent))
        if trigger.cls == "Denial" and item.quote_span:
            denial_scopes.append(item.quote_span)
        if trigger.cls == "Statement" and item.quote_span and found.agent is not None:
            pending.extend(denials_in_speech(view, item))
        if not inside(speech_scopes, trigger) and (found.agent is not None or found.explicit_subject):
            # an unnamed subject ("وقال مصدر") ends the last named one's turn
            state.agent, state.sentence = found.agent, view.sentence.index
            if trigger.cls == "Statement":
                state.speaker, state.speaker_sentence = found.agent, view.sentence.index
    sources = attribution.sources(view)
    pending.extend(relays(view, pending, sources))
    attribute(view, pending, speech_scopes, sources)
    give_dates(view, pending)
    return [_event(view, item) for item in pending if _has_participants(item)]


def _coordinated_participants(view: View, item: Pending) -> list[Pending]:
    """"زار تشاد والنيجر"، "التقى الرئيس ووزير خارجيته": one event for each of the
    coordinated patients or places."""
    out = []
    for role in ("patient", "location"):
        arg = getattr(item.roles, role)
        while arg is not None:
            nxt = next((a for a in view.free_args() if a.np_start in (arg.np_end, arg.np_end + 1)
                        and a.type == arg.type and a.key != arg.key and _and_before(view, a)), None)
            if nxt is None or nxt is item.roles.agent:
                break
            copy = replace(item, roles=replace(item.roles, **{role: nxt}))
            copy.roles.confidence = round(item.roles.confidence * 0.9, 2)
            out.append(copy)
            arg = nxt
    return out


def _and_before(view: View, arg: Arg) -> bool:
    """Whether the argument is joined to what precedes it by و."""
    return arg.clitic.startswith("و") or (arg.np_start > 0 and view.norms[arg.np_start - 1] == "و")


def _has_participants(item: Pending) -> bool:
    r = item.roles
    return any(x is not None for x in (r.agent, r.patient, r.location))


def _event(view: View, item: Pending) -> Event:
    r, trigger = item.roles, item.trigger
    start, end = view.char_span(trigger.start, trigger.end)
    rule = f"{trigger.entry.pos}:{r.rule or 'args'}"
    confidence = r.confidence if r.agent is not None else 0.5
    return Event(kind=trigger.cls, trigger_start=start, trigger_end=end, sentence=view.sentence.index,
                 agent=r.agent.key if r.agent else None, patient=r.patient.key if r.patient else None,
                 location=r.location.key if r.location else None, date=item.date, negated=item.negated,
                 reported_by=item.reported_by, quote=item.quote,
                 confidence=round(confidence, 2), rule=rule)


def _verb_roles(view: View, trigger: Trigger, frame, preps, found: Roles, pending: list[Pending],
                state: Discourse) -> None:
    shared = _coordinated(view, trigger, frame, pending)
    if shared is not None:
        set_agent(found, shared.roles.agent, "coordinated")
        found.explicit_subject = True
        roles.objects(view, trigger, frame, preps, found, trigger.end)
        return
    settled = False
    if roles.pronoun_subject(view, trigger):
        roles.objects(view, trigger, frame, preps, found, trigger.end)
        set_agent(found, zero_subject(view, trigger, pending, state), "zero")
        return
    if not trigger.pronoun:
        # "الذي التقى الكاظمي": the relative's antecedent is the subject; "وكان خامنئي قال":
        # a name right before the verb at the start of its clause is the subject
        settled = roles.subject_before(view, trigger, found)
        found.explicit_subject = settled
    if not settled:
        found.agent, found.rule = None, ""
        roles.subject_after(view, trigger, found)
        settled = found.agent is not None or found.explicit_subject
    start = found.subject_end if found.subject_end > trigger.end else trigger.end
    if found.agent is not None and found.rule != "vso":
        start = trigger.end
    roles.objects(view, trigger, frame, preps, found, start)
    if found.agent is not None and found.rule in ("vso", "svo") and (
            trigger.entry.option("subj") == "patient" or trigger.entry.pos == "passive"
            or (trigger.entry.option("passive") == "ambiguous" and found.agent.type == "PER"
                and found.patient is None)):
        found.patient, found.agent, found.rule = found.agent, None, "passive"
    if found.agent is None and not found.explicit_subject and not settled \
            and trigger.entry.option("passive") != "ambiguous":
        set_agent(found, zero_subject(view, trigger, pending, state), "zero")
        if found.agent is not None and not candidates(view, trigger, pending):
            found.rule, found.confidence = "discourse", RULE_CONFIDENCE["discourse"]
    if found.agent is None and not found.explicit_subject:
        set_agent(found, partitive_after(view, trigger), "partitive")


def _coordinated(view: View, trigger: Trigger, frame, pending: list[Pending]) -> Pending | None:
    """"زار واشنطن والتقى الرئيس أوباما": a transitive verb joined by و to the verb just
    before it shares that verb's subject, and the noun phrase after it is its object."""
    if (not joined(view, trigger) or not frame.object or sentence_initial(view, trigger)
            or trigger.entry.option("passive") == "ambiguous"):
        return None
    before = [p for p in pending if p.trigger.verbal and p.trigger.end <= trigger.start]
    if not before:
        return None
    last = before[-1]
    between = range(last.trigger.end, trigger.start)
    if trigger.start - last.trigger.end > roles.OBJECT_WINDOW or any(
            view.gram.is_("complementizer", view.norms[i]) or view.norms[i] in ("؛", ":") for i in between):
        return None
    return last


def _masdar_roles(view: View, trigger: Trigger, frame, preps, found: Roles, pending: list[Pending],
                  state: Discourse) -> None:
    gen_role = trigger.entry.option("gen") or frame.genitive
    start = trigger.end
    gen = roles.genitive(view, trigger)
    if gen is not None and gen_role:
        later_l = any(a.prep == "ل" and gen.np_end < a.np_start < roles.boundary(view, gen.np_end)
                      and roles.fits("patient", a, frame.patient_types) for a in view.free_args())
        if gen_role == "patient" and later_l and roles.fits("agent", gen):
            gen_role = "agent"
        if roles.place(found, gen, (gen_role,), frame):
            found.rule, found.confidence = "genitive", RULE_CONFIDENCE["genitive"]
        start = gen.np_end
    if trigger.pronoun in ("ه", "ها") and gen_role in ("agent", "patient"):
        refers_to = referent(view, trigger, pending, feature="f" if trigger.pronoun == "ها" else "m")
        if refers_to is not None and roles.place(found, refers_to, (gen_role,), frame):
            found.rule, found.confidence = "pronoun", RULE_CONFIDENCE["pronoun"]
    relative = roles.after_relative_light(view, trigger)
    if relative is not None:
        subject_start, _ = relative
        arg = view.arg_at(subject_start)
        if arg is not None and arg.prep == "":
            set_agent(found, arg, "relative-light")
            start = arg.np_end
        else:
            start = subject_start
    light = _light_verb(view, trigger)
    if light is not None and found.agent is None:
        sub = Roles()
        roles.subject_after(view, light, sub)
        if sub.agent is None and not sub.explicit_subject and not roles.subject_before(view, light, sub):
            set_agent(sub, zero_subject(view, light, pending, state), "zero")
        if sub.agent is None and not sub.explicit_subject:
            set_agent(sub, partitive_after(view, trigger), "partitive")
        if sub.agent is not None:
            if trigger.entry.option("subj") == "patient":
                roles.place(found, sub.agent, ("patient",), frame)
            else:
                set_agent(found, sub.agent, "light" if sub.rule in ("vso", "svo", "relative") else sub.rule)
    roles.objects(view, trigger, frame, preps, found, start)


def _light_verb(view: View, trigger: Trigger) -> Trigger | None:
    """The light verb whose object the masdar is: before it, with at most its subject and a
    few words between (قامت الوزيرة بزيارة؛ تجري موغيريني، منسقة السياسة، اليوم محادثات)."""
    for light in reversed(view.lights):
        if light.end > trigger.start:
            continue
        probe = Roles()
        roles.subject_after(view, light, probe)
        after = max(light.end, probe.subject_end)
        if trigger.start - after > roles.LIGHT_VERB_GAP:
            return None
        between = range(light.end, trigger.start)
        if any(t.start in between for t in view.triggers) or any(
                view.gram.is_("complementizer", view.norms[i]) for i in between):
            return None
        return light
    return None


def _governed_by_threat(view: View, trigger: Trigger) -> bool:
    """"هدد باستهداف القاعدة": the attack is only threatened."""
    if trigger.verbal:
        return False
    return any(t.cls in ("Threat", "Demand") and 0 <= trigger.start - t.end <= 2 for t in view.triggers)
