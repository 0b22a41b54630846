//! billposter: one campaign file → every poster, checked and written.
//!
//! ```text
//! campaign::load → plan::plan → layout::layout → render::{raster, pdf} → preflight → output
//!   (Campaign)      (Plan of AssetSpec)  (Scene)     (pixels, PDF)      (findings)  (files)
//! ```
//! Data moves one way: each stage reads the one before it and nothing older. Nothing after the
//! plan reads the campaign; backends see only scenes and their options. Modules are listed
//! from the bottom of the house up; none imports one above it (ARCHITECTURE.md).
#![forbid(unsafe_code)]

pub mod vocab;

pub mod fonts;
pub mod qr;

pub mod cache;
pub mod campaign;
pub mod cli;
pub mod layout;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod preflight;
pub mod render;
