//! Short links (`contact.short_link`): `redirects.csv` maps every code the assets carry to the
//! full tracked link (code, short link, target, the assets that carry it), and
//! `redirects.nginx.conf` is the same map ready to include in the short-link host's nginx
//! `server { }` block. Written only when the campaign has a short link.
//!
//! The redirects are temporary (302): a browser caches a permanent one for good, so a target
//! corrected after the posters went up would never reach the phones that scanned before.

use super::OutFile;
use super::csv::csv_record;
use crate::plan::{Plan, Redirect};
use std::collections::BTreeMap;

/// Every code once, in code order, with the assets that carry it.
pub struct Redirects {
    pub campaign_id: String,
    pub rows: Vec<(Redirect, Vec<String>)>,
}

/// From the plan's campaign-wide list, not its selected assets: a filtered run (`--only`,
/// `--message`) maps every code of the campaign, as a full run does.
pub fn redirects(plan: &Plan) -> Redirects {
    let mut by_code: BTreeMap<&str, (Redirect, Vec<String>)> = BTreeMap::new();
    for (key, r) in &plan.redirects {
        by_code.entry(&r.code).or_insert_with(|| (r.clone(), Vec::new())).1.push(key.clone());
    }
    Redirects { campaign_id: plan.campaign_id.clone(), rows: by_code.into_values().collect() }
}

impl Redirects {
    pub fn to_csv(&self) -> String {
        let mut s = csv_record(&["code", "short_link", "target", "assets"]);
        for (r, assets) in &self.rows {
            s.push_str(&csv_record(&[&r.code, &r.short, &r.target, &assets.join(" ")]));
        }
        s
    }

    /// One exact-match `location` per code. `$` (a variable in nginx strings) and `"` are
    /// percent-encoded, which a URL reads the same; the path is the short link's own.
    pub fn to_nginx(&self) -> String {
        let host = self.rows.first().and_then(|(r, _)| url::Url::parse(&r.short).ok()).and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
        let mut s = format!(
            "# Short links for campaign {}, made by billposter: include inside the server {{ }} block for {host}.\n# 302 (temporary): a target corrected later still reaches phones that scanned before.\n",
            self.campaign_id
        );
        for (r, _) in &self.rows {
            let path = url::Url::parse(&r.short).map(|u| u.path().to_string()).unwrap_or_default();
            let target = r.target.replace('$', "%24").replace('"', "%22");
            s.push_str(&format!("location = {path} {{ return 302 \"{target}\"; }}\n"));
        }
        s
    }

    pub fn files(&self) -> Vec<OutFile> {
        if self.rows.is_empty() {
            return Vec::new();
        }
        vec![
            OutFile { rel: "redirects.csv".into(), bytes: self.to_csv().into_bytes() },
            OutFile { rel: "redirects.nginx.conf".into(), bytes: self.to_nginx().into_bytes() },
        ]
    }
}
