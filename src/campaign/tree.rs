//! The plain YAML tree with a location on every key and value, and the lookups on it; apart from the serde model, which it shadows only to check keys and locate errors.

use super::schema::allowed_keys;
use super::wording::{path_or_top, unknown_key};
use crate::vocab::{Code, Diagnostic, Span};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::fmt;

pub(super) type S<T> = Spanned<T>;

#[derive(Debug)]
pub(super) enum Scalar {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
}

#[derive(Debug)]
pub(super) enum Node {
    Scalar(Scalar),
    Seq(Vec<S<Node>>),
    Map(Vec<(S<Key>, S<Node>)>),
}

#[derive(Debug)]
pub(super) enum Key {
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
pub(super) fn describe(n: &S<Node>, text: &str) -> String {
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
    if t.chars().count() > 40 { t.chars().take(37).collect::<String>() + "..." } else { t.to_string() }
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

pub(super) fn span_of(l: &Location) -> Span {
    Span::new(l.line(), l.column())
}

pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

/// Problems the typed model would not see or report well: duplicate keys (all of them) and
/// keys that are lists or mappings.
pub(super) fn check_tree(root: &S<Node>) -> Vec<Diagnostic> {
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
                            Diagnostic::error(Code::Yaml, format!("{}: a key must be a name, found {what}", path_or_top(path)))
                                .at_span(span_of(&k.referenced))
                                .hint("write `name: value`; a `? ` key or a list/mapping key is never part of a campaign"),
                        ),
                        Key::Name(name) => {
                            if let Some(allowed) = allowed_keys(path)
                                && !allowed.contains(&name.as_str())
                            {
                                out.push(unknown_key(path, name, allowed, span_of(&k.referenced)));
                                continue;
                            }
                            let first = entries[..i].iter().find(|(k2, _)| matches!(&k2.value, Key::Name(n2) if n2 == name));
                            if let Some((k1, _)) = first {
                                out.push(
                                    Diagnostic::error(Code::Yaml, format!("{}: key `{name}` is given twice", path_or_top(path)))
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
pub(super) enum Found<'a> {
    /// A mapping key: its path, the path of the mapping, the mapping, where to point for the
    /// mapping as a whole, and the value.
    Key { path: String, parent: String, parent_at: Span, value: &'a S<Node> },
    /// A value: its path.
    Value { path: String, node: &'a S<Node> },
}

/// Everything at `at`, values before keys (a block mapping starts where its first key does).
pub(super) fn find(root: &S<Node>, at: Span) -> Vec<Found<'_>> {
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

/// Keys written with no value. The typed model reads such a key as absent, so a slip such as
/// `background: #00796B` (unquoted, YAML reads a comment) would silently render the default;
/// every key of the format takes a value, so each is refused. Required keys are reported by
/// the typed model first.
pub(super) fn empty_values(root: &S<Node>, text: &str) -> Vec<Diagnostic> {
    fn walk(n: &S<Node>, path: &str, text: &str, out: &mut Vec<Diagnostic>) {
        match &n.value {
            Node::Scalar(_) => {}
            Node::Seq(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), text, out);
                }
            }
            Node::Map(entries) => {
                for (k, v) in entries {
                    let Key::Name(name) = &k.value else { continue };
                    let p = join(path, name);
                    if !matches!(v.value, Node::Scalar(Scalar::Null)) {
                        walk(v, &p, text, out);
                        continue;
                    }
                    let line = text.lines().nth((k.referenced.line() as usize).saturating_sub(1)).unwrap_or("");
                    let after_colon = line.split_once(':').map_or("", |(_, r)| r);
                    let hint = if after_colon.trim_start().starts_with('#') {
                        let rest = after_colon.split_whitespace().next().unwrap_or("#00796B");
                        if matches!(name.as_str(), "background" | "text" | "accent" | "accent_text") {
                            format!("a # starts a comment in YAML: quote colours, e.g. {name}: \"{rest}\"")
                        } else {
                            format!("a # starts a comment in YAML: quote the value, e.g. {name}: \"{rest}\"")
                        }
                    } else {
                        format!("give {name} a value, or delete the line to use the default")
                    };
                    out.push(Diagnostic::error(Code::Yaml, format!("{p} has no value")).at_span(span_of(&k.referenced)).hint(hint));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(root, "", text, &mut out);
    out
}
