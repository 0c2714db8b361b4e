//! Multipage apps (issue 14): `st.navigation` with `Page`s, `switch_page`,
//! `page_link`, and state that behaves as Streamlit's across pages (SPEC
//! B71, B113, B125, B132, B133).

#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook::element::{Element, NavEntry};
use brook::prelude::*;
use brook::testing::AppTest;

fn orders(st: &St) {
    st.title("Orders");
    let filter = st.text_input("Filter").key("filter").show();
    st.text(format!("filter = {filter}"));
    if st.button("Go to customers").show() {
        st.switch_page("Customers");
    }
}

fn customers(st: &St) {
    st.title("Customers Title");
    let n = st.slider("Rows", 0..=100).key("rows").show();
    st.text(format!("rows = {n}"));
}

fn settings(st: &St) {
    st.title("Settings");
}

fn secret(st: &St) {
    st.title("Secret");
}

fn app(st: &St) {
    let page = st.navigation([
        Page::new("Orders", orders).icon("📦"),
        Page::new("Customers", customers).default(),
        Page::new("Settings", settings).section("Admin"),
        Page::new("Secret", secret).hidden(),
    ]);
    page.run(st);
}

fn menu(at: &AppTest) -> (Vec<NavEntry>, String) {
    at.tree()
        .sidebar
        .iter()
        .find_map(|node| match &node.element {
            Element::Navigation { pages, current, .. } => Some((pages.clone(), current.clone())),
            _ => None,
        })
        .expect("a navigation menu in the sidebar")
}

fn titles(at: &AppTest) -> Vec<String> {
    menu(at).0.into_iter().map(|p| p.title).collect()
}

// Issue 14
#[test]
fn the_menu_lists_pages_in_order_and_the_app_opens_on_the_default_page() {
    let mut at = AppTest::new(app);
    at.run();
    assert_eq!(at.current_page().as_deref(), Some("Customers"));
    assert_eq!(at.title(), ["Customers Title"]);
    let (pages, current) = menu(&at);
    assert_eq!(current, "Customers");
    assert_eq!(titles(&at), ["Orders", "Customers", "Settings"]);
    assert_eq!(pages[0].icon.as_deref(), Some("📦"));
    assert_eq!(pages[2].section.as_deref(), Some("Admin"));
}

// Issue 14
#[test]
fn without_a_default_the_first_page_opens() {
    let mut at = AppTest::new(|st| {
        st.navigation([
            Page::new("A", |st| st.text("a")),
            Page::new("B", |st| st.text("b")),
        ])
        .run(st);
    });
    at.run();
    assert_eq!(at.current_page().as_deref(), Some("A"));
    assert_eq!(at.text(), ["a"]);
}

// Issue 14
#[test]
fn a_click_in_the_menu_runs_that_page_and_the_page_stays_on_later_runs() {
    let mut at = AppTest::new(app);
    at.run();
    at.switch_page("Orders").run();
    assert_eq!(at.current_page().as_deref(), Some("Orders"));
    assert_eq!(at.title(), ["Orders"]);
    assert_eq!(menu(&at).1, "Orders");
    // A rerun (an interaction on the page) stays on it.
    at.widget("filter").input("late").run();
    assert_eq!(at.title(), ["Orders"]);
    assert_eq!(at.text(), ["filter = late"]);
}

// Issue 14
#[test]
fn switch_page_from_a_button_ends_the_run_and_runs_the_target_page() {
    let mut at = AppTest::new(app);
    at.run();
    at.switch_page("Orders").run();
    at.widget("Go to customers").click().run();
    assert_eq!(at.current_page().as_deref(), Some("Customers"));
    assert_eq!(at.title(), ["Customers Title"]);
}

// Issue 14
#[test]
fn switch_page_from_a_callback_shows_the_page_in_the_run_that_follows() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("Home", |st| {
                st.button("Next")
                    .on_click(|st| {
                        st.session_state().set("clicked", true);
                        st.switch_page("Done");
                    })
                    .show();
            }),
            Page::new("Done", |st| st.text("done")),
        ]);
        page.run(st);
    });
    at.run();
    at.widget("Next").click().run();
    assert_eq!(at.current_page().as_deref(), Some("Done"));
    assert_eq!(at.text(), ["done"]);
    assert_eq!(at.session_state().get::<bool>("clicked"), Some(true));
    assert!(at.warning().is_empty(), "{:?}", at.warning());
}

// Issue 14
#[test]
fn an_unknown_page_is_an_error_naming_the_known_pages() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("Home", |st| {
                if st.button("Go").show() {
                    st.switch_page("Nowhere");
                }
            }),
            Page::new("Away", |_| {}),
        ]);
        page.run(st);
    });
    at.run();
    at.widget("Go").click().run();
    assert_eq!(
        at.exception(),
        [r#"st.switch_page("Nowhere"): no page has that title. The pages are ["Home", "Away"]."#]
    );
    assert_eq!(at.current_page().as_deref(), Some("Home"));
}

// Issue 14
#[test]
fn switch_page_in_an_app_without_pages_says_to_declare_them() {
    let mut at = AppTest::new(|st| st.switch_page("Home"));
    at.run();
    let message = &at.exception()[0];
    assert!(message.contains("this app has no pages"), "{message}");
    assert!(message.contains("st.navigation"), "{message}");
}

// Issue 14
#[test]
fn no_pages_or_two_pages_of_one_title_are_misuse_errors() {
    let mut at = AppTest::new(|st| {
        st.navigation(Vec::<Page>::new()).run(st);
    });
    at.run();
    assert!(at.exception()[0].contains("st.navigation got no pages"));
    let mut at = AppTest::new(|st| {
        st.navigation([Page::new("A", |_| {}), Page::new("A", |_| {})])
            .run(st);
    });
    at.run();
    assert!(
        at.exception()[0].contains(r#"two pages titled "A""#),
        "{:?}",
        at.exception()
    );
}

// Issue 14 (B125): the widgets of a page that is left are cleaned up, their
// keyed values too.
#[test]
fn leaving_a_page_cleans_up_its_widgets_and_their_keyed_values() {
    let mut at = AppTest::new(app);
    at.run();
    at.widget("rows").set_value(42).run();
    assert_eq!(at.session_state().get::<i64>("rows"), Some(42));
    at.switch_page("Orders").run();
    assert!(!at.session_state().contains("rows"));
    // Coming back, the slider starts over.
    at.switch_page("Customers").run();
    assert_eq!(at.text(), ["rows = 0"]);
}

// Issue 14 (B132): re-saving a key at the top of the app keeps it across
// pages, and the widget takes it back on return.
#[test]
fn a_keyed_value_resaved_at_the_top_survives_a_visit_to_another_page() {
    let mut at = AppTest::new(|st| {
        if let Some(rows) = st.session_state().get::<i64>("rows") {
            st.session_state().set("rows", rows);
        }
        app(st);
    });
    at.run();
    at.widget("rows").set_value(42).run();
    at.switch_page("Orders").run();
    assert_eq!(at.session_state().get::<i64>("rows"), Some(42));
    at.switch_page("Customers").run();
    assert_eq!(at.text(), ["rows = 42"]);
}

// Issue 14 (B71): session state is one for all pages.
#[test]
fn session_state_is_shared_by_all_pages() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("Write", |st| {
                st.session_state().set("user", "ada".to_owned());
            }),
            Page::new("Read", |st| {
                let user: Option<String> = st.session_state().get("user");
                st.text(format!("user = {user:?}"));
            }),
        ]);
        page.run(st);
    });
    at.run();
    at.switch_page("Read").run();
    assert_eq!(at.text(), [r#"user = Some("ada")"#]);
}

// Issue 14 (B133): widgets drawn before `navigation` run on every page and
// keep their values across pages.
#[test]
fn common_sidebar_widgets_keep_their_values_on_every_page() {
    let mut at = AppTest::new(|st| {
        let region = st
            .sidebar()
            .selectbox("Region", ["EU", "US"])
            .key("region")
            .show();
        st.sidebar().text(format!("region = {region:?}"));
        app(st);
    });
    at.run();
    at.widget("region").select("US").run();
    for page in ["Orders", "Settings", "Customers"] {
        at.switch_page(page).run();
        assert_eq!(
            at.widget("region").value::<Option<&str>>(),
            Some("US"),
            "{page}"
        );
        assert!(
            at.text().contains(&r#"region = Some("US")"#.to_owned()),
            "{page}"
        );
    }
}

// Issue 14 (B113): the same key on two pages is two widgets.
#[test]
fn the_same_key_on_two_pages_is_two_widgets() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("One", |st| {
                let v = st.slider("N", 0..=10).key("n").show();
                st.text(format!("one {v}"));
            }),
            Page::new("Two", |st| {
                let v = st.slider("N", 0..=10).key("n").default(5).show();
                st.text(format!("two {v}"));
            }),
        ]);
        page.run(st);
    });
    at.run();
    at.widget("n").set_value(9).run();
    assert_eq!(at.text(), ["one 9"]);
    at.switch_page("Two").run();
    assert_eq!(at.text(), ["two 5"], "a new widget, at its own default");
}

// Issue 14
#[test]
fn a_hidden_page_is_not_in_the_menu_but_switch_page_reaches_it() {
    let mut at = AppTest::new(app);
    at.run();
    assert!(!titles(&at).contains(&"Secret".to_owned()));
    at.switch_page("Secret").run();
    assert_eq!(at.title(), ["Secret"]);
    assert_eq!(menu(&at).1, "Secret");
}

// Issue 14
#[test]
fn a_panic_on_one_page_leaves_the_other_pages_usable() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("Fine", |st| st.text("fine")),
            Page::new("Broken", |_| panic!("the report is broken")),
        ]);
        page.run(st);
    });
    at.run();
    at.switch_page("Broken").run();
    assert_eq!(at.exception(), ["the report is broken"]);
    assert_eq!(titles(&at), ["Fine", "Broken"], "the menu is still drawn");
    at.switch_page("Fine").run();
    assert_eq!(at.text(), ["fine"]);
    assert!(at.exception().is_empty());
}

// Issue 14
#[test]
fn a_page_link_names_its_page_and_an_unknown_one_is_an_error() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("Home", |st| {
                st.page_link("Help", "Read the **help**");
                st.page_link("Home", "Home");
            }),
            Page::new("Help", |st| st.page_link("Nope", "Broken")),
        ]);
        page.run(st);
    });
    at.run();
    let links: Vec<(String, String, bool)> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::PageLink {
                page,
                label,
                current,
            } => Some((page, label, current)),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [
            ("Help".to_owned(), "Read the **help**".to_owned(), false),
            ("Home".to_owned(), "Home".to_owned(), true)
        ]
    );
    at.switch_page("Help").run();
    assert!(at.exception()[0].starts_with(r#"st.page_link("Nope"): no page has that title"#));
}

// Issue 14
#[test]
fn apptest_switch_page_to_an_unknown_title_fails_the_test_with_the_titles() {
    let mut at = AppTest::new(app);
    at.run();
    let error = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.switch_page("Nope");
    }))
    .unwrap_err();
    let message = error.downcast_ref::<String>().unwrap();
    assert!(
        message.contains(r#"["Orders", "Customers", "Settings", "Secret"]"#),
        "{message}"
    );
}

// Issue 14 (found by a new user): before `navigation` in the run that
// follows a switch, `current_page` said the page left.
#[test]
fn current_page_before_navigation_is_the_page_this_run_shows() {
    let mut at = AppTest::new(|st| {
        st.sidebar()
            .text(format!("before: {:?}", st.current_page()));
        st.navigation([Page::new("Home", |_| {}), Page::new("Other", |_| {})])
            .run(st);
    });
    at.run();
    assert_eq!(at.text(), [r#"before: None"#]);
    at.run();
    assert_eq!(at.text(), [r#"before: Some("Home")"#]);
    at.switch_page("Other").run();
    assert_eq!(at.text(), [r#"before: Some("Other")"#]);
}

// Issue 14 (found by a new user): a misspelled page link stopped the rest
// of the page; it is said where the link would be, and the page goes on.
#[test]
fn a_misspelled_page_link_is_said_in_place_and_the_page_goes_on() {
    let mut at = AppTest::new(|st| {
        st.navigation([Page::new("Home", |st| {
            st.page_link("Hom", "Home");
            st.text("after the link");
        })])
        .run(st);
    });
    at.run();
    assert_eq!(
        at.exception(),
        [r#"st.page_link("Hom"): no page has that title. The pages are ["Home"]."#]
    );
    assert_eq!(at.text(), ["after the link"]);
}

// Issue 14: an app without pages has none.
#[test]
fn a_one_page_app_has_no_current_page() {
    let mut at = AppTest::new(|st| st.text("plain"));
    at.run();
    assert_eq!(at.current_page(), None);
}

fn remembering(st: &St) {
    st.remember_page();
    app(st);
}

fn state_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("brook-pages-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("session_state.ron")
}

// Issue 14 (deliver 5): with `remember_page`, a restart opens the page the
// app showed last; without it, the default page.
#[test]
fn remember_page_opens_the_last_page_after_a_restart() {
    let path = state_file("remember");
    {
        let mut at = AppTest::with_persist_path(remembering, path.clone());
        at.run();
        at.switch_page("Settings").run();
    }
    let mut at = AppTest::with_persist_path(remembering, path.clone());
    at.run();
    assert_eq!(at.current_page().as_deref(), Some("Settings"));
    assert_eq!(at.title(), ["Settings"]);

    let path = state_file("forget");
    {
        let mut at = AppTest::with_persist_path(app, path.clone());
        at.run();
        at.switch_page("Settings").run();
    }
    let mut at = AppTest::with_persist_path(app, path);
    at.run();
    assert_eq!(at.current_page().as_deref(), Some("Customers"));
}

// Issue 14: a remembered page that is gone opens the default page.
#[test]
fn a_remembered_page_that_is_gone_opens_the_default_page() {
    let path = state_file("gone");
    {
        let mut at = AppTest::with_persist_path(remembering, path.clone());
        at.run();
        at.switch_page("Secret").run();
    }
    let mut at = AppTest::with_persist_path(
        |st| {
            st.remember_page();
            st.navigation([
                Page::new("Orders", orders),
                Page::new("Customers", customers).default(),
            ])
            .run(st);
        },
        path,
    );
    at.run();
    assert_eq!(at.current_page().as_deref(), Some("Customers"));
    assert!(at.exception().is_empty());
}

// Issue 14: a fragment on a page of a multipage app reruns alone and
// stays on its page (fragments are experimental: scripts/test.sh runs
// this file with the feature too).
#[cfg(feature = "experimental")]
#[test]
fn a_fragment_on_a_page_reruns_alone_on_that_page() {
    let mut at = AppTest::new(|st| {
        let page = st.navigation([
            Page::new("Home", |st| st.text("home")),
            Page::new("Report", |st| {
                st.session_state().get_or_insert("page runs", 0_i64);
                let runs = st.session_state().update("page runs", |n: &mut i64| {
                    *n += 1;
                    *n
                });
                st.text(format!("page ran {runs} times"));
                brook::experimental::FragmentExt::fragment(st, "part", |st| {
                    let n = st.slider("Inner", 0..=10).key("inner").show();
                    st.text(format!("inner = {n}"));
                });
            }),
        ]);
        page.run(st);
    });
    at.run();
    at.switch_page("Report").run();
    st_state_is(&at, "page runs", 1);
    at.widget("inner").set_value(7).run();
    st_state_is(&at, "page runs", 1);
    assert_eq!(at.current_page().as_deref(), Some("Report"));
    assert_eq!(at.text(), ["page ran 1 times", "inner = 7"]);
}

#[cfg(feature = "experimental")]
fn st_state_is(at: &AppTest, key: &str, value: i64) {
    assert_eq!(at.session_state().get::<i64>(key), Some(value), "{key}");
}

mod window {
    //! The menu as the window draws it: above the rest of the sidebar, by
    //! section, the current page marked; a click or the keyboard asks for
    //! a page.

    use brook::element::Element;
    use brook::testing::{SnapshotOptions, Theme};
    use brook::widgets::snapshot::{Harness, PageState, page_harness};
    use brook_engine::Event;
    use egui::accesskit::Role;
    use egui_kittest::kittest::{NodeT as _, Queryable as _};

    use super::*;

    fn drawn() -> Harness<'static, PageState> {
        let mut at = AppTest::new(|st| {
            st.sidebar().text("Region filter");
            app(st);
            st.page_link("Settings", "Open the **settings**");
        });
        at.run();
        let mut harness = page_harness(
            at.tree(),
            &SnapshotOptions::new()
                .theme(Theme::Light)
                .size(900.0, 500.0),
        );
        harness.run();
        harness
    }

    fn switches(harness: &Harness<'_, PageState>) -> Vec<String> {
        harness
            .state()
            .events
            .iter()
            .filter_map(|e| match e {
                Event::SwitchPage(page) => Some(page.clone()),
                _ => None,
            })
            .collect()
    }

    // Issue 14
    #[test]
    fn the_menu_is_drawn_first_in_the_sidebar_with_sections_and_the_current_page_marked() {
        let harness = drawn();
        let orders = harness
            .get_by_role_and_label(Role::Button, "📦  Orders")
            .rect();
        let customers = harness.get_by_role_and_label(Role::Button, "Customers");
        let admin = harness.get_by_label("Admin").rect();
        let settings = harness
            .get_by_role_and_label(Role::Button, "Settings")
            .rect();
        let filter = harness.get_by_label("Region filter").rect();
        assert!(orders.bottom() <= customers.rect().top());
        assert!(customers.rect().bottom() <= admin.top() && admin.bottom() <= settings.top());
        assert!(
            settings.bottom() <= filter.top(),
            "the menu comes before the sidebar's own text"
        );
        assert!(harness.query_by_label("Secret").is_none(), "hidden");
        // egui tells screen readers a selected button is toggled on.
        assert_eq!(
            customers.accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::True)
        );
        let orders_node = harness.get_by_role_and_label(Role::Button, "📦  Orders");
        assert_eq!(
            orders_node.accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::False)
        );
        assert!(matches!(
            harness.state().tree.sidebar.last().map(|n| &n.element),
            Some(Element::Navigation { .. })
        ));
    }

    // Issue 14
    #[test]
    fn a_click_on_a_menu_entry_or_a_page_link_asks_for_that_page() {
        let mut harness = drawn();
        harness
            .get_by_role_and_label(Role::Button, "📦  Orders")
            .click();
        harness.run();
        // The current page's entry does nothing.
        harness
            .get_by_role_and_label(Role::Button, "Customers")
            .click();
        harness.run();
        harness
            .get_by_role_and_label(Role::Link, "Open the settings")
            .click();
        harness.run();
        assert_eq!(switches(&harness), ["Orders", "Settings"]);
    }

    // Issue 14
    #[test]
    fn the_keyboard_opens_the_focused_menu_entry() {
        let mut harness = drawn();
        harness
            .get_by_role_and_label(Role::Button, "Settings")
            .focus();
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        assert_eq!(switches(&harness), ["Settings"]);
    }

    fn drawn_at(position: brook::element::NavPosition) -> Harness<'static, PageState> {
        let mut at = AppTest::new(move |st| {
            st.navigation_at(
                [
                    Page::new("Orders", orders),
                    Page::new("Customers", customers).default(),
                    Page::new("Settings", settings).section("Admin"),
                ],
                position,
            )
            .run(st);
        });
        at.run();
        let mut harness = page_harness(
            at.tree(),
            &SnapshotOptions::new()
                .theme(Theme::Light)
                .size(900.0, 500.0),
        );
        harness.run();
        harness
    }

    // Issue 14: a menu across the top of the page: the pages side by side
    // above the page's own title, no sidebar; a click asks for the page.
    #[test]
    fn a_top_menu_is_drawn_across_the_top_of_the_page() {
        let mut harness = drawn_at(brook::element::NavPosition::Top);
        assert!(
            harness.state().tree.sidebar.is_empty(),
            "no sidebar for a top menu"
        );
        let orders = harness.get_by_role_and_label(Role::Button, "Orders").rect();
        let customers = harness
            .get_by_role_and_label(Role::Button, "Customers")
            .rect();
        let settings = harness
            .get_by_role_and_label(Role::Button, "Settings")
            .rect();
        assert!(
            (orders.center().y - settings.center().y).abs() < 1.0,
            "one row"
        );
        assert!(orders.right() <= customers.left() && customers.right() <= settings.left());
        let title = harness.get_by_label("Customers Title").rect();
        assert!(orders.bottom() <= title.top(), "above the page");
        harness
            .get_by_role_and_label(Role::Button, "Settings")
            .click();
        harness.run();
        assert_eq!(switches(&harness), ["Settings"]);
    }

    // Issue 14: a hidden menu draws nothing; the page is still known.
    #[test]
    fn a_hidden_menu_draws_no_menu() {
        let harness = drawn_at(brook::element::NavPosition::Hidden);
        assert!(harness.query_by_label("Orders").is_none());
        assert_eq!(
            brook::widgets::page::current_page(&harness.state().tree).as_deref(),
            Some("Customers")
        );
    }
}

// Issue 14, from the Streamlit port (page_test.py, navigation_test.py):
// the mistakes Streamlit refuses are misuse errors here too, and a menu
// with nothing to choose is not drawn.
#[test]
fn blank_titles_several_defaults_long_icons_and_stray_page_runs_are_errors() {
    let error_of = |script: fn(&St)| {
        let mut at = AppTest::new(script);
        at.run();
        at.exception().first().cloned().unwrap_or_default()
    };
    assert!(
        error_of(|st| st.navigation([Page::new("  ", |_| {})]).run(st)).contains("must have words")
    );
    assert!(
        error_of(|st| {
            st.navigation([
                Page::new("A", |_| {}).default(),
                Page::new("B", |_| {}).default(),
            ])
            .run(st);
        })
        .contains(r#"several default pages, ["A", "B"]"#)
    );
    assert!(
        error_of(|st| st
            .navigation([Page::new("A", |_| {}).icon("hello world")])
            .run(st))
        .contains("an icon is one symbol")
    );
    assert!(
        error_of(|st| Page::new("Loose", |st| st.text("ran")).run(st))
            .contains("which st.navigation did not choose")
    );
}

// Issue 14: one visible page (or none) draws no menu and opens no
// sidebar; the page is still known.
#[test]
fn a_menu_with_one_visible_page_is_not_drawn() {
    let mut at = AppTest::new(|st| {
        st.navigation([
            Page::new("Only", |st| st.text("only")),
            Page::new("Hidden", |_| {}).hidden(),
        ])
        .run(st);
    });
    at.run();
    assert!(at.tree().sidebar.is_empty());
    assert_eq!(at.current_page().as_deref(), Some("Only"));
    assert_eq!(at.text(), ["only"]);
}
