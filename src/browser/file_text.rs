//! Reading a file the user picked as text.

use wasm_bindgen::JsCast;

/// The first file picked in the `<input type="file">` of `event`, as
/// text, or why it could not be read; `None` when nothing was picked.
pub async fn picked_file_text(event: &web_sys::Event) -> Option<Result<(String, String), String>> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    // Picking the same file again must fire `change` again.
    input.set_value("");
    let name = file.name();
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    Some(match text.ok().and_then(|t| t.as_string()) {
        Some(text) => Ok((name, text)),
        None => Err(format!("{name} could not be read as text.")),
    })
}
