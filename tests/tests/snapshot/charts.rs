//! Issue 13: charts that read right. Each case is checked on the shapes
//! egui_plot paints (the text of the axes, the marker, the fill) in a page
//! harness, and snapshotted (`charts/<case>.png`).

use brook::element::Tree;
use brook::prelude::*;
use brook::testing::{AppTest, Theme};
use brook::widgets::chart::{AREA_FILL_ALPHA, LONE_POINT_RADIUS};
use brook::widgets::snapshot::{Harness, PageState, page_harness, try_snapshot_harness};
use brook_tests::snapshot::options;

use super::assert_no_errors;

/// The page of `script`'s first run, `width` x 360 points, drawn.
fn chart_page(
    width: f32,
    script: impl Fn(&St) + Send + Sync + 'static,
) -> Harness<'static, PageState> {
    let mut at = AppTest::new(script);
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let tree: Tree = at.tree();
    let mut harness = page_harness(tree, &options(Theme::Light).size(width, 360.0));
    harness.run();
    harness
}

fn snapshot(harness: &mut Harness<'static, PageState>, name: &str, width: f32) {
    let options = options(Theme::Light).size(width, 360.0);
    let result = try_snapshot_harness(harness, &format!("charts/{name}"), &options);
    assert_no_errors(&result.err().into_iter().collect::<Vec<_>>());
}

/// Every shape of the last frame, nested ones too, with its clip rect.
fn shapes(harness: &Harness<'_, PageState>) -> Vec<(egui::Shape, egui::Rect)> {
    fn flatten(shape: &egui::Shape, clip: egui::Rect, out: &mut Vec<(egui::Shape, egui::Rect)>) {
        if let egui::Shape::Vec(shapes) = shape {
            for shape in shapes {
                flatten(shape, clip, out);
            }
        } else {
            out.push((shape.clone(), clip));
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        flatten(&clipped.shape, clipped.clip_rect, &mut out);
    }
    out
}

/// Every text painted: its string, where it is, and what clips it.
fn texts(harness: &Harness<'_, PageState>) -> Vec<(String, egui::Rect, egui::Rect)> {
    shapes(harness)
        .into_iter()
        .filter_map(|(shape, clip)| match shape {
            egui::Shape::Text(text) => Some((
                text.galley.text().to_owned(),
                text.visual_bounding_rect(),
                clip,
            )),
            _ => None,
        })
        .collect()
}

/// The tick labels of the y axis: the texts that are numbers.
fn y_labels(harness: &Harness<'_, PageState>) -> Vec<(f64, egui::Rect)> {
    texts(harness)
        .into_iter()
        .filter_map(|(text, rect, _)| Some((text.replace('−', "-").parse().ok()?, rect)))
        .collect()
}

// Issue 13
#[test]
fn a_constant_series_is_centred_on_an_axis_that_shows_its_value() {
    let mut harness = chart_page(560.0, |st| {
        // A year of months: a wide x axis, y = 2 everywhere.
        let mut csv = String::from("month,level\n");
        for month in 1..=12 {
            csv.push_str(&format!("2026-{month:02}-01,2\n"));
        }
        st.chart(ChartKind::Line, Table::from_csv(&csv).unwrap())
            .x("month")
            .show();
    });
    let labels = y_labels(&harness);
    let two = labels.iter().find(|(value, _)| *value == 2.0);
    let Some((_, two)) = two else {
        panic!("2 is not on the y axis: {labels:?}")
    };
    // Centred: as many labels (and as far) above 2 as below it.
    let top = labels
        .iter()
        .map(|(_, r)| r.center().y)
        .fold(f32::INFINITY, f32::min);
    let bottom = labels
        .iter()
        .map(|(_, r)| r.center().y)
        .fold(f32::NEG_INFINITY, f32::max);
    assert!(labels.len() >= 3, "{labels:?}");
    assert!(
        ((top + bottom) / 2.0 - two.center().y).abs() < 2.0,
        "{labels:?}"
    );
    snapshot(&mut harness, "constant_series", 560.0);
}

// Issue 13
#[test]
fn a_line_or_area_of_one_point_draws_a_marker() {
    for kind in [ChartKind::Line, ChartKind::Area] {
        let harness = chart_page(560.0, move |st| {
            let table = Table::from_csv("day,visits\n2026-11-02,320\n").unwrap();
            st.chart(kind, &table).x("day").show();
        });
        let markers = shapes(&harness)
            .into_iter()
            .filter(|(shape, _)| {
                matches!(shape, egui::Shape::Circle(c) if (c.radius - LONE_POINT_RADIUS).abs() < 0.01)
            })
            .count();
        assert_eq!(markers, 1, "{kind:?}");
    }
    let mut harness = chart_page(560.0, |st| {
        let table = Table::from_csv("day,visits\n2026-11-02,320\n").unwrap();
        st.chart(ChartKind::Line, &table).x("day").show();
    });
    snapshot(&mut harness, "one_point", 560.0);
}

/// The labels of a category x axis: the texts among `names`, left to right.
fn category_labels(
    harness: &Harness<'_, PageState>,
    names: &[String],
) -> Vec<(String, egui::Rect)> {
    let mut labels: Vec<(String, egui::Rect)> = texts(harness)
        .into_iter()
        .filter(|(text, _, _)| names.contains(text))
        .map(|(text, rect, _)| (text, rect))
        .collect();
    labels.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x));
    labels
}

// Issue 13
#[test]
fn every_category_of_a_bar_chart_is_labelled_or_thinned_by_a_rule() {
    let bars = |names: Vec<String>| {
        move |st: &St| {
            let mut csv = String::from("name,sales\n");
            for (index, name) in names.iter().enumerate() {
                csv.push_str(&format!("{name},{}\n", 10 + index));
            }
            st.chart(ChartKind::Bar, Table::from_csv(&csv).unwrap())
                .x("name")
                .show();
        }
    };
    // Eight short names in a narrow chart: every one is labelled, in order.
    let short: Vec<String> = (1..=8).map(|q| format!("Q{q}")).collect();
    let mut harness = chart_page(420.0, bars(short.clone()));
    let labels = category_labels(&harness, &short);
    let shown: Vec<&str> = labels.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(shown, short, "every bar labelled");
    snapshot(&mut harness, "eight_bars", 420.0);
    // Eight long names: every 2nd or 3rd (the thinnest rule that fits),
    // none overlapping, and never just two.
    let long: Vec<String> = [
        "January", "February", "March", "April", "May", "June", "July", "August",
    ]
    .map(|m| format!("{m} 2026"))
    .to_vec();
    let mut harness = chart_page(420.0, bars(long.clone()));
    let labels = category_labels(&harness, &long);
    let shown: Vec<&str> = labels.iter().map(|(t, _)| t.as_str()).collect();
    assert!(shown.len() >= 3, "{shown:?}");
    assert_eq!(shown.first(), Some(&"January 2026"));
    let step = long
        .iter()
        .position(|m| Some(&m.as_str()) == shown.get(1))
        .unwrap_or(0);
    for (index, name) in shown.iter().enumerate() {
        assert_eq!(*name, long[index * step], "a regular rule: {shown:?}");
    }
    for pair in labels.windows(2) {
        assert!(pair[0].1.max.x <= pair[1].1.min.x, "{labels:?}");
    }
    snapshot(&mut harness, "eight_long_bars", 420.0);
}

// Issue 13
#[test]
fn an_area_fill_is_visible() {
    let mut harness = chart_page(560.0, |st| {
        let table = Table::from_csv("x,level\n0,1\n1,3\n2,2\n3,4\n").unwrap();
        st.area_chart(&table).x("x").show();
    });
    let fills: Vec<f32> = shapes(&harness)
        .into_iter()
        .filter_map(|(shape, _)| match shape {
            egui::Shape::Mesh(mesh) if !mesh.vertices.is_empty() => {
                Some(f32::from(mesh.vertices[0].color.a()) / 255.0)
            }
            _ => None,
        })
        .collect();
    assert!(!fills.is_empty(), "the area is filled");
    assert!(
        fills.iter().all(|alpha| *alpha >= AREA_FILL_ALPHA * 0.9),
        "a fill opaque enough to see: {fills:?}"
    );
    snapshot(&mut harness, "area", 560.0);
}

// Issue 13
#[test]
fn time_axis_labels_are_readable_at_every_zoom() {
    // Two points this many seconds apart: from two seconds to two centuries.
    let spans = [
        2.0,
        90.0,
        3_600.0,
        86_400.0,
        9.0 * 86_400.0,
        400.0 * 86_400.0,
        200.0 * 365.0 * 86_400.0,
    ];
    for span in spans {
        let start = chrono::NaiveDate::from_ymd_opt(1950, 3, 8)
            .unwrap()
            .and_hms_opt(9, 15, 0)
            .unwrap();
        #[allow(clippy::cast_possible_truncation, reason = "whole seconds")]
        let end = start + chrono::Duration::seconds(span as i64);
        let csv = format!(
            "at,level\n{},1\n{},2\n",
            start.format("%Y-%m-%d %H:%M:%S"),
            end.format("%Y-%m-%d %H:%M:%S")
        );
        let mut harness = chart_page(480.0, move |st| {
            st.chart(ChartKind::Line, Table::from_csv(&csv).unwrap())
                .x("at")
                .show();
        });
        let mut labels: Vec<(String, egui::Rect, egui::Rect)> = texts(&harness)
            .into_iter()
            .filter(|(text, _, _)| text.contains(':') || text.matches('-').count() == 2)
            .collect();
        labels.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x));
        let shown: Vec<&str> = labels.iter().map(|(t, _, _)| t.as_str()).collect();
        assert!(labels.len() >= 2, "span {span} s: {shown:?}");
        for pair in labels.windows(2) {
            assert_ne!(
                pair[0].0, pair[1].0,
                "span {span} s: two marks read the same: {shown:?}"
            );
            assert!(
                pair[0].1.max.x <= pair[1].1.min.x,
                "span {span} s: overlapping: {shown:?}"
            );
        }
        for (text, rect, clip) in &labels {
            assert!(
                clip.contains_rect(*rect),
                "span {span} s: {text} is cut off"
            );
            assert!(
                rect.max.x <= 480.0,
                "span {span} s: {text} is out of the window"
            );
        }
        if span == 3_600.0 {
            snapshot(&mut harness, "time_axis_hour", 480.0);
        }
    }
}
