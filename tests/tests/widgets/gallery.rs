//! The gallery pages of issue 3 run clean, respond to their widgets, and
//! draw the same tree every time (so they can be snapshot-tested).

use brook::element::{AlertLevel, ContainerKind, Element};
use brook::gallery::PAGES;
use brook::testing::AppTest;

use super::inside;

const NEW_PAGES: [&str; 5] = ["Data", "Charts", "Inputs", "Layout", "Feedback"];

fn page(title: &str) -> fn(&brook::St) {
    PAGES
        .iter()
        .find(|(t, _, _)| *t == title)
        .map(|(_, _, script)| *script)
        .unwrap_or_else(|| panic!("no gallery page {title}"))
}

/// The gallery itself, showing `title`.
fn gallery_at(title: &'static str) -> AppTest {
    let mut at =
        AppTest::new(brook::gallery::gallery).with_timeout(std::time::Duration::from_secs(20));
    at.run();
    at.switch_page(title).run();
    at
}

#[test]
fn every_new_page_is_in_the_menu_and_runs_clean() {
    for title in NEW_PAGES {
        let at = gallery_at(title);
        let exceptions = at.exception();
        if title == "Feedback" {
            // The page shows an `st.exception` box on purpose.
            assert_eq!(exceptions.len(), 1, "{exceptions:?}");
            assert!(exceptions[0].contains("invalid digit"), "{exceptions:?}");
        } else {
            assert!(exceptions.is_empty(), "{title}: {exceptions:?}");
        }
        assert_eq!(at.title(), [title, "brook gallery"], "{title}");
    }
}

#[test]
fn every_new_page_draws_the_same_tree_each_time() {
    for title in NEW_PAGES {
        // As RON: the tree without the run numbers of its nodes.
        let mut at = gallery_at(title);
        let first = at.tree().to_ron();
        at.run();
        assert!(
            first == at.tree().to_ron(),
            "{title}: a rerun changed the page"
        );
        assert!(
            first == gallery_at(title).tree().to_ron(),
            "{title}: a new session drew another page"
        );
    }
    // The pages are plain scripts too.
    let mut at = AppTest::new(page("Layout"));
    at.run();
    assert_eq!(at.title(), ["Layout"]);
}

#[test]
fn data_page_shows_a_hundred_thousand_rows() {
    let at = gallery_at("Data");
    let tables = at.tables();
    assert_eq!(tables[0].len(), 100_000);
    assert_eq!(
        tables[0].column_names().collect::<Vec<_>>(),
        ["id", "sensor", "reading", "ok"]
    );
    assert_eq!(tables[1].len(), 4);
    assert_eq!(at.metrics().len(), 4);
    let images = at
        .elements()
        .into_iter()
        .filter(|e| matches!(e, Element::Image { bytes: Some(_), .. }))
        .count();
    assert_eq!(images, 1);
}

#[test]
fn charts_page_shows_all_four_kinds_and_follows_its_controls() {
    let mut at = gallery_at("Charts");
    let charts = at.charts();
    assert_eq!(charts.len(), 5);
    assert_eq!(charts[0].1.len(), 120);
    at.widget("charts.points").set_value(50).run();
    at.widget("charts.frequency").set_value("5").run();
    assert_eq!(at.charts()[0].1.len(), 50);
    assert!(at.exception().is_empty(), "{:?}", at.exception());
}

#[test]
fn inputs_page_answers_every_widget() {
    let mut at = gallery_at("Inputs");
    at.widget("inputs.button").click().run();
    assert!(
        at.markdown().iter().any(|m| m == "Clicked 1 times."),
        "{:?}",
        at.markdown()
    );
    at.widget("inputs.select_slider").set_value("XL").run();
    at.widget("inputs.color").pick("#ff0000").run();
    at.widget("inputs.slider").set_value(7).run();
    at.widget("inputs.text").input("Ada").run();
    let captions = at.caption().join("\n");
    assert!(
        captions.contains("select slider: Some(\"XL\")"),
        "{captions}"
    );
    assert!(captions.contains("colour: #ff0000"), "{captions}");
    at.widget("inputs.file")
        .upload("notes.md", b"# hi".to_vec())
        .run();
    assert!(at.caption().iter().any(|c| c == "notes.md: 4 bytes"));
    at.widget("inputs.file")
        .upload("photo.png", b"x".to_vec())
        .run();
    assert_eq!(at.alerts(AlertLevel::Error).len(), 1);
    let (name, bytes) = at.widget("inputs.download").download();
    assert_eq!(name, "report.csv");
    assert_eq!(&*bytes, b"name,colour,level\nAda,#ff0000,7\n");
    at.widget("inputs.download").click().run();
    assert_eq!(at.toasts().len(), 1);
    assert!(at.exception().is_empty(), "{:?}", at.exception());
}

#[test]
fn layout_page_opens_and_closes_its_dialog() {
    let mut at = gallery_at("Layout");
    let dialogs = |at: &AppTest| inside(at, |k| matches!(k, ContainerKind::Dialog { .. })).len();
    assert_eq!(dialogs(&at), 0);
    at.widget("layout.open_dialog").click().run();
    assert_eq!(dialogs(&at), 1);
    at.widget("layout.new_name").input("summary").run();
    at.widget("layout.close_dialog").click().run();
    assert_eq!(dialogs(&at), 0);
    assert!(at.caption().iter().any(|c| c == "Renamed to summary."));
    // The placeholder shows its last write only.
    assert!(at.text().iter().any(|t| t.starts_with("…each write")));
    assert!(!at.text().iter().any(|t| t.starts_with("A placeholder")));
    assert!(at.exception().is_empty(), "{:?}", at.exception());
}

#[test]
fn feedback_page_shows_its_toast_on_click() {
    let mut at = gallery_at("Feedback");
    assert!(at.toasts().is_empty());
    at.widget("feedback.toast").click().run();
    assert_eq!(at.toasts().len(), 1);
    // The deliberate exception box shows the parse error.
    assert_eq!(at.exception().len(), 1, "{:?}", at.exception());
}

// Issue 13, Deliver 1: every widget kind of the Inputs page is found by
// its accessible label (the label drawn above or beside it), with its role,
// and reads its value, as a screen reader would.
#[test]
fn every_input_of_the_inputs_page_has_its_label_role_and_value_for_screen_readers() {
    use brook::widgets::snapshot::page_harness;
    use egui::Role;
    use egui::accesskit::Toggled;
    use egui_kittest::kittest::{NodeT as _, Queryable as _};

    let at = gallery_at("Inputs");
    let mut harness = page_harness(
        at.tree(),
        &brook::testing::SnapshotOptions::new().size(1000.0, 4000.0),
    );
    harness.run();
    let node = |role: Role, label: &str| {
        let _ = harness.get_by_role_and_label(role, label);
    };
    let text = |role: Role, label: &str| {
        harness
            .get_by_role_and_label(role, label)
            .value()
            .unwrap_or_default()
    };
    let toggled = |role: Role, label: &str| {
        harness
            .get_by_role_and_label(role, label)
            .accesskit_node()
            .toggled()
    };
    let number = |role: Role, label: &str| {
        harness
            .get_by_role_and_label(role, label)
            .accesskit_node()
            .numeric_value()
    };

    node(Role::Button, "Click me");
    assert_eq!(toggled(Role::CheckBox, "Checkbox"), Some(Toggled::False));
    assert_eq!(toggled(Role::Switch, "Toggle"), Some(Toggled::True));
    assert_eq!(text(Role::ComboBox, "Selectbox"), "Medium");
    assert_eq!(text(Role::RadioGroup, "Radio"), "Vanilla");
    assert_eq!(text(Role::ComboBox, "Multiselect"), "Cream");
    assert_eq!(number(Role::Slider, "Slider"), Some(40.0));
    assert_eq!(number(Role::Slider, "Float slider"), Some(0.25));
    assert_eq!(number(Role::SpinButton, "Number input"), Some(3.0));
    assert_eq!(text(Role::Slider, "Select slider"), "M");
    assert_eq!(text(Role::Slider, "Range slider"), "50 – 200");
    assert_eq!(text(Role::Slider, "Select range slider"), "S – L");
    assert_eq!(text(Role::TextInput, "Text input"), "");
    assert_eq!(text(Role::MultilineTextInput, "Text area"), "");
    assert_eq!(text(Role::ColorWell, "Colour picker"), "#1e88e5ff");
    assert_eq!(text(Role::Button, "File uploader"), "");
    // Labelled as the script says (no "Download: " prefix).
    node(Role::Button, "Download button");

    // The switch works from its node: a click turns it off.
    harness
        .get_by_role_and_label(Role::Switch, "Toggle")
        .click();
    harness.run();
    assert_eq!(sent_values(&harness), [brook::element::Value::Bool(false)]);
}

/// The values the window sent for the widgets of a page harness, in order.
fn sent_values(
    harness: &egui_kittest::Harness<'_, brook::widgets::snapshot::PageState>,
) -> Vec<brook::element::Value> {
    harness
        .state()
        .events
        .iter()
        .filter_map(|event| match event {
            brook::Event::WidgetChanged { value, .. } => Some(value.clone()),
            _ => None,
        })
        .collect()
}

// Issue 13, Deliver 3: several picks without opening the list again.
#[test]
fn a_multiselect_list_stays_open_for_several_picks() {
    use brook::element::Value;
    use brook::prelude::*;
    use brook::widgets::snapshot::page_harness;
    use egui_kittest::kittest::Queryable as _;

    let mut at = AppTest::new(|st| {
        let _ = st
            .multiselect("Toppings", ["Nuts", "Sprinkles", "Cream"])
            .show();
    });
    at.run();
    let mut harness = page_harness(
        at.tree(),
        &brook::testing::SnapshotOptions::new().size(600.0, 400.0),
    );
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::ComboBox, "Toppings")
        .click();
    harness.run();
    harness.get_by_label("Nuts").click();
    harness.run();
    assert!(
        egui::Popup::is_any_open(&harness.ctx),
        "closed after a pick"
    );
    harness.get_by_label("Cream").click();
    harness.run();
    assert!(
        egui::Popup::is_any_open(&harness.ctx),
        "closed after a pick"
    );
    // (The harness has no runner: the second pick is sent as taken from
    // the tree, which has not seen the first.)
    let sent = sent_values(&harness);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0], Value::Indices(vec![0]));
    assert!(
        matches!(&sent[1], Value::Indices(picked) if picked.contains(&2)),
        "{sent:?}"
    );
}

// Issue 13, Deliver 3: a popover is a panel to work in, not a one-click menu.
#[test]
fn a_popover_stays_open_while_its_widgets_are_used() {
    use brook::element::Value;
    use brook::prelude::*;
    use brook::widgets::snapshot::page_harness;
    use egui_kittest::kittest::Queryable as _;

    let mut at = AppTest::new(|st| {
        let popover = st.popover("Filters");
        let _ = popover.checkbox("Open tickets").show();
        let _ = popover.checkbox("Mine only").show();
    });
    at.run();
    let mut harness = page_harness(
        at.tree(),
        &brook::testing::SnapshotOptions::new().size(600.0, 400.0),
    );
    harness.run();
    harness.get_by_label("Filters").click();
    harness.run();
    harness.get_by_label("Open tickets").click();
    harness.run();
    assert!(
        egui::Popup::is_any_open(&harness.ctx),
        "closed after a click"
    );
    harness.get_by_label("Mine only").click();
    harness.run();
    assert!(
        egui::Popup::is_any_open(&harness.ctx),
        "closed after a click"
    );
    assert_eq!(
        sent_values(&harness),
        [Value::Bool(true), Value::Bool(true)]
    );
    // A click outside closes it.
    harness.drag_at(egui::pos2(500.0, 380.0));
    harness.run();
    harness.drop_at(egui::pos2(500.0, 380.0));
    harness.run();
    assert!(!egui::Popup::is_any_open(&harness.ctx));
}
