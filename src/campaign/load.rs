//! Bytes → `Campaign`: read the file, parse YAML with budgets, then validate.
//!
//! Parsing runs twice over the text, both times under the same budgets:
//! 1. into a plain YAML tree (`Node`) with a location on every key and value. This pass reads
//!    the whole file, so a syntax error, a duplicate key or an alias bomb is found wherever it
//!    is — even under a key the typed model would refuse before reading it.
//! 2. into the serde model (`FileModel`). When this fails, serde-saphyr gives a location; the
//!    tree turns it into a field path (`placements[0].sites`) and, where serde-saphyr points at
//!    a less useful place (the last key of a mapping that lacks a required one, a key whose
//!    value is wrong), moves the location to the key or value the message is about.

use super::{model::FileModel, validate, Campaign};
use crate::diag::{Diagnostic, Diagnostics, Span};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DuplicateKeyPolicy, Error as YamlError, Location, NonFiniteFloatPolicy, Options, Spanned};
use std::fmt;
use std::path::Path;

/// Campaign files are hand-written; anything this large is a mistake or an attack.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Parse budgets. A campaign nests five levels deep and has a few thousand values at most; the
/// serde-saphyr defaults (depth 64, a million events, a million replayed alias events) are
/// meant for any YAML and let a hostile file cost far more than a campaign ever needs.
const MAX_DEPTH: usize = 20;
const MAX_NODES: usize = 100_000;
const MAX_EVENTS: usize = 250_000;
const MAX_ALIASES: usize = 1_000;
const MAX_REPLAYED_EVENTS: usize = 10_000;
const MAX_SCALAR_BYTES: usize = 8 * 1024 * 1024;

/// Load and validate. On failure, every problem found, each located in the file.
/// Warnings found along the way are returned with the campaign.
pub fn load(path: &Path) -> Result<(Campaign, Diagnostics), Diagnostics> {
    let fail = |d: Diagnostic| Err(Diagnostics(vec![d.in_file(path)]));
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(Diagnostic::error("io", format!("cannot read campaign file: {}", io_reason(&e)))),
    };
    if meta.is_dir() {
        return fail(Diagnostic::error("io", "expected a campaign file, found a directory"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return fail(Diagnostic::error("yaml", format!("file is {} bytes; a campaign file may be at most {MAX_FILE_BYTES}", meta.len())));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(Diagnostic::error("io", format!("cannot read campaign file: {}", io_reason(&e)))),
    };
    let model = match parse(&bytes) {
        Ok(m) => m,
        Err(ds) => return Err(Diagnostics(ds.into_iter().map(|d| d.in_file(path)).collect())),
    };
    validate::validate(path, model)
}

/// A dependency's error text as the rest of a lowercase message.
pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => lower_first(&e.to_string()),
    }
}

pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms and identifiers ("PNG", "IO") as they are.
        Some(f) if f.is_uppercase() && !c.clone().next().is_some_and(char::is_uppercase) => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

fn options(duplicate_keys: DuplicateKeyPolicy) -> Options {
    serde_saphyr::options! {
        with_snippet: false,
        duplicate_keys: duplicate_keys,
        // A text field reads its value with deserialize_any; `.nan` there is a text.
        non_finite_float_policy: NonFiniteFloatPolicy::AsString,
        // `name: !custom x` would otherwise pass as "x": the format has no tags.
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: MAX_EVENTS,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_total_scalar_bytes: MAX_SCALAR_BYTES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
            max_replay_stack_depth: MAX_DEPTH,
        },
    }
}

/// Text → model, or the located problems that stop it.
fn parse(bytes: &[u8]) -> Result<FileModel, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            let byte = bytes[e.valid_up_to()];
            return Err(vec![Diagnostic::error("yaml", format!("the file is not UTF-8 text: byte 0x{byte:02X} at line {line}, column {column} is not valid UTF-8"))
                .at_span(Span::new(line as u64, column as u64))
                .hint("a campaign file is a YAML text file; is this the right file?")]);
        }
    };
    let empty = || {
        Diagnostic::error("yaml", "the file holds no campaign; expected version: 1, campaign:, contact:, messages: and placements:")
            .at_span(Span::new(1, 1))
            .hint("start from campaigns/stop-it-now-scotland.yaml")
    };
    if text.trim().is_empty() {
        return Err(vec![empty()]);
    }

    // Pass 1: the plain tree. Duplicate keys are passed through so that all of them are
    // reported, each with the place of the first.
    let tree = serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options(DuplicateKeyPolicy::PassThrough));
    // Pass 2: the model.
    let typed = serde_saphyr::from_str_with_options::<FileModel>(text, options(DuplicateKeyPolicy::Error));
    match (tree, typed) {
        (Ok(tree), typed) => {
            if matches!(tree.value, Node::Scalar(Scalar::Null)) {
                return Err(vec![empty()]);
            }
            let structural = check_tree(&tree);
            if !structural.is_empty() {
                return Err(structural);
            }
            typed.map_err(|e| vec![yaml_error(&e, text, Some(&tree))])
        }
        // The tree reads the whole file, the model may stop at its first error: the tree's
        // error (syntax, budget) is about the file as a whole and comes first.
        (Err(e), Err(_)) => Err(vec![yaml_error(&e, text, None)]),
        // The model accepts what the tree refused; the model is the contract.
        (Err(_), Ok(model)) => Ok(model),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line_start = before.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

// ---------------------------------------------------------------------------------------------
// The plain tree

type S<T> = Spanned<T>;

#[derive(Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
}

#[derive(Debug)]
enum Node {
    Scalar(Scalar),
    Seq(Vec<S<Node>>),
    Map(Vec<(S<Key>, S<Node>)>),
}

#[derive(Debug)]
enum Key {
    Name(String),
    /// A list or mapping used as a key; never a campaign key.
    Complex(&'static str),
}

impl Node {
    fn describe(&self) -> String {
        match self {
            Node::Scalar(s) => s.describe(),
            Node::Seq(_) => "a list".into(),
            Node::Map(_) => "a mapping".into(),
        }
    }
}

/// A value as the message names it; numbers as written (`1e3`, not 1000).
fn describe(n: &S<Node>, text: &str) -> String {
    let span = n.referenced.span();
    let raw = match (span.byte_offset(), span.byte_len()) {
        (Some(o), Some(l)) => text.get(o as usize..(o + l) as usize),
        _ => None,
    };
    match (&n.value, raw) {
        (Node::Scalar(Scalar::Number(_)), Some(r)) if !r.is_empty() => format!("the number {}", shorten(r.trim())),
        (v, _) => v.describe(),
    }
}

impl Scalar {
    fn describe(&self) -> String {
        match self {
            Scalar::Null => "nothing (an empty value)".into(),
            Scalar::Bool(b) => format!("{b}"),
            Scalar::Number(n) => format!("the number {n}"),
            Scalar::Text(t) => format!("the text {:?}", shorten(t)),
        }
    }
}

fn shorten(t: &str) -> String {
    if t.chars().count() > 40 {
        t.chars().take(37).collect::<String>() + "..."
    } else {
        t.to_string()
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(v.to_string())))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(v.to_string())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Number(v.to_string())))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Text(v.to_string())))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Text(v.to_string())))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Text(String::from_utf8_lossy(v).into_owned())))
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Null))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element::<S<Node>>()? {
            v.push(x);
        }
        Ok(Node::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut v = Vec::new();
        while let Some(k) = map.next_key::<S<Key>>()? {
            v.push((k, map.next_value::<S<Node>>()?));
        }
        Ok(Node::Map(v))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Node::deserialize(d)? {
            Node::Scalar(Scalar::Null) => Key::Name(String::new()),
            Node::Scalar(Scalar::Bool(b)) => Key::Name(b.to_string()),
            Node::Scalar(Scalar::Number(n) | Scalar::Text(n)) => Key::Name(n),
            Node::Seq(_) => Key::Complex("a list"),
            Node::Map(_) => Key::Complex("a mapping"),
        })
    }
}

fn span_of(l: &Location) -> Span {
    Span::new(l.line(), l.column())
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

fn path_or_top(path: &str) -> &str {
    if path.is_empty() { "the top level" } else { path }
}

/// Problems the typed model would not see or report well: duplicate keys (all of them) and
/// keys that are lists or mappings.
fn unknown_key(parent: &str, field: &str, expected: &[&str], at: Span) -> Diagnostic {
    let mut hint = String::new();
    if let Some(m) = closest(field, expected) {
        hint.push_str(&format!("did you mean `{m}`? "));
    }
    if expected.is_empty() {
        hint.push_str(&format!("{} takes no keys", path_or_top(parent)));
    } else {
        hint.push_str(&format!("{} takes {}; unknown keys are refused so that a typo cannot pass silently", path_or_top(parent), list(expected)));
    }
    let msg = if parent.is_empty() { format!("unknown key `{field}` at the top level") } else { format!("{parent}: unknown key `{field}`") };
    Diagnostic::error("yaml", msg).at_span(at).hint(hint)
}

/// The keys each mapping of the format takes, by path with list indexes dropped, in the
/// model's field order. Checked on the whole tree, so every unknown key of a file is reported
/// in one run (serde stops at the first).
fn allowed_keys(path: &str) -> Option<&'static [&'static str]> {
    let norm: String = {
        let mut out = String::new();
        let mut skip = false;
        for c in path.chars() {
            match c {
                '[' => {
                    skip = true;
                    out.push('[');
                }
                ']' => {
                    skip = false;
                    out.push(']');
                }
                _ if skip => {}
                _ => out.push(c),
            }
        }
        out
    };
    Some(match norm.as_str() {
        "" => &["version", "campaign", "brand", "contact", "messages", "schedule", "placements", "formats", "print"],
        "campaign" => &["id", "name", "organisation", "partners", "languages", "start", "weeks"],
        "brand" => &["background", "text", "accent", "fonts", "logo"],
        "brand.fonts" => &["headline", "body"],
        "brand.background" | "brand.text" | "brand.accent" => &["cmyk"],
        "contact" => &["helpline", "hours", "helpline_note", "website", "link", "tracking"],
        "messages[]" => &["id", "headline", "body", "caption", "alt"],
        "schedule[]" => &["week", "messages"],
        "placements[]" => &["format", "sites", "weeks", "roadside", "qr"],
        "formats[]" => &[
            "id", "kind", "description", "width_mm", "height_mm", "scale", "bleed_mm", "safe_mm", "viewing_distance_m", "width_px",
            "height_px", "safe_px", "roadside", "file", "max_bytes",
        ],
        "print" => &["output_profile", "crop_marks"],
        _ => return None,
    })
}

fn check_tree(root: &S<Node>) -> Vec<Diagnostic> {
    fn walk(n: &S<Node>, path: &str, out: &mut Vec<Diagnostic>) {
        match &n.value {
            Node::Scalar(_) => {}
            Node::Seq(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), out);
                }
            }
            Node::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    match &k.value {
                        Key::Complex(what) => out.push(
                            Diagnostic::error("yaml", format!("{}: a key must be a name, found {what}", path_or_top(path)))
                                .at_span(span_of(&k.referenced))
                                .hint("write `name: value`; a `? ` key or a list/mapping key is never part of a campaign"),
                        ),
                        Key::Name(name) => {
                            if let Some(allowed) = allowed_keys(path) {
                                if !allowed.contains(&name.as_str()) {
                                    out.push(unknown_key(path, name, allowed, span_of(&k.referenced)));
                                    continue;
                                }
                            }
                            let first = entries[..i].iter().find(|(k2, _)| matches!(&k2.value, Key::Name(n2) if n2 == name));
                            if let Some((k1, _)) = first {
                                out.push(
                                    Diagnostic::error("yaml", format!("{}: key `{name}` is given twice", path_or_top(path)))
                                        .at_span(span_of(&k.referenced))
                                        .hint(format!("the first `{name}` is at line {}; each key may appear once in a mapping", k1.referenced.line())),
                                );
                            }
                            walk(v, &join(path, name), out);
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(root, "", &mut out);
    out
}

/// What the tree holds at a location.
enum Found<'a> {
    /// A mapping key: its path, the path of the mapping, the mapping, where to point for the
    /// mapping as a whole, and the value.
    Key { path: String, parent: String, parent_at: Span, value: &'a S<Node> },
    /// A value: its path.
    Value { path: String, node: &'a S<Node> },
}

/// Everything at `at`, values before keys (a block mapping starts where its first key does).
fn find(root: &S<Node>, at: Span) -> Vec<Found<'_>> {
    fn walk<'a>(n: &'a S<Node>, path: &str, here: Span, at: Span, out: &mut Vec<Found<'a>>) {
        if span_of(&n.referenced) == at {
            out.push(Found::Value { path: path.to_string(), node: n });
        }
        match &n.value {
            Node::Scalar(_) => {}
            Node::Seq(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), span_of(&x.referenced), at, out);
                }
            }
            Node::Map(entries) => {
                for (k, v) in entries {
                    let name = match &k.value {
                        Key::Name(s) => s.as_str(),
                        Key::Complex(_) => continue,
                    };
                    let p = join(path, name);
                    if span_of(&k.referenced) == at {
                        out.push(Found::Key { path: p.clone(), parent: path.to_string(), parent_at: here, value: v });
                    }
                    walk(v, &p, span_of(&k.referenced), at, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(root, "", span_of(&root.referenced), at, &mut out);
    out.sort_by_key(|f| matches!(f, Found::Key { .. }));
    out
}

// ---------------------------------------------------------------------------------------------
// Parser errors → diagnostics

/// Turn a serde-saphyr error into our one-line form: a lowercase message naming the field path
/// and what was expected, at the most useful location, with a hint where one helps.
fn yaml_error(e: &YamlError, text: &str, tree: Option<&S<Node>>) -> Diagnostic {
    let e = e.without_snippet();
    let e = match e {
        YamlError::AliasError { error, .. } => error.as_ref(),
        other => other,
    };
    let at = e.location().map(|l| span_of(&l)).unwrap_or(Span::UNKNOWN);
    let found = tree.map(|t| find(t, at)).unwrap_or_default();
    let key = found.iter().find_map(|f| match f {
        Found::Key { path, parent, parent_at, value } => Some((path.clone(), parent.clone(), *parent_at, *value)),
        _ => None,
    });
    // The value a type error is about: a value at the location, else the value of a key there.
    let value: Option<(String, &S<Node>)> = found.iter().find_map(|f| match f {
        Found::Value { path, node } => Some((path.clone(), *node)),
        _ => None,
    });
    let value = value.or_else(|| key.as_ref().map(|(p, _, _, v)| (p.clone(), *v)));
    let value_at = value.as_ref().map(|(_, n)| span_of(&n.referenced)).unwrap_or(at);
    let value_path = value.as_ref().map(|(p, _)| p.clone());
    let found_desc = |fallback: &str| value.as_ref().map(|(_, n)| describe(n, text)).unwrap_or_else(|| fallback.to_string());

    let typed = |expected: &str, fallback_found: &str| -> Diagnostic {
        let path = value_path.clone().unwrap_or_default();
        let msg = if path.is_empty() && value_path.is_some() {
            format!("expected the campaign as a mapping (version: 1, campaign: ...), found {}", found_desc(fallback_found))
        } else if path.is_empty() {
            format!("expected {expected}, found {}", found_desc(fallback_found))
        } else {
            format!("{path}: expected {expected}, found {}", found_desc(fallback_found))
        };
        let d = Diagnostic::error("yaml", msg).at_span(value_at);
        // A text written plainly that YAML reads as a number, true/false or nothing.
        let unquoted = expected.starts_with("a text")
            && value.as_ref().is_some_and(|(_, n)| matches!(n.value, Node::Scalar(Scalar::Number(_) | Scalar::Bool(_) | Scalar::Null)));
        match (unquoted, field_hint(&path)) {
            (true, _) => d.hint("put the text in quotes; unquoted, YAML reads it as a number, true/false or an empty value"),
            (false, Some(h)) => d.hint(h),
            (false, None) => d,
        }
    };

    match e {
        YamlError::SerdeUnknownField { field, expected, .. } => {
            let parent = key.as_ref().map(|(_, parent, _, _)| parent.clone()).unwrap_or_default();
            unknown_key(&parent, field, expected, at)
        }
        YamlError::SerdeMissingField { field, .. } => {
            // serde-saphyr points at the last key read before the mapping ended; point at the
            // mapping that lacks the key instead: its own key, or where it starts.
            let (parent, at) = match &key {
                Some((_, parent, parent_at, _)) => (parent.clone(), *parent_at),
                None => match &value {
                    Some((p, n)) => (p.clone(), span_of(&n.referenced)),
                    None => (String::new(), at),
                },
            };
            let msg = if parent.is_empty() { format!("missing required key `{field}` at the top level") } else { format!("{parent}: missing required key `{field}`") };
            Diagnostic::error("yaml", msg).at_span(at).hint(required_hint(&join(&parent, field)))
        }
        YamlError::SerdeInvalidType { unexpected, expected, .. } | YamlError::SerdeInvalidValue { unexpected, expected, .. } => {
            typed(&expected_phrase(expected), &unexpected_phrase(unexpected))
        }
        YamlError::SerdeInvalidLength { len, expected, .. } => typed(&expected_phrase(expected), &format!("{len} items")),
        YamlError::SerdeUnknownVariant { variant, expected, .. } => typed(&format!("one of {}", list(expected)), &format!("the text {variant:?}")),
        YamlError::InvalidScalar { ty, .. } => typed(&expected_phrase(ty), "a value of another type"),
        YamlError::InvalidBooleanStrict { .. } => typed("true or false", "a value of another type"),
        YamlError::NullIntoString { .. } => typed("a text", "nothing (an empty value)"),
        YamlError::Unexpected { expected, .. } => typed(&expected_phrase(expected), "a value of another type"),
        YamlError::Message { msg, .. } => {
            // Our own visitors' errors (model.rs), already in our words.
            let msg = lower_first(msg);
            let path = value_path.clone().unwrap_or_default();
            let msg = if path.is_empty() { msg } else { format!("{path}: {msg}") };
            Diagnostic::error("yaml", msg).at_span(value_at)
        }
        YamlError::DuplicateMappingKey { key: k, .. } => {
            let parent = key.as_ref().map(|(_, p, _, _)| p.clone()).unwrap_or_default();
            let k = k.clone().unwrap_or_else(|| "?".into());
            Diagnostic::error("yaml", format!("{}: key `{k}` is given twice", path_or_top(&parent))).at_span(at).hint("each key may appear once in a mapping")
        }
        YamlError::Eof { .. } => Diagnostic::error("yaml", "the file ended in the middle of a value").at_span(at).hint("is the file cut short?"),
        YamlError::MultipleDocuments { .. } => Diagnostic::error("yaml", "the file holds more than one YAML document; a campaign is exactly one")
            // serde-saphyr points into the second document; point at the `---` that starts it.
            .at_span(
                text.lines()
                    .enumerate()
                    .take(at.line as usize)
                    .filter(|(_, l)| l.starts_with("---"))
                    .last()
                    .map(|(i, _)| Span::new(i as u64 + 1, 1))
                    .unwrap_or(at),
            )
            .hint("remove the `---` line that starts the second document, and what follows it, or merge the two"),
        YamlError::UnsupportedTag { tag, .. } | YamlError::TaggedStructFieldName { tag, .. } => {
            let path = value_path.clone().or(key.as_ref().map(|k| k.0.clone())).unwrap_or_default();
            let msg = format!("tag `{tag}` is not part of the campaign format");
            // serde-saphyr points after the tagged value; point at the tag.
            let at = offset_of(text, at)
                .and_then(|o| {
                    let line_start = text[..o].rfind('\n').map(|i| i + 1).unwrap_or(0);
                    text[line_start..o].rfind(tag.as_str()).map(|t| line_col(text.as_bytes(), line_start + t))
                })
                .map(|(l, c)| Span::new(l as u64, c as u64))
                .unwrap_or(at);
            Diagnostic::error("yaml", if path.is_empty() { msg } else { format!("{path}: {msg}") })
                .at_span(at)
                .hint("remove the tag and write the value plainly")
        }
        YamlError::UnknownAnchor { .. } => Diagnostic::error("yaml", {
            let alias = offset_of(text, at)
                .map(|o| &text[o..])
                .filter(|t| t.starts_with('*'))
                .map(|t| &t[..t.find(|c: char| c.is_whitespace() || ",]}".contains(c)).unwrap_or(t.len())]);
            match alias {
                Some(a) => format!("alias `{a}` refers to an anchor `&{}` that is not defined before it", &a[1..]),
                None => "alias refers to an anchor that is not defined before it".to_string(),
            }
        })
            .at_span(at)
            .hint("define `&name` on a value before using `*name`, or write the value out"),
        YamlError::Budget { breach, .. } => budget_error(breach, at),
        // The scanner's own limit on nested [ ] and { }, set to the same depth.
        YamlError::ExternalMessage { msg, .. } if msg.contains("recursion limit") => budget_error(&BudgetBreach::Depth { depth: MAX_DEPTH + 1 }, at),
        YamlError::AliasReplayLimitExceeded { max_total_replayed_events, .. } => alias_bomb(format!("aliases expand to more than {max_total_replayed_events} values"), at),
        YamlError::AliasExpansionLimitExceeded { max_expansions_per_anchor, .. } => alias_bomb(format!("an anchor is expanded more than {max_expansions_per_anchor} times"), at),
        YamlError::AliasReplayStackDepthExceeded { max_depth, .. } => alias_bomb(format!("aliases nest inside aliases more than {max_depth} deep"), at),
        YamlError::AliasReplayCounterOverflow { .. } => alias_bomb("aliases expand beyond counting".into(), at),
        other => {
            // Scanner errors and the rest: serde-saphyr's text, without its location suffix.
            let raw = other.to_string();
            let msg = lower_first(strip_location(&raw));
            let syntax = matches!(other, YamlError::ExternalMessage { .. });
            // A tab is reported where the scalar before it starts; point at the tab.
            let at = match (msg.contains("tab"), offset_of(text, at)) {
                (true, Some(o)) => text[o..].find('\t').map(|t| line_col(text.as_bytes(), o + t)).map(|(l, c)| Span::new(l as u64, c as u64)).unwrap_or(at),
                _ => at,
            };
            // Inside an unclosed [ or {, the parser notices only later, often on another line;
            // point at the bracket.
            let flow = msg.contains("':'") || msg.contains("flow") || msg.contains("expected ','");
            if let (true, true, Some((l, c, b))) = (syntax, flow, offset_of(text, at).and_then(|o| unclosed_bracket(text, o))) {
                return Diagnostic::error("yaml", format!("yaml syntax error: this `{b}` is never closed (noticed at line {}, column {}: {msg})", at.line, at.column))
                    .at_span(Span::new(l as u64, c as u64))
                    .hint(format!("close it with `{}` before the next key", if b == '[' { ']' } else { '}' }));
            }
            let mut d = Diagnostic::error("yaml", if syntax { format!("yaml syntax error: {msg}") } else { msg.clone() }).at_span(at);
            if let Some(h) = syntax_hint(&msg) {
                d = d.hint(h);
            }
            d
        }
    }
}

/// Byte offset of a 1-based line and column (in characters).
fn offset_of(text: &str, at: Span) -> Option<usize> {
    if !at.is_known() {
        return None;
    }
    let line_start = if at.line == 1 { 0 } else { text.match_indices('\n').nth(at.line as usize - 2)?.0 + 1 };
    let line = &text[line_start..];
    let col = line.char_indices().nth(at.column as usize - 1).map(|(i, _)| i).unwrap_or(line.len());
    Some(line_start + col)
}

/// The innermost `[` or `{` still open at byte `upto`, as (line, column, bracket). A light scan
/// that knows quotes and comments; only used once the parser has already failed.
fn unclosed_bracket(text: &str, upto: usize) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut prev = '\n'; // last non-space character, '\n' at a line start
    let mut chars = text[..upto.min(text.len())].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            match c {
                '\\' if q == '"' => {
                    chars.next();
                }
                '\'' if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                    chars.next();
                }
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' if matches!(prev, '\n' | ':' | '-' | '[' | '{' | ',' | '?') => quote = Some(c),
            '#' if text[..i].ends_with([' ', '\t', '\n']) || i == 0 => {
                while chars.peek().is_some_and(|(_, n)| *n != '\n') {
                    chars.next();
                }
            }
            '[' | '{' => open.push((i, c)),
            ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
        if c == '\n' {
            prev = '\n';
        } else if !c.is_whitespace() {
            prev = c;
        }
    }
    open.last().map(|&(i, c)| {
        let (l, col) = line_col(text.as_bytes(), i);
        (l, col, c)
    })
}

fn budget_error(breach: &BudgetBreach, at: Span) -> Diagnostic {
    match breach {
        BudgetBreach::Depth { .. } => Diagnostic::error("yaml", format!("the file nests lists and mappings more than {MAX_DEPTH} levels deep; a campaign needs six at most"))
            .at_span(at)
            .hint("deep nesting is refused to keep parsing fast and safe; is this the right file?"),
        BudgetBreach::Aliases { .. } => alias_bomb(format!("the file uses more than {MAX_ALIASES} aliases"), at),
        BudgetBreach::Anchors { .. } => alias_bomb(format!("the file defines more than {MAX_ALIASES} anchors"), at),
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => alias_bomb(format!("the file uses {aliases} aliases for {anchors} anchors"), at),
        BudgetBreach::Events { .. } | BudgetBreach::Nodes { .. } => Diagnostic::error("yaml", format!("the file expands to more than {MAX_NODES} values, far more than a campaign needs"))
            .at_span(at)
            .hint("if it uses aliases (*name), it may be an alias bomb; write the values out instead"),
        BudgetBreach::ScalarBytes { .. } => Diagnostic::error("yaml", format!("the file's texts add up to more than {} MiB, far more than a campaign needs", MAX_SCALAR_BYTES >> 20))
            .at_span(at)
            .hint("if it uses aliases (*name) of long texts, it may be an alias bomb"),
        other => Diagnostic::error("yaml", format!("the file is too large or too complex to be a campaign ({other:?})")).at_span(at),
    }
}

fn alias_bomb(what: String, at: Span) -> Diagnostic {
    Diagnostic::error("yaml", format!("{what}; refused as a possible alias bomb (billion laughs)"))
        .at_span(at)
        .hint("the expansion was stopped while repeating the anchored value here; a campaign file needs few or no aliases (*name), so write the values out")
}

/// serde-saphyr ends many messages with " at line L, column C"; the location is ours to print.
fn strip_location(s: &str) -> &str {
    let s = s.trim();
    let s = s.lines().next().unwrap_or(s);
    if let Some(i) = s.rfind(" at line ") {
        let tail = &s[i + " at line ".len()..];
        if let Some((l, c)) = tail.split_once(", column ")
            && l.bytes().all(|b| b.is_ascii_digit())
            && c.bytes().all(|b| b.is_ascii_digit())
        {
            return &s[..i];
        }
    }
    s
}

fn syntax_hint(msg: &str) -> Option<&'static str> {
    if msg.contains("tab") {
        Some("indent with spaces; YAML does not allow tabs for indentation")
    } else if msg.contains("unclosed bracket") {
        Some("close it with `]` or `}`; a list [ … ] or mapping { … } must end on the value it starts")
    } else if msg.contains("':'") || msg.contains("flow") {
        Some("a list [ … ] or mapping { … } opened above may be missing its closing bracket")
    } else if msg.contains("quote") {
        Some("a quoted text is missing its closing quote")
    } else if msg.contains("block mapping") || msg.contains("indent") {
        Some("check the indentation: the keys of one mapping must start in the same column")
    } else if msg.contains("character") {
        Some("the file holds a control character; is it a text file?")
    } else {
        None
    }
}

/// serde's "expected" texts, in the campaign's words.
fn expected_phrase(e: &str) -> String {
    let e = e.trim();
    match e {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number (0 or more)".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "bool" | "a boolean" => "true or false".into(),
        "a string" | "string scalar" | "a borrowed string" => "a text".into(),
        "a sequence" | "sequence start" => "a list".into(),
        "a map" | "mapping start" => "a mapping".into(),
        _ if e.starts_with("struct ") => "a mapping".into(),
        _ => e.to_string(),
    }
}

/// serde's `Unexpected` texts, for when the tree has nothing at the location.
fn unexpected_phrase(u: &str) -> String {
    match u {
        "map" => "a mapping".into(),
        "sequence" => "a list".into(),
        "unit value" => "nothing (an empty value)".into(),
        _ => u.replace('`', ""),
    }
}

fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        _ => {
            let (last, rest) = items.split_last().expect("two or more");
            format!("{} and `{last}`", rest.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
        }
    }
}

/// The expected key a typo most likely meant (edit distance at most a third of its length).
pub(super) fn closest<'a>(field: &str, expected: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }
    let f = field.to_lowercase();
    expected
        .iter()
        .map(|e| (distance(&f, e), *e))
        .filter(|(d, e)| *d > 0 && *d <= (e.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// What a field takes, for type errors.
fn field_hint(path: &str) -> Option<String> {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    let leaf = leaf.split('[').next().unwrap_or(leaf);
    let h = match (path, leaf) {
        ("version", _) => "write version: 1",
        ("campaign", _) => "campaign: a mapping with id, name, organisation, start and weeks",
        ("contact", _) => "contact: a mapping with helpline, website and link (hours, helpline_note and tracking are optional)",
        ("brand", _) => "brand: a mapping with any of background, text, accent, fonts and logo",
        ("campaign.weeks", _) => "the campaign's length in weeks, 1 to 52, e.g. weeks: 4",
        (_, "sites") => "the number of sites posted each week, e.g. sites: 40",
        (_, "week") => "a week number, e.g. week: 1",
        (p, "weeks") if p.starts_with("placements") => "a list of week numbers, e.g. weeks: [1, 2]",
        ("messages", _) => "a list of messages, each starting with `- id: …`",
        ("placements", _) => "a list of placements, each starting with `- format: …`",
        ("schedule", _) => "a list of weeks, each starting with `- week: …`",
        (_, "languages") => "a list of BCP 47 tags, e.g. languages: [en-GB, gd]",
        (_, "partners") => "a list of names, e.g. partners: [\"Police Scotland\"]",
        (_, "tracking" | "roadside" | "crop_marks") => "true or false",
        (_, "qr") => "qr: auto, on or off",
        (_, "headline" | "body" | "caption" | "alt" | "hours" | "helpline_note") => {
            "a text, or a map of language to text such as {en-GB: \"…\", gd: \"…\"}"
        }
        (_, "background" | "text" | "accent") => "a colour: \"#RRGGBB\" (quoted) or {cmyk: [C, M, Y, K]} in percent",
        _ => return None,
    };
    Some(h.to_string())
}

fn required_hint(path: &str) -> String {
    // messages[3].headline → messages[].headline
    let mut norm = String::new();
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => {
                skip = true;
                norm.push('[');
            }
            ']' => {
                skip = false;
                norm.push(']');
            }
            _ if skip => {}
            _ => norm.push(c),
        }
    }
    let example = match norm.as_str() {
        "campaign.name" => "name: the campaign's name, e.g. name: \"Stop It Now! Scotland: Get Help\"",
        "campaign.organisation" => "organisation: the name printed in the imprint line",
        "messages[].id" => "id: a lowercase name for the message, e.g. id: get-help",
        "messages[].headline" => "headline: the message's main line",
        "schedule[].week" => "week: the week number, e.g. week: 1",
        "schedule[].messages" => "messages: the ids of the messages posted that week, e.g. messages: [get-help]",
        "placements[].format" => "format: a format id, e.g. format: billboard-48 (`billposter formats` lists them)",
        "formats[].id" => "id: the format's id, e.g. id: kiosk-glasgow",
        "version" => "version: 1",
        "campaign" => "campaign: with id, name, organisation, start and weeks",
        "contact" => "contact: with helpline, website and link",
        "messages" => "messages: a list of messages, each with id and headline",
        "placements" => "placements: a list of placements, each with a format",
        "contact.helpline" => "helpline: \"0808 1000 900\"",
        "contact.website" => "website: \"stopitnow.org.uk\" (the address as printed)",
        "contact.link" => "link: \"https://www.stopitnow.org.uk/\" (the address the QR code opens)",
        "campaign.id" => "id: a lowercase name for the output folder, e.g. id: stop-it-now-scotland-2019",
        "campaign.start" => "start: the first day of week 1, e.g. start: 2019-03-18",
        "campaign.weeks" => "weeks: the length in weeks, e.g. weeks: 4",
        _ => return "see shared/campaign-format.md for the required keys".into(),
    };
    format!("add {example}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_location_suffix() {
        assert_eq!(strip_location("invalid u32 at line 9, column 10"), "invalid u32");
        assert_eq!(strip_location("at line 9 is fine"), "at line 9 is fine");
    }

    #[test]
    fn suggests_close_keys() {
        assert_eq!(closest("placement", &["version", "placements", "print"]), Some("placements"));
        assert_eq!(closest("phone", &["helpline", "hours", "website", "link"]), None);
    }

    #[test]
    fn finds_unclosed_brackets() {
        let t = "a: [1, 2\nb: \"x [\" # [\nc: {d: [e]}\n";
        assert_eq!(unclosed_bracket(t, t.find("b:").unwrap()), Some((1, 4, '[')));
        assert_eq!(unclosed_bracket(t, t.len()), Some((1, 4, '[')));
        assert_eq!(unclosed_bracket("a: [1]\nb: 'it''s [' \n", 20), None);
    }

    #[test]
    fn locates_bad_bytes() {
        assert_eq!(line_col(b"a: 1\nb: \xff", 8), (2, 4));
    }
}
