//! billposter: one campaign file → every poster, checked and written.
//!
//! ```text
//! campaign::load → plan::plan → layout::layout → render::{raster, pdf} → output
//! ```
//! Data moves one way: backends see only scenes, layout sees no pixels.

pub mod cache;
pub mod campaign;
pub mod cli;
pub mod diag;
pub mod fonts;
pub mod icc;
pub mod layout;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod preflight;
pub mod qr;
pub mod render;
pub mod units;
