//! A sales dashboard: `cargo run -p brook-app --example dashboard`.
//!
//! The 2024 orders of assets/data/sales.csv, on three pages: filter by
//! region, product and months in the sidebar (the filters hold on every
//! page); the Overview page shows the totals (with the change against the
//! month before), revenue by month and region, units by product and each
//! order's size; Largest orders lists them; About the data says where the
//! numbers come from.

use std::collections::BTreeMap;
use std::sync::Arc;

use brook::prelude::*;

/// The orders.
const SALES: &str = include_str!("../../assets/data/sales.csv");

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The orders as a table, parsed once for every session and run.
#[cache_data(show_spinner = "Loading the orders")]
fn load_sales() -> Table {
    Table::from_csv(SALES).unwrap_or_default()
}

/// One order, read from a table row.
struct Order {
    month: usize,
    region: String,
    product: String,
    units: f64,
    revenue: f64,
}

fn orders(table: &Table) -> Vec<Order> {
    use brook::data::arrow::array::StringViewArray;
    let text = |name: &str| table.column::<StringViewArray>(name).ok();
    let (Some(month), Some(region), Some(product), Some(units), Some(revenue)) = (
        text("month"),
        text("region"),
        text("product"),
        table.numbers("units"),
        table.numbers("revenue"),
    ) else {
        return Vec::new();
    };
    (0..table.len())
        .map(|row| Order {
            // "2024-03" is month 3.
            month: month_number(month.value(row)),
            region: region.value(row).to_owned(),
            product: product.value(row).to_owned(),
            units: units.value(row),
            revenue: revenue.value(row),
        })
        .collect()
}

/// The month of "2024-03": 3.
fn month_number(text: &str) -> usize {
    text.rsplit('-')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0)
}

/// The distinct values of a column, sorted.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = values.collect();
    out.sort();
    out.dedup();
    out
}

/// "+4.2%" from one value to the next.
fn change(before: f64, after: f64) -> Option<String> {
    (before > 0.0).then(|| format!("{:+.1}%", (after - before) / before * 100.0))
}

fn money(value: f64) -> String {
    if value >= 10_000.0 {
        format!("${:.1}k", value / 1000.0)
    } else {
        format!("${value:.0}")
    }
}

/// What the sidebar's filters chose, for every page.
struct Chosen {
    table: Cached<Table>,
    all: Vec<Order>,
    products: Vec<String>,
    regions: Vec<String>,
    product: String,
    from: &'static str,
    to: &'static str,
    first: usize,
    last: usize,
}

impl Chosen {
    fn keeps(&self, order: &Order) -> bool {
        self.regions.contains(&order.region)
            && (self.product.starts_with("All") || order.product == self.product)
    }

    fn picked(&self) -> Vec<&Order> {
        self.all
            .iter()
            .filter(|o| self.keeps(o))
            .filter(|o| (self.first..=self.last).contains(&o.month))
            .collect()
    }
}

/// The script: the filters in the sidebar, then the page.
pub fn app(st: &St) {
    let table = load_sales();
    let all = orders(&table);
    let regions = distinct(all.iter().map(|o| o.region.clone()));
    let products = distinct(all.iter().map(|o| o.product.clone()));

    let side = st.sidebar();
    side.header("Filters");
    let chosen_regions = side
        .multiselect("Regions", regions.clone())
        .default(regions.clone())
        .key("regions")
        .show();
    let product_options = std::iter::once("All products".to_owned()).chain(products.clone());
    let product = side
        .selectbox("Product", product_options)
        .key("product")
        .show()
        .unwrap_or_default();
    // One slider with two thumbs: a start after the end cannot be chosen.
    let (from, to) = side
        .select_range_slider("Months", MONTHS)
        .key("months")
        .show()
        .unwrap_or(("Jan", "Dec"));
    let month_of = |name: &str| MONTHS.iter().position(|m| *m == name).map_or(1, |i| i + 1);
    let chosen = Arc::new(Chosen {
        table,
        all,
        products,
        regions: chosen_regions,
        product,
        from,
        to,
        first: month_of(from),
        last: month_of(to),
    });
    let on = |page: fn(&St, &Chosen)| {
        let chosen = Arc::clone(&chosen);
        move |st: &St| page(st, &chosen)
    };
    st.navigation([
        Page::new("Overview", on(overview)).icon("∑").default(),
        Page::new("Largest orders", on(largest)).icon("☰"),
        Page::new("About the data", about).icon("ℹ"),
    ])
    .run(st);
}

/// The totals, the charts by month, and each order's size.
fn overview(st: &St, chosen: &Chosen) {
    st.title("Sales 2024");
    if chosen.regions.is_empty() {
        st.info("Choose at least one region in the sidebar.");
        return;
    }
    let Chosen {
        all,
        products,
        regions: chosen_regions,
        product,
        from,
        to,
        first,
        last,
        ..
    } = chosen;
    let (first, last) = (*first, *last);
    let keep = |o: &&Order| chosen.keeps(o);
    let picked = chosen.picked();
    st.caption(format!(
        "{from} to {to} · {} · {} · {} orders",
        chosen_regions.join(", "),
        product,
        picked.len()
    ));

    // Totals, with the change of the last month against the month before.
    let in_month = |month: usize| all.iter().filter(keep).filter(move |o| o.month == month);
    let revenue_in = |month: usize| in_month(month).map(|o| o.revenue).sum::<f64>();
    let orders_in = |month: usize| in_month(month).count() as f64;
    let revenue: f64 = picked.iter().map(|o| o.revenue).sum();
    let units: f64 = picked.iter().map(|o| o.units).sum();
    let (delta_revenue, delta_orders) = if last > 1 {
        (
            change(revenue_in(last - 1), revenue_in(last)),
            change(orders_in(last - 1), orders_in(last)),
        )
    } else {
        (None, None)
    };
    let row = st.columns(4);
    row[0].metric("Revenue", money(revenue), delta_revenue.as_deref());
    row[1].metric("Orders", picked.len(), delta_orders.as_deref());
    row[2].metric("Units", format!("{units:.0}"), None);
    #[allow(clippy::cast_precision_loss, reason = "a few hundred orders")]
    let average = revenue / (picked.len().max(1) as f64);
    row[3].metric_colored("Average order", money(average), None, DeltaColor::Off);
    st.caption(format!(
        "Changes: {} against {}.",
        MONTHS[last - 1],
        MONTHS[last.saturating_sub(2)]
    ));

    // Charts: one row per month, one column per series.
    let by_month = |series: &[String], value: &dyn Fn(&Order, &str) -> f64| {
        (first..=last)
            .map(|month| {
                let mut row: BTreeMap<String, f64> = BTreeMap::new();
                #[allow(clippy::cast_precision_loss, reason = "month numbers")]
                row.insert("month".into(), month as f64);
                for name in series {
                    let total = picked
                        .iter()
                        .filter(|o| o.month == month)
                        .map(|o| value(o, name))
                        .sum();
                    row.insert(name.clone(), total);
                }
                row
            })
            .collect::<Vec<_>>()
    };
    let tabs = st.tabs([
        "Revenue by region",
        "Units by product",
        "Running total",
        "Orders",
    ]);
    let rows = by_month(chosen_regions, &|o, region| {
        if o.region == region { o.revenue } else { 0.0 }
    });
    tabs[0]
        .line_chart(&rows)
        .x("month")
        .y(chosen_regions)
        .show();
    let rows = by_month(products, &|o, product| {
        if o.product == product { o.units } else { 0.0 }
    });
    tabs[1].bar_chart(&rows).x("month").y(products).show();
    let mut running = 0.0;
    let totals: Vec<BTreeMap<&str, f64>> = by_month(&["revenue".to_owned()], &|o, _| o.revenue)
        .into_iter()
        .map(|row| {
            running += row.get("revenue").copied().unwrap_or(0.0);
            BTreeMap::from([
                ("month", row.get("month").copied().unwrap_or(0.0)),
                ("revenue", running),
            ])
        })
        .collect();
    tabs[2].area_chart(&totals).x("month").y(["revenue"]).show();
    let sizes: Vec<BTreeMap<&str, f64>> = picked
        .iter()
        .map(|o| BTreeMap::from([("units", o.units), ("revenue", o.revenue)]))
        .collect();
    tabs[3].caption("Each order: units against revenue.");
    tabs[3]
        .scatter_chart(&sizes)
        .x("units")
        .y(["revenue"])
        .show();
}

/// The largest orders of the filters' choice, as they are in the file.
fn largest(st: &St, chosen: &Chosen) {
    st.title("Largest orders");
    if chosen.regions.is_empty() {
        st.info("Choose at least one region in the sidebar.");
        return;
    }
    st.caption(format!(
        "{} to {} · the ten largest orders",
        chosen.from, chosen.to
    ));
    let keep: brook::data::arrow::array::BooleanArray = chosen
        .all
        .iter()
        .map(|o| Some(chosen.keeps(o) && (chosen.first..=chosen.last).contains(&o.month)))
        .collect();
    let largest = chosen
        .table
        .filter_mask(&keep)
        .and_then(|picked| picked.sort_by("revenue", true))
        .map(|sorted| sorted.head(10))
        .unwrap_or_default();
    let money = ColumnConfig::new().format(ColumnFormat::Currency {
        symbol: "$".into(),
        after: false,
        decimals: 2,
    });
    st.dataframe(&largest)
        .column("unit_price", money.clone())
        .column("revenue", money)
        .hide_index()
        .show();
    st.page_link("Overview", "Back to the **overview**");
}

/// Where the numbers come from.
fn about(st: &St) {
    st.title("About the data");
    st.markdown(
        "The 2024 orders of `assets/data/sales.csv`, one row per order: its \
         region, product, month, units and unit price. Revenue is units times \
         unit price. The filters in the sidebar hold on every page.",
    );
    st.page_link("Largest orders", "See the **largest orders**");
}

// The tests include this file for `app` and bring their own `main`.
#[cfg(not(test))]
fn main() -> anyhow::Result<()> {
    brook::run("Sales dashboard", app)
}
