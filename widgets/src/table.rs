//! `dataframe` and `table`: a [`Table`] (or rows of serde-serializable
//! values) as a table. `dataframe` is interactive (sortable by clicking a
//! header, resizable columns, scrolling; virtualised on egui_table: only
//! the rows and columns in view are laid out); `table` is static.

use std::sync::Arc;

use brook_engine::St;
use brook_engine::data::{
    Align, CellText, ColumnConfig, ColumnFormat, IntoTable, SelectionMode, Table, TableConfig,
    TableSelection,
};
use brook_engine::element::{Element, Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};

use crate::common::{Common, WidgetOptions};
use crate::render::Frame;
use egui::{AtomExt as _, Id, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Tables on [`St`]. In the prelude.
pub trait TableExt {
    /// An interactive table: a [`Table`], a slice or `Vec` of `Serialize`
    /// rows (each field a column), or an Arrow `RecordBatch`. Configure it
    /// with the builder, then call [`Dataframe::show`].
    ///
    /// ```no_run
    /// # use brook_widgets::prelude::*;
    /// # fn script(st: &St, orders: &Table) {
    /// st.dataframe(orders)
    ///     .column("price", ColumnConfig::new().format(ColumnFormat::Currency {
    ///         symbol: "$".into(), after: false, decimals: 2,
    ///     }))
    ///     .hide_index()
    ///     .show();
    /// # }
    /// ```
    fn dataframe<D: IntoTable>(&self, data: D) -> Dataframe<'_>;
    /// A static table: every row drawn, no sorting.
    fn table<D: IntoTable>(&self, data: D) -> Dataframe<'_>;
}

/// A table builder; finish with [`Dataframe::show`].
#[must_use = "call .show() to draw the table"]
pub struct Dataframe<'a> {
    st: &'a St,
    table: Result<Table, String>,
    interactive: bool,
    config: TableConfig,
}

impl TableExt for St {
    fn dataframe<D: IntoTable>(&self, data: D) -> Dataframe<'_> {
        Dataframe::new(self, data, true)
    }
    fn table<D: IntoTable>(&self, data: D) -> Dataframe<'_> {
        Dataframe::new(self, data, false)
    }
}

impl<'a> Dataframe<'a> {
    fn new<D: IntoTable>(st: &'a St, data: D, interactive: bool) -> Self {
        Self {
            st,
            table: data.into_table().map_err(|e| e.to_string()),
            interactive,
            config: TableConfig::default(),
        }
    }

    /// How the column `name` is shown: its label, width, alignment,
    /// format, or hidden. A later setting for the same column replaces an
    /// earlier one.
    pub fn column(mut self, name: impl Into<String>, config: ColumnConfig) -> Self {
        self.config.columns.push((name.into(), config));
        self
    }

    /// Hides the row-number column.
    pub fn hide_index(mut self) -> Self {
        self.config.hide_index = true;
        self
    }

    /// The height of an interactive table in points (default 360).
    pub fn height(mut self, points: f32) -> Self {
        self.config.height = Some(points);
        self
    }

    /// Lets the person select rows, columns or cells (a click selects;
    /// see [`SelectionMode`]); finish with [`SelectableDataframe::show`],
    /// which returns the selection. Rows are given by their position in
    /// the table passed in, whatever order the person sorted the view in.
    ///
    /// ```no_run
    /// # use brook_widgets::prelude::*;
    /// # fn script(st: &St, orders: &Table) {
    /// let picked = st
    ///     .dataframe(orders)
    ///     .on_select(SelectionMode::MultiRow)
    ///     .key("picked")
    ///     .show();
    /// let rows: Vec<u32> = picked.rows.iter().map(|&r| r as u32).collect();
    /// let chosen = orders.take(&rows.into()).unwrap();
    /// st.write(format!("{} orders selected", chosen.len()));
    /// # }
    /// ```
    pub fn on_select(self, mode: SelectionMode) -> SelectableDataframe<'a> {
        SelectableDataframe {
            dataframe: self,
            mode,
            common: Common::default(),
        }
    }

    /// The table, or why not (an exception box is emitted then).
    fn checked(self) -> Option<(Table, TableConfig, &'a St)> {
        let table = checked_table(self.st, self.table, &self.config, "table")?;
        Some((table, self.config, self.st))
    }

    /// Draws the table. Data that cannot be a table, or a column setting
    /// that names no column, is an error box saying which.
    pub fn show(self) {
        let interactive = self.interactive;
        if let Some((table, config, st)) = self.checked() {
            st.emit(Element::Table {
                table,
                interactive,
                config,
            });
        }
    }
}

/// `data` as a table whose column settings all name its columns, or
/// `None` after an exception box saying why: data that cannot be a table,
/// or settings naming columns it does not have (`what` names the element
/// in the message: "table", "data editor"). A table of no columns
/// (`Table::from_rows` of no rows cannot know the fields) has nothing to
/// configure: it passes, and is shown empty.
pub(crate) fn checked_table(
    st: &St,
    data: Result<Table, String>,
    config: &TableConfig,
    what: &str,
) -> Option<Table> {
    let table = match data {
        Ok(table) => table,
        Err(message) => {
            st.emit(Element::Exception {
                message: format!(
                    "{message}. Table rows must serialize to structs, maps or plain values."
                ),
                location: None,
            });
            return None;
        }
    };
    let unknown: Vec<&str> = config
        .columns
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| table.column_index(name).is_none())
        .collect();
    if !unknown.is_empty() && table.num_columns() > 0 {
        st.emit(Element::Exception {
            message: format!(
                "The {what}'s column settings name {unknown:?}, but its columns are {:?}. Use one of those names.",
                table.column_names().collect::<Vec<_>>()
            ),
            location: None,
        });
        return None;
    }
    Some(table)
}

/// An interactive table whose rows, columns or cells the person selects;
/// finish with [`SelectableDataframe::show`]. Made by
/// [`Dataframe::on_select`].
#[must_use = "call .show() to draw the table"]
pub struct SelectableDataframe<'a> {
    dataframe: Dataframe<'a>,
    mode: SelectionMode,
    common: Common,
}

impl WidgetOptions for SelectableDataframe<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl SelectableDataframe<'_> {
    /// Draws the table; returns what the person selected (nothing at
    /// first). Session state holds the selection under the key.
    pub fn show(self) -> TableSelection {
        let mode = self.mode;
        let common = self.common;
        let Some((table, config, st)) = self.dataframe.checked() else {
            return TableSelection::default();
        };
        let columns: Vec<String> = table.column_names().map(str::to_owned).collect();
        let rows = table.len();
        let codec = SelectionCodec {
            rows,
            columns: columns.clone(),
            mode,
        };
        st.widget(
            common.call(
                WidgetSpec::Dataframe {
                    table,
                    config,
                    selection: mode,
                },
                String::new(),
                TableSelection::default(),
                false,
                codec,
            ),
            |id| {
                id.param("columns", &columns)
                    .param("rows", rows)
                    .param("mode", format!("{mode:?}"));
            },
        )
    }
}

/// Checks a selection against the table: rows in range, columns that
/// exist, as many as the mode allows.
struct SelectionCodec {
    rows: usize,
    columns: Vec<String>,
    mode: SelectionMode,
}

impl SelectionCodec {
    /// The selection with what is no longer in the table dropped.
    fn fit(&self, selection: &TableSelection) -> TableSelection {
        let mut rows: Vec<usize> = if self.mode.rows() {
            selection
                .rows
                .iter()
                .copied()
                .filter(|&r| r < self.rows)
                .collect()
        } else {
            Vec::new()
        };
        rows.sort_unstable();
        rows.dedup();
        let mut columns: Vec<String> = if self.mode.columns() {
            selection
                .columns
                .iter()
                .filter(|c| self.columns.contains(c))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let mut cells: Vec<(usize, String)> = if self.mode.cells() {
            selection
                .cells
                .iter()
                .filter(|(r, c)| *r < self.rows && self.columns.contains(c))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        if !self.mode.multiple() {
            rows.truncate(1);
            columns.truncate(1);
            cells.truncate(1);
        }
        TableSelection {
            rows,
            columns,
            cells,
        }
    }
}

impl Codec for SelectionCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::TableSelection(selection) => Some(Box::new(self.fit(selection))),
            _ => None,
        }
    }

    fn encode(&self, value: &dyn std::any::Any) -> Value {
        Value::TableSelection(Box::new(
            value
                .downcast_ref::<TableSelection>()
                .cloned()
                .unwrap_or_default(),
        ))
    }

    fn check(&self, value: &dyn std::any::Any) -> Checked {
        let Some(selection) = value.downcast_ref::<TableSelection>() else {
            return Checked::Valid;
        };
        let fitted = self.fit(selection);
        if fitted == *selection {
            Checked::Valid
        } else {
            Checked::Fixed {
                value: Box::new(fitted),
                reason: "rows or columns that are no longer in the table were unselected"
                    .to_owned(),
            }
        }
    }
}

/// A selection being made in a frame.
struct Selecting {
    mode: SelectionMode,
    selection: TableSelection,
    /// The data row last clicked, for Shift+click ranges.
    last: Option<usize>,
    changed: bool,
}

impl Selecting {
    fn row_selected(&self, row: usize) -> bool {
        self.mode.rows() && self.selection.rows.binary_search(&row).is_ok()
    }

    fn cell_selected(&self, row: usize, column: &str) -> bool {
        (self.mode.cells()
            && self
                .selection
                .cells
                .iter()
                .any(|(r, c)| *r == row && c == column))
            || (self.mode.columns() && self.selection.columns.iter().any(|c| c == column))
    }

    /// A click on the row shown at `place` (data row `row`), in a cell
    /// of `column` (none for the row number), with Shift held or not;
    /// `data_row` maps a place in the view to its data row (for ranges).
    fn click(
        &mut self,
        place: usize,
        row: usize,
        column: Option<&str>,
        shift: bool,
        data_row: &dyn Fn(usize) -> Option<usize>,
    ) {
        let multiple = self.mode.multiple();
        if self.mode.rows() {
            let rows = &mut self.selection.rows;
            if multiple
                && shift
                && let Some(last) = self.last
            {
                // Every row shown between the last click and this one.
                for at in last.min(place)..=last.max(place) {
                    if let Some(data) = data_row(at)
                        && let Err(slot) = rows.binary_search(&data)
                    {
                        rows.insert(slot, data);
                    }
                }
            } else {
                match rows.binary_search(&row) {
                    Ok(at) => {
                        rows.remove(at);
                    }
                    Err(_) if !multiple => *rows = vec![row],
                    Err(at) => rows.insert(at, row),
                }
            }
        } else if self.mode.cells()
            && let Some(column) = column
        {
            let cell = (row, column.to_owned());
            let cells = &mut self.selection.cells;
            if let Some(at) = cells.iter().position(|c| *c == cell) {
                cells.remove(at);
            } else if multiple {
                cells.push(cell);
            } else {
                *cells = vec![cell];
            }
        } else {
            return;
        }
        self.last = Some(place);
        self.changed = true;
    }

    fn click_column(&mut self, column: &str) {
        if !self.mode.columns() {
            return;
        }
        let columns = &mut self.selection.columns;
        if let Some(at) = columns.iter().position(|c| c == column) {
            columns.remove(at);
        } else if self.mode.multiple() {
            columns.push(column.to_owned());
        } else {
            *columns = vec![column.to_owned()];
        }
        self.changed = true;
    }
}

/// The horizontal padding inside a cell, in points.
const PAD: i8 = 6;
/// The narrowest a column gets, in points.
const MIN_WIDTH: f32 = 24.0;
/// The widest a column's first, fitted width gets, in points (a person
/// can drag it wider).
const MAX_FITTED_WIDTH: f32 = 360.0;
/// The widest a column gets, in points.
const MAX_WIDTH: f32 = 10_000.0;
/// The width of a progress column's bar, in points.
const BAR_WIDTH: f32 = 60.0;
/// The height of an interactive table without a `height`, in points.
const DEFAULT_HEIGHT: f32 = 360.0;
/// Up to this many columns, an interactive table measures every column's
/// cells on its first frame to fit their widths; a wider table estimates
/// them from the header and the first rows' text, so its first frame lays
/// out only the columns in view too.
const MEASURED_COLUMNS: usize = 100;
/// How many rows the estimate of a column's width reads.
const ESTIMATED_ROWS: usize = 20;

/// The sort of an interactive table, kept in egui's memory per table: by
/// the column's name, so it follows the column when columns move and is
/// dropped when the column goes away.
#[derive(Clone, Debug, Default, PartialEq)]
struct Sort {
    column: Option<String>,
    descending: bool,
}

impl Sort {
    /// The sort after a click on the header of `name`: ascending, then
    /// descending, then none.
    fn after_click(&self, name: &str) -> Self {
        match &self.column {
            Some(column) if column == name && !self.descending => Self {
                column: Some(name.to_owned()),
                descending: true,
            },
            Some(column) if column == name => Self::default(),
            _ => Self {
                column: Some(name.to_owned()),
                descending: false,
            },
        }
    }

    /// The arrow on the header of `name`, when the table is sorted by it.
    fn arrow(&self, name: &str) -> Option<&'static str> {
        match &self.column {
            Some(column) if column == name && self.descending => Some("▼"),
            Some(column) if column == name => Some("▲"),
            _ => None,
        }
    }
}

/// A sorted order, computed once per (table, column, direction) and kept
/// until one of them changes; why not, when the column cannot be sorted.
#[derive(Clone)]
struct Order {
    table: Table,
    sort: Sort,
    rows: Result<Arc<[u32]>, String>,
}

thread_local! {
    static SORTS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times the interactive tables drawn on this thread have sorted
/// their rows. A table sorts once per (table, column, direction) and keeps
/// the order for the frames after; tests read this to check that.
pub fn sorts_on_this_thread() -> u64 {
    SORTS.with(std::cell::Cell::get)
}

/// The rows of `table` in `sort`'s order (`None` when unsorted), from
/// egui's memory when this table was sorted so before.
fn sorted_rows(ui: &Ui, id: Id, table: &Table, sort: &Sort) -> Option<Result<Arc<[u32]>, String>> {
    let column = sort.column.as_deref()?;
    let memory = id.with("order");
    if let Some(order) = ui.data(|d| d.get_temp::<Order>(memory))
        && order.sort == *sort
    {
        if order.table.same_as(table) {
            return Some(order.rows);
        }
        if order.table == *table {
            // The same values in a new batch (a rerun that built the table
            // again): keep the order, and know the new batch from now on.
            let rows = order.rows.clone();
            ui.data_mut(|d| {
                d.insert_temp(
                    memory,
                    Order {
                        table: table.clone(),
                        ..order
                    },
                );
            });
            return Some(rows);
        }
    }
    SORTS.with(|sorts| sorts.set(sorts.get() + 1));
    let rows = table
        .sort_indices(column, sort.descending)
        .map(|indices| indices.values().iter().copied().collect::<Arc<[u32]>>())
        .map_err(|err| err.to_string());
    ui.data_mut(|d| {
        d.insert_temp(
            memory,
            Order {
                table: table.clone(),
                sort: sort.clone(),
                rows: rows.clone(),
            },
        );
    });
    Some(rows)
}

/// How a column's cells are drawn.
#[derive(Clone, Copy)]
enum Kind<'a> {
    /// Text (in the column's format): also check marks.
    Text,
    /// A bar from `min` to `max` and the value beside it.
    Progress { min: f64, max: f64 },
    /// A link to the cell's text, showing `display` (or the address).
    Link { display: Option<&'a str> },
}

/// A column as it is shown.
struct Shown<'a> {
    name: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    /// Why the column's format is not used (it does not fit the column).
    problem: Option<String>,
    cells: CellText<'a>,
    kind: Kind<'a>,
    align: egui::Align,
    /// The width asked for, if a usable one was.
    width: Option<f32>,
}

/// The columns of `table` that are shown, with their settings.
fn shown_columns<'a>(table: &'a Table, config: &'a TableConfig) -> Vec<Shown<'a>> {
    table
        .column_names()
        .zip(table.batch().columns())
        .filter_map(|(name, array)| {
            let column = config.column(name);
            if column.is_some_and(|c| c.hidden) {
                return None;
            }
            let cells = CellText::new(array.as_ref(), column);
            let mut problem = cells.format_problem().map(str::to_owned);
            let kind = match column.and_then(|c| c.format.as_ref()) {
                _ if problem.is_some() => Kind::Text,
                Some(ColumnFormat::Progress { min, max }) => {
                    if min.is_finite() && max.is_finite() && min < max {
                        Kind::Progress {
                            min: *min,
                            max: *max,
                        }
                    } else {
                        problem = Some(format!(
                            "The progress format's bounds ({min} to {max}) are not two finite numbers, the first below the second: only the values are shown."
                        ));
                        Kind::Text
                    }
                }
                Some(ColumnFormat::Link { display_text }) => Kind::Link {
                    display: display_text.as_deref(),
                },
                _ => Kind::Text,
            };
            let checkmark = problem.is_none()
                && matches!(
                    column.and_then(|c| c.format.as_ref()),
                    Some(ColumnFormat::Checkmark)
                );
            let align = match column.and_then(|c| c.align) {
                Some(Align::Left) => egui::Align::Min,
                Some(Align::Center) => egui::Align::Center,
                Some(Align::Right) => egui::Align::Max,
                None if checkmark => egui::Align::Center,
                None if cells.is_numeric() && matches!(kind, Kind::Text) => egui::Align::Max,
                None => egui::Align::Min,
            };
            Some(Shown {
                name,
                label: column.and_then(|c| c.label.as_deref()).unwrap_or(name),
                help: column.and_then(|c| c.help.as_deref()),
                problem,
                cells,
                kind,
                align,
                width: column
                    .and_then(|c| c.width)
                    .filter(|w| w.is_finite() && *w > 0.0)
                    .map(|w| w.clamp(MIN_WIDTH, MAX_WIDTH)),
            })
        })
        .collect()
}

/// The height of a row, in points.
fn row_height(ui: &Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + 10.0
}

/// Cells never wrap: long text is cut with an ellipsis (and shown whole on
/// hover), but measured whole when egui fits the columns.
fn no_wrap(ui: &mut Ui) {
    ui.style_mut().wrap_mode = Some(if ui.is_sizing_pass() {
        egui::TextWrapMode::Extend
    } else {
        egui::TextWrapMode::Truncate
    });
}

fn padded<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(PAD, 0))
        .show(ui, add)
        .inner
}

fn aligned<R>(ui: &mut Ui, align: egui::Align, add: impl FnOnce(&mut Ui) -> R) -> R {
    // A column being fitted measures its content: laid out from the left,
    // or right-aligned content would claim the whole width it was given.
    let align = if ui.is_sizing_pass() {
        egui::Align::Min
    } else {
        align
    };
    let layout = match align {
        egui::Align::Min => Layout::left_to_right(egui::Align::Center),
        egui::Align::Max => Layout::right_to_left(egui::Align::Center),
        egui::Align::Center => Layout::centered_and_justified(egui::Direction::LeftToRight),
    };
    ui.with_layout(layout, add).inner
}

/// Draws the cell of `column` at data row `row`.
fn cell_ui(ui: &mut Ui, column: &Shown<'_>, row: usize) {
    no_wrap(ui);
    padded(ui, |ui| match column.kind {
        Kind::Text => {
            let text = column.cells.text(row);
            aligned(ui, column.align, |ui| ui.label(text));
        }
        Kind::Progress { min, max } => {
            let text = column.cells.text(row);
            ui.with_layout(Layout::left_to_right(egui::Align::Center), |ui| {
                let fraction = column
                    .cells
                    .float(row)
                    .map(|value| ((value - min) / (max - min)).clamp(0.0, 1.0))
                    .filter(|fraction| fraction.is_finite());
                if let Some(fraction) = fraction {
                    // The empty part of the bar shows on striped rows too.
                    let track = ui.visuals().widgets.inactive.bg_fill;
                    ui.visuals_mut().extreme_bg_color = track;
                    let width = if ui.is_sizing_pass() {
                        BAR_WIDTH
                    } else {
                        BAR_WIDTH.min(ui.available_width() * 0.6)
                    };
                    #[allow(clippy::cast_possible_truncation, reason = "a fraction in 0..=1")]
                    ui.add(
                        egui::ProgressBar::new(fraction as f32)
                            .desired_width(width)
                            .desired_height(ui.text_style_height(&egui::TextStyle::Body) * 0.5),
                    );
                }
                ui.label(text);
            });
        }
        Kind::Link { display } => {
            let url = column.cells.text(row);
            if url.is_empty() {
                return;
            }
            let shown = display.map_or_else(|| url.clone(), str::to_owned);
            aligned(ui, column.align, |ui| {
                ui.hyperlink_to(shown, &url).on_hover_text(url);
            });
        }
    });
}

/// Draws the row number (the row's place in the data, not on screen).
fn index_cell_ui(ui: &mut Ui, row: usize) {
    no_wrap(ui);
    padded(ui, |ui| {
        aligned(ui, egui::Align::Max, |ui| {
            ui.label(RichText::new(row.to_string()).weak())
        });
    });
}

/// Fills a header cell's background.
fn header_background(ui: &Ui) {
    let rect = ui.max_rect();
    let visuals = ui.visuals();
    ui.painter()
        .rect_filled(rect, 0.0, visuals.widgets.noninteractive.weak_bg_fill);
    ui.painter().hline(
        rect.x_range(),
        rect.bottom() - 0.5,
        visuals.widgets.noninteractive.bg_stroke,
    );
}

/// Draws the header of `column`: a button that sorts when `sortable`
/// (with the arrow of the current sort), its help and any problem with its
/// format on hover. True when it was clicked.
fn header_ui(
    ui: &mut Ui,
    column: &Shown<'_>,
    sortable: bool,
    arrow: Option<&'static str>,
    sort_problem: Option<&str>,
) -> bool {
    no_wrap(ui);
    let mut tip: Vec<String> = Vec::new();
    tip.extend(column.help.map(str::to_owned));
    tip.extend(column.problem.as_ref().map(|p| format!("⚠ {p}")));
    tip.extend(sort_problem.map(|p| format!("This column cannot be sorted: {p}")));
    let sizing = ui.is_sizing_pass();
    padded(ui, move |ui| {
        // Aligned as the cells are; the arrow beside the label.
        let mut atoms = egui::Atoms::default();
        if column.align != egui::Align::Min {
            atoms.push_right(egui::Atom::grow());
        }
        if column.problem.is_some() {
            atoms.push_right(RichText::new("⚠").color(ui.visuals().warn_fg_color));
        }
        // The label is the part cut short when the column is narrow.
        atoms.push_right(RichText::new(column.label).strong().atom_shrink(true));
        // Measured with an arrow, so one fits when the column is sorted.
        if let Some(arrow) = arrow.or((sortable && sizing).then_some("▲")) {
            atoms.push_right(RichText::new(arrow).small());
        }
        if column.align != egui::Align::Max {
            atoms.push_right(egui::Atom::grow());
        }
        let sense = if sortable {
            egui::Sense::click()
        } else {
            egui::Sense::hover()
        };
        let response = ui.add(
            egui::Button::new(atoms)
                .frame(false)
                .sense(sense)
                .wrap_mode(ui.style().wrap_mode.unwrap_or(egui::TextWrapMode::Truncate))
                // The whole cell is the button, but when it is measured.
                .min_size(egui::vec2(
                    if sizing { 0.0 } else { ui.available_width() },
                    0.0,
                )),
        );
        // A label cut short is shown whole on hover.
        if response
            .intrinsic_size()
            .is_some_and(|size| size.x > response.rect.width() + 0.5)
        {
            tip.insert(0, column.label.to_owned());
        }
        let response = if tip.is_empty() {
            response
        } else {
            response.on_hover_text(tip.join("\n\n"))
        };
        sortable && response.clicked()
    })
}

/// A first width for a column (before a person drags it): its header and
/// the first rows' text, estimated from their length.
fn estimated_width(ui: &Ui, column: &Shown<'_>, rows: usize) -> f32 {
    let char_width = ui.text_style_height(&egui::TextStyle::Body) * 0.6;
    let header = column.label.chars().count() + if column.problem.is_some() { 4 } else { 2 };
    let cells = (0..rows.min(ESTIMATED_ROWS))
        .map(|row| match column.kind {
            Kind::Link {
                display: Some(display),
            } => display.chars().count(),
            _ => column.cells.text(row).chars().count(),
        })
        .max()
        .unwrap_or(0);
    #[allow(clippy::cast_precision_loss, reason = "a count of characters")]
    let mut width = header.max(cells) as f32 * char_width + 2.0 * f32::from(PAD);
    if matches!(column.kind, Kind::Progress { .. }) {
        width += BAR_WIDTH + ui.spacing().item_spacing.x;
    }
    width.clamp(MIN_WIDTH, MAX_FITTED_WIDTH)
}

/// The width of the row-number column for `rows` rows.
fn index_width(ui: &Ui, rows: usize) -> f32 {
    let digits = rows.saturating_sub(1).max(1).ilog10() + 1;
    #[allow(clippy::cast_precision_loss, reason = "a few digits")]
    let text = digits as f32 * ui.text_style_height(&egui::TextStyle::Body) * 0.6;
    (text + 2.0 * f32::from(PAD)).max(MIN_WIDTH)
}

/// A column of an interactive table: its width is the one a person gave it
/// (kept by egui_table) or, for a new column, the one asked for or an
/// estimate. When `measure`, egui_table fits it to its cells this frame
/// (held at the width asked for, if one was).
fn table_column(
    id: Id,
    known: Option<f32>,
    asked: Option<f32>,
    estimate: impl FnOnce() -> f32,
    measure: bool,
) -> egui_table::Column {
    let current = known.or(asked).unwrap_or_else(estimate);
    let range = match (measure, asked) {
        (true, Some(width)) => egui::Rangef::point(width),
        (true, None) => egui::Rangef::new(MIN_WIDTH, MAX_FITTED_WIDTH),
        (false, _) => egui::Rangef::new(MIN_WIDTH, MAX_WIDTH),
    };
    egui_table::Column::new(current)
        .range(range)
        .id(id)
        .resizable(true)
}

/// What egui_table asks of an interactive table.
struct View<'a> {
    columns: &'a [Shown<'a>],
    /// The first column is the row number.
    index: bool,
    /// The data rows in the order shown (`None`: the data's order).
    order: Option<&'a [u32]>,
    sort: &'a Sort,
    sort_problem: Option<&'a str>,
    /// The column whose header was clicked this frame.
    clicked: Option<&'a str>,
    row_height: f32,
    /// What the person selects, when they can.
    selecting: Option<Selecting>,
    /// The table's id, for the ids of clickable cells.
    id: Id,
}

impl<'a> View<'a> {
    fn column(&self, col_nr: usize) -> Option<&'a Shown<'a>> {
        let at = if self.index {
            col_nr.checked_sub(1)?
        } else {
            col_nr
        };
        self.columns.get(at)
    }

    fn data_row(&self, row_nr: u64) -> Option<usize> {
        let row = usize::try_from(row_nr).ok()?;
        match self.order {
            Some(order) => order.get(row).map(|&index| index as usize),
            None => Some(row),
        }
    }
}

impl egui_table::TableDelegate for View<'_> {
    fn header_cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::HeaderCellInfo) {
        header_background(ui);
        let Some(column) = self.column(cell.col_range.start) else {
            return;
        };
        let sorted_by_it = self.sort.column.as_deref() == Some(column.name);
        let arrow = if self.sort_problem.is_none() {
            self.sort.arrow(column.name)
        } else {
            None
        };
        let problem = self.sort_problem.filter(|_| sorted_by_it);
        let picking_columns = self.selecting.as_ref().is_some_and(|s| s.mode.columns());
        if let Some(selecting) = &self.selecting
            && selecting.selection.columns.iter().any(|c| c == column.name)
        {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().selection.bg_fill);
        }
        if header_ui(ui, column, true, arrow, problem) {
            if picking_columns {
                if let Some(selecting) = &mut self.selecting {
                    selecting.click_column(column.name);
                }
            } else {
                self.clicked = Some(column.name);
            }
        }
    }

    fn row_ui(&mut self, ui: &mut Ui, row_nr: u64) {
        if row_nr % 2 == 1 {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().faint_bg_color);
        }
    }

    fn cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::CellInfo) {
        let Some(row) = self.data_row(cell.row_nr) else {
            return;
        };
        let column = self.column(cell.col_nr);
        let is_index = self.index && cell.col_nr == 0;
        let rect = ui.max_rect();
        let name = if is_index {
            None
        } else {
            column.map(|c| c.name)
        };
        let selected = self.selecting.as_ref().is_some_and(|selecting| {
            selecting.row_selected(row) || name.is_some_and(|n| selecting.cell_selected(row, n))
        });
        if selected {
            ui.painter()
                .rect_filled(rect, 0.0, ui.visuals().selection.bg_fill);
        }
        if self.selecting.is_some() {
            // A click selects: the text is not selectable then.
            ui.style_mut().interaction.selectable_labels = false;
        }
        if is_index {
            index_cell_ui(ui, row);
        } else if let Some(column) = column {
            cell_ui(ui, column, row);
        }
        // The click area goes on top of the cell's content.
        let order = self.order;
        let id = self.id;
        if let Some(selecting) = &mut self.selecting
            && !selecting.mode.columns()
        {
            let response = ui.interact(
                rect,
                id.with(("select", cell.row_nr, cell.col_nr)),
                egui::Sense::click(),
            );
            if is_index {
                response.widget_info(|| {
                    let mut info = egui::WidgetInfo::new(egui::Role::RowHeader);
                    info.label = Some(format!("Row {row}"));
                    info.selected = Some(selected);
                    info
                });
            } else if let Some(name) = name.filter(|_| selecting.mode.cells()) {
                response.widget_info(|| {
                    let mut info = egui::WidgetInfo::new(egui::Role::Cell);
                    info.label = Some(format!("{name}, row {row}"));
                    info.selected = Some(selected);
                    info
                });
            }
            if response.clicked()
                && let Ok(place) = usize::try_from(cell.row_nr)
            {
                let data_row = move |at: usize| match order {
                    Some(order) => order.get(at).map(|&r| r as usize),
                    None => Some(at),
                };
                let shift = ui.input(|i| i.modifiers.shift);
                selecting.click(place, row, name, shift, &data_row);
            }
        }
    }

    fn default_row_height(&self) -> f32 {
        self.row_height
    }
}

/// Draws a table. Interactive tables sort by a clicked header (once per
/// table, column and direction) and lay out only the rows and columns in
/// view; static ones draw every row.
pub(crate) fn table_ui(ui: &mut Ui, table: &Table, interactive: bool, config: &TableConfig) {
    if interactive {
        let id = ui.scope_id().with("brook-table");
        dataframe_ui(ui, id, table, config, None);
    } else {
        static_table_ui(ui, table, config);
    }
}

/// Draws a dataframe whose rows, columns or cells the person selects, and
/// sends the selection when it changes.
pub(crate) fn selectable_dataframe_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> egui::Response {
    let WidgetSpec::Dataframe {
        table,
        config,
        selection: mode,
    } = &widget.spec
    else {
        return ui.label("");
    };
    let selection = match frame.value(widget) {
        Value::TableSelection(selection) => *selection,
        _ => TableSelection::default(),
    };
    let id = Id::unique(("brook-dataframe", &widget.id.0));
    let last = ui.data(|d| d.get_temp::<usize>(id.with("last")));
    let selecting = Selecting {
        mode: *mode,
        selection,
        last,
        changed: false,
    };
    let before = ui.cursor().min;
    let selecting = if ui.is_enabled() {
        dataframe_ui(ui, id, table, config, Some(selecting))
    } else {
        dataframe_ui(ui, id, table, config, None);
        None
    };
    if let Some(selecting) = selecting {
        if let Some(last) = selecting.last {
            ui.data_mut(|d| d.insert_temp(id.with("last"), last));
        }
        if selecting.changed {
            frame.commit(widget, Value::TableSelection(Box::new(selecting.selection)));
        }
    }
    let rect = egui::Rect::from_min_max(before, ui.min_rect().max);
    ui.interact(rect, id.with("area"), egui::Sense::hover())
}

fn dataframe_ui(
    ui: &mut Ui,
    id: Id,
    table: &Table,
    config: &TableConfig,
    selecting: Option<Selecting>,
) -> Option<Selecting> {
    let mut sort: Sort = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    if sort
        .column
        .as_deref()
        .is_some_and(|c| table.column_index(c).is_none())
    {
        sort = Sort::default();
    }
    let order = sorted_rows(ui, id, table, &sort);
    let (rows, sort_problem) = match &order {
        Some(Ok(rows)) => (Some(&rows[..]), None),
        Some(Err(problem)) => (None, Some(problem.as_str())),
        None => (None, None),
    };
    let columns = shown_columns(table, config);
    let index = !config.hide_index;
    if columns.is_empty() && !index {
        ui.weak("Every column of this table is hidden.");
        ui.data_mut(|d| d.insert_temp(id, sort));
        return selecting;
    }
    let row_height = row_height(ui);
    let header_height = row_height + 2.0;

    let num_rows = u64::try_from(table.len()).unwrap_or(u64::MAX);
    let mut builder = egui_table::Table::new()
        .id_salt(id)
        .num_rows(num_rows)
        .headers([egui_table::HeaderRow::new(header_height)])
        .num_sticky_cols(usize::from(index));
    // A table of another shape (a filter kept other rows) starts at its
    // first row, and so does the first frame that shows a table: egui
    // would bring back where an earlier table, or an earlier run of the
    // app, was scrolled to, hiding the first rows.
    let shape = (table.len(), table.schema().fields().len());
    let shape_id = id.with("shape");
    if ui.data(|d| d.get_temp::<(usize, usize)>(shape_id)) != Some(shape) {
        ui.data_mut(|d| d.insert_temp(shape_id, shape));
        builder = builder.scroll_to_row(0, Some(egui::Align::TOP));
    }
    // The table's own ui, with a scope of its own: egui_table keeps the
    // column widths under an id made from it, which is read here first.
    let mut area = ui.new_child(
        egui::UiBuilder::new()
            .scope_id(id.with("area"))
            .max_rect(ui.available_rect_before_wrap())
            .layout(Layout::top_down(egui::Align::Min)),
    );
    let table_id = builder.get_id(&area);
    let state = egui_table::TableState::load(ui.ctx(), table_id);
    let measure = state.is_none() && columns.len() <= MEASURED_COLUMNS;
    let known = |id: Id| state.as_ref().and_then(|s| s.col_widths.get(&id).copied());
    let mut layout = Vec::with_capacity(columns.len() + 1);
    if index {
        let column_id = Id::unique("brook-row-number");
        // Wide enough for the last row's number, not only those in view.
        layout.push(table_column(
            column_id,
            known(column_id),
            Some(index_width(ui, table.len())),
            || index_width(ui, table.len()),
            measure,
        ));
    }
    for column in &columns {
        let column_id = Id::unique(("brook-column", column.name));
        layout.push(table_column(
            column_id,
            known(column_id),
            column.width,
            || estimated_width(ui, column, table.len()),
            measure,
        ));
    }
    if !measure {
        // New columns get their first width now (egui_table keeps only
        // the widths of the columns it drew), so it is estimated once.
        let mut state = state.unwrap_or_default();
        let before = state.col_widths.len();
        for (at, column) in layout.iter().enumerate() {
            state
                .col_widths
                .entry(column.id_for(at))
                .or_insert(column.current);
        }
        if state.col_widths.len() != before {
            state.store(ui.ctx(), table_id);
        }
    }

    let content_width: f32 = layout.iter().map(|c| c.current).sum();
    let width = area.available_width().min(content_width + 1.0);
    let asked = config
        .height
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(DEFAULT_HEIGHT);
    #[allow(clippy::cast_precision_loss, reason = "a height in points")]
    let needed = header_height + table.len() as f32 * row_height;
    let height = asked.max(header_height + row_height).min(needed);

    let mut view = View {
        columns: &columns,
        index,
        order: rows,
        sort: &sort,
        sort_problem,
        clicked: None,
        row_height,
        selecting,
        id,
    };
    area.set_max_width(width);
    area.set_max_height(height);
    builder.columns(layout).show(&mut area, &mut view);
    let area = area.min_rect();
    ui.advance_cursor_after_rect(area);
    ui.painter().rect_stroke(
        area,
        2.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Outside,
    );
    let selecting = view.selecting.take();
    if let Some(name) = view.clicked.map(str::to_owned) {
        sort = sort.after_click(&name);
        ui.ctx().request_repaint();
    }
    ui.data_mut(|d| d.insert_temp(id, sort));
    selecting
}

fn static_table_ui(ui: &mut Ui, table: &Table, config: &TableConfig) {
    let columns = shown_columns(table, config);
    let index = !config.hide_index;
    let row_height = row_height(ui);
    let id = ui.scope_id().with("brook-table");
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(false)
        .vscroll(false)
        .cell_layout(Layout::left_to_right(egui::Align::Center));
    if index {
        builder = builder.column(Column::auto().at_least(MIN_WIDTH));
    }
    for column in &columns {
        builder = builder.column(match column.width {
            Some(width) => Column::exact(width).clip(true),
            None => Column::auto()
                .at_least(MIN_WIDTH)
                .at_most(MAX_FITTED_WIDTH)
                .clip(true),
        });
    }
    builder
        .header(row_height + 2.0, |mut header| {
            if index {
                header.col(|ui| header_background(ui));
            }
            for column in &columns {
                header.col(|ui| {
                    header_background(ui);
                    header_ui(ui, column, false, None, None);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, table.len(), |mut row| {
                let at = row.index();
                if index {
                    row.col(|ui| index_cell_ui(ui, at));
                }
                for column in &columns {
                    row.col(|ui| cell_ui(ui, column, at));
                }
            });
        });
}
