//! Step: a label before the quotation (`Lucía Ortega: “…`, `**Sheila Katz, CEO:** “…`), an
//! outlet's name before a headline, and the speaker a label names.

use std::ops::Range;

use super::kinds::Context;
use super::sieve::{Around, Found};
use super::words::{
    capitalized, ends_clause, has_sentence_verb, is_connector, is_title_word, lower,
    past_conjunction, place_at, sentence_start, title_at, words, Word, MAX_BARE_NAME_WORDS,
    MAX_NAME_WORDS, NOT_NAME_STARTS,
};
use crate::document::{Document, ProseBlock};
use crate::lexicon::LEXICON;

/// Labels run long: `**John Ruple, Professor of Law (Research) & Wallace Stegner Center
/// Fellow, S.J. Quinney College of Law, University of Utah**: “…`.
pub(super) const MAX_LABEL_WORDS: usize = 24;

/// A label that names several people, each with a title (`**Sen. Ana Voss, Chair, …, and
/// Rep. Tomas Achterberg, …:**`).
pub(super) const MAX_JOINT_LABEL_WORDS: usize = 32;

/// Bytes of a note in parentheses between a label and its quotation (`(1/3)`).
pub(super) const MAX_LABEL_NOTE: usize = 12;

/// How a label is set off from its quotation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum LabelForm {
    /// `Lucía Ortega: “…`, `**Name.** “…`: the label is the speaker.
    Marked,
    /// A name on a line of its own, or `**Social Security Works PAC,** “…`: often a
    /// heading over the quotation (an organization above its CEO's words), so an
    /// attribution after the quotation wins over it.
    Loose,
}

/// A label right before an opening mark: `Lucía Ortega: “…`, `**Sheila Katz, CEO:** “…`,
/// `**Name.** “…`, or a name on a line of its own. A marked label wins over anything after
/// the quotation (often a citation: `[Tweet, 3/11/22]`).
pub(super) fn label_before(block: &ProseBlock, to: usize) -> Option<(Range<usize>, LabelForm)> {
    let text = &block.text;
    let mut start = past_fact_check_label(text, sentence_start(text, to), to);
    // Emphasis the parser could not close (`**Name: **“…`) is left as literal asterisks.
    let head = text[..to].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    // `**Name:** (1/3) “…`: a thread's count or a short note between label and quotation.
    let head = match head.strip_suffix(')').and_then(|h| h.rfind('(')) {
        Some(open)
            if head.len() - open <= MAX_LABEL_NOTE && head[..open].trim_end().ends_with(':') =>
        {
            head[..open].trim_end()
        }
        _ => head,
    };
    let own_line = text[head.len()..to].contains('\n') && !head.contains('\n');
    let (label, form) = if let Some(label) = head.strip_suffix(':') {
        (label, LabelForm::Marked)
    } else if let Some(label) = head.strip_suffix('.') {
        // `**Ana Ruiz, Director.** “…`: the label's own period closed the sentence the
        // search above found, so its sentence is the one before that period; only that
        // one counts (the paragraph may hold earlier round-up entries, set off by hard
        // breaks).
        let own = sentence_start(text, label.len());
        let opens_line = {
            let before = text[..own].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
            before.is_empty() || before.ends_with('\n')
        };
        // A sentence before a quotation (`Growers are angry. “We …`) is no label: the label
        // opens with a name (`Ana Ruiz, Director, …`).
        let ws = words(text, own..label.len());
        let name_words = ws
            .iter()
            .position(|w| w.trail.starts_with(','))
            .map_or(ws.len(), |comma| comma + 1);
        let named = (2..=MAX_NAME_WORDS).contains(&name_words)
            && ws[..name_words]
                .iter()
                .all(|w| capitalized(w) || is_connector(w));
        if label[own..].contains(['.', '!', '?']) || !opens_line || !named {
            return None;
        }
        start = own;
        (label, LabelForm::Marked)
    } else if own_line {
        (head, LabelForm::Loose)
    } else {
        let label = head.strip_suffix(',')?;
        // Only a whole name opening the paragraph: not `In Washington, “…` nor `Meanwhile,`.
        let ws = words(text, 0..label.len());
        let name_like = text[..ws.first()?.range.start]
            .trim_matches('*')
            .trim()
            .is_empty()
            && ws.len() >= 2
            && !NOT_NAME_STARTS.contains(&ws[0].low())
            && ws.iter().all(|w| capitalized(w) || is_connector(w))
            && !ws[..ws.len() - 1].iter().any(ends_clause);
        if !name_like {
            return None;
        }
        (label, LabelForm::Loose)
    };
    // `**Secretary Rubio** (March 3):` — a date or place in parentheses after the name.
    let label = match label
        .trim_end()
        .strip_suffix(')')
        .and_then(|l| l.rfind('('))
    {
        Some(open) => {
            label[..open].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
        }
        None => label,
    };
    // A label opens its paragraph, or a line set off by two line breaks.
    let line_start = text[..start]
        .trim_end_matches(|c: char| c.is_whitespace() && c != '\n')
        .ends_with('\n');
    // From the start of its line, a label's periods are abbreviations (`Sen.`): the
    // sentence search stepped over them.
    let stops: &[char] = if line_start {
        &['“', '”']
    } else {
        &['.', '!', '?', '“', '”']
    };
    let in_label = if line_start {
        &label[start.min(label.len())..]
    } else {
        label
    };
    if in_label.contains(stops) && start != 0 {
        return None;
    }
    // A label may wrap over lines (`**Randi⏎Weingarten, President:**`); a sentence that
    // ended just before the quotation is not one.
    if start >= label.len() {
        return None;
    }
    let ws = words(text, start..label.len());
    // A label set off by a colon may name several people with their titles; past the
    // usual length, an auxiliary (`is`, `have`) shows it to be a sentence.
    let max = if head.ends_with(':') {
        MAX_JOINT_LABEL_WORDS
    } else {
        MAX_LABEL_WORDS
    };
    let long_sentence = ws.len() > MAX_LABEL_WORDS
        && ws.iter().any(|w| {
            LEXICON.auxiliaries.contains(w.low()) || LEXICON.passive_auxiliaries.contains(w.low())
        });
    if ws.is_empty()
        || ws.len() > max
        || long_sentence
        || has_sentence_verb(&ws)
        || !capitalized(&ws[0])
    {
        return None;
    }
    label_speaker(&ws).map(|r| (r, form))
}

/// Past a fact check's label at `start` (`**FACT:** Kennedy debunked it: “…`), which is
/// the label of no speaker.
pub(super) fn past_fact_check_label(text: &str, start: usize, to: usize) -> usize {
    let Some(colon) = text[start..to].find(':') else {
        return start;
    };
    let label = text[start..start + colon]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if !LEXICON.fact_check_labels.contains(&lower(label)) {
        return start;
    }
    let after = start + colon + 1;
    after
        + (text[after..to].len()
            - text[after..to]
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
                .len())
}

/// Words of an outlet's name before a headline (`KMTV (Omaha, NE)`).
pub(super) const MAX_OUTLET_WORDS: usize = 8;

/// A quotation on the line after `Outlet: Headline`, set off by a hard line break
/// (`**Dunmore Ledger:** Governor signs a pause on wells` then `“The pause applies …”`):
/// an excerpt of the outlet's story, whose source is the outlet, not the headline's
/// subject.
pub(super) fn outlet_before_headline(
    doc: &Document,
    block: usize,
    to: usize,
) -> Option<Range<usize>> {
    let b = &doc.blocks[block];
    let text = &b.text;
    let head = text[..to].trim_end_matches([' ', '\t']);
    let newline = head.strip_suffix('\n')?.len();
    // A hard break is written as trailing spaces or a backslash before the newline.
    let span = b.file_span(newline..newline + 1);
    let hard = doc
        .text
        .get(span.start..span.end)
        .is_some_and(|s| !s.trim_end_matches(['\n', '\r']).is_empty());
    if !hard {
        return None;
    }
    let start = sentence_start(text, newline);
    let line = &text[start..newline];
    let colon = line
        .char_indices()
        .find(|&(i, c)| c == ':' && line[i + 1..].starts_with(char::is_whitespace))?
        .0;
    let outlet = &line[..colon];
    // `WKBT (La Crosse, WI)`: the name without the place.
    let outlet = outlet.find('(').map_or(outlet, |p| &outlet[..p]);
    let ws = words(text, start..start + outlet.trim_end().len());
    let headline = line[colon + 1..].trim_start();
    let name = !ws.is_empty()
        && ws.len() <= MAX_OUTLET_WORDS
        && capitalized(&ws[0])
        && !has_sentence_verb(&ws)
        && !LEXICON.not_speakers.contains(ws[0].low());
    (name && headline.starts_with(char::is_uppercase))
        .then(|| ws[0].range.start..ws[ws.len() - 1].range.end)
}

/// The speaker in a label: up to its first comma (`Sheila Katz, CEO, Example Group`),
/// after `Statement from` (`Statement from President Biden`).
pub(super) fn label_speaker(ws: &[Word]) -> Option<Range<usize>> {
    let mut start = 0;
    if ws.len() > 2
        && LEXICON.statement_nouns.contains(ws[0].low())
        && ["from", "by", "of"].contains(&ws[1].low())
    {
        start = 2;
    } else if ws.len() > 1 && LEXICON.label_prefixes.contains(ws[0].low()) {
        start = 1;
    }
    let ws = &ws[start + past_conjunction(&ws[start..])..];
    // Segments between commas (or a dash, or a parenthesis): the first that has two words
    // or more is the name (`Scranton, PA Mayor Paige Cognetti` → the second); otherwise
    // the first.
    let mut segments: Vec<&[Word]> = Vec::new();
    let mut from = 0;
    for (i, w) in ws.iter().enumerate() {
        if w.trail.starts_with([',', '(', '–', '—']) || i + 1 == ws.len() {
            segments.push(&ws[from..=i]);
            from = i + 1;
        }
    }
    // A label that opens with a name keeps it (`Sheila Katz, CEO, Example Group`). One that
    // opens with a title names its speaker later: in the segment where a title stands
    // before a name (`Chair, Senate Agriculture Committee, Michigan Senator Debbie
    // Stabenow`, `Lockheed Martin Chairman, President and CEO Jim Taiclet`), else in a
    // segment with no title word (`Senior Policy Counsel for Next Century Cities, Ryan
    // Johnston`).
    // `Ranking Member, …` opens with a title of two words, `Little Rock, Arkansas Mayor
    // Frank Scott` with a city: neither is a name.
    let bare_name = |s: &[Word]| {
        (2..=MAX_BARE_NAME_WORDS).contains(&s.len())
            && s.iter().all(capitalized)
            && !s.iter().any(is_title_word)
            && title_at(s, 0) != Some(s.len())
    };
    let opens_with_city = segments.get(1).is_some_and(|s| {
        place_at(s, 0).is_some_and(|n| title_at(s, n).is_some() && title_then_name(&s[n..]))
    });
    let chosen = segments
        .first()
        .filter(|s| bare_name(s) && !opens_with_city)
        .or_else(|| segments.iter().find(|s| title_then_name(s)))
        .or_else(|| segments.iter().skip(1).find(|s| bare_name(s)))
        .or_else(|| segments.iter().find(|s| s.len() >= 2))
        .or(segments.first())?;
    // `New Jersey Congressman Frank Pallone`: the state is not part of the name.
    let chosen = match place_at(chosen, 0) {
        Some(n) if title_at(chosen, n).is_some() && title_then_name(&chosen[n..]) => &chosen[n..],
        _ => chosen,
    };
    // `President Trump distilled his first 100 days to a single statement:` names its
    // speaker at its head: the label stops at its last capitalized word (a name may hold a
    // lowercase word: `Tufts University Food is Medicine Institute Director`).
    // A short description that only starts with a capital (`Local resident`, `Flood
    // survivor`) is whole.
    let described = chosen.len() <= MAX_LABEL_DESCRIPTION_WORDS
        && chosen[1..]
            .iter()
            .all(|w| !capitalized(w) && !is_connector(w));
    let end = if described {
        chosen.len()
    } else {
        chosen
            .iter()
            .rposition(capitalized)
            .map_or(chosen.len(), |last| last + 1)
    };
    Some(chosen[0].range.start..chosen[end - 1].range.end)
}

/// Words of a label that describes its speaker rather than naming them (`Local resident`).
pub(super) const MAX_LABEL_DESCRIPTION_WORDS: usize = 3;

/// Whether a label segment ends in a name after a title: `PA Mayor Paige Cognetti`,
/// `President and CEO Jim Taiclet` (not `Executive Director`, not `Counsel for Cities`).
pub(super) fn title_then_name(s: &[Word]) -> bool {
    let Some(last_title) = s.iter().rposition(is_title_word) else {
        return false;
    };
    let name = &s[last_title + 1..];
    !name.is_empty() && name.iter().all(capitalized)
}

/// Sieve step: a marked label (`**Ortega:** “…`, `Ortega: “…` on a line of its own).
pub(super) fn marked_label(at: &Around, _: &Context) -> Found {
    label_in(at, LabelForm::Marked)
}

/// Sieve step: a label set off loosely (`Ortega - “…`).
pub(super) fn loose_label(at: &Around, _: &Context) -> Found {
    label_in(at, LabelForm::Loose)
}

/// The label before the quotation, when it is set off as `form`.
fn label_in(at: &Around, form: LabelForm) -> Found {
    let label = label_before(at.ob, at.open.prose.start);
    at.before(label.filter(|(_, f)| *f == form).map(|(r, _)| r))
}

/// Sieve step: an outlet's name before a headline, for the excerpt on the line after it.
pub(super) fn outlet_headline(at: &Around, _: &Context) -> Found {
    at.before(outlet_before_headline(
        at.doc,
        at.open.block,
        at.open.prose.start,
    ))
}
