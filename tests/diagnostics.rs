//! Broken inputs give diagnostics that name the file, the JSON pointer (and the line when
//! known) and what to change; none panics.

use boltz_codegen::{generate_str, Diagnostic, Options, Severity};

fn errors(name: &str, text: &str) -> Vec<Diagnostic> {
    match generate_str(name, text, &Options::default(), "(test)") {
        Ok(_) => panic!("{name} generated, but should not have"),
        Err(e) => e.diagnostics().to_vec(),
    }
}

fn only(diags: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(diags.len(), 1, "{diags:#?}");
    &diags[0]
}

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

#[test]
fn swagger_2_is_refused() {
    let d = errors(
        "petstore.json",
        r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
    );
    let d = only(&d);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.file, "petstore.json");
    assert_eq!(d.pointer, "/swagger");
    assert!(
        d.message.contains("Swagger 2.0 is not supported"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("convert"), "{d}");
}

#[test]
fn invalid_yaml_names_the_line() {
    let text = format!("{HEAD}paths:\n  /a:\n    get: [unclosed\n");
    let d = errors("broken.yaml", &text);
    let d = only(&d);
    assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
    assert!(d.line.is_some_and(|l| l >= 5), "{d:?}");
    assert!(d.to_string().contains("broken.yaml:"), "{d}");
}

#[test]
fn invalid_json_names_the_line() {
    let d = errors(
        "broken.json",
        "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\n}}}\n",
    );
    let d = only(&d);
    assert!(d.message.starts_with("invalid JSON"), "{}", d.message);
    assert_eq!(d.line, Some(4));
}

#[test]
fn dangling_ref_names_its_pointer() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Missing'}}\n"
    );
    let d = errors("s.yaml", &text);
    let d = only(&d);
    assert_eq!(
        d.pointer,
        "/paths/~1a/get/responses/200/content/application~1json/schema"
    );
    assert!(
        d.message
            .contains("`#/components/schemas/Missing` points at nothing"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("Missing"));
}

#[test]
fn a_dangling_response_ref_is_reported_once() {
    let text = format!("{HEAD}paths:\n  /things:\n    get:\n      responses:\n        '200': {{$ref: '#/components/responses/Gone'}}\n");
    let d = errors("s.yaml", &text);
    let d = only(&d);
    assert_eq!(d.pointer, "/paths/~1things/get/responses/200");
    assert_eq!(d.line, Some(7), "{d}");
}

#[test]
fn dangling_parameter_ref() {
    let text = format!("{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/Nope'\n      responses: {{'204': {{description: none}}}}\n");
    let d = errors("s.yaml", &text);
    let d = only(&d);
    assert_eq!(d.pointer, "/paths/~1a/get/parameters/0");
    assert!(d.message.contains("points at nothing"));
}

#[test]
fn cyclic_by_value_refs_are_reported() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/B'}}\n    B: {{$ref: '#/components/schemas/A'}}\n"
    );
    let d = errors("s.yaml", &text);
    assert!(!d.is_empty());
    assert!(
        d.iter()
            .all(|d| d.pointer.starts_with("/components/schemas/")),
        "{d:#?}"
    );
    assert!(d[0].message.contains("alias of itself"), "{}", d[0].message);
}

#[test]
fn self_including_all_of_is_reported() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - type: object\n          properties: {{x: {{type: string}}}}\n"
    );
    let d = errors("s.yaml", &text);
    assert_eq!(d[0].pointer, "/components/schemas/A/allOf/0");
    assert!(d[0].message.contains("includes itself"), "{}", d[0].message);
}

#[test]
fn unhandled_schema_type_is_a_warning_and_strict_makes_it_an_error() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Upload:\n      type: object\n      properties:\n        data: {{type: file}}\n"
    );
    let generated = generate_str("s.yaml", &text, &Options::default(), "(test)")
        .expect("generates with a warning");
    let w = only(&generated.warnings);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.pointer, "/components/schemas/Upload/properties/data/type");
    assert!(
        w.message.contains("unknown schema type \"file\""),
        "{}",
        w.message
    );
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let err = generate_str("s.yaml", &text, &strict, "(test)").unwrap_err();
    assert_eq!(only(err.diagnostics()).severity, Severity::Error);
}

#[test]
fn wrong_shapes_name_the_node_and_line() {
    let text = format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: [not, a, string]\n");
    let d = errors("s.yaml", &text);
    let d = only(&d);
    assert!(d.pointer.starts_with("/paths/~1a/get/responses"), "{d:?}");
    assert!(
        d.message.starts_with("not a valid OpenAPI document"),
        "{}",
        d.message
    );
    assert_eq!(d.line, Some(8));
}

#[test]
fn missing_version_and_external_refs() {
    let d = errors("s.yaml", "info: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(only(&d).pointer, "/openapi");
    let text =
        format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'other.yaml#/B'}}\n");
    let d = errors("s.yaml", &text);
    assert!(only(&d).message.contains("external `$ref`"), "{d:?}");
}

#[test]
fn mistyped_sdk_settings_are_errors_and_mistyped_overrides_warnings() {
    // The top-level settings decide the crate: a wrong type is an error at its line.
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nx-sdk:\n  crate-name: 42\n  env-prefix: ok\npaths: {}\n";
    let d = errors("s.yaml", text);
    let d = only(&d);
    assert_eq!(
        (d.pointer.as_str(), d.line),
        ("/x-sdk/crate-name", Some(4)),
        "{d}"
    );
    // A per-operation override of the wrong type is ignored with a warning at its line.
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-sdk-method: [list]\n      responses:\n        '204': {description: none}\n";
    let generated = generate_str("s.yaml", text, &Options::default(), "(test)").expect("generates");
    let w: Vec<(&str, Option<usize>)> = generated
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.line))
        .collect();
    assert_eq!(
        w,
        [("/paths/~1a/get/x-sdk-method", Some(6))],
        "{:#?}",
        generated.warnings
    );
    assert!(generated.files["Cargo.toml"].contains("name = \"t\""));
}

#[test]
fn a_ref_cycle_outside_components_names_file_line_and_help() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  x: {{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/y'}}\n                  y: {{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/x'}}\n"
    );
    let d = errors("s.yaml", &text);
    let d = only(&d);
    assert_eq!(
        d.pointer,
        "/paths/~1a/get/responses/200/content/application~1json/schema/properties/x"
    );
    assert!(d.message.contains("is cyclic"), "{}", d.message);
    assert_eq!(d.line, Some(14), "{d}");
    assert!(d.to_string().contains("s.yaml:14"), "{d}");
    assert!(d.help.is_some());
}

#[test]
fn warnings_about_a_hoisted_schema_name_where_the_user_wrote_it() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  odd: {{not: {{type: string}}}}\ncomponents:\n  schemas:\n    Copy: {{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}}\n"
    );
    let generated = generate_str("s.yaml", &text, &Options::default(), "(test)").unwrap();
    let w = only(&generated.warnings);
    assert_eq!(
        w.pointer,
        "/paths/~1a/get/responses/200/content/application~1json/schema/properties/odd"
    );
    assert!(w.message.contains("`not`"), "{}", w.message);
    assert_eq!(w.line, Some(14), "{w}");
}

#[test]
fn x_sdk_with_a_wrong_shape_is_located() {
    let text = format!("{HEAD}x-sdk:\n  key-prefixes:\n    sk_: {{kind: [admin]}}\npaths: {{}}\n");
    let d = errors("s.yaml", &text);
    let d = only(&d);
    assert_eq!(d.pointer, "/x-sdk/key-prefixes/sk_/kind");
    assert_eq!(d.line, Some(5), "{d}");
    assert!(
        d.message.contains("`x-sdk` has the wrong shape"),
        "{}",
        d.message
    );
}
