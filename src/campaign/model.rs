//! The campaign file as parsed: a faithful serde model of `campaign-format.md` version 1, with
//! source spans kept on every value a later stage may need to point at. Nothing here is
//! validated beyond YAML types; `validate` turns this into a `Campaign`.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileModel {
    pub version: S<u32>,
    pub campaign: S<CampaignModel>,
    #[serde(default)]
    pub brand: Option<S<BrandModel>>,
    pub contact: S<ContactModel>,
    pub messages: S<Vec<S<MessageModel>>>,
    #[serde(default)]
    pub schedule: Option<S<Vec<S<WeekModel>>>>,
    pub placements: S<Vec<S<PlacementModel>>>,
    #[serde(default)]
    pub formats: Option<S<Vec<S<FormatModel>>>>,
    /// Optional (billposter extension): print-production settings for the whole campaign.
    #[serde(default)]
    pub print: Option<S<PrintModel>>,
    /// Optional (billposter extension): when social posts go out.
    #[serde(default)]
    pub posting: Option<S<PostingModel>>,
    /// The campaign's composition: band (default), split or photo.
    #[serde(default)]
    pub layout: Option<S<String>>,
    /// The campaign's photograph (messages may override it).
    #[serde(default)]
    pub image: Option<S<ImageModel>>,
    /// Optional (billposter extension): the words billposter writes itself, by language tag.
    #[serde(default)]
    pub words: Option<S<std::collections::BTreeMap<String, S<WordsModel>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsModel {
    /// The generated alt text's label before the helpline number.
    #[serde(default)]
    pub helpline: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingModel {
    /// `"HH:MM"`, 24-hour, local time (default 10:00).
    #[serde(default)]
    pub time: Option<S<String>>,
    /// Days of each week the posts of one format are spread over, 1 to 7 (default 5).
    #[serde(default)]
    pub spread_days: Option<S<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignModel {
    pub id: S<String>,
    pub name: S<String>,
    pub organisation: S<String>,
    #[serde(default)]
    pub partners: Option<S<Vec<S<String>>>>,
    #[serde(default)]
    pub languages: Option<S<Vec<S<String>>>>,
    pub start: S<String>,
    pub weeks: S<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandModel {
    #[serde(default)]
    pub background: Option<S<ColourModel>>,
    #[serde(default)]
    pub text: Option<S<ColourModel>>,
    #[serde(default)]
    pub accent: Option<S<ColourModel>>,
    /// Text colour on the accent band; default: the best-reading of the brand's colours,
    /// near-black and white.
    #[serde(default)]
    pub accent_text: Option<S<ColourModel>>,
    #[serde(default)]
    pub fonts: Option<S<FontsModel>>,
    #[serde(default)]
    pub logo: Option<S<LogoModel>>,
}

/// `brand.logo`: a path, or a map with the path, a variant for light surfaces, size and position.
#[derive(Debug)]
pub enum LogoModel {
    Path(String),
    Map(Box<LogoMapModel>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoMapModel {
    pub path: S<String>,
    #[serde(default)]
    pub on_light: Option<S<String>>,
    #[serde(default)]
    pub size: Option<S<String>>,
    #[serde(default)]
    pub position: Option<S<String>>,
}

impl<'de> Deserialize<'de> for LogoModel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LogoModel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a path to a PNG or JPEG logo, or a map with path, on_light, size and position")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LogoModel, E> {
                Ok(LogoModel::Path(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LogoModel, A::Error> {
                LogoMapModel::deserialize(de::value::MapAccessDeserializer::new(map)).map(|m| LogoModel::Map(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontsModel {
    #[serde(default)]
    pub headline: Option<S<String>>,
    #[serde(default)]
    pub body: Option<S<String>>,
    /// Optional (billposter extension): fonts for characters the headline and body fonts lack
    /// (a CJK font for Chinese), tried in order before the bundled fallback fonts.
    #[serde(default)]
    pub fallback: Option<S<Vec<S<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactModel {
    pub helpline: S<String>,
    #[serde(default)]
    pub hours: Option<S<TextModel>>,
    #[serde(default)]
    pub helpline_note: Option<S<TextModel>>,
    pub website: S<String>,
    pub link: S<String>,
    #[serde(default)]
    pub short_link: Option<S<String>>,
    #[serde(default)]
    pub other_numbers: Option<S<Vec<S<String>>>>,
    #[serde(default)]
    pub tracking: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageModel {
    pub id: S<String>,
    pub headline: S<TextModel>,
    #[serde(default)]
    pub body: Option<S<TextModel>>,
    #[serde(default)]
    pub caption: Option<S<TextModel>>,
    #[serde(default)]
    pub alt: Option<S<TextModel>>,
    /// Shorter copy for formats read at a glance (roadside placements use it when given).
    #[serde(default)]
    pub short: Option<S<ShortModel>>,
    /// Overrides the campaign's layout for this message.
    #[serde(default)]
    pub layout: Option<S<String>>,
    /// Overrides the campaign's photograph; `none` leaves it off.
    #[serde(default)]
    pub image: Option<S<ImageModel>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortModel {
    #[serde(default)]
    pub headline: Option<S<TextModel>>,
    /// `""` leaves the body off.
    #[serde(default)]
    pub body: Option<S<TextModel>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekModel {
    pub week: S<u32>,
    pub messages: S<Vec<S<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementModel {
    pub format: S<String>,
    #[serde(default)]
    pub sites: Option<S<u32>>,
    #[serde(default)]
    pub weeks: Option<S<Vec<S<u32>>>>,
    #[serde(default)]
    pub roadside: Option<S<bool>>,
    #[serde(default)]
    pub qr: Option<S<QrSetting>>,
    /// The languages this placement posts (default: all of `campaign.languages`).
    #[serde(default)]
    pub languages: Option<S<Vec<S<String>>>>,
    /// Extra copies per artwork per posting: a percent (`"10%"`) or a count (`3`).
    #[serde(default)]
    pub spares: Option<S<SparesModel>>,
    /// Overrides the campaign's and the message's layout on this placement.
    #[serde(default)]
    pub layout: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatModel {
    pub id: S<String>,
    #[serde(default)]
    pub kind: Option<S<String>>,
    #[serde(default)]
    pub description: Option<S<String>>,
    #[serde(default)]
    pub width_mm: Option<S<f32>>,
    #[serde(default)]
    pub height_mm: Option<S<f32>>,
    #[serde(default)]
    pub scale: Option<S<f32>>,
    #[serde(default)]
    pub bleed_mm: Option<S<f32>>,
    #[serde(default)]
    pub safe_mm: Option<S<f32>>,
    #[serde(default)]
    pub viewing_distance_m: Option<S<f32>>,
    #[serde(default)]
    pub width_px: Option<S<u32>>,
    #[serde(default)]
    pub height_px: Option<S<u32>>,
    /// Extension: pixels kept free of copy on every side (platform overlays).
    #[serde(default)]
    pub safe_px: Option<S<u32>>,
    /// Extension: roadside default for placements of this format.
    #[serde(default)]
    pub roadside: Option<S<bool>>,
    /// Extension: raster file type for social/screen formats, `png` or `jpeg`.
    #[serde(default)]
    pub file: Option<S<String>>,
    /// Extension: largest file the platform accepts, in bytes.
    #[serde(default)]
    pub max_bytes: Option<S<u64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintModel {
    /// ICC output profile (CMYK) for PDF/X-4; relative to the campaign file.
    #[serde(default)]
    pub output_profile: Option<S<String>>,
    /// Crop marks on print PDFs (default true).
    #[serde(default)]
    pub crop_marks: Option<S<bool>>,
    /// Working days (Mon–Fri) before each posting date that copies are due (default 10).
    #[serde(default)]
    pub supply_working_days: Option<S<u32>>,
    /// `changes` (default) or `weekly`; checked in `validate` so the error is located.
    #[serde(default)]
    pub reposting: Option<S<String>>,
}

/// `spares:` as written: a count, or a text such as `"10%"` (checked in `validate`, so an error
/// points at it).
#[derive(Debug, Clone)]
pub enum SparesModel {
    Count(u64),
    Text(String),
}

impl<'de> Deserialize<'de> for SparesModel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SparesModel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a percent such as \"10%\" or a count such as 3")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SparesModel, E> {
                Ok(SparesModel::Count(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SparesModel, E> {
                Ok(SparesModel::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A text that is either one string or a map of language tag → string.
#[derive(Debug, Clone)]
pub enum TextModel {
    One(String),
    ByLanguage(Vec<(S<String>, S<String>)>),
}

impl<'de> Deserialize<'de> for TextModel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextModel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a map of language tag to text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextModel, E> {
                Ok(TextModel::One(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextModel, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<S<String>>()? {
                    let v = map.next_value::<S<String>>()?;
                    out.push((k, v));
                }
                Ok(TextModel::ByLanguage(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// `"#RRGGBB"` or `{cmyk: [C, M, Y, K]}` (percent). The hex form and the 0–100 range are
/// checked in `validate`, so that an error points at the component that is out of range.
#[derive(Debug, Clone)]
pub enum ColourModel {
    Hex(String),
    Cmyk(Box<[S<f32>; 4]>),
}

impl<'de> Deserialize<'de> for ColourModel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ColourModel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour: \"#RRGGBB\" or {cmyk: [C, M, Y, K]}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ColourModel, E> {
                Ok(ColourModel::Hex(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ColourModel, A::Error> {
                let mut cmyk = None;
                while let Some(k) = map.next_key::<String>()? {
                    if k != "cmyk" {
                        return Err(de::Error::unknown_field(&k, &["cmyk"]));
                    }
                    if cmyk.is_some() {
                        return Err(de::Error::duplicate_field("cmyk"));
                    }
                    cmyk = Some(Box::new(map.next_value::<CmykList>()?.0));
                }
                cmyk.map(ColourModel::Cmyk).ok_or_else(|| de::Error::missing_field("cmyk"))
            }
        }
        d.deserialize_any(V)
    }
}

struct CmykList([S<f32>; 4]);
impl<'de> Deserialize<'de> for CmykList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CmykList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("four numbers [C, M, Y, K], each 0 to 100")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CmykList, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element::<S<f32>>()? {
                    v.push(x);
                }
                let n = v.len();
                <[S<f32>; 4]>::try_from(v).map(CmykList).map_err(|_| de::Error::custom(format!("expected four numbers [C, M, Y, K], each 0 to 100; found {n}")))
            }
        }
        d.deserialize_seq(V)
    }
}

/// `qr: auto | on | off`, with `true`/`false` accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrSetting {
    Auto,
    On,
    Off,
}

impl<'de> Deserialize<'de> for QrSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = QrSetting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("auto, on or off")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<QrSetting, E> {
                Ok(if v { QrSetting::On } else { QrSetting::Off })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<QrSetting, E> {
                match v {
                    "auto" => Ok(QrSetting::Auto),
                    "on" | "true" => Ok(QrSetting::On),
                    "off" | "false" => Ok(QrSetting::Off),
                    _ => Err(de::Error::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `image:` as written: a path (or `none`), or a map with the path, focal point, alt text and
/// credit line.
#[derive(Debug)]
pub enum ImageModel {
    Path(String),
    Map(Box<ImageMapModel>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageMapModel {
    pub path: S<String>,
    /// `[x, y]`, each 0 to 1: the point every crop keeps.
    #[serde(default)]
    pub focus: Option<S<Vec<S<f32>>>>,
    #[serde(default)]
    pub alt: Option<S<TextModel>>,
    #[serde(default)]
    pub credit: Option<S<TextModel>>,
}

impl<'de> Deserialize<'de> for ImageModel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ImageModel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a path to a PNG, JPEG or WebP photo, `none`, or a map with path, focus, alt and credit")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ImageModel, E> {
                Ok(ImageModel::Path(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ImageModel, A::Error> {
                ImageMapModel::deserialize(de::value::MapAccessDeserializer::new(map)).map(|m| ImageModel::Map(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}
