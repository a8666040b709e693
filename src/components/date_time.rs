use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::logic::time::{parse_rfc3339_ms, relative_time};

/// Milliseconds since the epoch, from the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

thread_local! {
    /// Making a formatter costs about a millisecond: made once, it lets a
    /// list of dates be drawn within a frame.
    static LOCAL_DATE: js_sys::Intl::DateTimeFormat = {
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "long")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options)
    };
}

/// An absolute date in the user's locale and time zone, e.g.
/// "2 Mar 2024, 11:10:00 CET".
pub fn local_date(ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    LOCAL_DATE
        .with(|format| format.format().call1(format, &date).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| String::from(date.to_iso_string()))
}

/// A date from the API: relative ("3 hours ago"), with the exact local date
/// on hover and in the `datetime` attribute. Unreadable dates are shown as
/// sent; missing ones as `fallback`.
#[component]
pub fn DateTime(
    /// The date as the API sent it.
    value: Option<String>,
    /// Shown when there is no date.
    #[prop(into, default = "—".to_owned())]
    fallback: String,
) -> impl IntoView {
    let Some(text) = value.filter(|v| !v.trim().is_empty()) else {
        return view! { <span class="muted">{fallback}</span> }.into_any();
    };
    match parse_rfc3339_ms(&text) {
        Some(ms) => {
            let exact = local_date(ms);
            view! {
                <time datetime=text title=exact.clone() aria-label=exact>
                    {relative_time(ms, now_ms())}
                </time>
            }
            .into_any()
        }
        None => view! { <span>{text}</span> }.into_any(),
    }
}
