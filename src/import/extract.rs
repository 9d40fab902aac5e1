//! Reading a plain Markdown runbook or postmortem: its title, the metadata lines teams write
//! (`**Owner:** X`, `Owner: X`, `Last validated: 2025-12-17`), its kind, and an incident's id
//! and times from the file name and the Timeline.

use crate::config::Config;
use crate::markdown::Markdown;
use crate::model::sections::normalise_heading;
use crate::model::Kind;
use crate::timefmt::{parse_loose_date, parse_timestamp};
use regex::Regex;
use std::sync::LazyLock;

/// A label line: optional list marker, optional bold, `Label:`, value.
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^ {0,3}(?P<item>[-*+]\s+)?(?:\*\*|__)?\s*(?P<label>[A-Za-z][A-Za-z #/()&.-]{0,40}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$",
    )
    .expect("static regex")
});
static ID_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#?[A-Za-z0-9][A-Za-z0-9._/#-]*$").expect("static regex"));
static FILE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<id>[A-Za-z]{1,10}[-_ ]?\d{2,}(?:[-_]\d+)*)(?:\s*[-–—_:.]+\s*|\s+|$)(?P<rest>.*)$")
        .expect("static regex")
});
static ISO_IN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)(\d{4}-\d{2}-\d{2})(?:\D|$)").expect("static regex"));
static POSTMORTEM_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)post[- ]?mortem|incident (?:report|review)|retrospective|\bRCA\b|\bPIR\b|^PM[-_ ]?\d")
        .expect("static regex")
});

/// One front-matter value found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text, written quoted unless it is a plain identifier.
    Text(String),
    /// A list.
    List(Vec<String>),
}

/// What a document says about itself.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The first H1.
    pub title: Option<String>,
    /// Front-matter keys and values, in the order found.
    pub fields: Vec<(&'static str, Value)>,
    /// 0-based lines that were metadata and move into front-matter.
    pub removed: Vec<usize>,
}

impl Extracted {
    /// The value of `key`, if found.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
    /// Text value of `key`.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }
    /// Set `key` unless already set.
    pub fn set(&mut self, key: &'static str, value: Value) {
        if self.get(key).is_none() {
            self.fields.push((key, value));
        }
    }
}

/// 0-based line of each byte offset in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count()
}

/// Lines that are inside code blocks, HTML comments or tables (never metadata).
fn masked_lines(text: &str, md: &Markdown) -> Vec<bool> {
    let n = text.lines().count() + 1;
    let mut masked = vec![false; n];
    for r in md.code_blocks.iter().map(|c| c.span.clone()).chain(md.comments.iter().cloned()) {
        let (a, b) = (line_of(text, r.start), line_of(text, r.end.saturating_sub(1).max(r.start)));
        for m in masked.iter_mut().take(b + 1).skip(a) {
            *m = true;
        }
    }
    // Quotes, callouts (`> [!NOTE]`, `!!! warning`, `:::note`) and raw HTML blocks (`<pre>`,
    // `<div>`) show examples and asides, not the document's own metadata.
    use pulldown_cmark::{Event, Tag};
    for (e, r) in crate::markdown::events(text) {
        if matches!(e, Event::Start(Tag::BlockQuote(_) | Tag::HtmlBlock)) {
            let (a, b) = (line_of(text, r.start), line_of(text, r.end.saturating_sub(1).max(r.start)));
            for m in masked.iter_mut().take(b + 1).skip(a) {
                *m = true;
            }
        }
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('|') {
            masked[i] = true;
        }
    }
    masked
}

/// The front-matter key a label names for `kind`, if any.
fn key_for(kind: Kind, label: &str) -> Option<&'static str> {
    let l = label.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let l = l.trim_end_matches(['.', ' ']);
    match kind {
        Kind::Runbook => Some(match l {
            "owner" | "owners" | "owned by" | "maintainer" | "maintainers" | "maintained by" | "owning team"
            | "runbook owner" => "owner",
            "last updated" | "last reviewed" | "last validated" | "last verified" | "last review" | "reviewed"
            | "updated" | "last modified" | "review date" | "last tested" | "last checked" | "last edited"
            | "last edited time" => "last_reviewed",
            "status" | "state" | "runbook status" => "status",
            "service" | "services" => "services",
            "tags" => "tags",
            _ => return None,
        }),
        Kind::Incident => Some(match l {
            "id" | "incident id" | "incident" | "incident #" | "incident number" | "incident no" => "id",
            "severity" | "sev" | "severity level" => "severity",
            "status" | "incident status" => "status",
            "date" | "incident date" | "date of incident" => "date",
            "start" | "started" | "start time" | "incident start" | "began" => "started",
            "detected" | "detection time" | "time detected" => "detected",
            "acknowledged" | "acknowledged at" => "acknowledged",
            "mitigated" | "mitigated at" | "mitigation time" => "mitigated",
            "resolved" | "resolved at" | "end" | "end time" | "ended" | "resolution time" => "resolved",
            "incident commander" | "commander" | "ic" | "incident lead" => "commander",
            "author" | "authors" | "written by" => "authors",
            "service" | "services" | "affected services" | "affected service" => "services",
            "tags" | "labels" => "tags",
            _ => return None,
        }),
        _ => None,
    }
}

fn split_list(v: &str) -> Vec<String> {
    v.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// `value` as the front-matter value of `key`, or `None` when the line is not really metadata
/// (`Incident: Checkout was down` is prose, not an id; `Resolution: rolled back` not a time).
fn convert(key: &str, value: &str, kind: Kind, config: &Config) -> Option<Value> {
    let v = value.trim().trim_matches(|c| c == '*' || c == '_').trim();
    if v.is_empty() {
        return None;
    }
    Some(match key {
        "id" => {
            if !ID_VALUE.is_match(v) {
                return None;
            }
            Value::Text(v.trim_start_matches('#').to_string())
        }
        "last_reviewed" | "date" => match leading_date(v) {
            Some(d) => Value::Text(d.to_string()),
            None => Value::Text(v.to_string()),
        },
        "started" | "detected" | "acknowledged" | "mitigated" | "resolved" => {
            if parse_timestamp(v, &config.timezone).is_none() && parse_loose_date(v).is_none() {
                return None;
            }
            Value::Text(parse_loose_date(v).map_or_else(|| v.to_string(), |d| d.to_string()))
        }
        "status" if v.contains("://") => return None,
        "status" => Value::Text(status(v, kind)),
        "severity" => Value::Text(config.severity(v).map_or_else(|| v.to_string(), |s| s.id.clone())),
        // A sentence is not a list of names (`Service: redis-cache-prod is the only one ...`).
        "services" | "tags" | "authors" => {
            let items = split_list(v);
            if items.iter().any(|i| i.split_whitespace().count() > 4 || i.contains("://")) {
                return None;
            }
            Value::List(items)
        }
        _ => Value::Text(v.to_string()),
    })
}

/// The date a value opens with: the whole value, or its first day when it goes on with a time
/// or a range (Notion: `March 1, 2024 2:45 PM (GMT+1) → March 1, 2024 4:10 PM (GMT+1)`).
fn leading_date(v: &str) -> Option<jiff::civil::Date> {
    static LEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\d{4}-\d{2}-\d{2}|[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4})")
            .expect("static regex")
    });
    parse_loose_date(v).or_else(|| LEADING.find(v).and_then(|m| parse_loose_date(m.as_str().trim())))
}

/// A status as the schema spells it when the whole value says so; otherwise as written (a
/// human decides, and `check` says so).
fn status(v: &str, kind: Kind) -> String {
    // Words only: `✅ Resolved`, `Resolved.`, `🔴 Open` (Notion and Confluence status labels).
    let l: String = v.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    let l = l.as_str();
    let mapped = match kind {
        Kind::Runbook => match l {
            "active" | "current" | "live" | "in use" | "approved" | "published" => "active",
            "draft" | "wip" | "in progress" | "work in progress" => "draft",
            "deprecated" | "obsolete" | "retired" | "archived" => "deprecated",
            _ => return v.to_string(),
        },
        _ => match l {
            "investigating" | "identified" | "mitigated" | "resolved" | "closed" => l,
            "fixed" | "complete" | "completed" | "done" | "final" => "resolved",
            "open" | "ongoing" | "active" => "investigating",
            _ => return v.to_string(),
        },
    };
    mapped.to_string()
}

/// Normalised names of the sections that make a document a postmortem.
fn postmortem_sections(config: &Config) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = config
        .sections
        .incident
        .iter()
        .map(|s| std::iter::once(&s.name).chain(&s.aliases).map(|n| normalise_heading(n)).collect())
        .collect();
    for extra in ["trigger", "what went wrong", "where we got lucky"] {
        out.push(vec![extra.to_string()]);
    }
    out
}

/// Whether the document reads as a postmortem: at least three postmortem sections (headings,
/// or `Label:` lines in the header, outside code), or two plus a title or file name that says so.
pub fn looks_like_incident(text: &str, md: &Markdown, title: Option<&str>, file_stem: &str, config: &Config) -> bool {
    let masked = masked_lines(text, md);
    let mut names: Vec<String> = md.headings.iter().map(|h| normalise_heading(&h.text)).collect();
    // `Summary: ...` lines stand for sections only in a header before the first `##`.
    let first_h2 = md.headings.iter().find(|h| h.level >= 2).map_or(usize::MAX, |h| line_of(text, h.span.start));
    for (i, line) in text.lines().enumerate().take(first_h2) {
        if !masked[i] {
            if let Some(c) = LABEL_LINE.captures(line) {
                if c.name("item").is_none() {
                    names.push(normalise_heading(&c["label"]));
                }
            }
        }
    }
    let hits = postmortem_sections(config).iter().filter(|alts| alts.iter().any(|a| names.contains(a))).count();
    let named = POSTMORTEM_WORDS.is_match(title.unwrap_or("")) || POSTMORTEM_WORDS.is_match(file_stem);
    // An alert runbook has a Summary, an Impact and a Cause too; its Diagnosis, Mitigation and
    // Contacts (and no Timeline) say what it is.
    const RUNBOOK_WORDS: [&str; 12] = [
        "diagnosis",
        "symptoms",
        "steps",
        "procedure",
        "mitigation",
        "triage",
        "verification",
        "rollback",
        "prerequisites",
        "escalation",
        "contacts",
        "troubleshooting",
    ];
    let runbook_hits =
        names.iter().filter(|n| n.split(' ').any(|w| RUNBOOK_WORDS.contains(&w) || w == "contact")).count();
    let timeline = names.iter().any(|n| n.split(' ').any(|w| w == "timeline" || w == "chronology"));
    (hits >= 3 || (named && hits >= 2)) && (timeline || runbook_hits < 2)
}

/// Title and metadata lines of a document of `kind`. Only the first line giving each key is
/// moved; list items only count before the first `##` heading or in a metadata section.
/// Keys in `present` (front-matter the document already has) are left alone, lines included.
pub fn extract(text: &str, md: &Markdown, kind: Kind, config: &Config, present: &[String]) -> Extracted {
    let mut out =
        Extracted { title: md.headings.iter().find(|h| h.level == 1).map(|h| h.text.clone()), ..Default::default() };
    let masked = masked_lines(text, md);
    let heading_lines: Vec<(usize, u8, String)> =
        md.headings.iter().map(|h| (line_of(text, h.span.start), h.level, normalise_heading(&h.text))).collect();
    let first_h2 = heading_lines.iter().find(|h| h.1 >= 2).map_or(usize::MAX, |h| h.0);
    let meta_section = |line: usize| {
        heading_lines.iter().rev().find(|h| h.0 < line).is_some_and(|h| {
            ["metadata", "meta", "details", "incident details", "document information", "info", "about this document"]
                .contains(&h.2.as_str())
        })
    };
    for (i, line) in text.lines().enumerate() {
        if masked.get(i).copied().unwrap_or(true) || heading_lines.iter().any(|h| h.0 == i) {
            continue;
        }
        let Some(c) = LABEL_LINE.captures(line) else { continue };
        // Below the first `##`, `Status: https://status.acme.io shows...` is prose, not
        // metadata: only a metadata section's lines, and bold labels (`**Owner:** x` under
        // `## Overview`) outside lists, are read there.
        let bold = line.trim_start().starts_with("**") || line.trim_start().starts_with("__");
        if i > first_h2 && !meta_section(i) && (c.name("item").is_some() || !bold) {
            continue;
        }
        let Some(key) = key_for(kind, &c["label"]) else { continue };
        if out.get(key).is_some() || present.iter().any(|p| p == key) {
            continue;
        }
        if let Some(v) = convert(key, &c["value"], kind, config) {
            out.fields.push((key, v));
            out.removed.push(i);
        }
    }
    // Two-column metadata tables (`| Date | 2024-06-11 |`, Confluence and Google Docs exports)
    // in the header or a metadata section: read, and left in the body as written.
    let in_code = |i: usize| {
        md.code_blocks.iter().map(|c| &c.span).chain(md.comments.iter()).any(|r| {
            let (a, b) = (line_of(text, r.start), line_of(text, r.end.saturating_sub(1).max(r.start)));
            (a..=b).contains(&i)
        })
    };
    for (i, line) in text.lines().enumerate() {
        if (i > first_h2 && !meta_section(i)) || !line.trim_start().starts_with('|') || in_code(i) {
            continue;
        }
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        let [label, value] = cells.as_slice() else { continue };
        let label = label.trim_matches(|c| c == '*' || c == '_').trim_end_matches(':');
        let Some(key) = key_for(kind, label) else { continue };
        if out.get(key).is_none() {
            if let Some(v) = convert(key, value, kind, config) {
                out.fields.push((key, v));
            }
        }
    }
    out
}

/// An incident id at the start of a file name (`PM2024-007 - Cache stampede` → `PM2024-007`,
/// `Cache stampede`), and the rest of the name.
pub fn id_from_file_name(stem: &str) -> Option<(String, String)> {
    let c = FILE_ID.captures(stem.trim())?;
    let id = c["id"].replace(' ', "-");
    // `postmortem-2024-03-05-cache`, `feb-20-outage`: a word and a date, not an incident id.
    let letters = id.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("").to_ascii_lowercase();
    if ISO_IN_NAME.is_match(&id) || crate::timefmt::month_number(&letters).is_some() {
        return None;
    }
    Some((id, c["rest"].trim().to_string()))
}

/// An ISO date in a file name.
pub fn date_from_file_name(stem: &str) -> Option<jiff::civil::Date> {
    ISO_IN_NAME.captures(stem).and_then(|c| c[1].parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, kind: Kind) -> Extracted {
        let (md, _) = crate::markdown::parse(text, 0);
        extract(text, &md, kind, &Config::default(), &[])
    }

    #[test]
    fn notion_property_values() {
        assert_eq!(status("✅ Resolved", Kind::Incident), "resolved");
        assert_eq!(status("🟡 In progress", Kind::Runbook), "draft");
        assert_eq!(status("Resolved.", Kind::Incident), "resolved");
        let d = |v: &str| leading_date(v).map(|d| d.to_string());
        assert_eq!(d("March 1, 2024 2:45 PM (GMT+1) → March 1, 2024 4:10 PM (GMT+1)").as_deref(), Some("2024-03-01"));
        assert_eq!(d("2024-03-01 14:45").as_deref(), Some("2024-03-01"));
        assert_eq!(d("1 March 2024").as_deref(), Some("2024-03-01"));
        assert_eq!(d("sometime"), None);
    }

    #[test]
    fn blog_style_postmortems_are_incidents() {
        let t = "# Details of the February 20 outage\n\n## What happened\n\nx\n\n## Why it happened\n\nx\n\n## Impact\n\nx\n\n## What we’re doing about it\n\n- x\n\n## Lessons learned\n\nx\n";
        let (md, _) = crate::markdown::parse(t, 0);
        assert!(looks_like_incident(t, &md, Some("Details of the February 20 outage"), "feb-20", &Config::default()));
        let rb = "# High error rate\n\n## Summary\n\nx\n\n## Impact\n\nx\n\n## Why it happened\n\nx\n\n## Diagnosis\n\n1. x\n\n## Mitigation steps\n\nx\n\n## Contacts\n\n- x\n";
        let (md, _) = crate::markdown::parse(rb, 0);
        assert!(!looks_like_incident(rb, &md, Some("High error rate"), "high-error-rate", &Config::default()));
    }

    #[test]
    fn metadata_lines_in_every_spelling() {
        let t = "# T\n\nStatus: active  \n**Owner:** Ops/Platform\n**Last updated**: March 1, 2026\n\n```\nOwner: no\n```\n";
        let e = run(t, Kind::Runbook);
        assert_eq!(e.title.as_deref(), Some("T"));
        assert_eq!(e.text("status"), Some("active"));
        assert_eq!(e.text("owner"), Some("Ops/Platform"));
        assert_eq!(e.text("last_reviewed"), Some("2026-03-01"));
        assert_eq!(e.removed, [2, 3, 4]);
    }

    #[test]
    fn callouts_and_html_blocks_hold_no_metadata() {
        let t = "# T\n\n!!! warning\n    Status: draft\n\n:::note\nOwner: example\n:::\n\n<pre>\nOwner: sample-output\n</pre>\n\nOwner: real-owner\n";
        let e = run(t, Kind::Runbook);
        assert_eq!(e.text("owner"), Some("real-owner"));
        assert_eq!(e.text("status"), None);
        assert_eq!(e.removed, [13]);
    }

    #[test]
    fn prose_labels_stay_in_the_body() {
        let t = "# PM\n\nIncident: checkout was down\nResolution: rolled back\nDate: 2024-03-05\n\n## Roles\n- **Owner:** x\n";
        let e = run(t, Kind::Incident);
        assert_eq!(e.get("id"), None);
        assert_eq!(e.get("resolved"), None);
        assert_eq!(e.text("date"), Some("2024-03-05"));
        assert_eq!(e.removed, [4]);
    }

    #[test]
    fn metadata_tables_in_the_header_are_read_and_kept() {
        let t = "# PM\n\n| Field | Value |\n|---|---|\n| Date | 2024-06-11 |\n| **Severity** | SEV2 |\n\n## Timeline\n\n| Date | 2020-01-01 |\n|---|---|\n";
        let e = run(t, Kind::Incident);
        assert_eq!(e.text("date"), Some("2024-06-11"));
        assert_eq!(e.text("severity"), Some("SEV2"));
        assert!(e.removed.is_empty(), "table rows stay in the body");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            id_from_file_name("PM2024-007 - Cache stampede"),
            Some(("PM2024-007".into(), "Cache stampede".into()))
        );
        assert_eq!(id_from_file_name("INC-42"), Some(("INC-42".into(), String::new())));
        assert_eq!(id_from_file_name("2024-03-05 outage"), None);
        assert_eq!(id_from_file_name("feb-20-outage"), None);
        assert_eq!(id_from_file_name("March 2024 billing"), None);
        assert_eq!(id_from_file_name("OPS-2024-11 queue"), Some(("OPS-2024-11".into(), "queue".into())));
        assert_eq!(date_from_file_name("2024-03-05 outage").map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
    }
}
