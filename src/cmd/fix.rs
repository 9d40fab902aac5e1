//! `sitrep fix [SITE_DIR] [--write]`: print the repairs as a unified diff, or write them.

use crate::cli::FixArgs;
use crate::error::Error;
use crate::session::Session;
use std::io::Write;

/// Run `fix`; returns 1 when there are repairs not written (like `--check` of formatters).
pub fn run(session: &Session, args: &FixArgs) -> Result<u8, Error> {
    let (fixes, notes) = crate::fix::plan(&session.site, &session.config)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut out = std::io::stdout().lock();
    for f in &fixes {
        let shown = f.path.strip_prefix(&cwd).unwrap_or(&f.path).display().to_string();
        if args.write {
            write_atomic(&f.path, f.new.as_bytes())?;
            let c = &f.counts;
            let _ = writeln!(
                out,
                "fixed {shown}: {} mojibake, {} section(s) added, {} date(s), {} heading(s) renamed",
                c.mojibake, c.sections, c.dates, c.headings
            );
        } else {
            let _ = out.write_all(crate::fix::diff(f, &shown).as_bytes());
        }
    }
    if !session.quiet {
        for n in &notes {
            eprintln!("note: {n}");
        }
        let verb = if args.write { "fixed" } else { "would fix (run with --write)" };
        eprintln!("sitrep: {verb} {} file(s)", fixes.len());
    }
    Ok(u8::from(!args.write && !fixes.is_empty()))
}

/// Replace a file through a temporary sibling, so an interrupted write never truncates it.
fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = path.with_extension(format!("md.sitrep-fix-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::Io { path: tmp.clone(), source: e })?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::Io { path: path.into(), source: e })
}
