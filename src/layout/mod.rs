//! Stage 3: one scene per asset, read from its resolved spec. `compose` builds the scene,
//! `arrange` decides where things go, `style` holds the proportions, `text` shapes and fits,
//! `mirror` turns a right-to-left asset's composition round.

mod arrange;
mod compose;
mod glyphs;
mod mirror;
pub mod photo;
pub mod scene;
mod style;
pub mod text;

pub use scene::{Item, ItemKind, Role, Scene};

use crate::fonts::FontKit;
use crate::plan::{AssetSpec, Direction};
use crate::vocab::Diagnostic;

/// One asset's scene: composed, then mirrored when its language is written right to left.
pub fn layout(a: &AssetSpec, kit: &mut FontKit) -> (Scene, Vec<Diagnostic>) {
    let (mut scene, diags) = compose::layout(a, kit);
    if a.direction == Direction::Rtl {
        mirror::mirror(&mut scene, &a.format);
    }
    (scene, diags)
}
