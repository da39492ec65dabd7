//! No input panics, hangs or trips an internal error in the generator: deep nesting,
//! self-reference, and mutated specs (property tests over structural mutations of real
//! documents, and over scalars given another JSON type).

use boltz_codegen::{generate_str, Options};
use proptest::prelude::*;
use serde_json::{json, Value};

fn generate(doc: &Value) -> Result<boltz_codegen::Generated, boltz_codegen::Error> {
    generate_str(
        "mutated.json",
        &doc.to_string(),
        &Options::default(),
        "(test)",
    )
}

fn nested(levels: usize) -> Value {
    let mut schema = json!({"type": "string"});
    for i in 0..levels {
        schema = json!({"type": "object", "properties": {format!("p{i}"): schema}});
    }
    json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
           "components": {"schemas": {"Deep": schema}}})
}

#[test]
fn deeply_nested_inline_schemas_are_bounded() {
    // Deeper than the generator follows: typed as serde_json::Value below the bound, with a warning.
    let generated = generate(&nested(40)).expect("generates with a warning");
    assert!(
        generated
            .warnings
            .iter()
            .any(|w| w.message.contains("nests deeper than 32 levels")),
        "{:#?}",
        generated.warnings
    );
    // Deeper than the JSON parser allows: a clear error, not a stack overflow.
    let err = generate(&nested(400)).unwrap_err();
    let d = &err.diagnostics()[0];
    assert!(d.message.contains("recursion limit"), "{d}");
    assert!(d.help.as_deref().unwrap().contains("nests deeper"), "{d}");
}

#[test]
fn deeply_nested_arrays_and_all_of_are_bounded() {
    let mut schema = json!({"$ref": "#/components/schemas/Leaf"});
    for _ in 0..300 {
        schema = json!({"allOf": [{"type": "array", "items": schema}]});
    }
    let doc = json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
                     "components": {"schemas": {"Leaf": {"type": "string"}, "Deep": schema}}});
    let _ = generate(&doc);
}

#[test]
fn self_referencing_schemas_are_boxed() {
    let doc = json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Node": {"type": "object", "required": ["next", "value"], "properties": {
                "value": {"type": "integer"},
                "next": {"oneOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
            }},
            "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
            "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}},
            "List": {"type": "array", "items": {"$ref": "#/components/schemas/List"}}
        }}
    });
    let generated = generate(&doc).expect("generates");
    let models = generated
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/models/"))
        .map(|(_, t)| t.as_str())
        .collect::<String>();
    assert!(models.contains("pub next: Option<Box<Node>>"), "{models}");
    assert!(
        models.contains("pub children: Option<Vec<Node>>"),
        "{models}"
    );
    assert!(
        models.contains("Option<Box<B>>") || models.contains("Option<Box<A>>"),
        "{models}"
    );
    assert!(
        models.contains("pub struct List(pub Vec<List>);"),
        "{models}"
    );
}

/// Real documents to mutate: the Boltz spec and a few small corpus specs.
fn seeds() -> Vec<Value> {
    let mut out = Vec::new();
    let boltz = std::fs::read_to_string("spec/boltz-api.yaml").unwrap();
    out.push(
        serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&boltz).unwrap()).unwrap(),
    );
    for name in [
        "ably.io_platform.json",
        "nexmo.com_dispatch.json",
        "listennotes.com.json",
        "keyserv.solutions.json",
    ] {
        let path = format!("../shared/corpus/specs/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        out.push(serde_json::from_str(&text).unwrap());
    }
    out
}

/// Every node of a document, by JSON pointer.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Values that break schemas in interesting ways.
fn replacement(kind: u8) -> Value {
    match kind % 12 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!("#/components/schemas/Nope"),
        4 => json!({"$ref": "#/components/schemas/Nope"}),
        5 => json!({"$ref": "#"}),
        6 => json!({"type": ["string", "null", "integer"]}),
        7 => json!({"oneOf": [{"type": "null"}]}),
        8 => json!({"allOf": []}),
        9 => json!([]),
        10 => json!({"type": "object", "additionalProperties": {"$ref": "#/paths"}}),
        _ => json!({"enum": [null, 1, "a", {"x": 1}], "const": [1]}),
    }
}

/// A scalar of another JSON type than `v`: an integer where a string is expected, a string
/// where a bool or a number is, a float where an integer is, null, or a container.
fn retyped(v: &Value, kind: u8) -> Value {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let options: [Value; 4] = match v {
        Value::String(_) => [json!(42), json!(true), json!(-1.5), json!([text])],
        Value::Bool(b) => [json!(text), json!(i32::from(*b)), Value::Null, json!({})],
        Value::Number(n) if n.is_f64() => [json!(text), json!(false), json!(1), json!([])],
        Value::Number(_) => [json!(text), json!(true), json!(0.5), json!(u64::MAX)],
        Value::Null => [json!("null"), json!(0), json!(false), json!([])],
        Value::Array(_) | Value::Object(_) => [json!("x"), json!(1), json!(true), Value::Null],
    };
    options[usize::from(kind) % options.len()].clone()
}

/// Keys whose values the generator reads closely: types, formats, enums, examples, defaults,
/// bounds, flags, names. A pointer ending in one of them, or in an item of one of them.
const READ_KEYS: &[&str] = &[
    "type",
    "format",
    "enum",
    "const",
    "example",
    "examples",
    "default",
    "nullable",
    "required",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "pattern",
    "readOnly",
    "writeOnly",
    "deprecated",
    "additionalProperties",
    "propertyName",
    "mapping",
    "style",
    "explode",
    "in",
    "name",
    "operationId",
    "$ref",
    "openapi",
    "title",
    "version",
    "url",
    "x-sdk",
    "x-sdk-resource",
    "x-sdk-method",
    "crate-name",
    "env-prefix",
    "key-prefixes",
    "summary",
    "description",
];

fn is_read_key(pointer: &str) -> bool {
    let mut segments = pointer.rsplit('/');
    let last = segments.next().unwrap_or_default();
    let parent = segments.next().unwrap_or_default();
    READ_KEYS.contains(&last) || (last.parse::<usize>().is_ok() && READ_KEYS.contains(&parent))
}

/// Generation may fail, with diagnostics, but not with an internal error (a bug: emitted code
/// that does not parse, for one); a panic fails the test by itself.
fn assert_no_internal_error(doc: &Value) -> Result<(), TestCaseError> {
    if let Err(e) = generate(doc) {
        let internal: Vec<String> = e
            .diagnostics()
            .iter()
            .filter(|d| d.message.contains("internal error"))
            .map(ToString::to_string)
            .collect();
        prop_assert!(internal.is_empty(), "{}", internal.join("\n"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_specs_never_panic(seed in 0usize..5, picks in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let seeds = seeds();
        let mut doc = seeds[seed].clone();
        for (index, kind) in picks {
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let target = index.get(&all).clone();
            if target.is_empty() {
                continue;
            }
            if let Some(node) = doc.pointer_mut(&target) {
                *node = replacement(kind);
            }
        }
        assert_no_internal_error(&doc)?;
    }

    #[test]
    fn retyped_scalars_never_break_the_generator(seed in 0usize..5, picks in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<bool>()), 1..6)) {
        let seeds = seeds();
        let mut doc = seeds[seed].clone();
        for (index, kind, anywhere) in picks {
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            // Half of the picks go to the values the generator reads closely.
            if !anywhere {
                all.retain(|p| is_read_key(p));
            }
            all.retain(|p| !p.is_empty());
            if all.is_empty() {
                continue;
            }
            let target = index.get(&all).clone();
            if let Some(node) = doc.pointer_mut(&target) {
                *node = retyped(node, kind);
            }
        }
        assert_no_internal_error(&doc)?;
    }
}

/// Microsoft Graph's deep paths once named a file after 250+ characters (`File name too long`,
/// os error 36). Names are cut with a stable hash suffix: no component over 100 bytes, no path
/// over 200, and two long paths sharing their first words still get two files.
#[test]
fn long_paths_give_short_distinct_file_names() {
    let deep = "/users/{user-id}/mailFolders/{mailFolder-id}/childFolders/{mailFolder-id1}\
                /messages/{message-id}/attachments/{attachment-id}/microsoft.graph.itemAttachment\
                /item/microsoft.graph.calendarSharingMessage/extensions/{extension-id}\
                /multiValueExtendedProperties/{property-id}/singleValueExtendedProperties";
    let op = |id: &str| {
        json!({"get": {"operationId": id, "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"type": "object",
                "properties": {"value": {"type": "array", "items": {"type": "object",
                    "properties": {"id": {"type": "string"}}}}}}}}}}}})
    };
    let doc = json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
        "paths": {deep: op("a"), format!("{deep}Values"): op("b")}});
    let first = generate(&doc).expect("generates");
    let long: Vec<&String> = first
        .files
        .keys()
        .filter(|p| p.len() > 200 || p.split('/').any(|c| c.len() > 100))
        .collect();
    assert!(long.is_empty(), "too long: {long:?}");
    let resources = |g: &boltz_codegen::Generated| -> Vec<String> {
        g.files
            .keys()
            .filter(|p| p.starts_with("src/resources/"))
            .cloned()
            .collect()
    };
    let names = resources(&first);
    let deep_files = names.iter().filter(|p| p.len() > 60).count();
    assert!(deep_files >= 2, "both deep resources get a file: {names:?}");
    assert_eq!(
        names,
        resources(&generate(&doc).expect("generates")),
        "stable"
    );
}
