//! CSV as RFC 4180 writes it, for the print order and the posting plan.

use std::borrow::Cow;

/// One CSV field (RFC 4180): quoted when it holds a comma, a double quote, CR or LF, with quotes
/// doubled. Nothing else is changed: no formula escaping, so a caption reads as written.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\r', '\n']) { Cow::Owned(format!("\"{}\"", s.replace('"', "\"\""))) } else { Cow::Borrowed(s) }
}

/// One CSV record, CRLF-terminated as RFC 4180 says.
pub fn csv_record(fields: &[&str]) -> String {
    let mut s = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    s.push_str("\r\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_per_rfc_4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_record(&["x", "y, z", ""]), "x,\"y, z\",\r\n");
    }
}
