//! Shared wording of campaign errors: key lists, typo suggestions, I/O reasons. Apart so that
//! the parser, the tree check and validation all say things one way without importing each
//! other.

use crate::vocab::{Code, Diagnostic, Span};

/// An unknown key, with the keys its mapping takes and, for a likely typo, the key it meant.
pub(super) fn unknown_key(parent: &str, field: &str, expected: &[&str], at: Span) -> Diagnostic {
    let mut hint = String::new();
    // `gd:` under a message: a translation written as a key of the message, not of its texts.
    let mut parts = field.split('-');
    let lang_like = parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_lowercase()))
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphanumeric()));
    // A three-letter typo ("bdy") is still a typo; two letters or a region are a language.
    let lang_like = lang_like && (field.len() == 2 || field.contains('-') || closest(field, expected).is_none());
    if lang_like && parent.starts_with("messages[") && !parent.contains('.') {
        let msg = format!("{parent}: unknown key `{field}`");
        return Diagnostic::error(Code::Yaml, msg).at_span(at).hint(format!(
            "a translation goes inside each text, as a map by language, e.g. headline: {{en-GB: \"Get help\", {field}: \"…\"}}; {parent} takes {}",
            list(expected)
        ));
    }
    if let Some(m) = closest(field, expected) {
        hint.push_str(&format!("did you mean `{m}`? "));
    }
    if expected.is_empty() {
        hint.push_str(&format!("{} takes no keys", path_or_top(parent)));
    } else {
        hint.push_str(&format!("{} takes {}; unknown keys are refused so that a typo cannot pass silently", path_or_top(parent), list(expected)));
    }
    let msg = if parent.is_empty() { format!("unknown key `{field}` at the top level") } else { format!("{parent}: unknown key `{field}`") };
    Diagnostic::error(Code::Yaml, msg).at_span(at).hint(hint)
}

pub(super) fn path_or_top(path: &str) -> &str {
    if path.is_empty() { "the top level" } else { path }
}

pub(super) fn list(items: &[&str]) -> String {
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
    expected.iter().map(|e| (distance(&f, e), *e)).filter(|(d, e)| *d > 0 && *d <= (e.chars().count() / 3).max(1)).min_by_key(|(d, _)| *d).map(|(_, e)| e)
}

pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms and identifiers ("PNG", "IO") as they are.
        Some(f) if f.is_uppercase() && !c.clone().next().is_some_and(char::is_uppercase) => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
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
