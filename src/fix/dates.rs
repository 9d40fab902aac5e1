//! Rewriting front-matter dates written in other unambiguous forms (`2026/3/1`,
//! `March 1, 2026`, `March 1, 2026 14:05`) as ISO 8601, which `check` reads.

use crate::timefmt::{parse_date, parse_loose_date, parse_timestamp};
use jiff::tz::TimeZone;

/// The ISO form of a front-matter `value` (quotes included, as written), or `None` when it is
/// already readable or cannot be read unambiguously. `timestamp`: a time may follow the date.
pub fn normalise(value: &str, timestamp: bool, tz: &TimeZone) -> Option<String> {
    let v = value.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
        .unwrap_or(v);
    let readable = if timestamp { parse_timestamp(v, tz).is_some() } else { parse_date(v).is_some() };
    if readable || v.is_empty() {
        return None;
    }
    let words: Vec<&str> = v.split_whitespace().collect();
    for k in (1..=words.len()).rev() {
        let Some(date) = parse_loose_date(&words[..k].join(" ")) else { continue };
        let rest = words[k..].join(" ");
        if rest.is_empty() {
            return Some(date.to_string());
        }
        let candidate = format!("{date} {rest}");
        if timestamp && parse_timestamp(&candidate, tz).is_some() {
            return Some(candidate);
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_unambiguous_dates() {
        let utc = TimeZone::UTC;
        assert_eq!(normalise("2026/3/1", false, &utc).as_deref(), Some("2026-03-01"));
        assert_eq!(normalise("\"March 1, 2026\"", false, &utc).as_deref(), Some("2026-03-01"));
        assert_eq!(normalise("March 1, 2026 14:05", true, &utc).as_deref(), Some("2026-03-01 14:05"));
        assert_eq!(normalise("2026-03-01", false, &utc), None);
        assert_eq!(normalise("3/1/2026", false, &utc), None);
        assert_eq!(normalise("March 1, 2026 teatime", true, &utc), None);
    }
}
