//! `/search-index.json`, read by the theme's `static/search.js`: one compact row per published
//! document (kind, title, id, url, severity, services, alerts, headings, a bounded excerpt of its
//! text). Repeated strings (service names, headings) and whole heading lists are stored once
//! and referred to by index, which keeps the index small for sites written from templates.

use super::catalog::Catalog;
use crate::markdown::options;
use crate::model::Site;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::HashMap;

/// Longest excerpt, in characters (cut at a word boundary). Sized so the index stays under
/// 150 KB per 1,000 documents (145 KB on the generated corpus); titles, ids, headings, services
/// and alerts carry the rest of the search.
pub const EXCERPT_CHARS: usize = 36;

/// How much of a body the excerpt is taken from (then to the end of that paragraph).
const PREFIX_BYTES: usize = 4096;

/// The excerpt of every document that can be published (empty for templates and unreadable files).
pub fn excerpts(site: &Site) -> Vec<String> {
    site.docs
        .par_iter()
        .map(|d| {
            if d.unreadable.is_some() || d.kind == crate::model::Kind::Template {
                String::new()
            } else {
                excerpt(&d.text, d.body_start)
            }
        })
        .collect()
}

/// The first prose of a document body (paragraphs and list items; headings, code and tables
/// left out), whitespace collapsed, at most [`EXCERPT_CHARS`] characters.
pub fn excerpt(text: &str, body_start: usize) -> String {
    let mut out = String::new();
    let mut depth = 0usize; // inside a paragraph or list item
    let mut skip = 0usize; // inside a heading, code block or table
    let push = |out: &mut String, s: &str| {
        for w in s.split_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    // Only the start of the body is read: up to the first blank line after 4 KB (the parser's
    // block pass would otherwise walk the whole document for a short excerpt).
    let body = &text[body_start..];
    let end = if body.len() > PREFIX_BYTES {
        let from = (PREFIX_BYTES..body.len()).find(|&i| body.is_char_boundary(i)).unwrap_or(body.len());
        body[from..].find("\n\n").map_or(body.len(), |i| from + i)
    } else {
        body.len()
    };
    for ev in Parser::new_ext(&body[..end], options()) {
        match ev {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Item) => depth += 1,
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                out.push(' ');
            }
            Event::Text(t) | Event::Code(t) if depth > 0 && skip == 0 => push(&mut out, &t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
        if out.chars().count() > EXCERPT_CHARS {
            break;
        }
    }
    let out = out.trim();
    if out.chars().count() <= EXCERPT_CHARS {
        return out.to_string();
    }
    let cut: String = out.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

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
    let text = |doc: usize| catalog.excerpts[doc].clone();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_prose_only_and_bounded() {
        let doc = "---\ntitle: x\n---\n# Title\n\nFirst *words* here.\n\n```sh\nrm -rf /\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n- item `code`\n";
        assert_eq!(excerpt(doc, 17), "First words here. item code");
        let long = format!("# T\n\n{}", "word ".repeat(100));
        let e = excerpt(&long, 0);
        assert!(e.chars().count() <= EXCERPT_CHARS + 1 && e.ends_with("word…"), "{e}");
    }
}
