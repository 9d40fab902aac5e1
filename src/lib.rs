//! sitrep: checks incident runbooks and postmortems written as Markdown with YAML front-matter,
//! and publishes them. Pipeline: load → model → check → report (see ARCHITECTURE.md).

pub mod baseline;
pub mod changed;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod error;
pub mod load;
pub mod markdown;
pub mod model;
pub mod mojibake;
pub mod render;
pub mod report;
pub mod serve;
pub mod session;
pub mod text;
pub mod timefmt;
pub mod write;

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
            let session = session::Session::open(&args.site, &cli.common)?;
            let code = cmd::build::run(&session, args);
            std::mem::forget(session);
            code
        }
        Command::Serve(args) => cmd::serve::run(args, &cli.common),
        Command::Rules(args) => {
            print!("{}", cmd::rules::run(args.rule.as_deref(), args.markdown)?);
            Ok(0)
        }
    }
}
