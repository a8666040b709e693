//! What containers write: Rails/Puma web servers, Sidekiq and other
//! workers, clock processes and one-off commands (the router's lines are in
//! `router_line`).
//!
//! Besides ordinary lines, a share of them exist to test log viewers: ANSI
//! colours (16 and 256, bold), text that looks like HTML or JavaScript (it
//! must be shown, never interpreted), lines of several KB, and non-ASCII
//! text (accents, Cyrillic, CJK, emoji, right-to-left).

use rand::{seq::IndexedRandom, Rng};

use crate::time::Timestamp;

/// Who is writing, as far as content goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Web,
    Sidekiq,
    Worker,
    Clock,
    OneOff,
}

impl Flavor {
    pub fn of(kind: &str, command: &str) -> Flavor {
        match kind {
            "web" => Flavor::Web,
            "clock" | "scheduler" | "cron" => Flavor::Clock,
            "one-off" | "postdeploy" => Flavor::OneOff,
            _ if command.contains("sidekiq") => Flavor::Sidekiq,
            _ if command.contains("clock") => Flavor::Clock,
            _ => Flavor::Worker,
        }
    }

    /// Mean lines per entry, to turn a rate of lines into a rate of entries.
    pub fn lines_per_entry(self) -> f64 {
        match self {
            Flavor::Web => 2.4,
            Flavor::Sidekiq => 2.1,
            _ => 1.1,
        }
    }
}

/// What a line may mention about where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// `shop-api.osc-fr1.scalingo.io`
    pub host: &'a str,
    /// The container writing (`web-1`), or the web container a router line
    /// is about.
    pub label: &'a str,
    /// A one-off's command.
    pub command: &'a str,
}

pub(super) const PATHS: &[&str] = &[
    "/api/orders/{id}",
    "/api/orders",
    "/api/products?page={n}",
    "/api/products/{id}",
    "/api/cart",
    "/api/users/{id}/addresses",
    "/api/search?q=chaussures+rouges",
    "/health",
    "/login",
    "/assets/application-{hex}.js",
    "/",
];
const CONTROLLERS: &[&str] = &[
    "OrdersController#show",
    "OrdersController#index",
    "ProductsController#index",
    "ProductsController#show",
    "CartsController#update",
    "AddressesController#index",
    "SearchController#index",
    "HealthController#show",
    "SessionsController#create",
];
const JOBS: &[&str] = &[
    "OrderConfirmationJob",
    "InvoicePdfJob",
    "WebhookDeliveryJob",
    "StockSyncJob",
    "NewsletterBatchJob",
    "ImageVariantJob",
];
const CLOCK_TASKS: &[&str] = &[
    "cleanup.expired_sessions",
    "reports.hourly_sales",
    "sync.exchange_rates",
    "mailers.abandoned_carts",
];
const UNICODE: &[&str] = &[
    "Commande n°{id} expédiée à Zoë Lefèvre — total 42,50 € ✓",
    "Пользователь {id} вошёл в систему",
    "注文 {id} を受け付けました 🚀",
    "Deploy party 🎉🔥✨ build {id} is green",
    "مرحبا بكم: order {id} confirmed",
    "Straße, naïve café, señor: normalising {id} addresses",
];
const MARKUP: &[&str] = &[
    r#"Rendered comment body: <script>alert("x")</script>"#,
    "Rejected avatar markup: <img src=x onerror=alert(1)>",
    r#"Unsafe link in profile {id}: <a href="javascript:alert(document.cookie)">click me</a>"#,
    "Template error near </textarea><svg onload=alert('xss')> in emails/welcome.html.erb",
    "Unescaped input: &lt;b&gt;bold&lt;/b&gt; & <b>bold</b> & \"quotes\" & 'apostrophes'",
];

pub(super) fn pick<'a>(rng: &mut impl Rng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

pub(super) fn hex(rng: &mut impl Rng, len: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdef";
    (0..len)
        .map(|_| DIGITS[rng.random_range(0..16)] as char)
        .collect()
}

pub(super) fn fill(template: &str, rng: &mut impl Rng) -> String {
    template
        .replace("{id}", &rng.random_range(1000..99_999).to_string())
        .replace("{n}", &rng.random_range(1..40).to_string())
        .replace("{hex}", &hex(rng, 16))
}

fn private_ip(rng: &mut impl Rng) -> String {
    format!(
        "10.0.{}.{}",
        rng.random_range(0..8),
        rng.random_range(2..250)
    )
}

/// The lines one event of a container writes, oldest first.
pub fn entry(rng: &mut impl Rng, flavor: Flavor, ctx: &Context<'_>, at: Timestamp) -> Vec<String> {
    let roll: f64 = rng.random();
    // The lines that test viewers, shared by every flavor.
    if roll < 0.02 {
        return vec![ansi(rng)];
    }
    if roll < 0.03 {
        return vec![fill(pick(rng, MARKUP), rng)];
    }
    if roll < 0.035 {
        return vec![long_line(rng)];
    }
    if roll < 0.05 {
        return vec![fill(pick(rng, UNICODE), rng)];
    }
    match flavor {
        Flavor::Web => web(rng, at),
        Flavor::Sidekiq => sidekiq(rng, ctx),
        Flavor::Worker => vec![worker(rng)],
        Flavor::Clock => vec![clock(rng)],
        Flavor::OneOff => vec![one_off(rng, ctx)],
    }
}

fn ansi(rng: &mut impl Rng) -> String {
    match rng.random_range(0..5) {
        0 => format!(
            "\x1b[32mINFO\x1b[0m  [cache] warmed {} keys in {}ms",
            rng.random_range(10..900),
            rng.random_range(2..90)
        ),
        1 => format!(
            "\x1b[1mSummary:\x1b[0m {} jobs enqueued, \x1b[1m{}\x1b[0m retried",
            rng.random_range(1..50),
            rng.random_range(0..4)
        ),
        2 => format!(
            "\x1b[38;5;208mWARN\x1b[0m slow query ({}ms): SELECT \"orders\".* FROM \"orders\" WHERE \"orders\".\"user_id\" = $1",
            rng.random_range(250..2000)
        ),
        3 => "\x1b[31;1mERROR\x1b[0m \x1b[4mconnection reset by peer\x1b[0m (redis://redis.internal:6379)".to_owned(),
        _ => format!(
            "\x1b[36m[webpacker]\x1b[0m \x1b[48;5;22m\x1b[38;5;231m compiled \x1b[0m in {}ms",
            rng.random_range(300..4000)
        ),
    }
}

/// A line of several KB: a payload dumped whole.
fn long_line(rng: &mut impl Rng) -> String {
    let items = rng.random_range(25..90);
    let mut out = String::from("Webhook payload: {\"event\":\"order.updated\",\"items\":[");
    for i in 0..items {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"sku\":\"SKU-{}\",\"name\":\"Item {}\",\"qty\":{},\"price_cents\":{},\"tags\":[\"{}\",\"{}\"]}}",
            hex(rng, 8),
            i,
            rng.random_range(1..5),
            rng.random_range(100..50_000),
            hex(rng, 6),
            hex(rng, 6)
        ));
    }
    out.push_str("]}");
    out
}

fn web(rng: &mut impl Rng, at: Timestamp) -> Vec<String> {
    let roll: f64 = rng.random();
    if roll < 0.7 {
        let post = rng.random_bool(0.2);
        let method = if post { "POST" } else { "GET" };
        let path = fill(pick(rng, PATHS), rng);
        let (status, text) = match rng.random_range(0..100) {
            0..=1 => (500, "Internal Server Error"),
            2..=5 => (404, "Not Found"),
            6..=8 => (422, "Unprocessable Entity"),
            9..=12 => (302, "Found"),
            _ if post => (201, "Created"),
            _ => (200, "OK"),
        };
        let mut lines = vec![
            format!(
                "Started {method} \"{path}\" for {} at {} +0000",
                private_ip(rng),
                at.format("%Y-%m-%d %H:%M:%S")
            ),
            format!("Processing by {} as JSON", pick(rng, CONTROLLERS)),
        ];
        if status == 500 {
            lines.push(format!(
                "Completed 500 Internal Server Error in {}ms (ActiveRecord: {:.1}ms | Allocations: {})",
                rng.random_range(30..3000),
                rng.random_range(1.0..900.0),
                rng.random_range(500..40_000)
            ));
            lines.push(
                "ActiveRecord::StatementInvalid (PG::QueryCanceled: ERROR:  canceling statement due to statement timeout):".to_owned(),
            );
            lines.push("app/models/order.rb:42:in `total_with_taxes'".to_owned());
            lines.push("app/controllers/orders_controller.rb:18:in `show'".to_owned());
        } else {
            lines.push(format!(
                "Completed {status} {text} in {}ms (Views: {:.1}ms | ActiveRecord: {:.1}ms | Allocations: {})",
                rng.random_range(2..400),
                rng.random_range(0.1..40.0),
                rng.random_range(0.2..120.0),
                rng.random_range(300..20_000)
            ));
        }
        lines
    } else if roll < 0.8 {
        vec![format!(
            "[{}] Puma stats: running={} max_threads=5 backlog=0 requests_count={}",
            rng.random_range(10..60),
            rng.random_range(1..5),
            rng.random_range(100..90_000)
        )]
    } else if roll < 0.9 {
        vec![format!(
            "Cache {} views/products/{}-{}",
            pick(rng, &["hit", "hit", "miss", "write"]),
            rng.random_range(1..5000),
            hex(rng, 12)
        )]
    } else {
        vec![format!(
            "[Rack::Attack] throttled {} on {} ({} requests in 60s)",
            private_ip(rng),
            pick(rng, &["/login", "/api/search", "/api/cart"]),
            rng.random_range(61..400)
        )]
    }
}

fn sidekiq_prefix(rng: &mut impl Rng, ctx: &Context<'_>, job: &str, jid: &str) -> String {
    // One process per container: its pid does not change from job to job.
    let pid = 10 + crate::telemetry::noise::hash(&[ctx.label]) % 30;
    format!("pid={pid} tid={} class={job} jid={jid}", hex(rng, 4))
}

fn sidekiq(rng: &mut impl Rng, ctx: &Context<'_>) -> Vec<String> {
    let job = pick(rng, JOBS);
    let jid = hex(rng, 24);
    let prefix = sidekiq_prefix(rng, ctx, job, &jid);
    if rng.random_bool(0.08) {
        return vec![
            format!("{prefix} elapsed={:.3} INFO: fail", rng.random_range(0.1..30.0)),
            format!("{prefix} WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>"),
            "WARN: /app/vendor/bundle/ruby/3.3.0/gems/net-protocol-0.2.2/lib/net/protocol.rb:229:in `rbuf_fill'".to_owned(),
            "WARN: /app/app/services/webhook_sender.rb:31:in `deliver'".to_owned(),
            format!("WARN: /app/app/jobs/{}.rb:12:in `perform'", snake(job)),
            format!("{prefix} INFO: retrying in {}s (retry {} of 25)", rng.random_range(15..600), rng.random_range(1..6)),
        ];
    }
    vec![
        format!("{prefix} INFO: start"),
        format!(
            "{prefix} elapsed={:.3} INFO: done",
            rng.random_range(0.01..8.0)
        ),
    ]
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn worker(rng: &mut impl Rng) -> String {
    match rng.random_range(0..10) {
        0 => format!(
            "ERROR batch {} failed: upstream returned 503, will retry (attempt {})",
            rng.random_range(1..9999),
            rng.random_range(1..4)
        ),
        1..=2 => format!(
            "INFO  queue depth={} lag={}ms",
            rng.random_range(0..300),
            rng.random_range(0..5000)
        ),
        _ => format!(
            "INFO  processed batch {} ({} items) in {}ms",
            rng.random_range(1..99_999),
            rng.random_range(1..500),
            rng.random_range(5..3000)
        ),
    }
}

fn clock(rng: &mut impl Rng) -> String {
    let task = pick(rng, CLOCK_TASKS);
    if rng.random_bool(0.5) {
        format!("Triggering '{task}'")
    } else {
        format!("Finished '{task}' in {:.2}s", rng.random_range(0.01..12.0))
    }
}

fn one_off(rng: &mut impl Rng, ctx: &Context<'_>) -> String {
    if ctx.command.contains("migrate") {
        return match rng.random_range(0..3) {
            0 => format!(
                "== {} AddIndexToOrders{}: migrating ==========================",
                20_240_000_000_000u64 + rng.random_range(0..999_999u64),
                rng.random_range(1..99)
            ),
            1 => "-- add_index(:orders, :created_at, {:algorithm=>:concurrently})".to_owned(),
            _ => format!("   -> {:.4}s", rng.random_range(0.001..9.0)),
        };
    }
    format!(
        "Processed {} records ({} skipped)",
        rng.random_range(1..50_000),
        rng.random_range(0..40)
    )
}

/// What a container writes as it starts.
pub fn boot(flavor: Flavor, ctx: &Context<'_>, port: u16) -> Vec<String> {
    match flavor {
        Flavor::Web => vec![
            "=> Booting Puma".to_owned(),
            "=> Rails 7.1.3 application starting in production".to_owned(),
            "Puma starting in single mode...".to_owned(),
            "* Puma version: 6.4.2 (ruby 3.3.0-p0) (\"The Eagle of Durango\")".to_owned(),
            format!("* Listening on http://0.0.0.0:{port}"),
            "Use Ctrl-C to stop".to_owned(),
        ],
        Flavor::Sidekiq => vec![
            "Booting Sidekiq 7.2.1 with Sidekiq::RedisClientAdapter options {:url=>\"redis://:REDACTED@redis.internal:6379\"}".to_owned(),
            "Starting processing, hit Ctrl-C to stop".to_owned(),
        ],
        Flavor::Worker => vec![
            "INFO  starting worker (concurrency=4)".to_owned(),
            "INFO  connected to redis.internal:6379".to_owned(),
        ],
        Flavor::Clock => vec![format!(
            "Starting clock for {} events: [ {} ]",
            CLOCK_TASKS.len(),
            CLOCK_TASKS.join(" ")
        )],
        Flavor::OneOff => vec![format!("Running {} (detached)", ctx.command)],
    }
}

/// The last line of a one-off whose command ended by itself.
pub fn one_off_exit(ctx: &Context<'_>, status: i32) -> String {
    format!("Process `{}` exited with status {status}", ctx.command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{telemetry::noise, time};

    #[test]
    fn every_flavor_writes_and_some_lines_test_viewers() {
        let ctx = Context {
            host: "app.example.test",
            label: "web-1",
            command: "rake db:migrate",
        };
        let mut rng = noise::rng(1);
        let now = time::now();
        let mut all = Vec::new();
        for flavor in [
            Flavor::Web,
            Flavor::Sidekiq,
            Flavor::Worker,
            Flavor::Clock,
            Flavor::OneOff,
        ] {
            for _ in 0..400 {
                let lines = entry(&mut rng, flavor, &ctx, now);
                assert!(!lines.is_empty());
                all.extend(lines);
            }
            assert!(!boot(flavor, &ctx, 5000).is_empty());
        }
        assert!(all.iter().any(|l| l.contains("\x1b[")));
        assert!(all
            .iter()
            .any(|l| l.contains("<script>") || l.contains("<img")));
        assert!(all.iter().any(|l| l.len() > 2000));
        assert!(all.iter().any(|l| !l.is_ascii()));
        assert!(all.iter().all(|l| !l.contains('\n')));
        assert_eq!(snake("InvoicePdfJob"), "invoice_pdf_job");
    }
}
