//! One run: find the command, gather its inputs, build the client, send, print.

use super::super::{BoxFuture, BoxStream, Client, Error, ResponseInfo, Secret};
use super::app::Globals;
use super::debug::{observer, Captured, Redactor};
use super::output::{self, Format};
use super::{App, Command, Failure, Inputs};
use clap::ArgMatches;
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;

/// What a command's function returns: the SDK call to make, not yet sent.
pub struct Call(Kind);

enum Kind {
    One(BoxFuture<Result<Printed, Failure>>),
    /// A list: its first page alone (for `--format raw`), or every item.
    Paged {
        first: BoxFuture<Result<(), Failure>>,
        items: BoxStream<Result<Value, Failure>>,
    },
}

enum Printed {
    Value(Value),
    Text(String),
    Bytes(Vec<u8>),
    Nothing,
}

/// A response as JSON: secrets redacted unless `reveal` (a command whose point is to show
/// one, such as creating a key).
fn to_json<T: Serialize>(value: &T, reveal: bool) -> Result<Value, Failure> {
    let json = if reveal {
        Secret::reveal_in(|| serde_json::to_value(value))
    } else {
        serde_json::to_value(value)
    };
    json.map_err(|e| Failure::Output(format!("cannot print the response: {e}")))
}

impl Call {
    /// A call whose response is printed as JSON, YAML...
    pub fn value<T, F>(send: F, reveal: bool) -> Call
    where
        T: Serialize,
        F: Future<Output = Result<(T, ResponseInfo), Error>> + Send + 'static,
    {
        Call(Kind::One(Box::pin(async move {
            let (value, _) = send.await?;
            to_json(&value, reveal).map(Printed::Value)
        })))
    }

    /// A call whose text response is printed as is.
    pub fn text<F>(send: F) -> Call
    where
        F: Future<Output = Result<(String, ResponseInfo), Error>> + Send + 'static,
    {
        Call(Kind::One(Box::pin(async move {
            Ok(Printed::Text(send.await?.0))
        })))
    }

    /// A call whose bytes are written as they are.
    pub fn bytes<F>(send: F) -> Call
    where
        F: Future<Output = Result<(Vec<u8>, ResponseInfo), Error>> + Send + 'static,
    {
        Call(Kind::One(Box::pin(async move {
            Ok(Printed::Bytes(send.await?.0))
        })))
    }

    /// A call with no response body.
    pub fn empty<F>(send: F) -> Call
    where
        F: Future<Output = Result<((), ResponseInfo), Error>> + Send + 'static,
    {
        Call(Kind::One(Box::pin(async move {
            send.await?;
            Ok(Printed::Nothing)
        })))
    }

    /// A list: `first` sends for the first page alone, `items` pages through everything.
    pub fn paged<P, T, F>(first: F, items: BoxStream<Result<T, Error>>, reveal: bool) -> Call
    where
        T: Serialize + 'static,
        F: Future<Output = Result<(P, ResponseInfo), Error>> + Send + 'static,
    {
        let items = items.map(move |item| to_json(&item?, reveal));
        Call(Kind::Paged {
            first: Box::pin(async move { first.await.map(|_| ()).map_err(Failure::from) }),
            items: Box::pin(items),
        })
    }
}

/// Runs the command the arguments name.
pub(super) fn run<C: From<Client> + AsRef<Client>>(
    app: &'static App<C>,
    m: &ArgMatches,
) -> Result<(), Failure> {
    let globals = Globals::read(m)?;
    let Some((name, sub)) = m.subcommand() else {
        return Err(Failure::Usage("no command given".into()));
    };
    match name {
        "completion" => {
            let shell = sub.get_one::<clap_complete::Shell>("shell").copied();
            let shell = shell.ok_or_else(|| Failure::Usage("no shell given".into()))?;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut super::app::command(app), app.name, &mut out);
            return output::write(&out);
        }
        "auth" => return auth_status(app, &globals),
        _ => {}
    }
    let (command, matches) = find(app, name, sub)?;
    let mut inputs = Inputs::gather(command, matches)?;
    let capture = (globals.format == Format::Raw).then(Captured::default);
    let (client, _) = client(app, &globals, capture.clone())?;
    let call = (command.run)(&client, &mut inputs)?;
    inputs.finish()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Output(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(execute(call, &globals, capture))
}

fn find<'m, C>(
    app: &'static App<C>,
    name: &str,
    sub: &'m ArgMatches,
) -> Result<(&'static Command<C>, &'m ArgMatches), Failure> {
    let unknown = || Failure::Usage(format!("unknown command `{name}`"));
    if let Some(group) = app.groups.iter().find(|g| g.name == name) {
        let (cname, cm) = sub.subcommand().ok_or_else(unknown)?;
        let command = group.commands.iter().find(|c| c.name == cname);
        return command.map(|c| (c, cm)).ok_or_else(unknown);
    }
    let command = app.commands.iter().find(|c| c.name == name);
    command.map(|c| (c, sub)).ok_or_else(unknown)
}

/// The client, from the flags then the environment; and where its key came from.
fn client<C: From<Client>>(
    app: &App<C>,
    g: &Globals,
    capture: Option<Captured>,
) -> Result<(C, Option<String>), Failure> {
    let mut builder = (app.builder)();
    let primary = format!("{}_API_KEY", app.env_prefix);
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let (key, source) = if let Some(key) = &g.api_key {
        (Some(key.clone()), Some("--api-key".to_owned()))
    } else if let Some(key) = var(&primary) {
        (Some(key), Some(primary))
    } else {
        let alias = app.key_env_aliases.iter().find_map(|a| Some((var(a)?, *a)));
        (
            alias.as_ref().map(|(k, _)| k.clone()),
            alias.map(|(_, a)| a.to_owned()),
        )
    };
    if key.is_none() && app.needs_key {
        let mut vars = format!("${}_API_KEY", app.env_prefix);
        for alias in app.key_env_aliases {
            vars.push_str(&format!(" or ${alias}"));
        }
        return Err(Failure::Usage(format!(
            "no API key: pass --api-key or set {vars}"
        )));
    }
    if let Some(key) = &key {
        builder = builder.api_key(key.trim());
    }
    if let Some(url) = &g.base_url {
        builder = builder.base_url(url);
    }
    if let Some(t) = g.timeout {
        builder = builder.timeout(t);
    }
    if let Some(n) = g.max_retries {
        builder = builder.max_retries(n);
    }
    if g.debug || capture.is_some() {
        let log = g.debug.then(|| Redactor {
            key: key.map(|k| k.trim().to_owned()),
            fields: app.secret_fields,
            prefixes: app.key_prefixes,
        });
        builder = builder.observe(observer(log, capture));
    }
    Ok((builder.build()?, source))
}

/// `auth status`: where the key comes from, its kind and mode; never the key.
fn auth_status<C: From<Client> + AsRef<Client>>(app: &App<C>, g: &Globals) -> Result<(), Failure> {
    let (client, source) = client(app, g, None)?;
    let client: &Client = client.as_ref();
    let (kind, mode) = client.api_key().map(app.key_class).unwrap_or((None, None));
    let report = serde_json::json!({
        "source": source,
        "kind": kind.unwrap_or("unknown"),
        "mode": mode.unwrap_or("unknown"),
        "base_url": client.base_url(),
    });
    print_value(report, g)
}

fn print_value(value: Value, g: &Globals) -> Result<(), Failure> {
    let value = output::transform(g.transform.as_ref(), value);
    let format = if g.format == Format::Raw {
        Format::Jsonl
    } else {
        g.format
    };
    output::write(output::render(&value, format)?.as_bytes())
}

async fn execute(call: Call, g: &Globals, capture: Option<Captured>) -> Result<(), Failure> {
    let raw = |capture: Option<Captured>| {
        let body = capture.and_then(|c| c.lock().ok().and_then(|mut b| b.take()));
        output::write(&body.unwrap_or_default())
    };
    match call.0 {
        Kind::One(send) => match send.await? {
            _ if g.format == Format::Raw => raw(capture),
            Printed::Value(v) => print_value(v, g),
            Printed::Text(t) => output::write(t.as_bytes()),
            Printed::Bytes(b) => output::write(&b),
            Printed::Nothing => Ok(()),
        },
        Kind::Paged { first, .. } if g.format == Format::Raw => {
            first.await?;
            raw(capture)
        }
        Kind::Paged { items, .. } => print_items(items, g).await,
    }
}

/// Every item of a list (up to `--max-items`): jsonl prints each as it comes, the other
/// formats print one array at the end.
async fn print_items(
    mut items: BoxStream<Result<Value, Failure>>,
    g: &Globals,
) -> Result<(), Failure> {
    let mut all = Vec::new();
    let mut count = 0u64;
    while g.max_items.is_none_or(|max| count < max) {
        let Some(item) = items.next().await else {
            break;
        };
        let item = output::transform(g.transform.as_ref(), item?);
        count += 1;
        if g.format == Format::Jsonl {
            output::write(output::render(&item, Format::Jsonl)?.as_bytes())?;
        } else {
            all.push(item);
        }
    }
    if g.format == Format::Jsonl {
        return Ok(());
    }
    output::write(output::render(&Value::Array(all), g.format)?.as_bytes())
}
