//! Stage 4: backends. Each reads only a `Scene`.

pub mod pdf;
pub mod raster;
