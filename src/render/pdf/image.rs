//! Raster images (the brand logo) as CMYK image XObjects with an alpha soft mask: krilla's
//! `CustomImage` needs none of its decoder features, and converting here keeps the print PDF
//! free of RGB. The conversion is the documented naive rule of `campaign::colour`.

use crate::layout::scene::ImageItem;
use crate::vocab::Colour;
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

pub fn draw(surface: &mut Surface, item: &ImageItem) -> Result<(), String> {
    let img = &item.bitmap;
    let n = (img.width * img.height) as usize;
    let mut cmyk = Vec::with_capacity(n * 4);
    let mut alpha = Vec::with_capacity(n);
    for px in img.rgba.chunks_exact(4) {
        let c = Colour::from_srgb([px[0], px[1], px[2]]);
        cmyk.extend(c.cmyk.map(|v| (v * 255.0).round() as u8));
        alpha.push(px[3]);
    }
    let opaque = alpha.iter().all(|a| *a == 255);
    let image = CmykImage { cmyk: Arc::new(cmyk), alpha: (!opaque).then(|| Arc::new(alpha)), size: (img.width, img.height) };
    let image = Image::from_custom(image, true)?;
    let size = Size::from_wh(item.rect.w, item.rect.h).ok_or("empty logo")?;
    surface.push_transform(&Transform::from_translate(item.rect.x, item.rect.y));
    surface.draw_image(image, size);
    surface.pop();
    Ok(())
}
