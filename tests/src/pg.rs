//! The PostgreSQL server of the connection tests (tests/connection.rs,
//! tests/connection_streamlit_port.rs): `BROOK_TEST_PG_URL`, set by
//! `scripts/pg_test_server.sh start` (scripts/test.sh runs it).

/// The URL of the test server, or `None` when `BROOK_TEST_PG_LATER=1` says
/// scripts/test.sh runs the PostgreSQL tests later with a server.
///
/// `test` names the test binary (`connection`), for the message.
///
/// # Panics
/// When no server is given (or brook-tests is built without its
/// `postgres` feature) and the tests are not deferred: a missing server
/// never passes silently.
pub fn url(test: &str) -> Option<String> {
    let url = std::env::var("BROOK_TEST_PG_URL").ok();
    if cfg!(feature = "postgres")
        && let Some(url) = url
    {
        return Some(url);
    }
    if std::env::var("BROOK_TEST_PG_LATER").as_deref() == Ok("1") {
        eprintln!("deferred: scripts/test.sh runs the PostgreSQL tests with a server after this");
        return None;
    }
    panic!(
        "this PostgreSQL test needs a server: run scripts/test.sh (it starts one), or start one \
         yourself and run BROOK_TEST_PG_URL=postgresql://user@127.0.0.1:PORT/db \
         BROOK_TEST_PG_RESTART='pg_ctl -D DIR restart -w' cargo test -p brook-tests --features \
         postgres --test {test}"
    );
}
