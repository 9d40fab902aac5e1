//! The whole pipeline on one arbitrary document, for the fuzz target (`fuzz/`), the property
//! tests and the seed-corpus test: load from bytes, parse, check, render every page.

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::load::{source_from_bytes, Loaded};
use crate::model::Site;
use crate::render::{theme::Theme, Renderer};
use std::path::PathBuf;
use std::sync::LazyLock;

static THEME: LazyLock<Theme> = LazyLock::new(|| {
    Theme::load(&std::env::temp_dir().join("sitrep-no-theme"), "default").expect("built-in theme loads")
});

/// Run `bytes` as the document `rel` (e.g. `runbooks/x.md`) through load, check and render.
/// Returns the site and its findings so callers can assert invariants; panics only on bugs.
pub fn run_one(bytes: &[u8], rel: &str) -> (Site, Vec<Diagnostic>) {
    let config = Config::default();
    let src = source_from_bytes(PathBuf::from("/fuzz").join(rel), rel.to_string(), bytes.to_vec());
    let loaded = Loaded { files: vec![src], assets: Default::default() };
    let site = Site::build(loaded, PathBuf::from("/fuzz"), &config, jiff::civil::date(2026, 11, 22));
    let diags = crate::check::run(&site, &config);
    let renderer = Renderer::new(&site, &config, &THEME, true, "https://example.org/", &[]);
    for job in renderer.jobs() {
        if let Err(e) = renderer.render(&job) {
            panic!("rendering {job:?} failed: {e}");
        }
    }
    (site, diags)
}

/// The fuzz entry point: the first byte picks the document's kind.
pub fn fuzz(data: &[u8]) {
    let (kind, rest) = data.split_first().unwrap_or((&0, &[]));
    let rel = match kind % 3 {
        0 => "runbooks/x.md",
        1 => "incidents/2026/x.md",
        _ => "x.md",
    };
    let (site, diags) = run_one(rest, rel);
    let text = &site.docs[0].text;
    let lines = text.split('\n').count();
    for d in &diags {
        assert!(d.line >= 1 && d.line <= lines && d.span.end <= text.len(), "{}: position outside the file", d.rule);
    }
}
