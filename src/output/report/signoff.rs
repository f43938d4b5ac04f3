//! A checker's sign-off: the state (unchecked, checked, query), note, name and time of each
//! quotation, as the HTML report's export button writes it (JSON; a CSV beside it for
//! spreadsheets). `citelint report --signoff FILE` reads the JSON back into the next
//! report, so work carries over when the article changes: a quotation is matched by its
//! article, words and speaker, never by its line.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One quotation's work, as exported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Entry {
    pub path: String,
    pub text: String,
    #[serde(default)]
    pub speaker: String,
    /// `unchecked`, `checked` or `query`.
    pub state: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub checker: String,
    /// When the state was last set (ISO 8601, from the browser).
    #[serde(default)]
    pub time: String,
}

/// The exported file: the report it came from and the entries.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SignOff {
    #[serde(default)]
    pub run: String,
    pub entries: Vec<Entry>,
}

/// Reads an exported sign-off (JSON).
pub fn parse(text: &str) -> Result<SignOff, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The stable id of a quotation: its article, words and speaker, hashed. The same words
/// said by the same speaker in the same article keep their id when lines move.
pub fn stable_id(path: &str, text: &str, speaker: &str) -> String {
    let mut h = Sha256::new();
    for part in [path, text.trim(), speaker] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())[..16].to_string()
}

impl SignOff {
    /// The work recorded for a quotation, matched by article, words and speaker.
    pub fn find(&self, path: &str, text: &str, speaker: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.path == path && e.text.trim() == text.trim() && e.speaker == speaker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_found_by_words_and_speaker_not_line() {
        let signoff = parse(
            r#"{"run": "r1", "entries": [{"path": "a.md", "text": "We will wait,",
                "speaker": "Ana Ruiz", "state": "query", "note": "ask her office",
                "checker": "J. Doe", "time": "2026-05-01T10:00:00Z"}]}"#,
        )
        .unwrap();
        let e = signoff.find("a.md", " We will wait, ", "Ana Ruiz").unwrap();
        assert_eq!(
            (e.state.as_str(), e.note.as_str()),
            ("query", "ask her office")
        );
        assert!(signoff.find("a.md", "We will wait,", "Bo Li").is_none());
        assert!(signoff.find("b.md", "We will wait,", "Ana Ruiz").is_none());
        assert_eq!(stable_id("a.md", "x ", "s"), stable_id("a.md", "x", "s"));
        assert_ne!(stable_id("a.md", "x", "s"), stable_id("a.md", "x", "t"));
        assert!(parse("[1]").is_err());
    }
}
