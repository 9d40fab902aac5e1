//! `sitrep completions <shell>`: a completion script generated from the clap definition.

use crate::cli::{Cli, CompletionsArgs};
use clap::CommandFactory;

/// The completion script.
pub fn run(args: &CompletionsArgs) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "sitrep", &mut out);
    out
}
