//! sitrep: checks incident runbooks and postmortems written as Markdown with YAML front-matter,
//! and publishes them. Pipeline: load → model → check → report (see ARCHITECTURE.md).

#[cfg(not(any(feature = "onig", feature = "pure-rust")))]
compile_error!("sitrep needs a regex engine for code highlighting: the `onig` feature (default) or `pure-rust`");

pub mod authoring;
pub mod baseline;
pub mod changed;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod error;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod mojibake;
pub mod progress;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod session;
pub mod text;
pub mod timefmt;
pub mod timings;
pub mod write;
pub mod yaml_out;

use clap::Parser;
use cli::{Cli, Command};
use error::Error;

/// Parse arguments, run the subcommand, and return the process exit code (0, 1 or 2).
pub fn run_from_args<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    // Parsing deeply nested input must never overflow a worker's stack.
    timings::start();
    let _ = rayon::ThreadPoolBuilder::new().stack_size(256 << 20).build_global();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn run(cli: &Cli) -> Result<u8, Error> {
    match &cli.command {
        Command::Check(args) => {
            let session = session::Session::open(&args.site, &cli.common)?;
            let code = cmd::check::run(&session, args);
            // The process ends next: let the OS reclaim the model instead of freeing it piece by piece.
            std::mem::forget(session);
            code
        }
        Command::Build(args) => {
            let mut session = session::Session::open(&args.site, &cli.common)?;
            let code = cmd::build::run(&mut session, args);
            std::mem::forget(session);
            code
        }
        Command::Serve(args) => cmd::serve::run(args, &cli.common),
        Command::Rules(args) => {
            print!("{}", cmd::rules::run(args.rule.as_deref(), args.markdown)?);
            Ok(0)
        }
        Command::Init(args) => cmd::init::run(args, &cli.common),
        Command::New(new) => cmd::new::run(new, &cli.common),
        Command::Import(args) => cmd::import::run(args, &cli.common),
        Command::Fix(args) => {
            let session = session::Session::open(&args.site, &cli.common)?;
            cmd::fix::run(&session, args)
        }
        Command::Schema(args) => {
            print!("{}", cmd::schema::run(args, &cli.common)?);
            Ok(0)
        }
        Command::Completions(args) => write_stdout(&cmd::completions::run(args)),
        Command::Man(args) => write_stdout(&cmd::man::run(args)?),
    }
}

/// Write bytes to stdout (a closed pipe is not an error); exit code 0.
fn write_stdout(bytes: &[u8]) -> Result<u8, Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Error::Io { path: "<stdout>".into(), source: e }),
    }
}
