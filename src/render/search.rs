//! `/search-index.json`, read by the theme's `static/search.js`: one compact row per published
//! document (kind, title, id, url, severity, services, alerts, headings, a bounded excerpt of its
//! text). Repeated strings (service names, headings) and whole heading lists are stored once
//! and referred to by index, which keeps the index small for sites written from templates.

use super::catalog::Catalog;
use crate::model::Site;
use rayon::prelude::*;
use std::collections::HashMap;

/// Interns strings and string lists by first appearance.
#[derive(Default)]
struct Pool {
    strings: Vec<String>,
    index: HashMap<String, usize>,
    lists: Vec<Vec<usize>>,
    list_index: HashMap<Vec<usize>, usize>,
}

impl Pool {
    fn id(&mut self, s: &str) -> usize {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.strings.push(s.to_string());
        self.index.insert(s.to_string(), self.strings.len() - 1);
        self.strings.len() - 1
    }

    fn list(&mut self, items: &[String]) -> usize {
        let ids: Vec<usize> = items.iter().map(|s| self.id(s)).collect();
        if let Some(&i) = self.list_index.get(&ids) {
            return i;
        }
        self.lists.push(ids.clone());
        self.list_index.insert(ids, self.lists.len() - 1);
        self.lists.len() - 1
    }
}

/// One document before interning.
struct Entry {
    kind: usize,
    title: String,
    id: String,
    url: String,
    severity: String,
    services: Vec<String>,
    alerts: Vec<String>,
    headings: Vec<String>,
    excerpt: String,
}

/// Kinds, in the order `kinds` lists them in the index.
pub const KINDS: [&str; 3] = ["incident", "runbook", "page"];

/// The search index (format in THEMES.md).
pub fn index(site: &Site, catalog: &Catalog) -> SearchIndex {
    let headings = |doc: usize| -> Vec<String> {
        site.docs[doc].md.headings.iter().filter(|h| (2..=3).contains(&h.level)).map(|h| h.text.clone()).collect()
    };
    let text = |doc: usize| site.docs[doc].md.excerpt.clone();
    let mut entries: Vec<Entry> = catalog
        .incidents
        .par_iter()
        .map(|r| Entry {
            kind: 0,
            title: r.title.clone(),
            id: r.id.clone(),
            url: r.url.clone(),
            severity: r.severity.clone(),
            services: r.services.iter().map(|s| s.name.clone()).collect(),
            alerts: Vec::new(),
            headings: headings(r.doc),
            excerpt: text(r.doc),
        })
        .collect();
    entries.par_extend(catalog.runbooks.par_iter().map(|r| Entry {
        kind: 1,
        title: r.title.clone(),
        id: String::new(),
        url: r.url.clone(),
        severity: String::new(),
        services: r.services.iter().map(|s| s.name.clone()).collect(),
        alerts: r.alerts.clone(),
        headings: headings(r.doc),
        excerpt: text(r.doc),
    }));
    entries.par_extend(catalog.pages.par_iter().filter_map(|&i| {
        Some(Entry {
            kind: 2,
            title: site.docs[i].title(),
            id: String::new(),
            url: catalog.urls[i].clone()?,
            severity: String::new(),
            services: Vec::new(),
            alerts: Vec::new(),
            headings: headings(i),
            excerpt: text(i),
        })
    }));
    let mut pool = Pool::default();
    let docs: Vec<Row> = entries
        .into_iter()
        .map(|e| {
            let services = pool.list(&e.services);
            let headings = pool.list(&e.headings);
            (e.kind, e.title, e.id, e.url, e.severity, services, e.alerts, headings, e.excerpt)
        })
        .collect();
    SearchIndex { version: 1, fields: FIELDS, kinds: KINDS, strings: pool.strings, lists: pool.lists, docs }
}

/// The row layout of `docs`.
pub const FIELDS: [&str; 9] = ["kind", "title", "id", "url", "severity", "services", "alerts", "headings", "excerpt"];

/// One row: kind, title, id, url, severity, services (list), alerts, headings (list), excerpt.
type Row = (usize, String, String, String, String, usize, Vec<String>, usize, String);

/// `/search-index.json` (format in THEMES.md).
#[derive(serde::Serialize)]
pub struct SearchIndex {
    version: u32,
    fields: [&'static str; 9],
    kinds: [&'static str; 3],
    strings: Vec<String>,
    lists: Vec<Vec<usize>>,
    docs: Vec<Row>,
}
