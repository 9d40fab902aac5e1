//! `sitrep import PATH...`: plan the import, then print it (--dry-run) or write it.

use crate::cli::{Common, ImportArgs, ImportKind};
use crate::config::Config;
use crate::error::Error;
use crate::import::{collect_inputs, content_root, plan, write, Options};
use crate::model::{Kind, Site};
use std::collections::HashSet;
use std::path::Path;

/// Incident ids already used under the content directory, if there is one.
fn existing_ids(content: &Path, config: &Config, today: jiff::civil::Date) -> Result<HashSet<String>, Error> {
    if !content.is_dir() {
        return Ok(HashSet::new());
    }
    let loaded = crate::load::load_content(content)?;
    let site = Site::build(loaded, content.to_path_buf(), config, today);
    Ok(site.of_kind(Kind::Incident).filter_map(|(_, d)| d.meta.id.clone()).collect())
}

/// Run `import`; returns the exit code.
pub fn run(args: &ImportArgs, common: &Common) -> Result<u8, Error> {
    let root = content_root(&args.into);
    let site_dir = if root.file_name().is_some_and(|n| n == "content") {
        root.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        ".".into()
    };
    let config = match &common.config {
        Some(p) => Config::load(p, true)?,
        None => Config::load(&site_dir.join("sitrep.yaml"), false)?,
    };
    let today = crate::session::today(common.today.as_deref(), &config)?;
    let kind = args.kind.map(|k| match k {
        ImportKind::Runbook => Kind::Runbook,
        ImportKind::Incident => Kind::Incident,
    });
    let inputs = collect_inputs(&args.paths)?;
    let opts = Options { into: args.into.clone(), kind, today };
    let bar = crate::progress::bar(inputs.len() as u64 * 2, "import", common.quiet || args.dry_run);
    let plan = plan(&inputs, &opts, &config, &existing_ids(&root, &config, today)?, &|| bar.inc(1))?;
    if args.dry_run {
        print!("{}", describe(&plan, args.force));
        // As the real run: existing files without --force are a refusal (exit 2).
        let blocked = !args.force && plan.docs.iter().any(|d| d.dest.exists());
        return Ok(if blocked { 2 } else { 0 });
    }
    write(&plan, args.force, &|| bar.inc(1))?;
    bar.finish_and_clear();
    for d in &plan.docs {
        println!("{}", d.dest.display());
    }
    for a in &plan.assets {
        println!("{}", a.dest.display());
    }
    if !common.quiet {
        for n in &plan.notes {
            eprintln!("note: {n}");
        }
        let incidents = plan.docs.iter().filter(|d| d.kind == Kind::Incident).count();
        eprintln!(
            "sitrep: imported {} runbook(s), {incidents} incident(s) and {} linked file(s); `sitrep check` lists what still needs a person",
            plan.docs.len() - incidents,
            plan.assets.len()
        );
    }
    Ok(0)
}

/// What a dry run prints: each document's destination, kind, source and front-matter.
fn describe(plan: &crate::import::Plan, force: bool) -> String {
    let mut s = String::new();
    for d in &plan.docs {
        let exists = match (d.dest.exists(), force) {
            (true, false) => " (exists: needs --force)",
            (true, true) => " (replaces the existing file)",
            _ => "",
        };
        s.push_str(&format!(
            "would write {} ({}, from {}){exists}\n",
            d.dest.display(),
            d.kind.as_str(),
            d.source.display()
        ));
        for line in d.front_matter.lines() {
            s.push_str(&format!("    {line}\n"));
        }
        s.push_str(&format!(
            "    + {} body line(s); {} metadata line(s) moved into front-matter\n",
            d.body_lines, d.moved
        ));
    }
    for a in &plan.assets {
        s.push_str(&format!("would copy {} to {}\n", a.source.display(), a.dest.display()));
    }
    for n in &plan.notes {
        s.push_str(&format!("note: {n}\n"));
    }
    s
}
