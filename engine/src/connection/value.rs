//! Query parameters: [`SqlValue`] and the [`Params`] a query takes.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::caching::{CacheKey, KeyHasher};

/// One parameter of a query, bound by the database driver (never pasted
/// into the SQL text, so a value like `'; DROP TABLE orders; --` stays
/// data).
///
/// Made with `From`: `5`, `2.5`, `"text"`, `true`, a `NaiveDate`, a
/// `NaiveDateTime`, a zone-aware `DateTime` (stored as its UTC instant),
/// bytes, or `None::<T>` for SQL `NULL`.
///
/// ```
/// use brook_engine::connection::SqlValue;
/// assert_eq!(SqlValue::from(5), SqlValue::Int(5));
/// assert_eq!(SqlValue::from(None::<&str>), SqlValue::Null);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SqlValue {
    /// SQL `NULL`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer. Bound to PostgreSQL as the parameter's integer type
    /// (`int2`, `int4`, `int8`), or a `float8`/`numeric` when the
    /// parameter is one.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
    /// Bytes (`BLOB`, `bytea`).
    Bytes(Vec<u8>),
    /// A calendar date.
    Date(NaiveDate),
    /// A date-time without a zone (`timestamp`; SQLite text
    /// `YYYY-MM-DD HH:MM:SS.ffffff`).
    DateTime(NaiveDateTime),
    /// An instant (`timestamptz`; SQLite text in RFC 3339 with `+00:00`).
    Timestamp(DateTime<Utc>),
}

impl CacheKey for SqlValue {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        match self {
            Self::Null => hasher.tag("null"),
            Self::Bool(v) => v.cache_key(hasher),
            Self::Int(v) => v.cache_key(hasher),
            Self::Float(v) => {
                hasher.tag("f64");
                hasher.hash(&v.to_bits());
            }
            Self::Text(v) => v.cache_key(hasher),
            Self::Bytes(v) => {
                hasher.tag("bytes");
                hasher.hash(v);
            }
            Self::Date(v) => v.cache_key(hasher),
            Self::DateTime(v) => v.cache_key(hasher),
            Self::Timestamp(v) => {
                hasher.tag("timestamp");
                hasher.hash(&v.timestamp_micros());
            }
        }
    }
}

/// A data editor's cell as a bound parameter: what `st.data_editor`'s
/// edits hold goes to the database as it is (dates and times are ISO text,
/// which both backends read into their date and time columns).
impl From<crate::data::Cell> for SqlValue {
    fn from(cell: crate::data::Cell) -> Self {
        match cell {
            crate::data::Cell::Null => Self::Null,
            crate::data::Cell::Bool(value) => Self::Bool(value),
            crate::data::Cell::Int(value) => Self::Int(value),
            crate::data::Cell::Float(value) => Self::Float(value),
            crate::data::Cell::Text(value) => Self::Text(value),
        }
    }
}

impl From<&crate::data::Cell> for SqlValue {
    fn from(cell: &crate::data::Cell) -> Self {
        Self::from(cell.clone())
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for SqlValue {
            fn from(value: $t) -> Self {
                Self::Int(i64::from(value))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl From<f64> for SqlValue {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}
impl From<f32> for SqlValue {
    fn from(value: f32) -> Self {
        Self::Float(f64::from(value))
    }
}
impl From<bool> for SqlValue {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}
impl From<&str> for SqlValue {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}
impl From<String> for SqlValue {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}
impl From<&String> for SqlValue {
    fn from(value: &String) -> Self {
        Self::Text(value.clone())
    }
}
impl From<Vec<u8>> for SqlValue {
    fn from(value: Vec<u8>) -> Self {
        Self::Bytes(value)
    }
}
impl From<&[u8]> for SqlValue {
    fn from(value: &[u8]) -> Self {
        Self::Bytes(value.to_vec())
    }
}
impl From<NaiveDate> for SqlValue {
    fn from(value: NaiveDate) -> Self {
        Self::Date(value)
    }
}
impl From<NaiveDateTime> for SqlValue {
    fn from(value: NaiveDateTime) -> Self {
        Self::DateTime(value)
    }
}
impl<Tz: TimeZone> From<DateTime<Tz>> for SqlValue {
    fn from(value: DateTime<Tz>) -> Self {
        Self::Timestamp(value.with_timezone(&Utc))
    }
}
impl<T: Into<SqlValue>> From<Option<T>> for SqlValue {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Into::into)
    }
}

/// The parameters of a query, in the order of its placeholders: `()` for
/// none, a tuple of values of any types `SqlValue` converts from
/// (`(5, "ink")`), an array, a slice or a `Vec`.
///
/// Placeholders are `$1`, `$2`, ... on both backends (SQLite also takes
/// `?` and `?1`).
pub trait Params {
    /// The values, in order.
    fn into_values(self) -> Vec<SqlValue>;
}

impl Params for () {
    fn into_values(self) -> Vec<SqlValue> {
        Vec::new()
    }
}

impl<T: Into<SqlValue>> Params for Vec<T> {
    fn into_values(self) -> Vec<SqlValue> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<SqlValue> + Clone> Params for &[T] {
    fn into_values(self) -> Vec<SqlValue> {
        self.iter().cloned().map(Into::into).collect()
    }
}

impl<T: Into<SqlValue>, const N: usize> Params for [T; N] {
    fn into_values(self) -> Vec<SqlValue> {
        self.into_iter().map(Into::into).collect()
    }
}

macro_rules! tuple_params {
    ($($name:ident),+) => {
        impl<$($name: Into<SqlValue>),+> Params for ($($name,)+) {
            #[allow(non_snake_case, reason = "the type names name the values")]
            fn into_values(self) -> Vec<SqlValue> {
                let ($($name,)+) = self;
                vec![$($name.into()),+]
            }
        }
    };
}
tuple_params!(A);
tuple_params!(A, B);
tuple_params!(A, B, C);
tuple_params!(A, B, C, D);
tuple_params!(A, B, C, D, E);
tuple_params!(A, B, C, D, E, F);
tuple_params!(A, B, C, D, E, F, G);
tuple_params!(A, B, C, D, E, F, G, H);
tuple_params!(A, B, C, D, E, F, G, H, I);
tuple_params!(A, B, C, D, E, F, G, H, I, J);
tuple_params!(A, B, C, D, E, F, G, H, I, J, K);
tuple_params!(A, B, C, D, E, F, G, H, I, J, K, L);
