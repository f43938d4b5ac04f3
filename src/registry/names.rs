//! Names as the registry matches them: case and accents folded, punctuation and spacing
//! evened out, so "Lucía Ortega", "LUCIA ORTEGA" and "Lucia  Ortega" are one name.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The folded form of a name: NFKD without combining marks, lowercase, apostrophes and
/// hyphens kept, other punctuation dropped, whitespace collapsed.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '-' | '‐' | '‑') {
            out.push(if c == '’' {
                '\''
            } else if c == '\'' {
                c
            } else {
                '-'
            });
        } else if c.is_whitespace() || c == '.' || c == ',' {
            space = true;
        }
    }
    out
}

/// Names shorter than this are never reported as variants: too many real names are one or
/// two letters apart (Ann, Anna, Anne).
pub const MIN_VARIANT_LEN: usize = 5;

/// How many edits apart two names may be to count as variants of one another.
pub fn variant_distance(len: usize) -> usize {
    if len >= 8 {
        2
    } else {
        1
    }
}

/// `word` with each one of its letters deleted in turn.
pub fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// The last word of a folded name: the surname a story uses on second reference.
pub fn surname(folded: &str) -> Option<&str> {
    let last = folded.rsplit(' ').next()?;
    (folded.contains(' ') && !last.is_empty()).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spacing() {
        assert_eq!(fold("Lucía  Ortega"), "lucia ortega");
        assert_eq!(fold("LUCIA ORTEGA"), "lucia ortega");
        assert_eq!(fold("Sen. Lucía Ortega"), "sen lucia ortega");
        assert_eq!(fold("Dee O’Neil"), "dee o'neil");
        assert_eq!(fold("Manzano-Díaz"), "manzano-diaz");
        assert_eq!(fold("Guaidó"), "guaido");
    }

    #[test]
    fn surnames() {
        assert_eq!(surname("lucia ortega"), Some("ortega"));
        assert_eq!(surname("ortega"), None);
    }
}
