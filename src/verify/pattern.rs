//! A quotation read as a pattern: its words, the writer's `[bracketed]` insertions and
//! replacements, `[sic]`, and `…` cuts (DESIGN.md §7, tier 2).

use super::words::{for_each_word_skipping, QuoteWord};

/// A bracketed insertion stands for at most this many source words more than it has
/// itself: `[Guaidó]` for "him", `[the agency's]` for "its".
const BRACKET_SLACK: usize = 2;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Word(QuoteWord),
    /// `[…]`: any run of up to `max` source words (none included).
    Bracket {
        max: usize,
    },
}

/// The quotation split at its cuts; each piece is words and brackets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pattern {
    pub pieces: Vec<Vec<Part>>,
}

impl Pattern {
    pub fn parse(quote: &str) -> Pattern {
        let mut pieces = vec![Vec::new()];
        let mut rest = 0;
        let bytes = quote.as_bytes();
        let mut at = 0;
        // Brackets glued to letters (`[W]e`), read as not there.
        let mut glued_at: Vec<usize> = Vec::new();
        let literal = |pieces: &mut Vec<Vec<Part>>, glued: &[usize], from: usize, to: usize| {
            let skipped = |i: usize| glued.contains(&(from + i));
            for_each_word_skipping(&quote[from..to], skipped, |word, range| {
                pieces
                    .last_mut()
                    .expect("one piece at least")
                    .push(Part::Word(QuoteWord {
                        word: word.to_string(),
                        bytes: from + range.start..from + range.end,
                    }));
            });
        };
        while at < bytes.len() {
            let cut_len = cut_at(&quote[at..]);
            if cut_len > 0 {
                literal(&mut pieces, &glued_at, rest, at);
                pieces.push(Vec::new());
                at += cut_len;
                rest = at;
                continue;
            }
            if bytes[at] == b'[' {
                if let Some(close) = quote[at..].find(']') {
                    let inner = &quote[at + 1..at + close];
                    let touches_word = quote[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        || quote[at + close + 1..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric);
                    if touches_word {
                        // `[W]e`, `work[s]`: a letter changed inside a word. The word is
                        // read with the writer's letters, which case folding usually
                        // makes the source's; only the brackets themselves go.
                        glued_at.extend([at, at + close]);
                        at += close + 1;
                        continue;
                    }
                    if !inner.contains('[') {
                        literal(&mut pieces, &glued_at, rest, at);
                        let trimmed = inner.trim();
                        if cut_at(trimmed) == trimmed.len() && !trimmed.is_empty() {
                            // `[…]`: a cut the writer marked in brackets.
                            pieces.push(Vec::new());
                        } else if !trimmed.trim_end_matches('!').eq_ignore_ascii_case("sic") {
                            let own = inner.split_whitespace().count();
                            let piece = pieces.last_mut().expect("one piece at least");
                            // Brackets side by side are one insertion: matching them one
                            // by one would try every split of the words between them.
                            match piece.last_mut() {
                                Some(Part::Bracket { max }) => *max += own,
                                _ => piece.push(Part::Bracket {
                                    max: own + BRACKET_SLACK,
                                }),
                            }
                        }
                        at += close + 1;
                        rest = at;
                        continue;
                    }
                }
            }
            at += quote[at..].chars().next().map_or(1, char::len_utf8);
        }
        literal(&mut pieces, &glued_at, rest, quote.len());
        // Brackets at a piece's edges constrain nothing: the source may go on either way.
        for piece in &mut pieces {
            while matches!(piece.last(), Some(Part::Bracket { .. })) {
                piece.pop();
            }
            let lead = piece
                .iter()
                .take_while(|p| matches!(p, Part::Bracket { .. }))
                .count();
            piece.drain(..lead);
        }
        pieces.retain(|p| !p.is_empty());
        Pattern { pieces }
    }

    /// The quotation's own words, in order, without brackets or cuts.
    pub fn words(&self) -> impl Iterator<Item = &QuoteWord> {
        self.pieces.iter().flatten().filter_map(|p| match p {
            Part::Word(w) => Some(w),
            Part::Bracket { .. } => None,
        })
    }

    /// Whether the writer cut or bracketed anything.
    pub fn is_edited(&self) -> bool {
        self.pieces.len() > 1
            || self
                .pieces
                .iter()
                .flatten()
                .any(|p| matches!(p, Part::Bracket { .. }))
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// The length of the ellipsis at the start of `text`: `…`, `...`, or `. . .`.
fn cut_at(text: &str) -> usize {
    if text.starts_with('…') {
        return '…'.len_utf8();
    }
    if text.starts_with("...") {
        return text.len() - text.trim_start_matches('.').len();
    }
    if text.starts_with(". . .") {
        return 5;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(p: &Pattern) -> Vec<Vec<String>> {
        p.pieces
            .iter()
            .map(|piece| {
                piece
                    .iter()
                    .map(|part| match part {
                        Part::Word(w) => w.word.clone(),
                        Part::Bracket { max } => format!("[{max}]"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cuts_brackets_and_sic() {
        let p = Pattern::parse("We will [not] stop … until [the agency] is done [sic].");
        assert_eq!(
            shape(&p),
            vec![
                vec!["we", "will", "[3]", "stop"],
                vec!["until", "[4]", "is", "done"]
            ]
        );
        assert!(p.is_edited());
        let p = Pattern::parse("[He] said it. . . and left...");
        assert_eq!(shape(&p), vec![vec!["said", "it"], vec!["and", "left"]]);
        assert!(!Pattern::parse("plain words").is_edited());
        assert!(Pattern::parse("… [sic] …").is_empty());
    }

    #[test]
    fn word_bytes_point_into_the_quotation() {
        let q = "Our [city’s] future…is bright";
        let p = Pattern::parse(q);
        let shown: Vec<&str> = p.words().map(|w| &q[w.bytes.clone()]).collect();
        assert_eq!(shown, vec!["Our", "future", "is", "bright"]);
    }

    #[test]
    fn letters_in_brackets_bracketed_cuts_and_runs_of_brackets() {
        assert_eq!(
            shape(&Pattern::parse("[W]e will work[s] on")),
            vec![vec!["we", "will", "works", "on"]]
        );
        assert_eq!(
            shape(&Pattern::parse("we will [...] rebuild [ … ] it")),
            vec![vec!["we", "will"], vec!["rebuild"], vec!["it"]]
        );
        assert_eq!(
            shape(&Pattern::parse("alpha [x][x][y z] zeta [sic!]")),
            vec![vec!["alpha", "[6]", "zeta"]]
        );
    }

    #[test]
    fn an_unclosed_bracket_is_text() {
        let p = Pattern::parse("the [draft plan");
        assert_eq!(shape(&p), vec![vec!["the", "draft", "plan"]]);
    }
}
