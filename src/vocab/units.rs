//! Physical geometry. Scenes are laid out in millimetres with the trim box's top-left corner
//! as origin and y pointing down; each backend picks its own density.

/// Millimetres per inch: points, CSS pixels and ppi all count per inch.
pub const MM_PER_INCH: f32 = 25.4;
pub const PT_PER_MM: f32 = 72.0 / MM_PER_INCH;
/// Social and screen formats are specified in pixels; their scenes use CSS pixels (96 per inch)
/// so that the same millimetre-based layout code serves every format.
pub const CSS_PX_PER_MM: f32 = 96.0 / MM_PER_INCH;

#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// True when `other` lies inside `self`, allowing `eps` for float rounding.
    pub fn contains(&self, other: &Rect, eps: f32) -> bool {
        other.x >= self.x - eps && other.y >= self.y - eps && other.right() <= self.right() + eps && other.bottom() <= self.bottom() + eps
    }
    pub fn inset(&self, s: Sides) -> Rect {
        Rect::new(self.x + s.left, self.y + s.top, (self.w - s.left - s.right).max(0.0), (self.h - s.top - s.bottom).max(0.0))
    }
    /// The rectangle grown by `d` on every side (a trim box to its bleed box).
    pub fn outset(&self, d: f32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize)]
pub struct Sides {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Sides {
    pub fn all(v: f32) -> Self {
        Sides { top: v, right: v, bottom: v, left: v }
    }
    pub fn xy(x: f32, y: f32) -> Self {
        Sides { top: y, right: x, bottom: y, left: x }
    }
    pub fn scaled(&self, k: f32) -> Self {
        Sides { top: self.top * k, right: self.right * k, bottom: self.bottom * k, left: self.left * k }
    }
}
