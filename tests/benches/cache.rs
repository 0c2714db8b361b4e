//! Cache benchmarks: a hit with a small key and value, a hit on an 8 MB
//! vector (no copy is made), and the overhead of a miss of an empty
//! function. Run with
//! `cargo bench -p brook-tests --bench cache -- --warm-up-time 1 --measurement-time 3`.
//!
//! Targets: small hit < 0.2 µs; 8 MB hit < 1 µs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use brook::prelude::*;
use criterion::Criterion;

#[cache_data]
fn small(x: u32) -> u64 {
    u64::from(x) * 2
}

/// 1,048,576 `f64`s: 8 MB.
const BIG_LEN: usize = 1 << 20;

#[cache_data]
fn big(seed: u32) -> Vec<f64> {
    vec![f64::from(seed); BIG_LEN]
}

#[cache_data]
fn empty(x: u64) -> u64 {
    x
}

#[cache_resource]
fn resource(x: u32) -> u64 {
    u64::from(x)
}

fn hits(c: &mut Criterion) {
    let _ = small(7);
    c.bench_function("cache_data hit, u32 key, u64 value", |b| {
        b.iter(|| *small(black_box(7)));
    });

    let warm = big(1);
    assert_eq!(warm.len(), BIG_LEN);
    c.bench_function("cache_data hit, 8 MB Vec<f64>", |b| {
        b.iter(|| big(black_box(1)).len());
    });

    let _ = resource(7);
    c.bench_function("cache_resource hit, u32 key, u64 value", |b| {
        b.iter(|| *resource(black_box(7)));
    });
}

fn misses(c: &mut Criterion) {
    // A fresh key on every iteration; the cache is cleared after each
    // sample, outside the timing, so it never grows past one sample.
    let mut next = 0_u64;
    c.bench_function("cache_data miss, empty function", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                next += 1;
                black_box(empty(black_box(next)));
            }
            let elapsed = start.elapsed();
            empty::clear();
            elapsed
        });
    });
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    hits(&mut c);
    misses(&mut c);
    c.final_summary();
}
