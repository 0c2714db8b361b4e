//! A small markdown renderer: headings, bullet and numbered lists, block
//! quotes, fenced code, `**bold**`, `*italic*`, `` `code` `` and links shown
//! as their text. Enough for the text of internal tools.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat, Ui};

/// Draws `source` as markdown.
pub fn markdown_ui(ui: &mut Ui, source: &str) {
    let mut in_code = false;
    let mut code = String::new();
    for line in source.lines() {
        if line.trim_start().starts_with("```") {
            if in_code {
                crate::text::code_ui(ui, code.trim_end_matches('\n'), None);
                code.clear();
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            code.push_str(line);
            code.push('\n');
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            ui.add_space(4.0);
        } else if let Some(rest) = heading(trimmed) {
            let (level, text) = rest;
            let size = [26.0, 22.0, 18.0, 16.0][level.min(4) - 1];
            ui.label(RichText::new(text).size(size).strong());
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            ui.horizontal_wrapped(|ui| {
                ui.label("•");
                inline_ui(ui, item);
            });
        } else if let Some((number, item)) = numbered(trimmed) {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{number}."));
                inline_ui(ui, item);
            });
        } else if let Some(quote) = trimmed.strip_prefix("> ") {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("|").weak());
                inline_ui(ui, quote);
            });
        } else if trimmed.chars().all(|c| c == '-') && trimmed.len() >= 3 {
            ui.separator();
        } else {
            inline_ui(ui, trimmed);
        }
    }
    if in_code {
        crate::text::code_ui(ui, code.trim_end_matches('\n'), None);
    }
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    (1..=6)
        .contains(&level)
        .then(|| line[level..].strip_prefix(' '))
        .flatten()
        .map(|t| (level, t))
}

fn numbered(line: &str) -> Option<(&str, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    line[digits..]
        .strip_prefix(". ")
        .map(|rest| (&line[..digits], rest))
}

/// Lays out one paragraph with inline emphasis and code.
fn inline_ui(ui: &mut Ui, text: &str) {
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
    ui.label(job);
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
