//! How a table shows its columns: Streamlit's `column_config` in brook's
//! shape.

use serde::{Deserialize, Serialize};

use super::Cell;

/// How a table is shown: per-column settings and the index column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableConfig {
    /// Settings by column name; columns not named here use the defaults.
    pub columns: Vec<(String, ColumnConfig)>,
    /// Hide the row-number column on the left.
    pub hide_index: bool,
    /// The height of an interactive table in points (default 360; it grows
    /// no taller than its rows).
    pub height: Option<f32>,
}

impl TableConfig {
    /// The settings of a column, if any were given.
    pub fn column(&self, name: &str) -> Option<&ColumnConfig> {
        self.columns
            .iter()
            .rev()
            .find(|(column, _)| column == name)
            .map(|(_, config)| config)
    }
}

/// How one column is shown.
///
/// ```
/// use brook_engine::data::{Align, ColumnConfig, ColumnFormat};
/// let price = ColumnConfig::new()
///     .label("Price")
///     .format(ColumnFormat::Currency { symbol: "$".into(), after: false, decimals: 2 })
///     .width(90.0)
///     .align(Align::Right);
/// # let _ = price;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnConfig {
    /// The header text (default: the column's name).
    pub label: Option<String>,
    /// Hidden: not drawn (still in the data).
    pub hidden: bool,
    /// Width in points (default: fitted to the header and the first rows).
    pub width: Option<f32>,
    /// Alignment of the cells (default: numbers right, the rest left).
    pub align: Option<Align>,
    /// How values are written (default: see [`ColumnFormat`]).
    pub format: Option<ColumnFormat>,
    /// A tooltip on the header.
    pub help: Option<String>,
    /// In a data editor: the column cannot be edited.
    #[serde(default)]
    pub disabled: bool,
    /// In a data editor: a cell of the column cannot be left empty (an
    /// edit that empties it is refused; an added row needs a value).
    #[serde(default)]
    pub required: bool,
    /// In a data editor: the value of the column in a new row.
    #[serde(default)]
    pub default: Option<Cell>,
    /// In a data editor: the smallest number a cell takes.
    #[serde(default)]
    pub min: Option<f64>,
    /// In a data editor: the largest number a cell takes.
    #[serde(default)]
    pub max: Option<f64>,
    /// In a data editor: the step of the Up and Down keys in a number cell
    /// (default 1).
    #[serde(default)]
    pub step: Option<f64>,
    /// In a data editor: the longest text a cell takes, in characters.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// In a data editor: the only values a text cell takes, picked from a
    /// list (a selectbox column).
    #[serde(default)]
    pub options: Option<Vec<String>>,
}

impl ColumnConfig {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// The header text.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Hides the column.
    #[must_use]
    pub fn hidden(mut self) -> Self {
        self.hidden = true;
        self
    }

    /// The width in points.
    #[must_use]
    pub fn width(mut self, points: f32) -> Self {
        self.width = Some(points);
        self
    }

    /// The cells' alignment.
    #[must_use]
    pub fn align(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    /// How values are written.
    #[must_use]
    pub fn format(mut self, format: ColumnFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// A tooltip on the header.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// In a data editor: the column is read-only (greyed).
    #[must_use]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// In a data editor: a cell of the column must have a value.
    #[must_use]
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// In a data editor: the column's value in a row the person adds.
    ///
    /// ```
    /// use brook_engine::data::ColumnConfig;
    /// let status = ColumnConfig::new().default_value("open");
    /// # let _ = status;
    /// ```
    #[must_use]
    pub fn default_value(mut self, value: impl Into<Cell>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// In a data editor: the smallest number a cell of the column takes.
    #[must_use]
    pub fn min(mut self, min: f64) -> Self {
        self.min = Some(min);
        self
    }

    /// In a data editor: the largest number a cell of the column takes.
    #[must_use]
    pub fn max(mut self, max: f64) -> Self {
        self.max = Some(max);
        self
    }

    /// In a data editor: how much the Up and Down keys change a number
    /// cell being edited (default 1).
    #[must_use]
    pub fn step(mut self, step: f64) -> Self {
        self.step = Some(step);
        self
    }

    /// In a data editor: the longest text a cell of the column takes, in
    /// characters.
    #[must_use]
    pub fn max_chars(mut self, max: usize) -> Self {
        self.max_chars = Some(max);
        self
    }

    /// In a data editor: a text column whose cells are picked from these
    /// options (Streamlit's `SelectboxColumn`).
    ///
    /// ```
    /// use brook_engine::data::ColumnConfig;
    /// let priority = ColumnConfig::new().options(["low", "high"]);
    /// # let _ = priority;
    /// ```
    #[must_use]
    pub fn options<S: Into<String>>(mut self, options: impl IntoIterator<Item = S>) -> Self {
        self.options = Some(options.into_iter().map(Into::into).collect());
        self
    }
}

/// Horizontal alignment of a column's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// How a column's values are written.
///
/// Without a format: integers as they are (`1234567`), floats in their
/// shortest exact form with thousands separators (`1,234.5`, `0.1`),
/// booleans `true`/`false`, dates `2026-03-08`, naive date-times
/// `2026-03-08 09:15:00`, zone-aware ones in their zone (or the app's
/// display zone) with the zone's name, durations as `1d 02:03:04`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ColumnFormat {
    /// A printf-style format of a number, as Streamlit's `format`:
    /// `"%d"`, `"%.2f"`, `"$%.2f"`, `"%.1f%%"`, `"%e"`.
    Printf(String),
    /// A number with a fixed count of decimals (or its shortest form when
    /// `None`), with or without thousands separators: `1,234.50`.
    Number {
        /// Digits after the point.
        decimals: Option<u8>,
        /// Group thousands with commas.
        thousands: bool,
    },
    /// A fraction as a percentage: 0.256 is `25.6%` with one decimal.
    Percent {
        /// Digits after the point.
        decimals: u8,
    },
    /// Money: a symbol before (`$1,234.50`) or after (`1,234.50 €`), with
    /// thousands separators.
    Currency {
        /// The currency's symbol or code.
        symbol: String,
        /// The symbol after the number.
        after: bool,
        /// Digits after the point.
        decimals: u8,
    },
    /// Dates and times with a strftime pattern, e.g. `"%d %b %Y"` or
    /// `"%H:%M"`. Zone-aware values are written in their zone (or the
    /// display zone).
    DateTime(String),
    /// Booleans as a check mark (true) or nothing (false).
    Checkmark,
    /// Numbers from `min` to `max` as a progress bar with the value beside
    /// it.
    Progress {
        /// The empty bar.
        min: f64,
        /// The full bar.
        max: f64,
    },
    /// Text as a link that opens in the browser, showing `display_text`
    /// (default: the link itself).
    Link {
        /// The text shown instead of the address.
        display_text: Option<String>,
    },
}
