//! Search with the browser's own regular expressions (no regex engine in
//! the WebAssembly).

use js_sys::RegExp;
use wasm_bindgen::JsCast;

use crate::logic::log_view::Matcher;

/// A case-insensitive regular expression search.
pub struct RegexMatcher {
    regex: RegExp,
}

impl RegexMatcher {
    /// Compiles `pattern`, or says why it is not a valid expression.
    pub fn new(pattern: &str) -> Result<Self, String> {
        // `new RegExp` throws on invalid syntax: construct it through
        // `Reflect`, which turns the exception into an `Err`.
        let constructor: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"RegExp".into())
                .map_err(|_| "regular expressions are not available".to_owned())?
                .unchecked_into();
        match js_sys::Reflect::construct(
            &constructor,
            &js_sys::Array::of2(&pattern.into(), &"gi".into()),
        ) {
            Ok(value) => Ok(RegexMatcher {
                regex: value.unchecked_into(),
            }),
            Err(error) => Err(error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "invalid regular expression".to_owned())),
        }
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
        while let Some(result) = self.regex.exec(text) {
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
