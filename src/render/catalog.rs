//! The published catalogue: which documents are published, their URLs, and the computed rows
//! every listing page shows (incidents newest first, durations, action counts, staleness).

use super::urls::{doc_path, slug};
use crate::config::Config;
use crate::model::{Kind, Site};
use crate::timefmt::human_minutes;
use jiff::Timestamp;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A name with the page it links to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedLink {
    /// Display name.
    pub name: String,
    /// Site-relative page path.
    pub url: String,
}

/// One incident as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentRow {
    /// Document index.
    #[serde(skip)]
    pub doc: usize,
    /// Incident id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Page path.
    pub url: String,
    /// Severity id as configured (or as written when unknown).
    pub severity: String,
    /// Severity name.
    pub severity_name: String,
    /// Severity page slug.
    pub severity_slug: String,
    /// 0 = most severe.
    pub severity_rank: usize,
    /// Status.
    pub status: String,
    /// Whether still open (not resolved/closed).
    pub open: bool,
    /// Postmortem state (draft|review|published).
    pub postmortem: String,
    /// Start date `YYYY-MM-DD` (site zone).
    pub date: String,
    /// Start year.
    pub year: String,
    /// Resolved date `YYYY-MM-DD` (site zone), empty when not resolved.
    pub resolved_date: String,
    /// Milestones for display in the site's zone (`2026-03-01 14:05 UTC`), by name.
    pub times: BTreeMap<&'static str, String>,
    /// Milestones as RFC 3339 (empty when absent).
    pub started: String,
    /// Detected.
    pub detected: String,
    /// Acknowledged.
    pub acknowledged: String,
    /// Mitigated.
    pub mitigated: String,
    /// Resolved.
    pub resolved: String,
    /// started → resolved, e.g. `2 h 5 min` (empty when open).
    pub duration: String,
    /// Minutes started → resolved.
    pub duration_minutes: Option<i64>,
    /// Time to detect (started → detected).
    pub ttd: String,
    /// Minutes to detect.
    pub ttd_minutes: Option<i64>,
    /// Time to acknowledge (started → acknowledged).
    pub tta: String,
    /// Minutes to acknowledge.
    pub tta_minutes: Option<i64>,
    /// Time to mitigate (started → mitigated).
    pub ttm: String,
    /// Minutes to mitigate.
    pub ttm_minutes: Option<i64>,
    /// Time to resolve (started → resolved).
    pub ttr: String,
    /// Services, linked.
    pub services: Vec<NamedLink>,
    /// Runbooks used, linked.
    pub runbooks: Vec<NamedLink>,
    /// Incident commander.
    pub commander: String,
    /// Open action items.
    pub actions_open: usize,
    /// All action items.
    pub actions_total: usize,
    /// This incident's items in `Catalog::actions`.
    #[serde(skip)]
    pub action_range: std::ops::Range<usize>,
}

/// An incident as the history tables list it: the columns of `IncidentRow` a table shows.
/// Listing pages hold every incident at once, so they carry this rather than the whole row
/// (at 10,000 documents the incident history page's context halves).
#[derive(Debug, Serialize)]
pub struct IncidentSummary<'a> {
    /// Incident id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Page path.
    pub url: &'a str,
    /// Severity id.
    pub severity: &'a str,
    /// Severity name.
    pub severity_name: &'a str,
    /// Severity page slug.
    pub severity_slug: &'a str,
    /// 0 = most severe.
    pub severity_rank: usize,
    /// Status.
    pub status: &'a str,
    /// Whether still open.
    pub open: bool,
    /// Postmortem state.
    pub postmortem: &'a str,
    /// Start date.
    pub date: &'a str,
    /// Start year.
    pub year: &'a str,
    /// Start as RFC 3339.
    pub started: &'a str,
    /// started → resolved.
    pub duration: &'a str,
    /// Minutes started → resolved.
    pub duration_minutes: Option<i64>,
    /// Time to detect.
    pub ttd: &'a str,
    /// Minutes to detect.
    pub ttd_minutes: Option<i64>,
    /// Services, linked.
    pub services: &'a [NamedLink],
    /// Open action items.
    pub actions_open: usize,
    /// All action items.
    pub actions_total: usize,
}

impl IncidentRow {
    /// The columns a history table shows.
    pub fn summary(&self) -> IncidentSummary<'_> {
        IncidentSummary {
            id: &self.id,
            title: &self.title,
            url: &self.url,
            severity: &self.severity,
            severity_name: &self.severity_name,
            severity_slug: &self.severity_slug,
            severity_rank: self.severity_rank,
            status: &self.status,
            open: self.open,
            postmortem: &self.postmortem,
            date: &self.date,
            year: &self.year,
            started: &self.started,
            duration: &self.duration,
            duration_minutes: self.duration_minutes,
            ttd: &self.ttd,
            ttd_minutes: self.ttd_minutes,
            services: &self.services,
            actions_open: self.actions_open,
            actions_total: self.actions_total,
        }
    }
}

/// One runbook as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunbookRow {
    /// Document index.
    #[serde(skip)]
    pub doc: usize,
    /// Title.
    pub title: String,
    /// Page path.
    pub url: String,
    /// Folder under runbooks/ (for grouping), empty at the top.
    pub folder: String,
    /// Owner.
    pub owner: String,
    /// Services, linked.
    pub services: Vec<NamedLink>,
    /// Last review date.
    pub last_reviewed: String,
    /// Next review due.
    pub review_due: String,
    /// Past its review date.
    pub stale: bool,
    /// active|draft|deprecated.
    pub status: String,
    /// Alert names.
    pub alerts: Vec<String>,
}

/// One action item as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRow {
    /// Incident id.
    pub incident: String,
    /// Incident page path.
    pub incident_url: String,
    /// Incident title.
    pub incident_title: String,
    /// What.
    pub action: String,
    /// Owner as written (empty if none).
    pub owner: String,
    /// Due date as written.
    pub due: String,
    /// Status as written.
    pub status: String,
    /// Closed.
    pub closed: bool,
    /// Open and past due.
    pub overdue: bool,
    /// Priority.
    pub priority: String,
    /// Ticket.
    pub ticket: String,
}

/// The published site, computed once per build.
pub struct Catalog {
    /// Page path per document (`None`: not published).
    pub urls: Vec<Option<String>>,
    /// Published incidents, newest first.
    pub incidents: Vec<IncidentRow>,
    /// Published runbooks, by path.
    pub runbooks: Vec<RunbookRow>,
    /// Every action item of published incidents, in incident order.
    pub actions: Vec<ActionRow>,
    /// Service name → (slug, runbook indices into `runbooks`, incident indices into `incidents`).
    pub services: BTreeMap<String, (String, Vec<usize>, Vec<usize>)>,
    /// Alert name → runbook index into `runbooks`.
    pub alerts: BTreeMap<String, usize>,
    /// Free-form pages (document indices).
    pub pages: Vec<usize>,
    /// Lower-cased incident id → page path.
    pub id_paths: HashMap<String, String>,
    /// Runbook page path → incidents (indices into `incidents`) whose `runbooks:` name it.
    pub runbook_history: HashMap<String, Vec<usize>>,
}

fn minutes(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<i64> {
    Some(b?.duration_since(a?).as_secs().div_euclid(60))
}

fn show(m: Option<i64>) -> String {
    m.map(human_minutes).unwrap_or_default()
}

/// `2026-03-01 14:05 UTC` in the site's zone.
pub fn display_time(t: Timestamp, tz: &jiff::tz::TimeZone, tz_name: &str) -> String {
    format!("{} {tz_name}", t.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M"))
}

fn ts(t: Option<Timestamp>) -> String {
    t.map(|t| t.to_string()).unwrap_or_default()
}

impl Catalog {
    /// Decide what is published and compute every row; `withheld` documents are never published
    /// (serve withholds documents holding a secret).
    pub fn new(site: &Site, config: &Config, drafts: bool, withheld: &[usize]) -> Catalog {
        let published = |i: usize| {
            let d = &site.docs[i];
            !withheld.contains(&i)
                && d.unreadable.is_none()
                && d.kind != Kind::Template
                && !d.meta.private
                && !(d.kind == Kind::Runbook && d.meta.status.as_deref() == Some("draft") && !drafts)
        };
        let mut taken: HashMap<String, usize> = HashMap::new();
        let urls: Vec<Option<String>> = (0..site.docs.len())
            .map(|i| {
                if !published(i) {
                    return None;
                }
                let mut p = doc_path(&site.docs[i], &config.kinds.runbook);
                // Two documents on one URL: the later one is renamed (rule site/duplicate-url reports it).
                if taken.contains_key(&p) {
                    let base = p.trim_end_matches('/').to_string();
                    let mut n = 2;
                    while taken.contains_key(&format!("{base}-{n}/")) {
                        n += 1;
                    }
                    p = format!("{base}-{n}/");
                }
                taken.insert(p.clone(), i);
                Some(p)
            })
            .collect();
        let tz = &config.timezone;
        let service_link = |s: &str| NamedLink { name: s.to_string(), url: format!("services/{}/", slug(s)) };
        let incident_docs: Vec<(usize, &crate::model::Doc)> = site.of_kind(Kind::Incident).collect();
        let mut incidents: Vec<IncidentRow> = incident_docs
            .into_par_iter()
            .filter_map(|(i, d)| {
                let url = urls[i].clone()?;
                let m = &d.meta;
                let sev = m.severity.as_deref().and_then(|s| config.severity(s));
                let severity = sev.map(|s| s.id.clone()).or_else(|| m.severity.clone()).unwrap_or_default();
                let status = m.status.clone().unwrap_or_default();
                let date = m.started.map(|t| t.to_zoned(tz.clone()).date().to_string()).unwrap_or_default();
                let runbooks = m
                    .runbooks
                    .iter()
                    .filter_map(|(name, _)| {
                        let r = site.find_runbook(name)?;
                        Some(NamedLink { name: site.docs[r].title(), url: urls[r].clone()? })
                    })
                    .collect();
                Some(IncidentRow {
                    doc: i,
                    id: m.id.clone().unwrap_or_else(|| d.stem().to_string()),
                    title: d.title(),
                    url,
                    severity_slug: slug(&severity),
                    severity_name: sev.map(|s| s.name.clone()).unwrap_or_default(),
                    severity_rank: sev
                        .and_then(|s| config.severities.iter().position(|x| x.id == s.id))
                        .unwrap_or(usize::MAX / 2),
                    severity,
                    open: !matches!(status.as_str(), "resolved" | "closed"),
                    status,
                    postmortem: m.postmortem.clone().unwrap_or_else(|| "draft".into()),
                    year: date.get(..4).unwrap_or("").to_string(),
                    date,
                    resolved_date: m.resolved.map(|t| t.to_zoned(tz.clone()).date().to_string()).unwrap_or_default(),
                    times: [
                        ("started", m.started),
                        ("detected", m.detected),
                        ("acknowledged", m.acknowledged),
                        ("mitigated", m.mitigated),
                        ("resolved", m.resolved),
                    ]
                    .into_iter()
                    .filter_map(|(k, t)| Some((k, display_time(t?, tz, &config.timezone_name))))
                    .collect(),
                    started: ts(m.started),
                    detected: ts(m.detected),
                    acknowledged: ts(m.acknowledged),
                    mitigated: ts(m.mitigated),
                    resolved: ts(m.resolved),
                    duration: show(minutes(m.started, m.resolved)),
                    duration_minutes: minutes(m.started, m.resolved),
                    ttd: show(minutes(m.started, m.detected)),
                    ttd_minutes: minutes(m.started, m.detected),
                    tta: show(minutes(m.started, m.acknowledged)),
                    tta_minutes: minutes(m.started, m.acknowledged),
                    ttm: show(minutes(m.started, m.mitigated)),
                    ttm_minutes: minutes(m.started, m.mitigated),
                    ttr: show(minutes(m.started, m.resolved)),
                    services: m.services.iter().map(|s| service_link(s)).collect(),
                    runbooks,
                    commander: m.commander.clone().unwrap_or_default(),
                    actions_open: d.actions.iter().filter(|a| !a.closed).count(),
                    actions_total: d.actions.len(),
                    action_range: 0..0,
                })
            })
            .collect();
        incidents.sort_by(|a, b| b.started.cmp(&a.started).then_with(|| b.id.cmp(&a.id)));

        let runbooks: Vec<RunbookRow> = site
            .of_kind(Kind::Runbook)
            .filter_map(|(i, d)| {
                let url = urls[i].clone()?;
                let every = d.meta.review_every_days.unwrap_or(config.review_every_days);
                let due = d.meta.last_reviewed.and_then(|l| l.checked_add(jiff::Span::new().days(every)).ok());
                let status = d.meta.status.clone().unwrap_or_else(|| "active".into());
                let inner = url.trim_start_matches("runbooks/").trim_end_matches('/');
                Some(RunbookRow {
                    doc: i,
                    title: d.title(),
                    folder: inner.rsplit_once('/').map(|(f, _)| f.to_string()).unwrap_or_default(),
                    url,
                    owner: d.meta.owner.clone().unwrap_or_default(),
                    services: d.meta.services.iter().map(|s| service_link(s)).collect(),
                    last_reviewed: d.meta.last_reviewed.map(|d| d.to_string()).unwrap_or_default(),
                    review_due: due.map(|d| d.to_string()).unwrap_or_default(),
                    stale: status != "deprecated" && due.is_some_and(|d| d < site.today),
                    status,
                    alerts: d.meta.alerts.clone(),
                })
            })
            .collect();

        // Each incident's rows in parallel (28,000 at 10k documents), then one list in order.
        let per_incident: Vec<Vec<ActionRow>> = incidents
            .par_iter()
            .map(|inc| {
                site.docs[inc.doc]
                    .actions
                    .iter()
                    .map(|a| ActionRow {
                        incident: inc.id.clone(),
                        incident_url: inc.url.clone(),
                        incident_title: inc.title.clone(),
                        action: a.action.clone(),
                        owner: a.owner.as_ref().map(|o| o.0.clone()).unwrap_or_default(),
                        due: a
                            .due
                            .map(|d| d.to_string())
                            .or_else(|| a.due_text.as_ref().map(|d| d.0.clone()))
                            .unwrap_or_default(),
                        status: if a.status.is_empty() {
                            if a.closed {
                                "done".into()
                            } else {
                                "open".into()
                            }
                        } else {
                            a.status.clone()
                        },
                        closed: a.closed,
                        overdue: !a.closed && a.due.is_some_and(|d| d < site.today),
                        priority: a.priority.clone(),
                        ticket: a.ticket.clone(),
                    })
                    .collect()
            })
            .collect();
        let mut actions = Vec::with_capacity(per_incident.iter().map(Vec::len).sum());
        for (inc, rows) in incidents.iter_mut().zip(per_incident) {
            let start = actions.len();
            actions.extend(rows);
            inc.action_range = start..actions.len();
        }

        let mut services: BTreeMap<String, (String, Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (ri, r) in runbooks.iter().enumerate() {
            for s in &r.services {
                services.entry(s.name.clone()).or_insert_with(|| (slug(&s.name), vec![], vec![])).1.push(ri);
            }
        }
        for (ii, inc) in incidents.iter().enumerate() {
            for s in &inc.services {
                services.entry(s.name.clone()).or_insert_with(|| (slug(&s.name), vec![], vec![])).2.push(ii);
            }
        }
        let mut alerts = BTreeMap::new();
        for (ri, r) in runbooks.iter().enumerate() {
            for a in &r.alerts {
                alerts.entry(a.clone()).or_insert(ri);
            }
        }
        let pages = site.of_kind(Kind::Page).filter(|(i, _)| urls[*i].is_some()).map(|(i, _)| i).collect();
        let id_paths = incidents.iter().map(|r| (r.id.to_lowercase(), r.url.clone())).collect();
        let mut runbook_history: HashMap<String, Vec<usize>> = HashMap::new();
        for (ii, inc) in incidents.iter().enumerate() {
            for l in &inc.runbooks {
                let list = runbook_history.entry(l.url.clone()).or_default();
                if list.last() != Some(&ii) {
                    list.push(ii);
                }
            }
        }
        Catalog { urls, incidents, runbooks, actions, services, alerts, pages, id_paths, runbook_history }
    }

    /// Whether two catalogues show the same thing about every document (used by serve to decide
    /// whether an edit can change any page but the edited document's own).
    pub fn same_as(&self, other: &Catalog) -> bool {
        self.urls == other.urls
            && self.incidents == other.incidents
            && self.runbooks == other.runbooks
            && self.actions == other.actions
            && self.services == other.services
            && self.alerts == other.alerts
    }
}
