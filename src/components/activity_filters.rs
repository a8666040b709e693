use leptos::prelude::*;

use crate::logic::{activity::KINDS, activity_query::ActivityQuery};

/// Toggle buttons for the kinds of events shown (all when none is on).
#[component]
pub fn ActivityFilters(
    query: Memo<ActivityQuery>,
    on_change: Callback<ActivityQuery>,
) -> impl IntoView {
    let buttons = KINDS
        .iter()
        .map(|(kind, label)| {
            let kind = *kind;
            view! {
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || query.with(|q| q.kinds.iter().any(|k| k == kind)).to_string()
                    on:click=move |_| on_change.run(query.with_untracked(|q| q.toggled(kind)))
                >
                    {*label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="chips" role="group" aria-label="Kinds of events">
            {buttons}
        </div>
    }
}
