//! Insta snapshots of the `boltz-api` command line's `--help`, named `cli_help__<command>`:
//! what a user reads is reviewed like the generated code.

use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(boltz_project::cli_binary())
        .args(args)
        .arg("--help")
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (name, args) in [
            ("root", &[][..]),
            ("admin_workspaces", &["admin:workspaces"]),
            ("admin_workspaces_create", &["admin:workspaces", "create"]),
            ("admin_workspaces_update", &["admin:workspaces", "update"]),
            ("admin_api_keys_create", &["admin:api-keys", "create"]),
            ("admin_usage_list", &["admin:usage", "list"]),
        ] {
            insta::assert_snapshot!(format!("cli_help__{name}"), help(args));
        }
    });
}
