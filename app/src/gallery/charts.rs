//! The charts page: line, bar, area and scatter charts of serde rows, and a
//! chart of a prepared `Table`.

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

/// The charts page.
pub fn charts(st: &St) {
    st.title("Charts");
    st.markdown(
        "Charts take the same rows as tables: name the x column and one or more y columns. Drag to \
         pan, scroll to zoom, double-click to reset; hover for a read-out.",
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
    let quarters: Vec<BTreeMap<&str, f64>> = [
        (1.0, 120.0, 80.0),
        (2.0, 150.0, 95.0),
        (3.0, 110.0, 130.0),
        (4.0, 170.0, 140.0),
    ]
    .into_iter()
    .map(|(quarter, north, south)| {
        BTreeMap::from([("quarter", quarter), ("north", north), ("south", south)])
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
        "`st.chart(kind, &table)`: a table from CSV text; y defaults to every numeric column.",
    );
    let table = Table::from_csv("month,visits,signups\n1,320,12\n2,410,19\n3,380,17\n4,520,31\n")
        .unwrap_or_default();
    st.chart(ChartKind::Line, &table).x("month").show();
}
