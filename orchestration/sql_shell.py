"""`cli sql`: a DuckDB prompt on the serving copy, read-only, with nothing to install.

PyPI's DuckDB command-line (duckdb-cli) trails the duckdb package the project
pins, and a shell of another version may not open the file; this one is the
project's own duckdb. It opens the serving copy read-only (never the warehouse a
load may be writing, unless asked), prints results as DuckDB's tables, and
either runs the query it is given or reads statements at a prompt (or from a pipe).
"""

from __future__ import annotations

import csv
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import duckdb

from extract.csv_text import neutralise_formula

PROMPT, CONTINUATION = "sql> ", "...> "
HELP = """Statements end with ';'. Commands:
  .tables            the tables and views, with what each holds
  .describe NAME     the columns of a table: type and description
  .quit              leave (or Ctrl-D)"""

TABLES_SQL = """
select schema_name || '.' || table_name as "table", estimated_size as "rows (about)", comment as "what it holds"
from duckdb_tables() where not internal and database_name = current_database()
union all
select schema_name || '.' || view_name, null, comment
from duckdb_views() where not internal and database_name = current_database()
order by 1
"""
DESCRIBE_SQL = """
select column_name as "column", data_type as "type", comment as "description"
from duckdb_columns()
where database_name = current_database() and (schema_name || '.' || table_name = ? or table_name = ?)
order by column_index
"""


class ShellError(Exception):
    """Why the shell cannot start: no database where one was expected."""


@dataclass(frozen=True)
class Output:
    """How results are printed: DuckDB's boxes (at most max_rows rows), or CSV of every row."""

    max_rows: int = 40
    as_csv: bool = False
    stream: TextIO | None = None  # default: sys.stdout at the time of printing

    def print(self, relation: duckdb.DuckDBPyRelation) -> None:
        out = self.stream or sys.stdout
        if self.as_csv:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(relation.columns)
            writer.writerows([neutralise_formula(value) for value in row] for row in relation.fetchall())
            return
        width = shutil.get_terminal_size((120, 40)).columns
        if out is sys.stdout:
            relation.show(max_rows=self.max_rows, max_width=width)
        else:
            saved, sys.stdout = sys.stdout, out
            try:
                relation.show(max_rows=self.max_rows, max_width=width)
            finally:
                sys.stdout = saved


def open_read_only(database: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection, or a ShellError saying what to do when the file is not there."""
    if not database.is_file():
        raise ShellError(
            f"No database at {database}: load the reports first (make demo, or python -m orchestration.cli load), "
            "which publishes the serving copy."
        )
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.IOException as error:
        raise ShellError(f"Cannot open {database}: {error}") from error


def run_statements(con: duckdb.DuckDBPyConnection, sql: str, output: Output) -> None:
    """Run each statement of the text; print the rows of those that return any. DuckDB's errors propagate."""
    for statement in duckdb.extract_statements(sql):
        relation = con.query(statement.query)
        if relation is not None:
            output.print(relation)


def run_command(con: duckdb.DuckDBPyConnection, line: str, output: Output, say: Callable[[str], None]) -> bool:
    """A dot command of the prompt; False for .quit."""
    name, _, argument = line.strip().partition(" ")
    if name in (".quit", ".exit", ".q"):
        return False
    if name == ".tables":
        output.print(con.sql(TABLES_SQL))
    elif name == ".describe" and argument.strip():
        table = argument.strip().rstrip(";")
        describe = DESCRIBE_SQL.replace("?", _literal(table))
        if not con.sql(describe).fetchall():
            say(f"No table {table} (see .tables).")
        else:
            output.print(con.sql(describe))
    else:
        say(HELP)
    return True


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def prompt_loop(con: duckdb.DuckDBPyConnection, output: Output, read: Callable[[str], str] = input) -> None:
    """Read statements until .quit or end of input; an error is printed and the prompt carries on."""
    say = lambda text: print(text, file=sys.stderr)  # noqa: E731
    say(f"Read-only. {HELP}")
    buffer: list[str] = []
    while True:
        try:
            line = read(CONTINUATION if buffer else PROMPT)
        except EOFError:
            say("")
            return
        except KeyboardInterrupt:
            say("")
            buffer.clear()
            continue
        if not buffer and line.strip().startswith("."):
            try:
                if not run_command(con, line, output, say):
                    return
            except duckdb.Error as error:
                say(f"Error: {error}")
            continue
        buffer.append(line)
        text = "\n".join(buffer).strip()
        if not text:
            buffer.clear()
        elif text.endswith(";"):
            buffer.clear()
            try:
                run_statements(con, text, output)
            except duckdb.Error as error:
                say(f"Error: {error}")


def run_shell(database: Path, query: str | None, output: Output, stdin: TextIO | None = None) -> int:
    """The `cli sql` command: 0 when every statement ran, 1 on a DuckDB error, 2 when there is no database."""
    stdin = stdin or sys.stdin
    try:
        con = open_read_only(database)
    except ShellError as error:
        print(str(error), file=sys.stderr)
        return 2
    with con:
        try:
            if query is not None:
                run_statements(con, query, output)
            elif stdin.isatty():
                try:
                    import readline  # noqa: F401  (line editing and history at the prompt)
                except ImportError:
                    pass
                prompt_loop(con, output)
            else:
                run_statements(con, stdin.read(), output)
        except duckdb.Error as error:
            print(f"Error: {error}", file=sys.stderr)
            return 1
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, and keep Python from complaining at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    return 0
