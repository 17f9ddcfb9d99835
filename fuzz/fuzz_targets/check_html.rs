//! The whole check of one document read as html: no panic, and every span, line, column and fix
//! what it must be for any text.
#![no_main]

use copydesk::markup::Format;
use libfuzzer_sys::fuzz_target;

mod document;

// The engines are built before the first input, so that their setup never counts as a timeout.
fuzz_target!(init: document::engines(), |data: &[u8]| document::check(
    data,
    Format::Html
));
