//! The `boltz-codegen` command line (see `boltz-codegen --help`).
//!
//! ```text
//! boltz-codegen generate <SPEC> --out <DIR> [--crate-name NAME] [--crate-version V | --bump] [--check] [--strict]
//! boltz-codegen diff <OLD> <NEW> | --base <REV> <NEW> [--format F] [--fail-on S]
//! boltz-codegen corpus <DIR> [--work DIR] [--no-check | --examples]
//! ```
//!
//! Exit codes: 0 on success, 1 when generation, the check or the corpus run fails, 2 for bad
//! arguments (clap's usage errors).

use boltz_codegen::{write, Generated, Options, Severity};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates a typed async Rust SDK crate from an OpenAPI 3.0/3.1 description.
#[derive(Parser)]
#[command(
    name = "boltz-codegen",
    version,
    propagate_version = true,
    after_help = "Examples:
  boltz-codegen generate spec/boltz-api.yaml --out generated
  boltz-codegen generate openapi.json --out my-client --crate-name my-client --check
  boltz-codegen diff --base origin/main spec/boltz-api.yaml --format markdown --fail-on breaking
  boltz-codegen corpus ../shared/corpus/specs

Exit codes: 0 success, 1 generation or check failed (diff: --fail-on triggered), 2 bad
arguments or a spec that does not load."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// One variant per subcommand; each runs through [`Command::run`].
#[derive(Subcommand)]
enum Command {
    Generate(GenerateArgs),
    Diff(DiffCmd),
    Corpus(CorpusArgs),
}

impl Command {
    fn run(self) -> ExitCode {
        match self {
            Command::Generate(args) => generate(args),
            Command::Diff(args) => boltz_codegen::diff::cli::run_diff(args.into()),
            Command::Corpus(args) => corpus(args),
        }
    }
}

/// Writes the SDK crate generated from SPEC into DIR.
///
/// Files are written only when their bytes change; generated Rust files under DIR/src that
/// are no longer produced are removed. Warnings (constructs typed as serde_json::Value) are
/// printed with their JSON pointer.
#[derive(Args)]
struct GenerateArgs {
    /// The OpenAPI 3.0/3.1 description (YAML or JSON).
    #[arg(value_name = "SPEC")]
    spec: PathBuf,
    /// The folder of the generated crate.
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
    /// Name of the generated crate [default: the spec's `x-sdk: {crate-name}`, else
    /// `info.title` in kebab-case].
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Version written into the generated Cargo.toml [default: the one already in DIR, else
    /// 0.1.0].
    #[arg(long, value_name = "V", conflicts_with = "bump")]
    crate_version: Option<String>,
    /// Bump DIR's version by the verdict of `diff` between the spec recorded in DIR and SPEC.
    #[arg(long)]
    bump: bool,
    /// Write nothing; exit 1 and show what differs when DIR is stale.
    #[arg(long)]
    check: bool,
    /// Treat warnings (constructs typed as serde_json::Value) as errors.
    #[arg(long)]
    strict: bool,
    /// Depend on the runtime crate (`codegen-runtime`, generator/runtime/ in this project)
    /// at DIR instead of vendoring a copy into DIR/src/runtime/, so that SDKs generated this
    /// way compile one runtime between them. DIR is written into Cargo.toml as given, so it
    /// is read from the crate's folder (OUT) when relative.
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<String>,
}

/// Prints what changed between two specs for the generated crate, and the bump it needs.
///
/// Each change has a severity (breaking, additive, compatible), a side (request, response,
/// both), the Rust item it touches, JSON pointers into both specs and one line saying why;
/// the verdict is major, minor, patch or none (docs/diff.md documents the JSON format).
#[derive(Args)]
struct DiffCmd {
    /// The old and new specs; with --base, only the new one.
    #[arg(value_name = "SPEC", num_args = 1..=2, required = true)]
    specs: Vec<String>,
    /// A git revision: the old spec is the new one's path at that revision.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Output format.
    #[arg(long, value_parser = ["text", "markdown", "json"], default_value = "text")]
    format: String,
    /// Exit 1 when a change this severe (or worse) exists.
    #[arg(long, value_name = "SEVERITY", value_parser = ["breaking", "additive"])]
    fail_on: Option<String>,
}

impl From<DiffCmd> for boltz_codegen::diff::cli::DiffArgs {
    fn from(cmd: DiffCmd) -> Self {
        let mut specs = cmd.specs.into_iter();
        let (old, new) = match (cmd.base.is_some(), specs.next(), specs.next()) {
            (true, Some(new), _) => (None, new),
            (false, Some(old), Some(new)) => (Some(old), new),
            (_, Some(only), None) => (None, only),
            _ => (None, String::new()),
        };
        boltz_codegen::diff::cli::DiffArgs {
            old,
            new,
            base: cmd.base,
            format: cmd.format,
            fail_on: cmd.fail_on,
        }
    }
}

/// Generates a crate for every spec in DIR and cargo-checks them all.
///
/// Every `.json`, `.yaml` and `.yml` file in DIR is generated under WORK/crates; the crates
/// are checked in one workspace with one target folder, and one row per spec is printed
/// (generation warnings, lines, time, compiler errors and warnings).
#[derive(Args)]
struct CorpusArgs {
    /// The folder of specs.
    #[arg(value_name = "DIR")]
    specs: PathBuf,
    /// Where the crates (WORK/crates) and their target folder (WORK/target) go.
    #[arg(long, value_name = "WORK", default_value = "target/corpus")]
    work: PathBuf,
    /// Only generate; skip `cargo check`.
    #[arg(long)]
    no_check: bool,
    /// Check every example of every spec instead: valid against its schema, decodes into the
    /// generated type, re-encodes to the same JSON (builds and runs a harness per crate).
    #[arg(long, conflicts_with = "no_check")]
    examples: bool,
    /// Also build every crate's documentation with rustdoc warnings denied (after the check).
    #[arg(long, conflicts_with_all = ["no_check", "examples"])]
    doc: bool,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Some(command) => command.run(),
        None => {
            use clap::CommandFactory;
            // As `--help`: usage on standard output, success.
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}

fn generate(args: GenerateArgs) -> ExitCode {
    let GenerateArgs {
        spec,
        out,
        crate_name,
        crate_version,
        bump,
        check,
        strict,
        runtime_path,
    } = args;
    let mut options = Options {
        crate_name,
        strict,
        runtime_path,
        ..Options::default()
    };
    match crate_version {
        Some(v) => options.crate_version = v,
        None => match boltz_codegen::diff::bump::settle_version(&spec, &out, &mut options, bump) {
            Ok(plan) => plan.iter().for_each(|p| println!("{}", p.summary())),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
    }
    // Names the crate already has are kept (read from the spec it records).
    match boltz_codegen::baseline_names(&out, &options) {
        Ok(names) => options.previous_names = names,
        Err(e) => {
            eprintln!(
                "warning: the spec recorded in {} does not load, so names are decided afresh:\n{e}",
                out.display()
            );
        }
    }
    let mut crate_flag = match &options.crate_name {
        Some(name) => format!(" --crate-name {name}"),
        None => String::new(),
    };
    if let Some(dir) = &options.runtime_path {
        crate_flag.push_str(&format!(" --runtime-path {dir}"));
    }
    let regenerate = format!(
        "cargo run -p boltz-codegen -- generate {} --out {}{crate_flag}",
        spec.display(),
        out.display()
    );
    let started = Instant::now();
    let generated = match boltz_codegen::generate_file(&spec, &options, &regenerate) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for w in &generated.warnings {
        if w.severity == Severity::Warning {
            eprintln!("{w}");
        }
    }
    if check {
        return check_out(&generated, &spec, &out, &regenerate);
    }
    write_out(&generated, &out, started)
}

/// `--check`: compares the generated files with `out`, writes nothing.
fn check_out(generated: &Generated, spec: &Path, out: &Path, regenerate: &str) -> ExitCode {
    let stale = write::check(&generated.files, out);
    if stale.is_empty() {
        println!("{} is up to date with {}", out.display(), spec.display());
        return ExitCode::SUCCESS;
    }
    for s in &stale {
        eprintln!("{s}");
    }
    eprintln!(
        "{} is stale ({} files); run: {regenerate}",
        out.display(),
        stale.len()
    );
    ExitCode::FAILURE
}

/// Writes the generated files into `out` and prints a one-line summary.
fn write_out(generated: &Generated, out: &Path, started: Instant) -> ExitCode {
    match write::write(&generated.files, out) {
        Ok(written) => {
            let lines: usize = generated.files.values().map(|t| t.lines().count()).sum();
            println!(
                "generated {} files ({lines} lines) into {} in {:.0?}; {} changed, {} warnings",
                generated.files.len(),
                out.display(),
                started.elapsed(),
                written.len(),
                generated.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn corpus(args: CorpusArgs) -> ExitCode {
    let CorpusArgs {
        specs,
        work,
        no_check,
        examples,
        doc,
    } = args;
    let mut rows = match boltz_codegen::corpus::generate_all(&specs, &[], &work) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {}: {e}", specs.display());
            return ExitCode::FAILURE;
        }
    };
    let lock = PathBuf::from("Cargo.lock");
    let lock = lock.exists().then_some(lock.as_path());
    if examples {
        return match boltz_codegen::examples::run::check(&rows, &work, lock) {
            Ok(results) => {
                print!("{}", boltz_codegen::examples::report::report(&results));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: examples: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if !no_check {
        if let Err(e) = boltz_codegen::corpus::check_all(&mut rows, &work, lock) {
            eprintln!("error: cargo check: {e}");
            return ExitCode::FAILURE;
        }
        if doc {
            match boltz_codegen::corpus::doc_all(&mut rows, &work) {
                // Rustdoc's diagnostics in full, for the rows that name only the first.
                Ok(log)
                    if rows
                        .iter()
                        .any(|r| r.rustdoc.as_ref().is_some_and(|e| !e.is_empty())) =>
                {
                    eprintln!("{log}")
                }
                Ok(_) => {}
                Err(e) => {
                    eprintln!("error: cargo doc: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    println!("{}", boltz_codegen::corpus::table(&rows));
    ExitCode::SUCCESS
}
