//! Parquet files (brook-engine's `parquet` feature) and Polars data frames
//! (its `polars` feature) in and out of a [`Table`].
//!
//! Parquet goes through the `parquet` crate's Arrow reader and writer, so
//! every Arrow type a table holds is written with its Arrow schema and
//! comes back as it was. Polars has its own Arrow implementation, so a
//! table crosses to it and back as Arrow IPC stream bytes, written by one
//! side and read by the other: no `unsafe`, and the data is serialized
//! once each way.

#[cfg(feature = "parquet")]
mod parquet_io {
    use std::path::Path;

    use arrow_array::RecordBatch;
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    use parquet::file::reader::ChunkReader;

    use crate::data::{DataError, Table, text_as_views};

    impl Table {
        /// A table from a Parquet file: its columns, names, types and nulls
        /// as they were written. A file brook wrote comes back equal to the
        /// table written; zone-aware timestamps keep their zone name
        /// ("Europe/Oslo"), durations stay durations. Text columns come back
        /// as string views (`Utf8View`, brook's one type of text), whatever
        /// the file's string type.
        ///
        /// Brook reads uncompressed and Snappy-compressed Parquet (the
        /// default of pandas, pyarrow, Spark and brook itself); a file
        /// compressed otherwise (zstd, which Polars writes by default, gzip,
        /// LZ4, Brotli) is refused with an error naming the codec.
        ///
        /// ```
        /// use brook_engine::data::Table;
        ///
        /// let path = std::env::temp_dir()
        ///     .join(format!("brook-doc-read-{}.parquet", std::process::id()));
        /// let prices = Table::from_csv("item,price\npen,1.5\nink,\n").unwrap();
        /// prices.write_parquet(&path).unwrap();
        ///
        /// let back = Table::read_parquet(&path).unwrap();
        /// assert_eq!(back, prices);
        /// assert_eq!(back.cell_text(0, "price"), "1.5");
        /// # std::fs::remove_file(&path).ok();
        /// ```
        ///
        /// # Errors
        /// [`DataError::File`] with `action` "read" and the path when the
        /// file cannot be opened, is not Parquet, is damaged, or uses a
        /// codec or type brook cannot read; the message says which.
        pub fn read_parquet(path: impl AsRef<Path>) -> Result<Self, DataError> {
            let path = path.as_ref();
            let fail = |message: String| DataError::File {
                action: "read",
                path: path.display().to_string(),
                message,
            };
            let file = std::fs::File::open(path).map_err(|error| fail(error.to_string()))?;
            if file.metadata().is_ok_and(|meta| meta.is_dir()) {
                return Err(fail("it is a folder, not a Parquet file".to_owned()));
            }
            read(file).map_err(fail)
        }

        /// A table from the bytes of a Parquet file, such as a file a person
        /// uploaded, read as [`Table::read_parquet`] reads a file. The bytes
        /// are copied once.
        ///
        /// ```
        /// use brook_engine::data::Table;
        ///
        /// let table = Table::from_csv("city,pop\nOslo,709000\n").unwrap();
        /// let bytes = table.to_parquet_bytes().unwrap();
        /// assert_eq!(Table::from_parquet_bytes(&bytes).unwrap(), table);
        /// assert!(Table::from_parquet_bytes(b"city,pop\n").is_err());
        /// ```
        ///
        /// # Errors
        /// [`DataError::Parquet`] when the bytes are not a Parquet file, are
        /// damaged, or use a codec or type brook cannot read.
        pub fn from_parquet_bytes(bytes: &[u8]) -> Result<Self, DataError> {
            read(bytes::Bytes::copy_from_slice(bytes)).map_err(DataError::Parquet)
        }

        /// Writes the table to a Parquet file at `path`, Snappy-compressed,
        /// with its Arrow schema, so [`Table::read_parquet`] gives back an
        /// equal table (pandas, Polars, DuckDB and Spark read it too). The
        /// folders on the way are created.
        ///
        /// The write is atomic and durable: the file is written beside
        /// `path` under a temporary name, flushed to disk and renamed over
        /// `path`. A reader sees the old file or the new one, never part of
        /// one, and a failed write leaves the old file as it was and no
        /// temporary file behind.
        ///
        /// ```
        /// use brook_engine::data::Table;
        ///
        /// let path = std::env::temp_dir()
        ///     .join(format!("brook-doc-write-{}.parquet", std::process::id()));
        /// Table::from_csv("n\n1\n").unwrap().write_parquet(&path).unwrap();
        /// Table::from_csv("n\n2\n").unwrap().write_parquet(&path).unwrap();
        /// assert_eq!(Table::read_parquet(&path).unwrap().cell_text(0, "n"), "2");
        /// # std::fs::remove_file(&path).ok();
        /// ```
        ///
        /// # Errors
        /// [`DataError::File`] with `action` "write" and the path when the
        /// folder cannot be made or written to, a folder is at `path`, the
        /// disk is full, or a column's type has no Parquet form (a union, a
        /// struct with no fields).
        pub fn write_parquet(&self, path: impl AsRef<Path>) -> Result<(), DataError> {
            let path = path.as_ref();
            crate::files::write_atomically_with(path, |file| write(&self.batch, file)).map_err(
                |error| DataError::File {
                    action: "write",
                    path: path.display().to_string(),
                    message: error.to_string(),
                },
            )
        }

        /// The table as the bytes of a Parquet file, as
        /// [`Table::write_parquet`] writes it (for a download button, say).
        ///
        /// # Errors
        /// [`DataError::Parquet`] when a column's type has no Parquet form
        /// (a union, a struct with no fields).
        pub fn to_parquet_bytes(&self) -> Result<Vec<u8>, DataError> {
            let mut bytes = Vec::new();
            write(&self.batch, &mut bytes)
                .map_err(|error| DataError::Parquet(error.to_string()))?;
            Ok(bytes)
        }
    }

    /// The whole Parquet file behind `reader` as one batch, text as views.
    fn read<R: ChunkReader + 'static>(reader: R) -> Result<Table, String> {
        // The parquet reader may panic on a damaged file; its message is
        // the error then.
        let read = crate::guard::quietly(|| -> Result<RecordBatch, String> {
            let builder = ParquetRecordBatchReaderBuilder::try_new(reader).map_err(|error| {
                format!("it is not a Parquet file, or it is cut short or damaged ({error})")
            })?;
            let schema = builder.schema().clone();
            // All rows in one batch when they fit, so no concatenation
            // copies them again.
            let rows = builder.metadata().file_metadata().num_rows();
            let batch_size = usize::try_from(rows).unwrap_or(usize::MAX).max(1);
            let reader = builder
                .with_batch_size(batch_size)
                .build()
                .map_err(|error| data_error(&error.to_string()))?;
            let batches = reader
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| data_error(&error.to_string()))?;
            match <[RecordBatch; 1]>::try_from(batches) {
                Ok([batch]) => Ok(batch),
                Err(batches) => arrow_select::concat::concat_batches(&schema, &batches)
                    .map_err(|e| e.to_string()),
            }
        });
        let batch = match read {
            Ok(batch) => batch?,
            Err(panic) => return Err(format!("the Parquet reader failed: {panic}")),
        };
        text_as_views(batch)
            .map(Table::from)
            .map_err(|e| e.to_string())
    }

    /// Why a Parquet file's data could not be read, from the parquet
    /// crate's message.
    fn data_error(message: &str) -> String {
        const DISABLED: &str = "Disabled feature at compile time: ";
        let Some(at) = message.find(DISABLED) else {
            return format!("its data cannot be read ({message})");
        };
        let codec = match message
            .get(at + DISABLED.len()..)
            .unwrap_or_default()
            .trim()
        {
            "flate2" => "gzip",
            "lz4" => "LZ4",
            "brotli" => "Brotli",
            other => other,
        };
        format!(
            "it is compressed with {codec}, which brook does not read; brook reads \
             Snappy-compressed and uncompressed Parquet (from Polars: \
             `write_parquet(path, compression=\"snappy\")`)"
        )
    }

    /// Writes `batch` as a Parquet file to `out`.
    fn write(batch: &RecordBatch, out: impl std::io::Write + Send) -> std::io::Result<()> {
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        // The writer panics on a column it has no Parquet form for (a
        // union); that is an error like any other here.
        let written = crate::guard::quietly(|| {
            let mut writer = ArrowWriter::try_new(out, batch.schema(), Some(properties))?;
            writer.write(batch)?;
            writer.close().map(drop)
        });
        match written {
            Ok(Ok(())) => Ok(()),
            Ok(Err(parquet::errors::ParquetError::External(inner))) => match inner.downcast() {
                Ok(io) => Err(*io),
                Err(other) => Err(std::io::Error::other(other)),
            },
            Ok(Err(other)) => Err(std::io::Error::other(other)),
            Err(panic) => Err(std::io::Error::other(format!(
                "the Parquet writer cannot write this table: {panic}"
            ))),
        }
    }
}

#[cfg(feature = "polars")]
mod polars_io {
    use std::io::Cursor;
    use std::sync::Arc;

    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema};
    use polars::prelude::{
        CompatLevel, DataFrame, IpcStreamReader, IpcStreamWriter, SerReader as _, SerWriter as _,
    };

    use crate::data::{DataError, Table, read_ipc, text_as_views};

    impl Table {
        /// A table from a Polars `DataFrame`, with the same columns, names,
        /// values and nulls.
        ///
        /// Types carry over: integers, floats and booleans keep their width,
        /// strings become string views (`Utf8View`), dates `Date32`,
        /// datetimes timestamps in their unit (`Datetime("us", ..)` becomes
        /// `Timestamp(Microsecond, ..)`) with their zone name
        /// ("Europe/Oslo"), durations durations, lists lists; categoricals
        /// become dictionary columns. [`Table::to_polars`] gives back an
        /// equal `DataFrame`.
        ///
        /// The frame crosses as Arrow IPC stream bytes that Polars writes and
        /// brook reads: its data is copied into the bytes and read from them. [`Table::try_from`] does the same, for
        /// `st.dataframe(&Table::try_from(&df)?)`.
        ///
        /// ```
        /// use brook_engine::data::Table;
        /// use brook_engine::data::arrow::array::{Array as _, Int64Array};
        /// use polars::prelude::*;
        ///
        /// let frame = df!(
        ///     "city" => ["Oslo", "Bergen"],
        ///     "pop" => [Some(709_000_i64), None],
        /// ).unwrap();
        /// let table = Table::from_polars(&frame).unwrap();
        /// assert_eq!(table.cell_text(0, "city"), "Oslo");
        /// let pop = table.column::<Int64Array>("pop").unwrap();
        /// assert!(pop.is_null(1));
        /// assert!(table.to_polars().unwrap().equals_missing(&frame));
        /// ```
        ///
        /// # Errors
        /// [`DataError::Polars`] when Polars cannot write the frame as
        /// Arrow (a column of Rust objects).
        pub fn from_polars(frame: &DataFrame) -> Result<Self, DataError> {
            let mut frame = frame.clone();
            let mut bytes = Vec::new();
            let written = crate::guard::quietly(|| {
                IpcStreamWriter::new(&mut bytes)
                    .with_compat_level(CompatLevel::newest())
                    .finish(&mut frame)
            });
            match written {
                Ok(Ok(())) => {}
                Ok(Err(error)) => return Err(polars_error(&error.to_string())),
                Err(panic) => return Err(polars_error(&panic)),
            }
            let table = read_ipc(&bytes)?;
            Ok(Self::from(text_as_views(table.batch().clone())?))
        }

        /// The table as a Polars `DataFrame`, for group-by, joins, pivots
        /// and the rest of Polars.
        ///
        /// Columns keep their names, values and nulls. Integers (of 32 and
        /// 64 bits), floats, booleans, text, dates, timestamps (zone name
        /// kept; seconds become milliseconds, which is Polars' coarsest
        /// unit) and durations keep their types. Types Polars has no
        /// counterpart for in brook's build are widened without loss: 8-
        /// and 16-bit integers to 32 bits, 16-bit floats to 32 bits,
        /// dictionary columns to their values. Lists of these become lists.
        ///
        /// ```
        /// use brook_engine::data::Table;
        ///
        /// let table = Table::from_csv("item,price\npen,1.5\nink,\n").unwrap();
        /// let frame = table.to_polars().unwrap();
        /// assert_eq!(frame.shape(), (2, 2));
        /// assert_eq!(frame.column("price").unwrap().null_count(), 1);
        /// assert_eq!(Table::from_polars(&frame).unwrap(), table);
        /// ```
        ///
        /// # Errors
        /// [`DataError::Polars`] naming the column when one holds a type
        /// brook does not carry to Polars (structs, decimals, times of day,
        /// intervals, maps, fixed-size lists, unions), or when Polars
        /// refuses the data.
        pub fn to_polars(&self) -> Result<DataFrame, DataError> {
            let batch = for_polars(&self.batch)?;
            let mut bytes = Vec::new();
            let written = (|| {
                let mut writer =
                    arrow_ipc::writer::StreamWriter::try_new(&mut bytes, batch.schema_ref())?;
                writer.write(&batch)?;
                writer.finish()
            })();
            written?;
            // Polars panics on some input it cannot take (a zone name it
            // cannot parse when its `timezones` feature is on): an error
            // then, not a crash.
            let read = crate::guard::quietly(|| IpcStreamReader::new(Cursor::new(bytes)).finish());
            match read {
                Ok(Ok(frame)) => Ok(frame),
                Ok(Err(error)) => Err(polars_error(&error.to_string())),
                Err(panic) => Err(polars_error(&panic)),
            }
        }
    }

    /// `Table::try_from(&df)` is [`Table::from_polars`], so anything that
    /// shows a table takes a Polars frame: `st.dataframe(&Table::try_from(&df)?)`.
    impl TryFrom<&DataFrame> for Table {
        type Error = DataError;

        fn try_from(frame: &DataFrame) -> Result<Self, DataError> {
            Self::from_polars(frame)
        }
    }

    /// Tables and charts take a Polars frame directly:
    /// `st.dataframe(&df).show()`, `st.bar_chart(&df)`.
    impl crate::data::IntoTable for &DataFrame {
        fn into_table(self) -> Result<Table, DataError> {
            Table::from_polars(self)
        }
    }

    fn polars_error(message: &str) -> DataError {
        DataError::Polars(message.to_owned())
    }

    /// The batch with every column in a type Polars reads, or the error
    /// naming the first column that has none.
    fn for_polars(batch: &RecordBatch) -> Result<RecordBatch, DataError> {
        let schema = batch.schema();
        let mut fields = Vec::with_capacity(batch.num_columns());
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(batch.num_columns());
        let mut changed = false;
        for (field, column) in schema.fields().iter().zip(batch.columns()) {
            let Some(wanted) = polars_type(field.data_type()) else {
                return Err(DataError::Polars(format!(
                    "column {:?} holds {}, which brook does not carry to Polars \
                     (numbers, booleans, text, binary, dates, date-times, durations \
                     and lists of them are carried)",
                    field.name(),
                    field.data_type()
                )));
            };
            if wanted == *field.data_type() {
                columns.push(Arc::clone(column));
                fields.push(field.as_ref().clone());
            } else {
                changed = true;
                columns.push(arrow_cast::cast(column, &wanted)?);
                fields.push(field.as_ref().clone().with_data_type(wanted));
            }
        }
        if !changed {
            return Ok(batch.clone());
        }
        let schema = Schema::new_with_metadata(fields, schema.metadata().clone());
        Ok(RecordBatch::try_new(Arc::new(schema), columns)?)
    }

    /// The type a column of type `data_type` is handed to Polars as (the
    /// same, or a wider one Polars reads in brook's build), or `None` when
    /// there is none.
    fn polars_type(data_type: &DataType) -> Option<DataType> {
        use DataType as T;
        Some(match data_type {
            T::Null
            | T::Boolean
            | T::Int32
            | T::Int64
            | T::UInt32
            | T::UInt64
            | T::Float32
            | T::Float64
            | T::Utf8View
            | T::Utf8
            | T::LargeUtf8
            | T::BinaryView
            | T::Binary
            | T::LargeBinary
            | T::Date32
            | T::Date64
            | T::Timestamp(..)
            | T::Duration(_) => data_type.clone(),
            T::Int8 | T::Int16 => T::Int32,
            T::UInt8 | T::UInt16 => T::UInt32,
            T::Float16 => T::Float32,
            T::Dictionary(_, values) => polars_type(values)?,
            T::List(item) => T::List(Arc::new(item_for_polars(item)?)),
            T::LargeList(item) => T::LargeList(Arc::new(item_for_polars(item)?)),
            _ => return None,
        })
    }

    fn item_for_polars(item: &Field) -> Option<Field> {
        Some(item.clone().with_data_type(polars_type(item.data_type())?))
    }
}
