//! The house is one-way (ARCHITECTURE.md): every module imports only modules below it, nothing
//! after the plan reads the campaign, and no two sibling files import each other, directly or
//! round a loop. Read from the sources, so a new import that breaks the order fails here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The crate's top-level modules, bottom first. A module may import modules on lower rows only.
const LAYERS: &[&[&str]] =
    &[&["vocab"], &["fonts", "qr"], &["campaign"], &["plan"], &["layout"], &["render"], &["preflight"], &["output"], &["cache"], &["pipeline"], &["cli"]];

/// Stages after the plan: none of them may name the campaign.
const AFTER_PLAN: &[&str] = &["layout", "render", "preflight", "output", "cache", "fonts"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments (a doc comment may name any module).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap().lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The top-level modules a piece of code names as `crate::x`.
fn crate_refs(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let name: String = code[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        // `use crate::{a, b}` names several.
        if name.is_empty() && code[i + 7..].starts_with('{') {
            let list = &code[i + 8..i + 8 + code[i + 8..].find('}').unwrap_or(0)];
            out.extend(list.split(',').map(|p| p.trim().split("::").next().unwrap_or("").to_string()).filter(|s| !s.is_empty()));
        } else if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&module))
}

/// The top-level module a file belongs to (`src/plan/alt.rs` → `plan`; `src/lib.rs` → none).
fn top_module(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for f in &files {
        let Some(own) = top_module(f) else { continue };
        let own_layer = layer(&own).unwrap_or_else(|| panic!("{own} is not in LAYERS: place the new module in the house"));
        for target in crate_refs(&code(f)) {
            checked += 1;
            if target == own {
                continue;
            }
            match layer(&target) {
                Some(t) if t < own_layer => {}
                _ => wrong.push(format!("{} imports crate::{target}, which is not below {own}", f.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the flow:\n{}", wrong.join("\n"));
    assert!(checked > 100, "only {checked} imports read: is the parser still finding them?");
    eprintln!("{checked} imports in {} files checked against the layers", files.len());
}

#[test]
fn nothing_after_the_plan_reads_the_campaign() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| top_module(f).is_some_and(|m| AFTER_PLAN.contains(&m.as_str())))
        .filter(|f| crate_refs(&code(f)).iter().any(|t| t == "campaign"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "these read the campaign after the plan: {offenders:?}");
}

/// Sibling files of one folder that name each other through `super::x` or `crate::dir::x`.
fn sibling_graph(dir: &Path, module_path: &str) -> BTreeMap<String, Vec<String>> {
    let siblings: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() || (p.extension().is_some_and(|x| x == "rs") && !p.ends_with("mod.rs")))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut graph = BTreeMap::new();
    for s in &siblings {
        let file = if dir.join(format!("{s}.rs")).exists() { dir.join(format!("{s}.rs")) } else { dir.join(s).join("mod.rs") };
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let text: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        let mut edges = Vec::new();
        for other in siblings.iter().filter(|o| *o != s) {
            let names = |prefix: &str| {
                text.match_indices(prefix).any(|(i, _)| {
                    let rest = &text[i + prefix.len()..];
                    rest.starts_with(other.as_str()) && !rest[other.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                        || rest.starts_with('{') && rest[1..rest.find('}').unwrap_or(1)].split(',').any(|p| p.trim().split("::").next() == Some(other.as_str()))
                })
            };
            if names("super::") || names(&format!("crate::{module_path}::")) {
                edges.push(other.clone());
            }
        }
        graph.insert(s.clone(), edges);
    }
    graph
}

fn find_cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(n: &str, g: &BTreeMap<String, Vec<String>>, stack: &mut Vec<String>, done: &mut Vec<String>) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            return Some(stack[i..].to_vec());
        }
        if done.iter().any(|d| d == n) {
            return None;
        }
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.push(n.to_string());
        None
    }
    let mut done = Vec::new();
    graph.keys().find_map(|k| visit(k, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_cycles_between_sibling_files() {
    let mut dirs = vec![(src(), String::new())];
    let mut checked = 0;
    while let Some((dir, path)) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.path().is_dir() {
                let name = e.file_name().to_string_lossy().into_owned();
                let sub = if path.is_empty() { name } else { format!("{path}::{name}") };
                dirs.push((e.path(), sub));
            }
        }
        if path.is_empty() {
            continue; // the top level is ordered by LAYERS
        }
        let g = sibling_graph(&dir, &path);
        checked += g.len();
        if let Some(cycle) = find_cycle(&g) {
            panic!("src/{}: {} import each other round a loop", path.replace("::", "/"), cycle.join(" → "));
        }
    }
    assert!(checked > 30, "only {checked} files compared");
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, Vec<String>> = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec![])]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(find_cycle(&g), Some(vec!["a".to_string(), "b".into(), "c".into()]));
    assert_eq!(crate_refs("use crate::{plan::AssetSpec, vocab::Code};\nlet x = crate::qr::QUIET_ZONE;"), ["plan", "vocab", "qr"]);
}
