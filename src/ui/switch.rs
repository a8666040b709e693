use leptos::prelude::*;

/// An on/off switch (`role="switch"`), operable with Space and Enter as a
/// button is.
#[component]
pub fn Switch(
    /// The accessible name and the visible label.
    #[prop(into)]
    label: String,
    /// A line under the label saying what the setting does.
    #[prop(into, optional)]
    description: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
    /// Called with the requested new state.
    on_toggle: Callback<bool>,
) -> impl IntoView {
    let description_id = format!("switch-{}", label.to_lowercase().replace(' ', "-"));
    let has_description = !description.is_empty();
    view! {
        <div class="switch-row">
            <div class="switch-row__text">
                <span class="switch-row__label">{label.clone()}</span>
                {has_description
                    .then(|| view! { <span id=description_id.clone() class="switch-row__description">{description}</span> })}
            </div>
            <button
                type="button"
                role="switch"
                class="switch"
                aria-label=label
                aria-describedby=has_description.then_some(description_id)
                aria-checked=move || checked.get().to_string()
                disabled=move || disabled.get()
                on:click=move |_| on_toggle.run(!checked.get_untracked())
            >
                <span class="switch__thumb" aria-hidden="true"></span>
            </button>
        </div>
    }
}
