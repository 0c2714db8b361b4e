//! Connections to real databases (issue 16): `st.connection`, queries into
//! Arrow tables, the query cache, writes and transactions, secrets, errors,
//! the stop button. Every test runs against a real database: SQLite files
//! (compiled into brook) and a real PostgreSQL server. No mocks.
//!
//! How the PostgreSQL half runs (tests named `pg_*`):
//! - They need brook's `postgres` feature and a server:
//!   `BROOK_TEST_PG_URL` (a URL to a throwaway database the tests may
//!   create tables in) and, for the restart test, `BROOK_TEST_PG_RESTART`
//!   (a shell command that restarts that server and returns when it
//!   accepts connections again).
//! - `scripts/test.sh` starts a temporary cluster on a free local port, sets
//!   both, and runs `cargo test -p brook-tests --features postgres --test
//!   connection`; then it stops the server.
//! - Anywhere else, a `pg_*` test without them FAILS with a message saying
//!   how to run it: a missing server never passes silently. The one
//!   exception is `scripts/test.sh`'s own `cargo test --workspace` (built
//!   without the feature), which sets `BROOK_TEST_PG_LATER=1` because it
//!   runs this half right after with a server; then the `pg_*` tests return
//!   at once, printing that they were deferred.
//!
//! The ttl test moves the process-wide cache clock ([`ManualClock`]); no
//! other test here uses a ttl, so none notices.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

#[path = "../../app/examples/orders.rs"]
mod orders;

use brook::caching::ManualClock;
use brook::connection::{ConnectionError, Secrets, SqlConnection, SqlValue, set_secrets};
use brook::data::arrow::array::{
    Array, BinaryArray, BooleanArray, Date32Array, Float64Array, Int64Array, StringArray,
    TimestampMicrosecondArray,
};
use brook::data::arrow::schema::{DataType, TimeUnit};
use brook::element::{Delta, SessionStatus};
use brook::prelude::*;
use brook::testing::AppTest;
use brook_tests::scratch::{dir as scratch, query_app, sqlite_url};
use parking_lot::Mutex;

/// A password that must never be shown.
const SECRET: &str = "Hunter2-SuperSecret-4242";

/// Where the PostgreSQL tests run, or `None` when scripts/test.sh runs them
/// later; panics (failing the test) when they cannot run here.
fn pg_url() -> Option<String> {
    brook_tests::pg::url("connection")
}

/// PostgreSQL tests share the server; the restart test takes it alone.
static PG: parking_lot::RwLock<()> = parking_lot::RwLock::new(());

/// A table name unique to this process and test, so reruns against one
/// server never collide.
fn table(name: &str) -> String {
    format!("t_{}_{name}", std::process::id())
}

/// Log records of this process (secrets must never reach them).
struct Capture;
static LOGGED: Mutex<Vec<String>> = Mutex::new(Vec::new());
impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        LOGGED.lock().push(record.args().to_string());
    }
    fn flush(&self) {}
}

/// The secrets of every test, set once.
fn setup() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let _ = log::set_logger(&Capture);
        log::set_max_level(log::LevelFilter::Trace);
        let mut text = format!(
            "[api]\ntoken = \"{SECRET}\"\nretries = 3\n\n\
             [connections.shop]\nurl = \"{shop}\"\n\n\
             [connections.shared]\nurl = \"sqlite://:memory:\"\n\n\
             [connections.slow]\nurl = \"{slow}\"\nquery_timeout_secs = 0.3\n\n\
             [connections.refused]\nurl = \"postgresql://app:{SECRET}@127.0.0.1:1/sales\"\nconnect_timeout_secs = 1\n\n\
             [connections.badurl]\nurl = \"mysql://app:{SECRET}@db/sales\"\n\n\
             [connections.orders]\nurl = \"{orders}\"\n\n\
             [connections.nofile]\nurl = \"sqlite://{missing}/x.db\"\n",
            shop = sqlite_url("shop"),
            slow = sqlite_url("slow"),
            orders = sqlite_url("orders"),
            missing = scratch().join("no-such-folder").display(),
        );
        if let Ok(url) = std::env::var("BROOK_TEST_PG_URL") {
            text.push_str(&format!(
                "\n[connections.pg]\nurl = \"{url}\"\n\n\
                 [connections.pgslow]\nurl = \"{url}\"\nquery_timeout_secs = 0.3\n"
            ));
        }
        set_secrets(Secrets::from_toml(&text).unwrap());
    });
}

fn open(url: &str) -> SqlConnection {
    SqlConnection::open("test", url).unwrap()
}

// ------------------------------------------------------------------ types

#[test]
fn sqlite_types_round_trip() {
    let conn = open(&sqlite_url("types"));
    conn.execute(
        "CREATE TABLE items (id INTEGER, price REAL, name TEXT, active BOOLEAN, due DATE, \
         seen TIMESTAMP, logged DATETIME, amount NUMERIC, raw BLOB, empty INTEGER)",
        (),
    )
    .unwrap();
    conn.execute(
        "INSERT INTO items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)",
        (
            7,
            2.5,
            "pen",
            true,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
            chrono::DateTime::parse_from_rfc3339("2026-03-08T09:15:00+01:00").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 8)
                .unwrap()
                .and_hms_opt(9, 15, 0)
                .unwrap(),
            12.75,
            vec![0_u8, 1, 255],
        ),
    )
    .unwrap();
    conn.execute(
        "INSERT INTO items VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        (),
    )
    .unwrap();
    let t = conn
        .query("SELECT * FROM items ORDER BY id IS NULL", ())
        .try_fetch()
        .unwrap();
    let types: Vec<DataType> = t
        .column_names()
        .map(|c| t.data_type(c).unwrap().clone())
        .collect();
    assert_eq!(
        types,
        [
            DataType::Int64,
            DataType::Float64,
            DataType::Utf8,
            DataType::Boolean,
            DataType::Date32,
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            DataType::Timestamp(TimeUnit::Microsecond, None),
            DataType::Float64,
            DataType::Binary,
            DataType::Int64,
        ]
    );
    assert_eq!(t.column::<Int64Array>("id").unwrap().value(0), 7);
    assert_eq!(t.column::<Float64Array>("price").unwrap().value(0), 2.5);
    assert_eq!(t.column::<StringArray>("name").unwrap().value(0), "pen");
    assert!(t.column::<BooleanArray>("active").unwrap().value(0));
    assert_eq!(
        t.column::<Date32Array>("due").unwrap().value_as_date(0),
        chrono::NaiveDate::from_ymd_opt(2026, 3, 8)
    );
    let seen = t.column::<TimestampMicrosecondArray>("seen").unwrap();
    assert_eq!(
        seen.value(0),
        chrono::DateTime::parse_from_rfc3339("2026-03-08T08:15:00Z")
            .unwrap()
            .timestamp_micros(),
        "the instant is kept, in UTC"
    );
    assert_eq!(t.column::<Float64Array>("amount").unwrap().value(0), 12.75);
    assert_eq!(
        t.column::<BinaryArray>("raw").unwrap().value(0),
        [0, 1, 255]
    );
    for column in t.column_names() {
        assert!(
            t.array(column).unwrap().is_null(1),
            "{column} of row 2 is null"
        );
    }
}

#[test]
fn pg_types_round_trip() {
    let Some(url) = pg_url() else { return };
    let _shared = PG.read();
    let conn = open(&url);
    let name = table("types");
    conn.execute(&format!("DROP TABLE IF EXISTS {name}"), ())
        .unwrap();
    conn.execute(
        &format!(
            "CREATE TABLE {name} (small int2, id int4, big int8, price float8, amount numeric(10,2), \
             name text, code varchar(8), active bool, due date, at timestamptz, local timestamp, \
             raw bytea, tag uuid, doc jsonb)"
        ),
        (),
    )
    .unwrap();
    conn.execute(
        &format!(
            "INSERT INTO {name} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{{\"k\": 1}}')"
        ),
        vec![
            SqlValue::from(3),
            SqlValue::from(7),
            SqlValue::from(9_000_000_000_i64),
            SqlValue::from(2.5),
            SqlValue::from(12.75),
            SqlValue::from("pen"),
            SqlValue::from("A-1"),
            SqlValue::from(true),
            SqlValue::from(chrono::NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()),
            SqlValue::from(
                chrono::DateTime::parse_from_rfc3339("2026-03-08T09:15:00+01:00").unwrap(),
            ),
            SqlValue::from(
                chrono::NaiveDate::from_ymd_opt(2026, 3, 8)
                    .unwrap()
                    .and_hms_opt(9, 15, 0)
                    .unwrap(),
            ),
            SqlValue::from(vec![0_u8, 1, 255]),
        ],
    )
    .unwrap();
    conn.execute(
        &format!(
            "INSERT INTO {name} VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
             NULL, NULL, NULL, NULL, NULL)"
        ),
        (),
    )
    .unwrap();
    let t = conn
        .query(&format!("SELECT * FROM {name} ORDER BY id NULLS LAST"), ())
        .try_fetch()
        .unwrap();
    let types: Vec<String> = t
        .column_names()
        .map(|c| t.data_type(c).unwrap().to_string())
        .collect();
    assert_eq!(
        types,
        [
            "Int16",
            "Int32",
            "Int64",
            "Float64",
            "Decimal128(38, 2)",
            "Utf8",
            "Utf8",
            "Boolean",
            "Date32",
            "Timestamp(µs, \"UTC\")",
            "Timestamp(µs)",
            "Binary",
            "Utf8",
            "Utf8",
        ]
    );
    let csv = t.to_csv();
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("3,7,9000000000,2.5,12.75,pen,A-1,true,2026-03-08,2026-03-08T08:15:00"),
        "{row}"
    );
    assert!(
        row.contains("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        "{row}"
    );
    assert!(row.contains("{\"\"k\"\": 1}"), "{row}");
    assert_eq!(
        t.column::<BinaryArray>("raw").unwrap().value(0),
        [0, 1, 255]
    );
    for column in t.column_names() {
        assert!(
            t.array(column).unwrap().is_null(1),
            "{column} of row 2 is null"
        );
    }
    conn.execute(&format!("DROP TABLE {name}"), ()).unwrap();
}

// ------------------------------------------------------------- parameters

fn injection_stays_data(conn: &SqlConnection, name: &str) {
    conn.execute(&format!("DROP TABLE IF EXISTS {name}"), ())
        .unwrap();
    conn.execute(&format!("CREATE TABLE {name} (note TEXT)"), ())
        .unwrap();
    let attack = format!("x'); DROP TABLE {name}; --");
    conn.execute(
        &format!("INSERT INTO {name} VALUES ($1)"),
        (attack.as_str(),),
    )
    .unwrap();
    let t = conn
        .query(
            &format!("SELECT note FROM {name} WHERE note = $1"),
            (attack.as_str(),),
        )
        .try_fetch()
        .unwrap();
    assert_eq!(
        t.len(),
        1,
        "the table still exists and the text matched as data"
    );
    assert_eq!(t.column::<StringArray>("note").unwrap().value(0), attack);
    let none = conn
        .query(
            &format!("SELECT note FROM {name} WHERE note = $1"),
            ("' OR '1'='1",),
        )
        .try_fetch()
        .unwrap();
    assert_eq!(none.len(), 0, "a quote trick matches nothing");
    let err = conn
        .query(&format!("SELECT note FROM {name} WHERE note = $1"), ())
        .try_fetch()
        .unwrap_err();
    assert!(matches!(err, ConnectionError::Query { .. }), "{err}");
}

#[test]
fn sqlite_parameters_are_bound_and_an_injection_stays_data() {
    injection_stays_data(&open(&sqlite_url("inject")), "notes");
}

#[test]
fn pg_parameters_are_bound_and_an_injection_stays_data() {
    let Some(url) = pg_url() else { return };
    let _shared = PG.read();
    injection_stays_data(&open(&url), &table("notes"));
}

// ------------------------------------------------- caching, writes, clear

/// A query is cached: a change made behind the connection's back (another
/// connection) is not seen until the cache is cleared; a write through the
/// connection clears it.
fn cached_until_cleared_or_written(url: &str, name: &str) {
    let conn = SqlConnection::open("cache-a", url).unwrap();
    let other = SqlConnection::open("cache-b", url).unwrap();
    conn.execute(&format!("DROP TABLE IF EXISTS {name}"), ())
        .unwrap();
    conn.execute(&format!("CREATE TABLE {name} (n INTEGER)"), ())
        .unwrap();
    conn.execute(&format!("INSERT INTO {name} VALUES (1)"), ())
        .unwrap();
    let count = |c: &SqlConnection| {
        c.query(&format!("SELECT count(*) AS n FROM {name}"), ())
            .try_fetch()
            .unwrap()
    };
    let first = count(&conn);
    other
        .execute(&format!("INSERT INTO {name} VALUES (2)"), ())
        .unwrap();
    let second = count(&conn);
    assert!(
        Arc::ptr_eq(&first.shared_batch(), &second.shared_batch()),
        "the second fetch is the cached table"
    );
    conn.clear_cache();
    let third = count(&conn);
    assert_eq!(
        third.to_csv(),
        "n\n2\n",
        "after clear_cache the query runs again"
    );
    conn.execute(&format!("INSERT INTO {name} VALUES (3)"), ())
        .unwrap();
    assert_eq!(
        count(&conn).to_csv(),
        "n\n3\n",
        "a write is visible to the next query"
    );
    conn.transaction(|tx| {
        tx.execute(&format!("INSERT INTO {name} VALUES (4)"), ())?;
        tx.execute(&format!("INSERT INTO {name} VALUES (5)"), ())?;
        Ok(())
    })
    .unwrap();
    assert_eq!(
        count(&conn).to_csv(),
        "n\n5\n",
        "a commit is visible to the next query"
    );
    conn.execute(&format!("DROP TABLE {name}"), ()).unwrap();
}

#[test]
fn sqlite_queries_are_cached_and_writes_are_seen_by_the_next_query() {
    cached_until_cleared_or_written(&sqlite_url("cache"), "counts");
}

#[test]
fn pg_queries_are_cached_and_writes_are_seen_by_the_next_query() {
    let Some(url) = pg_url() else { return };
    let _shared = PG.read();
    cached_until_cleared_or_written(&url, &table("counts"));
}

static CLOCK: OnceLock<ManualClock> = OnceLock::new();

fn ttl_expires(url: &str, name: &str) {
    let clock = CLOCK.get_or_init(ManualClock::install);
    let conn = SqlConnection::open("ttl-a", url).unwrap();
    let other = SqlConnection::open("ttl-b", url).unwrap();
    conn.execute(&format!("DROP TABLE IF EXISTS {name}"), ())
        .unwrap();
    conn.execute(&format!("CREATE TABLE {name} (n INTEGER)"), ())
        .unwrap();
    let count = || {
        conn.query(&format!("SELECT count(*) AS n FROM {name}"), ())
            .ttl("10m")
            .try_fetch()
            .unwrap()
            .to_csv()
    };
    assert_eq!(count(), "n\n0\n");
    other
        .execute(&format!("INSERT INTO {name} VALUES (1)"), ())
        .unwrap();
    clock.advance(Duration::from_secs(9 * 60));
    assert_eq!(
        count(),
        "n\n0\n",
        "within its ttl the cached table is returned"
    );
    clock.advance(Duration::from_secs(61));
    assert_eq!(count(), "n\n1\n", "past its ttl the query runs again");
    // ttl zero: not cached at all.
    other
        .execute(&format!("INSERT INTO {name} VALUES (2)"), ())
        .unwrap();
    let uncached = conn
        .query(&format!("SELECT count(*) AS n FROM {name}"), ())
        .ttl(Duration::ZERO)
        .try_fetch()
        .unwrap();
    assert_eq!(uncached.to_csv(), "n\n2\n");
    let bad = conn
        .query("SELECT 1", ())
        .ttl("ten minutes")
        .try_fetch()
        .unwrap_err();
    assert!(bad.to_string().contains("ten minutes"), "{bad}");
    conn.execute(&format!("DROP TABLE {name}"), ()).unwrap();
}

/// One ttl test at a time: they move one clock.
static TTL_TESTS: Mutex<()> = Mutex::new(());

#[test]
fn sqlite_ttl_expires_and_ttl_zero_does_not_cache() {
    let _one = TTL_TESTS.lock();
    ttl_expires(&sqlite_url("ttl"), "ttl");
}

#[test]
fn pg_ttl_expires_and_ttl_zero_does_not_cache() {
    let Some(url) = pg_url() else { return };
    let _shared = PG.read();
    let _one = TTL_TESTS.lock();
    ttl_expires(&url, &table("ttl"));
}

#[test]
fn sqlite_max_entries_keeps_the_most_recent_results() {
    let conn = open(&sqlite_url("lru"));
    let runs = |n: i64| {
        conn.query("SELECT $1 AS n, random() AS r", (n,))
            .max_entries(2)
            .try_fetch()
            .unwrap()
    };
    let one = runs(1);
    let _two = runs(2);
    assert!(
        Arc::ptr_eq(&one.shared_batch(), &runs(1).shared_batch()),
        "1 is kept"
    );
    let _three = runs(3); // evicts 2, the least recently used
    assert!(
        Arc::ptr_eq(&one.shared_batch(), &runs(1).shared_batch()),
        "1 is still kept"
    );
    let two_again = runs(2);
    assert!(
        !Arc::ptr_eq(&_two.shared_batch(), &two_again.shared_batch()),
        "2 ran again"
    );
}

// ----------------------------------------------------------- transactions

fn rolled_back_on_error(conn: &SqlConnection, name: &str) {
    conn.execute(&format!("DROP TABLE IF EXISTS {name}"), ())
        .unwrap();
    conn.execute(
        &format!("CREATE TABLE {name} (item TEXT PRIMARY KEY, n INTEGER)"),
        (),
    )
    .unwrap();
    let err = conn
        .transaction(|tx| {
            tx.execute(&format!("INSERT INTO {name} VALUES ($1, $2)"), ("pen", 1))?;
            let inside = tx.query(&format!("SELECT count(*) AS c FROM {name}"), ())?;
            assert_eq!(
                inside.to_csv(),
                "c\n1\n",
                "the transaction sees its own write"
            );
            tx.execute(&format!("INSERT INTO {name} VALUES ($1, $2)"), ("pen", 2))?;
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, ConnectionError::Query { .. }), "{err}");
    let t = conn
        .query(&format!("SELECT count(*) AS c FROM {name}"), ())
        .ttl(Duration::ZERO)
        .try_fetch()
        .unwrap();
    assert_eq!(
        t.to_csv(),
        "c\n0\n",
        "nothing of the failed transaction stays"
    );
    conn.execute(&format!("DROP TABLE {name}"), ()).unwrap();
}

#[test]
fn sqlite_a_failed_transaction_is_rolled_back() {
    rolled_back_on_error(&open(&sqlite_url("tx")), "stock");
}

#[test]
fn pg_a_failed_transaction_is_rolled_back() {
    let Some(url) = pg_url() else { return };
    let _shared = PG.read();
    rolled_back_on_error(&open(&url), &table("stock"));
}

// ------------------------------------------------------- st.connection

/// A failed query is an exception box naming the database's error and the
/// query's first line; the app lives on and the next run works.
fn failed_query_keeps_the_app_alive(connection: &'static str) {
    setup();
    let mut at = AppTest::new(move |st: &St| {
        let conn = st.connection(connection);
        let broken = st.checkbox("Broken").show();
        let sql = if broken {
            "SELECT no_such_column\nFROM (SELECT 1 AS x) AS t"
        } else {
            "SELECT 1 AS x"
        };
        let t = conn.query(sql, ()).fetch();
        st.text(format!("rows {}", t.len()));
    });
    at.run();
    assert_eq!(at.text(), ["rows 1"]);
    at.widget("Broken").check().run();
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    let message = &exceptions[0];
    assert!(
        message.contains("no_such_column"),
        "the database's error: {message}"
    );
    assert!(
        message.contains("query: SELECT no_such_column") && !message.contains("FROM (SELECT"),
        "the query's first line only: {message}"
    );
    assert!(message.contains(connection), "{message}");
    at.widget("Broken").uncheck().run();
    assert_eq!(at.text(), ["rows 1"], "the app lives on");
    assert!(at.exception().is_empty());
}

#[test]
fn sqlite_a_failed_query_is_an_exception_and_the_app_lives_on() {
    failed_query_keeps_the_app_alive("shop");
}

#[test]
fn pg_a_failed_query_is_an_exception_and_the_app_lives_on() {
    if pg_url().is_none() {
        return;
    }
    let _shared = PG.read();
    failed_query_keeps_the_app_alive("pg");
}

#[test]
fn st_connection_is_made_once_and_shared_by_sessions() {
    setup();
    // An in-memory database lives in its connection: a table made by one
    // session is seen by another only if they share the connection.
    let mut maker = AppTest::new(|st: &St| {
        let conn = st.connection("shared");
        conn.execute("CREATE TABLE IF NOT EXISTS seen (n INTEGER)", ())
            .unwrap();
        conn.execute("INSERT INTO seen VALUES (1)", ()).unwrap();
    });
    maker.run();
    let mut reader = query_app("shared", "SELECT count(*) AS n FROM seen");
    reader.run();
    assert!(reader.exception().is_empty(), "{:?}", reader.exception());
    assert_eq!(reader.text(), ["n\n1\n"]);
}

#[test]
fn the_spinner_shows_while_a_query_runs() {
    setup();
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("shop");
        let t = conn
            .query("SELECT $1 AS spin", ("spinner-test",))
            .show_spinner("Loading orders…")
            .fetch();
        st.text(format!("{}", t.len()));
    });
    at.run();
    let texts: Vec<String> = at
        .progress()
        .iter()
        .flatten()
        .map(|p| p.message.clone())
        // The first use of "shop" in this process also connects.
        .filter(|m| m != "Connecting to the database…")
        .collect();
    assert_eq!(texts, ["Loading orders…"], "shown on the miss");
    at.run();
    assert!(
        at.progress().iter().flatten().next().is_none(),
        "no spinner on a hit"
    );
}

// ----------------------------------------------------------------- errors

#[test]
fn connection_errors_are_clear_and_keep_the_app_alive() {
    setup();
    let mut at = AppTest::new(|st: &St| {
        let which = st
            .selectbox("Which", ["missing", "badurl", "nofile", "refused", "shop"])
            .show()
            .unwrap();
        let conn = st.connection(which);
        st.text(format!("connected to {}", conn.name()));
    });
    at.run();
    let message = at.exception().join("\n");
    assert!(
        message.contains("[connections.missing]") && message.contains("secrets.toml"),
        "not configured says what to add: {message}"
    );
    at.widget("Which").select("badurl").run();
    let message = at.exception().join("\n");
    assert!(
        message.contains("sqlite://") && message.contains("postgresql://"),
        "{message}"
    );
    assert!(message.contains("mysql://app:•••@db/sales"), "{message}");
    at.widget("Which").select("nofile").run();
    let message = at.exception().join("\n");
    assert!(message.contains("cannot reach the database"), "{message}");
    at.widget("Which").select("refused");
    at.run_with_timeout(Duration::from_secs(60)).unwrap();
    let message = at.exception().join("\n");
    assert!(message.contains("\"refused\""), "{message}");
    if cfg!(feature = "postgres") {
        assert!(message.contains("cannot reach the database"), "{message}");
    } else {
        assert!(message.contains("`postgres` feature"), "{message}");
    }
    at.widget("Which").select("shop").run();
    assert_eq!(at.text(), ["connected to shop"], "the app lives on");
}

/// A statement past the connection's `query_timeout_secs` is cancelled.
fn timeout_cancels(connection: &'static str, slow_sql: &'static str) {
    setup();
    let mut at = AppTest::new(move |st: &St| {
        let conn = st.connection(connection);
        let t = conn.query(slow_sql, ()).fetch();
        st.text(format!("rows {}", t.len()));
    });
    at.run_with_timeout(Duration::from_secs(60)).unwrap();
    let message = at.exception().join("\n");
    assert!(message.contains("timeout of 300 ms"), "{message}");
    assert!(at.text().is_empty());
}

const SQLITE_SLOW: &str = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \
                           SELECT max(x) AS x FROM c";

#[test]
fn sqlite_a_query_past_its_timeout_is_cancelled() {
    timeout_cancels("slow", SQLITE_SLOW);
}

#[test]
fn pg_a_query_past_its_timeout_is_cancelled() {
    if pg_url().is_none() {
        return;
    }
    let _shared = PG.read();
    timeout_cancels("pgslow", "SELECT pg_sleep(30) AS slept");
}

/// Stop while a query runs ends the run, caches nothing, and cancels the
/// statement; the connection works after.
fn stop_cancels(connection: &'static str, slow_sql: &'static str) -> AppTest {
    setup();
    let at = AppTest::new(move |st: &St| {
        let conn = st.connection(connection);
        let t = conn.query(slow_sql, ()).fetch();
        st.text(format!("rows {}", t.len()));
    });
    let session = at.session();
    session.send(brook::Event::Rerun).unwrap();
    // The spinner says the query is running.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let delta = session
            .deltas()
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the query starts");
        if let Delta::Progress(Some(p)) = delta
            && p.message.contains("query")
        {
            break;
        }
    }
    session.send(brook::Event::Stop).unwrap();
    loop {
        let delta = session
            .deltas()
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the run ends after Stop");
        if delta == Delta::Status(SessionStatus::Idle) {
            break;
        }
    }
    assert!(at.text().is_empty(), "the run ended at the query");
    assert!(
        at.exception().is_empty(),
        "Stop is not an error: {:?}",
        at.exception()
    );
    at
}

#[test]
fn sqlite_stop_cancels_a_running_query() {
    let _at = stop_cancels("shop", SQLITE_SLOW);
    let mut after = query_app("shop", "SELECT 2 AS after_stop");
    after.run();
    assert_eq!(
        after.text(),
        ["after_stop\n2\n"],
        "the connection is free again"
    );
}

#[test]
fn pg_stop_cancels_a_running_query_on_the_server() {
    let Some(url) = pg_url() else { return };
    let _shared = PG.read();
    let _at = stop_cancels("pg", "SELECT pg_sleep(30) AS stop_me");
    let probe = open(&url);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let running = probe
            .query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%stop_me%' \
                 AND state = 'active' AND pid <> pg_backend_pid()",
                (),
            )
            .ttl(Duration::ZERO)
            .try_fetch()
            .unwrap();
        if running.to_csv() == "n\n0\n" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server still runs the stopped query"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn pg_reconnects_after_the_server_restarts() {
    let Some(url) = pg_url() else { return };
    let _alone = PG.write();
    let restart = std::env::var("BROOK_TEST_PG_RESTART").expect(
        "BROOK_TEST_PG_RESTART: a command that restarts the test server (scripts/test.sh sets it)",
    );
    let conn = SqlConnection::open("restart", &url).unwrap();
    let pid = || {
        conn.query("SELECT pg_backend_pid() AS pid", ())
            .ttl(Duration::ZERO)
            .try_fetch()
            .unwrap()
            .to_csv()
    };
    let before = pid();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(&restart)
        .status()
        .unwrap();
    assert!(status.success(), "the restart command failed");
    let after = pid();
    assert_ne!(before, after, "a new server process answers");
    let t = conn
        .query("SELECT 41 + 1 AS answer", ())
        .try_fetch()
        .unwrap();
    assert_eq!(t.to_csv(), "answer\n42\n");
}

// ---------------------------------------------------------------- secrets

#[test]
fn secrets_are_read_from_toml_and_the_app_folder_wins() {
    let dir = scratch().join("secrets");
    std::fs::create_dir_all(&dir).unwrap();
    let user = dir.join("user.toml");
    let app = dir.join("app.toml");
    std::fs::write(
        &user,
        "[db]\nurl = \"sqlite://user.db\"\npool = 2\n[only]\nuser = true\n",
    )
    .unwrap();
    std::fs::write(&app, "[db]\nurl = \"sqlite://app.db\"\n").unwrap();
    let secrets = Secrets::read(&[user, app, dir.join("absent.toml")]).unwrap();
    assert_eq!(secrets.get::<String>("db.url").unwrap(), "sqlite://app.db");
    assert_eq!(
        secrets.get::<u32>("db.pool").unwrap(),
        2,
        "tables merge key by key"
    );
    assert!(secrets.get::<bool>("only.user").unwrap());
    let missing = secrets.get::<String>("db.password").unwrap_err();
    assert!(missing.to_string().contains("db.password"), "{missing}");
    let wrong = secrets.get::<u32>("db.url").unwrap_err();
    assert!(
        wrong.to_string().contains("a string") && wrong.to_string().contains("u32"),
        "{wrong}"
    );
    assert!(
        !wrong.to_string().contains("app.db"),
        "the value is not shown: {wrong}"
    );
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, format!("[db]\npassword = \"{SECRET}\nurl = 1\n")).unwrap();
    let err = Secrets::read(&[bad]).unwrap_err().to_string();
    assert!(err.contains("bad.toml") && err.contains("line"), "{err}");
    assert!(
        !err.contains(SECRET),
        "a TOML error does not quote the line: {err}"
    );
}

#[test]
fn secrets_never_appear_in_messages_trees_or_logs() {
    setup();
    let mut at = AppTest::new(|st: &St| {
        let token: String = st.secrets().get("api.token").unwrap();
        st.text(format!("token has {} characters", token.len()));
        st.text(format!("{:?}", st.secrets()));
        let which = st.selectbox("Which", ["refused", "badurl"]).show().unwrap();
        let made = st.try_connection(which);
        if let Err(error) = &made {
            st.text(format!("{error} / {error:?}"));
        }
        st.connection(which);
    });
    // Each attempt at "refused" waits out its 1 s connect timeout.
    let patience = Duration::from_secs(60);
    at.run_with_timeout(patience).unwrap();
    at.widget("Which").select("badurl");
    at.run_with_timeout(patience).unwrap();
    at.widget("Which").select("refused");
    at.run_with_timeout(patience).unwrap();
    assert_eq!(
        at.text()[0],
        format!("token has {} characters", SECRET.len())
    );
    assert!(
        at.text()[1].contains("api.token"),
        "Debug lists keys: {}",
        at.text()[1]
    );
    assert_eq!(at.exception().len(), 1);
    let tree = at.tree().to_ron();
    assert!(
        tree.contains("127.0.0.1"),
        "the tree does show the failed connection"
    );
    assert!(
        !tree.contains(SECRET),
        "the element tree holds no secret:\n{tree}"
    );
    let logged = LOGGED.lock().join("\n");
    assert!(
        !logged.contains(SECRET),
        "the log holds no secret:\n{logged}"
    );
    let conn_debug = format!("{:?}", open(&sqlite_url("debug")));
    assert!(!conn_debug.contains(SECRET));
}

// ---------------------------------------------------------------- example

#[test]
fn the_orders_example_reads_and_writes_its_database() {
    setup();
    let mut at = AppTest::new(orders::app);
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.subheader()[0], "3 open orders", "seeded on first start");
    at.widget("Customer").input("Wayne Enterprises");
    at.widget("Item").input("Paint");
    at.widget("Quantity").set_value(4_i64);
    at.widget("Total").set_value(60.5);
    at.widget("Add order").click().run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(
        at.subheader()[0],
        "4 open orders",
        "the insert is seen at once"
    );
    at.widget("Order number").set_value(1_i64);
    at.widget("Mark shipped").click().run();
    assert_eq!(at.subheader()[0], "3 open orders");
    let db = open(&sqlite_url("orders"));
    let history = db
        .query("SELECT order_id, change FROM order_history", ())
        .try_fetch()
        .unwrap();
    assert_eq!(history.to_csv(), "order_id,change\n1,open -> shipped\n");
    let added = db
        .query(
            "SELECT customer, item, qty, total FROM orders WHERE id = 4",
            (),
        )
        .try_fetch()
        .unwrap();
    assert_eq!(
        added.to_csv(),
        "customer,item,qty,total\nWayne Enterprises,Paint,4,60.5\n"
    );
    // Edited in the data editor (open orders 2, 3, 4 in its rows 0, 1,
    // 2), then saved in one transaction.
    at.data_editor("order_edits")
        .edit_cell(0, "qty", 30_i64)
        .add_row([("customer", "Umbrella"), ("item", "Masks")])
        .delete_rows([1])
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    at.widget("save_orders").click().run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(at.toasts(), ["3 changes saved"]);
    assert!(at.data_editor("order_edits").edits().is_empty());
    let all = db
        .query(
            "SELECT id, customer, qty, status FROM orders ORDER BY id",
            (),
        )
        .try_fetch()
        .unwrap();
    assert_eq!(
        all.to_csv(),
        "id,customer,qty,status\n1,Acme Corp,20,shipped\n2,Globex,30,open\n\
         4,Wayne Enterprises,4,open\n5,Umbrella,1,open\n"
    );
    assert_eq!(at.subheader()[0], "3 open orders");
}
