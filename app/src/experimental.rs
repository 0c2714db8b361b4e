//! Experimental features: APIs that may still change, or go away, in any
//! release. They exist only with brook's `experimental` cargo feature:
//!
//! ```toml
//! brook = { version = "0.1", features = ["experimental"] }
//! ```
//!
//! Without it, calling one is a compile error that names the feature.
//!
//! Lifecycle (as Streamlit's `experimental_` prefix):
//! 1. A feature starts here, stage **experimental**; it may change at any time.
//! 2. When it is stable, it moves to the prelude under its final name. The
//!    old name keeps working for two minor releases, marked `#[deprecated]`
//!    (a compile warning) and showing a once-per-session notice in the app
//!    that names the new name. [`DeprecatedNames::experimental_rerun`] is the
//!    first such item: it is `st.rerun()` now.
//! 3. Then the old name is removed.
//!
//! Items and their stages:
//! - [`FragmentExt::fragment`], `FragmentExt::fragment_every` and
//!   `FragmentExt::rerun_fragment` (the last two with the feature on):
//!   experimental since 0.1.
//!   Fragments rerun on their own (SPEC 3.8).
#![cfg_attr(
    not(feature = "experimental"),
    doc = r#"
Without the feature this does not compile, and the error names it:

```compile_fail,E0277
use brook::prelude::*;
use brook::experimental::FragmentExt;
fn app(st: &St) {
    st.fragment("clock", |st| st.text("tick"));
}
```
"#
)]

use crate::St;

/// Fragments: parts of the script that rerun on their own.
///
/// Stage: experimental (since 0.1).
#[cfg(feature = "experimental")]
pub trait FragmentExt {
    /// Draws a fragment named `name`: `body` runs now in a container of its
    /// own, and again alone (not the rest of the script) whenever a widget
    /// inside it changes. `st.rerun()` inside it still reruns everything.
    fn fragment(&self, name: &str, body: impl Fn(&St) + Send + Sync + 'static);
    /// A fragment that also reruns every `period` while the session lives
    /// (a live clock, a polling view).
    fn fragment_every(
        &self,
        name: &str,
        period: std::time::Duration,
        body: impl Fn(&St) + Send + Sync + 'static,
    );
    /// Inside a fragment during a fragment rerun: stops and reruns only the
    /// fragment (Streamlit's `st.rerun(scope="fragment")`).
    fn rerun_fragment(&self) -> !;
}

#[cfg(feature = "experimental")]
impl FragmentExt for St {
    fn fragment(&self, name: &str, body: impl Fn(&St) + Send + Sync + 'static) {
        St::fragment_with(self, name, None, body);
    }
    fn fragment_every(
        &self,
        name: &str,
        period: std::time::Duration,
        body: impl Fn(&St) + Send + Sync + 'static,
    ) {
        St::fragment_with(self, name, Some(period), body);
    }
    fn rerun_fragment(&self) -> ! {
        St::rerun_fragment(self)
    }
}

/// Marks a call to an experimental item built without the feature.
#[cfg(not(feature = "experimental"))]
#[diagnostic::on_unimplemented(
    message = "`brook::experimental` needs brook's `experimental` cargo feature",
    label = "experimental item used without the `experimental` feature",
    note = "enable it: brook = {{ version = \"0.1\", features = [\"experimental\"] }}"
)]
pub trait RequiresExperimentalFeature {}

/// Fragments (disabled: enable brook's `experimental` feature).
#[cfg(not(feature = "experimental"))]
pub trait FragmentExt {
    /// Needs the `experimental` feature.
    fn fragment<F>(&self, name: &str, body: F)
    where
        F: Fn(&St) + Send + Sync + 'static + RequiresExperimentalFeature;
}

#[cfg(not(feature = "experimental"))]
impl FragmentExt for St {
    fn fragment<F>(&self, _name: &str, _body: F)
    where
        F: Fn(&St) + Send + Sync + 'static + RequiresExperimentalFeature,
    {
    }
}

/// Old names of features that became stable; each warns at compile time
/// and, once per session, in the app. In the prelude.
pub trait DeprecatedNames {
    /// The experimental name of [`St::rerun`].
    #[deprecated(
        since = "0.1.0",
        note = "stable now as `st.rerun()`; `experimental_rerun` goes in brook 0.3"
    )]
    fn experimental_rerun(&self) -> !;
}

impl DeprecatedNames for St {
    fn experimental_rerun(&self) -> ! {
        self.deprecation_notice("experimental_rerun", "rerun", "0.3");
        self.rerun()
    }
}
