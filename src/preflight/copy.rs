//! `copy`: every phone number, web address and set of opening hours in the words a campaign
//! publishes (headline, body, helpline note, caption, alt text, in every language) is the
//! campaign's own. A wrong number is an error; a foreign web address or hours that differ from
//! `contact.hours` are warnings (a partner's site or "closed on bank holidays" may be meant).
//!
//! Read from the resolved specs, once per text: the same caption reaches many assets, and is
//! reported once, at its field.

use crate::plan::{AssetSpec, Plan, Text};
use crate::vocab::{Code, Diagnostic};

/// Findings for the whole plan, in plan order, each text checked once.
pub fn check_copy(plan: &Plan) -> Vec<Diagnostic> {
    let mut seen: Vec<(String, String, u32, u32)> = Vec::new();
    let mut out = Vec::new();
    for spec in &plan.assets {
        let c = &spec.copy;
        let texts: [(&str, Option<&Text>); 5] = [
            ("headline", Some(&c.headline)),
            ("body", c.body.as_ref()),
            ("helpline_note", c.helpline_note.as_ref()),
            ("caption", spec.caption.as_ref()),
            ("alt", spec.alt.as_ref()),
        ];
        for (field, text) in texts {
            let Some(text) = text else { continue };
            let key = (field.to_string(), text.text.clone(), text.span.line, text.span.column);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            check_text(spec, field, text, &mut out);
        }
    }
    out
}

fn check_text(spec: &AssetSpec, field: &str, text: &Text, out: &mut Vec<Diagnostic>) {
    let what = format!("message {}: {field} ({})", spec.message.id, spec.language);
    let at = |d: Diagnostic| d.at(spec.source.as_path(), text.span);
    let helpline = &spec.copy.helpline.text;
    let allowed: Vec<String> = std::iter::once(helpline.as_str()).chain(spec.known.other_numbers.iter().map(String::as_str)).map(normalise).collect();
    for n in phone_numbers(&text.text) {
        if !allowed.contains(&normalise(&n)) {
            out.push(at(Diagnostic::error(Code::Copy, format!("{what} names the phone number {n}, which is not the helpline {helpline}"))
                .measured(n.clone(), helpline.clone())
                .hint("write {helpline} (captions and alt text), correct the number, or add it to contact.other_numbers if it is meant")));
        }
    }
    let hosts: Vec<String> = spec.known.hosts.iter().map(|h| bare(h)).collect();
    for h in web_hosts(&text.text) {
        if !hosts.contains(&bare(&h)) {
            out.push(at(Diagnostic::warning(Code::Copy, format!("{what} names the web address {h}, which is not the campaign's website or link"))
                .measured(h.clone(), spec.copy.website.text.clone())
                .hint("write {website} (captions and alt text), or correct the address")));
        }
    }
    let found = hours(&text.text);
    if found.is_empty() {
        return;
    }
    match &spec.copy.hours {
        None => out.push(at(Diagnostic::warning(Code::Copy, format!("{what} names opening hours, but contact.hours is not given"))
            .hint("add hours: under contact:, and write {hours} in captions and alt text"))),
        Some(h) => {
            let given = hours(&h.text);
            if found.iter().any(|t| !given.contains(t)) {
                out.push(at(Diagnostic::warning(Code::Copy, format!("{what} names opening hours that differ from contact.hours"))
                    .measured(text.text.clone(), h.text.clone())
                    .hint("write {hours} (captions and alt text), or correct the hours")));
            }
        }
    }
}

/// A number's digits, with +44 and a "(0)" trunk prefix read as the UK's leading 0, so
/// "+44 (0)808 1000 900" is "0808 1000 900".
fn normalise(n: &str) -> String {
    let n = n.replace("(0)", "");
    let digits: String = n.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("44") {
        Some(rest) if n.trim_start().starts_with('+') => format!("0{}", rest.trim_start_matches('0')),
        _ => digits,
    }
}

/// Phone numbers in `s`: runs of digit groups joined by single spaces, hyphens or
/// parentheses, starting with 0, + or "(" and holding at least 7 digits, or holding at least 9.
/// Not numbers: dates (2019-03-18, 18/03/2019, 01-03-2019), years, counts, percentages,
/// times, amounts with thousands separators (a "," or "." ends a run and may not start one).
pub(super) fn phone_numbers(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let starts =
            (c.is_ascii_digit() || c == '+' || c == '(') && !prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | ',' | '/' | ':' | '-' | '+'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let d = chars[j];
            let next_digit = chars.get(j + 1).is_some_and(|n| n.is_ascii_digit() || *n == '(');
            if d.is_ascii_digit() || d == ')' || (d == '(' && chars[j - 1] == ' ') || (matches!(d, ' ' | '-' | '\u{a0}') && next_digit) {
                j += 1;
            } else {
                break;
            }
        }
        // "0808 1000 900 (Mon–Fri…": a separator or "(" that led nowhere is not part of it.
        while j > i + 1 && !(chars[j - 1].is_ascii_digit() || chars[j - 1] == ')') {
            j -= 1;
        }
        let run: String = chars[i..j].iter().collect::<String>().trim().to_string();
        let after = chars.get(j).copied();
        i = j.max(i + 1);
        // "10%", "9am", "24/7", "1,000", "2.5": the run is part of something else.
        if after.is_some_and(|a| a.is_alphanumeric() || matches!(a, '%' | '/' | ',' | '.' | ':') && chars.get(j + 1).is_some_and(char::is_ascii_digit)) {
            continue;
        }
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let groups: Vec<usize> = run.split(['-', ' ', '\u{a0}']).map(|g| g.chars().filter(char::is_ascii_digit).count()).collect();
        let date_shape = run.contains('-') && (groups == [4, 2, 2] || groups == [2, 2, 4]);
        let leading = run.starts_with(['0', '+', '(']);
        if !date_shape && ((leading && digits >= 7) || digits >= 9) {
            out.push(run);
        }
    }
    out
}

/// `www.example.org` and `example.org` are one site; case does not matter in a host.
fn bare(h: &str) -> String {
    let h = h.to_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// Web hosts in `s`: words (after an optional scheme or `user@`) made of labels joined by dots
/// that end in a lowercase top-level domain of 2 or more letters. "e.g.", "2.5", "Help.Now"
/// and file names are not addresses.
pub(super) fn web_hosts(s: &str) -> Vec<String> {
    const FILES: [&str; 9] = ["png", "jpg", "jpeg", "gif", "pdf", "txt", "yaml", "svg", "webp"];
    let mut out = Vec::new();
    for word in s.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”' | '<' | '>' | '[' | ']' | ',')) {
        if word.starts_with('#') {
            continue;
        }
        let w = word.split_once("://").map_or(word, |(_, r)| r);
        let w = w.split(['/', '?', '#']).next().unwrap_or("");
        let w = w.rsplit('@').next().unwrap_or("");
        let w = w.trim_end_matches(['.', ';', ':', '!', '?', '\'', '’']);
        let labels: Vec<&str> = w.split('.').collect();
        let Some(tld) = labels.last() else { continue };
        let ok = labels.len() >= 2
            && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_lowercase())
            && !FILES.contains(tld);
        if ok {
            out.push(w.to_string());
        }
    }
    out
}

/// The times (minutes after midnight) and weekdays (0 = Monday) named in `s`: "9am", "5.30pm",
/// "17:00", "Mon", "Friday". Times make a text look like opening hours; days alone do not
/// ("Worried this Monday?"), but they count once a time is there.
pub(super) fn hours(s: &str) -> Vec<u32> {
    let lower = s.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut times = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || i > 0 && chars[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let num = |k: &mut usize| {
            let mut v = 0u32;
            let start = *k;
            while *k < chars.len() && chars[*k].is_ascii_digit() && *k - start < 2 {
                v = v * 10 + chars[*k].to_digit(10).unwrap_or(0);
                *k += 1;
            }
            (v, *k - start)
        };
        let mut k = i;
        let (h, hd) = num(&mut k);
        let mut m = 0;
        let mut minutes = false;
        if k + 2 < chars.len() && matches!(chars[k], ':' | '.') && chars[k + 1].is_ascii_digit() {
            let mut k2 = k + 1;
            let (mm, md) = num(&mut k2);
            if md == 2 {
                m = mm;
                minutes = true;
                k = k2;
            }
        }
        let rest: String = chars[k..].iter().collect();
        let rest = rest.trim_start();
        let meridiem = if rest.starts_with("am") || rest.starts_with("a.m") {
            Some(0)
        } else if rest.starts_with("pm") || rest.starts_with("p.m") {
            Some(12)
        } else {
            None
        };
        let followed_by_digit = chars.get(k).is_some_and(char::is_ascii_digit);
        match meridiem {
            Some(add) if (1..=12).contains(&h) && !followed_by_digit => times.push((h % 12 + add) * 60 + m),
            None if minutes && hd == 2 && h < 24 && m < 60 && !followed_by_digit => times.push(h * 60 + m),
            _ => {}
        }
        i = k.max(i + 1);
    }
    if times.is_empty() {
        return times;
    }
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for word in lower.split(|c: char| !c.is_alphabetic()) {
        if let Some(d) = DAYS.iter().position(|d| word.starts_with(d) && word.len() <= 9) {
            times.push(10_000 + d as u32);
        }
    }
    times
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phone_numbers_not_dates_or_counts() {
        assert_eq!(phone_numbers("Call 0808 1000 900 now"), ["0808 1000 900"]);
        assert_eq!(phone_numbers("Call 0800 999 9999 or +44 (0)808 1000 900."), ["0800 999 9999", "+44 (0)808 1000 900"]);
        assert_eq!(phone_numbers("ring 0131-556-3535"), ["0131-556-3535"]);
        assert_eq!(phone_numbers("help: 0800 999 9999 (Mon–Fri 9am–5pm)"), ["0800 999 9999"]);
        assert_eq!(phone_numbers("(0131) 556 3535."), ["(0131) 556 3535"]);
        for none in [
            "Since 2019, 40 sites, 150 phone boxes",
            "on 2019-03-18 and 18/03/2019 and 01-03-2019",
            "10% of 1,000,000 people; 24/7; 9am–5pm; 09:00-17:00",
            "Week 1 of 4, 3.5 million, 12 345",
        ] {
            assert!(phone_numbers(none).is_empty(), "{none}: {:?}", phone_numbers(none));
        }
        assert_eq!(normalise("+44 (0)808 1000 900"), normalise("0808 1000 900"));
        assert_eq!(normalise("+44 808 1000 900"), normalise("0808-1000-900"));
    }

    #[test]
    fn finds_web_addresses_not_abbreviations() {
        assert_eq!(web_hosts("Visit stopitnow.org.uk, or https://www.example.com/help?x=1."), ["stopitnow.org.uk", "www.example.com"]);
        assert_eq!(web_hosts("mail help@stopitnow.org.uk"), ["stopitnow.org.uk"]);
        assert!(web_hosts("e.g. 2.5 times. Help.Now #stop.it photo.jpg").is_empty());
    }

    #[test]
    fn reads_hours() {
        assert_eq!(hours("Mon–Fri 9am–5pm"), hours("Monday to Friday, 9 am to 5 pm"));
        assert_ne!(hours("Mon–Fri 9am–5pm"), hours("Mon–Fri 9am–8pm"));
        assert_eq!(hours("09:00–17:00"), hours("9am-5pm"));
        assert!(hours("Worried this Monday? 24/7, 40 sites, 2019").is_empty());
    }
}
