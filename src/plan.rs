//! Stage 2: which assets a campaign makes. One asset per (message, format, language) that the
//! schedule posts on a placement's weeks, in a stable order: placements as written, then
//! messages as written, then languages as listed.

use crate::campaign::{Campaign, Format, Kind};

#[derive(Clone, Debug)]
pub struct AssetSpec {
    /// `format/message/language`, unique within a campaign; names files and cache entries.
    pub key: String,
    pub format: Format,
    /// The first placement this artwork comes from (spans, settings).
    pub placement: usize,
    /// Every placement this artwork is posted on (same format and settings); quantities sum.
    pub placements: Vec<usize>,
    pub message: usize,
    pub language: String,
    /// Weeks this artwork is posted (print) or runs (social/screen), ascending.
    pub weeks: Vec<u32>,
    pub qr: bool,
    pub roadside: bool,
    /// The link the QR encodes, with tracking applied; `None` when the asset has no QR.
    pub link: Option<String>,
    /// Relative path of the main file, without extension, e.g. `social/x-post_no-grey-area_en-GB`.
    pub stem: String,
}

impl AssetSpec {
    pub fn kind(&self) -> Kind {
        self.format.kind
    }
}

/// Filter for `render --only` / `--message`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub only: Option<String>,
    pub message: Option<String>,
}

impl Selection {
    fn keeps(&self, format: &Format, message: &str) -> bool {
        let only_ok = match self.only.as_deref() {
            None => true,
            Some(o) => o == format.id || o == format.kind.as_str(),
        };
        only_ok && self.message.as_deref().is_none_or(|m| m == message)
    }
}

/// Placements of one format with the same QR and roadside settings make the same artwork (two
/// contracts for phone boxes, say, weeks 1–2 and 3–4): they are one group, whose artwork runs
/// in the union of their weeks and whose print quantity is the sum of their sites. A format
/// placed with different settings makes a second artwork, named `<format>-2`.
fn groups(c: &Campaign) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    let mut per_format: Vec<(&str, usize)> = Vec::new();
    for (pi, p) in c.placements.iter().enumerate() {
        let same = |q: &crate::campaign::Placement| q.format.value == p.format.value && q.qr == p.qr && q.roadside == p.roadside;
        if let Some(g) = out.iter_mut().find(|(_, members)| same(&c.placements[members[0]])) {
            g.1.push(pi);
            continue;
        }
        let n = match per_format.iter_mut().find(|(f, _)| *f == p.format.value) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_format.push((&p.format.value, 1));
                1
            }
        };
        let label = if n == 1 { p.format.value.clone() } else { format!("{}-{n}", p.format.value) };
        out.push((label, vec![pi]));
    }
    out
}

pub fn plan(c: &Campaign, sel: &Selection) -> Vec<AssetSpec> {
    let mut out = Vec::new();
    for (label, members) in groups(c) {
        let (pi, p) = (members[0], &c.placements[members[0]]);
        let mut format = c.format(&p.format.value).expect("validated format id").clone();
        // The placement decides roadside (legibility k, QR auto); one source of truth downstream.
        format.roadside = p.roadside;
        for (mi, m) in c.messages.iter().enumerate() {
            if !sel.keeps(&format, &m.id.value) {
                continue;
            }
            let mut weeks: Vec<u32> = members
                .iter()
                .flat_map(|&i| c.placements[i].weeks.iter().copied())
                .filter(|w| c.schedule[*w as usize - 1].contains(&mi))
                .collect();
            weeks.sort_unstable();
            weeks.dedup();
            if weeks.is_empty() {
                continue;
            }
            for lang in &c.languages {
                let link = p.qr.then(|| tracked_link(c, &format, &m.id.value, &weeks));
                let dir = format.kind.as_str();
                let stem = format!("{dir}/{label}_{}_{lang}", m.id.value);
                out.push(AssetSpec {
                    key: format!("{label}/{}/{lang}", m.id.value),
                    format: format.clone(),
                    placement: pi,
                    placements: members.clone(),
                    message: mi,
                    language: lang.clone(),
                    weeks: weeks.clone(),
                    qr: p.qr,
                    roadside: p.roadside,
                    link,
                    stem,
                });
            }
        }
    }
    out
}

/// The asset's link with UTM tags (campaign-format.md): utm_source = format id, utm_medium =
/// print|social|screen, utm_campaign = campaign id, utm_content = message id, plus `-wN` for a
/// print artwork posted in week N only (so a scan says which week's poster it was; an artwork
/// posted in several weeks is one print file and cannot tell weeks apart). Nothing finer:
/// people who scan are promised anonymity. The link's own query is kept.
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
