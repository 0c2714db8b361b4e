//! Parquet files and Polars data frames in and out of a `Table` (brook-engine's
//! `parquet` and `polars` features): run with
//! `cargo test -p brook-engine --features parquet,polars --test data_io`.

#![cfg(any(feature = "parquet", feature = "polars"))]

use std::sync::Arc;

use brook_engine::data::Table;
use brook_engine::data::arrow::array::{
    ArrayRef, BooleanArray, Date32Array, DurationMicrosecondArray, Float64Array, Int32Array,
    Int64Array, NullArray, RecordBatch, StringViewArray, TimestampMicrosecondArray, UInt32Array,
};
use brook_engine::data::arrow::schema::{DataType, Field, Schema, TimeUnit};

/// 2026-03-08 09:15:00 UTC (10:15 in Oslo) and 2026-07-01 12:00:00 UTC
/// (14:00 in Oslo, summer time), in microseconds since the epoch.
const MARCH_8_0915_UTC: i64 = 1_772_961_300_000_000;
const JULY_1_1200_UTC: i64 = 1_782_907_200_000_000;
/// 2026-03-08 in days since the epoch.
const MARCH_8: i32 = 20_520;

/// A table with a column of every type brook's tables hold, each with a
/// null (and one all-null column).
fn every_type() -> Table {
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "int",
            Arc::new(Int64Array::from(vec![Some(-7), None, Some(i64::MAX)])),
        ),
        (
            "int32",
            Arc::new(Int32Array::from(vec![Some(1), Some(2), None])),
        ),
        (
            "uint",
            Arc::new(UInt32Array::from(vec![None, Some(3), Some(u32::MAX)])),
        ),
        (
            "float",
            Arc::new(Float64Array::from(vec![Some(1.5), None, Some(-0.25)])),
        ),
        (
            "flag",
            Arc::new(BooleanArray::from(vec![Some(true), Some(false), None])),
        ),
        (
            "text",
            Arc::new(StringViewArray::from(vec![
                Some("Oslo"),
                None,
                Some("a longer text than twelve bytes, æøå"),
            ])),
        ),
        (
            "day",
            Arc::new(Date32Array::from(vec![Some(MARCH_8), None, Some(0)])),
        ),
        (
            "naive",
            Arc::new(TimestampMicrosecondArray::from(vec![
                Some(MARCH_8_0915_UTC),
                None,
                Some(0),
            ])),
        ),
        (
            "oslo",
            Arc::new(
                TimestampMicrosecondArray::from(vec![
                    Some(MARCH_8_0915_UTC),
                    Some(JULY_1_1200_UTC),
                    None,
                ])
                .with_timezone("Europe/Oslo"),
            ),
        ),
        (
            "took",
            Arc::new(DurationMicrosecondArray::from(vec![
                Some(90_000_000),
                None,
                Some(-1),
            ])),
        ),
        ("nothing", Arc::new(NullArray::new(3))),
    ];
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
        .collect();
    let arrays = columns.into_iter().map(|(_, array)| array).collect();
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays);
    Table::from(batch.unwrap_or_else(|error| panic!("the test table: {error}")))
}

fn oslo_type() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("Europe/Oslo".into()))
}

#[cfg(feature = "parquet")]
mod parquet_files {
    use std::path::{Path, PathBuf};

    use brook_engine::data::DataError;
    use brook_engine::data::arrow::array::{StructArray, UnionArray};
    use brook_engine::data::arrow::schema::UnionFields;

    use super::*;

    /// A fresh, empty folder for one test.
    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brook-data-io-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    // Issue 12
    #[test]
    fn a_table_of_every_column_type_with_nulls_comes_back_equal_from_parquet() {
        let dir = temp_dir("every-type");
        let path = dir.join("every.parquet");
        let table = every_type();
        let written = table.write_parquet(&path);
        assert!(written.is_ok(), "{written:?}");
        let back = Table::read_parquet(&path);
        let back = back.unwrap_or_else(|error| panic!("read back: {error}"));
        assert_eq!(
            back.schema(),
            table.schema(),
            "types, names and nullability"
        );
        assert_eq!(back, table, "values and nulls");
        assert_eq!(back.data_type("oslo"), Some(&oslo_type()));
        assert_eq!(back.cell_text(0, "oslo"), "2026-03-08 10:15:00 CET");
        assert_eq!(back.cell_text(1, "oslo"), "2026-07-01 14:00:00 CEST");
        assert_eq!(back.cell_text(0, "took"), table.cell_text(0, "took"));
        assert_eq!(names(&dir), ["every.parquet"], "no temporary file is left");

        let bytes = table.to_parquet_bytes();
        let from_bytes = bytes.and_then(|bytes| Table::from_parquet_bytes(&bytes));
        assert_eq!(from_bytes.ok(), Some(table));
    }

    // Issue 12
    #[test]
    fn text_from_parquet_comes_back_as_string_views() {
        // Another writer's strings are Utf8 (pyarrow, pandas).
        let utf8 = brook_engine::data::arrow::array::StringArray::from(vec![Some("a"), None]);
        let batch = RecordBatch::try_from_iter([("name", Arc::new(utf8) as ArrayRef)]);
        let table = Table::from(batch.unwrap_or_else(|error| panic!("{error}")));
        assert_eq!(table.data_type("name"), Some(&DataType::Utf8));
        let back = table
            .to_parquet_bytes()
            .and_then(|bytes| Table::from_parquet_bytes(&bytes))
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(back.data_type("name"), Some(&DataType::Utf8View));
        let names = back.column::<StringViewArray>("name").ok().cloned();
        assert_eq!(names, Some(StringViewArray::from(vec![Some("a"), None])));
    }

    /// A table whose one column is a struct with no fields.
    fn empty_struct() -> Table {
        let column = StructArray::new_empty_fields(1, None);
        let batch = RecordBatch::try_from_iter([("empty", Arc::new(column) as ArrayRef)]);
        Table::from(batch.unwrap_or_else(|error| panic!("{error}")))
    }

    /// A table whose one column is a sparse union of one integer.
    fn union() -> Table {
        let fields = UnionFields::try_new([0], [Field::new("n", DataType::Int32, true)]);
        let fields = fields.unwrap_or_else(|error| panic!("{error}"));
        let child = Arc::new(Int32Array::from(vec![1])) as ArrayRef;
        let column = UnionArray::try_new(fields, vec![0_i8].into(), None, vec![child]);
        let column = column.unwrap_or_else(|error| panic!("{error}"));
        let batch = RecordBatch::try_from_iter([("either", Arc::new(column) as ArrayRef)]);
        Table::from(batch.unwrap_or_else(|error| panic!("{error}")))
    }

    // Issue 12
    #[test]
    fn a_parquet_write_that_fails_leaves_the_old_file_as_it_was() {
        let dir = temp_dir("atomic");
        let path = dir.join("prices.parquet");
        let old = Table::from_csv("item,price\npen,1.5\n").unwrap_or_default();
        assert!(old.write_parquet(&path).is_ok());
        let old_bytes = std::fs::read(&path).ok();

        // Columns with no Parquet form: the writer fails once the file is
        // begun (a struct with no fields), or panics inside the parquet
        // crate (a union).
        for unwritable in [empty_struct(), union()] {
            let failed = unwritable.write_parquet(&path);
            assert!(
                matches!(&failed, Err(DataError::File { action: "write", path: p, .. }) if *p == path.display().to_string()),
                "{failed:?}"
            );
            assert_eq!(
                std::fs::read(&path).ok(),
                old_bytes,
                "the old file is whole"
            );
            assert_eq!(Table::read_parquet(&path).ok(), Some(old.clone()));
            assert_eq!(names(&dir), ["prices.parquet"], "no temporary file is left");
            let failed = unwritable.to_parquet_bytes();
            assert!(matches!(failed, Err(DataError::Parquet(_))), "{failed:?}");
        }

        // A success replaces it, with nothing else left beside it.
        let new = Table::from_csv("item,price\nink,3\nbook,12\n").unwrap_or_default();
        assert!(new.write_parquet(&path).is_ok());
        assert_eq!(Table::read_parquet(&path).ok(), Some(new));
        assert_eq!(names(&dir), ["prices.parquet"]);
    }

    // Issue 12
    #[test]
    fn a_parquet_write_to_a_folder_fails_naming_it_and_leaves_the_folder() {
        let dir = temp_dir("folder");
        let path = dir.join("out.parquet");
        std::fs::create_dir_all(path.join("inside")).ok();
        let table = Table::from_csv("n\n1\n").unwrap_or_default();
        let failed = table.write_parquet(&path);
        let Err(DataError::File {
            action,
            path: named,
            message,
        }) = &failed
        else {
            panic!("expected a file error, got {failed:?}");
        };
        assert_eq!(*action, "write");
        assert_eq!(named, &path.display().to_string());
        assert!(!message.is_empty());
        assert!(path.join("inside").is_dir(), "the folder is as it was");
        assert_eq!(names(&dir), ["out.parquet"], "no temporary file is left");
    }

    // Issue 12
    #[test]
    fn a_file_that_is_not_parquet_is_a_file_error_naming_the_path() {
        let dir = temp_dir("not-parquet");
        let path = dir.join("prices.parquet");
        std::fs::write(&path, "item,price\npen,1.5\n").ok();
        let failed = Table::read_parquet(&path);
        let Err(
            error @ DataError::File {
                action,
                path: named,
                ..
            },
        ) = &failed
        else {
            panic!("expected a file error, got {failed:?}");
        };
        assert_eq!(*action, "read");
        assert_eq!(named, &path.display().to_string());
        let text = error.to_string();
        assert!(
            text.starts_with(&format!("cannot read {}: ", path.display())),
            "{text}"
        );
        assert!(text.to_lowercase().contains("parquet"), "says why: {text}");

        // Empty, missing, and a folder: the same kind of error.
        let empty = dir.join("empty.parquet");
        std::fs::write(&empty, "").ok();
        let missing = dir.join("missing.parquet");
        let folder = dir.join("folder.parquet");
        std::fs::create_dir_all(&folder).ok();
        for path in [empty, missing, folder] {
            let failed = Table::read_parquet(&path);
            assert!(
                matches!(&failed, Err(DataError::File { action: "read", path: p, .. }) if *p == path.display().to_string()),
                "{failed:?}"
            );
        }
        // Bytes that are not Parquet.
        let failed = Table::from_parquet_bytes(b"item,price\npen,1.5\n");
        assert!(matches!(failed, Err(DataError::Parquet(_))), "{failed:?}");
    }

    /// A test file in engine/tests/data.
    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    // Issue 12
    #[test]
    fn a_parquet_file_from_python_polars_reads_with_its_types_and_zone() {
        // Written by Python Polars 2.1: `write_parquet(path,
        // compression="snappy")` of city (str), pop (i64) and at
        // (datetime[us, Europe/Oslo]), each with a null.
        let table = Table::read_parquet(fixture("polars_snappy.parquet"));
        let table = table.unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(table.data_type("city"), Some(&DataType::Utf8View));
        assert_eq!(table.data_type("pop"), Some(&DataType::Int64));
        assert_eq!(table.data_type("at"), Some(&oslo_type()));
        let texts: Vec<Vec<String>> = (0..table.len())
            .map(|row| {
                ["city", "pop", "at"]
                    .map(|c| table.cell_text(row, c))
                    .to_vec()
            })
            .collect();
        assert_eq!(
            texts,
            [
                ["Oslo", "709000", "2026-03-08 10:15:00 CET"],
                ["", "291000", ""],
                ["Bergen", "", "2026-07-01 14:00:00 CEST"],
            ]
        );
    }

    // Issue 12
    #[test]
    fn a_parquet_file_in_a_codec_brook_does_not_read_says_which_codec() {
        // The same file as Python Polars writes it by default (zstd).
        let path = fixture("polars_zstd.parquet");
        let failed = Table::read_parquet(&path);
        let Err(DataError::File {
            action: "read",
            path: named,
            message,
        }) = &failed
        else {
            panic!("expected a file error, got {failed:?}");
        };
        assert_eq!(named, &path.display().to_string());
        assert!(
            message.starts_with("it is compressed with zstd, which brook does not read"),
            "{message}"
        );
        assert!(message.contains("Snappy"), "says what it reads: {message}");
    }

    // Issue 12
    #[test]
    fn a_truncated_parquet_file_is_an_error_not_a_crash() {
        let bytes = every_type().to_parquet_bytes().unwrap_or_default();
        assert!(bytes.len() > 16);
        for cut in [4, 8, bytes.len() / 2, bytes.len() - 9, bytes.len() - 1] {
            let cut_bytes = bytes.get(..cut).unwrap_or_default();
            let read = Table::from_parquet_bytes(cut_bytes);
            assert!(
                matches!(read, Err(DataError::Parquet(_))),
                "cut at {cut}: {read:?}"
            );
        }
        // The magic bytes kept at both ends, the middle damaged.
        let mut damaged = bytes.clone();
        let middle = damaged.len() / 2;
        for byte in damaged.iter_mut().skip(8).take(middle) {
            *byte = 0xff;
        }
        assert!(Table::from_parquet_bytes(&damaged).is_err());
    }
}

#[cfg(feature = "polars")]
mod polars_frames {
    use brook_engine::data::DataError;
    use brook_engine::data::arrow::array::Int8Array;
    use polars::prelude::{
        Column, DataFrame, DataType as PlType, Int32Chunked, Int64Chunked, IntoColumn as _,
        IntoSeries as _, NamedFrom as _, Series, TimeUnit as PlUnit, TimeZone as PlZone,
    };

    use super::*;

    fn oslo() -> Option<PlZone> {
        PlZone::opt_try_new(Some("Europe/Oslo")).ok().flatten()
    }

    /// A frame with a column of every type in the issue, each with a null.
    fn frame() -> DataFrame {
        let columns: Vec<Column> = vec![
            Series::new("int".into(), [Some(-7_i64), None, Some(i64::MAX)]).into_column(),
            Series::new("int32".into(), [Some(1_i32), Some(2), None]).into_column(),
            Series::new("uint".into(), [None, Some(3_u32), Some(u32::MAX)]).into_column(),
            Series::new("float".into(), [Some(1.5_f64), None, Some(-0.25)]).into_column(),
            Series::new("flag".into(), [Some(true), Some(false), None]).into_column(),
            Series::new(
                "text".into(),
                [
                    Some("Oslo"),
                    None,
                    Some("a longer text than twelve bytes, æøå"),
                ],
            )
            .into_column(),
            Int32Chunked::new("day".into(), [Some(MARCH_8), None, Some(0)])
                .into_date()
                .into_series()
                .into_column(),
            Int64Chunked::new("naive".into(), [Some(MARCH_8_0915_UTC), None, Some(0)])
                .into_datetime(PlUnit::Microseconds, None)
                .into_series()
                .into_column(),
            Int64Chunked::new(
                "oslo".into(),
                [Some(MARCH_8_0915_UTC), Some(JULY_1_1200_UTC), None],
            )
            .into_datetime(PlUnit::Microseconds, oslo())
            .into_series()
            .into_column(),
            Int64Chunked::new("took".into(), [Some(90_000_000), None, Some(-1)])
                .into_duration(PlUnit::Microseconds)
                .into_series()
                .into_column(),
        ];
        DataFrame::new_infer_height(columns).unwrap_or_else(|error| panic!("the frame: {error}"))
    }

    // Issue 12
    #[test]
    fn a_polars_frame_becomes_a_table_with_the_same_values_and_back_equal() {
        let frame = frame();
        let table = Table::from_polars(&frame).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(table.len(), 3);
        assert_eq!(
            table.column_names().collect::<Vec<_>>(),
            [
                "int", "int32", "uint", "float", "flag", "text", "day", "naive", "oslo", "took"
            ]
        );
        let types: Vec<DataType> = table
            .schema()
            .fields()
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        assert_eq!(
            types,
            [
                DataType::Int64,
                DataType::Int32,
                DataType::UInt32,
                DataType::Float64,
                DataType::Boolean,
                DataType::Utf8View,
                DataType::Date32,
                DataType::Timestamp(TimeUnit::Microsecond, None),
                oslo_type(),
                DataType::Duration(TimeUnit::Microsecond),
            ]
        );
        // The same values and nulls as the brook table built directly.
        let expected = every_type();
        for name in table.column_names() {
            assert_eq!(table.array(name), expected.array(name), "column {name}");
        }
        assert_eq!(
            table.column::<Int64Array>("int").ok().map(|a| a.value(2)),
            Some(i64::MAX)
        );
        assert_eq!(table.cell_text(0, "text"), "Oslo");
        assert_eq!(table.cell_text(1, "text"), "");
        assert_eq!(table.cell_text(0, "day"), "2026-03-08");
        assert_eq!(table.cell_text(0, "naive"), "2026-03-08 09:15:00");
        assert_eq!(table.cell_text(0, "oslo"), "2026-03-08 10:15:00 CET");
        assert_eq!(table.cell_text(2, "oslo"), "");
        assert_eq!(table.cell_text(0, "took"), expected.cell_text(0, "took"));

        let back = table.to_polars().unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(back.schema(), frame.schema(), "the same names and dtypes");
        assert!(back.equals_missing(&frame), "the same values and nulls");
        assert_eq!(Table::try_from(&back).ok(), Some(table));
    }

    // Issue 12
    #[test]
    fn a_polars_datetime_with_a_zone_keeps_its_zone_name_both_ways() {
        for unit in [
            PlUnit::Milliseconds,
            PlUnit::Microseconds,
            PlUnit::Nanoseconds,
        ] {
            let per_micro = match unit {
                PlUnit::Milliseconds => 0, // divided below
                PlUnit::Microseconds => 1,
                PlUnit::Nanoseconds => 1_000,
            };
            let value = if per_micro == 0 {
                MARCH_8_0915_UTC / 1_000
            } else {
                MARCH_8_0915_UTC * per_micro
            };
            let column = Int64Chunked::new("at".into(), [Some(value), None])
                .into_datetime(unit, oslo())
                .into_series()
                .into_column();
            let frame =
                DataFrame::new_infer_height(vec![column]).unwrap_or_else(|error| panic!("{error}"));
            let table = Table::try_from(&frame).unwrap_or_else(|error| panic!("{error}"));
            let Some(DataType::Timestamp(_, Some(zone))) = table.data_type("at") else {
                panic!("{unit:?}: {:?}", table.data_type("at"));
            };
            assert_eq!(zone.as_ref(), "Europe/Oslo");
            assert_eq!(
                table.cell_text(0, "at"),
                "2026-03-08 10:15:00 CET",
                "{unit:?}"
            );
            let back = table.to_polars().unwrap_or_else(|error| panic!("{error}"));
            let dtype = back.column("at").map(|c| c.dtype().clone()).ok();
            assert_eq!(dtype, Some(PlType::Datetime(unit, oslo())));
            assert!(back.equals_missing(&frame));
        }
    }

    // Issue 12
    #[test]
    fn a_brook_table_reaches_polars_and_comes_back_equal() {
        let table = every_type();
        let frame = table.to_polars().unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(frame.shape(), (3, 11));
        let oslo_dtype = frame.column("oslo").map(|c| c.dtype().clone()).ok();
        assert_eq!(
            oslo_dtype,
            Some(PlType::Datetime(PlUnit::Microseconds, oslo()))
        );
        assert_eq!(
            frame.column("nothing").map(|c| c.null_count()).ok(),
            Some(3)
        );
        let back = Table::from_polars(&frame).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(back, table);

        // A table from CSV (zone as an offset) and a slice of one.
        let csv =
            Table::from_csv("at,n\n2026-03-08T09:15:00+01:00,1\n2026-03-09T09:15:00+01:00,\n")
                .unwrap_or_default();
        let back = csv.to_polars().and_then(|frame| Table::from_polars(&frame));
        assert_eq!(back.ok(), Some(csv.clone()));
        let tail = csv.slice(1, 1);
        let back = tail
            .to_polars()
            .and_then(|frame| Table::from_polars(&frame));
        assert_eq!(back.ok(), Some(tail));
    }

    // Issue 12
    #[test]
    fn a_list_column_reaches_polars_and_comes_back_with_its_values() {
        #[derive(serde::Serialize)]
        struct Row {
            name: &'static str,
            tags: Vec<&'static str>,
            sizes: Option<Vec<i64>>,
        }
        let rows = [
            Row {
                name: "a",
                tags: vec!["x", "y"],
                sizes: Some(vec![1, 2]),
            },
            Row {
                name: "b",
                tags: vec![],
                sizes: None,
            },
        ];
        let table = Table::from_rows(&rows).unwrap_or_default();
        let frame = table.to_polars().unwrap_or_else(|error| panic!("{error}"));
        assert!(matches!(
            frame.column("tags").map(|c| c.dtype().clone()),
            Ok(PlType::List(_))
        ));
        let back = Table::from_polars(&frame).unwrap_or_else(|error| panic!("{error}"));
        for row in 0..2 {
            for column in ["name", "tags", "sizes"] {
                assert_eq!(
                    back.cell_text(row, column),
                    table.cell_text(row, column),
                    "{column} {row}"
                );
            }
        }
        assert_eq!(back.cell_text(0, "tags"), "[x, y]");
        assert_eq!(back.cell_text(1, "sizes"), "");
    }

    // Issue 12
    #[test]
    fn small_integers_widen_for_polars_and_a_struct_column_is_an_error_naming_it() {
        let small = Int8Array::from(vec![Some(-128), None]);
        let batch = RecordBatch::try_from_iter([("small", Arc::new(small) as ArrayRef)]);
        let table = Table::from(batch.unwrap_or_else(|error| panic!("{error}")));
        let frame = table.to_polars().unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            frame.column("small").map(|c| c.dtype().clone()).ok(),
            Some(PlType::Int32)
        );
        let back = Table::from_polars(&frame).unwrap_or_else(|error| panic!("{error}"));
        let values = back.column::<Int32Array>("small").ok().cloned();
        assert_eq!(values, Some(Int32Array::from(vec![Some(-128), None])));

        #[derive(serde::Serialize)]
        struct Inner {
            x: i64,
        }
        #[derive(serde::Serialize)]
        struct Row {
            name: &'static str,
            point: Inner,
        }
        let nested = Table::from_rows(&[Row {
            name: "a",
            point: Inner { x: 1 },
        }])
        .unwrap_or_default();
        assert!(matches!(
            nested.data_type("point"),
            Some(DataType::Struct(_))
        ));
        let failed = nested.to_polars();
        let Err(DataError::Polars(message)) = &failed else {
            panic!(
                "expected a Polars error, got {:?}",
                failed.map(|f| f.shape())
            );
        };
        assert!(message.contains("\"point\""), "{message}");
    }
}
