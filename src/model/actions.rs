//! Reading a postmortem's action items: tables under the Action Items section (columns found
//! by header) and task or plain lists (`- [ ] Do X — @owner, due 2026-03-01`).

use crate::markdown::{Blocks, Cell};
use crate::model::sections::{normalise_heading, Section};
use crate::timefmt::parse_date;
use jiff::civil::Date;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One action item.
#[derive(Debug, Clone, Default)]
pub struct ActionItem {
    /// Span of the item (its row's first cell, or the list item's first line).
    pub span: Range<usize>,
    /// What is to be done.
    pub action: String,
    /// Owner as written, with its span.
    pub owner: Option<(String, Range<usize>)>,
    /// Due date text as written, with its span.
    pub due_text: Option<(String, Range<usize>)>,
    /// The due date, when readable.
    pub due: Option<Date>,
    /// Status as written (`open`, `done`, `[x]`).
    pub status: String,
    /// Whether the item counts as closed.
    pub closed: bool,
    /// Priority as written.
    pub priority: String,
    /// Ticket or issue reference.
    pub ticket: String,
}

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[,;])(@[A-Za-z0-9][\w.-]*)").expect("static regex"));
static OWNER_KV: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)\b(?:owner|assignee|assigned to|dri)\s*[:=]?\s*([^,;()\]\n—–]+)").expect("static regex")
});
static DUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)\b(?:(?:due|deadline|eta)\b\s*(?:date)?\s*[:=]?\s*(?:on\s+|by\s+)?(?P<v>[0-9][0-9/.-]*[0-9]|[A-Z][a-z]+ \d{1,2},? \d{4}|[^,;)\]\n]+)|by\s+(?P<d>\d{4}-\d{2}-\d{2}))",
    )
    .expect("static regex")
});

/// The due date text of a list item (`due 2026-03-01`, `(deadline: Mar 1, 2026)`, `by 2026-03-01`);
/// prose such as "due to" is not a due date.
fn due_in(text: &str) -> Option<String> {
    DUE.captures_iter(text).find_map(|c| {
        let v = c.name("v").or_else(|| c.name("d"))?.as_str().trim().trim_end_matches([')', ',', '.', ';']);
        let first = v.split_whitespace().next().unwrap_or("").to_lowercase();
        (!matches!(first.as_str(), "to" | "" | "the" | "a" | "an")).then(|| v.to_string())
    })
}

const CLOSED: &[&str] = &[
    "done",
    "closed",
    "complete",
    "completed",
    "fixed",
    "resolved",
    "won't fix",
    "wont fix",
    "wontfix",
    "won't do",
    "cancelled",
    "canceled",
    "merged",
    "shipped",
    "✅",
    "[x]",
];

/// Whether a status text means the item is finished.
pub fn is_closed(status: &str) -> bool {
    let s = status.trim().to_lowercase().replace('’', "'");
    CLOSED.iter().any(|c| {
        s == *c
            || s.starts_with(&format!("{c} "))
            || s.starts_with(&format!("{c}:"))
            || s.starts_with(&format!("{c} ("))
    }) || s.starts_with('✅')
}

/// The Action Items section by the configured names (falls back to "action items" anywhere).
/// `keys` are heading keys (`normalise_heading`).
pub fn find_section<'s>(sections: &'s [Section], keys: &[String]) -> Option<&'s Section> {
    sections.iter().find(|s| keys.contains(&s.key)).or_else(|| sections.iter().find(|s| s.key.contains("action item")))
}

fn trimmed_span(text: &str, cell: &Cell) -> Range<usize> {
    let src = &text[cell.span.clone()];
    let lead = src.len() - src.trim_start().len();
    cell.span.start + lead..cell.span.start + lead + src.trim().len()
}

/// Read every action item of a section.
pub fn read(text: &str, md: &Blocks, section: &Section) -> Vec<ActionItem> {
    let body = section.body.clone();
    let mut out = Vec::new();
    let tables: Vec<_> = md.tables.iter().filter(|t| t.span.start >= body.start && t.span.end <= body.end).collect();
    for table in &tables {
        let headers: Vec<String> = table.header.iter().map(|h| normalise_heading(&h.text)).collect();
        let col = |names: &[&str]| headers.iter().position(|h| names.iter().any(|n| h == n));
        let action = col(&["action", "action item", "item", "task", "description", "what", "follow up", "remediation"])
            .unwrap_or(0);
        let owner = col(&["owner", "owners", "assignee", "assigned to", "who", "responsible", "dri"]);
        let due = col(&["due", "due date", "deadline", "target", "target date", "by", "eta", "when"]);
        let status = col(&["status", "state", "done"]);
        let priority = col(&["priority", "pri", "prio", "severity"]);
        let ticket = col(&["ticket", "issue", "link", "tracking", "jira", "ticket issue", "bug"]);
        for row in &table.rows {
            let get = |c: Option<usize>| c.and_then(|i| row.get(i));
            let first = row.first().map_or(table.span.clone(), |c| trimmed_span(text, c));
            let status_text = get(status).map(|c| c.text.clone()).unwrap_or_default();
            let due_cell = get(due).filter(|c| !c.text.trim().is_empty());
            out.push(ActionItem {
                span: first,
                action: get(Some(action)).map(|c| c.text.clone()).unwrap_or_default(),
                owner: get(owner)
                    .filter(|c| !c.text.trim().is_empty())
                    .map(|c| (c.text.clone(), trimmed_span(text, c))),
                due: due_cell.and_then(|c| parse_date(&c.text)),
                due_text: due_cell.map(|c| (c.text.clone(), trimmed_span(text, c))),
                closed: is_closed(&status_text),
                status: status_text,
                priority: get(priority).map(|c| c.text.clone()).unwrap_or_default(),
                ticket: get(ticket).map(|c| c.text.clone()).unwrap_or_default(),
            });
        }
    }
    let items: Vec<_> =
        md.items.iter().filter(|i| i.span.start >= body.start && i.span.end <= body.end && i.depth == 0).collect();
    let has_tasks = items.iter().any(|i| i.checked.is_some());
    for item in items {
        // With a table, only task-list items are action items; without one, every top-level item.
        if !tables.is_empty() && item.checked.is_none() || has_tasks && item.checked.is_none() {
            continue;
        }
        let src = &text[item.span.clone()];
        let line_end = src.find('\n').unwrap_or(src.len());
        let span_of = |needle: &str| {
            src.find(needle).map_or(item.span.start..item.span.start + line_end, |i| {
                item.span.start + i..item.span.start + i + needle.len()
            })
        };
        let owner = HANDLE
            .captures(&item.text)
            .map(|c| c[1].to_string())
            .or_else(|| OWNER_KV.captures(&item.text).map(|c| c[1].trim().to_string()))
            .filter(|o| !o.is_empty())
            .map(|o| {
                let sp = span_of(&o);
                (o, sp)
            });
        let due_text = due_in(&item.text).map(|d| {
            let sp = span_of(&d);
            (d, sp)
        });
        let status = match item.checked {
            Some(true) => "[x]".to_string(),
            Some(false) => "[ ]".to_string(),
            None => String::new(),
        };
        let closed = item.checked == Some(true) || item.text.to_lowercase().contains("(done)");
        out.push(ActionItem {
            span: item.span.start..item.span.start + line_end,
            action: item.text.clone(),
            due: due_text.as_ref().and_then(|(d, _)| parse_date(d)),
            owner,
            due_text,
            status,
            closed,
            priority: String::new(),
            ticket: String::new(),
        });
    }
    out.sort_by_key(|a| a.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;
    use crate::model::sections;

    fn items(src: &str) -> Vec<ActionItem> {
        let (parsed, md) = markdown::parse(src, 0);
        let secs = sections::sections(&parsed.headings, src.len());
        let s = find_section(&secs, &["action items".into(), "corrective actions".into()]).expect("section");
        read(src, &md, s)
    }

    #[test]
    fn patterns_stay_on_the_fast_engines_for_non_ascii_text() {
        for r in [&*HANDLE, &*OWNER_KV, &*DUE] {
            assert!(!crate::text::has_unicode_word_boundary(r.as_str()), "{}", r.as_str());
        }
    }

    #[test]
    fn table_columns_by_header() {
        let a = items("## Corrective Actions\n\n| # | Task | Assignee | Deadline | State | Ticket |\n|---|---|---|---|---|---|\n| 1 | Add alert | @ana | 2026-03-01 | Done | OPS-1 |\n| 2 | Fix it | TBD | soon | open | |\n");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].action, "Add alert");
        assert_eq!(a[0].owner.as_ref().unwrap().0, "@ana");
        assert_eq!(a[0].due, Date::new(2026, 3, 1).ok());
        assert!(a[0].closed);
        assert_eq!(a[0].ticket, "OPS-1");
        assert_eq!(a[1].owner.as_ref().unwrap().0, "TBD");
        assert_eq!(a[1].due, None);
        assert_eq!(a[1].due_text.as_ref().unwrap().0, "soon");
        assert!(!a[1].closed);
    }

    #[test]
    fn task_lists() {
        let a = items("## Action Items\n\n- [ ] Add alert on lag — @ana, due 2026-12-01\n- [x] Rotate keys (owner: Li Wei; due: 2026-01-05)\n- [ ] Write docs due to the outage\n  - sub note @bob\n");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].owner.as_ref().unwrap().0, "@ana");
        assert_eq!(a[0].due, Date::new(2026, 12, 1).ok());
        assert_eq!(a[1].owner.as_ref().unwrap().0, "Li Wei");
        assert_eq!(a[1].due, Date::new(2026, 1, 5).ok());
        assert!(a[1].closed);
        assert!(a[2].owner.is_none());
        assert!(a[2].due_text.is_none());
    }
}
