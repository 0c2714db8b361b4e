//! Measures SQL queries into tables: a SELECT of N rows and 6 columns
//! (integers, text, floats, booleans, timestamps) read into a `Table`, and
//! a cached hit of the same query.
//!
//! ```text
//! cargo run --release -p brook-app --example bench_sql -- 100000
//! cargo run --release -p brook-app --features postgres --example bench_sql -- 100000
//! ```
//!
//! Prints one line per backend:
//! `backend=<name> rows=N query_ms=<median of 7 uncached queries>
//! hit_ns=<median of 7 rounds of 100,000 cached fetches, per fetch>`.
//! SQLite always (a file in a temporary folder); PostgreSQL when built with
//! brook's `postgres` feature and `BROOK_BENCH_PG_URL` (or
//! `BROOK_TEST_PG_URL`) names a database it may create a table in.

use std::time::{Duration, Instant};

use brook::connection::SqlConnection;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn measure(conn: &SqlConnection, rows: usize) -> anyhow::Result<(f64, f64)> {
    let sql = "SELECT id, customer, amount, qty, active, created FROM bench_orders";
    let mut query_ms = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let table = conn.query(sql, ()).ttl(Duration::ZERO).try_fetch()?;
        query_ms.push(start.elapsed().as_secs_f64() * 1e3);
        anyhow::ensure!(table.len() == rows, "read {} rows, not {rows}", table.len());
    }
    conn.clear_cache();
    conn.query(sql, ()).try_fetch()?;
    let mut hit_ns = Vec::new();
    for _ in 0..7 {
        let fetches = 100_000_u32;
        let start = Instant::now();
        for _ in 0..fetches {
            std::hint::black_box(conn.query(sql, ()).try_fetch()?);
        }
        hit_ns.push(start.elapsed().as_secs_f64() * 1e9 / f64::from(fetches));
    }
    Ok((median(query_ms), median(hit_ns)))
}

fn main() -> anyhow::Result<()> {
    let rows: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(100_000);
    brook::init_logging();

    let dir = tempfile_dir()?;
    let url = format!("sqlite://{}", dir.join("bench.db").display());
    let conn = SqlConnection::open("bench", &url)?;
    conn.execute(
        "CREATE TABLE bench_orders (id INTEGER, customer TEXT, amount REAL, qty INTEGER, \
         active BOOLEAN, created TIMESTAMP)",
        (),
    )?;
    conn.execute(
        "INSERT INTO bench_orders WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s \
         WHERE i < $1) SELECT i, 'customer ' || (i % 1000), i * 0.5, i % 7, i % 2, \
         datetime(1700000000 + i, 'unixepoch') FROM s",
        (i64::try_from(rows)?,),
    )?;
    let (query_ms, hit_ns) = measure(&conn, rows)?;
    println!("backend=sqlite rows={rows} query_ms={query_ms:.1} hit_ns={hit_ns:.0}");
    std::fs::remove_dir_all(&dir)?;

    let pg_url = std::env::var("BROOK_BENCH_PG_URL")
        .or_else(|_| std::env::var("BROOK_TEST_PG_URL"))
        .ok();
    match pg_url {
        Some(url) if cfg!(feature = "postgres") => {
            let conn = SqlConnection::open("bench-pg", &url)?;
            conn.execute("DROP TABLE IF EXISTS bench_orders", ())?;
            conn.execute(
                "CREATE TABLE bench_orders (id int8, customer text, amount float8, qty int4, \
                 active bool, created timestamptz)",
                (),
            )?;
            conn.execute(
                "INSERT INTO bench_orders SELECT i, 'customer ' || (i % 1000), i * 0.5, i % 7, \
                 i % 2 = 0, to_timestamp(1700000000 + i) FROM generate_series(1, $1::int8) AS i",
                (i64::try_from(rows)?,),
            )?;
            let (query_ms, hit_ns) = measure(&conn, rows)?;
            println!("backend=postgresql rows={rows} query_ms={query_ms:.1} hit_ns={hit_ns:.0}");
            conn.execute("DROP TABLE bench_orders", ())?;
        }
        Some(_) => eprintln!(
            "backend=postgresql not measured: build with `--features postgres` to include it"
        ),
        None => eprintln!(
            "backend=postgresql not measured: set BROOK_BENCH_PG_URL to a database it may \
             create a table in, and build with `--features postgres`"
        ),
    }
    Ok(())
}

/// A new folder under the system's temporary folder.
fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "brook-bench-sql-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
