//! Frame cost without a window: lay out and tessellate a page in a headless
//! egui context. `cargo bench -p brook-widgets --bench frame`.
//!
//! - `mixed_1000`: a page of 1,000 mixed widgets and text elements.
//! - `table_100k`: a page with one interactive table of 100,000 rows, one
//!   screen of which is visible (egui_extras draws only the visible rows).
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

fn big_table() -> Table {
    let rows: Vec<Row> = (0..100_000)
        .map(|id| Row {
            id,
            name: format!("item {id}"),
            #[allow(clippy::cast_precision_loss, reason = "bench data")]
            value: id as f64 * 0.5,
            flag: id % 2 == 0,
        })
        .collect();
    Table::from_rows(&rows).unwrap_or_default()
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

fn frame(c: &mut Criterion, name: &str, tree: &Tree) {
    let ctx = egui::Context::default();
    let mut memory = UiMemory::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    // Warm the font atlas and memory once.
    let _ = ctx.run_ui(input(), |ui| {
        let mut events = Vec::new();
        let _ = page_ui(ui, tree, &mut memory, 1, PageLayout::default(), &mut events);
    });
    c.bench_function(name, |b| {
        b.iter(|| {
            let mut events = Vec::new();
            let output = ctx.run_ui(input(), |ui| {
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
    frame(c, "table_100k", &table_tree);
    let visits = daily_visits();
    c.bench_function("chart_x_20k_dates", |b| {
        b.iter(|| black_box(brook_widgets::chart::x_positions(&visits, Some("day"))));
    });
    let chart_tree = tree_of(move |st| st.chart(ChartKind::Line, &visits).x("day").show());
    frame(c, "chart_20k_dates", &chart_tree);
}

criterion_group!(frames, benches);
criterion_main!(frames);
