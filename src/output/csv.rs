//! The one CSV writer: every CSV the tool writes (print order, print totals, site plan, posting
//! plans) goes through [`csv_record`].
//!
//! - RFC 4180: fields holding a comma, double quote, CR or LF are quoted, quotes doubled,
//!   records end in CRLF.
//! - Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`,
//!   `+`, `-` or `@` as a formula (`=HYPERLINK(…)` in a caption would become a live link, and
//!   `+44 808 …` is read as a sum and shown as a number or an error). Such a field, and one
//!   beginning with a tab or CR, gets a leading `'` — the spreadsheet convention for "this is
//!   text" — and is quoted. The text after the `'` is unchanged, so `'+44 808 1000 900` still
//!   reads as the number; a script reading the CSV strips one leading `'` where it sees one.
//!   Only text reaches this: the tool's own numbers and dates never begin with these characters.
//! - No byte-order mark: every file is UTF-8 and the columns are ASCII; LibreOffice asks for the
//!   encoding on import and Excel's Data › From Text/CSV detects UTF-8. (Double-clicking a CSV
//!   in older Excel assumes the legacy code page; no test here shows a BOM is needed, so none is
//!   written.)

use std::borrow::Cow;

/// Characters a spreadsheet treats as the start of a formula (or strips and then evaluates).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field: neutralised when it could run as a formula, then quoted per RFC 4180 where
/// needed.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        return Cow::Owned(format!("\"'{}\"", s.replace('"', "\"\"")));
    }
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
        assert_eq!(csv_field("cr in the middle\r"), "\"cr in the middle\r\"");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_record(&["x", "y, z", ""]), "x,\"y, z\",\r\n");
    }

    #[test]
    fn formula_leading_fields_are_neutralised() {
        assert_eq!(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(csv_field("+44 808 1000 900"), "\"'+44 808 1000 900\"");
        assert_eq!(csv_field("-1"), "\"'-1\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("\tx"), "\"'\tx\"");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(csv_field("a=b"), "a=b", "only a leading character counts");
        assert_eq!(csv_field("2019-03-18"), "2019-03-18");
    }
}
