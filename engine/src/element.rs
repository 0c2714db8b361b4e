//! The element protocol: what a run produces and what the window draws.
//!
//! A run builds a [`Tree`] of [`Element`]s. The tree is the only thing that
//! crosses from the script to the screen. While a run is in progress the
//! runner streams it as [`Delta`]s (one per element, addressed by a [`Path`]);
//! the window applies them to its own copy, so elements appear as they are
//! produced and elements of the previous run that were not produced again yet
//! are drawn faded.
//!
//! Every type here is plain data: `Send`, `Sync`, `Clone`, and serializable,
//! so a tree can be printed as RON for tests (see [`Tree::to_ron`]).

use serde::{Deserialize, Serialize};
/// The text of a component's value ([`Value::Component`]).
pub use smol_str::SmolStr;

/// The identity of a widget, stable across runs for the same inputs.
///
/// Built by [`crate::state::IdBuilder`] from the widget's kind, its key, its
/// form, and its identity parameters. Thread-safe plain data.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WidgetId(pub String);

impl std::fmt::Display for WidgetId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A widget value as the window sees it (the UI side of the protocol).
///
/// Typed values (`i64`, `String`, a selectbox's option type, ...) live in the
/// engine; each widget converts its typed value to and from this form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// No value (an empty selectbox, a number input without a value).
    None,
    /// A checkbox, toggle or button trigger.
    Bool(bool),
    /// An integer slider or number input.
    Int(i64),
    /// A float slider or number input.
    Float(f64),
    /// Text input or text area content.
    Text(String),
    /// The selected option of a selectbox or radio, by position.
    Index(usize),
    /// The selected options of a multiselect, by position, in selection order.
    Indices(Vec<usize>),
    /// A colour, as sRGB red, green, blue, alpha.
    Color([u8; 4]),
    /// Files given to a file uploader (dialog or drag and drop).
    Files(Vec<UploadedFile>),
    /// The two ends of a range slider, low first.
    Range([f64; 2]),
    /// What a person changed in a data editor.
    TableEdits(Box<crate::data::TableEdits>),
    /// What a person selected in an interactive dataframe.
    TableSelection(Box<crate::data::TableSelection>),
    /// The value of a component (your own egui widget), as RON text
    /// (kept inline up to 23 bytes, shared beyond: a copy allocates
    /// nothing).
    Component(SmolStr),
}

impl Value {
    /// The value as a person would read it in a message: text in quotes,
    /// an option by its position counted from one, numbers plainly.
    pub fn describe(&self) -> String {
        match self {
            Self::None => "nothing".to_owned(),
            Self::Bool(v) => v.to_string(),
            Self::Int(v) => v.to_string(),
            Self::Float(v) => v.to_string(),
            Self::Text(v) => format!("\"{v}\""),
            Self::Index(i) => format!("option {}", i.saturating_add(1)),
            Self::Indices(v) => {
                let positions: Vec<String> =
                    v.iter().map(|i| i.saturating_add(1).to_string()).collect();
                format!("options {}", positions.join(", "))
            }
            Self::Color([r, g, b, _]) => format!("#{r:02x}{g:02x}{b:02x}"),
            Self::Files(files) => {
                let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
                names.join(", ")
            }
            Self::Range([low, high]) => format!("{low} to {high}"),
            Self::TableEdits(edits) => format!(
                "{} edited rows, {} added rows, {} deleted rows",
                edits.edited_rows.len(),
                edits.added_rows.len(),
                edits.deleted_rows.len()
            ),
            Self::TableSelection(selection) => format!(
                "rows {:?}, columns {:?}, cells {:?}",
                selection.rows, selection.columns, selection.cells
            ),
            Self::Component(text) => text.to_string(),
        }
    }
}

/// The object that draws a component or a view in the window: the app's
/// own egui code, built by the script in a run and handed to the window
/// beside the element. It is not part of the element's serialized form (a
/// tree read back from RON has none, and the window then draws a note in
/// its place).
///
/// The engine knows no egui: a drawer is an opaque object and a `'static`
/// table of the functions that draw it, both of which brook's widgets crate
/// downcasts ([`Drawer::object`], [`Drawer::functions`]). The table is a
/// constant per type, so a drawer costs one allocation. Two drawers are
/// equal when they hold the same object.
#[derive(Clone, Default)]
pub struct Drawer(Option<DrawerParts>);

/// A drawer's object and its table of functions.
#[derive(Clone)]
struct DrawerParts {
    object: std::sync::Arc<dyn std::any::Any + Send + Sync>,
    functions: &'static (dyn std::any::Any + Send + Sync),
}

impl Drawer {
    /// A drawer holding `object`, drawn by the functions in `functions`.
    pub fn new(
        object: std::sync::Arc<dyn std::any::Any + Send + Sync>,
        functions: &'static (dyn std::any::Any + Send + Sync),
    ) -> Self {
        Self(Some(DrawerParts { object, functions }))
    }

    /// The object, if there is one.
    pub fn object(&self) -> Option<&(dyn std::any::Any + Send + Sync)> {
        self.0.as_ref().map(|parts| &*parts.object)
    }

    /// The table of functions, if there is one and it is a `T`.
    pub fn functions<T: 'static>(&self) -> Option<&'static T> {
        self.0
            .as_ref()
            .and_then(|parts| parts.functions.downcast_ref::<T>())
    }
}

impl PartialEq for Drawer {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(&a.object, &b.object),
            (None, None) => true,
            _ => false,
        }
    }
}

impl std::fmt::Debug for Drawer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Drawer"
        } else {
            "Drawer(none)"
        })
    }
}

/// A file given to a file uploader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedFile {
    /// The file's name, without its folder.
    pub name: String,
    /// Its contents.
    pub bytes: std::sync::Arc<[u8]>,
}

impl UploadedFile {
    /// The size in bytes.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }

    /// The contents as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// The style of a text element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextStyle {
    /// The page title (largest).
    Title,
    /// A section header.
    Header,
    /// A subsection header.
    Subheader,
    /// Markdown (CommonMark subset: emphasis, code, lists, headings).
    Markdown,
    /// Plain monospace-free text, shown as is.
    Text,
    /// Small, muted text.
    Caption,
}

/// The level of an alert box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlertLevel {
    /// Green: something worked.
    Success,
    /// Blue: information.
    Info,
    /// Yellow: something to look at.
    Warning,
    /// Red: something failed.
    Error,
}

/// The kind of a container element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ContainerKind {
    /// A plain vertical group (`st.container()`).
    Container {
        /// Draw a border around the group.
        border: bool,
    },
    /// A row of columns; its children are [`ContainerKind::Column`]s.
    Columns {
        /// Relative widths, one per column.
        weights: Vec<f32>,
    },
    /// One column of a [`ContainerKind::Columns`] row.
    Column,
    /// A collapsible section.
    Expander {
        /// The header text.
        label: String,
        /// Open on first show.
        expanded: bool,
    },
    /// A fragment: reruns on its own when a widget inside it changes.
    Fragment {
        /// The fragment's name.
        name: String,
    },
    /// A form: its widgets' changes are batched until its submit button.
    Form {
        /// The form key given by the script.
        key: String,
        /// Draw a border around the form.
        border: bool,
    },
    /// A single-element slot that each write replaces (`st.empty()`).
    Placeholder,
    /// Tabs; its children are [`ContainerKind::Tab`]s, one per label.
    Tabs {
        /// The tab labels.
        labels: Vec<String>,
    },
    /// One tab of a [`ContainerKind::Tabs`].
    Tab,
    /// A button that opens a floating panel with the children.
    Popover {
        /// The button's label.
        label: String,
    },
    /// A modal window over the app, opened by the script.
    Dialog {
        /// The window title.
        title: String,
    },
    /// A status block: a label with a state, expandable to show details.
    Status {
        /// The label.
        label: String,
        /// Running, complete or failed.
        state: StatusState,
        /// Open at first.
        expanded: bool,
    },
}

/// The state of a status block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusState {
    /// Work in progress (a spinner).
    Running,
    /// Done (a check mark).
    Complete,
    /// Failed (a cross).
    Error,
}

/// The kind of a chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartKind {
    /// Lines through the points.
    Line,
    /// Bars.
    Bar,
    /// Lines with the area below filled.
    Area,
    /// Points.
    Scatter,
}

/// The colour of a metric's delta.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeltaColor {
    /// Up is green, down is red.
    Normal,
    /// Up is red, down is green (costs, errors).
    Inverse,
    /// Grey.
    Off,
}

/// What a widget element is, with the parameters the window needs to draw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WidgetSpec {
    /// A push button; true for the one run its click triggers.
    Button {
        /// Draw as the primary (accent-coloured) button.
        primary: bool,
    },
    /// A form's submit button.
    FormSubmit {
        /// Draw as the primary (accent-coloured) button.
        primary: bool,
    },
    /// A checkbox (or a toggle switch when `toggle` is set).
    Checkbox {
        /// Draw as a toggle switch.
        toggle: bool,
    },
    /// A slider over a numeric range.
    Slider {
        /// Lowest value.
        min: f64,
        /// Highest value.
        max: f64,
        /// Step between values.
        step: f64,
        /// Values are integers.
        integer: bool,
        /// How the value is shown: a printf-style format ("%d", "%.2f",
        /// "%.1f%%", "%e"), already checked by the widget; `None` shows
        /// the value plainly.
        #[serde(default)]
        format: Option<String>,
    },
    /// A numeric input with + and - buttons.
    NumberInput {
        /// Lowest value, if bounded.
        min: Option<f64>,
        /// Highest value, if bounded.
        max: Option<f64>,
        /// Step of the + and - buttons.
        step: f64,
        /// Values are integers.
        integer: bool,
        /// How the value is shown: a printf-style format ("%d", "%.2f",
        /// "%.1f%%", "%e"), already checked by the widget; `None` shows
        /// the value plainly.
        #[serde(default)]
        format: Option<String>,
    },
    /// A single-line text field.
    TextInput {
        /// Greyed hint shown when empty.
        placeholder: String,
        /// Longest accepted text, in characters.
        max_chars: Option<usize>,
        /// Hide the characters.
        password: bool,
    },
    /// A multi-line text field.
    TextArea {
        /// Greyed hint shown when empty.
        placeholder: String,
        /// Longest accepted text, in characters.
        max_chars: Option<usize>,
        /// Height in lines.
        rows: usize,
    },
    /// A drop-down choice of one option.
    Selectbox {
        /// The options, formatted for display.
        options: Vec<String>,
        /// Greyed hint shown when nothing is selected.
        placeholder: String,
    },
    /// A column or row of radio buttons.
    Radio {
        /// The options, formatted for display.
        options: Vec<String>,
        /// Lay the options out in a row.
        horizontal: bool,
    },
    /// A choice of any number of options.
    Multiselect {
        /// The options, formatted for display.
        options: Vec<String>,
        /// Greyed hint shown when nothing is selected.
        placeholder: String,
    },
    /// A slider over a list of options.
    SelectSlider {
        /// The options, formatted for display.
        options: Vec<String>,
    },
    /// A slider with two thumbs over a list of options: a range of them.
    SelectRangeSlider {
        /// The options, formatted for display.
        options: Vec<String>,
    },
    /// A slider with two thumbs: a range of numbers.
    RangeSlider {
        /// Lowest value.
        min: f64,
        /// Highest value.
        max: f64,
        /// Step between values.
        step: f64,
        /// Values are integers.
        integer: bool,
        /// How the value is shown: a printf-style format ("%d", "%.2f",
        /// "%.1f%%", "%e"), already checked by the widget; `None` shows
        /// the value plainly.
        #[serde(default)]
        format: Option<String>,
    },
    /// A colour picker.
    ColorPicker,
    /// Files from a dialog or dropped on the window.
    FileUploader {
        /// Accepted extensions, without the dot (empty: any).
        types: Vec<String>,
        /// Accept several files.
        multiple: bool,
        /// The largest accepted file, in bytes.
        max_bytes: u64,
    },
    /// A date, or a range of dates (`YYYY-MM-DD`, a range as `a..b`).
    DateInput {
        /// The earliest date accepted.
        min: Option<String>,
        /// The latest date accepted.
        max: Option<String>,
        /// A range of two dates.
        range: bool,
        /// How the date is shown (chrono's format).
        format: String,
    },
    /// A time of day (`HH:MM:SS`).
    TimeInput {
        /// The step of the minute and second fields, in seconds.
        step_secs: u32,
    },
    /// A date and time (`YYYY-MM-DDTHH:MM:SS`, the wall-clock time), in a
    /// zone when `zone` is set.
    DateTimeInput {
        /// The zone's name (IANA), shown beside the value.
        zone: Option<String>,
    },
    /// A table whose cells a person edits (and, when `dynamic`, whose rows
    /// they add and delete). The widget's value is a
    /// [`Value::TableEdits`] over `table`.
    DataEditor {
        /// The table as the script gave it (before the edits).
        table: crate::data::Table,
        /// How columns are shown and edited.
        config: crate::data::TableConfig,
        /// Rows can be added and deleted.
        dynamic: bool,
    },
    /// An interactive table whose rows, columns or cells a person
    /// selects; the widget's value is a [`Value::TableSelection`].
    Dataframe {
        /// The data.
        table: crate::data::Table,
        /// How columns are shown.
        config: crate::data::TableConfig,
        /// What a click selects.
        selection: crate::data::SelectionMode,
    },
    /// A component: a widget the app wrote in egui. Its value is a
    /// [`Value::Component`].
    Component {
        /// The component's type name without its module path
        /// (`StarRating`).
        name: std::borrow::Cow<'static, str>,
        /// A hash of the component's parameters (the fields of its type).
        params: u64,
        /// What draws it in the window; not part of the serialized tree.
        #[serde(skip)]
        drawer: Drawer,
    },
    /// A button that saves data to a file the person chooses.
    DownloadButton {
        /// The suggested file name.
        file_name: String,
        /// The bytes to save.
        data: std::sync::Arc<[u8]>,
    },
}

impl WidgetSpec {
    /// The name of the widget kind as the script calls it (`"slider"`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::Button { .. } => "button",
            Self::FormSubmit { .. } => "form_submit_button",
            Self::Checkbox { toggle: false } => "checkbox",
            Self::Checkbox { toggle: true } => "toggle",
            Self::Slider { .. } => "slider",
            Self::NumberInput { .. } => "number_input",
            Self::TextInput { .. } => "text_input",
            Self::TextArea { .. } => "text_area",
            Self::Selectbox { .. } => "selectbox",
            Self::Radio { .. } => "radio",
            Self::Multiselect { .. } => "multiselect",
            Self::SelectSlider { .. } => "select_slider",
            Self::RangeSlider { .. } => "range_slider",
            Self::SelectRangeSlider { .. } => "select_range_slider",
            Self::ColorPicker => "color_picker",
            Self::FileUploader { .. } => "file_uploader",
            Self::DownloadButton { .. } => "download_button",
            Self::DateInput { .. } => "date_input",
            Self::TimeInput { .. } => "time_input",
            Self::DateTimeInput { .. } => "datetime_input",
            Self::DataEditor { .. } => "data_editor",
            Self::Dataframe { .. } => "dataframe",
            Self::Component { .. } => "component",
        }
    }

    /// True for widgets whose value is a one-run trigger (buttons).
    pub fn is_trigger(&self) -> bool {
        matches!(
            self,
            Self::Button { .. } | Self::FormSubmit { .. } | Self::DownloadButton { .. }
        )
    }
}

/// A widget as drawn: identity, label, options and its current value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WidgetElement {
    /// The widget's identity; events from the window name it.
    pub id: WidgetId,
    /// The user's key, if any.
    pub key: Option<String>,
    /// The label shown beside or above the widget.
    pub label: String,
    /// Tooltip text.
    pub help: Option<String>,
    /// Drawn but not interactive.
    pub disabled: bool,
    /// The key of the form the widget belongs to.
    pub form: Option<String>,
    /// What the widget is.
    pub spec: WidgetSpec,
    /// The value to draw: what the script saw in this run, or, for a form
    /// field, the value waiting for the form's submit.
    pub value: Value,
}

/// Where the window draws the menu of a multipage app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NavPosition {
    /// At the top of the sidebar, one page per row, by section.
    #[default]
    Sidebar,
    /// In a bar across the top of the page, one page after another.
    Top,
    /// Nowhere: the app moves between pages with page links and
    /// `switch_page` only.
    Hidden,
}

/// One page in the menu of a multipage app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NavEntry {
    /// The page's title, which also names it for `st.switch_page`.
    pub title: String,
    /// An icon (a symbol) shown before the title.
    pub icon: Option<String>,
    /// The section of the menu the page is listed under.
    pub section: Option<String>,
}

/// One element of the tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Element {
    /// Text in one of the [`TextStyle`]s.
    Text {
        /// How the text is styled.
        style: TextStyle,
        /// The text.
        body: String,
    },
    /// A block of code, monospace, with an optional language name.
    Code {
        /// The code.
        code: String,
        /// The language, shown as a tag (no highlighting yet).
        language: Option<String>,
    },
    /// A horizontal rule.
    Divider,
    /// A coloured alert box.
    Alert {
        /// The colour and icon.
        level: AlertLevel,
        /// The message.
        body: String,
    },
    /// An error raised by the script: a panic, or a misuse of brook.
    Exception {
        /// What went wrong, and for misuse, what to do.
        message: String,
        /// Where: `file:line:column`, when known.
        location: Option<String>,
    },
    /// An input widget.
    Widget(WidgetElement),
    /// A table of data: interactive (sortable, scrollable) or static.
    Table {
        /// The data.
        table: crate::data::Table,
        /// Sortable by clicking a header, scrolling in a fixed height.
        interactive: bool,
        /// How columns are shown (labels, widths, formats, hidden ones).
        config: crate::data::TableConfig,
    },
    /// A chart of columns of a table.
    Chart {
        /// Line, bar, area or scatter.
        kind: ChartKind,
        /// The data.
        table: crate::data::Table,
        /// The x column; the row number when `None`.
        x: Option<String>,
        /// The y columns, one series each.
        y: Vec<String>,
    },
    /// A big number with a label and an optional change.
    Metric {
        /// What it measures.
        label: String,
        /// The value, formatted.
        value: String,
        /// The change, formatted, with its sign.
        delta: Option<String>,
        /// How the change is coloured.
        delta_color: DeltaColor,
    },
    /// A collapsible view of JSON-like data.
    Json {
        /// The data.
        value: serde_json::Value,
        /// Open at first.
        expanded: bool,
    },
    /// An image from PNG/JPEG bytes or a file.
    Image {
        /// `bytes://<hash>` for bytes, `file://<path>` for a file.
        uri: String,
        /// The bytes, for `bytes://` images.
        bytes: Option<std::sync::Arc<[u8]>>,
        /// Text under the image.
        caption: Option<String>,
        /// Display width in points (the image's own width when `None`).
        width: Option<f32>,
    },
    /// A progress bar.
    Progress {
        /// 0 to 1.
        fraction: f32,
        /// Text on the bar.
        text: Option<String>,
    },
    /// A short message that pops up in a corner for a few seconds.
    Toast {
        /// The message.
        body: String,
    },
    /// The menu of a multipage app (`st.navigation`): the pages shown in
    /// it, in order, and the one running. Drawn at the top of the sidebar.
    Navigation {
        /// The pages in the menu (hidden pages are not).
        pages: Vec<NavEntry>,
        /// The title of the page this run shows.
        current: String,
        /// Where the window draws the menu.
        position: NavPosition,
    },
    /// A link to another page of the app (`st.page_link`).
    PageLink {
        /// The page's title.
        page: String,
        /// What the link says.
        label: String,
        /// The link points at the page running now.
        current: bool,
    },
    /// A link that looks like a button and opens a URL in the browser.
    LinkButton {
        /// The button's label.
        label: String,
        /// Where it goes.
        url: String,
    },
    /// Display-only egui drawing of the app's own (a view: no value).
    View {
        /// The view's type name (a closure's is its place in the code).
        name: std::borrow::Cow<'static, str>,
        /// What draws it in the window; not part of the serialized tree.
        #[serde(skip)]
        drawer: Drawer,
    },
    /// A container and the elements inside it.
    Container {
        /// What kind of container.
        kind: ContainerKind,
        /// Its elements in order.
        children: Vec<Node>,
    },
}

impl Element {
    /// The children of a container, or an empty slice.
    pub fn children(&self) -> &[Node] {
        match self {
            Self::Container { children, .. } => children,
            _ => &[],
        }
    }
}

/// An element and the run that last produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The element.
    pub element: Element,
    /// The number of the run that produced this element; the window fades
    /// nodes older than the current run.
    #[serde(default, skip_serializing)]
    pub run: u64,
}

/// The root a path starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Root {
    /// The main body of the page.
    Main,
    /// The sidebar.
    Sidebar,
}

/// Where an element sits: a root, then child indices down the containers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Path {
    /// The root of the path.
    pub root: Root,
    /// Child indices, outermost first. Never empty for an element.
    pub indices: Vec<u32>,
}

/// One change to the tree, streamed from the runner to the window.
#[allow(
    clippy::large_enum_variant,
    reason = "most deltas are `Set`; boxing would allocate per element"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Delta {
    /// A run started. Elements not produced again in this run are stale.
    RunStarted {
        /// The number of the run.
        run: u64,
        /// For a fragment rerun, the fragment's container: only elements
        /// inside it are redrawn; the rest stays current.
        fragment: Option<Path>,
    },
    /// Put an element at a path. A container sent here has no children; if
    /// the node at the path is already a container of the same kind, its
    /// children are kept (as stale) until they are replaced.
    Set {
        /// Where the element goes.
        path: Path,
        /// The element.
        element: Element,
    },
    /// Remove the children of a container from index `len` on (a
    /// placeholder being rewritten).
    Truncate {
        /// The root of the container.
        root: Root,
        /// The container's path below the root (empty for the root itself).
        parents: Vec<u32>,
        /// How many children to keep.
        len: usize,
    },
    /// A run ended.
    RunFinished {
        /// The number of the run.
        run: u64,
        /// How it ended.
        outcome: RunOutcome,
    },
    /// Progress or status text of the session (running indicator).
    Status(SessionStatus),
    /// The spinner of a long computation (a cache miss), or `None` when it
    /// ended. Drawn over the page; the elements stay visible and usable.
    Progress(Option<Progress>),
}

/// What the spinner shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The cached function computing (empty for progress outside one).
    pub function: String,
    /// The spinner text or the last progress message.
    pub message: String,
    /// How far along, 0 to 1, when the work reports it.
    pub fraction: Option<f32>,
    /// Whether the spinner shows the elapsed time (`show_time`; on
    /// unless the cached function turns it off).
    #[serde(default = "shows_time")]
    pub show_time: bool,
}

fn shows_time() -> bool {
    true
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunOutcome {
    /// The script returned (or raised; the exception is an element).
    Completed,
    /// `st.stop()` or the stop button ended it; what it produced stays.
    Stopped,
    /// A new event or `st.rerun()` cut it short; another run follows at once.
    Interrupted,
}

/// Whether the session is running a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionStatus {
    /// Waiting for an interaction.
    Idle,
    /// Running callbacks or the script.
    Running,
}

/// The element tree of a run: the main body and the sidebar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    /// Elements of the main body, in order.
    pub main: Vec<Node>,
    /// Elements of the sidebar, in order.
    pub sidebar: Vec<Node>,
}

impl Tree {
    /// The top-level nodes of a root.
    pub fn root(&self, root: Root) -> &[Node] {
        match root {
            Root::Main => &self.main,
            Root::Sidebar => &self.sidebar,
        }
    }

    fn root_mut(&mut self, root: Root) -> &mut Vec<Node> {
        match root {
            Root::Main => &mut self.main,
            Root::Sidebar => &mut self.sidebar,
        }
    }

    /// Apply a [`Delta::Set`]: put `element` at `path`, produced by run `run`.
    ///
    /// Missing parents are ignored (the delta is dropped with a log line): the
    /// runner always sends a container before its children.
    pub fn set(&mut self, path: &Path, element: Element, run: u64) {
        let Some((last, parents)) = path.indices.split_last() else {
            return;
        };
        let mut children = self.root_mut(path.root);
        for &index in parents {
            let Some(Node {
                element:
                    Element::Container {
                        children: inner, ..
                    },
                ..
            }) = children.get_mut(index as usize)
            else {
                log::warn!("delta for {path:?} has no parent container; dropped");
                return;
            };
            children = inner;
        }
        let last = *last as usize;
        let element = match (children.get_mut(last), element) {
            (
                Some(Node {
                    element:
                        Element::Container {
                            kind: old_kind,
                            children: old_children,
                        },
                    ..
                }),
                Element::Container {
                    kind,
                    children: new_children,
                },
            ) if same_container(old_kind, &kind) && new_children.is_empty() => Element::Container {
                kind,
                children: std::mem::take(old_children),
            },
            (_, element) => element,
        };
        let node = Node { element, run };
        if last < children.len() {
            children[last] = node;
        } else {
            // Indices are dense in a run; a gap can only come from a dropped
            // parent, so append rather than pad.
            children.push(node);
        }
    }

    /// Remove every node produced before run `run` (the end of a full run).
    pub fn prune_older_than(&mut self, run: u64) {
        fn prune(nodes: &mut Vec<Node>, run: u64) {
            nodes.retain(|node| node.run >= run);
            for node in nodes {
                if let Element::Container { children, .. } = &mut node.element {
                    prune(children, run);
                }
            }
        }
        prune(&mut self.main, run);
        prune(&mut self.sidebar, run);
    }

    /// Marks every node outside the container at `path` as produced by
    /// `run` (a fragment rerun leaves them current), and the container too.
    pub fn touch_outside(&mut self, path: &Path, run: u64) {
        fn touch(nodes: &mut [Node], inside: Option<&[u32]>, run: u64) {
            for (index, node) in nodes.iter_mut().enumerate() {
                let next = match inside {
                    Some([first, rest @ ..]) if *first as usize == index => Some(rest),
                    _ => None,
                };
                if next == Some(&[][..]) {
                    node.run = run;
                    continue;
                }
                node.run = run;
                if let Element::Container { children, .. } = &mut node.element {
                    touch(children, next, run);
                }
            }
        }
        touch(
            &mut self.main,
            (path.root == Root::Main).then_some(&path.indices[..]),
            run,
        );
        touch(
            &mut self.sidebar,
            (path.root == Root::Sidebar).then_some(&path.indices[..]),
            run,
        );
    }

    /// Remove nodes after `len` in a container (a placeholder rewritten with
    /// fewer elements, or the end of a fragment).
    pub fn truncate(&mut self, root: Root, parents: &[u32], len: usize) {
        let mut children = self.root_mut(root);
        for &index in parents {
            let Some(Node {
                element:
                    Element::Container {
                        children: inner, ..
                    },
                ..
            }) = children.get_mut(index as usize)
            else {
                return;
            };
            children = inner;
        }
        children.truncate(len);
    }

    /// Every node, depth first, in display order (main, then sidebar).
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut stack: Vec<&Node> = self
            .sidebar
            .iter()
            .rev()
            .chain(self.main.iter().rev())
            .collect();
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.element.children().iter().rev());
            Some(node)
        })
    }

    /// The tree as pretty RON, for tests and debugging.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .unwrap_or_else(|err| format!("<tree cannot be printed: {err}>"))
    }
}

fn same_container(a: &ContainerKind, b: &ContainerKind) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> Element {
        Element::Text {
            style: TextStyle::Text,
            body: body.into(),
        }
    }

    fn path(indices: &[u32]) -> Path {
        Path {
            root: Root::Main,
            indices: indices.to_vec(),
        }
    }

    #[test]
    fn set_keeps_stale_children_of_a_same_kind_container() {
        let mut tree = Tree::default();
        let form = Element::Container {
            kind: ContainerKind::Container { border: false },
            children: vec![],
        };
        tree.set(&path(&[0]), form.clone(), 1);
        tree.set(&path(&[0, 0]), text("a"), 1);
        tree.set(&path(&[0, 1]), text("b"), 1);
        tree.set(&path(&[0]), form, 2);
        tree.set(&path(&[0, 0]), text("c"), 2);
        let children = tree.main[0].element.children();
        assert_eq!(children.len(), 2);
        assert_eq!(
            children[0],
            Node {
                element: text("c"),
                run: 2
            }
        );
        assert_eq!(children[1].run, 1, "b is stale, still shown");
        tree.prune_older_than(2);
        assert_eq!(tree.main[0].element.children().len(), 1);
    }

    #[test]
    fn walk_is_display_order() {
        let mut tree = Tree::default();
        tree.set(&path(&[0]), text("a"), 1);
        tree.set(
            &path(&[1]),
            Element::Container {
                kind: ContainerKind::Placeholder,
                children: vec![],
            },
            1,
        );
        tree.set(&path(&[1, 0]), text("b"), 1);
        tree.set(
            &Path {
                root: Root::Sidebar,
                indices: vec![0],
            },
            text("s"),
            1,
        );
        let texts: Vec<_> = tree
            .walk()
            .filter_map(|n| match &n.element {
                Element::Text { body, .. } => Some(body.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a", "b", "s"]);
        assert!(tree.to_ron().contains("Placeholder"));
    }
}
