"""The article's province: ``doc._.province``.

Canonical forms fill in the province where the article makes it certain
(``Công an tỉnh`` in an article about Gia Lai -> ``Công an tỉnh Gia Lai``).
This component decides which province or centrally-run city an article is
about, or that it cannot tell.

The rule:

1. Every mention of a province counts one vote for it: a LOC whose canonical
   name (or text) is a province's name in the gazetteer, current or former
   (``Gia Lai``, ``TP.HCM`` -> ``Hồ Chí Minh``, ``Quảng Bình``), and a
   province's name inside an ORG (``UBND tỉnh Gia Lai``, ``Sở TT&TT Bắc Ninh``,
   ``VNPT Bình Định``), except after a lower unit word (``UBND huyện Hòa
   Bình`` names a district).  Districts, communes, countries and regions do
   not vote: a district name is often shared by several provinces.
2. A mention in the title (the first paragraph) counts :data:`TITLE_WEIGHT`
   votes: titles of provincial news name their province (``Gia Lai: ...``).
3. The province with most votes is the article's when it has at least
   :data:`MIN_VOTES` votes and at least :data:`MARGIN` times the votes of the
   runner-up; otherwise ``doc._.province`` stays ``None`` (a national article
   citing several provinces, or two merged provinces named equally often).

``doc._.province`` is the name without unit word, as in the gazetteer
(``Gia Lai``, ``Hồ Chí Minh``, ``Thừa Thiên Huế``).
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from .places import PlaceRecognizer, load_gazetteer
from .spans import doc_text

TITLE_WEIGHT = 3
MIN_VOTES = 2
MARGIN = 2.0


class ArticleContext:
    """Sets ``doc._.province`` from the LOC and ORG mentions of the Doc."""

    def __init__(self, nlp: Language | None = None, name: str = "vn_article_context") -> None:
        self.name = name
        self.gazetteer = load_gazetteer()
        self.places = PlaceRecognizer(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.province = self.decide(self.votes(doc))
        return doc

    def votes(self, doc: Doc) -> Counter:
        """Votes per province name (see the module doc)."""
        text = doc_text(doc)
        title_end = text.find("\n\n")
        if title_end < 0:
            title_end = len(text)
        votes: Counter = Counter()
        for ent in doc.ents:
            weight = TITLE_WEIGHT if ent.start_char < title_end else 1
            if ent.label_ == "LOC":
                province = self.gazetteer.province_of(ent._.canonical or ent.text)
                if province is not None:
                    votes[province] += weight
            elif ent.label_ == "ORG":
                for province in self.places.provinces_in([token.text for token in ent]):
                    votes[province] += weight
        return votes

    @staticmethod
    def decide(votes: Counter) -> str | None:
        ranked = votes.most_common()
        if not ranked:
            return None
        best, best_votes = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if best_votes >= MIN_VOTES and best_votes >= MARGIN * runner_up:
            return best
        return None


@Language.factory("vn_article_context")
def create_article_context(nlp: Language, name: str) -> ArticleContext:
    return ArticleContext(nlp, name)
