//! Cells as text: the defaults and the column formats.

use std::fmt::Write as _;

use arrow_array::cast::AsArray as _;
use arrow_array::temporal_conversions::{as_date, as_datetime, as_time};
use arrow_array::types::{
    Date32Type, Date64Type, DurationMicrosecondType, DurationMillisecondType,
    DurationNanosecondType, DurationSecondType, Time32MillisecondType, Time32SecondType,
    Time64MicrosecondType, Time64NanosecondType, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{Array, ArrowPrimitiveType};
use arrow_schema::{DataType, TimeUnit};
use chrono::format::{Item, StrftimeItems};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _};

use super::config::{ColumnConfig, ColumnFormat};
use crate::format::NumberFormat;
use crate::time::ShowTime as _;

/// A zone-aware column's zone.
#[derive(Clone, Copy)]
enum Zone {
    Named(chrono_tz::Tz),
    Fixed(FixedOffset),
}

/// The format, prepared once per column.
enum Prepared {
    Default,
    Printf(NumberFormat),
    Number {
        decimals: Option<usize>,
        thousands: bool,
    },
    Percent(usize),
    Currency {
        symbol: String,
        after: bool,
        decimals: usize,
    },
    Strftime(Vec<Item<'static>>),
    Checkmark,
    /// A format that does not fit the column: the default, and why.
    Unusable(String),
}

/// Writes one column's cells as text, in a column format or brook's
/// defaults (see [`ColumnFormat`]). Make one per column and frame.
pub struct CellText<'a> {
    array: &'a dyn Array,
    zone: Option<Zone>,
    format: Prepared,
    numeric: bool,
}

impl<'a> CellText<'a> {
    /// A writer for `array`'s cells with `config`'s format.
    pub fn new(array: &'a dyn Array, config: Option<&ColumnConfig>) -> Self {
        let data_type = array.data_type();
        let numeric = data_type.is_numeric();
        let zone = match data_type {
            DataType::Timestamp(_, Some(tz)) => Some(zone_of(tz)),
            _ => None,
        };
        let format = match config.and_then(|c| c.format.as_ref()) {
            None => Prepared::Default,
            // Drawn by the table (a bar, a link); the text is the default.
            Some(ColumnFormat::Progress { .. }) if numeric => Prepared::Default,
            Some(ColumnFormat::Link { .. }) if is_text(data_type) => Prepared::Default,
            Some(format @ ColumnFormat::Printf(text)) if numeric => {
                match NumberFormat::parse(text) {
                    Ok(format) => Prepared::Printf(format),
                    Err(err) => Prepared::Unusable(format!(
                        "{} cannot be used ({err}): the values are shown unformatted.",
                        format_name(format)
                    )),
                }
            }
            Some(ColumnFormat::Number {
                decimals,
                thousands,
            }) if numeric => Prepared::Number {
                decimals: decimals.map(usize::from),
                thousands: *thousands,
            },
            Some(ColumnFormat::Percent { decimals }) if numeric => {
                Prepared::Percent(usize::from(*decimals))
            }
            Some(ColumnFormat::Currency {
                symbol,
                after,
                decimals,
            }) if numeric => Prepared::Currency {
                symbol: symbol.clone(),
                after: *after,
                decimals: usize::from(*decimals),
            },
            Some(format @ ColumnFormat::DateTime(pattern))
                if data_type.is_temporal() || is_zoned(data_type) =>
            {
                match StrftimeItems::new(pattern).parse_to_owned() {
                    Ok(items) => Prepared::Strftime(items),
                    Err(err) => Prepared::Unusable(format!(
                        "{} cannot be used ({err}): the values are shown unformatted.",
                        format_name(format)
                    )),
                }
            }
            Some(ColumnFormat::Checkmark) if *data_type == DataType::Boolean => Prepared::Checkmark,
            Some(format) => Prepared::Unusable(format!(
                "{} does not apply to a column of {}: the values are shown unformatted.",
                format_name(format),
                type_name(data_type)
            )),
        };
        Self {
            array,
            zone,
            format,
            numeric,
        }
    }

    /// Whether the column's format could not be used for its type (a
    /// number format on text, a bad printf or strftime pattern): its cells
    /// are written with the defaults.
    pub fn format_unusable(&self) -> bool {
        matches!(self.format, Prepared::Unusable(_))
    }

    /// Why the column's format could not be used, naming the format and
    /// the column's type, e.g. "The percent format does not apply to a
    /// column of text (Utf8View): the values are shown unformatted.";
    /// `None` when it is used (or there is none).
    pub fn format_problem(&self) -> Option<&str> {
        match &self.format {
            Prepared::Unusable(problem) => Some(problem),
            _ => None,
        }
    }

    /// Whether the column holds numbers (drawn right-aligned by default).
    pub fn is_numeric(&self) -> bool {
        self.numeric
    }

    /// The cell at `row` as text: empty for a null or a row out of range.
    pub fn text(&self, row: usize) -> String {
        if row >= self.array.len() || self.array.is_null(row) {
            return String::new();
        }
        match &self.format {
            Prepared::Default | Prepared::Unusable(_) => self.default_text(row),
            Prepared::Printf(format) => self
                .float(row)
                .map_or_else(String::new, |v| format.format(v)),
            Prepared::Number {
                decimals,
                thousands,
            } => self
                .float(row)
                .map_or_else(String::new, |v| number(v, *decimals, *thousands)),
            Prepared::Percent(decimals) => self.float(row).map_or_else(String::new, |v| {
                format!("{}%", number(v * 100.0, Some(*decimals), true))
            }),
            Prepared::Currency {
                symbol,
                after,
                decimals,
            } => self.float(row).map_or_else(String::new, |v| {
                let body = number(v.abs(), Some(*decimals), true);
                let sign = if v < 0.0 { "-" } else { "" };
                if *after {
                    format!("{sign}{body} {symbol}")
                } else {
                    format!("{sign}{symbol}{body}")
                }
            }),
            Prepared::Strftime(items) => self.strftime(row, items),
            Prepared::Checkmark => {
                let checked = self.array.as_boolean_opt().is_some_and(|b| b.value(row));
                if checked { "✔".into() } else { String::new() }
            }
        }
    }

    /// The cell as a float, for numeric columns.
    pub fn float(&self, row: usize) -> Option<f64> {
        if row >= self.array.len() || self.array.is_null(row) {
            return None;
        }
        #[allow(clippy::cast_precision_loss, reason = "display of large integers")]
        let value = match self.array.data_type() {
            DataType::Float64 => self
                .array
                .as_primitive::<arrow_array::types::Float64Type>()
                .value(row),
            DataType::Float32 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::Float32Type>()
                    .value(row),
            ),
            DataType::Int64 => self
                .array
                .as_primitive::<arrow_array::types::Int64Type>()
                .value(row) as f64,
            DataType::Int32 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::Int32Type>()
                    .value(row),
            ),
            DataType::Int16 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::Int16Type>()
                    .value(row),
            ),
            DataType::Int8 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::Int8Type>()
                    .value(row),
            ),
            DataType::UInt64 => self
                .array
                .as_primitive::<arrow_array::types::UInt64Type>()
                .value(row) as f64,
            DataType::UInt32 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::UInt32Type>()
                    .value(row),
            ),
            DataType::UInt16 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::UInt16Type>()
                    .value(row),
            ),
            DataType::UInt8 => f64::from(
                self.array
                    .as_primitive::<arrow_array::types::UInt8Type>()
                    .value(row),
            ),
            DataType::Boolean => f64::from(u8::from(self.array.as_boolean().value(row))),
            _ => {
                let one = self.array.slice(row, 1);
                let cast = arrow_cast::cast(&one, &DataType::Float64).ok()?;
                let cast = cast.as_primitive_opt::<arrow_array::types::Float64Type>()?;
                if cast.is_null(0) {
                    return None;
                }
                cast.value(0)
            }
        };
        Some(value)
    }

    fn default_text(&self, row: usize) -> String {
        let array = self.array;
        match array.data_type() {
            DataType::Utf8 => array.as_string::<i32>().value(row).to_owned(),
            DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_owned(),
            DataType::Utf8View => array.as_string_view().value(row).to_owned(),
            DataType::Float64 | DataType::Float32 => {
                self.float(row).map_or_else(String::new, shortest)
            }
            DataType::Boolean => array.as_boolean().value(row).to_string(),
            DataType::Date32 => date::<Date32Type>(array, row),
            DataType::Date64 => date::<Date64Type>(array, row),
            DataType::Time32(TimeUnit::Second) => time::<Time32SecondType>(array, row),
            DataType::Time32(_) => time::<Time32MillisecondType>(array, row),
            DataType::Time64(TimeUnit::Microsecond) => time::<Time64MicrosecondType>(array, row),
            DataType::Time64(_) => time::<Time64NanosecondType>(array, row),
            DataType::Timestamp(..) => self.timestamp(row).map_or_else(
                || arrow_text(array, row),
                |(naive, zone)| match zone {
                    None => naive.show_time(),
                    Some(Zone::Named(tz)) => tz.from_utc_datetime(&naive).show_time(),
                    Some(Zone::Fixed(offset)) => offset.from_utc_datetime(&naive).show_time(),
                },
            ),
            DataType::Duration(unit) => {
                let value = match unit {
                    TimeUnit::Second => {
                        i128::from(array.as_primitive::<DurationSecondType>().value(row))
                            * 1_000_000_000
                    }
                    TimeUnit::Millisecond => {
                        i128::from(array.as_primitive::<DurationMillisecondType>().value(row))
                            * 1_000_000
                    }
                    TimeUnit::Microsecond => {
                        i128::from(array.as_primitive::<DurationMicrosecondType>().value(row))
                            * 1_000
                    }
                    TimeUnit::Nanosecond => {
                        i128::from(array.as_primitive::<DurationNanosecondType>().value(row))
                    }
                };
                duration(value)
            }
            DataType::Struct(_) if is_zoned(array.data_type()) => {
                zoned_at(array, row).map_or_else(|| arrow_text(array, row), |at| at.show_time())
            }
            _ => arrow_text(array, row),
        }
    }

    /// A timestamp cell as its UTC (or naive) date-time, with the column's
    /// zone.
    fn timestamp(&self, row: usize) -> Option<(NaiveDateTime, Option<Zone>)> {
        let array = self.array;
        let DataType::Timestamp(unit, _) = array.data_type() else {
            return None;
        };
        let naive = match unit {
            TimeUnit::Second => as_datetime::<TimestampSecondType>(
                array.as_primitive::<TimestampSecondType>().value(row),
            ),
            TimeUnit::Millisecond => as_datetime::<TimestampMillisecondType>(
                array.as_primitive::<TimestampMillisecondType>().value(row),
            ),
            TimeUnit::Microsecond => as_datetime::<TimestampMicrosecondType>(
                array.as_primitive::<TimestampMicrosecondType>().value(row),
            ),
            TimeUnit::Nanosecond => as_datetime::<TimestampNanosecondType>(
                array.as_primitive::<TimestampNanosecondType>().value(row),
            ),
        }?;
        Some((naive, self.zone))
    }

    fn strftime(&self, row: usize, items: &[Item<'static>]) -> String {
        let array = self.array;
        let mut out = String::new();
        let written = match array.data_type() {
            DataType::Date32 => {
                as_date::<Date32Type>(i64::from(array.as_primitive::<Date32Type>().value(row)))
                    .map(|d| write!(out, "{}", d.format_with_items(items.iter())))
            }
            DataType::Date64 => {
                as_date::<Date64Type>(array.as_primitive::<Date64Type>().value(row))
                    .map(|d| write!(out, "{}", d.format_with_items(items.iter())))
            }
            DataType::Timestamp(..) => self.timestamp(row).map(|(naive, zone)| {
                let shown = shown_in(naive, zone);
                match shown {
                    Shown::Naive(n) => write!(out, "{}", n.format_with_items(items.iter())),
                    Shown::Aware(a) => write!(out, "{}", a.format_with_items(items.iter())),
                }
            }),
            DataType::Struct(_) => zoned_at(array, row).map(|at| {
                let shown = shown_in(at.naive_utc(), Some(Zone::Named(at.timezone())));
                match shown {
                    Shown::Naive(n) => write!(out, "{}", n.format_with_items(items.iter())),
                    Shown::Aware(a) => write!(out, "{}", a.format_with_items(items.iter())),
                }
            }),
            _ => return self.default_text(row),
        };
        match written {
            Some(Ok(())) => out,
            // A pattern item this value cannot fill (a zone on a naive one).
            _ => self.default_text(row),
        }
    }
}

/// Text columns (the ones a link format applies to).
fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// A format's name for messages: "The percent format".
fn format_name(format: &ColumnFormat) -> String {
    match format {
        ColumnFormat::Printf(pattern) => format!("The printf format {pattern:?}"),
        ColumnFormat::Number { .. } => "The number format".to_owned(),
        ColumnFormat::Percent { .. } => "The percent format".to_owned(),
        ColumnFormat::Currency { symbol, .. } => format!("The currency format ({symbol})"),
        ColumnFormat::DateTime(pattern) => format!("The date-time format {pattern:?}"),
        ColumnFormat::Checkmark => "The check mark format".to_owned(),
        ColumnFormat::Progress { .. } => "The progress format".to_owned(),
        ColumnFormat::Link { .. } => "The link format".to_owned(),
    }
}

/// A column type for messages, in words and Arrow's name: "text (Utf8View)".
fn type_name(data_type: &DataType) -> String {
    let words = match data_type {
        _ if is_zoned(data_type) => "zone-aware date-times",
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "text",
        DataType::Boolean => "true/false values",
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => "integers",
        _ if data_type.is_numeric() => "numbers",
        DataType::Date32 | DataType::Date64 => "dates",
        DataType::Time32(_) | DataType::Time64(_) => "times of day",
        DataType::Timestamp(_, None) => "date-times",
        DataType::Timestamp(_, Some(_)) => "zone-aware date-times",
        DataType::Duration(_) => "durations",
        DataType::List(_) | DataType::LargeList(_) | DataType::ListView(_) => "lists",
        DataType::Struct(_) => "records",
        DataType::Null => "empty values",
        _ => "values",
    };
    format!("{words} ({data_type})")
}

/// A column of instants each in its own zone: a struct of `utc` (a
/// timestamp) and `zone` (a zone's name), as brook makes of `Zoned` rows in
/// several zones.
pub(crate) fn is_zoned(data_type: &DataType) -> bool {
    match data_type {
        DataType::Struct(fields) => {
            fields.len() == 2
                && fields[0].name() == "utc"
                && matches!(fields[0].data_type(), DataType::Timestamp(..))
                && fields[1].name() == "zone"
                && matches!(fields[1].data_type(), DataType::Utf8View | DataType::Utf8)
        }
        _ => false,
    }
}

/// The instant at `row` of a zoned struct column, in its zone.
fn zoned_at(array: &dyn Array, row: usize) -> Option<chrono::DateTime<chrono_tz::Tz>> {
    let parts = array.as_struct_opt()?;
    let utc = arrow_cast::cast(
        &parts.column(0).slice(row, 1),
        &DataType::Timestamp(TimeUnit::Microsecond, None),
    )
    .ok()?;
    let utc = utc.as_primitive_opt::<TimestampMicrosecondType>()?;
    let zone = arrow_cast::cast(&parts.column(1).slice(row, 1), &DataType::Utf8View).ok()?;
    let zone: chrono_tz::Tz = zone.as_string_view().iter().next()??.parse().ok()?;
    if utc.is_null(0) {
        return None;
    }
    Some(zone.from_utc_datetime(&as_datetime::<TimestampMicrosecondType>(utc.value(0))?))
}

enum Shown {
    Naive(NaiveDateTime),
    Aware(chrono::DateTime<FixedOffset>),
}

/// Where an aware value is shown: its zone, or the app's display zone.
fn shown_in(naive: NaiveDateTime, zone: Option<Zone>) -> Shown {
    use crate::time::DisplayZone;
    let Some(zone) = zone else {
        return Shown::Naive(naive);
    };
    let utc = naive.and_utc();
    Shown::Aware(match crate::time::display_zone() {
        DisplayZone::Own => match zone {
            Zone::Named(tz) => utc.with_timezone(&tz).fixed_offset(),
            Zone::Fixed(offset) => utc.with_timezone(&offset),
        },
        DisplayZone::Zone(tz) => utc.with_timezone(&tz).fixed_offset(),
        DisplayZone::Local => utc.with_timezone(&chrono::Local).fixed_offset(),
    })
}

fn zone_of(tz: &str) -> Zone {
    if let Ok(named) = tz.parse::<chrono_tz::Tz>() {
        return Zone::Named(named);
    }
    let parsed = chrono::DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{tz}"));
    match parsed {
        Ok(at) => Zone::Fixed(*at.offset()),
        Err(_) => Zone::Named(chrono_tz::Tz::UTC),
    }
}

fn date<T: ArrowPrimitiveType>(array: &dyn Array, row: usize) -> String
where
    i64: From<T::Native>,
{
    as_date::<T>(i64::from(array.as_primitive::<T>().value(row)))
        .map_or_else(|| arrow_text(array, row), |d: NaiveDate| d.show_time())
}

fn time<T: ArrowPrimitiveType>(array: &dyn Array, row: usize) -> String
where
    i64: From<T::Native>,
{
    as_time::<T>(i64::from(array.as_primitive::<T>().value(row)))
        .map_or_else(|| arrow_text(array, row), |t: NaiveTime| t.show_time())
}

fn arrow_text(array: &dyn Array, row: usize) -> String {
    let options = arrow_cast::display::FormatOptions::default();
    arrow_cast::display::ArrayFormatter::try_new(array, &options)
        .map(|f| f.value(row).to_string())
        .unwrap_or_default()
}

/// A duration in nanoseconds as `[-][Nd ]HH:MM:SS[.fff]`.
fn duration(nanos: i128) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let nanos = nanos.unsigned_abs();
    let seconds = nanos / 1_000_000_000;
    let fraction = nanos % 1_000_000_000;
    let (days, hours, minutes, secs) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    let mut out = String::from(sign);
    if days > 0 {
        let _ = write!(out, "{days}d ");
    }
    let _ = write!(out, "{hours:02}:{minutes:02}:{secs:02}");
    if fraction > 0 {
        let digits = format!("{fraction:09}");
        let _ = write!(out, ".{}", digits.trim_end_matches('0'));
    }
    out
}

/// A float in its shortest exact form, thousands grouped: `1,234.5`.
fn shortest(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    group(&value.to_string())
}

/// A number with `decimals` digits after the point (shortest when `None`).
fn number(value: f64, decimals: Option<usize>, thousands: bool) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = match decimals {
        Some(d) => format!("{value:.*}", d.min(30)),
        None => value.to_string(),
    };
    if thousands { group(&text) } else { text }
}

/// Groups the integer digits of a decimal text in threes with commas.
fn group(text: &str) -> String {
    let (sign, rest) = text
        .strip_prefix('-')
        .map_or(("", text), |rest| ("-", rest));
    let (whole, fraction) = rest.find('.').map_or((rest, ""), |at| rest.split_at(at));
    if whole.len() <= 3 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(fraction);
    out
}

/// Every cell of a column as text (the defaults, or `config`'s format).
pub fn column_text(array: &dyn Array, config: Option<&ColumnConfig>) -> Vec<String> {
    let writer = CellText::new(array, config);
    (0..array.len()).map(|row| writer.text(row)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_well() {
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(shortest(1_234_567.5), "1,234,567.5");
        assert_eq!(shortest(-1234.0), "-1,234");
        assert_eq!(number(1234.5, Some(2), true), "1,234.50");
        assert_eq!(duration(93_784_500_000_000), "1d 02:03:04.5");
    }
}
