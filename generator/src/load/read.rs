//! Reading the normalised document into openapiv3's model, fast: by moving out of the value
//! tree, and with the paths and the component schemas (nearly all of a big document) read
//! on all cores. The result is what `serde_json::from_value::<OpenAPI>` gives, and it fails
//! where that fails; [`super::deserialize`] then reads the document again with its path
//! tracked, for the diagnostic.

use openapiv3::{Components, OpenAPI, Paths};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The typed document: its paths and its components read beside the rest.
pub(super) fn document(mut doc: Value) -> Result<OpenAPI, serde_json::Error> {
    let (paths, components) = match doc.as_object_mut() {
        // The rest keeps an empty `paths`, which the document requires.
        Some(root) => (
            root.insert("paths".into(), Value::Object(Map::new())),
            root.remove("components"),
        ),
        None => (None, None),
    };
    let ((api, paths), components) = rayon::join(
        || {
            rayon::join(
                || serde_json::from_value::<OpenAPI>(doc),
                || paths.map(read_paths).transpose(),
            )
        },
        || components.map(read_components).transpose(),
    );
    let mut api = api?;
    if let Some(paths) = paths? {
        api.paths = paths;
    }
    api.components = components?.flatten();
    Ok(api)
}

/// Each entry's value read as `T` on any core, in their order.
fn read_entries<T: DeserializeOwned + Send>(
    entries: Vec<(String, Value)>,
) -> Result<Vec<(String, T)>, serde_json::Error> {
    (entries.into_par_iter())
        .map(|(key, value)| Ok((key, serde_json::from_value(value)?)))
        .collect()
}

/// `paths`: what openapiv3's `Paths` keeps (path items under keys that start with `/`,
/// extensions under `x-` keys), without the copy of the whole map serde makes for its
/// flattened fields.
fn read_paths(paths: Value) -> Result<Paths, serde_json::Error> {
    let Value::Object(paths) = paths else {
        return serde_json::from_value(paths);
    };
    type Entries = Vec<(String, Value)>;
    let (items, rest): (Entries, Entries) =
        paths.into_iter().partition(|(key, _)| key.starts_with('/'));
    Ok(Paths {
        paths: read_entries(items)?.into_iter().collect(),
        extensions: (rest.into_iter())
            .filter(|(key, _)| key.starts_with("x-"))
            .collect(),
    })
}

/// `components` (`null` is none), its schemas read apart.
fn read_components(mut components: Value) -> Result<Option<Components>, serde_json::Error> {
    let schemas = match components.as_object_mut().map(|c| c.remove("schemas")) {
        Some(Some(Value::Object(schemas))) => schemas,
        // Not a map: put back, to fail as openapiv3 fails on it.
        Some(Some(other)) => {
            components["schemas"] = other;
            Map::new()
        }
        _ => Map::new(),
    };
    let schemas = read_entries(schemas.into_iter().collect())?;
    let mut components: Option<Components> = serde_json::from_value(components)?;
    if let Some(c) = components.as_mut() {
        c.schemas = schemas.into_iter().collect();
    }
    Ok(components)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn whole(doc: &Value) -> Result<OpenAPI, String> {
        serde_json::from_value(doc.clone()).map_err(|e| e.to_string())
    }

    fn parts(doc: &Value) -> Result<OpenAPI, String> {
        document(doc.clone()).map_err(|e| e.to_string())
    }

    /// Read in parts or whole, a document gives the same model, or fails either way.
    #[test]
    fn parts_read_as_the_whole_document_reads() {
        let item = json!({"get": {"responses": {"200": {"description": "ok"}}}});
        let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let base = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}});
        let with = |extra: Value| {
            let mut doc = base.clone();
            doc.as_object_mut().expect("object").extend(
                extra
                    .as_object()
                    .expect("object")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            doc
        };
        let same = [
            with(json!({"paths": {"/a": item, "/b": {"$ref": "#/x"}, "x-p": 1, "other": 2}})),
            with(json!({
                "paths": {},
                "components": {"schemas": {"B": schema, "A": {"$ref": "#/components/schemas/B"}},
                               "x-c": true, "responses": {}},
                "x-top": [1],
            })),
            with(json!({"paths": {}, "components": null})),
            with(json!({"paths": {}, "components": {"parameters": {}}})),
        ];
        for doc in &same {
            let read = parts(doc).expect("reads");
            assert_eq!(read, whole(doc).expect("reads"), "{doc}");
        }
        // IndexMap's equality ignores order: the order is checked apart.
        let read = parts(&same[1]).expect("reads");
        let schemas: Vec<&String> = read
            .components
            .iter()
            .flat_map(|c| c.schemas.keys())
            .collect();
        assert_eq!(schemas, ["B", "A"]);
        let read = parts(&same[0]).expect("reads");
        assert_eq!(read.paths.paths.keys().collect::<Vec<_>>(), ["/a", "/b"]);
        assert_eq!(read.paths.extensions.keys().collect::<Vec<_>>(), ["x-p"]);
        let failing = [
            with(json!({"paths": []})),
            with(json!({"paths": {"/a": {"get": 1}}})),
            with(json!({"paths": {}, "components": {"schemas": []}})),
            with(json!({"paths": {}, "components": {"schemas": {"A": {"type": 1}}}})),
            with(json!({"paths": {}, "components": "no"})),
            json!([1]),
        ];
        for doc in &failing {
            assert!(whole(doc).is_err() && parts(doc).is_err(), "{doc}");
        }
    }
}
