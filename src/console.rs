//! Messages for the person at the terminal, written so that a closed standard output or
//! error never ends the run with a panic (`citelint registry check bad.yml 2>&1 | head`):
//! `eprintln!` and `println!` panic when the stream is gone, these do not.

use std::fmt;
use std::io::Write;

/// Writes a line to standard error; a closed or failing stream is ignored.
pub fn eprintln(args: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{args}");
}

/// Writes to standard error without a line break; a closed or failing stream is ignored.
pub fn eprint(args: fmt::Arguments<'_>) {
    let _ = write!(std::io::stderr().lock(), "{args}");
}

/// Writes a line to standard output; a closed or failing stream is ignored.
pub fn println(args: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stdout().lock(), "{args}");
}
