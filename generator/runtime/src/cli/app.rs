//! The clap command tree, built from the generated tables, and the global flags.

use super::{App, Command, Flag, Kind, To};
use clap::builder::PossibleValuesParser;
use clap::{value_parser, Arg, ArgAction, ArgMatches};

/// Flags every command takes. The generator keeps an operation's flags off these names.
pub const GLOBAL_FLAGS: &[&str] = &[
    "api-key",
    "base-url",
    "body",
    "debug",
    "format",
    "help",
    "max-items",
    "max-retries",
    "timeout",
    "transform",
    "version",
];

/// Commands of every binary. The generator keeps groups and commands off these names.
pub const BUILTIN_COMMANDS: &[&str] = &["auth", "completion", "help"];

/// The whole command tree.
pub(super) fn command<C>(app: &'static App<C>) -> clap::Command {
    let mut root = clap::Command::new(app.name)
        .version(app.version)
        .about(app.about)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(globals(app));
    for c in app.commands {
        root = root.subcommand(operation(c));
    }
    for g in app.groups {
        let mut group = clap::Command::new(g.name)
            .about(g.about)
            .long_about(g.long_about)
            .subcommand_required(true)
            .arg_required_else_help(true);
        for c in g.commands {
            group = group.subcommand(operation(c));
        }
        root = root.subcommand(group);
    }
    let status = clap::Command::new("status")
        .about("Show where the API key comes from and its kind and mode (never the key)");
    root.subcommand(
        clap::Command::new("auth")
            .about("Authentication")
            .subcommand_required(true)
            .subcommand(status),
    )
    .subcommand(
        clap::Command::new("completion")
            .about("Print a shell completion script")
            .arg(
                Arg::new("shell")
                    .required(true)
                    .value_parser(value_parser!(clap_complete::Shell)),
            ),
    )
}

fn globals<C>(app: &App<C>) -> Vec<Arg> {
    let mut key_vars = format!("${}_API_KEY", app.env_prefix);
    for alias in app.key_env_aliases {
        key_vars.push_str(", then $");
        key_vars.push_str(alias);
    }
    let global = |name: &'static str, help: String| {
        Arg::new(name)
            .long(name)
            .global(true)
            .help(help)
            .help_heading("Global options")
    };
    vec![
        global("api-key", format!("API key [default: {key_vars}]")).value_name("KEY"),
        global(
            "base-url",
            format!(
                "Base URL of the API [default: ${}_BASE_URL]",
                app.env_prefix
            ),
        )
        .value_name("URL"),
        global(
            "format",
            "Output format [default: pretty on a terminal, json otherwise]".into(),
        )
        .value_name("FORMAT")
        .value_parser(["json", "jsonl", "yaml", "pretty", "raw"]),
        global(
            "transform",
            "Print what this JSONPath (RFC 9535) selects: from each item of a list".into(),
        )
        .value_name("JSONPATH"),
        global(
            "max-items",
            "Stop a list after this many items [default: all]".into(),
        )
        .value_name("N")
        .value_parser(value_parser!(u64)),
        global("timeout", "Timeout of each attempt, in seconds".into())
            .value_name("SECONDS")
            .value_parser(value_parser!(f64)),
        global(
            "max-retries",
            "Retries after a failed attempt [default: 2]".into(),
        )
        .value_name("N")
        .value_parser(value_parser!(u32)),
        global(
            "debug",
            "Log each request and response to stderr (the API key redacted)".into(),
        )
        .action(ArgAction::SetTrue),
    ]
}

/// The id of a flag's positional twin.
pub(super) fn positional_id(flag: &Flag) -> String {
    format!("{}#positional", flag.name)
}

fn operation<C>(c: &'static Command<C>) -> clap::Command {
    let mut cmd = clap::Command::new(c.name).about(c.about);
    if !c.long_about.is_empty() {
        cmd = cmd.long_about(c.long_about);
    }
    for f in c.flags {
        if f.positional {
            cmd = cmd.arg(
                Arg::new(positional_id(f))
                    .value_name(f.name.to_uppercase().replace('-', "_"))
                    .help(format!("The same as --{}", f.name))
                    .conflicts_with(f.name),
            );
        }
        cmd = cmd.arg(flag(c, f));
    }
    if c.body != super::BodyInput::None {
        let help = match c.body {
            super::BodyInput::Fields => {
                "The request body (JSON or YAML): inline, @FILE or - for stdin; flags win over it"
            }
            _ => "The request body: inline, @FILE or - for stdin",
        };
        cmd = cmd.arg(Arg::new("body").long("body").value_name("BODY").help(help));
    }
    cmd
}

fn flag<C>(c: &Command<C>, f: &'static Flag) -> Arg {
    let mut help = f.help.to_owned();
    if f.required {
        help.push_str(" [required]");
    }
    if f.repeat {
        help.push_str(" [repeatable]");
    }
    let mut arg = Arg::new(f.name).long(f.name).help(help);
    arg = match f.kind {
        Kind::Null => arg.action(ArgAction::SetTrue),
        Kind::Boolean => arg
            .num_args(0..=1)
            .default_missing_value("true")
            .value_parser(["true", "false"]),
        _ => arg.value_name(value_name(f.kind)).action(if f.repeat {
            ArgAction::Append
        } else {
            ArgAction::Set
        }),
    };
    if !f.values.is_empty() {
        arg = arg.value_parser(PossibleValuesParser::new(f.values));
    }
    // A switch that sends null conflicts with the flags that set the same place.
    if f.kind == Kind::Null {
        for other in c
            .flags
            .iter()
            .filter(|o| o.kind != Kind::Null && o.to == f.to)
        {
            arg = arg.conflicts_with(other.name);
        }
    }
    // A required parameter must be given (a body field may come from --body instead).
    if f.required && matches!(f.to, To::Param(_)) {
        arg = if f.positional {
            arg.required_unless_present(positional_id(f))
        } else {
            arg.required(true)
        };
    }
    arg
}

fn value_name(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "TEXT",
        Kind::Integer => "INT",
        Kind::Number => "NUMBER",
        Kind::Boolean => "BOOL",
        Kind::DateTime => "RFC3339",
        Kind::Date => "YYYY-MM-DD",
        Kind::Json => "JSON",
        Kind::File => "FILE",
        Kind::Null => "",
    }
}

/// The global settings of one run.
#[derive(Debug)]
pub(super) struct Globals {
    pub format: super::output::Format,
    pub transform: Option<serde_json_path::JsonPath>,
    pub max_items: Option<u64>,
    pub timeout: Option<std::time::Duration>,
    pub max_retries: Option<u32>,
    pub debug: bool,
    pub api_key: Option<String>,
    pub base_url: Option<String>,
}

impl Globals {
    pub fn read(m: &ArgMatches) -> Result<Globals, super::Failure> {
        use super::Failure::Usage;
        let transform = match m.get_one::<String>("transform") {
            Some(t) => Some(
                serde_json_path::JsonPath::parse(t)
                    .map_err(|e| Usage(format!("--transform `{t}` is not a JSONPath: {e}")))?,
            ),
            None => None,
        };
        let timeout = match m.get_one::<f64>("timeout") {
            Some(&s) if s.is_finite() && s > 0.0 => Some(std::time::Duration::from_secs_f64(s)),
            Some(s) => return Err(Usage(format!("--timeout must be above 0, got {s}"))),
            None => None,
        };
        Ok(Globals {
            format: super::output::Format::pick(m.get_one::<String>("format").map(String::as_str)),
            transform,
            max_items: m.get_one::<u64>("max-items").copied(),
            timeout,
            max_retries: m.get_one::<u32>("max-retries").copied(),
            debug: m.get_flag("debug"),
            api_key: m.get_one::<String>("api-key").cloned(),
            base_url: m.get_one::<String>("base-url").cloned(),
        })
    }
}
