//! Markdown: whole documents through egui_commonmark (CommonMark with
//! tables, nested lists, strikethrough, task lists, clickable links and
//! images), and the short inline markdown of labels (`**bold**`, `*italic*`,
//! `` `code` ``, `[links](url)`) as one line of laid-out text.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat, Ui};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};
use parking_lot::Mutex;

/// The viewer's cache (link hovers, images, scroll areas of code blocks),
/// one per egui context.
type Cache = Arc<Mutex<CommonMarkCache>>;

/// Draws `source` as CommonMark.
pub fn markdown_ui(ui: &mut Ui, source: &str) {
    let id = egui::Id::unique("brook-commonmark-cache");
    let cache: Cache = ui.data_mut(|d| Arc::clone(d.get_temp_mut_or_default::<Cache>(id)));
    let mut cache = cache.lock();
    CommonMarkViewer::new().show(ui, &mut cache, source);
}

/// Draws a label with its inline markdown rendered (`` `code` `` in the
/// code font, never with its backticks).
pub fn inline_label_ui(ui: &mut Ui, text: &str) -> egui::Response {
    let text = inline_text(ui, text);
    ui.label(text)
}

/// A label's text with its inline markdown laid out, for any widget that
/// takes egui's `WidgetText` (buttons, checkboxes, headers, tabs).
pub fn inline_text(ui: &Ui, text: &str) -> egui::WidgetText {
    if text.contains(['*', '_', '`', '[']) {
        let mut job = inline_job(ui, text);
        // The widget wraps or truncates it as it does plain text.
        job.wrap = egui::text::TextWrapping::default();
        egui::WidgetText::from(job)
    } else {
        egui::WidgetText::from(text)
    }
}

/// Lays out one paragraph with inline emphasis and code.
fn inline_job(ui: &Ui, text: &str) -> LayoutJob {
    let style = ui.style();
    let body = FontId::proportional(
        style
            .text_styles
            .get(&egui::TextStyle::Body)
            .map_or(14.0, |f| f.size),
    );
    let mono = FontId::monospace(body.size * 0.95);
    let color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let code_bg = ui.visuals().code_bg_color;
    let link = ui.visuals().hyperlink_color;
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let (mut bold, mut italic, mut code) = (false, false, false);
    let mut rest = text;
    let mut run = String::new();
    // The character before `rest`: `_` inside a word (`New_York`,
    // `snake_case`) is not emphasis.
    let mut previous: Option<char> = None;
    let flush = |job: &mut LayoutJob, run: &mut String, bold: bool, italic: bool, code: bool| {
        if run.is_empty() {
            return;
        }
        let format = TextFormat {
            font_id: if code { mono.clone() } else { body.clone() },
            color: if bold { strong } else { color },
            italics: italic,
            background: if code { code_bg } else { Color32::TRANSPARENT },
            ..TextFormat::default()
        };
        job.append(run, 0.0, format);
        run.clear();
    };
    while let Some(c) = rest.chars().next() {
        if !code && rest.starts_with("**") {
            flush(&mut job, &mut run, bold, italic, code);
            bold = !bold;
            rest = &rest[2..];
        } else if c == '`' {
            flush(&mut job, &mut run, bold, italic, code);
            code = !code;
            rest = &rest[1..];
        } else if !code
            && (c == '*' || c == '_')
            && italic_marker(rest, italic)
            && !(c == '_'
                && previous.is_some_and(char::is_alphanumeric)
                && rest[1..].starts_with(char::is_alphanumeric))
        {
            flush(&mut job, &mut run, bold, italic, code);
            italic = !italic;
            rest = &rest[1..];
        } else if !code
            && c == '['
            && let Some((label, after)) = link_text(rest)
        {
            flush(&mut job, &mut run, bold, italic, code);
            job.append(
                label,
                0.0,
                TextFormat {
                    font_id: body.clone(),
                    color: link,
                    underline: egui::Stroke::new(1.0, link),
                    ..TextFormat::default()
                },
            );
            rest = after;
        } else {
            run.push(c);
            rest = &rest[c.len_utf8()..];
        }
        previous = Some(c);
    }
    flush(&mut job, &mut run, bold, italic, code);
    job
}

fn italic_marker(rest: &str, open: bool) -> bool {
    // `_` inside words (snake_case) is not emphasis.
    let next = rest[1..].chars().next();
    open || next.is_some_and(|n| !n.is_whitespace())
}

fn link_text(rest: &str) -> Option<(&str, &str)> {
    let close = rest.find("](")?;
    let end = rest[close..].find(')')? + close;
    Some((&rest[1..close], &rest[end + 1..]))
}
