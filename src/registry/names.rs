//! Names as the registry matches them: case and accents folded, punctuation and spacing
//! evened out, so "Lucía Ortega", "LUCIA ORTEGA" and "Lucia  Ortega" are one name.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The folded form of a name: NFKD without combining marks, lowercase, apostrophes and
/// hyphens kept, other punctuation dropped, whitespace collapsed.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '-' | '‐' | '‑') {
            out.push(if c == '’' {
                '\''
            } else if c == '\'' {
                c
            } else {
                '-'
            });
        } else if c.is_whitespace() || c == '.' || c == ',' {
            space = true;
        }
    };
    // Most names are ASCII: decomposing them would change nothing.
    if name.is_ascii() {
        name.chars().for_each(&mut push);
    } else {
        name.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .for_each(&mut push);
    }
    out
}

/// Names shorter than this are never reported as variants: too many real names are one or
/// two letters apart (Ann, Anna, Anne).
pub const MIN_VARIANT_LEN: usize = 5;

/// How many edits apart two names may be to count as variants of one another.
pub fn variant_distance(len: usize) -> usize {
    if len >= 8 {
        2
    } else {
        1
    }
}

/// The hashes of `word` whole and with every choice of up to `max` letters (at most two)
/// deleted: the keys of the registry's deletion index.
pub fn deletion_keys(word: &[char], max: usize) -> impl Iterator<Item = u64> + '_ {
    let n = word.len();
    let ones = (0..n).map(move |i| deletion_key(word, [i, usize::MAX]));
    // The filter stands before the hashing: with `max` 1 no pair is hashed at all.
    let twos = (0..n)
        .filter(move |_| max >= 2)
        .flat_map(move |i| (i + 1..n).map(move |j| deletion_key(word, [i, j])));
    std::iter::once(deletion_key(word, [usize::MAX; 2]))
        .chain(ones.filter(move |_| max >= 1))
        .chain(twos)
}

/// FNV-1a over the letters of `word` outside the positions `skip`.
fn deletion_key(word: &[char], skip: [usize; 2]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &c) in word.iter().enumerate() {
        if i != skip[0] && i != skip[1] {
            hash ^= u64::from(c);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Hashes already-hashed keys by passing them through.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

impl std::hash::BuildHasher for KeyHasher {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

/// The last word of a folded name: the surname a story uses on second reference.
pub fn surname(folded: &str) -> Option<&str> {
    let last = folded.rsplit(' ').next()?;
    (folded.contains(' ') && !last.is_empty()).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spacing() {
        assert_eq!(fold("Lucía  Ortega"), "lucia ortega");
        assert_eq!(fold("LUCIA ORTEGA"), "lucia ortega");
        assert_eq!(fold("Sen. Lucía Ortega"), "sen lucia ortega");
        assert_eq!(fold("Dee O’Neil"), "dee o'neil");
        assert_eq!(fold("Manzano-Díaz"), "manzano-diaz");
        assert_eq!(fold("Guaidó"), "guaido");
    }

    #[test]
    fn surnames() {
        assert_eq!(surname("lucia ortega"), Some("ortega"));
        assert_eq!(surname("ortega"), None);
    }
}
