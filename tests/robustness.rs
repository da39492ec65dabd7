//! No input panics or hangs the generator: deep nesting, self-reference, and mutated specs
//! (property tests over structural mutations of real documents).

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
        // Any outcome is fine except a panic (which fails the test).
        let _ = generate(&doc);
    }
}
