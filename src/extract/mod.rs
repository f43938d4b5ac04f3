//! Source text extraction: the words of a source document, whether a local copy or a
//! fetched page. Plain text as it is, HTML without its markup and page furniture, PDF
//! through pdf-extract in a guarded worker, bot walls recognised ([`walls`]). Verification
//! and fetching both use it; it touches no network.

pub mod page;
pub mod walls;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use scraper::{Html, Node};

/// How long one PDF may take to yield its text before it counts as unreadable.
pub const PDF_TIME_LIMIT: Duration = Duration::from_secs(20);
/// Larger source files are not read: an index of them would not fit a newsroom laptop.
pub const MAX_SOURCE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Pdf,
}

/// The format of a source, from its contents first and its name second.
pub fn format_of(path: &Path, bytes: &[u8]) -> Format {
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pdf") => Format::Pdf,
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
            if head.trim_start().starts_with("<!doctype html") || head.contains("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// The text of a source document, or why it has none.
pub fn text_of(bytes: Vec<u8>, format: Format) -> Result<String, String> {
    match format {
        Format::Text => decode(bytes),
        Format::Html => decode(bytes).map(|text| html_text(&text)),
        Format::Pdf => pdf_text(bytes),
    }
}

/// The text of a fetched page. The format comes from the `Content-Type` header, else from
/// the bytes and the URL's path; the character set from the header, else (for HTML) from a
/// `<meta>` near the top, else as [`decode`] guesses.
pub fn text_of_response(
    bytes: Vec<u8>,
    content_type: Option<&str>,
    url_path: &str,
) -> Result<String, String> {
    let mime = content_type
        .and_then(|t| t.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    let format = match mime.as_deref() {
        Some("application/pdf") => Format::Pdf,
        Some("text/html" | "application/xhtml+xml") => Format::Html,
        Some("text/plain") => Format::Text,
        _ => format_of(Path::new(url_path), &bytes),
    };
    if format == Format::Pdf {
        return pdf_text(bytes);
    }
    let label = content_type.and_then(charset_param).or_else(|| {
        (format == Format::Html)
            .then(|| meta_charset(&bytes))
            .flatten()
    });
    let text = match label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        // The byte-order mark, when there is one, wins over the label (as browsers do).
        Some(encoding) => encoding.decode(&bytes).0.into_owned(),
        None => decode(bytes)?,
    };
    Ok(match format {
        Format::Html => html_text(&text),
        _ => text,
    })
}

/// `charset=…` in a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The character set a page declares in `<meta charset>` or `<meta http-equiv
/// content="…; charset=…">`, looked for where browsers look: the first 1,024 bytes.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Text from bytes: UTF-8, or UTF-16 with a byte-order mark, or else Latin-1 (every byte a
/// character, so an old Windows transcript keeps its accented letters). Bytes with NULs
/// in them and no UTF-16 mark are not text at all.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |bytes: &[u8], little: bool| {
        let units = bytes.chunks_exact(2).map(|pair| {
            if little {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return Ok(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return Ok(utf16(rest, false));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text))
        }
        Err(e) => e.into_bytes(),
    };
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err("the file is binary, not text".to_string());
    }
    Ok(bytes.iter().map(|&b| char::from(b)).collect())
}

/// Elements whose text is not the document's: code, styling, and page furniture (menus,
/// headers, footers, sidebars) that would only add noise to the words searched.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
    "form", "button", "iframe", "object",
];

/// Elements that end a line of text: their words never run into the next element's.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "figure",
    "figcaption",
    "pre",
    "dd",
    "dt",
];

/// Deeper nesting than this is not a page but an attack: the HTML tree builder checks
/// the stack of open elements for every new one, which is quadratic in the depth.
const MAX_NESTING: usize = 1_000;

/// Elements that need no end tag, or whose end tag the parser supplies: they add no depth.
const SELF_CLOSING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];

/// The visible text of an HTML page, one line per block.
pub fn html_text(html: &str) -> String {
    if nesting_depth(html) > MAX_NESTING {
        return stripped_text(html);
    }
    let document = Html::parse_document(html);
    let mut out = String::new();
    // An explicit stack: a hostile page may nest elements deeper than the call stack goes.
    let mut stack = vec![document.tree.root()];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    out.push('\n');
                }
            }
            _ => {}
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// The deepest nesting of elements in `html`, estimated from its tags in one pass. As
/// the HTML parser does, `<div/>` opens a div and an end tag that matches nothing open
/// closes nothing; an end tag is matched against the few innermost open elements only,
/// which keeps the estimate linear and errs towards deeper.
fn nesting_depth(html: &str) -> usize {
    const MATCH_WITHIN: usize = 8;
    let mut open: Vec<&str> = Vec::new();
    let mut deepest = 0;
    for at in memchr::memchr_iter(b'<', html.as_bytes()) {
        let rest = &html[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = &rest[..name_len];
        if closing {
            let innermost = open.len().saturating_sub(MATCH_WITHIN);
            if let Some(i) = open[innermost..]
                .iter()
                .rposition(|o| o.eq_ignore_ascii_case(name))
            {
                open.truncate(innermost + i);
            }
        } else if !SELF_CLOSING.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            open.push(name);
            deepest = deepest.max(open.len());
        }
    }
    deepest
}

/// The text of HTML too hostile to parse as a tree: tags dropped, the contents of
/// [`SKIPPED`] elements dropped, character references decoded. Linear in the input.
fn stripped_text(html: &str) -> String {
    // ASCII lowercasing keeps every byte offset, so one copy serves every end-tag search.
    let lower = html.to_ascii_lowercase();
    let mut out = String::new();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        push_decoded(&mut out, &html[at..open]);
        let Some(end) = html[open..].find('>').map(|i| open + i) else {
            return out;
        };
        let name_end = lower[open + 1..end]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(end, |i| open + 1 + i);
        let name = &lower[open + 1..name_end];
        at = end + 1;
        if SKIPPED.contains(&name) && !html[..end].ends_with('/') {
            // On to the matching end tag (not counting nesting: these rarely nest).
            at = match lower[at..].find(&format!("</{name}")).map(|i| at + i) {
                Some(close) => html[close..]
                    .find('>')
                    .map_or(html.len(), |e| close + e + 1),
                None => html.len(),
            };
        }
        out.push(' ');
    }
    push_decoded(&mut out, &html[at..]);
    out
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        match crate::document::entities::decode_at(&rest[amp..]) {
            Some((len, decoded)) => {
                out.push_str(&decoded);
                rest = &rest[amp + len..];
            }
            None => {
                out.push('&');
                rest = &rest[amp + 1..];
            }
        }
    }
    out.push_str(rest);
}

const PDF_THREAD: &str = "citelint-pdf";

/// The text of a PDF, read on a worker thread: a PDF that makes the reader panic, or
/// takes longer than [`PDF_TIME_LIMIT`], is reported as unreadable and never ends the run.
#[cfg(feature = "pdf")]
pub fn pdf_text(bytes: Vec<u8>) -> Result<String, String> {
    quiet_pdf_panics();
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(PDF_THREAD.into())
        .spawn(move || {
            let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&bytes));
            let _ = send.send(match result {
                Ok(Ok(text)) => Ok(text),
                Ok(Err(e)) => Err(format!("the PDF could not be read: {e}")),
                Err(_) => Err("the PDF reader failed on this file".to_string()),
            });
        });
    if let Err(e) = spawned {
        return Err(format!("could not start the PDF reader: {e}"));
    }
    match receive.recv_timeout(PDF_TIME_LIMIT) {
        Ok(result) => result,
        // The worker is left to finish on its own; its result is never read.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "reading the PDF took longer than {} s",
            PDF_TIME_LIMIT.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the PDF reader failed on this file".to_string())
        }
    }
}

#[cfg(not(feature = "pdf"))]
pub fn pdf_text(_bytes: Vec<u8>) -> Result<String, String> {
    let _ = (mpsc::channel::<()>, PDF_THREAD, PDF_TIME_LIMIT);
    Err("this citelint was built without PDF support (the `pdf` feature)".to_string())
}

/// A panic inside the PDF reader is an expected outcome for a broken file, reported as a
/// finding: its message must not reach the terminal. Other threads keep the usual hook.
#[cfg(feature = "pdf")]
fn quiet_pdf_panics() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(PDF_THREAD) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_skips_furniture_and_code() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body>\
            <nav><a href=/>Home</a> | <a href=/news>News</a></nav>\
            <article><h1>Budget</h1><p>The mayor said: &ldquo;We will <b>not</b> raise fares.&rdquo;</p>\
            <script>var x = \"raise fares\";</script><p>Second&nbsp;paragraph.</p></article>\
            <footer>Copyright</footer></body></html>";
        let text = html_text(page);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            words,
            vec![
                "Budget",
                "The",
                "mayor",
                "said:",
                "“We",
                "will",
                "not",
                "raise",
                "fares.”",
                "Second",
                "paragraph."
            ]
        );
    }

    #[test]
    fn deeply_nested_html_is_read_without_the_tree_builder() {
        let page = format!(
            "<nav>menu</nav>{}deep &amp; <script>x</script>down{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(nesting_depth(&page), 100_001);
        let words: Vec<String> = html_text(&page)
            .split_whitespace()
            .map(String::from)
            .collect();
        assert_eq!(words, vec!["deep", "&", "down"]);
        // Ordinary pages, with their unclosed paragraphs, use the tree builder.
        assert_eq!(
            nesting_depth("<html><body><p>a<p>b<br><img src=x/><div>c</div>"),
            3
        );
        // What the parser keeps open counts, whatever the markup pretends.
        assert_eq!(nesting_depth(&"<div/>".repeat(5_000)), 5_000);
        assert_eq!(nesting_depth(&"<div></i>".repeat(5_000)), 5_000);
        assert!(html_text(&"<a".repeat(100_000)).trim().is_empty());
    }

    #[test]
    fn decodes_utf8_utf16_and_latin1_and_refuses_binary() {
        assert_eq!(
            decode("\u{feff}Guaidó".as_bytes().to_vec()).unwrap(),
            "Guaidó"
        );
        assert_eq!(decode(b"Guaid\xf3".to_vec()).unwrap(), "Guaidó");
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Sí".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le).unwrap(), "Sí");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Sí".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be).unwrap(), "Sí");
        assert!(decode(b"\x89PNG\r\n\x1a\n\x00\x00\xff".to_vec()).is_err());
    }

    #[test]
    fn fetched_pages_take_their_charset_from_the_header_then_the_meta() {
        let latin1 = b"<html><body><p>El se\xf1or dijo: caf\xe9</p></body></html>".to_vec();
        let text =
            text_of_response(latin1.clone(), Some("text/html; charset=ISO-8859-1"), "/").unwrap();
        assert!(text.contains("El señor dijo: café"), "{text}");
        let with_meta = [
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93Quoted\x94</body></html>"
                .as_slice(),
        ]
        .concat();
        let text = text_of_response(with_meta, Some("text/html"), "/").unwrap();
        assert!(text.contains("\u{201c}Quoted\u{201d}"), "{text}");
        let plain =
            text_of_response(b"<p>not html</p>".to_vec(), Some("text/plain"), "/a.html").unwrap();
        assert_eq!(plain, "<p>not html</p>");
        // No header: the bytes and the path decide.
        let sniffed = text_of_response(b"<!DOCTYPE html><p>Hi</p>".to_vec(), None, "/x").unwrap();
        assert_eq!(sniffed.trim(), "Hi");
        assert_eq!(
            charset_param("text/html; Charset=\"utf-8\""),
            Some("utf-8".into())
        );
    }

    #[test]
    fn formats_by_content_then_name() {
        assert_eq!(format_of(Path::new("a.txt"), b"%PDF-1.4"), Format::Pdf);
        assert_eq!(format_of(Path::new("a.htm"), b"hello"), Format::Html);
        assert_eq!(
            format_of(Path::new("a"), b"<!DOCTYPE html><p>x"),
            Format::Html
        );
        assert_eq!(format_of(Path::new("a.txt"), b"plain"), Format::Text);
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn a_corrupt_pdf_is_an_error_not_a_crash() {
        let result = pdf_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage".to_vec());
        assert!(result.is_err(), "{result:?}");
    }
}
