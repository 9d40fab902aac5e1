//! Reading a postmortem's Timeline: the first table under the Timeline section (or its list
//! items), times in whatever form real teams write them. Rows are never reordered.

use crate::markdown::{Blocks, Cell, Markdown};
use crate::model::sections::Section;
use crate::timefmt::{parse_loose_date, parse_time_of_day, parse_timestamp};
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
    /// Whether `at`'s date is known: written in the row, or taken from `started`, a day
    /// heading or an earlier dated row. Undated rows only order the timeline.
    pub dated: bool,
}

/// Zone suffixes a timeline time may carry (abbreviations are case-sensitive: `14:05 et al`
/// is not Eastern time; those that are English words, `ART`, `CAT`, `EAT`, `WAT`, `WET`,
/// `WEST`, count only in a heading: `14:10 ART pipeline paused` is not Argentina time).
const ZONE_SUFFIX: &str = r"(?-i:Z|UTC|GMT|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[PMCE][SD]?T|CEST?|BST|IST|JST|AK[SD]T|HST|N[DS]T|ADT|BRT|EEST|SAST|IDT|MSK|ICT|WIB|SGT|HKT|PHT|AWST|KST|AC[SD]T|AE[SD]T|NZ[SD]T)\b|[+-]\d{2}:?\d{2}\b";

/// The time a timeline line opens with: `14:05`, `**2:05 pm**`, `2024-03-05 14:02 UTC`,
/// `Mar 6, 01:00`, `~14:00`, `14:10–14:25` (the start counts), with an optional zone; also in
/// prose, as blog-style postmortems write it (`At 14:32 UTC, ...`, `By 15:09, ...`).
static TIME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(
        r"(?ix)^\s*(?:\*\*|__)?\[?\s*(?:~|≈|ca\.\s*|approx\.?\s+|approximately\s+|around\s+|about\s+|at\s+|by\s+)?(
            \d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:\s*(?:[ap]\.?m\.?))?(?:\s*(?:{ZONE_SUFFIX}))?)?
          | (?:{MONTH_DAY}\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:{ZONE_SUFFIX}))?
          | \d{{1,2}}\s*[ap]\.?m\.?(?:\s*(?:{ZONE_SUFFIX}))?
          | \d{{1,2}}h\d{{2}}
        )(?:\s*(?:–|—|-|to)\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?)?"
    ))
    .expect("static regex")
});

/// A day named by month and day before a time: `Mar 6,`, `March 6th 2024,`, `6 Mar`.
const MONTH_DAY: &str = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4},?)?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?(?:\s+\d{4},?)?)";

/// `14:10–14:25` or `2:05 pm - 2:30 pm`: a range, of which the start counts.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)^(?P<start>.*?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)\s*(?:–|—|-|\bto\b)\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?P<rest>.*)$",
    )
    .expect("static regex")
});

/// A time of day at the end of a text whose start names the day: `Mar 6, 01:00`.
static DAY_THEN_TIME: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)^(?P<day>.*?[A-Za-z0-9.])[,\s]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)$")
        .expect("static regex")
});

static TZ_HINT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)\b(?:all\s+)?(?:times?|timestamps?)\s+(?:(?:are|is)\s+(?:in\s+)?|(?:in|shown\s+in|given\s+in|listed\s+in)\s+)([A-Za-z_]+(?:/[A-Za-z_]+)?(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})",
    )
    .expect("static regex")
});

/// Zone abbreviations that name one offset (standard or summer time, never both), in minutes
/// east of UTC. `CST` is US Central; `AST`, ambiguous (Atlantic, Arabia), is left out.
const FIXED_ZONES: &[(&str, i32)] = &[
    ("PST", -480),
    ("PDT", -420),
    ("MST", -420),
    ("MDT", -360),
    ("CST", -360),
    ("CDT", -300),
    ("EST", -300),
    ("EDT", -240),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
    ("NST", -210),
    ("NDT", -150),
    ("ADT", -180),
    ("BRT", -180),
    ("ART", -180),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("WAT", 60),
    ("EET", 120),
    ("EEST", 180),
    ("CAT", 120),
    ("SAST", 120),
    ("IDT", 180),
    ("MSK", 180),
    ("EAT", 180),
    ("IST", 330),
    ("ICT", 420),
    ("WIB", 420),
    ("SGT", 480),
    ("HKT", 480),
    ("PHT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("ACDT", 630),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
];

/// A zone named the way people write it in headers: `UTC`, `PST`, `Europe/Berlin`, `+02:00`.
pub fn zone_named(name: &str) -> Option<TimeZone> {
    let n = name.trim().trim_matches(|c| c == '(' || c == ')');
    if let Some(&(_, minutes)) = FIXED_ZONES.iter().find(|(z, _)| z.eq_ignore_ascii_case(n)) {
        return jiff::tz::Offset::from_seconds(minutes * 60).ok().map(TimeZone::fixed);
    }
    match n.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" => return Some(TimeZone::UTC),
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
    crate::model::sections::find(sections, keys)
        .or_else(|| sections.iter().find(|s| s.level >= 2 && crate::model::sections::has_words(&s.key, "timeline")))
}

/// Read the timeline rows of a document: the Timeline section's tables (the first one, and
/// any other whose header names a time column), else its list items, else its lines that open
/// with a time. A sub-heading that names a day (`### 2024-02-10`, `### Saturday, Feb 10`) dates
/// the time-only rows below it.
pub fn read(
    text: &str,
    parsed: &Markdown,
    md: &Blocks,
    section: &Section,
    started: Option<Timestamp>,
    site_tz: &TimeZone,
) -> Vec<TimelineRow> {
    let body = section.body.clone();
    let heading_text = &parsed.headings[section.heading].text;
    // A zone named in the heading, the column header, or a line such as "All times in UTC".
    let mut tz = zone_in_parens(heading_text).unwrap_or_else(|| site_tz.clone());
    let mut tz_stated = zone_in_parens(heading_text).is_some();
    let body_text = &text[body.clone()];
    if let Some(z) = TZ_HINT.captures_iter(body_text).find_map(|c| zone_named(&c[1])) {
        tz = z;
        tz_stated = true;
    }
    // (position, time span, time text, event)
    let mut raw: Vec<(Range<usize>, String, String)> = Vec::new();
    let tables: Vec<_> = md.tables.iter().filter(|t| t.span.start >= body.start && t.span.end <= body.end).collect();
    for (n, table) in tables.iter().enumerate() {
        let headers: Vec<String> = table.header.iter().map(|h| h.text.to_lowercase()).collect();
        let col = |names: &[&str]| {
            names.iter().find_map(|n| headers.iter().position(|h| h == n || h.starts_with(&format!("{n} ("))))
        };
        let named_time = col(&[
            "time",
            "when",
            "timestamp",
            "date",
            "date/time",
            "datetime",
            "time/date",
            "date & time",
            "time (utc)",
        ]);
        // Only the first table may leave its time column unnamed (the first column then).
        if n > 0 && named_time.is_none() {
            continue;
        }
        if let Some(z) = table.header.iter().find_map(|h| zone_in_parens(&h.text)) {
            tz = z;
            tz_stated = true;
        }
        let time_col = named_time.unwrap_or(0);
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
    }
    // List items; beside tables only under day headings, and only those that open with a time
    // (one day's rows may be a list and the next day's a table). Otherwise a list beside a
    // table is a summary or notes ("Key moments: - 14:02 detection"), not more rows.
    let level = parsed.headings[section.heading].level;
    let day_headings = parsed
        .headings
        .iter()
        .any(|h| h.level > level && body.contains(&h.span.start) && day_named(&h.text, Some(2000)).is_some());
    let had_tables = !raw.is_empty();
    if !had_tables || day_headings {
        for item in md
            .items
            .iter()
            .filter(|i| i.span.start >= body.start && i.span.end <= body.end && i.depth == 0 && !i.quoted)
        {
            let src = &text[item.span.clone()];
            match time_and_event(&item.text) {
                Some((t, event)) => {
                    let at = src.find(&t).map_or(item.span.start, |i| item.span.start + i);
                    raw.push((at..at + t.len(), t, event));
                }
                None if had_tables => {}
                // An item opening with a word (`At the same time, support ...`) is prose between
                // the rows; one opening with something time-like that cannot be read is a row
                // `timeline-format` reports (`2pm-ish: ...`).
                None => {
                    let first = item.text.split_whitespace().next().unwrap_or("").to_string();
                    if !first.bytes().any(|b| b.is_ascii_digit()) {
                        continue;
                    }
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
            if parsed.code_blocks.iter().any(|c| c.span.contains(&start)) || trimmed.starts_with(['#', '>']) {
                continue;
            }
            if let Some((t, event)) = time_and_event(line) {
                let at = line.find(&t).map_or(start, |i| start + i);
                raw.push((at..at + t.len(), t, event));
            }
        }
    }
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
    // Sub-headings of the section that name a day, in document order.
    let mut year = start_date.map(|d| d.year());
    let mut days: Vec<(usize, Date)> = Vec::new();
    for h in parsed.headings.iter().filter(|h| h.level > level && body.contains(&h.span.start)) {
        if let Some(mut d) = day_named(&h.text, year) {
            // `### Dec 31` then `### Jan 1`: a day without its year after a later one is in
            // the next year.
            if !has_year(&h.text) && days.last().is_some_and(|&(_, last)| d < last) {
                d = d.checked_add(jiff::Span::new().years(1)).unwrap_or(d);
            }
            year = Some(d.year());
            days.push((h.span.start, d));
        }
    }
    let mut days = days.into_iter().peekable();
    let mut day = start_date.map(|d| (d, true));
    let mut prev: Option<(Timestamp, bool)> = None;
    let mut carried: Option<TimeZone> = None;
    raw.sort_by_key(|r| r.0.start);
    raw.into_iter()
        .map(|(time_span, time_text, event)| {
            while let Some((_, d)) = days.next_if(|(at, _)| *at < time_span.start) {
                day = Some((d, true));
                prev = None;
            }
            // Without a zone for the whole timeline, a zone written on a row (`14:30 PT`) holds
            // for the rows after it until another row names one.
            let (time, named) = time_and_zone(&time_text);
            let row_tz = match &named {
                Some(z) => z.clone(),
                None if tz_stated => tz.clone(),
                None => carried.clone().unwrap_or_else(|| tz.clone()),
            };
            let found = moment(&time, prev, day, &row_tz);
            if found.is_some() {
                prev = found;
            }
            if named.is_some() {
                carried = named;
            }
            TimelineRow { time_span, time_text, event, at: found.map(|f| f.0), dated: found.is_some_and(|f| f.1) }
        })
        .collect()
}

/// The day a timeline sub-heading names: `2024-02-10`, `Saturday, Feb 10`, `Day 2 — March 6th`,
/// `10 February 2024`. A day without a year takes `year`.
fn day_named(heading: &str, year: Option<i16>) -> Option<Date> {
    if let Some(m) = ISO_DATE.find(heading) {
        return m.as_str().parse().ok();
    }
    let c = DAY_WORDS.captures(heading)?;
    let words = c.get(0)?.as_str();
    if let Some(d) = parse_loose_date(words) {
        return Some(d);
    }
    let with_year = format!("{} {}", words.trim_end_matches([',', ' ']), year?);
    parse_loose_date(&with_year)
}

/// Whether a day heading writes its year (`Feb 10, 2024`, `10 February 2024`).
fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4)
}

/// A row's time text without its markup (`**`, `~`, `approx.`) and a note in parentheses, and
/// the zone it names itself (`14:30 PT`, `2:30 PM PST`, `15:00 (UTC)`, `10:15 +02:00`), if any.
fn time_and_zone(raw: &str) -> (String, Option<TimeZone>) {
    let mut cleaned = raw.trim().trim_matches(|c| c == '*' || c == '_' || c == '[' || c == ']' || c == '`').trim();
    for approx in ["~", "≈", "ca.", "approx.", "approx", "approximately", "around", "about"] {
        if let Some(rest) = cleaned.strip_prefix(approx) {
            if approx.len() <= 3 || rest.starts_with(' ') {
                cleaned = rest.trim_start();
            }
        }
    }
    // `14:30 (approx.)`, `14:30 (PST)`: a zone in parentheses counts, anything else is a note.
    if let Some((before, inner)) = cleaned.strip_suffix(')').and_then(|x| x.rsplit_once('(')) {
        return (before.trim_end().to_string(), zone_named(inner.trim()));
    }
    if let Some((body, last)) = cleaned.rsplit_once(' ') {
        // A numeric offset (`+02:00`) has a colon like a time of day, but a sign first.
        if !last.contains(':') || last.starts_with(['+', '-']) {
            if let Some(z) = zone_named(last) {
                return (body.trim().to_string(), Some(z));
            }
        }
    }
    (cleaned.to_string(), None)
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"\b\d{4}-\d{2}-\d{2}\b").expect("static regex"));
static DAY_WORDS: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(&format!(r"(?i)\b{MONTH_DAY}")).expect("static regex"));

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
                || ch == ','
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

/// The moment a row's time text names, and whether its date is known (written in the row, or
/// taken from `started`, a day heading or a dated row before it). A time-only row with no date
/// to take is placed on an arbitrary day so the order of rows can still be checked.
fn moment(
    body: &str,
    prev: Option<(Timestamp, bool)>,
    day: Option<(Date, bool)>,
    zone: &TimeZone,
) -> Option<(Timestamp, bool)> {
    // The year of a day written without one: the row before's, else the timeline's day.
    let year = || prev.map(|p| p.0.to_zoned(zone.clone()).date().year()).or(day.map(|d| d.0.year()));
    if let Some(t) = parse_timestamp(body, zone) {
        return Some((t, true));
    }
    // Most rows are a bare time (`14:05`): read it before trying the rarer forms below.
    let plain = parse_time_of_day(body);
    if let Some(c) = RANGE.captures(body).filter(|_| plain.is_none()) {
        let start = format!("{}{}", &c["start"], &c["rest"]);
        if start.trim() != body {
            return moment(start.trim(), prev, day, zone);
        }
    }
    // "2026-03-01 2:05 pm"
    if body.len() > 10 && body.is_char_boundary(10) {
        if let (Ok(d), Some(t)) = (body[..10].parse::<Date>(), parse_time_of_day(body[10..].trim_start_matches('T'))) {
            return d.to_datetime(t).to_zoned(zone.clone()).ok().map(|z| (z.timestamp(), true));
        }
    }
    // "Mar 6, 01:00", "6 March 2024 14:05"
    if let Some(c) = DAY_THEN_TIME.captures(body).filter(|_| plain.is_none()) {
        if let (Some(d), Some(t)) = (day_named(&c["day"], year()), parse_time_of_day(&c["time"])) {
            return at(d, t, zone).map(|t| (t, true));
        }
    }
    // A row that is only a day (`**Feb 10**`, a separator in a multi-day table) is its midnight.
    if plain.is_none() && DAY_WORDS.find(body).is_some_and(|m| m.start() == 0 && m.end() == body.len()) {
        if let Some(d) = day_named(body, year()) {
            return at(d, Time::midnight(), zone).map(|t| (t, true));
        }
    }
    let time = plain?;
    let (anchor_date, dated) = match prev {
        Some((p, dated)) => {
            let pz = p.to_zoned(zone.clone());
            let candidate = at(pz.date(), time, zone)?;
            // More than 12 hours earlier than the row before: the timeline crossed midnight.
            if candidate.duration_since(p).as_secs() < -12 * 3600 {
                return at(pz.date().tomorrow().ok()?, time, zone).map(|t| (t, dated));
            }
            return Some((candidate, dated));
        }
        None => day.unwrap_or((Date::constant(2000, 1, 1), false)),
    };
    at(anchor_date, time, zone).map(|t| (t, dated))
}

fn at(d: Date, t: Time, tz: &TimeZone) -> Option<Timestamp> {
    DateTime::from_parts(d, t).to_zoned(tz.clone()).ok().map(|z| z.timestamp())
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
        read(src, &parsed, &md, s, started, &TimeZone::UTC)
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
        // Abbreviations from every continent, half-hour ones included.
        assert_eq!(at("(all times AEST)").as_deref(), Some("2024-03-05T05:15:00Z"));
        assert_eq!(at("(ACDT)").as_deref(), Some("2024-03-05T04:45:00Z"));
        assert_eq!(at("(times in NZDT)").as_deref(), Some("2024-03-05T02:15:00Z"));
        assert_eq!(at("(SGT)").as_deref(), Some("2024-03-05T07:15:00Z"));
        assert_eq!(at("(EEST)").as_deref(), Some("2024-03-05T12:15:00Z"));
        assert_eq!(at("(BRT)").as_deref(), Some("2024-03-05T18:15:00Z"));
        let r = rows("## Timeline\n\n- 10:00 AEST paged\n- 10:40 AEST mitigated\n", Some("2024-07-01T00:00:00Z"));
        assert_eq!(r[1].1.as_deref(), Some("2024-07-01T00:40:00Z"));
        // Not a zone: the site's zone (UTC here).
        assert_eq!(at("(draft)").as_deref(), Some("2024-03-05T15:15:00Z"));
        assert!(zone_named("UTC+25").is_none() && zone_named("+25:00").is_none());
    }

    #[test]
    fn prose_paragraphs_opening_with_a_time_are_rows() {
        let r = rows(
            "## Timeline\n\nAt 14:30 UTC, deploys started failing.\n\nAt 14:39 UTC, we paged the on-call.\n\nAt 14:36, the rollback began.\n\nBy 15:09 all traffic recovered.\n\nAt the time, nobody knew.\n",
            Some("2026-03-01T14:30:00Z"),
        );
        let got: Vec<(&str, Option<&str>)> = r.iter().map(|(t, a)| (t.as_str(), a.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("14:30 UTC", Some("2026-03-01T14:30:00Z")),
                ("14:39 UTC", Some("2026-03-01T14:39:00Z")),
                ("14:36", Some("2026-03-01T14:36:00Z")),
                ("15:09", Some("2026-03-01T15:09:00Z")),
            ]
        );
    }

    #[test]
    fn asides_in_a_list_timeline_are_not_rows() {
        let r = rows(
            "## Timeline (UTC)\n\n- 14:05 deploy\n- At the same time, support saw tickets\n- 14:10 ART pipeline paused\n- 2pm-ish: rollback\n\n> [!NOTE]\n> Sources:\n> - PagerDuty\n> - Slack\n",
            Some("2026-03-01T14:00:00Z"),
        );
        let got: Vec<(&str, Option<&str>)> = r.iter().map(|(t, a)| (t.as_str(), a.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("14:05", Some("2026-03-01T14:05:00Z")),
                ("14:10", Some("2026-03-01T14:10:00Z")),
                ("2pm", Some("2026-03-01T14:00:00Z"))
            ]
        );
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

    #[test]
    fn zones_after_list_times_are_kept() {
        let r = rows(
            "## Timeline\n\n- 22:00 UTC — alert\n- 14:30 PT — rollback\n- 2024-03-05 14:40 PST — done\n",
            Some("2024-03-05T21:00:00Z"),
        );
        assert_eq!(r[0].1.as_deref(), Some("2024-03-05T22:00:00Z"));
        assert_eq!(r[1], ("14:30 PT".into(), Some("2024-03-05T22:30:00Z".into())));
        assert_eq!(r[2], ("2024-03-05 14:40 PST".into(), Some("2024-03-05T22:40:00Z".into())));
        let hint = rows("## Timeline\n\nAll times are UTC.\n\n- 14:02 — alert\n", Some("2024-03-05T00:00:00Z"));
        assert_eq!(hint[0].1.as_deref(), Some("2024-03-05T14:02:00Z"));
    }

    #[test]
    fn day_headings_date_the_rows_below_them() {
        let r = rows(
            "## Timeline (UTC)\n\n### 2024-02-09\n\n- 4:30 PM — deployed\n\n### Saturday, Feb 10\n\n- 9:10 AM — reports\n\n### Sun 11 February\n\n| Time | Event |\n|---|---|\n| 1:00 PM | fix |\n",
            None,
        );
        assert_eq!(r[0].1.as_deref(), Some("2024-02-09T16:30:00Z"));
        assert_eq!(r[1].1.as_deref(), Some("2024-02-10T09:10:00Z"));
        let t = rows(
            "## Timeline\n\n### Day 1 (2024-02-09)\n\n| Time | Event |\n|---|---|\n| 23:00 | a |\n\n### Day 2 (2024-02-11)\n\n| Time | Event |\n|---|---|\n| 01:00 | b |\n",
            None,
        );
        assert_eq!(t[1].1.as_deref(), Some("2024-02-11T01:00:00Z"), "every table of the section is read");
    }

    #[test]
    fn a_summary_list_beside_the_table_is_not_more_rows() {
        let r = rows(
            "## Timeline\n\n| Time | Event |\n|---|---|\n| 14:00 | a |\n| 16:00 | b |\n\nKey moments:\n\n- 14:02 detection\n",
            Some("2024-03-05T00:00:00Z"),
        );
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn approximate_ranged_and_month_named_times() {
        let r = rows(
            "## Timeline\n\n| Time | Event |\n|---|---|\n| ~14:00 | a |\n| 14:10–14:25 | b |\n| 14:30 (approx.) | c |\n| Mar 6, 01:00 | d |\n| 15:00 (PST) | e |\n",
            Some("2024-03-05T00:00:00Z"),
        );
        let at: Vec<_> = r.iter().map(|x| x.1.clone().unwrap_or_default()).collect();
        assert_eq!(
            at,
            [
                "2024-03-05T14:00:00Z",
                "2024-03-05T14:10:00Z",
                "2024-03-05T14:30:00Z",
                "2024-03-06T01:00:00Z",
                // 15:00 PST is 2 hours before the row above (17:00 PST): out of order, not a new day.
                "2024-03-05T23:00:00Z"
            ]
        );
        let list =
            rows("## Timeline\n\n- ~14:00 — a\n- 14:10-14:25: b\n- Mar 6, 01:00 — c\n", Some("2024-03-05T00:00:00Z"));
        assert_eq!(list[1], ("14:10-14:25".into(), Some("2024-03-05T14:10:00Z".into())));
        assert_eq!(list[2], ("Mar 6, 01:00".into(), Some("2024-03-06T01:00:00Z".into())));
    }

    #[test]
    fn rows_without_a_date_are_undated() {
        let src =
            "## Timeline\n\n| Time | Event |\n|---|---|\n| 02:05 | a |\n| 2024-06-11 03:00 | b |\n| 03:10 | c |\n";
        let (parsed, md) = markdown::parse(src, 0);
        let secs = sections::sections(&parsed.headings, src.len());
        let r = read(src, &parsed, &md, &secs[0], None, &TimeZone::UTC);
        assert_eq!(r.iter().map(|r| r.dated).collect::<Vec<_>>(), [false, true, true]);
    }

    #[test]
    fn a_zone_on_a_row_holds_for_the_rows_after_it_and_days_roll_into_the_new_year() {
        let r = rows(
            "## Timeline\n\n- 14:30 PT deploy\n- 14:45 alert\n- 2:30 PM PT rollback\n",
            Some("2024-02-10T00:00:00Z"),
        );
        assert_eq!(r[1].1.as_deref(), Some("2024-02-10T22:45:00Z"));
        let y = rows(
            "## Timeline (UTC)\n\n### Tuesday, Dec 31\n\n- 23:30 — a\n\n### Wednesday, Jan 1\n\n- 00:30 — b\n",
            Some("2024-12-31T00:00:00Z"),
        );
        assert_eq!(y[1].1.as_deref(), Some("2025-01-01T00:30:00Z"));
        let sep = rows(
            "## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| **Feb 10** | |\n| 09:00 | a |\n",
            Some("2024-02-09T00:00:00Z"),
        );
        assert_eq!(sep[0].1.as_deref(), Some("2024-02-10T00:00:00Z"));
        assert_eq!(sep[1].1.as_deref(), Some("2024-02-10T09:00:00Z"));
    }
}
