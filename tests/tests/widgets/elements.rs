//! Display elements: tables, charts, metrics, JSON, images, progress,
//! toasts, status blocks and link buttons.

use brook::element::{ChartKind, ContainerKind, DeltaColor, Element, StatusState};
use brook::prelude::*;
use serde::Serialize;

use super::{inside, run};

#[derive(Serialize)]
struct Order {
    zone: &'static str,
    amount: u32,
    tags: Vec<&'static str>,
}

fn orders() -> Vec<Order> {
    vec![
        Order {
            zone: "north",
            amount: 30,
            tags: vec!["new"],
        },
        Order {
            zone: "south",
            amount: 12,
            tags: vec![],
        },
    ]
}

/// The cells of a table as text, row by row.
fn cells(table: &Table) -> Vec<Vec<String>> {
    let columns: Vec<Vec<String>> = table
        .batch()
        .columns()
        .iter()
        .map(|array| brook::data::column_text(array.as_ref(), None))
        .collect();
    (0..table.len())
        .map(|row| columns.iter().map(|column| column[row].clone()).collect())
        .collect()
}

#[test]
fn dataframe_is_interactive_and_table_is_static() {
    let at = run(|st| {
        st.dataframe(&orders()).show();
        st.table(&orders()).show();
    });
    let flags: Vec<bool> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Table { interactive, .. } => Some(interactive),
            _ => None,
        })
        .collect();
    assert_eq!(flags, [true, false]);
    let tables = at.tables();
    assert_eq!(tables[0], tables[1]);
    assert_eq!(tables[0].len(), 2);
}

#[test]
fn nested_values_are_shown_as_lists() {
    let at = run(|st| st.dataframe(&orders()).show());
    let table = &at.tables()[0];
    assert_eq!(table.cell_text(0, "tags"), "[new]");
    assert_eq!(table.cell_text(1, "tags"), "[]");
}

/// Each field a column, in the struct's order (issue 3: "each field a
/// column"; `Table::from_rows` says "in first-seen order"). Fails while
/// serde_json is built without `preserve_order`: its maps sort keys, so
/// `zone, amount, tags` come out as `amount, tags, zone`.
#[test]
fn table_columns_follow_the_struct_field_order() {
    let at = run(|st| st.dataframe(&orders()).show());
    let table = &at.tables()[0];
    assert_eq!(
        table.column_names().collect::<Vec<_>>(),
        ["zone", "amount", "tags"]
    );
    assert_eq!(cells(table)[0], ["north", "30", "[new]"]);
}

#[test]
fn rows_that_cannot_be_a_table_are_an_exception() {
    let at = run(|st| {
        let rows: Vec<std::collections::HashMap<(u8, u8), u8>> =
            vec![std::collections::HashMap::from([((1, 2), 3)])];
        st.dataframe(&rows).show();
        st.text("after");
    });
    assert!(at.tables().is_empty());
    assert_eq!(at.exception().len(), 1, "{:?}", at.exception());
    assert_eq!(at.text(), ["after"], "the run goes on");
}

#[test]
fn plain_values_become_one_value_column() {
    let at = run(|st| st.table(&[3, 1, 2]).show());
    let table = &at.tables()[0];
    assert_eq!(table.column_names().collect::<Vec<_>>(), ["value"]);
    assert_eq!(cells(table), [["3"], ["1"], ["2"]]);
}

#[test]
fn a_csv_table_is_shown_as_is() {
    let at = run(|st| {
        let table = Table::from_csv("b,a\n2,x\n1,y\n").unwrap();
        st.dataframe(table.sort_by("b", false).unwrap()).show();
    });
    let table = &at.tables()[0];
    assert_eq!(table.column_names().collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(cells(table), [["1", "y"], ["2", "x"]]);
}

#[derive(Serialize)]
struct Point {
    day: u32,
    visits: f64,
    signups: f64,
    note: &'static str,
}

fn points() -> Vec<Point> {
    (1..=3)
        .map(|day| Point {
            day,
            visits: f64::from(day) * 10.0,
            signups: f64::from(day),
            note: "ok",
        })
        .collect()
}

#[test]
fn the_four_chart_kinds_take_x_and_y_columns() {
    let at = run(|st| {
        st.line_chart(&points()).x("day").y(["visits"]).show();
        st.bar_chart(&points())
            .x("day")
            .y(["visits", "signups"])
            .show();
        st.area_chart(&points()).y(["signups"]).show();
        st.scatter_chart(&points())
            .x("visits")
            .y(["signups"])
            .show();
    });
    let charts = at.charts();
    let summary: Vec<(ChartKind, Option<String>, Vec<String>)> = charts
        .iter()
        .map(|(kind, _, x, y)| (*kind, x.clone(), y.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (ChartKind::Line, Some("day".into()), vec!["visits".into()]),
            (
                ChartKind::Bar,
                Some("day".into()),
                vec!["visits".into(), "signups".into()]
            ),
            (ChartKind::Area, None, vec!["signups".into()]),
            (
                ChartKind::Scatter,
                Some("visits".into()),
                vec!["signups".into()]
            ),
        ]
    );
    assert_eq!(charts[0].1.len(), 3);
}

#[test]
fn a_chart_without_y_shows_every_numeric_column_but_x() {
    let at = run(|st| st.line_chart(&points()).x("day").show());
    let mut y = at.charts().remove(0).3;
    y.sort();
    assert_eq!(y, ["signups", "visits"], "not `note` (text), not `day` (x)");
}

#[test]
fn a_chart_of_a_table() {
    let at = run(|st| {
        let table = Table::from_csv("t,v\n1,5\n2,7\n").unwrap();
        st.chart(ChartKind::Area, &table).x("t").show();
    });
    let (kind, table, x, y) = at.charts().remove(0);
    assert_eq!(kind, ChartKind::Area);
    assert_eq!(table.column_names().collect::<Vec<_>>(), ["t", "v"]);
    assert_eq!((x.as_deref(), y), (Some("t"), vec!["v".to_owned()]));
}

#[test]
fn a_missing_chart_column_is_an_exception_naming_it() {
    let at = run(|st| {
        st.line_chart(&points())
            .x("date")
            .y(["visits", "clicks"])
            .show();
        st.text("after");
    });
    assert!(at.charts().is_empty());
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert!(
        exceptions[0].contains("\"date\"") && exceptions[0].contains("\"clicks\""),
        "{exceptions:?}"
    );
    assert!(!exceptions[0].contains("\"visits\", \"clicks\"]"));
    assert_eq!(at.text(), ["after"]);
}

#[test]
fn metrics_carry_label_value_delta_and_colour() {
    let at = run(|st| {
        st.metric("Revenue", "$1.2M", Some("+4%"));
        st.metric("Orders", 120, None);
        st.metric_colored("Costs", 3.5, Some("-1%"), DeltaColor::Inverse);
    });
    assert_eq!(
        at.metrics(),
        [
            ("Revenue".into(), "$1.2M".into(), Some("+4%".into())),
            ("Orders".into(), "120".into(), None),
            ("Costs".into(), "3.5".into(), Some("-1%".into())),
        ]
    );
    let colours: Vec<DeltaColor> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Metric { delta_color, .. } => Some(delta_color),
            _ => None,
        })
        .collect();
    assert_eq!(
        colours,
        [DeltaColor::Normal, DeltaColor::Normal, DeltaColor::Inverse]
    );
}

#[derive(Serialize)]
struct Config {
    name: &'static str,
    retries: u8,
    hosts: Vec<&'static str>,
    proxy: Option<&'static str>,
}

#[test]
fn json_shows_any_serializable_value() {
    let at = run(|st| {
        st.json(&Config {
            name: "brook",
            retries: 3,
            hosts: vec!["a", "b"],
            proxy: None,
        });
        st.json("plain");
    });
    let json: Vec<_> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Json { value, expanded } => Some((value, expanded)),
            _ => None,
        })
        .collect();
    assert_eq!(json.len(), 2);
    let (config, expanded) = &json[0];
    assert!(*expanded, "open at first");
    assert_eq!(config["name"], "brook");
    assert_eq!(config["retries"], 3);
    assert_eq!(config["hosts"].to_string(), r#"["a","b"]"#);
    assert!(config["proxy"].is_null());
    assert_eq!(config.as_object().map(|o| o.len()), Some(4));
    assert_eq!(json[1].0, "plain");
}

#[test]
fn images_from_bytes_or_a_file() {
    let png: &[u8] = include_bytes!("../../../assets/brook.png");
    let at = run(move |st| {
        st.image(png.to_vec(), Some("from bytes"));
        st.image(png.to_vec(), None);
        st.image_file("../assets/brook.png", Some("from a file"));
    });
    let images: Vec<(String, Option<usize>, Option<String>)> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Image {
                uri,
                bytes,
                caption,
                ..
            } => Some((uri, bytes.map(|b| b.len()), caption)),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 3);
    assert!(images[0].0.starts_with("bytes://"));
    assert_eq!(images[0].1, Some(png.len()));
    assert_eq!(images[0].2.as_deref(), Some("from bytes"));
    assert_eq!(images[0].0, images[1].0, "the same bytes, the same uri");
    assert!(
        images[2].0.starts_with("file://") && images[2].0.ends_with("assets/brook.png"),
        "{images:?}"
    );
    assert_eq!(images[2].1, None);
}

#[test]
fn progress_is_clamped_to_zero_to_one() {
    let at = run(|st| {
        st.progress_bar(0.25, Some("a quarter"));
        st.progress_bar(1.5, None);
        st.progress_bar(-1.0, None);
        st.progress_bar(f32::NAN, None);
    });
    let bars: Vec<(f32, Option<String>)> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Progress { fraction, text } => Some((fraction, text)),
            _ => None,
        })
        .collect();
    assert_eq!(
        bars,
        [
            (0.25, Some("a quarter".to_owned())),
            (1.0, None),
            (0.0, None),
            (0.0, None)
        ]
    );
}

#[test]
fn a_toast_belongs_to_the_run_that_made_it() {
    let mut at = run(|st| {
        if st.button("Save").show() {
            st.toast("Saved");
        }
    });
    assert!(at.toasts().is_empty());
    at.widget("Save").click().run();
    assert_eq!(at.toasts(), ["Saved"]);
    at.run();
    assert!(at.toasts().is_empty());
}

#[test]
fn a_status_block_holds_its_details() {
    let at = run(|st| {
        let done = st.status("Loaded", StatusState::Complete);
        done.text("3 files");
        let busy = st.status("Loading", StatusState::Running);
        busy.text("file 4");
    });
    let blocks: Vec<(String, StatusState, bool)> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Container {
                kind:
                    ContainerKind::Status {
                        label,
                        state,
                        expanded,
                    },
                ..
            } => Some((label, state, expanded)),
            _ => None,
        })
        .collect();
    assert_eq!(
        blocks,
        [
            ("Loaded".to_owned(), StatusState::Complete, false),
            ("Loading".to_owned(), StatusState::Running, true),
        ]
    );
    let details = inside(&at, |k| matches!(k, ContainerKind::Status { .. }));
    assert_eq!(details.len(), 2);
    assert_eq!(at.text(), ["3 files", "file 4"]);
}

#[test]
fn a_link_button_carries_its_url() {
    let at = run(|st| st.link_button("Docs", "https://docs.streamlit.io"));
    assert_eq!(
        at.elements(),
        [Element::LinkButton {
            label: "Docs".into(),
            url: "https://docs.streamlit.io".into()
        }]
    );
}
