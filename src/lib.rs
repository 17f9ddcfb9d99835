//! copydesk: an editorial quality linter for news copy.
//!
//! Data flow: path → [`source::Source`] → [`markup`] (prose and blocks, offsets kept) →
//! [`document::Document`] (paragraphs, sentences, tokens as byte spans) → [`checks`] (one kind per
//! file, configured by rule files) → sorted [`diagnostic::Diagnostic`]s → [`render`]. The library
//! never prints: [`app`] returns what the binary writes.

// `InputError` carries the file text for rendering its position: large, but only ever built on the
// cold path of a broken input, where boxing would add noise for no measurable gain.
#![allow(clippy::result_large_err)]
// The library never prints: it returns values, or writes to the handles it is given.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod baseline;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod docs;
pub mod document;
pub mod engine;
pub mod error;
pub mod examples;
pub mod explain;
pub mod fix;
pub mod guard;
pub mod init;
pub mod locale;
pub mod markup;
pub mod params;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod rule;
pub mod ruleset;
pub mod run;
pub mod sentences;
pub mod server;
pub mod source;
pub mod span;
pub mod suggest;
pub mod suppress;
