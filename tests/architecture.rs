//! The layers of ARCHITECTURE.md, enforced: every `crate::` and `super::` path in `src/`
//! (a `use`, or a path written inline) may reach the module's own layer or one below it,
//! never one above; and no two source files import each other, however indirectly.
//!
//! The paths are read as plain text: comments are skipped, `use` groups are expanded, and
//! `super::` is resolved through inline modules (`mod tests { use super::*; }`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first, each with the top-level modules in it ("" is `src/lib.rs`,
/// the pipeline). A module may use its own layer and the layers before it.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundations",
        &["span", "lexicon", "setup", "read", "limits"],
    ),
    ("rule identity", &["catalog"]),
    ("diagnostic", &["diagnostic"]),
    ("document", &["document"]),
    ("quotes", &["quotes"]),
    ("language", &["language"]),
    ("registry", &["registry"]),
    ("attribution", &["attribution"]),
    ("extract", &["extract"]),
    ("verify", &["verify"]),
    ("fetch", &["fetch"]),
    ("rules", &["rules"]),
    ("config", &["config"]),
    ("walk", &["walk"]),
    ("pipeline", &[""]),
    ("output", &["output"]),
    ("after the run", &["baseline", "changes", "fix"]),
    ("commands", &["commands", "init"]),
];

/// The binary: the top layer, which may use anything in the library.
const BINARY: &[&str] = &["main.rs"];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&top))
}

/// A `crate::`/`super::` path found in a file, resolved to module segments from the root.
#[derive(Debug)]
struct Import {
    line: usize,
    written: String,
    target: Vec<String>,
}

struct SourceFile {
    /// Relative to `src/`, with `/` separators.
    path: String,
    /// The module path (`verify::index`; empty for `lib.rs`).
    module: Vec<String>,
    imports: Vec<Import>,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(relative: &str) -> Vec<String> {
    let stem = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The line without its `//` comment (a `//` inside a string literal is kept).
fn code_part(line: &str) -> &str {
    let mut quotes = 0;
    let bytes = line.as_bytes();
    for i in 0..bytes.len() {
        match bytes[i] {
            b'"' if i == 0 || bytes[i - 1] != b'\\' => quotes += 1,
            b'/' if quotes % 2 == 0 && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Expands the path written at `pos` (after `crate::` or `super::`) into full paths:
/// `a::{b, c::d}` gives `a::b` and `a::c::d`. Leaves `pos` after the path.
fn expand(text: &[u8], pos: &mut usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let skip_space = |pos: &mut usize| {
        while text.get(*pos).is_some_and(u8::is_ascii_whitespace) {
            *pos += 1;
        }
    };
    skip_space(pos);
    match text.get(*pos) {
        Some(b'{') => {
            *pos += 1;
            loop {
                skip_space(pos);
                match text.get(*pos) {
                    None => return,
                    Some(b'}') => {
                        *pos += 1;
                        return;
                    }
                    _ => {}
                }
                expand(text, pos, prefix.clone(), out);
                // Past `as name` to the comma or the group's end.
                while text.get(*pos).is_some_and(|b| *b != b',' && *b != b'}') {
                    *pos += 1;
                }
                if text.get(*pos) == Some(&b',') {
                    *pos += 1;
                }
            }
        }
        Some(b'*') => {
            *pos += 1;
            out.push(prefix);
        }
        _ => {
            let start = *pos;
            while text
                .get(*pos)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                *pos += 1;
            }
            let ident = String::from_utf8_lossy(&text[start..*pos]).into_owned();
            match ident.as_str() {
                "" | "self" => {}
                "super" => {
                    prefix.pop();
                }
                _ => prefix.push(ident),
            }
            if text[*pos..].starts_with(b"::") {
                *pos += 2;
                expand(text, pos, prefix, out);
            } else {
                out.push(prefix);
            }
        }
    }
}

/// Every `crate::` and `super::` path in a file, with the line it is on.
fn imports_of(text: &str, module: &[String]) -> Vec<Import> {
    let mut imports = Vec::new();
    // Inline modules opened in this file, with the brace depth their body starts at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut statement = String::new();
    let mut statement_line = 0;
    for (n, raw) in text.lines().enumerate() {
        let line = code_part(raw);
        let trimmed = line.trim_start();
        // A `use` may span lines: gather it up to its `;`.
        if statement.is_empty()
            && (trimmed.starts_with("use ")
                || trimmed.starts_with("pub use ")
                || trimmed.starts_with("pub(crate) use "))
        {
            statement_line = n + 1;
        }
        if statement_line > 0 {
            statement.push_str(trimmed);
            statement.push(' ');
            if !trimmed.contains(';') {
                continue;
            }
        }
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(m, _)| m.clone()))
            .collect();
        let (scan, line_no) = if statement_line > 0 {
            (std::mem::take(&mut statement), statement_line)
        } else {
            (line.to_string(), n + 1)
        };
        statement_line = 0;
        collect_paths(&scan, &here, line_no, &mut imports);
        if let Some(rest) = trimmed
            .strip_prefix("mod ")
            .or_else(|| trimmed.strip_prefix("pub mod "))
        {
            let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
            if rest[name.len()..].trim_start().starts_with('{') {
                inline.push((name, depth + 1));
            }
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
    }
    imports
}

fn collect_paths(scan: &str, here: &[String], line: usize, imports: &mut Vec<Import>) {
    let mut from = 0;
    while let Some(found) = scan[from..].find(['c', 's']) {
        let at = from + found;
        from = at + 1;
        let before = scan[..at].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let rest = &scan[at..];
        let (prefix, body): (Vec<String>, &str) = if let Some(body) = rest.strip_prefix("crate::") {
            (Vec::new(), body)
        } else if rest.starts_with("super::") {
            let mut parent = here.to_vec();
            let mut body = rest;
            while let Some(b) = body.strip_prefix("super::") {
                parent.pop();
                body = b;
            }
            (parent, body)
        } else {
            continue;
        };
        let written_len = rest.len() - body.len();
        let mut used = 0;
        let mut paths = Vec::new();
        expand(body.as_bytes(), &mut used, prefix, &mut paths);
        let written = rest[..written_len + used].trim_end().to_string();
        for target in paths.into_iter().filter(|p| !p.is_empty()) {
            imports.push(Import {
                line,
                written: written.clone(),
                target,
            });
        }
        from = at + written_len + used;
    }
}

fn read_sources() -> Vec<SourceFile> {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .iter()
        .filter_map(|path| {
            let relative = path
                .strip_prefix(&src)
                .expect("below src/")
                .to_string_lossy()
                .replace('\\', "/");
            if BINARY.contains(&relative.as_str()) {
                return None;
            }
            let text = std::fs::read_to_string(path).expect("a readable source file");
            let module = module_of(&relative);
            let imports = imports_of(&text, &module);
            Some(SourceFile {
                path: relative,
                module,
                imports,
            })
        })
        .collect()
}

fn top(module: &[String]) -> &str {
    module.first().map_or("", String::as_str)
}

/// The file an import lands in: the longest module path that is a file and a prefix of it.
fn file_of<'a>(target: &[String], files: &'a [SourceFile]) -> Option<&'a SourceFile> {
    files
        .iter()
        .filter(|f| target.starts_with(&f.module))
        .max_by_key(|f| f.module.len())
}

/// Every file's layer is known: a new top-level module must be placed in `LAYERS`.
#[test]
fn every_module_has_a_layer() {
    let unplaced: Vec<String> = read_sources()
        .iter()
        .filter(|f| layer_of(top(&f.module)).is_none())
        .map(|f| f.path.clone())
        .collect();
    assert!(
        unplaced.is_empty(),
        "place these in LAYERS (tests/architecture.rs) and ARCHITECTURE.md: {unplaced:?}"
    );
}

#[test]
fn no_module_imports_a_higher_layer() {
    let files = read_sources();
    let mut violations = Vec::new();
    for file in &files {
        let Some(own) = layer_of(top(&file.module)) else {
            continue;
        };
        let mut reported = Vec::new();
        for import in &file.imports {
            let target_top = match file_of(&import.target, &files) {
                Some(f) => top(&f.module).to_string(),
                None => continue,
            };
            let Some(theirs) = layer_of(&target_top) else {
                continue;
            };
            let shown = (import.line, theirs);
            if theirs > own && !reported.contains(&shown) {
                reported.push(shown);
                violations.push(format!(
                    "src/{}:{}: layer {} ({}) imports layer {} ({}) through `{}`",
                    file.path,
                    import.line,
                    own,
                    LAYERS[own].0,
                    theirs,
                    LAYERS[theirs].0,
                    import.written
                ));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "{} imports point up a layer (see ARCHITECTURE.md):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// Strongly connected groups of more than one file in the file import graph.
fn import_cycles(files: &[SourceFile]) -> Vec<Vec<String>> {
    let index: BTreeMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let edges: Vec<BTreeSet<usize>> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            f.imports
                .iter()
                .filter_map(|imp| file_of(&imp.target, files))
                .map(|t| index[t.path.as_str()])
                .filter(|&t| t != i)
                // A module file declaring its own children is not an import of them.
                .collect()
        })
        .collect();
    // Tarjan's algorithm, iteratively small enough to recurse: the crate has < 200 files.
    struct Tarjan<'a> {
        edges: &'a [BTreeSet<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        groups: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in self.edges[v].iter() {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    self.groups.push(group);
                }
            }
        }
    }
    let n = files.len();
    let mut t = Tarjan {
        edges: &edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        groups: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    t.groups
        .into_iter()
        .map(|g| {
            let mut names: Vec<String> = g.iter().map(|&i| files[i].path.clone()).collect();
            names.sort();
            names
        })
        .collect()
}

#[test]
fn no_import_cycle_between_source_files() {
    let files = read_sources();
    let cycles = import_cycles(&files);
    let shown: Vec<String> = cycles
        .iter()
        .map(|c| format!("{} files: {}", c.len(), c.join(", ")))
        .collect();
    assert!(
        cycles.is_empty(),
        "{} import cycles:\n{}",
        cycles.len(),
        shown.join("\n")
    );
}

/// The reader itself: groups, `super::` in inline modules, comments.
#[test]
fn paths_are_read_from_uses_groups_and_inline_code() {
    let text = "use crate::{a::b, c::{d, e::f}};\n// crate::commented\nmod tests {\n    use super::*;\n    fn g() { crate::h::i(); }\n}\nuse super::sibling::X;\n";
    let module = vec!["x".to_string(), "y".to_string()];
    let got: Vec<(usize, String)> = imports_of(text, &module)
        .into_iter()
        .map(|i| (i.line, i.target.join("::")))
        .collect();
    let want = [
        (1, "a::b"),
        (1, "c::d"),
        (1, "c::e::f"),
        (4, "x::y"),
        (5, "h::i"),
        (7, "x::sibling::X"),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(l, p)| (*l, p.to_string())).collect();
    assert_eq!(got, want);
}
