//! The document model: one `Doc` per Markdown file, parsed once, and the `Site` of all of them.

pub mod actions;
pub mod meta;
pub mod placeholders;
pub mod secrets;
pub mod sections;
mod site;
pub mod timeline;

pub use site::{LinkTarget, Site};

use crate::config::Config;
use crate::load::frontmatter::{self, KeyPos, Split};
use crate::load::{SourceFile, Unreadable};
use crate::markdown::{self, Markdown};
use crate::text::LineIndex;
use meta::{Meta, MetaIssue};
use placeholders::{Patterns, Placeholder, Unreachable};
use sections::Section;
use serde_yaml_ng::{Mapping, Value};
use std::ops::Range;
use std::path::PathBuf;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An operational runbook.
    Runbook,
    /// An incident and its postmortem.
    Incident,
    /// A free-form page.
    Page,
    /// A template under `content/_templates/` (checked for syntax only).
    Template,
}

impl Kind {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Runbook => "runbook",
            Kind::Incident => "incident",
            Kind::Page => "page",
            Kind::Template => "template",
        }
    }

    /// The kind a front-matter `kind:` value names (any case; `postmortem` is an incident).
    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name.trim().to_lowercase().as_str() {
            "runbook" => Kind::Runbook,
            "incident" | "postmortem" => Kind::Incident,
            "page" => Kind::Page,
            "template" => Kind::Template,
            _ => return None,
        })
    }
}

/// A YAML error inside the front-matter, positioned in the document.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// Where.
    pub span: Range<usize>,
    /// What the YAML parser said (or our own words).
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// The state of a document's front-matter.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The opening `---` line, if any.
    pub open: Option<Range<usize>>,
    /// Each top-level key and the span of its inline value, in order: what checks and fixes
    /// point at. (The full [`KeyPos`] scan is only needed while the model is read; a large site
    /// holds this for every document, so it is kept small.)
    values: Vec<KeyValue>,
    /// A syntax problem, if any.
    pub error: Option<YamlError>,
}

/// A top-level front-matter key and the byte span of its inline value.
#[derive(Debug, Clone)]
struct KeyValue {
    name: Box<str>,
    start: u32,
    end: u32,
}

impl FrontMatter {
    /// The span of the inline value of the first key called `name`.
    pub fn value_span(&self, name: &str) -> Option<Range<usize>> {
        self.values.iter().find(|k| &*k.name == name).map(|k| k.start as usize..k.end as usize)
    }

    /// Every key with the span of its inline value, in order.
    pub fn values(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.values.iter().map(|k| (&*k.name, k.start as usize..k.end as usize))
    }

    fn set_values(&mut self, keys: &[KeyPos]) {
        // Offsets beyond 4 GiB cannot occur (LineIndex holds u32 line starts too).
        let off = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.values = keys
            .iter()
            .map(|k| KeyValue { name: k.name.as_str().into(), start: off(k.value.start), end: off(k.value.end) })
            .collect();
    }
}

/// One parsed Markdown document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Absolute path.
    pub abs: PathBuf,
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    /// Normalised text (LF, no BOM). Empty once [`Site::release_texts`] ran: see [`Doc::source`].
    pub text: String,
    /// Set by [`Site::release_texts`]: the length and hash of the released text, which
    /// [`Doc::source`] re-reads from disk and compares.
    pub released: Option<(usize, u64)>,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// Set when the file could not be read as UTF-8.
    pub unreadable: Option<Unreadable>,
    /// Kind (front-matter `kind:` wins over the folder).
    pub kind: Kind,
    /// Front-matter positions and errors.
    pub fm: FrontMatter,
    /// Typed metadata.
    pub meta: Meta,
    /// Front-matter schema problems.
    pub meta_issues: Vec<MetaIssue>,
    /// Where the Markdown body starts.
    pub body_start: usize,
    /// The one Markdown pass.
    pub md: Markdown,
    /// Sections derived from headings.
    pub sections: Vec<Section>,
    /// Placeholders found in prose and front-matter.
    pub placeholders: Vec<Placeholder>,
    /// Contacts sections with no reachable contact.
    pub unreachable: Vec<Unreachable>,
    /// Credentials found in the text (front-matter and code included).
    pub secrets: Vec<secrets::Secret>,
    /// Double-decoded UTF-8 runs in the text.
    pub mojibake: Vec<crate::mojibake::Mojibake>,
    /// Incident timeline rows, in document order.
    pub timeline: Vec<timeline::TimelineRow>,
    /// Incident action items, in document order.
    pub actions: Vec<actions::ActionItem>,
}

impl Doc {
    /// Give back the spare capacity of every list: the model of every document is held for the
    /// whole run, and growth by doubling leaves a quarter of it unused on average.
    fn shrink(&mut self) {
        self.lines.shrink();
        self.meta_issues.shrink_to_fit();
        self.md.shrink();
        self.sections.shrink_to_fit();
        self.placeholders.shrink_to_fit();
        self.unreachable.shrink_to_fit();
        self.secrets.shrink_to_fit();
        self.mojibake.shrink_to_fit();
        self.timeline.shrink_to_fit();
        self.actions.shrink_to_fit();
    }

    /// The document's text: held in memory, or (after [`Site::release_texts`]) read again from
    /// disk. A file that changed since it was checked is an error, so a page never shows text
    /// the checks did not see.
    pub fn source(&self) -> Result<std::borrow::Cow<'_, str>, crate::error::Error> {
        let Some((len, hash)) = self.released else {
            return Ok(std::borrow::Cow::Borrowed(&self.text));
        };
        let again = crate::load::read_source(self.abs.clone(), self.rel.clone());
        if again.text.len() != len || text_hash(&again.text) != hash {
            let why = again.unreadable.map_or_else(|| "changed".to_string(), |u| u.message);
            return Err(crate::error::Error::Other(format!(
                "{}: {why} while the site was being built; build again",
                self.abs.display()
            )));
        }
        Ok(std::borrow::Cow::Owned(again.text))
    }

    /// File name without `.md` (the runbook slug incidents name).
    pub fn stem(&self) -> &str {
        let name = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        name.strip_suffix(".md").unwrap_or(name)
    }

    /// The span to point at for something absent from the body: the first heading, else line 1.
    pub fn first_heading_span(&self) -> Range<usize> {
        self.md.headings.first().map_or(self.body_start..self.body_start, |h| h.span.clone())
    }

    /// The span of the opening `---`, or the start of the file.
    pub fn fm_span(&self) -> Range<usize> {
        self.fm.open.clone().unwrap_or(0..0)
    }

    /// Title from front-matter, else the first H1, else the file stem.
    pub fn title(&self) -> String {
        self.meta
            .title
            .clone()
            .or_else(|| self.md.headings.iter().find(|h| h.level == 1).map(|h| h.text.clone()))
            .unwrap_or_else(|| self.stem().to_string())
    }
}

/// The fingerprint [`Doc::source`] compares a re-read text with.
pub(crate) fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    // Fixed seed: the hash is compared within one process only.
    foldhash::fast::FixedState::with_seed(0x0051_7372_6570).hash_one(text.as_bytes())
}

/// Kind decided by folder: `_templates/` → template; configured folders (sub-folders inherit).
pub fn kind_from_path(rel: &str, config: &Config) -> Kind {
    let first = rel.split('/').next().unwrap_or("");
    if !rel.contains('/') {
        return Kind::Page;
    }
    if first == "_templates" {
        Kind::Template
    } else if config.kinds.runbook.iter().any(|f| f == first) {
        Kind::Runbook
    } else if config.kinds.incident.iter().any(|f| f == first) {
        Kind::Incident
    } else {
        Kind::Page
    }
}

/// Parse one source file into a `Doc`. Never fails: every problem is recorded for a rule.
pub fn build_doc(src: SourceFile, config: &Config, patterns: &Patterns) -> Doc {
    let lines = LineIndex::new(&src.text);
    let folder_kind = kind_from_path(&src.rel, config);
    let mut doc = Doc {
        abs: src.abs,
        rel: src.rel,
        text: src.text,
        released: None,
        lines,
        unreadable: src.unreadable,
        kind: folder_kind,
        fm: FrontMatter::default(),
        meta: Meta::default(),
        meta_issues: Vec::new(),
        body_start: 0,
        md: Markdown::default(),
        sections: Vec::new(),
        placeholders: Vec::new(),
        unreachable: Vec::new(),
        secrets: Vec::new(),
        mojibake: Vec::new(),
        timeline: Vec::new(),
        actions: Vec::new(),
    };
    if doc.unreadable.is_some() {
        return doc;
    }
    let mut map = Mapping::new();
    let mut keys: Vec<KeyPos> = Vec::new();
    match frontmatter::split(&doc.text) {
        Split::None => {}
        Split::Unclosed { open } => {
            doc.fm.error = Some(YamlError {
                span: open.clone(),
                message: "front-matter opened here is never closed".into(),
                help: "add a line containing only `---` after the last front-matter key".into(),
            });
            doc.fm.open = Some(open);
        }
        Split::Block { open, yaml, body_start } => {
            doc.body_start = body_start;
            keys = frontmatter::scan_keys(&doc.text, yaml.clone());
            match parse_yaml(&doc.text[yaml.clone()]) {
                Ok(m) => map = m,
                Err((offset, message, help)) => {
                    let mut at = (yaml.start + offset).min(yaml.end.max(yaml.start));
                    // Point a duplicate key at its second occurrence, not at the mapping.
                    if let Some(dup) = message.split('"').nth(1).filter(|_| message.contains("duplicate")) {
                        if let Some(k) = keys.iter().filter(|k| k.name == dup).nth(1) {
                            at = k.key.start;
                        }
                    }
                    let line_end = doc.text[at..].find('\n').map_or(doc.text.len(), |i| at + i);
                    doc.fm.error = Some(YamlError { span: at..line_end.max(at), message, help });
                }
            }
            doc.fm.open = Some(open);
        }
    }
    if let Some(k) = map.get("kind").and_then(meta::scalar) {
        doc.kind = Kind::from_name(&k).unwrap_or(folder_kind);
    }
    if doc.fm.error.is_none() && doc.fm.open.is_some() && doc.kind != Kind::Template {
        let src = meta::MetaSource { text: &doc.text, map: &map, keys: &keys, open: doc.fm_span() };
        let (m, issues) = meta::read(doc.kind, &src, config);
        doc.meta = m;
        doc.meta_issues = issues;
    }
    let (md, blocks) = markdown::parse(&doc.text, doc.body_start);
    doc.md = md;
    doc.sections = sections::sections(&doc.md.headings, doc.text.len());
    if doc.kind != Kind::Template {
        let (p, u) = placeholders::scan(&doc.text, doc.body_start, &keys, &doc.md, &doc.sections, patterns);
        doc.placeholders = p;
        doc.unreachable = u;
    }
    if doc.kind == Kind::Incident {
        read_incident_body(&mut doc, &blocks, config);
    }
    if doc.kind != Kind::Template {
        doc.secrets = secrets::scan(&doc.text);
        doc.mojibake = crate::mojibake::find(&doc.text);
    }
    doc.fm.set_values(&keys);
    doc.shrink();
    doc
}

/// Heading keys (canonical and aliases) of the configured incident section whose key is `key`.
pub(crate) fn section_keys<'c>(config: &'c Config, key: &str) -> std::borrow::Cow<'c, [String]> {
    match config.sections.incident.iter().find(|s| s.keys().first().is_some_and(|k| k == key)) {
        Some(s) => std::borrow::Cow::Borrowed(s.keys()),
        None => std::borrow::Cow::Owned(vec![key.to_string()]),
    }
}

fn read_incident_body(doc: &mut Doc, blocks: &markdown::Blocks, config: &Config) {
    if let Some(s) = timeline::find_section(&doc.sections, &section_keys(config, "timeline")) {
        doc.timeline = timeline::read(&doc.text, &doc.md, blocks, s, doc.meta.started, &config.timezone);
    }
    if let Some(s) = actions::find_section(&doc.sections, &section_keys(config, "action items")) {
        doc.actions = actions::read(&doc.text, blocks, s);
    }
}

/// Parse front-matter YAML into a mapping; errors carry a byte offset into the YAML text.
fn parse_yaml(yaml: &str) -> Result<Mapping, (usize, String, String)> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_yaml_ng::from_str::<Value>(yaml) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(other) => Err((
            0,
            format!(
                "front-matter must be a mapping of `key: value` lines, found {}",
                match other {
                    Value::Sequence(_) => "a list",
                    _ => "a single value",
                }
            ),
            "write one `key: value` per line between the `---` fences".into(),
        )),
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let help = if msg.contains("duplicate") {
                "remove one of the two keys".to_string()
            } else if msg.contains("recursion") || msg.contains("repetition") || msg.contains("alias") {
                "front-matter must not expand aliases this much; write the values out".to_string()
            } else {
                "fix the YAML syntax; quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `@`".to_string()
            };
            Err((offset, msg, help))
        }
    }
}
