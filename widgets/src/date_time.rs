//! `date_input`, `date_range_input`, `time_input` and `datetime_input`:
//! chrono values. Naive unless the input is given a zone (`.timezone(tz)`)
//! or a zone-aware default, in which case it returns `DateTime<Tz>` and
//! shows the zone beside the value. A wall-clock time the zone skips (spring
//! forward) is refused with a message; one it repeats (fall back) takes the
//! first and says so.

use std::any::Any;

use brook_engine::element::{AlertLevel, Element, Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use brook_engine::time::{Resolved, Zoned, ambiguous_message, nonexistent_message, resolve};
use brook_engine::{St, WidgetCall};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use chrono_tz::Tz;
use egui::{Response, RichText, Ui};

use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, label_ui};

const DATE: &str = "%Y-%m-%d";
const TIME: &str = "%H:%M:%S";
const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), DATE).ok()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, TIME)
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .ok()
}

fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().replacen(' ', "T", 1);
    NaiveDateTime::parse_from_str(&text, DATETIME)
        .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// Date and time inputs on [`St`]. In the prelude.
pub trait DateTimeExt {
    /// A date; returns a `NaiveDate` (default: today).
    fn date_input(&self, label: impl Into<String>) -> DateInput<'_>;
    /// A range of two dates; returns `(start, end)`, start first.
    fn date_range_input(
        &self,
        label: impl Into<String>,
        default: (NaiveDate, NaiveDate),
    ) -> DateRangeInput<'_>;
    /// A time of day; returns a `NaiveTime` (default: now, to the minute).
    fn time_input(&self, label: impl Into<String>) -> TimeInput<'_>;
    /// A date and time; returns a `NaiveDateTime`, or a `DateTime<Tz>`
    /// after `.timezone(tz)` or `.default_zoned(dt)`.
    fn datetime_input(&self, label: impl Into<String>) -> DateTimeInput<'_>;
}

impl DateTimeExt for St {
    fn date_input(&self, label: impl Into<String>) -> DateInput<'_> {
        DateInput {
            st: self,
            label: label.into(),
            default: None,
            min: None,
            max: None,
            format: DATE.into(),
            common: Common::default(),
        }
    }
    fn date_range_input(
        &self,
        label: impl Into<String>,
        default: (NaiveDate, NaiveDate),
    ) -> DateRangeInput<'_> {
        DateRangeInput {
            st: self,
            label: label.into(),
            default,
            common: Common::default(),
        }
    }
    fn time_input(&self, label: impl Into<String>) -> TimeInput<'_> {
        TimeInput {
            st: self,
            label: label.into(),
            default: None,
            step: Duration::minutes(15),
            common: Common::default(),
        }
    }
    fn datetime_input(&self, label: impl Into<String>) -> DateTimeInput<'_> {
        DateTimeInput {
            st: self,
            label: label.into(),
            default: None,
            common: Common::default(),
        }
    }
}

macro_rules! options {
    ($($t:ident),*) => {$(
        impl WidgetOptions for $t<'_> {
            fn common(&mut self) -> &mut Common {
                &mut self.common
            }
        }
    )*};
}
options!(
    DateInput,
    DateRangeInput,
    TimeInput,
    DateTimeInput,
    ZonedDateTimeInput
);

/// A date input builder; finish with [`DateInput::show`].
#[must_use = "call .show() to place the date input"]
pub struct DateInput<'a> {
    st: &'a St,
    label: String,
    default: Option<NaiveDate>,
    min: Option<NaiveDate>,
    max: Option<NaiveDate>,
    format: String,
    common: Common,
}

struct DateCodec {
    min: Option<NaiveDate>,
    max: Option<NaiveDate>,
}

impl DateCodec {
    fn clamp(&self, date: NaiveDate) -> NaiveDate {
        let date = self.min.map_or(date, |min| date.max(min));
        self.max.map_or(date, |max| date.min(max))
    }
}

impl Codec for DateCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            // A date outside the bounds is refused (and said beside the
            // field), not silently moved: the field would show one date
            // while the script got another.
            Value::Text(text) => {
                let date = parse_date(text)?;
                (self.clamp(date) == date).then(|| Box::new(date) as Box<dyn DynValue>)
            }
            _ => None,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value
            .downcast_ref::<NaiveDate>()
            .map_or(Value::None, |d| Value::Text(d.format(DATE).to_string()))
    }
    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        if let Value::Text(text) = value
            && let Some(date) = parse_date(text)
        {
            let shown = date.format(DATE);
            return Some(match (self.min, self.max) {
                (Some(min), _) if date < min => format!(
                    "{shown} is before the earliest date \"{label}\" takes, {}; it keeps its value.",
                    min.format(DATE)
                ),
                (_, Some(max)) => format!(
                    "{shown} is after the latest date \"{label}\" takes, {}; it keeps its value.",
                    max.format(DATE)
                ),
                _ => format!("{shown} is not a date \"{label}\" takes; it keeps its value."),
            });
        }
        Some(format!(
            "{} is not a date for \"{label}\": write it as YYYY-MM-DD.",
            value.describe()
        ))
    }
    /// A date outside `[min, max]` (the bounds moved, or a session-state
    /// write) is clamped into them.
    fn check(&self, value: &dyn Any) -> Checked {
        let Some(date) = value.downcast_ref::<NaiveDate>() else {
            return Checked::Valid;
        };
        let clamped = self.clamp(*date);
        if clamped == *date {
            return Checked::Valid;
        }
        let reason = if self.min.is_some_and(|min| *date < min) {
            format!("before the earliest date {}", clamped.format(DATE))
        } else {
            format!("after the latest date {}", clamped.format(DATE))
        };
        Checked::Fixed {
            value: Box::new(clamped),
            reason,
        }
    }
}

impl DateInput<'_> {
    /// The date before any interaction (default: today).
    pub fn default(mut self, date: NaiveDate) -> Self {
        self.default = Some(date);
        self
    }
    /// The earliest date accepted.
    pub fn min(mut self, date: NaiveDate) -> Self {
        self.min = Some(date);
        self
    }
    /// The latest date accepted.
    pub fn max(mut self, date: NaiveDate) -> Self {
        self.max = Some(date);
        self
    }
    /// How the date is shown beside the field (chrono's format, e.g. `%d %b %Y`).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = format.into();
        self
    }
    /// Places the date input; returns its date.
    pub fn show(self) -> NaiveDate {
        let codec = DateCodec {
            min: self.min,
            max: self.max,
        };
        let default = codec.clamp(
            self.default
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        );
        let (min, max) = (self.min, self.max);
        let explicit = self.default;
        self.st.widget(
            self.common.call(
                WidgetSpec::DateInput {
                    min: self.min.map(|d| d.format(DATE).to_string()),
                    max: self.max.map(|d| d.format(DATE).to_string()),
                    range: false,
                    format: self.format,
                },
                self.label,
                default,
                self.default.is_some(),
                DateCodec { min, max },
            ),
            // A default taken from the clock is not part of identity: the
            // widget stays the same one from day to day.
            |id| {
                id.param("min", min)
                    .param("max", max)
                    .param("default", explicit);
            },
        )
    }
}

/// A date range input builder; finish with [`DateRangeInput::show`].
#[must_use = "call .show() to place the date range input"]
pub struct DateRangeInput<'a> {
    st: &'a St,
    label: String,
    default: (NaiveDate, NaiveDate),
    common: Common,
}

struct RangeCodec;

impl Codec for RangeCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        let Value::Text(text) = value else {
            return None;
        };
        let (a, b) = text.split_once("..")?;
        let (a, b) = (parse_date(a)?, parse_date(b)?);
        Some(Box::new((a.min(b), a.max(b))))
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value
            .downcast_ref::<(NaiveDate, NaiveDate)>()
            .map_or(Value::None, |(a, b)| {
                Value::Text(format!("{}..{}", a.format(DATE), b.format(DATE)))
            })
    }
    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        Some(format!(
            "{} is not a date range for \"{label}\": write it as YYYY-MM-DD..YYYY-MM-DD.",
            value.describe()
        ))
    }
}

impl DateRangeInput<'_> {
    /// Places the range input; returns `(start, end)`.
    pub fn show(self) -> (NaiveDate, NaiveDate) {
        let (a, b) = self.default;
        let default = (a.min(b), a.max(b));
        self.st.widget(
            self.common.call(
                WidgetSpec::DateInput {
                    min: None,
                    max: None,
                    range: true,
                    format: DATE.into(),
                },
                self.label,
                default,
                true,
                RangeCodec,
            ),
            |id| {
                id.param("default", default);
            },
        )
    }
}

/// A time input builder; finish with [`TimeInput::show`].
#[must_use = "call .show() to place the time input"]
pub struct TimeInput<'a> {
    st: &'a St,
    label: String,
    default: Option<NaiveTime>,
    step: Duration,
    common: Common,
}

struct TimeCodec;

impl Codec for TimeCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Text(text) => Some(Box::new(parse_time(text)?)),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value
            .downcast_ref::<NaiveTime>()
            .map_or(Value::None, |t| Value::Text(t.format(TIME).to_string()))
    }
    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        Some(format!(
            "{} is not a time for \"{label}\": write it as HH:MM or HH:MM:SS.",
            value.describe()
        ))
    }
}

impl TimeInput<'_> {
    /// The time before any interaction (default: now, to the minute).
    pub fn default(mut self, time: NaiveTime) -> Self {
        self.default = Some(time);
        self
    }
    /// The step of the minute buttons (default 15 minutes).
    pub fn step(mut self, step: Duration) -> Self {
        self.step = step;
        self
    }
    /// Places the time input; returns its time.
    pub fn show(self) -> NaiveTime {
        let default = self.default.unwrap_or_else(|| {
            let now = chrono::Local::now().time();
            now.with_second(0)
                .and_then(|t| t.with_nanosecond(0))
                .unwrap_or(now)
        });
        let step_secs = u32::try_from(self.step.num_seconds().clamp(1, 86_400)).unwrap_or(900);
        self.st.widget(
            self.common.call(
                WidgetSpec::TimeInput { step_secs },
                self.label,
                default,
                self.default.is_some(),
                TimeCodec,
            ),
            |id| {
                id.param("step", step_secs).param("default", self.default);
            },
        )
    }
}

/// A naive date-time input builder; finish with [`DateTimeInput::show`],
/// or make it zone-aware with [`DateTimeInput::timezone`] or
/// [`DateTimeInput::default_zoned`].
#[must_use = "call .show() to place the date-time input"]
pub struct DateTimeInput<'a> {
    st: &'a St,
    label: String,
    default: Option<NaiveDateTime>,
    common: Common,
}

struct DateTimeCodec;

impl Codec for DateTimeCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Text(text) => Some(Box::new(parse_datetime(text)?)),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value
            .downcast_ref::<NaiveDateTime>()
            .map_or(Value::None, |t| Value::Text(t.format(DATETIME).to_string()))
    }
    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        Some(format!(
            "{} is not a date and time for \"{label}\": write it as YYYY-MM-DD HH:MM.",
            value.describe()
        ))
    }
}

fn now_minute() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    now.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now)
}

impl<'a> DateTimeInput<'a> {
    /// The wall-clock value before any interaction (default: now).
    pub fn default(mut self, value: NaiveDateTime) -> Self {
        self.default = Some(value);
        self
    }

    /// Makes the input zone-aware: the person picks a wall-clock time in
    /// `zone`, and `show()` returns a `DateTime<Tz>`.
    pub fn timezone(self, zone: Tz) -> ZonedDateTimeInput<'a> {
        ZonedDateTimeInput {
            st: self.st,
            label: self.label,
            zone,
            default: self.default.map(DefaultWall::Wall),
            common: self.common,
        }
    }

    /// A zone-aware default: the input works in its zone and returns a
    /// `DateTime<Tz>` (brook keeps the zone; Streamlit drops it).
    pub fn default_zoned(self, value: DateTime<Tz>) -> ZonedDateTimeInput<'a> {
        ZonedDateTimeInput {
            st: self.st,
            label: self.label,
            zone: value.timezone(),
            default: Some(DefaultWall::Zoned(value)),
            common: self.common,
        }
    }

    /// Places the input; returns its naive value.
    pub fn show(self) -> NaiveDateTime {
        let default = self.default.unwrap_or_else(now_minute);
        self.st.widget(
            self.common.call(
                WidgetSpec::DateTimeInput { zone: None },
                self.label,
                default,
                self.default.is_some(),
                DateTimeCodec,
            ),
            |id| {
                id.param("default", self.default);
            },
        )
    }
}

enum DefaultWall {
    Wall(NaiveDateTime),
    Zoned(DateTime<Tz>),
}

/// A zone-aware date-time input builder; finish with
/// [`ZonedDateTimeInput::show`].
#[must_use = "call .show() to place the date-time input"]
pub struct ZonedDateTimeInput<'a> {
    st: &'a St,
    label: String,
    zone: Tz,
    default: Option<DefaultWall>,
    common: Common,
}

struct ZonedCodec {
    zone: Tz,
}

impl Codec for ZonedCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        let Value::Text(text) = value else {
            return None;
        };
        match resolve(parse_datetime(text)?, self.zone) {
            Resolved::Single(at) | Resolved::Ambiguous(at, _) => Some(Box::new(Zoned(at))),
            Resolved::Nonexistent => None,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value.downcast_ref::<Zoned>().map_or(Value::None, |z| {
            Value::Text(z.wall().format(DATETIME).to_string())
        })
    }
    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        let Value::Text(text) = value else {
            return None;
        };
        Some(match parse_datetime(text) {
            Some(wall) => nonexistent_message(label, wall, self.zone),
            None => format!(
                "{text:?} is not a date and time for \"{label}\": write it as YYYY-MM-DD HH:MM."
            ),
        })
    }
}

/// Accepts a `DateTime<Tz>` written to session state for a zoned input.
fn adopt_zoned(any: &dyn Any) -> Option<Zoned> {
    any.downcast_ref::<DateTime<Tz>>().map(|at| Zoned(*at))
}

impl ZonedDateTimeInput<'_> {
    /// The value before any interaction: a wall-clock time in the zone.
    pub fn default(mut self, wall: NaiveDateTime) -> Self {
        self.default = Some(DefaultWall::Wall(wall));
        self
    }

    /// Places the input; returns its value in its zone.
    pub fn show(self) -> DateTime<Tz> {
        let zone = self.zone;
        let label = self.label.clone();
        let explicit = self.default.is_some();
        let default = match self.default {
            Some(DefaultWall::Zoned(at)) => at,
            Some(DefaultWall::Wall(wall)) => match resolve(wall, zone) {
                Resolved::Single(at) | Resolved::Ambiguous(at, _) => at,
                Resolved::Nonexistent => {
                    self.st.emit(Element::Alert {
                        level: AlertLevel::Error,
                        body: nonexistent_message(&label, wall, zone),
                    });
                    chrono::Utc::now().with_timezone(&zone)
                }
            },
            None => chrono::Utc::now().with_timezone(&zone),
        };
        // A default taken from the clock is not part of identity (it
        // changes every run); an explicit one is, as its wall time.
        let default_wall = explicit.then(|| default.naive_local());
        let value: Zoned = self.st.widget(
            WidgetCall {
                adopt: Some(adopt_zoned),
                ..self.common.call(
                    WidgetSpec::DateTimeInput {
                        zone: Some(zone.name().to_owned()),
                    },
                    self.label,
                    Zoned(default),
                    explicit,
                    ZonedCodec { zone },
                )
            },
            |id| {
                id.param("zone", zone.name()).param("default", default_wall);
            },
        );
        let at = value.0.with_timezone(&zone);
        if let Resolved::Ambiguous(earlier, later) = resolve(at.naive_local(), zone)
            && at == earlier
        {
            self.st.emit(Element::Alert {
                level: AlertLevel::Warning,
                body: ambiguous_message(&label, earlier, later),
            });
        }
        at
    }
}

/// Draws a date, time or date-time input: text fields (committed on Enter
/// or when focus leaves), a month calendar for dates, the zone beside
/// zoned values.
pub(crate) fn date_time_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let label = label_ui(ui, &widget.label);
    let current = match frame.value(widget) {
        Value::Text(text) => text,
        _ => String::new(),
    };
    let id = ui.make_persistent_id(("brook-datetime", &widget.id));
    let mut text: String = ui
        .data(|d| d.get_temp::<(String, String)>(id))
        .filter(|(base, _)| *base == current)
        .map_or_else(|| display_text(&widget.spec, &current), |(_, t)| t);
    let response = ui
        .horizontal(|ui| {
            let mut response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(200.0));
            if let Some(label) = label {
                response = response.labelled_by(label);
            }
            if let WidgetSpec::DateInput {
                range: false,
                format,
                ..
            } = &widget.spec
                && let Some(date) = parse_date(&current)
            {
                ui.menu_button("Calendar", |ui| {
                    if let Some(picked) = calendar_ui(ui, date) {
                        frame.commit(widget, Value::Text(picked.format(DATE).to_string()));
                        ui.close();
                    }
                });
                ui.label(RichText::new(date.format(format).to_string()).weak());
            }
            if let WidgetSpec::DateTimeInput {
                zone: Some(zone), ..
            } = &widget.spec
            {
                let abbreviation = zone
                    .parse::<Tz>()
                    .ok()
                    .zip(parse_datetime(&current))
                    .and_then(|(tz, wall)| match resolve(wall, tz) {
                        Resolved::Single(at) | Resolved::Ambiguous(at, _) => {
                            Some(at.format("%Z").to_string())
                        }
                        Resolved::Nonexistent => None,
                    })
                    .unwrap_or_default();
                ui.label(RichText::new(format!("{zone} {abbreviation}")).weak());
            }
            response
        })
        .inner;
    if response.lost_focus() {
        let value = wire_text(&widget.spec, &text);
        if value != current {
            frame.commit(widget, Value::Text(value));
        }
        ui.data_mut(|d| d.remove::<(String, String)>(id));
    } else if response.changed() {
        ui.data_mut(|d| d.insert_temp(id, (current, text)));
    }
    response
}

/// What the field shows for a wire value: a space for the `T`.
fn display_text(spec: &WidgetSpec, wire: &str) -> String {
    match spec {
        WidgetSpec::DateTimeInput { .. } => wire.replacen('T', " ", 1),
        WidgetSpec::DateInput { range: true, .. } => wire.replace("..", " .. "),
        _ => wire.to_owned(),
    }
}

/// The wire value of what the person typed.
fn wire_text(spec: &WidgetSpec, typed: &str) -> String {
    match spec {
        WidgetSpec::DateTimeInput { .. } => typed.trim().replacen(' ', "T", 1),
        WidgetSpec::DateInput { range: true, .. } => typed.replace(" .. ", ".."),
        _ => typed.trim().to_owned(),
    }
}

/// A month calendar starting at `date`'s month; returns a clicked day.
pub(crate) fn calendar_ui(ui: &mut Ui, date: NaiveDate) -> Option<NaiveDate> {
    let id = ui.make_persistent_id("brook-calendar-month");
    let mut month: NaiveDate = ui
        .data(|d| d.get_temp(id))
        .unwrap_or_else(|| date.with_day(1).unwrap_or(date));
    let mut picked = None;
    ui.horizontal(|ui| {
        if ui.small_button("<").clicked() {
            month = month
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(month);
        }
        ui.label(RichText::new(month.format("%B %Y").to_string()).strong());
        if ui.small_button(">").clicked() {
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(month);
        }
    });
    egui::Grid::new("brook-calendar").show(ui, |ui| {
        for day in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
            ui.label(RichText::new(day).weak());
        }
        ui.end_row();
        for _ in 0..month.weekday().num_days_from_monday() {
            ui.label("");
        }
        let mut day = month;
        while day.month() == month.month() {
            if ui
                .selectable_label(day == date, day.day().to_string())
                .clicked()
            {
                picked = Some(day);
            }
            if day.weekday() == chrono::Weekday::Sun {
                ui.end_row();
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    });
    ui.data_mut(|d| d.insert_temp(id, month));
    picked
}
