"""camel-tools' BERT named-entity recognizer (`--ner camel`), when its model is installed.

camel-tools finds its data through a catalogue in CAMELTOOLS_DATA (default
~/.camel_tools) and fetches that catalogue from the network when importing its NER
module without one. This recognizer looks for the model first and fails with one line
saying how to install it, so nothing is ever fetched at run time."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from ..document import Document
from . import bio

PACKAGE = "ner-arabert"  # camel-tools' package name for its NER model
COMPONENT = "NamedEntityRecognition"
DEFAULT_DATASET_PATH = "ner/arabert"
# camel-tools returns labels without probabilities: every mention gets this score.
SCORE = 0.8


class CamelUnavailable(RuntimeError):
    """camel-tools' NER model is not installed."""


def data_dir() -> Path:
    """The folder camel-tools reads its data from (fixed once its data module is loaded)."""
    loaded = sys.modules.get("camel_tools.data.catalogue")
    if loaded is not None:
        return Path(loaded.CT_DATA_DIR)
    if os.environ.get("CAMELTOOLS_DATA"):
        return Path(os.environ["CAMELTOOLS_DATA"]).expanduser().absolute()
    home = Path.home()
    return home / "AppData/Roaming/camel_tools" if sys.platform == "win32" else home / ".camel_tools"


def _catalogue_dataset(data: Path) -> str | None:
    """The NER dataset path the catalogue in `data` names, if there is one."""
    try:
        catalogue = json.loads((data / "catalogue.json").read_text(encoding="utf-8"))
        component = catalogue["components"][COMPONENT]
        return component["datasets"][component["default"]]["path"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def model_dir(data: Path) -> Path:
    """Where camel-tools keeps its default NER model under `data`."""
    return data / "data" / (_catalogue_dataset(data) or DEFAULT_DATASET_PATH)


def _stub_data_dir() -> Path:
    """A data folder with an empty catalogue: lets camel-tools import without fetching one."""
    folder = Path(tempfile.gettempdir()) / "khabar-camel-tools-stub"
    folder.mkdir(exist_ok=True)
    catalogue = folder / "catalogue.json"
    if not catalogue.exists():
        catalogue.write_text(json.dumps({"version": "stub", "packages": {}, "components": {}}), encoding="utf-8")
    return folder


class CamelRecognizer:
    """Tags each sentence's tokens with camel-tools' NERecognizer (labels B-PERS, I-ORG...)."""

    name = "camel"

    def __init__(self, batch_size: int = 32) -> None:
        data = data_dir()
        path = model_dir(data)
        if not (path / "config.json").is_file():
            raise CamelUnavailable(f"camel-tools' NER model is not installed (no {path}): install it with "
                                   f"`camel_data -i {PACKAGE}`, or set CAMELTOOLS_DATA to the folder holding it")
        use_catalogue = _catalogue_dataset(data) is not None
        if not use_catalogue and "camel_tools.data" not in sys.modules:
            os.environ["CAMELTOOLS_DATA"] = str(_stub_data_dir())
        from camel_tools.ner import NERecognizer
        from transformers.utils import logging

        logging.disable_progress_bar()

        self.ner = (NERecognizer.pretrained(use_gpu=False) if use_catalogue
                    else NERecognizer(str(path), use_gpu=False))
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        sentences = [s for s in doc.sentences if not s.boilerplate]
        words = [[self._word(t.text) for t in doc.tokens[s.token_start : s.token_end]] for s in sentences]
        labels = self.ner.predict(words, batch_size=self.batch_size) if words else []
        for sentence, tags, ws in zip(sentences, labels, words):
            tags = list(tags) + ["O"] * (len(ws) - len(tags))
            doc.mentions.extend(bio.to_mentions(doc, sentence, tags, [SCORE] * len(tags), rule=self.name))
        return doc

    def _word(self, text: str) -> str:
        """camel-tools drops a word its tokenizer makes nothing of, which would shift every
        later label of the sentence: such a word goes in as the unknown token."""
        tokenizer = self.ner.tokenizer
        return text if tokenizer.tokenize(text) else tokenizer.unk_token
