//! Progress bars for long-running work: drawn on a terminal only, never in CI or with `-q`.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar over `len` steps, hidden unless stderr is a terminal, `CI` is unset and the
/// run is not quiet.
pub fn bar(len: u64, what: &str, quiet: bool) -> ProgressBar {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if quiet || ci || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
        .expect("static template")
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(what.to_string());
    bar
}
