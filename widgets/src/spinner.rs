//! brook's spinner: a ring that fills with the progress of a long
//! computation (a cache miss), with its message, the function's name and the
//! elapsed time. Drawn by the window over the page, never as an
//! element, so the page stays visible and usable underneath.

use std::f32::consts::TAU;

use brook_engine::element::Progress;
use egui::{Color32, Pos2, RichText, Shape, Stroke, Ui, Vec2};

/// Paints the ring: a faint full circle, and the filled part on top. With no
/// fraction, a quarter arc turns (`time` in seconds drives it).
pub fn ring_ui(ui: &mut Ui, fraction: Option<f32>, time: f64, size: f32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let center = rect.center();
    let radius = size * 0.5 - 3.0;
    let track = ui.visuals().widgets.noninteractive.bg_stroke.color;
    let accent = ui.visuals().selection.bg_fill;
    painter.circle_stroke(center, radius, Stroke::new(4.0, track));
    let (start, sweep) = match fraction {
        Some(f) => (-TAU / 4.0, TAU * f.clamp(0.0, 1.0)),
        #[allow(clippy::cast_possible_truncation, reason = "an angle")]
        None => ((time * 4.0) as f32 % TAU, TAU / 4.0),
    };
    if sweep > 0.0 {
        painter.add(arc(center, radius, start, sweep, Stroke::new(4.0, accent)));
    }
}

fn arc(center: Pos2, radius: f32, start: f32, sweep: f32, stroke: Stroke) -> Shape {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a point count"
    )]
    let steps = ((sweep / TAU) * 64.0).ceil().max(2.0) as usize;
    #[allow(clippy::cast_precision_loss, reason = "a point count")]
    let points = (0..=steps)
        .map(|i| {
            let angle = start + sweep * i as f32 / steps as f32;
            center + radius * Vec2::angled(angle)
        })
        .collect();
    Shape::line(points, stroke)
}

/// The whole spinner card: ring, percentage, message, function and time.
pub fn spinner_ui(ui: &mut Ui, progress: &Progress, elapsed_secs: f32, time: f64) {
    egui::Frame::popup(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ring_ui(ui, progress.fraction, time, 40.0);
                ui.add_space(6.0);
                ui.vertical(|ui| {
                    let title = match progress.fraction {
                        #[allow(clippy::cast_possible_truncation, reason = "a percentage")]
                        Some(f) => format!("{}%  {}", (f * 100.0).round() as i32, progress.message),
                        None => progress.message.clone(),
                    };
                    ui.scope(|ui| {
                        ui.style_mut().visuals.override_text_color =
                            Some(ui.visuals().strong_text_color());
                        crate::markdown::inline_label_ui(ui, &title);
                    });
                    let mut detail = String::new();
                    if !progress.function.is_empty() {
                        detail.push_str(&format!("{}()", progress.function));
                        if progress.show_time {
                            detail.push_str("  ·  ");
                        }
                    }
                    if progress.show_time {
                        detail.push_str(&format!("{elapsed_secs:.1} s"));
                    }
                    ui.label(RichText::new(detail).small().color(Color32::GRAY));
                });
            });
        });
}
