//! Front matter: split off by hand, never by the Markdown parser (its metadata option
//! swallows later `---` blocks). Published strings in it (`title`, `summary`, …) are prose.

use std::ops::Range;

use super::prose::{BlockKind, ProseBlock, ProseBuilder};
pub use crate::span::bom_len;
use crate::span::Span;

/// Where the front matter lies in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The YAML between the fences.
    pub yaml: Range<usize>,
    /// Everything through the closing fence's line break.
    pub whole: Range<usize>,
}

/// Lines of `text` from `from`, each as (start, end without terminator, next line start).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let next =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        let mut end = next;
        if end > start && text.as_bytes()[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        pos = next;
        Some((start, end, next))
    })
}

/// Finds a leading `---` … `---` (or `...`) block after an optional BOM.
pub fn split(text: &str) -> Option<FrontMatter> {
    let start = bom_len(text);
    let mut lines = lines_from(text, start);
    let (s, e, yaml_start) = lines.next()?;
    if text[s..e].trim_end() != "---" {
        return None;
    }
    for (s, e, next) in lines {
        let line = text[s..e].trim_end();
        if line == "---" || line == "..." {
            return Some(FrontMatter {
                yaml: yaml_start..s,
                whole: start..next,
            });
        }
    }
    None
}

/// How the top-level front-matter value around a byte is written, for an edit that must
/// keep the YAML valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    /// `title: plain words`; `line_start` says the byte begins its line's text (the value's
    /// first character, or a continuation line's), where a quote mark would open a quoted
    /// scalar instead of being part of the words.
    Plain { line_start: bool },
    /// `title: 'single-quoted'` (a `'` inside is written `''`).
    SingleQuoted,
    /// `title: "double-quoted"` (a `"` inside is written `\"`).
    DoubleQuoted,
    /// `title: |` or `title: >`: any character stands for itself.
    Block,
    /// Anything else (a nested mapping, a flow collection, a value on the next line).
    Other,
}

/// The style of the top-level value that byte `at` of `text` lies in (inside `fm.yaml`).
pub fn scalar_style_at(text: &str, fm: &FrontMatter, at: usize) -> ScalarStyle {
    let mut style = ScalarStyle::Other;
    for (s, e, _) in lines_from(&text[..fm.yaml.end], fm.yaml.start) {
        if s > at {
            break;
        }
        let line = &text[s..e];
        let top_level = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if top_level {
            style = match line.find(':') {
                Some(colon) if !line[..colon].is_empty() => {
                    let value = line[colon + 1..].trim_start();
                    let value_start = e - line[colon + 1..].trim_start().len();
                    match value.chars().next() {
                        Some('\'') => ScalarStyle::SingleQuoted,
                        Some('"') => ScalarStyle::DoubleQuoted,
                        Some('|') | Some('>') => ScalarStyle::Block,
                        Some('[') | Some('{') | Some('&') | Some('*') | Some('!') | None => {
                            ScalarStyle::Other
                        }
                        Some(_) => ScalarStyle::Plain {
                            line_start: at == value_start,
                        },
                    }
                }
                _ => ScalarStyle::Other,
            };
        } else if let ScalarStyle::Plain { .. } = style {
            // A continuation line of a plain scalar.
            let text_start = e - line.trim_start().len();
            style = ScalarStyle::Plain {
                line_start: at == text_start,
            };
        }
    }
    style
}

/// Turns the published strings of the front matter (top-level keys listed in `keys`) into
/// prose blocks. Handles plain, single-quoted, double-quoted and block scalars; anything
/// else is left alone, since a linter must not guess at YAML.
pub fn prose_fields(text: &str, fm: &FrontMatter, keys: &[String]) -> Vec<ProseBlock> {
    let mut out = Vec::new();
    let lines: Vec<(usize, usize, usize)> =
        lines_from(&text[..fm.yaml.end], fm.yaml.start).collect();
    let mut i = 0;
    while i < lines.len() {
        let (s, e, _) = lines[i];
        i += 1;
        let line = &text[s..e];
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = &line[..colon];
        if key.is_empty()
            || key.starts_with([' ', '\t', '#', '-'])
            || !keys.iter().any(|k| k == key)
        {
            continue;
        }
        let after = &line[colon + 1..];
        let value_off = s + colon + 1 + (after.len() - after.trim_start().len());
        let value = text[value_off..e].trim_end();
        // Continuation lines: indented, until the next top-level line.
        let mut cont = Vec::new();
        while i < lines.len() {
            let (cs, ce, _) = lines[i];
            let l = &text[cs..ce];
            if l.trim().is_empty() || l.starts_with([' ', '\t']) {
                cont.push((cs, ce));
                i += 1;
            } else {
                break;
            }
        }
        while cont
            .last()
            .is_some_and(|&(cs, ce)| text[cs..ce].trim().is_empty())
        {
            cont.pop();
        }
        let mut b = ProseBuilder::new();
        match value.chars().next() {
            Some('\'') | Some('"') => {
                let quote = value.as_bytes()[0];
                quoted_scalar(text, value_off, e, &cont, quote, &mut b);
            }
            Some('|') | Some('>') | None => {
                for (n, &(cs, ce)) in cont.iter().enumerate() {
                    if n > 0 {
                        b.push_opaque("\n", Span::new(cs - 1, cs));
                    }
                    let l = &text[cs..ce];
                    let indent = l.len() - l.trim_start().len();
                    b.push_with_entities(l.trim(), cs + indent);
                }
            }
            Some(_) => {
                b.push_with_entities(value, value_off);
                for &(cs, ce) in &cont {
                    let l = &text[cs..ce];
                    let indent = l.len() - l.trim_start().len();
                    b.push_opaque("\n", Span::new(cs - 1, cs));
                    b.push_with_entities(l.trim(), cs + indent);
                }
            }
        }
        if !b.is_empty() {
            out.push(b.finish(BlockKind::FrontMatter, None));
        }
    }
    out
}

/// A YAML quoted scalar from `start` (its opening quote) across the continuation lines.
fn quoted_scalar(
    text: &str,
    start: usize,
    first_end: usize,
    cont: &[(usize, usize)],
    quote: u8,
    b: &mut ProseBuilder,
) {
    let mut ranges = vec![(start + 1, first_end)];
    ranges.extend(cont.iter().copied());
    for (n, (rs, re)) in ranges.into_iter().enumerate() {
        let (rs, re) = if n > 0 {
            let l = &text[rs..re];
            b.push_opaque(" ", Span::new(rs - 1, rs));
            (rs + (l.len() - l.trim_start().len()), re)
        } else {
            (rs, re)
        };
        let mut run_start = rs;
        let mut pos = rs;
        let bytes = text.as_bytes();
        while pos < re {
            let c = bytes[pos];
            if c == quote {
                if quote == b'\'' && bytes.get(pos + 1) == Some(&b'\'') {
                    b.push_with_entities(&text[run_start..pos], run_start);
                    b.push_opaque("'", Span::new(pos, pos + 2));
                    pos += 2;
                    run_start = pos;
                    continue;
                }
                b.push_with_entities(&text[run_start..pos], run_start);
                return;
            }
            if quote == b'"' && c == b'\\' && pos + 1 < re {
                let next = bytes[pos + 1];
                if next == b'"' || next == b'\\' {
                    b.push_with_entities(&text[run_start..pos], run_start);
                    b.push_opaque(
                        if next == b'"' { "\"" } else { "\\" },
                        Span::new(pos, pos + 2),
                    );
                    pos += 2;
                    run_start = pos;
                    continue;
                }
            }
            pos += 1;
        }
        b.push_with_entities(&text[run_start..re], run_start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<String> {
        vec!["title".into(), "summary".into()]
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{FEFF}---\r\ntitle: x\r\n---\r\nbody";
        let fm = split(text).unwrap();
        assert_eq!(&text[fm.yaml.clone()], "title: x\r\n");
        assert_eq!(&text[fm.whole.end..], "body");
    }

    #[test]
    fn unterminated_front_matter_is_not_front_matter() {
        assert_eq!(split("---\ntitle: x\n"), None);
        assert_eq!(split("text\n---\n"), None);
    }

    #[test]
    fn single_quoted_scalar_maps_doubled_quotes() {
        let text = "---\ntitle: 'It''s “here”'\ntags: x\n---\n";
        let fm = split(text).unwrap();
        let blocks = prose_fields(text, &fm, &keys());
        assert_eq!(blocks.len(), 1);
        let b = &blocks[0];
        assert_eq!(b.text, "It's “here”");
        let open = b.text.find('“').unwrap();
        let span = b.file_span(open..open + 3);
        assert_eq!(&text[span.start..span.end], "“");
    }

    #[test]
    fn scalar_styles() {
        let text = "---\na: plain &quot;x\n  more\nb: 'single'\nc: \"double\"\nd: >\n  folded\ne:\n  f: 1\n---\n";
        let fm = split(text).unwrap();
        let at = |needle: &str| scalar_style_at(text, &fm, text.find(needle).unwrap());
        assert_eq!(at("plain"), ScalarStyle::Plain { line_start: true });
        assert_eq!(at("&quot;"), ScalarStyle::Plain { line_start: false });
        assert_eq!(at("more"), ScalarStyle::Plain { line_start: true });
        assert_eq!(at("single"), ScalarStyle::SingleQuoted);
        assert_eq!(at("double"), ScalarStyle::DoubleQuoted);
        assert_eq!(at("folded"), ScalarStyle::Block);
        assert_eq!(at("f: 1"), ScalarStyle::Other);
    }

    #[test]
    fn plain_and_block_scalars() {
        let text = "---\nsummary: He said “no”\n  and left.\ntitle: >\n  A “b”\n  c\n---\n";
        let fm = split(text).unwrap();
        let blocks = prose_fields(text, &fm, &keys());
        assert_eq!(blocks[0].text, "He said “no”\nand left.");
        assert_eq!(blocks[1].text, "A “b”\nc");
    }
}
