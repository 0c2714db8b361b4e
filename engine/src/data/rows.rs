//! Rows of any `Serialize` type to an Arrow record batch, through
//! serde_arrow, then dates and times made typed columns.

use std::sync::Arc;

use arrow_array::cast::AsArray as _;
use arrow_array::types::TimestampMicrosecondType;
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, FieldRef, Schema, TimeUnit};
use serde::Serialize;
use serde_arrow::schema::{SchemaLike as _, TracingOptions};

use super::DataError;
use super::csv::Kind;

/// A plain value (not a struct or a map) as a one-column row.
#[derive(Serialize)]
struct Plain<'a, T> {
    value: &'a T,
}

pub(super) fn from_rows<T: Serialize>(rows: &[T]) -> Result<RecordBatch, DataError> {
    if rows.is_empty() {
        return Ok(RecordBatch::new_empty(Arc::new(Schema::empty())));
    }
    let batch = match batch_of(rows) {
        Ok(batch) => batch,
        Err(error) => {
            // Rows that are plain values serialize as one `value` column.
            let wrapped: Vec<Plain<'_, T>> = rows.iter().map(|value| Plain { value }).collect();
            match batch_of(&wrapped) {
                Ok(batch) if is_plain(&batch) => batch,
                _ => return Err(error),
            }
        }
    };
    super::text_as_views(typed_times(batch)?)
}

fn is_plain(batch: &RecordBatch) -> bool {
    !matches!(
        batch.schema_ref().field(0).data_type(),
        DataType::Struct(_) | DataType::Map(..)
    )
}

fn batch_of<T: Serialize>(rows: &[T]) -> Result<RecordBatch, DataError> {
    let options = TracingOptions::default()
        .allow_null_fields(true)
        .map_as_struct(true)
        .strings_as_large_utf8(false)
        .sequence_as_large_list(false)
        .bytes_as_large_binary(false)
        .enums_without_data_as_strings(true)
        .coerce_numbers(true);
    let rows_error = |e: serde_arrow::Error| DataError::Rows {
        message: e.to_string(),
    };
    let fields = Vec::<FieldRef>::from_samples(rows, options).map_err(rows_error)?;
    serde_arrow::to_record_batch(&fields, &rows).map_err(rows_error)
}

/// Text columns of dates or date-times become date and timestamp columns;
/// brook's `Zoned` (a struct of `utc` and `zone`) becomes a timestamp in
/// its zone.
fn typed_times(batch: RecordBatch) -> Result<RecordBatch, DataError> {
    let schema = batch.schema();
    let mut fields: Vec<Field> = Vec::with_capacity(batch.num_columns());
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(batch.num_columns());
    let mut changed = false;
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        let typed = match column.data_type() {
            DataType::Utf8 => time_text(column),
            DataType::Struct(_) => zoned(column.as_struct()),
            _ => None,
        };
        match typed {
            Some(typed) => {
                changed = true;
                fields.push(Field::new(
                    field.name(),
                    typed.data_type().clone(),
                    field.is_nullable() || typed.null_count() > 0,
                ));
                columns.push(typed);
            }
            None => {
                fields.push(field.as_ref().clone());
                columns.push(Arc::clone(column));
            }
        }
    }
    if !changed {
        return Ok(batch);
    }
    Ok(RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns,
    )?)
}

fn time_text(column: &ArrayRef) -> Option<ArrayRef> {
    let text = column.as_string::<i32>();
    let kind = text.iter().flatten().try_fold(Kind::Empty, |kind, cell| {
        let kind = kind.join(Kind::of(cell));
        kind.is_time().then_some(kind)
    })?;
    if !kind.is_time() {
        return None;
    }
    let options = arrow_cast::CastOptions {
        safe: false,
        ..Default::default()
    };
    arrow_cast::cast_with_options(column, &kind.data_type(), &options).ok()
}

/// brook's `Zoned` values (a struct of `utc` text and `zone` name): a
/// timestamp column in their zone when they share one; otherwise a struct
/// of the instant (`utc`, a UTC timestamp) and the zone's name (`zone`), so
/// each is shown in its own zone and they sort by instant.
fn zoned(column: &StructArray) -> Option<ArrayRef> {
    let utc = column.column_by_name("utc")?;
    let zone = column.column_by_name("zone")?;
    if column.num_columns() != 2 || *zone.data_type() != DataType::Utf8 {
        return None;
    }
    let zones = zone.as_string::<i32>();
    // The zones of the rows that have a value: a null row (`None`) holds
    // an empty zone, which names none.
    let named: Vec<&str> = (0..column.len())
        .filter(|&row| column.is_valid(row) && zones.is_valid(row))
        .map(|row| zones.value(row))
        .collect();
    let name = (*named.first()?).to_owned();
    if named.iter().any(|z| z.parse::<chrono_tz::Tz>().is_err()) {
        return None;
    }
    let instants = arrow_cast::cast(
        utc,
        &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
    )
    .ok()?;
    // A row that is null keeps its null.
    let nulls = arrow_buffer::NullBuffer::union(instants.nulls(), column.nulls());
    let instants = instants.as_primitive::<TimestampMicrosecondType>();
    if named.iter().all(|z| *z == name) {
        let one_zone =
            arrow_array::TimestampMicrosecondArray::new(instants.values().clone(), nulls)
                .with_timezone(name);
        return Some(Arc::new(one_zone));
    }
    let instants =
        arrow_array::TimestampMicrosecondArray::new(instants.values().clone(), nulls.clone())
            .with_timezone("UTC");
    let zones = arrow_cast::cast(zone, &DataType::Utf8View).ok()?;
    let fields = arrow_schema::Fields::from(vec![
        Field::new("utc", instants.data_type().clone(), true),
        Field::new("zone", DataType::Utf8View, true),
    ]);
    StructArray::try_new(fields, vec![Arc::new(instants), zones], nulls)
        .ok()
        .map(|s| Arc::new(s) as ArrayRef)
}
