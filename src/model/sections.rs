//! Sections of a document (a heading and everything up to the next heading of the same or a
//! higher level) and the lenient heading comparison used for required sections.

use crate::markdown::Heading;
use std::ops::Range;

/// One section.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index into `Markdown::headings`.
    pub heading: usize,
    /// Heading level (1 for the title).
    pub level: u8,
    /// Normalised heading text (see [`normalise_heading`]).
    pub key: String,
    /// From the heading's start to the section's end.
    pub span: Range<usize>,
    /// From the heading's end to the section's end.
    pub body: Range<usize>,
}

/// Build the sections of a body that ends at `end`.
pub fn sections(headings: &[Heading], end: usize) -> Vec<Section> {
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let stop = headings[i + 1..].iter().find(|n| n.level <= h.level).map_or(end, |n| n.span.start);
            Section {
                heading: i,
                level: h.level,
                key: normalise_heading(&h.text),
                span: h.span.start..stop,
                body: h.span.end.min(stop)..stop,
            }
        })
        .collect()
}

/// The section that is one of `keys` (a section's normalised name first, then its aliases): a
/// heading equal to the name, else the shallowest heading equal to an alias, plurals ignored (`Follow-ups`, `Escalations`), else
/// a heading below the title holding all the words of the name (`Timeline of events`, `Action
/// items / Follow-ups`, `Impact & Metrics`, `Contact information`). Aliases are not matched by
/// their words: `On-call handover checklist` is not a contacts section. Every reader of a
/// section and `section/missing` find sections this one way.
pub fn find<'s>(sections: &'s [Section], keys: &[String]) -> Option<&'s Section> {
    let (name, aliases) = keys.split_first()?;
    // The name itself wins over an alias (`## Action Items` over `### Prevention` above it), and
    // an alias heading over a deeper one.
    sections
        .iter()
        .find(|s| same_words(&s.key, name))
        .or_else(|| sections.iter().filter(|s| aliases.iter().any(|k| same_words(&s.key, k))).min_by_key(|s| s.level))
        .or_else(|| sections.iter().find(|s| s.level >= 2 && has_words(&s.key, name)))
}

/// The word with a plural `s` dropped.
fn stem(w: &str) -> &str {
    if w.len() >= 3 && !w.ends_with("ss") {
        w.strip_suffix('s').unwrap_or(w)
    } else {
        w
    }
}

/// Whether two heading keys are the same words, plurals ignored.
pub fn same_words(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Called for every heading against every section name of every document: the cheap
    // refusals first (a plural only drops a trailing `s`, so first letters and word counts agree).
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.first() != y.first() || x.len().abs_diff(y.len()) > x.len().min(y.len()) {
        return false;
    }
    let spaces = |s: &[u8]| s.iter().filter(|&&c| c == b' ').count();
    spaces(x) == spaces(y) && a.split(' ').zip(b.split(' ')).all(|(x, y)| stem(x) == stem(y))
}

/// Whether heading key `key` contains every word of `wanted` (both normalised), a plural `s`
/// ignored: `follow ups` has the words of `follow up`.
pub fn has_words(key: &str, wanted: &str) -> bool {
    !wanted.is_empty() && wanted.split(' ').all(|w| key.split(' ').any(|k| stem(k) == stem(w)))
}

/// Heading comparison key: case, leading numbering (`3.`, `1)`, `1️⃣`, `Step 2 -`), emoji,
/// punctuation, a trailing parenthetical such as `(UTC)` and trailing punctuation are ignored;
/// `&` reads as `and`.
pub fn normalise_heading(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    // Trailing parenthetical, possibly followed by punctuation: "Timeline (UTC):".
    let mut t: &str = &lower;
    let trimmed = t.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')');
    if trimmed.ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            if open > 0 {
                t = &trimmed[..open];
            }
        }
    }
    // Words: runs of letters, digits and apostrophes (apostrophes trimmed); `&` reads as "and".
    // Called for every heading of every document: slices, not a String per word.
    let mut words: Vec<&str> = Vec::new();
    fn flush<'a>(w: &'a str, words: &mut Vec<&'a str>) {
        let w = w.trim_matches('\'');
        if !w.is_empty() {
            words.push(w);
        }
    }
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if !(c.is_alphanumeric() || c == '\'') {
            flush(&t[start..i], &mut words);
            if c == '&' {
                words.push("and");
            }
            start = i + c.len_utf8();
        }
    }
    flush(&t[start..], &mut words);
    // Leading numbering: digits, roman numerals followed by more words, "step N", "section N".
    let mut start = 0;
    while start < words.len().saturating_sub(1) {
        let w = words[start];
        let numeric = w.chars().all(|c| c.is_ascii_digit());
        let roman = w.len() <= 4 && w.chars().all(|c| "ivx".contains(c)) && start == 0;
        let label = (w == "step" || w == "section" || w == "part")
            && words.get(start + 1).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        if label {
            start += 2;
        } else if numeric || roman {
            start += 1;
        } else {
            break;
        }
    }
    words[start.min(words.len())..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_found_by_their_words() {
        let keys = |names: &[&str]| names.iter().map(|n| normalise_heading(n)).collect::<Vec<_>>();
        let key = |h: &str| normalise_heading(h);
        assert!(has_words(&key("Timeline of events"), "timeline"));
        assert!(has_words(&key("Action items / Follow-ups"), "action items"));
        assert!(has_words(&key("Follow-ups"), &key("Follow-up")));
        assert!(has_words(&key("Impact & Metrics"), "impact"));
        assert!(has_words(&key("Escalations"), "escalation"));
        assert!(!has_words(&key("Timing"), "timeline"));
        assert!(!has_words(&key("Actions taken"), "action items"));
        assert!(
            same_words(&key("Escalations"), "escalation") && !same_words(&key("Escalation criteria"), "escalation")
        );
        // Headings 10 bytes apart, at the given levels.
        let heads = |hs: &[(u8, &str)]| -> Vec<Heading> {
            hs.iter()
                .enumerate()
                .map(|(i, (l, t))| Heading {
                    level: *l,
                    text: t.to_string(),
                    id: String::new(),
                    span: i * 10..i * 10 + 5,
                })
                .collect()
        };
        let secs = sections(&heads(&[(2, "Summary"), (2, "Timeline of events"), (2, "Timeline")]), 40);
        assert_eq!(find(&secs, &keys(&["Timeline"])).map(|s| s.heading), Some(2), "an exact heading wins");
        assert_eq!(find(&secs[..2], &keys(&["Timeline"])).map(|s| s.heading), Some(1));
        // Aliases count only as whole headings; the title is never a section by its words.
        let contacts = keys(&["Contacts", "On-call", "Owners"]);
        let hs = heads(&[(1, "Contact center phones down"), (2, "On-call handover checklist"), (2, "Service owners")]);
        assert!(find(&sections(&hs, 40), &contacts).is_none());
        // The name wins over an alias above it; among aliases the shallowest heading.
        let actions = keys(&["Action Items", "Corrective Actions", "Next Steps"]);
        let secs = sections(
            &heads(&[(2, "Root Cause"), (3, "Next steps"), (2, "Corrective actions"), (2, "Action Items")]),
            50,
        );
        assert_eq!(find(&secs, &actions).map(|s| s.heading), Some(3));
        assert_eq!(find(&secs[..3], &actions).map(|s| s.heading), Some(2));
    }

    #[test]
    fn normalises_real_headings() {
        assert_eq!(normalise_heading("3. Root Cause"), "root cause");
        assert_eq!(normalise_heading("1️⃣ Incident Severity Levels"), "incident severity levels");
        assert_eq!(normalise_heading("🚨 Timeline (UTC):"), "timeline");
        assert_eq!(normalise_heading("Contacts & Escalation"), "contacts and escalation");
        assert_eq!(normalise_heading("Action Items!"), "action items");
        assert_eq!(normalise_heading("IV. Lessons Learned"), "lessons learned");
        assert_eq!(normalise_heading("Step 1 — Detection"), "detection");
        assert_eq!(normalise_heading("On-call"), "on call");
        assert_eq!(normalise_heading("2024"), "2024");
        assert_eq!(normalise_heading("Q&A: R&D (draft)"), "q and a r and d");
    }

    /// The implementation before it stopped allocating per word: same key for every text.
    fn reference(text: &str) -> String {
        let mut t = text.trim().to_lowercase();
        // Trailing parenthetical, possibly followed by punctuation: "Timeline (UTC):".
        let trimmed = t.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')').to_string();
        if trimmed.ends_with(')') {
            if let Some(open) = trimmed.rfind('(') {
                if open > 0 {
                    t = trimmed[..open].to_string();
                }
            }
        }
        let words: Vec<String> = t
            .replace('&', " and ")
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_matches('\'').to_string())
            .filter(|w| !w.is_empty())
            .collect();
        // Leading numbering: digits, roman numerals followed by more words, "step N", "section N".
        let mut start = 0;
        while start < words.len().saturating_sub(1) {
            let w = &words[start];
            let numeric = w.chars().all(|c| c.is_ascii_digit());
            let roman = w.len() <= 4 && w.chars().all(|c| "ivx".contains(c)) && start == 0;
            let label = (w == "step" || w == "section" || w == "part")
                && words.get(start + 1).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if label {
                start += 2;
            } else if numeric || roman {
                start += 1;
            } else {
                break;
            }
        }
        words[start.min(words.len())..].join(" ")
    }

    proptest::proptest! {
        #[test]
        fn same_keys_as_the_reference(text in "[ a-zA-Z0-9&'().:!#🚨ÉéİıẞßÅ\\-–—_IVXivx]{0,40}") {
            proptest::prop_assert_eq!(normalise_heading(&text), reference(&text));
        }
    }
}
