//! `sitrep import`: bring plain Markdown runbooks and postmortems into a sitrep site. Each
//! document gets front-matter from what it says about itself (`extract`); its body is kept
//! byte for byte except the metadata lines that moved; linked images and files come along.

pub mod extract;

use crate::authoring::ids;
use crate::config::Config;
use crate::error::Error;
use crate::load::frontmatter::{split, Split};
use crate::model::{build_doc, placeholders::Patterns, Kind};
use crate::render::urls::slug;
use crate::yaml_out;
use extract::{Extracted, Value};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// Target: the content directory (kind folders are added) or a folder inside one.
    pub into: PathBuf,
    /// Force every document to this kind instead of inferring it.
    pub kind: Option<Kind>,
    /// "Today" (ids of incidents without a date).
    pub today: Date,
}

/// One source document found on the command line.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Its folder relative to the folder given on the command line (empty for files given).
    pub sub_dir: PathBuf,
}

/// One document to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Where it came from.
    pub source: PathBuf,
    /// Where it goes.
    pub dest: PathBuf,
    /// Its kind.
    pub kind: Kind,
    /// The front-matter block written (with fences).
    pub front_matter: String,
    /// The whole new file.
    pub text: String,
    /// How many metadata lines moved into front-matter.
    pub moved: usize,
    /// Lines in the body.
    pub body_lines: usize,
}

/// A linked file to copy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// The file linked to.
    pub source: PathBuf,
    /// Its copy.
    pub dest: PathBuf,
}

/// Everything an import would write.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Documents.
    pub docs: Vec<Planned>,
    /// Linked files.
    pub assets: Vec<Asset>,
    /// Things a person should know (links not copied, ...).
    pub notes: Vec<String>,
}

impl Plan {
    /// Every path the plan writes that exists already.
    pub fn conflicts(&self) -> Vec<PathBuf> {
        self.docs
            .iter()
            .map(|d| &d.dest)
            .chain(self.assets.iter().map(|a| &a.dest))
            .filter(|p| p.exists())
            .cloned()
            .collect()
    }
}

/// Markdown by its file name: `.md`, `.markdown`, and Docusaurus' `.mdx`.
fn is_markdown_name(name: &str) -> bool {
    let l = name.to_lowercase();
    l.ends_with(".md") || l.ends_with(".markdown") || l.ends_with(".mdx")
}

/// MDX without its `import ... from '...'` and `export ...` statements (outside code): they are
/// JavaScript, and the first would otherwise stand above the title.
fn without_mdx_statements(text: &str) -> (String, usize) {
    static STATEMENT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"]+['"];?|export\s+(?:const|let|default|function)\b.*)\s*$"#)
            .expect("static regex")
    });
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut dropped = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if STATEMENT.is_match(line.trim_end()) {
            dropped += 1;
            continue;
        }
        out.push_str(line);
    }
    (out, dropped)
}

/// Files named on the command line, and Markdown files under folders named there (sorted).
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::Io { path: p.clone(), source: e })?;
        if meta.is_file() {
            out.push(Input { path: p.clone(), sub_dir: PathBuf::new() });
            continue;
        }
        let before = out.len();
        for entry in walkdir::WalkDir::new(p).follow_links(false).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && name.starts_with('.') {
                continue;
            }
            if entry.file_type().is_file() && is_markdown_name(&name) {
                let rel = entry.path().strip_prefix(p).unwrap_or(entry.path());
                out.push(Input {
                    path: entry.path().to_path_buf(),
                    sub_dir: rel.parent().map(Path::to_path_buf).unwrap_or_default(),
                });
            }
        }
        if out.len() == before {
            return Err(Error::Usage(format!(
                "{}: no Markdown files (*.md, *.markdown, *.mdx) in this folder (name other files one by one)",
                p.display()
            )));
        }
    }
    Ok(out)
}

/// The content directory `into` belongs to: the nearest ancestor named `content`, else `into`.
pub fn content_root(into: &Path) -> PathBuf {
    into.ancestors().find(|a| a.file_name().is_some_and(|n| n == "content")).unwrap_or(into).to_path_buf()
}

/// The folder a document of `kind` goes to, and whether `kind:` must be written because that
/// folder does not give the kind.
fn kind_dir(into: &Path, kind: Kind, config: &Config) -> (PathBuf, bool) {
    let root = content_root(into);
    let rel = into.strip_prefix(&root).unwrap_or(Path::new(""));
    let folder_kind = rel.components().next().and_then(|c| match c {
        Component::Normal(n) => {
            let n = n.to_string_lossy();
            if config.kinds.runbook.iter().any(|f| *f == n) {
                Some(Kind::Runbook)
            } else if config.kinds.incident.iter().any(|f| *f == n) {
                Some(Kind::Incident)
            } else {
                Some(Kind::Page)
            }
        }
        _ => None,
    });
    match folder_kind {
        Some(k) => (into.to_path_buf(), k != kind),
        None => {
            let folders = if kind == Kind::Incident { &config.kinds.incident } else { &config.kinds.runbook };
            match folders.first() {
                Some(f) => (into.join(f), false),
                None => (into.to_path_buf(), true),
            }
        }
    }
}

/// Read a source as UTF-8 text (BOM dropped); an error names the file.
fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io { path: path.into(), source: e })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Other(format!(
            "{}: not valid UTF-8 (invalid byte at offset {}); convert it first",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    // Lone CRs would shift every line number: only CRLF and LF are kept as written.
    Ok(if text.replace("\r\n", "").contains('\r') { crate::text::normalise(&text) } else { text })
}

/// Incident times from the Timeline: the first row is the start; detection, mitigation and
/// resolution from rows that say so, kept only when they are in order.
fn timeline_times(body_lf: &str, date: Option<Date>, config: &Config, ex: &mut Extracted) {
    let started = ex
        .text("started")
        .map(str::to_string)
        .or_else(|| ex.text("date").map(str::to_string))
        .or(date.map(|d| d.to_string()));
    let mut probe = String::from("---\nkind: incident\n");
    if let Some(s) = &started {
        probe.push_str(&format!("started: {}\n", yaml_out::scalar(s)));
    }
    probe.push_str("---\n");
    probe.push_str(body_lf);
    let src = crate::load::SourceFile {
        abs: PathBuf::from("import.md"),
        rel: "import.md".into(),
        text: probe,
        unreadable: None,
    };
    let doc = build_doc(src, config, &Patterns::new(config));
    let rows: Vec<(jiff::Timestamp, String)> =
        doc.timeline.iter().filter(|r| r.dated).filter_map(|r| r.at.map(|t| (t, r.event.to_lowercase()))).collect();
    let Some(first) = rows.first() else { return };
    let find = |words: &[&str], last: bool| {
        let mut it = rows.iter().filter(|(_, e)| words.iter().any(|w| e.contains(w)));
        if last { it.next_back() } else { it.next() }.map(|(t, _)| *t)
    };
    let has_time = |k: &str| ex.text(k).is_some_and(|v| v.contains(':'));
    if !has_time("started") {
        ex.fields.retain(|(k, _)| *k != "started");
        ex.set("started", Value::Text(first.0.to_string()));
    }
    let mut last = first.0;
    for (key, words, use_last) in [
        ("detected", &["detect", "alert", "paged", "noticed", "reported"][..], false),
        ("mitigated", &["mitigat", "recovered", "restored", "rolled back"][..], false),
        ("resolved", &["resolved", "all clear", "closed"][..], true),
    ] {
        if ex.get(key).is_some() {
            continue;
        }
        if let Some(t) = find(words, use_last).filter(|t| *t >= last) {
            ex.set(key, Value::Text(t.to_string()));
            last = t;
        }
    }
    if ex.get("status").is_none() && ex.get("resolved").is_some() {
        ex.set("status", Value::Text("resolved".into()));
    }
}

/// Key order in the written front-matter.
const ORDER: &[&str] = &[
    "kind",
    "id",
    "title",
    "owner",
    "last_reviewed",
    "severity",
    "status",
    "started",
    "detected",
    "acknowledged",
    "mitigated",
    "resolved",
    "date",
    "services",
    "commander",
    "authors",
    "tags",
];

fn front_matter(fields: &[(&'static str, Value)], nl: &str) -> String {
    let mut sorted: Vec<&(&str, Value)> = fields.iter().collect();
    sorted.sort_by_key(|(k, _)| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
    let mut s = format!("---{nl}");
    for (k, v) in sorted {
        let value = match v {
            Value::Text(t) if matches!(*k, "title" | "owner" | "commander") => yaml_out::quoted(t),
            Value::Text(t) => yaml_out::scalar(t),
            Value::List(items) => yaml_out::list(items),
        };
        s.push_str(&format!("{k}: {value}{nl}"));
    }
    s.push_str(&format!("---{nl}"));
    s
}

/// Relative links of a document that point at existing files beside it.
fn linked_files(
    text: &str,
    source: &Path,
    by_name: &mut dyn FnMut(&str) -> Option<PathBuf>,
) -> Vec<(PathBuf, PathBuf)> {
    let (md, _) = crate::markdown::parse(text, 0);
    let dir = source.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for l in &md.links {
        let dest = l.dest.trim();
        // `![[latency.png]]` (Obsidian): the file is found by name anywhere in the vault and
        // copied beside the note, where the site finds it by name again.
        if l.wiki {
            let name = dest.split('#').next().unwrap_or("").trim();
            let beside = dir.join(name);
            let found = if beside.is_file() { Some(beside) } else { by_name(name) };
            if let Some(abs) = found.filter(|_| !is_markdown_name(name) && !name.is_empty()) {
                let file = abs.file_name().map(PathBuf::from).unwrap_or_default();
                out.push((abs, file));
            }
            continue;
        }
        let scheme = dest
            .split_once(':')
            .is_some_and(|(s, _)| s.len() > 1 && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)));
        if dest.is_empty() || scheme || dest.starts_with('#') || dest.starts_with('/') || dest.starts_with("//") {
            continue;
        }
        let path = dest.split(['#', '?']).next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy().to_string();
        let rel = PathBuf::from(&decoded);
        let abs = dir.join(&rel);
        if abs.is_file() && !is_markdown_name(&decoded) {
            out.push((abs, rel));
        }
    }
    out
}

/// A file named `name` (any case) under `root`, hidden folders skipped; the first by path. The
/// folder's files are listed once.
fn vault_file(cache: &mut HashMap<PathBuf, HashMap<String, PathBuf>>, root: &Path, name: &str) -> Option<PathBuf> {
    let files = cache.entry(root.to_path_buf()).or_insert_with(|| {
        let mut m = HashMap::new();
        let walk = walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter();
        for e in walk.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')).flatten() {
            if e.file_type().is_file() {
                m.entry(e.file_name().to_string_lossy().to_lowercase()).or_insert_with(|| e.path().to_path_buf());
            }
        }
        m
    });
    files.get(&name.to_lowercase()).cloned()
}

/// Lexically join `rel` onto `base`; `None` if it climbs out of `root`.
fn join_inside(root: &Path, base: &Path, rel: &Path) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for c in rel.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    out.starts_with(root).then_some(out)
}

/// Plan the import of `inputs` (nothing is written). `existing_ids`: incident ids the site uses.
pub fn plan(
    inputs: &[Input],
    opts: &Options,
    config: &Config,
    existing_ids: &HashSet<String>,
    tick: &dyn Fn(),
) -> Result<Plan, Error> {
    let mut plan = Plan::default();
    let mut ids = existing_ids.clone();
    let mut dests: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    let root = content_root(&opts.into);
    let root_abs = lexical(&root);
    let mut skipped_inside = 0;
    let mut vault_files: HashMap<PathBuf, HashMap<String, PathBuf>> = HashMap::new();
    for input in inputs {
        tick();
        // `sitrep import .` from the site's own folder: the site's documents are not inputs.
        if lexical(&input.path).starts_with(&root_abs) {
            skipped_inside += 1;
            continue;
        }
        let stem =
            input.path.file_stem().map(|s| without_notion_id(&s.to_string_lossy()).to_string()).unwrap_or_default();
        // A docs repository's other Markdown: repository files and templates are not documents.
        let lower = stem.to_lowercase();
        if ["changelog", "license", "contributing", "code_of_conduct", "codeowners", "security", "summary"]
            .contains(&lower.as_str())
        {
            plan.notes.push(format!("{}: skipped: not a runbook or postmortem", input.path.display()));
            continue;
        }
        if lower.contains("template") && opts.kind.is_none() {
            plan.notes.push(format!(
                "{}: skipped: a template (copy it into content/_templates/ for `sitrep new` to use it)",
                input.path.display()
            ));
            continue;
        }
        // A folder's README or index is its page (links to the folder keep working).
        let folder_page = ["readme", "index", "_index"].contains(&lower.as_str());
        let mut text = read_text(&input.path)?;
        if input.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("mdx")) {
            let (kept, dropped) = without_mdx_statements(&text);
            if dropped > 0 {
                plan.notes.push(format!(
                    "{}: MDX: {dropped} import/export line(s) dropped; JSX components stay as raw HTML, which the site sanitises",
                    input.path.display()
                ));
            }
            text = kept;
        }
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let lf = text.replace("\r\n", "\n");
        // Front-matter already there (a YAML mapping between `---` lines): kept as written, and
        // what the body says is added to it. A `---` rule opening a plain document is not one.
        let existing = match split(&lf) {
            Split::Block { yaml, body_start, .. } => {
                serde_yaml_ng::from_str::<serde_yaml_ng::Mapping>(&lf[yaml]).ok().map(|m| (m, body_start))
            }
            _ => None,
        };
        if existing.is_none() && lf.starts_with("+++") {
            plan.notes.push(format!(
                "{}: not imported: its TOML front-matter (`+++`) is not read; convert it to YAML between `---` lines and import it again",
                input.path.display()
            ));
            continue;
        }
        let present: Vec<String> = existing
            .as_ref()
            .map(|(m, _)| m.keys().filter_map(|k| k.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let has = |k: &str| present.iter().any(|p| p == k);
        // The body, and how many lines of the file come before it.
        let (body_lf, head_lines) = match &existing {
            Some((_, start)) => (&lf[*start..], lf[..*start].matches('\n').count()),
            None => (lf.as_str(), 0),
        };
        let (md, _) = crate::markdown::parse(body_lf, 0);
        let h1 = md.headings.iter().find(|h| h.level == 1).map(|h| h.text.clone());
        let declared = existing
            .as_ref()
            .and_then(|(m, _)| m.get("kind"))
            .and_then(|v| v.as_str())
            .and_then(Kind::from_name)
            .filter(|k| *k != Kind::Template);
        let kind = opts.kind.or(declared).or(folder_page.then_some(Kind::Page)).unwrap_or_else(|| {
            if extract::looks_like_incident(body_lf, &md, h1.as_deref(), &stem, config) {
                Kind::Incident
            } else {
                Kind::Runbook
            }
        });
        let (kind_base, write_kind) = kind_dir(&opts.into, kind, config);
        let (new_text, front, moved, year) = {
            let mut ex = extract::extract(body_lf, &md, kind, config, &present);
            let file_id = extract::id_from_file_name(&stem);
            let title = ex
                .title
                .clone()
                .or_else(|| file_id.as_ref().map(|(_, rest)| rest.clone()).filter(|r| !r.is_empty()))
                .unwrap_or_else(|| stem.clone());
            ex.fields.insert(0, ("title", Value::Text(title)));
            if (write_kind || kind == Kind::Page) && !has("kind") {
                ex.fields.insert(0, ("kind", Value::Text(kind.as_str().into())));
            }
            let mut year = None;
            if kind == Kind::Incident {
                let name_date = extract::date_from_file_name(&stem);
                if ex.get("date").is_none() {
                    if let Some(d) = name_date {
                        ex.set("date", Value::Text(d.to_string()));
                    }
                }
                timeline_times(body_lf, name_date, config, &mut ex);
                let date = ex
                    .text("started")
                    .and_then(crate::timefmt::parse_date)
                    .or_else(|| ex.text("date").and_then(crate::timefmt::parse_loose_date));
                year = date.map(|d| d.year());
                if ex.get("id").is_none() && !has("id") {
                    // A name-derived id already taken (`postmortem-2024-03-05-a.md` and `-b.md`)
                    // gets the next free one of the pattern instead.
                    let id = match file_id.as_ref().filter(|(id, _)| !ids.contains(id)) {
                        Some((id, _)) => id.clone(),
                        None => ids::allocate(&config.incident_id, date.unwrap_or(opts.today), &ids)
                            .map_err(|e| Error::Other(format!("incident_id: {e}")))?,
                    };
                    ex.set("id", Value::Text(id));
                }
                if let Some(id) = ex.text("id") {
                    ids.insert(id.to_string());
                }
            }
            if kind == Kind::Incident
                && !has("postmortem")
                && ex.get("postmortem").is_none()
                && is_written_up(body_lf, &md, config)
            {
                // A finished postmortem brought in from elsewhere is published, not "not started".
                ex.set("postmortem", Value::Text("published".into()));
            }
            ex.fields.retain(|(k, _)| !has(k));
            let removed: HashSet<usize> = ex.removed.iter().map(|i| i + head_lines).collect();
            let body: String = text
                .split_inclusive('\n')
                .enumerate()
                .skip(head_lines)
                .filter(|(i, _)| !removed.contains(i))
                .map(|(_, l)| l)
                .collect();
            let front = match &existing {
                None => front_matter(&ex.fields, nl),
                Some(_) => {
                    // The block as written, with the new keys before its closing fence.
                    let head: String = text.split_inclusive('\n').take(head_lines).collect();
                    let new_keys = front_matter(&ex.fields, nl);
                    let inner = new_keys
                        .strip_prefix(&format!("---{nl}"))
                        .and_then(|s| s.strip_suffix(&format!("---{nl}")))
                        .unwrap_or("");
                    let close = head.trim_end_matches(['\r', '\n']).rfind('\n').map_or(0, |i| i + 1);
                    format!("{}{inner}{}", &head[..close], &head[close..])
                }
            };
            (format!("{front}{body}"), front, removed.len(), year)
        };
        let mut dir = kind_base.clone();
        // `docs/runbooks/db.md` goes to `content/runbooks/db.md`, not `content/runbooks/runbooks/`:
        // a first folder named for the kind is the kind folder.
        let kind_words: &[&str] = match kind {
            Kind::Incident => {
                &["incidents", "incident", "postmortems", "postmortem", "post-mortems", "post-mortem", "pir", "rca"]
            }
            _ => &["runbooks", "runbook", "playbooks", "playbook"],
        };
        for (n, c) in input.sub_dir.components().enumerate() {
            if let Component::Normal(name) = c {
                let s = slug(without_notion_id(&name.to_string_lossy()));
                let folder = kind_base.file_name().is_some_and(|b| b.to_string_lossy() == s);
                if n == 0 && (kind_words.contains(&s.as_str()) || folder) {
                    continue;
                }
                dir.push(s);
            }
        }
        if input.sub_dir.as_os_str().is_empty() && kind == Kind::Incident {
            if let Some(y) = year {
                dir.push(y.to_string());
            }
        }
        // (At the top of a kind folder the listing is generated: the README stays a page of its own.)
        let dest = dir.join(if folder_page && dir != kind_base {
            "index.md".to_string()
        } else {
            format!("{}.md", slug(&stem))
        });
        if let Some(other) = dests.insert(dest.clone(), input.path.clone()) {
            return Err(Error::Usage(format!(
                "{} and {} would both be imported as {}; rename one of them",
                other.display(),
                input.path.display(),
                dest.display()
            )));
        }
        let vault = input.path.ancestors().nth(input.sub_dir.components().count() + 1).unwrap_or(Path::new("."));
        let mut by_name = |name: &str| vault_file(&mut vault_files, vault, name);
        for (abs, rel) in linked_files(&lf, &input.path, &mut by_name) {
            match join_inside(&root, &dir, &rel) {
                Some(to) => plan.assets.push(Asset { source: abs, dest: to }),
                None => plan.notes.push(format!(
                    "{}: `{}` is not copied: its link would leave {}",
                    input.path.display(),
                    rel.display(),
                    root.display()
                )),
            }
        }
        let body_lines = new_text.len() - front.len();
        plan.docs.push(Planned {
            source: input.path.clone(),
            dest,
            kind,
            body_lines: new_text[new_text.len() - body_lines..].lines().count(),
            front_matter: front,
            text: new_text,
            moved,
        });
        if existing.is_some() {
            plan.notes.push(format!(
                "{}: already has front-matter: kept as written, {} key(s) added",
                input.path.display(),
                plan.docs.last().map_or(0, |d| d.front_matter.lines().count().saturating_sub(head_lines))
            ));
        }
    }
    if skipped_inside > 0 {
        plan.notes.push(format!(
            "{skipped_inside} file(s) already under {} skipped: they are the site's own documents",
            root.display()
        ));
    }
    plan.assets.sort();
    plan.assets.dedup();
    // Two different files copied to one place would leave one document showing the other's.
    for w in plan.assets.windows(2) {
        if w[0].dest == w[1].dest && std::fs::read(&w[0].source).ok() != std::fs::read(&w[1].source).ok() {
            return Err(Error::Usage(format!(
                "{} and {} would both be copied to {}; rename one of them",
                w[0].source.display(),
                w[1].source.display(),
                w[0].dest.display()
            )));
        }
    }
    relink(&mut plan);
    Ok(plan)
}

/// Lexically normalised absolute form of a path (`.` and `..` resolved, no file-system access).
fn lexical(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `to` relative to the folder `from_dir`, `/`-separated.
fn relative(from_dir: &Path, to: &Path) -> String {
    let (a, b) = (lexical(from_dir), lexical(to));
    let common = a.components().zip(b.components()).take_while(|(x, y)| x == y).count();
    let ups = a.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_string(); ups];
    parts.extend(b.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// Links between the imported documents follow them to their new names and folders
/// (`[x](On%20Call%20Policy.md#escalation)` becomes `[x](on-call-policy.md#escalation)`).
fn relink(plan: &mut Plan) {
    let moved: BTreeMap<PathBuf, PathBuf> = plan.docs.iter().map(|d| (lexical(&d.source), d.dest.clone())).collect();
    for d in &mut plan.docs {
        let src_dir = d.source.parent().unwrap_or(Path::new("")).to_path_buf();
        let dest_dir = d.dest.parent().unwrap_or(Path::new("")).to_path_buf();
        let (md, _) = crate::markdown::parse(&d.text, d.front_matter.len().min(d.text.len()));
        // Code is never rewritten: a path in a shell snippet is not a link.
        let code: Vec<std::ops::Range<usize>> =
            md.code_blocks.iter().map(|c| c.span.clone()).chain(md.code_spans.iter().cloned()).collect();
        let mut rewrites: Vec<(String, String)> = Vec::new();
        for l in &md.links {
            let dest = l.dest.trim();
            let scheme = dest
                .split_once(':')
                .is_some_and(|(s, _)| s.len() > 1 && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)));
            if dest.is_empty() || scheme || dest.starts_with(['#', '/']) {
                continue;
            }
            let cut = dest.find(['#', '?']).unwrap_or(dest.len());
            let (path, rest) = dest.split_at(cut);
            let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy().to_string();
            let Some(target) = moved.get(&lexical(&src_dir.join(&decoded))) else { continue };
            let new = format!("{}{rest}", relative(&dest_dir, target));
            if new != dest && !rewrites.iter().any(|(o, _)| o == dest) {
                rewrites.push((dest.to_string(), new));
            }
        }
        for (old, new) in rewrites {
            d.text = replace_link_dest(&d.text, &old, &new, &code);
        }
    }
}

/// Replace the destination `old` of Markdown links (`](old)`, `](old "title")`, `](<old>)`),
/// reference definitions (`[x]: old`) and raw HTML attributes (`href="old"`) in `text`,
/// outside the `code` ranges.
fn replace_link_dest(text: &str, old: &str, new: &str, code: &[std::ops::Range<usize>]) -> String {
    let forms: [(&str, &[&str]); 6] = [
        ("](", &[")", " ", "\t"]),
        ("](<", &[">"]),
        ("]: ", &["\n", "\r", " ", "\t"]),
        ("]: <", &[">"]),
        ("=\"", &["\""]),
        ("='", &["'"]),
    ];
    // Every match, by position in the original text (the forms never overlap).
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (open, closers) in forms {
        let needle = format!("{open}{old}");
        let mut from = 0;
        while let Some(i) = text[from..].find(&needle).map(|i| i + from) {
            let end = i + needle.len();
            let closed = closers.iter().any(|c| text[end..].starts_with(c)) || (end == text.len() && open == "]: ");
            if closed && !code.iter().any(|r| r.contains(&i)) {
                hits.push((i + open.len(), end));
            }
            from = end;
        }
    }
    hits.sort();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in hits {
        out.push_str(&text[last..start]);
        out.push_str(new);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// Whether a postmortem body has every required incident section, each with some content.
/// A name without the id Notion appends to exported pages and folders
/// (`Checkout 500s 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d` → `Checkout 500s`).
fn without_notion_id(name: &str) -> &str {
    match name.rsplit_once(' ') {
        Some((rest, id))
            if id.len() == 32
                && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                && id.bytes().any(|b| b.is_ascii_digit())
                && !rest.trim().is_empty() =>
        {
            rest.trim_end()
        }
        _ => name,
    }
}

fn is_written_up(body: &str, md: &crate::markdown::Markdown, config: &Config) -> bool {
    let secs = crate::model::sections::sections(&md.headings, body.len());
    config.sections.incident.iter().all(|spec| {
        crate::model::sections::find(&secs, spec.keys()).is_some_and(|s| !body[s.body.clone()].trim().is_empty())
    })
}

/// Write a plan. Without `force` nothing is written when any destination exists.
pub fn write(plan: &Plan, force: bool, tick: &dyn Fn()) -> Result<(), Error> {
    let conflicts = plan.conflicts();
    if !force && !conflicts.is_empty() {
        let list: Vec<String> = conflicts.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::Usage(format!(
            "refusing to overwrite existing files (nothing was written; --force replaces them):\n  {}",
            list.join("\n  ")
        )));
    }
    let put = |path: &Path, bytes: &[u8]| -> Result<(), Error> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io { path: parent.into(), source: e })?;
        }
        std::fs::write(path, bytes).map_err(|e| Error::Io { path: path.into(), source: e })
    };
    for d in &plan.docs {
        tick();
        put(&d.dest, d.text.as_bytes())?;
    }
    for a in &plan.assets {
        let bytes = std::fs::read(&a.source).map_err(|e| Error::Io { path: a.source.clone(), source: e })?;
        put(&a.dest, &bytes)?;
    }
    Ok(())
}
