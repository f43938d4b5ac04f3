//! Getting the text of a source: local copies now (`file` in the registry); fetching URLs
//! comes with `--online`.

pub mod extract;
