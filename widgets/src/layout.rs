//! Layout containers: columns, container, expander, form, placeholder.
//! Each returns a [`St`] that writes into the container; `st.sidebar()` and
//! `st.empty()` come with [`St`] itself.

use brook_engine::St;
use brook_engine::element::{ContainerKind, Node};
use egui::Ui;

use crate::render::{Frame, nodes_ui};

/// Layout containers on [`St`]. In the prelude.
pub trait LayoutExt {
    /// `n` columns of equal width, left to right.
    fn columns(&self, n: usize) -> Vec<St>;
    /// Columns with relative widths (`&[2.0, 1.0]`: the first twice as wide).
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
    /// `form_submit_button` (B104, B141). Forms cannot be nested.
    fn form(&self, key: &str) -> St;
    /// A form whose widgets go back to their defaults after each submit.
    fn form_cleared_on_submit(&self, key: &str) -> St;
}

impl LayoutExt for St {
    fn columns(&self, n: usize) -> Vec<St> {
        self.columns_weighted(&vec![1.0; n.max(1)])
    }
    fn columns_weighted(&self, weights: &[f32]) -> Vec<St> {
        let weights: Vec<f32> = weights
            .iter()
            .map(|w| if w.is_finite() && *w > 0.0 { *w } else { 1.0 })
            .collect();
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
            ui.vertical(|ui| nodes_ui(ui, children, frame));
        }
        ContainerKind::Container { border: true } | ContainerKind::Form { border: true, .. } => {
            egui::Frame::group(ui.style())
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    nodes_ui(ui, children, frame);
                });
        }
        ContainerKind::Form { border: false, .. } => {
            ui.vertical(|ui| nodes_ui(ui, children, frame));
        }
        ContainerKind::Expander { label, expanded } => {
            egui::CollapsingHeader::new(label.as_str())
                .default_open(*expanded)
                .show(ui, |ui| nodes_ui(ui, children, frame));
        }
        ContainerKind::Columns { weights } => columns_ui(ui, weights, children, frame),
    }
}

fn columns_ui(ui: &mut Ui, weights: &[f32], children: &[Node], frame: &mut Frame<'_>) {
    let total: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
    let gap = ui.spacing().item_spacing.x * 2.0;
    let count = weights.len().max(1);
    #[allow(clippy::cast_precision_loss, reason = "a handful of columns")]
    let width = (ui.available_width() - gap * (count - 1) as f32).max(0.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for (index, weight) in weights.iter().enumerate() {
            let column_width = width * weight / total;
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
                            nodes_ui(ui, column.element.children(), frame);
                        }
                    },
                );
            });
        }
    });
}
