//! `SITREP_TIMINGS=1`: phase timings on stderr for profiling (`timing: parse: 0.412s rss 180 MB
//! peak 190 MB`). Off by default; never part of normal output.

use std::sync::LazyLock;
use std::time::Instant;

static ENABLED: LazyLock<bool> = LazyLock::new(|| std::env::var_os("SITREP_TIMINGS").is_some_and(|v| !v.is_empty()));
static START: LazyLock<Instant> = LazyLock::new(Instant::now);

/// Whether `SITREP_TIMINGS` is set (serve times its rebuilds by the same switch).
pub fn enabled() -> bool {
    *ENABLED
}

/// Start the clock (call early; the first `lap` otherwise starts it).
pub fn start() {
    if *ENABLED {
        LazyLock::force(&START);
    }
}

/// Print the time since `start` and the process's current and peak resident memory.
pub fn lap(what: &str) {
    if !*ENABLED {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(String::from("?"), |kb| format!("{}", kb / 1024))
    };
    eprintln!("timing: {what}: {:.3}s rss {} MB peak {} MB", START.elapsed().as_secs_f64(), mb("VmRSS:"), mb("VmHWM:"));
}
