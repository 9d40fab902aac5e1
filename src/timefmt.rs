//! Reading the dates, timestamps and durations people write in front-matter and timelines.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// A review interval or postmortem window in days: `90d`, `12w`, `6m` (months of 30 days),
/// `1y`, `48h` (rounded up to whole days). A bare number is days.
pub fn parse_duration_days(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_lowercase();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: i64 = num.parse().ok()?;
    let days = match unit.trim() {
        "" | "d" | "day" | "days" => n,
        "w" | "wk" | "week" | "weeks" => n * 7,
        "m" | "mo" | "month" | "months" => n * 30,
        "y" | "year" | "years" => n * 365,
        "h" | "hour" | "hours" => (n + 23) / 24,
        _ => return None,
    };
    (0..=36_500).contains(&days).then_some(days)
}

/// A response target in minutes: `5m`, `30min`, `2h`, `1d`.
pub fn parse_duration_minutes(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_lowercase();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: i64 = num.parse().ok()?;
    Some(match unit.trim() {
        "m" | "min" | "mins" | "minute" | "minutes" => n,
        "h" | "hr" | "hour" | "hours" => n * 60,
        "d" | "day" | "days" => n * 1440,
        _ => return None,
    })
}

/// A calendar date `YYYY-MM-DD` (also the date part of a timestamp).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    parse_timestamp(s, &TimeZone::UTC).map(|t| t.to_zoned(TimeZone::UTC).date())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names: `March`, `mar`, `Mar.`, `Sept` (three letters at least).
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() == 3 || w.len() == m.len() || w == "sept"))
        .map(|i| i as i8 + 1)
}

/// A calendar date in the other unambiguous ways people write one: `2026/3/1`, `2026.03.01`,
/// `2026-3-1`, `March 1, 2026`, `Mar 1st 2026`, `1 March 2026`. Day-first or month-first
/// numeric dates (`3/1/2026`) are ambiguous and never read.
pub fn parse_loose_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let num = |w: &str| -> Option<i16> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
    };
    let ordinal_ok = |w: &str| {
        let suffix = w.trim_start_matches(|c: char| c.is_ascii_digit()).to_ascii_lowercase();
        ["", "st", "nd", "rd", "th"].contains(&suffix.as_str())
    };
    let (y, m, d) = match words.as_slice() {
        [one] => {
            let parts: Vec<&str> = one.split(['/', '.', '-']).collect();
            let [y, m, d] = parts.as_slice() else { return None };
            if y.len() != 4 || m.len() > 2 || d.len() > 2 {
                return None;
            }
            (num(y)?, num(m)? as i8, num(d)? as i8)
        }
        [a, b, c] => {
            if let Some(m) = month_number(a) {
                if !ordinal_ok(b) || c.len() != 4 {
                    return None;
                }
                (num(c)?, m, num(b)? as i8)
            } else if let Some(m) = month_number(b) {
                if !ordinal_ok(a) || c.len() != 4 {
                    return None;
                }
                (num(c)?, m, num(a)? as i8)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Date::new(y, m, d).ok()
}

/// Whether a timestamp's UTC offset, if it has one, is one the world uses (±14:00 at most);
/// jiff reads offsets up to ±25:59, so `+25:00` would otherwise pass as a typo nobody sees.
fn offset_in_range(s: &str) -> bool {
    let Some(t) = s.find(['T', 't', ' ']) else { return true };
    let time = &s[t..];
    let Some(sign) = time.rfind(['+', '-']) else { return true };
    let hours: String = time[sign + 1..].chars().take_while(char::is_ascii_digit).take(2).collect();
    hours.len() < 2 || hours.parse::<u8>().is_ok_and(|h| h <= 14)
}

/// A moment: RFC 3339 / ISO 8601 with `Z` or an offset; `YYYY-MM-DD HH:MM[:SS]` (any spacing,
/// optional `UTC`/`Z`/offset suffix) taken in `tz`; a bare date is midnight in `tz`.
pub fn parse_timestamp(s: &str, tz: &TimeZone) -> Option<Timestamp> {
    let s = s.trim();
    if s.len() < 8 {
        return None;
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return offset_in_range(s).then_some(t);
    }
    let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (body, utc) = match collapsed.strip_suffix(" UTC").or_else(|| collapsed.strip_suffix(" GMT")) {
        Some(b) => (b.to_string(), true),
        None => match collapsed.strip_suffix('Z') {
            Some(b) => (b.to_string(), true),
            None => (collapsed.clone(), false),
        },
    };
    // `2024-04-12 09:15:00 +01:00`, `2024-03-05 10:00:00 +0000` (YAML, Jekyll, FireHydrant).
    if let Some((when, off)) = collapsed.rsplit_once(' ') {
        let digits = off.get(1..).unwrap_or("").replace(':', "");
        if off.starts_with(['+', '-']) && digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let iso = format!("{}{}{}:{}", when.replacen(' ', "T", 1), &off[..1], &digits[..2], &digits[2..]);
            return iso.parse::<Timestamp>().ok().filter(|_| offset_in_range(&iso));
        }
    }
    let iso = body.replacen(' ', "T", 1);
    if let Ok(t) = format!("{iso}Z").parse::<Timestamp>() {
        if utc {
            return Some(t);
        }
    }
    let zone = if utc { TimeZone::UTC } else { tz.clone() };
    if let Ok(dt) = iso.parse::<DateTime>() {
        return dt.to_zoned(zone).ok().map(|z| z.timestamp());
    }
    if let Ok(d) = body.parse::<Date>() {
        return d.to_zoned(zone).ok().map(|z| z.timestamp());
    }
    None
}

/// A time of day as written in a timeline: `14:05`, `14:05:30`, `2:05 pm`, `2pm`, `14h05`.
pub fn parse_time_of_day(s: &str) -> Option<Time> {
    let t = s.trim().to_ascii_lowercase();
    let (t, pm, am) = if let Some(x) = t.strip_suffix("pm").or_else(|| t.strip_suffix("p.m.")) {
        (x.trim().to_string(), true, false)
    } else if let Some(x) = t.strip_suffix("am").or_else(|| t.strip_suffix("a.m.")) {
        (x.trim().to_string(), false, true)
    } else {
        (t, false, false)
    };
    let parts: Vec<&str> = t.split([':', 'h', '.']).collect();
    let num = |p: Option<&&str>| -> Option<i8> {
        let p = p?;
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
    };
    let (mut h, m, sec) = match parts.len() {
        1 if am || pm => (num(parts.first())?, 0, 0),
        2 => (num(parts.first())?, num(parts.get(1))?, 0),
        3 => (num(parts.first())?, num(parts.get(1))?, num(parts.get(2))?),
        _ => return None,
    };
    if am || pm {
        if !(1..=12).contains(&h) {
            return None;
        }
        if pm && h != 12 {
            h += 12;
        }
        if am && h == 12 {
            h = 0;
        }
    }
    Time::new(h, m, sec, 0).ok()
}

/// Human duration: `41 min`, `2 h 5 min`, `3 d 4 h`.
pub fn human_minutes(mins: i64) -> String {
    let sign = if mins < 0 { "-" } else { "" };
    let m = mins.abs();
    if m < 60 {
        format!("{sign}{m} min")
    } else if m < 1440 {
        match m % 60 {
            0 => format!("{sign}{} h", m / 60),
            r => format!("{sign}{} h {r} min", m / 60),
        }
    } else {
        match (m % 1440) / 60 {
            0 => format!("{sign}{} d", m / 1440),
            h => format!("{sign}{} d {h} h", m / 1440),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_days("90d"), Some(90));
        assert_eq!(parse_duration_days("12w"), Some(84));
        assert_eq!(parse_duration_days("6m"), Some(180));
        assert_eq!(parse_duration_days("48h"), Some(2));
        assert_eq!(parse_duration_days("soon"), None);
        assert_eq!(parse_duration_minutes("2h"), Some(120));
    }

    #[test]
    fn timestamps() {
        let utc = TimeZone::UTC;
        let a = parse_timestamp("2026-03-01T14:05:00Z", &utc).unwrap();
        assert_eq!(parse_timestamp("2026-03-01 14:05", &utc), Some(a));
        assert_eq!(parse_timestamp("2026-03-01   14:05 UTC", &utc), Some(a));
        assert_eq!(parse_timestamp("2026-03-01T16:05:00+02:00", &utc), Some(a));
        assert!(parse_timestamp("2026-03-01", &utc).is_some());
        assert!(parse_timestamp("yesterday", &utc).is_none());
        assert!(parse_timestamp("2026-02-30", &utc).is_none());
        // Offsets the world uses, and not the ones jiff would also read.
        assert!(parse_timestamp("2026-03-01T14:05:00+14:00", &utc).is_some());
        assert!(parse_timestamp("2026-03-01T14:05:00-09:30", &utc).is_some());
        assert!(parse_timestamp("2026-03-01T14:05:00+25:00", &utc).is_none());
        assert!(parse_timestamp("2026-03-01T14:05:00-1500", &utc).is_none());
        // A space before the offset (YAML timestamps, Jekyll, incident-tool exports).
        assert_eq!(parse_timestamp("2026-03-01 15:05:00 +01:00", &utc), Some(a));
        assert_eq!(parse_timestamp("2026-03-01 14:05:00 +0000", &utc), Some(a));
        assert_eq!(parse_timestamp("2026-03-01 09:05 -0500", &utc), Some(a));
        assert!(parse_timestamp("2026-03-01 14:05:00 +2500", &utc).is_none());
    }

    #[test]
    fn loose_dates() {
        let d = Date::new(2026, 3, 1).unwrap();
        for s in ["2026/3/1", "2026.03.01", "2026-3-1", "March 1, 2026", "Mar 1st 2026", "1 March 2026", "Sept 1 2026"]
        {
            let want = if s.starts_with("Sept") { Date::new(2026, 9, 1).unwrap() } else { d };
            assert_eq!(parse_loose_date(s), Some(want), "{s}");
        }
        for s in ["3/1/2026", "March 2026", "Ma 1 2026", "2026/13/1", "soon"] {
            assert_eq!(parse_loose_date(s), None, "{s}");
        }
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time_of_day("14:05"), Time::new(14, 5, 0, 0).ok());
        assert_eq!(parse_time_of_day("2:05 pm"), Time::new(14, 5, 0, 0).ok());
        assert_eq!(parse_time_of_day("12am"), Time::new(0, 0, 0, 0).ok());
        assert_eq!(parse_time_of_day("14:05:30"), Time::new(14, 5, 30, 0).ok());
        assert_eq!(parse_time_of_day("noonish"), None);
        assert_eq!(human_minutes(41), "41 min");
        assert_eq!(human_minutes(125), "2 h 5 min");
    }
}
