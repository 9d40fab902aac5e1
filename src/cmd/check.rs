//! `sitrep check`: load, check, filter (--only, --changed-since, --baseline), report.

use crate::cli::CheckArgs;
use crate::diag::{Diagnostic, Level};
use crate::error::Error;
use crate::report::{Format, Report};
use crate::session::Session;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Run `check`; returns the exit code (0 or 1).
pub fn run(session: &Session, args: &CheckArgs) -> Result<u8, Error> {
    let format: Format = args.format.parse().map_err(Error::Usage)?;
    let outputs = args
        .output
        .iter()
        .map(|o| {
            let (f, file) =
                o.split_once('=').ok_or_else(|| Error::Usage(format!("--output `{o}`: expected FORMAT=FILE")))?;
            Ok((f.parse::<Format>().map_err(Error::Usage)?, PathBuf::from(file)))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let site = &session.site;
    let mut diags = crate::check::run(site, &session.config);

    if !args.only.is_empty() {
        let wanted: Vec<PathBuf> = args
            .only
            .iter()
            .map(|p| p.canonicalize().map_err(|e| Error::Usage(format!("--only {}: {e}", p.display()))))
            .collect::<Result<_, _>>()?;
        diags.retain(|d| wanted.contains(&site.docs[d.doc].abs));
    }
    if let Some(rev) = &args.changed_since {
        let changed = crate::changed::changed_files(&session.site_dir, rev)?;
        diags.retain(|d| {
            changed.contains(&site.docs[d.doc].abs) || d.target.as_ref().is_some_and(|t| changed.contains(t))
        });
    }
    let cwd = std::env::current_dir().map_err(|e| Error::Io { path: ".".into(), source: e })?;
    if let Some(path) = &args.write_baseline {
        let report = Report::new(site, &diags, &cwd);
        crate::baseline::write(path, &report)?;
        if !session.quiet {
            eprintln!("sitrep: wrote {} finding(s) to {}", diags.len(), path.display());
        }
        return Ok(0);
    }
    if let Some(path) = &args.baseline {
        let all = std::mem::take(&mut diags);
        let report = Report::new(site, &[], &cwd);
        diags = crate::baseline::filter(path, &report, all)?;
    }
    let report = Report::new(site, &diags, &cwd);
    emit(&report, format, session.quiet)?;
    for (f, file) in outputs {
        std::fs::write(&file, report.render(f, false)).map_err(|e| Error::Io { path: file.clone(), source: e })?;
    }
    Ok(exit_code(&diags, args.deny_warnings))
}

/// 1 when there is an error-level finding (or a warning with `deny_warnings`), else 0.
pub fn exit_code(diags: &[Diagnostic], deny_warnings: bool) -> u8 {
    let fails = |d: &&Diagnostic| d.level == Level::Error || (deny_warnings && d.level == Level::Warning);
    u8::from(diags.iter().any(|d| fails(&d)))
}

/// Print a report on stdout (colour only on a terminal and without NO_COLOR).
pub fn emit(report: &Report<'_>, format: Format, quiet: bool) -> Result<(), Error> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut text = report.render(format, color);
    if format == Format::Human && !quiet {
        text.push_str(&report.summary());
        text.push('\n');
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io { path: "<stdout>".into(), source: e }),
    }
}
