//! What the platform offers every user: its regions, the container sizes
//! and the stacks. These are platform facts, the same for every seed.

use scalingo_api::{ContainerSize, Stack};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};

/// The default region, whose API is at the root of the simulator.
pub const DEFAULT_REGION: &str = "osc-fr1";
/// The SecNumCloud region, whose API is under `/regions/osc-secnum-fr1`.
pub const SECNUM_REGION: &str = "osc-secnum-fr1";

/// A region of the platform, and the host names its URLs use. Each region
/// has its own API (see `server::regions`); accounts are shared by all of
/// them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionRecord {
    pub name: String,
    pub display_name: String,
    /// Apps are reachable at `https://<app>.<apps_domain>`.
    pub apps_domain: String,
    /// Git remotes are `git@<git_host>:<app>.git`.
    pub git_host: String,
    pub default: bool,
}

/// Where records of data files from before regions live.
pub fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

/// The public regions of the platform, the default one first.
pub fn regions() -> Vec<RegionRecord> {
    let region = |name: &str, display_name: &str| RegionRecord {
        name: name.to_owned(),
        display_name: display_name.to_owned(),
        apps_domain: format!("{name}.scalingo.io"),
        git_host: format!("ssh.{name}.scalingo.com"),
        default: name == DEFAULT_REGION,
    };
    vec![
        region(DEFAULT_REGION, "Paris - Outscale"),
        region(SECNUM_REGION, "Paris - SecNumCloud - Outscale"),
    ]
}

/// The path a region's API is served under on the simulator's origin: the
/// root for the default region (as before there were regions, so that
/// single-region clients keep working), `/regions/<name>` for the others.
pub fn api_prefix(region: &RegionRecord) -> String {
    if region.default {
        String::new()
    } else {
        region_path(&region.name)
    }
}

/// `/regions/<name>`: where any region's API can be reached (the default
/// one's too, as an alias of the root).
pub fn region_path(name: &str) -> String {
    format!("/regions/{name}")
}

/// A size as a region sells it: the SKU names the region.
pub fn size_in_region(size: &ContainerSize, region: &str) -> ContainerSize {
    ContainerSize {
        sku: sku(region, &size.name),
        ..size.clone()
    }
}

fn sku(region: &str, size: &str) -> String {
    format!("{region}-app-{size}")
}

const MIB: u64 = 1024 * 1024;
/// Minutes in the 30 days `thirtydays_price` is quoted for.
const MINUTES_PER_30_DAYS: f64 = 30.0 * 24.0 * 60.0;

struct SizeSpec {
    id: &'static str,
    name: &'static str,
    cpu: &'static str,
    memory_mib: u64,
    pids_limit: u64,
    ordinal: i64,
    hourly_price: u64,
}

// Prices double with each size, like the memory. Both are euro cents, with
// the ratio of the documented M size (20 per hour, 1440 per 30 days).
const SIZES: [SizeSpec; 6] = [
    SizeSpec {
        id: "2a0ee1ec-5e35-4f3a-9d0b-8f3b1a7c5e01",
        name: "S",
        cpu: "low CPU priority",
        memory_mib: 256,
        pids_limit: 128,
        ordinal: 2,
        hourly_price: 10,
    },
    SizeSpec {
        id: "b46b1a69-085f-4b9a-ba01-241bd6f658fb",
        name: "M",
        cpu: "standard CPU priority",
        memory_mib: 512,
        pids_limit: 256,
        ordinal: 3,
        hourly_price: 20,
    },
    SizeSpec {
        id: "5c8d3f7e-1b2a-4c6d-8e9f-0a1b2c3d4e03",
        name: "L",
        cpu: "standard CPU priority",
        memory_mib: 1024,
        pids_limit: 512,
        ordinal: 4,
        hourly_price: 40,
    },
    SizeSpec {
        id: "7e1f4a2b-3c5d-4e6f-9a0b-1c2d3e4f5a04",
        name: "XL",
        cpu: "high CPU priority",
        memory_mib: 2048,
        pids_limit: 1024,
        ordinal: 5,
        hourly_price: 80,
    },
    SizeSpec {
        id: "9a2b5c3d-4e6f-4a7b-8c9d-2e3f4a5b6c05",
        name: "2XL",
        cpu: "high CPU priority",
        memory_mib: 4096,
        pids_limit: 2048,
        ordinal: 6,
        hourly_price: 160,
    },
    SizeSpec {
        id: "c3d6e4f5-6a7b-4c8d-9e0f-3a4b5c6d7e06",
        name: "3XL",
        cpu: "very high CPU priority",
        memory_mib: 8192,
        pids_limit: 4096,
        ordinal: 7,
        hourly_price: 320,
    },
];

pub fn container_sizes() -> Vec<ContainerSize> {
    SIZES
        .iter()
        .map(|spec| {
            let thirtydays_price = spec.hourly_price * 72;
            let per_minute = thirtydays_price as f64 / 100.0 / MINUTES_PER_30_DAYS;
            let mut pricings = Map::new();
            pricings.insert(
                "default".to_owned(),
                json!({
                    "price": format!("{per_minute:.10}"),
                    "currency": "EUR",
                    "period": "minute",
                }),
            );
            ContainerSize {
                id: spec.id.to_owned(),
                name: spec.name.to_owned(),
                human_name: spec.name.to_owned(),
                human_cpu: spec.cpu.to_owned(),
                memory: spec.memory_mib * MIB,
                swap: Some(spec.memory_mib * MIB),
                pids_limit: spec.pids_limit,
                ordinal: spec.ordinal,
                hourly_price: Some(spec.hourly_price),
                thirtydays_price: Some(thirtydays_price),
                pricings,
                sku: sku(DEFAULT_REGION, spec.name),
            }
        })
        .collect()
}

pub fn stacks() -> Vec<Stack> {
    let stack = |id: &str, name: &str, image: &str, created: &str, description: &str| Stack {
        id: id.to_owned(),
        name: name.to_owned(),
        base_image: Some(image.to_owned()),
        default: false,
        created_at: Some(created.to_owned()),
        description: Some(description.to_owned()),
        deprecated_at: None,
    };
    vec![
        Stack {
            deprecated_at: Some("2025-04-30T00:00:00.000Z".to_owned()),
            ..stack(
                "st-0b5e1c2a-7d3f-4e8a-9b6c-20a1f0e2d001",
                "scalingo-20",
                "scalingo/scalingo-20",
                "2020-11-16T09:00:00.000Z",
                "Ubuntu 20.04 LTS (deprecated)",
            )
        },
        Stack {
            default: true,
            ..stack(
                "st-4f7a2d9e-1c3b-4a5d-8e6f-22b3c4d5e002",
                "scalingo-22",
                "scalingo/scalingo-22",
                "2022-11-21T09:00:00.000Z",
                "Ubuntu 22.04 LTS",
            )
        },
        stack(
            "st-8c1d6e3f-2a4b-4c5d-9e7f-24c5d6e7f003",
            "scalingo-24",
            "scalingo/scalingo-24",
            "2025-01-13T09:00:00.000Z",
            "Ubuntu 24.04 LTS",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_follow_the_ladder() {
        let sizes = container_sizes();
        let m = sizes.iter().find(|s| s.name == "M").unwrap();
        assert_eq!((m.hourly_price, m.thirtydays_price), (Some(20), Some(1440)));
        assert_eq!(m.default_pricing().unwrap().price, "0.0003333333");
        assert_eq!(sizes.last().unwrap().memory, 8 * 1024 * MIB);
        assert_eq!(stacks().iter().filter(|s| s.default).count(), 1);
        assert_eq!(m.sku, "osc-fr1-app-M");
        assert_eq!(size_in_region(m, SECNUM_REGION).sku, "osc-secnum-fr1-app-M");
    }

    #[test]
    fn one_default_region_served_at_the_root() {
        let regions = regions();
        assert_eq!(regions.iter().filter(|r| r.default).count(), 1);
        assert_eq!(api_prefix(&regions[0]), "");
        assert_eq!(api_prefix(&regions[1]), "/regions/osc-secnum-fr1");
        assert_eq!(regions[1].git_host, "ssh.osc-secnum-fr1.scalingo.com");
    }
}
