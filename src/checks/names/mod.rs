//! The `names` kind: one person or place spelled two ways, in one article or across the checked files.

pub mod translit;
