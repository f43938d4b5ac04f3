//! Word diffs between a source's wording and a quotation, for a fact-checker to read.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag};

/// What a run of words is in the quotation, relative to the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In both.
    Equal,
    /// In the source, left out or changed by the quotation.
    Removed,
    /// In the quotation, not in the source.
    Added,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

/// A word with what it is compared by and what it is shown as.
pub struct DiffWord<'t> {
    pub id: u32,
    pub shown: &'t str,
}

/// The diff from `source` words to `quote` words, equal runs merged.
pub fn word_diff(source: &[DiffWord], quote: &[DiffWord]) -> Vec<DiffPart> {
    let old: Vec<u32> = source.iter().map(|w| w.id).collect();
    let new: Vec<u32> = quote.iter().map(|w| w.id).collect();
    let mut parts: Vec<DiffPart> = Vec::new();
    let mut push = |change: Change, words: &[DiffWord]| {
        if words.is_empty() {
            return;
        }
        let text = words.iter().map(|w| w.shown).collect::<Vec<_>>().join(" ");
        match parts.last_mut() {
            Some(last) if last.change == change => {
                last.text.push(' ');
                last.text.push_str(&text);
            }
            _ => parts.push(DiffPart { change, text }),
        }
    };
    for op in similar::capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (tag, from, to) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(Change::Equal, &quote[to]),
            DiffTag::Delete => push(Change::Removed, &source[from]),
            DiffTag::Insert => push(Change::Added, &quote[to]),
            DiffTag::Replace => {
                push(Change::Removed, &source[from]);
                push(Change::Added, &quote[to]);
            }
        }
    }
    parts
}

/// A diff on one line: `we will [-never-] {+not+} stop`.
pub fn inline(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| match p.change {
            Change::Equal => p.text.clone(),
            Change::Removed => format!("[-{}-]", p.text),
            Change::Added => format!("{{+{}+}}", p.text),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'t>(text: &'t str, ids: &[u32]) -> Vec<DiffWord<'t>> {
        text.split(' ')
            .zip(ids)
            .map(|(shown, &id)| DiffWord { id, shown })
            .collect()
    }

    #[test]
    fn changed_dropped_and_added_words() {
        let source = words("we will never stop", &[1, 2, 3, 4]);
        let quote = words("We will not stop now", &[1, 2, 5, 4, 6]);
        let diff = word_diff(&source, &quote);
        assert_eq!(inline(&diff), "We will [-never-] {+not+} stop {+now+}");
        assert_eq!(diff.len(), 5);
        assert_eq!(diff[1].change, Change::Removed);
    }
}
