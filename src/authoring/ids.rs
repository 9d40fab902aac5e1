//! Incident ids from the site's `incident_id` pattern (`INC-{year}-{seq:03}`): the next free
//! sequence number for the period, never an id the site already uses.

use jiff::civil::Date;
use std::collections::HashSet;

/// One piece of a parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Year,
    Month,
    Day,
    Seq(usize),
}

fn parse(pattern: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Literal(rest[..open].to_string()));
        }
        let close = rest[open..].find('}').ok_or_else(|| format!("`{pattern}`: `{{` without `}}`"))? + open;
        let token = &rest[open + 1..close];
        out.push(match token {
            "year" => Piece::Year,
            "month" => Piece::Month,
            "day" => Piece::Day,
            "seq" => Piece::Seq(1),
            t => match t.strip_prefix("seq:") {
                Some(w) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 2 => {
                    Piece::Seq(w.parse().map_err(|_| format!("`{pattern}`: bad width `{w}`"))?)
                }
                _ => {
                    return Err(format!(
                        "`{pattern}`: unknown placeholder `{{{t}}}` (use {{year}}, {{month}}, {{day}}, {{seq}} or {{seq:03}})"
                    ))
                }
            },
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest.to_string()));
    }
    Ok(out)
}

/// Check an `incident_id` pattern without allocating.
pub fn validate(pattern: &str) -> Result<(), String> {
    parse(pattern).map(|_| ())
}

/// The next id for an incident on `date`, given every id in use (compared ignoring case).
pub fn allocate(pattern: &str, date: Date, existing: &HashSet<String>) -> Result<String, String> {
    let pieces = parse(pattern)?;
    let taken: HashSet<String> = existing.iter().map(|s| s.to_lowercase()).collect();
    let mut re = String::from("(?i)^");
    let mut width = None;
    for p in &pieces {
        match p {
            Piece::Literal(l) => re.push_str(&regex::escape(l)),
            Piece::Year => re.push_str(&format!("{:04}", date.year())),
            Piece::Month => re.push_str(&format!("{:02}", date.month())),
            Piece::Day => re.push_str(&format!("{:02}", date.day())),
            Piece::Seq(w) => {
                if width.is_none() {
                    width = Some(*w);
                    re.push_str(r"(\d+)");
                } else {
                    re.push_str(r"\d+");
                }
            }
        }
    }
    re.push('$');
    let re = regex::Regex::new(&re).map_err(|e| format!("`{pattern}`: {e}"))?;
    let render = |seq: u64| -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(l) => l.clone(),
                Piece::Year => format!("{:04}", date.year()),
                Piece::Month => format!("{:02}", date.month()),
                Piece::Day => format!("{:02}", date.day()),
                Piece::Seq(w) => format!("{seq:0w$}"),
            })
            .collect()
    };
    if width.is_none() {
        // No sequence number in the pattern: suffix `-2`, `-3`, ... on a collision.
        let base = render(0);
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id.to_lowercase()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        return Ok(id);
    }
    let max = existing.iter().filter_map(|id| re.captures(id.trim())).filter_map(|c| c[1].parse::<u64>().ok()).max();
    let mut seq = max.map_or(1, |m| m + 1);
    while taken.contains(&render(seq).to_lowercase()) {
        seq += 1;
    }
    Ok(render(seq))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> HashSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn next_sequence_per_period() {
        let d = Date::new(2026, 3, 1).unwrap();
        let p = "INC-{year}-{seq:03}";
        assert_eq!(allocate(p, d, &set(&[])).unwrap(), "INC-2026-001");
        assert_eq!(allocate(p, d, &set(&["INC-2026-001", "inc-2026-007", "INC-2025-042"])).unwrap(), "INC-2026-008");
        assert_eq!(allocate("{year}{month}{day}-{seq}", d, &set(&["20260301-9"])).unwrap(), "20260301-10");
        assert_eq!(allocate("OUT-{year}", d, &set(&["OUT-2026"])).unwrap(), "OUT-2026-2");
        assert!(allocate("INC-{yr}", d, &set(&[])).unwrap_err().contains("unknown placeholder `{yr}`"));
    }
}
