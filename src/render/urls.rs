//! The URL of every generated page. All internal links are written relative to the page that
//! holds them (`root` + path), so the site works from any sub-path and from `file://`.

use crate::model::{Doc, Kind};

/// Lower-cased slug: letters and digits kept, everything else collapsed to single `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || c == '.' && !out.is_empty() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_matches(|c| c == '-' || c == '.').to_string();
    // Never a path component that means something to a file system.
    if t.is_empty() || t.chars().all(|c| c == '.') {
        "page".to_string()
    } else {
        t
    }
}

/// The redirect page path of a runbook alias (`db/old-failover.md` → `db/old-failover/`), or
/// `None` when nothing is left of it.
pub fn alias_path(alias: &str) -> Option<String> {
    let path: Vec<String> = alias.split('/').filter(|p| !p.is_empty() && *p != "." && *p != "..").map(slug).collect();
    let path = path.join("/").trim_end_matches(".md").to_string();
    (!path.is_empty()).then(|| format!("{path}/"))
}

/// Listing pages sitrep generates at the top of the site.
const GENERATED_PAGES: [&str; 7] = ["incidents", "runbooks", "services", "actions", "metrics", "alerts", "severity"];
/// Folders whose every page sitrep generates (services, severity levels, alert redirects, theme files).
const GENERATED_FOLDERS: [&str; 4] = ["services", "severity", "alerts", "static"];
/// Files sitrep writes at the top of the site.
const GENERATED_FILES: [&str; 8] = [
    "index.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "incidents.json",
    "actions.json",
    "search-index.json",
    crate::write::MARKER,
];

/// What a document page or alias at `path` (as [`doc_path`] or [`alias_path`] give it) would
/// overwrite among the pages and files sitrep generates itself, if anything.
pub fn generated_at(path: &str) -> Option<String> {
    let first = path.split('/').next().unwrap_or("");
    let rest = path[first.len()..].trim_start_matches('/');
    if GENERATED_FILES.contains(&first) {
        Some(format!("the generated /{first}"))
    } else if GENERATED_PAGES.contains(&first) && rest.is_empty() {
        Some(format!("the generated /{first}/ page"))
    } else if GENERATED_FOLDERS.contains(&first) {
        Some(format!("the generated pages under /{first}/"))
    } else {
        None
    }
}

/// The site path of a top-level page or file sitrep generates, named as a content path
/// (`actions` → `actions/`, `feed.xml`): what a link such as `/actions/` points at.
pub fn generated_page(rel: &str) -> Option<String> {
    if GENERATED_PAGES.contains(&rel) {
        Some(format!("{rel}/"))
    } else if GENERATED_FILES.contains(&rel) && rel != crate::write::MARKER {
        Some(rel.to_string())
    } else {
        None
    }
}

/// Site-relative path (no leading `/`, ending in `/` unless empty) of a document's page.
pub fn doc_path(doc: &Doc, runbook_folders: &[String]) -> String {
    let rel = doc.rel.strip_suffix(".md").unwrap_or(&doc.rel);
    let parts: Vec<&str> = rel.split('/').collect();
    let slugged = |ps: &[&str]| ps.iter().map(|p| slug(p)).collect::<Vec<_>>().join("/");
    match doc.kind {
        Kind::Incident => {
            let id = doc.meta.id.clone().unwrap_or_else(|| doc.stem().to_string());
            format!("incidents/{}/", slug(&id))
        }
        Kind::Runbook => {
            let inner = if parts.len() > 1 && runbook_folders.iter().any(|f| f == parts[0]) {
                &parts[1..]
            } else {
                &parts[parts.len() - 1..]
            };
            format!("runbooks/{}/", slugged(inner))
        }
        Kind::Page | Kind::Template => {
            let mut ps: Vec<&str> = parts.clone();
            if matches!(ps.last(), Some(&"index") | Some(&"_index") | Some(&"README")) {
                ps.pop();
            }
            if ps.is_empty() {
                String::new()
            } else {
                format!("{}/", slugged(&ps))
            }
        }
    }
}

/// `../` repeated once per directory level of `path` (a site-relative page path).
pub fn root_for(path: &str) -> String {
    let depth = path.trim_end_matches('/').split('/').filter(|s| !s.is_empty()).count();
    let depth = if path.ends_with('/') || path.is_empty() { depth } else { depth.saturating_sub(1) };
    "../".repeat(depth)
}

/// Site-relative path of a static or copied file, with each segment percent-encoded for hrefs.
pub fn asset_href(rel: &str) -> String {
    const SET: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`');
    rel.split('/').map(|s| percent_encoding::utf8_percent_encode(s, SET).to_string()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("INC-2026-007"), "inc-2026-007");
        assert_eq!(slug("SEV 1"), "sev-1");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("%2e%2e"), "2e-2e");
        assert_eq!(slug("a\\b/c\0d"), "a-b-c-d");
        assert_eq!(slug(".."), "page");
    }

    #[test]
    fn roots() {
        assert_eq!(root_for(""), "");
        assert_eq!(root_for("incidents/"), "../");
        assert_eq!(root_for("incidents/inc-1/"), "../../");
        assert_eq!(root_for("404.html"), "");
    }
}
