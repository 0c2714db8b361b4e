//! The clock of ttl expiry: real time, or a manual clock in tests.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

static MANUAL: AtomicBool = AtomicBool::new(false);
static MANUAL_NANOS: AtomicU64 = AtomicU64::new(0);

/// Time since the cache clock started.
pub(crate) fn now() -> Duration {
    if MANUAL.load(Ordering::Acquire) {
        Duration::from_nanos(MANUAL_NANOS.load(Ordering::Acquire))
    } else {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed()
    }
}

/// A clock for tests of ttl: once installed, cache time moves only when
/// [`ManualClock::advance`] moves it (for the whole process: keep such tests
/// in a test binary of their own, or run them one at a time).
#[derive(Debug)]
pub struct ManualClock(());

impl ManualClock {
    /// Switches the cache clock to manual time, starting from now.
    pub fn install() -> Self {
        let start = u64::try_from(now().as_nanos()).unwrap_or(u64::MAX);
        MANUAL_NANOS.store(start, Ordering::Release);
        MANUAL.store(true, Ordering::Release);
        Self(())
    }

    /// Moves cache time forward.
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        MANUAL_NANOS.fetch_add(by, Ordering::AcqRel);
    }
}
