"""The trainable tagger: BIO reading, training, saving, loading, tagging, and the CLI."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.ingest.document import ENTITY_TYPES
from khabar.ingest.ner import bio, crf
from khabar.ingest.text import from_tokens

PEOPLE = ["سمير خليل", "رامي ناصر", "كريم داود", "فادي سليمان", "هاني منصور", "وليد عيسى", "طارق حبيب",
          "نبيل شاكر", "ماهر يونس"]
PLACES = ["طرابلس", "حلب", "صيدا", "إربد", "سوسة", "أسوان", "زغوان", "نابلس", "مأرب"]
ORGS = ["منظمة التعاون الزراعي", "شركة النور للطاقة", "اتحاد العمال العرب", "هيئة المياه الوطنية",
        "مؤسسة الفجر", "جمعية الهلال الأخضر"]
# Each template: words, with {PER}/{LOC}/{ORG} slots.
TEMPLATES = [
    "زار {PER} مدينة {LOC} أمس .",
    "وقال {PER} إن {ORG} ستعقد اجتماعا في {LOC} .",
    "أعلنت {ORG} أن وفدا سيصل إلى {LOC} غدا .",
    "والتقى {PER} في {LOC} ممثلين عن {ORG} .",
]


def sentence(template: str, fill: dict[str, str]) -> list[tuple[str, str]]:
    rows = []
    for word in template.split():
        if word.startswith("{"):
            kind = word.strip("{}")
            tag = "PERS" if kind == "PER" else kind  # ANERcorp's spelling, which training maps
            rows += [(w, ("B-" if i == 0 else "I-") + tag) for i, w in enumerate(fill[kind].split())]
        else:
            rows.append((word, "O"))
    return rows


def write_conll(path: Path, sentences: list[list[tuple[str, str]]]) -> Path:
    path.write_text("".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in sentences), encoding="utf-8")
    return path


def corpus() -> list[list[tuple[str, str]]]:
    people, places, orgs = itertools.cycle(PEOPLE), itertools.cycle(PLACES), itertools.cycle(ORGS)
    out = []
    for _ in range(9):
        for template in TEMPLATES:
            out.append(sentence(template, {"PER": next(people), "LOC": next(places), "ORG": next(orgs)}))
    # a MISC tag, which the tagger must never emit
    out.append([("بطولة", "B-MISC"), ("الكأس", "I-MISC"), ("انتهت", "O"), (".", "O")])
    return out


HELD_OUT = sentence(TEMPLATES[0], {"PER": "جميل حداد", "LOC": "زحلة"})


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crf")
    summary = crf.train(write_conll(folder / "train.conll", corpus()), folder / "model")
    assert "trained on 37 sentences" in summary
    return folder / "model"


def test_read_corpus_maps_types_and_drops_misc(tmp_path):
    path = write_conll(tmp_path / "c.conll", corpus())
    sentences = crf.read_corpus(path)
    tags = {t for _, ts in sentences for t in ts}
    assert tags == {"O", "B-PER", "I-PER", "B-LOC", "B-ORG", "I-ORG"}
    assert {t for _, ts in crf.read_corpus(path, keep_other=True) for t in ts} >= {"B-MISC", "I-MISC"}


def test_bio_spans_read_stray_inside_tags_as_new_spans():
    assert bio.spans(["B-PERS", "I-PERS", "O", "I-LOC", "I-ORG", "B-GPE"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "LOC")]
    assert bio.canonical("weird") == "O"


def test_model_folder_holds_weights_and_settings(model):
    settings = json.loads((model / crf.SETTINGS_FILE).read_text(encoding="utf-8"))
    assert settings["format"] == crf.FORMAT and settings["rule_features"] is True
    assert set(settings["labels"]) == {"O", "B-PER", "I-PER", "B-LOC", "B-ORG", "I-ORG"}
    assert (model / crf.FIRST_FILE).stat().st_size > 0 and (model / crf.SECOND_FILE).stat().st_size > 0


def test_model_generalises_to_unseen_names_in_a_known_shape(model):
    doc = from_tokens([[w for w, _ in HELD_OUT]])
    crf.CrfRecognizer(model)(doc)
    found = {(m.text, m.type) for m in doc.mentions}
    assert ("جميل حداد", "PER") in found
    assert ("زحلة", "LOC") in found
    for m in doc.mentions:
        assert m.rule == "crf" and m.type in ENTITY_TYPES and 0 < m.score <= 1
        assert doc.text[m.start : m.end] == m.text
        assert (doc.tokens[m.token_start].start, doc.tokens[m.token_end - 1].end) == (m.start, m.end)


def test_boilerplate_sentences_are_skipped(model):
    doc = from_tokens([[w for w, _ in HELD_OUT], [w for w, _ in HELD_OUT]])
    doc.sentences[1].boilerplate = True
    crf.CrfRecognizer(model)(doc)
    assert doc.mentions and all(m.sentence == 0 for m in doc.mentions)


def test_a_folder_that_is_not_a_model_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a tagger model"):
        crf.CrfRecognizer(tmp_path)


def test_a_corpus_without_entity_tags_is_refused(tmp_path):
    path = write_conll(tmp_path / "plain.conll", [[("كلمة", "O"), ("أخرى", "O")]])
    with pytest.raises(ValueError, match="no PER, ORG or LOC"):
        crf.train(path, tmp_path / "m")


def test_cli_trains_then_tags(tmp_path, capsys):
    train_file = write_conll(tmp_path / "train.conll", corpus())
    model = tmp_path / "my.model"
    assert main(["ner", "train", str(train_file), "-o", str(model)]) == 0
    assert "trained on" in capsys.readouterr().err
    source = tmp_path / "in.conll"
    source.write_text("".join(f"{w}\n" for w, _ in HELD_OUT) + "\n", encoding="utf-8")
    target = tmp_path / "out.conll"
    assert main(["ner", "--model", str(model), str(source), str(target)]) == 0
    rows = [line.split() for line in target.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r[0] for r in rows] == [w for w, _ in HELD_OUT]
    assert [r[1] for r in rows] == [bio.canonical(t) for _, t in HELD_OUT]


def test_a_span_the_lists_also_found_takes_their_clean_reading():
    from khabar.ingest.document import Mention
    from khabar.ingest.ner.recognizer import RuleRecognizer

    doc = from_tokens([["وصل", "الوفد", "لبغداد", "أمس"]])
    candidates = RuleRecognizer().candidates(doc.tokens)
    tagged = Mention(start=doc.tokens[2].start, end=doc.tokens[2].end, text="لبغداد", type="LOC", score=0.9,
                     rule="crf", sentence=0, token_start=2, token_end=3)
    read = crf.CrfRecognizer._as_rules_read_it(doc, doc.sentences[0], tagged, candidates)
    assert (read.text, read.type, read.rule, read.score) == ("بغداد", "LOC", "crf", 0.9)
    assert read.entity and read.start == doc.tokens[2].start + 1 and read.token_start == 2
    other = Mention(start=0, end=3, text="وصل", type="PER", score=0.5, rule="crf", sentence=0, token_start=0,
                    token_end=1)
    assert crf.CrfRecognizer._as_rules_read_it(doc, doc.sentences[0], other, candidates) is other


def test_document_features_carry_what_the_first_pass_said_elsewhere():
    from khabar.ingest.ner.features import document_features

    doc = from_tokens([["قال", "كوبل", "إن"], ["وأكد", "لكوبل", "ذلك"], ["غدا", "كوبل"]])
    tokens = [doc.tokens[s.token_start : s.token_end] for s in doc.sentences]
    person = {"B-PER": 0.9, "O": 0.1}
    unsure = {"B-PER": 0.2, "O": 0.8}
    marginals = [[unsure, person, unsure], [unsure, unsure, unsure], [unsure, unsure]]
    feats = document_features(tokens, marginals, window=1)
    second = feats[1][1]  # "لكوبل": clitic stripped, it is the same word as "كوبل"
    assert "doc=seen" in second and "docmaxPER=4" in second and "docmaxLOC=0" in second
    assert "s1=O" in second
    assert "doc=seen" not in feats[1][0]  # "وأكد" occurs once
    # window=1: the first sentence's "كوبل" is two sentences away from the third's
    assert "docmaxPER=1" in feats[2][1]


# word clusters from unlabelled text ---------------------------------------------------
NEW_PEOPLE = ["جميل حداد", "سامي فرح", "عادل رزق"]
NEW_PLACES = ["زحلة", "جرش", "بنزرت"]


def unlabelled_folder(folder: Path) -> Path:
    """Articles where names the labelled corpus never shows stand where its names stand."""
    folder.mkdir()
    people = itertools.cycle(PEOPLE + NEW_PEOPLE)
    places = itertools.cycle(PLACES + NEW_PLACES)
    for n in range(12):
        lines = [f"قال {next(people)} إن الوفد وصل إلى {next(places)} أمس ." for _ in range(12)]
        (folder / f"a{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_clusters_group_words_that_stand_in_the_same_company(tmp_path):
    from khabar.ingest.ner import clusters

    texts, n = clusters.read_texts([unlabelled_folder(tmp_path / "texts")])
    assert n == 12
    found = clusters.learn(texts, sizes=(2, 4), min_count=3)
    assert len(next(iter(found.values()))) == 2
    person, place = found["سامي"], found["جرش"]  # names only the unlabelled text shows
    assert found["رامي"][1] == person[1] and found["نابلس"][1] == place[1]
    assert person[1] != place[1]
    path = tmp_path / clusters.FILE
    clusters.save(found, path)
    assert clusters.load(path) == found


def test_name_shares_count_where_the_rules_found_each_word_in_unlabelled_text(tmp_path):
    from khabar.ingest.ner import name_stats

    folder = tmp_path / "texts"
    folder.mkdir()
    lines = ["وقال الجنرال طهماسبي إن الوفد وصل إلى بغداد أمس .", "ووصل طهماسبي إلى المطار ."]
    for n in range(3):
        (folder / f"a{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats, n_articles = name_stats.learn([folder])
    assert n_articles == 3
    seen, per, org, loc = stats["طهماسبي"]
    assert seen == 6 and per == 3 and org == loc == 0  # a person where the title shows it, half his sightings
    assert stats["بغداد"] == (3, 0, 0, 3)
    assert name_stats.features(stats["طهماسبي"]) == ["nmPER=hi"]
    assert name_stats.features(stats["الوفد"]) == ["nm=none"]
    assert name_stats.features(stats.get("كلمة")) == ["nm=unseen"]
    path = tmp_path / name_stats.FILE
    name_stats.save(stats, path)
    assert name_stats.load(path) == stats


def test_cli_trains_with_unlabelled_text_and_the_tagger_uses_its_clusters(tmp_path, capsys):
    import pycrfsuite

    train_file = write_conll(tmp_path / "train.conll", corpus())
    texts = unlabelled_folder(tmp_path / "texts")
    model = tmp_path / "my.model"
    assert main(["ner", "train", str(train_file), "-o", str(model), "--unlabelled", str(texts)]) == 0
    assert "word clusters from 12 articles" in capsys.readouterr().err
    settings = json.loads((model / crf.SETTINGS_FILE).read_text(encoding="utf-8"))
    assert settings["clusters"]["articles"] == 12 and settings["clusters"]["words"] > 0
    stored = (model / settings["clusters"]["file"]).read_text(encoding="utf-8").splitlines()
    assert len(stored) == settings["clusters"]["words"]
    recognizer = crf.CrfRecognizer(model)
    doc = from_tokens([[w for w, _ in HELD_OUT]])
    feats = recognizer.featurizer(doc.tokens)
    assert any(f.startswith("k0=") for f in feats[1])  # "جميل", only in the unlabelled text
    assert any(f.startswith("-1:k0=") for f in feats[2])
    assert settings["names"]["articles"] == 12 and (model / settings["names"]["file"]).exists()
    assert any(f.startswith("nm") for f in feats[1])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model / crf.FIRST_FILE))
    assert any(attr.startswith("k0=") for attr, _ in tagger.info().state_features)
    recognizer(doc)
    assert ("زحلة", "LOC") in {(m.text, m.type) for m in doc.mentions}
    # trained again without unlabelled text, the model holds no clusters
    assert main(["ner", "train", str(train_file), "-o", str(model)]) == 0
    assert not (model / "clusters.tsv").exists() and crf.CrfRecognizer(model).featurizer.clusters is None
    assert not (model / "names.tsv").exists() and crf.CrfRecognizer(model).featurizer.names is None
