"""Vietnamese information extraction from state news articles.

Public API::

    import pipeline
    tables = pipeline.run(["corpus/dev"])        # four pandas DataFrames
    pipeline.run_to(["corpus"], "output")         # streamed to files (long runs)
    tables.relations                              # the knowledge table
    result = pipeline.process_text(text)          # one article: .doc, .mentions, .relations

See the README for the tables' columns.
"""

from .api import Result, RunSummary, process_records, process_text, process_texts, run, run_to
from .tables import Tables, read_tables, write_duckdb, write_tables
from .explore import (
    ArticleTrace,
    GoldEvaluation,
    corpus_graph,
    directives_by_type_and_year,
    directives_table,
    evaluate_gold,
    near_duplicate_articles,
    trace_article,
)

__all__ = [
    "ArticleTrace",
    "GoldEvaluation",
    "Result",
    "RunSummary",
    "Tables",
    "corpus_graph",
    "directives_by_type_and_year",
    "directives_table",
    "evaluate_gold",
    "near_duplicate_articles",
    "process_records",
    "process_text",
    "process_texts",
    "read_tables",
    "run",
    "trace_article",
    "write_duckdb",
    "write_tables",
]
__version__ = "0.1.0"
