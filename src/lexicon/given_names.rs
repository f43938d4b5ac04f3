//! The gender of given names (`rules/lexicon/given-names.tsv`, from the US Social Security
//! Administration's birth counts): so that `he` and `she` agree with the person they stand
//! for. A name missing from the table (rare, or given to both sexes) has no gender.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

static GIVEN_NAMES: LazyLock<HashMap<&'static str, Gender>> =
    LazyLock::new(|| read(include_str!("../../rules/lexicon/given-names.tsv")));

/// `NAME<TAB>f|m<TAB>SHARE` lines; comments and malformed lines are skipped.
fn read(text: &str) -> HashMap<&str, Gender> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next()?;
            let gender = match fields.next()? {
                "f" => Gender::Female,
                "m" => Gender::Male,
                _ => return None,
            };
            (!name.is_empty()).then_some((name, gender))
        })
        .collect()
}

/// The gender most bearers of the given name `name` have, in any case (`Maria`, `MARIA`).
pub fn gender_of_given_name(name: &str) -> Option<Gender> {
    let lowered = name.to_lowercase();
    GIVEN_NAMES.get(lowered.as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_have_a_gender_and_others_none() {
        assert_eq!(gender_of_given_name("Irene"), Some(Gender::Female));
        assert_eq!(gender_of_given_name("MARCO"), Some(Gender::Male));
        // Given to both sexes, or no given name at all.
        assert_eq!(gender_of_given_name("Jordan"), None);
        assert_eq!(gender_of_given_name("Senate"), None);
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let table = read("# comment\nana\tf\t99\nbad line\nzed\tx\t90\n\tm\t90\n");
        assert_eq!(table.len(), 1);
        assert_eq!(table.get("ana"), Some(&Gender::Female));
    }
}
