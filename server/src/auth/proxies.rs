//! Which address a request comes from. `X-Forwarded-For` is written by whoever sends the
//! request, so it is believed only when the TCP peer is one of the operator's own proxies
//! (`ICSOE_PROXIES_CONFIABLES`, default none); then the client is the nearest hop, reading
//! right to left, that is not a trusted proxy. Every per-address limit and the audit trail use
//! this address, so a client cannot pick its own.

use std::net::IpAddr;

/// A network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`) or a single address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Red {
    base: IpAddr,
    prefijo: u8,
}

impl Red {
    /// Parses `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `addr/n`.
    pub fn parse(texto: &str) -> Option<Red> {
        let t = texto.trim();
        let (ip, prefijo) = match t.split_once('/') {
            Some((ip, n)) => (ip.parse::<IpAddr>().ok()?, Some(n.parse::<u8>().ok()?)),
            None => (t.parse::<IpAddr>().ok()?, None),
        };
        let maximo = if ip.is_ipv4() { 32 } else { 128 };
        let prefijo = prefijo.unwrap_or(maximo);
        (prefijo <= maximo).then_some(Red { base: ip, prefijo })
    }

    /// Whether `ip` is inside the network.
    pub fn contiene(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 => v4,
        };
        match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(i)) => {
                let mascara = u32::MAX
                    .checked_shl(32 - u32::from(self.prefijo))
                    .unwrap_or(0);
                u32::from(b) & mascara == u32::from(i) & mascara
            }
            (IpAddr::V6(b), IpAddr::V6(i)) => {
                let mascara = u128::MAX
                    .checked_shl(128 - u32::from(self.prefijo))
                    .unwrap_or(0);
                u128::from(b) & mascara == u128::from(i) & mascara
            }
            _ => false,
        }
    }
}

/// Parses a comma-separated list of networks; `Err` names the first entry that is not one.
pub fn parse_lista(texto: &str) -> Result<Vec<Red>, String> {
    texto
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Red::parse(t).ok_or_else(|| t.to_string()))
        .collect()
}

/// The client's address: the peer, unless the peer is a trusted proxy; then the nearest
/// untrusted `X-Forwarded-For` hop (right to left). A hop that is not an address ends the walk
/// at the last trusted one's sender, i.e. the proxy that wrote it.
pub fn cliente(peer: IpAddr, reenviado: Option<&str>, confiables: &[Red]) -> IpAddr {
    let confiable = |ip: IpAddr| confiables.iter().any(|r| r.contiene(ip));
    if !confiable(peer) {
        return peer;
    }
    let mut actual = peer;
    for salto in reenviado.unwrap_or("").rsplit(',') {
        let Ok(ip) = salto.trim().parse::<IpAddr>() else {
            return actual;
        };
        if !confiable(ip) {
            return ip;
        }
        actual = ip;
    }
    actual
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(t: &str) -> IpAddr {
        t.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_the_header_says() {
        assert_eq!(
            cliente(ip("203.0.113.9"), Some("1.2.3.4"), &[]),
            ip("203.0.113.9")
        );
        let red = parse_lista("10.0.0.0/8").unwrap();
        assert_eq!(
            cliente(ip("203.0.113.9"), Some("1.2.3.4"), &red),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let red = parse_lista("10.0.0.0/8, 192.168.1.5").unwrap();
        // The client forged the first hop; the proxy appended the real address.
        let xff = "6.6.6.6, 198.51.100.7, 192.168.1.5";
        assert_eq!(cliente(ip("10.1.2.3"), Some(xff), &red), ip("198.51.100.7"));
        assert_eq!(
            cliente(ip("10.1.2.3"), Some("basura"), &red),
            ip("10.1.2.3")
        );
        assert_eq!(cliente(ip("10.1.2.3"), None, &red), ip("10.1.2.3"));
    }

    #[test]
    fn networks_parse_and_match_for_both_families() {
        let r = Red::parse("2001:db8::/32").unwrap();
        assert!(r.contiene(ip("2001:db8:1::5")));
        assert!(!r.contiene(ip("2001:db9::1")));
        assert!(Red::parse("127.0.0.1")
            .unwrap()
            .contiene(ip("::ffff:127.0.0.1")));
        assert!(Red::parse("0.0.0.0/0").unwrap().contiene(ip("8.8.8.8")));
        assert_eq!(Red::parse("10.0.0.0/33"), None);
        assert_eq!(parse_lista("10.0.0.0/8, nada"), Err("nada".to_string()));
    }
}
