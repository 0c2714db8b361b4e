//! The pictures of the widget reference (docs/widgets.md): each element
//! that shows something but takes no input, alone on a small page, light
//! theme. One image per element: `reference/<element>.png`. (The inputs'
//! pictures are those of `widgets`.)

use brook::prelude::*;
use brook::testing::{AppTest, Theme};
use brook_tests::snapshot::options;

use super::{assert_no_errors, check};

/// One element's script: its picture's name, the page's height in points,
/// and what it draws.
type Case = (&'static str, f32, fn(&St));

/// A small table for the data elements and charts.
#[derive(brook::serde::Serialize)]
#[serde(crate = "brook::serde")]
struct Sales {
    month: &'static str,
    north: f64,
    south: f64,
}

fn sales() -> Vec<Sales> {
    [
        ("Jan", 12.0, 8.0),
        ("Feb", 15.0, 9.5),
        ("Mar", 11.0, 12.0),
        ("Apr", 17.5, 13.0),
    ]
    .into_iter()
    .map(|(month, north, south)| Sales {
        month,
        north,
        south,
    })
    .collect()
}

const CASES: &[Case] = &[
    ("title", 90.0, |st| st.title("Sales report")),
    ("header", 110.0, |st| {
        st.header("By region");
        st.subheader("North");
    }),
    ("caption", 60.0, |st| st.caption("Updated every hour")),
    ("text", 80.0, |st| {
        st.text("1,204 rows");
        st.write(42.5);
    }),
    ("markdown", 120.0, |st| {
        st.markdown("**Bold**, *italic*, `code` and a [link](https://example.com)\n\n- one\n- two");
    }),
    ("code", 100.0, |st| {
        st.code("let total = rows.len();", Some("rust"))
    }),
    ("divider", 90.0, |st| {
        st.text("Above");
        st.divider();
        st.text("Below");
    }),
    ("alerts", 240.0, |st| {
        st.info("The data is from yesterday.");
        st.success("Saved.");
        st.warning("Two rows were skipped.");
        st.error("The file could not be read.");
    }),
    ("progress_bar", 70.0, |st| {
        st.progress_bar(0.4, Some("Loading 4 of 10"))
    }),
    ("status", 150.0, |st| {
        let status = st.status("Importing", StatusState::Complete);
        status.text("Read 1,204 rows");
    }),
    ("metric", 110.0, |st| {
        st.metric("Revenue", "$12.4k", Some("+4.2%"))
    }),
    ("json", 240.0, |st| {
        st.json(&serde_json_value());
    }),
    ("table", 190.0, |st| {
        st.table(&sales()).show();
    }),
    ("dataframe", 200.0, |st| {
        st.dataframe(&sales()).show();
    }),
    ("line_chart", 300.0, |st| {
        st.line_chart(&sales())
            .x("month")
            .y(["north", "south"])
            .show();
    }),
    ("bar_chart", 300.0, |st| {
        st.bar_chart(&sales()).x("month").y(["north"]).show();
    }),
    ("scatter_chart", 300.0, |st| {
        st.scatter_chart(&sales()).x("north").y(["south"]).show();
    }),
    ("link_button", 70.0, |st| {
        st.link_button("Open the docs", "https://example.com")
    }),
    ("columns", 110.0, |st| {
        let cols = st.columns(2);
        cols[0].metric("North", 12, None);
        cols[1].metric("South", 8, None);
    }),
    ("tabs", 110.0, |st| {
        let tabs = st.tabs(["Chart", "Data"]);
        tabs[0].text("The chart goes here");
        tabs[1].text("The data goes here");
    }),
    ("expander", 120.0, |st| {
        st.expander("Details (closed)").text("Hidden");
        st.expander_open("Details (open)").text("Shown");
    }),
    ("bordered", 90.0, |st| st.bordered().text("Inside a border")),
    ("sidebar", 160.0, |st| {
        st.sidebar().text("In the sidebar");
        st.text("In the main body");
    }),
];

/// A nested value for `st.json`.
fn serde_json_value() -> std::collections::BTreeMap<&'static str, Vec<u32>> {
    [("north", vec![12, 15]), ("south", vec![8, 9])]
        .into_iter()
        .collect()
}

#[test]
fn element_reference_pictures() {
    let mut errors = Vec::new();
    for &(name, height, draw) in CASES {
        let mut at = AppTest::new(draw);
        at.run();
        assert!(at.exception().is_empty(), "{name}: {:?}", at.exception());
        let options = options(Theme::Light).size(420.0, height);
        check(&mut errors, &at, &format!("reference/{name}"), &options);
    }
    assert_no_errors(&errors);
}
