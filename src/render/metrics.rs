//! The numbers behind the charts on `/metrics/` and the service pages, computed from the
//! catalogue by pure functions (no I/O, no clock): incidents per month by severity, time to
//! detect/mitigate/resolve per quarter, action items opened and closed per month, incidents per
//! service. Months and quarters are those of the site's time zone.

use super::catalog::{ActionRow, Catalog, IncidentRow};
use serde::Serialize;

/// Everything the metrics page charts.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    /// Severity ids, in the order of the `by_severity` counts: the configured scheme, then any
    /// other severity written in a published incident (sorted).
    pub severities: Vec<String>,
    /// Every month from the first incident's to the last one's (empty months included).
    pub months: Vec<MonthCount>,
    /// Every quarter from the first incident's to the last one's.
    pub quarters: Vec<QuarterTimes>,
    /// Action items opened and closed, every month from the first to the last with either.
    pub actions: Vec<ActionMonth>,
    /// Services with at least one incident, most incidents first (then by name).
    pub services: Vec<ServiceCount>,
}

/// Incidents that started in one month.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Count per severity, in the order of `Metrics::severities`.
    pub by_severity: Vec<usize>,
    /// All incidents that month.
    pub total: usize,
}

/// Mean and median of a set of durations in minutes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stat {
    /// How many incidents have this duration.
    pub n: usize,
    /// Mean in minutes (`None` when `n == 0`).
    pub mean: Option<f64>,
    /// Median in minutes: the middle value, or the mean of the two middle values.
    pub median: Option<f64>,
}

/// Response times of the incidents that started in one quarter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuarterTimes {
    /// `YYYY-Qn`.
    pub quarter: String,
    /// Incidents that started in the quarter.
    pub incidents: usize,
    /// Started → detected.
    pub detect: Stat,
    /// Started → mitigated.
    pub mitigate: Stat,
    /// Started → resolved.
    pub resolve: Stat,
}

/// Action items opened and closed in one month.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ActionMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Items of incidents that started this month.
    pub opened: usize,
    /// Closed items whose incident was resolved this month (items carry no close date; an
    /// incident closed without a resolved time counts in its start month).
    pub closed: usize,
}

/// Incidents naming one service.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ServiceCount {
    /// Service name.
    pub name: String,
    /// Its page path.
    pub url: String,
    /// Incidents naming it.
    pub incidents: usize,
}

/// The site-wide metrics of every published incident.
pub fn compute(catalog: &Catalog, severities: &[String]) -> Metrics {
    let incidents: Vec<&IncidentRow> = catalog.incidents.iter().collect();
    let mut m = compute_for(&incidents, &catalog.actions, severities);
    m.services = catalog
        .services
        .iter()
        .filter(|(_, (_, _, inc))| !inc.is_empty())
        .map(|(name, (slug, _, inc))| ServiceCount {
            name: name.clone(),
            url: format!("services/{slug}/"),
            incidents: inc.len(),
        })
        .collect();
    m.services.sort_by(|a, b| b.incidents.cmp(&a.incidents).then_with(|| a.name.cmp(&b.name)));
    m
}

/// The metrics of a subset of incidents (a service's); `actions` is the catalogue's list, which
/// each incident's `action_range` indexes. `services` is left empty.
pub fn compute_for(incidents: &[&IncidentRow], actions: &[ActionRow], severities: &[String]) -> Metrics {
    let mut sevs: Vec<String> = severities.to_vec();
    let mut extra: Vec<&str> =
        incidents.iter().map(|r| r.severity.as_str()).filter(|s| !severities.iter().any(|x| x == s)).collect();
    extra.sort_unstable();
    extra.dedup();
    sevs.extend(extra.into_iter().map(str::to_string));

    let month_of = |date: &str| date.get(..7).and_then(Month::parse);
    let mut months: Vec<MonthCount> = match span(incidents.iter().filter_map(|r| month_of(&r.date))) {
        Some((a, b)) => Month::range(a, b)
            .map(|m| MonthCount { month: m.to_string(), by_severity: vec![0; sevs.len()], total: 0 })
            .collect(),
        None => Vec::new(),
    };
    let first_month = months.first().and_then(|m| Month::parse(&m.month));
    for r in incidents {
        let (Some(m), Some(first)) = (month_of(&r.date), first_month) else { continue };
        let row = &mut months[m.index() - first.index()];
        let s = sevs.iter().position(|s| *s == r.severity).expect("every severity is listed");
        row.by_severity[s] += 1;
        row.total += 1;
    }

    let quarter_of = |date: &str| month_of(date).map(Month::quarter);
    let quarters = match span(incidents.iter().filter_map(|r| quarter_of(&r.date))) {
        Some((a, b)) => Month::range(a, b)
            .filter(|m| m.month % 3 == 1)
            .map(|q| {
                let these: Vec<&&IncidentRow> = incidents.iter().filter(|r| quarter_of(&r.date) == Some(q)).collect();
                QuarterTimes {
                    quarter: q.quarter_label(),
                    incidents: these.len(),
                    detect: stat(these.iter().filter_map(|r| r.ttd_minutes)),
                    mitigate: stat(these.iter().filter_map(|r| r.ttm_minutes)),
                    resolve: stat(these.iter().filter_map(|r| r.duration_minutes)),
                }
            })
            .collect(),
        None => Vec::new(),
    };

    // (month, opened, closed) events, then one row per month of the span.
    let mut events: Vec<(Month, usize, usize)> = Vec::new();
    for r in incidents {
        let items = &actions[r.action_range.clone()];
        if items.is_empty() {
            continue;
        }
        if let Some(m) = month_of(&r.date) {
            events.push((m, items.len(), 0));
        }
        let closed = items.iter().filter(|a| a.closed).count();
        let when = if r.resolved_date.is_empty() { &r.date } else { &r.resolved_date };
        if let (true, Some(m)) = (closed > 0, month_of(when)) {
            events.push((m, 0, closed));
        }
    }
    let actions = match span(events.iter().map(|e| e.0)) {
        Some((a, b)) => Month::range(a, b)
            .map(|m| ActionMonth {
                month: m.to_string(),
                opened: events.iter().filter(|e| e.0 == m).map(|e| e.1).sum(),
                closed: events.iter().filter(|e| e.0 == m).map(|e| e.2).sum(),
            })
            .collect(),
        None => Vec::new(),
    };
    Metrics { severities: sevs, months, quarters, actions, services: Vec::new() }
}

/// Mean and median of `values`.
pub fn stat(values: impl Iterator<Item = i64>) -> Stat {
    let mut v: Vec<i64> = values.collect();
    v.sort_unstable();
    let n = v.len();
    if n == 0 {
        return Stat { n, mean: None, median: None };
    }
    let mean = v.iter().map(|&x| x as f64).sum::<f64>() / n as f64;
    let median = if n % 2 == 1 { v[n / 2] as f64 } else { (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0 };
    Stat { n, mean: Some(mean), median: Some(median) }
}

fn span<T: Ord + Copy>(it: impl Iterator<Item = T>) -> Option<(T, T)> {
    it.fold(None, |acc, x| match acc {
        None => Some((x, x)),
        Some((a, b)) => Some((a.min(x), b.max(x))),
    })
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Month {
    year: i32,
    /// 1..=12.
    month: i32,
}

impl Month {
    fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    fn index(self) -> usize {
        (self.year as i64 * 12 + self.month as i64 - 1).max(0) as usize
    }

    fn from_index(i: usize) -> Month {
        Month { year: (i / 12) as i32, month: (i % 12) as i32 + 1 }
    }

    /// The first month of this month's quarter.
    fn quarter(self) -> Month {
        Month { year: self.year, month: (self.month - 1) / 3 * 3 + 1 }
    }

    fn quarter_label(self) -> String {
        format!("{:04}-Q{}", self.year, (self.month - 1) / 3 + 1)
    }

    fn range(a: Month, b: Month) -> impl Iterator<Item = Month> {
        (a.index()..=b.index()).map(Month::from_index)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_median() {
        assert_eq!(stat([30, 10, 20].into_iter()), Stat { n: 3, mean: Some(20.0), median: Some(20.0) });
        assert_eq!(stat([10, 40, 20, 30].into_iter()), Stat { n: 4, mean: Some(25.0), median: Some(25.0) });
        assert_eq!(stat(std::iter::empty()), Stat { n: 0, mean: None, median: None });
    }

    #[test]
    fn months_and_quarters() {
        let a = Month::parse("2025-11").unwrap();
        let b = Month::parse("2026-02").unwrap();
        let all: Vec<String> = Month::range(a, b).map(|m| m.to_string()).collect();
        assert_eq!(all, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(b.quarter().quarter_label(), "2026-Q1");
        assert_eq!(Month::parse("2026-12").unwrap().quarter().quarter_label(), "2026-Q4");
        assert!(Month::parse("2026-13").is_none());
    }
}
