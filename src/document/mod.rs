//! Markdown → prose with byte maps; front matter; suppression comments.
//!
//! Code spans and blocks, link destinations, autolinks, image descriptions, HTML tags and
//! comments, template tags and the front matter's YAML are not prose. The text content of
//! HTML blocks is: CMS exports leave whole paragraphs as `<p>…</p>`.

pub mod entities;
pub mod front_matter;
pub mod prose;
pub mod suppress;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

pub use front_matter::FrontMatter;
pub use prose::{BlockKind, ProseBlock, ProseBuilder, PLACEHOLDER};
pub use suppress::Suppression;

use crate::diagnostic::Finding;
use crate::span::Span;

/// What the reader of a document needs to know from the configuration.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Top-level front-matter keys whose values are published prose.
    pub prose_front_matter_keys: Vec<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            prose_front_matter_keys: [
                "title",
                "subtitle",
                "summary",
                "description",
                "dek",
                "excerpt",
                "lede",
                "caption",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// One article, read and taken apart.
#[derive(Debug)]
pub struct Document {
    pub path: String,
    pub text: String,
    pub front_matter: Option<FrontMatter>,
    /// Prose in reading order: front-matter fields first, then the body.
    pub blocks: Vec<ProseBlock>,
    /// Every `>` blockquote's file span, indexed by [`ProseBlock::blockquote`].
    pub blockquotes: Vec<Span>,
    pub suppressions: Vec<Suppression>,
    /// Registry ids named in the front matter's `citelint.sources`, with their spans.
    pub sources: Vec<(String, Span)>,
    /// What is wrong with the front matter's `citelint:` block (CS002).
    pub front_matter_findings: Vec<Finding>,
    /// Web links in the body (`[text](https://…)`), in order: a link in a quotation's
    /// sentence may be its source.
    pub links: Vec<Link>,
}

/// A Markdown link to a web page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The whole link in the file, `[text](url)`.
    pub span: Span,
    pub url: String,
}

#[derive(Debug, Default, Deserialize)]
struct FrontMatterMeta {
    #[serde(default)]
    citelint: Option<CitelintMeta>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CitelintMeta {
    #[serde(default)]
    ignore: Vec<serde_saphyr::Spanned<String>>,
    #[serde(default)]
    sources: Vec<serde_saphyr::Spanned<String>>,
}

impl Document {
    pub fn parse(path: impl Into<String>, text: String, options: &ReadOptions) -> Document {
        let front_matter = front_matter::split(&text);
        let body_start = front_matter
            .as_ref()
            .map_or(front_matter::bom_len(&text), |fm| fm.whole.end);
        let mut reader = Reader::new(&text, body_start);
        let mut sources = Vec::new();
        let mut front_matter_findings = Vec::new();
        if let Some(fm) = &front_matter {
            reader.blocks = front_matter::prose_fields(&text, fm, &options.prose_front_matter_keys);
            let meta = match citelint_meta(&text, fm) {
                Ok(meta) => meta,
                Err(finding) => {
                    front_matter_findings.push(*finding);
                    CitelintMeta::default()
                }
            };
            reader
                .suppressions
                .extend(front_matter_ignores(&text, fm, &meta.ignore));
            sources = meta
                .sources
                .iter()
                .map(|s| (s.value.clone(), yaml_span(fm, &s.referenced)))
                .collect();
        }
        reader.read_markdown();
        let Reader {
            blocks,
            blockquotes,
            mut suppressions,
            links,
            ..
        } = reader;
        suppress::resolve_scopes(&mut suppressions, &text);
        Document {
            path: path.into(),
            text,
            front_matter,
            blocks,
            blockquotes,
            suppressions,
            sources,
            front_matter_findings,
            links,
        }
    }
}

/// The front matter's `citelint:` block, read strictly: an unknown key or a value of the
/// wrong type is a finding (CS002), with the key probably meant. A front matter that is not
/// valid YAML is the site generator's problem, not a quotation problem; the article is still
/// checked.
fn citelint_meta(text: &str, fm: &FrontMatter) -> Result<CitelintMeta, Box<Finding>> {
    let yaml = &text[fm.yaml.clone()];
    if !yaml.contains("citelint") {
        return Ok(CitelintMeta::default());
    }
    match serde_saphyr::from_str::<FrontMatterMeta>(yaml) {
        Ok(meta) => Ok(meta.citelint.unwrap_or_default()),
        Err(e) => {
            let problem = crate::setup::yaml_problem(yaml, &e);
            if problem.kind == crate::setup::YamlProblemKind::Syntax {
                return Ok(CitelintMeta::default());
            }
            let span = problem.span.map_or(Span::empty(fm.yaml.start), |s| {
                let start = fm.yaml.start + s.offset();
                Span::new(start, start + s.len())
            });
            let mut finding = Finding::new(
                crate::catalog::Rule::InvalidFrontMatterDirective,
                span,
                format!(
                    "{} in the front matter's `citelint:` block",
                    problem.message
                ),
            )
            .with_label(problem.label);
            if let Some(help) = problem.help {
                finding = finding.with_help(help);
            }
            Err(Box::new(finding))
        }
    }
}

/// A location in the front matter's YAML as a span of the file.
fn yaml_span(fm: &FrontMatter, loc: &serde_saphyr::Location) -> Span {
    let span = loc.span();
    let start = fm.yaml.start + span.byte_offset().unwrap_or(0) as usize;
    Span::new(start, start + span.byte_len().unwrap_or(0) as usize)
}

/// `citelint: { ignore: [RULE…] }` in the front matter, as file-wide suppressions.
fn front_matter_ignores(
    text: &str,
    fm: &FrontMatter,
    ignore: &[serde_saphyr::Spanned<String>],
) -> Vec<Suppression> {
    ignore
        .iter()
        .map(|entry| {
            let span = yaml_span(fm, &entry.referenced);
            Suppression {
                directive: suppress::Directive::IgnoreFile,
                span,
                selectors: vec![suppress::Selector {
                    rule: crate::catalog::Rule::from_selector(&entry.value),
                    text: entry.value.clone(),
                    span,
                }],
                scope: Span::new(0, text.len()),
            }
        })
        .collect()
}

struct Reader<'a> {
    text: &'a str,
    body_start: usize,
    blocks: Vec<ProseBlock>,
    blockquotes: Vec<Span>,
    suppressions: Vec<Suppression>,
    current: ProseBuilder,
    current_kind: BlockKind,
    /// Open blockquotes, innermost last, as indexes into `blockquotes`.
    quote_stack: Vec<usize>,
    /// How many lists the reader is inside: their paragraphs are list items.
    list_depth: usize,
    links: Vec<Link>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, body_start: usize) -> Self {
        Reader {
            text,
            body_start,
            blocks: Vec::new(),
            blockquotes: Vec::new(),
            suppressions: Vec::new(),
            current: ProseBuilder::new(),
            current_kind: BlockKind::Paragraph,
            quote_stack: Vec::new(),
            list_depth: 0,
            links: Vec::new(),
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.list_depth > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn flush(&mut self) {
        let builder = std::mem::take(&mut self.current);
        if !builder.is_empty() {
            let block = builder.finish(self.current_kind, self.quote_stack.last().copied());
            if block.text.chars().any(|c| !c.is_whitespace()) {
                self.blocks.push(block);
            }
        }
        self.current_kind = self.paragraph_kind();
    }

    fn start_block(&mut self, kind: BlockKind) {
        self.flush();
        self.current_kind = if kind == BlockKind::Paragraph {
            self.paragraph_kind()
        } else {
            kind
        };
    }

    fn read_markdown(&mut self) {
        let body = &self.text[self.body_start..];
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        let base = self.body_start;
        // Text inside these is not prose: counts, since they nest.
        let mut skip = 0usize;
        let mut html_block: Option<Span> = None;
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let span = Span::new(base + range.start, base + range.end);
            match event {
                Event::Start(tag) => match tag {
                    Tag::Paragraph
                    | Tag::Item
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionListDefinition => self.start_block(BlockKind::Paragraph),
                    Tag::Heading { .. } => self.start_block(BlockKind::Heading),
                    Tag::TableCell => self.start_block(BlockKind::TableCell),
                    Tag::BlockQuote(_) => {
                        self.flush();
                        self.blockquotes.push(span);
                        self.quote_stack.push(self.blockquotes.len() - 1);
                    }
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                        self.flush();
                        skip += 1;
                    }
                    Tag::HtmlBlock => {
                        self.flush();
                        html_block = Some(span);
                    }
                    Tag::Image { .. } => skip += 1,
                    Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    } => skip += 1,
                    Tag::Link { dest_url, .. } if skip == 0 => self.add_link(&dest_url, span),
                    Tag::List(_) => {
                        self.flush();
                        self.list_depth += 1;
                        self.current_kind = self.paragraph_kind();
                    }
                    Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::DefinitionList
                    | Tag::DefinitionListTitle => self.flush(),
                    _ => {}
                },
                Event::End(tag) => match tag {
                    TagEnd::List(_) => {
                        self.flush();
                        self.list_depth = self.list_depth.saturating_sub(1);
                        self.current_kind = self.paragraph_kind();
                    }
                    TagEnd::BlockQuote(_) => {
                        self.flush();
                        self.quote_stack.pop();
                    }
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => skip = skip.saturating_sub(1),
                    TagEnd::HtmlBlock => {
                        if let Some(block) = html_block.take() {
                            self.read_html(block);
                        }
                    }
                    TagEnd::Image => skip = skip.saturating_sub(1),
                    // Only autolinks raised `skip`; a normal link's text is prose. The parser
                    // does not tell which link ended, so look at the source.
                    TagEnd::Link
                        if skip > 0 && self.text[span.start..span.end].starts_with('<') =>
                    {
                        skip -= 1
                    }
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::Heading(_)
                    | TagEnd::TableCell
                    | TagEnd::FootnoteDefinition
                    | TagEnd::Table
                    | TagEnd::TableHead
                    | TagEnd::TableRow
                    | TagEnd::DefinitionList
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition => self.flush(),
                    _ => {}
                },
                Event::Text(text) if skip == 0 => {
                    let source = &self.text[span.start..span.end];
                    self.current.push_decoded(&text, source, span.start);
                }
                Event::Code(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::FootnoteReference(_)
                    if skip == 0 =>
                {
                    let mut buf = [0u8; 4];
                    self.current
                        .push_opaque(PLACEHOLDER.encode_utf8(&mut buf), span);
                }
                Event::SoftBreak | Event::HardBreak if skip == 0 => {
                    self.current.push_opaque("\n", span)
                }
                Event::InlineHtml(html) => self.read_inline_html(&html, span),
                Event::Html(_) => {
                    if let Some(block) = html_block.as_mut() {
                        *block = block.cover(span);
                    }
                }
                Event::Rule => self.flush(),
                _ => {}
            }
        }
        self.flush();
    }

    /// Keeps a link to the web (a source a quotation may be checked against).
    fn add_link(&mut self, dest_url: &str, span: Span) {
        let web = ["http://", "https://"].iter().any(|p| {
            dest_url
                .get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p))
        });
        if web {
            self.links.push(Link {
                span,
                url: dest_url.to_string(),
            });
        }
    }

    fn read_inline_html(&mut self, html: &str, span: Span) {
        if html.starts_with("<!--") {
            if let Some(s) = suppress::parse_comment(html, span.start) {
                self.suppressions.push(s);
            }
        }
    }

    /// The text content of an HTML block, split into paragraphs at block-level tags.
    fn read_html(&mut self, block: Span) {
        let text = self.text;
        let bytes = text.as_bytes();
        let end = block.end;
        let mut pos = block.start;
        let mut run = pos;
        let mut skip_until: Option<&'static str> = None;
        self.start_block(BlockKind::Paragraph);
        while pos < end {
            let Some(lt) = memchr::memchr(b'<', &bytes[pos..end]).map(|i| pos + i) else {
                break;
            };
            if skip_until.is_none() {
                self.push_html_text(run, lt);
            }
            let rest = &text[lt..end];
            if rest.starts_with("<!--") {
                let close = rest.find("-->").map_or(end, |i| lt + i + 3);
                if let Some(s) = suppress::parse_comment(&text[lt..close], lt) {
                    self.suppressions.push(s);
                }
                pos = close;
                run = pos;
                continue;
            }
            let tag_end = tag_end(bytes, lt, end);
            let name: String = rest[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect::<String>()
                .to_ascii_lowercase();
            let (closing, name) = match name.strip_prefix('/') {
                Some(n) => (true, n.to_string()),
                None => (false, name),
            };
            if let Some(wanted) = skip_until {
                if closing && name == wanted {
                    skip_until = None;
                }
            } else if !closing {
                skip_until = match name.as_str() {
                    "script" => Some("script"),
                    "style" => Some("style"),
                    "pre" => Some("pre"),
                    "code" => Some("code"),
                    "textarea" => Some("textarea"),
                    "svg" => Some("svg"),
                    _ => None,
                };
            }
            if is_block_tag(&name) {
                self.start_block(BlockKind::Paragraph);
            }
            pos = tag_end;
            run = pos;
        }
        if skip_until.is_none() {
            self.push_html_text(run, end);
        }
        self.flush();
    }

    /// Text between HTML tags: entities decoded and mapped, line breaks kept.
    fn push_html_text(&mut self, start: usize, end: usize) {
        self.current
            .push_with_entities(&self.text[start..end], start);
    }
}

/// The end of the tag starting at `lt`, skipping `>` inside quoted attribute values.
fn tag_end(bytes: &[u8], lt: usize, end: usize) -> usize {
    let mut quote = None;
    let mut i = lt + 1;
    while i < end {
        match (quote, bytes[i]) {
            (None, b'"') | (None, b'\'') => quote = Some(bytes[i]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    end
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "aside"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "hr"
            | "dd"
            | "dt"
            | "dl"
            | "details"
            | "summary"
            | "main"
            | "nav"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Document {
        Document::parse("t.md", text.to_string(), &ReadOptions::default())
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn code_links_and_html_are_not_prose() {
        let doc = parse("Say `\"x\"` to [“him”](http://a.b/\"q\") <span title=\"a\">ok</span>\n\n```\n\"code\"\n```\n");
        assert_eq!(texts(&doc), vec!["Say \u{FFFC} to “him” ok"]);
    }

    #[test]
    fn web_links_are_kept_with_their_spans() {
        let text = "Read [the statement](https://example.org/s \"t\"), [a note](notes.md), <https://auto.example/> and ![img](https://img.example/x.png).\n";
        let doc = parse(text);
        assert_eq!(doc.links.len(), 1, "{:?}", doc.links);
        let link = &doc.links[0];
        assert_eq!(link.url, "https://example.org/s");
        assert_eq!(
            &text[link.span.start..link.span.end],
            "[the statement](https://example.org/s \"t\")"
        );
    }

    #[test]
    fn entities_in_markdown_map_to_their_source() {
        let text = "A &#8220;quote&#8221; here";
        let doc = parse(text);
        let b = &doc.blocks[0];
        assert_eq!(b.text, "A “quote” here");
        let open = b.text.find('“').unwrap();
        let span = b.file_span(open..open + '“'.len_utf8());
        assert_eq!(&text[span.start..span.end], "&#8220;");
    }

    #[test]
    fn html_blocks_give_paragraphs_with_entities() {
        let text = "<p>“There&#8217;s more.”</p>\n<p><em>Second</em></p>\n";
        let doc = parse(text);
        assert_eq!(texts(&doc), vec!["“There’s more.”", "Second"]);
        let b = &doc.blocks[0];
        let apos = b.text.find('’').unwrap();
        let span = b.file_span(apos..apos + 3);
        assert_eq!(&text[span.start..span.end], "&#8217;");
    }

    #[test]
    fn front_matter_and_bom_are_skipped_but_title_is_prose() {
        let text = "\u{FEFF}---\ntitle: A “b”\ndate: 2020\n---\nBody.\n";
        let doc = parse(text);
        assert_eq!(texts(&doc), vec!["A “b”", "Body."]);
        assert_eq!(doc.blocks[0].kind, BlockKind::FrontMatter);
    }

    #[test]
    fn blockquotes_are_recorded() {
        let doc = parse("> one\n>\n> two\n\nthree\n");
        assert_eq!(doc.blockquotes.len(), 1);
        assert_eq!(doc.blocks[0].blockquote, Some(0));
        assert_eq!(doc.blocks[2].blockquote, None);
    }

    #[test]
    fn suppression_comments_are_collected() {
        let doc =
            parse("<!-- citelint-disable CQ001 -->\n\nText ”\n\n<!-- citelint-enable CQ001 -->\n");
        assert_eq!(doc.suppressions.len(), 2);
        assert!(doc.suppressions[0].scope.end > doc.suppressions[0].scope.start);
    }
}
