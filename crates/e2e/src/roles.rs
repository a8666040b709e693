//! Finding elements as a user does: by their role and their accessible
//! name ("the Apply button", "the New name field"), not by the classes and
//! ids of the page, which a redesign is free to change.

use fantoccini::elements::{Element, ElementRef};
use serde_json::Value;

use crate::{wait_until, Result, Session};

/// Finds, among the visible elements of a role (inside `scope` if given),
/// the first whose accessible name is `name`, else the first whose name
/// contains it (both ignoring case). The accessible name is read as
/// assistive technologies mostly do: `aria-label`, `aria-labelledby`, the
/// `<label>` of a field, else the text.
const FIND_BY_ROLE: &str = r#"
const [role, name, scope] = arguments;
const selectors = {
  button: 'button, [role=button], summary',
  link: 'a[href], [role=link]',
  switch: '[role=switch]',
  checkbox: 'input[type=checkbox], [role=checkbox]',
  combobox: 'select, [role=combobox]',
  textbox: 'input:not([type]), input[type=text], input[type=email], input[type=password], textarea, [role=textbox]',
  searchbox: 'input[type=search], [role=searchbox]',
  spinbutton: 'input[type=number], [role=spinbutton]',
  slider: 'input[type=range], [role=slider]',
  field: 'input:not([type=hidden]), textarea, select',
  tab: '[role=tab]',
  dialog: 'dialog, [role=dialog]',
  heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  alert: '[role=alert]',
  status: '[role=status]',
  row: 'tr, [role=row]',
};
const text = el => (el.textContent || '').replace(/\s+/g, ' ').trim();
const nameOf = el => {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    return by.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean).map(text).join(' ');
  }
  if (el.labels && el.labels.length) return [...el.labels].map(text).join(' ');
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) {
    return el.getAttribute('placeholder') || el.getAttribute('title') || '';
  }
  return text(el) || el.getAttribute('title') || '';
};
const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const root = scope ? document.querySelector(scope) : document;
if (!root) return null;
const all = [...root.querySelectorAll(selectors[role] || `[role=${role}]`)].filter(shown);
const wanted = name.toLowerCase();
return all.find(el => nameOf(el).toLowerCase() === wanted)
  || all.find(el => nameOf(el).toLowerCase().includes(wanted))
  || null;
"#;

impl Session {
    async fn try_role(&self, scope: Option<&str>, role: &str, name: &str) -> Option<Element> {
        let found = self
            .client
            .execute(
                FIND_BY_ROLE,
                vec![
                    role.into(),
                    name.into(),
                    scope.map_or(Value::Null, Value::from),
                ],
            )
            .await
            .ok()?;
        let id = found.as_object()?.values().next()?.as_str()?.to_owned();
        Some(Element::from_element_id(
            self.client.clone(),
            ElementRef::from(id),
        ))
    }

    /// The element of `role` named `name`, once there is one.
    pub async fn by_role(&self, role: &str, name: &str) -> Result<Element> {
        self.by_role_in(None, role, name).await
    }

    /// As [`Session::by_role`], inside the first match of `scope` (CSS).
    pub async fn by_role_in(&self, scope: Option<&str>, role: &str, name: &str) -> Result<Element> {
        let description = match scope {
            Some(scope) => format!("a {role} named “{name}” in `{scope}`"),
            None => format!("a {role} named “{name}”"),
        };
        wait_until(&description, || self.try_role(scope, role, name)).await
    }

    /// Whether an element of `role` named `name` is shown now.
    pub async fn has_role(&self, role: &str, name: &str) -> bool {
        self.try_role(None, role, name).await.is_some()
    }

    /// Waits until no element of `role` named `name` is shown.
    pub async fn wait_role_gone(&self, role: &str, name: &str) -> Result {
        wait_until(&format!("the {role} “{name}” to go"), || async {
            self.try_role(None, role, name)
                .await
                .is_none()
                .then_some(())
        })
        .await
    }

    /// Clicks the button named `name`.
    pub async fn click_button(&self, name: &str) -> Result {
        self.click_role("button", name).await
    }

    /// Clicks the element of `role` named `name`. A list read again between
    /// finding the element and clicking it may have drawn it anew: it is
    /// found again, as a user's eyes would.
    pub async fn click_role(&self, role: &str, name: &str) -> Result {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let element = self.by_role(role, name).await?;
            match self.click_element(element).await {
                Err(error) if attempts < 3 && error.to_string().contains("stale element") => {}
                other => return other,
            }
        }
    }

    /// The form field labelled `label`.
    pub async fn field(&self, label: &str) -> Result<Element> {
        self.by_role("field", label).await
    }

    /// Clears the field labelled `label` and types `text` into it.
    pub async fn fill(&self, label: &str, text: &str) -> Result {
        let field = self.field(label).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Whether the button named `name` is disabled.
    pub async fn button_disabled(&self, name: &str) -> Result<bool> {
        let button = self.by_role("button", name).await?;
        Ok(button.prop("disabled").await?.as_deref() == Some("true"))
    }
}
