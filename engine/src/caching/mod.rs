//! Caching (Streamlit's `runtime/caching`): `#[cache_data]` and
//! `#[cache_resource]` expand to calls into this module.
//!
//! - [`Cached<T>`]: what a `cache_data` function returns; reads go to the
//!   shared stored value, the first write makes a private copy.
//! - [`CacheKey`]: what an argument needs to be part of a key.
//! - [`progress`]: reports the progress of a long computation to the spinner.
//! - [`clear_all`], [`clear_all_data`], [`clear_all_resources`].

mod clock;
mod disk;
mod hashing;
mod storage;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

pub use clock::ManualClock;
pub use disk::{persist_dir, set_persist_dir, write_atomically};
pub use hashing::{CacheKey, KeyHasher, hash_arg};
pub use storage::{
    CacheCell, FunctionCache, FunctionInfo, Kind, REFRESH_COOLDOWN, RefreshMode,
    set_stale_multiplier, stale_multiplier,
};

/// The value a `#[cache_data]` function returns: a copy-on-write handle.
///
/// Reading derefs to the stored value with no copy (a hit on an 8 MB vector
/// costs a reference count). Writing (`DerefMut`, [`Cached::into_inner`])
/// copies it first if anyone else holds it, so no other caller, and not the
/// cache, ever sees the change.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cached<T>(Arc<T>);

impl<T> Cached<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }

    /// Whether two handles share one stored value (no copy was made).
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone> Cached<T> {
    /// The value, owned: moved out if this is the only handle, else copied.
    pub fn into_inner(self) -> T {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> Deref for Cached<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Cached<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Cached<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> AsRef<T> for Cached<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

/// Reports progress from inside a cached function (or any long work in a
/// script): the window's spinner ring fills to `fraction` (0..=1) and shows
/// `message`. Outside a run it does nothing.
///
/// Pressing the window's stop button while a computation reports progress
/// abandons it at this call: nothing is cached, and the next run computes
/// again.
pub fn progress(fraction: f32, message: impl Into<String>) {
    crate::script_runner::report_progress(fraction, message.into());
}

/// Clears every `cache_data` function, in memory and on disk.
pub fn clear_all_data() {
    for cache in storage::registered() {
        if cache.kind() == Kind::Data {
            cache.clear();
        }
    }
    disk::remove_all_files();
}

/// Clears every `cache_resource` function, calling `on_release`.
pub fn clear_all_resources() {
    for cache in storage::registered() {
        if cache.kind() == Kind::Resource {
            cache.clear();
        }
    }
}

/// Clears both kinds (the window's "Clear caches" and the C key).
pub fn clear_all() {
    clear_all_data();
    clear_all_resources();
}

/// Drops a session's session-scoped entries.
pub(crate) fn end_session(session: u64) {
    storage::mark_session_ended(session);
    for cache in storage::registered() {
        cache.end_session(session);
    }
}

/// What the macros expand to. Not a stable API.
#[doc(hidden)]
pub mod __private {
    use super::Cached;
    pub use super::disk::{DiskCodec, disk_codec};
    pub use super::hashing::{KeyHasher, hash_arg};
    pub use super::storage::{CacheCell, FunctionCache, FunctionInfo, Kind, RefreshMode};
    use crate::St;
    use std::sync::Arc;

    /// A `cache_data` call.
    pub fn call_data<T: Send + Sync + 'static>(
        cache: &'static FunctionCache<Arc<T>>,
        key: u64,
        st: Option<&St>,
        compute: impl FnOnce() -> T,
    ) -> Cached<T> {
        Cached(cache.get_or_compute(key, st, || Arc::new(compute())))
    }

    /// A `cache_data` call of a function with no `St` parameter, whose
    /// computation may refresh a stale entry in the background.
    pub fn call_data_refreshable<T: Send + Sync + 'static>(
        cache: &'static FunctionCache<Arc<T>>,
        key: u64,
        compute: impl FnOnce() -> T + Send + 'static,
    ) -> Cached<T> {
        Cached(cache.get_or_refresh(key, move || Arc::new(compute())))
    }

    /// A `cache_resource` call of a function with no `St` parameter, as
    /// [`call_data_refreshable`].
    pub fn call_resource_refreshable<T: Send + Sync + 'static>(
        cache: &'static FunctionCache<Arc<T>>,
        key: u64,
        compute: impl FnOnce() -> T + Send + 'static,
    ) -> Arc<T> {
        cache.get_or_refresh(key, move || Arc::new(compute()))
    }

    /// A `cache_resource` call.
    pub fn call_resource<T: Send + Sync + 'static>(
        cache: &'static FunctionCache<Arc<T>>,
        key: u64,
        st: Option<&St>,
        compute: impl FnOnce() -> T,
    ) -> Arc<T> {
        cache.get_or_compute(key, st, || Arc::new(compute()))
    }
}
