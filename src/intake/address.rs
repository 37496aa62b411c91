//! Whose comment it is, as far as flood control can tell: the reader's IP address.
//!
//! Behind nginx on the same host every connection comes from loopback, so only then is
//! `X-Forwarded-For` believed, and only its last entry: the one nginx appended. Entries
//! before it are whatever the reader sent. From any other peer the header is ignored:
//! a reader could write anything in it.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// The reader's address for a request that came from `peer`.
pub fn reader(peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let peer_ip = canonical(peer.ip());
    if !peer_ip.is_loopback() {
        return peer_ip;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|last| last.trim().parse::<IpAddr>().ok())
        .map(canonical)
        .unwrap_or(peer_ip)
}

/// `::ffff:127.0.0.1` is 127.0.0.1: one reader, one address, however the socket was bound.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_loopback() {
        let nginx: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let nginx6: SocketAddr = "[::1]:5000".parse().unwrap();
        let mapped: SocketAddr = "[::ffff:127.0.0.1]:5000".parse().unwrap();
        let stranger: SocketAddr = "203.0.113.9:5000".parse().unwrap();
        for (peer, xff, want) in [
            (nginx, vec!["198.51.100.7"], "198.51.100.7"),
            (nginx, vec!["1.1.1.1, 198.51.100.7"], "198.51.100.7"),
            (nginx, vec!["1.1.1.1", "198.51.100.7"], "198.51.100.7"),
            (nginx6, vec!["2001:db8::5"], "2001:db8::5"),
            (mapped, vec!["198.51.100.7"], "198.51.100.7"),
            (nginx, vec!["::ffff:198.51.100.7"], "198.51.100.7"),
            (nginx, vec![], "127.0.0.1"),
            (nginx, vec!["not an address"], "127.0.0.1"),
            (mapped, vec![], "127.0.0.1"),
            (stranger, vec!["198.51.100.7"], "203.0.113.9"),
        ] {
            assert_eq!(reader(peer, &headers(&xff)).to_string(), want, "{peer} {xff:?}");
        }
    }
}
