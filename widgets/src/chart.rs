//! Charts of serde rows through egui_plot: line, bar, area and scatter, with
//! a legend, a hover read-out, zoom and pan (drag, scroll) and a reset
//! (double click).

use brook_engine::St;
use brook_engine::data::Table;
use brook_engine::element::{ChartKind, Element};
use egui::Ui;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points};
use serde::Serialize;

/// Charts on [`St`]. In the prelude.
pub trait ChartExt {
    /// A line chart of `rows`; choose columns with `.x(..)` and `.y(..)`.
    fn line_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_>;
    /// A bar chart of `rows`.
    fn bar_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_>;
    /// An area chart of `rows`.
    fn area_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_>;
    /// A scatter chart of `rows`.
    fn scatter_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_>;
    /// A chart of a prepared [`Table`].
    fn chart(&self, kind: ChartKind, table: &Table) -> Chart<'_>;
}

/// A chart builder; finish with [`Chart::show`].
#[must_use = "call .show() to draw the chart"]
pub struct Chart<'a> {
    st: &'a St,
    kind: ChartKind,
    table: Result<Table, String>,
    x: Option<String>,
    y: Vec<String>,
}

fn chart<'a, T: Serialize>(st: &'a St, kind: ChartKind, rows: &[T]) -> Chart<'a> {
    Chart {
        st,
        kind,
        table: Table::from_rows(rows).map_err(|e| e.to_string()),
        x: None,
        y: Vec::new(),
    }
}

impl ChartExt for St {
    fn line_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_> {
        chart(self, ChartKind::Line, rows)
    }
    fn bar_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_> {
        chart(self, ChartKind::Bar, rows)
    }
    fn area_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_> {
        chart(self, ChartKind::Area, rows)
    }
    fn scatter_chart<T: Serialize>(&self, rows: &[T]) -> Chart<'_> {
        chart(self, ChartKind::Scatter, rows)
    }
    fn chart(&self, kind: ChartKind, table: &Table) -> Chart<'_> {
        Chart {
            st: self,
            kind,
            table: Ok(table.clone()),
            x: None,
            y: Vec::new(),
        }
    }
}

impl Chart<'_> {
    /// The x column (default: the row number).
    pub fn x(mut self, column: impl Into<String>) -> Self {
        self.x = Some(column.into());
        self
    }

    /// The y columns, one series each (default: every numeric column but x).
    pub fn y<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.y = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Draws the chart. A column that does not exist is an error naming it.
    pub fn show(self) {
        let table = match self.table {
            Ok(table) => table,
            Err(message) => {
                self.st.emit(Element::Exception {
                    message: format!("The chart's rows cannot be read: {message}"),
                    location: None,
                });
                return;
            }
        };
        let missing: Vec<&String> = self
            .x
            .iter()
            .chain(&self.y)
            .filter(|c| table.column(c).is_none())
            .collect();
        if !missing.is_empty() {
            self.st.emit(Element::Exception {
                message: format!(
                    "The chart asks for column(s) {missing:?}, but the data has {:?}. Use one of those names.",
                    table.columns
                ),
                location: None,
            });
            return;
        }
        let y = if self.y.is_empty() {
            (0..table.columns.len())
                .filter(|&c| Some(&table.columns[c]) != self.x.as_ref())
                .filter(|&c| table.numbers(c).iter().any(Option::is_some))
                .map(|c| table.columns[c].clone())
                .collect()
        } else {
            self.y
        };
        self.st.emit(Element::Chart {
            kind: self.kind,
            table,
            x: self.x,
            y,
        });
    }
}

/// Draws a chart.
pub(crate) fn chart_ui(ui: &mut Ui, kind: ChartKind, table: &Table, x: Option<&str>, y: &[String]) {
    #[allow(clippy::cast_precision_loss, reason = "row numbers")]
    let xs: Vec<Option<f64>> = match x.and_then(|x| table.column(x)) {
        Some(column) => table.numbers(column),
        None => (0..table.len()).map(|i| Some(i as f64)).collect(),
    };
    let series: Vec<(String, Vec<[f64; 2]>)> = y
        .iter()
        .filter_map(|name| {
            let column = table.column(name)?;
            let points = xs
                .iter()
                .zip(table.numbers(column))
                .filter_map(|(x, y)| Some([(*x)?, y?]))
                .collect();
            Some((name.clone(), points))
        })
        .collect();
    let bar_width = {
        let count = series.len().max(1);
        #[allow(clippy::cast_precision_loss, reason = "a handful of series")]
        let width = 0.8 / count as f64;
        width
    };
    Plot::new(ui.scope_id().with("brook-chart"))
        .height(280.0)
        .legend(Legend::default())
        .x_axis_label(x.unwrap_or("row"))
        .show(ui, |plot| {
            for (index, (name, points)) in series.into_iter().enumerate() {
                match kind {
                    ChartKind::Line => plot.line(Line::new(name, PlotPoints::from(points))),
                    ChartKind::Area => {
                        plot.line(Line::new(name, PlotPoints::from(points)).fill(0.0))
                    }
                    ChartKind::Scatter => {
                        plot.points(Points::new(name, PlotPoints::from(points)).radius(3.0))
                    }
                    ChartKind::Bar => {
                        #[allow(clippy::cast_precision_loss, reason = "a handful of series")]
                        let offset = (index as f64 - 0.5 * (y.len() as f64 - 1.0)) * bar_width;
                        let bars = points
                            .into_iter()
                            .map(|[x, y]| Bar::new(x + offset, y).width(bar_width))
                            .collect();
                        plot.bar_chart(BarChart::new(name, bars));
                    }
                }
            }
        });
}
