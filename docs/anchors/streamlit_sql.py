"""Streamlit's side of bench_sql: st.connection("sql") with pandas.

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install -q streamlit==1.67.0 pandas sqlalchemy psycopg2-binary
    /tmp/stvenv/bin/python docs/anchors/streamlit_sql.py 100000
    # beside: cargo run --release -p brook-app --example bench_sql -- 100000

Builds the same table as bench_sql (N rows, 6 columns: integer, text,
float, integer, boolean, timestamp) in a SQLite file, and in PostgreSQL
when BROOK_BENCH_PG_URL (or BROOK_TEST_PG_URL) is set, then prints
`backend=<name> rows=N query_ms=<median of 7 conn.query misses>
hit_ns=<median of 7 rounds of 20 cached conn.query calls, per call>`.
Runs outside `streamlit run` (bare mode: Streamlit warns that there is no
script run context; caching still works).
"""

import logging
import os
import statistics
import sys
import tempfile
import time

import streamlit as st
from sqlalchemy import text

logging.getLogger("streamlit").setLevel(logging.ERROR)

SQL = "SELECT id, customer, amount, qty, active, created FROM bench_orders"


def measure(conn, name, rows):
    query_ms = []
    for _ in range(7):
        st.cache_data.clear()
        start = time.perf_counter()
        df = conn.query(SQL)
        query_ms.append((time.perf_counter() - start) * 1e3)
        assert len(df) == rows, len(df)
    st.cache_data.clear()
    conn.query(SQL)
    hit_ns = []
    for _ in range(7):
        calls = 20
        start = time.perf_counter()
        for _ in range(calls):
            conn.query(SQL)
        hit_ns.append((time.perf_counter() - start) * 1e9 / calls)
    print(
        f"backend={name} rows={rows} query_ms={statistics.median(query_ms):.1f} "
        f"hit_ns={statistics.median(hit_ns):.0f}",
        flush=True,
    )


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = tempfile.mkdtemp(prefix="streamlit-sql-")
    conn = st.connection("bench_sqlite", type="sql", url=f"sqlite:///{folder}/bench.db")
    with conn.session as s:
        s.execute(text(
            "CREATE TABLE bench_orders (id INTEGER, customer TEXT, amount REAL, qty INTEGER, "
            "active BOOLEAN, created TIMESTAMP)"))
        s.execute(text(
            "INSERT INTO bench_orders WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
            "FROM s WHERE i < :n) SELECT i, 'customer ' || (i % 1000), i * 0.5, i % 7, i % 2, "
            "datetime(1700000000 + i, 'unixepoch') FROM s"), {"n": rows})
        s.commit()
    measure(conn, "sqlite", rows)

    url = os.environ.get("BROOK_BENCH_PG_URL") or os.environ.get("BROOK_TEST_PG_URL")
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg2://", 1)
        conn = st.connection("bench_pg", type="sql", url=url)
        with conn.session as s:
            s.execute(text("DROP TABLE IF EXISTS bench_orders"))
            s.execute(text(
                "CREATE TABLE bench_orders (id int8, customer text, amount float8, qty int4, "
                "active bool, created timestamptz)"))
            s.execute(text(
                "INSERT INTO bench_orders SELECT i, 'customer ' || (i % 1000), i * 0.5, i % 7, "
                "i % 2 = 0, to_timestamp(1700000000 + i) FROM generate_series(1, :n) AS i"),
                {"n": rows})
            s.commit()
        measure(conn, "postgresql", rows)
        with conn.session as s:
            s.execute(text("DROP TABLE bench_orders"))
            s.commit()


if __name__ == "__main__":
    main()
