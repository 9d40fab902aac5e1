//! `sitrep new`: a new incident or runbook at the right path, from the site's template, with an
//! incident id that no other incident uses. Unfilled parts are placeholders `check` reports.

pub mod ids;
pub mod template;

use crate::error::Error;
use crate::model::Kind;
use crate::render::urls::slug;
use crate::session::Session;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use template::{Var, Vars};

/// What `sitrep new incident` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewIncident {
    /// Title.
    pub title: String,
    /// Severity as given (checked against the site's scheme).
    pub severity: Option<String>,
    /// Services affected.
    pub services: Vec<String>,
    /// Start time as given (any form `check` reads).
    pub started: Option<String>,
}

/// What `sitrep new runbook` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewRunbook {
    /// Title.
    pub title: String,
    /// Services covered.
    pub services: Vec<String>,
    /// Owning team or person.
    pub owner: Option<String>,
}

/// A created document.
#[derive(Debug, Clone)]
pub struct Created {
    /// Absolute path of the new file.
    pub path: PathBuf,
    /// The incident id allocated, for incidents.
    pub id: Option<String>,
}

/// Write `bytes` to a new file (parents created); never replaces an existing file.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Io { path: parent.into(), source: e })?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!("{}: already exists; refusing to overwrite it", path.display()))
        } else {
            Error::Io { path: path.into(), source: e }
        }
    })?;
    f.write_all(bytes).map_err(|e| Error::Io { path: path.into(), source: e })
}

/// A file-name slug of a title, at most about 60 characters, cut at a word boundary.
pub fn title_slug(title: &str) -> String {
    let s = slug(title);
    if s.len() <= 60 {
        return s;
    }
    let cut = s[..60].rfind('-').unwrap_or(60);
    s[..cut].to_string()
}

/// Every incident id the site uses.
pub fn existing_ids(session: &Session) -> HashSet<String> {
    session.site.of_kind(Kind::Incident).filter_map(|(_, d)| d.meta.id.clone()).collect()
}

fn base_vars(session: &Session, title: &str, services: &[String]) -> Vars {
    let mut v = Vars::new();
    v.insert("title", Var::text(title));
    v.insert("slug", Var::text(&title_slug(title)));
    v.insert("date", Var::text(&session.site.today.to_string()));
    v.insert("year", Var::text(&session.site.today.year().to_string()));
    v.insert("services", Var::list(services));
    v.insert("service", Var::text(services.first().map_or("TBD", String::as_str)));
    v.insert("timezone", Var::text(&session.config.timezone_name));
    v
}

/// The site's template for `kind`, or the built-in one.
fn template_for(session: &Session, kind: &str, builtin: &str) -> Result<(String, Option<PathBuf>), Error> {
    let path = session.site.content_dir.join("_templates").join(format!("{kind}.md"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Ok((t, Some(path))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((builtin.to_string(), None)),
        Err(e) => Err(Error::Io { path, source: e }),
    }
}

fn render(session: &Session, kind: Kind, builtin: &str, vars: &Vars) -> Result<String, Error> {
    let (template, path) = template_for(session, kind.as_str(), builtin)?;
    let required = match kind {
        Kind::Incident => &session.config.sections.incident,
        _ => &session.config.sections.runbook,
    };
    template::render(&template, vars, required).map_err(|e| match path {
        Some(p) => Error::Other(format!("{}: {e}", p.display())),
        None => Error::Other(format!("built-in {} template: {e}", kind.as_str())),
    })
}

fn first_folder(folders: &[String], kind: &str) -> Result<String, Error> {
    folders
        .first()
        .cloned()
        .ok_or_else(|| Error::Usage(format!("sitrep.yaml configures no folder for {kind}s (`kinds.{kind}` is empty)")))
}

/// "Now" for a new incident: the clock when "today" is the clock's date, else the pinned date.
fn default_started(session: &Session) -> String {
    let now = jiff::Timestamp::now();
    if now.to_zoned(session.config.timezone.clone()).date() == session.site.today {
        now.round(jiff::Unit::Minute).map(|t| t.to_string()).unwrap_or_else(|_| session.site.today.to_string())
    } else {
        session.site.today.to_string()
    }
}

/// Create a new incident; returns where.
pub fn new_incident(session: &Session, req: &NewIncident) -> Result<Created, Error> {
    let config = &session.config;
    let severity = match &req.severity {
        Some(s) => config.severity(s).map(|sev| sev.id.clone()).ok_or_else(|| {
            let ids: Vec<&str> = config.severities.iter().map(|s| s.id.as_str()).collect();
            Error::Usage(format!("--severity `{s}` is not one of the site's levels: {}", ids.join(", ")))
        })?,
        None => "TBD".to_string(),
    };
    let started = match &req.started {
        Some(s) => {
            crate::timefmt::parse_timestamp(s, &config.timezone).ok_or_else(|| {
                Error::Usage(format!(
                    "--started `{s}`: expected a timestamp such as 2026-03-01T14:05:00Z or 2026-03-01 14:05"
                ))
            })?;
            s.trim().to_string()
        }
        None => default_started(session),
    };
    let date = crate::timefmt::parse_timestamp(&started, &config.timezone)
        .map(|t| t.to_zoned(config.timezone.clone()).date())
        .unwrap_or(session.site.today);
    let id = ids::allocate(&config.incident_id, date, &existing_ids(session)).map_err(|e| Error::Config {
        path: session.site_dir.join("sitrep.yaml"),
        line: None,
        message: format!("incident_id: {e}"),
    })?;
    let folder = first_folder(&config.kinds.incident, "incident")?;
    let name = format!("{}-{}.md", slug(&id), title_slug(&req.title));
    let path = session.site.content_dir.join(folder).join(date.year().to_string()).join(name);
    let mut vars = base_vars(session, &req.title, &req.services);
    vars.insert("id", Var::text(&id));
    vars.insert("severity", Var::text(&severity));
    vars.insert("started", Var::text(&started));
    vars.insert("year", Var::text(&date.year().to_string()));
    let text = render(session, Kind::Incident, template::default_incident(), &vars)?;
    create_new(&path, text.as_bytes())?;
    Ok(Created { path, id: Some(id) })
}

/// Create a new runbook; returns where.
pub fn new_runbook(session: &Session, req: &NewRunbook) -> Result<Created, Error> {
    let folder = first_folder(&session.config.kinds.runbook, "runbook")?;
    let path = session.site.content_dir.join(folder).join(format!("{}.md", title_slug(&req.title)));
    let mut vars = base_vars(session, &req.title, &req.services);
    vars.insert("owner", Var::text(req.owner.as_deref().unwrap_or("TBD")));
    let text = render(session, Kind::Runbook, template::default_runbook(), &vars)?;
    create_new(&path, text.as_bytes())?;
    Ok(Created { path, id: None })
}
