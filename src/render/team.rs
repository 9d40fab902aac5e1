//! The jobs behind what a team looks at every week: `/actions/` (+ `/actions.json`),
//! `/metrics/`, `/search-index.json`, `/feed.xml`, `/sitemap.xml`, `/incidents.json`.

use super::{dashboards, exports, metrics, urls::slug, Page, Renderer};
use crate::error::Error;
use serde_json::json;

impl Renderer<'_> {
    /// Configured severity ids, most severe first.
    pub(super) fn severity_ids(&self) -> Vec<String> {
        self.config.severities.iter().map(|s| s.id.clone()).collect()
    }

    /// `/actions/` and `/actions.json`.
    pub(super) fn actions_pages(&self, sink: &dyn super::Sink) -> Result<(), Error> {
        let groups = dashboards::group_actions(&self.catalog.actions);
        let today = self.site.today.to_string();
        let totals = json!({
            "open": groups.iter().map(|g| g.open).sum::<usize>(),
            "overdue": groups.iter().map(|g| g.overdue).sum::<usize>(),
            "closed": groups.iter().map(|g| g.closed).sum::<usize>(),
            "total": self.catalog.actions.len(),
        });
        self.page_to(sink, "actions/", "actions.html", json!({"owners": groups, "totals": totals}))?;
        self.json_to(sink, "actions.json", &dashboards::actions_json(&groups, &today, &self.base_url))
    }

    /// `/metrics/`.
    pub(super) fn metrics_page(&self) -> Result<Vec<Page>, Error> {
        let m = metrics::compute(&self.catalog, &self.severity_ids());
        let charts = dashboards::metrics_page(&m);
        Ok(vec![self.page(
            "metrics/",
            "metrics.html",
            json!({"charts": charts, "totals": {"incidents": self.catalog.incidents.len(), "actions": self.catalog.actions.len()}}),
        )?])
    }

    /// The small charts of one service page.
    pub(super) fn service_charts(&self, incidents: &[&super::catalog::IncidentRow]) -> Vec<dashboards::Chart> {
        let m = metrics::compute_for(incidents, &self.catalog.actions, &self.severity_ids());
        dashboards::service_charts(&m)
    }

    /// `/feed.xml`.
    pub(super) fn feed(&self) -> Vec<Page> {
        let xml = exports::atom_feed(&self.catalog, &self.config.title, &self.base_url, self.site.today);
        vec![Page { path: "feed.xml".into(), bytes: xml.into_bytes() }]
    }

    /// `/sitemap.xml`: every HTML page except redirects and the 404 page.
    pub(super) fn sitemap(&self) -> Vec<Page> {
        let c = &self.catalog;
        let mut pages: Vec<(String, String)> = ["", "incidents/", "runbooks/", "services/", "actions/", "metrics/"]
            .iter()
            .map(|p| (p.to_string(), String::new()))
            .collect();
        if !c.alerts.is_empty() {
            pages.push(("alerts/".into(), String::new()));
        }
        pages.extend(c.incidents.iter().map(|r| {
            (r.url.clone(), if r.resolved_date.is_empty() { r.date.clone() } else { r.resolved_date.clone() })
        }));
        pages.extend(c.runbooks.iter().map(|r| (r.url.clone(), r.last_reviewed.clone())));
        pages.extend(c.services.values().map(|(s, _, _)| (format!("services/{s}/"), String::new())));
        pages.extend(self.config.severities.iter().map(|s| (format!("severity/{}/", slug(&s.id)), String::new())));
        pages.extend(
            c.pages.iter().filter_map(|&i| c.urls[i].clone()).filter(|u| !u.is_empty()).map(|u| (u, String::new())),
        );
        exports::sitemaps(&pages, &self.base_url)
    }
}
