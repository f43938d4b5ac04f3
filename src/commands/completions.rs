//! `citelint completions SHELL`: shell completion scripts, written by clap_complete from
//! the same argument definitions the binary parses.

/// The completion script clap writes for the command line.
pub fn script(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut super::args::Cli::command(),
        "citelint",
        &mut script,
    );
    String::from_utf8_lossy(&script).into_owned()
}
