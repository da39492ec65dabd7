//! Emits `config.rs`: the API's settings from the spec, the constructors of `Client` that
//! use them, and the key kinds and modes told by documented key prefixes.

use super::types::ident;
use crate::ir::{Api, Auth, Variant};
use proc_macro2::TokenStream;
use quote::quote;

pub fn config_rs(api: &Api) -> TokenStream {
    let c = &api.config;
    let base = &c.base_url;
    let prefix = &c.env_prefix;
    let auth = match &c.auth {
        None => quote!(Auth::None),
        Some(Auth::Header(name)) => {
            let name = name.to_ascii_lowercase();
            quote!(Auth::Header(#name))
        }
        Some(Auth::Query(name)) => quote!(Auth::Query(#name)),
        Some(Auth::Bearer) => quote!(Auth::Bearer),
        Some(Auth::Basic) => quote!(Auth::Basic),
    };
    let user_agent = format!("{}/", c.crate_name);
    let from_env_doc = format!(
        " A client configured from the environment alone: `{prefix}_API_KEY`, `{prefix}_BASE_URL` \
         and `{prefix}_CUSTOM_HEADERS` (one `Name: value` per line). The same as \
         `Client::builder().build()`."
    );
    let builder_doc = format!(
        " A builder with the defaults (the spec's base URL, a 60 s timeout, 2 retries), \
         which reads `{prefix}_API_KEY`, `{prefix}_BASE_URL` and `{prefix}_CUSTOM_HEADERS` \
         when it builds; what is set on it explicitly wins."
    );
    let prefix_doc =
        format!(" The prefix of the environment variables the client reads: `{prefix}`.");
    let keys = key_classes(api);
    let idempotency = match &c.idempotency_header {
        Some(h) => quote!(Some(#h)),
        None => quote!(None),
    };
    let key_import = (keys.is_some() || c.runtime_path.is_some()).then(|| {
        quote!(
            use crate::Secret;
        )
    });
    let (own_client, client_import, from_env) = match c.runtime_path {
        None => (
            None,
            quote!(
                use crate::{Client, ClientBuilder, Error};
            ),
            quote!(Client::from_env_with(&SETTINGS)),
        ),
        Some(_) => (
            Some(own_client()),
            quote!(
                use crate::Error;
            ),
            quote!(crate::runtime::Client::from_env_with(&SETTINGS).map(Client)),
        ),
    };
    quote! {
        //! Settings taken from the spec, and the constructors of [`Client`] that use them.

        use crate::runtime::{Auth, Settings};
        #client_import
        #key_import

        /// What the runtime needs to know about this API.
        static SETTINGS: Settings = Settings {
            base_url: #base,
            env_prefix: #prefix,
            auth: #auth,
            user_agent: concat!(#user_agent, env!("CARGO_PKG_VERSION")),
            idempotency_header: #idempotency,
        };

        #own_client

        impl Client {
            #[doc = #prefix_doc]
            pub const ENV_PREFIX: &'static str = #prefix;

            #[doc = #builder_doc]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(&SETTINGS)
            }

            #[doc = #from_env_doc]
            pub fn from_env() -> Result<Client, Error> {
                #from_env
            }
        }

        #keys
    }
}

/// The crate's own `Client` and `ClientBuilder`, when the runtime is a dependency: the
/// runtime's client inside, its two public methods forwarded, and the conversions the
/// runtime's generic code (sending, the command line) uses.
fn own_client() -> TokenStream {
    quote! {
        /// The API client. Cheap to clone: clones share one connection pool.
        #[derive(Clone)]
        pub struct Client(crate::runtime::Client);

        impl std::fmt::Debug for Client {
            /// As the runtime's client prints itself (the key redacted).
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl Client {
            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.0.base_url()
            }

            /// The API key in use, if any (redacted in `Debug` and `Display`).
            pub fn api_key(&self) -> Option<&Secret> {
                self.0.api_key()
            }
        }

        impl From<crate::runtime::Client> for Client {
            fn from(client: crate::runtime::Client) -> Self {
                Client(client)
            }
        }

        impl From<Client> for crate::runtime::Client {
            fn from(client: Client) -> Self {
                client.0
            }
        }

        impl AsRef<crate::runtime::Client> for Client {
            fn as_ref(&self) -> &crate::runtime::Client {
                &self.0
            }
        }

        /// Builds a [`Client`]. It starts from the environment (read when `build()` runs);
        /// what is set explicitly wins over it.
        pub type ClientBuilder = crate::runtime::ClientBuilder<Client>;
    }
}

/// A string enum of key classes (`KeyKind`, `KeyMode`), `Copy`, with its wire names.
fn class_enum(name: &str, doc: &str, variants: &[Variant]) -> TokenStream {
    let name = ident(name);
    let vs = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let d = format!(" `{}`", v.wire_value);
        quote!(#[doc = #d] #vn,)
    });
    let arms = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#vn => #wire,)
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#vs)*
        }

        impl #name {
            /// The name the API's documentation uses.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// `KeyKind`, `KeyMode`, the prefix tables, and `key_kind()`/`key_mode()` on `Secret` and
/// `Client`; nothing when the spec documents no key prefixes.
fn key_classes(api: &Api) -> Option<TokenStream> {
    let c = &api.config;
    if c.key_kinds.is_empty() && c.key_modes.is_empty() {
        return None;
    }
    let variant = |list: &[Variant], wire: &str| {
        list.iter()
            .find(|v| v.wire_value == wire)
            .map(|v| ident(&v.rust_name))
    };
    let kinds = c.key_prefixes.iter().filter_map(|(p, (kind, _))| {
        let v = variant(&c.key_kinds, kind)?;
        Some(quote!((#p, KeyKind::#v)))
    });
    let modes = c.key_prefixes.iter().filter_map(|(p, (_, mode))| {
        let v = variant(&c.key_modes, mode)?;
        Some(quote!((#p, KeyMode::#v)))
    });
    let kind_enum = class_enum(
        "KeyKind",
        " The kind of an API key, told by its documented prefix.",
        &c.key_kinds,
    );
    let on_secret = secret_classes(c.runtime_path.is_some());
    let mode_enum = class_enum(
        "KeyMode",
        " The mode of an API key, told by its documented prefix.",
        &c.key_modes,
    );
    Some(quote! {
        #kind_enum

        #mode_enum

        /// Documented key prefixes and the kind each one marks.
        const KEY_KINDS: &[(&str, KeyKind)] = &[#(#kinds),*];

        /// Documented key prefixes and the mode each one marks.
        const KEY_MODES: &[(&str, KeyMode)] = &[#(#modes),*];

        #on_secret

        impl Client {
            /// The kind of the client's API key, by its documented prefix.
            pub fn key_kind(&self) -> Option<KeyKind> {
                self.api_key()?.key_kind()
            }

            /// The mode of the client's API key, by its documented prefix.
            pub fn key_mode(&self) -> Option<KeyMode> {
                self.api_key()?.key_mode()
            }
        }
    })
}

/// `key_kind()` and `key_mode()` on `Secret`: inherent methods when the runtime is vendored;
/// a trait's (`KeyClass`, re-exported at the root) when `Secret` is the runtime crate's.
fn secret_classes(runtime_is_a_dependency: bool) -> TokenStream {
    let methods = |vis: TokenStream| {
        quote! {
            /// The kind of this API key, by its documented prefix; `None` for another prefix.
            #vis fn key_kind(&self) -> Option<KeyKind> {
                self.classify(KEY_KINDS)
            }

            /// The mode of this API key, by its documented prefix; `None` for another prefix.
            #vis fn key_mode(&self) -> Option<KeyMode> {
                self.classify(KEY_MODES)
            }
        }
    };
    if !runtime_is_a_dependency {
        let methods = methods(quote!(pub));
        return quote! {
            impl Secret {
                #methods
            }
        };
    }
    let methods = methods(quote!());
    quote! {
        /// The kind and mode of an API key, by its documented prefix.
        pub trait KeyClass {
            /// The kind of this API key, by its documented prefix; `None` for another prefix.
            fn key_kind(&self) -> Option<KeyKind>;

            /// The mode of this API key, by its documented prefix; `None` for another prefix.
            fn key_mode(&self) -> Option<KeyMode>;
        }

        impl KeyClass for Secret {
            #methods
        }
    }
}
