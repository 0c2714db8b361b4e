//! A plot with a point the person drags (egui_plot): its value is the
//! point.

use std::hash::{Hash, Hasher};
use std::ops::RangeInclusive;

use brook::egui::{self, Response, Ui};
use brook::egui_plot::{HLine, Line, Plot, PlotPoint, Points};
use brook::widgets::component::Component;

/// A line through `series` and one point, `[x, y]`, that the person drags
/// (or places with a click) within `x` and `y`. The script gets the point
/// when the drag ends.
pub struct PointPlot {
    /// The line drawn under the point: `[x, y]` pairs.
    pub series: Vec<[f64; 2]>,
    /// Where the point can go across.
    pub x: RangeInclusive<f64>,
    /// Where the point can go up and down.
    pub y: RangeInclusive<f64>,
    /// The plot's height in points.
    pub height: f32,
}

/// Floats have no `Hash`: hash their bits (the parameters are the
/// component's identity when it has no key).
impl Hash for PointPlot {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for [x, y] in &self.series {
            x.to_bits().hash(state);
            y.to_bits().hash(state);
        }
        for end in [self.x.start(), self.x.end(), self.y.start(), self.y.end()] {
            end.to_bits().hash(state);
        }
        self.height.to_bits().hash(state);
    }
}

impl Component for PointPlot {
    type Value = [f64; 2];

    fn ui(&self, ui: &mut Ui, value: &mut [f64; 2]) -> Response {
        let (x0, x1, y0, y1) = (
            *self.x.start(),
            *self.x.end(),
            *self.y.start(),
            *self.y.end(),
        );
        let point = *value;
        let shown = Plot::new(ui.next_auto_id())
            .height(self.height)
            // A drag moves the point, not the view.
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .include_x(x0)
            .include_x(x1)
            .include_y(y0)
            .include_y(y1)
            .show(ui, |plot| {
                plot.line(Line::new("series", self.series.clone()));
                plot.hline(
                    HLine::new("level", point[1])
                        .style(brook::egui_plot::LineStyle::dashed_loose()),
                );
                plot.points(
                    Points::new("point", vec![point])
                        .radius(7.0)
                        .color(egui::Color32::from_rgb(0xe4, 0x57, 0x2e)),
                );
                let response = plot.response();
                let pressed = response.dragged() || response.clicked();
                pressed.then(|| plot.pointer_coordinate()).flatten()
            });
        if let Some(PlotPoint { x, y }) = shown.inner {
            *value = self.fit([x, y]);
        }
        shown.response
    }

    fn fit(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let clamp = |v: f64, range: &RangeInclusive<f64>| {
            if v.is_nan() {
                *range.start()
            } else {
                v.clamp(*range.start(), *range.end())
            }
        };
        [clamp(x, &self.x), clamp(y, &self.y)]
    }
}
