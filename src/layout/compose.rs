//! Composition: one scene per asset, from its resolved spec.
//!
//! Hierarchy (the product): the headline is largest; the helpline number, in a full-bleed band of
//! the accent colour, is the second thing the eye finds; then hours, web address, QR, imprint.
//! Every size is a ratio of one base size `b` (the headline's, see `style`), each floored at the
//! format's legibility minimum; `b` is the largest value at which the whole stack fits the safe
//! area (`arrange`). A copy that cannot fit even at the minimum is laid out at the minimum and
//! reported as a `fit` error — never clipped or shrunk below legibility.

use super::arrange::{Arrangement, Part, Parts, Placed, Seams, build, search};
use super::photo;
use super::scene::*;
use super::style::{self, line_height as lh};
use super::surfaces;
use super::text::{Shaped, tie_numbers};
use crate::fonts::{FontKit, FontRole, cap_ratio};
use crate::plan::{AssetSpec, Direction, IMPRINT_SEP, Text};
use crate::qr::QrMatrix;
use crate::vocab::colour::NEAR_BLACK;
use crate::vocab::settings::{Layout, LogoPosition};
use crate::vocab::units::Rect;
use crate::vocab::{Code, Colour, Diagnostic};

/// Shape the parts and divide the page (photo, copy, QR, logo) for one asset.
fn frame(a: &AssetSpec, kit: &mut FontKit) -> Frame {
    let f = &a.format;
    let lang = a.language.as_str();
    let copy = &a.copy;
    let safe = f.safe_rect();
    let st = &*a.style;
    let head_cap = cap_ratio(&st.headline_font.bytes);
    let body_cap = cap_ratio(&st.body_font.bytes);
    let floor = |role: FontRole| {
        let r = if role == FontRole::Headline { head_cap } else { body_cap };
        f.min_cap_mm(r) / r
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let source = a.source.as_path();

    let mut part = |role: Role, t: &Text, text: &str, font: FontRole, lh: f32, wrap: bool, ratio: f32| {
        let shaped = Shaped::new(kit, text, font, lh, lang, wrap);
        let cap = if font == FontRole::Headline { head_cap } else { body_cap };
        Part { role, span: t.span, shaped, ratio, floor: floor(font), prefer: 0.0, max: f32::INFINITY, cap }
    };
    let headline = part(Role::Headline, &copy.headline, &no_orphan(&keep_dash(&copy.headline.text)), FontRole::Headline, lh::HEADLINE, true, 1.0);
    let body = copy.body.as_ref().map(|t| part(Role::Body, t, &no_orphan(&keep_dash(&t.text)), FontRole::Body, lh::BODY, true, style::BODY));
    // Digit groups tied in every text of the asset's language, not only wrapped ones: the bidi
    // reordering `tie_numbers` prevents happens on one line too.
    let note = copy.helpline_note.as_ref().map(|t| part(Role::HelplineNote, t, &tie_numbers(&t.text), FontRole::Body, lh::NOTE, false, style::NOTE));
    let mut number = part(Role::Helpline, &copy.helpline, &copy.helpline.text, FontRole::Headline, lh::NUMBER, false, style::NUMBER);
    number.prefer = number.floor * style::NUMBER_OVER_FLOOR;
    let hours = copy.hours.as_ref().map(|t| part(Role::Hours, t, &tie_numbers(&t.text), FontRole::Body, lh::HOURS, false, style::HOURS));
    let website = part(Role::Website, &copy.website, &copy.website.text, FontRole::Headline, lh::WEBSITE, false, style::WEBSITE);
    // The photo credit is small print too: it follows the imprint, tied to it like a partner.
    let imprint_text = whole_names(&copy.imprint_line());
    let imprint = part(Role::Imprint, &copy.imprint, &imprint_text, FontRole::Body, lh::IMPRINT, true, style::IMPRINT);

    let qr = a.qr_matrix().and_then(|m| match m {
        Ok(m) => Some((m.clone(), a.link.text.clone())),
        Err(e) => {
            diags.push(Diagnostic::error(Code::Qr, e.clone()).for_asset(&a.key).at(source, a.link.span).hint("use a shorter link"));
            None
        }
    });
    // Where the photograph goes and what is left for the copy.
    // The plan gives a photo only to layouts that show one.
    let photo = a.photo.as_ref();
    let wide_page = is_wide(safe);
    let page_safe = safe;
    let (photo_region, mut safe) = match (a.layout, photo) {
        (Layout::Split, Some(_)) => {
            let (p, c) = photo::split(f, safe, wide_page);
            (Some(p), c)
        }
        (Layout::Photo, Some(_)) => (Some(f.bleed_rect()), safe),
        _ => (None, safe),
    };
    let qr_tile = qr.as_ref().map(|(m, _)| qr_side(f, m, safe));
    // A wide split keeps its copy column for words: the QR goes on the photo, bottom left, on
    // its own white tile (quiet zone included).
    let qr_on_photo = a.layout == Layout::Split && wide_page && photo_region.is_some();

    // The logo: at the foot (under the imprint, sized with the web address) or in a corner of
    // the safe area, which the copy then leaves free.
    let at_foot = st.logo.as_ref().is_some_and(|l| l.position == LogoPosition::Foot);
    let logo = st.logo.as_ref().filter(|_| at_foot).map(|l| (l.bitmap.aspect(), l.size.factor()));
    let mut corner_logo = None;
    if let Some(l) = st.logo.as_ref().filter(|_| !at_foot) {
        let h = style::LOGO_CORNER_SHARE * safe.w.min(safe.h) * l.size.factor();
        let w = (h * l.bitmap.aspect()).min(safe.w * style::LOGO_CORNER_MAX_WIDTH);
        let h = w / l.bitmap.aspect();
        let room = h + style::LOGO_CORNER_GAP * h;
        let (left, top) = match l.position {
            LogoPosition::TopLeft => (true, true),
            LogoPosition::TopRight => (false, true),
            LogoPosition::BottomLeft => (true, false),
            _ => (false, false),
        };
        let x = if left { safe.x } else { safe.right() - w };
        let y = if top { safe.y } else { safe.bottom() - h };
        corner_logo = Some(Rect::new(x, y, w, h));
        safe = if top { Rect::new(safe.x, safe.y + room, safe.w, safe.h - room) } else { Rect::new(safe.x, safe.y, safe.w, safe.h - room) };
    }
    let parts = Parts { headline, body, note, number, hours, website, imprint };
    let wide = is_wide(safe);
    let plan = if wide { Arrangement::Wide } else { Arrangement::Stack };
    let b_max = if wide { style::B_MAX_WIDE * safe.h } else { style::B_MAX_TALL * safe.w.max(safe.h * style::B_MAX_TALL_HEIGHT_SHARE) };
    let b_min = parts.headline.floor;
    let (sx, sy) = f.seams();
    // A right-to-left asset's lines are moved by `mirror` after the build: the seam check
    // places the number where it will end up.
    let mirror_axis = (a.direction == Direction::Rtl).then(|| super::mirror::axis(page_safe));
    let seams = Seams { x: sx, y: sy, clearance: style::SEAM_CLEARANCE_MM, mirror_axis };
    Frame { parts, plan, safe, page_safe, wide_page, photo_region, qr, qr_tile, qr_on_photo, logo, corner_logo, seams, b_min, b_max, diags }
}

/// Everything an asset's composition is built in, before its base size is chosen: the parts
/// shaped, the regions for photo and copy, the QR and logo sizes, the range of `b`.
struct Frame {
    parts: Parts,
    plan: Arrangement,
    /// The copy's safe area (less a photo's region or a corner logo's room).
    safe: Rect,
    page_safe: Rect,
    wide_page: bool,
    photo_region: Option<Rect>,
    qr: Option<(QrMatrix, String)>,
    qr_tile: Option<f32>,
    qr_on_photo: bool,
    logo: Option<(f32, f32)>,
    corner_logo: Option<Rect>,
    seams: Seams,
    b_min: f32,
    b_max: f32,
    diags: Vec<Diagnostic>,
}

impl Frame {
    fn build(&mut self, b: f32) -> (Placed, bool) {
        // The QR's column in the copy, unless it sits on the photograph.
        let qr_in_copy = self.qr_tile.filter(|_| !self.qr_on_photo);
        build(&mut self.parts, self.plan, self.safe, qr_in_copy, self.logo, &self.seams, b)
    }

    /// The base size: the largest `b` up to `cap` (the format's type scale) at which the copy
    /// fits and the typesetting rules hold (`Kept`); when no size keeps them all, the largest
    /// that fits (a rule given up, never legibility).
    ///
    /// Fitting shrinks monotonically, so `b` for the fit is a bisection; the rules do not (a
    /// smaller size can bring a lone word back), so from there the size steps down until they
    /// hold, at most `style::RULES_MAX_SHRINK` below the fit.
    fn choose_b(&mut self, cap: Option<f32>) -> (f32, bool) {
        let hi = cap.map_or(self.b_max, |c| c.min(self.b_max)).max(self.b_min);
        let (fit, fits) = search(self.b_min, hi, |b| self.build(b).1);
        if !fits {
            return (fit, false);
        }
        let lowest = (fit * (1.0 - style::RULES_MAX_SHRINK)).max(self.b_min);
        let mut b = fit;
        while b >= lowest {
            let (p, fits) = self.build(b);
            if fits && p.kept.all() {
                return (b, true);
            }
            b *= 1.0 - style::RULES_STEP;
        }
        (fit, true)
    }
}

/// The largest base size at which this asset's copy fits on its own (and keeps the rules), or
/// `None` when it does not fit at all. The format's type scale is the smallest of these over
/// the messages that share it (`pipeline`): a campaign reads as one family.
pub fn base_size(a: &AssetSpec, kit: &mut FontKit) -> Option<f32> {
    let mut fr = frame(a, kit);
    let (b, fits) = fr.choose_b(None);
    fits.then_some(b)
}

/// The height a split page with the photo on top can give its photo at base size cap `cap`
/// (the family's type scale): what the copy leaves free beyond a breath above the band. `None`
/// for every other page. The family's photo grows by the smallest of these (`Template`).
pub fn photo_room(a: &AssetSpec, kit: &mut FontKit, cap: f32) -> Option<f32> {
    if !photo_on_top(a) {
        return None;
    }
    let mut fr = frame(a, kit);
    let (b, _) = fr.choose_b(Some(cap));
    Some(free_for_photo(&fr.build(b).0, b))
}

/// Wide enough for the side-by-side arrangements (split: the photo at the left).
fn is_wide(r: Rect) -> bool {
    r.w / r.h >= style::WIDE_ASPECT
}

/// A split page tall or square enough to put its photograph on top, whose height then follows
/// the copy (`photo_room`).
fn photo_on_top(a: &AssetSpec) -> bool {
    a.layout == Layout::Split && a.photo.is_some() && !is_wide(a.format.safe_rect())
}

fn free_for_photo(placed: &Placed, b: f32) -> f32 {
    (placed.spare - style::gap::SPARE_ABOVE_BAND * b).max(0.0)
}

/// What a family of assets shares (`pipeline::templates`): the type scale, and on a split page
/// with the photo on top, how much taller than its share the photo is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Template {
    /// The base size cap: the smallest size at which every member's copy fits.
    pub scale: Option<f32>,
    /// The photo's extra height: the least any member's copy leaves free.
    pub photo_extra: Option<f32>,
}

pub fn layout(a: &AssetSpec, kit: &mut FontKit, template: Template) -> (Scene, Vec<Diagnostic>) {
    let f = &a.format;
    let copy = &a.copy;
    let st = &*a.style;
    let band_text = st.band_text;
    let source = a.source.as_path();
    let mut fr = frame(a, kit);
    let (b, fits) = fr.choose_b(template.scale);
    let mut placed = fr.build(b).0;
    // A split page with the photo on top gives the photo the height the copy leaves free (the
    // copy set in its format's scale is often shorter than its area): the copy packs down onto
    // the band, beyond a breath, and the picture grows instead of a void opening under it. The
    // whole family's photo grows by the same height, the least its members leave free: one
    // picture frame from message to message (and one crop to make when they share a photo).
    if photo_on_top(a)
        && let Some(region) = fr.photo_region.as_mut()
    {
        let own = free_for_photo(&placed, b);
        let extra = template.photo_extra.map_or(own, |e| e.min(own));
        if extra > 0.0 {
            region.h += extra;
            fr.safe = Rect::new(fr.safe.x, fr.safe.y + extra, fr.safe.w, fr.safe.h - extra);
            placed = fr.build(b).0;
        }
    }
    let Frame { mut parts, plan, safe: _, page_safe, wide_page, photo_region, qr, qr_tile, qr_on_photo, corner_logo, mut diags, .. } = fr;
    let photo = a.photo.as_ref();
    if qr_on_photo && let (Some(t), Some(region)) = (qr_tile, photo_region) {
        let fits_side = t <= region.right() - 2.0 * page_safe.x;
        placed.qr = Some(Rect::new(page_safe.x, page_safe.bottom() - t, t, t));
        if !fits_side {
            diags.push(
                Diagnostic::error(Code::Fit, "the QR code does not fit on the photograph's side of the split layout")
                    .for_asset(&a.key)
                    .at(source, a.link.span)
                    .hint("use layout: band or photo for this placement"),
            );
        }
    }
    if !fits {
        diags.push(
            Diagnostic::error(Code::Fit, "the copy does not fit the safe area even at the smallest legible size")
                .for_asset(&a.key)
                .at(source, parts.headline.span)
                .hint("shorten the headline or body for this format"),
        );
    }

    // Build the scene in paint order: photo, panel, band, texts, QR, logo.
    let mut items = vec![];
    let bleed = f.bleed_mm;
    let (band_x0, band_x1) = match (a.layout, photo_region) {
        // A split wide layout's band runs from the photo's edge to the bleed on the copy side.
        (Layout::Split, Some(p)) if wide_page => (p.right(), f.width_mm + bleed),
        _ => (-bleed, f.width_mm + bleed),
    };
    // The wide arrangement's QR stands in its own column at the foot: the band runs up to its
    // tile and stops there instead of running behind it (the copy column already ends a gutter
    // before the tile, so the band's text keeps that much yellow after it).
    let band_x1 = match placed.qr {
        Some(q) if matches!(plan, Arrangement::Wide) && q.y < placed.band.bottom() && q.bottom() > placed.band.y => band_x1.min(q.x),
        _ => band_x1,
    };
    let band_fill_h = if placed.band_at_foot { f.height_mm + bleed - placed.band.y } else { placed.band.h };
    let mut texts = Vec::new();
    for p in placed.texts {
        let colour: Colour = if p.in_band { band_text } else { st.text };
        let part = parts.get(p.role);
        let (block, missing) = part.shaped.place(kit, p.size, p.width, p.rect.x, p.rect.y, p.rect.w, p.align, colour, part.cap);
        if !missing.is_empty() {
            diags.push(super::glyphs::missing_glyphs(a, p.role, part.shaped.role(), part.span, &missing));
        }
        if !p.fits {
            diags.push(
                Diagnostic::error(Code::Fit, format!("the {} does not fit on one line at a legible size", p.role.as_str()))
                    .for_asset(&a.key)
                    .at(source, part.span),
            );
        }
        texts.push(Item { role: p.role, span: part.span, region: p.rect, kind: ItemKind::Text(block) });
    }
    if let (Some(ph), Some(region)) = (photo, photo_region) {
        let crop = photo::crop(ph, region);
        // Where copy sits on it (photo layout), its colour and scrim are chosen once the scene
        // is finished (`surfaces`).
        // A photo that could not be decoded is left out: the run reports it, once, at its
        // `image:`, and writes nothing (`pipeline::run`).
        if let Ok(bitmap) = ph.photo.crop(crop, photo::target_px(f, region, crop)) {
            let proof = photo::proof_px(f, a.px, region).and_then(|px| ph.photo.crop(crop, px).ok());
            items.push(Item {
                role: Role::Photo,
                span: ph.span,
                region,
                kind: ItemKind::Image(ImageItem { rect: region, bitmap, source_px: Some([crop[2], crop[3]]), proof }),
            });
        }
        if a.layout == Layout::Photo {
            // Below the band top, a panel of the background colour.
            let y = placed.band.y;
            let panel = Rect::new(-bleed, y, f.width_mm + 2.0 * bleed, f.height_mm + bleed - y);
            items.push(Item { role: Role::Panel, span: copy.helpline.span, region: panel, kind: ItemKind::Fill { rect: panel, colour: st.background } });
        }
    }
    items.push(Item {
        role: Role::Band,
        span: copy.helpline.span,
        region: placed.band,
        kind: ItemKind::Fill { rect: Rect::new(band_x0, placed.band.y, band_x1 - band_x0, band_fill_h), colour: st.accent },
    });
    items.extend(texts);
    if let (Some((matrix, link)), Some(mut tile)) = (qr, placed.qr) {
        tile.x = f.snap_to_px(tile.x);
        tile.y = f.snap_to_px(tile.y);
        let module_mm = tile.w / matrix.total_modules() as f32;
        items.push(Item {
            role: Role::Qr,
            span: a.link.span,
            region: tile,
            kind: ItemKind::Qr(QrBlock { matrix, rect: tile, module_mm, dark: Colour::BLACK, light: Colour::WHITE, link }),
        });
    }
    if let (Some(l), Some(rect)) = (&st.logo, placed.logo.or(corner_logo)) {
        // Its light or dark version is chosen once the scene is finished (`surfaces`).
        items.push(Item {
            role: Role::Logo,
            span: l.span,
            region: rect,
            kind: ItemKind::Image(ImageItem { rect, bitmap: l.bitmap.clone(), source_px: None, proof: None }),
        });
    }
    let mut scene =
        Scene { key: a.key.clone(), width_mm: f.width_mm, height_mm: f.height_mm, bleed_mm: bleed, safe: page_safe, background: st.background, items };
    if a.direction == Direction::Rtl {
        super::mirror::mirror(&mut scene, f);
    }
    // What is chosen on the pixels under an item, where the item finally is.
    if a.layout == Layout::Photo {
        surfaces::copy_on_photo(&mut scene, placed.band.y, st.text, NEAR_BLACK, style::SCRIM_FADE * b);
    }
    if let Some(l) = &st.logo {
        surfaces::logo_version(&mut scene, l);
    }
    (scene, diags)
}

/// The QR's printed size (quiet zone included), decided here and only here: the format's
/// minimum with a margin, or a share of the safe area; never more than a cap share of the safe
/// area's short side. A minimum that cannot be met (a QR forced onto a billboard read from 50 m
/// would need to be 5 m wide) is left for preflight to measure and report from the scene.
fn qr_side(f: &crate::vocab::Format, m: &QrMatrix, safe: Rect) -> f32 {
    // The minimum for this code on this format: the format's rule, or enough pixels per module
    // for a phone, whichever is larger (a long link has more modules, so it needs more room).
    let min_symbol = m.min_symbol_mm(f);
    let per_symbol = m.total_modules() as f32 / m.size as f32;
    let cap = style::QR_CAP_SHARE * safe.w.min(safe.h);
    let symbol = (min_symbol * style::QR_OVER_MINIMUM).max(style::QR_SHARE * safe.w.min(safe.h)).min(cap / per_symbol);
    // On pixel formats every module is a whole number of pixels on the pixel grid: crisp
    // edges, no anti-aliased grey between modules, for cameras and decoders alike.
    let symbol = match f.px_per_mm() {
        Some(k) => {
            let n = m.size as f32;
            let module = (symbol * k / n).floor().max((min_symbol * k / n).ceil()).max(1.0);
            module * n / k
        }
        None => symbol,
    };
    symbol * per_symbol
}

/// The imprint breaks only between names, never inside one ("Glasgow / Community Safety
/// Partnership"): the spaces within each name become no-break spaces; the separator is already
/// tied to the name before it (`IMPRINT_SEP`), so no line starts with it. A name longer than
/// `style::UNBROKEN_NAME_CHARS` (a long credit line) may still wrap: tied, it could overflow a
/// narrow format.
fn whole_names(imprint: &str) -> String {
    let tie = |name: &str| if name.chars().count() <= style::UNBROKEN_NAME_CHARS { name.replace(' ', "\u{a0}") } else { name.to_string() };
    imprint.split(IMPRINT_SEP).map(tie).collect::<Vec<_>>().join(IMPRINT_SEP)
}

/// Tie a spaced dash to the word before it (no-break space), so a wrapped line never starts
/// with "— you don't have to give your name.": the dash ends the line it belongs to.
fn keep_dash(text: &str) -> String {
    text.replace(" \u{2014} ", "\u{a0}\u{2014} ").replace(" \u{2013} ", "\u{a0}\u{2013} ").replace(" - ", "\u{a0}- ")
}

/// Tie the last two words with a no-break space, the typesetter's guard against a lone word on
/// a wrapped text's last line (balanced breaking alone cannot always avoid one). Short texts
/// are left free to break, and so is a long last word, which holds a line on its own
/// ("losing / everything.").
fn no_orphan(text: &str) -> String {
    let text = &tie_numbers(text);
    let t = text.trim_end();
    if t.split_whitespace().count() < 4 || t.rsplit(' ').next().is_some_and(style::holds_a_line) {
        return text.to_string();
    }
    match t.rfind(' ') {
        Some(i) => format!("{}\u{a0}{}", &t[..i], &t[i + 1..]),
        None => text.to_string(),
    }
}
