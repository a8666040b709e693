use leptos::prelude::*;
use scalingo_api::{
    full_message, variable_name_errors, variable_value_errors, NewVariable, Variable,
    MAX_VARIABLE_NAME_LEN, MAX_VARIABLE_VALUE_LEN,
};

use super::{field_errors, on_success, write_failure, Write};
use crate::{
    api::use_app_api,
    logic::env_query::value_size,
    ui::{Button, ButtonVariant, Dialog, FieldErrors, FormShell},
};

/// Adds a variable, or changes the value of one (`editing`): the name is
/// checked while it is typed, with the API's rules; what the API refuses
/// shows beside its field, and what was typed stays.
#[component]
pub fn VariableForm(
    open: RwSignal<bool>,
    /// The variable whose value changes; a new one when `None`.
    editing: Option<Variable>,
    /// Names the app already has, so that adding one says to edit it.
    existing: Vec<String>,
    on_saved: Callback<Variable>,
) -> impl IntoView {
    let api = use_app_api();
    let id = editing.as_ref().map(|v| v.id.clone());
    let is_new = id.is_none();
    let name = RwSignal::new(editing.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let value = RwSignal::new(
        editing
            .as_ref()
            .and_then(|v| v.value.clone())
            .unwrap_or_default(),
    );
    let name_touched = RwSignal::new(false);
    let tried = RwSignal::new(false);

    let save: Write<(String, String), Variable> =
        Action::new_local(move |(name, value): &(String, String)| {
            let (api, id, name, value) = (api.clone(), id.clone(), name.clone(), value.clone());
            async move {
                match id {
                    Some(id) => api.update_variable(&id, value).await,
                    None => api.create_variable(NewVariable { name, value }).await,
                }
            }
        });
    let failure = write_failure(save, &["name", "value"]);
    on_success(save, move |saved| {
        open.set(false);
        on_saved.run(saved);
    });

    let name_messages = Memo::new(move |_| {
        if !is_new || !(name_touched.get() || tried.get()) {
            return Vec::new();
        }
        let typed = name.get();
        let mut messages: Vec<String> = variable_name_errors(&typed)
            .iter()
            .map(|rule| full_message("name", rule))
            .collect();
        if existing.contains(&typed) {
            messages.push(format!(
                "{typed} is already set: edit it in the list instead."
            ));
        }
        messages.extend(field_errors(failure, "name").get());
        messages
    });
    let value_messages = Memo::new(move |_| {
        let typed = value.get();
        let mut messages: Vec<String> = variable_value_errors(&typed)
            .iter()
            .filter(|rule| tried.get() || rule.starts_with("is too long"))
            .map(|rule| full_message("value", rule))
            .collect();
        messages.extend(field_errors(failure, "value").get());
        messages
    });
    let submit = Callback::new(move |()| {
        tried.set(true);
        if !name_messages.get_untracked().is_empty() || !value_messages.get_untracked().is_empty() {
            return;
        }
        save.dispatch((name.get_untracked(), value.get_untracked()));
    });
    let title = if is_new {
        "Add a variable".to_owned()
    } else {
        format!("Edit {}", name.get_untracked())
    };
    view! {
        <Dialog open title id="variable-form">
            <FormShell
                on_submit=submit
                action=if is_new { "Add variable" } else { "Save value" }
                sending_label="Saving…"
                pending=save.pending()
                error=failure
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <div class="field">
                    <label for="variable-name" class="field__label">"Name"</label>
                    <input
                        id="variable-name"
                        class="input mono"
                        autocomplete="off"
                        spellcheck="false"
                        maxlength=MAX_VARIABLE_NAME_LEN + 16
                        readonly=!is_new
                        aria-invalid=move || (!name_messages.get().is_empty()).to_string()
                        aria-describedby="variable-name-help variable-name-errors"
                        prop:value=name
                        on:input=move |ev| {
                            name.set(event_target_value(&ev));
                            name_touched.set(true);
                        }
                    />
                    <p id="variable-name-help" class="field__help">
                        {if is_new {
                            format!("Up to {MAX_VARIABLE_NAME_LEN} letters, digits and underscores, starting with a letter.")
                        } else {
                            "A name cannot change: to rename, add a variable with the new name and delete this one.".to_owned()
                        }}
                    </p>
                    <FieldErrors id="variable-name-errors" messages=name_messages live=true />
                </div>
                <div class="field">
                    <label for="variable-value" class="field__label">"Value"</label>
                    <textarea
                        id="variable-value"
                        class="input mono variable-form__value"
                        rows=move || value.with(|v| v.lines().count().clamp(3, 16)).to_string()
                        spellcheck="false"
                        aria-invalid=move || (!value_messages.get().is_empty()).to_string()
                        aria-describedby="variable-value-help variable-value-errors"
                        prop:value=value
                        on:input=move |ev| value.set(event_target_value(&ev))
                    ></textarea>
                    <p id="variable-value-help" class="field__help">
                        {move || format!("{} (at most {MAX_VARIABLE_VALUE_LEN}). $OTHER makes this an alias of the variable OTHER.", value.with(|v| value_size(v)))}
                    </p>
                    <FieldErrors id="variable-value-errors" messages=value_messages live=true />
                </div>
            </FormShell>
        </Dialog>
    }
}
