//! Composition: where each part of a poster goes, per aspect.
//!
//! Hierarchy (the product): the headline is largest; the helpline number, in a full-bleed band of
//! the accent colour, is the second thing the eye finds; then hours, web address, QR, imprint.
//! Every size is a ratio of one base size `b` (the headline's), each floored at the format's
//! legibility minimum; `b` is the largest value at which the whole stack fits the safe area.
//! A copy that cannot fit even at the minimum is laid out at the minimum and reported as a
//! `fit` error — never clipped or shrunk below legibility.

use super::scene::*;
use super::text::{Align, Shaped};
use crate::campaign::{Campaign, Colour, Kind};
use crate::diag::{Diagnostic, Span};
use crate::fonts::{cap_ratio, FontKit, FontRole};
use crate::plan::AssetSpec;
use crate::qr::{Ec, QrMatrix};
use crate::units::Rect;

/// Size of each part as a fraction of the headline size.
const BODY: f32 = 0.46;
const NOTE: f32 = 0.30;
const NUMBER: f32 = 0.85;
/// The helpline number stays clearly above the supporting lines even where legibility floors
/// push those up (a roadside band would otherwise set note, number and hours all alike).
const NUMBER_OVER_FLOOR: f32 = 1.6;
const HOURS: f32 = 0.36;
const WEBSITE: f32 = 0.40;
const IMPRINT: f32 = 0.22;

struct Part {
    role: Role,
    span: Span,
    shaped: Shaped,
    ratio: f32,
    /// Smallest legible font size for this part.
    floor: f32,
    /// Preferred minimum (above the floor), given up only when the width does not allow it.
    prefer: f32,
    /// Never larger than this (the helpline stays below the headline as actually set).
    max: f32,
    cap: f32,
}

impl Part {
    /// Font size at base `b` for a part that must fit `width` on its own lines.
    fn size(&mut self, b: f32, width: f32) -> (f32, bool) {
        let want = (b * self.ratio).max(self.prefer.min(b)).min(self.max).max(self.floor);
        let fit = self.shaped.fit(width, f32::INFINITY, self.floor, want);
        (fit.size, fit.fits)
    }
    fn height(&mut self, size: f32, width: f32) -> f32 {
        self.shaped.height_at(size, width)
    }
}

struct Ctx<'a> {
    kit: &'a mut FontKit,
    diags: Vec<Diagnostic>,
    key: String,
    file: std::path::PathBuf,
}

pub fn layout(c: &Campaign, a: &AssetSpec, kit: &mut FontKit) -> (Scene, Vec<Diagnostic>) {
    let f = &a.format;
    let lang = a.language.as_str();
    let msg = &c.messages[a.message];
    let safe = f.safe_rect();
    let brand = &c.brand;
    let head_cap = cap_ratio(&brand.headline_font.bytes);
    let body_cap = cap_ratio(&brand.body_font.bytes);
    let floor = |role: FontRole| {
        let r = if role == FontRole::Headline { head_cap } else { body_cap };
        f.min_cap_mm(r) / r
    };
    // Band text: whichever of the brand's two text colours reads better on the accent.
    let band_text = if brand.background.contrast(&brand.accent) >= brand.text.contrast(&brand.accent) { brand.background } else { brand.text };

    let mut cx = Ctx { kit, diags: Vec::new(), key: a.key.clone(), file: c.file.clone() };
    let part = |cx: &mut Ctx, role: Role, span: Span, text: &str, font: FontRole, lh: f32, wrap: bool, ratio: f32| {
        let shaped = Shaped::new(cx.kit, text, font, lh, lang, wrap);
        let cap = if font == FontRole::Headline { head_cap } else { body_cap };
        Part { role, span, shaped, ratio, floor: floor(font), prefer: 0.0, max: f32::INFINITY, cap }
    };
    let headline = part(&mut cx, Role::Headline, msg.headline.span, &no_orphan(msg.headline.get(lang)), FontRole::Headline, 1.08, true, 1.0);
    let body = msg.body.as_ref().map(|t| part(&mut cx, Role::Body, t.span, &no_orphan(t.get(lang)), FontRole::Body, 1.22, true, BODY));
    let note = c.contact.helpline_note.as_ref().map(|t| part(&mut cx, Role::HelplineNote, t.span, t.get(lang), FontRole::Body, 1.15, false, NOTE));
    let mut number = part(&mut cx, Role::Helpline, c.contact.helpline.span, &c.contact.helpline.value, FontRole::Headline, 1.1, false, NUMBER);
    number.prefer = number.floor * NUMBER_OVER_FLOOR;
    let hours = c.contact.hours.as_ref().map(|t| part(&mut cx, Role::Hours, t.span, t.get(lang), FontRole::Body, 1.15, false, HOURS));
    let website = part(&mut cx, Role::Website, c.contact.website.span, &c.contact.website.value, FontRole::Headline, 1.15, false, WEBSITE);
    let imprint = part(&mut cx, Role::Imprint, c.organisation.span, &c.imprint(), FontRole::Body, 1.2, true, IMPRINT);

    let qr = a.link.as_ref().and_then(|link| {
        let ec = if f.kind == Kind::Print { Ec::Q } else { Ec::M };
        match QrMatrix::encode(link, ec) {
            Ok(m) => Some((m, link.clone())),
            Err(e) => {
                cx.diags.push(Diagnostic::error("qr", e).for_asset(&a.key).at(&c.file, c.contact.link.span).hint("use a shorter link"));
                None
            }
        }
    });
    // The QR's printed size: the format's minimum with a margin, or a share of the safe area;
    // never more than 62% of the safe area's short side. A minimum that cannot be met (a QR
    // forced onto a billboard read from 50 m would need to be 5 m wide) is left for preflight
    // to measure and report from the scene.
    let mut qr_tile = None;
    if let Some((m, _)) = &qr {
        let min_symbol = f.min_qr_symbol_mm();
        let per_symbol = m.total_modules() as f32 / m.size as f32;
        let cap = 0.62 * safe.w.min(safe.h);
        let symbol = (min_symbol * 1.12).max(0.2 * safe.w.min(safe.h)).min(cap / per_symbol);
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
        qr_tile = Some(symbol * per_symbol);
    }

    let mut parts = Parts { headline, body, note, number, hours, website, imprint };
    let wide = safe.w / safe.h >= 1.3;
    let plan = if wide { Arrangement::Wide } else { Arrangement::Stack };
    let b_max = if wide { 0.2 * safe.h } else { 0.14 * safe.w.max(safe.h * 0.75) };
    let b_min = parts.headline.floor;
    let logo = brand.logo.as_ref().map(|l| l.width as f32 / l.height.max(1) as f32);
    let (b, fits) = search(b_min, b_max, |b| build(&mut parts, plan, safe, qr_tile, logo, b).1);
    let placed = build(&mut parts, plan, safe, qr_tile, logo, b).0;
    if !fits {
        cx.diags.push(Diagnostic::error("fit", "the copy does not fit the safe area even at the smallest legible size").for_asset(&a.key)
            .at(&c.file, parts.headline.span)
            .hint("shorten the headline or body for this format"));
    }

    // Build the scene in paint order.
    let mut items = vec![];
    let bleed = f.bleed_mm;
    items.push(Item {
        role: Role::Band,
        span: c.contact.helpline.span,
        region: placed.band,
        kind: ItemKind::Fill { rect: Rect::new(-bleed, placed.band.y, f.width_mm + 2.0 * bleed, placed.band.h), colour: brand.accent },
    });
    for p in placed.texts {
        let colour = if p.in_band { band_text } else { brand.text };
        let part = parts.get(p.role);
        let (block, missing) = part.shaped.place(cx.kit, p.size, p.width, p.rect.x, p.rect.y, p.rect.w, p.align, colour, part.cap);
        if !missing.is_empty() {
            let chars: String = missing.iter().collect();
            cx.diags.push(Diagnostic::error("glyph", format!("the {} font has no glyph for {chars:?} in the {}", if part.role == Role::Headline { "headline" } else { "body" }, p.role.as_str()))
                .for_asset(&cx.key).at(&cx.file, part.span).hint("choose a font that covers the campaign's languages under brand.fonts"));
        }
        if !p.fits {
            cx.diags.push(Diagnostic::error("fit", format!("the {} does not fit on one line at a legible size", p.role.as_str())).for_asset(&cx.key).at(&cx.file, part.span));
        }
        items.push(Item { role: p.role, span: part.span, region: p.rect, kind: ItemKind::Text(block) });
    }
    if let (Some((matrix, link)), Some(mut tile)) = (qr, placed.qr) {
        if let Some(k) = f.px_per_mm() {
            tile.x = (tile.x * k).round() / k;
            tile.y = (tile.y * k).round() / k;
        }
        let module_mm = tile.w / matrix.total_modules() as f32;
        items.push(Item {
            role: Role::Qr,
            span: c.contact.link.span,
            region: tile,
            kind: ItemKind::Qr(QrBlock { matrix, rect: tile, module_mm, dark: Colour::BLACK, light: Colour::WHITE, link }),
        });
    }
    if let (Some(l), Some(rect)) = (&brand.logo, placed.logo) {
        items.push(Item {
            role: Role::Logo,
            span: l.span,
            region: rect,
            kind: ItemKind::Image(ImageItem { rect, rgba: l.rgba.clone(), width: l.width, height: l.height }),
        });
    }
    let scene = Scene { key: a.key.clone(), width_mm: f.width_mm, height_mm: f.height_mm, bleed_mm: bleed, safe, background: brand.background, items };
    (scene, cx.diags)
}

/// Tie the last two words with a no-break space, the typesetter's guard against a lone word on
/// a wrapped text's last line (balanced breaking alone cannot always avoid one). Short texts
/// are left free to break.
fn no_orphan(text: &str) -> String {
    let t = text.trim_end();
    if t.split_whitespace().count() < 4 {
        return text.to_string();
    }
    match t.rfind(' ') {
        Some(i) => format!("{}\u{a0}{}", &t[..i], &t[i + 1..]),
        None => text.to_string(),
    }
}

struct Parts {
    headline: Part,
    body: Option<Part>,
    note: Option<Part>,
    number: Part,
    hours: Option<Part>,
    website: Part,
    imprint: Part,
}

impl Parts {
    fn get(&mut self, role: Role) -> &mut Part {
        match role {
            Role::Headline => &mut self.headline,
            Role::Body => self.body.as_mut().expect("placed"),
            Role::HelplineNote => self.note.as_mut().expect("placed"),
            Role::Helpline => &mut self.number,
            Role::Hours => self.hours.as_mut().expect("placed"),
            Role::Website => &mut self.website,
            _ => &mut self.imprint,
        }
    }
}

#[derive(Clone, Copy)]
enum Arrangement {
    /// Tall and square: headline, body, band, then QR beside web address and imprint.
    Stack,
    /// Wide: the same stack in a left column, the QR bottom right.
    Wide,
}

struct PlacedText {
    role: Role,
    rect: Rect,
    size: f32,
    width: f32,
    align: Align,
    in_band: bool,
    fits: bool,
}

struct Placed {
    texts: Vec<PlacedText>,
    band: Rect,
    qr: Option<Rect>,
    logo: Option<Rect>,
}

/// Largest `b` in `[lo, hi]` for which `ok(b)`; `(lo, false)` when none.
fn search(lo: f32, hi: f32, mut ok: impl FnMut(f32) -> bool) -> (f32, bool) {
    if ok(hi) {
        return (hi, true);
    }
    if !ok(lo) {
        return (lo, false);
    }
    let (mut a, mut z) = (lo, hi);
    for _ in 0..20 {
        let m = 0.5 * (a + z);
        if ok(m) { a = m } else { z = m }
        if z - a < a * 0.003 {
            break;
        }
    }
    (a, true)
}

/// A vertical run of text parts in one column.
struct Column {
    x: f32,
    w: f32,
    entries: Vec<(Role, f32, f32, f32, bool)>, // role, size, height, gap before, fits
}

impl Column {
    fn new(x: f32, w: f32) -> Self {
        Column { x, w, entries: vec![] }
    }
    fn add(&mut self, p: &mut Part, b: f32, gap: f32) -> bool {
        let (size, fits) = p.size(b, self.w);
        let h = p.height(size, self.w);
        let gap = if self.entries.is_empty() { 0.0 } else { gap };
        self.entries.push((p.role, size, h, gap, fits));
        fits
    }
    fn height(&self) -> f32 {
        self.entries.iter().map(|e| e.2 + e.3).sum()
    }
    fn place(&self, parts: &mut Parts, y: f32, in_band: bool, align: Align, out: &mut Vec<PlacedText>) {
        let mut y = y;
        for &(role, size, h, gap, fits) in &self.entries {
            y += gap;
            let p = parts.get(role);
            let width = if role == Role::Headline || role == Role::Body || role == Role::Imprint {
                p.shaped.fit(self.w, f32::INFINITY, size, size).width
            } else {
                self.w
            };
            out.push(PlacedText { role, rect: Rect::new(self.x, y, self.w, h), size, width, align, in_band, fits });
            y += h;
        }
    }
}

/// Lay out every part at base size `b`; the bool says whether the whole fits the safe area.
/// `logo`: the logo's aspect ratio (width / height), when the campaign has one.
fn build(parts: &mut Parts, plan: Arrangement, safe: Rect, qr: Option<f32>, logo: Option<f32>, b: f32) -> (Placed, bool) {
    let gutter = 0.35 * b;
    let mut texts = Vec::new();
    let mut all_fit = true;

    // Wide formats keep a right-hand column for the QR; everything else stacks on the left.
    let wide_qr = matches!(plan, Arrangement::Wide) && qr.is_some();
    let col_w = if wide_qr { safe.w - qr.unwrap_or(0.0) - gutter } else { safe.w };
    if col_w <= 0.0 {
        return (Placed { texts, band: Rect::default(), qr: None, logo: None }, false);
    }
    let mut top = Column::new(safe.x, col_w);
    all_fit &= top.add(&mut parts.headline, b, 0.0);
    if let Some(body) = parts.body.as_mut() {
        all_fit &= top.add(body, b, 0.35 * b);
    }
    let top_h = top.height();
    // A long unbreakable word can set the headline below `b`; the number follows it down.
    parts.number.max = top.entries.first().map_or(f32::INFINITY, |e| e.1);

    // Band: note / number / hours. Wide formats put note and hours beside the number when
    // they fit there, which keeps the band low.
    let n_size = parts.number.size(b, col_w);
    let pad = 0.32 * n_size.0.max(parts.number.floor);
    let mut band_cols: Vec<Column> = Vec::new();
    let mut beside = false;
    if matches!(plan, Arrangement::Wide) {
        let num_w = parts.number.shaped.width_at(n_size.0, col_w);
        let rest_x = safe.x + num_w + 0.6 * gutter;
        let rest_w = safe.x + col_w - rest_x;
        let mut side = Column::new(rest_x, rest_w.max(1.0));
        let mut ok = rest_w > 0.0;
        if let Some(n) = parts.note.as_mut() {
            ok &= side.add(n, b, 0.0);
        }
        if let Some(h) = parts.hours.as_mut() {
            ok &= side.add(h, b, 0.1 * b);
        }
        if ok {
            let mut num = Column::new(safe.x, num_w);
            num.add(&mut parts.number, b, 0.0);
            band_cols.push(num);
            if !side.entries.is_empty() {
                band_cols.push(side);
            }
            beside = true;
        }
    }
    if !beside {
        let mut col = Column::new(safe.x, col_w);
        if let Some(n) = parts.note.as_mut() {
            all_fit &= col.add(n, b, 0.0);
        }
        all_fit &= col.add(&mut parts.number, b, 0.05 * b);
        if let Some(h) = parts.hours.as_mut() {
            all_fit &= col.add(h, b, 0.06 * b);
        }
        band_cols.push(col);
    }
    let band_inner = band_cols.iter().map(Column::height).fold(0.0, f32::max);
    let band_h = band_inner + 2.0 * pad;

    // Bottom: web address and imprint, beside the QR in the stacked arrangement.
    let qr_in_bottom = matches!(plan, Arrangement::Stack) && qr.is_some();
    let bx = if qr_in_bottom { safe.x + qr.unwrap_or(0.0) + gutter } else { safe.x };
    let bw = if wide_qr { col_w } else { safe.right() - bx };
    if bw <= 0.0 {
        return (Placed { texts, band: Rect::default(), qr: None, logo: None }, false);
    }
    // Wide formats set the web address and the imprint on one row when both fit there: the
    // height saved goes to the headline.
    let mut bottom = Column::new(bx, bw);
    let mut imprint_beside: Option<Column> = None;
    if matches!(plan, Arrangement::Wide) {
        let (ws, wfit) = parts.website.size(b, bw);
        let (is, ifit) = parts.imprint.size(b, bw);
        let web_w = parts.website.shaped.width_at(ws, bw);
        let imp_w = parts.imprint.shaped.width_at(is, f32::INFINITY);
        if wfit && ifit && web_w + gutter + imp_w <= bw {
            let mut web = Column::new(bx, web_w * 1.0001);
            web.add(&mut parts.website, b, 0.0);
            let mut imp = Column::new(bx + bw - imp_w * 1.0001, imp_w * 1.0001);
            imp.add(&mut parts.imprint, b, 0.0);
            bottom = web;
            imprint_beside = Some(imp);
        }
    }
    if imprint_beside.is_none() {
        all_fit &= bottom.add(&mut parts.website, b, 0.0);
        all_fit &= bottom.add(&mut parts.imprint, b, 0.25 * b);
    }
    let bottom_rows_h = imprint_beside.as_ref().map_or(bottom.height(), |i| i.height().max(bottom.height()));
    // The logo sits under the imprint, as tall as one and a half web-address lines.
    let logo_gap = 0.25 * b;
    let logo_h = logo.map(|_| 1.6 * (b * WEBSITE).max(parts.website.floor)).unwrap_or(0.0);
    let bottom_text_h = bottom_rows_h + if logo.is_some() { logo_gap + logo_h } else { 0.0 };
    let bottom_h = if qr_in_bottom { bottom_text_h.max(qr.unwrap_or(0.0)) } else { bottom_text_h };

    let gap_a = 0.5 * b;
    let gap_b = 0.4 * b;
    let total = top_h + gap_a + band_h + gap_b + bottom_h;
    let fits = total <= safe.h * 1.0001 && qr.is_none_or(|t| t <= safe.h) && all_fit;

    // Place: top block at the top, bottom block at the bottom, band just above it; the spare
    // height opens between headline and band, where a poster breathes.
    top.place(parts, safe.y, false, Align::Start, &mut texts);
    let bottom_y = safe.bottom() - bottom_h;
    let band_y = bottom_y - gap_b - band_h;
    for col in &band_cols {
        let y = band_y + pad + (band_inner - col.height()) * 0.5;
        col.place(parts, y, true, Align::Start, &mut texts);
    }
    let text_y = bottom_y + (bottom_h - bottom_text_h) * if qr_in_bottom { 0.5 } else { 1.0 };
    bottom.place(parts, text_y + bottom_rows_h - bottom.height(), false, Align::Start, &mut texts);
    if let Some(imp) = &imprint_beside {
        imp.place(parts, text_y + bottom_rows_h - imp.height(), false, Align::Start, &mut texts);
    }
    let logo_rect = logo.map(|aspect| {
        let w = (logo_h * aspect).min(bw);
        Rect::new(bx, text_y + bottom_rows_h + logo_gap, w, w / aspect)
    });
    let qr_rect = qr.map(|t| match plan {
        Arrangement::Stack => Rect::new(safe.x, bottom_y + (bottom_h - t) * 0.5, t, t),
        Arrangement::Wide => Rect::new(safe.right() - t, safe.bottom() - t, t, t),
    });
    let band = Rect::new(safe.x, band_y, safe.w, band_h);
    let fits = fits && texts.iter().all(|t| t.fits);
    (Placed { texts, band, qr: qr_rect, logo: logo_rect }, fits)
}
