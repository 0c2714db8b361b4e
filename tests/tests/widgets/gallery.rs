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
        .find(|(t, _)| *t == title)
        .map(|(_, script)| *script)
        .unwrap_or_else(|| panic!("no gallery page {title}"))
}

/// The gallery itself, showing `title`.
fn gallery_at(title: &'static str) -> AppTest {
    let mut at =
        AppTest::new(brook::gallery::gallery).with_timeout(std::time::Duration::from_secs(20));
    at.session_state().set("page", title).unwrap();
    at.run();
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
