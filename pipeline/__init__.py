"""Vietnamese information extraction from state news articles.

Public API::

    import pipeline
    tables = pipeline.run(["corpus/dev"])        # four pandas DataFrames
    pipeline.run_to(["corpus"], "output")         # streamed to files (long runs)
    tables.relations                              # the knowledge table
    result = pipeline.process_text(text)          # one article: .doc, .mentions, .relations

See the README for the tables' columns.
"""

# The public names are imported on first use (PEP 562), so that a worker
# process, which imports ``pipeline.engine.local``, does not pay for pandas,
# Arrow and the notebook helpers it never calls (half a second, ~40 MB).
_PUBLIC = {
    "Result": "api", "RunSummary": "api", "process_records": "api", "process_text": "api",
    "process_texts": "api", "run": "api", "run_to": "api",
    "Tables": "tables", "read_tables": "tables", "write_duckdb": "tables", "write_tables": "tables",
    "ArticleTrace": "explore", "GoldEvaluation": "explore", "corpus_graph": "explore",
    "directives_by_type_and_year": "explore", "directives_table": "explore", "evaluate_gold": "explore",
    "near_duplicate_articles": "explore", "trace_article": "explore",
}


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


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
    "run_to",
    "trace_article",
    "write_duckdb",
    "write_tables",
]
__version__ = "0.1.0"
