//! Widget values, their conversion to and from the window, and widget identity.

use std::any::{Any, TypeId};
use std::fmt::Debug;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use crate::element::{Value, WidgetId};
use crate::script_runner::St;

/// A type a widget can return: cloned out on every call, compared to
/// decide whether a callback fires. Implemented for every fitting type.
pub trait WidgetValue: Clone + PartialEq + Debug + Send + 'static {}
impl<T: Clone + PartialEq + Debug + Send + 'static> WidgetValue for T {}

/// A widget value behind a pointer, for storage in the session.
pub trait DynValue: Send + Debug {
    /// The value as `Any`, to downcast.
    fn as_any(&self) -> &dyn Any;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn DynValue>;
    /// Equal to another value of the same type.
    fn eq_dyn(&self, other: &dyn DynValue) -> bool;
    /// The type's name, for error messages.
    fn type_name(&self) -> &'static str;
}

impl<T: WidgetValue> DynValue for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn clone_box(&self) -> Box<dyn DynValue> {
        Box::new(self.clone())
    }
    fn eq_dyn(&self, other: &dyn DynValue) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
    fn type_name(&self) -> &'static str {
        std::any::type_name::<T>()
    }
}

impl Clone for Box<dyn DynValue> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// Converts a widget's typed value to the window's [`Value`] and back.
///
/// Each widget supplies one on every call, built from that call's parameters
/// (a selectbox's codec holds its options), so the runner can turn an event
/// from the window into the typed value before callbacks run.
pub trait Codec: Send {
    /// The typed value from the window's value, or `None` if it does not fit
    /// (an index past the options, say); such an event is ignored.
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>>;
    /// The window's value of a typed value.
    fn encode(&self, value: &dyn Any) -> Value;
    /// Why `value` was not taken (when [`Codec::decode`] gave `None`), to
    /// show the person beside the widget on the next run; `None` to ignore
    /// it quietly.
    fn reject_reason(&self, _value: &Value, _label: &str) -> Option<String> {
        None
    }
    /// Why part of a value from the window was not taken although the rest
    /// was (files of a drop that do not fit), to show beside the widget
    /// like a refusal; `None` when all of it was taken.
    fn partly_refused(&self, _value: &Value, _label: &str) -> Option<String> {
        None
    }
    /// Whether a value the widget holds is valid for this call's
    /// parameters (bounds, options, step). Called on every run for the
    /// value kept from earlier runs, for a value written under the
    /// widget's key through session state, and for the default, so that
    /// what the script gets, what the window draws and what session state
    /// holds are one value. The default says every value is valid.
    fn check(&self, _value: &dyn Any) -> Checked {
        Checked::Valid
    }
    /// Takes over what is worth keeping from the codec of the widget's
    /// previous run (a cache of the last encoding), just before this one
    /// replaces it. The default keeps nothing.
    fn inherit(&mut self, _previous: &mut dyn Codec) {}
    /// The codec as `Any`, for [`Codec::inherit`] to recognise a codec of
    /// its own type. The default: `None`.
    fn as_any_mut(&mut self) -> Option<&mut dyn Any> {
        None
    }
    /// The object that draws a component in the window, for its element
    /// (made or kept by the codec after [`Codec::inherit`]). The default:
    /// `None` (built-in widgets are drawn by brook).
    fn drawer(&mut self) -> Option<crate::element::Drawer> {
        None
    }
}

/// What [`Codec::check`] makes of a value.
#[derive(Debug)]
#[non_exhaustive]
pub enum Checked {
    /// Valid as it is.
    Valid,
    /// Not valid, but this value is the nearest valid one (clamped into
    /// the bounds, options that are gone removed).
    Fixed {
        /// The valid value, of the widget's type.
        value: Box<dyn DynValue>,
        /// Why, for the person: "above the maximum 10".
        reason: String,
    },
    /// Not valid and not fixable (NaN, an option that is gone): the widget
    /// falls back to its default.
    Invalid {
        /// Why, for the person: "not a number".
        reason: String,
    },
}

/// A callback run before the script when its widget changed (or was clicked).
/// It captures its arguments when the widget is called in a run.
pub type Callback = Arc<dyn Fn(&St) + Send + Sync>;

/// Reads a value stored by the user as `T`, with the conversions a user
/// expects: integers of any width into `i64` (and `i32`), numbers into `f64`,
/// `&str` into `String`.
pub fn coerce<T: 'static + Clone>(any: &dyn Any) -> Option<T> {
    if let Some(value) = any.downcast_ref::<T>() {
        return Some(value.clone());
    }
    let want = TypeId::of::<T>();
    let converted: Box<dyn Any> = if want == TypeId::of::<i64>() {
        Box::new(as_i64(any)?)
    } else if want == TypeId::of::<i32>() {
        Box::new(i32::try_from(as_i64(any)?).ok()?)
    } else if want == TypeId::of::<f64>() {
        Box::new(as_f64(any)?)
    } else if want == TypeId::of::<String>() {
        Box::new((*any.downcast_ref::<&'static str>()?).to_owned())
    } else if want == TypeId::of::<Option<String>>() {
        Box::new(Some((*any.downcast_ref::<&'static str>()?).to_owned()))
    } else if want == TypeId::of::<Vec<String>>() {
        let strs = any.downcast_ref::<Vec<&'static str>>()?;
        Box::new(strs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    } else {
        return None;
    };
    converted.downcast::<T>().ok().map(|b| *b)
}

fn as_i64(any: &dyn Any) -> Option<i64> {
    macro_rules! try_int {
        ($($t:ty),*) => {$(
            if let Some(v) = any.downcast_ref::<$t>() {
                return i64::try_from(*v).ok();
            }
        )*};
    }
    try_int!(i64, i32, i16, i8, u64, u32, u16, u8, usize, isize);
    None
}

fn as_f64(any: &dyn Any) -> Option<f64> {
    if let Some(v) = any.downcast_ref::<f64>() {
        return Some(*v);
    }
    if let Some(v) = any.downcast_ref::<f32>() {
        return Some(f64::from(*v));
    }
    // Integers are exact in f64 up to 2^53; larger ones round, as `as` does.
    #[expect(
        clippy::cast_precision_loss,
        reason = "a user storing 2^53+ into a float widget"
    )]
    as_i64(any).map(|v| v as f64)
}

/// Builds a widget's identity.
///
/// Without a key, identity hashes the kind, the form and every identity
/// parameter ([`IdBuilder::param`]: label, default, options, bounds, ...).
/// With a key, identity is the kind, the form and the key alone, as in
/// current Streamlit: a keyed widget keeps its value when its label,
/// default, bounds, step, options or format change, as long as the value
/// is still valid ([`Codec::check`] clamps it or falls back otherwise).
///
/// Stability: the same inputs give the same id within a build of brook; ids
/// are not persisted (persisted state is stored by key).
pub struct IdBuilder {
    hasher: ahash::AHasher,
    keyed: bool,
}

impl IdBuilder {
    /// Start an id for a widget of `kind` with an optional key, in an
    /// optional form.
    pub fn new(kind: &str, key: Option<&str>, form: Option<&str>) -> Self {
        let mut hasher = seeded_hasher();
        kind.hash(&mut hasher);
        key.hash(&mut hasher);
        form.hash(&mut hasher);
        Self {
            hasher,
            keyed: key.is_some(),
        }
    }

    /// The page of a multipage app whose script makes the widget: part of
    /// every widget's identity, keyed or not (the same key on two pages is
    /// two widgets).
    pub fn page(&mut self, page: &str) -> &mut Self {
        "page".hash(&mut self.hasher);
        page.hash(&mut self.hasher);
        self
    }

    /// A parameter that is part of identity only for keyless widgets
    /// (label, default, options, bounds, help, placeholder, ...).
    pub fn param(&mut self, name: &str, value: impl Hash) -> &mut Self {
        if !self.keyed {
            name.hash(&mut self.hasher);
            value.hash(&mut self.hasher);
        }
        self
    }

    /// The id. Keyed ids end with the key, for readable debugging.
    pub fn finish(&self, key: Option<&str>) -> WidgetId {
        // Written digit by digit: this runs for every widget on every run,
        // and `format!` costs several times more.
        let hash = self.hasher.finish();
        let key = key.unwrap_or("");
        let mut id = String::with_capacity(RESERVED_ID_PREFIX.len() + 17 + key.len());
        id.push_str(RESERVED_ID_PREFIX);
        for shift in (0..16_u32).rev() {
            let nibble = u32::try_from((hash >> (shift * 4)) & 0xf).unwrap_or(0);
            id.push(char::from_digit(nibble, 16).unwrap_or('0'));
        }
        id.push('-');
        id.push_str(key);
        WidgetId(id)
    }
}

/// The hasher of widget identity: fast, and with fixed seeds, so the same
/// inputs give the same hash in every process (what makes an id, and
/// what a widget hashes into its id, such as a component's parameters).
pub fn id_hasher() -> impl Hasher + Clone {
    seeded_hasher()
}

/// [`id_hasher`], by its type.
fn seeded_hasher() -> ahash::AHasher {
    ahash::RandomState::with_seeds(0x6272_6f6f, 0x6b2d_6964, 0x7769_6467, 0x6574_7321)
        .build_hasher()
}

/// What every widget id starts with (see [`crate::state::RESERVED_PREFIX`]).
const RESERVED_ID_PREFIX: &str = "$$ID-";

/// Hashes an `f64` for identity (bit pattern; `-0.0` and `0.0` differ).
pub fn float_bits(value: f64) -> u64 {
    value.to_bits()
}

#[cfg(test)]
mod tests {
    use std::hash::Hasher;

    use super::IdBuilder;

    #[test]
    fn an_id_is_the_prefix_sixteen_hex_digits_and_the_key() {
        for key in [None, Some("k"), Some("a key-with ünïcode")] {
            let mut builder = IdBuilder::new("slider", key, None);
            builder.param("label", "Days");
            let expected = format!(
                "$$ID-{:016x}-{}",
                builder.hasher.finish(),
                key.unwrap_or("")
            );
            assert_eq!(builder.finish(key).0, expected);
        }
    }
}
