//! The JSON Schemas in schemas/ that editors validate `.citelint.yml` and registry files
//! with: every configuration and registry among the fixtures passes, mistakes citelint
//! rejects fail, and each object's keys are exactly the ones citelint's loaders accept.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("schemas").join(name)).unwrap())
        .unwrap()
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(name)).unwrap()
}

/// YAML read as editors read it (YAML 1.2: `off` and `no` are strings, not booleans).
fn yaml(text: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(text, options).unwrap()
}

/// What the schema says is wrong with `text`, one line per error.
fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let instance = yaml(text);
    validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect()
}

/// Files under fixtures/ with this name, sorted.
fn fixtures_named(name: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, name, out);
            } else if path.file_name().is_some_and(|n| n == name) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("fixtures"), name, &mut out);
    out.sort();
    out
}

#[test]
fn every_fixture_configuration_is_valid() {
    let config = validator("citelint.schema.json");
    let files = fixtures_named(".citelint.yml");
    assert!(files.len() >= 10, "{files:?}");
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert_eq!(
            errors(&config, &text),
            Vec::<String>::new(),
            "{}",
            file.display()
        );
    }
    // What `citelint init` writes, and the same with every commented example switched on.
    assert_eq!(
        errors(&config, citelint::init::CONFIG),
        Vec::<String>::new()
    );
    let uncommented = citelint::init::CONFIG
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        // Commented YAML, not prose: an indented line, or a lowercase `key:`.
        .filter(|l| {
            let key = l.split_once(':').map_or("", |(k, _)| k);
            l.starts_with(' ')
                || key.starts_with(|c: char| c.is_ascii_lowercase())
                    && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(uncommented.contains("prose_keys"), "{uncommented}");
    assert_eq!(
        errors(&config, &uncommented),
        Vec::<String>::new(),
        "{uncommented}"
    );
}

#[test]
fn every_fixture_registry_is_valid() {
    let registry = validator("registry.schema.json");
    let mut files = fixtures_named("sources.yml");
    files.extend(fixtures_named("registry.yml"));
    assert!(files.len() >= 10, "{files:?}");
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert_eq!(
            errors(&registry, &text),
            Vec::<String>::new(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn mistakes_citelint_rejects_fail_the_schemas() {
    let config = validator("citelint.schema.json");
    for bad in [
        "langauge: en",
        "language: es",
        "rules: {CQ009: error}",
        "rules: {CQ001: loud}",
        "style: {quotes: fancy}",
        "verify: {threshold: 1.5}",
        "fetch: {timeout: soon}",
        "exclude: drafts/",
    ] {
        assert_ne!(errors(&config, bad), Vec::<String>::new(), "{bad}");
    }
    let registry = validator("registry.schema.json");
    for bad in [
        "people: []",
        "version: 2",
        "version: 1\npeople: [{id: a}]",
        "version: 1\nsources: [{id: s, kind: tweet}]",
        "version: 1\nsources: [{id: s, kind: post, date: last week}]",
        "version: 1\nanonymous: [{match: a source}]",
        "version: 1\norganisations: []",
    ] {
        assert_ne!(errors(&registry, bad), Vec::<String>::new(), "{bad}");
    }
}

/// The keys of the object at `pointer` in a schema.
fn schema_keys(schema: &Value, pointer: &str) -> Vec<String> {
    let mut keys: Vec<String> = schema
        .pointer(&format!("{pointer}/properties"))
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no properties at {pointer}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// The keys a loader accepts, from the help of its "unknown key" error: a key too far
/// from every real one for a "did you mean" gets "expected one of: …".
fn accepted_keys(help: &str) -> Vec<String> {
    let list = help
        .strip_prefix("expected one of: ")
        .unwrap_or_else(|| panic!("not a list of keys: {help}"));
    let mut keys: Vec<String> = list.split(", ").map(str::to_string).collect();
    keys.sort();
    keys
}

const NO_SUCH_KEY: &str = "qqqqqqqqqqqqqqqq";

fn config_keys(section: Option<&str>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".citelint.yml");
    let text = match section {
        Some(s) => format!("{s}:\n  {NO_SUCH_KEY}: 1\n"),
        None => format!("{NO_SUCH_KEY}: 1\n"),
    };
    std::fs::write(&path, text).unwrap();
    match citelint::config::load(Some(&path), dir.path()) {
        Err(citelint::config::SetupError::Config(e)) => accepted_keys(e.help.as_deref().unwrap()),
        other => panic!("{section:?}: {other:?}"),
    }
}

#[test]
fn the_configuration_schema_has_exactly_the_loaders_keys() {
    let schema = schema("citelint.schema.json");
    assert_eq!(schema_keys(&schema, ""), config_keys(None));
    for section in [
        "style",
        "front_matter",
        "verify",
        "fetch",
        "report",
        "limits",
    ] {
        assert_eq!(
            schema_keys(&schema, &format!("/properties/{section}")),
            config_keys(Some(section)),
            "{section}"
        );
    }
    // `registry:` is a list, or a table (its second form).
    assert_eq!(
        schema_keys(&schema, "/properties/registry/oneOf/1"),
        config_keys(Some("registry"))
    );
    // Rule codes and names, as `rules:` takes them.
    let mut names: Vec<&str> = schema["definitions"]["rule"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut selectors: Vec<&str> = citelint::rules::Rule::selectors().collect();
    names.sort_unstable();
    selectors.sort_unstable();
    assert_eq!(names, selectors);
    // Languages, as the lexicon has them.
    let mut languages: Vec<&str> = citelint::lexicon::LEXICON.languages().collect();
    languages.sort_unstable();
    assert_eq!(
        schema["properties"]["language"]["enum"],
        serde_json::json!(languages)
    );
}

fn registry_keys(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registry.yml");
    std::fs::write(&path, text).unwrap();
    let loaded = citelint::registry::load(&[path]).unwrap();
    let finding = &loaded.reports[0].findings[0];
    assert_eq!(finding.rule.code(), "CR002", "{text}: {finding:?}");
    accepted_keys(finding.help.as_deref().unwrap())
}

#[test]
fn the_registry_schema_has_exactly_the_loaders_keys() {
    let schema = schema("registry.schema.json");
    let k = NO_SUCH_KEY;
    for (pointer, text) in [
        ("", format!("version: 1\n{k}: 1\n")),
        (
            "/properties/people/items",
            format!("version: 1\npeople:\n  - {k}: 1\n"),
        ),
        (
            "/properties/people/items/properties/roles/items",
            format!("version: 1\npeople:\n  - id: a\n    name: A\n    roles:\n      - {k}: 1\n"),
        ),
        (
            "/properties/organizations/items",
            format!("version: 1\norganizations:\n  - {k}: 1\n"),
        ),
        (
            "/properties/sources/items",
            format!("version: 1\nsources:\n  - {k}: 1\n"),
        ),
        (
            "/properties/sources/items/properties/quotes/items",
            format!(
                "version: 1\nsources:\n  - id: s\n    kind: post\n    quotes:\n      - {k}: 1\n"
            ),
        ),
        (
            "/properties/anonymous/items",
            format!("version: 1\nanonymous:\n  - {k}: 1\n"),
        ),
    ] {
        assert_eq!(
            schema_keys(&schema, pointer),
            registry_keys(&text),
            "{pointer}"
        );
    }
    // The source kinds, as the loader names them when one is wrong.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registry.yml");
    std::fs::write(
        &path,
        "version: 1\nsources:\n  - id: s\n    kind: qqqqqqqqqqqq\n",
    )
    .unwrap();
    let loaded = citelint::registry::load(&[path]).unwrap();
    let help = loaded.reports[0].findings[0].help.clone().unwrap();
    let mut kinds: Vec<String> = accepted_keys(&help);
    kinds.sort();
    let mut in_schema: Vec<String> = schema
        .pointer("/properties/sources/items/properties/kind/enum")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    in_schema.sort();
    assert_eq!(in_schema, kinds);
}
