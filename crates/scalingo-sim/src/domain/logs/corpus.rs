//! What containers and the router write, from a fixed corpus: a dashboard
//! needs lines that look like a Rails app's (web requests, Sidekiq jobs,
//! workers, clocks, one-offs, the router's access lines) and lines that
//! test a log viewer (ANSI colours, markup that must never be interpreted,
//! a line of several KB, non-ASCII text), not an endless variety of them.
//!
//! A writer's `n`-th line is a function of its flavor and `n` only, so the
//! same moment gives the same line whenever it is asked for, and the
//! length of a line is known without writing it (archives list their size
//! before they are built).

use std::sync::OnceLock;

use crate::domain::telemetry::noise;

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
}

const WEB: &[&str] = &[
    "Started GET \"/api/orders/4217\" for 10.0.3.18",
    "Processing by OrdersController#show as JSON",
    "Completed 200 OK in 38ms (Views: 4.1ms | ActiveRecord: 12.7ms | Allocations: 5412)",
    "Started POST \"/api/cart\" for 10.0.1.77",
    "Processing by CartsController#update as JSON",
    "Completed 201 Created in 61ms (Views: 2.3ms | ActiveRecord: 20.3ms | Allocations: 8120)",
    "[12] Puma stats: running=3 max_threads=5 backlog=0 requests_count=48211",
    "Started GET \"/api/products?page=3\" for 10.0.5.201",
    "Processing by ProductsController#index as JSON",
    "Completed 200 OK in 112ms (Views: 31.8ms | ActiveRecord: 64.0ms | Allocations: 19877)",
    "Cache hit views/products/1834-9f2c4e1a7b3d",
    "Started GET \"/api/users/5120/addresses\" for 10.0.2.44",
    "Completed 404 Not Found in 4ms (ActiveRecord: 0.9ms | Allocations: 611)",
    "Started GET \"/api/orders/880\" for 10.0.6.12",
    "Completed 500 Internal Server Error in 2870ms (ActiveRecord: 2801.4ms | Allocations: 30211)",
    "ActiveRecord::StatementInvalid (PG::QueryCanceled: ERROR:  canceling statement due to statement timeout):",
    "app/models/order.rb:42:in `total_with_taxes'",
    "[Rack::Attack] throttled 10.0.2.44 on /login (83 requests in 60s)",
];

const SIDEKIQ: &[&str] = &[
    "pid=21 tid=8f3a class=OrderConfirmationJob jid=4c1d9e2f7a8b3c6d5e0f1a2b INFO: start",
    "pid=21 tid=8f3a class=OrderConfirmationJob jid=4c1d9e2f7a8b3c6d5e0f1a2b elapsed=0.412 INFO: done",
    "pid=21 tid=b207 class=InvoicePdfJob jid=9e8d7c6b5a4f3e2d1c0b9a8f INFO: start",
    "pid=21 tid=b207 class=InvoicePdfJob jid=9e8d7c6b5a4f3e2d1c0b9a8f elapsed=3.871 INFO: done",
    "pid=21 tid=c91e class=WebhookDeliveryJob jid=0a1b2c3d4e5f6a7b8c9d0e1f INFO: start",
    "pid=21 tid=c91e class=WebhookDeliveryJob jid=0a1b2c3d4e5f6a7b8c9d0e1f elapsed=10.004 INFO: fail",
    "pid=21 tid=c91e class=WebhookDeliveryJob jid=0a1b2c3d4e5f6a7b8c9d0e1f WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>",
    "WARN: /app/app/services/webhook_sender.rb:31:in `deliver'",
    "pid=21 tid=c91e class=WebhookDeliveryJob jid=0a1b2c3d4e5f6a7b8c9d0e1f INFO: retrying in 45s (retry 2 of 25)",
];

const WORKER: &[&str] = &[
    "INFO  processed batch 48213 (212 items) in 734ms",
    "INFO  queue depth=17 lag=340ms",
    "INFO  processed batch 48214 (198 items) in 655ms",
    "ERROR batch 48215 failed: upstream returned 503, will retry (attempt 2)",
    "INFO  processed batch 48215 (205 items) in 1203ms",
];

const CLOCK: &[&str] = &[
    "Triggering 'cleanup.expired_sessions'",
    "Finished 'cleanup.expired_sessions' in 0.42s",
    "Triggering 'reports.hourly_sales'",
    "Finished 'reports.hourly_sales' in 3.17s",
    "Triggering 'sync.exchange_rates'",
    "Finished 'sync.exchange_rates' in 1.05s",
];

const MIGRATION: &[&str] = &[
    "== 20240412093012 AddIndexToOrders: migrating ==========================",
    "-- add_index(:orders, :created_at, {:algorithm=>:concurrently})",
    "   -> 0.0421s",
    "== 20240412093012 AddIndexToOrders: migrated (0.0423s) =================",
];

const TASK: &[&str] = &[
    "Processed 1200 records (3 skipped)",
    "Processed 2400 records (5 skipped)",
    "Processed 3600 records (5 skipped)",
];

/// Lines that test a viewer, shared by every flavor.
const VIEWER: &[&str] = &[
    "\x1b[32mINFO\x1b[0m  [cache] warmed 412 keys in 37ms",
    "Rendered comment body: <script>alert(\"x\")</script>",
    "Commande n°4217 expédiée à Zoë Lefèvre — total 42,50 € ✓",
    "\x1b[38;5;208mWARN\x1b[0m slow query (812ms): SELECT \"orders\".* FROM \"orders\" WHERE \"orders\".\"user_id\" = $1",
    "Rejected avatar markup: <img src=x onerror=alert(1)>",
    "Пользователь 5120 вошёл в систему",
    "",
    "\x1b[31;1mERROR\x1b[0m \x1b[4mconnection reset by peer\x1b[0m (redis://redis.internal:6379)",
    "注文 4217 を受け付けました 🚀 مرحبا بكم",
];

/// One line in this many is a viewer's test.
const VIEWER_EVERY: u64 = 8;

/// A line of several KB (the empty entry of [`VIEWER`]): a payload dumped
/// whole.
fn long_line() -> &'static str {
    static LINE: OnceLock<String> = OnceLock::new();
    LINE.get_or_init(|| {
        let items: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "{{\"sku\":\"SKU-{:08x}\",\"name\":\"Item {i}\",\"qty\":{},\"price_cents\":{}}}",
                    noise::hash(&["sku", &i.to_string()]) as u32,
                    1 + i % 4,
                    100 + i * 37
                )
            })
            .collect();
        format!(
            "Webhook payload: {{\"event\":\"order.updated\",\"items\":[{}]}}",
            items.join(",")
        )
    })
}

fn flavor_lines(flavor: Flavor, command: &str) -> &'static [&'static str] {
    match flavor {
        Flavor::Web => WEB,
        Flavor::Sidekiq => SIDEKIQ,
        Flavor::Worker => WORKER,
        Flavor::Clock => CLOCK,
        Flavor::OneOff if command.contains("migrate") => MIGRATION,
        Flavor::OneOff => TASK,
    }
}

/// The `n`-th line a writer of `flavor` (running `command`) writes.
pub fn line(flavor: Flavor, command: &str, n: u64) -> &'static str {
    if n % VIEWER_EVERY == VIEWER_EVERY - 1 {
        let text = VIEWER[(n / VIEWER_EVERY) as usize % VIEWER.len()];
        return if text.is_empty() { long_line() } else { text };
    }
    let lines = flavor_lines(flavor, command);
    let n = n - n / VIEWER_EVERY;
    lines[n as usize % lines.len()]
}

/// The router's access lines, about a request served by `{label}` for
/// `{host}` (see [`RouterLine`]).
const ROUTER: &[&str] = &[
    "method=GET path=\"/api/orders/4217\" status=200 duration=0.038s bytes=1834 from=\"203.0.113.7\" referer=\"-\" user_agent=\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\"",
    "method=POST path=\"/api/cart\" status=201 duration=0.061s bytes=412 from=\"198.51.100.23\" referer=\"https://{host}/\" user_agent=\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148 Safari/604.1\"",
    "method=GET path=\"/api/products?page=3\" status=200 duration=0.112s bytes=20411 from=\"192.0.2.88\" referer=\"https://{host}/\" user_agent=\"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0\"",
    "method=GET path=\"/health\" status=200 duration=0.002s bytes=2 from=\"203.0.113.250\" referer=\"-\" user_agent=\"Scalingo-Health-Check/1.0\"",
    "method=GET path=\"/api/users/5120/addresses\" status=404 duration=0.004s bytes=38 from=\"198.51.100.4\" referer=\"-\" user_agent=\"okhttp/4.12.0\"",
    "method=GET path=\"/api/orders/880\" status=500 duration=2.870s bytes=61 from=\"192.0.2.17\" referer=\"-\" user_agent=\"curl/8.5.0\"",
    "method=GET path=\"/cable\" status=101 duration=0.011s bytes=0 from=\"203.0.113.7\" referer=\"-\" user_agent=\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\"",
    "method=POST path=\"/login\" status=302 duration=0.093s bytes=0 from=\"198.51.100.23\" referer=\"https://{host}/login\" user_agent=\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148 Safari/604.1\"",
];

/// Length of a request id (a UUID).
const REQUEST_ID_LEN: usize = 36;

/// The router's `n`-th access line about a web container: the platform's
/// `key=value` format, with the host, a request id and the container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouterLine<'a> {
    pub host: &'a str,
    pub label: &'a str,
    pub n: u64,
}

impl RouterLine<'_> {
    fn template(&self) -> &'static str {
        ROUTER[self.n as usize % ROUTER.len()]
    }

    /// A UUID drawn from the container and `n`.
    fn request_id(&self) -> String {
        let a = noise::mix(noise::hash(&[self.label, "request"]), self.n as i64);
        let b = noise::mix(a, 1);
        let hex = format!("{a:016x}{b:016x}");
        format!(
            "{}-{}-4{}-a{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..15],
            &hex[15..18],
            &hex[18..30]
        )
    }

    /// Bytes of [`RouterLine::text`], without writing it.
    pub fn len(&self) -> usize {
        let template = self.template();
        let hosts = template.matches("{host}").count();
        let head = " host= request_id= container=".len();
        template.len() - hosts * "{host}".len()
            + (hosts + 1) * self.host.len()
            + head
            + REQUEST_ID_LEN
            + self.label.len()
    }

    pub fn text(&self) -> String {
        let template = self.template();
        let (method, rest) = template.split_once(" status=").unwrap_or((template, ""));
        format!(
            "{method} host={} request_id={} container={} status={}",
            self.host,
            self.request_id(),
            self.label,
            rest.replace("{host}", self.host)
        )
    }
}

/// What a container writes as it starts.
pub fn boot(flavor: Flavor, command: &str, port: u16) -> Vec<String> {
    match flavor {
        Flavor::Web => vec![
            "=> Booting Puma".to_owned(),
            "=> Rails 7.1.3 application starting in production".to_owned(),
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
        Flavor::Clock => vec![format!("Starting clock for {} events", CLOCK.len() / 2)],
        Flavor::OneOff => vec![format!("Running {command} (detached)")],
    }
}

/// The last line of a one-off whose command ended by itself.
pub fn one_off_exit(command: &str, status: i32) -> String {
    format!("Process `{command}` exited with status {status}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn router_lines_are_as_long_as_said() {
        for n in 0..ROUTER.len() as u64 * 2 {
            let line = RouterLine {
                host: "app.example.test",
                label: "web-12",
                n,
            };
            let text = line.text();
            assert_eq!(text.len(), line.len(), "{text}");
            assert!(text.starts_with("method="), "{text}");
            assert!(text.contains(" request_id=") && text.contains(" container=web-12 "));
        }
    }

    #[test]
    fn every_writer_gets_the_viewers_lines() {
        let lines: Vec<&str> = (0..200).map(|n| line(Flavor::Worker, "", n)).collect();
        assert!(lines.iter().any(|l| l.contains("\x1b[")));
        assert!(lines.iter().any(|l| l.contains("<script>")));
        assert!(lines.iter().any(|l| l.len() > 2000));
        assert!(lines.iter().any(|l| !l.is_ascii()));
        assert!(lines.iter().all(|l| !l.contains('\n')));
    }
}
