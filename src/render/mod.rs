//! `render`: the published site as a list of pages, each rendered independently (in parallel)
//! from the `Site`, the `Catalog` and the theme. Pure: no file system access.

pub mod catalog;
pub mod charts;
pub mod dashboards;
pub mod exports;
pub mod highlight;
pub mod html;
pub mod metrics;
pub mod search;
mod team;
pub mod theme;
pub mod urls;

use crate::config::Config;
use crate::error::Error;
use crate::model::Site;
use catalog::{Catalog, IncidentRow};
use serde_json::{json, Value};
use theme::Theme;
use urls::{root_for, slug};

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output directory (`incidents/inc-1/index.html`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go as they are produced: memory ([`Renderer::render`]: serve, tests) or
/// the output directory (`build`, which streams the large site-wide files to disk instead of
/// holding each in memory).
pub trait Sink: Sync {
    /// Create output file `path` and let `fill` write its contents.
    fn file(&self, path: &str, fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>)
        -> Result<(), Error>;

    /// Store a page rendered in memory.
    fn page(&self, page: Page) -> Result<(), Error> {
        self.file(&page.path, &mut |w| w.write_all(&page.bytes).map_err(|e| write_error(&page.path, e)))
    }

    /// Store `page`, whose bytes are those of the page already stored at `like` (an output
    /// directory links the two files instead of writing the bytes again).
    fn page_like(&self, page: Page, _like: &str) -> Result<(), Error> {
        self.page(page)
    }
}

/// An error writing output file `path`.
pub fn write_error(path: &str, e: std::io::Error) -> Error {
    Error::Other(format!("writing {path}: {e}"))
}

/// A sink that keeps every file in memory.
#[derive(Default)]
struct Collect(std::sync::Mutex<Vec<Page>>);

impl Sink for Collect {
    fn file(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.page(Page { path: path.to_string(), bytes })
    }

    fn page(&self, page: Page) -> Result<(), Error> {
        self.0.lock().expect("page list").push(page);
        Ok(())
    }
}

/// Bytes of a default-theme page besides the document body (header, facts, navigation, footer).
const PAGE_MARKUP: usize = 8 * 1024;

/// The file a page path is written to (`incidents/` → `incidents/index.html`).
fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Something to render into one or more files.
#[derive(Debug, Clone)]
pub enum Job {
    /// `/`.
    Home,
    /// `/incidents/`.
    Incidents,
    /// `/incidents/<id>/` (index into `Catalog::incidents`).
    Incident(usize),
    /// `/runbooks/`.
    Runbooks,
    /// `/runbooks/<path>/` (index into `Catalog::runbooks`).
    Runbook(usize),
    /// `/services/`.
    Services,
    /// `/services/<name>/`.
    Service(String),
    /// `/severity/<level>/` (index into the configured severities).
    Severity(usize),
    /// `/alerts/` and one redirect page per alert.
    Alerts,
    /// Redirects from runbook `aliases:`.
    Aliases,
    /// A free-form page (document index).
    Page(usize),
    /// `/404.html`.
    NotFound,
    /// `/actions/` and `/actions.json`.
    Actions,
    /// `/metrics/`.
    Metrics,
    /// `/search-index.json`.
    SearchIndex,
    /// `/feed.xml`.
    Feed,
    /// `/sitemap.xml` (none without a base URL).
    Sitemap,
    /// `/incidents.json`.
    IncidentsJson,
    /// Theme static files.
    Static,
    /// Non-Markdown files under content/.
    Assets,
}

impl Job {
    /// Whether this job lists the whole site (every incident, action item or document): such jobs
    /// hold far more memory while they render than a document's page.
    pub fn is_listing(&self) -> bool {
        matches!(
            self,
            Job::SearchIndex
                | Job::IncidentsJson
                | Job::Metrics
                | Job::Actions
                | Job::Incidents
                | Job::Severity(_)
                | Job::Feed
                | Job::Sitemap
                | Job::Home
        )
    }
}

/// Everything a page needs, built once per build.
pub struct Renderer<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its configuration.
    pub config: &'a Config,
    /// What is published.
    pub catalog: Catalog,
    /// Templates and static files.
    pub theme: &'a Theme,
    /// Site-wide template values (title, base_url, today, nav).
    site_value: Value,
    /// The base URL, empty or ending in `/`.
    base_url: String,
}

impl<'a> Renderer<'a> {
    /// The files beside the documents that are published: every file, except one that only
    /// unpublished documents (private, drafts, withheld) link to, such as the customer export
    /// beside a private incident.
    pub fn assets_to_publish(&self) -> Vec<&'a String> {
        let site = self.site;
        let (mut public, mut hidden) = (std::collections::HashSet::new(), std::collections::HashSet::new());
        let links = site.file_links();
        for (i, rel) in links.iter() {
            if self.catalog.urls[*i].is_some() { &mut public } else { &mut hidden }.insert(rel.as_str());
        }
        site.assets
            .iter()
            .filter(|a| !hidden.contains(a.as_str()) || public.contains(a.as_str()))
            .filter(|a| site.abs_path(a).is_file())
            .collect()
    }

    /// Prepare the catalogue for `site`.
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        drafts: bool,
        base_url: &str,
        withheld: &[usize],
    ) -> Renderer<'a> {
        Self::with_catalog(site, config, theme, Catalog::new(site, config, drafts, withheld), base_url)
    }

    /// A renderer for a catalogue built beforehand (`build` frees the texts in between).
    pub fn with_catalog(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        catalog: Catalog,
        base_url: &str,
    ) -> Renderer<'a> {
        let base =
            if base_url.is_empty() || base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
        let site_value = json!({
            "title": config.title,
            "base_url": base,
            "today": site.today.to_string(),
            "severities": config.severities.iter().map(|s| json!({"id": s.id, "name": s.name, "slug": slug(&s.id)})).collect::<Vec<_>>(),
            "has_alerts": !catalog.alerts.is_empty(),
        });
        Renderer { site, config, catalog, theme, site_value, base_url: base }
    }

    /// The jobs that render document `doc`'s own page (and the home page for the root index page).
    pub fn jobs_for_doc(&self, doc: usize) -> Vec<Job> {
        let c = &self.catalog;
        let mut jobs = Vec::new();
        if let Some(i) = c.incidents.iter().position(|r| r.doc == doc) {
            jobs.push(Job::Incident(i));
        }
        if let Some(i) = c.runbooks.iter().position(|r| r.doc == doc) {
            jobs.push(Job::Runbook(i));
        }
        match c.urls.get(doc).and_then(|u| u.as_deref()) {
            Some("") => jobs.push(Job::Home),
            Some(_) if c.pages.contains(&doc) => jobs.push(Job::Page(doc)),
            _ => {}
        }
        jobs
    }

    /// Take the catalogue back (serve keeps it to compare with the next rebuild's).
    pub fn into_catalog(self) -> Catalog {
        self.catalog
    }

    /// Every job of this build, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        // The site-wide files first: they take longest (the search index reads every document).
        let mut jobs = vec![
            Job::SearchIndex,
            Job::IncidentsJson,
            Job::Metrics,
            Job::Actions,
            Job::Feed,
            Job::Sitemap,
            Job::Home,
            Job::Incidents,
            Job::Runbooks,
            Job::Services,
            Job::Alerts,
            Job::Aliases,
            Job::NotFound,
            Job::Static,
            Job::Assets,
        ];
        jobs.extend((0..self.catalog.incidents.len()).map(Job::Incident));
        jobs.extend((0..self.catalog.runbooks.len()).map(Job::Runbook));
        jobs.extend(self.catalog.services.keys().cloned().map(Job::Service));
        jobs.extend((0..self.config.severities.len()).map(Job::Severity));
        jobs.extend(
            self.catalog.pages.iter().copied().filter(|&i| self.catalog.urls[i].as_deref() != Some("")).map(Job::Page),
        );
        jobs
    }

    fn ctx(&self, path: &str, page: Value) -> tera::Context {
        let mut v = json!({ "site": self.site_value, "root": root_for(path), "path": path });
        if let (Value::Object(m), Value::Object(p)) = (&mut v, page) {
            m.extend(p);
        }
        tera::Context::from_value(v).expect("context is an object")
    }

    fn page(&self, path: &str, template: &str, page: Value) -> Result<Page, Error> {
        // The page around a document's body is a few kilobytes of markup.
        let capacity = page.get("body").and_then(Value::as_str).map_or(0, str::len) + PAGE_MARKUP;
        let bytes = self.theme.render(template, &self.ctx(path, page), capacity)?;
        Ok(Page { path: page_file(path), bytes })
    }

    /// [`Renderer::page`] rendered straight into `sink` (site-wide listings: no copy in memory).
    fn page_to(&self, sink: &dyn Sink, path: &str, template: &str, page: Value) -> Result<(), Error> {
        let ctx = self.ctx(path, page);
        sink.file(&page_file(path), &mut |w| self.theme.render_to(template, &ctx, w))
    }

    /// `data` as JSON file `path` in `sink`.
    fn json_to(&self, sink: &dyn Sink, path: &str, data: &impl serde::Serialize) -> Result<(), Error> {
        sink.file(path, &mut |w| exports::write_json(w, data).map_err(|e| write_error(path, e)))
    }

    /// Render a document body for a page at `path`.
    pub fn body(&self, doc: usize, path: &str) -> Result<(String, Vec<html::TocEntry>, Option<String>), Error> {
        let root = root_for(path);
        let d = &self.site.docs[doc];
        // The sections the Timeline and Action Items readers use, found the same way.
        let mut classes = Vec::new();
        let timeline =
            crate::model::timeline::find_section(&d.sections, &crate::model::section_keys(self.config, "timeline"));
        let actions =
            crate::model::actions::find_section(&d.sections, &crate::model::section_keys(self.config, "action items"));
        if let Some(s) = timeline {
            classes.push((s.body.clone(), "timeline"));
        }
        if let Some(s) = actions.filter(|a| timeline.is_none_or(|t| t.heading != a.heading)) {
            classes.push((s.body.clone(), "actions"));
        }
        let cx = html::BodyCtx {
            site: self.site,
            urls: &self.catalog.urls,
            root: &root,
            ids: &self.catalog.id_paths,
            unsafe_html: self.config.unsafe_html,
            table_classes: &classes,
        };
        Ok(html::body(&cx, doc, &d.source()?))
    }

    fn incident_list(&self, idx: &[usize]) -> Vec<&IncidentRow> {
        idx.iter().map(|&i| &self.catalog.incidents[i]).collect()
    }

    /// Summaries of `rows` (what history tables show).
    fn summaries<'r>(rows: impl IntoIterator<Item = &'r IncidentRow>) -> Vec<catalog::IncidentSummary<'r>> {
        rows.into_iter().map(IncidentRow::summary).collect()
    }

    /// Render one job into memory.
    pub fn render(&self, job: &Job) -> Result<Vec<Page>, Error> {
        let pages = Collect::default();
        self.render_into(job, &pages)?;
        Ok(pages.0.into_inner().expect("page list"))
    }

    /// Render one job into `sink`.
    pub fn render_into(&self, job: &Job, sink: &dyn Sink) -> Result<(), Error> {
        for page in self.render_pages(job, sink)? {
            sink.page(page)?;
        }
        Ok(())
    }

    /// Render one job: the site-wide listings go straight into `sink`, the rest is returned.
    fn render_pages(&self, job: &Job, sink: &dyn Sink) -> Result<Vec<Page>, Error> {
        let c = &self.catalog;
        Ok(match job {
            Job::Home => {
                let since =
                    self.site.today.checked_sub(jiff::Span::new().days(90)).unwrap_or(self.site.today).to_string();
                let counts: Vec<Value> = self
                    .config
                    .severities
                    .iter()
                    .map(|s| {
                        let n = c.incidents.iter().filter(|r| r.severity == s.id && r.date >= since).count();
                        json!({"id": s.id, "name": s.name, "slug": slug(&s.id), "count": n})
                    })
                    .collect();
                let intro = c
                    .pages
                    .iter()
                    .find(|&&i| c.urls[i].as_deref() == Some(""))
                    .map(|&i| self.body(i, ""))
                    .transpose()?
                    .map(|b| b.0);
                self.page_to(
                    sink,
                    "",
                    "home.html",
                    json!({
                        "intro": intro,
                        "open": Self::summaries(c.incidents.iter().filter(|r| r.open)),
                        "recent": Self::summaries(c.incidents.iter().take(10)),
                        "counts": counts,
                        "since": since,
                        "overdue": c.actions.iter().filter(|a| a.overdue).collect::<Vec<_>>(),
                        "stale": c.runbooks.iter().filter(|r| r.stale).collect::<Vec<_>>(),
                        "totals": {"incidents": c.incidents.len(), "runbooks": c.runbooks.len(), "services": c.services.len()},
                    }),
                )?;
                vec![]
            }
            Job::Incidents => {
                let mut years: Vec<&str> =
                    c.incidents.iter().map(|r| r.year.as_str()).filter(|y| !y.is_empty()).collect();
                years.dedup();
                let mut statuses: Vec<&str> = c.incidents.iter().map(|r| r.status.as_str()).collect();
                statuses.sort_unstable();
                statuses.dedup();
                self.page_to(
                    sink,
                    "incidents/",
                    "incidents.html",
                    json!({"incidents": Self::summaries(&c.incidents), "years": years, "statuses": statuses, "services": c.services.keys().collect::<Vec<_>>()}),
                )?;
                vec![]
            }
            Job::Incident(i) => {
                let r = &c.incidents[*i];
                let (body, toc, title_id) = self.body(r.doc, &r.url)?;
                let actions = &c.actions[r.action_range.clone()];
                vec![self.page(
                    &r.url,
                    "incident.html",
                    json!({
                        "incident": r,
                        "body": body,
                        "toc": toc,
                        "title_id": title_id,
                        "draft": r.postmortem != "published",
                        "newer": i.checked_sub(1).map(|p| neighbour(&c.incidents[p])),
                        "older": c.incidents.get(i + 1).map(neighbour),
                        "actions": actions,
                        "meta": {"authors": self.site.docs[r.doc].meta.authors, "tags": self.site.docs[r.doc].meta.tags},
                    }),
                )?]
            }
            Job::Runbooks => vec![self.page("runbooks/", "runbooks.html", json!({"runbooks": c.runbooks}))?],
            Job::Runbook(i) => {
                let r = &c.runbooks[*i];
                let (body, toc, title_id) = self.body(r.doc, &r.url)?;
                let history = self.incident_list(c.runbook_history.get(&r.url).map_or(&[], Vec::as_slice));
                let d = &self.site.docs[r.doc];
                let contacts: Vec<Value> =
                    d.meta.contacts.iter().map(|k| json!({"role": k.role, "name": k.name, "reach": k.reach})).collect();
                vec![self.page(
                    &r.url,
                    "runbook.html",
                    json!({"runbook": r, "body": body, "toc": toc, "title_id": title_id, "history": Self::summaries(history), "contacts": contacts, "tags": d.meta.tags}),
                )?]
            }
            Job::Services => {
                let list: Vec<Value> = c
                    .services
                    .iter()
                    .map(|(name, (s, rb, inc))| json!({"name": name, "url": format!("services/{s}/"), "runbooks": rb.len(), "incidents": inc.len()}))
                    .collect();
                vec![self.page("services/", "services.html", json!({"services": list}))?]
            }
            Job::Service(name) => {
                let (s, rb, inc) = &c.services[name];
                let path = format!("services/{s}/");
                let incidents = self.incident_list(inc);
                vec![self.page(
                    &path,
                    "service.html",
                    json!({
                        "name": name,
                        "runbooks": rb.iter().map(|&i| &c.runbooks[i]).collect::<Vec<_>>(),
                        "incidents": Self::summaries(incidents.iter().copied()),
                        "figures": figures(&incidents),
                        "charts": self.service_charts(&incidents),
                    }),
                )?]
            }
            Job::Severity(i) => {
                let s = &self.config.severities[*i];
                let path = format!("severity/{}/", slug(&s.id));
                let incidents: Vec<&IncidentRow> = c.incidents.iter().filter(|r| r.severity == s.id).collect();
                self.page_to(
                    sink,
                    &path,
                    "severity.html",
                    json!({"severity": {"id": s.id, "name": s.name, "targets": s.targets, "postmortem_within": s.postmortem_within}, "incidents": Self::summaries(incidents.iter().copied()), "figures": figures(&incidents)}),
                )?;
                vec![]
            }
            Job::Alerts => {
                let mut list = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for (name, &ri) in &c.alerts {
                    let r = &c.runbooks[ri];
                    let mut paths = vec![format!("alerts/{}/", slug(name))];
                    // The name as written is a folder named exactly so (`alerts/Disk Full/`,
                    // which a browser requests as `alerts/Disk%20Full/`).
                    let plain =
                        !name.contains(['/', '\\']) && !name.starts_with('.') && !name.chars().any(char::is_control);
                    if plain && name.as_str() != slug(name) {
                        paths.push(format!("alerts/{name}/"));
                    }
                    // The alert's pages go straight to the sink: its exact-case page is usually
                    // the slug page's bytes again (same depth, same target), stored as such.
                    let mut first: Option<Page> = None;
                    for p in &paths {
                        if !seen.insert(p.clone()) {
                            continue;
                        }
                        let page = self.redirect(p, &r.url, &r.title)?;
                        match &first {
                            Some(f) if f.bytes == page.bytes => sink.page_like(page, &f.path)?,
                            Some(_) => sink.page(page)?,
                            None => {
                                sink.page(page.clone())?;
                                first = Some(page);
                            }
                        }
                    }
                    list.push(json!({"name": name, "url": paths[0], "runbook": r}));
                }
                vec![self.page("alerts/", "alerts.html", json!({"alerts": list}))?]
            }
            Job::Aliases => {
                // Straight to the sink, like the alert redirects: no list of pages held. A page
                // at the alias's URL keeps it, and of two equal aliases the first document's
                // wins (`site/duplicate-url` reports both): the output never depends on timing.
                let pages: std::collections::HashSet<&str> = c.urls.iter().flatten().map(String::as_str).collect();
                let mut seen = std::collections::HashSet::new();
                for (i, d) in self.site.docs.iter().enumerate() {
                    let Some(target) = &c.urls[i] else { continue };
                    for path in d.meta.aliases.iter().filter_map(|a| urls::alias_path(a)) {
                        if pages.contains(path.as_str()) || !seen.insert(path.clone()) {
                            continue;
                        }
                        sink.page(self.redirect(&path, target, &d.title())?)?;
                    }
                }
                vec![]
            }
            Job::Page(i) => {
                let path = c.urls[*i].clone().unwrap_or_default();
                let (body, toc, title_id) = self.body(*i, &path)?;
                vec![self.page(
                    &path,
                    "page.html",
                    json!({"title": self.site.docs[*i].title(), "body": body, "toc": toc, "title_id": title_id}),
                )?]
            }
            Job::NotFound => {
                // Served at any depth: its links must be absolute from the site's base path.
                let base_path = base_path(self.site_value["base_url"].as_str().unwrap_or(""));
                let ctx = {
                    let mut ctx = self.ctx("", json!({}));
                    ctx.insert("root", &base_path);
                    ctx
                };
                vec![Page { path: "404.html".into(), bytes: self.theme.render("404.html", &ctx, PAGE_MARKUP)? }]
            }
            Job::Static => {
                self.theme.statics.iter().map(|(p, b)| Page { path: format!("static/{p}"), bytes: b.clone() }).collect()
            }
            Job::Assets => Vec::new(),
            Job::Actions => {
                self.actions_pages(sink)?;
                vec![]
            }
            Job::Metrics => self.metrics_page()?,
            Job::SearchIndex => {
                self.json_to(sink, "search-index.json", &search::index(self.site, &self.catalog))?;
                vec![]
            }
            Job::Feed => self.feed(),
            Job::Sitemap => self.sitemap(),
            Job::IncidentsJson => {
                let today = self.site.today.to_string();
                self.json_to(sink, "incidents.json", &exports::incidents_json(&self.catalog, &today, &self.base_url))?;
                vec![]
            }
        })
    }

    fn redirect(&self, path: &str, target: &str, title: &str) -> Result<Page, Error> {
        let root = root_for(path);
        self.page(path, "redirect.html", json!({"target": format!("{root}{target}"), "title": title}))
    }
}

/// The previous or next incident as the incident page links it.
fn neighbour(r: &IncidentRow) -> Value {
    json!({"id": r.id, "title": r.title, "url": r.url, "date": r.date, "severity": r.severity})
}

/// The path part of a base URL (`https://x.org/ops/` → `/ops/`), `/` when none.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// Counts and mean/median durations for a list of incidents.
pub fn figures(incidents: &[&IncidentRow]) -> Value {
    let stat = |f: &dyn Fn(&IncidentRow) -> Option<i64>| {
        let mut v: Vec<i64> = incidents.iter().filter_map(|r| f(r)).collect();
        v.sort_unstable();
        if v.is_empty() {
            return json!({"mean": "", "median": "", "n": 0});
        }
        let mean = v.iter().sum::<i64>() / v.len() as i64;
        let median = if v.len() % 2 == 1 { v[v.len() / 2] } else { (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2 };
        json!({"mean": crate::timefmt::human_minutes(mean), "median": crate::timefmt::human_minutes(median), "n": v.len()})
    };
    json!({
        "count": incidents.len(),
        "open": incidents.iter().filter(|r| r.open).count(),
        "ttd": stat(&|r| r.ttd_minutes),
        "ttm": stat(&|r| r.ttm_minutes),
        "ttr": stat(&|r| r.duration_minutes),
    })
}
