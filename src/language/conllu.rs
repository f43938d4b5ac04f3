//! Reading CoNLL-U treebanks (https://universaldependencies.org/format.html): only what the
//! trainer needs. Multiword-token lines and empty nodes are skipped; the words are the tokens.

/// One gold word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldWord {
    pub form: String,
    pub upos: String,
    pub xpos: String,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// The basic relation, subtype included (`nsubj:pass`).
    pub deprel: String,
}

/// Parses a CoNLL-U file's text into sentences. Malformed word lines are an error naming the
/// line, so a damaged treebank cannot silently train a worse model.
pub fn parse(text: &str) -> Result<Vec<Vec<GoldWord>>, String> {
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 10 {
            return Err(format!("line {}: expected 10 fields", number + 1));
        }
        if fields[0].contains('-') || fields[0].contains('.') {
            continue;
        }
        let head = fields[6]
            .parse()
            .map_err(|_| format!("line {}: bad head {:?}", number + 1, fields[6]))?;
        current.push(GoldWord {
            form: fields[1].to_string(),
            upos: fields[3].to_string(),
            xpos: fields[4].to_string(),
            head,
            deprel: fields[7].to_string(),
        });
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    for (i, sentence) in sentences.iter().enumerate() {
        if sentence.iter().any(|w| w.head > sentence.len()) {
            return Err(format!("sentence {}: a head is out of range", i + 1));
        }
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let text = "# text = I'm here.\n1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2\t'm\tbe\tAUX\tVBP\t_\t3\tcop\t_\t_\n\
            3\there\there\tADV\tRB\t_\t0\troot\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let sentences = parse(text).unwrap();
        assert_eq!(sentences.len(), 1);
        let forms: Vec<&str> = sentences[0].iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "'m", "here", "."]);
        assert_eq!(sentences[0][0].head, 3);
        assert_eq!(sentences[0][1].deprel, "cop");
        assert!(parse("1\tI\n").is_err());
        assert!(parse("1\tI\tI\tPRON\tPRP\t_\t9\tnsubj\t_\t_\n").is_err());
    }
}
