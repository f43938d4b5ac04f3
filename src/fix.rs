//! Applying `safe` fixes. Suggestions are never applied.

use crate::diagnostic::{Applicability, Edit, Finding};

/// Applies every safe edit that does not overlap an earlier one. Returns the new text and
/// how many findings were fixed; overlapping fixes are left for the next pass.
pub fn apply_safe(text: &str, findings: &[Finding]) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.start).min());
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for edits in fixes {
        let mut sorted: Vec<&Edit> = edits.iter().collect();
        sorted.sort_by_key(|e| e.start);
        let fits = sorted.first().is_some_and(|e| e.start >= pos)
            && sorted.windows(2).all(|w| w[0].end <= w[1].start)
            && sorted.iter().all(|e| {
                e.start <= e.end
                    && e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end)
            });
        if !fits {
            continue;
        }
        for e in sorted {
            out.push_str(&text[pos..e.start]);
            out.push_str(&e.replacement);
            pos = e.end;
        }
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}
