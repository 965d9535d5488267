"""The model-backed recognizers, on tiny random models built here: the loading code
that runs is transformers' and camel-tools' own. Nothing is downloaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from khabar.ingest.document import ENTITY_TYPES, Article, Document
from khabar.ingest.ner import backends
from khabar.ingest.text import analyse

# camel-tools' NER labels, in the order its released model uses.
LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "زار", "الرئيس", "بغداد", "ال", "##عراق", "و", "##ب",
         "في", "مدينة", "وزير", "##ة", "."]
TEXT = "زار الرئيس مدينة بغداد والعراق.\n\nوزير الخارجية في البصرة ☃ اليوم."


def tiny_bert(folder: Path, labels: list[str] = LABELS, positions: int = 256) -> Path:
    """A random one-layer BERT token classifier with a small Arabic WordPiece vocabulary."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=False)
    config = BertConfig(vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=positions,
                        id2label=dict(enumerate(labels)), label2id={x: i for i, x in enumerate(labels)})
    torch.manual_seed(7)
    model = BertForTokenClassification(config)
    with torch.no_grad():  # large random logits, so the model does tag some words
        model.classifier.weight.mul_(40)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def assert_well_formed(doc: Document, rule: str) -> None:
    for m in doc.mentions:
        assert m.type in ENTITY_TYPES and m.rule == rule
        assert 0 <= m.start < m.end <= len(doc.text) and doc.text[m.start : m.end] == m.text
        assert doc.tokens[m.token_start].start == m.start and doc.tokens[m.token_end - 1].end == m.end
        assert doc.sentences[m.sentence].token_start <= m.token_start < m.token_end
        assert m.token_end <= doc.sentences[m.sentence].token_end
        assert 0 < m.score <= 1


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown recognizer"):
        backends.load("spacy")


# transformers --------------------------------------------------------------------------
def test_hf_recognizer_loads_a_local_model_and_maps_labels(tmp_path):
    from khabar.ingest.ner.hf import HfRecognizer

    recognizer = backends.load(f"hf:{tiny_bert(tmp_path / 'bert')}")
    assert isinstance(recognizer, HfRecognizer)
    assert set(recognizer.labels) == {"B-LOC", "B-ORG", "B-PER", "B-MISC", "I-LOC", "I-ORG", "I-PER", "I-MISC",
                                      "O"}
    doc = recognizer(analyse(Article(id="t", body=TEXT)))
    assert doc.mentions, "a random model with large logits tags some words"
    assert_well_formed(doc, "hf")
    # one label per word, however many pieces the tokenizer cut it into
    words = [[t.text for t in doc.tokens]]
    labels, scores = recognizer.tag(words)[0]
    assert len(labels) == len(scores) == len(doc.tokens)


def test_hf_recognizer_splits_sentences_longer_than_the_model(tmp_path):
    from khabar.ingest.ner.hf import HfRecognizer

    recognizer = HfRecognizer(tiny_bert(tmp_path / "bert", positions=16), max_length=16)
    words = ["بغداد", "والعراق"] * 20
    labels, scores = recognizer.tag([words])[0]
    assert len(labels) == len(words) and all(0 < s <= 1 for s in scores)


def test_hf_recognizer_skips_boilerplate(tmp_path):
    recognizer = backends.load(f"hf:{tiny_bert(tmp_path / 'bert')}")
    doc = analyse(Article(id="t", body=TEXT))
    for s in doc.sentences:
        s.boilerplate = True
    assert recognizer(doc).mentions == []


def test_hf_recognizer_refuses_a_model_without_entity_labels(tmp_path):
    folder = tiny_bert(tmp_path / "bert", labels=["POS", "NEG"])
    with pytest.raises(ValueError, match="none of PER"):
        backends.load(f"hf:{folder}")


def test_hf_recognizer_needs_a_saved_model(tmp_path):
    with pytest.raises(FileNotFoundError, match="save_pretrained"):
        backends.load(f"hf:{tmp_path}")


# camel-tools ---------------------------------------------------------------------------
# camel-tools fixes its data folder when its data module is first imported, so each case
# runs in a fresh interpreter with its own CAMELTOOLS_DATA (and HOME, so ~/.camel_tools
# is never touched).
CAMEL_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from khabar.ingest.document import Article
    from khabar.ingest.ner import backends
    from khabar.ingest.text import analyse

    doc = backends.load("camel")(analyse(Article(id="t", body=sys.argv[1])))
    print(json.dumps({"text": doc.text, "tokens": [[t.start, t.end] for t in doc.tokens],
                      "loaded_from": sys.modules["camel_tools.data.catalogue"].CT_DATA_DIR.as_posix(),
                      "mentions": [m.__dict__ for m in doc.mentions]}))
    """
)


def run_python(code: str, data: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAMELTOOLS_DATA": str(data), "HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def camel_catalogue(data: Path) -> None:
    """A catalogue in camel-tools 1.6's format naming one NER package and dataset."""
    catalogue = {
        "version": "1.6",
        "packages": {"ner-arabert": {
            "name": "ner-arabert", "description": "NER model", "package_type": "http", "private": False,
            "destination": "ner/arabert", "version": "1.1.0", "license": "test",
            "files": [{"path": "config.json", "sha256": "0" * 64}], "dependencies": []}},
        "components": {"NamedEntityRecognition": {"default": "arabert",
                                                  "datasets": {"arabert": {"path": "ner/arabert"}}}},
    }
    (data / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")


def test_camel_recognizer_runs_camel_tools_loader_on_a_tiny_model(tmp_path):
    data = tmp_path / "camel_data"
    tiny_bert(data / "data" / "ner" / "arabert")
    camel_catalogue(data)
    result = run_python(CAMEL_SCRIPT, data, tmp_path, TEXT)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["loaded_from"] == data.as_posix()
    assert out["mentions"], "a random model with large logits tags some words"
    for m in out["mentions"]:
        assert m["type"] in ENTITY_TYPES and m["rule"] == "camel"
        assert out["text"][m["start"] : m["end"]] == m["text"]
        assert [m["start"], m["end"]] == [out["tokens"][m["token_start"]][0], out["tokens"][m["token_end"] - 1][1]]


def test_camel_recognizer_without_a_catalogue_uses_a_stub_and_the_model(tmp_path):
    data = tmp_path / "camel_data"
    tiny_bert(data / "data" / "ner" / "arabert")  # the model unpacked by hand, no catalogue
    result = run_python(CAMEL_SCRIPT, data, tmp_path, TEXT)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["loaded_from"] != data.as_posix() and out["mentions"]
    assert not (data / "catalogue.json").exists()


def test_camel_recognizer_without_its_model_fails_with_one_line(tmp_path):
    empty = tmp_path / "camel_data"
    empty.mkdir()
    source = tmp_path / "in.conll"
    source.write_text("بغداد\n\n", encoding="utf-8")
    code = "import sys; from khabar.cli import main; sys.exit(main(sys.argv[1:]))"
    result = run_python(code, empty, tmp_path, "ner", "--ner", "camel", str(source), str(tmp_path / "out.conll"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "camel_data -i ner-arabert" in lines[0], result.stderr
    assert list(empty.iterdir()) == [], "nothing was fetched into the data folder"
