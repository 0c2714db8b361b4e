//! The numeric types sliders and number inputs work with, and their codec.

use std::any::Any;
use std::fmt::Debug;

use brook_engine::element::{Value, WidgetElement};
use brook_engine::state::{Checked, Codec, DynValue};
use egui::{Response, Ui};

use crate::render::label_ui;

/// A number a slider or number input can return: the integer types and the
/// floats. `st.slider("n", 1..=10)` gives `i32`, `0.0..=1.0` gives `f64`.
pub trait Number: Copy + PartialOrd + Debug + Send + Sync + 'static {
    /// Whether the type holds integers.
    const INTEGER: bool;
    /// The value as `f64` (exact for integers up to 2^53).
    fn to_f64(self) -> f64;
    /// The nearest value of the type, saturating at its bounds.
    fn from_f64(value: f64) -> Self;
    /// The default step: 1 for integers, 0.01 for floats.
    fn default_step() -> Self;
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl Number for $t {
            const INTEGER: bool = true;
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless, reason = "documented: exact up to 2^53")]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "`as` saturates, as documented")]
            fn from_f64(value: f64) -> Self {
                value.round() as $t
            }
            fn default_step() -> Self {
                1
            }
        }
    )*};
}
integer!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl Number for f64 {
    const INTEGER: bool = false;
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(value: f64) -> Self {
        value
    }
    fn default_step() -> Self {
        0.01
    }
}

impl Number for f32 {
    const INTEGER: bool = false;
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[allow(clippy::cast_possible_truncation, reason = "a float widget of f32")]
    fn from_f64(value: f64) -> Self {
        value as f32
    }
    fn default_step() -> Self {
        0.01
    }
}

/// The window's value of a number.
pub(crate) fn encode<N: Number>(value: N) -> Value {
    if N::INTEGER {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "integer types fit i64 but u64 > i64::MAX saturates"
        )]
        Value::Int(value.to_f64() as i64)
    } else {
        Value::Float(value.to_f64())
    }
}

/// `value` rounded to 15 significant digits: the noise of binary floats
/// (`0.1 + 0.2` is `0.30000000000000004`) is gone, and every number a person
/// can type or reach by steps keeps its value. Not numbers stay as they are.
pub(crate) fn clean(value: f64) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return value;
    }
    format!("{value:.14e}").parse().unwrap_or(value)
}

/// `value` moved by `delta` (a step of a number input), without binary
/// noise: three steps of 0.1 from 0 give 0.3.
pub(crate) fn step_by(value: f64, delta: f64) -> f64 {
    clean(value + delta)
}

/// The number of decimals of `value` as written shortest (0.25 has 2, 10
/// has 0), at most 15: the decimals a number input with this step shows.
pub(crate) fn decimals(value: f64) -> usize {
    if !value.is_finite() {
        return 0;
    }
    // Counted without text (this runs for every number input on every
    // frame): the fewest decimals at which the value is whole, to 15
    // significant digits.
    let mut scaled = value.abs();
    for places in 0..15 {
        if (scaled - scaled.round()).abs() <= scaled * 1e-12 {
            return places;
        }
        scaled *= 10.0;
    }
    15
}

/// `value` with at least `min_decimals` decimals, and more when the value
/// has more (never rounded away): step 0.25 shows 0.5 as "0.50", and a
/// typed 0.123 as "0.123".
pub(crate) fn plain(value: f64, min_decimals: usize) -> String {
    let shortest = value.to_string();
    let has = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    if value.is_finite() && has < min_decimals {
        format!("{value:.min_decimals$}")
    } else {
        shortest
    }
}

/// Why a numeric widget's bounds and step cannot be used, for the message
/// drawn beside it: a bound that is not a number or is infinite, a minimum
/// above the maximum, a step that is not a positive number. `None` when
/// they are fine.
pub(crate) fn bounds_problem(min: Option<f64>, max: Option<f64>, step: f64) -> Option<String> {
    // The common case first, without building any text: finite bounds in
    // order and a positive step (this runs for every numeric widget on
    // every run).
    let finite_or_none = |bound: Option<f64>| bound.is_none_or(f64::is_finite);
    let ordered = match (min, max) {
        (Some(min), Some(max)) => min <= max,
        _ => true,
    };
    if finite_or_none(min) && finite_or_none(max) && ordered && step.is_finite() && step > 0.0 {
        return None;
    }
    for (name, bound) in [("minimum", min), ("maximum", max)] {
        match bound {
            Some(v) if v.is_nan() => return Some(format!("its {name} is not a number")),
            Some(v) if v.is_infinite() => return Some(format!("its {name} is infinite ({v})")),
            _ => {}
        }
    }
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        return Some(format!("its minimum {min} is above its maximum {max}"));
    }
    if !(step.is_finite() && step > 0.0) {
        return Some(format!("its step {step} is not a positive number"));
    }
    None
}

/// Draws a numeric widget whose bounds cannot be used: its label and, greyed
/// out, a message naming it and saying why. Never a slider or box over
/// such bounds.
pub(crate) fn bounds_problem_ui(ui: &mut Ui, widget: &WidgetElement, problem: &str) -> Response {
    label_ui(ui, &widget.label);
    let colour = ui.visuals().warn_fg_color;
    ui.add_enabled_ui(false, |ui| {
        ui.label(
            egui::RichText::new(format!("\"{}\" cannot be used: {problem}.", widget.label))
                .color(colour),
        )
    })
    .inner
}

/// A widget's default made valid: `value` clamped into the bounds (when
/// they can be used); when it is not a number (NaN, infinite), the first of
/// `fallbacks` that is, else zero.
pub(crate) fn fit<N: Number>(codec: &NumberCodec<N>, value: N, fallbacks: &[N]) -> N {
    let value = std::iter::once(value)
        .chain(fallbacks.iter().copied())
        .find(|v| v.to_f64().is_finite())
        .unwrap_or_else(|| N::from_f64(0.0));
    N::from_f64(codec.clamp(value.to_f64()))
}

/// A printf-style format checked for a widget: the format when it can be
/// used, and otherwise why not, for a warning the widget shows.
pub(crate) fn checked_format(format: Option<String>) -> (Option<String>, Option<String>) {
    match format.map(|f| crate::format::NumberFormat::parse(&f).map(|_| f)) {
        Some(Ok(format)) => (Some(format), None),
        Some(Err(why)) => (None, Some(why)),
        None => (None, None),
    }
}

/// Warns beside a numeric widget that its format cannot be used (it shows
/// its value plainly instead).
pub(crate) fn warn_format(st: &brook_engine::St, kind: &str, label: &str, why: Option<String>) {
    if let Some(why) = why {
        crate::alert::AlertExt::warning(
            st,
            format!(
                "The format of the {kind} \"{label}\" cannot be used: {why}. It shows its value plainly."
            ),
        );
    }
}

/// Converts window values to `N`, clamped into `[min, max]`, and checks the
/// values the widget holds: a number (not NaN or infinite) within the
/// bounds, clamped into them otherwise.
pub(crate) struct NumberCodec<N> {
    min: Option<f64>,
    max: Option<f64>,
    _type: std::marker::PhantomData<fn() -> N>,
}

impl<N: Number> NumberCodec<N> {
    /// A codec for values within `min` and `max` (either may be absent).
    /// Bounds that cannot be used ([`bounds_problem`]) bound nothing.
    pub(crate) fn new(min: Option<f64>, max: Option<f64>) -> Self {
        let usable = bounds_problem(min, max, 1.0).is_none();
        Self {
            min: min.filter(|_| usable),
            max: max.filter(|_| usable),
            _type: std::marker::PhantomData,
        }
    }

    /// `value` clamped into the bounds.
    pub(crate) fn clamp(&self, value: f64) -> f64 {
        value
            .max(self.min.unwrap_or(f64::NEG_INFINITY))
            .min(self.max.unwrap_or(f64::INFINITY))
    }

    /// Whether `value` is a number within the bounds; if not, the nearest
    /// one within them and why, or why it has none.
    fn check_number(&self, value: f64) -> Result<(), (Option<f64>, String)> {
        if value.is_nan() {
            return Err((None, "not a number".into()));
        }
        if value.is_infinite() {
            return Err((None, format!("{value} is not a finite number")));
        }
        match (self.min, self.max) {
            (Some(min), _) if value < min => Err((Some(min), format!("below the minimum {min}"))),
            (_, Some(max)) if value > max => Err((Some(max), format!("above the maximum {max}"))),
            _ => Ok(()),
        }
    }
}

impl<N: Number> Codec for NumberCodec<N> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        #[allow(clippy::cast_precision_loss, reason = "UI integers are small")]
        let raw = match value {
            Value::Int(v) => *v as f64,
            Value::Float(v) if v.is_finite() => clean(*v),
            _ => return None,
        };
        Some(Box::new(N::from_f64(self.clamp(raw))))
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value
            .downcast_ref::<N>()
            .map_or(Value::None, |v| encode(*v))
    }
    fn check(&self, value: &dyn Any) -> Checked {
        let Some(value) = value.downcast_ref::<N>() else {
            return Checked::Valid;
        };
        match self.check_number(value.to_f64()) {
            Ok(()) => Checked::Valid,
            Err((Some(fixed), reason)) => Checked::Fixed {
                value: Box::new(N::from_f64(fixed)),
                reason,
            },
            Err((None, reason)) => Checked::Invalid { reason },
        }
    }
}

/// Converts window ranges to `(N, N)`: both ends clamped into
/// `[min, max]`, the lower first. Checks the ranges the widget holds the
/// same way: numbers (not NaN or infinite), in order, within the bounds.
pub(crate) struct RangeCodec<N> {
    ends: NumberCodec<N>,
}

impl<N: Number> RangeCodec<N> {
    /// A codec for ranges whose ends are checked by `ends`.
    pub(crate) fn new(ends: NumberCodec<N>) -> Self {
        Self { ends }
    }
}

impl<N: Number> Codec for RangeCodec<N> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        let Value::Range([a, b]) = value else {
            return None;
        };
        if !(a.is_finite() && b.is_finite()) {
            return None;
        }
        let end = |v: f64| N::from_f64(self.ends.clamp(clean(v)));
        let (low, high) = if a <= b { (*a, *b) } else { (*b, *a) };
        Some(Box::new((end(low), end(high))))
    }
    fn encode(&self, value: &dyn Any) -> Value {
        value
            .downcast_ref::<(N, N)>()
            .map_or(Value::None, |(low, high)| {
                Value::Range([low.to_f64(), high.to_f64()])
            })
    }
    fn check(&self, value: &dyn Any) -> Checked {
        let Some(&(low, high)) = value.downcast_ref::<(N, N)>() else {
            return Checked::Valid;
        };
        let mut reasons = Vec::new();
        let mut ends = [low.to_f64(), high.to_f64()];
        for (name, end) in ["low", "high"].into_iter().zip(&mut ends) {
            match self.ends.check_number(*end) {
                Ok(()) => {}
                Err((Some(fixed), reason)) => {
                    *end = fixed;
                    reasons.push(format!("its {name} end is {reason}"));
                }
                Err((None, reason)) => {
                    return Checked::Invalid {
                        reason: format!("its {name} end is {reason}"),
                    };
                }
            }
        }
        if ends[0] > ends[1] {
            ends.swap(0, 1);
            reasons.push("its ends were in reverse order".into());
        }
        if reasons.is_empty() {
            Checked::Valid
        } else {
            Checked::Fixed {
                value: Box::new((N::from_f64(ends[0]), N::from_f64(ends[1]))),
                reason: reasons.join(", "),
            }
        }
    }
}

/// A number's identity bits.
pub(crate) fn bits<N: Number>(value: N) -> u64 {
    value.to_f64().to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_takes_the_binary_noise_off_and_keeps_typed_numbers() {
        assert_eq!(clean(0.1 + 0.2), 0.3);
        assert_eq!(step_by(step_by(step_by(0.0, 0.1), 0.1), 0.1), 0.3);
        assert_eq!(step_by(0.05, 0.1), 0.15);
        for typed in [0.123, 1e-20, 123_456.789, -3.5, 1e300] {
            assert_eq!(clean(typed), typed);
        }
        assert!(clean(f64::NAN).is_nan());
    }

    #[test]
    fn decimals_and_plain_show_as_many_decimals_as_the_step() {
        assert_eq!(decimals(0.25), 2);
        assert_eq!(decimals(0.1), 1);
        assert_eq!(decimals(10.0), 0);
        assert_eq!(decimals(f64::NAN), 0);
        assert_eq!(decimals(0.3), 1);
        assert_eq!(decimals(0.001), 3);
        assert_eq!(decimals(123_456.789), 3);
        assert_eq!(decimals(1e-20), 15);
        assert_eq!(plain(0.5, 2), "0.50");
        assert_eq!(plain(0.123, 1), "0.123");
        assert_eq!(plain(3.0, 0), "3");
    }
}
