//! The files a campaign file names (fonts, logo and its light version, photographs, output
//! profile), read from the parsed file without validating it: `watch` watches them, and must
//! know them even when the campaign does not load (a photo it names is missing until the user
//! saves it). Paths resolve as `validate` resolves them: relative to the campaign's folder.
//! A new key holding a path belongs here too.

use super::input::{MAX_CAMPAIGN_BYTES, read_bounded};
use super::model::{FileModel, ImageModel, LogoModel};
use super::parse::parse;
use std::path::{Path, PathBuf};

/// What `watch` needs from a campaign file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// `campaign.id`: names the output folder, `OUT/<id>/`.
    pub id: String,
    /// Every file the campaign names, joined to its folder, in file order, each once.
    pub files: Vec<PathBuf>,
}

/// `None` when the file cannot be read or parsed (the caller keeps what it knew).
pub fn named_files(campaign: &Path) -> Option<Named> {
    let model = parse(&read_bounded(campaign, MAX_CAMPAIGN_BYTES).ok()?).ok()?;
    let dir = campaign.parent().unwrap_or(Path::new(""));
    let mut files: Vec<PathBuf> = Vec::new();
    for rel in relative_paths(&model) {
        let p = dir.join(rel);
        if !files.contains(&p) {
            files.push(p);
        }
    }
    Some(Named { id: model.campaign.value.id.value.clone(), files })
}

fn relative_paths(m: &FileModel) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    if let Some(b) = &m.brand {
        if let Some(f) = &b.value.fonts {
            let f = &f.value;
            out.extend(f.headline.iter().chain(&f.body).map(|s| s.value.as_str()));
            out.extend(f.fallback.iter().flat_map(|l| l.value.iter().map(|s| s.value.as_str())));
        }
        match b.value.logo.as_ref().map(|l| &l.value) {
            Some(LogoModel::Path(p)) => out.push(p),
            Some(LogoModel::Map(l)) => out.extend(std::iter::once(l.path.value.as_str()).chain(l.on_light.iter().map(|s| s.value.as_str()))),
            None => {}
        }
    }
    out.extend(m.image.as_ref().and_then(|i| image(&i.value)));
    out.extend(m.messages.value.iter().filter_map(|msg| msg.value.image.as_ref()).filter_map(|i| image(&i.value)));
    out.extend(m.print.as_ref().and_then(|p| p.value.output_profile.as_ref()).map(|s| s.value.as_str()));
    out
}

/// An `image:`'s path; none for `image: none`.
fn image(i: &ImageModel) -> Option<&str> {
    match i {
        ImageModel::Path(p) if p.trim() == "none" => None,
        ImageModel::Path(p) => Some(p),
        ImageModel::Map(m) => Some(&m.path.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_key_is_named_once_relative_to_the_campaign() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.yaml");
        let yaml = "version: 1
campaign: {id: named, name: N, organisation: O, start: 2024-01-01, weeks: 1}
brand:
  fonts: {headline: fonts/h.ttf, body: fonts/b.ttf, fallback: [fonts/cjk.otf]}
  logo: {path: logos/dark.png, on_light: logos/light.png}
contact: {helpline: \"0808 1000 900\", website: example.org, link: \"https://example.org/\"}
image: photos/a.jpg
messages:
  - {id: a, headline: A, image: {path: photos/b.jpg}}
  - {id: b, headline: B, image: none}
  - {id: c, headline: C, image: photos/a.jpg}
placements: [{format: x-post}]
print: {output_profile: ../profiles/coated.icc}
";
        std::fs::write(&path, yaml).unwrap();
        let n = named_files(&path).expect("parses");
        assert_eq!(n.id, "named");
        let rel: Vec<String> = n.files.iter().map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(
            rel,
            ["fonts/h.ttf", "fonts/b.ttf", "fonts/cjk.otf", "logos/dark.png", "logos/light.png", "photos/a.jpg", "photos/b.jpg", "../profiles/coated.icc"]
        );
        std::fs::write(&path, "version: [").unwrap();
        assert_eq!(named_files(&path), None, "unparsable: nothing known");
    }
}
