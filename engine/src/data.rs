//! Tabular data for tables and charts: rows of any serde-serializable type
//! become a [`Table`] (each field a column; nested values kept as JSON).
//!
//! Converting rows costs a serialization per run; for large data, build the
//! `Table` in a `#[cache_data]` function and pass the cached one.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// A table: named columns, rows of JSON values. Cheap to clone (the rows are
/// shared).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows; each has one value per column (`Null` where a row lacks it).
    pub rows: Arc<Vec<Vec<Json>>>,
}

/// Why data could not become a table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// A row could not be serialized.
    #[error("row {row} cannot be shown as a table row: {message}")]
    Row {
        /// The row's index.
        row: usize,
        /// What serde said.
        message: String,
    },
    /// The CSV text could not be read.
    #[error("cannot read the CSV: {0}")]
    Csv(String),
}

impl Table {
    /// A table from rows of a serializable type: a struct's fields (or a
    /// map's keys) become columns, in first-seen order; a row that is a plain
    /// value becomes a single `value` column.
    pub fn from_rows<T: Serialize>(rows: &[T]) -> Result<Self, DataError> {
        let mut columns: Vec<String> = Vec::new();
        let mut out: Vec<Vec<Json>> = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let value = serde_json::to_value(row).map_err(|err| DataError::Row {
                row: index,
                message: err.to_string(),
            })?;
            match value {
                Json::Object(map) => {
                    let mut cells = vec![Json::Null; columns.len()];
                    for (key, value) in map {
                        match columns.iter().position(|c| *c == key) {
                            Some(at) => cells[at] = value,
                            None => {
                                columns.push(key);
                                cells.push(value);
                            }
                        }
                    }
                    out.push(cells);
                }
                other => {
                    if columns.is_empty() {
                        columns.push("value".into());
                    }
                    let mut cells = vec![Json::Null; columns.len()];
                    cells[0] = other;
                    out.push(cells);
                }
            }
        }
        for row in &mut out {
            row.resize(columns.len(), Json::Null);
        }
        Ok(Self {
            columns,
            rows: Arc::new(out),
        })
    }

    /// A table from CSV text with a header row. Numbers and booleans become
    /// numbers and booleans; empty cells become `Null`.
    pub fn from_csv(text: &str) -> Result<Self, DataError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let columns: Vec<String> = reader
            .headers()
            .map_err(|e| DataError::Csv(e.to_string()))?
            .iter()
            .map(str::to_owned)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| DataError::Csv(e.to_string()))?;
            let mut cells: Vec<Json> = record.iter().map(parse_cell).collect();
            cells.resize(columns.len(), Json::Null);
            rows.push(cells);
        }
        Ok(Self {
            columns,
            rows: Arc::new(rows),
        })
    }

    /// The table as CSV text (nested values as JSON).
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        // Writing to a Vec cannot fail; a failed row is skipped.
        let _ = writer.write_record(&self.columns);
        for row in self.rows.iter() {
            let _ = writer.write_record(row.iter().map(cell_text));
        }
        writer
            .into_inner()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }

    /// The position of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// A column's values as numbers (`None` where not a number).
    pub fn numbers(&self, column: usize) -> Vec<Option<f64>> {
        self.rows
            .iter()
            .map(|row| row.get(column).and_then(number))
            .collect()
    }

    /// The rows for which `keep` is true, as a new table.
    pub fn filter(&self, keep: impl Fn(&[Json]) -> bool) -> Self {
        Self {
            columns: self.columns.clone(),
            rows: Arc::new(self.rows.iter().filter(|row| keep(row)).cloned().collect()),
        }
    }

    /// The table sorted by a column (numbers numerically, text
    /// alphabetically, nulls last).
    pub fn sorted_by(&self, column: usize, descending: bool) -> Self {
        let mut rows: Vec<Vec<Json>> = self.rows.as_ref().clone();
        rows.sort_by(|a, b| compare_directed(a.get(column), b.get(column), descending));
        Self {
            columns: self.columns.clone(),
            rows: Arc::new(rows),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

fn parse_cell(text: &str) -> Json {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Json::Null;
    }
    if let Ok(int) = trimmed.parse::<i64>() {
        return Json::from(int);
    }
    if let Ok(float) = trimmed.parse::<f64>()
        && float.is_finite()
    {
        return Json::from(float);
    }
    match trimmed {
        "true" | "TRUE" | "True" => Json::Bool(true),
        "false" | "FALSE" | "False" => Json::Bool(false),
        _ => Json::String(text.to_owned()),
    }
}

/// A cell as a number, if it is one.
pub fn number(cell: &Json) -> Option<f64> {
    match cell {
        Json::Number(n) => n.as_f64(),
        Json::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// A cell as display text: strings as they are, numbers in full, nested
/// values as JSON, `Null` empty.
pub fn cell_text(cell: &Json) -> String {
    match cell {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Number(n) => {
            let mut out = String::new();
            let _ = write!(out, "{n}");
            out
        }
        Json::Bool(b) => b.to_string(),
        nested => nested.to_string(),
    }
}

/// Orders two cells ascending or descending, with nulls last either way.
pub fn compare_directed(
    a: Option<&Json>,
    b: Option<&Json>,
    descending: bool,
) -> std::cmp::Ordering {
    let null = |v: Option<&Json>| v.is_none_or(Json::is_null);
    if descending && !null(a) && !null(b) {
        compare(a, b).reverse()
    } else {
        compare(a, b)
    }
}

/// Orders two cells: numbers numerically, then text, nulls last.
pub fn compare(a: Option<&Json>, b: Option<&Json>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let null = |v: Option<&Json>| v.is_none_or(Json::is_null);
    match (null(a), null(b)) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let (a, b) = (a.unwrap_or(&Json::Null), b.unwrap_or(&Json::Null));
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => cell_text(a).cmp(&cell_text(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        size: u32,
        tags: Vec<&'static str>,
    }

    #[test]
    fn rows_become_columns_and_nested_values_json() {
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
        assert_eq!(table.columns, ["name", "size", "tags"]);
        assert_eq!(cell_text(&table.rows[0][2]), "[\"x\"]");
        let sorted = table.sorted_by(1, false);
        assert_eq!(cell_text(&sorted.rows[0][0]), "b");
    }

    #[test]
    fn csv_round_trips_with_types() {
        let table =
            Table::from_csv("city,pop,big\nOslo,709000,true\nBergen,,false\n").unwrap_or_default();
        assert_eq!(table.rows[0][1], Json::from(709_000));
        assert_eq!(table.rows[1][1], Json::Null);
        assert_eq!(
            table.to_csv(),
            "city,pop,big\nOslo,709000,true\nBergen,,false\n"
        );
    }
}
