//! `sitrep init [DIR]`: write a new site and say what to do next.

use crate::cli::{Common, InitArgs};
use crate::config::Config;
use crate::error::Error;

/// Run `init`; returns the exit code.
pub fn run(args: &InitArgs, common: &Common) -> Result<u8, Error> {
    let today = crate::session::today(common.today.as_deref(), &Config::default())?;
    let written = crate::scaffold::init(&args.dir, today)?;
    for p in &written {
        println!("{}", p.display());
    }
    if !common.quiet {
        let dir = args.dir.display();
        eprintln!(
            "sitrep: new site in {dir}. Next:\n  sitrep new incident \"Title\" --severity SEV2 --site {dir}\n  sitrep check {dir} --deny-warnings\n  sitrep build {dir}"
        );
    }
    Ok(0)
}
