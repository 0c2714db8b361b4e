//! A CSV explorer: `cargo run -p brook-app --example csv_explorer`.
//!
//! Upload a CSV (until then it explores the demo sales data), keep the rows
//! you want (a text filter or a number range on one column), sort them,
//! chart numeric columns, and download what is left as a CSV file. The
//! download is exactly the table shown: filtered and sorted; or, when rows
//! are selected in it (click them), only those rows.

use brook::prelude::*;

/// The demo data, explored until a file is uploaded.
pub const DEMO_CSV: &str = include_str!("../../assets/data/sales.csv");

/// The choice that turns a setting off, first in its selectbox.
const NO_FILTER: &str = "(no filter)";
const FILE_ORDER: &str = "(file order)";
const ROW_NUMBER: &str = "(row number)";

/// Parses CSV text. Cached: a rerun (every widget change) does not parse
/// the same file again.
#[cache_data(show_spinner = "Reading the CSV")]
pub fn parse_csv(text: String) -> Result<Table, String> {
    Table::from_csv(&text).map_err(|err| err.to_string())
}

/// Whether a column holds numbers (its type is numeric: integers or
/// floats, nulls allowed).
fn is_numeric(table: &Table, column: &str) -> bool {
    table.data_type(column).is_some_and(|t| t.is_numeric())
}

/// The smallest and largest number of a numeric column.
fn bounds(table: &Table, column: &str) -> (f64, f64) {
    table
        .numbers(column)
        .iter()
        .flatten()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}

/// The rows whose `column`, as shown, contains `needle` (lower case).
fn containing(table: &Table, column: &str, needle: &str) -> Table {
    let Some(array) = table.array(column) else {
        return table.clone();
    };
    let cells = brook::data::CellText::new(array.as_ref(), None);
    let mask: brook::data::arrow::array::BooleanArray = (0..table.len())
        .map(|row| Some(cells.text(row).to_lowercase().contains(needle)))
        .collect();
    table.filter_mask(&mask).unwrap_or_else(|_| table.clone())
}

/// The file name of the download: `sales.csv` gives `sales-filtered.csv`.
fn download_name(name: &str) -> String {
    let stem = name.strip_suffix(".csv").unwrap_or(name);
    format!("{stem}-filtered.csv")
}

/// The script.
pub fn app(st: &St) {
    st.title("CSV explorer");
    st.caption("Upload a CSV, keep the rows you want, sort them, chart them, download them.");

    let upload = st
        .file_uploader("Upload a CSV")
        .types(["csv"])
        .max_size_mb(20)
        .help("The first row names the columns.")
        .show();
    let (name, text) = match &upload {
        Some(file) => (file.name.clone(), file.text()),
        None => {
            st.info("No file uploaded yet: exploring the demo sales data.");
            ("sales.csv".to_owned(), DEMO_CSV.to_owned())
        }
    };
    let table = match &*parse_csv(text) {
        Ok(table) => table.clone(),
        Err(message) => {
            st.error(format!(
                "{name} is not a CSV file brook can read: {message}"
            ));
            return;
        }
    };
    if table.num_columns() == 0 {
        st.warning(format!("{name} has no columns."));
        return;
    }
    let columns: Vec<String> = table.column_names().map(str::to_owned).collect();
    let numeric: Vec<String> = columns
        .iter()
        .filter(|c| is_numeric(&table, c))
        .cloned()
        .collect();

    // Filter: a text match or a number range on one column.
    st.subheader("Filter");
    let row = st.columns(3);
    let filter_options = std::iter::once(NO_FILTER.to_owned()).chain(columns.iter().cloned());
    let filter_column = row[0]
        .selectbox("Filter column", filter_options)
        .key("filter_column")
        .show()
        .unwrap_or_else(|| NO_FILTER.to_owned());
    let mut view = table.clone();
    if table.column_index(&filter_column).is_some() {
        if numeric.contains(&filter_column) {
            let (lo, hi) = bounds(&table, &filter_column);
            let min = row[1]
                .number_input(format!("Minimum {filter_column}"))
                .default(lo)
                .show();
            let max = row[2]
                .number_input(format!("Maximum {filter_column}"))
                .default(hi)
                .show();
            if let Some(values) = view.numbers(&filter_column) {
                let keep: brook::data::arrow::array::BooleanArray = values
                    .iter()
                    .map(|value| Some(value.is_some_and(|v| v >= min && v <= max)))
                    .collect();
                view = view.filter_mask(&keep).unwrap_or(view);
            }
        } else {
            let needle = row[1]
                .text_input(format!("{filter_column} contains"))
                .placeholder("any text; case does not matter")
                .show()
                .to_lowercase();
            if !needle.is_empty() {
                view = containing(&view, &filter_column, &needle);
            }
        }
    }

    // Sort: the download follows the order shown.
    let sort_options = std::iter::once(FILE_ORDER.to_owned()).chain(columns.iter().cloned());
    let row = st.columns_weighted(&[2.0, 1.0]);
    let sort_by = row[0]
        .selectbox("Sort by", sort_options)
        .key("sort_by")
        .show()
        .unwrap_or_else(|| FILE_ORDER.to_owned());
    let descending = row[1].toggle("Descending").key("descending").show();
    if let Ok(sorted) = view.sort_by(&sort_by, descending) {
        view = sorted;
    }

    st.subheader("Rows");
    st.caption(format!("{} of {} rows of {name}", view.len(), table.len()));
    // Click rows to pick them (Shift+click for a range): the download then
    // holds only those, in the order shown above.
    let picked = st
        .dataframe(&view)
        .on_select(SelectionMode::MultiRow)
        .key("picked_rows")
        .show();
    let (download, what) = if picked.rows.is_empty() {
        (view.clone(), "Download filtered CSV".to_owned())
    } else {
        let rows: Vec<u32> = picked
            .rows
            .iter()
            .filter_map(|&row| u32::try_from(row).ok())
            .collect();
        let chosen = view.take(&rows.into()).unwrap_or_else(|_| view.clone());
        (
            chosen,
            format!("Download {} selected rows", picked.rows.len()),
        )
    };
    if !picked.rows.is_empty() {
        st.caption(format!(
            "{} rows selected; click a row again to unselect it.",
            picked.rows.len()
        ));
    }
    let saved = st
        .download_button(what, download.to_csv().into_bytes(), download_name(&name))
        .key("download")
        .help("The rows above (only the selected ones, when some are), as a CSV file.")
        .show();
    if saved {
        st.toast(format!("{} rows ready to save", download.len()));
    }

    // Chart: numeric columns against a numeric column or the row number.
    st.subheader("Chart");
    if numeric.is_empty() {
        st.info(format!("{name} has no numeric column to chart."));
        return;
    }
    let row = st.columns(3);
    let kind = row[0]
        .radio("Chart type", ["Line", "Bar"])
        .horizontal()
        .key("chart_kind")
        .show();
    let x_options: Vec<String> = std::iter::once(ROW_NUMBER.to_owned())
        .chain(numeric.iter().cloned())
        .collect();
    // With two numeric columns or more, the first is the x axis at first.
    let x_default = usize::from(numeric.len() > 1);
    let x = row[1]
        .selectbox("X axis", x_options)
        .index(Some(x_default))
        .show()
        .unwrap_or_else(|| ROW_NUMBER.to_owned());
    let y_default = numeric.iter().rev().find(|c| **c != x).cloned();
    let y = row[2]
        .multiselect("Y axis", numeric.clone())
        .default(y_default)
        .show();
    if y.is_empty() {
        st.info("Choose a column for the Y axis.");
        return;
    }
    let kind = if kind == Some("Bar") {
        ChartKind::Bar
    } else {
        ChartKind::Line
    };
    let chart = st.chart(kind, &view).y(y);
    if x == ROW_NUMBER {
        chart.show();
    } else {
        chart.x(x).show();
    }
}

// The tests include this file for `app` and bring their own `main`.
#[cfg(not(test))]
fn main() -> anyhow::Result<()> {
    brook::run("CSV explorer", app)
}
