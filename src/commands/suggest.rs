//! `citelint registry suggest ARTICLE…`: a registry skeleton for the speakers an article
//! names, so that a desk with no registry can start from its own copy.
//!
//! People and organizations come with the aliases the copy uses; each quotation becomes
//! candidate wording marked `confirmed: false`, which verification never searches until an
//! editor has checked it against the original and removed the mark.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::args::RegistrySuggestArgs;
use super::{Outcome, Status};
use crate::attribution::SpeakerKind;
use crate::config::SetupError;
use crate::quotes::QuoteKind;
use crate::registry::names;
use crate::rules::ca002_unknown_speaker::{is_name, is_organization};

/// One speaker as the articles name them.
#[derive(Default)]
struct Suggested {
    name: String,
    aliases: Vec<String>,
    /// (article, the quoted words).
    quotes: Vec<(String, String)>,
}

pub fn run(args: RegistrySuggestArgs) -> Result<Outcome, SetupError> {
    let settings = super::settings_from(args.config.as_ref(), args.no_config)?;
    let mut people: BTreeMap<String, Suggested> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for path in &args.articles {
        let shown = crate::setup::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|source| SetupError::Io {
            path: shown.clone(),
            source,
        })?;
        let result = crate::check_text(&shown, text, &settings);
        for (quote, speaker) in result.analysis.quotes.iter().zip(&result.speakers) {
            let Some(speaker) = speaker else { continue };
            // A name broken across lines in the Markdown is one name.
            let Some(name) = speaker.name.as_deref().map(one_line) else {
                continue;
            };
            let name = name.as_str();
            if speaker.kind != SpeakerKind::Name || !is_name(name) {
                continue;
            }
            let key = names::fold(name);
            if !people.contains_key(&key) {
                order.push(key.clone());
            }
            let entry = people.entry(key).or_default();
            if entry.name.is_empty() {
                entry.name = name.to_string();
            }
            let written = one_line(&speaker.text);
            let written = written.as_str();
            if written != entry.name
                && !entry.aliases.iter().any(|a| a == written)
                && is_name(written)
            {
                entry.aliases.push(written.to_string());
            }
            let speech = quote.parent.is_none() && quote.kind != QuoteKind::Term;
            if speech && !entry.quotes.iter().any(|(_, q)| *q == quote.text) {
                entry.quotes.push((shown.clone(), quote.text.clone()));
            }
        }
    }
    merge_surnames(&mut people, &mut order);
    let mut outcome = Outcome::new(Status::Passed);
    outcome.stdout = skeleton(&people, &order);
    outcome.stderr.push(format!(
        "suggested {} speakers from {} articles: check each name and quotation, then set `confirmed: true` (or remove the key)\n",
        order.len(),
        args.articles.len()
    ));
    if let Some(path) = &args.output {
        std::fs::write(path, std::mem::take(&mut outcome.stdout)).map_err(|source| {
            SetupError::Io {
                path: crate::setup::display_path(path),
                source,
            }
        })?;
    }
    Ok(outcome)
}

/// A one-word speaker ("Ortega") that is the last word of exactly one fuller name is that
/// person: its quotations join the full name's, and the word becomes an alias.
fn merge_surnames(people: &mut BTreeMap<String, Suggested>, order: &mut Vec<String>) {
    let singles: Vec<String> = order.iter().filter(|k| !k.contains(' ')).cloned().collect();
    for single in singles {
        let fuller: Vec<&String> = order
            .iter()
            .filter(|k| k.contains(' ') && k.rsplit(' ').next() == Some(single.as_str()))
            .collect();
        let [full] = fuller.as_slice() else { continue };
        let full = (*full).clone();
        let Some(merged) = people.remove(&single) else {
            continue;
        };
        let target = people.get_mut(&full).expect("listed in order");
        for alias in std::iter::once(merged.name).chain(merged.aliases) {
            if !target.aliases.contains(&alias) {
                target.aliases.push(alias);
            }
        }
        for quote in merged.quotes {
            if !target.quotes.iter().any(|(_, q)| *q == quote.1) {
                target.quotes.push(quote);
            }
        }
        order.retain(|k| *k != single);
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The registry file: people, organizations, and a source per speaker holding the
/// candidate wording.
fn skeleton(people: &BTreeMap<String, Suggested>, order: &[String]) -> String {
    let id = |key: &str| key.replace(['\'', ' '], "-");
    let mut out = String::from(
        "# Suggested by `citelint registry suggest`: check every name, alias and quotation.\n\
         # Candidate wording stays `confirmed: false`, and is never evidence for a verdict,\n\
         # until an editor has checked it against the original source.\nversion: 1\n",
    );
    for (section, organizations) in [("people", false), ("organizations", true)] {
        let listed: Vec<&String> = order
            .iter()
            .filter(|k| is_organization(&people[*k].name) == organizations)
            .collect();
        if listed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{section}:");
        for key in listed {
            let p = &people[key];
            let _ = writeln!(out, "  - id: {}\n    name: {}", id(key), quoted(&p.name));
            if !p.aliases.is_empty() {
                let aliases: Vec<String> = p.aliases.iter().map(|a| quoted(a)).collect();
                let _ = writeln!(out, "    aliases: [{}]", aliases.join(", "));
            }
        }
    }
    let with_quotes: Vec<&String> = order
        .iter()
        .filter(|k| !people[*k].quotes.is_empty())
        .collect();
    if !with_quotes.is_empty() {
        out.push_str("sources:\n");
    }
    for key in with_quotes {
        let p = &people[key];
        let _ = writeln!(
            out,
            "  - id: {}-candidates\n    kind: other\n    title: {}\n    by: [{}]\n    quotes:",
            id(key),
            quoted(&format!(
                "Wording attributed to {} in our copy, to be checked",
                p.name
            )),
            id(key)
        );
        for (article, text) in &p.quotes {
            let _ = writeln!(
                out,
                "      # quoted in {article}\n      - text: {}\n        confirmed: false",
                quoted(text)
            );
        }
    }
    out
}
