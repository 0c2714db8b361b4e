//! The numeric types sliders and number inputs work with, and their codec.

use std::fmt::Debug;

use brook_engine::element::Value;
use brook_engine::state::{Codec, DynValue};

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

/// Converts window values to `N`, clamped into `[min, max]`.
pub(crate) struct NumberCodec<N> {
    pub(crate) min: Option<f64>,
    pub(crate) max: Option<f64>,
    pub(crate) _type: std::marker::PhantomData<fn() -> N>,
}

impl<N: Number> NumberCodec<N> {
    pub(crate) fn new(min: Option<f64>, max: Option<f64>) -> Self {
        Self {
            min,
            max,
            _type: std::marker::PhantomData,
        }
    }
}

impl<N: Number> Codec for NumberCodec<N> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        #[allow(clippy::cast_precision_loss, reason = "UI integers are small")]
        let raw = match value {
            Value::Int(v) => *v as f64,
            Value::Float(v) if v.is_finite() => *v,
            _ => return None,
        };
        let clamped = raw
            .max(self.min.unwrap_or(f64::NEG_INFINITY))
            .min(self.max.unwrap_or(f64::INFINITY));
        Some(Box::new(N::from_f64(clamped)))
    }
    fn encode(&self, value: &dyn std::any::Any) -> Value {
        value
            .downcast_ref::<N>()
            .map_or(Value::None, |v| encode(*v))
    }
}

/// Converts window ranges to `(N, N)`: both ends clamped into
/// `[min, max]`, the lower first.
pub(crate) struct RangeCodec<N> {
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) _type: std::marker::PhantomData<fn() -> N>,
}

impl<N: Number> Codec for RangeCodec<N> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        let Value::Range([a, b]) = value else {
            return None;
        };
        if !(a.is_finite() && b.is_finite()) {
            return None;
        }
        let clamp = |v: f64| N::from_f64(v.clamp(self.min, self.max));
        let (low, high) = if a <= b { (*a, *b) } else { (*b, *a) };
        Some(Box::new((clamp(low), clamp(high))))
    }
    fn encode(&self, value: &dyn std::any::Any) -> Value {
        value
            .downcast_ref::<(N, N)>()
            .map_or(Value::None, |(low, high)| {
                Value::Range([low.to_f64(), high.to_f64()])
            })
    }
}

/// A number's identity bits.
pub(crate) fn bits<N: Number>(value: N) -> u64 {
    value.to_f64().to_bits()
}
