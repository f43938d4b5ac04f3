//! How a word looks to the models: normalized spelling and shape.

/// Lowercase, every ASCII digit a `0`, and curly quotes as the straight ones the treebank
/// mostly uses, so `’s` and `'s`, or `1999` and `2024`, look alike.
pub fn normalize(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '0'..='9' => '0',
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The word's shape: `Xx` for `Senator`, `X.X.` for `U.S.`, `0,0` for `1,500`: letter case
/// and digits, runs collapsed, at most 8 symbols.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            '0'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
            if out.chars().count() >= 8 {
                break;
            }
        }
    }
    out
}

/// The last `n` characters (all of a shorter word).
pub fn suffix(word: &str, n: usize) -> &str {
    match word.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((at, _)) if n > 0 => &word[at..],
        _ => word,
    }
}

/// The first `n` characters (all of a shorter word).
pub fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((at, _)) => &word[..at],
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_digits_and_quotes() {
        assert_eq!(normalize("Senator’s"), "senator's");
        assert_eq!(normalize("1,984"), "0,000");
        assert_eq!(normalize("“"), "\"");
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Senator"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,500"), "0,0");
        assert_eq!(shape("McCain"), "XxXx");
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(suffix("ruling", 3), "ing");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(suffix("café", 2), "fé");
        assert_eq!(prefix("café", 4), "café");
        assert_eq!(prefix("über", 1), "ü");
    }
}
