//! Resolution of `$ref`s through the model's `components`: after loading, every reference
//! points at `#/components/<section>/<name>` (the normaliser hoists anything else there).

use super::Lowerer;
use crate::diag::{pointer_join, unescape_token, Diagnostic};
use indexmap::IndexMap;
use openapiv3::{
    Components, Header, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
};

/// Longest chain of references to references followed (loading rejects cycles; this bounds the
/// walk for a model built some other way).
const MAX_HOPS: usize = 32;

/// Something `components` holds, by section.
pub(crate) trait Component: Clone + Sized {
    const SECTION: &'static str;
    fn section(components: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>>;
}

macro_rules! component {
    ($ty:ty, $section:literal, $field:ident) => {
        impl Component for $ty {
            const SECTION: &'static str = $section;
            fn section(c: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
                Some(&c.$field)
            }
        }
    };
}
component!(Schema, "schemas", schemas);
component!(Parameter, "parameters", parameters);
component!(RequestBody, "requestBodies", request_bodies);
component!(Response, "responses", responses);
component!(Header, "headers", headers);

/// The model has no section for path items: the normaliser copies referenced ones into place.
impl Component for PathItem {
    const SECTION: &'static str = "pathItems";
    fn section(_: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        None
    }
}

/// Why a reference did not resolve.
pub(crate) enum Unresolved {
    /// Not `#/components/<section>/<name>` of the wanted section, or no such component.
    Missing(String),
    Cyclic,
}

/// The component name a reference into `T`'s section names, if it is one.
fn component_name<T: Component>(reference: &str) -> Option<String> {
    let rest = reference.strip_prefix(&format!("#/components/{}/", T::SECTION))?;
    (!rest.contains('/')).then(|| unescape_token(rest))
}

/// Follows `r` (and references to references) to its definition in `api`'s components:
/// the definition and its pointer (`at` for an inline item). Quiet: see [`Lowerer::resolve`].
pub(crate) fn follow<'a, T: Component>(
    api: &'a openapiv3::OpenAPI,
    r: &'a ReferenceOr<T>,
    at: &str,
) -> Result<(&'a T, String), Unresolved> {
    match r {
        ReferenceOr::Item(item) => Ok((item, at.to_owned())),
        ReferenceOr::Reference { reference } => follow_ref(api, reference),
    }
}

/// Follows a reference into `T`'s section to its definition and that definition's pointer.
pub(crate) fn follow_ref<'a, T: Component>(
    api: &'a openapiv3::OpenAPI,
    reference: &str,
) -> Result<(&'a T, String), Unresolved> {
    let mut reference = reference.to_owned();
    for _ in 0..MAX_HOPS {
        let missing = || Unresolved::Missing(reference.clone());
        let name = component_name::<T>(&reference).ok_or_else(missing)?;
        let found = api
            .components
            .as_ref()
            .and_then(T::section)
            .and_then(|s| s.get(&name))
            .ok_or_else(missing)?;
        match found {
            ReferenceOr::Item(item) => {
                return Ok((item, pointer_join("/components", &[T::SECTION, &name])))
            }
            ReferenceOr::Reference { reference: next } => reference.clone_from(next),
        }
    }
    Err(Unresolved::Cyclic)
}

impl<'a> Lowerer<'a> {
    /// Resolves `r`, a part of the spec, to the item it names and its pointer, following
    /// chains of references; a reference that does not resolve is reported at `at`.
    pub fn resolve_ref<T: Component>(
        &mut self,
        r: &'a ReferenceOr<T>,
        at: &str,
    ) -> Option<(&'a T, String)> {
        let spec = self.spec;
        match follow(&spec.api, r, at) {
            Ok(found) => Some(found),
            Err(e) => {
                self.unresolved(e, at);
                None
            }
        }
    }

    /// Resolves `r` to an owned item and its pointer, following chains of references; a
    /// reference that does not resolve is reported at `at`.
    pub fn resolve<T: Component>(&mut self, r: &ReferenceOr<T>, at: &str) -> Option<(T, String)> {
        let spec = self.spec;
        match follow(&spec.api, r, at) {
            Ok((item, pointer)) => Some((item.clone(), pointer)),
            Err(e) => {
                self.unresolved(e, at);
                None
            }
        }
    }

    /// Reports a reference that does not resolve.
    fn unresolved(&mut self, e: Unresolved, at: &str) {
        match e {
            Unresolved::Missing(reference) => self.error(
                Diagnostic::error(at, format!("`$ref` `{reference}` points at nothing"))
                    .with_help("fix the reference or add the missing definition"),
            ),
            Unresolved::Cyclic => self.error(
                Diagnostic::error(at, "`$ref` chain is cyclic")
                    .with_help("make one of the references point at a definition"),
            ),
        }
    }
}
