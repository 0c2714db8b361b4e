//! Argument hashing for cache keys.
//!
//! Arguments implement [`CacheKey`]: what cannot be hashed does not compile
//! (Streamlit raises `UnhashableParamError` at run time). Implement it for
//! your own types to choose what identifies a value, the equivalent of
//! `hash_funcs`; see [`impl_cache_key_via_hash!`](crate::impl_cache_key_via_hash).

use std::hash::{DefaultHasher, Hash, Hasher};

/// The hasher of cache keys: deterministic across runs and processes of one
/// build, so persisted entries are found again.
pub struct KeyHasher(DefaultHasher);

impl KeyHasher {
    /// A new hasher, always in the same start state.
    pub fn new() -> Self {
        Self(DefaultHasher::new())
    }

    /// The key.
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }

    /// Feeds raw bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    /// Feeds a type tag, so `1_i64` and `"1"` differ.
    pub fn tag(&mut self, tag: &str) {
        self.0.write(tag.as_bytes());
        self.0.write_u8(0xff);
    }

    /// Feeds anything `Hash`.
    pub fn hash<T: Hash + ?Sized>(&mut self, value: &T) {
        value.hash(&mut self.0);
    }
}

impl Default for KeyHasher {
    fn default() -> Self {
        Self::new()
    }
}

/// A value that can be part of a cache key.
///
/// Implemented for numbers (floats by bit pattern), `bool`, `char`, text,
/// paths, `Duration`, references, `Option`, `Vec`, slices, arrays, tuples,
/// maps and sets of keys. For your own type, hash what identifies it:
///
/// ```
/// use brook_engine::caching::{CacheKey, KeyHasher};
/// struct Query { sql: String, _connection_id: u32 }
/// impl CacheKey for Query {
///     fn cache_key(&self, hasher: &mut KeyHasher) {
///         self.sql.cache_key(hasher); // the connection does not change the result
///     }
/// }
/// ```
pub trait CacheKey {
    /// Feeds the value into `hasher`.
    fn cache_key(&self, hasher: &mut KeyHasher);
}

/// Implements [`CacheKey`] through `Hash` for your types:
/// `impl_cache_key_via_hash!(MyId, MyEnum);`.
#[macro_export]
macro_rules! impl_cache_key_via_hash {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::caching::CacheKey for $t {
            fn cache_key(&self, hasher: &mut $crate::caching::KeyHasher) {
                hasher.tag(::core::any::type_name::<$t>());
                hasher.hash(self);
            }
        }
    )*};
}

macro_rules! via_hash {
    ($($t:ty),*) => {$(
        impl CacheKey for $t {
            fn cache_key(&self, hasher: &mut KeyHasher) {
                hasher.tag(stringify!($t));
                hasher.hash(self);
            }
        }
    )*};
}

via_hash!(
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    bool,
    char,
    (),
    std::time::Duration,
    std::path::PathBuf,
    std::path::Path
);

via_hash!(
    chrono::NaiveDate,
    chrono::NaiveTime,
    chrono::NaiveDateTime,
    chrono_tz::Tz
);

/// Aware date-times hash by their RFC 3339 text, offset included: equal
/// instants in different zones are different keys (as Streamlit's
/// `isoformat()`), and they are valid cache arguments.
impl<Z: chrono::TimeZone> CacheKey for chrono::DateTime<Z>
where
    Z::Offset: std::fmt::Display,
{
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("DateTime");
        hasher.hash(&self.to_rfc3339());
    }
}

impl CacheKey for crate::time::Zoned {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        self.0.cache_key(hasher);
        hasher.hash(self.zone().name());
    }
}

impl CacheKey for str {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("str");
        hasher.hash(self);
    }
}

impl CacheKey for String {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        self.as_str().cache_key(hasher);
    }
}

impl CacheKey for f64 {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("f64");
        hasher.hash(&self.to_bits());
    }
}

impl CacheKey for f32 {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("f32");
        hasher.hash(&self.to_bits());
    }
}

impl<T: CacheKey + ?Sized> CacheKey for &T {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        (**self).cache_key(hasher);
    }
}

impl<T: CacheKey + ?Sized> CacheKey for &mut T {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        (**self).cache_key(hasher);
    }
}

impl<T: CacheKey + ?Sized> CacheKey for Box<T> {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        (**self).cache_key(hasher);
    }
}

impl<T: CacheKey + ?Sized> CacheKey for std::sync::Arc<T> {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        (**self).cache_key(hasher);
    }
}

impl<T: CacheKey> CacheKey for Option<T> {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        match self {
            None => hasher.tag("None"),
            Some(value) => {
                hasher.tag("Some");
                value.cache_key(hasher);
            }
        }
    }
}

impl<T: CacheKey> CacheKey for [T] {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("seq");
        hasher.hash(&self.len());
        for item in self {
            item.cache_key(hasher);
        }
    }
}

impl<T: CacheKey> CacheKey for Vec<T> {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        self.as_slice().cache_key(hasher);
    }
}

impl<T: CacheKey, const N: usize> CacheKey for [T; N] {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        self.as_slice().cache_key(hasher);
    }
}

impl<K: CacheKey, V: CacheKey> CacheKey for std::collections::BTreeMap<K, V> {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("map");
        hasher.hash(&self.len());
        for (key, value) in self {
            key.cache_key(hasher);
            value.cache_key(hasher);
        }
    }
}

impl<T: CacheKey> CacheKey for std::collections::BTreeSet<T> {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("set");
        hasher.hash(&self.len());
        for item in self {
            item.cache_key(hasher);
        }
    }
}

macro_rules! tuple {
    ($($name:ident),+) => {
        impl<$($name: CacheKey),+> CacheKey for ($($name,)+) {
            #[allow(non_snake_case)]
            fn cache_key(&self, hasher: &mut KeyHasher) {
                hasher.tag("tuple");
                let ($($name,)+) = self;
                $($name.cache_key(hasher);)+
            }
        }
    };
}
tuple!(A);
tuple!(A, B);
tuple!(A, B, C);
tuple!(A, B, C, D);
tuple!(A, B, C, D, E);
tuple!(A, B, C, D, E, F);

/// Hashes one named argument: its name and its value.
pub fn hash_arg<T: CacheKey + ?Sized>(hasher: &mut KeyHasher, name: &str, value: &T) {
    hasher.tag(name);
    value.cache_key(hasher);
}
