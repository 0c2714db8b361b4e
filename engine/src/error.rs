//! Errors from misusing brook. Each message names the key or label at fault
//! and says what to do; the runner shows it as an exception element.

/// A misuse of brook by the script: shown in the app as an exception element
/// with this message, and the run stops there (as Streamlit raises).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BrookError {
    /// A database connection, query or secret failed (`st.connection`,
    /// `query(..).fetch()`, `st.secrets()`): the message says which
    /// connection, what the database said and the query's first line,
    /// never a password.
    #[error("{0}")]
    Connection(String),
    /// Two widgets of one kind with the same label and parameters and no key.
    #[error(
        "There are multiple `{kind}` widgets labelled \"{label}\" with the same parameters, so brook \
         cannot tell them apart. Give each one a unique key, e.g. `.key(\"{label}-1\")`."
    )]
    DuplicateWidgetId {
        /// The widget kind (`"button"`, `"slider"`, ...).
        kind: &'static str,
        /// The label shared by the widgets.
        label: String,
    },
    /// Two elements of one run with the same key.
    #[error(
        "There are multiple widgets with key \"{key}\" in this run. Keys must be unique; for widgets \
         made in a loop, put the loop index in the key."
    )]
    DuplicateKey {
        /// The duplicated key.
        key: String,
    },
    /// `session_state` written for a widget's key after the widget was created in this run.
    #[error(
        "`session_state[\"{key}\"]` cannot be modified after the widget with key \"{key}\" is \
         created in this run. Set it before the widget is called, or in the widget's callback."
    )]
    SetAfterWidgetCreated {
        /// The widget's key.
        key: String,
    },
    /// `session_state` written for a form's key after the form was created in this run.
    #[error(
        "`session_state[\"{key}\"]` cannot be modified after the form with key \"{key}\" is created \
         in this run. Set it before the form is created."
    )]
    SetAfterFormCreated {
        /// The form's key.
        key: String,
    },
    /// A value set through session state for a widget that cannot take one.
    #[error(
        "Values for the `{kind}` with key \"{key}\" cannot be set using session_state: buttons are \
         true only in the run their click triggers, and uploaded files come only from the person. \
         Keep your own value in another key instead."
    )]
    NotSettable {
        /// The widget kind.
        kind: &'static str,
        /// The widget's key.
        key: String,
    },
    /// A session-state value of another type than the one asked for.
    #[error(
        "session_state[\"{key}\"] holds a `{found}`, but a `{expected}` was asked for. Read it as \
         `{found}`, or store a `{expected}`."
    )]
    WrongType {
        /// The key.
        key: String,
        /// The type asked for.
        expected: &'static str,
        /// The type stored.
        found: &'static str,
    },
    /// A session-state value of another type than the widget with that key needs.
    #[error(
        "session_state[\"{key}\"] holds a `{found}`, but the `{kind}` \"{label}\" with that key needs \
         a `{expected}`. Store a `{expected}` in that key."
    )]
    WidgetWrongType {
        /// The key.
        key: String,
        /// The widget kind.
        kind: &'static str,
        /// The widget label.
        label: String,
        /// The type the widget needs.
        expected: &'static str,
        /// The type stored.
        found: &'static str,
    },
    /// Reading a key that is not in session state.
    #[error(
        "session_state has no key \"{key}\". Did you forget to initialise it? Use \
         `get_or_insert(\"{key}\", ..)`, or check `contains(\"{key}\")` first."
    )]
    MissingKey {
        /// The key.
        key: String,
    },
    /// A key with brook's internal prefix.
    #[error(
        "session_state keys may not start with `$$ID` (\"{key}\"): that prefix is brook's own. Rename the key."
    )]
    ReservedKey {
        /// The key.
        key: String,
    },
    /// `st.form` inside a form.
    #[error(
        "The form \"{key}\" is inside the form \"{outer}\". Forms cannot be nested: move it out."
    )]
    NestedForm {
        /// The inner form's key.
        key: String,
        /// The enclosing form's key.
        outer: String,
    },
    /// Two forms of one run with the same key.
    #[error(
        "There are multiple forms with key \"{key}\" in this run. Give each form a unique key."
    )]
    DuplicateForm {
        /// The key.
        key: String,
    },
    /// `form_submit_button` outside any form.
    #[error(
        "The form_submit_button \"{label}\" is not inside a form. Call it on the form: \
         `form.form_submit_button(\"{label}\")`, or use `st.button` outside forms."
    )]
    SubmitOutsideForm {
        /// The button's label.
        label: String,
    },
    /// `st.button` inside a form.
    #[error(
        "The button \"{label}\" is inside the form \"{form}\". Buttons cannot be placed in a form: \
         use `form_submit_button` there."
    )]
    ButtonInForm {
        /// The button's label.
        label: String,
        /// The form's key.
        form: String,
    },
    /// A callback on a widget inside a form other than the submit button.
    #[error(
        "The `{kind}` \"{label}\" inside the form \"{form}\" has an on_change callback. Within a \
         form, callbacks can only be defined on form_submit_button: move it there."
    )]
    CallbackInForm {
        /// The widget kind.
        kind: &'static str,
        /// The widget label.
        label: String,
        /// The form's key.
        form: String,
    },
    /// A widget called inside a cached function, or another call where it cannot be.
    #[error("{0}")]
    Misuse(String),
    /// A configuration option given a value it cannot take.
    #[error("The option `{option}` cannot be {value}: {expected}.")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value given, as text.
        value: String,
        /// What it takes.
        expected: &'static str,
    },
}
