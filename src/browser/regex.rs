//! Search with the browser's own regular expressions (no regex engine in
//! the WebAssembly).
//!
//! A JavaScript exception that reaches Rust unhandled kills the page, and
//! `RegExp` throws in two places: at construction (bad syntax) and, in V8,
//! at the first `exec` of a pattern too large to compile ("Regular
//! expression too large"). Both are caught here and become messages.

use js_sys::RegExp;
use wasm_bindgen::{prelude::wasm_bindgen, JsCast, JsValue};

use crate::logic::log_view::Matcher;

#[wasm_bindgen]
extern "C" {
    /// A `RegExp` seen through a binding that catches.
    #[wasm_bindgen(js_name = RegExp)]
    type CatchingRegExp;

    /// `RegExp.prototype.exec`, with its exceptions as `Err`.
    #[wasm_bindgen(method, catch, js_name = exec)]
    fn exec(this: &CatchingRegExp, text: &str) -> Result<JsValue, JsValue>;
}

/// `regex.exec(text)`, an exception becoming `Err`.
fn try_exec(regex: &RegExp, text: &str) -> Result<JsValue, JsValue> {
    regex.unchecked_ref::<CatchingRegExp>().exec(text)
}

/// The message of a JavaScript exception.
fn message_of(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "invalid regular expression".to_owned())
}

/// A case-insensitive regular expression search.
pub struct RegexMatcher {
    regex: RegExp,
}

impl RegexMatcher {
    /// Compiles `pattern`, or says why it cannot be used.
    pub fn new(pattern: &str) -> Result<Self, String> {
        // `new RegExp` throws on invalid syntax: construct it through
        // `Reflect`, which turns the exception into an `Err`.
        let constructor: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"RegExp".into())
                .map_err(|_| "regular expressions are not available".to_owned())?
                .unchecked_into();
        let regex: RegExp = js_sys::Reflect::construct(
            &constructor,
            &js_sys::Array::of2(&pattern.into(), &"gi".into()),
        )
        .map_err(|error| message_of(&error))?
        .unchecked_into();
        // V8 compiles the pattern at its first use: use it once now, so
        // that a pattern it cannot compile is refused here, with its
        // message, rather than in the middle of drawing lines.
        try_exec(&regex, "").map_err(|error| message_of(&error))?;
        regex.set_last_index(0);
        Ok(RegexMatcher { regex })
    }
}

/// Byte offset in `text` of a UTF-16 index.
fn byte_offset(text: &str, utf16_index: u32) -> usize {
    let mut units = 0u32;
    for (offset, c) in text.char_indices() {
        if units >= utf16_index {
            return offset;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

impl Matcher for RegexMatcher {
    fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        self.regex.set_last_index(0);
        // An exception here (it should not happen after `new`) ends the
        // search of this line with what was found.
        while let Ok(result) = try_exec(&self.regex, text) {
            if result.is_null() {
                break;
            }
            let result: js_sys::Array = result.unchecked_into();
            let index = js_sys::Reflect::get(&result, &"index".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as u32;
            let matched = result.get(0).as_string().unwrap_or_default();
            let length = matched.encode_utf16().count() as u32;
            let start = byte_offset(text, index);
            let end = byte_offset(text, index + length);
            if length == 0 {
                // An empty match would loop forever; step over it.
                self.regex.set_last_index(index + 1);
                if index as usize >= text.len() {
                    break;
                }
                continue;
            }
            found.push((start, end));
            if found.len() >= 1_000 {
                break;
            }
        }
        found
    }
}
