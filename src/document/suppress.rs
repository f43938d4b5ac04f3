//! Suppression comments and front-matter `ignore` lists. They are collected while the
//! document is read and applied to the findings after every rule has run.

use crate::catalog::Rule;
use crate::diagnostic::Finding;
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directive {
    Disable,
    Enable,
    DisableNextLine,
    /// A front-matter `citelint.ignore` entry: the whole file.
    IgnoreFile,
}

/// One rule named by a suppression, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    pub text: String,
    pub span: Span,
    pub rule: Option<Rule>,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub directive: Directive,
    /// The comment (or front-matter entry) itself.
    pub span: Span,
    /// Empty: every rule.
    pub selectors: Vec<Selector>,
    /// The file bytes it covers; set by [`resolve_scopes`].
    pub scope: Span,
}

/// Reads `<!-- citelint-disable[-next-line] RULE… -->` or `<!-- citelint-enable … -->`
/// from an HTML comment at file offset `at`.
pub fn parse_comment(comment: &str, at: usize) -> Option<Suppression> {
    let inner = comment.strip_prefix("<!--")?.trim_end();
    let inner = inner.strip_suffix("-->")?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    let (directive, rest) = if let Some(r) = body.strip_prefix("citelint-disable-next-line") {
        (Directive::DisableNextLine, r)
    } else if let Some(r) = body.strip_prefix("citelint-disable") {
        (Directive::Disable, r)
    } else if let Some(r) = body.strip_prefix("citelint-enable") {
        (Directive::Enable, r)
    } else {
        return None;
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest_off = at + 4 + lead + (body.len() - rest.len());
    let mut selectors = Vec::new();
    let mut pos = 0;
    for word in rest.split(|c: char| c.is_whitespace() || c == ',') {
        let off = rest[pos..].find(word).map_or(pos, |i| pos + i);
        pos = off + word.len();
        if word.is_empty() {
            continue;
        }
        selectors.push(Selector {
            text: word.to_string(),
            span: Span::new(rest_off + off, rest_off + off + word.len()),
            rule: Rule::from_selector(word),
        });
    }
    Some(Suppression {
        directive,
        span: Span::new(at, at + comment.len()),
        selectors,
        scope: Span::empty(at),
    })
}

/// Gives each suppression the bytes it covers: a `disable` runs to the matching `enable`
/// (or the end of the file), a `disable-next-line` covers the next line that is not blank.
pub fn resolve_scopes(suppressions: &mut [Suppression], text: &str) {
    let len = suppressions.len();
    for i in 0..len {
        let s = &suppressions[i];
        let scope = match s.directive {
            Directive::IgnoreFile => Span::new(0, text.len()),
            Directive::Enable => Span::empty(s.span.end),
            Directive::Disable => {
                let end = suppressions[i + 1..]
                    .iter()
                    .find(|later| {
                        later.directive == Directive::Enable
                            && (later.selectors.is_empty()
                                || s.selectors.is_empty()
                                || later
                                    .selectors
                                    .iter()
                                    .any(|l| s.selectors.iter().any(|x| x.rule == l.rule)))
                    })
                    .map_or(text.len(), |later| later.span.start);
                Span::new(s.span.end, end)
            }
            Directive::DisableNextLine => {
                let after = memchr::memchr(b'\n', &text.as_bytes()[s.span.end..])
                    .map_or(text.len(), |i| s.span.end + i + 1);
                let mut start = after;
                // Skip blank lines: the comment usually sits on its own line above a paragraph.
                while start < text.len() {
                    let end = memchr::memchr(b'\n', &text.as_bytes()[start..])
                        .map_or(text.len(), |i| start + i);
                    if !text[start..end].trim().is_empty() {
                        break;
                    }
                    start = (end + 1).min(text.len());
                }
                let end = memchr::memchr(b'\n', &text.as_bytes()[start..])
                    .map_or(text.len(), |i| start + i + 1);
                Span::new(start, end)
            }
        };
        suppressions[i].scope = scope;
    }
}

/// Removes suppressed findings and reports suppressions that suppressed nothing.
/// Suppressions naming a rule that is switched off are not reported as unused.
pub fn apply(
    findings: Vec<Finding>,
    suppressions: &[Suppression],
    enabled: &dyn Fn(Rule) -> bool,
) -> Vec<Finding> {
    let active: Vec<&Suppression> = suppressions
        .iter()
        .filter(|s| s.directive != Directive::Enable)
        .collect();
    // used[i][j]: selector j of active suppression i hid something (j = 0 for "all rules").
    let mut used: Vec<Vec<bool>> = active
        .iter()
        .map(|s| vec![false; s.selectors.len().max(1)])
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    'finding: for finding in findings {
        for (i, s) in active.iter().enumerate() {
            let inside = s.scope.start <= finding.span.start
                && finding.span.start < s.scope.end.max(s.scope.start + 1);
            if !inside {
                continue;
            }
            if s.selectors.is_empty() {
                used[i][0] = true;
                continue 'finding;
            }
            if let Some(j) = s
                .selectors
                .iter()
                .position(|sel| sel.rule == Some(finding.rule))
            {
                used[i][j] = true;
                continue 'finding;
            }
        }
        kept.push(finding);
    }
    for (i, s) in active.iter().enumerate() {
        if s.selectors.is_empty() {
            if !used[i][0] {
                kept.push(
                    Finding::new(
                        Rule::UnusedSuppression,
                        s.span,
                        "this suppression hides no finding",
                    )
                    .with_label("suppresses nothing")
                    .with_help("delete it; a stale suppression hides the next real defect here"),
                );
            }
            continue;
        }
        for (j, sel) in s.selectors.iter().enumerate() {
            let finding = match sel.rule {
                None => Finding::new(
                    Rule::UnusedSuppression,
                    sel.span,
                    format!("`{}` is not a citelint rule", sel.text),
                )
                .with_label("unknown rule")
                .with_help(Rule::suggest(&sel.text)),
                Some(rule) if !used[i][j] && enabled(rule) => Finding::new(
                    Rule::UnusedSuppression,
                    sel.span,
                    format!("this suppression of {} hides no finding", rule.code()),
                )
                .with_label("suppresses nothing")
                .with_help("delete it; a stale suppression hides the next real defect here"),
                Some(_) => continue,
            };
            kept.push(finding);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives_and_selector_spans() {
        let c = "<!-- citelint-disable CQ001, unclosed-quote -->";
        let s = parse_comment(c, 100).unwrap();
        assert_eq!(s.directive, Directive::Disable);
        assert_eq!(s.selectors.len(), 2);
        assert_eq!(s.selectors[0].span, Span::new(122, 127));
        assert_eq!(&c[22..27], "CQ001");
        assert_eq!(s.selectors[1].rule, Some(Rule::UnclosedQuote));
        assert!(parse_comment("<!-- citelint-disablefoo -->", 0).is_none());
        assert!(parse_comment("<!-- a comment -->", 0).is_none());
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let text = "<!-- citelint-disable-next-line -->\n\nline two\nline three";
        let mut s = vec![parse_comment("<!-- citelint-disable-next-line -->", 0).unwrap()];
        resolve_scopes(&mut s, text);
        assert_eq!(&text[s[0].scope.start..s[0].scope.end], "line two\n");
    }
}
