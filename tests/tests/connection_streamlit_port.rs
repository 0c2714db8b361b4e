//! Streamlit's own tests of `st.connection("sql")` and `st.secrets`, ported
//! to brook by behaviour: the same scenario with brook's API
//! (`st.connection`, `st.connection_or`, `SqlConnection::query`,
//! `st.secrets()`), against real databases (SQLite files and a real
//! PostgreSQL server), never mocks.
//!
//! Each test names the Streamlit test it ports (file::test), from
//! streamlit/streamlit at 2db81f7: lib/tests/streamlit/connections/
//! (sql_connection_test.py, base_connection_test.py),
//! lib/tests/streamlit/runtime/connection_factory_test.py and
//! lib/tests/streamlit/runtime/secrets_test.py. Where brook deliberately
//! differs, the comment says so and the test checks brook's behaviour.
//!
//! The PostgreSQL tests (named `pg_*`) run as those of tests/connection.rs
//! do: `BROOK_TEST_PG_URL` with brook's `postgres` feature (scripts/test.sh
//! starts a server), failing loudly without one unless
//! `BROOK_TEST_PG_LATER=1`.
//!
//! Shared state: the secrets are the process's (set once by [`setup`];
//! tests that replace a section go through [`swap_section`]); connections
//! and query caches are process-wide too, so the two tests that clear every
//! cache take [`GLOBAL`] alone. The secrets-file tests run this binary again
//! in a child process with its own working and config folders, since
//! brook reads those files once per process.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook_tests::scratch::{db_path, dir as scratch, query_app, sqlite_url};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use brook::caching::ManualClock;
use brook::connection::{ConnectionError, Secrets, SqlConnection, set_secrets};
use brook::prelude::*;
use brook::testing::AppTest;
use parking_lot::{Mutex, RwLock, RwLockReadGuard};

/// A password that must never be shown.
const SECRET: &str = "Hunter2-PortSecret-7171";
/// A password given as a part, with the characters a URL must escape.
const PART_SECRET: &str = "p@ss word/Hunter2-Part";

// ------------------------------------------------------------------ helpers

/// A SQLite file `name` holding `sql` (run behind the app's back, by a
/// connection of its own).
fn seed(name: &str, sql: &[&str]) {
    let conn = SqlConnection::open("seed", &sqlite_url(name)).unwrap();
    for statement in sql {
        conn.execute(statement, ()).unwrap();
    }
}

fn pg_url() -> Option<String> {
    brook_tests::pg::url("connection_streamlit_port")
}

/// `(user, host, port, database)` of a `postgresql://user@host:port/db` URL.
fn pg_parts(url: &str) -> (String, String, u16, String) {
    let rest = url.split_once("://").unwrap().1;
    let (authority, path) = rest.split_once('/').unwrap();
    let (userinfo, hostport) = authority.rsplit_once('@').unwrap();
    let user = userinfo.split(':').next().unwrap().to_owned();
    let (host, port) = hostport
        .rsplit_once(':')
        .map_or((hostport, 5432), |(h, p)| (h, p.parse().unwrap()));
    let database = path.split('?').next().unwrap().to_owned();
    (user, host.to_owned(), port, database)
}

/// Tests that use shared connections or caches hold it to read; the two
/// that clear every cache hold it alone.
static GLOBAL: RwLock<()> = RwLock::new(());

/// The secrets every test reads, set once.
fn base_secrets() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut text = format!(
            "db_username = \"Jane\"\n\
             api_token = \"{SECRET}\"\n\
             \n[subsection]\nemail = \"eng@streamlit.io\"\n\
             \n[subsection.deeper]\nlevel = 3\n\
             \n[connections.memo]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.memo_a]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.memo_b]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.memo_reset]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.memo_clear]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.memo_release]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.crowd]\nurl = \"sqlite://:memory:\"\n\
             \n[connections.scoped_a]\nurl = \"{scoped}\"\n\
             \n[connections.scoped_b]\nurl = \"{scoped}\"\n\
             \n[connections.keyed]\nurl = \"{keyed}\"\n\
             \n[connections.late_table]\nurl = \"{late_table}\"\n\
             \n[connections.from_url]\nurl = \"{from_url}\"\n\
             \n[connections.from_parts]\ndialect = \"sqlite\"\ndatabase = \"{from_parts}\"\n\
             \n[connections.both]\nurl = \"{from_url}\"\ndialect = \"sqlite\"\ndatabase = \"{from_parts}\"\n\
             \n[connections.or_configured]\nurl = \"{from_url}\"\n\
             \n[connections.later]\nurl = \"sqlite://{later}\"\n\
             \n[connections.no_dialect]\nhost = \"db.internal\"\nusername = \"app\"\n\
             \n[connections.no_username]\ndialect = \"postgresql\"\nhost = \"db.internal\"\n\
             \n[connections.no_host]\ndialect = \"postgresql\"\nusername = \"app\"\n\
             \n[connections.no_database]\ndialect = \"sqlite\"\n\
             \n[connections.settings_only]\nquery_timeout_secs = 5\n\
             \n[connections.bad_timeout]\nurl = \"sqlite://:memory:\"\nquery_timeout_secs = \"slow\"\n\
             \n[connections.bad_port]\ndialect = \"postgresql\"\nhost = \"db.internal\"\n\
             username = \"app\"\nport = \"fifty\"\n\
             \n[connections.typo]\nurl = \"sqlite://:memory:\"\npool_sise = 4\n\
             \n[connections.parts_refused]\ndialect = \"postgresql\"\nhost = \"127.0.0.1\"\nport = 1\n\
             username = \"app\"\npassword = \"{SECRET}\"\ndatabase = \"sales\"\n\
             connect_timeout_secs = 1\n",
            scoped = sqlite_url("scoped"),
            keyed = sqlite_url("keyed"),
            late_table = sqlite_url("late_table"),
            from_url = sqlite_url("from_url"),
            from_parts = db_path("from_parts"),
            later = scratch().join("later").join("app.db").display(),
        );
        if let Ok(url) = std::env::var("BROOK_TEST_PG_URL") {
            let (user, host, port, database) = pg_parts(&url);
            text.push_str(&format!(
                "\n[connections.pg_parts]\ndialect = \"postgresql\"\nhost = \"{host}\"\n\
                 port = {port}\ndatabase = \"{database}\"\nusername = \"{user}\"\n\
                 password = \"{PART_SECRET}\"\n"
            ));
        }
        text
    })
}

/// Sections replaced by tests, by name.
static SWAPPED: Mutex<BTreeMap<&'static str, String>> = Mutex::new(BTreeMap::new());

fn install_secrets(swapped: &BTreeMap<&'static str, String>) {
    let mut text = base_secrets().to_owned();
    for section in swapped.values() {
        text.push('\n');
        text.push_str(section);
    }
    set_secrets(Secrets::from_toml(&text).unwrap());
}

/// Sets the secrets once.
fn init() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| install_secrets(&SWAPPED.lock()));
}

/// Sets the secrets once; returns the shared hold on connections and
/// caches.
fn setup() -> RwLockReadGuard<'static, ()> {
    init();
    GLOBAL.read()
}

/// Replaces the secrets text `id` (TOML tables of names no other test
/// uses), as an edited secrets file does.
fn swap_section(id: &'static str, text: String) {
    let mut swapped = SWAPPED.lock();
    swapped.insert(id, text);
    install_secrets(&swapped);
}

const CONNECTING: &str = "Connecting to the database…";

/// Whether the last run made a connection (its spinner showed).
fn connected(at: &AppTest) -> bool {
    at.progress()
        .iter()
        .flatten()
        .any(|p| p.message == CONNECTING)
}

// ---------------------------------------------- made once, names, reruns

// connection_factory_test.py::test_caches_connection_instance
#[test]
fn a_connection_is_made_once_per_name_and_reused_across_reruns() {
    let _shared = setup();
    // An in-memory database lives in its connection: rows written by one
    // run are seen by the next only if the connection is the same.
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("memo");
        conn.execute("CREATE TABLE IF NOT EXISTS runs (n INTEGER)", ())
            .unwrap();
        conn.execute("INSERT INTO runs VALUES (1)", ()).unwrap();
        let t = conn.query("SELECT count(*) AS n FROM runs", ()).fetch();
        st.text(t.to_csv());
    });
    at.run();
    assert_eq!(at.text(), ["n\n1\n"]);
    assert!(connected(&at), "the first run connects");
    at.run();
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["n\n3\n"], "every rerun writes to one database");
    assert!(!connected(&at), "a rerun does not connect again");
}

// connection_factory_test.py::test_can_pass_class_directly_to_factory_func
// (`_connection_name` is the name given); sql_connection_test.py::
// test_scopes_caches_by_connection_name (one URL, two names)
#[test]
fn two_names_on_one_url_are_two_connections() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        let a = st.connection("memo_a");
        let b = st.connection("memo_b");
        st.text(format!("{} {}", a.name(), b.name()));
        a.execute("CREATE TABLE IF NOT EXISTS only_in_a (n INTEGER)", ())
            .unwrap();
        let seen = b
            .query("SELECT count(*) AS n FROM only_in_a", ())
            .try_fetch();
        st.text(match seen {
            Ok(t) => format!("b sees {}", t.to_csv()),
            Err(e) => format!("b: {e}"),
        });
    });
    at.run();
    assert_eq!(at.text()[0], "memo_a memo_b");
    assert!(
        at.text()[1].contains("no such table: only_in_a"),
        "memo_b is another database: {}",
        at.text()[1]
    );
}

// sql_connection_test.py::test_scopes_caches_by_connection_name
#[test]
fn query_caches_are_scoped_by_connection_name() {
    let _shared = setup();
    seed(
        "scoped",
        &[
            "DROP TABLE IF EXISTS v",
            "CREATE TABLE v (n INTEGER)",
            "INSERT INTO v VALUES (1)",
        ],
    );
    let mut at = AppTest::new(|st: &St| {
        let name = st
            .selectbox("Connection", ["scoped_a", "scoped_b"])
            .show()
            .unwrap();
        let t = st.connection(name).query("SELECT n FROM v", ()).fetch();
        st.text(t.to_csv());
    });
    at.run();
    assert_eq!(at.text(), ["n\n1\n"]);
    seed("scoped", &["UPDATE v SET n = 2"]);
    at.run();
    assert_eq!(at.text(), ["n\n1\n"], "scoped_a's result is cached");
    at.widget("Connection").select("scoped_b").run();
    assert_eq!(
        at.text(),
        ["n\n2\n"],
        "the same SQL on scoped_b runs: its cache is its own"
    );
    at.widget("Connection").select("scoped_a").run();
    assert_eq!(at.text(), ["n\n1\n"], "scoped_a keeps its cached result");
}

// connection_factory_test.py::test_caches_connection_instance, with many
// sessions at once (secrets_test.py::SecretsThreadingTests runs the same
// access on 50 threads)
#[test]
fn many_sessions_connecting_at_once_share_one_connection() {
    let _shared = setup();
    const SESSIONS: usize = 8;
    let mut apps: Vec<AppTest> = (0..SESSIONS)
        .map(|_| {
            AppTest::new(|st: &St| {
                let conn = st.connection("crowd");
                conn.execute("CREATE TABLE IF NOT EXISTS crowd (n INTEGER)", ())
                    .unwrap();
                conn.execute("INSERT INTO crowd VALUES (1)", ()).unwrap();
            })
        })
        .collect();
    std::thread::scope(|scope| {
        for at in &mut apps {
            std::thread::Builder::new()
                .name("session".to_owned())
                .spawn_scoped(scope, move || {
                    at.run();
                })
                .unwrap();
        }
    });
    for at in &apps {
        assert!(at.exception().is_empty(), "{:?}", at.exception());
    }
    let mut reader = query_app("crowd", "SELECT count(*) AS n FROM crowd");
    reader.run();
    assert_eq!(
        reader.text(),
        [format!("n\n{SESSIONS}\n")],
        "every session wrote to the one in-memory database"
    );
}

// ------------------------------------------------ configuration: url, parts

// sql_connection_test.py::test_url_set_explicitly_in_secrets;
// sql_connection_test.py::test_repr_html_ (what a connection says it is)
#[test]
fn the_url_in_secrets_is_the_database_connected_to() {
    let _shared = setup();
    seed(
        "from_url",
        &[
            "DROP TABLE IF EXISTS pets",
            "CREATE TABLE pets (name TEXT)",
            "INSERT INTO pets VALUES ('Rex')",
        ],
    );
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("from_url");
        st.text(format!("{} {} {}", conn.name(), conn.backend(), conn.url()));
        st.text(format!("{conn:?}"));
        st.text(conn.query("SELECT name FROM pets", ()).fetch().to_csv());
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(
        at.text()[0],
        format!("from_url sqlite {}", sqlite_url("from_url"))
    );
    assert!(
        at.text()[1].contains("from_url") && at.text()[1].contains(&sqlite_url("from_url")),
        "Debug names the connection and its URL: {}",
        at.text()[1]
    );
    assert_eq!(at.text()[2], "name\nRex\n");
}

// sql_connection_test.py::test_url_constructed_from_secrets_params (SQLite:
// `dialect` and `database`)
#[test]
fn a_sqlite_connection_is_built_from_dialect_and_database() {
    let _shared = setup();
    seed(
        "from_parts",
        &[
            "DROP TABLE IF EXISTS pets",
            "CREATE TABLE pets (name TEXT)",
            "INSERT INTO pets VALUES ('Fido')",
        ],
    );
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("from_parts");
        st.text(conn.url().to_owned());
        st.text(conn.query("SELECT name FROM pets", ()).fetch().to_csv());
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), [sqlite_url("from_parts"), "name\nFido\n".into()]);
}

// sql_connection_test.py::test_url_constructed_from_secrets_params
// (dialect, host, port, database, username, password);
// sql_connection_test.py::test_repr_html_ (the password is not shown)
#[test]
fn pg_a_connection_is_built_from_host_port_database_username_and_password() {
    let Some(url) = pg_url() else { return };
    let _shared = setup();
    let (user, host, port, database) = pg_parts(&url);
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("pg_parts");
        st.text(conn.url().to_owned());
        st.text(format!("{conn:?}"));
        let t = conn
            .query(
                "SELECT current_user::text AS u, current_database()::text AS d",
                (),
            )
            .fetch();
        st.text(t.to_csv());
    });
    at.run_with_timeout(Duration::from_secs(30)).unwrap();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(
        at.text()[0],
        format!("postgresql://{user}:•••@{host}:{port}/{database}")
    );
    assert!(!at.text()[1].contains("Hunter2"), "{}", at.text()[1]);
    assert_eq!(at.text()[2], format!("u,d\n{user},{database}\n"));
    assert!(!at.tree().to_ron().contains("Hunter2"));
}

// sql_connection_test.py::test_url_set_explicitly_in_secrets: a `url` is
// used as it is; parts beside it are not read (`if "url" in conn_params`)
#[test]
fn a_url_wins_over_parts_in_the_same_table() {
    let _shared = setup();
    seed(
        "from_url",
        &[
            "CREATE TABLE IF NOT EXISTS which (label TEXT)",
            "DELETE FROM which",
            "INSERT INTO which VALUES ('url')",
        ],
    );
    seed(
        "from_parts",
        &[
            "CREATE TABLE IF NOT EXISTS which (label TEXT)",
            "DELETE FROM which",
            "INSERT INTO which VALUES ('parts')",
        ],
    );
    let mut at = query_app("both", "SELECT label FROM which");
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["label\nurl\n"]);
}

// sql_connection_test.py::test_kwargs_overwrite_secrets_values. brook
// differs: it has no per-call settings that override the secrets; its
// `st.connection_or(name, url)` takes the secrets when `[connections.<name>]`
// exists and the URL given in code only when it does not (a default, not
// an override).
#[test]
fn connection_or_takes_the_secrets_over_the_url_in_code() {
    let _shared = setup();
    let argument = "or_argument";
    seed(
        argument,
        &[
            "CREATE TABLE IF NOT EXISTS which (label TEXT)",
            "DELETE FROM which",
            "INSERT INTO which VALUES ('code')",
        ],
    );
    seed(
        "from_url",
        &[
            "CREATE TABLE IF NOT EXISTS which (label TEXT)",
            "DELETE FROM which",
            "INSERT INTO which VALUES ('url')",
        ],
    );
    let default_url = sqlite_url(argument);
    let mut at = AppTest::new(move |st: &St| {
        for name in ["or_configured", "or_unconfigured"] {
            let t = st
                .connection_or(name, &default_url)
                .query("SELECT label FROM which", ())
                .fetch();
            st.text(format!("{name}: {}", t.to_csv().trim_end()));
        }
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(
        at.text(),
        ["or_configured: label\nurl", "or_unconfigured: label\ncode"]
    );
}

// sql_connection_test.py::test_error_if_missing_required_param (dialect,
// username, host) and test_error_if_no_config
#[test]
fn a_missing_setting_is_named_by_its_key_and_the_app_lives() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        let name = st
            .selectbox(
                "Connection",
                [
                    "no_dialect",
                    "no_username",
                    "no_host",
                    "no_database",
                    "settings_only",
                ],
            )
            .show()
            .unwrap();
        match st.try_connection(name) {
            Ok(conn) => st.text(format!("connected {}", conn.name())),
            Err(error) => st.error(error.to_string()),
        }
        st.text("alive");
    });
    at.run();
    for (name, key) in [
        ("no_dialect", "connections.no_dialect.dialect"),
        ("no_username", "connections.no_username.username"),
        ("no_host", "connections.no_host.host"),
        ("no_database", "connections.no_database.database"),
        ("settings_only", "connections.settings_only.url"),
    ] {
        at.widget("Connection").select(name).run();
        assert_eq!(at.text(), ["alive"], "{name}");
        let errors = at.error();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(
            errors[0].contains(&format!("\"{key}\"")) && errors[0].contains(&format!("\"{name}\"")),
            "{name}: the message names the connection and the missing key {key}: {}",
            errors[0]
        );
    }
}

// secrets_test.py::test_getattr_nonexistent / AttrDict type errors, for a
// connection's own table: the key of the wrong or unknown setting is named
// (Streamlit ignores unknown keys; brook names them, so a typo is seen)
#[test]
fn a_setting_of_the_wrong_type_or_an_unknown_setting_is_named_by_its_key() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        let name = st
            .selectbox("Connection", ["bad_timeout", "bad_port", "typo"])
            .show()
            .unwrap();
        st.connection(name);
        st.text("unreachable");
    });
    at.run();
    for (name, needles) in [
        (
            "bad_timeout",
            &["connections.bad_timeout.query_timeout_secs", "a string"][..],
        ),
        ("bad_port", &["connections.bad_port.port"][..]),
        ("typo", &["connections.typo.pool_sise", "pool_size"][..]),
    ] {
        at.widget("Connection").select(name).run();
        assert!(at.text().is_empty(), "{name}: the run ends at the error");
        let message = at.exception().join("\n");
        for needle in needles {
            assert!(message.contains(needle), "{name}: {needle} in {message}");
        }
    }
    at.widget("Connection").select("bad_timeout").run();
    assert!(
        !at.exception().join("\n").contains("\"slow\""),
        "the value is not quoted"
    );
}

// base_connection_test.py / sql_connection_test.py: secrets never shown.
// A password given as a part is as hidden as one inside a URL.
#[test]
fn a_password_given_as_a_part_never_appears_in_messages_or_the_tree() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        if let Err(error) = st.try_connection("parts_refused") {
            st.text(format!("{error} / {error:?}"));
        }
        st.connection("parts_refused");
    });
    at.run_with_timeout(Duration::from_secs(60)).unwrap();
    let shown = at.text().join("\n");
    assert!(
        shown.contains("parts_refused") && shown.contains("127.0.0.1"),
        "the message says which connection and where: {shown}"
    );
    let exception = at.exception().join("\n");
    assert!(exception.contains("parts_refused"), "{exception}");
    let tree = at.tree().to_ron();
    assert!(!tree.contains(SECRET), "the tree holds no secret:\n{tree}");
}

// ------------------------------------------------------------ query cache

// sql_connection_test.py::test_query_caches_value: one run of the database
// per SQL text and parameters
#[test]
fn query_results_are_cached_by_sql_text_and_parameters() {
    let _shared = setup();
    seed(
        "keyed",
        &[
            "DROP TABLE IF EXISTS stock",
            "CREATE TABLE stock (item TEXT, n INTEGER)",
            "INSERT INTO stock VALUES ('pen', 1), ('ink', 1)",
        ],
    );
    let mut at = AppTest::new(|st: &St| {
        let item = st.selectbox("Item", ["pen", "ink"]).show().unwrap();
        let spaced = st.checkbox("Spaced").show();
        let sql = if spaced {
            "SELECT n  FROM stock WHERE item = $1"
        } else {
            "SELECT n FROM stock WHERE item = $1"
        };
        let t = st.connection("keyed").query(sql, (item,)).fetch();
        st.text(t.to_csv());
    });
    at.run();
    assert_eq!(at.text(), ["n\n1\n"]);
    seed("keyed", &["UPDATE stock SET n = 2"]);
    at.run();
    assert_eq!(at.text(), ["n\n1\n"], "the same SQL and parameter: cached");
    at.widget("Item").select("ink").run();
    assert_eq!(at.text(), ["n\n2\n"], "another parameter runs the query");
    at.widget("Item").select("pen").run();
    assert_eq!(at.text(), ["n\n1\n"], "pen's result is still cached");
    at.widget("Spaced").check().run();
    assert_eq!(at.text(), ["n\n2\n"], "another SQL text runs the query");
}

/// The ttl tests move the process's cache clock; one at a time.
static CLOCK: Mutex<()> = Mutex::new(());

fn clock() -> &'static ManualClock {
    static CLOCK: OnceLock<ManualClock> = OnceLock::new();
    CLOCK.get_or_init(ManualClock::install)
}

fn same(a: &brook::data::Table, b: &brook::data::Table) -> bool {
    Arc::ptr_eq(&a.shared_batch(), &b.shared_batch())
}

// sql_connection_test.py::test_does_not_reset_cache_when_ttl_changes
#[test]
fn queries_with_different_ttls_keep_each_other_cached() {
    let _shared = setup();
    let _clock = CLOCK.lock();
    let conn = SqlConnection::open("ttl-mix", &sqlite_url("ttl_mix")).unwrap();
    let run = |sql: &str, ttl: u64| {
        conn.query(sql, ())
            .ttl(Duration::from_secs(ttl))
            .try_fetch()
            .unwrap()
    };
    let one = run("SELECT 1 AS q, random() AS r", 10);
    let two = run("SELECT 2 AS q, random() AS r", 20);
    let one_again = run("SELECT 1 AS q, random() AS r", 10);
    let two_again = run("SELECT 2 AS q, random() AS r", 20);
    assert!(same(&one, &one_again), "the ttl-10 query ran once");
    assert!(same(&two, &two_again), "the ttl-20 query ran once");
}

// sql_connection_test.py::test_does_not_reset_cache_when_ttl_changes: each
// query keeps its own ttl
#[test]
fn each_query_expires_after_its_own_ttl() {
    let _shared = setup();
    let _clock = CLOCK.lock();
    let clock = clock();
    let conn = SqlConnection::open("ttl-each", &sqlite_url("ttl_each")).unwrap();
    let run = |sql: &str, ttl: u64| {
        conn.query(sql, ())
            .ttl(Duration::from_secs(ttl))
            .try_fetch()
            .unwrap()
    };
    let short = run("SELECT 'short' AS q, random() AS r", 10);
    let long = run("SELECT 'long' AS q, random() AS r", 20);
    clock.advance(Duration::from_secs(15));
    let short_later = run("SELECT 'short' AS q, random() AS r", 10);
    let long_later = run("SELECT 'long' AS q, random() AS r", 20);
    assert!(
        !same(&short, &short_later),
        "past 10 s the short one ran again"
    );
    assert!(
        same(&long, &long_later),
        "within 20 s the long one is cached"
    );
    clock.advance(Duration::from_secs(10));
    let long_last = run("SELECT 'long' AS q, random() AS r", 20);
    assert!(!same(&long, &long_last), "past 20 s the long one ran again");
}

// connection_factory_test.py::test_does_not_clear_cache_when_max_entries_changes
// (for queries: brook's connections have no max_entries of their own)
#[test]
fn queries_with_different_max_entries_keep_each_other_cached() {
    let _shared = setup();
    let conn = SqlConnection::open("lru-mix", &sqlite_url("lru_mix")).unwrap();
    let run = |sql: &str, max: usize| conn.query(sql, ()).max_entries(max).try_fetch().unwrap();
    let one = run("SELECT 1 AS q, random() AS r", 10);
    let two = run("SELECT 2 AS q, random() AS r", 20);
    assert!(same(&one, &run("SELECT 1 AS q, random() AS r", 10)));
    assert!(same(&two, &run("SELECT 2 AS q, random() AS r", 20)));
}

// sql_connection_test.py::test_scopes_caches_by_connection_name, for
// clearing: one connection's clear leaves the others' results
#[test]
fn clearing_one_connections_cache_keeps_the_others() {
    let _shared = setup();
    let url = sqlite_url("clear_one");
    let a = SqlConnection::open("clear-a", &url).unwrap();
    let b = SqlConnection::open("clear-b", &url).unwrap();
    let run = |c: &SqlConnection| c.query("SELECT random() AS r", ()).try_fetch().unwrap();
    let (a1, b1) = (run(&a), run(&b));
    a.clear_cache();
    assert!(!same(&a1, &run(&a)), "a ran again");
    assert!(same(&b1, &run(&b)), "b kept its result");
}

// sql_connection_test.py (tearDown: st.cache_data.clear()): clearing every
// data cache clears the query results and keeps the connection
#[test]
fn clearing_all_data_caches_reruns_queries_and_keeps_the_connection() {
    init();
    let _alone = GLOBAL.write();
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("memo_clear");
        let t = conn.query("SELECT random() AS r", ()).fetch();
        st.text(t.to_csv());
    });
    at.run();
    let first = at.text();
    at.run();
    assert_eq!(at.text(), first, "cached");
    brook::caching::clear_all_data();
    at.run();
    assert_ne!(at.text(), first, "the query ran again");
    assert!(!connected(&at), "the connection was kept");
}

// ------------------------------------------------------- reset, reconnect

// base_connection_test.py::test_instance_prop_reinitializes_if_reset
#[test]
fn a_closed_connection_is_made_anew_by_the_next_call() {
    let _shared = setup();
    static KEPT: Mutex<Option<SqlConnection>> = Mutex::new(None);
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("memo_reset");
        let t = conn
            .query(
                "SELECT count(*) AS n FROM sqlite_master WHERE name = 'made'",
                (),
            )
            .ttl(Duration::ZERO)
            .fetch();
        st.text(t.to_csv());
        conn.execute("CREATE TABLE IF NOT EXISTS made (n INTEGER)", ())
            .unwrap();
        if st.button("Reset").show() {
            conn.close();
        }
        *KEPT.lock() = Some(conn);
    });
    at.run();
    at.run();
    assert_eq!(at.text(), ["n\n1\n"], "the table made by the first run");
    at.widget("Reset").click().run();
    let old = KEPT.lock().clone().unwrap();
    let err = old.query("SELECT 1 AS x", ()).try_fetch().unwrap_err();
    assert!(
        matches!(err, ConnectionError::Closed { .. }) && err.to_string().contains("memo_reset"),
        "{err}"
    );
    at.run();
    assert!(connected(&at), "the next call connects again");
    assert_eq!(
        at.text(),
        ["n\n0\n"],
        "a new in-memory database: the old table is gone"
    );
}

// base_connection_test.py::test_instance_prop_reinitializes_if_reset, by
// the window's "Clear caches" (connection_factory_test.py's tearDown
// clears the resource caches)
#[test]
fn clearing_resource_caches_closes_connections_and_the_next_run_reconnects() {
    init();
    let _alone = GLOBAL.write();
    static KEPT: Mutex<Option<SqlConnection>> = Mutex::new(None);
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("memo_release");
        conn.execute("CREATE TABLE IF NOT EXISTS made (n INTEGER)", ())
            .unwrap();
        conn.execute("INSERT INTO made VALUES (1)", ()).unwrap();
        let t = conn.query("SELECT count(*) AS n FROM made", ()).fetch();
        st.text(t.to_csv());
        *KEPT.lock() = Some(conn);
    });
    at.run();
    at.run();
    assert_eq!(at.text(), ["n\n2\n"]);
    brook::caching::clear_all_resources();
    let old = KEPT.lock().clone().unwrap();
    assert!(old.is_closed(), "released connections are closed");
    let err = old.execute("INSERT INTO made VALUES (1)", ()).unwrap_err();
    assert!(
        err.to_string()
            .contains("call st.connection(\"memo_release\") again"),
        "{err}"
    );
    at.run();
    assert!(connected(&at));
    assert_eq!(at.text(), ["n\n1\n"], "a new database");
}

// connection_factory_test.py: a failed connection is not cached
// (cache_resource keeps no exception); the next call tries again
#[test]
fn a_failed_connection_is_tried_again_on_the_next_run() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        let conn = st.connection("later");
        st.text(format!("connected {}", conn.name()));
    });
    at.run();
    let message = at.exception().join("\n");
    assert!(
        message.contains("\"later\"") && message.contains("cannot reach the database"),
        "{message}"
    );
    std::fs::create_dir_all(scratch().join("later")).unwrap();
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["connected later"]);
}

// sql_connection_test.py::test_retry_behavior_fails_fast_for_most_errors:
// a failed query is not cached; the next call runs it again
#[test]
fn a_failed_query_is_not_cached_and_runs_again_on_the_next_run() {
    let _shared = setup();
    seed("late_table", &["DROP TABLE IF EXISTS arrives_later"]);
    let mut at = query_app("late_table", "SELECT n FROM arrives_later");
    at.run();
    assert!(
        at.exception().join("\n").contains("no such table"),
        "{:?}",
        at.exception()
    );
    seed(
        "late_table",
        &[
            "CREATE TABLE arrives_later (n INTEGER)",
            "INSERT INTO arrives_later VALUES (5)",
        ],
    );
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["n\n5\n"]);
}

// sql_connection_test.py::test_retry_behavior_fails_fast_for_most_errors:
// a query the database refuses runs once (brook never retries it)
#[test]
fn pg_a_failing_query_runs_once_without_retries() {
    let Some(url) = pg_url() else { return };
    let _shared = setup();
    let seq = format!("s_{}_runs", std::process::id());
    let probe = SqlConnection::open("probe", &url).unwrap();
    probe
        .execute(&format!("DROP SEQUENCE IF EXISTS {seq}"), ())
        .unwrap();
    probe
        .execute(&format!("CREATE SEQUENCE {seq}"), ())
        .unwrap();
    // A new sequence's last_value is 1 before its first nextval.
    let runs = || {
        probe
            .query(
                &format!("SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM {seq}"),
                (),
            )
            .ttl(Duration::ZERO)
            .try_fetch()
            .unwrap()
            .to_csv()
    };
    let conn = SqlConnection::open("fails", &url).unwrap();
    // Counts each run, then divides by zero (not a constant: PostgreSQL
    // would refuse `1 / 0` before running anything).
    let failing = format!("SELECT n, 1 / (n - n) AS boom FROM (SELECT nextval('{seq}') AS n) AS t");
    let err = conn.query(&failing, ()).try_fetch().unwrap_err();
    assert!(
        matches!(err, ConnectionError::Query { .. })
            && err.to_string().contains("division by zero"),
        "{err}"
    );
    assert_eq!(runs(), "n\n1\n", "the query ran once");
    conn.query(&failing, ()).try_fetch().unwrap_err();
    assert_eq!(
        runs(),
        "n\n2\n",
        "the error was not cached: it ran again, once"
    );
    probe.execute(&format!("DROP SEQUENCE {seq}"), ()).unwrap();
}

// sql_connection_test.py::test_retry_behavior: Streamlit resets the
// connection and retries a query that lost it (OperationalError); brook's
// pool checks a connection before each use and replaces a dead one
#[test]
fn pg_a_connection_killed_by_the_server_is_replaced_before_the_next_query() {
    let Some(url) = pg_url() else { return };
    let _shared = setup();
    let conn = SqlConnection::open("killed", &url).unwrap();
    let pid = || {
        conn.query("SELECT pg_backend_pid() AS pid", ())
            .ttl(Duration::ZERO)
            .try_fetch()
            .unwrap()
            .to_csv()
    };
    let before = pid();
    let number: i64 = before.lines().nth(1).unwrap().parse().unwrap();
    let probe = SqlConnection::open("killer", &url).unwrap();
    let killed = probe
        .query("SELECT pg_terminate_backend($1::int) AS killed", (number,))
        .ttl(Duration::ZERO)
        .try_fetch()
        .unwrap();
    assert_eq!(killed.to_csv(), "killed\ntrue\n");
    let after = pid();
    assert_ne!(before, after, "a new server connection answers");
}

// ----------------------------------------------------------------- secrets

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Subsection {
    email: String,
}

// secrets_test.py::test_access_secrets, test_access_secrets_via_attribute,
// AttrDictTest::test_attr_dict_to_dict (a table read whole is the
// caller's copy)
#[test]
fn secrets_are_read_at_the_top_nested_and_as_whole_tables() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        let secrets = st.secrets();
        st.text(secrets.get::<String>("db_username").unwrap());
        st.text(secrets.get::<String>("subsection.email").unwrap());
        st.text(
            secrets
                .get::<i64>("subsection.deeper.level")
                .unwrap()
                .to_string(),
        );
        let mut whole: Subsection = secrets.get("subsection").unwrap();
        whole.email = "changed".to_owned();
        let again: Subsection = secrets.get("subsection").unwrap();
        st.text(again.email);
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(
        at.text(),
        ["Jane", "eng@streamlit.io", "3", "eng@streamlit.io"]
    );
}

// secrets_test.py::test_getattr_nonexistent, test_getitem_nonexistent
#[test]
fn a_missing_secret_is_named_by_its_whole_dotted_key() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        for key in [
            "nonexistent_secret",
            "subsection.nonexistent_secret",
            "db_username.inner",
        ] {
            match st.secrets().get::<String>(key) {
                Ok(value) => st.text(value),
                Err(error) => st.error(error.to_string()),
            }
        }
        st.text("alive");
    });
    at.run();
    assert_eq!(at.text(), ["alive"]);
    let errors = at.error();
    for (error, key) in errors.iter().zip([
        "nonexistent_secret",
        "subsection.nonexistent_secret",
        "db_username.inner",
    ]) {
        assert!(
            error.contains(&format!("\"{key}\"")) && error.contains("secrets.toml"),
            "{error}"
        );
        assert!(!error.contains("Jane"), "no value is shown: {error}");
    }
    assert_eq!(errors.len(), 3);
}

// secrets_test.py::test_getattr_nonexistent (a nested secret read as the
// wrong type): the error names the key and the kind, never the value
#[test]
fn a_secret_of_the_wrong_type_is_named_by_its_key_and_never_shown() {
    let _shared = setup();
    let mut at = AppTest::new(|st: &St| {
        let secrets = st.secrets();
        let errors = [
            secrets.get::<String>("subsection").unwrap_err(),
            secrets.get::<i64>("subsection.email").unwrap_err(),
            secrets.get::<bool>("api_token").unwrap_err(),
        ];
        for error in errors {
            st.error(error.to_string());
        }
        // An unwrap in the script: an exception box, and the app lives.
        let _: u8 = secrets.get("api_token").unwrap();
    });
    at.run();
    let errors = at.error();
    assert!(
        errors[0].contains("\"subsection\"") && errors[0].contains("a table"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("\"subsection.email\"") && errors[1].contains("a string"),
        "{}",
        errors[1]
    );
    assert!(!errors[1].contains("eng@"), "{}", errors[1]);
    assert!(errors[2].contains("\"api_token\""), "{}", errors[2]);
    let exception = at.exception().join("\n");
    assert!(exception.contains("api_token"), "{exception}");
    assert!(
        !at.tree().to_ron().contains(SECRET),
        "no secret value shown"
    );
}

// secrets_test.py::test_reload_secrets_when_file_changes;
// base_connection_test.py::test_on_secrets_changed and
// test_on_secrets_changed_when_nothing_changed. brook reads its secrets
// files once per process (no file watcher); replacing the secrets
// (`set_secrets`) is seen by the next run, and a connection whose settings
// changed is made anew while an unchanged one is kept.
#[test]
fn replaced_secrets_are_read_by_the_next_run_and_changed_settings_connect_anew() {
    let _shared = setup();
    for (name, label) in [("swap_one", "one"), ("swap_two", "two")] {
        seed(
            name,
            &[
                "CREATE TABLE IF NOT EXISTS which (label TEXT)",
                "DELETE FROM which",
                &format!("INSERT INTO which VALUES ('{label}')"),
            ],
        );
    }
    let section = |value: &str, db: &str| {
        format!(
            "[swap]\nvalue = \"{value}\"\n\n[connections.swapped]\nurl = \"{}\"\n",
            sqlite_url(db)
        )
    };
    swap_section("swap", section("first", "swap_one"));
    let mut at = AppTest::new(|st: &St| {
        st.text(st.secrets().get::<String>("swap.value").unwrap());
        let t = st
            .connection("swapped")
            .query("SELECT label FROM which", ())
            .fetch();
        st.text(t.to_csv());
    });
    at.run();
    assert_eq!(at.text(), ["first", "label\none\n"]);
    assert!(connected(&at));
    swap_section("swap", section("second", "swap_one"));
    at.run();
    assert_eq!(at.text(), ["second", "label\none\n"]);
    assert!(!connected(&at), "the connection's settings did not change");
    swap_section("swap", section("second", "swap_two"));
    at.run();
    assert_eq!(at.text(), ["second", "label\ntwo\n"]);
    assert!(connected(&at), "a changed URL connects anew");
}

// ------------------------------------------------------- the secrets files

const CHILD: &str = "BROOK_PORT_SECRETS_CHILD";

/// Whether this process is the child a secrets-file test started.
fn in_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// A fresh app folder with `app` as `.brook/secrets.toml` and `config` as
/// brook's config-folder secrets (each when given).
fn app_folder(name: &str, app: Option<&[u8]>, config: Option<&[u8]>) -> PathBuf {
    let dir = scratch().join(name);
    std::fs::create_dir_all(dir.join("home")).unwrap();
    if let Some(bytes) = app {
        std::fs::create_dir_all(dir.join(".brook")).unwrap();
        std::fs::write(dir.join(".brook/secrets.toml"), bytes).unwrap();
    }
    if let Some(bytes) = config {
        std::fs::create_dir_all(dir.join("config/brook")).unwrap();
        std::fs::write(dir.join("config/brook/secrets.toml"), bytes).unwrap();
    }
    dir
}

/// Runs the test `test` of this binary in a child process working in
/// `dir`, with `dir/config` as its config folder; fails when it fails.
fn run_child(test: &str, dir: &Path) {
    run_child_with(test, dir, &[]);
}

/// [`run_child`], then checks that the child left the files of `dir`'s
/// `.brook` folder as they were (a file it cannot read is untouched,
/// nothing is added beside it).
fn run_child_leaving_files_as_they_are(test: &str, dir: &Path) {
    let before = files_in(dir);
    run_child(test, dir);
    assert_eq!(
        files_in(dir),
        before,
        "the file is untouched, nothing added"
    );
}

/// [`run_child`] with environment variables `vars` set in the child.
fn run_child_with(test: &str, dir: &Path, vars: &[(&str, &str)]) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .current_dir(dir)
        .env(CHILD, "1")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", dir.join("home"))
        .envs(vars.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the child run of {test} failed:\n{stdout}\n{stderr}"
    );
}

/// The files under `dir/.brook`, with their bytes.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join(".brook"))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The app of the secrets-file tests: reads a secret, then connects.
fn secrets_file_app(st: &St) {
    match st.secrets().get::<String>("api.token") {
        Ok(token) => st.text(format!("token of {} characters", token.len())),
        Err(error) => st.error(error.to_string()),
    }
    st.text("alive");
    let conn = st.connection("orders");
    st.text(format!("connected {}", conn.name()));
}

// secrets_test.py::test_missing_toml_error,
// MultipleSecretsFilesTest::test_no_secrets_files_explodes ("No secrets
// found. Valid paths for a secrets.toml file ...: /mock1/..., /mock2/...")
#[test]
fn no_secrets_file_is_a_clear_error_naming_where_brook_looked() {
    const TEST: &str = "no_secrets_file_is_a_clear_error_naming_where_brook_looked";
    if in_child() {
        let mut at = AppTest::new(secrets_file_app);
        for _ in 0..2 {
            at.run();
            assert_eq!(at.text(), ["alive"], "the app lives");
            let error = at.error().join("\n");
            assert!(error.contains("\"api.token\""), "{error}");
            assert!(
                error.contains("config/brook/secrets.toml")
                    && error.contains(".brook/secrets.toml"),
                "both places are named: {error}"
            );
            let exception = at.exception().join("\n");
            assert!(
                exception.contains("[connections.orders]")
                    && exception.contains(".brook/secrets.toml"),
                "{exception}"
            );
        }
        return;
    }
    let dir = app_folder("no_file", None, None);
    run_child(TEST, &dir);
    assert!(!dir.join(".brook").exists(), "no secrets file is made");
}

// secrets_test.py::test_malformed_toml_error ("Error parsing secrets file
// at /mock/secrets.toml: ... (line 1 column 13 char 12)")
#[test]
fn a_malformed_secrets_file_is_a_clear_error_and_is_left_as_it_is() {
    const TEST: &str = "a_malformed_secrets_file_is_a_clear_error_and_is_left_as_it_is";
    if in_child() {
        let mut at = AppTest::new(secrets_file_app);
        for _ in 0..2 {
            at.run();
            assert_eq!(at.text(), ["alive"], "the app lives");
            let error = at.error().join("\n");
            assert!(
                error.contains(".brook/secrets.toml") && error.contains("line 4"),
                "the file and the line: {error}"
            );
            let exception = at.exception().join("\n");
            assert!(
                exception.contains("\"orders\"") && exception.contains(".brook/secrets.toml"),
                "{exception}"
            );
            let tree = at.tree().to_ron();
            assert!(!tree.contains(SECRET), "no secret is quoted:\n{tree}");
        }
        return;
    }
    let text = format!(
        "[api]\ntoken = \"{SECRET}\"\n[connections.orders]\nurl = \"postgresql://app:{SECRET}@db/x\n"
    );
    let dir = app_folder("malformed", Some(text.as_bytes()), None);
    run_child_leaving_files_as_they_are(TEST, &dir);
}

// secrets_test.py::test_malformed_toml_error, for a file that cannot be read
// as text at all (bytes that are not UTF-8)
#[test]
fn an_unreadable_secrets_file_is_a_clear_error_and_is_left_as_it_is() {
    const TEST: &str = "an_unreadable_secrets_file_is_a_clear_error_and_is_left_as_it_is";
    if in_child() {
        let mut at = AppTest::new(secrets_file_app);
        at.run();
        assert_eq!(at.text(), ["alive"], "the app lives");
        let error = at.error().join("\n");
        assert!(
            error.contains(".brook/secrets.toml") && error.contains("UTF-8"),
            "the file and why: {error}"
        );
        assert!(
            !error.contains("line 0") && !error.contains("not valid TOML"),
            "a file that cannot be read is not called a TOML mistake: {error}"
        );
        assert!(at.exception().join("\n").contains("\"orders\""));
        return;
    }
    let dir = app_folder("unreadable", Some(b"[api]\ntoken = \"\xff\xfe\"\n"), None);
    run_child_leaving_files_as_they_are(TEST, &dir);
}

// MultipleSecretsFilesTest::test_only_one_secrets_file_fine and
// test_secret_overwriting: the app folder's file wins over the config
// folder's. brook differs in one point: a table in both files is merged
// key by key, where Streamlit takes the later file's table whole.
#[test]
fn the_app_folders_secrets_win_and_one_file_is_enough() {
    const TEST: &str = "the_app_folders_secrets_win_and_one_file_is_enough";
    if in_child() {
        let mut at = AppTest::new(|st: &St| {
            let secrets = st.secrets();
            st.text(secrets.get::<String>("api.token").unwrap());
            st.text(secrets.get::<String>("api.region").unwrap());
            st.text(st.connection("orders").name().to_owned());
        });
        at.run();
        assert!(at.exception().is_empty(), "{:?}", at.exception());
        assert_eq!(at.text(), ["from the app", "eu", "orders"]);
        return;
    }
    let dir = app_folder(
        "two_files",
        Some(b"[api]\ntoken = \"from the app\"\n"),
        Some(
            b"[api]\ntoken = \"from the config folder\"\nregion = \"eu\"\n\
              [connections.orders]\nurl = \"sqlite://:memory:\"\n",
        ),
    );
    run_child(TEST, &dir);
}

// connection_factory_test.py::test_can_set_connection_name_via_env_var
#[test]
fn an_env_name_takes_the_connection_name_from_the_environment() {
    const TEST: &str = "an_env_name_takes_the_connection_name_from_the_environment";
    if in_child() {
        let mut at = AppTest::new(|st: &St| {
            let conn = st.connection("env:BROOK_PORT_CONNECTION");
            st.text(conn.name().to_owned());
            let other = st.connection_or("env:BROOK_PORT_CONNECTION", "sqlite://:memory:");
            st.text(other.url().to_owned());
            if let Err(error) = st.try_connection("env:BROOK_PORT_UNSET") {
                st.error(error.to_string());
            }
        });
        at.run();
        assert!(at.exception().is_empty(), "{:?}", at.exception());
        assert_eq!(at.text()[0], "staging");
        assert!(at.text()[1].ends_with("staging.db"), "{}", at.text()[1]);
        let error = at.error().join("\n");
        assert!(
            error.contains("BROOK_PORT_UNSET") && error.contains("not set"),
            "{error}"
        );
        return;
    }
    let dir = app_folder(
        "env_name",
        Some(b"[connections.staging]\nurl = \"sqlite://staging.db\"\n"),
        None,
    );
    run_child_with(TEST, &dir, &[("BROOK_PORT_CONNECTION", "staging")]);
}

// A new user's trial: a malformed secrets.toml fixed while the app runs
// is read again after "Clear caches" (what the window's Clear caches and
// Ctrl+Shift+C do: clear every cache and reload the secrets), without a
// restart. Streamlit watches the file; brook reads it again on request.
#[test]
fn a_fixed_secrets_file_is_read_again_after_clearing_the_caches() {
    const TEST: &str = "a_fixed_secrets_file_is_read_again_after_clearing_the_caches";
    if in_child() {
        let mut at = AppTest::new(|st: &St| match st.secrets().get::<String>("api.token") {
            Ok(token) => st.text(format!("token of {} characters", token.len())),
            Err(error) => st.error(error.to_string()),
        });
        at.run();
        assert!(at.text().is_empty(), "{:?}", at.text());
        assert!(
            at.error().join("\n").contains("secrets.toml"),
            "{:?}",
            at.error()
        );
        std::fs::write(".brook/secrets.toml", "[api]\ntoken = \"abcd\"\n").unwrap();
        at.run();
        assert!(at.text().is_empty(), "read once: the old error stays");
        brook::caching::clear_all();
        brook::connection::reload_secrets();
        at.run();
        assert_eq!(at.text(), ["token of 4 characters"]);
        return;
    }
    let dir = app_folder("fixed", Some(b"[api\ntoken = 1"), None);
    run_child(TEST, &dir);
}
