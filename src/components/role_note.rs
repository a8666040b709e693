use leptos::prelude::*;

/// What a limited collaborator is told on a page whose changes their role
/// does not allow (the API would refuse them): shown once the role is
/// known.
#[component]
pub fn RoleNote(
    #[prop(into)] limited: Signal<bool>,
    /// What the page manages, e.g. "addons".
    what: &'static str,
) -> impl IntoView {
    move || {
        limited.get().then(|| {
            view! {
                <p class="notice notice--info" role="note">
                    {format!("Your role on this app (limited collaborator) shows its {what} as they are: changing them is for the owner and full collaborators.")}
                </p>
            }
        })
    }
}
