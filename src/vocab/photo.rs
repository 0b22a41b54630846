//! A photograph, decoded once per run and shared by every asset that shows it; each crop is
//! resampled once per target size (a 24-megapixel photo on seven formats is seven resamples,
//! whatever the number of messages and languages) and kept for the run.
//!
//! Pixels are opaque sRGB, three bytes each: a 24 MP photo holds 72 MB, not 96. Its identity
//! (for the render cache) is the digest of the file it was read from and its orientation.

use super::made_once::MadeOnce;
use super::media::Bitmap;
use serde::{Serialize, Serializer};
use sha2::Digest;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What to do about a photograph that cannot be loaded.
pub const UNREADABLE_HINT: &str = "give a PNG, JPEG or WebP photo; the path is relative to the campaign file's folder";

/// Decoded pixels, or why they could not be.
pub type Pixels = Arc<Result<Vec<u8>, String>>;

/// A decode running on its own thread.
type Decode = std::thread::JoinHandle<Result<Vec<u8>, String>>;

pub struct Photo {
    /// The pixels, row-major RGB8, once decoded (`pixels`).
    rgb: MadeOnce<Pixels>,
    /// The decode running beside the run since the campaign was loaded (`Photo::decoding`):
    /// the plan, the type scales and every asset without this photo go ahead meanwhile.
    pending: Mutex<Option<Decode>>,
    pub width: u32,
    pub height: u32,
    pub digest: [u8; 32],
    /// `[x, y, w, h, out_w, out_h]` → the resampled crop, filled once by the first asset that
    /// asks for it.
    resized: Mutex<HashMap<[u32; 6], Arc<MadeOnce<Bitmap>>>>,
    /// The photo at half size (`halve`), made once when a resample first needs it.
    half: MadeOnce<Arc<Halved>>,
}

/// A photo's pixels at half its size: each pixel the mean of a 2 × 2 block.
struct Halved {
    rgb: Vec<u8>,
    width: u32,
    height: u32,
}

/// A resample that reduces the crop by at least this factor reads the photo at half size: its
/// tent filter, half as wide there, still spans 3+ pixels (no aliasing), and reads a quarter
/// of the pixels. A 24 MP photo on five social sizes spent most of its resample time in row
/// passes over 6,000-pixel rows; the print sizes (reductions of 1.4 to 2.3) read it whole.
const HALF_SIZE_FROM: f32 = 3.0;

impl Photo {
    /// A photo already decoded.
    pub fn new(rgb: Vec<u8>, width: u32, height: u32, digest: [u8; 32]) -> Photo {
        let p = Photo::empty(width, height, digest);
        let _ = p.rgb.get_or_make(|| Arc::new(Ok(rgb)));
        p
    }

    /// A photo whose header has been read (`width` × `height` once oriented) and whose pixels
    /// `decode` makes on a thread of its own, started now: a 24 MP JPEG takes a core for a
    /// fifth of a second, which the rest of the run need not wait for. `decode`'s error is the
    /// finding to report (`pixels`); its pixels must be `width` × `height`.
    pub fn decoding(width: u32, height: u32, digest: [u8; 32], decode: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static) -> Photo {
        let p = Photo::empty(width, height, digest);
        *p.pending.lock().unwrap_or_else(|e| e.into_inner()) = Some(std::thread::spawn(decode));
        p
    }

    fn empty(width: u32, height: u32, digest: [u8; 32]) -> Photo {
        Photo { rgb: MadeOnce::default(), pending: Mutex::new(None), width, height, digest, resized: Mutex::new(HashMap::new()), half: MadeOnce::default() }
    }

    /// The pixels, waiting for the decode if it is still running (a rayon worker that asks
    /// while another is waiting renders other assets meanwhile, `MadeOnce`).
    pub fn pixels(&self) -> Pixels {
        self.rgb.get_or_make(|| {
            let handle = self.pending.lock().unwrap_or_else(|e| e.into_inner()).take();
            let decoded =
                handle.map_or_else(|| Err("the photo was never decoded".to_string()), |h| h.join().unwrap_or_else(|_| Err("its decoder failed".to_string())));
            let size = self.width as usize * self.height as usize * 3;
            Arc::new(decoded.and_then(|rgb| if rgb.len() == size { Ok(rgb) } else { Err("its pixels do not match its size".to_string()) }))
        })
    }

    fn halved(&self, rgb: &[u8]) -> Arc<Halved> {
        self.half.get_or_make(|| Arc::new(halve(rgb, self.width, self.height)))
    }

    /// The source pixels `crop` (`x, y, w, h`) resampled to `out` pixels, as opaque RGBA.
    /// Computed once per (crop, size) for the run; later calls share it. `Err`: the photo
    /// could not be decoded (`pixels`).
    pub fn crop(&self, crop: [u32; 4], out: (u32, u32)) -> Result<Bitmap, String> {
        let pixels = self.pixels();
        let rgb = pixels.as_ref().as_ref().map_err(Clone::clone)?;
        let key = [crop[0], crop[1], crop[2], crop[3], out.0, out.1];
        // The map's lock is held only to find the key's cell; the resample runs in the cell:
        // two assets of one size wait for one resample, while different sizes of the photo
        // resample side by side (under one lock, a run's seven sizes took turns on one core).
        // A worker that finds its size being made renders other assets meanwhile (`MadeOnce`).
        // No rayon inside the resample: a worker waiting on its own join could steal another
        // asset's layout and re-enter this cell.
        let cell = self.resized.lock().unwrap_or_else(|e| e.into_inner()).entry(key).or_default().clone();
        Ok(cell.get_or_make(|| {
            let digest = sha2::Sha256::new().chain_update(self.digest).chain_update(key.map(u32::to_le_bytes).concat()).finalize().into();
            let scale = (crop[2] as f32 / out.0.max(1) as f32).min(crop[3] as f32 / out.1.max(1) as f32);
            let pixels = if scale >= HALF_SIZE_FROM && self.width >= 2 && self.height >= 2 {
                let h = self.halved(rgb);
                let half = crop.map(|v| v as f32 / 2.0);
                resample(Source { rgb: &h.rgb, width: h.width, height: h.height }, half, out)
            } else {
                resample(Source { rgb, width: self.width, height: self.height }, crop.map(|v| v as f32), out)
            };
            Bitmap::with_digest(pixels, out.0, out.1, digest)
        }))
    }
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Photo({} × {})", self.width, self.height)
    }
}

impl Serialize for Photo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.width, self.height, &self.digest[..]).serialize(s)
    }
}

/// 2 × 2 block means (rounded); an odd last row or column is left out.
fn halve(rgb: &[u8], width: u32, height: u32) -> Halved {
    let (w, h) = ((width / 2) as usize, (height / 2) as usize);
    let stride = width as usize * 3;
    let mut out = vec![0u8; w * h * 3];
    for (y, row) in out.chunks_exact_mut(w * 3).enumerate() {
        let (a, b) = (&rgb[2 * y * stride..][..w * 6], &rgb[(2 * y + 1) * stride..][..w * 6]);
        for ((o, a), b) in row.chunks_exact_mut(3).zip(a.chunks_exact(6)).zip(b.chunks_exact(6)) {
            for c in 0..3 {
                o[c] = ((u16::from(a[c]) + u16::from(a[c + 3]) + u16::from(b[c]) + u16::from(b[c + 3]) + 2) / 4) as u8;
            }
        }
    }
    Halved { rgb: out, width: w as u32, height: h as u32 }
}

/// The pixels a resample reads: RGB8 rows.
#[derive(Clone, Copy)]
struct Source<'a> {
    rgb: &'a [u8],
    width: u32,
    height: u32,
}

/// Taps of one output sample: the first source index and its weights (summing to 1).
struct Taps {
    first: usize,
    weights: Vec<f32>,
}

/// A triangle (tent) filter as wide as the scale: an area average when shrinking (no aliasing
/// from a 6,000 px photo on a 1,080 px post), bilinear when enlarging. The crop runs `len`
/// source pixels from `offset` (fractional on a halved photo), within a source `bound` long.
/// Positions are counted from the crop's first whole pixel, so a whole-pixel crop's taps do
/// not depend on where it sits.
fn taps(len: f32, offset: f32, bound: u32, out_len: u32) -> Vec<Taps> {
    let base = offset.floor();
    let frac = offset - base;
    let src_len = ((offset + len).ceil().min(bound as f32) - base).max(1.0);
    let scale = len / out_len as f32;
    let radius = scale.max(1.0);
    (0..out_len)
        .map(|i| {
            let centre = (i as f32 + 0.5) * scale - 0.5 + frac;
            let lo = ((centre - radius).ceil().max(0.0)) as usize;
            let hi = ((centre + radius).floor().min(src_len - 1.0)) as usize;
            let mut weights: Vec<f32> = (lo..=hi).map(|x| (1.0 - (x as f32 - centre).abs() / radius).max(0.0)).collect();
            let sum: f32 = weights.iter().sum();
            if sum > 0.0 {
                weights.iter_mut().for_each(|w| *w /= sum);
            } else {
                weights = vec![1.0];
            }
            Taps { first: lo.min(src_len as usize - 1) + base as usize, weights }
        })
        .collect()
}

/// Separable resample of a crop: rows first (into f32), then columns. Each output value is
/// the same sum, in the same order (tap by tap from the first), as the plain per-pixel loop;
/// the loops are only arranged to be fast:
/// - the row pass reads a row converted to f32 once, with every output pixel's taps padded to
///   one count known at compile time (a zero weight adds exactly +0.0 to a non-negative sum);
/// - the column pass walks whole rows;
/// - the rows are made as the column pass reaches them, into a ring of as many rows as a
///   column filter spans, not all kept (a phone box's crop at f32 was 200 MB).
fn resample(p: Source, [cx, cy, cw, ch]: [f32; 4], (ow, oh): (u32, u32)) -> Vec<u8> {
    let (cw, ch) = (cw.max(1.0), ch.max(1.0));
    let hx = taps(cw, cx, p.width, ow);
    let vy = taps(ch, cy, p.height, oh);
    let stride = p.width as usize * 3;
    let mrow = ow as usize * 3;
    let mut row_pass = RowPass::new(&hx, p.width as usize);
    let span = vy.iter().map(|t| t.weights.len()).max().unwrap_or(1);
    let mut ring = vec![0f32; span * mrow];
    let mut next = vy.first().map_or(0, |t| t.first);
    let mut out = vec![255u8; ow as usize * oh as usize * 4];
    let mut acc = vec![0f32; mrow];
    for (t, dst) in vy.iter().zip(out.chunks_exact_mut(ow as usize * 4)) {
        // Taps move down the photo (first never decreases), so the ring still holds every row
        // from `t.first` on.
        debug_assert!(next <= t.first + span);
        while next < t.first + t.weights.len() {
            let slot = next % span;
            row_pass.run(&p.rgb[next * stride..(next + 1) * stride], &mut ring[slot * mrow..(slot + 1) * mrow]);
            next += 1;
        }
        acc.fill(0.0);
        for (k, w) in t.weights.iter().enumerate() {
            let slot = (t.first + k) % span;
            for (a, v) in acc.iter_mut().zip(&ring[slot * mrow..(slot + 1) * mrow]) {
                *a += w * v;
            }
        }
        for (d, a) in dst.chunks_exact_mut(4).zip(acc.chunks_exact(3)) {
            d[0] = to_u8(a[0]);
            d[1] = to_u8(a[1]);
            d[2] = to_u8(a[2]);
        }
    }
    out
}

/// The row pass of a resample: each output pixel's taps padded with zero weights to `n`, and
/// a scratch row (the source row as f32, `n` zero pixels past its end for the padding to read).
struct RowPass {
    n: usize,
    firsts: Vec<usize>,
    weights: Vec<f32>,
    row: Vec<f32>,
}

impl RowPass {
    fn new(taps: &[Taps], width: usize) -> RowPass {
        let n = taps.iter().map(|t| t.weights.len()).max().unwrap_or(1);
        let firsts = taps.iter().map(|t| t.first).collect();
        let weights = taps.iter().flat_map(|t| t.weights.iter().copied().chain(std::iter::repeat(0.0)).take(n)).collect();
        RowPass { n, firsts, weights, row: vec![0f32; (width + n) * 3] }
    }

    fn run(&mut self, src: &[u8], out: &mut [f32]) {
        let RowPass { n, firsts, weights, row } = self;
        for (f, s) in row.iter_mut().zip(src) {
            *f = *s as f32;
        }
        // One copy of the loop per tap count up to 16 (a 5.6× reduction spans 13), so the
        // compiler unrolls it; wider filters take the general loop.
        macro_rules! by_count {
            ($($n:literal)*) => {
                match *n {
                    $($n => row_taps::<$n>(row, firsts, weights, out),)*
                    _ => row_taps_any(*n, row, firsts, weights, out),
                }
            };
        }
        by_count!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    }
}

fn row_taps<const N: usize>(row: &[f32], firsts: &[usize], weights: &[f32], out: &mut [f32]) {
    for ((o, &f), w) in out.chunks_exact_mut(3).zip(firsts).zip(weights.chunks_exact(N)) {
        let s = &row[f * 3..f * 3 + 3 * N];
        let mut acc = [0f32; 3];
        for k in 0..N {
            acc[0] += w[k] * s[3 * k];
            acc[1] += w[k] * s[3 * k + 1];
            acc[2] += w[k] * s[3 * k + 2];
        }
        o.copy_from_slice(&acc);
    }
}

fn row_taps_any(n: usize, row: &[f32], firsts: &[usize], weights: &[f32], out: &mut [f32]) {
    for ((o, &f), w) in out.chunks_exact_mut(3).zip(firsts).zip(weights.chunks_exact(n)) {
        let mut acc = [0f32; 3];
        for (w, px) in w.iter().zip(row[f * 3..].chunks_exact(3)) {
            acc[0] += w * px[0];
            acc[1] += w * px[1];
            acc[2] += w * px[2];
        }
        o.copy_from_slice(&acc);
    }
}

/// `v.round().clamp(0.0, 255.0) as u8`, without the `roundf` library call (x86-64's baseline
/// has no rounding instruction, and a call per channel was a tenth of a photo run): clamped
/// first, the value is non-negative, so rounding half away from zero is the truncation plus
/// one when the fraction (exact in f32 below 2²³) is at least a half. Same result for every
/// input, NaN included (0).
pub fn to_u8(v: f32) -> u8 {
    let v = v.clamp(0.0, 255.0);
    let i = v as u8;
    if v - i as f32 >= 0.5 { i + 1 } else { i }
}

/// Text over a photograph is judged on the pixels actually behind it: the contrast this share
/// of those pixels stays below is what counts, so a few specks of highlight do not fail a
/// headline, while a bright area behind a word does.
pub const WORST_SHARE: f64 = 0.02;

/// WCAG contrast of `text` against the pixels of `bitmap` inside `[x0, y0, x1, y1)`: the value
/// that `WORST_SHARE` of them fall below. `None` when the area holds no pixels.
pub fn contrast_on_pixels(bitmap: &Bitmap, [x0, y0, x1, y1]: [u32; 4], text: &super::Colour) -> Option<f64> {
    let (x1, y1) = (x1.min(bitmap.width), y1.min(bitmap.height));
    let w = bitmap.width as usize;
    let rows = (y0..y1).flat_map(move |y| {
        let row = &bitmap.rgba[(y as usize * w + x0 as usize) * 4..(y as usize * w + x1.max(x0) as usize) * 4];
        row.chunks_exact(4).map(|p| [p[0], p[1], p[2]])
    });
    contrast_of(rows, text)
}

/// WCAG contrast of `text` against a set of pixels: the value `WORST_SHARE` of them fall below.
pub fn contrast_of(pixels: impl Iterator<Item = [u8; 3]>, text: &super::Colour) -> Option<f64> {
    let lut = linear_lut();
    let lt = text.luminance();
    // Luminance histogram in 1/1024 steps: exact enough, and one pass however large the area.
    let mut hist = [0u32; 1025];
    let mut n = 0u64;
    for px in pixels {
        let l = 0.2126 * lut[px[0] as usize] + 0.7152 * lut[px[1] as usize] + 0.0722 * lut[px[2] as usize];
        hist[(l * 1024.0).round() as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    // Contrast falls as a pixel's luminance nears the text's: order the bins by contrast and
    // count from the worst.
    let ratio = |l: f64| (l.max(lt) + 0.05) / (l.min(lt) + 0.05);
    let mut bins: Vec<(f64, u32)> = hist.iter().enumerate().filter(|(_, c)| **c > 0).map(|(i, c)| (ratio(i as f64 / 1024.0), *c)).collect();
    bins.sort_by(|a, b| a.0.total_cmp(&b.0));
    let allowed = (n as f64 * WORST_SHARE).floor() as u64;
    let mut seen = 0u64;
    for (r, c) in bins {
        seen += u64::from(c);
        if seen > allowed {
            return Some(r);
        }
    }
    None
}

/// sRGB byte → linear light.
fn linear_lut() -> &'static [f64; 256] {
    static LUT: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    LUT.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = i as f64 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        })
    })
}

/// The photo as shared by the plan: one decode, many assets.
pub type SharedPhoto = Arc<Photo>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_u8_rounds_like_round_then_clamp() {
        let mut v = -3.0f32;
        while v < 260.0 {
            assert_eq!(to_u8(v), v.round().clamp(0.0, 255.0) as u8, "{v}");
            v += 0.0137;
        }
        for v in [0.5, 1.5, 254.5, 0.49999997, 2.4999998, f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            assert_eq!(to_u8(v), v.round().clamp(0.0, 255.0) as u8, "{v}");
        }
    }

    /// The resample as first written: one output pixel at a time, all rows kept.
    fn plain_resample(p: &Photo, [cx, cy, cw, ch]: [u32; 4], (ow, oh): (u32, u32)) -> Vec<u8> {
        let hx = taps(cw as f32, cx as f32, p.width, ow);
        let vy = taps(ch as f32, cy as f32, p.height, oh);
        let stride = p.width as usize * 3;
        let row_lo = vy.first().map_or(0, |t| t.first);
        let row_hi = vy.last().map_or(0, |t| t.first + t.weights.len());
        let mut mid = vec![0f32; (row_hi - row_lo) * ow as usize * 3];
        let px = p.pixels();
        let rgb = px.as_ref().as_ref().unwrap();
        for (r, row) in mid.chunks_exact_mut(ow as usize * 3).enumerate() {
            let src = &rgb[(row_lo + r) * stride..(row_lo + r + 1) * stride];
            for (o, t) in row.chunks_exact_mut(3).zip(&hx) {
                let mut acc = [0f32; 3];
                for (k, w) in t.weights.iter().enumerate() {
                    let s = &src[(t.first + k) * 3..(t.first + k) * 3 + 3];
                    for c in 0..3 {
                        acc[c] += w * s[c] as f32;
                    }
                }
                o.copy_from_slice(&acc);
            }
        }
        let mut out = vec![255u8; ow as usize * oh as usize * 4];
        let mrow = ow as usize * 3;
        for (y, t) in vy.iter().enumerate() {
            for x in 0..ow as usize {
                let mut acc = [0f32; 3];
                for (k, w) in t.weights.iter().enumerate() {
                    let m = &mid[(t.first - row_lo + k) * mrow + x * 3..][..3];
                    for c in 0..3 {
                        acc[c] += w * m[c];
                    }
                }
                for c in 0..3 {
                    out[(y * ow as usize + x) * 4 + c] = acc[c].round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        out
    }

    /// A `w × h` test photo: `base(channel, x, y)` plus up to `noise` levels of xorshift noise
    /// from `seed` (a gradient with noise compresses and resamples like a photograph).
    fn noisy(w: u32, h: u32, mut seed: u64, noise: u64, base: impl Fn(u32, u32, u32) -> u64) -> Photo {
        let rgb: Vec<u8> = (0..w * h * 3)
            .map(|i| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (base(i % 3, i / 3 % w, i / 3 / w) + seed % noise).min(255) as u8
            })
            .collect();
        Photo::new(rgb, w, h, [0; 32])
    }

    #[test]
    fn the_fast_resample_matches_the_plain_loop_bit_for_bit() {
        let (w, h) = (613u32, 401u32);
        let p = noisy(w, h, 0x9E37_79B9_7F4A_7C15, 64, |_, x, _| u64::from(x) * 255 / u64::from(w));
        // Small and large reductions (past the 16 unrolled tap counts), enlargements, odd crops.
        for (crop, out) in [
            ([0, 0, w, h], (100, 66)),
            ([7, 3, 600, 390], (37, 24)),
            ([0, 0, w, h], (20, 13)),
            ([50, 40, 300, 200], (213, 142)),
            ([1, 2, 60, 40], (181, 120)),
            ([300, 0, 313, 401], (313, 401)),
        ] {
            let px = p.pixels();
            let src = Source { rgb: px.as_ref().as_ref().unwrap(), width: w, height: h };
            assert!(resample(src, crop.map(|v| v as f32), out) == plain_resample(&p, crop, out), "{crop:?} → {out:?}");
        }
    }

    /// A reduction read from the halved photo shows what the whole photo's resample shows:
    /// every channel within a few levels (a gradient with noise, the hard case for a box).
    #[test]
    fn a_large_reduction_from_the_halved_photo_matches_the_whole_one() {
        let (w, h) = (1203u32, 801u32);
        let p = noisy(w, h, 0x2545_F491_4F6C_DD1D, 48, |c, x, y| {
            u64::from(match c {
                0 => x * 200 / w,
                1 => y * 200 / h,
                _ => (x + y) * 100 / (w + h),
            })
        });
        let mut checked = 0;
        for (crop, out) in [([0, 0, w, h], (300, 200)), ([101, 51, 901, 601], (150, 100)), ([3, 0, 1200, 800], (400, 267))] {
            let px = p.pixels();
            let whole = resample(Source { rgb: px.as_ref().as_ref().unwrap(), width: w, height: h }, crop.map(|v| v as f32), out);
            let via_half = p.crop(crop, out).unwrap();
            let worst = whole.iter().zip(via_half.rgba.iter()).map(|(a, b)| a.abs_diff(*b)).max().unwrap();
            let mean = whole.iter().zip(via_half.rgba.iter()).map(|(a, b)| f64::from(a.abs_diff(*b))).sum::<f64>() / whole.len() as f64;
            assert!(worst <= 6 && mean < 1.0, "{crop:?} → {out:?}: worst {worst}, mean {mean:.2}");
            checked += whole.len();
        }
        assert!(checked > 300_000);
    }

    #[test]
    fn a_flat_photo_stays_flat_and_a_crop_is_cached() {
        let p = Photo::new([200u8, 100, 50].repeat(300 * 200), 300, 200, [0; 32]);
        let b = p.crop([10, 20, 280, 160], (70, 40)).unwrap();
        assert!(b.rgba.chunks_exact(4).all(|px| px == [200, 100, 50, 255]));
        let again = p.crop([10, 20, 280, 160], (70, 40)).unwrap();
        assert!(Arc::ptr_eq(&b.rgba, &again.rgba));
        let up = p.crop([0, 0, 30, 20], (90, 60)).unwrap();
        assert!(up.rgba.chunks_exact(4).all(|px| px == [200, 100, 50, 255]));
    }

    #[test]
    fn a_photo_decoded_on_its_own_thread_gives_its_pixels_or_its_error() {
        let good = Photo::decoding(2, 1, [0; 32], || Ok(vec![1, 2, 3, 4, 5, 6]));
        assert_eq!(good.pixels().as_ref().as_ref().unwrap(), &[1, 2, 3, 4, 5, 6]);
        let bad = Photo::decoding(2, 1, [0; 32], || Err("unexpected end of file".into()));
        assert_eq!(bad.crop([0, 0, 2, 1], (1, 1)).unwrap_err(), "unexpected end of file");
        let short = Photo::decoding(2, 2, [0; 32], || Ok(vec![0; 6]));
        assert!(short.pixels().is_err());
    }
}
