//! The `bordermap` command: parse flags, build options, call the library, print errors.
#![allow(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "the binary is where output is printed"
)]
//! Exit codes: 0 success, 1 a `check` expectation failed, 2 bad input or I/O error.

mod atlas;
mod budget;
mod cli;
mod hints;
mod resolution;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A map interrupted while it is written leaves no temporary file behind.
    if let Err(e) = bordermap::output::remove_temporaries_on_signals() {
        eprintln!("bordermap: warning: {e}");
    }
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            let e = hints::for_cli(e);
            // A closed pipe (e.g. `| head`) is not an error.
            if e.message.contains("broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!("bordermap: error: {e}");
            ExitCode::from(2)
        }
    }
}
