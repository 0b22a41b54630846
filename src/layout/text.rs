//! Text: shape once with parley, then find the largest size that fits a region, with balanced
//! line breaks, and turn the result into positioned glyph runs in scene millimetres.
//!
//! Shaping is done once at a reference size: without hinting, glyph advances scale linearly, so
//! trying a size `s` is a re-break at `width × REF / s` — cheap, and the shaping cost is paid once.

use super::scene::{Glyph, GlyphRun, TextBlock, TextLine};
use crate::fonts::{FontKit, FontRole};
use crate::vocab::Colour;
use crate::vocab::units::Rect;
use parley::{FontFamily, FontFamilyName, Layout, LineHeight, PositionedLayoutItem, StyleProperty};
use std::borrow::Cow;

const REF: f32 = 100.0;

/// Tie the groups of a number written with spaces ("0808 1000 900") with no-break spaces. A
/// phone number in wrapped copy then never breaks across lines, and in a right-to-left
/// paragraph it stays one left-to-right number: between two digit groups a plain space is a
/// bidi neutral that takes the paragraph's direction, so an Urdu sentence would show
/// "900 1000 0808"; a no-break space is a common separator, which joins the groups (UAX #9 W4).
pub fn tie_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = c == ' ' && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        out.push(if between_digits { '\u{a0}' } else { c });
    }
    out
}

pub struct Shaped {
    layout: Layout<()>,
    text: String,
    role: FontRole,
    /// Unbreakable texts (helpline, hours, web address) must sit on one line.
    wrap: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Start,
    End,
}

/// The outcome of fitting a text into a box.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    pub size: f32,
    /// Break width used (balanced), in mm.
    pub width: f32,
    pub fits: bool,
}

impl Shaped {
    pub fn new(kit: &mut FontKit, text: &str, role: FontRole, line_height: f32, lang: &str, wrap: bool) -> Shaped {
        // The role's brand font, then its fallback chain: each cluster gets the first that draws it.
        let names: Vec<FontFamilyName> = kit.families(role).iter().map(|n| FontFamilyName::Named(Cow::Owned(n.clone()))).collect();
        let mut b = kit.layout.ranged_builder(&mut kit.cx, text, 1.0, false);
        b.push_default(StyleProperty::FontFamily(FontFamily::List(Cow::Borrowed(&names))));
        b.push_default(StyleProperty::FontSize(REF));
        b.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(line_height)));
        if let Ok(l) = parley::fontique::Language::parse(lang) {
            b.push_default(StyleProperty::Locale(Some(l)));
        }
        let layout = b.build(text);
        Shaped { layout, text: text.to_string(), role, wrap }
    }

    pub fn role(&self) -> FontRole {
        self.role
    }

    /// Break at `width_mm` for font size `size`; returns (width, height, lines) in mm.
    fn measure(&mut self, size: f32, width_mm: f32) -> (f32, f32, usize) {
        let k = size / REF;
        if self.wrap {
            self.layout.break_all_lines(Some(width_mm / k));
        } else {
            self.layout.break_all_lines(None);
        }
        (self.layout.width() * k, self.layout.height() * k, self.layout.len())
    }

    /// The largest size in `[min, max]` at which the text fits `w × h`; when even `min` does not
    /// fit, `fits` is false and the size is `min` (the caller reports; nothing is clipped).
    pub fn fit(&mut self, w: f32, h: f32, min: f32, max: f32) -> Fit {
        let ok = |s: &mut Self, size: f32| {
            let (mw, mh, _) = s.measure(size, w);
            mw <= w * 1.0001 && mh <= h * 1.0001
        };
        if max <= min || !ok(self, max) {
            if !ok(self, min) {
                return Fit { size: min, width: w, fits: false };
            }
            let (mut lo, mut hi) = (min, max.max(min));
            for _ in 0..24 {
                let mid = 0.5 * (lo + hi);
                if ok(self, mid) {
                    lo = mid
                } else {
                    hi = mid
                }
                if hi - lo < lo * 0.002 {
                    break;
                }
            }
            return Fit { size: lo, width: self.balance(lo, w), fits: true };
        }
        Fit { size: max, width: self.balance(max, w), fits: true }
    }

    /// The narrowest break width that keeps the same number of lines: evens out line lengths,
    /// so a headline never ends on a lone orphan word when a better break exists.
    fn balance(&mut self, size: f32, w: f32) -> f32 {
        if !self.wrap {
            return w;
        }
        let (_, _, n) = self.measure(size, w);
        if n <= 1 {
            return w;
        }
        let (mut lo, mut hi) = (w * 0.3, w);
        for _ in 0..20 {
            let mid = 0.5 * (lo + hi);
            let (mw, _, m) = self.measure(size, mid);
            if m == n && mw <= mid * 1.0001 { hi = mid } else { lo = mid }
        }
        hi
    }

    /// Whether the text, at `size` broken at `width`, leaves a word on a line of its own while
    /// it has words enough to share (four or more): "Worried / about / someone / you know?".
    pub fn lone_word(&mut self, size: f32, width: f32) -> bool {
        if !self.wrap || self.text.split_whitespace().count() < 4 {
            return false;
        }
        self.measure(size, width);
        // `split_whitespace` takes a no-break space as a space: "can\u{a0}help." is two words.
        let n = self.layout.len();
        self.layout.lines().enumerate().any(|(i, l)| {
            let words: Vec<&str> = self.text[l.text_range()].split_whitespace().collect();
            words.len() < 2 && !(i + 1 == n && words.first().is_some_and(|w| super::style::holds_a_line(w)))
        })
    }

    /// The vertical extent of each line's content (ascent to descent, where ink can be), in mm
    /// from the block's top, at `size` broken at `width`: what a paper seam must not cross.
    pub fn line_ink_rows(&mut self, size: f32, width: f32) -> Vec<(f32, f32)> {
        self.measure(size, width);
        let k = size / REF;
        self.layout.lines().map(|l| (l.metrics().content_block_min_coord * k, l.metrics().content_block_max_coord * k)).collect()
    }

    /// The horizontal ink extent of each glyph of a one-line text at `size`, in mm from its
    /// start (the glyphs' outline bounds, not their advances: the gap between two digits is
    /// where a vertical paper seam may fall).
    pub fn glyph_ink_spans(&mut self, size: f32) -> Vec<(f32, f32)> {
        use skrifa::MetadataProvider;
        self.measure(size, f32::INFINITY);
        let k = size / REF;
        let mut spans = Vec::new();
        for line in self.layout.lines() {
            for item in line.items() {
                let PositionedLayoutItem::GlyphRun(gr) = item else { continue };
                let font = gr.run().font();
                let Ok(face) = skrifa::FontRef::from_index(font.data.as_ref(), font.index) else { continue };
                let metrics = face.glyph_metrics(skrifa::instance::Size::new(REF), skrifa::instance::LocationRef::default());
                for g in gr.positioned_glyphs() {
                    if let Some(b) = metrics.bounds(skrifa::GlyphId::new(g.id)) {
                        spans.push(((g.x + b.x_min) * k, (g.x + b.x_max) * k));
                    }
                }
            }
        }
        spans
    }

    /// The width of a one-line text's line box at `size`, as `place` sets it (trailing spaces
    /// left out): the width `mirror` moves the line by.
    pub fn line_advance(&mut self, size: f32) -> f32 {
        self.measure(size, f32::INFINITY);
        let k = size / REF;
        self.layout.lines().next().map_or(0.0, |l| (l.metrics().advance - l.metrics().hanging_advance) * k)
    }

    /// Height of the text at `size` broken at `width` (mm).
    pub fn height_at(&mut self, size: f32, width: f32) -> f32 {
        self.measure(size, width).1
    }

    pub fn width_at(&mut self, size: f32, width: f32) -> f32 {
        self.measure(size, width).0
    }

    /// Position the text at `size`, broken at `width`, with its first line box's top at
    /// `(x, y)`; lines aligned within `align_width`.
    #[allow(clippy::too_many_arguments)]
    pub fn place(
        &mut self,
        kit: &FontKit,
        size: f32,
        width: f32,
        x: f32,
        y: f32,
        align_width: f32,
        align: Align,
        colour: Colour,
        cap_ratio: f32,
    ) -> (TextBlock, Vec<char>) {
        self.measure(size, width);
        let k = size / REF;
        let mut lines = Vec::new();
        let mut runs = Vec::new();
        let mut missing = Vec::new();
        let mut bounds: Option<Rect> = None;
        let rtl = self.layout.is_rtl();
        for line in self.layout.lines() {
            let m = line.metrics();
            // Trailing spaces hang past the line end; they take no room on the poster.
            let adv = (m.advance - m.hanging_advance) * k;
            let dx = match align {
                Align::Start => 0.0,
                Align::End => (align_width - adv).max(0.0),
            };
            let top = y + m.block_min_coord * k;
            let rect = Rect::new(x + dx, top, adv, m.line_height * k);
            bounds = Some(match bounds {
                None => rect,
                Some(b) => {
                    let (x0, y0) = (b.x.min(rect.x), b.y.min(rect.y));
                    Rect::new(x0, y0, b.right().max(rect.right()) - x0, b.bottom().max(rect.bottom()) - y0)
                }
            });
            lines.push(TextLine { text: line.text_range(), baseline_y: y + m.baseline * k, rect });
            for item in line.items() {
                let PositionedLayoutItem::GlyphRun(gr) = item else { continue };
                let run = gr.run();
                let font = kit.file_for_blob(run.font().data.id()).cloned().unwrap_or_else(|| kit.file(self.role).clone());
                // A right-to-left line's trailing spaces hang at its visual start (the left):
                // shift them out so the ink starts where the line box does.
                let mut pen = gr.offset() - if rtl { m.hanging_advance } else { 0.0 };
                let baseline = gr.baseline();
                let mut glyphs: Vec<Glyph> = Vec::new();
                for cluster in run.visual_clusters() {
                    let range = cluster.text_range();
                    let mut any = false;
                    for g in cluster.glyphs() {
                        any = true;
                        if g.id == 0 && !cluster.is_space_or_nbsp() {
                            missing.push(range.clone());
                        }
                        glyphs.push(Glyph { id: g.id, x: x + dx + (pen + g.x) * k, y: y + (baseline + g.y) * k, advance: g.advance * k, text: range.clone() });
                        pen += g.advance;
                    }
                    // A ligature continuation has no glyph of its own: its characters belong
                    // to the ligature glyph, or copy/paste from the PDF loses letters.
                    if !any && let Some(last) = glyphs.last_mut() {
                        last.text = last.text.start.min(range.start)..last.text.end.max(range.end);
                    }
                }
                if !glyphs.is_empty() {
                    runs.push(GlyphRun { font, size_mm: size, glyphs });
                }
            }
        }
        // Glyphs come in visual order (right to left in Arabic script): the characters no font
        // draws are reported in reading order, each once.
        missing.sort_by_key(|r| r.start);
        let mut chars: Vec<char> = Vec::new();
        for r in missing {
            for c in self.text[r].chars() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
        let block = TextBlock {
            text: self.text.clone(),
            size_mm: size,
            cap_height_mm: size * cap_ratio,
            colour,
            lines,
            runs,
            bounds: bounds.unwrap_or(Rect::new(x, y, 0.0, 0.0)),
        };
        (block, chars)
    }
}
