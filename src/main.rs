//! The `sitrep` binary: everything happens in `sitrep::run_from_args`, on a thread with a large
//! stack so that hostile nesting cannot overflow it.

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("sitrep".into())
        .stack_size(256 << 20)
        .spawn(|| sitrep::run_from_args(std::env::args_os()))
        .expect("spawning the main thread");
    ExitCode::from(worker.join().unwrap_or(2))
}
