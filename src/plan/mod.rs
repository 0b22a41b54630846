//! Stage 2: which assets a campaign makes, each resolved once into an [`AssetSpec`] that holds
//! everything that reaches its files: the copy of every role in its language (with the source
//! span of each), contact, colours, fonts, logo, link and QR policy, alt text, caption and
//! platform rule, PDF and encoding settings, output paths, and its print quantities. Nothing
//! after this stage reads the campaign.
//!
//! One asset per (message, format, language) that the schedule posts on a placement's weeks,
//! in a stable order: placements as written, then messages as written, then languages as listed.

mod alt;
mod groups;
mod link;
mod platform;
mod quantity;

pub use platform::{CaptionRule, Counting, Platform, platform};
pub use quantity::share;

use crate::campaign::{Campaign, Localised};
use crate::qr::Ec;
use crate::vocab::format::scale_suffix;
use crate::vocab::settings::{Encoding, PdfSettings, PngLevel};
use crate::vocab::{Bitmap, Colour, Date, FileType, FontFile, Format, Kind, Span, Timestamp};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// Proof density: 20 px per mm of supplied artwork, capped so the long side stays ≤ 4,000 px.
pub const PROOF_PX_PER_SUPPLIED_MM: f32 = 20.0;
pub const PROOF_MAX_PX: f32 = 4000.0;
/// Social PNGs say 96 dpi (3,780 px per metre) in pHYs: the CSS density their scene uses.
const SOCIAL_PX_PER_METRE: u32 = 3780;
/// Screen JPEGs say 72 dpi, the convention media owners' templates use.
const SCREEN_JPEG_DPI: u16 = 72;

/// A text that reaches an asset, with the place in the campaign file it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Text {
    pub text: String,
    /// Where it came from; spans do not reach a file, so they are not part of the cache key.
    #[serde(skip)]
    pub span: Span,
}

impl Text {
    pub fn new(text: impl Into<String>, span: Span) -> Text {
        Text { text: text.into(), span }
    }
    fn of(t: &Localised, lang: &str) -> Text {
        Text { text: t.get(lang).to_string(), span: t.span }
    }
}

/// Every role's words on one asset, in its language.
#[derive(Clone, Debug, Serialize)]
pub struct AssetCopy {
    pub headline: Text,
    pub body: Option<Text>,
    pub helpline_note: Option<Text>,
    pub helpline: Text,
    pub hours: Option<Text>,
    pub website: Text,
    /// Organisation, then partners (span: the organisation).
    pub imprint: Text,
}

/// Colours, fonts and logo; one value shared by the assets that use it.
#[derive(Debug, Serialize)]
pub struct Style {
    pub background: Colour,
    pub text: Colour,
    pub accent: Colour,
    pub headline_font: FontFile,
    pub body_font: FontFile,
    pub logo: Option<Logo>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Logo {
    pub bitmap: Bitmap,
    #[serde(skip)]
    pub span: Span,
}

/// The QR code an asset carries: the tracked link it encodes and its error correction.
#[derive(Clone, Debug, Serialize)]
pub struct QrSpec {
    /// With tracking applied; the span is the campaign's `contact.link`.
    pub link: Text,
    pub ec: Ec,
}

/// Where the asset's files go, relative to the campaign's output folder.
#[derive(Clone, Debug, Serialize)]
pub struct Files {
    /// Without extension, e.g. `social/x-post_no-grey-area_en-GB`.
    pub stem: String,
    /// The print PDF (`…_10pct.pdf`) or the social/screen image.
    pub main: String,
    /// Print: the PNG proof of the trim area.
    pub proof: Option<String>,
    /// Social and screen: the alt text beside the image.
    pub alt: Option<String>,
}

/// The message an asset shows.
#[derive(Clone, Debug, Serialize)]
pub struct MessageRef {
    pub id: String,
    #[serde(skip)]
    pub span: Span,
    /// Its place among the campaign's messages (findings about messages follow this order).
    #[serde(skip)]
    pub ordinal: usize,
}

/// One week an asset runs: the week's first day and, for print, the copies posted that week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Posting {
    pub week: u32,
    pub date: Date,
    pub copies: u64,
}

/// A print asset's copies from one placement in one week (the print order's notes name the
/// placements whose sites run short).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    /// Index into [`Plan::placements`].
    pub placement: usize,
    pub week: u32,
    pub copies: u64,
}

/// One resolved asset: everything that reaches its files, decided once.
#[derive(Clone, Debug, Serialize)]
pub struct AssetSpec {
    /// `format/message/language`, unique within a campaign; names cache entries.
    pub key: String,
    /// The campaign file, for locating findings.
    #[serde(skip)]
    pub source: Arc<PathBuf>,
    /// With the placement's roadside setting applied: one source of truth for every rule.
    pub format: Format,
    /// The placement's `format:` field and the placement entry, for findings about them.
    #[serde(skip)]
    pub format_span: Span,
    #[serde(skip)]
    pub placement_span: Span,
    pub message: MessageRef,
    pub language: String,
    /// Weeks this artwork is posted (print) or runs (social/screen), ascending.
    pub weeks: Vec<u32>,
    #[serde(skip)]
    pub postings: Vec<Posting>,
    #[serde(skip)]
    pub shares: Vec<Share>,
    pub copy: AssetCopy,
    pub style: Arc<Style>,
    /// `None`: the asset has no QR code.
    pub qr: Option<QrSpec>,
    /// Social and screen: the alt text written beside the image (span: the message's `alt`,
    /// or its id when the text is generated).
    pub alt: Option<Text>,
    /// The caption posted with it, trimmed (span: the message's `caption`); `None` when the
    /// message has none. Reaches the posting plan, not the asset's files.
    #[serde(skip)]
    pub caption: Option<Text>,
    #[serde(skip)]
    pub platform: Platform,
    /// What copy may name besides the helpline and website: checked by preflight, never
    /// printed, so not part of the cache key.
    #[serde(skip)]
    pub known: Arc<Known>,
    /// Print: how the PDF is written.
    pub pdf: Option<PdfSettings>,
    pub files: Files,
    /// Pixel size of the main raster (the image, or the print proof).
    pub px: (u32, u32),
    pub encoding: Encoding,
}

/// The phone numbers and web hosts a campaign's copy may name.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// `contact.other_numbers`, as written.
    pub other_numbers: Vec<String>,
    /// The website's and the link's host.
    pub hosts: Vec<String>,
}

impl AssetSpec {
    pub fn kind(&self) -> Kind {
        self.format.kind
    }
}

/// A placement as the print order sees it.
#[derive(Clone, Debug)]
pub struct PlacementInfo {
    pub format: String,
    pub sites: Option<u32>,
    pub weeks: Vec<u32>,
}

/// The plan of one campaign run.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Names the output folder.
    pub campaign_id: String,
    pub source: Arc<PathBuf>,
    pub assets: Vec<AssetSpec>,
    pub placements: Vec<PlacementInfo>,
    /// How many messages each week posts (index 0 = week 1).
    pub week_messages: Vec<usize>,
    pub languages: usize,
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
    /// Nothing left out: the run may write the campaign-wide files.
    pub fn is_full(&self) -> bool {
        self.only.is_none() && self.message.is_none()
    }
}

/// Resolve every selected asset. `created` is the date print PDFs carry (read from
/// `SOURCE_DATE_EPOCH` at the edge, by the caller).
pub fn plan(c: &Campaign, sel: &Selection, created: Timestamp) -> Plan {
    let source = Arc::new(c.file.clone());
    let style = Arc::new(Style {
        background: c.brand.background,
        text: c.brand.text,
        accent: c.brand.accent,
        headline_font: c.brand.headline_font.clone(),
        body_font: c.brand.body_font.clone(),
        logo: c.brand.logo.as_ref().map(|l| Logo { bitmap: l.bitmap.clone(), span: l.span }),
    });
    let known = Arc::new(known(c));
    let mut assets = Vec::new();
    for (label, members) in groups::groups(c) {
        let p = &c.placements[members[0]];
        let mut format = c.format(&p.format.value).expect("validated format id").clone();
        // The placement decides roadside (legibility k, QR auto); one source of truth downstream.
        format.roadside = p.roadside;
        for (mi, m) in c.messages.iter().enumerate() {
            if !sel.keeps(&format, &m.id.value) {
                continue;
            }
            let mut weeks: Vec<u32> =
                members.iter().flat_map(|&i| c.placements[i].weeks.iter().copied()).filter(|w| c.schedule[*w as usize - 1].contains(&mi)).collect();
            weeks.sort_unstable();
            weeks.dedup();
            if weeks.is_empty() {
                continue;
            }
            for lang in &c.languages {
                let key = format!("{label}/{}/{lang}", m.id.value);
                let copy = AssetCopy {
                    headline: Text::of(&m.headline, lang),
                    body: m.body.as_ref().map(|t| Text::of(t, lang)),
                    helpline_note: c.contact.helpline_note.as_ref().map(|t| Text::of(t, lang)),
                    helpline: Text::new(&c.contact.helpline.value, c.contact.helpline.span),
                    hours: c.contact.hours.as_ref().map(|t| Text::of(t, lang)),
                    website: Text::new(&c.contact.website.value, c.contact.website.span),
                    imprint: Text::new(c.imprint(), c.organisation.span),
                };
                let tracked = link::tracked_link(c, &format, &m.id.value, &weeks);
                let qr =
                    p.qr.then(|| QrSpec { link: Text::new(tracked.clone(), c.contact.link.span), ec: if format.kind == Kind::Print { Ec::Q } else { Ec::M } });
                let message = MessageRef { id: m.id.value.clone(), span: m.id.span, ordinal: mi };
                let alt = (format.kind != Kind::Print).then(|| alt::alt_text(m, &copy, lang, &tracked));
                let stem = format!("{}/{label}_{}_{lang}", format.kind.as_str(), m.id.value);
                let files = match format.kind {
                    Kind::Print => {
                        Files { main: format!("{stem}_{}.pdf", scale_suffix(format.scale)), proof: Some(format!("{stem}_proof.png")), alt: None, stem }
                    }
                    _ => Files { main: format!("{stem}.{}", format.file.ext()), proof: None, alt: Some(format!("{stem}.alt.txt")), stem },
                };
                let px = raster_size(&format);
                let encoding = encoding(&format, px);
                let pdf = (format.kind == Kind::Print).then(|| PdfSettings {
                    scale: format.scale,
                    crop_marks: c.print.crop_marks,
                    output_profile: c.print.output_profile.clone(),
                    title: format!("{} — {key}", c.name),
                    created,
                });
                let shares = quantity::shares(c, &members, mi, lang, &weeks);
                let postings = weeks
                    .iter()
                    .map(|&week| Posting { week, date: c.start.week_start(week), copies: shares.iter().filter(|s| s.week == week).map(|s| s.copies).sum() })
                    .collect();
                let caption = m.caption.as_ref().map(|t| Text::new(alt::expand(t.get(lang), &copy, &tracked).trim(), t.span));
                assets.push(AssetSpec {
                    key,
                    source: source.clone(),
                    platform: platform(&format),
                    known: known.clone(),
                    format: format.clone(),
                    format_span: p.format.span,
                    placement_span: p.span,
                    message,
                    language: lang.clone(),
                    weeks: weeks.clone(),
                    postings,
                    shares,
                    copy,
                    style: style.clone(),
                    qr,
                    alt,
                    caption,
                    pdf,
                    files,
                    px,
                    encoding,
                });
            }
        }
    }
    Plan {
        campaign_id: c.id.clone(),
        source,
        assets,
        placements: c.placements.iter().map(|p| PlacementInfo { format: p.format.value.clone(), sites: p.sites, weeks: p.weeks.clone() }).collect(),
        week_messages: c.schedule.iter().map(Vec::len).collect(),
        languages: c.languages.len(),
    }
}

fn known(c: &Campaign) -> Known {
    let host_of = |s: &str| s.split_once("://").map_or(s, |(_, r)| r).split(['/', '?', '#', ':']).next().unwrap_or("").to_lowercase();
    let link_host = url::Url::parse(&c.contact.link.value).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
    Known { other_numbers: c.contact.other_numbers.iter().map(|n| n.value.clone()).collect(), hosts: vec![host_of(&c.contact.website.value), link_host] }
}

/// Pixel size of an asset's main raster: the format's pixels, or the print proof's.
fn raster_size(f: &Format) -> (u32, u32) {
    if let Some(px) = f.px {
        return px;
    }
    let (w, h) = (f.width_mm * f.scale, f.height_mm * f.scale);
    let d = PROOF_PX_PER_SUPPLIED_MM.min(PROOF_MAX_PX / w.max(h));
    ((w * d).round().max(1.0) as u32, (h * d).round().max(1.0) as u32)
}

fn encoding(f: &Format, (w, _): (u32, u32)) -> Encoding {
    match (f.kind, f.file) {
        // Proofs are big and for looking at: speed over bytes. px per metre of the supplied
        // (scaled) artwork goes in pHYs.
        (Kind::Print, _) => Encoding::Png { px_per_metre: (w as f32 / (f.width_mm * f.scale / 1000.0)).round() as u32, level: PngLevel::Fast },
        (_, FileType::Png) => Encoding::Png { px_per_metre: SOCIAL_PX_PER_METRE, level: PngLevel::Balanced },
        (_, FileType::Jpeg) => Encoding::Jpeg { dpi: SCREEN_JPEG_DPI, max_bytes: f.max_bytes },
    }
}
