//! Errors that stop sitrep from doing its job at all (exit code 2). Findings are not errors.

use std::fmt;
use std::path::PathBuf;

/// A failure of the tool itself: bad configuration, missing site, bad arguments, I/O.
#[derive(Debug)]
pub enum Error {
    /// `sitrep.yaml` (or another configuration file) is invalid.
    Config {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// Arguments that cannot work together or point nowhere.
    Usage(String),
    /// A file or directory could not be read or written.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Anything else that prevents the run, already phrased for the user.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { path, line: Some(l), message } => write!(f, "{}:{l}: {message}", path.display()),
            Error::Config { path, line: None, message } => write!(f, "{}: {message}", path.display()),
            Error::Usage(m) | Error::Other(m) => f.write_str(m),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {}
