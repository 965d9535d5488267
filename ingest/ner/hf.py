"""A local token-classification model run with transformers (`--ner hf:PATH`).

PATH is a folder written by `save_pretrained` (config with `id2label`, weights, and a
tokenizer). Each sentence's tokens go to the model as pre-split words; the label of a
word is the model's best label over its first sub-word piece, so the tags line up with
`Document.tokens` one for one. Nothing is ever downloaded."""

from __future__ import annotations

from pathlib import Path

from ..document import ENTITY_TYPES, Document
from . import bio

BATCH_SENTENCES = 16


class HfRecognizer:
    """BIO labels from a transformers token classifier, mapped to PER/ORG/LOC."""

    name = "hf"

    def __init__(self, path: Path, max_length: int | None = None) -> None:
        if not (path / "config.json").is_file():
            raise FileNotFoundError(f"{path}: no config.json: --ner hf:PATH needs a folder saved with "
                                    "transformers' save_pretrained (model and tokenizer)")
        import torch
        from transformers import AutoModelForTokenClassification, AutoTokenizer
        from transformers.utils import logging

        logging.disable_progress_bar()  # a progress bar per load would fill the CLI's output
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        if not self.tokenizer.is_fast:
            raise ValueError(f"{path}: the tokenizer has no fast version, which word alignment needs")
        self.model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True)
        self.model.eval()
        self.labels = [bio.canonical(self.model.config.id2label[i]) for i in range(self.model.config.num_labels)]
        if not any(label[2:] in ENTITY_TYPES for label in self.labels):
            raise ValueError(f"{path}: the model's labels {sorted(set(self.model.config.id2label.values()))} "
                             "name none of PER/PERS, ORG, LOC/GPE")
        limit = max_length or getattr(self.model.config, "max_position_embeddings", 512)
        self.max_length = min(limit, self.tokenizer.model_max_length or limit, 512)

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        pending = [s for s in doc.sentences if not s.boilerplate]
        for at in range(0, len(pending), BATCH_SENTENCES):
            batch = pending[at : at + BATCH_SENTENCES]
            words = [[t.text for t in doc.tokens[s.token_start : s.token_end]] for s in batch]
            for sentence, (labels, scores) in zip(batch, self.tag(words)):
                doc.mentions.extend(bio.to_mentions(doc, sentence, labels, scores, rule=self.name))
        return doc

    def tag(self, sentences: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        """One (label, probability) per word of each sentence."""
        chunks, owners = [], []
        for n, words in enumerate(sentences):
            for start, end in self._windows(words):
                chunks.append(words[start:end])
                owners.append(n)
        results: list[tuple[list[str], list[float]]] = [([], []) for _ in sentences]
        if not chunks:
            return results
        encoded = self.tokenizer(chunks, is_split_into_words=True, truncation=True, max_length=self.max_length,
                                 padding=True, return_tensors="pt")
        with self.torch.no_grad():
            probs = self.torch.softmax(self.model(**encoded).logits, dim=-1)
        for row, (n, words) in enumerate(zip(owners, chunks)):
            labels, scores = ["O"] * len(words), [1.0] * len(words)
            seen = set()
            for piece, word in enumerate(encoded.word_ids(row)):
                if word is None or word in seen:
                    continue
                seen.add(word)
                p, k = probs[row, piece].max(dim=-1)
                labels[word], scores[word] = self.labels[int(k)], float(p)
            results[n][0].extend(labels)
            results[n][1].extend(scores)
        return results

    def _windows(self, words: list[str]) -> list[tuple[int, int]]:
        """Word ranges whose sub-word pieces fit in the model's input with [CLS] and [SEP]."""
        room = self.max_length - 2
        windows, start, used = [], 0, 0
        for i, word in enumerate(words):
            size = max(1, len(self.tokenizer.tokenize(word)))
            if used + size > room and i > start:
                windows.append((start, i))
                start, used = i, 0
            used += size
        windows.append((start, len(words)))
        return windows if words else []
