//! `data_editor`: a table whose cells a person edits like a spreadsheet,
//! and (with [`NumRows::Dynamic`]) whose rows they add and delete. The
//! script gets the table with the edits applied; session state holds the
//! edits under the editor's key, in Streamlit's shape ([`TableEdits`]).

use std::collections::BTreeSet;

use brook_engine::St;
use brook_engine::data::{
    Cell, CellText, ColumnConfig, EditorRow, IntoTable, NumRows, Table, TableConfig, TableEdits,
    cell_array, check_cell, is_editable, missing_required, parse_cell, raw_text,
};
use brook_engine::element::{Element, Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use egui::{Id, Key, Modifiers, RichText, Ui};
use parking_lot::Mutex;

use crate::common::{Common, WidgetOptions};
use crate::render::Frame;

/// Data editors on [`St`]. In the prelude.
pub trait DataEditorExt {
    /// A table the person can edit: a [`Table`], a slice or `Vec` of
    /// `Serialize` rows, or an Arrow `RecordBatch`. Returns the table with
    /// the person's edits applied; session state holds the edits (a
    /// [`TableEdits`]) under the editor's key.
    ///
    /// Click a cell, or move to it with the arrow keys, then type, press
    /// Enter or F2 to edit it; Enter saves and moves down, Tab saves and
    /// moves right, Escape cancels. Space toggles a checkbox cell. Delete
    /// empties the selected cells (or deletes the rows selected by their
    /// number, with [`NumRows::Dynamic`]). Ctrl+C copies the selected
    /// range as tab-separated text and Ctrl+V pastes such text at the
    /// cursor, so rows move to and from a spreadsheet.
    ///
    /// ```no_run
    /// # use brook_widgets::prelude::*;
    /// # fn script(st: &St, tickets: &Table) {
    /// let edited = st
    ///     .data_editor(tickets)
    ///     .column("status", ColumnConfig::new().options(["open", "closed"]).required(true))
    ///     .column("id", ColumnConfig::new().disabled(true))
    ///     .num_rows(NumRows::Dynamic)
    ///     .key("tickets")
    ///     .show();
    /// st.write(format!("{} tickets", edited.len()));
    /// # }
    /// ```
    fn data_editor<D: IntoTable>(&self, data: D) -> DataEditor<'_>;
}

impl DataEditorExt for St {
    fn data_editor<D: IntoTable>(&self, data: D) -> DataEditor<'_> {
        DataEditor {
            st: self,
            table: data.into_table().map_err(|e| e.to_string()),
            config: TableConfig::default(),
            num_rows: NumRows::Fixed,
            common: Common::default(),
        }
    }
}

/// A data editor builder; finish with [`DataEditor::show`].
#[must_use = "call .show() to place the editor"]
pub struct DataEditor<'a> {
    st: &'a St,
    table: Result<Table, String>,
    config: TableConfig,
    num_rows: NumRows,
    common: Common,
}

impl WidgetOptions for DataEditor<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl DataEditor<'_> {
    /// How the column `name` is shown and edited: label, width, format,
    /// hidden, and the editing rules (`disabled`, `required`,
    /// `default_value`, `min`, `max`, `step`, `max_chars`, `options`).
    pub fn column(mut self, name: impl Into<String>, config: ColumnConfig) -> Self {
        self.config.columns.push((name.into(), config));
        self
    }

    /// Makes these columns read-only (Streamlit's `disabled=[...]`).
    pub fn disabled_columns<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        for name in names {
            let name = name.into();
            let config = self
                .config
                .column(&name)
                .cloned()
                .unwrap_or_default()
                .disabled(true);
            self.config.columns.push((name, config));
        }
        self
    }

    /// Whether rows can be added and deleted (default: fixed).
    pub fn num_rows(mut self, num_rows: NumRows) -> Self {
        self.num_rows = num_rows;
        self
    }

    /// Hides the row-number column (rows can then be deleted only by
    /// selecting cells in them).
    pub fn hide_index(mut self) -> Self {
        self.config.hide_index = true;
        self
    }

    /// The editor's height in points (default 360).
    pub fn height(mut self, points: f32) -> Self {
        self.config.height = Some(points);
        self
    }

    /// Places the editor; returns the table with the person's edits.
    ///
    /// Data that cannot be a table, a column setting naming no column, or
    /// a table with a column name twice (edits name their column) is an
    /// error box saying which (and the table is returned as given).
    pub fn show(self) -> Table {
        let given = self.table.clone().unwrap_or_default();
        let Some(table) =
            crate::table::checked_table(self.st, self.table, &self.config, "data editor")
        else {
            return given;
        };
        // Edits name their column: a name given twice would be ambiguous.
        let mut seen = BTreeSet::new();
        let twice = table
            .column_names()
            .find(|name| !seen.insert(*name))
            .map(str::to_owned);
        if let Some(twice) = twice {
            self.st.emit(Element::Exception {
                message: format!(
                    "The data editor's table has the column \"{twice}\" more than once. Give each column its own name."
                ),
                location: None,
            });
            return table;
        }
        let dynamic = self.num_rows == NumRows::Dynamic;
        let columns: Vec<String> = table
            .schema()
            .fields()
            .iter()
            .map(|f| format!("{}:{}", f.name(), f.data_type()))
            .collect();
        let rows = table.len();
        let codec = EditsCodec {
            table: table.clone(),
            config: self.config.clone(),
            dynamic,
        };
        let config = self.config.clone();
        let edits: TableEdits = self.st.widget(
            self.common.call(
                WidgetSpec::DataEditor {
                    table: table.clone(),
                    config: self.config,
                    dynamic,
                },
                String::new(),
                TableEdits::default(),
                false,
                codec,
            ),
            |id| {
                id.param("columns", &columns)
                    .param("rows", rows)
                    .param("dynamic", dynamic);
            },
        );
        match applied(&table, &edits, &config) {
            Ok(edited) => edited,
            Err(message) => {
                self.st.emit(Element::Exception {
                    message: format!("The data editor's edits cannot be applied: {message}"),
                    location: None,
                });
                table
            }
        }
    }
}

/// The last tables edited, with their edits and the result: a rerun that
/// did not change the edits gets the result at once instead of applying
/// them again (for a million rows, rebuilding a column costs milliseconds).
struct Applied {
    input: Table,
    edits: TableEdits,
    config: TableConfig,
    output: Table,
}

static APPLIED: Mutex<Vec<Applied>> = Mutex::new(Vec::new());
/// How many applied tables are kept.
const APPLIED_KEPT: usize = 4;

fn applied(table: &Table, edits: &TableEdits, config: &TableConfig) -> Result<Table, String> {
    if edits.is_empty() {
        return Ok(table.clone());
    }
    let previous = {
        let kept = APPLIED.lock();
        if let Some(hit) = kept
            .iter()
            .find(|a| a.input.same_as(table) && a.edits == *edits && a.config == *config)
        {
            return Ok(hit.output.clone());
        }
        // The last result for this table when only cells changed since
        // (no rows added or deleted): the new cells are applied to it, so
        // one edit rebuilds one column, not every edited column again.
        kept.iter()
            .rev()
            .find(|a| {
                a.input.same_as(table)
                    && a.config == *config
                    && a.edits.added_rows.is_empty()
                    && a.edits.deleted_rows.is_empty()
                    && edits.added_rows.is_empty()
                    && edits.deleted_rows.is_empty()
            })
            .and_then(|a| cell_delta(&a.edits, edits).map(|delta| (a.output.clone(), delta)))
    };
    let output = match previous {
        Some((base, delta)) => base.with_edits(&delta, config),
        None => table.with_edits(edits, config),
    }
    .map_err(|e| e.to_string())?;
    let mut kept = APPLIED.lock();
    kept.retain(|a| !a.input.same_as(table));
    if kept.len() >= APPLIED_KEPT {
        kept.remove(0);
    }
    kept.push(Applied {
        input: table.clone(),
        edits: edits.clone(),
        config: config.clone(),
        output: output.clone(),
    });
    Ok(output)
}

/// The cells `new` holds that `old` does not (new or changed), when `new`
/// keeps every cell `old` edited; `None` when a cell went back to the
/// table's value (the result must then be built from the table).
fn cell_delta(old: &TableEdits, new: &TableEdits) -> Option<TableEdits> {
    for (row, cells) in &old.edited_rows {
        let now = new.edited_rows.get(row)?;
        if cells.keys().any(|column| !now.contains_key(column)) {
            return None;
        }
    }
    let mut delta = TableEdits::default();
    for (row, cells) in &new.edited_rows {
        for (column, cell) in cells {
            if old.edited_rows.get(row).and_then(|c| c.get(column)) != Some(cell) {
                delta
                    .edited_rows
                    .entry(*row)
                    .or_default()
                    .insert(column.clone(), cell.clone());
            }
        }
    }
    Some(delta)
}

/// Checks edits against the editor's table and column rules.
struct EditsCodec {
    table: Table,
    config: TableConfig,
    dynamic: bool,
}

impl EditsCodec {
    /// The edits with every cell made fit for its column, or why they
    /// cannot be taken.
    fn validate(&self, edits: &TableEdits) -> Result<TableEdits, String> {
        let len = self.table.len();
        let mut out = TableEdits::default();
        let column_rule =
            |name: &str| -> Result<(&arrow_schema::DataType, Option<&ColumnConfig>), String> {
                let data_type = self.table.data_type(name).ok_or_else(|| {
                    format!(
                        "The data editor has no column \"{name}\"; its columns are {:?}.",
                        self.table.column_names().collect::<Vec<_>>()
                    )
                })?;
                Ok((data_type, self.config.column(name)))
            };
        if !self.dynamic && (!edits.added_rows.is_empty() || !edits.deleted_rows.is_empty()) {
            return Err(
                "Rows cannot be added or deleted in this data editor: its rows are fixed (use `.num_rows(NumRows::Dynamic)`)."
                    .to_owned(),
            );
        }
        for &row in &edits.deleted_rows {
            if row >= len {
                return Err(format!(
                    "Row {row} cannot be deleted: the table has {len} rows."
                ));
            }
        }
        out.deleted_rows = edits.deleted_rows.clone();
        out.deleted_rows.sort_unstable();
        out.deleted_rows.dedup();
        for (&row, cells) in &edits.edited_rows {
            if row >= len {
                return Err(format!(
                    "Row {row} cannot be edited: the table has {len} rows."
                ));
            }
            if out.deleted_rows.binary_search(&row).is_ok() {
                continue;
            }
            for (name, cell) in cells {
                let (data_type, config) = column_rule(name)?;
                if config.is_some_and(|c| c.disabled) {
                    return Err(format!(
                        "Column \"{name}\" cannot be edited: it is disabled."
                    ));
                }
                let cell = check_cell(data_type, config, cell)
                    .map_err(|why| format!("Row {row}, column \"{name}\": {why}"))?;
                out.set(EditorRow::Data(row), name, cell);
            }
        }
        for (at, added) in edits.added_rows.iter().enumerate() {
            let mut row = std::collections::BTreeMap::new();
            for (name, cell) in added {
                let (data_type, config) = column_rule(name)?;
                let cell = check_cell(data_type, config, cell)
                    .map_err(|why| format!("Added row {}, column \"{name}\": {why}", at + 1))?;
                row.insert(name.clone(), cell);
            }
            out.added_rows.push(row);
        }
        if let Some((at, name)) = missing_required(self.table.column_names(), &self.config, &out) {
            return Err(format!(
                "Added row {}: column \"{name}\" is required; give it a value.",
                at + 1
            ));
        }
        Ok(out)
    }
}

impl Codec for EditsCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::TableEdits(edits) => self
                .validate(edits)
                .ok()
                .map(|edits| Box::new(edits) as Box<dyn DynValue>),
            _ => None,
        }
    }

    fn encode(&self, value: &dyn std::any::Any) -> Value {
        Value::TableEdits(Box::new(
            value
                .downcast_ref::<TableEdits>()
                .cloned()
                .unwrap_or_default(),
        ))
    }

    fn reject_reason(&self, value: &Value, _label: &str) -> Option<String> {
        match value {
            Value::TableEdits(edits) => self
                .validate(edits)
                .err()
                .map(|why| format!("The edit was not saved. {why}")),
            _ => None,
        }
    }

    fn check(&self, value: &dyn std::any::Any) -> Checked {
        let Some(edits) = value.downcast_ref::<TableEdits>() else {
            return Checked::Valid;
        };
        match self.validate(edits) {
            Ok(valid) if valid == *edits => Checked::Valid,
            Ok(valid) => Checked::Fixed {
                value: Box::new(valid),
                reason: "cells were converted to their columns' types".to_owned(),
            },
            Err(reason) => Checked::Invalid { reason },
        }
    }
}

// ---------------------------------------------------------------------------
// Drawing and editing.

/// The padding inside a cell, in points.
const PAD: f32 = 6.0;
/// The height of an editor without a `height`, in points.
const DEFAULT_HEIGHT: f32 = 360.0;

/// The editor's state in the window, kept in egui's memory per editor.
#[derive(Clone, Debug, Default)]
struct Grid {
    /// The cell the keyboard is on: (shown row, shown column).
    cursor: Option<(usize, usize)>,
    /// The other corner of the selected range (the cursor is one corner).
    anchor: Option<(usize, usize)>,
    /// The cell being edited.
    editing: Option<Editing>,
    /// Rows selected by their number (shown places), to delete.
    rows: BTreeSet<usize>,
    /// Why the last edit or paste was refused.
    message: Option<String>,
    /// Scroll to the cursor on the next frame.
    scroll: bool,
}

#[derive(Clone, Debug)]
struct Editing {
    row: usize,
    col: usize,
    text: String,
    /// Focus the text field on its first frame.
    fresh: bool,
    /// The highlighted option of an options column.
    option: usize,
}

/// A column as the editor shows it.
struct Column<'a> {
    name: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    array: &'a arrow_array::ArrayRef,
    config: Option<&'a ColumnConfig>,
    cells: CellText<'a>,
    /// Editable: not disabled, of an editable type, and the editor is on.
    editable: bool,
    /// Why not, when it is not.
    locked: Option<String>,
    numeric: bool,
    boolean: bool,
    width: f32,
}

/// What the grid asks of a frame: the edits, the grid state, the columns.
struct Editor<'a> {
    table: &'a Table,
    columns: Vec<Column<'a>>,
    edits: TableEdits,
    grid: Grid,
    dynamic: bool,
    index: bool,
    /// The edits changed this frame: send them.
    changed: bool,
    /// The grid (not a text field) has the keyboard.
    grid_id: Id,
    /// A cell or row number was clicked this frame.
    clicked: Option<Click>,
    row_height: f32,
}

#[derive(Clone, Copy, Debug)]
enum Click {
    Cell {
        row: usize,
        col: usize,
        shift: bool,
        double: bool,
    },
    Row {
        row: usize,
        shift: bool,
        toggle: bool,
    },
}

impl Editor<'_> {
    fn len(&self) -> usize {
        self.table.len()
    }

    fn shown_rows(&self) -> usize {
        self.edits.shown_rows(self.len())
    }

    fn row(&self, place: usize) -> Option<EditorRow> {
        self.edits.row_at(place, self.len())
    }

    /// The value of a cell as it is now (edited, or the table's).
    fn cell(&self, place: usize, col: usize) -> Cell {
        let (Some(row), Some(column)) = (self.row(place), self.columns.get(col)) else {
            return Cell::Null;
        };
        if let Some(cell) = self.edits.cell(row, column.name) {
            return cell.clone();
        }
        match row {
            EditorRow::Data(row) => brook_engine::data::cell_at(column.array.as_ref(), row),
            EditorRow::Added(_) => column
                .config
                .and_then(|c| c.default.clone())
                .unwrap_or(Cell::Null),
        }
    }

    /// A cell as text to edit or copy.
    fn raw(&self, place: usize, col: usize) -> String {
        let (Some(row), Some(column)) = (self.row(place), self.columns.get(col)) else {
            return String::new();
        };
        match (self.edits.cell(row, column.name), row) {
            (None, EditorRow::Data(row)) => raw_text(column.array.as_ref(), row),
            _ => cell_array(column.array.data_type(), &self.cell(place, col))
                .map(|array| raw_text(array.as_ref(), 0))
                .unwrap_or_default(),
        }
    }

    /// A cell as it is shown (in its column's format).
    fn shown(&self, place: usize, col: usize) -> String {
        let (Some(row), Some(column)) = (self.row(place), self.columns.get(col)) else {
            return String::new();
        };
        match (self.edits.cell(row, column.name), row) {
            (None, EditorRow::Data(row)) => column.cells.text(row),
            _ => cell_array(column.array.data_type(), &self.cell(place, col))
                .map(|array| CellText::new(array.as_ref(), column.config).text(0))
                .unwrap_or_default(),
        }
    }

    /// Sets a cell from typed or pasted text, or says why not.
    fn set_text(&mut self, place: usize, col: usize, text: &str) -> Result<(), String> {
        let column = self.columns.get(col).ok_or("no such column")?;
        if let Some(why) = &column.locked {
            return Err(why.clone());
        }
        let data_type = column.array.data_type();
        let cell = parse_cell(data_type, text)
            .and_then(|cell| check_cell(data_type, column.config, &cell))?;
        self.set(place, col, cell);
        Ok(())
    }

    fn set(&mut self, place: usize, col: usize, cell: Cell) {
        let (Some(row), Some(column)) = (self.row(place), self.columns.get(col)) else {
            return;
        };
        if self.edits.cell(row, column.name) == Some(&cell) {
            return;
        }
        let name = column.name.to_owned();
        self.edits.set(row, &name, cell);
        self.changed = true;
    }

    fn add_row(&mut self) -> usize {
        self.edits
            .added_rows
            .push(std::collections::BTreeMap::new());
        self.changed = true;
        self.shown_rows() - 1
    }

    /// The selected range: rows and columns, inclusive.
    fn range(&self) -> Option<((usize, usize), (usize, usize))> {
        let cursor = self.grid.cursor?;
        let anchor = self.grid.anchor.unwrap_or(cursor);
        Some((
            (cursor.0.min(anchor.0), cursor.0.max(anchor.0)),
            (cursor.1.min(anchor.1), cursor.1.max(anchor.1)),
        ))
    }

    fn in_range(&self, place: usize, col: usize) -> bool {
        self.range().is_some_and(|((r0, r1), (c0, c1))| {
            (r0..=r1).contains(&place) && (c0..=c1).contains(&col)
        })
    }

    /// The selected range as tab-separated text, a line per row.
    fn copy_text(&self) -> Option<String> {
        let ((r0, r1), (c0, c1)) = self.range()?;
        let lines: Vec<String> = (r0..=r1)
            .map(|place| {
                (c0..=c1)
                    .map(|col| self.raw(place, col).replace(['\t', '\n', '\r'], " "))
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        Some(lines.join("\n"))
    }

    /// Pastes tab-separated text at the cursor: one line per row, cells
    /// by tabs. Rows past the last are added when rows are dynamic. Cells
    /// that do not fit their column are refused (and counted).
    fn paste(&mut self, text: &str) {
        let Some((top, left)) = self.grid.cursor else {
            return;
        };
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let mut refused: Vec<String> = Vec::new();
        let mut bottom = top;
        let mut right = left;
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let place = top + i;
            if place >= self.shown_rows() {
                if !self.dynamic {
                    refused.push(format!(
                        "{} rows past the last were not pasted: this editor's rows are fixed.",
                        text.split('\n').count() - i
                    ));
                    break;
                }
                self.add_row();
            }
            bottom = place;
            for (j, value) in line.split('\t').enumerate() {
                let col = left + j;
                if col >= self.columns.len() {
                    break;
                }
                right = right.max(col);
                if let Err(why) = self.set_text(place, col, value) {
                    refused.push(format!("\"{value}\" in {}: {why}", self.columns[col].label));
                }
            }
        }
        self.grid.anchor = Some((bottom, right));
        self.grid.message = match refused.as_slice() {
            [] => None,
            [one] => Some(format!("Not pasted: {one}")),
            [first, rest @ ..] => Some(format!(
                "Not pasted: {first} (and {} more cells)",
                rest.len()
            )),
        };
    }

    /// Empties the selected cells (the required ones are refused).
    fn clear_range(&mut self) {
        let Some(((r0, r1), (c0, c1))) = self.range() else {
            return;
        };
        let mut refused = None;
        for place in r0..=r1 {
            for col in c0..=c1 {
                if let Err(why) = self.set_text(place, col, "") {
                    refused.get_or_insert(format!("{}: {why}", self.columns[col].label));
                }
            }
        }
        self.grid.message = refused.map(|why| format!("Not emptied: {why}"));
    }

    fn delete_selected_rows(&mut self) {
        let rows: Vec<EditorRow> = self
            .grid
            .rows
            .iter()
            .filter_map(|&place| self.row(place))
            .collect();
        if rows.is_empty() {
            return;
        }
        self.edits.delete(&rows);
        self.grid.rows.clear();
        self.changed = true;
        let shown = self.shown_rows();
        if let Some(cursor) = &mut self.grid.cursor {
            cursor.0 = cursor.0.min(shown.saturating_sub(1));
        }
        self.grid.anchor = None;
        if shown == 0 {
            self.grid.cursor = None;
        }
    }

    fn start_editing(&mut self, place: usize, col: usize, text: Option<String>) {
        let Some(column) = self.columns.get(col) else {
            return;
        };
        if let Some(why) = &column.locked {
            self.grid.message = Some(why.clone());
            return;
        }
        if column.boolean {
            let on = matches!(self.cell(place, col), Cell::Bool(true));
            self.set(place, col, Cell::Bool(!on));
            return;
        }
        let current = self.raw(place, col);
        let option = column
            .config
            .and_then(|c| c.options.as_ref())
            .and_then(|options| options.iter().position(|o| *o == current))
            .unwrap_or(0);
        self.grid.editing = Some(Editing {
            row: place,
            col,
            text: text.unwrap_or(current),
            fresh: true,
            option,
        });
        self.grid.message = None;
    }

    /// Moves the cursor by (rows, columns), keeping it in the grid; with
    /// `extend` the anchor stays and the range grows.
    fn move_cursor(&mut self, rows: isize, cols: isize, extend: bool) {
        let shown = self.shown_rows();
        if shown == 0 || self.columns.is_empty() {
            return;
        }
        let (row, col) = self.grid.cursor.unwrap_or((0, 0));
        let new = (
            row.saturating_add_signed(rows).min(shown - 1),
            col.saturating_add_signed(cols).min(self.columns.len() - 1),
        );
        if extend {
            self.grid.anchor.get_or_insert((row, col));
        } else {
            self.grid.anchor = None;
        }
        self.grid.message = None;
        self.grid.cursor = Some(new);
        self.grid.scroll = true;
    }

    /// The keys of a grid that has the keyboard (no cell being edited).
    /// The events it handles are taken out of the frame's input, so
    /// nothing else acts on them (a text field opened by the key).
    fn grid_keys(&mut self, ui: &Ui) {
        let events = ui.input_mut(|i| std::mem::take(&mut i.events));
        let mut kept = Vec::with_capacity(events.len());
        for event in events {
            if let Some(editing) = &mut self.grid.editing {
                // Typed in the frame that opened the cell: its text field
                // takes the keyboard from the next frame, so the
                // characters are added here (none is lost).
                match event {
                    egui::Event::Text(text) => editing.text.push_str(&text),
                    other => kept.push(other),
                }
                continue;
            }
            match event {
                egui::Event::Copy | egui::Event::Cut => {
                    if let Some(text) = self.copy_text() {
                        ui.ctx().copy_text(text);
                    }
                }
                egui::Event::Paste(text) => self.paste(&text),
                egui::Event::Text(text) if !text.trim().is_empty() => {
                    if let Some((row, col)) = self.grid.cursor {
                        self.start_editing(row, col, Some(text));
                    }
                }
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => self.grid_key(ui, key, modifiers),
                egui::Event::Key { .. } | egui::Event::Text(_) => {}
                other => kept.push(other),
            }
        }
        ui.input_mut(|i| i.events = kept);
    }

    fn grid_key(&mut self, ui: &Ui, key: Key, modifiers: Modifiers) {
        let extend = modifiers.shift;
        match key {
            Key::ArrowUp => self.move_cursor(-1, 0, extend),
            Key::ArrowDown => self.move_cursor(1, 0, extend),
            Key::ArrowLeft => self.move_cursor(0, -1, extend),
            Key::ArrowRight => self.move_cursor(0, 1, extend),
            Key::Tab if modifiers.shift => self.move_cursor(0, -1, false),
            Key::Tab => self.move_cursor(0, 1, false),
            Key::Home => self.move_cursor(0, isize::MIN / 2, extend),
            Key::End => self.move_cursor(0, isize::MAX / 2, extend),
            Key::PageUp => self.move_cursor(-20, 0, extend),
            Key::PageDown => self.move_cursor(20, 0, extend),
            Key::Enter | Key::F2 => {
                if let Some((row, col)) = self.grid.cursor {
                    self.start_editing(row, col, None);
                }
            }
            Key::Space => {
                if let Some((row, col)) = self.grid.cursor
                    && self.columns.get(col).is_some_and(|c| c.boolean)
                {
                    self.start_editing(row, col, None);
                }
            }
            Key::Escape => {
                self.grid.anchor = None;
                self.grid.rows.clear();
                self.grid.message = None;
            }
            Key::Delete | Key::Backspace => {
                if !self.grid.rows.is_empty() && self.dynamic {
                    self.delete_selected_rows();
                } else {
                    self.clear_range();
                }
            }
            // Without a platform's copy event (a test harness, some
            // keyboards), Ctrl+C copies too.
            Key::C if modifiers.command => {
                if let Some(text) = self.copy_text() {
                    ui.ctx().copy_text(text);
                }
            }
            Key::A if modifiers.command => {
                let shown = self.shown_rows();
                if shown > 0 && !self.columns.is_empty() {
                    self.grid.anchor = Some((0, 0));
                    self.grid.cursor = Some((shown - 1, self.columns.len() - 1));
                }
            }
            _ => {}
        }
    }

    fn click(&mut self, click: Click) {
        match click {
            Click::Cell {
                row,
                col,
                shift,
                double,
            } => {
                self.grid.message = None;
                if shift && self.grid.cursor.is_some() {
                    self.grid
                        .anchor
                        .get_or_insert(self.grid.cursor.unwrap_or((row, col)));
                } else {
                    self.grid.anchor = None;
                }
                self.grid.cursor = Some((row, col));
                self.grid.rows.clear();
                let boolean = self.columns.get(col).is_some_and(|c| c.boolean);
                if double || boolean {
                    self.start_editing(row, col, None);
                }
            }
            Click::Row { row, shift, toggle } => {
                if shift && let Some(&last) = self.grid.rows.iter().next_back() {
                    let (a, b) = (last.min(row), last.max(row));
                    self.grid.rows.extend(a..=b);
                } else if toggle {
                    if !self.grid.rows.remove(&row) {
                        self.grid.rows.insert(row);
                    }
                } else {
                    self.grid.rows = BTreeSet::from([row]);
                }
                self.grid.cursor = Some((row, 0));
                self.grid.anchor =
                    (!self.columns.is_empty()).then(|| (row, self.columns.len() - 1));
            }
        }
    }
}

/// Draws a data editor and sends the person's edits.
pub(crate) fn data_editor_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> egui::Response {
    let WidgetSpec::DataEditor {
        table,
        config,
        dynamic,
    } = &widget.spec
    else {
        return ui.label("");
    };
    let edits = match frame.value(widget) {
        Value::TableEdits(edits) => *edits,
        _ => TableEdits::default(),
    };
    let id = Id::unique(("brook-data-editor", &widget.id.0));
    let grid: Grid = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let enabled = ui.is_enabled();
    let columns: Vec<Column<'_>> = table
        .column_names()
        .zip(table.batch().columns())
        .filter_map(|(name, array)| {
            let column = config.column(name);
            if column.is_some_and(|c| c.hidden) {
                return None;
            }
            let data_type = array.data_type();
            let locked = if !enabled {
                Some("This data editor is disabled.".to_owned())
            } else if column.is_some_and(|c| c.disabled) {
                Some(format!(
                    "Column \"{name}\" cannot be edited: it is disabled."
                ))
            } else if !is_editable(data_type) {
                Some(format!(
                    "Column \"{name}\" holds {data_type}, which the editor cannot edit."
                ))
            } else {
                None
            };
            let cells = CellText::new(array.as_ref(), column);
            let label = column.and_then(|c| c.label.as_deref()).unwrap_or(name);
            let char_width = ui.text_style_height(&egui::TextStyle::Body) * 0.6;
            let longest = (0..table.len().min(20))
                .map(|row| cells.text(row).chars().count())
                .max()
                .unwrap_or(0)
                .max(label.chars().count() + 2)
                .max(6);
            #[allow(clippy::cast_precision_loss, reason = "a count of characters")]
            let fitted = (longest as f32 * char_width + 2.0 * PAD).clamp(48.0, 320.0);
            Some(Column {
                name,
                label,
                help: column.and_then(|c| c.help.as_deref()),
                array,
                config: column,
                numeric: data_type.is_numeric(),
                boolean: *data_type == arrow_schema::DataType::Boolean,
                cells,
                editable: locked.is_none(),
                locked,
                width: column
                    .and_then(|c| c.width)
                    .filter(|w| w.is_finite() && *w > 0.0)
                    .map_or(fitted, |w| w.clamp(24.0, 2000.0)),
            })
        })
        .collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
    let mut editor = Editor {
        table,
        columns,
        edits,
        grid,
        dynamic: *dynamic && enabled,
        index: !config.hide_index,
        changed: false,
        grid_id: id.with("grid"),
        clicked: None,
        row_height,
    };
    let shown = editor.shown_rows();
    // A cursor past the rows (rows deleted by a rerun) comes back in.
    if let Some(cursor) = editor.grid.cursor
        && (cursor.0 >= shown || cursor.1 >= editor.columns.len())
    {
        editor.grid.cursor = None;
        editor.grid.anchor = None;
        editor.grid.editing = None;
    }

    // The toolbar: add and delete rows.
    if editor.dynamic {
        ui.horizontal(|ui| {
            if ui.button("+ Add row").clicked() {
                let place = editor.add_row();
                editor.grid.cursor = Some((place, 0));
                editor.grid.anchor = None;
                editor.grid.scroll = true;
                ui.memory_mut(|m| m.request_focus(editor.grid_id));
            }
            let selected = editor.grid.rows.len();
            let delete = ui.add_enabled(
                selected > 0,
                egui::Button::new(if selected > 1 {
                    format!("Delete {selected} rows")
                } else {
                    "Delete row".to_owned()
                }),
            );
            let delete = if selected == 0 {
                delete.on_disabled_hover_text("Select rows by their number first.")
            } else {
                delete
            };
            if delete.clicked() {
                editor.delete_selected_rows();
            }
        });
    }

    // Keys go to the grid when it has the keyboard and no cell is edited.
    let has_focus = ui.memory(|m| m.has_focus(editor.grid_id));
    if has_focus && editor.grid.editing.is_none() {
        editor.grid_keys(ui);
    }

    let response = grid_ui(ui, &mut editor);

    if let Some(click) = editor.clicked {
        if let Some(editing) = editor.grid.editing.take() {
            finish_editing(&mut editor, editing, true);
        }
        editor.click(click);
        if editor.grid.editing.is_none() {
            ui.memory_mut(|m| m.request_focus(editor.grid_id));
        }
    }
    if ui.memory(|m| m.has_focus(editor.grid_id)) {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                editor.grid_id,
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
    }

    // A new row whose required cells are still empty is a draft: the
    // edits stay in the window (drawn, not sent) until it is filled in.
    let draft = missing_required(editor.columns.iter().map(|c| c.name), config, &editor.edits);
    let rows_text = match (shown, editor.edits.is_empty()) {
        (1, _) => "1 row".to_owned(),
        (n, _) => format!("{n} rows"),
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(rows_text).small().weak());
        if editor.grid.message.is_none()
            && let Some((_, name)) = &draft
        {
            let label = editor
                .columns
                .iter()
                .find(|c| c.name == name)
                .map_or(name.as_str(), |c| c.label);
            ui.label(
                RichText::new(format!(
                    "The new row is saved once its {label} is filled in."
                ))
                .small()
                .color(ui.visuals().warn_fg_color),
            );
        }
        if let Some(message) = &editor.grid.message {
            ui.label(
                RichText::new(format!("⚠ {message}"))
                    .small()
                    .color(ui.visuals().error_fg_color),
            );
        }
    });

    if editor.changed {
        if draft.is_some() {
            frame.edit(widget, Value::TableEdits(Box::new(editor.edits.clone())));
        } else {
            frame.commit(widget, Value::TableEdits(Box::new(editor.edits.clone())));
        }
        ui.ctx().request_repaint();
    }
    ui.data_mut(|d| d.insert_temp(id, editor.grid));
    response
}

/// Ends editing a cell: saves the text when `save` and it fits (else
/// keeps the cell being edited, with why, and returns false).
fn finish_editing(editor: &mut Editor<'_>, editing: Editing, save: bool) -> bool {
    if !save {
        editor.grid.message = None;
        return true;
    }
    match editor.set_text(editing.row, editing.col, &editing.text) {
        Ok(()) => {
            editor.grid.message = None;
            true
        }
        Err(why) => {
            editor.grid.message = Some(format!("Not saved: {why}"));
            false
        }
    }
}

/// The grid: a header, then the rows in view (egui_table lays out only
/// those), each cell clickable; the cell being edited is a text field.
fn grid_ui(ui: &mut Ui, editor: &mut Editor<'_>) -> egui::Response {
    let shown = editor.shown_rows();
    let header_height = editor.row_height + 2.0;
    let index_width = {
        let digits = shown.max(1).ilog10() + 1;
        #[allow(clippy::cast_precision_loss, reason = "a few digits")]
        let text = digits as f32 * ui.text_style_height(&egui::TextStyle::Body) * 0.6;
        (text + 2.0 * PAD).max(32.0)
    };
    let mut layout = Vec::with_capacity(editor.columns.len() + 1);
    if editor.index {
        layout.push(
            egui_table::Column::new(index_width)
                .id(Id::unique("brook-editor-index"))
                .resizable(false),
        );
    }
    for column in &editor.columns {
        layout.push(
            egui_table::Column::new(column.width)
                .range(egui::Rangef::new(24.0, 2000.0))
                .id(Id::unique(("brook-editor-column", column.name)))
                .resizable(true),
        );
    }
    let mut area = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(ui.available_rect_before_wrap())
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    let mut table = egui_table::Table::new()
        .id_salt(editor.grid_id)
        .num_rows(u64::try_from(shown).unwrap_or(u64::MAX))
        .headers([egui_table::HeaderRow::new(header_height)])
        .num_sticky_cols(usize::from(editor.index));
    // Each column's width: the one the person dragged it to (kept by
    // egui_table), else the fitted one, given to egui_table before its
    // first frame (the cells are painted, so it cannot measure them).
    let table_id = table.get_id(&area);
    let mut state = egui_table::TableState::load(ui.ctx(), table_id).unwrap_or_default();
    let before = state.col_widths.clone();
    for (at, column) in layout.iter_mut().enumerate() {
        let width = *state
            .col_widths
            .entry(column.id_for(at))
            .or_insert(column.current);
        column.current = width;
    }
    if state.col_widths != before {
        state.store(ui.ctx(), table_id);
    }
    table = table.columns(layout.clone());
    if editor.grid.scroll
        && let Some((row, col)) = editor.grid.cursor
    {
        table = table
            .scroll_to_row(u64::try_from(row).unwrap_or(0), None)
            .scroll_to_column(col + usize::from(editor.index), None);
        editor.grid.scroll = false;
    }
    let content_width: f32 = layout.iter().map(|c| c.current).sum();
    let height = {
        #[allow(clippy::cast_precision_loss, reason = "a height in points")]
        let needed = header_height + shown.max(1) as f32 * editor.row_height;
        DEFAULT_HEIGHT.min(needed)
    };
    let height = height.max(header_height + editor.row_height);
    area.set_max_width(area.available_width().min(content_width + 1.0));
    area.set_max_height(height);
    table.show(&mut area, editor);
    let rect = area.min_rect();
    ui.advance_cursor_after_rect(rect);
    let focused = ui.memory(|m| m.has_focus(editor.grid_id)) || editor.grid.editing.is_some();
    let stroke = if focused {
        ui.visuals().selection.stroke
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    ui.painter()
        .rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Outside);
    // The grid itself is a focusable widget: the keyboard goes to it.
    let response = ui.interact(
        rect,
        editor.grid_id,
        egui::Sense::focusable_noninteractive(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Grid, ui.is_enabled(), "Data editor")
    });
    response
}

impl egui_table::TableDelegate for Editor<'_> {
    fn header_cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::HeaderCellInfo) {
        let rect = ui.max_rect();
        let visuals = ui.visuals();
        ui.painter()
            .rect_filled(rect, 0.0, visuals.widgets.noninteractive.weak_bg_fill);
        ui.painter().hline(
            rect.x_range(),
            rect.bottom() - 0.5,
            visuals.widgets.noninteractive.bg_stroke,
        );
        let Some(col) = cell.col_range.start.checked_sub(usize::from(self.index)) else {
            return;
        };
        let Some(column) = self.columns.get(col) else {
            return;
        };
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        let mut text = RichText::new(column.label).strong();
        if !column.editable {
            text = text.weak();
        }
        let required = column.config.is_some_and(|c| c.required);
        let response = ui
            .horizontal_centered(|ui| {
                ui.add_space(PAD);
                let response = ui.label(text);
                if required {
                    ui.label(RichText::new("*").color(ui.visuals().error_fg_color));
                }
                response
            })
            .inner;
        let mut tip: Vec<String> = Vec::new();
        tip.extend(column.help.map(str::to_owned));
        tip.extend(column.locked.clone());
        if required {
            tip.push("Required: a cell cannot be left empty.".to_owned());
        }
        if !tip.is_empty() {
            response.on_hover_text(tip.join("\n\n"));
        }
    }

    fn row_ui(&mut self, ui: &mut Ui, row_nr: u64) {
        let Ok(place) = usize::try_from(row_nr) else {
            return;
        };
        if self.grid.rows.contains(&place) {
            ui.painter().rect_filled(
                ui.max_rect(),
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.35),
            );
        } else if row_nr % 2 == 1 {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().faint_bg_color);
        }
    }

    fn cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::CellInfo) {
        let Ok(place) = usize::try_from(cell.row_nr) else {
            return;
        };
        let rect = ui.max_rect();
        if self.index && cell.col_nr == 0 {
            let response = ui.interact(
                rect,
                self.grid_id.with(("row", place)),
                egui::Sense::click(),
            );
            let number = match self.row(place) {
                Some(EditorRow::Data(row)) => row.to_string(),
                _ => "+".to_owned(),
            };
            ui.painter().text(
                rect.right_center() - egui::vec2(PAD, 0.0),
                egui::Align2::RIGHT_CENTER,
                number,
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().weak_text_color(),
            );
            response.widget_info(|| {
                let mut info = egui::WidgetInfo::new(egui::Role::RowHeader);
                info.label = Some(format!("Row {}", place + 1));
                info.selected = Some(self.grid.rows.contains(&place));
                info
            });
            if response.clicked() {
                let modifiers = ui.input(|i| i.modifiers);
                self.clicked = Some(Click::Row {
                    row: place,
                    shift: modifiers.shift,
                    toggle: modifiers.command,
                });
            }
            return;
        }
        let col = cell.col_nr - usize::from(self.index);
        if col >= self.columns.len() {
            return;
        }
        let editing = self
            .grid
            .editing
            .as_ref()
            .is_some_and(|e| e.row == place && e.col == col);
        if editing {
            editing_cell_ui(ui, self);
            return;
        }
        let response = ui.interact(
            rect,
            self.grid_id.with(("cell", place, col)),
            egui::Sense::click(),
        );
        if self.in_range(place, col) && self.range().is_some_and(|(r, c)| r.0 != r.1 || c.0 != c.1)
        {
            ui.painter().rect_filled(
                rect,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.25),
            );
        }
        let column = &self.columns[col];
        let visuals = ui.visuals().clone();
        if column.boolean {
            let on = matches!(self.cell(place, col), Cell::Bool(true));
            let null = self.cell(place, col) == Cell::Null;
            let size = egui::vec2(14.0, 14.0);
            let boxed = egui::Rect::from_center_size(rect.center(), size);
            ui.painter().rect_stroke(
                boxed,
                2.0,
                visuals.widgets.inactive.fg_stroke,
                egui::StrokeKind::Inside,
            );
            if on {
                ui.painter().text(
                    boxed.center(),
                    egui::Align2::CENTER_CENTER,
                    "✔",
                    egui::TextStyle::Body.resolve(ui.style()),
                    visuals.text_color(),
                );
            } else if null {
                ui.painter().hline(
                    boxed.x_range().shrink(4.0),
                    boxed.center().y,
                    visuals.widgets.inactive.fg_stroke,
                );
            }
        } else {
            let text = self.shown(place, col);
            let color = if column.editable {
                visuals.text_color()
            } else {
                visuals.weak_text_color()
            };
            let font = egui::TextStyle::Body.resolve(ui.style());
            let galley = ui.painter().layout(text, font, color, f32::INFINITY);
            let inner = rect.shrink2(egui::vec2(PAD, 0.0));
            let x = if column.numeric {
                inner.right() - galley.size().x
            } else {
                inner.left()
            };
            let at = egui::pos2(x.max(inner.left()), rect.center().y - galley.size().y / 2.0);
            ui.painter()
                .with_clip_rect(inner.intersect(ui.clip_rect()))
                .galley(at, galley, color);
        }
        let required = column.config.is_some_and(|c| c.required);
        if required
            && matches!(self.row(place), Some(EditorRow::Added(_)))
            && self.cell(place, col).is_blank()
        {
            ui.painter().rect_stroke(
                rect.shrink(1.5),
                0.0,
                egui::Stroke::new(1.0, visuals.warn_fg_color),
                egui::StrokeKind::Inside,
            );
        }
        if self.grid.cursor == Some((place, col)) {
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                0.0,
                visuals.selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::new(egui::Role::Cell);
            info.enabled = column.editable;
            info.label = Some(format!("{}, row {}", column.label, place + 1));
            info.current_text_value = Some(self.shown(place, col));
            info.selected = Some(self.in_range(place, col));
            info
        });
        if response.clicked() || response.double_clicked() {
            self.clicked = Some(Click::Cell {
                row: place,
                col,
                shift: ui.input(|i| i.modifiers.shift),
                double: response.double_clicked(),
            });
        }
    }

    fn default_row_height(&self) -> f32 {
        self.row_height
    }
}

/// The cell being edited: a text field (a list of options for an options
/// column), its value checked as typed. Enter saves and moves down, Tab
/// saves and moves right, Escape cancels.
fn editing_cell_ui(ui: &mut Ui, editor: &mut Editor<'_>) {
    let Some(mut editing) = editor.grid.editing.take() else {
        return;
    };
    let column = &editor.columns[editing.col];
    let data_type = column.array.data_type().clone();
    let options = column.config.and_then(|c| c.options.clone());
    let step = column.config.and_then(|c| c.step).unwrap_or(1.0);
    let numeric = column.numeric;
    let check = parse_cell(&data_type, &editing.text)
        .and_then(|cell| check_cell(&data_type, column.config, &cell));
    // The keys that end editing, taken before the text field sees them.
    let (enter, tab, shift_tab, escape, up, down) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Tab),
            i.consume_key(Modifiers::SHIFT, Key::Tab),
            i.consume_key(Modifiers::NONE, Key::Escape),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
        )
    });
    let rect = ui.max_rect();
    let text_id = editor.grid_id.with("editing");
    let mut lost = false;
    if let Some(options) = &options {
        if up {
            editing.option = editing.option.saturating_sub(1);
        }
        if down {
            editing.option = (editing.option + 1).min(options.len().saturating_sub(1));
        }
        if let Some(option) = options.get(editing.option) {
            editing.text.clone_from(option);
        }
        ui.painter()
            .rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        ui.painter().text(
            rect.left_center() + egui::vec2(PAD, 0.0),
            egui::Align2::LEFT_CENTER,
            format!("{} ▼", editing.text),
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().text_color(),
        );
        // The options, below the cell.
        let mut picked = None;
        egui::Area::new(text_id.with("options"))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.left_bottom())
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(rect.width());
                    for (at, option) in options.iter().enumerate() {
                        if ui.selectable_label(at == editing.option, option).clicked() {
                            picked = Some(at);
                        }
                    }
                });
            });
        if let Some(at) = picked {
            editing.option = at;
            editing.text.clone_from(&options[at]);
            let row = editing.row;
            if finish_editing(editor, editing, true) {
                editor.grid.cursor = Some((row, editor.grid.cursor.map_or(0, |c| c.1)));
            }
            ui.memory_mut(|m| m.request_focus(editor.grid_id));
            return;
        }
        editing.fresh = false;
    } else {
        if numeric
            && (up || down)
            && let Ok(value) = editing.text.trim().parse::<f64>()
        {
            let next = if up { value + step } else { value - step };
            editing.text = trim_float(next);
        }
        let invalid = check.is_err();
        let mut edit = egui::TextEdit::singleline(&mut editing.text)
            .id(text_id)
            .lock_focus(true)
            .desired_width(rect.width() - 4.0)
            .margin(egui::Margin::symmetric(4, 2));
        if invalid {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        if let Some(hint) = hint_for(&data_type) {
            edit = edit.hint_text(hint);
        }
        let response = ui.put(rect.shrink(1.0), edit);
        if editing.fresh {
            response.request_focus();
            // Typing replaced the cell: the caret goes after the text.
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), text_id) {
                let end = egui::text::CCursor::new(editing.text.chars().count());
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::one(end)));
                state.store(ui.ctx(), text_id);
            }
            editing.fresh = false;
        } else if response.lost_focus() && !(enter || tab || shift_tab || escape) {
            lost = true;
        }
        // A date cell has a month calendar below it: a click on a day
        // saves that date.
        if matches!(
            data_type,
            arrow_schema::DataType::Date32 | arrow_schema::DataType::Date64
        ) {
            let shown = chrono::NaiveDate::parse_from_str(editing.text.trim(), "%Y-%m-%d")
                .unwrap_or_else(|_| chrono::Local::now().date_naive());
            let mut picked = None;
            egui::Area::new(text_id.with("calendar"))
                .order(egui::Order::Foreground)
                .fixed_pos(rect.left_bottom())
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        picked = crate::date_time::calendar_ui(ui, shown);
                    });
                });
            if let Some(day) = picked {
                editing.text = day.format("%Y-%m-%d").to_string();
                let (row, col) = (editing.row, editing.col);
                if finish_editing(editor, editing, true) {
                    editor.grid.cursor = Some((row, col));
                }
                ui.memory_mut(|m| m.request_focus(editor.grid_id));
                return;
            }
        }
        if invalid {
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                0.0,
                egui::Stroke::new(1.5, ui.visuals().error_fg_color),
                egui::StrokeKind::Inside,
            );
            if let Err(why) = &check {
                editor.grid.message = Some(why.clone());
            }
        } else {
            editor.grid.message = None;
        }
    }
    let (row, col) = (editing.row, editing.col);
    if escape {
        editor.grid.message = None;
        ui.memory_mut(|m| m.request_focus(editor.grid_id));
        return;
    }
    if enter || tab || shift_tab || lost {
        if finish_editing(editor, editing.clone(), true) {
            editor.grid.cursor = Some((row, col));
            editor.grid.anchor = None;
            if enter {
                editor.move_cursor(1, 0, false);
            } else if tab {
                editor.move_cursor(0, 1, false);
            } else if shift_tab {
                editor.move_cursor(0, -1, false);
            }
            if !lost {
                ui.memory_mut(|m| m.request_focus(editor.grid_id));
            }
            return;
        }
        if lost {
            // Clicked away from a value that does not fit: dropped, and
            // the person is told why.
            return;
        }
        editing.fresh = true;
    }
    editor.grid.editing = Some(editing);
}

/// A float as short text ("1.5", "3").
fn trim_float(value: f64) -> String {
    let text = format!("{value:.10}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

/// What a cell of the type takes, shown in an empty text field.
fn hint_for(data_type: &arrow_schema::DataType) -> Option<&'static str> {
    use arrow_schema::DataType;
    match data_type {
        DataType::Date32 | DataType::Date64 => Some("YYYY-MM-DD"),
        DataType::Time32(_) | DataType::Time64(_) => Some("HH:MM:SS"),
        DataType::Timestamp(_, Some(_)) => Some("YYYY-MM-DD HH:MM"),
        DataType::Timestamp(_, None) => Some("YYYY-MM-DD HH:MM:SS"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn floats_are_written_short() {
        assert_eq!(trim_float(1.5), "1.5");
        assert_eq!(trim_float(3.0), "3");
        assert_eq!(trim_float(-0.25), "-0.25");
    }

    #[test]
    fn applied_tables_are_reused_for_the_same_table_and_edits() {
        let table = Table::from_csv("a,b\n1,x\n2,y\n").unwrap();
        let mut edits = TableEdits::default();
        edits.set(EditorRow::Data(0), "a", Cell::Int(9));
        let config = TableConfig::default();
        let first = applied(&table, &edits, &config).unwrap();
        let second = applied(&table, &edits, &config).unwrap();
        assert!(first.same_as(&second));
        assert_eq!(first.column_text("a").unwrap(), ["9", "2"]);
        // One more cell: applied to the last result, only its column
        // rebuilt; the same table as applying every edit to the input.
        edits.set(EditorRow::Data(1), "b", Cell::from("z"));
        let third = applied(&table, &edits, &config).unwrap();
        assert!(Arc::ptr_eq(
            first.array("a").unwrap(),
            third.array("a").unwrap()
        ));
        assert_eq!(third, table.with_edits(&edits, &config).unwrap());
        // A cell back to nothing: built from the table again.
        edits.edited_rows.remove(&0);
        let fourth = applied(&table, &edits, &config).unwrap();
        assert_eq!(fourth.column_text("a").unwrap(), ["1", "2"]);
        assert_eq!(fourth.column_text("b").unwrap(), ["x", "z"]);
    }
}
