//! brook's cross-crate tests: the behaviour suites (tests/behaviour.rs) and,
//! later, frame snapshots. This library holds shared helpers only.

pub mod snapshot;
