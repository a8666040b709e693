//! Component tests: components mounted in a real headless Chromium
//! (wasm-bindgen-test), driven through the DOM as a user would.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::Router;
use scalingo_api::{App, AppStatus, ProjectRef};
use scalingo_dashboard::{
    api::{config::RuntimeConfig, session::Session, ApiClient},
    components::{AppTable, CreateAppDialog},
    logic::app_list::ListQuery,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> Element {
    let document = document();
    let section = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&section).unwrap();
    section
}

fn texts(root: &Element, css: &str) -> Vec<String> {
    let nodes = root.query_selector_all(css).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

/// Polls `condition` until it holds, for at most two seconds.
async fn wait_for(description: &str, condition: impl Fn() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {description}");
}

fn app(name: &str, status: AppStatus, project: &str) -> App {
    App {
        id: format!("id-{name}"),
        name: name.to_owned(),
        status: Some(status),
        project: Some(ProjectRef {
            id: format!("pr-{project}"),
            name: project.to_owned(),
        }),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn app_list_filters_sorts_and_groups() {
    let root = container();
    let query = RwSignal::new(ListQuery::default());
    let apps = vec![
        app("shop-web", AppStatus::Running, "storefront"),
        app("billing", AppStatus::Crashed, "internal"),
        app("shop-api", AppStatus::Stopped, "storefront"),
        app(
            "<script>alert(1)</script>",
            AppStatus::Other("weird".into()),
            "internal",
        ),
    ];
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        let memo = Memo::new(move |_| query.get());
        let noop = Callback::new(|_| ());
        view! {
            <Router>
                <AppTable
                    apps=apps.clone()
                    query=memo
                    on_sort=Callback::new(|_| ())
                    on_clear_filter=noop
                    on_create=noop
                />
            </Router>
        }
    });
    let names = || texts(&root, "tbody th a");
    assert_eq!(
        names(),
        [
            "<script>alert(1)</script>",
            "billing",
            "shop-api",
            "shop-web"
        ]
    );
    // API data is text, never markup.
    assert!(root.query_selector("tbody script").unwrap().is_none());

    query.update(|q| q.filter = "SHOP".into());
    wait_for("the filter", || names() == ["shop-api", "shop-web"]).await;
    assert_eq!(texts(&root, ".app-table__count"), ["2 of 4 apps"]);

    query.update(|q| {
        q.filter.clear();
        q.sort = scalingo_dashboard::logic::app_list::SortKey::Status;
    });
    wait_for("the status order", || {
        names()
            == [
                "billing",
                "shop-web",
                "shop-api",
                "<script>alert(1)</script>",
            ]
    })
    .await;

    // Grouped: one table (its columns line up), a heading row per project.
    query.update(|q| q.group_by_project = true);
    wait_for("the groups", || {
        texts(&root, ".app-table__group th").len() == 2
    })
    .await;
    assert_eq!(
        texts(&root, ".app-table__group th"),
        ["internal · 2 apps", "storefront · 2 apps"]
    );
    assert_eq!(root.query_selector_all("table").unwrap().length(), 1);

    query.update(|q| {
        q.group_by_project = false;
        q.filter = "nothing matches this".into();
    });
    wait_for("the no-match state", || {
        texts(&root, ".empty-state__title") == ["No app matches “nothing matches this”"]
    })
    .await;
}

fn input_value(root: &Element, css: &str, value: &str) {
    let input: HtmlInputElement = root.query_selector(css).unwrap().unwrap().unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn create_dialog_validates_live_and_keeps_the_input() {
    let root = container();
    let config = RuntimeConfig::parse(
        // A port nothing listens on: the API is unreachable in this test.
        r#"{"auth_url":"http://127.0.0.1:9","regions":[{"name":"osc-fr1","api_url":"http://127.0.0.1:9"}]}"#,
        "http://127.0.0.1:9",
    )
    .unwrap();
    let open = RwSignal::new(true);
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        provide_context(ApiClient::new(config.clone(), Session::new()));
        view! { <CreateAppDialog open on_created=Callback::new(|_| ()) /> }
    });
    wait_for("the dialog to open", || {
        root.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let errors = || texts(&root, ".field__errors li");

    // While typing, what is wrong already shows; "too short" waits.
    input_value(&root, "#create-app-name", "My-");
    wait_for("live errors", || errors().len() == 2).await;
    assert_eq!(
        errors(),
        [
            "Name can only contain lowercase letters, digits and hyphens",
            "Name can't end with a hyphen"
        ]
    );
    let input: HtmlInputElement = root
        .query_selector("#create-app-name")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));

    // Submitting an invalid name keeps the dialog and the input.
    let submit: HtmlElement = root
        .query_selector("button[type='submit']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    wait_for("every rule once submitted", || errors().len() == 3).await;
    assert_eq!(errors()[0], "Name is too short (minimum is 6 characters)");
    assert!(open.get_untracked());
    assert_eq!(input.value(), "My-");

    // A valid name clears the errors; the API cannot be reached, which is
    // said without blocking.
    input_value(&root, "#create-app-name", "my-new-app");
    wait_for("the errors to clear", || errors().is_empty()).await;
    wait_for("the availability note", || {
        texts(&root, ".field__note")
            .first()
            .is_some_and(|note| note.starts_with("Could not check availability"))
    })
    .await;
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

/// A pattern too large for the browser's engine is refused with the
/// engine's message when it is built, instead of throwing later, in the
/// middle of drawing lines (which used to take the whole page down).
#[wasm_bindgen_test]
fn a_huge_regular_expression_is_refused_not_thrown() {
    use scalingo_dashboard::{browser::regex::RegexMatcher, logic::log_view::Matcher};
    let refused = RegexMatcher::new(&"A".repeat(33_000))
        .err()
        .unwrap_or_default();
    assert!(refused.contains("too large"), "{refused}");
    assert!(RegexMatcher::new("(").is_err());
    let fine = RegexMatcher::new("a+b").unwrap();
    assert_eq!(fine.find("xaab aab"), [(1, 4), (5, 8)]);
}

#[wasm_bindgen_test]
async fn the_env_diff_masks_values_until_asked() {
    use scalingo_dashboard::{components::EnvDiffView, logic::env_diff::EnvDiff};
    let root = container();
    let diff = EnvDiff::between(
        [
            ("OLD", "gone-secret"),
            ("KEPT", "same"),
            ("CHANGED", "before-secret"),
        ],
        [
            ("KEPT", "same"),
            ("CHANGED", "after-secret"),
            ("NEW", "new-secret"),
        ],
    );
    let show = RwSignal::new(false);
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! { <EnvDiffView diff=diff.clone() show_values=show /> }
    });
    let rows = texts(&root, ".env-diff__row");
    assert_eq!(rows.len(), 3, "{rows:?}");
    let all = rows.join("\n");
    assert!(all.contains("NEW") && all.contains("added"), "{all}");
    assert!(all.contains("CHANGED") && all.contains("changed"), "{all}");
    assert!(all.contains("OLD") && all.contains("removed"), "{all}");
    assert!(!all.contains("secret"), "values masked: {all}");
    show.set(true);
    wait_for("the values shown", || {
        texts(&root, ".env-diff").join("").contains("after-secret")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_variable_value_is_masked_and_an_alias_says_so() {
    use scalingo_api::Variable;
    use scalingo_dashboard::components::VariableValue;
    let root = container();
    let secret = Variable {
        id: "1".into(),
        name: "API_KEY".into(),
        value: Some("line one\nline two".into()),
        ..Default::default()
    };
    let alias = Variable {
        id: "2".into(),
        name: "DATABASE_URL".into(),
        value: Some("$SCALINGO_POSTGRESQL_URL".into()),
        ..Default::default()
    };
    let hidden = Variable {
        id: "3".into(),
        name: "TOKEN".into(),
        value: None,
        ..Default::default()
    };
    let revealed = RwSignal::new(false);
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! {
            <div id="secret"><VariableValue variable=secret.clone() revealed resolved=Signal::stored(None::<String>) /></div>
            <div id="alias"><VariableValue variable=alias.clone() revealed resolved=Signal::stored(Some("postgres://x".to_owned())) /></div>
            <div id="hidden"><VariableValue variable=hidden.clone() revealed resolved=Signal::stored(None::<String>) /></div>
        }
    });
    let text = |css: &str| texts(&root, css).join("");
    assert!(!text("#secret").contains("line one"), "{}", text("#secret"));
    assert!(
        text("#secret").contains("2 lines · 17 characters"),
        "{}",
        text("#secret")
    );
    assert!(
        text("#alias").contains("alias of SCALINGO_POSTGRESQL_URL"),
        "{}",
        text("#alias")
    );
    assert!(
        !text("#alias").contains("postgres://x"),
        "{}",
        text("#alias")
    );
    assert_eq!(text("#hidden"), "Hidden by your role");
    revealed.set(true);
    wait_for("the value revealed", || {
        text("#secret").contains("line one\nline two")
    })
    .await;
    assert!(
        text("#alias").contains("postgres://x"),
        "{}",
        text("#alias")
    );
}

#[wasm_bindgen_test]
async fn plans_show_their_description_as_text_and_the_pick() {
    use scalingo_api::AddonPlan;
    use scalingo_dashboard::components::PlanPicker;
    let root = container();
    let plan = |id: &str, name: &str, price: f64, description: &str| AddonPlan {
        id: id.into(),
        name: id.into(),
        display_name: name.into(),
        price,
        description: description.into(),
        ..Default::default()
    };
    let plans = vec![
        plan("m", "Starter 1G", 28.8, "<ul><li>1 GB</li></ul>"),
        plan(
            "s",
            "Starter 512M",
            14.4,
            "<img src=x onerror=alert(1)>512 MB",
        ),
        plan("gone", "Retired", 1.0, ""),
    ];
    let mut plans = plans;
    plans[2].disabled = true;
    let chosen = RwSignal::new(Some("m".to_owned()));
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! { <PlanPicker plans=plans.clone() chosen current="m".to_owned() legend="Plan" /> }
    });
    // Cheapest first, the disabled plan left out, markup shown as words.
    let labels = texts(&root, "label.plan");
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels[0].contains("Starter 512M") && labels[0].contains("€14.40/month"));
    assert!(labels[0].contains("512 MB"), "{labels:?}");
    assert!(labels[1].contains("Current"), "{labels:?}");
    assert!(root.query_selector("img").unwrap().is_none());
    let first: HtmlInputElement = root
        .query_selector("label.plan input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    first.click();
    wait_for("the pick", || {
        chosen.get_untracked().as_deref() == Some("s")
    })
    .await;
}

#[wasm_bindgen_test]
fn the_owner_and_pending_invitations_are_marked() {
    use scalingo_api::{Collaborator, CollaboratorStatus, Owner};
    use scalingo_dashboard::components::CollaboratorTable;
    let root = container();
    let owner = Owner {
        id: "us-1".into(),
        username: "ada".into(),
        email: "ada@example.com".into(),
        ..Default::default()
    };
    let people = vec![
        Collaborator {
            id: "c1".into(),
            email: "zoe@example.com".into(),
            username: "n/a".into(),
            status: CollaboratorStatus::Pending,
            is_limited: true,
            ..Default::default()
        },
        Collaborator {
            id: "c2".into(),
            email: "grace@example.com".into(),
            username: "grace".into(),
            status: CollaboratorStatus::Accepted,
            ..Default::default()
        },
    ];
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! { <CollaboratorTable owner=Some(owner.clone()) collaborators=people.clone() me=Some("ada@example.com".to_owned()) /> }
    });
    let rows = texts(&root, "tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].contains("ada") && rows[0].contains("You") && rows[0].contains("Owner"));
    assert!(rows[1].contains("zoe@example.com") && rows[1].contains("Limited collaborator"));
    assert!(rows[1].contains("Invitation pending"), "{rows:?}");
    assert!(rows[2].contains("grace") && rows[2].contains("Accepted"));
    // Without actions (a limited collaborator, read-only mode), no control.
    assert!(root.query_selector("tbody button").unwrap().is_none());
}

#[wasm_bindgen_test]
fn a_logo_that_is_not_https_is_a_letter() {
    use scalingo_dashboard::components::AddonLogo;
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! {
            <div id="http"><AddonLogo name="postgreSQL".to_owned() logo_url=Some("http://cdn.example/pg.svg".to_owned()) /></div>
            <div id="js"><AddonLogo name="<b>".to_owned() logo_url=Some("javascript:alert(1)".to_owned()) /></div>
            <div id="https"><AddonLogo name="Redis".to_owned() logo_url=Some("https://cdn.example/redis.svg".to_owned()) /></div>
        }
    });
    assert_eq!(texts(&root, "#http .addon-logo--letter"), vec!["P"]);
    assert_eq!(texts(&root, "#js .addon-logo--letter"), vec!["B"]);
    let img = root.query_selector("#https img").unwrap().unwrap();
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("https://cdn.example/redis.svg")
    );
}
