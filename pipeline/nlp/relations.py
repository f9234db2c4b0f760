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
      ``..., giữ chức Giám đốc Sở Y`` and ``... kiêm Chủ tịch ...``; a party
      committee member (``ông A, Thành ủy viên, Giám đốc Sở X``: title
      ``Thành ủy viên`` of the ORG ``Thành ủy``, and the chain goes on); two
      titles joined by ``kiêm`` before one ORG are one title as written
      (``Phó Chỉ huy trưởng kiêm Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh``);
      after a position verb, the positions in apposition go with the same
      subject (``Ông hiện là Ủy viên Ban Thường vụ Tỉnh ủy, Chỉ huy trưởng ...``);
    * a position verb (giữ chức, làm, là): ``ông A từng giữ chức Trưởng phòng
      X``; a bare ``ông``/``bà`` names the person of the previous sentences;
    * a fronted position: ``Là Phó Chủ tịch UBND tỉnh phụ trách ..., ông Vinh
      ...``, ``Trên cương vị Giám đốc Sở X, bà A ...``;
    * ``Ban Chỉ đạo ... do đồng chí A làm Trưởng ban`` (a title naming a kind
      of body, ``Trưởng đoàn``, leads only a body of that kind, not the
      ministry a delegation comes from).
    Titles keep their modifiers and qualifiers (``Quyền Giám đốc``, ``nguyên
    Giám đốc``, ``Phó Giám đốc phụ trách``).
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
    a year (``(12/8)``) takes the article's year; a lower-case note after the
    issuer is skipped (``của UBND tỉnh X (cũ) ban hành ngày ...``).
``part_of`` ORG -> ORG, only with a link in the text
    ``thuộc``/``trực thuộc`` (``Phòng X thuộc Công an tỉnh``, ``A và B thuộc
    C``, ``(trực thuộc Sở)``, ``X, đơn vị sự nghiệp trực thuộc Sở Y``); a list
    under one parent (``02 đơn vị thuộc Công an tỉnh (Phòng A, Phòng B)``,
    ``các đơn vị trực thuộc Sở Y tế gồm: A, B và C``, ``Công an tỉnh và 02
    đơn vị thuộc: A, B``, ``Tập đoàn ... các đơn vị thành viên gồm A, B``); a
    parent in parentheses (``Bộ Tư lệnh 86 (Bộ Quốc phòng)``) or sub-units in
    parentheses after their parent (``Công an tỉnh (Phòng A, Phòng B)``); an
    apposition with a comma or a spaced dash (``Cục Báo chí, Bộ TT&TT``,
    ``Phòng PA05 - Công an tỉnh``); ``của`` between a sub-unit and its parent
    (``Phòng Tổ chức cán bộ của Sở Nội vụ``).  The bare links (parenthesis,
    apposition, ``của``) only put a sub-unit noun (Phòng, Cục, Trung tâm,
    Ban, Văn phòng, Chi nhánh ...) under a higher unit
    (``models/lexicons/org_levels.tsv``), never a name that already holds its
    parent (``Văn phòng UBND tỉnh``), never a central Cục/Vụ under a province's
    body, and a comma only where it does not separate the items of a list.
``awarded`` giver -> recipient, ``award`` as written
    ``(thay mặt UBND tỉnh,) đồng chí A đã trao bằng khen cho 04 tập thể: X; 02
    đơn vị thuộc Y (Z, W); V và 03 cá nhân`` gives A -> X, Z, W, V: recipients
    are the named organisations and persons after ``cho``, not the parents
    (``thuộc Y``), not the organisations of a recipient's position, not
    unnamed ones (``03 cá nhân``), nor a parent in apposition (``Phòng A -
    Công an tỉnh``); after a count the list may go on (``cho 12 tập thể ... có
    thành tích xuất sắc, trong đó có A và B``).  The giver is the person named
    as handing over (also the agent of ``Bằng khen của X được ông A trao cho``
    and the giver of the previous award when a verb's subject is left out
    after ``;``), else the granting body (``Cờ thi đua của UBND tỉnh được trao
    cho ...``).  Recipients as the subject: ``A và B được Bộ trưởng Bộ Y tế
    tặng Bằng khen`` (the ministry), ``được Chủ tịch UBND tỉnh tặng`` (the
    office), ``Bưu điện tỉnh (vinh dự) đón nhận Cờ thi đua của Bộ ...``,
    ``nhận Huân chương ... do Chủ tịch nước trao tặng``.  A licence handed
    over (``Giấy chứng nhận đăng ký đầu tư``) is no award.

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
from .dates import find_dates
from .doc_tokens import doc_tokens
from .spans import doc_text

PER, ORG, LOC, DIRECTIVE, DATE = "PER", "ORG", "LOC", "DIRECTIVE", "DATE"

#: Words of an award's name kept after its head (Huân chương, Kỷ niệm chương).
MAX_AWARD_NAME_WORDS = 8

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


#: the code of a police or army unit (PA05, PC02, C06): a unit's whole name
_UNIT_CODE_RE = re.compile(r"[A-ZĐ]{1,3}[0-9]{2,3}")


def _words_regex(words) -> str:
    """A group matching any of the phrases, longest first; the spaces inside a
    phrase match any run of spaces.

    The phrases are folded into a word trie (``phó (?:chủ tịch|giám đốc)``
    rather than ``phó chủ tịch|phó giám đốc``): the same matches, but a
    pattern built from a few hundred titles compiles in a fraction of the
    time and fails faster at positions where no title starts.  At each word
    the longer continuations are tried first, as in a longest-first list.
    """
    trie: dict = {}
    for phrase in {" ".join(w.split()) for w in words if w.strip()}:
        node = trie
        for word in phrase.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict) -> str:
    def reach(child: dict) -> int:
        """Characters of the longest phrase through this node."""
        return max((len(word) + 1 + reach(grandchild) for word, grandchild in child.items() if word), default=0)

    branches = []
    for word in sorted((w for w in node if w), key=lambda w: (-(len(w) + reach(node[w])), w)):
        child = node[word]
        rest = {w: c for w, c in child.items() if w}
        if not rest:
            branches.append(re.escape(word))
            continue
        tail = r"\s+" + (_trie_regex(rest) if len(rest) == 1 else "(?:" + _trie_regex(rest) + ")")
        branches.append(re.escape(word) + ("(?:" + tail + ")?" if "" in child else tail))
    return "|".join(branches)


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


def _load_levels() -> list[tuple[str, int, str | None]]:
    """(head, level, title word): the title word is the part of the head a
    title is formed with (``phòng`` for ``Trưởng phòng``, ``ban`` for the
    ``Trưởng Ban`` of a ``Ban Quản lý``), ``None`` when titles do not use it."""
    levels = []
    for line in read_lines("lexicons", "org_levels.tsv"):
        head, level, title_unit = line.split("\t")
        head, title_unit = head.strip().lower(), title_unit.strip().lower()
        word = head if title_unit == "yes" else (None if title_unit == "no" else title_unit)
        levels.append((head, int(level), word))
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
        self.title_units = [(head, word) for head, _, word in self.levels if word]
        honorifics = list(read_lines("lexicons", "honorifics.txt")) + ranks

        flags = re.IGNORECASE
        modifier = _words_regex(cues["title_modifiers"])
        qualifier = _words_regex(cues["title_qualifiers"])
        core = _words_regex(titles)
        # A position: [nguyên|tân|quyền] [Phó] <title> [Thường trực]
        title = rf"(?:{modifier}\s+)?(?:{core}|phó\s+{core})(?:\s+{qualifier})?"
        self.title_re = re.compile(rf"{title}(?![^\W_])", flags)
        self.title_end_re = re.compile(rf"(?<![^\W_])(?P<title>{title})\s+$", flags)
        # "Phó Chỉ huy trưởng kiêm Tham mưu trưởng": two titles held together (kiêm nhiệm), one title as written
        self.joint_title_end_re = re.compile(rf"(?<![^\W_])(?P<title>{title})\s+kiêm\s+$", flags)
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
            rf"(?<![^\W_])(?:{_words_regex(cues['position_verbs'])})(?:\s*:)?\s+", flags
        )
        self.chain_joiner_re = re.compile(
            rf"\s*(?:,\s*)?(?:(?:{_words_regex(cues['chain_joiners'])})\s+)?", flags
        )
        self.led_by_re = re.compile(
            rf"\s*(?:,\s*)?(?:{_words_regex(cues['led_by_verbs'])})\s+(?P<title>{title})(?=\s*(?:[.;,)]|$))", flags
        )
        self.do_end_re = re.compile(rf"(?<![^\W_])do\s+(?:(?:{_words_regex(honorifics)})\s+)?$", flags)
        # "Về phía Cục Viễn thông có ông A, Phó Cục trưởng", "Đại diện Sở X, bà B, Giám đốc, cho biết",
        # "Đoàn công tác của Bộ Y do Thứ trưởng C làm trưởng đoàn": a person speaking for an organisation
        self.representative_cue_re = re.compile(
            rf"(?<![^\W_])(?:{_words_regex(cues['representative_cues'])})\s+$", flags
        )
        self.representative_gap_re = re.compile(
            rf"\s*,?\s*(?:(?:{_words_regex(cues['representative_links'])})\s+)?(?:(?:{_words_regex(honorifics)})\s+)?"
            rf"(?:(?P<title>{title})\s+)?",
            flags,
        )
        self.bare_title_after_re = re.compile(
            rf"\s*(?:,|\s[-–—])\s*(?P<title>{title})"
            rf"(?=\s*(?:[.;,)]|$|(?:{_words_regex(cues['representative_title_ends'])})(?![^\W_])))",
            flags,
        )
        # "Các Phó Tổng Biên tập [ORG] gồm: ông A; bà B": a title shared by the persons of a list
        self.title_list_re = re.compile(
            rf"(?<![^\W_])(?:{_words_regex(cues['title_list_plurals'])})\s+(?P<title>{title})"
            rf"(?P<rest>[^:;.]{{0,120}}?)\s*(?:{_words_regex(cues['title_list_cues'])})(?![^\W_])\s*:?\s*",
            flags,
        )
        self.honorific_lead_re = re.compile(rf"\s*(?:(?:{_words_regex(honorifics)})\s*)?", flags)

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
        # "thuộc", "(trực thuộc", ", đơn vị trực thuộc", ", là cơ quan chuyên môn thuộc"
        unit_noun = (
            rf"(?:(?:là\s+)?(?:một\s+)?(?:{_words_regex(cues['enumeration_nouns'])})"
            rf"(?:\s+(?:{_words_regex(cues['enumeration_qualifiers'])}))?\s+)"
        )
        descriptor = unit_noun + "?"
        # "thuộc" with or without a unit noun; "của" only after a dash or "là" and a unit
        # noun ("Viettel X - chi nhánh của Tập đoàn Y"): after a comma it may open a list item
        self.link_re = re.compile(
            rf"\s*(?:,?\s*(?:\([^()]{{1,40}}\)\s*)?\(?\s*{descriptor}(?:{links})"
            rf"|(?:\s[-–—]\s*|,?\s*(?<![^\W_])là\s+)(?:một\s+)?{unit_noun}(?:{_words_regex(cues['part_of_noun_links'])}))\s+",
            flags,
        )
        self.enumeration_end_re = re.compile(
            rf"(?<![^\W_])\d+\s+(?:{_words_regex(cues['enumeration_nouns'])})\s+(?:{links})\s+$", flags
        )
        self.apposition_children = {w.casefold() for w in cues["apposition_children"]}
        self.central_children = {w.casefold() for w in cues["central_children"]}
        self.central_parents = {w.casefold() for w in cues["central_parents"]}
        self.coordination_re = re.compile(r"\s*(?:,|và|,\s*và)\s*", flags)
        # a higher body written inside a unit's name (Văn phòng "UBND tỉnh", Thanh tra "Sở")
        self.parent_in_name_re = re.compile(
            rf"(?<=\s)(?:{_words_regex(cues['parent_heads_in_names'])})(?![^\W_])"
        )
        # a bare apposition: a comma, or a dash written between spaces ("Phòng PA05 - Công an tỉnh";
        # "VNPT-IT", "Kế hoạch - Tài chính" inside a name are the NER's business)
        self.apposition_gap_re = re.compile(r"\s*,\s*|\s+[-–—]\s+")
        self.of_gap_re = re.compile(r"\s+của\s+", flags)
        # "các đơn vị (thành viên|chuyên môn ...) (trực thuộc|thuộc|của) [X] gồm: A, B và C"
        self.list_cue_re = re.compile(
            rf"(?<![^\W_])(?:các|những|\d+)\s+(?:{_words_regex(cues['enumeration_nouns'])})"
            rf"(?:\s+(?P<qualifier>{_words_regex(cues['enumeration_qualifiers'])}))?"
            rf"(?:\s+(?P<link>{_words_regex(cues['part_of_links'] + ['của'])}))?(?![^\W_])",
            flags,
        )
        self.member_qualifiers = {w.casefold() for w in cues["member_qualifiers"]}
        self.list_introducer_re = re.compile(
            rf"\s*,?\s*(?:(?:{_words_regex(cues['list_introducers'])})(?![^\W_])\s*:?|:|\()\s*", flags
        )
        self.list_separator_re = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|và\s+)", flags)
        self.list_first_item_re = re.compile(
            rf"(?:[(:]|(?<![^\W_])(?:{_words_regex(cues['list_first_item_cues'])}))\s*$", flags
        )
        self.parenthesis_re = re.compile(r"\s*\([^()]{0,150}\)")

        # awards
        self.awards = _load_awards()
        self.award_re = re.compile(
            rf"(?<![^\W_])(?P<award>{_words_regex(a for a, _ in self.awards)})(?![^\W_])", flags
        )
        self.named_awards = {a.casefold() for a, named in self.awards if named}
        self.not_award_re = re.compile(rf"(?:{_words_regex(cues['not_awards'])})(?![^\W_])", flags)
        self.award_boundaries = {w.casefold() for w in cues["award_name_boundaries"]}
        self.award_class_re = re.compile(rf"\s+(?:{_words_regex(cues['award_classes'])})(?![^\W_])", flags)
        self.award_verb_end_re = re.compile(
            # "trao 4 giải A cho", "tặng Bằng khen cho"
            rf"(?<![^\W_])(?P<verb>{_words_regex(cues['award_verbs'])})\s+(?:cho\s+)?(?:\d+\s+)?$",
            flags,
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
            rf"\s*(?:{_words_regex(cues['recipient_subject_cues'])})\s+(?:(?P<title>{title})\s+)?$", flags
        )
        subject_adverbs = _words_regex(cues["subject_adverbs"])
        self.subject_gap_re = re.compile(rf"\s*(?:(?:{subject_adverbs})\s+)*", flags)
        # "Bưu điện tỉnh (còn vinh dự) đón nhận Cờ thi đua của ...": the recipient is the subject
        self.receive_verb_end_re = re.compile(
            rf"(?<![^\W_])(?P<verb>{_words_regex(cues['receive_verbs'])})\s+$", flags
        )
        # "... trao Bằng khen cho 06 tập thể và 10 cá nhân. Các tập thể gồm: A; B; C.": the
        # recipients of the last sentence's award, listed in the next one
        self.award_list_sentence_re = re.compile(
            rf"\s*(?:{_words_regex(cues['award_list_sentence_openers'])})(?![^\W_])[^.;:]{{0,60}}?"
            rf"(?:(?<![^\W_])(?:gồm\s+có|gồm|bao\s+gồm|là|có)(?![^\W_])\s*:?|:)\s*",
            flags,
        )
        # "12 tập thể, 25 cá nhân": unnamed recipients counted, some named after "trong đó có"
        self.counted_recipients_re = re.compile(
            rf"(?<![^\W_])\d+\s+(?:{_words_regex(cues['enumeration_nouns'] + ['cá nhân', 'tập thể'])})(?![^\W_])",
            flags,
        )
        self.recipient_resume_re = re.compile(
            rf"(?<![^\W_])(?:{_words_regex(cues['recipient_list_resumes'])})(?![^\W_])\s*:?", flags
        )
        self.award_verb_re = re.compile(rf"\s*(?:{_words_regex(cues['award_verbs'] + ['ký'])})(?![^\W_])", flags)
        self.agent_lead_end_re = re.compile(
            rf"(?<![^\W_])được\s+(?:(?:{_words_regex(honorifics)})\s+)?(?:(?P<title>{title})\s+)?$", flags
        )
        # a verb whose subject is left out after ";" or ",": the previous giver goes on
        self.elided_subject_re = re.compile(
            r"[,;]\s*(?:(?:và|đồng thời|sau đó|tiếp đó|tiếp theo|cũng|đã|tiếp tục|lần lượt)\s+)*$",
            flags,
        )
        self.fronted_cue_re = re.compile(rf"\s*(?:{_words_regex(cues['fronted_position_cues'])})\s+", flags)
        self.fronted_tail_re = re.compile(
            rf"(?:\s+[^\W\d_][\w]*(?:\s+[^\W\d_][\w]*){{0,9}})?\s*,\s*(?:(?:{_words_regex(honorifics)})\s+)?", flags
        )
        self.subject_coordination_re = re.compile(
            rf"\s*(?:,|và|,\s*và|cùng)\s*(?:(?:tập thể|{_words_regex(honorifics)})\s+)?", flags
        )
        # "Tỉnh ủy viên": a member of the party committee (cấp ủy viên), the committee tagged as ORG
        self.committee_member_titles = {" ".join(t.casefold().split()) for t in cues["committee_member_titles"]}
        self.committee_unit_words = sorted({w.casefold() for w in cues["committee_unit_words"]}, key=len, reverse=True)
        self.giver_blocker_end_re = re.compile(rf"(?<![^\W_])(?:{_words_regex(cues['giver_blockers'])})\s+$", flags)
        self.link_then_title_re = re.compile(r"(?<![^\W_])(?:của|do|thuộc)\s+(?P<rest>[^,;()]{0,80})$", flags)
        self.of_end_re = re.compile(r"(?<![^\W_])của\s+$", flags)
        self.after_of_re = re.compile(
            rf"\s*(?P<link>{_words_regex(cues['granting_links'])})\s+(?:(?:{_words_regex(honorifics)})\s+)?"
            rf"(?:(?P<title>{title})\s+)?",
            flags,
        )
        # "(cũ)", "(mới)": a note on an issuer before the document's date
        self.issuer_note_re = re.compile(r"\s*\((?P<note>[^()]{1,20})\)")

    # ------------------------------------------------------------------
    # spaCy entry point
    # ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict]:
        text = doc_text(doc)
        sentences = self._sentences(doc)
        year = article_year(text)
        rows = _Rows(text)
        history: list[tuple[int, Node, str]] = []  # (sentence, PER, honorific before it)
        counted_award = None  # (sentence index, giver, rule, award) of an award given to "06 tập thể" only
        for sentence in sentences:
            claimed = self._positions(text, sentence, rows, history)
            self._units(text, sentence, rows)
            self._documents(text, sentence, rows, year)
            if counted_award is not None and counted_award[0] >= sentence.index - 2:
                self._listed_recipients(text, sentence, rows, claimed, counted_award)
            awarded = self._awards(text, sentence, rows, claimed, history)
            if awarded is not None:  # a sentence with an award: the last counted award, if any
                counted_award = awarded or None
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
        text = doc_text(doc)
        view = doc_tokens(doc)
        sentences = []
        for index, sent in enumerate(doc.sents):
            raw = text[sent.start_char : sent.end_char]
            stripped = raw.strip()
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            sentences.append(Sentence(index, start, start + len(stripped)))
        for ent in doc.ents:
            sentences[view.sentence_index(ent.start)].nodes.append(self._node(ent))
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
        """The head noun as written when titles are formed with it (``phòng``;
        ``Ban`` of ``Ban Quản lý ...``)."""
        lowered = org_text.casefold()
        for head, word in self.title_units:
            if lowered.startswith(head) and (len(lowered) == len(head) or not lowered[len(head)].isalnum()):
                return org_text[: len(word)]
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
                if (
                    re.fullmatch(r"\s*\(\s*", gap)
                    and re.match(r"\s*\)", after)
                    and not self._is_higher(node, outer)
                    and not self._is_sub_unit_of(node, outer)
                ):
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

    def _is_sub_unit(self, node: Node) -> bool:
        """Whether the unit's head noun names a sub-unit (Phòng, Cục, Trung tâm,
        Ban ...): the units a bare apposition, parenthesis or ``của`` may put
        under a parent."""
        if node.head is None:
            return False
        return node.head in self.apposition_children or node.head.split()[0] in self.apposition_children

    def _names_its_parent(self, node: Node) -> bool:
        """Whether the unit's name already holds a higher unit (``Văn phòng
        UBND tỉnh``, ``Thanh tra Sở Y tế``): such a name is no child of an
        apposition, its parent is in it."""
        if node.head is None or node.level is None:
            return False
        return bool(self.parent_in_name_re.search(node.text, len(node.head)))

    def _is_sub_unit_of(self, child: Node, parent: Node) -> bool:
        """A lower sub-unit under a higher unit, by a bare link (apposition,
        parenthesis, ``của``).  A central directorate (Cục, Vụ) sits under a
        ministry or a general department, never under a province's body
        (``Cục Viễn thông - Sở TT&TT`` is a pair, not a link)."""
        if not (self._is_sub_unit(child) and self._is_higher(parent, child)) or self._names_its_parent(child):
            return False
        if child.head in self.central_children:
            return parent.head in self.central_parents
        return True

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
        if _UNIT_CODE_RE.fullmatch(org.text):
            return title, org  # "Phó Trưởng phòng PA05": the code is the unit's own name
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
        joint = re.search(r"(?<=\s)kiêm\s+", phrase, re.IGNORECASE)
        if joint and self.title_re.fullmatch(phrase[: joint.start()].rstrip()):
            found = self._parse_title(phrase[joint.end() :], org)
            if found is not None:
                return f"{phrase[: joint.end()]}{found[0]}", found[1]
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
            title = match.group("title")
            joint = self.joint_title_end_re.search(gap, max(0, match.start() - 60), match.start())
            if joint:
                title = gap[joint.start() : match.end()].rstrip()
            return self._unit_title(title, org)
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
                member = self._committee_member(text, org) if first else None
                if member is not None and re.fullmatch(r"\s*[,:\-–—]\s*", gap):
                    # "ông A, Thành ủy viên, Giám đốc Sở X": a row for the committee, then the chain goes on
                    rows.add(person, "holds_position", org, sentence,
                             self.confidence["holds_position.name_apposition"], title=member)
                    claimed.add(j)
                    cursor = org.start + len(member)
                    j += 1
                    continue
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
                        or (
                            (self.apposition_gap_re.fullmatch(gap) or self.of_gap_re.fullmatch(gap))
                            and self._is_higher(org, nodes[j - 1])
                        )
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

        self._representatives(text, sentence, rows, claimed)
        # title ORG, honorific PER: "Giám đốc Sở Tư pháp, ông Nguyễn Văn A" (an ORG no chain took)
        self._title_organisation_name(text, sentence, rows, claimed, comma=True)
        # "Là Phó Chủ tịch UBND tỉnh phụ trách ..., ông Vinh đề nghị ...",
        # "Trên cương vị Giám đốc Sở X, bà A ..."
        self._fronted_position(text, sentence, rows, claimed)

        # position verbs: "ông A từng giữ chức Trưởng phòng X", "bà là Phó Giám đốc Sở Y"
        last_person: list[int | None] = []
        latest = None
        for k, node in enumerate(nodes):
            last_person.append(latest)
            if node.label == PER:
                latest = k
        career = None  # "ông từng giữ các chức vụ: A, B, C": (subject, rule, end of the last item)
        for j, org in enumerate(nodes):
            if org.label != ORG:
                continue
            start = previous_end(j)
            gap = text[max(start, org.start - 120) : org.start]
            verb = None
            for verb in self.position_verb_re.finditer(gap):
                pass
            if verb is None:
                found = (
                    self._career_item(text, career, org, nodes[j + 1] if j + 1 < len(nodes) else None)
                    if career else None
                )
                if found is None:
                    career = None
                    continue
                title, unit = found
                subject, rule, _ = career
                rows.add(subject, "holds_position", unit, sentence, self.confidence[rule], title=title)
                claimed.add(j)
                career = (subject, rule, self._after_parenthesis(text, org.end, sentence.end))
                continue
            if j in claimed and self.chain_joiner_re.fullmatch(verb.group(0)):
                continue  # "A, Chủ tịch HĐQT kiêm Tổng Giám đốc Công ty X": the chain read the joint title
            found = self._parse_title(gap[verb.end() :], org)
            if found is None:
                career = None
                continue
            title, unit = found
            subject = nodes[last_person[j]] if last_person[j] is not None else None
            rule = "holds_position.verb_title"
            if subject is None:
                subject = self._antecedent(text[sentence.start : org.start], sentence, history)
                rule = "holds_position.pronoun"
            if subject is None:
                career = None
                continue
            rows.add(subject, "holds_position", unit, sentence, self.confidence[rule], title=title)
            claimed.add(j)
            # "ông từng giữ các chức vụ: A, B" and "Ông hiện là Ủy viên Ban Thường vụ Tỉnh ủy, Chỉ huy
            # trưởng Bộ Chỉ huy Quân sự tỉnh": the positions after the verb's first go with the same subject
            career = (subject, rule, self._after_parenthesis(text, org.end, sentence.end))

        # "Các Phó Tổng Biên tập gồm: ông A, ...; bà B, ..."
        self._title_list(text, sentence, rows)

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
            if (
                match
                and (k >= len(nodes) or nodes[k].start >= match.end())
                and self._leads(match.group("title"), committee)
            ):
                rows.add(person, "holds_position", committee, sentence, self.confidence["holds_position.led_by"],
                         title=match.group("title"))
        return claimed

    def _representatives(self, text: str, sentence: Sentence, rows: "_Rows", claimed: set[int]) -> None:
        """A person introduced as speaking for an organisation, with a position
        written without one: ``Về phía Cục Viễn thông có ông A, Phó Cục
        trưởng``, ``Đại diện Viettel Cần Thơ, ông B, Giám đốc, cho biết``,
        ``Đoàn công tác của Bộ X do Thứ trưởng C làm trưởng đoàn``.  The
        position is the organisation's (the article states no other)."""
        nodes = sentence.nodes
        for j, org in enumerate(nodes):
            if org.label != ORG:
                continue
            floor = nodes[j - 1].end if j else sentence.start
            if not self.representative_cue_re.search(text, max(floor, org.start - 40), org.start):
                continue
            # "Đoàn công tác của Cục Thông tin cơ sở, Bộ TT&TT do ông A, ...": the parent in apposition is skipped
            k, cursor = j + 1, org.end
            while (
                k < len(nodes)
                and nodes[k].label == ORG
                and self.apposition_gap_re.fullmatch(text, cursor, nodes[k].start)
                and self._is_higher(nodes[k], nodes[k - 1])
            ):
                cursor, k = nodes[k].end, k + 1
            if k >= len(nodes) or nodes[k].label != PER:
                continue
            person = nodes[k]
            gap = self.representative_gap_re.fullmatch(text, cursor, person.start)
            if gap is None:
                continue
            title = gap.group("title")
            if title is None:
                after = self.bare_title_after_re.match(text, person.end, sentence.end)
                if after is None:
                    continue
                title_end = after.end("title")
                if k + 1 < len(nodes) and nodes[k + 1].start < title_end + 2 and nodes[k + 1].label != PER:
                    continue  # the title goes on into an organisation of its own: another rule's row
                title = after.group("title")
            rows.add(person, "holds_position", org, sentence, self.confidence["holds_position.representative"],
                     title=title)
            claimed.add(j)

    def _committee_member(self, text: str, org: Node) -> str | None:
        """``Tỉnh ủy viên`` written over a party-committee ORG (``Tỉnh ủy``):
        the member's title as written, else None."""
        tail = re.match(r"\s+viên(?![^\W_])", text[org.end : org.end + 8])
        if tail is None:
            return None
        title = text[org.start : org.end + tail.end()]
        return title if " ".join(title.casefold().split()) in self.committee_member_titles else None

    def _title_list(self, text: str, sentence: Sentence, rows: "_Rows") -> None:
        """A plural title before a list of persons (``Các Phó Tổng Biên tập
        gồm: ông A, nguyên ...; bà B, ...``): each person whose list item opens
        with the name holds it.  The organisation is the ORG written between
        title and ``gồm`` (``Các Phó Giám đốc Sở Y tế gồm ...``), else the one
        a person holds the base title of (without ``Phó``) or the title itself
        in this or the previous sentence (``... giữ chức Tổng Biên tập Báo X.
        Các Phó Tổng Biên tập gồm ...``); with neither, no row."""
        nodes = sentence.nodes
        starts = [node.start for node in nodes]
        matches = list(self.title_list_re.finditer(text, sentence.start, sentence.end))
        for m, match in enumerate(matches):
            rest = match.group("rest")
            org = None
            if rest.strip():
                rest_start = match.start("rest") + len(rest) - len(rest.lstrip())
                rest_end = match.end("rest") - (len(rest) - len(rest.rstrip()))
                i = bisect.bisect_left(starts, rest_start)
                org = nodes[i] if i < len(nodes) and starts[i] == rest_start and nodes[i].label == ORG else None
                if org is None or org.end < rest_end:
                    continue  # "các Phó Chủ tịch UBND các xã gồm": generic, or more than a name
            title = " ".join(match.group("title").split())
            if org is None:
                base = re.sub(r"^phó\s+", "", title.casefold())
                org = rows.position_object(sentence.index, match.start(), (base, title.casefold()))
            if org is None:
                continue
            # the items: split at ";" when the list uses it (items then hold
            # apposition commas), else at "," and "và"
            region_end = matches[m + 1].start() if m + 1 < len(matches) else sentence.end  # (each text read once)
            separators = r";" if ";" in text[match.end() : region_end] else r",|(?<=\s)và(?=\s)"
            item_starts = [match.end()] + [
                separator.end() for separator in re.compile(separators).finditer(text, match.end(), region_end)
            ]
            k = bisect.bisect_left(starts, match.end())
            for item_start in item_starts:
                while k < len(nodes) and nodes[k].start < item_start:
                    k += 1
                if k >= len(nodes) or nodes[k].label != PER:
                    continue
                lead = self.honorific_lead_re.fullmatch(text, item_start, nodes[k].start)
                if lead is not None:
                    rows.add(nodes[k], "holds_position", org, sentence, self.confidence["holds_position.title_list"],
                             title=title)

    def _after_parenthesis(self, text: str, position: int, limit: int) -> int:
        """``position``, or the end of a parenthesis written there
        (``Trung tâm A (trực thuộc Cục B)``)."""
        paren = self.parenthesis_re.match(text, position, min(limit, position + 160))
        return paren.end() if paren else position

    def _career_item(self, text: str, career, org: Node, next_node: Node | None = None) -> tuple[str, Node] | None:
        """The next item of a list of positions after ``giữ các chức vụ:``:
        ``..., Phó Giám đốc Sở X``."""
        _, _, cursor = career
        if org.start < cursor or org.start - cursor > 100:
            return None
        separator = re.match(r"\s*[,;]\s*(?:và\s+)?", text[cursor : org.start])
        if separator is None:
            return None
        if next_node is not None and next_node.label == PER and not text[org.end : next_node.start].strip():
            return None  # "..., Phó Chủ tịch UBND tỉnh Nguyễn Văn B": B's position
        return self._parse_title(text[cursor + separator.end() : org.start], org)

    def _fronted_position(self, text: str, sentence: Sentence, rows: "_Rows", claimed: set[int]) -> None:
        """A position fronted before the clause of its holder (đồng vị ngữ đảo):
        ``Là Giám đốc Sở X, ông A cho biết ...``, ``Với cương vị Trưởng Ban
        Chỉ đạo ..., bà B ...``: the person who opens the main clause."""
        nodes = sentence.nodes
        cue = self.fronted_cue_re.match(text, sentence.start, sentence.end)
        if cue is None or len(nodes) < 2:
            return
        j = bisect.bisect_left([node.start for node in nodes], cue.end())
        if j + 1 >= len(nodes) or nodes[j].label != ORG or j in claimed:
            return
        org = nodes[j]
        found = self._parse_title(text[cue.end() : org.start], org)
        if found is None:
            return
        person = nodes[j + 1]
        if person.label != PER or not self.fronted_tail_re.fullmatch(text, org.end, person.start):
            return
        title, unit = found
        rows.add(person, "holds_position", unit, sentence, self.confidence["holds_position.fronted"], title=title)
        claimed.add(j)

    def _leads(self, title: str, committee: Node) -> bool:
        """Whether a led-by title fits the body: a title naming a unit
        (``Trưởng đoàn``, ``Tổ trưởng``, ``Trưởng ban``) leads a body of that
        kind (``Đoàn ...``, ``Tổ ...``, ``Ban ...``), not the ministry a
        delegation comes from (``Đoàn công tác của Bộ X do ông A làm Trưởng đoàn``)."""
        lowered = title.casefold()
        name = committee.text.casefold()
        for word in self.committee_unit_words:
            if re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", lowered):
                return name.startswith(word) and (len(name) == len(word) or not name[len(word)].isalnum())
        return True

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
            child = nodes[j - 1] if j and nodes[j - 1].label == ORG else None
            if child is not None and len(before) <= 60 and self.link_re.fullmatch(before):
                # "Phòng X thuộc Công an tỉnh", "A và B (trực thuộc C)"; a link in
                # parentheses belongs to the item it follows, not to a whole list
                for unit in self._with_siblings(text, nodes, j - 1, whole_list="(" not in before):
                    rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.link"])
            elif (
                child is not None
                and re.fullmatch(r"\s*\(\s*", before)
                and re.match(r"\s*\)", text[parent.end : parent.end + 3])
                and self._is_higher(parent, child)
            ):
                # "Bộ Tư lệnh 86 (Bộ Quốc phòng)": the parent in parentheses
                for unit in self._with_siblings(text, nodes, j - 1):
                    rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.parenthesis"])
            elif child is not None and self._apposition(text, nodes, j - 1):
                # "Cục Báo chí, Bộ TT&TT", "Phòng PA05 - Công an tỉnh"
                rows.add(child, "part_of", parent, sentence, self.confidence["part_of.apposition"])
            elif child is not None and self.of_gap_re.fullmatch(before) and self._is_sub_unit_of(child, parent):
                # "Phòng Tổ chức cán bộ của Sở Nội vụ"
                for unit in self._with_siblings(text, nodes, j - 1):
                    if self._is_sub_unit_of(unit, parent):
                        rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.of"])
            # "Công an tỉnh (Phòng A, Phòng B)": sub-units in parentheses after their parent
            opening = re.match(r"\s*\(\s*", text[parent.end : parent.end + 10])
            if opening and j + 1 < len(nodes):
                items = self._list_items(text, nodes, j + 1, parent.end + opening.end(), sentence.end, closing=True)
                if items and all(self._is_sub_unit_of(unit, parent) for unit in items):
                    for unit in items:
                        rows.add(unit, "part_of", parent, sentence, self.confidence["part_of.parenthesis"])
        self._unit_lists(text, sentence, rows)

    def _unit_lists(self, text: str, sentence: Sentence, rows: "_Rows") -> None:
        """``các đơn vị trực thuộc Sở Y tế gồm: A, B và C``, ``02 đơn vị thuộc
        Công an tỉnh (A, B)``, ``Công an tỉnh và 02 đơn vị thuộc: A, B``,
        ``Tập đoàn ... các đơn vị thành viên gồm A, B``: every unit of the list
        is part of the parent named after the link, else (a link without its
        object, ``đơn vị thành viên``) of the unit the clause is about."""
        nodes = sentence.nodes
        if not any(node.label == ORG for node in nodes):
            return
        starts = [node.start for node in nodes]
        for cue in self.list_cue_re.finditer(text, sentence.start, sentence.end):
            link = cue.group("link")
            qualifier = (cue.group("qualifier") or "").casefold()
            cursor = cue.end()
            parent, explicit = None, False
            k = bisect.bisect_left(starts, cursor)
            if link and k < len(nodes) and nodes[k].label == ORG and not text[cursor : nodes[k].start].strip():
                parent, explicit = nodes[k], True  # "trực thuộc Sở Y tế gồm"
                cursor = nodes[k].end
                k += 1
            elif link or qualifier in self.member_qualifiers:
                parent = self._clause_unit(text, nodes, starts, cue.start(), sentence.start)
            if parent is None:
                continue
            introducer = self.list_introducer_re.match(text, cursor, min(sentence.end, cursor + 30))
            if introducer is None or k >= len(nodes) or nodes[k].start != introducer.end():
                continue
            closing = introducer.group(0).strip().endswith("(")
            if closing and not explicit:
                continue
            items = self._list_items(text, nodes, k, introducer.end(), sentence.end, closing=closing)
            rule = "part_of.enumeration"
            for unit in items:
                if explicit or self._is_higher(parent, unit) or unit.level is None:
                    rows.add(unit, "part_of", parent, sentence, self.confidence[rule])

    def _clause_unit(self, text: str, nodes: list[Node], starts: list[int], position: int, floor: int) -> Node | None:
        """The organisation a clause is about, written shortly before
        ``position`` with only lower-case words between (``Tập đoàn sẽ huy
        động`` | ``các đơn vị thành viên``; ``Công an tỉnh và`` | ``02 đơn vị
        thuộc``)."""
        k = bisect.bisect_left(starts, position) - 1
        if k < 0 or nodes[k].label != ORG or nodes[k].end > position:
            return None
        gap = text[max(floor, nodes[k].end) : position]
        if len(gap) > 80 or re.search(r"[.,;:()\-–—]", gap) or any(ch.isupper() or ch.isdigit() for ch in gap):
            return None
        return nodes[k]

    def _list_items(self, text: str, nodes: list[Node], k: int, start: int, limit: int, *,
                    closing: bool) -> list[Node]:
        """The organisations listed from ``start`` (``nodes[k]`` must start
        there): items joined by ``,``, ``;``, ``và``, each perhaps followed by a
        parenthesis (an abbreviation or its own parent, skipped).  With
        ``closing`` the list is inside parentheses and must end with ``)``."""
        items: list[Node] = []
        cursor = start
        while k < len(nodes) and len(items) < 40:
            node = nodes[k]
            if node.start != cursor or node.label != ORG:
                break
            items.append(node)
            cursor = node.end
            k += 1
            paren = self.parenthesis_re.match(text, cursor, min(limit, cursor + 160))
            if paren:
                cursor = paren.end()
                while k < len(nodes) and nodes[k].start < cursor:
                    k += 1
            separator = self.list_separator_re.match(text, cursor, min(limit, cursor + 12))
            if separator is None or k >= len(nodes) or nodes[k].start != separator.end():
                break
            cursor = separator.end()
        if closing and not re.match(r"\s*\)", text[cursor : cursor + 5]):
            return []
        return items

    def _with_siblings(self, text: str, nodes: list[Node], k: int, *, whole_list: bool = False) -> list[Node]:
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
        # with ``whole_list``, "các đơn vị: Vụ A, Cục B, Cục C thuộc Bộ X": a
        # list opened by a colon or "gồm" shares the link, whatever the items' head nouns
        first = k
        while first > 0 and nodes[first - 1].label == ORG and self.coordination_re.fullmatch(
            text[nodes[first - 1].end : nodes[first].start]
        ):
            first -= 1
        if whole_list and first < k:
            floor = nodes[first - 1].end if first else max(0, nodes[first].start - 40)
            if self.list_first_item_re.search(text, max(floor, nodes[first].start - 40), nodes[first].start):
                units[:0] = nodes[first:k]
        return units

    def _apposition(self, text: str, nodes: list[Node], k: int) -> bool:
        """Whether ``nodes[k + 1]`` is the parent of ``nodes[k]`` in a bare
        apposition: a dash (never a list separator), or a comma that does not
        separate the items of a list."""
        child, parent = nodes[k], nodes[k + 1]
        gap = text[child.end : parent.start]
        if not self.apposition_gap_re.fullmatch(gap) or not self._is_sub_unit_of(child, parent):
            return False
        return "," not in gap or not self._coordinated(text, nodes, k)

    def _coordinated(self, text: str, nodes: list[Node], k: int) -> bool:
        """Whether ``nodes[k]`` and the ORG after it are items of a list (``A, B,
        C``; ``(A, B; C)``), where the second is one more item, not the parent
        of the first."""
        # a middle item ("A, B, C"); the last one after "và" closes its list, so a
        # comma after it is an apposition ("... và Phòng X, Công an tỉnh"); in a
        # list whose items ";" separates, a comma is inside one item ("...; Cục X, Bộ Y; ...")
        if k and nodes[k - 1].label == ORG:
            joiner = text[nodes[k - 1].end : nodes[k].start]
            if re.fullmatch(r"\s*,\s*", joiner):
                return not self._chain(nodes, k - 1)
            if re.fullmatch(r"\s*(?:;|và|,\s*và|;\s*và)\s*", joiner):
                return False
        if self.list_first_item_re.search(text[max(0, nodes[k].start - 12) : nodes[k].start]):
            return True  # the first item of a list ("gồm A, B", "(A, B", ": A, B")
        if k + 2 < len(nodes) and nodes[k + 2].label == ORG:
            return bool(re.fullmatch(r"\s*,\s*", text[nodes[k + 1].end : nodes[k + 2].start])) and not self._chain(nodes, k)
        return False

    def _chain(self, nodes: list[Node], k: int) -> bool:
        """``Trung tâm X, Cục Y, Bộ Z``: each of three ORGs from ``nodes[k]``
        a sub-unit of the next, a chain of appositions rather than a list."""
        return (
            k + 2 < len(nodes)
            and nodes[k + 1].label == ORG
            and nodes[k + 2].label == ORG
            and self._is_sub_unit_of(nodes[k], nodes[k + 1])
            and self._is_sub_unit_of(nodes[k + 1], nodes[k + 2])
        )

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
                note = self.issuer_note_re.match(text, cursor, min(sentence.end, cursor + 25))
                if note and not any(ch.isupper() or ch.isdigit() for ch in note.group("note")):
                    cursor = note.end()  # "UBND tỉnh Hà Giang (cũ) ban hành ngày ..."
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
        found = find_dates(text[cursor : min(limit, cursor + 60)], default_year=year)
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
        found = find_dates(text[start:end], default_year=year)
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
            for position in range(MAX_AWARD_NAME_WORDS):
                word = re.match(r"\s+([^\W\d_][\w'-]*)", text[end : min(limit, end + 40)])
                if word is None or word.group(1).casefold() == "hạng":
                    break
                # a boundary word ends the name, unless capitalised as the
                # name's first word: "Kỷ niệm chương Vì sự nghiệp Báo chí Việt Nam"
                if word.group(1).casefold() in self.award_boundaries and not (position == 0 and word.group(1)[0].isupper()):
                    break
                end += word.end()
            class_match = self.award_class_re.match(text, end, min(limit, end + 20))
            if class_match:
                end = class_match.end()
        return text[match.start() : end], end

    def _listed_recipients(self, text: str, sentence: Sentence, rows: "_Rows", claimed: set[int], counted_award) -> None:
        """``Các tập thể gồm: A; B; C.``, ``Trong số các cá nhân được khen
        thưởng có ông D, ...``: a sentence that opens with a list of the
        recipients an award of a sentence just before counted (``trao Bằng
        khen cho 06 tập thể và 10 cá nhân``)."""
        opener = self.award_list_sentence_re.match(text, sentence.start, sentence.end)
        if opener is None:
            return
        _, giver, rule, award = counted_award
        nodes = sentence.nodes
        starts = [node.start for node in nodes]
        for recipient in self._recipients(text, nodes, starts, opener.end(), sentence.end, claimed):
            if recipient.key != giver.key:
                rows.add(giver, "awarded", recipient, sentence, self.confidence[rule], award=award)

    def _awards(self, text: str, sentence: Sentence, rows: "_Rows", claimed: set[int], history):
        """Rows of ``awarded``.  Returns None without an award in the sentence;
        else (sentence index, giver, rule, award) when the last award went to
        counted recipients not named in the sentence, else False."""
        nodes = sentence.nodes
        matches = list(self.award_re.finditer(text, sentence.start, sentence.end))
        if not matches:
            return None
        counted_award = None
        starts = [node.start for node in nodes]
        # pass 1: each award's verb and the person or body written right before it
        plans = []
        for match in matches:
            award, award_end = self._award_text(text, match, sentence.end)
            if self.not_award_re.match(award):
                continue  # a licence handed over (Giấy chứng nhận đăng ký đầu tư), no commendation
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
            regions = []
            stop = self.region_end_re.search(text, marker.end(), region_end)
            if stop:
                region_end = stop.start()
                # "cho 12 tập thể ... có thành tích xuất sắc, trong đó có A và B": the list goes on
                resume = self.recipient_resume_re.search(text, stop.end(), next_start)
                if resume and self.counted_recipients_re.search(text, marker.end(), stop.start()):
                    resume_stop = self.region_end_re.search(text, resume.end(), next_start)
                    regions.append((resume.end(), resume_stop.start() if resume_stop else next_start))
            regions.insert(0, (marker.end(), region_end))
            granting = self._granting(text, nodes, starts, award_end, marker.start())
            giver, rule = self._passive_agent(text, nodes, starts, award_end, marker.start())
            if giver is not None:
                pass  # "Bằng khen của UBND tỉnh được ông A trao cho ..."
            elif self.passive_award_re.search(text, award_end, marker.start()):
                giver, rule = granting, "awarded.body_giver"
            elif verb_start is not None:
                if subject is not None and nodes[subject].label == PER:
                    giver, rule = nodes[subject], "awarded.named_giver"
                elif previous_giver is not None and subject is None and self.elided_subject_re.search(
                    text, max(sentence.start, verb_start - 30), verb_start
                ):
                    giver, rule = previous_giver  # "bà A trao ... cho X; trao Bằng khen ... cho Y": the same giver
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
            named = 0
            for region_start, region_stop in regions:
                for recipient in self._recipients(text, nodes, starts, region_start, region_stop, claimed | subjects):
                    named += 1
                    if recipient.key != giver.key:
                        rows.add(giver, "awarded", recipient, sentence, self.confidence[rule], award=award)
            counted = self.counted_recipients_re.search(text, marker.end(), next_start)
            counted_award = (sentence.index, giver, rule, award) if counted and not named else None
        return counted_award or False

    def _passive_agent(self, text, nodes, starts, award_end, marker_start):
        """``Bằng khen của UBND tỉnh được ông A trao cho ...``: the agent after
        ``được``, written right before the award verb that leads to ``cho``."""
        k = bisect.bisect_left(starts, marker_start) - 1
        if k < 0 or nodes[k].start < award_end or nodes[k].label not in (ORG, PER):
            return None, None
        verb = self.award_verb_re.match(text, nodes[k].end, marker_start)
        if verb is None or text[verb.end() : marker_start].strip():
            return None, None
        lead = self.agent_lead_end_re.search(text, max(award_end, nodes[k].start - 40), nodes[k].start)
        if lead is None:
            return None, None
        if nodes[k].label == PER:
            return nodes[k], "awarded.named_giver"
        return self._issuer_node(text, nodes[k], lead.group("title")), "awarded.body_giver"

    def _recipient_subject(self, text, sentence, rows, starts, match, award, award_end) -> None:
        """``Sở X vinh dự được Chủ tịch nước tặng Huân chương ...``, ``A và B
        được Bộ trưởng Bộ Y tế tặng Bằng khen``: the recipients are the subject,
        the giver the agent after ``được`` (an office acting in its own name, a
        minister's ministry); ``được tặng Bằng khen của Bộ trưởng Bộ Y tế``,
        ``Bưu điện tỉnh (vinh dự) đón nhận Cờ thi đua của Bộ ...``, ``nhận Huân
        chương ... do Chủ tịch nước trao tặng``: the granting body."""
        nodes = sentence.nodes
        before = text[max(sentence.start, match.start() - 60) : match.start()]
        verb = self.award_verb_end_re.search(before)
        receiving = verb is None
        if receiving:
            verb = self.receive_verb_end_re.search(before)
        if verb is None:
            return
        verb_start = match.start() - len(before) + verb.start()
        last = bisect.bisect_left(starts, verb_start)
        previous = [k for k in range(max(0, last - 3), last) if nodes[k].end <= verb_start]
        giver, recipient = None, None
        if not receiving and previous and self.subject_gap_re.fullmatch(text, nodes[previous[-1]].end, verb_start):
            agent = nodes[previous[-1]]
            cue = self.recipient_cue_end_re.search(text, max(sentence.start, agent.start - 50), agent.start)
            if cue and len(previous) >= 2 and self.subject_gap_re.fullmatch(text, nodes[previous[-2]].end, cue.start()):
                giver, recipient = self._issuer_node(text, agent, cue.group("title")), previous[-2]
        if recipient is None and previous:
            gap_start = nodes[previous[-1]].end
            if receiving:
                subject = self.subject_gap_re.fullmatch(text, gap_start, verb_start)
            else:
                cue = self.recipient_cue_end_re.search(text, gap_start, verb_start)
                subject = (
                    cue is not None
                    and not cue.group("title")
                    and self.subject_gap_re.fullmatch(text, gap_start, cue.start())
                )
            if subject:
                recipient = previous[-1]
                giver = self._granting(text, nodes, starts, award_end, min(sentence.end, award_end + 120))
        if giver is None or recipient is None or nodes[recipient].label not in (ORG, PER):
            return
        for k in self._coordinated_subjects(text, nodes, recipient, sentence.start):
            rows.add(giver, "awarded", nodes[k], sentence, self.confidence["awarded.passive"], award=award)

    def _coordinated_subjects(self, text: str, nodes: list[Node], k: int, floor: int) -> list[int]:
        """``nodes[k]`` and the names coordinated before it (``A, B và C``),
        not a parent after a link (``Phòng X thuộc Sở Y và Z``)."""
        found = [k]
        while k > 0 and len(found) < 20:
            previous = nodes[k - 1]
            joined = self.subject_coordination_re.fullmatch(text, previous.end, nodes[k].start)
            if previous.label not in (ORG, PER) or not joined:
                break
            left = text[max(floor, previous.start - 20) : previous.start]
            if self.of_end_re.search(left) or re.search(r"(?<![^\W_])(?:trực thuộc|thuộc)\s+$|\(\s*$", left, re.I):
                break
            found.insert(0, k - 1)
            k -= 1
        return found

    def _granting(self, text: str, nodes: list[Node], starts: list[int], start: int, end: int) -> Node | None:
        """``Bằng khen của <X>``: the granting body or office."""
        link = self.after_of_re.match(text, start, end)
        if link is None:
            return None
        for position in (link.end(), link.start("title") if link.group("title") else -1):
            k = bisect.bisect_left(starts, position)
            if position >= 0 and k < len(nodes) and nodes[k].start == position and nodes[k].label in (ORG, PER):
                if link.group("link").casefold() == "do" and not self.award_verb_re.match(text, nodes[k].end):
                    return None  # "do" of a cause or a proposal, not "do Chủ tịch nước trao tặng"
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
        # items with commas inside are separated by ";": a comma then joins a name and its apposition
        listed_by_semicolons = ";" in text[start:end]
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
            if (
                excluded_previous
                and j
                and self.apposition_gap_re.fullmatch(before)
                and self._is_higher(node, nodes[j - 1])
            ):
                continue  # apposition parent of a position's unit
            if j and nodes[j - 1].label == ORG and self._apposition(text, nodes, j - 1):
                excluded_previous = True
                continue  # "Phòng CSGT - Công an tỉnh": the recipient's parent in apposition
            if self.of_end_re.search(before[-10:]) or self._title_before(text, max(start, node.start - 100), node):
                excluded_previous = True
                continue
            if listed_by_semicolons and j and nodes[j - 1].label == PER and re.fullmatch(r"\s*,\s*", before):
                excluded_previous = True
                continue  # "...; tác giả A, Báo X (...); ...": the person's newsroom or office, no recipient
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
        # (sentence index, title folded) -> subject starts and organisations of those positions, in order
        self._positions: dict[tuple[int, str], tuple[list[int], list[Node]]] = {}

    def position_object(self, sentence_index: int, before: int, titles: tuple[str, ...]) -> Node | None:
        """The organisation of the last position with one of ``titles`` (folded)
        held before ``before`` in sentence ``sentence_index``, else in the
        previous sentence (dictionary look-ups and a bisection: linear)."""
        for index in (sentence_index, sentence_index - 1):
            best = None
            for title in titles:
                starts, objects = self._positions.get((index, title), ([], []))
                k = bisect.bisect_left(starts, before) if index == sentence_index else len(starts)
                if k and (best is None or starts[k - 1] > best[0]):
                    best = (starts[k - 1], objects[k - 1])
            if best is not None:
                return best[1]
        return None

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
        if relation == "holds_position" and obj is not None and title:
            starts, objects = self._positions.setdefault((sentence.index, title.casefold()), ([], []))
            position = bisect.bisect_right(starts, subject.start)
            starts.insert(position, subject.start)
            objects.insert(position, obj)
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


def article_year(text: str) -> int | None:
    """The year the article is written in, for dates without one (``(12/8)``):
    the year most often written in full dates, ``tháng 7/2024`` and ``năm
    2024`` (not targets such as ``đến năm 2030`` or birth years); the latest on
    a tie.

    >>> article_year("Hôm nay (12/8), ... đến cuối tháng 7/2024 ... năm 2024 ... đến năm 2030")
    2024
    """
    counts: Counter[int] = Counter()
    for _, _, iso in find_dates(text, default_year=None):
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
