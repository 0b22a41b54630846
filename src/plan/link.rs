//! The link a QR code encodes, with tracking tags.

use crate::campaign::Campaign;
use crate::vocab::{Format, Kind};

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
