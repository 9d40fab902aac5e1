//! `SITREP_TIMINGS=1`: phase timings on stderr for profiling (`timing: parse: 0.412s cpu
//! 0.70u+0.10s rss 180 MB peak 190 MB`: wall clock, process user and system CPU, memory). Off by default; never part of normal output.

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
    // utime and stime (fields 14 and 15 of /proc/self/stat, after the parenthesised name) in ticks.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let ticks: Vec<u64> = stat
        .rsplit(')')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    let cpu = |i: usize| ticks.get(i).map_or(0.0, |&t| t as f64 / 100.0);
    eprintln!(
        "timing: {what}: {:.3}s cpu {:.2}u+{:.2}s rss {} MB peak {} MB",
        START.elapsed().as_secs_f64(),
        cpu(0),
        cpu(1),
        mb("VmRSS:"),
        mb("VmHWM:")
    );
}

static KINDS: std::sync::Mutex<Vec<(String, f64, usize)>> = std::sync::Mutex::new(Vec::new());

/// Run `f` and add its thread time to the total of `what`'s kind (its `Debug` name up to the
/// first `(`: `Incident(3)` counts as `Incident`), printed by [`kinds`]; just `f` when off.
pub fn per_kind<T>(what: &impl std::fmt::Debug, f: impl FnOnce() -> T) -> T {
    if !*ENABLED {
        return f();
    }
    let t = Instant::now();
    let r = f();
    let secs = t.elapsed().as_secs_f64();
    let name = format!("{what:?}");
    let kind = name.split('(').next().unwrap_or_default();
    let mut k = KINDS.lock().expect("timings");
    match k.iter_mut().find(|(n, _, _)| n == kind) {
        Some(e) => {
            e.1 += secs;
            e.2 += 1;
        }
        None => k.push((kind.to_string(), secs, 1)),
    }
    r
}

/// Print the totals gathered by [`per_kind`], largest first.
pub fn kinds() {
    if !*ENABLED {
        return;
    }
    let mut k = std::mem::take(&mut *KINDS.lock().expect("timings"));
    k.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, secs, n) in k {
        eprintln!("timing:   {name}: {secs:.3}s thread time over {n}");
    }
}
