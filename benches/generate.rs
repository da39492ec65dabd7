//! Generation time and peak memory for the five largest corpus specs (and the Boltz spec).
//!
//! `cargo bench --bench generate` prints a table of medians over 9 runs, and the fastest
//! generation (host contention on a shared machine only ever slows a run). Each run is a fresh
//! process (this binary re-executes itself with `--one <spec>`), so peak memory (VmHWM) is
//! that run's alone. Stages are timed separately: load (parse, normalise, openapiv3), lower
//! (IR), emit (tokens and prettyplease formatting); generation is their sum, per run. Writing
//! the crate to a new folder is timed apart: it depends on the disk (on these machines a new
//! file can cost a millisecond or more, and more after many deletions).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const RUNS: usize = 9;

// The same allocator as the CLI.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// One generation, in this process; prints `load lower emit write peak` (ms x4, MiB).
fn one(spec: &Path) {
    let out = tempfile::tempdir().unwrap();
    let options = boltz_codegen::Options {
        crate_name: Some("bench".into()),
        ..Default::default()
    };
    let t0 = Instant::now();
    let loaded = boltz_codegen::load::load_file(spec).expect("loads");
    let t1 = Instant::now();
    let (api, _) = boltz_codegen::lower::lower(&loaded, &options).expect("lowers");
    let t2 = Instant::now();
    let files =
        boltz_codegen::emit::emit(&api, &boltz_codegen::header("bench", "bench")).expect("emits");
    let t3 = Instant::now();
    boltz_codegen::write::write(&files, out.path()).expect("writes");
    let t4 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    println!(
        "{:.2} {:.2} {:.2} {:.2} {:.1}",
        ms(t0, t1),
        ms(t1, t2),
        ms(t2, t3),
        ms(t3, t4),
        peak_rss_mib()
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        one(Path::new(&args[i + 1]));
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Specs named on the command line (`cargo bench --bench generate -- a.json b.json`, the
    // giants say) replace the default choice.
    let named: Vec<(u64, PathBuf)> = args[1..]
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(|a| (std::fs::metadata(a).map(|m| m.len()).unwrap_or(0), a.into()))
        .collect();
    if !named.is_empty() {
        return table(&named);
    }
    let corpus = root.join("../shared/corpus/specs");
    let mut specs: Vec<(u64, PathBuf)> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .flatten()
        .map(|e| (e.metadata().map(|m| m.len()).unwrap_or(0), e.path()))
        .collect();
    specs.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut chosen: Vec<(u64, PathBuf)> = specs.into_iter().take(5).collect();
    let boltz = root.join("spec/boltz-api.yaml");
    chosen.push((
        std::fs::metadata(&boltz).map(|m| m.len()).unwrap_or(0),
        boltz,
    ));
    table(&chosen);
}

/// Runs each spec `RUNS` times and prints the table.
fn table(chosen: &[(u64, PathBuf)]) {
    let exe = std::env::current_exe().unwrap();
    println!("generation, median of {RUNS} runs, each in a fresh process (ms; peak RSS MiB)\n");
    println!("| spec | size | load | lower | emit+format | **generation** | fastest | write | peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (size, spec) in chosen {
        let size = *size;
        let mut cols: Vec<Vec<f64>> = vec![Vec::new(); 5];
        for _ in 0..RUNS {
            let out = Command::new(&exe).arg("--one").arg(spec).output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            let line = text.lines().last().unwrap_or("");
            for (c, v) in cols.iter_mut().zip(line.split_whitespace()) {
                c.push(v.parse().unwrap_or(f64::NAN));
            }
        }
        // Generation = load + lower + emit (formatting included), per run.
        let generation: Vec<f64> = (0..RUNS)
            .map(|r| cols[0][r] + cols[1][r] + cols[2][r])
            .collect();
        let fastest = generation.iter().copied().fold(f64::INFINITY, f64::min);
        let generation = median(generation);
        let m: Vec<f64> = cols.into_iter().map(median).collect();
        println!(
            "| {} | {:.0} KB | {:.1} | {:.1} | {:.1} | **{:.1}** | {:.1} | {:.1} | {:.0} |",
            spec.file_name().unwrap().to_string_lossy(),
            size as f64 / 1024.0,
            m[0],
            m[1],
            m[2],
            generation,
            fastest,
            m[3],
            m[4]
        );
    }
}
