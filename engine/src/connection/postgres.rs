//! The PostgreSQL backend: the `postgres` client, pooled by r2d2.
//!
//! Each checkout is validated (an empty query), so a connection broken by
//! a server restart is replaced by a new one. Values are read in the
//! binary protocol and decoded here straight into Arrow arrays. The stop
//! button and the query timeout cancel the statement on the server (its
//! cancel request), from a watcher thread.

use std::error::Error as StdError;
use std::sync::Arc;
use std::time::Duration;

use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Date32Builder, Decimal128Builder, Float32Builder,
    Float64Builder, Int16Builder, Int32Builder, Int64Builder, StringBuilder,
    Time64MicrosecondBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use bytes::{BufMut, BytesMut};
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use postgres::{NoTls, Row};
use r2d2_postgres::PostgresConnectionManager;

use super::{DbError, SqlValue, Watch};

pub(super) type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
pub(super) type Client = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

pub(super) struct Db {
    pool: Pool,
}

/// Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;
/// Days from 1970-01-01 to 2000-01-01.
const PG_EPOCH_DAYS: i32 = 10_957;

impl Db {
    /// A pool of up to `pool_size` connections to `url`; one connection is
    /// made now, so a wrong address or password fails here.
    pub(super) fn open(
        url: &str,
        connect_timeout: Duration,
        pool_size: u32,
    ) -> Result<Self, DbError> {
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e: postgres::Error| DbError::BadUrl(e.to_string()))?;
        config.connect_timeout(connect_timeout);
        if config.get_application_name().is_none() {
            config.application_name("brook");
        }
        let manager = PostgresConnectionManager::new(config, NoTls);
        // One connection made directly first: the pool retries until its
        // timeout and then says only "timed out"; the server says why (a
        // wrong password, a database that does not exist) at once.
        if let Err(refused) = r2d2::ManageConnection::connect(&manager) {
            return Err(match error(refused) {
                DbError::Query(message) | DbError::Connect(message) => DbError::Connect(message),
                other => other,
            });
        }
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(connect_timeout)
            .test_on_check_out(true)
            // Errors are returned to the caller, not logged a second time.
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(manager);
        let db = Self { pool };
        drop(db.client()?);
        Ok(db)
    }

    pub(super) fn client(&self) -> Result<Client, DbError> {
        self.pool.get().map_err(|e| DbError::Connect(e.to_string()))
    }

    pub(super) fn query(
        &self,
        sql: &str,
        params: &[SqlValue],
        watch: &Watch,
    ) -> Result<RecordBatch, DbError> {
        let mut client = self.client()?;
        let token = client.cancel_token();
        let values = bound(params);
        let rows = watch.guard(
            move || {
                let _ = token.cancel_query(NoTls);
            },
            || client.query(sql, &refs(&values)).map_err(error),
        )?;
        let columns = read_columns(&mut client, sql, &rows)?;
        to_batch(&rows, &columns)
    }

    pub(super) fn execute(
        &self,
        sql: &str,
        params: &[SqlValue],
        watch: &Watch,
    ) -> Result<u64, DbError> {
        let mut client = self.client()?;
        let token = client.cancel_token();
        let values = bound(params);
        watch.guard(
            move || {
                let _ = token.cancel_query(NoTls);
            },
            || client.execute(sql, &refs(&values)).map_err(error),
        )
    }
}

pub(super) fn query_in(
    tx: &mut postgres::Transaction<'_>,
    sql: &str,
    params: &[SqlValue],
) -> Result<RecordBatch, DbError> {
    let statement = tx.prepare(sql).map_err(error)?;
    let values = bound(params);
    let rows = tx.query(&statement, &refs(&values)).map_err(error)?;
    let columns: Vec<(String, Type)> = statement
        .columns()
        .iter()
        .map(|c| (c.name().to_owned(), c.type_().clone()))
        .collect();
    to_batch(&rows, &columns)
}

pub(super) fn execute_in(
    tx: &mut postgres::Transaction<'_>,
    sql: &str,
    params: &[SqlValue],
) -> Result<u64, DbError> {
    let values = bound(params);
    tx.execute(sql, &refs(&values)).map_err(error)
}

/// The result's columns: from the rows, or (no rows) from the statement.
fn read_columns(
    client: &mut Client,
    sql: &str,
    rows: &[Row],
) -> Result<Vec<(String, Type)>, DbError> {
    let columns = match rows.first() {
        Some(row) => row
            .columns()
            .iter()
            .map(|c| (c.name().to_owned(), c.type_().clone()))
            .collect(),
        None => client
            .prepare(sql)
            .map_err(error)?
            .columns()
            .iter()
            .map(|c| (c.name().to_owned(), c.type_().clone()))
            .collect(),
    };
    Ok(columns)
}

/// The database's message (with its detail and hint), or the client's.
pub(super) fn error(error: postgres::Error) -> DbError {
    if let Some(db) = error.as_db_error() {
        if *db.code() == postgres::error::SqlState::QUERY_CANCELED {
            return DbError::Interrupted;
        }
        let mut message = db.message().to_owned();
        if let Some(detail) = db.detail() {
            message.push_str(&format!(" ({detail})"));
        }
        if let Some(hint) = db.hint() {
            message.push_str(&format!(". Hint: {hint}"));
        }
        return DbError::Query(message);
    }
    if error.is_closed() {
        return DbError::Connect(format!("the server closed the connection: {error}"));
    }
    let mut message = error.to_string();
    if let Some(source) = error.source() {
        let source = source.to_string();
        if !message.contains(&source) {
            message.push_str(&format!(": {source}"));
        }
    }
    DbError::Query(message)
}

fn bound(params: &[SqlValue]) -> Vec<Param<'_>> {
    params.iter().map(Param).collect()
}

fn refs<'a>(values: &'a [Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// A value bound to a placeholder of the type PostgreSQL inferred for it.
#[derive(Debug)]
struct Param<'a>(&'a SqlValue);

type BoxError = Box<dyn StdError + Sync + Send>;

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        let value = self.0;
        let mismatch = |what: &str| -> BoxError {
            format!(
                "{what} cannot be bound to a parameter of type {ty}; cast the placeholder in the \
                 SQL (`$1::{ty}`) or pass a value of that type"
            )
            .into()
        };
        match value {
            SqlValue::Null => return Ok(IsNull::Yes),
            SqlValue::Bool(v) => match *ty {
                Type::BOOL => out.put_u8(u8::from(*v)),
                _ => return Err(mismatch("a boolean")),
            },
            SqlValue::Int(v) => match *ty {
                Type::INT2 => out.put_i16(i16::try_from(*v).map_err(|_| mismatch("this integer"))?),
                Type::INT4 => out.put_i32(i32::try_from(*v).map_err(|_| mismatch("this integer"))?),
                Type::INT8 => out.put_i64(*v),
                Type::OID => out.put_u32(u32::try_from(*v).map_err(|_| mismatch("this integer"))?),
                #[allow(clippy::cast_precision_loss, reason = "the column asks for a float")]
                Type::FLOAT4 => out.put_f32(*v as f32),
                #[allow(clippy::cast_precision_loss, reason = "the column asks for a float")]
                Type::FLOAT8 => out.put_f64(*v as f64),
                Type::NUMERIC => encode_numeric(&v.to_string(), out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR => {
                    out.put_slice(v.to_string().as_bytes())
                }
                _ => return Err(mismatch("an integer")),
            },
            SqlValue::Float(v) => match *ty {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "the column asks for a float4"
                )]
                Type::FLOAT4 => out.put_f32(*v as f32),
                Type::FLOAT8 => out.put_f64(*v),
                Type::NUMERIC => encode_numeric(&v.to_string(), out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR => {
                    out.put_slice(v.to_string().as_bytes())
                }
                _ => return Err(mismatch("a float")),
            },
            SqlValue::Text(v) => match *ty {
                Type::JSONB => {
                    out.put_u8(1);
                    out.put_slice(v.as_bytes());
                }
                Type::BYTEA
                | Type::INT2
                | Type::INT4
                | Type::INT8
                | Type::FLOAT4
                | Type::FLOAT8
                | Type::BOOL
                | Type::DATE
                | Type::TIMESTAMP
                | Type::TIMESTAMPTZ
                | Type::NUMERIC => {
                    return Err(mismatch("text"));
                }
                // text, varchar, name, json, unknown, enums, citext...: the
                // text form.
                _ => out.put_slice(v.as_bytes()),
            },
            SqlValue::Bytes(v) => match *ty {
                Type::BYTEA => out.put_slice(v),
                _ => return Err(mismatch("bytes")),
            },
            SqlValue::Date(v) => match *ty {
                Type::DATE => {
                    let days = chrono::Datelike::num_days_from_ce(v) - 719_163 - PG_EPOCH_DAYS;
                    out.put_i32(days);
                }
                _ => return Err(mismatch("a date")),
            },
            SqlValue::DateTime(v) => match *ty {
                Type::TIMESTAMP | Type::TIMESTAMPTZ => {
                    out.put_i64(v.and_utc().timestamp_micros() - PG_EPOCH_MICROS);
                }
                _ => return Err(mismatch("a date-time")),
            },
            SqlValue::Timestamp(v) => match *ty {
                Type::TIMESTAMP | Type::TIMESTAMPTZ => {
                    out.put_i64(v.timestamp_micros() - PG_EPOCH_MICROS);
                }
                _ => return Err(mismatch("a timestamp")),
            },
        }
        Ok(IsNull::No)
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// Writes a decimal text (`-12.5`, `3`, `NaN`, `inf`) as PostgreSQL's
/// binary `numeric`: base-10000 digits around the decimal point.
fn encode_numeric(text: &str, out: &mut BytesMut) {
    let special = match text {
        "NaN" => Some(0xC000_u16),
        "inf" => Some(0xD000),
        "-inf" => Some(0xF000),
        _ => None,
    };
    if let Some(sign) = special {
        out.put_i16(0);
        out.put_i16(0);
        out.put_u16(sign);
        out.put_u16(0);
        return;
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    let dscale = frac_part.len();
    let int_pad = (4 - int_part.len() % 4) % 4;
    let frac_pad = (4 - frac_part.len() % 4) % 4;
    let padded: String = "0".repeat(int_pad) + int_part + frac_part + &"0".repeat(frac_pad);
    let mut groups: Vec<i16> = padded
        .as_bytes()
        .chunks(4)
        .map(|chunk| {
            chunk
                .iter()
                .fold(0_i16, |acc, d| acc * 10 + i16::from(d - b'0'))
        })
        .collect();
    let int_groups = (int_part.len() + int_pad) / 4;
    let mut weight = i16::try_from(int_groups).unwrap_or(i16::MAX) - 1;
    while groups.first() == Some(&0) {
        groups.remove(0);
        weight -= 1;
    }
    while groups.last() == Some(&0) {
        groups.pop();
    }
    if groups.is_empty() {
        weight = 0;
    }
    out.put_i16(i16::try_from(groups.len()).unwrap_or(i16::MAX));
    out.put_i16(weight);
    out.put_u16(if negative && !groups.is_empty() {
        0x4000
    } else {
        0
    });
    out.put_u16(u16::try_from(dscale).unwrap_or(u16::MAX));
    for group in groups {
        out.put_i16(group);
    }
}

/// The raw bytes of any value, decoded here by its column's type.
struct Raw<'a>(&'a [u8]);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(Raw(raw))
    }
    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A decoded `numeric`: its unscaled value and scale, or a float for NaN,
/// infinities and values past 38 digits.
enum Numeric {
    Exact(i128, u16),
    Float(f64),
}

fn decode_numeric(raw: &[u8]) -> Option<Numeric> {
    let word = |i: usize| raw.get(i..i + 2).map(|b| i16::from_be_bytes([b[0], b[1]]));
    let ndigits = usize::try_from(word(0)?).ok()?;
    let weight = i32::from(word(2)?);
    let sign = u16::from_be_bytes([*raw.get(4)?, *raw.get(5)?]);
    let dscale = u16::from_be_bytes([*raw.get(6)?, *raw.get(7)?]);
    match sign {
        0xC000 => return Some(Numeric::Float(f64::NAN)),
        0xD000 => return Some(Numeric::Float(f64::INFINITY)),
        0xF000 => return Some(Numeric::Float(f64::NEG_INFINITY)),
        _ => {}
    }
    let digits: Option<Vec<i16>> = (0..ndigits).map(|i| word(8 + 2 * i)).collect();
    let digits = digits?;
    let exact = || -> Option<i128> {
        let mut total: i128 = 0;
        for (i, digit) in digits.iter().enumerate() {
            let exponent = 4 * (weight - i32::try_from(i).ok()?) + i32::from(dscale);
            let digit = i128::from(*digit);
            let term = if exponent >= 0 {
                digit.checked_mul(10_i128.checked_pow(u32::try_from(exponent).ok()?)?)?
            } else {
                digit / 10_i128.checked_pow(u32::try_from(-exponent).ok()?)?
            };
            total = total.checked_add(term)?;
        }
        Some(total)
    };
    let negative = sign == 0x4000;
    match exact() {
        Some(value) if dscale <= 38 && value < 10_i128.pow(38) => Some(Numeric::Exact(
            if negative { -value } else { value },
            dscale,
        )),
        _ => {
            let mut value = 0.0_f64;
            for (i, digit) in digits.iter().enumerate() {
                let exponent = 4 * (weight - i32::try_from(i).ok()?);
                value += f64::from(*digit) * 10_f64.powi(exponent);
            }
            Some(Numeric::Float(if negative { -value } else { value }))
        }
    }
}

fn be<const N: usize>(raw: &[u8]) -> Option<[u8; N]> {
    raw.get(..N)?.try_into().ok()
}

fn to_batch(rows: &[Row], columns: &[(String, Type)]) -> Result<RecordBatch, DbError> {
    let mut fields = Vec::with_capacity(columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(columns.len());
    for (index, (name, ty)) in columns.iter().enumerate() {
        let array = column(rows, index, name, ty)?;
        fields.push(Field::new(name, array.data_type().clone(), true));
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(|e| DbError::Result(e.to_string()))
}

fn cells<'r>(rows: &'r [Row], index: usize) -> Result<Vec<Option<&'r [u8]>>, DbError> {
    rows.iter()
        .map(|row| {
            row.try_get::<_, Option<Raw<'r>>>(index)
                .map(|raw| raw.map(|r| r.0))
                .map_err(|e| DbError::Result(e.to_string()))
        })
        .collect()
}

macro_rules! fixed {
    ($cells:expr, $builder:ty, $n:literal, $decode:expr) => {{
        let mut b = <$builder>::with_capacity($cells.len());
        for cell in &$cells {
            b.append_option(cell.and_then(|raw| be::<$n>(raw)).map($decode));
        }
        Arc::new(b.finish()) as ArrayRef
    }};
}

fn column(rows: &[Row], index: usize, name: &str, ty: &Type) -> Result<ArrayRef, DbError> {
    let cells = cells(rows, index)?;
    let array = match *ty {
        Type::BOOL => {
            let mut b = BooleanBuilder::with_capacity(cells.len());
            for cell in &cells {
                b.append_option(cell.and_then(|raw| raw.first()).map(|v| *v != 0));
            }
            Arc::new(b.finish()) as ArrayRef
        }
        Type::INT2 => fixed!(cells, Int16Builder, 2, i16::from_be_bytes),
        Type::INT4 => fixed!(cells, Int32Builder, 4, i32::from_be_bytes),
        Type::INT8 => fixed!(cells, Int64Builder, 8, i64::from_be_bytes),
        Type::OID => fixed!(cells, Int64Builder, 4, |b| i64::from(u32::from_be_bytes(b))),
        Type::FLOAT4 => fixed!(cells, Float32Builder, 4, f32::from_be_bytes),
        Type::FLOAT8 => fixed!(cells, Float64Builder, 8, f64::from_be_bytes),
        Type::DATE => fixed!(cells, Date32Builder, 4, |b| {
            i32::from_be_bytes(b).saturating_add(PG_EPOCH_DAYS)
        }),
        Type::TIME => fixed!(cells, Time64MicrosecondBuilder, 8, i64::from_be_bytes),
        Type::TIMESTAMP => fixed!(cells, TimestampMicrosecondBuilder, 8, |b| {
            i64::from_be_bytes(b).saturating_add(PG_EPOCH_MICROS)
        }),
        Type::TIMESTAMPTZ => {
            let mut b = TimestampMicrosecondBuilder::with_capacity(cells.len());
            for cell in &cells {
                b.append_option(
                    cell.and_then(be::<8>)
                        .map(|v| i64::from_be_bytes(v).saturating_add(PG_EPOCH_MICROS)),
                );
            }
            Arc::new(b.finish().with_timezone("UTC")) as ArrayRef
        }
        Type::NUMERIC => numeric(&cells),
        Type::BYTEA => {
            let mut b = BinaryBuilder::with_capacity(cells.len(), 0);
            for cell in &cells {
                b.append_option(*cell);
            }
            Arc::new(b.finish()) as ArrayRef
        }
        Type::UUID => text(&cells, |raw| {
            let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
            if hex.len() == 32 {
                format!(
                    "{}-{}-{}-{}-{}",
                    &hex[..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..]
                )
            } else {
                hex
            }
        }),
        Type::JSONB => text(&cells, |raw| {
            String::from_utf8_lossy(raw.get(1..).unwrap_or_default()).into_owned()
        }),
        Type::TEXT
        | Type::VARCHAR
        | Type::BPCHAR
        | Type::NAME
        | Type::JSON
        | Type::UNKNOWN
        | Type::XML => text(&cells, |raw| String::from_utf8_lossy(raw).into_owned()),
        _ if matches!(ty.kind(), postgres::types::Kind::Enum(_)) => {
            text(&cells, |raw| String::from_utf8_lossy(raw).into_owned())
        }
        _ => {
            return Err(DbError::Result(format!(
                "column \"{name}\" is of type {ty}, which brook does not read yet; cast it in the \
                 query, e.g. `{name}::text`"
            )));
        }
    };
    Ok(array)
}

fn text(cells: &[Option<&[u8]>], decode: impl Fn(&[u8]) -> String) -> ArrayRef {
    let mut b = StringBuilder::with_capacity(cells.len(), 0);
    for cell in cells {
        b.append_option(cell.map(&decode));
    }
    Arc::new(b.finish())
}

/// `numeric` as `Decimal128(38, s)` with `s` the largest scale of its
/// values, or `Float64` when a value is NaN, infinite or past 38 digits.
fn numeric(cells: &[Option<&[u8]>]) -> ArrayRef {
    let values: Vec<Option<Numeric>> = cells
        .iter()
        .map(|cell| cell.and_then(decode_numeric))
        .collect();
    let scale = values
        .iter()
        .flatten()
        .map(|v| match v {
            Numeric::Exact(_, s) => *s,
            Numeric::Float(_) => 0,
        })
        .max()
        .unwrap_or(0);
    let rescaled: Option<Vec<Option<i128>>> = values
        .iter()
        .map(|v| match v {
            None => Some(None),
            Some(Numeric::Exact(value, s)) => {
                let factor = 10_i128.checked_pow(u32::from(scale - s))?;
                value
                    .checked_mul(factor)
                    .filter(|v| v.unsigned_abs() < 10_u128.pow(38))
                    .map(Some)
            }
            Some(Numeric::Float(_)) => None,
        })
        .collect();
    if let Some(rescaled) = rescaled
        && scale <= 38
    {
        let mut b = Decimal128Builder::with_capacity(cells.len());
        for v in rescaled {
            b.append_option(v);
        }
        #[allow(clippy::cast_possible_wrap, reason = "scale is at most 38")]
        if let Ok(array) = b.finish().with_precision_and_scale(38, scale as i8) {
            return Arc::new(array);
        }
    }
    let mut b = Float64Builder::with_capacity(cells.len());
    for v in values {
        b.append_option(v.map(|v| match v {
            #[allow(clippy::cast_precision_loss, reason = "the float fallback")]
            Numeric::Exact(value, s) => value as f64 / 10_f64.powi(i32::from(s)),
            Numeric::Float(f) => f,
        }));
    }
    Arc::new(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Option<Numeric> {
        let mut out = BytesMut::new();
        encode_numeric(text, &mut out);
        decode_numeric(&out)
    }

    #[test]
    fn numeric_round_trips() {
        for (text, value, scale) in [
            ("12.5", 125, 1),
            ("-12.5", -125, 1),
            ("0", 0, 0),
            ("10000", 10_000, 0),
            ("0.0001", 1, 4),
            ("123456789.123456789", 123_456_789_123_456_789, 9),
        ] {
            let Some(Numeric::Exact(v, s)) = round_trip(text) else {
                panic!("{text} did not decode exactly");
            };
            assert_eq!((v, s), (value, scale), "{text}");
        }
        assert!(matches!(round_trip("NaN"), Some(Numeric::Float(f)) if f.is_nan()));
    }
}
