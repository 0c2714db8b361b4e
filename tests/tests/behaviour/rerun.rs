//! SPEC 3.7: `st.rerun` (B144).

use brook::prelude::*;
use brook::testing::AppTest;

use crate::count;

#[test]
fn b144_rerun_stops_the_run_at_once_and_starts_a_new_one() {
    let mut at = AppTest::new(|st: &St| {
        let n = count(st, "runs");
        st.text(format!("run {n}"));
        if n < 3 {
            st.rerun();
        }
        count(st, "reached the end");
        st.text("end");
    });
    at.run();
    assert_eq!(at.session_state().get::<i64>("runs"), Some(3));
    assert_eq!(at.session_state().get::<i64>("reached the end"), Some(1));
    assert_eq!(at.text(), ["run 3", "end"]);
}
