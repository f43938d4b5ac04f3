//! `limits:` in `.citelint.yml`: how much one file may cost. A pull request chooses the
//! files a CI job checks, so no single file may stall the job or exhaust its memory.
//!
//! ```yaml
//! limits:
//!   max_file_mb: 20          # articles, registry files and the configuration
//!   file_time_budget: 10s    # one article's check; over it: CF003, and the run goes on
//! ```

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::setup::{ErrorAt, SetupProblems};

/// The default time one article's check may take.
pub const DEFAULT_FILE_TIME_BUDGET: Duration = Duration::from_secs(10);

/// `limits:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub max_file_mb: Option<Spanned<u64>>,
    pub file_time_budget: Option<Spanned<String>>,
}

/// `limits:` resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes read from one article, registry file or configuration.
    pub max_file_bytes: u64,
    /// The most time one article's check may take.
    pub file_time_budget: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: crate::read::DEFAULT_MAX_BYTES,
            file_time_budget: DEFAULT_FILE_TIME_BUDGET,
        }
    }
}

impl LimitsConfig {
    /// The limits over the defaults, each value checked.
    /// An invalid value is kept in `problems` and its default stands.
    pub(crate) fn resolve(&self, error_at: &ErrorAt<'_>, problems: &mut SetupProblems) -> Limits {
        let mut limits = Limits::default();
        if let Some(mb) = &self.max_file_mb {
            if mb.value == 0 {
                problems.push(error_at(
                    "`limits.max_file_mb` must be at least 1".into(),
                    &mb.referenced,
                    "zero",
                    None,
                ));
            } else {
                limits.max_file_bytes = mb.value.saturating_mul(1024 * 1024);
            }
        }
        if let Some(budget) = &self.file_time_budget {
            let parsed = humantime::parse_duration(budget.value.trim()).map_err(|e| {
                error_at(
                    format!("`limits.file_time_budget` is not a duration: {e}"),
                    &budget.referenced,
                    "not a duration",
                    Some("write it as `10s`, `500ms` or `2m`".into()),
                )
            });
            if let Some(budget) = problems.keep(parsed) {
                limits.file_time_budget = budget;
            }
        }
        limits
    }
}

/// When a file's check must stop. Checked between the stages of a check and inside the
/// loops over quotations, so a check stops soon after its budget runs out instead of
/// finishing work nobody will wait for.
#[derive(Clone, Copy, Debug)]
pub struct Deadline {
    started: Instant,
    budget: Duration,
}

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Deadline {
        Deadline {
            started: Instant::now(),
            budget,
        }
    }

    /// A deadline that never passes.
    pub fn never() -> Deadline {
        Deadline::after(Duration::MAX)
    }

    pub fn passed(&self) -> bool {
        self.started.elapsed() > self.budget
    }

    /// `Some(())` while there is time left, for `?` in a check.
    pub fn not_passed(&self) -> Option<()> {
        (!self.passed()).then_some(())
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn budget(&self) -> Duration {
        self.budget
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_passes_after_its_budget() {
        assert!(!Deadline::never().passed());
        let zero = Deadline::after(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(zero.passed());
        assert!(zero.elapsed() >= Duration::from_millis(2));
    }
}
