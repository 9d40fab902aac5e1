//! `site/duplicate-url`: two documents would be published at the same URL.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use std::collections::BTreeMap;

/// The rule.
pub static RULE: Rule = Rule {
    id: "site/duplicate-url",
    level: Level::Error,
    summary: "two documents map to the same output URL (one finding at each, naming the other), an alias to another document's page or to another document's alias, or a page or alias to one sitrep generates",
    docs: "### What it checks\nEvery published document gets a URL from its kind and path (`/incidents/<id>/`, `/runbooks/<path>/`, `/<path>/` for pages), with names lower-cased and slugged. Two documents whose URLs collide (`Cache Stampede.md` and `cache-stampede.md`, two incidents whose ids slug alike, `index.md` and `README.md` in one folder) would overwrite each other; each gets a finding naming the other. A page or a runbook `aliases:` entry at a URL sitrep generates itself (`/incidents/`, `/metrics/`, `/actions/`, anything under `/services/`, `/severity/`, `/alerts/` or `/static/`, `/feed.xml`, the JSON exports) would replace that page or fail the build, and is reported too, as is an alias at another document's URL (its page keeps the URL) or one that two documents declare (the first by path redirects). So are two spellings of one alert in different runbooks (`Disk Full` and `disk-full` share `/alerts/disk-full/`, which can lead to one runbook); the same alert name in several runbooks (a playbook listing every alert) is deliberate, and its page leads to the first runbook by path.\n\n### Why\nOne of the two pages silently disappears from the published site.\n\n### Example\n`content/runbooks/DB Failover.md` and `content/runbooks/db-failover.md` both become `/runbooks/db-failover/`.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut by_url: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_alias: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site).filter(|(_, d)| !d.meta.private) {
        let page = crate::render::urls::doc_path(d, &cx.config.kinds.runbook);
        // A page or an alias where sitrep writes a page or file of its own would replace it
        // (the incident history, a feed) or fail the build.
        if let Some(what) = crate::render::urls::generated_at(&page) {
            out.push(Finding::new(
                i,
                d.first_heading_span(),
                format!("published at /{page}, where sitrep writes {what}"),
                "move or rename the file: that URL belongs to the generated site",
            ));
        }
        for alias in &d.meta.aliases {
            let Some(path) = crate::render::urls::alias_path(alias) else { continue };
            by_alias.entry(path.clone()).or_default().push((i, alias.as_str()));
            if let Some(what) = crate::render::urls::generated_at(&path) {
                out.push(Finding::new(
                    i,
                    d.fm.value_span("aliases").unwrap_or_else(|| d.first_heading_span()),
                    format!("alias `{alias}` would redirect from /{path}, where sitrep writes {what}"),
                    "remove the alias: that URL belongs to the generated site",
                ));
            }
        }
        by_url.entry(page).or_default().push(i);
    }
    // Alert redirects: two spellings of one alert URL in different runbooks (`Disk Full`,
    // `disk-full`) are two alerts to their authors but one page, which can lead to one runbook.
    // (The same name in several runbooks, a playbook listing every alert, is deliberate: its
    // page leads to the first runbook by path.)
    let mut by_alert: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, d) in checked_docs(cx.site).filter(|(_, d)| !d.meta.private && d.kind == crate::model::Kind::Runbook) {
        for a in &d.meta.alerts {
            by_alert.entry(crate::render::urls::slug(a)).or_default().push((i, a.as_str()));
        }
    }
    for (slug, names) in &by_alert {
        for &(i, name) in names {
            let others: Vec<String> = names
                .iter()
                .filter(|(o, n)| *o != i && *n != name)
                .map(|&(o, n)| format!("`{n}` in {}", cx.site.docs[o].rel))
                .collect();
            if others.is_empty() {
                continue;
            }
            let d = &cx.site.docs[i];
            out.push(Finding::new(
                i,
                d.fm.value_span("alerts").unwrap_or_else(|| d.first_heading_span()),
                format!("alert `{name}` redirects from /alerts/{slug}/, like {}", others.join(", ")),
                "spell the alert the same way everywhere (its URL can lead to one runbook), or rename one",
            ));
        }
    }
    // An alias at another document's URL would replace its page; two documents with one alias
    // would each redirect there.
    for (path, aliases) in &by_alias {
        for &(i, alias) in aliases {
            let d = &cx.site.docs[i];
            let span = d.fm.value_span("aliases").unwrap_or_else(|| d.first_heading_span());
            let pages: Vec<&str> = by_url
                .get(path)
                .into_iter()
                .flatten()
                .filter(|&&o| o != i)
                .map(|&o| cx.site.docs[o].rel.as_str())
                .collect();
            let others: Vec<&str> =
                aliases.iter().filter(|(o, _)| *o != i).map(|&(o, _)| cx.site.docs[o].rel.as_str()).collect();
            if let Some(page) = pages.first() {
                out.push(Finding::new(
                    i,
                    span,
                    format!("alias `{alias}` would redirect from /{path}, where {page} is published"),
                    "remove the alias, or move that document: its page keeps the URL",
                ));
            } else if !others.is_empty() {
                out.push(Finding::new(
                    i,
                    span,
                    format!("alias `{alias}` would redirect from /{path}, like an alias of {}", others.join(", ")),
                    "keep the alias in one document: one URL can redirect to one page",
                ));
            }
        }
    }
    for (url, docs) in by_url.iter().filter(|(_, v)| v.len() > 1) {
        for &i in docs {
            let others: Vec<&str> = docs.iter().filter(|&&o| o != i).map(|&o| cx.site.docs[o].rel.as_str()).collect();
            let d = &cx.site.docs[i];
            let span = d.fm.value_span("id").unwrap_or_else(|| d.first_heading_span());
            out.push(Finding::new(
                i,
                span,
                format!("published at /{url}, like {}", others.join(", ")),
                "rename one of the files (or give the incident its own id) so each page has its own URL",
            ));
        }
    }
    out
}
