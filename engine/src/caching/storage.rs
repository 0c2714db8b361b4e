//! The store of one cached function: entries by key with LRU and ttl, one
//! computation per key at a time, optional disk persistence.
//!
//! Thread-safe: any session's runner thread may call into it at once; each
//! key computes on one thread while the others wait.

use std::num::NonZeroUsize;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use ahash::HashMap;
use lru::LruCache;
use parking_lot::{Condvar, Mutex};

use super::clock;
use super::disk::{DiskCodec, DiskRead};
use crate::BrookError;
use crate::script_runner::{CacheScope, ReplayOp, St};

/// Which decorator a function has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `#[cache_data]`: copy-on-write values.
    Data,
    /// `#[cache_resource]`: one shared object.
    Resource,
}

/// How a function's entries past their ttl are refreshed: its
/// `refresh_mode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RefreshMode {
    /// The caller that finds an entry expired computes it again, with the
    /// spinner.
    #[default]
    Foreground,
    /// An entry aged between `ttl` and `ttl` times the stale multiplier is
    /// returned at once, with no spinner, while one background computation
    /// replaces it; an older one is a miss.
    Background,
}

/// `f64` bits of the stale multiplier; 2.0 by default.
static STALE_MULTIPLIER: AtomicU64 = AtomicU64::new(2.0f64.to_bits());

/// Sets how long past its `ttl` a background-refreshed entry may still be
/// returned while it is refreshed: up to `ttl * multiplier` (default 2.0).
/// Process-wide, for every function with `refresh_mode = "background"`.
///
/// # Errors
/// [`BrookError::InvalidOption`] unless `multiplier` is a finite number
/// greater than 1.0; the multiplier keeps its value.
pub fn set_stale_multiplier(multiplier: f64) -> Result<(), BrookError> {
    if !(multiplier.is_finite() && multiplier > 1.0) {
        return Err(BrookError::InvalidOption {
            option: "stale_multiplier",
            value: multiplier.to_string(),
            expected: "it takes a number greater than 1.0 (the default is 2.0)",
        });
    }
    STALE_MULTIPLIER.store(multiplier.to_bits(), Ordering::Release);
    Ok(())
}

/// The stale multiplier ([`set_stale_multiplier`]).
pub fn stale_multiplier() -> f64 {
    f64::from_bits(STALE_MULTIPLIER.load(Ordering::Acquire))
}

/// How long a failed background refresh keeps its key from refreshing
/// again.
pub const REFRESH_COOLDOWN: Duration = Duration::from_secs(60);

/// A cached function's settings, from its attribute.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    /// The function's name.
    pub name: &'static str,
    /// `module_path!()` where it is defined.
    pub module: &'static str,
    /// A hash of its source: an edited function is a new cache.
    pub source_hash: u64,
    /// Data or resource.
    pub kind: Kind,
    /// Entries older than this are recomputed (lazily).
    pub ttl: Option<Duration>,
    /// A ttl was given but persistence ignores it.
    pub ttl_ignored: bool,
    /// The LRU bound.
    pub max_entries: Option<usize>,
    /// The spinner text, or `None` for no spinner.
    pub spinner: Option<&'static str>,
    /// The spinner shows the elapsed time (`show_time`; on by default).
    pub show_time: bool,
    /// One cache per session.
    pub session_scope: bool,
    /// What happens to entries past their ttl.
    pub refresh: RefreshMode,
}

impl FunctionInfo {
    /// The function's identity: module, name and source.
    pub fn function_key(&self) -> u64 {
        let mut hasher = super::KeyHasher::new();
        hasher.hash(self.module);
        hasher.hash(self.name);
        hasher.hash(&self.source_hash);
        hasher.finish()
    }
}

/// What a cached call emitted into the page, replayed on hits.
type Replay = Arc<[ReplayOp]>;

struct Entry<V> {
    value: V,
    stored_at: Duration,
    replay: Replay,
}

/// An entry looked up.
enum Found<V> {
    Fresh(V, Replay),
    /// Past its ttl but within the stale bound (background refresh only),
    /// with the time it was stored.
    Stale(V, Replay, Duration),
    Missing,
}

/// Background refreshes of one function.
#[derive(Default)]
struct Refreshes {
    /// Running, by (session, key): whether a clear since cancelled it.
    running: HashMap<(u64, u64), bool>,
    /// Keys whose last refresh failed: none starts again before this time.
    cooldown_until: HashMap<(u64, u64), Duration>,
}

enum Outcome<V> {
    Value(V, Replay),
    Panicked(String),
    /// The computing run was stopped; a waiter computes itself.
    Abandoned,
}

struct Flight<V> {
    outcome: Mutex<Option<Outcome<V>>>,
    done: Condvar,
    /// Callers blocked on this computation right now.
    waiting: std::sync::atomic::AtomicUsize,
}

impl<V: Clone> Flight<V> {
    /// Waits for the computation's outcome; `None` when the stop button
    /// was pressed first (the waiting run then ends; the computation goes
    /// on for its own caller).
    fn wait(&self) -> Option<Outcome<V>> {
        let mut outcome = self.outcome.lock();
        self.waiting
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        while outcome.is_none() {
            let timed_out = self
                .done
                .wait_for(&mut outcome, std::time::Duration::from_millis(50))
                .timed_out();
            if timed_out && outcome.is_none() && crate::script_runner::stop_requested() {
                self.waiting
                    .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                return None;
            }
        }
        self.waiting
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        Some(match outcome.as_ref() {
            Some(Outcome::Value(v, replay)) => Outcome::Value(v.clone(), Arc::clone(replay)),
            Some(Outcome::Panicked(m)) => Outcome::Panicked(m.clone()),
            Some(Outcome::Abandoned) | None => Outcome::Abandoned,
        })
    }

    fn finish(&self, outcome: Outcome<V>) {
        *self.outcome.lock() = Some(outcome);
        self.done.notify_all();
    }
}

type Store<V> = LruCache<u64, Entry<V>>;
type Flights<V> = HashMap<(u64, u64), Arc<Flight<V>>>;

/// The cache of one function.
pub struct FunctionCache<V> {
    info: FunctionInfo,
    function_key: u64,
    disk: Option<DiskCodec<V>>,
    validate: Option<fn(&V) -> bool>,
    on_release: Option<fn(&V)>,
    /// Stores by session id; 0 is the global store.
    stores: Mutex<HashMap<u64, Store<V>>>,
    /// Computations in progress by (session, key).
    flights: Mutex<Flights<V>>,
    /// Background refreshes; locked before `stores`, never after.
    refreshes: Mutex<Refreshes>,
    /// Signalled when a background refresh ends.
    refreshed: Condvar,
}

/// What the registry needs of any function's cache.
pub(crate) trait AnyCache: Send + Sync {
    fn kind(&self) -> Kind;
    fn clear(&self);
    fn end_session(&self, session: u64);
}

static REGISTRY: Mutex<Vec<&'static dyn AnyCache>> = Mutex::new(Vec::new());

pub(crate) fn registered() -> Vec<&'static dyn AnyCache> {
    REGISTRY.lock().clone()
}

/// The lazily made cache of one function, in a `static` beside it.
pub struct CacheCell<V>(OnceLock<FunctionCache<V>>);

impl<V: Clone + Send + Sync + 'static> CacheCell<V> {
    /// An empty cell.
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// The function's cache, made (and registered for the clear-all
    /// actions) on first use.
    pub fn get_or_init(
        &'static self,
        info: impl FnOnce() -> FunctionInfo,
        disk: Option<DiskCodec<V>>,
        validate: Option<fn(&V) -> bool>,
        on_release: Option<fn(&V)>,
    ) -> &'static FunctionCache<V> {
        if let Some(cache) = self.0.get() {
            return cache;
        }
        let mut made = false;
        let cache = self.0.get_or_init(|| {
            made = true;
            let info = info();
            if info.ttl_ignored {
                log::warn!(
                    "The cached function '{}' has a TTL that will be ignored. Persistent cached functions \
                     currently don't support TTL.",
                    info.name
                );
            }
            FunctionCache {
                function_key: info.function_key(),
                info,
                disk,
                validate,
                on_release,
                stores: Mutex::new(HashMap::default()),
                flights: Mutex::new(HashMap::default()),
                refreshes: Mutex::new(Refreshes::default()),
                refreshed: Condvar::new(),
            }
        });
        if made {
            REGISTRY.lock().push(cache);
        }
        cache
    }
}

impl<V: Clone + Send + Sync + 'static> Default for CacheCell<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V: Clone + Send + Sync + 'static> FunctionCache<V> {
    fn new_store(&self) -> Store<V> {
        match self.info.max_entries.and_then(NonZeroUsize::new) {
            Some(bound) => LruCache::new(bound),
            None => LruCache::unbounded(),
        }
    }

    fn release(&self, value: Option<V>) {
        if let (Some(on_release), Some(value)) = (self.on_release, value) {
            // A failing release hook is logged and the clear goes on (B51).
            if let Err(panic) = crate::guard::quietly(|| on_release(&value)) {
                log::warn!(
                    "on_release of the cached function '{}' panicked: {panic}",
                    self.info.name
                );
            }
        }
    }

    /// Whether `value` passes the function's `validate` hook (none: it
    /// does). A panicking hook counts as a failed check, logged.
    fn valid(&self, value: &V) -> bool {
        let Some(validate) = self.validate else {
            return true;
        };
        crate::guard::quietly(|| validate(value)).unwrap_or_else(|panic| {
            log::warn!(
                "validate of the cached function '{}' panicked: {panic}; the entry is computed again",
                self.info.name
            );
            false
        })
    }

    fn disk_path(&self, key: u64) -> Option<PathBuf> {
        self.disk.as_ref()?;
        Some(super::disk::persist_dir().join(format!("{:016x}-{key:016x}.memo", self.function_key)))
    }

    /// Looks `key` up; on a miss, computes it once (others wait) and stores
    /// it. `st` is the caller's handle when the function takes one: elements
    /// emitted during the miss are recorded and replayed on hits.
    pub fn get_or_compute(&self, key: u64, st: Option<&St>, compute: impl FnOnce() -> V) -> V {
        let Some(session) = self.callers_store() else {
            log::warn!(
                "A session-scoped cache ('{}') was accessed outside of the app execution thread; \
                 computed without caching (B48).",
                self.info.name
            );
            return compute();
        };
        loop {
            if let Some((value, replay)) = self.lookup(session, key) {
                if let Some(st) = st {
                    st.replay(&replay);
                }
                return value;
            }
            if let Some((value, replay)) = self.load_from_disk(session, key) {
                if let Some(st) = st {
                    st.replay(&replay);
                }
                return value;
            }
            let (flight, leader) = {
                let mut flights = self.flights.lock();
                match flights.get(&(session, key)) {
                    Some(flight) => (Arc::clone(flight), false),
                    None => {
                        // Checked again under the flights lock: a leader stores
                        // its value before it retires its flight, so a caller
                        // that missed the entry and finds no flight finds the
                        // entry now (double-checked, B28).
                        if let Some((value, replay)) = self.lookup(session, key) {
                            drop(flights);
                            if let Some(st) = st {
                                st.replay(&replay);
                            }
                            return value;
                        }
                        let flight = Arc::new(Flight {
                            outcome: Mutex::new(None),
                            done: Condvar::new(),
                            waiting: std::sync::atomic::AtomicUsize::new(0),
                        });
                        flights.insert((session, key), Arc::clone(&flight));
                        (flight, true)
                    }
                }
            };
            if !leader {
                // Waiting on another caller's miss shows the spinner too (B38).
                let scope =
                    CacheScope::enter(self.info.name, self.info.spinner, self.info.show_time, None);
                let outcome = flight.wait();
                drop(scope.finish());
                let Some(outcome) = outcome else {
                    // Stop pressed while waiting: end this run.
                    crate::script_runner::abort_stopped()
                };
                match outcome {
                    Outcome::Value(value, replay) => {
                        if let Some(st) = st {
                            st.replay(&replay);
                        }
                        return value;
                    }
                    Outcome::Panicked(message) => std::panic::resume_unwind(Box::new(format!(
                        "The cached function `{}` panicked while computing this value for another caller: \
                         {message}",
                        self.info.name
                    ))),
                    Outcome::Abandoned => continue,
                }
            }
            return self.compute_as_leader(session, key, st, &flight, compute);
        }
    }

    /// Like [`Self::get_or_compute`] for a function with no `St`
    /// parameter, whose computation can run on another thread: with
    /// `refresh_mode = "background"`, a stale entry is returned at once and
    /// `compute` refreshes it in the background; otherwise it is
    /// `get_or_compute`.
    pub fn get_or_refresh(
        &'static self,
        key: u64,
        compute: impl FnOnce() -> V + Send + 'static,
    ) -> V {
        if self.info.refresh == RefreshMode::Background
            && let Some(session) = self.callers_store()
        {
            match self.find(session, key) {
                Found::Fresh(value, _) => return value,
                Found::Stale(value, _, stored_at) => {
                    self.start_refresh(session, key, stored_at, compute);
                    return value;
                }
                // A miss computes in the foreground, as any other.
                Found::Missing => {}
            }
        }
        self.get_or_compute(key, None, compute)
    }

    /// The store the calling thread uses: 0 (global), or the session of the
    /// run for a session-scoped function (`None` outside a run).
    fn callers_store(&self) -> Option<u64> {
        if self.info.session_scope {
            crate::script_runner::current_session_id()
        } else {
            Some(0)
        }
    }

    /// The age past which an entry is gone: its ttl, or for background
    /// refresh the ttl times the stale multiplier.
    fn hard_bound(&self) -> Option<Duration> {
        let ttl = self.info.ttl?;
        Some(match self.info.refresh {
            RefreshMode::Foreground => ttl,
            RefreshMode::Background => {
                Duration::try_from_secs_f64(ttl.as_secs_f64() * stale_multiplier())
                    .unwrap_or(Duration::MAX)
            }
        })
    }

    fn lookup(&self, session: u64, key: u64) -> Option<(V, Replay)> {
        match self.find(session, key) {
            Found::Fresh(value, replay) | Found::Stale(value, replay, _) => Some((value, replay)),
            Found::Missing => None,
        }
    }

    /// Looks an entry up; removes it (releasing it) when it is past its hard
    /// bound or fails `validate`.
    fn find(&self, session: u64, key: u64) -> Found<V> {
        let hard_bound = self.hard_bound();
        let mut stores = self.stores.lock();
        let Some(store) = stores.get_mut(&session) else {
            return Found::Missing;
        };
        let Some(entry) = store.get(&key) else {
            return Found::Missing;
        };
        let age = clock::now().saturating_sub(entry.stored_at);
        let expired = hard_bound.is_some_and(|bound| age >= bound);
        let invalid = !expired && !self.valid(&entry.value);
        if !expired && !invalid {
            let (value, replay) = (entry.value.clone(), Arc::clone(&entry.replay));
            let stale = self.info.ttl.is_some_and(|ttl| age >= ttl);
            return if stale {
                Found::Stale(value, replay, entry.stored_at)
            } else {
                Found::Fresh(value, replay)
            };
        }
        let removed = store.pop(&key).map(|e| e.value);
        drop(stores);
        self.release(removed);
        Found::Missing
    }

    /// When the entry of `key` now in the store was stored (without
    /// touching its place in the LRU order).
    fn stored_at(&self, session: u64, key: u64) -> Option<Duration> {
        let stores = self.stores.lock();
        stores
            .get(&session)?
            .peek(&key)
            .map(|entry| entry.stored_at)
    }

    /// Starts one background refresh of the stale entry of `key` stored at
    /// `stale`, unless one is running, that entry was replaced meanwhile (a
    /// refresh just ended), or a failed refresh's cooldown has not passed.
    fn start_refresh(
        &'static self,
        session: u64,
        key: u64,
        stale: Duration,
        compute: impl FnOnce() -> V + Send + 'static,
    ) {
        {
            let mut refreshes = self.refreshes.lock();
            if refreshes.running.contains_key(&(session, key))
                || self.stored_at(session, key) != Some(stale)
            {
                return;
            }
            if let Some(until) = refreshes.cooldown_until.get(&(session, key)) {
                if clock::now() < *until {
                    return;
                }
                refreshes.cooldown_until.remove(&(session, key));
            }
            refreshes.running.insert((session, key), false);
        }
        let spawned = std::thread::Builder::new()
            .name("brook-cache-refresh".to_owned())
            .spawn(move || self.refresh(session, key, stale, compute));
        if let Err(err) = spawned {
            log::warn!(
                "could not start a background refresh of the cached function '{}': {err}; \
                 the stale value stays",
                self.info.name
            );
            self.refreshes.lock().running.remove(&(session, key));
            self.refreshed.notify_all();
        }
    }

    /// A background refresh of the entry stored at `stale`: no script
    /// context, no spinner. Its value replaces that entry unless a
    /// clear came first or a caller stored a newer one meanwhile (the
    /// entry aged past the stale bound and was computed again in the
    /// foreground); a value not stored is released. A failure is logged and
    /// cools the key down for [`REFRESH_COOLDOWN`].
    fn refresh(&self, session: u64, key: u64, stale: Duration, compute: impl FnOnce() -> V) {
        let result = crate::guard::quietly(compute);
        // Held while storing, so a clear either cancels this refresh first
        // or removes what it stored; what is displaced is released after,
        // unlocked (an on_release hook may call into the cache).
        let mut refreshes = self.refreshes.lock();
        let cancelled = refreshes
            .running
            .get(&(session, key))
            .copied()
            .unwrap_or(true);
        let superseded = self
            .stored_at(session, key)
            .is_some_and(|stored_at| stored_at != stale);
        let mut released = Vec::new();
        match result {
            Ok(value) if !cancelled && !superseded => {
                released = self.store_entry(session, key, value, Arc::from([]));
            }
            Ok(value) => released.push(value),
            Err(panic) => {
                log::warn!(
                    "The background refresh of the cached function '{}' panicked: {panic}; the stale \
                     value stays, and this entry is not refreshed again for {} s.",
                    self.info.name,
                    REFRESH_COOLDOWN.as_secs()
                );
                // A clear since then reset the key: no cooldown for it.
                if !cancelled {
                    let now = clock::now();
                    refreshes.cooldown_until.retain(|_, until| *until > now);
                    refreshes
                        .cooldown_until
                        .insert((session, key), now + REFRESH_COOLDOWN);
                }
            }
        }
        drop(refreshes);
        for value in released {
            self.release(Some(value));
        }
        // Ended only now, so a waiter finds the refresh's whole effect.
        self.refreshes.lock().running.remove(&(session, key));
        self.refreshed.notify_all();
    }

    /// Marks the running refreshes `which` selects as cancelled: their
    /// values are dropped when they end.
    fn cancel_refreshes(&self, which: impl Fn(u64, u64) -> bool) {
        let mut refreshes = self.refreshes.lock();
        for (&(session, key), cancelled) in &mut refreshes.running {
            if which(session, key) {
                *cancelled = true;
            }
        }
        refreshes
            .cooldown_until
            .retain(|&(session, key), _| !which(session, key));
    }

    /// Blocks until no background refresh of this function is running (a
    /// test's way to know a refresh has stored its value).
    pub fn wait_for_refreshes(&self) {
        let mut refreshes = self.refreshes.lock();
        while !refreshes.running.is_empty() {
            self.refreshed.wait(&mut refreshes);
        }
    }

    /// Background refreshes running now.
    pub fn refreshing(&self) -> usize {
        self.refreshes.lock().running.len()
    }

    fn insert(&self, session: u64, key: u64, value: V, replay: Replay) {
        for value in self.store_entry(session, key, value, replay) {
            self.release(Some(value));
        }
    }

    /// Stores an entry. Returns the values it displaced (the entry it
    /// replaced, those it evicted, or itself when its session has ended),
    /// for the caller to release once it holds no lock.
    fn store_entry(&self, session: u64, key: u64, value: V, replay: Replay) -> Vec<V> {
        if session != 0 && ended_sessions().lock().contains(&session) {
            // The session's window closed while this was computing (B47).
            return vec![value];
        }
        let now = clock::now();
        let entry = Entry {
            value,
            stored_at: now,
            replay,
        };
        let mut released = Vec::new();
        {
            let mut stores = self.stores.lock();
            let store = stores.entry(session).or_insert_with(|| self.new_store());
            // A full cache drops expired entries before a live one (B36).
            if let Some(bound) = self.hard_bound()
                && store.len() >= store.cap().get()
            {
                let expired: Vec<u64> = store
                    .iter()
                    .filter(|(_, e)| now.saturating_sub(e.stored_at) >= bound)
                    .map(|(k, _)| *k)
                    .collect();
                for k in expired {
                    released.extend(store.pop(&k).map(|e| e.value));
                }
            }
            released.extend(store.push(key, entry).map(|(_, e)| e.value));
        }
        released
    }

    fn load_from_disk(&self, session: u64, key: u64) -> Option<(V, Replay)> {
        let (disk, path) = (self.disk.as_ref()?, self.disk_path(key)?);
        let DiskRead::Hit(value, replay) = disk.load(&path, self.info.name) else {
            return None;
        };
        let replay: Replay = Arc::from(replay);
        self.insert(session, key, value.clone(), Arc::clone(&replay));
        Some((value, replay))
    }

    fn compute_as_leader(
        &self,
        session: u64,
        key: u64,
        st: Option<&St>,
        flight: &Flight<V>,
        compute: impl FnOnce() -> V,
    ) -> V {
        // Whatever happens below, even a panic where none is expected, the
        // waiters are released and the flight retired when this is dropped.
        let mut lead = Lead {
            flights: &self.flights,
            id: (session, key),
            flight,
            finished: false,
        };
        let scope = CacheScope::enter(self.info.name, self.info.spinner, self.info.show_time, st);
        let result = std::panic::catch_unwind(AssertUnwindSafe(compute));
        let replay: Replay = Arc::from(scope.finish());
        // Store first, then release the waiters, then retire the flight: a
        // caller arriving at any point finds the entry or the flight (B28).
        match result {
            Ok(value) => {
                if let (Some(disk), Some(path)) = (&self.disk, self.disk_path(key)) {
                    disk.save(&path, &value, &replay, self.info.name);
                }
                self.insert(session, key, value.clone(), Arc::clone(&replay));
                lead.finish(Outcome::Value(value.clone(), replay));
                value
            }
            Err(payload) => {
                lead.finish(if crate::script_runner::is_abort(&*payload) {
                    Outcome::Abandoned
                } else {
                    Outcome::Panicked(crate::guard::panic_text(&*payload))
                });
                drop(lead);
                std::panic::resume_unwind(payload)
            }
        }
    }

    /// Removes every entry of every session, in memory and on disk.
    pub fn clear(&self) {
        self.cancel_refreshes(|_, _| true);
        let stores = std::mem::take(&mut *self.stores.lock());
        for (_, store) in stores {
            for (_, entry) in store {
                self.release(Some(entry.value));
            }
        }
        if let Some(disk) = &self.disk {
            super::disk::remove_function_files(self.function_key);
            disk.forget_stuck();
        }
    }

    /// Removes one entry, in every session.
    pub fn clear_entry(&self, key: u64) {
        self.cancel_refreshes(|_, k| k == key);
        let removed: Vec<V> = self
            .stores
            .lock()
            .values_mut()
            .filter_map(|store| store.pop(&key).map(|e| e.value))
            .collect();
        for value in removed {
            self.release(Some(value));
        }
        if let Some(path) = self.disk_path(key) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Callers blocked now on computations in flight (for tests that must
    /// know every waiter has arrived before the computation ends).
    pub fn waiting(&self) -> usize {
        self.flights
            .lock()
            .values()
            .map(|f| f.waiting.load(std::sync::atomic::Ordering::SeqCst))
            .sum()
    }

    /// Entries held now, in every session.
    pub fn len(&self) -> usize {
        self.stores.lock().values().map(LruCache::len).sum()
    }

    /// No entries at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The function's settings.
    pub fn info(&self) -> &FunctionInfo {
        &self.info
    }
}

impl<V: Clone + Send + Sync + 'static> AnyCache for FunctionCache<V> {
    fn kind(&self) -> Kind {
        self.info.kind
    }
    fn clear(&self) {
        FunctionCache::clear(self);
    }
    fn end_session(&self, session: u64) {
        self.cancel_refreshes(|s, _| s == session);
        let store = self.stores.lock().remove(&session);
        for (_, entry) in store.into_iter().flatten() {
            self.release(Some(entry.value));
        }
    }
}

/// Sessions that ended: their late results are not kept.
fn ended_sessions() -> &'static Mutex<ahash::HashSet<u64>> {
    static ENDED: OnceLock<Mutex<ahash::HashSet<u64>>> = OnceLock::new();
    ENDED.get_or_init(|| Mutex::new(ahash::HashSet::default()))
}

/// Marks a session ended: drops its entries now and any that arrive later.
pub(crate) fn mark_session_ended(session: u64) {
    ended_sessions().lock().insert(session);
}

/// The leader of a computation: releases its waiters and retires its
/// flight when dropped, on every path out of the computation (a value, a
/// panic, a stop, or a failure while storing).
struct Lead<'a, V: Clone> {
    flights: &'a Mutex<Flights<V>>,
    id: (u64, u64),
    flight: &'a Flight<V>,
    finished: bool,
}

impl<V: Clone> Lead<'_, V> {
    fn finish(&mut self, outcome: Outcome<V>) {
        self.finished = true;
        self.flight.finish(outcome);
    }
}

impl<V: Clone> Drop for Lead<'_, V> {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing stored: a waiter computes the value itself.
            self.flight.finish(Outcome::Abandoned);
        }
        self.flights.lock().remove(&self.id);
    }
}
