//! Multipage apps (Streamlit's `st.navigation`, `st.Page`,
//! `st.switch_page` and `st.page_link`): the session knows which page runs;
//! `switch_page` is a request like a rerun; the window draws the menu.

use std::sync::Arc;

use super::run_context::{Abort, abort};
use super::{Script, St};
use crate::element::{Element, NavEntry, NavPosition};
use crate::error::BrookError;

/// One page of a multipage app: a title, a script, and how the menu lists
/// it. Give the pages to [`St::navigation`].
///
/// The title names the page everywhere: in the menu, in the window's
/// title, and for [`St::switch_page`] and [`St::page_link`]. Titles must
/// be unique.
///
/// ```
/// use brook_engine::{Page, St};
///
/// fn orders(st: &St) { /* the Orders page */ }
/// fn settings(st: &St) { /* the Settings page */ }
///
/// let script = |st: &St| {
///     let page = st.navigation([
///         Page::new("Orders", orders).icon("☰").default(),
///         Page::new("Settings", settings).section("Admin"),
///     ]);
///     page.run(st);
/// };
/// # let mut at = brook_engine::testing::AppTest::new(script);
/// # at.run();
/// # assert_eq!(at.current_page().as_deref(), Some("Orders"));
/// ```
#[derive(Clone)]
pub struct Page {
    title: String,
    script: Script,
    icon: Option<String>,
    section: Option<String>,
    hidden: bool,
    default: bool,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("title", &self.title)
            .field("icon", &self.icon)
            .field("section", &self.section)
            .field("hidden", &self.hidden)
            .field("default", &self.default)
            .finish_non_exhaustive()
    }
}

impl Page {
    /// A page titled `title` that runs `script`.
    pub fn new(title: impl Into<String>, script: impl Fn(&St) + Send + Sync + 'static) -> Self {
        Self {
            title: title.into(),
            script: Arc::new(script),
            icon: None,
            section: None,
            hidden: false,
            default: false,
        }
    }

    /// An icon shown before the title in the menu: a symbol such as "☰",
    /// "✉", "⚙", "ℹ", "★" or "→". brook's bundled fonts have no colour
    /// emoji: an emoji they lack (most above U+FFFF, such as "📦") draws as
    /// a box.
    #[must_use]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Lists the page under a section heading of the menu. Pages of one
    /// section are listed together, in the order of their first page.
    #[must_use]
    pub fn section(mut self, section: impl Into<String>) -> Self {
        self.section = Some(section.into());
        self
    }

    /// Leaves the page out of the menu. It still runs when switched to
    /// ([`St::switch_page`], [`St::page_link`]).
    #[must_use]
    pub fn hidden(mut self) -> Self {
        self.hidden = true;
        self
    }

    /// Makes this the page the app opens on (else the first page).
    #[must_use]
    pub fn default(mut self) -> Self {
        self.default = true;
        self
    }

    /// The page's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Runs the page's script with `st`. The widgets it makes belong to
    /// this page: leaving the page cleans them up (their keyed values too,
    /// unless the script keeps them in session state), and the same key on
    /// another page is another widget.
    ///
    /// Running a page that `st.navigation` did not return is a misuse
    /// error.
    pub fn run(&self, st: &St) {
        let chosen = {
            let ctx = st.ctx.borrow();
            ctx.state.page.as_deref() == Some(self.title.as_str())
        };
        if !chosen {
            st.fail(BrookError::Misuse(format!(
                "Page::run of \"{}\", which st.navigation did not choose: run the page it \
                 returns, `st.navigation([..]).run(st)`.",
                self.title
            )));
        }
        let before = st.ctx.borrow_mut().page_running.replace(self.title.clone());
        // Restored however the page ends (a rerun or a panic unwinds).
        struct Restore<'a>(&'a St, Option<String>);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                if let Ok(mut ctx) = self.0.ctx.try_borrow_mut() {
                    ctx.page_running = self.1.take();
                }
            }
        }
        let _restore = Restore(st, before);
        (self.script)(st);
    }
}

impl St {
    /// Declares the app's pages and returns the one to run this time: the
    /// page asked for (by [`St::switch_page`], a click in the menu or a
    /// [`St::page_link`]), else the page of the last run, else the
    /// `default()` page, else the first. Run it with [`Page::run`].
    ///
    /// The window lists the pages (but hidden ones) at the top of the
    /// sidebar (hiding the sidebar hides them; see [`St::navigation_at`]
    /// for a bar across the top), by
    /// section, with the current one marked, and shows its title in the
    /// window's title. Whatever the script draws before calling
    /// `navigation` (a sidebar filter, say) runs on every page, and its
    /// widgets keep their values across pages. Session state and caches
    /// are shared by all pages.
    ///
    /// When the page shown last is no longer among `pages`, the default
    /// page opens. A menu of one page (or of hidden pages only) is not
    /// drawn. No pages, two pages of one title, a blank title, several
    /// default pages, or an icon that is not one symbol, are misuse errors
    /// naming them.
    pub fn navigation(&self, pages: impl IntoIterator<Item = Page>) -> Page {
        self.navigation_at(pages, NavPosition::Sidebar)
    }

    /// [`St::navigation`] with the menu drawn at `position`: in the
    /// sidebar (the default), in a bar across the top of the page, or
    /// nowhere (the app moves between pages with [`St::page_link`] and
    /// [`St::switch_page`] only).
    pub fn navigation_at(
        &self,
        pages: impl IntoIterator<Item = Page>,
        position: NavPosition,
    ) -> Page {
        self.check();
        let pages: Vec<Page> = pages.into_iter().collect();
        let Some(first) = pages.first() else {
            self.fail(BrookError::Misuse(
                "st.navigation got no pages: give it at least one Page, such as \
                 Page::new(\"Home\", home)."
                    .into(),
            ));
        };
        if let Some(page) = pages.iter().find(|p| p.title.trim().is_empty()) {
            self.fail(BrookError::Misuse(format!(
                "st.navigation got a page titled {:?}: a title names its page in the menu \
                 and for st.switch_page, so it must have words.",
                page.title
            )));
        }
        if let Some(page) = pages
            .iter()
            .find(|p| p.icon.as_deref().is_some_and(|i| !is_icon(i)))
        {
            self.fail(BrookError::Misuse(format!(
                "The page \"{}\" has the icon {:?}: an icon is one symbol, such as \"☰\" or \"⚙\".",
                page.title,
                page.icon.as_deref().unwrap_or_default()
            )));
        }
        let defaults: Vec<&str> = pages
            .iter()
            .filter(|p| p.default)
            .map(|p| p.title.as_str())
            .collect();
        if defaults.len() > 1 {
            self.fail(BrookError::Misuse(format!(
                "st.navigation got several default pages, {defaults:?}: mark one page \
                 with .default()."
            )));
        }
        for (index, page) in pages.iter().enumerate() {
            if pages[..index].iter().any(|p| p.title == page.title) {
                self.fail(BrookError::Misuse(format!(
                    "st.navigation got two pages titled \"{}\": a title names its page, so \
                     each must be unique.",
                    page.title
                )));
            }
        }
        let chosen = {
            let mut ctx = self.ctx.borrow_mut();
            let state = &mut ctx.state;
            let find = |title: &Option<String>| {
                title
                    .as_ref()
                    .and_then(|title| pages.iter().find(|p| &p.title == title))
            };
            // The page a restart remembers (`remember_page`), on the first
            // run only.
            let remembered = state
                .page
                .is_none()
                .then(|| state.get::<String>(REMEMBERED_PAGE).ok())
                .flatten();
            let chosen = find(&state.page_request.take())
                .or_else(|| find(&state.page))
                .or_else(|| find(&remembered))
                .or_else(|| pages.iter().find(|p| p.default))
                .unwrap_or(first)
                .clone();
            state.page = Some(chosen.title.clone());
            state.pages = pages.iter().map(|p| p.title.clone()).collect();
            if state.persisted.contains_key(REMEMBERED_PAGE) {
                // Saved with the rest of the persisted keys after the run.
                let _ = state.set(REMEMBERED_PAGE, chosen.title.clone());
            }
            chosen
        };
        let entries: Vec<NavEntry> = pages
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| NavEntry {
                title: p.title.clone(),
                icon: p.icon.clone(),
                section: p.section.clone(),
            })
            .collect();
        // A menu of one page or none has nothing to choose from: as in
        // Streamlit, it is not drawn (and opens no sidebar).
        let position = if entries.len() < 2 {
            NavPosition::Hidden
        } else {
            position
        };
        let menu = Element::Navigation {
            pages: entries,
            current: chosen.title.clone(),
            position,
        };
        match position {
            NavPosition::Sidebar => self.sidebar().emit(menu),
            // The window takes a top menu out of the page and draws it
            // above; a hidden one only names the page.
            NavPosition::Top | NavPosition::Hidden => self.emit(menu),
        }
        chosen
    }

    /// Makes a multipage app open on the page it showed last, after a
    /// restart. Call it before [`St::navigation`]. The page's title is kept
    /// with the persisted session state (under the key `brook.page`, in
    /// the app's config folder); a remembered page that is gone opens the
    /// default page instead.
    ///
    /// ```
    /// # use brook_engine::{Page, St};
    /// let script = |st: &St| {
    ///     st.remember_page();
    ///     st.navigation([Page::new("Home", |_| {}), Page::new("Reports", |_| {})])
    ///         .run(st);
    /// };
    /// # let mut at = brook_engine::testing::AppTest::new(script);
    /// # at.run();
    /// ```
    pub fn remember_page(&self) {
        self.session_state().persist::<String>(REMEMBERED_PAGE);
    }

    /// Ends this run and runs the page titled `page` (Streamlit's
    /// `st.switch_page`). From a callback, the callback ends here and the
    /// run that follows shows the page.
    ///
    /// A title that no page of the last `st.navigation` has is a misuse
    /// error that lists the titles there are.
    pub fn switch_page(&self, page: &str) -> ! {
        let known = self.ctx.borrow().state.pages.clone();
        if !known.iter().any(|title| title == page) {
            self.fail(unknown_page("st.switch_page", page, &known));
        }
        self.ctx.borrow_mut().state.page_request = Some(page.to_owned());
        abort(Abort::SwitchPage)
    }

    /// A link to the page titled `page`, drawn as a link-styled button
    /// saying `label` (Streamlit's `st.page_link`). A click runs that page.
    ///
    /// A title that no page of the last `st.navigation` has shows an
    /// exception box listing the titles there are, where the link would
    /// be; the rest of the page still draws.
    pub fn page_link(&self, page: &str, label: impl Into<String>) {
        self.check();
        let (known, current) = {
            let ctx = self.ctx.borrow();
            (ctx.state.pages.clone(), ctx.state.page.clone())
        };
        if !known.iter().any(|title| title == page) {
            // Said where the link would be; the rest of the page draws.
            self.emit_exception(unknown_page("st.page_link", page, &known).to_string(), None);
            return;
        }
        self.emit(Element::PageLink {
            page: page.to_owned(),
            label: label.into(),
            current: current.as_deref() == Some(page),
        });
    }

    /// The title of the page this run shows (before `st.navigation` in
    /// the run too: a page asked for by a click or `switch_page` counts);
    /// `None` in an app without pages.
    pub fn current_page(&self) -> Option<String> {
        let ctx = self.ctx.borrow();
        let state = &ctx.state;
        state
            .page_request
            .as_ref()
            .filter(|asked| state.pages.contains(asked))
            .or(state.page.as_ref())
            .cloned()
    }
}

/// The session-state key under which `remember_page` keeps the page.
pub(crate) const REMEMBERED_PAGE: &str = "brook.page";

/// Whether `icon` is one symbol: one or two characters (an emoji with its
/// variation selector), no spaces.
fn is_icon(icon: &str) -> bool {
    let count = icon.chars().count();
    (1..=2).contains(&count) && !icon.chars().any(char::is_whitespace)
}

/// The misuse error of a page title no page has.
fn unknown_page(call: &str, page: &str, known: &[String]) -> BrookError {
    if known.is_empty() {
        BrookError::Misuse(format!(
            "{call}(\"{page}\"): this app has no pages. Declare them first with \
             st.navigation([Page::new(..), ..])."
        ))
    } else {
        BrookError::Misuse(format!(
            "{call}(\"{page}\"): no page has that title. The pages are {known:?}."
        ))
    }
}
