//! `contact:` — the helpline, hours, web address and link every asset carries.

use super::super::model as m;
use super::super::{Contact, Field};
use super::text::localise;
use super::{Ctx, sp};
use crate::vocab::Code;

/// With tracking tags (~130 bytes) a longer link makes a QR code too dense to scan from a
/// poster; QR codes cannot hold more than ~1,600 bytes at all.
const MAX_LINK_BYTES: usize = 300;

pub(super) fn contact(cx: &mut Ctx, f: &m::FileModel, languages: &[String]) -> Contact {
    let ct = &f.contact.value;
    let h = &ct.helpline.value;
    let digits = h.chars().filter(|c| c.is_ascii_digit()).count();
    let helpline_ok = h.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == ' ' || (c == '+' && i == 0)) && digits >= 3;
    if !helpline_ok {
        cx.err_hint(
            sp(&ct.helpline),
            format!("contact.helpline {h:?} is not a phone number"),
            "use digits, spaces and a leading + only, e.g. \"0808 1000 900\"",
        );
    }
    if ct.hours.is_none() {
        cx.warn(Code::Presence, sp(&f.contact), "contact.hours is not given; assets will carry no opening hours");
    }
    let hours = ct.hours.as_ref().map(|t| localise(cx, t, "contact.hours", languages));
    let helpline_note = ct.helpline_note.as_ref().map(|t| localise(cx, t, "contact.helpline_note", languages));
    let w = &ct.website.value;
    if w.trim().is_empty() || w.contains(char::is_whitespace) {
        cx.err_hint(sp(&ct.website), format!("contact.website {w:?} is not a web address"), "the address as printed, e.g. stopitnow.org.uk");
    }
    match url::Url::parse(&ct.link.value) {
        Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host_str().is_some_and(|h| !h.is_empty()) => {}
        _ => cx.err_hint(sp(&ct.link), format!("contact.link {:?} is not an absolute http(s) URL", ct.link.value), "for example https://www.stopitnow.org.uk/"),
    }
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
        tracking: ct.tracking.as_ref().map(|t| t.value).unwrap_or(true),
    }
}
