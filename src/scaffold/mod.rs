//! `sitrep init`: the files of a new site (commented `sitrep.yaml` with every default, one
//! example runbook and incident that pass `check --deny-warnings`, `.gitignore`, and a GitHub
//! workflow that checks pull requests and publishes the site).

use crate::authoring::create_new;
use crate::error::Error;
use jiff::civil::Date;
use jiff::ToSpan;
use std::path::{Path, PathBuf};

/// The commented configuration `init` writes (every setting with its default).
pub const CONFIG: &str = include_str!("sitrep.yaml");
const WORKFLOW: &str = include_str!("docs.yml");
const RUNBOOK: &str = include_str!("runbook.md");
const INCIDENT: &str = include_str!("incident.md");
const GITIGNORE: &str = "# sitrep build output\npublic/\n";

/// The files of a new site (path relative to the site, contents), dated from `today`.
pub fn files(today: Date) -> Vec<(String, String)> {
    let started = today.checked_sub(7.days()).unwrap_or(today);
    let due = today.checked_add(30.days()).unwrap_or(today);
    let fill = |t: &str| {
        t.replace("{{today}}", &today.to_string())
            .replace("{{year}}", &started.year().to_string())
            .replace("{{started}}", &started.to_string())
            .replace("{{due}}", &due.to_string())
    };
    let year = started.year();
    vec![
        ("sitrep.yaml".into(), CONFIG.into()),
        (".gitignore".into(), GITIGNORE.into()),
        (".github/workflows/docs.yml".into(), WORKFLOW.into()),
        ("content/runbooks/database-failover.md".into(), fill(RUNBOOK)),
        (
            format!("content/incidents/{year}/inc-{year}-001-checkout-errors-during-a-database-failover.md"),
            fill(INCIDENT),
        ),
    ]
}

/// Write a new site into `dir` (created if needed). Refuses, writing nothing, when any of the
/// files exists already.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, Error> {
    let files = files(today);
    let existing: Vec<String> =
        files.iter().map(|(rel, _)| dir.join(rel)).filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite existing files (nothing was written):\n  {}",
            existing.join("\n  ")
        )));
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = dir.join(rel);
        create_new(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn config_parses_and_states_every_default() {
        let c = Config::parse(Path::new("sitrep.yaml"), CONFIG).unwrap();
        let d = Config::default();
        for key in crate::config::top_keys() {
            assert!(CONFIG.lines().any(|l| l.starts_with(&format!("{key}:"))), "sitrep.yaml lacks `{key}`");
        }
        assert_eq!(c.title, d.title);
        assert_eq!(c.base_url, d.base_url);
        assert_eq!(c.theme, d.theme);
        assert_eq!(c.timezone_name, d.timezone_name);
        assert_eq!(c.review_every_days, d.review_every_days);
        assert_eq!(c.incident_id, d.incident_id);
        assert_eq!(c.unsafe_html, d.unsafe_html);
        assert_eq!(c.kinds.runbook, d.kinds.runbook);
        assert_eq!(c.kinds.incident, d.kinds.incident);
        let sev = |c: &Config| {
            c.severities
                .iter()
                .map(|s| format!("{} {} {:?} {:?} {:?}", s.id, s.name, s.aliases, s.targets, s.postmortem_within))
                .collect::<Vec<_>>()
        };
        assert_eq!(sev(&c), sev(&d));
        let secs = |v: &[crate::config::SectionSpec]| {
            v.iter().map(|s| format!("{} {:?}", s.name, s.aliases)).collect::<Vec<_>>()
        };
        assert_eq!(secs(&c.sections.incident), secs(&d.sections.incident));
        assert_eq!(secs(&c.sections.runbook), secs(&d.sections.runbook));
    }
}
