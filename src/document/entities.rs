//! HTML character references, as far as prose needs them.
//!
//! pulldown-cmark decodes every entity in Markdown text; this module decodes them again at
//! the source position so the prose map can tell which characters came from an entity, and
//! decodes HTML blocks, which the parser hands over raw.

/// Named entities that can appear in news copy. pulldown-cmark knows all of HTML5's; an
/// entity it decodes that is missing here only makes the prose map coarser, never wrong.
const NAMED: &[(&str, &str)] = &[
    ("quot", "\""),
    ("apos", "'"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("rsquor", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("rdquor", "”"),
    ("bdquo", "„"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("prime", "′"),
    ("Prime", "″"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("nbsp", "\u{a0}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("hairsp", "\u{200a}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("shy", "\u{ad}"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("middot", "·"),
    ("bull", "•"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("aacute", "á"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("uacute", "ú"),
    ("ntilde", "ñ"),
    ("ccedil", "ç"),
    ("uuml", "ü"),
    ("ouml", "ö"),
    ("auml", "ä"),
];

/// Decodes the character reference at the start of `s` (which starts with `&`). Returns
/// its length in bytes and what it stands for.
pub fn decode_at(s: &str) -> Option<(usize, String)> {
    let body_end = s.as_bytes().iter().take(34).position(|&b| b == b';')?;
    let body = &s[1..body_end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // As HTML does: NUL and surrogates become U+FFFD.
        let ch = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        ch.to_string()
    } else {
        NAMED
            .iter()
            .find(|(name, _)| *name == body)
            .map(|(_, text)| text.to_string())?
    };
    Some((body_end + 1, decoded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_numeric_and_named() {
        assert_eq!(decode_at("&#8220;x"), Some((7, "“".into())));
        assert_eq!(decode_at("&#x201D;"), Some((8, "”".into())));
        assert_eq!(decode_at("&rsquo;s"), Some((7, "’".into())));
        assert_eq!(decode_at("&#0;"), Some((4, "\u{FFFD}".into())));
        assert_eq!(decode_at("&#99999999999;"), None);
        assert_eq!(decode_at("&bogus;"), None);
        assert_eq!(decode_at("& no"), None);
    }
}
