//! Issue 12: the interactive dataframe with every column format, a hidden
//! column, labels, widths and no index; and a static table whose formats
//! do not fit their columns (a warning on those headers).

use brook::prelude::*;
use brook::testing::AppTest;
use brook::widgets::snapshot::{page_harness, try_snapshot_harness};
use brook_tests::snapshot::{THEMES, options};
use egui_kittest::kittest::Queryable as _;
use serde::Serialize;

use super::{assert_no_errors, check};

#[derive(Serialize)]
struct Product {
    name: &'static str,
    sku: &'static str,
    price: f64,
    margin: f64,
    stock: i64,
    weight: f64,
    active: bool,
    rating: f64,
    shop: &'static str,
    docs: &'static str,
    launched: chrono::NaiveDate,
    note: &'static str,
}

fn products() -> Vec<Product> {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
    vec![
        Product {
            name: "Desk lamp",
            sku: "DL-001",
            price: 1249.5,
            margin: 0.256,
            stock: 42,
            weight: 1.25,
            active: true,
            rating: 4.5,
            shop: "https://example.com/lamp",
            docs: "https://example.com/docs/lamp",
            launched: day(3, 8),
            note: "Warm white, dimmable, with a long cable for standing desks",
        },
        Product {
            name: "Notebook",
            sku: "NB-002",
            price: 4.99,
            margin: 0.61,
            stock: 1200,
            weight: 0.3,
            active: false,
            rating: 2.0,
            shop: "https://example.com/notebook",
            docs: "https://example.com/docs/notebook",
            launched: day(11, 2),
            note: "A5",
        },
        Product {
            name: "Standing desk (oak, large)",
            sku: "SD-003",
            price: -15.0,
            margin: -0.05,
            stock: 0,
            weight: 31.0,
            active: true,
            rating: 7.0,
            shop: "https://example.com/desk",
            docs: "https://example.com/docs/desk",
            launched: day(1, 15),
            note: "Returned: the price is a refund",
        },
    ]
}

#[derive(Serialize)]
struct Reading {
    sensor: &'static str,
    level: f64,
    ok: bool,
}

fn readings() -> Vec<Reading> {
    vec![
        Reading {
            sensor: "north",
            level: 0.42,
            ok: true,
        },
        Reading {
            sensor: "south",
            level: 0.87,
            ok: false,
        },
    ]
}

fn script(st: &St) {
    st.dataframe(&products())
        .column("sku", ColumnConfig::new().hidden())
        .column(
            "name",
            ColumnConfig::new()
                .label("Product")
                .width(130.0)
                .help("The product's name in the catalogue"),
        )
        .column(
            "price",
            ColumnConfig::new()
                .label("Price")
                .format(ColumnFormat::Currency {
                    symbol: "$".into(),
                    after: false,
                    decimals: 2,
                }),
        )
        .column(
            "margin",
            ColumnConfig::new().format(ColumnFormat::Percent { decimals: 1 }),
        )
        .column(
            "stock",
            ColumnConfig::new().format(ColumnFormat::Printf("%d pcs".into())),
        )
        .column(
            "weight",
            ColumnConfig::new()
                .label("kg")
                .format(ColumnFormat::Number {
                    decimals: Some(2),
                    thousands: true,
                }),
        )
        .column(
            "active",
            ColumnConfig::new().format(ColumnFormat::Checkmark),
        )
        .column(
            "rating",
            ColumnConfig::new()
                .width(120.0)
                .format(ColumnFormat::Progress { min: 0.0, max: 5.0 }),
        )
        .column(
            "shop",
            ColumnConfig::new().format(ColumnFormat::Link {
                display_text: Some("Buy".into()),
            }),
        )
        .column(
            "docs",
            ColumnConfig::new()
                .width(110.0)
                .format(ColumnFormat::Link { display_text: None }),
        )
        .column(
            "launched",
            ColumnConfig::new().format(ColumnFormat::DateTime("%d %b %Y".into())),
        )
        .column("note", ColumnConfig::new().width(160.0).align(Align::Left))
        .hide_index()
        .show();
    st.table(&readings())
        .column(
            "sensor",
            ColumnConfig::new().format(ColumnFormat::Percent { decimals: 1 }),
        )
        .column(
            "level",
            ColumnConfig::new().format(ColumnFormat::Progress {
                min: 1.0,
                max: f64::NAN,
            }),
        )
        .column(
            "ok",
            ColumnConfig::new()
                .align(Align::Center)
                .format(ColumnFormat::Checkmark),
        )
        .show();
}

// Issue 12
#[test]
fn a_formatted_table_in_light_and_dark() {
    let mut at = AppTest::new(script);
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(1160.0, 300.0).wide(true);
        check(
            &mut errors,
            &at,
            &format!("table_formats_{suffix}"),
            &options,
        );
    }
    assert_no_errors(&errors);
}

// Issue 12: the arrow of a sort, on a right-aligned (numeric) header and
// with the rows in the sorted order.
#[test]
fn a_table_sorted_descending_by_a_clicked_header_in_light_and_dark() {
    let mut at = AppTest::new(|st| {
        st.dataframe(&products())
            .column("sku", ColumnConfig::new().hidden())
            .column("note", ColumnConfig::new().hidden())
            .column("docs", ColumnConfig::new().hidden())
            .show();
    });
    at.run();
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(820.0, 200.0);
        let mut harness = page_harness(at.tree(), &options);
        harness.run();
        for label in ["stock", "stock ▲"] {
            harness
                .get_by_role_and_label(egui::accesskit::Role::Button, label)
                .click();
            harness.run();
        }
        if let Err(err) =
            try_snapshot_harness(&mut harness, &format!("table_sorted_{suffix}"), &options)
        {
            errors.push(err);
        }
    }
    assert_no_errors(&errors);
}

/// Tickets for the data editor's snapshots: a whole number, text, a number
/// with bounds, a checkbox, options and a date.
fn tickets() -> Table {
    Table::from_csv(
        "id,title,hours,done,status,due\n\
         1,Printer jams on tray 2,1.5,false,open,2026-12-08\n\
         2,VPN drops every hour,3,true,closed,2026-12-01\n\
         3,New laptop for Ada,0.5,false,waiting,2026-12-15\n",
    )
    .unwrap()
}

fn editor_script(st: &St) {
    st.data_editor(tickets())
        .column("id", ColumnConfig::new().disabled(true))
        .column("title", ColumnConfig::new().required(true).max_chars(40))
        .column("hours", ColumnConfig::new().min(0.0).max(40.0))
        .column(
            "status",
            ColumnConfig::new().options(["open", "waiting", "closed"]),
        )
        .num_rows(NumRows::Dynamic)
        .key("tickets")
        .show();
}

// Issue 15: the data editor idle, with a cell being edited, and with a
// refused cell (its value in the error colour, why below the grid), in
// both themes.
#[test]
fn a_data_editor_idle_editing_and_refusing_a_cell_in_light_and_dark() {
    let mut at = AppTest::new(editor_script);
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let run = at.tree().main.iter().map(|n| n.run).max().unwrap_or(0);
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(760.0, 230.0);
        let mut harness = page_harness(at.tree(), &options);
        harness.state_mut().run = run;
        harness.run();
        let mut shoot = |harness: &mut brook::widgets::snapshot::Harness<'_, _>, name: &str| {
            if let Err(err) = try_snapshot_harness(harness, &format!("{name}_{suffix}"), &options) {
                errors.push(err);
            }
        };
        shoot(&mut harness, "data_editor_idle");
        harness.get_by_label("title, row 2").click();
        harness.run();
        harness.event(egui::Event::Text("VPN drops at night".into()));
        harness.run();
        shoot(&mut harness, "data_editor_editing");
        harness.key_press(egui::Key::Escape);
        harness.run();
        harness.get_by_label("hours, row 1").click();
        harness.run();
        harness.event(egui::Event::Text("55".into()));
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        shoot(&mut harness, "data_editor_refused");
    }
    assert_no_errors(&errors);
}
