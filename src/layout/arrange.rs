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
    /// The typesetting rules a good layout keeps beyond fitting: no headline word left alone on
    /// a line, and no small copy or helpline digit on a paper seam.
    pub(super) kept: Kept,
    /// Nothing is set under the band: its colour runs on to the bleed, a footer rather than a
    /// stripe with a sliver of background under it.
    pub(super) band_at_foot: bool,
    /// Height the copy leaves free in its area (shared above and below it).
    pub(super) spare: f32,
}

#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Kept {
    pub(super) lone_headline_word: bool,
    pub(super) on_seam: bool,
}

impl Kept {
    pub(super) fn all(&self) -> bool {
        !self.lone_headline_word && !self.on_seam
    }
}

/// Where the format's paper panels meet (scene mm), and how far copy keeps from them.
#[derive(Clone, Debug, Default)]
pub(super) struct Seams {
    /// x of each vertical seam.
    pub(super) x: Vec<f32>,
    /// y of each horizontal seam.
    pub(super) y: Vec<f32>,
    pub(super) clearance: f32,
    /// A right-to-left asset's mirror axis (`mirror::axis`): its lines are moved after the
    /// build, each to `axis - x - width`, its glyphs with it, so a digit's place on the paper
    /// is its place in the line from there. `None`: left to right, lines stay where built.
    pub(super) mirror_axis: Option<f32>,
}

impl Seams {
    fn crosses_row(&self, (y0, y1): (f32, f32)) -> bool {
        self.y.iter().any(|&s| s > y0 - self.clearance && s < y1 + self.clearance)
    }
    /// Whether a vertical seam runs through a glyph's ink (`spans` absolute x ranges).
    fn crosses_glyphs(&self, spans: &[(f32, f32)]) -> bool {
        self.x.iter().any(|&s| spans.iter().any(|&(a, b)| s > a - self.clearance && s < b + self.clearance))
    }
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
    align: Align,
    entries: Vec<(Role, f32, f32, f32, bool)>, // role, size, height, gap before, fits
}

impl Column {
    fn new(x: f32, w: f32) -> Self {
        Column { x, w, align: Align::Start, entries: vec![] }
    }
    /// The width its widest line takes.
    fn ink_width(&self, parts: &mut Parts) -> f32 {
        self.entries.iter().map(|&(role, size, ..)| parts.get(role).shaped.width_at(size, self.w)).fold(0.0, f32::max)
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
    /// The ink rows (top, bottom) of every line of the parts a seam must miss, were the
    /// column's top at `y`.
    fn seam_rows(&self, parts: &mut Parts, y: f32) -> Vec<(f32, f32)> {
        let mut rows = Vec::new();
        let mut y = y;
        for &(role, size, h, gap, _) in &self.entries {
            y += gap;
            if role != Role::Headline {
                let p = parts.get(role);
                let width = p.shaped.fit(self.w, f32::INFINITY, size, size).width;
                rows.extend(p.shaped.line_ink_rows(size, width).into_iter().map(|(a, b)| (y + a, y + b)));
            }
            y += h;
        }
        rows
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
#[allow(clippy::too_many_arguments)] // the frame an asset is built in, and the base size
pub(super) fn build(parts: &mut Parts, plan: Arrangement, safe: Rect, qr: Option<f32>, logo: Option<(f32, f32)>, seams: &Seams, b: f32) -> (Placed, bool) {
    let gutter = gap::GUTTER * b;
    let mut texts = Vec::new();
    let mut all_fit = true;

    // Wide formats keep a right-hand column for the QR; everything else stacks on the left.
    let wide_qr = matches!(plan, Arrangement::Wide) && qr.is_some();
    let col_w = if wide_qr { safe.w - qr.unwrap_or(0.0) - gutter } else { safe.w };
    if col_w <= 0.0 {
        return (Placed { texts, band: Rect::default(), qr: None, logo: None, kept: Kept::default(), band_at_foot: false, spare: 0.0 }, false);
    }
    let mut top = Column::new(safe.x, col_w);
    all_fit &= top.add(&mut parts.headline, b, 0.0);
    if let Some(body) = parts.body.as_mut() {
        all_fit &= top.add(body, b, gap::BODY * b);
    }
    let top_h = top.height();
    // A long unbreakable word can set the headline below `b`; the number follows it down.
    parts.number.max = top.entries.first().map_or(f32::INFINITY, |e| e.1);
    // On a board posted in paper panels, the number's digits keep off the vertical seams: it
    // is set a little smaller (never by more than `SEAM_NUMBER_SHRINK`) until every seam it
    // spans falls between two digits.
    let mut on_seam = false;
    if !seams.x.is_empty() {
        let s0 = parts.number.size(b, col_w).0;
        // The number's line starts at the column's left (`safe.x`, in every arrangement);
        // mirrored, it ends where the axis reflects that start.
        let clear = |p: &mut Part, s: f32| {
            let x0 = seams.mirror_axis.map_or(safe.x, |axis| axis - safe.x - p.shaped.line_advance(s));
            !seams.crosses_glyphs(&p.shaped.glyph_ink_spans(s).iter().map(|&(a, z)| (x0 + a, x0 + z)).collect::<Vec<_>>())
        };
        let floor = parts.number.floor;
        let steps = (style::SEAM_NUMBER_SHRINK / style::SEAM_NUMBER_STEP).round() as usize;
        let found = (0..=steps).map(|i| s0 * (1.0 - i as f32 * style::SEAM_NUMBER_STEP)).filter(|&s| s >= floor).find(|&s| clear(&mut parts.number, s));
        match found {
            Some(s) => parts.number.max = parts.number.max.min(s),
            None => on_seam = true,
        }
    }

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
    // A very wide board (4:1, a 96-sheet) sets the web address and the imprint at the band's
    // right end, right-aligned, rather than on a row of their own under it: the band's empty
    // right half carries them, and the row's height goes to the headline.
    let mut tail_in_band = false;
    if beside && qr.is_none() && logo.is_none() && safe.w / safe.h >= style::TAIL_IN_BAND_ASPECT {
        let used = band_cols.iter().map(|c| c.x + c.ink_width(parts)).fold(safe.x, f32::max);
        let (ws, wfit) = parts.website.size(b, col_w);
        let (is, ifit) = parts.imprint.size(b, f32::INFINITY);
        let tail_w = parts.website.shaped.width_at(ws, col_w).max(parts.imprint.shaped.width_at(is, f32::INFINITY)) * style::WIDTH_SLACK;
        if wfit && ifit && used + 2.0 * gutter + tail_w <= safe.x + col_w {
            let mut tail = Column::new(safe.x + col_w - tail_w, tail_w);
            tail.align = Align::End;
            all_fit &= tail.add(&mut parts.website, b, 0.0);
            all_fit &= tail.add(&mut parts.imprint, b, gap::IMPRINT * b);
            band_cols.push(tail);
            tail_in_band = true;
        }
    }
    let band_inner = band_cols.iter().map(Column::height).fold(0.0, f32::max);
    let band_h = band_inner + 2.0 * pad;

    // Bottom: web address and imprint, beside the QR in the stacked arrangement.
    let qr_in_bottom = matches!(plan, Arrangement::Stack) && qr.is_some();
    let bx = if qr_in_bottom { safe.x + qr.unwrap_or(0.0) + gutter } else { safe.x };
    let bw = if wide_qr { col_w } else { safe.right() - bx };
    if bw <= 0.0 {
        return (Placed { texts, band: Rect::default(), qr: None, logo: None, kept: Kept::default(), band_at_foot: false, spare: 0.0 }, false);
    }
    // Wide formats set the web address and the imprint on one row when both fit there: the
    // height saved goes to the headline.
    let mut bottom = Column::new(bx, bw);
    let mut imprint_beside: Option<Column> = None;
    if matches!(plan, Arrangement::Wide) && !tail_in_band {
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
    if imprint_beside.is_none() && !tail_in_band {
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
    let gap_b = if tail_in_band { 0.0 } else { gap::BELOW_BAND * b };
    let total = top_h + gap_a + band_h + gap_b + bottom_h;
    let fits = total <= safe.h * style::FIT_TOLERANCE && qr.is_none_or(|t| t <= safe.h) && all_fit;

    // Place: bottom block at the bottom, band just above it. The spare height first opens
    // between the copy and the band (up to `SPARE_ABOVE_BAND`), where a poster breathes; what
    // is left is shared above and below the copy, so a short message sits in the middle of its
    // space rather than over a void. On a board posted in panels the copy moves, within the
    // spare, to the nearest place where no line of small copy lies on a seam.
    let spare = (safe.h - total).max(0.0);
    let t0 = (spare - style::gap::SPARE_ABOVE_BAND * b).max(0.0) * 0.5;
    let rows = top.seam_rows(parts, safe.y);
    let clear_at = |t: f32| rows.iter().all(|&(a, z)| !seams.crosses_row((a + t, z + t)));
    let mut candidates = vec![t0];
    for &(a, z) in &rows {
        for &s in &seams.y {
            candidates.push(s - seams.clearance - z - 1e-3);
            candidates.push(s + seams.clearance - a + 1e-3);
        }
    }
    candidates.retain(|t| (0.0..=spare).contains(t));
    candidates.sort_by(|p, q| (p - t0).abs().total_cmp(&(q - t0).abs()));
    let t = candidates.iter().copied().find(|&t| clear_at(t));
    on_seam |= t.is_none();
    top.place(parts, safe.y + t.unwrap_or(t0), false, Align::Start, &mut texts);
    let bottom_y = safe.bottom() - bottom_h;
    let band_y = bottom_y - gap_b - band_h;
    for col in &band_cols {
        let y = band_y + pad + (band_inner - col.height()) * 0.5;
        col.place(parts, y, true, col.align, &mut texts);
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
    // Band and small print stay where they are: their lines are checked, not moved.
    if !seams.y.is_empty() {
        let mut fixed: Vec<(f32, f32)> = Vec::new();
        for col in &band_cols {
            fixed.extend(col.seam_rows(parts, band_y + pad + (band_inner - col.height()) * 0.5));
        }
        fixed.extend(bottom.seam_rows(parts, text_y + bottom_rows_h - bottom.height()));
        if let Some(imp) = &imprint_beside {
            fixed.extend(imp.seam_rows(parts, text_y + bottom_rows_h - imp.height()));
        }
        on_seam |= fixed.into_iter().any(|r| seams.crosses_row(r));
    }
    let lone_headline_word = texts.iter().find(|t| t.role == Role::Headline).is_some_and(|h| parts.headline.shaped.lone_word(h.size, h.width));
    let kept = Kept { lone_headline_word, on_seam };
    (Placed { texts, band, qr: qr_rect, logo: logo_rect, kept, band_at_foot: tail_in_band, spare }, fits)
}
