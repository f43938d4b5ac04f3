//! The weight file format: compact, and read without trusting the bytes.
//!
//! ```text
//! "CLLM" version:u8
//! classes:  count, then per class: length, UTF-8 name
//! lexicon:  count, then per entry: length, UTF-8 word, value
//! scale:    f32 (little-endian): a stored weight is an integer times this
//! features: count, then per feature, sorted by key:
//!           key minus the previous key, entries:u8, per entry: class:u8, zigzag weight
//! ```
//! Every count, length, key step and weight is a LEB128 varint. Keys are 32-bit folds of the
//! 64-bit feature hashes; weights are averaged perceptron weights, pruned below a threshold
//! and quantized to 16 bits.

use std::collections::BTreeMap;

use super::perceptron::{fold, Weights};

const MAGIC: &[u8; 4] = b"CLLM";
const VERSION: u8 = 1;

/// Why a weight file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a citelint language model (bad magic bytes)")]
    BadMagic,
    #[error("unsupported model version {0}")]
    Version(u8),
    #[error("the model file ends early, at byte {0}")]
    Truncated(usize),
    #[error("the model file is corrupt at byte {at}: {what}")]
    Corrupt { at: usize, what: &'static str },
}

/// A decoded weight file.
#[derive(Debug, Default)]
pub struct ModelFile {
    pub classes: Vec<String>,
    pub lexicon: Vec<(String, u32)>,
    pub weights: Weights,
}

/// Encodes averaged weights, dropping those whose magnitude is below `prune`.
pub fn encode(
    classes: &[String],
    lexicon: &[(String, u32)],
    averaged: &[(u64, Vec<(u8, f32)>)],
    prune: f32,
) -> Vec<u8> {
    // Fold the keys first: two features that fold alike share one row (rare, harmless).
    let mut rows: BTreeMap<u32, BTreeMap<u8, f32>> = BTreeMap::new();
    for (feature, entries) in averaged {
        for &(class, weight) in entries {
            if weight.abs() >= prune {
                *rows
                    .entry(fold(*feature))
                    .or_default()
                    .entry(class)
                    .or_default() += weight;
            }
        }
    }
    let max = rows
        .values()
        .flat_map(|row| row.values())
        .fold(0.0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 {
        max / f32::from(i16::MAX)
    } else {
        1.0
    };
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    put_varint(&mut out, classes.len() as u64);
    for name in classes {
        put_str(&mut out, name);
    }
    put_varint(&mut out, lexicon.len() as u64);
    for (word, value) in lexicon {
        put_str(&mut out, word);
        put_varint(&mut out, u64::from(*value));
    }
    out.extend_from_slice(&scale.to_le_bytes());
    let quantized: Vec<(u32, Vec<(u8, i64)>)> = rows
        .into_iter()
        .map(|(key, row)| {
            let entries = row
                .into_iter()
                .map(|(class, w)| (class, (w / scale).round() as i64))
                .filter(|&(_, q)| q != 0)
                .take(usize::from(u8::MAX))
                .collect::<Vec<_>>();
            (key, entries)
        })
        .filter(|(_, entries)| !entries.is_empty())
        .collect();
    put_varint(&mut out, quantized.len() as u64);
    let mut previous = 0u32;
    for (key, entries) in quantized {
        put_varint(&mut out, u64::from(key - previous));
        previous = key;
        out.push(entries.len() as u8);
        for (class, q) in entries {
            out.push(class);
            put_varint(&mut out, ((q << 1) ^ (q >> 63)) as u64);
        }
    }
    out
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads a weight file; any inconsistency is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<ModelFile, ModelError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(ModelError::BadMagic);
    }
    let version = r.byte()?;
    if version != VERSION {
        return Err(ModelError::Version(version));
    }
    let n_classes = r.count(1)?;
    if n_classes == 0 || n_classes > 256 {
        return Err(r.corrupt("class count out of range"));
    }
    let classes = (0..n_classes)
        .map(|_| r.string())
        .collect::<Result<Vec<_>, _>>()?;
    let n_lexicon = r.count(2)?;
    let mut lexicon = Vec::with_capacity(n_lexicon);
    for _ in 0..n_lexicon {
        let word = r.string()?;
        let value = u32::try_from(r.varint()?).map_err(|_| r.corrupt("lexicon value too large"))?;
        lexicon.push((word, value));
    }
    let scale = f32::from_le_bytes(r.array()?);
    if !scale.is_finite() || scale <= 0.0 {
        return Err(r.corrupt("weight scale is not a positive number"));
    }
    let n_features = r.count(3)?;
    let mut weights = Weights::with_capacity(n_classes, n_features);
    let mut row = Vec::new();
    let mut key = 0u32;
    for i in 0..n_features {
        let step = u32::try_from(r.varint()?).map_err(|_| r.corrupt("key step too large"))?;
        if i > 0 && step == 0 {
            return Err(r.corrupt("feature keys are not increasing"));
        }
        key = key
            .checked_add(step)
            .ok_or_else(|| r.corrupt("feature key overflows"))?;
        let n = r.byte()?;
        row.clear();
        for _ in 0..n {
            let class = r.byte()?;
            if usize::from(class) >= n_classes {
                return Err(r.corrupt("class out of range"));
            }
            let z = r.varint()?;
            let q = ((z >> 1) as i64) ^ -((z & 1) as i64);
            if q.unsigned_abs() > u64::from(i16::MAX.unsigned_abs()) + 1 {
                return Err(r.corrupt("weight out of range"));
            }
            row.push((class, q as f32 * scale));
        }
        weights
            .push_row(key, row.iter().copied())
            .map_err(|why| r.corrupt(why))?;
    }
    if r.at != bytes.len() {
        return Err(r.corrupt("trailing bytes"));
    }
    Ok(ModelFile {
        classes,
        lexicon,
        weights,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn corrupt(&self, what: &'static str) -> ModelError {
        ModelError::Corrupt { at: self.at, what }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ModelError::Truncated(self.bytes.len()))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.corrupt("varint too long"))
    }

    /// A count of items that take at least `min_bytes` each: larger than the rest of the
    /// file allows is corrupt (and would otherwise reserve absurd memory).
    fn count(&mut self, min_bytes: usize) -> Result<usize, ModelError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if n.saturating_mul(min_bytes as u64) > left {
            return Err(self.corrupt("count larger than the file"));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, ModelError> {
        let len = self.count(1)?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| self.corrupt("a name is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::perceptron::FeatureHash;

    fn sample() -> Vec<u8> {
        let classes = vec!["A".to_string(), "B".to_string()];
        let lexicon = vec![("word".to_string(), 3)];
        let f1 = FeatureHash::new(1).finish();
        let f2 = FeatureHash::new(2).finish();
        let mut averaged = vec![(f1, vec![(0, 2.0), (1, -0.001)]), (f2, vec![(1, 0.5)])];
        averaged.sort_by_key(|(f, _)| fold(*f));
        encode(&classes, &lexicon, &averaged, 0.01)
    }

    #[test]
    fn round_trips_and_prunes() {
        let model = decode(&sample()).unwrap();
        assert_eq!(model.classes, ["A", "B"]);
        assert_eq!(model.lexicon, [("word".to_string(), 3)]);
        assert_eq!(model.weights.n_features(), 2);
        let mut scores = [0.0; 2];
        model
            .weights
            .score(&[FeatureHash::new(1).finish()], &mut scores);
        assert!((scores[0] - 2.0).abs() < 1e-3, "{scores:?}");
        assert_eq!(scores[1], 0.0, "pruned");
        model
            .weights
            .score(&[FeatureHash::new(2).finish()], &mut scores);
        assert!((scores[1] - 0.5).abs() < 1e-3, "{scores:?}");
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let good = sample();
        assert_eq!(decode(b"").unwrap_err(), ModelError::Truncated(0));
        assert_eq!(decode(b"XXXX\x01").unwrap_err(), ModelError::BadMagic);
        assert_eq!(decode(b"CLLM\x09").unwrap_err(), ModelError::Version(9));
        for len in 0..good.len() {
            assert!(decode(&good[..len]).is_err(), "prefix of {len} bytes");
        }
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(matches!(
            decode(&trailing),
            Err(ModelError::Corrupt {
                what: "trailing bytes",
                ..
            })
        ));
        // Every single-byte corruption either decodes or is an error: never a panic.
        for at in 0..good.len() {
            for value in [0x00, 0x7f, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[at] = value;
                let _ = decode(&bad);
            }
        }
        let mut huge_count = MAGIC.to_vec();
        huge_count.extend([VERSION, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(matches!(
            decode(&huge_count),
            Err(ModelError::Corrupt { .. })
        ));
    }
}
