//! brook's adjustments to egui's light and dark styles, installed in the
//! window and in snapshots alike.
//!
//! egui draws weak text (captions, metric labels, help and hints) at 60% of
//! the text colour, which reads at under 3:1 on the page. brook sets a weak
//! colour that keeps WCAG AA contrast (4.5:1) on the page and in windows,
//! in both themes, and is still quieter than body text.
//!
//! ```
//! let ctx = egui::Context::default();
//! brook_widgets::theme::install(&ctx);
//! ```

use egui::{Color32, Theme};

/// Weak text on egui's dark page (gray 27): 4.8:1, below the body's 140.
const DARK_WEAK: Color32 = Color32::from_gray(134);
/// Weak text on egui's light page (gray 248): 4.9:1, above the body's 80.
const LIGHT_WEAK: Color32 = Color32::from_gray(110);

/// Installs brook's style changes on both of `ctx`'s themes.
pub fn install(ctx: &egui::Context) {
    for (theme, weak) in [(Theme::Dark, DARK_WEAK), (Theme::Light, LIGHT_WEAK)] {
        ctx.style_mut_of(theme, |style| {
            style.visuals.weak_text_color = Some(weak);
        });
    }
}

/// WCAG 2 contrast, for the tests of colours (themes, alerts).
#[cfg(test)]
pub(crate) mod contrast {
    use egui::Color32;

    /// WCAG 2 relative luminance of an opaque colour.
    fn luminance(colour: Color32) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
    }

    /// A premultiplied (maybe translucent) colour drawn over an opaque
    /// background.
    pub(crate) fn over(fill: Color32, background: Color32) -> Color32 {
        let keep = 1.0 - f32::from(fill.a()) / 255.0;
        let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * keep).round().min(255.0) as u8;
        Color32::from_rgb(
            mix(fill.r(), background.r()),
            mix(fill.g(), background.g()),
            mix(fill.b(), background.b()),
        )
    }

    /// The contrast of `a` drawn on the opaque `b` (1 to 21).
    pub(crate) fn contrast(a: Color32, b: Color32) -> f32 {
        let (a, b) = (luminance(over(a, b)), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[cfg(test)]
mod tests {
    use super::contrast::contrast;
    use super::*;

    // Issue 13: captions and metric labels read at 2.7:1 (dark) and 2.9:1
    // (light) with egui's weak colour.
    #[test]
    fn weak_text_keeps_wcag_aa_contrast_and_stays_quieter_than_body_text() {
        let ctx = egui::Context::default();
        install(&ctx);
        for theme in [Theme::Dark, Theme::Light] {
            let visuals = ctx.style_of(theme).visuals.clone();
            let weak = visuals.weak_text_color();
            for background in [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
            ] {
                let ratio = contrast(weak, background);
                assert!(
                    ratio >= 4.5,
                    "{theme:?} weak text on {background:?}: {ratio:.2}"
                );
            }
            let body = contrast(visuals.text_color(), visuals.panel_fill);
            assert!(
                contrast(weak, visuals.panel_fill) < body,
                "{theme:?}: weak text must stay quieter than body text"
            );
            let plain = egui::Context::default().style_of(theme).visuals.clone();
            let before = contrast(plain.weak_text_color(), plain.panel_fill);
            assert!(
                before < 4.5,
                "{theme:?}: egui's weak text reads at {before:.2}"
            );
        }
    }
}
