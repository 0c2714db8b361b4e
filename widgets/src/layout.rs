//! Layout containers: columns, container, expander, form, placeholder.
//! Each returns a [`St`] that writes into the container; `st.sidebar()` and
//! `st.empty()` come with [`St`] itself.

use brook_engine::St;
use brook_engine::element::{ContainerKind, Node};
use egui::Ui;

use crate::render::{Frame, column_ui, nodes_ui};

/// Layout containers on [`St`]. In the prelude.
pub trait LayoutExt {
    /// `n` columns of equal width, left to right. In a row too narrow for
    /// [`MIN_COLUMN_WIDTH`] each, they are stacked top to bottom instead.
    /// `columns(0)` shows an exception box and gives one column.
    fn columns(&self, n: usize) -> Vec<St>;
    /// Columns with relative widths (`&[2.0, 1.0]`: the first twice as wide).
    /// Stacked when the narrowest would be under [`MIN_COLUMN_WIDTH`].
    /// A weight that is not a positive number, or no weights at all, shows
    /// an exception box naming it (the weight counts as 1; no weights give
    /// one column).
    fn columns_weighted(&self, weights: &[f32]) -> Vec<St>;
    /// A group to write into later, or to fill out of order.
    fn container(&self) -> St;
    /// A group with a border.
    fn bordered(&self) -> St;
    /// A collapsible section, closed at first.
    fn expander(&self, label: impl Into<String>) -> St;
    /// A collapsible section, open at first.
    fn expander_open(&self, label: impl Into<String>) -> St;
    /// A form: changes inside it are sent together by its
    /// `form_submit_button`. Forms cannot be nested.
    fn form(&self, key: &str) -> St;
    /// A form whose widgets go back to their defaults after each submit.
    fn form_cleared_on_submit(&self, key: &str) -> St;
    /// Tabs, one per label; write into each returned `St`. Every tab's
    /// content runs; the window shows the chosen one. No labels show an
    /// exception box and give no tabs.
    fn tabs<S: Into<String>>(&self, labels: impl IntoIterator<Item = S>) -> Vec<St>;
    /// A button that opens a floating panel holding what is written into
    /// the returned `St`.
    fn popover(&self, label: impl Into<String>) -> St;
    /// A modal window over the app with what is written into the returned
    /// `St`. It shows while the script draws it: keep a session-state flag
    /// and close it with a button.
    fn dialog(&self, title: impl Into<String>) -> St;
}

impl LayoutExt for St {
    fn columns(&self, n: usize) -> Vec<St> {
        if n == 0 {
            misuse(
                self,
                "st.columns(0) asks for no columns: ask for at least 1. One column is given instead.",
            );
        }
        self.columns_weighted(&vec![1.0; n.max(1)])
    }
    fn columns_weighted(&self, weights: &[f32]) -> Vec<St> {
        if weights.is_empty() {
            misuse(
                self,
                "st.columns_weighted(&[]) asks for no columns: give at least one weight. One column is given instead.",
            );
        }
        if let Some((position, weight)) = weights
            .iter()
            .enumerate()
            .find(|(_, w)| column_weight(**w) != **w)
        {
            misuse(
                self,
                &format!(
                    "st.columns_weighted: the weight {weight} (column {}) is not a positive number. \
                     Weights are relative widths, such as &[2.0, 1.0]; it counts as 1.",
                    position + 1
                ),
            );
        }
        let mut weights: Vec<f32> = weights.iter().copied().map(column_weight).collect();
        if weights.is_empty() {
            weights.push(1.0);
        }
        let row = self.open(ContainerKind::Columns {
            weights: weights.clone(),
        });
        weights
            .iter()
            .map(|_| row.open(ContainerKind::Column))
            .collect()
    }
    fn container(&self) -> St {
        self.open(ContainerKind::Container { border: false })
    }
    fn bordered(&self) -> St {
        self.open(ContainerKind::Container { border: true })
    }
    fn expander(&self, label: impl Into<String>) -> St {
        self.open(ContainerKind::Expander {
            label: label.into(),
            expanded: false,
        })
    }
    fn expander_open(&self, label: impl Into<String>) -> St {
        self.open(ContainerKind::Expander {
            label: label.into(),
            expanded: true,
        })
    }
    fn form(&self, key: &str) -> St {
        self.form_with(key, false, true)
    }
    fn form_cleared_on_submit(&self, key: &str) -> St {
        self.form_with(key, true, true)
    }
    fn tabs<S: Into<String>>(&self, labels: impl IntoIterator<Item = S>) -> Vec<St> {
        let labels: Vec<String> = labels.into_iter().map(Into::into).collect();
        if labels.is_empty() {
            misuse(
                self,
                "st.tabs got no labels: give at least one, such as st.tabs([\"Data\", \"Chart\"]).",
            );
            return Vec::new();
        }
        let row = self.open(ContainerKind::Tabs {
            labels: labels.clone(),
        });
        labels
            .iter()
            .map(|_| row.open(ContainerKind::Tab))
            .collect()
    }
    fn popover(&self, label: impl Into<String>) -> St {
        self.open(ContainerKind::Popover {
            label: label.into(),
        })
    }
    fn dialog(&self, title: impl Into<String>) -> St {
        self.open(ContainerKind::Dialog {
            title: title.into(),
        })
    }
}

/// Draws a container and its children.
pub(crate) fn container_ui(
    ui: &mut Ui,
    kind: &ContainerKind,
    children: &[Node],
    frame: &mut Frame<'_>,
) {
    match kind {
        ContainerKind::Container { border: false }
        | ContainerKind::Placeholder
        | ContainerKind::Column
        | ContainerKind::Fragment { .. } => {
            ui.vertical(|ui| column_ui(ui, children, frame));
        }
        ContainerKind::Container { border: true } | ContainerKind::Form { border: true, .. } => {
            egui::Frame::group(ui.style())
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    column_ui(ui, children, frame);
                });
        }
        ContainerKind::Form { border: false, .. } => {
            ui.vertical(|ui| column_ui(ui, children, frame));
        }
        ContainerKind::Expander { label, expanded } => {
            egui::CollapsingHeader::new(crate::markdown::inline_text(ui, label))
                .default_open(*expanded)
                .show(ui, |ui| column_ui(ui, children, frame));
        }
        ContainerKind::Columns { weights } => columns_ui(ui, weights, children, frame),
        ContainerKind::Tabs { labels } => tabs_ui(ui, labels, children, frame),
        ContainerKind::Tab => {
            ui.vertical(|ui| column_ui(ui, children, frame));
        }
        ContainerKind::Popover { label } => {
            // Open while the person works in it (several picks, typing): a
            // click outside, or Escape, closes it.
            egui::menu::MenuButton::new(crate::markdown::inline_text(ui, label))
                .config(
                    egui::menu::MenuConfig::new()
                        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
                )
                .ui(ui, |ui| {
                    ui.set_min_width(220.0);
                    nodes_ui(ui, children, frame);
                });
        }
        ContainerKind::Dialog { title } => {
            let id = ui.scope_id().with("brook-dialog");
            egui::Modal::new(id).show(ui.ctx(), |ui| {
                ui.set_width(420.0);
                ui.heading(title.as_str());
                ui.separator();
                nodes_ui(ui, children, frame);
            });
        }
        ContainerKind::Status {
            label,
            state,
            expanded,
        } => {
            egui::CollapsingHeader::new(crate::feedback::status_header(ui, label, *state))
                .default_open(*expanded)
                .show(ui, |ui| column_ui(ui, children, frame));
        }
    }
}

fn tabs_ui(ui: &mut Ui, labels: &[String], children: &[Node], frame: &mut Frame<'_>) {
    let id = ui.scope_id().with("brook-tabs");
    let mut chosen: usize = ui.data(|d| d.get_temp(id)).unwrap_or(0);
    // The tab labels wrap onto more rows rather than stick out of a narrow
    // column.
    ui.horizontal_wrapped(|ui| {
        for (index, label) in labels.iter().enumerate() {
            if ui
                .selectable_label(chosen == index, crate::markdown::inline_text(ui, label))
                .clicked()
            {
                chosen = index;
            }
        }
    });
    ui.separator();
    ui.data_mut(|d| d.insert_temp(id, chosen));
    if let Some(tab) = children.get(chosen) {
        ui.push_id(chosen, |ui| column_ui(ui, tab.element.children(), frame));
    }
}

/// Shows a misuse of a layout call as an exception box where the layout
/// goes; the run goes on.
fn misuse(st: &St, message: &str) {
    st.emit(brook_engine::element::Element::Exception {
        message: message.to_owned(),
        location: None,
    });
}

/// A column's relative width: a weight that is not a positive number
/// counts as 1 (with an exception box saying so).
fn column_weight(weight: f32) -> f32 {
    if weight.is_finite() && weight > 0.0 {
        weight
    } else {
        1.0
    }
}

/// The narrowest a column gets, in points. When a row of columns would
/// make any of its columns narrower than this, the columns are stacked
/// instead: each as wide as the row, one below the other, in order (as
/// Streamlit stacks columns on narrow screens). Two equal columns stay side
/// by side down to a row of about 340 points, three down to 510.
pub const MIN_COLUMN_WIDTH: f32 = 160.0;

/// Whether a row `width` points wide stacks columns of these (normalised)
/// `weights`, separated by `gap`: when the narrowest would be under
/// [`MIN_COLUMN_WIDTH`].
fn stacks(width: f32, weights: &[f32], gap: f32) -> bool {
    let total: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
    let smallest = weights.iter().copied().fold(f32::INFINITY, f32::min);
    #[allow(clippy::cast_precision_loss, reason = "a handful of columns")]
    let room = (width - gap * weights.len().saturating_sub(1) as f32).max(0.0);
    weights.len() > 1 && room * smallest / total < MIN_COLUMN_WIDTH
}

/// Draws a row of columns. Weights that are not positive numbers (from any
/// tree) count as 1, as [`LayoutExt::columns_weighted`] makes them. Below
/// [`MIN_COLUMN_WIDTH`] the columns are stacked.
fn columns_ui(ui: &mut Ui, weights: &[f32], children: &[Node], frame: &mut Frame<'_>) {
    let weights: Vec<f32> = weights.iter().copied().map(column_weight).collect();
    // Relative to the largest, so that the sum stays finite (weights near
    // f32::MAX would overflow it).
    let largest = weights.iter().copied().fold(f32::MIN_POSITIVE, f32::max);
    let weights: Vec<f32> = weights.iter().map(|w| w / largest).collect();
    let total: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
    let gap = ui.spacing().item_spacing.x * 2.0;
    let count = weights.len().max(1);
    if stacks(ui.available_width(), &weights, gap) {
        ui.vertical(|ui| {
            for index in 0..weights.len() {
                ui.push_id(index, |ui| {
                    if let Some(column) = children.get(index) {
                        if column.run < frame.run {
                            ui.multiply_opacity(0.35);
                        }
                        column_ui(ui, column.element.children(), frame);
                    }
                });
            }
        });
        return;
    }
    #[allow(clippy::cast_precision_loss, reason = "a handful of columns")]
    let width = (ui.available_width() - gap * (count - 1) as f32).max(0.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for (index, weight) in weights.iter().enumerate() {
            let column_width = (width * (weight / total)).max(0.0);
            ui.push_id(index, |ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(column_width, 0.0),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_width(column_width);
                        if let Some(column) = children.get(index) {
                            if column.run < frame.run {
                                ui.multiply_opacity(0.35);
                            }
                            column_ui(ui, column.element.children(), frame);
                        }
                    },
                );
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{MIN_COLUMN_WIDTH, stacks};

    // Issue 13: the rule, at its edges; the drawing is tested in brook-tests
    // (tests/tests/layout.rs).
    #[test]
    fn columns_stack_when_the_narrowest_would_be_under_the_minimum() {
        let gap = 16.0;
        let two = [1.0, 1.0];
        assert!(!stacks(2.0 * MIN_COLUMN_WIDTH + gap, &two, gap));
        assert!(stacks(2.0 * MIN_COLUMN_WIDTH + gap - 1.0, &two, gap));
        // Weighted 2:1: the narrow one decides.
        let weighted = [1.0, 0.5];
        assert!(stacks(3.0 * MIN_COLUMN_WIDTH + gap - 1.0, &weighted, gap));
        assert!(!stacks(3.0 * MIN_COLUMN_WIDTH + gap, &weighted, gap));
        // One column never stacks.
        assert!(!stacks(10.0, &[1.0], gap));
    }
}
