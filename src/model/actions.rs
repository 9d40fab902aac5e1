//! Reading a postmortem's action items: tables under the Action Items section (columns found
//! by header) and task or plain lists (`- [ ] Do X — @owner, due 2026-03-01`).

use crate::markdown::{Blocks, Cell};
use crate::model::sections::{normalise_heading, Section};
use crate::timefmt::{parse_date, parse_loose_date};
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
    /// Struck through or marked `[-]`: dropped, so it needs no owner either.
    pub cancelled: bool,
    /// Priority as written.
    pub priority: String,
    /// Ticket or issue reference.
    pub ticket: String,
}

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[,;])(@[A-Za-z0-9][\w.-]*)").expect("static regex"));
/// An e-mail address as the owner of a list item (`Tune pool — ana@acme.test, due ...`).
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").expect("static regex"));
/// Column headings that name the action itself.
const ACTION_HEADERS: &[&str] =
    &["action", "action item", "item", "task", "description", "what", "follow up", "remediation"];
static OWNER_KV: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)\b(?:(?:owner|assignee|dri)\s*[:=]|assigned\s+to\b:?)\s*([^,;()\]\n—–]+)")
        .expect("static regex")
});
static DUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)\b(?:(?:due|deadline|eta)\b\s*(?:date)?\s*[:=]?\s*(?:on\s+|by\s+)?(?P<v>[0-9][0-9/.-]*[0-9]|[A-Z][a-z]+ \d{1,2},? \d{4}|[^,;)\]\n]+)|by\s+(?P<d>\d{4}-\d{2}-\d{2}))|(?:📅|🗓\x{FE0F}?)\s*(?P<o>\d{4}-\d{2}-\d{2})",
    )
    .expect("static regex")
});

/// The due date text of a list item (`due 2026-03-01`, `(deadline: Mar 1, 2026)`, `by 2026-03-01`,
/// Obsidian Tasks' `📅 2026-03-01`);
/// prose such as "due to" is not a due date.
fn due_in(text: &str) -> Option<String> {
    DUE.captures_iter(text).find_map(|c| {
        let v = c
            .name("v")
            .or_else(|| c.name("d"))
            .or_else(|| c.name("o"))?
            .as_str()
            .trim()
            .trim_end_matches([')', ',', '.', ';']);
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
    "[x]",
];

static PLACEHOLDER_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:tbd|tba|todo|\?+|-+|—|–|n/?a|none|nobody|unassigned|unknown|@name|@owner|@handle|@username|@user|@someone|\[[^\]]*\]|<[^>]*>)\s*$")
        .expect("static regex")
});

/// Whether an owner text names nobody (`TBD`, `?`, `n/a`, `[owner]`): `incident/action-item-owner`
/// reports it, and the action tracker lists the item as unassigned.
pub fn is_placeholder_owner(owner: &str) -> bool {
    PLACEHOLDER_OWNER.is_match(owner.trim_matches(|c| c == '*' || c == '_' || c == '`'))
}

/// Check marks people type for "done" (emoji variation selectors are stripped first).
const CHECK_MARKS: &[&str] =
    &["✅", "✓", "✔", "☑", "🗸", ":white_check_mark:", ":heavy_check_mark:", ":ballot_box_with_check:"];

/// Whether a status text means the item is finished: a closed word on its own or followed by
/// punctuation or more words (`Done.`, `Completed, see PR`, `fixed (v2.3)`), or a check mark.
pub fn is_closed(status: &str) -> bool {
    let s = status.trim().to_lowercase().replace('’', "'").replace('\u{fe0f}', "");
    CHECK_MARKS.iter().any(|m| s.starts_with(m))
        || CLOSED.iter().any(|c| {
            s.strip_prefix(c)
                .is_some_and(|rest| rest.chars().next().is_none_or(|ch| !ch.is_alphanumeric() && ch != '\''))
        })
}

/// Whether the cell of a yes/no column (headed `Done`, `Completed`, `Closed`, `Fixed`) says the
/// item is finished: `yes`, `y`, `x`, `true`, a check mark, or any closed status.
fn is_yes(cell: &str) -> bool {
    let s = cell.trim().trim_end_matches(['.', '!']).to_lowercase();
    matches!(s.as_str(), "yes" | "y" | "x" | "true") || is_closed(cell)
}

/// A due date as people write it: `2026-03-01`, a timestamp, or an unambiguous spelling such as
/// `March 1, 2026` or `2026/3/1` (never `3/1/2026`).
fn due_date(text: &str) -> Option<Date> {
    parse_date(text).or_else(|| parse_loose_date(text))
}

/// A plain list item that is a note about the list rather than an action (`Note: ...`, `See
/// OPS-123 for the rest.`, `Carried over from INC-41:`).
fn is_note(text: &str) -> bool {
    let t = text.trim();
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    t.ends_with(':')
        || matches!(first.as_str(), "note" | "notes" | "nb" | "see" | "fyi" | "context" | "background" | "related")
}

/// Whether a list item's own text names an owner or a due date.
fn names_owner_or_due(text: &str) -> bool {
    HANDLE.is_match(text) || OWNER_KV.is_match(text) || EMAIL.is_match(text) || due_in(text).is_some()
}

/// The list items of the section that can be action items: top-level items, and the items
/// nested under a group label (`- **Prevent**` over `  - [ ] Add alert — @ana`): an item with
/// no checkbox, owner or due date of its own whose nested items have them. Other nested items
/// are notes on their parent.
fn list_items<'m>(md: &'m Blocks, body: &Range<usize>) -> Vec<&'m crate::markdown::ListItem> {
    let all: Vec<_> = md.items.iter().filter(|i| i.span.start >= body.start && i.span.end <= body.end).collect();
    let mut out = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (depth, end) of open group labels
    for (k, item) in all.iter().enumerate() {
        while groups.last().is_some_and(|&(_, end)| end <= item.span.start) {
            groups.pop();
        }
        let allowed = item.depth == 0 || groups.last().is_some_and(|&(d, _)| d + 1 == item.depth);
        if !allowed {
            continue;
        }
        let children: Vec<_> = all[k + 1..]
            .iter()
            .take_while(|c| c.span.start < item.span.end)
            .filter(|c| c.depth == item.depth + 1)
            .collect();
        let group = item.checked.is_none()
            && !names_owner_or_due(&item.text)
            && children.iter().any(|c| c.checked.is_some() || names_owner_or_due(&c.text));
        if group {
            groups.push((item.depth, item.span.end));
        } else {
            out.push(*item);
        }
    }
    out
}

/// The columns of an action-item table, found by header: an exact name first (`Owner`, `Due`),
/// else a header holding a telling word (`Action owner`, `Owner / Team`, `Point of contact`,
/// `Due by`, `Completion date`, `Status/Notes`, `Jira ticket`), else for the action a
/// `Summary` or `Title` column (Jira exports: `| Key | Summary | Assignee | Status |`).
#[derive(Debug, Default, Clone, Copy)]
struct Columns {
    action: Option<usize>,
    owner: Option<usize>,
    due: Option<usize>,
    status: Option<usize>,
    done: Option<usize>,
    priority: Option<usize>,
    ticket: Option<usize>,
}

impl Columns {
    fn of(headers: &[String]) -> Columns {
        let mut taken = vec![false; headers.len()];
        let mut pick = |exact: &[&str], words: &[&str]| {
            let found =
                headers.iter().enumerate().position(|(i, h)| !taken[i] && exact.contains(&h.as_str())).or_else(|| {
                    headers
                        .iter()
                        .enumerate()
                        .position(|(i, h)| !taken[i] && h.split(' ').any(|w| words.contains(&w.trim_end_matches('s'))))
                });
            if let Some(i) = found {
                taken[i] = true;
            }
            found
        };
        let owner = pick(
            &["owner", "owners", "assignee", "assigned to", "who", "responsible", "dri", "poc"],
            &["owner", "assignee", "assigned", "owning", "dri", "contact", "responsible"],
        );
        let done = pick(&["done", "completed", "complete", "closed", "fixed", "finished"], &[]);
        // Before the due date: `Status/ETA` holds `Done` more often than a date.
        let status = pick(&["status", "state"], &["statu", "state"]);
        let due = pick(
            &["due", "due date", "deadline", "target", "target date", "by", "eta", "when"],
            &["due", "deadline", "eta", "completion"],
        );
        let priority = pick(&["priority", "pri", "prio", "severity"], &["priority"]);
        let ticket = pick(
            &["ticket", "issue", "link", "tracking", "jira", "ticket issue", "bug", "key"],
            &["ticket", "jira", "issue", "bug", "tracking"],
        );
        let action = pick(ACTION_HEADERS, &["action", "task", "summary", "title", "description", "remediation"]);
        Columns { action, owner, due, status, done, priority, ticket }
    }
}

/// The Action Items section by the configured names (falls back to "action items" anywhere).
/// `keys` are heading keys (`normalise_heading`).
pub fn find_section<'s>(sections: &'s [Section], keys: &[String]) -> Option<&'s Section> {
    crate::model::sections::find(sections, keys)
        .or_else(|| sections.iter().find(|s| s.level >= 2 && crate::model::sections::has_words(&s.key, "action items")))
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
        let cols = Columns::of(&headers);
        let Columns { owner, due, status, done, priority, ticket, .. } = cols;
        let action = cols.action.unwrap_or(0);
        // Another table in the section (a legend of priorities, a list of links) holds no items.
        let named_action = cols.action.is_some();
        if !named_action && owner.is_none() && due.is_none() && status.is_none() && done.is_none() {
            continue;
        }
        for row in &table.rows {
            let get = |c: Option<usize>| c.and_then(|i| row.get(i));
            let first = row.first().map_or(table.span.clone(), |c| trimmed_span(text, c));
            let done_cell = get(done).map(|c| c.text.as_str()).unwrap_or_default();
            // Without a status column, a `DONE`/`TODO` marker in the ticket cell is the status
            // (the Google SRE book's `| Bug |` column: `n/a **DONE**`).
            let ticket_mark = get(ticket).and_then(|c| {
                c.text.split(|ch: char| !ch.is_ascii_alphabetic()).find(|w| *w == "DONE" || *w == "TODO")
            });
            let status_text = get(status)
                .map(|c| c.text.clone())
                .or_else(|| (done.is_none()).then(|| ticket_mark.map(str::to_lowercase)).flatten())
                .unwrap_or_else(|| done_cell.to_string());
            let due_cell = get(due).filter(|c| !c.text.trim().is_empty());
            out.push(ActionItem {
                span: first,
                action: get(Some(action)).map(|c| c.text.clone()).unwrap_or_default(),
                owner: get(owner)
                    .filter(|c| !c.text.trim().is_empty() && !c.struck)
                    .map(|c| (c.text.clone(), trimmed_span(text, c))),
                due: due_cell.and_then(|c| due_date(&c.text)),
                due_text: due_cell.map(|c| (c.text.clone(), trimmed_span(text, c))),
                // A row whose action is struck through was cancelled.
                closed: is_closed(&status_text) || is_yes(done_cell) || get(Some(action)).is_some_and(|c| c.struck),
                cancelled: get(Some(action)).is_some_and(|c| c.struck),
                status: status_text,
                priority: get(priority).map(|c| c.text.clone()).unwrap_or_default(),
                ticket: get(ticket).map(|c| c.text.clone()).unwrap_or_default(),
            });
        }
    }
    let items = list_items(md, &body);
    let has_tasks = items.iter().any(|i| i.checked.is_some());
    for item in items {
        // With a table, only task-list items are action items; without one, every top-level item
        // (a list where only some items have checkboxes: the others are open items too, unless
        // they read as a note: `Note: ...`, `See OPS-123 for the rest.`, `Carried over:`).
        if !tables.is_empty() && item.checked.is_none() || has_tasks && item.checked.is_none() && is_note(&item.text) {
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
            .or_else(|| EMAIL.find(&item.text).map(|m| m.as_str().to_string()))
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
        // Obsidian Tasks' cancelled `[-]` (and `[~]`) are not task markers to Markdown.
        let cancelled = ["[-]", "[~]"].iter().find_map(|m| item.text.strip_prefix(m));
        let closed = item.checked == Some(true)
            || item.struck
            || cancelled.is_some()
            || item.text.to_lowercase().contains("(done)");
        out.push(ActionItem {
            span: item.span.start..item.span.start + line_end,
            action: cancelled.unwrap_or(&item.text).trim().to_string(),
            cancelled: item.struck || cancelled.is_some(),
            due: due_text.as_ref().and_then(|(d, _)| due_date(d)),
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
    fn plain_items_beside_tasks_obsidian_due_dates_and_moved_dates() {
        let a = items("## Action Items\n\n- [ ] Jitter the TTLs — @ana 📅 2024-07-01\n- Add a cache hit-rate SLO\n- Page the DB team — owner: TBD, due ~~2024-03-01~~ 2024-05-20\n- ~~Dropped~~\n");
        let got: Vec<(&str, Option<Date>)> = a.iter().map(|i| (i.action.as_str(), i.due)).collect();
        assert_eq!(
            got,
            [
                ("Jitter the TTLs — @ana 📅 2024-07-01", Date::new(2024, 7, 1).ok()),
                ("Add a cache hit-rate SLO", None),
                ("Page the DB team — owner: TBD, due  2024-05-20", Date::new(2024, 5, 20).ok()),
                ("Dropped", None),
            ]
        );
        let a = items("## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n| Fix | @li | ~~2024-03-01~~ 2024-06-01 |\n| ~~Dropped~~ | @li | |\n");
        let got: Vec<(&str, Option<Date>)> = a.iter().map(|i| (i.action.as_str(), i.due)).collect();
        assert_eq!(got, [("Fix", Date::new(2024, 6, 1).ok()), ("Dropped", None)]);
    }

    #[test]
    fn notes_beside_tasks_and_cancelled_items() {
        let a = items("## Action Items\n\n- Note: the items below were discussed but not agreed.\n- [ ] Jitter TTLs @ana due 2026-01-01\n- Add an SLO\n- [ ] ~~Rewrite the failover script~~\n- [-] Migrate to RDS @ana 📅 2026-11-01\n- See the tracking epic OPS-123 for the rest.\n");
        let got: Vec<(&str, bool)> = a.iter().map(|i| (i.action.as_str(), i.closed)).collect();
        assert_eq!(
            got,
            [
                ("Jitter TTLs @ana due 2026-01-01", false),
                ("Add an SLO", false),
                ("Rewrite the failover script", true),
                ("Migrate to RDS @ana 📅 2026-11-01", true),
            ]
        );
        assert_eq!(a.iter().map(|i| i.cancelled).collect::<Vec<_>>(), [false, false, true, true]);
        let a = items("## Action Items\n\n| Action | Owner | Due | Status |\n|---|---|---|---|\n| ~~Buy a bigger disk~~ | Ben | 2026-11-01 | open |\n| Shrink logs | ~~TBD~~ | 2026-11-01 | open |\n");
        assert_eq!(a.iter().map(|i| (i.closed, i.cancelled)).collect::<Vec<_>>(), [(true, true), (false, false)]);
        assert!(a[1].owner.is_none(), "a struck-out owner is no owner");
    }

    #[test]
    fn owner_labels_are_whole_words_with_a_separator() {
        let a = items("## Action Items\n\n- Replace the failed drive in db-3\n- Upgrade the JDBC driver\n- Alert on config drift (no owner yet)\n- Rotate keys (DRI: Li Wei)\n- Fix it, assigned to Bo\n- Page (owner = ops)\n");
        let owners: Vec<Option<&str>> = a.iter().map(|i| i.owner.as_ref().map(|o| o.0.as_str())).collect();
        assert_eq!(owners, [None, None, None, Some("Li Wei"), Some("Bo"), Some("ops")]);
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

    #[test]
    fn done_columns_and_status_spellings() {
        let a = items("## Action Items\n\n| Action | Owner | Due | Done |\n|---|---|---|---|\n| A | @a | 2026-01-01 | ✓ |\n| B | @b | 2026-01-01 | yes |\n| C | @c | 2026-01-01 | x |\n| D | @d | 2026-01-01 | Done. |\n| E | @e | 2026-01-01 | ✔️ |\n| F | @f | 2026-01-01 | :white_check_mark: |\n| G | @g | 2026-01-01 | no |\n| H | @h | 2026-01-01 | |\n");
        let closed: Vec<bool> = a.iter().map(|i| i.closed).collect();
        assert_eq!(closed, [true, true, true, true, true, true, false, false]);
        for done in ["Completed, see PR", "fixed (v2.3)", "Done!", "closed - dup", "✅ shipped"] {
            assert!(is_closed(done), "{done}");
        }
        for open in ["Not done", "doneness review", "open", "in progress", "closing soon"] {
            assert!(!is_closed(open), "{open}");
        }
    }

    #[test]
    fn other_tables_in_the_section_hold_no_items() {
        let a = items("## Action Items\n\n| Priority | Meaning |\n|---|---|\n| P1 | this week |\n\n| Action | Owner | Due | Priority |\n|---|---|---|---|\n| Add alert | @ana | 2026-03-01 | P1 |\n");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].action, "Add alert");
        assert_eq!(a[0].priority, "P1");
    }

    #[test]
    fn spelled_out_due_dates_and_email_owners() {
        let a = items("## Action Items\n\n- [ ] Add canary — @ana, due March 1, 2027\n- [ ] Add alert — @bo, due: Jan 5, 2026\n- [ ] Tune pool — ana@acme.test, due 2027-03-01\n- [ ] Rotate — due 3/1/2027\n");
        assert_eq!(a[0].due, Date::new(2027, 3, 1).ok());
        assert_eq!(a[1].due, Date::new(2026, 1, 5).ok());
        assert_eq!(a[2].owner.as_ref().unwrap().0, "ana@acme.test");
        assert_eq!(a[2].due, Date::new(2027, 3, 1).ok());
        // Day-first or month-first: never guessed.
        assert_eq!(a[3].due, None);
        assert_eq!(a[3].due_text.as_ref().unwrap().0, "3/1/2027");
    }

    #[test]
    fn columns_are_found_by_their_words() {
        let a = items(
            "## Action Items\n\n| Key | Summary | Assignee | Status | Due Date |\n|---|---|---|---|---|\n| OPS-1 | Add alert | Ana | Done - shipped | 2024-06-01 |\n",
        );
        assert_eq!((a[0].action.as_str(), a[0].ticket.as_str()), ("Add alert", "OPS-1"));
        assert_eq!(a[0].owner.as_ref().map(|o| o.0.as_str()), Some("Ana"));
        assert!(a[0].closed && a[0].due.is_some());
        let b = items(
            "## Action Items\n\n| Action | Action owner | Due by | Status/Notes | Jira Ticket |\n|---|---|---|---|---|\n| Add alert | Ana | 2024-06-01 | open | OPS-2 |\n",
        );
        assert_eq!(b[0].action, "Add alert");
        assert_eq!(b[0].owner.as_ref().map(|o| o.0.as_str()), Some("Ana"));
        assert_eq!((b[0].due_text.as_ref().map(|d| d.0.as_str()), b[0].ticket.as_str()), (Some("2024-06-01"), "OPS-2"));
        assert!(!b[0].closed);
        let c = items(
            "## Action Items

| Action | Assigned | Status/ETA |
|---|---|---|
| Add alert | Ana | Done |
",
        );
        assert_eq!(c[0].owner.as_ref().map(|o| o.0.as_str()), Some("Ana"));
        assert!(c[0].closed && c[0].due_text.is_none());
    }

    #[test]
    fn a_done_marker_in_the_bug_column_closes_the_item() {
        let a = items(
            "## Action Items\n\n| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n| Update playbook | mitigate | jennifer | n/a **DONE** |\n| Add alert | prevent | martin | **TODO** |\n",
        );
        assert!(a[0].closed);
        assert!(!a[1].closed);
        assert_eq!(a[1].status, "todo");
    }

    #[test]
    fn tasks_nested_under_group_labels_are_the_items() {
        let a = items(
            "## Action Items\n\n- **Prevent**\n  - [ ] Add alert — @ana, due 2024-02-01\n  - [x] Tune pool — @bo\n- **Mitigate**\n  - [ ] Enable failover — @cy, due 2024-03-01\n- [ ] Top task — @di\n  - a note on the top task\n",
        );
        let actions: Vec<&str> = a.iter().map(|x| x.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "Add alert — @ana, due 2024-02-01",
                "Tune pool — @bo",
                "Enable failover — @cy, due 2024-03-01",
                "Top task — @di"
            ]
        );
        assert!(a[1].closed);
        assert!(is_placeholder_owner("@username") && is_placeholder_owner("@someone"));
    }
}
