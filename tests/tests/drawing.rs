//! Issue 11, case 10: brook's drawing code never panics on any tree.
//!
//! A property test draws random element trees (containers nested, every
//! widget spec with random values: NaN, infinities, huge numbers, empty
//! options, positions past the options; tables and charts with ragged or
//! empty data) through the page code the window uses
//! ([`brook::widgets::page::page_ui`]) in a headless egui context, for a few
//! frames with the pointer pressed, dragged and released at random places.
//! It also checks that a frame without input sends no value: only the
//! person changes values. The plain regression tests below it pin each
//! panic the property found.

#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::cell::RefCell;
use std::sync::Arc;

use brook::element::{
    AlertLevel, ChartKind, ContainerKind, DeltaColor, Element, Node, StatusState, TextStyle, Tree,
    UploadedFile, Value, WidgetElement, WidgetId, WidgetSpec,
};
use brook::widgets::page::{PageLayout, page_ui};
use brook::widgets::render::UiMemory;
use brook_engine::Event;
use brook_engine::data::{ColumnConfig, ColumnFormat, Table, TableConfig};
use proptest::prelude::*;
use serde_json::Value as Json;

// ---------------------------------------------------------------- strategies

/// Floats a script or a corrupt tree can hold.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -1000.0..1000.0_f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(f64::MAX),
        1 => Just(f64::MIN),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(1e300),
        1 => any::<f64>(),
    ]
}

fn float32() -> impl Strategy<Value = f32> {
    prop_oneof![
        3 => -2.0..2.0_f32,
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(f32::NEG_INFINITY),
        1 => Just(f32::MAX),
        1 => Just(0.0),
        1 => any::<f32>(),
    ]
}

fn option_float() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(float())
}

/// Short text, sometimes empty, sometimes with markdown, wide characters
/// or control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ]{0,12}",
        1 => Just(String::new()),
        1 => "[*_`#\\-\\[\\]()!>|. \n]{0,16}",
        1 => "\\PC{0,8}",
        1 => Just("%.2f".to_owned()),
        1 => Just("%d%%".to_owned()),
        1 => Just("%s %e".to_owned()),
        1 => "[%.0-9a-zA-Z+# -]{0,6}",
    ]
}

fn index() -> impl Strategy<Value = usize> {
    prop_oneof![3 => 0..8_usize, 1 => Just(usize::MAX), 1 => any::<usize>()]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::None),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![any::<i64>(), -100..100_i64].prop_map(Value::Int),
        float().prop_map(Value::Float),
        text().prop_map(Value::Text),
        index().prop_map(Value::Index),
        prop::collection::vec(index(), 0..4).prop_map(Value::Indices),
        any::<[u8; 4]>().prop_map(Value::Color),
        prop::collection::vec((text(), prop::collection::vec(any::<u8>(), 0..16)), 0..3).prop_map(
            |files| Value::Files(
                files
                    .into_iter()
                    .map(|(name, bytes)| UploadedFile {
                        name,
                        bytes: bytes.into()
                    })
                    .collect()
            )
        ),
        (float(), float()).prop_map(|(a, b)| Value::Range([a, b])),
    ]
}

fn options() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..5)
}

fn format() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn date_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        Just("2024-02-29".to_owned()),
        Just("2024-13-45".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("-0001-01-01".to_owned()),
        text(),
    ])
}

fn spec() -> impl Strategy<Value = WidgetSpec> {
    prop_oneof![
        any::<bool>().prop_map(|primary| WidgetSpec::Button { primary }),
        any::<bool>().prop_map(|primary| WidgetSpec::FormSubmit { primary }),
        any::<bool>().prop_map(|toggle| WidgetSpec::Checkbox { toggle }),
        (float(), float(), float(), any::<bool>(), format()).prop_map(
            |(min, max, step, integer, format)| WidgetSpec::Slider {
                min,
                max,
                step,
                integer,
                format
            }
        ),
        (
            option_float(),
            option_float(),
            float(),
            any::<bool>(),
            format()
        )
            .prop_map(|(min, max, step, integer, format)| {
                WidgetSpec::NumberInput {
                    min,
                    max,
                    step,
                    integer,
                    format,
                }
            }),
        (text(), prop::option::of(index()), any::<bool>()).prop_map(
            |(placeholder, max_chars, password)| WidgetSpec::TextInput {
                placeholder,
                max_chars,
                password
            }
        ),
        (text(), prop::option::of(index()), index()).prop_map(|(placeholder, max_chars, rows)| {
            WidgetSpec::TextArea {
                placeholder,
                max_chars,
                rows: rows % 1000,
            }
        }),
        (options(), text()).prop_map(|(options, placeholder)| WidgetSpec::Selectbox {
            options,
            placeholder
        }),
        (options(), any::<bool>()).prop_map(|(options, horizontal)| WidgetSpec::Radio {
            options,
            horizontal
        }),
        (options(), text()).prop_map(|(options, placeholder)| WidgetSpec::Multiselect {
            options,
            placeholder
        }),
        options().prop_map(|options| WidgetSpec::SelectSlider { options }),
        options().prop_map(|options| WidgetSpec::SelectRangeSlider { options }),
        (float(), float(), float(), any::<bool>(), format()).prop_map(
            |(min, max, step, integer, format)| WidgetSpec::RangeSlider {
                min,
                max,
                step,
                integer,
                format
            }
        ),
        Just(WidgetSpec::ColorPicker),
        (
            prop::collection::vec(text(), 0..3),
            any::<bool>(),
            any::<u64>()
        )
            .prop_map(|(types, multiple, max_bytes)| WidgetSpec::FileUploader {
                types,
                multiple,
                max_bytes
            }),
        (date_text(), date_text(), any::<bool>(), text()).prop_map(|(min, max, range, format)| {
            WidgetSpec::DateInput {
                min,
                max,
                range,
                format,
            }
        }),
        any::<u32>().prop_map(|step_secs| WidgetSpec::TimeInput { step_secs }),
        prop::option::of(prop_oneof![Just("Europe/Paris".to_owned()), text()])
            .prop_map(|zone| WidgetSpec::DateTimeInput { zone }),
        (text(), prop::collection::vec(any::<u8>(), 0..8)).prop_map(|(file_name, data)| {
            WidgetSpec::DownloadButton {
                file_name,
                data: data.into(),
            }
        }),
    ]
}

/// A widget with a value that may or may not fit its spec.
fn widget() -> impl Strategy<Value = Element> {
    (
        spec(),
        value(),
        text(),
        prop::option::of(text()),
        any::<bool>(),
        prop::option::of(text()),
        0..4_u32,
    )
        .prop_map(|(spec, value, label, help, disabled, form, id)| {
            Element::Widget(WidgetElement {
                id: WidgetId(format!("w{id}-{label}")),
                key: None,
                label,
                help,
                disabled,
                form,
                spec,
                value,
            })
        })
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        float().prop_map(Json::from),
        text().prop_map(Json::String),
        Just(Json::String("2024-01-31".into())),
        Just(Json::String("2024-01-31T12:30:00Z".into())),
    ];
    leaf.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Json::Array),
            prop::collection::vec((text(), inner), 0..3)
                .prop_map(|pairs| Json::Object(pairs.into_iter().collect())),
        ]
    })
}

/// One typed Arrow column of `rows` values, nulls anywhere: integers,
/// floats (NaN and infinities too), booleans, text, dates, naive and
/// zone-aware timestamps (named zones and offsets, extreme instants),
/// durations, lists.
fn column(rows: usize) -> impl Strategy<Value = brook::data::arrow::array::ArrayRef> {
    use brook::data::arrow::array::{
        ArrayRef, BooleanArray, Date32Array, DurationMillisecondArray, Float64Array, Int64Array,
        ListArray, StringViewArray, TimestampMicrosecondArray, types::Int64Type,
    };
    fn values<S: Strategy>(s: S, rows: usize) -> prop::collection::VecStrategy<S> {
        prop::collection::vec(s, rows)
    }
    prop_oneof![
        values(prop::option::of(any::<i64>()), rows)
            .prop_map(|v| Arc::new(Int64Array::from(v)) as ArrayRef),
        values(prop::option::of(float()), rows)
            .prop_map(|v| Arc::new(Float64Array::from(v)) as ArrayRef),
        values(prop::option::of(any::<bool>()), rows)
            .prop_map(|v| Arc::new(BooleanArray::from(v)) as ArrayRef),
        values(prop::option::of(text()), rows)
            .prop_map(|v| Arc::new(StringViewArray::from(v)) as ArrayRef),
        values(prop::option::of(any::<i32>()), rows)
            .prop_map(|v| Arc::new(Date32Array::from(v)) as ArrayRef),
        (
            values(prop::option::of(any::<i64>()), rows),
            prop_oneof![
                Just(None),
                Just(Some("Europe/Oslo")),
                Just(Some("+05:30")),
                Just(Some("UTC")),
                Just(Some("not a zone")),
            ]
        )
            .prop_map(|(v, tz)| {
                let array = TimestampMicrosecondArray::from(v);
                Arc::new(match tz {
                    Some(tz) => array.with_timezone(tz),
                    None => array,
                }) as ArrayRef
            }),
        values(prop::option::of(any::<i64>()), rows)
            .prop_map(|v| Arc::new(DurationMillisecondArray::from(v)) as ArrayRef),
        values(
            prop::option::of(prop::collection::vec(prop::option::of(any::<i64>()), 0..3)),
            rows
        )
        .prop_map(|v| Arc::new(ListArray::from_iter_primitive::<Int64Type, _, _>(v)) as ArrayRef),
    ]
}

/// A table of 0 to 5 rows and 0 to 4 typed columns (names may repeat).
fn table() -> impl Strategy<Value = Table> {
    (0usize..6, 0usize..5).prop_flat_map(|(rows, columns)| {
        prop::collection::vec((text(), column(rows)), columns).prop_map(move |columns| {
            use brook::data::arrow::array::RecordBatch;
            use brook::data::arrow::schema::{Field, Schema};
            let fields: Vec<Field> = columns
                .iter()
                .map(|(name, array)| Field::new(name, array.data_type().clone(), true))
                .collect();
            let arrays = columns.into_iter().map(|(_, array)| array).collect();
            let options =
                brook::data::arrow::array::RecordBatchOptions::new().with_row_count(Some(rows));
            RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), arrays, &options)
                .map_or_else(|_| Table::default(), Table::from)
        })
    })
}

/// Settings for some of a table's columns, formats of every kind whether
/// or not they fit the column's type.
fn table_config(table: &Table) -> impl Strategy<Value = TableConfig> + use<> {
    let names: Vec<String> = table.column_names().map(str::to_owned).collect();
    let format = prop_oneof![
        text().prop_map(ColumnFormat::Printf),
        Just(ColumnFormat::Printf("%.2f".into())),
        (prop::option::of(0u8..40), any::<bool>()).prop_map(|(decimals, thousands)| {
            ColumnFormat::Number {
                decimals,
                thousands,
            }
        }),
        (0u8..40).prop_map(|decimals| ColumnFormat::Percent { decimals }),
        (text(), any::<bool>(), 0u8..40).prop_map(|(symbol, after, decimals)| {
            ColumnFormat::Currency {
                symbol,
                after,
                decimals,
            }
        }),
        text().prop_map(ColumnFormat::DateTime),
        Just(ColumnFormat::DateTime("%d %b %Y %H:%M %Z".into())),
        Just(ColumnFormat::Checkmark),
        (float(), float()).prop_map(|(min, max)| ColumnFormat::Progress { min, max }),
        prop::option::of(text()).prop_map(|display_text| ColumnFormat::Link { display_text }),
    ];
    let config = (
        prop::option::of(text()),
        any::<bool>(),
        prop::option::of(prop_oneof![
            Just(-5.0f32),
            Just(0.0),
            Just(80.0),
            Just(f32::NAN)
        ]),
        prop::option::of(format),
    )
        .prop_map(|(label, hidden, width, format)| ColumnConfig {
            label,
            hidden,
            width,
            align: None,
            format,
            help: None,
            ..ColumnConfig::default()
        });
    let settings = if names.is_empty() {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec((prop::sample::select(names), config), 0..4).boxed()
    };
    (
        settings,
        any::<bool>(),
        prop::option::of(prop_oneof![Just(0.0f32), Just(50.0), Just(f32::INFINITY)]),
    )
        .prop_map(|(columns, hide_index, height)| TableConfig {
            columns,
            hide_index,
            height,
        })
}

fn leaf() -> impl Strategy<Value = Element> {
    prop_oneof![
        3 => widget(),
        1 => (
            prop_oneof![
                Just(TextStyle::Title),
                Just(TextStyle::Header),
                Just(TextStyle::Subheader),
                Just(TextStyle::Markdown),
                Just(TextStyle::Text),
                Just(TextStyle::Caption),
            ],
            text()
        )
            .prop_map(|(style, body)| Element::Text { style, body }),
        1 => (text(), prop::option::of(text()))
            .prop_map(|(code, language)| Element::Code { code, language }),
        1 => Just(Element::Divider),
        1 => (
            prop_oneof![
                Just(AlertLevel::Success),
                Just(AlertLevel::Info),
                Just(AlertLevel::Warning),
                Just(AlertLevel::Error),
            ],
            text()
        )
            .prop_map(|(level, body)| Element::Alert { level, body }),
        1 => (text(), prop::option::of(text()))
            .prop_map(|(message, location)| Element::Exception { message, location }),
        1 => (table(), any::<bool>())
            .prop_flat_map(|(table, interactive)| {
                let config = table_config(&table);
                (Just(table), Just(interactive), config)
            })
            .prop_map(|(table, interactive, config)| Element::Table {
                table,
                interactive,
                config,
            }),
        2 => (
            prop_oneof![
                Just(ChartKind::Line),
                Just(ChartKind::Bar),
                Just(ChartKind::Area),
                Just(ChartKind::Scatter),
            ],
            table(),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
            any::<bool>(),
        )
            .prop_map(|(kind, table, x, y, use_columns)| {
                // Half the charts name the table's own columns.
                let names: Vec<String> = table.column_names().map(str::to_owned).collect();
                let (x, y) = if use_columns && !names.is_empty() {
                    (names.first().cloned(), names)
                } else {
                    (x, y)
                };
                Element::Chart { kind, table, x, y }
            }),
        1 => (
            text(),
            text(),
            prop::option::of(prop_oneof![text(), Just("-3".to_owned()), Just("+2%".to_owned())]),
            prop_oneof![
                Just(DeltaColor::Normal),
                Just(DeltaColor::Inverse),
                Just(DeltaColor::Off),
            ]
        )
            .prop_map(|(label, value, delta, delta_color)| Element::Metric {
                label,
                value,
                delta,
                delta_color
            }),
        1 => (json(), any::<bool>()).prop_map(|(value, expanded)| Element::Json { value, expanded }),
        1 => (
            text(),
            prop::option::of(prop::collection::vec(any::<u8>(), 0..32)),
            prop::option::of(text()),
            prop::option::of(float32()),
        )
            .prop_map(|(uri, bytes, caption, width)| Element::Image {
                uri: format!("bytes://{uri}"),
                bytes: bytes.map(Into::into),
                caption,
                width,
            }),
        1 => (float32(), prop::option::of(text()))
            .prop_map(|(fraction, text)| Element::Progress { fraction, text }),
        1 => text().prop_map(|body| Element::Toast { body }),
        1 => (text(), text()).prop_map(|(label, url)| Element::LinkButton { label, url }),
    ]
}

fn container_kind() -> impl Strategy<Value = ContainerKind> {
    prop_oneof![
        any::<bool>().prop_map(|border| ContainerKind::Container { border }),
        prop::collection::vec(float32(), 0..4)
            .prop_map(|weights| ContainerKind::Columns { weights }),
        Just(ContainerKind::Column),
        (text(), any::<bool>())
            .prop_map(|(label, expanded)| ContainerKind::Expander { label, expanded }),
        text().prop_map(|name| ContainerKind::Fragment { name }),
        (text(), any::<bool>()).prop_map(|(key, border)| ContainerKind::Form { key, border }),
        Just(ContainerKind::Placeholder),
        prop::collection::vec(text(), 0..4).prop_map(|labels| ContainerKind::Tabs { labels }),
        Just(ContainerKind::Tab),
        text().prop_map(|label| ContainerKind::Popover { label }),
        text().prop_map(|title| ContainerKind::Dialog { title }),
        (
            text(),
            prop_oneof![
                Just(StatusState::Running),
                Just(StatusState::Complete),
                Just(StatusState::Error),
            ],
            any::<bool>()
        )
            .prop_map(|(label, state, expanded)| ContainerKind::Status {
                label,
                state,
                expanded
            }),
    ]
}

fn node(element: Element, run: u64) -> Node {
    Node { element, run }
}

fn element() -> impl Strategy<Value = Element> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        (
            container_kind(),
            prop::collection::vec((inner, 0..3_u64), 0..6),
        )
            .prop_map(|(kind, children)| Element::Container {
                kind,
                children: children
                    .into_iter()
                    .map(|(element, run)| node(element, run))
                    .collect(),
            })
    })
}

fn tree() -> impl Strategy<Value = Tree> {
    (
        prop::collection::vec((element(), 0..3_u64), 0..8),
        prop::collection::vec((element(), 0..3_u64), 0..3),
    )
        .prop_map(|(main, sidebar)| Tree {
            main: main.into_iter().map(|(e, run)| node(e, run)).collect(),
            sidebar: sidebar.into_iter().map(|(e, run)| node(e, run)).collect(),
        })
}

/// What the person does in the frames after the first: press at one
/// place, drag to another, release there.
#[derive(Clone, Debug)]
struct Gesture {
    size: egui::Vec2,
    press: egui::Pos2,
    release: egui::Pos2,
    wide: bool,
    run: u64,
}

fn gesture() -> impl Strategy<Value = Gesture> {
    (
        // From the smallest window brook opens (360 x 240).
        (360.0..1600.0_f32, 240.0..1000.0_f32),
        (0.0..1.0_f32, 0.0..1.0_f32),
        (0.0..1.0_f32, 0.0..1.0_f32),
        any::<bool>(),
        0..3_u64,
    )
        .prop_map(|((w, h), (px, py), (rx, ry), wide, run)| Gesture {
            size: egui::vec2(w, h),
            press: egui::pos2(px * w, py * h),
            release: egui::pos2(rx * w, ry * h),
            wide,
            run,
        })
}

// ------------------------------------------------------------------ drawing

/// A context as the window has: brook's fonts installed.
fn context() -> egui::Context {
    let ctx = egui::Context::default();
    brook::widgets::fonts::install(&ctx);
    ctx
}

thread_local! {
    /// One context for the trees, as one window draws many trees; a new one
    /// after a panic (egui's root ui stays borrowed then).
    static CONTEXT: RefCell<Option<egui::Context>> = const { RefCell::new(None) };
}

/// Draws `tree` for one frame with `input`; returns the events the page
/// sent.
fn frame(
    ctx: &egui::Context,
    memory: &mut UiMemory,
    tree: &Tree,
    gesture: &Gesture,
    input: Vec<egui::Event>,
) -> Vec<Event> {
    let mut sent = Vec::new();
    let raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, gesture.size)),
        events: input,
        ..Default::default()
    };
    let mut output = ctx.run_ui(raw, |ui| {
        let _ = page_ui(
            ui,
            tree,
            memory,
            gesture.run,
            PageLayout { wide: gesture.wide },
            &mut sent,
        );
    });
    // A window hands these to its renderer; drop them, and tessellate the
    // shapes as a window does.
    output.textures_delta.clear();
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    sent
}

fn pointer(pos: egui::Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}

/// Draws `tree` as a window would over a press, a drag and a release.
/// Returns the events sent by the first frame (no input).
fn draw(tree: &Tree, gesture: &Gesture) -> Vec<Event> {
    let ctx = CONTEXT
        .with(|c| c.borrow_mut().take())
        .unwrap_or_else(context);
    let mut memory = UiMemory::default();
    let first = frame(&ctx, &mut memory, tree, gesture, Vec::new());
    let press = vec![
        egui::Event::PointerMoved(gesture.press),
        pointer(gesture.press, true),
    ];
    let drag = vec![egui::Event::PointerMoved(gesture.release)];
    let release = vec![
        pointer(gesture.release, false),
        egui::Event::Key {
            key: egui::Key::ArrowRight,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        },
    ];
    for input in [press, drag, release, vec![egui::Event::PointerGone]] {
        frame(&ctx, &mut memory, tree, gesture, input);
    }
    CONTEXT.with(|c| *c.borrow_mut() = Some(ctx));
    first
}

/// The values among `events` (not clicks).
fn values_sent(events: &[Event]) -> Vec<&Event> {
    events
        .iter()
        .filter(|e| matches!(e, Event::WidgetChanged { .. }))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    // Issue 11, case 10
    #[test]
    fn any_tree_is_drawn_without_a_panic_and_without_sending_a_value_unasked(
        tree in tree(),
        gesture in gesture(),
    ) {
        let first = draw(&tree, &gesture);
        let sent = values_sent(&first);
        prop_assert!(sent.is_empty(), "a frame without input sent {sent:?}");
    }
}

// ------------------------------------------------- regressions the property found

/// A gesture over the whole of a 800 x 600 window: a press near the top
/// left, dragged to the right.
fn sweep() -> Gesture {
    Gesture {
        size: egui::vec2(800.0, 600.0),
        press: egui::pos2(40.0, 40.0),
        release: egui::pos2(600.0, 60.0),
        wide: false,
        run: 0,
    }
}

fn tree_of(elements: Vec<Element>) -> Tree {
    Tree {
        main: elements.into_iter().map(|e| node(e, 0)).collect(),
        sidebar: Vec::new(),
    }
}

fn widget_of(label: &str, spec: WidgetSpec, value: Value) -> Element {
    Element::Widget(WidgetElement {
        id: WidgetId(label.to_owned()),
        key: None,
        label: label.to_owned(),
        help: None,
        disabled: false,
        form: None,
        spec,
        value,
    })
}

// Issue 11, case 10 (rows cannot be ragged on Arrow; issue 12 asks for
// rows without columns instead)
#[test]
fn a_table_of_rows_without_columns_is_drawn() {
    use brook::data::arrow::array::{RecordBatch, RecordBatchOptions};
    use brook::data::arrow::schema::Schema;
    let options = RecordBatchOptions::new().with_row_count(Some(3));
    let batch = RecordBatch::try_new_with_options(Arc::new(Schema::empty()), vec![], &options)
        .map_or_else(|_| Table::default(), Table::from);
    assert_eq!(batch.len(), 3);
    for interactive in [false, true] {
        draw(
            &tree_of(vec![Element::Table {
                table: batch.clone(),
                interactive,
                config: TableConfig::default(),
            }]),
            &sweep(),
        );
    }
}

// Issue 11, case 10
#[test]
fn column_weights_that_are_not_positive_numbers_or_are_huge_count_as_one() {
    for weights in [
        vec![f32::NAN, 1.0],
        vec![-2.0, 1.0],
        vec![f32::INFINITY],
        vec![f32::MAX, 0.0],
        vec![f32::MAX, f32::MAX],
    ] {
        let children = weights
            .iter()
            .map(|_| {
                node(
                    Element::Container {
                        kind: ContainerKind::Column,
                        children: vec![node(
                            Element::Text {
                                style: TextStyle::Text,
                                body: "x".into(),
                            },
                            0,
                        )],
                    },
                    0,
                )
            })
            .collect();
        draw(
            &tree_of(vec![Element::Container {
                kind: ContainerKind::Columns { weights },
                children,
            }]),
            &sweep(),
        );
    }
}

// Issue 11, case 10
#[test]
fn an_image_width_that_is_not_a_positive_number_is_the_available_width() {
    for width in [f32::NAN, -5.0, f32::NEG_INFINITY, f32::INFINITY] {
        draw(
            &tree_of(vec![Element::Image {
                uri: "bytes://x".into(),
                bytes: Some(vec![1, 2, 3].into()),
                caption: None,
                width: Some(width),
            }]),
            &sweep(),
        );
    }
}

fn chart_of(values: &[f64]) -> Element {
    use brook::data::arrow::array::{ArrayRef, Float64Array, RecordBatch};
    let column = || Arc::new(Float64Array::from(values.to_vec())) as ArrayRef;
    Element::Chart {
        kind: ChartKind::Line,
        table: RecordBatch::try_from_iter([("x", column()), ("y", column())])
            .map_or_else(|_| Table::default(), Table::from),
        x: Some("x".into()),
        y: vec!["y".into()],
    }
}

// Issue 12: Arrow float columns may hold NaN and infinities, which JSON
// cells could not.
#[test]
fn a_chart_of_nan_and_infinite_values_is_drawn() {
    for kind in [
        ChartKind::Line,
        ChartKind::Area,
        ChartKind::Bar,
        ChartKind::Scatter,
    ] {
        for values in [
            vec![
                f64::NAN,
                1.0,
                f64::INFINITY,
                2.0,
                f64::NEG_INFINITY,
                f64::NAN,
            ],
            vec![f64::NAN; 5],
            vec![f64::INFINITY, f64::NEG_INFINITY],
        ] {
            let Element::Chart { table, x, y, .. } = chart_of(&values) else {
                unreachable!()
            };
            draw(
                &tree_of(vec![Element::Chart { kind, table, x, y }]),
                &sweep(),
            );
        }
    }
}

// Issue 11, case 10
#[test]
fn a_chart_of_one_huge_value_is_drawn() {
    for kind in [
        ChartKind::Line,
        ChartKind::Area,
        ChartKind::Bar,
        ChartKind::Scatter,
    ] {
        let Element::Chart { table, x, y, .. } = chart_of(&[-8_753_208_995_134_580.0]) else {
            unreachable!()
        };
        draw(
            &tree_of(vec![Element::Chart { kind, table, x, y }]),
            &sweep(),
        );
    }
}

// Issue 11, case 10
#[test]
fn a_chart_with_values_too_large_to_draw_says_so() {
    draw(
        &tree_of(vec![chart_of(&[-f64::MAX, f64::MAX, 1.0])]),
        &sweep(),
    );
    draw(&tree_of(vec![chart_of(&[0.0, 1e308])]), &sweep());
}

fn slider(min: f64, max: f64, step: f64) -> WidgetSpec {
    WidgetSpec::Slider {
        min,
        max,
        step,
        integer: false,
        format: None,
    }
}

// Issue 11, case 10
#[test]
fn numeric_widgets_with_nan_infinite_or_reversed_bounds_are_drawn_without_a_panic() {
    let bounds = [
        (f64::NAN, f64::NAN),
        (0.0, f64::NAN),
        (f64::NEG_INFINITY, f64::INFINITY),
        (10.0, 1.0),
        (f64::MIN, f64::MAX),
    ];
    for (min, max) in bounds {
        for step in [1.0, 0.0, -1.0, f64::NAN] {
            let elements = vec![
                widget_of("s", slider(min, max, step), Value::Float(min)),
                widget_of(
                    "r",
                    WidgetSpec::RangeSlider {
                        min,
                        max,
                        step,
                        integer: false,
                        format: None,
                    },
                    Value::Range([min, max]),
                ),
                widget_of(
                    "n",
                    WidgetSpec::NumberInput {
                        min: Some(min),
                        max: Some(max),
                        step,
                        integer: true,
                        format: Some("%d".into()),
                    },
                    Value::Float(f64::NAN),
                ),
            ];
            draw(&tree_of(elements), &sweep());
        }
    }
}

// Issue 11, case 10
#[test]
fn values_off_the_steps_or_past_the_options_are_drawn_and_not_sent_unasked() {
    let elements = vec![
        widget_of("s", slider(0.0, 100.0, 10.0), Value::Float(55.0)),
        widget_of(
            "r",
            WidgetSpec::RangeSlider {
                min: 0.0,
                max: 100.0,
                step: 10.0,
                integer: false,
                format: None,
            },
            Value::Range([55.0, 200.0]),
        ),
        widget_of(
            "o",
            WidgetSpec::SelectSlider {
                options: vec!["a".into(), "b".into()],
            },
            Value::Index(usize::MAX),
        ),
        widget_of(
            "p",
            WidgetSpec::SelectRangeSlider {
                options: vec!["a".into(), "b".into()],
            },
            Value::Range([f64::NAN, 9.0]),
        ),
    ];
    let gesture = Gesture {
        press: egui::pos2(799.0, 599.0),
        release: egui::pos2(799.0, 599.0),
        ..sweep()
    };
    let sent = draw(&tree_of(elements), &gesture);
    assert!(values_sent(&sent).is_empty(), "{sent:?}");
}
