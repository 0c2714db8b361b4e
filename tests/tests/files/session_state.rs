//! Persisted session state (`session_state.ron`): bad files set aside,
//! values of another type kept, panicking `Serialize`/`Deserialize` impls,
//! saves of changed keys only, and failed saves shown to the person.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use brook::prelude::*;
use brook::testing::AppTest;
use serde::{Deserialize, Serialize};

use crate::{Bad, EVERY_BAD, names_in, notices_mentioning, set_aside_copies, temp_dir};

/// The file a test's sessions keep their state in.
fn state_file(test: &str) -> std::path::PathBuf {
    temp_dir(&format!("state-{test}")).join("session_state.ron")
}

/// The file's text once the writes asked for so far are done.
fn saved_text(path: &Path) -> String {
    brook::state::wait_for_saves();
    std::fs::read_to_string(path).unwrap()
}

fn counter(st: &St) {
    st.session_state().persist::<i64>("visits");
    st.session_state().persist::<String>("name");
    let visits = st.session_state().get_or_insert("visits", 0_i64) + 1;
    st.session_state().set("visits", visits);
    let name = st.text_input("Name").key("name").show();
    st.text(format!("visit {visits} by {name:?}"));
}

// Issue 11, case 12
#[test]
fn a_session_state_file_that_is_not_utf8_is_set_aside_and_saving_goes_on() {
    let path = state_file("utf8");
    std::fs::write(&path, [b'{', 0xff, 0xfe, b'}']).unwrap();
    let mut at = AppTest::with_persist_path(counter, path.clone());
    at.run();
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("UTF-8"), "{warnings:?}");
    let copies = set_aside_copies(&path);
    assert_eq!(copies.len(), 1, "the file is set aside");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), [b'{', 0xff, 0xfe, b'}']);
    at.widget("name").input("Ada").run();
    assert!(
        saved_text(&path).contains("Ada"),
        "persistence stays on: a new file is written"
    );
}

// Issue 11, case 12 (failure injection: every kind of unusable file)
#[test]
fn every_unusable_session_state_file_is_set_aside_once_and_nothing_is_lost() {
    let good = "{\n    \"name\": \"\\\"Ada\\\"\",\n    \"visits\": \"4\",\n}";
    for bad in EVERY_BAD {
        let path = state_file(&format!("matrix-{bad:?}"));
        bad.make(&path, good, "[1, 2, 3]");
        let before = Bad::snapshot(&path);
        let mut at = AppTest::with_persist_path(counter, path.clone());
        at.run();
        let warnings = at.warning();
        assert_eq!(warnings.len(), 1, "{bad:?}: {warnings:?}");
        assert_eq!(at.text(), ["visit 1 by \"\""], "{bad:?}: started afresh");
        let copies = set_aside_copies(&path);
        assert_eq!(copies.len(), 1, "{bad:?}: set aside");
        assert_eq!(Bad::snapshot(&copies[0]), before, "{bad:?}: nothing lost");
        assert!(
            warnings[0].contains(&*copies[0].to_string_lossy()),
            "{bad:?}: the warning names the copy: {warnings:?}"
        );
        at.run();
        assert!(at.warning().is_empty(), "{bad:?}: reported once");
        assert!(saved_text(&path).contains("visits"), "{bad:?}");
        assert_eq!(
            Bad::snapshot(&copies[0]),
            before,
            "{bad:?}: not overwritten"
        );
    }
}

// Issue 11, case 12
#[test]
fn a_second_bad_session_state_file_keeps_the_first_copy() {
    let path = state_file("second");
    std::fs::write(&path, "first bad {").unwrap();
    AppTest::with_persist_path(counter, path.clone()).run();
    brook::state::wait_for_saves();
    std::fs::write(&path, "second bad {").unwrap();
    AppTest::with_persist_path(counter, path.clone()).run();
    let copies = set_aside_copies(&path);
    assert_eq!(copies.len(), 2, "{copies:?}");
    let mut texts: Vec<String> = copies
        .iter()
        .map(|c| std::fs::read_to_string(c).unwrap())
        .collect();
    texts.sort();
    assert_eq!(texts, ["first bad {", "second bad {"]);
}

fn typed_visits(st: &St) {
    st.session_state().persist::<i64>("visits");
    st.session_state().persist::<String>("name");
    let name = st.text_input("Name").key("name").show();
    if st.button("Count").show() {
        st.session_state().set("visits", 5_i64);
    }
    let visits = st.session_state().get::<i64>("visits");
    st.text(format!("{visits:?} by {name:?}"));
}

// Issue 11, case 12
#[test]
fn a_saved_value_of_another_type_is_kept_in_the_file_until_the_key_is_set() {
    let path = state_file("type");
    std::fs::write(&path, "{\"visits\": \"\\\"many\\\"\"}").unwrap();
    let mut at = AppTest::with_persist_path(typed_visits, path.clone());
    at.run();
    assert_eq!(at.warning().len(), 1, "{:?}", at.warning());
    at.widget("name").input("Ada").run();
    assert!(at.warning().is_empty(), "reported once: {:?}", at.warning());
    let saved = saved_text(&path);
    assert!(saved.contains("Ada"), "{saved}");
    assert!(
        saved.contains("many"),
        "the value the warning says is kept is still there: {saved}"
    );
    at.widget("Count").click().run();
    let saved = saved_text(&path);
    assert!(
        !saved.contains("many") && saved.contains("\"5\""),
        "{saved}"
    );
}

/// A value whose `Serialize` panics.
#[derive(Clone, Debug, Deserialize)]
struct Bomb(i64);

impl Serialize for Bomb {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        panic!("the bomb cannot be written")
    }
}

fn with_bomb(st: &St) {
    st.session_state().persist::<Bomb>("bomb");
    st.session_state().persist::<i64>("runs");
    let runs = st.session_state().get_or_insert("runs", 0_i64) + 1;
    st.session_state().set("runs", runs);
    let bomb = st.session_state().get_or_insert("bomb", Bomb(runs));
    st.text(format!("run {runs}, bomb {}", bomb.0));
}

// Issue 11, case 11
#[test]
fn a_persisted_value_whose_serialize_panics_leaves_the_runner_alive_and_says_so() {
    let path = state_file("bomb");
    let mut at = AppTest::with_persist_path(with_bomb, path.clone());
    at.run().run();
    assert_eq!(at.text(), ["run 2, bomb 1"], "the runner is alive");
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let notices = notices_mentioning("session_state[\"bomb\"]");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("panicked"), "{notices:?}");
    let saved = saved_text(&path);
    assert!(saved.contains("runs"), "the other keys are saved: {saved}");
}

/// A value whose `Deserialize` panics.
#[derive(Clone, Debug, Serialize)]
struct Dud(i64);

impl<'de> Deserialize<'de> for Dud {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        panic!("the dud cannot be read")
    }
}

fn with_dud(st: &St) {
    st.session_state().persist::<Dud>("dud");
    let restored = st.session_state().contains("dud");
    st.text(format!("restored {restored}"));
}

// Issue 11, case 11 (sibling: the read side of the same guard)
#[test]
fn a_persisted_value_whose_deserialize_panics_is_not_restored_and_the_run_completes() {
    let path = state_file("dud");
    std::fs::write(&path, "{\"dud\": \"(1)\"}").unwrap();
    let mut at = AppTest::with_persist_path(with_dud, path.clone());
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["restored false"]);
    assert!(
        at.warning().iter().any(|w| w.contains("dud")),
        "{:?}",
        at.warning()
    );
}

/// A large value that counts how often it is serialized.
#[derive(Clone, Debug, Deserialize)]
struct Counted(Vec<u8>);

static COUNTED_WRITES: AtomicUsize = AtomicUsize::new(0);

impl Serialize for Counted {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        COUNTED_WRITES.fetch_add(1, SeqCst);
        self.0.serialize(serializer)
    }
}

fn with_counted(st: &St) {
    st.session_state().persist::<Counted>("big");
    if !st.session_state().contains("big") {
        st.session_state().set("big", Counted(vec![7; 1 << 20]));
    }
    if st.button("Replace").show() {
        st.session_state().set("big", Counted(vec![8; 1 << 20]));
    }
    let step = st.slider("Step", 0..=10_i64).show();
    st.text(format!("step {step}"));
}

// Issue 11, case 14
#[test]
fn a_persisted_value_that_did_not_change_is_not_serialized_again() {
    let path = state_file("counted");
    let mut at = AppTest::with_persist_path(with_counted, path.clone());
    at.run();
    assert_eq!(COUNTED_WRITES.load(SeqCst), 1);
    for step in 1..=5_i64 {
        at.widget("Step").set_value(step).run();
    }
    assert_eq!(
        COUNTED_WRITES.load(SeqCst),
        1,
        "five reruns that did not touch it serialize nothing"
    );
    at.widget("Replace").click().run();
    assert_eq!(COUNTED_WRITES.load(SeqCst), 2, "a new value is saved");
    assert!(saved_text(&path).contains("8"));
}

// Issue 11, cases 12 and 15
#[test]
fn a_session_state_save_that_fails_is_shown_to_the_person_once() {
    let dir = temp_dir("state-save-fails");
    let path = dir.join("sub").join("session_state.ron");
    let mut at = AppTest::with_persist_path(counter, path.clone());
    // The folder the file goes in cannot be made: a file has its name.
    std::fs::write(dir.join("sub"), "in the way").unwrap();
    at.run();
    at.widget("name").input("Ada").run();
    brook::state::wait_for_saves();
    let notices = notices_mentioning(&path.to_string_lossy());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("could not be saved"), "{notices:?}");
    assert_eq!(at.text(), ["visit 2 by \"Ada\""], "the app goes on");
    assert_eq!(
        std::fs::read_to_string(dir.join("sub")).unwrap(),
        "in the way"
    );
}

/// The user's record before a field was renamed.
mod v1 {
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, Serialize, Deserialize)]
    pub struct Delivery {
        pub item: String,
        pub quantity: u32,
    }
}

/// The same record after `quantity` was renamed `qty`.
mod v2 {
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, Serialize, Deserialize)]
    pub struct Delivery {
        pub item: String,
        pub qty: u32,
    }
}

fn inventory_v1(st: &St) {
    st.session_state().persist::<i64>("runs");
    st.session_state()
        .persist::<Vec<v1::Delivery>>("deliveries");
    let runs = st.session_state().get_or_insert("runs", 0_i64) + 1;
    st.session_state().set("runs", runs);
    let mut deliveries = st.session_state().get_or_insert("deliveries", Vec::new());
    if st.button("Add").show() {
        deliveries.push(v1::Delivery {
            item: "bolts".into(),
            quantity: 3,
        });
        st.session_state().set("deliveries", deliveries.clone());
    }
    st.text(format!("{} deliveries", deliveries.len()));
}

fn inventory_v2(st: &St) {
    st.session_state().persist::<i64>("runs");
    st.session_state()
        .persist::<Vec<v2::Delivery>>("deliveries");
    let runs = st.session_state().get_or_insert("runs", 0_i64) + 1;
    st.session_state().set("runs", runs);
    let mut deliveries = st.session_state().get_or_insert("deliveries", Vec::new());
    if st.button("Add").show() {
        deliveries.push(v2::Delivery {
            item: "nuts".into(),
            qty: 5,
        });
        st.session_state().set("deliveries", deliveries.clone());
    }
    st.text(format!("{} deliveries", deliveries.len()));
}

/// The same as [`inventory_v2`], but the key is set before it is declared
/// persisted: its saved text is never read by `persist`.
fn inventory_v2_set_first(st: &St) {
    let deliveries = st
        .session_state()
        .get_or_insert("deliveries", Vec::<v2::Delivery>::new());
    st.session_state()
        .persist::<Vec<v2::Delivery>>("deliveries");
    st.text(format!("{} deliveries", deliveries.len()));
}

/// Key to RON text, as the session-state file holds them.
fn saved_values(path: &Path) -> BTreeMap<String, String> {
    ron::from_str(&saved_text(path)).unwrap()
}

/// The copies of one key's saved text set aside beside `path`, sorted.
fn key_copies(path: &Path, key: &str) -> Vec<PathBuf> {
    let prefix = format!("{}.{key}.bad-", path.file_name().unwrap().to_string_lossy());
    let mut copies: Vec<PathBuf> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    copies.sort();
    copies
}

/// A session-state file whose `deliveries` is a `v1` list of one.
fn old_deliveries_file(path: &Path, item: &str) {
    let text = format!("[(item:{item:?},quantity:3)]");
    let file = BTreeMap::from([("deliveries".to_owned(), text)]);
    std::fs::write(path, ron::to_string(&file).unwrap()).unwrap();
}

// Issue 11, case 12
#[test]
fn a_saved_value_that_no_longer_loads_is_copied_aside_before_get_or_insert_replaces_it() {
    let path = state_file("renamed-field");
    let mut at = AppTest::with_persist_path(inventory_v1, path.clone());
    at.run();
    at.widget("Add").click().run();
    let old = saved_values(&path).remove("deliveries").unwrap();
    assert!(old.contains("quantity"), "{old}");
    drop(at);

    // The field is renamed and the app restarted.
    let mut at = AppTest::with_persist_path(inventory_v2, path.clone());
    at.run();
    assert_eq!(at.text(), ["0 deliveries"]);
    let copies = key_copies(&path, "deliveries");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        std::fs::read(&copies[0]).unwrap(),
        old.as_bytes(),
        "the copy holds the old text byte for byte"
    );
    let saved = saved_values(&path);
    assert_eq!(saved.get("deliveries").map(String::as_str), Some("[]"));
    assert_eq!(
        saved.get("runs").map(String::as_str),
        Some("3"),
        "restored and counted on"
    );
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(&*copies[0].to_string_lossy()),
        "names the copy: {warnings:?}"
    );
    assert!(
        warnings[0].contains("missing field") && warnings[0].contains("qty"),
        "says the deserializer's reason: {warnings:?}"
    );
    at.widget("Add").click().run();
    assert!(at.warning().is_empty(), "said once: {:?}", at.warning());
    assert_eq!(key_copies(&path, "deliveries"), copies, "copied once");
    assert!(saved_values(&path)["deliveries"].contains("nuts"));
}

// Issue 11, case 12
#[test]
fn a_second_restart_with_another_value_that_does_not_load_keeps_the_first_copy() {
    let path = state_file("renamed-twice");
    old_deliveries_file(&path, "first");
    AppTest::with_persist_path(inventory_v2, path.clone()).run();
    let first = key_copies(&path, "deliveries");
    assert_eq!(first.len(), 1, "{first:?}");
    let first_text = std::fs::read_to_string(&first[0]).unwrap();
    assert!(first_text.contains("first"), "{first_text}");

    brook::state::wait_for_saves();
    old_deliveries_file(&path, "second");
    let mut at = AppTest::with_persist_path(inventory_v2, path.clone());
    at.run();
    let copies = key_copies(&path, "deliveries");
    assert_eq!(copies.len(), 2, "{copies:?}");
    assert!(copies.contains(&first[0]), "{copies:?}");
    assert_eq!(std::fs::read_to_string(&first[0]).unwrap(), first_text);
    let second: Vec<String> = copies
        .iter()
        .filter(|c| **c != first[0])
        .map(|c| std::fs::read_to_string(c).unwrap())
        .collect();
    assert_eq!(second.len(), 1);
    assert!(second[0].contains("second"), "{second:?}");
}

// Issue 11, case 12
#[test]
fn a_saved_value_that_cannot_be_copied_aside_is_never_saved_over() {
    // A file name so long that `<name>.deliveries.bad-…` is longer than
    // any file system allows, while the file itself can still be written.
    let dir = temp_dir("state-copy-fails");
    let path = dir.join(format!("{}.ron", "s".repeat(236)));
    old_deliveries_file(&path, "precious");
    let old = saved_values(&path).remove("deliveries").unwrap();
    let mut at = AppTest::with_persist_path(inventory_v2, path.clone());
    at.run();
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("could not be copied") && warnings[0].contains("will not be saved"),
        "{warnings:?}"
    );
    at.widget("Add").click().run();
    assert_eq!(at.text(), ["1 deliveries"], "the app goes on");
    let saved = saved_values(&path);
    assert_eq!(
        saved.get("runs").map(String::as_str),
        Some("2"),
        "other keys are saved"
    );
    assert_eq!(
        saved.get("deliveries"),
        Some(&old),
        "the value that could not be copied is untouched"
    );
    assert_eq!(
        names_in(&dir).len(),
        1,
        "no copy and no temporary file: {:?}",
        names_in(&dir)
    );
}

// Issue 11, case 12 (sibling: a key set before it is declared persisted is
// saved over without `persist` ever reading the saved text)
#[test]
fn a_saved_value_set_before_persist_is_declared_is_copied_aside_before_it_is_replaced() {
    let path = state_file("set-first");
    old_deliveries_file(&path, "early");
    let old = saved_values(&path).remove("deliveries").unwrap();
    let mut at = AppTest::with_persist_path(inventory_v2_set_first, path.clone());
    at.run();
    let copies = key_copies(&path, "deliveries");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), old.as_bytes());
    assert_eq!(saved_values(&path)["deliveries"], "[]");
    let notices = notices_mentioning(&copies[0].to_string_lossy());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("qty"), "{notices:?}");
}
