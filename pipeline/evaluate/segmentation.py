"""Word-segmentation (tách từ) scores against a CoNLL-U treebank.

Gold: every UD token is one word; a multi-syllable word is one token whose FORM
holds its syllables separated by single spaces (UD Vietnamese VTB and TueCL,
e.g. ``bắt chuyện``, ``Lạng Sơn``).  Gold syllables are FORM split on spaces.

Input: each system is fed, sentence by sentence, the text built by joining
the gold syllables with single spaces (not the ``# text`` comment, whose
spacing can differ) -- so every system sees exactly the same string and no
system is helped or hurt by the treebank's own spacing.

Alignment: systems tokenise that string their own way (ours keeps protected
units such as ``10.000`` or ``TP.HCM`` whole, underthesea and pyvi re-tokenise
and may split ``07/2007/CT-UBND``), so words are compared as *character spans
over the non-space characters* of the sentence.  A predicted word is correct
when its span equals a gold word's span.  When a system's tokens coincide with
the gold syllables (the normal case: the text is syllables joined by spaces)
this is exactly "the syllable span equals a gold word's syllable span"; when
a system keeps a group of gold syllables as one unit (ours: a protected unit)
the unit counts as one word, correct only if the gold also has it as one word
-- the same rule for every system, with no re-splitting in anyone's favour.

    precision = correct / predicted words,  recall = correct / gold words,
    F1 = 2PR / (P + R)   (micro-averaged over the whole file)

Systems: ``"ours"`` is the pipeline's :class:`~pipeline.nlp.tokenizer.SyllableTokenizer`
with the default segmenter (``DEFAULT_SEGMENTER`` in :mod:`pipeline.nlp.language`);
``"ours:NAME"`` uses the registered segmenter ``NAME`` (e.g. ``"ours:underthesea"``).
``"underthesea"`` is ``underthesea.word_tokenize`` (its own tokeniser and
CRF); ``"pyvi"`` is ``pyvi.ViTokenizer.tokenize`` (words joined by ``_``).

Command line::

    python -m pipeline.evaluate.segmentation ../shared/benchmarks/ud-vi-vtb/vi_vtb-ud-test.conllu
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd

Span = tuple[int, int]

#: Sentences with document numbers, dates and abbreviations that must stay
#: whole (one word each); used by :func:`check_protected_units`.
PROTECTED_EXAMPLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 của UBND tỉnh Gia Lai về tăng cường an ninh.",
        ("07/2007/CT-UBND", "02/5/2007"),
    ),
    (
        "Quyết định 749/QĐ-TTg ngày 3/6/2020 của Thủ tướng phê duyệt Chương trình chuyển đổi số.",
        ("749/QĐ-TTg", "3/6/2020"),
    ),
    (
        "Nghị quyết 12-NQ/TU được Sở TT&TT và Sở KH&CN triển khai tại TP.HCM từ tháng 5/2021.",
        ("12-NQ/TU", "TT&TT", "KH&CN", "TP.HCM", "5/2021"),
    ),
    (
        "Công văn 3115/BTTTT-CVT gửi UBND các tỉnh, thành phố; Luật số 24/2018/QH14 có hiệu lực từ ngày 1/1/2019.",
        ("3115/BTTTT-CVT", "24/2018/QH14", "1/1/2019"),
    ),
    (
        "Thông báo 45/TB-VPCP nêu rõ tổng vốn 1.234 tỷ đồng, liên hệ qua vanphong@mic.gov.vn hoặc https://mic.gov.vn/tin-tuc.",
        ("45/TB-VPCP", "1.234", "vanphong@mic.gov.vn", "https://mic.gov.vn/tin-tuc"),
    ),
)


# --------------------------------------------------------------------------
# Reading the treebank
# --------------------------------------------------------------------------


def read_conllu_words(path: str | Path) -> list[list[str]]:
    """The sentences of a CoNLL-U file as lists of word FORMs (multiword ranges and empty nodes skipped)."""
    sentences: list[list[str]] = []
    words: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sentences.append(words)
                    words = []
                continue
            if line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) < 2 or not columns[0].isdigit():
                continue  # 1-2 multiword range or 1.1 empty node
            words.append(columns[1])
    if words:
        sentences.append(words)
    return sentences


def gold_syllables(words: Sequence[str]) -> list[str]:
    """Gold syllables of a sentence: every FORM split on spaces."""
    return [syllable for word in words for syllable in word.split(" ") if syllable]


def sentence_text(words: Sequence[str]) -> str:
    """The text every system is fed: the gold syllables joined by single spaces."""
    return " ".join(gold_syllables(words))


def word_spans(words: Iterable[str]) -> list[Span]:
    """Character spans of words over the non-space characters of their sentence."""
    spans = []
    position = 0
    for word in words:
        length = sum(1 for char in word if not char.isspace())
        if length == 0:
            continue
        spans.append((position, position + length))
        position += length
    return spans


# --------------------------------------------------------------------------
# Systems: text -> list of words (each word a string; spaces inside are ignored)
# --------------------------------------------------------------------------


def ours_tokenizer(segmenter: str | None = None):
    """The pipeline's tokenizer (as :func:`pipeline.nlp.language.build_nlp` makes it), with ``segmenter``."""
    import spacy

    from ..nlp.language import DEFAULT_SEGMENTER

    config = {"@tokenizers": "vn_pipeline.syllable_tokenizer", "segmenter": segmenter or DEFAULT_SEGMENTER}
    return spacy.blank("vi", config={"nlp": {"tokenizer": config}}).tokenizer


def _ours(segmenter: str | None = None) -> Callable[[str], list[str]]:
    from ..nlp.tokenizer import WORDS_SPAN_KEY

    tokenizer = ours_tokenizer(segmenter)

    def segment(text: str) -> list[str]:
        doc = tokenizer(text)
        return [span.text for span in doc.spans[WORDS_SPAN_KEY]]

    return segment


def _underthesea() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize

    return word_tokenize


def _pyvi() -> Callable[[str], list[str]]:
    from pyvi import ViTokenizer

    def segment(text: str) -> list[str]:
        # Words are joined by "_" inside and separated by spaces; no UD VTB
        # FORM contains "_", so splitting on spaces gives pyvi's words.
        return [word.replace("_", " ") for word in ViTokenizer.tokenize(text).split(" ")]

    return segment


def build_system(name: str) -> Callable[[str], list[str]]:
    """A callable text -> list of word strings for ``name`` (see the module doc)."""
    if name == "ours":
        return _ours()
    if name.startswith("ours:"):
        return _ours(name.split(":", 1)[1])
    if name == "underthesea":
        return _underthesea()
    if name == "pyvi":
        return _pyvi()
    raise ValueError(f"unknown segmentation system {name!r}; use ours, ours:SEGMENTER, underthesea or pyvi")


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def score_sentence(gold_words: Sequence[str], predicted_words: Sequence[str]) -> tuple[int, int, int]:
    """(correct, predicted, gold) word counts for one sentence.

    Raises ``ValueError`` when the prediction does not cover the same
    non-space characters as the gold (a system that dropped or added text).
    """
    gold = word_spans(gold_words)
    predicted = word_spans(predicted_words)
    gold_length = gold[-1][1] if gold else 0
    predicted_length = predicted[-1][1] if predicted else 0
    if gold_length != predicted_length:
        raise ValueError(
            f"prediction covers {predicted_length} non-space characters, gold {gold_length}: "
            f"{' | '.join(predicted_words)!r} vs {' | '.join(gold_words)!r}"
        )
    return len(set(gold) & set(predicted)), len(predicted), len(gold)


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_segmentation(
    conllu_path: str | Path,
    systems: Sequence[str] = ("ours", "underthesea", "pyvi"),
    *,
    limit: int | None = None,
) -> pd.DataFrame:
    """Word-level precision/recall/F1 (in %) of each system on a CoNLL-U file.

    One row per system: ``system, precision, recall, f1, correct, predicted,
    gold, sentences, syllables, seconds, ms_per_1k_syllables``.  ``limit``
    keeps the first sentences only.  Timings include each system's own
    tokenisation (and, for the first sentence, nothing else: systems are
    built, and models loaded, before the clock starts).
    """
    sentences = read_conllu_words(conllu_path)
    if limit is not None:
        sentences = sentences[:limit]
    texts = [sentence_text(words) for words in sentences]
    syllable_count = sum(len(gold_syllables(words)) for words in sentences)
    rows = []
    for name in systems:
        segment = build_system(name)
        segment("Khởi động.")  # load lazily loaded models outside the timing
        correct = predicted = gold = 0
        started = time.perf_counter()
        outputs = [segment(text) for text in texts]
        seconds = time.perf_counter() - started
        for words, output in zip(sentences, outputs):
            c, p, g = score_sentence(words, output)
            correct, predicted, gold = correct + c, predicted + p, gold + g
        precision, recall, f1 = _prf(correct, predicted, gold)
        rows.append(
            {
                "system": name,
                "precision": round(100 * precision, 2),
                "recall": round(100 * recall, 2),
                "f1": round(100 * f1, 2),
                "correct": correct,
                "predicted": predicted,
                "gold": gold,
                "sentences": len(sentences),
                "syllables": syllable_count,
                "seconds": round(seconds, 3),
                "ms_per_1k_syllables": round(1000 * seconds / max(syllable_count, 1) * 1000, 1),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------
# Protected units
# --------------------------------------------------------------------------


def _unit_kept_whole(text: str, unit: str, words: Sequence[str]) -> bool:
    """Whether ``unit`` (a substring of ``text``) lies inside a single predicted word."""
    start = len(text[: text.index(unit)].replace(" ", ""))
    end = start + len(unit.replace(" ", ""))
    return any(word_start <= start and end <= word_end for word_start, word_end in word_spans(words))


def check_protected_units(
    examples: Sequence[tuple[str, Sequence[str]]] = PROTECTED_EXAMPLES,
    systems: Sequence[str] = ("ours", "underthesea", "pyvi"),
) -> pd.DataFrame:
    """For each example unit (document number, date, abbreviation, ...) and system, whether it stayed whole.

    One row per (system, unit): ``system, unit, whole, words`` where
    ``words`` shows the pieces the system made of the unit when it split it.
    ``df.groupby("system").whole.agg(["sum", "count"])`` counts them.
    """
    rows = []
    for name in systems:
        segment = build_system(name)
        for text, units in examples:
            words = segment(text)
            spans = word_spans(words)
            for unit in units:
                whole = _unit_kept_whole(text, unit, words)
                start = len(text[: text.index(unit)].replace(" ", ""))
                end = start + len(unit.replace(" ", ""))
                pieces = [word for word, (s, e) in zip([w for w in words if w.strip()], spans) if s < end and e > start]
                rows.append({"system": name, "unit": unit, "whole": whole, "words": " | ".join(pieces)})
    return pd.DataFrame(rows)


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Word segmentation P/R/F1 on a CoNLL-U treebank.")
    parser.add_argument("conllu", nargs="+", help="CoNLL-U file(s), e.g. vi_vtb-ud-test.conllu")
    parser.add_argument("--systems", default="ours,underthesea,pyvi", help="comma-separated (ours, ours:NAME, underthesea, pyvi)")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--protected", action="store_true", help="also check that protected units stay whole")
    args = parser.parse_args(argv)
    systems = [name.strip() for name in args.systems.split(",") if name.strip()]
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        for path in args.conllu:
            print(f"== {path}")
            print(evaluate_segmentation(path, systems, limit=args.limit).to_string(index=False))
        if args.protected:
            table = check_protected_units(systems=systems)
            print("== protected units kept whole")
            print(table.to_string(index=False))
            print(table.groupby("system", sort=False).whole.agg(["sum", "count"]).to_string())


if __name__ == "__main__":
    main()
