//! `citelint registry check`: the registry's problems, on their own.

use super::args::RegistryCheckArgs;
use super::{Outcome, Status};
use crate::config::SetupError;
use crate::registry::EntryKind;

pub fn run(args: RegistryCheckArgs, stdout_is_terminal: bool) -> Result<Outcome, SetupError> {
    let mut settings = super::settings_from(args.config.as_ref(), false)?;
    if !args.files.is_empty() {
        settings.registry_paths = args.files.clone();
    }
    if settings.registry_paths.is_empty() {
        return Err(SetupError::Usage(
            "no registry to check".into(),
            Some("name registry files, or list them under `registry:` in .citelint.yml".into()),
        ));
    }
    let options = super::render_options(args.color, false, stdout_is_terminal);
    let mut warnings = Vec::new();
    if let Some(problems) = super::load_registry_as(
        &mut settings,
        args.format,
        &options,
        &mut warnings,
        args.format,
    )? {
        let mut stopped = super::registry_stopped();
        stopped.stdout = problems;
        return Ok(stopped);
    }
    let r = &settings.registry;
    let mut outcome = Outcome::new(Status::Passed);
    outcome.stdout = warnings.concat();
    outcome.stderr.push(format!(
        "registry ok: {} entries ({} people, {} organizations, {} sources), {} anonymous descriptions\n",
        r.entries.len(),
        r.entries.iter().filter(|e| e.kind == EntryKind::Person).count(),
        r.entries.iter().filter(|e| e.kind == EntryKind::Organization).count(),
        r.entries.iter().filter(|e| e.kind == EntryKind::Source).count(),
        r.anonymous.len()
    ));
    Ok(outcome)
}
