//! Reading the site from disk: the only stage of `check` that touches the file system.

pub mod frontmatter;

use crate::error::Error;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A file that could not be used as text.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// Byte offset of the first invalid byte (0 for I/O errors).
    pub offset: usize,
    /// What went wrong.
    pub message: String,
}

/// One Markdown file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute path.
    pub abs: PathBuf,
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    /// Text with BOM removed and line ends normalised to LF (lossy when unreadable).
    pub text: String,
    /// Set when the file is not valid UTF-8 or could not be read.
    pub unreadable: Option<Unreadable>,
}

/// Everything under `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Markdown documents, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// Every other file and every directory (relative paths), for link checking and copying.
    pub assets: BTreeSet<String>,
}

/// What a walk of `content/` found: Markdown files (absolute, relative) and other entries.
#[derive(Debug, Default)]
pub struct Listing {
    /// Markdown files, sorted by relative path.
    pub markdown: Vec<(PathBuf, String)>,
    /// Every other file and every directory (relative paths).
    pub assets: BTreeSet<String>,
}

/// How many files are read at once. Reading is I/O-bound when the files are not in the page
/// cache (a fresh CI checkout): more readers than cores keep the disk busy. Measured on the 10k
/// corpus with a dropped cache: 0.62 s with 2 readers, 0.28 s with 8; no change when cached.
const READERS: usize = 8;

/// Walk `content_dir` (not following symlinks out of it; hidden entries skipped) and read every
/// `*.md` file in parallel.
pub fn load_content(content_dir: &Path) -> Result<Loaded, Error> {
    let listing = walk_content(content_dir)?;
    let read = |md: Vec<(PathBuf, String)>| -> Vec<SourceFile> {
        md.into_par_iter().map(|(abs, rel)| read_source(abs, rel)).collect()
    };
    let pool = (listing.markdown.len() > 64).then(|| rayon::ThreadPoolBuilder::new().num_threads(READERS).build());
    let files = match pool {
        Some(Ok(pool)) => pool.install(|| read(listing.markdown)),
        _ => read(listing.markdown),
    };
    Ok(Loaded { files, assets: listing.assets })
}

/// List `content_dir` without reading any file.
pub fn walk_content(content_dir: &Path) -> Result<Listing, Error> {
    let root = content_dir.canonicalize().map_err(|e| Error::Io { path: content_dir.to_path_buf(), source: e })?;
    let mut md_paths = Vec::new();
    let mut assets = BTreeSet::new();
    let walker = walkdir::WalkDir::new(&root).follow_links(false).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')) {
        let Ok(entry) = entry else { continue };
        if entry.depth() == 0 {
            continue;
        }
        let rel = rel_path(&root, entry.path());
        let mut ft = entry.file_type();
        if ft.is_symlink() {
            // Follow a symlink only when it stays inside content/.
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&root) => match std::fs::metadata(&target) {
                    Ok(m) => ft = m.file_type(),
                    Err(_) => continue,
                },
                _ => continue,
            }
        }
        if ft.is_dir() {
            assets.insert(rel);
        } else if ft.is_file() {
            if rel.ends_with(".md") {
                md_paths.push((entry.path().to_path_buf(), rel));
            } else {
                assets.insert(rel);
            }
        }
    }
    Ok(Listing { markdown: md_paths, assets })
}

/// Read one file into a `SourceFile`, never failing: problems become `unreadable`.
pub fn read_source(abs: PathBuf, rel: String) -> SourceFile {
    match std::fs::read(&abs) {
        Ok(bytes) => source_from_bytes(abs, rel, bytes),
        Err(e) => SourceFile {
            abs,
            rel,
            text: String::new(),
            unreadable: Some(Unreadable { offset: 0, message: format!("cannot read file: {e}") }),
        },
    }
}

/// Decode bytes as UTF-8 (BOM dropped, line ends normalised).
pub fn source_from_bytes(abs: PathBuf, rel: String, bytes: Vec<u8>) -> SourceFile {
    match String::from_utf8(bytes) {
        Ok(s) => SourceFile { abs, rel, text: crate::text::normalise(&s), unreadable: None },
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes());
            let text = crate::text::normalise(&lossy);
            // Offset of the bad byte in the normalised text: normalise the valid prefix alone.
            let prefix = crate::text::normalise(&String::from_utf8_lossy(&e.as_bytes()[..bad]));
            SourceFile {
                abs,
                rel,
                text,
                unreadable: Some(Unreadable {
                    offset: prefix.len(),
                    message: format!("not valid UTF-8: invalid byte at offset {bad}"),
                }),
            }
        }
    }
}

/// `path` relative to `root`, `/`-separated.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
