//! Custom domains: the demo's (one of each certificate state), Let's
//! Encrypt on the clock, custom certificates and their removal, the
//! canonical domain and the app's URL, the rules and their 422s, events,
//! and what limited collaborators may do.

use serde_json::{json, Value};

use crate::{
    harness::{Api, TestSim},
    polling::{fast_sim, wait_for},
};

const CERT: &str = include_str!("../../../scalingo-api/testdata/tls/ec.crt");
const KEY: &str = include_str!("../../../scalingo-api/testdata/tls/ec.key");
const RSA_KEY: &str = include_str!("../../../scalingo-api/testdata/tls/rsa-trad.key");

async fn domains(api: &Api, app: &str) -> Vec<Value> {
    let reply = api.get(&format!("/v1/apps/{app}/domains")).await;
    reply.expect(200)["domains"].as_array().unwrap().clone()
}

fn named<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {list:?}"))
}

fn id(domain: &Value) -> String {
    domain["id"].as_str().unwrap().to_owned()
}

async fn add(api: &Api, app: &str, domain: Value) -> Value {
    let reply = api
        .post(
            &format!("/v1/apps/{app}/domains"),
            &json!({ "domain": domain }),
        )
        .await;
    reply.expect(201)["domain"].clone()
}

async fn show(api: &Api, app: &str, id: &str) -> Value {
    let reply = api.get(&format!("/v1/apps/{app}/domains/{id}")).await;
    reply.expect(200)["domain"].clone()
}

/// The domain once Let's Encrypt has left `pending_dns` and `new`.
async fn settled(api: &Api, app: &str, id: &str) -> Value {
    wait_for("Let's Encrypt to finish", || async {
        let domain = show(api, app, id).await;
        (!matches!(
            domain["letsencrypt_status"].as_str(),
            Some("pending_dns" | "new")
        ))
        .then_some(domain)
    })
    .await
}

fn days_from_now(timestamp: &Value) -> i64 {
    let at = chrono::DateTime::parse_from_rfc3339(timestamp.as_str().unwrap()).unwrap();
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days()
}

#[tokio::test]
async fn the_demo_has_every_certificate_state() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let shop_web = domains(&ada, "shop-web").await;
    let www = named(&shop_web, "www.shop.example.com");
    assert_eq!(www["canonical"], true);
    assert_eq!(www["ssl"], false);
    assert_eq!(www["letsencrypt"], true);
    assert_eq!(www["letsencrypt_enabled"], true);
    assert_eq!(www["letsencrypt_status"], "created");
    assert_eq!(www["ssl_status"], "success");
    assert_eq!(www["tlscert"], "CN=www.shop.example.com");
    assert!((30..=90).contains(&days_from_now(&www["validity"])));
    assert_eq!(www["acme_dns_error"], json!({}));
    assert_eq!(www["acme_challenge_error"], "");
    let app = ada.app("shop-web").await;
    assert_eq!(app["url"], "https://www.shop.example.com");
    assert_eq!(app["base_url"], "https://shop-web.osc-fr1.scalingo.io");

    let shop_api = domains(&ada, "shop-api").await;
    let valid = named(&shop_api, "api.shop.example.com");
    assert_eq!(
        (&valid["ssl"], &valid["letsencrypt"]),
        (&json!(true), &json!(false))
    );
    assert_eq!(valid["letsencrypt_status"], "");
    assert_eq!(valid["tlskey"], "RSA 2048 bits");
    assert!(days_from_now(&valid["validity"]) > 200);
    let soon = days_from_now(&named(&shop_api, "partners.shop.example.com")["validity"]);
    assert!((0..30).contains(&soon), "{soon}");
    assert!(days_from_now(&named(&shop_api, "api-v1.shop.example.com")["validity"]) < 0);

    let docs = domains(&ada, "docs-site").await;
    let failed = named(&docs, "docs.example.com");
    assert_eq!(failed["ssl_status"], "error");
    assert_eq!(failed["letsencrypt_status"], "error");
    assert!(failed["acme_challenge_error"]
        .as_str()
        .unwrap()
        .contains("urn:ietf:params:acme:error:unauthorized"));
    let pending = named(&docs, "help.example.com");
    assert_eq!(pending["ssl_status"], "pending");
    assert_eq!(pending["letsencrypt_status"], "pending_dns");
    assert_eq!(pending["validity"], Value::Null);
    let wildcard = named(&docs, "*.docs.example.com");
    assert_eq!(wildcard["letsencrypt_status"], "dns_required");
    assert_eq!(
        wildcard["acme_dns_fqdn"],
        "_acme-challenge.docs.example.com"
    );
    assert_eq!(wildcard["acme_dns_value"].as_str().unwrap().len(), 43);

    // Everything parses with the shared models.
    for list in [&shop_web, &shop_api, &docs] {
        let parsed: scalingo_api::DomainsResponse =
            serde_json::from_value(json!({ "domains": list })).unwrap();
        assert_eq!(parsed.domains.len(), list.len());
    }
    assert!(domains(&ada, "admin-portal").await.is_empty());
}

#[tokio::test]
async fn lets_encrypt_issues_a_certificate_on_the_clock() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let domain = add(&ada, "status-page", json!({"name": "Status.Example.ORG"})).await;
    assert_eq!(domain["name"], "status.example.org");
    assert_eq!(domain["ssl_status"], "pending");
    assert_eq!(domain["letsencrypt_status"], "pending_dns");
    assert_eq!(domain["canonical"], false);
    assert!(domain["created_at"].is_string());
    let events = ada.events("status-page", 1).await;
    assert_eq!(events[0]["type"], "new_domain");
    assert_eq!(
        events[0]["type_data"],
        json!({"hostname": "status.example.org", "ssl": false})
    );
    let issued = settled(&ada, "status-page", &id(&domain)).await;
    assert_eq!(issued["letsencrypt_status"], "created");
    assert_eq!(issued["ssl_status"], "success");
    assert_eq!(issued["letsencrypt"], true);
    assert_eq!(issued["tlscert"], "CN=status.example.org");
    assert!((88..=90).contains(&days_from_now(&issued["validity"])));

    // The markers of the end-to-end tests.
    let failing = add(
        &ada,
        "status-page",
        json!({"name": "acme-fail.example.org"}),
    )
    .await;
    let failed = settled(&ada, "status-page", &id(&failing)).await;
    assert_eq!(failed["ssl_status"], "error");
    assert!(failed["acme_challenge_error"]
        .as_str()
        .unwrap()
        .contains("acme-fail.example.org"));
    let waiting = add(&ada, "status-page", json!({"name": "no-dns.example.org"})).await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let waiting = show(&ada, "status-page", &id(&waiting)).await;
    assert_eq!(waiting["letsencrypt_status"], "pending_dns");
    let wildcard = add(&ada, "status-page", json!({"name": "*.example.org"})).await;
    assert_eq!(wildcard["letsencrypt_status"], "dns_required");
    assert_eq!(wildcard["acme_dns_fqdn"], "_acme-challenge.example.org");
}

#[tokio::test]
async fn names_follow_the_rules() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let create = |body: Value| {
        let ada = &ada;
        async move { ada.post("/v1/apps/status-page/domains", &body).await }
    };
    let reply = create(json!({"domain": {}})).await;
    assert_eq!(
        reply.expect(422),
        &json!({"errors": {"name": ["can't be blank"]}})
    );
    let reply = create(json!({})).await;
    reply.expect(422);
    for (name, fragment) in [
        ("https://www.example.org", "without http://"),
        ("status-page.osc-fr1.scalingo.io", "belong to the platform"),
        ("localhost", "at least two parts"),
        ("www..example.org", "empty label"),
        ("-www.example.org", "hyphen"),
        ("www.exa_mple.org", "letters, digits, hyphens"),
    ] {
        let reply = create(json!({"domain": {"name": name}})).await;
        let messages = &reply.expect(422)["errors"]["name"];
        assert!(
            messages[0].as_str().unwrap().contains(fragment),
            "{name}: {messages}"
        );
    }
    // Taken by another app of the region.
    let reply = create(json!({"domain": {"name": "WWW.shop.example.com"}})).await;
    assert_eq!(
        reply.expect(422),
        &json!({"errors": {"name": ["has already been taken"]}})
    );
    let reply = create(json!({"domain": {"name": "*.example.org", "canonical": true}})).await;
    assert!(reply.expect(422)["errors"]["canonical"].is_array());
    // 20 per app.
    for n in 0..20 {
        create(json!({"domain": {"name": format!("d{n}.example.org")}}))
            .await
            .expect(201);
    }
    let reply = create(json!({"domain": {"name": "d20.example.org"}})).await;
    assert!(reply.expect(422)["errors"]["name"][0]
        .as_str()
        .unwrap()
        .contains("at most 20"));
    let reply = ada
        .get("/v1/apps/status-page/domains/000000000000000000000000")
        .await;
    assert_eq!(
        reply.expect(404),
        &json!({"resource": "domain", "error": "not found"})
    );
}

#[tokio::test]
async fn custom_certificates_are_uploaded_checked_and_removed() {
    let sim = fast_sim().await;
    let ada = sim.ada().await;
    let domain = add(
        &ada,
        "status-page",
        json!({"name": "shop.example.org", "tlscert": CERT, "tlskey": KEY}),
    )
    .await;
    assert_eq!(domain["ssl"], true);
    assert_eq!(domain["ssl_status"], "success");
    assert_eq!(domain["letsencrypt"], false);
    assert_eq!(
        domain["tlscert"],
        "CN=shop.example.com, O=Example Shop, C=FR"
    );
    assert_eq!(domain["tlskey"], "EC 256 bits");
    assert_eq!(domain["validity"], "2036-12-01T16:58:34.000Z");
    assert_eq!(
        ada.events("status-page", 1).await[0]["type_data"],
        json!({"hostname": "shop.example.org", "ssl": true})
    );
    let path = format!("/v1/apps/status-page/domains/{}", id(&domain));

    // Half an upload, the halves swapped, a damaged certificate.
    let reply = ada
        .patch(&path, &json!({"domain": {"tlscert": CERT}}))
        .await;
    assert_eq!(
        reply.expect(422),
        &json!({"errors": {"tlskey": ["can't be blank"]}})
    );
    let reply = ada
        .patch(&path, &json!({"domain": {"tlscert": KEY, "tlskey": CERT}}))
        .await;
    let errors = &reply.expect(422)["errors"];
    assert!(errors["tlscert"][0]
        .as_str()
        .unwrap()
        .starts_with("This is a private key, not a certificate"));
    assert!(errors["tlskey"][0]
        .as_str()
        .unwrap()
        .starts_with("This is a certificate, not a private key"));
    let cut = &CERT[..CERT.find("-----END").unwrap()];
    let reply = ada
        .patch(&path, &json!({"domain": {"tlscert": cut, "tlskey": KEY}}))
        .await;
    assert!(reply.expect(422)["errors"]["tlscert"][0]
        .as_str()
        .unwrap()
        .contains("END CERTIFICATE line is missing"));
    let reply = ada
        .post(
            "/v1/apps/status-page/domains",
            &json!({"domain": {"name": "other.example.org", "tlskey": KEY}}),
        )
        .await;
    assert_eq!(
        reply.expect(422),
        &json!({"errors": {"tlscert": ["can't be blank"]}})
    );

    // A certificate the simulator cannot read keeps a believable default.
    let opaque = "-----BEGIN CERTIFICATE-----\nTUlJQmR1bW15\n-----END CERTIFICATE-----\n";
    let reply = ada
        .patch(
            &path,
            &json!({"domain": {"tlscert": opaque, "tlskey": RSA_KEY}}),
        )
        .await;
    let replaced = reply.expect(200)["domain"].clone();
    assert_eq!(replaced["tlscert"], "CN=shop.example.org");
    assert_eq!(replaced["tlskey"], "RSA 1024 bits");
    assert!((360..=366).contains(&days_from_now(&replaced["validity"])));

    // Removed: Let's Encrypt takes over.
    let reply = ada
        .patch(&path, &json!({"domain": {"tlscert": "", "tlskey": ""}}))
        .await;
    let removed = reply.expect(200)["domain"].clone();
    assert_eq!(removed["ssl"], false);
    assert_eq!(removed["letsencrypt_status"], "pending_dns");
    assert_eq!(
        ada.events("status-page", 1).await[0]["type_data"],
        json!({"hostname": "shop.example.org", "ssl": false, "old_ssl": true})
    );
    let issued = settled(&ada, "status-page", &id(&domain)).await;
    assert_eq!(issued["tlscert"], "CN=shop.example.org");
    assert_eq!(issued["letsencrypt"], true);

    // Let's Encrypt turned off: no certificate at all.
    let reply = ada
        .patch(&path, &json!({"domain": {"letsencrypt_enabled": false}}))
        .await;
    let off = reply.expect(200)["domain"].clone();
    assert_eq!(off["letsencrypt_enabled"], false);
    assert_eq!(off["ssl_status"], "pending");
    assert_eq!(off["tlscert"], Value::Null);
}

#[tokio::test]
async fn one_canonical_domain_and_the_app_url_follows_it() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let list = domains(&ada, "shop-web").await;
    let bare = id(named(&list, "shop.example.com"));
    let www = id(named(&list, "www.shop.example.com"));
    let path = |id: &str| format!("/v1/apps/shop-web/domains/{id}");
    let reply = ada
        .patch(&path(&bare), &json!({"domain": {"canonical": true}}))
        .await;
    assert_eq!(reply.expect(200)["domain"]["canonical"], true);
    assert_eq!(show(&ada, "shop-web", &www).await["canonical"], false);
    assert_eq!(ada.app("shop-web").await["url"], "https://shop.example.com");
    let event = &ada.events("shop-web", 1).await[0];
    assert_eq!(event["type"], "edit_domain");
    assert_eq!(
        event["type_data"],
        json!({"hostname": "shop.example.com", "ssl": false, "old_ssl": false})
    );
    // Unset, as clients do it: `canonical: false` on the canonical one.
    ada.patch(&path(&bare), &json!({"domain": {"canonical": false}}))
        .await
        .expect(200);
    let app = ada.app("shop-web").await;
    assert_eq!(app["url"], app["base_url"]);
    // A new canonical domain takes over; deleting it leaves none.
    let new = add(
        &ada,
        "shop-web",
        json!({"name": "store.example.org", "canonical": true}),
    )
    .await;
    assert_eq!(new["canonical"], true);
    assert_eq!(
        ada.app("shop-web").await["url"],
        "https://store.example.org"
    );
    let reply = ada.delete(&path(&id(&new))).await;
    reply.expect(204);
    assert_eq!(ada.events("shop-web", 1).await[0]["type"], "delete_domain");
    ada.get(&path(&id(&new))).await.expect(404);
    ada.delete(&path(&id(&new))).await.expect(404);
    let app = ada.app("shop-web").await;
    assert_eq!(app["url"], app["base_url"]);
}

#[tokio::test]
async fn limited_collaborators_read_domains_and_change_nothing() {
    let sim = TestSim::start().await;
    let ada = sim.ada().await;
    let domain = add(&ada, "shop-worker", json!({"name": "jobs.example.org"})).await;
    // Grace is a limited collaborator of shop-worker.
    let grace = sim.grace().await;
    assert_eq!(domains(&grace, "shop-worker").await.len(), 1);
    let path = format!("/v1/apps/shop-worker/domains/{}", id(&domain));
    let refusals = [
        grace
            .post(
                "/v1/apps/shop-worker/domains",
                &json!({"domain": {"name": "more.example.org"}}),
            )
            .await,
        grace
            .patch(&path, &json!({"domain": {"canonical": true}}))
            .await,
        grace.delete(&path).await,
    ];
    for reply in &refusals {
        assert_eq!(reply.expect(403)["code"], "forbidden");
    }
    sim.anonymous()
        .get("/v1/apps/shop-worker/domains")
        .await
        .expect(401);
    ada.get("/v1/apps/no-such-app/domains").await.expect(404);
}

#[tokio::test]
async fn hostile_domains_carry_markup_and_a_huge_subject() {
    let sim = TestSim::start_with(|c| c.demo = scalingo_sim::DemoKind::Hostile).await;
    let ada = sim.ada().await;
    let xss = domains(&ada, "xss-probe-app").await;
    assert!(xss
        .iter()
        .any(|d| d["name"].as_str().unwrap().contains("<img")));
    let huge = domains(&ada, "huge-strings-app").await;
    let cert = named(&huge, "huge-cert.example.com");
    assert!(cert["tlscert"].as_str().unwrap().len() > 100_000);
}
