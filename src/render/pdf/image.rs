//! Raster images: the brand logo as a CMYK image XObject with an alpha soft mask, photographs
//! as CMYK JPEGs: krilla's
//! `CustomImage` needs none of its decoder features, and converting here keeps the print PDF
//! free of RGB. The conversion is the documented naive rule of `campaign::colour`.

use crate::layout::scene::ImageItem;
use krilla::geom::{Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::surface::Surface;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

#[derive(Clone)]
struct CmykImage {
    cmyk: Arc<Vec<u8>>,
    alpha: Option<Arc<Vec<u8>>>,
    size: (u32, u32),
}

impl Hash for CmykImage {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.cmyk.hash(state);
        self.alpha.hash(state);
        self.size.hash(state);
    }
}

impl CustomImage for CmykImage {
    fn color_channel(&self) -> &[u8] {
        &self.cmyk
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(|v| v.as_slice())
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Cmyk
    }
}

/// Photographs go into the PDF as CMYK JPEGs at this quality: a print photo at the resolution
/// its viewing distance needs, without visible artefacts, at a fraction of a deflated stream's
/// size and encoding time.
const PHOTO_JPEG_QUALITY: u8 = 90;

/// Each photo bitmap (one per crop and size, or per scrim) is encoded once per run, however
/// many PDFs show it: the bytes live on the bitmap, shared by its clones, and PDFs rendered
/// side by side wait for one encode rather than each making its own.
fn photo_jpeg(img: &crate::vocab::Bitmap) -> Result<Arc<Vec<u8>>, String> {
    img.print.get_or_make(|| cmyk_jpeg(img).map(Arc::new))
}

fn cmyk_jpeg(img: &crate::vocab::Bitmap) -> Result<Vec<u8>, String> {
    let (w, h) = (u16::try_from(img.width).map_err(|_| "photo too wide for JPEG")?, u16::try_from(img.height).map_err(|_| "photo too tall for JPEG")?);
    let mut out = Vec::with_capacity(img.rgba.len() / 8);
    let rows = super::cmyk_pixels::RgbaAsCmyk { rgba: &img.rgba, width: w, height: h };
    jpeg_encoder::Encoder::new(&mut out, PHOTO_JPEG_QUALITY).encode_image(rows).map_err(|e| e.to_string())?;
    Ok(out)
}

pub fn draw(surface: &mut Surface, item: &ImageItem) -> Result<(), String> {
    let img = &item.bitmap;
    if item.source_px.is_some() {
        // A photograph: opaque, continuous tone.
        let image = Image::from_jpeg(photo_jpeg(img)?.into(), true)?;
        let size = Size::from_wh(item.rect.w, item.rect.h).ok_or("empty photo")?;
        surface.push_transform(&Transform::from_translate(item.rect.x, item.rect.y));
        surface.draw_image(image, size);
        surface.pop();
        return Ok(());
    }
    // The logo: its colours through the same tables as a photograph's, its alpha beside them.
    let cmyk = super::cmyk_pixels::from_rgba(&img.rgba);
    let alpha: Vec<u8> = img.rgba.chunks_exact(4).map(|px| px[3]).collect();
    let opaque = alpha.iter().all(|a| *a == 255);
    let image = CmykImage { cmyk: Arc::new(cmyk), alpha: (!opaque).then(|| Arc::new(alpha)), size: (img.width, img.height) };
    let image = Image::from_custom(image, true)?;
    let size = Size::from_wh(item.rect.w, item.rect.h).ok_or("empty logo")?;
    surface.push_transform(&Transform::from_translate(item.rect.x, item.rect.y));
    surface.draw_image(image, size);
    surface.pop();
    Ok(())
}
