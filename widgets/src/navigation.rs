//! The menu of a multipage app and page links (`st.navigation`,
//! `st.page_link`): a click sends [`Event::SwitchPage`].

use brook_engine::Event;
use brook_engine::element::NavEntry;
use egui::Ui;

/// Draws the menu of pages: one selectable row per page, under its
/// section's heading, the current page marked. Arrow keys move the
/// keyboard focus between rows, and Enter or Space opens the focused page.
pub(crate) fn navigation_ui(
    ui: &mut Ui,
    pages: &[NavEntry],
    current: &str,
    events: &mut Vec<Event>,
) {
    // Sections in the order of their first page; pages without a section
    // come first, as Streamlit lists them.
    let mut sections: Vec<Option<&str>> = Vec::new();
    for page in pages {
        let section = page.section.as_deref();
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    sections.sort_by_key(Option::is_some);
    for section in sections {
        if let Some(section) = section {
            ui.add_space(6.0);
            ui.label(egui::RichText::new(section).small().strong());
        }
        for page in pages.iter().filter(|p| p.section.as_deref() == section) {
            entry_ui(ui, page, current, true, events);
        }
    }
    ui.separator();
}

/// One page of the menu: its icon and title (plain text: `1_page__2` is
/// no emphasis) on a selectable button, marked when it is the `current`
/// page; a click on another page asks for it. A `row` spans the width
/// available, its text on the left.
fn entry_ui(ui: &mut Ui, page: &NavEntry, current: &str, row: bool, events: &mut Vec<Event>) {
    let text = match &page.icon {
        Some(icon) => format!("{icon}  {}", page.title),
        None => page.title.clone(),
    };
    let chosen = page.title == current;
    let label = egui::WidgetText::from(text);
    let button = if row {
        egui::Button::selectable(chosen, (label, egui::Atom::grow()))
            .min_size(egui::vec2(ui.available_width(), 0.0))
    } else {
        egui::Button::selectable(chosen, label)
    };
    if ui.add(button).clicked() && !chosen {
        events.push(Event::SwitchPage(page.title.clone()));
    }
}

/// Draws a page link: a frameless button in the link colour (the current
/// page's link is drawn plain and does nothing).
pub(crate) fn page_link_ui(
    ui: &mut Ui,
    page: &str,
    label: &str,
    current: bool,
    events: &mut Vec<Event>,
) -> egui::Response {
    let text = crate::markdown::inline_text(ui, label);
    // Screen readers get the words, without the markdown's marks.
    let name = text.text().to_owned();
    let colour = if current {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().hyperlink_color
    };
    let response = ui.add(
        egui::Button::new(text.color(colour))
            .frame(false)
            .selected(current),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &name));
    // A frameless button draws no focus ring of its own.
    if response.has_focus() {
        let stroke = ui.visuals().selection.stroke;
        ui.painter().rect_stroke(
            response.rect.expand(2.0),
            3.0,
            stroke,
            egui::StrokeKind::Outside,
        );
    }
    if response.clicked() && !current {
        events.push(Event::SwitchPage(page.to_owned()));
    }
    response
}

/// Draws the menu as a bar across the top of the page: the pages one after
/// another (wrapping when the window is narrow), the current one marked,
/// sections parted by a line.
pub(crate) fn top_bar_ui(ui: &mut Ui, pages: &[NavEntry], current: &str, events: &mut Vec<Event>) {
    ui.horizontal_wrapped(|ui| {
        let mut section = pages.first().and_then(|p| p.section.as_deref());
        for page in pages {
            if page.section.as_deref() != section {
                ui.separator();
                section = page.section.as_deref();
            }
            entry_ui(ui, page, current, false, events);
        }
    });
    ui.separator();
}
