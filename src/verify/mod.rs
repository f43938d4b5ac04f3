//! Checking quoted words against recorded wording (DESIGN.md §7). This first part is the
//! exact tier: both sides normalized (case, quotation marks, apostrophes, dashes, spaces and
//! edge punctuation folded) and the quotation found as a run of whole words in a recorded
//! quote. The near-match tiers (cuts, insertions, aligned windows) come with verification.

use crate::registry::{RecordedQuote, Registry};

/// Text as the matcher compares it: lowercase words separated by single spaces, with
/// curly and straight quotes, apostrophes and dashes folded, and punctuation other than
/// apostrophes and hyphens dropped.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '’' | '‘' | '`' | '´' => '\'',
            '‐' | '‑' | '‒' | '–' | '—' => '-',
            c => c,
        };
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Where the registry records these words: the source's id and the recorded quote. Only
/// quotations of four words or more are looked up (shorter ones match by chance).
pub fn find_recorded<'r>(
    registry: &'r Registry,
    quote: &str,
) -> Option<(&'r str, &'r RecordedQuote)> {
    let needle = normalize(quote);
    if needle.split(' ').count() < 4 {
        return None;
    }
    let padded = format!(" {needle} ");
    registry.entries.iter().find_map(|entry| {
        let source = entry.source.as_ref()?;
        source
            .quotes
            .iter()
            .find(|q| q.normalized.contains(&padded))
            .map(|q| (entry.id.as_str(), q))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_marks_dashes_case_and_spacing() {
        assert_eq!(
            normalize("We’ll NOT—ever,  give up!"),
            "we'll not-ever give up"
        );
        assert_eq!(normalize("“It’s,” she"), "it's she");
    }
}
