//! The data page: an interactive 100,000-row dataframe, a static table,
//! metrics, JSON and an image.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::prelude::*;

/// The picture of the image section.
const PICTURE: &[u8] = include_bytes!("../../assets/brook.png");

/// A row of the static table: each field a column.
#[derive(Serialize)]
struct Planet {
    name: &'static str,
    moons: u32,
    radius_km: u32,
}

const SENSORS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

/// `rows` readings of four sensors, the same on every machine, built
/// column by column as Arrow arrays. Cached: the first call builds them
/// (with progress), later calls return at once.
#[cache_data(show_spinner = "Generating readings")]
fn readings(rows: usize) -> Table {
    use brook::data::arrow::array::{
        ArrayRef, BooleanArray, Float64Array, RecordBatch, StringViewArray, UInt64Array,
    };
    let mut ids = Vec::with_capacity(rows);
    let mut sensors = Vec::with_capacity(rows);
    let mut values = Vec::with_capacity(rows);
    let mut oks = Vec::with_capacity(rows);
    for i in 0..rows {
        #[allow(clippy::cast_precision_loss, reason = "demo data")]
        values.push(((i * 7919) % 10_000) as f64 / 100.0);
        ids.push(i as u64);
        sensors.push(SENSORS[i % SENSORS.len()]);
        oks.push(i % 7 != 0);
        if (i + 1) % 25_000 == 0 {
            #[allow(clippy::cast_precision_loss, reason = "a fraction")]
            progress(
                (i + 1) as f32 / rows as f32,
                format!("{} of {rows} rows", i + 1),
            );
        }
    }
    let columns: [(&str, ArrayRef); 4] = [
        ("id", Arc::new(UInt64Array::from(ids))),
        ("sensor", Arc::new(StringViewArray::from(sensors))),
        ("reading", Arc::new(Float64Array::from(values))),
        ("ok", Arc::new(BooleanArray::from(oks))),
    ];
    RecordBatch::try_from_iter(columns).map_or_else(|_| Table::default(), Table::from)
}

/// The data page.
pub fn data(st: &St) {
    st.title("Data");
    st.markdown(
        "Tables take a slice of any `Serialize` rows (each field a column) or a prepared \
         `Table`: typed Arrow columns from rows, CSV text or files, cheap to clone.",
    );

    st.header("dataframe");
    let table = readings(100_000);
    st.caption(format!(
        "{} generated rows in a `#[cache_data]` function. Click a header to sort; only the rows \
         in view are drawn, so scrolling stays smooth.",
        table.len()
    ));
    st.dataframe(&table)
        .column(
            "reading",
            ColumnConfig::new()
                .label("reading (°C)")
                .format(ColumnFormat::Number {
                    decimals: Some(2),
                    thousands: true,
                }),
        )
        .column("ok", ColumnConfig::new().format(ColumnFormat::Checkmark))
        .show();

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
    st.table(&planets).hide_index().show();

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

    st.header("image");
    st.image(PICTURE, Some("assets/brook.png, shown from bytes"));
}
