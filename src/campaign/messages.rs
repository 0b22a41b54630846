//! serde-saphyr errors → our diagnostics: lowercase, in the campaign's words, located on the key or value they are about, with a hint; apart because wording changes without the parse changing.

use super::budget::{MAX_ALIASES, MAX_DEPTH, MAX_NODES, MAX_SCALAR_BYTES};
use super::position::{line_col, offset_of, unclosed_bracket};
use super::schema::{field_hint, required_hint};
use super::tree::{Found, Node, S, Scalar, describe, find, join, span_of};
use super::wording::{list, lower_first, path_or_top, unknown_key};
use crate::vocab::{Code, Diagnostic, Span};
use serde_saphyr::Error as YamlError;
use serde_saphyr::budget::BudgetBreach;

/// Turn a serde-saphyr error into our one-line form: a lowercase message naming the field path
/// and what was expected, at the most useful location, with a hint where one helps.
pub(super) fn yaml_error(e: &YamlError, text: &str, tree: Option<&S<Node>>) -> Diagnostic {
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
        let d = Diagnostic::error(Code::Yaml, msg).at_span(value_at);
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
            let msg = if parent.is_empty() {
                format!("missing required key `{field}` at the top level")
            } else {
                format!("{parent}: missing required key `{field}`")
            };
            Diagnostic::error(Code::Yaml, msg).at_span(at).hint(required_hint(&join(&parent, field)))
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
            Diagnostic::error(Code::Yaml, msg).at_span(value_at)
        }
        YamlError::DuplicateMappingKey { key: k, .. } => {
            let parent = key.as_ref().map(|(_, p, _, _)| p.clone()).unwrap_or_default();
            let k = k.clone().unwrap_or_else(|| "?".into());
            Diagnostic::error(Code::Yaml, format!("{}: key `{k}` is given twice", path_or_top(&parent)))
                .at_span(at)
                .hint("each key may appear once in a mapping")
        }
        YamlError::Eof { .. } => Diagnostic::error(Code::Yaml, "the file ended in the middle of a value").at_span(at).hint("is the file cut short?"),
        YamlError::MultipleDocuments { .. } => Diagnostic::error(Code::Yaml, "the file holds more than one YAML document; a campaign is exactly one")
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
            Diagnostic::error(Code::Yaml, if path.is_empty() { msg } else { format!("{path}: {msg}") })
                .at_span(at)
                .hint("remove the tag and write the value plainly")
        }
        YamlError::UnknownAnchor { .. } => Diagnostic::error(Code::Yaml, {
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
        YamlError::AliasReplayLimitExceeded { max_total_replayed_events, .. } => {
            alias_bomb(format!("aliases expand to more than {max_total_replayed_events} values"), at)
        }
        YamlError::AliasExpansionLimitExceeded { max_expansions_per_anchor, .. } => {
            alias_bomb(format!("an anchor is expanded more than {max_expansions_per_anchor} times"), at)
        }
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
                return Diagnostic::error(
                    Code::Yaml,
                    format!("yaml syntax error: this `{b}` is never closed (noticed at line {}, column {}: {msg})", at.line, at.column),
                )
                .at_span(Span::new(l as u64, c as u64))
                .hint(format!("close it with `{}` before the next key", if b == '[' { ']' } else { '}' }));
            }
            let mut d = Diagnostic::error(Code::Yaml, if syntax { format!("yaml syntax error: {msg}") } else { msg.clone() }).at_span(at);
            if let Some(h) = syntax_hint(&msg) {
                d = d.hint(h);
            }
            d
        }
    }
}

fn budget_error(breach: &BudgetBreach, at: Span) -> Diagnostic {
    match breach {
        BudgetBreach::Depth { .. } => {
            Diagnostic::error(Code::Yaml, format!("the file nests lists and mappings more than {MAX_DEPTH} levels deep; a campaign needs six at most"))
                .at_span(at)
                .hint("deep nesting is refused to keep parsing fast and safe; is this the right file?")
        }
        BudgetBreach::Aliases { .. } => alias_bomb(format!("the file uses more than {MAX_ALIASES} aliases"), at),
        BudgetBreach::Anchors { .. } => alias_bomb(format!("the file defines more than {MAX_ALIASES} anchors"), at),
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => alias_bomb(format!("the file uses {aliases} aliases for {anchors} anchors"), at),
        BudgetBreach::Events { .. } | BudgetBreach::Nodes { .. } => {
            Diagnostic::error(Code::Yaml, format!("the file expands to more than {MAX_NODES} values, far more than a campaign needs"))
                .at_span(at)
                .hint("if it uses aliases (*name), it may be an alias bomb; write the values out instead")
        }
        BudgetBreach::ScalarBytes { .. } => {
            Diagnostic::error(Code::Yaml, format!("the file's texts add up to more than {} MiB, far more than a campaign needs", MAX_SCALAR_BYTES >> 20))
                .at_span(at)
                .hint("if it uses aliases (*name) of long texts, it may be an alias bomb")
        }
        other => Diagnostic::error(Code::Yaml, format!("the file is too large or too complex to be a campaign ({other:?})")).at_span(at),
    }
}

fn alias_bomb(what: String, at: Span) -> Diagnostic {
    Diagnostic::error(Code::Yaml, format!("{what}; refused as a possible alias bomb (billion laughs)"))
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
    } else if msg.contains("block mapping") || msg.contains("indent") || msg.contains("mapping values are not allowed") {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::wording::closest;

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
}
