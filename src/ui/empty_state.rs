use leptos::prelude::*;

/// What a view shows when there is nothing to show, and what to do about it.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into, optional)] text: String,
    /// Actions, e.g. a "create" or "clear filter" button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state" role="status">
            <p class="empty-state__title">{title}</p>
            {(!text.is_empty()).then(|| view! { <p class="empty-state__text">{text}</p> })}
            {children.map(|children| view! { <div class="empty-state__actions">{children()}</div> })}
        </div>
    }
}
