//! The CSV reader's fast path: unquoted text split into fields with memchr
//! on every core, each cell parsed with the same arrow-cast parsers
//! arrow-csv uses, written straight into the final columns (no joining of
//! pieces afterwards).
//!
//! It takes only the plain case: no quotes, every row with every column, no
//! blank lines, `\n` or `\r\n` line ends, and every cell fitting its
//! column's sampled type. Anything else returns `None` and the caller reads
//! the text with arrow-csv, which handles (or reports) it exactly as before.

use std::sync::Arc;

use arrow_array::timezone::Tz;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, StringViewArray,
    TimestampMicrosecondArray,
};
use arrow_buffer::{BooleanBuffer, BooleanBufferBuilder, Buffer, NullBuffer, ScalarBuffer};
use arrow_cast::parse::{Parser as _, string_to_datetime};
use chrono::Utc;

use super::csv::Kind;

/// Strings up to this many bytes live inside their 16-byte view.
const INLINE: usize = 12;

/// How one column's cells are parsed.
#[derive(Clone)]
enum Parse {
    Int,
    Float,
    Bool,
    Date,
    Naive,
    Aware(Tz, Arc<str>),
    Text,
}

impl Parse {
    fn of(kind: &Kind) -> Option<Self> {
        Some(match kind {
            Kind::Int => Self::Int,
            Kind::Float => Self::Float,
            Kind::Bool => Self::Bool,
            Kind::Date => Self::Date,
            Kind::Naive => Self::Naive,
            Kind::Aware(offset) => Self::Aware(offset.parse().ok()?, offset.as_str().into()),
            Kind::Empty | Kind::Text => Self::Text,
        })
    }
}

/// One column's values for all rows, before it becomes an Arrow array.
enum Values {
    I64(Vec<i64>),
    F64(Vec<f64>),
    I32(Vec<i32>),
    Bool(Vec<bool>),
    Views(Vec<u128>),
}

impl Values {
    fn new(parse: &Parse, rows: usize) -> Self {
        match parse {
            Parse::Int | Parse::Naive | Parse::Aware(..) => Self::I64(vec![0; rows]),
            Parse::Float => Self::F64(vec![0.0; rows]),
            Parse::Date => Self::I32(vec![0; rows]),
            Parse::Bool => Self::Bool(vec![false; rows]),
            Parse::Text => Self::Views(vec![0; rows]),
        }
    }

    /// Splits the values into consecutive parts of `lengths` rows.
    fn split<'a>(&'a mut self, lengths: &[usize]) -> Vec<Slots<'a>> {
        fn parts<'a, T>(mut all: &'a mut [T], lengths: &[usize]) -> Vec<&'a mut [T]> {
            let mut parts = Vec::with_capacity(lengths.len());
            for &length in lengths {
                let whole = std::mem::take(&mut all);
                let (part, rest) = whole.split_at_mut(length.min(whole.len()));
                parts.push(part);
                all = rest;
            }
            parts
        }
        match self {
            Self::I64(v) => parts(v, lengths).into_iter().map(Slots::I64).collect(),
            Self::F64(v) => parts(v, lengths).into_iter().map(Slots::F64).collect(),
            Self::I32(v) => parts(v, lengths).into_iter().map(Slots::I32).collect(),
            Self::Bool(v) => parts(v, lengths).into_iter().map(Slots::Bool).collect(),
            Self::Views(v) => parts(v, lengths).into_iter().map(Slots::Views).collect(),
        }
    }
}

/// One piece's share of a column's values.
enum Slots<'a> {
    I64(&'a mut [i64]),
    F64(&'a mut [f64]),
    I32(&'a mut [i32]),
    Bool(&'a mut [bool]),
    Views(&'a mut [u128]),
}

/// The text after the header line.
#[derive(Clone, Copy)]
pub(super) enum Body<'a> {
    /// Known to be UTF-8 (`Table::from_csv`).
    Text(&'a str),
    /// Read from a file: checked piece by piece.
    Bytes(&'a [u8]),
}

/// What a piece leaves beside its values: the rows (within the piece) that
/// are null, and the bytes of its strings too long to live in their view.
#[derive(Default)]
struct Extra {
    nulls: Vec<u32>,
    data: Vec<u8>,
}

/// Parses the data rows of `body` (the text after the header line) into one
/// array per column of `kinds`, on `pieces` threads. `None` when the text is
/// not the plain case this path takes.
pub(super) fn parse(body: Body<'_>, kinds: &[Kind], pieces: usize) -> Option<Vec<ArrayRef>> {
    let bytes = match body {
        Body::Text(text) => text.as_bytes(),
        Body::Bytes(bytes) => bytes,
    };
    if kinds.is_empty() || memchr::memchr(b'"', bytes).is_some() {
        return None;
    }
    let parses: Vec<Parse> = kinds.iter().map(Parse::of).collect::<Option<_>>()?;
    let mut start = 0;
    let ranges: Vec<(usize, usize)> = super::csv::split_lines(bytes, pieces.max(1))
        .iter()
        .map(|piece| {
            let range = (start, start + piece.len());
            start += piece.len();
            range
        })
        .collect();
    // Each piece as text (checked on its own core when it came as bytes),
    // with its rows counted, so every column is allocated once, whole.
    let counted: Vec<(&str, usize, bool)> = on_threads(ranges, |(start, end)| {
        let piece = match body {
            Body::Text(text) => text.get(start..end)?,
            Body::Bytes(bytes) => std::str::from_utf8(bytes.get(start..end)?).ok()?,
        };
        let returns = memchr::memchr(b'\r', piece.as_bytes()).is_some();
        Some((piece, rows_in(piece.as_bytes()), returns))
    })?;
    let lengths: Vec<usize> = counted.iter().map(|&(_, rows, _)| rows).collect();
    let rows: usize = lengths.iter().sum();
    // Offsets within a piece's long-string buffer are 32 bits.
    if rows > u32::MAX as usize || counted.iter().any(|(p, _, _)| p.len() > u32::MAX as usize) {
        return None;
    }
    let mut columns: Vec<Values> = parses.iter().map(|p| Values::new(p, rows)).collect();
    // slots[piece][column]
    let mut slots: Vec<Vec<Slots<'_>>> = counted.iter().map(|_| Vec::new()).collect();
    for column in &mut columns {
        for (piece, part) in slots.iter_mut().zip(column.split(&lengths)) {
            piece.push(part);
        }
    }
    let work: Vec<_> = counted.iter().copied().zip(slots).enumerate().collect();
    let parses_ref = &parses;
    let extras = on_threads(work, |(index, ((piece, _, returns), slots))| {
        parse_piece(piece, returns, parses_ref, slots, index)
    })?;
    // extras[piece][column] -> per column, the pieces in order.
    let mut by_column: Vec<Vec<Extra>> = parses.iter().map(|_| Vec::new()).collect();
    for piece in extras {
        for (column, extra) in by_column.iter_mut().zip(piece) {
            column.push(extra);
        }
    }
    let starts: Vec<usize> = lengths
        .iter()
        .scan(0, |start, &length| {
            let this = *start;
            *start += length;
            Some(this)
        })
        .collect();
    // Building the arrays validates the string views: every core shares it.
    let cores = counted.len().max(1);
    let mut groups: Vec<Vec<_>> = (0..cores).map(|_| Vec::new()).collect();
    let mut loads = vec![0; cores];
    let jobs = parses.into_iter().zip(columns).zip(by_column);
    for (index, ((parse, values), extras)) in jobs.enumerate() {
        // Text (checked view by view) weighs most; the rest is a move.
        let weight = if matches!(parse, Parse::Text) { 8 } else { 1 };
        let lightest = (0..cores).min_by_key(|&core| loads.get(core).copied());
        if let Some(core) = lightest
            && let (Some(group), Some(load)) = (groups.get_mut(core), loads.get_mut(core))
        {
            group.push((index, parse, values, extras));
            *load += weight;
        }
    }
    let starts = &starts;
    let mut built: Vec<(usize, ArrayRef)> = on_threads(groups, |group| {
        group
            .into_iter()
            .map(|(index, parse, values, extras)| {
                Some((index, array(&parse, values, extras, starts, rows)?))
            })
            .collect::<Option<Vec<_>>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    built.sort_by_key(|(index, _)| *index);
    Some(built.into_iter().map(|(_, array)| array).collect())
}

/// Runs `work` on each item on its own named thread (the only item on this
/// one); `None` if any gives `None` or a thread cannot be had.
fn on_threads<T: Send, R: Send>(
    mut items: Vec<T>,
    work: impl Fn(T) -> Option<R> + Sync,
) -> Option<Vec<R>> {
    if items.len() == 1 {
        return Some(vec![work(items.pop()?)?]);
    }
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = items
            .into_iter()
            .map(|item| {
                std::thread::Builder::new()
                    .name("brook-csv".into())
                    .spawn_scoped(scope, move || work(item))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.ok()?.join().ok()?)
            .collect()
    })
}

/// The lines in a piece (a last line without a line end counts).
fn rows_in(piece: &[u8]) -> usize {
    let ends = memchr::memchr_iter(b'\n', piece).count();
    ends + usize::from(!piece.is_empty() && !piece.ends_with(b"\n"))
}

/// Parses one piece's rows into its slots.
fn parse_piece(
    text: &str,
    has_returns: bool,
    parses: &[Parse],
    mut slots: Vec<Slots<'_>>,
    piece_index: usize,
) -> Option<Vec<Extra>> {
    let buffer_index = u32::try_from(piece_index).ok()?;
    let mut extras: Vec<Extra> = parses.iter().map(|_| Extra::default()).collect();
    // Every "\r" must end a line ("\r\n"); a lone one is arrow-csv's to judge.
    let returns = if has_returns {
        memchr::memchr_iter(b'\r', text.as_bytes()).count()
    } else {
        0
    };
    let mut line_returns = 0;
    let mut row = 0usize;
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => (rest.get(..at)?, rest.get(at + 1..)?),
            None => (rest, ""),
        };
        rest = next;
        let line = match line.strip_suffix('\r') {
            Some(line) => {
                line_returns += 1;
                line
            }
            None => line,
        };
        if line.is_empty() {
            // A blank line: arrow-csv skips it.
            return None;
        }
        let mut cells = line;
        let mut more = true;
        for ((parse, slots), extra) in parses.iter().zip(&mut slots).zip(&mut extras) {
            if !more {
                // Too few cells in this row.
                return None;
            }
            let cell = match cells.as_bytes().iter().position(|&b| b == b',') {
                Some(at) => {
                    let cell = cells.get(..at)?;
                    cells = cells.get(at + 1..)?;
                    cell
                }
                None => {
                    more = false;
                    std::mem::take(&mut cells)
                }
            };
            put(parse, slots, extra, row, cell, buffer_index)?;
        }
        if more {
            // Too many cells in this row.
            return None;
        }
        row += 1;
    }
    (returns == line_returns).then_some(extras)
}

/// Parses one cell into its slot; `None` when it does not fit the column.
fn put(
    parse: &Parse,
    slots: &mut Slots<'_>,
    extra: &mut Extra,
    row: usize,
    cell: &str,
    buffer_index: u32,
) -> Option<()> {
    if cell.is_empty() {
        extra.nulls.push(u32::try_from(row).ok()?);
        return Some(());
    }
    match (parse, slots) {
        (Parse::Int, Slots::I64(values)) => *values.get_mut(row)? = Int64Type::parse(cell)?,
        (Parse::Float, Slots::F64(values)) => *values.get_mut(row)? = Float64Type::parse(cell)?,
        (Parse::Date, Slots::I32(values)) => *values.get_mut(row)? = Date32Type::parse(cell)?,
        (Parse::Bool, Slots::Bool(values)) => {
            *values.get_mut(row)? = if cell.eq_ignore_ascii_case("true") {
                true
            } else if cell.eq_ignore_ascii_case("false") {
                false
            } else {
                return None;
            }
        }
        (Parse::Naive, Slots::I64(values)) => {
            *values.get_mut(row)? = match plain_time(cell) {
                Some((micros, None)) => micros,
                _ => string_to_datetime(&Utc, cell).ok()?.timestamp_micros(),
            };
        }
        (Parse::Aware(zone, _), Slots::I64(values)) => {
            *values.get_mut(row)? = match plain_time(cell) {
                Some((micros, Some(offset))) => {
                    micros.checked_sub(i64::from(offset).checked_mul(1_000_000)?)?
                }
                _ => string_to_datetime(zone, cell).ok()?.timestamp_micros(),
            };
        }
        (Parse::Text, Slots::Views(views)) => {
            let bytes = cell.as_bytes();
            let length = u32::try_from(bytes.len()).ok()?;
            let view = if bytes.len() <= INLINE {
                // The length, then the bytes (little-endian), zero padded.
                bytes
                    .iter()
                    .rev()
                    .fold(0u128, |view, &b| (view << 8) | u128::from(b))
                    << 32
                    | u128::from(length)
            } else {
                let offset = u32::try_from(extra.data.len()).ok()?;
                extra.data.extend_from_slice(bytes);
                arrow_data::ByteView::new(length, bytes.get(..4)?)
                    .with_buffer_index(buffer_index)
                    .with_offset(offset)
                    .as_u128()
            };
            *views.get_mut(row)? = view;
        }
        _ => return None,
    }
    Some(())
}

/// A date-time in the one layout most files use,
/// `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM]`, read digit by digit (four
/// times faster than a general parser): the microseconds of its wall time
/// as if in UTC (the fraction cut to microseconds, as arrow-cast does) and
/// its offset in seconds, if written. `None` for any other layout, a leap
/// second or a date that does not exist; the caller then asks arrow-cast.
fn plain_time(cell: &str) -> Option<(i64, Option<i32>)> {
    let b = cell.as_bytes();
    let digits = |from: usize, count: usize| -> Option<u32> {
        b.get(from..from + count)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let at = |i: usize| b.get(i).copied();
    if at(4) != Some(b'-')
        || at(7) != Some(b'-')
        || !matches!(at(10), Some(b'T' | b' '))
        || at(13) != Some(b':')
        || at(16) != Some(b':')
    {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(digits(0, 4)?).ok()?,
        digits(5, 2)?,
        digits(8, 2)?,
    )?;
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let mut i = 19;
    let mut micros = 0;
    if at(i) == Some(b'.') {
        let fraction = b.get(i + 1..)?;
        let count = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if count == 0 || count > 9 {
            return None;
        }
        let mut scaled = digits(i + 1, count.min(6))?;
        for _ in count..6 {
            scaled *= 10;
        }
        micros = scaled;
        i += 1 + count;
    }
    let time = date.and_hms_micro_opt(hour, minute, second, micros)?;
    let wall = time.and_utc().timestamp_micros();
    let offset = match at(i) {
        None => return Some((wall, None)),
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && at(i + 3) == Some(b':') => {
            let (hours, minutes) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    Some((wall, Some(offset)))
}

/// The Arrow array of one column.
fn array(
    parse: &Parse,
    values: Values,
    extras: Vec<Extra>,
    starts: &[usize],
    rows: usize,
) -> Option<ArrayRef> {
    let nulls = nulls(&extras, starts, rows);
    Some(match (parse, values) {
        (Parse::Int, Values::I64(v)) => Arc::new(Int64Array::new(ScalarBuffer::from(v), nulls)),
        (Parse::Float, Values::F64(v)) => Arc::new(Float64Array::new(ScalarBuffer::from(v), nulls)),
        (Parse::Date, Values::I32(v)) => Arc::new(Date32Array::new(ScalarBuffer::from(v), nulls)),
        (Parse::Bool, Values::Bool(v)) => Arc::new(BooleanArray::new(
            BooleanBuffer::collect_bool(v.len(), |i| v.get(i).copied().unwrap_or(false)),
            nulls,
        )),
        (Parse::Naive, Values::I64(v)) => {
            Arc::new(TimestampMicrosecondArray::new(ScalarBuffer::from(v), nulls))
        }
        (Parse::Aware(_, name), Values::I64(v)) => Arc::new(
            TimestampMicrosecondArray::new(ScalarBuffer::from(v), nulls)
                .with_timezone(Arc::clone(name)),
        ),
        (Parse::Text, Values::Views(v)) => {
            let buffers: Vec<Buffer> = if extras.iter().all(|e| e.data.is_empty()) {
                Vec::new()
            } else {
                extras
                    .into_iter()
                    .map(|e| Buffer::from_vec(e.data))
                    .collect()
            };
            Arc::new(StringViewArray::try_new(ScalarBuffer::from(v), buffers, nulls).ok()?)
        }
        _ => return None,
    })
}

/// The null buffer of a column: `None` when no cell is null.
fn nulls(extras: &[Extra], starts: &[usize], rows: usize) -> Option<NullBuffer> {
    if extras.iter().all(|extra| extra.nulls.is_empty()) {
        return None;
    }
    let mut valid = BooleanBufferBuilder::new(rows);
    valid.append_n(rows, true);
    for (extra, &start) in extras.iter().zip(starts) {
        for &row in &extra.nulls {
            let at = start + row as usize;
            if at < rows {
                valid.set_bit(at, false);
            }
        }
    }
    Some(NullBuffer::new(valid.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array as _;

    fn kinds_of(header: &str, body: &str) -> Vec<Kind> {
        let columns = header.split(',').count();
        let mut kinds = vec![Kind::Empty; columns];
        for line in body.lines() {
            for (kind, cell) in kinds.iter_mut().zip(line.trim_end_matches('\r').split(',')) {
                *kind = std::mem::replace(kind, Kind::Empty).join(Kind::of(cell));
            }
        }
        kinds
    }

    /// The fast path's columns, and arrow-csv's for the same types.
    fn both(header: &str, body: &str, pieces: usize) -> (Option<Vec<ArrayRef>>, Vec<ArrayRef>) {
        let kinds = kinds_of(header, body);
        let fast = parse(Body::Text(body), &kinds, pieces);
        let names: Vec<String> = header.split(',').map(str::to_owned).collect();
        let schema = super::super::csv::schema(&names, kinds.iter().map(Kind::data_type));
        let slow = super::super::csv::parse(format!("{header}\n{body}").as_bytes(), &schema, 40)
            .map(|batch| batch.columns().to_vec())
            .unwrap_or_default();
        (fast, slow)
    }

    #[test]
    fn gives_what_arrow_csv_gives() {
        let header = "id,name,price,ok,day,naive,aware,empty";
        let body = "1,pen,1.5,true,2026-03-08,2026-03-08 10:00:00,2026-03-08T10:00:00+01:00,\n\
                    -2,a name longer than twelve bytes,,FALSE,,2026-03-08T10:00:00.123456789,2026-03-08T09:00:00Z,\n\
                    ,ünïcødé and more text here,-0.25e3,,1970-01-01,,1969-12-31T23:59:59.5-05:30,\n";
        for pieces in [1, 2, 3] {
            let (fast, slow) = both(header, body, pieces);
            let fast = fast.unwrap_or_default();
            assert_eq!(fast.len(), 8, "{pieces} pieces");
            for (index, (fast, slow)) in fast.iter().zip(&slow).enumerate() {
                let slow =
                    arrow_cast::cast(slow, fast.data_type()).unwrap_or_else(|_| Arc::clone(slow));
                assert_eq!(
                    fast.to_data(),
                    slow.to_data(),
                    "column {index}, {pieces} pieces"
                );
            }
        }
    }

    #[test]
    fn windows_line_ends_are_read() {
        let (fast, slow) = both("a,b", "1,x\r\n2,y\r\n", 1);
        let fast = fast.unwrap_or_default();
        assert_eq!(fast.len(), 2);
        assert_eq!(fast.first().map(|a| a.len()), Some(2));
        let text = arrow_cast::cast(&slow[1], &arrow_schema::DataType::Utf8View).ok();
        assert_eq!(fast.get(1).map(|a| a.to_data()), text.map(|a| a.to_data()));
    }

    #[test]
    fn leaves_the_unusual_to_arrow_csv() {
        for (what, body) in [
            ("quotes", "1,\"x\"\n"),
            ("too few cells", "1\n"),
            ("too many cells", "1,x,y\n"),
            ("a blank line", "1,x\n\n2,y\n"),
            ("a lone carriage return", "1,x\ry\n"),
            ("a cell that does not fit", "1,x\nn/a,y\n"),
        ] {
            let kinds = [Kind::Int, Kind::Text];
            assert!(parse(Body::Text(body), &kinds, 1).is_none(), "{what}");
        }
        assert!(parse(Body::Bytes(b"1,\xff\n"), &[Kind::Int, Kind::Text], 1).is_none());
    }

    #[test]
    fn plain_times_agree_with_chrono() {
        let mut checked = 0;
        for date in [
            "0001-01-01",
            "1969-12-31",
            "2024-02-29",
            "2026-03-08",
            "9999-12-31",
        ] {
            for time in ["00:00:00", "10:30:59", "23:59:59"] {
                for fraction in ["", ".5", ".123", ".123456", ".1234567", ".123456789"] {
                    for offset in ["Z", "+00:00", "+01:00", "-05:30", "+14:00"] {
                        for separator in ["T", " "] {
                            let cell = format!("{date}{separator}{time}{fraction}{offset}");
                            let expected = chrono::DateTime::parse_from_rfc3339(&cell)
                                .map(|t| t.timestamp_micros())
                                .ok();
                            let got = plain_time(&cell).and_then(|(wall, offset)| {
                                Some(wall - i64::from(offset?) * 1_000_000)
                            });
                            assert_eq!(got, expected, "{cell}");
                            let naive = format!("{date}{separator}{time}{fraction}");
                            let expected = string_to_datetime(&Utc, &naive)
                                .map(|t| t.timestamp_micros())
                                .ok();
                            assert_eq!(plain_time(&naive).map(|(w, _)| w), expected, "{naive}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 5 * 3 * 6 * 5 * 2);
        for odd in [
            "2026-02-30T10:00:00Z",
            "2026-03-08T24:00:00Z",
            "2026-03-08T10:00:60Z",
            "2026-03-08T10:00:00+24:00",
            "2026-03-08T10:00:00.Z",
            "2026-03-08T10:00:00.1234567891Z",
            "2026-03-08T10:00:00+0100",
            "2026-3-8T10:00:00Z",
            "2026-03-08",
        ] {
            assert_eq!(plain_time(odd).filter(|(_, o)| o.is_some()), None, "{odd}");
        }
    }
}
