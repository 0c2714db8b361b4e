//! `dataframe` and `table`: a [`Table`] (or rows of serde-serializable
//! values) as a table. `dataframe` is interactive (sortable by clicking a
//! header, scrolling, virtualised: only visible rows are drawn); `table` is
//! static.

use brook_engine::St;
use brook_engine::data::{CellText, ColumnConfig, IntoTable, Table, TableConfig};
use brook_engine::element::Element;
use egui::{RichText, Ui};
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

    /// Draws the table. Data that cannot be a table, or a column setting
    /// that names no column, is an error box saying which.
    pub fn show(self) {
        let table = match self.table {
            Ok(table) => table,
            Err(message) => {
                self.st.emit(Element::Exception {
                    message: format!(
                        "{message}. Table rows must serialize to structs, maps or plain values."
                    ),
                    location: None,
                });
                return;
            }
        };
        let unknown: Vec<&str> = self
            .config
            .columns
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| table.column_index(name).is_none())
            .collect();
        if !unknown.is_empty() {
            self.st.emit(Element::Exception {
                message: format!(
                    "The table's column settings name {unknown:?}, but its columns are {:?}. Use one of those names.",
                    table.column_names().collect::<Vec<_>>()
                ),
                location: None,
            });
            return;
        }
        self.st.emit(Element::Table {
            table,
            interactive: self.interactive,
            config: self.config,
        });
    }
}

/// The sort of an interactive table, kept in egui's memory per table: by
/// the column's name, so it follows the column when columns move and is
/// dropped when the column goes away.
#[derive(Clone, Debug, Default, PartialEq)]
struct Sort {
    column: Option<String>,
    descending: bool,
}

/// A sorted order, computed once per (table, column, direction) and kept
/// until one of them changes.
#[derive(Clone)]
struct Order {
    table: Table,
    sort: Sort,
    rows: std::sync::Arc<[u32]>,
}

fn sorted_rows(ui: &Ui, id: egui::Id, table: &Table, sort: &Sort) -> Option<std::sync::Arc<[u32]>> {
    let column = sort.column.as_deref()?;
    let memory = id.with("order");
    if let Some(order) = ui.data(|d| d.get_temp::<Order>(memory))
        && order.sort == *sort
        && order.table == *table
    {
        return Some(order.rows);
    }
    let indices = table.sort_indices(column, sort.descending).ok()?;
    let rows: std::sync::Arc<[u32]> = indices.values().iter().copied().collect();
    ui.data_mut(|d| {
        d.insert_temp(
            memory,
            Order {
                table: table.clone(),
                sort: sort.clone(),
                rows: std::sync::Arc::clone(&rows),
            },
        );
    });
    Some(rows)
}

/// Draws a table. Interactive tables sort by a clicked header (once per
/// table, column and direction) and draw only the rows in view.
pub(crate) fn table_ui(ui: &mut Ui, table: &Table, interactive: bool, config: &TableConfig) {
    let id = ui.scope_id().with("brook-table");
    let mut sort: Sort = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    if sort
        .column
        .as_deref()
        .is_some_and(|c| table.column_index(c).is_none())
    {
        sort = Sort::default();
    }
    let order = if interactive {
        sorted_rows(ui, id, table, &sort)
    } else {
        None
    };
    let columns: Vec<(usize, &str, Option<&ColumnConfig>)> = table
        .column_names()
        .enumerate()
        .map(|(index, name)| (index, name, config.column(name)))
        .filter(|(_, _, c)| !c.is_some_and(|c| c.hidden))
        .collect();
    let writers: Vec<CellText<'_>> = columns
        .iter()
        .map(|(index, _, c)| CellText::new(table.batch().column(*index).as_ref(), *c))
        .collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(interactive)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    if !config.hide_index {
        builder = builder.column(Column::auto().at_least(36.0));
    }
    for (_, _, c) in &columns {
        builder = match c
            .and_then(|c| c.width)
            .filter(|w| w.is_finite() && *w > 0.0)
        {
            Some(width) => builder.column(Column::exact(width).clip(true)),
            None => builder.column(Column::auto().at_least(60.0).clip(true)),
        };
    }
    if interactive {
        builder = builder
            .max_scroll_height(
                config
                    .height
                    .filter(|h| h.is_finite() && *h > 0.0)
                    .unwrap_or(360.0),
            )
            .vscroll(true);
    } else {
        builder = builder.vscroll(false);
    }
    builder
        .header(row_height, |mut header| {
            if !config.hide_index {
                header.col(|ui| {
                    ui.label(RichText::new("#").weak());
                });
            }
            for (_, name, c) in &columns {
                header.col(|ui| {
                    let arrow = match &sort.column {
                        Some(s) if s == name && sort.descending => " v",
                        Some(s) if s == name => " ^",
                        _ => "",
                    };
                    let label = c.and_then(|c| c.label.as_deref()).unwrap_or(name);
                    let text = RichText::new(format!("{label}{arrow}")).strong();
                    if interactive {
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text("Sort")
                            .clicked()
                        {
                            sort = match &sort.column {
                                Some(s) if s == name && !sort.descending => Sort {
                                    column: Some((*name).to_owned()),
                                    descending: true,
                                },
                                Some(s) if s == name => Sort::default(),
                                _ => Sort {
                                    column: Some((*name).to_owned()),
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
            body.rows(row_height, table.len(), |mut row| {
                let index = match &order {
                    Some(order) => order.get(row.index()).map(|&i| i as usize),
                    None => Some(row.index()),
                };
                let Some(index) = index else {
                    return;
                };
                if !config.hide_index {
                    row.col(|ui| {
                        ui.label(RichText::new(index.to_string()).weak());
                    });
                }
                for ((_, _, c), writer) in columns.iter().zip(&writers) {
                    row.col(|ui| {
                        let text = writer.text(index);
                        let align = c.and_then(|c| c.align);
                        let right = match align {
                            Some(brook_engine::data::Align::Right) => true,
                            Some(_) => false,
                            None => writer.is_numeric(),
                        };
                        if right {
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
