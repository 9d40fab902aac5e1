//! `sitrep fix`: safe mechanical repairs. Mojibake (code blocks included), missing required
//! sections added as empty headings at the end, front-matter dates as ISO 8601, alias headings
//! renamed to the configured name. Edits are made on the file's own bytes, so line endings and
//! everything not repaired stay exactly as they were.

pub mod dates;

use crate::config::{Config, SectionSpec};
use crate::error::Error;
use crate::model::sections::normalise_heading;
use crate::model::{meta, Doc, Kind, LinkTarget, Site};
use std::ops::Range;
use std::path::PathBuf;

/// What was repaired in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Mojibake runs repaired.
    pub mojibake: usize,
    /// Required sections added.
    pub sections: usize,
    /// Front-matter dates rewritten.
    pub dates: usize,
    /// Alias headings renamed.
    pub headings: usize,
}

/// One file's repair.
#[derive(Debug, Clone)]
pub struct FileFix {
    /// The file.
    pub path: PathBuf,
    /// Its bytes now.
    pub old: String,
    /// Its bytes repaired.
    pub new: String,
    /// What changed.
    pub counts: Counts,
}

/// An edit of the normalised text.
struct Edit {
    span: Range<usize>,
    with: String,
}

/// Byte offset in `raw` of each byte offset of `normalise(raw)` (one past the end included).
fn offset_map(raw: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(raw.len() + 1);
    let start = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = raw.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            map.push(i);
            i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        } else {
            map.push(i);
            i += 1;
        }
    }
    map.push(raw.len());
    map
}

fn specs(config: &Config, kind: Kind) -> &[SectionSpec] {
    match kind {
        Kind::Incident => &config.sections.incident,
        Kind::Runbook => &config.sections.runbook,
        _ => &[],
    }
}

fn names(spec: &SectionSpec) -> Vec<String> {
    std::iter::once(&spec.name).chain(&spec.aliases).map(|n| normalise_heading(n)).collect()
}

/// Whether any document links to `#anchor` of document `target`.
fn anchor_linked(site: &Site, target: usize, anchor: &str) -> bool {
    site.docs.iter().enumerate().any(|(i, d)| {
        d.md.links.iter().any(|l| match site.link_target(i, l) {
            LinkTarget::Doc(t, Some(f)) => t == target && site.docs[t].md.anchor_for(&f) == Some(anchor),
            LinkTarget::SameDoc(f) => i == target && site.docs[i].md.anchor_for(&f) == Some(anchor),
            _ => false,
        })
    })
}

/// Rename alias headings to the configured names; returns the specs now present.
fn headings(
    site: &Site,
    idx: usize,
    config: &Config,
    edits: &mut Vec<Edit>,
    counts: &mut Counts,
    notes: &mut Vec<String>,
) -> Vec<bool> {
    let doc = &site.docs[idx];
    let mut present = Vec::new();
    for spec in specs(config, doc.kind) {
        let canonical = normalise_heading(&spec.name);
        if doc.sections.iter().any(|s| s.key == canonical) {
            present.push(true);
            continue;
        }
        let alias = doc.sections.iter().find(|s| names(spec).contains(&s.key));
        // A heading with the section's words (`Timeline of events`) is the section: it keeps
        // its heading, and no empty section is added to take over from it.
        present.push(alias.is_some() || crate::model::sections::find(&doc.sections, spec.keys()).is_some());
        let Some(sec) = alias else { continue };
        let h = &doc.md.headings[sec.heading];
        if anchor_linked(site, idx, &h.id) {
            notes.push(format!(
                "{}: `{}` not renamed to `{}`: links point at #{}",
                doc.abs.display(),
                h.text,
                spec.name,
                h.id
            ));
            continue;
        }
        // The heading's first line; the alias words are replaced where they appear, keeping
        // numbering, emoji and a trailing `(UTC)`.
        let line_end = doc.text[h.span.clone()].find('\n').map_or(h.span.end, |i| h.span.start + i);
        let line = &doc.text[h.span.start..line_end];
        let lower = line.to_lowercase();
        let found = std::iter::once(&spec.name)
            .chain(&spec.aliases)
            .filter(|a| normalise_heading(a) == sec.key)
            .find_map(|a| lower.find(&a.to_lowercase()).map(|at| at..at + a.len()))
            .filter(|r| line.is_char_boundary(r.start) && line.is_char_boundary(r.end));
        let span = match found {
            Some(r) => h.span.start + r.start..h.span.start + r.end,
            None => {
                let lead = line.len() - line.trim_start_matches('#').trim_start().len();
                let body = line[lead..].trim_end().trim_end_matches('#').trim_end();
                h.span.start + lead..h.span.start + lead + body.len()
            }
        };
        edits.push(Edit { span, with: spec.name.clone() });
        counts.headings += 1;
    }
    present
}

/// Dates in front-matter written in a form `check` does not read.
fn fm_dates(doc: &Doc, config: &Config, edits: &mut Vec<Edit>, counts: &mut Counts) {
    if doc.fm.error.is_some() {
        return;
    }
    let custom = match doc.kind {
        Kind::Runbook => &config.fields.runbook,
        Kind::Incident => &config.fields.incident,
        Kind::Page => &config.fields.page,
        Kind::Template => return,
    };
    let keys = meta::date_keys(doc.kind);
    let extra: Vec<(&str, bool)> = custom
        .iter()
        .filter_map(|f| match f.ty.as_str() {
            "date" => Some((f.name.as_str(), false)),
            "timestamp" => Some((f.name.as_str(), true)),
            _ => None,
        })
        .collect();
    for (name, value) in doc.fm.values() {
        let ts = keys
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .or_else(|| extra.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
        let Some(ts) = ts else { continue };
        if let Some(iso) = dates::normalise(&doc.text[value.clone()], ts, &config.timezone) {
            edits.push(Edit { span: value, with: iso });
            counts.dates += 1;
        }
    }
}

/// Plan the repairs of every document of the site (nothing is written).
pub fn plan(site: &Site, config: &Config) -> Result<(Vec<FileFix>, Vec<String>), Error> {
    let mut fixes = Vec::new();
    let mut notes = Vec::new();
    for (idx, doc) in site.docs.iter().enumerate() {
        if doc.unreadable.is_some() || doc.kind == Kind::Template {
            continue;
        }
        let raw = std::fs::read_to_string(&doc.abs).map_err(|e| Error::Io { path: doc.abs.clone(), source: e })?;
        if crate::text::normalise(&raw) != doc.text {
            return Err(Error::Other(format!(
                "{}: changed while sitrep was reading it; run fix again",
                doc.abs.display()
            )));
        }
        let mut counts = Counts::default();
        let mut edits: Vec<Edit> =
            crate::mojibake::find(&doc.text).into_iter().map(|m| Edit { span: m.span, with: m.repaired }).collect();
        counts.mojibake = edits.len();
        fm_dates(doc, config, &mut edits, &mut counts);
        let present = headings(site, idx, config, &mut edits, &mut counts, &mut notes);
        let missing: Vec<&SectionSpec> =
            specs(config, doc.kind).iter().zip(&present).filter(|(_, p)| !**p).map(|(s, _)| s).collect();
        if !missing.is_empty() {
            let open_fence = doc
                .md
                .code_blocks
                .iter()
                .any(|c| c.span.end >= doc.text.len() && !closes_fence(&doc.text[c.span.clone()]));
            // `<!-- TODO: contacts` never closed: a heading appended would be inside it, unseen,
            // and every run would add another.
            let in_code = |at: usize| {
                doc.md.code_blocks.iter().any(|c| c.span.contains(&at))
                    || doc.md.code_spans.iter().any(|c| c.contains(&at))
            };
            let open_comment = doc
                .text
                .match_indices("<!--")
                .filter(|(at, _)| !in_code(*at))
                .last()
                .is_some_and(|(at, _)| !doc.text[at + 4..].contains("-->"));
            let open = if open_fence {
                Some("an unclosed code block")
            } else if open_comment {
                Some("an unclosed HTML comment (`<!--` without `-->`)")
            } else if !doc.md.unclosed_html.is_empty() {
                Some("an unclosed raw HTML block")
            } else {
                None
            };
            if let Some(what) = open {
                notes.push(format!("{}: ends inside {what}; missing sections not added", doc.abs.display()));
            } else {
                let mut add = String::new();
                if !doc.text.is_empty() && !doc.text.ends_with('\n') {
                    add.push('\n');
                }
                for s in &missing {
                    add.push_str(&format!("\n## {}\n", s.name));
                }
                edits.push(Edit { span: doc.text.len()..doc.text.len(), with: add });
                counts.sections = missing.len();
            }
        }
        if edits.is_empty() {
            continue;
        }
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let map = offset_map(&raw);
        let nl = if raw.contains("\r\n") { "\r\n" } else { "\n" };
        let mut new = String::with_capacity(raw.len());
        let mut pos = 0;
        for e in edits {
            let (a, b) = (map[e.span.start], map[e.span.end]);
            if a < pos {
                continue; // overlaps an earlier edit
            }
            new.push_str(&raw[pos..a]);
            new.push_str(&e.with.replace('\n', nl));
            pos = b;
        }
        new.push_str(&raw[pos..]);
        if new != raw {
            fixes.push(FileFix { path: doc.abs.clone(), old: raw, new, counts });
        }
    }
    Ok((fixes, notes))
}

/// Whether a fenced block's text ends with its closing fence.
fn closes_fence(block: &str) -> bool {
    let first = block.trim_start();
    let fence: String = first.chars().take_while(|c| *c == '`' || *c == '~').collect();
    if fence.len() < 3 {
        return true; // indented code: nothing to close
    }
    let lines: Vec<&str> = block.trim_end().lines().collect();
    lines.len() > 1 && lines.last().is_some_and(|l| l.trim().starts_with(&fence))
}

/// A unified diff of one repair, paths as given.
pub fn diff(fix: &FileFix, shown: &str) -> String {
    similar::TextDiff::from_lines(&fix.old, &fix.new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_through_crlf_and_bom() {
        let raw = "\u{feff}a\r\nb\rc";
        let norm = crate::text::normalise(raw);
        assert_eq!(norm, "a\nb\nc");
        let m = offset_map(raw);
        assert_eq!(m.len(), norm.len() + 1);
        assert_eq!(&raw[m[2]..m[3]], "b");
        assert_eq!(&raw[m[4]..], "c");
    }
}
