//! `sitrep serve`: the live preview (see `serve`).

use crate::cli::{Common, ServeArgs};
use crate::error::Error;

/// Run the preview server until interrupted.
pub fn run(args: &ServeArgs, common: &Common) -> Result<u8, Error> {
    crate::serve::run(args, common)
}
