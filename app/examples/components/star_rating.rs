//! A star rating written from scratch: the tutorial component.
//!
//! A component is a type whose fields are its parameters (here how many
//! stars), a value type (here how many are lit), and a `ui` function that
//! draws it with egui and changes the value when the person does.

use brook::egui::{self, Color32, Pos2, Response, Sense, Shape, Stroke, Ui, Vec2};
use brook::widgets::component::Component;

/// From none to `max` stars. A click on a star sets the rating to it; a
/// click on the last lit star clears it. With the keyboard: Tab to it,
/// then the left and right arrows.
#[derive(Hash)]
pub struct StarRating {
    /// How many stars are drawn.
    pub max: u8,
}

impl Component for StarRating {
    type Value = u8;

    fn ui(&self, ui: &mut Ui, value: &mut u8) -> Response {
        let size = ui.spacing().interact_size.y * 1.2;
        let width = size * f32::from(self.max);
        let (rect, mut response) = ui.allocate_exact_size(
            Vec2::new(width, size),
            Sense::click() | Sense::focusable_noninteractive(),
        );
        // The star under the pointer, counted from one.
        let star_at = |pos: Pos2| {
            let index = ((pos.x - rect.left()) / size)
                .floor()
                .clamp(0.0, f32::from(self.max) - 1.0);
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "0..max"
            )]
            let star = index as u8 + 1;
            star
        };
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let star = star_at(pos);
            *value = if *value == star { 0 } else { star };
            response.mark_changed();
        }
        if response.has_focus() {
            // The arrow keys are the rating's: without this, egui moves the
            // focus to the next widget that way.
            let arrows = egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                ..Default::default()
            };
            ui.memory_mut(|m| m.set_focus_lock_filter(response.id, arrows));
            let (left, right) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::ArrowLeft),
                    i.key_pressed(egui::Key::ArrowRight),
                )
            });
            if left && *value > 0 {
                *value -= 1;
                response.mark_changed();
            }
            if right && *value < self.max {
                *value += 1;
                response.mark_changed();
            }
        }
        let hovered = response.hover_pos().map(star_at);
        let visuals = ui.visuals();
        let gold = Color32::from_rgb(0xf5, 0xb3, 0x01);
        let unlit = visuals.weak_text_color();
        for star in 1..=self.max {
            let center = rect.left_center() + Vec2::new(size * (f32::from(star) - 0.5), 0.0);
            let lit = star <= *value;
            let preview = hovered.is_some_and(|h| star <= h);
            let fill = if lit {
                gold
            } else if preview {
                gold.gamma_multiply(0.4)
            } else {
                Color32::TRANSPARENT
            };
            paint_star(
                ui,
                center,
                size * 0.42,
                fill,
                Stroke::new(1.2, if lit { gold } else { unlit }),
            );
        }
        if response.has_focus() {
            ui.painter().rect_stroke(
                rect,
                3.0,
                visuals.selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        let enabled = response.enabled();
        let rating = f64::from(*value);
        response.widget_info(|| egui::WidgetInfo::slider(enabled, rating, "stars"));
        response
    }

    fn fit(&self, value: u8) -> u8 {
        value.min(self.max)
    }
}

/// A five-pointed star: a pentagon in the middle and a triangle on each
/// side (egui fills convex shapes only).
fn paint_star(ui: &Ui, center: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
    let point = |i: usize, r: f32| {
        #[allow(clippy::cast_precision_loss, reason = "0..10")]
        let angle = std::f32::consts::PI * (i as f32) / 5.0 - std::f32::consts::FRAC_PI_2;
        center + Vec2::angled(angle) * r
    };
    let outer: Vec<Pos2> = (0..5).map(|i| point(i * 2, radius)).collect();
    let inner: Vec<Pos2> = (0..5).map(|i| point(i * 2 + 1, radius * 0.45)).collect();
    let painter = ui.painter();
    if fill != Color32::TRANSPARENT {
        painter.add(Shape::convex_polygon(inner.clone(), fill, Stroke::NONE));
        for i in 0..5 {
            let before = inner[(i + 4) % 5];
            painter.add(Shape::convex_polygon(
                vec![before, outer[i], inner[i]],
                fill,
                Stroke::NONE,
            ));
        }
    }
    let mut outline = Vec::with_capacity(10);
    for i in 0..5 {
        outline.push(outer[i]);
        outline.push(inner[i]);
    }
    painter.add(Shape::closed_line(outline, stroke));
}
