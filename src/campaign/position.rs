//! Byte offsets ↔ 1-based line:column, and the scan for an unclosed bracket: plain text arithmetic, apart from the YAML so it reads and tests alone.

use crate::vocab::Span;

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line_start = before.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and column (in characters).
pub(super) fn offset_of(text: &str, at: Span) -> Option<usize> {
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
pub(super) fn unclosed_bracket(text: &str, upto: usize) -> Option<(usize, usize, char)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
