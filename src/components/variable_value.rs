use leptos::prelude::*;
use scalingo_api::Variable;

use crate::logic::{env_diff::masked, env_query::value_size};

/// A variable's value in the list: dots until revealed, an alias said as
/// such (with the value it stands for when the page resolves aliases), and
/// the size of long or multi-line values. Shown as text, never as markup.
#[component]
pub fn VariableValue(
    variable: Variable,
    #[prop(into)] revealed: Signal<bool>,
    /// The alias's value, when aliases are shown resolved.
    #[prop(into)]
    resolved: Signal<Option<String>>,
) -> impl IntoView {
    let Some(value) = variable.value.clone() else {
        return view! { <span class="muted">"Hidden by your role"</span> }.into_any();
    };
    let multi_line = value.contains('\n');
    let long = value.chars().count() > 120 || multi_line;
    let size = long.then(|| value_size(&value));
    let shown = {
        let value = value.clone();
        move || {
            if revealed.get() {
                value.clone()
            } else {
                masked(&value)
            }
        }
    };
    let alias_line = variable.alias_of().map(|target| {
        let target = target.to_owned();
        view! {
            <span class="variable__alias">
                <span class="badge badge--info">"alias"</span>
                {format!(" of {target}")}
                {move || {
                    resolved
                        .get()
                        .map(|value| {
                            let text = if revealed.get() { value } else { masked(&value) };
                            view! { <span class="variable__resolved">" = " {text}</span> }
                        })
                }}
            </span>
        }
    });
    view! {
        <div class="variable__value">
            {alias_line}
            {(variable.alias_of().is_none()).then(|| {
                view! {
                    <span class="mono variable__text" class:variable__text--long=long>
                        {shown}
                    </span>
                }
            })}
            {size.map(|size| view! { <span class="variable__size">{size}</span> })}
        </div>
    }
    .into_any()
}
