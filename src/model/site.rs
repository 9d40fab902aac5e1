//! The whole site: documents, assets, indexes, and link resolution shared by check and render.

use super::{build_doc, Doc, Kind};
use crate::config::Config;
use crate::load::Loaded;
use crate::model::placeholders::Patterns;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Every document and asset, with indexes.
#[derive(Debug)]
pub struct Site {
    /// The `content/` directory (absolute).
    pub content_dir: PathBuf,
    /// Documents sorted by relative path.
    pub docs: Vec<Doc>,
    /// Non-Markdown files and directories under `content/` (relative).
    pub assets: BTreeSet<String>,
    /// Links to files, kept when [`Site::release_check_data`] frees the links.
    asset_links: Option<Vec<(usize, String)>>,
    /// Relative path → document index.
    pub by_rel: HashMap<String, usize, foldhash::fast::RandomState>,
    /// Lower-cased file stem → runbooks with that stem (for `runbooks:` lookups).
    pub runbook_stems: HashMap<String, Vec<usize>>,
    /// Wikilink names (lower-cased file stem or file name, and their slugs) → the first document
    /// (by path) or file with that name. Empty unless some document has a wikilink.
    by_name: HashMap<String, Vec<WikiTarget>>,
    /// [`Site::uses_wikilinks`], computed once.
    wiki_site: std::sync::OnceLock<bool>,
    /// "Now", pinned by `--today` or `SOURCE_DATE_EPOCH`.
    pub today: Date,
}

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A URL with a scheme, protocol-relative, or empty: not checked.
    External,
    /// `#fragment` in the same document.
    SameDoc(String),
    /// Another document, with an optional fragment.
    Doc(usize, Option<String>),
    /// A non-Markdown file or a directory under `content/`.
    Asset(String),
    /// A path under `content/` that does not exist (relative path).
    Missing(String),
    /// No document or file, but a page or file sitrep generates (`/actions/`, `../incidents/`,
    /// `/feed.xml`): its site path (`actions/`, `feed.xml`).
    Generated(String),
    /// A path that leaves `content/`.
    Outside(String),
}

impl Site {
    /// Parse every loaded file (in parallel) and index the result.
    pub fn build(loaded: Loaded, content_dir: PathBuf, config: &Config, today: Date) -> Site {
        Self::build_with(loaded, content_dir, config, &Patterns::new(config), today)
    }

    /// [`Site::build`] with placeholder patterns compiled beforehand (serve keeps them).
    pub fn build_with(loaded: Loaded, content_dir: PathBuf, config: &Config, patterns: &Patterns, today: Date) -> Site {
        let docs: Vec<Doc> = loaded.files.into_par_iter().map(|f| build_doc(f, config, patterns)).collect();
        Self::index(docs, loaded.assets, content_dir, today)
    }

    /// Rebuild after a change without re-parsing what did not change: documents whose relative
    /// path is in `listing` and not in `changed` are moved over from `old`; the rest are read and
    /// parsed. The result is the same as a fresh [`Site::build`] of the listing.
    pub fn rebuild(
        old: Site,
        listing: crate::load::Listing,
        changed: &std::collections::HashSet<String>,
        config: &Config,
        patterns: &Patterns,
        today: Date,
    ) -> Site {
        let mut reuse: HashMap<String, Doc> = old.docs.into_iter().map(|d| (d.rel.clone(), d)).collect();
        let jobs: Vec<(PathBuf, String, Option<Doc>)> = listing
            .markdown
            .into_iter()
            .map(|(abs, rel)| {
                let keep = if changed.contains(&rel) { None } else { reuse.remove(&rel) };
                (abs, rel, keep)
            })
            .collect();
        let docs: Vec<Doc> = jobs
            .into_par_iter()
            .map(|(abs, rel, keep)| match keep {
                Some(d) => d,
                None => build_doc(crate::load::read_source(abs, rel), config, patterns),
            })
            .collect();
        Self::index(docs, listing.assets, old.content_dir, today)
    }

    fn index(docs: Vec<Doc>, assets: BTreeSet<String>, content_dir: PathBuf, today: Date) -> Site {
        let by_rel = docs.iter().enumerate().map(|(i, d)| (d.rel.clone(), i)).collect();
        let mut runbook_stems: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in docs.iter().enumerate().filter(|(_, d)| d.kind == Kind::Runbook) {
            runbook_stems.entry(d.stem().to_lowercase()).or_default().push(i);
        }
        let by_name = if docs.iter().any(|d| d.md.links.iter().any(|l| l.wiki)) {
            wiki_names(&docs, &assets)
        } else {
            HashMap::new()
        };
        Site {
            content_dir,
            docs,
            assets,
            by_rel,
            runbook_stems,
            by_name,
            wiki_site: std::sync::OnceLock::new(),
            today,
            asset_links: None,
        }
    }

    /// What a link of document `from` points at: by path, or for a wikilink by name.
    pub fn link_target(&self, from: usize, link: &crate::markdown::Link) -> LinkTarget {
        if link.wiki {
            self.resolve_wiki(from, &link.dest)
        } else {
            self.resolve_link(from, &link.dest)
        }
    }

    /// Resolve a wikilink as Obsidian does: `Note`, `Note#Heading`, `#Heading`, `folder/Note`,
    /// `file.png`, by name anywhere in the site (the first by path when two share a name; a
    /// path such as `db/restart` picks the one in that folder), also under the slugged name
    /// `import` gave the file. `#Heading` names the heading by its text; a block reference
    /// (`#^id`) points at the note.
    pub fn resolve_wiki(&self, from: usize, dest: &str) -> LinkTarget {
        let (name, heading) = match dest.split_once('#') {
            Some((n, h)) => (n.trim(), Some(h.trim())),
            None => (dest.trim(), None),
        };
        let fragment = heading.filter(|h| !h.starts_with('^') && !h.is_empty()).map(crate::markdown::github_slug);
        if name.is_empty() {
            return fragment.map_or(LinkTarget::External, LinkTarget::SameDoc);
        }
        let lower = name.to_lowercase();
        let path = lower.strip_suffix(".md").unwrap_or(&lower).trim_start_matches('/');
        let (folder, last) = path.rsplit_once('/').unwrap_or(("", path));
        let folder_slug = crate::render::urls::slug(folder);
        let in_folder = |rel: &str| {
            if folder.is_empty() {
                return true;
            }
            let rel = rel.to_lowercase();
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
            [dir.to_string(), crate::render::urls::slug(dir)]
                .iter()
                .any(|d| d == folder || d.ends_with(&format!("/{folder}")) || *d == folder_slug)
        };
        let found = [last.to_string(), crate::render::urls::slug(last)]
            .iter()
            .filter_map(|n| self.by_name.get(n))
            .flatten()
            .find(|t| match t {
                WikiTarget::Doc(i) => in_folder(&self.docs[*i].rel),
                WikiTarget::File(rel) => in_folder(rel),
            });
        match found {
            Some(WikiTarget::Doc(i)) => LinkTarget::Doc(*i, fragment),
            Some(WikiTarget::File(rel)) => LinkTarget::Asset(rel.clone()),
            None => match self.resolve_link(from, &format!("/{name}")) {
                t @ (LinkTarget::Doc(..) | LinkTarget::Asset(_)) => t,
                _ => LinkTarget::Missing(name.to_string()),
            },
        }
    }

    /// Whether the site writes Obsidian wikilinks: some wikilink finds its note or file. Only
    /// then is one that finds nothing broken; elsewhere `[[_TOC_]]` or `[[servers]]` is text.
    pub fn uses_wikilinks(&self) -> bool {
        *self.wiki_site.get_or_init(|| {
            self.docs.iter().enumerate().any(|(i, d)| {
                d.md.links.iter().any(|l| l.wiki && !matches!(self.resolve_wiki(i, &l.dest), LinkTarget::Missing(_)))
            })
        })
    }

    /// Free what only the checks read (front-matter key positions, line starts, timelines,
    /// links and code spans): `build` calls this once the findings are printed, before
    /// rendering, which reads only text, headings, sections, metadata and action items.
    pub fn release_check_data(&mut self) {
        use rayon::prelude::*;
        // The links to files are kept: which files are published depends on who links to them.
        let asset_links: Vec<(usize, String)> =
            (0..self.docs.len()).into_par_iter().flat_map_iter(|i| self.links_to_files(i)).collect();
        self.asset_links = Some(asset_links);
        self.docs.par_iter_mut().for_each(|d| {
            d.fm.values = Vec::new();
            d.lines = crate::text::LineIndex::default();
            d.meta_issues = Vec::new();
            d.placeholders = Vec::new();
            d.unreachable = Vec::new();
            d.secrets = Vec::new();
            d.mojibake = Vec::new();
            d.timeline = Vec::new();
            d.md.links = Vec::new();
            d.md.code_blocks = Vec::new();
            d.md.code_spans = Vec::new();
            d.md.comments = Vec::new();
        });
    }

    /// The files (not documents) that document `i` links to, as content paths.
    fn links_to_files(&self, i: usize) -> impl Iterator<Item = (usize, String)> + '_ {
        // Links to documents (`x.md`, `x.md#a`, `#a`) and to the web are most links: not resolved.
        let maybe_file = |dest: &str| {
            let path = dest.split(['#', '?']).next().unwrap_or("");
            !path.is_empty() && !path.to_ascii_lowercase().ends_with(".md") && !path.contains("://")
        };
        self.docs[i].md.links.iter().filter(move |l| maybe_file(&l.dest)).filter_map(move |l| {
            match self.link_target(i, l) {
                LinkTarget::Asset(rel) => Some((i, rel)),
                _ => None,
            }
        })
    }

    /// Every (document, file) link of the site, also after [`Site::release_check_data`].
    pub fn file_links(&self) -> std::borrow::Cow<'_, [(usize, String)]> {
        match &self.asset_links {
            Some(kept) => std::borrow::Cow::Borrowed(kept),
            None => std::borrow::Cow::Owned((0..self.docs.len()).flat_map(|i| self.links_to_files(i)).collect()),
        }
    }

    /// Free every document's text (a third of a large site's model): `build` calls this once
    /// the catalogue is built, and [`Doc::source`] reads each text again when its page renders.
    pub fn release_texts(&mut self) {
        self.docs.par_iter_mut().filter(|d| d.released.is_none()).for_each(|d| {
            d.released = Some((d.text.len(), super::text_hash(&d.text)));
            d.text = String::new();
        });
    }

    /// Free every document's action items: `build` calls this once the catalogue holds them as
    /// rows (render reads the rows, never the documents' items).
    pub fn release_actions(&mut self) {
        self.docs.par_iter_mut().for_each(|d| d.actions = Vec::new());
    }

    /// Documents of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = (usize, &Doc)> {
        self.docs.iter().enumerate().filter(move |(_, d)| d.kind == kind)
    }

    /// The runbook an incident's `runbooks:` entry names: a slug (file stem), or a path relative
    /// to `content/` with or without `.md`.
    pub fn find_runbook(&self, name: &str) -> Option<usize> {
        let n = name.trim().trim_start_matches('/').trim_end_matches('/');
        let n = n.strip_suffix(".md").unwrap_or(n);
        if let Some(&i) = self.by_rel.get(&format!("{n}.md")) {
            return Some(i);
        }
        // By stem (`db-failover`), or by a path suffix (`database/db-failover`).
        let last = n.rsplit('/').next().unwrap_or(n).to_lowercase();
        let suffix = format!("/{}.md", n.to_lowercase());
        self.runbook_stems
            .get(&last)?
            .iter()
            .copied()
            .find(|&i| !n.contains('/') || format!("/{}", self.docs[i].rel.to_lowercase()).ends_with(&suffix))
    }

    /// Resolve a link written in document `from`.
    pub fn resolve_link(&self, from: usize, dest: &str) -> LinkTarget {
        let dest = dest.trim();
        let has_scheme = dest.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) && s.len() > 1
        });
        if dest.is_empty() || has_scheme || dest.starts_with("//") {
            return LinkTarget::External;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() {
            return match fragment {
                Some(f) => LinkTarget::SameDoc(f),
                None => LinkTarget::External,
            };
        }
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let from_dir = self.docs[from].rel.rsplit_once('/').map_or("", |(d, _)| d);
        let normalised = match decoded.strip_prefix('/') {
            Some(abs) => normalise_parts("", abs),
            None => normalise_parts(from_dir, &decoded),
        };
        let Some(rel) = normalised else {
            return LinkTarget::Outside(decoded.into_owned());
        };
        let rel_trim = rel.trim_end_matches('/');
        if let Some(&i) = self.by_rel.get(rel_trim) {
            return LinkTarget::Doc(i, fragment);
        }
        if rel_trim.is_empty() || self.assets.contains(rel_trim) {
            // A directory with an index page is that page.
            for index in ["index.md", "_index.md", "README.md"] {
                let p = if rel_trim.is_empty() { index.to_string() } else { format!("{rel_trim}/{index}") };
                if let Some(&i) = self.by_rel.get(&p) {
                    return LinkTarget::Doc(i, fragment);
                }
            }
            return LinkTarget::Asset(rel_trim.to_string());
        }
        // Site-style links: `/runbooks/db/` or `../db` meaning db.md.
        if let Some(&i) = self.by_rel.get(&format!("{rel_trim}.md")) {
            return LinkTarget::Doc(i, fragment);
        }
        match crate::render::urls::generated_page(rel_trim) {
            Some(path) => LinkTarget::Generated(path),
            None => LinkTarget::Missing(rel_trim.to_string()),
        }
    }

    /// Absolute path of a relative content path.
    pub fn abs_path(&self, rel: &str) -> PathBuf {
        self.content_dir.join(Path::new(rel))
    }
}

/// What a wikilink name stands for.
#[derive(Debug, Clone)]
enum WikiTarget {
    Doc(usize),
    File(String),
}

/// The names wikilinks use for every document (file stem) and file (file name), lower-cased,
/// also slugged, each with every document or file of that name in path order.
fn wiki_names(docs: &[Doc], assets: &BTreeSet<String>) -> HashMap<String, Vec<WikiTarget>> {
    let mut out: HashMap<String, Vec<WikiTarget>> = HashMap::new();
    let mut add = |name: &str, t: WikiTarget| {
        let lower = name.to_lowercase();
        let slugged = crate::render::urls::slug(&lower);
        if slugged != lower {
            out.entry(slugged).or_default().push(t.clone());
        }
        out.entry(lower).or_default().push(t);
    };
    for (i, d) in docs.iter().enumerate() {
        add(d.stem(), WikiTarget::Doc(i));
    }
    for rel in assets {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if name.contains('.') {
            add(name, WikiTarget::File(rel.clone()));
        }
    }
    out
}

/// Lexically normalise a `/`-separated path; `None` if it climbs above the root.
#[cfg(test)]
fn normalise_rel(p: &str) -> Option<String> {
    normalise_parts("", p)
}

/// [`normalise_rel`] of `dir/p` without building that string first (every link of every
/// document is resolved three times in a build: two checks and the page).
fn normalise_parts(dir: &str, p: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::with_capacity(8);
    for part in dir.split(['/', '\\']).chain(p.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            other => out.push(other),
        }
    }
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::normalise_rel;

    #[test]
    fn normalises() {
        assert_eq!(normalise_rel("a/b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise_rel("a/../../x"), None);
        assert_eq!(normalise_rel("./a//b").as_deref(), Some("a/b"));
    }

    #[test]
    fn released_texts_are_read_again_and_changes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("runbooks")).unwrap();
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\n# A\r\n\r\nBody text.\r\n";
        std::fs::write(content.join("runbooks/a.md"), text).unwrap();
        std::fs::write(content.join("runbooks/b.md"), "# B\n").unwrap();
        let config = crate::config::Config::default();
        let loaded = crate::load::load_content(&content).unwrap();
        let today = jiff::civil::date(2026, 1, 1);
        let mut site = super::Site::build(loaded, content.clone(), &config, today);
        let held: Vec<String> = site.docs.iter().map(|d| d.source().unwrap().into_owned()).collect();
        site.release_texts();
        assert!(site.docs.iter().all(|d| d.text.is_empty()));
        // Read again: the same normalised text (BOM dropped, CRLF → LF).
        let again: Vec<String> = site.docs.iter().map(|d| d.source().unwrap().into_owned()).collect();
        assert_eq!(again, held);
        assert!(again[0].starts_with("---\ntitle: A\n"));
        // A file edited (same length) or deleted since it was checked is an error naming it.
        std::fs::write(content.join("runbooks/a.md"), text.replace("Body", "Bodi")).unwrap();
        let e = site.docs[0].source().unwrap_err().to_string();
        assert!(e.contains("a.md") && e.contains("changed while the site was being built"), "{e}");
        std::fs::remove_file(content.join("runbooks/b.md")).unwrap();
        let e = site.docs[1].source().unwrap_err().to_string();
        assert!(e.contains("b.md") && e.contains("cannot read file"), "{e}");
    }
}
