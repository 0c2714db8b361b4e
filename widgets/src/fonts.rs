//! The fonts brook draws with, bundled from `assets/fonts/`: the window and
//! every snapshot use exactly these, never the machine's, so text renders
//! the same everywhere.
//!
//! egui's own fonts come first (Ubuntu Light for text, Hack for code: the
//! look an egui user knows); they cover Latin, Greek and Cyrillic. DejaVu
//! Sans and DejaVu Sans Mono follow as fallbacks for what they lack:
//! Armenian, Georgian, arrows, mathematical operators, box drawing and the
//! dingbats people put in labels (✓ ✗ ★ ⚠ → ≤ ∑). A glyph none of them has
//! is drawn as a box. egui lays text out left to right without shaping, so
//! scripts that need either (Arabic, Hebrew, Devanagari) are not drawn
//! correctly whatever the font.
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

/// DejaVu Sans 2.37 (Bitstream Vera licence, `assets/fonts/DejaVu-LICENSE.txt`).
const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Mono 2.37, same licence.
const DEJAVU_SANS_MONO: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

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

/// One character of each script the bundled fonts may lack, with its name.
const SCRIPTS: [(&str, char); 7] = [
    ("Chinese", '中'),
    ("Japanese", 'あ'),
    ("Korean", '한'),
    ("Arabic", 'ع'),
    ("Hebrew", 'א'),
    ("Devanagari", 'क'),
    ("Thai", 'ก'),
];

/// Whether the font `data` (face `index` of a collection) has a glyph for `c`.
fn has_char(data: &[u8], index: u32, c: char) -> bool {
    use skrifa::MetadataProvider as _;
    skrifa::FontRef::from_index(data, index).is_ok_and(|font| font.charmap().map(c).is_some())
}

/// Faces of `db` that draw the scripts `covered` says are missing, one per
/// script (faces shared between scripts are taken once), each as its name
/// and data. Among faces that cover a script, an upright regular sans face
/// is preferred.
pub fn fallback_faces(
    db: &fontdb::Database,
    covered: impl Fn(char) -> bool,
) -> Vec<(String, FontData)> {
    let mut chosen: Vec<(fontdb::ID, String)> = Vec::new();
    for (script, sample) in SCRIPTS {
        if covered(sample) {
            continue;
        }
        let already = chosen.iter().any(|(id, _)| {
            db.with_face_data(*id, |data, index| has_char(data, index, sample)) == Some(true)
        });
        if already {
            continue;
        }
        let score = |face: &fontdb::FaceInfo| {
            let name = face.families.first().map_or("", |(name, _)| name.as_str());
            u8::from(face.style == fontdb::Style::Normal)
                + u8::from(face.weight == fontdb::Weight::NORMAL)
                + u8::from(name.contains("Sans"))
                + u8::from(!face.monospaced)
        };
        let best = db
            .faces()
            .filter(|face| {
                db.with_face_data(face.id, |data, index| has_char(data, index, sample))
                    == Some(true)
            })
            .max_by_key(|face| score(face));
        if let Some(face) = best {
            let name = face
                .families
                .first()
                .map_or_else(|| script.to_owned(), |(name, _)| name.clone());
            chosen.push((face.id, format!("system: {name} ({script})")));
        }
    }
    chosen
        .into_iter()
        .filter_map(|(id, name)| {
            db.with_face_data(id, |data, index| {
                let mut font = FontData::from_owned(data.to_vec());
                font.index = index;
                (name, font)
            })
        })
        .collect()
}

/// [`install`], then, on a background thread, the system's fonts for the
/// scripts the bundled fonts lack (Chinese, Japanese, Korean, Arabic,
/// Hebrew, Devanagari, Thai), appended as last fallbacks: the window's text
/// in those scripts draws with whatever the machine has. Snapshots never
/// call this, so they draw with the bundled fonts only. Found faces are
/// logged; none found changes nothing.
pub fn install_with_system_fallbacks(ctx: &egui::Context) {
    install(ctx);
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("brook-fonts".into())
        .spawn(move || {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            let covered = |c: char| {
                [DEJAVU_SANS, DEJAVU_SANS_MONO]
                    .iter()
                    .any(|data| has_char(data, 0, c))
            };
            let faces = fallback_faces(&db, covered);
            if faces.is_empty() {
                return;
            }
            let mut fonts = definitions();
            for (name, font) in faces {
                log::info!("text in more scripts is drawn with the system font {name}");
                for family in [FontFamily::Proportional, FontFamily::Monospace] {
                    let names = fonts.families.entry(family).or_default();
                    let at = names
                        .iter()
                        .position(|n| n == "egui-icons")
                        .unwrap_or(names.len());
                    names.insert(at, name.clone());
                }
                fonts.font_data.insert(name, Arc::new(font));
            }
            ctx.set_fonts(fonts);
            ctx.request_repaint();
        });
    if let Err(error) = spawned {
        log::warn!("system fonts were not looked for: {error}");
    }
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

    // Issue 13
    #[test]
    fn scripts_the_bundled_fonts_lack_are_taken_from_the_given_fonts() {
        let mut db = fontdb::Database::new();
        db.load_font_data(DEJAVU_SANS.to_vec());
        // DejaVu Sans draws Arabic and Hebrew but no Chinese.
        let faces = fallback_faces(&db, |_| false);
        let names: Vec<&str> = faces.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["system: DejaVu Sans (Arabic)"],
            "one face, taken once"
        );
        // A script already covered is not looked for.
        let faces = fallback_faces(&db, |c| c == 'ع' || c == 'א');
        assert!(faces.is_empty());
        // With the face added, text in that script has its glyphs.
        let ctx = egui::Context::default();
        let mut fonts = FontDefinitions::default();
        let (name, font) = fallback_faces(&db, |_| false).remove(0);
        fonts.font_data.insert(name.clone(), Arc::new(font));
        if let Some(names) = fonts.families.get_mut(&FontFamily::Proportional) {
            names.push(name);
        }
        ctx.set_fonts(fonts);
        assert!(has_glyphs(&ctx, &FontId::proportional(14.0), "שלום"));
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
