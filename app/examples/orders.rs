//! An orders desk on a real database: `cargo run -p brook-app --example orders`.
//!
//! Reads and writes a SQLite file, `orders.db` in the working directory,
//! made and filled with a few orders on the first start. To use PostgreSQL
//! instead, build with `--features postgres` and configure the connection
//! in `.brook/secrets.toml`:
//!
//! ```toml
//! [connections.orders]
//! url = "postgresql://app:password@localhost:5432/shop"
//! ```
//!
//! The list is a cached query (`ttl` one minute) filtered by status with a
//! bound parameter, shown in a data editor: change a cell, add or delete
//! an order, then "Save changes" writes them all in one transaction (all
//! or nothing). A new order from the form is one `INSERT`; shipping an
//! order updates it and writes its history row in one transaction. Each
//! write clears the connection's cached queries, so the list shows it at
//! once.

use brook::prelude::*;

/// The statuses an order goes through.
const STATUSES: [&str; 3] = ["open", "shipped", "cancelled"];

/// The columns the data editor writes back. Their names go into the SQL
/// (from this list only); the values are always bound parameters.
const EDITABLE: [&str; 4] = ["customer", "item", "qty", "total"];

/// Writes the data editor's edits of `orders` (the rows it showed) in one
/// transaction: changed cells, deleted orders, and added ones (numbered
/// after the last, with `status`). Returns how many changes were written.
fn save_edits(
    conn: &SqlConnection,
    orders: &Table,
    edits: &TableEdits,
    status: &str,
) -> Result<usize, ConnectionError> {
    let id_of = |row: usize| match orders.cell(row, "id") {
        Cell::Int(id) => Some(id),
        _ => None,
    };
    conn.transaction(|tx| {
        let mut changed = 0;
        for (&row, cells) in &edits.edited_rows {
            let Some(id) = id_of(row) else { continue };
            for (column, cell) in cells {
                if let Some(column) = EDITABLE.iter().find(|c| **c == column.as_str()) {
                    tx.execute(
                        &format!("UPDATE orders SET {column} = $1 WHERE id = $2"),
                        (SqlValue::from(cell), id),
                    )?;
                    changed += 1;
                }
            }
        }
        for &row in &edits.deleted_rows {
            if let Some(id) = id_of(row) {
                tx.execute("DELETE FROM orders WHERE id = $1", (id,))?;
                changed += 1;
            }
        }
        for added in &edits.added_rows {
            let value =
                |name: &str, default: Cell| SqlValue::from(added.get(name).cloned().unwrap_or(default));
            tx.execute(
                "INSERT INTO orders (id, customer, item, qty, total, status) \
                 SELECT coalesce(max(id), 0) + 1, $1, $2, CAST($3 AS INTEGER), CAST($4 AS REAL), $5 \
                 FROM orders",
                (
                    value("customer", Cell::Null),
                    value("item", Cell::Null),
                    value("qty", Cell::Int(1)),
                    value("total", Cell::Float(0.0)),
                    status,
                ),
            )?;
            changed += 1;
        }
        Ok(changed)
    })
}

/// Makes the tables on first use; the same SQL runs on SQLite and
/// PostgreSQL.
fn prepare(conn: &SqlConnection) -> Result<(), ConnectionError> {
    conn.transaction(|tx| {
        tx.execute(
            "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, \
             item TEXT NOT NULL, qty INTEGER NOT NULL, total REAL NOT NULL, status TEXT NOT NULL)",
            (),
        )?;
        tx.execute(
            "CREATE TABLE IF NOT EXISTS order_history (order_id INTEGER NOT NULL, \
             change TEXT NOT NULL)",
            (),
        )?;
        let count = tx.query("SELECT count(*) AS n FROM orders", ())?;
        if count.to_csv() == "n\n0\n" {
            for (id, customer, item, qty, total) in [
                (1, "Acme Corp", "Printer paper", 20, 95.0),
                (2, "Globex", "Toner", 3, 187.5),
                (3, "Initech", "Staplers", 12, 42.0),
            ] {
                tx.execute(
                    "INSERT INTO orders VALUES ($1, $2, $3, $4, $5, 'open')",
                    (id, customer, item, qty, total),
                )?;
            }
        }
        Ok(())
    })
}

/// The script.
pub fn app(st: &St) {
    st.title("Orders");
    let conn = st.connection_or("orders", "sqlite://orders.db");
    st.caption(format!("{} database: {}", conn.backend(), conn.url()));
    if let Err(error) = prepare(&conn) {
        st.error(error.to_string());
        return;
    }

    let status = st
        .selectbox("Status", STATUSES)
        .key("status")
        .show()
        .unwrap_or("open");
    let orders = conn
        .query(
            "SELECT id, customer, item, qty, total FROM orders WHERE status = $1 ORDER BY id",
            (status,),
        )
        .ttl("1m")
        .show_spinner("Loading orders…")
        .fetch();
    st.subheader(format!("{} {status} orders", orders.len()));
    // Edit in place; "Save changes" writes every change in one transaction.
    st.data_editor(&orders)
        .column("id", ColumnConfig::new().label("#").disabled(true))
        .column("customer", ColumnConfig::new().required(true))
        .column("item", ColumnConfig::new().required(true))
        .column("qty", ColumnConfig::new().min(0.0).default_value(1_i64))
        .column("total", ColumnConfig::new().min(0.0).default_value(0.0))
        .num_rows(NumRows::Dynamic)
        .key("order_edits")
        .show();
    if let Some(changed) = st.session_state().get::<usize>("orders_saved") {
        st.toast(format!("{changed} changes saved"));
        st.session_state().remove("orders_saved");
    }
    let edits: TableEdits = st.session_state().get("order_edits").unwrap_or_default();
    if !edits.is_empty() {
        let row = st.columns(2);
        if row[0]
            .button("Save changes")
            .primary()
            .key("save_orders")
            .show()
        {
            match save_edits(&conn, &orders, &edits, status) {
                Ok(changed) => {
                    st.session_state().remove("order_edits");
                    // Said in the run after, which shows the saved rows.
                    st.session_state().set("orders_saved", changed);
                    st.rerun();
                }
                Err(error) => st.error(format!("Nothing was saved: {error}")),
            }
        }
        if row[1]
            .button("Discard changes")
            .key("discard_orders")
            .show()
        {
            st.session_state().remove("order_edits");
            st.rerun();
        }
    }

    let form = st.form("new_order");
    form.subheader("New order");
    let row = form.columns(2);
    let customer = row[0].text_input("Customer").key("customer").show();
    let item = row[1].text_input("Item").key("item").show();
    let row = form.columns(2);
    let qty = row[0]
        .number_input::<i64>("Quantity")
        .default(1)
        .key("qty")
        .show();
    let total = row[1]
        .number_input::<f64>("Total")
        .default(0.0)
        .key("total")
        .show();
    if form.form_submit_button("Add order").primary().show() {
        if customer.trim().is_empty() || item.trim().is_empty() {
            st.error("Customer and item: fill in both.");
        } else {
            let added = conn.execute(
                "INSERT INTO orders (id, customer, item, qty, total, status) \
                 SELECT coalesce(max(id), 0) + 1, $1, $2, CAST($3 AS INTEGER), CAST($4 AS REAL), 'open' \
                 FROM orders",
                (customer.trim(), item.trim(), qty, total),
            );
            match added {
                // The list above was drawn before the insert: run again
                // so it shows the new order.
                Ok(_) => {
                    st.toast(format!("Order for {} added", customer.trim()));
                    st.rerun();
                }
                Err(error) => st.error(error.to_string()),
            }
        }
    }

    if status == "open" {
        st.subheader("Ship an order");
        let id = st
            .number_input::<i64>("Order number")
            .default(1)
            .key("ship_id")
            .show();
        if st.button("Mark shipped").show() {
            let shipped = conn.transaction(|tx| {
                let changed = tx.execute(
                    "UPDATE orders SET status = 'shipped' WHERE id = $1 AND status = 'open'",
                    (id,),
                )?;
                if changed == 1 {
                    tx.execute(
                        "INSERT INTO order_history VALUES ($1, 'open -> shipped')",
                        (id,),
                    )?;
                }
                Ok(changed)
            });
            match shipped {
                Ok(1) => {
                    st.toast(format!("Order {id} shipped"));
                    st.rerun();
                }
                Ok(_) => st.warning(format!("There is no open order {id}.")),
                Err(error) => st.error(error.to_string()),
            }
        }
    }
}

// The tests include this file for `app` and bring their own `main`.
#[cfg(not(test))]
fn main() -> anyhow::Result<()> {
    brook::run("Orders", app)
}
