//! Date-times, honestly (SPEC 4). A naive value is shown exactly as given; an
//! aware value in its own zone with the zone's abbreviation; nothing is
//! converted behind the user's back. One step past Streamlit: the app may set
//! a *display timezone*, and then aware values (only those) are shown in it.
//!
//! [`Zoned`] is a zone-aware date-time that keeps its zone's name through
//! serde (RON, JSON, tables), where chrono's `DateTime<Tz>` keeps only the
//! offset.

use std::fmt;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};

/// The format of a naive date-time: `2020-01-10 10:30:00`.
pub const NAIVE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Where aware values are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DisplayZone {
    /// Each aware value in its own zone (the default, as Streamlit).
    Own,
    /// Every aware value converted to this zone.
    Zone(Tz),
    /// Every aware value converted to the system's zone.
    Local,
}

static DISPLAY: RwLock<DisplayZone> = RwLock::new(DisplayZone::Own);

/// Sets the app's display timezone (the settings menu does too). Aware
/// values are shown in it from the next run on; naive values never change.
pub fn set_display_zone(zone: DisplayZone) {
    *DISPLAY.write() = zone;
}

/// The app's display timezone.
pub fn display_zone() -> DisplayZone {
    *DISPLAY.read()
}

/// A zone-aware date-time that remembers its zone by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Zoned(pub DateTime<Tz>);

impl Zoned {
    /// The date-time.
    pub fn datetime(&self) -> DateTime<Tz> {
        self.0
    }

    /// Its zone.
    pub fn zone(&self) -> Tz {
        self.0.timezone()
    }

    /// The wall-clock time in its zone.
    pub fn wall(&self) -> NaiveDateTime {
        self.0.naive_local()
    }
}

impl From<DateTime<Tz>> for Zoned {
    fn from(value: DateTime<Tz>) -> Self {
        Self(value)
    }
}

#[derive(Serialize, Deserialize)]
struct ZonedRepr {
    utc: DateTime<Utc>,
    zone: String,
}

impl Serialize for Zoned {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ZonedRepr {
            utc: self.0.with_timezone(&Utc),
            zone: self.0.timezone().name().to_owned(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Zoned {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = ZonedRepr::deserialize(deserializer)?;
        let zone: Tz = repr
            .zone
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown time zone {:?}", repr.zone)))?;
        Ok(Self(repr.utc.with_timezone(&zone)))
    }
}

impl fmt::Display for Zoned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&show_aware(&self.0))
    }
}

/// A value brook can show as a date or time.
pub trait ShowTime {
    /// The text brook shows: naive values as given; aware values in their
    /// own zone, or in the display zone when one is set.
    fn show_time(&self) -> String;
}

impl ShowTime for NaiveDateTime {
    fn show_time(&self) -> String {
        self.format(NAIVE_FORMAT).to_string()
    }
}

impl ShowTime for NaiveDate {
    fn show_time(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

impl ShowTime for NaiveTime {
    fn show_time(&self) -> String {
        self.format("%H:%M:%S").to_string()
    }
}

impl<Z: TimeZone> ShowTime for DateTime<Z>
where
    Z::Offset: fmt::Display,
{
    fn show_time(&self) -> String {
        show_aware(self)
    }
}

impl ShowTime for Zoned {
    fn show_time(&self) -> String {
        show_aware(&self.0)
    }
}

/// An aware value as brook shows it.
pub fn show_aware<Z: TimeZone>(value: &DateTime<Z>) -> String
where
    Z::Offset: fmt::Display,
{
    match display_zone() {
        DisplayZone::Own => value.format("%Y-%m-%d %H:%M:%S %Z").to_string(),
        DisplayZone::Zone(zone) => value
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M:%S %Z")
            .to_string(),
        DisplayZone::Local => value
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string(),
    }
}

/// How a wall-clock time maps into a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Exactly one instant.
    Single(DateTime<Tz>),
    /// The clocks went back: the time happens twice (earlier, later).
    Ambiguous(DateTime<Tz>, DateTime<Tz>),
    /// The clocks jumped over it: the time does not exist.
    Nonexistent,
}

/// Maps a wall-clock time into `zone`.
pub fn resolve(wall: NaiveDateTime, zone: Tz) -> Resolved {
    match zone.from_local_datetime(&wall) {
        LocalResult::Single(at) => Resolved::Single(at),
        LocalResult::Ambiguous(earlier, later) => Resolved::Ambiguous(earlier, later),
        LocalResult::None => Resolved::Nonexistent,
    }
}

/// The message for a wall-clock time that does not exist in `zone`.
pub fn nonexistent_message(label: &str, wall: NaiveDateTime, zone: Tz) -> String {
    format!(
        "{} does not exist in {} (the clocks jump forward over it), so \"{label}\" kept its value. \
         Pick a time outside the gap.",
        wall.format("%Y-%m-%d %H:%M"),
        zone.name()
    )
}

/// The message for a wall-clock time that happens twice in `zone`.
pub fn ambiguous_message(label: &str, earlier: DateTime<Tz>, later: DateTime<Tz>) -> String {
    format!(
        "{} happens twice in {} (the clocks go back): \"{label}\" uses the first, {} ({}), not {} ({}).",
        earlier.format("%Y-%m-%d %H:%M"),
        earlier.timezone().name(),
        earlier.format("%Z"),
        earlier.offset().fix(),
        later.format("%Z"),
        later.offset().fix()
    )
}

/// Every zone chrono-tz knows, by name, for the settings' zone list.
pub fn all_zones() -> impl Iterator<Item = Tz> {
    chrono_tz::TZ_VARIANTS.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_keeps_its_zone_through_ron() {
        let at = chrono_tz::America::New_York
            .with_ymd_and_hms(2020, 1, 10, 10, 30, 0)
            .single();
        let zoned = Zoned(at.unwrap_or_else(|| Utc::now().with_timezone(&Tz::UTC)));
        let text = ron::to_string(&zoned).unwrap_or_default();
        assert!(text.contains("America/New_York"), "{text}");
        let back: Zoned = ron::from_str(&text).unwrap_or(Zoned(Utc::now().with_timezone(&Tz::UTC)));
        assert_eq!(back, zoned);
        assert_eq!(back.zone(), chrono_tz::America::New_York);
    }
}
