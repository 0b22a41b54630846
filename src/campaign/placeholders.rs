//! Placeholders in captions and alt text: `{helpline}`, `{hours}`, `{helpline_note}`,
//! `{website}` and `{link}` (the asset's tracked link); `{{` and `}}` are literal braces.
//! Parsed here, where a bad one is a located error at load; expanded per language and asset
//! by the plan, so a changed contact line never leaves a caption stale.

/// The placeholders the format knows.
pub const NAMES: [&str; 5] = ["helpline", "hours", "helpline_note", "website", "link"];

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Literal(&'a str),
    /// A literal `{` or `}` written doubled.
    Brace(char),
    Placeholder(&'a str),
}

/// A template's problem: what is wrong and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bad {
    pub offset: usize,
    pub message: String,
}

/// `text` split into literals and placeholders, or the first problem: an unknown name, an
/// unclosed `{`, a lone `}`.
pub fn split(text: &str) -> Result<Vec<Piece<'_>>, Bad> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut at = 0;
    while let Some(i) = rest.find(['{', '}']) {
        if i > 0 {
            out.push(Piece::Literal(&rest[..i]));
        }
        let c = rest.as_bytes()[i] as char;
        let after = &rest[i + 1..];
        if after.starts_with(c) {
            out.push(Piece::Brace(c));
            at += i + 2;
            rest = &after[1..];
            continue;
        }
        if c == '}' {
            return Err(Bad { offset: at + i, message: "a lone `}`; write `}}` for a literal brace".into() });
        }
        let Some(end) = after.find(['}', '{']).filter(|&e| after.as_bytes()[e] == b'}') else {
            return Err(Bad { offset: at + i, message: "a `{` that is never closed; write `{{` for a literal brace".into() });
        };
        let name = &after[..end];
        if !NAMES.contains(&name) {
            return Err(Bad { offset: at + i, message: format!("unknown placeholder `{{{name}}}`") });
        }
        out.push(Piece::Placeholder(name));
        at += i + end + 2;
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest));
    }
    Ok(out)
}

/// The placeholders `text` uses (none when it does not parse: that is reported elsewhere).
pub fn used(text: &str) -> Vec<&str> {
    split(text).map(|p| p.into_iter().filter_map(|p| if let Piece::Placeholder(n) = p { Some(n) } else { None }).collect()).unwrap_or_default()
}

/// `text` with every placeholder replaced by `value(name)`; a text that does not parse is
/// returned as written (validation has refused it before any plan is made).
pub fn expand(text: &str, value: impl Fn(&str) -> String) -> String {
    let Ok(pieces) = split(text) else { return text.to_string() };
    let mut s = String::with_capacity(text.len());
    for p in pieces {
        match p {
            Piece::Literal(l) => s.push_str(l),
            Piece::Brace(c) => s.push(c),
            Piece::Placeholder(n) => s.push_str(&value(n)),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_and_keeps_literal_braces() {
        let v = |n: &str| format!("<{n}>");
        assert_eq!(expand("Call {helpline} ({hours}) {{x}} {link}", v), "Call <helpline> (<hours>) {x} <link>");
        assert_eq!(expand("no placeholders", v), "no placeholders");
    }

    #[test]
    fn refuses_unknown_and_unbalanced() {
        assert_eq!(split("Call {phone}").unwrap_err().offset, 5);
        assert!(split("Call {helpline").is_err());
        assert!(split("a } b").is_err());
        assert!(split("{help{line}").is_err());
        assert_eq!(used("{website} and {link}"), vec!["website", "link"]);
    }
}
