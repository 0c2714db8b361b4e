//! A help-desk ticket form: `cargo run -p brook-app --example ticket_form`.
//!
//! A form that checks what is sent (a title, a valid email, a priority, a
//! description of 20 characters or more) and says what is wrong; the
//! tickets sent are kept in session state, shown in a table, saved across
//! restarts of the app (`session_state().persist`), and can be downloaded
//! or cleared (after a confirmation dialog). The tickets are edited in
//! place in a data editor (change a status, fix a title, add or delete a
//! ticket); "Save changes" keeps the edits and writes all tickets to the
//! app's CSV file (`tickets.csv` in its config folder). The first start
//! shows the tickets imported from the old system
//! (assets/data/tickets.csv).

use brook::prelude::*;
use serde::{Deserialize, Serialize};

/// The tickets of the old system, shown on the first start.
const IMPORTED: &str = include_str!("../../assets/data/tickets.csv");

/// The priorities, lowest first.
pub const PRIORITIES: [&str; 4] = ["Low", "Medium", "High", "Urgent"];

/// The states of a ticket.
pub const STATUSES: [&str; 3] = ["Open", "In progress", "Closed"];

/// The shortest description accepted.
pub const MIN_DESCRIPTION: usize = 20;

/// One ticket. `Serialize` and `Deserialize` let session state save the
/// tickets across restarts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Its number.
    pub id: u32,
    /// What it is about.
    pub title: String,
    /// Who sent it.
    pub email: String,
    /// One of [`PRIORITIES`].
    pub priority: String,
    /// Open, In progress or Closed.
    pub status: String,
    /// The details.
    pub description: String,
}

/// The imported tickets.
fn imported() -> Vec<Ticket> {
    Table::from_csv(IMPORTED)
        .and_then(|table| table.to_rows())
        .unwrap_or_default()
}

/// Whether `email` looks like an address: one `@`, something before it, a
/// dotted domain after it, no spaces.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.contains(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|part| !part.is_empty())
}

/// What is wrong with a draft, one message per field; empty when it can be
/// sent.
pub fn problems(
    title: &str,
    email: &str,
    priority: Option<&str>,
    description: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    if title.trim().is_empty() {
        out.push("Title: give the ticket a title.".to_owned());
    }
    if !valid_email(email.trim()) {
        out.push(format!(
            "Email: \"{}\" is not an email address (name@example.com).",
            email.trim()
        ));
    }
    if priority.is_none() {
        out.push("Priority: choose one.".to_owned());
    }
    let length = description.trim().chars().count();
    if length < MIN_DESCRIPTION {
        out.push(format!(
            "Description: {length} characters; describe the problem in {MIN_DESCRIPTION} or more."
        ));
    }
    out
}

/// The tickets in session state: the saved ones (restored by `persist`),
/// or on the very first start the imported ones.
fn tickets(st: &St) -> Vec<Ticket> {
    st.session_state().get_or_insert("tickets", imported())
}

/// Keeps `tickets` in session state (saved after the run).
fn save(st: &St, tickets: Vec<Ticket>) {
    st.session_state().set("tickets", tickets);
}

/// The submit button's callback: runs before the script, with the form's
/// values already in session state. A valid draft becomes a ticket and the
/// form is emptied; otherwise the problems are kept for the script to show.
fn submit(st: &St) {
    let state = st.session_state();
    let title: String = state.get("title").unwrap_or_default();
    let email: String = state.get("email").unwrap_or_default();
    let priority: Option<&'static str> = state.get("priority").flatten();
    let description: String = state.get("description").unwrap_or_default();
    let found = problems(&title, &email, priority, &description);
    if !found.is_empty() {
        state.set("problems", found);
        return;
    }
    let mut all = tickets(st);
    let id = all.iter().map(|t| t.id).max().unwrap_or(0) + 1;
    all.push(Ticket {
        id,
        title: title.trim().to_owned(),
        email: email.trim().to_owned(),
        priority: priority.unwrap_or("Low").to_owned(),
        status: "Open".to_owned(),
        description: description.trim().to_owned(),
    });
    save(st, all);
    state.set("problems", Vec::<String>::new());
    state.set("sent", id);
    // Empty the form for the next ticket: without their keys, the widgets
    // start again from their defaults.
    for key in ["title", "priority", "description"] {
        state.remove(key);
    }
}

/// Where "Save changes" writes the tickets: session state's `csv_path`
/// when set (tests set it), else `tickets.csv` in the app's config folder.
fn csv_path(st: &St) -> std::path::PathBuf {
    st.session_state()
        .get::<std::path::PathBuf>("csv_path")
        .unwrap_or_else(|| brook::settings::config_dir("Help desk").join("tickets.csv"))
}

/// A row of the data editor: an added row has no id yet, and its cells
/// may be empty.
#[derive(Deserialize)]
struct EditedRow {
    id: Option<u32>,
    title: Option<String>,
    email: Option<String>,
    priority: Option<String>,
    status: Option<String>,
    description: Option<String>,
}

/// `all` with the edited rows of `shown` (the tickets the editor showed,
/// `edited` what it returned): edited tickets replaced, deleted ones
/// removed, added ones numbered after the last.
fn merge(all: &[Ticket], shown: &[Ticket], edited: &Table) -> Result<Vec<Ticket>, String> {
    let rows: Vec<EditedRow> = edited.to_rows().map_err(|err| err.to_string())?;
    let kept: std::collections::HashSet<u32> = rows.iter().filter_map(|r| r.id).collect();
    let mut next = all.iter().map(|t| t.id).max().unwrap_or(0);
    let mut out: Vec<Ticket> = all
        .iter()
        .filter(|t| kept.contains(&t.id) || !shown.iter().any(|s| s.id == t.id))
        .cloned()
        .collect();
    for row in rows {
        let id = row.id.unwrap_or_else(|| {
            next += 1;
            next
        });
        let ticket = Ticket {
            id,
            title: row.title.unwrap_or_default(),
            email: row.email.unwrap_or_default(),
            priority: row.priority.unwrap_or_else(|| "Low".to_owned()),
            status: row.status.unwrap_or_else(|| "Open".to_owned()),
            description: row.description.unwrap_or_default(),
        };
        match out.iter_mut().find(|t| t.id == id) {
            Some(slot) => *slot = ticket,
            None => out.push(ticket),
        }
    }
    Ok(out)
}

/// The tickets as a table, columns in the order of [`Ticket`]'s fields.
fn table_of(tickets: &[Ticket]) -> Table {
    Table::from_rows(tickets).unwrap_or_default()
}

/// The script.
pub fn app(st: &St) {
    st.session_state().persist::<Vec<Ticket>>("tickets");
    st.title("Help desk");
    st.caption("Tell us what is broken; we answer Urgent tickets within the hour.");

    let form = st.form("new_ticket");
    form.subheader("New ticket");
    form.text_input("Title")
        .key("title")
        .max_chars(80)
        .placeholder("Printer on 2nd floor jams")
        .show();
    let row = form.columns(2);
    row[0]
        .text_input("Email")
        .key("email")
        .placeholder("name@example.com")
        .show();
    row[1]
        .selectbox("Priority", PRIORITIES)
        .index(None)
        .placeholder("Choose a priority")
        .key("priority")
        .show();
    form.text_area("Description")
        .key("description")
        .placeholder("What happened, where, since when?")
        .show();
    form.form_submit_button("Send ticket")
        .primary()
        .on_click(submit)
        .show();

    let found: Vec<String> = st.session_state().get("problems").unwrap_or_default();
    if !found.is_empty() {
        st.error(format!(
            "The ticket was not sent:\n- {}",
            found.join("\n- ")
        ));
    }
    if let Some(id) = st.session_state().get::<u32>("sent") {
        st.success(format!("Ticket #{id} sent. Thank you!"));
        st.toast(format!("Ticket #{id} sent"));
        st.session_state().remove("sent");
    }

    let all = tickets(st);
    st.subheader(format!("Tickets ({})", all.len()));
    let row = st.columns(PRIORITIES.len());
    for (column, priority) in row.iter().zip(PRIORITIES) {
        let open = all
            .iter()
            .filter(|t| t.priority == priority && t.status != "Closed")
            .count();
        column.metric(format!("{priority} open"), open, None);
    }
    let shown = st
        .multiselect("Show priorities", PRIORITIES)
        .default(PRIORITIES)
        .key("show_priorities")
        .show();
    let visible: Vec<Ticket> = all
        .iter()
        .filter(|t| shown.contains(&t.priority.as_str()))
        .cloned()
        .collect();
    let table = table_of(&visible);
    // Edit in place: click a cell and type, pick a priority or status,
    // add a ticket with "+ Add row", delete one by its row number.
    let edited = st
        .data_editor(&table)
        .column("id", ColumnConfig::new().label("#").disabled(true))
        .column("title", ColumnConfig::new().required(true).max_chars(80))
        .column(
            "priority",
            ColumnConfig::new()
                .options(PRIORITIES)
                .default_value("Low")
                .required(true),
        )
        .column(
            "status",
            ColumnConfig::new()
                .options(STATUSES)
                .default_value("Open")
                .required(true),
        )
        .column("description", ColumnConfig::new().width(260.0))
        .num_rows(NumRows::Dynamic)
        .key("edit_tickets")
        .show();
    let edits: TableEdits = st.session_state().get("edit_tickets").unwrap_or_default();
    if !edits.is_empty() {
        let changes = edits.edited_rows.len() + edits.added_rows.len() + edits.deleted_rows.len();
        st.caption(format!("{changes} unsaved changes"));
        let row = st.columns(2);
        if row[0]
            .button("Save changes")
            .primary()
            .key("save_edits")
            .show()
        {
            match merge(&all, &visible, &edited) {
                Ok(merged) => {
                    let path = csv_path(st);
                    let written = brook::files::write_atomically(
                        &path,
                        table_of(&merged).to_csv().as_bytes(),
                    );
                    save(st, merged);
                    st.session_state().remove("edit_tickets");
                    match written {
                        Ok(()) => st
                            .session_state()
                            .set("saved_to", path.display().to_string()),
                        Err(err) => st.session_state().set(
                            "save_error",
                            format!(
                                "The tickets were kept, but {} could not be written: {err}",
                                path.display()
                            ),
                        ),
                    }
                    st.rerun();
                }
                Err(err) => st.error(format!("The changes cannot be saved: {err}")),
            }
        }
        if row[1].button("Discard changes").key("discard_edits").show() {
            st.session_state().remove("edit_tickets");
            st.rerun();
        }
    }
    if let Some(problem) = st.session_state().get::<String>("save_error") {
        st.error(problem);
    }
    if let Some(path) = st.session_state().get::<String>("saved_to") {
        st.toast(format!("Saved to {path}"));
        st.session_state().remove("saved_to");
    }

    let row = st.columns(2);
    row[0]
        .download_button(
            "Download tickets",
            edited.to_csv().into_bytes(),
            "tickets.csv",
        )
        .show();
    if row[1].button("Delete all tickets").key("delete_all").show() {
        st.session_state().set("confirm_delete", true);
    }
    if st.session_state().get::<bool>("confirm_delete") == Some(true) {
        let dialog = st.dialog("Delete all tickets?");
        dialog.write(format!(
            "This deletes all {} tickets, also the saved ones. It cannot be undone.",
            all.len()
        ));
        let row = dialog.columns(2);
        if row[0].button("Delete").primary().show() {
            save(st, Vec::new());
            st.session_state().set("confirm_delete", false);
            st.rerun();
        }
        if row[1].button("Cancel").show() {
            st.session_state().set("confirm_delete", false);
            st.rerun();
        }
    }
}

// The tests include this file for `app` and bring their own `main`.
#[cfg(not(test))]
fn main() -> anyhow::Result<()> {
    brook::run("Help desk", app)
}
