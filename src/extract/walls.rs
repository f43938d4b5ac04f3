//! Bot walls and paywalls: pages that answer in place of the source (`rules/lexicon/walls.yml`).

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Walls {
    max_words: usize,
    bot_wall: Vec<String>,
    paywall: Vec<String>,
}

static WALLS: LazyLock<Walls> = LazyLock::new(|| {
    serde_saphyr::from_str(include_str!("../../rules/lexicon/walls.yml"))
        .expect("rules/lexicon/walls.yml is valid (tested)")
});

/// What kind of wall `text` is, if it is a short page with a wall's wording.
pub fn wall_in(text: &str) -> Option<&'static str> {
    if text.split_whitespace().nth(WALLS.max_words).is_some() {
        return None;
    }
    let lower = text.to_lowercase();
    let has = |phrases: &[String]| phrases.iter().any(|p| lower.contains(p.as_str()));
    if has(&WALLS.bot_wall) {
        Some("a bot wall (a page that checks for a browser or a human)")
    } else if has(&WALLS.paywall) {
        Some("a paywall")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_wall_pages_are_walls_and_long_articles_are_not() {
        assert!(wall_in("Just a moment... Checking your browser before accessing").is_some());
        assert_eq!(
            wall_in("The first paragraph. Subscribe to continue reading."),
            Some("a paywall")
        );
        assert_eq!(wall_in("An ordinary page with the speech on it."), None);
        let long = format!("{} subscribe to continue reading", "word ".repeat(2000));
        assert_eq!(wall_in(&long), None);
    }
}
