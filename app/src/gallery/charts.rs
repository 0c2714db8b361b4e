//! The charts page: line, bar, area and scatter charts of serde rows (numbers,
//! categories and dates on x), and a chart of a prepared `Table`.

use std::collections::BTreeMap;

use crate::prelude::*;

/// Two waves, sampled at `points` points over one period.
fn waves(points: usize, frequency: f64) -> Vec<BTreeMap<&'static str, f64>> {
    (0..points)
        .map(|i| {
            #[allow(clippy::cast_precision_loss, reason = "a few hundred points")]
            let x = i as f64 / points as f64 * std::f64::consts::TAU;
            BTreeMap::from([
                ("x", x),
                ("sin", (frequency * x).sin()),
                ("cos", (frequency * x).cos()),
            ])
        })
        .collect()
}

/// A bar of the bar chart: sales of two regions in a quarter.
#[derive(serde::Serialize)]
struct Quarter {
    quarter: &'static str,
    north: f64,
    south: f64,
}

/// The charts page.
pub fn charts(st: &St) {
    st.title("Charts");
    st.markdown(
        "Charts take the same rows as tables: name the x column and one or more y columns. Drag to \
         pan, Ctrl + scroll to zoom, double-click to reset; hover for a read-out.",
    );
    let row = st.columns(2);
    let points = row[0]
        .slider("Points", 10..=400_usize)
        .default(120)
        .step(10)
        .key("charts.points")
        .show();
    let frequency = row[1]
        .select_slider("Frequency", [1.0, 2.0, 3.0, 5.0, 8.0])
        .default(2.0)
        .key("charts.frequency")
        .show()
        .unwrap_or(1.0);
    let rows = waves(points, frequency);

    st.header("line_chart");
    st.line_chart(&rows).x("x").y(["sin", "cos"]).show();

    st.header("area_chart");
    st.area_chart(&rows).x("x").y(["sin"]).show();

    st.header("bar_chart");
    st.caption("A text x column is categories: one group of bars each.");
    let quarters: Vec<Quarter> = [
        ("Q1", 120.0, 80.0),
        ("Q2", 150.0, 95.0),
        ("Q3", 110.0, 130.0),
        ("Q4", 170.0, 140.0),
    ]
    .into_iter()
    .map(|(quarter, north, south)| Quarter {
        quarter,
        north,
        south,
    })
    .collect();
    st.bar_chart(&quarters)
        .x("quarter")
        .y(["north", "south"])
        .show();

    st.header("scatter_chart");
    let cloud: Vec<BTreeMap<&str, f64>> = (0..200_u32)
        .map(|i| {
            let x = f64::from((i * 37) % 101);
            let noise = f64::from((i * 7919) % 23) - 11.0;
            BTreeMap::from([("height", x), ("weight", 0.6 * x + noise)])
        })
        .collect();
    st.scatter_chart(&cloud).x("height").y(["weight"]).show();

    st.header("chart of a Table");
    st.caption(
        "`st.chart(kind, &table)`: a table from CSV text; y defaults to every numeric column. \
         Dates on x make a time axis.",
    );
    let table = Table::from_csv(
        "day,visits,signups\n2026-11-02,320,12\n2026-11-03,410,19\n2026-11-04,380,17\n\
         2026-11-05,520,31\n2026-11-06,490,24\n2026-11-09,610,40\n",
    )
    .unwrap_or_default();
    st.chart(ChartKind::Line, &table).x("day").show();
}
