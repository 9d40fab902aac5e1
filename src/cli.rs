//! Command-line arguments (clap derive). Converted once into plain options; nothing below
//! `cmd/` sees clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  no error-level finding (warnings and infos allowed)
  1  error-level findings, or any warning with --deny-warnings
  2  sitrep could not do its job (bad config, missing site dir, bad arguments)";

const FIX_EXIT_CODES: &str = "\
Exit codes:
  0  nothing to repair, or the repairs were written (--write)
  1  repairs are pending (shown as a diff; run again with --write)
  2  sitrep could not do its job (bad config, missing site dir, bad arguments)";

/// Checks incident runbooks and postmortems and publishes them as a static site.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    /// Options every subcommand accepts.
    #[command(flatten)]
    pub common: Common,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by all subcommands.
#[derive(Debug, Args, Clone, Default)]
pub struct Common {
    /// Configuration file (default: SITE_DIR/sitrep.yaml, optional).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Pin "today" (YYYY-MM-DD); wins over SOURCE_DATE_EPOCH.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Print only findings and errors (no summary).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every document under SITE_DIR/content and report findings.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Check, then build the static site (atomically: a failed build keeps the old output).
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Preview the site with live reload; rebuilds on every change and survives every mistake.
    Serve(ServeArgs),
    /// Print the rule catalogue, or one rule's documentation.
    Rules(RulesArgs),
    /// Create a new site: sitrep.yaml, content folders, examples, a CI workflow.
    #[command(after_help = EXIT_CODES)]
    Init(InitArgs),
    /// Create a new incident or runbook from the site's template and print its path.
    #[command(subcommand)]
    New(NewCommand),
    /// Bring plain Markdown runbooks and postmortems into the site, with front-matter.
    #[command(after_help = EXIT_CODES)]
    Import(ImportArgs),
    /// Safe mechanical repairs, shown as a diff (exit 1 if any) unless --write.
    #[command(after_help = FIX_EXIT_CODES)]
    Fix(FixArgs),
    /// Print the JSON Schema of runbook or incident front-matter, or of sitrep.yaml.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one per subcommand into a directory.
    Man(ManArgs),
}

/// `sitrep init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory of the new site (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// `sitrep new`.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new incident (postmortem) with the next free id.
    Incident(NewIncidentArgs),
    /// A new runbook.
    Runbook(NewRunbookArgs),
}

/// `sitrep new incident`.
#[derive(Debug, Args)]
pub struct NewIncidentArgs {
    /// Title of the incident.
    pub title: String,
    /// Severity (a level of the site's scheme, e.g. SEV2).
    #[arg(long)]
    pub severity: Option<String>,
    /// Affected service (repeatable).
    #[arg(long = "service", value_name = "SERVICE")]
    pub services: Vec<String>,
    /// When it started, e.g. 2026-03-01T14:05:00Z or "2026-03-01 14:05" (default: now).
    #[arg(long, value_name = "TIME")]
    pub started: Option<String>,
    /// Site directory.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub site: PathBuf,
}

/// `sitrep new runbook`.
#[derive(Debug, Args)]
pub struct NewRunbookArgs {
    /// Title of the runbook.
    pub title: String,
    /// Service it covers (repeatable).
    #[arg(long = "service", value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Owning team or person.
    #[arg(long)]
    pub owner: Option<String>,
    /// Site directory.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub site: PathBuf,
}

/// Document kinds `import` can be told to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// Runbooks.
    Runbook,
    /// Incidents (postmortems).
    Incident,
}

/// `sitrep import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files (any extension) or folders (walked for *.md, *.markdown and *.mdx) to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Target content directory; kind folders (runbooks/, incidents/) are added below it.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub into: PathBuf,
    /// Treat every document as this kind instead of inferring it.
    #[arg(long, value_enum)]
    pub kind: Option<ImportKind>,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace files that exist already.
    #[arg(long)]
    pub force: bool,
}

/// `sitrep fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Site directory (holding sitrep.yaml and content/).
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Write the repairs instead of printing a diff.
    #[arg(long)]
    pub write: bool,
}

/// What `sitrep schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaTarget {
    /// Runbook front-matter.
    Runbook,
    /// Incident front-matter.
    Incident,
    /// sitrep.yaml.
    Config,
}

/// `sitrep schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum)]
    pub target: SchemaTarget,
    /// Site directory whose sitrep.yaml `fields:` are added to front-matter schemas.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub site: PathBuf,
}

/// `sitrep completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `sitrep man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write sitrep.1 and one page per subcommand into DIR instead of printing sitrep.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `sitrep serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Site directory (holding sitrep.yaml and content/).
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback is reachable from other machines.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Poll the file system instead of native change events (network file systems, containers).
    #[arg(long)]
    pub poll: bool,
    /// Publish runbooks with `status: draft` too.
    #[arg(long)]
    pub drafts: bool,
}

/// `sitrep build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Site directory (holding sitrep.yaml and content/).
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Output directory, relative to the current directory (default: SITE_DIR/public).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Public URL of the site, possibly with a path (overrides base_url in sitrep.yaml).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Build even with error-level findings (never with a leaked secret).
    #[arg(long)]
    pub allow_errors: bool,
    /// Publish runbooks with `status: draft` too.
    #[arg(long)]
    pub drafts: bool,
}

/// `sitrep check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Site directory (holding sitrep.yaml and content/).
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Output format on stdout: human, short, json, sarif, github, junit.
    #[arg(long, default_value = "human", value_name = "FORMAT")]
    pub format: String,
    /// Also write FORMAT to FILE (repeatable), e.g. `--output sarif=sitrep.sarif`.
    #[arg(long, value_name = "FORMAT=FILE")]
    pub output: Vec<String>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report findings in these files only (the whole site is still loaded).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub only: Vec<PathBuf>,
    /// Report findings in files changed since GIT_REV, and links anywhere to changed or deleted files.
    #[arg(long, value_name = "GIT_REV")]
    pub changed_since: Option<String>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE (and exit 0).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// `sitrep rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Show the documentation of this rule.
    pub rule: Option<String>,
    /// Print the catalogue as a Markdown table (as in the README).
    #[arg(long)]
    pub markdown: bool,
}
