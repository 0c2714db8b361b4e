//! The SQLite backend: rusqlite with SQLite compiled in.
//!
//! One connection per database, behind a lock (SQLite runs one statement
//! at a time per connection anyway); statements are prepared once and kept.
//! A progress handler checks the stop button and the query timeout every
//! few thousand steps and interrupts the statement.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use parking_lot::Mutex;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::{DbError, SqlValue, Watch};

pub(super) struct Db {
    conn: Mutex<rusqlite::Connection>,
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

impl Db {
    /// Opens (creating) the database file at `path`, or an in-memory one
    /// for `:memory:`.
    pub(super) fn open(path: &str, busy_timeout: Duration) -> Result<Self, DbError> {
        let conn = if path == ":memory:" {
            rusqlite::Connection::open_in_memory()
        } else {
            rusqlite::Connection::open(path)
        }
        .map_err(|e| DbError::Connect(e.to_string()))?;
        conn.busy_timeout(busy_timeout)
            .map_err(|e| DbError::Connect(e.to_string()))?;
        conn.set_prepared_statement_cache_capacity(64);
        // A file that is not a database fails here, not at the first query.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map_err(|e| DbError::Connect(e.to_string()))?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    pub(super) fn query(
        &self,
        sql: &str,
        params: &[SqlValue],
        watch: &Watch,
    ) -> Result<RecordBatch, DbError> {
        let mut conn = self.conn.lock();
        let guard = Interrupter::install(&mut conn, watch)?;
        read(&guard, sql, params).map_err(|error| watch.classify(error))
    }

    pub(super) fn execute(
        &self,
        sql: &str,
        params: &[SqlValue],
        watch: &Watch,
    ) -> Result<u64, DbError> {
        let mut conn = self.conn.lock();
        let guard = Interrupter::install(&mut conn, watch)?;
        execute(&guard, sql, params).map_err(|error| watch.classify(error))
    }

    /// The connection, for a transaction.
    pub(super) fn lock(&self) -> parking_lot::MutexGuard<'_, rusqlite::Connection> {
        self.conn.lock()
    }
}

/// Installs the progress handler for one statement; removes it on drop.
struct Interrupter<'c> {
    conn: &'c mut rusqlite::Connection,
}

impl<'c> Interrupter<'c> {
    fn install(conn: &'c mut rusqlite::Connection, watch: &Watch) -> Result<Self, DbError> {
        let stop = watch.stop.clone();
        let deadline = watch.deadline;
        if stop.is_some() || deadline.is_some() {
            conn.progress_handler(
                4_000,
                Some(move || {
                    stop.as_ref().is_some_and(|s| s.load(Ordering::Acquire))
                        || deadline.is_some_and(|d| Instant::now() >= d)
                }),
            )
            .map_err(|e| DbError::Query(e.to_string()))?;
        }
        Ok(Self { conn })
    }
}

impl std::ops::Deref for Interrupter<'_> {
    type Target = rusqlite::Connection;
    fn deref(&self) -> &rusqlite::Connection {
        self.conn
    }
}

impl Drop for Interrupter<'_> {
    fn drop(&mut self) {
        let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
    }
}

/// Whether an error is SQLite's "interrupted".
pub(super) fn is_interrupt(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted)
}

impl From<rusqlite::Error> for DbError {
    fn from(error: rusqlite::Error) -> Self {
        match error {
            _ if is_interrupt(&error) => Self::Interrupted,
            // Its Display repeats the whole statement: the message and the
            // place are enough (the query's first line is added anyway).
            rusqlite::Error::SqlInputError { msg, offset, .. } => {
                Self::Query(format!("{msg} (at character {})", offset + 1))
            }
            other => Self::Query(other.to_string()),
        }
    }
}

fn to_sql(value: &SqlValue) -> ToSqlOutput<'_> {
    match value {
        SqlValue::Null => ToSqlOutput::Owned(Value::Null),
        SqlValue::Bool(v) => ToSqlOutput::Owned(Value::Integer(i64::from(*v))),
        SqlValue::Int(v) => ToSqlOutput::Owned(Value::Integer(*v)),
        SqlValue::Float(v) => ToSqlOutput::Owned(Value::Real(*v)),
        SqlValue::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
        SqlValue::Bytes(v) => ToSqlOutput::Borrowed(ValueRef::Blob(v)),
        SqlValue::Date(v) => ToSqlOutput::Owned(Value::Text(v.format("%Y-%m-%d").to_string())),
        SqlValue::DateTime(v) => {
            ToSqlOutput::Owned(Value::Text(v.format("%Y-%m-%d %H:%M:%S%.f").to_string()))
        }
        SqlValue::Timestamp(v) => ToSqlOutput::Owned(Value::Text(
            v.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false),
        )),
    }
}

struct Bound<'a>(&'a SqlValue);

impl rusqlite::ToSql for Bound<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(to_sql(self.0))
    }
}

/// Binds `params` to the statement's placeholders: `$N` and `?N` take the
/// N-th value, a bare `?` the next one; named ones (`:name`) are refused.
fn bind(stmt: &mut rusqlite::Statement<'_>, params: &[SqlValue]) -> Result<(), DbError> {
    let count = stmt.parameter_count();
    let mut used = 0;
    let mut next = 0;
    for index in 1..=count {
        let number = match stmt.parameter_name(index) {
            None => {
                next += 1;
                next
            }
            Some(name) => match name[1..].parse::<usize>() {
                Ok(n) if (name.starts_with('$') || name.starts_with('?')) && n > 0 => n,
                _ => {
                    return Err(DbError::Query(format!(
                        "the placeholder {name} has a name; brook binds parameters by position: \
                         write $1, $2, ... in the order of the values"
                    )));
                }
            },
        };
        let Some(value) = params.get(number - 1) else {
            return Err(DbError::Query(format!(
                "the query uses parameter {number} but {} were given",
                params.len()
            )));
        };
        used = used.max(number);
        stmt.raw_bind_parameter(index, Bound(value))?;
    }
    if used < params.len() {
        return Err(DbError::Query(format!(
            "{} parameters were given but the query uses {used}",
            params.len()
        )));
    }
    Ok(())
}

fn execute(conn: &rusqlite::Connection, sql: &str, params: &[SqlValue]) -> Result<u64, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind(&mut stmt, params)?;
    let changed = stmt.raw_execute()?;
    Ok(u64::try_from(changed).unwrap_or(u64::MAX))
}

pub(super) fn execute_in(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[SqlValue],
) -> Result<u64, DbError> {
    execute(conn, sql, params)
}

pub(super) fn read_in(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[SqlValue],
) -> Result<RecordBatch, DbError> {
    read(conn, sql, params)
}

/// One column's values as read, before its type is chosen.
#[derive(Default)]
struct Column {
    name: String,
    decl: String,
    ints: Vec<i64>,
    floats: Vec<f64>,
    text: Vec<Option<String>>,
    blobs: Vec<Option<Vec<u8>>>,
    /// What each row holds: 0 null, 1 integer, 2 real, 3 text, 4 blob.
    kinds: Vec<u8>,
    seen: [bool; 5],
}

fn read(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[SqlValue],
) -> Result<RecordBatch, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind(&mut stmt, params)?;
    let mut columns: Vec<Column> = stmt
        .columns()
        .map(|c| Column {
            name: c.name().to_owned(),
            decl: c.decl_type().unwrap_or_default().to_ascii_uppercase(),
            ..Column::default()
        })
        .collect();
    if columns.is_empty() {
        return Err(DbError::Query(
            "the statement returns no columns: use execute() for statements that change data"
                .to_owned(),
        ));
    }
    let mut rows = stmt.raw_query();
    while let Some(row) = rows.next()? {
        for (index, column) in columns.iter_mut().enumerate() {
            let kind = match row.get_ref(index)? {
                ValueRef::Null => 0,
                ValueRef::Integer(v) => {
                    column.ints.push(v);
                    1
                }
                ValueRef::Real(v) => {
                    column.floats.push(v);
                    2
                }
                ValueRef::Text(v) => {
                    column
                        .text
                        .push(Some(String::from_utf8_lossy(v).into_owned()));
                    3
                }
                ValueRef::Blob(v) => {
                    column.blobs.push(Some(v.to_vec()));
                    4
                }
            };
            column.kinds.push(kind);
            column.seen[usize::from(kind)] = true;
        }
    }
    drop(rows);
    let mut fields = Vec::with_capacity(columns.len());
    let mut arrays = Vec::with_capacity(columns.len());
    for column in columns {
        let (field, array) = column.finish();
        fields.push(field);
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(|e| DbError::Result(e.to_string()))
}

/// What a declared column type asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Declared {
    Boolean,
    Date,
    Timestamp,
    Integer,
    Real,
    Other,
}

fn declared(decl: &str) -> Declared {
    if decl.contains("BOOL") {
        Declared::Boolean
    } else if decl.contains("TIMESTAMP") || decl.contains("DATETIME") {
        Declared::Timestamp
    } else if decl == "DATE" {
        Declared::Date
    } else if decl.contains("INT") {
        Declared::Integer
    } else if decl.contains("REAL")
        || decl.contains("FLOA")
        || decl.contains("DOUB")
        || decl.contains("NUMERIC")
        || decl.contains("DECIMAL")
    {
        Declared::Real
    } else {
        Declared::Other
    }
}

fn parse_date(text: &str) -> Option<i32> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(chrono::Datelike::num_days_from_ce(&date) - UNIX_EPOCH_DAYS_FROM_CE)
}

/// A timestamp cell: microseconds and whether it carried an offset.
fn parse_timestamp(text: &str) -> Option<(i64, bool)> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some((at.timestamp_micros(), true));
    }
    if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z") {
        return Some((at.timestamp_micros(), true));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some((at.and_utc().timestamp_micros(), false));
        }
    }
    None
}

impl Column {
    /// Whether every value that is not null is of one of `kinds`.
    fn only(&self, kinds: &[usize]) -> bool {
        self.seen
            .iter()
            .enumerate()
            .all(|(kind, seen)| !seen || kind == 0 || kinds.contains(&kind))
    }

    fn all_null(&self) -> bool {
        !self.seen[1..].iter().any(|s| *s)
    }

    fn finish(self) -> (Field, ArrayRef) {
        let declared = declared(&self.decl);
        let len = self.kinds.len();
        // A column of nulls only takes its declared type.
        if self.all_null() {
            let data_type = match declared {
                Declared::Boolean => DataType::Boolean,
                Declared::Date => DataType::Date32,
                Declared::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, None),
                Declared::Integer => DataType::Int64,
                Declared::Real => DataType::Float64,
                Declared::Other => DataType::Utf8,
            };
            return (
                Field::new(&self.name, data_type.clone(), true),
                arrow_array::new_null_array(&data_type, len),
            );
        }
        if declared == Declared::Boolean
            && self.only(&[1])
            && self.ints.iter().all(|v| *v == 0 || *v == 1)
        {
            let mut ints = self.ints.iter();
            let mut b = BooleanBuilder::with_capacity(len);
            for kind in &self.kinds {
                match kind {
                    1 => b.append_option(ints.next().map(|v| *v != 0)),
                    _ => b.append_null(),
                }
            }
            return self.done(b.finish());
        }
        if declared == Declared::Date && self.only(&[3]) {
            let days: Option<Vec<Option<i32>>> = self
                .text
                .iter()
                .map(|t| {
                    t.as_deref()
                        .map(parse_date)
                        .map_or(Some(None), |d| d.map(Some))
                })
                .collect();
            if let Some(days) = days {
                let mut values = days.into_iter();
                let mut b = Date32Builder::with_capacity(len);
                for kind in &self.kinds {
                    match kind {
                        3 => b.append_option(values.next().flatten()),
                        _ => b.append_null(),
                    }
                }
                return self.done(b.finish());
            }
        }
        if declared == Declared::Timestamp && self.only(&[3]) {
            let parsed: Option<Vec<(i64, bool)>> = self
                .text
                .iter()
                .map(|t| t.as_deref().and_then(parse_timestamp))
                .collect();
            if let Some(parsed) = parsed {
                let zoned = parsed.iter().all(|(_, z)| *z);
                let naive = parsed.iter().all(|(_, z)| !*z);
                if zoned || naive {
                    let mut values = parsed.into_iter();
                    let mut b = TimestampMicrosecondBuilder::with_capacity(len);
                    for kind in &self.kinds {
                        match kind {
                            3 => b.append_option(values.next().map(|(v, _)| v)),
                            _ => b.append_null(),
                        }
                    }
                    let array = b.finish();
                    let array = if zoned {
                        array.with_timezone("UTC")
                    } else {
                        array
                    };
                    return self.done(array);
                }
            }
        }
        if self.only(&[1]) && declared != Declared::Real {
            let mut ints = self.ints.iter();
            let mut b = Int64Builder::with_capacity(len);
            for kind in &self.kinds {
                match kind {
                    1 => b.append_option(ints.next().copied()),
                    _ => b.append_null(),
                }
            }
            return self.done(b.finish());
        }
        if self.only(&[1, 2]) {
            let (mut ints, mut floats) = (self.ints.iter(), self.floats.iter());
            let mut b = Float64Builder::with_capacity(len);
            for kind in &self.kinds {
                match kind {
                    #[allow(
                        clippy::cast_precision_loss,
                        reason = "SQLite's REAL affinity does the same"
                    )]
                    1 => b.append_option(ints.next().map(|v| *v as f64)),
                    2 => b.append_option(floats.next().copied()),
                    _ => b.append_null(),
                }
            }
            return self.done(b.finish());
        }
        if self.only(&[4]) {
            let mut blobs = self.blobs.iter();
            let mut b = BinaryBuilder::with_capacity(len, 0);
            for kind in &self.kinds {
                match kind {
                    4 => b.append_option(blobs.next().and_then(Option::as_deref)),
                    _ => b.append_null(),
                }
            }
            return self.done(b.finish());
        }
        // Text, or a mix: every value as text, so none is lost.
        let (mut ints, mut floats, mut text, mut blobs) = (
            self.ints.iter(),
            self.floats.iter(),
            self.text.iter(),
            self.blobs.iter(),
        );
        let mut b = StringBuilder::with_capacity(len, 0);
        for kind in &self.kinds {
            match kind {
                1 => b.append_option(ints.next().map(ToString::to_string)),
                2 => b.append_option(floats.next().map(ToString::to_string)),
                3 => b.append_option(text.next().and_then(Option::as_deref)),
                4 => b.append_option(
                    blobs
                        .next()
                        .and_then(Option::as_deref)
                        .map(|v| String::from_utf8_lossy(v).into_owned()),
                ),
                _ => b.append_null(),
            }
        }
        self.done(b.finish())
    }

    fn done(&self, array: impl arrow_array::Array + 'static) -> (Field, ArrayRef) {
        (
            Field::new(&self.name, array.data_type().clone(), true),
            Arc::new(array),
        )
    }
}
