//! Following an element's size as layout changes it (window resizes, a
//! panel opening, fonts loading), with a `ResizeObserver`.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Calls `on_size(width, height)` with the content box of `element` now and
/// whenever it changes, until the current reactive owner is cleaned up.
pub fn observe_size(element: &web_sys::Element, on_size: impl Fn(f64, f64) + 'static) {
    let on_size = Rc::new(on_size);
    let report = on_size.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
            let rect = entry.content_rect();
            report(rect.width(), rect.height());
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        // Without a ResizeObserver: the size now, at least.
        let rect = element.get_bounding_client_rect();
        on_size(rect.width(), rect.height());
        return;
    };
    observer.observe(element);
    let held = send_wrapper::SendWrapper::new((observer, callback));
    on_cleanup(move || held.0.disconnect());
}
