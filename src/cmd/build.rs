//! `sitrep build`: check, then render every page in parallel and write them atomically.

use crate::check;
use crate::cli::BuildArgs;
use crate::diag::Level;
use crate::error::Error;
use crate::render::{theme::Theme, Job, Renderer};
use crate::report::{Format, Report};
use crate::session::Session;
use crate::write::{check_destination, Output};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};

/// Total document text `build` keeps in memory while it renders; above it, texts are freed and
/// read again page by page (at 100,000 documents they are ~350 MB).
const KEEP_TEXTS_UP_TO: usize = 64 << 20;

/// Run `build`; returns the exit code.
pub fn run(session: &mut Session, args: &BuildArgs) -> Result<u8, Error> {
    let lap = crate::timings::lap;
    if let Some(url) = &args.base_url {
        crate::config::check_base_url(url).map_err(|m| Error::Usage(format!("--base-url: {m}")))?;
    }
    let site = &session.site;
    let diags = check::run_publishing(site, &session.config, args.drafts);
    lap("check");
    let cwd = std::env::current_dir().map_err(|e| Error::Io { path: ".".into(), source: e })?;
    let report = Report::new(site, &diags, &cwd);
    let errors = diags.iter().filter(|d| d.level == Level::Error).count();
    let secrets = diags.iter().filter(|d| d.rule == "security/secret" && d.level == Level::Error).count();
    // Quiet builds print findings only when they stop the build: render them only then.
    if !diags.is_empty() && (!session.quiet || errors > 0) {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let mut text = report.render(Format::Human, color);
        if !session.quiet {
            text.push_str(&report.summary());
            text.push('\n');
        }
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    if secrets > 0 {
        eprintln!("error: not building: {secrets} secret(s) found; --allow-errors never publishes a secret");
        return Ok(1);
    }
    if errors > 0 && !args.allow_errors {
        eprintln!("error: not building: {errors} error(s) (use --allow-errors to build anyway); the previous output is untouched");
        return Ok(1);
    }
    drop(report);
    drop(diags);
    // Free what only the checks read, and on large sites the texts: the catalogue and pages are
    // built in that memory (each page then reads its document again: Doc::source). A small
    // site keeps its texts; reading 10,000 files again cost 3% of the build.
    session.site.release_check_data();
    if session.site.docs.iter().map(|d| d.text.len()).sum::<usize>() > KEEP_TEXTS_UP_TO {
        session.site.release_texts();
    }
    let catalog = crate::render::catalog::Catalog::new(&session.site, &session.config, args.drafts, &[]);
    session.site.release_actions();
    let site = &session.site;
    let out_dir = match &args.out {
        Some(o) => cwd.join(o),
        None => session.site_dir.join("public"),
    };
    check_destination(&out_dir, &session.site_dir, &site.content_dir)?;
    let theme = Theme::load(&session.site_dir, &session.config.theme)?;
    let base_url = args.base_url.clone().unwrap_or_else(|| session.config.base_url.clone());
    let renderer = Renderer::with_catalog(site, &session.config, &theme, catalog, &base_url);
    let out = Output::begin(&out_dir)?;
    lap("prepare");
    let result = write_all(&renderer, &out, site);
    lap("render+write");
    match result {
        Ok(n) => {
            out.commit()?;
            lap("swap");
            if !session.quiet {
                eprintln!("built {n} files into {}", out_dir.display());
            }
            Ok(0)
        }
        Err(e) => {
            out.abort();
            Err(e)
        }
    }
}

/// Render every job in parallel, writing each page as soon as it is rendered (the site-wide
/// listings and exports stream straight to their files). The listings (each holds every incident
/// or action item while it renders) run one after another on one worker while the others render
/// document pages, so no two of them are in memory at once. Returns the number of files written.
fn write_all(renderer: &Renderer<'_>, out: &Output, site: &crate::model::Site) -> Result<usize, Error> {
    let (listings, documents): (Vec<Job>, Vec<Job>) = renderer.jobs().into_iter().partition(Job::is_listing);
    let (a, b) = rayon::join(
        || {
            listings.iter().try_for_each(|job| {
                let r = renderer.render_into(job, out);
                crate::timings::lap(&format!("  listing {job:?}"));
                r
            })
        },
        || {
            let r = documents
                .par_iter()
                .try_for_each(|job| crate::timings::per_kind(job, || renderer.render_into(job, out)));
            crate::timings::lap("  document pages");
            crate::timings::kinds();
            r
        },
    );
    a?;
    b?;
    // Non-Markdown files beside the documents are published at the same relative path.
    let assets = renderer.assets_to_publish();
    assets.par_iter().try_for_each(|rel| {
        let bytes = std::fs::read(site.abs_path(rel)).map_err(|e| Error::Io { path: site.abs_path(rel), source: e })?;
        out.write(rel, &bytes)
    })?;
    Ok(out.files())
}
