//! Atomic output: a build writes into a fresh sibling directory and swaps it in only when
//! everything was written, so a failed or interrupted build leaves the previous site intact.

use crate::error::Error;
use std::path::{Component, Path, PathBuf};

/// The marker file that says "sitrep made this directory; it may be replaced".
pub const MARKER: &str = ".sitrep-output";

/// An output directory being written.
pub struct Output {
    /// Where the site will end up.
    pub dest: PathBuf,
    /// Where it is written first.
    pub staging: PathBuf,
    /// Directories already created (file creation is the expensive part of a build: no
    /// redundant mkdir calls).
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// Files written so far.
    files: std::sync::atomic::AtomicUsize,
}

/// Refuse destinations that must never be replaced: `/`, the home directory, the content
/// directory or anything containing it, and non-empty directories sitrep did not make.
pub fn check_destination(dest: &Path, site_dir: &Path, content_dir: &Path) -> Result<(), Error> {
    let abs = absolute(dest)?;
    let refuse = |why: &str| Err(Error::Usage(format!("refusing to write the site into {}: {why}", abs.display())));
    if abs.parent().is_none() {
        return refuse("it is the root directory");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if absolute(&home).is_ok_and(|h| h == abs) {
            return refuse("it is the home directory");
        }
    }
    let content = absolute(content_dir)?;
    if content.starts_with(&abs) || abs.starts_with(&content) {
        return refuse("it is, contains or is inside the content directory");
    }
    if absolute(site_dir)? == abs {
        return refuse("it is the site directory");
    }
    if abs.is_file() {
        return refuse("it is a file");
    }
    if abs.is_dir() && !abs.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&abs).map_err(|e| Error::Io { path: abs.clone(), source: e })?.next().is_none();
        if !empty {
            return refuse(&format!("it is not empty and has no {MARKER} marker (delete it or choose another --out)"));
        }
    }
    Ok(())
}

/// Remove a replaced output without making the build wait: it was already renamed away
/// atomically, so the new site is live. A detached `rm` does the work (the next build sweeps up
/// if it was interrupted); where that is unavailable, remove it here.
fn remove_in_background(old: &Path) {
    let spawned = std::process::Command::new("rm")
        .arg("-rf")
        .arg("--")
        .arg(old)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        let _ = std::fs::remove_dir_all(old);
    }
}

/// Delete `.NAME.sitrep-tmp-*` and `.NAME.sitrep-old-*` siblings whose process is gone.
fn sweep_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&format!(".{name}.sitrep-")) else { continue };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| p != std::process::id() && Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Lexically absolute path (no symlink resolution needed for comparisons of our own paths).
fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let base = if p.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().map_err(|e| Error::Io { path: p.into(), source: e })?
    };
    let mut out = PathBuf::new();
    for c in base.join(p).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks of the existing part so /tmp/x and /private/tmp/x compare equal.
    Ok(out.canonicalize().unwrap_or(out))
}

impl Output {
    /// Start writing towards `dest` (checked by [`check_destination`] first). Leftovers of
    /// earlier builds that were interrupted (staging or replaced outputs) are removed first.
    pub fn begin(dest: &Path) -> Result<Output, Error> {
        let dest = absolute(dest)?;
        let parent = dest.parent().ok_or_else(|| Error::Usage("output has no parent directory".into()))?.to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::Io { path: parent.clone(), source: e })?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        sweep_leftovers(&parent, &name);
        let staging = parent.join(format!(".{name}.sitrep-tmp-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| Error::Io { path: staging.clone(), source: e })?;
        }
        std::fs::create_dir(&staging).map_err(|e| Error::Io { path: staging.clone(), source: e })?;
        Ok(Output { dest, staging, made: Default::default(), files: Default::default() })
    }

    /// The staging path of output file `rel` (never outside the staging directory), with its
    /// directory created.
    fn prepare(&self, rel: &str) -> Result<PathBuf, Error> {
        let path = self.staged(rel)?;
        if let Some(parent) = path.parent() {
            let known = self.made.lock().expect("dir set").contains(parent);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| Error::Io { path: parent.into(), source: e })?;
                self.made.lock().expect("dir set").insert(parent.to_path_buf());
            }
        }
        self.files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(path)
    }

    /// The staging path of output file `rel`, never outside the staging directory.
    fn staged(&self, rel: &str) -> Result<PathBuf, Error> {
        let safe: PathBuf =
            rel.split('/').filter(|p| !p.is_empty() && *p != "." && *p != ".." && !p.contains(['\\', '\0'])).collect();
        if safe.as_os_str().is_empty() {
            return Err(Error::Other(format!("refusing to write output path `{rel}`")));
        }
        Ok(self.staging.join(&safe))
    }

    /// Write one file (relative path; never escapes the staging directory).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.prepare(rel)?;
        std::fs::write(&path, bytes).map_err(|e| Error::Io { path, source: e })
    }

    /// How many files were written.
    pub fn files(&self) -> usize {
        self.files.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Swap the finished site in place of the old one; on failure the staging directory is
    /// removed and the old site stays.
    pub fn commit(self) -> Result<(), Error> {
        let staging = self.staging.clone();
        let result = self.swap();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }

    fn swap(&self) -> Result<(), Error> {
        self.write(MARKER, b"This directory is generated by sitrep build and replaced on every build.\n")?;
        if std::env::var_os("SITREP_TEST_FAIL_BEFORE_SWAP").is_some() {
            return Err(Error::Other("build interrupted before the output swap (SITREP_TEST_FAIL_BEFORE_SWAP)".into()));
        }
        let old = self.staging.with_file_name(format!(
            ".{}.sitrep-old-{}",
            self.dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.dest.exists();
        if had_old {
            std::fs::rename(&self.dest, &old).map_err(|e| Error::Io { path: self.dest.clone(), source: e })?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.dest) {
            if had_old {
                let _ = std::fs::rename(&old, &self.dest);
            }
            return Err(Error::Io { path: self.dest.clone(), source: e });
        }
        if had_old {
            remove_in_background(&old);
        }
        Ok(())
    }

    /// Throw the staging directory away (the previous output is untouched).
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// Large files (site-wide listings and exports) are streamed to disk through a buffer instead of
/// being assembled in memory first.
impl crate::render::Sink for Output {
    fn file(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>) -> Result<(), Error> {
        use std::io::Write as _;
        let path = self.prepare(rel)?;
        let file = std::fs::File::create(&path).map_err(|e| Error::Io { path: path.clone(), source: e })?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)?;
        w.flush().map_err(|e| Error::Io { path, source: e })
    }

    fn page(&self, page: crate::render::Page) -> Result<(), Error> {
        self.write(&page.path, &page.bytes)
    }

    /// A second name for the file already written at `like` (a hard link: no second inode
    /// or copy of the bytes; thousands of alert redirect pages come in such pairs). Where the
    /// file system refuses links, the bytes are written.
    fn page_like(&self, page: crate::render::Page, like: &str) -> Result<(), Error> {
        let path = self.prepare(&page.path)?;
        if std::fs::hard_link(self.staged(like)?, &path).is_ok() {
            return Ok(());
        }
        std::fs::write(&path, &page.bytes).map_err(|e| Error::Io { path, source: e })
    }
}
