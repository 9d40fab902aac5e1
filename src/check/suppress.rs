//! Inline suppression comments: `<!-- sitrep-disable-next-line RULE -->`,
//! `<!-- sitrep-disable-line RULE -->`, `<!-- sitrep-disable RULE -->` … `<!-- sitrep-enable RULE -->`.
//! No rule listed means every rule; several may be listed, separated by spaces or commas; text
//! after ` -- ` is the reason.

use crate::model::Doc;

#[derive(Debug, Clone)]
struct Directive {
    rules: Vec<String>,
    reason: Option<String>,
}

impl Directive {
    fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

/// The suppressions of one document.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (line, directive) for single lines.
    lines: Vec<(usize, Directive)>,
    /// (first line, last line, directive) ranges.
    ranges: Vec<(usize, usize, Directive)>,
}

/// Rules whose suppression must give a reason.
const NEEDS_REASON: &[&str] = &["security/secret"];

impl Suppressions {
    /// Read the suppression comments of `doc` (comments inside code are not comments).
    pub fn of(doc: &Doc) -> Suppressions {
        let mut s = Suppressions::default();
        let mut open: Vec<(usize, Directive)> = Vec::new();
        let last_line = doc.lines.line_count(&doc.text);
        for c in &doc.md.comments {
            let body = doc.text[c.clone()].trim_start_matches("<!--").trim_end_matches("-->").trim();
            let (cmd, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
            let (rules, reason) = match rest.split_once(" -- ") {
                Some((r, why)) => (r, Some(why.trim().to_string())),
                None => (rest, None),
            };
            let rules = rest_rules(rules);
            let d = Directive { rules, reason };
            let (start_line, _) = doc.lines.position(&doc.text, c.start);
            let (end_line, _) = doc.lines.position(&doc.text, c.end);
            match cmd {
                "sitrep-disable-next-line" => s.lines.push((end_line + 1, d)),
                "sitrep-disable-line" => s.lines.push((start_line, d)),
                "sitrep-disable" => open.push((start_line, d)),
                "sitrep-enable" => {
                    let mut keep = Vec::new();
                    for (from, od) in open.drain(..) {
                        if d.rules.is_empty() || od.rules.iter().all(|r| d.rules.contains(r)) && !od.rules.is_empty() {
                            s.ranges.push((from, end_line, od));
                        } else {
                            keep.push((from, od));
                        }
                    }
                    open = keep;
                }
                _ => {}
            }
        }
        for (from, d) in open {
            s.ranges.push((from, last_line, d));
        }
        s
    }

    /// Whether a finding of `rule` on `line` is suppressed.
    pub fn suppresses(&self, rule: &str, line: usize) -> bool {
        let ok = |d: &Directive| {
            d.covers(rule) && (!NEEDS_REASON.contains(&rule) || d.reason.as_deref().is_some_and(|r| !r.is_empty()))
        };
        self.lines.iter().any(|(l, d)| *l == line && ok(d))
            || self.ranges.iter().any(|(a, b, d)| *a <= line && line <= *b && ok(d))
    }
}

fn rest_rules(s: &str) -> Vec<String> {
    s.split([' ', ',']).map(str::trim).filter(|r| !r.is_empty()).map(String::from).collect()
}
