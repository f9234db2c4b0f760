"""The README's promises: the two set-up commands, CI running the test command, the SQL queries."""

from __future__ import annotations

import re

import duckdb
import pytest

import pipeline

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands_and_ci_runs_the_test_one():
    first_block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert len(first_block) == 2
    install_and_run, install_and_test = first_block
    assert "pipeline run corpus/" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory, sample_text):
    second = (REPO / "corpus" / "dev" / "dev-a-002.txt").read_text(encoding="utf-8")
    tables = pipeline.process_texts({"mic-gov-vn-000": sample_text, "dev-a-002": second})
    return tables.to_duckdb(tmp_path_factory.mktemp("kb") / "kb.duckdb")


@pytest.mark.parametrize("query", re.findall(r"```sql\n(.*?)```", README, re.S))
def test_readme_sql_queries_run_and_answer(knowledge_base, query):
    with duckdb.connect(str(knowledge_base), read_only=True) as connection:
        rows = connection.execute(query).fetchall()
    assert rows, query
