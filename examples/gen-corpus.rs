//! Deterministic corpus generator for benchmarks: writes a sitrep site (and optionally an
//! equivalent Hugo site) of realistic runbooks and postmortems. Standard library only.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --docs 10000 --seed 1 --out DIR [--hugo DIR2]
//! ```
//!
//! 20% of the documents are runbooks (`content/runbooks/<service>/<slug>.md`), 80% incidents
//! (`content/incidents/<year>/inc-YYYY-NNNN.md`). Every relative link and `#anchor` points at a
//! generated document and one of its real headings. The same seed gives byte-identical output.
//! Text is not plain ASCII, as real documents are not: people have accented names, prose has em
//! dashes and curly quotes (version 2 was ASCII only and hid a 17x slowdown of `check` on such text).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Written into every output directory; its presence allows clearing and rewriting it.
const MARKER: &str = ".gen-corpus";
/// Bumped whenever the output format changes, so stale corpora are regenerated.
const FORMAT_VERSION: u32 = 3;

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

/// splitmix64: tiny, fast, good enough for synthetic text.
struct Rng(u64);

impl Rng {
    /// An independent stream for (`seed`, `stream`, `index`).
    fn derive(seed: u64, stream: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407));
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0x9FB2_1C65_1E98_DF25))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// `k` distinct indices of `0..n`, in the order drawn.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut out = Vec::with_capacity(k);
        while out.len() < k {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar (days since 1970-01-01, proleptic Gregorian; Howard Hinnant's algorithms)
// ---------------------------------------------------------------------------------------------

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn fmt_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `minute` counts minutes since the epoch.
fn fmt_ts(minute: i64) -> String {
    let day = minute.div_euclid(1440);
    let mod_ = minute.rem_euclid(1440);
    format!("{}T{:02}:{:02}:00Z", fmt_date(day), mod_ / 60, mod_ % 60)
}

fn fmt_hhmm(minute: i64) -> String {
    let m = minute.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tech {
    Db,
    Cache,
    Queue,
    Http,
    Infra,
}

struct Service {
    key: &'static str,
    short: &'static str,
    name: &'static str,
    camel: &'static str,
    ticket: &'static str,
    tech: Tech,
    tech_tag: &'static str,
}

const fn svc(
    key: &'static str,
    short: &'static str,
    name: &'static str,
    camel: &'static str,
    ticket: &'static str,
    tech: Tech,
    tech_tag: &'static str,
) -> Service {
    Service { key, short, name, camel, ticket, tech, tech_tag }
}

const SERVICES: &[Service] = &[
    svc("api", "api", "API", "Api", "API", Tech::Http, "http"),
    svc("auth", "auth", "Auth", "Auth", "AUTH", Tech::Http, "oauth"),
    svc("billing", "billing", "Billing", "Billing", "BILL", Tech::Http, "invoicing"),
    svc("cache", "cache", "Cache", "Redis", "CACHE", Tech::Cache, "redis"),
    svc("cdn", "cdn", "CDN", "Cdn", "EDGE", Tech::Infra, "edge"),
    svc("checkout", "checkout", "Checkout", "Checkout", "CHK", Tech::Http, "orders"),
    svc("database", "db", "Database", "Postgres", "DB", Tech::Db, "postgres"),
    svc("dns", "dns", "DNS", "Dns", "NET", Tech::Infra, "coredns"),
    svc("email", "email", "Email delivery", "Email", "MAIL", Tech::Queue, "smtp"),
    svc("gateway", "gw", "Gateway", "Gateway", "GW", Tech::Http, "envoy"),
    svc("identity", "idp", "Identity", "Identity", "IAM", Tech::Http, "sso"),
    svc("inventory", "inventory", "Inventory", "Inventory", "INV", Tech::Db, "postgres"),
    svc("kafka", "kafka", "Kafka", "Kafka", "STREAM", Tech::Queue, "kafka"),
    svc("notifications", "notify", "Notifications", "Notify", "NOTIF", Tech::Queue, "push"),
    svc("payments", "payments", "Payments", "Payments", "PAY", Tech::Http, "psp"),
    svc("recommendations", "recs", "Recommendations", "Recs", "RECS", Tech::Http, "ml"),
    svc("scheduler", "sched", "Scheduler", "Scheduler", "SCHED", Tech::Infra, "cron"),
    svc("search", "search", "Search", "Search", "SRCH", Tech::Cache, "elasticsearch"),
    svc("shipping", "shipping", "Shipping", "Shipping", "SHIP", Tech::Http, "logistics"),
    svc("storage", "storage", "Object storage", "Storage", "STOR", Tech::Infra, "s3"),
    svc("support", "support", "Support tooling", "Support", "SUP", Tech::Http, "zendesk"),
    svc("analytics", "analytics", "Analytics", "Analytics", "DATA", Tech::Db, "warehouse"),
    svc("mobile-api", "mobile", "Mobile API", "MobileApi", "MOB", Tech::Http, "mobile"),
    svc("frontend", "web", "Web frontend", "Web", "WEB", Tech::Http, "nextjs"),
];

/// (heading, language, code)
type Block = (&'static str, &'static str, &'static str);

struct Topic {
    slug: &'static str,
    title: &'static str,
    techs: &'static [Tech],
    tags: [&'static str; 2],
    alert: &'static str,
    symptoms: [&'static str; 4],
    /// Diagnosis subsections.
    checks: [Block; 3],
    /// Mitigation steps: (text, language or "", code).
    steps: [Block; 4],
    /// Mitigation subsections.
    subs: [Block; 2],
    inc_titles: [&'static str; 3],
    triggers: [&'static str; 3],
    whys: [&'static str; 4],
    actions: [&'static str; 4],
    rc_code: (&'static str, &'static str),
}

use Tech::*;

const TOPICS: &[Topic] = &[
    Topic {
        slug: "failover",
        title: "failover",
        techs: &[Db, Cache, Queue, Infra],
        tags: ["failover", "high-availability"],
        alert: "PrimaryDown",
        symptoms: [
            "Writes to {svc} fail with connection refused or read-only errors.",
            "`{Camel}PrimaryDown` fires and the leader key in etcd has no holder.",
            "Clients log `could not connect to server` while replicas still answer reads.",
            "Error rate on every service that writes to {svc} climbs at the same moment.",
        ],
        checks: [
            (
                "Check replication state",
                "bash",
                "patronictl -c /etc/patroni/{svc}.yml list\nkubectl -n prod get pods -l app={svc} -o wide",
            ),
            (
                "Confirm the primary is down",
                "bash",
                "pg_isready -h {svc}-primary.prod.internal -p 5432 -t 5\nkubectl -n prod describe pod {svc}-0 | tail -n 20",
            ),
            (
                "Measure how far replicas are behind",
                "sql",
                "SELECT client_addr, state,\n       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS bytes_behind,\n       replay_lag\nFROM pg_stat_replication\nORDER BY bytes_behind DESC;",
            ),
        ],
        steps: [
            ("Tell the incident channel that a failover is about to start and freeze deploys.", "", ""),
            (
                "Promote the replica with the smallest lag.",
                "bash",
                "patronictl -c /etc/patroni/{svc}.yml failover --candidate {svc}-replica-b --force",
            ),
            (
                "Confirm the new primary accepts writes.",
                "sql",
                "SELECT pg_is_in_recovery();  -- must return f\nSELECT now(), count(*) FROM pg_stat_activity;",
            ),
            ("Watch the error rate for ten minutes before declaring the failover done.", "", ""),
        ],
        subs: [
            (
                "Repoint clients",
                "bash",
                "kubectl -n prod rollout restart deploy/pgbouncer-{svc}\nkubectl -n prod rollout status deploy/pgbouncer-{svc} --timeout=5m",
            ),
            (
                "Rebuild the old primary",
                "bash",
                "patronictl -c /etc/patroni/{svc}.yml reinit {svc} {svc}-replica-a --force\npatronictl -c /etc/patroni/{svc}.yml list",
            ),
        ],
        inc_titles: ["{Name} primary failover", "{Name} write outage", "{Name} failover stalled"],
        triggers: [
            "The host running the {svc} primary lost its storage controller.",
            "A kernel upgrade rebooted the {svc} primary without draining it first.",
            "The availability zone hosting the {svc} primary lost network connectivity.",
        ],
        whys: [
            "Automatic failover did not start because both replicas were beyond the lag limit.",
            "One replica was serving long analytics queries that paused WAL replay.",
            "The promotion procedure had never been rehearsed under production load.",
            "Connection poolers kept pointing at the old primary after the promotion.",
        ],
        actions: [
            "Run a failover drill for {svc} every quarter",
            "Alert when replica lag exceeds 30 seconds",
            "Move analytics reads off the failover candidates",
            "Make the pooler follow the leader automatically",
        ],
        rc_code: (
            "yaml",
            "postgresql:\n  parameters:\n    max_standby_streaming_delay: 30s\n    hot_standby_feedback: on\nmaximum_lag_on_failover: 1048576",
        ),
    },
    Topic {
        slug: "latency",
        title: "high latency",
        techs: &[Db, Cache, Queue, Http, Infra],
        tags: ["latency", "performance"],
        alert: "LatencyHigh",
        symptoms: [
            "p99 latency of {svc} is above 2 seconds for more than five minutes.",
            "Upstream services time out calling {svc} and retry, which adds more load.",
            "The `{Camel}LatencyHigh` alert fires while the error rate is still normal.",
            "Customers report slow pages; synthetic checks take three times longer than usual.",
        ],
        checks: [
            (
                "Check request latency by route",
                "bash",
                "curl -s 'http://prometheus.prod.internal:9090/api/v1/query' \\\n  --data-urlencode 'query=histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{service=\"{svc}\"}[5m])))' \\\n  | jq -r '.data.result[] | [.metric.route, .value[1]] | @tsv' | sort -k2 -nr | head",
            ),
            (
                "Look for slow queries",
                "sql",
                "SELECT query, calls, round(mean_exec_time::numeric, 1) AS mean_ms\nFROM pg_stat_statements\nWHERE dbid = (SELECT oid FROM pg_database WHERE datname = '{svc}')\nORDER BY mean_exec_time DESC\nLIMIT 10;",
            ),
            (
                "Check upstream dependencies",
                "bash",
                "kubectl -n prod exec deploy/{svc} -- curl -s localhost:8081/health/dependencies | jq .\nkubectl -n prod top pods -l app={svc}",
            ),
        ],
        steps: [
            ("Confirm whether the slowness follows a deploy, a traffic change or a dependency.", "", ""),
            (
                "If one route dominates, turn on its degraded mode.",
                "bash",
                "kubectl -n prod set env deploy/{svc} DEGRADED_ROUTES=recommendations,history",
            ),
            (
                "Scale out when CPU is the bottleneck.",
                "bash",
                "kubectl -n prod scale deploy/{svc} --replicas=24\nkubectl -n prod rollout status deploy/{svc}",
            ),
            ("Post the p99 before and after each change in the incident channel.", "", ""),
        ],
        subs: [
            (
                "Shed non-critical traffic",
                "yaml",
                "# gateway route override, applied with kubectl apply -f\nroutes:\n  - match: /v1/{svc}/batch\n    rate_limit:\n      requests_per_second: 50\n      burst: 100",
            ),
            (
                "Raise the autoscaler ceiling",
                "yaml",
                "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {svc}\n  namespace: prod\nspec:\n  minReplicas: 12\n  maxReplicas: 48",
            ),
        ],
        inc_titles: ["{Name} latency spike", "Slow responses from {svc}", "{Name} p99 above SLO"],
        triggers: [
            "A query plan change after an ANALYZE made the main {svc} lookup use a sequential scan.",
            "A marketing push tripled traffic to {svc} within five minutes.",
            "A dependency of {svc} started answering in 800 ms instead of 40 ms.",
        ],
        whys: [
            "The slow query held connections, so the pool filled and requests queued.",
            "Retries from upstream callers doubled the load on an already slow service.",
            "The autoscaler ceiling was set during a quieter season and was never raised.",
            "Latency alerts used averages, which hid the tail for twenty minutes.",
        ],
        actions: [
            "Pin the query plan for the {svc} lookup with an index hint",
            "Add retry budgets to clients of {svc}",
            "Alert on p99 instead of mean latency",
            "Review autoscaler limits before seasonal peaks",
        ],
        rc_code: (
            "sql",
            "EXPLAIN (ANALYZE, BUFFERS)\nSELECT * FROM orders\nWHERE customer_id = 81723 AND created_at > now() - interval '30 days';",
        ),
    },
    Topic {
        slug: "error-rate",
        title: "error rate spike",
        techs: &[Http, Infra, Queue],
        tags: ["errors", "availability"],
        alert: "ErrorRateHigh",
        symptoms: [
            "More than 2% of {svc} requests return 5xx.",
            "`{Camel}ErrorRateHigh` fires and the error budget burn rate is above 10x.",
            "Logs show a new exception type that was not there before the last deploy.",
            "Support receives reports of failed actions within minutes.",
        ],
        checks: [
            (
                "Find the failing endpoints",
                "bash",
                "kubectl -n prod logs deploy/{svc} --since=15m | grep -E '\"status\":5[0-9]{2}' \\\n  | jq -r '.route' | sort | uniq -c | sort -nr | head",
            ),
            (
                "Correlate with recent deploys",
                "bash",
                "argocd app history {svc} | tail -n 5\nkubectl -n prod rollout history deploy/{svc}",
            ),
            (
                "Check error budget burn",
                "yaml",
                "# recording rule used by the dashboard\n- record: {svc}:error_ratio:rate5m\n  expr: |\n    sum(rate(http_requests_total{service=\"{svc}\",code=~\"5..\"}[5m]))\n    / sum(rate(http_requests_total{service=\"{svc}\"}[5m]))",
            ),
        ],
        steps: [
            ("If the errors started within 30 minutes of a deploy, roll back first and debug later.", "", ""),
            ("Roll back to the previous revision.", "bash", "argocd app rollback {svc}\nargocd app wait {svc} --health --timeout 600"),
            (
                "If no deploy matches, turn off the newest feature flags one at a time.",
                "bash",
                "flagctl list --service {svc} --changed-since 2h\nflagctl set {svc}.new-pricing-engine off",
            ),
            ("Keep the status page updated every 30 minutes until the error rate is normal.", "", ""),
        ],
        subs: [
            (
                "Roll back the last deploy",
                "bash",
                "kubectl -n prod rollout undo deploy/{svc}\nkubectl -n prod rollout status deploy/{svc} --timeout=10m",
            ),
            (
                "Disable the feature flag",
                "yaml",
                "flags:\n  {svc}.new-pricing-engine:\n    enabled: false\n    reason: incident mitigation",
            ),
        ],
        inc_titles: ["{Name} elevated 5xx errors", "{Name} requests failing", "Errors after {svc} deploy"],
        triggers: [
            "A deploy of {svc} shipped a serializer change that failed on older records.",
            "A configuration change removed a route that mobile clients still used.",
            "A feature flag rollout to 50% exposed an unhandled null in {svc}.",
        ],
        whys: [
            "The failing code path was only hit by records created before 2023.",
            "Canary analysis looked at latency but not at the error ratio.",
            "The rollback took longer than needed because the previous image had been garbage collected.",
            "Integration tests used fixtures that did not include legacy data.",
        ],
        actions: [
            "Add error ratio to canary analysis for {svc}",
            "Keep the last five images of every deployment",
            "Add legacy records to the {svc} test fixtures",
            "Document rollback steps in the {svc} runbook",
        ],
        rc_code: (
            "bash",
            "git -C services/{svc} log --oneline -5 -- src/serializers\nargocd app diff {svc} --revision HEAD~1",
        ),
    },
    Topic {
        slug: "disk-pressure",
        title: "disk pressure",
        techs: &[Db, Queue, Infra, Cache],
        tags: ["disk", "capacity"],
        alert: "DiskFillingUp",
        symptoms: [
            "A {svc} volume is more than 90% full and growing.",
            "`{Camel}DiskFillingUp` predicts a full disk within four hours.",
            "Writes fail with `No space left on device`.",
            "Compaction or vacuum jobs stop making progress.",
        ],
        checks: [
            ("Find what is using the disk", "bash", "kubectl -n prod exec {svc}-0 -- du -xh /data --max-depth=2 | sort -h | tail -n 15"),
            ("Check log rotation", "bash", "kubectl -n prod exec {svc}-0 -- ls -lh /var/log/{svc}/\nkubectl -n prod exec {svc}-0 -- cat /etc/logrotate.d/{svc}"),
            (
                "Check table and index growth",
                "sql",
                "SELECT relname, pg_size_pretty(pg_total_relation_size(relid)) AS total\nFROM pg_catalog.pg_statio_user_tables\nORDER BY pg_total_relation_size(relid) DESC\nLIMIT 10;",
            ),
        ],
        steps: [
            ("Do not delete data files by hand; only logs, core dumps and old snapshots are safe to remove.", "", ""),
            ("Compress or remove rotated logs.", "bash", "kubectl -n prod exec {svc}-0 -- find /var/log/{svc} -name '*.log.*' -mtime +2 -delete"),
            ("If that is not enough, grow the volume online.", "bash", "kubectl -n prod patch pvc data-{svc}-0 -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"800Gi\"}}}}'"),
            ("Confirm the filesystem picked up the new size before closing the incident.", "", ""),
        ],
        subs: [
            ("Free space safely", "bash", "kubectl -n prod exec {svc}-0 -- journalctl --vacuum-size=500M\nkubectl -n prod exec {svc}-0 -- df -h /data"),
            (
                "Grow the volume",
                "yaml",
                "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data-{svc}-0\nspec:\n  resources:\n    requests:\n      storage: 800Gi",
            ),
        ],
        inc_titles: ["{Name} disk full", "{Name} writes failing on full volume", "{Name} replica out of disk"],
        triggers: [
            "Debug logging left on after an earlier investigation filled the {svc} log volume.",
            "A bulk import doubled the size of the largest {svc} table overnight.",
            "WAL archiving to object storage failed silently and WAL piled up on the {svc} disk.",
        ],
        whys: [
            "The disk alert fired at 95%, which left less than an hour to react.",
            "Log rotation was configured by size for the old path but not the new one.",
            "Nobody owned the capacity forecast for {svc} after the team reorganisation.",
            "Volume expansion needed a manual approval step that took 40 minutes.",
        ],
        actions: [
            "Alert on predicted disk exhaustion 24 hours ahead",
            "Fix log rotation for the new {svc} log path",
            "Assign an owner to the {svc} capacity forecast",
            "Allow on-call to expand volumes without approval",
        ],
        rc_code: ("bash", "kubectl -n prod exec {svc}-0 -- df -h /data /var/log\nkubectl -n prod get pvc -l app={svc}"),
    },
    Topic {
        slug: "cert-expiry",
        title: "certificate expiry",
        techs: &[Http, Infra],
        tags: ["tls", "certificates"],
        alert: "CertExpiringSoon",
        symptoms: [
            "Clients fail with `certificate has expired` when calling {svc}.",
            "`{Camel}CertExpiringSoon` fires less than seven days before expiry.",
            "Mobile apps stop loading data while browsers show a security warning.",
            "Health checks from outside the cluster fail but in-cluster checks pass.",
        ],
        checks: [
            ("List certificate expiry dates", "bash", "kubectl -n prod get certificates -o custom-columns=NAME:.metadata.name,READY:.status.conditions[0].status,EXPIRY:.status.notAfter"),
            ("Check cert-manager status", "bash", "kubectl -n cert-manager logs deploy/cert-manager --since=1h | grep -i {svc}\nkubectl -n prod describe certificate {svc}-tls"),
            ("Verify the served chain", "bash", "openssl s_client -connect {svc}.corp.test:443 -servername {svc}.corp.test </dev/null 2>/dev/null \\\n  | openssl x509 -noout -dates -issuer"),
        ],
        steps: [
            ("Find every endpoint that serves the certificate; wildcards are often shared.", "", ""),
            ("Force a renewal.", "bash", "cmctl renew {svc}-tls -n prod\nkubectl -n prod wait certificate/{svc}-tls --for=condition=Ready --timeout=5m"),
            ("Reload the ingress so it serves the new certificate.", "bash", "kubectl -n ingress rollout restart deploy/ingress-nginx-controller"),
            ("Check the served chain again from outside the cluster.", "", ""),
        ],
        subs: [
            ("Renew the certificate", "yaml", "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: {svc}-tls\n  namespace: prod\nspec:\n  renewBefore: 720h\n  dnsNames:\n    - {svc}.corp.test"),
            ("Reload the ingress", "bash", "kubectl -n ingress get pods -l app.kubernetes.io/name=ingress-nginx\nkubectl -n ingress logs deploy/ingress-nginx-controller --since=5m | grep -i reload"),
        ],
        inc_titles: ["{Name} certificate expired", "TLS errors on {svc}", "{Name} unreachable after certificate expiry"],
        triggers: [
            "The {svc} certificate expired because the ACME challenge had been failing for 30 days.",
            "A manually issued certificate for {svc} was not in cert-manager and nobody renewed it.",
            "An intermediate certificate was rotated by the CA and the {svc} bundle kept the old one.",
        ],
        whys: [
            "Renewal failures were logged but did not alert anyone.",
            "The certificate was created by hand during a migration and never moved into automation.",
            "The expiry alert fired only seven days ahead and was routed to an unmonitored channel.",
            "Pinned certificates in the mobile app made the fix slower.",
        ],
        actions: [
            "Alert on failed ACME challenges",
            "Move the {svc} certificate into cert-manager",
            "Route certificate alerts to the owning team's pager",
            "Remove certificate pinning from the mobile app",
        ],
        rc_code: ("bash", "kubectl -n prod get challenges,orders -l app={svc}\nkubectl -n prod describe challenge -l app={svc} | grep -A3 Reason"),
    },
    Topic {
        slug: "queue-backlog",
        title: "queue backlog",
        techs: &[Queue, Http],
        tags: ["queue", "backlog"],
        alert: "ConsumerLagHigh",
        symptoms: [
            "Consumer lag on the {svc} topics grows for more than 15 minutes.",
            "`{Camel}ConsumerLagHigh` fires and messages are processed late.",
            "Customers see delayed emails, notifications or status changes.",
            "Consumer pods restart in a loop or sit idle with a growing backlog.",
        ],
        checks: [
            ("Measure consumer lag", "bash", "kafka-consumer-groups.sh --bootstrap-server kafka.prod.internal:9092 \\\n  --describe --group {svc}-workers | sort -k6 -nr | head"),
            ("Check consumer health", "bash", "kubectl -n prod get pods -l app={svc}-worker\nkubectl -n prod logs deploy/{svc}-worker --since=15m | grep -c ERROR"),
            ("Look for poison messages", "bash", "kubectl -n prod logs deploy/{svc}-worker --since=30m | grep -i 'failed to process' | awk '{print $NF}' | sort | uniq -c | sort -nr | head"),
        ],
        steps: [
            ("Decide whether the backlog is caused by too little capacity or by messages that cannot be processed.", "", ""),
            ("Scale the consumers up to the partition count.", "bash", "kubectl -n prod scale deploy/{svc}-worker --replicas=32"),
            ("Move poison messages to the dead-letter topic.", "bash", "kubectl -n prod set env deploy/{svc}-worker DLQ_ON_ERROR=true"),
            ("Watch the lag trend until it falls steadily, then scale back.", "", ""),
        ],
        subs: [
            ("Scale consumers", "yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: {svc}-worker\nspec:\n  maxReplicaCount: 32\n  triggers:\n    - type: kafka\n      metadata:\n        lagThreshold: \"500\""),
            ("Park poison messages", "bash", "kafka-console-consumer.sh --bootstrap-server kafka.prod.internal:9092 \\\n  --topic {svc}.dlq --from-beginning --max-messages 20"),
        ],
        inc_titles: ["{Name} messages delayed", "{Name} consumer backlog", "{Name} processing stalled"],
        triggers: [
            "A malformed message made every {svc} consumer crash and restart on the same offset.",
            "A partition rebalance storm kept {svc} consumers from making progress.",
            "A downstream rate limit slowed {svc} consumers to a tenth of their usual throughput.",
        ],
        whys: [
            "Consumers retried the same message forever instead of moving it to a dead-letter topic.",
            "Session timeouts were shorter than the slowest batch, which caused rebalances.",
            "Lag was alerted on by message count, which is meaningless for bursty topics.",
            "Scaling consumers did not help because the topic had only eight partitions.",
        ],
        actions: [
            "Add a dead-letter topic for {svc} consumers",
            "Alert on consumer lag in seconds, not messages",
            "Raise the {svc} topic partition count to 32",
            "Tune session timeouts for the slowest batch",
        ],
        rc_code: ("yaml", "consumer:\n  max.poll.interval.ms: 600000\n  session.timeout.ms: 45000\n  max.poll.records: 200"),
    },
    Topic {
        slug: "memory-leak",
        title: "memory leak",
        techs: &[Http, Cache, Queue],
        tags: ["memory", "oom"],
        alert: "OOMKills",
        symptoms: [
            "{Name} pods are OOM-killed every few hours.",
            "Memory use grows steadily after each deploy and never levels off.",
            "`{Camel}OOMKills` fires and restarts cause short bursts of errors.",
            "Garbage collection pauses grow longer as memory fills.",
        ],
        checks: [
            ("Check OOM kills", "bash", "kubectl -n prod get pods -l app={svc} -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.containerStatuses[0].lastState.terminated.reason}{\"\\n\"}{end}'"),
            ("Compare heap profiles", "bash", "kubectl -n prod port-forward deploy/{svc} 6060:6060 &\ngo tool pprof -top -inuse_space http://localhost:6060/debug/pprof/heap | head -n 20"),
            ("Check recent config changes", "bash", "git -C deploy/{svc} log --since='3 days ago' --oneline -- values-prod.yaml"),
        ],
        steps: [
            ("Capture a heap profile from one pod before restarting anything.", "", ""),
            ("Restart pods in waves so capacity never drops below 75%.", "bash", "kubectl -n prod rollout restart deploy/{svc}\nkubectl -n prod rollout status deploy/{svc} --timeout=15m"),
            ("If restarts only buy a few hours, roll back to the last release without the growth.", "bash", "argocd app rollback {svc}"),
            ("Attach the heap profile to the incident ticket.", "", ""),
        ],
        subs: [
            ("Restart pods in waves", "yaml", "spec:\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 25%\n      maxSurge: 25%"),
            ("Raise the memory limit temporarily", "yaml", "resources:\n  requests:\n    memory: 1536Mi\n  limits:\n    memory: 3Gi"),
        ],
        inc_titles: ["{Name} pods OOM-killed", "{Name} memory leak", "{Name} restarts under load"],
        triggers: [
            "A new in-process cache in {svc} had no size bound.",
            "A client library upgrade in {svc} leaked one buffer per retried request.",
            "A goroutine leak in the {svc} webhook handler kept request bodies alive.",
        ],
        whys: [
            "The cache was sized for the test environment's data set.",
            "Memory growth was only visible over days, longer than the dashboard's default range.",
            "OOM kills were treated as normal restarts and did not alert.",
            "Load tests ran for 10 minutes, too short to show the leak.",
        ],
        actions: [
            "Bound the {svc} in-process cache by entries and bytes",
            "Alert on OOM kills per deployment",
            "Run a four-hour soak test before {svc} releases",
            "Add a 7-day memory panel to the {svc} dashboard",
        ],
        rc_code: ("yaml", "cache:\n  max_entries: 50000\n  max_bytes: 268435456\n  ttl: 10m"),
    },
    Topic {
        slug: "pool-exhaustion",
        title: "connection pool exhaustion",
        techs: &[Db, Http],
        tags: ["connections", "postgres"],
        alert: "PoolSaturated",
        symptoms: [
            "Requests to {svc} wait for a database connection and time out.",
            "`{Camel}PoolSaturated` fires: waiting clients in PgBouncer above 50.",
            "Database CPU is normal while application latency is very high.",
            "Many sessions sit in `idle in transaction`.",
        ],
        checks: [
            ("Count connections by client", "sql", "SELECT usename, application_name, state, count(*)\nFROM pg_stat_activity\nGROUP BY 1, 2, 3\nORDER BY 4 DESC;"),
            ("Find idle transactions", "sql", "SELECT pid, application_name, now() - xact_start AS age, left(query, 80)\nFROM pg_stat_activity\nWHERE state = 'idle in transaction'\nORDER BY age DESC\nLIMIT 20;"),
            ("Check pool settings", "bash", "kubectl -n prod exec deploy/pgbouncer-{svc} -- psql -p 6432 -U pgbouncer pgbouncer -c 'SHOW POOLS;'"),
        ],
        steps: [
            ("Find the application holding the connections; it is usually one deployment.", "", ""),
            ("Terminate transactions idle for more than five minutes.", "sql", "SELECT pg_terminate_backend(pid)\nFROM pg_stat_activity\nWHERE state = 'idle in transaction' AND now() - xact_start > interval '5 minutes';"),
            ("Restart the deployment that leaks connections.", "bash", "kubectl -n prod rollout restart deploy/{svc}-worker"),
            ("As a stopgap raise the pool size by at most 50%.", "", ""),
        ],
        subs: [
            ("Terminate idle transactions", "sql", "ALTER ROLE {svc}_app SET idle_in_transaction_session_timeout = '60s';"),
            ("Raise the pool size", "yaml", "pgbouncer:\n  default_pool_size: 60\n  max_client_conn: 2000\n  reserve_pool_size: 10"),
        ],
        inc_titles: ["{Name} connection pool exhausted", "{Name} timeouts waiting for database", "{Name} database connections saturated"],
        triggers: [
            "A new code path in {svc} opened a transaction and then called a slow external API.",
            "A batch job for {svc} ran with 200 workers instead of 20.",
            "A network blip left hundreds of half-open connections in the {svc} pool.",
        ],
        whys: [
            "Transactions stayed open during network calls, holding connections for seconds.",
            "No idle-in-transaction timeout was set for the application role.",
            "The batch job's concurrency came from an environment variable with a typo.",
            "Pool saturation was not on the on-call dashboard.",
        ],
        actions: [
            "Set idle_in_transaction_session_timeout for all {svc} roles",
            "Move external calls out of database transactions",
            "Validate batch job concurrency settings at startup",
            "Add pool saturation to the {svc} dashboard",
        ],
        rc_code: ("sql", "SELECT application_name, count(*) FILTER (WHERE state = 'idle in transaction') AS idle_tx\nFROM pg_stat_activity\nGROUP BY 1\nORDER BY 2 DESC;"),
    },
    Topic {
        slug: "vendor-outage",
        title: "third-party outage",
        techs: &[Http],
        tags: ["dependency", "vendor"],
        alert: "UpstreamErrors",
        symptoms: [
            "Calls from {svc} to an external provider fail or time out.",
            "`{Camel}UpstreamErrors` fires while our own infrastructure looks healthy.",
            "The provider's status page reports degraded service.",
            "Circuit breakers in {svc} are open.",
        ],
        checks: [
            ("Confirm the vendor status", "bash", "curl -s https://status.provider.test/api/v2/summary.json | jq -r '.components[] | select(.status != \"operational\") | .name'"),
            ("Measure the failure rate", "bash", "kubectl -n prod logs deploy/{svc} --since=10m | grep upstream= | jq -r '.upstream_status' | sort | uniq -c"),
            ("Check circuit breaker state", "bash", "kubectl -n prod exec deploy/{svc} -- curl -s localhost:8081/admin/breakers | jq ."),
        ],
        steps: [
            ("Open a ticket with the provider and ask for an estimated recovery time.", "", ""),
            ("Switch traffic to the secondary provider.", "bash", "flagctl set {svc}.provider secondary\nflagctl get {svc}.provider"),
            ("Queue requests that cannot be switched for later replay.", "bash", "kubectl -n prod set env deploy/{svc} REPLAY_QUEUE=enabled"),
            ("Replay queued requests once the provider has been healthy for 30 minutes.", "", ""),
        ],
        subs: [
            ("Switch to the secondary provider", "yaml", "providers:\n  primary:\n    weight: 0\n  secondary:\n    weight: 100\n    timeout: 4s"),
            ("Queue requests for replay", "bash", "kubectl -n prod exec deploy/{svc} -- {svc}-admin replay --since 2h --dry-run"),
        ],
        inc_titles: ["{Name} provider outage", "{Name} degraded by upstream failures", "{Name} vendor API timeouts"],
        triggers: [
            "The external provider used by {svc} had a regional outage.",
            "The provider rotated its IP ranges and our egress allow-list blocked the new ones.",
            "The provider started rejecting requests over a new rate limit without notice.",
        ],
        whys: [
            "Failover to the secondary provider was manual and undocumented.",
            "Timeouts to the provider were 30 seconds, so threads piled up.",
            "Vendor status notifications went to a shared mailbox nobody watched.",
            "Retries without jitter made the provider's rate limiting worse.",
        ],
        actions: [
            "Automate failover to the secondary provider",
            "Lower provider timeouts to 4 seconds",
            "Subscribe the {svc} on-call to vendor status updates",
            "Add jitter to {svc} retries",
        ],
        rc_code: ("yaml", "http_client:\n  timeout: 4s\n  retries: 2\n  backoff: exponential\n  jitter: full"),
    },
    Topic {
        slug: "bad-deploy",
        title: "bad deploy rollback",
        techs: &[Http, Queue],
        tags: ["deploy", "rollback"],
        alert: "DeployHealthFailing",
        symptoms: [
            "Error rate or latency of {svc} changes right after a rollout.",
            "`{Camel}DeployHealthFailing` fires during or after a rollout.",
            "New pods fail readiness checks while old pods are healthy.",
            "Argo CD shows the {svc} application as degraded.",
        ],
        checks: [
            ("Identify the release", "bash", "argocd app get {svc} -o json | jq -r '.status.sync.revision'\nkubectl -n prod get rs -l app={svc} --sort-by=.metadata.creationTimestamp | tail -n 3"),
            ("Check rollout status", "bash", "kubectl -n prod rollout status deploy/{svc} --timeout=30s\nkubectl -n prod get events --field-selector involvedObject.kind=Pod --sort-by=.lastTimestamp | tail"),
            ("Compare the canary with the baseline", "yaml", "# analysis template used by the rollout\nmetrics:\n  - name: error-ratio\n    interval: 1m\n    successCondition: result[0] < 0.01\n    failureLimit: 3"),
        ],
        steps: [
            ("Stop the rollout so no more pods are replaced.", "bash", "kubectl argo rollouts pause {svc} -n prod"),
            ("Roll back to the previous revision.", "bash", "kubectl argo rollouts undo {svc} -n prod\nkubectl argo rollouts status {svc} -n prod"),
            ("Block further deploys of {svc} until the cause is understood.", "", ""),
            ("Record the bad revision in the incident channel.", "", ""),
        ],
        subs: [
            ("Roll back with Argo CD", "bash", "argocd app history {svc}\nargocd app rollback {svc} 0 --prune"),
            ("Pin the previous image", "yaml", "image:\n  repository: registry.corp.test/{svc}\n  tag: release-previous\n  pullPolicy: IfNotPresent"),
        ],
        inc_titles: ["{Name} outage after deploy", "{Name} rollout failed", "{Name} broken release"],
        triggers: [
            "A release of {svc} removed a database column that an older worker still read.",
            "A release of {svc} changed a default timeout from seconds to milliseconds.",
            "A base image update for {svc} dropped the CA bundle.",
        ],
        whys: [
            "The migration and the code change shipped in the same release.",
            "Canary analysis ran for only two minutes.",
            "Readiness checks did not exercise the database path.",
            "The rollout continued at night without anyone watching it.",
        ],
        actions: [
            "Split schema migrations from code releases",
            "Lengthen canary analysis for {svc} to 15 minutes",
            "Make the {svc} readiness check query the database",
            "Block unattended rollouts outside working hours",
        ],
        rc_code: ("bash", "git -C services/{svc} show --stat HEAD~1\nkubectl argo rollouts get rollout {svc} -n prod"),
    },
    Topic {
        slug: "dns-failures",
        title: "DNS resolution failures",
        techs: &[Infra, Http],
        tags: ["dns", "network"],
        alert: "DNSLookupFailures",
        symptoms: [
            "Pods log `no such host` or `temporary failure in name resolution`.",
            "`{Camel}DNSLookupFailures` fires for more than 2% of lookups.",
            "Calls between services fail intermittently while direct IP calls work.",
            "CoreDNS pods are CPU-throttled or restarting.",
        ],
        checks: [
            ("Test resolution from a pod", "bash", "kubectl -n prod run dns-probe --rm -it --image=registry.corp.test/tools/netshoot --restart=Never -- \\\n  dig +search {svc}.prod.svc.cluster.local"),
            ("Check CoreDNS health", "bash", "kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide\nkubectl -n kube-system top pods -l k8s-app=kube-dns"),
            ("Check upstream resolvers", "bash", "kubectl -n kube-system logs -l k8s-app=kube-dns --since=10m | grep -i -E 'timeout|SERVFAIL' | tail"),
        ],
        steps: [
            ("Check whether failures affect all names or only external ones.", "", ""),
            ("Scale CoreDNS up.", "bash", "kubectl -n kube-system scale deploy/coredns --replicas=8"),
            ("Restart CoreDNS if pods are stuck.", "bash", "kubectl -n kube-system rollout restart deploy/coredns"),
            ("If external names fail, switch the forwarders to the secondary resolvers.", "", ""),
        ],
        subs: [
            ("Scale CoreDNS", "yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dns-autoscaler\n  namespace: kube-system\ndata:\n  linear: '{\"coresPerReplica\":64,\"min\":4}'"),
            ("Enable NodeLocal DNSCache", "bash", "kubectl -n kube-system get ds node-local-dns\nkubectl -n kube-system rollout status ds/node-local-dns"),
        ],
        inc_titles: ["{Name} DNS lookup failures", "Intermittent name resolution errors in {svc}", "{Name} cannot resolve dependencies"],
        triggers: [
            "CoreDNS hit its CPU limit when {svc} traffic doubled.",
            "An upstream resolver stopped answering and CoreDNS kept forwarding to it.",
            "A change to ndots made every lookup from {svc} try five search domains.",
        ],
        whys: [
            "CoreDNS replicas were fixed at two and did not scale with the cluster.",
            "Health checks of upstream resolvers were disabled.",
            "Application clients did not cache DNS answers.",
            "The change to ndots was not reviewed by the network team.",
        ],
        actions: [
            "Autoscale CoreDNS with the cluster",
            "Enable NodeLocal DNSCache on all nodes",
            "Health-check upstream resolvers",
            "Require network review for resolver config changes",
        ],
        rc_code: ("yaml", "dnsConfig:\n  options:\n    - name: ndots\n      value: \"2\""),
    },
    Topic {
        slug: "cache-stampede",
        title: "cache stampede",
        techs: &[Cache, Http],
        tags: ["cache", "redis"],
        alert: "CacheHitRatioLow",
        symptoms: [
            "Cache hit ratio for {svc} drops below 60%.",
            "Database load jumps at the same time as cache misses.",
            "`{Camel}CacheHitRatioLow` fires, usually after a cache flush or restart.",
            "Latency for cached pages jumps from milliseconds to seconds.",
        ],
        checks: [
            ("Check hit ratio", "bash", "redis-cli -h redis-{svc}.prod.internal INFO stats | grep -E 'keyspace_(hits|misses)'"),
            ("Find hot keys", "bash", "redis-cli -h redis-{svc}.prod.internal --hotkeys | tail -n 15"),
            ("Check eviction rate", "bash", "redis-cli -h redis-{svc}.prod.internal INFO stats | grep evicted_keys\nredis-cli -h redis-{svc}.prod.internal INFO memory | grep -E 'used_memory_human|maxmemory_human'"),
        ],
        steps: [
            ("Find out whether the cache was flushed, restarted or is evicting.", "", ""),
            ("Turn on request coalescing for the hot keys.", "bash", "kubectl -n prod set env deploy/{svc} CACHE_COALESCE=true"),
            ("Warm the cache from the top keys list.", "bash", "kubectl -n prod exec deploy/{svc} -- {svc}-admin cache warm --top 5000"),
            ("Watch database load fall before declaring the incident mitigated.", "", ""),
        ],
        subs: [
            ("Warm the cache", "bash", "kubectl -n prod create job --from=cronjob/{svc}-cache-warm {svc}-cache-warm-manual\nkubectl -n prod logs job/{svc}-cache-warm-manual -f"),
            ("Enable request coalescing", "yaml", "cache:\n  coalesce: true\n  stale_while_revalidate: 60s\n  ttl_jitter: 20%"),
        ],
        inc_titles: ["{Name} cache stampede", "{Name} database overload after cache flush", "{Name} cache miss storm"],
        triggers: [
            "A Redis failover for {svc} came back with an empty cache.",
            "Thousands of {svc} cache keys expired in the same second after a bulk load.",
            "A deploy of {svc} changed the cache key format, so every lookup missed.",
        ],
        whys: [
            "Every miss went to the database with no coalescing.",
            "TTL values had no jitter, so related keys expired together.",
            "The cache warm job ran only once a day.",
            "Cache key changes were not treated as risky changes.",
        ],
        actions: [
            "Add request coalescing to the {svc} cache client",
            "Add TTL jitter to bulk-loaded keys",
            "Warm the {svc} cache after every failover",
            "Version cache keys so deploys can warm new keys first",
        ],
        rc_code: ("bash", "redis-cli -h redis-{svc}.prod.internal INFO keyspace\nredis-cli -h redis-{svc}.prod.internal CONFIG GET maxmemory-policy"),
    },
];

const FIRST: &[&str] = &[
    "Ana", "Li", "Chidi", "Priya", "Mateo", "Hana", "Jonas", "Amara", "Diego", "Sofia", "Kenji", "Leila", "Tomas",
    "Nadia", "Samuel", "Ingrid", "Ravi", "Marta", "Oliver", "Yara", "Pavel", "Aiko", "Lucas", "Zainab", "Emil",
    "Camila", "Arjun", "Freya", "Omar", "Greta", "Noah", "Zoë", "José", "Björn", "Chloé", "Søren", "Aylin",
];
const LAST: &[&str] = &[
    "Ruiz", "Wei", "Okafor", "Nair", "Rossi", "Sato", "Berg", "Mensah", "Alvarez", "Costa", "Tanaka", "Haddad",
    "Novak", "Petrova", "Adeyemi", "Lund", "Iyer", "Kowalski", "Bennett", "Farouk", "Horvat", "Mori", "Silva", "Bello",
    "Fischer", "Duarte", "Mehta", "Larsen", "Khalil", "Müller", "Dvořák", "Núñez", "Øberg", "Şahin",
];

/// Names are real names (accents and all); addresses and handles are their ASCII spelling.
fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'ë' => 'e',
            'ö' | 'ø' | 'Ø' => 'o',
            'ü' => 'u',
            'ñ' => 'n',
            'ú' => 'u',
            'ř' => 'r',
            'á' => 'a',
            'Ş' => 's',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

struct Person {
    name: String,
    email: String,
    handle: String,
    phone: String,
}

fn roster() -> Vec<Person> {
    (0..120)
        .map(|i| {
            let f = FIRST[i % FIRST.len()];
            let l = LAST[(i * 7 + i / FIRST.len()) % LAST.len()];
            let phone =
                if i % 3 == 2 { format!("+44 20 7946 0{:03}", 100 + i) } else { format!("+1-555-01{:02}", i % 100) };
            Person {
                name: format!("{f} {l}"),
                email: format!("{}.{}@corp.test", ascii_fold(f), ascii_fold(l)),
                handle: format!("@{}{}", ascii_fold(f), &ascii_fold(l)[..1]),
                phone,
            }
        })
        .collect()
}

const OVERVIEW: &[&str] = &[
    "{Name} is owned by {team} and runs in the prod cluster in three availability zones.",
    "Most customer-facing flows depend on {svc}, so a degradation here usually shows up as errors elsewhere first.",
    "This runbook covers the {topic} scenario: how to recognise it, how to confirm it and how to get back to a healthy state.",
    "The steps below assume access to the prod cluster through the bastion and the on-call role in the cloud console.",
    "If you are unsure whether this runbook applies, follow the diagnosis steps anyway; they are read-only.",
    "Dashboards for {svc} live in Grafana under the {team} folder; the overview board shows traffic, errors and saturation.",
    "Changes made while following this runbook must be announced in the incident channel before they are applied.",
    "The service level objective for {svc} is 99.9% of requests succeeding within 500 ms over 28 days.",
    "Capacity for {svc} is reviewed monthly; the last review raised the baseline to {num} requests per second.",
    "When in doubt, stabilise first and investigate later: a quick mitigation is worth more than a perfect diagnosis.",
];

const WHEN: &[&str] = &[
    "`{alert}` fired and did not clear within ten minutes.",
    "Customers or internal teams report problems that match the symptoms below.",
    "Another runbook sent you here after ruling out its own scenario.",
    "A deploy or configuration change to {svc} coincides with degraded health checks.",
    "The synthetic checks for {svc} fail from two or more regions.",
];

const ESCALATE: &[&str] = &[
    "Escalate to the secondary on-call ({second}) if the primary has not acknowledged within 10 minutes.",
    "Page the incident commander rotation (PagerDuty service `incident-commander`) for anything customer-visible that lasts longer than 30 minutes.",
    "Bring in the database team in #team-database if the diagnosis points to storage or replication.",
    "Open a vendor ticket when the cause is outside our infrastructure, and link it in #inc-{svc}.",
    "For suspected data loss, stop and call the engineering manager on call at {mgr} before changing anything.",
    "Post a status page update for any SEV1 or SEV2 within 15 minutes; the communications lead is in #status-updates.",
];

const SUMMARY: &[&str] = &[
    "{trigger}",
    "For {dur} minutes — the whole window — about {pct}% of requests to {svc} failed or were too slow to be useful.",
    "The {svc} on-call was paged by `{alert}` {det} minutes after the problem started.",
    "The incident commander declared {sev} and opened the incident channel.",
    "Mitigation consisted of the steps from the runbook, applied in order — with one deviation, noted below.",
    "Monitoring confirmed recovery before the incident was resolved.",
    "Customers noticed the problem mainly through failed actions and slow pages (“the app just spins”).",
    "No data was lost; a small number of requests had to be replayed after recovery.",
];

const IMPACT_METRICS: &[&str] = &[
    "Failed requests",
    "Affected customers",
    "Failed checkouts",
    "Delayed messages",
    "Support tickets",
    "Error budget spent",
];

const IMPACT_PROSE: &[&str] = &[
    "Internal tools that depend on {svc} were degraded for the same period.",
    "Mobile clients retried automatically, which hid part of the impact from users but added load.",
    "Two enterprise customers contacted their account managers during the incident.",
    "The error budget for the month was already low, so deploys were frozen for the rest of the week.",
    "Partners calling our public API saw elevated errors and were informed through the status page.",
];

const EXTRA_EVENTS: &[&str] = &[
    "Incident channel #inc-{svc} opened and {sev} declared",
    "{commander} joins as incident commander",
    "Status page updated: investigating degraded {svc}",
    "Dashboards show the problem is limited to {svc} and its direct callers",
    "Recent deploys ruled out as the trigger",
    "On-call for {other} joins the call",
    "Hypothesis: {why}",
    "Customer support briefed and macro published",
    "Second responder starts the diagnosis steps from the runbook",
    "Traffic shifted away from the most affected zone",
    "Vendor ticket opened and linked in the channel",
    "Status page updated with the workaround",
];

const LESSONS: &[&str] = &[
    "The runbook steps worked, but finding the right runbook took too long; alerts now link to it directly.",
    "Declaring the incident early paid off: the commander kept the call focused while responders worked.",
    "Our dashboards showed the symptom within a minute, but nothing pointed at the cause.",
    "Status page updates were late; the communications lead now owns them from the first minute.",
    "Rolling back first and debugging afterwards would have shortened the outage.",
    "Two responders made overlapping changes; changes are now announced in the channel before they are applied.",
    "The alert fired on time, but it paged a rotation that no longer owns {svc}.",
    "Practising this scenario in a game day would have made the response calmer.",
];

const SEVERITY_WEIGHTS: &[(&str, u32)] = &[("SEV1", 5), ("SEV2", 20), ("SEV3", 45), ("SEV4", 30)];

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/// GitHub heading id, exactly as sitrep computes it (so generated #anchors resolve).
fn github_slug(text: &str) -> String {
    sitrep::markdown::github_slug(text)
}

/// "The host" -> "the host", but "DNS" and "CoreDNS" stay as they are.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().collect::<String>() + &s[a.len_utf8()..]
        }
        _ => s.to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Word-wraps `text` at 100 columns, each line prefixed with `indent`.
fn wrap_into(out: &mut String, text: &str, indent: &str) {
    // Markdown links are never split across lines: their spaces are protected first.
    let mut protected = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ => {}
        }
        protected.push(if c == ' ' && depth > 0 { '\u{1}' } else { c });
    }
    let mut line = String::new();
    for word in protected.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > 100 {
            out.push_str(indent);
            out.push_str(&line.replace('\u{1}', " "));
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line.replace('\u{1}', " "));
        out.push('\n');
    }
}

/// Relative path from the directory of `from` to `to` (both relative to `content/`).
fn rel_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

// ---------------------------------------------------------------------------------------------
// Plan: every document's identity, path and headings, decided before any body is written
// ---------------------------------------------------------------------------------------------

struct RunbookPlan {
    svc: usize,
    topic: usize,
    num: usize,
    slug: String,
    title: String,
    path: String,
    incidents: Vec<usize>,
}

struct IncidentPlan {
    svc: usize,
    topic: usize,
    start: i64,
    id: String,
    title: String,
    path: String,
    runbooks: Vec<usize>,
}

struct Plan {
    runbooks: Vec<RunbookPlan>,
    incidents: Vec<IncidentPlan>,
    people: Vec<Person>,
    seed: u64,
}

const STREAM_RB_PLAN: u64 = 1;
const STREAM_INC_PLAN: u64 = 2;
const STREAM_RB_BODY: u64 = 3;
const STREAM_INC_BODY: u64 = 4;

/// Headings of a runbook of `topic` (h2 and h3, all distinct).
fn runbook_anchors(topic: &Topic) -> Vec<(&'static str, String)> {
    let mut v: Vec<&'static str> = vec!["Overview", "Contacts", "Symptoms", "Diagnosis"];
    v.extend(topic.checks.iter().map(|c| c.0));
    v.push("Mitigation");
    v.extend(topic.subs.iter().map(|c| c.0));
    v.extend(["Escalation", "Related"]);
    v.into_iter().map(|h| (h, github_slug(h))).collect()
}

const INCIDENT_HEADINGS: &[&str] = &[
    "Summary",
    "Impact",
    "Timeline",
    "Root Cause",
    "Trigger",
    "Contributing factors",
    "Action Items",
    "Lessons Learned",
];

fn eligible_topics(tech: Tech) -> Vec<usize> {
    TOPICS.iter().enumerate().filter(|(_, t)| t.techs.contains(&tech)).map(|(i, _)| i).collect()
}

fn fill(template: &str, s: &Service) -> String {
    template.replace("{svc}", s.key).replace("{Name}", s.name).replace("{Camel}", s.camel)
}

fn plan(docs: usize, seed: u64) -> Plan {
    let n_rb = if docs == 0 { 0 } else { ((docs + 2) / 5).clamp(1, docs) };
    let n_inc = docs - n_rb;
    let topics_by_tech: Vec<Vec<usize>> = SERVICES.iter().map(|s| eligible_topics(s.tech)).collect();

    let mut runbooks = Vec::with_capacity(n_rb);
    for i in 0..n_rb {
        let mut r = Rng::derive(seed, STREAM_RB_PLAN, i as u64);
        let svc = r.below(SERVICES.len());
        let topic = *r.pick(&topics_by_tech[svc]);
        let s = &SERVICES[svc];
        let t = &TOPICS[topic];
        let num = i + 1;
        let slug = format!("{}-{}-{}", s.short, t.slug, num);
        // "DNS DNS resolution failures 7" reads badly: drop the service name when the topic has it.
        let title = if t.title.to_lowercase().starts_with(&s.name.to_lowercase()) {
            format!("{} {}", capitalise(t.title), num)
        } else {
            format!("{} {} {}", s.name, t.title, num)
        };
        let path = format!("runbooks/{}/{}.md", s.key, slug);
        runbooks.push(RunbookPlan { svc, topic, num, slug, title, path, incidents: Vec::new() });
    }

    let mut by_svc_topic: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut by_svc: Vec<Vec<usize>> = vec![Vec::new(); SERVICES.len()];
    for (i, rb) in runbooks.iter().enumerate() {
        by_svc_topic.entry((rb.svc, rb.topic)).or_default().push(i);
        by_svc[rb.svc].push(i);
    }

    // 2024-01-01 .. 2026-10-31 inclusive.
    let first_day = days_from_civil(2024, 1, 1);
    let last_day = days_from_civil(2026, 10, 31);
    let mut incidents = Vec::with_capacity(n_inc);
    for i in 0..n_inc {
        let mut r = Rng::derive(seed, STREAM_INC_PLAN, i as u64);
        let svc = r.below(SERVICES.len());
        let topic = *r.pick(&topics_by_tech[svc]);
        let day = r.range(first_day, last_day);
        // Leave room for the longest incident (20 + 10 + 240 + 300 minutes) within the day.
        let start = day * 1440 + r.range(0, 1440 - 600);
        let s = &SERVICES[svc];
        let title = fill(r.pick::<&str>(&TOPICS[topic].inc_titles), s);
        let title = capitalise(&title);
        let mut rbs = Vec::new();
        if n_rb > 0 {
            let pool: &[usize] = match by_svc_topic.get(&(svc, topic)) {
                Some(v) => v,
                None if !by_svc[svc].is_empty() => &by_svc[svc],
                None => &[],
            };
            let k = 1 + r.below(2);
            if pool.is_empty() {
                rbs.push(r.below(n_rb));
            } else {
                for j in r.sample(pool.len(), k) {
                    rbs.push(pool[j]);
                }
            }
            if r.chance(0.3) {
                let extra = r.below(n_rb);
                if !rbs.contains(&extra) {
                    rbs.push(extra);
                }
            }
        }
        incidents.push(IncidentPlan {
            svc,
            topic,
            start,
            id: String::new(),
            title,
            path: String::new(),
            runbooks: rbs,
        });
    }
    // Number incidents per year in chronological order.
    let mut order: Vec<usize> = (0..n_inc).collect();
    order.sort_by_key(|&i| (incidents[i].start, i));
    let mut sorted: Vec<IncidentPlan> = Vec::with_capacity(n_inc);
    let mut slots: Vec<Option<IncidentPlan>> = incidents.into_iter().map(Some).collect();
    for i in order {
        sorted.push(slots[i].take().expect("each incident once"));
    }
    let mut incidents = sorted;
    let mut year_seq: HashMap<i64, usize> = HashMap::new();
    for inc in incidents.iter_mut() {
        let (y, _, _) = civil_from_days(inc.start.div_euclid(1440));
        let seq = year_seq.entry(y).or_insert(0);
        *seq += 1;
        inc.id = format!("INC-{y}-{:04}", *seq);
        inc.path = format!("incidents/{y}/inc-{y}-{:04}.md", *seq);
    }
    for (i, inc) in incidents.iter().enumerate() {
        for &rb in &inc.runbooks {
            runbooks[rb].incidents.push(i);
        }
    }
    Plan { runbooks, incidents, people: roster(), seed }
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Runbook(usize),
    Incident(usize),
}

impl Plan {
    fn path(&self, t: Target) -> &str {
        match t {
            Target::Runbook(i) => &self.runbooks[i].path,
            Target::Incident(i) => &self.incidents[i].path,
        }
    }

    /// A Markdown link from the document at `from` to `t`, maybe with an anchor.
    fn link(&self, r: &mut Rng, from: &str, t: Target, anchor: bool) -> String {
        let href = rel_path(from, self.path(t));
        match t {
            Target::Runbook(i) => {
                let rb = &self.runbooks[i];
                if anchor {
                    let anchors = runbook_anchors(&TOPICS[rb.topic]);
                    let (h, a) = r.pick(&anchors[1..anchors.len() - 1]);
                    format!("[{} ({})]({href}#{a})", rb.title, h.to_lowercase())
                } else {
                    format!("[{}]({href})", rb.title)
                }
            }
            Target::Incident(i) => {
                let inc = &self.incidents[i];
                if anchor {
                    let h = *r.pick(&INCIDENT_HEADINGS[1..]);
                    format!("[{} {}]({href}#{})", inc.id, h.to_lowercase(), github_slug(h))
                } else {
                    format!("[{}: {}]({href})", inc.id, inc.title)
                }
            }
        }
    }

    fn random_runbook(&self, r: &mut Rng, svc: Option<usize>, not: Option<usize>) -> Option<usize> {
        let n = self.runbooks.len();
        if n == 0 || (n == 1 && not == Some(0)) {
            return None;
        }
        for _ in 0..8 {
            let i = r.below(n);
            if Some(i) != not && svc.is_none_or(|s| self.runbooks[i].svc == s) {
                return Some(i);
            }
        }
        loop {
            let i = r.below(n);
            if Some(i) != not {
                return Some(i);
            }
        }
    }

    fn random_incident(&self, r: &mut Rng, svc: Option<usize>, not: Option<usize>) -> Option<usize> {
        let n = self.incidents.len();
        if n == 0 || (n == 1 && not == Some(0)) {
            return None;
        }
        for _ in 0..8 {
            let i = r.below(n);
            if Some(i) != not && svc.is_none_or(|s| self.incidents[i].svc == s) {
                return Some(i);
            }
        }
        loop {
            let i = r.below(n);
            if Some(i) != not {
                return Some(i);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/// A rendered document: front-matter lines (without `---`), the Hugo `date:` value, the body.
struct Doc {
    path: String,
    front: String,
    date: String,
    body: String,
}

fn code_block(out: &mut String, lang: &str, code: &str, s: &Service, indent: &str) {
    let _ = writeln!(out, "{indent}```{lang}");
    for line in fill(code, s).lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    let _ = writeln!(out, "{indent}```");
}

fn paragraph(out: &mut String, r: &mut Rng, pool: &[&str], k: usize, subst: &dyn Fn(&str) -> String) {
    let idx = r.sample(pool.len(), k);
    let text: Vec<String> = idx.iter().map(|&i| subst(pool[i])).collect();
    wrap_into(out, &text.join(" "), "");
    out.push('\n');
}

fn render_runbook(p: &Plan, i: usize) -> Doc {
    let rb = &p.runbooks[i];
    let mut r = Rng::derive(p.seed, STREAM_RB_BODY, i as u64);
    let s = &SERVICES[rb.svc];
    let t = &TOPICS[rb.topic];
    let team = format!("team-{}", s.key);
    let alert = format!("{}{}{}", s.camel, t.alert, rb.num);
    let people = &p.people;
    let base = rb.svc * 5;
    let primary = &people[(base + r.below(3)) % people.len()];
    let secondary = &people[(base + 3 + r.below(2)) % people.len()];
    let manager = &people[(base + 5) % people.len()];

    // Front-matter.
    let today = days_from_civil(2026, 11, 1);
    let (review_every, interval) = *r.pick(&[("90d", 90), ("180d", 180), ("180d", 180), ("365d", 365)]);
    // About one runbook in ten is overdue for review.
    let reviewed =
        if r.chance(0.9) { today - r.range(1, interval - 5) } else { today - r.range(interval + 1, interval + 200) };
    let mut services = vec![s.key];
    if r.chance(0.6) {
        let other = SERVICES[r.below(SERVICES.len())].key;
        if other != s.key {
            services.push(other);
        }
    }
    let mut tags = vec![t.tags[0], t.tags[1]];
    if !tags.contains(&s.tech_tag) {
        tags.push(s.tech_tag);
    }
    let mut alerts = vec![alert.clone()];
    if r.chance(0.4) {
        alerts.push(format!("{}SLOBurnRate{}", s.camel, rb.num));
    }
    let status = if r.chance(0.93) { "active" } else { *r.pick(&["draft", "deprecated"]) };
    let mut front = String::with_capacity(600);
    let _ = writeln!(front, "title: \"{}\"", rb.title);
    let _ = writeln!(front, "owner: \"{team}\"");
    let _ = writeln!(front, "last_reviewed: {}", fmt_date(reviewed));
    let _ = writeln!(front, "review_every: {review_every}");
    let _ = writeln!(front, "services: [{}]", services.join(", "));
    let _ = writeln!(front, "tags: [{}]", tags.join(", "));
    let _ = writeln!(front, "alerts: [{}]", alerts.join(", "));
    let _ = writeln!(front, "status: {status}");
    front.push_str("contacts:\n");
    let _ = writeln!(front, "  - role: primary\n    name: \"{}\"\n    reach: \"{}\"", primary.name, primary.email);
    let _ =
        writeln!(front, "  - role: secondary\n    name: \"{}\"\n    reach: \"{}\"", secondary.name, secondary.phone);
    let _ = writeln!(
        front,
        "  - role: escalation\n    name: \"{} on-call\"\n    reach: \"pagerduty: {}-primary\"",
        s.name, s.key
    );

    // Links: 3-5, spread over Overview, Escalation and Related.
    let n_links = 3 + r.below(3);
    let mut targets: Vec<(Target, bool)> = Vec::new();
    let mut seen: BTreeSet<(u8, usize)> = BTreeSet::new();
    for &inc in rb.incidents.iter().take(2) {
        if seen.insert((1, inc)) {
            targets.push((Target::Incident(inc), r.chance(0.3)));
        }
    }
    let mut guard = 0;
    while targets.len() < n_links && guard < 40 {
        guard += 1;
        let t = if r.chance(0.55) {
            p.random_runbook(&mut r, Some(rb.svc), Some(i)).map(|x| (0u8, x))
        } else {
            p.random_incident(&mut r, Some(rb.svc), None).map(|x| (1u8, x))
        };
        let Some(key) = t else { continue };
        if seen.insert(key) {
            let target = if key.0 == 0 { Target::Runbook(key.1) } else { Target::Incident(key.1) };
            targets.push((target, r.chance(0.4)));
        }
    }
    let links: Vec<String> = targets.iter().map(|&(t, a)| p.link(&mut r, &rb.path, t, a)).collect();

    let num = format!("{}", 200 * (1 + r.below(40)));
    let topic_title = t.title;
    let subst = |x: &str| {
        fill(x, s)
            .replace("{team}", &team)
            .replace("{topic}", topic_title)
            .replace("{alert}", &alert)
            .replace("{num}", &num)
            .replace("{second}", &secondary.handle)
            .replace("{mgr}", &manager.phone)
    };

    let mut b = String::with_capacity(8000);
    let _ = writeln!(b, "# {}\n", rb.title);
    let lead = format!(
        "Use this runbook when {} shows signs of {}. It is maintained by {} and was last exercised in a game day.",
        s.key, t.title, team
    );
    wrap_into(&mut b, &lead, "");
    b.push('\n');

    b.push_str("## Overview\n\n");
    let ov: Vec<String> = r.sample(OVERVIEW.len(), 5).into_iter().map(|k| subst(OVERVIEW[k])).collect();
    wrap_into(&mut b, &ov[..3].join(" "), "");
    b.push('\n');
    wrap_into(&mut b, &ov[3..].join(" "), "");
    b.push('\n');
    b.push_str("Use this runbook when:\n\n");
    for k in r.sample(WHEN.len(), 3) {
        let _ = writeln!(b, "- {}", subst(WHEN[k]));
    }
    b.push('\n');
    let mut li = links.iter();
    if let Some(l) = li.next() {
        wrap_into(&mut b, &format!("For background on how this fails in practice, see {l}."), "");
        b.push('\n');
    }

    b.push_str("## Contacts\n\n| Role | Name | Reach |\n|------|------|-------|\n");
    let _ = writeln!(b, "| Primary | {} | {}, {} |", primary.name, primary.email, primary.phone);
    let _ = writeln!(b, "| Secondary | {} | {}, {} |", secondary.name, secondary.handle, secondary.email);
    let _ = writeln!(b, "| Escalation | {} on-call | PagerDuty service `{}-primary` |", s.name, s.key);
    let _ = writeln!(b, "| Team channel | {} | #{} |", team, team);
    let _ = writeln!(b, "| Incident channel | Incident commander | #inc-{} |", s.key);
    b.push('\n');
    wrap_into(
        &mut b,
        &format!("Outside business hours, page through PagerDuty rather than messaging people directly. The {team} manager can be reached at {}.", manager.phone),
        "",
    );
    b.push('\n');

    b.push_str("## Symptoms\n\n");
    let n_sym = 3 + r.below(2);
    for k in r.sample(4, n_sym) {
        let _ = writeln!(b, "- {}", fill(t.symptoms[k], s));
    }
    b.push('\n');
    b.push_str("| Alert | Threshold | For |\n|-------|-----------|-----|\n");
    let _ = writeln!(b, "| `{}` | see rule in `alerts/{}.yaml` | {}m |", alert, s.key, 5 * (1 + r.below(3)));
    let _ = writeln!(b, "| `{}SLOBurnRate{}` | 14.4x over 1h | 2m |", s.camel, rb.num);
    b.push('\n');

    b.push_str("## Diagnosis\n\n");
    wrap_into(&mut b, "All commands in this section are read-only and safe to run at any time. Run them in order and note the results in the incident channel.", "");
    b.push('\n');
    for (h, lang, code) in &t.checks {
        let _ = writeln!(b, "### {h}\n");
        wrap_into(
            &mut b,
            &format!(
                "{} This usually takes less than {} minutes.",
                subst(r.pick::<&str>(&[
                    "Start here when the alert is fresh.",
                    "Compare the output with the same time last week.",
                    "If the output looks normal, move on to the next check.",
                    "Share the output in #inc-{svc} so others can follow along."
                ])),
                2 + r.below(4)
            ),
            "",
        );
        b.push('\n');
        code_block(&mut b, lang, code, s, "");
        b.push('\n');
    }

    b.push_str("## Mitigation\n\n");
    for (k, (text, lang, code)) in t.steps.iter().enumerate() {
        let _ = writeln!(b, "{}. {}", k + 1, fill(text, s));
        if !lang.is_empty() {
            b.push('\n');
            code_block(&mut b, lang, code, s, "   ");
        }
        b.push('\n');
    }
    for (h, lang, code) in &t.subs {
        let _ = writeln!(b, "### {h}\n");
        wrap_into(
            &mut b,
            &subst(r.pick::<&str>(&[
                "Only do this after the diagnosis confirms the scenario.",
                "This is safe to repeat if the first attempt does not help.",
                "Announce this in the incident channel before you start.",
                "Expect a short spike in errors while this takes effect.",
            ])),
            "",
        );
        b.push('\n');
        code_block(&mut b, lang, code, s, "");
        b.push('\n');
    }

    b.push_str("## Escalation\n\n");
    for k in r.sample(ESCALATE.len(), 3) {
        let _ = writeln!(b, "- {}", subst(ESCALATE[k]));
    }
    b.push('\n');
    if let Some(l) = li.next() {
        wrap_into(&mut b, &format!("If the mitigation does not hold, compare with {l} before escalating further."), "");
        b.push('\n');
    }

    b.push_str("## Related\n\n");
    for l in li {
        let _ = writeln!(b, "- {l}");
    }
    let _ = writeln!(b, "- Dashboard: Grafana folder `{team}`, board `{} overview`", s.name);

    Doc { path: rb.path.clone(), front, date: fmt_date(reviewed), body: b }
}

fn pick_severity(r: &mut Rng) -> &'static str {
    let total: u32 = SEVERITY_WEIGHTS.iter().map(|w| w.1).sum();
    let mut x = r.below(total as usize) as u32;
    for (s, w) in SEVERITY_WEIGHTS {
        if x < *w {
            return s;
        }
        x -= w;
    }
    "SEV4"
}

/// `k` distinct sorted minutes strictly between `lo` and `hi`.
fn minutes_between(r: &mut Rng, lo: i64, hi: i64, k: usize) -> Vec<i64> {
    let span = (hi - lo - 1).max(0) as usize;
    let mut v: Vec<i64> = r.sample(span, k).into_iter().map(|x| lo + 1 + x as i64).collect();
    v.sort_unstable();
    v
}

fn render_incident(p: &Plan, i: usize) -> Doc {
    let inc = &p.incidents[i];
    let mut r = Rng::derive(p.seed, STREAM_INC_BODY, i as u64);
    let s = &SERVICES[inc.svc];
    let t = &TOPICS[inc.topic];
    let people = &p.people;
    let alert = format!("{}{}", s.camel, t.alert);
    let sev = pick_severity(&mut r);

    // Times (minutes since the epoch), all within the start day.
    let t0 = inc.start;
    let t1 = t0 + r.range(1, 20);
    let t2 = t1 + r.range(1, 10);
    let t3 = t2 + r.range(20, 240);
    let t4 = t3 + r.range(15, 300);
    let day = t0.div_euclid(1440);
    let recent = day >= days_from_civil(2026, 9, 1);
    let status = if recent && r.chance(0.5) {
        *r.pick(&["investigating", "mitigated"])
    } else if r.chance(0.62) {
        "resolved"
    } else {
        "closed"
    };
    let open = status == "investigating" || status == "mitigated";
    let postmortem = if open {
        "draft"
    } else if day >= days_from_civil(2026, 10, 15) {
        *r.pick(&["draft", "review"])
    } else if r.chance(0.96) {
        "published"
    } else {
        *r.pick(&["draft", "review"])
    };

    let mut services = vec![s.key];
    for _ in 0..r.below(3) {
        let o = SERVICES[r.below(SERVICES.len())].key;
        if !services.contains(&o) {
            services.push(o);
        }
    }
    let crew = r.sample(people.len(), 4);
    let commander = &people[crew[0]];
    let n_auth = 1 + r.below(3);
    let authors: Vec<&Person> = crew[1..1 + n_auth].iter().map(|&k| &people[k]).collect();
    let responder = &people[crew[1]];
    let mut tags = vec![t.tags[0]];
    if r.chance(0.5) {
        tags.push(t.tags[1]);
    }
    if r.chance(0.3) {
        tags.push(s.tech_tag);
    }

    let mut front = String::with_capacity(600);
    let _ = writeln!(front, "id: {}", inc.id);
    let _ = writeln!(front, "title: \"{}\"", inc.title);
    let _ = writeln!(front, "severity: {sev}");
    let _ = writeln!(front, "status: {status}");
    let _ = writeln!(front, "started: {}", fmt_ts(t0));
    let _ = writeln!(front, "detected: {}", fmt_ts(t1));
    let _ = writeln!(front, "acknowledged: {}", fmt_ts(t2));
    if status != "investigating" {
        let _ = writeln!(front, "mitigated: {}", fmt_ts(t3));
    }
    if !open {
        let _ = writeln!(front, "resolved: {}", fmt_ts(t4));
    }
    let _ = writeln!(front, "services: [{}]", services.join(", "));
    let _ = writeln!(front, "commander: \"{}\"", commander.name);
    let quoted: Vec<String> = authors.iter().map(|a| format!("\"{}\"", a.name)).collect();
    let _ = writeln!(front, "authors: [{}]", quoted.join(", "));
    let rb_slugs: Vec<&str> = inc.runbooks.iter().map(|&k| p.runbooks[k].slug.as_str()).collect();
    let _ = writeln!(front, "runbooks: [{}]", rb_slugs.join(", "));
    let _ = writeln!(front, "postmortem: {postmortem}");
    let _ = writeln!(front, "tags: [{}]", tags.join(", "));

    // Links: the incident's runbooks first, then related incidents and runbooks.
    let n_links = 3 + r.below(3);
    let mut targets: Vec<(Target, bool)> = Vec::new();
    let mut seen: BTreeSet<(u8, usize)> = BTreeSet::new();
    for &k in inc.runbooks.iter().take(2) {
        if seen.insert((0, k)) {
            targets.push((Target::Runbook(k), !targets.is_empty() || r.chance(0.3)));
        }
    }
    let mut guard = 0;
    while targets.len() < n_links && guard < 40 {
        guard += 1;
        let key = if r.chance(0.6) {
            p.random_incident(&mut r, Some(inc.svc), Some(i)).map(|x| (1u8, x))
        } else {
            p.random_runbook(&mut r, Some(inc.svc), None).map(|x| (0u8, x))
        };
        let Some(key) = key else { continue };
        if seen.insert(key) {
            let target = if key.0 == 0 { Target::Runbook(key.1) } else { Target::Incident(key.1) };
            targets.push((target, r.chance(0.35)));
        }
    }
    let links: Vec<String> = targets.iter().map(|&(t, a)| p.link(&mut r, &inc.path, t, a)).collect();
    let mut li = links.iter();

    let trigger = fill(r.pick::<&str>(&t.triggers), s);
    let why0 = fill(r.pick::<&str>(&t.whys), s).trim_end_matches('.').to_lowercase();
    let dur = if open { t2 - t0 + 30 } else { t3 - t0 };
    let pct = 2 + r.below(60);
    let other = SERVICES[r.below(SERVICES.len())].key;
    let subst = |x: &str| {
        fill(x, s)
            .replace("{trigger}", &trigger)
            .replace("{dur}", &dur.to_string())
            .replace("{pct}", &pct.to_string())
            .replace("{alert}", &alert)
            .replace("{det}", &(t1 - t0).to_string())
            .replace("{sev}", sev)
            .replace("{commander}", &commander.name)
            .replace("{other}", other)
            .replace("{why}", &why0)
    };

    let mut b = String::with_capacity(8000);
    let _ = writeln!(b, "# {}\n", inc.title);

    b.push_str("## Summary\n\n");
    let mut sum = vec![trigger.clone()];
    for k in r.sample(SUMMARY.len() - 1, 3) {
        sum.push(subst(SUMMARY[k + 1]));
    }
    wrap_into(&mut b, &sum.join(" "), "");
    b.push('\n');
    if let Some(l) = li.next() {
        let state = if open { "is still open" } else { "is closed" };
        wrap_into(
            &mut b,
            &format!(
                "The responders followed {l}. This {} incident {state}; {} wrote this report with the responders.",
                sev, authors[0].name
            ),
            "",
        );
        b.push('\n');
    }

    b.push_str("## Impact\n\n| Metric | Value |\n|--------|-------|\n");
    let _ = writeln!(b, "| Duration | {dur} minutes |");
    let n_metrics = 2 + r.below(3);
    for k in r.sample(IMPACT_METRICS.len(), n_metrics) {
        let v = match k {
            0 => format!("about {},{:03}", 1 + r.below(900), r.below(1000)),
            1 => format!("about {}", 100 * (1 + r.below(300))),
            2 => format!("{} orders", 10 + r.below(3000)),
            3 => format!("{} messages, up to {} minutes late", 1000 * (1 + r.below(500)), 5 + r.below(120)),
            4 => format!("{}", 3 + r.below(200)),
            _ => format!("{}% of the monthly budget", 5 + r.below(80)),
        };
        let _ = writeln!(b, "| {} | {v} |", IMPACT_METRICS[k]);
    }
    b.push('\n');
    paragraph(&mut b, &mut r, IMPACT_PROSE, 2, &subst);

    // Timeline: 6-12 rows, strictly increasing minutes within the day.
    b.push_str("## Timeline\n\n| Time (UTC) | Event |\n|------------|-------|\n");
    let mut rows: Vec<(i64, String)> = vec![
        (t0, format!("Problem starts: {}", lower_first(trigger.trim_end_matches('.')))),
        (t1, format!("`{alert}` fires and pages the {} on-call", s.key)),
        (t2, format!("{} acknowledges the page", responder.name)),
    ];
    let extras: Vec<&str> = r.sample(EXTRA_EVENTS.len(), 9).into_iter().map(|k| EXTRA_EVENTS[k]).collect();
    let mut ex = extras.into_iter();
    match status {
        "investigating" => {
            let k = 3 + r.below(7);
            for m in minutes_between(&mut r, t2, t3, k) {
                rows.push((m, subst(ex.next().unwrap_or("Investigation continues"))));
            }
        }
        _ => {
            let total_extra = if open { 2 + r.below(7) } else { 1 + r.below(7) };
            let after = if total_extra > 1 { r.below(3.min(total_extra)) } else { 0 };
            for m in minutes_between(&mut r, t2, t3, total_extra - after) {
                rows.push((m, subst(ex.next().unwrap_or("Investigation continues"))));
            }
            rows.push((
                t3,
                format!("Mitigation applied: {}; error rate back to baseline", t.subs[r.below(2)].0.to_lowercase()),
            ));
            let end = if open { t3 + 120 } else { t4 };
            for m in minutes_between(&mut r, t3, end, after) {
                rows.push((
                    m,
                    format!(
                        "Monitoring: {} stable, {}",
                        s.key,
                        r.pick(&[
                            "no new errors",
                            "latency within SLO",
                            "backlog drained",
                            "customers confirm recovery"
                        ])
                    ),
                ));
            }
            if !open {
                rows.push((t4, "Incident resolved; follow-up moved to the postmortem".to_string()));
            }
        }
    }
    for (m, e) in &rows {
        let _ = writeln!(b, "| {} | {} |", fmt_hhmm(*m), e);
    }
    b.push('\n');

    b.push_str("## Root Cause\n\n");
    wrap_into(&mut b, &format!("{trigger} The trigger alone would have been a minor event; the outage lasted {dur} minutes because of the following chain:"), "");
    b.push('\n');
    for (k, w) in r.sample(4, 3).into_iter().enumerate() {
        let _ = writeln!(b, "{}. {}", k + 1, fill(t.whys[w], s));
    }
    b.push('\n');
    b.push_str("### Trigger\n\n");
    wrap_into(
        &mut b,
        "The responders confirmed the trigger with the following, run against production during the incident:",
        "",
    );
    b.push('\n');
    code_block(&mut b, t.rc_code.0, t.rc_code.1, s, "");
    b.push('\n');
    b.push_str("### Contributing factors\n\n");
    for k in r.sample(3, 2) {
        let _ = writeln!(
            b,
            "- {}",
            subst(
                [
                    "Alerting for {svc} paged the right team, but only after customers noticed.",
                    "A change freeze was not in place despite a busy traffic period.",
                    "The dashboards for {svc} did not show the dependency that failed."
                ][k]
            )
        );
    }
    b.push('\n');
    if let Some(l) = li.next() {
        wrap_into(&mut b, &format!("A similar pattern appeared before; see {l}."), "");
        b.push('\n');
    }

    b.push_str("## Action Items\n\n| Action | Owner | Due | Status | Priority | Ticket |\n|--------|-------|-----|--------|----------|--------|\n");
    let today = days_from_civil(2026, 11, 1);
    let n_actions = 3 + r.below(2);
    for (k, a) in r.sample(4, n_actions).into_iter().enumerate() {
        let owner = &people[crew[(k + 1) % crew.len()]];
        let due = day + r.range(7, 75);
        // Same draws in the same order as before: an old item is nearly always done, others 30%.
        let st = if (due < today - 14 && r.chance(0.97)) || r.chance(0.3) { "done" } else { "open" };
        let pri = *r.pick(&["P0", "P1", "P1", "P2", "P2", "P3"]);
        let _ = writeln!(
            b,
            "| {} | {} | {} | {st} | {pri} | {}-{} |",
            fill(t.actions[a], s),
            owner.handle,
            fmt_date(due),
            s.ticket,
            100 + r.below(9000)
        );
    }
    b.push('\n');

    b.push_str("## Lessons Learned\n\n");
    for k in r.sample(LESSONS.len(), 3) {
        let _ = writeln!(b, "- {}", subst(LESSONS[k]));
    }
    let rest: Vec<&String> = li.collect();
    if !rest.is_empty() {
        b.push('\n');
        b.push_str("Related reading:\n\n");
        for l in rest {
            let _ = writeln!(b, "- {l}");
        }
    }

    Doc { path: inc.path.clone(), front, date: fmt_ts(t0), body: b }
}

// ---------------------------------------------------------------------------------------------
// Hugo site
// ---------------------------------------------------------------------------------------------

const HUGO_TOML: &str = r#"# Generated by gen-corpus: the Hugo equivalent of the sitrep corpus, for benchmarks.
baseURL = "/"
title = "Generated corpus"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
# Generated dates can be later than the machine's clock; publish them anyway.
buildFuture = true

[markup.highlight]
noClasses = false

[markup.goldmark.parser]
autoHeadingIDType = "github"

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<dl class="meta">
{{- if eq .Section "incidents" }}
{{- with .Params.id }}<dt>ID</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.severity }}<dt>Severity</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.status }}<dt>Status</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.started }}<dt>Started</dt><dd>{{ time.Format "2006-01-02 15:04 UTC" . }}</dd>{{ end }}
{{- with .Params.detected }}<dt>Detected</dt><dd>{{ time.Format "2006-01-02 15:04 UTC" . }}</dd>{{ end }}
{{- with .Params.acknowledged }}<dt>Acknowledged</dt><dd>{{ time.Format "2006-01-02 15:04 UTC" . }}</dd>{{ end }}
{{- with .Params.mitigated }}<dt>Mitigated</dt><dd>{{ time.Format "2006-01-02 15:04 UTC" . }}</dd>{{ end }}
{{- with .Params.resolved }}<dt>Resolved</dt><dd>{{ time.Format "2006-01-02 15:04 UTC" . }}</dd>{{ end }}
{{- with .Params.commander }}<dt>Commander</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.authors }}<dt>Authors</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{- with .Params.runbooks }}<dt>Runbooks</dt><dd>{{ range $i, $s := . }}{{ if $i }}, {{ end }}{{ with site.GetPage $s }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ else }}{{ $s }}{{ end }}{{ end }}</dd>{{ end }}
{{- with .Params.postmortem }}<dt>Postmortem</dt><dd>{{ . }}</dd>{{ end }}
{{- else }}
{{- with .Params.owner }}<dt>Owner</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.status }}<dt>Status</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.last_reviewed }}<dt>Last reviewed</dt><dd>{{ time.Format "2006-01-02" . }}</dd>{{ end }}
{{- with .Params.review_every }}<dt>Review every</dt><dd>{{ . }}</dd>{{ end }}
{{- with .Params.alerts }}<dt>Alerts</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{- with .Params.contacts }}<dt>Contacts</dt><dd><ul>{{ range . }}<li>{{ .role }}: {{ .name }} ({{ .reach }})</li>{{ end }}</ul></dd>{{ end }}
{{- end }}
{{- with .Params.services }}<dt>Services</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{- with .Params.tags }}<dt>Tags</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
</dl>
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
</article>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<table>
<thead><tr><th>Date</th><th>Title</th><th>Services</th><th>Status</th></tr></thead>
<tbody>
{{- range .Pages.ByDate.Reverse }}
<tr><td>{{ .Date.Format "2006-01-02" }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ delimit (.Params.services | default slice) ", " }}</td><td>{{ .Params.status }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
"#;

const INDEX: &str = r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<table class="incidents">
<thead><tr><th>Date</th><th>ID</th><th>Title</th><th>Severity</th><th>Services</th><th>Status</th></tr></thead>
<tbody>
{{- range (where site.RegularPages "Section" "incidents").ByDate.Reverse }}
<tr><td>{{ .Date.Format "2006-01-02" }}</td><td>{{ .Params.id }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.severity }}</td><td>{{ delimit (.Params.services | default slice) ", " }}</td><td>{{ .Params.status }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
"#;

/// Rewrites relative `.md` links to the target page's URL (sitrep build does the same).
const RENDER_LINK: &str = r#"{{- $dest := .Destination -}}
{{- $u := urls.Parse $dest -}}
{{- if and (not $u.Scheme) (strings.HasSuffix $u.Path ".md") -}}
  {{- $target := path.Join .Page.File.Dir $u.Path -}}
  {{- with site.GetPage $target -}}
    {{- $dest = .RelPermalink -}}
    {{- with $u.Fragment }}{{ $dest = printf "%s#%s" $dest . }}{{ end -}}
  {{- else -}}
    {{- warnf "%s: broken link %s" $.Page.File.Path $dest -}}
  {{- end -}}
{{- end -}}
<a href="{{ $dest | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /* no trailing newline */ -}}
"#;

fn hugo_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("hugo.toml", HUGO_TOML),
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/_default/list.html", LIST),
        ("layouts/index.html", INDEX),
        ("layouts/_default/_markup/render-link.html", RENDER_LINK),
    ]
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

struct Args {
    docs: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

const USAGE: &str = "usage: gen-corpus --docs N --seed S --out DIR [--hugo DIR2]";

fn parse_args() -> Result<Args, String> {
    let mut docs = None;
    let mut seed = None;
    let mut out = None;
    let mut hugo = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--docs" => docs = Some(val("--docs")?.parse::<usize>().map_err(|e| format!("--docs: {e}"))?),
            "--seed" => seed = Some(val("--seed")?.parse::<u64>().map_err(|e| format!("--seed: {e}"))?),
            "--out" => out = Some(PathBuf::from(val("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(val("--hugo")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let docs = docs.ok_or("--docs is required")?;
    let out = out.ok_or("--out is required")?;
    if hugo.as_ref() == Some(&out) {
        return Err("--out and --hugo must be different directories".into());
    }
    Ok(Args { docs, seed: seed.unwrap_or(1), out, hugo })
}

/// Makes `dir` an empty directory we own, or refuses.
fn prepare_dir(dir: &Path, marker: &str) -> Result<(), String> {
    if dir.exists() {
        let entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        if !entries.is_empty() {
            if !dir.join(MARKER).is_file() {
                return Err(format!(
                    "{} is not empty and has no {MARKER} marker; refusing to overwrite it",
                    dir.display()
                ));
            }
            for e in entries {
                let p = e.path();
                let ft = e.file_type().map_err(|err| format!("{}: {err}", p.display()))?;
                if ft.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) }
                    .map_err(|err| format!("cannot remove {}: {err}", p.display()))?;
            }
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // Marked as ours (but incomplete) before anything else is written.
    std::fs::write(dir.join(MARKER), format!("{marker} state=incomplete\n"))
        .map_err(|e| format!("{}: {e}", dir.display()))
}

fn hugo_front(doc: &Doc) -> String {
    // Hugo needs `date:` for ordering; everything else is accepted as-is (see the report).
    let mut f = String::with_capacity(doc.front.len() + 40);
    for line in doc.front.lines() {
        f.push_str(line);
        f.push('\n');
        if line.starts_with("title:") {
            let _ = writeln!(f, "date: {}", doc.date);
        }
    }
    f
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let marker = format!("gen-corpus v{FORMAT_VERSION} docs={} seed={}", args.docs, args.seed);
    prepare_dir(&args.out, &marker)?;
    if let Some(h) = &args.hugo {
        prepare_dir(h, &marker)?;
    }

    let plan = plan(args.docs, args.seed);
    let n_rb = plan.runbooks.len();
    let total = n_rb + plan.incidents.len();

    // Directories first, then documents in parallel (each is rendered from its own PRNG stream,
    // so the output does not depend on scheduling).
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    for p in plan.runbooks.iter().map(|r| &r.path).chain(plan.incidents.iter().map(|i| &i.path)) {
        dirs.insert(p[..p.rfind('/').unwrap_or(0)].to_string());
    }
    let roots: Vec<&Path> = std::iter::once(args.out.as_path()).chain(args.hugo.as_deref()).collect();
    for root in &roots {
        for d in &dirs {
            std::fs::create_dir_all(root.join("content").join(d)).map_err(|e| format!("{d}: {e}"))?;
        }
    }
    let site_yaml =
        "# sitrep site generated by gen-corpus (examples/gen-corpus.rs) for benchmarks\ntitle: \"Generated corpus\"\n";
    std::fs::write(args.out.join("sitrep.yaml"), site_yaml).map_err(|e| e.to_string())?;
    let mut bytes = site_yaml.len() as u64;
    let mut hugo_bytes = 0u64;
    if let Some(h) = &args.hugo {
        for (rel, text) in hugo_files() {
            let p = h.join(rel);
            std::fs::create_dir_all(p.parent().expect("has parent")).map_err(|e| e.to_string())?;
            std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
            hugo_bytes += text.len() as u64;
        }
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(16);
    let results: Vec<Result<(u64, u64), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|w| {
                let plan = &plan;
                scope.spawn(move || -> Result<(u64, u64), String> {
                    let (mut b, mut hb) = (0u64, 0u64);
                    let mut k = w;
                    while k < total {
                        let doc = if k < n_rb { render_runbook(plan, k) } else { render_incident(plan, k - n_rb) };
                        let text = format!("---\n{}---\n\n{}", doc.front, doc.body);
                        let p = args.out.join("content").join(&doc.path);
                        std::fs::write(&p, &text).map_err(|e| format!("{}: {e}", p.display()))?;
                        b += text.len() as u64;
                        if let Some(h) = &args.hugo {
                            let text = format!("---\n{}---\n\n{}", hugo_front(&doc), doc.body);
                            let p = h.join("content").join(&doc.path);
                            std::fs::write(&p, &text).map_err(|e| format!("{}: {e}", p.display()))?;
                            hb += text.len() as u64;
                        }
                        k += threads;
                    }
                    Ok((b, hb))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker panicked")).collect()
    });
    for r in results {
        let (b, hb) = r?;
        bytes += b;
        hugo_bytes += hb;
    }
    for root in &roots {
        std::fs::write(root.join(MARKER), format!("{marker} state=complete\n")).map_err(|e| e.to_string())?;
    }
    let secs = started.elapsed().as_secs_f64();
    let hugo_note = match &args.hugo {
        Some(h) => format!(", hugo site {:.1} MB in {}", hugo_bytes as f64 / 1e6, h.display()),
        None => String::new(),
    };
    eprintln!(
        "gen-corpus: {total} docs ({n_rb} runbooks, {} incidents), {bytes} bytes ({:.1} MB) in {secs:.2} s -> {}{hugo_note}",
        plan.incidents.len(),
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen-corpus: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
