//! Shared helpers: run the built binary, copy fixtures into temporary directories.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Output of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture directory under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Run `sitrep ARGS` in `cwd` with a clean environment (no colour, no pinned date).
pub fn sitrep(cwd: &Path, args: &[&str]) -> Run {
    sitrep_env(cwd, args, &[])
}

/// Like [`sitrep`] with extra environment variables.
pub fn sitrep_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.current_dir(cwd).args(args).env_remove("SOURCE_DATE_EPOCH").env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run sitrep");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file below `root` (sorted, directories not listed).
pub fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every file below `root` with its bytes, for byte-for-byte comparisons of two trees.
pub fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walk(root).into_iter().map(|p| (p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap())).collect()
}

/// Run `sitrep ARGS --today 2026-11-22` in `cwd`.
pub fn run_today(cwd: &Path, args: &[&str]) -> Run {
    let mut a = args.to_vec();
    a.extend_from_slice(&["--today", "2026-11-22"]);
    sitrep(cwd, &a)
}

/// Read a file that must exist, naming it on failure.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Write `files` (relative path → contents) under a new temporary directory.
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, text) in files {
        write(dir.path(), rel, text.as_bytes());
    }
    std::fs::create_dir_all(dir.path().join("content")).expect("content dir");
    dir
}

/// Write one file, creating parents.
pub fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

/// Copy a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).expect("under from");
        let dest = to.join(rel);
        if entry.is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
            std::fs::copy(&entry, &dest).expect("copy");
        }
    }
}

fn walkdir(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut children: Vec<PathBuf> =
                std::fs::read_dir(&out[i]).expect("read_dir").map(|e| e.expect("entry").path()).collect();
            children.sort();
            out.extend(children);
        }
        i += 1;
    }
    out
}

/// A runbook that passes every rule.
pub const RUNBOOK: &str = "---\ntitle: \"Database failover\"\nowner: \"team-db\"\nlast_reviewed: 2026-10-01\n---\n# Database failover\n\nPromote the replica.\n\n## Contacts\n\n- Primary: ana.ruiz@acme.test\n";

/// Findings of `rule` in short-format output.
pub fn lines_of<'a>(stdout: &'a str, rule: &str) -> Vec<&'a str> {
    let tag = format!("[{rule}]");
    stdout.lines().filter(|l| l.contains(&tag)).collect()
}
