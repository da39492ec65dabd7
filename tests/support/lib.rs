//! Support for the project's integration tests: a Stoplight Prism mock server.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The command that regenerates `generated/` (also in `build.rs`), named in headers.
pub const REGENERATE: &str =
    "cargo run -p boltz-codegen -- generate spec/boltz-api.yaml --out generated";

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One Prism at a time per test binary: ports are picked by binding port 0 and releasing it,
/// and two instances racing for the same port would each see the other's server.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A running `prism mock` on 127.0.0.1, stopped when dropped. Its log goes to a file.
pub struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

impl Prism {
    /// Installs Prism if needed (scripts/install-prism.sh, pinned) and starts it on a free port
    /// mocking `spec` with `--errors`, so any request that breaks the spec is answered with an
    /// error. It is ready when it logs that it listens on that port (a port stolen in between
    /// makes it exit, and it is started again on another). Panics with the log if it is not
    /// ready within `startup`.
    pub fn start(spec: &Path, startup: Duration) -> Prism {
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let root = root();
        let bin = root.join(".tools/prism/node_modules/.bin/prism");
        if !bin.exists() {
            let status = Command::new("bash")
                .arg(root.join("scripts/install-prism.sh"))
                .status()
                .expect("bash runs scripts/install-prism.sh");
            assert!(
                status.success(),
                "scripts/install-prism.sh failed; Prism is needed for the conformance tests"
            );
        }
        let deadline = Instant::now() + startup;
        loop {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let dir = tempfile::tempdir().unwrap();
            let log = dir.path().join("prism.log");
            let out = std::fs::File::create(&log).unwrap();
            let mut child = Command::new(&bin)
                .args([
                    "mock",
                    "--errors",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &port.to_string(),
                ])
                .arg(spec)
                .stdout(Stdio::from(out.try_clone().unwrap()))
                .stderr(Stdio::from(out))
                .stdin(Stdio::null())
                .spawn()
                .expect("prism starts");
            let ready = format!("listening on http://127.0.0.1:{port}");
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            let exited = loop {
                if let Ok(Some(status)) = child.try_wait() {
                    break Some(status);
                }
                if read(&log).contains(&ready)
                    && TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
                {
                    break None;
                }
                if Instant::now() >= deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("prism did not listen within {startup:?}:\n{}", read(&log));
                }
                std::thread::sleep(Duration::from_millis(100));
            };
            match exited {
                None => {
                    return Prism {
                        child,
                        port,
                        log,
                        _dir: dir,
                        _turn: turn,
                    }
                }
                // Most likely its port was taken in between: start it again on another.
                Some(status) => assert!(
                    Instant::now() < deadline,
                    "prism exited with {status}:\n{}",
                    read(&log)
                ),
            }
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything Prism logged so far.
    pub fn log(&self) -> String {
        read(&self.log)
    }

    /// Prism's validation errors so far (`[VALIDATOR] ✖` lines).
    pub fn violations(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.contains("[VALIDATOR]") && l.contains('✖'))
            .map(str::to_owned)
            .collect()
    }

    /// How many requests passed Prism's validation so far.
    pub fn passed(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| l.contains("The request passed the validation rules"))
            .count()
    }
}

fn read(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut f) = std::fs::File::open(path) {
        let _ = f.read_to_string(&mut text);
    }
    text
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The README's Rust examples are compiled as doctests, so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}
/// The `boltz-api` command line, built once per test binary with
/// `cargo build -p boltz-api --features cli --bin boltz-api` (in the workspace's target
/// directory) and found from cargo's JSON messages. A root-package test cannot use
/// `CARGO_BIN_EXE_*` of another package, and `generated/` holds only generated files.
pub fn cli_binary() -> PathBuf {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .current_dir(root())
            .args(["build", "-q", "-p", "boltz-api", "--features", "cli"])
            .args(["--bin", "boltz-api", "--message-format=json"])
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo builds the command line");
        assert!(
            out.status.success(),
            "building boltz-api --features cli failed"
        );
        let messages = String::from_utf8_lossy(&out.stdout);
        let path = messages
            .lines()
            .filter(|l| l.contains("\"compiler-artifact\""))
            .find_map(|l| {
                let start = l.find("\"executable\":\"")? + "\"executable\":\"".len();
                let end = start + l[start..].find('"')?;
                Some(PathBuf::from(&l[start..end]))
            })
            .expect("cargo names the boltz-api executable");
        assert!(path.exists(), "{} is missing", path.display());
        path
    })
    .clone()
}
