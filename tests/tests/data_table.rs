//! The columnar table (issue 12): types inferred per column, sorting and
//! filtering with Arrow's kernels, typed access, formats of cells, and the
//! ways in and out (rows, CSV, serde).

#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook::data::arrow::array::{
    Array, BooleanArray, Date32Array, Float64Array, Int64Array, StringViewArray,
    TimestampMicrosecondArray,
};
use brook::data::arrow::schema::{DataType, TimeUnit};
use brook::data::{CellText, ColumnConfig, ColumnFormat, DataError, Table};
use brook::prelude::*;
use brook::testing::AppTest;
use serde::{Deserialize, Serialize};

fn types(table: &Table) -> Vec<DataType> {
    table
        .schema()
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect()
}

// Issue 12
#[test]
fn a_text_column_keeps_007_as_text_and_a_column_of_numbers_with_a_blank_is_nullable() {
    let table = Table::from_csv("code,qty,price\n007,1,2.5\nabc,,3\n042,3,\n").unwrap();
    assert_eq!(
        types(&table),
        [DataType::Utf8View, DataType::Int64, DataType::Float64]
    );
    assert_eq!(
        table.column_text("code").unwrap(),
        ["007", "abc", "042"],
        "text stays as written"
    );
    let qty = table.column::<Int64Array>("qty").unwrap();
    assert_eq!(qty, &Int64Array::from(vec![Some(1), None, Some(3)]));
    let price = table.column::<Float64Array>("price").unwrap();
    assert!(price.is_null(2));
    assert_eq!(
        price.value(1),
        3.0,
        "an integer in a float column is a float"
    );
}

// Issue 12
#[test]
fn a_column_of_numbers_with_leading_zeros_is_text_because_a_number_would_lose_them() {
    let table = Table::from_csv("zip\n0150\n0458\n").unwrap();
    assert_eq!(types(&table), [DataType::Utf8View]);
    assert_eq!(table.column_text("zip").unwrap(), ["0150", "0458"]);
}

// Issue 12
#[test]
fn text_late_in_a_large_csv_makes_its_whole_column_text() {
    // Past the rows sampled to guess the types.
    let mut text = String::from("id,code\n");
    for i in 0..10_000 {
        text.push_str(&format!("{i},{i}\n"));
    }
    text.push_str("10000,n/a\n");
    let table = Table::from_csv(&text).unwrap();
    assert_eq!(types(&table), [DataType::Int64, DataType::Utf8View]);
    assert_eq!(table.len(), 10_001);
    assert_eq!(table.cell_text(10_000, "code"), "n/a");
    assert_eq!(table.cell_text(9_999, "code"), "9999");
}

// Issue 12
#[test]
fn dates_and_date_times_become_typed_columns_with_the_offset_kept() {
    let table = Table::from_csv(
        "day,at,local\n2026-03-08,2026-03-08T09:15:00+01:00,2026-03-08 09:15:00\n\
         2026-03-09,2026-03-09T09:15:00+01:00,2026-03-09 09:15:00\n",
    )
    .unwrap();
    assert_eq!(
        types(&table),
        [
            DataType::Date32,
            DataType::Timestamp(TimeUnit::Microsecond, Some("+01:00".into())),
            DataType::Timestamp(TimeUnit::Microsecond, None),
        ]
    );
    assert_eq!(table.cell_text(0, "day"), "2026-03-08");
    assert_eq!(table.cell_text(0, "at"), "2026-03-08 09:15:00 +01:00");
    assert_eq!(table.cell_text(0, "local"), "2026-03-08 09:15:00");
}

// Issue 12
#[test]
fn zone_aware_times_of_mixed_offsets_sort_by_instant() {
    // 10:00+02:00 is 08:00 UTC, before 09:00+00:00; as text it sorts last.
    let table = Table::from_csv(
        "event,at\nb,2026-01-01T09:00:00+00:00\nc,2026-01-01T10:00:00+02:00\na,2026-01-01T07:30:00-01:00\n",
    )
    .unwrap();
    let sorted = table.sort_by("at", false).unwrap();
    assert_eq!(sorted.column_text("event").unwrap(), ["c", "a", "b"]);
    let sorted = table.sort_by("at", true).unwrap();
    assert_eq!(sorted.column_text("event").unwrap(), ["b", "a", "c"]);
}

// Issue 12
#[test]
fn nulls_sort_last_in_both_directions() {
    let table = Table::from_csv("name,score\na,2\nb,\nc,10\nd,\ne,1\n").unwrap();
    let up = table.sort_by("score", false).unwrap();
    assert_eq!(up.column_text("name").unwrap()[..3], ["e", "a", "c"]);
    assert_eq!(up.column_text("score").unwrap()[3..], ["", ""]);
    let down = table.sort_by("score", true).unwrap();
    assert_eq!(down.column_text("name").unwrap()[..3], ["c", "a", "e"]);
    assert_eq!(down.column_text("score").unwrap()[3..], ["", ""]);
    let text = Table::from_csv("t,n\nb,1\n,2\na,3\n").unwrap();
    assert_eq!(
        text.sort_by("t", true).unwrap().column_text("t").unwrap(),
        ["b", "a", ""]
    );
}

// Issue 12
#[test]
fn filter_takes_a_typed_predicate_or_an_arrow_mask() {
    let table = Table::from_csv("kind,price\npen,1.5\nink,3\npen,2\nink,\n").unwrap();
    let pens = table
        .filter::<StringViewArray>("kind", |kind| kind == Some("pen"))
        .unwrap();
    assert_eq!(pens.column_text("price").unwrap(), ["1.5", "2"]);
    let priced = table
        .filter::<Float64Array>("price", |price| price.is_some_and(|p| p >= 2.0))
        .unwrap();
    assert_eq!(priced.column_text("kind").unwrap(), ["ink", "pen"]);
    let mask = BooleanArray::from(vec![Some(true), None, Some(false), Some(true)]);
    let masked = table.filter_mask(&mask).unwrap();
    assert_eq!(
        masked.column_text("kind").unwrap(),
        ["pen", "ink"],
        "null is false"
    );
    let short = BooleanArray::from(vec![true]);
    assert!(matches!(
        table.filter_mask(&short),
        Err(DataError::Arrow(_))
    ));
}

// Issue 12
#[test]
fn asking_for_a_missing_column_or_the_wrong_type_names_what_there_is() {
    let table = Table::from_csv("kind,price\npen,1.5\n").unwrap();
    let missing = table.sort_by("cost", false).unwrap_err().to_string();
    assert_eq!(
        missing,
        "the table has no column \"cost\"; its columns are [\"kind\", \"price\"]"
    );
    let wrong = table.column::<Int64Array>("price").unwrap_err().to_string();
    assert!(
        wrong.starts_with("column \"price\" holds Float64, not "),
        "{wrong}"
    );
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Order {
    id: u32,
    code: String,
    price: Option<f64>,
    day: chrono::NaiveDate,
    paid: bool,
}

fn orders() -> Vec<Order> {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    vec![
        Order {
            id: 1,
            code: "007".into(),
            price: Some(9.5),
            day: day(8),
            paid: true,
        },
        Order {
            id: 2,
            code: "42".into(),
            price: None,
            day: day(9),
            paid: false,
        },
    ]
}

// Issue 12
#[test]
fn rows_become_columns_typed_by_their_rust_types_and_come_back() {
    let table = Table::from_rows(&orders()).unwrap();
    assert_eq!(
        types(&table),
        [
            DataType::UInt32,
            DataType::Utf8View,
            DataType::Float64,
            DataType::Date32,
            DataType::Boolean
        ]
    );
    assert_eq!(
        table.column_text("code").unwrap(),
        ["007", "42"],
        "a String field stays text whatever it holds"
    );
    let back: Vec<Order> = table.to_rows().unwrap();
    assert_eq!(back, orders());
}

// Issue 12
#[test]
fn zoned_rows_in_one_zone_are_a_timestamp_column_in_that_zone_by_name() {
    use brook::chrono::TimeZone;
    let oslo = brook::chrono_tz::Europe::Oslo;
    #[derive(Serialize)]
    struct Meeting {
        at: Zoned,
    }
    let rows: Vec<Meeting> = [9, 14]
        .iter()
        .map(|h| Meeting {
            at: Zoned(oslo.with_ymd_and_hms(2026, 7, 1, *h, 0, 0).unwrap()),
        })
        .collect();
    let table = Table::from_rows(&rows).unwrap();
    assert_eq!(
        types(&table),
        [DataType::Timestamp(
            TimeUnit::Microsecond,
            Some("Europe/Oslo".into())
        )]
    );
    let at = table.column::<TimestampMicrosecondArray>("at").unwrap();
    assert_eq!(at.timezone(), Some("Europe/Oslo"));
    assert_eq!(table.cell_text(1, "at"), "2026-07-01 14:00:00 CEST");
}

// Issue 12
#[test]
fn a_table_survives_serde_with_types_zones_and_nulls() {
    let table =
        Table::from_csv("a,b,c,d\n1,x,2026-01-01T10:00:00+05:30,\n,y,,2026-01-02\n").unwrap();
    let text = ron::to_string(&table).unwrap();
    let back: Table = ron::from_str(&text).unwrap();
    assert_eq!(back, table);
    assert_eq!(types(&back), types(&table));
    assert!(back.column::<Date32Array>("d").unwrap().is_null(0));
}

// Issue 12
#[test]
fn csv_out_is_csv_in() {
    let text = "id,name,at,ok\n1,\"Smith, J\",2026-01-01T10:00:00+02:00,true\n2,,,false\n";
    let table = Table::from_csv(text).unwrap();
    let again = Table::from_csv(&table.to_csv()).unwrap();
    assert_eq!(again, table);
}

// Issue 12
#[test]
fn column_formats_write_numbers_dates_and_booleans_as_asked() {
    let table = Table::from_csv(
        "amount,share,day,ok\n1234567.891,0.256,2026-03-08,true\n-5,1,2026-12-24,false\n",
    )
    .unwrap();
    let text = |column: &str, format: ColumnFormat| -> Vec<String> {
        let config = ColumnConfig::new().format(format);
        let writer = CellText::new(table.array(column).unwrap().as_ref(), Some(&config));
        (0..table.len()).map(|row| writer.text(row)).collect()
    };
    assert_eq!(
        table.column_text("amount").unwrap(),
        ["1,234,567.891", "-5"],
        "floats: shortest form, thousands separated"
    );
    assert_eq!(
        text("amount", ColumnFormat::Printf("%.1f units".into())),
        ["1234567.9 units", "-5.0 units"]
    );
    assert_eq!(
        text(
            "amount",
            ColumnFormat::Number {
                decimals: Some(2),
                thousands: true
            }
        ),
        ["1,234,567.89", "-5.00"]
    );
    assert_eq!(
        text("share", ColumnFormat::Percent { decimals: 1 }),
        ["25.6%", "100.0%"]
    );
    assert_eq!(
        text(
            "amount",
            ColumnFormat::Currency {
                symbol: "$".into(),
                after: false,
                decimals: 2
            }
        ),
        ["$1,234,567.89", "-$5.00"]
    );
    assert_eq!(
        text(
            "amount",
            ColumnFormat::Currency {
                symbol: "€".into(),
                after: true,
                decimals: 0
            }
        ),
        ["1,234,568 €", "-5 €"]
    );
    assert_eq!(
        text("day", ColumnFormat::DateTime("%d %b %Y".into())),
        ["08 Mar 2026", "24 Dec 2026"]
    );
    assert_eq!(text("ok", ColumnFormat::Checkmark), ["✔", ""]);
}

// Issue 12
#[test]
fn a_format_that_does_not_fit_the_column_falls_back_to_the_default_and_says_so() {
    let table = Table::from_csv("name,day\npen,2026-03-08\n").unwrap();
    for (column, format) in [
        ("name", ColumnFormat::Printf("%.2f".into())),
        ("day", ColumnFormat::Checkmark),
        ("day", ColumnFormat::DateTime("%Q %Y".into())),
    ] {
        let config = ColumnConfig::new().format(format);
        let writer = CellText::new(table.array(column).unwrap().as_ref(), Some(&config));
        assert!(writer.format_unusable(), "{column}");
        assert_eq!(writer.text(0), table.cell_text(0, column));
    }
}

// Issue 12
#[test]
fn a_dataframe_config_naming_a_missing_column_is_an_exception_naming_the_columns() {
    let mut at = AppTest::new(|st| {
        let table = Table::from_csv("a,b\n1,2\n").unwrap();
        st.dataframe(&table)
            .column("c", ColumnConfig::new().hidden())
            .show();
        st.text("after");
    });
    at.run();
    assert!(at.tables().is_empty());
    assert_eq!(
        at.exception(),
        [
            "The table's column settings name [\"c\"], but its columns are [\"a\", \"b\"]. Use one of those names."
        ]
    );
    assert_eq!(at.text(), ["after"]);
}

// Issue 13 (found by a new user): a search that matches nothing gives
// `Table::from_rows` no rows, hence no columns; the column settings of the
// full table must not turn the empty table into an exception.
#[test]
fn an_empty_table_from_no_rows_is_shown_empty_despite_its_column_settings() {
    #[derive(Serialize)]
    struct Ticket {
        title: String,
        link: String,
    }
    let mut at = AppTest::new(|st| {
        let rows: Vec<Ticket> = Vec::new();
        let table = Table::from_rows(&rows).unwrap();
        st.dataframe(&table)
            .column("link", ColumnConfig::new().label("Link"))
            .show();
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let tables = at.tables();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].len(), 0);
}

// Issue 12
#[test]
fn a_run_that_shows_a_cached_table_shares_it_without_copying() {
    let table = Table::from_csv("a\n1\n2\n").unwrap();
    let shown = table.clone();
    let mut at = AppTest::new(move |st| st.dataframe(&shown).show());
    at.run();
    let tables = at.tables();
    assert!(
        tables[0].same_as(&table),
        "the element holds the same batch"
    );
}

/// A CSV large enough to be read in pieces on every core, with nulls, long
/// and non-ASCII text, Windows line ends and times in several offsets.
fn large_csv(rows: usize, header: &str) -> String {
    use std::fmt::Write as _;
    let mut text = format!("{header}\r\n");
    for i in 0..rows {
        let price = if i % 7 == 0 {
            String::new()
        } else {
            format!("{}.{:02}", (i * 7919) % 1000, i % 100)
        };
        let _ = write!(
            text,
            "{i},{},{price},{},2026-{:02}-{:02}T{:02}:30:00.25{},{}\r\n",
            if i % 5 == 0 {
                format!("a longer name for row {i} ✓")
            } else {
                format!("item {i}")
            },
            i % 3 == 0,
            1 + i % 12,
            1 + i % 28,
            i % 24,
            ["Z", "+01:00", "-05:30"][i % 3],
            if i % 11 == 0 { "" } else { "note" },
        );
    }
    text
}

// Issue 12
#[test]
fn a_large_csv_read_on_every_core_is_the_table_arrow_csv_reads() {
    let text = large_csv(120_000, "id,name,price,ok,when,note");
    let before = brook::data::fast_reads_on_this_thread();
    let fast = Table::from_csv(&format!("{text}0,last,,true,,\r\n")).unwrap();
    assert_eq!(brook::data::fast_reads_on_this_thread(), before + 1);
    // A quoted cell sends the same rows through arrow-csv in one piece.
    let slow = Table::from_csv(&format!("{text}0,\"last\",,true,,\r\n")).unwrap();
    assert_eq!(brook::data::fast_reads_on_this_thread(), before + 1);
    assert_eq!(fast.len(), 120_001);
    assert_eq!(types(&fast), types(&slow));
    assert!(fast.column_names().eq(slow.column_names()));
    for (a, b) in fast.batch().columns().iter().zip(slow.batch().columns()) {
        assert_eq!(a.to_data(), b.to_data(), "{}", a.data_type());
    }
    assert_eq!(
        fast.column::<Float64Array>("price").unwrap().null_count(),
        120_000 / 7 + 2
    );
    assert_eq!(fast.cell_text(5, "name"), "a longer name for row 5 ✓");
}

// Issue 12
#[test]
fn a_large_table_sorts_and_filters_whole_rows() {
    let table = Table::from_csv(&large_csv(100_000, "id,name,price,ok,when,note")).unwrap();
    let sorted = table.sort_by("price", true).unwrap();
    let prices = sorted.column::<Float64Array>("price").unwrap();
    let valid: Vec<f64> = prices.iter().flatten().collect();
    assert!(valid.windows(2).all(|w| w[0] >= w[1]), "descending");
    assert_eq!(
        prices.null_count(),
        table.column::<Float64Array>("price").unwrap().null_count()
    );
    assert!(
        prices.iter().skip(valid.len()).all(|p| p.is_none()),
        "nulls last"
    );
    // Every row moved whole: its id still names its own price and name.
    let ids = sorted.column::<Int64Array>("id").unwrap();
    for row in [0, 1, 5_000, 99_999] {
        let id = usize::try_from(ids.value(row)).unwrap();
        assert_eq!(sorted.row_text(row), table.row_text(id), "row {row}");
    }
    let ok = table.column::<BooleanArray>("ok").unwrap().clone();
    let kept = table.filter_mask(&ok).unwrap();
    assert_eq!(kept.len(), 100_000_usize.div_ceil(3));
    let kept_ids = kept.column::<Int64Array>("id").unwrap();
    assert!(kept_ids.iter().flatten().all(|id| id % 3 == 0));
    assert_eq!(kept.row_text(1), table.row_text(3));
}

// Issue 12: a table of more than 64k rows sorts its halves on two cores
// and merges them; the order must be the one a plain sort gives, nulls
// last both ways, with every row kept whole.
#[test]
fn a_large_table_sorts_on_both_cores_as_one_sort_would() {
    let rows = 200_003;
    let mut csv = String::from("id,x,t\n");
    for i in 0..rows {
        // Ties, negatives, and a null every 7th row; text with ties too.
        let x = if i % 7 == 3 {
            String::new()
        } else {
            format!("{}", ((i * 7919) % 1000) as f64 / 4.0 - 100.0)
        };
        csv.push_str(&format!("{i},{x},k{}\n", (i * 31) % 977));
    }
    let table = Table::from_csv(&csv).unwrap();
    let x = table.column::<Float64Array>("x").unwrap();
    let mut expected: Vec<f64> = x.iter().flatten().collect();
    expected.sort_by(f64::total_cmp);
    let nulls = rows - expected.len();
    for descending in [false, true] {
        let sorted = table.sort_by("x", descending).unwrap();
        let got = sorted.column::<Float64Array>("x").unwrap();
        let mut want: Vec<Option<f64>> = expected.iter().copied().map(Some).collect();
        if descending {
            want.reverse();
        }
        want.extend(std::iter::repeat_n(None, nulls));
        assert_eq!(
            got.iter().collect::<Vec<_>>(),
            want,
            "descending {descending}"
        );
        // Each row moved whole: its id still points at its own x.
        let ids = sorted.column::<Int64Array>("id").unwrap();
        for (id, value) in ids.values().iter().zip(got.iter()) {
            let original = usize::try_from(*id).unwrap();
            assert_eq!(x.is_valid(original).then(|| x.value(original)), value);
        }
        let mut seen: Vec<i64> = ids.values().to_vec();
        seen.sort_unstable();
        assert!(seen.iter().copied().eq(0..rows as i64), "every row once");
    }
    let text = table.sort_by("t", false).unwrap();
    let got = text.column_text("t").unwrap();
    let mut want = table.column_text("t").unwrap();
    want.sort();
    assert_eq!(got, want);
}
