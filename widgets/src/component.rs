//! Your own egui widgets inside a script: [`Component`]s, which hold a value
//! like any widget, and [`View`]s, which only draw.
//!
//! A component is a type whose fields are its parameters and whose
//! [`Component::ui`] draws it with egui and changes its value. The script
//! places it with [`ComponentExt::component`] and gets the value back, with
//! everything a built-in widget has: a key that links it to session state,
//! `on_change`, forms, `help`, `disabled`, values kept across reruns and
//! cleaned up when the component is not drawn, persisted keys, AppTest and
//! snapshots.
//!
//! ```
//! use std::hash::Hash;
//!
//! use brook_widgets::component::Component;
//! use brook_widgets::prelude::*;
//!
//! /// Up to `max` stars; the value is how many are lit.
//! #[derive(Hash)]
//! struct StarRating {
//!     max: u8,
//! }
//!
//! impl Component for StarRating {
//!     type Value = u8;
//!
//!     fn ui(&self, ui: &mut egui::Ui, value: &mut u8) -> egui::Response {
//!         ui.horizontal(|ui| {
//!             let mut response = ui.label("");
//!             for star in 1..=self.max {
//!                 let lit = star <= *value;
//!                 let clicked = ui.selectable_label(lit, if lit { "★" } else { "☆" });
//!                 if clicked.clicked() {
//!                     *value = star;
//!                 }
//!                 response |= clicked;
//!             }
//!             response
//!         })
//!         .inner
//!     }
//!
//!     fn fit(&self, value: u8) -> u8 {
//!         value.min(self.max)
//!     }
//! }
//!
//! let mut at = brook_engine::testing::AppTest::new(|st| {
//!     let stars = st.component("Rating", StarRating { max: 5 }).default(3).key("stars").show();
//!     st.text(format!("{stars} stars"));
//! });
//! at.run();
//! assert_eq!(at.text(), ["3 stars"]);
//! at.widget("stars").set_component(&4_u8).run();
//! assert_eq!(at.text(), ["4 stars"]);
//! ```
//!
//! The element tree stays plain data: a component's element carries its
//! type's name, a hash of its parameters and its value as RON text
//! ([`Value::Component`]); the object that draws it travels beside the
//! tree ([`Drawer`]), never in its serialized form.

use std::cell::RefCell;
use std::fmt::Debug;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Weak};

use brook_engine::St;
use brook_engine::element::{
    AlertLevel, Drawer, Element, SmolStr, Value, WidgetElement, WidgetSpec,
};
use brook_engine::guard::{from_ron, quietly, quietly_at, to_ron};
use brook_engine::state::{Checked, Codec, DynValue, id_hasher};
use egui::{Response, Ui};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, labelled};
use crate::value_hash::hash_serialized;

/// A widget you write in egui, with a value brook keeps like any widget's.
///
/// The type's fields are the component's parameters: without a key, they
/// are part of its identity (they are hashed, so the type implements
/// [`Hash`]; hash a float by [`f64::to_bits`]), and a component with other
/// parameters is a new widget, back at its default. With a key, the key
/// alone is its identity and the value is kept, passed through
/// [`Component::fit`] for the new parameters.
///
/// Its [`Component::Value`] crosses to the window as RON text, so it is
/// `Serialize` and `Deserialize`; `Default` gives the value when the
/// script sets none.
///
/// See the [module](self) for an example.
pub trait Component: Hash + Send + Sync + 'static {
    /// What the component holds and the script gets back.
    type Value: Clone
        + PartialEq
        + Debug
        + Default
        + Serialize
        + DeserializeOwned
        + Send
        + Sync
        + 'static;

    /// Draws the component in the window, and changes `value` when the
    /// person changes it. Returns the response of what the person works
    /// with: a change made while that response is dragged stays in the
    /// window and reaches the script when the drag ends (as a slider's);
    /// any other change reaches it at once. A panic here is caught and
    /// shown as an exception box in the component's place.
    fn ui(&self, ui: &mut Ui, value: &mut Self::Value) -> Response;

    /// The nearest value that is valid for these parameters (a rating
    /// above `max` brought down to `max`). Applied to the default, to a
    /// kept value when the parameters change, and to values written
    /// through session state or sent from the window, so that the script,
    /// the window and session state hold one value. The default: every
    /// value is valid.
    ///
    /// A panic here is shown as an error below the component: a value
    /// from the window that `fit` panics on is refused (the component
    /// keeps its value), a kept value falls back to the default, and a
    /// default is used as given.
    fn fit(&self, value: Self::Value) -> Self::Value {
        value
    }

    /// When a change reaches the script (default: [`Commit::OnChange`]).
    fn commit(&self) -> Commit {
        Commit::OnChange
    }
}

/// When a component's change reaches the script ([`Component::commit`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Commit {
    /// At once; a change made while the response is dragged waits for the
    /// drag to end, as a slider's does.
    #[default]
    OnChange,
    /// When the response loses focus, as a text area's does: typing stays
    /// in the window until the person leaves the field.
    OnFocusLost,
}

/// Display-only egui drawing: no value, no state. Closures
/// `Fn(&mut egui::Ui)` are views.
pub trait View: Send + Sync + 'static {
    /// Draws the view. A panic here is caught and shown as an exception
    /// box in the view's place.
    fn ui(&self, ui: &mut Ui);
}

impl<F: Fn(&mut Ui) + Send + Sync + 'static> View for F {
    fn ui(&self, ui: &mut Ui) {
        self(ui);
    }
}

/// Components and views on [`St`]. In the prelude.
pub trait ComponentExt {
    /// Places `component` under `label` (empty for none); finish with
    /// [`ComponentBuilder::show`], which returns its value.
    fn component<C: Component>(
        &self,
        label: impl Into<String>,
        component: C,
    ) -> ComponentBuilder<'_, C>;

    /// Draws `view` with egui: a chart, a diagram, anything with no value.
    ///
    /// ```
    /// # use brook_widgets::prelude::*;
    /// # fn script(st: &St) {
    /// let load = 0.7_f32;
    /// st.view(move |ui: &mut egui::Ui| {
    ///     ui.add(egui::ProgressBar::new(load).text("CPU"));
    /// });
    /// # }
    /// ```
    fn view(&self, view: impl View);
}

impl ComponentExt for St {
    fn component<C: Component>(
        &self,
        label: impl Into<String>,
        component: C,
    ) -> ComponentBuilder<'_, C> {
        ComponentBuilder {
            st: self,
            label: label.into(),
            component,
            default: None,
            common: Common::default(),
        }
    }

    fn view(&self, view: impl View) {
        self.emit(view_element(view));
    }
}

/// The element of a view: its drawer is the view and the function that
/// draws its type.
fn view_element<V: View>(view: V) -> Element {
    let name = short_type_name(std::any::type_name::<V>()).into();
    Element::View {
        name,
        drawer: Drawer::new(Arc::new(view), const { &ViewFunctions::of::<V>() }),
    }
}

/// A component builder; finish with [`ComponentBuilder::show`].
#[must_use = "call .show() to place the component"]
pub struct ComponentBuilder<'a, C: Component> {
    st: &'a St,
    label: String,
    component: C,
    default: Option<C::Value>,
    common: Common,
}

impl<C: Component> WidgetOptions for ComponentBuilder<'_, C> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<C: Component> ComponentBuilder<'_, C> {
    /// The value before any interaction (default: `C::Value::default()`),
    /// passed through [`Component::fit`].
    pub fn default(mut self, value: C::Value) -> Self {
        self.default = Some(value);
        self
    }

    /// Places the component; returns its value: what the person set, or
    /// what was written to its key through session state, fitted to the
    /// parameters.
    pub fn show(self) -> C::Value {
        // One pass of the hasher: the parameters' hash, then, for a
        // keyless component given a default, the default after them.
        let mut hasher = id_hasher();
        self.component.hash(&mut hasher);
        let params = hasher.finish();
        let name = short_type_name(std::any::type_name::<C>());
        let explicit = self.default.is_some();
        let default = self.default.unwrap_or_default();
        let (default, default_failed) = match quietly(|| self.component.fit(default.clone())) {
            Ok(fitted) => (fitted, None),
            Err(panic) => {
                let reason = format!(
                    "its `fit` panicked on the default {}: {panic}; the default is used as given",
                    describe(&default)
                );
                (default, Some(reason))
            }
        };
        // A keyless component set to another default is a new widget, as a
        // keyless slider is (a keyed one does not hash it at all).
        let default_hash = (explicit && self.common.key.is_none()).then(|| {
            if !hash_serialized(&default, &mut hasher) {
                DebugHash(&default).hash(&mut hasher);
            }
            hasher.finish()
        });
        FAILED.with(|failed| {
            let mut failed = failed.borrow_mut();
            failed.clear();
            failed.extend(default_failed);
        });
        // The drawer is made by the codec once the engine has handed it the
        // previous run's: a component whose parameters did not change keeps
        // its drawing object, and a rerun allocates nothing for it.
        let spec = WidgetSpec::Component {
            name: name.into(),
            params,
            drawer: Drawer::default(),
        };
        let value = self.st.widget(
            self.common.call(
                spec,
                self.label,
                default,
                explicit,
                ComponentCodec::<C> {
                    component: Some(self.component),
                    params,
                    typed: None,
                    encoded: RefCell::new(None),
                    valid: RefCell::new(None),
                },
            ),
            |id| {
                id.param("component", name)
                    .param("params", params)
                    .param("default", default_hash);
            },
        );
        // The user's code that failed on the way (a `fit` that panicked, a
        // value its `Serialize` cannot write), right below the component
        // (named by its type: its label is not copied on every run for
        // this).
        let failed = FAILED.with(|failed| std::mem::take(&mut *failed.borrow_mut()));
        for reason in failed {
            self.st.emit(Element::Alert {
                level: AlertLevel::Error,
                body: format!("The component above (`{name}`): {reason}."),
            });
        }
        value
    }
}

/// `my_app::widgets::StarRating<f64>` as `StarRating<f64>`: the type's name
/// without its module path (closures keep their place: `script::{{closure}}`).
/// A part of the `'static` name: nothing is allocated per run, and the last
/// name shortened is kept, so a page of one component type shortens it once.
fn short_type_name(full: &'static str) -> &'static str {
    thread_local! {
        /// The last full name shortened, and its short name.
        static LAST: std::cell::Cell<Option<(&'static str, &'static str)>> =
            const { std::cell::Cell::new(None) };
    }
    if let Some((seen, short)) = LAST.get()
        && std::ptr::eq(seen, full)
    {
        return short;
    }
    let short = shorten(full);
    LAST.set(Some((full, short)));
    short
}

/// [`short_type_name`], computed.
fn shorten(full: &'static str) -> &'static str {
    // A closure's name ends in `{{closure}}`: it keeps its path.
    if full.ends_with('}') {
        return full;
    }
    let base_end = full.find('<').unwrap_or(full.len());
    match full.get(..base_end).and_then(|base| base.rfind(':')) {
        Some(at) => full.get(at + 1..).unwrap_or(full),
        None => full,
    }
}

/// A value for a message: its `Debug` text, or a note when that panics.
fn describe(value: &impl Debug) -> String {
    quietly(|| format!("{value:?}")).unwrap_or_else(|_| "(a value whose Debug panics)".into())
}

/// A value hashed by its `Debug` text, written into the hasher without
/// being allocated (a component's default, for the identity of a keyless
/// component; a keyed one does not hash it at all).
struct DebugHash<'a, T>(&'a T);

impl<T: Debug> Hash for DebugHash<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        /// Feeds formatted text into the hasher.
        struct Feed<'h, H>(&'h mut H);
        impl<H: Hasher> std::fmt::Write for Feed<'_, H> {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                self.0.write(text.as_bytes());
                Ok(())
            }
        }
        let _ = std::fmt::write(&mut Feed(state), format_args!("{:?}", self.0));
    }
}

/// Converts a component's value to RON text and back, fitting it to the
/// component's parameters.
struct ComponentCodec<C: Component> {
    /// This run's component, until it becomes the drawing object.
    component: Option<C>,
    /// The hash of its parameters.
    params: u64,
    /// The drawing object: the previous run's when the parameters are the
    /// same ([`Codec::inherit`]), else made from `component`.
    typed: Option<Arc<Typed<C>>>,
    /// The last value encoded and its text, handed from run to run
    /// ([`Codec::inherit`]): a value that did not change is not written
    /// again.
    encoded: RefCell<Option<(C::Value, SmolStr)>>,
    /// The last value `fit` left as it was, handed from run to run while
    /// the parameters stay the same: it is not fitted again.
    valid: RefCell<Option<C::Value>>,
}

impl<C: Component> ComponentCodec<C> {
    /// The component (this run's parameters).
    fn component(&self) -> Option<&C> {
        match &self.typed {
            Some(typed) => Some(&typed.component),
            None => self.component.as_ref(),
        }
    }

    /// `fit` of the component, inside the panic guard; `None` without a
    /// component (never).
    fn fit(&self, value: C::Value) -> Option<Result<C::Value, String>> {
        let component = self.component()?;
        Some(quietly(|| component.fit(value)))
    }
}

impl<C: Component> Codec for ComponentCodec<C> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        let Value::Component(text) = value else {
            return None;
        };
        let value = from_ron::<C::Value>(text).ok()?;
        // A value the component's `fit` panics on is refused, with the
        // panic's message (`reject_reason`).
        self.fit(value.clone())?.ok()?;
        Some(Box::new(value))
    }

    fn encode(&self, value: &dyn std::any::Any) -> Value {
        let Some(value) = value.downcast_ref::<C::Value>() else {
            return Value::None;
        };
        let mut encoded = self.encoded.borrow_mut();
        if let Some((seen, text)) = encoded.as_ref()
            && seen == value
        {
            return Value::Component(text.clone());
        }
        match to_ron(value) {
            Ok(text) => {
                let text = SmolStr::from(text);
                *encoded = Some((value.clone(), text.clone()));
                Value::Component(text)
            }
            Err(why) => {
                report(format!(
                    "its value {} cannot be written for the window ({why}); the script has it, the \
                     window cannot draw it",
                    describe(value)
                ));
                Value::None
            }
        }
    }

    fn inherit(&mut self, previous: &mut dyn Codec) {
        if let Some(previous) = previous
            .as_any_mut()
            .and_then(|any| any.downcast_mut::<Self>())
        {
            *self.encoded.get_mut() = previous.encoded.get_mut().take();
            if previous.params == self.params {
                self.typed = previous.typed.take();
                *self.valid.get_mut() = previous.valid.get_mut().take();
            }
        }
    }

    fn drawer(&mut self) -> Option<Drawer> {
        let typed = match &self.typed {
            Some(typed) => Arc::clone(typed),
            None => {
                let typed = shared_typed(self.params, self.component.take()?);
                self.typed = Some(Arc::clone(&typed));
                typed
            }
        };
        Some(Drawer::new(typed as _, &Typed::<C>::FUNCTIONS))
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }

    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        let why = match value {
            Value::Component(text) => match from_ron::<C::Value>(text) {
                Ok(value) => {
                    let panic = self.fit(value)?.err()?;
                    return Some(format!(
                        "The component \"{label}\" was sent {text}, and its `fit` panicked on it: \
                         {panic}. It keeps its value."
                    ));
                }
                Err(why) => why,
            },
            other => format!("{} is not a component's value", other.describe()),
        };
        Some(format!(
            "The component \"{label}\" was sent a value that is not a `{}`: {why}",
            std::any::type_name::<C::Value>()
        ))
    }

    fn check(&self, value: &dyn std::any::Any) -> Checked {
        let Some(value) = value.downcast_ref::<C::Value>() else {
            return Checked::Valid;
        };
        if self.valid.borrow().as_ref() == Some(value) {
            return Checked::Valid;
        }
        let Some(fitted) = self.fit(value.clone()) else {
            return Checked::Valid;
        };
        match fitted {
            Ok(fitted) if fitted == *value => {
                *self.valid.borrow_mut() = Some(fitted);
                Checked::Valid
            }
            Ok(fitted) => Checked::Fixed {
                reason: format!(
                    "{} does not fit the component's parameters",
                    to_ron(value).unwrap_or_else(|_| format!("{value:?}"))
                ),
                value: Box::new(fitted),
            },
            Err(panic) => {
                let reason = format!("its `fit` panicked on {}: {panic}", describe(value));
                report(format!("{reason}; it holds its default instead"));
                Checked::Invalid { reason }
            }
        }
    }
}

/// Why a component or view could not be drawn, and where it panicked
/// (`file:line:column`) when it did.
type Failure = (String, Option<String>);

/// An object a drawer holds.
type Object = dyn std::any::Any + Send + Sync;

/// What drawing a component gives: its response and the new value when the
/// person changed it, or why it could not be drawn.
type Drawn = Result<(Response, Option<Value>), Failure>;

/// The functions that draw components of one type, the type erased: a
/// constant per type, beside each drawer's object (a `Typed<C>`).
struct ComponentFunctions {
    /// Draws the component holding `value`; returns the response and the
    /// new value when the person changed it, or why it cannot be drawn.
    draw: fn(&Object, &mut Ui, egui::Id, &Value) -> Drawn,
    /// When a change reaches the script.
    commit: fn(&Object) -> Commit,
}

/// The function that draws views of one type.
struct ViewFunctions {
    /// Draws the view (the drawer's object).
    draw: fn(&Object, &mut Ui) -> Result<(), Failure>,
}

impl ViewFunctions {
    const fn of<V: View>() -> Self {
        Self {
            draw: |object, ui| match object.downcast_ref::<V>() {
                Some(view) => quietly_at(|| view.ui(ui)),
                None => Err(("its drawing is of another type".to_owned(), None)),
            },
        }
    }
}

/// A component as its drawing object. Components of one type whose
/// parameters hash alike share one (see [`shared_typed`]).
struct Typed<C: Component> {
    component: C,
}

/// The drawing object of a component of type `C` with parameters `params`
/// made from `component`: the one made last, when it is of the same type
/// and parameters and still in use, else a new one. A page of a thousand
/// alike components holds one drawing object, and each run touches the
/// one count of it (a page mixing parameters makes one object each).
fn shared_typed<C: Component>(params: u64, component: C) -> Arc<Typed<C>> {
    thread_local! {
        /// The drawing object made last, its type and its parameters.
        static LAST: RefCell<Option<(std::any::TypeId, u64, Weak<Object>)>> =
            const { RefCell::new(None) };
    }
    let kind = std::any::TypeId::of::<C>();
    let last = LAST.with_borrow(|last| match last {
        Some((seen, hash, object)) if *seen == kind && *hash == params => object.upgrade(),
        _ => None,
    });
    if let Some(typed) = last.and_then(|object| object.downcast::<Typed<C>>().ok()) {
        return typed;
    }
    let typed = Arc::new(Typed { component });
    let object: Arc<Object> = Arc::clone(&typed) as _;
    LAST.set(Some((kind, params, Arc::downgrade(&object))));
    typed
}

thread_local! {
    /// What failed in the user's code during a component's call in this
    /// run (a panic in `fit`, a value `Serialize` cannot write), shown below
    /// the component. The runner's thread calls the codec inside the
    /// component's `show`.
    static FAILED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Adds `reason` to what failed in the component being placed (once).
fn report(reason: String) {
    FAILED.with(|failed| {
        let mut failed = failed.borrow_mut();
        if !failed.contains(&reason) {
            failed.push(reason);
        }
    });
}

impl<C: Component> Typed<C> {
    /// The functions that draw a `Typed<C>`.
    const FUNCTIONS: ComponentFunctions = ComponentFunctions {
        draw: |object, ui, id, value| match object.downcast_ref::<Self>() {
            Some(typed) => typed.draw(ui, id, value),
            None => Err(("its drawing is of another type".to_owned(), None)),
        },
        commit: |object| {
            object
                .downcast_ref::<Self>()
                .and_then(|typed| quietly(|| typed.component.commit()).ok())
                .unwrap_or_default()
        },
    };

    fn draw(&self, ui: &mut Ui, id: egui::Id, value: &Value) -> Drawn {
        let before = value_of::<C>(ui, id, value)
            .map_err(|why| (format!("its value cannot be read: {why}"), None))?;
        let mut after = before.clone();
        let response = quietly_at(|| self.component.ui(ui, &mut after))?;
        if after == before {
            return Ok((response, None));
        }
        let text =
            to_ron(&after).map_err(|why| (format!("its value cannot be written: {why}"), None))?;
        // A value not equal to itself (a NaN inside) that the person did
        // not change writes the same text: no change to send.
        if let Value::Component(current) = value
            && *current == text
        {
            return Ok((response, None));
        }
        Ok((response, Some(Value::Component(text.into()))))
    }
}

/// The typed value of a component's `value`, read from its RON text once
/// and kept in the window's memory under the component's `id` while the
/// text stays the same: a frame does not parse it again.
fn value_of<C: Component>(ui: &Ui, id: egui::Id, value: &Value) -> Result<C::Value, String> {
    /// The last text read and its value.
    #[derive(Clone)]
    struct Decoded<T>(SmolStr, T);

    let Value::Component(text) = value else {
        return Err(
            "its value could not be written for the window (see the error below it)".into(),
        );
    };
    let seen = ui.data(|d| {
        d.get_temp::<Decoded<C::Value>>(id)
            .filter(|Decoded(seen, _)| seen == text)
    });
    if let Some(Decoded(_, typed)) = seen {
        return Ok(typed);
    }
    let typed = from_ron::<C::Value>(text)?;
    ui.data_mut(|d| d.insert_temp(id, Decoded(text.clone(), typed.clone())));
    Ok(typed)
}

/// Panics of components and views drawn lately (the drawer and the
/// failure), so a component that panicked is not called again for the
/// same run's element.
#[derive(Clone, Default)]
struct Panicked(Vec<(Drawer, Option<Value>, Failure)>);

fn panicked_id() -> egui::Id {
    egui::Id::unique("brook-component-panics")
}

/// The failure of an earlier drawing of `drawer`'s object holding `value`,
/// if it failed (a component keeps its drawing object across runs: another
/// value is tried again).
fn earlier_panic(ui: &Ui, drawer: &Drawer, value: Option<&Value>) -> Option<Failure> {
    ui.data(|d| {
        d.get_temp::<Panicked>(panicked_id()).and_then(|panics| {
            panics
                .0
                .iter()
                .find(|(seen, held, _)| seen == drawer && held.as_ref() == value)
                .map(|(_, _, failure)| failure.clone())
        })
    })
}

/// Remembers that `drawer`'s object failed (the latest 32), and logs it
/// once.
fn remember_panic(
    ui: &Ui,
    drawer: &Drawer,
    value: Option<&Value>,
    kind: &str,
    name: &str,
    failure: &Failure,
) {
    let (message, at) = failure;
    match at {
        Some(at) => log::error!("the {kind} `{name}` failed while drawing, at {at}: {message}"),
        None => log::error!("the {kind} `{name}` failed while drawing: {message}"),
    }
    ui.data_mut(|d| {
        let panics = d.get_temp_mut_or_default::<Panicked>(panicked_id());
        if panics.0.len() >= 32 {
            panics.0.remove(0);
        }
        panics
            .0
            .push((drawer.clone(), value.cloned(), failure.clone()));
    });
    ui.ctx().request_repaint();
}

/// Draws the exception box of a component or view `name` that failed, with
/// where it panicked.
fn failed_ui(ui: &mut Ui, kind: &str, name: &str, (message, at): &Failure) -> Response {
    let text = format!("The {kind} `{name}` failed while drawing: {message}");
    ui.scope(|ui| crate::alert::exception_ui(ui, &text, at.as_deref()))
        .response
}

/// Draws a component widget and reports the person's changes.
pub(crate) fn component_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let WidgetSpec::Component { name, drawer, .. } = &widget.spec else {
        return ui.label("?");
    };
    let (Some(functions), Some(object)) =
        (drawer.functions::<ComponentFunctions>(), drawer.object())
    else {
        return ui.label(format!(
            "The component `{name}` cannot be drawn here: its drawing stays in the app that made it."
        ));
    };
    let current = frame.value(widget);
    let value_id = egui::Id::unique(("brook-component-value", &widget.id));
    if let Some(failure) = earlier_panic(ui, drawer, Some(&current)) {
        return failed_ui(ui, "component", name, &failure);
    }
    let drawn = labelled(ui, &widget.label, |ui| {
        (functions.draw)(object, ui, value_id, &current)
    });
    let on_focus_lost = (functions.commit)(object) == Commit::OnFocusLost;
    match drawn {
        Ok((response, changed)) => {
            // Still working: a drag not ended, or a field still focused.
            let working = (response.dragged() && !response.drag_stopped())
                || (on_focus_lost && response.has_focus());
            match changed {
                Some(new) if working => frame.edit(widget, new),
                Some(new) => frame.commit(widget, new),
                None if !working => frame.send_edit(widget),
                None => {}
            }
            response
        }
        Err(failure) => {
            remember_panic(ui, drawer, Some(&current), "component", name, &failure);
            failed_ui(ui, "component", name, &failure)
        }
    }
}

/// Draws a view.
pub(crate) fn view_ui(ui: &mut Ui, name: &str, drawer: &Drawer) {
    let (Some(functions), Some(object)) = (drawer.functions::<ViewFunctions>(), drawer.object())
    else {
        ui.label(format!(
            "The view `{name}` cannot be drawn here: its drawing stays in the app that made it."
        ));
        return;
    };
    if let Some(failure) = earlier_panic(ui, drawer, None) {
        failed_ui(ui, "view", name, &failure);
        return;
    }
    if let Err(failure) = (functions.draw)(object, ui) {
        remember_panic(ui, drawer, None, "view", name, &failure);
        failed_ui(ui, "view", name, &failure);
    }
}

#[cfg(test)]
mod tests {
    use super::short_type_name;

    #[test]
    fn a_type_is_named_without_its_module_path() {
        assert_eq!(short_type_name("app::widgets::Knob"), "Knob");
        assert_eq!(short_type_name("Knob<f64>"), "Knob<f64>");
        assert_eq!(
            short_type_name("app::Plot<core::option::Option<f64>>"),
            "Plot<core::option::Option<f64>>"
        );
        assert_eq!(short_type_name("Knob"), "Knob");
        assert_eq!(
            short_type_name("app::script::{{closure}}"),
            "app::script::{{closure}}"
        );
        // The last name is kept: names taking turns are each right.
        for _ in 0..2 {
            assert_eq!(short_type_name("app::A"), "A");
            assert_eq!(short_type_name("b::B<x::Y>"), "B<x::Y>");
        }
    }
}
