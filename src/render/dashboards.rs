//! Template values for the pages a team reviews every week: `/metrics/` (charts plus their
//! numbers as tables), the charts on each service page, and `/actions/` (action items grouped by
//! owner). The numbers come from `metrics`; the SVG from `charts`.

use super::catalog::ActionRow;
use super::charts::{bar_chart, class, hbar_chart, num, BarChart, Layout, Series};
use super::metrics::{Metrics, Stat};
use super::urls::slug;
use crate::timefmt::human_minutes;
use serde::Serialize;

/// One cell of a chart's data table.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Displayed text.
    pub text: String,
    /// Raw number for sorting (minutes for durations), when there is one.
    pub value: Option<String>,
    /// Site-relative link, when the row names a page.
    pub url: Option<String>,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell { text: text.into(), value: None, url: None }
}

fn count(n: usize) -> Cell {
    Cell { text: n.to_string(), value: Some(n.to_string()), url: None }
}

/// A chart with its accessible title, description and data table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Id prefix, unique in the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description (also the SVG's `<desc>`).
    pub desc: String,
    /// The SVG element.
    pub svg: String,
    /// Column headings of the data table.
    pub head: Vec<String>,
    /// Data rows; the first cell of each is its row header.
    pub rows: Vec<Vec<Cell>>,
}

/// A duration in minutes for people: `22.5 min`, `2 h 5 min`, `3 d 4 h`.
pub fn minutes_text(m: Option<f64>) -> String {
    match m {
        None => String::new(),
        Some(m) if m.abs() < 60.0 => format!("{} min", num((m * 10.0).round() / 10.0)),
        Some(m) => human_minutes(m.round() as i64),
    }
}

/// The unit a time axis reads best in for values up to `max` minutes: (divisor, label).
fn time_unit(max: f64) -> (f64, &'static str) {
    if max <= 120.0 {
        (1.0, "minutes")
    } else if max <= 72.0 * 60.0 {
        (60.0, "hours")
    } else {
        (1440.0, "days")
    }
}

fn stat_cells(s: &Stat) -> [Cell; 3] {
    let minutes = |v: Option<f64>| Cell { text: minutes_text(v), value: v.map(num), url: None };
    [count(s.n), minutes(s.mean), minutes(s.median)]
}

fn range_text(first: Option<&String>, last: Option<&String>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("from {a} to {b}"),
        (Some(a), _) => format!("in {a}"),
        _ => String::new(),
    }
}

/// Incidents per month, stacked by severity.
pub fn incidents_per_month(m: &Metrics, id: &str, title: &str, height: f64) -> Chart {
    let cats: Vec<String> = m.months.iter().map(|r| r.month.clone()).collect();
    let total: usize = m.months.iter().map(|r| r.total).sum();
    let series: Vec<Series> = m
        .severities
        .iter()
        .enumerate()
        .map(|(i, s)| Series {
            name: s.clone(),
            class: class(i),
            values: m.months.iter().map(|r| r.by_severity[i] as f64).collect(),
        })
        .filter(|s| s.values.iter().any(|v| *v > 0.0))
        .collect();
    let desc = format!(
        "Incidents that started each month {}, stacked by severity, most severe at the bottom; {total} in all.",
        range_text(cats.first(), cats.last())
    );
    let svg = bar_chart(&BarChart {
        id,
        title,
        desc: &desc,
        categories: &cats,
        series,
        layout: Layout::Stacked,
        y_label: "incidents",
        height,
    });
    let mut head = vec!["Month".to_string()];
    head.extend(m.severities.iter().cloned());
    head.push("Total".into());
    let rows = m
        .months
        .iter()
        .map(|r| {
            let mut row = vec![cell(&r.month)];
            row.extend(r.by_severity.iter().map(|&n| count(n)));
            row.push(count(r.total));
            row
        })
        .collect();
    Chart { id: id.into(), title: title.into(), desc, svg, head, rows }
}

/// Mean and median of one response time per quarter, side by side.
pub fn times_per_quarter(m: &Metrics, which: &str, id: &str, height: f64) -> Chart {
    let (pick, what): (fn(&super::metrics::QuarterTimes) -> &Stat, &str) = match which {
        "detect" => (|q| &q.detect, "detect"),
        "mitigate" => (|q| &q.mitigate, "mitigate"),
        _ => (|q| &q.resolve, "resolve"),
    };
    let cats: Vec<String> = m.quarters.iter().map(|q| q.quarter.clone()).collect();
    let max = m.quarters.iter().flat_map(|q| [pick(q).mean, pick(q).median]).flatten().fold(0.0, f64::max);
    let (div, unit) = time_unit(max);
    let values = |f: fn(&Stat) -> Option<f64>| -> Vec<f64> {
        m.quarters.iter().map(|q| f(pick(q)).map_or(0.0, |v| (v / div * 100.0).round() / 100.0)).collect()
    };
    let series = vec![
        Series { name: "mean".into(), class: "c5".into(), values: values(|s| s.mean) },
        Series { name: "median".into(), class: "c6".into(), values: values(|s| s.median) },
    ];
    let title = format!("Time to {what} per quarter");
    let n: usize = m.quarters.iter().map(|q| pick(q).n).sum();
    let desc = format!(
        "Mean and median time from the start of an incident to its being {}, in {unit}, by the quarter the incident started {}; {n} incidents have this time.",
        match what {
            "detect" => "detected",
            "mitigate" => "mitigated",
            _ => "resolved",
        },
        range_text(cats.first(), cats.last())
    );
    let svg = bar_chart(&BarChart {
        id,
        title: &title,
        desc: &desc,
        categories: &cats,
        series,
        layout: Layout::Grouped,
        y_label: unit,
        height,
    });
    let head = ["Quarter", "Incidents with a time", "Mean", "Median"].map(String::from).to_vec();
    let rows = m
        .quarters
        .iter()
        .map(|q| {
            let mut row = vec![cell(&q.quarter)];
            row.extend(stat_cells(pick(q)));
            row
        })
        .collect();
    Chart { id: id.into(), title, desc, svg, head, rows }
}

/// Action items opened vs closed per month.
pub fn actions_per_month(m: &Metrics, id: &str, height: f64) -> Chart {
    let cats: Vec<String> = m.actions.iter().map(|r| r.month.clone()).collect();
    let series = vec![
        Series {
            name: "opened".into(),
            class: "c2".into(),
            values: m.actions.iter().map(|r| r.opened as f64).collect(),
        },
        Series {
            name: "closed".into(),
            class: "c5".into(),
            values: m.actions.iter().map(|r| r.closed as f64).collect(),
        },
    ];
    let title = "Action items opened and closed per month".to_string();
    let desc = format!(
        "Action items opened (counted in the month their incident started) and closed, {}. Action items carry no close date, so a closed item is counted in the month its incident was resolved (or started, when it has no resolved time).",
        range_text(cats.first(), cats.last())
    );
    let svg = bar_chart(&BarChart {
        id,
        title: &title,
        desc: &desc,
        categories: &cats,
        series,
        layout: Layout::Grouped,
        y_label: "action items",
        height,
    });
    let head = ["Month", "Opened", "Closed"].map(String::from).to_vec();
    let rows = m.actions.iter().map(|r| vec![cell(&r.month), count(r.opened), count(r.closed)]).collect();
    Chart { id: id.into(), title, desc, svg, head, rows }
}

/// Incidents per service, most first.
pub fn incidents_per_service(m: &Metrics, id: &str) -> Chart {
    let rows: Vec<(String, f64)> = m.services.iter().map(|s| (s.name.clone(), s.incidents as f64)).collect();
    let title = "Incidents per service".to_string();
    let desc = format!(
        "Incidents naming each service, most first; an incident naming several services counts once for each. {} services.",
        rows.len()
    );
    let svg = hbar_chart(id, &title, &desc, &rows, "c5", "incidents");
    let head = ["Service", "Incidents"].map(String::from).to_vec();
    let rows = m
        .services
        .iter()
        .map(|s| vec![Cell { text: s.name.clone(), value: None, url: Some(s.url.clone()) }, count(s.incidents)])
        .collect();
    Chart { id: id.into(), title, desc, svg, head, rows }
}

/// Every chart of `/metrics/`.
pub fn metrics_page(m: &Metrics) -> Vec<Chart> {
    if m.months.is_empty() {
        return Vec::new();
    }
    vec![
        incidents_per_month(m, "incidents-per-month", "Incidents per month by severity", 240.0),
        times_per_quarter(m, "detect", "time-to-detect", 200.0),
        times_per_quarter(m, "mitigate", "time-to-mitigate", 200.0),
        times_per_quarter(m, "resolve", "time-to-resolve", 200.0),
        actions_per_month(m, "actions-per-month", 200.0),
        incidents_per_service(m, "incidents-per-service"),
    ]
}

/// The small charts of a service page.
pub fn service_charts(m: &Metrics) -> Vec<Chart> {
    if m.months.is_empty() {
        return Vec::new();
    }
    vec![
        incidents_per_month(m, "svc-incidents-per-month", "Incidents per month", 140.0),
        times_per_quarter(m, "resolve", "svc-time-to-resolve", 140.0),
    ]
}

/// One owner's action items.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerGroup<'a> {
    /// Owner as written; empty for items without one.
    pub owner: String,
    /// Heading text (`Unassigned` for no owner).
    pub label: String,
    /// Anchor id of the owner's section (unique in the page).
    pub anchor: String,
    /// Open items (overdue included).
    pub open: usize,
    /// Open items past their due date.
    pub overdue: usize,
    /// Closed items.
    pub closed: usize,
    /// Overdue first, then open, then closed; each by due date (none last), then incident.
    pub items: Vec<&'a ActionRow>,
}

/// Action items grouped by owner: owners with the most overdue, then open, items first (then
/// by name); items without an owner, or with a placeholder one (`TBD`), last, as "Unassigned".
pub fn group_actions(actions: &[ActionRow]) -> Vec<OwnerGroup<'_>> {
    let mut by: std::collections::BTreeMap<String, Vec<&ActionRow>> = std::collections::BTreeMap::new();
    for a in actions {
        // `TBD`, `?`, `n/a` and the like name nobody: those items are unassigned.
        let owner = a.owner.trim();
        let owner = if crate::model::actions::is_placeholder_owner(owner) { "" } else { owner };
        by.entry(owner.to_string()).or_default().push(a);
    }
    let mut groups: Vec<OwnerGroup<'_>> = by
        .into_iter()
        .map(|(owner, mut items)| {
            let rank = |a: &ActionRow| {
                if a.overdue {
                    0
                } else if a.closed {
                    2
                } else {
                    1
                }
            };
            items.sort_by(|a, b| {
                (rank(a), a.due.is_empty(), &a.due, &a.incident).cmp(&(rank(b), b.due.is_empty(), &b.due, &b.incident))
            });
            OwnerGroup {
                label: if owner.is_empty() { "Unassigned".into() } else { owner.clone() },
                owner,
                anchor: String::new(),
                open: items.iter().filter(|a| !a.closed).count(),
                overdue: items.iter().filter(|a| a.overdue).count(),
                closed: items.iter().filter(|a| a.closed).count(),
                items,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        (a.owner.is_empty(), std::cmp::Reverse(a.overdue), std::cmp::Reverse(a.open), a.owner.to_lowercase(), &a.owner)
            .cmp(&(
                b.owner.is_empty(),
                std::cmp::Reverse(b.overdue),
                std::cmp::Reverse(b.open),
                b.owner.to_lowercase(),
                &b.owner,
            ))
    });
    let mut taken = std::collections::HashSet::new();
    for g in &mut groups {
        let base = format!("owner-{}", slug(&g.label));
        let mut anchor = base.clone();
        let mut n = 2;
        while !taken.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        g.anchor = anchor;
    }
    groups
}

/// `/actions.json` (format in README.md).
#[derive(Debug, Serialize)]
pub struct ActionsJson<'a> {
    version: u32,
    today: &'a str,
    base_url: &'a str,
    /// Per-owner counts, in page order.
    owners: Vec<OwnerCount<'a>>,
    /// Every item, in page order.
    actions: Vec<&'a ActionRow>,
}

#[derive(Debug, Serialize)]
struct OwnerCount<'a> {
    owner: &'a str,
    open: usize,
    overdue: usize,
    closed: usize,
    total: usize,
}

/// `/actions.json`: the action items in the order of `/actions/`, and the per-owner counts.
pub fn actions_json<'a>(groups: &'a [OwnerGroup<'a>], today: &'a str, base_url: &'a str) -> ActionsJson<'a> {
    ActionsJson {
        version: 1,
        today,
        base_url,
        owners: groups
            .iter()
            .map(|g| OwnerCount {
                owner: &g.owner,
                open: g.open,
                overdue: g.overdue,
                closed: g.closed,
                total: g.items.len(),
            })
            .collect(),
        actions: groups.iter().flat_map(|g| g.items.iter().copied()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_for_people() {
        assert_eq!(minutes_text(Some(22.5)), "22.5 min");
        assert_eq!(minutes_text(Some(30.0)), "30 min");
        assert_eq!(minutes_text(Some(125.4)), "2 h 5 min");
        assert_eq!(minutes_text(None), "");
        assert_eq!(time_unit(90.0).1, "minutes");
        assert_eq!(time_unit(600.0).1, "hours");
        assert_eq!(time_unit(6000.0).1, "days");
    }

    #[test]
    fn placeholder_owners_are_unassigned() {
        let row = |owner: &str, overdue: bool| crate::render::catalog::ActionRow {
            incident: "INC-1".into(),
            incident_url: "incidents/inc-1/".into(),
            incident_title: "Outage".into(),
            action: format!("item of {owner}"),
            owner: owner.into(),
            due: "2026-01-01".into(),
            status: String::new(),
            closed: false,
            overdue,
            priority: String::new(),
            ticket: String::new(),
        };
        let rows = [row("TBD", true), row("@ana", false), row("", false), row("?", true), row("n/a", false)];
        let groups = group_actions(&rows);
        let labels: Vec<(&str, usize)> = groups.iter().map(|g| (g.label.as_str(), g.items.len())).collect();
        assert_eq!(labels, [("@ana", 1), ("Unassigned", 4)]);
    }
}
