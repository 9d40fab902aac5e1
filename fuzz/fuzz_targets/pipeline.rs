//! Fuzz the whole pipeline (load, parse, check, render) on one arbitrary document.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sitrep::fuzzing::fuzz(data);
});
