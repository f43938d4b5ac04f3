//! The SSRF guard (DESIGN.md §8): an article or a registry is untrusted input, and a URL in
//! it must not make citelint reach into the machine's own network. Only `http` and `https`
//! to public addresses are fetched. The check runs on the URL before the request (an IP
//! literal never reaches a resolver), in the DNS resolver for names, and again on every
//! redirect.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use url::{Host, Url};

/// Why a URL is not fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which addresses may be reached.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Guard {
    /// `--allow-private-network`: every address is allowed (tests, intranets).
    pub allow_private: bool,
}

impl Guard {
    /// Checks a URL before any request: its scheme, and its host when it is an address.
    pub fn check_url(&self, url: &Url) -> Result<(), Refusal> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refusal(format!(
                "only http and https URLs are fetched, not `{}:`",
                url.scheme()
            )));
        }
        if self.allow_private {
            return Ok(());
        }
        match url.host() {
            None => Err(Refusal("the URL has no host".into())),
            Some(Host::Ipv4(ip)) => self.check_ip(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => self.check_ip(IpAddr::V6(ip)),
            Some(Host::Domain(name)) => check_name(name),
        }
    }

    pub fn check_ip(&self, ip: IpAddr) -> Result<(), Refusal> {
        if self.allow_private {
            return Ok(());
        }
        match non_public(ip) {
            Some(what) => Err(Refusal(format!("{ip} is {what}; {PUBLIC_ONLY}"))),
            None => Ok(()),
        }
    }

    /// The resolved addresses that may be reached; an error when none may.
    pub fn filter_resolved(
        &self,
        host: &str,
        addrs: Vec<SocketAddr>,
    ) -> Result<Vec<SocketAddr>, Refusal> {
        if self.allow_private {
            return Ok(addrs);
        }
        let mut refused = None;
        let allowed: Vec<SocketAddr> = addrs
            .into_iter()
            .filter(|a| match non_public(a.ip()) {
                None => true,
                Some(what) => {
                    refused.get_or_insert((a.ip(), what));
                    false
                }
            })
            .collect();
        match (allowed.is_empty(), refused) {
            (true, Some((ip, what))) => Err(Refusal(format!(
                "`{host}` resolves to {ip}, {what}; {PUBLIC_ONLY}"
            ))),
            _ => Ok(allowed),
        }
    }
}

const PUBLIC_ONLY: &str =
    "citelint fetches only public addresses (--allow-private-network lifts this)";

/// Names that are local by definition, refused without asking a resolver.
fn check_name(name: &str) -> Result<(), Refusal> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let local = name == "localhost"
        || name.ends_with(".localhost")
        || name.ends_with(".local")
        || name.ends_with(".internal");
    if local {
        return Err(Refusal(format!(
            "`{name}` is a local host name; {PUBLIC_ONLY}"
        )));
    }
    Ok(())
}

/// What kind of non-public address `ip` is, or `None` for a public one.
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => "an unspecified (\"this network\") address",
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => "a private address",
        (127, _, _) => "a loopback address",
        (169, 254, _) => "a link-local address (cloud metadata lives here)",
        (100, 64..=127, _) => "a shared (CGNAT) address",
        (192, 0, 0) => "an IETF protocol address",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "a documentation address",
        (198, 18..=19, _) => "a benchmarking address",
        (224..=239, _, _) => "a multicast address",
        (240..=255, _, _) => "a reserved or broadcast address",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return non_public_v4(v4);
    }
    let s = ip.segments();
    Some(match s {
        [0, 0, 0, 0, 0, 0, 0, 0] => "an unspecified address",
        [0, 0, 0, 0, 0, 0, 0, 1] => "a loopback address",
        // IPv4-compatible (deprecated) addresses: judge the IPv4 inside.
        [0, 0, 0, 0, 0, 0, _, _] => {
            return non_public_v4(Ipv4Addr::from(((s[6] as u32) << 16) | s[7] as u32))
        }
        // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48): the IPv4 inside decides,
        // and the local-use prefix is never public.
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => {
            return non_public_v4(Ipv4Addr::from(((s[6] as u32) << 16) | s[7] as u32))
        }
        [0x64, 0xff9b, 1, ..] => "a local-use NAT64 address",
        [0x2001, 0xdb8, ..] => "a documentation address",
        [0x2001, 0..=0x1ff, ..] => "an IETF protocol address",
        [0x2002, ..] => {
            // 6to4 embeds an IPv4 address in segments 1 and 2.
            return non_public_v4(Ipv4Addr::from(((s[1] as u32) << 16) | s[2] as u32));
        }
        [first, ..] if first & 0xfe00 == 0xfc00 => "a unique-local (private) address",
        [first, ..] if first & 0xffc0 == 0xfe80 => "a link-local address",
        [first, ..] if first & 0xffc0 == 0xfec0 => "a site-local address",
        [first, ..] if first & 0xff00 == 0xff00 => "a multicast address",
        [0x100, 0, 0, 0, ..] => "a discard-only address",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> bool {
        Guard::default()
            .check_url(&Url::parse(url).unwrap())
            .is_err()
    }

    #[test]
    fn private_loopback_link_local_and_odd_forms_are_refused() {
        for url in [
            "http://127.0.0.1/",
            "http://127.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://localhost/",
            "http://LOCALHOST./",
            "http://printer.local/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:169.254.169.254]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:a00:1::]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::]/",
            "http://0.0.0.0/",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/",
            "http://172.16.0.1/",
            "http://192.168.1.1/",
            "http://100.64.0.1/",
            "http://192.0.2.1/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
            "file:///etc/passwd",
            "ftp://example.org/",
            "gopher://example.org/",
        ] {
            assert!(refused(url), "{url} was allowed");
        }
    }

    #[test]
    fn public_addresses_and_names_are_allowed() {
        for url in [
            "https://example.org/statement",
            "http://93.184.215.14/",
            "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/",
            "http://172.32.0.1/",
            "http://100.128.0.1/",
            "http://[64:ff9b::5db8:d70e]/",
        ] {
            assert!(!refused(url), "{url} was refused");
        }
    }

    #[test]
    fn the_reason_names_the_address_and_the_way_out() {
        let err = Guard::default()
            .check_url(&Url::parse("http://169.254.169.254/").unwrap())
            .unwrap_err();
        assert_eq!(
            err.0,
            "169.254.169.254 is a link-local address (cloud metadata lives here); citelint fetches only public addresses (--allow-private-network lifts this)"
        );
    }

    #[test]
    fn resolved_addresses_are_filtered_and_all_private_is_refused() {
        let guard = Guard::default();
        let public: SocketAddr = "93.184.215.14:443".parse().unwrap();
        let private: SocketAddr = "10.0.0.5:443".parse().unwrap();
        assert_eq!(
            guard.filter_resolved("a.example", vec![private, public]),
            Ok(vec![public])
        );
        let err = guard
            .filter_resolved("intranet.example", vec![private])
            .unwrap_err();
        assert!(err
            .0
            .starts_with("`intranet.example` resolves to 10.0.0.5, a private address;"));
        let open = Guard {
            allow_private: true,
        };
        assert_eq!(open.filter_resolved("x", vec![private]), Ok(vec![private]));
        assert!(open
            .check_url(&Url::parse("http://127.0.0.1/").unwrap())
            .is_ok());
    }
}
