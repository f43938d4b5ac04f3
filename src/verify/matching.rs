//! The matching tiers of DESIGN.md §7 over a [`SourceText`]:
//!
//! 1. and 2. [`find`]: the quotation's words as a run of the source's words, where `…` cuts
//!    let the pieces sit apart (in order, close together) and `[brackets]` stand for a
//!    short run of any words;
//! 3. [`align`]: candidate windows voted for by the quotation's rarest words, then a
//!    word-level semi-global edit distance inside each, for near matches.

use std::collections::HashMap;
use std::ops::Range;

use super::index::{SourceText, ABSENT};
use super::pattern::{Part, Pattern};

/// How far apart, in source words, two pieces of a cut quotation may be.
pub const MAX_CUT_GAP: usize = 250;

/// At most this many candidate starts are tried for one quotation: a quotation made of
/// the commonest words could otherwise try every "the" of a long transcript.
const MAX_CANDIDATES: usize = 20_000;
/// And at most this many words compared over all the candidates: a long quotation of
/// common words fails late at every start.
const MAX_COMPARED_WORDS: usize = 4_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Id(u32),
    Any(usize),
}

fn tokens(pattern: &Pattern, source: &SourceText) -> Option<Vec<Vec<Token>>> {
    pattern
        .pieces
        .iter()
        .map(|piece| {
            piece
                .iter()
                .map(|part| match part {
                    Part::Word(w) => {
                        let id = source.id(&w.word);
                        (id != ABSENT).then_some(Token::Id(id))
                    }
                    Part::Bracket { max } => Some(Token::Any(*max)),
                })
                .collect()
        })
        .collect()
}

/// Where the pattern occurs in `source` (exact and cut tiers), as ranges of source words
/// from the first matched word to the last; at most `limit` of them, each inside one
/// segment, and inside `within` when given.
pub fn find(
    pattern: &Pattern,
    source: &SourceText,
    within: Option<Range<usize>>,
    limit: usize,
) -> Vec<Range<usize>> {
    find_in_segments(pattern, source, within, &|_| true, limit)
}

/// [`find`], keeping only matches in the segments `accept` takes: the filter applies
/// before the limit, so the matches wanted are never crowded out by others.
pub fn find_in_segments(
    pattern: &Pattern,
    source: &SourceText,
    within: Option<Range<usize>>,
    accept: &dyn Fn(usize) -> bool,
    limit: usize,
) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let Some(pieces) = tokens(pattern, source) else {
        return found;
    };
    let Some(first) = pieces.first() else {
        return found;
    };
    // The rarest word of the first piece's leading run of words fixes where it can start.
    let lead: Vec<(usize, u32)> = first
        .iter()
        .map_while(|t| match t {
            Token::Id(id) => Some(*id),
            Token::Any(_) => None,
        })
        .enumerate()
        .collect();
    let Some(&(offset, anchor)) = lead
        .iter()
        .min_by_key(|(_, id)| source.positions(*id).len())
    else {
        return found;
    };
    let pattern_words: usize = pieces.iter().map(Vec::len).sum();
    let candidates = MAX_CANDIDATES
        .min(MAX_COMPARED_WORDS / pattern_words.max(1))
        .max(1);
    for &p in source.positions(anchor).iter().take(candidates) {
        let Some(start) = (p as usize).checked_sub(offset) else {
            continue;
        };
        if within.as_ref().is_some_and(|w| !w.contains(&start)) {
            continue;
        }
        let segment_index = source.segment_of(start);
        if !accept(segment_index) {
            continue;
        }
        let segment = &source.segments[segment_index];
        let end_limit = within
            .as_ref()
            .map_or(segment.end, |w| w.end.min(segment.end));
        if let Some(end) = match_piece(first, &source.ids, start, end_limit)
            .and_then(|end| match_rest(&pieces[1..], source, end, end_limit))
        {
            found.push(start..end);
            if found.len() >= limit {
                break;
            }
        }
    }
    found
}

/// Matches one piece at `at`; the end of the shortest match. The brackets make this a
/// tiny automaton: the set of positions reachable after each token is carried along, so
/// time is the piece's length times the brackets' slack, never exponential, and nothing
/// recurses however long the quotation.
fn match_piece(piece: &[Token], ids: &[u32], at: usize, end: usize) -> Option<usize> {
    let mut reachable = vec![at];
    let mut next = Vec::new();
    for token in piece {
        next.clear();
        match *token {
            Token::Id(id) => next.extend(
                reachable
                    .iter()
                    .filter(|&&p| p < end && ids[p] == id)
                    .map(|p| p + 1),
            ),
            Token::Any(max) => {
                // `reachable` is ascending, so the union of the ranges is built in order.
                for &p in &reachable {
                    let from = next.last().map_or(p, |&l: &usize| (l + 1).max(p));
                    next.extend(from..=(p + max).min(end));
                }
            }
        }
        if next.is_empty() {
            return None;
        }
        std::mem::swap(&mut reachable, &mut next);
    }
    reachable.first().copied()
}

/// Matches the pieces after a cut, each starting within [`MAX_CUT_GAP`] words of the end
/// of the one before. Each piece takes its earliest match: trying every combination of
/// places would be exponential in the number of cuts.
fn match_rest(
    pieces: &[Vec<Token>],
    source: &SourceText,
    from: usize,
    end: usize,
) -> Option<usize> {
    let mut from = from;
    for piece in pieces {
        let Some(Token::Id(anchor)) = piece.first() else {
            return None;
        };
        let positions = source.positions(*anchor);
        let first = positions.partition_point(|&p| (p as usize) < from);
        let last = (from + MAX_CUT_GAP).min(end);
        from = positions[first..]
            .iter()
            .map(|&p| p as usize)
            .take_while(|&p| p <= last)
            .find_map(|start| match_piece(piece, &source.ids, start, end))?;
    }
    Some(from)
}

/// The closest run of source words to a quotation (tier 3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aligned {
    pub words: Range<usize>,
    /// Word edits (substitutions, insertions, deletions) between the quotation and `words`.
    pub cost: usize,
    /// How many of the quotation's words were aligned (long quotations are cut short).
    pub quote_len: usize,
}

impl Aligned {
    /// 1 for identical wording, falling with every edit per aligned quoted word.
    pub fn score(&self) -> f64 {
        if self.quote_len == 0 {
            return 0.0;
        }
        1.0 - self.cost as f64 / self.quote_len as f64
    }
}

/// How many of a quotation's rarest words vote for where it may be.
const VOTERS: usize = 8;
/// Words more frequent than this say nothing about where a quotation is.
const MAX_VOTER_FREQUENCY: usize = 20_000;
/// How many voted windows are aligned.
const WINDOWS: usize = 3;
/// Quotations longer than this are aligned on their first this-many words.
const MAX_ALIGNED_WORDS: usize = 400;

/// The best near match of `quote` (word numbers of `source`, [`ABSENT`] for words the
/// source lacks) in `source`, inside `within` when given.
pub fn align(quote: &[u32], source: &SourceText, within: Option<Range<usize>>) -> Option<Aligned> {
    let quote = &quote[..quote.len().min(MAX_ALIGNED_WORDS)];
    let m = quote.len();
    if m == 0 || source.is_empty() {
        return None;
    }
    let bounds = within.unwrap_or(0..source.len());
    // A short span (a recorded quotation) is aligned whole.
    if bounds.len() <= 2 * m + 40 {
        return Some(semi_global(
            quote,
            &source.ids[bounds.clone()],
            bounds.start,
        ));
    }
    let bucket = (m / 4).max(4) as i64;
    let mut voters: Vec<(usize, u32)> = quote
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, id)| id != ABSENT && source.positions(id).len() <= MAX_VOTER_FREQUENCY)
        .collect();
    voters.sort_by_key(|&(_, id)| source.positions(id).len());
    voters.dedup_by_key(|(_, id)| *id);
    voters.truncate(VOTERS);
    let mut votes: HashMap<i64, usize> = HashMap::new();
    for &(_, id) in &voters {
        let offsets: Vec<usize> = (0..m).filter(|&o| quote[o] == id).collect();
        for &p in source.positions(id) {
            let p = p as usize;
            if !bounds.contains(&p) {
                continue;
            }
            for &o in &offsets {
                *votes
                    .entry((p as i64 - o as i64).div_euclid(bucket))
                    .or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(i64, usize)> = votes.into_iter().collect();
    ranked.sort_by_key(|&(b, n)| (std::cmp::Reverse(n), b));
    let slack = (m / 2 + 2) as i64;
    ranked
        .iter()
        .take(WINDOWS)
        .map(|&(b, _)| {
            let start = (b * bucket - slack).max(bounds.start as i64) as usize;
            let end = ((b * bucket + bucket + m as i64 + slack) as usize).min(bounds.end);
            semi_global(quote, &source.ids[start..end.max(start)], start)
        })
        .min_by_key(|a| (a.cost, a.words.start))
}

/// Word edit distance of all of `quote` against the best-fitting run of `window` (free to
/// start and end anywhere in it). `offset` is the window's first word in the source.
fn semi_global(quote: &[u32], window: &[u32], offset: usize) -> Aligned {
    let n = window.len();
    // cost[j] and start[j]: the best alignment of the quotation so far ending at window
    // word j, and where in the window it began.
    let mut cost: Vec<usize> = vec![0; n + 1];
    let mut start: Vec<usize> = (0..=n).collect();
    let mut next_cost = vec![0; n + 1];
    let mut next_start = vec![0; n + 1];
    for (i, &q) in quote.iter().enumerate() {
        next_cost[0] = i + 1;
        next_start[0] = 0;
        for j in 1..=n {
            let diagonal = cost[j - 1] + usize::from(window[j - 1] != q || q == ABSENT);
            let added = cost[j] + 1; // a quoted word the source lacks
            let dropped = next_cost[j - 1] + 1; // a source word the quotation leaves out
            let (c, s) = if diagonal <= added && diagonal <= dropped {
                (diagonal, start[j - 1])
            } else if added <= dropped {
                (added, start[j])
            } else {
                (dropped, next_start[j - 1])
            };
            next_cost[j] = c;
            next_start[j] = s;
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut start, &mut next_start);
    }
    // Of equally good ends, the latest: an end that leaves the source's last words out
    // costs the same as one that substitutes them, and the excerpt should show them.
    let end = (0..=n)
        .min_by_key(|&j| (cost[j], std::cmp::Reverse(j)))
        .unwrap_or(0);
    Aligned {
        words: offset + start[end].min(end)..offset + end,
        cost: cost[end],
        quote_len: quote.len(),
    }
}

/// Widens an aligned range over source words next to it that the quotation also uses
/// (at most `max` on each side, inside `bounds`): with "a kept promise" aligned to "a
/// promise", the source's "a promise kept" shows the swap in the diff.
pub fn widen(
    words: std::ops::Range<usize>,
    quote: &[u32],
    source: &SourceText,
    bounds: std::ops::Range<usize>,
    max: usize,
) -> std::ops::Range<usize> {
    let used = |k: usize| quote.contains(&source.ids[k]);
    let mut range = words;
    for _ in 0..max {
        if range.end < bounds.end && used(range.end) {
            range.end += 1;
        } else {
            break;
        }
    }
    for _ in 0..max {
        if range.start > bounds.start && used(range.start - 1) {
            range.start -= 1;
        } else {
            break;
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &SourceText, quote: &str) -> Vec<u32> {
        super::super::words::words(quote)
            .iter()
            .map(|w| source.id(&w.word))
            .collect()
    }

    fn found(source: &SourceText, quote: &str) -> Vec<String> {
        find(&Pattern::parse(quote), source, None, 10)
            .into_iter()
            .map(|r| source.excerpt(r).to_string())
            .collect()
    }

    const SPEECH: &str = "Thank you all. We will rebuild the bridge this year, and we will \
        do it without raising taxes. The council agreed on Monday. Nobody expected the vote \
        to be this close, but here we are.";

    #[test]
    fn exact_runs_cuts_and_brackets() {
        let s = SourceText::new(SPEECH.into());
        assert_eq!(
            found(&s, "we will rebuild the bridge"),
            vec!["We will rebuild the bridge"]
        );
        assert_eq!(
            found(&s, "We will rebuild the bridge … without raising taxes."),
            vec!["We will rebuild the bridge this year, and we will do it without raising taxes"]
        );
        assert_eq!(
            found(&s, "[The council] agreed on Monday"),
            vec!["agreed on Monday"]
        );
        assert_eq!(
            found(&s, "Nobody expected the [council] vote to be this close"),
            vec!["Nobody expected the vote to be this close"]
        );
        assert_eq!(
            found(&s, "we will do [the work] without raising taxes"),
            vec!["we will do it without raising taxes"]
        );
        assert!(found(&s, "without raising taxes … we will rebuild").is_empty());
        assert!(found(&s, "we will rebuild the tunnel").is_empty());
    }

    #[test]
    fn hostile_patterns_stay_linear() {
        // Many cuts over a source of one repeated word: each piece takes its earliest place.
        let source = SourceText::new(format!("{} z", "a ".repeat(5_000)));
        assert_eq!(found(&source, "a … a … a … a … a … a … z").len(), 10);
        // Brackets side by side, and brackets between repeated words.
        let source = SourceText::new("alpha beta gamma zeta ".repeat(2_000));
        assert!(!found(&source, &format!("alpha {} zeta", "[x]".repeat(30))).is_empty());
        let repeated = SourceText::new("a ".repeat(5_000));
        let quote = format!("a {}", "[x] a ".repeat(40));
        assert!(!found(&repeated, &quote).is_empty());
        // A quotation of 50,000 words: no recursion to overflow.
        let long = "word ".repeat(50_000);
        let source = SourceText::new(long.clone());
        assert_eq!(found(&source, &long).len(), 1);
    }

    #[test]
    fn matches_stay_inside_one_recorded_text() {
        let s = SourceText::segmented(["the plan is sound", "and it is funded"]);
        assert!(found(&s, "sound and it").is_empty());
        assert_eq!(found(&s, "it is funded"), vec!["it is funded"]);
    }

    #[test]
    fn alignment_measures_changed_dropped_and_swapped_words() {
        let long = format!(
            "{} {SPEECH} {}",
            "filler words here ".repeat(200),
            "more filler ".repeat(200)
        );
        let s = SourceText::new(long);
        let changed = align(&ids(&s, "We will rebuild the tunnel this year"), &s, None).unwrap();
        assert_eq!(changed.cost, 1);
        assert_eq!(
            s.excerpt(changed.words.clone()),
            "We will rebuild the bridge this year"
        );
        let dropped = align(&ids(&s, "we will do it without taxes"), &s, None).unwrap();
        assert_eq!(dropped.cost, 1);
        assert_eq!(
            s.excerpt(dropped.words),
            "we will do it without raising taxes"
        );
        let swapped = align(
            &ids(&s, "Nobody expected the vote to be so close this"),
            &s,
            None,
        )
        .unwrap();
        assert_eq!(swapped.cost, 2);
        assert!(align(&ids(&s, "zebras quietly juggle"), &s, None).is_none());
    }
}
