//! Stage 3: one scene per asset. `compose` decides where things go; `text` shapes and fits.

mod compose;
pub mod scene;
pub mod text;

pub use compose::layout;
pub use scene::{Item, ItemKind, Role, Scene};
