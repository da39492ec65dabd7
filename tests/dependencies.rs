//! Downstream crates depend on `boltz-api` alone (default features): the command line's
//! crates (clap, clap_complete, serde_json_path, serde_norway) are behind its `cli` feature; none of the generator's crates is in its
//! dependency graph, and syn/quote/proc-macro2 appear only as the compile-time implementation
//! of proc-macro derives (serde_derive; displaydoc under url's IDNA support, which
//! reqwest needs), never as a library the SDK or its runtime dependencies link.

use std::process::Command;

fn tree(edges: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(boltz_project::root())
        .args(["tree", "-p", "boltz-api", "-e", edges, "--prefix", "none"])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_sdk_never_builds_the_generator() {
    let all = tree("normal,build");
    assert!(all.contains(&"reqwest".to_owned()), "{all:?}");
    for forbidden in [
        "boltz-codegen",
        "openapiv3",
        "serde_yaml",
        "prettyplease",
        "heck",
        "similar",
        // The command line's, behind feature `cli`.
        "clap",
        "clap_builder",
        "clap_complete",
        "serde_json_path",
        "serde_norway",
    ] {
        assert!(
            !all.contains(&forbidden.to_owned()),
            "{forbidden} is in boltz-api's dependency graph"
        );
    }
    let linked = tree("normal,build,no-proc-macro");
    for forbidden in ["syn", "quote", "proc-macro2"] {
        assert!(
            !linked.contains(&forbidden.to_owned()),
            "{forbidden} is linked into boltz-api's graph"
        );
    }
}

#[test]
fn the_cli_feature_brings_the_command_line_crates() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(boltz_project::root())
        .args([
            "tree",
            "-p",
            "boltz-api",
            "--features",
            "cli",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .output()
        .expect("cargo tree runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for needed in [
        "clap ",
        "clap_complete ",
        "serde_json_path ",
        "serde_norway ",
    ] {
        assert!(
            text.contains(needed),
            "{needed} is missing with --features cli:\n{text}"
        );
    }
}
