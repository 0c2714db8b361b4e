//! Your own egui widgets in a script: `cargo run -p brook-app --example components`.
//!
//! A release review with three components: a star rating written from
//! scratch (`star_rating.rs`, the tutorial), a SQL editor with syntax
//! highlighting from egui_extras (`code_editor.rs`) whose query runs on a
//! SQLite table of response times, and a plot whose point the person drags
//! to set an alert threshold (`point_plot.rs`, egui_plot). Each returns its
//! value to the script like a built-in widget.

use brook::prelude::*;

pub mod code_editor;
pub mod point_plot;
pub mod star_rating;

use code_editor::CodeEditor;
use point_plot::PointPlot;
use star_rating::StarRating;

/// Response times of the release, in milliseconds, one per hour.
pub fn latencies() -> Vec<[f64; 2]> {
    (0..48)
        .map(|hour| {
            let h = f64::from(hour);
            [
                h,
                120.0 + 40.0 * (h / 4.0).sin() + 25.0 * (h / 1.7).cos() + h,
            ]
        })
        .collect()
}

/// The script.
pub fn app(st: &St) {
    st.title("Release review");

    let stars = st
        .component("How did the release go?", StarRating { max: 5 })
        .default(3)
        .key("rating")
        .help("Click a star; click the last lit one to clear")
        .show();
    st.text(match stars {
        0 => "Not rated yet".to_owned(),
        1 => "1 star".to_owned(),
        n => format!("{n} stars"),
    });

    st.subheader("Alert threshold");
    let series = latencies();
    let [hour, threshold] = st
        .component(
            "Drag the point to the latency that should page someone",
            PointPlot {
                series: series.clone(),
                x: 0.0..=47.0,
                y: 0.0..=250.0,
                height: 220.0,
            },
        )
        .default([24.0, 180.0])
        .key("threshold")
        .show();
    let over = series.iter().filter(|[_, ms]| *ms > threshold).count();
    st.metric("Hours over the threshold", over.to_string(), None);
    st.caption(format!(
        "Threshold {threshold:.0} ms, picked at hour {hour:.0}"
    ));

    st.subheader("Ask the data");
    let conn = st.connection_or("review", "sqlite://release_review.db");
    let ready = conn.transaction(|tx| {
        tx.execute(
            "CREATE TABLE IF NOT EXISTS latency (hour INTEGER PRIMARY KEY, ms REAL NOT NULL)",
            (),
        )?;
        for [hour, ms] in &series {
            #[allow(clippy::cast_possible_truncation, reason = "hours 0..48")]
            let hour = *hour as i64;
            tx.execute(
                "INSERT OR IGNORE INTO latency (hour, ms) VALUES ($1, $2)",
                (hour, *ms),
            )?;
        }
        Ok(())
    });
    if let Err(error) = ready {
        st.error(error.to_string());
        return;
    }
    let sql = st
        .component(
            "SQL (runs when you leave the editor)",
            CodeEditor {
                language: "sql".into(),
                rows: 4,
            },
        )
        .default(
            "SELECT hour, round(ms, 1) AS ms FROM latency WHERE ms > 150 ORDER BY ms DESC".into(),
        )
        .key("sql")
        .show();
    match conn.query(&sql, ()).ttl("1m").try_fetch() {
        Ok(rows) => {
            st.caption(format!("{} rows", rows.len()));
            st.dataframe(&rows).height(220.0).show();
        }
        Err(error) => st.error(error.to_string()),
    }
}

fn main() -> anyhow::Result<()> {
    brook::run("Release review", app)
}
