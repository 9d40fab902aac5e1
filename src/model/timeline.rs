//! Reading a postmortem's Timeline: the first table under the Timeline section (or its list
//! items), times in whatever form real teams write them. Rows are never reordered.

use crate::markdown::{Blocks, Cell, CodeBlock};
use crate::model::sections::Section;
use crate::timefmt::{parse_time_of_day, parse_timestamp};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One timeline row.
#[derive(Debug, Clone)]
pub struct TimelineRow {
    /// Span of the time text (the time cell, or the time at the start of a list item).
    pub time_span: Range<usize>,
    /// The time as written.
    pub time_text: String,
    /// The event text.
    pub event: String,
    /// The moment, when the time could be read (time-only rows take the date before them).
    pub at: Option<Timestamp>,
}

static TIME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?ix)^\s*(?:\*\*|__)?\[?\s*(
            \d{4}-\d{2}-\d{2}(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*(?:[ap]\.?m\.?))?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?
          | \d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?-i:Z|UTC|GMT|[PMCE][SD]T|CEST?|BST|IST|JST)\b|\s*[+-]\d{2}:?\d{2}\b)?
          | \d{1,2}\s*[ap]\.?m\.?
          | \d{1,2}h\d{2}
        )",
    )
    .expect("static regex")
});

static TZ_HINT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)\b(?:all\s+)?times?\s+(?:are\s+)?(?:in|shown\s+in)\s+([A-Za-z_]+(?:/[A-Za-z_]+)?|[+-]\d{2}:?\d{2})",
    )
    .expect("static regex")
});

/// A zone named the way people write it in headers: `UTC`, `PST`, `Europe/Berlin`, `+02:00`.
pub fn zone_named(name: &str) -> Option<TimeZone> {
    let n = name.trim().trim_matches(|c| c == '(' || c == ')');
    let fixed = |h: i8| jiff::tz::Offset::from_hours(h).ok().map(TimeZone::fixed);
    match n.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" => return Some(TimeZone::UTC),
        "PST" => return fixed(-8),
        "PDT" => return fixed(-7),
        "MST" => return fixed(-7),
        "MDT" => return fixed(-6),
        "CST" => return fixed(-6),
        "CDT" => return fixed(-5),
        "EST" => return fixed(-5),
        "EDT" => return fixed(-4),
        "CET" => return fixed(1),
        "CEST" => return fixed(2),
        "BST" => return fixed(1),
        "IST" => return jiff::tz::Offset::from_seconds(19800).ok().map(TimeZone::fixed),
        "JST" => return fixed(9),
        // US regions as people say them; these follow daylight saving time.
        "PACIFIC" | "PT" => return TimeZone::get("America/Los_Angeles").ok(),
        "MOUNTAIN" | "MT" => return TimeZone::get("America/Denver").ok(),
        "CENTRAL" | "CT" => return TimeZone::get("America/Chicago").ok(),
        "EASTERN" | "ET" => return TimeZone::get("America/New_York").ok(),
        _ => {}
    }
    // `UTC-8`, `UTC+05:30`, `GMT+2` (also with a typographic minus).
    let upper = n.to_ascii_uppercase().replace('\u{2212}', "-");
    let offset = upper.strip_prefix("UTC").or_else(|| upper.strip_prefix("GMT")).unwrap_or(&upper).trim_start();
    if let Some(rest) = offset.strip_prefix(['+', '-']) {
        let sign: i32 = if offset.starts_with('-') { -1 } else { 1 };
        let (h, m) = match rest.split_once(':') {
            Some((h, m)) => (h, m),
            None if rest.len() == 4 => rest.split_at(2),
            None => (rest, "0"),
        };
        if (1..=2).contains(&h.len()) && m.len() <= 2 && format!("{h}{m}").bytes().all(|b| b.is_ascii_digit()) {
            let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
            if h <= 14 && m < 60 {
                return jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok().map(TimeZone::fixed);
            }
        }
        return None;
    }
    if n.contains('/') {
        return TimeZone::get(n).ok();
    }
    None
}

/// The Timeline section, by the configured name and aliases (falls back to any heading
/// mentioning "timeline").
/// `keys` are heading keys (`normalise_heading`).
pub fn find_section<'s>(sections: &'s [Section], keys: &[String]) -> Option<&'s Section> {
    sections
        .iter()
        .find(|s| keys.contains(&s.key))
        .or_else(|| sections.iter().find(|s| s.key.split(' ').any(|w| w == "timeline")))
}

/// Read the timeline rows of a document.
pub fn read(
    text: &str,
    md: &Blocks,
    section: &Section,
    heading_text: &str,
    started: Option<Timestamp>,
    site_tz: &TimeZone,
    code_blocks: &[CodeBlock],
) -> Vec<TimelineRow> {
    let body = section.body.clone();
    // A zone named in the heading, the column header, or a line such as "All times in UTC".
    let mut tz = zone_in_parens(heading_text).unwrap_or_else(|| site_tz.clone());
    let body_text = &text[body.clone()];
    if let Some(c) = TZ_HINT.captures(body_text) {
        if let Some(z) = zone_named(&c[1]) {
            tz = z;
        }
    }
    let mut raw: Vec<(Range<usize>, String, String)> = Vec::new();
    if let Some(table) = md.tables.iter().find(|t| t.span.start >= body.start && t.span.end <= body.end) {
        let headers: Vec<String> = table.header.iter().map(|h| h.text.to_lowercase()).collect();
        let col = |names: &[&str]| {
            names.iter().find_map(|n| headers.iter().position(|h| h == n || h.starts_with(&format!("{n} ("))))
        };
        if let Some(z) = table.header.iter().find_map(|h| zone_in_parens(&h.text)) {
            tz = z;
        }
        let time_col = col(&["time", "when", "timestamp", "date", "date/time", "datetime", "time/date", "date & time"])
            .unwrap_or(0);
        let date_col = col(&["date", "day"]).filter(|&d| d != time_col);
        for row in &table.rows {
            let Some(cell) = row.get(time_col) else {
                continue;
            };
            let event = row
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != time_col && Some(*i) != date_col)
                .map(|(_, c)| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" — ");
            let time_text = match date_col.and_then(|d| row.get(d)) {
                Some(d) if !d.text.is_empty() => format!("{} {}", d.text, cell.text),
                _ => cell.text.clone(),
            };
            raw.push((cell_span(text, cell), time_text, event));
        }
    } else {
        for item in md.items.iter().filter(|i| i.span.start >= body.start && i.span.end <= body.end && i.depth == 0) {
            let src = &text[item.span.clone()];
            match time_and_event(&item.text) {
                Some((t, event)) => {
                    let at = src.find(&t).map_or(item.span.start, |i| item.span.start + i);
                    raw.push((at..at + t.len(), t, event));
                }
                None => {
                    let first = item.text.split_whitespace().next().unwrap_or("").to_string();
                    let at = src.find(first.as_str()).map_or(item.span.start, |i| item.span.start + i);
                    raw.push((at..at + first.len(), first, item.text.clone()));
                }
            }
        }
    }
    if raw.is_empty() {
        // Neither a table nor a list: plain lines (`08:00 - indexer stalls`), which Markdown
        // joins into one paragraph. Each line that opens with a time, outside code, is a row.
        let mut offset = body.start;
        for line in text[body.clone()].split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim();
            if code_blocks.iter().any(|c| c.span.contains(&start)) || trimmed.starts_with(['#', '>']) {
                continue;
            }
            if let Some((t, event)) = time_and_event(line) {
                let at = line.find(&t).map_or(start, |i| start + i);
                raw.push((at..at + t.len(), t, event));
            }
        }
    }
    let mut prev: Option<Timestamp> = None;
    // `started: 2024-03-05` (a date alone) is midnight in the site's zone: the timeline's times
    // are on that day whatever zone they are written in, not on the day before in PST.
    let start_date = started.map(|s| {
        let local = s.to_zoned(site_tz.clone());
        if local.time() == Time::midnight() {
            local.date()
        } else {
            s.to_zoned(tz.clone()).date()
        }
    });
    raw.into_iter()
        .map(|(time_span, time_text, event)| {
            let at = moment(&time_text, prev, start_date, &tz);
            if at.is_some() {
                prev = at;
            }
            TimelineRow { time_span, time_text, event, at }
        })
        .collect()
}

/// The time a timeline line opens with and the event after it (`**14:05** — alert fires`).
fn time_and_event(line: &str) -> Option<(String, String)> {
    let c = TIME_PREFIX.captures(line)?;
    let t = c.get(1).expect("group 1").as_str().trim().to_string();
    let event = line[c.get(0).expect("match").end()..]
        .trim_start_matches(|ch: char| {
            ch == '*'
                || ch == '_'
                || ch == ']'
                || ch == ':'
                || ch == '-'
                || ch == '—'
                || ch == '–'
                || ch == '|'
                || ch.is_whitespace()
        })
        .trim_end()
        .to_string();
    Some((t, event))
}

/// The zone in a heading's parentheses: `(PST)`, `(UTC-8)`, `(all times PST)`, `(Pacific)`.
fn zone_in_parens(s: &str) -> Option<TimeZone> {
    let open = s.rfind('(')?;
    let close = s[open..].find(')')? + open;
    let inner = &s[open + 1..close];
    zone_named(inner).or_else(|| inner.split_whitespace().rev().find_map(zone_named))
}

fn cell_span(text: &str, cell: &Cell) -> Range<usize> {
    let src = &text[cell.span.clone()];
    let lead = src.len() - src.trim_start().len();
    let t = src.trim();
    cell.span.start + lead..cell.span.start + lead + t.len()
}

/// The moment a row's time text names.
fn moment(raw: &str, prev: Option<Timestamp>, start_date: Option<Date>, tz: &TimeZone) -> Option<Timestamp> {
    let cleaned = raw.trim().trim_matches(|c| c == '*' || c == '_' || c == '[' || c == ']' || c == '`').trim();
    let (body, zone) = split_zone(cleaned, tz);
    if let Some(t) = parse_timestamp(&body, &zone) {
        return Some(t);
    }
    // "2026-03-01 2:05 pm"
    if body.len() > 10 && body.is_char_boundary(10) {
        if let (Ok(d), Some(t)) = (body[..10].parse::<Date>(), parse_time_of_day(body[10..].trim_start_matches('T'))) {
            return d.to_datetime(t).to_zoned(zone).ok().map(|z| z.timestamp());
        }
    }
    let time = parse_time_of_day(&body)?;
    let anchor_date = match prev {
        Some(p) => {
            let pz = p.to_zoned(zone.clone());
            let candidate = at(pz.date(), time, &zone)?;
            // More than 12 hours earlier than the row before: the timeline crossed midnight.
            if candidate.duration_since(p).as_secs() < -12 * 3600 {
                return at(pz.date().tomorrow().ok()?, time, &zone);
            }
            return Some(candidate);
        }
        None => start_date.unwrap_or(Date::constant(2000, 1, 1)),
    };
    at(anchor_date, time, &zone)
}

fn at(d: Date, t: Time, tz: &TimeZone) -> Option<Timestamp> {
    DateTime::from_parts(d, t).to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}

/// Split a trailing zone (`14:05 PST`) off a time text.
fn split_zone(s: &str, tz: &TimeZone) -> (String, TimeZone) {
    if let Some((body, last)) = s.rsplit_once(' ') {
        // A numeric offset (`+02:00`) has a colon like a time of day, but a sign first.
        let offset = last.starts_with(['+', '-']);
        if (offset || !last.contains(':')) && !last.eq_ignore_ascii_case("am") && !last.eq_ignore_ascii_case("pm") {
            if let Some(z) = zone_named(last) {
                return (body.trim().to_string(), z);
            }
        }
    }
    (s.to_string(), tz.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;
    use crate::model::sections;

    fn rows(src: &str, started: Option<&str>) -> Vec<(String, Option<String>)> {
        let (parsed, md) = markdown::parse(src, 0);
        let secs = sections::sections(&parsed.headings, src.len());
        let s = find_section(&secs, &["timeline".to_string()]).expect("timeline");
        let started = started.map(|s| s.parse::<Timestamp>().unwrap());
        read(src, &md, s, &parsed.headings[s.heading].text, started, &TimeZone::UTC, &parsed.code_blocks)
            .into_iter()
            .map(|r| (r.time_text, r.at.map(|t| t.to_string())))
            .collect()
    }

    #[test]
    fn patterns_stay_on_the_fast_engines_for_non_ascii_text() {
        for r in [&*TIME_PREFIX, &*TZ_HINT] {
            assert!(!crate::text::has_unicode_word_boundary(r.as_str()), "{}", r.as_str());
        }
    }

    #[test]
    fn table_with_midnight_crossing_and_started_date() {
        let r = rows(
            "## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 23:50 | a |\n| 00:10 | b |\n| 2026-03-02 01:00 | c |\n| soon | d |\n",
            Some("2026-03-01T23:40:00Z"),
        );
        assert_eq!(r[0].1.as_deref(), Some("2026-03-01T23:50:00Z"));
        assert_eq!(r[1].1.as_deref(), Some("2026-03-02T00:10:00Z"));
        assert_eq!(r[2].1.as_deref(), Some("2026-03-02T01:00:00Z"));
        assert_eq!(r[3], ("soon".into(), None));
    }

    #[test]
    fn list_with_ampm_and_zone_hint() {
        let r = rows(
            "## Timeline\n\nAll times in PST.\n\n- **2:05 pm** — alert fires\n- 14:30: rollback\n- 2026-03-01T23:00:00Z resolved\n",
            Some("2026-03-01T20:00:00Z"),
        );
        assert_eq!(r[0].0, "2:05 pm");
        assert_eq!(r[0].1.as_deref(), Some("2026-03-01T22:05:00Z"));
        assert_eq!(r[1].1.as_deref(), Some("2026-03-01T22:30:00Z"));
        assert_eq!(r[2].1.as_deref(), Some("2026-03-01T23:00:00Z"));
    }

    #[test]
    fn separate_date_and_time_columns() {
        let r = rows(
            "## Timeline\n\n| Date | Time | What |\n|---|---|---|\n| 2026-03-01 | 10:00 | a |\n| | 11:00 | b |\n",
            None,
        );
        assert_eq!(r[0].1.as_deref(), Some("2026-03-01T10:00:00Z"));
        assert_eq!(r[1].1.as_deref(), Some("2026-03-01T11:00:00Z"));
    }

    #[test]
    fn a_word_after_the_time_is_not_a_zone() {
        // Google SRE template style: `14:51 News reports ...`; only real zone names are zones.
        let r = rows(
            "## Timeline\n\n- 14:51 Marketing email goes out\n- 14:54 OUTAGE BEGINS\n- 15:00 PST spike\n",
            Some("2024-06-12T00:00:00Z"),
        );
        assert_eq!(r[0], ("14:51".into(), Some("2024-06-12T14:51:00Z".into())));
        assert_eq!(r[1], ("14:54".into(), Some("2024-06-12T14:54:00Z".into())));
        assert_eq!(r[2].0, "15:00 PST");
    }

    #[test]
    fn numeric_offsets_after_a_space() {
        let r = rows(
            "## Timeline\n\n- 2026-03-01 10:00 +02:00 — config pushed\n- 10:15 +02:00 — rollback started\n- 08:30 UTC — rollback done\n- 09:00 -0500 — east coast notified\n",
            None,
        );
        assert_eq!(r[0], ("2026-03-01 10:00 +02:00".to_string(), Some("2026-03-01T08:00:00Z".to_string())));
        assert_eq!(r[1], ("10:15 +02:00".to_string(), Some("2026-03-01T08:15:00Z".to_string())));
        assert_eq!(r[2].1.as_deref(), Some("2026-03-01T08:30:00Z"));
        assert_eq!(r[3].1.as_deref(), Some("2026-03-01T14:00:00Z"));
    }

    #[test]
    fn zones_as_people_write_them_in_headings() {
        let at = |heading: &str| {
            let src = format!("## Timeline {heading}\n\n| Time | Event |\n|---|---|\n| 3:15 PM | keys expire |\n");
            rows(&src, Some("2024-03-05T00:00:00Z"))[0].1.clone()
        };
        // A date alone for `started`: the rows are on that day in their own zone.
        assert_eq!(at("(PST)").as_deref(), Some("2024-03-05T23:15:00Z"));
        assert_eq!(at("(UTC-8)").as_deref(), Some("2024-03-05T23:15:00Z"));
        assert_eq!(at("(all times PST)").as_deref(), Some("2024-03-05T23:15:00Z"));
        assert_eq!(at("(America/Los_Angeles)").as_deref(), Some("2024-03-05T23:15:00Z"));
        // Pacific time follows daylight saving: 5 March is still standard time.
        assert_eq!(at("(Pacific)").as_deref(), Some("2024-03-05T23:15:00Z"));
        assert_eq!(at("(GMT+5:30)").as_deref(), Some("2024-03-05T09:45:00Z"));
        assert_eq!(at("(UTC)").as_deref(), Some("2024-03-05T15:15:00Z"));
        // Not a zone: the site's zone (UTC here).
        assert_eq!(at("(draft)").as_deref(), Some("2024-03-05T15:15:00Z"));
        assert!(zone_named("UTC+25").is_none() && zone_named("+25:00").is_none());
    }

    #[test]
    fn plain_lines_are_rows() {
        let r = rows(
            "## Timeline\n\nAll times in UTC.\n08:00 - indexer stalls\n08:30 - alert fires\n07:10 - indexer restarted\n\n```\n09:00 - not a row\n```\n",
            Some("2026-03-01T08:00:00Z"),
        );
        let times: Vec<&str> = r.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(times, ["08:00", "08:30", "07:10"]);
        assert_eq!(r[1].1.as_deref(), Some("2026-03-01T08:30:00Z"));
    }
}
