//! The dataset version: the date of the newest claim and a content hash (SHA-256 over the
//! layers file's bytes, the border's vertices and pre-tagged stretches, and the places), so a
//! published map names the data it was made from and a story file can pin it. No I/O.

use sha2::{Digest, Sha256};

use crate::dataset::Dataset;
use crate::date::Date;

/// Hex digits of the hash kept in [`DatasetVersion::text`].
pub const SHORT_HASH: usize = 12;

/// What a dataset is, as of which claim, with which content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DatasetVersion {
    /// The date of the newest claim (intervals, claims with no stretch, dated pre-tagged
    /// stretches); `None` without dated claims.
    pub newest: Option<Date>,
    /// SHA-256 of the content, lowercase hex (64 digits).
    pub sha256: String,
}

impl DatasetVersion {
    /// The version as one word: `NEWEST.HASH` (`2026-03-11.1a2b3c4d5e6f`: the newest claim's
    /// date, then the first [`SHORT_HASH`] hex digits of the hash); `undated.HASH` without a
    /// dated claim. What a story file's `dataset_version` pins.
    pub fn text(&self) -> String {
        let date = self
            .newest
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        format!(
            "{date}.{}",
            self.sha256.get(..SHORT_HASH).unwrap_or(&self.sha256)
        )
    }
}

/// The version of `ds`.
pub fn of(ds: &Dataset) -> DatasetVersion {
    let mut h = Sha256::new();
    h.update(b"bordermap dataset v1\0layers\0");
    let newest_tag = ds
        .border
        .tags
        .iter()
        .filter_map(|t| t.as_of.as_deref().and_then(|d| Date::parse(d).ok()));
    let newest = match &ds.layers {
        Some(l) => {
            h.update(l.sha256.as_bytes());
            l.layers
                .iter()
                .flat_map(|x| {
                    x.intervals
                        .iter()
                        .map(|i| i.as_of)
                        .chain(x.unplaced.iter().map(|u| u.as_of))
                })
                .chain(newest_tag)
                .max()
        }
        None => newest_tag.max(),
    };
    h.update(b"\0border\0");
    for part in ds.border.border.parts() {
        h.update(b"part");
        for c in part.coords() {
            h.update(c.x.to_le_bytes());
            h.update(c.y.to_le_bytes());
        }
    }
    h.update(format!("{:?}", ds.border.tags).as_bytes());
    h.update(b"\0places\0");
    for p in &ds.places {
        h.update(format!("{:?}", p).as_bytes());
    }
    DatasetVersion {
        newest,
        sha256: hex(&h.finalize()),
    }
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The warning for a story file made with dataset version `pinned` when the data is now
/// `current` (`None` when they are the same).
pub fn changed_since(pinned: &str, current: &DatasetVersion) -> Option<String> {
    let now = current.text();
    (pinned != now).then(|| {
        format!(
            "the data changed since this story was made: it pins dataset version {pinned}, the data is now {now}; check the map, then pin the new version"
        )
    })
}
