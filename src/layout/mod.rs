//! Stage 3: one scene per asset, read from its resolved spec. `compose` builds the scene,
//! `arrange` decides where things go, `style` holds the proportions, `text` shapes and fits,
//! `mirror` turns a right-to-left asset's composition round, `surfaces` chooses what depends on
//! the pixels under an item (copy on a photo, the logo's version) where the item finally is.

mod arrange;
mod compose;
mod glyphs;
mod mirror;
pub mod photo;
pub mod scene;
mod style;
mod surfaces;
pub mod text;

pub use scene::{Item, ItemKind, Role, Scene};

pub use compose::{Template, base_size, photo_room};

use crate::fonts::FontKit;
use crate::plan::AssetSpec;
use crate::vocab::Diagnostic;

/// One asset's scene, on its own (its type as large as its copy allows).
pub fn layout(a: &AssetSpec, kit: &mut FontKit) -> (Scene, Vec<Diagnostic>) {
    layout_in_scale(a, kit, Template::default())
}

/// One asset's scene in its family's template: its base size capped at its format's type scale
/// (`base_size`, smallest over the `family`), its photo's height the family's. Composed,
/// mirrored when its language is written right to left, then the choices made on the pixels
/// under an item (`compose::layout`).
pub fn layout_in_scale(a: &AssetSpec, kit: &mut FontKit, template: Template) -> (Scene, Vec<Diagnostic>) {
    compose::layout(a, kit, template)
}

/// The assets that share one type scale: one artwork label (format and placement group), one
/// layout, with or without a photograph, one language. Their messages differ; a campaign set in
/// one scale per format reads as one family.
pub fn family(a: &AssetSpec) -> String {
    let label = a.key.split('/').next().unwrap_or_default();
    format!("{label}|{}|{}|{}", a.layout.as_str(), a.photo.is_some(), a.language)
}
