//! Fragments (SPEC 3.8, issue "pre-release features"): a widget inside a
//! fragment reruns only the fragment; `run_every` with a controllable clock;
//! the experimental lifecycle's deprecation notice. Needs the feature:
//! `cargo test -p brook-tests --features experimental --test fragments`.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::time::Duration;

use brook::element::{ContainerKind, Element};
use brook::experimental::FragmentExt;
use brook::prelude::*;
use brook::testing::AppTest;

fn bump(st: &St, key: &str) -> i64 {
    st.session_state().update(key, |n: &mut i64| {
        *n += 1;
        *n
    })
}

/// The page: a counter and a slider outside, a fragment with its own slider.
fn page(st: &St) {
    st.session_state().get_or_insert("outside", 0_i64);
    st.session_state().get_or_insert("inside", 0_i64);
    let outside = bump(st, "outside");
    st.text(format!("outside ran {outside} times"));
    let outer = st.slider("Outer", 0..=10).key("outer").show();
    st.text(format!("outer = {outer}"));
    st.fragment("part", |st| {
        let inside = bump(st, "inside");
        let inner = st.slider("Inner", 0..=10).key("inner").show();
        st.text(format!("inner = {inner} (fragment ran {inside} times)"));
    });
    st.text("after the fragment");
}

#[test]
fn b147_a_widget_in_a_fragment_reruns_only_the_fragment() {
    let mut at = AppTest::new(page);
    at.run();
    at.widget("outer").set_value(4).run();
    assert_eq!(at.session_state().get::<i64>("outside"), Some(2));
    assert_eq!(at.session_state().get::<i64>("inside"), Some(2));

    at.widget("inner").set_value(7).run();
    assert_eq!(
        at.session_state().get::<i64>("outside"),
        Some(2),
        "code outside the fragment did not run"
    );
    assert_eq!(at.session_state().get::<i64>("inside"), Some(3));
    assert_eq!(
        at.text(),
        [
            "outside ran 2 times",
            "outer = 4",
            "inner = 7 (fragment ran 3 times)",
            "after the fragment",
        ],
        "the rest of the tree stays as it was, the fragment is redrawn in place"
    );
    // Widget state outside is untouched (B127), and inside it is kept.
    assert_eq!(at.widget("outer").value::<i32>(), 4);
    at.widget("outer").set_value(5).run();
    assert_eq!(
        at.session_state().get::<i64>("outside"),
        Some(3),
        "a full rerun runs both"
    );
    assert_eq!(at.session_state().get::<i64>("inside"), Some(4));
    assert_eq!(at.widget("inner").value::<i32>(), 7);
}

#[test]
fn b148_the_fragment_container_holds_its_elements() {
    let mut at = AppTest::new(page);
    at.run();
    at.widget("inner").set_value(2).run();
    let tree = at.tree();
    let fragment = tree
        .main
        .iter()
        .find(|n| matches!(&n.element, Element::Container { kind: ContainerKind::Fragment { name }, .. } if name == "part"))
        .unwrap();
    assert_eq!(
        fragment.element.children().len(),
        2,
        "a slider and a text, not accumulated"
    );
}

#[test]
fn b127_widgets_of_the_fragment_not_drawn_again_are_forgotten_but_outside_ones_stay() {
    let mut at = AppTest::new(|st| {
        let _ = st.checkbox("Outside").key("out").show();
        st.fragment("f", |st| {
            let show = st.toggle("Show extra").key("show").default(true).show();
            if show {
                let _ = st.text_input("Extra").key("extra").show();
            }
        });
    });
    at.run();
    at.widget("out").check().run();
    at.widget("extra").input("kept?").run();
    assert_eq!(
        at.session_state().get::<String>("extra").as_deref(),
        Some("kept?")
    );
    at.widget("show").set_value(false).run();
    assert!(
        !at.session_state().contains("extra"),
        "the fragment's hidden widget is cleaned up"
    );
    assert_eq!(
        at.session_state().get::<bool>("out"),
        Some(true),
        "the outside widget is not"
    );
}

#[test]
fn b144_st_rerun_inside_a_fragment_reruns_the_whole_app() {
    let mut at = AppTest::new(|st| {
        st.session_state().get_or_insert("outside", 0_i64);
        bump(st, "outside");
        st.fragment("f", |st| {
            if st.button("Everything").show() {
                st.rerun();
            }
        });
    });
    at.run();
    at.widget("Everything").click().run();
    // The click's fragment run, then the full rerun it asked for.
    assert_eq!(at.session_state().get::<i64>("outside"), Some(2));
}

#[test]
fn b145_rerun_fragment_is_only_for_fragment_reruns() {
    let mut at = AppTest::new(|st| {
        st.session_state().get_or_insert("outside", 0_i64);
        st.session_state().get_or_insert("inside", 0_i64);
        bump(st, "outside");
        st.fragment("f", |st| {
            let inside = bump(st, "inside");
            if st.button("Again").show() || (inside > 2 && inside < 4) {
                st.rerun_fragment();
            }
        });
    });
    at.run();
    at.widget("Again").click().run();
    // Fragment run 2 asked again, run 3 asked again (inside == 3), run 4 stopped.
    assert_eq!(at.session_state().get::<i64>("inside"), Some(4));
    assert_eq!(at.session_state().get::<i64>("outside"), Some(1));

    let mut at = AppTest::new(|st| {
        st.fragment("f", |st| st.rerun_fragment());
    });
    at.run();
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1);
    assert!(
        exceptions[0].contains("during a fragment rerun"),
        "{exceptions:?}"
    );
}

#[test]
fn b151_a_fragment_cannot_write_to_the_sidebar() {
    let mut at = AppTest::new(|st| {
        st.fragment("f", |st| st.sidebar().text("no"));
    });
    at.run();
    assert!(
        at.exception()[0].contains("cannot write to the sidebar"),
        "{:?}",
        at.exception()
    );
}

#[test]
fn b152_run_every_reruns_the_fragment_on_the_session_clock() {
    let mut at = AppTest::new(|st| {
        st.session_state().get_or_insert("outside", 0_i64);
        st.session_state().get_or_insert("ticks", 0_i64);
        bump(st, "outside");
        st.fragment_every("clock", Duration::from_secs(1), |st| {
            let ticks = bump(st, "ticks");
            st.text(format!("tick {ticks}"));
        });
    });
    at.run();
    assert_eq!(at.text(), ["tick 1"]);
    at.advance_time(Duration::from_millis(500));
    assert_eq!(
        at.session_state().get::<i64>("ticks"),
        Some(1),
        "not due yet"
    );
    at.advance_time(Duration::from_millis(600));
    assert_eq!(at.session_state().get::<i64>("ticks"), Some(2));
    assert_eq!(at.text(), ["tick 2"]);
    at.advance_time(Duration::from_secs(1));
    assert_eq!(at.session_state().get::<i64>("ticks"), Some(3));
    assert_eq!(
        at.session_state().get::<i64>("outside"),
        Some(1),
        "timer reruns are fragment reruns"
    );
}

#[test]
fn a_panic_in_a_fragment_rerun_shows_inside_it_and_the_app_lives() {
    let mut at = AppTest::new(|st| {
        st.text("top");
        st.fragment("f", |st| {
            if st.button("Boom").show() {
                panic!("fragment boom");
            }
        });
    });
    at.run();
    at.widget("Boom").click().run();
    assert_eq!(at.exception(), ["fragment boom"]);
    assert_eq!(at.text(), ["top"]);
    at.run();
    assert!(at.exception().is_empty());
}

#[test]
fn b167_an_old_experimental_name_warns_once_per_session_and_names_the_new_one() {
    let mut at = AppTest::new(|st| {
        let n = bump_or_start(st);
        if n == 1 || n == 3 {
            #[allow(deprecated, reason = "the test calls the old name on purpose")]
            st.experimental_rerun();
        }
    });
    at.run();
    // Run 1 called the old name and reran; run 2 shows the notice.
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("`st.rerun()`"), "{warnings:?}");
    at.run(); // run 3 calls it again, run 4: no second notice
    assert!(at.warning().is_empty());
}

fn bump_or_start(st: &St) -> i64 {
    st.session_state().get_or_insert("n", 0_i64);
    bump(st, "n")
}

// Issue 11, case 6 (sibling: a fragment rerun that panics keeps the
// fragment's widgets it did not reach)
#[test]
fn a_fragment_rerun_that_panics_keeps_the_fragments_widgets_it_did_not_reach() {
    let mut at = AppTest::new(|st: &St| {
        st.fragment("part", |st| {
            let go = st.checkbox("Explode").key("explode").show();
            if go {
                panic!("boom in the fragment");
            }
            let n = st.slider("N", 0..=10).key("n").show();
            st.text(format!("n = {n}"));
        });
    });
    at.run();
    at.widget("n").set_value(6).run();
    assert_eq!(at.text(), ["n = 6"]);
    // The checkbox is in the fragment: only the fragment reruns, and panics.
    at.widget("explode").check().run();
    assert_eq!(at.exception(), ["boom in the fragment"]);
    at.widget("explode").uncheck().run();
    assert_eq!(at.text(), ["n = 6"]);
    assert_eq!(at.session_state().get::<i32>("n"), Some(6));
}
