//! What every write of the app page does with its outcome: an API error as
//! a form shows it (the 422's messages of the form's own fields beside
//! them, the rest for the form), and what to do once it succeeded.

use leptos::prelude::*;

use crate::{
    api::ApiError,
    logic::form_errors::{field_messages, other_messages},
    ui::FormError,
};

/// A write of the page: a Leptos action answering the API's result.
pub type Write<I, O> = Action<I, Result<O, ApiError>>;

/// `error` for a form whose fields are `fields` (the API's names).
pub fn form_error(error: &ApiError, fields: &[&str]) -> FormError {
    match error {
        ApiError::Http {
            status: 422, body, ..
        } => FormError {
            message: other_messages(body, fields),
            fields: fields
                .iter()
                .map(|field| ((*field).to_owned(), field_messages(body, field)))
                .filter(|(_, messages)| !messages.is_empty())
                .collect(),
        },
        other => FormError {
            message: Some(other.to_string()),
            fields: Vec::new(),
        },
    }
}

/// The failure of the last `write`, as its form shows it; none while the
/// write is sent again.
pub fn write_failure<I, O>(
    write: Write<I, O>,
    fields: &'static [&'static str],
) -> Memo<Option<FormError>>
where
    I: 'static,
    O: 'static,
{
    let pending = write.pending();
    Memo::new(move |_| {
        if pending.get() {
            return None;
        }
        write.value().with(|value| match value {
            Some(Err(error)) => Some(form_error(error, fields)),
            _ => None,
        })
    })
}

/// Runs `done` once for each success of `write`, with what it answered.
pub fn on_success<I, O>(write: Write<I, O>, done: impl Fn(O) + 'static)
where
    I: 'static,
    O: Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(answer)) = write.value().get() {
            done(answer);
        }
    });
}

/// The messages of `field` in the last failure, for the field to show.
pub fn field_errors(failure: Memo<Option<FormError>>, field: &'static str) -> Signal<Vec<String>> {
    Signal::derive(move || failure.with(|f| f.as_ref().map(|f| f.field(field)).unwrap_or_default()))
}

/// The messages a field shows: the rules its value breaks (`problems`,
/// checked in the browser with the API's own rules, as full sentences)
/// once `shown` says so (after a first try to send, say), then what the
/// API answered for it.
pub fn rule_messages(
    problems: Memo<scalingo_api::FieldErrors>,
    shown: impl Fn() -> bool + Send + Sync + 'static,
    failure: Memo<Option<FormError>>,
    field: &'static str,
) -> Signal<Vec<String>> {
    Signal::derive(move || {
        let mut messages: Vec<String> = if shown() {
            problems.with(|p| {
                p.get(field)
                    .map(|list| {
                        list.iter()
                            .map(|m| scalingo_api::full_message(field, m))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        } else {
            Vec::new()
        };
        messages.extend(field_errors(failure, field).get());
        messages
    })
}
