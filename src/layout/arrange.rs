//! Arrangement: where each part goes at a given base size `b`, for the two shapes of safe area
//! (tall or square: one stack; wide: the stack in a left column, the QR bottom right).
//! `build` lays everything out at one `b`; `search` finds the largest `b` that fits.

use super::scene::Role;
use super::style::{self, gap};
use super::text::{Align, Shaped};
use crate::vocab::Span;
use crate::vocab::units::Rect;

pub(super) struct Part {
    pub(super) role: Role,
    pub(super) span: Span,
    pub(super) shaped: Shaped,
    pub(super) ratio: f32,
    /// Smallest legible font size for this part.
    pub(super) floor: f32,
    /// Preferred minimum (above the floor), given up only when the width does not allow it.
    pub(super) prefer: f32,
    /// Never larger than this (the helpline stays below the headline as actually set).
    pub(super) max: f32,
    pub(super) cap: f32,
}

impl Part {
    /// Font size at base `b` for a part that must fit `width` on its own lines.
    pub(super) fn size(&mut self, b: f32, width: f32) -> (f32, bool) {
        let want = (b * self.ratio).max(self.prefer.min(b)).min(self.max).max(self.floor);
        let fit = self.shaped.fit(width, f32::INFINITY, self.floor, want);
        (fit.size, fit.fits)
    }
    pub(super) fn height(&mut self, size: f32, width: f32) -> f32 {
        self.shaped.height_at(size, width)
    }
}

pub(super) struct Parts {
    pub(super) headline: Part,
    pub(super) body: Option<Part>,
    pub(super) note: Option<Part>,
    pub(super) number: Part,
    pub(super) hours: Option<Part>,
    pub(super) website: Part,
    pub(super) imprint: Part,
}

impl Parts {
    pub(super) fn get(&mut self, role: Role) -> &mut Part {
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
pub(super) enum Arrangement {
    /// Tall and square: headline, body, band, then QR beside web address and imprint.
    Stack,
    /// Wide: the same stack in a left column, the QR bottom right.
    Wide,
}

pub(super) struct PlacedText {
    pub(super) role: Role,
    pub(super) rect: Rect,
    pub(super) size: f32,
    pub(super) width: f32,
    pub(super) align: Align,
    pub(super) in_band: bool,
    pub(super) fits: bool,
}

pub(super) struct Placed {
    pub(super) texts: Vec<PlacedText>,
    pub(super) band: Rect,
    pub(super) qr: Option<Rect>,
    pub(super) logo: Option<Rect>,
}

/// Largest `b` in `[lo, hi]` for which `ok(b)`; `(lo, false)` when none.
pub(super) fn search(lo: f32, hi: f32, mut ok: impl FnMut(f32) -> bool) -> (f32, bool) {
    if ok(hi) {
        return (hi, true);
    }
    if !ok(lo) {
        return (lo, false);
    }
    let (mut a, mut z) = (lo, hi);
    for _ in 0..style::SEARCH_STEPS {
        let m = 0.5 * (a + z);
        if ok(m) {
            a = m
        } else {
            z = m
        }
        if z - a < a * style::SEARCH_PRECISION {
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
/// `logo`: the logo's aspect ratio (width / height) and size factor, when it sits at the foot.
pub(super) fn build(parts: &mut Parts, plan: Arrangement, safe: Rect, qr: Option<f32>, logo: Option<(f32, f32)>, b: f32) -> (Placed, bool) {
    let gutter = gap::GUTTER * b;
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
        all_fit &= top.add(body, b, gap::BODY * b);
    }
    let top_h = top.height();
    // A long unbreakable word can set the headline below `b`; the number follows it down.
    parts.number.max = top.entries.first().map_or(f32::INFINITY, |e| e.1);

    // Band: note / number / hours. Wide formats put note and hours beside the number when
    // they fit there, which keeps the band low.
    let n_size = parts.number.size(b, col_w);
    let pad = style::BAND_PAD * n_size.0.max(parts.number.floor);
    let mut band_cols: Vec<Column> = Vec::new();
    let mut beside = false;
    if matches!(plan, Arrangement::Wide) {
        let num_w = parts.number.shaped.width_at(n_size.0, col_w);
        let rest_x = safe.x + num_w + gap::BESIDE_NUMBER * gutter;
        let rest_w = safe.x + col_w - rest_x;
        let mut side = Column::new(rest_x, rest_w.max(1.0));
        let mut ok = rest_w > 0.0;
        if let Some(n) = parts.note.as_mut() {
            ok &= side.add(n, b, 0.0);
        }
        if let Some(h) = parts.hours.as_mut() {
            ok &= side.add(h, b, gap::SIDE_HOURS * b);
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
        all_fit &= col.add(&mut parts.number, b, gap::NOTE_NUMBER * b);
        if let Some(h) = parts.hours.as_mut() {
            all_fit &= col.add(h, b, gap::NUMBER_HOURS * b);
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
            let mut web = Column::new(bx, web_w * style::WIDTH_SLACK);
            web.add(&mut parts.website, b, 0.0);
            let mut imp = Column::new(bx + bw - imp_w * style::WIDTH_SLACK, imp_w * style::WIDTH_SLACK);
            imp.add(&mut parts.imprint, b, 0.0);
            bottom = web;
            imprint_beside = Some(imp);
        }
    }
    if imprint_beside.is_none() {
        all_fit &= bottom.add(&mut parts.website, b, 0.0);
        all_fit &= bottom.add(&mut parts.imprint, b, gap::IMPRINT * b);
    }
    let bottom_rows_h = imprint_beside.as_ref().map_or(bottom.height(), |i| i.height().max(bottom.height()));
    // The logo sits under the imprint, as tall as one and a half web-address lines.
    let logo_gap = gap::LOGO * b;
    let logo_h = logo.map(|(_, k)| k * style::LOGO_LINES * (b * style::WEBSITE).max(parts.website.floor)).unwrap_or(0.0);
    let bottom_text_h = bottom_rows_h + if logo.is_some() { logo_gap + logo_h } else { 0.0 };
    let bottom_h = if qr_in_bottom { bottom_text_h.max(qr.unwrap_or(0.0)) } else { bottom_text_h };

    let gap_a = gap::ABOVE_BAND * b;
    let gap_b = gap::BELOW_BAND * b;
    let total = top_h + gap_a + band_h + gap_b + bottom_h;
    let fits = total <= safe.h * style::FIT_TOLERANCE && qr.is_none_or(|t| t <= safe.h) && all_fit;

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
    let logo_rect = logo.map(|(aspect, _)| {
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
