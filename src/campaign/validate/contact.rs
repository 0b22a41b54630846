//! `contact:` — the helpline, hours, web address and link every asset carries.

use super::super::model::{self as m, S};
use super::super::placeholders::{split, used};
use super::super::{Contact, Field, Localised};
use super::text::localise;
use super::{Ctx, sp};
use crate::vocab::Code;

/// With tracking tags (~130 bytes) a longer link makes a QR code too dense to scan from a
/// poster; QR codes cannot hold more than ~1,600 bytes at all.
const MAX_LINK_BYTES: usize = 300;

/// Characters that change what a reader sees without showing themselves: bidi embeddings,
/// overrides and isolates, zero-width spaces and joiners, the BOM. In a helpline, website or
/// link they make the printed address differ from the bytes.
fn invisible(s: &str) -> Option<char> {
    s.chars().find(|c| {
        matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{180E}' | '\u{00AD}')
    })
}

/// `s` is a phone number as the format writes one: digits, spaces and a leading +.
fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    s.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == ' ' || (c == '+' && i == 0)) && digits >= 3
}

/// The refusals common to the helpline, website and link: nothing invisible, no control
/// characters. True when `v` passed.
fn visible(cx: &mut Ctx, field: &str, v: &S<String>) -> bool {
    if let Some(c) = invisible(&v.value) {
        cx.err_hint(
            sp(v),
            format!("{field} contains the invisible character U+{:04X}; what is printed would differ from what it says", c as u32),
            format!("retype {field} by hand, without pasting, e.g. from a plain-text editor"),
        );
        return false;
    }
    if let Some(c) = v.value.chars().find(|c| c.is_control()) {
        cx.err_hint(
            sp(v),
            format!("{field} contains the control character U+{:04X}", c as u32),
            format!("write {field} on one line, without tabs or line breaks"),
        );
        return false;
    }
    true
}

/// A link the QR code encodes (or a short-link base): absolute http(s), a host, no
/// credentials, no whitespace, control characters or backslash (URL parsers quietly drop or
/// turn those, so the QR would encode an address other than the one written). An IDN host is
/// a warning showing the punycode a phone will open.
fn link(cx: &mut Ctx, field: &str, v: &S<String>) -> Option<url::Url> {
    if !visible(cx, field, v) {
        return None;
    }
    let raw = &v.value;
    let example = "for example https://www.stopitnow.org.uk/";
    if raw.contains(char::is_whitespace) || raw.contains('\\') {
        cx.err_hint(
            sp(v),
            format!("{field} {raw:?} contains a space or backslash; a QR code would encode a different address"),
            format!("write the address with no spaces, and / not \\, {example}"),
        );
        return None;
    }
    // As written: `https:///help` parses with host "help", so the host is read from the text too.
    let written = raw.split_once("://").map_or("", |(_, r)| r).split(['/', '?', '#']).next().unwrap_or("");
    let written = written.rsplit('@').next().unwrap_or("").split(':').next().unwrap_or("");
    let u = match url::Url::parse(raw) {
        Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host_str().is_some_and(|h| !h.is_empty()) && !written.is_empty() => u,
        _ => {
            cx.err_hint(sp(v), format!("{field} {raw:?} is not an absolute http(s) URL"), example);
            return None;
        }
    };
    if !u.username().is_empty() || u.password().is_some() {
        cx.err_hint(
            sp(v),
            format!("{field} carries a user name or password; every phone that scans the code would see them"),
            format!("leave out the `user:password@` part, {example}"),
        );
        return None;
    }
    let host = u.host_str().unwrap_or("");
    if host.contains("xn--") && !written.eq_ignore_ascii_case(host) {
        cx.warn(
            Code::Campaign,
            sp(v),
            format!("{field}: the host {written:?} is an international name; phones open it as {host}, check that is the intended site"),
        );
    }
    Some(u)
}

pub(super) fn contact(cx: &mut Ctx, f: &m::FileModel, languages: &[String]) -> Contact {
    let ct = &f.contact.value;
    let h = &ct.helpline.value;
    if visible(cx, "contact.helpline", &ct.helpline) && !is_phone(h) {
        cx.err_hint(
            sp(&ct.helpline),
            format!("contact.helpline {h:?} is not a phone number"),
            "use digits, spaces and a leading + only, e.g. \"0808 1000 900\"",
        );
    }
    let mut other_numbers = Vec::new();
    for n in ct.other_numbers.iter().flat_map(|l| l.value.iter()) {
        if visible(cx, "contact.other_numbers", n) && !is_phone(&n.value) {
            cx.err_hint(
                sp(n),
                format!("contact.other_numbers: {:?} is not a phone number", n.value),
                "use digits, spaces and a leading + only, e.g. \"0131 556 3535\"",
            );
        }
        other_numbers.push(Field { value: n.value.trim().to_string(), span: sp(n) });
    }
    if ct.hours.is_none() {
        cx.warn(Code::Presence, sp(&f.contact), "contact.hours is not given; assets will carry no opening hours");
    }
    let hours = ct.hours.as_ref().map(|t| localise(cx, t, "contact.hours", languages));
    let helpline_note = ct.helpline_note.as_ref().map(|t| localise(cx, t, "contact.helpline_note", languages));
    let w = &ct.website.value;
    if visible(cx, "contact.website", &ct.website) && (w.trim().is_empty() || w.contains(char::is_whitespace) || w.contains('\\')) {
        cx.err_hint(sp(&ct.website), format!("contact.website {w:?} is not a web address"), "the address as printed, e.g. stopitnow.org.uk");
    }
    let tracking = ct.tracking.as_ref().map(|t| t.value).unwrap_or(true);
    if let Some(u) = link(cx, "contact.link", &ct.link) {
        // Tracking sets the utm_ tags on every QR; a tag the link already has would be
        // replaced, so it is reported rather than silently overwritten.
        let own: Vec<String> = u.query_pairs().map(|(k, _)| k.into_owned()).filter(|k| k.starts_with("utm_")).collect();
        if tracking && !own.is_empty() {
            cx.warn(
                Code::Campaign,
                sp(&ct.link),
                format!("contact.link already has {}; tracking replaces the link's utm_ tags on every QR code (set tracking: false to keep the link exactly as written)", own.join(", ")),
            );
        }
    }
    // A short link is a base the campaign's own server answers: each QR encodes base + a code,
    // and redirects.csv maps the code to the full tracked link. Its own query or fragment would
    // be lost once a code is appended, so it has none; the code always follows a `/`.
    let short_link = ct.short_link.as_ref().and_then(|short| {
        let u = link(cx, "contact.short_link", short)?;
        if u.query().is_some() || u.fragment().is_some() {
            let base = format!("{}://{}{}", u.scheme(), u.host_str().unwrap_or(""), u.path());
            cx.err_hint(
                sp(short),
                "contact.short_link has a query or #fragment; a code is appended to its path",
                format!("a base path, e.g. short_link: \"{base}\""),
            );
            return None;
        }
        let mut base = u.to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        Some(Field { value: base, span: sp(short) })
    });
    if ct.link.value.len() > MAX_LINK_BYTES {
        cx.err_hint(
            sp(&ct.link),
            format!("contact.link is {} bytes long; at most {MAX_LINK_BYTES} fit a QR code that scans from a poster", ct.link.value.len()),
            "use a short landing-page address",
        );
    }
    Contact {
        helpline: Field { value: h.trim().to_string(), span: sp(&ct.helpline) },
        hours,
        helpline_note,
        website: Field { value: w.trim().to_string(), span: sp(&ct.website) },
        link: Field { value: ct.link.value.clone(), span: sp(&ct.link) },
        short_link,
        tracking,
        other_numbers,
    }
}

/// A caption or alt text's placeholders: each known, balanced, and with a value to put in.
pub(super) fn placeholders(cx: &mut Ctx, what: &str, t: &Localised, contact: &Contact) {
    for (lang, text) in &t.by_language {
        let which = if t.by_language.len() > 1 { format!(" ({lang})") } else { String::new() };
        if let Err(bad) = split(text) {
            cx.err_hint(
                t.span,
                format!("{what}{which}: {}", bad.message),
                "placeholders are {helpline}, {hours}, {helpline_note}, {website} and {link}; write {{ and }} for literal braces",
            );
            // A map by language repeats one slip in every language: once is enough.
            return;
        }
        for name in used(text) {
            let missing = match name {
                "hours" => contact.hours.is_none(),
                "helpline_note" => contact.helpline_note.is_none(),
                _ => false,
            };
            if missing {
                cx.err_hint(
                    t.span,
                    format!("{what}{which}: {{{name}}} but contact.{name} is not given"),
                    format!("add {name}: under contact:, or take {{{name}}} out"),
                );
                return;
            }
        }
    }
}
