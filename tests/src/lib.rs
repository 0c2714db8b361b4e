//! brook's cross-crate tests: the behaviour suites (tests/behaviour.rs) and
//! frame snapshots. This library holds shared helpers, and the mistakes
//! brook rejects at build time ([`compile_errors`]).

pub mod pg;
pub mod scratch;
pub mod snapshot;
pub mod window;

/// Caching mistakes that do not compile, where Streamlit raises at run time
/// (B52, B54, B55). Each `compile_fail` block differs from the first block,
/// which compiles, in its one mistake only.
///
/// A background refresh with a ttl, owned parameters and no `St`:
///
/// ```
/// use brook::prelude::*;
/// #[cache_data(ttl = "10m", refresh_mode = "background")]
/// fn report(region: String) -> usize { region.len() }
/// assert_eq!(*report("north".to_owned()), 5);
///
/// // A `'static` borrow can move to the refreshing thread too.
/// #[cache_data(ttl = "10m", refresh_mode = "background")]
/// fn label(region: &'static str) -> String { region.to_uppercase() }
/// assert_eq!(*label("north"), "NORTH");
/// ```
///
/// No ttl ("The 'refresh_mode="background"' option requires a 'ttl' value"):
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_data(refresh_mode = "background")]
/// fn report(region: String) -> usize { region.len() }
/// ```
///
/// A value that is neither "foreground" nor "background":
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_data(ttl = "10m", refresh_mode = "sometimes")]
/// fn report(region: String) -> usize { region.len() }
/// ```
///
/// A borrowed parameter (the refresh runs on another thread, later):
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_data(ttl = "10m", refresh_mode = "background")]
/// fn report(region: &str) -> usize { region.len() }
/// ```
///
/// A borrow inside a parameter's type:
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_data(ttl = "10m", refresh_mode = "background")]
/// fn report(region: Option<&str>) -> usize { region.map_or(0, str::len) }
/// ```
///
/// An `St` parameter (a refresh has no script context to show elements in):
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_data(ttl = "10m", refresh_mode = "background")]
/// fn report(st: &St, region: String) -> usize { st.text("loading"); region.len() }
/// ```
///
/// Persisted to disk (which ignores the ttl, B35):
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_data(ttl = "10m", persist = "disk", refresh_mode = "background")]
/// fn report(region: String) -> usize { region.len() }
/// ```
///
/// The same rules hold for `#[cache_resource]`:
///
/// ```compile_fail
/// use brook::prelude::*;
/// #[cache_resource(refresh_mode = "background")]
/// fn connect(url: String) -> String { url }
/// ```
pub mod compile_errors {}
