//! The `boltz-codegen` command line.
//!
//! ```text
//! boltz-codegen generate <SPEC> --out <DIR> [--crate-name NAME] [--crate-version V | --bump] [--check] [--strict]
//! boltz-codegen diff <OLD> <NEW> | --base <REV> <NEW> [--format F] [--fail-on S]
//! boltz-codegen corpus <DIR> [--check-build] [--jobs N]
//! ```

use boltz_codegen::{write, Options, Severity};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  boltz-codegen generate <SPEC> --out <DIR> [--crate-name NAME] [--crate-version V | --bump] [--check] [--strict]
      Writes the SDK crate generated from SPEC (YAML or JSON, OpenAPI 3.0/3.1) into DIR.
      The version is V, else the one already in DIR (0.1.0 for a new crate).
      --bump    bump DIR's version by the diff of the spec recorded in DIR against SPEC
      --check   write nothing; exit 1 and show what differs when DIR is stale
      --strict  treat warnings (constructs typed as serde_json::Value) as errors
  boltz-codegen diff <OLD> <NEW> | --base <REV> <NEW> [--format text|markdown|json] [--fail-on breaking|additive]
      Prints what changed between two specs for the generated crate, and the bump it needs.
  boltz-codegen corpus <DIR> [--work DIR] [--no-check]
      Generates a crate for every spec in DIR under the work folder (default target/corpus),
      cargo-checks them all in one workspace, and prints one row per spec.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("corpus") => corpus(&args[1..]),
        Some("diff") => match boltz_codegen::diff::cli::DiffArgs::from_args(&args[1..]) {
            Ok(diff_args) => boltz_codegen::diff::cli::run_diff(diff_args),
            Err(e) => {
                eprintln!("error: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("error: unknown command `{other}`\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn generate(args: &[String]) -> ExitCode {
    let mut spec: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut check = false;
    let (mut bump, mut version_given) = (false, false);
    let mut options = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| -> Option<String> {
            let v = it.next().cloned();
            if v.is_none() {
                eprintln!("error: {flag} needs a value\n{USAGE}");
            }
            v
        };
        match a.as_str() {
            "--out" | "-o" => match value(a) {
                Some(v) => out = Some(v.into()),
                None => return ExitCode::from(2),
            },
            "--crate-name" => match value(a) {
                Some(v) => options.crate_name = Some(v),
                None => return ExitCode::from(2),
            },
            "--crate-version" => match value(a) {
                Some(v) => (options.crate_version, version_given) = (v, true),
                None => return ExitCode::from(2),
            },
            "--bump" => bump = true,
            "--check" => check = true,
            "--strict" => options.strict = true,
            s if s.starts_with('-') => {
                eprintln!("error: unknown flag `{s}`\n{USAGE}");
                return ExitCode::from(2);
            }
            s => spec = Some(s.into()),
        }
    }
    let (Some(spec), Some(out)) = (spec, out) else {
        eprintln!("error: generate needs a spec and --out\n{USAGE}");
        return ExitCode::from(2);
    };
    if bump && version_given {
        eprintln!("error: --bump and --crate-version both set the version; give one\n{USAGE}");
        return ExitCode::from(2);
    }
    if !version_given {
        match boltz_codegen::diff::bump::settle_version(&spec, &out, &mut options, bump) {
            Ok(plan) => plan.iter().for_each(|p| println!("{}", p.summary())),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let crate_flag = match &options.crate_name {
        Some(name) => format!(" --crate-name {name}"),
        None => String::new(),
    };
    let regenerate = format!(
        "cargo run -p boltz-codegen -- generate {} --out {}{crate_flag}",
        spec.display(),
        out.display()
    );
    let started = std::time::Instant::now();
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
        let stale = write::check(&generated.files, &out);
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
        return ExitCode::FAILURE;
    }
    match write::write(&generated.files, &out) {
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

fn corpus(args: &[String]) -> ExitCode {
    let mut specs: Option<PathBuf> = None;
    let mut work = PathBuf::from("target/corpus");
    let mut check = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--work" => match it.next() {
                Some(v) => work = v.into(),
                None => {
                    eprintln!("error: --work needs a value\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--no-check" => check = false,
            s if s.starts_with('-') => {
                eprintln!("error: unknown flag `{s}`\n{USAGE}");
                return ExitCode::from(2);
            }
            s => specs = Some(s.into()),
        }
    }
    let Some(specs) = specs else {
        eprintln!("error: corpus needs a folder of specs\n{USAGE}");
        return ExitCode::from(2);
    };
    let mut rows = match boltz_codegen::corpus::generate_all(&specs, &[], &work) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {}: {e}", specs.display());
            return ExitCode::FAILURE;
        }
    };
    if check {
        let lock = PathBuf::from("Cargo.lock");
        let lock = lock.exists().then_some(lock.as_path());
        if let Err(e) = boltz_codegen::corpus::check_all(&mut rows, &work, lock) {
            eprintln!("error: cargo check: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!("{}", boltz_codegen::corpus::table(&rows));
    ExitCode::SUCCESS
}
