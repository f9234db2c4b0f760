"""Relation extraction: the knowledge table (``doc._.relations``).

The five relations of the schema (``knowledge-schema.md``), read from the
grammar of Vietnamese state news, over the entities the NER components put on
the Doc (``doc.ents`` with ``span._.entity_key``):

``holds_position`` PER -> ORG, ``title`` as written
    * title, organisation, name (chức danh + cơ quan + tên):
      ``Thứ trưởng Bộ TT&TT Phan Tâm``; with a comma and an honorific:
      ``Giám đốc Sở TT&TT, ông Nguyễn Văn A``;
    * name, then one or several positions in apposition (đồng vị ngữ):
      ``Lê Việt Hường - Ủy viên Ban thường vụ Tỉnh ủy, Phó Chủ tịch Thường
      trực UBND tỉnh Gia Lai`` (two rows), ``ông A, Giám đốc Sở TT&TT``, also
      ``..., giữ chức Giám đốc Sở Y`` and ``... kiêm Chủ tịch ...``;
    * a position verb (giữ chức, làm, là): ``ông A từng giữ chức Trưởng phòng
      X``; a bare ``ông``/``bà`` names the person of the previous sentences;
    * ``Ban Chỉ đạo ... do đồng chí A làm Trưởng ban``.
    A title that holds the unit's head noun (``Chánh Văn phòng UBND tỉnh``,
    ``Trưởng phòng Chuyển đổi số``) keeps it, and the ORG is the unit as
    written (``Văn phòng UBND tỉnh``).  Military ranks are no titles; a title
    without an organisation gives no row.
``issued_by`` DIRECTIVE -> ORG and ``issued_on`` DIRECTIVE -> ISO date
    Number, date and issuer in any order after the document (``Quyết định số
    749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ``, ``Kế hoạch 5731/KH-UBND
    của UBND tỉnh ngày 3-8-2022``, ``... (12/8) của ...``), ``X (vừa) ban hành
    <document>`` with the clause's date (``Ngày 15/8/2022, UBND tỉnh X ban hành
    ...``), ``<document> do X ban hành``.  Never from the number's suffix, never
    the signer (``do Phó Chủ tịch UBND tỉnh Nguyễn Văn A ký``).  A date without
    a year (``(12/8)``) takes the article's year.
``part_of`` ORG -> ORG, only with a link in the text
    ``thuộc``/``trực thuộc`` (``Phòng X thuộc Công an tỉnh``, ``A và B thuộc
    C``, ``(trực thuộc Sở)``), an enumeration (``02 đơn vị thuộc Công an tỉnh
    (Phòng A, Phòng B)``), a parent in parentheses (``Bộ Tư lệnh 86 (Bộ Quốc
    phòng)``) or in apposition (``Cục Báo chí, Bộ TT&TT``); the last two only
    from a lower unit to a higher one (``models/lexicons/org_levels.tsv``).
``awarded`` giver -> recipient, ``award`` as written
    ``(thay mặt UBND tỉnh,) đồng chí A đã trao bằng khen cho 04 tập thể: X; 02
    đơn vị thuộc Y (Z, W); V và 03 cá nhân`` gives A -> X, Z, W, V: recipients
    are the named organisations and persons after ``cho``, not the parents
    (``thuộc Y``), not the organisations of a recipient's position, not
    unnamed ones (``03 cá nhân``).  The giver is the person named as handing
    over, else the granting body (``Cờ thi đua của UBND tỉnh được trao cho
    ...``).

Each row: subject, subject_label, subject_key, relation, object, object_label,
object_key (``None`` for dates; object_label ``DATE``), title, award, evidence
(the sentence), sentence_id, start, end (of the sentence), confidence (of the
rule).  Rows with the same (subject_key, relation, object, title, award) are
kept once (the first).

Cue words are data (``models/patterns/relations.json``), as are positions
(``models/lexicons/titles.txt``, shared with the people component), awards
(``models/lexicons/awards.txt``), honorifics and organisation levels.  Every
regular expression runs on a bounded window of text around two entities, or is
a plain alternation of words over a sentence, so extraction is linear in the
text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import read_json, read_lines, resource_path
from . import extensions  # noqa: F401  (registers doc._.relations)

try:  # shared date parsing (pipeline.nlp.dates)
    from .dates import find_dates
except ImportError:  # pragma: no cover - only while that module is missing
    find_dates = None

PER, ORG, LOC, DIRECTIVE, DATE = "PER", "ORG", "LOC", "DIRECTIVE", "DATE"

#: Longest stretch of text (characters) a rule looks at between two entities.
WINDOW = 240
#: How many sentences back a bare "ông"/"bà"/"đồng chí" may find its person.
PRONOUN_REACH = 3


# --------------------------------------------------------------------------
# Mentions as the rules see them
# --------------------------------------------------------------------------


@dataclass
class Node:
    """An entity mention in a sentence (or an organisation a rule made
    explicit, ``span is None``).  ``end`` may reach past the mention over an
    abbreviation in parentheses that names the same unit (``Cục ... (C06)``)."""

    start: int
    end: int
    text: str
    label: str
    key: str
    span: Span | None = None
    head: str | None = None  # organisation head noun (lower case) and level
    level: int | None = None


@dataclass
class Sentence:
    index: int
    start: int  # character offsets of the evidence (sentence without outer spaces)
    end: int
    nodes: list[Node] = field(default_factory=list)


def _words_regex(words) -> str:
    """A group matching any of the phrases, longest first; the spaces inside a
    phrase match any run of spaces."""
    unique = sorted({" ".join(w.split()) for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(part) for part in w.split(" ")) for w in unique) + ")"


def _load_titles(rank_marker: str) -> tuple[list[str], list[str]]:
    """Positions and ranks of ``titles.txt`` (ranks: the section whose header
    comment mentions ``rank_marker``)."""
    titles, ranks = [], []
    in_ranks = False
    with open(resource_path("lexicons", "titles.txt"), encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                if line.startswith("# ---"):
                    in_ranks = rank_marker in line.lower()
                continue
            (ranks if in_ranks else titles).append(line)
    return titles, ranks


def _load_awards() -> list[tuple[str, bool]]:
    awards = []
    for line in read_lines("lexicons", "awards.txt"):
        named = line.endswith("+name")
        awards.append((line[: -len("+name")].strip() if named else line, named))
    return awards


def _load_levels() -> list[tuple[str, int, bool]]:
    levels = []
    for line in read_lines("lexicons", "org_levels.tsv"):
        head, level, title_unit = line.split("\t")
        levels.append((head.strip().lower(), int(level), title_unit.strip() == "yes"))
    levels.sort(key=lambda item: -len(item[0]))
    return levels


def make_entity_key(label: str, canonical: str) -> str:
    """The article-local key of an entity, as the canonical component writes it
    (``"ORG:Ủy ban nhân dân tỉnh Gia Lai"``), for organisations a rule makes
    explicit (``Văn phòng`` + ``UBND tỉnh``)."""
    canonical = " ".join(canonical.split())
    return f"{label}:{canonical[:1].upper()}{canonical[1:]}"


def _is_lower_word(word: str) -> bool:
    return word[:1].isalpha() and word[:1].islower()


class RelationExtractor:
    """spaCy component ``vn_relations``: fills ``doc._.relations``."""

    def __init__(self, nlp: Language, name: str = "vn_relations") -> None:
        self.name = name
        cues = read_json("patterns", "relations.json")
        self.confidence: dict[str, float] = cues["confidence"]
        titles, ranks = _load_titles(cues["rank_section_marker"])
        # military ranks are no titles, whichever section of titles.txt lists them
        ranks = sorted(set(ranks) | set(cues["military_ranks"]))
        not_positions = {t.casefold() for t in cues["not_positions"] + ranks}
        titles = [t for t in titles if t.casefold() not in not_positions]
        self.levels = _load_levels()
        self.title_units = [(head, level) for head, level, unit in self.levels if unit]
        honorifics = list(read_lines("lexicons", "honorifics.txt")) + ranks

        flags = re.IGNORECASE
        modifier = _words_regex(cues["title_modifiers"])
        qualifier = _words_regex(cues["title_qualifiers"])
        core = _words_regex(titles)
        # A position: [nguyên|tân|quyền] [Phó] <title> [Thường trực]
        title = rf"(?:{modifier}\s+)?(?:{core}|phó\s+{core})(?:\s+{qualifier})?"
        self.title_re = re.compile(rf"{title}(?![^\W_])", flags)
        self.title_end_re = re.compile(rf"(?<![^\W_])(?P<title>{title})\s+$", flags)
        self.title_prefix_re = re.compile(rf"(?:{modifier}\s+)?(?:{modifier}|phó)", flags)
        unit_heads = _words_regex(cues["unit_title_heads"])
        self.unit_prefix_re = re.compile(rf"(?:{modifier}\s+)?(?:{unit_heads})", flags)
        self.unit_prefix_end_re = re.compile(rf"(?<![^\W_])(?P<title>(?:{modifier}\s+)?{unit_heads})\s+$", flags)
        # an office acting in its own name, not its deputy ("Phó Chủ tịch")
        self.office_re = re.compile(
            rf"(?<![^\W_])(?<!phó )(?<!Phó )(?P<office>{_words_regex(cues['office_titles'])})\s+$", flags
        )
        self.honorific_end_re = re.compile(rf"(?<![^\W_])(?:{_words_regex(honorifics)})\s*$", flags)
        self.honorific_only_re = re.compile(rf"\s*[,\-–—:]?\s*(?:{_words_regex(honorifics)})\s*", flags)
        pronouns = _words_regex(cues["pronouns"])
        self.pronoun_re = re.compile(rf"(?<![^\W_])(?P<pronoun>{pronouns})(?![^\W_])", flags)
        self.position_verb_re = re.compile(
            rf"(?<![^\W_])(?:{_words_regex(cues['position_verbs'])})\s+", flags
        )
        self.chain_joiner_re = re.compile(
            rf"\s*(?:,\s*)?(?:(?:{_words_regex(cues['chain_joiners'])})\s+)?", flags
        )
        self.led_by_re = re.compile(
            rf"\s*(?:,\s*)?(?:{_words_regex(cues['led_by_verbs'])})\s+(?P<title>{title})(?=\s*(?:[.;,)]|$))", flags
        )
        self.do_end_re = re.compile(rf"(?<![^\W_])do\s+(?:(?:{_words_regex(honorifics)})\s+)?$", flags)

        # documents
        adverbs = _words_regex(cues["issue_adverbs"])
        issue_verbs = _words_regex(cues["issue_verbs"])
        done_by_verbs = _words_regex(cues["done_by_verbs"])
        self.issuing_subject_re = re.compile(rf"\s*(?:(?:{adverbs})\s+)?(?:{issue_verbs})\s*", flags)
        self.issue_after_re = re.compile(rf"\s*(?:(?:{adverbs})\s+)?(?:{done_by_verbs})(?![^\W_])", flags)
        self.issuer_link_re = re.compile(
            rf"\s*,?\s*(?P<link>{_words_regex(cues['issuer_links'] + cues['done_by_links'])})\s+"
            rf"(?:(?P<title>{title})\s+)?",
            flags,
        )
        self.done_by_links = {w.casefold() for w in cues["done_by_links"]}
        self.date_lead_re = re.compile(
            rf"\s*,?\s*(?:(?:{_words_regex(cues['date_after_verbs'])})\s+(?:vào\s+)?)?(?:\(\s*)?(?:ngày\s+)?", flags
        )
        self.clause_date_tail_re = re.compile(
            rf"\s*\)?\s*,\s*(?:tại\s[^,;()]{{1,60}},\s*)?(?:{title}\s+)?", flags
        )

        # units
        links = _words_regex(cues["part_of_links"])
        self.link_re = re.compile(rf"\s*,?\s*(?:\([^()]{{1,40}}\)\s*)?\(?\s*(?:{links})\s+", flags)
        self.enumeration_end_re = re.compile(
            rf"(?<![^\W_])\d+\s+(?:{_words_regex(cues['enumeration_nouns'])})\s+(?:{links})\s+$", flags
        )
        self.apposition_children = {w.casefold() for w in cues["apposition_children"]}
        self.coordination_re = re.compile(r"\s*(?:,|và|,\s*và)\s*", flags)

        # awards
        self.awards = _load_awards()
        self.award_re = re.compile(
            rf"(?<![^\W_])(?P<award>{_words_regex(a for a, _ in self.awards)})(?![^\W_])", flags
        )
        self.named_awards = {a.casefold() for a, named in self.awards if named}
        self.award_boundaries = {w.casefold() for w in cues["award_name_boundaries"]}
        self.award_class_re = re.compile(rf"\s+(?:{_words_regex(cues['award_classes'])})(?![^\W_])", flags)
        self.award_verb_end_re = re.compile(
            rf"(?<![^\W_])(?P<verb>{_words_regex(cues['award_verbs'])})\s+(?:(?:{_words_regex(['cho'])})\s+)?$", flags
        )
        self.passive_award_re = re.compile(rf"(?<![^\W_])(?:{_words_regex(cues['passive_award_cues'])})\s*$", flags)
        self.recipient_marker_re = re.compile(rf"(?<![^\W_]){re.escape(cues['recipient_marker'])}(?![^\W_])", flags)
        self.region_end_re = re.compile(
            rf"(?<![^\W_])(?:{_words_regex(cues['recipient_region_end'])})(?![^\W_])", flags
        )
        self.giver_pronoun_re = re.compile(
            rf"(?<![^\W_])(?:{_words_regex(cues['giver_pronouns'])})(?:\s+(?:{_words_regex(titles)}))?"
            rf"(?:\s+(?:đã|cũng|vừa))*\s*$",
            flags,
        )
        self.recipient_cue_end_re = re.compile(
            rf"\s*(?:{_words_regex(cues['recipient_subject_cues'])})\s+$", flags
        )
        self.subject_gap_re = re.compile(
            r"\s*(?:(?:đã|cũng|vừa|tiếp tục|trực tiếp|lần lượt|sẽ)\s+)*", flags
        )
        self.giver_blocker_end_re = re.compile(rf"(?<![^\W_])(?:{_words_regex(cues['giver_blockers'])})\s+$", flags)
        self.link_then_title_re = re.compile(r"(?<![^\W_])(?:của|do|thuộc)\s+(?P<rest>[^,;()]{0,80})$", flags)
        self.of_end_re = re.compile(r"(?<![^\W_])của\s+$", flags)
        self.after_of_re = re.compile(rf"\s*của\s+(?:(?P<title>{title})\s+)?", flags)

    # ------------------------------------------------------------------
    # spaCy entry point
    # ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict]:
        text = doc.text
        sentences = self._sentences(doc)
        year = article_year(text)
        rows = _Rows(text)
        history: list[tuple[int, Node, str]] = []  # (sentence, PER, honorific before it)
        for sentence in sentences:
            claimed = self._positions(text, sentence, rows, history)
            self._units(text, sentence, rows)
            self._documents(text, sentence, rows, year)
            self._awards(text, sentence, rows, claimed, history)
            for node in sentence.nodes:
                if node.label == PER:
                    before = text[max(sentence.start, node.start - 20) : node.start]
                    pronoun = self.honorific_end_re.search(before)
                    history.append((sentence.index, node, pronoun.group(0).strip().casefold() if pronoun else ""))
        return rows.rows

    # ------------------------------------------------------------------
    # Sentences and nodes
    # ------------------------------------------------------------------

    def _sentences(self, doc: Doc) -> list[Sentence]:
        text = doc.text
        sentences = []
        by_token = {}
        for index, sent in enumerate(doc.sents):
            raw = text[sent.start_char : sent.end_char]
            stripped = raw.strip()
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            sentences.append(Sentence(index, start, start + len(stripped)))
            for token in sent:
                by_token[token.i] = index
        for ent in doc.ents:
            index = by_token.get(ent.start)
            if index is None:
                continue
            sentences[index].nodes.append(self._node(ent))
        for sentence in sentences:
            sentence.nodes = self._merge_aliases(text, sentence.nodes)
        return sentences

    def _node(self, ent: Span) -> Node:
        canonical = ent._.canonical or ent.text
        key = ent._.entity_key or make_entity_key(ent.label_, canonical)
        node = Node(ent.start_char, ent.end_char, ent.text, ent.label_, key, ent)
        if ent.label_ == ORG:
            node.head, node.level = self._head(ent.text)
        return node

    def _head(self, org_text: str) -> tuple[str | None, int | None]:
        lowered = org_text.casefold()
        for head, level, _ in self.levels:
            if lowered.startswith(head) and (len(lowered) == len(head) or not lowered[len(head)].isalnum()):
                return head, level
        return None, None

    def _title_unit(self, org_text: str) -> str | None:
        """The head noun as written when titles are formed with it (``phòng``)."""
        lowered = org_text.casefold()
        for head, _ in self.title_units:
            if lowered.startswith(head) and (len(lowered) == len(head) or not lowered[len(head)].isalnum()):
                return org_text[: len(head)]
        return None

    def _merge_aliases(self, text: str, nodes: list[Node]) -> list[Node]:
        """Fold ``ORG (ABBR)`` into one node when the parenthesis names the
        same unit (an abbreviation, not a higher parent)."""
        merged: list[Node] = []
        for node in nodes:
            if merged and node.label == ORG and merged[-1].label == ORG:
                outer = merged[-1]
                gap = text[outer.end : node.start]
                after = text[node.end : node.end + 3]
                if re.fullmatch(r"\s*\(\s*", gap) and re.match(r"\s*\)", after) and not self._is_higher(node, outer):
                    outer.end = node.end + after.index(")") + 1
                    continue
            merged.append(node)
        return merged

    def _is_higher(self, parent: Node, child: Node) -> bool:
        return (
            parent.level is not None
            and child.level is not None
            and parent.level < child.level
            and parent.key != child.key
        )

    # ------------------------------------------------------------------
    # Titles
    # ------------------------------------------------------------------

    def _synthetic_unit(self, head: str, org: Node) -> Node:
        """``Văn phòng`` + ``UBND tỉnh``: the unit a title names (``Chánh Văn phòng UBND tỉnh``)."""
        canonical = org.span._.canonical if org.span is not None and org.span._.canonical else org.text
        text = f"{head} {org.text}"
        node = Node(org.start, org.end, text, ORG, make_entity_key(ORG, f"{head} {canonical}"))
        node.head, node.level = self._head(text)
        return node

    def _split_office(self, org: Node, prefix: str = "") -> tuple[str, Node] | None:
        """An ORG that starts with a position (``Chủ tịch UBND tỉnh``, tagged as
        an office) read as title + organisation in a position context;
        ``prefix`` is a ``Phó`` or ``nguyên`` written before it."""
        if prefix and not self.title_prefix_re.fullmatch(prefix):
            return None
        # the longest run of first words that is a position and leaves a
        # capitalised organisation ("Chủ tịch" | "UBND tỉnh", not "Chủ tịch UBND" | "tỉnh")
        words = list(re.finditer(r"\S+", org.text))
        split = None
        for n in range(1, min(len(words), 7)):
            rest = org.text[words[n].start() :]
            if self.title_re.fullmatch(org.text[: words[n - 1].end()]) and rest[0].isupper() and self._head(rest)[0]:
                split = n
        if split is None:
            return None
        title_end, rest_start = words[split - 1].end(), words[split].start()
        rest = org.text[rest_start:]
        canonical = org.span._.canonical if org.span is not None and org.span._.canonical else org.text
        canonical_words = canonical.split()
        rest_canonical = " ".join(canonical_words[split:]) if len(canonical_words) > split else rest
        node = Node(org.start + rest_start, org.end, rest, ORG, make_entity_key(ORG, rest_canonical))
        node.head, node.level = self._head(rest)
        title = org.text[:title_end]
        return (f"{prefix} {title}" if prefix else title), node

    def _unit_title(self, title: str, org: Node) -> tuple[str, Node]:
        """A title ending with a unit head (``Chánh Văn phòng``) before an ORG
        that lacks it names the unit: ``Văn phòng`` + ORG."""
        lowered = title.casefold()
        for head, _ in self.title_units:
            if lowered.endswith(" " + head) and not org.text.casefold().startswith(head):
                return title, self._synthetic_unit(title[len(title) - len(head) :], org)
        return title, org

    def _parse_title(self, phrase: str, org: Node) -> tuple[str, Node] | None:
        """Read ``phrase`` (the words between a separator and an ORG) as a
        position; returns (title as written, organisation)."""
        phrase = re.sub(r"\s+của$", "", phrase.strip(), flags=re.IGNORECASE)
        if not phrase:
            return self._split_office(org)
        if len(phrase) > 80:
            return None
        match = self.title_re.match(phrase)
        if match:
            rest = phrase[match.end() :].split()
            if len(rest) <= 4 and all(_is_lower_word(word) for word in rest):
                return self._unit_title(phrase, org)
        match = self.unit_prefix_re.fullmatch(phrase)
        unit = self._title_unit(org.text)
        if match and unit:
            return f"{phrase} {unit}", org
        return self._split_office(org, phrase)

    def _after_link(self, text: str, start: int, end: int) -> bool:
        """Whether the words right before ``end`` are ``của``/``do``/``thuộc`` +
        a position: an issuer or an owner (``Quyết định ... của Tổng Giám đốc
        Tổng công ty, ông A``), not a person's position."""
        gap = text[max(start, end - 100) : end]
        match = self.link_then_title_re.search(gap)
        if match is None:
            return False
        rest = match.group("rest").strip()
        return bool(rest) and bool(self.title_re.fullmatch(rest) or self.unit_prefix_re.fullmatch(rest))

    def _title_before(self, text: str, start: int, org: Node) -> tuple[str, Node] | None:
        """A position written right before ``org`` (from ``start``)."""
        gap = text[max(start, org.start - 100) : org.start]
        match = self.title_end_re.search(gap)
        if match:
            return self._unit_title(match.group("title"), org)
        match = self.unit_prefix_end_re.search(gap)
        unit = self._title_unit(org.text)
        if match and unit:
            return f"{match.group('title')} {unit}", org
        prefix = re.search(r"(?<![^\W_])(?:\S+\s+)?\S+\s+$", gap)
        if prefix and self.title_prefix_re.fullmatch(prefix.group(0).strip()):
            return self._split_office(org, prefix.group(0).strip())
        if prefix and self.title_prefix_re.fullmatch(prefix.group(0).split()[-1]):
            return self._split_office(org, prefix.group(0).split()[-1])
        return None

    # ------------------------------------------------------------------
    # holds_position
    # ------------------------------------------------------------------

    def _title_organisation_name(self, text: str, sentence: Sentence, rows: "_Rows", claimed: set[int], *,
                                 comma: bool) -> None:
        """``<title> <ORG> <PER>``, or with ``comma`` ``<title> <ORG>, ông <PER>``."""
        nodes = sentence.nodes
        for i in range(len(nodes) - 1):
            org, person = nodes[i], nodes[i + 1]
            if org.label != ORG or person.label != PER or i in claimed:
                continue
            gap = text[org.end : person.start]
            if comma != bool(gap.strip()):
                continue
            if comma and (not self.honorific_only_re.fullmatch(gap) or not re.search(r"[,\-–]", gap)):
                continue
            start = nodes[i - 1].end if i else sentence.start
            found = self._title_before(text, start, org)
            if found is None and not comma:
                found = self._split_office(org)
            if found is None:
                continue
            if comma and self._after_link(text, start, org.start):
                continue  # "Quyết định ... của Tổng Giám đốc Tổng công ty, ông A": the issuer, no apposition
            title, unit = found
            rule = "holds_position.title_org_comma_name" if comma else "holds_position.title_org_name"
            rows.add(person, "holds_position", unit, sentence, self.confidence[rule], title=title)
            claimed.add(i)

    def _positions(self, text: str, sentence: Sentence, rows: "_Rows", history) -> set[int]:
        """Rows of ``holds_position``; returns the indices of the ORG nodes
        that are a person's organisation (no award recipients)."""
        nodes = sentence.nodes
        claimed: set[int] = set()

        def previous_end(i: int) -> int:
            return nodes[i - 1].end if i else sentence.start

        # title ORG PER: "Thứ trưởng Bộ TT&TT Phan Tâm"
        self._title_organisation_name(text, sentence, rows, claimed, comma=False)
        # PER - title ORG, title ORG ...: apposition chains
        for p, person in enumerate(nodes):
            if person.label != PER:
                continue
            j, cursor, first = p + 1, person.end, True
            while j < len(nodes):
                org = nodes[j]
                gap = text[cursor : org.start]
                if org.label != ORG or len(gap) > WINDOW:
                    break
                found = None
                if first:
                    match = re.match(r"\s*(?:[,:\-–—]|\()\s*", gap)
                    if match:
                        found = self._parse_title(gap[match.end() :], org)
                        segments = gap[match.end() :].split(",")
                        if found is None and 1 < len(segments) <= 3 and all(
                            0 < len(segment.split()) <= 5 for segment in segments[:-1]
                        ):
                            # "ông A, Tỉnh ủy viên, Giám đốc Sở X": positions without an organisation first
                            found = self._parse_title(segments[-1], org)
                else:
                    match = self.chain_joiner_re.match(gap)
                    if match and gap[: match.end()].strip():
                        found = self._parse_title(gap[match.end() :], org)
                if found is None:
                    # a parent after "thuộc" or in apposition: skip it, go on
                    if not first and (
                        self.link_re.fullmatch(gap)
                        or (re.fullmatch(r"\s*,\s*", gap) and self._is_higher(org, nodes[j - 1]))
                    ):
                        claimed.add(j)
                        cursor = org.end
                        j += 1
                        continue
                    break
                if j + 1 < len(nodes) and nodes[j + 1].label == PER and not text[org.end : nodes[j + 1].start].strip():
                    break  # "..., Phó Chủ tịch UBND tỉnh Nguyễn Văn B": B's position
                title, unit = found
                rule = "holds_position.name_apposition" if first else "holds_position.apposition_chain"
                rows.add(person, "holds_position", unit, sentence, self.confidence[rule], title=title)
                claimed.add(j)
                cursor, first = org.end, False
                j += 1
                paren = re.match(r"\s*\([^()]{0,150}\)", text[cursor : cursor + 160])
                if paren:
                    cursor += paren.end()
                    while j < len(nodes) and nodes[j].start < cursor:
                        claimed.add(j)
                        j += 1

        # title ORG, honorific PER: "Giám đốc Sở Tư pháp, ông Nguyễn Văn A" (an ORG no chain took)
        self._title_organisation_name(text, sentence, rows, claimed, comma=True)

        # position verbs: "ông A từng giữ chức Trưởng phòng X", "bà là Phó Giám đốc Sở Y"
        last_person: list[int | None] = []
        latest = None
        for k, node in enumerate(nodes):
            last_person.append(latest)
            if node.label == PER:
                latest = k
        for j, org in enumerate(nodes):
            if org.label != ORG:
                continue
            start = previous_end(j)
            gap = text[max(start, org.start - 120) : org.start]
            verb = None
            for verb in self.position_verb_re.finditer(gap):
                pass
            if verb is None:
                continue
            found = self._parse_title(gap[verb.end() :], org)
            if found is None:
                continue
            title, unit = found
            subject = nodes[last_person[j]] if last_person[j] is not None else None
            rule = "holds_position.verb_title"
            if subject is None:
                subject = self._antecedent(text[sentence.start : org.start], sentence, history)
                rule = "holds_position.pronoun"
            if subject is None:
                continue
            rows.add(subject, "holds_position", unit, sentence, self.confidence[rule], title=title)
            claimed.add(j)

        # "Ban Chỉ đạo ... do đồng chí A, Bí thư Thành ủy làm Trưởng ban"
        for p, person in enumerate(nodes):
            if person.label != PER or p == 0:
                continue
            committee = next((n for n in reversed(nodes[max(0, p - 4) : p]) if n.label != DIRECTIVE), None)
            if committee is None or committee.label != ORG or ";" in text[committee.end : person.start]:
                continue
            if person.start - committee.end > WINDOW:
                continue
            if not self.do_end_re.search(text[max(committee.end, person.start - 40) : person.start]):
                continue
            cursor, k = person.end, p + 1
            while k < len(nodes) and k in claimed:
                cursor, k = nodes[k].end, k + 1
            match = self.led_by_re.match(text, cursor, min(len(text), cursor + 120))
            if match and (k >= len(nodes) or nodes[k].start >= match.end()):
                rows.add(person, "holds_position", committee, sentence, self.confidence["holds_position.led_by"],
                         title=match.group("title"))
        return claimed

    def _antecedent(self, before: str, sentence: Sentence, history) -> Node | None:
        """The person a bare ``ông``/``bà``/``đồng chí`` in ``before`` names:
        the last person of the previous sentences, with the same honorific if
        one was written."""
        match = None
        before = before[-160:]
        for candidate in self.pronoun_re.finditer(before):
            following = before[candidate.end() :].lstrip()[:1]
            if not following.isupper():  # "ông Hường" is a name, "ông từng" a pronoun
                match = candidate
        if match is None:
            return None
        pronoun = match.group("pronoun").casefold()
        candidates = [(s, node, h) for s, node, h in history[-30:] if sentence.index - PRONOUN_REACH <= s < sentence.index]
        for _, node, honorific in reversed(candidates):
            if honorific == pronoun:
                return node
        return candidates[-1][1] if candidates else None

    # ------------------------------------------------------------------
    # part_of
    # ------------------------------------------------------------------

    def _units(self, text: str, sentence: Sentence, rows: "_Rows") -> None:
        nodes = sentence.nodes
        for j, parent in enumerate(nodes):
            if parent.label != ORG:
                continue
            before = text[(nodes[j - 1].end if j else sentence.start) : parent.start]
            after = text[parent.end : parent.end + 400]
            child = nodes[j - 1] if j and nodes[j - 1].label == ORG else None
            if child is not None and len(before) <= 60 and self.link_re.fullmatch(before):
                for unit in self._with_siblings(text, nodes, j - 1):
                    rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.link"])
            elif self.enumeration_end_re.search(before[-60:]) and re.match(r"\s*\(", after):
                close = after.find(")")
                close = parent.end + close if close >= 0 else parent.end + len(after)
                for unit in nodes[j + 1 :]:
                    if unit.start >= close:
                        break
                    if unit.label == ORG:
                        rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.enumeration"])
            elif (
                child is not None
                and re.fullmatch(r"\s*\(\s*", before)
                and re.match(r"\s*\)", after)
                and self._is_higher(parent, child)
            ):
                for unit in self._with_siblings(text, nodes, j - 1):
                    rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.parenthesis"])
            elif (
                child is not None
                and re.fullmatch(r"\s*,\s*", before)
                and child.head in self.apposition_children
                and self._is_higher(parent, child)
                and not self._coordinated(text, nodes, j - 1)
            ):
                rows.add(child, "part_of", parent, sentence, self.confidence["part_of.apposition"])

    def _with_siblings(self, text: str, nodes: list[Node], k: int) -> list[Node]:
        """``nodes[k]`` and the units coordinated before it with the same head
        noun (``Bưu cục A, Bưu cục B (trực thuộc ...)``)."""
        units = [nodes[k]]
        while k > 0:
            previous = nodes[k - 1]
            if previous.label != ORG or previous.head is None or previous.head != nodes[k].head:
                break
            if not self.coordination_re.fullmatch(text[previous.end : nodes[k].start]):
                break
            units.insert(0, previous)
            k -= 1
        return units

    def _coordinated(self, text: str, nodes: list[Node], k: int) -> bool:
        """Whether ``nodes[k]`` and the ORG after it are items of a list (``A, B,
        C``; ``(A, B; C)``), where the second is one more item, not the parent
        of the first."""
        if k and nodes[k - 1].label == ORG and self.coordination_re.fullmatch(text[nodes[k - 1].end : nodes[k].start]):
            return True
        if re.search(r"[(:;]\s*$", text[max(0, nodes[k].start - 5) : nodes[k].start]):
            return True  # the first item of a list
        if k + 2 < len(nodes) and nodes[k + 2].label == ORG:
            return bool(re.fullmatch(r"\s*[,;]\s*", text[nodes[k + 1].end : nodes[k + 2].start]))
        return False

    # ------------------------------------------------------------------
    # issued_by / issued_on
    # ------------------------------------------------------------------

    def _issuer_node(self, text: str, node: Node, title: str | None) -> Node:
        """The issuer; an office written before the ORG (``Chủ tịch`` UBND tỉnh,
        ``Thủ tướng`` Chính phủ) acts in its own name and is the issuer."""
        if title and self.office_re.fullmatch(title + " "):
            canonical = node.span._.canonical if node.span is not None and node.span._.canonical else node.text
            office = Node(node.start - len(title) - 1, node.end, f"{title} {node.text}", ORG,
                          make_entity_key(ORG, f"{title} {canonical}"))
            return office
        return node

    @staticmethod
    def _document_kind(document: Node) -> tuple[str, str] | None:
        """(type word, number code): ``Quyết định 2146/QĐ-UBND`` -> (quyết định, qđ-ubnd)."""
        canonical = document.span._.canonical if document.span is not None and document.span._.canonical else document.text
        parts = canonical.rsplit(" ", 1)
        if len(parts) != 2 or not any(ch.isdigit() for ch in parts[1]):
            return None
        code = re.sub(r"^\d+[a-zA-Z]?(?:/\d{4})?[/-]", "", parts[1])
        kind = re.sub(r"\s+số$", "", parts[0].strip(), flags=re.IGNORECASE)
        return kind.casefold(), code.casefold()

    def _documents(self, text: str, sentence: Sentence, rows: "_Rows", year: int | None) -> None:
        nodes = sentence.nodes
        issuers: dict[int, dict] = {}  # document node -> its issued_by row
        for d, document in enumerate(nodes):
            if document.label != DIRECTIVE:
                continue
            issued = len(rows.rows)
            dated = False
            # after the document: ngày ..., (12/8), của X, do X ban hành: any order
            cursor, k = document.end, d + 1
            for _ in range(4):
                date = self._date_at(text, cursor, year, sentence.end)
                if date is not None:
                    iso, cursor = date
                    if iso and not dated:
                        rows.add(document, "issued_on", None, sentence, self.confidence["issued_on.attached"],
                                 object_text=iso)
                    dated = True
                    continue
                link = self.issuer_link_re.match(text, cursor, min(sentence.end, cursor + 80))
                while k < len(nodes) and nodes[k].start < cursor:
                    k += 1
                if link is None or k >= len(nodes):
                    break
                issuer, office = nodes[k], link.group("title")
                if office and issuer.start == link.start("title"):
                    office = None  # the office is tagged with its organisation
                elif issuer.start != link.end():
                    break
                if issuer.label != ORG:
                    break
                done_by = link.group("link").casefold() in self.done_by_links
                if done_by and not self.issue_after_re.match(text, issuer.end, min(len(text), issuer.end + 40)):
                    break
                rule = "issued_by.done_by" if done_by else "issued_by.of"
                rows.add(document, "issued_by", self._issuer_node(text, issuer, office), sentence,
                         self.confidence[rule])
                cursor = issuer.end
                k += 1
            # before the document: "[Ngày ..., ] UBND tỉnh X (vừa) ban hành <document>"
            if d == 0 or nodes[d - 1].label != ORG:
                self._coordinated_issuer(text, sentence, rows, d, issued, issuers)
                continue
            issuer = nodes[d - 1]
            if not self.issuing_subject_re.fullmatch(text, issuer.end, document.start):
                self._coordinated_issuer(text, sentence, rows, d, issued, issuers)
                continue
            before = text[(nodes[d - 2].end if d >= 2 else sentence.start) : issuer.start]
            title = self.office_re.search(before[-30:])
            rows.add(document, "issued_by", self._issuer_node(text, issuer, title.group("office") if title else None),
                     sentence, self.confidence["issued_by.issuing_subject"])
            self._coordinated_issuer(text, sentence, rows, d, issued, issuers)
            if not dated:
                iso = self._clause_date(text, max(sentence.start, issuer.start - 120), issuer.start, year)
                if iso:
                    rows.add(document, "issued_on", None, sentence, self.confidence["issued_on.clause_date"],
                             object_text=iso)

    def _coordinated_issuer(self, text, sentence, rows, d, issued, issuers) -> None:
        """``công bố Quyết định số 12/QĐ-UBND ... của Chủ tịch UBND tỉnh ...;
        Quyết định số 13/QĐ-UBND ...``: a document listed after one of the same
        type and number code in the same sentence shares its stated issuer."""
        document = sentence.nodes[d]
        new_rows = rows.rows[issued:]
        for row in new_rows:
            if row["relation"] == "issued_by":
                issuers[d] = row
                return
        kind = self._document_kind(document)
        if kind is None or not re.search(r"(?:;|,|\bvà)\s*$", text[max(sentence.start, document.start - 6) : document.start]):
            return
        for e in range(d - 1, max(-1, d - 20), -1):
            earlier = sentence.nodes[e]
            if earlier.label == DIRECTIVE and e in issuers and self._document_kind(earlier) == kind:
                row = issuers[e]
                issuer = Node(0, 0, row["object"], row["object_label"], row["object_key"])
                rows.add(document, "issued_by", issuer, sentence, self.confidence["issued_by.coordinated"])
                return

    def _date_at(self, text: str, cursor: int, year: int | None, limit: int) -> tuple[str | None, int] | None:
        """A date written at ``cursor`` (``ngày 02/5/2007``, ``ngày 2 tháng 5
        năm 2007``, ``(12/8)``): (ISO or None, end of the date expression)."""
        lead = self.date_lead_re.match(text, cursor, min(limit, cursor + 20))
        if lead is None:
            return None
        found = _find_dates(text[cursor : min(limit, cursor + 60)], year)
        if not found:
            return None
        start, end, iso = found[0]
        # numeric dates start after "ngày", verbal ones at it
        if cursor + start != lead.end() and not self.date_lead_re.fullmatch(text[cursor : cursor + start] + " "):
            return None
        end += cursor
        close = re.match(r"\s*\)", text[end : end + 3])
        if close and "(" in text[cursor : cursor + start]:
            end += close.end()
        return iso, end

    def _clause_date(self, text: str, start: int, end: int, year: int | None) -> str | None:
        """The date that opens the clause of an issuing subject: ``Ngày
        15/8/2022, UBND tỉnh ...``, ``Hôm nay (12/8), ...``."""
        found = _find_dates(text[start:end], year)
        if not found:
            return None
        _, date_end, iso = found[-1]
        if self.clause_date_tail_re.fullmatch(text, start + date_end, end):
            return iso
        return None

    # ------------------------------------------------------------------
    # awarded
    # ------------------------------------------------------------------

    def _award_text(self, text: str, match: re.Match, limit: int) -> tuple[str, int]:
        """The award as written, with its name after heads like ``Huân chương``
        (up to a boundary word) and its class (``hạng Ba``)."""
        end = match.end()
        if " ".join(match.group("award").split()).casefold() in self.named_awards:
            for _ in range(6):
                word = re.match(r"\s+([^\W\d_][\w'-]*)", text[end : min(limit, end + 40)])
                if word is None or word.group(1).casefold() in self.award_boundaries or word.group(1).casefold() == "hạng":
                    break
                end += word.end()
            class_match = self.award_class_re.match(text, end, min(limit, end + 20))
            if class_match:
                end = class_match.end()
        return text[match.start() : end], end

    def _awards(self, text: str, sentence: Sentence, rows: "_Rows", claimed: set[int], history) -> None:
        nodes = sentence.nodes
        matches = list(self.award_re.finditer(text, sentence.start, sentence.end))
        if not matches:
            return
        starts = [node.start for node in nodes]
        # pass 1: each award's verb and the person or body written right before it
        plans = []
        for match in matches:
            award, award_end = self._award_text(text, match, sentence.end)
            before = text[max(sentence.start, match.start() - 40) : match.start()]
            verb = self.award_verb_end_re.search(before)
            verb_start = match.start() - len(before) + verb.start() if verb else None
            subject = None
            if verb_start is not None:
                k = bisect.bisect_left(starts, verb_start) - 1
                if k >= 0 and nodes[k].end <= verb_start and self.subject_gap_re.fullmatch(text, nodes[k].end, verb_start):
                    subject = k  # "ông C (cũng) trao ...": the subject of this verb, no recipient of the last list
            plans.append((match, award, award_end, verb_start, subject))
        subjects = {plan[4] for plan in plans if plan[4] is not None}
        # pass 2: recipients after "cho", up to the next award (or its verb and subject)
        previous_giver = None
        clause_start = sentence.start
        for m, (match, award, award_end, verb_start, subject) in enumerate(plans):
            if m + 1 < len(plans):
                following = plans[m + 1]
                next_start = following[3] if following[3] is not None else following[0].start()
                if following[4] is not None:
                    next_start = min(next_start, nodes[following[4]].start)
            else:
                next_start = sentence.end
            marker = self.recipient_marker_re.search(text, award_end, min(next_start, award_end + 150))
            if marker is None or ";" in text[award_end : marker.start()]:
                self._recipient_subject(text, sentence, rows, starts, match, award, award_end)
                continue
            region_end = next_start
            stop = self.region_end_re.search(text, marker.end(), region_end)
            if stop:
                region_end = stop.start()
            granting = self._granting(text, nodes, starts, award_end, marker.start())
            giver, rule = None, None
            if self.passive_award_re.search(text, award_end, marker.start()):
                giver, rule = granting, "awarded.body_giver"
            elif verb_start is not None:
                if subject is not None and nodes[subject].label == PER:
                    giver, rule = nodes[subject], "awarded.named_giver"
                else:
                    giver, rule = self._giver(text, nodes, starts, sentence, clause_start, verb_start, history)
                if giver is None and granting is not None:
                    giver, rule = granting, "awarded.body_giver"
            elif previous_giver is not None and re.search(
                r"(?:,|và|cùng)\s*$", text[max(sentence.start, match.start() - 10) : match.start()]
            ):
                giver, rule = previous_giver  # "... Cờ thi đua cho A và Bằng khen cho B"
            clause_start = region_end
            if giver is None:
                continue
            previous_giver = (giver, rule)
            for recipient in self._recipients(text, nodes, starts, marker.end(), region_end, claimed | subjects):
                if recipient.key != giver.key:
                    rows.add(giver, "awarded", recipient, sentence, self.confidence[rule], award=award)

    def _recipient_subject(self, text, sentence, rows, starts, match, award, award_end) -> None:
        """``Sở X vinh dự được Chủ tịch nước tặng Huân chương ...``: the
        recipient is the subject, the giver the agent after ``được`` (else
        the granting body: ``được tặng Bằng khen của Bộ trưởng Bộ Y tế``)."""
        nodes = sentence.nodes
        before = text[max(sentence.start, match.start() - 60) : match.start()]
        verb = self.award_verb_end_re.search(before)
        if verb is None:
            return
        verb_start = match.start() - len(before) + verb.start()
        last = bisect.bisect_left(starts, verb_start)
        previous = [n for n in nodes[max(0, last - 3) : last] if n.end <= verb_start]
        giver, recipient = None, None
        if previous and not text[previous[-1].end : verb_start].strip():
            cue = self.recipient_cue_end_re.search(text, max(sentence.start, previous[-1].start - 30), previous[-1].start)
            if cue and len(previous) >= 2 and not text[previous[-2].end : cue.start()].strip():
                giver, recipient = previous[-1], previous[-2]
        if recipient is None and previous:
            cue = self.recipient_cue_end_re.search(text, previous[-1].end, verb_start)
            if cue and not text[previous[-1].end : cue.start()].strip():
                recipient = previous[-1]
                giver = self._granting(text, nodes, starts, award_end, min(sentence.end, award_end + 120))
        if giver is None or recipient is None or recipient.label not in (ORG, PER):
            return
        rows.add(giver, "awarded", recipient, sentence, self.confidence["awarded.passive"], award=award)

    def _granting(self, text: str, nodes: list[Node], starts: list[int], start: int, end: int) -> Node | None:
        """``Bằng khen của <X>``: the granting body or office."""
        link = self.after_of_re.match(text, start, end)
        if link is None:
            return None
        for position in (link.end(), link.start("title") if link.group("title") else -1):
            k = bisect.bisect_left(starts, position)
            if position >= 0 and k < len(nodes) and nodes[k].start == position and nodes[k].label in (ORG, PER):
                office = link.group("title") if position == link.end() else None
                return self._issuer_node(text, nodes[k], office)
        return None

    def _giver(self, text, nodes, starts, sentence, clause_start, verb_start, history):
        """Who hands the award over: the last person named before the verb in
        its clause, else a bare ``đồng chí`` of the previous sentences, else
        the organisation that is the clause's subject."""
        first = bisect.bisect_left(starts, clause_start)
        last = bisect.bisect_left(starts, verb_start)
        before_nodes = [n for n in nodes[max(first, last - 40) : last] if n.end <= verb_start]
        for node in reversed(before_nodes):
            if node.label == PER:
                return node, "awarded.named_giver"
        if self.giver_pronoun_re.search(text[max(clause_start, verb_start - 60) : verb_start]):
            person = self._antecedent(text[max(clause_start, verb_start - 160) : verb_start] + " ", sentence, history)
            if person is None:
                # "đồng chí Phó Chủ tịch": the person of the previous sentences
                candidates = [n for s, n, _ in history[-30:] if sentence.index - PRONOUN_REACH <= s < sentence.index]
                person = candidates[-1] if candidates else None
            if person is not None:
                return person, "awarded.pronoun_giver"
        for node in reversed(before_nodes):
            if node.label != ORG:
                continue
            left = text[max(clause_start, node.start - 40) : node.start]
            if self.giver_blocker_end_re.search(left) or self.of_end_re.search(left) or self.link_re.fullmatch(left[-15:]):
                continue
            # "Bộ trưởng Bộ Y tế tặng ...": the ministry; "Chủ tịch UBND tỉnh tặng ...": the office
            office = self.office_re.search(left[-30:])
            return self._issuer_node(text, node, office.group("office") if office else None), "awarded.body_giver"
        return None, None

    def _recipients(self, text: str, nodes: list[Node], starts: list[int], start: int, end: int,
                    excluded: set[int]) -> list[Node]:
        """Named organisations and persons of a recipient list (danh sách khen thưởng)."""
        recipients = []
        enumeration_parent = None  # "02 đơn vị thuộc X (": the units inside are recipients
        excluded_previous = False
        for j in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            node = nodes[j]
            if node.label not in (ORG, PER):
                continue
            before = text[max(start, nodes[j - 1].end if j else start) : node.start] if j else text[start : node.start]
            inside_enumeration = enumeration_parent is not None and node.start < enumeration_parent
            if node.label == PER and j not in excluded:
                recipients.append(node)
                excluded_previous = False
                continue
            if j in excluded:
                excluded_previous = True
                continue
            is_parent = bool(self.link_re.fullmatch(before[-40:]) or re.search(r"(?:trực thuộc|thuộc)\s+$", before[-20:], re.I))
            if is_parent:
                after = text[node.end : node.end + 400]
                if self.enumeration_end_re.search(before[-60:]) and re.match(r"\s*\(", after):
                    close = after.find(")")
                    enumeration_parent = node.end + (close if close >= 0 else len(after))
                excluded_previous = True
                continue
            if re.fullmatch(r"\s*\(\s*", before) and not inside_enumeration:
                excluded_previous = True  # a parent or an alias in parentheses
                continue
            if excluded_previous and re.fullmatch(r"\s*,\s*", before) and j and self._is_higher(node, nodes[j - 1]):
                continue  # apposition parent of a position's unit
            if self.of_end_re.search(before[-10:]) or self._title_before(text, max(start, node.start - 100), node):
                excluded_previous = True
                continue
            recipients.append(node)
            excluded_previous = False
        return recipients


# --------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------


class _Rows:
    """Relation rows of one Doc, each (subject, relation, object, qualifier) once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.rows: list[dict] = []
        self._seen: set[tuple] = set()

    def add(self, subject: Node, relation: str, obj: Node | None, sentence: Sentence, confidence: float, *,
            object_text: str | None = None, title: str | None = None, award: str | None = None) -> None:
        if obj is not None and obj.key == subject.key:
            return
        title = " ".join(title.split()) if title else None
        award = " ".join(award.split()) if award else None
        object_key = obj.key if obj is not None else None
        identity = (
            subject.key.casefold(), relation, (object_key or object_text).casefold(),
            (title or "").casefold(), (award or "").casefold(),
        )
        if identity in self._seen:
            return
        self._seen.add(identity)
        self.rows.append(
            {
                "subject": subject.text,
                "subject_label": subject.label,
                "subject_key": subject.key,
                "relation": relation,
                "object": obj.text if obj is not None else object_text,
                "object_label": obj.label if obj is not None else DATE,
                "object_key": object_key,
                "title": title,
                "award": award,
                "evidence": self.text[sentence.start : sentence.end],
                "sentence_id": sentence.index,
                "start": sentence.start,
                "end": sentence.end,
                "confidence": float(confidence),
            }
        )


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_YEAR_WORD_RE = re.compile(r"(?<![^\W_])(?P<cue>\w+\s+)?năm\s+(?P<year>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_MONTH_YEAR_RE = re.compile(r"(?<![^\W_])tháng\s+\d{1,2}\s*/\s*(?P<year>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_NOT_NOW_CUES = {"đến", "tới", "sinh", "từ", "trước", "vào", "khóa", "khoá"}


def _fallback_find_dates(text: str, default_year: int | None) -> list[tuple[int, int, str | None]]:
    """Minimal stand-in for :func:`pipeline.nlp.dates.find_dates`."""
    import datetime

    found = []
    for match in re.finditer(r"(?<![\d/])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}))?(?![\d/])", text):
        year = match.group(4) or default_year
        try:
            iso = datetime.date(int(year), int(match.group(3)), int(match.group(1))).isoformat() if year else None
        except ValueError:
            iso = None
        found.append((match.start(), match.end(), iso))
    return found


def _find_dates(text: str, default_year: int | None) -> list[tuple[int, int, str | None]]:
    if find_dates is not None:
        return find_dates(text, default_year=default_year)
    return _fallback_find_dates(text, default_year)


def article_year(text: str) -> int | None:
    """The year the article is written in, for dates without one (``(12/8)``):
    the year most often written in full dates, ``tháng 7/2024`` and ``năm
    2024`` (not targets such as ``đến năm 2030`` or birth years); the latest on
    a tie.

    >>> article_year("Hôm nay (12/8), ... đến cuối tháng 7/2024 ... năm 2024 ... đến năm 2030")
    2024
    """
    counts: Counter[int] = Counter()
    for _, _, iso in _find_dates(text, None):
        if iso:
            counts[int(iso[:4])] += 2
    for match in _MONTH_YEAR_RE.finditer(text):
        counts[int(match.group("year"))] += 1
    for match in _YEAR_WORD_RE.finditer(text):
        cue = (match.group("cue") or "").strip().casefold()
        if cue not in _NOT_NOW_CUES:
            counts[int(match.group("year"))] += 1
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


@Language.factory("vn_relations")
def create_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
