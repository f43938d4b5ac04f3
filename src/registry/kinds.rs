//! What kind of document a source is: the kinds a newsroom cites, and the closest one for a
//! kind the schema does not know (a warning, never the end of the run).

/// What kind of document a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Statement,
    Speech,
    PressConference,
    Briefing,
    PressRelease,
    /// A social media post.
    Post,
    Video,
    Podcast,
    Transcript,
    Interview,
    Article,
    Letter,
    Hearing,
    Testimony,
    CourtFiling,
    Report,
    WebPage,
    Book,
    Other,
}

impl SourceKind {
    /// Every kind, as written in the registry.
    pub const ALL: &'static [(SourceKind, &'static str)] = &[
        (SourceKind::Statement, "statement"),
        (SourceKind::Speech, "speech"),
        (SourceKind::PressConference, "press-conference"),
        (SourceKind::Briefing, "briefing"),
        (SourceKind::PressRelease, "press-release"),
        (SourceKind::Post, "post"),
        (SourceKind::Video, "video"),
        (SourceKind::Podcast, "podcast"),
        (SourceKind::Transcript, "transcript"),
        (SourceKind::Interview, "interview"),
        (SourceKind::Article, "article"),
        (SourceKind::Letter, "letter"),
        (SourceKind::Hearing, "hearing"),
        (SourceKind::Testimony, "testimony"),
        (SourceKind::CourtFiling, "court-filing"),
        (SourceKind::Report, "report"),
        (SourceKind::WebPage, "web-page"),
        (SourceKind::Book, "book"),
        (SourceKind::Other, "other"),
    ];

    pub fn as_str(self) -> &'static str {
        SourceKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("other", |(_, name)| name)
    }

    /// The kind written as `name`; case, spaces and underscores are forgiven
    /// (`Press Conference`, `court_filing`).
    pub fn parse(name: &str) -> Option<SourceKind> {
        let wanted = normal(name);
        SourceKind::ALL
            .iter()
            .find(|(_, n)| *n == wanted)
            .map(|(k, _)| *k)
    }

    /// The known kind nearest to an unknown `name`, for "did you mean".
    pub fn closest(name: &str) -> Option<&'static str> {
        let wanted = normal(name);
        if let Some(kind) = SYNONYMS.get(wanted.as_str()) {
            return SourceKind::ALL.iter().map(|(_, n)| *n).find(|n| n == kind);
        }
        crate::setup::closest(&wanted, SourceKind::ALL.iter().map(|(_, n)| *n))
    }
}

/// Words desks use for a kind the schema names otherwise (`tweet` for `post`), from
/// `kind-synonyms.yml` beside this file.
static SYNONYMS: std::sync::LazyLock<std::collections::HashMap<String, String>> =
    std::sync::LazyLock::new(|| {
        serde_saphyr::from_str(include_str!("kind-synonyms.yml")).unwrap_or_default()
    });

fn normal(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '_'], "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kinds_as_desks_write_them() {
        assert_eq!(SourceKind::parse("speech"), Some(SourceKind::Speech));
        assert_eq!(
            SourceKind::parse("Press Conference"),
            Some(SourceKind::PressConference)
        );
        assert_eq!(
            SourceKind::parse("court_filing"),
            Some(SourceKind::CourtFiling)
        );
        assert_eq!(SourceKind::parse("tweet"), None);
        for (kind, name) in SourceKind::ALL {
            assert_eq!(SourceKind::parse(name), Some(*kind));
            assert_eq!(kind.as_str(), *name);
        }
    }

    #[test]
    fn an_unknown_kind_has_a_closest_one() {
        assert_eq!(SourceKind::closest("tweet"), Some("post"));
        assert_eq!(SourceKind::closest("speach"), Some("speech"));
        assert_eq!(SourceKind::closest("press-relase"), Some("press-release"));
    }
}
