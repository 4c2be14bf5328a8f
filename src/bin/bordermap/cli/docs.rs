//! `bordermap man`: the man page of the command or of one subcommand.

use std::process::ExitCode;

use bordermap::{Error, Result, output};
use clap::CommandFactory;

use super::{Cli, print_stdout};

/// Writes the man page of `command` (all of `bordermap` when `None`) to stdout.
pub(super) fn man(command: Option<&str>) -> Result<ExitCode> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            // The page's title gives the version, as bordermap(1)'s does.
            Some(sub) => sub.clone().version(env!("CARGO_PKG_VERSION")),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                return Err(Error::input(format!("no command '{name}'"))
                    .hint(format!("give one of: {}", names.join(", "))));
            }
        },
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(output::io_err(std::path::Path::new("<stdout>")))?;
    print_stdout(&roff)
}
