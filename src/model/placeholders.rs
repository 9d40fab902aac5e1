//! Finding placeholder text (TBD, [Update], YYYY-MM-DD, ...) in prose and front-matter, and
//! telling contacts apart from other text. Code blocks, inline code and comments are never read.

use crate::config::Config;
use crate::load::frontmatter::KeyPos;
use crate::markdown::Markdown;
use crate::model::sections::Section;
use regex::Regex;
use std::ops::Range;

/// One placeholder occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Where it is.
    pub span: Range<usize>,
    /// Whether it stands where a contact should be.
    pub contact: bool,
}

/// A contacts section that names no way to reach anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    /// Index of the section's heading.
    pub heading: usize,
}

/// Compiled patterns, built once per run.
#[derive(Debug)]
pub struct Patterns {
    contact: Regex,
    text: Regex,
    /// Every contact and text pattern in multi-line mode, run once over the whole document: a
    /// line no match of it touches holds no placeholder, so most lines skip the per-line scan.
    any: Regex,
    role_label: Regex,
    reachable: Vec<Regex>,
    /// Headings (normalised) of contacts sections: the built-in ones and the site's own
    /// Contacts section names.
    contact_headings: Vec<String>,
}

/// Whether a section names a contacts section: one of `headings` (plurals ignored:
/// `Escalations`), or a heading below the title with the word "contact" (`Contact
/// information`), as `section/missing` finds the Contacts section.
fn is_contacts_heading(s: &Section, headings: &[String]) -> bool {
    use crate::model::sections::{has_words, same_words};
    headings.iter().any(|h| same_words(&s.key, h)) || (s.level >= 2 && has_words(&s.key, "contacts"))
}

const HTML_TAGS: &[&str] = &[
    "a",
    "b",
    "i",
    "u",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "kbd",
    "pre",
    "div",
    "span",
    "img",
    "sup",
    "sub",
    "details",
    "summary",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "small",
    "mark",
    "del",
    "ins",
    "s",
    "q",
    "abbr",
    "cite",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "center",
    "font",
    "section",
    "tbody",
    "thead",
    "picture",
    "source",
    "video",
    "audio",
];

/// Headings (normalised) that make a section a contacts section.
pub const CONTACT_HEADINGS: &[&str] = &[
    "contacts",
    "contact",
    "escalation",
    "escalations",
    "escalation contacts",
    "contacts and escalation",
    "escalation and contacts",
    "on call",
    "oncall",
    "on call rotation",
    "communication channels",
    "escalation path",
    "escalation policy",
    "points of contact",
    "point of contact",
    "who to contact",
    "key contacts",
    "emergency contacts",
];

const ROLE_WORDS: &[&str] = &[
    "oncall",
    "primary",
    "secondary",
    "backup",
    "escalation",
    "escalate",
    "pager",
    "paging",
    "lead",
    "ic",
    "commander",
    "contact",
    "contacts",
    "owner",
    "responder",
    "dri",
];

fn re(p: &str) -> Regex {
    crate::text::regex(p).expect("built-in placeholder pattern")
}

/// One regex matching any of `set` (one pass per line instead of one per pattern).
fn union(set: &[Regex]) -> Regex {
    Regex::new(&alternation(set)).expect("union of valid patterns")
}

fn alternation(set: &[Regex]) -> String {
    set.iter().map(|r| format!("(?:{})", r.as_str())).collect::<Vec<_>>().join("|")
}

impl Patterns {
    /// Built-in patterns plus the site's own.
    pub fn new(config: &Config) -> Patterns {
        let mut contact = vec![
            re(r"(?i)\bTB[DA]\b"),
            re(r"(?i)\[(?:update|name|names|contact|email|phone|tbd|todo|owner|team|person|handle|your[^\]]*)\]"),
            re(r"@(?:name|handle|username|user|someone)\b"),
            re(r"\bTODO\b"),
            re(r"\bFIXME\b"),
            re(r"(?i)\b(?:[\w.+-]+@)?example\.(?:com|org|net)\b"),
            re(r"<[A-Za-z][\w .-]*>"),
            re(r"\?\?\?+"),
        ];
        contact.extend(config.placeholders.contact.iter().map(|p| re(p)));
        let mut text = vec![
            re(r"(?i)\bTBD\b"),
            re(r"\bTODO\b"),
            re(r"\bFIXME\b"),
            re(r"(?i)\[(?:update|name|link|url|timestamp|date|time|todo|tbd|owner|ticket|insert[^\]]*)\]"),
            re(r"\bYYYY-MM-DD\b"),
            re(r"\bHH:MM(?::SS)?\b"),
            re(r"\b20[xX]{2}\b"),
            re(r"\b[Xx] hours? [Yy] min(?:ute)?s?\b"),
            re(r"(?i)<insert[^>]*>"),
            re(r"\$X\b"),
            re(r"(?i)\blorem ipsum\b"),
        ];
        text.extend(config.placeholders.text.iter().map(|p| re(p)));
        // With (?m), `^`/`$` match at line ends and `\b` sees the newline as a line's edge does,
        // so a match within one line is also a match in the whole text.
        let any = Regex::new(&format!("(?m){}|{}", alternation(&contact), alternation(&text)))
            .expect("union of valid patterns");
        let mut contact_headings: Vec<String> = CONTACT_HEADINGS.iter().map(|h| h.to_string()).collect();
        for spec in config.sections.runbook.iter().filter(|s| s.keys().iter().any(|k| k.contains("contact"))) {
            contact_headings
                .extend(spec.keys().iter().filter(|k| !contact_headings.contains(k)).cloned().collect::<Vec<_>>());
        }
        Patterns {
            contact_headings,
            contact: union(&contact),
            text: union(&text),
            any,
            role_label: re(r"^\s*(?:[-+*]\s+|\d+[.)]\s+)?([A-Za-z][A-Za-z0-9 /&()'.-]{0,40}?)\s*:"),
            reachable: vec![
                re(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
                re(r"(?i)\b(?:https?://|mailto:|tel:)\S+"),
                re(r"\+\d[\d\s().-]{6,}\d|\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b"),
                re(r"(?:^|[\s(`])@[A-Za-z][\w.-]+"),
                re(r"(?:^|[\s(`:])#[a-z0-9][\w-]+"),
                re(r"(?i)\b(?:pagerduty|opsgenie|victorops|pager service|incident\.io|firehydrant)\b"),
            ],
        }
    }

    fn is_html_tag(m: &str) -> bool {
        let inner = m.trim_start_matches('<').trim_end_matches('>').trim().to_ascii_lowercase();
        let name = inner.split([' ', '/']).next().unwrap_or("");
        HTML_TAGS.contains(&name) && !inner.contains(' ') || inner.contains('=')
    }

    fn matches<'p>(set: &'p Regex, line: &'p str) -> impl Iterator<Item = Range<usize>> + 'p {
        set.find_iter(line)
            .filter(move |m| {
                let t = m.as_str();
                // `[link](url)`, `[name][ref]` and `[x]: url` are Markdown links, not placeholders.
                let next = line[m.end()..].chars().next();
                let is_link = t.starts_with('[') && t.ends_with(']') && matches!(next, Some('(' | '[' | ':'));
                let html_tag = t.starts_with('<') && Self::is_html_tag(t);
                // `[Escalation](<Escalation Policy.md>)`: a link destination with spaces.
                let destination = t.starts_with('<') && line[..m.start()].ends_with("](");
                !is_link && !html_tag && !destination
            })
            .map(|m| m.range())
    }

    /// Whether a line is labelled with a contact role (`**Backup:** x`, `| Primary On-Call | x |`).
    fn is_role_line(&self, line: &str) -> bool {
        let cleaned: String = line.chars().filter(|c| *c != '*' && *c != '_').collect();
        let label = if cleaned.trim_start().starts_with('|') {
            cleaned.trim_start()[1..].split('|').next().unwrap_or("").to_string()
        } else {
            match self.role_label.captures(&cleaned) {
                Some(c) => c[1].to_string(),
                None => return false,
            }
        };
        let label = label.to_lowercase().replace("on-call", "oncall").replace("on call", "oncall");
        label.split(|c: char| !c.is_alphanumeric()).any(|w| ROLE_WORDS.contains(&w))
    }

    fn is_reachable(&self, line: &str) -> bool {
        self.reachable.iter().any(|r| r.is_match(line))
    }
}

/// Sorted, non-overlapping-ish masked ranges; answers "does `r` touch a masked range".
struct Mask<'a> {
    ranges: &'a [Range<usize>],
}

impl Mask<'_> {
    fn hits(&self, r: &Range<usize>) -> bool {
        let i = self.ranges.partition_point(|m| m.end <= r.start);
        self.ranges.get(i).is_some_and(|m| m.start < r.end)
    }
}

/// Scan one document: placeholders in its body and front-matter, and contacts sections with
/// no reachable contact.
pub fn scan(
    text: &str,
    body_start: usize,
    keys: &[KeyPos],
    md: &Markdown,
    sections: &[Section],
    p: &Patterns,
) -> (Vec<Placeholder>, Vec<Unreachable>) {
    let mut out = Vec::new();
    let masked = md.masked_ranges();
    let mask = Mask { ranges: &masked };
    let contact_sections: Vec<&Section> =
        sections.iter().filter(|s| is_contacts_heading(s, &p.contact_headings)).collect();
    let heading_spans: Vec<Range<usize>> = md.headings.iter().map(|h| h.span.clone()).collect();
    let code_spans: Vec<Range<usize>> = md.code_blocks.iter().map(|c| c.span.clone()).collect();
    let mut reachable = vec![false; contact_sections.len()];
    // Spans of candidate matches anywhere in the document (sorted, disjoint).
    let candidates: Vec<Range<usize>> = p.any.find_iter(text).map(|m| m.range()).collect();
    let touched = |start: usize, end: usize| {
        let i = candidates.partition_point(|m| m.end < start);
        candidates.get(i).is_some_and(|m| m.start <= end)
    };

    let mut pos = body_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if !line.trim().is_empty() && !covers(&heading_spans, pos) && !covers(&code_spans, pos) {
            let in_contacts: Vec<usize> = contact_sections
                .iter()
                .enumerate()
                .filter(|(_, s)| s.body.start <= pos && pos < s.body.end)
                .map(|(i, _)| i)
                .collect();
            // Only a line a candidate match touches can hold a placeholder.
            let found = if touched(pos, end) {
                let contact_line = !in_contacts.is_empty() || p.is_role_line(line);
                scan_line(line, pos, contact_line, &mask, p)
            } else {
                Vec::new()
            };
            if found.is_empty() && !in_contacts.is_empty() && p.is_reachable(line) {
                for i in in_contacts {
                    reachable[i] = true;
                }
            }
            out.extend(found);
        }
        pos = end + 1;
    }

    for k in keys {
        let contact_key = matches!(k.name.as_str(), "owner" | "commander" | "contacts");
        if k.name == "sitrep" {
            continue;
        }
        // The value and every continuation line of this key.
        let mut pos = k.value.start;
        let end_all = k.lines.end.max(k.value.end);
        while pos < end_all {
            let end = text[pos..end_all].find('\n').map_or(end_all, |i| pos + i);
            if touched(pos, end) {
                out.extend(scan_line(&text[pos..end], pos, contact_key, &Mask { ranges: &[] }, p));
            }
            pos = end + 1;
        }
    }

    let unreachable = contact_sections
        .iter()
        .zip(&reachable)
        .filter(|(s, ok)| {
            // Only the outermost contacts section reports, and only when it has content at all.
            !**ok && !contact_sections.iter().any(|o| o.span.start < s.span.start && s.span.end <= o.span.end)
        })
        .filter(|(s, _)| {
            // A parent section is reachable if any nested contacts section is.
            !contact_sections
                .iter()
                .zip(&reachable)
                .any(|(o, r)| *r && s.span.start <= o.span.start && o.span.end <= s.span.end)
        })
        .map(|(s, _)| Unreachable { heading: s.heading })
        .collect();
    out.sort_by_key(|p| (p.span.start, p.span.end));
    out.dedup_by(|b, a| b.span.start < a.span.end);
    (out, unreachable)
}

/// Whether `pos` lies inside one of the sorted, disjoint `ranges`.
fn covers(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|m| m.end <= pos);
    ranges.get(i).is_some_and(|m| m.start <= pos)
}

fn scan_line(line: &str, base: usize, contact_line: bool, mask: &Mask<'_>, p: &Patterns) -> Vec<Placeholder> {
    let mut found: Vec<Placeholder> = Vec::new();
    if contact_line {
        for r in Patterns::matches(&p.contact, line) {
            let span = base + r.start..base + r.end;
            if !mask.hits(&span) {
                found.push(Placeholder { span, contact: true });
            }
        }
    }
    for r in Patterns::matches(&p.text, line) {
        let span = base + r.start..base + r.end;
        if !mask.hits(&span) && !found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
            found.push(Placeholder { span, contact: false });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;
    use crate::model::sections;

    fn run(src: &str) -> (Vec<(String, bool)>, usize) {
        let (md, _) = markdown::parse(src, 0);
        let secs = sections::sections(&md.headings, src.len());
        let p = Patterns::new(&Config::default());
        let (found, unreachable) = scan(src, 0, &[], &md, &secs, &p);
        (found.into_iter().map(|f| (src[f.span].to_string(), f.contact)).collect(), unreachable.len())
    }

    #[test]
    fn contacts_and_text() {
        let (f, u) = run("# R\n\nWrite YYYY-MM-DD here, TBD.\n\n- **Backup:** TBD\n\n## Contacts\n\n| Role | Who |\n|---|---|\n| Primary | [Update] |\n");
        assert_eq!(
            f,
            vec![("YYYY-MM-DD".into(), false), ("TBD".into(), false), ("TBD".into(), true), ("[Update]".into(), true)]
        );
        assert_eq!(u, 1);
    }

    #[test]
    fn patterns_stay_on_the_fast_engines_for_non_ascii_text() {
        let mut config = Config::default();
        config.placeholders.text.push(r"\bWIP\b".into());
        let p = Patterns::new(&config);
        for r in [&p.any, &p.contact, &p.text, &p.role_label].into_iter().chain(&p.reachable) {
            assert!(!crate::text::has_unicode_word_boundary(r.as_str()), "{}", r.as_str());
        }
        let src = "# R\n\nJosé — TBD, WIP «FIXME» and naïve TODO.\n";
        let (md, _) = markdown::parse(src, 0);
        let (found, _) = scan(src, 0, &[], &md, &sections::sections(&md.headings, src.len()), &p);
        let got: Vec<&str> = found.into_iter().map(|f| &src[f.span]).collect();
        assert_eq!(got, ["TBD", "WIP", "FIXME", "TODO"]);
    }

    #[test]
    fn code_is_never_read() {
        let (f, _) = run("# R\n\nUse `YYYY-MM-DD` now.\n\n```\nTBD [Update]\n```\n\n<!-- TODO -->\n");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn reachable_contacts_section_is_fine() {
        let (f, u) = run("# R\n\n## Contacts\n\n- Primary: ana@acme.test\n- Slack: #ops\n");
        assert!(f.is_empty());
        assert_eq!(u, 0);
    }
}
