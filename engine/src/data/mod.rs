//! Tabular data for tables and charts: [`Table`], a columnar table on Apache
//! Arrow.
//!
//! A `Table` is one Arrow [`RecordBatch`] shared by an `Arc`: cloning it,
//! showing it and caching it copy nothing. Columns are typed: integers,
//! floats, booleans, text, dates, naive and zone-aware timestamps (the zone
//! kept by name), durations, with nulls anywhere.
//!
//! Ways in:
//! - [`Table::from_rows`]: a slice of any `Serialize` rows (a struct's fields
//!   become columns, typed by their Rust types).
//! - [`Table::from_csv`] / [`Table::read_csv`]: CSV text or a file, typed per
//!   column (see [`Table::from_csv`] for the rules).
//! - [`Table::from`] an Arrow [`RecordBatch`] you built yourself.
#![cfg_attr(
    feature = "parquet",
    doc = "- [`Table::read_parquet`] / [`Table::from_parquet_bytes`]: a Parquet \
           file or its bytes (brook-engine's `parquet` feature; \
           [`Table::write_parquet`] writes one)."
)]
#![cfg_attr(
    not(feature = "parquet"),
    doc = "- `Table::read_parquet` / `Table::from_parquet_bytes`: a Parquet \
           file or its bytes, with brook-engine's `parquet` feature."
)]
#![cfg_attr(
    feature = "polars",
    doc = "- [`Table::from_polars`] (or `Table::try_from(&df)`): a Polars \
           `DataFrame` (brook-engine's `polars` feature; [`Table::to_polars`] \
           goes back)."
)]
#![cfg_attr(
    not(feature = "polars"),
    doc = "- `Table::from_polars` (or `Table::try_from(&df)`): a Polars \
           `DataFrame`, with brook-engine's `polars` feature."
)]
//!
//! Sorting ([`Table::sort_by`]), filtering ([`Table::filter`],
//! [`Table::filter_mask`]) and casting use Arrow's kernels. For group-by,
//! joins and pivots use Polars (brook's `polars` feature) and pass the
//! result to a chart or table.
//!
//! ```
//! use brook_engine::data::Table;
//! use brook_engine::data::arrow::array::{Array as _, Float64Array};
//!
//! let table = Table::from_csv("name,price\npen,1.5\nink,\nbook,12\n").unwrap();
//! let sorted = table.sort_by("price", true).unwrap();
//! let prices = sorted.column::<Float64Array>("price").unwrap();
//! assert_eq!(prices.value(0), 12.0);
//! assert!(prices.is_null(2)); // nulls last, in both directions
//! ```

mod config;
mod csv;
mod edit;
pub use csv::fast_reads_on_this_thread;
pub use edit::{
    Cell, EditorRow, NumRows, SelectionMode, TableEdits, TableSelection, cell_array, cell_at,
    check_cell, is_editable, missing_required, parse_cell, raw_text,
};
mod csv_lines;
mod rows;
mod show;

#[cfg(any(feature = "parquet", feature = "polars"))]
mod io;

use std::fmt;
use std::sync::Arc;

use arrow_array::cast::AsArray as _;
use arrow_array::{Array, ArrayAccessor, ArrayRef, BooleanArray, RecordBatch};
use arrow_schema::{DataType, Schema, SchemaRef, SortOptions};

pub use config::{Align, ColumnConfig, ColumnFormat, TableConfig};
pub use show::{CellText, column_text};

/// The Arrow crates brook's tables are built on, for typed access to
/// columns and for your own kernels: `arrow::array` (arrays such as
/// `Float64Array`, `StringArray`, `RecordBatch`), `arrow::schema`
/// (`DataType`, `Field`, `Schema`), `arrow::compute` (`cast`, `sort`,
/// `filter`, `cmp`).
pub mod arrow {
    pub use arrow_array as array;
    pub use arrow_schema as schema;
    /// Arrow's compute kernels.
    pub mod compute {
        pub use arrow_cast::cast::{cast, cast_with_options};
        pub use arrow_ord::{cmp, sort};
        pub use arrow_select::{concat, filter, take};
    }
}

/// A columnar table: named, typed Arrow columns of equal length. Cheap to
/// clone (the data is shared).
///
/// Two tables are equal when their schemas and values are; a clone is
/// equal to its original without comparing a value.
#[derive(Clone)]
pub struct Table {
    batch: Arc<RecordBatch>,
}

/// Why data could not become a table, or a table operation could not be
/// done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// A row could not be serialized.
    #[error("the rows cannot be shown as a table: {message}")]
    Rows {
        /// What serde or Arrow said.
        message: String,
    },
    /// The CSV text could not be read.
    #[error("cannot read the CSV: {0}")]
    Csv(String),
    /// A file could not be read or written.
    #[error("cannot {action} {path}: {message}")]
    File {
        /// "read" or "write".
        action: &'static str,
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// No column has this name.
    #[error("the table has no column {name:?}; its columns are {columns:?}")]
    NoColumn {
        /// The name asked for.
        name: String,
        /// The table's columns.
        columns: Vec<String>,
    },
    /// The column is not of the type asked for.
    #[error("column {name:?} holds {found}, not {wanted}")]
    ColumnType {
        /// The column.
        name: String,
        /// Its Arrow type.
        found: String,
        /// The array type asked for.
        wanted: String,
    },
    /// An Arrow kernel refused (a mask of the wrong length, a column that
    /// cannot be sorted).
    #[error("{0}")]
    Arrow(String),
    /// Bytes given as a Parquet file could not be read (not Parquet,
    /// damaged, a codec brook does not read), or a table could not be
    /// written as Parquet. Reading or writing a Parquet *file* fails with
    /// [`DataError::File`] instead, naming the path.
    #[error("cannot read or write the Parquet data: {0}")]
    Parquet(String),
    /// A table could not cross to or from Polars: a column of a type the
    /// other side has no counterpart for (named in the message), or Polars
    /// refused the data.
    #[error("cannot convert between a table and a Polars DataFrame: {0}")]
    Polars(String),
}

impl From<arrow_schema::ArrowError> for DataError {
    fn from(error: arrow_schema::ArrowError) -> Self {
        Self::Arrow(error.to_string())
    }
}

impl Default for Table {
    fn default() -> Self {
        Self::from(RecordBatch::new_empty(Arc::new(Schema::empty())))
    }
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Each column's name, type and first values, as Arrow writes them.
        let options = arrow_cast::display::FormatOptions::default().with_null("null");
        let columns: Vec<(String, String, Vec<String>)> = self
            .batch
            .schema_ref()
            .fields()
            .iter()
            .zip(self.batch.columns())
            .map(|(field, array)| {
                let values = arrow_cast::display::ArrayFormatter::try_new(array.as_ref(), &options)
                    .map(|f| {
                        (0..array.len().min(8))
                            .map(|row| f.value(row).to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                (field.name().clone(), field.data_type().to_string(), values)
            })
            .collect();
        f.debug_struct("Table")
            .field("columns", &columns)
            .field("rows", &self.len())
            .finish()
    }
}

impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.batch, &other.batch) || *self.batch == *other.batch
    }
}

impl From<RecordBatch> for Table {
    fn from(batch: RecordBatch) -> Self {
        Self {
            batch: Arc::new(batch),
        }
    }
}

impl From<Arc<RecordBatch>> for Table {
    fn from(batch: Arc<RecordBatch>) -> Self {
        Self { batch }
    }
}

impl Table {
    /// A table from rows of a serializable type: a struct's fields (or a
    /// map's keys) become columns, in first-seen order, typed by their Rust
    /// types (a `String` field stays text whatever it holds); `Option`s are
    /// nullable; dates and times (chrono's types, brook's `Zoned`) become
    /// date and timestamp columns; nested values become list and struct
    /// columns. A row that is a plain value becomes a single `value` column.
    ///
    /// No rows give a table of no rows and no columns: the fields are read
    /// from the rows, so with none there is nothing to read them from.
    /// `st.dataframe` shows it as an empty table, and column settings for
    /// its (unknown) columns are not an error there.
    ///
    /// # Errors
    /// [`DataError::Rows`] when a row cannot be serialized, or rows disagree
    /// on a field's type.
    pub fn from_rows<T: serde::Serialize>(rows: &[T]) -> Result<Self, DataError> {
        rows::from_rows(rows).map(Self::from)
    }

    /// The rows as values of a `Deserialize` type, the way back of
    /// [`Table::from_rows`]: each column fills the field of its name (a
    /// missing `Option` field is `None`).
    ///
    /// # Errors
    /// [`DataError::Rows`] naming the column whose values do not fit.
    pub fn to_rows<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, DataError> {
        serde_arrow::from_record_batch(&self.batch).map_err(|e| DataError::Rows {
            message: e.to_string(),
        })
    }

    /// A table from CSV text with a header row.
    ///
    /// Each column gets one type, read from all its cells: integers
    /// (`Int64`), floats (`Float64`), booleans (`true`/`false`, any case),
    /// dates (`2026-03-08`), date-times without an offset (naive
    /// timestamps) and with one (`2026-03-08T09:15:00+01:00`: zone-aware
    /// timestamps, in the first cell's offset). A column with any other text
    /// is text, and so is one with a number written with a leading zero
    /// (`007`), which a number could not give back. Empty cells are nulls.
    ///
    /// Large texts are read in parallel on all cores.
    ///
    /// # Errors
    /// [`DataError::Csv`] when the text is not CSV (a row with more cells
    /// than the header, bad quoting).
    pub fn from_csv(text: &str) -> Result<Self, DataError> {
        csv::read_text(text).map(Self::from)
    }

    /// A table from a CSV file, as [`Table::from_csv`].
    ///
    /// # Errors
    /// [`DataError::File`] when the file cannot be read, [`DataError::Csv`]
    /// when it is not CSV.
    pub fn read_csv(path: impl AsRef<std::path::Path>) -> Result<Self, DataError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|error| DataError::File {
            action: "read",
            path: path.display().to_string(),
            message: error.to_string(),
        })?;
        csv::read(&bytes).map(Self::from)
    }

    /// The table as CSV text with a header row: timestamps in RFC 3339,
    /// nulls as empty cells, nested values as Arrow prints them.
    pub fn to_csv(&self) -> String {
        csv::write(&self.batch)
    }

    /// The Arrow record batch behind the table.
    pub fn batch(&self) -> &RecordBatch {
        &self.batch
    }

    /// The batch behind the table, shared.
    pub fn shared_batch(&self) -> Arc<RecordBatch> {
        Arc::clone(&self.batch)
    }

    /// The table's schema: column names and types.
    pub fn schema(&self) -> SchemaRef {
        self.batch.schema()
    }

    /// The column names, in order.
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.batch
            .schema_ref()
            .fields()
            .iter()
            .map(|field| field.name().as_str())
    }

    /// The position of a column.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.batch.schema_ref().index_of(name).ok()
    }

    /// A column as an untyped Arrow array.
    pub fn array(&self, name: &str) -> Option<&ArrayRef> {
        self.batch.column_by_name(name)
    }

    /// A column's Arrow type.
    pub fn data_type(&self, name: &str) -> Option<&DataType> {
        self.column_index(name)
            .map(|index| self.batch.schema_ref().field(index).data_type())
    }

    /// A column as its typed Arrow array, e.g. `Float64Array` for floats,
    /// `Int64Array` for integers, `StringArray` for text, `BooleanArray`,
    /// `Date32Array`, `TimestampMicrosecondArray`.
    ///
    /// # Errors
    /// [`DataError::NoColumn`] naming the columns there are, or
    /// [`DataError::ColumnType`] naming the column's type.
    pub fn column<A: Array + 'static>(&self, name: &str) -> Result<&A, DataError> {
        let array = self.array(name).ok_or_else(|| self.no_column(name))?;
        array
            .as_any()
            .downcast_ref::<A>()
            .ok_or_else(|| DataError::ColumnType {
                name: name.to_owned(),
                found: array.data_type().to_string(),
                wanted: short_type_name::<A>(),
            })
    }

    /// A numeric (or boolean, or decimal) column as floats, nulls where a
    /// value is missing; `None` for a column that is not numeric.
    pub fn numbers(&self, name: &str) -> Option<arrow_array::Float64Array> {
        let array = self.array(name)?;
        let numeric = array.data_type().is_numeric() || *array.data_type() == DataType::Boolean;
        if !numeric {
            return None;
        }
        let cast = arrow_cast::cast(array, &DataType::Float64).ok()?;
        Some(
            cast.as_primitive::<arrow_array::types::Float64Type>()
                .clone(),
        )
    }

    /// The table sorted by a column, ascending or descending, with nulls
    /// last either way (rows with equal values may change places, as with
    /// pandas' default sort). Numbers sort
    /// numerically, text by bytes, zone-aware timestamps by instant (mixed
    /// offsets too).
    ///
    /// # Errors
    /// [`DataError::NoColumn`], or [`DataError::Arrow`] for a column type
    /// that has no order.
    pub fn sort_by(&self, column: &str, descending: bool) -> Result<Self, DataError> {
        let indices = self.sort_indices(column, descending)?;
        self.take(&indices)
    }

    /// The order of rows that [`Table::sort_by`] would give, as row indices
    /// of this table.
    ///
    /// # Errors
    /// As [`Table::sort_by`].
    pub fn sort_indices(
        &self,
        column: &str,
        descending: bool,
    ) -> Result<arrow_array::UInt32Array, DataError> {
        let array = self.array(column).ok_or_else(|| self.no_column(column))?;
        let options = SortOptions {
            descending,
            nulls_first: false,
        };
        // The lexical sort takes the plain sort's path for the types it
        // has, and compares the rest (the struct of instants and zones that
        // `Zoned` values in several zones make) value by value.
        let sort = |values: &ArrayRef| {
            let column = arrow_ord::sort::SortColumn {
                values: Arc::clone(values),
                options: Some(options),
            };
            arrow_ord::sort::lexsort_to_indices(&[column], None)
        };
        if array.len() < ROWS_FOR_A_THREAD || cores() < 2 {
            return Ok(sort(array)?);
        }
        // Each half sorted on its own core, with its values in that order,
        // then the two runs merged (reading both in order, not at random).
        let half = array.len() / 2;
        let Ok(shift) = u32::try_from(half) else {
            return Ok(sort(array)?);
        };
        let halves = [array.slice(0, half), array.slice(half, array.len() - half)];
        let runs = on_cores(&halves, array.len(), |values| {
            let order = sort(values)?;
            let sorted = arrow_select::take::take(values.as_ref(), &order, None)?;
            Ok((order, sorted))
        })?;
        let [(left, left_sorted), (right, right_sorted)] = <[_; 2]>::try_from(runs)
            .map_err(|_| DataError::Arrow("a sort worker gave no result".into()))?;
        let compare =
            arrow_ord::ord::make_comparator(left_sorted.as_ref(), right_sorted.as_ref(), options)?;
        let (left, right) = (left.values(), right.values());
        let mut merged = Vec::with_capacity(array.len());
        let (mut i, mut j) = (0, 0);
        while let (Some(&l), Some(&r)) = (left.get(i), right.get(j)) {
            // Equal values keep the first half first.
            if compare(i, j).is_le() {
                merged.push(l);
                i += 1;
            } else {
                merged.push(r + shift);
                j += 1;
            }
        }
        merged.extend_from_slice(left.get(i..).unwrap_or_default());
        merged.extend(
            right
                .get(j..)
                .unwrap_or_default()
                .iter()
                .map(|&r| r + shift),
        );
        Ok(arrow_array::UInt32Array::from(merged))
    }

    /// The rows at `indices`, in that order.
    ///
    /// # Errors
    /// [`DataError::Arrow`] when an index is out of range.
    pub fn take(&self, indices: &arrow_array::UInt32Array) -> Result<Self, DataError> {
        let columns = on_cores(self.batch.columns(), indices.len(), |column| {
            arrow_select::take::take(column, indices, None)
        })?;
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(indices.len()));
        Ok(Self::from(RecordBatch::try_new_with_options(
            self.batch.schema(),
            columns,
            &options,
        )?))
    }

    /// The rows where `mask` is true (null counts as false).
    ///
    /// # Errors
    /// [`DataError::Arrow`] when the mask's length is not the table's.
    pub fn filter_mask(&self, mask: &BooleanArray) -> Result<Self, DataError> {
        if mask.len() != self.len() {
            return Err(DataError::Arrow(format!(
                "the filter mask has {} values but the table has {} rows",
                mask.len(),
                self.len()
            )));
        }
        let predicate = arrow_select::filter::FilterBuilder::new(mask)
            .optimize()
            .build();
        let rows = predicate.count();
        let columns = on_cores(self.batch.columns(), self.len(), |column| {
            predicate.filter(column)
        })?;
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        Ok(Self::from(RecordBatch::try_new_with_options(
            self.batch.schema(),
            columns,
            &options,
        )?))
    }

    /// The rows whose value in `column` passes `keep`; the column is read as
    /// the array type `A` and `keep` sees each value (`None` for null).
    ///
    /// ```
    /// use brook_engine::data::Table;
    /// use brook_engine::data::arrow::array::{Float64Array, StringViewArray};
    ///
    /// let table = Table::from_csv("kind,price\npen,1.5\nink,3\npen,2\n").unwrap();
    /// let pens = table.filter::<StringViewArray>("kind", |kind| kind == Some("pen")).unwrap();
    /// assert_eq!(pens.len(), 2);
    /// let cheap = table.filter::<Float64Array>("price", |p| p.is_some_and(|p| p < 2.0)).unwrap();
    /// assert_eq!(cheap.len(), 1);
    /// ```
    ///
    /// # Errors
    /// As [`Table::column`].
    pub fn filter<A>(
        &self,
        column: &str,
        mut keep: impl for<'a> FnMut(Option<<&'a A as ArrayAccessor>::Item>) -> bool,
    ) -> Result<Self, DataError>
    where
        A: Array + 'static,
        for<'a> &'a A: ArrayAccessor,
    {
        let array = self.column::<A>(column)?;
        let mask: BooleanArray = (0..array.len())
            .map(|row| {
                let value = (!array.is_null(row)).then(|| array.value(row));
                Some(keep(value))
            })
            .collect();
        self.filter_mask(&mask)
    }

    /// The first `n` rows (all when fewer).
    pub fn head(&self, n: usize) -> Self {
        self.slice(0, n)
    }

    /// `len` rows from `offset` (fewer at the end; none past it).
    pub fn slice(&self, offset: usize, len: usize) -> Self {
        let offset = offset.min(self.len());
        let len = len.min(self.len() - offset);
        Self::from(self.batch.slice(offset, len))
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.batch.num_rows()
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.batch.num_rows() == 0
    }

    /// The number of columns.
    pub fn num_columns(&self) -> usize {
        self.batch.num_columns()
    }

    /// A cell as brook shows it by default (see [`CellText`]); empty for a
    /// null or a cell out of range.
    pub fn cell_text(&self, row: usize, column: &str) -> String {
        let Some(array) = self.array(column) else {
            return String::new();
        };
        if row >= array.len() {
            return String::new();
        }
        CellText::new(array.as_ref(), None).text(row)
    }

    /// Every cell of a column as brook shows it by default; `None` when
    /// there is no such column.
    pub fn column_text(&self, name: &str) -> Option<Vec<String>> {
        self.array(name)
            .map(|array| column_text(array.as_ref(), None))
    }

    /// Every cell of a row as brook shows it by default, one per column;
    /// empty past the last row.
    pub fn row_text(&self, row: usize) -> Vec<String> {
        if row >= self.len() {
            return Vec::new();
        }
        self.batch
            .columns()
            .iter()
            .map(|array| CellText::new(array.as_ref(), None).text(row))
            .collect()
    }

    /// The same table, shared: true when `other` is a clone of this one
    /// (no values compared).
    pub fn same_as(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.batch, &other.batch)
    }

    fn no_column(&self, name: &str) -> DataError {
        DataError::NoColumn {
            name: name.to_owned(),
            columns: self.column_names().map(str::to_owned).collect(),
        }
    }
}

fn short_type_name<A>() -> String {
    let full = std::any::type_name::<A>();
    // "arrow_array::array::primitive_array::PrimitiveArray<arrow_array::
    // types::Float64Type>" reads better as "PrimitiveArray<Float64Type>".
    let mut out = String::new();
    for part in full.split_inclusive(['<', '>', ',']) {
        let (path, tail) = match part.char_indices().last() {
            Some((at, '<' | '>' | ',')) => part.split_at(at),
            _ => (part, ""),
        };
        out.push_str(path.rsplit("::").next().unwrap_or(path));
        out.push_str(tail);
    }
    out
}

/// What tables and charts take: a [`Table`] (by reference: shared, not
/// copied), a slice or `Vec` of `Serialize` rows (converted on each run:
/// for large data, build the `Table` once in a `#[cache_data]` function),
/// an Arrow [`RecordBatch`], or with the `polars` feature a Polars
/// `DataFrame`.
pub trait IntoTable {
    /// The data as a table.
    ///
    /// # Errors
    /// Why the data cannot be a table (see [`DataError`]).
    fn into_table(self) -> Result<Table, DataError>;
}

impl IntoTable for Table {
    fn into_table(self) -> Result<Table, DataError> {
        Ok(self)
    }
}

impl IntoTable for &Table {
    fn into_table(self) -> Result<Table, DataError> {
        Ok(self.clone())
    }
}

impl IntoTable for &crate::caching::Cached<Table> {
    fn into_table(self) -> Result<Table, DataError> {
        Ok((**self).clone())
    }
}

impl IntoTable for RecordBatch {
    fn into_table(self) -> Result<Table, DataError> {
        Ok(Table::from(self))
    }
}

impl IntoTable for &RecordBatch {
    fn into_table(self) -> Result<Table, DataError> {
        Ok(Table::from(self.clone()))
    }
}

impl<T: serde::Serialize> IntoTable for &[T] {
    fn into_table(self) -> Result<Table, DataError> {
        Table::from_rows(self)
    }
}

impl<T: serde::Serialize> IntoTable for &Vec<T> {
    fn into_table(self) -> Result<Table, DataError> {
        Table::from_rows(self)
    }
}

impl<T: serde::Serialize, const N: usize> IntoTable for &[T; N] {
    fn into_table(self) -> Result<Table, DataError> {
        Table::from_rows(self)
    }
}

impl<T: IntoTable> IntoTable for Result<T, DataError> {
    fn into_table(self) -> Result<Table, DataError> {
        self.and_then(IntoTable::into_table)
    }
}

/// A table serializes as Arrow IPC stream bytes: exact types, zones and
/// nulls survive a round trip (the disk cache, a snapshot of the tree).
impl serde::Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::new();
        let written = (|| {
            let mut writer =
                arrow_ipc::writer::StreamWriter::try_new(&mut bytes, self.batch.schema_ref())?;
            writer.write(&self.batch)?;
            writer.finish()
        })();
        written.map_err(serde::ser::Error::custom)?;
        serializer.serialize_bytes(&bytes)
    }
}

impl<'de> serde::Deserialize<'de> for Table {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Arrow IPC stream bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Vec<u8>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(byte) = seq.next_element::<u8>()? {
                    out.push(byte);
                }
                Ok(out)
            }
        }
        let bytes = deserializer.deserialize_byte_buf(Bytes)?;
        read_ipc(&bytes).map_err(serde::de::Error::custom)
    }
}

/// The batch with its text columns (`Utf8`, `LargeUtf8`) as string views
/// (`Utf8View`), brook's one type of text: views share the text's bytes,
/// and sorting or filtering moves the 16-byte views, not the text.
pub(crate) fn text_as_views(batch: RecordBatch) -> Result<RecordBatch, DataError> {
    let schema = batch.schema();
    let is_text = |t: &DataType| matches!(t, DataType::Utf8 | DataType::LargeUtf8);
    if !schema.fields().iter().any(|f| is_text(f.data_type())) {
        return Ok(batch);
    }
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        if is_text(field.data_type()) {
            columns.push(arrow_cast::cast(column, &DataType::Utf8View)?);
            fields.push(field.as_ref().clone().with_data_type(DataType::Utf8View));
        } else {
            columns.push(Arc::clone(column));
            fields.push(field.as_ref().clone());
        }
    }
    let schema = Schema::new_with_metadata(fields, schema.metadata().clone());
    Ok(RecordBatch::try_new(Arc::new(schema), columns)?)
}

/// Work on fewer rows than this is not worth a thread.
const ROWS_FOR_A_THREAD: usize = 64 * 1024;

/// The cores this process may use (1 when that cannot be known).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `work` on each column, the columns shared between the cores when there
/// are `rows` enough to be worth a thread; the results in column order.
fn on_cores<R: Send>(
    columns: &[ArrayRef],
    rows: usize,
    work: impl Fn(&ArrayRef) -> Result<R, arrow_schema::ArrowError> + Sync,
) -> Result<Vec<R>, DataError> {
    if cores() < 2 || columns.len() < 2 || rows < ROWS_FOR_A_THREAD {
        return Ok(columns.iter().map(&work).collect::<Result<_, _>>()?);
    }
    // Two shares of about equal bytes: this thread takes one, a helper the
    // other (the work is memory-bound, and page faults are per thread).
    let weight = |column: &ArrayRef| column.get_buffer_memory_size().max(1);
    let total: usize = columns.iter().map(weight).sum();
    let mut first = 0;
    let mut split = 0;
    for column in columns {
        if first * 2 >= total {
            break;
        }
        first += weight(column);
        split += 1;
    }
    let (mine, theirs) = columns.split_at(split.min(columns.len()));
    std::thread::scope(|scope| {
        let work = &work;
        let helper = std::thread::Builder::new()
            .name("brook-table".into())
            .spawn_scoped(scope, move || {
                theirs.iter().map(work).collect::<Result<Vec<_>, _>>()
            });
        let mut done: Vec<R> = mine.iter().map(work).collect::<Result<_, _>>()?;
        let rest = match helper {
            Ok(helper) => helper.join().unwrap_or_else(|_| {
                Err(arrow_schema::ArrowError::ComputeError(
                    "a table worker stopped unexpectedly".into(),
                ))
            })?,
            Err(_) => theirs.iter().map(work).collect::<Result<Vec<_>, _>>()?,
        };
        done.extend(rest);
        Ok(done)
    })
}

/// A table from Arrow IPC stream bytes (all batches, concatenated).
pub(crate) fn read_ipc(bytes: &[u8]) -> Result<Table, DataError> {
    let reader = arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None)?;
    let schema = reader.schema();
    let batches = reader.collect::<Result<Vec<_>, _>>()?;
    // One batch (the usual case) is taken as it is, not copied.
    let batch = match <[RecordBatch; 1]>::try_from(batches) {
        Ok([batch]) => batch,
        Err(batches) => arrow_select::concat::concat_batches(&schema, &batches)?,
    };
    Ok(Table::from(batch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Float64Array, Int64Array, StringViewArray};
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        size: u32,
        tags: Vec<&'static str>,
    }

    #[test]
    fn rows_become_typed_columns() {
        let table = Table::from_rows(&[
            Row {
                name: "a",
                size: 2,
                tags: vec!["x"],
            },
            Row {
                name: "b",
                size: 1,
                tags: vec![],
            },
        ])
        .unwrap_or_default();
        assert_eq!(
            table.column_names().collect::<Vec<_>>(),
            ["name", "size", "tags"]
        );
        assert_eq!(table.cell_text(0, "tags"), "[x]");
        let sorted = table.sort_by("size", false).unwrap_or_default();
        assert_eq!(sorted.cell_text(0, "name"), "b");
    }

    #[test]
    fn csv_round_trips_with_types() {
        let table =
            Table::from_csv("city,pop,big\nOslo,709000,true\nBergen,,false\n").unwrap_or_default();
        let pop = table.column::<Int64Array>("pop").ok().cloned();
        assert_eq!(pop, Some(Int64Array::from(vec![Some(709_000), None])));
        assert_eq!(
            table.to_csv(),
            "city,pop,big\nOslo,709000,true\nBergen,,false\n"
        );
    }

    #[test]
    fn a_column_of_the_wrong_type_is_named() {
        let table = Table::from_csv("a\n1.5\n").unwrap_or_default();
        let error = table
            .column::<StringViewArray>("a")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("column \"a\" holds Float64, not GenericByteViewArray<StringViewType>")
        );
        assert!(table.column::<Float64Array>("b").is_err());
    }

    #[test]
    fn serde_round_trips_through_ron() {
        let table = Table::from_csv("a,b\n1,x\n,y\n").unwrap_or_default();
        let text = ron::to_string(&table).unwrap_or_default();
        let back: Table = ron::from_str(&text).unwrap_or_default();
        assert_eq!(back, table);
        assert!(!back.same_as(&table));
    }
}
