//! SPEC 1.1: the general model and cache keys (B1..B19).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use brook::caching::{CacheKey, Cached, KeyHasher};
use brook::prelude::*;
use brook::testing::AppTest;

use crate::{key_of, memo_file, run_child, shared};

// ---------------------------------------------------------------- B1

static B1_DATA_BARE: AtomicUsize = AtomicUsize::new(0);
static B1_DATA_ARGS: AtomicUsize = AtomicUsize::new(0);
static B1_RESOURCE_BARE: AtomicUsize = AtomicUsize::new(0);
static B1_RESOURCE_ARGS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b1_data_bare(x: u32) -> u32 {
    B1_DATA_BARE.fetch_add(1, SeqCst);
    x + 1
}

#[cache_data(ttl = "1h", max_entries = 10, show_spinner = false)]
fn b1_data_with_parameters(x: u32) -> u32 {
    B1_DATA_ARGS.fetch_add(1, SeqCst);
    x + 2
}

#[cache_resource]
fn b1_resource_bare(x: u32) -> u32 {
    B1_RESOURCE_BARE.fetch_add(1, SeqCst);
    x + 3
}

#[cache_resource(ttl = 3600, max_entries = 10, show_spinner = "Connecting")]
fn b1_resource_with_parameters(x: u32) -> u32 {
    B1_RESOURCE_ARGS.fetch_add(1, SeqCst);
    x + 4
}

#[test]
fn b1_both_decorators_work_bare_and_with_parameters() {
    let _guard = shared();
    for _ in 0..3 {
        let data: Cached<u32> = b1_data_bare(1);
        assert_eq!(*data, 2);
        let data: Cached<u32> = b1_data_with_parameters(1);
        assert_eq!(*data, 3);
        let resource: Arc<u32> = b1_resource_bare(1);
        assert_eq!(*resource, 4);
        let resource: Arc<u32> = b1_resource_with_parameters(1);
        assert_eq!(*resource, 5);
    }
    for runs in [
        &B1_DATA_BARE,
        &B1_DATA_ARGS,
        &B1_RESOURCE_BARE,
        &B1_RESOURCE_ARGS,
    ] {
        assert_eq!(runs.load(SeqCst), 1);
    }
}

// ---------------------------------------------------------------- B2

static B2_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b2_square(x: i64) -> i64 {
    B2_RUNS.fetch_add(1, SeqCst);
    x * x
}

#[test]
fn b2_a_seen_combination_skips_the_body_and_returns_the_stored_value() {
    let _guard = shared();
    assert_eq!(*b2_square(3), 9);
    assert_eq!(B2_RUNS.load(SeqCst), 1);
    assert_eq!(*b2_square(3), 9);
    assert_eq!(B2_RUNS.load(SeqCst), 1, "the same input is a hit");
    assert_eq!(*b2_square(4), 16);
    assert_eq!(B2_RUNS.load(SeqCst), 2, "a new input runs the body");
    assert_eq!(*b2_square(3), 9);
    assert_eq!(*b2_square(4), 16);
    assert_eq!(B2_RUNS.load(SeqCst), 2);
}

// ---------------------------------------------------------------- B3, B4

static B3_RUNS: AtomicUsize = AtomicUsize::new(0);

/// Two functions with the same name and the same source, in two modules.
mod b3_first {
    use brook::prelude::*;

    #[cache_data(persist = "disk")]
    pub fn same_name(x: u32) -> u32 {
        super::B3_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        x * 10
    }

    pub fn info() -> brook::caching::FunctionInfo {
        __brook_cache_of_same_name().info().clone()
    }
}

mod b3_second {
    use brook::prelude::*;

    #[cache_data(persist = "disk")]
    pub fn same_name(x: u32) -> u32 {
        super::B3_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        x * 10
    }

    pub fn info() -> brook::caching::FunctionInfo {
        __brook_cache_of_same_name().info().clone()
    }
}

/// The same name in a third module, with another body (an "edit").
mod b4_edited {
    use brook::prelude::*;

    #[cache_data(persist = "disk")]
    pub fn same_name(x: u32) -> u32 {
        super::B3_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        x * 11
    }

    pub fn info() -> brook::caching::FunctionInfo {
        __brook_cache_of_same_name().info().clone()
    }
}

#[test]
fn b3_identical_functions_in_different_modules_do_not_share_a_cache() {
    let _guard = shared();
    let (first, second) = (b3_first::info(), b3_second::info());
    assert_eq!(first.name, second.name);
    assert_eq!(
        first.source_hash, second.source_hash,
        "the same source hashes the same"
    );
    assert_ne!(first.module, second.module);
    assert_ne!(first.function_key(), second.function_key());

    assert_eq!(*b3_first::same_name(1), 10);
    assert_eq!(*b3_second::same_name(1), 10);
    assert_eq!(
        B3_RUNS.load(SeqCst),
        2,
        "the second module computes its own value (it does not read the first one's file)"
    );
    let _ = b3_first::same_name(1);
    let _ = b3_second::same_name(1);
    assert_eq!(B3_RUNS.load(SeqCst), 2);
    // Each module's entry is a file of its own.
    let value_key = key_of("x", &1_u32);
    assert!(memo_file(first.function_key(), value_key).exists());
    assert!(memo_file(second.function_key(), value_key).exists());
}

#[test]
fn b4_editing_the_code_makes_a_new_function_key() {
    let _guard = shared();
    let original = b3_first::info();
    let edited = b4_edited::info();
    // The source is part of the function key: a different body hashes
    // differently, and the same info with another source hash is another key.
    assert_ne!(original.source_hash, edited.source_hash);
    let mut rebuilt = original.clone();
    rebuilt.source_hash = edited.source_hash;
    assert_ne!(rebuilt.function_key(), original.function_key());
    // So an edited function never reads the entries (files) of the old code.
    rebuilt.source_hash = original.source_hash;
    assert_eq!(rebuilt.function_key(), original.function_key());
}

// ---------------------------------------------------------------- B5

static B5_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b5_lookup(x: u32) -> u32 {
    B5_RUNS.fetch_add(1, SeqCst);
    x * 2
}

#[test]
fn b5_the_cache_belongs_to_the_function_not_to_a_run() {
    let _guard = shared();
    // The script (a closure, called anew on every rerun, in any session)
    // keeps hitting the one cache of the function.
    let script = |st: &St| st.text(format!("{}", *b5_lookup(21)));
    let mut first = AppTest::new(script);
    let mut second = AppTest::new(script);
    for _ in 0..3 {
        first.run();
        second.run();
        assert_eq!(first.text(), ["42"]);
        assert_eq!(second.text(), ["42"]);
    }
    assert_eq!(B5_RUNS.load(SeqCst), 1);
}

// ---------------------------------------------------------------- B6

static B6_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b6_pair(a: u32, b: u32) -> (u32, u32) {
    B6_RUNS.fetch_add(1, SeqCst);
    (a, b)
}

#[test]
fn b6_every_argument_and_its_name_are_part_of_the_value_key() {
    let _guard = shared();
    assert_eq!(*b6_pair(1, 2), (1, 2));
    assert_eq!(*b6_pair(2, 1), (2, 1), "positions matter");
    assert_eq!(*b6_pair(1, 3), (1, 3), "the second argument matters");
    assert_eq!(*b6_pair(1, 2), (1, 2));
    assert_eq!(B6_RUNS.load(SeqCst), 3);
    // Both the name and the value of an argument are hashed.
    assert_ne!(key_of("a", &1_u32), key_of("b", &1_u32));
    assert_ne!(key_of("a", &1_u32), key_of("a", &2_u32));
    assert_eq!(key_of("a", &1_u32), key_of("a", &1_u32));
}

// ---------------------------------------------------------------- B7

static B7_RUNS: AtomicUsize = AtomicUsize::new(0);

/// A connection: not a `CacheKey`, and it need not be.
struct Connection {
    id: u32,
}

#[cache_data]
fn b7_query(sql: &str, _connection: &Connection) -> String {
    B7_RUNS.fetch_add(1, SeqCst);
    format!("{sql} on connection {}", _connection.id)
}

#[test]
fn b7_an_underscore_parameter_is_left_out_of_the_key() {
    let _guard = shared();
    assert_eq!(
        *b7_query("select 1", &Connection { id: 1 }),
        "select 1 on connection 1"
    );
    // Another connection, same other arguments: the cached result.
    assert_eq!(
        *b7_query("select 1", &Connection { id: 2 }),
        "select 1 on connection 1"
    );
    assert_eq!(B7_RUNS.load(SeqCst), 1);
    assert_eq!(
        *b7_query("select 2", &Connection { id: 2 }),
        "select 2 on connection 2"
    );
    assert_eq!(B7_RUNS.load(SeqCst), 2);
    // `clear_entry` takes only the hashed arguments.
    b7_query::clear_entry("select 1");
    assert_eq!(
        *b7_query("select 1", &Connection { id: 3 }),
        "select 1 on connection 3"
    );
    assert_eq!(B7_RUNS.load(SeqCst), 3);
}

// ---------------------------------------------------------------- B8

static B8_RUNS: AtomicUsize = AtomicUsize::new(0);

/// A user type made hashable for caching with a hand-written `CacheKey`.
struct Region {
    name: String,
    population: u64,
}

impl CacheKey for Region {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("Region");
        self.name.cache_key(hasher);
        self.population.cache_key(hasher);
    }
}

#[cache_data]
fn b8_density(region: Region, area: f64) -> f64 {
    B8_RUNS.fetch_add(1, SeqCst);
    #[allow(clippy::cast_precision_loss, reason = "test numbers are small")]
    let population = region.population as f64;
    population / area
}

#[test]
fn b8_an_argument_type_is_hashable_by_implementing_cache_key() {
    let _guard = shared();
    // (A type without `CacheKey` does not compile as an argument: brook's
    // UnhashableParamError is a build error.)
    let north = || Region {
        name: "north".into(),
        population: 1000,
    };
    assert_eq!(*b8_density(north(), 10.0), 100.0);
    assert_eq!(*b8_density(north(), 10.0), 100.0);
    assert_eq!(B8_RUNS.load(SeqCst), 1, "equal values are one key");
    let south = Region {
        name: "south".into(),
        population: 1000,
    };
    assert_eq!(*b8_density(south, 10.0), 100.0);
    assert_eq!(B8_RUNS.load(SeqCst), 2);
}

// ---------------------------------------------------------------- B9

static B9_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
pub(crate) fn b9_persisted(label: String, weights: Vec<f64>) -> String {
    B9_RUNS.fetch_add(1, SeqCst);
    format!("{label}:{}", weights.len())
}

/// A mix of key types.
type Mixed = (
    String,
    Vec<f64>,
    Option<(i64, char, bool)>,
    BTreeMap<String, u8>,
);

/// The argument of the cross-process check.
fn b9_argument() -> Mixed {
    (
        "sales".into(),
        vec![0.5, -1.25, f64::MAX],
        Some((-7, 'é', true)),
        BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]),
    )
}

/// The child's half of B9: the key of the same argument, and whether a
/// value persisted by the parent process is found again.
pub(crate) fn b9_child() -> Vec<(String, String)> {
    let value = b9_persisted("label".into(), vec![1.0, 2.0]);
    vec![
        ("body_runs".into(), B9_RUNS.load(SeqCst).to_string()),
        (
            "key".into(),
            format!("{:016x}", key_of("arg", &b9_argument())),
        ),
        ("entries".into(), b9_persisted::len().to_string()),
        ("value".into(), (*value).clone()),
    ]
}

#[test]
fn b9_keys_are_deterministic_across_runs_and_processes() {
    let _guard = shared();
    let key = key_of("arg", &b9_argument());
    // Same in this process, from fresh hashers, on another thread.
    assert_eq!(key, key_of("arg", &b9_argument()));
    let other_thread = std::thread::Builder::new()
        .name("b9".into())
        .spawn(|| key_of("arg", &b9_argument()))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(key, other_thread);
    // Same in another process; and so a persisted value is found again
    // there (the child's call loads it: its in-memory cache starts empty).
    assert_eq!(*b9_persisted("label".into(), vec![1.0, 2.0]), "label:2");
    let child = run_child("b9");
    let get = |name: &str| {
        child
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(get("key"), format!("{key:016x}"));
    assert_eq!(get("value"), "label:2");
    assert_eq!(get("entries"), "1");
    assert_eq!(get("body_runs"), "0", "the child read the parent's entry");
}

// ---------------------------------------------------------------- B10

static B10_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b10_describe(value: Vec<(String, f64)>, flag: Option<bool>) -> String {
    B10_RUNS.fetch_add(1, SeqCst);
    format!("{value:?} {flag:?}")
}

#[test]
fn b10_built_in_types_hash_by_value_with_a_type_prefix() {
    let _guard = shared();
    // The type is part of the key: 1 and "1" differ, and so do 1_i32 and 1_i64.
    assert_ne!(key_of("x", &1_i64), key_of("x", "1"));
    assert_ne!(key_of("x", &1_i32), key_of("x", &1_i64));
    assert_ne!(key_of("x", &1_u8), key_of("x", &true));
    assert_ne!(key_of("x", &'1'), key_of("x", "1"));
    // Text: `&str` and `String` are the same text.
    assert_eq!(key_of("x", "abc"), key_of("x", &String::from("abc")));
    // Floats by their bits: -0.0 and 0.0 differ, NaN equals itself.
    assert_ne!(key_of("x", &0.0_f64), key_of("x", &-0.0_f64));
    assert_eq!(key_of("x", &f64::NAN), key_of("x", &f64::NAN));
    assert_ne!(key_of("x", &1.0_f32), key_of("x", &1.0_f64));
    // Option: None is a token of its own.
    assert_ne!(key_of("x", &None::<u32>), key_of("x", &Some(0_u32)));
    // Sequences element-wise, in order, recursively; lengths count.
    assert_ne!(key_of("x", &vec![1, 2]), key_of("x", &vec![2, 1]));
    assert_ne!(
        key_of("x", &vec![vec![1], vec![2]]),
        key_of("x", &vec![vec![1, 2]])
    );
    assert_eq!(key_of("x", &vec![1_u8, 2]), key_of("x", &[1_u8, 2][..]));
    assert_ne!(key_of("x", &(1, "a")), key_of("x", &(1, "b")));
    let map = |pairs: &[(&str, u8)]| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), *v))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(
        key_of("x", &map(&[("a", 1), ("b", 2)])),
        key_of("x", &map(&[("b", 2), ("a", 1)]))
    );
    assert_ne!(
        key_of("x", &map(&[("a", 1)])),
        key_of("x", &map(&[("a", 2)]))
    );
    assert_ne!(
        key_of("x", &Duration::from_secs(1)),
        key_of("x", &Duration::from_millis(1001))
    );
    assert_ne!(
        key_of("x", &PathBuf::from("/a")),
        key_of("x", &PathBuf::from("/b"))
    );

    // Through a cached function: equal values hit, NaN included.
    let rows = || vec![("a".to_owned(), f64::NAN), ("b".to_owned(), 2.0)];
    let _ = b10_describe(rows(), None);
    let _ = b10_describe(rows(), None);
    assert_eq!(B10_RUNS.load(SeqCst), 1);
    let _ = b10_describe(rows(), Some(false));
    assert_eq!(B10_RUNS.load(SeqCst), 2);
}

// ---------------------------------------------------------------- B11

static B11_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b11_total(values: Vec<f64>) -> f64 {
    B11_RUNS.fetch_add(1, SeqCst);
    values.iter().sum()
}

#[test]
fn b11_large_arguments_are_hashed_whole_without_sampling() {
    let _guard = shared();
    // Streamlit samples from 1,000,000 elements upwards, so two arrays that
    // differ outside the sample collide. brook hashes every element.
    let big = vec![1.0_f64; 2_000_000];
    let mut last_differs = big.clone();
    *last_differs.last_mut().unwrap() = 2.0;
    assert_ne!(key_of("values", &big), key_of("values", &last_differs));
    assert_eq!(*b11_total(big.clone()), 2_000_000.0);
    assert_eq!(*b11_total(last_differs), 2_000_001.0);
    assert_eq!(*b11_total(big), 2_000_000.0);
    assert_eq!(B11_RUNS.load(SeqCst), 2);
}

// ---------------------------------------------------------------- B13

static B13_RUNS: AtomicUsize = AtomicUsize::new(0);

/// Any other type: its `CacheKey` comes from its `Hash`.
#[derive(Hash, Clone)]
struct Point {
    x: i32,
    y: i32,
}

brook_engine::impl_cache_key_via_hash!(Point);

#[cache_data]
fn b13_norm(point: Point) -> i32 {
    B13_RUNS.fetch_add(1, SeqCst);
    point.x.abs() + point.y.abs()
}

#[test]
fn b13_other_types_hash_through_their_own_implementation() {
    let _guard = shared();
    assert_eq!(*b13_norm(Point { x: 3, y: -4 }), 7);
    assert_eq!(*b13_norm(Point { x: 3, y: -4 }), 7);
    assert_eq!(B13_RUNS.load(SeqCst), 1);
    assert_eq!(*b13_norm(Point { x: -4, y: 3 }), 7);
    assert_eq!(B13_RUNS.load(SeqCst), 2);
    // The type name is part of the key: a Point is not its fields.
    assert_ne!(
        key_of("p", &Point { x: 1, y: 2 }),
        key_of("p", &(1_i32, 2_i32))
    );
}

// ---------------------------------------------------------------- B14

static B14_RUNS: AtomicUsize = AtomicUsize::new(0);

/// A model whose `Hash` covers every field, but whose cache key is its id
/// alone (what a `hash_funcs` entry does in Streamlit).
#[derive(Hash, Clone)]
struct Model {
    id: u32,
    hits: u64,
}

impl CacheKey for Model {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("Model");
        self.id.cache_key(hasher);
    }
}

#[cache_data]
fn b14_predict(models: Vec<Model>) -> Vec<u32> {
    B14_RUNS.fetch_add(1, SeqCst);
    models.iter().map(|m| m.id).collect()
}

#[test]
fn b14_a_custom_cache_key_replaces_the_built_in_hashing_even_inside_containers() {
    let _guard = shared();
    let models = |hits: u64| vec![Model { id: 1, hits }, Model { id: 2, hits }];
    assert_eq!(*b14_predict(models(0)), [1, 2]);
    // Different `hits` (which `Hash` would see), same ids: a hit.
    assert_eq!(*b14_predict(models(99)), [1, 2]);
    assert_eq!(B14_RUNS.load(SeqCst), 1);
    assert_eq!(key_of("m", &models(0)), key_of("m", &models(5)));
    assert_eq!(*b14_predict(vec![Model { id: 3, hits: 0 }]), [3]);
    assert_eq!(B14_RUNS.load(SeqCst), 2);
}

// ---------------------------------------------------------------- B15

/// A value whose key says nothing at all.
struct Opaque;

impl CacheKey for Opaque {
    fn cache_key(&self, _hasher: &mut KeyHasher) {}
}

#[test]
fn b15_a_custom_key_applies_to_the_value_never_to_the_argument_name() {
    let _guard = shared();
    assert_ne!(key_of("left", &Opaque), key_of("right", &Opaque));
    assert_eq!(key_of("left", &Opaque), key_of("left", &Opaque));
}

// ---------------------------------------------------------------- B16

static B16_RUNS: AtomicUsize = AtomicUsize::new(0);

/// A key implementation that fails (Streamlit's failing hash function).
struct Unkeyable;

impl CacheKey for Unkeyable {
    fn cache_key(&self, _hasher: &mut KeyHasher) {
        panic!("Unkeyable cannot be hashed: it has no stable identity");
    }
}

#[cache_data]
fn b16_use(value: Unkeyable) -> u32 {
    let _ = value;
    B16_RUNS.fetch_add(1, SeqCst);
    1
}

#[test]
fn b16_a_failing_key_implementation_fails_the_call_with_its_message() {
    let _guard = shared();
    let mut at = AppTest::new(|st: &St| {
        let _ = b16_use(Unkeyable);
        st.text("after");
    });
    at.run();
    assert!(
        crate::failures::mentions(&at.exception(), &["Unkeyable cannot be hashed"]),
        "{:?}",
        at.exception()
    );
    assert!(at.text().is_empty(), "the call failed, the script stopped");
    assert_eq!(B16_RUNS.load(SeqCst), 0, "the body never ran");
}

// ---------------------------------------------------------------- B17

static B17_RUNS: AtomicUsize = AtomicUsize::new(0);

/// A key by identity (Streamlit's `hash_funcs={Model: id}`).
struct ById(Arc<Vec<f64>>);

impl CacheKey for ById {
    fn cache_key(&self, hasher: &mut KeyHasher) {
        hasher.tag("ById");
        (Arc::as_ptr(&self.0) as usize).cache_key(hasher);
    }
}

#[cache_resource]
fn b17_weights() -> Vec<f64> {
    vec![0.5, 0.25]
}

#[cache_data]
fn b17_score(model: ById) -> f64 {
    B17_RUNS.fetch_add(1, SeqCst);
    model.0.iter().sum()
}

#[test]
fn b17_an_identity_key_recomputes_for_every_new_equal_instance() {
    let _guard = shared();
    // Both alive at once, so they cannot share an address.
    let (first, second) = (Arc::new(vec![0.5, 0.25]), Arc::new(vec![0.5, 0.25]));
    let _ = b17_score(ById(Arc::clone(&first)));
    let _ = b17_score(ById(Arc::clone(&second)));
    let _ = b17_score(ById(Arc::clone(&first)));
    assert_eq!(
        B17_RUNS.load(SeqCst),
        2,
        "equal but distinct instances are different keys"
    );
    // The documented good use: the argument comes from a cache_resource
    // function, so every call passes the very same instance.
    let _ = b17_score(ById(b17_weights()));
    let _ = b17_score(ById(b17_weights()));
    let _ = b17_score(ById(b17_weights()));
    assert_eq!(B17_RUNS.load(SeqCst), 3);
}

// ---------------------------------------------------------------- B19

static B19_DATA_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b19_data(x: u32) -> u32 {
    B19_DATA_RUNS.fetch_add(1, SeqCst) as u32 * 1000 + x
}

#[cache_resource]
fn b19_resource() -> String {
    "one connection".into()
}

#[test]
fn b19_caches_are_shared_by_every_session_by_default() {
    let _guard = shared();
    let script = |st: &St| {
        st.text(format!("data {}", *b19_data(7)));
        st.text(format!("resource at {:p}", Arc::as_ptr(&b19_resource())));
    };
    let mut first = AppTest::new(script);
    let mut second = AppTest::new(script);
    first.run();
    second.run();
    assert_eq!(first.text(), second.text());
    assert_eq!(first.text()[0], "data 7");
    assert_eq!(B19_DATA_RUNS.load(SeqCst), 1);
}
