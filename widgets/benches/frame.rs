//! Frame cost without a window: lay out and tessellate a page in a headless
//! egui context. `cargo bench -p brook-widgets --bench frame`.
//!
//! - `mixed_1000`: a page of 1,000 mixed widgets and text elements.
//! - `table_1m_sorted`: a page with one interactive table of 1,000,000 rows
//!   after a click on a header sorted it (the sorted order is computed once
//!   and kept): one screen of rows is visible and only those are drawn.
//! - `table_10k_columns`: a page with one interactive table of 10,000
//!   columns and 100 rows: a screen of it is visible.
//! - `chart_20k_dates`: a page with a line chart of 20,000 days (dates as
//!   text on x), after its first frame; `chart_x_20k_dates` is the reading
//!   of those dates, which the chart does once per table, not per frame.

use std::hint::black_box;

use brook_engine::data::Table;
use brook_engine::element::Tree;
use brook_engine::testing::AppTest;
use brook_widgets::page::{PageLayout, page_ui};
use brook_widgets::prelude::*;
use brook_widgets::render::UiMemory;
use criterion::{Criterion, criterion_group, criterion_main};
use serde::Serialize;

fn tree_of(script: impl Fn(&St) + Send + Sync + 'static) -> Tree {
    let mut at = AppTest::new(script);
    at.run();
    at.tree()
}

fn mixed(st: &St) {
    for i in 0..125 {
        st.markdown(format!("**Row {i}**: some *markdown* text"));
        let _ = st.slider(format!("slider {i}"), 0..=100).show();
        let _ = st.checkbox(format!("check {i}")).show();
        let _ = st.text_input(format!("text {i}")).show();
        let _ = st.button(format!("button {i}")).show();
        let _ = st.selectbox(format!("select {i}"), ["a", "b", "c"]).show();
        let _ = st.number_input(format!("number {i}")).default(1.5).show();
        st.caption(format!("caption {i}"));
    }
}

#[derive(Serialize)]
struct Row {
    id: usize,
    name: String,
    value: f64,
    flag: bool,
}

/// A million rows whose `value` is in no order, so sorting by it moves them.
fn big_table() -> Table {
    let rows: Vec<Row> = (0..1_000_000)
        .map(|id| Row {
            id,
            name: format!("item {id}"),
            #[allow(clippy::cast_precision_loss, reason = "bench data")]
            value: ((id * 7919) % 1_000_003) as f64 * 0.5,
            flag: id % 2 == 0,
        })
        .collect();
    Table::from_rows(&rows).unwrap_or_default()
}

/// 10,000 integer columns `c0`, `c1`, ... of 100 rows.
fn wide_table() -> Table {
    use brook_engine::data::arrow::array::{ArrayRef, Int32Array, RecordBatch};
    let columns = (0..10_000).map(|c| {
        let values: Int32Array = (0..100).map(|r| r * 100_000 + c).collect();
        (format!("c{c}"), std::sync::Arc::new(values) as ArrayRef)
    });
    RecordBatch::try_from_iter(columns)
        .map(Table::from)
        .unwrap_or_default()
}

fn daily_visits() -> Table {
    let mut csv = String::from("day,visits\n");
    let start = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    for i in 0..20_000_u32 {
        let day = start + chrono::Days::new(u64::from(i));
        csv.push_str(&format!("{day},{}\n", (i * 7919) % 1000));
    }
    Table::from_csv(&csv).unwrap_or_default()
}

fn input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        events,
        ..Default::default()
    }
}

/// One frame of `tree` with `events`; its accessibility tree when asked.
fn step(
    ctx: &egui::Context,
    memory: &mut UiMemory,
    tree: &Tree,
    events: Vec<egui::Event>,
) -> egui::FullOutput {
    ctx.run_ui(input(events), |ui| {
        let mut sent = Vec::new();
        let _ = page_ui(ui, tree, memory, 1, PageLayout::default(), &mut sent);
    })
}

/// The labels and centres of the accessible nodes of a frame of `tree`.
fn labelled_nodes(
    ctx: &egui::Context,
    memory: &mut UiMemory,
    tree: &Tree,
) -> Vec<(String, egui::Pos2)> {
    ctx.enable_accesskit();
    let output = step(ctx, memory, tree, Vec::new());
    ctx.disable_accesskit();
    let Some(update) = output.platform_output.accesskit_update else {
        return Vec::new();
    };
    update
        .nodes
        .iter()
        .filter_map(|(_, node)| {
            let bounds = node.bounds()?;
            #[allow(clippy::cast_possible_truncation, reason = "screen positions")]
            let centre = egui::pos2(
                ((bounds.x0 + bounds.x1) / 2.0) as f32,
                ((bounds.y0 + bounds.y1) / 2.0) as f32,
            );
            Some((node.label()?.to_owned(), centre))
        })
        .collect()
}

/// Clicks the header labelled `header` (a frame of press, one of release)
/// and draws until the table is sorted by it.
fn click_header(ctx: &egui::Context, memory: &mut UiMemory, tree: &Tree, header: &str) {
    let nodes = labelled_nodes(ctx, memory, tree);
    let Some((_, at)) = nodes.iter().find(|(label, _)| label == header) else {
        panic!("no header {header:?} among {nodes:?}");
    };
    let button = |pressed| egui::Event::PointerButton {
        pos: *at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::default(),
    };
    let _ = step(
        ctx,
        memory,
        tree,
        vec![egui::Event::PointerMoved(*at), button(true)],
    );
    let _ = step(ctx, memory, tree, vec![button(false)]);
    for _ in 0..3 {
        let _ = step(ctx, memory, tree, Vec::new());
    }
    let sorted = labelled_nodes(ctx, memory, tree)
        .into_iter()
        .any(|(label, _)| label.starts_with(header) && label != header);
    assert!(sorted, "the click on {header:?} did not sort the table");
}

fn frame(c: &mut Criterion, name: &str, tree: &Tree) {
    frame_after(c, name, tree, None);
}

/// Benches a frame of `tree` (after a click on the table header `click`).
fn frame_after(c: &mut Criterion, name: &str, tree: &Tree, click: Option<&str>) {
    let ctx = egui::Context::default();
    let mut memory = UiMemory::default();
    // Warm the font atlas and memory once.
    let _ = step(&ctx, &mut memory, tree, Vec::new());
    if let Some(header) = click {
        click_header(&ctx, &mut memory, tree, header);
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            let mut events = Vec::new();
            let output = ctx.run_ui(input(Vec::new()), |ui| {
                let _ = page_ui(ui, tree, &mut memory, 1, PageLayout::default(), &mut events);
            });
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        });
    });
}

fn benches(c: &mut Criterion) {
    let mixed = tree_of(mixed);
    frame(c, "mixed_1000", &mixed);
    let table = big_table();
    let table_tree = tree_of(move |st| st.dataframe(&table).show());
    frame_after(c, "table_1m_sorted", &table_tree, Some("value"));
    let wide = wide_table();
    let wide_tree = tree_of(move |st| st.dataframe(&wide).show());
    frame(c, "table_10k_columns", &wide_tree);
    let visits = daily_visits();
    c.bench_function("chart_x_20k_dates", |b| {
        b.iter(|| black_box(brook_widgets::chart::x_positions(&visits, Some("day"))));
    });
    let chart_tree = tree_of(move |st| st.chart(ChartKind::Line, &visits).x("day").show());
    frame(c, "chart_20k_dates", &chart_tree);
}

criterion_group!(frames, benches);
criterion_main!(frames);
