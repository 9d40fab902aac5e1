//! `sitrep man [--dir DIR]`: man pages generated from the clap definition.

use crate::cli::{Cli, ManArgs};
use crate::error::Error;
use clap::CommandFactory;

/// Print sitrep.1, or write sitrep.1 and sitrep-SUBCOMMAND.1 into `--dir`.
pub fn run(args: &ManArgs) -> Result<Vec<u8>, Error> {
    let cmd = Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io { path: dir.clone(), source: e })?;
            clap_mangen::generate_to(cmd, dir).map_err(|e| Error::Io { path: dir.clone(), source: e })?;
            Ok(Vec::new())
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::Io { path: "<stdout>".into(), source: e })?;
            Ok(out)
        }
    }
}
