//! The few lines of a file that a human-readable finding shows, made ready for a terminal.
//!
//! - **Linear in the findings.** miette finds a snippet's lines by scanning its source from
//!   the first byte, so handing it the whole file makes 10,000 findings in one file
//!   quadratic. Each finding gets an [`Excerpt`] instead: only its own lines, with the real
//!   line numbers.
//! - **Fits the terminal.** A line longer than the terminal (a CMS export puts a paragraph
//!   on one line) is shown as a window around its labels, with `…` where text is left out,
//!   as rustc does; a label wider than the window keeps its two ends.
//! - **Safe to print.** Control characters (escape sequences) and bidirectional overrides
//!   in an article are shown as `\u{…}` escapes, never sent to the terminal raw.

use std::borrow::Cow;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthChar;

use crate::span::{LineIndex, Span};

/// The least room given to a line's text, however narrow the terminal.
const MIN_TEXT_WIDTH: usize = 30;
/// Columns miette draws before a line's text besides the line number (` │ ` and a gutter for
/// labels that span lines).
const FRAME_WIDTH: usize = 7;
/// Columns kept free to the right of a labelled line's text, so the label text that miette
/// draws to the right of the label's position has room before the terminal's edge.
const LABEL_MARGIN: usize = 14;
/// Columns between the start of a line's text and where a label's text starts, besides
/// the label's own position: `╰── ` and the gutter miette draws for multi-line labels.
const LABEL_GAP: usize = 10;
/// The least width label text is wrapped to (a longer word is broken).
const MIN_LABEL_WIDTH: usize = 8;
/// Lines of context miette shows around the labels (its default).
const CONTEXT_LINES: usize = 1;
const ELLIPSIS: char = '…';

/// Whether a character must not reach a terminal as itself: controls (other than tab and
/// line breaks, which the layout uses) and the bidirectional formatting characters that can
/// make text read differently from what it is.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&format!("\\u{{{:X}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// `text` with every character that is unsafe in a terminal escaped (line breaks included,
/// since a message is one line).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            c => push_escaped(&mut out, c),
        }
    }
    Cow::Owned(out)
}

fn display_width(c: char) -> usize {
    if is_unsafe(c) {
        format!("\\u{{{:X}}}", c as u32).len()
    } else if c == '\t' {
        4
    } else {
        c.width().unwrap_or(0)
    }
}

/// The nearest character boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A finding's lines, rewritten for display, as miette source code.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// The 0-based line in the file of the excerpt's first line.
    first_line: usize,
    /// Digits in the excerpt's last line number.
    number_width: usize,
    /// The primary label's start in `text`, and its byte column in the file (for the header).
    primary: (usize, usize),
}

impl Excerpt {
    /// The excerpt of `source` for labels at `spans` (the primary first), for a terminal
    /// `width` columns wide; returns it with the spans moved into it.
    pub fn new(
        name: &str,
        source: &str,
        index: &LineIndex,
        spans: &[Span],
        width: usize,
    ) -> (Excerpt, Vec<Span>) {
        let first = spans
            .iter()
            .map(|s| index.line_col(s.start).line)
            .min()
            .unwrap_or(1);
        let last = spans
            .iter()
            .map(|s| index.line_col(s.end.max(s.start)).line)
            .max()
            .unwrap_or(first);
        let from = first.saturating_sub(CONTEXT_LINES).max(1);
        let to = (last + CONTEXT_LINES).min(index.line_count());
        let number_width = to.to_string().len();
        let room = width
            .saturating_sub(number_width + FRAME_WIDTH)
            .max(MIN_TEXT_WIDTH);
        let mut builder = Builder::default();
        for line in from..=to {
            let Some(range) = index.line_span(line) else {
                break;
            };
            let focus = focus_on_line(spans, range);
            let room = if focus.is_some() {
                room.saturating_sub(LABEL_MARGIN).max(MIN_TEXT_WIDTH)
            } else {
                room
            };
            builder.line(source, range, focus, room);
            // The line break itself, so spans that end there land on it (and an empty last
            // line of context is shown, as miette shows it in the whole file).
            let next = index.line_span(line + 1).map_or(source.len(), |n| n.start);
            if range.end < next {
                builder.emitted.push((range.end, builder.text.len()));
                builder.text.push('\n');
            }
        }
        builder.emitted.push((usize::MAX, builder.text.len()));
        let moved: Vec<Span> = spans
            .iter()
            .map(|s| {
                let start = builder.map(s.start);
                Span::new(start, builder.map(s.end).max(start))
            })
            .collect();
        let primary = spans.first().map_or((0, 0), |s| {
            let line_start = index
                .line_span(index.line_col(s.start).line)
                .map_or(0, |l| l.start);
            (moved[0].start, s.start - line_start)
        });
        let excerpt = Excerpt {
            name: escape(name).into_owned(),
            text: builder.text,
            first_line: from - 1,
            number_width,
            primary,
        };
        (excerpt, moved)
    }

    /// How wide the text of a label on `span` may be in a terminal `width` columns wide:
    /// miette draws it to the right of the middle of the span.
    pub fn label_width(&self, span: Span, width: usize) -> usize {
        let (start, end) = self.columns(span);
        let column = self.number_width + LABEL_GAP + (start + end) / 2;
        width.saturating_sub(column).max(MIN_LABEL_WIDTH)
    }

    /// The display column where `span` starts and ends on its line in the excerpt.
    fn columns(&self, span: Span) -> (usize, usize) {
        let line_start = self.text[..span.start.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let width = |to: usize| {
            self.text
                .get(line_start..to.max(line_start))
                .map_or(0, |t| t.chars().map(display_width).sum())
        };
        (width(span.start), width(span.end.min(self.text.len())))
    }
}

/// The part of `line` that labels cover (bytes), if any label touches it.
fn focus_on_line(spans: &[Span], line: Span) -> Option<(usize, usize)> {
    spans
        .iter()
        .filter(|s| s.start <= line.end && s.end.max(s.start) >= line.start)
        .map(|s| (s.start.max(line.start), s.end.clamp(line.start, line.end)))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

#[derive(Default)]
struct Builder {
    text: String,
    /// (byte in the file, byte in `text`) for every character written, in order.
    emitted: Vec<(usize, usize)>,
}

impl Builder {
    /// Writes one line, windowed to `room` columns around `focus`. Only the text near the
    /// focus's two ends is looked at, so a finding on a 50 MB line costs what one on a short
    /// line does.
    fn line(&mut self, source: &str, range: Span, focus: Option<(usize, usize)>, room: usize) {
        // A character is at most 4 bytes: this many bytes on each side fill the window.
        let reach = 4 * room;
        let (focus_start, focus_end) = focus.unwrap_or((range.start, range.start));
        let floor = |at: usize| floor_boundary(source, at.clamp(range.start, range.end));
        let near_start = floor(focus_start.saturating_sub(reach))..floor(focus_start + reach);
        let near_end = floor(focus_end.saturating_sub(reach))..floor(focus_end + reach);
        let regions: Vec<std::ops::Range<usize>> = if near_start.end >= near_end.start {
            std::iter::once(near_start.start..near_end.end).collect()
        } else {
            vec![near_start, near_end]
        };
        let chars: Vec<(usize, char)> = regions
            .iter()
            .flat_map(|r| {
                source[r.clone()]
                    .char_indices()
                    .map(move |(i, c)| (r.start + i, c))
            })
            .collect();
        let widths: Vec<usize> = chars.iter().map(|&(_, c)| display_width(c)).collect();
        let whole = regions.len() == 1 && regions[0] == (range.start..range.end);
        if whole && widths.iter().sum::<usize>() <= room {
            self.segments(&chars, std::slice::from_ref(&(0..chars.len())), range);
            return;
        }
        let index_of = |byte: usize| chars.partition_point(|&(b, _)| b < byte);
        let (fa, fb) = (index_of(focus_start), index_of(focus_end));
        // Room for the text between the `…` marks.
        let budget = room.saturating_sub(2);
        let width_of = |r: std::ops::Range<usize>| widths[r].iter().sum::<usize>();
        let segments: Vec<std::ops::Range<usize>> =
            if regions.len() > 1 || width_of(fa..fb) + 2 > budget {
                // A label wider than the window: its two ends.
                let half = budget / 2;
                let mut left_end = fa;
                while left_end < fb && width_of(fa..left_end + 1) <= half {
                    left_end += 1;
                }
                let mut right_start = fb;
                while right_start > left_end && width_of(right_start - 1..fb) <= half {
                    right_start -= 1;
                }
                vec![fa..left_end, right_start..fb]
            } else {
                // Grow the window around the focus, a character at a time on each side.
                let (mut a, mut b) = (fa, fb);
                let mut used = width_of(fa..fb);
                loop {
                    let mut grew = false;
                    if a > 0 && used + widths[a - 1] <= budget {
                        a -= 1;
                        used += widths[a];
                        grew = true;
                    }
                    if b < chars.len() && used + widths[b] <= budget {
                        used += widths[b];
                        b += 1;
                        grew = true;
                    }
                    if !grew {
                        break;
                    }
                }
                std::iter::once(a..b).collect()
            };
        self.segments(&chars, &segments, range);
    }

    /// Writes the characters of `segments` (of the line at `range`), with `…` wherever
    /// characters of the line are left out.
    fn segments(
        &mut self,
        chars: &[(usize, char)],
        segments: &[std::ops::Range<usize>],
        range: Span,
    ) {
        let mut at = range.start;
        for segment in segments {
            let Some(&(first, _)) = chars.get(segment.start).filter(|_| !segment.is_empty()) else {
                continue;
            };
            if first > at {
                self.text.push(ELLIPSIS);
            }
            for &(byte, c) in &chars[segment.clone()] {
                self.emitted.push((byte, self.text.len()));
                push_escaped(&mut self.text, c);
                at = byte + c.len_utf8();
            }
        }
        if at < range.end {
            self.text.push(ELLIPSIS);
        }
    }

    /// Where byte `at` of the file lies in the excerpt: at the first character written at
    /// or after it.
    fn map(&self, at: usize) -> usize {
        let i = self.emitted.partition_point(|&(b, _)| b < at);
        self.emitted.get(i).map_or(self.text.len(), |&(_, t)| t)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = if context_lines_before == 0 && span.offset() == self.primary.0 {
            self.primary.1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// `label` broken into lines of at most `width` columns, at spaces where it can be and
/// inside a word longer than a line, for a multi-line label.
pub fn wrap(label: &str, width: usize) -> String {
    let width = width.max(MIN_LABEL_WIDTH);
    let mut out = String::with_capacity(label.len() + 8);
    let mut line = 0;
    for word in label.split(' ') {
        let w: usize = word.chars().map(display_width).sum();
        if line > 0 && line + 1 + w > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        for c in word.chars() {
            let cw = display_width(c);
            if line > 0 && line + cw > width {
                out.push('\n');
                line = 0;
            }
            out.push(c);
            line += cw;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, spans: &[Span], width: usize) -> (Excerpt, Vec<Span>) {
        Excerpt::new("a.md", text, &LineIndex::new(text), spans, width)
    }

    #[test]
    fn short_lines_are_kept_whole_with_their_numbers() {
        let text = "one\ntwo “x”\nthree\nfour\n";
        let at = text.find('“').unwrap();
        let (e, spans) = excerpt(text, &[Span::new(at, at + 3)], 80);
        assert_eq!(e.text, "one\ntwo “x”\nthree\n");
        assert_eq!(e.first_line, 0);
        assert_eq!(&e.text[spans[0].start..spans[0].end], "“");
    }

    #[test]
    fn a_long_line_is_a_window_around_its_label() {
        let text = format!("{}“here”{}", "a ".repeat(300), " b".repeat(300));
        let at = text.find('“').unwrap();
        let (e, spans) = excerpt(&text, &[Span::new(at, at + "“here”".len())], 80);
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        let width: usize = e.text.chars().map(display_width).sum();
        assert!(width <= 80 - 1 - FRAME_WIDTH, "{width}: {}", e.text);
        assert_eq!(&e.text[spans[0].start..spans[0].end], "“here”");
        // The header still gives the column in the file.
        assert_eq!(e.primary.1, at);
    }

    #[test]
    fn a_label_wider_than_the_window_keeps_both_ends() {
        let quote = format!("“{}”", "word ".repeat(200));
        let (e, spans) = excerpt(&quote, &[Span::new(0, quote.len())], 80);
        let shown = &e.text[spans[0].start..spans[0].end];
        assert!(
            shown.starts_with("“word") && shown.ends_with("”"),
            "{shown}"
        );
        assert!(shown.contains('…'));
    }

    #[test]
    fn unsafe_characters_are_escaped() {
        assert_eq!(escape("a\u{1b}[31mb\u{202E}c"), "a\\u{1B}[31mb\\u{202E}c");
        assert_eq!(escape("plain “text”"), "plain “text”");
        let text = "x \u{202E}“y”";
        let at = text.find('“').unwrap();
        let (e, spans) = excerpt(text, &[Span::new(at, at + 3)], 80);
        assert_eq!(e.text, "x \\u{202E}“y”");
        assert_eq!(&e.text[spans[0].start..spans[0].end], "“");
    }

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(
            wrap("one two three four five", 15),
            "one two three\nfour five"
        );
        assert_eq!(wrap("short", 40), "short");
        assert_eq!(wrap("a breakwater", 8), "a\nbreakwat\ner");
    }
}
