//! SPEC 1.4: elements emitted inside a cached function are recorded on the
//! miss and replayed on hits (B57, B58); widgets inside are an error (B60).

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use brook::prelude::*;
use brook::testing::AppTest;

use crate::failures::mentions;
use crate::{outline, run_child, shared};

// ---------------------------------------------------------------- B57

static B57_DATA_RUNS: AtomicUsize = AtomicUsize::new(0);
static B57_RESOURCE_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b57_data_section(st: &St, n: u32) -> u32 {
    B57_DATA_RUNS.fetch_add(1, SeqCst);
    st.header(format!("Section {n}"));
    st.text("from data");
    n
}

#[cache_resource]
fn b57_resource_section(st: &St) -> String {
    B57_RESOURCE_RUNS.fetch_add(1, SeqCst);
    st.caption("from resource");
    st.warning("careful");
    "resource".into()
}

#[test]
fn b57_elements_of_a_miss_are_replayed_on_every_hit_for_both_kinds() {
    let _guard = shared();
    let script = |st: &St| {
        let n = b57_data_section(st, 1);
        let r = b57_resource_section(st);
        st.text(format!("script {} {r}", *n));
    };
    let expected = [
        "Section 1",
        "from data",
        "from resource",
        "careful",
        "script 1 resource",
    ];
    let mut at = AppTest::new(script);
    for _ in 0..3 {
        at.run();
        assert_eq!(outline(&at.tree().main), expected);
    }
    // Another session gets the replay too.
    let mut other = AppTest::new(script);
    other.run();
    assert_eq!(outline(&other.tree().main), expected);
    assert_eq!(B57_DATA_RUNS.load(SeqCst), 1);
    assert_eq!(B57_RESOURCE_RUNS.load(SeqCst), 1);
}

static B57_PERSISTED_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
pub(crate) fn b57_persisted_section(st: &St, n: u32) -> u32 {
    B57_PERSISTED_RUNS.fetch_add(1, SeqCst);
    st.text(format!("persisted section {n}"));
    n
}

fn b57_persisted_script(st: &St) {
    let n = b57_persisted_section(st, 4);
    st.text(format!("n = {}", *n));
}

/// The child's half: the app started again, reading the entry from disk.
pub(crate) fn b57_persisted_child() -> Vec<(String, String)> {
    let mut at = AppTest::new(b57_persisted_script);
    at.run();
    vec![
        (
            "body_runs".into(),
            B57_PERSISTED_RUNS.load(SeqCst).to_string(),
        ),
        ("text".into(), at.text().join("|")),
    ]
}

#[test]
fn b57_elements_of_a_persisted_entry_are_replayed_after_reading_it_from_disk() {
    let _guard = shared();
    // Streamlit stores the recorded elements with the value (B20), so a
    // value read back from disk replays them like any other hit.
    let mut at = AppTest::new(b57_persisted_script);
    at.run();
    assert_eq!(at.text(), ["persisted section 4", "n = 4"]);
    let child = run_child("b57-persisted");
    assert!(
        child.contains(&("body_runs".into(), "0".into())),
        "{child:?}"
    );
    assert!(
        child.contains(&("text".into(), "persisted section 4|n = 4".into())),
        "the elements were lost on the way through the disk: {child:?}"
    );
}

// ---------------------------------------------------------------- B58

static B58_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b58_section(st: &St, n: u32) -> u32 {
    B58_RUNS.fetch_add(1, SeqCst);
    st.text(format!("plain {n}"));
    st.sidebar().text(format!("sidebar {n}"));
    let inner = st.container();
    inner.text(format!("inside {n}"));
    let columns = inner.columns(2);
    columns[1].text("right");
    n
}

#[test]
fn b58_replay_goes_to_the_callers_container_the_sidebar_and_recreated_containers() {
    let _guard = shared();
    let mut at = AppTest::new(|st: &St| {
        let holder = st.container();
        st.text("top");
        // The first run calls it on a container, the later ones on main.
        if st.run_number() == 1 {
            b58_section(&holder, 1);
        } else {
            b58_section(st, 1);
        }
    });
    at.run();
    let section = "[inside 1, [[], [right]]]";
    assert_eq!(
        outline(&at.tree().main),
        [format!("[plain 1, {section}]"), "top".into()]
    );
    assert_eq!(outline(&at.tree().sidebar), ["sidebar 1"]);
    at.run();
    assert_eq!(
        outline(&at.tree().main),
        ["[]", "top", "plain 1", section],
        "replayed onto the container the call is given now"
    );
    assert_eq!(outline(&at.tree().sidebar), ["sidebar 1"]);
    assert_eq!(B58_RUNS.load(SeqCst), 1);
    assert!(at.exception().is_empty());
}

#[cache_data]
fn b58_writes_outside(st: &St, _outside: &[St]) -> u32 {
    st.text("mine");
    _outside[0].text("written outside");
    1
}

#[test]
fn b58_writing_to_a_container_made_outside_fails_on_replay() {
    let _guard = shared();
    let mut at = AppTest::new(|st: &St| {
        let outside = st.container();
        let _ = b58_writes_outside(st, std::slice::from_ref(&outside));
        st.text("after");
    });
    at.run();
    assert!(at.exception().is_empty(), "the miss itself works");
    assert_eq!(
        outline(&at.tree().main),
        ["[written outside]", "mine", "after"]
    );
    at.run();
    assert!(
        mentions(&at.exception(), &["outside of it", "cannot be replayed"]),
        "{:?}",
        at.exception()
    );
    assert!(!at.text().contains(&"after".to_owned()));
}

// ---------------------------------------------------------------- B60

static B60_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b60_with_widget(st: &St) -> bool {
    B60_RUNS.fetch_add(1, SeqCst);
    st.checkbox("Inside the cache").show()
}

#[test]
fn b60_a_widget_inside_a_cached_function_is_an_error() {
    let _guard = shared();
    let mut at = AppTest::new(|st: &St| {
        let _ = b60_with_widget(st);
        st.text("after");
    });
    at.run();
    let message = [
        "Inside the cache",
        "inside a cached function",
        "cache miss",
        "Move the widget out",
    ];
    assert!(mentions(&at.exception(), &message), "{:?}", at.exception());
    assert!(at.widgets().is_empty());
    assert!(at.text().is_empty());
    assert_eq!(b60_with_widget::len(), 0, "nothing was cached");
    at.run();
    assert!(mentions(&at.exception(), &message));
    assert_eq!(B60_RUNS.load(SeqCst), 2);
}
