//! Versions: the spec a generated crate was generated from (a verbatim copy written beside
//! its `Cargo.toml`), the crate's current version, and the version a verdict leads to.
//!
//! Bumps follow Cargo's reading of semver. From 1.0.0: major `x+1.0.0`, minor `x.y+1.0`,
//! patch `x.y.z+1`. Before 1.0 the leftmost non-zero number is the major one: on `0.y.z` a
//! major change gives `0.y+1.0` and a minor or patch change `0.y.z+1`; on `0.0.z` every
//! change gives `0.0.z+1`. Pre-release and build labels are dropped.

use super::{Bump, Report};
use crate::diag::Error;
use std::path::{Path, PathBuf};

/// The file names of the recorded spec: JSON specs are copied as `openapi.json`, others
/// (YAML) as `openapi.yaml`.
pub const RECORDED_JSON: &str = "openapi.json";
pub const RECORDED_YAML: &str = "openapi.yaml";

/// Where the copy of a spec goes in the generated crate.
pub fn recorded_name(spec_file: &str, text: &str) -> &'static str {
    if crate::load::looks_like_json(spec_file, text) {
        RECORDED_JSON
    } else {
        RECORDED_YAML
    }
}

/// The spec recorded in a generated crate folder: its path and text. `None` when there is
/// none; an error when both names exist (one is stale: remove it).
pub fn recorded_spec(out: &Path) -> Result<Option<(PathBuf, String)>, String> {
    let found: Vec<PathBuf> = [RECORDED_JSON, RECORDED_YAML]
        .iter()
        .map(|n| out.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => std::fs::read_to_string(one)
            .map(|text| Some((one.clone(), text)))
            .map_err(|e| format!("cannot read {}: {e}", one.display())),
        _ => Err(format!(
            "{} holds both {RECORDED_JSON} and {RECORDED_YAML}; remove the stale one",
            out.display()
        )),
    }
}

/// The `package.version` of the crate in `out`, if it has a readable `Cargo.toml`.
pub fn crate_version(out: &Path) -> Option<String> {
    let text = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table
        .get("package")?
        .get("version")?
        .as_str()
        .map(str::to_owned)
}

/// The version after a bump (see the module docs for the pre-1.0 rules).
pub fn next_version(current: &str, bump: Bump) -> Result<String, String> {
    let mut v = semver::Version::parse(current)
        .map_err(|e| format!("the crate version `{current}` is not semver: {e}"))?;
    if bump == Bump::None {
        return Ok(v.to_string());
    }
    v.pre = semver::Prerelease::EMPTY;
    v.build = semver::BuildMetadata::EMPTY;
    let major = v.major > 0;
    let minor = !major && v.minor > 0;
    match bump {
        Bump::Major if major => (v.major, v.minor, v.patch) = (v.major + 1, 0, 0),
        Bump::Minor if major => (v.minor, v.patch) = (v.minor + 1, 0),
        Bump::Major if minor => (v.minor, v.patch) = (v.minor + 1, 0),
        _ => v.patch += 1,
    }
    Ok(v.to_string())
}

/// What `generate --bump` decided.
#[derive(Debug)]
pub struct Plan {
    pub from: String,
    pub to: String,
    pub report: Report,
}

/// Diffs the spec recorded in `out` against `spec`, both lowered with `options`, and bumps
/// the version of the crate in `out` by the verdict. Without a recorded spec (a first
/// generation) the version stays.
pub fn plan(spec: &Path, out: &Path, options: &crate::Options) -> Result<Plan, Error> {
    let bad = |message: String| {
        Error::Spec(vec![
            crate::Diagnostic::error("", message).in_file(&out.display().to_string())
        ])
    };
    let from = crate_version(out).unwrap_or_else(|| options.crate_version.clone());
    let new_text = std::fs::read_to_string(spec).map_err(|source| Error::Read {
        path: spec.to_owned(),
        source,
    })?;
    let new = super::lower_str(&spec.display().to_string(), &new_text, options)?;
    let report = match recorded_spec(out).map_err(bad)? {
        Some((path, text)) => {
            let old = super::lower_str(&path.display().to_string(), &text, options)?;
            super::diff(&old, &new)
        }
        None => Report::new(Vec::new()),
    };
    let to = next_version(&from, report.bump).map_err(bad)?;
    Ok(Plan { from, to, report })
}

impl Plan {
    /// One line for the terminal: the verdict and the versions.
    pub fn summary(&self) -> String {
        format!(
            "bump: {} ({} breaking, {} additive, {} compatible changes): {} -> {}",
            self.report.bump.as_str(),
            self.report.count(super::Severity::Breaking),
            self.report.count(super::Severity::Additive),
            self.report.count(super::Severity::Compatible),
            self.from,
            self.to
        )
    }
}

/// The version `generate` writes when none is given: with `bump`, the current one bumped
/// by the verdict (the plan is returned); otherwise the version already in `out`, so a
/// plain regeneration keeps it.
pub fn settle_version(
    spec: &Path,
    out: &Path,
    options: &mut crate::Options,
    bump: bool,
) -> Result<Option<Plan>, Error> {
    if bump {
        let plan = plan(spec, out, options)?;
        options.crate_version = plan.to.clone();
        return Ok(Some(plan));
    }
    if let Some(v) = crate_version(out) {
        options.crate_version = v;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_the_cargo_way() {
        let cases = [
            ("1.2.3", Bump::Major, "2.0.0"),
            ("1.2.3", Bump::Minor, "1.3.0"),
            ("1.2.3", Bump::Patch, "1.2.4"),
            ("1.2.3", Bump::None, "1.2.3"),
            ("0.3.1", Bump::Major, "0.4.0"),
            ("0.3.1", Bump::Minor, "0.3.2"),
            ("0.3.1", Bump::Patch, "0.3.2"),
            ("0.0.4", Bump::Major, "0.0.5"),
            ("0.0.4", Bump::Minor, "0.0.5"),
            ("1.0.0-rc.1", Bump::Patch, "1.0.1"),
        ];
        for (from, bump, to) in cases {
            assert_eq!(next_version(from, bump).unwrap(), to, "{from} {bump:?}");
        }
        assert!(next_version("one", Bump::Patch).is_err());
    }
}
