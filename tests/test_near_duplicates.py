"""The collector's compact near-duplicate index answers as NearDuplicateIndex does."""

from __future__ import annotations

import random

from pipeline.clean.dedup import NearDuplicateIndex
from pipeline.near_duplicates import CompactNearDuplicateIndex


def test_same_answers_as_near_duplicate_index(repo_root):
    texts = [path.read_text(encoding="utf-8") for folder in ("dev", "heldout")
             for path in sorted((repo_root / "corpus" / folder).glob("*.txt"))]
    rng = random.Random(7)
    stream = []
    for text in texts:
        stream.append(text)
        for _ in range(2):  # republished copies with a few words edited, some too many
            words = rng.choice(stream).split()
            for _ in range(rng.choice([0, 5, 20, 80])):
                words[rng.randrange(len(words))] = "sửa"
            stream.append(" ".join(words))
    stream += ["", "!!!", "một", "một"]
    reference, compact = NearDuplicateIndex(), CompactNearDuplicateIndex(capacity=8)  # capacity: grow often
    answers = [(reference.check_and_add(f"id-{i}", text), compact.check_and_add(f"id-{i}", text)) for i, text in enumerate(stream)]
    assert [a for a, _ in answers] == [b for _, b in answers]
    assert sum(a is not None for a, _ in answers) > len(texts) // 2  # the test does meet duplicates
    assert len(compact) == len(reference)
    assert compact.check(stream[1]) == reference.check(stream[1])
