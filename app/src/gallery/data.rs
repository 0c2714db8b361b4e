//! The data page: an interactive 100,000-row dataframe, a static table,
//! metrics, JSON and an image.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::prelude::*;

/// The picture of the image section.
const PICTURE: &[u8] = include_bytes!("../../../assets/brook.png");

/// A row of the static table: each field a column.
#[derive(Serialize)]
struct Planet {
    name: &'static str,
    moons: u32,
    radius_km: u32,
}

const SENSORS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

/// `rows` readings of four sensors, the same on every machine. Cached: the
/// first call builds them (with progress), later calls return at once.
#[cache_data(show_spinner = "Generating readings")]
fn readings(rows: usize) -> Table {
    let mut out = Vec::with_capacity(rows);
    for i in 0..rows {
        #[allow(clippy::cast_precision_loss, reason = "demo data")]
        let reading = ((i * 7919) % 10_000) as f64 / 100.0;
        out.push(vec![
            (i as u64).into(),
            SENSORS[i % SENSORS.len()].into(),
            reading.into(),
            (i % 7 != 0).into(),
        ]);
        if (i + 1) % 25_000 == 0 {
            #[allow(clippy::cast_precision_loss, reason = "a fraction")]
            progress(
                (i + 1) as f32 / rows as f32,
                format!("{} of {rows} rows", i + 1),
            );
        }
    }
    Table {
        columns: ["id", "sensor", "reading", "ok"]
            .map(str::to_owned)
            .to_vec(),
        rows: Arc::new(out),
    }
}

/// The data page.
pub fn data(st: &St) {
    st.title("Data");
    st.markdown(
        "Tables take a slice of any `Serialize` rows (each field a column) or a prepared \
         `Table` (from rows or CSV text, cheap to clone).",
    );

    st.header("dataframe");
    let table = readings(100_000);
    st.caption(format!(
        "{} generated rows in a `#[cache_data]` function. Click a header to sort; only the rows \
         in view are drawn, so scrolling stays smooth.",
        table.len()
    ));
    st.dataframe_table(&table);

    st.header("table");
    st.caption("A static table: every row drawn, no sorting.");
    let planets = [
        Planet {
            name: "Mercury",
            moons: 0,
            radius_km: 2440,
        },
        Planet {
            name: "Venus",
            moons: 0,
            radius_km: 6052,
        },
        Planet {
            name: "Earth",
            moons: 1,
            radius_km: 6371,
        },
        Planet {
            name: "Mars",
            moons: 2,
            radius_km: 3390,
        },
    ];
    st.table(&planets);

    st.header("metric");
    let row = st.columns(4);
    row[0].metric("Revenue", "$1.2M", Some("+4.1%"));
    row[1].metric("Active users", "8,204", Some("-2.3%"));
    row[2].metric_colored("Costs", "$310k", Some("+1.8%"), DeltaColor::Inverse);
    row[3].metric_colored("Open tickets", 42, Some("+3"), DeltaColor::Off);

    st.header("json");
    let config = BTreeMap::from([
        ("name", vec!["brook"]),
        ("features", vec!["tables", "charts", "forms", "caching"]),
        ("platforms", vec!["Linux", "macOS", "Windows"]),
    ]);
    st.json(&config);
    st.caption("A `Table` is `Serialize` too:");
    let small =
        Table::from_csv("city,population\nOslo,709037\nBergen,291940\n").unwrap_or_default();
    st.json(&small);

    st.header("image");
    st.image(PICTURE, Some("assets/brook.png, shown from bytes"));
}
