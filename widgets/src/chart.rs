//! Charts of serde rows through egui_plot: line, bar, area and scatter, with
//! a legend, a hover read-out, zoom (Ctrl + wheel) and pan (drag) and a
//! reset (double click). The wheel alone scrolls the page.

use std::sync::Arc;

use arrow_array::Array;
use arrow_array::cast::AsArray as _;
use brook_engine::St;
use brook_engine::data::{IntoTable, Table};
use brook_engine::element::{ChartKind, Element};
use egui::Ui;
use egui_plot::{
    AxisHints, Bar, BarChart, ColorConflictHandling, FilledArea, GridInput, GridMark,
    HoverPosition, Legend, Line, Plot, PlotPoints, Points,
};

/// Charts on [`St`]. In the prelude. Each takes a [`Table`], a slice or
/// `Vec` of `Serialize` rows, or an Arrow `RecordBatch` (see
/// [`IntoTable`]); a `Table` is read in place, never converted per run.
pub trait ChartExt {
    /// A line chart; choose columns with `.x(..)` and `.y(..)`.
    fn line_chart<D: IntoTable>(&self, data: D) -> Chart<'_>;
    /// A bar chart.
    fn bar_chart<D: IntoTable>(&self, data: D) -> Chart<'_>;
    /// An area chart.
    fn area_chart<D: IntoTable>(&self, data: D) -> Chart<'_>;
    /// A scatter chart.
    fn scatter_chart<D: IntoTable>(&self, data: D) -> Chart<'_>;
    /// A chart of any kind.
    fn chart<D: IntoTable>(&self, kind: ChartKind, data: D) -> Chart<'_>;
}

/// A chart builder; finish with [`Chart::show`].
#[must_use = "call .show() to draw the chart"]
pub struct Chart<'a> {
    st: &'a St,
    kind: ChartKind,
    table: Result<Table, String>,
    x: Option<String>,
    y: Vec<String>,
}

impl ChartExt for St {
    fn line_chart<D: IntoTable>(&self, data: D) -> Chart<'_> {
        self.chart(ChartKind::Line, data)
    }
    fn bar_chart<D: IntoTable>(&self, data: D) -> Chart<'_> {
        self.chart(ChartKind::Bar, data)
    }
    fn area_chart<D: IntoTable>(&self, data: D) -> Chart<'_> {
        self.chart(ChartKind::Area, data)
    }
    fn scatter_chart<D: IntoTable>(&self, data: D) -> Chart<'_> {
        self.chart(ChartKind::Scatter, data)
    }
    fn chart<D: IntoTable>(&self, kind: ChartKind, data: D) -> Chart<'_> {
        Chart {
            st: self,
            kind,
            table: data.into_table().map_err(|e| e.to_string()),
            x: None,
            y: Vec::new(),
        }
    }
}

impl Chart<'_> {
    /// The x column (default: the row number): numbers, dates and
    /// date-times (text such as "2026-03-08" or "2026-03-08 09:15", drawn
    /// on a time axis), or categories (any other text: one position each,
    /// in first-seen order, e.g. regions of a bar chart).
    pub fn x(mut self, column: impl Into<String>) -> Self {
        self.x = Some(column.into());
        self
    }

    /// The y columns, one series each (default: every numeric column but x).
    pub fn y<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.y = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Draws the chart. A column that does not exist is an error naming it.
    pub fn show(self) {
        let table = match self.table {
            Ok(table) => table,
            Err(message) => {
                self.st.emit(Element::Exception {
                    message: format!("The chart's rows cannot be read: {message}"),
                    location: None,
                });
                return;
            }
        };
        let missing: Vec<&String> = self
            .x
            .iter()
            .chain(&self.y)
            .filter(|c| table.column_index(c).is_none())
            .collect();
        if !missing.is_empty() {
            self.st.emit(Element::Exception {
                message: format!(
                    "The chart asks for column(s) {missing:?}, but the data has {:?}. Use one of those names.",
                    table.column_names().collect::<Vec<_>>()
                ),
                location: None,
            });
            return;
        }
        let y = if self.y.is_empty() {
            table
                .column_names()
                .filter(|&c| Some(c) != self.x.as_deref())
                .filter(|&c| table.numbers(c).is_some_and(|n| n.null_count() < n.len()))
                .map(str::to_owned)
                .collect()
        } else {
            self.y
        };
        self.st.emit(Element::Chart {
            kind: self.kind,
            table,
            x: self.x,
            y,
        });
    }
}

/// How a chart reads its x column.
#[derive(Clone, Debug, PartialEq)]
pub enum XAxis {
    /// No x column: the row number.
    Row,
    /// Numbers, as they are.
    Number,
    /// Dates or date-times ("2026-03-08", "2026-03-08 09:15",
    /// "2026-03-08T09:15:00Z"), as seconds since 1970, labelled in a zone.
    Time(AxisZone),
    /// Anything else: one position per distinct value, in first-seen order.
    Category(Vec<String>),
}

/// The zone a time axis is labelled in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AxisZone {
    /// Naive date-times (no offset): labelled as written.
    Naive,
    /// Aware ones shown in their own offset (the display zone "own": the
    /// first value's).
    Offset(chrono::FixedOffset),
    /// Aware ones shown in the app's display zone.
    Zone(chrono_tz::Tz),
    /// Aware ones shown in the system's zone.
    Local,
}

/// The x position of every row, and how they were read: numeric columns
/// as numbers, date and timestamp columns (and text of dates) as seconds
/// since 1970, any other column as categories.
pub fn x_positions(table: &Table, x: Option<&str>) -> (XAxis, Vec<Option<f64>>) {
    #[allow(clippy::cast_precision_loss, reason = "row numbers")]
    let rows = || (0..table.len()).map(|i| Some(i as f64)).collect();
    let Some(array) = x.and_then(|x| table.array(x)) else {
        return (XAxis::Row, rows());
    };
    if let Some(numbers) = x.and_then(|x| table.numbers(x)) {
        let finite = numbers.iter().map(|v| v.filter(|v| v.is_finite()));
        return (XAxis::Number, finite.collect());
    }
    if let Some((zone, times)) = times_of(array.as_ref()) {
        return (XAxis::Time(zone), times);
    }
    let cells = brook_engine::data::CellText::new(array.as_ref(), None);
    let mut categories: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let positions = (0..array.len())
        .map(|row| {
            if array.is_null(row) {
                return None;
            }
            let at = *index.entry(cells.text(row)).or_insert_with_key(|text| {
                categories.push(text.clone());
                categories.len() - 1
            });
            #[allow(clippy::cast_precision_loss, reason = "category positions")]
            Some(at as f64)
        })
        .collect();
    (XAxis::Category(categories), positions)
}

/// A date, timestamp or date-text column as seconds since 1970 (naive
/// values as if UTC, so they are drawn as written), with the zone to label
/// them in; `None` for any other column, or text with a cell that is not a
/// date.
fn times_of(array: &dyn Array) -> Option<(AxisZone, Vec<Option<f64>>)> {
    use arrow_schema::{DataType, TimeUnit};
    let aware = |first: Option<AxisZone>| match brook_engine::time::display_zone() {
        brook_engine::time::DisplayZone::Own => first,
        brook_engine::time::DisplayZone::Zone(tz) => Some(AxisZone::Zone(tz)),
        brook_engine::time::DisplayZone::Local => Some(AxisZone::Local),
    };
    match array.data_type() {
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(..) => {
            let unit = TimeUnit::Millisecond;
            let as_ms = arrow_cast::cast(array, &DataType::Timestamp(unit, None)).ok()?;
            let ms = as_ms.as_primitive::<arrow_array::types::TimestampMillisecondType>();
            #[allow(clippy::cast_precision_loss, reason = "seconds since 1970 fit f64")]
            let times = ms.iter().map(|v| v.map(|v| v as f64 / 1000.0)).collect();
            let zone = match array.data_type() {
                DataType::Timestamp(_, Some(tz)) => {
                    let own = match tz.parse::<chrono_tz::Tz>() {
                        Ok(named) => AxisZone::Zone(named),
                        Err(_) => chrono::DateTime::parse_from_rfc3339(&format!(
                            "2000-01-01T00:00:00{tz}"
                        ))
                        .map_or(AxisZone::Zone(chrono_tz::Tz::UTC), |d| {
                            AxisZone::Offset(*d.offset())
                        }),
                    };
                    aware(Some(own))?
                }
                _ => AxisZone::Naive,
            };
            Some((zone, times))
        }
        DataType::Utf8View | DataType::Utf8 | DataType::LargeUtf8 => {
            let text = arrow_cast::cast(array, &DataType::Utf8View).ok()?;
            let text = text.as_string_view();
            let mut first_offset = None;
            let mut times = Vec::with_capacity(text.len());
            for cell in text {
                let Some(cell) = cell else {
                    times.push(None);
                    continue;
                };
                let (seconds, offset) = parse_time(cell)?;
                first_offset = first_offset.or(offset);
                times.push(Some(seconds));
            }
            let zone = match first_offset {
                None => AxisZone::Naive,
                Some(offset) => aware(Some(AxisZone::Offset(offset)))?,
            };
            Some((zone, times))
        }
        _ => None,
    }
}

/// A date or date-time text as seconds since 1970 (naive ones as if UTC,
/// so they are drawn as written), with its offset when it has one.
fn parse_time(text: &str) -> Option<(f64, Option<chrono::FixedOffset>)> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let text = text.trim();
    // Cheap refusal of what is not a date: "YYYY-MM-DD" first.
    let bytes = text.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    #[allow(clippy::cast_precision_loss, reason = "seconds since 1970 fit f64")]
    let seconds = |t: NaiveDateTime| t.and_utc().timestamp_millis() as f64 / 1000.0;
    let date = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
    };
    if bytes.len() == 10 {
        return Some((seconds(date(text)?), None));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some((seconds(t.naive_utc()), Some(*t.offset())));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some((seconds(t), None));
        }
    }
    None
}

/// Seconds since 1970 as the axis shows them, in the axis's zone: a date
/// when `step` (the spacing of the marks) is a day or more, a date and
/// time to the minute under a day, the time to the second under a minute
/// and to the millisecond under a second, so neighbouring marks never read
/// the same.
fn time_label(seconds: f64, step: f64, zone: AxisZone) -> String {
    #[allow(clippy::cast_possible_truncation, reason = "a plot coordinate")]
    let Some(time) = chrono::DateTime::from_timestamp_millis((seconds * 1000.0).round() as i64)
    else {
        return String::new();
    };
    let format = if step < 1.0 {
        "%H:%M:%S%.3f"
    } else if step < 60.0 {
        "%H:%M:%S"
    } else if step < DAY {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d"
    };
    match zone {
        AxisZone::Naive => time.format(format).to_string(),
        AxisZone::Offset(offset) => time.with_timezone(&offset).format(format).to_string(),
        AxisZone::Zone(tz) => time.with_timezone(&tz).format(format).to_string(),
        AxisZone::Local => time
            .with_timezone(&chrono::Local)
            .format(format)
            .to_string(),
    }
}

/// Steps of a time axis, in seconds, for egui_plot's three grid line
/// strengths: whole milliseconds, seconds, minutes, hours, days... The thinnest is at least `base`
/// (egui_plot's smallest visible step, 8 points), the others 5 and 15 times
/// that, so the widest leaves room for a date under each of its lines.
fn time_steps(base: f64) -> [f64; 3] {
    const LADDER: [f64; 35] = [
        0.001,
        0.002,
        0.005,
        0.01,
        0.02,
        0.05,
        0.1,
        0.2,
        0.5,
        1.0,
        2.0,
        5.0,
        10.0,
        15.0,
        30.0,
        60.0,
        120.0,
        300.0,
        600.0,
        900.0,
        1_800.0,
        3_600.0,
        7_200.0,
        10_800.0,
        21_600.0,
        43_200.0,
        86_400.0,
        172_800.0,
        604_800.0,
        1_209_600.0,
        2_592_000.0,
        7_776_000.0,
        15_552_000.0,
        31_536_000.0,
        315_360_000.0,
    ];
    let pick = |at_least: f64| {
        LADDER
            .iter()
            .copied()
            .find(|step| *step >= at_least)
            .unwrap_or(LADDER[LADDER.len() - 1])
    };
    let thin = pick(base);
    let middle = pick((base * 5.0).max(thin * 1.5));
    let wide = pick((base * 15.0).max(middle * 1.5));
    [thin, middle, wide]
}

/// A day, a month and a year in seconds (months and years as the grid's
/// "step size", which only sets line strength).
const DAY: f64 = 86_400.0;
const MONTH: f64 = 30.0 * DAY;
const YEAR: f64 = 365.0 * DAY;

/// The grid marks of a time axis between `bounds` (seconds since 1970):
/// steps of [`time_steps`] up to weeks, then the first days of months, and
/// of years, so long ranges are marked on dates people read ("2026-01-01",
/// not every 30 days from 1970).
fn time_marks((start, end): (f64, f64), base: f64) -> Vec<GridMark> {
    let [thin, middle, wide] = time_steps(base);
    if wide < MONTH {
        let mut marks: Vec<GridMark> = Vec::new();
        for step in [wide, middle, thin] {
            let mut value = (start / step).ceil() * step;
            while value <= end && marks.len() < 10_000 {
                if !marks.iter().any(|m| (m.value - value).abs() < thin / 10.0) {
                    marks.push(GridMark {
                        value,
                        step_size: step,
                    });
                }
                value += step;
            }
        }
        marks.sort_by(|a, b| a.value.total_cmp(&b.value));
        return marks;
    }
    // Months (every 1, 3 or 6) while a month is wide enough, else years
    // (every 1, 2, 5, 10, ... of them).
    let (months, years) = if thin <= MONTH {
        (1, 1)
    } else if thin <= 3.0 * MONTH {
        (3, 1)
    } else if thin <= 6.0 * MONTH {
        (6, 1)
    } else {
        let mut years = 1_i32;
        for factor in [2, 5].into_iter().cycle() {
            #[allow(clippy::cast_precision_loss, reason = "a count of years")]
            if f64::from(years) * YEAR >= thin {
                break;
            }
            years *= factor;
        }
        (12, years)
    };
    calendar_marks(start, end, months, years)
}

/// Marks on the first day of every `months`-th month (of every
/// `years`-th year when `months` is 12) between `start` and `end`.
fn calendar_marks(start: f64, end: f64, months: u32, years: i32) -> Vec<GridMark> {
    use chrono::{Datelike as _, NaiveDate};
    #[allow(clippy::cast_possible_truncation, reason = "a plot coordinate")]
    let Some(from) = chrono::DateTime::from_timestamp(start.floor() as i64, 0) else {
        return Vec::new();
    };
    let (mut year, mut month) = (from.year(), from.month0());
    month -= month % months;
    year -= year.rem_euclid(years);
    let mut marks = Vec::new();
    while marks.len() < 10_000 {
        let Some(day) = NaiveDate::from_ymd_opt(year, month + 1, 1) else {
            break;
        };
        #[allow(clippy::cast_precision_loss, reason = "seconds since 1970 fit f64")]
        let value = day
            .and_hms_opt(0, 0, 0)
            .map_or(f64::MAX, |t| t.and_utc().timestamp() as f64);
        if value > end {
            break;
        }
        if value >= start {
            // A mark's step is the widest rule it is on (a quarter, half a
            // year, a year; 2, 5, 10 times the years), so egui_plot labels
            // the coarser marks when the finer ones have no room.
            let step_size = if months == 12 {
                let within = year.rem_euclid(years * 10);
                let factor = if within == 0 {
                    10.0
                } else if year.rem_euclid(years * 5) == 0 {
                    5.0
                } else if year.rem_euclid(years * 2) == 0 {
                    2.0
                } else {
                    1.0
                };
                f64::from(years) * YEAR * factor
            } else if month == 0 {
                YEAR
            } else if month % 6 == 0 {
                6.0 * MONTH
            } else if month % 3 == 0 {
                3.0 * MONTH
            } else {
                f64::from(months) * MONTH
            };
            marks.push(GridMark { value, step_size });
        }
        if months == 12 {
            year += years;
        } else {
            month += months;
            if month >= 12 {
                month -= 12;
                year += 1;
            }
        }
    }
    marks
}

/// The x value of a mark or point as the axis shows it.
fn x_label(axis: &XAxis, value: f64, step: f64) -> String {
    match axis {
        XAxis::Row | XAxis::Number => {
            let text = format!("{value:.6}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        XAxis::Time(zone) => time_label(value, step, *zone),
        XAxis::Category(names) => {
            let index = value.round();
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked to be a whole index first"
            )]
            let name = ((value - index).abs() < 1e-6 && index >= 0.0)
                .then(|| names.get(index as usize))
                .flatten();
            name.cloned().unwrap_or_default()
        }
    }
}

/// The smallest distance between two distinct x values (1 when there are
/// fewer than two): bars are this wide, shared by the series.
fn x_spacing(xs: &[Option<f64>]) -> f64 {
    let mut values: Vec<f64> = xs.iter().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values
        .windows(2)
        .map(|pair| pair[1] - pair[0])
        .filter(|gap| *gap > 0.0)
        .fold(None, |min: Option<f64>, gap| {
            Some(min.map_or(gap, |m| m.min(gap)))
        })
        .unwrap_or(1.0)
}

/// Draws a chart.
/// What a chart draws, read from its table once and kept (egui memory) for
/// the frames that follow, not read again each frame.
struct Prepared {
    /// The table it was read from (held, so the pointer stays its).
    table: Table,
    x: Option<String>,
    y: Vec<String>,
    axis: XAxis,
    series: Vec<(String, Vec<[f64; 2]>)>,
    bar_width: f64,
    /// Values to include on the x and y axes so that neither is thin
    /// ([`constant_span`]).
    include: [Option<[f64; 2]>; 2],
    /// The largest magnitude of any coordinate.
    magnitude: f64,
}

/// The largest magnitude a chart draws: past it, egui_plot's bounds
/// arithmetic (margins, widening) overflows to infinity.
const MAX_MAGNITUDE: f64 = 1e100;

/// Two values to include on an axis whose `values` all (nearly) coincide
/// (a constant series, a single point), so the value sits in the middle of
/// a readable axis: `value ± step`, where `step` is the power of ten at the
/// value's magnitude (y = 2 everywhere: 1 to 3, with 2 marked in the
/// middle; 0: -1 to 1), and for a time axis a day. egui_plot alone would
/// widen it by ±0.5, which rounds away at large magnitudes (empty bounds,
/// a panic in debug builds) and is a sliver of a time axis. `None` when the
/// axis has a width of its own, or no finite value.
fn constant_span(values: impl Iterator<Item = f64>, time: bool) -> Option<[f64; 2]> {
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let magnitude = min.abs().max(max.abs());
    if !(min.is_finite() && max.is_finite()) || max - min > magnitude * 1e-9 {
        return None;
    }
    let center = min / 2.0 + max / 2.0;
    let step = if time {
        DAY
    } else if magnitude > 0.0 {
        10_f64.powf(magnitude.log10().floor())
    } else {
        1.0
    };
    Some([center - step, center + step])
}

impl Prepared {
    fn new(table: &Table, x: Option<&str>, y: &[String]) -> Self {
        let (axis, xs) = x_positions(table, x);
        let series: Vec<(String, Vec<[f64; 2]>)> = y
            .iter()
            .filter_map(|name| {
                let ys = table.numbers(name)?;
                let points = xs
                    .iter()
                    .zip(&ys)
                    // NaN and infinities are not points (Arrow floats may
                    // hold them): they are left out like nulls.
                    .filter_map(|(x, y)| Some([(*x)?, y?]))
                    .filter(|[x, y]: &[f64; 2]| x.is_finite() && y.is_finite())
                    .collect();
                Some((name.clone(), points))
            })
            .collect();
        #[allow(clippy::cast_precision_loss, reason = "a handful of series")]
        let bar_width = 0.8 * x_spacing(&xs) / series.len().max(1) as f64;
        let points = || series.iter().flat_map(|(_, points)| points.iter());
        let include = [
            constant_span(points().map(|p| p[0]), matches!(axis, XAxis::Time(_))),
            constant_span(points().map(|p| p[1]), false),
        ];
        let magnitude = points()
            .flat_map(|p| [p[0].abs(), p[1].abs()])
            .fold(0.0, f64::max);
        Self {
            table: table.clone(),
            x: x.map(str::to_owned),
            y: y.to_vec(),
            axis,
            series,
            bar_width,
            include,
            magnitude,
        }
    }

    fn is_of(&self, table: &Table, x: Option<&str>, y: &[String]) -> bool {
        self.table.same_as(table) && self.x.as_deref() == x && self.y == y
    }
}

/// Draws a chart.
pub(crate) fn chart_ui(ui: &mut Ui, kind: ChartKind, table: &Table, x: Option<&str>, y: &[String]) {
    let memory = ui.scope_id().with("brook-chart-data");
    let prepared = match ui.data(|d| d.get_temp::<Arc<Prepared>>(memory)) {
        Some(prepared) if prepared.is_of(table, x, y) => prepared,
        _ => {
            let prepared = Arc::new(Prepared::new(table, x, y));
            ui.data_mut(|d| d.insert_temp(memory, Arc::clone(&prepared)));
            prepared
        }
    };
    if prepared.magnitude > MAX_MAGNITUDE {
        let colour = ui.visuals().warn_fg_color;
        ui.label(
            egui::RichText::new(format!(
                "This chart has values beyond ±{MAX_MAGNITUDE:e} ({:e}), too large to draw.",
                prepared.magnitude
            ))
            .color(colour),
        );
        return;
    }
    let axis = prepared.axis.clone();
    let bar_width = prepared.bar_width;
    let width_memory = ui.scope_id().with("brook-chart-frame-width");
    // The plot's frame width of the last frame (the x axis's length in
    // points), to keep time labels inside it; a guess on the first frame.
    let frame_width: f32 = ui
        .data(|d| d.get_temp(width_memory))
        .unwrap_or_else(|| (ui.available_width() - 40.0).max(1.0));
    let font = egui::TextStyle::Body.resolve(ui.style());
    let char_width = f64::from(
        ui.painter()
            .layout_no_wrap(
                "0000-00-00 00:00".to_owned(),
                font.clone(),
                egui::Color32::PLACEHOLDER,
            )
            .size()
            .x
            / 16.0,
    );
    let mut x_axis = AxisHints::new_x().label(x.unwrap_or("row"));
    let mut plot = Plot::new(ui.scope_id().with("brook-chart"))
        .height(280.0)
        // The wheel scrolls the page, not the chart under the pointer;
        // Ctrl + wheel (or a pinch) zooms, a drag pans.
        .allow_scroll(false)
        // A series' line, marker and fill share one legend entry, in the
        // line's colour.
        .legend(Legend::default().color_conflict_handling(ColorConflictHandling::PickFirst));
    match &axis {
        XAxis::Time(_) => {
            plot = plot.x_grid_spacer(|input| time_marks(input.bounds, input.base_step_size));
            let ticks = axis.clone();
            x_axis = x_axis.formatter(move |mark, range| {
                // One format for the whole axis, fine enough for the marks
                // that have room for a label (about five): a coarse mark
                // among fine ones reads no wider than they do.
                let text = x_label(&ticks, mark.value, (range.end() - range.start()) / 5.0);
                #[allow(clippy::cast_precision_loss, reason = "a label's length")]
                let half = text.chars().count() as f64 * char_width / 2.0 + 2.0;
                if inside_axis(mark.value, half, range, f64::from(frame_width)) {
                    text
                } else {
                    String::new()
                }
            });
        }
        XAxis::Category(names) => {
            let widest = widest_label(ui, names, &font, char_width);
            let count = names.len();
            plot = plot.x_grid_spacer(move |input| category_marks(input, count, widest));
            let ticks = axis.clone();
            x_axis = x_axis
                .formatter(move |mark, _| x_label(&ticks, mark.value, mark.step_size))
                // The marks are already thinned to fit their labels
                // (category_marks): show every one egui_plot is given.
                .label_spacing(0.0..=1.0);
        }
        XAxis::Row | XAxis::Number => {
            // egui_plot wants 60 points between x labels; numbers are
            // short (a month number, a year), and it still leaves out any
            // label wider than its room.
            x_axis = x_axis.label_spacing(24.0..=32.0);
        }
    }
    plot = plot.custom_x_axes(vec![x_axis]);
    if matches!(axis, XAxis::Time(_) | XAxis::Category(_)) {
        let hover = axis.clone();
        plot = plot.label_formatter(move |position| match position {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.2}",
                x_label(&hover, position.x, 60.0),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        });
    }
    if let Some([low, high]) = prepared.include[0] {
        plot = plot.include_x(low).include_x(high);
    }
    if let Some([low, high]) = prepared.include[1] {
        plot = plot.include_y(low).include_y(high);
    }
    let response = plot.show(ui, |plot| {
        for (index, (name, points)) in prepared.series.iter().cloned().enumerate() {
            let colour = series_colour(index);
            let lone = points.len() < 2;
            match kind {
                ChartKind::Line | ChartKind::Area => {
                    // A line of one point draws nothing: mark the point.
                    if lone {
                        plot.points(
                            Points::new(name.clone(), PlotPoints::from(points.clone()))
                                .color(colour)
                                .radius(LONE_POINT_RADIUS),
                        );
                    }
                    let fill = (kind == ChartKind::Area && !lone).then(|| area_fill(&points));
                    plot.line(Line::new(name.clone(), PlotPoints::from(points)).color(colour));
                    // The area between the line and 0, drawn whole (egui_plot's
                    // own line fill leaves out the parts whose line is
                    // scrolled out of view).
                    if let Some((xs, ys)) = fill {
                        let zeros = vec![0.0; xs.len()];
                        plot.add(
                            FilledArea::new(name, &xs, &zeros, &ys)
                                .fill_color(colour.gamma_multiply(AREA_FILL_ALPHA))
                                .allow_hover(false),
                        );
                    }
                }
                ChartKind::Scatter => {
                    plot.points(
                        Points::new(name, PlotPoints::from(points))
                            .color(colour)
                            .radius(3.0),
                    );
                }
                ChartKind::Bar => {
                    #[allow(clippy::cast_precision_loss, reason = "a handful of series")]
                    let offset = (index as f64 - 0.5 * (y.len() as f64 - 1.0)) * bar_width;
                    let bars = points
                        .into_iter()
                        .map(|[x, y]| Bar::new(x + offset, y).width(bar_width))
                        .collect();
                    // A bar's read-out names its series and its category
                    // (not every category has a label under its bar).
                    let hover = (axis.clone(), name.clone());
                    let formatter = move |bar: &Bar, _: &BarChart| {
                        let (axis, series) = &hover;
                        bar_read_out(axis, series, bar.argument - offset, bar.value)
                    };
                    plot.bar_chart(
                        BarChart::new(name, bars)
                            .color(colour)
                            .element_formatter(Box::new(formatter)),
                    );
                }
            }
        }
    });
    let width = response.transform.frame().width();
    if (width - frame_width).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(width_memory, width));
        ui.ctx().request_repaint();
    }
}

/// The hover read-out of a bar at `x` (its category's position): the
/// series, then the category (or x) and the value.
fn bar_read_out(axis: &XAxis, series: &str, x: f64, value: f64) -> String {
    format!(
        "{series}\n{}: {}",
        x_label(axis, x, 60.0),
        x_label(&XAxis::Number, value, 60.0)
    )
}

/// The outline of an area chart's fill: the points' x and y, with a point
/// on 0 wherever the line crosses it, so that each piece of the fill lies
/// on one side of 0.
fn area_fill(points: &[[f64; 2]]) -> (Vec<f64>, Vec<f64>) {
    let mut xs = Vec::with_capacity(points.len());
    let mut ys = Vec::with_capacity(points.len());
    for (index, &[x, y]) in points.iter().enumerate() {
        if let Some(&[px, py]) = index.checked_sub(1).and_then(|i| points.get(i))
            && ((py < 0.0 && y > 0.0) || (py > 0.0 && y < 0.0))
        {
            xs.push(px + (x - px) * py / (py - y));
            ys.push(0.0);
        }
        xs.push(x);
        ys.push(y);
    }
    (xs, ys)
}

/// How opaque an area chart's fill is (egui_plot's default, 0.05, is barely
/// visible on a white background).
pub const AREA_FILL_ALPHA: f32 = 0.3;

/// The radius of the marker drawn for a line or area series of one point.
pub const LONE_POINT_RADIUS: f32 = 4.0;

/// The colour of the `index`-th series: egui_plot's own palette (hues a
/// golden ratio apart), chosen here so that a series' fill, line and
/// marker share it.
fn series_colour(index: usize) -> egui::Color32 {
    #[allow(clippy::cast_precision_loss, reason = "a handful of series")]
    let hue = (index as f32 * (std::f32::consts::GOLDEN_RATIO - 1.0)).fract();
    egui::epaint::Hsva::new(hue, 0.85, 0.5, 1.0).into()
}

/// Whether a label `half` axis units wide either side of `value` lies
/// inside the axis `range`, drawn `frame_width` points long. (A label
/// sticking out of the frame is cut off by the chart's edge.)
fn inside_axis(
    value: f64,
    half_points: f64,
    range: &std::ops::RangeInclusive<f64>,
    frame_width: f64,
) -> bool {
    let span = range.end() - range.start();
    if !(span.is_finite() && span > 0.0 && frame_width > 0.0) {
        return true;
    }
    let half = half_points * span / frame_width;
    value - half >= *range.start() && value + half <= *range.end()
}

/// The width in points of the widest category name (measured for the
/// first thousand, estimated from their length past that).
fn widest_label(ui: &Ui, names: &[String], font: &egui::FontId, char_width: f64) -> f64 {
    let painter = ui.painter();
    let measured = names.iter().take(1_000).fold(0.0_f32, |widest, name| {
        let size = painter
            .layout_no_wrap(name.clone(), font.clone(), egui::Color32::PLACEHOLDER)
            .size();
        widest.max(size.x)
    });
    #[allow(clippy::cast_precision_loss, reason = "a label's length")]
    let estimated = names
        .iter()
        .skip(1_000)
        .map(|name| name.chars().count() as f64 * char_width)
        .fold(0.0, f64::max);
    f64::from(measured).max(estimated)
}

/// The room between two category labels, in points.
const CATEGORY_LABEL_GAP: f64 = 10.0;

/// The marks of a category axis: one per category when every name fits
/// under its bar; else every 2nd, 3rd, 4th, 5th, 10th, 20th... category (the first
/// of the thinnest such rule whose labels fit), each mark labelled. Every
/// bar's name is also in its hover read-out.
fn category_marks(input: GridInput, count: usize, widest: f64) -> Vec<GridMark> {
    // egui_plot's base step is the axis length of its smallest grid
    // spacing, 8 points.
    let points_per_category = 8.0 / input.base_step_size.max(f64::MIN_POSITIVE);
    let rule = category_rule((widest + CATEGORY_LABEL_GAP) / points_per_category);
    #[allow(clippy::cast_precision_loss, reason = "category positions")]
    let last = count.saturating_sub(1) as f64;
    let (start, end) = input.bounds;
    let first = (start.max(0.0) / rule).ceil() * rule;
    let mut marks = Vec::new();
    let mut value = first;
    while value <= end.min(last) && marks.len() < 10_000 {
        marks.push(GridMark {
            value,
            step_size: rule,
        });
        value += rule;
    }
    marks
}

/// Every how many categories a label goes, for labels `categories` wide
/// (in categories): 1, 2, 3, 4, 5, then 10, 20, 50, 100...
fn category_rule(categories: f64) -> f64 {
    if categories <= 5.0 {
        return categories.ceil().max(1.0);
    }
    let mut rule = 5.0;
    for factor in [2.0, 2.5, 2.0].into_iter().cycle() {
        if rule >= categories || rule >= 1e15 {
            break;
        }
        rule *= factor;
    }
    rule
}

#[cfg(test)]
mod tests {
    // Issue 13 (found by a new user): with 9 categories only every 2nd bar
    // is labelled, and the read-out showed only "16": it names the bar.
    #[test]
    fn a_bar_read_out_names_its_series_and_category() {
        let axis = XAxis::Category(vec!["north".into(), "south".into(), "east".into()]);
        assert_eq!(
            bar_read_out(&axis, "tickets", 1.0, 16.0),
            "tickets\nsouth: 16"
        );
        assert_eq!(bar_read_out(&axis, "hours", 2.0, 2.5), "hours\neast: 2.5");
    }

    use serde_json::json;

    use super::*;

    fn table(xs: &[serde_json::Value]) -> Table {
        let rows: Vec<serde_json::Value> = xs.iter().map(|x| json!({ "x": x, "y": 1 })).collect();
        Table::from_rows(&rows).unwrap()
    }

    #[test]
    fn numbers_stay_numbers_and_no_column_means_row_numbers() {
        let t = table(&[json!(10), json!(2.5), json!(null)]);
        assert_eq!(
            x_positions(&t, Some("x")),
            (XAxis::Number, vec![Some(10.0), Some(2.5), None])
        );
        assert_eq!(
            x_positions(&t, None),
            (XAxis::Row, vec![Some(0.0), Some(1.0), Some(2.0)])
        );
    }

    #[test]
    fn dates_and_date_times_are_seconds_since_1970() {
        let t = table(&[
            json!("1970-01-02"),
            json!("1970-01-01 01:00"),
            json!("1970-01-01T00:00:30Z"),
            json!("1970-01-01T02:00:00+01:00"),
            json!(null),
        ]);
        let (axis, xs) = x_positions(&t, Some("x"));
        assert_eq!(
            xs,
            [
                Some(86_400.0),
                Some(3_600.0),
                Some(30.0),
                Some(3_600.0),
                None
            ]
        );
        // Aware values are labelled in the display zone ("own" by default:
        // the first offset, UTC here).
        let utc = chrono::FixedOffset::east_opt(0).unwrap();
        assert_eq!(axis, XAxis::Time(AxisZone::Offset(utc)));
        assert_eq!(
            time_label(86_400.0, 86_400.0, AxisZone::Naive),
            "1970-01-02"
        );
        assert_eq!(
            time_label(5_400.0, 900.0, AxisZone::Naive),
            "1970-01-01 01:30"
        );
    }

    #[test]
    fn naive_times_are_labelled_as_written_and_aware_ones_in_their_zone() {
        let naive = table(&[json!("2026-03-08 09:15"), json!("2026-03-09")]);
        assert_eq!(
            x_positions(&naive, Some("x")).0,
            XAxis::Time(AxisZone::Naive)
        );
        let aware = table(&[json!("2026-03-08T09:15:00+01:00")]);
        let (axis, xs) = x_positions(&aware, Some("x"));
        let XAxis::Time(zone) = axis else {
            panic!("{axis:?}")
        };
        assert_eq!(time_label(xs[0].unwrap(), 900.0, zone), "2026-03-08 09:15");
        let new_york = AxisZone::Zone(chrono_tz::America::New_York);
        assert_eq!(
            time_label(xs[0].unwrap(), 900.0, new_york),
            "2026-03-08 04:15"
        );
    }

    #[test]
    fn a_null_x_is_a_missing_x() {
        let t = table(&[json!("a"), json!(null)]);
        assert_eq!(
            x_positions(&t, Some("x")),
            (XAxis::Category(vec!["a".into()]), vec![Some(0.0), None])
        );
    }

    #[test]
    fn typed_timestamp_columns_are_seconds_in_their_zone() {
        // Issue 12: charts read Arrow's date and timestamp columns directly.
        let t = Table::from_csv("x,y\n1970-01-01T01:00:00+01:00,1\n1970-01-02T00:00:00+01:00,2\n")
            .unwrap();
        let (axis, xs) = x_positions(&t, Some("x"));
        assert_eq!(xs, [Some(0.0), Some(82_800.0)]);
        let plus_one = chrono::FixedOffset::east_opt(3600).unwrap();
        assert_eq!(axis, XAxis::Time(AxisZone::Offset(plus_one)));
        let dates = Table::from_csv("x,y\n1970-01-02,1\n").unwrap();
        assert_eq!(
            x_positions(&dates, Some("x")),
            (XAxis::Time(AxisZone::Naive), vec![Some(86_400.0)])
        );
    }

    // Issue 13: a zoomed-out category axis has few marks, each labelled
    // (a rule of 1, 2, 5, 10... categories wide enough for the widest name).
    #[test]
    fn a_category_axis_is_marked_every_category_or_on_a_rule_that_fits_the_names() {
        assert_eq!(category_rule(0.3), 1.0);
        assert_eq!(category_rule(1.0), 1.0);
        assert_eq!(category_rule(1.2), 2.0);
        assert_eq!(category_rule(2.3), 3.0);
        assert_eq!(category_rule(6.0), 10.0);
        assert_eq!(category_rule(30.0), 50.0);
        let input = |bounds, points_per_category: f64| GridInput {
            bounds,
            base_step_size: 8.0 / points_per_category,
        };
        // 8 bars 45 points apart: names 30 points wide fit under each.
        let every = category_marks(input((-0.6, 7.6), 45.0), 8, 30.0);
        let values: Vec<f64> = every.iter().map(|m| m.value).collect();
        assert_eq!(values, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        // Names 70 points wide: every 2nd, never fewer.
        let thinned = category_marks(input((-0.6, 7.6), 45.0), 8, 70.0);
        let values: Vec<f64> = thinned.iter().map(|m| m.value).collect();
        assert_eq!(values, [0.0, 2.0, 4.0, 6.0]);
        assert!(thinned.iter().all(|m| m.step_size * 45.0 >= 70.0));
        // Zoomed far out: a handful of marks, not millions.
        assert!(category_marks(input((-1e12, 1e12), 1e-9), 1_000_000, 30.0).len() <= 10);
    }

    #[test]
    fn other_text_is_categories_in_first_seen_order() {
        let t = table(&[
            json!("north"),
            json!("south"),
            json!("north"),
            json!("2026-01-01"),
        ]);
        let (axis, xs) = x_positions(&t, Some("x"));
        assert_eq!(
            axis,
            XAxis::Category(vec!["north".into(), "south".into(), "2026-01-01".into()])
        );
        assert_eq!(xs, [Some(0.0), Some(1.0), Some(0.0), Some(2.0)]);
        assert_eq!(x_label(&axis, 1.0, 1.0), "south");
        assert_eq!(x_label(&axis, 0.5, 1.0), "", "between two categories");
        assert_eq!(x_label(&axis, 3.0, 1.0), "", "past the last");
        assert_eq!(x_label(&axis, -1.0, 1.0), "");
    }

    // Issue 13: the fill is split where the line crosses 0.
    #[test]
    fn an_area_fill_has_a_point_on_zero_where_the_line_crosses_it() {
        let (xs, ys) = area_fill(&[[0.0, 1.0], [2.0, -1.0], [3.0, -2.0], [4.0, 0.0]]);
        assert_eq!(xs, [0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(ys, [1.0, 0.0, -1.0, -2.0, 0.0]);
    }

    #[test]
    fn bars_are_as_wide_as_the_closest_two_x_values_allow() {
        assert!((x_spacing(&[Some(10.0), Some(30.0), Some(20.0), None]) - 10.0).abs() < 1e-9);
        assert!((x_spacing(&[Some(5.0), Some(5.0)]) - 1.0).abs() < 1e-9);
        assert!((x_spacing(&[]) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_time_axis_steps_in_whole_minutes_hours_and_days() {
        assert_eq!(time_steps(0.2), [0.2, 1.0, 5.0]);
        assert_eq!(time_steps(2.0), [2.0, 10.0, 30.0]);
        assert_eq!(time_steps(2_000.0), [3_600.0, 10_800.0, 43_200.0]);
        assert_eq!(time_steps(50_000.0), [86_400.0, 604_800.0, 1_209_600.0]);
        assert_eq!(
            time_steps(1e12),
            [315_360_000.0; 3],
            "past the ladder: its largest"
        );
    }
}

#[cfg(test)]
mod time_mark_tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "seconds since 1970")]
        let seconds = chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp() as f64;
        seconds
    }

    fn labels(marks: &[GridMark]) -> Vec<String> {
        marks
            .iter()
            .map(|m| time_label(m.value, m.step_size, AxisZone::Naive))
            .collect()
    }

    #[test]
    fn months_and_years_are_marked_on_their_first_days() {
        // Half a year, one month per 8 points or so: month starts.
        let marks = time_marks((day(2026, 2, 10), day(2026, 8, 1)), 20.0 * DAY);
        assert_eq!(
            labels(&marks),
            [
                "2026-03-01",
                "2026-04-01",
                "2026-05-01",
                "2026-06-01",
                "2026-07-01",
                "2026-08-01"
            ]
        );
        // A decade, a year's worth per 8 points: every year's first day.
        let marks = time_marks((day(2019, 6, 1), day(2024, 6, 1)), 300.0 * DAY);
        assert_eq!(
            labels(&marks),
            [
                "2020-01-01",
                "2021-01-01",
                "2022-01-01",
                "2023-01-01",
                "2024-01-01"
            ]
        );
        // Zoomed far out: every 10 years, and never millions of marks.
        let marks = time_marks((day(1900, 1, 1), day(2100, 1, 1)), 4_000.0 * DAY);
        assert_eq!(
            labels(&marks)[..3],
            ["1900-01-01", "1910-01-01", "1920-01-01"]
        );
        assert!(time_marks((-1e15, 1e15), 1e13).len() <= 10_000);
    }

    #[test]
    fn short_ranges_keep_whole_hours_and_days() {
        let marks = time_marks((day(2026, 3, 8), day(2026, 3, 8) + 6.0 * 3_600.0), 1_000.0);
        assert!(marks.iter().all(|m| m.value % 1_800.0 == 0.0), "{marks:?}");
        assert_eq!(marks.len(), 13);
    }
}
