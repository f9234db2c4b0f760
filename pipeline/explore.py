"""Looking inside the pipeline: what the analyst notebooks show.

One article, stage by stage (:func:`trace_article`)::

    trace = pipeline.trace_article(open("corpus/dev/mic-gov-vn-000.txt").read())
    trace.changes                # what normalisation changed (kind, before, after)
    trace.removed_paragraphs     # duplicate paragraphs dropped, and which one they repeat
    trace.footer                 # footer/widget lines dropped
    trace.segmented              # sentences with words joined by "_" (Gia_Lai)
    trace.render()               # entities with displaCy
    trace.evidence()             # the knowledge table with its evidence sentences

A corpus (the :class:`~pipeline.Tables` of :func:`pipeline.run`):
:func:`corpus_graph` (people - position - organisation graph),
:func:`directives_table` and :func:`directives_by_type_and_year`,
:func:`near_duplicate_articles` and :func:`article_similarity`.

Quality against gold (:func:`evaluate_gold`): per-label and per-relation
scores, an entity confusion table, missed relations with their likely cause.

Plots (:func:`bar_chart`, :func:`heatmap`, :func:`draw_graph`) use a font with Vietnamese
glyphs (:func:`use_vietnamese_font`); matplotlib is imported only by them.
"""

from __future__ import annotations

import difflib
import html
import itertools
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from .api import Result, process_text, process_texts
from .clean.dedup import NearDuplicateIndex
from .clean.normalize import fix_tone_placement, normalize_text
from .clean.structure import parse_structure
from .ingest import record_from_text
from .resources import read_lines
from .tables import Tables

__all__ = [
    "ArticleTrace",
    "trace_article",
    "normalisation_changes",
    "render_entities",
    "corpus_graph",
    "directives_table",
    "directives_by_type_and_year",
    "near_duplicate_articles",
    "article_similarity",
    "GoldEvaluation",
    "evaluate_gold",
    "use_vietnamese_font",
    "bar_chart",
    "heatmap",
    "draw_graph",
    "LABEL_COLORS",
    "VIETNAMESE_LETTERS",
]

#: one colour per label, shared by displaCy and the graph pictures
LABEL_COLORS = {
    "PER": "#8ecae6",
    "ORG": "#ffb703",
    "LOC": "#90be6d",
    "DIRECTIVE": "#f4978e",
    "DATE": "#cdb4db",
}

_VIETNAMESE_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ"
    "pqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
#: every letter of the Vietnamese alphabet with every tone, both cases
VIETNAMESE_LETTERS = _VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper()


# --------------------------------------------------------------------------
# What normalisation changed
# --------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\s+|\S+")
_ENTITY_IN_TEXT_RE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_QUOTES = set("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\uff02\u2018\u2019\u201a\u201b\u2032\u2035\uff07")

_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"

#: kinds of change (a change may be of several kinds: ``"tone placement, quote"``)
CHANGE_KINDS = (
    "HTML entity",
    "invisible character",
    "Unicode composition (NFC)",
    "tone placement",
    "line break",
    "special space",
    "quote",
    "dash",
    "letter variant",
    "whitespace",
    "other",
)


def _visible(text: str) -> str:
    """``text`` with invisible and special characters made readable:
    ``⏎`` for a line break, ``⍽`` for a non-breaking space, ``⇥`` for a
    tab, ``<U+200B>`` for other format/control characters and unusual
    spaces; a text of spaces only shows them as ``·``."""
    out = []
    spaces_only = bool(text) and not text.strip(" ")
    for char in text:
        if char == "\n":
            out.append("⏎")
        elif char == "\u00a0":
            out.append("⍽")
        elif char == "\t":
            out.append("⇥")
        elif char == " ":
            out.append("·" if spaces_only else " ")
        elif unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn") or not char.isprintable():
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


def _change_kinds(before: str, after: str) -> list[str]:
    """The normalisation steps that explain ``before`` -> ``after``, in
    the order of :data:`CHANGE_KINDS` (``["other"]`` when none does)."""
    kinds = []
    if _ENTITY_IN_TEXT_RE.search(before):
        kinds.append("HTML entity")
    if any(unicodedata.category(c) in ("Cf", "Cc") and c not in _LINE_BREAKS and c != "\t" for c in before):
        kinds.append("invisible character")
    nfc = unicodedata.normalize("NFC", before)
    if nfc != before:
        kinds.append("Unicode composition (NFC)")
    if nfc.strip() and fix_tone_placement(nfc) != nfc:
        kinds.append("tone placement")
    if any(c in _LINE_BREAKS and c != "\n" for c in before):
        kinds.append("line break")
    if any(unicodedata.category(c) == "Zs" and c != " " for c in before):
        kinds.append("special space")
    if any(c in _QUOTES for c in before):
        kinds.append("quote")
    if any(unicodedata.category(c) == "Pd" and c != "-" for c in before):
        kinds.append("dash")
    if "\u00d0" in before:
        kinds.append("letter variant")
    if not kinds and not before.strip() and not after.strip():
        kinds.append("whitespace")
    return kinds or ["other"]


def normalisation_changes(raw: str, normalised: str | None = None) -> pd.DataFrame:
    """Every change :func:`~pipeline.clean.normalize.normalize_text` makes to ``raw``.

    One row per change: ``position`` (character offset in ``raw``), ``kind``
    (one of :data:`CHANGE_KINDS`: the normalisation step that explains it),
    ``before`` and ``after`` (the changed word or space, invisible characters
    shown as ``<U+200B>``, line breaks as ``⏎``, a non-breaking space as
    ``⍽``, a run of plain spaces as ``·``).

    >>> normalisation_changes("Uỷ ban  nhân dân")[["kind", "before", "after"]].values.tolist()
    [['tone placement', 'Uỷ', 'Ủy'], ['whitespace', '··', '·']]
    """
    if normalised is None:
        normalised = normalize_text(raw)
    a = _TOKEN_RE.findall(raw)
    b = _TOKEN_RE.findall(normalised)
    offsets = list(itertools.accumulate([0] + [len(t) for t in a]))
    rows = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            pairs = [([a[i]], [b[j]], i) for i, j in zip(range(i1, i2), range(j1, j2))]
        else:
            pairs = [(a[i1:i2], b[j1:j2], i1)]
        for before_tokens, after_tokens, index in pairs:
            before, after = "".join(before_tokens), "".join(after_tokens)
            if before == after:
                continue
            rows.append(
                {
                    "position": offsets[index] if index < len(offsets) else len(raw),
                    "kind": ", ".join(_change_kinds(before, after)),
                    "before": _visible(before),
                    "after": _visible(after),
                }
            )
    frame = pd.DataFrame(rows, columns=["position", "kind", "before", "after"])
    frame["position"] = frame["position"].astype("int64")
    return frame


# --------------------------------------------------------------------------
# One article, stage by stage
# --------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(normalize_text(str(value)).split())
    return value or None


def _removed_paragraphs(body: list[str], kept: list[str], title: str | None) -> pd.DataFrame:
    """The paragraphs of ``body`` that are not in ``kept`` (the article's
    final paragraphs, a subsequence of ``body``), and why."""
    from rapidfuzz.distance import Levenshtein

    rows = []
    pointer = 0
    kept_so_far: list[tuple[int, str]] = []
    title_key = _fold(title) if title else None
    for position, paragraph in enumerate(body):
        if pointer < len(kept) and paragraph == kept[pointer]:
            kept_so_far.append((position, paragraph))
            pointer += 1
            continue
        key = _fold(paragraph)
        if not key:
            continue  # empty paragraphs are dropped without being counted
        if title_key is not None and key == title_key:
            rows.append((position, "repeats the title", None, 1.0, paragraph))
            continue
        exact = next((p for p, k in kept_so_far if _fold(k) == key), None)
        if exact is not None:
            rows.append((position, "exact duplicate", exact, 1.0, paragraph))
            continue
        words = paragraph.casefold().split()
        best, best_score = None, 0.0
        for p, k in kept_so_far:
            score = Levenshtein.normalized_similarity(words, k.casefold().split())
            if score > best_score:
                best, best_score = p, score
        rows.append((position, "near duplicate", best, round(best_score, 3), paragraph))
    frame = pd.DataFrame(rows, columns=["position", "kind", "duplicate_of", "similarity", "text"])
    frame["duplicate_of"] = pd.array(frame["duplicate_of"], dtype="Int64")
    frame["similarity"] = frame["similarity"].astype("float64")
    return frame


@dataclass
class ArticleTrace:
    """One article through every stage (see :func:`trace_article`).

    ``raw``: the article as decoded; ``normalised``: after
    :func:`~pipeline.clean.normalize.normalize_text`; ``changes``: what
    normalisation changed (:func:`normalisation_changes`); ``title``,
    ``source``, ``byline``, ``author``: the structure found; ``paragraphs``:
    the body paragraphs before duplicate removal; ``removed_paragraphs``:
    those dropped (``position`` and ``duplicate_of`` index ``paragraphs``);
    ``footer``: lines dropped as footer or widget noise; ``result``: the
    :class:`~pipeline.Result` of :func:`pipeline.process_text` (clean article,
    Doc, tables).
    """

    article_id: str
    raw: str
    normalised: str
    changes: pd.DataFrame
    title: str | None
    source: str | None
    byline: str | None
    author: str | None
    paragraphs: list[str]
    removed_paragraphs: pd.DataFrame
    footer: list[str]
    result: Result

    # -- the later stages --------------------------------------------------

    @property
    def article(self):
        return self.result.article

    @property
    def clean_text(self) -> str:
        """The clean text every offset of the tables indexes into."""
        return self.result.article.text

    @property
    def doc(self):
        return self.result.doc

    @property
    def sentences(self) -> list[str]:
        """The sentences of the Doc (``sentence_id`` in the tables indexes this list)."""
        if self.doc is None:
            return []
        return [sentence.text.strip() for sentence in self.doc.sents]

    @property
    def words(self) -> list[str]:
        """The words of the segmentation (``doc.spans["words"]``), in order."""
        if self.doc is None or "words" not in self.doc.spans:
            return []
        return [span.text for span in self.doc.spans["words"]]

    @property
    def segmented(self) -> list[str]:
        """Each sentence with the syllables of a word joined by ``_``
        (``Ủy_ban_nhân_dân tỉnh Gia_Lai``), the usual way to show Vietnamese
        word segmentation."""
        if self.doc is None or "words" not in self.doc.spans:
            return []
        by_sentence: dict[int, list[str]] = defaultdict(list)
        starts = [sentence.start for sentence in self.doc.sents]
        for span in self.doc.spans["words"]:
            # the sentence holding the word: the last start <= span.start
            lo, hi = 0, len(starts) - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if starts[mid] <= span.start:
                    lo = mid
                else:
                    hi = mid - 1
            by_sentence[lo].append("_".join(span.text.split()))
        return [" ".join(by_sentence[k]) for k in range(len(starts)) if by_sentence.get(k)]

    @property
    def mentions(self) -> pd.DataFrame:
        return self.result.mentions

    @property
    def entities(self) -> pd.DataFrame:
        return self.result.entities

    @property
    def relations(self) -> pd.DataFrame:
        return self.result.relations

    # -- views ---------------------------------------------------------------

    def change_counts(self) -> pd.Series:
        """How many changes of each kind normalisation made (a change of
        several kinds counts under each)."""
        kinds = self.changes["kind"].str.split(", ").explode()
        return kinds.value_counts().rename("changes").rename_axis("kind")

    def summary(self) -> pd.DataFrame:
        """One row per stage: what it kept or removed."""
        rows = [
            ("ingest", "characters read", len(self.raw)),
            ("normalisation", "characters after", len(self.normalised)),
            ("normalisation", "changes", len(self.changes)),
            ("structure", "title found", int(self.title is not None)),
            ("structure", "source tag found", int(self.source is not None)),
            ("structure", "byline found", int(self.byline is not None)),
            ("structure", "footer lines removed", len(self.footer)),
            ("duplicates", "body paragraphs", len(self.paragraphs)),
            ("duplicates", "paragraphs removed", len(self.removed_paragraphs)),
            ("segmentation", "sentences", len(self.sentences)),
            ("segmentation", "words", len(self.words)),
            ("segmentation", "tokens (syllables)", len(self.doc) if self.doc is not None else 0),
            ("NER", "mentions", len(self.mentions)),
            ("linking", "entities", len(self.entities)),
            ("relations", "knowledge-table rows", len(self.relations)),
        ]
        return pd.DataFrame(rows, columns=["stage", "what", "count"])

    def diff_html(self, *, context: bool = True, wrap: int = 70) -> str:
        """An HTML table: the raw text beside the normalised one, line by
        line, changes highlighted (``IPython.display.HTML(trace.diff_html())``)."""
        differ = difflib.HtmlDiff(wrapcolumn=wrap)
        return differ.make_table(
            [_visible(line) for line in self.raw.split("\n")],
            [_visible(line) for line in self.normalised.split("\n")],
            fromdesc="raw scrape",
            todesc="normalised",
            context=context,
            numlines=0,
        )

    def render(self, jupyter: bool | None = None):
        """The entities of the Doc highlighted with displaCy (:func:`render_entities`)."""
        return render_entities(self.doc, jupyter=jupyter)

    def evidence(self) -> pd.DataFrame:
        """The article's knowledge table with the sentence each row rests on
        (``evidence``, else the sentence of ``sentence_id``)."""
        columns = ["subject", "relation", "object", "title", "award", "confidence", "evidence"]
        relations = self.relations
        if relations.empty:
            return pd.DataFrame(columns=columns)
        sentences = self.sentences
        frame = relations.copy()

        def sentence_of(row) -> str | None:
            if isinstance(row["evidence"], str) and row["evidence"].strip():
                return row["evidence"]
            sid = row["sentence_id"]
            if sid is not None and not pd.isna(sid) and 0 <= int(sid) < len(sentences):
                return sentences[int(sid)]
            return None

        frame["evidence"] = frame.apply(sentence_of, axis=1)
        return frame[columns].reset_index(drop=True)


def trace_article(text: str | bytes | Path, article_id: str | None = None, **metadata) -> ArticleTrace:
    """Run one scraped article through every stage and keep what each did.

    ``text``: the article as scraped (``str``), its bytes (decoded like a
    file) or a path to a ``.txt`` file.  ``metadata``: ``title``, ``url``,
    ``published``, ``author`` as for :func:`pipeline.process_text`.

    >>> trace = trace_article("Hội nghị về an toàn thông tin\\n\\nUỷ ban nhân dân tỉnh tổ chức hội nghị.")  # doctest: +SKIP
    >>> trace.changes[["kind", "before", "after"]]                                                      # doctest: +SKIP
    """
    if isinstance(text, Path):
        article_id = article_id or text.stem
        text = text.read_bytes()
    article_id = article_id or "text"
    record = record_from_text(text, article_id=article_id, **metadata)
    raw = record.text or ""
    normalised = normalize_text(raw)
    parts = parse_structure(normalised, title=_one_line(record.title))
    result = process_text(text, article_id=article_id, **metadata)
    article = result.article
    title = parts.title or _one_line(record.title)
    removed = _removed_paragraphs(parts.paragraphs, article.paragraphs if article.ok else [], title)
    return ArticleTrace(
        article_id=article_id,
        raw=raw,
        normalised=normalised,
        changes=normalisation_changes(raw, normalised),
        title=title,
        source=parts.source,
        byline=parts.byline,
        author=parts.author,
        paragraphs=list(parts.paragraphs),
        removed_paragraphs=removed,
        footer=list(parts.footer),
        result=result,
    )


def render_entities(doc, jupyter: bool | None = None, *, colors: Mapping[str, str] | None = None):
    """displaCy rendering of ``doc.ents`` with a colour per schema label
    (:data:`LABEL_COLORS`).  In Jupyter it is displayed (returns ``None``);
    elsewhere the HTML markup is returned."""
    from spacy import displacy

    if doc is None:
        raise ValueError("no Doc to render (the article failed: see its error)")
    labels = sorted({ent.label_ for ent in doc.ents} | set(LABEL_COLORS))
    options = {"ents": labels, "colors": {**LABEL_COLORS, **(colors or {})}}
    if not doc.ents:
        # displaCy warns on a Doc without entities; show the text plainly
        markup = f"<div class='entities' style='line-height: 2.2'>{html.escape(doc.text)}</div>"
        if jupyter or (jupyter is None and _in_jupyter()):
            from IPython.display import HTML, display

            display(HTML(markup))
            return None
        return markup
    return displacy.render(doc, style="ent", jupyter=jupyter, options=options)


def _in_jupyter() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


# --------------------------------------------------------------------------
# A corpus
# --------------------------------------------------------------------------


def _text(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (list, tuple, dict, set)) and pd.isna(value):
        return None
    value = str(value)
    return value if value.strip() else None


def corpus_graph(
    tables: Tables,
    relations: Iterable[str] = ("holds_position", "part_of"),
) -> "networkx.Graph":  # noqa: F821
    """The people - position - organisation graph of a corpus.

    Nodes are entities (``entity_id``; ends without an id are keyed
    ``LABEL:text``) with attributes ``label``, ``name`` (canonical form) and
    ``n_articles``.  An edge joins the two ends of knowledge-table rows of
    the given ``relations`` (default ``holds_position`` PER -> ORG and
    ``part_of`` ORG -> ORG), with attributes ``relation`` (sorted names,
    ``", "``-joined), ``titles`` (the positions, sorted), ``articles``
    (sorted ids), ``weight`` (number of articles) and ``subject`` (the
    node the first row's subject is, as the graph is undirected).
    """
    import networkx as nx

    graph = nx.Graph()
    wanted = set(relations)
    frame = tables.relations
    if frame.empty:
        return graph
    frame = frame[frame["relation"].isin(wanted)]
    names = {}
    articles_of = {}
    if not tables.entities.empty:
        names = dict(zip(tables.entities["entity_id"], tables.entities["canonical"]))
        articles_of = dict(zip(tables.entities["entity_id"], tables.entities["n_articles"]))
    edges: dict[tuple[str, str], dict] = {}
    for row in frame.to_dict("records"):
        ends = []
        for end in ("subject", "object"):
            text = _text(row.get(end))
            label = _text(row.get(f"{end}_label")) or "?"
            node = _text(row.get(f"{end}_id")) or f"{label}:{text}"
            if text is None and node not in names:
                break
            if node not in graph:
                graph.add_node(
                    node,
                    label=label,
                    name=names.get(node) or text,
                    n_articles=int(articles_of.get(node, 0) or 0),
                )
            ends.append(node)
        if len(ends) != 2 or ends[0] == ends[1]:
            continue
        key = tuple(sorted(ends))
        data = edges.setdefault(
            key, {"relation": set(), "titles": set(), "articles": set(), "subject": ends[0]}
        )
        data["relation"].add(row["relation"])
        title = _text(row.get("title"))
        if title:
            data["titles"].add(title)
        data["articles"].add(str(row["article_id"]))
    for (u, v), data in edges.items():
        graph.add_edge(
            u,
            v,
            relation=", ".join(sorted(data["relation"])),
            titles=sorted(data["titles"]),
            articles=sorted(data["articles"]),
            weight=len(data["articles"]),
            subject=data["subject"],
        )
    # nodes with no article count from the entities table: count from edges
    for node in graph.nodes:
        if not graph.nodes[node]["n_articles"]:
            graph.nodes[node]["n_articles"] = len(
                {a for _, _, d in graph.edges(node, data=True) for a in d["articles"]}
            )
    return graph


_DIRECTIVE_COLUMNS = [
    "entity_id", "canonical", "type", "number", "year", "year_source", "n_mentions", "n_articles",
]
_NUMBER_RE = re.compile(r"(?<![\w/.\-])\d[\w.\-]*/[\w./\-]*\w")
_NUMBER_YEAR_RE = re.compile(r"/((?:19|20)\d{2})/")
_NAME_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CODE_RE = re.compile(r"([^\W\d_]+)", re.UNICODE)
UNKNOWN_YEAR = "không rõ"
OTHER_TYPE = "khác"


def _document_types() -> list[str]:
    types = [line.split("\t")[0].strip() for line in read_lines("lexicons", "document_types.tsv")]
    return sorted(types, key=len, reverse=True)


def _number_codes() -> dict[str, str]:
    codes = {}
    for line in read_lines("lexicons", "document_number_codes.tsv"):
        code, _, kind = line.partition("\t")
        if kind.strip() and kind.strip() != "-":
            codes[code.strip()] = kind.strip()
    return codes


def _directive_type(name: str) -> str:
    """The document type of a directive's name (``Chỉ thị 07/2007/CT-UBND``
    -> ``Chỉ thị``): its type word, else the type of the code in its number
    (``CT`` -> ``Chỉ thị``), else ``"khác"``."""
    folded = name.casefold()
    for kind in _document_types():
        if folded.startswith(kind.casefold()) and (
            len(folded) == len(kind) or not folded[len(kind)].isalnum()
        ):
            return kind
    number = _NUMBER_RE.search(name)
    if number:
        codes = _number_codes()
        for part in re.split(r"[/\-]", number.group(0)):
            code = part.rstrip("0123456789")
            if code in codes:
                return codes[code]
    return OTHER_TYPE


def directives_table(tables: Tables) -> pd.DataFrame:
    """One row per DIRECTIVE entity of a corpus: ``entity_id``,
    ``canonical``, ``type`` (Chỉ thị, Quyết định … from
    ``models/lexicons/document_types.tsv``, else from the number's code,
    else ``"khác"``), ``number``, ``year`` and where the year comes from
    (``year_source``: the ``issued_on`` relation, else the year inside the
    number ``07/2007/CT-UBND``, else a year in the name ``Luật … 2018``;
    ``None`` when unknown), ``n_mentions``, ``n_articles``."""
    entities = tables.entities
    if entities.empty:
        return pd.DataFrame(columns=_DIRECTIVE_COLUMNS).astype({"year": "Int64"})
    directives = entities[entities["label"] == "DIRECTIVE"]
    issued_on: dict[str, str] = {}
    if not tables.relations.empty:
        dated = tables.relations[tables.relations["relation"] == "issued_on"]
        for row in dated.to_dict("records"):
            date = _text(row.get("object"))
            subject = _text(row.get("subject_id")) or _text(row.get("subject"))
            if date and subject and re.match(r"\d{4}-\d{2}-\d{2}", date):
                issued_on.setdefault(subject, date)
    rows = []
    for row in directives.to_dict("records"):
        name = str(row["canonical"])
        number = _NUMBER_RE.search(name)
        year, source = None, None
        date = issued_on.get(row["entity_id"]) or issued_on.get(name)
        if date:
            year, source = int(date[:4]), "issued_on"
        elif number and _NUMBER_YEAR_RE.search(number.group(0) + "/"):
            year, source = int(_NUMBER_YEAR_RE.search(number.group(0) + "/").group(1)), "number"
        elif not number and _NAME_YEAR_RE.search(name):
            year, source = int(_NAME_YEAR_RE.search(name).group(1)), "name"
        rows.append(
            {
                "entity_id": row["entity_id"],
                "canonical": name,
                "type": _directive_type(name),
                "number": number.group(0) if number else None,
                "year": year,
                "year_source": source,
                "n_mentions": row["n_mentions"],
                "n_articles": row["n_articles"],
            }
        )
    frame = pd.DataFrame(rows, columns=_DIRECTIVE_COLUMNS)
    frame["year"] = pd.array(frame["year"], dtype="Int64")
    return frame.sort_values(["type", "year", "canonical"], na_position="last").reset_index(drop=True)


def directives_by_type_and_year(tables: Tables) -> pd.DataFrame:
    """Distinct directives counted by year (rows: ``"2007"`` …, and
    ``"không rõ"`` last for an unknown year) and type (columns)."""
    directives = directives_table(tables)
    if directives.empty:
        return pd.DataFrame(dtype="int64").rename_axis(index="year", columns="type")
    years = directives["year"].map(lambda y: UNKNOWN_YEAR if pd.isna(y) else str(int(y)))
    counts = pd.crosstab(years.rename("year"), directives["type"].rename("type"))
    order = sorted(y for y in counts.index if y != UNKNOWN_YEAR) + (
        [UNKNOWN_YEAR] if UNKNOWN_YEAR in counts.index else []
    )
    return counts.loc[order].astype("int64")


def _signatures(tables: Tables) -> tuple[list[str], list[str], list]:
    articles = tables.articles
    ok = articles[(articles["status"] == "ok") & articles["text"].notna()]
    index = NearDuplicateIndex()
    ids, titles, signatures = [], [], []
    for row in ok.to_dict("records"):
        signature = index.signature(row["text"])
        if signature is None:
            continue
        ids.append(str(row["article_id"]))
        titles.append(_text(row.get("title")))
        signatures.append(signature)
    return ids, titles, signatures


_SIMILARITY_COLUMNS = ["article_id", "title", "duplicate_of", "duplicate_title", "similarity"]


def near_duplicate_articles(tables: Tables) -> pd.DataFrame:
    """The articles flagged as near duplicates (``duplicate_of``), with both
    titles and ``similarity``: the MinHash estimate of the Jaccard similarity
    of their word 3-grams (the measure the run used; flagged at 0.8)."""
    articles = tables.articles
    flagged = articles[articles["duplicate_of"].notna() & (articles["duplicate_of"].astype(str) != "")]
    if flagged.empty:
        return pd.DataFrame(columns=_SIMILARITY_COLUMNS).astype({"similarity": "float64"})
    ids, titles, signatures = _signatures(tables)
    position = {article_id: k for k, article_id in enumerate(ids)}
    title_of = dict(zip(ids, titles))
    rows = []
    for row in flagged.to_dict("records"):
        a, b = str(row["article_id"]), str(row["duplicate_of"])
        similarity = None
        if a in position and b in position:
            similarity = float(signatures[position[a]].jaccard(signatures[position[b]]))
        rows.append((a, title_of.get(a), b, title_of.get(b), similarity))
    return pd.DataFrame(rows, columns=_SIMILARITY_COLUMNS).astype({"similarity": "float64"})


def article_similarity(tables: Tables, top: int = 10) -> pd.DataFrame:
    """The ``top`` most similar pairs of articles (estimated Jaccard of word
    3-grams, as for near duplicates), flagged or not: how close the corpus
    comes to the 0.8 threshold.  Columns: ``article_id``, ``title``,
    ``other``, ``other_title``, ``similarity``, ``flagged``."""
    columns = ["article_id", "title", "other", "other_title", "similarity", "flagged"]
    ids, titles, signatures = _signatures(tables)
    flagged = set()
    if not tables.articles.empty:
        for a, b in zip(tables.articles["article_id"], tables.articles["duplicate_of"]):
            if _text(b):
                flagged.add((str(b), str(a)))
    rows = []
    for i, j in itertools.combinations(range(len(ids)), 2):
        rows.append(
            (ids[i], titles[i], ids[j], titles[j], float(signatures[i].jaccard(signatures[j])),
             (ids[i], ids[j]) in flagged or (ids[j], ids[i]) in flagged)
        )
    frame = pd.DataFrame(rows, columns=columns).astype({"similarity": "float64", "flagged": "bool"})
    return frame.sort_values(["similarity", "article_id", "other"], ascending=[False, True, True]).head(top).reset_index(drop=True)


# --------------------------------------------------------------------------
# Quality against gold
# --------------------------------------------------------------------------

NOT_IN_GOLD = "(not in gold)"
MISSED = "(missed)"


@dataclass
class GoldEvaluation:
    """The pipeline scored on gold files (see :func:`evaluate_gold`).

    ``entities`` / ``relations``: the scorer's :class:`EntityScores` and
    :class:`RelationScores` (``.table`` per label / relation and micro,
    ``.misses`` and ``.false_positives`` with their sentences,
    ``.per_article``); ``tables``: what the pipeline produced on the gold
    texts; ``predictions``: the mapping the scorer compared.
    """

    name: str
    paths: list[Path]
    gold: list
    tables: Tables
    predictions: dict
    entities: object
    relations: object
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def n_articles(self) -> int:
        return len(self.gold)

    def report(self, misses: bool = False) -> str:
        """The scorer's text report (with ``misses``: every miss and false positive)."""
        from .evaluate import format_report

        return format_report((self.entities, self.relations), misses=misses)

    def scores(self) -> pd.DataFrame:
        """Entity and relation scores in one table: ``kind`` (entity /
        relation), ``name`` (label or relation type, and ``micro``),
        precision, recall, f1, support, predicted, correct, found."""
        columns = ["predicted", "correct", "gold", "found", "precision", "recall", "f1", "support"]
        entities = self.entities.table.rename(columns={"label": "name"}).assign(kind="entity")
        relations = self.relations.table.rename(columns={"relation": "name"}).assign(kind="relation")
        return pd.concat([entities, relations], ignore_index=True)[["kind", "name", *columns]]

    def _predicted_entities(self) -> dict[str, dict[tuple[str, str], str]]:
        """article -> (label, scoring key) -> first predicted text."""
        from .evaluate import scoring_key

        out: dict[str, dict[tuple[str, str], str]] = {}
        for article_id, prediction in (self.predictions or {}).items():
            keys: dict[tuple[str, str], str] = {}
            for label, text in prediction.get("entities", []) or []:
                if text and str(text).strip():
                    keys.setdefault((str(label), scoring_key(str(text), str(label))), str(text))
            out[article_id] = keys
        return out

    def entity_confusion(self) -> pd.DataFrame:
        """Gold label (rows) against predicted label (columns).

        A gold entity counts once under every label one of its aliases was
        predicted with (the diagonal is the entities found, off the diagonal
        the wrong labels), or under ``(missed)``; a distinct predicted string
        that matches no gold entity of any label counts in the
        ``(not in gold)`` row.  Strings are compared as the scorer does
        (:func:`pipeline.evaluate.scoring_key` under the predicted label).
        """
        from .evaluate import ENTITY_LABELS, scoring_key

        labels = list(ENTITY_LABELS)
        counts: dict[tuple[str, str], int] = defaultdict(int)
        predicted = self._predicted_entities()
        for gold in self.gold:
            keys = predicted.get(gold.id, {})
            predicted_labels = sorted({label for label, _ in keys})
            matched: set[tuple[str, str]] = set()
            for gold_label, aliases in gold.entities:
                found_as = []
                for label in predicted_labels:
                    hits = {(label, scoring_key(a, label)) for a in aliases} & keys.keys()
                    if hits:
                        matched |= hits
                        found_as.append(label)
                for label in found_as or [MISSED]:
                    counts[(gold_label, label)] += 1
            for item in keys:
                if item not in matched:
                    counts[(NOT_IN_GOLD, item[0])] += 1
        predicted_labels = labels + sorted({p for _, p in counts} - set(labels) - {MISSED}) + [MISSED]
        rows = labels + [NOT_IN_GOLD]
        table = pd.DataFrame(0, index=pd.Index(rows, name="gold"), columns=pd.Index(predicted_labels, name="predicted"))
        for (g, p), n in counts.items():
            table.loc[g, p] = n
        table.loc[NOT_IN_GOLD, MISSED] = 0
        return table.astype("int64")

    def relation_misses(self) -> pd.DataFrame:
        """The missed gold relations with their sentence and a likely
        ``cause``: ``subject not extracted``, ``object not extracted``,
        ``neither end extracted``, ``ends linked as <other relation>`` or
        ``both ends extracted, no relation``."""
        from .evaluate import scoring_key

        misses = self.relations.misses.copy()
        if misses.empty:
            misses["cause"] = pd.Series(dtype="object")
            return misses
        gold_by_id = {g.id: g for g in self.gold}
        predicted = self._predicted_entities()

        def end_found(gold, end: str, article_id: str, relation: str) -> bool:
            if re.match(r"^\d{4}-\d{2}-\d{2}$", end.strip()):
                for rel in (self.predictions.get(article_id) or {}).get("relations", []) or []:
                    if _text(rel.get("object")) and str(rel["object"]).startswith(end.strip()):
                        return True
                return False
            keys = predicted.get(article_id, {})
            for label, aliases in gold.entities:
                if end in aliases or scoring_key(end, label) in {scoring_key(a, label) for a in aliases}:
                    if any((label, scoring_key(a, label)) in keys for a in aliases):
                        return True
            return False

        def other_relation(gold, row) -> str | None:
            def matches(text, end) -> bool:
                if not text:
                    return False
                for label, aliases in gold.entities:
                    if end in aliases:
                        return scoring_key(text, label) in {scoring_key(a, label) for a in aliases}
                return scoring_key(text) == scoring_key(end)

            for rel in (self.predictions.get(row["article_id"]) or {}).get("relations", []) or []:
                if rel.get("relation") == row["relation"]:
                    continue
                subjects = [rel.get("subject"), *(rel.get("subject_aliases") or [])]
                objects = [rel.get("object"), *(rel.get("object_aliases") or [])]
                forward = any(matches(s, row["subject"]) for s in subjects) and any(
                    matches(o, row["object"]) for o in objects
                )
                backward = any(matches(s, row["object"]) for s in subjects) and any(
                    matches(o, row["subject"]) for o in objects
                )
                if forward or backward:
                    return rel.get("relation")
            return None

        causes = []
        for row in misses.to_dict("records"):
            gold = gold_by_id.get(row["article_id"])
            if gold is None:
                causes.append(None)
                continue
            subject = end_found(gold, row["subject"], row["article_id"], row["relation"])
            obj = end_found(gold, row["object"], row["article_id"], row["relation"])
            if not subject and not obj:
                causes.append("neither end extracted")
            elif not subject:
                causes.append("subject not extracted")
            elif not obj:
                causes.append("object not extracted")
            else:
                other = other_relation(gold, row)
                causes.append(f"ends linked as {other}" if other else "both ends extracted, no relation")
        misses["cause"] = causes
        return misses


def evaluate_gold(
    gold_paths: str | Path | Iterable[str | Path],
    *,
    name: str | None = None,
    workers: int = 1,
    tables: Tables | None = None,
) -> GoldEvaluation:
    """Run the pipeline on the texts of gold files and score it.

    ``gold_paths``: one or more gold JSON Lines files (format:
    ``knowledge-schema.md``), scored together (article ids must be unique
    across them).  Uses :mod:`pipeline.evaluate` (``load_gold``,
    ``predictions_from_tables``, ``score_entities``, ``score_relations``).
    ``tables``: the pipeline's tables for the gold texts when they were
    computed already (article ids = gold ids); by default the texts are run
    through :func:`pipeline.process_texts`.

    >>> dev = evaluate_gold(["corpus/gold/dev-a.jsonl", "corpus/gold/dev-b.jsonl"])  # doctest: +SKIP
    >>> dev.scores()                                                                 # doctest: +SKIP
    """
    from .evaluate import load_gold, predictions_from_tables, score_entities, score_relations

    if isinstance(gold_paths, (str, Path)):
        gold_paths = [gold_paths]
    paths = [Path(p) for p in gold_paths]
    if not paths:
        raise ValueError("evaluate_gold() needs at least one gold file")
    gold = []
    seen: dict[str, Path] = {}
    for path in paths:
        for article in load_gold(path):
            if article.id in seen:
                raise ValueError(f"article id {article.id!r} is in both {seen[article.id]} and {path}")
            seen[article.id] = path
            gold.append(article)
    started = time.perf_counter()
    if tables is None:
        tables = process_texts([(article.id, article.text) for article in gold], workers=workers)
    predictions = predictions_from_tables(tables.mentions, tables.relations)
    for article in gold:  # an article with nothing predicted is scored as such
        predictions.setdefault(article.id, {"entities": [], "relations": []})
    entities = score_entities(gold, predictions)
    relations = score_relations(gold, predictions)
    seconds = time.perf_counter() - started
    failed = tables.articles[tables.articles["status"] != "ok"]
    warnings = list(dict.fromkeys(entities.warnings + relations.warnings))
    warnings += [f"{row.article_id}: pipeline error: {row.error}" for row in failed.itertuples()]
    return GoldEvaluation(
        name=name or " + ".join(p.stem for p in paths),
        paths=paths,
        gold=gold,
        tables=tables,
        predictions=predictions,
        entities=entities,
        relations=relations,
        seconds=seconds,
        warnings=warnings,
    )


# --------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------

DEFAULT_FONT = "DejaVu Sans"


def use_vietnamese_font(family: str = DEFAULT_FONT) -> str:
    """Make matplotlib draw text with ``family`` (default DejaVu Sans, which
    matplotlib bundles) after checking that the font has a glyph for every
    Vietnamese letter; returns the font file's path.  Raises ``ValueError``
    when the font is not found or lacks a letter."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    charmap = FT2Font(path).get_charmap()
    missing = sorted({c for c in VIETNAMESE_LETTERS if ord(c) not in charmap})
    if missing:
        raise ValueError(f"font {family!r} ({path}) has no glyph for {''.join(missing)}")
    matplotlib.rcParams["font.family"] = "sans-serif"
    sans = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.sans-serif"] = [family, *sans]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return path


def _axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])


def bar_chart(
    data: pd.Series | pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    ax=None,
    horizontal: bool = False,
    stacked: bool = True,
    figsize: tuple[float, float] = (8, 4),
    empty_message: str = "Chưa có dữ liệu (no data yet)",
):
    """A bar chart of counts or scores with title and axis labels: a Series
    gives one bar per index value, a DataFrame one bar per column (stacked,
    or side by side with ``stacked=False``); an empty ``data`` (or all
    zero / NaN) gives an empty frame saying so.  Returns the matplotlib Axes."""
    use_vietnamese_font()
    ax = _axes(ax, figsize)
    values = None if data is None else pd.DataFrame(data).apply(pd.to_numeric, errors="coerce").fillna(0)
    if values is None or values.empty or not values.to_numpy().any():
        _empty(ax, empty_message)
    else:
        kind = "barh" if horizontal else "bar"
        if isinstance(data, pd.DataFrame):
            colors = [LABEL_COLORS.get(str(c)) for c in data.columns]
            data.plot(kind=kind, stacked=stacked, ax=ax, color=colors if all(colors) else None, rot=0, width=0.8)
            ax.legend(title=data.columns.name, fontsize="small")
        else:
            colors = [LABEL_COLORS.get(str(i), "#4c72b0") for i in data.index]
            data.plot(kind=kind, ax=ax, color=colors, rot=0, width=0.8)
        if horizontal:
            ax.invert_yaxis()
        if all(pd.api.types.is_integer_dtype(dtype) for dtype in pd.DataFrame(data).dtypes):
            from matplotlib.ticker import MaxNLocator

            (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def heatmap(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    ax=None,
    figsize: tuple[float, float] = (6, 4.5),
    cmap: str = "Blues",
):
    """A table of counts as a heat map, each cell written in (e.g. the
    entity confusion table of :meth:`GoldEvaluation.entity_confusion`).
    Returns the matplotlib Axes."""
    use_vietnamese_font()
    ax = _axes(ax, figsize)
    values = table.to_numpy(dtype="float64") if not table.empty else None
    if values is None or not values.size:
        _empty(ax, "Chưa có dữ liệu (no data yet)")
    else:
        image = ax.imshow(values, cmap=cmap, aspect="auto")
        ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
        top = values.max() if values.max() > 0 else 1
        for (i, j), value in pd.DataFrame(values).stack().items():
            ax.text(j, i, f"{value:g}", ha="center", va="center", color="white" if value > 0.6 * top else "black")
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def _packed_layout(graph, seed: int) -> dict:
    """Node positions: each connected component laid out on its own (spring
    layout) in a square box whose side grows with its size, the boxes packed
    in rows, largest first (a single spring layout pushes components apart
    and squashes each one)."""
    import networkx as nx

    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(str(n) for n in c)))
    sides = [len(c) ** 0.5 for c in components]
    row_width = max(max(sides, default=1.0), 1.4 * sum(len(c) for c in components) ** 0.5)
    position = {}
    x = y = row_height = 0.0
    for component, side in zip(components, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        sub = graph.subgraph(component)
        if len(component) == 1:
            local = {next(iter(component)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(sub, seed=seed, k=1.5 / len(component) ** 0.5, iterations=200)
        for node, (px, py) in local.items():  # spring layout spans [-1, 1]
            position[node] = (x + side / 2 + 0.42 * side * px, y - side / 2 + 0.42 * side * py)
        x += side
        row_height = max(row_height, side)
    return position


def draw_graph(
    graph,
    *,
    title: str,
    ax=None,
    max_nodes: int = 40,
    edge_labels: bool | None = None,
    figsize: tuple[float, float] = (12, 9),
    seed: int = 0,
):
    """A picture of :func:`corpus_graph`: nodes coloured by label, named by
    their canonical form, edges labelled with the positions (``titles``)
    when the graph is small enough (``edge_labels`` forces it either way).
    A larger graph shows its largest connected components that fit in
    ``max_nodes`` (draw ``networkx.ego_graph(graph, node)`` to look around
    one entity).  Returns the matplotlib Axes."""
    import networkx as nx
    from matplotlib.lines import Line2D

    use_vietnamese_font()
    ax = _axes(ax, figsize)
    ax.set_title(title)
    if graph.number_of_nodes() == 0:
        _empty(ax, "Chưa có quan hệ nào (no relations yet)")
        return ax
    shown = graph
    if graph.number_of_nodes() > max_nodes:
        # whole connected components, largest first, while they fit
        keep: list = []
        components = sorted(
            nx.connected_components(graph), key=lambda c: (-len(c), min(str(n) for n in c))
        )
        for component in components:
            if len(keep) + len(component) <= max_nodes:
                keep.extend(component)
        if not keep:  # one component larger than max_nodes: its best-connected nodes
            keep = sorted(components[0], key=lambda n: (-graph.degree(n, weight="weight"), str(n)))[:max_nodes]
        shown = graph.subgraph(keep)
        ax.set_title(
            f"{title}\n({shown.number_of_nodes()} of {graph.number_of_nodes()} nodes: the largest connected groups)"
        )
    position = _packed_layout(shown, seed)
    colors = [LABEL_COLORS.get(shown.nodes[n].get("label"), "#bbbbbb") for n in shown.nodes]
    sizes = [150 + 100 * shown.nodes[n].get("n_articles", 1) for n in shown.nodes]
    widths = [0.8 + shown.edges[e].get("weight", 1) for e in shown.edges]
    nx.draw_networkx_edges(shown, position, ax=ax, width=widths, edge_color="0.6")
    nx.draw_networkx_nodes(shown, position, ax=ax, node_color=colors, node_size=sizes, edgecolors="0.3")
    nx.draw_networkx_labels(
        shown, position, ax=ax, labels={n: shown.nodes[n].get("name") or str(n) for n in shown.nodes},
        font_size=8, font_family=DEFAULT_FONT,
    )
    if edge_labels is None:
        edge_labels = shown.number_of_edges() <= 40
    if edge_labels:
        labels = {e: "; ".join(shown.edges[e].get("titles") or []) for e in shown.edges}
        labels = {e: text for e, text in labels.items() if text}
        if labels:
            nx.draw_networkx_edge_labels(
                shown, position, ax=ax, edge_labels=labels, font_size=7, font_family=DEFAULT_FONT,
                font_color="0.25",
            )
    present = sorted({shown.nodes[n].get("label") for n in shown.nodes} - {None})
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=LABEL_COLORS.get(label, "#bbbbbb"),
               markeredgecolor="0.3", label=label)
        for label in present
    ]
    ax.legend(handles=handles, title="label", loc="best", fontsize="small")
    ax.margins(x=0.12, y=0.06)  # room for the names of nodes on the edge
    ax.set_xlabel("spring layout (positions carry no meaning)")
    ax.set_ylabel("")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax
