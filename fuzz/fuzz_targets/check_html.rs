//! The whole check of one document read as html: no panic, and every span, line, column and fix
//! what it must be for any text.
#![no_main]

use copydesk::markup::Format;
use libfuzzer_sys::fuzz_target;

mod document;

fuzz_target!(|data: &[u8]| document::check(data, Format::Html));
