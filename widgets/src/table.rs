//! `dataframe` and `table`: rows of serde-serializable values as a table.
//! `dataframe` is interactive (sortable by clicking a header, scrolling,
//! virtualised: only visible rows are drawn); `table` is static.

use brook_engine::St;
use brook_engine::data::{Table, cell_text, compare_directed};
use brook_engine::element::Element;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use serde::Serialize;

/// Tables on [`St`]. In the prelude.
pub trait TableExt {
    /// An interactive table of `rows` (each field a column).
    fn dataframe<T: Serialize>(&self, rows: &[T]);
    /// An interactive table of a prepared [`Table`] (cheap: no conversion).
    fn dataframe_table(&self, table: &Table);
    /// A static table of `rows`: every row drawn, no sorting.
    fn table<T: Serialize>(&self, rows: &[T]);
    /// A static table of a prepared [`Table`].
    fn table_of(&self, table: &Table);
}

fn show(st: &St, table: Table, interactive: bool) {
    st.emit(Element::Table { table, interactive });
}

fn convert<T: Serialize>(st: &St, rows: &[T]) -> Option<Table> {
    match Table::from_rows(rows) {
        Ok(table) => Some(table),
        Err(error) => {
            st.emit(Element::Exception {
                message: format!(
                    "{error}. Table rows must serialize to structs, maps or plain values."
                ),
                location: None,
            });
            None
        }
    }
}

impl TableExt for St {
    fn dataframe<T: Serialize>(&self, rows: &[T]) {
        if let Some(table) = convert(self, rows) {
            show(self, table, true);
        }
    }
    fn dataframe_table(&self, table: &Table) {
        show(self, table.clone(), true);
    }
    fn table<T: Serialize>(&self, rows: &[T]) {
        if let Some(table) = convert(self, rows) {
            show(self, table, false);
        }
    }
    fn table_of(&self, table: &Table) {
        show(self, table.clone(), false);
    }
}

/// The sort of an interactive table, kept in egui's memory per table.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Sort {
    column: Option<usize>,
    descending: bool,
}

/// Draws a table. Interactive tables sort by a clicked header and draw
/// only the rows in view.
pub(crate) fn table_ui(ui: &mut Ui, table: &Table, interactive: bool) {
    let id = ui.scope_id().with("brook-table");
    let mut sort: Sort = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    // The order of rows, by index (sorting an index keeps rows shared).
    let order: Vec<usize> = match sort.column {
        Some(column) if interactive => {
            let mut order: Vec<usize> = (0..table.rows.len()).collect();
            order.sort_by(|&a, &b| {
                compare_directed(
                    table.rows[a].get(column),
                    table.rows[b].get(column),
                    sort.descending,
                )
            });
            order
        }
        _ => (0..table.rows.len()).collect(),
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(interactive)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(36.0));
    for _ in &table.columns {
        builder = builder.column(Column::auto().at_least(60.0).clip(true));
    }
    if interactive {
        builder = builder.max_scroll_height(360.0).vscroll(true);
    } else {
        builder = builder.vscroll(false);
    }
    builder
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.label(RichText::new("#").weak());
            });
            for (index, name) in table.columns.iter().enumerate() {
                header.col(|ui| {
                    let arrow = match sort.column {
                        Some(c) if c == index && sort.descending => " v",
                        Some(c) if c == index => " ^",
                        _ => "",
                    };
                    let text = RichText::new(format!("{name}{arrow}")).strong();
                    if interactive {
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text("Sort")
                            .clicked()
                        {
                            sort = match sort.column {
                                Some(c) if c == index && !sort.descending => Sort {
                                    column: Some(index),
                                    descending: true,
                                },
                                Some(c) if c == index => Sort::default(),
                                _ => Sort {
                                    column: Some(index),
                                    descending: false,
                                },
                            };
                        }
                    } else {
                        ui.label(text);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, order.len(), |mut row| {
                let Some(&index) = order.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(RichText::new(index.to_string()).weak());
                });
                // One cell per column: a short row ends in empty cells, and
                // cells past the columns (a ragged row) have no column.
                let cells = table.rows.get(index).map(Vec::as_slice).unwrap_or_default();
                for column in 0..table.columns.len() {
                    let Some(cell) = cells.get(column) else {
                        row.col(|_| {});
                        continue;
                    };
                    row.col(|ui| {
                        let text =
                            brook_engine::time::show_cell(cell).unwrap_or_else(|| cell_text(cell));
                        if cell.is_number() {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(text);
                                },
                            );
                        } else {
                            ui.label(text);
                        }
                    });
                }
            });
        });
    ui.data_mut(|d| d.insert_temp(id, sort));
}
