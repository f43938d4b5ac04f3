//! `citelint init`: a starting configuration and a workflow, never overwriting without
//! `--force`. The templates are in [`crate::init`].

use super::args::InitArgs;
use super::{Outcome, Status};
use crate::config::SetupError;

pub fn run(args: InitArgs) -> Result<Outcome, SetupError> {
    let files = [
        (
            args.dir.join(".citelint.yml"),
            crate::init::CONFIG.to_string(),
        ),
        (
            args.dir.join(".github/workflows/citelint.yml"),
            crate::init::workflow(&args.action, &crate::init::default_branch(&args.dir)),
        ),
    ];
    if !args.force {
        if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
            return Err(SetupError::Usage(
                format!("{} already exists", path.display()),
                Some("pass --force to overwrite it".into()),
            ));
        }
    }
    let mut outcome = Outcome::new(Status::Passed);
    for (path, content) in &files {
        let io = |source| SetupError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, content).map_err(io)?;
        outcome
            .stdout
            .push_str(&format!("wrote {}\n", path.display()));
    }
    outcome
        .stdout
        .push_str(&format!("{}\n", crate::init::action_note(&args.action)));
    Ok(outcome)
}
