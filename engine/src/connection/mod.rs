//! Connections to databases, as Streamlit's `st.connection("sql")`: a
//! connection made once per process and shared, queries that return a
//! [`Table`] and are cached, writes that clear the cache, and credentials
//! kept in `secrets.toml`.
//!
//! ```toml
//! # .brook/secrets.toml in the app's folder
//! [connections.orders]
//! url = "postgresql://app:password@db.internal:5432/sales"
//! ```
//!
//! ```no_run
//! # fn script(st: &brook_engine::St) {
//! let conn = st.connection("orders");
//! let open = conn
//!     .query("SELECT id, customer, total FROM orders WHERE status = $1", ("open",))
//!     .ttl("10m")
//!     .fetch();
//! conn.execute("UPDATE orders SET status = $1 WHERE id = $2", ("shipped", 7)).ok();
//! # }
//! ```
//!
//! **Backends.** The URL picks one: `sqlite://path/to/file.db` (relative to
//! the working directory; `sqlite:///abs/path.db` for an absolute path,
//! `sqlite://:memory:` for a private in-memory database), compiled into
//! brook so nothing needs installing; `postgresql://user:password@host:port/db`
//! (or `postgres://`) with brook's `postgres` feature: a pool of
//! connections, each checked before use, so a server restart is survived.
//! TLS is not offered yet: use a local server, a private network or a
//! tunnel.
//!
//! **Settings** in `[connections.<name>]`: `url`, or its parts as
//! Streamlit reads them (a `url` wins over parts):
//!
//! ```toml
//! [connections.orders]
//! dialect = "postgresql"      # or "sqlite", with database = "orders.db"
//! host = "db.internal"        # required for PostgreSQL
//! port = 5432                 # optional
//! database = "sales"          # optional for PostgreSQL
//! username = "app"            # required for PostgreSQL
//! password = "p@ss word"      # optional; escaped into the URL for you
//! ```
//!
//! and `connect_timeout_secs` (5), `query_timeout_secs` (none: queries may
//! run as long as they need; the stop button always cancels them),
//! `pool_size` (PostgreSQL, 4). A missing part, a setting of the wrong type
//! or one brook does not read is an error naming its key
//! (`connections.orders.host`).
//!
//! **Types.** Results are Arrow columns. PostgreSQL: `bool`; `int2`, `int4`,
//! `int8` as 16-, 32- and 64-bit integers; `float4`, `float8`; `numeric` as
//! `Decimal128(38, s)` with `s` the largest scale in the column, or as
//! `Float64` when a value is NaN, infinite or wider than 38 digits; text
//! types, `json`, `jsonb`, `uuid` and enums as text; `bytea` as binary;
//! `date`; `time`; `timestamp` as a naive timestamp and `timestamptz` as a
//! timestamp in UTC (microseconds). Other types are an error naming the
//! column: cast them in the query (`col::text`). SQLite: columns follow the
//! values (integers, reals, text, blobs; integers and reals together are
//! floats; any other mix is text), and the declared type refines them: a
//! `BOOLEAN` column of 0 and 1 is boolean, `DATE` text is a date,
//! `TIMESTAMP` or `DATETIME` text is a timestamp (in UTC when the text has
//! an offset), `NUMERIC` and `DECIMAL` are floats (SQLite stores them as
//! numbers, not decimals). A column of nulls takes its declared type.
//!
//! **Caching.** `query(..)` results are cached by SQL text and parameters,
//! per connection, with the `cache_data` machinery: `ttl`, `max_entries`,
//! the spinner, "Clear caches" in the window. A write through
//! [`SqlConnection::execute`] or a committed
//! [`SqlConnection::transaction`] clears every cached query of that
//! connection (not only those naming the written table: a view, a
//! trigger or a foreign key can change what any query returns).
//!
//! **Errors** keep the app alive: [`Query::fetch`] and `st.connection` show
//! an exception box and end the run (as Streamlit raises), the `try_`
//! forms return a [`ConnectionError`]. Messages name the connection, what
//! the database said and the query's first line; passwords and other
//! secrets never appear in them.

mod secrets;
mod sqlite;
mod value;

#[cfg(feature = "postgres")]
mod postgres;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ahash::HashMap;
use parking_lot::Mutex;

pub use secrets::{Secrets, SecretsError, reload_secrets, secrets, set_secrets};
pub use value::{Params, SqlValue};

use crate::BrookError;
use crate::caching::{
    CacheCell, CacheKey, FunctionCache, FunctionInfo, KeyHasher, Kind, RefreshMode,
};
use crate::data::Table;
use crate::script_runner::St;

/// Why a connection, a query or a write failed. Messages name the
/// connection and, for queries, the first line of the SQL; they never
/// hold a password or any other secret's value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectionError {
    /// No `[connections.<name>]` in the secrets.
    #[error(
        "no connection \"{name}\" is configured: add a [connections.{name}] table with \
         url = \"sqlite://app.db\" (or a postgresql:// URL) to .brook/secrets.toml ({looked_in})"
    )]
    NotConfigured {
        /// The connection's name.
        name: String,
        /// The secrets files read.
        looked_in: String,
    },
    /// The secrets could not be read.
    #[error("connection \"{name}\": {error}")]
    Secrets {
        /// The connection's name.
        name: String,
        /// What went wrong.
        error: SecretsError,
    },
    /// The URL is not one brook reads.
    #[error("connection \"{name}\" has a URL brook cannot use ({url}): {problem}")]
    BadUrl {
        /// The connection's name.
        name: String,
        /// The URL with its password replaced by `•••`.
        url: String,
        /// What is wrong, and what to write instead.
        problem: String,
    },
    /// The database could not be reached or opened (refused, unknown host,
    /// wrong password, not a database file, timed out connecting).
    #[error("connection \"{name}\" cannot reach the database at {url}: {message}")]
    Connect {
        /// The connection's name.
        name: String,
        /// The URL with its password replaced by `•••`.
        url: String,
        /// What the driver said.
        message: String,
    },
    /// The database refused or failed the statement.
    #[error("the query on connection \"{name}\" failed: {message}\n    query: {query}")]
    Query {
        /// The connection's name.
        name: String,
        /// What the database said.
        message: String,
        /// The first line of the SQL.
        query: String,
    },
    /// The statement ran past the connection's `query_timeout_secs` and was
    /// cancelled.
    #[error(
        "the query on connection \"{name}\" ran longer than its timeout of {timeout_ms} ms and was \
         cancelled\n    query: {query}"
    )]
    Timeout {
        /// The connection's name.
        name: String,
        /// The timeout.
        timeout_ms: u64,
        /// The first line of the SQL.
        query: String,
    },
    /// The stop button was pressed while the statement ran; it was
    /// cancelled on the server.
    #[error("the query on connection \"{name}\" was stopped\n    query: {query}")]
    Stopped {
        /// The connection's name.
        name: String,
        /// The first line of the SQL.
        query: String,
    },
    /// The rows could not become a table (a column of a type brook does not
    /// read).
    #[error(
        "the result of the query on connection \"{name}\" cannot be shown: {message}\n    query: {query}"
    )]
    Result {
        /// The connection's name.
        name: String,
        /// What is wrong, and what to do.
        message: String,
        /// The first line of the SQL.
        query: String,
    },
    /// A setting or option is wrong: a ttl brook cannot read, a
    /// `[connections.<name>]` setting brook does not read, an `env:` name
    /// whose variable is not set.
    #[error("{message}")]
    Option {
        /// What is wrong.
        message: String,
    },
    /// The connection was closed ("Clear caches" or [`SqlConnection::close`]).
    #[error("connection \"{name}\" is closed; call st.connection(\"{name}\") again for a new one")]
    Closed {
        /// The connection's name.
        name: String,
    },
}

/// What a backend says went wrong, before the connection's name and the
/// query are added.
#[derive(Debug)]
pub(crate) enum DbError {
    BadUrl(String),
    Connect(String),
    Query(String),
    Result(String),
    /// Interrupted by the watcher: stop or timeout, told apart by [`Watch`].
    Interrupted,
    Stopped,
    TimedOut,
}

/// What may interrupt a statement: the run's stop flag and a deadline.
pub(crate) struct Watch {
    pub(crate) stop: Option<Arc<AtomicBool>>,
    pub(crate) deadline: Option<Instant>,
}

impl Watch {
    fn new(timeout: Option<Duration>) -> Self {
        Self {
            stop: crate::script_runner::stop_flag(),
            deadline: timeout.map(|t| Instant::now() + t),
        }
    }

    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Acquire))
    }

    /// Tells an interruption apart: the stop button, or the timeout.
    pub(crate) fn classify(&self, error: DbError) -> DbError {
        match error {
            DbError::Interrupted if self.stopped() => DbError::Stopped,
            DbError::Interrupted => DbError::TimedOut,
            other => other,
        }
    }

    /// Runs `work`; while it runs, a watcher thread calls `cancel` once
    /// when the stop button is pressed or the deadline passes.
    #[cfg_attr(
        not(feature = "postgres"),
        allow(dead_code, reason = "used by the PostgreSQL backend")
    )]
    pub(crate) fn guard<R>(
        &self,
        cancel: impl FnOnce() + Send + 'static,
        work: impl FnOnce() -> Result<R, DbError>,
    ) -> Result<R, DbError> {
        if self.stop.is_none() && self.deadline.is_none() {
            return work();
        }
        let (done_tx, done_rx) = crossbeam_channel::bounded::<()>(1);
        let stop = self.stop.clone();
        let deadline = self.deadline;
        let watcher = std::thread::Builder::new()
            .name("brook-sql-watch".to_owned())
            .spawn(move || {
                loop {
                    match done_rx.recv_timeout(Duration::from_millis(25)) {
                        Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
                        _ => return,
                    }
                    let stopped = stop.as_ref().is_some_and(|s| s.load(Ordering::Acquire));
                    if stopped || deadline.is_some_and(|d| Instant::now() >= d) {
                        cancel();
                        return;
                    }
                }
            });
        let result = work();
        let _ = done_tx.send(());
        if let Ok(watcher) = watcher {
            let _ = watcher.join();
        }
        result.map_err(|error| self.classify(error))
    }
}

enum Backend {
    Sqlite(sqlite::Db),
    #[cfg(feature = "postgres")]
    Postgres(postgres::Db),
}

/// The settings of one connection, from `[connections.<name>]` or given
/// in code ([`SqlConnection::open`]).
#[derive(Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectionConfig {
    /// `sqlite://path.db` or `postgresql://user:password@host:port/db`.
    pub url: String,
    /// How long to wait for the database to answer a connection (and, for
    /// SQLite, for a lock held by another process). Default 5.
    #[serde(default)]
    pub connect_timeout_secs: Option<f64>,
    /// Queries and writes running longer than this are cancelled. Default:
    /// no limit.
    #[serde(default)]
    pub query_timeout_secs: Option<f64>,
    /// PostgreSQL: the most connections kept open at once. Default 4.
    #[serde(default)]
    pub pool_size: Option<u32>,
}

impl std::fmt::Debug for ConnectionConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectionConfig")
            .field("url", &redact_url(&self.url))
            .field("connect_timeout_secs", &self.connect_timeout_secs)
            .field("query_timeout_secs", &self.query_timeout_secs)
            .field("pool_size", &self.pool_size)
            .finish()
    }
}

impl ConnectionConfig {
    /// Settings with `url` and every default.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            connect_timeout_secs: None,
            query_timeout_secs: None,
            pool_size: None,
        }
    }
}

struct Inner {
    name: String,
    backend: Backend,
    /// The URL with its password replaced, for messages.
    shown_url: String,
    /// Texts to scrub from driver messages (the password, the URL).
    secret_texts: Vec<String>,
    query_timeout: Option<Duration>,
    /// Identity of the connection's settings: its query caches are found
    /// again by it after the connection is made anew.
    key: u64,
    closed: AtomicBool,
    caches: Mutex<HashMap<CacheConfig, &'static FunctionCache<QueryResult>>>,
}

/// A connection to one database, shared by every session of the process
/// (`st.connection` makes it once, as `cache_resource` does). Cheap to
/// clone; `Send` and `Sync`.
///
/// ```
/// use brook_engine::connection::SqlConnection;
/// let conn = SqlConnection::open("doc", "sqlite://:memory:").unwrap();
/// conn.execute("CREATE TABLE t (x INTEGER)", ()).unwrap();
/// conn.execute("INSERT INTO t VALUES ($1), ($2)", (1, 2)).unwrap();
/// let table = conn.query("SELECT sum(x) AS total FROM t", ()).try_fetch().unwrap();
/// assert_eq!(table.len(), 1);
/// ```
#[derive(Clone)]
pub struct SqlConnection {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SqlConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqlConnection")
            .field("name", &self.inner.name)
            .field("url", &self.inner.shown_url)
            .finish_non_exhaustive()
    }
}

/// A cached query's value: the table, or the error (not kept: an entry
/// holding an error is dropped at the next lookup).
type QueryResult = Result<Table, ConnectionError>;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct CacheConfig {
    ttl: Option<Duration>,
    max_entries: Option<usize>,
    spinner: Option<String>,
}

/// What a password is shown as in URLs and messages (not `***`, which
/// markdown reads as emphasis when a URL is put in a caption).
const HIDDEN: &str = "•••";

/// The scheme, the user information (`user:password`) and what follows
/// the host's `@` in a URL with user information. The user information
/// ends at the last `@`: a password may hold `/`, `?` or `@` unencoded,
/// and it must never be shown because of that. SQLite URLs are paths and
/// have none.
fn userinfo(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.eq_ignore_ascii_case("sqlite") {
        return None;
    }
    let at = rest.rfind('@')?;
    Some((scheme, rest.get(..at)?, rest.get(at + 1..)?))
}

/// `url` with the password (and any `password=` parameter) replaced by
/// `•••`.
fn redact_url(url: &str) -> String {
    let mut shown = match userinfo(url) {
        Some((scheme, info, after)) => match info.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:{HIDDEN}@{after}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    };
    // From the last, so the earlier ranges stay where they are.
    for value in password_params(&shown).into_iter().rev() {
        shown.replace_range(value, HIDDEN);
    }
    shown
}

/// Where the values of `password=` parameters are in `text` (byte ranges,
/// in order).
fn password_params(text: &str) -> Vec<std::ops::Range<usize>> {
    text.match_indices("password=")
        .map(|(at, key)| {
            let start = at + key.len();
            let end = text
                .get(start..)
                .and_then(|rest| rest.find('&'))
                .map_or(text.len(), |i| start + i);
            start..end
        })
        .collect()
}

/// The password of a URL as written and percent-decoded, and any
/// `password=` parameter's value, to scrub them from driver messages.
fn url_passwords(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some((_, info, _)) = userinfo(url)
        && let Some((_, password)) = info.split_once(':')
        && !password.is_empty()
    {
        found.push(password.to_owned());
    }
    found.extend(
        password_params(url)
            .into_iter()
            .filter_map(|value| url.get(value))
            .filter(|value| !value.is_empty())
            .map(str::to_owned),
    );
    let decoded: Vec<String> = found
        .iter()
        .map(|text| unescape(text))
        .filter(|text| !found.contains(text))
        .collect();
    found.extend(decoded);
    found
}

fn first_line(sql: &str) -> String {
    let line = sql.trim().lines().next().unwrap_or_default().trim();
    if line.chars().count() > 120 {
        format!("{}…", line.chars().take(120).collect::<String>())
    } else {
        line.to_owned()
    }
}

fn secs(
    value: Option<f64>,
    default: Option<Duration>,
    name: &str,
    what: &str,
) -> Result<Option<Duration>, ConnectionError> {
    match value {
        None => Ok(default),
        Some(v) => Duration::try_from_secs_f64(v)
            .ok()
            .filter(|d| !d.is_zero())
            .map(Some)
            .ok_or_else(|| ConnectionError::Option {
                message: format!(
                    "connection \"{name}\": {what} must be a positive number of seconds, not {v}"
                ),
            }),
    }
}

impl SqlConnection {
    /// Opens a connection named `name` to `url` now, outside the shared
    /// cache (for tools, tests and benchmarks; scripts use
    /// `st.connection`).
    ///
    /// # Errors
    /// [`ConnectionError::BadUrl`] for a URL brook does not read,
    /// [`ConnectionError::Connect`] when the database cannot be reached.
    pub fn open(name: &str, url: &str) -> Result<Self, ConnectionError> {
        Self::open_with(name, &ConnectionConfig::new(url))
    }

    /// [`SqlConnection::open`] with all the settings.
    ///
    /// # Errors
    /// As [`SqlConnection::open`], and [`ConnectionError::Option`] for a
    /// timeout that is not a positive number.
    pub fn open_with(name: &str, config: &ConnectionConfig) -> Result<Self, ConnectionError> {
        let url = config.url.trim();
        let shown_url = redact_url(url);
        let mut secret_texts: Vec<String> = url_passwords(url);
        secret_texts.push(url.to_owned());
        let connect_timeout = secs(
            config.connect_timeout_secs,
            Some(Duration::from_secs(5)),
            name,
            "connect_timeout_secs",
        )?
        .unwrap_or(Duration::from_secs(5));
        let query_timeout = secs(config.query_timeout_secs, None, name, "query_timeout_secs")?;
        let fail = |error: DbError| match error {
            DbError::BadUrl(problem) => ConnectionError::BadUrl {
                name: name.to_owned(),
                url: shown_url.clone(),
                problem: scrub(&problem, &secret_texts),
            },
            other => ConnectionError::Connect {
                name: name.to_owned(),
                url: shown_url.clone(),
                message: scrub(&db_message(other), &secret_texts),
            },
        };
        let backend = if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(fail(DbError::BadUrl(
                    "it names no file: write sqlite://app.db, sqlite:///absolute/path.db or sqlite://:memory:".to_owned(),
                )));
            }
            Backend::Sqlite(sqlite::Db::open(path, connect_timeout).map_err(fail)?)
        } else if url.starts_with("postgresql://") || url.starts_with("postgres://") {
            #[cfg(feature = "postgres")]
            {
                Backend::Postgres(
                    postgres::Db::open(url, connect_timeout, config.pool_size.unwrap_or(4))
                        .map_err(fail)?,
                )
            }
            #[cfg(not(feature = "postgres"))]
            {
                return Err(fail(DbError::BadUrl(
                    "PostgreSQL needs brook's `postgres` feature: in Cargo.toml, \
                     brook = { version = \"…\", features = [\"postgres\"] }"
                        .to_owned(),
                )));
            }
        } else {
            return Err(fail(DbError::BadUrl(
                "brook reads sqlite:// and postgresql:// URLs".to_owned(),
            )));
        };
        let mut hasher = KeyHasher::new();
        hasher.hash(name);
        hasher.hash(url);
        Ok(Self {
            inner: Arc::new(Inner {
                name: name.to_owned(),
                backend,
                shown_url,
                secret_texts,
                query_timeout,
                key: hasher.finish(),
                closed: AtomicBool::new(false),
                caches: Mutex::new(HashMap::default()),
            }),
        })
    }

    /// The connection's name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// `"sqlite"` or `"postgresql"`.
    pub fn backend(&self) -> &'static str {
        match self.inner.backend {
            Backend::Sqlite(_) => "sqlite",
            #[cfg(feature = "postgres")]
            Backend::Postgres(_) => "postgresql",
        }
    }

    /// The URL with its password replaced by `•••`.
    pub fn url(&self) -> &str {
        &self.inner.shown_url
    }

    /// A query returning rows: set its options, then [`Query::fetch`] it.
    /// `params` fill the placeholders `$1`, `$2`, ... in order; they are
    /// bound by the driver, never pasted into the SQL.
    #[must_use = "a query runs when fetched: call .fetch() or .try_fetch()"]
    pub fn query(&self, sql: &str, params: impl Params) -> Query<'_> {
        Query {
            conn: self,
            sql: sql.to_owned(),
            params: params.into_values(),
            ttl: Ok(None),
            max_entries: None,
            spinner: Some(DEFAULT_SPINNER.to_owned()),
        }
    }

    /// Runs a statement that changes data (`INSERT`, `UPDATE`, `DELETE`,
    /// `CREATE ...`) and returns the number of rows it changed. When it
    /// may have changed what a query reads, every cached query of this
    /// connection is cleared, so the next `query` reads the change: when
    /// it changed rows, or when it is not an `INSERT`, `UPDATE`, `DELETE`,
    /// `REPLACE` or `MERGE` (a `DROP`, `ALTER`, `TRUNCATE`, a `CREATE`),
    /// except a `CREATE ... IF NOT EXISTS`. A setup that creates its
    /// tables if they are missing and inserts rows `OR IGNORE` on every
    /// run keeps the cache.
    ///
    /// # Errors
    /// [`ConnectionError::Query`] with the database's message and the
    /// statement's first line; [`ConnectionError::Timeout`],
    /// [`ConnectionError::Stopped`], [`ConnectionError::Closed`].
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<u64, ConnectionError> {
        self.check_open()?;
        let params = params.into_values();
        let watch = Watch::new(self.inner.query_timeout);
        let result = match &self.inner.backend {
            Backend::Sqlite(db) => db.execute(sql, &params, &watch),
            #[cfg(feature = "postgres")]
            Backend::Postgres(db) => db.execute(sql, &params, &watch),
        };
        let changed = result.map_err(|error| self.error(error, sql))?;
        if may_change(sql, changed) {
            self.clear_cache();
        }
        Ok(changed)
    }

    /// Runs `body` in one transaction: committed when it returns `Ok`,
    /// rolled back when it returns an error or panics. A commit clears
    /// this connection's cached queries when a statement in it may have
    /// changed what they read (as [`SqlConnection::execute`] decides; a
    /// query in a transaction that is not a `SELECT` counts as a change).
    ///
    /// ```
    /// use brook_engine::connection::SqlConnection;
    /// let conn = SqlConnection::open("doc-tx", "sqlite://:memory:").unwrap();
    /// conn.execute("CREATE TABLE stock (item TEXT, n INTEGER)", ()).unwrap();
    /// conn.transaction(|tx| {
    ///     tx.execute("INSERT INTO stock VALUES ($1, $2)", ("pen", 3))?;
    ///     tx.execute("INSERT INTO stock VALUES ($1, $2)", ("ink", 5))?;
    ///     Ok(())
    /// })
    /// .unwrap();
    /// ```
    ///
    /// # Errors
    /// The first error of `body` (after the rollback), or the database's
    /// error beginning or committing.
    pub fn transaction<R>(
        &self,
        body: impl FnOnce(&mut Transaction<'_>) -> Result<R, ConnectionError>,
    ) -> Result<R, ConnectionError> {
        self.check_open()?;
        let value = match &self.inner.backend {
            Backend::Sqlite(db) => {
                let mut conn = db.lock();
                let tx = conn
                    .transaction()
                    .map_err(|e| self.error(DbError::from(e), "BEGIN"))?;
                let mut handle = Transaction {
                    conn: self,
                    tx: Tx::Sqlite(tx),
                    changed: false,
                };
                let value = body(&mut handle)?;
                let changed = handle.changed;
                handle.tx.commit().map_err(|e| self.error(e, "COMMIT"))?;
                (value, changed)
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres(db) => {
                let mut client = db.client().map_err(|e| self.error(e, "BEGIN"))?;
                let tx = client
                    .transaction()
                    .map_err(|e| self.error(postgres::error(e), "BEGIN"))?;
                let mut handle = Transaction {
                    conn: self,
                    tx: Tx::Postgres(tx),
                    changed: false,
                };
                let value = body(&mut handle)?;
                let changed = handle.changed;
                handle.tx.commit().map_err(|e| self.error(e, "COMMIT"))?;
                (value, changed)
            }
        };
        let (value, changed) = value;
        if changed {
            self.clear_cache();
        }
        Ok(value)
    }

    /// Clears this connection's cached query results (every ttl and
    /// option); other connections keep theirs.
    pub fn clear_cache(&self) {
        let caches: Vec<_> = self.inner.caches.lock().values().copied().collect();
        for cache in caches {
            cache.clear();
        }
    }

    /// Closes the connection: its cached queries are cleared and later
    /// calls fail with [`ConnectionError::Closed`]. PostgreSQL's pooled
    /// connections close when the last clone of this handle is dropped.
    /// `st.connection` closes a connection when the window's "Clear
    /// caches" releases it.
    pub fn close(&self) {
        self.inner.closed.store(true, Ordering::Release);
        self.clear_cache();
    }

    /// Whether [`SqlConnection::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.inner.closed.load(Ordering::Acquire)
    }

    fn check_open(&self) -> Result<(), ConnectionError> {
        if self.is_closed() {
            return Err(ConnectionError::Closed {
                name: self.inner.name.clone(),
            });
        }
        Ok(())
    }

    /// A backend error as the user sees it, secrets scrubbed.
    fn error(&self, error: DbError, sql: &str) -> ConnectionError {
        let name = self.inner.name.clone();
        let query = scrub(&first_line(sql), &self.inner.secret_texts);
        let scrubbed = |text: String| scrub(&text, &self.inner.secret_texts);
        match error {
            DbError::BadUrl(message) | DbError::Connect(message) => ConnectionError::Connect {
                name,
                url: self.inner.shown_url.clone(),
                message: scrubbed(message),
            },
            DbError::Query(message) => ConnectionError::Query {
                name,
                message: scrubbed(message),
                query,
            },
            DbError::Result(message) => ConnectionError::Result {
                name,
                message: scrubbed(message),
                query,
            },
            DbError::Stopped => ConnectionError::Stopped { name, query },
            DbError::TimedOut | DbError::Interrupted => ConnectionError::Timeout {
                name,
                timeout_ms: self
                    .inner
                    .query_timeout
                    .map_or(0, |t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX)),
                query,
            },
        }
    }

    fn run_query(&self, sql: &str, params: &[SqlValue], watch: &Watch) -> QueryResult {
        self.check_open()?;
        let batch = match &self.inner.backend {
            Backend::Sqlite(db) => db.query(sql, params, watch),
            #[cfg(feature = "postgres")]
            Backend::Postgres(db) => db.query(sql, params, watch),
        };
        batch
            .map(Table::from)
            .map_err(|error| self.error(error, sql))
    }

    /// The store of this connection's queries with these options.
    fn cache(&self, config: &CacheConfig) -> &'static FunctionCache<QueryResult> {
        let mut caches = self.inner.caches.lock();
        if let Some(cache) = caches.get(config) {
            return cache;
        }
        let cache = query_cache(self.inner.key, config);
        caches.insert(config.clone(), cache);
        cache
    }
}

/// Process-wide stores of query results by (connection, options): made
/// once each and kept, so a connection made anew finds its stores again.
/// Their number is bounded by the distinct option sets an app uses.
fn query_cache(connection: u64, config: &CacheConfig) -> &'static FunctionCache<QueryResult> {
    type Stores = HashMap<(u64, CacheConfig), &'static FunctionCache<QueryResult>>;
    static STORES: std::sync::OnceLock<Mutex<Stores>> = std::sync::OnceLock::new();
    let mut stores = STORES.get_or_init(Mutex::default).lock();
    if let Some(cache) = stores.get(&(connection, config.clone())) {
        return cache;
    }
    let cell: &'static CacheCell<QueryResult> = Box::leak(Box::new(CacheCell::new()));
    let spinner: Option<&'static str> = config
        .spinner
        .clone()
        .map(|text| &*Box::leak(text.into_boxed_str()));
    let ttl = config.ttl;
    let max_entries = config.max_entries;
    let cache = cell.get_or_init(
        || FunctionInfo {
            name: "query",
            module: "brook::connection",
            source_hash: connection,
            kind: Kind::Data,
            ttl,
            ttl_ignored: false,
            max_entries,
            spinner,
            show_time: true,
            session_scope: false,
            refresh: RefreshMode::Foreground,
        },
        None,
        Some(|result: &QueryResult| result.is_ok()),
        None,
    );
    stores.insert((connection, config.clone()), cache);
    cache
}

const DEFAULT_SPINNER: &str = "Running `query(...)`.";

/// Replaces each secret text in `text` by `•••`, the longest first (a
/// URL before the password inside it).
fn scrub(text: &str, secrets: &[String]) -> String {
    let mut secrets: Vec<&String> = secrets.iter().collect();
    secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    let mut text = text.to_owned();
    for secret in secrets {
        if secret.len() >= 3 && text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), HIDDEN);
        }
    }
    text
}

fn db_message(error: DbError) -> String {
    match error {
        DbError::BadUrl(m) | DbError::Connect(m) | DbError::Query(m) | DbError::Result(m) => m,
        DbError::Interrupted | DbError::TimedOut => "timed out".to_owned(),
        DbError::Stopped => "stopped".to_owned(),
    }
}

/// How long a query's result is kept: `"10m"`, `"1h30m"`, `"1.5 days"`,
/// `"30s"` (units d, h, m, s, ms), or a `Duration`.
pub trait IntoTtl {
    /// The duration, or what is wrong with the text.
    ///
    /// # Errors
    /// The text is not a number with a unit.
    fn into_ttl(self) -> Result<Duration, String>;
}

impl IntoTtl for Duration {
    fn into_ttl(self) -> Result<Duration, String> {
        Ok(self)
    }
}

impl IntoTtl for &str {
    fn into_ttl(self) -> Result<Duration, String> {
        parse_duration(self)
    }
}

/// Reads "10m", "1h30m", "1.5 days", "250ms".
fn parse_duration(text: &str) -> Result<Duration, String> {
    let original = text;
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("an empty ttl: write \"10m\", \"1h\" or \"30s\"".to_owned());
    }
    let mut total = 0_f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..number_len].parse().map_err(|_| {
            format!("cannot read the ttl \"{original}\": expected a number at \"{rest}\"")
        })?;
        rest = rest[number_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let seconds = match &rest[..unit_len] {
            "d" | "day" | "days" => 86_400.0,
            "h" | "hr" | "hour" | "hours" => 3_600.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "ms" | "millis" | "milliseconds" => 1e-3,
            "w" | "week" | "weeks" => 604_800.0,
            unit => {
                return Err(format!(
                    "cannot read the ttl \"{original}\": unknown unit \"{unit}\" (use d, h, m, s, ms)"
                ));
            }
        };
        rest = rest[unit_len..].trim_start();
        total += number * seconds;
    }
    Duration::try_from_secs_f64(total)
        .map_err(|_| format!("the ttl \"{original}\" is out of range"))
}

/// A query being set up: `conn.query(sql, params).ttl("10m").fetch()`.
///
/// Results are cached by the SQL text and the parameters (per connection
/// and per option set), as `cache_data`: a repeated query returns the
/// stored table without touching the database until its `ttl` passes, an
/// entry is evicted past `max_entries`, or a write clears the cache.
#[must_use = "a query runs when fetched: call .fetch() or .try_fetch()"]
pub struct Query<'c> {
    conn: &'c SqlConnection,
    sql: String,
    params: Vec<SqlValue>,
    ttl: Result<Option<Duration>, String>,
    max_entries: Option<usize>,
    spinner: Option<String>,
}

impl Query<'_> {
    /// How long the result is kept (`"10m"`, `"1h"`, a `Duration`); by
    /// default until cleared. A ttl of zero does not cache: every fetch
    /// runs the query, with no spinner.
    pub fn ttl(mut self, ttl: impl IntoTtl) -> Self {
        self.ttl = ttl.into_ttl().map(Some);
        self
    }

    /// The most results kept for this connection with these options; the
    /// least recently used goes first.
    pub fn max_entries(mut self, max_entries: usize) -> Self {
        self.max_entries = Some(max_entries);
        self
    }

    /// The spinner's text while the query runs (`true`: the default
    /// "Running `query(...)`.", `false`: no spinner).
    pub fn show_spinner(mut self, spinner: impl Into<Spinner>) -> Self {
        self.spinner = spinner.into().0;
        self
    }

    /// Runs the query (or returns its cached table).
    ///
    /// # Errors
    /// [`ConnectionError::Query`] (the database's message and the SQL's
    /// first line), [`ConnectionError::Result`], [`ConnectionError::Timeout`],
    /// [`ConnectionError::Stopped`], [`ConnectionError::Closed`],
    /// [`ConnectionError::Option`] for a ttl brook cannot read.
    pub fn try_fetch(self) -> Result<Table, ConnectionError> {
        let ttl = self
            .ttl
            .map_err(|message| ConnectionError::Option { message })?;
        if ttl.is_some_and(|t| t.is_zero()) {
            let watch = Watch::new(self.conn.inner.query_timeout);
            let result = self.conn.run_query(&self.sql, &self.params, &watch);
            if matches!(result, Err(ConnectionError::Stopped { .. })) && watch.stopped() {
                crate::script_runner::abort_stopped();
            }
            return result;
        }
        let config = CacheConfig {
            ttl,
            max_entries: self.max_entries,
            spinner: self.spinner,
        };
        let cache = self.conn.cache(&config);
        let mut hasher = KeyHasher::new();
        self.sql.cache_key(&mut hasher);
        self.params.cache_key(&mut hasher);
        let conn = self.conn;
        let (sql, params) = (&self.sql, &self.params);
        cache.get_or_compute(hasher.finish(), None, || {
            let watch = Watch::new(conn.inner.query_timeout);
            let result = conn.run_query(sql, params, &watch);
            if matches!(result, Err(ConnectionError::Stopped { .. })) && watch.stopped() {
                // Nothing is cached; the run ends as the stop button asks.
                crate::script_runner::abort_stopped();
            }
            result
        })
    }

    /// Runs the query (or returns its cached table); on an error, shows it
    /// as an exception box and ends the run, as a raised exception does in
    /// Streamlit. The app stays alive; the next run tries again.
    ///
    /// # Panics
    /// Outside a script run (no exception box to show), an error panics
    /// with its message: use [`Query::try_fetch`] there.
    pub fn fetch(self) -> Table {
        self.try_fetch().unwrap_or_else(|error| fail(&error))
    }
}

/// Ends the run with `error` shown as an exception.
fn fail(error: &dyn std::fmt::Display) -> ! {
    let message = error.to_string();
    if crate::script_runner::current_session_id().is_some() {
        crate::script_runner::fail_run(BrookError::Connection(message))
    } else {
        panic!("{message}")
    }
}

/// A query's spinner: `true` (the default text), `false` (none) or a text.
pub struct Spinner(Option<String>);

impl From<bool> for Spinner {
    fn from(show: bool) -> Self {
        Self(show.then(|| DEFAULT_SPINNER.to_owned()))
    }
}
impl From<&str> for Spinner {
    fn from(text: &str) -> Self {
        Self(Some(text.to_owned()))
    }
}
impl From<String> for Spinner {
    fn from(text: String) -> Self {
        Self(Some(text))
    }
}

enum Tx<'a> {
    Sqlite(rusqlite::Transaction<'a>),
    #[cfg(feature = "postgres")]
    Postgres(::postgres::Transaction<'a>),
}

impl Tx<'_> {
    fn commit(self) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().map_err(DbError::from),
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => tx.commit().map_err(postgres::error),
        }
    }
}

/// A transaction in progress ([`SqlConnection::transaction`]): its
/// statements see each other's changes; others see none until it commits.
/// Queries here are not cached.
pub struct Transaction<'a> {
    conn: &'a SqlConnection,
    tx: Tx<'a>,
    /// A statement may have changed what cached queries read.
    changed: bool,
}

/// The first keyword of a statement, upper case (comments skipped).
fn first_keyword(sql: &str) -> String {
    let mut rest = sql.trim_start();
    loop {
        if let Some(line) = rest.strip_prefix("--") {
            rest = line
                .split_once('\n')
                .map_or("", |(_, after)| after)
                .trim_start();
        } else if let Some(block) = rest.strip_prefix("/*") {
            rest = block
                .split_once("*/")
                .map_or("", |(_, after)| after)
                .trim_start();
        } else {
            break;
        }
    }
    rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// Whether a statement that changed `changed` rows may have changed what
/// a cached query reads (see [`SqlConnection::execute`]).
fn may_change(sql: &str, changed: u64) -> bool {
    if changed > 0 {
        return true;
    }
    match first_keyword(sql).as_str() {
        "INSERT" | "UPDATE" | "DELETE" | "REPLACE" | "MERGE" => false,
        "CREATE" => !sql.to_ascii_uppercase().contains("IF NOT EXISTS"),
        _ => true,
    }
}

impl Transaction<'_> {
    /// Runs a statement that changes data; returns the rows changed.
    ///
    /// # Errors
    /// [`ConnectionError::Query`] with the database's message.
    pub fn execute(&mut self, sql: &str, params: impl Params) -> Result<u64, ConnectionError> {
        let params = params.into_values();
        let result = match &mut self.tx {
            Tx::Sqlite(tx) => sqlite::execute_in(tx, sql, &params),
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => postgres::execute_in(tx, sql, &params),
        };
        let changed = result.map_err(|error| self.conn.error(error, sql))?;
        self.changed |= may_change(sql, changed);
        Ok(changed)
    }

    /// Runs a query inside the transaction (not cached).
    ///
    /// # Errors
    /// As [`Query::try_fetch`].
    pub fn query(&mut self, sql: &str, params: impl Params) -> Result<Table, ConnectionError> {
        let params = params.into_values();
        // `INSERT ... RETURNING` and the like write too.
        self.changed |= !matches!(
            first_keyword(sql).as_str(),
            "SELECT" | "VALUES" | "SHOW" | "EXPLAIN" | "PRAGMA" | "TABLE"
        );
        let result = match &mut self.tx {
            Tx::Sqlite(tx) => sqlite::read_in(tx, sql, &params),
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => postgres::query_in(tx, sql, &params),
        };
        result
            .map(Table::from)
            .map_err(|error| self.conn.error(error, sql))
    }
}

/// The shared connections, one per name and settings (`cache_resource`).
static CONNECTIONS: CacheCell<Result<SqlConnection, ConnectionError>> = CacheCell::new();

fn connections() -> &'static FunctionCache<Result<SqlConnection, ConnectionError>> {
    CONNECTIONS.get_or_init(
        || FunctionInfo {
            name: "connection",
            module: "brook::connection",
            source_hash: 0,
            kind: Kind::Resource,
            ttl: None,
            ttl_ignored: false,
            max_entries: None,
            spinner: Some("Connecting to the database…"),
            show_time: true,
            session_scope: false,
            refresh: RefreshMode::Foreground,
        },
        None,
        // An error is not kept, nor a closed connection: the next call
        // connects again.
        Some(|made: &Result<SqlConnection, ConnectionError>| {
            made.as_ref().is_ok_and(|c| !c.is_closed())
        }),
        Some(|made: &Result<SqlConnection, ConnectionError>| {
            if let Ok(conn) = made {
                conn.close();
            }
        }),
    )
}

/// The shared connection `name` with `config`: made on first use, then
/// returned to every caller of the process.
fn shared(name: &str, config: &ConnectionConfig) -> Result<SqlConnection, ConnectionError> {
    let mut hasher = KeyHasher::new();
    hasher.hash(name);
    hasher.hash(&config.url);
    hasher.hash(&config.connect_timeout_secs.map(f64::to_bits));
    hasher.hash(&config.query_timeout_secs.map(f64::to_bits));
    hasher.hash(&config.pool_size);
    connections().get_or_compute(hasher.finish(), None, || {
        SqlConnection::open_with(name, config)
    })
}

/// What `[connections.<name>]` may hold.
const SETTINGS: [&str; 10] = [
    "url",
    "dialect",
    "host",
    "port",
    "database",
    "username",
    "password",
    "connect_timeout_secs",
    "query_timeout_secs",
    "pool_size",
];

/// The parts a URL is built from when `url` is not given.
const PARTS: [&str; 6] = [
    "dialect", "host", "port", "database", "username", "password",
];

/// The settings of connection `name` from the secrets: `url`, or the
/// parts of one (`dialect`, `host`, `port`, `database`, `username`,
/// `password`; a `url` wins over parts, as in Streamlit), and the
/// timeouts and pool size. A setting brook does not read, or of the wrong
/// type, is an error naming its key.
fn configured(name: &str) -> Result<Option<ConnectionConfig>, ConnectionError> {
    let secrets = secrets();
    let key = format!("connections.{name}");
    let secrets_error = |error| ConnectionError::Secrets {
        name: name.to_owned(),
        error,
    };
    let table = match secrets.value(&key) {
        Some(toml::Value::Table(table)) => table,
        Some(_) => {
            return Err(ConnectionError::Option {
                message: format!(
                    "connection \"{name}\": {key} is not a table; write [connections.{name}] \
                     with url = \"sqlite://app.db\" (or a postgresql:// URL) on the next line"
                ),
            });
        }
        None => {
            return match secrets.get::<toml::Value>(&key) {
                Err(SecretsError::Missing { .. }) | Ok(_) => Ok(None),
                Err(error) => Err(secrets_error(error)),
            };
        }
    };
    if let Some(unknown) = table.keys().find(|k| !SETTINGS.contains(&k.as_str())) {
        return Err(ConnectionError::Option {
            message: format!(
                "connection \"{name}\": {key}.{unknown} is not a setting brook reads; \
                 [connections.{name}] takes url (or dialect, host, port, database, username \
                 and password), connect_timeout_secs, query_timeout_secs and pool_size"
            ),
        });
    }
    let setting = |field: &str| format!("{key}.{field}");
    let url = match optional::<String>(&secrets, &setting("url")).map_err(secrets_error)? {
        Some(url) => url,
        None => url_from_parts(name, &key, &secrets)?,
    };
    Ok(Some(ConnectionConfig {
        url,
        connect_timeout_secs: optional(&secrets, &setting("connect_timeout_secs"))
            .map_err(secrets_error)?,
        query_timeout_secs: optional(&secrets, &setting("query_timeout_secs"))
            .map_err(secrets_error)?,
        pool_size: optional(&secrets, &setting("pool_size")).map_err(secrets_error)?,
    }))
}

/// The secret at `key`, `None` when it is not there.
fn optional<T: serde::de::DeserializeOwned>(
    secrets: &Secrets,
    key: &str,
) -> Result<Option<T>, SecretsError> {
    if secrets.contains(key) {
        secrets.get(key).map(Some)
    } else {
        Ok(None)
    }
}

/// The URL of `[connections.<name>]` (at `key`) given as parts, as
/// Streamlit's `SQLConnection` builds one: `dialect` (`sqlite`, or
/// `postgresql`/`postgres`) is required; SQLite takes `database` (the
/// file); PostgreSQL requires `host` and `username` and takes `port`,
/// `database` and `password` (escaped into the URL).
fn url_from_parts(name: &str, key: &str, secrets: &Secrets) -> Result<String, ConnectionError> {
    let secrets_error = |error| ConnectionError::Secrets {
        name: name.to_owned(),
        error,
    };
    let setting = |field: &str| format!("{key}.{field}");
    let missing = |field: &str| {
        secrets_error(SecretsError::Missing {
            key: setting(field),
            looked_in: secrets.looked_in(),
        })
    };
    let part = |field: &str| optional::<String>(secrets, &setting(field)).map_err(secrets_error);
    let Some(dialect) = part("dialect")? else {
        let has_parts = PARTS.iter().any(|p| secrets.contains(&setting(p)));
        return Err(missing(if has_parts { "dialect" } else { "url" }));
    };
    match dialect.as_str() {
        "sqlite" => {
            if let Some(extra) = ["host", "port", "username", "password"]
                .into_iter()
                .find(|p| secrets.contains(&setting(p)))
            {
                return Err(ConnectionError::Option {
                    message: format!(
                        "connection \"{name}\": a SQLite database is a file and has no {extra}: \
                         remove {key}.{extra} (or use dialect = \"postgresql\")"
                    ),
                });
            }
            let database = part("database")?.ok_or_else(|| missing("database"))?;
            Ok(format!("sqlite://{database}"))
        }
        "postgresql" | "postgres" => {
            let username = part("username")?.ok_or_else(|| missing("username"))?;
            let host = part("host")?.ok_or_else(|| missing("host"))?;
            // A number or a text of one, as Streamlit's `int(port)`.
            let port = match secrets.get::<u16>(&setting("port")) {
                Ok(port) => Some(port),
                Err(SecretsError::Missing { .. }) => None,
                Err(error) => Some(
                    secrets
                        .get::<String>(&setting("port"))
                        .ok()
                        .and_then(|text| text.trim().parse::<u16>().ok())
                        .ok_or_else(|| secrets_error(error))?,
                ),
            };
            let mut url = format!("postgresql://{}", escape(&username));
            if let Some(password) = part("password")? {
                url.push(':');
                url.push_str(&escape(&password));
            }
            url.push('@');
            if host.contains(':') && !host.starts_with('[') {
                url.push_str(&format!("[{host}]"));
            } else {
                url.push_str(&host);
            }
            if let Some(port) = port {
                url.push_str(&format!(":{port}"));
            }
            if let Some(database) = part("database")? {
                url.push('/');
                url.push_str(&escape(&database));
            }
            Ok(url)
        }
        other => Err(ConnectionError::Option {
            message: format!(
                "connection \"{name}\": {key}.dialect is \"{other}\"; brook reads \"sqlite\" and \
                 \"postgresql\""
            ),
        }),
    }
}

/// `text` percent-encoded for a URL's user, password or database name.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` with its `%XX` escapes decoded (to scrub a password given as a
/// part, which a driver may quote decoded).
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The connection name `name` stands for: `env:VAR` is the value of the
/// environment variable `VAR` (as in Streamlit), any other name itself.
fn resolve_name(name: &str) -> Result<std::borrow::Cow<'_, str>, ConnectionError> {
    let Some(var) = name.strip_prefix("env:") else {
        return Ok(std::borrow::Cow::Borrowed(name));
    };
    match std::env::var(var) {
        Ok(value) if !value.trim().is_empty() => {
            Ok(std::borrow::Cow::Owned(value.trim().to_owned()))
        }
        _ => Err(ConnectionError::Option {
            message: format!(
                "st.connection(\"{name}\") takes the connection's name from the environment \
                 variable {var}, which is not set: set {var} to the name of a \
                 [connections.<name>] table in secrets.toml"
            ),
        }),
    }
}

impl St {
    /// The connection `name`, configured in `secrets.toml` under
    /// `[connections.<name>]` (`url = "sqlite://app.db"` or a
    /// `postgresql://` URL): made once per process and shared by every
    /// session and run, as Streamlit's `st.connection`. A connection that
    /// failed or was closed is made again on the next call.
    ///
    /// A name `env:VAR` takes the name from the environment variable `VAR`
    /// (`st.connection("env:APP_DB")` with `APP_DB=staging` is the
    /// connection `staging`), to switch databases without changing code.
    ///
    /// On an error (not configured, unreachable) an exception box shows it
    /// and the run ends; the app stays alive. [`St::try_connection`]
    /// returns the error instead.
    pub fn connection(&self, name: &str) -> SqlConnection {
        self.try_connection(name)
            .unwrap_or_else(|error| fail(&error))
    }

    /// [`St::connection`], returning the error.
    ///
    /// # Errors
    /// [`ConnectionError::NotConfigured`], [`ConnectionError::Secrets`],
    /// [`ConnectionError::BadUrl`], [`ConnectionError::Connect`];
    /// [`ConnectionError::Option`] for a setting brook does not read, or an
    /// `env:` name whose variable is not set.
    pub fn try_connection(&self, name: &str) -> Result<SqlConnection, ConnectionError> {
        let name = &*resolve_name(name)?;
        match configured(name)? {
            Some(config) => shared(name, &config),
            None => Err(ConnectionError::NotConfigured {
                name: name.to_owned(),
                looked_in: secrets().looked_in(),
            }),
        }
    }

    /// The connection `name` from `secrets.toml` when it is configured
    /// there, else one to `default_url`: an app that runs on a local SQLite
    /// file until a server is set up. `name` may be `env:VAR`, as for
    /// [`St::connection`].
    ///
    /// ```no_run
    /// # fn script(st: &brook_engine::St) {
    /// let conn = st.connection_or("orders", "sqlite://orders.db");
    /// # }
    /// ```
    pub fn connection_or(&self, name: &str, default_url: &str) -> SqlConnection {
        let made = resolve_name(name).and_then(|name| {
            let config = configured(&name)?.unwrap_or_else(|| ConnectionConfig::new(default_url));
            shared(&name, &config)
        });
        made.unwrap_or_else(|error| fail(&error))
    }

    /// The app's secrets (`secrets.toml`, read once per process), as
    /// Streamlit's `st.secrets`: `st.secrets().get::<String>("api.token")`.
    pub fn secrets(&self) -> Arc<Secrets> {
        secrets()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_their_password() {
        assert_eq!(
            redact_url("postgresql://app:pa55@db:5432/sales"),
            "postgresql://app:•••@db:5432/sales"
        );
        assert_eq!(
            redact_url("postgresql://db/sales?user=a&password=pa55&x=1"),
            "postgresql://db/sales?user=a&password=•••&x=1"
        );
        assert_eq!(url_passwords("postgres://a:b%40c@h/d"), ["b%40c", "b@c"]);
        assert_eq!(redact_url("sqlite://app.db"), "sqlite://app.db");
        assert_eq!(redact_url("sqlite://a:b@c.db"), "sqlite://a:b@c.db");
        // Unencoded `/`, `?` and `@` in a password (a new user's trial
        // showed them on screen): the user information ends at the last
        // `@`.
        for (url, password) in [
            (
                "postgresql://desk:Ab/cdSECRETx1@127.0.0.1:55433/desk",
                "Ab/cdSECRETx1",
            ),
            (
                "postgresql://desk:S3cr@t/Pa55?word@h:5432/desk",
                "S3cr@t/Pa55?word",
            ),
            ("postgres://u:p@ss@h/d?password=two&sslmode=disable", "p@ss"),
        ] {
            let shown = redact_url(url);
            assert!(!shown.contains(password), "{shown}");
            assert!(
                shown.contains("•••@h") || shown.contains("•••@127"),
                "{shown}"
            );
            assert!(url_passwords(url).contains(&password.to_owned()), "{url}");
        }
        assert!(!redact_url("postgres://u:p@ss@h/d?password=two&sslmode=disable").contains("two"));
        assert_eq!(
            scrub(
                "cannot connect to postgres://u:Ab/cd@h/d: password for u (Ab/cd) is wrong",
                &url_passwords("postgres://u:Ab/cd@h/d")
            ),
            "cannot connect to postgres://u:•••@h/d: password for u (•••) is wrong"
        );
    }

    #[test]
    fn only_statements_that_may_change_data_clear_the_cache() {
        assert!(may_change("UPDATE t SET a = 1", 2));
        assert!(!may_change("UPDATE t SET a = 1 WHERE false", 0));
        assert!(!may_change("INSERT OR IGNORE INTO t VALUES (1)", 0));
        assert!(!may_change(
            "-- setup\n  create table if not exists t (a int)",
            0
        ));
        assert!(may_change("CREATE TABLE t (a int)", 0));
        assert!(may_change("/* x */ DROP TABLE t", 0));
        assert!(may_change("TRUNCATE t", 0));
        assert!(may_change("WITH x AS (SELECT 1) DELETE FROM t", 0));
        assert_eq!(first_keyword("  /* a */ -- b\n select 1"), "SELECT");
    }

    #[test]
    fn parts_are_escaped_into_a_url_and_back() {
        assert_eq!(escape("p@ss word/ü"), "p%40ss%20word%2F%C3%BC");
        assert_eq!(unescape(&escape("p@ss word/ü")), "p@ss word/ü");
        assert_eq!(unescape("100%"), "100%");
    }

    #[test]
    fn ttl_texts_read_as_streamlit_reads_them() {
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("ten minutes").is_err());
    }
}
