//! CSV text to an Arrow record batch and back, on arrow-csv.
//!
//! Reading infers one type per column from a sample of rows, then parses
//! the whole text with arrow-csv into those types, in chunks of lines on
//! every core when the text has no quotes (a quoted field may hold a line
//! break, so quoted text is read in one piece). When a cell later in the
//! text does not fit its column's sampled type, the text is read again as
//! text and each column is typed from all its cells with the cast kernels,
//! so the result never depends on the sample.

use std::sync::Arc;

use arrow_array::cast::AsArray as _;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

use super::DataError;
use super::csv_lines::Body;

/// Rows read to guess the column types before the typed parse.
const SAMPLE_ROWS: usize = 2000;
/// Below this size the text is parsed on one core.
const PARALLEL_MIN_BYTES: usize = 1 << 20;
/// The most rows in one Arrow batch while parsing (larger pieces are
/// parsed into several batches, joined at the end).
const MAX_BATCH_ROWS: usize = 4 << 20;

thread_local! {
    static FAST_READS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many CSV texts this thread has read on the fast path (split with
/// memchr on every core) rather than with arrow-csv; tests read it.
pub fn fast_reads_on_this_thread() -> u64 {
    FAST_READS.with(std::cell::Cell::get)
}

/// The type a cell's text suggests; columns join them.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    /// No cell seen yet (all empty so far).
    Empty,
    Int,
    Float,
    Bool,
    Date,
    /// A date-time without an offset.
    Naive,
    /// A date-time with an offset: the first one seen, e.g. "+01:00".
    Aware(String),
    Text,
}

impl Kind {
    pub(super) fn of(cell: &str) -> Self {
        let cell = cell.trim();
        if cell.is_empty() {
            return Self::Empty;
        }
        let bytes = cell.as_bytes();
        let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
        // A leading zero ("007") is kept as text: a number would lose it.
        let leading_zero = digits.len() > 1 && digits[0] == b'0' && digits[1].is_ascii_digit();
        if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
            return if leading_zero || cell.parse::<i64>().is_err() {
                Self::Text
            } else {
                Self::Int
            };
        }
        if matches!(bytes[0], b'0'..=b'9' | b'-' | b'+' | b'.')
            && !leading_zero
            && cell.parse::<f64>().is_ok()
        {
            return Self::Float;
        }
        if cell.eq_ignore_ascii_case("true") || cell.eq_ignore_ascii_case("false") {
            return Self::Bool;
        }
        if bytes.len() >= 10 && bytes[4] == b'-' && bytes[7] == b'-' {
            if bytes.len() == 10 {
                return if chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok() {
                    Self::Date
                } else {
                    Self::Text
                };
            }
            if let Ok(aware) = chrono::DateTime::parse_from_rfc3339(cell) {
                return Self::Aware(aware.offset().to_string());
            }
            let naive = cell.replacen(' ', "T", 1);
            if chrono::NaiveDateTime::parse_from_str(&naive, "%Y-%m-%dT%H:%M:%S%.f").is_ok() {
                return Self::Naive;
            }
        }
        Self::Text
    }

    pub(super) fn join(self, other: Self) -> Self {
        match (self, other) {
            (a, b) if a == b => a,
            (Self::Empty, b) => b,
            (a, Self::Empty) => a,
            (Self::Int, Self::Float) | (Self::Float, Self::Int) => Self::Float,
            // Mixed offsets: the first one names the column's zone; every
            // value is an instant either way.
            (Self::Aware(a), Self::Aware(_)) => Self::Aware(a),
            _ => Self::Text,
        }
    }

    /// A date or date-time (or nothing seen yet).
    pub(super) fn is_time(&self) -> bool {
        matches!(
            self,
            Self::Empty | Self::Date | Self::Naive | Self::Aware(_)
        )
    }

    pub(super) fn data_type(&self) -> DataType {
        match self {
            Self::Int => DataType::Int64,
            Self::Float => DataType::Float64,
            Self::Bool => DataType::Boolean,
            Self::Date => DataType::Date32,
            Self::Naive => DataType::Timestamp(TimeUnit::Microsecond, None),
            Self::Aware(offset) => {
                DataType::Timestamp(TimeUnit::Microsecond, Some(offset.as_str().into()))
            }
            Self::Empty | Self::Text => DataType::Utf8,
        }
    }
}

/// Reads CSV text with a header row.
pub(super) fn read_text(text: &str) -> Result<RecordBatch, DataError> {
    read_with(text.as_bytes(), Some(text))
}

/// Reads CSV bytes with a header row.
pub(super) fn read(bytes: &[u8]) -> Result<RecordBatch, DataError> {
    read_with(bytes, None)
}

/// Reads CSV `bytes` (which are `text`, when known to be UTF-8).
fn read_with(bytes: &[u8], text: Option<&str>) -> Result<RecordBatch, DataError> {
    let csv_error = |e: &dyn std::fmt::Display| DataError::Csv(e.to_string());
    let mut sample = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes);
    let names: Vec<String> = sample
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(str::to_owned)
        .collect();
    if names.is_empty() || bytes.is_empty() {
        return Ok(RecordBatch::new_empty(Arc::new(Schema::empty())));
    }
    let mut kinds = vec![Kind::Empty; names.len()];
    let mut sampled_all = true;
    let mut sampled_rows = 0;
    let mut records = sample.records();
    for index in 0.. {
        if index == SAMPLE_ROWS {
            sampled_all = false;
            break;
        }
        let Some(record) = records.next() else { break };
        sampled_rows += 1;
        let record = record.map_err(|e| csv_error(&e))?;
        if record.len() > names.len() {
            return Err(DataError::Csv(format!(
                "row {} has {} cells but the header names {} columns",
                index + 1,
                record.len(),
                names.len()
            )));
        }
        for (kind, cell) in kinds.iter_mut().zip(record.iter()) {
            if *kind != Kind::Text {
                *kind = std::mem::replace(kind, Kind::Empty).join(Kind::of(cell));
            }
        }
    }
    let schema = schema(&names, kinds.iter().map(Kind::data_type));
    let body_start = bytes.iter().position(|&b| b == b'\n').map(|at| at + 1);
    let body = match (text, body_start) {
        (Some(text), Some(start)) => text.get(start..).map(Body::Text),
        (None, Some(start)) => bytes.get(start..).map(Body::Bytes),
        (_, None) => None,
    };
    if let Some(body) = body {
        let size = match body {
            Body::Text(text) => text.len(),
            Body::Bytes(bytes) => bytes.len(),
        };
        if let Some(columns) = super::csv_lines::parse(body, &kinds, pieces(size)) {
            let fields =
                schema.fields().iter().zip(&columns).map(|(field, column)| {
                    Field::new(field.name(), column.data_type().clone(), true)
                });
            let schema = Arc::new(Schema::new(fields.collect::<Vec<_>>()));
            if let Ok(batch) = RecordBatch::try_new(schema, columns) {
                FAST_READS.with(|reads| reads.set(reads.get() + 1));
                return Ok(batch);
            }
        }
    }
    let line_bytes = sample.position().byte().try_into().unwrap_or(usize::MAX) / (sampled_rows + 1);
    match parse(bytes, &schema, line_bytes) {
        Ok(batch) => Ok(batch),
        // The sample saw every row: the error is the text's, not the guess's.
        Err(error) if sampled_all => Err(error),
        Err(_) => {
            let text_schema = schema_of_text(&names);
            let batch = parse(bytes, &text_schema, line_bytes)?;
            type_columns(&batch, &names)
        }
    }
}

pub(super) fn schema(names: &[String], types: impl Iterator<Item = DataType>) -> SchemaRef {
    Arc::new(Schema::new(
        names
            .iter()
            .zip(types)
            .map(|(name, data_type)| Field::new(name, data_type, true))
            .collect::<Vec<_>>(),
    ))
}

fn schema_of_text(names: &[String]) -> SchemaRef {
    schema(names, std::iter::repeat(DataType::Utf8))
}

/// Types each text column from all its cells (the slow, exact path).
fn type_columns(batch: &RecordBatch, names: &[String]) -> Result<RecordBatch, DataError> {
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(batch.num_columns());
    let mut types = Vec::with_capacity(batch.num_columns());
    for column in batch.columns() {
        let text = column.as_string_view();
        let kind = text
            .iter()
            .flatten()
            .try_fold(Kind::Empty, |kind, cell| {
                let kind = kind.join(Kind::of(cell));
                if kind == Kind::Text {
                    Err(())
                } else {
                    Ok(kind)
                }
            })
            .unwrap_or(Kind::Text);
        let data_type = kind.data_type();
        let typed = if data_type == DataType::Utf8 || data_type == DataType::Utf8View {
            Arc::clone(column)
        } else {
            let options = arrow_cast::CastOptions {
                safe: false,
                ..Default::default()
            };
            arrow_cast::cast_with_options(column, &data_type, &options)
                .unwrap_or_else(|_| Arc::clone(column))
        };
        types.push(typed.data_type().clone());
        columns.push(typed);
    }
    Ok(RecordBatch::try_new(
        schema(names, types.into_iter()),
        columns,
    )?)
}

/// Parses the data rows into `schema`'s types, in parallel when the text is
/// large and has no quotes.
pub(super) fn parse(
    bytes: &[u8],
    schema: &SchemaRef,
    line_bytes: usize,
) -> Result<RecordBatch, DataError> {
    let body_start = match bytes.iter().position(|&b| b == b'\n') {
        Some(at) => at + 1,
        None => return Ok(RecordBatch::new_empty(Arc::clone(schema))),
    };
    let body = &bytes[body_start..];
    let chunks = if memchr::memchr(b'"', bytes).is_some() {
        1
    } else {
        pieces(body.len())
    };
    let pieces = split_lines(body, chunks);
    let batches: Vec<Result<RecordBatch, DataError>> = if pieces.len() == 1 {
        vec![parse_piece(pieces[0], schema, line_bytes)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = pieces
                .iter()
                .map(|piece| {
                    std::thread::Builder::new()
                        .name("brook-csv".into())
                        .spawn_scoped(scope, || parse_piece(piece, schema, line_bytes))
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| match handle {
                    Ok(handle) => handle.join().unwrap_or_else(|_| {
                        Err(DataError::Csv("the CSV reader stopped unexpectedly".into()))
                    }),
                    // No thread: read this piece here.
                    Err(_) => Err(DataError::Csv("no thread to read the CSV".into())),
                })
                .collect()
        })
    };
    let mut all = Vec::new();
    for piece in batches {
        all.push(piece?);
    }
    if all.len() == 1 {
        return Ok(all
            .pop()
            .unwrap_or_else(|| RecordBatch::new_empty(Arc::clone(schema))));
    }
    let schema = all
        .first()
        .map_or_else(|| Arc::clone(schema), RecordBatch::schema);
    Ok(arrow_select::concat::concat_batches(&schema, &all)?)
}

/// How many pieces of lines to parse `body` in: one per core, each of at
/// least `PARALLEL_MIN_BYTES`.
fn pieces(size: usize) -> usize {
    super::cores().min(size / PARALLEL_MIN_BYTES).max(1)
}

/// Splits text into about `n` pieces at line ends.
pub(super) fn split_lines(body: &[u8], n: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(n);
    let mut start = 0;
    for i in 1..n {
        let target = (body.len() * i / n).max(start);
        match body[target..].iter().position(|&b| b == b'\n') {
            Some(at) => {
                let end = target + at + 1;
                pieces.push(&body[start..end]);
                start = end;
            }
            None => break,
        }
    }
    if start < body.len() || pieces.is_empty() {
        pieces.push(&body[start..]);
    }
    pieces
}

/// Parses one piece of lines into one batch, its text columns as string
/// views (which share the parsed bytes: sorting and filtering then move
/// 16-byte views, not the text).
fn parse_piece(
    piece: &[u8],
    schema: &SchemaRef,
    line_bytes: usize,
) -> Result<RecordBatch, DataError> {
    // One batch for the whole piece when its rows can be guessed (no
    // joining of batches, half the memory traffic), else batches of
    // BATCH_ROWS.
    let batch_rows = (piece.len() / line_bytes.max(1)).saturating_mul(9) / 8 + 16;
    let batch_rows = batch_rows.clamp(16, MAX_BATCH_ROWS);
    let reader = arrow_csv::ReaderBuilder::new(Arc::clone(schema))
        .with_header(false)
        .with_truncated_rows(true)
        .with_batch_size(batch_rows)
        .build_buffered(piece)
        .map_err(|e| DataError::Csv(e.to_string()))?;
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| DataError::Csv(e.to_string()))?;
    let batch = match <[RecordBatch; 1]>::try_from(batches) {
        Ok([one]) => one,
        Err(batches) => arrow_select::concat::concat_batches(schema, &batches)?,
    };
    super::text_as_views(batch)
}

/// Writes a batch as CSV with a header row.
pub(super) fn write(batch: &RecordBatch) -> String {
    let mut bytes = Vec::new();
    {
        let mut writer = arrow_csv::WriterBuilder::new()
            .with_header(true)
            .build(&mut bytes);
        // Writing to memory fails only for a type CSV cannot hold (a
        // nested column); what was written so far is kept.
        if let Err(error) = writer.write(batch) {
            log::warn!("a table could not be written in full as CSV: {error}");
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(text: &str) -> Vec<DataType> {
        read(text.as_bytes())
            .map(|b| {
                b.schema()
                    .fields()
                    .iter()
                    .map(|f| f.data_type().clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn each_column_gets_one_type() {
        assert_eq!(
            types("a,b,c,d,e\n1,1.5,007,true,2026-03-08\n2,,x,FALSE,\n"),
            [
                DataType::Int64,
                DataType::Float64,
                DataType::Utf8View,
                DataType::Boolean,
                DataType::Date32
            ]
        );
    }

    #[test]
    fn late_text_makes_the_column_text() {
        let mut text = String::from("code\n");
        for i in 0..(SAMPLE_ROWS + 10) {
            text.push_str(&format!("{i}\n"));
        }
        text.push_str("n/a\n");
        let batch =
            read(text.as_bytes()).unwrap_or_else(|_| RecordBatch::new_empty(schema_of_text(&[])));
        assert_eq!(batch.schema().field(0).data_type(), &DataType::Utf8View);
        assert_eq!(batch.num_rows(), SAMPLE_ROWS + 11);
    }

    #[test]
    fn splits_at_line_ends() {
        let body = b"a\nbb\nccc\ndddd\n";
        let pieces = split_lines(body, 3);
        assert_eq!(pieces.concat(), body);
        assert!(pieces.iter().all(|p| p.ends_with(b"\n")));
    }
}
