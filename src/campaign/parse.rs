//! Text → `FileModel`: the two parse passes and the budgets they run under, apart from reading the file and from wording its errors.
//!
//! Parsing runs twice over the text, both times under the same budgets:
//! 1. into a plain YAML tree (`Node`) with a location on every key and value. This pass reads
//!    the whole file, so a syntax error, a duplicate key or an alias bomb is found wherever it
//!    is — even under a key the typed model would refuse before reading it.
//! 2. into the serde model (`FileModel`). When this fails, serde-saphyr gives a location; the
//!    tree turns it into a field path (`placements[0].sites`) and, where serde-saphyr points at
//!    a less useful place (the last key of a mapping that lacks a required one, a key whose
//!    value is wrong), moves the location to the key or value the message is about.

use super::{
    messages::yaml_error,
    model::FileModel,
    position::line_col,
    tree::{Node, Scalar, check_tree, empty_values},
};
use crate::vocab::{Code, Diagnostic, Span};
use serde_saphyr::{DuplicateKeyPolicy, NonFiniteFloatPolicy, Options, Spanned};

use super::budget::*;

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
pub(super) fn parse(bytes: &[u8]) -> Result<FileModel, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            let byte = bytes[e.valid_up_to()];
            return Err(vec![
                Diagnostic::error(Code::Yaml, format!("the file is not UTF-8 text: byte 0x{byte:02X} at line {line}, column {column} is not valid UTF-8"))
                    .at_span(Span::new(line as u64, column as u64))
                    .hint("a campaign file is a YAML text file; is this the right file?"),
            ]);
        }
    };
    let empty = || {
        Diagnostic::error(Code::Yaml, "the file holds no campaign; expected version: 1, campaign:, contact:, messages: and placements:")
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
            if let Some(d) = foreign_tag(text) {
                return Err(vec![d]);
            }
            let model = typed.map_err(|e| vec![yaml_error(&e, text, Some(&tree))])?;
            let empty = empty_values(&tree, text);
            if !empty.is_empty() {
                return Err(empty);
            }
            Ok(model)
        }
        // The tree reads the whole file, the model may stop at its first error: the tree's
        // error (syntax, budget) is about the file as a whole and comes first.
        (Err(e), Err(_)) => Err(vec![yaml_error(&e, text, None)]),
        // The model accepts what the tree refused; the model is the contract.
        (Err(_), Ok(model)) => Ok(model),
    }
}

/// Tags the core schema has (a quoted text, a number, …) change nothing a campaign means; any
/// other is refused. serde-saphyr refuses application tags (`!upper`) but decodes `!!binary`
/// (a headline of base64 would print its decoded bytes) and reads `!!timestamp`, `!!set` … as
/// plain values, so the tags are read from the parser's events. Runs after the tree pass, which
/// has already bounded the file.
fn foreign_tag(text: &str) -> Option<Diagnostic> {
    const CORE: [&str; 7] = ["str", "int", "float", "bool", "null", "seq", "map"];
    for ev in granit_parser::Parser::new_from_str(text) {
        let Ok((event, span)) = ev else { return None };
        let Some(tag) = event.tag() else { continue };
        if tag.core_suffix().is_some_and(|s| CORE.contains(&s)) {
            continue;
        }
        let written = format!("{}{}", tag.original_handle(), tag.suffix());
        // The event starts at the value; point at the tag written before it on its line.
        let (line, col) = (span.start.line(), span.start.col());
        let text_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let before: String = text_line.chars().take(col).collect();
        let col = before.rfind(&written).map_or(col, |b| before[..b].chars().count());
        return Some(
            Diagnostic::error(Code::Yaml, format!("tag `{written}` is not part of the campaign format"))
                .at_span(Span::new(line as u64, col as u64 + 1))
                .hint("write the value itself, e.g. headline: \"Get help now\"; YAML tags other than the core types are refused"),
        );
    }
    None
}
