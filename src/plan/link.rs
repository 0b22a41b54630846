//! The link a QR code encodes, with tracking tags.

use super::Redirect;
use crate::campaign::Campaign;
use crate::vocab::{Code, Diagnostic, Format, Kind};
use sha2::{Digest, Sha256};

/// The asset's link with UTM tags (docs/campaign-format.md): utm_source = format id,
/// utm_medium = print|social|screen, utm_campaign = campaign id, utm_content = message id, plus
/// `-wN` for a print artwork posted in week N only (so a scan says which week's poster it was;
/// an artwork posted in several weeks is one print file and cannot tell weeks apart). Nothing
/// finer: people who scan are promised anonymity. The link's own query is kept.
pub fn tracked_link(c: &Campaign, f: &Format, message: &str, weeks: &[u32]) -> String {
    if !c.contact.tracking {
        return c.contact.link.value.clone();
    }
    let url = url::Url::parse(&c.contact.link.value).expect("validated link");
    let content = match (f.kind, weeks) {
        (Kind::Print, [w]) => format!("{message}-w{w}"),
        _ => message.to_string(),
    };
    // The link's own query is kept byte for byte (a signed or case-sensitive query must survive);
    // only earlier utm_ tags are replaced.
    let mut parts: Vec<String> = url.query().unwrap_or("").split('&').filter(|p| !p.is_empty() && !p.starts_with("utm_")).map(str::to_string).collect();
    let tags = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("utm_source", &f.id)
        .append_pair("utm_medium", f.kind.as_str())
        .append_pair("utm_campaign", &c.id)
        .append_pair("utm_content", &content)
        .finish();
    parts.push(tags);
    let mut out = url.clone();
    out.set_query(Some(&parts.join("&")));
    out.to_string()
}

/// Characters of a short code: Crockford's base32 in lower case (no i, l, o or u), so a code
/// read aloud or typed from a poster cannot be confused.
const CODE_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Characters per code: 40 bits, so two of a campaign's few hundred links share one with odds
/// of about one in ten million (and the plan refuses it if they do).
const CODE_LEN: usize = 8;

/// The short code for a full tracked link under a base: the first 40 bits of the SHA-256 of
/// both, in base32. The same link always gets the same code (a reprint or a rerun never breaks a
/// printed code), and the code says nothing about the person who scans it.
pub fn short_code(base: &str, target: &str) -> String {
    let digest = Sha256::new().chain_update(base.as_bytes()).chain_update(b"\n").chain_update(target.as_bytes()).finalize();
    let bits = digest[..5].iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    (0..CODE_LEN).rev().map(|i| CODE_ALPHABET[((bits >> (5 * i)) & 31) as usize] as char).collect()
}

/// The short link for a full tracked link under `base`: base + its code.
pub fn redirect(base: &str, target: &str) -> Redirect {
    let code = short_code(base, target);
    Redirect { short: format!("{base}{code}"), code, target: target.to_string() }
}

/// Two different tracked links with one short code would send some scans to the wrong page: an
/// error (odds about one in ten million for a few hundred links), never a silent redirect.
/// `all` is every artwork's redirect in the campaign, whatever the selection: a clash between
/// an asset rendered now and one rendered later is the same clash. Unlocated: the caller points
/// it at `contact.short_link`.
pub fn clashes(all: &[(String, Redirect)]) -> Vec<Diagnostic> {
    let mut seen: std::collections::BTreeMap<&str, &Redirect> = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for (_, r) in all {
        match seen.get(r.code.as_str()) {
            Some(other) if other.target != r.target => out.push(
                Diagnostic::error(Code::Campaign, format!("short code {} stands for two links: {} and {}", r.code, other.target, r.target))
                    .hint("change contact.short_link (any other base gives new codes), or leave it out"),
            ),
            _ => {
                seen.insert(&r.code, r);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clash cannot be made with real codes (40 bits of SHA-256); the check is on the codes
    /// as given, so equal codes are written in.
    #[test]
    fn two_links_with_one_code_are_an_error_and_one_link_twice_is_not() {
        let r = |code: &str, target: &str| Redirect { code: code.into(), short: format!("https://s.example/{code}"), target: target.into() };
        let same = [("a".to_string(), r("00000000", "https://x.example/?a")), ("b".to_string(), r("00000000", "https://x.example/?a"))];
        assert!(clashes(&same).is_empty(), "one link carried by two assets shares its code");
        let two = [
            ("a".to_string(), r("00000000", "https://x.example/?a")),
            ("b".to_string(), r("11111111", "https://x.example/?b")),
            ("c".to_string(), r("00000000", "https://x.example/?c")),
        ];
        let d = clashes(&two);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].is_error() && d[0].message.contains("short code 00000000 stands for two links"), "{d:?}");
        assert!(d[0].message.contains("?a") && d[0].message.contains("?c"), "{d:?}");
    }

    #[test]
    fn a_redirect_is_base_plus_code_to_the_full_link() {
        let r = redirect("https://s.example/go/", "https://x.example/?utm_source=a");
        assert_eq!(r.short, format!("https://s.example/go/{}", r.code));
        assert_eq!(r.code, short_code("https://s.example/go/", "https://x.example/?utm_source=a"));
        assert_eq!(r.target, "https://x.example/?utm_source=a");
    }

    #[test]
    fn short_codes_are_stable_and_unambiguous() {
        let base = "https://stopitnow.org.uk/go/";
        let a = short_code(base, "https://www.stopitnow.org.uk/?utm_source=phone-box");
        assert_eq!(a, short_code(base, "https://www.stopitnow.org.uk/?utm_source=phone-box"));
        assert_eq!(a.len(), CODE_LEN);
        assert!(a.chars().all(|c| c.is_ascii_digit() || (c.is_ascii_lowercase() && !"ilou".contains(c))), "{a}");
        assert_ne!(a, short_code(base, "https://www.stopitnow.org.uk/?utm_source=six-sheet"));
        assert_ne!(a, short_code("https://example.org/s/", "https://www.stopitnow.org.uk/?utm_source=phone-box"));
    }
}
