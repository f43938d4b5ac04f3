//! The Universal Dependencies tag sets: universal parts of speech and the dependency
//! relations of the English Web Treebank (with its subtypes, which attribution needs:
//! `nsubj:pass`, `obl:agent`, `nmod:poss`, `acl:relcl`).

/// Defines a tag enum with its UD spelling, a lookup from the spelling, and the full list.
macro_rules! tag_set {
    ($(#[$doc:meta])* $name:ident, $fallback:ident, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in declaration order (the order of the weight files' classes).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The UD spelling, e.g. `"NOUN"` or `"nsubj:pass"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value spelled `text`; anything unknown is the catch-all.
            pub fn parse(text: &str) -> $name {
                match text {
                    $($text => $name::$variant,)+
                    _ => $name::$fallback,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tag_set!(
    /// A universal part-of-speech tag (https://universaldependencies.org/u/pos/).
    Upos, X, {
        Adj => "ADJ", Adp => "ADP", Adv => "ADV", Aux => "AUX", Cconj => "CCONJ",
        Det => "DET", Intj => "INTJ", Noun => "NOUN", Num => "NUM", Part => "PART",
        Pron => "PRON", Propn => "PROPN", Punct => "PUNCT", Sconj => "SCONJ", Sym => "SYM",
        Verb => "VERB", X => "X",
    }
);

tag_set!(
    /// A dependency relation, as the English Web Treebank spells it
    /// (https://universaldependencies.org/u/dep/). `Dep` is the catch-all, and the relation
    /// of every token of a sentence too long to parse.
    DepRel, Dep, {
        Acl => "acl", AclRelcl => "acl:relcl", Advcl => "advcl", AdvclRelcl => "advcl:relcl",
        Advmod => "advmod", Amod => "amod", Appos => "appos", Aux => "aux", AuxPass => "aux:pass",
        Case => "case", Cc => "cc", CcPreconj => "cc:preconj", Ccomp => "ccomp",
        Compound => "compound", CompoundPrt => "compound:prt", Conj => "conj", Cop => "cop",
        Csubj => "csubj", CsubjOuter => "csubj:outer", CsubjPass => "csubj:pass", Dep => "dep",
        Det => "det", DetPredet => "det:predet", Discourse => "discourse",
        Dislocated => "dislocated", Expl => "expl", Fixed => "fixed", Flat => "flat",
        Goeswith => "goeswith", Iobj => "iobj", List => "list", Mark => "mark", Nmod => "nmod",
        NmodDesc => "nmod:desc", NmodPoss => "nmod:poss", NmodUnmarked => "nmod:unmarked",
        Nsubj => "nsubj", NsubjOuter => "nsubj:outer", NsubjPass => "nsubj:pass",
        Nummod => "nummod", Obj => "obj", Obl => "obl", OblAgent => "obl:agent",
        OblUnmarked => "obl:unmarked", Orphan => "orphan", Parataxis => "parataxis",
        Punct => "punct", Reparandum => "reparandum", Root => "root", Vocative => "vocative",
        Xcomp => "xcomp",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for tag in Upos::ALL {
            assert_eq!(Upos::parse(tag.as_str()), *tag);
        }
        for rel in DepRel::ALL {
            assert_eq!(DepRel::parse(rel.as_str()), *rel);
        }
        assert_eq!(DepRel::parse("nmod:tmod"), DepRel::Dep);
        assert_eq!(Upos::parse("nonsense"), Upos::X);
        assert_eq!(DepRel::NsubjPass.to_string(), "nsubj:pass");
    }
}
