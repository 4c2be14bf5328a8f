//! The `bordermap` command: parse flags, build options, call the library, print errors.
#![allow(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
//! Exit codes: 0 success, 1 a `check` expectation failed, 2 bad input or I/O error.

mod atlas;
mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // The command runs on a thread of rayon's pool (with the main thread's usual 8 MiB
    // stack), so the library's parallel steps share the work with it instead of waiting
    // for the pool to wake up and finish them.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    match rayon::scope(|_| cli::run()) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (e.g. `| head`) is not an error.
            if e.message.contains("broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!("bordermap: error: {e}");
            ExitCode::from(2)
        }
    }
}
