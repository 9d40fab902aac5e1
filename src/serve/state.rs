//! The site serve keeps in memory, and the incremental rebuild that updates it. Only changed
//! documents are re-read and re-parsed; when an edit leaves the catalogue (what other pages show
//! about documents) unchanged, only the edited documents' own pages are re-rendered; files whose
//! bytes did not change are not replaced, so their ETags stay stable.

use super::overlay::{Item, Overlay};
use crate::check;
use crate::cli::Common;
use crate::config::Config;
use crate::diag::Level;
use crate::error::Error;
use crate::load::rel_path;
use crate::model::Site;
use crate::render::{theme::Theme, Job, Page, Renderer};
use crate::report::{Format, Report};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime};

/// One served file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Contents (HTML without the serve-time script and overlay).
    pub bytes: Arc<Vec<u8>>,
    /// Strong ETag of the contents.
    pub etag: String,
    /// When these bytes were first produced.
    pub modified: SystemTime,
}

/// What the HTTP side reads.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Path (`incidents/inc-1/index.html`) → file.
    pub files: HashMap<String, Entry>,
    /// Findings and fatal error of the last rebuild.
    pub overlay: Overlay,
    /// Increases whenever what is served changes.
    pub generation: u64,
    /// Number of rebuilds run (for tests and the status endpoint).
    pub rebuilds: u64,
}

/// What changed on disk, as classified by the watcher.
#[derive(Debug, Default, Clone)]
pub struct Change {
    /// sitrep.yaml (or --config) changed: reload everything.
    pub config: bool,
    /// Something under the site's themes/ changed.
    pub theme: bool,
    /// Paths under content/ that changed (files or folders, created, modified or removed).
    pub content: HashSet<PathBuf>,
}

impl Change {
    /// Whether there is anything to do.
    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && self.content.is_empty()
    }
}

/// Result of one rebuild.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files replaced, added or removed.
    pub changed_files: usize,
    /// Only stylesheets changed (the browser swaps them without reloading).
    pub css_only: bool,
    /// Whether the overlay changed.
    pub overlay_changed: bool,
}

/// Owns the site model between rebuilds (lives on the rebuild thread).
pub struct Builder {
    site_dir: PathBuf,
    content_dir: PathBuf,
    common: Common,
    config_path: PathBuf,
    drafts: bool,
    base_url: String,
    config: Config,
    site: Option<Site>,
    theme: Option<Theme>,
    patterns: Option<crate::model::placeholders::Patterns>,
    catalog: Option<crate::render::catalog::Catalog>,
    withheld: Vec<usize>,
    /// Shared with the HTTP side.
    pub shared: Arc<RwLock<Snapshot>>,
}

impl Builder {
    /// Load everything and render the first site. Errors here still give a server: the overlay
    /// shows them until they are fixed.
    pub fn new(site_dir: &Path, common: &Common, drafts: bool, base_url: String) -> Builder {
        let config_path = common.config.clone().unwrap_or_else(|| site_dir.join("sitrep.yaml"));
        let mut b = Builder {
            site_dir: site_dir.to_path_buf(),
            content_dir: site_dir.join("content"),
            common: common.clone(),
            config_path,
            drafts,
            base_url,
            config: Config::default(),
            site: None,
            theme: None,
            patterns: None,
            catalog: None,
            withheld: Vec::new(),
            shared: Arc::default(),
        };
        b.rebuild(Change { config: true, theme: true, content: HashSet::new() });
        b
    }

    /// The site directory.
    pub fn site_dir(&self) -> &Path {
        &self.site_dir
    }

    /// The configuration file watched.
    pub fn config_path(&self) -> &Path {
        &self.config_path
    }

    /// Apply a change. Never fails: problems end up in the overlay and the last good site stays.
    pub fn rebuild(&mut self, change: Change) -> Outcome {
        let started = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.try_rebuild(&change)));
        let outcome = match result {
            Ok(Ok(o)) => o,
            Ok(Err(e)) => self.fatal(e.to_string()),
            Err(_) => self
                .fatal("internal error while rebuilding (a bug in sitrep): the last good site is still served".into()),
        };
        let mut snap = self.shared.write().expect("snapshot lock");
        snap.rebuilds += 1;
        if outcome.changed_files > 0 || outcome.overlay_changed {
            snap.generation += 1;
        }
        drop(snap);
        if !self.common.quiet {
            eprintln!(
                "sitrep: rebuilt in {} ms ({} file(s) changed)",
                started.elapsed().as_millis(),
                outcome.changed_files
            );
        }
        outcome
    }

    fn fatal(&mut self, message: String) -> Outcome {
        eprintln!("error: {message}");
        let mut snap = self.shared.write().expect("snapshot lock");
        let changed = snap.overlay.fatal.as_deref() != Some(message.as_str());
        snap.overlay.fatal = Some(message);
        Outcome { changed_files: 0, css_only: false, overlay_changed: changed }
    }

    fn try_rebuild(&mut self, change: &Change) -> Result<Outcome, Error> {
        let t0 = Instant::now();
        let timings = crate::timings::enabled();
        let lap = |what: &str| {
            if timings {
                eprintln!("timing: {what}: {:.1} ms", t0.elapsed().as_secs_f64() * 1000.0);
            }
        };
        let mut full = false;
        if change.config {
            let config = Config::load(&self.config_path, self.common.config.is_some())?;
            self.config = config;
            self.patterns = Some(crate::model::placeholders::Patterns::new(&self.config));
            self.site = None;
            full = true;
        }
        if change.theme || self.theme.is_none() || change.config {
            self.theme = Some(Theme::load(&self.site_dir, &self.config.theme)?);
            full = true;
        }
        let today = crate::session::today(self.common.today.as_deref(), &self.config)?;
        if !self.content_dir.is_dir() {
            return Err(Error::Usage(format!("{} has no content/ directory", self.site_dir.display())));
        }
        let listing = crate::load::walk_content(&self.content_dir)?;
        lap("walk");
        let content =
            self.content_dir.canonicalize().map_err(|e| Error::Io { path: self.content_dir.clone(), source: e })?;
        // Changed Markdown documents: the event paths, and everything under a changed folder.
        let touched: Vec<String> = change.content.iter().map(|p| rel_path(&content, &canonical_parent(p))).collect();
        let changed: HashSet<String> = listing
            .markdown
            .iter()
            .map(|(_, rel)| rel.clone())
            .filter(|rel| touched.iter().any(|t| t == rel || t.is_empty() || rel.starts_with(&format!("{t}/"))))
            .collect();
        let old_assets = self.site.as_ref().map(|s| s.assets.clone());
        let config = &self.config;
        let patterns = &*self.patterns.get_or_insert_with(|| crate::model::placeholders::Patterns::new(config));
        let site = match self.site.take() {
            Some(old) if !full => {
                // Linear: documents added are those not in the old index; any removed shows in the counts.
                let added = listing.markdown.iter().filter(|(_, r)| !old.by_rel.contains_key(r)).count();
                let removed = old.docs.len() + added != listing.markdown.len();
                full = removed || added > 0;
                Site::rebuild(old, listing, &changed, &self.config, patterns, today)
            }
            _ => {
                full = true;
                Site::build_with(crate::load::load_content(&content)?, content.clone(), &self.config, patterns, today)
            }
        };
        let assets_changed = old_assets.as_ref() != Some(&site.assets)
            || touched.iter().any(|t| site.assets.contains(t) && !t.is_empty());
        let site = self.site.insert(site);
        lap("parse");
        let diags = check::run_publishing(site, &self.config, self.drafts);
        lap("check");
        print_findings(site, &diags, self.common.quiet);
        let withheld: Vec<usize> =
            diags.iter().filter(|d| d.rule == "security/secret" && d.level == Level::Error).map(|d| d.doc).collect();
        let theme = self.theme.as_ref().expect("theme loaded above");
        let renderer = Renderer::new(site, &self.config, theme, self.drafts, &self.base_url, &withheld);
        let catalog_changed =
            withheld != self.withheld || !self.catalog.as_ref().is_some_and(|old| old.same_as(&renderer.catalog));
        let full_render = full || catalog_changed || assets_changed;
        lap("catalog");
        let jobs: Vec<Job> = if full_render {
            renderer.jobs()
        } else {
            // Files built from document bodies, not only from the catalogue, follow every edit.
            let mut jobs = vec![Job::SearchIndex, Job::Feed];
            for rel in &changed {
                if let Some(&i) = site.by_rel.get(rel) {
                    jobs.extend(renderer.jobs_for_doc(i));
                }
            }
            jobs
        };
        let mut pages: Vec<Page> =
            jobs.par_iter().map(|j| renderer.render(j)).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect();
        if full_render {
            for rel in renderer.assets_to_publish() {
                let bytes =
                    std::fs::read(site.abs_path(rel)).map_err(|e| Error::Io { path: site.abs_path(rel), source: e })?;
                pages.push(Page { path: rel.clone(), bytes });
            }
        }
        lap("render");
        let overlay = overlay_of(site, &renderer, &diags);
        self.catalog = Some(renderer.into_catalog());
        self.withheld = withheld;
        // Swap in what changed.
        let now = SystemTime::now();
        let mut snap = self.shared.write().expect("snapshot lock");
        let mut changed_files = 0;
        let mut css_only = true;
        let produced: HashSet<String> = pages.iter().map(|p| p.path.clone()).collect();
        for p in pages {
            if snap.files.get(&p.path).is_some_and(|e| *e.bytes == p.bytes) {
                continue;
            }
            changed_files += 1;
            css_only &= p.path.ends_with(".css");
            let etag = format!("\"{}\"", crate::diag::fingerprint(&[&String::from_utf8_lossy(&p.bytes)]));
            snap.files.insert(p.path, Entry { bytes: Arc::new(p.bytes), etag, modified: now });
        }
        if full_render {
            let before = snap.files.len();
            snap.files.retain(|k, _| produced.contains(k));
            let removed = before - snap.files.len();
            changed_files += removed;
            css_only &= removed == 0;
        }
        let overlay_changed = serde_json::to_string(&snap.overlay).ok() != serde_json::to_string(&overlay).ok();
        snap.overlay = overlay;
        Ok(Outcome { changed_files, css_only: css_only && changed_files > 0, overlay_changed })
    }
}

/// The path itself when it exists, else its nearest existing parent joined with the rest
/// (deleted files cannot be canonicalised).
fn canonical_parent(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => canonical_parent(parent).join(name),
        _ => p.to_path_buf(),
    }
}

fn print_findings(site: &Site, diags: &[crate::diag::Diagnostic], quiet: bool) {
    if diags.is_empty() {
        return;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let report = Report::new(site, diags, &cwd);
    let mut text = report.render(Format::Human, false);
    if !quiet {
        text.push_str(&report.summary());
        text.push('\n');
    }
    eprint!("{text}");
}

fn overlay_of(site: &Site, renderer: &Renderer<'_>, diags: &[crate::diag::Diagnostic]) -> Overlay {
    let cwd = std::env::current_dir().unwrap_or_default();
    let item = |d: &crate::diag::Diagnostic| Item {
        path: crate::report::display_path(&site.docs[d.doc].abs, &cwd),
        line: d.line,
        rule: d.rule.to_string(),
        message: d.message.clone(),
        url: renderer.catalog.urls[d.doc].clone(),
    };
    Overlay {
        errors: diags.iter().filter(|d| d.level == Level::Error).map(item).collect(),
        warnings: diags.iter().filter(|d| d.level == Level::Warning).map(item).collect(),
        fatal: None,
    }
}
