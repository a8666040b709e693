//! The hostile demo's oddities that only exist on the wire: `javascript:`
//! URLs where the platform builds URLs, unknown enum values where the
//! simulator's logic needs known ones, missing fields, wrong types and deep
//! nesting. Applied to the JSON responses of the probe apps by a layer
//! around the regional API (`layers::hostile_wire`; see the module
//! documentation of `hostile` for what each one gets), whatever the
//! request's method: a client meets them wherever it reads those objects.
//! Here they are plain changes to a JSON value.

use serde_json::{json, Map, Value};

use super::{
    is_probe,
    payloads::{deeply_nested, JAVASCRIPT_URL, NESTING_DEPTH, POP_DIRECTION, RTL_OVERRIDE},
    DEEP_JSON, QUANTUM_STATE, RTL_PROBE, XSS_PROBE,
};

/// What a request path is about, as far as patching goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// `/v1/apps`: every probe in the list.
    List,
    /// `/v1/apps/:app[/<what>]`, with `what` empty for the app itself.
    App { ident: &'a str, what: &'a str },
}

/// What `path` (of the regional API, without a region prefix) is about;
/// `None` when it is not about apps.
pub fn target(path: &str) -> Option<Target<'_>> {
    let rest = path.strip_prefix("/v1/apps")?;
    if rest.is_empty() || rest == "/" {
        return Some(Target::List);
    }
    let rest = rest.strip_prefix('/')?;
    let (ident, what) = rest.split_once('/').unwrap_or((rest, ""));
    Some(Target::App { ident, what })
}

impl<'a> Target<'a> {
    /// The app a target is about (a name or an id, as in the path), or
    /// `None` for the list.
    pub fn app(&self) -> Option<&'a str> {
        match self {
            Target::List => None,
            Target::App { ident, .. } => Some(ident),
        }
    }
}

/// Gives `value`, the JSON body of a successful response to `target`, the
/// oddities of the probes it shows: every probe of a list, or the probe
/// named `probe` for a response about one app (nothing when the app is not
/// a probe).
pub fn patch(target: &Target<'_>, probe: Option<&str>, value: &mut Value) {
    match (target, probe) {
        (Target::List, _) => patch_list(value),
        (Target::App { what, .. }, Some(name)) if is_probe(name) => patch_about(name, what, value),
        (Target::App { .. }, _) => {}
    }
}

fn patch_list(value: &mut Value) {
    let Some(apps) = value.get_mut("apps").and_then(Value::as_array_mut) else {
        return;
    };
    for app in apps {
        let name = app["name"].as_str().unwrap_or_default().to_owned();
        if is_probe(&name) {
            patch_app(&name, app, false);
        }
    }
}

/// A response about one probe app: the app itself, its `ps`, its
/// formation, an operation, its logs URL.
fn patch_about(name: &str, what: &str, value: &mut Value) {
    if let Some(app) = value.get_mut("app") {
        patch_app(name, app, what.is_empty());
    }
    if what == "ps" {
        for container in items(value, "containers") {
            patch_container(name, container);
        }
    }
    if what == "containers" && name == DEEP_JSON {
        for container_type in items(value, "containers") {
            if let Some(amount) = container_type.get("amount").and_then(Value::as_u64) {
                container_type["amount"] = json!(amount.to_string());
            }
        }
    }
    if what.starts_with("operations/") && name == QUANTUM_STATE {
        if let Some(operation) = value.get_mut("operation").and_then(Value::as_object_mut) {
            operation.insert("type".to_owned(), json!("teleport"));
        }
    }
}

fn items<'a>(value: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
    value
        .get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// An app object of probe `name`; `shown`: the app's own page (`GET
/// /v1/apps/:app`), where the deep nesting goes, so that it does not take
/// the whole list down with a client that refuses it.
fn patch_app(name: &str, app: &mut Value, shown: bool) {
    let Some(app) = app.as_object_mut() else {
        return;
    };
    match name {
        XSS_PROBE => {
            for key in ["url", "base_url"] {
                app.insert(key.to_owned(), json!(JAVASCRIPT_URL));
            }
            app.insert(
                "git_url".to_owned(),
                json!("javascript:alert(document.domain)//.git"),
            );
            app.insert(
                "links".to_owned(),
                json!({ "deployments_stream": JAVASCRIPT_URL }),
            );
        }
        RTL_PROBE => {
            let url = format!(
                "https://rtl-probe-app.osc-fr1.scalingo.io/{RTL_OVERRIDE}gpj.exe{POP_DIRECTION}"
            );
            app.insert("base_url".to_owned(), json!(url));
        }
        QUANTUM_STATE => {
            app.insert("status".to_owned(), json!("quantum"));
        }
        DEEP_JSON => patch_deep_json_app(app, shown),
        _ => {}
    }
}

fn patch_deep_json_app(app: &mut Map<String, Value>, shown: bool) {
    for missing in [
        "created_at",
        "updated_at",
        "last_deployed_at",
        "links",
        "project",
    ] {
        app.remove(missing);
    }
    if let Some(owner) = app.get_mut("owner").and_then(Value::as_object_mut) {
        owner.remove("email");
    }
    for (key, odd) in [
        ("force_https", json!("yes")),
        ("sticky_session", json!(1)),
        ("flags", json!([])),
        ("limits", json!("none")),
        ("private_networks_ids", json!({ "pn-1": true })),
        ("stack_id", json!(42)),
        ("data_access_consent", json!("none")),
    ] {
        app.insert(key.to_owned(), odd);
    }
    if shown {
        app.insert("x_hostile_nested".to_owned(), deeply_nested(NESTING_DEPTH));
    }
}

fn patch_container(name: &str, container: &mut Value) {
    let Some(container) = container.as_object_mut() else {
        return;
    };
    match name {
        QUANTUM_STATE => {
            container.insert("state".to_owned(), json!("superposed"));
        }
        DEEP_JSON => {
            let index = container
                .get("type_index")
                .and_then(Value::as_u64)
                .unwrap_or(1);
            container.insert("type_index".to_owned(), json!(index.to_string()));
            container.insert("created_at".to_owned(), json!(0));
            container.remove("label");
            let size = container
                .get("container_size")
                .and_then(|s| s.get("name"))
                .cloned()
                .unwrap_or(json!("M"));
            container.insert("container_size".to_owned(), size);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified() {
        assert_eq!(target("/v1/apps"), Some(Target::List));
        assert_eq!(
            target("/v1/apps/deep-json-app"),
            Some(Target::App {
                ident: "deep-json-app",
                what: ""
            })
        );
        assert_eq!(
            target("/v1/apps/x/operations/op-1"),
            Some(Target::App {
                ident: "x",
                what: "operations/op-1"
            })
        );
        assert_eq!(target("/v1/events"), None);
        assert_eq!(target("/v1/appsx"), None);
    }

    #[test]
    fn the_deep_json_app_keeps_parsing_with_the_shared_models() {
        let mut app = json!({
            "id": "1", "name": DEEP_JSON, "force_https": true, "created_at": "2024-01-01T00:00:00.000Z",
            "owner": {"id": "us-1", "username": "ada", "email": "ada@example.com"},
        });
        patch_app(DEEP_JSON, &mut app, false);
        let parsed: scalingo_api::App = serde_json::from_value(app).unwrap();
        assert_eq!(parsed.name, DEEP_JSON);
        assert!(parsed.created_at.is_none());
        assert_eq!(parsed.owner.unwrap().email, "");
    }
}
