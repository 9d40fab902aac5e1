//! `--changed-since REV`: which files git says changed (or were deleted or added) since REV.

use crate::error::Error;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Absolute paths of files changed since `rev` (committed, staged, unstaged or untracked).
pub fn changed_files(site_dir: &Path, rev: &str) -> Result<BTreeSet<PathBuf>, Error> {
    let git = |args: &[&str]| -> Result<String, Error> {
        let out = Command::new("git")
            .arg("-C")
            .arg(site_dir)
            .args(args)
            .output()
            .map_err(|e| Error::Other(format!("--changed-since needs git: {e}")))?;
        if !out.status.success() {
            return Err(Error::Usage(format!(
                "--changed-since {rev}: git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim());
    let mut set = BTreeSet::new();
    let diff = git(&["diff", "--name-only", "--no-renames", "-z", rev, "--"])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard", "-z", "--full-name"])?;
    for name in diff.split('\0').chain(untracked.split('\0')).filter(|s| !s.is_empty()) {
        set.insert(top.join(name));
    }
    Ok(set)
}
