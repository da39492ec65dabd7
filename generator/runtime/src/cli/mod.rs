//! The command line generated beside the SDK (feature `cli`).
//!
//! A generated crate describes its commands as static tables ([`App`], [`Group`],
//! [`Command`], [`Flag`]: every name and help text decided by the generator) and gives each
//! command one small function that calls the SDK's request builder with the command's
//! [`Inputs`] and returns a [`Call`]. This module does the rest: parses the arguments (clap),
//! gathers the inputs from flags and `--body`, builds the client from flags and the
//! environment, sends, pages, prints, and maps failures to exit codes:
//!
//! - 0: success;
//! - 1: the API answered with an error (or with a body that does not decode);
//! - 2: bad arguments or configuration, refused before anything is sent (the spec's
//!   constraints are the SDK's own checks);
//! - 3: no response (connection failure, timeout).

mod app;
mod call;
mod debug;
mod inputs;
mod output;

pub use app::{BUILTIN_COMMANDS, GLOBAL_FLAGS};
pub use call::Call;
pub use inputs::Inputs;

use super::{Client, ClientBuilder, Error, Secret};
use std::process::ExitCode;

/// The whole command line of one API. `C` is the generated crate's `Client`: this runtime's,
/// or a wrapper around it when the crate depends on the runtime rather than vendoring it.
#[derive(Debug)]
pub struct App<C: 'static> {
    /// The binary's name (the crate's).
    pub name: &'static str,
    /// The API's title, shown by `--help`.
    pub about: &'static str,
    /// The crate's version, shown by `--version`.
    pub version: &'static str,
    /// Prefix of the environment variables the client reads (`BOLTZ` for `BOLTZ_API_KEY`).
    pub env_prefix: &'static str,
    /// Other variables the API key is read from, in order, when `<PREFIX>_API_KEY` is unset.
    pub key_env_aliases: &'static [&'static str],
    /// Whether the API needs a key at all.
    pub needs_key: bool,
    /// Wire names of secret fields, redacted in `--debug` bodies.
    pub secret_fields: &'static [&'static str],
    /// Documented key prefixes: strings starting with one are redacted in `--debug` bodies.
    pub key_prefixes: &'static [&'static str],
    /// The kind and mode of a key, by its prefix (`auth status`).
    pub key_class: fn(&Secret) -> (Option<&'static str>, Option<&'static str>),
    /// `Client::builder`.
    pub builder: fn() -> ClientBuilder<C>,
    /// Commands of the root resource (`<bin> <command>`).
    pub commands: &'static [Command<C>],
    /// One group per resource (`<bin> <group> <command>`).
    pub groups: &'static [Group<C>],
}

/// The commands of one resource: `admin:workspaces`.
#[derive(Debug)]
pub struct Group<C: 'static> {
    /// The resource's path joined by `:`.
    pub name: &'static str,
    /// The first sentence of the resource's description.
    pub about: &'static str,
    /// The whole description.
    pub long_about: &'static str,
    pub commands: &'static [Command<C>],
}

/// One operation as a command.
#[derive(Debug)]
pub struct Command<C> {
    /// The SDK method's name in kebab-case.
    pub name: &'static str,
    /// The operation's summary.
    pub about: &'static str,
    /// Summary, description, method and path.
    pub long_about: &'static str,
    pub flags: &'static [Flag],
    /// What `--body` takes.
    pub body: BodyInput,
    /// Constant fields inside nested objects of the body (path from the body, JSON text),
    /// filled in when their object is given without them.
    pub constants: &'static [(&'static [&'static str], &'static str)],
    /// Top-level body fields the SDK fills in itself (constants): accepted in `--body` and
    /// ignored.
    pub ignored: &'static [&'static str],
    /// Calls the SDK's builder with the inputs.
    pub run: fn(&C, &mut Inputs) -> Result<Call, Failure>,
}

/// One flag of a command.
#[derive(Debug)]
pub struct Flag {
    /// `--<name>`: kebab-case of the wire name, dotted below an object.
    pub name: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    /// Where the value goes.
    pub to: To,
    /// Given once per item of a list.
    pub repeat: bool,
    /// The input is required (the flag, or something else that gives it).
    pub required: bool,
    /// Also accepted as the command's positional argument.
    pub positional: bool,
    /// The allowed values of an enum (listed in `--help`).
    pub values: &'static [&'static str],
}

impl Flag {
    /// A flag for a parameter; its value is kept under the flag's name.
    pub const fn param(name: &'static str, kind: Kind, help: &'static str) -> Flag {
        Flag {
            name,
            help,
            kind,
            to: To::Param(name),
            repeat: false,
            required: false,
            positional: false,
            values: &[],
        }
    }

    /// A flag for a place in the body object (wire names from the top).
    pub const fn field(
        name: &'static str,
        path: &'static [&'static str],
        kind: Kind,
        help: &'static str,
    ) -> Flag {
        Flag {
            to: To::Field(path),
            ..Flag::param(name, kind, help)
        }
    }

    /// The input is required.
    pub const fn required(self) -> Flag {
        Flag {
            required: true,
            ..self
        }
    }

    /// Also accepted as the command's positional argument.
    pub const fn positional(self) -> Flag {
        Flag {
            positional: true,
            ..self
        }
    }

    /// Given once per item of a list.
    pub const fn repeated(self) -> Flag {
        Flag {
            repeat: true,
            ..self
        }
    }

    /// The allowed values of an enum.
    pub const fn values(self, values: &'static [&'static str]) -> Flag {
        Flag { values, ..self }
    }
}

/// How a flag's text becomes a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    /// `--flag`, `--flag true` or `--flag false`.
    Boolean,
    /// RFC 3339.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
    /// JSON (or YAML) text, or `@file` holding it.
    Json,
    /// A file's bytes (`-` for stdin).
    File,
    /// A switch that sends an explicit `null` to its target.
    Null,
}

/// Where a flag's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// A parameter, kept under this slot name.
    Param(&'static str),
    /// A place in the body object: wire names from the top.
    Field(&'static [&'static str]),
}

/// What `--body` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyInput {
    /// The command has no body.
    None,
    /// An object whose fields also have flags; the flags win.
    Fields,
    /// Any JSON (or YAML) value: the whole body.
    Json,
    /// Text, as is.
    Text,
    /// Bytes, as is.
    Bytes,
}

/// Why a command failed, which decides its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments or input, found before sending (exit 2).
    Usage(String),
    /// The SDK's error (exit 1, 2 or 3 by its kind).
    Sdk(Error),
    /// The result could not be printed (exit 1).
    Output(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Sdk(e)
    }
}

impl Failure {
    /// The exit code.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Output(_) => 1,
            Failure::Sdk(e) => match e {
                Error::InvalidArgument { .. } | Error::Config(_) => 2,
                Error::Connection { .. } | Error::Timeout { .. } => 3,
                _ => 1,
            },
        }
    }

    /// One line for stderr. URLs are left out: a query-string API key would be in them.
    pub fn message(&self) -> String {
        match self {
            Failure::Usage(m) | Failure::Output(m) => m.clone(),
            Failure::Sdk(Error::Api(e)) => {
                let reason = reqwest::StatusCode::from_u16(e.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("");
                let mut line = format!("{} {reason}", e.status);
                for part in [&e.code, &e.message].into_iter().flatten() {
                    line.push_str(": ");
                    line.push_str(part);
                }
                if e.code.is_none() && e.message.is_none() && !e.body.is_empty() {
                    line.push_str(": ");
                    line.extend(e.body.chars().take(200).filter(|c| *c != '\n'));
                }
                let id = e.request_id.as_deref().unwrap_or("none");
                format!("{line} (request id {id})")
            }
            Failure::Sdk(Error::Connection { source, .. }) => {
                let mut line = String::from("could not connect");
                let mut cause: Option<&dyn std::error::Error> = Some(source);
                while let Some(c) = cause {
                    line.push_str(": ");
                    line.push_str(&c.to_string());
                    cause = c.source();
                }
                line
            }
            Failure::Sdk(Error::Timeout { after, .. }) => match after {
                Some(d) => format!("the request timed out after {d:?}"),
                None => "the request timed out".into(),
            },
            Failure::Sdk(Error::Decode {
                status, message, ..
            }) => format!("could not decode the response (status {status}): {message}"),
            Failure::Sdk(e) => e.to_string(),
        }
    }
}

/// Runs the command line of `app` with the process's arguments.
pub fn main<C: From<Client> + AsRef<Client>>(app: &'static App<C>) -> ExitCode {
    let matches = match app::command(app).try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match call::run(app, &matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message());
            ExitCode::from(f.code())
        }
    }
}
