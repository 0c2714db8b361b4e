//! The fonts brook draws with, bundled from `widgets/assets/fonts/`: the window and
//! every snapshot use exactly these, never the machine's, so text renders
//! the same everywhere.
//!
//! egui's own fonts come first (Ubuntu Light for text, Hack for code: the
//! look an egui user knows); they cover Latin, Greek and Cyrillic. DejaVu
//! Sans and DejaVu Sans Mono follow as fallbacks for what they lack:
//! Armenian, Georgian, arrows, mathematical operators, box drawing and the
//! dingbats people put in labels (✓ ✗ ★ ⚠ → ≤ ∑). A glyph none of them has
//! is drawn as a box in snapshots; the window (eframe's `system_fonts`)
//! looks it up in the machine's fonts instead, so Chinese, Japanese, Korean,
//! Arabic or Devanagari text reads there. egui lays text out left to right
//! without shaping, so scripts that need either (Arabic, Hebrew,
//! Devanagari) show their letters unjoined, whatever the font.
//!
//! ```
//! let ctx = egui::Context::default();
//! brook_widgets::fonts::install(&ctx);
//! let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
//! output.textures_delta.clear(); // a window hands these to its renderer
//! let font = egui::FontId::proportional(14.0);
//! assert!(ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, "✓ Done → 3 ≤ 4")));
//! ```

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// DejaVu Sans 2.37 (Bitstream Vera licence, `widgets/assets/fonts/DejaVu-LICENSE.txt`).
const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Mono 2.37, same licence.
const DEJAVU_SANS_MONO: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono.ttf");

/// The name of the proportional fallback in [`definitions`].
pub const SANS_FALLBACK: &str = "DejaVuSans";
/// The name of the monospace fallback in [`definitions`].
pub const MONO_FALLBACK: &str = "DejaVuSansMono";

/// egui's default fonts with brook's bundled fallbacks after them.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        SANS_FALLBACK.to_owned(),
        Arc::new(FontData::from_static(DEJAVU_SANS)),
    );
    fonts.font_data.insert(
        MONO_FALLBACK.to_owned(),
        Arc::new(FontData::from_static(DEJAVU_SANS_MONO)),
    );
    // Monospace text falls back to the mono face first, then the sans one
    // (which has more symbols); proportional text to the sans face only.
    for (family, fallbacks) in [
        (FontFamily::Proportional, &[SANS_FALLBACK][..]),
        (FontFamily::Monospace, &[MONO_FALLBACK, SANS_FALLBACK][..]),
    ] {
        let names = fonts.families.entry(family).or_default();
        // Before egui's last-resort icon font, after the text faces.
        let at = names
            .iter()
            .position(|name| name == "egui-icons")
            .unwrap_or(names.len());
        for (offset, name) in fallbacks.iter().enumerate() {
            names.insert(at + offset, (*name).to_owned());
        }
    }
    fonts
}

/// Makes `ctx` draw with brook's fonts (from its next pass, or from this one
/// when nothing has been laid out yet).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use egui::FontId;

    use super::*;

    fn has_glyphs(ctx: &egui::Context, font: &FontId, text: &str) -> bool {
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx.fonts_mut(|fonts| fonts.has_glyphs(font, text))
    }

    const SYMBOLS: &str = "✓✗★⚠→≤∑Ωαბ";

    #[test]
    fn symbols_egui_lacks_are_drawn_from_the_bundled_fallbacks() {
        let plain = egui::Context::default();
        let brook = egui::Context::default();
        install(&brook);
        for font in [FontId::proportional(14.0), FontId::monospace(14.0)] {
            for c in SYMBOLS.chars() {
                let text = c.to_string();
                assert!(has_glyphs(&brook, &font, &text), "{c} in {font:?}");
            }
            assert!(
                !has_glyphs(&plain, &font, SYMBOLS),
                "egui's own fonts now have these: the fallback test proves nothing"
            );
        }
    }

    #[test]
    fn egui_fonts_stay_first_and_its_icon_font_after_the_fallbacks() {
        let fonts = definitions();
        let proportional = &fonts.families[&FontFamily::Proportional];
        assert_eq!(
            proportional.first().map(String::as_str),
            Some("Ubuntu-Light")
        );
        let sans_at = proportional.iter().position(|n| n == SANS_FALLBACK);
        let icons_at = proportional.iter().position(|n| n == "egui-icons");
        assert!(sans_at.is_some() && sans_at < icons_at, "{proportional:?}");
        let monospace = &fonts.families[&FontFamily::Monospace];
        assert_eq!(monospace.first().map(String::as_str), Some("Hack"));
        let mono_at = monospace.iter().position(|n| n == MONO_FALLBACK);
        let sans_at = monospace.iter().position(|n| n == SANS_FALLBACK);
        assert!(mono_at.is_some() && mono_at < sans_at, "{monospace:?}");
    }
}
