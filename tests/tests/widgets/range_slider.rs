//! `range_slider`: two numbers, the ends of a range (Streamlit's slider
//! with a tuple value), low first.

use brook::prelude::*;

use super::run;

fn price(st: &St) {
    let (low, high) = st
        .range_slider("Price", 0..=500)
        .default((50, 200))
        .step(10)
        .key("price")
        .show();
    st.text(format!("{low}..{high}"));
}

#[test]
fn defaults_to_the_whole_range_or_the_default_given() {
    let at = run(|st| {
        let whole = st.range_slider("Whole", 1..=9).show();
        let (low, high) = st
            .range_slider("Part", 0.0..=1.0)
            .default((0.2, 0.6))
            .show();
        st.text(format!("{whole:?} {low} {high}"));
    });
    assert_eq!(at.text(), ["(1, 9) 0.2 0.6"]);
    assert_eq!(at.widgets_of("range_slider").len(), 2);
}

#[test]
fn a_default_is_put_in_order_and_clamped_into_the_range() {
    let at = run(|st| {
        let ends = st.range_slider("Days", 1..=30).default((45, 10)).show();
        st.text(format!("{ends:?}"));
    });
    assert_eq!(at.text(), ["(10, 30)"]);
}

#[test]
fn the_person_sets_both_ends_and_the_key_holds_them() {
    let mut at = run(price);
    assert_eq!(at.text(), ["50..200"]);
    at.widget("price").set_value((120, 380)).run();
    assert_eq!(at.text(), ["120..380"]);
    assert_eq!(at.widget("price").value::<(i32, i32)>(), (120, 380));
    assert_eq!(
        at.session_state().get::<(i32, i32)>("price"),
        Some((120, 380))
    );
}

#[test]
fn ends_from_the_window_are_ordered_and_clamped() {
    let mut at = run(price);
    at.widget("price").set_value((700, -5)).run();
    assert_eq!(at.text(), ["0..500"]);
    at.widget("price").set_value((300, 100)).run();
    assert_eq!(at.text(), ["100..300"]);
}

#[test]
fn session_state_sets_it_before_the_widget_is_drawn() {
    let mut at = brook::testing::AppTest::new(price);
    at.session_state().set("price", (200_i32, 250_i32)).unwrap();
    at.run();
    assert_eq!(at.text(), ["200..250"]);
}

#[test]
fn a_keyed_range_slider_keeps_its_ends_when_its_label_changes() {
    let mut at = run(|st| {
        let label = if st.session_state().contains("renamed") {
            "Budget"
        } else {
            "Price"
        };
        let (low, high) = st.range_slider(label, 0..=100).key("budget").show();
        st.text(format!("{low}..{high}"));
    });
    at.widget("budget").set_value((20, 40)).run();
    at.session_state().set("renamed", true).unwrap();
    at.run();
    assert_eq!(at.text(), ["20..40"]);
}

/// The range slider "Price" (0 to 500, ends 50 and 200, step 10) dragged
/// from `press` to `release` (values on its rail).
fn drag_on_the_rail(press: f64, release: f64) -> Option<brook::element::Value> {
    super::drag_two_thumb_rail(&run(price), "Price", 500.0, press, release)
}

#[test]
fn a_drag_moves_the_thumb_it_starts_on_and_no_other() {
    use brook::element::Value;
    // The upper thumb (at 200) to 400: the lower end stays.
    assert_eq!(
        drag_on_the_rail(200.0, 400.0),
        Some(Value::Range([50.0, 400.0]))
    );
    // The lower thumb (at 50) to 120.
    assert_eq!(
        drag_on_the_rail(50.0, 120.0),
        Some(Value::Range([120.0, 200.0]))
    );
    // A thumb stops at the other one.
    assert_eq!(
        drag_on_the_rail(50.0, 450.0),
        Some(Value::Range([200.0, 200.0]))
    );
    // A press on the rail takes the nearer thumb.
    assert_eq!(
        drag_on_the_rail(480.0, 480.0),
        Some(Value::Range([50.0, 480.0]))
    );
}
