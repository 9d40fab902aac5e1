//! `sitrep new incident|runbook "Title"`: create the document and print its path.

use crate::authoring::{new_incident, new_runbook, NewIncident, NewRunbook};
use crate::cli::{Common, NewCommand};
use crate::error::Error;
use crate::session::Session;

/// Run `new`; returns the exit code.
pub fn run(cmd: &NewCommand, common: &Common) -> Result<u8, Error> {
    let created = match cmd {
        NewCommand::Incident(a) => {
            let session = Session::open(&a.site, common)?;
            let req = NewIncident {
                title: a.title.clone(),
                severity: a.severity.clone(),
                services: a.services.clone(),
                started: a.started.clone(),
            };
            new_incident(&session, &req)?
        }
        NewCommand::Runbook(a) => {
            let session = Session::open(&a.site, common)?;
            let req = NewRunbook { title: a.title.clone(), services: a.services.clone(), owner: a.owner.clone() };
            new_runbook(&session, &req)?
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = created.path.strip_prefix(&cwd).unwrap_or(&created.path);
    println!("{}", shown.display());
    if !common.quiet {
        if let Some(id) = &created.id {
            eprintln!("sitrep: {id}: fill in every TODO and TBD; `sitrep check` lists what is left");
        }
    }
    Ok(0)
}
