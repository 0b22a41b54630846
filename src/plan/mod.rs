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
mod ink;
mod link;
mod platform;
mod posting;
mod quantity;
mod rotation;

pub use ink::{MAX_INK_PERCENT, coverage};
pub use platform::{CaptionRule, Counting, Platform, platform};
pub use quantity::{share, split_week};

pub use crate::campaign::IMPRINT_SEP;
use crate::campaign::{Campaign, Localised};
use crate::fonts::FontRole;
use crate::qr::{Ec, QrMatrix};
use crate::vocab::format::scale_suffix;
pub use crate::vocab::language::Direction;
use crate::vocab::photo::SharedPhoto;
use crate::vocab::settings::{Encoding, Layout, LogoPosition, LogoSize, PdfSettings, PngLevel, PostingTimes, Reposting};
use crate::vocab::{Bitmap, Code, Colour, Date, Diagnostic, FileType, FontFile, Format, Kind, Span, Timestamp};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

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
    /// The photograph's credit line, printed small with the imprint (span: `image.credit`).
    pub credit: Option<Text>,
}

impl AssetCopy {
    /// The small-print line as printed: the imprint, then the photo credit where there is one,
    /// tied to it like a partner (no-break space before the separator).
    pub fn imprint_line(&self) -> String {
        match &self.credit {
            Some(c) => format!("{}{IMPRINT_SEP}{}", self.imprint.text, c.text.trim()),
            None => self.imprint.text.clone(),
        }
    }
}

/// Colours, fonts and logo; one value shared by the assets that use it.
#[derive(Debug, Serialize)]
pub struct Style {
    pub background: Colour,
    pub text: Colour,
    pub accent: Colour,
    /// Text on the accent band (see [`band_text`]).
    pub band_text: Colour,
    pub headline_font: FontFile,
    pub body_font: FontFile,
    /// Fonts for characters the headline font lacks, in order: the campaign's fallback fonts,
    /// then the bundled bold ones.
    pub headline_fallback: Vec<FontFile>,
    /// The same for the body: the campaign's, then the bundled regular ones.
    pub body_fallback: Vec<FontFile>,
    pub logo: Option<Logo>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Logo {
    pub bitmap: Bitmap,
    /// The version for light surfaces, where the campaign gives one.
    pub on_light: Option<Bitmap>,
    pub size: LogoSize,
    pub position: LogoPosition,
    #[serde(skip)]
    pub span: Span,
}

/// The photograph an asset shows, and the point each crop keeps.
#[derive(Clone, Debug, Serialize)]
pub struct PhotoSpec {
    pub photo: SharedPhoto,
    /// `[x, y]` in 0..1 of the (oriented) photo.
    pub focus: [f32; 2],
    #[serde(skip)]
    pub span: Span,
}

/// The QR code an asset carries (it encodes the asset's `link`): its error correction.
#[derive(Clone, Debug, Serialize)]
pub struct QrSpec {
    pub ec: Ec,
    /// The code, encoded once for the asset (`AssetSpec::qr_matrix`): layout frames an asset
    /// up to three times (its family's scale, its photo's room, its scene), and choosing the
    /// mask is most of a frame's time. Shared by the spec's clones; derived from `ec` and the
    /// link, so not part of the cache key.
    #[serde(skip)]
    matrix: Arc<OnceLock<Result<QrMatrix, String>>>,
}

impl QrSpec {
    pub fn new(ec: Ec) -> QrSpec {
        QrSpec { ec, matrix: Arc::default() }
    }
}

impl Plan {
    /// The photographs whose pixels could not be decoded (past a good header, on their own
    /// thread since the load: `Photo::decoding`), each once, at its `image:`, waiting for any
    /// decode still running. Every planned asset counts, rendered or not, as at the load.
    pub fn unreadable_photos(&self) -> Vec<Diagnostic> {
        let mut seen = std::collections::HashSet::new();
        self.assets
            .iter()
            .chain(&self.context)
            .filter_map(|a| a.photo.as_ref())
            .filter(|p| seen.insert(Arc::as_ptr(&p.photo)))
            .filter_map(|p| match p.photo.pixels().as_ref() {
                Ok(_) => None,
                Err(e) => Some(Diagnostic::error(Code::Campaign, e.clone()).at(self.source.as_path(), p.span).hint(crate::vocab::photo::UNREADABLE_HINT)),
            })
            .collect()
    }
}

impl AssetSpec {
    /// The asset's QR code, encoding its link (`None`: it has none); encoded on first use.
    pub fn qr_matrix(&self) -> Option<&Result<QrMatrix, String>> {
        self.qr.as_ref().map(|q| q.matrix.get_or_init(|| QrMatrix::encode(&self.link.text, q.ec)))
    }
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

/// One week an asset runs (social, screen) or is posted (print): the week's first day and, for
/// print, the new copies posted that week, the spares sent with them and when both are due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Posting {
    pub week: u32,
    pub date: Date,
    /// Print: copies posted on sites that week (only where the artwork changes with
    /// `reposting: changes`); 0 for social and screen.
    pub copies: u64,
    pub spares: u64,
    /// Print: `supply_working_days` working days before `date`.
    pub due: Option<Date>,
    /// Social: the day the post goes out, within the week (set by `posting::spread`).
    pub posted_on: Option<Date>,
}

/// Consecutive sites of one print format showing one artwork in one week: a stretch of the
/// site plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRun {
    /// The artwork group's label (`phone-box`, `billboard-48-2`).
    pub format: String,
    pub week: u32,
    /// 1-based site numbers `first..first + count` within the format.
    pub first: u64,
    pub count: u64,
    /// The artwork's print PDF, relative to the output folder.
    pub file: String,
    /// The site gets a new copy that week.
    pub new_copy: bool,
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
    /// The language's writing direction: a right-to-left asset's composition is mirrored.
    pub direction: Direction,
    /// Weeks this artwork is posted (print: weeks it gets copies) or runs (social/screen),
    /// ascending.
    pub weeks: Vec<u32>,
    #[serde(skip)]
    pub postings: Vec<Posting>,
    pub copy: AssetCopy,
    pub style: Arc<Style>,
    /// The composition (placement's `layout:`, else the message's, else the campaign's).
    pub layout: Layout,
    /// The photograph, where the layout shows one (split and photo).
    pub photo: Option<PhotoSpec>,
    /// `None`: the asset has no QR code.
    pub qr: Option<QrSpec>,
    /// Social and screen: the alt text written beside the image (span: the message's `alt`,
    /// or its id when the text is generated).
    pub alt: Option<Text>,
    /// The campaign link with this asset's tracking tags (span: `contact.link`), or with a short
    /// link its base + code (span: `contact.short_link`): what its QR code encodes, and what the
    /// posting plan gives the scheduler. Left out of the cache key: where it
    /// reaches a file, it does so through the scene's QR block, which is in the key.
    #[serde(skip)]
    pub link: Text,
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

/// The plan of one campaign run.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Names the output folder.
    pub campaign_id: String,
    pub source: Arc<PathBuf>,
    pub assets: Vec<AssetSpec>,
    /// The assets `--only`/`--message` left out: not rendered, but laid out with the selected
    /// ones to choose each format's type scale (empty for a full render).
    pub context: Vec<AssetSpec>,
    /// Every print site's artwork each week, whatever the selection (`rotation`).
    pub site_plan: Vec<SiteRun>,
    pub reposting: Reposting,
    pub supply_working_days: u32,
    pub posting: PostingTimes,
    /// Warnings about what the plan leaves out (an artwork no site ever shows).
    pub findings: Vec<Diagnostic>,
    /// With `contact.short_link`: every artwork's short link and the asset key it belongs to,
    /// in plan order, whatever the selection (redirects.csv and the clash check are
    /// campaign-wide, as the site plan is).
    pub redirects: Vec<(String, Redirect)>,
}

/// A short link: `short` (base + `code`) is what the asset carries; the campaign's server sends
/// it on to `target`, the full tracked link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Redirect {
    pub code: String,
    pub short: String,
    pub target: String,
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
        band_text: c.brand.accent_text.unwrap_or_else(|| band_text(&c.brand)),
        headline_font: c.brand.headline_font.clone(),
        body_font: c.brand.body_font.clone(),
        headline_fallback: c.brand.fallback_fonts.iter().cloned().chain(crate::fonts::bundled_fallback(FontRole::Headline)).collect(),
        body_fallback: c.brand.fallback_fonts.iter().cloned().chain(crate::fonts::bundled_fallback(FontRole::Body)).collect(),
        logo: c.brand.logo.as_ref().map(|l| Logo { bitmap: l.bitmap.clone(), on_light: l.on_light.clone(), size: l.size, position: l.position, span: l.span }),
    });
    let known = Arc::new(known(c));
    let mut assets = Vec::new();
    let mut context = Vec::new();
    let mut site_plan = Vec::new();
    let mut findings = ink::ink_findings(c);
    let mut redirects = Vec::new();
    // Where the link every asset carries comes from: the short link's base, or the link.
    let link_span = c.contact.short_link.as_ref().map_or(c.contact.link.span, |s| s.span);
    let mut social = Vec::new();
    for (label, members) in groups::groups(c) {
        let p = &c.placements[members[0]];
        let mut format = c.format(&p.format.value).expect("validated format id").clone();
        // The placement decides roadside (legibility k, QR auto); one source of truth downstream.
        format.roadside = p.roadside;
        let print = format.kind == Kind::Print;
        let run = if print { rotation::rotate(c, &members) } else { rotation::GroupRun::default() };
        let print_file = |mi: usize, li: usize| print_main(&format, &label, &c.messages[mi].id.value, &c.languages[li]);
        site_plan.extend(run.runs.iter().map(|r| SiteRun {
            format: label.clone(),
            week: r.week,
            first: r.first,
            count: r.count,
            file: print_file(r.artwork.0, r.artwork.1),
            new_copy: r.new,
        }));
        for (mi, m) in c.messages.iter().enumerate() {
            // An asset left out by `--only`/`--message` is still planned, as context: the
            // format's type scale, short codes and posting days are campaign-wide, so a
            // filtered run draws and dates what a full one does.
            let selected = sel.keeps(&format, &m.id.value);
            for (li, lang) in c.languages.iter().enumerate() {
                // The weeks a member placement posting this language runs and the schedule posts the message.
                let mut scheduled: Vec<u32> = members
                    .iter()
                    .map(|&i| &c.placements[i])
                    .filter(|q| q.languages.contains(lang))
                    .flat_map(|q| q.weeks.iter().copied())
                    .filter(|w| c.schedule[*w as usize - 1].contains(&mi))
                    .collect();
                scheduled.sort_unstable();
                scheduled.dedup();
                if scheduled.is_empty() {
                    continue;
                }
                let postings: Vec<Posting> = if print {
                    let copies = run.copies.get(&(mi, li));
                    copies
                        .into_iter()
                        .flatten()
                        .filter(|(_, wc)| wc.posted > 0)
                        .map(|(&week, wc)| {
                            let date = c.start.week_start(week);
                            let due = Some(date.working_days_before(c.print.supply_working_days));
                            Posting { week, date, copies: wc.posted, spares: wc.spares, due, posted_on: None }
                        })
                        .collect()
                } else {
                    scheduled.iter().map(|&week| Posting { week, date: c.start.week_start(week), copies: 0, spares: 0, due: None, posted_on: None }).collect()
                };
                if postings.is_empty() {
                    if selected {
                        findings.push(unmade(c, &label, m, lang, &scheduled, p.span));
                    }
                    continue;
                }
                let weeks: Vec<u32> = postings.iter().map(|p| p.week).collect();
                let key = format!("{label}/{}/{lang}", m.id.value);
                let tracked = link::tracked_link(c, &format, &m.id.value, &weeks);
                // With a short link, the QR, the caption and the alt text carry base + code;
                // redirects.csv sends the code to the full tracked link.
                let redirect = c.contact.short_link.as_ref().map(|base| link::redirect(&base.value, &tracked));
                if let Some(r) = &redirect {
                    redirects.push((key.clone(), r.clone()));
                }
                if format.kind == Kind::Social {
                    social.push(posting::Slot { format: format.id.clone(), weeks: weeks.clone(), asset: selected.then_some(assets.len()) });
                }
                // Formats read at a glance (roadside) print the short copy where the message has
                // one; an empty short body leaves the body off.
                let glance = format.roadside;
                let headline = m.short_headline.as_ref().filter(|_| glance).unwrap_or(&m.headline);
                let body = match (&m.short_body, glance) {
                    (Some(short), true) => Some(short).filter(|t| !t.get(lang).trim().is_empty()),
                    _ => m.body.as_ref(),
                };
                let copy = AssetCopy {
                    headline: Text::of(headline, lang),
                    body: body.map(|t| Text::of(t, lang)),
                    helpline_note: c.contact.helpline_note.as_ref().map(|t| Text::of(t, lang)),
                    helpline: Text::new(&c.contact.helpline.value, c.contact.helpline.span),
                    hours: c.contact.hours.as_ref().map(|t| Text::of(t, lang)),
                    website: Text::new(&c.contact.website.value, c.contact.website.span),
                    imprint: Text::new(c.imprint(), c.organisation.span),
                    credit: None,
                };
                // The layout decides whether the photograph reaches the asset: a band layout
                // shows none, so its credit and alt description stay off too.
                let layout = c.layout_of(members[0], mi).map_or(Layout::Band, |l| l.value);
                let image = c.image_of(mi).filter(|_| layout != Layout::Band);
                let mut copy = copy;
                copy.credit = image.and_then(|i| i.credit.as_ref()).map(|t| Text::of(t, lang)).filter(|t| !t.text.trim().is_empty());
                let photo = image.map(|i| PhotoSpec { photo: i.photo.clone(), focus: i.focus, span: i.span });
                let photo_alt = image.and_then(|i| i.alt.as_ref()).map(|t| t.get(lang));
                let tracked = redirect.as_ref().map_or(tracked, |r| r.short.clone());
                let qr = p.qr.then(|| QrSpec::new(if format.kind == Kind::Print { Ec::Q } else { Ec::M }));
                let message = MessageRef { id: m.id.value.clone(), span: m.id.span, ordinal: mi };
                let alt = (format.kind != Kind::Print).then(|| alt::alt_text(m, &copy, lang, c.words.get(lang), &tracked, photo_alt));
                let stem = format!("{}/{label}_{}_{lang}", format.kind.as_str(), m.id.value);
                let files = match format.kind {
                    Kind::Print => Files { main: print_file(mi, li), proof: Some(format!("{stem}_proof.png")), alt: None, stem },
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
                let caption = m.caption.as_ref().map(|t| Text::new(alt::expand(t.get(lang), &copy, &tracked).trim(), t.span));
                let list = if selected { &mut assets } else { &mut context };
                list.push(AssetSpec {
                    key,
                    source: source.clone(),
                    platform: platform(&format),
                    known: known.clone(),
                    format: format.clone(),
                    format_span: p.format.span,
                    placement_span: p.span,
                    message,
                    language: lang.clone(),
                    direction: crate::vocab::language::direction(lang),
                    weeks,
                    postings,
                    copy,
                    style: style.clone(),
                    layout,
                    photo,
                    qr,
                    alt,
                    link: Text::new(tracked, link_span),
                    caption,
                    pdf,
                    files,
                    px,
                    encoding,
                });
            }
        }
    }
    posting::spread(&social, &mut assets, &c.posting);
    findings.extend(link::clashes(&redirects).into_iter().map(|d| d.at(&c.file, link_span)));
    Plan {
        campaign_id: c.id.clone(),
        source,
        assets,
        context,
        site_plan,
        reposting: c.print.reposting,
        supply_working_days: c.print.supply_working_days,
        posting: c.posting,
        findings,
        redirects,
    }
}

/// The text colour on the accent band when the campaign names none: the brand's background or
/// text colour, whichever reads better there, while it reaches the 7:1 the helpline number should
/// have; otherwise near-black or white, whichever reads better (a yellow band on a teal brand
/// gets near-black text rather than teal at 3.8:1).
fn band_text(b: &crate::campaign::Brand) -> Colour {
    let best = |cands: &[Colour]| cands.iter().copied().fold(cands[0], |a, c| if c.contrast(&b.accent) > a.contrast(&b.accent) { c } else { a });
    let brand = best(&[b.background, b.text]);
    if brand.contrast(&b.accent) >= crate::vocab::colour::HELPLINE_CONTRAST {
        return brand;
    }
    best(&[brand, crate::vocab::colour::NEAR_BLACK, Colour::WHITE])
}

/// A print artwork's PDF: `print/<label>_<message>_<language>_<scale>.pdf`.
fn print_main(format: &Format, label: &str, message: &str, lang: &str) -> String {
    format!("{}/{label}_{message}_{lang}_{}.pdf", format.kind.as_str(), scale_suffix(format.scale))
}

/// The warning for an artwork the schedule posts but no site ever shows (fewer sites than
/// messages × languages): it is not made, so nothing is printed that cannot be posted.
fn unmade(c: &Campaign, label: &str, m: &crate::campaign::Message, lang: &str, weeks: &[u32], span: Span) -> Diagnostic {
    let n = weeks.len();
    let weeks = weeks.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    Diagnostic::warning(
        Code::Schedule,
        format!(
            "{label}: message {} ({lang}) gets no site in week{} {weeks}: too few sites for that week's messages and languages; its artwork is not made",
            m.id.value,
            if n == 1 { "" } else { "s" }
        ),
    )
    .at(&c.file, span)
    .hint("add sites, or post fewer messages or languages in those weeks")
}

/// What copy may name besides the helpline and the website: for the copy cross-checks.
fn known(c: &Campaign) -> Known {
    let host_of = |s: &str| s.split_once("://").map_or(s, |(_, r)| r).split(['/', '?', '#', ':']).next().unwrap_or("").to_lowercase();
    let link_host = url::Url::parse(&c.contact.link.value).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
    let mut hosts = vec![host_of(&c.contact.website.value), link_host];
    hosts.extend(c.contact.short_link.as_ref().map(|s| host_of(&s.value)));
    Known { other_numbers: c.contact.other_numbers.iter().map(|n| n.value.clone()).collect(), hosts }
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
