"""ORG entities: ministries, departments, committees, Party bodies, companies ...

An ORG (schema: ``knowledge-schema.md``) is a named organisation or unit *with
the place qualifier written with it*, as one span: ``UBND tỉnh Gia Lai``,
``Sở Thông tin và Truyền thông tỉnh Lào Cai``, ``Công an TP. Hồ Chí Minh``,
``Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị``, ``Văn phòng UBND tỉnh``.

How a mention is read (token by token, syllables; data files under
``models/``):

* a **head** (``models/patterns/organisations.tsv``): a unit noun (danh từ chỉ
  đơn vị: ``Sở``, ``Cục``, ``Trung tâm``, ``Phòng`` ...), a body named by its
  place (``UBND``, ``Công an``, ``Bưu điện``), a fixed name or acronym
  (``Chính phủ``, ``Tỉnh ủy``, ``VNPT``) or an office that acts in its own
  name (``Thủ tướng Chính phủ``; ``Chủ tịch UBND tỉnh``, ``Chánh Thanh tra
  Sở`` after ``của``, or as the subject of ``ký``/``ban hành``/``tặng``/
  ``xử phạt`` ..., also in the passive: ``bị Chánh Thanh tra Sở xử phạt``);
  written as a title (``Ông A, Chủ tịch UBND tỉnh``) only the body is an ORG.
  The first letter must be a capital, except ``phòng``/``ban``/``văn
  phòng``/``thanh tra`` right after a title that holds them (``Trưởng phòng Tin học - Thống kê`` -> ORG
  ``phòng Tin học - Thống kê``, as the schema asks); a title in front is
  never part of the ORG (``Giám đốc Sở TT&TT`` -> ``Sở TT&TT``).
* the **name** after a unit noun.  Vietnamese capitalises only the first
  syllable of the specific part, so the name runs over

  - capitalised syllables and acronyms, each with the rest of its word (the
    segmenter's word, or a word of the word list: ``Hàng hải``, ``Tiếng
    nói``), a head inside the name included (``Thanh tra Sở ...``,
    ``Văn phòng UBND tỉnh``, ``Văn phòng HĐND và UBND xã ...``: a name
    holding its parent) and a place inside a company's name (``Sài Gòn Xanh``);
  - lower-case words of the name vocabulary
    (``models/lexicons/org_name_words.tsv``: ``an toàn``, ``không gian mạng``,
    ``quốc gia``); any other lower-case word (a verb, ``của``, ``tại``,
    ``đã``) ends it.  Words that are also common predicates (``quản lý``,
    ``hỗ trợ``) stay only at the start of an item or after a word naming an
    action or agent (``Cảnh sát quản lý hành chính``), and only before
    another name word or a certain end (``Trung tâm Viễn thông`` | ``hỗ trợ
    doanh nghiệp``);
  - ``và``/``&`` and one more item (``Thông tin và Truyền thông``,
    ``An ninh mạng và phòng, chống tội phạm ...``); an enumeration with
    commas only when it is closed by ``và`` + item (``Văn hóa, Thể thao và
    Du lịch``) or, in lower case, by a certain end (``phòng Quản lý báo chí,
    xuất bản - Sở ...``), so ``Cục Báo chí, Bộ TT&TT`` stays two ORGs;
  - `` - `` + a capitalised item (``Lao động - Thương binh và Xã hội``);
  - ``về`` only in names that take it (``Cảnh sát quản lý hành chính về trật
    tự xã hội``, ``Ban Chỉ đạo về ...``);
  - ``tại`` + a place after a branch (``Chi nhánh Công ty ... tại Đà Nẵng``).

  - after a closed name, ``và`` + an item closing with a foreign country
    (``Bộ Nội vụ và Truyền thông Nhật Bản``);
  - a document word and its number first in a steering committee's name
    (flag ``task``: ``Ban Chỉ đạo Đề án 06``);
  - ``tại`` + a region or country after a representative office
    (``Văn phòng đại diện Báo ... tại Bắc Trung Bộ``).

  A name written all in lower case after a head that usually takes a
  capitalised one is read only when anchored: ending in ``quốc gia``
  (``Trung tâm dữ liệu quốc gia``), or followed by a place qualifier
  (``Trung tâm phục vụ hành chính công tỉnh ...``) or a generic marker
  (``... cấp xã``: generic, no ORG).
  A proper name (flag ``proper``: ``Công ty``, ``Bệnh viện``, ``Trường``)
  may hold family-name syllables (``Công ty Kim Phát``, ``Bệnh viện Bạch
  Mai``): only a full name closing the run of capitals is a person there,
  and only after a title when it runs on from the name already read
  (``Công ty TNHH Truyền thông Số Hoàng ...`` without a title is all the
  company's).  After a title, capitalised syllables right after a complete
  body inside the name are the holder's name (``Trưởng Ban Tuyên giáo Tỉnh
  ủy A Khuyên``).
  A head inside the name starts its own name, which a trade may open
  (``Ban Chấp hành Hội Nhà báo tỉnh``); a concept that is no body
  (``org_exclusions.tsv``) stays in a name when it is a name word
  (``phòng Chính phủ số``).  A numbered unit's number may close its name
  (``Hải đội Biên phòng 2``), a name word taking a number carries it
  (``MobiFone khu vực 9``).
  A name never runs into another ORG after a connector (``Sở Nội vụ và Sở Tài
  chính``), a title or rank, a document or event word (``Ban Tổ chức Hội
  nghị``), a person's name (a family name and two more capitalised
  syllables, one after a title: ``Thứ trưởng Bộ TT&TT Phan Tâm``) or an
  entity already on the Doc (a DIRECTIVE).
  After a complete sector name (``models/lexicons/org_closed_names.txt``:
  ``Sở Y tế``, ``Cục Viễn thông``) and after an acronym (``Sở TT&TT``) only a
  capitalised continuation or a place follows.
* the **place qualifier**: a unit word and a place name (``tỉnh Gia Lai``,
  ``huyện Ia Grai``, ``TP. Hồ Chí Minh``, ``TP.HCM``), a bare ``tỉnh``/
  ``thành phố`` (``UBND tỉnh``), or a province written right after the name
  (``Sở TT&TT Bắc Ninh``, ``VNPT Nghệ An``).  After ``tỉnh`` only a province
  is a place (``Phó Chủ tịch UBND tỉnh Trịnh Quang Việt`` stops at ``tỉnh``);
  after ``huyện``, ``xã`` ... a commune of the gazetteer or an unseen run of
  capitalised syllables, the longer of the two (a former commune holding a
  listed name: ``xã Vĩnh Trạch Đông``).  A Party committee takes a district or commune of
  the gazetteer written right after it (flag ``local``: ``Huyện ủy Mộc
  Châu``, ``Thành ủy Hạ Long``), not a person's name (``Bí thư Huyện ủy Vũ
  Quang Huy``).  A lower-level unit word without its name (``UBND xã``) is a
  generic mention, unless the paragraph named that unit before (``Tại xã Sín
  Thầu, ... Tiếp đoàn có Chủ tịch UBND xã``; also a capitalised unit word
  opening a sentence: ``Xã Lộc Ninh ...``) or the title names it (``...
  làm việc với huyện Mộc Châu``: ``UBND huyện`` in the body is its).
* bodies named by their place and coordinated (``HĐND và UBND tỉnh``,
  ``HĐND, UBND huyện ...``): the first is an ORG as written (``HĐND``) whose
  canonical form takes the shared place (``Hội đồng nhân dân tỉnh``).
* after a title holding a lower-case head, a unit code is the unit's name
  (``Phó Trưởng phòng PC02`` -> ``PC02``) and ``Thường trực`` is part of the
  title (``Phó Trưởng ban Thường trực | Ban Chỉ đạo ...``).
* an acronym in parentheses right after an ORG is an ORG of its own
  (``Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC)`` -> two
  ORGs, the parenthesis in neither), and later bare uses of it in the article
  too (``Phó Cục trưởng C06``).
* a bare head that is a back-reference (``Sở``, ``Bộ``, ``Cục``,
  ``Tập đoàn``, ``Tổng công ty``, ``Đài``) is an ORG with
  ``span._.is_reference = True`` (``vn_references`` links it); so is a bare
  ``Ban Thường vụ``/``Ban Chấp hành`` right after a membership title
  (``Ủy viên Ban Thường vụ, Phó Chủ tịch UBND tỉnh``: the party committee's
  standing board the article is about).

Not ORGs: plural and generic mentions (``các Sở TT&TT``, ``Sở TT&TT các tỉnh``,
``Hội Nhà báo ba tỉnh``, ``Ban Tuyên giáo một số huyện ủy``,
``UBND các huyện``, ``UBND cấp xã``, ``Sở, ngành``, ``Trung tâm ... của các
huyện``), ``Ban Tổ chức`` of an event (only ``Ban Tổ chức Tỉnh ủy`` is one),
``Trung ương`` alone, lower-case ``sở``/``bộ``, an index or code
(``Bộ Chỉ số``; ``models/patterns/org_exclusions.tsv``).

``span._.canonical``: NFC, modern tone placement, single spaces, the first
letter a capital, the head spelt as in the lexicon (``Ban thường vụ`` ->
``Ban Thường vụ``), abbreviations expanded (``models/lexicons/org_abbreviations.tsv``:
``UBND`` -> ``Ủy ban nhân dân``, ``TT&TT`` -> ``Thông tin và Truyền thông``,
``TP.`` -> ``thành phố``), a lone ``&`` -> ``và``.  The province is filled in
later (``vn_canonical``).

Every step looks at a bounded number of tokens from its start (names are at
most :data:`MAX_NAME_TOKENS` tokens), so the component is linear in the text.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..clean.normalize import fix_tone_placement
from ..resources import cached, read_lines
from .doc_tokens import doc_tokens
from .spans import add_entities
from .tokenizer import build_token_regex, load_protected_patterns

LABEL = "ORG"
#: longest name (tokens) read after a head; real names are far shorter
MAX_NAME_TOKENS = 40
#: longest unseen place name read after a lower-level unit word
MAX_PLACE_SYLLABLES = 4
#: tokens inside a parenthesis read as an acronym after an ORG
MAX_PAREN_TOKENS = 6

_PUNCT_END = frozenset({",", ".", ";", ":", ")", "(", "!", "?", "…", '"', "'"})
#: the end that makes a lower-case name one national unit (Trung tâm dữ liệu quốc gia)
_NATIONAL = ("quốc", "gia")
_CLAUSE_OPEN = frozenset({",", ";", ":", "(", "-", '"'})
_ROMAN_RE = re.compile(r"^[IVXL]+$")
_ACRONYM_RE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9&/.\-]*$")
_ASCII_WORD_RE = re.compile(r"^[A-Z][A-Za-z]+$")
#: the code of a police or army unit (PA05, PC02, C06, A05)
_UNIT_CODE_RE = re.compile(r"^[A-ZĐ]{1,3}[0-9]{2,3}$")
_SPACES_RE = re.compile(r"\s+")


#: tokens remembered by :func:`fold` (bounded, so that memory stays flat on long runs)
FOLD_CACHE_SIZE = 20_000


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """Look-up key of a token: NFC, modern tone placement, lower case."""
    return fix_tone_placement(unicodedata.normalize("NFC", text)).lower()


# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------


class PhraseTable:
    """Phrases as tuples of folded tokens; longest match wins.

    ``value`` is anything; ``prefixes`` holds every proper prefix so that a
    caller can ask whether a longer phrase may still follow.
    """

    def __init__(self, *, keep_prefixes: bool = True) -> None:
        self.keep_prefixes = keep_prefixes
        self.table: dict[tuple[str, ...], object] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.max_len = 0
        #: first token -> length of the longest phrase starting with it
        self.first: dict[str, int] = {}

    def add(self, tokens: Sequence[str], value: object = True) -> None:
        key = tuple(fold(token) for token in tokens)
        if not key:
            return
        self.table.setdefault(key, value)
        if self.keep_prefixes:
            for length in range(1, len(key)):
                self.prefixes.add(key[:length])
        if len(key) > self.max_len:
            self.max_len = len(key)
        if len(key) > self.first.get(key[0], 0):
            self.first[key[0]] = len(key)

    def longest_from(self, keys: Sequence[str], i: int, stop: int) -> int:
        """Upper bound on the length of a phrase starting at ``i`` (0: none)."""
        return min(self.first.get(keys[i], 0), stop - i) if i < stop else 0

    def match_at(self, keys: Sequence[str], i: int, stop: int) -> tuple[int, object]:
        """Longest phrase starting at ``i`` and ending at or before ``stop``."""
        for length in range(self.longest_from(keys, i, stop), 0, -1):
            value = self.table.get(tuple(keys[i : i + length]))
            if value is not None:
                return length, value
        return 0, None

    def match_before(self, keys: Sequence[str], i: int, start: int) -> tuple[int, object]:
        """Longest phrase ending right before ``i`` and starting at or after ``start``."""
        for length in range(min(self.max_len, i - start), 0, -1):
            value = self.table.get(tuple(keys[i - length : i]))
            if value is not None:
                return length, value
        return 0, None

    def __contains__(self, key: tuple[str, ...]) -> bool:
        return key in self.table


@dataclass(frozen=True)
class HeadEntry:
    """A row of ``models/patterns/organisations.tsv``."""

    tokens: tuple[str, ...]
    kind: str  # head | fixed | office
    need: str  # name | place | either | none
    place: bool
    flags: frozenset[str]


@dataclass
class OrgLexicon:
    """The data files the recogniser reads, loaded once per process."""

    heads: PhraseTable
    offices: PhraseTable
    not_org: PhraseTable
    not_reference: PhraseTable
    name_words: PhraseTable
    closed_names: PhraseTable
    provinces: PhraseTable
    localities: PhraseTable
    context: dict[str, PhraseTable]
    surnames: PhraseTable
    abbreviations: dict[str, str]
    countries: frozenset[tuple[str, ...]]
    #: lower-case words of two to four syllables (từ ghép), to read a
    #: capitalised word whole (Tiếng nói, Hàng hải) whatever the segmenter did
    compounds: PhraseTable
    #: foreign countries (gazetteers/countries.tsv, not the ones that are also
    #: common words): never a person (Hàn Quốc), they close a foreign body's
    #: name (Bộ Nội vụ và Truyền thông Nhật Bản)
    foreign: PhraseTable
    #: regions (gazetteers/regions.tsv: Bắc Trung Bộ, Tây Nguyên), the place
    #: of a branch or office after "tại"
    regions: PhraseTable
    #: former districts (gazetteers/places.tsv, before 7/2025), still written
    #: after "huyện", "quận", "thị xã" (UBND huyện Văn Yên)
    districts: PhraseTable

    @classmethod
    def load(cls) -> "OrgLexicon":
        token_re = build_token_regex(load_protected_patterns())

        def tokens(phrase: str) -> list[str]:
            return [m.group() for m in token_re.finditer(unicodedata.normalize("NFC", phrase))]

        heads, offices = PhraseTable(), PhraseTable()
        for row in read_lines("patterns", "organisations.tsv"):
            phrase, kind, need, place, flags = (column.strip() for column in row.split("\t"))
            if kind not in ("head", "fixed", "office") or need not in ("name", "place", "either", "none"):
                raise ValueError(f"organisations.tsv: bad row {row!r}")
            entry = HeadEntry(
                tuple(tokens(phrase)), kind, need, place == "opt", frozenset(f for f in flags.split(",") if f and f != "-")
            )
            (offices if kind == "office" else heads).add(entry.tokens, entry)

        not_org, not_reference = PhraseTable(), PhraseTable()
        for row in read_lines("patterns", "org_exclusions.tsv"):
            phrase, effect = (column.strip() for column in row.split("\t"))
            {"not_org": not_org, "not_reference": not_reference}[effect].add(tokens(phrase))

        name_words = PhraseTable()
        for row in read_lines("lexicons", "org_name_words.tsv"):
            phrase, _, flags = row.partition("\t")
            name_words.add(tokens(phrase.strip()), frozenset(f for f in flags.strip().split(",") if f))

        closed_names = PhraseTable()
        for row in read_lines("lexicons", "org_closed_names.txt"):
            closed_names.add(tokens(row))

        provinces, localities = PhraseTable(), PhraseTable()
        countries = set()
        for row in read_lines("lexicons", "org_provinces.txt"):
            name, _, kind = row.partition("\t")
            provinces.add(tokens(name.strip()), tuple(tokens(name.strip())))
            if kind.strip() == "country":
                countries.add(tuple(fold(t) for t in tokens(name.strip())))
        for row in read_lines("lexicons", "org_localities.txt"):
            localities.add(tokens(row), tuple(tokens(row)))

        context: dict[str, PhraseTable] = {}
        for row in read_lines("lexicons", "org_context_words.tsv"):
            kind, phrase = (column.strip() for column in row.split("\t"))
            context.setdefault(kind, PhraseTable()).add(tokens(phrase), kind)

        # the people component's list of family names (họ): a name never runs
        # into a person's name (surname + given names)
        surnames = PhraseTable()
        for entry in read_lines("lexicons", "surnames.txt"):
            if not entry.endswith("'"):
                surnames.add(tokens(entry))

        abbreviations = {}
        for row in read_lines("lexicons", "org_abbreviations.tsv"):
            short, expansion = (column.strip() for column in row.split("\t"))
            abbreviations[unicodedata.normalize("NFC", short)] = unicodedata.normalize("NFC", expansion)

        foreign, regions, districts = PhraseTable(), PhraseTable(), PhraseTable()
        for row in read_lines("gazetteers", "countries.tsv")[1:]:
            name, _, rest = row.partition("\t")
            if rest.rpartition("\t")[2].strip() != "yes":
                foreign.add(tokens(name.strip()), tuple(tokens(name.strip())))
        for row in read_lines("gazetteers", "regions.tsv")[1:]:
            name = row.partition("\t")[0].strip()
            regions.add(tokens(name), tuple(tokens(name)))
        for file in ("places.tsv", "places_extra.tsv"):
            for row in read_lines("gazetteers", file)[1:]:
                columns = row.split("\t")
                if len(columns) > 2 and columns[2] == "district":
                    districts.add(tokens(columns[0]), tuple(tokens(columns[0])))

        return cls(
            heads, offices, not_org, not_reference, name_words, closed_names, provinces, localities,
            context, surnames, abbreviations, frozenset(countries), _load_compounds(),
            foreign, regions, districts,
        )  # fmt: skip

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """Folded tokens that begin a head or an office phrase."""
        return frozenset(self.heads.first) | frozenset(self.offices.first)

    def ctx(self, kind: str) -> PhraseTable:
        return self.context.get(kind) or PhraseTable()


#: underthesea's Vietnamese word list (Viet74K, Apache-2.0), shipped with the
#: package the pipeline already depends on for word segmentation
_WORD_LIST = ("underthesea", "corpus/data/Viet74K.txt")


def _word_list_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec(_WORD_LIST[0])
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {_WORD_LIST[0]} package (a dependency) is not installed: {_WORD_LIST[1]} is needed")
    return Path(list(spec.submodule_search_locations)[0]) / _WORD_LIST[1]


def _load_compounds() -> PhraseTable:
    """Lower-case words of 2-4 syllables from underthesea's word list.

    The file is located without importing underthesea (its import costs a
    third of a second of start-up, for a text file).
    """
    table = PhraseTable(keep_prefixes=False)
    with open(_word_list_path(), encoding="utf-8") as handle:
        for line in handle:
            word = unicodedata.normalize("NFC", line.strip())
            syllables = word.split()
            if 2 <= len(syllables) <= 4 and word == word.lower() and all(s.isalpha() for s in syllables):
                table.add(syllables)
    return table


@functools.lru_cache(maxsize=1)
def get_lexicon() -> OrgLexicon:
    """The organisation lexicon, built once per process (or read from :func:`~pipeline.resources.cached`)."""
    return cached("organisations", OrgLexicon.load, sources=[_word_list_path()])


# --------------------------------------------------------------------------
# One Doc
# --------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int  # positions (non-space tokens), end exclusive
    end: int
    reference: bool = False
    #: the lexicon's spelling of the head at ``start`` (for the canonical form)
    head: tuple[str, ...] = ()
    #: positions of the place qualifier it shares with the next body
    #: (``HĐND`` in ``HĐND và UBND tỉnh``): added to the canonical form only
    shared_place: tuple[int, int] | None = None


@dataclass
class Place:
    end: int
    named: bool  # a place name was read (not a bare "tỉnh")
    level: str  # "upper" | "lower" | "direct"


class _DocOrgs:
    """The ORG reading of one Doc.  Positions index the Doc's non-space tokens."""

    def __init__(self, doc: Doc, lex: OrgLexicon):
        self.doc = doc
        self.lex = lex
        view = doc_tokens(doc)
        self.index = [i for i, space in enumerate(view.is_space) if not space]
        self.texts = [view.texts[i] for i in self.index]
        self.keys = [fold(text) for text in self.texts]
        n = len(self.index)
        position_of = {doc_i: p for p, doc_i in enumerate(self.index)}
        # per position: whether a sentence starts at it or at a space token
        # just before it, and whether a line break comes just before it
        new_sentence, new_line = [False] * n, [False] * n
        pending_sentence = pending_line = False
        p = 0
        for i, (text, space, starts_sentence) in enumerate(zip(view.texts, view.is_space, view.sentence_starts)):
            if space:
                pending_sentence = pending_sentence or starts_sentence
                pending_line = pending_line or "\n" in text
                continue
            new_sentence[p] = pending_sentence or starts_sentence
            new_line[p] = pending_line
            pending_sentence = pending_line = False
            p += 1
        # sentence bounds per position
        self.sent_start = [0] * n
        self.sent_end = [n] * n
        start = 0
        for p in range(n):
            if p and new_sentence[p]:
                for r in range(start, p):
                    self.sent_end[r] = p
                start = p
            self.sent_start[p] = start
        # paragraph (line) start per position: a space token holding a line
        # break opens a paragraph; the first one is the title
        self.para_start = [0] * n
        self.title_end = 0  # end of the first paragraph when more text follows
        start = 0
        for p in range(n):
            if p and new_line[p]:
                start = p
                self.title_end = self.title_end or p
            self.para_start[p] = start
        #: unit word -> positions of "<unit word> <Name>" (xã Sín Thầu), built on first use
        self._named_units: dict[str, list[int]] | None = None
        # end of the segmenter's word holding each position
        self.word_end = list(range(1, n + 1))
        for word_start, word_end in view.word_bounds:
            if word_end - word_start > 1:
                ps = [position_of[i] for i in range(word_start, word_end) if i in position_of]
                for p in ps:
                    self.word_end[p] = ps[-1] + 1
        # tokens already in an entity (DIRECTIVE ...): a name stops there
        self.taken = [False] * n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                if i in position_of:
                    self.taken[position_of[i]] = True
        self.acronyms = PhraseTable()  # acronyms introduced in parentheses
        #: syllables of a person's name that end the ORG being read: two after
        #: a title (Thứ trưởng Bộ TT&TT Phan Tâm), three otherwise
        self.person_min = 3
        #: the head being read takes a proper name (see :meth:`person_in_name`)
        self.proper = False

    # ----- token classes -------------------------------------------------

    def is_cap(self, p: int) -> bool:
        text = self.texts[p]
        return text[:1].isalpha() and text[0].isupper()

    def is_lower(self, p: int) -> bool:
        text = self.texts[p]
        return text[:1].isalpha() and text[0].islower()

    def is_acronym(self, p: int) -> bool:
        """An acronym (TT&TT, UBND, BKAV, PA05) or a roman numeral (II), not a
        code with one letter (5G, 4G)."""
        text = self.texts[p]
        if _ROMAN_RE.match(text):
            return True
        return len(text) > 1 and _ACRONYM_RE.match(text) is not None and sum(c.isalpha() for c in text) >= 2

    def is_syllable_cap(self, p: int) -> bool:
        """A capitalised syllable written like a name (Gia, Lai, Ea, A, H'Lan),
        not an acronym (TT&TT, UBND)."""
        text = self.texts[p]
        return self.is_cap(p) and (len(text) == 1 or any(c.islower() for c in text[1:]))

    def is_small_number(self, p: int) -> bool:
        text = self.texts[p]
        return text.isdigit() and len(text) <= 3

    def ctx_at(self, kind: str, p: int, stop: int) -> int:
        return self.lex.ctx(kind).match_at(self.keys, p, stop)[0]

    # ----- heads -----------------------------------------------------------

    def _case_ok(self, entry: HeadEntry, p: int, after_title: bool) -> bool:
        for k, lexicon_token in enumerate(entry.tokens):
            text = self.texts[p + k]
            if lexicon_token.isupper() and len(lexicon_token) > 1:
                if text != lexicon_token and text.upper() != text:
                    return False
            elif len(text) > 1 and text.isupper() and text.isalpha():
                return False  # an all-capitals headline, not this phrase
            if k == 0 and not text[:1].isupper():
                if not (after_title and "after_title" in entry.flags):
                    return False
        return True

    def head_at(self, p: int, stop: int, table: PhraseTable | None = None) -> tuple[int, HeadEntry | None]:
        """The longest head (or office) phrase at ``p`` whose case fits."""
        table = table or self.lex.heads
        longest = table.longest_from(self.keys, p, stop)
        if not longest:
            return 0, None
        after_title = p > self.sent_start[p] and self.keys[p - 1] in ("trưởng", "chánh")
        for length in range(longest, 0, -1):
            entry = table.table.get(tuple(self.keys[p : p + length]))
            if entry is not None and self._case_ok(entry, p, after_title):
                if any(self.taken[p : p + length]):
                    return 0, None
                return length, entry
        return 0, None

    def starts_org(self, p: int, stop: int) -> bool:
        """Whether an ORG of its own starts at ``p`` (checked without reading
        its name: a connector never joins two ORGs)."""
        if p >= stop:
            return False
        n, entry = self.head_at(p, stop)
        if entry is None:
            return False
        q = p + n
        if entry.kind == "fixed" or entry.need in ("none", "either"):
            return True
        if entry.need == "place":
            return self.place_at(q, stop, direct=True) is not None
        return q < stop and (self.is_cap(q) or self.is_acronym(q))

    # ----- people, places ----------------------------------------------

    def person_at(self, p: int, stop: int, min_len: int | None = None) -> bool:
        """A person's name starts at ``p``: a family name and more capitalised
        syllables (``Lâm Hữu Phước``), not a known place (``Hồ Chí Minh``)."""
        min_len = min_len or self.person_min
        if not self.is_syllable_cap(p) or not self.lex.surnames.match_at(self.keys, p, stop)[0]:
            return False
        q = p
        while q < stop and q - p < 5 and self.is_syllable_cap(q):
            q += 1
        if q - p < min_len:
            return False
        if self.lex.provinces.match_at(self.keys, p, stop)[0] or self.lex.localities.match_at(self.keys, p, stop)[0]:
            return False
        if self.lex.foreign.match_at(self.keys, p, stop)[0]:
            return False  # a country (Hàn Quốc, Triều Tiên), not Mr Hàn
        return True

    def person_in_name(self, p: int, stop: int, min_len: int | None = None) -> bool:
        """A person's name starts at ``p`` inside the name being read.  After a
        head whose name is a proper name (flag ``proper``: Công ty, Bệnh viện,
        Trường ...) the name may hold family-name syllables (``Công ty Kim
        Phát``, ``Bệnh viện Bạch Mai``, ``Trường THPT Chu Văn An``): only a
        full name (họ + two syllables) that ends the run of capitals is a person."""
        if not self.proper:
            return self.person_at(p, stop, min_len)
        if self.person_min == 3 and p > 0 and self.is_syllable_cap(p - 1) and not self.person_at(p - 1, stop, 2):
            # no title before the head: a name that runs on from the name
            # already read is the company's (Công ty TNHH Truyền thông Số
            # Hoàng Phúc Gia); a person follows a company only after a title
            # (Giám đốc Công ty ... Nguyễn Văn Minh) or a separator
            return False
        return self.person_at(p, stop, 3) and not self.person_later(p, stop)

    def person_later(self, p: int, stop: int) -> bool:
        """A full name (họ + two syllables) starts one or two syllables after
        ``p`` in the same run of capitalised syllables: the syllable at ``p``
        belongs to the name before it, however much it looks like a family
        name (``huyện Văn Yên Hoàng Thị Lan``, ``Bệnh viện Bạch Mai Đào Xuân Cơ``)."""
        for r in (p + 1, p + 2):
            if r >= stop or not self.is_syllable_cap(r - 1):
                return False
            if self.person_at(r, stop, 3):
                return True
        return False

    def _gazetteer(self, table: PhraseTable, p: int, stop: int) -> int:
        n, tokens = table.match_at(self.keys, p, stop)
        if not n:
            return 0
        # every syllable of the name capitalised as in the list (Hòa Bình, not hòa bình)
        for k, lexicon_token in enumerate(tokens):
            if lexicon_token[:1].isupper() and not self.texts[p + k][:1].isupper():
                return 0
        return n

    def place_at(self, p: int, stop: int, direct: bool, above: bool = True) -> Place | None:
        """A place qualifier at ``p``: unit word [+ place name], a one-token
        city (``TP.HCM``) or, if ``direct``, a province name alone; with
        ``above``, a named lower-level unit takes the unit above it written
        right after (``phường 5 quận 3``; one level, so reading stays linear)."""
        if p >= stop or self.taken[p]:
            return None
        key = self.keys[p]
        if key.startswith("tp.") and len(key) > 3 or key == "tphcm":
            return Place(p + 1, True, "upper")
        level = None
        n_unit = self.ctx_at("unit_upper", p, stop)
        if n_unit:
            level = "upper"
        else:
            n_unit = self.ctx_at("unit_lower", p, stop)
            if n_unit:
                level = "lower"
        if level and self.is_cap(p):
            # capitalised, only the city words are units (Trung tâm Chuyển đổi
            # số Thành phố, TP. Hồ Chí Minh); "Tỉnh ủy", "Tỉnh đoàn" are heads
            if key not in ("thành", "tp.", "tp") or self.head_at(p, stop)[0]:
                level = None
        if level:
            q = p + n_unit
            city = self.keys[p] in ("thành", "tp.", "tp")
            n = self._gazetteer(self.lex.provinces, q, stop)
            if not n and (level == "lower" or city):
                n = max(self._gazetteer(self.lex.localities, q, stop), self._gazetteer(self.lex.districts, q, stop))
                if n and level == "lower" and q + n < stop and self.is_syllable_cap(q + n):
                    # a former or unlisted unit whose name holds a listed one
                    # (xã Phong Thạnh Đông, xã Vĩnh Trạch Đông)
                    n = max(n, self._unseen_place(q, stop))
            if not n and (level == "lower" or city):
                if q < stop and self.texts[q].isdigit() and self.keys[p] in ("quận", "phường"):
                    n = 1
                else:
                    n = self._unseen_place(q, stop)
            if n:
                end = q + n
                if level == "lower" and above:
                    upper = self.place_at(end, stop, direct=False, above=False)
                    if upper is not None and upper.named:
                        end = upper.end
                return Place(end, True, level)
            return Place(q, False, level)
        if direct:
            n = self._gazetteer(self.lex.provinces, p, stop)
            if n:
                return Place(p + n, True, "direct")
        return None

    def _event_word(self, p: int, stop: int) -> bool:
        """A document/event word at ``p`` that is not the start of a sector
        name (``Kế hoạch`` ends a name, ``Kế hoạch và Đầu tư`` is one)."""
        n = self.ctx_at("event_stop", p, stop)
        if not n:
            return False
        key = tuple(self.keys[p : p + n])
        if key in self.lex.closed_names or key in self.lex.closed_names.prefixes:
            return False
        # the start of a longer word (Giải | pháp, Hệ thống | ...): no event word
        if p + n < stop and self.is_lower(p + n):
            if self.word_end[p + n - 1] > p + n or key + (self.keys[p + n],) in self.lex.compounds:
                return False
        return True

    def _unseen_place(self, p: int, stop: int) -> int:
        """Capitalised syllables of a place name not in the lists (Ia Grai)."""
        q = p
        while q < stop and q - p < MAX_PLACE_SYLLABLES and not self.taken[q] and self.is_syllable_cap(q):
            if self.ctx_at("title_stop", q, stop) or self._event_word(q, stop):
                break
            if self.head_at(q, stop)[0] or (self.person_at(q, stop) and not self.person_later(q, stop)):
                break
            q += 1
        return q - p

    # ----- names -------------------------------------------------------

    def _closed(self, entry: HeadEntry | None, seg_start: int, p: int, acronym: bool) -> bool:
        """Whether the name read from ``seg_start`` to ``p`` is complete (no
        lower-case word, connector or ``về`` may follow)."""
        if acronym:
            return True
        if entry is None or "closed" not in entry.flags or p <= seg_start:
            return False
        key = tuple(self.keys[seg_start:p])
        if key not in self.lex.closed_names:
            return False
        return key + (self.keys[p],) not in self.lex.closed_names.prefixes if p < len(self.keys) else True

    def _certain_end(self, p: int, stop: int, comma: bool = True) -> bool:
        """Whether a name certainly ends before ``p``: punctuation, a dash
        between spaces, ``thuộc``/``trực thuộc``/``của``/``tại``, the end."""
        if p >= stop:
            return True
        text = self.texts[p]
        if text == ",":
            return comma
        return text in _PUNCT_END or text == "-" or bool(self.ctx_at("hard_end", p, stop))

    def _joint_at(self, p: int, stop: int, entry: HeadEntry) -> bool:
        """``HĐND và UBND`` + place inside the name of a joint office."""
        if "joint" not in entry.flags:
            return False
        n, first = self.head_at(p, stop)
        if first is None or first.need != "place" or p + n + 1 >= stop or self.keys[p + n] != "và":
            return False
        n2, second = self.head_at(p + n + 1, stop)
        return second is not None and second.need == "place"

    def _parent_reference(self, p: int, stop: int, entry: HeadEntry) -> bool:
        """``Hội đồng thành viên Tổng công ty``: a governing body named by the
        bare back-reference of the company it governs (flag ``parent_ref``)."""
        if "parent_ref" not in entry.flags or not self.is_cap(p):
            return False
        n, inner = self.head_at(p, stop)
        return inner is not None and inner.kind == "head" and "ref" in inner.flags

    def _foreign_item(self, p: int, stop: int) -> int:
        """End of a capitalised item from ``p`` that closes with a foreign
        country (``Truyền thông Nhật Bản``), 0 if there is none."""
        if p >= stop or not self.is_syllable_cap(p) or self.starts_org(p, stop) or self.person_at(p, stop, 2):
            return 0
        if self.lex.foreign.match_at(self.keys, p, stop)[0]:
            return 0  # a country alone: "Việt Nam và Nhật Bản"
        end, _, _ = self._item(p, stop, first=False, allow_lower=True)
        n, _ = self.lex.foreign.match_before(self.keys, end, p + 1)
        return end if n and self.is_cap(end - n) else 0

    def _name_goes_on(self, p: int, stop: int) -> bool:
        """After a place inside a name: a capitalised syllable that is no
        head, title, event word, person or unit continues the name."""
        if p >= stop or not self.is_syllable_cap(p) or self.taken[p]:
            return False
        if self.head_at(p, stop)[0] or self.ctx_at("title_stop", p, stop) or self._event_word(p, stop):
            return False
        return not self.person_in_name(p, stop) and self.place_at(p, stop, direct=False) is None

    def _lower_word(self, p: int, stop: int, licensed: bool) -> int:
        """Length of a lower-case name word at ``p`` that may join the name (0: none).

        A word that is also a common predicate (flag ``verb``) joins only when
        ``licensed``: at the start of an item (after the head or a connector:
        ``Ban Chỉ đạo phòng, chống thiên tai``) or right after a capitalised
        word that names an action or an agent (flags ``verb``/``agent``:
        ``Cảnh sát quản lý hành chính``, ``Hỗ trợ phát triển doanh nghiệp``);
        and only before another name word, a capitalised word or a certain
        end.  After a sector noun it is the sentence's verb (``Trung tâm Viễn
        thông hỗ trợ doanh nghiệp``, ``Trung tâm Kiểm soát bệnh tật xây dựng
        kế hoạch``).  A word flagged ``noun`` as well also joins unlicensed
        before a plain name word (``Xã hội thông tin quốc gia``).
        """
        n, flags = self.lex.name_words.match_at(self.keys, p, stop)
        if not n or not self.is_lower(p) or any(self.taken[p : p + n]):
            return 0
        if "needs_number" in flags and not (p + n < stop and (self.texts[p + n].isdigit() or _ROMAN_RE.match(self.texts[p + n]))):
            return 0
        if "verb" in flags:
            n2, flags2 = self.lex.name_words.match_at(self.keys, p + n, stop)
            if not licensed:
                # a word that is first a noun (flag noun: thông tin) modifies
                # the noun before it when another plain name word follows
                # (Cơ quan Xã hội thông tin quốc gia ...); a predicate does not
                if "noun" in flags and n2 and self.is_lower(p + n) and "verb" not in flags2:
                    return n
                return 0
            follows = (n2 and self.is_lower(p + n) and "verb" not in flags2) or (p + n < stop and self.is_cap(p + n))
            if not follows and not self._certain_end(p + n, stop):
                return 0
        return n

    def _number_after(self, p: int, end: int, stop: int) -> int:
        """1 when the name word ``p:end`` takes a number and one follows
        (``khu vực 3``, ``Khu vực 1``), else 0."""
        if end >= stop or self.taken[end] or not (self.texts[end].isdigit() or _ROMAN_RE.match(self.texts[end])):
            return 0
        n, flags = self.lex.name_words.match_at(self.keys, p, end)
        return 1 if n == end - p and ("number" in flags or "needs_number" in flags) else 0

    def _licenses_verb(self, p: int, end: int) -> bool:
        """Whether the capitalised word ``p:end`` names an action or an agent."""
        n, flags = self.lex.name_words.match_at(self.keys, p, end)
        return n == end - p and bool(flags) and ("verb" in flags or "agent" in flags)

    def _cap_word(self, p: int, stop: int) -> int:
        """Length of a capitalised word at ``p`` with its lower-case syllables."""
        end = p + 1
        # the rest of the segmenter's word (Hàng hải, Thương binh)
        while end < min(self.word_end[p], stop) and self.is_lower(end) and not self.taken[end]:
            if self.keys[end] in ("và", "về"):
                break
            end += 1
        # the longest name word, or word of the word list, written with only
        # its first letter a capital
        for table in (self.lex.name_words, self.lex.compounds):
            for n in range(table.longest_from(self.keys, p, stop), 1, -1):
                if tuple(self.keys[p : p + n]) in table and not any(self.taken[p : p + n]):
                    if table is self.lex.compounds and self.word_end[p + n - 1] > p + n:
                        continue  # it would split the segmenter's next word (Kim Phát | lưu giữ)
                    if all(self.is_lower(q) or self.texts[q] == "," for q in range(p + 1, p + n)):
                        end = max(end, p + n)
                        break
        return end - p

    def _item(
        self, p: int, stop: int, *, first: bool, allow_lower: bool, closed=None, licensed: bool = True,
        task: bool = False,
    ) -> tuple[int, bool, bool]:
        """One item of a name from ``p``: (end, ended by a place, last token an acronym).

        An item is a run of capitalised words, acronyms and lower-case name
        words; it stops before a connector, a unit word, a head, a title or
        event word, a person's name and an entity already on the Doc.
        ``closed(q)`` says whether the name read up to ``q`` is complete (then
        no lower-case word may follow); ``licensed``: whether a verb-like
        name word may start the item (see :meth:`_lower_word`); ``task``: the
        item may open with a document word and its number, the programme a
        steering committee is named after (Ban Chỉ đạo Đề án 06).
        """
        q = p
        acronym = False
        while q < stop and not self.taken[q]:
            if q > p and (self.keys[q] in ("và", "&", ",", "-", "về") or self.head_at(q, stop)[0]):
                break
            if q > p and self.place_at(q, stop, direct=False) is not None:
                break
            if self.is_cap(q) or self.is_acronym(q):
                # a title never starts a name either, except as a trade (Hội Nhà báo)
                programme = task and q == p and self._event_word(q, stop)
                if (q > p or not first) and self.ctx_at("title_stop", q, stop) or (self._event_word(q, stop) and not programme):
                    break
                if self.person_in_name(q, stop):
                    break
                if not first or q > p:
                    n = self._gazetteer(self.lex.provinces, q, stop)
                    if n and (
                        tuple(self.keys[q : q + n]) in self.lex.countries
                        or self.place_at(q + n, stop, direct=False) is not None
                    ):
                        # a country or a place inside the name, the name's own
                        # place after it (Ủy ban MTTQ Việt Nam tỉnh, Đoàn Thanh
                        # niên Cộng sản Hồ Chí Minh tỉnh)
                        q += n
                        continue
                    if n and not self._name_goes_on(q + n, stop):
                        return q + n, True, False
                    if n:
                        q += n  # a place inside a name (Công ty ... Sài Gòn Xanh)
                        continue
                acronym = self.is_acronym(q) and not self.is_syllable_cap(q)
                length = self._cap_word(q, stop) if not acronym else 1
                licensed = self._licenses_verb(q, q + length)
                q += length
                q += self._number_after(q - length, q, stop)  # Khu vực 1
                if programme and q < stop and not self.taken[q] and (self.texts[q].isdigit() or self.is_acronym(q)):
                    q += 1  # Đề án 06, Chương trình 135
                continue
            if self.is_lower(q) and (q > p or allow_lower):
                if acronym or (closed is not None and q > p and closed(q)):
                    break
                n = self._lower_word(q, stop, licensed)
                if not n:
                    break
                q += n
                licensed = False
                flags = self.lex.name_words.match_at(self.keys, q - n, q)[1]
                if q < stop and ("number" in flags or "needs_number" in flags):
                    if self.texts[q].isdigit() or _ROMAN_RE.match(self.texts[q]):
                        q += 1  # Chi cục Thuế khu vực 3
                continue
            break
        return q, False, acronym

    def read_name(self, q: int, stop: int, entry: HeadEntry) -> tuple[int, bool, Place | None]:
        """The name after the head ``entry`` ending at ``q``: (end, whether a
        name was read, the place qualifier that ends it)."""
        limit = min(stop, q + MAX_NAME_TOKENS)
        p = q
        good = q
        seg_entry, seg_start = entry, q
        acronym = False
        about = "about" in entry.flags
        nonempty = entry.need in ("none", "place")
        pending = False  # an enumeration "A, B" waiting for its "và C"
        while p < limit and not self.taken[p]:
            key = self.keys[p]
            # a place qualifier ends the name
            if (nonempty or entry.need == "either") and not pending and p == good:
                place = self.place_at(p, limit, direct=False)
                if place is not None:
                    return place.end, good > q, place
            # a head inside the name (Thanh tra Sở ..., Văn phòng UBND tỉnh, Ban Tổ chức Tỉnh ủy)
            if p == good and not pending and (nonempty or p == q) and (
                self.starts_org(p, limit) or self._joint_at(p, limit, entry) or (p == q and self._parent_reference(p, limit, entry))
            ):
                n, inner = self.head_at(p, limit)
                n_not = self.lex.not_org.match_at(self.keys, p, limit)[0]
                if inner is not None and inner.kind != "office" and n_not:
                    # a concept that is no body may still be a unit's name
                    # when it is a name word (phòng Chính phủ số); otherwise
                    # the name ends (Ban Giám khảo)
                    if self.lex.name_words.match_at(self.keys, p, limit)[0] < n_not:
                        break
                    inner = None
                if inner is not None and inner.kind != "office":
                    if inner.kind == "head" and inner.need in ("name", "none"):
                        seg_entry, seg_start = inner, p + n
                        self.proper = "proper" in inner.flags
                    if "joint" in entry.flags and inner.need == "place" and p + n + 1 < limit and self.keys[p + n] == "và":
                        # one office of two bodies sharing their place (Văn phòng HĐND và UBND xã ...)
                        n2, other = self.head_at(p + n + 1, limit)
                        if other is not None and other.need == "place":
                            n += 1 + n2
                    p += n
                    good = p
                    acronym = self.is_acronym(p - 1) and not self.is_syllable_cap(p - 1)
                    nonempty = True
                    about = about or "about" in inner.flags
                    if inner.kind == "fixed":
                        place = self.place_at(p, limit, direct=True)
                        if place is not None:
                            return place.end, True, place
                        if "local" in inner.flags:
                            place = self._local_name(p, limit)
                            if place is not None:
                                return place.end, True, place  # Ban Dân vận Huyện ủy Lắk
                        if self.person_min == 2 and p < limit and self.is_syllable_cap(p) and not self.starts_org(p, limit):
                            # after a title, capitalised syllables right after
                            # a complete body are the title holder's name,
                            # whatever its first syllable (Trưởng Ban Tuyên
                            # giáo Tỉnh ủy A Khuyên, ... Tỉnh ủy Y Thanh Hà Niê)
                            return p, True, None
                    continue
            closed = not pending and self._closed(seg_entry, seg_start, p, acronym)
            if closed and nonempty and key in ("và", "&") and not acronym:
                # a foreign body: the second item closes with its country
                # (Bộ Nội vụ và Truyền thông Nhật Bản; Bộ Y tế | và Bộ ...)
                end = self._foreign_item(p + 1, limit)
                if end:
                    p = good = end
                    continue

            def closed_at(r: int, _entry=seg_entry, _start=seg_start) -> bool:
                return self._closed(_entry, _start, r, False)

            if nonempty and key in ("và", "&", ",", "về") and not closed:
                if key == "về" and not about:
                    break
                nxt = p + 1
                if nxt >= limit or self.starts_org(nxt, limit) or self.person_in_name(nxt, limit, 2):
                    break
                if self._gazetteer(self.lex.provinces, nxt, limit):
                    break
                end, placed, acronym = self._item(nxt, limit, first=False, allow_lower=True, closed=closed_at)
                if end == nxt:
                    break
                about = about or self._licenses_about(nxt, end)
                p = end
                if key == ",":
                    pending = True
                elif not pending or key in ("và", "&"):
                    pending = False
                    good = p
                if placed:
                    return good, True, None
                continue
            if nonempty and key == "-" and (not closed or acronym or (tuple(self.keys[seg_start:p]) + ("-",)) in self.lex.closed_names.prefixes):
                nxt = p + 1
                if nxt >= limit or not (self.is_cap(nxt) or self.is_acronym(nxt)) or self.starts_org(nxt, limit):
                    break
                if self.person_in_name(nxt, limit, 2) or self.ctx_at("title_stop", nxt, limit):
                    break
                end, placed, acronym = self._item(nxt, limit, first=False, allow_lower=False, closed=closed_at)
                if end == nxt:
                    break
                p = end
                if not pending:
                    good = p
                if placed:
                    return good, True, None
                continue
            if p == good and not pending:
                # the first item, or capitalised words right after the last one
                if p > q and not (self.is_cap(p) or self.is_acronym(p)):
                    if closed or acronym:
                        break
                if p == seg_start and self.texts[p].isdigit() and seg_entry is not None and "numbered" in seg_entry.flags:
                    p += 1  # Bộ Tư lệnh 86, Ban Chỉ đạo 389
                    good = p
                    nonempty = True
                    continue
                if (
                    p > seg_start and self.is_small_number(p) and seg_entry is not None and "numbered" in seg_entry.flags
                    and not self.texts[p - 1].isdigit()
                ):
                    # the number after the name ends it (Hải đội Biên phòng 2,
                    # Lữ đoàn Công binh 229)
                    return p + 1, True, None
                if p == q and not (self.is_cap(p) or self.is_acronym(p)):
                    if not ("lower_name" in entry.flags and self.is_lower(p)) and not self._anchored_lower_name(p, limit):
                        break
                if self.is_cap(p) and self.person_in_name(p, limit):
                    break
                after_number = p > q and self.texts[p - 1].isdigit()
                # the first item of the name, or of an inner head's name (a
                # trade may open it: Ban Chấp hành Hội Nhà báo tỉnh)
                end, placed, acronym = self._item(
                    p, limit, first=(p == q or p == seg_start), allow_lower=(p == q or after_number or not closed),
                    closed=closed_at,
                    licensed=(p == seg_start), task=(p == q and "task" in entry.flags),
                )  # fmt: skip
                if end == p:
                    break
                about = about or self._licenses_about(p, end)
                p = good = end
                nonempty = True
                if placed:
                    return good, True, None
                continue
            break
        if pending and p > good and self.is_lower(p - 1) and self._certain_end(p, stop, comma=False):
            good = p  # a lower-case enumeration ended by a certain end (báo chí, xuất bản - ...)
        return good, good > q, None

    def _anchored_lower_name(self, p: int, stop: int) -> bool:
        """A name written all in lower case after a head that usually takes a
        capitalised one (``Trung tâm dữ liệu quốc gia``, ``Trung tâm phục vụ
        hành chính công tỉnh``): only name words, and anchored by what makes
        it one unit: ``quốc gia`` at its end, or a place qualifier or a
        generic marker after it (``... cấp xã``: then a generic mention, no
        ORG and no bare reference either).  Otherwise the head is alone
        (``Trung tâm hội nghị``)."""
        if not self.is_lower(p):
            return False
        end, _, _ = self._item(p, stop, first=True, allow_lower=True)
        if end == p:
            return False
        if end - p >= 2 and tuple(self.keys[end - 2 : end]) == _NATIONAL:
            return True
        place = self.place_at(end, stop, direct=False)
        if place is not None and (place.named or place.level == "upper"):
            return True
        return self._generic_after(end, stop)

    def _licenses_about(self, p: int, end: int) -> bool:
        """Whether the words ``p:end`` license ``về`` in the name (Cảnh sát ...)."""
        q = p
        while q < end:
            n, flags = self.lex.name_words.match_at(self.keys, q, end)
            if n and "about" in flags:
                return True
            q += n or 1
        return False

    # ----- candidates ----------------------------------------------------

    def _generic_before(self, p: int) -> bool:
        s = self.sent_start[p]
        if p > s and self.is_small_number(p - 1) and self.texts[p - 1] not in ("0", "1", "01"):
            return True
        return bool(self.lex.ctx("plural_before").match_before(self.keys, p, s)[0])

    def _generic_after(self, q: int, stop: int) -> bool:
        if q >= stop:
            return False
        if self.ctx_at("plural_after", q, stop):
            return True
        if self.is_small_number(q) and (self.ctx_at("unit_upper", q + 1, stop) or self.ctx_at("unit_lower", q + 1, stop)):
            return True
        # a quantifier and a unit word: Hội Nhà báo ba tỉnh, Ban Tuyên giáo một số huyện ủy
        n = self.ctx_at("plural_before", q, stop)
        if n and (self.ctx_at("unit_upper", q + n, stop) or self.ctx_at("unit_lower", q + n, stop)):
            return True
        n = self.ctx_at("of_link", q, stop)
        if n and q + n < stop and self.keys[q + n] in ("các", "những"):
            return True
        return False

    def _generic_unit_list(self, q: int, stop: int) -> bool:
        """``UBND tỉnh, huyện``: a bare unit followed by another unit word."""
        if q + 1 < stop and self.keys[q] in (",", "và") and self.is_lower(q + 1):
            return bool(self.ctx_at("unit_upper", q + 1, stop) or self.ctx_at("unit_lower", q + 1, stop))
        return False

    def office_at(self, p: int, stop: int) -> Candidate | None:
        n, entry = self.head_at(p, stop, self.lex.offices)
        if entry is None:
            return None
        s = self.sent_start[p]
        previous = self.keys[p - 1] if p > s else None
        if previous == "phó":
            return None
        q = p + n
        if entry.need == "place":
            place = self.place_at(q, stop, direct=True)
            if place is None or (not place.named and place.level == "lower"):
                return None
            q = place.end
        elif entry.need == "name":
            # the office of a unit written after it (Chánh Thanh tra | Sở ...)
            unit, _ = self.candidate_at(q, stop, offices=False)
            if unit is None or unit.start != q:
                return None
            q = unit.end
        if q < stop and self.person_at(q, stop, 2):
            return None  # a title before a name (Thủ tướng Phạm Minh Chính)
        if "always" in entry.flags or previous == "của":
            return Candidate(p, q, head=entry.tokens)
        if previous is None or previous in _CLAUSE_OPEN or self.lex.ctx("agent_before").match_before(self.keys, p, s)[0]:
            r = q
            while r < stop and self.ctx_at("adverb", r, stop):
                r += self.ctx_at("adverb", r, stop)
            if r < stop and self.ctx_at("issuing_verb", r, stop):
                return Candidate(p, q, head=entry.tokens)
        return None

    def candidate_at(self, p: int, stop: int, offices: bool = True) -> tuple[Candidate | None, int]:
        """The ORG starting at ``p`` (or None) and where to look next."""
        if offices:
            office = self.office_at(p, stop)
            if office is not None:
                return office, office.end
        n, entry = self.head_at(p, stop)
        if entry is None:
            return None, p + 1
        n_not, _ = self.lex.not_org.match_at(self.keys, p, stop)
        if n_not > n or (n_not == n and entry.kind == "head" and n_not):
            return None, p + max(n_not, 1)
        if entry.kind == "head":
            # the head begins a place name (Trường Sa, Hội An, Vụ Bản)
            n_place = max(self._gazetteer(self.lex.localities, p, stop), self._gazetteer(self.lex.provinces, p, stop))
            if n_place > n:
                return None, p + n_place
        if p > self.sent_start[p] and self.lex.ctx("address_before").match_before(self.keys, p, self.sent_start[p])[0]:
            return None, p + n  # a street or site name (đường Trường Chinh)
        if self.is_lower(p) and self.ctx_at("title_modifier", p + n, stop):
            # the rest of the title, not the unit's name: Phó Trưởng ban
            # Thường trực | Ban Chỉ đạo ...
            return None, p + n
        q = p + n
        place = None
        has_name = False
        s = self.sent_start[p]
        self.person_min = 2 if p > s and self.lex.ctx("title_stop").match_before(self.keys, p, s)[0] else 3
        self.proper = "proper" in entry.flags
        if entry.kind == "fixed":
            r = q
            if entry.place and r + 2 < stop and self.keys[r : r + 2] == ["chi", "nhánh"]:
                r += 2  # Agribank Chi nhánh tỉnh Cao Bằng
            place = self.place_at(r, stop, direct=True) if entry.place else None
            if place is None and "local" in entry.flags:
                place = self._local_name(r, stop)
            end = place.end if place else q
            if place is None and entry.place:
                # a company's regional unit, written with its number (MobiFone khu vực 9)
                n_word = self.lex.name_words.match_at(self.keys, q, stop)[0]
                if n_word and self._number_after(q, q + n_word, stop):
                    end = q + n_word + 1
        elif entry.need == "place":
            place = self.place_at(q, stop, direct=True)
            end = place.end if place else q
            if place is None:
                shared = self._shared_place(q, stop)
                if shared is not None and not self._generic_before(p):
                    return Candidate(p, q, head=entry.tokens, shared_place=shared), q
        else:
            if self.is_lower(p) and q < stop and _UNIT_CODE_RE.match(self.texts[q]):
                # a unit known by its code, the head being part of the title
                # (Phó Trưởng phòng PC02): the code is the unit's name, and
                # the body written after it is its parent, an ORG of its own
                # (Phó Trưởng phòng PC02 Công an tỉnh)
                return Candidate(q, q + 1), q + 1
            if "number_first" in entry.flags and not (q < stop and self.texts[q].isdigit()):
                return None, q  # Vùng 3 Hải quân is a unit; "Vùng cao", "Vùng Tây Bắc" are not
            end, has_name, place = self.read_name(q, stop, entry)
            if not has_name and place is None and "local" in entry.flags:
                place = self._local_name(q, stop)
                end = place.end if place else end
            if has_name and "at_place" in entry.flags and end + 1 < stop and self.keys[end] == "tại":
                # a branch named by where it is (Chi nhánh Công ty ... tại Đà Nẵng)
                at = self.place_at(end + 1, stop, direct=True)
                if at is None:
                    # a region or a foreign country (Văn phòng đại diện ... tại
                    # Bắc Trung Bộ, Cơ quan đại diện ... tại Nhật Bản)
                    n_at = max(self._gazetteer(self.lex.regions, end + 1, stop), self._gazetteer(self.lex.foreign, end + 1, stop))
                    at = Place(end + 1 + n_at, True, "direct") if n_at else None
                if at is not None and at.named:
                    end, place = at.end, at
        # what must follow the head
        if place is not None and not place.named and place.level == "lower" and not self._unit_named_before(p, place):
            return None, q  # UBND xã, Công an huyện: each commune's ..., generic
        if place is not None and not place.named and self._generic_unit_list(place.end, stop):
            return None, place.end
        ok = {
            "name": has_name,
            "place": place is not None,
            "either": has_name or place is not None,
            "none": True,
        }[entry.need] if entry.kind != "fixed" else True
        if not ok:
            reference = self._bare_reference(p, n, entry, stop)
            if reference is not None:
                return reference, q
            return None, q
        if self._generic_before(p):
            return None, end
        if (place is None or not place.named) and self._generic_after(end, stop):
            return None, end
        return Candidate(p, end, head=entry.tokens), end

    def _local_name(self, p: int, stop: int) -> Place | None:
        """A district, city or commune of the gazetteer written right after a
        Party committee, without its unit word (Huyện ủy Mộc Châu, Thành ủy Hạ
        Long; flag ``local``).  A name that runs on into more capitalised
        syllables is no such place (Bí thư Huyện ủy Vũ Quang Huy: a person)."""
        n = max(self._gazetteer(self.lex.districts, p, stop), self._gazetteer(self.lex.localities, p, stop))
        if not n or (p + n < stop and self.is_syllable_cap(p + n)):
            return None
        return Place(p + n, True, "direct")

    def _shared_place(self, q: int, stop: int) -> tuple[int, int] | None:
        """``HĐND và UBND tỉnh``, ``HĐND, UBND huyện Ia Grai``: a body named by
        its place coordinated with the next one, which carries the place for
        both (one step only, so reading stays linear).  The positions of that
        place, or None."""
        if q + 1 >= stop or self.keys[q] not in ("và", "&", ","):
            return None
        n, other = self.head_at(q + 1, stop)
        if other is None or other.kind != "head" or other.need != "place":
            return None
        r = q + 1 + n
        place = self.place_at(r, stop, direct=True)
        if place is None or not (place.named or place.level == "upper"):
            return None
        if self._generic_unit_list(place.end, stop) or (not place.named and self._generic_after(place.end, stop)):
            return None
        return r, place.end

    def _unit_named_before(self, p: int, place: Place) -> bool:
        """``Tại xã Sín Thầu, đoàn làm việc với ... Chủ tịch UBND xã``: a bare
        lower-level unit refers to the one named before it in the same
        paragraph (same unit word), or to the one the title is about
        (``... làm việc với huyện Mộc Châu``: ``UBND huyện`` in the body)."""
        if self._named_units is None:
            self._named_units = {}
            for r in range(len(self.keys) - 1):
                # the unit word in lower case, or capitalised opening a
                # sentence or the title (Xã Lộc Ninh đẩy mạnh ...)
                if (self.is_lower(r) or (r == self.sent_start[r] and self.is_syllable_cap(r))) and self.is_syllable_cap(r + 1) and not (
                    r > 0 and self.keys[r - 1] in ("các", "những")
                ):
                    self._named_units.setdefault(self.keys[r], []).append(r)
        named = self._named_units.get(self.keys[place.end - 1])
        if not named:
            return False
        k = bisect.bisect_left(named, p - 1) - 1  # the last one before p - 1
        if k >= 0 and named[k] >= self.para_start[p]:
            return True
        return self.para_start[p] > 0 and named[0] < self.title_end

    def _bare_reference(self, p: int, n: int, entry: HeadEntry, stop: int) -> Candidate | None:
        """A bare head that is a back-reference (``Sở``, ``Bộ``, ``Tập đoàn``)."""
        flags = entry.flags
        if entry.kind != "head" or not ({"ref", "ref_mid", "ref_member"} & flags):
            return None
        if "ref_member" in flags and not (
            p > self.sent_start[p] and self.lex.ctx("membership_title").match_before(self.keys, p, self.sent_start[p])[0]
        ):
            return None  # a bare Ban Thường vụ is the article's only after Ủy viên
        if "ref_mid" in flags and (p == self.sent_start[p] or self.keys[p - 1] in _CLAUSE_OPEN):
            return None
        if not self.texts[p][:1].isupper():
            return None
        if p > self.sent_start[p] and self.is_cap(p - 1):
            return None  # part of a capitalised name before it (Nam Trung Bộ)
        q = p + n
        if self.lex.not_reference.match_at(self.keys, p, stop)[0] > n:
            return None
        if self.word_end[q - 1] > q and q < stop and self.is_lower(q):
            return None  # the segmenter joined the head to the next syllable (Bộ trưởng)
        if q < stop and self.keys[q] == "," and self.ctx_at("generic_list", q + 1, stop):
            return None  # Sở, ngành
        if self._generic_before(p) or self._generic_after(q, stop):
            return None
        if q < stop and (self.is_cap(q) or self.is_acronym(q)) and not self.person_at(q, stop, 2):
            return None  # a name it could not read (an event ...): no reference either
        return Candidate(p, q, reference=True, head=entry.tokens)

    def paren_acronym(self, end: int, stop: int) -> Candidate | None:
        """``(NCSC)``, ``(VNCERT/CC)``, ``(Vietnam Post)`` right after an ORG."""
        if end >= stop or self.texts[end] != "(":
            return None
        close = end + 1
        while close < stop and close - end <= MAX_PAREN_TOKENS and self.texts[close] != ")":
            close += 1
        if close >= stop or self.texts[close] != ")" or close == end + 1:
            return None
        a, b = end + 1, close
        if any(self.taken[a:b]):
            return None
        n, entry = self.head_at(a, b)
        if entry is not None and (entry.kind != "fixed" or a + n == b):
            return None  # an ORG of its own, read by the scan (Bộ TT&TT), or a known acronym
        doc = self.doc
        text = doc[self.index[a] : self.index[b - 1] + 1].text
        if text in self.lex.abbreviations:
            return None  # a sector abbreviation (KH&CN, TT&TT), not a name
        if " " not in text:
            if _ACRONYM_RE.match(text) and any(c.isalpha() for c in text) and len(text) > 1 and not _ROMAN_RE.match(text):
                return Candidate(a, b)
            return None
        words = text.split()
        if len(words) <= 4 and all(_ASCII_WORD_RE.match(w) or _ACRONYM_RE.match(w) for w in words):
            return Candidate(a, b)
        return None

    def find(self) -> list[Candidate]:
        found: list[Candidate] = []
        n = len(self.texts)
        # most tokens begin no head or office: skip them without the full reading
        first_words = self.lex.first_words
        keys = self.keys
        p = 0
        while p < n:
            if self.taken[p] or keys[p] not in first_words:
                p += 1
                continue
            stop = self.sent_end[p]
            candidate, nxt = self.candidate_at(p, stop)
            if candidate is not None:
                found.append(candidate)
                acronym = self.paren_acronym(candidate.end, stop)
                if acronym is not None:
                    found.append(acronym)
                    self.acronyms.add(self.texts[acronym.start : acronym.end])
                    nxt = acronym.end + 1
            p = max(nxt, p + 1)
        return found + self._acronym_repeats(found)

    def _acronym_repeats(self, found: list[Candidate]) -> list[Candidate]:
        """Bare uses of an acronym introduced in parentheses (``C06``)."""
        if not self.acronyms.table:
            return []
        covered = [False] * len(self.texts)
        for candidate in found:
            for p in range(candidate.start, candidate.end):
                covered[p] = True
        repeats = []
        p = 0
        while p < len(self.texts):
            length, _ = self.acronyms.match_at(self.keys, p, self.sent_end[p])
            if length and not any(covered[p : p + length]) and not any(self.taken[p : p + length]):
                if self.texts[p].isupper() or self.is_acronym(p):
                    repeats.append(Candidate(p, p + length))
                    p += length
                    continue
            p += 1
        return repeats

    # ----- spans ---------------------------------------------------------

    def span(self, candidate: Candidate) -> Span:
        return Span(self.doc, self.index[candidate.start], self.index[candidate.end - 1] + 1, label=LABEL)

    def mention(self, candidate: Candidate) -> "OrgMention":
        span = self.span(candidate)
        canonical = canonical_form(span, self.lex.abbreviations, candidate.head)
        if candidate.shared_place is not None:
            a, b = candidate.shared_place
            place = canonical_form(self.doc[self.index[a] : self.index[b - 1] + 1], self.lex.abbreviations)
            if self.is_lower(a) or self.keys[a].startswith("tp"):
                place = place[:1].lower() + place[1:]  # tỉnh, thành phố (TP.)
            canonical = f"{canonical} {place}"
        return OrgMention(span, candidate.reference, canonical)


@dataclass
class OrgMention:
    span: Span
    is_reference: bool
    canonical: str


# --------------------------------------------------------------------------
# Canonical form
# --------------------------------------------------------------------------


def canonical_form(span: Span, abbreviations: dict[str, str], head: Sequence[str] = ()) -> str:
    """NFC, modern tone placement, single spaces, the head spelt as in the
    lexicon (``Ban thường vụ`` -> ``Ban Thường vụ``), abbreviations expanded,
    ``&`` -> ``và``, first letter a capital."""
    parts = []
    k = 0  # index among the non-space tokens
    for token in span:
        if token.is_space:
            parts.append(" ")
            continue
        text = unicodedata.normalize("NFC", token.text)
        if k < len(head) and fold(head[k]) == fold(text):
            text = head[k]
        k += 1
        if text in abbreviations:
            text = abbreviations[text]
        elif text == "&":
            text = "và"
        parts.append(text)
        if token.whitespace_ and token.i < span.end - 1:
            parts.append(" ")
    text = _SPACES_RE.sub(" ", fix_tone_placement("".join(parts))).strip()
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------


def find_organisations(doc: Doc, lexicon: OrgLexicon | None = None) -> list[OrgMention]:
    """Every ORG mention in ``doc`` (without adding them to ``doc.ents``)."""
    lexicon = lexicon or get_lexicon()
    reader = _DocOrgs(doc, lexicon)
    return [reader.mention(c) for c in reader.find()]


@Language.factory("vn_organisations")
class OrganisationRecognizer:
    """spaCy component: adds ORG spans to ``doc.ents`` with ``canonical`` and
    ``is_reference`` set (see the module doc)."""

    def __init__(self, nlp: Language, name: str = "vn_organisations"):
        self.name = name
        self.lexicon = get_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        found = {(m.span.start, m.span.end): m for m in find_organisations(doc, self.lexicon)}
        added = add_entities(doc, [m.span for m in found.values()])
        ents = {(ent.start, ent.end): ent for ent in doc.ents}
        for span in added:
            ent = ents.get((span.start, span.end))
            mention = found.get((span.start, span.end))
            if ent is None or mention is None:
                continue
            ent._.canonical = mention.canonical
            ent._.is_reference = mention.is_reference
        return doc
