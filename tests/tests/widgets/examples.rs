//! The ticket form and dashboard examples, driven headless (the CSV
//! explorer has its own suite, tests/csv_explorer.rs).

#[path = "../../../app/examples/ticket_form.rs"]
mod ticket_form;

#[path = "../../../app/examples/dashboard.rs"]
mod dashboard;

use brook::element::{AlertLevel, ChartKind};
use brook::testing::AppTest;

use super::run;

/// The titles in the tickets table (the data editor's).
fn titles(at: &mut AppTest) -> Vec<String> {
    let table = at
        .data_editor("edit_tickets")
        .table()
        .cloned()
        .unwrap_or_default();
    // No tickets: a table without rows or columns.
    table.column_text("title").unwrap_or_default()
}

fn fill(at: &mut AppTest, title: &str, email: &str, priority: Option<&str>, description: &str) {
    at.widget("title").input(title);
    at.widget("email").input(email);
    if let Some(priority) = priority {
        at.widget("priority").select(priority);
    }
    at.widget("description").input(description);
}

#[test]
fn ticket_form_starts_with_the_imported_tickets() {
    let mut at = run(ticket_form::app);
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(titles(&mut at).len(), 12);
    assert_eq!(titles(&mut at)[0], "Printer on 3rd floor jams");
    assert_eq!(at.subheader(), ["New ticket", "Tickets (12)"]);
    assert!(at.error().is_empty());
    assert_eq!(at.metrics().len(), 4);
}

#[test]
fn ticket_form_lists_every_problem_of_an_empty_ticket() {
    let mut at = run(ticket_form::app);
    at.widget("Send ticket").click().run();
    let errors = at.error();
    assert_eq!(errors.len(), 1, "{errors:?}");
    for field in ["Title:", "Email:", "Priority:", "Description:"] {
        assert!(errors[0].contains(field), "{field} in {errors:?}");
    }
    assert_eq!(titles(&mut at).len(), 12, "nothing was added");
}

#[test]
fn ticket_form_checks_the_email_and_the_description_length() {
    let mut at = run(ticket_form::app);
    fill(
        &mut at,
        "VPN down",
        "ada at example.com",
        Some("High"),
        "too short",
    );
    at.widget("Send ticket").click().run();
    let errors = at.error();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("Email: \"ada at example.com\""),
        "{errors:?}"
    );
    assert!(
        errors[0].contains("Description: 9 characters"),
        "{errors:?}"
    );
    assert!(!errors[0].contains("Title:") && !errors[0].contains("Priority:"));
    // What was typed stays for the next attempt.
    assert_eq!(at.widget("title").value::<String>(), "VPN down");
    assert_eq!(titles(&mut at).len(), 12);
}

#[test]
fn ticket_form_email_rules() {
    for good in ["ada@example.com", "a.b+c@mail.example.org"] {
        assert!(ticket_form::valid_email(good), "{good}");
    }
    for bad in [
        "",
        "ada",
        "@example.com",
        "ada@",
        "ada@example",
        "a@b@c.d",
        "a b@c.d",
        "ada@.com",
        "ada@example.",
    ] {
        assert!(!ticket_form::valid_email(bad), "{bad}");
    }
}

#[test]
fn ticket_form_keeps_a_valid_ticket_and_empties_the_form() {
    let mut at = run(ticket_form::app);
    fill(
        &mut at,
        "  Monitor flickers ",
        "grace@example.com",
        Some("Urgent"),
        "The left monitor flickers every few seconds since this morning.",
    );
    at.widget("Send ticket").click().run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert!(at.warning().is_empty(), "{:?}", at.warning());
    assert_eq!(
        at.alerts(AlertLevel::Success),
        ["Ticket #13 sent. Thank you!"]
    );
    assert_eq!(at.toasts(), ["Ticket #13 sent"]);
    let all = titles(&mut at);
    assert_eq!(all.len(), 13);
    assert_eq!(all[12], "Monitor flickers");
    let table = at.data_editor("edit_tickets").table().cloned().unwrap();
    let last: Vec<String> = table.row_text(12);
    assert_eq!(
        last,
        [
            "13",
            "Monitor flickers",
            "grace@example.com",
            "Urgent",
            "Open",
            "The left monitor flickers every few seconds since this morning."
        ]
    );
    // The form is empty again; the email stays for the next ticket.
    assert_eq!(at.widget("title").value::<String>(), "");
    assert_eq!(at.widget("description").value::<String>(), "");
    assert_eq!(at.widget("priority").value::<Option<&str>>(), None);
    assert_eq!(at.widget("email").value::<String>(), "grace@example.com");
    // Kept in session state.
    let tickets: Vec<ticket_form::Ticket> = at.session_state().get("tickets").unwrap();
    assert_eq!(tickets.len(), 13);
    assert_eq!(tickets[12].priority, "Urgent");
    // The success message shows once.
    at.run();
    assert!(at.alerts(AlertLevel::Success).is_empty());
    assert_eq!(titles(&mut at).len(), 13);
    // The download has the new ticket.
    let csv = String::from_utf8(at.widget("Download tickets").download().1.to_vec()).unwrap();
    assert!(csv.ends_with(
        "13,Monitor flickers,grace@example.com,Urgent,Open,\
         The left monitor flickers every few seconds since this morning.\n"
    ));
}

#[test]
fn ticket_form_tickets_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("brook-ticket-form-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("session_state.ron");
    {
        let mut at = AppTest::with_persist_path(ticket_form::app, path.clone());
        at.run();
        fill(
            &mut at,
            "Keyboard missing keys",
            "ken@example.com",
            Some("Low"),
            "The Q and W keys of my keyboard came off.",
        );
        at.widget("Send ticket").click().run();
        assert_eq!(titles(&mut at).len(), 13);
    }
    let mut at = AppTest::with_persist_path(ticket_form::app, path.clone());
    at.run();
    assert!(at.warning().is_empty(), "{:?}", at.warning());
    let all = titles(&mut at);
    assert_eq!(all.len(), 13, "the tickets came back");
    assert_eq!(all[12], "Keyboard missing keys");
    // Deleting them all is saved too.
    at.widget("delete_all").click().run();
    at.widget("Delete").click().run();
    drop(at);
    let mut at = AppTest::with_persist_path(ticket_form::app, path);
    at.run();
    assert!(titles(&mut at).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ticket_form_filters_the_table_by_priority() {
    let mut at = run(ticket_form::app);
    for priority in ["Low", "Medium", "High"] {
        at.widget("show_priorities").unselect(priority).run();
    }
    let table = at.data_editor("edit_tickets").table().cloned().unwrap();
    assert!(!table.is_empty());
    assert!(
        table
            .column_text("priority")
            .unwrap()
            .iter()
            .all(|priority| priority == "Urgent")
    );
}

#[test]
fn ticket_form_deletes_everything_after_confirming() {
    let mut at = run(ticket_form::app);
    at.widget("delete_all").click().run();
    assert_eq!(titles(&mut at).len(), 12);
    at.widget("Cancel").click().run();
    assert_eq!(titles(&mut at).len(), 12, "cancelled");
    assert!(
        at.widgets().iter().all(|w| w.label != "Delete"),
        "dialog closed"
    );
    at.widget("delete_all").click().run();
    at.widget("Delete").click().run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert!(titles(&mut at).is_empty());
    assert_eq!(at.subheader(), ["New ticket", "Tickets (0)"]);
    let tickets: Vec<ticket_form::Ticket> = at.session_state().get("tickets").unwrap();
    assert!(tickets.is_empty());
}

// Issue 15: tickets are edited in place, and "Save changes" keeps the
// edits and writes every ticket to the app's CSV file.
#[test]
fn ticket_form_edits_tickets_in_place_and_saves_them_to_its_csv() {
    let dir = std::env::temp_dir().join(format!("brook-ticket-edit-{}", std::process::id()));
    let path = dir.join("tickets.csv");
    let mut at = AppTest::new(ticket_form::app);
    at.session_state().set("csv_path", path.clone()).unwrap();
    at.run();
    at.data_editor("edit_tickets")
        .edit_cell(0, "status", "Closed")
        .add_row([("title", "Badge reader broken")])
        .delete_rows([1])
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(
        at.caption().last().map(String::as_str),
        Some("3 unsaved changes")
    );
    at.widget("save_edits").click().run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.toasts(), [format!("Saved to {}", path.display())]);
    let tickets: Vec<ticket_form::Ticket> = at.session_state().get("tickets").unwrap();
    assert_eq!(tickets.len(), 12, "one added, one deleted");
    assert_eq!(tickets[0].status, "Closed");
    assert!(tickets.iter().all(|t| t.id != 2), "ticket 2 was deleted");
    let added = tickets.last().unwrap();
    assert_eq!(
        (
            added.id,
            added.title.as_str(),
            added.priority.as_str(),
            added.status.as_str()
        ),
        (13, "Badge reader broken", "Low", "Open")
    );
    let saved = brook::data::Table::read_csv(&path).unwrap();
    assert_eq!(saved.len(), 12);
    assert_eq!(saved.cell_text(0, "status"), "Closed");
    // The editor starts again from the saved tickets, without edits.
    assert!(at.data_editor("edit_tickets").edits().is_empty());
    assert_eq!(titles(&mut at).len(), 12);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dashboard_shows_the_totals_of_the_year() {
    let at = run(dashboard::app);
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert!(at.warning().is_empty());
    let metrics = at.metrics();
    assert_eq!(metrics.len(), 4);
    assert_eq!(
        metrics[0],
        ("Revenue".into(), "$94.8k".into(), Some("+23.9%".into()))
    );
    assert_eq!(metrics[1].0, "Orders");
    assert_eq!(metrics[1].1, "200");
    assert_eq!(metrics[2], ("Units".into(), "3979".into(), None));
    assert_eq!(metrics[3], ("Average order".into(), "$474".into(), None));
    let kinds: Vec<ChartKind> = at.charts().into_iter().map(|c| c.0).collect();
    assert_eq!(
        kinds,
        [
            ChartKind::Line,
            ChartKind::Bar,
            ChartKind::Area,
            ChartKind::Scatter
        ]
    );
    let line = at.charts().remove(0);
    assert_eq!(line.2.as_deref(), Some("month"));
    assert_eq!(line.3, ["East", "North", "South", "West"]);
    assert_eq!(line.1.len(), 12, "one row per month");
    assert!(at.tables().is_empty(), "the table has a page of its own");
    // The largest orders, largest first, on their page.
    let mut at = at;
    at.switch_page("Largest orders").run();
    assert_eq!(at.current_page().as_deref(), Some("Largest orders"));
    let top = at.tables().remove(0);
    assert_eq!(top.len(), 10);
    let ids: Vec<String> = top.column_text("order_id").unwrap()[..3].to_vec();
    assert_eq!(ids, ["1012", "1152", "1027"]);
}

#[test]
fn dashboard_filters_by_region_product_and_months() {
    let mut at = run(dashboard::app);
    at.widget("regions").unselect("North").run();
    at.widget("regions").unselect("South").run();
    assert_eq!(at.metrics()[1].1, "95");
    assert_eq!(at.metrics()[0].1, "$46.3k");
    assert_eq!(at.charts()[0].3, ["East", "West"]);
    // The filters hold on the other page (they run before the navigation).
    at.switch_page("Largest orders").run();
    let top = at.tables().remove(0);
    assert!(
        top.column_text("region")
            .unwrap()
            .iter()
            .all(|r| ["East", "West"].contains(&r.as_str()))
    );

    at.widget("product").select("Gizmo").run();
    let top = at.tables().remove(0);
    assert!(
        top.column_text("product")
            .unwrap()
            .iter()
            .all(|p| p == "Gizmo")
    );

    at.widget("months").set_value(("Mar", "May")).run();
    assert!(
        at.tables()[0]
            .column_text("month")
            .unwrap()
            .iter()
            .all(|m| ["2024-03", "2024-04", "2024-05"].contains(&m.as_str()))
    );
    at.switch_page("Overview").run();
    assert_eq!(at.charts()[0].1.len(), 3, "March to May");
    assert_eq!(at.charts()[0].3, ["East", "West"]);
}

#[test]
fn dashboard_explains_an_empty_selection() {
    let mut at = run(dashboard::app);
    // The months' two thumbs put themselves in order: June back to
    // February is February to June, never an empty range.
    at.widget("months").set_value(("Jun", "Feb")).run();
    assert!(at.warning().is_empty(), "{:?}", at.warning());
    assert_eq!(at.charts()[0].1.len(), 5, "February to June");
    for region in ["East", "North", "South", "West"] {
        at.widget("regions").unselect(region).run();
    }
    assert_eq!(at.alerts(AlertLevel::Info).len(), 1);
    assert!(at.metrics().is_empty());
}
