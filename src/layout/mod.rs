//! Stage 3: one scene per asset, read from its resolved spec. `compose` builds the scene,
//! `arrange` decides where things go, `style` holds the proportions, `text` shapes and fits.

mod arrange;
mod compose;
pub mod photo;
pub mod scene;
mod style;
pub mod text;

pub use compose::layout;
pub use scene::{Item, ItemKind, Role, Scene};
