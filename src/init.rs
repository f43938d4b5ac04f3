//! What `citelint init` writes: a starting `.citelint.yml` and a GitHub workflow.

/// Every key with its default, commented, so a newsroom can see what there is to set.
pub const CONFIG: &str = r#"# citelint configuration. Every key is optional; these are the defaults.
# Documentation: `citelint rules`, `citelint explain CODE`, and the README.

# Which files a directory walk takes (globs on the file name or the path from here),
# and which it leaves out. .gitignore is honoured as well.
include: ["*.md", "*.markdown", "*.mdx"]
exclude: []

# Which quotation marks open and close: en, fr or de.
language: en

# The house style for quotation marks: curly or straight. Unset, it is not checked.
# style:
#   quotes: curly

# Per rule: off, info, warning or error (by code or name).
# rules:
#   CQ004: error
#   entity-encoded-quote: off

# The source registry: YAML files or directories of them (see the README).
# registry: [sources/]

# Front-matter strings that are published prose and are checked like the body.
# front_matter:
#   prose_keys: [title, subtitle, summary, description, dek, excerpt, lede, caption]
"#;

/// A workflow that checks the lines a pull request changes, with annotations and a summary.
pub fn workflow(action: &str) -> String {
    format!(
        r#"name: citelint

on:
  pull_request:
    paths: ["**/*.md", "**/*.markdown", "**/*.mdx", ".citelint.yml"]

permissions:
  contents: read

jobs:
  citelint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # Annotates the lines the pull request changed and writes a job summary.
      - uses: {action}
        with:
          paths: .
          fail-on: error
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_it_writes_is_valid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".citelint.yml");
        std::fs::write(&path, CONFIG).unwrap();
        crate::config::load(Some(&path), dir.path()).unwrap();
    }
}
