//! Editing a table and selecting in it: the cells a person changed, the
//! rows they added and deleted (Streamlit's `data_editor` state), applied
//! to a [`Table`]; and the rows, columns and cells they selected in an
//! interactive dataframe.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::cast::AsArray as _;
use arrow_array::types::{
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{Array, ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray};
use arrow_schema::{DataType, TimeUnit};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _};
use serde::{Deserialize, Serialize};

use super::config::ColumnConfig;
use super::{DataError, Table, TableConfig};

/// One cell's value as a person typed, pasted or picked it in a data
/// editor, or as a script gives it.
///
/// Numbers are `Int` or `Float`, booleans `Bool`, text `Text`. Dates,
/// times and date-times are `Text` in ISO 8601: `2026-03-01`, `09:30:00`,
/// `2026-03-01T09:30:00` (a column without a zone), and
/// `2026-03-01T09:30:00+01:00` (a column with a zone: the wall-clock time
/// in the column's zone and its offset then).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// An empty cell (a null).
    Null,
    /// A checkbox cell.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text; also dates and times in ISO 8601.
    Text(String),
}

impl Cell {
    /// Empty: a null, or text of only spaces (what a `required` column
    /// refuses).
    pub fn is_blank(&self) -> bool {
        match self {
            Self::Null => true,
            Self::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

impl From<bool> for Cell {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Self::Int(value)
    }
}

impl From<i32> for Cell {
    fn from(value: i32) -> Self {
        Self::Int(i64::from(value))
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Into::into)
    }
}

/// A row of a data editor as the person sees it: a row of the table it
/// was given (by its position there), or a row they added (by its place
/// among the added rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EditorRow {
    /// The row at this position in the editor's input table.
    Data(usize),
    /// The added row at this place in [`TableEdits::added_rows`].
    Added(usize),
}

/// What a person changed in a data editor, in Streamlit's shape: the
/// edited cells of the input table's rows (by row position, then column
/// name), the rows they added (column name to value), and the input rows
/// they deleted (positions, ascending). Session state holds it under the
/// editor's key; the editor returns the input table with it applied.
///
/// ```
/// use brook_engine::data::{Cell, Table, TableConfig, TableEdits};
///
/// let table = Table::from_csv("item,qty\npen,1\nink,2\ncap,3\n").unwrap();
/// let mut edits = TableEdits::default();
/// edits.edited_rows.entry(0).or_default().insert("qty".into(), Cell::Int(5));
/// edits.added_rows.push([("item".to_owned(), Cell::from("pad"))].into());
/// edits.deleted_rows.push(1);
/// let edited = table.with_edits(&edits, &TableConfig::default()).unwrap();
/// assert_eq!(edited.column_text("item").unwrap(), ["pen", "cap", "pad"]);
/// assert_eq!(edited.column_text("qty").unwrap(), ["5", "3", ""]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableEdits {
    /// Changed cells: input row position → column name → new value.
    pub edited_rows: BTreeMap<usize, BTreeMap<String, Cell>>,
    /// Added rows, in the order added: column name → value (a column not
    /// named takes its default, or is empty).
    pub added_rows: Vec<BTreeMap<String, Cell>>,
    /// Deleted input rows, by position, ascending.
    pub deleted_rows: Vec<usize>,
}

impl TableEdits {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.edited_rows.is_empty() && self.added_rows.is_empty() && self.deleted_rows.is_empty()
    }

    /// The number of rows the editor shows for an input of `len` rows.
    pub fn shown_rows(&self, len: usize) -> usize {
        len.saturating_sub(self.deleted_rows.len()) + self.added_rows.len()
    }

    /// The row shown at place `shown` (counting from 0) for an input of
    /// `len` rows: input rows that are not deleted, in order, then the
    /// added rows. `None` past the end.
    pub fn row_at(&self, shown: usize, len: usize) -> Option<EditorRow> {
        let kept = len.saturating_sub(self.deleted_rows.len());
        if shown >= kept {
            let added = shown - kept;
            return (added < self.added_rows.len()).then_some(EditorRow::Added(added));
        }
        // The input row: `shown` plus the deleted rows at or before it.
        let mut row = shown;
        for &deleted in &self.deleted_rows {
            if deleted <= row {
                row += 1;
            } else {
                break;
            }
        }
        Some(EditorRow::Data(row))
    }

    /// The place at which `row` is shown, for an input of `len` rows
    /// (`None` for a deleted or unknown row).
    pub fn place_of(&self, row: EditorRow, len: usize) -> Option<usize> {
        match row {
            EditorRow::Data(row) if row < len => match self.deleted_rows.binary_search(&row) {
                Ok(_) => None,
                Err(before) => Some(row - before),
            },
            EditorRow::Data(_) => None,
            EditorRow::Added(at) => (at < self.added_rows.len())
                .then(|| len.saturating_sub(self.deleted_rows.len()) + at),
        }
    }

    /// The edited value of a cell, if it was edited (or the cell of an
    /// added row, if it was given).
    pub fn cell(&self, row: EditorRow, column: &str) -> Option<&Cell> {
        match row {
            EditorRow::Data(row) => self.edited_rows.get(&row)?.get(column),
            EditorRow::Added(at) => self.added_rows.get(at)?.get(column),
        }
    }

    /// Sets a cell of `row`.
    pub fn set(&mut self, row: EditorRow, column: &str, value: Cell) {
        match row {
            EditorRow::Data(row) => {
                self.edited_rows
                    .entry(row)
                    .or_default()
                    .insert(column.to_owned(), value);
            }
            EditorRow::Added(at) => {
                if let Some(added) = self.added_rows.get_mut(at) {
                    added.insert(column.to_owned(), value);
                }
            }
        }
    }

    /// Deletes rows: an input row is marked deleted (its edits dropped),
    /// an added row is removed.
    pub fn delete(&mut self, rows: &[EditorRow]) {
        let mut added: Vec<usize> = Vec::new();
        for row in rows {
            match *row {
                EditorRow::Data(row) => {
                    self.edited_rows.remove(&row);
                    if let Err(at) = self.deleted_rows.binary_search(&row) {
                        self.deleted_rows.insert(at, row);
                    }
                }
                EditorRow::Added(at) => added.push(at),
            }
        }
        added.sort_unstable();
        added.dedup();
        for at in added.into_iter().rev() {
            if at < self.added_rows.len() {
                self.added_rows.remove(at);
            }
        }
    }
}

/// Whether a person can add and delete rows in a data editor
/// (Streamlit's `num_rows`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NumRows {
    /// Cells can be edited; rows cannot be added or deleted.
    #[default]
    Fixed,
    /// Rows can be added (the "Add row" button, or pasting past the last
    /// row) and deleted (select them by their number, then Delete).
    Dynamic,
}

/// What a person selected in an interactive dataframe: rows by their
/// position in the table given to it (whatever order the person sorted
/// the view in), columns by name, cells by both. Ascending rows; columns
/// and cells in the order selected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSelection {
    /// Selected rows, ascending positions in the table.
    pub rows: Vec<usize>,
    /// Selected columns, by name.
    pub columns: Vec<String>,
    /// Selected cells: (row position, column name).
    pub cells: Vec<(usize, String)>,
}

impl TableSelection {
    /// Nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.columns.is_empty() && self.cells.is_empty()
    }
}

/// What a person can select in an interactive dataframe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelectionMode {
    /// One row at a time (a click selects it, a click on it again clears).
    #[default]
    SingleRow,
    /// Any number of rows (a click toggles a row; Shift+click a range).
    MultiRow,
    /// One column at a time, by a click on its header.
    SingleColumn,
    /// Any number of columns.
    MultiColumn,
    /// One cell at a time.
    SingleCell,
    /// Any number of cells.
    MultiCell,
}

impl SelectionMode {
    /// Selects rows.
    pub fn rows(self) -> bool {
        matches!(self, Self::SingleRow | Self::MultiRow)
    }
    /// Selects columns.
    pub fn columns(self) -> bool {
        matches!(self, Self::SingleColumn | Self::MultiColumn)
    }
    /// Selects cells.
    pub fn cells(self) -> bool {
        matches!(self, Self::SingleCell | Self::MultiCell)
    }
    /// More than one at a time.
    pub fn multiple(self) -> bool {
        matches!(self, Self::MultiRow | Self::MultiColumn | Self::MultiCell)
    }
}

/// Whether a data editor can edit a column of this type: booleans,
/// numbers, text, dates, times and date-times (with or without a zone).
pub fn is_editable(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Boolean
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Float16
            | DataType::Float32
            | DataType::Float64
            | DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Date32
            | DataType::Date64
            | DataType::Time32(_)
            | DataType::Time64(_)
            | DataType::Timestamp(..)
            | DataType::Decimal128(..)
    )
}

fn is_integer(data_type: &DataType) -> bool {
    data_type.is_integer()
}

fn is_float(data_type: &DataType) -> bool {
    data_type.is_floating() || matches!(data_type, DataType::Decimal128(..))
}

fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// A cell of `array` as a [`Cell`]: what a data editor starts from, and
/// what a copy of the cell holds.
pub fn cell_at(array: &dyn Array, row: usize) -> Cell {
    if row >= array.len() || array.is_null(row) {
        return Cell::Null;
    }
    let data_type = array.data_type();
    match data_type {
        DataType::Boolean => Cell::Bool(array.as_boolean().value(row)),
        _ if is_integer(data_type) || is_float(data_type) => {
            match arrow_cast::cast(&array.slice(row, 1), &DataType::Float64) {
                Ok(float) if is_integer(data_type) => {
                    let value = float
                        .as_primitive::<arrow_array::types::Float64Type>()
                        .value(0);
                    match arrow_cast::cast(&array.slice(row, 1), &DataType::Int64) {
                        Ok(int) if !int.is_null(0) => {
                            Cell::Int(int.as_primitive::<arrow_array::types::Int64Type>().value(0))
                        }
                        _ => Cell::Float(value),
                    }
                }
                Ok(float) => Cell::Float(
                    float
                        .as_primitive::<arrow_array::types::Float64Type>()
                        .value(0),
                ),
                Err(_) => Cell::Text(raw_text(array, row)),
            }
        }
        _ => Cell::Text(raw_text(array, row)),
    }
}

/// A cell as text to edit or to copy: plain numbers (no column format),
/// `true`/`false`, ISO dates and times, date-times in their column's zone
/// with its offset; empty for a null.
pub fn raw_text(array: &dyn Array, row: usize) -> String {
    if row >= array.len() || array.is_null(row) {
        return String::new();
    }
    match array.data_type() {
        DataType::Timestamp(unit, zone) => {
            let nanos = match unit {
                TimeUnit::Second => array
                    .as_primitive::<TimestampSecondType>()
                    .value(row)
                    .checked_mul(1_000_000_000),
                TimeUnit::Millisecond => array
                    .as_primitive::<TimestampMillisecondType>()
                    .value(row)
                    .checked_mul(1_000_000),
                TimeUnit::Microsecond => array
                    .as_primitive::<TimestampMicrosecondType>()
                    .value(row)
                    .checked_mul(1_000),
                TimeUnit::Nanosecond => {
                    Some(array.as_primitive::<TimestampNanosecondType>().value(row))
                }
            };
            let Some(utc) = nanos.map(chrono::DateTime::from_timestamp_nanos) else {
                return String::new();
            };
            match zone.as_deref().map(parse_zone) {
                None => format_naive(utc.naive_utc()),
                Some(Ok(zone)) => {
                    let local = utc.with_timezone(&zone);
                    format!(
                        "{}{}",
                        format_naive(local.naive_local()),
                        local.format("%:z")
                    )
                }
                Some(Err(_)) => format!("{}Z", format_naive(utc.naive_utc())),
            }
        }
        _ => {
            let options = arrow_cast::display::FormatOptions::default();
            arrow_cast::display::ArrayFormatter::try_new(array, &options)
                .map(|formatter| formatter.value(row).to_string())
                .unwrap_or_default()
        }
    }
}

/// A date-time without zone in ISO 8601, seconds always, fractions only
/// when there are some.
fn format_naive(at: NaiveDateTime) -> String {
    if at.and_utc().timestamp_subsec_nanos() == 0 {
        at.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }
}

/// An Arrow zone: an IANA name or a fixed offset ("+01:00").
fn parse_zone(zone: &str) -> Result<arrow_array::timezone::Tz, String> {
    zone.parse::<arrow_array::timezone::Tz>()
        .map_err(|err| format!("the column's zone {zone:?} is not known: {err}"))
}

/// The value a person typed (or pasted) into a cell of a column of
/// `data_type`, as a [`Cell`]; why not, in words for the person, when it
/// does not fit the column (text in a number column, a date that does not
/// exist, a time that a zone skips).
///
/// Empty text is an empty cell. Booleans accept `true`/`false`,
/// `yes`/`no`, `1`/`0`; whole numbers and numbers their usual forms
/// (`1e3`, `-2.5`); dates `YYYY-MM-DD`; times `HH:MM` or `HH:MM:SS`;
/// date-times `YYYY-MM-DD HH:MM[:SS]` (or with `T`), read as the
/// wall-clock time in the column's zone, or with an explicit offset.
///
/// # Errors
/// A message saying what the column takes.
pub fn parse_cell(data_type: &DataType, text: &str) -> Result<Cell, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() && !is_text(data_type) {
        return Ok(Cell::Null);
    }
    if text.is_empty() {
        return Ok(Cell::Null);
    }
    match data_type {
        DataType::Boolean => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "x" | "✓" => Ok(Cell::Bool(true)),
            "false" | "no" | "n" | "0" => Ok(Cell::Bool(false)),
            _ => Err(format!("\"{trimmed}\" is not true or false.")),
        },
        _ if is_integer(data_type) => match trimmed.parse::<i64>() {
            Ok(value) => Ok(Cell::Int(value)),
            Err(_) => match trimmed.parse::<f64>() {
                Ok(value) if value.fract() == 0.0 && value.abs() < 9.0e15 =>
                {
                    #[allow(
                        clippy::cast_possible_truncation,
                        reason = "checked whole and in range"
                    )]
                    Ok(Cell::Int(value as i64))
                }
                _ => Err(format!("\"{trimmed}\" is not a whole number.")),
            },
        },
        _ if is_float(data_type) => match trimmed.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Cell::Float(value)),
            _ => Err(format!("\"{trimmed}\" is not a number.")),
        },
        _ if is_text(data_type) => Ok(Cell::Text(text.to_owned())),
        DataType::Date32 | DataType::Date64 => NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
            .map(|date| Cell::Text(date.format("%Y-%m-%d").to_string()))
            .map_err(|_| format!("\"{trimmed}\" is not a date (YYYY-MM-DD).")),
        DataType::Time32(_) | DataType::Time64(_) => parse_time(trimmed)
            .map(|time| Cell::Text(time.format("%H:%M:%S%.f").to_string()))
            .ok_or_else(|| format!("\"{trimmed}\" is not a time of day (HH:MM or HH:MM:SS).")),
        DataType::Timestamp(_, zone) => parse_date_time(trimmed, zone.as_deref()).map(Cell::Text),
        other => Err(format!(
            "Cells of {other} cannot be edited: the column is shown read-only."
        )),
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
}

/// A date-time as the normalized text a [`Cell`] holds for a column with
/// `zone` (see [`Cell`]).
fn parse_date_time(text: &str, zone: Option<&str>) -> Result<String, String> {
    let wrong = || {
        format!(
            "\"{text}\" is not a date and time (YYYY-MM-DD HH:MM, or with seconds, or with an offset like +01:00)."
        )
    };
    // With an explicit offset: that instant.
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text)
        .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z"))
        .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M%:z"))
        .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
    {
        return match zone {
            None => Ok(format_naive(at.naive_utc())),
            Some(zone) => {
                let zone = parse_zone(zone)?;
                let local = at.with_timezone(&zone);
                Ok(format!(
                    "{}{}",
                    format_naive(local.naive_local()),
                    local.format("%:z")
                ))
            }
        };
    }
    let naive = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|date| date.and_hms_opt(0, 0, 0))
    })
    .ok_or_else(wrong)?;
    let Some(zone_name) = zone else {
        return Ok(format_naive(naive));
    };
    let zone = parse_zone(zone_name)?;
    match zone.from_local_datetime(&naive) {
        chrono::LocalResult::Single(at) => Ok(format!(
            "{}{}",
            format_naive(at.naive_local()),
            at.format("%:z")
        )),
        chrono::LocalResult::Ambiguous(early, late) => Err(format!(
            "{} happens twice in {zone_name} (the clocks go back): type it with its offset, {} or {}.",
            format_naive(naive),
            early.format("%:z"),
            late.format("%:z")
        )),
        chrono::LocalResult::None => Err(format!(
            "{} does not exist in {zone_name} (the clocks skip it).",
            format_naive(naive)
        )),
    }
}

/// `cell` made fit for a column of `data_type` with `config`'s rules, or
/// why it does not fit: numbers in their column's kind (a whole `Float`
/// in an integer column becomes `Int`), text parsed for number, boolean
/// and date columns as [`parse_cell`] does, then the column's `required`,
/// `min`, `max`, `max_chars` and `options` checked; a time finer than its
/// column keeps (a fraction of a second in a column of whole seconds) is
/// refused rather than cut.
///
/// # Errors
/// A message for the person, naming the rule the value breaks.
pub fn check_cell(
    data_type: &DataType,
    config: Option<&ColumnConfig>,
    cell: &Cell,
) -> Result<Cell, String> {
    if !is_editable(data_type) {
        return Err(format!(
            "Cells of {data_type} cannot be edited: the column is shown read-only."
        ));
    }
    let cell = match cell {
        Cell::Null => Cell::Null,
        Cell::Text(text) if !is_text(data_type) => parse_cell(data_type, text)?,
        Cell::Text(text) => Cell::Text(text.clone()),
        Cell::Bool(value) if *data_type == DataType::Boolean => Cell::Bool(*value),
        Cell::Bool(value) if is_text(data_type) => Cell::Text(value.to_string()),
        Cell::Int(value) if is_integer(data_type) => Cell::Int(*value),
        #[allow(clippy::cast_precision_loss, reason = "a float column takes floats")]
        Cell::Int(value) if is_float(data_type) => Cell::Float(*value as f64),
        Cell::Float(value) if is_float(data_type) && value.is_finite() => Cell::Float(*value),
        Cell::Float(value) if is_integer(data_type) && value.fract() == 0.0 =>
        {
            #[allow(
                clippy::cast_possible_truncation,
                reason = "whole; checked by the cast below"
            )]
            Cell::Int(*value as i64)
        }
        Cell::Int(value) if is_text(data_type) => Cell::Text(value.to_string()),
        Cell::Float(value) if is_text(data_type) => Cell::Text(value.to_string()),
        other => {
            return Err(format!(
                "{} does not fit a column of {}.",
                describe(other),
                kind_of(data_type)
            ));
        }
    };
    let config = config.cloned().unwrap_or_default();
    if config.required && cell.is_blank() {
        return Err("This column is required: type a value.".to_owned());
    }
    if cell == Cell::Null {
        return Ok(cell);
    }
    let number = match &cell {
        #[allow(clippy::cast_precision_loss, reason = "compared with bounds")]
        Cell::Int(value) => Some(*value as f64),
        Cell::Float(value) => Some(*value),
        _ => None,
    };
    if let Some(number) = number {
        if let Some(min) = config.min
            && number < min
        {
            return Err(format!("{number} is below the minimum, {min}."));
        }
        if let Some(max) = config.max
            && number > max
        {
            return Err(format!("{number} is above the maximum, {max}."));
        }
    }
    if let Cell::Text(text) = &cell {
        if let Some(max) = config.max_chars
            && text.chars().count() > max
        {
            return Err(format!(
                "The text has {} characters; at most {max} are allowed.",
                text.chars().count()
            ));
        }
        if let Some(options) = &config.options
            && !options.contains(text)
        {
            return Err(format!("\"{text}\" is not one of the options {options:?}."));
        }
    }
    // The value must also fit the column's own type (an i64 in an Int8).
    let kept = cell_array(data_type, &cell)?;
    // A time finer than the column keeps is refused, not cut.
    if let Some((finest, unit)) = finest_time(data_type)
        && let Ok(exact) = cell_array(&finest, &cell)
        && arrow_cast::cast(&kept, &finest).is_ok_and(|kept| kept.as_ref() != exact.as_ref())
    {
        return Err(format!(
            "{} is finer than the column keeps ({unit}).",
            describe(&cell)
        ));
    }
    Ok(cell)
}

/// For a time or date-time column that keeps less than nanoseconds: the
/// same column in nanoseconds, and what the column keeps, in words.
fn finest_time(data_type: &DataType) -> Option<(DataType, &'static str)> {
    let unit = |unit: &TimeUnit| match unit {
        TimeUnit::Second => Some("whole seconds"),
        TimeUnit::Millisecond => Some("milliseconds"),
        TimeUnit::Microsecond => Some("microseconds"),
        TimeUnit::Nanosecond => None,
    };
    match data_type {
        DataType::Timestamp(u, zone) => Some((
            DataType::Timestamp(TimeUnit::Nanosecond, zone.clone()),
            unit(u)?,
        )),
        DataType::Time32(u) | DataType::Time64(u) => {
            Some((DataType::Time64(TimeUnit::Nanosecond), unit(u)?))
        }
        _ => None,
    }
}

fn describe(cell: &Cell) -> String {
    match cell {
        Cell::Null => "An empty cell".to_owned(),
        Cell::Bool(value) => format!("The boolean {value}"),
        Cell::Int(value) => format!("The number {value}"),
        Cell::Float(value) => format!("The number {value}"),
        Cell::Text(text) => format!("The text \"{text}\""),
    }
}

fn kind_of(data_type: &DataType) -> &'static str {
    match data_type {
        DataType::Boolean => "booleans",
        _ if is_integer(data_type) => "whole numbers",
        _ if is_float(data_type) => "numbers",
        _ if is_text(data_type) => "text",
        DataType::Date32 | DataType::Date64 => "dates",
        DataType::Time32(_) | DataType::Time64(_) => "times",
        DataType::Timestamp(..) => "date-times",
        _ => "values that cannot be edited",
    }
}

/// A one-row array of `data_type` holding `cell`.
///
/// # Errors
/// When the value does not fit the type (too large for the column's
/// integers, text that does not parse).
pub fn cell_array(data_type: &DataType, cell: &Cell) -> Result<ArrayRef, String> {
    let source: ArrayRef = match cell {
        Cell::Null => return Ok(arrow_array::new_null_array(data_type, 1)),
        Cell::Bool(value) => Arc::new(BooleanArray::from(vec![*value])),
        Cell::Int(value) => Arc::new(Int64Array::from(vec![*value])),
        Cell::Float(value) => Arc::new(Float64Array::from(vec![*value])),
        Cell::Text(text) => Arc::new(StringArray::from(vec![text.as_str()])),
    };
    let options = arrow_cast::CastOptions {
        safe: false,
        ..Default::default()
    };
    arrow_cast::cast_with_options(&source, data_type, &options).map_err(|err| {
        format!(
            "{} does not fit a column of {} ({err}).",
            describe(cell),
            kind_of(data_type)
        )
    })
}

/// The first added row of `edits` that lacks a value its column
/// requires (none given, and no non-blank default in `config`): its place
/// among the added rows and the column's name.
pub fn missing_required<'a>(
    columns: impl IntoIterator<Item = &'a str>,
    config: &TableConfig,
    edits: &TableEdits,
) -> Option<(usize, String)> {
    let required: Vec<&str> = columns
        .into_iter()
        .filter(|name| {
            config
                .column(name)
                .is_some_and(|c| c.required && c.default.as_ref().is_none_or(Cell::is_blank))
        })
        .collect();
    edits.added_rows.iter().enumerate().find_map(|(at, row)| {
        required
            .iter()
            .find(|name| row.get(**name).is_none_or(Cell::is_blank))
            .map(|name| (at, (*name).to_owned()))
    })
}

impl Table {
    /// This table with `edits` applied (see [`TableEdits`]): edited cells
    /// replaced, added rows appended (a cell not given takes its column's
    /// default from `config`, or is empty), deleted rows removed. Only the
    /// columns with edited cells are rebuilt when no rows are added or
    /// deleted; the others are shared with this table.
    ///
    /// # Errors
    /// [`DataError::Arrow`] when a value does not fit its column, or an
    /// edit names a row or column the table does not have.
    pub fn with_edits(&self, edits: &TableEdits, config: &TableConfig) -> Result<Self, DataError> {
        if edits.is_empty() {
            return Ok(self.clone());
        }
        let len = self.len();
        let schema = self.schema();
        // The edited cells by column: (row, value), ascending rows.
        let mut by_column: Vec<Vec<(usize, &Cell)>> = vec![Vec::new(); schema.fields().len()];
        for (&row, cells) in &edits.edited_rows {
            if row >= len {
                return Err(DataError::Arrow(format!(
                    "an edit names row {row}, but the table has {len} rows"
                )));
            }
            for (name, cell) in cells {
                let at = self
                    .column_index(name)
                    .ok_or_else(|| self.no_column(name))?;
                by_column[at].push((row, cell));
            }
        }
        for added in &edits.added_rows {
            if let Some(name) = added.keys().find(|name| self.column_index(name).is_none()) {
                return Err(self.no_column(name));
            }
        }
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(by_column.len());
        for ((field, array), cells) in schema
            .fields()
            .iter()
            .zip(self.batch.columns())
            .zip(&by_column)
        {
            let data_type = field.data_type();
            let column =
                |message: String| DataError::Arrow(format!("column {:?}: {message}", field.name()));
            if cells.is_empty() && edits.added_rows.is_empty() {
                columns.push(Arc::clone(array));
                continue;
            }
            let mut pieces: Vec<ArrayRef> = Vec::with_capacity(cells.len() * 2 + 1);
            let mut from = 0;
            for &(row, cell) in cells {
                if row > from {
                    pieces.push(array.slice(from, row - from));
                }
                pieces.push(cell_array(data_type, cell).map_err(column)?);
                from = row + 1;
            }
            if from < len {
                pieces.push(array.slice(from, len - from));
            }
            let default = config.column(field.name()).and_then(|c| c.default.as_ref());
            for added in &edits.added_rows {
                let cell = added.get(field.name()).or(default).unwrap_or(&Cell::Null);
                pieces.push(cell_array(data_type, cell).map_err(column)?);
            }
            let refs: Vec<&dyn Array> = pieces.iter().map(AsRef::as_ref).collect();
            columns.push(arrow_select::concat::concat(&refs)?);
        }
        let rows = len + edits.added_rows.len();
        // A column that was declared without nulls (a `u32` field of rows)
        // may get empty cells from the edits or added rows: it takes
        // nulls from now on.
        let fields: Vec<arrow_schema::FieldRef> = schema
            .fields()
            .iter()
            .zip(&columns)
            .map(|(field, column)| {
                if !field.is_nullable() && column.null_count() > 0 {
                    Arc::new(field.as_ref().clone().with_nullable(true))
                } else {
                    Arc::clone(field)
                }
            })
            .collect();
        let schema = Arc::new(arrow_schema::Schema::new_with_metadata(
            fields,
            schema.metadata().clone(),
        ));
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        let edited = Self::from(arrow_array::RecordBatch::try_new_with_options(
            schema, columns, &options,
        )?);
        if edits.deleted_rows.is_empty() {
            return Ok(edited);
        }
        let mut keep = vec![true; rows];
        for &row in &edits.deleted_rows {
            if let Some(kept) = keep.get_mut(row).filter(|_| row < len) {
                *kept = false;
            } else {
                return Err(DataError::Arrow(format!(
                    "a deletion names row {row}, but the table has {len} rows"
                )));
            }
        }
        edited.filter_mask(&BooleanArray::from(keep))
    }

    /// The cell at `row` of column `column` as a [`Cell`] (`Null` for a
    /// null, an unknown column or a row out of range).
    pub fn cell(&self, row: usize, column: &str) -> Cell {
        self.array(column)
            .map_or(Cell::Null, |array| cell_at(array.as_ref(), row))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table::from_csv("name,qty,price,done\npen,1,1.5,true\nink,2,3,false\ncap,3,,true\n")
            .unwrap()
    }

    #[test]
    fn shown_rows_skip_deleted_ones_and_end_with_added_ones() {
        let mut edits = TableEdits::default();
        edits.delete(&[EditorRow::Data(0), EditorRow::Data(2)]);
        edits.added_rows.push(BTreeMap::new());
        let shown: Vec<_> = (0..4).map(|at| edits.row_at(at, 4)).collect();
        assert_eq!(
            shown,
            [
                Some(EditorRow::Data(1)),
                Some(EditorRow::Data(3)),
                Some(EditorRow::Added(0)),
                None
            ]
        );
        assert_eq!(edits.place_of(EditorRow::Data(3), 4), Some(1));
        assert_eq!(edits.place_of(EditorRow::Data(2), 4), None);
        assert_eq!(edits.place_of(EditorRow::Added(0), 4), Some(2));
    }

    #[test]
    fn edits_apply_to_their_cells_and_share_the_other_columns() {
        let table = table();
        let mut edits = TableEdits::default();
        edits.set(EditorRow::Data(1), "qty", Cell::Int(7));
        let edited = table.with_edits(&edits, &TableConfig::default()).unwrap();
        assert_eq!(edited.column_text("qty").unwrap(), ["1", "7", "3"]);
        assert!(Arc::ptr_eq(
            table.array("name").unwrap(),
            edited.array("name").unwrap()
        ));
    }

    #[test]
    fn a_column_without_nulls_takes_the_empty_cells_of_an_added_row() {
        let table = Table::from_rows(&[(1_u32, "a")]).unwrap();
        let mut edits = TableEdits::default();
        edits.added_rows.push(BTreeMap::new());
        let edited = table.with_edits(&edits, &TableConfig::default()).unwrap();
        assert_eq!(edited.len(), 2);
        assert!(edited.schema().fields().iter().all(|f| f.is_nullable()));
        assert_eq!(edited.cell(1, "0"), Cell::Null);
    }

    #[test]
    fn typed_text_is_parsed_for_its_column_or_refused_with_a_reason() {
        assert_eq!(parse_cell(&DataType::Int64, " 42 "), Ok(Cell::Int(42)));
        assert_eq!(parse_cell(&DataType::Float64, "2.5"), Ok(Cell::Float(2.5)));
        assert_eq!(parse_cell(&DataType::Boolean, "Yes"), Ok(Cell::Bool(true)));
        assert_eq!(parse_cell(&DataType::Int64, ""), Ok(Cell::Null));
        assert!(
            parse_cell(&DataType::Int64, "abc")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(
            parse_cell(&DataType::Date32, "2026-02-30")
                .unwrap_err()
                .contains("not a date")
        );
        let zoned = DataType::Timestamp(TimeUnit::Microsecond, Some("Europe/Berlin".into()));
        assert_eq!(
            parse_cell(&zoned, "2026-07-01 09:30"),
            Ok(Cell::Text("2026-07-01T09:30:00+02:00".into()))
        );
        assert!(
            parse_cell(&zoned, "2026-03-29 02:30")
                .unwrap_err()
                .contains("does not exist in Europe/Berlin")
        );
        assert!(
            parse_cell(&zoned, "2026-10-25 02:30")
                .unwrap_err()
                .contains("happens twice")
        );
    }
}
