//! A command's inputs: gathered from `--body` and the flags (the flags win), then taken out
//! one by one, typed, by the command's generated function.

use super::{BodyInput, Command, Failure, Flag, Kind, To};
use clap::ArgMatches;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The values one command was given.
#[derive(Debug)]
pub struct Inputs {
    params: BTreeMap<&'static str, Value>,
    body: Option<Value>,
    /// The command's `flags`, `constants` and `ignored`.
    flags: &'static [Flag],
    constants: &'static [(&'static [&'static str], &'static str)],
    ignored: &'static [&'static str],
}

fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

impl Inputs {
    /// Reads `--body`, then each flag given, into one set of values.
    pub(super) fn gather<C>(
        command: &'static Command<C>,
        m: &ArgMatches,
    ) -> Result<Inputs, Failure> {
        let mut inputs = Inputs::from_values(command, [], None);
        if command.body != BodyInput::None {
            if let Some(source) = m.get_one::<String>("body") {
                inputs.body = Some(read_body(source, command.body)?);
            }
        }
        for flag in command.flags {
            let Some(value) = flag_value(flag, m)? else {
                continue;
            };
            match flag.to {
                To::Param(slot) => {
                    inputs.params.insert(slot, value);
                }
                To::Field(path) => inputs.set(path, value)?,
            }
        }
        inputs.fill_constants()?;
        Ok(inputs)
    }

    /// From explicit values, for tests and callers that build inputs themselves.
    pub fn from_values<C>(
        command: &'static Command<C>,
        params: impl IntoIterator<Item = (&'static str, Value)>,
        body: Option<Value>,
    ) -> Inputs {
        Inputs {
            params: params.into_iter().collect(),
            body,
            flags: command.flags,
            constants: command.constants,
            ignored: command.ignored,
        }
    }

    /// Puts `value` at `path` of the body object, merged into what is there.
    fn set(&mut self, path: &[&str], value: Value) -> Result<(), Failure> {
        let mut node = self.body.get_or_insert_with(|| Value::Object(Map::new()));
        for (depth, key) in path.iter().enumerate() {
            if node.is_null() {
                *node = Value::Object(Map::new());
            }
            let Value::Object(object) = node else {
                let at = path[..depth].join(".");
                return Err(usage(format!(
                    "the body{} is not an object, so --{} cannot go in it",
                    if at.is_empty() {
                        String::new()
                    } else {
                        format!(" field `{at}`")
                    },
                    path.join(".")
                )));
            };
            node = object.entry(key.to_string()).or_insert(Value::Null);
        }
        merge(node, value);
        Ok(())
    }

    /// Fills the constant fields of the nested objects that were given.
    fn fill_constants(&mut self) -> Result<(), Failure> {
        for (path, text) in self.constants {
            let Some((last, parents)) = path.split_last() else {
                continue;
            };
            let mut node = self.body.as_mut();
            for key in parents {
                node = node.and_then(|n| n.get_mut(*key));
            }
            if let Some(Value::Object(object)) = node {
                if !object.contains_key(*last) {
                    let value = serde_json::from_str(text)
                        .map_err(|e| Failure::Output(format!("bad constant {text}: {e}")))?;
                    object.insert((*last).to_owned(), value);
                }
            }
        }
        Ok(())
    }

    /// An optional parameter.
    pub fn param<T: DeserializeOwned>(&mut self, slot: &str) -> Result<Option<T>, Failure> {
        self.params
            .remove(slot)
            .map(|v| decode(v, &format!("--{slot}")))
            .transpose()
    }

    /// A required parameter.
    pub fn param_required<T: DeserializeOwned>(&mut self, slot: &str) -> Result<T, Failure> {
        let value = self.param(slot)?;
        value.ok_or_else(|| self.missing(|to| matches!(to, To::Param(s) if s == slot), slot, false))
    }

    /// An optional field of the body.
    pub fn field<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, Failure> {
        self.take(key)
            .map(|v| decode(v, &format!("body field `{key}`")))
            .transpose()
    }

    /// A required field of the body.
    pub fn field_required<T: DeserializeOwned>(&mut self, key: &str) -> Result<T, Failure> {
        let value = self.field(key)?;
        value.ok_or_else(|| self.missing(|to| matches!(to, To::Field(p) if p[0] == key), key, true))
    }

    /// An optional field that may be sent as `null`: `Some(None)` is an explicit null.
    pub fn field_nullable<T: DeserializeOwned>(
        &mut self,
        key: &str,
    ) -> Result<Option<Option<T>>, Failure> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(v) => decode(v, &format!("body field `{key}`")).map(Some),
        }
    }

    /// The whole body, when it is not an object of fields.
    pub fn body<T: DeserializeOwned>(&mut self) -> Result<Option<T>, Failure> {
        self.body.take().map(|v| decode(v, "--body")).transpose()
    }

    /// The whole body, required.
    pub fn body_required<T: DeserializeOwned>(&mut self) -> Result<T, Failure> {
        self.body()?
            .ok_or_else(|| usage("missing --body (inline, @FILE or - for stdin)"))
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        match &mut self.body {
            Some(Value::Object(object)) => object.remove(key),
            _ => None,
        }
    }

    fn missing(&self, targets: impl Fn(To) -> bool, what: &str, in_body: bool) -> Failure {
        let flags: Vec<String> = self
            .flags
            .iter()
            .filter(|f| f.kind != Kind::Null && targets(f.to))
            .map(|f| format!("--{}", f.name))
            .collect();
        let by = match flags.split_first() {
            Some((first, [])) => first.clone(),
            Some((first, rest)) => format!("{first} (or {})", rest.join(", ")),
            None => format!("`{what}`"),
        };
        let also = if in_body { " or in --body" } else { "" };
        usage(format!("missing {by}: give it as a flag{also}"))
    }

    /// Fails on what no function took: body fields no flag or argument stands for.
    pub(super) fn finish(self) -> Result<(), Failure> {
        match self.body {
            None => Ok(()),
            Some(Value::Object(object)) => {
                let unknown: Vec<&String> = object
                    .keys()
                    .filter(|k| !self.ignored.contains(&k.as_str()))
                    .collect();
                if unknown.is_empty() {
                    Ok(())
                } else {
                    Err(usage(format!(
                        "the body has fields this command does not know: {}",
                        unknown
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
            Some(_) => Err(usage("--body must be a JSON or YAML object")),
        }
    }
}

/// Objects merge key by key (deeply); anything else replaces.
fn merge(slot: &mut Value, value: Value) {
    match (slot, value) {
        (Value::Object(into), Value::Object(from)) => {
            for (k, v) in from {
                merge(into.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, value) => *slot = value,
    }
}

fn decode<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, Failure> {
    serde_json::from_value(value).map_err(|e| usage(format!("invalid {what}: {e}")))
}

/// The value of a flag (or of its positional twin), if given.
fn flag_value(flag: &Flag, m: &ArgMatches) -> Result<Option<Value>, Failure> {
    match flag.kind {
        Kind::Null => return Ok(m.get_flag(flag.name).then_some(Value::Null)),
        _ if flag.repeat => {
            let Some(items) = m.get_many::<String>(flag.name) else {
                return Ok(None);
            };
            let items: Result<Vec<Value>, Failure> = items.map(|text| parse(flag, text)).collect();
            return items.map(|v| Some(Value::Array(v)));
        }
        _ => {}
    }
    let text = m.get_one::<String>(flag.name).or_else(|| {
        flag.positional
            .then(|| m.get_one::<String>(&super::app::positional_id(flag)))
            .flatten()
    });
    text.map(|t| parse(flag, t)).transpose()
}

/// A flag's text as the JSON value its kind says.
pub(super) fn parse(flag: &Flag, text: &str) -> Result<Value, Failure> {
    let bad = |what: &str| usage(format!("--{} expects {what}, got `{text}`", flag.name));
    Ok(match flag.kind {
        Kind::String => Value::String(text.to_owned()),
        Kind::Integer => match text.parse::<i64>() {
            Ok(i) => Value::from(i),
            Err(_) => Value::from(text.parse::<u64>().map_err(|_| bad("an integer"))?),
        },
        Kind::Number => {
            let n: f64 = text.parse().map_err(|_| bad("a number"))?;
            serde_json::Number::from_f64(n)
                .map(Value::Number)
                .ok_or_else(|| bad("a finite number"))?
        }
        Kind::Boolean => Value::Bool(text.parse().map_err(|_| bad("true or false"))?),
        Kind::DateTime => {
            chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|_| bad("an RFC 3339 date-time (2026-04-08T18:56:46Z)"))?;
            Value::String(text.to_owned())
        }
        Kind::Date => {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| bad("a date (YYYY-MM-DD)"))?;
            Value::String(text.to_owned())
        }
        Kind::Json => {
            let source = match text.strip_prefix('@') {
                Some(path) => read_source(&format!("@{path}"))?,
                None => text
                    .strip_prefix("\\@")
                    .map_or(text.as_bytes().to_vec(), |rest| {
                        format!("@{rest}").into_bytes()
                    }),
            };
            structured(&source, &format!("--{}", flag.name))?
        }
        Kind::File => bytes_value(read_source(&format!("@{text}"))?),
        Kind::Null => Value::Null,
    })
}

/// The text of `-` (stdin), `@path` (a file), or the argument itself.
fn read_source(source: &str) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    if source == "-" || source == "@-" {
        let mut data = Vec::new();
        std::io::stdin()
            .read_to_end(&mut data)
            .map_err(|e| usage(format!("cannot read stdin: {e}")))?;
        return Ok(data);
    }
    match source.strip_prefix('@') {
        Some(path) => std::fs::read(path).map_err(|e| usage(format!("cannot read {path}: {e}"))),
        None => Ok(source.as_bytes().to_vec()),
    }
}

fn read_body(source: &str, kind: BodyInput) -> Result<Value, Failure> {
    let data = read_source(source)?;
    match kind {
        BodyInput::Text => String::from_utf8(data)
            .map(Value::String)
            .map_err(|_| usage("--body is not UTF-8 text")),
        BodyInput::Bytes => Ok(bytes_value(data)),
        _ => structured(&data, "--body"),
    }
}

/// JSON, else YAML.
fn structured(data: &[u8], what: &str) -> Result<Value, Failure> {
    if let Ok(v) = serde_json::from_slice(data) {
        return Ok(v);
    }
    serde_norway::from_slice(data)
        .map_err(|e| usage(format!("{what} is neither JSON nor YAML: {e}")))
}

/// Bytes as the JSON array `Vec<u8>` decodes from.
fn bytes_value(data: Vec<u8>) -> Value {
    Value::Array(data.into_iter().map(Value::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(_: &super::super::super::Client, _: &mut Inputs) -> Result<super::super::Call, Failure> {
        Err(usage("not called"))
    }

    static FLAGS: &[Flag] = &[
        Flag {
            name: "name",
            help: "",
            kind: Kind::String,
            to: To::Field(&["name"]),
            repeat: false,
            required: true,
            positional: false,
            values: &[],
        },
        Flag {
            name: "limit",
            help: "",
            kind: Kind::Json,
            to: To::Field(&["limit"]),
            repeat: false,
            required: false,
            positional: false,
            values: &[],
        },
        Flag {
            name: "limit.amount",
            help: "",
            kind: Kind::Integer,
            to: To::Field(&["limit", "amount"]),
            repeat: false,
            required: false,
            positional: false,
            values: &[],
        },
    ];

    static COMMAND: Command<super::super::super::Client> = Command {
        name: "create",
        about: "",
        long_about: "",
        flags: FLAGS,
        body: BodyInput::Fields,
        constants: &[(&["limit", "currency"], "\"MILLI_USD\"")],
        ignored: &["type"],
        run,
    };

    #[test]
    fn flags_merge_into_the_body_and_win() {
        let mut i = Inputs::from_values(
            &COMMAND,
            [],
            Some(serde_json::json!({"name": "file", "limit": {"amount": 1}, "type": "x"})),
        );
        i.set(&["name"], Value::from("flag")).unwrap();
        i.set(&["limit", "amount"], Value::from(7)).unwrap();
        i.fill_constants().unwrap();
        assert_eq!(i.field_required::<String>("name").unwrap(), "flag");
        let limit: Value = i.field_required("limit").unwrap();
        assert_eq!(
            limit,
            serde_json::json!({"amount": 7, "currency": "MILLI_USD"})
        );
        i.finish().unwrap();
    }

    #[test]
    fn missing_and_unknown_inputs_are_usage_errors() {
        let mut i = Inputs::from_values(&COMMAND, [], Some(serde_json::json!({"nme": "x"})));
        let err = i.field_required::<String>("name").unwrap_err();
        assert_eq!(
            err.message(),
            "missing --name: give it as a flag or in --body"
        );
        let err = i.finish().unwrap_err();
        assert!(err.message().contains("`nme`"), "{}", err.message());
        assert_eq!(err.code(), 2);
    }

    #[test]
    fn nulls_and_kinds() {
        let mut i = Inputs::from_values(&COMMAND, [], Some(serde_json::json!({"name": null})));
        assert_eq!(i.field_nullable::<String>("name").unwrap(), Some(None));
        assert_eq!(parse(&FLAGS[2], "12").unwrap(), Value::from(12));
        assert!(parse(&FLAGS[2], "x").is_err());
        let json = parse(&FLAGS[1], "{amount: 3}").unwrap();
        assert_eq!(json, serde_json::json!({"amount": 3}));
        let err = i.set(&["name", "x"], Value::from(1));
        assert!(err.is_ok(), "null becomes an object");
        let mut j = Inputs::from_values(&COMMAND, [], Some(serde_json::json!({"name": "s"})));
        assert!(j.set(&["name", "x"], Value::from(1)).is_err());
    }
}
